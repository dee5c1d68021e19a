"""Key judgments in the estimative language of ICD 203, generated from the analysis tables.

Likelihood and confidence are kept apart, as ICD 203 asks: the judgment sentence
carries the likelihood term (where there is a probability); the confidence level and
its reason are a separate sentence.

Likelihood bands (`LIKELIHOOD_BANDS`), with this boundary convention: the lower four
bands are closed below and open above, the middle band is closed at both ends, the
upper three are open below and closed above, so 0.45 and 0.55 are "roughly even
chance", 0.20 is "unlikely" and 0.80 is "likely":
almost no chance [0, 0.05), very unlikely [0.05, 0.20), unlikely [0.20, 0.45),
roughly even chance [0.45, 0.55], likely (0.55, 0.80], very likely (0.80, 0.95],
almost certain (0.95, 1].

Probabilities are printed clamped to 1-99% (`clamp_probability`): ICD 203's bands stop
short of certainty, and no model of one article's evidence can give it.

Confidence (`confidence_level`): high needs stability >= 0.9, mean credibility >= 0.6
and at least 5 signals; moderate needs stability >= 0.7 and mean credibility >= 0.45;
anything else is low. Stability is the share of plausible credibility weightings that
keep the conclusion (1 for conclusions that do not depend on the weights). A case is one
article, so every judgment rests on one publication: confidence is at most moderate.

The leading-hypothesis judgment rates its confidence from what can be measured about the
lead (`rate_hypothesis_confidence`): the margin against its noise under resampling, how
many independent reports separate the hypotheses in contention, whether one piece of
evidence (leave-one-out) or the publication's own inferences decide who leads, and the
single publication. Low if the evidence does not separate the contenders, the margin is
under one standard deviation of its noise, one piece or the publication's own voice
decides the lead, or fewer than 2 independent reports separate the contenders; high only
with a margin of 2 standard deviations, 3 independent reports and more than one
publication; moderate otherwise. A case that states a single hypothesis gets no likelihood
(`state_only_hypothesis`: the model's "one of the listed hypotheses is true" would make it
certain by construction) and low confidence, since nothing was weighed against it.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signalbrief import exact
from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import COMPONENTS, TIE_DECIMALS, score_actors, score_signals
from signalbrief.hypotheses import (contenders, evidence_diagnosticity, has_no_alternative, hypothesis_support,
                                    leaders_without_own_voice, leave_one_out, score_hypotheses)
from signalbrief.network import actor_network, by_name, pairs_in_name_order
from signalbrief.saydo import SayDo, say_do_gaps
from signalbrief.sensitivity import WeightSensitivity, weight_sensitivity
from signalbrief.stances import join_ids, roll_up_signals
from signalbrief.wording import (agree, capitalise, count, format_share, format_signal_date, is_plural_name,
                                 join_words, number, possessive, quote, refer_to, verb_for)

LOWER_BANDS = ((0.05, "almost no chance"), (0.20, "very unlikely"), (0.45, "unlikely"))
UPPER_BANDS = ((0.95, "almost certain"), (0.80, "very likely"), (0.55, "likely"))
EVEN_CHANCE = "roughly even chance"
LIKELIHOOD_BANDS = ("almost no chance", "very unlikely", "unlikely", EVEN_CHANCE,
                    "likely", "very likely", "almost certain")

HIGH_MIN_STABILITY = 0.9
HIGH_MIN_CREDIBILITY = 0.6
HIGH_MIN_EVIDENCE = 5
MODERATE_MIN_STABILITY = 0.7
MODERATE_MIN_CREDIBILITY = 0.45

PROBABILITY_FLOOR, PROBABILITY_CEILING = 0.01, 0.99
# Every case is one article: one publication.
PUBLICATIONS_PER_CASE = 1
HYPOTHESIS_HIGH_MIN_SD, HYPOTHESIS_MODERATE_MIN_SD = 2.0, 1.0
HYPOTHESIS_HIGH_MIN_REPORTS, HYPOTHESIS_MODERATE_MIN_REPORTS = 3, 2

# probability_scope: what a conditional probability is conditional on ('' when it is not).
JUDGMENT_COLUMNS = ["judgment_kind", "judgment", "probability", "likelihood_term", "probability_scope",
                    "confidence", "confidence_reason", "basis_signal_ids"]


def likelihood_term(p: float) -> str:
    """The ICD 203 term for probability p (boundary convention in the module docstring)."""
    if p is None or not isinstance(p, (int, float, np.floating, np.integer)) or math.isnan(p) \
            or not 0 <= p <= 1:
        raise ValueError(f"a probability must be a number in [0, 1], got {p!r}")
    for upper, term in LOWER_BANDS:
        if p < upper:
            return term
    for lower, term in UPPER_BANDS:
        if p > lower:
            return term
    return EVEN_CHANCE


def clamp_probability(p: float) -> float:
    """A probability as printed: within ICD 203's 1-99%."""
    return min(max(float(p), PROBABILITY_FLOOR), PROBABILITY_CEILING)


