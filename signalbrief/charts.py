"""The report's charts: one function per chart, each a Vega-Lite spec built from Analysis tables.

Each function writes its own title, which says what is plotted (the bold finding above the
chart states what it shows), and a subtitle saying how to read it: what a mark is, its units
and scale. When there is nothing to draw (no signal dated yet, no rated evidence, a lead
shared by tied hypotheses) a function returns a `NoChart`, one sentence saying why, which a
notebook displays in the chart's place; it never draws an empty frame.

Each function aggregates in pandas first, so the data embedded in a chart never has more
rows than the chart draws: top-N limits for actors, pairs, signals and evidence, and monthly
counts on the timeline when a case has more signals or events than a reader can see one by
one. Wherever a mark is a signal, its tooltip carries the verbatim quote, the outlet and the
date as precisely as the article gives it. Every chart, labels and legend included, fits the
notebook's column in a 1280-pixel window (`PAGE_WIDTH`).
"""
from __future__ import annotations

import collections
import dataclasses
import html
import math
import string
import textwrap

import pandas as pd

from signalbrief.analysis import Analysis
from signalbrief.credibility import COMPONENTS
from signalbrief.findings import (actor_signals, count_tied_past_cut, describe_case_events, describe_signals,
                                 format_stance, refer_to_actor_id, state_no_own_signal)
from signalbrief.hypotheses import has_no_alternative
from signalbrief.network import NETWORK_WINDOW_DAYS
from signalbrief.vegalite import VegaLiteChart, encode, is_equal, to_date_time, to_js_string, tooltip, top_level, when
from signalbrief.wording import (agree, capitalise, count, date_phrase, format_signal_date, join_words, number,
                                 possessive, quote)

# The notebook's column in a 1280-pixel window is about 1220 pixels: every chart stays within this.
PAGE_WIDTH = 1180
# Room kept for a legend to the right of the plot, and for a y axis of names or of signal labels.
LEGEND_WIDTH = 270
NAME_AXIS_WIDTH = 270
WIDTH = 640
LABEL_LIMIT = 380
TITLE_CHARACTERS = 95
LABEL_CHARACTERS = 75
ROW_STEP = 22
# The narrowest plot of a matrix (`band_width`): about the width of its x axis's title.
MIN_BAND_WIDTH = 280
LANE_STEP = 28
QUANTITATIVE_HEIGHT = 260
STANCE_DOMAIN = [-2, -1, 0, 1, 2]
SIGNED_LABEL = "datum.value > 0 ? '+' + datum.label : datum.label"
# Red rejects the proposition, grey is neutral or mixed, blue endorses it.
STANCE_COLOURS = ["#b2182b", "#ef8a62", "#bdbdbd", "#67a9cf", "#2166ac"]
STANCE_GRADIENT = ["#b2182b", "#e0e0e0", "#2166ac"]
RATING_DOMAIN = ["CC", "C", "N", "I", "II"]
# Blue is consistent with the hypothesis, grey neutral, red inconsistent.
RATING_COLOURS = ["#2166ac", "#92c5de", "#e0e0e0", "#f4a582", "#b2182b"]
COMPONENT_COLOURS = ["#4c78a8", "#72b7b2", "#f58518", "#b279a2", "#9d755d"]
HIGHLIGHT, MUTED, CONTRADICTION = "#e45756", "#9ecae9", "#d62728"
# Rings around contradicted words and the signals contradicting them: not red or blue, which mean stance.
CONTRADICTED_RING, CONTRADICTING_RING = "#111111", "#ff9f1c"
EVENT_COLOUR = "#525252"
MAX_HEATMAP_ACTORS = 30
MAX_HEATMAP_TOPICS = 20
MAX_MATRIX_ACTORS = 24
MAX_SIGNALS = 20
MAX_LINE_ACTORS = 8
MAX_EVIDENCE = 40
MAX_EDGES = 60
MAX_POINTS = 300
QUOTES_PER_CELL = 3
# Marks on one date in one lane fan out this far apart, and at most this far from the lane's centre.
OFFSET_STEP_PIXELS = 5
MAX_OFFSET_PIXELS = 10
# A mark's offset from its lane's centre, in pixels (the `offset` field of its row): a mark property, so the
# mark stays centred on its lane's label (an offset channel would move every mark to the top of its band).
OFFSET_FROM_LANE = {"expr": "datum.offset"}
# A gap between dated items wider than this, and than half the whole span, splits a time axis in two.
MIN_BREAK_DAYS = 365
# A time panel's dots are about MARK_PIXELS across: dates closer than that on the axis overlap. Dates closer
# than CLUSTER_GAP_PIXELS form one cluster; the cluster with the most items gets a close-up panel of its own
# when its dates sit closer than MARK_PIXELS apart on average and it holds CLOSE_UP_MIN_SHARE_OF_ITEMS of them.
MARK_PIXELS = 10
CLUSTER_GAP_PIXELS = 30
CLOSE_UP_MIN_SHARE_OF_ITEMS = 1 / 3
# A time axis is labelled by day up to this many days, by month up to MAX_MONTH_LABEL_DAYS, by year beyond.
MAX_DAY_LABEL_DAYS = 62
MAX_MONTH_LABEL_DAYS = 3 * 365
CLOSE_UP_SHADE = "#000000"


@dataclasses.dataclass(frozen=True)
class NoChart:
    """What a notebook shows in place of a chart with nothing to draw: one sentence saying why."""

    sentence: str

    def __repr__(self) -> str:
        return self.sentence

    def _repr_html_(self) -> str:
        return f'<p class="signalbrief-no-chart"><em>{html.escape(self.sentence)}</em></p>'


def make_title(text: str, subtitle: str | None = None) -> dict:
    """A left-aligned title wrapped to the chart's width, with an optional subtitle explaining the marks."""
    title = {"text": textwrap.wrap(text, TITLE_CHARACTERS), "anchor": "start", "offset": 14,
             "fontSize": 14, "subtitleFontSize": 11, "subtitleColor": "#555555"}
    if subtitle:
        title["subtitle"] = textwrap.wrap(subtitle, TITLE_CHARACTERS + 20)
    return title


