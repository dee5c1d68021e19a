"""Look at a case as it stood on a given date.

Every analysis takes `as_of` and calls `filter_as_of` first, so "what did we know on
that day" is decided in this one place: signals and events dated after `as_of` are
dropped, and so are those whose only source is a citation dated after `as_of`
(outlets.cited_date: a fact dated earlier but first reported later was not yet known),
and the links and ACH ratings that mention a dropped signal.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from signalbrief.case import Case
from signalbrief.errors import InputError

AsOf = dt.date | str | pd.Timestamp | None


def parse_as_of(as_of: AsOf) -> pd.Timestamp | None:
    """Turn a date, an ISO string or None into a Timestamp (None means no cut-off)."""
    if as_of is None:
        return None
    try:
        stamp = pd.Timestamp(as_of)
    except (ValueError, TypeError):
        raise InputError(f"as_of {as_of!r} is not a date (use YYYY-MM-DD)") from None
    if pd.isna(stamp):
        raise InputError(f"as_of {as_of!r} is not a date (use YYYY-MM-DD)")
    return stamp


def filter_as_of(case: Case, as_of: AsOf) -> Case:
    """Return a copy of the case with only what was known on `as_of` (inclusive)."""
    cutoff = parse_as_of(as_of)
    if cutoff is None:
        return case
    cited_later = case.outlets.loc[case.outlets["cited_date"] > cutoff, "outlet_id"]
    signals = case.signals[(case.signals["signal_date"] <= cutoff) & ~case.signals["outlet_id"].isin(cited_later)]
    events = case.events[(case.events["event_date"] <= cutoff) & ~case.events["outlet_id"].isin(cited_later)]
    kept_ids = signals["signal_id"]
    links = case.links[
        case.links["from_signal_id"].isin(kept_ids) & case.links["to_signal_id"].isin(kept_ids)
    ]
    ach = case.ach[case.ach["signal_id"].isin(kept_ids)]
    return dataclasses.replace(case, signals=signals, events=events, links=links, ach=ach)
