"""Finding sentences, tables and indicators on a four-signal case whose scores are worked out by hand.

Default weights: source 0.30, corroboration 0.20, cost 0.20, consistency 0.15, specificity 0.15.

Every signal here is a statement or denial, so cost does not apply; no actor has a second
signal on a topic, so consistency is missing; a missing component's weight is renormalised
away (`weighted_credibility`).

- s1 Alpha, t1, +2: wire (A 1.0) x reported speech 0.85 = 0.85; no links: missing;
  unconditional 1.0 -> (0.30 x 0.85 + 0.15 x 1.0) / 0.45 = 0.405 / 0.45 = 0.900
- s4 Alpha, t2, +1: wire x direct quote = 1.0; unconditional 1.0 -> 1.000
- s2 Beta, t1, -2: rag (E 0.2) x article inference 0.55 = 0.11; a denial it sends does not
  count for it: missing; hedged 0.3 -> (0.033 + 0.045) / 0.45 = 0.173333
- s3 Beta, t2, +1: wire x direct quote = 1.0; denied by s2, an independent report (source 0.11):
  1 / (2 + 0.11) = 0.473934; hedged 0.3
  -> (0.300 + 0.20 x 0.473934 + 0.045) / 0.65 = 0.676595

Ranks: s4, s1, s3, s2. Alpha's mean is 0.95, Beta's (0.173333 + 0.676595) / 2 = 0.424964.
Gamma sends nothing; s2 is aimed at it. ACH: s1 is C for h1 and I for h2, s3 N for h1 and C
for h2, so h2's weighted inconsistency is 0.90 and h1 (0) leads.
"""
from __future__ import annotations

import dataclasses
import re
import types

import pandas as pd
import pytest
from factories import make_case

from signalbrief import charts, findings
from signalbrief.analysis import Analysis, run_analysis
from signalbrief.wording import quote

HOSTILE_QUOTE = "<script>alert(1)</script> & “quoted”"


def build_case(extra_signals: int = 0):
    """The four-signal case, plus `extra_signals` neutral statements by Beta on t2 (for the appendix limit)."""
    signals = [
        {"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 2, "reporting": "reported_speech",
         "cost": "sunk_cost", "quote": HOSTILE_QUOTE, "summary": "Alpha backs the plan."},
        {"signal_id": "s2", "actor_id": "a2", "topic_id": "t1", "stance": -2, "kind": "denial",
         "outlet_id": "rag", "reporting": "article_inference", "hedging": "hedged", "target_actor_id": "a3",
         "signal_date": "2000-02-01", "signal_date_precision": "month", "summary": "Beta denies the plan."},
        {"signal_id": "s3", "actor_id": "a2", "topic_id": "t2", "stance": 1, "hedging": "hedged",
         "signal_date": "2000-03-01", "summary": "Beta leans for talks."},
        {"signal_id": "s4", "actor_id": "a1", "topic_id": "t2", "stance": 1, "cost": "sunk_cost",
         "signal_date": "2000-03-02", "summary": "Alpha pays for talks."},
    ]
    signals += [{"signal_id": f"x{i:03d}", "actor_id": "a2", "topic_id": "t2", "stance": 0,
                 "hedging": "hedged", "summary": "Filler."} for i in range(extra_signals)]
    return make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}, {"outlet_id": "rag", "name": "Rag", "reliability": "E"}],
        actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"},
                {"actor_id": "a3", "name": "Gamma"}],
        topics=[{"topic_id": "t1", "label": "The plan"}, {"topic_id": "t2", "label": "Talks"}],
        events=[{"event_id": "e1", "actor_ids": "a1", "summary": "Alpha meets."}],
        signals=signals,
        links=[{"from_signal_id": "s2", "to_signal_id": "s3", "relation": "denies"}],
        hypotheses=[{"hypothesis_id": "h1", "label": "Plan"}, {"hypothesis_id": "h2", "label": "Bluff"}],
        ach=[{"hypothesis_id": "h1", "signal_id": "s1", "rating": "C"},
             {"hypothesis_id": "h2", "signal_id": "s1", "rating": "I"},
             {"hypothesis_id": "h1", "signal_id": "s3", "rating": "N"},
             {"hypothesis_id": "h2", "signal_id": "s3", "rating": "C"}],
    )


def build_analysis(extra_signals: int = 0, top_k: int = 2) -> Analysis:
    """The fixture case analysed with default weights and few samples (the tests do not read them)."""
    return run_analysis(build_case(extra_signals), n_samples=50, seed=0, top_k=top_k)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return build_analysis()


def test_description_of_the_fixture_matches_the_scores(analysis):
    credibility = analysis.signal_scores.set_index("signal_id")["credibility"]
    assert credibility.to_dict() == pytest.approx({"s1": 0.9, "s2": 0.173333, "s3": 0.676595, "s4": 1.0}, abs=1e-6)


def test_credibility_finding_names_the_actor_with_most_top_signals(analysis):
    # Top 2: s4 (1.0) and s1 (0.9), both Alpha's; the top-2 share is whatever the draws give.
    sentence = findings.state_credibility_finding(analysis)
    assert sentence.startswith("Alpha sends the two most credible signals; that top two stays the same in ")


def test_actor_finding_ranks_the_most_credible_actor_first(analysis):
    # Alpha's mean (0.9 + 1.0) / 2 = 0.95 beats Beta's 0.424964; the case mean is
    # (0.9 + 1.0 + 0.173333 + 0.676595) / 4 = 0.687482.
    assert findings.state_actor_finding(analysis, "a1") == (
        "Alpha sends two signals of mean credibility 0.95 (case mean 0.69), ranking 1 of 2 actors; "
        "neither of their statements or commitments is contradicted.")
    assert findings.state_actor_vs_case(analysis, "a2") == (
        "Beta's two signals average 0.42 (range 0.17–0.68); the only other actor averages higher.")


def test_actor_without_signals_gets_a_sentence_not_an_error(analysis):
    # Gamma (a person, so "them") sends nothing; s2 is aimed at them and no event lists them.
    assert findings.state_actor_finding(analysis, "a3") == (
        "Gamma sends no signal in the case; the article only reports on them, in one signal aimed at them.")
    assert findings.actor_signals(analysis, "a3").empty
    # Gamma is a person: the sentences say "their", and no table repeats them with "its" (it did).
    assert findings.state_actor_say_do(analysis, "a3") == (
        "There is no signal from Gamma, so none can be contradicted and none contradicts another actor.")
    assert findings.actor_say_do_html(analysis, "a3") == ""
    assert findings.state_actor_network(analysis, "a3") == (
        "Gamma shares no side-taking question with another actor in the 365 days up to the brief's date.")
    assert findings.actor_network_html(analysis, "a3") == ""
    assert charts.chart_actor_stances(analysis, "a3").sentence == "No chart of stances: there is no signal from Gamma to show."


def test_stance_finding_names_the_divided_topic(analysis):
    # t1: Alpha +2, Beta -2 (one each side); t2: both +1 (no one against).
    assert findings.state_stance_finding(analysis) == (
        "“The plan” divides the actors most: one actor leans for it and one against it, across two signals.")


def test_network_finding_sees_a_balanced_pair(analysis):
    # t1: +2 against -2 is conflict 4/4 = 1; t2: +1 and +1 is congruence 1 - 0 = 1; net 0.
    assert findings.state_network_finding(analysis) == (
        "Every pair of actors that shares a question is as much in agreement as in conflict.")


