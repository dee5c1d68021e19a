"""Start a new case: a folder with the article, empty tables and a datapackage.json to fill in.

The tables are the canonical schema's (signalbrief/schema/datapackage.json), each a CSV
with only its header, so the new case validates before any row is coded.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from signalbrief.casefiles import PACKAGE_FILE, SOURCE_FILE, load_schema
from signalbrief.errors import EXIT_OK, InputError, Problem

TITLE_PLACEHOLDER = "Title of the article (edit datapackage.json)"
CODEBOOK_STUB = """# {name}: codebook

The article is `source.txt`, verbatim; never edit it. Each CSV is one table of the case,
described in `datapackage.json` (copied from the canonical schema in
`signalbrief/schema/datapackage.json`; do not change its resources).

How to code the article, table by table, with the rules for stance, kind, cost, hedging,
dates and quotes: see the project's codebook in `data/README.md`.

Before coding, set `title` and `signalbrief_case.published_date` (YYYY-MM-DD) in
`datapackage.json`. Check the case at any time with

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
    """The case's datapackage.json: the canonical resources plus the case's own metadata.

    published_date is null (not yet known) rather than "", which the validator rejects
    as not a date; the README stub asks the coder to fill it in.
    """
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": TITLE_PLACEHOLDER,
        "signalbrief_case": {"published_date": None, "source": SOURCE_FILE},
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
            "canonical schema as a CSV holding only its header, a datapackage.json to fill in (title, "
            "published_date) and a README.md codebook stub. Refuses a folder that already has files, "
            "and an article that is not UTF-8 (exit 2)."
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
