"""Signal credibility: each component and the composite, computed by hand."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from factories import make_case, shuffle_case, tiny_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from signalbrief.credibility import COMPONENTS, describe_other_reports, rank_scores, score_actors, score_signals

GRADES_RISING = ("E", "D", "C", "B", "A")


def by_id(scores: pd.DataFrame) -> pd.DataFrame:
    return scores.set_index("signal_id")


def test_source_is_grade_times_directness_with_its_reason():
    case = make_case(
        outlets=[{"outlet_id": "ap", "name": "AP", "reliability": "B"},
                 {"outlet_id": "nobody", "name": "Nobody", "reliability": "F"}],
        actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "s1", "actor_id": "a", "topic_id": "t", "outlet_id": "ap",
                  "reporting": "reported_speech"},
                 {"signal_id": "s2", "actor_id": "a", "topic_id": "t", "outlet_id": "nobody",
                  "reporting": "article_inference"}])
    scores = by_id(score_signals(case))
    assert scores.loc["s1", "source"] == pytest.approx(0.68)  # B 0.8 × reported speech 0.85
    assert scores.loc["s1", "source_reason"] == "AP graded B (0.80) × reported speech (0.85) = 0.68"
    # F: reliability cannot be judged, so the component is missing, not 0.5
    assert np.isnan(scores.loc["s2", "source"])
    assert scores.loc["s2", "source_reason"] == "Nobody graded F: its reliability cannot be judged (missing, not scored)"


def corroboration_case():
    """Sources: s1 A direct 1.0, s2 B reported speech 0.68, s3 C paraphrase 0.42, s4 A direct 1.0."""
    return make_case(
        outlets=[{"outlet_id": "a_grade", "reliability": "A"}, {"outlet_id": "b_grade", "reliability": "B"},
                 {"outlet_id": "c_grade", "reliability": "C"}],
        actors=[{"actor_id": "x"}, {"actor_id": "y"}, {"actor_id": "z"}],
        topics=[{"topic_id": "t"}],
        signals=[
            {"signal_id": "s1", "actor_id": "x", "topic_id": "t", "outlet_id": "a_grade"},
            {"signal_id": "s2", "actor_id": "y", "topic_id": "t", "outlet_id": "b_grade",
             "reporting": "reported_speech"},
            {"signal_id": "s3", "actor_id": "z", "topic_id": "t", "outlet_id": "c_grade",
             "reporting": "paraphrase"},
            {"signal_id": "s4", "actor_id": "z", "topic_id": "t", "outlet_id": "a_grade"},
        ],
        links=[{"from_signal_id": "s2", "to_signal_id": "s1", "relation": "corroborates"},
               {"from_signal_id": "s3", "to_signal_id": "s1", "relation": "contradicts"},
               {"from_signal_id": "s2", "to_signal_id": "s3", "relation": "denies"},
               {"from_signal_id": "s1", "to_signal_id": "s3", "relation": "qualifies"},
               {"from_signal_id": "s4", "to_signal_id": "s2", "relation": "responds_to"}],
    )


def test_corroboration_updates_a_uniform_prior_with_independent_reports():
    scores = by_id(score_signals(corroboration_case()))
    # s1: corroborated by s2 (0.68), contradicted by s3 (0.42): (1 + 0.68) / (2 + 0.68 + 0.42) = 1.68 / 3.10
    assert scores.loc["s1", "corroboration"] == pytest.approx(1.68 / 3.10)
    assert scores.loc["s1", "corroboration_reason"] == (
        "one independent report corroborates it (Σ source 0.68), one contradicts or denies it (Σ source 0.42): "
        "(1 + 0.68) / (2 + 0.68 + 0.42) = 0.54")
    # s2: its corroboration of s1 counts back (1.0); its denial of s3 and s4's response do not: 2 / 3
    assert scores.loc["s2", "corroboration"] == pytest.approx(2 / 3)
    # s3: its own contradiction of s1 is directed at s1 and does not count against s3; the denial
    # by s2 (0.68) does; qualifies is ignored: 1 / (2 + 0.68)
    assert scores.loc["s3", "corroboration"] == pytest.approx(1 / 2.68)
    # s4: only a responds_to link, which does not count: missing
    assert np.isnan(scores.loc["s4", "corroboration"])
    assert scores.loc["s4", "corroboration_reason"] == "no independent report bears on it (missing, no information)"
    # Admiralty information credibility: s1 1 for and 1 against: 3; s2 corroborated only: 1;
    # s3 denied only: 5; s4 nothing: 6. Beside the outlet's letter.
    assert scores["admiralty_grade"].to_dict() == {"s1": "A3", "s2": "B1", "s3": "C5", "s4": "A6"}


def test_a_contradiction_lowers_the_commitment_and_not_the_later_report():
    case = make_case(
        outlets=[{"outlet_id": "wire", "reliability": "B"}, {"outlet_id": "paper", "reliability": "A"}],
        actors=[{"actor_id": "gov"}, {"actor_id": "minister"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "pledge", "actor_id": "gov", "topic_id": "t", "kind": "commitment",
                  "signal_date": "1995-01-01"},
                 {"signal_id": "breach", "actor_id": "minister", "topic_id": "t", "outlet_id": "paper",
                  "signal_date": "2000-03-14"}],
        links=[{"from_signal_id": "breach", "to_signal_id": "pledge", "relation": "contradicts"}])
    scores = by_id(score_signals(case))
    # The pledge: one report against it, source A direct 1.0: 1 / (2 + 1.0)
    assert scores.loc["pledge", "corroboration"] == pytest.approx(1 / 3)
    # The later report that shows the pledge broken is not doubted for it: no information
    assert np.isnan(scores.loc["breach", "corroboration"])


def test_rows_of_one_report_and_the_publications_own_inferences_do_not_corroborate_each_other():
    case = make_case(
        outlets=[{"outlet_id": "paper", "reliability": "B"}, {"outlet_id": "agency", "reliability": "A"},
                 {"outlet_id": "article", "kind": "this_article", "reliability": "C"}],
        actors=[{"actor_id": "official"}, {"actor_id": "reporter"}, {"actor_id": "pub"}],
        topics=[{"topic_id": "t"}],
        signals=[
            # a newspaper item and an official it quotes: one report
            {"signal_id": "item", "actor_id": "reporter", "topic_id": "t", "outlet_id": "paper"},
            {"signal_id": "quoted", "actor_id": "official", "topic_id": "t", "outlet_id": "paper"},
            # the same official through an agency: another report
            {"signal_id": "wire", "actor_id": "official", "topic_id": "t", "outlet_id": "agency"},
            # two inferences in the publication's own voice: one report
            {"signal_id": "guess1", "actor_id": "pub", "topic_id": "t", "outlet_id": "article",
             "reporting": "article_inference"},
            {"signal_id": "guess2", "actor_id": "pub", "topic_id": "t", "outlet_id": "article",
             "reporting": "article_inference"},
        ],
        links=[{"from_signal_id": "quoted", "to_signal_id": "item", "relation": "corroborates"},
               {"from_signal_id": "wire", "to_signal_id": "item", "relation": "corroborates"},
               {"from_signal_id": "guess1", "to_signal_id": "guess2", "relation": "corroborates"}])
    scores = by_id(score_signals(case))
    # item: only the agency report counts (A direct 1.0): (1 + 1) / (2 + 1)
    assert scores.loc["item", "corroboration"] == pytest.approx(2 / 3)
    assert scores.loc["item", "corroboration_reason"].startswith("one independent report corroborates it")
    # quoted: its link to item is inside one report: missing; the inferences likewise
    assert scores[["corroboration"]].loc[["quoted", "guess1", "guess2"]].isna().all().all()
    assert scores.loc["guess1", "admiralty_grade"] == "C6"


def test_a_report_counts_once_however_many_of_its_rows_are_linked():
    case = make_case(
        outlets=[{"outlet_id": "wire", "reliability": "B"}, {"outlet_id": "paper", "reliability": "A"}],
        actors=[{"actor_id": "a"}, {"actor_id": "b"}], topics=[{"topic_id": "t"}, {"topic_id": "u"}],
        signals=[{"signal_id": "claim", "actor_id": "a", "topic_id": "t"},
                 {"signal_id": "rebut1", "actor_id": "b", "topic_id": "t", "outlet_id": "paper"},
                 {"signal_id": "rebut2", "actor_id": "b", "topic_id": "u", "outlet_id": "paper",
                  "reporting": "paraphrase"}],
        links=[{"from_signal_id": "rebut1", "to_signal_id": "claim", "relation": "contradicts"},
               {"from_signal_id": "rebut2", "to_signal_id": "claim", "relation": "contradicts"}])
    scores = by_id(score_signals(case))
    # one report against, with its best source (A direct 1.0, not 1.0 + 0.7): 1 / (2 + 1.0)
    assert scores.loc["claim", "corroboration"] == pytest.approx(1 / 3)
    assert scores.loc["claim", "corroboration_reason"].startswith("no independent report corroborates it (Σ source "
                                                                  "0.00), one contradicts or denies it")


def test_cost_and_specificity_come_from_their_lookups():
    case = make_case(
        actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "s1", "actor_id": "a", "topic_id": "t", "kind": "demand", "cost": "cheap_talk",
                  "hedging": "hedged"},
                 {"signal_id": "s2", "actor_id": "a", "topic_id": "t", "kind": "commitment", "cost": "hands_tying",
                  "hedging": "conditional"},
                 {"signal_id": "s3", "actor_id": "a", "topic_id": "t", "kind": "action", "cost": "sunk_cost",
                  "hedging": "unconditional"}])
    scores = by_id(score_signals(case))
    assert scores["cost"].to_dict() == {"s1": 0.2, "s2": 0.6, "s3": 1.0}
    assert scores["specificity"].to_dict() == {"s1": 0.3, "s2": 0.6, "s3": 1.0}
    assert scores.loc["s2", "cost_reason"] == "cost to the sender (Fearon 1997), hands tying: 0.60"
    assert scores.loc["s2", "specificity_reason"] == "conditional: 0.60"


@pytest.mark.parametrize("kind", ["statement", "claim", "denial", "assessment"])
def test_cost_is_not_applicable_to_words_that_cost_nothing_and_the_weights_renormalise(kind):
    case = make_case(actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
                     signals=[{"signal_id": "s", "actor_id": "a", "topic_id": "t", "kind": kind,
                               "cost": "sunk_cost", "hedging": "conditional"}])
    row = by_id(score_signals(case)).loc["s"]
    assert np.isnan(row["cost"])
    assert row["cost_reason"] == f"not applicable: a {kind} costs its sender nothing whatever it says (missing)"
    # Present: source A direct 1.0 (0.30) and specificity 0.6 (0.15); corroboration, cost and
    # consistency missing: (0.30×1.0 + 0.15×0.6) / (0.30 + 0.15) = 0.39 / 0.45
    assert row["credibility"] == pytest.approx(0.39 / 0.45)


def test_consistency_counts_other_reports_once_each_and_deeds_double():
    article = {"outlet_id": "article"}
    case = make_case(
        outlets=[{"outlet_id": "article", "kind": "this_article", "reliability": "C"}],
        actors=[{"actor_id": "a"}, {"actor_id": "b"}], topics=[{"topic_id": "t"}, {"topic_id": "u"}],
        signals=[
            {"signal_id": "s1", "actor_id": "a", "topic_id": "t", "stance": 2, "kind": "statement", **article},
            {"signal_id": "s2", "actor_id": "a", "topic_id": "t", "stance": 0, "kind": "action", **article},
            {"signal_id": "s3", "actor_id": "a", "topic_id": "t", "stance": -2, "kind": "claim", **article,
             "event_id": "speech"},
            # the same speech coded again with the same stance: one report with s3
            {"signal_id": "s3_again", "actor_id": "a", "topic_id": "t", "stance": -2, "kind": "claim", **article,
             "event_id": "speech"},
            {"signal_id": "s4", "actor_id": "a", "topic_id": "u", "stance": -2, **article},
            {"signal_id": "s5", "actor_id": "b", "topic_id": "t", "stance": 2, **article},
        ])
    scores = by_id(score_signals(case))
    # s1: other reports s2 (deed, weight 2, gap 2) and the speech (weight 1, stance -2, gap 4):
    # (2×2 + 1×4) / 3 = 8/3; 1 - (8/3)/4 = 1/3. The speech's second row does not count again.
    assert scores.loc["s1", "consistency"] == pytest.approx(1 / 3)
    # s2: others s1 and the speech, weight 1 each, gap 2 each: 2; 1 - 2/4 = 0.5
    assert scores.loc["s2", "consistency"] == pytest.approx(0.5)
    # s3 and s3_again: others s1 (weight 1, gap 4) and s2 (weight 2, gap 2), not each other: 1/3
    assert scores.loc["s3", "consistency"] == pytest.approx(1 / 3)
    assert scores.loc["s3_again", "consistency"] == pytest.approx(1 / 3)
    assert scores.loc["s1", "consistency_reason"] == (
        "two other reports by this actor on this topic (one of them of deeds, weighing double): "
        "weighted mean gap 2.67 of 4 → 0.33")
    # s4 is a's only report on u, s5 b's only on t: missing
    assert np.isnan(scores.loc["s4", "consistency"]) and np.isnan(scores.loc["s5", "consistency"])
    assert scores.loc["s5", "consistency_reason"] == (
        "no other report by this actor on this topic (missing, no information)")


def test_the_publications_own_inferences_lend_no_consistency_to_each_other():
    inference = {"actor_id": "pub", "topic_id": "t", "outlet_id": "article", "reporting": "article_inference",
                 "kind": "assessment"}
    case = make_case(
        outlets=[{"outlet_id": "article", "kind": "this_article", "reliability": "C"}],
        actors=[{"actor_id": "pub"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "i1", "stance": -2, **inference}, {"signal_id": "i2", "stance": -2, **inference},
                 {"signal_id": "i3", "stance": -1, **inference}])
    scores = by_id(score_signals(case))
    assert scores["consistency"].isna().all()


def single_signal_case(reliability: str = "B") -> pd.DataFrame:
    """One commitment: B reported speech, no links, hands tying, alone, conditional."""
    return make_case(
        outlets=[{"outlet_id": "wire", "reliability": reliability}],
        actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "s1", "actor_id": "a", "topic_id": "t", "reporting": "reported_speech",
                  "kind": "commitment", "cost": "hands_tying", "hedging": "conditional"}])


def test_composite_is_the_weighted_mean_of_the_components_it_has():
    scores = score_signals(single_signal_case())
    # corroboration and consistency are missing; the other weights renormalise:
    # (0.30×0.68 + 0.20×0.6 + 0.15×0.6) / (0.30 + 0.20 + 0.15) = (0.204 + 0.12 + 0.09) / 0.65 = 0.414 / 0.65
    assert scores.loc[0, "credibility"] == pytest.approx(0.414 / 0.65)
    assert scores.loc[0, "rank"] == 1


def test_weights_are_normalised_and_missing_ones_weigh_zero():
    scores = score_signals(single_signal_case(), weights={"source": 2, "cost": 2})
    assert scores.loc[0, "credibility"] == pytest.approx(0.64)  # (0.68 + 0.6) / 2


def test_a_signal_with_no_weighted_component_has_no_credibility():
    scores = score_signals(single_signal_case("F"), weights={"corroboration": 1.0, "consistency": 1.0})
    assert np.isnan(scores.loc[0, "credibility"])


@pytest.mark.parametrize("weights, message", [
    ({"sauce": 1.0}, r"unknown credibility component\(s\) \['sauce'\]"),
    ({"source": -1.0, "cost": 2.0}, "must be finite and non-negative"),
    ({"source": 0.0}, "must have a positive sum"),
])
def test_bad_weights_are_refused_with_a_clear_message(weights, message):
    with pytest.raises(ValueError, match=message):
        score_signals(single_signal_case(), weights=weights)


def test_tied_signals_share_a_rank_and_rows_come_in_rank_order():
    case = make_case(
        actors=[{"actor_id": "a"}, {"actor_id": "b"}, {"actor_id": "c"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "zeta", "actor_id": "a", "topic_id": "t", "kind": "action"},
                 {"signal_id": "alpha", "actor_id": "b", "topic_id": "t", "kind": "action"},
                 {"signal_id": "mid", "actor_id": "c", "topic_id": "t", "kind": "action", "cost": "sunk_cost"}])
    scores = score_signals(case)
    # zeta and alpha are the same signal but for who sends it: they share rank 2 (competition
    # ranking), and are listed by signal_id, for display only.
    assert scores["signal_id"].tolist() == ["mid", "alpha", "zeta"]
    assert scores["rank"].tolist() == [1, 2, 2]


def test_rank_scores_ranks_each_column_and_ties_at_twelve_decimals_share_a_rank():
    scores = np.array([[0.5, 0.1],
                       [0.7, 0.5 + 4e-13],  # rounds to 0.5: tied with row 3
                       [0.5 + 4e-13, 0.9],  # rounds to 0.5: tied with row 0
                       [0.2, 0.5],
                       [0.5 + 6e-13, 0.0]])  # rounds to 0.500000000001: above the 0.5 ties
    # Column 0, highest first: 0.7 (row 1) 1, 0.500000000001 (row 4) 2, 0.5 rows 0 and 2 both 3,
    # then 0.2 (row 3) 5: the tie takes places 3 and 4.
    # Column 1: 0.9 (row 2) 1, 0.5 rows 1 and 3 both 2, 0.1 (row 0) 4, 0.0 (row 4) 5.
    assert rank_scores(scores).tolist() == [[3, 4], [1, 2], [3, 1], [5, 2], [2, 5]]
    assert rank_scores(scores[:, 0]).tolist() == [3, 1, 3, 5, 2]
    # Reordering the rows moves the ranks with them: no rank depends on a row's place.
    assert rank_scores(scores[::-1, 0]).tolist() == [2, 5, 3, 1, 3]


@pytest.mark.parametrize("bad", [np.nan, np.inf, 1e9])
def test_rank_scores_refuses_scores_it_cannot_key(bad):
    with pytest.raises(ValueError, match="must be finite and within"):
        rank_scores(np.array([0.5, bad]))


def test_score_actors_summarises_each_speakers_signals():
    case = make_case(
        outlets=[{"outlet_id": "good", "reliability": "A"}, {"outlet_id": "poor", "reliability": "E"}],
        actors=[{"actor_id": "gov"}, {"actor_id": "minister", "parent_actor_id": "gov"}],
        topics=[{"topic_id": "t"}, {"topic_id": "u"}],
        signals=[{"signal_id": "s1", "actor_id": "gov", "topic_id": "t", "outlet_id": "good"},
                 {"signal_id": "s2", "actor_id": "minister", "topic_id": "u", "outlet_id": "poor"}])
    # Statements: only source (0.30) and specificity (0.15, unconditional 1.0) apply.
    # s1: (0.30×1.0 + 0.15×1.0) / 0.45 = 1.0; s2: source E 0.2: (0.06 + 0.15) / 0.45 = 0.21 / 0.45
    low = 0.21 / 0.45
    actors = score_actors(case).set_index("actor_id")
    assert actors.loc["gov", "mean_credibility"] == pytest.approx(1.0)
    assert actors.loc["minister", "n_signals"] == 1
    rolled = score_actors(case, roll_up=True).set_index("actor_id")
    assert rolled.index.tolist() == ["gov"]
    assert rolled.loc["gov", "n_signals"] == 2
    assert rolled.loc["gov", "mean_credibility"] == pytest.approx((1.0 + low) / 2)
    assert (rolled.loc["gov", "min_credibility"], rolled.loc["gov", "max_credibility"]) == pytest.approx(
        (low, 1.0))


@settings(deadline=None, max_examples=50)
@given(tiny_cases())
def test_every_component_and_the_composite_stay_in_unit_interval(case):
    scores = score_signals(case)
    values = scores[[*COMPONENTS, "credibility"]]
    assert (values.isna() | ((values >= 0) & (values <= 1))).all().all()
    assert scores["specificity"].notna().all() and scores["credibility"].notna().all()
    # Competition ranks: one more than the number of signals strictly more credible (to 12 decimals).
    rounded = scores["credibility"].round(12).tolist()
    assert scores["rank"].tolist() == [1 + sum(other > mine for other in rounded) for mine in rounded]


@settings(deadline=None, max_examples=50)
@given(tiny_cases(), st.integers(0, 2**16))
def test_row_order_changes_no_score(case, seed):
    original = score_signals(case).sort_values("signal_id").reset_index(drop=True)
    shuffled = score_signals(shuffle_case(case, seed)).sort_values("signal_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(original, shuffled)


def with_grade(case, outlet_id: str, grade: str):
    outlets = case.outlets.copy()
    outlets.loc[outlets["outlet_id"] == outlet_id, "reliability"] = grade
    return dataclasses.replace(case, outlets=outlets)


def credibility_by_grade(case, outlet_id: str) -> pd.DataFrame:
    """Each signal's credibility (rows) with the outlet graded E, D, C, B, A (columns)."""
    return pd.DataFrame({grade: by_id(score_signals(with_grade(case, outlet_id, grade)))["credibility"]
                         for grade in GRADES_RISING})


