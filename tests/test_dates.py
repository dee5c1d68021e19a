"""date_period: the days a coded date may stand for at each precision, worked out by hand."""
from __future__ import annotations

import datetime as dt

import pytest

from signalbrief.casefiles import date_precisions, load_schema
from signalbrief.dates import date_period, is_after

D = dt.date


@pytest.mark.parametrize("date, precision, period", [
    (D(2000, 3, 14), "day", (D(2000, 3, 14), D(2000, 3, 14))),
    (D(2000, 3, 14), "day_no_year", (D(2000, 3, 14), D(2000, 3, 14))),
    (D(2000, 2, 1), "month", (D(2000, 2, 1), D(2000, 2, 29))),            # 2000 is a leap year
    (D(1999, 2, 1), "month_no_year", (D(1999, 2, 1), D(1999, 2, 28))),
    (D(1995, 1, 1), "year", (D(1995, 1, 1), D(1995, 12, 31))),
    (D(1999, 9, 1), "season", (D(1999, 9, 1), D(1999, 11, 30))),          # "last autumn": Sep-Nov
    (D(1999, 12, 1), "season", (D(1999, 12, 1), D(2000, 2, 29))),         # a winter across the new year
    (D(2000, 3, 22), "before", (None, D(2000, 3, 22))),
    (D(2000, 5, 3), "after", (D(2000, 5, 3), None)),
    (D(9999, 11, 1), "season", (D(9999, 11, 1), D.max)),                  # no year 10000 to end in
])
def test_date_period(date, precision, period):
    assert date_period(date, precision) == period


def test_every_precision_of_the_schema_has_a_period():
    for precision in date_precisions(load_schema()["resources"]):
        date_period(D(2000, 1, 1), precision)


def test_unknown_precision_is_a_bug_not_a_guess():
    with pytest.raises(ValueError, match="unknown date precision 'week'"):
        date_period(D(2000, 1, 1), "week")


@pytest.mark.parametrize("period, reference, after", [
    ((D(2000, 4, 1), D(2000, 4, 30)), (D(2000, 3, 22), D(2000, 3, 22)), True),
    ((D(2000, 3, 1), D(2000, 3, 31)), (D(2000, 3, 22), D(2000, 3, 22)), False),  # March may be before the 22nd
    ((None, D(2000, 12, 31)), (D(2000, 3, 22), D(2000, 3, 22)), False),         # "before" is never after
    ((D(2000, 3, 23), None), (D(2000, 3, 1), None), False),                      # nothing is after an "after"
    ((D(2000, 3, 22), D(2000, 3, 22)), (D(2000, 3, 22), D(2000, 3, 22)), False),  # the same day is not after
])
def test_is_after_needs_the_whole_period_after(period, reference, after):
    assert is_after(period, reference) is after
