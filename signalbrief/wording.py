"""Words for people: names, dates and quotes as the brief prints them, in one place.

Dates are printed only as precisely as the article gives them (the `*_date_precision`
columns), so no sentence says more than the source: a year the article does not give
(`day_no_year`, `month_no_year`) is never printed, and an event only claimed or disputed
(events.status) is never told as fact.
"""
from __future__ import annotations

import pandas as pd


# Quotation marks a coded text may already carry around the words it quotes.
QUOTE_MARKS = "“”\""
NO_YEAR = "(year not given)"
SEASON_MONTHS = 3
# How an event's summary is introduced when the article does not report it as fact.
EVENT_STATUS_PREFIXES = {"claimed": "Claimed, not confirmed: ", "disputed": "Disputed: "}


def quote(text: str, drop_full_stop: bool = False) -> str:
    """Text in curly quotes, without doubling the quotes it already has; `drop_full_stop` drops a
    final '.' so a summary can be quoted in the middle of a sentence."""
    text = str(text).strip()
    if drop_full_stop:
        text = text.rstrip(".")
    return "“" + text.strip(QUOTE_MARKS) + "”"


def possessive(name: str) -> str:
    """'Critic' -> "Critic's", 'Other analysts' -> "Other analysts'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def format_signal_date(date: pd.Timestamp, precision: str) -> str:
    """A date as precisely as the article gives it: '21 Mar 2000', 'Mar 2000', '1995', 'by 22 Mar 2000',
    'on or after 3 May 2000', 'Sep–Nov 1999' (a season: its months, which mean the same in either
    hemisphere), and without the stored year when the article gives none: '14 Mar (year not given)'."""
    stamp = pd.Timestamp(date)
    if precision == "month":
        return stamp.strftime("%b %Y")
    if precision == "year":
        return stamp.strftime("%Y")
    if precision == "before":
        return "by " + stamp.strftime("%d %b %Y").lstrip("0")
    if precision == "after":
        return "on or after " + stamp.strftime("%d %b %Y").lstrip("0")
    if precision == "season":
        last = stamp + pd.DateOffset(months=SEASON_MONTHS - 1)
        if last.year == stamp.year:
            return f"{stamp:%b}–{last:%b %Y}"
        return f"{stamp:%b %Y} – {last:%b %Y}"
    if precision == "day_no_year":
        return f"{stamp.day} {stamp:%b} {NO_YEAR}"
    if precision == "month_no_year":
        return f"{stamp:%b} {NO_YEAR}"
    return stamp.strftime("%d %b %Y").lstrip("0")


def format_dates(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """`format_signal_date` for every row, each distinct (date, precision) formatted once.

    A year of coded news has a few hundred distinct dates however many signals it has.
    """
    pairs = list(zip(dates, precisions.astype("str")))
    texts = {pair: format_signal_date(*pair) for pair in set(pairs)}
    return pd.Series([texts[pair] for pair in pairs], index=dates.index, dtype="str")


def describe_events(summaries: pd.Series, statuses: pd.Series) -> pd.Series:
    """Each event's summary as the brief tells it: as written when asserted (or no status is
    given), introduced as claimed or disputed otherwise, so it does not read as fact."""
    prefixes = statuses.astype("object").map(EVENT_STATUS_PREFIXES).fillna("")
    return (prefixes + summaries.astype("str")).astype("str")
