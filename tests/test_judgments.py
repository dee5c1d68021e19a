"""Key judgments: ICD 203 likelihood bands, confidence levels, and generated sentences."""
from __future__ import annotations

import dataclasses
import math
import re

import pandas as pd

import pytest
from factories import make_case, tiny_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from signalbrief.analysis import run_analysis
from signalbrief.hypotheses import hypothesis_support
from signalbrief.judgments import LIKELIHOOD_BANDS, clamp_probability, confidence_level, key_judgments, likelihood_term


@pytest.mark.parametrize("p, term", [
    (0.0, "almost no chance"), (0.0499, "almost no chance"),
    (0.05, "very unlikely"), (0.1999, "very unlikely"),
    (0.20, "unlikely"), (0.4499, "unlikely"),
    (0.45, "roughly even chance"), (0.5, "roughly even chance"), (0.55, "roughly even chance"),
    (0.5501, "likely"), (0.80, "likely"),
    (0.8001, "very likely"), (0.95, "very likely"),
    (0.9501, "almost certain"), (1.0, "almost certain"),
])
def test_likelihood_terms_at_every_boundary(p, term):
    assert likelihood_term(p) == term


@pytest.mark.parametrize("p", [-0.01, 1.01, math.nan, None, "0.5"])
def test_likelihood_term_refuses_what_is_not_a_probability(p):
    with pytest.raises(ValueError, match="a probability must be a number in \\[0, 1\\]"):
        likelihood_term(p)


@pytest.mark.parametrize("credibility, stability, n, level", [
    (0.6, 0.9, 5, "high"),          # every high threshold met exactly
    (0.6, 0.9, 4, "moderate"),      # one signal short of high
    (0.59, 0.95, 10, "moderate"),   # credibility short of high
    (0.9, 0.89, 10, "moderate"),    # stability short of high
    (0.45, 0.7, 1, "moderate"),     # moderate thresholds met exactly
    (0.45, 0.69, 10, "low"),
    (0.449, 0.99, 10, "low"),
])
def test_confidence_levels(credibility, stability, n, level):
    assert confidence_level(credibility, stability, n) == level


def judgment_case():
    return make_case(
        outlets=[{"outlet_id": "wire", "reliability": "B"}, {"outlet_id": "blog", "reliability": "E"},
                 {"outlet_id": "paper", "reliability": "B"}],
        actors=[{"actor_id": "gov", "name": "Government"}, {"actor_id": "critic", "name": "Critic"},
                {"actor_id": "rumour", "name": "Rumour mill"}],
        topics=[{"topic_id": "sales", "label": "Arms sales stop"}],
        signals=[
            {"signal_id": "pledge", "actor_id": "gov", "topic_id": "sales", "stance": 2, "kind": "commitment",
             "quote": "we will stop", "signal_date": "2000-01-05"},
            {"signal_id": "ship", "actor_id": "gov", "topic_id": "sales", "stance": -2, "kind": "action",
             "cost": "sunk_cost", "signal_date": "2000-03-01"},
            {"signal_id": "rebut", "actor_id": "critic", "topic_id": "sales", "stance": -2, "kind": "claim",
             "quote": "they never stopped", "signal_date": "2000-02-01", "signal_date_precision": "month",
             "outlet_id": "paper"},
            {"signal_id": "gossip", "actor_id": "rumour", "topic_id": "sales", "stance": 1, "kind": "claim",
             "outlet_id": "blog", "hedging": "hedged"},
        ],
        links=[{"from_signal_id": "rebut", "to_signal_id": "pledge", "relation": "contradicts"}],
        hypotheses=[{"hypothesis_id": "h_stop", "label": "Sales stopped", "statement": "Sales stopped."},
                    {"hypothesis_id": "h_go", "label": "Sales go on", "statement": "Sales go on."}],
        ach=[{"hypothesis_id": "h_stop", "signal_id": "ship", "rating": "II"},
             {"hypothesis_id": "h_go", "signal_id": "ship", "rating": "CC"},
             {"hypothesis_id": "h_stop", "signal_id": "rebut", "rating": "I"},
             {"hypothesis_id": "h_go", "signal_id": "rebut", "rating": "C"},
             {"hypothesis_id": "h_stop", "signal_id": "pledge", "rating": "C"},
             {"hypothesis_id": "h_go", "signal_id": "pledge", "rating": "I"}],
    )