def confidence_level(mean_credibility: float, stability: float, n_evidence: int) -> str:
    """'high', 'moderate' or 'low' confidence (thresholds in the module docstring)."""
    if (stability >= HIGH_MIN_STABILITY and mean_credibility >= HIGH_MIN_CREDIBILITY
            and n_evidence >= HIGH_MIN_EVIDENCE):
        return "high"
    if stability >= MODERATE_MIN_STABILITY and mean_credibility >= MODERATE_MIN_CREDIBILITY:
        return "moderate"
    return "low"


def state_likelihood(term: str) -> str:
    """Open a sentence with a likelihood term: 'It is likely' or 'There is a roughly even chance'."""
    if term == EVEN_CHANCE:
        return f"There is a {term}"
    if term.endswith("chance"):
        return f"There is {term}"
    return f"It is {term}"


def kind_of(actors: pd.DataFrame, name: str) -> str:
    """The kind of the actor with this display name ('' if none has it): a person is always one."""
    # A plain loop: this runs for every actor named in every sentence, and a pandas mask per call
    # cost a dossier 7 ms.
    for actor_name, kind in zip(actors["name"].tolist(), actors["kind"].tolist()):
        if str(actor_name) == name:
            return str(kind)
    return ""


def refer_to_actor(actors: pd.DataFrame, name: str, start: bool = False) -> str:
    """An actor's name as it stands in a sentence (`refer_to`: 'the ministry', 'an unnamed official'),
    capitalised when it opens one."""
    text = refer_to(name, kind_of(actors, name))
    return capitalise(text) if start else text


def actor_verb(actors: pd.DataFrame, name: str, singular: str, plural_form: str) -> str:
    """The verb that agrees with an actor's name: 'sends' / 'send'."""
    return verb_for(name, singular, plural_form, kind_of(actors, name))


def actor_pronoun(actors: pd.DataFrame, name: str, singular: str, plural_form: str) -> str:
    """The pronoun for an actor: 'its' / 'it' for a body, 'their' / 'them' for a person (whose
    gender the case does not code) or a plural name."""
    kind = kind_of(actors, name)
    return plural_form if kind == "person" or is_plural_name(name, kind) else singular


