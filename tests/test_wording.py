"""Wording of dates at every precision and of events the article does not report as fact."""
from __future__ import annotations

import pandas as pd
import pytest

from signalbrief.wording import describe_events, format_dates, format_signal_date


@pytest.mark.parametrize("date, precision, expected", [
    ("2000-05-03", "after", "on or after 3 May 2000"),
    ("1999-09-01", "season", "Sep–Nov 1999"),                # "last autumn": three months, named by month
    ("1999-12-01", "season", "Dec 1999 – Feb 2000"),         # a winter across the new year
    ("2000-03-14", "day_no_year", "14 Mar (year not given)"),  # the stored year 2000 is an assumption
    ("2000-02-01", "month_no_year", "Feb (year not given)"),
])
def test_new_precisions_are_worded_without_saying_more_than_the_article(date, precision, expected):
    assert format_signal_date(pd.Timestamp(date), precision) == expected


def test_no_year_dates_never_print_the_assumed_year():
    dates = pd.Series(pd.to_datetime(["2000-03-14", "2000-03-01", "2000-03-14"]))
    precisions = pd.Series(["day_no_year", "month_no_year", "day"])
    texts = format_dates(dates, precisions).tolist()
    assert texts == ["14 Mar (year not given)", "Mar (year not given)", "14 Mar 2000"]
    assert not any("2000" in text for text in texts[:2])


def test_claimed_and_disputed_events_are_not_told_as_fact():
    statuses = pd.Series(pd.Categorical(["asserted", "claimed", "disputed", None],
                                        categories=["asserted", "claimed", "disputed"]))
    summaries = pd.Series(["The firm ships parts."] * 4)
    assert describe_events(summaries, statuses).tolist() == [
        "The firm ships parts.", "Claimed, not confirmed: The firm ships parts.",
        "Disputed: The firm ships parts.", "The firm ships parts."]
