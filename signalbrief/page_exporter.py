"""nbconvert's HTML exporter, less the work a report page does not need.

Exporting was a third of the render process's time for a whole report, which that process
spends while two kernels wait on it. Two parts of nbconvert's `HTMLExporter` cost most
and do nothing for these pages:

- after rendering the template it parses the whole page with BeautifulSoup, only to give
  <img> elements without alt text a placeholder (the pages have no <img>: charts are SVG
  drawn by Vega) and to put tabindex="0" on cell inputs (hidden here) and outputs;
- it validates the notebook against the nbformat schema after every preprocessor.

`PageExporter` adds that tabindex with one substitution on the template's own markup and validates once, after all preprocessors (nbconvert's `optimistic_validation`).
It also converts each markdown text to HTML once per render: a dossier's fifteen markdown
cells are the same for every actor, and converting them was a third of a dossier's export.
tests/test_render.py checks that a page is the same document nbconvert's exporter makes.
Imported only when a render exports (nbconvert costs a second to import).
"""
from __future__ import annotations

import re

from jinja2 import pass_context
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

# nbconvert makes these focusable (tabindex="0"): a cell's input (a markdown cell's text) and each output.
FOCUSABLE_CLASSES = {"jp-Cell-inputWrapper", "jp-OutputArea-output"}
# An opening <div> tag as the lab template writes it: the class first, no attribute holding a ">".
DIV_TAG = re.compile(r'<div class="([^"]*)"([^>]*)>')


def make_focusable(tag: re.Match) -> str:
    """The <div> tag with tabindex="0" added last, where nbconvert's pass adds it, if its class asks for it."""
    if FOCUSABLE_CLASSES.isdisjoint(tag.group(1).split()):
        return tag.group(0)
    return f'<div class="{tag.group(1)}"{tag.group(2)} tabindex="0">'


class PageExporter(HTMLExporter):
    """`HTMLExporter` without its BeautifulSoup pass; inputs and outputs keep their tabindex="0".

    Markdown converted once is remembered by its text and the notebook's path, the only
    inputs of nbconvert's conversion besides the exporter's settings and the cell's
    attachments; text from a cell with attachments is converted every time.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.markdown_html: dict[tuple[str, str], str] = {}

    @pass_context
    def markdown2html(self, context, source: str) -> str:
        """As nbconvert's markdown2html filter, remembered by text and path (see the class)."""
        if context.get("cell", {}).get("attachments"):
            return super().markdown2html(context, source)
        key = (source, context.get("resources", {}).get("metadata", {}).get("path", ""))
        if key not in self.markdown_html:
            self.markdown_html[key] = super().markdown2html(context, source)
        return self.markdown_html[key]

    def from_notebook_node(self, nb, resources=None, **kw):
        """As nbconvert 7's HTMLExporter.from_notebook_node, up to its BeautifulSoup pass."""
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                 resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return DIV_TAG.sub(make_focusable, html), resources
