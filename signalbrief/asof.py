"""Look at a case as it stood on a given date.

Every analysis takes `as_of` and calls `filter_as_of` first, so "what did we know on
that day" is decided in this one place: signals and events not yet known on `as_of` are
dropped, and so are those whose only source is a citation dated after `as_of`
(outlets.cited_date: a fact dated earlier but first reported later was not yet known),
and the links and ACH ratings that mention a dropped signal.

A date is known only once its period is over (`known_from`): a date of precision `month`
("last month") is known from the last day of that month, `year` ("in 1995") from 31
December, a `season` from the end of its three months, since the item may fall on any
day of the period; `day`, `before` (on or before the date) and `after` (on or after it)
from the date itself.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from signalbrief.case import Case
from signalbrief.dates import SEASON_MONTHS
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


def known_from(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """The first day on which an item dated `dates` with `precisions` is surely past: the last day
    of the period its precision allows (`signalbrief.dates.date_period`): the end of its month
    (month, month_no_year), of its season (the three months from its month) or of its year; the
    date itself for day, day_no_year, before and after (on or after: known once it has begun)."""
    precision = precisions.astype("str")
    month_end = dates + pd.offsets.MonthEnd(0)
    season_end = month_end + pd.offsets.MonthEnd(SEASON_MONTHS - 1)
    year_end = dates + pd.offsets.YearEnd(0)
    return (dates.where(~precision.isin(("month", "month_no_year")), month_end)
            .where(precision != "season", season_end)
            .where(precision != "year", year_end))


def filter_as_of(case: Case, as_of: AsOf) -> Case:
    """Return a copy of the case with only what was known on `as_of` (inclusive)."""
    cutoff = parse_as_of(as_of)
    if cutoff is None:
        return case
    cited_later = case.outlets.loc[case.outlets["cited_date"] > cutoff, "outlet_id"]
    signal_known = known_from(case.signals["signal_date"], case.signals["signal_date_precision"])
    event_known = known_from(case.events["event_date"], case.events["event_date_precision"])
    signals = case.signals[(signal_known <= cutoff) & ~case.signals["outlet_id"].isin(cited_later)]
    events = case.events[(event_known <= cutoff) & ~case.events["outlet_id"].isin(cited_later)]
    kept_ids = signals["signal_id"]
    links = case.links[
        case.links["from_signal_id"].isin(kept_ids) & case.links["to_signal_id"].isin(kept_ids)
    ]
    ach = case.ach[case.ach["signal_id"].isin(kept_ids)]
    return dataclasses.replace(case, signals=signals, events=events, links=links, ach=ach)