@settings(deadline=None, max_examples=50)
@given(tiny_cases(), st.data())
def test_a_better_graded_outlet_never_lowers_its_own_signals(case, data):
    outlet_id = data.draw(st.sampled_from(case.outlets["outlet_id"].tolist()))
    own = case.signals.loc[case.signals["outlet_id"] == outlet_id, "signal_id"]
    table = credibility_by_grade(case, outlet_id).loc[own]
    assert (table.diff(axis=1).iloc[:, 1:] >= -1e-12).all().all()


@settings(deadline=None, max_examples=50)
@given(tiny_cases(), st.data())
def test_without_contradictions_a_better_graded_outlet_lowers_no_signal(case, data):
    supportive = case.links[case.links["relation"].isin(["corroborates", "qualifies", "responds_to"])]
    case = dataclasses.replace(case, links=supportive.reset_index(drop=True))
    outlet_id = data.draw(st.sampled_from(case.outlets["outlet_id"].tolist()))
    table = credibility_by_grade(case, outlet_id)
    assert (table.diff(axis=1).iloc[:, 1:] >= -1e-12).all().all()


def test_a_better_graded_contradictor_lowers_the_signal_it_contradicts():
    """Why the monotonicity property is limited to the outlet's own signals: by design,
    a contradiction from a better source counts more against the other signal."""
    case = make_case(
        outlets=[{"outlet_id": "wire", "reliability": "A"}, {"outlet_id": "rival", "reliability": "E"}],
        actors=[{"actor_id": "a"}, {"actor_id": "b"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "claim", "actor_id": "a", "topic_id": "t", "outlet_id": "wire", "kind": "claim"},
                 {"signal_id": "rebuttal", "actor_id": "b", "topic_id": "t", "outlet_id": "rival", "kind": "claim"}],
        links=[{"from_signal_id": "rebuttal", "to_signal_id": "claim", "relation": "contradicts"}])
    table = credibility_by_grade(case, "rival")
    # claim: source 1.0 (0.30), corroboration (0.20), specificity 1.0 (0.15), over 0.65. Its
    # corroboration falls from 1 / (2 + 0.2) with E to 1 / (2 + 1.0) with A
    assert table.loc["claim", "A"] - table.loc["claim", "E"] == pytest.approx(0.20 * (1 / 3 - 1 / 2.2) / 0.65)


