"""Analysis of competing hypotheses: scores, diagnosticity, leave-one-out, support."""
from __future__ import annotations

import pandas as pd
import pytest
from factories import make_case, tiny_cases
from hypothesis import given, settings

from signalbrief.hypotheses import (evidence_diagnosticity, hypothesis_support, leader_weight_stability,
                                    leave_one_out, score_hypotheses)

# Credibility of the evidence (default weights, each signal alone on its actor x topic, no links):
# strong = A direct (1.0), sunk cost (1.0), unconditional (1.0):
#   0.30×1.0 + 0.20×0.5 + 0.20×1.0 + 0.15×0.5 + 0.15×1.0 = 0.825
# weak = E direct (0.2), cheap talk (0.2), hedged (0.3):
#   0.30×0.2 + 0.20×0.5 + 0.20×0.2 + 0.15×0.5 + 0.15×0.3 = 0.32
STRONG, WEAK = 0.825, 0.32
RATINGS = {  # signal -> ratings under (h_a, h_b, h_c)
    "e1": ("I", "CC", "C"),   # strong
    "e2": ("C", "II", "I"),   # weak
    "e3": ("N", "I", "II"),   # strong
}


def ach_case(ratings=RATINGS):
    strong = {"outlet_id": "good", "cost": "sunk_cost", "hedging": "unconditional"}
    weak = {"outlet_id": "poor", "cost": "cheap_talk", "hedging": "hedged"}
    return make_case(
        outlets=[{"outlet_id": "good", "reliability": "A"}, {"outlet_id": "poor", "reliability": "E"}],
        actors=[{"actor_id": "a1"}, {"actor_id": "a2"}, {"actor_id": "a3"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "e1", "actor_id": "a1", "topic_id": "t", **strong},
                 {"signal_id": "e2", "actor_id": "a2", "topic_id": "t", **weak},
                 {"signal_id": "e3", "actor_id": "a3", "topic_id": "t", **strong}],
        hypotheses=[{"hypothesis_id": "h_a", "label": "Alpha", "statement": "Alpha is true."},
                    {"hypothesis_id": "h_b", "label": "Beta"}, {"hypothesis_id": "h_c", "label": "Gamma"}],
        ach=[{"hypothesis_id": hypothesis, "signal_id": signal, "rating": rating}
             for signal, row in ratings.items() for hypothesis, rating in zip(("h_a", "h_b", "h_c"), row)],
    )


def test_hypotheses_rank_by_least_weighted_inconsistency():
    table = score_hypotheses(ach_case()).set_index("hypothesis_id")
    # h_a: e1 I = 0.825; h_b: e2 II + e3 I = 2×0.32 + 0.825 = 1.465; h_c: e2 I + e3 II = 0.32 + 1.65 = 1.97
    assert table["weighted_inconsistency"].to_dict() == pytest.approx({"h_a": 0.825, "h_b": 1.465, "h_c": 1.97})
    # consistency: h_a: e2 C = 0.32; h_b: e1 CC = 1.65; h_c: e1 C = 0.825
    assert table["weighted_consistency"].to_dict() == pytest.approx({"h_a": 0.32, "h_b": 1.65, "h_c": 0.825})
    assert table["n_inconsistent"].to_dict() == {"h_a": 1, "h_b": 2, "h_c": 2}
    assert table["rank"].to_dict() == {"h_a": 1, "h_b": 2, "h_c": 3}
    assert table["is_leading"].to_dict() == {"h_a": True, "h_b": False, "h_c": False}
    assert not table["is_tied_for_lead"].any()


def test_a_tie_for_the_lead_is_flagged_and_broken_by_id():
    table = score_hypotheses(ach_case({"e1": ("I", "I", "N"), "e2": ("N", "N", "II")}))
    # h_a and h_b: 0.825 each; h_c: 2×0.32 = 0.64 leads alone
    assert table["hypothesis_id"].tolist() == ["h_c", "h_a", "h_b"]
    tied = score_hypotheses(ach_case({"e1": ("I", "I", "II")}))
    assert tied["hypothesis_id"].tolist() == ["h_a", "h_b", "h_c"]
    assert tied["is_tied_for_lead"].tolist() == [True, True, False]
    assert tied["is_leading"].tolist() == [True, False, False]


