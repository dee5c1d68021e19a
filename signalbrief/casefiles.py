"""The files of a case folder and the canonical schema they follow: names only, no pandas.

Kept apart from `signalbrief.validate` (which needs pandas, 0.25 s to import) so that the
command line can name these files before it has started a render's kernel.
"""
from __future__ import annotations

import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).parent / "schema" / "datapackage.json"
SCHEMA_DISPLAY_PATH = "signalbrief/schema/datapackage.json"
SOURCE_FILE = "source.txt"
PACKAGE_FILE = "datapackage.json"
# What `init-case` writes in each metadata field the coder must fill, followed by how to
# fill it (JSON has no comments); the validator refuses any metadata value that starts with it.
PLACEHOLDER_PREFIX = "FILL IN:"
# The title placeholder init-case wrote before it wrote PLACEHOLDER_PREFIX, still refused in older cases.
LEGACY_PLACEHOLDERS = ("Title of the article (edit datapackage.json)",)


def load_schema() -> dict:
    """Read the canonical case schema shipped with the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def date_precisions(resources: list[dict]) -> list[str]:
    """The date precisions of the schema's `resources`: those of events.event_date_precision
    (every `*_date_precision` field has the same; a case's publication date takes one of them)."""
    events = next(resource for resource in resources if resource["name"] == "events")
    field = next(field for field in events["schema"]["fields"] if field["name"] == "event_date_precision")
    return field["constraints"]["enum"]
