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

Confidence (`confidence_level`): high needs stability >= 0.9, mean credibility >= 0.6
and at least 5 signals; moderate needs stability >= 0.7 and mean credibility >= 0.45;
anything else is low. Stability is the share of plausible credibility weightings that
keep the conclusion (1 for conclusions that do not depend on the weights).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import score_actors, score_signals
from signalbrief.hypotheses import hypothesis_support, leader_weight_stability, score_hypotheses
from signalbrief.network import actor_network
from signalbrief.saydo import SayDo, say_do_gaps
from signalbrief.sensitivity import WeightSensitivity, weight_sensitivity
from signalbrief.stances import join_ids, roll_up_signals
from signalbrief.wording import format_signal_date, possessive, quote

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

JUDGMENT_COLUMNS = ["judgment_kind", "judgment", "probability", "likelihood_term", "confidence",
                    "confidence_reason", "basis_signal_ids"]


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


def rate_confidence(basis: pd.DataFrame, stability: float, stability_reason: str) -> dict[str, object]:
    """Confidence level and its reason sentence, from the scored signals a judgment rests on."""
    n_evidence = len(basis)
    mean_credibility = float(basis["credibility"].mean()) if n_evidence else 0.0
    level = confidence_level(mean_credibility, stability, n_evidence)
    reason = (f"Confidence is {level}: the judgment rests on {n_evidence} signal(s) of mean "
              f"credibility {mean_credibility:.2f}, and {stability_reason}.")
    return {"confidence": level, "confidence_reason": reason,
            "basis_signal_ids": join_ids(basis["signal_id"])}


def judge_hypotheses(case: Case, scores: pd.DataFrame, hypotheses: pd.DataFrame,
                     support: pd.DataFrame, leader_stability: float) -> list[dict[str, object]]:
    """The ACH leader, with the ICD term for its share of draws in `hypothesis_support`."""
    if support.empty or support["support"].isna().all():
        return []
    leader = hypotheses[hypotheses["is_leading"]].iloc[0]
    probability = float(support.set_index("hypothesis_id").loc[leader["hypothesis_id"], "support"])
    term = likelihood_term(probability)
    tied = hypotheses.loc[hypotheses["is_tied_for_lead"] & ~hypotheses["is_leading"], "label"]
    tie_note = (f" It is tied on weighted inconsistency with {'; '.join(f'“{label}”' for label in tied)}."
                if len(tied) else "")
    rated_ids = case.ach.loc[(case.ach["hypothesis_id"] == leader["hypothesis_id"])
                             & (case.ach["rating"].astype("str") != "N"), "signal_id"]
    sentence = (f"{state_likelihood(term)} that “{leader['label']}” is the best explanation of the "
                f"evidence ({str(leader['statement']).rstrip('.')}): it is the least contradicted "
                f"hypothesis in {probability:.0%} of draws that reweight credibility and resample "
                f"the evidence.{tie_note}")
    return [{"judgment_kind": "leading_hypothesis", "judgment": sentence,
             "probability": probability, "likelihood_term": term,
             **rate_confidence(scores[scores["signal_id"].isin(rated_ids)], leader_stability,
                               f"the leading hypothesis stays first under {leader_stability:.0%} "
                               "of plausible credibility weightings")}]


def judge_say_do(case: Case, scores: pd.DataFrame, say_do: SayDo) -> list[dict[str, object]]:
    """The best-attested contested commitment, and the widest gap between words and deeds.

    Dates are given as precisely as the case dates them (a commitment of "1995" stays 1995)."""
    judgments = []
    precision = case.signals.set_index("signal_id")["signal_date_precision"].astype("str")
    fixed = "the conclusion comes from the coded links and stances, not from the credibility weights"
    if not say_do.contested.empty:
        row = say_do.contested.sort_values(
            ["contradicting_source", "signal_date", "signal_id", "contradicting_signal_id"],
            ascending=[False, True, True, True]).iloc[0]
        verb = "committed to" if row["kind"] == "commitment" else "stated"
        sentence = (f"{row['actor_name']} {verb} {quote(row['quote'])} "
                    f"({format_signal_date(row['signal_date'], precision[row['signal_id']])}), but "
                    f"{possessive(row['contradicting_actor_name'])} "
                    f"{row['contradicting_kind']} {quote(row['contradicting_quote'])} "
                    f"({format_signal_date(row['contradicting_signal_date'], precision[row['contradicting_signal_id']])}) "
                    "stands against it.")
        basis = scores[scores["signal_id"].isin([row["signal_id"], row["contradicting_signal_id"]])]
        judgments.append({"judgment_kind": "contested_commitment", "judgment": sentence,
                          "probability": np.nan, "likelihood_term": pd.NA,
                          **rate_confidence(basis, 1.0, fixed)})
    gaps = say_do.gaps[say_do.gaps["abs_gap"] > 0]
    if not gaps.empty:
        row = gaps.iloc[0]
        sentence = (f"{possessive(row['actor_name'])} words and deeds diverge most on “{row['topic_label']}”: "
                    f"its words average {row['say_mean_stance']:+.1f} and its deeds "
                    f"{row['do_mean_stance']:+.1f} on the −2 to +2 stance scale "
                    f"(gap {row['gap']:+.1f}).")
        ids = f"{row['say_signal_ids']};{row['do_signal_ids']}".split(";")
        judgments.append({"judgment_kind": "say_do_gap", "judgment": sentence,
                          "probability": np.nan, "likelihood_term": pd.NA,
                          **rate_confidence(scores[scores["signal_id"].isin(ids)], 1.0, fixed)})
    return judgments