def fit_step(n_items: int, room: int, largest: int = ROW_STEP, smallest: int = 8) -> int:
    """Pixels per row or column so `n_items` fit in `room` pixels, at most `largest`."""
    return max(smallest, min(largest, room // max(n_items, 1)))


def band_width(n_items: int, step: int, minimum: int = MIN_BAND_WIDTH) -> dict | int:
    """The width of a plot of `n_items` columns of `step` pixels, or `minimum` pixels when that is narrower:
    the x axis's title, centred under the plot, is wider than one or two columns and would run into the legend."""
    return {"step": step} if n_items * step >= minimum else minimum


def shorten(text: str, limit: int = LABEL_CHARACTERS) -> str:
    """Text cut to `limit` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def letters(position: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa', 28 -> 'ab': the lettering of tied ranks, never repeating."""
    text = ""
    while position > 0:
        position, remainder = divmod(position - 1, 26)
        text = string.ascii_lowercase[remainder] + text
    return text


def label_signals(frame: pd.DataFrame, numbers: pd.Series) -> pd.Series:
    """Axis labels 'n. Actor: summary', unique through the number: signals that share a (tied) rank
    are lettered in their order, '17a.', '17b.', so that no two rows of a chart merge."""
    numbers = [str(number) for number in numbers]
    repeated = {number for number, n in collections.Counter(numbers).items() if n > 1}
    seen: collections.Counter[str] = collections.Counter()
    marked = []
    for number in numbers:
        if number in repeated:
            seen[number] += 1
            number = f"{number}{letters(seen[number])}"
        marked.append(number)
    return pd.Series([shorten(f"{number}. {actor}: {summary}") for number, actor, summary in
                      zip(marked, frame["actor_name"], frame["summary"])], index=frame.index, dtype="str")


def to_iso(dates: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text, which Vega reads as UTC midnight."""
    return pd.to_datetime(dates).dt.strftime("%Y-%m-%d").astype("str")


def signal_axis(title: str) -> dict:
    """A y axis of long signal labels, its title set above the labels so the two never overlap."""
    return {"labelLimit": LABEL_LIMIT, "title": title, "titleAngle": 0, "titleAlign": "right", "titleX": -8,
            "titleY": -6, "titleBaseline": "bottom"}


def finish(spec: dict, title: dict, datasets: dict[str, pd.DataFrame]) -> VegaLiteChart:
    """The whole chart, with legends wide enough for their titles and labels."""
    return top_level(spec, title, datasets, legend={"titleLimit": LEGEND_WIDTH - 20, "labelLimit": LEGEND_WIDTH - 40})


def signal_tooltip(*extra: dict) -> list[dict]:
    """Actor, quote, outlet and date of a signal mark, then `extra`."""
    return [tooltip("actor_name:N", "Actor"), tooltip("quote:N", "Quote"), tooltip("outlet_name:N", "Outlet"),
            tooltip("date_text:N", "Date"), *extra]


# --- Time axes ---------------------------------------------------------------------------


# From the coarsest precision to the finest: where items share a date, the coarsest says what is known.
PRECISION_ORDER = ["year", "season", "month", "month_no_year", "before", "after", "day_no_year", "day"]
# The plain precisions a span's own date format can print, from the finest; the others (a season, 'by',
# a date without its year) are always printed as the article gives them.
PLAIN_PRECISIONS = ["day", "month", "year"]
BOUND_IN_RANGE = {"before": "day", "after": "day"}


def span_date_format(days: int) -> tuple[str, str]:
    """The precision and strftime format that a span of `days` is told in: days, months or years."""
    if days <= MAX_DAY_LABEL_DAYS:
        return "day", "%d %b %Y"
    if days <= MAX_MONTH_LABEL_DAYS:
        return "month", "%b %Y"
    return "year", "%Y"


def tell_end(date: pd.Timestamp, precision: str, days: int) -> tuple[str, str]:
    """One end of a span of `days` as text and as a phrase ('1995', 'in 1995'): at the span's own
    precision, but never finer than the article gives the date."""
    span_precision, date_format = span_date_format(days)
    if precision in PLAIN_PRECISIONS and PLAIN_PRECISIONS.index(precision) <= PLAIN_PRECISIONS.index(span_precision):
        text = pd.Timestamp(date).strftime(date_format).lstrip("0")
        return text, ("on " if span_precision == "day" else "in ") + text
    return format_signal_date(date, precision), date_phrase(date, precision)


@dataclasses.dataclass(frozen=True)
class Period:
    """A stretch of time drawn in one panel: `name` tells its rows apart, `start` to `end` are its items' dates.

    `precisions`, when given, are those two dates' precisions in the article, so that a title never
    states a day the article does not ('in 1995', not 'on 1 Jan 1995')."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp
    precisions: tuple[str, str] = ("day", "day")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def contains(self, dates: pd.Series) -> pd.Series:
        return (dates >= self.start) & (dates <= self.end)

    def describe(self) -> str:
        """'from Dec 1999 to Mar 2000', 'in May 2025', 'from 1 May 2025 to 4 May 2025', 'from 1992 to 1995',
        'in 1995' (one date the article gives only as a year)."""
        if self.days == 0:
            return tell_end(self.start, self.precisions[0], 0)[1]
        # Within a range, a bound ('by 22 Mar 2000') is told as its date: 'from Feb 2000 to 22 Mar 2000'.
        start_precision, end_precision = (BOUND_IN_RANGE.get(precision, precision) for precision in self.precisions)
        (start_text, start_phrase), (end_text, _) = (tell_end(self.start, start_precision, self.days),
                                                     tell_end(self.end, end_precision, self.days))
        return start_phrase if start_text == end_text else f"from {start_text} to {end_text}"

    def single_label(self) -> str:
        """The one date of a one-date period as the article gives it, for its axis."""
        return tell_end(self.start, self.precisions[0], 0)[0]


def coarsest_precision(dates: pd.Series, precisions: pd.Series, date: pd.Timestamp) -> str:
    """The coarsest precision among the items dated `date` (`dates` and `precisions` aligned by position)."""
    found = set(precisions.to_numpy()[(dates == date).to_numpy()].astype("str"))
    return next((precision for precision in PRECISION_ORDER if precision in found), "day")


def split_periods(dates: pd.Series, precisions: pd.Series | None = None) -> list[Period]:
    """One or two periods: split at the widest gap between dates when it dominates the span. With the
    items' `precisions` (aligned with `dates` by position), each period's ends are told as the article
    gives them."""
    dates = pd.Series(pd.to_datetime(dates).to_numpy())
    unique = pd.Series(dates.dropna().unique()).sort_values().reset_index(drop=True)
    if unique.empty:
        return []
    first, last = unique.iloc[0], unique.iloc[-1]
    gaps = unique.diff().dt.days
    bounds = [("main", first, last)]
    if len(unique) > 1:
        widest = int(gaps.idxmax())
        gap = gaps.iloc[widest]
        if gap > MIN_BREAK_DAYS and gap > 0.5 * (last - first).days:
            bounds = [("background", first, unique.iloc[widest - 1]), ("main", unique.iloc[widest], last)]
    if precisions is None:
        return [Period(name, start, end) for name, start, end in bounds]
    precisions = pd.Series(pd.Series(precisions).astype("str").to_numpy())
    return [Period(name, start, end, (coarsest_precision(dates, precisions, start),
                                      coarsest_precision(dates, precisions, end)))
            for name, start, end in bounds]


def panel_widths(periods: list[Period]) -> list[int]:
    """The plot width of each period's panel: a narrow one for the background, the rest for the main period."""
    return [WIDTH] if len(periods) == 1 else [190, WIDTH - 190]


def find_close_up(dates: pd.Series, periods: list[Period]) -> Period | None:
    """The densest cluster of dates, when its items crowd together on their period's panel, else None.

    `dates` has one row per item. On each panel (`panel_widths`), dates closer than
    CLUSTER_GAP_PIXELS form a cluster; the cluster with the most items gets a close-up when its
    dates sit on average closer than MARK_PIXELS apart and it holds at least
    CLOSE_UP_MIN_SHARE_OF_ITEMS of all items.
    """
    dates = pd.to_datetime(dates).dropna()
    best = None
    for period, width in zip(periods, panel_widths(periods)):
        counts = dates[period.contains(dates)].value_counts().sort_index()
        pixels_per_day = width / max(period.days, 1)
        cluster_ids = (counts.index.to_series().diff().dt.days * pixels_per_day > CLUSTER_GAP_PIXELS).cumsum()
        for _, cluster in counts.groupby(cluster_ids.to_numpy()):
            first, last, n_items = cluster.index[0], cluster.index[-1], int(cluster.sum())
            is_crowded = len(cluster) > 1 and (last - first).days * pixels_per_day < MARK_PIXELS * (len(cluster) - 1)
            if is_crowded and n_items >= CLOSE_UP_MIN_SHARE_OF_ITEMS * len(dates) and (best is None or n_items > best[0]):
                best = (n_items, Period("close_up", first, last))
    return best[1] if best else None


def assign_periods(dates: pd.Series, periods: list[Period]) -> pd.Series:
    """The name of the period each date falls in."""
    names = pd.Series("", index=dates.index, dtype="str")
    for period in periods:
        names = names.where(~period.contains(dates), period.name)
    return names


def is_in(dates: pd.Series, period: Period | None) -> pd.Series:
    """Whether each date falls in `period` (never, for no period)."""
    if period is None:
        return pd.Series(False, index=dates.index)
    return period.contains(dates)


# A single date's format by its precision in the article (`date_axis`).
SINGLE_DATE_FORMATS = {"year": "%Y", "month": "%b %Y"}


def date_axis(period: Period, width: int) -> dict:
    """A UTC date axis labelled as finely as the period needs: days, months or years."""
    if period.days == 0:
        # The format is what a screen reader says for a mark on that date; the label is the article's.
        # The axis itself is kept from screen readers: Vega reads its padded domain ("values from 1994
        # to 1995" for one date in 1995); each mark says its date and the axis title the period.
        return {"values": [to_date_time(period.start)], "labelExpr": to_js_string(period.single_label()),
                "format": SINGLE_DATE_FORMATS.get(period.precisions[0], "%-d %b %Y"), "aria": False}
    n_ticks = 3 if width < 300 else 8
    precision, _ = span_date_format(period.days)
    if precision == "day":
        # Every few days on a short span; on a longer one whole weeks, so the ticks stay evenly spaced.
        interval = {"interval": "day", "step": max(1, math.ceil(period.days / n_ticks))} if period.days <= 2 * n_ticks \
            else {"interval": "week", "step": max(1, math.ceil(period.days / 7 / n_ticks))}
        return {"format": "%-d %b", "labelOverlap": True, "tickCount": interval}
    if precision == "month":
        step = max(1, math.ceil(period.days / 30.4 / n_ticks))
        return {"format": "%b %Y", "labelOverlap": True,
                "tickCount": {"interval": "month", "step": step}}
    step = max(1, math.ceil(period.days / 365.25 / n_ticks))
    return {"format": "%Y", "labelOverlap": True, "tickCount": {"interval": "year", "step": step}}


def time_encoding(period: Period, x_title: str, width: int) -> dict:
    """The x channel of one period's panel: padded UTC domain, its range in the title."""
    pad = pd.Timedelta(days=max(1, round(period.days * 0.06)))
    return encode("date:T", title=f"{x_title} ({period.describe()})",
                  scale={"type": "utc", "domain": [to_date_time(period.start - pad), to_date_time(period.end + pad)]},
                  axis=date_axis(period, width))


def shade(period: Period) -> dict:
    """A light band over `period` on a panel's time axis, drawn once: where the close-up is (at least two
    marks wide, so a cluster of a few days on a panel of years still shows)."""
    return {"data": {"name": "one_mark"}, "mark": {"type": "rect", "color": CLOSE_UP_SHADE, "opacity": 0.07,
                                                   "xOffset": -MARK_PIXELS, "x2Offset": MARK_PIXELS},
            "encoding": {"x": {"datum": to_date_time(period.start)}, "x2": {"datum": to_date_time(period.end)}}}


def build_period_panels(layers, periods: list[Period], close_up: Period | None, x_title: str,
                        y_encoding: dict, lane_step: int | None = LANE_STEP) -> dict:
    """Side-by-side time panels, one per period, each with its own padded UTC date axis, and below
    them, when the items crowd into a sliver of time, a close-up panel of that cluster.

    `layers(x, y, keep)` returns the list of layers of one panel, `keep` being the filter
    transform that keeps its rows (field `period` names a row's period; `in_close_up` is true
    for rows in the close-up); the first panel carries the y axis, later ones hide it so the
    rows line up. The overview shades the close-up's stretch of time (dataset `one_mark`).
    """
    height = {"step": lane_step} if lane_step else QUANTITATIVE_HEIGHT
    widths = panel_widths(periods)
    hidden_axis = {"labels": False, "ticks": False, "title": None, "domain": False}
    panels = []
    for index, (period, width) in enumerate(zip(periods, widths)):
        y = y_encoding if index == 0 else {**y_encoding, "axis": hidden_axis}
        shown = layers(time_encoding(period, x_title, width), y, {"filter": is_equal("period", period.name)})
        if close_up is not None and period.start <= close_up.start <= period.end:
            shown = [shade(close_up), *shown]
        panels.append({"layer": shown, "width": width, "height": height})
    overview = panels[0] if len(panels) == 1 else {"hconcat": panels, "spacing": 8,
                                                   "resolve": {"scale": {"y": "shared"}}}
    if close_up is None:
        return overview
    detail = {"layer": layers(time_encoding(close_up, f"Close-up, shaded above: {x_title.lower()}", WIDTH),
                              y_encoding, {"filter": "datum.in_close_up"}), "width": WIDTH, "height": height}
    return {"vconcat": [overview, detail], "spacing": 24, "resolve": {"scale": {"y": "independent"}}}


def state_cut(counts: pd.Series, n_shown: int, shown: str, unit: str) -> str:
    """A sentence for a chart that shows only the `n_shown` largest of `counts` (sorted largest
    first, ties by name): how many are shown and left out, and, when the cut falls inside a tie,
    that the last places went by name ('' when nothing is left out)."""
    n_left_out = len(counts) - n_shown
    if n_left_out <= 0:
        return ""
    sentence = f" The {n_shown} {shown} are shown; {number(n_left_out)} more {agree(n_left_out, 'is', 'are')} not"
    n_tied = count_tied_past_cut(counts, n_shown)
    if n_tied:
        sentence += (f" ({number(n_tied)} of them with as many {unit} as the last shown: "
                     f"places tied at the cut go by name)")
    return sentence + "."


# --- Stances -----------------------------------------------------------------------------


def chart_stance_heatmap(analysis: Analysis, max_actors: int = MAX_HEATMAP_ACTORS,
                         max_topics: int = MAX_HEATMAP_TOPICS) -> VegaLiteChart | NoChart:
    """Actor x topic cells coloured by the actor's position now, its latest signal or the mean of those of
    its latest day (red -2, grey 0, blue +2), with its history and the quotes behind each."""
    cells = analysis.stances
    if cells.empty:
        return NoChart("No chart of positions: no actor has taken a stance on any question yet.")
    actor_counts = (cells.groupby(["actor_id", "actor_name"])["n_signals"].sum().reset_index()
                    .sort_values(["n_signals", "actor_name"], ascending=[False, True]))
    topic_counts = (cells.groupby(["topic_id", "topic_label"])["n_signals"].sum().reset_index()
                    .sort_values(["n_signals", "topic_label"], ascending=[False, True]))
    actors, topics = actor_counts.head(max_actors), topic_counts.head(max_topics)
    shown = cells[cells["actor_id"].isin(actors["actor_id"]) & cells["topic_id"].isin(topics["topic_id"])]
    quotes = dict(zip(analysis.case.signals["signal_id"], analysis.case.signals["quote"]))
    propositions = dict(zip(analysis.case.topics["topic_id"], analysis.case.topics["proposition"].astype("str")))
    frame = shown[["actor_name", "topic_label", "position", "stance_history", "mean_stance", "min_stance",
                   "max_stance", "n_signals"]].assign(
        proposition=shown["topic_id"].map(propositions),
        quotes=[quote_cell(ids.split(";"), quotes) for ids in shown["signal_ids"]],
        position_text=shown["position"].map(format_stance).astype("str"),
        is_strong=shown["position"].abs() >= 1.5,
    )
    n_actors, n_topics = cells["actor_id"].nunique(), cells["topic_id"].nunique()
    title = f"Position now of {count(len(actors), 'actor')} on {count(len(topics), 'question')}"
    # A position averages the signals of its latest day, when there are several (`latest_positions`).
    averaged = (shown["n_position_signals"] > 1).any()
    latest = ("the stance of its latest signal, or the mean of those sharing its latest day"
              if averaged else "the stance of its latest signal")
    subtitle = (f"A cell is an actor's position on a question, {latest} (earlier ones in the "
                "tooltip's history), from −2 (red, rejects the proposition) to +2 (blue, endorses it); blank: no signal."
                + state_cut(actor_counts["n_signals"], len(actors), f"most active of {n_actors} actors", "signals")
                + state_cut(topic_counts["n_signals"], len(topics), f"most discussed of {n_topics} questions", "signals"))
    position = {
        "x": encode("topic_label:N", title="Question (hover a cell for its proposition)",
                    sort=topics["topic_label"].tolist(), axis={"labelAngle": -30, "labelLimit": 200}),
        "y": encode("actor_name:N", title="Actor", sort=actors["actor_name"].tolist(), axis={"labelLimit": 260}),
    }
    cells_layer = {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 1}, "encoding": {
        **position,
        "color": encode("position:Q", title="Position now (−2 rejects, +2 endorses)",
                        scale={"domain": [-2, 0, 2], "range": STANCE_GRADIENT}),
        "tooltip": [tooltip("actor_name:N", "Actor"), tooltip("topic_label:N", "Question"),
                    tooltip("proposition:N", "Proposition"), tooltip("position:Q", "Position now (its latest day)", format="+.2f"),
                    tooltip("stance_history:N", "Stances, oldest first"),
                    tooltip("mean_stance:Q", "Mean stance", format="+.2f"),
                    tooltip("min_stance:Q", "Lowest stance"), tooltip("max_stance:Q", "Highest stance"),
                    tooltip("n_signals:Q", "Signals"), tooltip("quotes:N", "Quotes")],
    }}
    text_layer = {"mark": {"type": "text", "fontSize": 10}, "encoding": {
        **position, "text": encode("position_text:N"), "color": when("datum.is_strong", "white", "black")}}
    room = PAGE_WIDTH - NAME_AXIS_WIDTH - LEGEND_WIDTH
    spec = {"data": {"name": "cells"}, "layer": [cells_layer, text_layer],
            "width": band_width(len(topics), fit_step(len(topics), room, largest=62)), "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"cells": frame})


def quote_cell(signal_ids: list[str], quotes: dict[str, str]) -> str:
    """Up to QUOTES_PER_CELL quotes behind a heatmap cell, and how many more."""
    shown = " | ".join(quotes[signal_id] for signal_id in signal_ids[:QUOTES_PER_CELL])
    more = len(signal_ids) - QUOTES_PER_CELL
    return shown + (f" | (+{more} more)" if more > 0 else "")


def jitter_stances(frame: pd.DataFrame) -> pd.Series:
    """Stance nudged apart where several actors sit on the same date and stance, so each stays visible."""
    group = frame.groupby(["date", "stance"], sort=False)
    position = group.cumcount()
    size = group["stance"].transform("size")
    return frame["stance"] + (position - (size - 1) / 2) * 0.12


def chart_stance_over_time(analysis: Analysis, topic_id: str, max_actors: int = MAX_LINE_ACTORS,
                           max_points: int = MAX_POINTS) -> VegaLiteChart | NoChart:
    """One line per actor through its signals' stances on one topic, dates on x."""
    if not topic_id:  # `pick_focus_topic` of a case with no topic
        return NoChart("No chart of stances over time: the case poses no question yet.")
    over_time = analysis.stances_over_time[analysis.stances_over_time["topic_id"] == topic_id]
    if over_time.empty:
        return NoChart("No chart of stances over time: no signal on this question is known yet." if analysis.as_of
                       else "No chart of stances over time: no signal bears on this question.")
    topic_label = analysis.case.topics.set_index("topic_id").loc[topic_id, "label"]
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text", "signal_date_precision",
                                          "kind", "credibility"]]
    signals = over_time.merge(details, on="signal_id", how="left", validate="one_to_one")
    counts = signals.groupby("actor_name").size().reset_index(name="n").sort_values(["n", "actor_name"], ascending=[False, True])
    actors = counts["actor_name"].head(max_actors).tolist()
    signals = signals[signals["actor_name"].isin(actors)].assign(date=signals["signal_date"])
    n_signals = len(signals)
    aggregated = n_signals > max_points
    # A month of signals is dated to its month.
    signals = (aggregate_by_month(signals, ["actor_name"], "stance").assign(signal_date_precision="month")
               if aggregated else signals.assign(n=1))
    signals = signals.sort_values(["date", "actor_name"]).reset_index(drop=True)
    periods = split_periods(signals["date"], signals["signal_date_precision"])
    close_up = find_close_up(signals["date"].repeat(signals["n"]), periods)
    frame = signals[["actor_name", "quote", "outlet_name", "date_text", "kind", "stance", "n"]].assign(
        date=to_iso(signals["date"]), period=assign_periods(signals["date"], periods),
        in_close_up=is_in(signals["date"], close_up), stance_shown=jitter_stances(signals))
    title = (f"Stance on {quote(topic_label)} of {count(n_signals, 'signal')} by {count(len(actors), 'actor')}, "
             "by date")
    subtitle = (("Each dot is a month of one actor's signals, sized by their number, at their mean stance"
                 if aggregated else "Each dot is a signal")
                + ", from −2 (rejects the proposition) to +2 (endorses it); lines join one actor's dots in date order."
                + state_cut(counts["n"], len(actors), "most active actors on this question", "signals on it"))
    colour = encode("actor_name:N", title="Actor", sort=actors)
    size = scale_counts(frame["n"])

    def layers(x: dict, y: dict, keep: dict) -> list[dict]:
        position = {"x": x, "y": y, "color": colour}
        return [
            {"data": {"name": "signals"}, "transform": [keep],
             # The line only joins the dots, which carry the signals to a screen reader.
             "mark": {"type": "line", "strokeWidth": 1.5, "opacity": 0.6, "aria": False},
             "encoding": {**position, "detail": encode("actor_name:N")}},
            {"data": {"name": "signals"}, "transform": [keep],
             "mark": {"type": "point", "filled": True, "opacity": 0.9},
             "encoding": {**position, "size": size, "tooltip": signal_tooltip(
                 tooltip("stance:Q", "Stance", format="+.1f"), tooltip("kind:N", "Kind"), tooltip("n:Q", "Signals"))}},
        ]

    y_encoding = encode("stance_shown:Q", title="Stance (−2 rejects, +2 endorses)", scale={"domain": [-2.5, 2.5]},
                        axis={"values": STANCE_DOMAIN, "labelExpr": SIGNED_LABEL})
    spec = build_period_panels(layers, periods, close_up, "Date of the signal", y_encoding, lane_step=None)
    return finish(spec, make_title(title, subtitle), {"signals": frame, **time_datasets(close_up)})


def scale_counts(counts: pd.Series) -> dict:
    """Dot size: by count when marks hold several items, one fixed size when every mark is one item."""
    if counts.empty or counts.max() <= 1:
        return {"value": 90}
    return encode("n:Q", title="Items per dot", scale={"domain": [1, int(counts.max())], "range": [60, 500]})


def offset_overlaps(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Pixel offsets from the lane's centre that fan out marks sharing the same `keys` (date and lane),
    so each stays visible; a mark alone on its date and lane sits on the centre (0)."""
    group = frame.groupby(keys, sort=False)
    spread = (group.cumcount() - (group[keys[0]].transform("size") - 1) / 2) * OFFSET_STEP_PIXELS
    return spread.clip(-MAX_OFFSET_PIXELS, MAX_OFFSET_PIXELS).astype(float)


def aggregate_by_month(frame: pd.DataFrame, keys: list[str], value: str, noun: str = "signals") -> pd.DataFrame:
    """Rows per month x keys: count, mean `value`, and the most credible row's quote as an example."""
    month = frame["date"].dt.to_period("M").dt.to_timestamp()
    ranked = frame.drop(columns=["n"], errors="ignore").assign(month=month).sort_values(
        ["credibility", "date"], ascending=[False, True])
    groups = ranked.groupby(["month", *keys], sort=True)
    example = groups.head(1).set_index(["month", *keys])
    summary = groups.agg(n=(value, "size"), mean_value=(value, "mean"))
    out = example.join(summary).reset_index()
    out["quote"] = "e.g. " + out["quote"]
    out["date_text"] = out["month"].dt.strftime("%b %Y").astype("str") + " (" + out["n"].astype("str") + f" {noun})"
    out[value] = out["mean_value"].round(2)
    return out.drop(columns=["date", "mean_value"]).rename(columns={"month": "date"})


# --- Credibility -------------------------------------------------------------------------

# One row without fields: the data of a mark drawn once, such as a reference line.
ONE_MARK = pd.DataFrame(index=[0])


def chart_credibility_components(analysis: Analysis, actor_id: str | None = None,
                                 max_signals: int = MAX_SIGNALS) -> VegaLiteChart | NoChart:
    """The most credible signals (of one actor, given `actor_id`) as stacked bars, one segment per
    component (weight x score)."""
    scores = describe_signals(analysis)
    if actor_id is not None:
        scores = scores[scores["signal_id"].isin(actor_signals(analysis, actor_id)["signal_id"])]
    if scores.empty:
        return NoChart(f"No chart of credibility: {state_no_own_signal(analysis, actor_id, 'score')}."
                       if actor_id is not None else "No chart of credibility: there is no signal to score yet.")
    # A signal whose every weighted component lacks information has no credibility: it has no bar.
    n_unscored = int(scores["credibility"].isna().sum())
    scores = scores.dropna(subset=["credibility"])
    if scores.empty:
        whose = f"{possessive(refer_to_actor_id(analysis, actor_id))} signals" if actor_id is not None else "the signals"
        return NoChart(f"No chart of credibility: these weights score none of {whose} (no weighted component "
                       "carries information on them).")
    noun = "scored signal" if n_unscored else "signal"
    n_scored = len(scores)
    # Signals left out that share the last shown signal's rank (listed by id within a rank).
    n_tied_out = count_tied_past_cut(scores["rank"], max_signals)
    scores = scores.head(max_signals).reset_index(drop=True)
    scores["label"] = label_signals(scores, scores["rank"])
    whose = f"{possessive(refer_to_actor_id(analysis, actor_id))} " if actor_id is not None else ""
    title = (f"Credibility (0–1) of {whose}{count(len(scores), noun)}, most credible first, split into "
             "weighted components" if len(scores) == n_scored else
             f"Credibility (0–1) of the {len(scores)} most credible of {whose}{count(n_scored, noun)}, split "
             "into weighted components")
    long = scores.melt(id_vars=["label"], value_vars=list(COMPONENTS), var_name="component", value_name="score")
    # Each segment carries its own component's reason; what the signal is (its quote, outlet, date) is
    # stored once per signal and looked up, not repeated on each of its five segments.
    reasons = scores.melt(id_vars=["label"], value_vars=[f"{name}_reason" for name in COMPONENTS],
                          value_name="reason")["reason"]
    long["reason"] = reasons.to_numpy()
    # A missing component has no segment; the weights of the present ones are renormalised to sum to 1.
    nominal = long["component"].map(analysis.weights).astype(float).where(long["score"].notna(), 0.0)
    long["weight"] = nominal / nominal.groupby(long["label"]).transform("sum")
    long["weighted"] = (long["score"] * long["weight"]).fillna(0.0)
    long["order"] = long["component"].map({name: i for i, name in enumerate(COMPONENTS)})
    details = ["actor_name", "quote", "outlet_name", "date_text", "credibility"]
    weights = ", ".join(f"{name} {analysis.weights[name]:.2f}" for name in COMPONENTS)
    subtitle = (f"Bar length is the credibility (0–1); each segment is a component's score × its weight ({weights}), "
                "the weights renormalised over the components the signal has: a missing one (not applicable, or no "
                "information) has no segment. A label's number is the signal's rank in the case; signals tied at a rank "
                "share it and are lettered (17a, 17b)."
                + (f" {capitalise(count(n_tied_out, 'more signal'))} {agree(n_tied_out, 'shares', 'share')} the "
                   f"last one's rank ({scores['rank'].iloc[-1]}) and {agree(n_tied_out, 'is', 'are')} left out: "
                   "places tied at the cut go by identifier." if n_tied_out else ""))
    spec = {
        "data": {"name": "components"}, "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
        "transform": [{"lookup": "label", "from": {"data": {"name": "signals"}, "key": "label", "fields": details}}],
        "encoding": {
            "x": encode("weighted:Q", stack="zero", title="Credibility (sum of weighted components, 0–1)",
                        scale={"domain": [0, 1]}),
            "y": encode("label:N", sort=scores["label"].tolist(), axis=signal_axis("Signal (rank. actor: summary)")),
            "color": encode("component:N", title="Component",
                            scale={"domain": list(COMPONENTS), "range": COMPONENT_COLOURS}),
            "order": encode("order:Q"),
            "tooltip": [*signal_tooltip(tooltip("credibility:Q", "Credibility", format=".2f"),
                                        tooltip("component:N", "Component"),
                                        tooltip("score:Q", "Score", format=".2f"),
                                        tooltip("weight:Q", "Weight (renormalised)", format=".2f"),
                                        tooltip("reason:N", "Why this score"))],
        },
        "width": WIDTH - LABEL_LIMIT // 2, "height": {"step": ROW_STEP},
    }
    return finish(spec, make_title(title, subtitle), {"components": long, "signals": scores[["label", *details]]})


def chart_rank_sensitivity(analysis: Analysis) -> VegaLiteChart | NoChart:
    """Rank intervals (5th-95th percentile, median, chosen-weights rank) of the top 2k signals."""
    sensitivity = analysis.sensitivity
    if sensitivity.signals.empty:
        return NoChart("No chart of rank stability: there is no signal to rank yet.")
    # Signals the weights cannot score rank last, tied, under every weighting: they have no place to keep.
    scored = sensitivity.signals.dropna(subset=["credibility"])
    if scored.empty:
        return NoChart("No chart of rank stability: these weights score no signal.")
    k = sensitivity.top_k
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    table = scored.head(2 * k).merge(details, on="signal_id", how="left", validate="one_to_one")
    table["label"] = label_signals(table, table["rank_default"])
    inside, outside = ("First", "Not first") if k == 1 else (f"In the top {k}", f"Outside the top {k}")
    table["status"] = (table["rank_default"] <= k).map({True: inside, False: outside}).astype("str")
    frame = table[["label", "actor_name", "quote", "outlet_name", "date_text", "rank_default", "rank_p05",
                   "rank_median", "rank_p95", "p_top_k", "status"]]
    title = (f"Rank of the {count(len(table), 'top-ranked signal')} under {sensitivity.n_samples:,} plausible "
             "weightings (1 = most credible)")
    subtitle = (f"Bar: 5th to 95th percentile of the signal's rank over the weightings; tick: median rank; dot: rank "
                f"with the chosen weights; dashed line: the "
                f"{'boundary of the first place' if k == 1 else f'top-{k} boundary'}. A short bar is a rank that holds.")
    y = encode("label:N", sort=table["label"].tolist(), axis=signal_axis("Signal (default rank. actor: summary)"))
    x_title = "Rank under plausible weightings (1 = most credible)"
    interval = {"data": {"name": "ranks"}, "mark": {"type": "rule", "strokeWidth": 3, "color": "#9ecae9"},
                "encoding": {"y": y, "x": encode("rank_p05:Q", title=x_title, scale={"domainMin": 0.5}),
                             "x2": {"field": "rank_p95"}}}
    median = {"data": {"name": "ranks"}, "mark": {"type": "tick", "color": "#08519c", "thickness": 2, "size": 14},
              "encoding": {"y": y, "x": encode("rank_median:Q")}}
    dots = {"data": {"name": "ranks"}, "mark": {"type": "point", "filled": True, "size": 70}, "encoding": {
        "y": y, "x": encode("rank_default:Q"),
        "color": encode("status:N", title="With the chosen weights",
                        scale={"domain": [inside, outside], "range": [HIGHLIGHT, "#6b6b6b"]}),
        "tooltip": signal_tooltip(tooltip("rank_default:Q", "Rank with chosen weights"),
                                  tooltip("rank_p05:Q", "Rank, 5th percentile"),
                                  tooltip("rank_median:Q", "Rank, median"),
                                  tooltip("rank_p95:Q", "Rank, 95th percentile"),
                                  tooltip("p_top_k:Q", f"Share of weightings in the top {k}", format=".1%"))}}
    boundary = reference_rule(k + 0.5)
    spec = {"layer": [interval, median, dots, boundary], "width": WIDTH - LABEL_LIMIT // 2, "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"ranks": frame, "one_mark": ONE_MARK})


def reference_rule(x: float) -> dict:
    """A dashed vertical line at `x` on the layer's x scale, drawn once."""
    return {"data": {"name": "one_mark"}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#444444"},
            "encoding": {"x": {"datum": x}}}


# --- Competing hypotheses ----------------------------------------------------------------


def chart_ach_matrix(analysis: Analysis, max_evidence: int = MAX_EVIDENCE) -> VegaLiteChart | NoChart:
    """Evidence x hypothesis grid coloured by rating, the most diagnostic evidence first."""
    if analysis.diagnosticity.empty or analysis.case.hypotheses.empty:
        return NoChart("No chart of the ratings: no evidence is rated against the hypotheses yet.")
    evidence = analysis.diagnosticity.head(max_evidence).reset_index(drop=True)
    evidence["label"] = label_signals(evidence, pd.Series(range(1, len(evidence) + 1)))
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    hypotheses = analysis.case.hypotheses[["hypothesis_id", "label"]].rename(columns={"label": "hypothesis"})
    ratings = (analysis.case.ach[analysis.case.ach["signal_id"].isin(evidence["signal_id"])]
               .merge(evidence[["signal_id", "label", "actor_name", "diagnosticity"]], on="signal_id", validate="many_to_one")
               .merge(details, on="signal_id", validate="many_to_one")
               .merge(hypotheses, on="hypothesis_id", validate="many_to_one"))
    # A rating carries its own rationale; what the signal is, once per row of the matrix, is looked up.
    frame = ratings[["label", "hypothesis", "rationale"]].assign(
        rating=ratings["rating"].astype("str"), is_strong=ratings["rating"].astype("str").isin(["CC", "II"]))
    shared = ["actor_name", "quote", "outlet_name", "date_text", "diagnosticity"]
    signals = evidence[["signal_id", "label", "actor_name", "diagnosticity"]].merge(
        details, on="signal_id", validate="one_to_one")[["label", *shared]]
    n_hypotheses, n_rated = len(analysis.case.hypotheses), len(analysis.diagnosticity)
    title = (f"Ratings of {count(len(evidence), 'rated signal')} against {count(n_hypotheses, 'hypothesis', 'hypotheses')}"
             + (f" (the {len(evidence)} most diagnostic of {n_rated})" if n_rated > len(evidence) else ""))
    subtitle = ("A cell is the analyst's rating of a signal against a hypothesis, from CC (dark blue, very consistent) "
                "to II (dark red, very inconsistent). Rows: most diagnostic first (ratings whose weight against the "
                "hypotheses still in contention differs most); columns: least contradicted first.")
    step = fit_step(n_hypotheses, PAGE_WIDTH - LABEL_LIMIT - LEGEND_WIDTH, largest=110, smallest=24)
    position = {
        "x": encode("hypothesis:N", title="Hypothesis (least contradicted first)", sort=hypothesis_order(analysis),
                    axis={"labelAngle": 0 if step >= 100 else -30, "labelLimit": 160}),
        "y": encode("label:N", sort=evidence["label"].tolist(), axis=signal_axis("Evidence (most diagnostic first)")),
    }
    cells = {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 1}, "encoding": {
        **position,
        "color": encode("rating:O", title="Rating (CC consistent, II inconsistent)",
                        scale={"domain": RATING_DOMAIN, "range": RATING_COLOURS}),
        "tooltip": signal_tooltip(tooltip("hypothesis:N", "Hypothesis"), tooltip("rating:N", "Rating"),
                                  tooltip("rationale:N", "Why this rating"),
                                  tooltip("diagnosticity:Q", "Diagnosticity", format=".2f"))}}
    letters = {"mark": {"type": "text", "fontSize": 10}, "encoding": {
        **position, "text": encode("rating:N"), "color": when("datum.is_strong", "white", "black")}}
    spec = {"data": {"name": "ratings"},
            "transform": [{"lookup": "label", "from": {"data": {"name": "signals"}, "key": "label", "fields": shared}}],
            "layer": [cells, letters], "width": band_width(n_hypotheses, step), "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"ratings": frame, "signals": signals})


def hypothesis_order(analysis: Analysis) -> list[str]:
    """Hypothesis labels, least contradicted first."""
    return analysis.hypothesis_scores["label"].astype("str").tolist()


LEADS, TRAILS = "Leads (least contradicted)", "Other hypothesis"
# Colours of the leading hypotheses (every one tied for the lead) and the others, in both hypothesis charts.
STANDING_COLOUR = encode("status:N", title="Standing", scale={"domain": [LEADS, TRAILS], "range": [HIGHLIGHT, MUTED]})


def leader_status(is_leading: pd.Series) -> pd.Series:
    """LEADS or TRAILS per hypothesis, from its `is_leading` flag (every hypothesis tied for the lead leads)."""
    return is_leading.map({True: LEADS, False: TRAILS}).astype("str")


def describe_lead(scores: pd.DataFrame) -> str:
    """'' with one leader, else the sentence that says how many share the lead."""
    n_leaders = int(scores["is_leading"].sum())
    return f" {capitalise(count(n_leaders, 'hypothesis', 'hypotheses'))} tie for the lead." if n_leaders > 1 else ""


def has_rated_evidence(analysis: Analysis) -> bool:
    """Whether any piece of evidence is rated against the hypotheses."""
    return not analysis.hypothesis_scores.empty and bool((analysis.hypothesis_scores["n_rated"] > 0).any())


def chart_hypothesis_scores(analysis: Analysis) -> VegaLiteChart | NoChart:
    """Weighted inconsistency per hypothesis, least first, every leader marked: a bar, and a tick at its end
    so a leader with no evidence against it (a bar of length 0) still shows."""
    scores = analysis.hypothesis_scores
    if not has_rated_evidence(analysis):
        return NoChart("No chart of the hypotheses' scores: no evidence is rated against them yet.")
    frame = scores[["label", "statement", "weighted_inconsistency", "weighted_consistency", "n_inconsistent",
                    "n_rated"]].assign(status=leader_status(scores["is_leading"]))
    title = (f"Credibility-weighted evidence against each of {count(len(scores), 'hypothesis', 'hypotheses')}, "
             "least contradicted first")
    subtitle = ("Bar: the sum over pieces of evidence (each counted once) of its credibility × 1 when rated "
                "inconsistent (I) or × 2 when very inconsistent (II); a tick marks the end of each bar, so a zero "
                "still shows. Shorter is better." + describe_lead(scores))
    position = {"x": encode("weighted_inconsistency:Q", title="Weighted inconsistency (evidence against)"),
                "y": encode("label:N", title="Hypothesis", sort=hypothesis_order(analysis), axis={"labelLimit": 260}),
                "color": STANDING_COLOUR,
                "tooltip": [tooltip("label:N", "Hypothesis"), tooltip("statement:N", "Statement"),
                            tooltip("weighted_inconsistency:Q", "Weighted inconsistency", format=".2f"),
                            tooltip("weighted_consistency:Q", "Weighted consistency", format=".2f"),
                            tooltip("n_inconsistent:Q", "Inconsistent pieces of evidence"),
                            tooltip("n_rated:Q", "Rated pieces of evidence")]}
    spec = {"data": {"name": "scores"}, "layer": [
        {"mark": {"type": "bar"}, "encoding": position},
        {"mark": {"type": "tick", "thickness": 3, "bandSize": 20}, "encoding": position},
    ], "width": WIDTH - NAME_AXIS_WIDTH, "height": {"step": LANE_STEP}}
    return finish(spec, make_title(title, subtitle), {"scores": frame})


def chart_hypothesis_support(analysis: Analysis) -> VegaLiteChart | NoChart:
    """Share of resampled draws in which each hypothesis leads."""
    support = analysis.hypothesis_support.dropna(subset=["support"])
    if support.empty:
        return NoChart("No chart of how often each hypothesis leads: no evidence is rated against them yet.")
    if has_no_alternative(analysis.hypothesis_scores):
        return NoChart("No chart of how often each hypothesis leads: with one hypothesis stated, it leads in every draw.")
    leader = analysis.hypothesis_scores.set_index("hypothesis_id")["is_leading"]
    frame = support[["label", "support", "n_leads"]].assign(status=leader_status(support["hypothesis_id"].map(leader)))
    title = f"Share of {analysis.n_samples:,} resampled draws in which each hypothesis leads (0–100%)"
    subtitle = ("Each draw reweights credibility (Dirichlet) and resamples the pieces of evidence (bootstrap); a draw "
                "several hypotheses tie in is shared among them. The share measures how robust the ranking is, "
                "not how likely a hypothesis is; the colour is the standing with all the evidence."
                + describe_lead(analysis.hypothesis_scores))
    position = {"x": encode("support:Q", title="Share of draws in which it leads", scale={"domain": [0, 1]},
                            axis={"format": ".0%"}),
                "y": encode("label:N", title="Hypothesis", axis={"labelLimit": 260},
                            sort=frame.sort_values(["support", "label"], ascending=[False, True])["label"].tolist()),
                "color": STANDING_COLOUR,
                "tooltip": [tooltip("label:N", "Hypothesis"), tooltip("support:Q", "Share", format=".1%"),
                            tooltip("n_leads:Q", "Draws it leads (ties shared)", format=".1f")]}
    spec = {"data": {"name": "support"}, "layer": [
        {"mark": {"type": "bar"}, "encoding": position},
        {"mark": {"type": "tick", "thickness": 3, "bandSize": 20}, "encoding": position},
    ], "width": WIDTH - NAME_AXIS_WIDTH, "height": {"step": LANE_STEP}}
    return finish(spec, make_title(title, subtitle), {"support": frame})


def chart_critical_evidence(analysis: Analysis, max_signals: int = 10) -> VegaLiteChart | NoChart:
    """The leader's margin without each of the most critical pieces of evidence."""
    table = analysis.leave_one_out
    if table.empty:
        return NoChart("No chart of critical evidence: no evidence is rated against the hypotheses yet.")
    if has_no_alternative(analysis.hypothesis_scores):
        return NoChart("No chart of critical evidence: with one hypothesis stated, there is no margin to lose.")
    if int(analysis.hypothesis_scores["is_leading"].sum()) > 1:
        return NoChart("No chart of critical evidence: hypotheses tie for the lead, so there is no margin to lose.")
    if not (table["is_critical"] | table["changes_leader"]).any():
        return NoChart("No chart of critical evidence: dropping any one piece leaves the leader and its margin as they are.")
    n_rated = len(table)
    table = table.head(max_signals).reset_index(drop=True)
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    table = table.merge(details, on="signal_id", how="left", validate="one_to_one")
    table["label"] = label_signals(table, pd.Series(range(1, len(table) + 1)))
    effect = pd.Series("Leader holds", index=table.index, dtype="str")
    effect = effect.where(~table["is_critical"], "Critical: narrows the margin most")
    effect = effect.where(~table["changes_leader"], "Critical: changes the leader")
    frame = table[["label", "actor_name", "quote", "outlet_name", "date_text", "margin_without", "leader_without_label",
                   "margin_change"]].assign(effect=effect)
    margin = float(table["margin"].iloc[0])
    title = ("The leader's margin over the runner-up without each piece of rated evidence"
             if n_rated == len(table) else
             f"The leader's margin over the runner-up without each of the {len(table)} most critical of "
             f"{n_rated} pieces of rated evidence")
    subtitle = (f"Bar: the margin (weighted inconsistency of the runner-up minus the leader's) with this signal "
                f"dropped, a tick at its end so that a zero still shows; dashed line: the margin with all evidence "
                f"({margin:.2f}); at zero or below, the leader changes.")
    bars = {"data": {"name": "margins"}, "mark": {"type": "bar"}, "encoding": {
        "x": encode("margin_without:Q", title="Leader's margin without this evidence", axis={"tickCount": 6}),
        "y": encode("label:N", sort=table["label"].tolist(), axis=signal_axis("Rated signal")),
        "color": encode("effect:N", title="Effect of dropping it", scale={
            "domain": ["Critical: changes the leader", "Critical: narrows the margin most", "Leader holds"],
            "range": [CONTRADICTION, HIGHLIGHT, MUTED]}),
        "tooltip": signal_tooltip(tooltip("margin_without:Q", "Margin without it", format=".2f"),
                                  tooltip("margin_change:Q", "Change in margin", format="+.2f"),
                                  tooltip("leader_without_label:N", "Leader without it"))}}
    ticks = {**bars, "mark": {"type": "tick", "thickness": 3, "bandSize": ROW_STEP - 4}}
    spec = {"layer": [bars, ticks, reference_rule(margin)], "width": WIDTH - LABEL_LIMIT // 2,
            "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"margins": frame, "one_mark": ONE_MARK})


# --- Network -----------------------------------------------------------------------------


def chart_agreement_matrix(analysis: Analysis, max_edges: int = MAX_EDGES,
                           max_actors: int = MAX_MATRIX_ACTORS) -> VegaLiteChart | NoChart:
    """Actor x actor cells coloured by net agreement (congruence - conflict), the strongest pairs
    among the actors in most of them."""
    if analysis.network.empty:
        return NoChart(f"No chart of agreement: no two actors take a side on the same question in the "
                       f"{NETWORK_WINDOW_DAYS} days up to the brief's date.")
    network = analysis.network.assign(strength=analysis.network["net"].abs(),
                                      total=analysis.network["congruence"] + analysis.network["conflict"])
    edges = network.sort_values(["strength", "total", "actor_a", "actor_b"],
                                ascending=[False, False, True, True]).head(max_edges)
    ends = pd.concat([edges["actor_a_name"], edges["actor_b_name"]]).value_counts().reset_index()
    ends.columns = ["actor", "n"]
    order = ends.sort_values(["n", "actor"], ascending=[False, True])["actor"].head(max_actors).tolist()
    edges = edges[edges["actor_a_name"].isin(order) & edges["actor_b_name"].isin(order)]
    edges = edges.assign(questions=["; ".join(analysis.case.topic_labels(topics.split(";"))) for topics in edges["topics"]])
    columns = ["congruence", "conflict", "net", "questions"]
    frame = pd.concat([
        edges[["actor_a_name", "actor_b_name", *columns]].rename(columns={"actor_a_name": "actor", "actor_b_name": "other"}),
        edges[["actor_b_name", "actor_a_name", *columns]].rename(columns={"actor_b_name": "actor", "actor_a_name": "other"}),
    ], ignore_index=True)
    order = [actor for actor in order if actor in set(frame["actor"])]
    extent = max(float(frame["net"].abs().max()), 1.0)
    frame["net_text"] = frame["net"].map(format_stance).astype("str")
    title = f"Net agreement of {count(len(edges), 'pair')} of actors who take sides on the same questions"
    subtitle = ("A cell is a pair of actors, drawn both ways round: blue they agree (congruence), red they conflict; "
                "the number is congruence − conflict, summed over the questions they share."
                + (f" The {len(edges)} strongest of {len(network)} pairs are shown." if len(network) > len(edges) else ""))
    step = fit_step(len(order), PAGE_WIDTH - NAME_AXIS_WIDTH - LEGEND_WIDTH, largest=ROW_STEP + 4, smallest=14)
    position = {
        "x": encode("other:N", title="Other actor", sort=order, axis={"labelAngle": -40, "labelLimit": 180}),
        "y": encode("actor:N", title="Actor", sort=order, axis={"labelLimit": 260}),
    }
    cells = {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 1}, "encoding": {
        **position,
        "color": encode("net:Q", title="Net agreement (congruence − conflict)",
                        scale={"domain": [-extent, 0, extent], "range": STANCE_GRADIENT}),
        "tooltip": [tooltip("actor:N", "Actor"), tooltip("other:N", "Other actor"),
                    tooltip("congruence:Q", "Congruence", format=".2f"),
                    tooltip("conflict:Q", "Conflict", format=".2f"),
                    tooltip("net:Q", "Net", format="+.2f"), tooltip("questions:N", "Shared questions")]}}
    numbers = {"mark": {"type": "text", "fontSize": 9}, "encoding": {**position, "text": encode("net_text:N")}}
    spec = {"data": {"name": "pairs"}, "layer": [cells, numbers],
            "width": {"step": step}, "height": {"step": step}}
    return finish(spec, make_title(title, subtitle), {"pairs": frame})


# --- Timeline ----------------------------------------------------------------------------


def time_datasets(close_up: Period | None) -> dict[str, pd.DataFrame]:
    """The dataset the close-up's shading draws from, when there is a close-up."""
    return {"one_mark": ONE_MARK} if close_up is not None else {}


def chart_timeline(analysis: Analysis, max_points: int = MAX_POINTS) -> VegaLiteChart | NoChart:
    """Events (diamonds, one lane per kind) and signals (dots by question, coloured by stance), contradictions ringed."""
    case = analysis.case
    if case.events.empty and case.signals.empty:
        return NoChart("No timeline: no event or signal is known yet." if analysis.as_of
                       else "No timeline: the case has no event or signal.")
    events = describe_case_events(analysis)
    events = events.assign(date=events["event_date"], lane="Event: " + events["kind"].astype("str"),
                           actor_name=events["description"], credibility=0.0, n=1)
    signals = describe_signals(analysis)
    signals = signals.assign(date=signals["signal_date"], lane=signals["topic_label"], n=1)
    n_events, n_signals = len(events), len(signals)
    contested = analysis.say_do.contested
    roles = pd.concat([
        pd.Series("Contradicted statement or commitment", index=contested["signal_id"].unique(), dtype="str"),
        pd.Series("Signal contradicting it", index=contested["contradicting_signal_id"].unique(), dtype="str"),
    ])
    roles = roles[~roles.index.duplicated()]
    rings = signals[signals["signal_id"].isin(roles.index)].assign(role=lambda frame: frame["signal_id"].map(roles))
    every_date = pd.concat([events["date"], signals["date"]])
    every_precision = pd.concat([events["event_date_precision"].astype("str"),
                                 signals["signal_date_precision"].astype("str")])
    periods = split_periods(every_date, every_precision)
    close_up = find_close_up(every_date, periods)
    aggregated = len(signals) > max_points
    if aggregated:
        signals = aggregate_by_month(signals, ["lane", "stance"], "credibility")
        rings = aggregate_by_month(rings, ["lane", "role"], "credibility")
    if len(events) > max_points:
        events = aggregate_by_month(events, ["lane"], "credibility", noun="events")
    lanes = ([f"Event: {kind}" for kind in case.events["kind"].cat.categories if f"Event: {kind}" in set(events["lane"])]
             + [label for label in case.topics["label"] if label in set(signals["lane"])])

    def shape(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        return frame[columns].assign(date=to_iso(frame["date"]), period=assign_periods(frame["date"], periods),
                                     in_close_up=is_in(frame["date"], close_up),
                                     offset=offset_overlaps(frame, ["date", "lane"]))

    event_frame = shape(events, ["lane", "actor_name", "quote", "outlet_name", "date_text", "n"])
    signal_frame = shape(signals, ["lane", "actor_name", "quote", "outlet_name", "date_text", "stance", "n"])
    if aggregated:
        signal_frame["offset"] = -signals["stance"].to_numpy(dtype=float) * MAX_OFFSET_PIXELS / 2
    ring_frame = shape(rings, ["lane", "actor_name", "quote", "outlet_name", "date_text", "role", "n"])
    size = scale_counts(pd.concat([event_frame["n"], signal_frame["n"]]))
    n_kinds, n_questions = events["lane"].nunique(), signals["lane"].nunique()
    lanes_of = [part for n, part in ((n_kinds, count(n_kinds, "kind of event", "kinds of event")),
                                     (n_questions, count(n_questions, "question"))) if n]
    title = capitalise(f"{join_words(lanes_of)}, one lane each, on a date axis")
    subtitle = ("Diamond: an event, in the lane of its kind; dot: a signal, in the lane of its question, coloured by its "
                "stance" + ("" if rings.empty else "; ring: a say–do contradiction (a statement or commitment another "
                            "signal contradicts, and that signal)") + ". Marks on one day fan out around their lane."
                + (" Signals and events are counted per month (dot size); the tooltip quotes the most credible."
                   if aggregated else "")
                + (" The shaded stretch, where the items crowd together, is drawn again below." if close_up else ""))

    def layers(x: dict, y: dict, keep: dict) -> list[dict]:
        position = {"x": x, "y": y}
        return [
            {"data": {"name": "events"}, "transform": [keep],
             "mark": {"type": "point", "shape": "diamond", "filled": True, "color": EVENT_COLOUR,
                      "yOffset": OFFSET_FROM_LANE},
             "encoding": {**position, "size": size, "tooltip": [
                 tooltip("actor_name:N", "Event"), tooltip("quote:N", "Quote"),
                 tooltip("outlet_name:N", "Outlet"), tooltip("date_text:N", "Date")]}},
            {"data": {"name": "signals"}, "transform": [keep],
             "mark": {"type": "circle", "opacity": 0.9, "yOffset": OFFSET_FROM_LANE},
             "encoding": {**position, "size": size,
                          "color": encode("stance:O", title="Stance of a signal (−2 rejects, +2 endorses)",
                                          scale={"domain": STANCE_DOMAIN, "range": STANCE_COLOURS}),
                          "tooltip": signal_tooltip(tooltip("stance:Q", "Stance"), tooltip("lane:N", "Question"))}},
            *([] if ring_frame.empty else [{"data": {"name": "rings"}, "transform": [keep],
             "mark": {"type": "point", "filled": False, "size": 320, "strokeWidth": 2, "yOffset": OFFSET_FROM_LANE},
             "encoding": {**position,
                          "stroke": encode("role:N", title="Say–do contradiction", scale={
                              "domain": ["Contradicted statement or commitment", "Signal contradicting it"],
                              "range": [CONTRADICTED_RING, CONTRADICTING_RING]}),
                          "tooltip": signal_tooltip(tooltip("role:N", "Role"))}}]),
        ]

    # The axis title sits above the lane labels, not beside them: a chart of two lanes is shorter than the title.
    lane_title = "Events by kind; signals by question"
    y_encoding = encode("lane:N", title=lane_title, sort=lanes, axis={**signal_axis(lane_title), "labelLimit": 220})
    spec = build_period_panels(layers, periods, close_up, "Date", y_encoding)
    return finish(spec, make_title(title, subtitle),
                  {"events": event_frame, "signals": signal_frame, **({} if ring_frame.empty else {"rings": ring_frame}),
                   **time_datasets(close_up)})


# --- Actor dossier -----------------------------------------------------------------------


def chart_actor_stances(analysis: Analysis, actor_id: str) -> VegaLiteChart | NoChart:
    """The actor's signals by question and date, coloured by stance; one lane per question, so the
    chart's height follows the number of questions."""
    own = actor_signals(analysis, actor_id)
    if own.empty:
        return NoChart(f"No chart of stances: {state_no_own_signal(analysis, actor_id, 'show')}.")
    own = own.sort_values(["signal_date", "signal_id"]).assign(date=own["signal_date"], lane=own["topic_label"])
    periods = split_periods(own["date"], own["signal_date_precision"])
    close_up = find_close_up(own["date"], periods)
    frame = own[["signal_id", "actor_name", "quote", "outlet_name", "date_text", "topic_label", "stance", "kind"]].assign(
        date=to_iso(own["date"]), period=assign_periods(own["date"], periods), in_close_up=is_in(own["date"], close_up),
        offset=offset_overlaps(own, ["date", "lane"]))
    n_topics = own["topic_id"].nunique()
    title = (f"Stance of {possessive(refer_to_actor_id(analysis, actor_id))} {count(len(own), 'signal')} on "
             f"{count(n_topics, 'question')}, by date")
    subtitle = ("A dot is a signal, in the lane of its question, from −2 (red, rejects the proposition) to +2 (blue, "
                "endorses it); signals on one day fan out around their lane."
                + (" The shaded stretch, where the signals crowd together, is drawn again below." if close_up else ""))

    def layers(x: dict, y: dict, keep: dict) -> list[dict]:
        return [{"data": {"name": "signals"}, "transform": [keep],
                 "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.9, "yOffset": OFFSET_FROM_LANE},
                 "encoding": {
                     "x": x, "y": y,
                     "color": encode("stance:O", title="Stance (−2 rejects, +2 endorses)",
                                     scale={"domain": STANCE_DOMAIN, "range": STANCE_COLOURS}),
                     "tooltip": signal_tooltip(tooltip("topic_label:N", "Question"), tooltip("stance:Q", "Stance"),
                                               tooltip("kind:N", "Kind"))}}]

    y_encoding = encode("topic_label:N", title="Question", axis={"labelLimit": 260})
    spec = build_period_panels(layers, periods, close_up, "Date of the signal", y_encoding)
    return finish(spec, make_title(title, subtitle), {"signals": frame, **time_datasets(close_up)})


def chart_actor_vs_case(analysis: Analysis, actor_id: str,
                        max_actors: int = MAX_HEATMAP_ACTORS) -> VegaLiteChart | NoChart:
    """Mean credibility per actor (range as a line), this actor highlighted."""
    scores = analysis.actor_scores
    if actor_id not in set(scores["actor_id"]):
        return NoChart(f"No chart of credibility against the case: {state_no_own_signal(analysis, actor_id, 'score')}.")
    shown = scores.sort_values(["n_signals", "actor_id"], ascending=[False, True]).head(max_actors)
    if actor_id not in set(shown["actor_id"]):
        shown = pd.concat([shown.head(max_actors - 1), scores[scores["actor_id"] == actor_id]])
    frame = shown[["actor_name", "n_signals", "mean_credibility", "min_credibility", "max_credibility"]].assign(
        status=(shown["actor_id"] == actor_id).map({True: "This actor", False: "Other actors"}).astype("str"))
    order = frame.sort_values(["mean_credibility", "actor_name"], ascending=[False, True])["actor_name"].tolist()
    title = (f"Mean credibility (0–1) of the signals of {count(len(shown), 'actor')}, "
             f"{refer_to_actor_id(analysis, actor_id)} highlighted"
             + (f" (the {len(shown)} most active of {len(scores)})" if len(scores) > len(shown) else ""))
    subtitle = "Bar: the mean credibility of an actor's signals; line: from its lowest to its highest. Most credible first."
    y = encode("actor_name:N", title="Actor", sort=order, axis={"labelLimit": 260})
    tooltips = [tooltip("actor_name:N", "Actor"), tooltip("n_signals:Q", "Signals"),
                tooltip("mean_credibility:Q", "Mean credibility", format=".2f"),
                tooltip("min_credibility:Q", "Lowest", format=".2f"),
                tooltip("max_credibility:Q", "Highest", format=".2f")]
    bars = {"mark": {"type": "bar"}, "encoding": {
        "y": y, "x": encode("mean_credibility:Q", title="Credibility (0–1)", scale={"domain": [0, 1]}),
        "color": encode("status:N", title="Actor", scale={"domain": ["This actor", "Other actors"],
                                                          "range": [HIGHLIGHT, MUTED]}),
        "tooltip": tooltips}}
    ranges = {"mark": {"type": "rule", "color": "#333333"}, "encoding": {
        "y": y, "x": encode("min_credibility:Q"), "x2": {"field": "max_credibility"}, "tooltip": tooltips}}
    spec = {"data": {"name": "actors"}, "layer": [bars, ranges], "width": WIDTH - NAME_AXIS_WIDTH, "height": {"step": 18}}
    return finish(spec, make_title(title, subtitle), {"actors": frame})
