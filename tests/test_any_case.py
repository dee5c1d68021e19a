"""The notebooks' own cells, run on small random cases read in several ways: every cell runs, no
sentence, table or chart title prints a missing value ('nan', 'None', '<NA>', 'NaT'), and none reads
like a machine (`test_wording_pages.find_bad_wording`: '1 signals', 'from X to X', doubled words...).

The cells after each notebook's setup cell are run in an IPython shell, as a kernel runs them, on an
analysis made here (the setup cell loads a case folder; here the case is made in memory by
`factories.tiny_cases`), with the names the setup cell defines. Found this way, once: a single
hypothesis, weights that leave signals unscored, roll-up, dates before anything known, and 'the top 1'.
"""
from __future__ import annotations

import dataclasses
import re
import types
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from factories import tiny_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from test_wording_pages import VisibleText, chart_titles, find_bad_wording

from signalbrief import findings
from signalbrief.analysis import run_analysis
from signalbrief.vegalite import MIMETYPE

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
IMPORTS = "from IPython.display import HTML, display\nfrom signalbrief import charts, findings, page"
# Python's and pandas' missing values as they print; "None of …" is English.
MISSING = re.compile(r"\b(nan|NaN|NaT)\b|\bNone\b(?! of\b)|<NA>")
# How an analyst may read a case: as it is, rolled up, as of a date inside the tiny cases' span, with a
# top set of one, and with weights that leave some signals (or every one) without weighted information.
READINGS = [{}, {"roll_up": True}, {"as_of": "2000-02-15"}, {"top_k": 1},
            {"weights": {"source": 0.0, "corroboration": 0.5, "cost": 0.5, "consistency": 0.0, "specificity": 0.0}},
            {"weights": {"source": 0.0, "corroboration": 0.0, "cost": 0.0, "consistency": 1.0, "specificity": 0.0}}]


def cells_after_setup(name: str) -> list[str]:
    """The code cells of notebooks/`name` after its setup cell (the one that runs the analysis)."""
    cells = [cell.source for cell in nbformat.read(NOTEBOOKS / name, as_version=4).cells if cell.cell_type == "code"]
    setup = next(index for index, source in enumerate(cells) if "settings.analyse()" in source)
    return cells[setup + 1:]


BRIEF_CELLS, ACTOR_CELLS = cells_after_setup("brief.ipynb"), cells_after_setup("actor.ipynb")


def run_cells(shell: InteractiveShell, cells: list[str]) -> list[str]:
    """Run `cells` and return the text a reader sees in their outputs, block by block as a browser shows
    it (`test_wording_pages.VisibleText`), and every title of their charts."""
    with capture_output() as captured:
        for source in cells:
            result = shell.run_cell(source, store_history=False)
            if not result.success:
                raise AssertionError(f"cell failed:\n{source}") from (result.error_in_exec or result.error_before_exec)
    texts = []
    for output in captured.outputs:
        data = output.data
        if MIMETYPE in data:
            texts += chart_titles(data[MIMETYPE])
        elif "text/html" in data:
            parser = VisibleText()
            parser.feed(data["text/html"])
            texts += [" ".join(block.split()) for block in parser.blocks if block.strip()]
        else:
            texts.append(data["text/plain"])
    return texts


@pytest.fixture(scope="module")
def shell() -> InteractiveShell:
    shell = InteractiveShell.instance()
    shell.run_cell(IMPORTS, store_history=False)
    return shell


def read_every_page(shell: InteractiveShell, analysis) -> list[str]:
    """The text of the brief and of every dossier (`run_cells`), as the notebooks show them for `analysis`."""
    # The names the brief's setup cell defines.
    shell.user_ns.update(analysis=analysis, settings=types.SimpleNamespace(dossier_folder="actors"),
                         topic_id=findings.pick_focus_topic(analysis, ""))
    texts = run_cells(shell, BRIEF_CELLS)
    for actor_id in analysis.case.actors["actor_id"].astype("str"):
        # The names the dossier's setup cell defines.
        shell.user_ns.update(settings=types.SimpleNamespace(brief_page="../brief.html"), chosen_id=actor_id,
                             own=findings.actor_signals(analysis, actor_id))
        texts += run_cells(shell, ACTOR_CELLS)
    return texts


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tiny_cases(), st.sampled_from(READINGS))
def test_every_cell_of_the_brief_and_the_dossiers_runs_and_reads_like_prose(shell, case, reading):
    texts = read_every_page(shell, run_analysis(case, n_samples=20, seed=0, **reading))
    for text in texts:
        assert not MISSING.search(text), text[:300]
    problems = find_bad_wording(texts)
    assert not problems, "\n".join(problems[:5])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tiny_cases(), st.randoms(use_true_random=False))
def test_renaming_the_signals_changes_what_the_pages_say_only_in_the_order_of_tied_rows(shell, case, random):
    # No sentence, table cell or chart title may depend on signal ids: a list cut after its first rows,
    # or a row chosen among equals, by id, reads differently once the ids are renamed. Tied rows may be
    # listed in id order (`score_signals`), so the blocks are compared as a multiset.
    ids = case.signals["signal_id"].astype("str").tolist()
    new_ids = [f"renamed_{number}" for number in range(len(ids))]
    random.shuffle(new_ids)
    mapping = dict(zip(ids, new_ids))

    def rename(column: pd.Series) -> pd.Series:
        return column.astype("str").map(lambda value: mapping.get(value, value)).astype("str")

    renamed = dataclasses.replace(
        case, signals=case.signals.assign(signal_id=rename(case.signals["signal_id"])),
        links=case.links.assign(from_signal_id=rename(case.links["from_signal_id"]),
                                to_signal_id=rename(case.links["to_signal_id"])),
        ach=case.ach.assign(signal_id=rename(case.ach["signal_id"])))
    before = read_every_page(shell, run_analysis(case, n_samples=20, seed=0))
    after = read_every_page(shell, run_analysis(renamed, n_samples=20, seed=0))
    assert sorted(before) == sorted(after)