def test_ach_and_critical_evidence_findings(analysis):
    # h1: no inconsistency; h2: s1 rated I, 0.9 x 1. Dropping s1 ties them at 0: a tie is a tie,
    # so both would lead and s1 changes the leader.
    assert findings.state_ach_finding(analysis) == (
        "“Plan” is the least contradicted hypothesis: weighted inconsistency 0.00 against 0.90 for “Bluff”.")
    assert findings.state_critical_evidence_finding(analysis) == (
        "One piece of evidence changes who leads if dropped: Alpha's “Alpha backs the plan”.")


def test_indicators_say_when_no_evidence_favours_the_runner_up(analysis):
    # No signal is C/CC for h2 and I/II for h1; s3 (Beta's) is denied by s2.
    indicators = findings.list_indicators(analysis)
    assert indicators[0] == ("Evidence consistent with the runner-up “Bluff” but inconsistent with “Plan” "
                             "(the gap is 0.90 of weighted inconsistency): no coded signal is of that kind yet.")
    assert "Whether Beta acts on “quoted words”: one signal stands against it, from Beta." in indicators


def test_appendix_escapes_markup_in_quotes(analysis):
    page = findings.appendix_signals_html(analysis)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quoted”" in page
    assert "more signals" not in page


def test_appendix_lists_the_most_credible_200_and_counts_the_rest():
    # 4 + 199 fillers = 203 signals: 200 rows, and 3 more.
    page = findings.appendix_signals_html(build_analysis(extra_signals=199))
    assert page.count("<tr>") == 1 + 200
    assert "… and three more signals, in signals.csv of the case folder." in page


def test_focus_topic_defaults_to_the_busiest_and_rejects_unknown_ids(analysis):
    assert findings.pick_focus_topic(analysis, "") == "t1"  # 2 signals each; t1 is listed first in topics.csv
    assert findings.pick_focus_topic(analysis, "t2") == "t2"
    with pytest.raises(ValueError, match="focus_topic 'nope' is not a topic_id of topics.csv; known: t1, t2"):
        findings.pick_focus_topic(analysis, "nope")
    # One more signal on t2 (Beta, neutral) makes t2 the busiest outright.
    assert findings.pick_focus_topic(build_analysis(extra_signals=1), "") == "t2"


def test_a_tie_for_the_busiest_topic_goes_to_the_first_listed_not_the_first_id_and_is_stated():
    # The plan (t1) and Talks (t2) have two signals each. Listed Talks first, the chart follows
    # Talks whatever the ids, and the finding names the tie instead of passing over it.
    case = build_case()
    case = dataclasses.replace(case, topics=case.topics.iloc[::-1].reset_index(drop=True))
    analysis = run_analysis(case, n_samples=20, seed=0)
    assert findings.pick_focus_topic(analysis, "") == "t2"
    # Talks: s3 (Beta, +1, 1 Mar 2000) and s4 (Alpha, +1, 2 Mar 2000): both actors lean for it.
    assert findings.state_stance_over_time_finding(analysis, "t2") == (
        "On “Talks”, two actors lean for it and none against it; the latest signal, from Alpha on 2 Mar 2000, "
        "leans for it. “Talks” and “The plan” tie for the most signals (two each): the focus_topic "
        "parameter sets which one this chart follows.")
    # Without a tie (one more signal on t2), no such sentence.
    assert "tie for the most signals" not in findings.state_stance_over_time_finding(
        build_analysis(extra_signals=1), "t2")


@pytest.mark.parametrize(("precision", "expected"), [
    ("day", "1 Feb 2000"), ("month", "Feb 2000"), ("year", "2000"), ("before", "by 1 Feb 2000")])
def test_dates_are_written_as_precisely_as_the_article_gives_them(precision, expected):
    assert findings.format_signal_date(pd.Timestamp("2000-02-01"), precision) == expected


def test_a_column_of_dates_is_written_row_by_row_at_each_rows_precision():
    # Repeated (date, precision) pairs are formatted once; each row still gets its own text, in order.
    dates = pd.Series(pd.to_datetime(["2000-02-01", "2000-03-21", "2000-02-01", "2000-02-01"]), index=[7, 8, 9, 10])
    precisions = pd.Series(["day", "before", "month", "day"], index=[7, 8, 9, 10])
    written = findings.format_dates(dates, precisions)
    assert written.to_dict() == {7: "1 Feb 2000", 8: "by 21 Mar 2000", 9: "Feb 2000", 10: "1 Feb 2000"}


def test_each_caller_of_describe_signals_gets_a_table_of_its_own(analysis):
    first = findings.describe_signals(analysis)
    first["date_text"] = "changed by a caller"
    # s4 is ranked first (0.825); its date_text is unchanged for the next caller.
    again = findings.describe_signals(analysis)
    assert "changed by a caller" not in set(again["date_text"])
    assert again["signal_id"].tolist() == ["s4", "s1", "s3", "s2"]


@pytest.mark.parametrize(("text", "drop_full_stop", "expected"), [
    (" He said so. ", False, "“He said so.”"),  # a verbatim quote keeps its full stop
    ("He said so.", True, "“He said so”"),  # a summary quoted mid-sentence loses it
    ("“already quoted”", False, "“already quoted”"),  # no doubled quotation marks
    ('"straight quotes".', True, "“straight quotes”"),
])
def test_quoted_text_never_doubles_quotation_marks(text, drop_full_stop, expected):
    assert quote(text, drop_full_stop=drop_full_stop) == expected


def test_key_judgments_keep_likelihood_and_confidence_apart(analysis):
    table = findings.key_judgments_html(analysis)
    assert "<th>Likelihood</th><th>Confidence</th>" in table
    for row in analysis.key_judgments.itertuples():
        assert f"<td>{row.confidence}</td>" in table


def test_an_actors_signals_are_its_own_in_rank_order_and_changing_them_changes_nothing_shared():
    analysis = build_analysis()
    own = findings.actor_signals(analysis, "a2")
    # Beta sends s2 and s3; rank order is the credibility table's.
    ranked = analysis.signal_scores.sort_values("rank")
    assert own["signal_id"].tolist() == [s for s in ranked["signal_id"] if s in {"s2", "s3"}]
    assert own.index.tolist() == [0, 1]
    own["summary"] = "changed by a notebook"
    own.loc[0, "credibility"] = -1.0
    again = findings.actor_signals(analysis, "a2")
    assert "changed by a notebook" not in again["summary"].tolist() and again["credibility"].min() >= 0
    assert findings.actor_signals(analysis, "a3").columns.tolist() == again.columns.tolist()


def test_questions_are_stated_with_their_propositions_in_the_case_order_and_escaped():
    case = make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}], actors=[{"actor_id": "a1", "name": "Alpha"}],
        topics=[{"topic_id": "t2", "label": "Talks", "proposition": "Both sides <should> talk & listen."},
                {"topic_id": "t1", "label": "The “plan”", "proposition": "The plan goes ahead."}],
        events=[], signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1"}], links=[], hypotheses=[], ach=[])
    analysis = run_analysis(case, n_samples=10, seed=0)
    assert findings.questions_html(analysis) == (
        '<ul class="signalbrief-statements">'
        "<li><strong>Talks</strong>: Both sides &lt;should&gt; talk &amp; listen.</li>"
        "<li><strong>The “plan”</strong>: The plan goes ahead.</li></ul>")