def test_key_judgments_come_from_the_tables_in_estimative_language():
    table = key_judgments(judgment_case(), n_samples=200).set_index("judgment_kind")
    assert 3 <= len(table) <= 5
    assert table.index.tolist() == ["leading_hypothesis", "contested_commitment", "say_do_gap",
                                    "credibility", "conflict"]
    leading = table.loc["leading_hypothesis"]
    # Credibility (B direct 0.8 for the wire and the paper; pledge and ship are one wire item, so
    # neither lends the other consistency):
    # pledge: corroboration 1 / (2 + 0.8) (rebut, an independent report, contradicts it), cheap talk 0.2:
    #   (0.24 + 0.2/2.8 + 0.04 + 0.15) / 0.85 = 0.589916
    # ship: action, sunk cost 1.0: (0.24 + 0.2 + 0.15) / 0.65 = 0.907692
    # rebut: a claim, no cost; its contradiction lowers the pledge, not itself: (0.24 + 0.15) / 0.45 = 0.866667
    # WI(h_stop) = 2 × 0.907692 + 0.866667 = 2.682051; WI(h_go) = 0.589916
    # P(h_go) = 1 / (1 + 2 ** -(2.682051 - 0.589916)) = 0.8100: "very likely"
    pledge = (0.24 + 0.2 / 2.8 + 0.04 + 0.15) / 0.85
    stop = 2 * 0.59 / 0.65 + 0.39 / 0.45
    p_go = 1 / (1 + 2 ** -(stop - pledge))
    assert leading["probability"] == pytest.approx(p_go)
    assert leading["probability"] == pytest.approx(0.8100, abs=1e-4)
    assert leading["likelihood_term"] == "very likely"
    assert leading["judgment"].startswith("It is very likely that “Sales go on” is the true explanation among the two "
                                          "hypotheses (Sales go on): the evidence contradicts it least, and the "
                                          "probability model gives “Sales go on” 81%, “Sales stopped” 19%.")
    support = hypothesis_support(judgment_case(), n_samples=200).set_index("hypothesis_id")["support"]
    assert (f"As a test of robustness, not of likelihood, in draws that reweight credibility and resample the "
            f"evidence (ties shared), “Sales go on” leads in {support['h_go']:.0%} of them.") in leading["judgment"]
    assert leading["basis_signal_ids"] == "pledge;rebut;ship"
    contested = table.loc["contested_commitment", "judgment"]
    # dates as precisely as coded: the pledge to the day, the rebuttal only to the month
    assert contested == ("Government committed to “we will stop” (5 Jan 2000), but Critic's claim "
                         "“they never stopped” (Feb 2000) stands against it.")
    # words +2 (pledge) against deeds -2 (ship): gap +4
    assert "Government's words and deeds diverge most on “Arms sales stop”" in table.loc["say_do_gap", "judgment"]
    assert "(gap +4.0)" in table.loc["say_do_gap", "judgment"]
    # Government's mean stance is (2 - 2) / 2 = 0, no side; Critic -2 against Rumour mill +1: 3/4
    assert table.loc["conflict", "judgment"].startswith("Critic and Rumour mill are the most at odds")
    assert "conflict 0.75 against congruence 0.00" in table.loc["conflict", "judgment"]
    assert "Rumour mill's the least" in table.loc["credibility", "judgment"]


def test_confidence_is_a_separate_sentence_from_the_likelihood():
    table = key_judgments(judgment_case(), n_samples=200)
    for row in table.itertuples():
        assert row.confidence in ("low", "moderate", "high")
        assert row.confidence_reason.startswith(f"Confidence is {row.confidence}:")
        assert "confidence" not in row.judgment.lower()
        assert not any(term in row.confidence_reason for term in LIKELIHOOD_BANDS)
    assert table["probability"].notna().sum() == 1  # only the hypothesis judgment is a probability


def test_judgments_skip_what_the_case_lacks():
    case = make_case(actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
                     signals=[{"signal_id": "s", "actor_id": "a", "topic_id": "t", "stance": 1}])
    assert key_judgments(case, n_samples=20)["judgment_kind"].tolist() == ["credibility"]


def test_names_ending_in_s_and_quoted_quotes_read_naturally():
    case = judgment_case()
    actors = case.actors.copy()
    actors.loc[actors["actor_id"] == "critic", "name"] = "Analysts"
    signals = case.signals.copy()
    signals.loc[signals["signal_id"] == "rebut", "quote"] = "“they never stopped”"
    case = dataclasses.replace(case, actors=actors, signals=signals)
    contested = key_judgments(case, n_samples=20).set_index("judgment_kind").loc["contested_commitment", "judgment"]
    assert "but Analysts' claim “they never stopped” (Feb 2000)" in contested


