"""The words of the report: finding sentences, indicators and HTML tables (chart titles are in charts.py).

Every sentence is generated from an `Analysis`, so the brief never carries a typed
number or name that could drift from the data. Functions named `state_*` return one
plain-text sentence (the notebooks show it in bold with `emphasise`); functions ending
in `_html` return HTML fragments in which every value from the case is escaped.
"""
from __future__ import annotations

import functools
import html
import json
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from signalbrief import exact
from signalbrief.analysis import Analysis
from signalbrief.asof import parse_as_of
from signalbrief.casefiles import load_schema
from signalbrief.credibility import (COMPONENTS, COST_SCORES, COSTLY_KINDS, DEED_KINDS, DEED_WEIGHT,
                                     INFORMATION_CREDIBILITY, RELIABILITY_MEANINGS, RELIABILITY_SCORES,
                                     REPORTING_DIRECTNESS, SPECIFICITY_SCORES, TIE_DECIMALS)
from signalbrief.hypotheses import (CONSISTENCY_WEIGHTS, EVEN_CHANCE_LOWER, INCONSISTENCY_LIKELIHOOD_RATIO,
                                    INCONSISTENCY_WEIGHTS, contenders, has_no_alternative)
from signalbrief.judgments import (HIGH_MIN_CREDIBILITY, HIGH_MIN_EVIDENCE, HIGH_MIN_STABILITY,
                                   LIKELIHOOD_BANDS, MODERATE_MIN_CREDIBILITY, MODERATE_MIN_STABILITY,
                                   actor_pronoun, actor_verb, clamp_probability, likelihood_term, name_labels, refer_to_actor,
                                   state_only_hypothesis, state_other_shares, state_top_set_holds)
from signalbrief.network import NETWORK_WINDOW_DAYS, by_name, pairs_in_name_order
from signalbrief.sensitivity import DEFAULT_CONCENTRATION
from signalbrief.stances import roll_up_signals, top_level_actor_ids
from signalbrief.wording import (agree, capitalise, count, count_of, date_phrase, date_range, describe_events,
                                 format_dates, format_share, format_signal_date, join_words, number, possessive, quote,
                                 share_of)

APPENDIX_LIMIT = 200
# How many pairs tied at the top of the agreement network a sentence names before it counts the rest.
MAX_TIED_PAIRS_NAMED = 3
T = TypeVar("T")
TABLE_STYLE = (".signalbrief-table th, .signalbrief-table td {text-align: left !important; vertical-align: top; "
               "padding: 3px 8px} .signalbrief-appendix td:nth-child(2) {min-width: 16em}"
               " .signalbrief-appendix {display: block; overflow-x: auto; max-width: 100%}")
STANCE_WORDS = {-2: "rejects it outright", -1: "leans against it", 0: "is neutral or mixed",
                1: "leans for it", 2: "endorses it"}
STANCE_WORDS_PLURAL = {-2: "reject it outright", -1: "lean against it", 0: "are neutral or mixed",
                       1: "lean for it", 2: "endorse it"}
LIKELIHOOD_RANGES = ("1–5%", "5–20%", "20–45%", "45–55%", "55–80%", "80–95%", "95–99%")
MAX_CONTESTED_INDICATORS = 3
MAX_BOUNDARY_INDICATORS = 2
# A signal's place in the top k "turns on the weights" when it holds in at least 10% and at most
# 90% of the weightings drawn; outside that band the weights rarely move it.
BOUNDARY_BAND = (0.10, 0.90)
# Questions tied in the stance finding that are described one by one; the rest are counted.
MAX_TIED_TOPICS_NAMED = 3


def format_stance(value: float) -> str:
    """'+2', '-1.5', or '0' for neutral."""
    if value == 0:
        return "0"
    return f"{int(value):+d}" if float(value).is_integer() else f"{value:+.1f}"


def emphasise(sentence: str) -> str:
    """A finding sentence as a bold HTML paragraph."""
    return f"<p><strong>{html.escape(sentence)}</strong></p>"


def format_as_of(analysis: Analysis) -> str:
    """The day the case is read as of, as a reader writes it ('14 March 2000'); '' when read whole."""
    return parse_as_of(analysis.as_of).strftime("%d %B %Y").lstrip("0") if analysis.as_of else ""


def format_percent(share: float) -> str:
    """0.238 -> '24%'."""
    return f"{share:.0%}"


def per_analysis(build: Callable[[Analysis], T]) -> Callable[[Analysis], T]:
    """`build(analysis)` computed once per Analysis object, for as long as it lives.

    A brief and its dossiers ask for the same derived tables dozens of times (at 10,000
    signals building one takes a tenth of a second). Keyed by the object's id, and an entry
    goes when its Analysis does; callers must not modify what they get.
    """
    results: dict[int, T] = {}

    @functools.wraps(build)
    def cached(analysis: Analysis) -> T:
        key = id(analysis)
        if key not in results:
            results[key] = build(analysis)
            weakref.finalize(analysis, results.pop, key, None)
        return results[key]

    return cached


def count_tied_past_cut(values: pd.Series, n_shown: int) -> int:
    """How many of `values` (in the order shown) after the first `n_shown` equal the last one shown:
    those a list cut after `n_shown` leaves out although they tie with what it shows (0 if none is cut)."""
    if len(values) <= n_shown:
        return 0
    return int((values.iloc[n_shown:] == values.iloc[n_shown - 1]).sum())


def quote_summary(text: str) -> str:
    """A summary or quote in curly quotes, to stand in the middle of a sentence (no final full stop)."""
    return quote(text, drop_full_stop=True)


def describe_signals(analysis: Analysis) -> pd.DataFrame:
    """Scored signals (rank order) with their date as the article gives it (`date_text`) and precision.

    Built once per Analysis; each caller gets its own (copy-on-write) copy to change freely.
    """
    return build_signal_descriptions(analysis).copy(deep=False)


@per_analysis
def build_signal_descriptions(analysis: Analysis) -> pd.DataFrame:
    """The table `describe_signals` returns."""
    signals = analysis.case.signals[["signal_id", "signal_date_precision"]].astype({"signal_date_precision": "str"})
    described = analysis.signal_scores.merge(signals, on="signal_id", how="left", validate="one_to_one")
    assert len(described) == len(analysis.signal_scores), "a scored signal is not in the case"
    described["date_text"] = format_dates(described["signal_date"], described["signal_date_precision"])
    return described


def read_case_metadata(analysis: Analysis) -> dict:
    """The `signalbrief_case` block of the case's datapackage.json (empty for a case built in memory)."""
    if analysis.case.path is None:
        return {}
    package = Path(analysis.case.path) / "datapackage.json"
    return json.loads(package.read_text(encoding="utf-8")).get("signalbrief_case", {})


def pick_focus_topic(analysis: Analysis, focus_topic: str = "") -> str:
    """The topic to follow over time: `focus_topic`, or the one with most signals; of several
    with as many, the first listed in topics.csv (the analyst's order, not the ids'), and the
    finding says they tie (`state_focus_tie`).

    Raises ValueError naming the known topics when `focus_topic` is not one of them.
    """
    known = analysis.case.topics["topic_id"].astype("str").tolist()
    if focus_topic:
        if focus_topic not in known:
            raise ValueError(f"focus_topic {focus_topic!r} is not a topic_id of topics.csv; known: {', '.join(known)}")
        return focus_topic
    busiest = busiest_topics(analysis)
    return busiest[0] if busiest else (known[0] if known else "")


def busiest_topics(analysis: Analysis) -> list[str]:
    """The topics with the most signals as of the brief's date, in topics.csv order (none if no signal)."""
    counts = analysis.case.signals["topic_id"].astype("str").value_counts()
    if counts.empty:
        return []
    most = counts.max()
    return [topic_id for topic_id in analysis.case.topics["topic_id"].astype("str") if counts.get(topic_id, 0) == most]


def pick_actor(analysis: Analysis, actor_id: str = "") -> str:
    """The dossier's actor: `actor_id`, or the first actor of the case. ValueError if unknown."""
    known = analysis.case.actors["actor_id"].astype("str").tolist()
    if not actor_id:
        return known[0]
    if actor_id not in known:
        raise ValueError(f"actor_id {actor_id!r} is not an actor_id of actors.csv")
    return actor_id


def topic_label(analysis: Analysis, topic_id: str) -> str:
    """The chart label of a topic."""
    return str(analysis.case.topics.set_index("topic_id").loc[topic_id, "label"])


def actor_name(analysis: Analysis, actor_id: str) -> str:
    """The display name of an actor (KeyError for an unknown actor_id)."""
    return actor_names(analysis)[actor_id]


def refer_to_actor_id(analysis: Analysis, actor_id: str) -> str:
    """An actor's name as it stands mid-sentence ('the ministry', 'other analysts'), by actor_id."""
    return refer_to_actor(analysis.case.actors, actor_name(analysis, actor_id))


def rolled_up_into(analysis: Analysis, actor_id: str) -> str | None:
    """The top-level actor whose signals this actor's count as, when roll-up is on and it has signals
    of its own in the case; None otherwise."""
    if not analysis.roll_up or not (analysis.case.signals["actor_id"] == actor_id).any():
        return None
    top = top_level_actor_ids(analysis.case.actors)[actor_id]
    return None if top == actor_id else top


def state_rolled_up(analysis: Analysis, actor_id: str, top: str, found: str) -> str:
    """'with roll-up on, X's signals count as Y's: its dossier `found`', for an actor rolled up into `top`."""
    return (f"with roll-up on, {possessive(refer_to_actor_id(analysis, actor_id))} signals count as "
            f"{possessive(refer_to_actor_id(analysis, top))}: "
            f"{pronoun_for_actor(analysis, actor_name(analysis, top), 'its', 'their')} dossier {found}")


def state_no_own_signal(analysis: Analysis, actor_id: str, purpose: str) -> str:
    """Why a dossier has no signal of this actor to `purpose` ('score', 'show'): it sends none, or
    with roll-up on its signals count as its top-level actor's (`state_rolled_up`)."""
    top = rolled_up_into(analysis, actor_id)
    if top is None:
        return f"there is no signal from {refer_to_actor_id(analysis, actor_id)} to {purpose}"
    return state_rolled_up(analysis, actor_id, top, "has them")


