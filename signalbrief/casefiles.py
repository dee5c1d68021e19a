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


def load_schema() -> dict:
    """Read the canonical case schema shipped with the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