def two_hypothesis_case(ratings: dict[str, tuple[str, str]], ids=("h_yes", "h_no")):
    """Two hypotheses, 'Yes' and 'No', rated on signals by separate actors through separate outlets."""
    names = sorted(ratings)
    return make_case(
        outlets=[{"outlet_id": f"o_{name}", "reliability": "B"} for name in names],
        actors=[{"actor_id": f"a_{name}"} for name in names], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": name, "actor_id": f"a_{name}", "topic_id": "t", "outlet_id": f"o_{name}",
                  "kind": "claim"} for name in names],
        hypotheses=[{"hypothesis_id": ids[0], "label": "Yes", "statement": "Yes."},
                    {"hypothesis_id": ids[1], "label": "No", "statement": "No."}],
        ach=[{"hypothesis_id": hypothesis, "signal_id": name, "rating": rating}
             for name, pair in ratings.items() for hypothesis, rating in zip(ids, pair)])


def test_a_tie_is_a_roughly_even_chance_naming_both():
    table = key_judgments(two_hypothesis_case({"s1": ("I", "I"), "s2": ("C", "C")}), n_samples=50)
    leading = table.set_index("judgment_kind").loc["leading_hypothesis"]
    assert leading["likelihood_term"] == "roughly even chance" and leading["probability"] == 0.5
    assert leading["judgment"].startswith("There is a roughly even chance that “No” rather than “Yes” is the true "
                                          "explanation: the evidence does not separate “No” and “Yes” (they are "
                                          "tied); the probability model gives “No” 50%, “Yes” 50%.")
    assert "almost certain" not in leading["judgment"]
    # The 50% is conditional on one of the two being true, and the table says so.
    assert leading["probability_scope"] == ", given that one of the two hypotheses in contention is true"
    assert leading["confidence"] == "low"
    assert "the evidence does not separate “No” and “Yes”" in leading["confidence_reason"]


def test_renaming_ids_changes_no_judgment():
    ratings = {"s1": ("I", "I"), "s2": ("C", "II"), "s3": ("N", "I")}
    first = key_judgments(two_hypothesis_case(ratings), n_samples=100)
    renamed = key_judgments(two_hypothesis_case(ratings, ids=("zz_yes", "aa_no")), n_samples=100)
    pd.testing.assert_frame_equal(first, renamed)
    tied = {"s1": ("I", "I")}
    pd.testing.assert_frame_equal(key_judgments(two_hypothesis_case(tied), n_samples=100),
                                  key_judgments(two_hypothesis_case(tied, ids=("zz_yes", "aa_no")), n_samples=100))


def test_duplicating_a_row_verbatim_changes_no_judgment():
    case = judgment_case()
    copy = case.signals[case.signals["signal_id"] == "rebut"].assign(signal_id="rebut_again")
    ach = case.ach[case.ach["signal_id"] == "rebut"].assign(signal_id="rebut_again")
    links = case.links.assign(from_signal_id="rebut_again")
    doubled = dataclasses.replace(case, signals=pd.concat([case.signals, copy], ignore_index=True),
                                  ach=pd.concat([case.ach, ach], ignore_index=True),
                                  links=pd.concat([case.links, links], ignore_index=True))
    first = key_judgments(case, n_samples=100).set_index("judgment_kind")
    second = key_judgments(doubled, n_samples=100).set_index("judgment_kind")
    for kind in ("leading_hypothesis", "contested_commitment", "say_do_gap"):
        assert first.loc[kind, "judgment"] == second.loc[kind, "judgment"]
        assert first.loc[kind, "confidence_reason"] == second.loc[kind, "confidence_reason"].replace(
            "rebut;rebut_again", "rebut")
    assert first.loc["leading_hypothesis", "probability"] == second.loc["leading_hypothesis", "probability"]


@pytest.mark.parametrize("p, printed", [(0.0, 0.01), (0.004, 0.01), (0.5, 0.5), (0.996, 0.99), (1.0, 0.99)])
def test_printed_probabilities_stay_within_icd_203s_bands(p, printed):
    assert clamp_probability(p) == printed


def test_a_lopsided_case_is_never_printed_as_certain():
    # Ten strong inconsistencies against "No": the model gives it 2**-8 / (1 + 2**-8) ≈ 0.4%.
    ratings = {f"s{i}": ("N", "I") for i in range(10)}
    leading = key_judgments(two_hypothesis_case(ratings), n_samples=50).set_index("judgment_kind").loc[
        "leading_hypothesis"]
    assert leading["probability"] == 0.99 and leading["likelihood_term"] == "almost certain"
    assert "100%" not in leading["judgment"] and "99%" in leading["judgment"]


def rename_hypotheses(case, mapping: dict[str, str]):
    """The same case with hypothesis ids renamed (labels kept)."""
    hypotheses = case.hypotheses.assign(label=case.hypotheses["label"],
                                        hypothesis_id=case.hypotheses["hypothesis_id"].map(mapping))
    ach = case.ach.assign(hypothesis_id=case.ach["hypothesis_id"].map(mapping))
    return dataclasses.replace(case, hypotheses=hypotheses, ach=ach)