def verb_for_actor(analysis: Analysis, name: str, singular: str, plural_form: str) -> str:
    """The verb that agrees with an actor of the case: 'sends' / 'send'."""
    return actor_verb(analysis.case.actors, name, singular, plural_form)


def pronoun_for_actor(analysis: Analysis, name: str, singular: str, plural_form: str) -> str:
    """The pronoun for an actor of the case: 'its' for a body, 'their' for a person or a plural name."""
    return actor_pronoun(analysis.case.actors, name, singular, plural_form)


@per_analysis
def actor_names(analysis: Analysis) -> dict[str, str]:
    """Every actor's display name by actor_id."""
    actors = analysis.case.actors
    return dict(zip(actors["actor_id"].astype("str"), actors["name"].astype("str")))


# --- 1. Bottom line up front -------------------------------------------------------------


def state_bottom_line(analysis: Analysis) -> str:
    """What the evidence says about the hypotheses, in the model's probabilities, or the firmest
    signal without ACH, or that nothing was known yet."""
    scores = analysis.hypothesis_scores
    if len(scores) == 1 and scores["n_rated"].sum() > 0:
        return state_only_hypothesis(scores.iloc[0])
    if not scores.empty and scores["n_rated"].sum() > 0:
        in_play = scores[scores["is_in_contention"]].sort_values(["probability", "label"], ascending=[False, True])
        others = scores[~scores["is_in_contention"]]
        rest = state_other_shares(others).replace(", ", "; ", 1)
        shares = ", ".join(f"“{row.label}” {format_probability(row.probability)}" for row in in_play.itertuples())
        if len(in_play) == 1:
            leader = in_play.iloc[0]
            term = likelihood_term(clamp_probability(leader["probability"]))
            runner_up = scores[~scores["is_leading"]].iloc[0:1]
            others = scores[~scores["is_leading"]].iloc[1:]
            next_one = "".join(f", “{row.label}” {format_probability(row.probability)}" for row in runner_up.itertuples())
            rest = state_other_shares(others).replace(", ", " and ", 1)
            sentence = (f"The evidence contradicts “{leader['label']}” least of the {number(len(scores))} hypotheses: the "
                        f"probability model puts it at {format_probability(leader['probability'])} ({term}){next_one}"
                        f"{rest}.")
        else:
            sentence = (f"The evidence does not separate {name_labels(in_play['label'].tolist())}: the probability "
                        f"model gives {shares}{rest}.")
        own_voice = analysis.key_judgments["confidence_reason"].str.contains("rests on the publication's own").any()
        return sentence + (" Which of them leads rests on the publication's own inferences." if own_voice else "")
    if analysis.signal_scores.empty:
        if analysis.as_of:
            return (f"Nothing in the case was known yet on {format_as_of(analysis)}: no signal had happened and "
                    "been reported by then, so there is nothing to judge.")
        return "The case holds no signal yet, so there is nothing to judge."
    scores = analysis.signal_scores.dropna(subset=["credibility"])
    if scores.empty:
        return ("With no hypotheses rated and no signal these weights can score (no weighted component carries "
                "information on any), there is nothing to judge.")
    top = scores[scores["credibility"].round(TIE_DECIMALS) == round(scores["credibility"].max(), TIE_DECIMALS)]
    named = "; ".join(f"{possessive(refer_to_actor(analysis.case.actors, row.actor_name))} "
                      f"{quote_summary(row.summary)}" for row in top.sort_values(["actor_name", "summary"]).itertuples())
    if len(top) == 1:
        return f"With no hypotheses rated, the firmest ground is {named} (credibility {top['credibility'].iloc[0]:.2f})."
    return (f"With no hypotheses rated, {count(len(top), 'signal')} tie as the firmest ground (credibility "
            f"{top['credibility'].iloc[0]:.2f}): {named}.")


def format_probability(p: float) -> str:
    """A probability as printed: clamped to ICD 203's 1-99%, '45%'."""
    return format_percent(clamp_probability(p))


def key_judgments_html(analysis: Analysis) -> str:
    """The key judgments as a table: judgment | likelihood | confidence | why this confidence."""
    rows = []
    for judgment in analysis.key_judgments.itertuples():
        term = judgment.likelihood_term
        likelihood = (f"{term} ({format_probability(judgment.probability)}{judgment.probability_scope})"
                      if isinstance(term, str) and term in LIKELIHOOD_BANDS else "— (no probability)")
        rows.append([judgment.judgment, likelihood, judgment.confidence, judgment.confidence_reason])
    if not rows:
        return "<p>The case supports no key judgment yet: it has no rated evidence, contradiction or conflict.</p>"
    return build_table(["Judgment", "Likelihood", "Confidence", "Why this confidence"], rows)


def summarise_case_html(analysis: Analysis) -> str:
    """The case in one paragraph: source, publication, date, counts, date range and cut-off."""
    case = analysis.case
    metadata = read_case_metadata(analysis)
    publication = metadata.get("publication")
    published = (f"published {case.published_date.strftime('%d %B %Y').lstrip('0')}" if case.published_date
                 else "publication date not given")
    dates = pd.concat([case.signals["signal_date"], case.events["event_date"]])
    span = f", {date_range(dates.min(), dates.max())}" if len(dates) else ""
    # Read as of a date, the counts are of what was known then, and the sentence says so.
    opening = f"As known on {format_as_of(analysis)}, it holds" if analysis.as_of else "It is coded into"
    cut_off = " Later signals and events are left out." if analysis.as_of else ""
    source = f"{html.escape(publication)}, {published}" if publication else published
    senders = (f" from {share_of(case.signals['actor_id'].nunique(), len(case.actors), 'actor', 'its')}, cited from "
               f"{count(case.signals['outlet_id'].nunique(), 'outlet')}" if len(case.signals) else "")
    if case.signals.empty and case.events.empty:
        return (f"<p>The source is one article, {source}: <em>{html.escape(case.title)}</em>. "
                f"{opening} no signal and no dated event{' yet' if analysis.as_of else ''}; it poses "
                f"{count(len(case.topics), 'question')}."
                f"{html.escape(cut_off)}</p>")
    return (f"<p>The source is one article, {source}: <em>{html.escape(case.title)}</em>. "
            f"{opening} {count(len(case.signals), 'signal')}{html.escape(senders)}, on "
            f"{count(len(case.topics), 'question')}, with {count(len(case.events), 'dated event')}"
            f"{span}.{html.escape(cut_off)}</p>")


# --- 2. Actors and their stances ---------------------------------------------------------


def count_sides(analysis: Analysis, topic_id: str) -> tuple[int, int]:
    """How many actors lean for (latest position > 0) and against (< 0) a topic."""
    cells = analysis.stances[analysis.stances["topic_id"] == topic_id]
    return int((cells["position"] > 0).sum()), int((cells["position"] < 0).sum())


def state_sides(n_for: int, n_against: int) -> str:
    """How many actors lean each way on a question: 'one actor leans for it and four against it',
    'two actors lean against it and none for it', 'no actor leans either way'."""
    if n_for == n_against == 0:
        return "no actor leans either way"
    if n_for == 0:
        return f"{count(n_against, 'actor')} {agree(n_against, 'leans', 'lean')} against it and none for it"
    against = f"{number(n_against)} against it" if n_against else "none against it"
    return f"{count(n_for, 'actor')} {agree(n_for, 'leans', 'lean')} for it and {against}"


def state_stance_finding(analysis: Analysis) -> str:
    """The topic that splits the actors most: most actors on the smaller side, then most signals."""
    stances = analysis.stances
    if stances.empty:
        return "No actor takes a stance yet."
    sides = stances.assign(is_for=stances["position"] > 0, is_against=stances["position"] < 0)
    by_topic = sides.groupby(["topic_id", "topic_label"], sort=True).agg(
        n_for=("is_for", "sum"), n_against=("is_against", "sum"), n_signals=("n_signals", "sum")).reset_index()
    by_topic["minority"] = by_topic[["n_for", "n_against"]].min(axis=1)
    if by_topic["minority"].max() == 0:
        busiest = by_topic[by_topic["n_signals"] == by_topic["n_signals"].max()]
        if len(busiest) == 1:
            row = busiest.iloc[0]
            which = "the only one discussed" if len(by_topic) == 1 else "the most discussed"
            return (f"No question divides the actors: on “{row['topic_label']}”, {which}, "
                    f"{state_sides(row['n_for'], row['n_against'])}.")
        return (f"No question divides the actors. {capitalise(number(len(busiest)))} questions are the most "
                f"discussed, with {count(busiest['n_signals'].iloc[0], 'signal')} each: "
                f"{describe_sides_by_topic(busiest)}.")
    divided = by_topic[by_topic["minority"] == by_topic["minority"].max()]
    top = divided[divided["n_signals"] == divided["n_signals"].max()]
    if len(top) == 1:
        row = top.iloc[0]
        return (f"“{row['topic_label']}” divides the actors most: {state_sides(row['n_for'], row['n_against'])}, "
                f"across {count(row['n_signals'], 'signal')}.")
    return (f"{capitalise(number(len(top)))} questions divide the actors equally, with "
            f"{count(top['n_signals'].iloc[0], 'signal')} each: {describe_sides_by_topic(top)}.")


def describe_sides_by_topic(topics: pd.DataFrame) -> str:
    """'on “A”, two actors lean for it and one against it; on “B”, …' in topic_id order, the first
    `MAX_TIED_TOPICS_NAMED` of them and a count of the rest."""
    shown = "; ".join(f"on “{row.topic_label}”, {state_sides(row.n_for, row.n_against)}"
                      for row in topics.head(MAX_TIED_TOPICS_NAMED).itertuples())
    rest = len(topics) - MAX_TIED_TOPICS_NAMED
    return shown + (f"; and {count(rest, 'more question')} like them" if rest > 0 else "")


