"""Who stands where on which question: stance tables per actor and topic.

Also home of the one roll-up rule: with `roll_up=True` a sub-actor (a minister within a
government) speaks for its top-level ancestor along `parent_actor_id`. Every analysis
that offers `roll_up` goes through `roll_up_signals`.
"""
from __future__ import annotations

import pandas as pd

from signalbrief.asof import AsOf, filter_as_of, known_from
from signalbrief.case import Case
from signalbrief.errors import CaseError, Problem


def top_level_actor_ids(actors: pd.DataFrame) -> pd.Series:
    """Map every actor_id to its top-level ancestor (itself when it has no parent).

    Follows parent links by pointer doubling, so depth costs log2(depth) passes.
    Raises CaseError for a parent that is not an actor or for a cycle of parents.
    """
    ids = actors["actor_id"].astype(str)
    parents = pd.Series(actors["parent_actor_id"].to_numpy(), index=ids.to_numpy(), dtype="str")
    unknown = parents.notna() & ~parents.isin(ids)
    if unknown.any():
        raise CaseError([
            Problem("actors.csv", column="parent_actor_id",
                    message=f"{parent!r} (parent of {child!r}) is not an actor")
            for child, parent in parents[unknown].items()
        ])
    ancestors = parents.fillna(pd.Series(parents.index, index=parents.index, dtype="str"))
    while True:
        next_ancestors = ancestors.map(ancestors)
        if next_ancestors.equals(ancestors):
            break
        ancestors = next_ancestors
    in_cycle = parents.reindex(ancestors.to_numpy()).notna().to_numpy()
    if in_cycle.any():
        raise CaseError([
            Problem("actors.csv", column="parent_actor_id",
                    message=f"{actor!r} is in a cycle of parent actors")
            for actor in ancestors.index[in_cycle]
        ])
    ancestors.name = "top_level_actor_id"
    return ancestors


def roll_up_signals(case: Case, roll_up: bool) -> pd.DataFrame:
    """The case's signals, with actor_id replaced by its top-level ancestor if `roll_up`."""
    if not roll_up:
        return case.signals
    ancestors = top_level_actor_ids(case.actors)
    return case.signals.assign(actor_id=case.signals["actor_id"].map(ancestors).astype("str"))


def name_actors_and_topics(table: pd.DataFrame, case: Case) -> pd.DataFrame:
    """Add actor_name after actor_id and topic_label after topic_id, from the case's lookups."""
    names = pd.Series(case.actors["name"].to_numpy(), index=case.actors["actor_id"].to_numpy())
    labels = pd.Series(case.topics["label"].to_numpy(), index=case.topics["topic_id"].to_numpy())
    named = table.copy()
    if "actor_id" in named:
        named.insert(named.columns.get_loc("actor_id") + 1, "actor_name",
                     named["actor_id"].map(names).astype("str"))
    if "topic_id" in named:
        named.insert(named.columns.get_loc("topic_id") + 1, "topic_label",
                     named["topic_id"].map(labels).astype("str"))
    return named


def join_ids(ids: pd.Series) -> str:
    """';'-join identifiers in sorted order, the list format of every derived table."""
    return ";".join(sorted(ids))


def join_ids_by_group(frame: pd.DataFrame, by: list[str], column: str) -> pd.Series:
    """`join_ids` of `column` in each group of `frame.groupby(by, sort=True)`, indexed by group.

    Sorts the identifiers once and lets groupby concatenate them as "id;" strings (its
    "sum"), which keeps row order within a group; calling `join_ids` through `agg` would
    run Python once per group, thousands of times in a large case.
    """
    ordered = frame.sort_values(column)
    joined = (ordered[column] + ";").groupby([ordered[key] for key in by], sort=True).sum()
    return joined.str[:-1]


STANCE_TEXT = {-2: "-2", -1: "-1", 0: "0", 1: "+1", 2: "+2"}


