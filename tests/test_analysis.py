"""run_analysis: every table once, consistent with the single functions, input untouched."""
from __future__ import annotations

import pandas as pd
from factories import shuffle_case, tiny_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from test_judgments import judgment_case

from signalbrief.analysis import analyse_case_folder, run_analysis


def test_run_analysis_holds_every_table_for_the_same_parameters():
    result = run_analysis(judgment_case(), n_samples=100, seed=4, top_k=2)
    assert result.signal_scores["signal_id"].tolist()[0] == result.sensitivity.signals["signal_id"].tolist()[0]
    assert result.sensitivity.top_k == 2 and result.sensitivity.n_samples == 100
    assert result.hypothesis_support["n_leads"].sum() == 100
    assert sum(result.weights.values()) == 1.0
    assert len(result.key_judgments) == 5


def test_as_of_reaches_every_table():
    # On 2000-01-31 only the January pledge was known: no deed, no rebuttal, no conflict yet.
    result = run_analysis(judgment_case(), n_samples=50, as_of="2000-01-31")
    assert sorted(result.signal_scores["signal_id"]) == ["gossip", "pledge"]
    assert result.diagnosticity["signal_id"].tolist() == ["pledge"]
    assert result.say_do.gaps.empty and result.say_do.contested.empty
    assert set(result.stances_over_time["signal_id"]) == {"gossip", "pledge"}


def test_run_analysis_leaves_the_case_untouched():
    case = judgment_case()
    before = {name: frame.copy() for name, frame in case.tables().items()}
    run_analysis(case, n_samples=50, roll_up=True, as_of="2000-02-15")
    for name, frame in case.tables().items():
        pd.testing.assert_frame_equal(frame, before[name])


def sorted_table(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


@settings(deadline=None, max_examples=30)
@given(tiny_cases(), st.integers(0, 2**16))
def test_row_order_changes_no_table(case, seed):
    first = run_analysis(case, n_samples=50, roll_up=True)
    second = run_analysis(shuffle_case(case, seed), n_samples=50, roll_up=True)
    for name, keys in [("stances", ["actor_id", "topic_id"]), ("signal_scores", ["signal_id"]),
                       ("actor_scores", ["actor_id"]), ("hypothesis_scores", ["hypothesis_id"]),
                       ("diagnosticity", ["signal_id"]), ("leave_one_out", ["signal_id"]),
                       ("hypothesis_support", ["hypothesis_id"]), ("network", ["actor_a", "actor_b"])]:
        pd.testing.assert_frame_equal(sorted_table(getattr(first, name), keys),
                                      sorted_table(getattr(second, name), keys), obj=name)
    pd.testing.assert_frame_equal(first.sensitivity.signals, second.sensitivity.signals)
    pd.testing.assert_frame_equal(first.say_do.gaps, second.say_do.gaps)
    pd.testing.assert_frame_equal(first.key_judgments, second.key_judgments)


def test_analyse_case_folder_reuses_its_result_until_a_file_or_parameter_changes(mini_case):
    first = analyse_case_folder(mini_case, n_samples=20)
    assert analyse_case_folder(str(mini_case) + "/", n_samples=20) is first
    assert analyse_case_folder(mini_case, n_samples=21) is not first
    signals = mini_case / "signals.csv"
    # The mini case's union denial is stance -2; coding it -1 must show in a fresh analysis.
    signals.write_text(signals.read_text(encoding="utf-8").replace(
        "union_denial,harbour_union,inspections_started,-2,", "union_denial,harbour_union,inspections_started,-1,"),
        encoding="utf-8")
    edited = analyse_case_folder(mini_case, n_samples=20)
    assert edited is not first
    assert edited.case.signals.set_index("signal_id").loc["union_denial", "stance"] == -1
