"""Who agrees with whom: congruence and conflict between actors, as in Discourse Network Analyzer.

Agreement is measured within a period, not across decades: only signals known in the
`NETWORK_WINDOW_DAYS` days up to the brief's date (its as_of, or the latest date in the case)
count, and each actor's side on a topic is its latest position there (`latest_positions`).
For each pair of actors and each topic on which both have a nonzero position, the same
sign adds 1 - |p_a - p_b| / 4 to congruence (full agreement counts 1) and opposite signs
add |p_a - p_b| / 4 to conflict (+2 against -2 counts 1). A zero position is no side. A
signature of 1995 and a statement of 2000 are not an agreement, or a conflict, between
their senders.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief.asof import AsOf, filter_as_of, known_from, parse_as_of
from signalbrief.case import Case
from signalbrief.stances import join_ids_by_group, latest_positions, roll_up_signals

STANCE_RANGE = 4.0
NETWORK_WINDOW_DAYS = 365


def actor_network(case: Case, as_of: AsOf = None, roll_up: bool = False,
                  window_days: int = NETWORK_WINDOW_DAYS) -> pd.DataFrame:
    """One row per pair of actors (actor_a < actor_b) sharing at least one topic with a side in the window."""
    known = filter_as_of(case, as_of)
    signals = roll_up_signals(known, roll_up)
    known_on = known_from(signals["signal_date"], signals["signal_date_precision"])
    cutoff = parse_as_of(as_of)
    end = cutoff if cutoff is not None else known_on.max()
    in_window = signals[known_on > end - pd.Timedelta(days=window_days)] if len(signals) else signals
    positions = latest_positions(in_window, with_history=False).rename(columns={"position": "stance"})[
        ["actor_id", "topic_id", "stance"]]
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


def pairs_in_name_order(network: pd.DataFrame) -> pd.DataFrame:
    """`network` with each pair's two actors in the order a reader sees, by name (case ignored),
    not by id: a sentence or table names "Abel with Bea" whatever their ids."""
    keep = network["actor_a_name"].str.casefold() <= network["actor_b_name"].str.casefold()
    swapped = {}
    for left, right in [("actor_a", "actor_b"), ("actor_a_name", "actor_b_name")]:
        swapped[left] = network[left].where(keep, network[right])
        swapped[right] = network[right].where(keep, network[left])
    return network.assign(**swapped)


def by_name(column: pd.Series) -> pd.Series:
    """A sort key that orders text columns by their text with case ignored, others as they are."""
    return column.str.casefold() if pd.api.types.is_string_dtype(column) else column
