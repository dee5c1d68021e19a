"""Does the credibility ranking survive other reasonable weightings?

Weight vectors are drawn from Dirichlet(concentration x normalised weights): centred on
the chosen weights, with `concentration` setting how far a plausible analyst might stray
(50 gives each weight a standard deviation of about 0.05-0.06). Every signal is
re-scored under every draw (`weighted_credibility`: missing components renormalised away)
and re-ranked with the tie rule of
`score_signals` (tied signals share a rank), so the brief can say "this ranking holds for 94% of plausible weightings".
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import os

import numpy as np
import pandas as pd

from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import (COMPONENTS, normalise_weights, rank_each_row, reuse_or_score,
                                    weighted_credibility)

DEFAULT_CONCENTRATION = 50.0
# Signals x samples scored at once when ranking: bounds the transient memory (~80 MB a block).
CHUNK_ELEMENTS = 2_000_000
# Blocks ranked at once, one per core up to 4: memory grows with each.
RANKING_THREADS = min(os.cpu_count() or 1, 4)
RANK_QUANTILES = {"rank_p05": 0.05, "rank_median": 0.5, "rank_p95": 0.95}


@dataclasses.dataclass(frozen=True)
class WeightSensitivity:
    """How stable the credibility ranking is under sampled weightings.

    Ranks are shared (`rank_scores`: tied signals share the best place they hold), so no
    number here depends on the signal ids. The top-k set includes ties: it is every signal
    whose shared rank is at most k, so it may hold more than k signals, and two signals tied
    at the k-th place are both in it rather than one of them chosen by id.

    signals: per signal (in default rank order, tied signals by signal_id) rank_default,
        rank_p05, rank_median, rank_p95 (inverted-CDF quantiles of its shared rank over
        samples) and p_top_k (share of samples in which its shared rank is at most k).
    adjacent_pairs: neighbours in the default order within the first 2k places (tied
        signals ordered by their components, higher first, source before the others, as the
        components settle every draw's ranks; then by actor name, summary and quote; then by id),
        with the upper one's shared rank (rank_default), the lower one's
        (lower_rank_default), and the share of samples in which the lower one ranks strictly
        above the upper one (p_swap; a tie in a sample is no swap).
    p_top_k_set_stable: share of samples whose top-k set (ties included) agrees with the
        default one (`top_set_holds`: equal, or, where signals tie across the k-th place by
        default, keeping the signals surely in and bringing in none from outside).
    p_top_1_stable: the same for k = 1: share of samples whose first place goes to the
        default's most credible signal (to one or more of them when several tie for first,
        and to no other signal).
    """

    signals: pd.DataFrame
    adjacent_pairs: pd.DataFrame
    p_top_k_set_stable: float
    p_top_1_stable: float
    n_samples: int
    top_k: int


def sample_weights(weights: dict[str, float] | None, n_samples: int, concentration: float,
                   rng: np.random.Generator) -> np.ndarray:
    """Draw n_samples weight vectors (5 x n_samples, columns sum to 1) around `weights`.

    Components weighted 0 stay at 0 (a Dirichlet needs positive parameters).
    """
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    if not concentration > 0:
        raise ValueError(f"concentration must be positive, got {concentration}")
    centre = np.array([normalise_weights(weights)[name] for name in COMPONENTS])
    used = centre > 0
    samples = np.zeros((len(COMPONENTS), n_samples))
    samples[used] = rng.dirichlet(concentration * centre[used], size=n_samples).T
    return samples


def rank_in_chunks(components: np.ndarray, sampled: np.ndarray) -> np.ndarray:
    """Ranks (signals x samples, int32) of every signal under every sampled weighting.

    Scores and sorts a block of samples at a time, so memory stays near one int32 per
    signal and sample even for 100,000 signals. Blocks are independent and numpy sorts
    without holding the GIL, so RANKING_THREADS blocks are ranked at once, in as many
    blocks as threads or a multiple of it, so none waits alone at the end (the result does
    not depend on how many). Each block is scored as samples x signals (`rank_each_row`'s
    layout), the same products as signals x samples, transposed.
    """
    n_signals, n_samples = components.shape[0], sampled.shape[1]
    ranks = np.empty((n_signals, n_samples), dtype=np.int32)
    blocks = -(-n_signals * n_samples // CHUNK_ELEMENTS)
    blocks = max(RANKING_THREADS, -(-blocks // RANKING_THREADS) * RANKING_THREADS)
    block = max(1, -(-n_samples // blocks))
    # A signal has no credibility (NaN, ranked last) when none of its present components is weighted.
    weighted = sampled.sum(axis=1) > 0
    may_lack = not (~np.isnan(components) & weighted[None, :]).any(axis=1).all()

    def rank_block(start: int) -> None:
        by_sample = weighted_credibility(sampled[:, start:start + block].T, components)
        if may_lack:
            np.nan_to_num(by_sample, copy=False, nan=-1.0)
        ranks[:, start:start + block] = rank_each_row(by_sample, dtype=np.int32).T

    with concurrent.futures.ThreadPoolExecutor(max_workers=RANKING_THREADS) as pool:
        list(pool.map(rank_block, range(0, n_samples, block)))
    return ranks


def quantile_ranks(ranks: np.ndarray, quantile: float) -> np.ndarray:
    """Inverted-CDF quantile of each row of an already row-sorted rank matrix."""
    column = max(int(np.ceil(quantile * ranks.shape[1])) - 1, 0)
    return ranks[:, column]


def weight_sensitivity(case: Case, weights: dict[str, float] | None = None, n_samples: int = 1000,
                       concentration: float = DEFAULT_CONCENTRATION, seed: int = 0, top_k: int = 5,
                       as_of: AsOf = None, *, scores: pd.DataFrame | None = None) -> WeightSensitivity:
    """Re-rank every signal under sampled weightings; same seed gives identical output.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}")
    rng = np.random.default_rng(seed)
    sampled = sample_weights(weights, n_samples, concentration, rng)
    scores = reuse_or_score(filter_as_of(case, as_of), weights, scores)
    scores = scores.sort_values("signal_id").reset_index(drop=True)
    components = scores[list(COMPONENTS)].to_numpy(dtype=float)
    ranks = rank_in_chunks(components, sampled)
    default_rank = scores["rank"].to_numpy()
    # The top-k set includes ties: every signal whose shared rank is at most k.
    in_top = ranks <= top_k
    p_top_k_set_stable = float(top_set_holds(ranks, default_rank, top_k).mean())
    p_top_1_stable = float(top_set_holds(ranks, default_rank, 1).mean()) if len(scores) else 1.0
    pairs = adjacent_swaps(scores, ranks, top_k)
    p_top_k = in_top.mean(axis=1)
    ranks.sort(axis=1)
    table = scores[["signal_id", "actor_id", "actor_name", "summary", "credibility"]].assign(
        rank_default=default_rank,
        **{name: quantile_ranks(ranks, q) for name, q in RANK_QUANTILES.items()},
        p_top_k=p_top_k,
    ).sort_values(["rank_default", "signal_id"]).reset_index(drop=True)
    return WeightSensitivity(table, pairs, p_top_k_set_stable, p_top_1_stable, n_samples, top_k)


