"""What a coded date stands for: the period of days each `*_date_precision` allows.

A date is stored as one ISO day beside a precision (data/README.md, Dates); the period is
the set of days the article's words allow. The validator compares periods, so a date is
"after" another only when every day it may stand for is after every day the other may.
No pandas here: the validator calls this once per distinct (date, precision) pair.
"""
from __future__ import annotations

import calendar
import datetime as dt

# Precisions whose stored year is the coder's assumption: the text gives no year.
NO_YEAR_PRECISIONS = ("day_no_year", "month_no_year")
SEASON_MONTHS = 3

Period = tuple[dt.date | None, dt.date | None]


def end_of_month(year: int, month: int) -> dt.date:
    """The last day of `month` (1-12) of `year`."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def date_period(date: dt.date, precision: str) -> Period:
    """The first and last day `date` may stand for at `precision`; None where the period is open.

    day, day_no_year: that day. month, month_no_year: its month. year: its year.
    season: the three months from its month. before: up to and including it (no first day).
    after: from it on (no last day). Raises ValueError for a precision it does not know.
    """
    if precision in ("day", "day_no_year"):
        return date, date
    if precision in ("month", "month_no_year"):
        return date.replace(day=1), end_of_month(date.year, date.month)
    if precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision == "season":
        last_month = date.month - 1 + SEASON_MONTHS - 1
        year = date.year + last_month // 12
        last = end_of_month(year, last_month % 12 + 1) if year <= dt.MAXYEAR else dt.date.max
        return date.replace(day=1), last
    if precision == "before":
        return None, date
    if precision == "after":
        return date, None
    raise ValueError(f"unknown date precision {precision!r}")


def is_after(period: Period, reference: Period) -> bool:
    """Whether every day of `period` is after every day of `reference` (never, if either is open there)."""
    first, _ = period
    _, reference_last = reference
    return first is not None and reference_last is not None and first > reference_last
