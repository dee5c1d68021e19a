"""The rendered report in headless Chromium: charts draw offline, tooltips show the quote, hostile text stays text;
the page nbconvert makes draws every chart offline; JupyterLab draws every chart of a regenerated notebook offline.

Uses Debian's /usr/bin/chromium through Playwright (no browser download; the `browser`
fixture is in conftest.py). Without it the tests skip, unless SIGNALBRIEF_REQUIRE_BROWSER
is set (CI), where they fail. Every request other than for the page's own folder (or, for
JupyterLab, localhost) is aborted and recorded. Writes a screenshot of the brief to
build/screenshots/brief.png (outside the committed tree).
"""
from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_render import write_hostile_case

from signalbrief.screenshots import wait_for_charts

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "data" / "russia-iran-2000"
SCREENSHOT = REPO / "build" / "screenshots" / "brief.png"
BIN = Path(sys.executable).parent
# JupyterLab has its own venv, made by `make setup` (requirements-lab.txt).
LAB_BIN = REPO / ".venv-lab" / "bin"


def render(case: Path, out_dir: Path, *options: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "signalbrief", "render", "--case", str(case), "--out", str(out_dir / "brief.html"),
         "--debug-dir", str(out_dir.parent / "debug"), *options],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    return out_dir


@pytest.fixture(scope="session")
def case_report(tmp_path_factory) -> Path:
    return render(CASE, tmp_path_factory.mktemp("case") / "report")


@pytest.fixture(scope="session")
def hostile_browser_report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-browser")
    return render(write_hostile_case(root / "hostile-case"), root / "report")