@settings(deadline=None, max_examples=40)
@given(tiny_cases())
def test_renaming_hypothesis_ids_changes_no_judgment_and_probabilities_stay_within_bands(case):
    labels = {f"h{i}": f"Hypothesis {'CBA'[i]}" for i in range(3)}
    case = dataclasses.replace(case, hypotheses=case.hypotheses.assign(
        label=case.hypotheses["hypothesis_id"].map(labels)))
    first = key_judgments(case, n_samples=30)
    reversed_ids = {f"h{i}": f"zz{9 - i}" for i in range(3)}
    pd.testing.assert_frame_equal(first, key_judgments(rename_hypotheses(case, reversed_ids), n_samples=30))
    printed = first["probability"].dropna()
    assert ((printed >= 0.01) & (printed <= 0.99)).all()


@settings(deadline=None, max_examples=40)
@given(tiny_cases(), st.data())
def test_duplicating_a_row_verbatim_changes_no_hypothesis_judgment(case, data):
    signal_id = data.draw(st.sampled_from(case.signals["signal_id"].tolist()))
    copy_id = f"{signal_id}_again"
    rename = {signal_id: copy_id}
    signals = pd.concat([case.signals, case.signals[case.signals["signal_id"] == signal_id].assign(signal_id=copy_id)],
                        ignore_index=True)
    ach = pd.concat([case.ach, case.ach[case.ach["signal_id"] == signal_id].assign(signal_id=copy_id)],
                    ignore_index=True)
    touching = case.links[(case.links["from_signal_id"] == signal_id) | (case.links["to_signal_id"] == signal_id)]
    links = pd.concat([case.links, touching.replace({"from_signal_id": rename, "to_signal_id": rename})],
                      ignore_index=True).drop_duplicates(ignore_index=True)
    doubled = dataclasses.replace(case, signals=signals, ach=ach, links=links)
    columns = ["judgment", "probability", "likelihood_term", "confidence"]
    first = key_judgments(case, n_samples=30).set_index("judgment_kind")
    second = key_judgments(doubled, n_samples=30).set_index("judgment_kind")
    if "leading_hypothesis" in first.index:
        pd.testing.assert_series_equal(first.loc["leading_hypothesis", columns], second.loc["leading_hypothesis", columns])
    else:
        assert "leading_hypothesis" not in second.index


def reversing_names(ids, prefix: str) -> dict[str, str]:
    """A bijection from `ids` to new names whose sort order is the reverse of theirs."""
    ordered = sorted(set(ids))
    return {old: f"{prefix}{len(ordered) - position:03d}" for position, old in enumerate(ordered)}


def rename_ids(case, names):
    """The same case with every signal, actor, outlet, topic and event id renamed (`names`: a
    mapping per id column's kind) wherever a table refers to one; names and labels kept, so only
    the ids differ."""
    def rename(frame, column, kind):
        return frame[column].map(lambda value: value if pd.isna(value) else names[kind][value]).astype(frame[column].dtype)

    def rename_list(frame, column, kind):
        return frame[column].map(lambda text: text if pd.isna(text) else ";".join(
            names[kind][part] for part in str(text).split(";"))).astype(frame[column].dtype)

    signals = case.signals.assign(**{column: rename(case.signals, column, kind) for column, kind in [
        ("signal_id", "signal"), ("actor_id", "actor"), ("target_actor_id", "actor"), ("outlet_id", "outlet"),
        ("topic_id", "topic"), ("event_id", "event")]})
    actors = case.actors.assign(actor_id=rename(case.actors, "actor_id", "actor"),
                                parent_actor_id=rename(case.actors, "parent_actor_id", "actor"))
    outlets = case.outlets.assign(outlet_id=rename(case.outlets, "outlet_id", "outlet"))
    topics = case.topics.assign(topic_id=rename(case.topics, "topic_id", "topic"))
    events = case.events.assign(event_id=rename(case.events, "event_id", "event"),
                                outlet_id=rename(case.events, "outlet_id", "outlet"),
                                actor_ids=rename_list(case.events, "actor_ids", "actor"))
    links = case.links.assign(from_signal_id=rename(case.links, "from_signal_id", "signal"),
                              to_signal_id=rename(case.links, "to_signal_id", "signal"))
    ach = case.ach.assign(signal_id=rename(case.ach, "signal_id", "signal"))
    return dataclasses.replace(case, signals=signals, actors=actors, outlets=outlets, topics=topics, events=events,
                               links=links, ach=ach)