def test_hypotheses_are_stated_and_a_case_without_any_says_so():
    one_question_no_hypotheses = make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}], actors=[{"actor_id": "a1", "name": "Alpha"}],
        topics=[{"topic_id": "t1", "label": "Plan", "proposition": "The plan goes ahead."}],
        events=[], signals=[], links=[], hypotheses=[], ach=[])
    analysis = run_analysis(one_question_no_hypotheses, n_samples=10, seed=0)
    assert findings.hypotheses_html(analysis) == (
        "<p>The case weighs no hypotheses, so there is nothing to compare the evidence against.</p>")
    assert findings.questions_html(analysis) == (
        '<ul class="signalbrief-statements"><li><strong>Plan</strong>: The plan goes ahead.</li></ul>')
    with_hypotheses = make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}], actors=[{"actor_id": "a1", "name": "Alpha"}],
        topics=[{"topic_id": "t1", "label": "Plan"}], events=[], signals=[], links=[],
        hypotheses=[{"hypothesis_id": "h1", "label": "H1 Bluff", "statement": "It is a <bluff>."},
                    {"hypothesis_id": "h0", "label": "H2 Real", "statement": "It is real."}], ach=[])
    assert findings.hypotheses_html(run_analysis(with_hypotheses, n_samples=10, seed=0)) == (
        '<ul class="signalbrief-statements"><li><strong>H1 Bluff</strong>: It is a &lt;bluff&gt;.</li>'
        "<li><strong>H2 Real</strong>: It is real.</li></ul>")


def test_no_question_is_said_in_words():
    no_questions = make_case(outlets=[{"outlet_id": "wire", "name": "Wire"}], actors=[{"actor_id": "a1", "name": "Alpha"}],
                             topics=[], events=[], signals=[], links=[], hypotheses=[], ach=[])
    assert findings.questions_html(run_analysis(no_questions, n_samples=10, seed=0)) == "<p>The case poses no question.</p>"


def test_pairs_tied_with_the_last_one_shown_are_counted_not_cut_silently():
    # Four pairs agree at net +1.00 and one conflicts at -0.50; with two shown per side, the table shows
    # (a1, a2) and (a1, a3) and says that the other two +1.00 pairs tie with them.
    pairs = [("a1", "a2", 1.0), ("a1", "a3", 1.0), ("a2", "a3", 1.0), ("a3", "a4", 1.0), ("a2", "a4", -0.5)]
    network = pd.DataFrame([{"actor_a": a, "actor_b": b, "actor_a_name": a.upper(), "actor_b_name": b.upper(),
                             "congruence": max(net, 0.0), "conflict": max(-net, 0.0), "net": net, "topics": "t1"}
                            for a, b, net in pairs])
    analysis = types.SimpleNamespace(network=network, case=make_case(topics=[{"topic_id": "t1", "label": "The plan"}]))
    table = findings.strongest_pairs_html(analysis, n=2)
    assert table.count("<tr><td>") == 3
    assert "<td>A1</td><td>A2</td>" in table and "<td>A1</td><td>A3</td>" in table and "<td>A2</td><td>A3</td>" not in table
    assert table.endswith("<p>Two more pairs tie at net +1.00 with the last pair shown in agreement.</p>")
    # With three shown, one more ties; with four, none is left out and nothing is added.
    assert findings.strongest_pairs_html(analysis, n=3).endswith(
        "<p>One more pair ties at net +1.00 with the last pair shown in agreement.</p>")
    assert findings.strongest_pairs_html(analysis, n=4).endswith("</table>")


def test_shared_questions_are_listed_by_label_not_by_id_or_row():
    # Ids sort alpha, mid, zeta (Charlie, alpha, Bravo); topics.csv lists zeta, alpha, mid (Bravo,
    # Charlie, alpha); the labels themselves, case ignored, sort alpha, Bravo, Charlie.
    case = make_case(topics=[{"topic_id": "zeta", "label": "Bravo"}, {"topic_id": "alpha", "label": "Charlie"},
                             {"topic_id": "mid", "label": "alpha"}])
    assert case.topic_labels(["alpha", "mid", "zeta"]) == ["alpha", "Bravo", "Charlie"]
    assert case.topic_labels(["alpha"]) == ["Charlie"]
    network = pd.DataFrame([{"actor_a": "a1", "actor_b": "a2", "actor_a_name": "A1", "actor_b_name": "A2",
                             "congruence": 1.0, "conflict": 0.0, "net": 1.0, "topics": "alpha;zeta"}])
    table = findings.strongest_pairs_html(types.SimpleNamespace(network=network, case=case))
    assert "<td>Bravo; Charlie</td>" in table


def test_the_network_finding_names_every_pair_tied_at_the_extreme():
    # Two pairs conflict at net -1.00 and five agree at +0.50: the sentence names both conflicting
    # pairs, three of the five agreeing ones in the order of their names (within a pair too: the
    # network stores Cole's pair with Abel as "Cole, Abel", by id), and counts the other two.
    rows = [("Cole", "Abel", -1.0), ("Abel", "Bea", -1.0), ("Dan", "Eve", 0.5), ("Abel", "Dan", 0.5),
            ("Bea", "Dan", 0.5), ("Cole", "Dan", 0.5), ("Bea", "Eve", 0.5), ("Cole", "Eve", 0.2)]
    network = pd.DataFrame([{"actor_a": a.lower(), "actor_b": b.lower(), "actor_a_name": a, "actor_b_name": b,
                             "net": net} for a, b, net in rows])
    actors = pd.DataFrame({"name": ["Abel", "Bea", "Cole", "Dan", "Eve"], "kind": ["person"] * 5})
    analysis = types.SimpleNamespace(network=network, case=types.SimpleNamespace(actors=actors))
    assert findings.state_network_finding(analysis) == (
        "Two pairs are equally most at odds (net -1.00): Abel with Bea and Abel with Cole; five pairs agree "
        "equally most (net +0.50): Abel with Dan, Bea with Dan, Bea with Eve and two more pairs.")


@pytest.mark.parametrize("share, text", [(0.0, "none"), (0.0004, "under 1%"), (0.0049, "under 1%"), (0.0051, "1%"),
                                         (0.238, "24%"), (0.994, "99%"), (0.9951, "over 99%"), (1.0, "all")])
def test_a_share_of_draws_is_never_printed_as_0_or_100_percent(share, text):
    assert findings.format_share(share) == text


def test_signals_that_share_the_latest_date_are_all_reported_none_picked_by_id():
    # Talks (t2): s4, Alpha, 2 Mar 2000, +1 is alone on the latest date.
    fixture = build_analysis()
    assert findings.state_latest_signals(fixture, fixture.stances_over_time.query("topic_id == 't2'")) == (
        "the latest signal, from Alpha on 2 Mar 2000, leans for it")
    # Three signals on 5 Mar 2000: two from Beta (-2, -2) and one from Alpha (+1); the sentence
    # names both actors, groups Beta's two, and orders clauses by stance then name, not by signal id.
    rows = [{"signal_id": f"z{i}", "actor_id": actor, "topic_id": "t1", "stance": stance,
             "signal_date": "2000-03-05", "summary": "Said."}
            for i, (actor, stance) in enumerate([("a1", 1), ("a2", -2), ("a2", -2)])]
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}],
                     topics=[{"topic_id": "t1", "label": "The plan"}], signals=rows)
    analysis = run_analysis(case, n_samples=20, seed=0)
    assert findings.state_stance_over_time_finding(analysis, "t1") == (
        "On “The plan”, one actor leans for it and one against it; of the three latest signals, all on "
        "5 Mar 2000, two from Beta reject it outright and one from Alpha leans for it.")
    # One actor only: said once, before the clauses.
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
                     signals=[{**row, "actor_id": "a1"} for row in rows])
    single = run_analysis(case, n_samples=20, seed=0)
    assert findings.state_latest_signals(single, single.stances_over_time) == (
        "of the three latest signals, all on 5 Mar 2000 and all from Alpha: two reject it outright and one leans for it")


