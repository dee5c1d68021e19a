"""Weight sensitivity: how far the credibility ranking survives other weightings."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from factories import make_case, tiny_cases
from hypothesis import given, settings

from signalbrief.sensitivity import sample_weights, weight_sensitivity


def mirrored_case():
    """x is strong on source and weak on cost, y the mirror image; z is weak on both (commitments,
    so cost applies)."""
    return make_case(
        outlets=[{"outlet_id": "good", "reliability": "A"}, {"outlet_id": "poor", "reliability": "E"}],
        actors=[{"actor_id": "a"}, {"actor_id": "b"}, {"actor_id": "c"}], topics=[{"topic_id": "t"}],
        signals=[
            {"signal_id": "x", "kind": "commitment", "actor_id": "a", "topic_id": "t", "outlet_id": "good", "cost": "cheap_talk"},
            {"signal_id": "y", "kind": "commitment", "actor_id": "b", "topic_id": "t", "outlet_id": "poor", "cost": "sunk_cost"},
            {"signal_id": "z", "kind": "commitment", "actor_id": "c", "topic_id": "t", "outlet_id": "poor", "cost": "cheap_talk"},
        ])


def test_a_dominant_signal_is_first_under_every_weighting():
    case = make_case(
        outlets=[{"outlet_id": "good", "reliability": "A"}, {"outlet_id": "poor", "reliability": "E"}],
        actors=[{"actor_id": "a"}, {"actor_id": "b"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "best", "actor_id": "a", "topic_id": "t", "outlet_id": "good",
                  "cost": "sunk_cost"},
                 {"signal_id": "worst", "actor_id": "b", "topic_id": "t", "outlet_id": "poor",
                  "hedging": "hedged"}])
    # best is at least as good on every component and better on three: no weighting reorders them
    result = weight_sensitivity(case, n_samples=200, top_k=1)
    table = result.signals.set_index("signal_id")
    assert table.loc["best", ["rank_default", "rank_p05", "rank_median", "rank_p95"]].tolist() == [1, 1, 1, 1]
    assert table.loc["best", "p_top_k"] == 1.0 and table.loc["worst", "p_top_k"] == 0.0
    assert (result.p_top_k_set_stable, result.p_top_1_stable) == (1.0, 1.0)
    assert result.adjacent_pairs["p_swap"].tolist() == [0.0]


def test_mirrored_signals_swap_about_half_the_time():
    # With only source and cost weighted equally, x = 0.5×1.0 + 0.5×0.2 = 0.6 and y = 0.5×0.2 + 0.5×1.0 = 0.6
    # tie: both rank 1. Of the tied pair, x (the higher source score) is listed first; they swap
    # exactly when the cost weight exceeds the source weight, which under a symmetric
    # Dirichlet(25, 25) happens half the time (1000 draws: within ±0.06).
    result = weight_sensitivity(mirrored_case(), weights={"source": 1, "cost": 1}, n_samples=1000, top_k=1)
    pairs = result.adjacent_pairs
    assert pairs.loc[0, ["upper_signal_id", "lower_signal_id"]].tolist() == ["x", "y"]
    assert pairs.loc[0, ["rank_default", "lower_rank_default"]].tolist() == [1, 1]
    assert pairs.loc[0, "p_swap"] == pytest.approx(0.5, abs=0.06)
    assert result.signals.set_index("signal_id")["rank_default"].to_dict() == {"x": 1, "y": 1, "z": 3}
    # The top-1 set with ties is {x, y}: every draw gives first place to one of them and never
    # to z, so the tie broken either way is no change: 100%, not 0%.
    assert result.p_top_1_stable == 1.0
    assert result.p_top_k_set_stable == 1.0
    z = result.signals.set_index("signal_id").loc["z"]
    assert (z["rank_p05"], z["rank_p95"], z["p_top_k"]) == (3, 3, 0.0)  # z is last under any weighting


def test_pairs_cover_adjacent_ranks_within_twice_top_k():
    result = weight_sensitivity(mirrored_case(), n_samples=50, top_k=1)
    # 2k = 2: only the pair ranked 1 and 2
    assert result.adjacent_pairs["rank_default"].tolist() == [1]
    assert len(weight_sensitivity(mirrored_case(), n_samples=50, top_k=5).adjacent_pairs) == 2  # 3 signals


def test_zero_weights_stay_zero_and_samples_sum_to_one():
    samples = sample_weights({"source": 3, "cost": 1}, 100, 50.0, np.random.default_rng(0))
    assert samples.shape == (5, 100)
    assert np.allclose(samples.sum(axis=0), 1.0)
    assert (samples[[1, 3, 4]] == 0).all()  # corroboration, consistency, specificity
    assert samples[0].mean() == pytest.approx(0.75, abs=0.02)  # centred on 3 / (3 + 1)


@pytest.mark.parametrize("kwargs, message", [({"n_samples": 0}, "n_samples must be at least 1"),
                                             ({"top_k": 0}, "top_k must be at least 1"),
                                             ({"concentration": 0.0}, "concentration must be positive")])
def test_bad_parameters_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        weight_sensitivity(mirrored_case(), **kwargs)


def assert_same_sensitivity(first, second):
    pd.testing.assert_frame_equal(first.signals, second.signals)
    pd.testing.assert_frame_equal(first.adjacent_pairs, second.adjacent_pairs)
    assert (first.p_top_k_set_stable, first.p_top_1_stable) == (second.p_top_k_set_stable,
                                                                 second.p_top_1_stable)


@settings(deadline=None, max_examples=50)
@given(tiny_cases())
def test_the_same_seed_gives_identical_output(case):
    assert_same_sensitivity(weight_sensitivity(case, n_samples=100, seed=7),
                            weight_sensitivity(case, n_samples=100, seed=7))


def test_different_seeds_give_different_samples():
    first = weight_sensitivity(mirrored_case(), weights={"source": 1, "cost": 1}, n_samples=1000, seed=0)
    second = weight_sensitivity(mirrored_case(), weights={"source": 1, "cost": 1}, n_samples=1000, seed=1)
    assert first.adjacent_pairs.loc[0, "p_swap"] != second.adjacent_pairs.loc[0, "p_swap"]


def test_ranking_in_blocks_of_samples_changes_nothing(monkeypatch):
    whole = weight_sensitivity(mirrored_case(), n_samples=101, seed=5)
    monkeypatch.setattr("signalbrief.sensitivity.CHUNK_ELEMENTS", 7)  # 3 signals: blocks of 3 samples or fewer
    assert_same_sensitivity(whole, weight_sensitivity(mirrored_case(), n_samples=101, seed=5))


@pytest.mark.parametrize("threads", [1, 3])
def test_ranking_blocks_on_any_number_of_threads_changes_nothing(monkeypatch, threads):
    whole = weight_sensitivity(mirrored_case(), n_samples=101, seed=5)
    monkeypatch.setattr("signalbrief.sensitivity.CHUNK_ELEMENTS", 7)  # blocks of 3 samples or fewer: over 30
    monkeypatch.setattr("signalbrief.sensitivity.RANKING_THREADS", threads)
    assert_same_sensitivity(whole, weight_sensitivity(mirrored_case(), n_samples=101, seed=5))


def test_a_tie_at_the_kth_place_does_not_unsettle_the_top_k_set():
    # Default weights. x and y are the same commitment but for who sends it (A direct 1.0, cheap talk 0.2,
    # unconditional 1.0): equal under any weights, so they share rank 2 in every draw. best (the same with a
    # sunk cost) is first in every draw, worst (E, hedged) last.
    case = make_case(
        outlets=[{"outlet_id": "good", "reliability": "A"}, {"outlet_id": "poor", "reliability": "E"}],
        actors=[{"actor_id": "a"}, {"actor_id": "b"}, {"actor_id": "c"}, {"actor_id": "d"}], topics=[{"topic_id": "t"}],
        signals=[
            {"signal_id": "best", "kind": "commitment", "actor_id": "a", "topic_id": "t", "outlet_id": "good",
             "cost": "sunk_cost"},
            {"signal_id": "x", "kind": "commitment", "actor_id": "b", "topic_id": "t", "outlet_id": "good"},
            {"signal_id": "y", "kind": "commitment", "actor_id": "c", "topic_id": "t", "outlet_id": "good"},
            {"signal_id": "worst", "kind": "commitment", "actor_id": "d", "topic_id": "t", "outlet_id": "poor",
             "hedging": "hedged"},
        ])
    result = weight_sensitivity(case, n_samples=200, top_k=2)
    table = result.signals.set_index("signal_id")
    assert table["rank_default"].to_dict() == {"best": 1, "x": 2, "y": 2, "worst": 4}
    # The top-2 set, ties included, is {best, x, y} in the default and in every draw.
    assert table["p_top_k"].to_dict() == {"best": 1.0, "x": 1.0, "y": 1.0, "worst": 0.0}
    assert result.p_top_k_set_stable == 1.0
    assert result.p_top_1_stable == 1.0
    assert result.adjacent_pairs["p_swap"].tolist() == [0.0, 0.0, 0.0]
    assert result.adjacent_pairs["rank_default"].tolist() == [1, 2, 2]