def rate_confidence(basis: pd.DataFrame, stability: float, stability_reason: str) -> dict[str, object]:
    """Confidence level and its reason sentence, from the scored signals a judgment rests on."""
    n_evidence = len(basis)
    n_scored = int(basis["credibility"].notna().sum())
    mean_credibility = exact.mean(basis["credibility"].dropna()) if n_scored else 0.0
    level = confidence_level(mean_credibility, stability, n_scored)
    capped = ""
    if level == "high" and PUBLICATIONS_PER_CASE < 2:
        level, capped = "moderate", "; the whole case rests on one publication, which caps confidence at moderate"
    if n_evidence == 0:
        basis_text = "no scored signal"
    elif n_scored == 0:
        basis_text = (f"{count(n_evidence, 'signal')}, which these weights cannot score" if n_evidence == 1 else
                      f"{count(n_evidence, 'signal')}, none of which these weights can score")
    elif n_scored < n_evidence:
        basis_text = (f"{count(n_evidence, 'signal')}, {number(n_scored)} of them scored, of mean credibility "
                      f"{mean_credibility:.2f}")
    elif n_evidence == 1:
        basis_text = f"one signal, credibility {mean_credibility:.2f}"
    else:
        basis_text = f"{count(n_evidence, 'signal')} of mean credibility {mean_credibility:.2f}"
    reason = f"Confidence is {level}: the judgment rests on {basis_text}, and {stability_reason}{capped}."
    return {"confidence": level, "confidence_reason": reason,
            "basis_signal_ids": join_ids(basis["signal_id"])}


def name_labels(labels: list[str], conjunction: str = "and") -> str:
    """“A”, “A” and “B”, “A”, “B” and “C” (or “A”, “B” or “C”)."""
    return join_words([quote(label) for label in labels], conjunction)


def rate_hypothesis_confidence(case: Case, scores: pd.DataFrame, hypotheses: pd.DataFrame,
                               support: pd.DataFrame, loo: pd.DataFrame, diagnosticity: pd.DataFrame,
                               own_voice_leaders: pd.DataFrame) -> dict[str, object]:
    """Confidence in the leading-hypothesis judgment from measurable things (module docstring)."""
    basis = join_ids(scores.loc[scores["signal_id"].isin(
        case.ach.loc[case.ach["rating"].astype("str") != "N", "signal_id"]), "signal_id"])
    publications = ("the whole case rests on one publication" if PUBLICATIONS_PER_CASE < 2
                    else f"the case rests on {PUBLICATIONS_PER_CASE} publications")
    if has_no_alternative(hypotheses):
        return {"confidence": "low", "confidence_reason": "Confidence is low: only one hypothesis is stated, so the "
                f"evidence was tested against no alternative; {publications}.", "basis_signal_ids": basis}
    in_play = contenders(hypotheses)
    leaders = hypotheses[hypotheses["is_leading"]]
    separated = hypotheses["is_in_contention"].sum() == 1
    gaps = support.set_index("hypothesis_id")
    runner_ups = in_play[~in_play["is_leading"]]
    separating = diagnosticity[diagnosticity["diagnosticity"] > 0]
    reports = scores.set_index("signal_id").loc[separating["signal_id"], "report_id"].nunique()
    reasons, low, high = [], False, PUBLICATIONS_PER_CASE > 1
    if not separated:
        low, high = True, False
        reasons.append(f"the evidence does not separate {name_labels(sorted(in_play['label']))}")
    if len(runner_ups) and not leaders["is_tied_for_lead"].any():
        runner = runner_ups.iloc[0]
        gap = float(gaps.loc[runner["hypothesis_id"], "gap_to_leader"])
        noise = float(gaps.loc[runner["hypothesis_id"], "gap_sd"])
        ratio = gap / noise if noise > 0 else np.inf
        low |= ratio < HYPOTHESIS_MODERATE_MIN_SD
        high &= ratio >= HYPOTHESIS_HIGH_MIN_SD
        noise_text = f"{ratio:.2f} standard deviations of its noise under resampling" if noise > 0 else "no noise"
        reasons.append(f"the margin over “{runner['label']}” is {gap:.2f} of weighted inconsistency, "
                       f"{noise_text}")
    low |= reports < HYPOTHESIS_MODERATE_MIN_REPORTS
    high &= reports >= HYPOTHESIS_HIGH_MIN_REPORTS
    reasons.append(f"{count(reports, 'independent report')} {agree(reports, 'separates', 'separate')} the "
                   "hypotheses in contention")
    deciders = loo[loo["changes_leader"]]
    if len(deciders) == 1:
        low, high = True, False
        row = deciders.iloc[0]
        voice = " (the publication's own inference)" if row["is_own_voice"] else ""
        measured = int(scores.set_index("signal_id").loc[row["signal_id"], list(COMPONENTS)].notna().sum())
        reasons.append(f"one piece of evidence decides the lead: without "
                       f"{possessive(refer_to_actor(case.actors, row['actor_name']))} "
                       f"{quote(row['summary'], drop_full_stop=True)}{voice}, {row['leader_without_label']} would lead"
                       f" (its credibility, {row['credibility']:.2f}, rests on {number(measured).replace('no', 'none')} "
                       f"of the {number(len(COMPONENTS))} components)")
    elif len(deciders) > 1:
        reasons.append(f"{count(len(deciders), 'piece of evidence', 'pieces of evidence')} each change who leads "
                       "if dropped")
    else:
        reasons.append("no single piece of evidence changes who leads")
    if not own_voice_leaders.empty and set(own_voice_leaders["hypothesis_id"]) != set(leaders["hypothesis_id"]):
        low, high = True, False
        reasons.append("the lead rests on the publication's own inferences: without them "
                       f"{name_labels(sorted(own_voice_leaders['label']))} would lead")
    reasons.append(publications)
    level = "low" if low else "high" if high else "moderate"
    return {"confidence": level, "confidence_reason": f"Confidence is {level}: " + "; ".join(reasons) + ".",
            "basis_signal_ids": basis}


