"""Where a notebook's title output keeps the page's title: `signalbrief.page.show_page_title` writes
it into the output's metadata, `signalbrief.export.OfflinePagePreprocessor` reads it.

A module of its own so that exporting a page (in `render`'s export process, or under `jupyter nbconvert
--template signalbrief`) imports neither IPython's display nor pandas, which `signalbrief.page` needs.
"""
METADATA_KEY = "signalbrief"
TITLE_FIELD = "page_title"