def state_stance_over_time_finding(analysis: Analysis, topic_id: str) -> str:
    """Where the sides stand on the focus topic, and what its latest signal says."""
    if not topic_id:  # `pick_focus_topic` of a case with no topic
        return "The case poses no question yet, so there is none to follow."
    over_time = analysis.stances_over_time[analysis.stances_over_time["topic_id"] == topic_id]
    label = topic_label(analysis, topic_id)
    if over_time.empty:
        return f"No signal bears on “{label}” yet."
    n_for, n_against = count_sides(analysis, topic_id)
    finding = f"On “{label}”, {state_sides(n_for, n_against)}; {state_latest_signals(analysis, over_time)}."
    return f"{finding} {state_focus_tie(analysis, topic_id)}".rstrip()


def state_focus_tie(analysis: Analysis, topic_id: str) -> str:
    """When `topic_id` ties with others for the most signals, a sentence naming them all (in
    topics.csv order) and the parameter that chooses among them; otherwise ''."""
    busiest = busiest_topics(analysis)
    if len(busiest) < 2 or topic_id not in busiest:
        return ""
    n_signals = int((analysis.case.signals["topic_id"].astype("str") == topic_id).sum())
    labels = join_words([f"“{topic_label(analysis, tied)}”" for tied in busiest])
    return (f"{labels} tie for the most signals ({number(n_signals)} each): the focus_topic parameter sets "
            "which one this chart follows.")


def state_latest_signals(analysis: Analysis, over_time: pd.DataFrame) -> str:
    """What the latest signal on a topic says; when several share the latest date, all of them,
    one clause per actor and stance ('of the four latest signals, all by 22 Mar 2000, two from …
    reject it outright and two from … lean against it'), none picked by id."""
    precisions = analysis.case.signals.set_index("signal_id")["signal_date_precision"].astype("str")
    latest = over_time[over_time["signal_date"] == over_time["signal_date"].max()].copy()
    latest["date_text"] = [date_phrase(row.signal_date, precisions[row.signal_id]) for row in latest.itertuples()]
    actors = analysis.case.actors
    if len(latest) == 1:
        row = latest.iloc[0]
        return (f"the latest signal, from {refer_to_actor(actors, row['actor_name'])} {row['date_text']}, "
                f"{STANCE_WORDS[int(row['stance'])]}")
    every = "both" if len(latest) == 2 else "all"
    same_date = latest["date_text"].nunique() == 1
    one_actor = latest["actor_name"].nunique() == 1
    groups = latest.groupby(["stance", "actor_name", "date_text"], sort=True).size().reset_index(name="n")
    clauses = []
    for row in groups.itertuples():
        source = "" if one_actor else f" from {refer_to_actor(actors, row.actor_name)}"
        when = "" if same_date else f" {row.date_text}"
        words = STANCE_WORDS[int(row.stance)] if row.n == 1 else STANCE_WORDS_PLURAL[int(row.stance)]
        clauses.append(f"{number(row.n)}{source}{when} {words}")
    shared = [f"{every} {latest['date_text'].iloc[0]}"] if same_date else []
    shared += [f"{every} from {refer_to_actor(actors, latest['actor_name'].iloc[0])}"] if one_actor else []
    opening = f"of the {number(len(latest))} latest signals"
    opening += f", {join_words(shared)}" + (":" if one_actor else ",") if shared else ","
    return f"{opening} {join_words(clauses)}"


# --- 3. Signal credibility ---------------------------------------------------------------


def state_credibility_finding(analysis: Analysis) -> str:
    """Who sends most of the top-k signals, and how often the top-k set survives reweighting."""
    scores = analysis.signal_scores
    if scores.empty:
        return "There is no signal to score."
    scored = scores.dropna(subset=["credibility"])
    if scored.empty:
        return "These weights can score no signal: no weighted component carries information on any."
    n_unscored = len(scores) - len(scored)
    left_out = (f" ({count(n_unscored, 'signal')} these weights cannot score {agree(n_unscored, 'is', 'are')} left "
                "out)" if n_unscored else "")
    k = min(analysis.top_k, len(scored))
    # The top k with ties: every signal whose shared rank is at most k (none chosen by id).
    top = scored[scored["rank"] <= k]
    counts = top.groupby("actor_name", sort=True).size()
    actors = analysis.case.actors
    leaders = counts[counts == counts.max()].index.tolist()
    holds = format_share(analysis.sensitivity.p_top_k_set_stable)
    n_top = len(top)
    if n_top == 1:
        name = leaders[0]
        return (f"{refer_to_actor(actors, name, start=True)} {actor_verb(actors, name, 'sends', 'send')} the most "
                f"credible signal; it stays first in {holds} of the weightings drawn{left_out}.")
    most = (f"the {number(k)} most credible signals" if n_top == k
            else f"the {number(n_top)} most credible signals (ties at the last place included)")
    if counts.max() == 1:
        who = f"{capitalise(number(n_top))} different actors send {most}"
    elif len(leaders) > 1:
        names = join_words([refer_to_actor(actors, name) for name in leaders])
        who = f"{capitalise(names)} each send {number(counts.max())} of {most}"
    elif counts.max() == n_top:
        who = f"{refer_to_actor(actors, leaders[0], start=True)} {actor_verb(actors, leaders[0], 'sends', 'send')} {most}"
    else:
        who = (f"{refer_to_actor(actors, leaders[0], start=True)} {actor_verb(actors, leaders[0], 'sends', 'send')} "
               f"{number(counts.max())} of {most}")
    return f"{who}; that top {number(k)} stays the same in {holds} of the weightings drawn{left_out}."


def state_sensitivity_finding(analysis: Analysis) -> str:
    """How robust the top-k set is, and the adjacent pair that swaps most often."""
    sensitivity = analysis.sensitivity
    holds = format_share(sensitivity.p_top_k_set_stable)
    pairs = sensitivity.adjacent_pairs
    if analysis.signal_scores.empty:
        return "There is no signal to rank."
    # Signals the weights cannot score rank last, tied, in every draw: the top set is of the scored ones.
    n_scored = int(analysis.signal_scores["credibility"].notna().sum())
    if n_scored == 0:
        return "These weights can score no signal, so there is nothing to rank."
    held = capitalise(state_top_set_holds(sensitivity.top_k, n_scored))
    if pairs.empty:
        return f"{held} in {holds} of the weightings drawn."
    # Pairs tied at the highest share are counted; the one named is the highest ranked of them.
    pair = pairs.sort_values(["p_swap", "rank_default"], ascending=[False, True]).iloc[0]
    if pair["p_swap"] == 0:
        return f"{held} in {holds} of the weightings drawn; no two neighbouring signals swap places in any."
    n_tied = int((pairs["p_swap"] == pair["p_swap"]).sum()) - 1
    also = f", as {agree(n_tied, 'does', 'do')} {count(n_tied, 'other pair')}," if n_tied else ""
    names = analysis.signal_scores.set_index("signal_id")["actor_name"]
    upper, lower = (possessive(refer_to_actor(analysis.case.actors, names[pair[column]]))
                    for column in ("upper_signal_id", "lower_signal_id"))
    owners = f"both {upper}" if upper == lower else f"{upper} and {lower}"
    places = (f"tied at rank {pair['rank_default']}" if pair["rank_default"] == pair["lower_rank_default"]
              else f"ranked {pair['rank_default']} and {pair['lower_rank_default']}")
    return (f"{held} in {holds} of the weightings drawn; signals {places} ({owners}) swap most easily{also} "
            f"in {format_share(pair['p_swap'])} of them.")


# --- 4. Competing hypotheses -------------------------------------------------------------


def state_ach_finding(analysis: Analysis) -> str:
    """The least contradicted hypothesis (or the tied ones) and the margin over the next."""
    scores = analysis.hypothesis_scores
    if scores.empty or scores["n_rated"].sum() == 0:
        return "No evidence is rated against the hypotheses yet."
    leaders = scores[scores["is_leading"]]
    leader = leaders.iloc[0]
    if len(scores) == 1:
        return f"“{leader['label']}” is the only hypothesis (weighted inconsistency {leader['weighted_inconsistency']:.2f})."
    if len(leaders) > 1:
        return (f"{name_labels(leaders['label'].tolist())} tie as the least contradicted hypotheses: weighted "
                f"inconsistency {leader['weighted_inconsistency']:.2f} each.")
    runner_up = scores[~scores["is_leading"]].iloc[0]
    return (f"“{leader['label']}” is the least contradicted hypothesis: weighted inconsistency "
            f"{leader['weighted_inconsistency']:.2f} against {runner_up['weighted_inconsistency']:.2f} for "
            f"“{runner_up['label']}”.")


def state_diagnosticity_finding(analysis: Analysis) -> str:
    """How many rated signals separate the hypotheses still in contention."""
    diagnosticity = analysis.diagnosticity
    if diagnosticity.empty:
        return "No evidence is rated against the hypotheses yet."
    if has_no_alternative(analysis.hypothesis_scores):
        n_rated = len(diagnosticity)
        return (f"{capitalise(count(n_rated, 'rated signal'))} {agree(n_rated, 'bears', 'bear')} on "
                f"“{analysis.hypothesis_scores['label'].iloc[0]}”, the only hypothesis stated: none can be diagnostic, "
                "since diagnosticity compares hypotheses.")
    in_play = contenders(analysis.hypothesis_scores)
    names = name_labels(in_play["label"].tolist())
    which = "the hypotheses in contention" if len(in_play) > 1 else "the only hypothesis"
    separating = diagnosticity[diagnosticity["diagnosticity"] > 0]
    n_separating, n_rated = len(separating), len(diagnosticity)
    counts_differently = count_of(n_separating, n_rated, "rated signal", "counts differently against",
                                  "count differently against", "does not count differently against")
    if separating.empty:
        return (f"{capitalise(counts_differently)} {names}, {which}: only new evidence can separate them.")
    top = separating["diagnosticity"].max()
    n_top = int((separating["diagnosticity"] == top).sum())
    by_most = (f"diagnosticity {top:.2f}" if n_separating == 1 else
               f"{'all' if n_top == n_separating else number(n_top)} by the most, diagnosticity {top:.2f}")
    heads = "it heads the matrix" if n_separating == 1 else "they head the matrix"
    return f"{capitalise(counts_differently)} {names}, {which} ({by_most}); {heads}."


