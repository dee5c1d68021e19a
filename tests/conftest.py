"""Shared fixtures: the tiny valid case in tests/fixtures/mini-case and a copy of it to break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from broken_cases import replace_once_in

MINI_CASE = Path(__file__).parent / "fixtures" / "mini-case"


@pytest.fixture
def mini_case(tmp_path: Path) -> Path:
    """A fresh copy of the mini case that a test may edit."""
    return Path(shutil.copytree(MINI_CASE, tmp_path / "mini-case"))


@pytest.fixture
def replace_once():
    """The `replace_once_in(case_dir, file_name, old, new, encoding="utf-8")` helper, as a fixture."""
    return replace_once_in
