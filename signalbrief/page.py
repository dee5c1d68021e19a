"""What a notebook shows about its own page: its title and its links to other pages.

Both are ordinary notebook outputs, so a notebook exported by `jupyter nbconvert --template
signalbrief` gives the same page as one rendered by `signalbrief render`. The title output
carries the page's title in its metadata (`METADATA_KEY`), which the template's
preprocessor (`signalbrief.export.OfflinePagePreprocessor`) makes the page's <title>.
"""
from __future__ import annotations

import html

from IPython.display import HTML, display

from signalbrief.page_metadata import METADATA_KEY, TITLE_FIELD
from signalbrief.wording import capitalise


def show_page_title(title: str) -> None:
    """Display `title` under the notebook's heading, and make it the title of the exported page
    (its first letter capitalised: an actor coded as 'the ministry' opens a dossier's title)."""
    title = capitalise(title)
    display(HTML(f'<p class="signalbrief-page-title"><em>{html.escape(title)}</em></p>'),
            metadata={METADATA_KEY: {TITLE_FIELD: title}})


def links_html(heading: str, links: list[tuple[str, str]]) -> str:
    """A navigation list under `heading`: each (href, label) a link, both escaped."""
    items = "".join(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>' for href, label in links)
    return (f'<nav class="signalbrief-links" aria-label="{html.escape(heading)}">'
            f"<h2>{html.escape(heading)}</h2><ul>{items}</ul></nav>")


def show_links(heading: str, links: list[tuple[str, str]]) -> None:
    """Display the links (`links_html`), or nothing when there are none."""
    if links:
        display(HTML(links_html(heading, links)))


def dossier_links(actors, folder: str) -> list[tuple[str, str]]:
    """(href, name) of each actor's dossier in `folder` (relative to the brief's page), in the order
    of `actors` (a case's actors table); none without a folder."""
    if not folder:
        return []
    return [(f"{folder.rstrip('/')}/{actor_id}.html", name)
            for actor_id, name in zip(actors["actor_id"].astype("str"), actors["name"].astype("str"))]
