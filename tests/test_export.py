"""The sections the template's contents list links to: every `##` heading of the markdown, with the id
nbconvert gives it on the page."""
from __future__ import annotations

import threading

import nbformat

from signalbrief.export import build_exporter, list_sections


def build_notebook() -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\nIntro, no section."),
        nbformat.v4.new_code_cell("## a comment, not a heading"),
        nbformat.v4.new_markdown_cell("## 1. First *part*\n\nText.\n\n### A subsection\n\n## Second & last"),
        nbformat.v4.new_markdown_cell("Prose only."),
    ])


def test_sections_are_the_level_two_headings_of_markdown_cells_with_nbconverts_ids():
    # nbconvert's ids are the heading's text with spaces as hyphens; "&" is kept as text.
    assert list_sections(build_notebook()) == [(2, "1.-First-part", "1. First part"), (2, "Second-&-last", "Second & last")]


def test_the_page_lists_each_section_before_its_first_cell_and_each_target_exists():
    page, _ = build_exporter().from_notebook_node(build_notebook())
    contents = page.index('aria-label="Contents"')
    assert page.index("Intro, no section.") < contents < page.index('id="1.-First-part"')
    contents_list = page[contents:page.index("</nav>", contents)]
    assert contents_list.count("<a ") == 2
    assert '<a href="#1.-First-part">1. First part</a>' in contents_list
    assert '<a href="#Second-&amp;-last">Second &amp; last</a>' in contents_list
    assert 'id="Second-&amp;-last"' in page


def test_a_notebook_without_sections_has_no_contents_list():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title only")])
    assert list_sections(notebook) == []
    page, _ = build_exporter().from_notebook_node(notebook)
    assert 'aria-label="Contents"' not in page


def test_a_process_that_runs_other_threads_exports_in_a_thread_not_a_fork(tmp_path):
    # Forking copies only the calling thread, with any lock another thread holds: beside another
    # thread, `start` exports in a thread of this process, and the page is the same.
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from signalbrief import export_process

    notebook = build_notebook()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pool = export_process.start()
        assert isinstance(pool, ThreadPoolExecutor) and not isinstance(pool, ProcessPoolExecutor)
        with pool:
            pool.submit(export_process.export_page, notebook, tmp_path / "page.html", True).result()
    finally:
        stop.set()
        other.join()
    expected, _ = build_exporter().from_notebook_node(notebook)
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == expected