def test_a_three_row_utterance_is_one_report_in_corroboration_and_consistency():
    """One speech coded as three rows (same speaker, outlet item and event), a later deed by the same
    actor, and another outlet's report corroborating the speech through all three rows."""
    speech = {"actor_id": "gov", "topic_id": "t", "outlet_id": "agency", "event_id": "speech", "kind": "commitment"}
    case = make_case(
        outlets=[{"outlet_id": "agency", "reliability": "B"}, {"outlet_id": "paper", "reliability": "A"},
                 {"outlet_id": "other_paper", "reliability": "C"}],
        actors=[{"actor_id": "gov"}, {"actor_id": "critic"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "part1", "stance": 2, **speech}, {"signal_id": "part2", "stance": 2, **speech},
                 {"signal_id": "part3", "stance": 1, **speech},
                 {"signal_id": "deed", "actor_id": "gov", "topic_id": "t", "outlet_id": "other_paper",
                  "kind": "action", "stance": -2},
                 {"signal_id": "echo", "actor_id": "critic", "topic_id": "t", "outlet_id": "paper", "kind": "claim"}],
        links=[{"from_signal_id": "echo", "to_signal_id": target, "relation": "corroborates"}
               for target in ("part1", "part2", "part3")]
              + [{"from_signal_id": "part1", "to_signal_id": "part2", "relation": "corroborates"}])
    scores = by_id(score_signals(case))
    # echo: corroborated by one report (the speech, best source B direct 0.8), not three: 1.8 / 2.8
    assert scores.loc["echo", "corroboration"] == pytest.approx(1.8 / 2.8)
    assert scores.loc["echo", "corroboration_reason"].startswith("one independent report corroborates it (Σ source 0.80)")
    # part1: echo (A direct 1.0) counts; part2, the same speech, does not: 2 / 3
    assert scores.loc["part1", "corroboration"] == pytest.approx(2 / 3)
    # consistency: the speech is one report (mean stance 5/3); part1 is compared with the deed only
    # (weight 2, gap 4): 1 - 4/4 = 0; the deed with the speech once (weight 1, gap |-2 - 5/3| = 11/3)
    assert scores.loc["part1", "consistency"] == pytest.approx(0.0)
    assert scores.loc["deed", "consistency"] == pytest.approx(1 - (11 / 3) / 4)
    assert scores.loc["deed", "consistency_reason"].startswith("one other report by this actor on this topic (of words only)")


