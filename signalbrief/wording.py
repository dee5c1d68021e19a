"""Words for people: names, dates and quotes as the brief prints them, in one place.

Dates are printed only as precisely as the article gives them (the `*_date_precision`
columns), so no sentence says more than the source.
"""
from __future__ import annotations

import pandas as pd


# Quotation marks a coded text may already carry around the words it quotes.
QUOTE_MARKS = "“”\""


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
    """A date as precisely as the article gives it: '21 Mar 2000', 'Mar 2000', '1995', 'by 22 Mar 2000'."""
    stamp = pd.Timestamp(date)
    if precision == "month":
        return stamp.strftime("%b %Y")
    if precision == "year":
        return stamp.strftime("%Y")
    if precision == "before":
        return "by " + stamp.strftime("%d %b %Y").lstrip("0")
    return stamp.strftime("%d %b %Y").lstrip("0")


def format_dates(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """`format_signal_date` for every row, each distinct (date, precision) formatted once.

    A year of coded news has a few hundred distinct dates however many signals it has.
    """
    pairs = list(zip(dates, precisions.astype("str")))
    texts = {pair: format_signal_date(*pair) for pair in set(pairs)}
    return pd.Series([texts[pair] for pair in pairs], index=dates.index, dtype="str")