def state_support_finding(analysis: Analysis) -> str:
    """How robust the ranking is: how often each hypothesis leads when credibility and evidence are resampled."""
    support = analysis.hypothesis_support.dropna(subset=["support"])
    if support.empty:
        return "With no rated evidence, no hypothesis leads."
    if has_no_alternative(analysis.hypothesis_scores):
        return (f"With one hypothesis stated there is no ranking to test: “{support['label'].iloc[0]}” leads in every "
                "draw by default.")
    parts = [f"“{row.label}” {format_share(row.support)}" for row in support.itertuples()]
    return ("How robust the ranking is (not how likely each hypothesis is): share of resampled draws in which "
            "each leads, ties shared: " + ", ".join(parts) + ".")


def state_critical_evidence_finding(analysis: Analysis) -> str:
    """Which evidence changes who leads if removed; if none, which shrinks the margin most (and
    how many more shrink it as much); with hypotheses tied for the lead, that no one piece
    breaks the tie."""
    table = analysis.leave_one_out
    if table.empty:
        return "No evidence is rated against the hypotheses yet."
    if has_no_alternative(analysis.hypothesis_scores):
        return "With one hypothesis stated, no piece of evidence can change who leads or narrow a margin."
    critical = table[table["is_critical"]]
    changers = table[table["changes_leader"]]
    if not changers.empty:
        names = "; ".join(f"{possessive(refer_to_actor(analysis.case.actors, row.actor_name))} "
                          f"{quote_summary(row.summary)}"
                          + (" (the publication's own inference)" if row.is_own_voice else "")
                          for row in changers.itertuples())
        n_changers = len(changers)
        return (f"{capitalise(count(n_changers, 'piece of evidence', 'pieces of evidence'))} "
                f"{agree(n_changers, 'changes', 'change')} who leads if dropped: {names}.")
    leaders = analysis.hypothesis_scores[analysis.hypothesis_scores["is_leading"]]
    if len(leaders) > 1:
        return (f"{name_labels(leaders['label'].tolist())} tie for the lead, and dropping any single piece of "
                "evidence leaves them tied.")
    if critical.empty:
        return "No single piece of evidence changes who leads, and none narrows the leader's margin."
    row = critical.iloc[0]
    n_as_much = int((critical["margin_without"].round(2) == round(row["margin_without"], 2)).sum()) - 1
    as_much = f" (as would {count(n_as_much, 'other piece')})" if n_as_much else ""
    return (f"No single piece of evidence changes who leads; dropping "
            f"{possessive(refer_to_actor(analysis.case.actors, row['actor_name']))} "
            f"{quote_summary(row['summary'])} narrows the leader's margin most{as_much}, from {row['margin']:.2f} to "
            f"{row['margin_without']:.2f}.")


# --- 5. Who agrees with whom -------------------------------------------------------------


def state_network_finding(analysis: Analysis) -> str:
    """The pair most at odds and the pair most in agreement."""
    network = analysis.network
    if network.empty:
        return f"No two actors take a side on the same question in the {NETWORK_WINDOW_DAYS} days up to the brief's date."
    parts = []
    actors = analysis.case.actors
    net = network["net"].round(2)
    for extreme, verb, tied_verb in [(net[net < 0].min(), "are most at odds", "are equally most at odds"),
                                     (net[net > 0].max(), "agree most", "agree equally most")]:
        if pd.isna(extreme):
            continue
        # Every pair at the extreme (at the printed precision) is named, in the order of their names.
        tied = pairs_in_name_order(network[net == extreme]).sort_values(["actor_a_name", "actor_b_name"], key=by_name)
        pairs = [(refer_to_actor(actors, row.actor_a_name), refer_to_actor(actors, row.actor_b_name))
                 for row in tied.itertuples()]
        if len(pairs) == 1:
            parts.append(f"{pairs[0][0]} and {pairs[0][1]} {verb} (net {extreme:+.2f})")
        else:
            pairs = [f"{first} with {second}" for first, second in pairs]
            shown = pairs[:MAX_TIED_PAIRS_NAMED]
            rest = len(pairs) - len(shown)
            named = join_words(shown + ([count(rest, "more pair")] if rest else []))
            parts.append(f"{count(len(pairs), 'pair')} {tied_verb} (net {extreme:+.2f}): {named}")
    if not parts:
        return "Every pair of actors that shares a question is as much in agreement as in conflict."
    return capitalise("; ".join(parts)) + "."


def strongest_pairs_html(analysis: Analysis, n: int = 5) -> str:
    """The n pairs most in conflict and the n most in agreement, as a table. Pairs tied (at the
    printed precision) with the last one shown on a side are not cut silently: a line under the
    table says how many more share that net."""
    network = analysis.network
    if network.empty:
        return ""  # the finding above says so
    # Pairs of one net are listed in the order of their names, as the finding names them.
    network = pairs_in_name_order(network)
    sides = [("conflict", network[network["net"] < 0].sort_values(["net", "actor_a_name", "actor_b_name"],
                                                                  key=by_name)),
             ("agreement", network[network["net"] > 0].sort_values(["net", "actor_a_name", "actor_b_name"],
                                                                   ascending=[False, True, True], key=by_name))]
    shown, notes = [], []
    for side, pairs in sides:
        shown.append(pairs.head(n))
        n_tied = count_tied_past_cut(pairs["net"].round(2), n)  # at the printed precision
        if n_tied:
            notes.append(f"{capitalise(count(n_tied, 'more pair'))} {agree(n_tied, 'ties', 'tie')} at net "
                         f"{pairs['net'].iloc[n - 1]:+.2f} with the last pair shown in {side}.")
    rows = [[row.actor_a_name, row.actor_b_name, "conflict" if row.net < 0 else "agreement",
             f"{row.congruence:.2f}", f"{row.conflict:.2f}", f"{row.net:+.2f}",
             "; ".join(analysis.case.topic_labels(row.topics.split(";")))] for row in pd.concat(shown).itertuples()]
    table = build_table(["Actor", "Other actor", "Mostly", "Congruence", "Conflict", "Net", "Shared questions"], rows)
    return table + "".join(f"<p>{html.escape(note)}</p>" for note in notes)


# --- 6. Timeline -------------------------------------------------------------------------


def state_timeline_finding(analysis: Analysis) -> str:
    """The span of the case and how many commitments are contradicted."""
    case = analysis.case
    dates = pd.concat([case.signals["signal_date"], case.events["event_date"]])
    if dates.empty:
        if analysis.as_of:
            return f"No signal or event was known yet on {format_as_of(analysis)}."
        return "The case has no dated signal or event."
    contested = analysis.say_do.contested
    n_contested = contested["signal_id"].nunique()
    n_contradicting = contested["contradicting_signal_id"].nunique()
    contested_note = (f"{count(n_contested, 'statement or commitment', 'statements or commitments')} "
                      f"{agree(n_contested, 'is', 'are')} contradicted by {count(n_contradicting, 'other signal')}; "
                      "both sides are ringed" if n_contested else "no statement or commitment is contradicted")
    items = [count(n, noun) for n, noun in ((len(case.events), "event"), (len(case.signals), "signal")) if n]
    is_one = len(case.events) + len(case.signals) == 1
    return (f"{capitalise(join_words(items))} {'is' if is_one else 'are'} dated "
            f"{date_range(dates.min(), dates.max())}; {contested_note}.")


# --- 7. What to watch --------------------------------------------------------------------


@per_analysis
def list_indicators(analysis: Analysis) -> tuple[str, ...]:
    """What would change the judgment: runner-up evidence, critical evidence, open commitments, boundary
    signals (built once per analysis: the finding counts them and the list shows them)."""
    indicators = []
    scores = analysis.hypothesis_scores
    if len(scores) >= 2 and scores["n_rated"].sum() > 0:
        indicators.append(watch_runner_up(analysis, scores))
    critical = analysis.leave_one_out[analysis.leave_one_out["is_critical"]]
    for row in critical.itertuples():
        effect = (f"without it {row.leader_without_label} would lead" if row.changes_leader
                  else f"without it the leader's margin falls from {row.margin:.2f} to {row.margin_without:.2f}")
        indicators.append(f"Whether {possessive(refer_to_actor(analysis.case.actors, row.actor_name))} "
                          f"{quote_summary(row.summary)} holds up: {effect}.")
    indicators += watch_contested(analysis)
    indicators += watch_boundary(analysis)
    return tuple(indicators)


def keep_ties_at_cut(ordered: pd.DataFrame, key: list[str], n_shown: int) -> tuple[pd.DataFrame, int]:
    """The first `n_shown` rows of `ordered` and every later row equal to the last of them on `key` (a
    tie is kept whole, never cut by row order), unless that would show more than twice `n_shown`: then
    the first `n_shown` only. Returns the rows kept and how many rows tied with the last one kept are left out."""
    if len(ordered) <= n_shown:
        return ordered, 0
    last = ordered.iloc[n_shown - 1][key]
    tied = (ordered[key] == last).all(axis=1).to_numpy()
    n_tied_after = int(tied[n_shown:].sum())
    if n_shown + n_tied_after <= 2 * n_shown:
        return ordered.iloc[:n_shown + n_tied_after], 0
    return ordered.iloc[:n_shown], n_tied_after


