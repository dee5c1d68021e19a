"""Render hands its analysis to its kernels: the file protocol, and that the notebooks ask for
exactly the analysis render computes (else every kernel would silently analyse the case again)."""
from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import nbformat
import papermill
import pytest

from signalbrief import handover
from signalbrief.analysis import AnalysisKey, make_cache_key
from signalbrief.render import find_analysis_key

REPO = Path(__file__).resolve().parents[1]
KEY = AnalysisKey("/some/case", (("signals.csv", 10, 1),), (("cost", 0.5),), 100, 0, 5, None, False)


@pytest.fixture
def handover_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(handover.HANDOVER_ENV, str(tmp_path / "handover"))
    return tmp_path / "handover"


def test_a_handed_over_analysis_is_received_under_its_key_only(handover_dir):
    with handover.announce(handover_dir, KEY) as path:
        handover.write(path, {"analysis": 1})
    assert handover.receive(KEY) == {"analysis": 1}
    other = KEY._replace(n_samples=200)
    assert handover.receive(other) is None
    assert sorted(entry.suffix for entry in handover_dir.iterdir()) == [".pickle"]  # no mark left


def test_a_kernel_waits_while_the_analysis_is_announced(handover_dir):
    def write_later(path: Path) -> None:
        time.sleep(0.2)
        handover.write(path, "late analysis")

    with handover.announce(handover_dir, KEY) as path:
        writer = threading.Thread(target=write_later, args=(path,))
        writer.start()
        started = time.perf_counter()
        assert handover.receive(KEY) == "late analysis"
        assert time.perf_counter() - started >= 0.2
        writer.join()


def test_a_failed_hand_over_leaves_the_kernel_to_analyse(handover_dir):
    with pytest.raises(RuntimeError), handover.announce(handover_dir, KEY):
        raise RuntimeError("the analysis failed in render")
    assert handover.receive(KEY) is None  # returns at once: no mark, no file


def test_without_a_render_nothing_is_handed_over(monkeypatch):
    monkeypatch.delenv(handover.HANDOVER_ENV, raising=False)
    assert handover.receive(KEY) is None


def record_analysis_call(notebook: Path, parameters: dict) -> dict:
    """The arguments the notebook's own code passes to analyse_case_folder, given its parameters."""
    namespace = dict(parameters)
    calls = []
    namespace["record"] = lambda *args, **kwargs: calls.append((args, kwargs))
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code" and "analyse_case_folder(" in cell.source:
            tree = ast.parse(cell.source)
            call = next(node for node in ast.walk(tree) if isinstance(node, ast.Assign)
                        and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "analyse_case_folder")
            # Run the statements before the call (they build its arguments), then the call itself, recorded.
            before = [node for node in tree.body[:tree.body.index(call)] if not isinstance(node, (ast.Import, ast.ImportFrom))]
            exec(compile(ast.Module(before, []), str(notebook), "exec"), namespace)  # noqa: S102
            call.value.func = ast.Name("record", ast.Load())
            exec(compile(ast.fix_missing_locations(ast.Module([call], [])), str(notebook), "exec"), namespace)  # noqa: S102
    assert len(calls) == 1, f"{notebook.name} should analyse the case once"
    args, kwargs = calls[0]
    return {"case_dir": args[0], **kwargs}


@pytest.mark.parametrize("notebook", ["brief.ipynb", "actor.ipynb"])
@pytest.mark.parametrize("given", [{}, {"weight_cost": 0.4, "seed": 7, "as_of": "2000-03-14", "roll_up": True}])
def test_the_notebooks_ask_for_the_analysis_render_hands_over(notebook, given):
    brief = REPO / "notebooks" / "brief.ipynb"
    declared = papermill.inspect_notebook(str(brief))
    shared = {"as_of": "", **given, "case_dir": str(REPO / "data" / "russia-iran-2000")}
    # What papermill gives the notebook: its defaults, then render's values (an actor notebook
    # gets the values of the parameters it declares, as render.plan_pages passes them).
    own = papermill.inspect_notebook(str(REPO / "notebooks" / notebook))
    parameters = {name: ast.literal_eval(info["default"]) for name, info in own.items()}
    parameters.update({name: value for name, value in shared.items() if name in own})
    asked = record_analysis_call(REPO / "notebooks" / notebook, parameters)
    assert make_cache_key(**asked) == find_analysis_key(declared, shared)


def test_a_notebook_without_the_analysis_parameters_gets_no_hand_over():
    assert find_analysis_key({"case_dir": {"default": '"x"'}, "as_of": {"default": '""'}}, {"case_dir": "x"}) is None


def test_an_analysis_render_cannot_prepare_is_left_to_the_notebook_and_said(tmp_path, monkeypatch):
    import io

    import signalbrief.analysis
    from signalbrief.render import hand_over

    def fail(case, key):
        raise RuntimeError("no memory left")

    monkeypatch.setattr(signalbrief.analysis, "analyse_key", fail)
    path, log = tmp_path / "analysis.pickle", io.StringIO()
    hand_over(path, case=None, key=KEY, log=log)
    assert not path.exists()
    assert log.getvalue() == ("note: the analysis could not be prepared for the notebooks "
                              "(RuntimeError: no memory left); they will compute it\n")
