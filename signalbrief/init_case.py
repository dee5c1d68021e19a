"""Start a new case: a folder with the article, empty tables and a datapackage.json to fill in.

The tables are the canonical schema's (signalbrief/schema/datapackage.json), each a CSV
with only its header. Every metadata field of datapackage.json is written; those the coder
must fill hold a placeholder (PLACEHOLDER_PREFIX, then how to fill the field: JSON has no
comments), which the validator refuses, so a new case fails validation naming each field
to fill until the coder has filled it.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from signalbrief.casefiles import PACKAGE_FILE, PLACEHOLDER_PREFIX, SOURCE_FILE, date_precisions, load_schema
from signalbrief.errors import EXIT_OK, InputError, Problem

# What the coder writes in each field of datapackage.json (data/README.md, `datapackage.json`).
TITLE_PLACEHOLDER = (
    f"{PLACEHOLDER_PREFIX} one line that describes the case: who says or does what, and the "
    "publication and month, e.g. 'The minister's promise to the port inspectors set against the "
    "union's denial (Bellmark News, March 2001)'"
)


def build_case_placeholders(resources: list[dict]) -> dict[str, str]:
    """The `signalbrief_case` fields the coder fills, each holding its placeholder."""
    *first, last = date_precisions(resources)
    return {
        "publication": (f"{PLACEHOLDER_PREFIX} the publication as the article gives it (name, volume, issue); "
                        "delete this field if the text has no publication"),
        "published_date": (f"{PLACEHOLDER_PREFIX} YYYY-MM-DD, the day the article appeared (the first of the "
                           "month or 1 January if it gives only the month or year; see data/README.md, Dates)"),
        "published_date_precision": f"{PLACEHOLDER_PREFIX} how exact published_date is: {', '.join(first)} or {last}",
        "published_date_rationale": (f"{PLACEHOLDER_PREFIX} how the date was worked out: stated in the dateline, "
                                     "or inferred from which words of the article"),
    }


CODEBOOK_STUB = """# {name}: codebook

The article is `source.txt`, verbatim; never edit it. Each CSV is one table of the case,
described in `datapackage.json` (copied from the canonical schema in
`signalbrief/schema/datapackage.json`; do not change its resources).

How to code the article, table by table, with the rules for stance, kind, cost, hedging,
dates and quotes: see the project's codebook in `data/README.md`.

Before coding, fill every field of `datapackage.json` that starts with "FILL IN:"
(`title`, and in `signalbrief_case` the publication, its date, the date's precision and
how the date was worked out): each says what to write. The validator refuses a field
still starting with "FILL IN:". Check the case at any time with

    python -m signalbrief validate {folder}

## Notes on this case

- Who coded it, when, and any choice a reader should know about.
"""


def read_article(source: Path) -> bytes:
    """Return the article's bytes, or raise InputError if it is missing or not UTF-8 text."""
    if not source.is_file():
        raise InputError(Problem(str(source), message="article not found"))
    data = source.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(Problem(str(source), message=(
            f"is not UTF-8 (byte {error.start} cannot be decoded); save the article as UTF-8 text"
        ))) from None
    return data


def build_header_csv(resource: dict) -> str:
    """The CSV text of an empty table: its header line only."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(field["name"] for field in resource["schema"]["fields"])
    return buffer.getvalue()


def build_datapackage(name: str, resources: list[dict]) -> dict:
    """The case's datapackage.json: the canonical resources plus every field of the case's
    own metadata, each the coder must fill holding its placeholder."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": TITLE_PLACEHOLDER,
        "signalbrief_case": {**build_case_placeholders(resources), "source": SOURCE_FILE},
        "resources": resources,
    }


def init_case(folder: Path, source: Path) -> list[Path]:
    """Create the case folder `folder` from the article `source`; return the files written.

    Refuses (InputError) a folder that already holds files, so nothing is overwritten.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(Problem(str(folder), message="already exists and is not an empty folder; choose a new folder"))
    article = read_article(source)
    resources = load_schema()["resources"]
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / SOURCE_FILE]
    written[0].write_bytes(article)
    for resource in resources:
        path = folder / resource["path"]
        path.write_text(build_header_csv(resource), encoding="utf-8", newline="")
        written.append(path)
    package = build_datapackage(folder.resolve().name, resources)
    written.append(folder / PACKAGE_FILE)
    written[-1].write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(folder / "README.md")
    written[-1].write_text(CODEBOOK_STUB.format(name=folder.resolve().name, folder=folder), encoding="utf-8")
    return written


def run_init_case(args: argparse.Namespace) -> int:
    """The `init-case` command: create the folder and list what was written."""
    for path in init_case(args.case_dir, args.source):
        print(path)
    return EXIT_OK


def add_init_case_parser(commands: argparse._SubParsersAction) -> None:
    """Add the `init-case` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "init-case", help="start a new case folder from an article",
        description=(
            "Create CASE_DIR with the article copied byte for byte to source.txt, every table of the "
            "canonical schema as a CSV holding only its header, a datapackage.json whose metadata fields "
            "(title, publication, published_date and its precision and rationale) hold 'FILL IN: ...' "
            "placeholders saying how to fill them, and a README.md codebook stub. validate refuses the case "
            "until every placeholder is replaced. Refuses a folder that already has files, and an article "
            "that is not UTF-8 (exit 2)."
        ),
        epilog=(
            "example:\n"
            "  python -m signalbrief init-case data/my-case --source ~/articles/my-article.txt\n"
            "  python -m signalbrief validate data/my-case"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("case_dir", type=Path, metavar="CASE_DIR", help="the new case folder (must not hold files)")
    parser.add_argument("--source", type=Path, required=True, metavar="ARTICLE.txt",
                        help="the article as UTF-8 text; copied unchanged")
    parser.set_defaults(run=run_init_case)
