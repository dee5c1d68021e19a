"""Agreement network: congruence and conflict between actors on shared topics."""
from __future__ import annotations

import pytest
from factories import make_case

from signalbrief.network import actor_network


def network_case():
    signal_rows = [  # (actor, topic, stance)
        ("a", "t1", 2), ("a", "t2", 2), ("a", "t2", 0), ("a", "t3", 0),
        ("b", "t1", 1), ("b", "t2", -2), ("b", "t3", 2),
        ("c", "t1", -1),
        ("d", "t4", 2),
        ("c_staff", "t1", 1),
    ]
    return make_case(
        actors=[{"actor_id": "a", "name": "Ay"}, {"actor_id": "b", "name": "Bee"}, {"actor_id": "c"},
                {"actor_id": "d"}, {"actor_id": "c_staff", "parent_actor_id": "c"}],
        topics=[{"topic_id": f"t{i}"} for i in range(1, 5)],
        signals=[{"signal_id": f"s{i}", "actor_id": actor, "topic_id": topic, "stance": stance}
                 for i, (actor, topic, stance) in enumerate(signal_rows)],
    )


def test_edges_weigh_agreement_and_conflict_per_shared_topic():
    edges = actor_network(network_case()).set_index(["actor_a", "actor_b"])
    # a-b: t1 same side (2, 1): 1 - 1/4 = 0.75 congruence; t2 a's mean (2 + 0)/2 = 1 against -2:
    # |1 + 2| / 4 = 0.75 conflict; t3 a's mean is 0, no side.
    ab = edges.loc[("a", "b")]
    assert (ab["congruence"], ab["conflict"], ab["net"]) == pytest.approx((0.75, 0.75, 0.0))
    assert (ab["n_topics"], ab["topics"], ab["actor_a_name"], ab["actor_b_name"]) == (2, "t1;t2", "Ay", "Bee")
    # a-c: t1 (2, -1): conflict 3/4; b-c: t1 (1, -1): conflict 2/4; a-c_staff: t1 (2, 1): congruence 0.75
    assert edges.loc[("a", "c"), ["congruence", "conflict"]].tolist() == pytest.approx([0.0, 0.75])
    assert edges.loc[("b", "c"), "conflict"] == pytest.approx(0.5)
    assert edges.loc[("a", "c_staff"), "congruence"] == pytest.approx(0.75)
    # c-c_staff: t1 (-1, 1): conflict 2/4
    assert edges.loc[("c", "c_staff"), "conflict"] == pytest.approx(0.5)
    assert "d" not in edges.index.get_level_values(0).tolist() + edges.index.get_level_values(1).tolist()


def test_roll_up_merges_sub_actors_into_their_parent():
    edges = actor_network(network_case(), roll_up=True).set_index(["actor_a", "actor_b"])
    # c's mean on t1 becomes (-1 + 1) / 2 = 0: no side, so c has no edge left
    assert edges.index.tolist() == [("a", "b")]


def test_agreement_is_measured_within_the_window_not_across_decades():
    case = make_case(
        actors=[{"actor_id": "a"}, {"actor_id": "b"}, {"actor_id": "c"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "a_1995", "actor_id": "a", "topic_id": "t", "stance": 2, "signal_date": "1995-01-01",
                  "signal_date_precision": "year"},
                 {"signal_id": "b_2000", "actor_id": "b", "topic_id": "t", "stance": -2, "signal_date": "2000-03-14"},
                 {"signal_id": "c_1999", "actor_id": "c", "topic_id": "t", "stance": -1, "signal_date": "1999-02-01"},
                 {"signal_id": "a_1999", "actor_id": "a", "topic_id": "t", "stance": 1, "signal_date": "1999-12-01"}])
    # Window: the 365 days up to 14 Mar 2000. a's 1995 signature is outside; its position in the
    # window is +1 (Dec 1999). c's February 1999 signal is outside: c has no side in the window.
    edges = actor_network(case).set_index(["actor_a", "actor_b"])
    assert edges.index.tolist() == [("a", "b")]
    assert edges.loc[("a", "b"), "conflict"] == pytest.approx(3 / 4)  # +1 against -2
    # A longer window brings c in (and a's latest position is still +1)
    wide = actor_network(case, window_days=10_000).set_index(["actor_a", "actor_b"])
    assert wide.loc[("a", "c"), "conflict"] == pytest.approx(2 / 4)