def describe_lead(hypotheses: pd.DataFrame, support: pd.DataFrame) -> dict[str, object]:
    """The leading-hypothesis sentence, its printed probability and ICD 203 term.

    One hypothesis in contention: the model's probability that it is the true one. Two or
    more (the evidence does not separate them): the probability that the likeliest of them
    rather than the others is true, given that one of them is, in the even-chance band for
    two; hypotheses tied for the lead are named together ("any one of"), none put first.
    Robustness (`support`) is a separate sentence, named as what it is.
    """
    if has_no_alternative(hypotheses):
        return {"judgment": state_only_hypothesis(hypotheses.iloc[0], with_statement=True), "probability": np.nan,
                "likelihood_term": pd.NA, "probability_scope": ""}
    in_play = hypotheses[hypotheses["is_in_contention"]].sort_values(["probability", "label"],
                                                                      ascending=[False, True])
    leader = in_play.iloc[0]
    others = hypotheses[~hypotheses["is_in_contention"]]
    rest = state_other_shares(others)
    shares = ", ".join(f"“{row.label}” {clamp_probability(row.probability):.0%}" for row in in_play.itertuples())
    robust = support.set_index("hypothesis_id")["support"]
    leads = [f"“{row.label}” in {format_share(robust[row.hypothesis_id])}" for row in in_play.itertuples()]
    leads[0] = leads[0].replace("” in ", "” leads in ", 1) + " of them"
    robustness = (" As a test of robustness, not of likelihood, in draws that reweight credibility and resample "
                  f"the evidence (ties shared), {' and '.join(leads)}.")
    if len(in_play) == 1:
        rest = "".join(f", “{row.label}” {clamp_probability(row.probability):.0%}"
                       for row in hypotheses[~hypotheses["is_leading"]].iloc[0:1].itertuples())
        rest += state_other_shares(others.iloc[1:])
        probability = clamp_probability(leader["probability"])
        term = likelihood_term(probability)
        sentence = (f"{state_likelihood(term)} that “{leader['label']}” is the true explanation among the "
                    f"{number(len(hypotheses))} hypotheses ({str(leader['statement']).rstrip('.')}): the evidence "
                    f"contradicts it least, and the probability model gives {shares}{rest}.{robustness}")
    else:
        probability = clamp_probability(leader["probability"] / in_play["probability"].sum())
        term = likelihood_term(probability)
        labels = name_labels(in_play["label"].tolist())
        leaders = in_play[in_play["is_leading"]]
        if len(in_play) == 2:
            opening = (f"There is a roughly even chance that “{leader['label']}” rather than "
                       f"“{in_play.iloc[1]['label']}” is the true explanation")
        elif len(leaders) == 1:
            opening = (f"{state_likelihood(term)} that “{leader['label']}” rather than "
                       f"{name_labels(in_play['label'].iloc[1:].tolist(), 'or')} is the true explanation")
        else:
            # Tied leaders are named together, none singled out by its label's order.
            rivals = (f"the other {number(len(in_play) - 1)}" if len(leaders) == len(in_play)
                      else "the others in contention")
            opening = (f"{state_likelihood(term)} that any one of {name_labels(leaders['label'].tolist())}, rather "
                       f"than {rivals}, is the true explanation")
        tied = " (they are tied)" if hypotheses["is_tied_for_lead"].any() else ""
        sentence = (f"{opening}: the evidence does not separate {labels}{tied}; the probability model gives "
                    f"{shares}{rest}.{robustness}")
    # With several in contention the printed probability is conditional: the cell says on what.
    scope = ("" if len(in_play) == 1 else
             f", given that one of the {number(len(in_play))} hypotheses in contention is true")
    return {"judgment": sentence, "probability": probability, "likelihood_term": term, "probability_scope": scope}