def test_diagnosticity_is_the_spread_of_ratings():
    table = evidence_diagnosticity(ach_case()).set_index("signal_id")
    # e1: I (-1) .. CC (+2): 3/4; e2: II (-2) .. C (+1): 3/4; e3: II (-2) .. N (0): 2/4
    assert table["diagnosticity"].to_dict() == {"e1": 0.75, "e2": 0.75, "e3": 0.5}
    assert table.loc["e2", ["rating_h_a", "rating_h_b", "rating_h_c"]].tolist() == ["C", "II", "I"]
    assert table.index.tolist() == ["e1", "e2", "e3"]  # e1 ahead of e2: same spread, more credible
    assert table.loc["e2", "credibility"] == pytest.approx(WEAK)


def test_leave_one_out_finds_the_evidence_that_changes_the_leader():
    table = leave_one_out(ach_case()).set_index("signal_id")
    # With all evidence: h_a 0.825, h_b 1.465, h_c 1.97: margin 1.465 - 0.825 = 0.64
    assert table["margin"].iloc[0] == pytest.approx(0.64)
    # Without e1: h_a 0, h_b 1.465, h_c 1.97: h_a leads by 1.465 (change +0.825)
    # Without e2: h_a 0.825, h_b 0.825, h_c 1.65: tie, h_a by id, margin 0 (change -0.64)
    # Without e3: h_a 0.825, h_b 0.64, h_c 0.32: h_c leads, h_a trails by 0.505 (change -1.145)
    assert table["leader_without"].to_dict() == {"e1": "h_a", "e2": "h_a", "e3": "h_c"}
    assert table["changes_leader"].to_dict() == {"e1": False, "e2": False, "e3": True}
    assert table["margin_without"].to_dict() == pytest.approx({"e1": 1.465, "e2": 0.0, "e3": -0.505})
    assert table["margin_change"].to_dict() == pytest.approx({"e1": 0.825, "e2": -0.64, "e3": -1.145})
    assert table.index[table["is_critical"]].tolist() == ["e3"]


def test_without_a_leader_change_the_margin_shrinkers_are_critical():
    table = leave_one_out(ach_case({"e1": ("N", "I", "I"), "e2": ("N", "II", "N")})).set_index("signal_id")
    # h_a 0; h_b 0.825 + 0.64 = 1.465; h_c 0.825. Margin 0.825. Removing e1 leaves h_b 0.64, h_c 0:
    # margin 0 (change -0.825); removing e2 leaves margin 0.825 (h_c). No leader change.
    assert not table["changes_leader"].any()
    assert table["margin_change"].to_dict() == pytest.approx({"e1": -0.825, "e2": 0.0})
    assert table.index[table["is_critical"]].tolist() == ["e1"]


def test_support_is_certain_when_one_hypothesis_is_never_contradicted():
    # h_a is never inconsistent, h_b and h_c are inconsistent with every signal: every draw,
    # whatever the weights and the resample, leaves h_a with 0 and the others with more.
    support = hypothesis_support(ach_case({"e1": ("N", "I", "II"), "e2": ("C", "I", "I"),
                                           "e3": ("CC", "II", "I")}), n_samples=300)
    assert support.set_index("hypothesis_id")["support"].to_dict() == {"h_a": 1.0, "h_b": 0.0, "h_c": 0.0}
    assert support["n_leads"].sum() == 300


def test_support_splits_when_the_evidence_is_fragile():
    support = hypothesis_support(ach_case(), n_samples=1000).set_index("hypothesis_id")["support"]
    assert support.sum() == pytest.approx(1.0)
    # Resamples without e3 let h_c lead (see leave-one-out); about (2/3)^3 = 30% of resamples lack e3.
    assert 0 < support["h_c"] < 1 and 0 < support["h_a"] < 1


def test_support_is_missing_without_rated_evidence():
    support = hypothesis_support(ach_case({}), n_samples=10)
    assert support["support"].isna().all() and (support["n_leads"] == 0).all()


def test_leader_weight_stability_is_one_for_an_unassailable_leader():
    case = ach_case({"e1": ("N", "I", "II"), "e2": ("C", "I", "I"), "e3": ("CC", "II", "I")})
    assert leader_weight_stability(case, n_samples=200) == 1.0


@settings(deadline=None, max_examples=50)
@given(tiny_cases())
def test_support_with_the_same_seed_is_identical(case):
    pd.testing.assert_frame_equal(hypothesis_support(case, n_samples=100, seed=3),
                                  hypothesis_support(case, n_samples=100, seed=3))


def test_support_with_different_seeds_differs():
    first = hypothesis_support(ach_case(), n_samples=1000, seed=0)
    second = hypothesis_support(ach_case(), n_samples=1000, seed=1)
    assert first["n_leads"].tolist() != second["n_leads"].tolist()
