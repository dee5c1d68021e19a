"""Load a case folder into a `Case`, checking every row against the canonical schema.

The rules come from signalbrief/schema/datapackage.json (types, required, enum, unique,
pattern, minimum/maximum, primaryKey, foreignKeys, list fields), so a new column or enum
value needs only a schema change. Rules specific to signalbrief cases: evidence quotes
must be verbatim source text at their offsets (empty offsets are refused with the offsets
where the quote is, when it is found); a signal may not link to itself; a signal rated in
the ACH matrix must be rated against every hypothesis; no signal or event (but a
deadline) is dated after the publication or after its own citation (outlets.cited_date),
each date taken as the period its precision allows (signalbrief.dates); the metadata
gives a title and a publication date with its precision and rationale, and keeps no
placeholder that `init-case` wrote (a value starting with PLACEHOLDER_PREFIX).

Every problem in the input is collected and reported together as a `CaseError`; a
traceback means a bug in this package, never bad input.

Rows are numbered as lines of the file: the header is line 1, the first data row line 2;
a row whose quoted cell spans several lines is named by the line it starts on.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import io
import json
import os
import re
from pathlib import Path

import pandas as pd

from signalbrief.case import TABLES, Case
from signalbrief.casefiles import (LEGACY_PLACEHOLDERS, PACKAGE_FILE, PLACEHOLDER_PREFIX, SCHEMA_DISPLAY_PATH, SOURCE_FILE,
                                   date_precisions, load_schema)
from signalbrief.dates import Period, date_period, is_after
from signalbrief.errors import CaseError, InputError, Problem


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INTEGER_SHAPE = re.compile(r"[+-]?[0-9]+")
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
QUOTE_COLUMNS = ("quote", "quote_start", "quote_end")
QUOTE_PREVIEW_LENGTH = 60
STRAIGHT_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
CASE_METADATA = "signalbrief_case"
# Kinds of row that may be dated after the publication and their citation: a deadline is a date set.
FUTURE_KINDS = {"events": ("deadline",)}
CITATIONS = "outlets"


@dataclasses.dataclass
class _Table:
    """One CSV file as read: its schema resource, display path, header and rows of cells.

    `lines` holds the line of each well-formed row, and `columns` its cells column by column
    (a column named twice keeps its last cells), so the checks over every cell of a large
    case run down columns.
    """

    resource: dict
    path: str
    header: list[str]
    lines: list[int]
    columns: dict[str, tuple[str, ...]]

    def fields(self) -> list[dict]:
        return self.resource["schema"]["fields"]


def load_case(path: str | os.PathLike) -> Case:
    """Read and validate the case folder at `path`.

    Returns a `Case` whose frames have the schema's columns in schema order, dates as
    datetime64, enums as categoricals with the schema's categories, integers as int64
    and empty optional cells as missing. Raises `CaseError` listing every problem found,
    sorted by file then row. Columns the schema does not know are errors, not ignored,
    because a misspelt optional column would otherwise vanish silently.
    """
    display = os.fspath(path)
    folder = Path(path)
    if not folder.exists():
        raise CaseError(Problem(display, message="case folder does not exist"))
    if not folder.is_dir():
        raise CaseError(Problem(display, message="is not a folder (expected a case folder)"))

    schema = load_schema()
    problems = check_schema_conventions(schema)
    source, source_problems = _read_source(folder, display)
    problems += source_problems
    metadata, published, package_problems = _read_package(folder, display, schema)
    problems += package_problems

    tables: dict[str, _Table] = {}
    for resource in schema["resources"]:
        table, table_problems = _read_table(folder, display, resource)
        problems += table_problems
        if table is not None:
            tables[resource["name"]] = table
            problems += _check_cells(table)
            problems += _check_unique(table)
    problems += _check_foreign_keys(tables)
    problems += _check_quotes(tables.values(), source)
    problems += _check_self_links(tables)
    problems += _check_ach_complete(tables)
    problems += _check_link_direction(tables)
    problems += _check_precisions_given(tables.values())
    problems += _check_dates_not_later(tables, published, os.path.join(display, PACKAGE_FILE))

    if problems:
        raise CaseError(sorted(problems, key=lambda p: (p.path, p.row or 0)))
    frames = {name: _build_frame(tables[name]) for name in TABLES}
    return Case(source=source, path=display, **metadata, **frames)


def read_source(path: str | os.PathLike) -> str:
    """Return the text of the case's source.txt, or raise `InputError` saying why not."""
    display = os.fspath(path)
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(Problem(display, message="case folder does not exist"))
    source, problems = _read_source(folder, display)
    if problems:
        raise InputError(problems)
    return source


