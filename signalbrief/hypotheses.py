"""Analysis of competing hypotheses (Heuer): which explanation does the evidence refute least?

Each rated signal weighs by its credibility (`score_signals`). Heuer ranks hypotheses by
inconsistency only, because evidence consistent with several hypotheses proves little
while one solid inconsistency can refute: weighted inconsistency = sum of credibility x
(1 for I, 2 for II). The leader has the least; ties are flagged, then broken by
hypothesis_id. Weighted consistency (1 for C, 2 for CC) is reported for information.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief import exact
from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import COMPONENTS, TIE_DECIMALS, reuse_or_score
from signalbrief.sensitivity import DEFAULT_CONCENTRATION, sample_weights

RATING_VALUES = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
INCONSISTENCY_WEIGHTS = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2}
CONSISTENCY_WEIGHTS = {"CC": 2, "C": 1, "N": 0, "I": 0, "II": 0}
RATING_RANGE = 4.0


def rated_evidence(case: Case, scores: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scored signals that carry a rating (sorted by signal_id) and the ACH rows with credibility."""
    ratings = case.ach[["hypothesis_id", "signal_id", "rating"]].assign(
        rating=case.ach["rating"].astype("str"))
    rated = scores[scores["signal_id"].isin(ratings["signal_id"])].sort_values("signal_id")
    credibility = rated.set_index("signal_id")["credibility"]
    ratings = ratings.assign(credibility=ratings["signal_id"].map(credibility).astype(float))
    return rated.reset_index(drop=True), ratings


def rating_matrix(ratings: pd.DataFrame, signal_ids: pd.Series, hypothesis_ids: pd.Series,
                  lookup: dict[str, float]) -> np.ndarray:
    """Signals x hypotheses matrix of `lookup[rating]` (0 where a pair is not rated)."""
    values = ratings.assign(value=ratings["rating"].map(lookup).astype(float))
    wide = values.pivot_table(index="signal_id", columns="hypothesis_id", values="value",
                              aggfunc="sum", fill_value=0.0)
    return wide.reindex(index=signal_ids.to_numpy(), columns=hypothesis_ids.to_numpy(),
                        fill_value=0.0).to_numpy(dtype=float)


def pick_leaders(inconsistency: np.ndarray) -> np.ndarray:
    """Index of the least inconsistent hypothesis along the last axis (columns in id order)."""
    return np.argmin(np.round(inconsistency, TIE_DECIMALS), axis=-1)


def sorted_hypotheses(case: Case) -> pd.DataFrame:
    """The hypotheses in hypothesis_id order, the column order of every matrix here."""
    return case.hypotheses.sort_values("hypothesis_id").reset_index(drop=True)


