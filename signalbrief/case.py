"""The in-memory form of a case: one validated DataFrame per table, plus the source text.

`signalbrief.validate.load_case` builds a `Case` from a folder; tests build one from
small DataFrames. Analysis functions take a `Case` and never modify it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import pandas as pd

TABLES = ("outlets", "actors", "topics", "events", "signals", "links", "hypotheses", "ach")


@dataclasses.dataclass(frozen=True)
class Case:
    """A coded article. Every DataFrame has the columns of the schema in
    signalbrief/schema/datapackage.json, with dates as datetime64, enums as
    categoricals, integers as int64, and empty optional cells as missing (NA)."""

    title: str
    published_date: dt.date | None
    source: str
    outlets: pd.DataFrame
    actors: pd.DataFrame
    topics: pd.DataFrame
    events: pd.DataFrame
    signals: pd.DataFrame
    links: pd.DataFrame
    hypotheses: pd.DataFrame
    ach: pd.DataFrame
    path: str | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}

    def n_rows(self) -> int:
        return sum(len(frame) for frame in self.tables().values())

    def topic_labels(self, topic_ids: Iterable[str]) -> list[str]:
        """The labels of `topic_ids` in the order of the labels themselves (case ignored): what a
        reader sees, and the same whatever the ids are called or the rows are ordered in topics.csv."""
        wanted = set(topic_ids)
        labels = [str(label) for topic_id, label in zip(self.topics["topic_id"].astype("str"), self.topics["label"])
                  if topic_id in wanted]
        return sorted(labels, key=lambda label: (label.casefold(), label))
