"""How far each signal can be believed: five components in [0, 1] and their weighted mean.

Components (each with a one-line reason the brief prints):

- source: how good the channel is. The outlet's Admiralty reliability grade
  (`RELIABILITY_SCORES`; F "cannot be judged" is 0.5, i.e. no information) times how
  directly the article carries the actor's own words (`REPORTING_DIRECTNESS`).
- corroboration: what other signals say about this one. A Beta(1, 1) prior updated by
  linked signals, each counting with its own *source* score (not its credibility, which
  would be circular): (1 + sum corroborating) / (2 + sum corroborating + sum against).
  `corroborates` and `contradicts` count for both ends (one of the two is wrong, we do
  not know which); `denies` lowers only its target; `qualifies` and `responds_to` do not
  count. No links gives 0.5.
- cost: costly signals are more believable (Fearon 1997): `COST_SCORES`.
- consistency: agreement with the same actor's other signals on the same topic,
  1 - weighted mean |stance gap| / 4, deeds (`DEED_KINDS`) weighing `DEED_WEIGHT`,
  because what an actor does says more than what it says. No other signal gives 0.5.
- specificity: a flat commitment can be held to account, a hedge cannot: `SPECIFICITY_SCORES`.

`DEFAULT_WEIGHTS` put the channel first (0.30: a badly sourced signal is weak whatever
it says), corroboration and cost next (0.20 each: independent checks and skin in the
game), and consistency and specificity last (0.15 each: they describe the signal more
than they test it). `weight_sensitivity` shows how much the ranking depends on them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief import exact
from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.stances import name_actors_and_topics, roll_up_signals

COMPONENTS = ("source", "corroboration", "cost", "consistency", "specificity")
DEFAULT_WEIGHTS = {"source": 0.30, "corroboration": 0.20, "cost": 0.20,
                   "consistency": 0.15, "specificity": 0.15}

RELIABILITY_SCORES = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
REPORTING_DIRECTNESS = {"direct_quote": 1.0, "reported_speech": 0.85, "paraphrase": 0.7,
                        "article_inference": 0.55}
COST_SCORES = {"cheap_talk": 0.2, "hands_tying": 0.6, "sunk_cost": 1.0}
SPECIFICITY_SCORES = {"unconditional": 1.0, "conditional": 0.6, "hedged": 0.3}
DEED_KINDS = ("action", "law")
DEED_WEIGHT = 2.0
NO_INFORMATION = 0.5
STANCE_RANGE = 4.0
# Scores equal to this many decimals are ties (broken by signal_id), so float noise never reorders.
TIE_DECIMALS = 12

SIGNAL_COLUMNS = ["signal_id", "actor_id", "topic_id", "kind", "stance", "signal_date",
                  "outlet_id", "outlet_name", "reliability", "reporting", "quote", "summary"]


def normalise_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """Check component weights and scale them to sum to 1 (None gives DEFAULT_WEIGHTS).

    Components left out weigh 0. Raises ValueError for unknown names, negative or
    non-finite weights, or weights summing to 0.
    """
    if weights is None:
        weights = DEFAULT_WEIGHTS
    unknown = sorted(set(weights) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"unknown credibility component(s) {unknown}; known: {list(COMPONENTS)}")
    values = {name: float(weights.get(name, 0.0)) for name in COMPONENTS}
    bad = {name: value for name, value in values.items() if not np.isfinite(value) or value < 0}
    if bad:
        raise ValueError(f"credibility weights must be finite and non-negative, got {bad}")
    total = sum(values.values())
    if total <= 0:
        raise ValueError("credibility weights must have a positive sum")
    return {name: value / total for name, value in values.items()}


def rank_scores(scores: np.ndarray) -> np.ndarray:
    """Rank scores (rows in signal_id order; one column per weighting) 1 = highest.

    Ties to TIE_DECIMALS are broken by row order, i.e. by signal_id. See `rank_each_row`.
    """
    scores = np.asarray(scores, dtype=float)
    return rank_each_row(np.array(scores.T, dtype=float, order="C")).T


def rank_each_row(by_weighting: np.ndarray, dtype: type = np.int64) -> np.ndarray:
    """The ranks (as `dtype`) of each row's scores, one row per weighting and one column per
    signal in signal_id order: `rank_scores` of the transposed matrix. Works in place on
    `by_weighting`, which must be a C-contiguous float64 array the caller no longer needs.

    Written for speed, as `weight_sensitivity` ranks 10,000 signals under 1,000 weightings:
    rather than a stable argsort of each row, each score becomes one unique int64 key, its
    score scaled by 10**TIE_DECIMALS, rounded and negated in the high bits and its column
    number in the low bits. Sorting the keys of each row then gives exactly the stable order
    of -round(score, TIE_DECIMALS), since np.round is that scaling and rounding followed by a
    division that keeps order and equality, and the column number in a key can be read back
    with a mask. Scores must be finite and small enough for the key to fit in 63 bits (any
    credibility in [0, 1] does, up to millions of signals).
    """
    n_columns = by_weighting.shape[-1]
    column_bits = max(n_columns - 1, 0).bit_length()
    limit = 2.0**(62 - column_bits)
    scaled = by_weighting
    scaled *= 10.0**TIE_DECIMALS
    # min and max are NaN when any score is: then neither comparison holds.
    if scaled.size and not (-limit < scaled.min() and scaled.max() < limit):
        raise ValueError(f"scores to rank must be finite and within ±{limit / 10.0**TIE_DECIMALS:g}")
    np.rint(scaled, out=scaled)
    keys = scaled.astype(np.int64)
    keys *= -(1 << column_bits)
    keys += np.arange(n_columns, dtype=np.int64)
    keys.sort(axis=-1)
    keys &= (1 << column_bits) - 1
    ranks = np.empty(keys.shape, dtype=dtype)
    np.put_along_axis(ranks, keys, np.broadcast_to(np.arange(1, n_columns + 1, dtype=dtype), keys.shape), axis=-1)
    return ranks


def format_scores(values: pd.Series) -> pd.Series:
    """Two-decimal text of each score, for reason strings."""
    return values.map("{:.2f}".format).astype("str")


def score_source(signals: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Outlet reliability x directness of reporting, and its reason."""
    reliability = signals["reliability"].astype("str").map(RELIABILITY_SCORES)
    directness = signals["reporting"].astype("str").map(REPORTING_DIRECTNESS)
    source = reliability * directness
    reason = (signals["outlet_name"] + " graded " + signals["reliability"].astype("str")
              + " (" + format_scores(reliability) + ") × "
              + signals["reporting"].astype("str").str.replace("_", " ")
              + " (" + format_scores(directness) + ") = " + format_scores(source))
    return source, reason