def map_back(frame, columns, back):
    """`frame` with the ids in `columns` (single ids or ';'-joined lists, sorted) mapped back."""
    def one(value):
        if pd.isna(value):
            return value
        return ";".join(sorted(back.get(part, part) for part in str(value).split(";")))
    return frame.assign(**{column: frame[column].map(one).astype(frame[column].dtype) for column in columns})


@settings(deadline=None, max_examples=30)
@given(tiny_cases())
def test_renaming_ids_changes_no_number_judgment_or_order(case):
    # Every signal, actor, outlet, topic and event id is renamed through a bijection that reverses
    # its sort order; names and labels stay.
    names = {"signal": reversing_names(case.signals["signal_id"], "sig"),
             "actor": reversing_names(case.actors["actor_id"], "act"),
             "outlet": reversing_names(case.outlets["outlet_id"], "out"),
             "topic": reversing_names(case.topics["topic_id"], "top"),
             "event": reversing_names(case.events["event_id"], "evt")}
    renamed = rename_ids(case, names)
    back = {new: old for kind_names in names.values() for old, new in kind_names.items()}
    first = run_analysis(case, n_samples=20)
    second = run_analysis(renamed, n_samples=20)

    def text_back(text):
        return re.sub(r"(?:sig|act|out|top|evt)\d{3}", lambda match: back[match.group(0)], text)

    judgments = ["judgment_kind", "judgment", "probability", "likelihood_term", "confidence", "confidence_reason"]
    expected = first.key_judgments[judgments]
    got = second.key_judgments[judgments].assign(judgment=second.key_judgments["judgment"].map(text_back),
                                                 confidence_reason=second.key_judgments["confidence_reason"].map(text_back))
    pd.testing.assert_frame_equal(expected, got)
    # A judgment may rest on either of two rows that only their ids tell apart: it rests on as many.
    pd.testing.assert_series_equal(first.key_judgments["basis_signal_ids"].str.count(";"),
                                   second.key_judgments["basis_signal_ids"].str.count(";"))

    # Credibility per signal: every score, reason, grade and (shared) rank.
    credibility = [column for column in first.signal_scores.columns if column not in ("evidence_id", "report_id")]
    expected = first.signal_scores[credibility].sort_values("signal_id").reset_index(drop=True)
    got = (map_back(second.signal_scores, id_columns_of(second.signal_scores), back)[credibility]
           .sort_values("signal_id").reset_index(drop=True))
    pd.testing.assert_frame_equal(expected, got)

    # Hypotheses: scores, probability, ranks and support are about hypotheses, whose ids stay.
    pd.testing.assert_frame_equal(first.hypothesis_scores, second.hypothesis_scores)
    pd.testing.assert_frame_equal(first.hypothesis_support, second.hypothesis_support)
    assert first.leader_weight_stability == second.leader_weight_stability or (
        math.isnan(first.leader_weight_stability) and math.isnan(second.leader_weight_stability))

    # Rank sensitivity: per signal, and the shares of draws that keep the top k and the first.
    expected = first.sensitivity.signals.sort_values("signal_id").reset_index(drop=True)
    got = (map_back(second.sensitivity.signals, id_columns_of(second.sensitivity.signals), back)
           .sort_values("signal_id").reset_index(drop=True))
    pd.testing.assert_frame_equal(expected, got)
    assert first.sensitivity.p_top_k_set_stable == second.sensitivity.p_top_k_set_stable
    assert first.sensitivity.p_top_1_stable == second.sensitivity.p_top_1_stable
    numbers = ["rank_default", "upper_credibility", "lower_credibility", "p_swap"]
    pd.testing.assert_frame_equal(first.sensitivity.adjacent_pairs[numbers], second.sensitivity.adjacent_pairs[numbers])

    # Stances, positions and their history; say-do gaps and contradictions; the agreement network
    # (each pair once, whichever of its two actors a renaming sorts first).
    for table in ["stances", "stances_over_time", "say_do.gaps", "say_do.contested", "say_do.by_actor", "network"]:
        expected, got = (same_rows_in_id_order(unordered_pairs(table_of(analysis, table)))
                         for analysis in (map_all_back(first, {}), map_all_back(second, back)))
        pd.testing.assert_frame_equal(expected, got, obj=table)


def table_of(analysis, path: str) -> pd.DataFrame:
    """The table of `analysis` at a dotted path ('say_do.gaps')."""
    value = analysis
    for part in path.split("."):
        value = getattr(value, part)
    return value