def state_only_hypothesis(hypothesis: pd.Series, with_statement: bool = False) -> str:
    """The judgment on a case that states one hypothesis: the probability model assumes one of the
    listed hypotheses is true, so a lone one would be 'almost certain' by construction, not by the
    evidence; it gets no likelihood, only the weight of the evidence rated against it."""
    statement = f" ({str(hypothesis['statement']).rstrip('.')})" if with_statement else ""
    return (f"Only one hypothesis is stated, “{hypothesis['label']}”{statement}: with no alternative to weigh it "
            f"against, the analysis of competing hypotheses gives it no likelihood; the evidence rated against it "
            f"weighs {hypothesis['weighted_inconsistency']:.2f} (weighted inconsistency).")


def state_other_shares(others: pd.DataFrame) -> str:
    """The probability of the hypotheses not named before: ', “H3” 4%', ', the other two 14% together', ''."""
    if len(others) == 1:
        return f", “{others['label'].iloc[0]}” {clamp_probability(others['probability'].iloc[0]):.0%}"
    if len(others) > 1:
        return f", the other {number(len(others))} {clamp_probability(others['probability'].sum()):.0%} together"
    return ""


def judge_hypotheses(case: Case, scores: pd.DataFrame, hypotheses: pd.DataFrame,
                     support: pd.DataFrame, loo: pd.DataFrame, diagnosticity: pd.DataFrame,
                     own_voice_leaders: pd.DataFrame) -> list[dict[str, object]]:
    """The hypotheses the evidence contradicts least, with the model's probability (`describe_lead`)."""
    if support.empty or support["support"].isna().all():
        return []
    return [{"judgment_kind": "leading_hypothesis", **describe_lead(hypotheses, support),
             **rate_hypothesis_confidence(case, scores, hypotheses, support, loo, diagnosticity,
                                          own_voice_leaders)}]