class OpenedPage:
    """A page opened from file:// with the network cut off, recording what it tried to do."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.url = path.as_uri()
        self.folder = path.parent.as_uri() + "/"
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route):
        url = route.request.url
        if url == self.url or (url.startswith(self.folder) and "/" not in url.removeprefix(self.folder)):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.errors.append(message.text)
        elif message.type == "warning":
            self.warnings.append(message.text)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_for_charts(self) -> int:
        """Wait until every chart spec on the page has been drawn; return how many there are."""
        return wait_for_charts(self.page)

    def hover_until_tooltip(self, marks: str) -> str:
        """Hover each mark matching `marks` until the Vega tooltip shows; return its text."""
        tooltip = self.page.locator("#vg-tooltip-element")
        for mark in self.page.locator(marks).all():
            mark.hover(force=True)
            if tooltip.count() and tooltip.is_visible():
                return tooltip.inner_text()
        raise AssertionError(f"no mark of {marks!r} showed a tooltip")


def check_offline_and_clean(opened: OpenedPage) -> None:
    """Nothing asked of the network, no error or warning on the console (a Vega warning about a
    chart's data or a version notice fails too), no dialog."""
    assert opened.requests == []
    assert opened.errors == []
    assert opened.warnings == []
    assert opened.dialogs == []


def test_brief_draws_every_chart_offline_with_quote_tooltips(browser, case_report):
    opened = OpenedPage(browser, case_report / "brief.html")
    assert opened.wait_for_charts() >= 2
    text = opened.hover_until_tooltip(".vega-embed svg.marks .mark-symbol path")
    assert "Quote" in text and "Outlet" in text and "Date" in text
    source = (CASE / "source.txt").read_text(encoding="utf-8")
    quote = text.split("Quote", 1)[1].split("Outlet", 1)[0].strip()
    assert quote and quote[:40] in " ".join(source.split())
    check_offline_and_clean(opened)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    opened.page.mouse.move(0, 0)
    opened.page.screenshot(path=str(SCREENSHOT), full_page=True)
    opened.page.close()


def test_dossier_draws_its_charts_and_links_back(browser, case_report):
    dossier = sorted((case_report / "actors").glob("*.html"))[0]
    opened = OpenedPage(browser, dossier)
    assert opened.wait_for_charts() >= 1
    back = opened.page.get_by_role("link", name="Back to the brief").evaluate("a => a.href")
    assert back == (case_report / "brief.html").as_uri()
    check_offline_and_clean(opened)
    opened.page.close()


def test_every_dossier_link_of_the_brief_opens_a_page(browser, case_report):
    opened = OpenedPage(browser, case_report / "brief.html")
    hrefs = opened.page.locator("nav.signalbrief-links a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    actors = sorted(path.name for path in (case_report / "actors").glob("*.html"))
    assert sorted(href.removeprefix("actors/") for href in hrefs) == actors
    opened.page.close()




def count_sections(notebook: str) -> int:
    """How many `## ` heading lines the notebook's markdown cells hold."""
    cells = json.loads((REPO / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return sum(line.startswith("## ") for cell in cells if cell["cell_type"] == "markdown"
               for line in "".join(cell["source"]).splitlines())


def check_contents_and_width(opened: OpenedPage) -> list[str]:
    """The contents list links every section (each `##` heading, with its id) in page order, each
    link's target is on the page and following the last brings it into view; nothing is wider than the window.
    Returns the section ids."""
    sections = opened.page.locator(".jp-MarkdownCell h2").evaluate_all("headings => headings.map(h => h.id)")
    hrefs = opened.page.locator("nav.signalbrief-contents a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert sections and all(sections)
    assert hrefs == [f"#{section}" for section in sections]
    for section in sections:
        assert opened.page.evaluate("id => document.getElementById(id) !== null", section)
    opened.page.locator("nav.signalbrief-contents a").last.click()
    opened.page.wait_for_function(
        """id => { const top = document.getElementById(id).getBoundingClientRect().top;
                   return location.hash === '#' + id && top >= -1 && top < window.innerHeight; }""",
        arg=sections[-1], timeout=5000)
    width = opened.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] == 1280
    return sections


def test_contents_link_every_section_and_the_page_fits_the_window_with_no_console_warning(browser, case_report):
    dossier = sorted((case_report / "actors").glob("*.html"))[0]
    for path, n_sections in [(case_report / "brief.html", count_sections("brief.ipynb")),
                             (dossier, count_sections("actor.ipynb"))]:
        opened = OpenedPage(browser, path)
        opened.wait_for_charts()
        assert len(check_contents_and_width(opened)) == n_sections
        check_offline_and_clean(opened)
        opened.page.close()


@pytest.fixture(scope="session")
def early_brief(tmp_path_factory) -> Path:
    """The brief as of a day before anything in the case was known, without dossiers."""
    return render(CASE, tmp_path_factory.mktemp("early") / "report", "--as-of", "1900-01-01", "--no-dossiers") / "brief.html"


def test_a_brief_with_nothing_known_yet_still_has_its_contents_and_states_the_questions(browser, early_brief):
    opened = OpenedPage(browser, early_brief)
    opened.wait_for_charts()
    assert len(check_contents_and_width(opened)) == count_sections("brief.ipynb")
    with (CASE / "topics.csv").open(encoding="utf-8", newline="") as topics_file:
        topics = list(csv.DictReader(topics_file))
    questions = opened.page.locator("ul.signalbrief-statements").first.locator("li").all_inner_texts()
    assert questions == [f"{topic['label']}: {topic['proposition']}" for topic in topics]
    check_offline_and_clean(opened)
    opened.page.close()


def test_hostile_text_stays_inert_text(browser, hostile_browser_report):
    dossier = OpenedPage(browser, hostile_browser_report / "actors" / "harbour_union.html")
    dossier.wait_for_charts()
    assert "</script><script>alert(1)</script>" in dossier.page.inner_text("table")
    assert "\U0001F6A2" in dossier.page.inner_text("table")
    text = dossier.hover_until_tooltip(".vega-embed svg.marks .mark-symbol path")
    assert "onerror=alert(1)>" in text
    check_offline_and_clean(dossier)
    dossier.page.close()

    brief = OpenedPage(browser, hostile_browser_report / "brief.html")
    brief.wait_for_charts()
    for mark in brief.page.locator(".vega-embed svg.marks .mark-symbol path").all():
        mark.hover(force=True)
    assert brief.page.locator("img").count() == 0
    check_offline_and_clean(brief)
    brief.page.close()



@pytest.fixture(scope="session")
def regenerated_brief(tmp_path_factory) -> Path:
    """notebooks/brief.ipynb run by papermill from the repository root with its defaults."""
    executed = tmp_path_factory.mktemp("papermill") / "OUT.ipynb"
    result = subprocess.run([str(BIN / "papermill"), "notebooks/brief.ipynb", str(executed)],
                            capture_output=True, text=True, cwd=REPO, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return executed


def count_chart_outputs(notebook: Path) -> int:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum("application/vnd.vegalite.v5+json" in output.get("data", {})
               for cell in cells for output in cell.get("outputs", []))


def test_the_page_nbconvert_makes_draws_every_chart_offline(browser, regenerated_brief):
    result = subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--template", "signalbrief",
                             str(regenerated_brief)], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    opened = OpenedPage(browser, regenerated_brief.with_suffix(".html"))
    assert opened.wait_for_charts() == count_chart_outputs(regenerated_brief) >= 10
    check_offline_and_clean(opened)
    opened.page.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def jupyter_lab(tmp_path, regenerated_brief):
    """A JupyterLab server on localhost serving a folder that holds the regenerated brief.

    Its user settings turn notebook windowing off, so every cell is drawn, not only those in view.
    """
    root = tmp_path / "lab"
    root.mkdir()
    (root / "brief.ipynb").write_bytes(regenerated_brief.read_bytes())
    settings = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    port, token = free_port(), "signalbrief-test"
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    server = subprocess.Popen(
        [str(LAB_BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.3)
    yield f"{base}/lab/tree/brief.ipynb?token={token}"
    server.terminate()
    server.wait(timeout=30)


def test_jupyterlab_draws_every_chart_of_a_regenerated_notebook_offline(browser, jupyter_lab, regenerated_brief):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def route(request_route):
        host = request_route.request.url.split("/")[2] if "://" in request_route.request.url else ""
        if host.split(":")[0] in {"127.0.0.1", "localhost"}:
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(jupyter_lab)
    expected = count_chart_outputs(regenerated_brief)
    drawn = ".jp-OutputArea-output .vega-embed canvas, .jp-OutputArea-output .vega-embed svg.marks"
    page.wait_for_function("([selector, n]) => document.querySelectorAll(selector).length >= n",
                           arg=[drawn, expected], timeout=90000)
    assert page.locator(drawn).count() == expected >= 10
    assert [url for url in blocked if "vega" in url or "jsdelivr" in url or "cdn" in url] == []
    page.close()