def top_set_holds(ranks: np.ndarray, default_rank: np.ndarray, k: int) -> np.ndarray:
    """Per sample: whether its top-k set (shared rank <= k, ties included) agrees with the default one.

    With no tie at the k-th place, it agrees when the two sets are equal. Signals tied across
    the k-th place by default (a group of equal scores that the first k places cannot all
    hold) are each as much in the top k as the others, so a sample agrees when it keeps
    every signal surely in the default top k (its tied group lies within the first k places)
    and brings in none from outside the default top-k set: a tie that a sample breaks either
    way is no change."""
    in_default = default_rank <= k
    group_size = pd.Series(default_rank).map(pd.Series(default_rank).value_counts()).to_numpy()
    surely_in = in_default & (default_rank + group_size - 1 <= k)
    in_top = ranks <= k
    return in_top[surely_in].all(axis=0) & ~in_top[~in_default].any(axis=0)


def adjacent_swaps(scores: pd.DataFrame, ranks: np.ndarray, top_k: int) -> pd.DataFrame:
    """Neighbours in the default order (the first 2k places) and how often samples swap them.

    Tied signals are ordered by their components, which decide their rank in every sample,
    so a pair's numbers never depend on the ids: two signals whose order only their content
    or ids could decide have the same components, and so the same ranks in every sample. Their
    content (actor name, summary, quote) orders them before their ids, so which actors a pair
    names does not depend on the ids either."""
    # Signals of equal components swap with a neighbour in the same draws; among them, who said what
    # decides the order (a finding names the owners of a pair), the id only where that is the same too.
    content = ["actor_name", "summary", "quote"]
    keys = scores[["rank", *COMPONENTS]].assign(
        **{column: scores[column].astype("str").to_numpy() for column in content},
        signal_id=scores["signal_id"].to_numpy(), position=np.arange(len(scores)))
    position_by_rank = keys.sort_values(["rank", *COMPONENTS, *content, "signal_id"], na_position="last",
                                        ascending=[True, *(False for _ in COMPONENTS), *(True for _ in content), True]
                                        )["position"].to_numpy()
    n_pairs = max(min(2 * top_k, len(scores)) - 1, 0)
    upper = position_by_rank[:n_pairs]
    lower = position_by_rank[1:n_pairs + 1]
    default_rank = scores["rank"].to_numpy()
    return pd.DataFrame({
        "rank_default": default_rank[upper],
        "lower_rank_default": default_rank[lower],
        "upper_signal_id": scores["signal_id"].to_numpy()[upper],
        "lower_signal_id": scores["signal_id"].to_numpy()[lower],
        "upper_credibility": scores["credibility"].to_numpy()[upper],
        "lower_credibility": scores["credibility"].to_numpy()[lower],
        "p_swap": (ranks[upper] > ranks[lower]).mean(axis=1),
    })
