"""Who agrees with whom: congruence and conflict between actors, as in Discourse Network Analyzer.

For each pair of actors and each topic on which both have a nonzero mean stance, the
same sign adds 1 - |m_a - m_b| / 4 to congruence (full agreement counts 1) and opposite
signs add |m_a - m_b| / 4 to conflict (+2 against -2 counts 1). A zero mean is no side.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.stances import join_ids_by_group, roll_up_signals

STANCE_RANGE = 4.0


def actor_network(case: Case, as_of: AsOf = None, roll_up: bool = False) -> pd.DataFrame:
    """One row per pair of actors (actor_a < actor_b) sharing at least one topic with a side."""
    known = filter_as_of(case, as_of)
    signals = roll_up_signals(known, roll_up)
    positions = signals.groupby(["actor_id", "topic_id"], sort=True)["stance"].mean().reset_index()
    positions = positions[positions["stance"] != 0]
    pairs = positions.merge(positions, on="topic_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_id_a"] < pairs["actor_id_b"]]
    gap = (pairs["stance_a"] - pairs["stance_b"]).abs() / STANCE_RANGE
    same_side = np.sign(pairs["stance_a"]) == np.sign(pairs["stance_b"])
    pairs = pairs.assign(congruence=(1 - gap).where(same_side, 0.0),
                         conflict=gap.where(~same_side, 0.0))
    edges = (
        pairs.groupby(["actor_id_a", "actor_id_b"], sort=True)
        .agg(congruence=("congruence", "sum"), conflict=("conflict", "sum"),
             n_topics=("topic_id", "size"))
        .assign(topics=join_ids_by_group(pairs, ["actor_id_a", "actor_id_b"], "topic_id"))
        .reset_index()
        .rename(columns={"actor_id_a": "actor_a", "actor_id_b": "actor_b"})
    )
    names = pd.Series(known.actors["name"].to_numpy(), index=known.actors["actor_id"].to_numpy())
    edges.insert(2, "actor_a_name", edges["actor_a"].map(names).astype("str"))
    edges.insert(3, "actor_b_name", edges["actor_b"].map(names).astype("str"))
    edges.insert(6, "net", edges["congruence"] - edges["conflict"])
    return edges.astype({"congruence": float, "conflict": float, "net": float})