def score_hypotheses(case: Case, weights: dict[str, float] | None = None,
                     as_of: AsOf = None, *, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per hypothesis in rank order: weighted inconsistency and consistency, leader flags.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    hypotheses = sorted_hypotheses(known)
    _, ratings = rated_evidence(known, reuse_or_score(known, weights, scores))
    ratings = ratings.assign(
        inconsistency=ratings["credibility"] * ratings["rating"].map(INCONSISTENCY_WEIGHTS).astype(float),
        consistency=ratings["credibility"] * ratings["rating"].map(CONSISTENCY_WEIGHTS).astype(float),
        is_inconsistent=ratings["rating"].isin(["I", "II"]).astype(int),
    )
    sums = (ratings.groupby("hypothesis_id")[["inconsistency", "consistency", "is_inconsistent", "signal_id"]]
            .agg({"inconsistency": "sum", "consistency": "sum", "is_inconsistent": "sum",
                  "signal_id": "size"})
            .reindex(hypotheses["hypothesis_id"].to_numpy(), fill_value=0))
    table = hypotheses[["hypothesis_id", "label", "statement"]].assign(
        weighted_inconsistency=sums["inconsistency"].to_numpy(dtype=float),
        weighted_consistency=sums["consistency"].to_numpy(dtype=float),
        n_inconsistent=sums["is_inconsistent"].to_numpy(dtype=np.int64),
        n_rated=sums["signal_id"].to_numpy(dtype=np.int64),
    )
    rounded = table["weighted_inconsistency"].round(TIE_DECIMALS)
    table["rank"] = np.argsort(np.argsort(rounded.to_numpy(), kind="stable"), kind="stable") + 1
    table["is_leading"] = table["rank"] == 1
    table["is_tied_for_lead"] = (rounded == rounded.min()) & ((rounded == rounded.min()).sum() > 1)
    return table.sort_values("rank").reset_index(drop=True)


def evidence_diagnosticity(case: Case, weights: dict[str, float] | None = None,
                           as_of: AsOf = None, *, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per rated signal: how much its ratings differ across hypotheses, 0 (alike) to 1.

    diagnosticity = (max rating value - min rating value) / 4 over the hypotheses it is
    rated against; one `rating_<hypothesis_id>` column per hypothesis holds the ratings.
    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    rated, ratings = rated_evidence(known, reuse_or_score(known, weights, scores))
    values = ratings["rating"].map(RATING_VALUES).astype(float)
    spread = values.groupby(ratings["signal_id"]).agg(["max", "min"])
    wide = (ratings.pivot(index="signal_id", columns="hypothesis_id", values="rating")
            .reindex(columns=sorted_hypotheses(known)["hypothesis_id"].to_numpy()))
    wide.columns = [f"rating_{hypothesis_id}" for hypothesis_id in wide.columns]
    table = rated[["signal_id", "actor_id", "actor_name", "summary", "credibility"]].assign(
        diagnosticity=rated["signal_id"].map((spread["max"] - spread["min"]) / RATING_RANGE).astype(float))
    table = table.merge(wide.reset_index(), on="signal_id", how="left", validate="one_to_one")
    return table.sort_values(["diagnosticity", "credibility", "signal_id"],
                             ascending=[False, False, True]).reset_index(drop=True)


def leave_one_out(case: Case, weights: dict[str, float] | None = None,
                  as_of: AsOf = None, *, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per rated signal: the leader without it, and how the leader's margin moves.

    margin = least inconsistency among the other hypotheses - the leader's (with all
    evidence); margin_without is the same for the original leader with the signal
    removed (negative means it lost the lead). Critical evidence changes the leader;
    if none does, the signals that shrink the margin most are critical.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    hypotheses = sorted_hypotheses(known)
    rated, ratings = rated_evidence(known, reuse_or_score(known, weights, scores))
    inconsistency = rated["credibility"].to_numpy()[:, None] * rating_matrix(
        ratings, rated["signal_id"], hypotheses["hypothesis_id"], INCONSISTENCY_WEIGHTS)
    total = inconsistency.sum(axis=0)
    without = total[None, :] - inconsistency
    columns = ["signal_id", "actor_id", "actor_name", "summary", "credibility", "leader_without",
               "changes_leader", "margin", "margin_without", "margin_change", "is_critical"]
    if len(hypotheses) == 0 or len(rated) == 0:
        return pd.DataFrame(columns=columns)
    leader = int(pick_leaders(total))
    leaders_without = pick_leaders(without)
    others = np.delete(np.arange(len(hypotheses)), leader)
    if len(others):
        margin = float(total[others].min() - total[leader])
        margin_without = without[:, others].min(axis=1) - without[:, leader]
    else:
        margin = np.nan
        margin_without = np.full(len(rated), np.nan)
    table = rated[["signal_id", "actor_id", "actor_name", "summary", "credibility"]].assign(
        leader_without=hypotheses["hypothesis_id"].to_numpy()[leaders_without],
        changes_leader=leaders_without != leader,
        margin=margin,
        margin_without=margin_without,
        margin_change=np.round(margin_without - margin, TIE_DECIMALS),
    )
    if table["changes_leader"].any():
        table["is_critical"] = table["changes_leader"]
    else:
        shrink = table["margin_change"].min()
        table["is_critical"] = (table["margin_change"] == shrink) & (shrink < 0)
    return table[columns].sort_values(["is_critical", "margin_change", "signal_id"],
                                      ascending=[False, True, True]).reset_index(drop=True)


def rated_components(case: Case, scores: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Scored rated signals, their inconsistency weights (signals x hypotheses), the hypotheses."""
    hypotheses = sorted_hypotheses(case)
    rated, ratings = rated_evidence(case, scores)
    inconsistency = rating_matrix(ratings, rated["signal_id"], hypotheses["hypothesis_id"],
                                  INCONSISTENCY_WEIGHTS)
    return rated, inconsistency, hypotheses


def hypothesis_support(case: Case, weights: dict[str, float] | None = None, n_samples: int = 1000,
                       seed: int = 0, as_of: AsOf = None, *,
                       scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of draws in which each hypothesis leads: the probability the judgments quote.

    Each draw combines a Dirichlet weighting (as in `weight_sensitivity`) with a bootstrap
    resample of the rated signals. With no rated evidence, support is missing (NaN).
    Same seed gives identical output.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    rated, inconsistency, hypotheses = rated_components(known, reuse_or_score(known, weights, scores))
    components = rated[list(COMPONENTS)].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    sampled = sample_weights(weights, n_samples, DEFAULT_CONCENTRATION, rng)
    n_rated = len(components)
    table = hypotheses[["hypothesis_id", "label"]].copy()
    if n_rated == 0 or len(hypotheses) == 0:
        return table.assign(n_leads=0, support=np.nan)
    counts = rng.multinomial(n_rated, np.full(n_rated, 1.0 / n_rated), size=n_samples)
    credibility = exact.product(components, sampled)
    draw_inconsistency = exact.product((counts.T * credibility).T, inconsistency)
    n_leads = np.bincount(pick_leaders(draw_inconsistency), minlength=len(hypotheses))
    table = table.assign(n_leads=n_leads, support=n_leads / n_samples)
    return table.sort_values(["support", "hypothesis_id"], ascending=[False, True]).reset_index(drop=True)


def leader_weight_stability(case: Case, weights: dict[str, float] | None = None,
                            n_samples: int = 1000, seed: int = 0, as_of: AsOf = None, *,
                            scores: pd.DataFrame | None = None) -> float:
    """Share of Dirichlet weightings (evidence fixed) under which the ACH leader stays first.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    rated, inconsistency, hypotheses = rated_components(known, reuse_or_score(known, weights, scores))
    if len(hypotheses) == 0 or len(rated) == 0:
        return float("nan")
    rng = np.random.default_rng(seed)
    sampled = sample_weights(weights, n_samples, DEFAULT_CONCENTRATION, rng)
    leader = pick_leaders(exact.product(rated["credibility"].to_numpy(), inconsistency))
    leaders = pick_leaders(exact.product(exact.product(rated[list(COMPONENTS)].to_numpy(dtype=float), sampled).T,
                                         inconsistency))
    return float((leaders == leader).mean())