def latest_positions(signals: pd.DataFrame, with_history: bool = True) -> pd.DataFrame:
    """Per actor x topic (sorted): its position now, i.e. the stance of its latest signal.

    Latest by the day a signal is surely known (`known_from`: a month- or year-dated signal
    counts from the end of its period); several signals on that day are averaged, so no
    identifier decides. Columns actor_id, topic_id, position, position_date (that day),
    n_position_signals (how many signals of that day the position averages) and,
    `with_history`, position_signal_ids and stance_history: every stance in date order
    ("+2 → -1").
    """
    known = known_from(signals["signal_date"], signals["signal_date_precision"])
    ordered = signals[["actor_id", "topic_id", "stance", "signal_id"]].assign(known=known)
    keys = ["actor_id", "topic_id"]
    latest_day = ordered.groupby(keys, sort=False)["known"].transform("max")
    latest = ordered[ordered["known"] == latest_day]
    positions = latest.groupby(keys, sort=True).agg(position=("stance", "mean"), position_date=("known", "max"),
                                                    n_position_signals=("stance", "size"))
    positions["position"] = positions["position"].astype(float)
    if with_history:
        ordered = ordered.sort_values(["known", "stance", "signal_id"])
        positions["position_signal_ids"] = join_ids_by_group(latest, keys, "signal_id")
        words = ordered["stance"].map(STANCE_TEXT).astype("str")
        positions["stance_history"] = (words + " → ").groupby([ordered[key] for key in keys], sort=True).sum().str[:-3]
    return positions.reset_index()


def stance_matrix(case: Case, as_of: AsOf = None, roll_up: bool = False) -> pd.DataFrame:
    """One row per actor x topic with signals: its position now (`latest_positions`) with the
    history behind it, its mean, min and max stance, and the signals behind it."""
    signals = roll_up_signals(filter_as_of(case, as_of), roll_up)
    cells = (
        signals.groupby(["actor_id", "topic_id"], sort=True)
        .agg(mean_stance=("stance", "mean"), min_stance=("stance", "min"),
             max_stance=("stance", "max"), n_signals=("signal_id", "size"))
        .assign(signal_ids=join_ids_by_group(signals, ["actor_id", "topic_id"], "signal_id"))
        .reset_index()
    )
    cells["mean_stance"] = cells["mean_stance"].astype(float)
    cells = cells.merge(latest_positions(signals), on=["actor_id", "topic_id"], how="left", validate="one_to_one")
    return name_actors_and_topics(cells, case)


def stance_over_time(case: Case, as_of: AsOf = None, roll_up: bool = False) -> pd.DataFrame:
    """One row per signal in date order, with the running mean stance of its actor x topic
    through the end of its day: signals of one day count together, none before another (their
    order by id is only for listing), so renaming a signal changes no mean."""
    signals = roll_up_signals(filter_as_of(case, as_of), roll_up)
    ordered = signals.sort_values(["signal_date", "signal_id"])[
        ["signal_id", "actor_id", "topic_id", "signal_date", "stance"]
    ].reset_index(drop=True)
    cell = ordered.groupby(["actor_id", "topic_id"], sort=False)
    running = cell["stance"].cumsum() / (cell.cumcount() + 1)
    # Each day's last row of a cell has counted every signal of that day.
    ordered["running_mean_stance"] = running.groupby(
        [ordered["actor_id"], ordered["topic_id"], ordered["signal_date"]], sort=False).transform("last")
    return name_actors_and_topics(ordered, case)


def signals_behind(case: Case, actor_id: str, topic_id: str, as_of: AsOf = None,
                   roll_up: bool = False) -> pd.DataFrame:
    """The signal rows behind one stance_matrix cell, in date order, with their own actor_id."""
    known = filter_as_of(case, as_of)
    cell_actor = roll_up_signals(known, roll_up)["actor_id"]
    behind = known.signals[(cell_actor == actor_id) & (known.signals["topic_id"] == topic_id)]
    return behind.sort_values(["signal_date", "signal_id"]).reset_index(drop=True)