def score_corroboration(signals: pd.DataFrame, links: pd.DataFrame,
                        source: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Beta(1, 1) prior updated by linked signals' source scores, and its reason."""
    relation = links["relation"].astype("str")
    sym = links[relation.isin(["corroborates", "contradicts"])]
    sym_relation = relation[sym.index]
    denies = links[relation == "denies"]
    evidence = pd.concat([
        pd.DataFrame({"signal_id": sym["to_signal_id"], "other_id": sym["from_signal_id"],
                      "supports": sym_relation == "corroborates"}),
        pd.DataFrame({"signal_id": sym["from_signal_id"], "other_id": sym["to_signal_id"],
                      "supports": sym_relation == "corroborates"}),
        pd.DataFrame({"signal_id": denies["to_signal_id"], "other_id": denies["from_signal_id"],
                      "supports": False}),
    ], ignore_index=True)
    source_by_id = pd.Series(source.to_numpy(), index=signals["signal_id"].to_numpy())
    evidence["weight"] = evidence["other_id"].map(source_by_id).astype(float)
    evidence["for_weight"] = evidence["weight"].where(evidence["supports"], 0.0)
    evidence["against_weight"] = evidence["weight"].where(~evidence["supports"], 0.0)
    evidence["n_for"] = evidence["supports"].astype(int)
    evidence["n_against"] = 1 - evidence["n_for"]
    sums = (evidence.groupby("signal_id")[["for_weight", "against_weight", "n_for", "n_against"]]
            .sum().reindex(signals["signal_id"].to_numpy(), fill_value=0))
    sums.index = signals.index
    corroboration = (1 + sums["for_weight"]) / (2 + sums["for_weight"] + sums["against_weight"])
    has_links = (sums["n_for"] + sums["n_against"]) > 0
    linked_reason = (sums["n_for"].astype("str") + " corroborating (Σ source "
                     + format_scores(sums["for_weight"]) + "), "
                     + sums["n_against"].astype("str") + " contradicting or denying (Σ source "
                     + format_scores(sums["against_weight"]) + "): (1 + "
                     + format_scores(sums["for_weight"]) + ") / (2 + "
                     + format_scores(sums["for_weight"]) + " + "
                     + format_scores(sums["against_weight"]) + ") = "
                     + format_scores(corroboration))
    reason = linked_reason.where(has_links, "no corroborating or contradicting signal (0.50, no information)")
    return corroboration, reason


def score_consistency(signals: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Agreement with the same actor's other signals on the topic, deeds weighing double."""
    is_deed = signals["kind"].astype("str").isin(DEED_KINDS)
    weight = np.where(is_deed, DEED_WEIGHT, 1.0)
    stance = signals["stance"].to_numpy(dtype=float)
    stance_values = np.arange(-2, 3, dtype=float)
    weight_at_value = pd.DataFrame(
        (stance[:, None] == stance_values[None, :]) * weight[:, None], index=signals.index)
    weight_at_value[["actor_id", "topic_id"]] = signals[["actor_id", "topic_id"]]
    group = weight_at_value.groupby(["actor_id", "topic_id"])
    cell_weights = group[list(range(5))].transform("sum").to_numpy()
    gap_sum = (cell_weights * np.abs(stance[:, None] - stance_values[None, :])).sum(axis=1)
    other_weight = cell_weights.sum(axis=1) - weight
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_gap = gap_sum / other_weight
    has_others = other_weight > 0
    consistency = pd.Series(np.where(has_others, 1 - mean_gap / STANCE_RANGE, NO_INFORMATION),
                            index=signals.index)
    cell = signals.assign(is_deed=is_deed.astype(int)).groupby(["actor_id", "topic_id"])
    n_others = cell["signal_id"].transform("size") - 1
    n_other_deeds = cell["is_deed"].transform("sum") - is_deed.astype(int)
    reason = (n_others.astype("str") + " other signal(s) by this actor on this topic ("
              + n_other_deeds.astype("str") + " of them deeds, weighing double): weighted mean gap "
              + format_scores(pd.Series(np.where(has_others, mean_gap, 0.0), index=signals.index))
              + " of 4 → " + format_scores(consistency))
    reason = reason.where(has_others, "no other signal by this actor on this topic (0.50, no information)")
    return consistency, reason


def score_lookup(values: pd.Series, scores: dict[str, float], what: str) -> tuple[pd.Series, pd.Series]:
    """Score a coded column from a lookup table, with the reason '<what> <code>: <score>'."""
    text = values.astype("str")
    score = text.map(scores).astype(float)
    reason = what + text.str.replace("_", " ") + ": " + format_scores(score)
    return score, reason


def score_signals(case: Case, weights: dict[str, float] | None = None,
                  as_of: AsOf = None) -> pd.DataFrame:
    """One row per signal: its five components with reasons, the weighted credibility and rank.

    Rows come in rank order (1 = most credible; ties broken by signal_id).
    """
    weights = normalise_weights(weights)
    known = filter_as_of(case, as_of)
    outlets = known.outlets[["outlet_id", "name", "reliability"]].rename(columns={"name": "outlet_name"})
    signals = known.signals.sort_values("signal_id").merge(
        outlets, on="outlet_id", how="left", validate="many_to_one")
    assert len(signals) == len(known.signals), "an outlet_id did not join"
    table = signals[SIGNAL_COLUMNS].copy()
    table["source"], table["source_reason"] = score_source(signals)
    table["corroboration"], table["corroboration_reason"] = score_corroboration(
        signals, known.links, table["source"])
    table["cost"], table["cost_reason"] = score_lookup(
        signals["cost"], COST_SCORES, "cost to the sender (Fearon 1997), ")
    table["consistency"], table["consistency_reason"] = score_consistency(signals)
    table["specificity"], table["specificity_reason"] = score_lookup(
        signals["hedging"], SPECIFICITY_SCORES, "")
    components = table[list(COMPONENTS)].to_numpy(dtype=float)
    table["credibility"] = exact.product(components, np.array([weights[name] for name in COMPONENTS]))
    table["rank"] = rank_scores(table["credibility"].to_numpy())
    ordered = [*SIGNAL_COLUMNS, *COMPONENTS, *(f"{name}_reason" for name in COMPONENTS),
               "credibility", "rank"]
    table = table[ordered].sort_values("rank").reset_index(drop=True)
    return name_actors_and_topics(table, known)


def reuse_or_score(case: Case, weights: dict[str, float] | None,
                   scores: pd.DataFrame | None) -> pd.DataFrame:
    """The caller's precomputed `score_signals` table, or a fresh one."""
    return score_signals(case, weights) if scores is None else scores


def score_actors(case: Case, weights: dict[str, float] | None = None, as_of: AsOf = None,
                 roll_up: bool = False, *, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per actor with signals: how many, and their mean, min and max credibility.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    scores = reuse_or_score(known, weights, scores)
    speaker = roll_up_signals(known, roll_up).set_index("signal_id")["actor_id"]
    scores = scores.assign(actor_id=scores["signal_id"].map(speaker).astype("str"))
    actors = (
        scores.groupby("actor_id", sort=True)
        .agg(n_signals=("signal_id", "size"), mean_credibility=("credibility", "mean"),
             min_credibility=("credibility", "min"), max_credibility=("credibility", "max"))
        .reset_index()
    )
    return name_actors_and_topics(actors, known)