def test_questions_tied_in_the_stance_finding_are_all_described():
    # No one is against anything; t1 and t2 have two signals each (Alpha and Beta, +1 each).
    rows = [{"signal_id": f"z{i}", "actor_id": actor, "topic_id": topic, "stance": 1, "summary": "Said."}
            for i, (actor, topic) in enumerate([("a1", "t1"), ("a2", "t1"), ("a1", "t2"), ("a2", "t2")])]
    actors = [{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}]
    topics = [{"topic_id": "t1", "label": "The plan"}, {"topic_id": "t2", "label": "Talks"}]
    analysis = run_analysis(make_case(actors=actors, topics=topics, signals=rows), n_samples=20, seed=0)
    assert findings.state_stance_finding(analysis) == (
        "No question divides the actors. Two questions are the most discussed, with two signals each: "
        "on “The plan”, two actors lean for it and none against it; on “Talks”, two actors lean for it "
        "and none against it.")
    # Beta turns against both: each question has one actor on each side, across two signals.
    rows = [{**row, "stance": -1} if row["actor_id"] == "a2" else row for row in rows]
    analysis = run_analysis(make_case(actors=actors, topics=topics, signals=rows), n_samples=20, seed=0)
    assert findings.state_stance_finding(analysis) == (
        "Two questions divide the actors equally, with two signals each: on “The plan”, one actor leans for it "
        "and one against it; on “Talks”, one actor leans for it and one against it.")


def test_the_sensitivity_finding_counts_pairs_tied_for_swapping_most(analysis):
    # Hand-made draws: the top two hold in 40% of them; pairs (s4, s1) and (s1, s3) swap in 30% each.
    pairs = pd.DataFrame({"upper_signal_id": ["s4", "s1", "s3"], "lower_signal_id": ["s1", "s3", "s2"],
                          "rank_default": [1, 2, 3], "lower_rank_default": [2, 3, 4], "p_swap": [0.3, 0.3, 0.1]})
    sensitivity = dataclasses.replace(analysis.sensitivity, adjacent_pairs=pairs, p_top_k_set_stable=0.4)
    tied = dataclasses.replace(analysis, sensitivity=sensitivity)
    assert findings.state_sensitivity_finding(tied) == (
        "The top two signals stay the same in 40% of the weightings drawn; signals ranked 1 and 2 (both Alpha's) "
        "swap most easily, as does one other pair, in 30% of them.")
    # A share that rounds to 100% is not printed as certain.
    sensitivity = dataclasses.replace(sensitivity, adjacent_pairs=pairs.assign(p_swap=[0.3, 0.1, 0.1]),
                                      p_top_k_set_stable=0.998)
    assert findings.state_sensitivity_finding(dataclasses.replace(analysis, sensitivity=sensitivity)) == (
        "The top two signals stay the same in over 99% of the weightings drawn; signals ranked 1 and 2 "
        "(both Alpha's) swap most easily in 30% of them.")


def three_hypothesis_analysis(ratings: tuple[str, str, str]) -> Analysis:
    """One rated signal against hypotheses Alpha, Beta and Gamma (ids hA, hB, hC)."""
    case = make_case(
        actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
        signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Alpha backs it."}],
        hypotheses=[{"hypothesis_id": f"h{name[0]}", "label": name} for name in ("Alpha", "Beta", "Gamma")],
        ach=[{"hypothesis_id": f"h{name[0]}", "signal_id": "s1", "rating": rating}
             for name, rating in zip(("Alpha", "Beta", "Gamma"), ratings)])
    return run_analysis(case, n_samples=20, seed=0)


def test_what_to_watch_names_every_tied_leader_or_runner_up():
    # s1 is consistent with Alpha and Beta and inconsistent with Gamma: Alpha and Beta tie for the lead,
    # and no coded signal is inconsistent with one of them but not the other.
    analysis = three_hypothesis_analysis(("C", "C", "I"))
    assert findings.list_indicators(analysis)[0] == (
        "Evidence inconsistent with one of “Alpha” and “Beta” and not with the other, which are tied on "
        "weighted inconsistency: no coded signal is of that kind yet.")
    # Consistent with Alpha only: Alpha leads; Beta and Gamma tie at second place, and s1 (C for Alpha)
    # is not the kind that would favour either of them.
    analysis = three_hypothesis_analysis(("C", "I", "I"))
    assert findings.list_indicators(analysis)[0].startswith(
        "Evidence consistent with any of the runners-up “Beta” and “Gamma” but inconsistent with “Alpha” (the gap is ")
    assert findings.list_indicators(analysis)[0].endswith(": no coded signal is of that kind yet.")


def test_a_case_of_one_question_calls_it_the_only_one_discussed():
    # Alpha +1 on t1, the case's only question with a stance: no one is against it.
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
                     signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Yes."}])
    assert findings.state_stance_finding(run_analysis(case, n_samples=20, seed=0)) == (
        "No question divides the actors: on “The plan”, the only one discussed, one actor leans for it and none "
        "against it.")


def test_critical_evidence_with_tied_leaders_says_no_piece_breaks_the_tie():
    # Two signals, each consistent with Alpha and Beta and inconsistent with Gamma: Alpha and Beta tie,
    # and without either signal the other still leaves them tied.
    case = make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}, {"outlet_id": "post", "name": "Post"}],
        actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}],
        topics=[{"topic_id": "t1", "label": "The plan"}],
        signals=[{"signal_id": f"s{i}", "actor_id": f"a{i}", "topic_id": "t1", "stance": 1, "outlet_id": outlet,
                  "summary": "Backs it."} for i, outlet in ((1, "wire"), (2, "post"))],
        hypotheses=[{"hypothesis_id": f"h{name[0]}", "label": name} for name in ("Alpha", "Beta", "Gamma")],
        ach=[{"hypothesis_id": f"h{name[0]}", "signal_id": signal, "rating": rating}
             for signal in ("s1", "s2") for name, rating in zip(("Alpha", "Beta", "Gamma"), ("C", "C", "I"))])
    analysis = run_analysis(case, n_samples=20, seed=0)
    assert findings.state_critical_evidence_finding(analysis) == (
        "“Alpha” and “Beta” tie for the lead, and dropping any single piece of evidence leaves them tied.")