def id_columns_of(frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` that hold ids or ';'-joined lists of them."""
    return [column for column in frame.columns
            if column.endswith(("_id", "_ids")) or column in ("actor_a", "actor_b", "topics")]


def map_all_back(analysis, back):
    """`analysis` with the renamed ids in every id column and text column of the tables compared
    above mapped back to the original ids (`back`), and every ';'-joined list of ids sorted."""
    def text_back(value):
        return value if not isinstance(value, str) else re.sub(
            r"(?:sig|act|out|top|evt)\d{3}", lambda match: back[match.group(0)], value)

    def frame_back(frame):
        mapped = map_back(frame, id_columns_of(frame), back)
        texts = [column for column in mapped.columns if column not in id_columns_of(frame)
                 and (mapped[column].dtype == object or pd.api.types.is_string_dtype(mapped[column]))]
        return mapped.assign(**{column: mapped[column].map(text_back).astype(mapped[column].dtype) for column in texts})

    say_do = dataclasses.replace(analysis.say_do, **{name: frame_back(getattr(analysis.say_do, name))
                                                      for name in ("gaps", "contested", "by_actor")})
    return dataclasses.replace(analysis, stances=frame_back(analysis.stances),
                               stances_over_time=frame_back(analysis.stances_over_time),
                               network=frame_back(analysis.network), say_do=say_do)


def unordered_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """A network table with each pair's two actors in id order (the rest of a row is symmetric)."""
    if "actor_a" not in frame.columns:
        return frame
    swap = frame["actor_a"].astype("str") > frame["actor_b"].astype("str")
    swapped = frame.copy()
    for left, right in [("actor_a", "actor_b"), ("actor_a_name", "actor_b_name")]:
        swapped.loc[swap, [left, right]] = frame.loc[swap, [right, left]].to_numpy()
    return swapped


def same_rows_in_id_order(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame`'s rows sorted by its id columns (then every column), with a fresh index."""
    keys = id_columns_of(frame) + [column for column in frame.columns if column not in id_columns_of(frame)]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True) if len(frame) else frame.reset_index(drop=True)


def test_a_pair_that_conflicts_as_much_but_also_agrees_is_not_as_much_at_odds():
    # On t1 Abel says +2 and Bea, Cole and Dan -2 (conflict 4/4 = 1.00 with Abel each); on t2 Abel and
    # Dan both say +2 (congruence 1.00). Abel-Bea and Abel-Cole: conflict 1.00, net -1.00;
    # Abel-Dan: conflict 1.00 but net 0.00, so only one other pair is as much at odds as Abel-Bea.
    positions = [("a1", "t1", 2), ("a1", "t2", 2), ("a2", "t1", -2), ("a3", "t1", -2), ("a4", "t1", -2), ("a4", "t2", 2)]
    case = make_case(
        actors=[{"actor_id": actor, "name": name} for actor, name in
                [("a1", "Abel"), ("a2", "Bea"), ("a3", "Cole"), ("a4", "Dan")]],
        topics=[{"topic_id": "t1"}, {"topic_id": "t2"}],
        signals=[{"signal_id": f"s{i}", "actor_id": actor, "topic_id": topic, "stance": stance}
                 for i, (actor, topic, stance) in enumerate(positions)])
    judgment = key_judgments(case, n_samples=20).set_index("judgment_kind").loc["conflict", "judgment"]
    assert judgment == ("Abel and Bea are the most at odds in the case: across the one topic on which both take a "
                        "side (“t1”), conflict 1.00 against congruence 0.00 (net -1.00). One other pair is as much "
                        "at odds.")


def test_the_pair_most_at_odds_is_the_one_the_agreement_matrix_and_its_finding_name():
    # Abel +2 and Bea -2 on t1 (conflict 4/4 = 1.00) but +2 and +1 on t2 (congruence 1 - 1/4 = 0.75): net -0.25.
    # Cole +1 and Dan -1 on t3: conflict 2/4 = 0.50, net -0.50. Abel-Bea conflict more; Cole-Dan are more at
    # odds on balance, which is what the brief's matrix and network finding measure: both name Cole and Dan.
    positions = [("a1", "t1", 2), ("a2", "t1", -2), ("a1", "t2", 2), ("a2", "t2", 1), ("a3", "t3", 1), ("a4", "t3", -1)]
    case = make_case(
        actors=[{"actor_id": actor, "name": name} for actor, name in
                [("a1", "Abel"), ("a2", "Bea"), ("a3", "Cole"), ("a4", "Dan")]],
        topics=[{"topic_id": topic} for topic in ("t1", "t2", "t3")],
        signals=[{"signal_id": f"s{i}", "actor_id": actor, "topic_id": topic, "stance": stance}
                 for i, (actor, topic, stance) in enumerate(positions)])
    judgment = key_judgments(case, n_samples=20).set_index("judgment_kind").loc["conflict", "judgment"]
    assert judgment == ("Cole and Dan are the most at odds in the case: across the one topic on which both take a "
                        "side (“t3”), conflict 0.50 against congruence 0.00 (net -0.50).")
    from signalbrief import findings
    from signalbrief.analysis import run_analysis
    assert findings.state_network_finding(run_analysis(case, n_samples=20)).startswith(
        "Cole and Dan are most at odds (net -0.50)")


