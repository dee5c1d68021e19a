"""Executed notebook -> offline HTML page, with nbconvert's HTML exporter and the `signalbrief` template.

The template (signalbrief/templates/signalbrief, which `make setup` links into the project
environment's nbconvert template folder) hides code and prompts and draws every Vega-Lite
output with the Vega bundle; its conf.json names `OfflinePagePreprocessor`, so the same
page comes out of

    jupyter nbconvert --to html --template signalbrief OUT.ipynb

and of `signalbrief render`, which uses `build_exporter` below. nbconvert is imported here,
so this module is only imported where pages are exported (not in the notebooks' kernel).
"""
from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool
from traitlets.config import Config

from signalbrief import vega_offline
from signalbrief.page_metadata import METADATA_KEY, TITLE_FIELD

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "signalbrief"
# The files a report's dossiers share instead of each inlining them (`write_shared_assets`).
VEGA_BUNDLE_FILE = "vega-bundle.js"
STYLESHEET_FILE = "jupyterlab.css"
# The JupyterLab look that nbconvert's lab template inlines (light theme), as it names the files.
LAB_STYLESHEETS = ("static/index.css", "static/theme-light.css")
VEGA_LITE_PREFIX = "application/vnd.vegalite."
# Where the preprocessor leaves each chart's spec as the page prints it (`spec_for_script`), in the
# output's metadata of the exporter's own copy of the notebook (the notebook itself is not changed).
SPEC_TEXT_KEY = "signalbrief-spec-text"
# Characters that could end a <script> element or start a comment, as JSON escapes.
SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def spec_for_script(spec: dict) -> str:
    """`spec` as compact JSON (no spaces, keys sorted, UTF-8 kept) that can sit inside a
    <script type="application/json">: '<', '>', '&' and "'" are written as JSON escapes, so no
    text in a chart's data can close the element. Compact because a page carries every chart's
    data and the brief must stay small."""
    text = json.dumps(spec, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    # str.replace per character, not a loop over every character: 0.5 ms for the brief's charts, not 15.
    for character, escape in SCRIPT_SAFE.items():
        text = text.replace(character, escape)
    return text


class OfflinePagePreprocessor(Preprocessor):
    """Gives the `signalbrief` template what it needs besides the notebook.

    - `resources["signalbrief"]`: the Vega bundle and JupyterLab's stylesheet, inlined, or the
      names of shared copies beside the page (`inline_assets` False), the script that draws
      the charts, and how many charts there are (a page without charts loads no script);
    - the page's title, from the output that `signalbrief.page.show_page_title` displays;
    - its sections (`list_sections`), for the contents list the template puts before the first.

    (papermill's injected-parameters cell has a random id, but it has no output, and the
    template leaves out code cells without outputs, so it never reaches the page.)
    """

    inline_assets = Bool(
        True, help=f"Inline the Vega bundle and JupyterLab's stylesheet (the page opens alone); if False, load "
                   f"them from {VEGA_BUNDLE_FILE} and {STYLESHEET_FILE} beside the page (`write_shared_assets`)."
    ).tag(config=True)

    def preprocess(self, nb, resources):
        n_charts = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                for kind in output.get("data", {}):
                    if kind.startswith(VEGA_LITE_PREFIX):
                        n_charts += 1
                        output.setdefault("metadata", {})[SPEC_TEXT_KEY] = spec_for_script(output.data[kind])
                title = output.get("metadata", {}).get(METADATA_KEY, {}).get(TITLE_FIELD)
                if title:
                    nb.metadata["title"] = title
        sections = list_sections(nb)
        resources["signalbrief"] = {
            "sections": [{"id": anchor, "title": title} for _, anchor, title in sections],
            "contents_before_cell": sections[0][0] if sections else -1,
            "n_charts": n_charts,
            "vega_script_src": "" if self.inline_assets else VEGA_BUNDLE_FILE,
            "stylesheet_href": "" if self.inline_assets else STYLESHEET_FILE,
            "vega_bundle": vega_offline.build_vega_bundle() if self.inline_assets and n_charts else "",
            "embed_script": vega_offline.EMBED_SCRIPT,
            "chart_class": vega_offline.CHART_CLASS,
            "spec_class": vega_offline.SPEC_CLASS,
            "spec_text_key": SPEC_TEXT_KEY,
        }
        return nb, resources


def list_sections(notebook) -> list[tuple[int, str, str]]:
    """(cell index, anchor id, title) of every section: each `##` heading of the notebook's
    markdown, in order. The markdown is rendered with nbconvert's own filter, so the id is the one
    nbconvert gives the heading on the page (its text with spaces as hyphens)."""
    sections = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown" or "##" not in cell.source:
            continue
        for heading in BeautifulSoup(markdown2html_mistune(cell.source), "html.parser").find_all("h2"):
            for anchor_link in heading.select("a.anchor-link"):
                anchor_link.decompose()
            if heading.get("id"):
                sections.append((index, heading["id"], heading.get_text().strip()))
    return sections


def build_exporter(inline_assets: bool = True) -> HTMLExporter:
    """nbconvert's HTML exporter with the `signalbrief` template from this package, as the command
    line's `--to html --template signalbrief` makes it; `inline_assets` as the preprocessor's."""
    config = Config()
    config.OfflinePagePreprocessor.inline_assets = inline_assets
    # Validate the notebook once, after the last preprocessor, instead of after each of them:
    # validation changes nothing in the page (profiled, it was about a third of an export's CPU).
    config.HTMLExporter.optimistic_validation = True
    return HTMLExporter(config=config, template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)])


def warm_up(exporter: HTMLExporter, notebook) -> None:
    """Export `notebook` (unexecuted: no chart) and throw the page away, and read the Vega bundle: what
    a first export costs once per exporter (its templates compiled, the markdown parser built, about
    0.2 s) is then paid while a kernel runs, not after it."""
    exporter.from_notebook_node(notebook)
    vega_offline.build_vega_bundle()


def export_page(exporter: HTMLExporter, notebook, out_file: Path) -> None:
    """Write the executed `notebook` to `out_file` as one HTML page."""
    html, _ = exporter.from_notebook_node(notebook)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(html, encoding="utf-8")


def write_shared_assets(exporter: HTMLExporter, folder: Path) -> None:
    """Write the Vega bundle and JupyterLab's stylesheet (as the template inlines them) into
    `folder`, for the pages exported there without inlining them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / VEGA_BUNDLE_FILE).write_text(vega_offline.build_vega_bundle(), encoding="utf-8")
    environment = exporter.environment
    css = "".join(environment.loader.get_source(environment, name)[0] for name in LAB_STYLESHEETS)
    (folder / STYLESHEET_FILE).write_text(css, encoding="utf-8")