def judge_say_do(case: Case, scores: pd.DataFrame, say_do: SayDo) -> list[dict[str, object]]:
    """The best-attested contested commitment, and the widest gap between words and deeds.

    Dates are given as precisely as the case dates them (a commitment of "1995" stays 1995)."""
    judgments = []
    precision = case.signals.set_index("signal_id")["signal_date_precision"].astype("str")
    fixed = "the conclusion comes from the coded links and stances, not from the credibility weights"
    if not say_do.contested.empty:
        # Ties are broken by what the sentence says, and by ids only between rows it says alike.
        row = say_do.contested.sort_values(
            ["contradicting_source", "signal_date", "actor_name", "quote", "contradicting_signal_date",
             "contradicting_actor_name", "contradicting_kind", "contradicting_quote", "signal_id",
             "contradicting_signal_id"],
            ascending=[False, True, True, True, True, True, True, True, True, True]).iloc[0]
        verb = "committed to" if row["kind"] == "commitment" else "stated"
        sentence = (f"{refer_to_actor(case.actors, row['actor_name'], start=True)} {verb} {quote(row['quote'])} "
                    f"({format_signal_date(row['signal_date'], precision[row['signal_id']])}), but "
                    f"{possessive(refer_to_actor(case.actors, row['contradicting_actor_name']))} "
                    f"{row['contradicting_kind']} {quote(row['contradicting_quote'])} "
                    f"({format_signal_date(row['contradicting_signal_date'], precision[row['contradicting_signal_id']])}) "
                    "stands against it.")
        basis = scores[scores["signal_id"].isin([row["signal_id"], row["contradicting_signal_id"]])]
        judgments.append({"judgment_kind": "contested_commitment", "judgment": sentence,
                          "probability": np.nan, "likelihood_term": pd.NA,
                          **rate_confidence(basis, 1.0, fixed)})
    gaps = say_do.gaps[say_do.gaps["abs_gap"] > 0]
    if not gaps.empty:
        gaps = gaps.assign(abs_gap=gaps["abs_gap"].round(TIE_DECIMALS)).sort_values(
            ["abs_gap", "actor_name", "topic_label", "gap", "actor_id", "topic_id"],
            ascending=[False, True, True, False, True, True])
        row = gaps.iloc[0]
        its = actor_pronoun(case.actors, row["actor_name"], "its", "their")
        sentence = (f"{capitalise(possessive(refer_to_actor(case.actors, row['actor_name'])))} words and deeds "
                    f"diverge most on “{row['topic_label']}”: "
                    f"{its} words average {row['say_mean_stance']:+.1f} and {its} deeds "
                    f"{row['do_mean_stance']:+.1f} on the −2 to +2 stance scale "
                    f"(gap {row['gap']:+.1f}).")
        ids = f"{row['say_signal_ids']};{row['do_signal_ids']}".split(";")
        judgments.append({"judgment_kind": "say_do_gap", "judgment": sentence,
                          "probability": np.nan, "likelihood_term": pd.NA,
                          **rate_confidence(scores[scores["signal_id"].isin(ids)], 1.0, fixed)})
    return judgments


def tied_at(frame: pd.DataFrame, column: str, value: float) -> pd.DataFrame:
    """The rows of `frame` whose `column` equals `value` to TIE_DECIMALS: a tie is a tie."""
    return frame[frame[column].round(TIE_DECIMALS) == round(float(value), TIE_DECIMALS)]


def judge_credibility(scores: pd.DataFrame, actor_scores: pd.DataFrame, sensitivity: WeightSensitivity,
                      speakers: pd.Series, actors: pd.DataFrame) -> list[dict[str, object]]:
    """The most and least credible actors (ties named together), and how stable the signal ranking is."""
    rated = actor_scores.dropna(subset=["mean_credibility"])
    if rated.empty:
        return []
    most = tied_at(rated, "mean_credibility", rated["mean_credibility"].max())
    least = tied_at(rated, "mean_credibility", rated["mean_credibility"].min())
    credible = scores.dropna(subset=["credibility"])
    if len(credible) == 1:
        row = credible.iloc[0]
        sentence = (f"{capitalise(possessive(refer_to_actor(actors, row['actor_name'])))} signal is the only one the "
                    f"case scores (credibility {row['credibility']:.2f}): there is nothing to rank it against.")
    else:
        top = tied_at(credible, "credibility", credible["credibility"].max())
        sentence = state_most_credible(most, least, actors) + state_top_signals(top, sensitivity, actors)
    basis_actors = set(most["actor_id"]) | set(least["actor_id"])
    basis = scores[scores["signal_id"].map(speakers).isin(basis_actors)]
    stability = sensitivity.p_top_k_set_stable
    return [{"judgment_kind": "credibility", "judgment": sentence,
             "probability": np.nan, "likelihood_term": pd.NA,
             **rate_confidence(basis, stability, state_top_set_holds(sensitivity.top_k, len(credible))
                               + f" in {format_share(stability)} of the credibility weightings drawn")}]