def test_pieces_that_narrow_the_margin_equally_are_counted():
    # s1 (Alpha, t1) and s2 (Beta, t2), each a direct quote through a grade-A outlet, unhedged, alone on
    # its question: credibility (0.30 x 1.0 + 0.15 x 1.0) / 0.45 = 1.0 each. Both are consistent with
    # "Plan" and inconsistent with "Bluff" (weight 1 each): margin 2.00; without either, 1.00.
    case = make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}, {"outlet_id": "post", "name": "Post"}],
        actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}],
        topics=[{"topic_id": "t1", "label": "The plan"}, {"topic_id": "t2", "label": "Talks"}],
        signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "outlet_id": "wire",
                  "summary": "Alpha backs it."},
                 {"signal_id": "s2", "actor_id": "a2", "topic_id": "t2", "stance": 1, "outlet_id": "post",
                  "summary": "Beta backs it."}],
        hypotheses=[{"hypothesis_id": "h1", "label": "Plan"}, {"hypothesis_id": "h2", "label": "Bluff"}],
        ach=[{"hypothesis_id": hypothesis, "signal_id": signal, "rating": rating}
             for signal in ("s1", "s2") for hypothesis, rating in (("h1", "C"), ("h2", "I"))])
    sentence = findings.state_critical_evidence_finding(run_analysis(case, n_samples=20, seed=0))
    assert sentence.startswith("No single piece of evidence changes who leads; dropping ")
    assert sentence.endswith(" narrows the leader's margin most (as would one other piece), from 2.00 to 1.00.")


def test_a_lone_hypothesis_is_neither_ranked_nor_called_likely():
    # One signal (Alpha, wire A, direct quote, unconditional statement: credibility 1.00) inconsistent
    # with the only hypothesis: weighted inconsistency 1.00, and nothing to rank, separate or narrow.
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
                     signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Yes."}],
                     hypotheses=[{"hypothesis_id": "h1", "label": "Plan"}],
                     ach=[{"hypothesis_id": "h1", "signal_id": "s1", "rating": "I"}])
    analysis = run_analysis(case, n_samples=20, seed=0)
    assert findings.state_bottom_line(analysis) == (
        "Only one hypothesis is stated, “Plan”: with no alternative to weigh it against, the analysis of competing "
        "hypotheses gives it no likelihood; the evidence rated against it weighs 1.00 (weighted inconsistency).")
    assert findings.state_diagnosticity_finding(analysis) == (
        "One rated signal bears on “Plan”, the only hypothesis stated: none can be diagnostic, since diagnosticity "
        "compares hypotheses.")
    assert findings.state_support_finding(analysis) == (
        "With one hypothesis stated there is no ranking to test: “Plan” leads in every draw by default.")
    assert findings.state_critical_evidence_finding(analysis) == (
        "With one hypothesis stated, no piece of evidence can change who leads or narrow a margin.")
    assert isinstance(charts.chart_hypothesis_support(analysis), charts.NoChart)
    assert isinstance(charts.chart_critical_evidence(analysis), charts.NoChart)
    page = findings.key_judgments_html(analysis)
    assert "— (no probability)" in page and "almost certain" not in page and "99%" not in page


def test_a_dossier_read_as_of_a_date_says_so_in_its_first_finding(analysis):
    # s1 (1 Jan 2000) is known on 1 March 2000, s4 (2 Mar 2000) is not: Alpha has one signal then, two in all.
    early = run_analysis(build_case(), n_samples=50, seed=0, as_of="2000-03-01")
    assert findings.state_actor_finding(early, "a1").startswith("As known on 1 March 2000, Alpha sends one signal, ")
    assert findings.state_actor_finding(analysis, "a1").startswith("Alpha sends two signals of mean credibility ")
    assert findings.state_actor_finding(early, "a3").startswith("As known on 1 March 2000, Gamma sends no signal")


def test_an_actor_whose_two_signals_score_alike_says_both():
    # Each signal: wire (A 1.0) x direct quote 1.0, an unconditional statement, no link and no second signal
    # of its actor on its question: (0.30 x 1.0 + 0.15 x 1.0) / 0.45 = 1.00, for all three actors alike.
    case = make_case(
        actors=[{"actor_id": f"a{i}", "name": name} for i, name in enumerate(["Alpha", "Beta", "Gamma"])],
        topics=[{"topic_id": "t1", "label": "The plan"}, {"topic_id": "t2", "label": "Talks"}],
        signals=[{"signal_id": f"s{i}", "actor_id": f"a{i % 3}", "topic_id": f"t{1 + i % 2}", "stance": 1,
                  "summary": f"Signal {i}."} for i in range(6)])
    analysis = run_analysis(case, n_samples=20, seed=0)
    assert findings.state_actor_vs_case(analysis, "a0") == (
        "Alpha's two signals both score 1.00; neither of the other actors averages higher.")


def test_a_signal_the_weights_cannot_score_is_said_so_not_printed_as_nan():
    # All the weight on the source: Alpha's signal (wire A, direct quote) scores 1.0 x 1.0 = 1.00; Beta's
    # comes through an outlet graded F (reliability cannot be judged), so no weighted component carries
    # information on it and it has no credibility, not a NaN in a sentence.
    case = make_case(
        outlets=[{"outlet_id": "wire", "name": "Wire"}, {"outlet_id": "blog", "name": "Blog", "reliability": "F"}],
        actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}],
        topics=[{"topic_id": "t1", "label": "The plan"}],
        signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Yes."},
                 {"signal_id": "s2", "actor_id": "a2", "topic_id": "t1", "stance": -1, "outlet_id": "blog",
                  "summary": "No."}])
    weights = {"source": 1.0, "corroboration": 0.0, "cost": 0.0, "consistency": 0.0, "specificity": 0.0}
    analysis = run_analysis(case, weights=weights, n_samples=20, seed=0)
    assert findings.state_actor_finding(analysis, "a2") == (
        "Beta sends one signal, which these weights cannot score (no weighted component carries information on "
        "it); their only statement or commitment is not contradicted.")
    assert findings.state_actor_vs_case(analysis, "a2") == (
        "Beta's signal cannot be scored under these weights, so it is not set against other actors'.")
    assert findings.state_actor_finding(analysis, "a1") == (
        "Alpha sends one signal, credibility 1.00 (case mean 1.00), the only actor scored; their only statement or "
        "commitment is not contradicted.")
    table = findings.actor_signals_html(analysis, "a2")
    assert "nan" not in table and table.count("<td>—</td>") == 2  # credibility and rank
    assert "nan" not in findings.appendix_signals_html(analysis)
    assert isinstance(charts.chart_credibility_components(analysis, "a2"), charts.NoChart)


