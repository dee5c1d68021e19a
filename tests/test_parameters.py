"""The notebooks' parameters: declared once in signalbrief.parameters, the same in each notebook's
parameters cell (as papermill reads it), and checked the same way wherever a notebook runs."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import nbformat
import papermill
import pytest

from signalbrief.parameters import (PROJECT_ROOT, ActorParameters, BriefParameters, ParameterError,
                                    build_parameters, declared_type, parse_value, resolve_case_dir)

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
DECLARED = [("brief.ipynb", BriefParameters), ("actor.ipynb", ActorParameters)]


@pytest.mark.parametrize(("notebook", "cls"), DECLARED, ids=[name for name, _ in DECLARED])
def test_each_notebook_declares_exactly_the_parameters_of_its_class(notebook, cls):
    inspected = papermill.inspect_notebook(str(NOTEBOOKS / notebook))
    fields = dataclasses.fields(cls)
    assert list(inspected) == [field.name for field in fields]
    for field in fields:
        seen = inspected[field.name]
        assert seen["inferred_type_name"] == declared_type(field).__name__, field.name
        assert ast.literal_eval(seen["default"]) == field.default, field.name
        assert seen["help"] == field.metadata["help"], field.name


@pytest.mark.parametrize(("notebook", "cls"), DECLARED, ids=[name for name, _ in DECLARED])
def test_each_notebook_hands_every_parameter_to_its_class(notebook, cls):
    # The cell after the parameters builds the class from every parameter, by name.
    cells = nbformat.read(NOTEBOOKS / notebook, as_version=4).cells
    index = next(i for i, cell in enumerate(cells) if "parameters" in cell.metadata.get("tags", []))
    setup = next(cell for cell in cells[index + 1:] if cell.cell_type == "code")
    call = next(node for node in ast.walk(ast.parse(setup.source))
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == cls.__name__)
    assert [(k.arg, k.value.id) for k in call.keywords] == [(f.name, f.name) for f in dataclasses.fields(cls)]


@pytest.mark.parametrize(("kind", "text", "expected"), [
    (int, "12", 12), (float, "0.25", 0.25), (float, "3", 3.0), (bool, "Yes", True), (bool, "false", False),
    (bool, "0", False), (str, "2000-99", "2000-99"),
])
def test_command_line_text_takes_the_declared_type(kind, text, expected):
    value = parse_value(kind, "n", text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("kind", "text", "message"), [
    (int, "1.5", "parameter n: '1.5' is not a whole number"),
    (float, "much", "parameter n: 'much' is not a number"),
    (bool, "maybe", "parameter n: 'maybe' is not true or false"),
])
def test_command_line_text_of_the_wrong_type_is_refused(kind, text, message):
    with pytest.raises(ParameterError) as raised:
        parse_value(kind, "n", text)
    assert str(raised.value) == message


@pytest.mark.parametrize(("values", "message"), [
    ({"as_of": "21 March"}, "parameter as_of: '21 March' is not a date (expected YYYY-MM-DD)"),
    ({"as_of": "2001-02-30"}, "parameter as_of: '2001-02-30' is not a date (expected YYYY-MM-DD)"),
    ({"weight_cost": -0.1}, "parameter weight_cost: -0.1 is not a weight (expected a number >= 0)"),
    ({"weight_cost": float("nan")}, "parameter weight_cost: nan is not a weight (expected a number >= 0)"),
    ({"weight_source": 0, "weight_corroboration": 0, "weight_cost": 0, "weight_consistency": 0,
      "weight_specificity": 0}, "parameter weight_source: every weight is 0; at least one must be above 0"),
    ({"n_samples": 0}, "parameter n_samples: 0 is not between 1 and 100,000"),
    ({"seed": -1}, "parameter seed: -1 is negative (expected 0 or more)"),
    ({"top_k": 0}, "parameter top_k: 0 is not 1 or more"),
    ({"seed": 1.5}, "parameter seed: 1.5 is not a whole number"),
    ({"roll_up": "yes"}, "parameter roll_up: 'yes' is not true or false"),
    ({"n_samples": True}, "parameter n_samples: True is not a whole number"),
])
def test_values_out_of_range_are_refused_wherever_the_class_is_built(values, message):
    with pytest.raises(ParameterError) as raised:
        BriefParameters(**values)
    assert str(raised.value) == message


def test_an_int_is_a_fine_weight_and_every_problem_is_reported_at_once():
    assert BriefParameters(weight_cost=1).weights()["cost"] == 1.0
    with pytest.raises(ParameterError) as raised:
        BriefParameters(seed=-1, top_k=0)
    assert [problem.path for problem in raised.value.problems] == ["parameter seed", "parameter top_k"]


def test_command_line_pairs_build_the_class_and_reserved_or_unknown_names_are_refused():
    built = build_parameters(BriefParameters, [("seed", "7"), ("roll_up", "true")], {"as_of": "--as-of"},
                             as_of="2000-03-01")
    assert (built.seed, built.roll_up, built.as_of, built.top_k) == (7, True, "2000-03-01", 5)
    with pytest.raises(ParameterError) as raised:
        build_parameters(BriefParameters, [("as_of", "2000-01-01"), ("colour", "red"), ("seed", "x")],
                         {"as_of": "--as-of"})
    assert [str(problem) for problem in raised.value.problems] == [
        "-p as_of: is set by render; use --as-of",
        "-p colour: no such parameter (the notebook takes: case_dir, dossier_folder, focus_topic, n_samples, "
        "roll_up, seed, top_k, weight_consistency, weight_corroboration, weight_cost, weight_source, "
        "weight_specificity)",
        "parameter seed: 'x' is not a whole number",
    ]


def test_a_relative_case_folder_is_found_from_the_current_folder_then_the_project_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_case_dir("data/russia-iran-2000") == PROJECT_ROOT / "data" / "russia-iran-2000"
    (tmp_path / "data" / "russia-iran-2000").mkdir(parents=True)
    assert resolve_case_dir("data/russia-iran-2000") == tmp_path / "data" / "russia-iran-2000"
    with pytest.raises(ParameterError) as raised:
        resolve_case_dir("no/such/case")
    assert str(raised.value) == (f"parameter case_dir: no case folder at {tmp_path}/no/such/case or "
                                 f"{PROJECT_ROOT}/no/such/case")
