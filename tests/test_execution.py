"""How render runs notebooks: every request sent ahead to one shared kernel whose streams skip
empty flushes, and nbclient reading the outputs back. A notebook must come out as papermill's
parameters and nbclient alone, on a kernel of its own with ipykernel's own streams, make it."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from papermill.parameterize import parameterize_notebook

from signalbrief.render import KernelSession, Page, finish_page, start_page

REPO = Path(__file__).resolve().parents[1]
KERNEL = nbformat.read(REPO / "notebooks" / "brief.ipynb", as_version=4).metadata["kernelspec"]["name"]


# Every kind of output nbclient handles, in the order that matters: text printed before and
# after a display (flushed in between), stderr, a display updated later by id, an execute
# result, a delayed clear, an allowed error followed by more cells, an empty and a skipped cell.
CELLS = [
    (("import sys\nfrom IPython.display import HTML, display, clear_output\n"
      "print('one')\nprint('to stderr', file=sys.stderr)\ndisplay(HTML('<b>shown</b>'))\nprint('two')"),),
    ("",),
    ("handle = display(HTML('<i>first</i>'), display_id=True)\nprint('after the display')",),
    ("handle.update(HTML('<i>updated</i>'))\n6 * 7",),
    ("print('cleared')\nclear_output(wait=True)\nprint('kept')",),
    ("raise ValueError('an error the cell allows')", "raises-exception"),
    ("print('still running after the allowed error')",),
    ("print('never run')", "skip-execution"),
    ("for line in range(3):\n    print(line)\n    sys.stdout.flush()",),
]


def make_notebook(cells: list[tuple[str, ...]]) -> nbformat.NotebookNode:
    """A notebook of code cells, each given as (source, *tags), on the project's kernel."""
    kernelspec = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": kernelspec})
    for number, (source, *tags) in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": tags})
        cell.id = f"cell-{number}"
        notebook.cells.append(cell)
    return notebook


def cells_of(notebook: nbformat.NotebookNode, everything: bool = False) -> list[tuple]:
    """Each cell's execution count and outputs, less the cell papermill injects unless `everything`.

    The kernel's own count, in an execute result and an error's "In [n]", runs on across
    notebooks in render's shared kernel (pages show no prompts); it is left out."""
    def without_kernel_count(output: dict) -> dict:
        kept = {key: value for key, value in output.items() if key != "execution_count"}
        if "traceback" in kept:
            kept["traceback"] = [re.sub(r"In\[\d+\]", "In[n]", line) for line in kept["traceback"]]
        return kept

    return [(cell.get("execution_count"), [without_kernel_count(output) for output in cell.get("outputs", [])])
            for cell in notebook.cells if everything or "injected-parameters" not in cell.metadata.get("tags", [])]


def output_texts(notebook: nbformat.NotebookNode) -> list[list[str]]:
    """What each output of each cell says: its text, HTML, plain text or error name."""
    return [[output.get("text") or output.get("data", {}).get("text/html") or output.get("data", {}).get("text/plain")
             or output.get("ename") for output in outputs] for _, outputs in cells_of(notebook)]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    kernel = KernelSession(KERNEL, REPO / "notebooks", tmp_path_factory.mktemp("handover"))
    kernel.wait_until_ready()
    yield kernel
    kernel.shut_down()


def page_for(notebook_path: Path) -> Page:
    return Page("test", notebook_path, {}, "test", notebook_path.with_suffix(".html"), {})


def test_a_notebook_sent_ahead_comes_out_as_nbclient_alone_makes_it(session, tmp_path):
    notebook = make_notebook(CELLS)
    # papermill's parameters cell (empty here) first, then nbclient as papermill runs it, with a kernel
    # of its own. (papermill.execute_notebook itself fails on any error, even one a cell allows.)
    alone = NotebookClient(parameterize_notebook(nbformat.from_dict({**notebook, "metadata": {
        **notebook.metadata, "papermill": {}}}), {}), kernel_name=KERNEL, timeout=60).execute()

    # Two notebooks sent back to back before either is read, as render does.
    first = start_page(session, page_for(tmp_path / "first.ipynb"), notebook)
    second = start_page(session, page_for(tmp_path / "second.ipynb"), notebook)
    ours = [finish_page(first, tmp_path / "debug"), finish_page(second, tmp_path / "debug")]

    # The expected outputs, written out, so that a change in nbclient's own behaviour shows too.
    assert output_texts(alone) == [
        ["one\n", "to stderr\n", "<b>shown</b>", "two\n"], [], ["<i>updated</i>", "after the display\n"],
        ["42"], ["kept\n"], ["ValueError"], ["still running after the allowed error\n"], [], ["0\n", "1\n", "2\n"],
    ]
    assert [count for count, _ in cells_of(alone)] == [2, None, 3, 4, 5, 6, 7, None, 8]
    assert cells_of(ours[0], everything=True) == cells_of(alone, everything=True)
    assert cells_of(ours[1], everything=True) == cells_of(alone, everything=True)


def test_a_failing_cell_ends_its_notebook_with_the_next_one_sent_behind_it(session, tmp_path):
    from signalbrief.render import NotebookFailed

    failing = make_notebook([("print('before')",), ("raise RuntimeError('stop here')",), ("print('after')",)])
    behind = make_notebook([("print('the next notebook')",)])
    started = [start_page(session, page_for(tmp_path / "failing.ipynb"), failing),
               start_page(session, page_for(tmp_path / "behind.ipynb"), behind)]
    with pytest.raises(NotebookFailed) as raised:
        finish_page(started[0], tmp_path / "debug")
    assert "RuntimeError: stop here" in raised.value.describe()
    # Saved as executed up to the failing cell; nothing after it is read.
    saved = nbformat.read(raised.value.debug_path, as_version=4)
    assert output_texts(saved) == [["before\n"], ["RuntimeError"], []]
