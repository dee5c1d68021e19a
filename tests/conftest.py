"""Shared fixtures: the tiny valid case in tests/fixtures/mini-case and a copy of it to break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINI_CASE = Path(__file__).parent / "fixtures" / "mini-case"


@pytest.fixture
def mini_case(tmp_path: Path) -> Path:
    """A fresh copy of the mini case that a test may edit."""
    return Path(shutil.copytree(MINI_CASE, tmp_path / "mini-case"))


def replace_once_in(case_dir: Path, file_name: str, old: str, new: str, encoding: str = "utf-8") -> None:
    """Replace text that must occur exactly once, so a test cannot silently break nothing."""
    path = case_dir / file_name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file_name}"
    path.write_bytes(text.replace(old, new).encode(encoding))


@pytest.fixture
def replace_once():
    """The `replace_once_in(case_dir, file_name, old, new, encoding="utf-8")` helper, as a fixture."""
    return replace_once_in