def watch_contested(analysis: Analysis) -> list[str]:
    """Statements and commitments that other signals contradict or deny, the most contradicted first (then
    the latest, then by their words), MAX_CONTESTED_INDICATORS of them and any as contradicted as the last."""
    contested = analysis.say_do.contested
    if contested.empty:
        return []
    actors = analysis.case.actors
    statements = (contested.groupby("signal_id", sort=False)
                  .agg(actor_name=("actor_name", "first"), quote=("quote", "first"), signal_date=("signal_date", "first"),
                       n_against=("contradicting_signal_id", "size"),
                       against=("contradicting_actor_name", lambda names: tuple(sorted(set(names)))))
                  .sort_values(["n_against", "signal_date", "quote", "actor_name"], ascending=[False, False, True, True]))
    shown, n_left_out = keep_ties_at_cut(statements, ["n_against"], MAX_CONTESTED_INDICATORS)
    lines = [f"Whether {refer_to_actor(actors, row.actor_name)} {actor_verb(actors, row.actor_name, 'acts', 'act')} "
             f"on {quote_summary(row.quote)}: {count(row.n_against, 'signal')} "
             f"{agree(row.n_against, 'stands', 'stand')} against it, from "
             f"{join_words([refer_to_actor(actors, name) for name in row.against])}." for row in shown.itertuples()]
    if n_left_out:
        lines[-1] += (f" {capitalise(count(n_left_out, 'more statement or commitment', 'more statements or commitments'))}"
                      f" {agree(n_left_out, 'has', 'have')} as many against {'it' if n_left_out == 1 else 'them'}; "
                      "the actors' dossiers list them.")
    return lines


def watch_runner_up(analysis: Analysis, scores: pd.DataFrame) -> str:
    """The kind of evidence that would change who leads: consistent with the runner-up (or with
    any of the runners-up tied at second place) and inconsistent with the leader; when several
    hypotheses tie for the lead, evidence inconsistent with one of them and not with another."""
    ratings = analysis.case.ach.assign(rating=analysis.case.ach["rating"].astype("str"))
    wide = ratings.pivot(index="signal_id", columns="hypothesis_id", values="rating")
    leaders = scores[scores["is_leading"]]
    others = scores[~scores["is_leading"]]
    if len(leaders) > 1:
        head = (f"Evidence inconsistent with one of {name_labels(leaders['label'].tolist())} and not with "
                f"{'the other' if len(leaders) == 2 else 'another'}, which are tied on weighted inconsistency")
        favoured, disfavoured = leaders, leaders
    else:
        leader = leaders.iloc[0]
        runners = others[others["weighted_inconsistency"] == others["weighted_inconsistency"].min()]
        gap = runners["weighted_inconsistency"].iloc[0] - leader["weighted_inconsistency"]
        who = (f"the runner-up “{runners['label'].iloc[0]}”" if len(runners) == 1 else
               f"any of the runners-up {name_labels(runners['label'].tolist())}")
        head = (f"Evidence consistent with {who} but inconsistent with “{leader['label']}” "
                f"(the gap is {gap:.2f} of weighted inconsistency)")
        favoured, disfavoured = runners, leaders
    favoured_ids = [hypothesis for hypothesis in favoured["hypothesis_id"] if hypothesis in wide]
    disfavoured_ids = [hypothesis for hypothesis in disfavoured["hypothesis_id"] if hypothesis in wide]
    if not favoured_ids or not disfavoured_ids:
        return head + "."
    inconsistent = wide[disfavoured_ids].isin(["I", "II"])
    if len(leaders) > 1:
        # A row splits tied leaders when it is inconsistent with some of them and not with all.
        splits = wide[inconsistent.any(axis=1) & ~inconsistent.all(axis=1)]
    else:
        # Otherwise when it is consistent with a runner-up and inconsistent with the leader.
        splits = wide[wide[favoured_ids].isin(["C", "CC"]).any(axis=1) & inconsistent.any(axis=1)]
    if splits.empty:
        return head + ": no coded signal is of that kind yet."
    examples = analysis.signal_scores[analysis.signal_scores["signal_id"].isin(splits.index)].head(2)
    like = "; ".join(f"{possessive(refer_to_actor(analysis.case.actors, row.actor_name))} {quote_summary(row.summary)}"
                     for row in examples.itertuples())
    return f"{head}, more like {like}."


def watch_boundary(analysis: Analysis) -> list[str]:
    """Signals near the top-k boundary whose place is least robust: in the top k in a share of the
    weightings drawn inside `BOUNDARY_BAND`, nearest one half first."""
    table = analysis.sensitivity.signals
    k = analysis.sensitivity.top_k
    near = table[(table["rank_default"] >= k - 1) & (table["rank_default"] <= k + 2)
                 & table["p_top_k"].between(*BOUNDARY_BAND)]
    near = near.assign(distance=(near["p_top_k"] - 0.5).abs()).sort_values(["distance", "rank_default", "summary",
                                                                             "actor_name"])
    # Signals as near the boundary and ranked alike are kept together (`keep_ties_at_cut`); a cut through
    # more of them than that keeps the first by their words.
    shown, _ = keep_ties_at_cut(near, ["distance", "rank_default"], MAX_BOUNDARY_INDICATORS)
    return [f"{capitalise(possessive(refer_to_actor(analysis.case.actors, row.actor_name)))} "
            f"{quote_summary(row.summary)} (ranked {row.rank_default}): {'first' if k == 1 else f'in the top {k}'} "
            f"in {format_share(row.p_top_k)} of the weightings drawn, so its place turns on the weights."
            for row in shown.itertuples()]


def indicators_html(analysis: Analysis) -> str:
    """The indicators as a bulleted list."""
    indicators = list_indicators(analysis)
    if not indicators:
        return "<p>Nothing in the case is close enough to a tipping point to watch.</p>"
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in indicators) + "</ul>"


def state_watch_finding(analysis: Analysis) -> str:
    """How many indicators could move the judgment."""
    if analysis.signal_scores.empty:
        return "There is no judgment yet for a development to change."
    n_indicators = len(list_indicators(analysis))
    if n_indicators == 0:
        return "No development in sight would change the judgment."
    listed = "it is listed below" if n_indicators == 1 else "they are listed below"
    return f"{capitalise(count(n_indicators, 'development'))} would change the judgment; {listed}."


# --- 8. Appendix -------------------------------------------------------------------------


