"""Stance tables and the one roll-up rule."""
from __future__ import annotations

import pandas as pd
import pytest
from factories import make_case

from signalbrief.errors import CaseError
from signalbrief.stances import (join_ids_by_group, signals_behind, stance_matrix, stance_over_time,
                                 top_level_actor_ids)


def government_case():
    """A deputy within a ministry within a government, and an outside critic."""
    return make_case(
        actors=[{"actor_id": "gov", "name": "The Government"},
                {"actor_id": "ministry", "name": "The Ministry", "parent_actor_id": "gov"},
                {"actor_id": "deputy", "name": "The Deputy", "parent_actor_id": "ministry"},
                {"actor_id": "critic", "name": "The Critic"}],
        topics=[{"topic_id": "deal", "label": "The deal"}, {"topic_id": "arms", "label": "Arms"}],
        signals=[
            {"signal_id": "s1", "actor_id": "gov", "topic_id": "deal", "stance": 2, "signal_date": "2000-01-01"},
            {"signal_id": "s2", "actor_id": "gov", "topic_id": "deal", "stance": -1, "signal_date": "2000-03-01"},
            {"signal_id": "s3", "actor_id": "gov", "topic_id": "deal", "stance": 0, "signal_date": "2000-02-01"},
            {"signal_id": "s4", "actor_id": "deputy", "topic_id": "deal", "stance": -2, "signal_date": "2000-04-01"},
            {"signal_id": "s5", "actor_id": "critic", "topic_id": "arms", "stance": 1, "signal_date": "2000-01-15"},
        ],
    )


def test_stance_matrix_mean_min_max_per_actor_and_topic():
    matrix = stance_matrix(government_case()).set_index(["actor_id", "topic_id"])
    gov = matrix.loc[("gov", "deal")]
    assert gov["mean_stance"] == pytest.approx(1 / 3)  # (2 - 1 + 0) / 3
    assert (gov["min_stance"], gov["max_stance"], gov["n_signals"]) == (-1, 2, 3)
    assert gov["signal_ids"] == "s1;s2;s3"
    assert (gov["actor_name"], gov["topic_label"]) == ("The Government", "The deal")
    assert matrix.loc[("deputy", "deal"), "mean_stance"] == -2.0
    assert len(matrix) == 3  # gov/deal, deputy/deal, critic/arms: only cells with signals


def test_top_level_actor_ids_follow_parents_to_the_root():
    roots = top_level_actor_ids(government_case().actors)
    assert roots.to_dict() == {"gov": "gov", "ministry": "gov", "deputy": "gov", "critic": "critic"}


def test_roll_up_speaks_for_the_top_level_actor():
    matrix = stance_matrix(government_case(), roll_up=True).set_index(["actor_id", "topic_id"])
    assert matrix.loc[("gov", "deal"), "mean_stance"] == pytest.approx(-0.25)  # (2 - 1 + 0 - 2) / 4
    assert matrix.loc[("gov", "deal"), "signal_ids"] == "s1;s2;s3;s4"
    assert "deputy" not in matrix.index.get_level_values("actor_id")


def test_a_cycle_of_parents_is_a_case_error():
    case = make_case(actors=[{"actor_id": "a", "parent_actor_id": "b"},
                             {"actor_id": "b", "parent_actor_id": "a"},
                             {"actor_id": "c"}])
    with pytest.raises(CaseError, match="actors.csv: parent_actor_id: 'a' is in a cycle of parent actors"):
        top_level_actor_ids(case.actors)


def test_an_unknown_parent_is_a_case_error():
    case = make_case(actors=[{"actor_id": "a", "parent_actor_id": "nobody"}])
    with pytest.raises(CaseError, match="'nobody' \\(parent of 'a'\\) is not an actor"):
        top_level_actor_ids(case.actors)


def test_stance_over_time_keeps_a_running_mean_per_cell():
    timeline = stance_over_time(government_case())
    assert timeline["signal_id"].tolist() == ["s1", "s5", "s3", "s2", "s4"]  # by date
    gov = timeline[timeline["actor_id"] == "gov"]
    # s1: 2 / 1 = 2; s3: (2 + 0) / 2 = 1; s2: (2 + 0 - 1) / 3 = 1/3
    assert gov["running_mean_stance"].tolist() == pytest.approx([2.0, 1.0, 1 / 3])


