"""Every analysis table of a case, computed once so the brief and each dossier share them:
`analyse_case_folder` keeps the last few results of its process, keyed by the case's files and
every parameter, so a render's dossiers (run in the kernel that ran the brief) reuse the brief's."""
from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import os
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import COMPONENTS, normalise_weights, score_actors, score_signals
from signalbrief.hypotheses import (RatedEvidence, evidence_diagnosticity, hypothesis_support,
                                    leader_weight_stability, leaders_without_own_voice, leave_one_out,
                                    score_hypotheses)
from signalbrief.judgments import build_key_judgments
from signalbrief.network import actor_network
from signalbrief.saydo import SayDo, say_do_gaps
from signalbrief.sensitivity import WeightSensitivity, weight_sensitivity
from signalbrief.stances import stance_matrix, stance_over_time
from signalbrief.validate import load_case

# Analyses kept per process: a render needs one; a few more cover a session trying parameters.
CACHED_ANALYSES = 4


@dataclasses.dataclass(frozen=True)
class Analysis:
    """The case as known on `as_of`, the parameters used, and every derived table."""

    case: Case
    weights: dict[str, float]
    n_samples: int
    seed: int
    top_k: int
    as_of: AsOf
    roll_up: bool
    stances: pd.DataFrame
    stances_over_time: pd.DataFrame
    signal_scores: pd.DataFrame
    actor_scores: pd.DataFrame
    sensitivity: WeightSensitivity
    hypothesis_scores: pd.DataFrame
    diagnosticity: pd.DataFrame
    leave_one_out: pd.DataFrame
    hypothesis_support: pd.DataFrame
    leader_weight_stability: float
    network: pd.DataFrame
    say_do: SayDo
    key_judgments: pd.DataFrame


def run_analysis(case: Case, weights: dict[str, float] | None = None, n_samples: int = 1000,
                 seed: int = 0, top_k: int = 5, as_of: AsOf = None,
                 roll_up: bool = False) -> Analysis:
    """Run every analysis on the case as known on `as_of`; the judgments reuse the tables."""
    known = filter_as_of(case, as_of)
    scores = score_signals(known, weights)
    # The weight sensitivity (numpy sorting, which leaves the GIL free) runs in a thread of its
    # own while this one builds the pandas tables, each on a CPU; it reads only its own copy of
    # the scores.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sensitivity") as pool:
        sensitivity_done = pool.submit(weight_sensitivity, known, weights, n_samples=n_samples, seed=seed,
                                       top_k=top_k, scores=scores.copy(deep=True))
        actor_scores = score_actors(known, weights, roll_up=roll_up, scores=scores)
        evidence = RatedEvidence(known, scores)
        hypotheses = score_hypotheses(known, weights, evidence=evidence)
        support = hypothesis_support(known, weights, n_samples=n_samples, seed=seed, evidence=evidence)
        stability = leader_weight_stability(known, weights, n_samples=n_samples, seed=seed, evidence=evidence)
        say_do = say_do_gaps(known, roll_up=roll_up, scores=scores)
        network = actor_network(known, roll_up=roll_up)
        stances = stance_matrix(known, roll_up=roll_up)
        stances_over_time = stance_over_time(known, roll_up=roll_up)
        diagnosticity = evidence_diagnosticity(known, weights, evidence=evidence, ranked=hypotheses)
        loo = leave_one_out(known, weights, evidence=evidence)
        own_voice_leaders = leaders_without_own_voice(known, weights, evidence=evidence)
        sensitivity = sensitivity_done.result()
    judgments = build_key_judgments(known, scores, actor_scores, sensitivity, hypotheses, support, loo,
                                    diagnosticity, own_voice_leaders, say_do, network, roll_up=roll_up)
    return Analysis(
        case=known, weights=normalise_weights(weights), n_samples=n_samples, seed=seed,
        top_k=top_k, as_of=as_of, roll_up=roll_up, stances=stances, stances_over_time=stances_over_time,
        signal_scores=scores, actor_scores=actor_scores, sensitivity=sensitivity,
        hypothesis_scores=hypotheses, diagnosticity=diagnosticity, leave_one_out=loo,
        hypothesis_support=support, leader_weight_stability=stability, network=network, say_do=say_do,
        key_judgments=judgments,
    )


class AnalysisKey(NamedTuple):
    """What decides an analysis of a case folder: the folder's resolved path, the name, size and
    modification time of every file in it (`fingerprint`), and every parameter."""

    folder: str
    fingerprint: tuple
    weight_items: tuple | None
    n_samples: int
    seed: int
    top_k: int
    as_of: str | None
    roll_up: bool


def make_cache_key(case_dir: str | os.PathLike, weights: dict[str, float] | None = None, n_samples: int = 1000,
                   seed: int = 0, top_k: int = 5, as_of: AsOf = None, roll_up: bool = False) -> AnalysisKey:
    """The key of `analyse_case_folder`'s arguments, as the folder's files are now."""
    folder = Path(case_dir).resolve()
    fingerprint = tuple(sorted((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                               for entry in folder.iterdir() if entry.is_file())) if folder.is_dir() else ()
    weight_items = None if weights is None else tuple(sorted(weights.items()))
    as_of_key = None if as_of is None else str(as_of)
    return AnalysisKey(str(folder), fingerprint, weight_items, n_samples, seed, top_k, as_of_key, roll_up)


def analyse_case_folder(case_dir: str | os.PathLike, weights: dict[str, float] | None = None,
                        n_samples: int = 1000, seed: int = 0, top_k: int = 5, as_of: AsOf = None,
                        roll_up: bool = False) -> Analysis:
    """Load and validate the case folder, then `run_analysis` on it, reusing a cached result.

    A render runs the brief and every dossier with the same parameters in one kernel, so the
    analysis is computed once per kernel. The key (`make_cache_key`) changes with any file of the case or
    any parameter, so an edited case or a new parameter is analysed afresh. Callers must
    not modify the returned tables: they are shared with later calls.
    """
    return analyse_cached(make_cache_key(case_dir, weights, n_samples, seed, top_k, as_of, roll_up))


@functools.lru_cache(maxsize=CACHED_ANALYSES)
def analyse_cached(key: AnalysisKey) -> Analysis:
    """`analyse_case_folder` behind its cache."""
    return analyse_key(load_case(key.folder), key)


def analyse_key(case: Case, key: AnalysisKey) -> Analysis:
    """`run_analysis` of the loaded `case` with the parameters of `key`."""
    weights = None if key.weight_items is None else dict(key.weight_items)
    return run_analysis(case, weights=weights, n_samples=key.n_samples, seed=key.seed, top_k=key.top_k,
                        as_of=key.as_of, roll_up=key.roll_up)