def test_signals_the_weights_cannot_score_are_left_out_of_the_top_and_the_confidence():
    # All the weight on cost: s1 is a commitment with a sunk cost (1.00), s2 a hands-tying one (0.60);
    # s3 and s4 are statements, which cannot carry a cost, so no weighted component scores them.
    case = make_case(
        actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}],
        topics=[{"topic_id": "t1", "label": "The plan"}],
        signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "kind": "commitment",
                  "cost": "sunk_cost", "summary": "Alpha pays."},
                 {"signal_id": "s2", "actor_id": "a2", "topic_id": "t1", "stance": -1, "kind": "commitment",
                  "cost": "hands_tying", "summary": "Beta binds itself."},
                 {"signal_id": "s3", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Alpha says so."},
                 {"signal_id": "s4", "actor_id": "a2", "topic_id": "t1", "stance": -1, "summary": "Beta says no."}])
    weights = {"source": 0.0, "corroboration": 0.0, "cost": 1.0, "consistency": 0.0, "specificity": 0.0}
    analysis = run_analysis(case, weights=weights, n_samples=20, seed=0, top_k=3)
    assert analysis.signal_scores.set_index("signal_id")["credibility"].isna().to_dict() == {
        "s1": False, "s2": False, "s3": True, "s4": True}
    # The top three of four would take in the two unscored signals, tied last; of the scored there are two.
    assert findings.state_credibility_finding(analysis) == (
        "Two different actors send the two most credible signals; that top two stays the same in all of the "
        "weightings drawn (two signals these weights cannot score are left out).")
    assert findings.state_sensitivity_finding(analysis).startswith("The top two signals stay the same")
    judgment = analysis.key_judgments.set_index("judgment_kind").loc["credibility"]
    # Alpha: s1 scored 1.00, s3 not: "from one scored signal"; Beta: s2 0.60.
    assert judgment["judgment"].startswith("Alpha's signals are the most credible in the case (1.00, from one scored "
                                           "signal) and Beta's the least (0.60, from one scored signal)")
    # It rests on all four signals of Alpha and Beta, two scored: mean (1.00 + 0.60) / 2 = 0.80; two scored
    # signals are too few for high, and the top two never change (stability 1): moderate.
    assert judgment["confidence_reason"] == (
        "Confidence is moderate: the judgment rests on four signals, two of them scored, of mean credibility 0.80, "
        "and the top two signals stay the same in all of the credibility weightings drawn.")
    all_cost_free = dataclasses.replace(case, signals=case.signals[case.signals["kind"].astype("str") == "statement"])
    nothing = run_analysis(all_cost_free, weights=weights, n_samples=20, seed=0)
    assert findings.state_credibility_finding(nothing) == (
        "These weights can score no signal: no weighted component carries information on any.")
    assert findings.state_sensitivity_finding(nothing) == "These weights can score no signal, so there is nothing to rank."
    assert isinstance(charts.chart_rank_sensitivity(nothing), charts.NoChart)
    assert isinstance(charts.chart_credibility_components(nothing), charts.NoChart)


def test_a_sub_actor_rolled_up_points_to_its_top_level_actors_dossier():
    # The minister's one signal counts as the government's with roll-up on; the minister's dossier says
    # where it went instead of "there is no signal from the minister".
    case = make_case(
        actors=[{"actor_id": "gov", "name": "the government", "kind": "government"},
                {"actor_id": "minister", "name": "the minister", "parent_actor_id": "gov"}],
        topics=[{"topic_id": "t1", "label": "The plan"}],
        signals=[{"signal_id": "s1", "actor_id": "minister", "topic_id": "t1", "stance": 1, "summary": "Yes."}])
    analysis = run_analysis(case, n_samples=20, seed=0, roll_up=True)
    assert findings.state_actor_finding(analysis, "minister") == (
        "The minister sends signals, but with roll-up on they count as the government's, their top-level actor.")
    assert findings.state_actor_say_do(analysis, "minister") == (
        "With roll-up on, the minister's signals count as the government's: its dossier says whether they are "
        "contradicted.")
    assert findings.state_actor_network(analysis, "minister") == (
        "With roll-up on, the minister's signals count as the government's: its dossier says whom they agree with.")
    assert charts.chart_actor_stances(analysis, "minister").sentence == (
        "No chart of stances: with roll-up on, the minister's signals count as the government's: its dossier has them.")
    assert findings.state_actor_finding(analysis, "gov").startswith("The government sends one signal, credibility ")
    # Without roll-up the minister speaks for itself.
    assert findings.state_actor_finding(run_analysis(case, n_samples=20, seed=0), "minister").startswith(
        "The minister sends one signal, credibility ")


def test_a_bottom_line_with_no_hypothesis_and_no_scored_signal_says_there_is_nothing_to_judge():
    # One statement (it cannot carry a cost) and all the weight on cost: no signal has a credibility.
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
                     signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Yes."}])
    weights = {"source": 0.0, "corroboration": 0.0, "cost": 1.0, "consistency": 0.0, "specificity": 0.0}
    analysis = run_analysis(case, weights=weights, n_samples=20, seed=0)
    assert findings.state_bottom_line(analysis) == (
        "With no hypotheses rated and no signal these weights can score (no weighted component carries information "
        "on any), there is nothing to judge.")


def test_a_top_set_of_one_is_called_the_first_place():
    analysis = build_analysis(top_k=1)
    method = findings.method_html(analysis)
    assert "the top 1" not in method
    assert "the share of draws that keep the first place" in method
    assert "every signal tied for first place holds it" in method
    spec = charts.chart_rank_sensitivity(analysis).to_dict()
    assert "boundary of the first place" in " ".join(spec["title"]["subtitle"])
    legend = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer["encoding"])
    assert legend["scale"]["domain"] == ["First", "Not first"]


def test_a_position_that_averages_the_signals_of_its_latest_day_says_so_and_one_that_does_not_does_not():
    # Alpha on "The plan": -2 on 1 Mar, then -1 and -2 on 5 Mar: its position now is their mean, -1.5,
    # which is no stance a single signal can take. Beta said +1 once.
    rows = [{"signal_id": f"z{i}", "actor_id": actor, "topic_id": "t1", "stance": stance, "signal_date": day,
             "summary": "Said."}
            for i, (actor, stance, day) in enumerate([("a1", -2, "2000-03-01"), ("a1", -1, "2000-03-05"),
                                                       ("a1", -2, "2000-03-05"), ("a2", 1, "2000-03-02")])]
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta"}],
                     topics=[{"topic_id": "t1", "label": "The plan"}], signals=rows)
    analysis = run_analysis(case, n_samples=20, seed=0)
    alpha = findings.actor_stances_html(analysis, "a1")
    assert "<td>-1.5 (mean of the two signals of its latest day)</td>" in alpha
    beta = findings.actor_stances_html(analysis, "a2")
    assert "<td>+1</td>" in beta and "mean of the" not in beta
    subtitle = " ".join(charts.chart_stance_heatmap(analysis).to_dict()["title"]["subtitle"])
    assert "the stance of its latest signal, or the mean of those sharing its latest day (earlier" in subtitle
    # Beta alone: nothing is averaged, and the subtitle does not say it is.
    beta_only = run_analysis(make_case(actors=[{"actor_id": "a2", "name": "Beta"}],
                                       topics=[{"topic_id": "t1", "label": "The plan"}], signals=rows[3:]),
                             n_samples=20, seed=0)
    subtitle = " ".join(charts.chart_stance_heatmap(beta_only).to_dict()["title"]["subtitle"])
    assert "the stance of its latest signal (earlier" in subtitle and "mean" not in subtitle