@pytest.mark.parametrize("first_id, second_id", [("a_said", "b_said"), ("b_said", "a_said")])
def test_signals_of_one_day_count_together_in_the_running_mean_whatever_their_ids(first_id, second_id):
    # One actor, one question: +2 on 1 Mar, then -2 and +1 on 5 Mar. Through 5 Mar the mean is
    # (2 - 2 + 1) / 3 = 1/3 for both 5 Mar signals, neither counted before the other.
    rows = [{"signal_id": "early", "actor_id": "gov", "topic_id": "deal", "stance": 2, "signal_date": "2000-03-01"},
            {"signal_id": first_id, "actor_id": "gov", "topic_id": "deal", "stance": -2, "signal_date": "2000-03-05"},
            {"signal_id": second_id, "actor_id": "gov", "topic_id": "deal", "stance": 1, "signal_date": "2000-03-05"}]
    timeline = stance_over_time(make_case(actors=[{"actor_id": "gov"}], topics=[{"topic_id": "deal"}], signals=rows))
    means = dict(zip(timeline["signal_id"], timeline["running_mean_stance"]))
    assert means == pytest.approx({"early": 2.0, "a_said": 1 / 3, "b_said": 1 / 3})


def test_signals_behind_a_cell_keep_their_own_speaker():
    behind = signals_behind(government_case(), "gov", "deal", roll_up=True)
    assert behind["signal_id"].tolist() == ["s1", "s3", "s2", "s4"]
    assert behind["actor_id"].tolist() == ["gov", "gov", "gov", "deputy"]
    assert signals_behind(government_case(), "gov", "deal")["signal_id"].tolist() == ["s1", "s3", "s2"]


def test_join_ids_by_group_sorts_each_groups_ids_and_orders_groups_by_key():
    frame = pd.DataFrame({"actor_id": ["b", "a", "b", "a", "b"], "topic_id": ["t", "t", "t", "u", "t"],
                          "signal_id": ["s10", "s3", "s2", "s1", "s1"]})
    joined = join_ids_by_group(frame, ["actor_id", "topic_id"], "signal_id")
    # Groups in key order (a, t), (a, u), (b, t); ids sorted as text, so "s10" comes before "s2".
    assert joined.index.tolist() == [("a", "t"), ("a", "u"), ("b", "t")]
    assert joined.tolist() == ["s3", "s1", "s1;s10;s2"]


def test_an_actors_position_is_its_latest_signal_with_the_earlier_ones_as_history():
    case = make_case(
        actors=[{"actor_id": "gov"}], topics=[{"topic_id": "treaty"}],
        signals=[{"signal_id": "signed", "actor_id": "gov", "topic_id": "treaty", "stance": 2,
                  "signal_date": "2011-01-01", "signal_date_precision": "year"},
                 {"signal_id": "vote_no", "actor_id": "gov", "topic_id": "treaty", "stance": -2,
                  "signal_date": "2025-05-01"},
                 {"signal_id": "doubt", "actor_id": "gov", "topic_id": "treaty", "stance": -1,
                  "signal_date": "2025-05-01"},
                 # "in May 2025" is known only from 31 May, after the two day-dated signals
                 {"signal_id": "month", "actor_id": "gov", "topic_id": "treaty", "stance": 0,
                  "signal_date": "2025-05-01", "signal_date_precision": "month"}])
    cell = stance_matrix(case).iloc[0]
    assert cell["position"] == 0.0 and cell["position_signal_ids"] == "month"
    assert cell["stance_history"] == "+2 → -2 → -1 → 0"
    assert cell["mean_stance"] == pytest.approx(-0.25)
    # As of 30 May 2025 the month is not over: the two signals of 1 May are the latest, averaged
    earlier = stance_matrix(case, as_of="2025-05-30").iloc[0]
    assert earlier["position"] == pytest.approx(-1.5) and earlier["position_signal_ids"] == "doubt;vote_no"
    assert earlier["stance_history"] == "+2 → -2 → -1"