def judge_credibility(scores: pd.DataFrame, actor_scores: pd.DataFrame,
                      sensitivity: WeightSensitivity, speakers: pd.Series) -> list[dict[str, object]]:
    """The most and least credible actors, and how stable the signal ranking is."""
    if actor_scores.empty:
        return []
    ordered = actor_scores.sort_values(["mean_credibility", "actor_id"], ascending=[False, True])
    most, least = ordered.iloc[0], ordered.iloc[-1]
    top = scores.sort_values("rank").iloc[0]
    sentence = (f"{possessive(most['actor_name'])} signals are the most credible in the case (mean "
                f"{most['mean_credibility']:.2f} over {most['n_signals']})")
    if least["actor_id"] != most["actor_id"]:
        sentence += (f" and {possessive(least['actor_name'])} the least (mean {least['mean_credibility']:.2f} "
                     f"over {least['n_signals']})")
    sentence += (f"; the single most credible signal, {possessive(top['actor_name'])} "
                 f"{quote(top['summary'])}, "
                 f"stays first under {sensitivity.p_top_1_stable:.0%} of plausible credibility weightings.")
    basis_actors = {most["actor_id"], least["actor_id"]}
    basis = scores[scores["signal_id"].map(speakers).isin(basis_actors)]
    stability = sensitivity.p_top_k_set_stable
    return [{"judgment_kind": "credibility", "judgment": sentence,
             "probability": np.nan, "likelihood_term": pd.NA,
             **rate_confidence(basis, stability,
                               f"the top {sensitivity.top_k} signals stay the same under "
                               f"{stability:.0%} of plausible credibility weightings")}]


def judge_conflict(case: Case, scores: pd.DataFrame, network: pd.DataFrame,
                   speakers: pd.Series) -> list[dict[str, object]]:
    """The pair of actors most at odds across the topics they share."""
    conflicts = network[network["conflict"] > 0]
    if conflicts.empty:
        return []
    ordered = conflicts.sort_values(["conflict", "net", "actor_a", "actor_b"],
                                    ascending=[False, True, True, True])
    row = ordered.iloc[0]
    n_tied = int((ordered["conflict"].round(12) == round(row["conflict"], 12)).sum()) - 1
    tie_note = f" {n_tied} other pair(s) are as much at odds." if n_tied else ""
    topic_ids = row["topics"].split(";")
    labels = case.topics.set_index("topic_id").loc[topic_ids, "label"]
    sentence = (f"{row['actor_a_name']} and {row['actor_b_name']} are the most at odds in the case: "
                f"across the {row['n_topics']} topic(s) on which both take a side "
                f"({'; '.join(f'“{label}”' for label in labels)}), conflict {row['conflict']:.2f} "
                f"against congruence {row['congruence']:.2f}.{tie_note}")
    basis = scores[scores["signal_id"].map(speakers).isin([row["actor_a"], row["actor_b"]])
                   & scores["topic_id"].isin(topic_ids)]
    return [{"judgment_kind": "conflict", "judgment": sentence,
             "probability": np.nan, "likelihood_term": pd.NA,
             **rate_confidence(basis, 1.0, "the conclusion comes from the coded stances, "
                                           "not from the credibility weights")}]


def build_key_judgments(case: Case, scores: pd.DataFrame, actor_scores: pd.DataFrame,
                        sensitivity: WeightSensitivity, hypotheses: pd.DataFrame,
                        support: pd.DataFrame, leader_stability: float, say_do: SayDo,
                        network: pd.DataFrame, roll_up: bool = False) -> pd.DataFrame:
    """Key judgments from already computed tables of one case (see `key_judgments`)."""
    speakers = roll_up_signals(case, roll_up).set_index("signal_id")["actor_id"]
    rows = [
        *judge_hypotheses(case, scores, hypotheses, support, leader_stability),
        *judge_say_do(case, scores, say_do),
        *judge_credibility(scores, actor_scores, sensitivity, speakers),
        *judge_conflict(case, scores, network, speakers),
    ]
    table = pd.DataFrame(rows, columns=JUDGMENT_COLUMNS)
    return table.astype({"probability": float, "likelihood_term": "str", "confidence": "str"})


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
        leader_stability=leader_weight_stability(known, weights, n_samples=n_samples, seed=seed,
                                                 scores=scores),
        say_do=say_do_gaps(known, roll_up=roll_up, scores=scores),
        network=actor_network(known, roll_up=roll_up),
        roll_up=roll_up,
    )