@pytest.mark.parametrize("n_others, n_deeds, text", [
    (1, 0, "one other report by this actor on this topic (of words only)"),
    (1, 1, "one other report by this actor on this topic (of deeds, weighing double)"),
    (2, 0, "two other reports by this actor on this topic (none of them of deeds)"),
    (3, 1, "three other reports by this actor on this topic (one of them of deeds, weighing double)"),
    (2, 2, "two other reports by this actor on this topic (all of them of deeds, weighing double)"),
    (12, 3, "12 other reports by this actor on this topic (three of them of deeds, weighing double)"),
])
def test_consistency_reasons_count_other_reports_in_words(n_others, n_deeds, text):
    assert describe_other_reports(n_others, n_deeds) == text


def test_corroboration_reasons_count_reports_in_words():
    case = make_case(
        outlets=[{"outlet_id": "wire", "reliability": "A"}, {"outlet_id": "paper", "reliability": "A"},
                 {"outlet_id": "radio", "reliability": "A"}],
        actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "claim", "actor_id": "a", "topic_id": "t"},
                 {"signal_id": "echo1", "actor_id": "a", "topic_id": "t", "outlet_id": "paper"},
                 {"signal_id": "echo2", "actor_id": "a", "topic_id": "t", "outlet_id": "radio"}],
        links=[{"from_signal_id": "echo1", "to_signal_id": "claim", "relation": "corroborates"},
               {"from_signal_id": "echo2", "to_signal_id": "claim", "relation": "corroborates"}])
    scores = by_id(score_signals(case))
    # two independent reports for (A direct 1.0 each), none against: (1 + 2) / (2 + 2 + 0) = 0.75
    assert scores.loc["claim", "corroboration_reason"] == (
        "two independent reports corroborate it (Σ source 2.00), none contradicts or denies it (Σ source 0.00): "
        "(1 + 2.00) / (2 + 2.00 + 0.00) = 0.75")