def describe_actor_credibility(rows: pd.DataFrame, actors: pd.DataFrame) -> tuple[str, str]:
    """The actors of `rows` (rows of score_actors tied on their mean) as possessives, and their mean:
    ("Alpha's and Beta's", "mean 0.61 over two signals each"), ("Gamma's", "0.40, from one signal"); the
    signals counted are those scored under the weights."""
    names = join_words([possessive(refer_to_actor(actors, name)) for name in sorted(rows["actor_name"].astype("str"))])
    counts = sorted(int(n) for n in rows["n_scored"])
    noun = "signal" if (rows["n_scored"] == rows["n_signals"]).all() else "scored signal"
    if counts == [1]:
        return names, f"{rows['mean_credibility'].iloc[0]:.2f}, from one {noun}"
    mean = f"mean {rows['mean_credibility'].iloc[0]:.2f}"
    if len(set(counts)) == 1:
        return names, f"{mean} over {count(counts[0], noun)}" + (" each" if len(counts) > 1 else "")
    return names, f"{mean} each, over {join_words([number(n) for n in counts])} {noun}s"


def state_most_credible(most: pd.DataFrame, least: pd.DataFrame, actors: pd.DataFrame) -> str:
    """'Alpha's signals are the most credible in the case (mean 0.90 over two signals) and Beta's the least (…)'."""
    names, mean = describe_actor_credibility(most, actors)
    tie = ", tied," if len(most) > 1 else ""
    sentence = f"{capitalise(names)} signals are{tie} the most credible in the case ({mean})"
    if set(least["actor_id"]) != set(most["actor_id"]):
        least_names, least_mean = describe_actor_credibility(least, actors)
        sentence += f" and {least_names} the least ({least_mean})"
    return sentence


def state_top_signals(top: pd.DataFrame, sensitivity: WeightSensitivity, actors: pd.DataFrame) -> str:
    """'; the single most credible signal, …, stays first in …' or '; three signals tie as the most credible …'."""
    if len(top) == 1:
        row = top.iloc[0]
        return (f"; the single most credible signal, {possessive(refer_to_actor(actors, row['actor_name']))} "
                f"{quote(row['summary'], drop_full_stop=True)}, "
                f"stays first in {format_share(sensitivity.p_top_1_stable)} of the credibility weightings drawn.")
    return (f"; {count(len(top), 'signal')} tie as the most credible ({top['credibility'].iloc[0]:.2f}): "
            + "; ".join(f"{possessive(refer_to_actor(actors, row.actor_name))} {quote(row.summary, drop_full_stop=True)}"
                        for row in top.sort_values(["actor_name", "summary"]).itertuples())
            + ".")


def state_top_set_holds(top_k: int, n_signals: int) -> str:
    """'the top five signals stay the same', or 'the most credible signal stays first' for one;
    never more than the case's signals (a case of three signals has no top five)."""
    k = min(top_k, n_signals)
    return "the most credible signal stays first" if k == 1 else f"the top {number(k)} signals stay the same"