def test_a_dossier_lists_the_signals_aimed_at_its_actor_and_the_events_naming_it_oldest_first():
    # Beta (a government: "it") sends nothing. Alpha aims a claim at Beta on 5 Mar; Cole a statement at Alpha (not at Beta);
    # Beta takes part in a claimed customs filing on 1 Mar (with Alpha) and, by the year only, in a 1999
    # agreement; a visit of Alpha's alone does not name Beta.
    actors = [{"actor_id": "a1", "name": "Alpha"}, {"actor_id": "a2", "name": "Beta", "kind": "government"},
              {"actor_id": "a3", "name": "Cole"}]
    signals = [
        {"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "kind": "claim", "target_actor_id": "a2",
         "signal_date": "2000-03-05", "summary": "Alpha blames Beta.", "quote": "Beta did it"},
        {"signal_id": "s2", "actor_id": "a3", "topic_id": "t1", "target_actor_id": "a1",
         "signal_date": "2000-03-06", "summary": "Cole answers Alpha."},
    ]
    events = [
        {"event_id": "e1", "event_date": "2000-03-01", "kind": "customs_filing", "actor_ids": "a1;a2",
         "status": "claimed", "summary": "A filing is made.", "quote": "a filing"},
        {"event_id": "e2", "event_date": "1999-01-01", "event_date_precision": "year", "kind": "agreement",
         "actor_ids": "a2", "summary": "An accord is signed.", "quote": "an accord"},
        {"event_id": "e3", "event_date": "2000-02-01", "kind": "visit", "actor_ids": "a1", "summary": "Alpha visits."},
    ]
    analysis = run_analysis(make_case(actors=actors, topics=[{"topic_id": "t1"}], signals=signals, events=events),
                            n_samples=20, seed=0)
    assert findings.mention_count(analysis, "a2") == 3
    assert findings.state_actor_finding(analysis, "a2") == (
        "Beta sends no signal in the case; the article only reports on it, in one signal aimed at it and two events "
        "naming it among their actors.")
    beta = findings.about_actor_html(analysis, "a2")
    assert beta.startswith("<p>One signal aimed at it and two events naming it among their actors, oldest first:</p>")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", beta)
    assert rows == [
        ("1999", "agreement (event)", "An accord is signed.", "an accord", "wire"),
        ("1 Mar 2000", "customs filing (event)", "Claimed, not confirmed: A filing is made.",
         "a filing", "wire"),
        ("5 Mar 2000", "claim by Alpha", "Alpha blames Beta.", "Beta did it", "wire"),
    ]
    # Cole: nothing aimed at it, no event names it.
    assert findings.about_actor_html(analysis, "a3") == ""
    assert findings.mention_count(analysis, "a3") == 0


def test_the_sources_table_gives_each_outlet_its_grade_in_words_its_reason_and_what_it_carries():
    # The paper carries two signals; the wire one signal and one event; the rumour mill one event; a fourth
    # outlet, graded but carrying nothing, is left out. Most signals first, then most events, then by name.
    outlets = [{"outlet_id": "wire", "name": "Wire", "reliability": "A", "rationale": "A wire."},
               {"outlet_id": "paper", "name": "The Paper", "kind": "newspaper", "reliability": "C",
                "rationale": "Slanted."},
               {"outlet_id": "rumour", "name": "Rumour mill", "kind": "unattributed", "reliability": "F",
                "rationale": "No source named."},
               {"outlet_id": "idle", "name": "idle gazette", "kind": "newspaper", "reliability": "B",
                "rationale": "Cites nothing."}]
    signals = [{"signal_id": f"s{i}", "actor_id": "a1", "topic_id": "t1", "outlet_id": outlet}
               for i, outlet in enumerate(["paper", "wire", "paper"])]
    events = [{"event_id": "e1", "actor_ids": "a1", "outlet_id": "rumour"},
              {"event_id": "e2", "actor_ids": "a1", "outlet_id": "wire"}]
    analysis = run_analysis(make_case(outlets=outlets, actors=[{"actor_id": "a1"}], topics=[{"topic_id": "t1"}],
                                      signals=signals, events=events), n_samples=20, seed=0)
    rows = re.findall(r"<tr>" + r"<td>(.*?)</td>" * 6 + r"</tr>", findings.sources_html(analysis))
    assert rows == [
        ("The Paper", "newspaper", "C (fairly reliable)", "2", "0", "Slanted."),
        ("Wire", "news agency", "A (completely reliable)", "1", "1", "A wire."),
        ("Rumour mill", "unattributed", "F (reliability cannot be judged)", "0", "1", "No source named."),
    ]
    # As known before anything: no outlet carries anything yet.
    early = run_analysis(make_case(outlets=outlets, actors=[{"actor_id": "a1"}], topics=[{"topic_id": "t1"}],
                                   signals=signals, events=events), n_samples=20, seed=0, as_of="1999-12-31")
    assert findings.sources_html(early) == "<p>No outlet carries a signal or an event yet.</p>"


def test_a_dossier_reads_every_coded_link_of_its_signals_from_its_side_with_the_coders_reason():
    # Alpha (a government: "its") said s1 on 1 Mar and s3 on 6 Mar; Beta s4 on 2 Mar and s2 on 5 Mar.
    # s2 contradicts s1, s3 qualifies s1 (both Alpha's: read once, from s3), s1 responds to s4, and s4
    # corroborates s2 (Beta's alone: not Alpha's).
    actors = [{"actor_id": "a1", "name": "Alpha", "kind": "government"}, {"actor_id": "a2", "name": "Beta"}]
    said = [("s1", "a1", "2000-03-01", "We will cut"), ("s2", "a2", "2000-03-05", "They will not"),
            ("s3", "a1", "2000-03-06", "Only partly"), ("s4", "a2", "2000-03-02", "Indeed")]
    signals = [{"signal_id": sid, "actor_id": actor, "topic_id": "t1", "signal_date": day, "quote": words}
               for sid, actor, day, words in said]
    links = [{"from_signal_id": "s2", "to_signal_id": "s1", "relation": "contradicts", "rationale": "Opposite."},
             {"from_signal_id": "s3", "to_signal_id": "s1", "relation": "qualifies", "rationale": "Limits it."},
             {"from_signal_id": "s1", "to_signal_id": "s4", "relation": "responds_to", "rationale": "Answers."},
             {"from_signal_id": "s4", "to_signal_id": "s2", "relation": "corroborates", "rationale": "Agrees."}]
    analysis = run_analysis(make_case(actors=actors, topics=[{"topic_id": "t1"}], signals=signals, links=links),
                            n_samples=20, seed=0)
    alpha = findings.actor_links_html(analysis, "a1")
    assert alpha.startswith("<p>Three coded links join its signals to other signals, each read from its signal's "
                            "side:</p>")
    assert re.findall(r"<tr>" + r"<td>(.*?)</td>" * 5 + r"</tr>", alpha) == [
        ("We will cut (1 Mar 2000)", "responds to", "Beta", "Indeed (2 Mar 2000)", "Answers."),
        ("We will cut (1 Mar 2000)", "contradicted by", "Beta", "They will not (5 Mar 2000)", "Opposite."),
        ("Only partly (6 Mar 2000)", "qualifies", "Alpha", "We will cut (1 Mar 2000)", "Limits it."),
    ]
    # As known on 4 Mar, only s1 and s4 are known, so only the response joins them.
    early = run_analysis(make_case(actors=actors, topics=[{"topic_id": "t1"}], signals=signals, links=links),
                         n_samples=20, seed=0, as_of="2000-03-04")
    assert re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", findings.actor_links_html(early, "a1")) == [
        ("We will cut (1 Mar 2000)", "responds to")]
    # No link touches a signal of an actor without signals.
    assert findings.actor_links_html(analysis, "nobody") == ""


def contested_case(n_against: list[int]):
    """Alpha makes one commitment per entry of `n_against` (p0, p1, ... on 1, 2, ... Mar 2000, worded
    "Pledge 0", "Pledge 1"...), each contradicted by that many statements of Beta."""
    actors = [{"actor_id": "a1", "name": "Alpha", "kind": "government"},
              {"actor_id": "a2", "name": "Beta", "kind": "government"}]
    signals, links = [], []
    for number, against in enumerate(n_against):
        signals.append({"signal_id": f"p{number}", "actor_id": "a1", "topic_id": "t1", "kind": "commitment",
                        "signal_date": f"2000-03-{number + 1:02d}", "quote": f"Pledge {number}"})
        for other in range(against):
            signals.append({"signal_id": f"c{number}_{other}", "actor_id": "a2", "topic_id": "t1",
                            "signal_date": "2000-04-01", "quote": f"No to {number}, {other}"})
            links.append({"from_signal_id": f"c{number}_{other}", "to_signal_id": f"p{number}",
                          "relation": "contradicts"})
    return make_case(actors=actors, topics=[{"topic_id": "t1"}], signals=signals, links=links)