def find_occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of every occurrence of `words` in `text`."""
    spans = []
    start = text.find(words)
    while words and start != -1:
        spans.append((start, start + len(words)))
        start = text.find(words, start + 1)
    return spans


def find_with_straight_quotes(text: str, words: str) -> list[tuple[int, int]]:
    """Find `words` ignoring the difference between curly and straight quotation marks.

    The translation is one character for one, so the offsets are valid in `text`.
    """
    return find_occurrences(text.translate(STRAIGHT_QUOTES), words.translate(STRAIGHT_QUOTES))


def check_schema_conventions(schema: dict) -> list[Problem]:
    """Check the schema's own conventions: every `<name>_date` field has a
    `<name>_date_precision` sibling with an enum, required exactly when the date is, so no
    date is shown more exact than it is (`_check_precisions_given` checks optional pairs)."""
    problems = []
    for resource in schema["resources"]:
        fields = {field["name"]: field for field in resource["schema"]["fields"]}
        for name, field in fields.items():
            if field["type"] != "date":
                continue
            sibling = fields.get(f"{name}_precision", {})
            constraints = sibling.get("constraints", {})
            date_required = bool(field.get("constraints", {}).get("required"))
            if not (constraints.get("enum") and bool(constraints.get("required")) == date_required):
                needed = "a required" if date_required else "an optional"
                problems.append(Problem(
                    SCHEMA_DISPLAY_PATH, column=f"{resource['name']}.{name}",
                    message=f"date field needs {needed} '{name}_precision' field with an enum",
                ))
    return problems


def _read_text(file_path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8, naming the line of the first bad byte if it is not."""
    if file_path.is_dir():
        return None, [Problem(display, message="is a folder, not a file")]
    if not file_path.is_file():
        return None, [Problem(display, message="file is missing")]
    try:
        data = file_path.read_bytes()
    except OSError as error:
        return None, [Problem(display, message=f"cannot be read ({error.strerror or error})")]
    if not data.strip():
        return None, [Problem(display, message="file is empty")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad_byte = data[error.start]
        return None, [Problem(display, line, message=(
            f"not UTF-8: byte 0x{bad_byte:02x} cannot be decoded (save the file as UTF-8)"
        ))]


def _read_source(folder: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read source.txt exactly as stored: UTF-8, line endings untouched, so offsets hold."""
    return _read_text(folder / SOURCE_FILE, os.path.join(display, SOURCE_FILE))


def _read_package(folder: Path, display: str, schema: dict) -> tuple[dict, tuple[str, str] | None, list[Problem]]:
    """Read the case's datapackage.json: its metadata, and resources equal to the canonical ones.

    Returns the metadata `Case` takes, the publication date and precision as given (None
    unless both are valid, for the checks of dates against it), and the problems.
    """
    package_path = os.path.join(display, PACKAGE_FILE)
    metadata = {"title": "", "published_date": None}
    text, problems = _read_text(folder / PACKAGE_FILE, package_path)
    if text is None:
        return metadata, None, problems
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        return metadata, None, [Problem(package_path, error.lineno, message=f"is not valid JSON: {error.msg}")]
    if not isinstance(package, dict):
        return metadata, None, [Problem(package_path, message="must be a JSON object")]

    placeholders = _find_placeholders(package, text, package_path)
    problems += placeholders
    left_in = {problem.column for problem in placeholders}
    title = package.get("title")
    if isinstance(title, str) and title.strip():
        metadata["title"] = title
    elif "title" not in left_in:
        problems.append(Problem(package_path, column="title", message="the case needs a title (a non-empty string)"))
    case_metadata = package.get(CASE_METADATA)
    if not isinstance(case_metadata, dict):
        problems.append(Problem(package_path, _line_of_key(text, CASE_METADATA), CASE_METADATA, (
            "must be an object with published_date, published_date_precision and published_date_rationale"
        )))
        case_metadata = {}
    published, published_problems = _read_published_date(case_metadata, text, package_path, schema, left_in)
    problems += published_problems
    if published is not None:
        metadata["published_date"] = _parse_date(published[0])
    problems += _compare_resources(package.get("resources"), schema["resources"], package_path)
    return metadata, published, problems


def _line_of_key(text: str, key: str) -> int | None:
    """The line of datapackage.json where `key` is first written as a key, if it is; a dotted
    key ("signalbrief_case.published_date") is looked for after its parent's key."""
    start = 0
    for part in key.split("."):
        match = re.compile(rf'"{re.escape(part)}"\s*:').search(text, start)
        if match is None:
            return None
        start = match.end()
    return text.count("\n", 0, match.start()) + 1


def _find_placeholders(package: dict, text: str, package_path: str) -> list[Problem]:
    """Every metadata value (top level, or inside signalbrief_case) that still holds init-case's placeholder."""
    found = [(key, value) for key, value in package.items() if key != "resources"]
    nested = package.get(CASE_METADATA)
    if isinstance(nested, dict):
        found += [(f"{CASE_METADATA}.{key}", value) for key, value in nested.items()]
    return [
        Problem(package_path, _line_of_key(text, key), key, (
            f"init-case's placeholder is still here ({_preview(value)!r}); replace it as it says"
        ))
        for key, value in found
        if isinstance(value, str) and (value.strip().startswith(PLACEHOLDER_PREFIX) or value.strip() in LEGACY_PLACEHOLDERS)
    ]


def _read_published_date(case_metadata: dict, text: str, package_path: str, schema: dict,
                         left_in: set[str]) -> tuple[tuple[str, str] | None, list[Problem]]:
    """The publication date and its precision (both required, the precision from the schema's
    date precisions), and the rationale for them; (date, precision) when both are valid."""
    precisions = date_precisions(schema["resources"])
    problems = []
    values = {}
    for key, needed in (
        ("published_date", "the publication date (YYYY-MM-DD); the brief states it and every date is checked against it"),
        ("published_date_precision", f"how exact published_date is ({', '.join(precisions)})"),
        ("published_date_rationale", "how the publication date was worked out"),
    ):
        column = f"{CASE_METADATA}.{key}"
        value = case_metadata.get(key)
        if column in left_in:
            continue
        if not isinstance(value, str) or not value.strip():
            # a missing field is named at the line of the object that lacks it
            where = column if key in case_metadata else CASE_METADATA
            problems.append(Problem(package_path, _line_of_key(text, where), column, f"the case needs {needed}"))
            continue
        values[key] = value
        line = _line_of_key(text, column)
        if key == "published_date" and isinstance(_parse_date(value), str):
            problems.append(Problem(package_path, line, column, f"{value!r} is not a date (expected YYYY-MM-DD)"))
            del values[key]
        elif key == "published_date_precision" and value not in precisions:
            problems.append(Problem(package_path, line, column, (
                f"{value!r} is not allowed (allowed: {', '.join(precisions)})"
            )))
            del values[key]
    if "published_date" in values and "published_date_precision" in values:
        return (values["published_date"], values["published_date_precision"]), problems
    return None, problems


def _compare_resources(resources: object, canonical: list[dict], package_path: str) -> list[Problem]:
    """Name each resource of the case's datapackage.json that differs from the canonical schema."""
    hint = f"copy it from {SCHEMA_DISPLAY_PATH}"
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return [Problem(package_path, column="resources", message=f"must be a list of resources; {hint}")]
    given = {str(resource.get("name")): resource for resource in resources}
    problems = []
    for expected in canonical:
        name = expected["name"]
        actual = given.get(name)
        if actual is None:
            problems.append(Problem(package_path, column="resources", message=f"resource '{name}' is missing; {hint}"))
        elif actual != expected:
            problems.append(Problem(package_path, column="resources", message=(
                f"resource '{name}' differs from the canonical schema ({_describe_difference(actual, expected)}); {hint}"
            )))
    known = {resource["name"] for resource in canonical}
    for name in given:
        if name not in known:
            problems.append(Problem(package_path, column="resources", message=f"unknown resource '{name}'"))
    return problems


def _describe_difference(actual: dict, expected: dict) -> str:
    """Say where a resource first differs: which field, or which top-level key."""
    schema = actual.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    actual_fields = {str(f.get("name")): f for f in fields if isinstance(f, dict)} if isinstance(fields, list) else {}
    for field in expected["schema"]["fields"]:
        if actual_fields.get(field["name"]) != field:
            return f"field '{field['name']}'"
    for key in sorted(set(actual) | set(expected)):
        if actual.get(key) != expected.get(key):
            return f"'{key}'"
    return "field order"


def _read_table(folder: Path, display: str, resource: dict) -> tuple[_Table | None, list[Problem]]:
    """Parse one CSV file into header and rows, checking its columns against the schema."""
    file_name = resource["path"]
    table_path = os.path.join(display, file_name)
    text, problems = _read_text(folder / file_name, table_path)
    if text is None:
        return None, problems
    text = text.removeprefix("\ufeff")

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            if record:
                records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as error:
        return None, [Problem(table_path, line, message=(
            f"the row starting on this line does not parse as CSV ({error}); look for an unclosed quote character (\")"
        ))]

    if not records:
        return None, [Problem(table_path, message="file is empty")]
    (_, header), *body = records
    problems += _check_header(header, resource, table_path)
    kept = []
    for line, record in body:
        if len(record) != len(header):
            problems.append(Problem(table_path, line, message=(
                f"row has {len(record)} cells but the header has {len(header)}"
            )))
        else:
            kept.append((line, record))
    transposed = zip(*(record for _, record in kept)) if kept else ((),) * len(header)
    return _Table(resource, table_path, header, [line for line, _ in kept], dict(zip(header, transposed))), problems


def _check_header(header: list[str], resource: dict, table_path: str) -> list[Problem]:
    """Every required column present, no unknown or repeated column."""
    fields = resource["schema"]["fields"]
    names = [field["name"] for field in fields]
    problems = []
    for field in fields:
        if field["name"] not in header and field.get("constraints", {}).get("required"):
            problems.append(Problem(table_path, 1, field["name"], "required column is missing"))
    seen = set()
    for column in header:
        if column not in names:
            problems.append(Problem(table_path, 1, column, (
                f"unknown column {column!r} (the schema has: {', '.join(names)})"
            )))
        elif column in seen:
            problems.append(Problem(table_path, 1, column, "column appears twice in the header"))
        seen.add(column)
    return problems


def _is_empty(value: str | None) -> bool:
    return value is None or not value.strip()


def _parse_date(value: str) -> dt.date | str:
    """Return the date, or a message saying why `value` is not an ISO date."""
    if not DATE_SHAPE.fullmatch(value):
        return f"expected YYYY-MM-DD, got {value!r}"
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return f"{value} is not a date"


def _check_value(field: dict, value: str) -> str | None:
    """Return what is wrong with a non-empty cell under its field's type and constraints."""
    constraints = field.get("constraints", {})
    if field["type"] == "integer":
        if not INTEGER_SHAPE.fullmatch(value):
            return f"expected an integer, got {value!r}"
        number = int(value)
        if not INT64_MIN <= number <= INT64_MAX:
            return f"{value} is too large for an integer"
        return _check_range(number, constraints)
    if field["type"] == "date":
        parsed = _parse_date(value)
        return parsed if isinstance(parsed, str) else None
    if "enum" in constraints and value not in constraints["enum"]:
        return f"{value!r} is not allowed (allowed: {', '.join(constraints['enum'])})"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"{value!r} does not match the pattern {constraints['pattern']}"
    return None


def _check_range(number: int, constraints: dict) -> str | None:
    """Say whether `number` lies outside the field's minimum and maximum."""
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None and not low <= number <= high:
        return f"{number} is outside the allowed range {low} to {high}"
    if low is not None and number < low:
        return f"{number} is below the minimum {low}"
    if high is not None and number > high:
        return f"{number} is above the maximum {high}"
    return None


def _has_rules(field: dict) -> bool:
    """Whether a non-empty cell of the field can break a rule: free text without enum or pattern cannot."""
    constraints = field.get("constraints", {})
    return field["type"] != "string" or "enum" in constraints or "pattern" in constraints


def _check_cells(table: _Table) -> list[Problem]:
    """Check each present cell: required values given, and types and constraints met.

    Column by column, with the common cases (free text, an allowed enum value) decided
    without a call per cell, so a case of 100,000 signals validates in seconds.
    """
    problems = []
    # _check_quotes reports empty offsets beside a quote, with the offsets where the quote is.
    offsets_checked_with_quote = set(QUOTE_COLUMNS[1:]) if set(QUOTE_COLUMNS) <= set(table.header) else set()
    for field in table.fields():
        name = field["name"]
        if name not in table.header:
            continue
        constraints = field.get("constraints", {})
        required = constraints.get("required", False) and name not in offsets_checked_with_quote
        allowed = set(constraints.get("enum", ())) if field["type"] == "string" and "pattern" not in constraints else set()
        has_rules = _has_rules(field)
        for line, value in zip(table.lines, table.columns[name]):
            if not value.strip():
                if required:
                    problems.append(Problem(table.path, line, name, "required value is empty"))
                continue
            if not has_rules or value in allowed:
                continue
            message = _check_value(field, value)
            if message:
                problems.append(Problem(table.path, line, name, message))
    return problems


def _check_unique(table: _Table) -> list[Problem]:
    """Unique fields and the primary key: name each repeat and the row it first appeared on."""
    schema = table.resource["schema"]
    keys = [[field["name"]] for field in schema["fields"] if field.get("constraints", {}).get("unique")]
    if schema.get("primaryKey") and schema["primaryKey"] not in keys:
        keys.append(schema["primaryKey"])
    problems = []
    for key in keys:
        if not all(name in table.header for name in key):
            continue
        first_seen: dict[tuple[str, ...], int] = {}
        for line, values in zip(table.lines, zip(*(table.columns[name] for name in key))):
            if any(_is_empty(value) for value in values):
                continue
            if values in first_seen:
                problems.append(Problem(table.path, line, ", ".join(key), (
                    f"{', '.join(map(repr, values))} is a duplicate: it already appears on row {first_seen[values]}"
                )))
            else:
                first_seen[values] = line
    return problems


def _unresolved(value: str, known: set[str], target_file: str) -> str:
    """Message for a reference that does not resolve, suggesting the nearest known value."""
    message = f"{value!r} is not in {target_file}"
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"{message} (did you mean {close[0]!r}?)" if close else message


def _references(table: _Table) -> list[tuple[list[str], str, list[str], str | None]]:
    """The table's references as (fields, target resource, target fields, list separator or None)."""
    references = [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"], None)
                  for fk in table.resource["schema"].get("foreignKeys", [])]
    for field in table.fields():
        if "signalbrief_list_reference" in field:
            reference = field["signalbrief_list_reference"]
            references.append(([field["name"]], reference["resource"], [reference["field"]],
                               field["signalbrief_list_separator"]))
    return references


def _check_foreign_keys(tables: dict[str, _Table]) -> list[Problem]:
    """Every foreign key, and every item of a list-reference field, names an existing row."""
    problems = []
    for table in tables.values():
        for fields, target_name, target_fields, separator in _references(table):
            target = tables.get(target_name)
            if target is None or not set(fields) <= set(table.header) or not set(target_fields) <= set(target.header):
                continue
            known = {", ".join(values) for values in zip(*(target.columns[name] for name in target_fields))}
            target_file = os.path.basename(target.path)
            column = ", ".join(fields)
            for line, values in zip(table.lines, zip(*(table.columns[name] for name in fields))):
                if not all(value.strip() for value in values):
                    continue
                value = ", ".join(values)
                if separator is None and value in known:
                    continue  # the common case, decided without building a list of items
                items = [value] if separator is None else [item.strip() for item in value.split(separator)]
                for item in items:
                    if not item:
                        problems.append(Problem(table.path, line, column, (
                            f"empty item in the {separator!r}-separated list {value!r}"
                        )))
                    elif item not in known:
                        problems.append(Problem(table.path, line, column, _unresolved(item, known, target_file)))
    return problems


def _preview(text: str) -> str:
    return text if len(text) <= QUOTE_PREVIEW_LENGTH else text[: QUOTE_PREVIEW_LENGTH - 1] + "\u2026"


def _format_spans(spans: list[tuple[int, int]]) -> str:
    return ", ".join(f"{start}:{end}" for start, end in spans)


def _check_quotes(tables, source: str | None) -> list[Problem]:
    """Each evidence quote is verbatim source text and its offsets cover exactly it; offsets left
    empty are named with where the quote is. With no readable source, only empty offsets are checked."""
    problems = []
    for table in tables:
        if not all(column in table.header for column in QUOTE_COLUMNS):
            continue
        fields = {field["name"]: field for field in table.fields()}
        for line, quote, *offsets in zip(table.lines, *(table.columns[column] for column in QUOTE_COLUMNS)):
            empty = [column for value, column in zip(offsets, QUOTE_COLUMNS[1:]) if _is_empty(value)]
            if empty:
                problems.append(_describe_empty_offsets(table.path, line, quote, empty, source))
            if source is None or _is_empty(quote):
                continue
            offsets_usable = not any(
                _is_empty(v) or _check_value(fields[c], v) for v, c in zip(offsets, QUOTE_COLUMNS[1:])
            )
            start, end = map(int, offsets) if offsets_usable else (0, 0)
            if offsets_usable and start < end and source[start:end] == quote:
                continue  # the common case: offsets cover the quote; no need to search the source
            spans = find_occurrences(source, quote)
            if not spans:
                message = f"quote \"{_preview(quote)}\" is not in {SOURCE_FILE}"
                near = find_with_straight_quotes(source, quote)
                if near:
                    message += f" (it is at {_format_spans(near)} with different quotation marks)"
                problems.append(Problem(table.path, line, "quote", message))
            if not offsets_usable:
                continue
            if start >= end:
                problems.append(Problem(table.path, line, "quote_start", (
                    f"quote_start {start} must be less than quote_end {end}"
                )))
            elif spans:
                covered = source[start:end]
                beyond = f" (source.txt has {len(source)} characters)" if end > len(source) else ""
                problems.append(Problem(table.path, line, "quote_start", (
                    f"offsets {start}:{end} cover '{_preview(covered)}'{beyond}; the quote is at {_format_spans(spans)}"
                )))
    return problems


def _describe_empty_offsets(path: str, line: int, quote: str, empty: list[str], source: str | None) -> Problem:
    """Offsets left empty: say where the quote is in source.txt, found as `locate` finds it."""
    column = ", ".join(empty)
    spans = [] if source is None or _is_empty(quote) else find_occurrences(source, quote)
    if len(spans) == 1:
        (start, end), = spans
        return Problem(path, line, column, (
            f"empty; the quote is at {start}:{end}, so quote_start is {start} and quote_end is {end}"
        ))
    if spans:
        return Problem(path, line, column, (
            f"empty; the quote occurs {len(spans)} times, at {_format_spans(spans)}: "
            "take the occurrence that carries this row"
        ))
    hint = ("fill quote first" if _is_empty(quote) else f"{SOURCE_FILE} cannot be read" if source is None
            else f"the quote is not in {SOURCE_FILE} either")
    return Problem(path, line, column, f"required value is empty ({hint}; then python -m signalbrief locate)")


def _check_self_links(tables: dict[str, _Table]) -> list[Problem]:
    """A signal cannot corroborate, contradict or answer itself."""
    links = tables.get("links")
    if links is None or not {"from_signal_id", "to_signal_id"} <= set(links.header):
        return []
    return [
        Problem(links.path, line, "to_signal_id", f"signal {source!r} links to itself")
        for line, source, target in zip(links.lines, links.columns["from_signal_id"], links.columns["to_signal_id"])
        if not _is_empty(source) and source == target
    ]


def _check_precisions_given(tables) -> list[Problem]:
    """An optional date and its precision are given together: a date without one would be
    shown more exact than the article allows, a precision without a date means nothing."""
    problems = []
    for table in tables:
        for field in table.fields():
            name = field["name"]
            precision = f"{name}_precision"
            if field["type"] != "date" or precision not in table.header or name not in table.header:
                continue
            for line, date, date_precision in zip(table.lines, table.columns[name], table.columns[precision]):
                if _is_empty(date) and not _is_empty(date_precision):
                    problems.append(Problem(table.path, line, name, f"{precision} is given but {name} is empty"))
                elif not _is_empty(date) and _is_empty(date_precision):
                    problems.append(Problem(table.path, line, precision, f"{name} is given but {precision} is empty"))
    return problems


def _check_link_direction(tables: dict[str, _Table]) -> list[Problem]:
    """contradicts and denies run from the later signal to the earlier claim or commitment it stands
    against (only `to` loses corroboration): a link whose `to` surely came after its `from` (every
    day `to`'s date may stand for is after every day `from`'s may, `signalbrief.dates`) is reversed."""
    links, signals = tables.get("links"), tables.get("signals")
    if links is None or signals is None or not {"signal_id", "signal_date", "signal_date_precision"} <= set(
            signals.header) or not {"from_signal_id", "to_signal_id", "relation"} <= set(links.header):
        return []
    periods: dict[str, tuple[Period, str]] = {}
    for signal_id, period, date in zip(signals.columns["signal_id"], _row_periods(signals, "signal_date"),
                                       signals.columns["signal_date"]):
        if period is not None:
            periods.setdefault(signal_id, (period, date))
    problems = []
    for line, source, target, relation in zip(links.lines, links.columns["from_signal_id"],
                                              links.columns["to_signal_id"], links.columns["relation"]):
        if relation not in ("contradicts", "denies") or source not in periods or target not in periods:
            continue
        (source_period, source_date), (target_period, target_date) = periods[source], periods[target]
        if is_after(target_period, source_period):
            problems.append(Problem(links.path, line, "from_signal_id", (
                f"{relation} runs from {source!r} ({source_date}) to the later {target!r} "
                f"({target_date}): from is the later signal, to the earlier one it stands against")))
    return problems


def _row_periods(table: _Table, name: str) -> list[Period | None]:
    """The period each row's date `name` stands for at its precision; None where either cell is
    empty or invalid (reported by the cell checks). Each distinct pair is worked out once."""
    precision = f"{name}_precision"
    if name not in table.header or precision not in table.header:
        return [None] * len(table.lines)
    allowed = set(next(f for f in table.fields() if f["name"] == precision).get("constraints", {}).get("enum", ()))
    periods: dict[tuple[str, str], Period | None] = {}
    for pair in zip(table.columns[name], table.columns[precision]):
        if pair not in periods:
            date = _parse_date(pair[0])
            periods[pair] = date_period(date, pair[1]) if isinstance(date, dt.date) and pair[1] in allowed else None
    return [periods[pair] for pair in zip(table.columns[name], table.columns[precision])]


def _check_dates_not_later(tables: dict[str, _Table], published: tuple[str, str] | None,
                           package_path: str) -> list[Problem]:
    """No date lies wholly after the publication, and no signal or event wholly after the date of
    the citation that reports it (outlets.cited_date); the kinds in FUTURE_KINDS are exempt.

    Dates are compared as periods (signalbrief.dates): a month-precision date is after a
    day only when the whole month is.
    """
    citations = tables.get(CITATIONS)
    cited: dict[str, tuple[Period, str, int]] = {}
    if citations is not None and "outlet_id" in citations.header:
        for line, outlet, period, date, precision in zip(
                citations.lines, citations.columns["outlet_id"], _row_periods(citations, "cited_date"),
                citations.columns.get("cited_date", ()), citations.columns.get("cited_date_precision", ())):
            if period is not None:
                cited.setdefault(outlet, (period, f"{date} ({precision})", line))
    published_period = date_period(_parse_date(published[0]), published[1]) if published else None
    package_file = os.path.basename(package_path)
    problems = []
    for name, table in tables.items():
        exempt = FUTURE_KINDS.get(name, ())
        kinds = table.columns.get("kind", ("",) * len(table.lines)) if exempt else ()
        outlets = table.columns.get("outlet_id") if name != CITATIONS and cited else None
        for field in table.fields():
            date_name = field["name"]
            if field["type"] != "date" or date_name not in table.header:
                continue
            periods = _row_periods(table, date_name)
            precisions = table.columns.get(f"{date_name}_precision", ())  # read only where a period was found
            for index, (line, period) in enumerate(zip(table.lines, periods)):
                if period is None or (exempt and kinds[index] in exempt):
                    continue
                given = f"{table.columns[date_name][index]} ({precisions[index]})"
                if published_period and is_after(period, published_period):
                    problems.append(Problem(table.path, line, date_name, (
                        f"{given} is after the publication date {published[0]} ({published[1]}) in {package_file}: "
                        "the article cannot report what had not happened"
                    )))
                citation = cited.get(outlets[index]) if outlets is not None else None
                if citation and is_after(period, citation[0]):
                    problems.append(Problem(table.path, line, date_name, (
                        f"{given} is after {citation[1]}, the date of its citation {outlets[index]!r} "
                        f"({os.path.basename(citations.path)}:{citation[2]}): a source cannot report what had not happened"
                    )))
    return problems


def _check_ach_complete(tables: dict[str, _Table]) -> list[Problem]:
    """A signal rated against one hypothesis must be rated against all, or the scores are skewed."""
    ach, hypotheses = tables.get("ach"), tables.get("hypotheses")
    if ach is None or hypotheses is None:
        return []
    if "hypothesis_id" not in hypotheses.header or not {"hypothesis_id", "signal_id"} <= set(ach.header):
        return []
    all_hypotheses = [hypothesis for hypothesis in hypotheses.columns["hypothesis_id"] if not _is_empty(hypothesis)]
    rated: dict[str, set[str]] = {}
    first_line: dict[str, int] = {}
    for line, signal, hypothesis in zip(ach.lines, ach.columns["signal_id"], ach.columns["hypothesis_id"]):
        if _is_empty(signal):
            continue
        rated.setdefault(signal, set()).add(hypothesis)
        first_line.setdefault(signal, line)
    problems = []
    for signal, hypothesis_ids in rated.items():
        missing = [h for h in all_hypotheses if h not in hypothesis_ids]
        if missing:
            problems.append(Problem(ach.path, first_line[signal], "hypothesis_id", (
                f"signal {signal!r} is not rated against {', '.join(map(repr, missing))}"
                " (a rated signal needs a row for every hypothesis)"
            )))
    return problems


def _to_series(field: dict, values: list[str | None]) -> pd.Series:
    """Convert checked cells to the field's dtype; None stands for an empty cell."""
    constraints = field.get("constraints", {})
    if field["type"] == "integer":
        dtype = "int64" if constraints.get("required") else "Int64"
        return pd.Series([None if v is None else int(v) for v in values], dtype=dtype)
    if field["type"] == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d")).astype("datetime64[us]")
    if "enum" in constraints:
        return pd.Series(pd.Categorical(values, categories=constraints["enum"]))
    return pd.Series(values, dtype="str")


def _build_frame(table: _Table) -> pd.DataFrame:
    """One DataFrame with the schema's columns in schema order; missing optional columns are empty."""
    columns = {}
    for field in table.fields():
        name = field["name"]
        if name in table.header:
            values = [value if value.strip() else None for value in table.columns[name]]
        else:
            values = [None] * len(table.lines)
        columns[name] = _to_series(field, values)
    return pd.DataFrame(columns)
