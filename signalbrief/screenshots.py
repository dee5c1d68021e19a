"""Screenshots of a rendered report in headless Chromium: one PNG per section of the brief and of
one dossier, and the top of the brief for the README.

    python -m signalbrief.screenshots report/brief.html report/screenshots     # make screenshots

Each section (a `##` heading of the notebook, which nbconvert gives an id) is shot from its
heading to the next one at the window's width, once every chart has been drawn: the brief's as
`<id>.png`, the dossier's (the first the brief links to) as `dossier-<id>.png`, and the top of
the brief as `brief.png`. Uses Debian's /usr/bin/chromium through Playwright, as the browser
tests do (`launch_chromium`); Playwright is a test requirement, so this runs from `.venv`.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
WINDOW = {"width": 1280, "height": 900}
# How much of the brief's top `brief.png` shows: the title, the contents and the start of section 1.
TOP_HEIGHT = 1600
# A section's heading; its box runs from the heading's cell to the next heading's cell.
SECTION_HEADING = ".jp-MarkdownCell h2[id]"
CHART_SPEC = "script.signalbrief-chart-spec"
DRAWN_CHART = ".vega-embed svg.marks"
DOSSIER_LINK = "nav.signalbrief-links a"


def launch_chromium(playwright):
    """Headless Chromium (Debian's, no browser download) with the network services it would start off."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def wait_for_charts(page, timeout_ms: int = 20000) -> int:
    """Wait until every chart spec on `page` has been drawn; return how many there are."""
    specs = page.locator(CHART_SPEC).count()
    page.wait_for_function(f"n => document.querySelectorAll({DRAWN_CHART!r}).length === n", arg=specs,
                           timeout=timeout_ms)
    return specs


def list_section_boxes(page) -> list[dict]:
    """Each section's id and box on the page ({"id", "y", "height"} in CSS pixels), in page order."""
    return page.evaluate(f"""() => {{
        const cells = [...document.querySelectorAll({SECTION_HEADING!r})].map(
            heading => [heading.id, heading.closest('.jp-Cell') || heading]);
        const top = element => element.getBoundingClientRect().top + window.scrollY;
        const end = document.documentElement.scrollHeight;
        return cells.map(([id, cell], index) => {{
            const y = top(cell);
            const next = index + 1 < cells.length ? top(cells[index + 1][1]) : end;
            return {{id: id, y: y, height: next - y}};
        }});
    }}""")


def file_name(section_id: str) -> str:
    """A section id as a file name: letters, digits, '.', '-' and '_' kept, anything else '-'."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", section_id).strip(".") or "section"


def shoot_sections(page, out_dir: Path, prefix: str = "") -> list[Path]:
    """One PNG per section of the opened `page` into `out_dir`, named `prefix` + the section id."""
    page.mouse.move(0, 0)
    written = []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    for box in list_section_boxes(page):
        path = out_dir / f"{prefix}{file_name(box['id'])}.png"
        page.screenshot(path=str(path), full_page=True,
                        clip={"x": 0, "y": box["y"], "width": width, "height": max(box["height"], 1)})
        written.append(path)
    return written


def open_report_page(browser, path: Path):
    """`path` opened at the window's size with every chart drawn."""
    page = browser.new_page(viewport=WINDOW)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    wait_for_charts(page)
    return page


def shoot_report(browser, brief: Path, out_dir: Path) -> list[Path]:
    """The brief's top (`brief.png`), each of its sections and each section of its first dossier."""
    out_dir.mkdir(parents=True, exist_ok=True)
    page = open_report_page(browser, brief)
    page.mouse.move(0, 0)
    top = out_dir / "brief.png"
    height = min(TOP_HEIGHT, page.evaluate("() => document.documentElement.scrollHeight"))
    page.screenshot(path=str(top), full_page=True, clip={"x": 0, "y": 0, "width": WINDOW["width"], "height": height})
    written = [top, *shoot_sections(page, out_dir)]
    dossiers = page.locator(DOSSIER_LINK)
    first_dossier = dossiers.first.get_attribute("href") if dossiers.count() else None
    page.close()
    if first_dossier:
        page = open_report_page(browser, brief.parent / first_dossier)
        written += shoot_sections(page, out_dir, prefix="dossier-")
        page.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m signalbrief.screenshots BRIEF.html OUT_DIR", file=sys.stderr)
        return 2
    brief, out_dir = Path(argv[0]), Path(argv[1])
    if not brief.is_file():
        print(f"{brief}: no such page (render it first: python -m signalbrief render)", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in shoot_report(browser, brief, out_dir):
            print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