def judge_conflict(case: Case, scores: pd.DataFrame, network: pd.DataFrame,
                   speakers: pd.Series) -> list[dict[str, object]]:
    """The pair of actors most at odds across the topics they share: the lowest net agreement
    (congruence - conflict), as the brief's agreement matrix and its finding measure it, so the two
    name the same pair; of pairs as low, the one with more conflict. None when no pair is on balance
    at odds (net below 0)."""
    conflicts = network[network["net"].round(TIE_DECIMALS) < 0]
    if conflicts.empty:
        return []
    # The pair is named in the order of the actors' names, not of their ids.
    ordered = pairs_in_name_order(conflicts.assign(conflict=conflicts["conflict"].round(TIE_DECIMALS),
                                                   net=conflicts["net"].round(TIE_DECIMALS))).sort_values(
        ["net", "conflict", "actor_a_name", "actor_b_name"], ascending=[True, False, True, True], key=by_name)
    row = ordered.iloc[0]
    n_tied = int(((ordered["conflict"] == row["conflict"]) & (ordered["net"] == row["net"])).sum()) - 1
    tie_note = (f" {capitalise(count(n_tied, 'other pair'))} {agree(n_tied, 'is', 'are')} as much at odds."
                if n_tied else "")
    topic_ids = row["topics"].split(";")
    sentence = (f"{refer_to_actor(case.actors, row['actor_a_name'], start=True)} and "
                f"{refer_to_actor(case.actors, row['actor_b_name'])} are the most at odds in the case: "
                f"across the {count(row['n_topics'], 'topic')} on which both take a side "
                f"({name_labels(case.topic_labels(topic_ids))}), conflict {row['conflict']:.2f} "
                f"against congruence {row['congruence']:.2f} (net {row['net']:+.2f}).{tie_note}")
    basis = scores[scores["signal_id"].map(speakers).isin([row["actor_a"], row["actor_b"]])
                   & scores["topic_id"].isin(topic_ids)]
    return [{"judgment_kind": "conflict", "judgment": sentence,
             "probability": np.nan, "likelihood_term": pd.NA,
             **rate_confidence(basis, 1.0, "the conclusion comes from the coded stances, "
                                           "not from the credibility weights")}]


def build_key_judgments(case: Case, scores: pd.DataFrame, actor_scores: pd.DataFrame,
                        sensitivity: WeightSensitivity, hypotheses: pd.DataFrame,
                        support: pd.DataFrame, loo: pd.DataFrame, diagnosticity: pd.DataFrame,
                        own_voice_leaders: pd.DataFrame, say_do: SayDo,
                        network: pd.DataFrame, roll_up: bool = False) -> pd.DataFrame:
    """Key judgments from already computed tables of one case (see `key_judgments`)."""
    speakers = roll_up_signals(case, roll_up).set_index("signal_id")["actor_id"]
    rows = [
        *judge_hypotheses(case, scores, hypotheses, support, loo, diagnosticity, own_voice_leaders),
        *judge_say_do(case, scores, say_do),
        *judge_credibility(scores, actor_scores, sensitivity, speakers, case.actors),
        *judge_conflict(case, scores, network, speakers),
    ]
    table = pd.DataFrame([{"probability_scope": "", **row} for row in rows], columns=JUDGMENT_COLUMNS)
    return table.astype({"probability": float, "likelihood_term": "str", "probability_scope": "str",
                         "confidence": "str"})


def key_judgments(case: Case, weights: dict[str, float] | None = None, n_samples: int = 1000,
                  seed: int = 0, top_k: int = 5, as_of: AsOf = None,
                  roll_up: bool = False) -> pd.DataFrame:
    """Three to five key judgments: leading hypothesis, contested words, credibility, conflict.

    Columns: judgment_kind, judgment, probability, likelihood_term, confidence,
    confidence_reason, basis_signal_ids.
    """
    known = filter_as_of(case, as_of)
    scores = score_signals(known, weights)
    return build_key_judgments(
        known,
        scores=scores,
        actor_scores=score_actors(known, weights, roll_up=roll_up, scores=scores),
        sensitivity=weight_sensitivity(known, weights, n_samples=n_samples, seed=seed, top_k=top_k,
                                       scores=scores),
        hypotheses=score_hypotheses(known, weights, scores=scores),
        support=hypothesis_support(known, weights, n_samples=n_samples, seed=seed, scores=scores),
        loo=leave_one_out(known, weights, scores=scores),
        diagnosticity=evidence_diagnosticity(known, weights, scores=scores),
        own_voice_leaders=leaders_without_own_voice(known, weights, scores=scores),
        say_do=say_do_gaps(known, roll_up=roll_up, scores=scores),
        network=actor_network(known, roll_up=roll_up),
        roll_up=roll_up,
    )