def build_table(header: list[str], rows: list[list[object]], extra_class: str = "") -> str:
    """An HTML table of escaped text, left-aligned, with no ids that change between runs."""
    head = "".join(f"<th>{html.escape(str(cell))}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    classes = " ".join(filter(None, ["signalbrief-table", extra_class]))
    return (f"<style>{TABLE_STYLE}</style>"
            f'<table class="{classes}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def appendix_signals_html(analysis: Analysis, limit: int = APPENDIX_LIMIT) -> str:
    """Every signal (the `limit` most credible if there are more), with its quote and scores."""
    intervals = analysis.sensitivity.signals[["signal_id", "rank_p05", "rank_p95"]]
    signals = describe_signals(analysis).merge(intervals, on="signal_id", how="left", validate="one_to_one")
    rows = []
    for row in signals.head(limit).itertuples():
        rows.append([format_rank(row.rank, row.credibility), row.quote, row.actor_name, row.topic_label,
                     format_stance(row.stance), row.kind, row.outlet_name, row.admiralty_grade, row.date_text, str(row.reporting).replace("_", " "),
                     format_score(row.credibility),
                     "—" if pd.isna(row.credibility) else f"{row.rank_p05:g}–{row.rank_p95:g}",
                     " · ".join(format_score(getattr(row, name)) for name in COMPONENTS)])
    # The five components share one column so the table fits a page beside the quote.
    header = ["Rank", "Quote", "Actor", "Topic", "Stance", "Kind", "Outlet",
              "Admiralty grade (source A–F, information 1–6)", "Date", "Reporting", "Composite credibility",
              "Rank range (5–95%)", "Components (" + " · ".join(COMPONENTS) + "; — missing)"]
    table = build_table(header, rows, extra_class="signalbrief-appendix")
    more = len(signals) - limit
    note = (f"<p>… and {count(more, 'more signal')}, in signals.csv of the case folder.</p>" if more > 0 else "")
    return table + note


def sources_html(analysis: Analysis) -> str:
    """Every outlet that carries a signal or an event of the case (as known on the brief's date: an outlet
    cited later carries nothing yet), with its Admiralty reliability grade, the coder's reason for it, and
    how many signals and events it carries: most signals first, then most events, then by name."""
    case = analysis.case
    outlets = case.outlets.assign(
        n_signals=case.outlets["outlet_id"].map(case.signals["outlet_id"].value_counts()).fillna(0).astype(int),
        n_events=case.outlets["outlet_id"].map(case.events["outlet_id"].value_counts()).fillna(0).astype(int),
    ).sort_values(["n_signals", "n_events", "name"], ascending=[False, False, True], key=by_name)
    outlets = outlets[(outlets["n_signals"] + outlets["n_events"]) > 0]
    if outlets.empty:
        return "<p>No outlet carries a signal or an event yet.</p>"
    rows = [[row.name, str(row.kind).replace("_", " "),
             f"{row.reliability} ({RELIABILITY_MEANINGS[str(row.reliability)]})", row.n_signals, row.n_events,
             row.rationale] for row in outlets.itertuples()]
    return build_table(["Outlet", "Kind", "Reliability (Admiralty A–F)", "Signals", "Events", "Why this grade"], rows)


def format_score(value: float) -> str:
    """A score in [0, 1] to two decimals, '—' where it is missing."""
    return "—" if pd.isna(value) else f"{value:.2f}"


def format_rank(rank: int, credibility: float) -> str:
    """A signal's rank in the case, '—' for a signal the weights cannot score (ranked after every other)."""
    return "—" if pd.isna(credibility) else str(rank)


def method_html(analysis: Analysis) -> str:
    """The method and its parameters: weights used, lookup tables, sensitivity, ACH, ICD 203 bands."""
    weights = build_table(["Component", "Weight used"], [[name, f"{analysis.weights[name]:.2f}"] for name in COMPONENTS])
    lookups = build_table(["Lookup", "Code", "Score"], [
        *[["Admiralty reliability", code, f"{score:.2f}"] for code, score in RELIABILITY_SCORES.items()],
        ["Admiralty reliability", "F", "missing (reliability cannot be judged)"],
        *[["Reporting directness", code.replace("_", " "), f"{score:.2f}"] for code, score in REPORTING_DIRECTNESS.items()],
        *[["Cost to the sender", code.replace("_", " "), f"{score:.2f}"] for code, score in COST_SCORES.items()],
        ["Cost to the sender", "any other kind of signal", "missing (not applicable)"],
        *[["Specificity (hedging)", code, f"{score:.2f}"] for code, score in SPECIFICITY_SCORES.items()],
    ])
    grades = build_table(["Information credibility", "Meaning", "Rule (independent reports only)"], [
        [grade, meaning, rule] for (grade, meaning), rule in zip(INFORMATION_CREDIBILITY.items(), [
            "corroborated, contradicted by none", "more reports for than against", "as many for as against",
            "more against than for, some for", "contradicted or denied, corroborated by none",
            "no independent report bears on it"])])
    ach = build_table(["Rating", "Counts against a hypothesis", "Counts for a hypothesis"],
                      [[rating, INCONSISTENCY_WEIGHTS[rating], CONSISTENCY_WEIGHTS[rating]] for rating in INCONSISTENCY_WEIGHTS])
    bands = build_table(["ICD 203 likelihood term", "Probability"], list(map(list, zip(LIKELIHOOD_BANDS, LIKELIHOOD_RANGES))))
    deeds = " and ".join(DEED_KINDS)
    costly = ", ".join(f"{kind}s" for kind in COSTLY_KINDS)
    ratio = f"{INCONSISTENCY_LIKELIHOOD_RATIO:g}"
    return (
        "<p><strong>One piece of evidence.</strong> The rows a case codes for one utterance or deed (the same actor, "
        "through the same outlet, on the same occasion: the same event, or, without one, the same words) are one "
        "piece of evidence. A <em>report</em> is what a reader could check independently: every signal of one cited "
        "press item is one report, whoever speaks in it, and the publication's own inferences are one report, its "
        "voice. Corroboration counts independent reports, each once; consistency compares an actor's different "
        "reports; ACH counts each piece of evidence once, through its row that weighs most against a hypothesis.</p>"
        "<p>Each signal's composite credibility is the weighted mean of five components in [0, 1]. "
        "<em>source</em>: the outlet's Admiralty grade × how directly the actor's words are carried; "
        "<em>corroboration</em>: a Beta(1, 1) prior updated by independent reports that corroborate or contradict "
        "it, each weighing its best source score; a contradiction or denial is directed, lowering only the earlier "
        f"claim or commitment it stands against, never the later report; <em>cost</em>: for {costly} only, what "
        "sending it costs the actor (Fearon 1997); <em>consistency</em>: agreement with the actor's other reports on "
        f"the question ({deeds} weigh {DEED_WEIGHT:g}×); <em>specificity</em>: flat commitments score above hedges. "
        "A component with no information (no independent report, no other report by the actor, a cost that cannot "
        "apply, a source whose reliability cannot be judged) is missing, not 0.5: the weights of the components a "
        "signal has are renormalised to sum to 1. A signal none of whose weighted components carries information "
        "(possible only when some weights are 0) has no credibility: it is shown as —, ranked after every other "
        "and left out of the most credible.</p>"
        + weights + lookups
        + "<p>The Admiralty grade keeps its two axes apart, as NATO's STANAG 2511 does: the letter is the source's "
        "reliability (the outlet's grade), the digit the information's credibility, from independent reports only. "
        "The composite credibility blends both with the other components and is neither.</p>"
        + grades
        + f"<p>Sensitivity: {count(analysis.n_samples, 'weighting')} {agree(analysis.n_samples, 'is', 'are')} drawn from a Dirichlet distribution centred on the "
        f"weights used (concentration {DEFAULT_CONCENTRATION:g}, seed {analysis.seed}); every signal is re-ranked "
        f"under each, giving rank intervals and the share of draws that keep "
        f"{'the first place' if analysis.top_k == 1 else f'the top {analysis.top_k}'}. Signals equal "
        "in credibility to 12 decimals share a rank (0.9, 0.8, 0.8, 0.7 rank 1, 2, 2, 4), so no rank depends on "
        f"identifiers; {'every signal tied for first place holds it' if analysis.top_k == 1 else f'the top {analysis.top_k} includes every signal tied at its last place'}"
        ", and a draw that breaks such a tie either way keeps it.</p>"
        "<p>Competing hypotheses (Heuer): each piece of evidence counts against a hypothesis with its credibility × 1 "
        "(I) or × 2 (II); the least contradicted hypothesis leads, and hypotheses equal to 12 decimals tie (every "
        "tied one leads; nothing is decided by identifiers). <strong>The probability model.</strong> Given that "
        "exactly one of the listed, mutually exclusive hypotheses is true, with no prior preference among them, a "
        f"fully credible inconsistent piece of evidence is {ratio} times less likely under the hypothesis it "
        f"contradicts than under one it does not ({ratio}² for very inconsistent); consistent and neutral ratings "
        "leave the odds alone, since consistent evidence is usually consistent with other hypotheses too. "
        "Credibility is the weight of evidence: a piece of credibility c counts with its likelihood raised to the "
        f"power c. The probability of hypothesis h is then {ratio}<sup>−WI(h)</sup> / Σ<sub>k</sub> "
        f"{ratio}<sup>−WI(k)</sup>, where WI is its weighted inconsistency. It is printed within ICD 203's 1–99%. "
        "Hypotheses are in contention while the probability that one rather than the other is true stays within "
        f"the even-chance band ({EVEN_CHANCE_LOWER:.0%}–{1 - EVEN_CHANCE_LOWER:.0%}); a judgment then names them "
        "all. Diagnosticity is measured between the hypotheses in contention, on the inconsistency weights the score "
        "uses. <strong>Robustness</strong>, reported apart from probability: the share of draws, each reweighting "
        "credibility and resampling the pieces of evidence, in which a hypothesis leads (a tied draw is shared).</p>"
        + ach
        + "<p>Stances and agreement in time: an actor's position on a question is the stance of its latest signal "
        "(a date the article gives to the month or year counts from the end of that period; several signals on "
        "the latest day are averaged), with its earlier stances shown as history. Who agrees with whom is measured "
        f"within the {NETWORK_WINDOW_DAYS} days up to the brief's date, on the positions taken in that window, so a "
        "signature of one decade and a statement of the next are neither agreement nor conflict.</p>"
        + "<p>Key judgments use the ICD 203 likelihood terms below for probabilities; confidence is separate. For the "
        "leading hypothesis it comes from what can be measured: the margin against its noise under resampling, the "
        "number of independent reports that separate the hypotheses in contention, whether one piece of evidence or "
        "the publication's own inferences decide the lead, and the single publication the case rests on (which "
        "caps every judgment at moderate). For the other judgments: high "
        f"needs a conclusion stable under ≥ {HIGH_MIN_STABILITY:.0%} of weightings, mean credibility ≥ "
        f"{HIGH_MIN_CREDIBILITY:.2f} and at least {HIGH_MIN_EVIDENCE} signals; moderate needs ≥ "
        f"{MODERATE_MIN_STABILITY:.0%} and ≥ {MODERATE_MIN_CREDIBILITY:.2f}; anything else is low.</p>"
        + bands
    )


def data_dictionary_html() -> str:
    """Every table and column of the case schema with its type, allowed values and description."""
    rows = []
    for resource in load_schema()["resources"]:
        for field in resource["schema"]["fields"]:
            allowed = ", ".join(field.get("constraints", {}).get("enum", []))
            rows.append([f"{resource['name']}.csv", field["name"], field["type"], allowed, field.get("description", "")])
    return build_table(["File", "Column", "Type", "Allowed values", "Meaning"], rows)


# --- Actor dossier -----------------------------------------------------------------------


def describe_actor_html(analysis: Analysis, actor_id: str) -> str:
    """Who the actor is: name, kind, role, country, parent, and where the article names it."""
    actors = analysis.case.actors.set_index("actor_id")
    actor = actors.loc[actor_id]
    parent_id = actor["parent_actor_id"]
    parent = f"; part of {actors.loc[parent_id, 'name']}" if isinstance(parent_id, str) else ""
    children = actors.index[actors["parent_actor_id"] == actor_id]
    speaks = verb_for_actor(analysis, str(actor["name"]), "speaks", "speak")
    members = (f"; {speaks} through "
               f"{join_words([refer_to_actor(analysis.case.actors, name) for name in actors.loc[children, 'name']])}"
               if len(children) else "")
    return (f"<h2>{html.escape(capitalise(str(actor['name'])))}</h2>"
            f"<p>{html.escape(str(actor['role']))} ({html.escape(str(actor['kind']))}, "
            f"{html.escape(str(actor['country']))}){html.escape(parent + members)}.</p>"
            f"<blockquote>{html.escape(str(actor['quote']))}</blockquote>")


@per_analysis
def find_speakers(analysis: Analysis) -> pd.Series:
    """The actor each row of describe_signals speaks for (its top-level actor when rolled up), row by row."""
    speakers = roll_up_signals(analysis.case, analysis.roll_up).set_index("signal_id")["actor_id"]
    return build_signal_descriptions(analysis)["signal_id"].map(speakers)


class RowsByActor:
    """A table split once by actor (`by`: one actor_id per row), for the dossiers: `rows(actor_id)` is a
    shallow copy of that actor's rows in the table's order (with pandas' copy-on-write, changing it
    leaves the shared table as it was), or the table's columns and no rows for an actor with none."""

    def __init__(self, table: pd.DataFrame, by: pd.Series):
        self.groups = {str(actor): rows.reset_index(drop=True) for actor, rows in table.groupby(by, sort=False)}
        self.empty = table.iloc[0:0].reset_index(drop=True)

    def rows(self, actor_id: str) -> pd.DataFrame:
        return self.groups.get(actor_id, self.empty).copy(deep=False)


def actor_signals(analysis: Analysis, actor_id: str) -> pd.DataFrame:
    """The signals the actor speaks for, in rank order (its sub-actors' too when rolled up)."""
    return signals_by_speaker(analysis).rows(actor_id)


@per_analysis
def signals_by_speaker(analysis: Analysis) -> RowsByActor:
    """describe_signals split by the actor each row speaks for (`find_speakers`), each in rank order."""
    return RowsByActor(build_signal_descriptions(analysis), find_speakers(analysis))


def state_actor_finding(analysis: Analysis, actor_id: str) -> str:
    """How many signals the actor sends, how credible against the case, and how often contradicted;
    read as of a date, the sentence opens with it (a dossier is opened on its own, from the brief)."""
    opening = f"As known on {format_as_of(analysis)}, " if analysis.as_of else ""
    return opening + describe_actor_record(analysis, actor_id, start=not opening)


def describe_actor_record(analysis: Analysis, actor_id: str, start: bool) -> str:
    """`state_actor_finding` without its date: the actor (capitalised at the `start` of a sentence) and its record."""
    name = actor_name(analysis, actor_id)
    own = actor_signals(analysis, actor_id)
    subject = refer_to_actor(analysis.case.actors, name, start=start)
    sends = verb_for_actor(analysis, name, "sends", "send")
    its, it = pronoun_for_actor(analysis, name, "its", "their"), pronoun_for_actor(analysis, name, "it", "them")
    top = rolled_up_into(analysis, actor_id)
    if top is not None:  # its signals are its top-level actor's, so it has none of its own
        return (f"{subject} {sends} signals, but with roll-up on they count as "
                f"{possessive(refer_to_actor_id(analysis, top))}, {its} top-level actor.")
    if own.empty:
        if mention_count(analysis, actor_id) == 0:
            return f"{subject} {sends} no signal, and no signal or event names {it} as target or participant."
        return (f"{subject} {sends} no signal in the case; the article only reports on {it}, in "
                f"{describe_mentions(analysis, actor_id)}.")
    by_actor = analysis.say_do.by_actor.set_index("actor_id")
    contested = ""
    if actor_id in by_actor.index:
        row = by_actor.loc[actor_id]
        contested = "; " + count_of(row["n_contradicted"], row["n_statements_and_commitments"],
                                    "statement or commitment", "is contradicted", "are contradicted",
                                    "is not contradicted", owner=its, plural_noun="statements or commitments")
    scored = own["credibility"].dropna()
    if scored.empty:
        which = "which these weights cannot score" if len(own) == 1 else "none of which these weights can score"
        return (f"{subject} {sends} {count(len(own), 'signal')}, {which} (no weighted component carries information "
                f"on {'it' if len(own) == 1 else 'them'}){contested}.")
    # A shared place among the actors scored: one more than those strictly above it, ties named, none by id.
    means = analysis.actor_scores.set_index("actor_id")["mean_credibility"].dropna().round(TIE_DECIMALS)
    position = int((means > means[actor_id]).sum()) + 1
    n_tied = int((means == means[actor_id]).sum()) - 1
    mean = exact.mean(scored)
    case_mean = exact.mean(analysis.signal_scores["credibility"].dropna())
    unscored = f", {number(len(own) - len(scored))} of them not scored under these weights" if len(scored) < len(own) else ""
    sent = (f"one signal, credibility {mean:.2f}" if len(own) == 1
            else f"{count(len(own), 'signal')} of mean credibility {mean:.2f}{unscored}")
    among = "actors" if len(means) == len(analysis.actor_scores) else "actors scored"
    ranking = ("the only actor scored" if len(means) == 1 else
               f"ranking {position} of {len(means)} {among}" + (f", tied with {count(n_tied, 'other')}" if n_tied else ""))
    return f"{subject} {sends} {sent} (case mean {case_mean:.2f}), {ranking}{contested}."


def mention_count(analysis: Analysis, actor_id: str) -> int:
    """Signals aimed at the actor plus events it takes part in (`about_actor`)."""
    return len(about_actor(analysis, actor_id))


def about_actor(analysis: Analysis, actor_id: str) -> pd.DataFrame:
    """What the case says about the actor besides its own signals: the signals aimed at it (their
    target_actor_id) and the events that name it among their actors, as known on the brief's date.

    One row each, oldest first (then by what it says: no identifier decides the order), with date,
    date_text, is_event, who (the signal's kind and speaker, or the event's kind), what (the signal's
    summary, or the event's, introduced as claimed or disputed where it is), quote and outlet_name.
    Built once per analysis for every actor (`mentions_by_actor`).
    """
    return mentions_by_actor(analysis).rows(actor_id)


@per_analysis
def describe_case_events(analysis: Analysis) -> pd.DataFrame:
    """The case's events as the brief tells them: with outlet_name, date_text (as precisely as the
    article dates them) and description (the summary, introduced as claimed or disputed where it is)."""
    case = analysis.case
    outlets = case.outlets.set_index("outlet_id")["name"]
    return case.events.assign(
        outlet_name=case.events["outlet_id"].map(outlets).astype("str"),
        date_text=format_dates(case.events["event_date"], case.events["event_date_precision"].astype("str")),
        description=describe_events(case.events["summary"], case.events["status"]))


@per_analysis
def mentions_by_actor(analysis: Analysis) -> RowsByActor:
    """`about_actor`'s rows of every actor named by a signal's target or an event's actors."""
    case = analysis.case
    signals = describe_signals(analysis)
    targets = case.signals.set_index("signal_id")["target_actor_id"].astype("object")
    aimed = signals.assign(about=signals["signal_id"].map(targets)).dropna(subset=["about"])
    events = describe_case_events(analysis)
    events = events.assign(about=events["actor_ids"].astype("str").str.split(";")).explode("about")
    speakers = aimed["actor_name"].astype("str").map(lambda name: refer_to_actor(case.actors, name))
    rows = pd.concat([
        pd.DataFrame({
            "about": aimed["about"].astype("str"), "date": aimed["signal_date"], "date_text": aimed["date_text"],
            "is_event": False, "who": aimed["kind"].astype("str").str.replace("_", " ") + " by " + speakers,
            "what": aimed["summary"].astype("str"), "quote": aimed["quote"].astype("str"),
            "outlet_name": aimed["outlet_name"].astype("str")}),
        pd.DataFrame({
            "about": events["about"].astype("str"), "date": events["event_date"], "date_text": events["date_text"],
            "is_event": True, "who": events["kind"].astype("str").str.replace("_", " ") + " (event)",
            "what": events["description"], "quote": events["quote"].astype("str"),
            "outlet_name": events["outlet_name"]}),
    ], ignore_index=True).sort_values(["date", "is_event", "who", "what", "quote", "outlet_name"])
    return RowsByActor(rows.drop(columns="about"), rows["about"])


def describe_mentions(analysis: Analysis, actor_id: str) -> str:
    """What `about_actor` holds, counted: 'one signal aimed at it and two events naming it among their actors'."""
    about = about_actor(analysis, actor_id)
    n_signals = int((~about["is_event"]).sum())
    n_events = len(about) - n_signals
    it = pronoun_for_actor(analysis, actor_name(analysis, actor_id), "it", "them")
    parts = ([f"{count(n_signals, 'signal')} aimed at {it}"] if n_signals else []) + (
        [f"{count(n_events, 'event')} naming {it} among {'its' if n_events == 1 else 'their'} actors"]
        if n_events else [])
    return join_words(parts)


def about_actor_html(analysis: Analysis, actor_id: str) -> str:
    """`about_actor` as a table, or nothing when the case says nothing about the actor but its own signals."""
    about = about_actor(analysis, actor_id)
    if about.empty:
        return ""  # the finding above says so
    rows = [[row.date_text, row.who, row.what, row.quote, row.outlet_name] for row in about.itertuples()]
    return (f"<p>{capitalise(describe_mentions(analysis, actor_id))}, oldest first:</p>"
            + build_table(["Date", "Kind and source", "What", "Quote", "Outlet"], rows))


def actor_signals_html(analysis: Analysis, actor_id: str) -> str:
    """The actor's signals with quotes, oldest first."""
    own = actor_signals(analysis, actor_id).sort_values(["signal_date", "signal_id"])
    rows = [[row.date_text, row.topic_label, format_stance(row.stance), row.kind, row.quote, row.outlet_name,
             format_score(row.credibility), format_rank(row.rank, row.credibility)] for row in own.itertuples()]
    return build_table(["Date", "Topic", "Stance", "Kind", "Quote", "Outlet", "Credibility", "Rank in case"], rows)


# How a coded link reads from each of its ends: (from the signal that bears, from the signal borne on).
LINK_READINGS = {"corroborates": ("corroborates", "corroborated by"), "contradicts": ("contradicts", "contradicted by"),
                 "denies": ("denies", "denied by"), "qualifies": ("qualifies", "qualified by"),
                 "responds_to": ("responds to", "answered by")}


def actor_links(analysis: Analysis, actor_id: str) -> pd.DataFrame:
    """The coded links (links.csv, as known on the brief's date) that join the actor's signals to others:
    one row per link and signal of the actor at one end (a link between two of its own signals is read
    once, from the one that bears on the other), with its_quote, its_date, its_date_text, reading (how the
    link reads from the actor's signal: 'qualified by', 'contradicts'...), other_actor, other_quote,
    other_date, other_date_text and rationale; in the order of the actor's signals by date, then of the
    other signal's date, then by what they say (no identifier decides). Built once per analysis for every
    actor (`links_by_actor`)."""
    return links_by_actor(analysis).rows(actor_id)


@per_analysis
def links_by_actor(analysis: Analysis) -> RowsByActor:
    """`actor_links`' rows of every actor whose signals (with roll-up, its sub-actors' too) a link touches."""
    links = analysis.case.links
    described = build_signal_descriptions(analysis).set_index("signal_id")
    speakers = pd.Series(find_speakers(analysis).to_numpy(), index=described.index)
    readings = links["relation"].astype("str").map(LINK_READINGS)
    from_speaker = links["from_signal_id"].map(speakers)
    to_speaker = links["to_signal_id"].map(speakers)
    # Read from the bearing end, and from the other end unless both are the same actor's.
    bearing = pd.DataFrame({"actor": from_speaker, "its": links["from_signal_id"], "other": links["to_signal_id"],
                            "reading": readings.str[0], "rationale": links["rationale"]})
    borne = pd.DataFrame({"actor": to_speaker, "its": links["to_signal_id"], "other": links["from_signal_id"],
                          "reading": readings.str[1], "rationale": links["rationale"]})[to_speaker != from_speaker]
    rows = pd.concat([bearing, borne], ignore_index=True)
    its, other = described.loc[rows["its"]], described.loc[rows["other"]]
    table = pd.DataFrame({
        "actor": rows["actor"].astype("str").to_numpy(),
        "its_quote": its["quote"].astype("str").to_numpy(), "its_date": its["signal_date"].to_numpy(),
        "its_date_text": its["date_text"].to_numpy(), "reading": rows["reading"].astype("str").to_numpy(),
        "other_actor": other["actor_name"].astype("str").to_numpy(),
        "other_quote": other["quote"].astype("str").to_numpy(), "other_date": other["signal_date"].to_numpy(),
        "other_date_text": other["date_text"].to_numpy(), "rationale": rows["rationale"].astype("str").to_numpy()})
    table = table.sort_values(["its_date", "its_quote", "other_date", "reading", "other_actor", "other_quote",
                               "rationale"])
    return RowsByActor(table.drop(columns="actor"), table["actor"])


def actor_links_html(analysis: Analysis, actor_id: str) -> str:
    """`actor_links` as a table under a line that counts them, or nothing when no link touches its signals."""
    links = actor_links(analysis, actor_id)
    if links.empty:
        return ""
    its = pronoun_for_actor(analysis, actor_name(analysis, actor_id), "its", "their")
    rows = [[f"{row.its_quote} ({row.its_date_text})", row.reading, row.other_actor,
             f"{row.other_quote} ({row.other_date_text})", row.rationale] for row in links.itertuples()]
    return (f"<p>{capitalise(count(len(links), 'coded link'))} {agree(len(links), 'joins', 'join')} {its} signals to "
            f"other signals, each read from {its} signal's side:</p>"
            + build_table([f"{capitalise(its)} signal", "Link", "Other signal's actor", "Other signal",
                           "Why (the coder's reason)"], rows))


def actor_stances_html(analysis: Analysis, actor_id: str) -> str:
    """Per topic: the actor's latest position and the stances before it, beside how many other actors lean each way."""
    cells = analysis.stances[analysis.stances["actor_id"] == actor_id]
    rows = []
    for row in cells.itertuples():
        n_for, n_against = count_sides(analysis, row.topic_id)
        position = format_stance(row.position) + (
            f" (mean of the {number(row.n_position_signals)} signals of its latest day)"
            if row.n_position_signals > 1 else "")
        rows.append([row.topic_label, position, row.stance_history,
                     f"{format_stance(row.mean_stance)} ({format_stance(row.min_stance)} to {format_stance(row.max_stance)})",
                     row.n_signals, f"{n_for or 'none'} for, {n_against or 'none'} against"])
    return build_table(["Topic", "Position now (latest)", "History (oldest first)", "Mean (range)",
                        "Signals", "All actors, by position now"], rows)


def state_actor_vs_case(analysis: Analysis, actor_id: str) -> str:
    """The actor's mean credibility against the other actors'."""
    scores = analysis.actor_scores
    row = scores[scores["actor_id"] == actor_id].iloc[0]
    owner = capitalise(possessive(refer_to_actor(analysis.case.actors, row["actor_name"])))
    if row["n_scored"] == 0:
        return (f"{owner} signal cannot be scored under these weights, so it is not set against other actors'."
                if row["n_signals"] == 1 else
                f"{owner} signals cannot be scored under these weights, so they are not set against other actors'.")
    scores = scores.dropna(subset=["mean_credibility"])
    n_above = int((scores["mean_credibility"] > row["mean_credibility"]).sum())
    low, high = f"{row['min_credibility']:.2f}", f"{row['max_credibility']:.2f}"
    # Only the signals these weights can score are averaged; the sentence says so when some cannot be.
    noun = "signal" if row["n_scored"] == row["n_signals"] else "scored signal"
    if row["n_scored"] == 1:
        scored = f"{owner} {'only signal' if row['n_signals'] == 1 else 'one scored signal'} scores {low}"
    elif low == high:
        every = "both" if row["n_scored"] == 2 else "all"
        scored = f"{owner} {count(row['n_scored'], noun)} {every} score {low}"
    else:
        scored = f"{owner} {count(row['n_scored'], noun)} average {row['mean_credibility']:.2f} (range {low}–{high})"
    higher = count_of(n_above, len(scores) - 1, "other actor", "averages higher", "average higher",
                      "does not average higher")
    return f"{scored}; {higher}."


def actor_say_do_html(analysis: Analysis, actor_id: str) -> str:
    """Contested commitments where the actor is the promiser or the contradicter."""
    contested = analysis.say_do.contested
    involved = contested[(contested["actor_id"] == actor_id) | (contested["contradicting_actor_id"] == actor_id)]
    if involved.empty:
        return ""  # the finding above says so, with the right pronoun
    dates = analysis.case.signals.set_index("signal_id")["signal_date_precision"].astype("str")
    rows = [[row.actor_name, row.kind, row.quote, format_signal_date(row.signal_date, dates[row.signal_id]),
             row.relation, row.contradicting_actor_name, row.contradicting_quote,
             format_signal_date(row.contradicting_signal_date, dates[row.contradicting_signal_id])]
            for row in involved.itertuples()]
    return build_table(["Who", "Kind", "Said", "When", "Relation", "Contradicted by", "Their words", "When"], rows)


def actor_network_html(analysis: Analysis, actor_id: str) -> str:
    """The actor's pairs in the agreement network, most at odds first."""
    network = analysis.network
    involved = network[(network["actor_a"] == actor_id) | (network["actor_b"] == actor_id)]
    if involved.empty:
        return ""  # the finding above says so
    # Pairs of one net in the order of the other actor's name, not of ids.
    other = involved["actor_b_name"].where(involved["actor_a"] == actor_id, involved["actor_a_name"])
    involved = involved.assign(other_name=other).sort_values(["net", "other_name"], key=by_name)
    rows = [[row.other_name, f"{row.congruence:.2f}",
             f"{row.conflict:.2f}", f"{row.net:+.2f}", "; ".join(analysis.case.topic_labels(row.topics.split(";")))]
            for row in involved.itertuples()]
    return build_table(["Other actor", "Congruence", "Conflict", "Net", "Shared questions"], rows)


def state_actor_network(analysis: Analysis, actor_id: str) -> str:
    """How many actors it agrees and conflicts with."""
    network = analysis.network
    involved = network[(network["actor_a"] == actor_id) | (network["actor_b"] == actor_id)]
    n_agree = int((involved["net"] > 0).sum())
    n_conflict = int((involved["net"] < 0).sum())
    name = actor_name(analysis, actor_id)
    subject = refer_to_actor(analysis.case.actors, name, start=True)
    if involved.empty:
        top = rolled_up_into(analysis, actor_id)
        if top is not None:
            return capitalise(state_rolled_up(analysis, actor_id, top, "says whom they agree with")) + "."
        return (f"{subject} {verb_for_actor(analysis, name, 'shares', 'share')} no side-taking question with another "
                f"actor in the {NETWORK_WINDOW_DAYS} days up to the brief's date.")
    if n_agree == n_conflict == 0:
        return (f"{subject} {verb_for_actor(analysis, name, 'is', 'are')} as much in agreement as in conflict with "
                f"each of the {count(len(involved), 'actor')} sharing a question with "
                f"{pronoun_for_actor(analysis, name, 'it', 'them')}.")
    agrees, conflicts = (verb_for_actor(analysis, name, singular, plural_form)
                         for singular, plural_form in (("agrees", "agree"), ("conflicts", "conflict")))
    return (f"{subject} mostly {agrees} with {count(n_agree, 'other actor')} and mostly {conflicts} with "
            f"{number(n_conflict) if n_conflict else 'none'}.")


def state_actor_say_do(analysis: Analysis, actor_id: str) -> str:
    """How many of its words are contradicted and how many others' it contradicts."""
    contested = analysis.say_do.contested
    n_own = contested.loc[contested["actor_id"] == actor_id, "signal_id"].nunique()
    n_against = contested.loc[contested["contradicting_actor_id"] == actor_id, "contradicting_signal_id"].nunique()
    name = actor_name(analysis, actor_id)
    its = pronoun_for_actor(analysis, name, "its", "their")
    who = refer_to_actor(analysis.case.actors, name)
    if actor_signals(analysis, actor_id).empty:
        top = rolled_up_into(analysis, actor_id)
        if top is not None:
            return capitalise(state_rolled_up(analysis, actor_id, top, "says whether they are contradicted")) + "."
        return f"There is no signal from {who}, so none can be contradicted and none contradicts another actor."
    own = (f"{capitalise(number(n_own))} of {possessive(who)} statements or commitments "
           f"{agree(n_own, 'is', 'are')} contradicted" if n_own
           else f"No one contradicts a statement or commitment of {who}")
    against = (f"{number(n_against) if n_against else 'none'} of {its} signals "
               f"{agree(n_against, 'contradicts', 'contradict')} another actor's")
    return f"{own}; {against}."


# --- The questions and hypotheses, stated ------------------------------------------------


def list_statements_html(labels: pd.Series, statements: pd.Series, none_text: str) -> str:
    """Each label (in bold) with its statement, as a bulleted list in the given order; `none_text`
    as a paragraph when there are none. Everything escaped."""
    if labels.empty:
        return f"<p>{html.escape(none_text)}</p>"
    items = "".join(f"<li><strong>{html.escape(str(label))}</strong>: {html.escape(str(statement))}</li>"
                    for label, statement in zip(labels, statements))
    return f'<ul class="signalbrief-statements">{items}</ul>'


def questions_html(analysis: Analysis) -> str:
    """Every question of the case (topics.csv, in its order): the label the charts use and the
    proposition a positive stance agrees with."""
    topics = analysis.case.topics
    return list_statements_html(topics["label"], topics["proposition"], "The case poses no question.")


def hypotheses_html(analysis: Analysis) -> str:
    """Every hypothesis of the case (hypotheses.csv, in its order): its label and its statement."""
    hypotheses = analysis.case.hypotheses
    return list_statements_html(hypotheses["label"], hypotheses["statement"],
                                "The case weighs no hypotheses, so there is nothing to compare the evidence against.")