def test_no_pair_on_balance_at_odds_gives_no_conflict_judgment():
    # Abel and Bea conflict on t1 (+2 against -1: 3/4 = 0.75) but agree fully on t2 and t3 (congruence 2.00): net +1.25.
    positions = [("a1", "t1", 2), ("a2", "t1", -1), ("a1", "t2", 1), ("a2", "t2", 1), ("a1", "t3", -2), ("a2", "t3", -2)]
    case = make_case(
        actors=[{"actor_id": actor, "name": name} for actor, name in [("a1", "Abel"), ("a2", "Bea")]],
        topics=[{"topic_id": topic} for topic in ("t1", "t2", "t3")],
        signals=[{"signal_id": f"s{i}", "actor_id": actor, "topic_id": topic, "stance": stance}
                 for i, (actor, topic, stance) in enumerate(positions)])
    assert "conflict" not in set(key_judgments(case, n_samples=20)["judgment_kind"])


def one_hypothesis_case(rating: str = "I"):
    """One claim (grade-B outlet, direct quote, unconditional, no link) rated against the only hypothesis."""
    return make_case(
        outlets=[{"outlet_id": "paper", "name": "Paper", "reliability": "B"}],
        actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t", "outlet_id": "paper", "kind": "claim",
                  "summary": "Alpha claims it."}],
        hypotheses=[{"hypothesis_id": "h1", "label": "Bluff", "statement": "Moscow is bluffing."}],
        ach=[{"hypothesis_id": "h1", "signal_id": "s1", "rating": rating}])


def test_a_lone_hypothesis_gets_no_likelihood_and_low_confidence():
    # The model assumes one of the listed hypotheses is true, so a lone one would be "almost certain"
    # by construction. The claim's credibility: source B 0.8 x direct quote 1.0, specificity 1.0, no cost,
    # corroboration or consistency: (0.30 x 0.8 + 0.15 x 1.0) / 0.45 = 0.866667; rated I (x 1): 0.87.
    table = key_judgments(one_hypothesis_case(), n_samples=50).set_index("judgment_kind")
    leading = table.loc["leading_hypothesis"]
    assert leading["judgment"] == (
        "Only one hypothesis is stated, “Bluff” (Moscow is bluffing): with no alternative to weigh it against, the "
        "analysis of competing hypotheses gives it no likelihood; the evidence rated against it weighs 0.87 "
        "(weighted inconsistency).")
    assert math.isnan(leading["probability"]) and leading["likelihood_term"] not in LIKELIHOOD_BANDS
    assert leading["confidence"] == "low"
    assert leading["confidence_reason"] == ("Confidence is low: only one hypothesis is stated, so the evidence was "
                                            "tested against no alternative; the whole case rests on one publication.")
    # One scored signal: nothing to rank it against, and no "most credible of one" wording.
    assert table.loc["credibility", "judgment"] == (
        "Alpha's signal is the only one the case scores (credibility 0.87): there is nothing to rank it against.")


def three_hypothesis_case(ratings: dict[str, tuple[str, str, str]], grades: dict[str, str]):
    """Hypotheses 'Alpha', 'Beta', 'Gamma' rated on hedged article inferences (claims) by separate actors
    through separate outlets of the given grades: credibility (0.30 x grade x 0.55 + 0.15 x 0.3) / 0.45."""
    names = sorted(ratings)
    labels = ("Alpha", "Beta", "Gamma")
    return make_case(
        outlets=[{"outlet_id": f"o_{name}", "reliability": grades[name]} for name in names],
        actors=[{"actor_id": f"a_{name}"} for name in names], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": name, "actor_id": f"a_{name}", "topic_id": "t", "outlet_id": f"o_{name}",
                  "kind": "claim", "reporting": "article_inference", "hedging": "hedged"} for name in names],
        hypotheses=[{"hypothesis_id": f"h_{label}", "label": label} for label in labels],
        ach=[{"hypothesis_id": f"h_{label}", "signal_id": name, "rating": rating}
             for name, triple in ratings.items() for label, rating in zip(labels, triple)])