def test_what_to_watch_keeps_commitments_contradicted_as_often_as_the_last_shown_and_counts_the_rest():
    # Three are shown; p0 has two signals against it, p1, p2 and p3 one each: the most contradicted first,
    # then the latest (p3 of 4 Mar, p2, p1), and the three tied at one are all shown (four in all).
    analysis = run_analysis(contested_case([2, 1, 1, 1]), n_samples=20, seed=0)
    assert findings.watch_contested(analysis) == [
        "Whether Alpha acts on “Pledge 0”: two signals stand against it, from Beta.",
        "Whether Alpha acts on “Pledge 3”: one signal stands against it, from Beta.",
        "Whether Alpha acts on “Pledge 2”: one signal stands against it, from Beta.",
        "Whether Alpha acts on “Pledge 1”: one signal stands against it, from Beta.",
    ]
    # Six tied at one after p0: showing them all would make seven, more than twice three, so the list
    # stops at three (p0, then the latest two: p6, p5) and says how many tie with the last.
    analysis = run_analysis(contested_case([2, 1, 1, 1, 1, 1, 1]), n_samples=20, seed=0)
    assert findings.watch_contested(analysis) == [
        "Whether Alpha acts on “Pledge 0”: two signals stand against it, from Beta.",
        "Whether Alpha acts on “Pledge 6”: one signal stands against it, from Beta.",
        "Whether Alpha acts on “Pledge 5”: one signal stands against it, from Beta. Four more statements or "
        "commitments have as many against them; the actors' dossiers list them.",
    ]


def test_the_pair_that_swaps_most_easily_is_named_by_who_said_what_not_by_signal_id():
    # Bob's and Ann's signals through the B-graded paper have equal components and tie at rank 1; Ann's
    # hedged signal through the A-graded wire ranks 3. Whichever of the tied two sits next to it swaps with
    # it as often: the tied two are ordered by actor name (Ann, then Bob), so Bob's pairs with it, whatever
    # their ids. Before, the ids decided ("both Ann's" under one naming, "Bob's and Ann's" under the other).
    def sentence(ids):
        x, y, z = ids
        signals = [{"signal_id": x, "actor_id": "a0", "topic_id": "t0", "outlet_id": "wire", "hedging": "hedged"},
                   {"signal_id": y, "actor_id": "a1", "topic_id": "t1", "outlet_id": "paper"},
                   {"signal_id": z, "actor_id": "a0", "topic_id": "t2", "outlet_id": "paper"}]
        case = make_case(outlets=[{"outlet_id": "wire", "reliability": "A"}, {"outlet_id": "paper", "reliability": "B"}],
                         actors=[{"actor_id": "a0", "name": "Ann"}, {"actor_id": "a1", "name": "Bob"}],
                         topics=[{"topic_id": topic} for topic in ("t0", "t1", "t2")], signals=signals)
        return findings.state_sensitivity_finding(run_analysis(case, n_samples=200, seed=0, top_k=2))

    first, second = sentence(("s1", "s2", "s3")), sentence(("s1", "s3", "s2"))
    assert first == second
    assert "signals ranked 1 and 3 (Bob's and Ann's) swap most easily" in first


def test_pieces_of_evidence_that_tie_are_listed_by_who_said_them_not_by_signal_id():
    # h0 has one piece against it (Cal's), h1 two (Bob's and Ann's, worded alike): h0 leads, and dropping
    # either of h1's pieces ties the two, so both change who leads. Equal credibility (same outlet, kind,
    # no links, each on its own question). Listed by actor name, Ann's first, whatever the ids.
    def sentence(ids):
        ann, bob = ids
        signals = [{"signal_id": "r", "actor_id": "a2", "topic_id": "t0", "summary": "Other thing."},
                   {"signal_id": bob, "actor_id": "a1", "topic_id": "t1", "summary": "Said it."},
                   {"signal_id": ann, "actor_id": "a0", "topic_id": "t2", "summary": "Said it."}]
        ach = [{"hypothesis_id": "h0", "signal_id": "r", "rating": "I"},
               {"hypothesis_id": "h1", "signal_id": "r", "rating": "N"},
               *({"hypothesis_id": "h1", "signal_id": sid, "rating": "I"} for sid in (ann, bob)),
               *({"hypothesis_id": "h0", "signal_id": sid, "rating": "N"} for sid in (ann, bob))]
        case = make_case(actors=[{"actor_id": "a0", "name": "Ann"}, {"actor_id": "a1", "name": "Bob"},
                                 {"actor_id": "a2", "name": "Cal"}],
                         topics=[{"topic_id": topic} for topic in ("t0", "t1", "t2")], signals=signals,
                         hypotheses=[{"hypothesis_id": "h0"}, {"hypothesis_id": "h1"}], ach=ach)
        return findings.state_critical_evidence_finding(run_analysis(case, n_samples=20, seed=0))

    expected = "Two pieces of evidence change who leads if dropped: Ann's “Said it”; Bob's “Said it”."
    assert sentence(("s1", "s2")) == expected
    assert sentence(("s2", "s1")) == expected


def test_tied_pieces_of_one_actor_are_listed_own_inference_last_whatever_their_ids():
    # As above, but both of h1's pieces are Bob's, worded alike, one of them the publication's own inference
    # (reported as article_inference). Every outlet is graded F, so no signal has a source component and all
    # are equally credible: the two pieces tie, and the sentence lists the plain one first.
    def sentence(ids):
        plain, inferred = ids
        signals = [{"signal_id": "r", "actor_id": "a2", "topic_id": "t0", "summary": "Other thing."},
                   {"signal_id": plain, "actor_id": "a1", "topic_id": "t1", "summary": "Said it."},
                   {"signal_id": inferred, "actor_id": "a1", "topic_id": "t2", "summary": "Said it.",
                    "outlet_id": "own", "reporting": "article_inference"}]
        ach = [{"hypothesis_id": "h0", "signal_id": "r", "rating": "I"},
               {"hypothesis_id": "h1", "signal_id": "r", "rating": "N"},
               *({"hypothesis_id": "h1", "signal_id": sid, "rating": "I"} for sid in ids),
               *({"hypothesis_id": "h0", "signal_id": sid, "rating": "N"} for sid in ids)]
        case = make_case(outlets=[{"outlet_id": "wire", "reliability": "F"},
                                  {"outlet_id": "own", "kind": "this_article", "reliability": "F"}],
                         actors=[{"actor_id": "a1", "name": "Bob"}, {"actor_id": "a2", "name": "Cal"}],
                         topics=[{"topic_id": topic} for topic in ("t0", "t1", "t2")], signals=signals,
                         hypotheses=[{"hypothesis_id": "h0"}, {"hypothesis_id": "h1"}], ach=ach)
        return findings.state_critical_evidence_finding(run_analysis(case, n_samples=20, seed=0))

    first = sentence(("s1", "s2"))
    assert first == sentence(("s2", "s1"))
    assert first.endswith("Bob's “Said it”; Bob's “Said it” (the publication's own inference).")
