"""Shared fixtures: the tiny valid case in tests/fixtures/mini-case and a copy of it to break,
and headless Chromium for the browser tests."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from broken_cases import replace_once_in

from signalbrief.screenshots import CHROMIUM, launch_chromium

MINI_CASE = Path(__file__).parent / "fixtures" / "mini-case"


@pytest.fixture
def mini_case(tmp_path: Path) -> Path:
    """A fresh copy of the mini case that a test may edit."""
    return Path(shutil.copytree(MINI_CASE, tmp_path / "mini-case"))


@pytest.fixture
def replace_once():
    """The `replace_once_in(case_dir, file_name, old, new, encoding="utf-8")` helper, as a fixture."""
    return replace_once_in


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for every browser test; one per session, as Playwright's sync API allows."""
    if not CHROMIUM.exists():
        if os.environ.get("SIGNALBRIEF_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and SIGNALBRIEF_REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()