def test_three_tied_hypotheses_are_named_together_none_put_first():
    # One signal inconsistent with none: all three at weighted inconsistency 0, 1/3 each ("unlikely").
    case = three_hypothesis_case({"s1": ("C", "C", "C")}, {"s1": "B"})
    leading = key_judgments(case, n_samples=50).set_index("judgment_kind").loc["leading_hypothesis"]
    assert leading["judgment"].startswith(
        "It is unlikely that any one of “Alpha”, “Beta” and “Gamma”, rather than the other two, is the true "
        "explanation: the evidence does not separate “Alpha”, “Beta” and “Gamma” (they are tied); the probability "
        "model gives “Alpha” 33%, “Beta” 33%, “Gamma” 33%.")
    assert leading["likelihood_term"] == "unlikely" and leading["probability"] == pytest.approx(1 / 3)
    # Renaming the hypotheses so that another comes first in label order names the same three, in label order.
    renamed = dataclasses.replace(case, hypotheses=case.hypotheses.assign(
        label=case.hypotheses["label"].map({"Alpha": "Zeta", "Beta": "Beta", "Gamma": "Gamma"})))
    judgment = key_judgments(renamed, n_samples=50).set_index("judgment_kind").loc["leading_hypothesis", "judgment"]
    assert judgment.startswith("It is unlikely that any one of “Beta”, “Gamma” and “Zeta”, rather than the other two,")


def test_a_leader_among_three_in_contention_is_set_against_the_other_two_by_name():
    # s1: grade E (0.2): source 0.2 x 0.55 = 0.11, (0.033 + 0.045) / 0.45 = 0.173333, inconsistent with Beta;
    # s2: grade D (0.4): source 0.22, (0.066 + 0.045) / 0.45 = 0.246667, inconsistent with Gamma.
    # Odds 1 : 2^-0.173333 : 2^-0.246667; each rival's probability against Alpha's stays above 0.45, so all
    # three are in contention, and Alpha leads with 1 / (1 + 2^-0.173333 + 2^-0.246667).
    case = three_hypothesis_case({"s1": ("C", "I", "C"), "s2": ("C", "C", "I")}, {"s1": "E", "s2": "D"})
    beta, gamma = 2 ** -((0.033 + 0.045) / 0.45), 2 ** -((0.066 + 0.045) / 0.45)
    assert beta / (1 + beta) >= 0.45 and gamma / (1 + gamma) >= 0.45
    p_alpha = 1 / (1 + beta + gamma)
    leading = key_judgments(case, n_samples=50).set_index("judgment_kind").loc["leading_hypothesis"]
    assert leading["probability"] == pytest.approx(p_alpha)
    assert leading["likelihood_term"] == "unlikely"
    assert leading["judgment"].startswith(
        "It is unlikely that “Alpha” rather than “Beta” or “Gamma” is the true explanation: the evidence does not "
        f"separate “Alpha”, “Beta” and “Gamma”; the probability model gives “Alpha” {p_alpha:.0%}, "
        f"“Beta” {beta * p_alpha:.0%}, “Gamma” {gamma * p_alpha:.0%}.")


def test_which_row_stands_for_a_piece_of_evidence_does_not_turn_on_ids():
    # Alpha's two rows of one occasion (event e1, outlet graded F: source missing) tie on credibility:
    # a commitment with a sunk cost, unconditional, once in the publication's own voice and once quoted.
    # Which row represents the piece, and so whether the lead "rests on the publication's own inference",
    # must be the same whichever row has the smaller id (found by the renaming property test).
    def case_with(own_voice_id: str, quoted_id: str):
        return make_case(
            outlets=[{"outlet_id": "blog", "name": "Blog", "reliability": "F"}],
            actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1"}],
            events=[{"event_id": "e1", "actor_ids": "a1", "outlet_id": "blog", "summary": "Alpha meets."}],
            signals=[{"signal_id": signal_id, "actor_id": "a1", "topic_id": "t1", "stance": 1, "kind": "commitment",
                      "cost": "sunk_cost", "outlet_id": "blog", "event_id": "e1", "reporting": reporting,
                      "summary": "Alpha pays."}
                     for signal_id, reporting in ((own_voice_id, "article_inference"), (quoted_id, "direct_quote"))],
            hypotheses=[{"hypothesis_id": "h1", "label": "Yes"}, {"hypothesis_id": "h2", "label": "No"}],
            ach=[{"hypothesis_id": "h2", "signal_id": own_voice_id, "rating": "I"},
                 {"hypothesis_id": "h2", "signal_id": quoted_id, "rating": "I"}])
    first, second = key_judgments(case_with("s1", "s2"), n_samples=20), key_judgments(case_with("s2", "s1"), n_samples=20)
    pd.testing.assert_frame_equal(first.drop(columns="basis_signal_ids"), second.drop(columns="basis_signal_ids"))
