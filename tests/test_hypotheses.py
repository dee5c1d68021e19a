"""Analysis of competing hypotheses: scores, diagnosticity, leave-one-out, support."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from factories import make_case, tiny_cases
from hypothesis import given, settings

from signalbrief.hypotheses import (evidence_diagnosticity, hypothesis_support, leader_weight_stability,
                                    leave_one_out, score_hypotheses)

# Credibility of the evidence (default weights; actions, so cost applies; each signal alone on its
# actor x topic and unlinked, so corroboration and consistency are missing and the weights of
# source 0.30, cost 0.20 and specificity 0.15 renormalise over 0.65):
# strong = A direct (1.0), sunk cost (1.0), unconditional (1.0): 0.65 / 0.65 = 1.0
# weak = E direct (0.2), cheap talk (0.2), hedged (0.3): (0.06 + 0.04 + 0.045) / 0.65 = 0.145 / 0.65
STRONG, WEAK = 1.0, 0.145 / 0.65
RATINGS = {  # signal -> ratings under (h_a, h_b, h_c)
    "e1": ("I", "CC", "C"),   # strong
    "e2": ("C", "II", "I"),   # weak
    "e3": ("N", "I", "II"),   # strong
}


def ach_case(ratings=RATINGS, ids=("h_a", "h_b", "h_c")):
    strong = {"outlet_id": "good", "kind": "action", "cost": "sunk_cost", "hedging": "unconditional"}
    weak = {"outlet_id": "poor", "kind": "action", "cost": "cheap_talk", "hedging": "hedged"}
    return make_case(
        outlets=[{"outlet_id": "good", "reliability": "A"}, {"outlet_id": "poor", "reliability": "E"}],
        actors=[{"actor_id": "a1"}, {"actor_id": "a2"}, {"actor_id": "a3"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "e1", "actor_id": "a1", "topic_id": "t", **strong},
                 {"signal_id": "e2", "actor_id": "a2", "topic_id": "t", **weak},
                 {"signal_id": "e3", "actor_id": "a3", "topic_id": "t", **strong}],
        hypotheses=[{"hypothesis_id": ids[0], "label": "Alpha", "statement": "Alpha is true."},
                    {"hypothesis_id": ids[1], "label": "Beta"}, {"hypothesis_id": ids[2], "label": "Gamma"}],
        ach=[{"hypothesis_id": hypothesis, "signal_id": signal, "rating": rating}
             for signal, row in ratings.items() for hypothesis, rating in zip(ids, row)],
    )


def test_hypotheses_rank_by_least_weighted_inconsistency():
    table = score_hypotheses(ach_case()).set_index("hypothesis_id")
    # h_a: e1 I = 1.0; h_b: e2 II + e3 I = 2W + 1.0; h_c: e2 I + e3 II = W + 2.0
    expected = {"h_a": 1.0, "h_b": 2 * WEAK + 1.0, "h_c": WEAK + 2.0}
    assert table["weighted_inconsistency"].to_dict() == pytest.approx(expected)
    # consistency: h_a: e2 C = W; h_b: e1 CC = 2.0; h_c: e1 C = 1.0
    assert table["weighted_consistency"].to_dict() == pytest.approx({"h_a": WEAK, "h_b": 2.0, "h_c": 1.0})
    assert table["n_inconsistent"].to_dict() == {"h_a": 1, "h_b": 2, "h_c": 2}
    assert table["rank"].to_dict() == {"h_a": 1, "h_b": 2, "h_c": 3}
    assert table["is_leading"].to_dict() == {"h_a": True, "h_b": False, "h_c": False}
    assert not table["is_tied_for_lead"].any()
    # The probability model: 2 ** -WI, normalised
    odds = {key: 2.0 ** -value for key, value in expected.items()}
    assert table["probability"].to_dict() == pytest.approx({key: v / sum(odds.values()) for key, v in odds.items()})


def test_the_probability_model_on_two_hypotheses_worked_by_hand():
    # One strong piece I against h_a and one weak piece II against h_b:
    # WI(h_a) = 1.0, WI(h_b) = 2W. P(h_a) = 2^-1 / (2^-1 + 2^-2W).
    case = ach_case({"e1": ("I", "N", "N"), "e2": ("N", "II", "N")})
    case = dataclasses.replace(case, hypotheses=case.hypotheses.iloc[:2],
                               ach=case.ach[case.ach["hypothesis_id"] != "h_c"])
    table = score_hypotheses(case).set_index("hypothesis_id")
    w = 0.145 / 0.65  # 0.2231
    p_a = 0.5 / (0.5 + 2 ** (-2 * w))  # 0.5 / (0.5 + 0.7340) = 0.4052
    assert table.loc["h_a", "probability"] == pytest.approx(p_a)
    assert table.loc["h_a", "probability"] == pytest.approx(0.4052, abs=1e-4)
    assert table.loc["h_b", "probability"] == pytest.approx(1 - p_a)


def test_a_tie_for_the_lead_is_a_tie_every_tied_hypothesis_leads():
    table = score_hypotheses(ach_case({"e1": ("I", "I", "N"), "e2": ("N", "N", "II")}))
    # h_a and h_b: 1.0 each; h_c: 2W = 0.45 leads alone; the tied two share rank 2, ordered by label
    assert table["hypothesis_id"].tolist() == ["h_c", "h_a", "h_b"]
    assert table["rank"].tolist() == [1, 2, 2]
    tied = score_hypotheses(ach_case({"e1": ("I", "I", "II")}))
    assert tied["hypothesis_id"].tolist() == ["h_a", "h_b", "h_c"]
    assert tied["rank"].tolist() == [1, 1, 3]
    assert tied["is_tied_for_lead"].tolist() == [True, True, False]
    assert tied["is_leading"].tolist() == [True, True, False]
    # 2^-1, 2^-1, 2^-2 normalised: 0.4, 0.4, 0.2
    assert tied["probability"].tolist() == pytest.approx([0.4, 0.4, 0.2])
    assert tied["probability"].iloc[0] == tied["probability"].iloc[1]


def test_renaming_the_hypotheses_changes_nothing_but_their_ids():
    ratings = {"e1": ("I", "I", "II"), "e2": ("C", "N", "I")}
    first = score_hypotheses(ach_case(ratings))
    renamed = score_hypotheses(ach_case(ratings, ids=("zz", "mm", "aa")))
    pd.testing.assert_frame_equal(first.drop(columns="hypothesis_id"), renamed.drop(columns="hypothesis_id"))
    support = hypothesis_support(ach_case(ratings), n_samples=200).drop(columns="hypothesis_id")
    renamed_support = hypothesis_support(ach_case(ratings, ids=("zz", "mm", "aa")), n_samples=200)
    pd.testing.assert_frame_equal(support, renamed_support.drop(columns="hypothesis_id"))


def test_a_three_row_utterance_counts_once_in_ach():
    # One speech (same actor, outlet, event) coded as three signals, each rated; and a second actor.
    speech = {"actor_id": "a1", "topic_id": "t", "kind": "action", "cost": "sunk_cost", "event_id": "speech"}
    case = make_case(
        actors=[{"actor_id": "a1"}, {"actor_id": "a2"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "part1", **speech}, {"signal_id": "part2", **speech},
                 {"signal_id": "part3", **speech, "hedging": "hedged"},
                 {"signal_id": "other", "actor_id": "a2", "topic_id": "t", "kind": "action", "cost": "sunk_cost"}],
        hypotheses=[{"hypothesis_id": "h1"}, {"hypothesis_id": "h2"}],
        ach=[{"hypothesis_id": h, "signal_id": s, "rating": r} for s, ratings in
             {"part1": ("I", "N"), "part2": ("I", "C"), "part3": ("II", "N"), "other": ("N", "I")}.items()
             for h, r in zip(("h1", "h2"), ratings)])
    table = score_hypotheses(case).set_index("hypothesis_id")
    # part1, part2, other: A direct, sunk cost, unconditional: 1.0. part3 hedged:
    # (0.30 + 0.20 + 0.15×0.3) / 0.65 = 0.545 / 0.65. The speech counts once, by its strongest row
    # against each hypothesis: h1 max(1.0×1, 1.0×1, 0.8385×2) = 1.677; h2: other 1.0.
    part3 = 0.545 / 0.65
    assert table.loc["h1", "weighted_inconsistency"] == pytest.approx(2 * part3)
    assert table.loc["h2", "weighted_inconsistency"] == pytest.approx(1.0)
    assert table["n_rated"].to_dict() == {"h1": 2, "h2": 2}  # two pieces of evidence, not four rows
    assert table.loc["h2", "weighted_consistency"] == pytest.approx(1.0)  # part2's C, once


def test_duplicating_a_row_verbatim_changes_no_hypothesis_score():
    case = ach_case()
    copy = case.signals[case.signals["signal_id"] == "e2"].assign(signal_id="e2_copy")
    ach_copy = case.ach[case.ach["signal_id"] == "e2"].assign(signal_id="e2_copy")
    doubled = dataclasses.replace(case, signals=pd.concat([case.signals, copy], ignore_index=True),
                                  ach=pd.concat([case.ach, ach_copy], ignore_index=True))
    pd.testing.assert_frame_equal(score_hypotheses(case), score_hypotheses(doubled))
    pd.testing.assert_frame_equal(hypothesis_support(case, n_samples=100), hypothesis_support(doubled, n_samples=100))


def test_diagnosticity_counts_only_score_differences_between_the_hypotheses_in_contention():
    table = evidence_diagnosticity(ach_case()).set_index("signal_id")
    # WI: h_a 1.0, h_b 1.45, h_c 2.22. P(h_b) / (P(h_a) + P(h_b)) = 1 / (1 + 2^0.45) = 0.42 < 0.45, so
    # h_a stands alone and the contenders are h_a and the runner-up h_b. Inconsistency weights:
    # e1 (1, 0): 1/2; e2 (0, 2): 2/2; e3 (0, 1): 1/2
    assert table["diagnosticity"].to_dict() == {"e1": 0.5, "e2": 1.0, "e3": 0.5}
    # Heuer's spread over all ratings and hypotheses, kept for reference
    assert table["rating_spread"].to_dict() == {"e1": 0.75, "e2": 0.75, "e3": 0.5}
    assert table.loc["e2", ["rating_h_a", "rating_h_b", "rating_h_c"]].tolist() == ["C", "II", "I"]
    assert table.index.tolist() == ["e2", "e1", "e3"]  # e1 ahead of e3: same separation, wider spread
    assert table.loc["e2", "credibility"] == pytest.approx(WEAK)


def test_consistent_only_differences_are_not_diagnostic():
    # CC against C counts nothing in the score, so it separates nothing.
    table = evidence_diagnosticity(ach_case({"e1": ("CC", "C", "N"), "e2": ("N", "N", "I")}))
    assert table.set_index("signal_id").loc["e1", "diagnosticity"] == 0.0


def test_leave_one_out_finds_the_evidence_that_changes_the_leader():
    table = leave_one_out(ach_case()).set_index("signal_id")
    w = WEAK
    # With all evidence: h_a 1.0, h_b 1 + 2W, h_c 2 + W: margin 2W
    assert table["margin"].iloc[0] == pytest.approx(2 * w)
    # Without e1: h_a 0, h_b 1 + 2W, h_c 2 + W: h_a leads by 1 + 2W (change +1)
    # Without e2: h_a 1, h_b 1, h_c 2: h_a and h_b tie, a change of leaders, margin 0 (change -2W)
    # Without e3: h_a 1, h_b 2W, h_c W: h_c leads, h_a trails by W - 1 (change W - 1 - 2W)
    assert table["leader_without"].to_dict() == {"e1": "h_a", "e2": "h_a;h_b", "e3": "h_c"}
    assert table["leader_without_label"].to_dict() == {"e1": "“Alpha”", "e2": "“Alpha” and “Beta”",
                                                       "e3": "“Gamma”"}
    assert table["changes_leader"].to_dict() == {"e1": False, "e2": True, "e3": True}
    assert table["margin_without"].to_dict() == pytest.approx({"e1": 1 + 2 * w, "e2": 0.0, "e3": w - 1})
    assert table["margin_change"].to_dict() == pytest.approx({"e1": 1.0, "e2": -2 * w, "e3": -1 - w})
    assert sorted(table.index[table["is_critical"]]) == ["e2", "e3"]


def test_without_a_leader_change_the_margin_shrinkers_are_critical():
    table = leave_one_out(ach_case({"e1": ("N", "I", "I"), "e2": ("N", "I", "I")})).set_index("signal_id")
    # h_a 0; h_b and h_c 1 + W. Margin 1 + W. Removing e1 leaves margin W (change -1);
    # removing e2 leaves margin 1 (change -W). h_a leads throughout.
    assert not table["changes_leader"].any()
    assert table["margin_change"].to_dict() == pytest.approx({"e1": -1.0, "e2": -WEAK})
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


def test_a_tied_draw_shares_its_lead():
    # Only e1 is rated and it counts I against h_a and h_b alike: every draw ties them.
    support = hypothesis_support(ach_case({"e1": ("I", "I", "II")}), n_samples=100).set_index("hypothesis_id")
    assert support["n_leads"].to_dict() == {"h_a": 50.0, "h_b": 50.0, "h_c": 0.0}
    assert support["support"].to_dict() == {"h_a": 0.5, "h_b": 0.5, "h_c": 0.0}


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
