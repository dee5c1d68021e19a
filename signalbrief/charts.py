"""The report's charts: one function per chart, each a Vega-Lite spec built from Analysis tables.

Each function takes the title (a finding, from `signalbrief.findings`) and aggregates in
pandas first, so the data embedded in a chart never has more rows than the chart draws:
top-N limits for actors, pairs, signals and evidence, and monthly counts on the timeline
when a case has more signals or events than a reader can see one by one. Wherever a
mark is a signal, its tooltip carries the verbatim quote, the outlet and the date as
precisely as the article gives it.
"""
from __future__ import annotations

import textwrap

import pandas as pd

from signalbrief.analysis import Analysis
from signalbrief.credibility import COMPONENTS
from signalbrief.findings import actor_signals, describe_signals, format_stance, headline
from signalbrief.vegalite import VegaLiteChart, encode, is_equal, to_date_time, tooltip, top_level, when
from signalbrief.wording import describe_events, format_dates

WIDTH = 640
LABEL_LIMIT = 380
TITLE_CHARACTERS = 95
LABEL_CHARACTERS = 75
ROW_STEP = 22
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
MAX_SIGNALS = 20
MAX_LINE_ACTORS = 8
MAX_EVIDENCE = 40
MAX_EDGES = 60
MAX_POINTS = 300
QUOTES_PER_CELL = 3
# Marks on one date in one lane fan out at most this far from the lane's centre.
MAX_OFFSET_PIXELS = 10
# A gap between dated items wider than this, and than half the whole span, splits a time axis in two.
MIN_BREAK_DAYS = 365


def make_title(text: str, subtitle: str | None = None) -> dict:
    """A left-aligned title wrapped to the chart's width, with an optional subtitle explaining the marks."""
    title = {"text": textwrap.wrap(headline(text), TITLE_CHARACTERS), "anchor": "start", "offset": 14,
             "fontSize": 14, "subtitleFontSize": 11, "subtitleColor": "#555555"}
    if subtitle:
        title["subtitle"] = textwrap.wrap(subtitle, TITLE_CHARACTERS + 20)
    return title


def shorten(text: str, limit: int = LABEL_CHARACTERS) -> str:
    """Text cut to `limit` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def label_signals(frame: pd.DataFrame, numbers: pd.Series) -> pd.Series:
    """Axis labels 'n. Actor: summary', unique through the number."""
    return pd.Series([shorten(f"{number}. {actor}: {summary}") for number, actor, summary in
                      zip(numbers, frame["actor_name"], frame["summary"])], index=frame.index, dtype="str")


def to_iso(dates: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text, which Vega reads as UTC midnight."""
    return pd.to_datetime(dates).dt.strftime("%Y-%m-%d").astype("str")


def signal_axis(title: str) -> dict:
    """A y axis of long signal labels, its title set above the labels so the two never overlap."""
    return {"labelLimit": LABEL_LIMIT, "title": title, "titleAngle": 0, "titleAlign": "right", "titleX": -8,
            "titleY": -6, "titleBaseline": "bottom"}


def finish(spec: dict, title: dict, datasets: dict[str, pd.DataFrame]) -> VegaLiteChart:
    """The whole chart, with legends wide enough for their titles and labels."""
    return top_level(spec, title, datasets, legend={"titleLimit": 360, "labelLimit": 300})


def signal_tooltip(*extra: dict) -> list[dict]:
    """Actor, quote, outlet and date of a signal mark, then `extra`."""
    return [tooltip("actor_name:N", "Actor"), tooltip("quote:N", "Quote"), tooltip("outlet_name:N", "Outlet"),
            tooltip("date_text:N", "Date"), *extra]


def split_periods(dates: pd.Series) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """One or two (label, start, end) periods: split at the widest gap when it dominates the span."""
    unique = pd.Series(pd.to_datetime(dates).dropna().unique()).sort_values().reset_index(drop=True)
    if unique.empty:
        return []
    first, last = unique.iloc[0], unique.iloc[-1]
    gaps = unique.diff().dt.days
    if len(unique) > 1:
        widest = int(gaps.idxmax())
        gap = gaps.iloc[widest]
        if gap > MIN_BREAK_DAYS and gap > 0.5 * (last - first).days:
            before_end, after_start = unique.iloc[widest - 1], unique.iloc[widest]
            background = (f"Background, {first.year}" if first.year == before_end.year
                          else f"Background, {first.year}–{before_end.year}")
            return [(background, first, before_end),
                    (f"{after_start:%b %Y} – {last:%b %Y}", after_start, last)]
    return [(f"{first:%b %Y} – {last:%b %Y}", first, last)]


def assign_periods(dates: pd.Series, periods: list[tuple[str, pd.Timestamp, pd.Timestamp]]) -> pd.Series:
    """The label of the period each date falls in."""
    labels = pd.Series("", index=dates.index, dtype="str")
    for label, start, end in periods:
        labels = labels.where(~((dates >= start) & (dates <= end)), label)
    return labels


def date_axis(start: pd.Timestamp, end: pd.Timestamp, width: int) -> dict:
    """A date axis labelled as finely as the period needs: years, months or days (in UTC, as the
    encoding's utc scale makes Vega-Lite format them)."""
    days = (end - start).days
    if days == 0:
        return {"values": [to_date_time(start)], "format": "%b %Y"}
    date_format = "%d %b" if days <= 120 else "%Y" if days > 730 else "%b %Y"
    return {"format": date_format, "labelOverlap": True, "tickCount": 4 if width < 300 else 8}


def build_period_panels(layers, periods: list[tuple[str, pd.Timestamp, pd.Timestamp]], x_title: str,
                        y_encoding: dict, lane_step: int | None = 28) -> dict:
    """Side-by-side time panels, one per period, each with its own padded UTC date axis.

    `layers(x, y, keep)` returns the list of layers of one panel, `keep` being the filter
    transform that keeps the rows of its period; the first panel carries the y axis, later
    ones hide it so the rows line up.
    """
    if not periods:  # nothing dated yet (a brief as of a day before the case): one empty panel
        x = encode("date:T", title=f"{x_title} (nothing dated yet)", scale={"type": "utc"})
        return {"layer": layers(x, y_encoding, {"filter": "false"}), "width": WIDTH,
                "height": {"step": lane_step} if lane_step else QUANTITATIVE_HEIGHT}
    widths = [WIDTH] if len(periods) == 1 else [190, WIDTH - 190]
    hidden_axis = {"labels": False, "ticks": False, "title": None, "domain": False}
    panels = []
    for index, ((label, start, end), width) in enumerate(zip(periods, widths)):
        pad = pd.Timedelta(days=max(10, int((end - start).days * 0.06)))
        x = encode("date:T", title=f"{x_title} ({label})",
                   scale={"type": "utc", "domain": [to_date_time(start - pad), to_date_time(end + pad)]},
                   axis=date_axis(start, end, width))
        y = y_encoding if index == 0 else {**y_encoding, "axis": hidden_axis}
        keep = {"filter": is_equal("period", label)}
        panels.append({"layer": layers(x, y, keep), "width": width,
                       "height": {"step": lane_step} if lane_step else QUANTITATIVE_HEIGHT})
    if len(panels) == 1:
        return panels[0]
    return {"hconcat": panels, "spacing": 8, "resolve": {"scale": {"y": "shared"}}}


# --- Stances -----------------------------------------------------------------------------


def chart_stance_heatmap(analysis: Analysis, title: str, max_actors: int = MAX_HEATMAP_ACTORS,
                         max_topics: int = MAX_HEATMAP_TOPICS) -> VegaLiteChart:
    """Actor x topic cells coloured by the actor's position now, its latest signal (red -2, grey 0,
    blue +2), with its history and the quotes behind each."""
    cells = analysis.stances
    actors = (cells.groupby(["actor_id", "actor_name"])["n_signals"].sum().reset_index()
              .sort_values(["n_signals", "actor_name"], ascending=[False, True]).head(max_actors))
    topics = (cells.groupby(["topic_id", "topic_label"])["n_signals"].sum().reset_index()
              .sort_values(["n_signals", "topic_label"], ascending=[False, True]).head(max_topics))
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
    dropped = len(cells["actor_id"].unique()) - len(actors)
    subtitle = ("Each actor's position now on each question, the stance of its latest signal (earlier ones in the "
                "tooltip's history): red rejects the proposition, blue endorses it, grey is neutral; blank means no signal."
                + (f" The {len(actors)} most active actors are shown ({dropped} more in the appendix)." if dropped > 0 else ""))
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
                    tooltip("proposition:N", "Proposition"), tooltip("position:Q", "Position now (latest signal)", format="+.2f"),
                    tooltip("stance_history:N", "Stances, oldest first"),
                    tooltip("mean_stance:Q", "Mean stance", format="+.2f"),
                    tooltip("min_stance:Q", "Lowest stance"), tooltip("max_stance:Q", "Highest stance"),
                    tooltip("n_signals:Q", "Signals"), tooltip("quotes:N", "Quotes")],
    }}
    text_layer = {"mark": {"type": "text", "fontSize": 10}, "encoding": {
        **position, "text": encode("position_text:N"), "color": when("datum.is_strong", "white", "black")}}
    spec = {"data": {"name": "cells"}, "layer": [cells_layer, text_layer],
            "width": max(300, 62 * len(topics)), "height": {"step": ROW_STEP}}
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


def chart_stance_over_time(analysis: Analysis, topic_id: str, title: str, max_actors: int = MAX_LINE_ACTORS,
                           max_points: int = MAX_POINTS) -> VegaLiteChart:
    """One line per actor through its signals' stances on one topic, dates on x."""
    over_time = analysis.stances_over_time[analysis.stances_over_time["topic_id"] == topic_id]
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text", "kind", "credibility"]]
    signals = over_time.merge(details, on="signal_id", how="left", validate="one_to_one")
    counts = signals.groupby("actor_name").size().reset_index(name="n").sort_values(["n", "actor_name"], ascending=[False, True])
    actors = counts["actor_name"].head(max_actors).tolist()
    signals = signals[signals["actor_name"].isin(actors)].assign(date=signals["signal_date"])
    if len(signals) > max_points:
        signals = aggregate_by_month(signals, ["actor_name"], "stance")
    else:
        signals = signals.assign(n=1)
    signals = signals.sort_values(["date", "actor_name"]).reset_index(drop=True)
    periods = split_periods(signals["date"])
    frame = signals[["actor_name", "quote", "outlet_name", "date_text", "kind", "stance", "n"]].assign(
        date=to_iso(signals["date"]), period=assign_periods(signals["date"], periods),
        stance_shown=jitter_stances(signals))
    dropped = len(counts) - len(actors)
    subtitle = ("Each dot is a signal (or a month of signals, sized by count), its stance from −2 (rejects) to +2 "
                "(endorses); lines join one actor's signals in date order."
                + (f" The {len(actors)} most active actors on this question are shown; {dropped} more are not." if dropped > 0 else ""))
    colour = encode("actor_name:N", title="Actor", sort=actors)
    size = scale_counts(frame["n"])

    def layers(x: dict, y: dict, keep: dict) -> list[dict]:
        position = {"x": x, "y": y, "color": colour}
        return [
            {"data": {"name": "signals"}, "transform": [keep],
             "mark": {"type": "line", "strokeWidth": 1.5, "opacity": 0.6},
             "encoding": {**position, "detail": encode("actor_name:N")}},
            {"data": {"name": "signals"}, "transform": [keep],
             "mark": {"type": "point", "filled": True, "opacity": 0.9},
             "encoding": {**position, "size": size, "tooltip": signal_tooltip(
                 tooltip("stance:Q", "Stance", format="+.1f"), tooltip("kind:N", "Kind"), tooltip("n:Q", "Signals"))}},
        ]

    y_encoding = encode("stance_shown:Q", title="Stance (−2 rejects, +2 endorses)", scale={"domain": [-2.5, 2.5]},
                        axis={"values": STANCE_DOMAIN, "labelExpr": SIGNED_LABEL})
    spec = build_period_panels(layers, periods, "Date of the signal", y_encoding, lane_step=None)
    return finish(spec, make_title(title, subtitle), {"signals": frame})


def scale_counts(counts: pd.Series) -> dict:
    """Dot size: by count when marks hold several items, one fixed size when every mark is one item."""
    if counts.empty or counts.max() <= 1:
        return {"value": 90}
    return encode("n:Q", title="Items per dot", scale={"domain": [1, int(counts.max())], "range": [60, 500]})


def offset_overlaps(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Pixel offsets that fan out marks sharing the same `keys` (date and lane), so each stays visible."""
    group = frame.groupby(keys, sort=False)
    spread = (group.cumcount() - (group[keys[0]].transform("size") - 1) / 2) * 5.0
    return spread.clip(-MAX_OFFSET_PIXELS, MAX_OFFSET_PIXELS)


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


def chart_credibility_components(analysis: Analysis, title: str, signal_ids: list[str] | None = None,
                                 max_signals: int = MAX_SIGNALS) -> VegaLiteChart:
    """The most credible signals as stacked bars, one segment per component (weight x score)."""
    scores = describe_signals(analysis)
    if signal_ids is not None:
        scores = scores[scores["signal_id"].isin(signal_ids)]
    scores = scores.head(max_signals).reset_index(drop=True)
    scores["label"] = label_signals(scores, scores["rank"])
    reasons = {f"{name}_reason": f"Why {name}" for name in COMPONENTS}
    long = scores.melt(id_vars=["label", "actor_name", "quote", "outlet_name", "date_text", "credibility", *reasons],
                       value_vars=list(COMPONENTS), var_name="component", value_name="score")
    # A missing component has no segment; the weights of the present ones are renormalised to sum to 1.
    nominal = long["component"].map(analysis.weights).astype(float).where(long["score"].notna(), 0.0)
    long["weight"] = nominal / nominal.groupby(long["label"]).transform("sum")
    long["weighted"] = (long["score"] * long["weight"]).fillna(0.0)
    long["order"] = long["component"].map({name: i for i, name in enumerate(COMPONENTS)})
    weights = ", ".join(f"{name} {analysis.weights[name]:.2f}" for name in COMPONENTS)
    subtitle = (f"Bar length is the credibility (0–1); each segment is a component's score × its weight ({weights}), "
                "the weights renormalised over the components the signal has: a missing one (not applicable, or no "
                "information) has no segment. Numbers are the signal's rank in the case.")
    spec = {
        "data": {"name": "components"}, "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
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
                                        tooltip("weight:Q", "Weight (renormalised)", format=".2f")),
                        *[tooltip(f"{column}:N", heading) for column, heading in reasons.items()]],
        },
        "width": WIDTH - LABEL_LIMIT // 2, "height": {"step": ROW_STEP},
    }
    return finish(spec, make_title(title, subtitle), {"components": long})


def chart_rank_sensitivity(analysis: Analysis, title: str) -> VegaLiteChart:
    """Rank intervals (5th-95th percentile, median, chosen-weights rank) of the top 2k signals."""
    sensitivity = analysis.sensitivity
    k = sensitivity.top_k
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    table = sensitivity.signals.head(2 * k).merge(details, on="signal_id", how="left", validate="one_to_one")
    table["label"] = label_signals(table, table["rank_default"])
    table["status"] = (table["rank_default"] <= k).map({True: f"In the top {k}", False: f"Outside the top {k}"}).astype("str")
    frame = table[["label", "actor_name", "quote", "outlet_name", "date_text", "rank_default", "rank_p05",
                   "rank_median", "rank_p95", "p_top_k", "status"]]
    subtitle = (f"Bar: 5th to 95th percentile of the signal's rank over {sensitivity.n_samples} plausible weightings; "
                f"tick: median rank; dot: rank with the chosen weights; dashed line: the top-{k} boundary.")
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
                        scale={"domain": [f"In the top {k}", f"Outside the top {k}"], "range": [HIGHLIGHT, "#6b6b6b"]}),
        "tooltip": signal_tooltip(tooltip("rank_default:Q", "Rank with chosen weights"),
                                  tooltip("rank_p05:Q", "Rank, 5th percentile"),
                                  tooltip("rank_median:Q", "Rank, median"),
                                  tooltip("rank_p95:Q", "Rank, 95th percentile"),
                                  tooltip("p_top_k:Q", f"Share of weightings in the top {k}", format=".0%"))}}
    boundary = reference_rule(k + 0.5)
    spec = {"layer": [interval, median, dots, boundary], "width": WIDTH - LABEL_LIMIT // 2, "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"ranks": frame, "one_mark": ONE_MARK})


def reference_rule(x: float) -> dict:
    """A dashed vertical line at `x` on the layer's x scale, drawn once."""
    return {"data": {"name": "one_mark"}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#444444"},
            "encoding": {"x": {"datum": x}}}


# --- Competing hypotheses ----------------------------------------------------------------


def hypothesis_order(analysis: Analysis) -> list[str]:
    """Hypothesis labels, least contradicted first."""
    return analysis.hypothesis_scores["label"].astype("str").tolist()


def chart_ach_matrix(analysis: Analysis, title: str, max_evidence: int = MAX_EVIDENCE) -> VegaLiteChart:
    """Evidence x hypothesis grid coloured by rating, the most diagnostic evidence first."""
    evidence = analysis.diagnosticity.head(max_evidence).reset_index(drop=True)
    evidence["label"] = label_signals(evidence, pd.Series(range(1, len(evidence) + 1)))
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    hypotheses = analysis.case.hypotheses[["hypothesis_id", "label"]].rename(columns={"label": "hypothesis"})
    ratings = (analysis.case.ach[analysis.case.ach["signal_id"].isin(evidence["signal_id"])]
               .merge(evidence[["signal_id", "label", "actor_name", "diagnosticity"]], on="signal_id", validate="many_to_one")
               .merge(details, on="signal_id", validate="many_to_one")
               .merge(hypotheses, on="hypothesis_id", validate="many_to_one"))
    frame = ratings[["label", "hypothesis", "actor_name", "quote", "outlet_name", "date_text", "rationale",
                     "diagnosticity"]].assign(rating=ratings["rating"].astype("str"),
                                              is_strong=ratings["rating"].astype("str").isin(["CC", "II"]))
    dropped = len(analysis.diagnosticity) - len(evidence)
    subtitle = ("Each row is a rated signal, most diagnostic first (ratings whose weight against the hypotheses still in "
                "contention differs most); "
                "blue is consistent with the hypothesis, red inconsistent. Columns: least contradicted first."
                + (f" The {len(evidence)} most diagnostic of {len(analysis.diagnosticity)} are shown." if dropped > 0 else ""))
    position = {
        "x": encode("hypothesis:N", title="Hypothesis (least contradicted first)", sort=hypothesis_order(analysis),
                    axis={"labelAngle": 0, "labelLimit": 160}),
        "y": encode("label:N", sort=evidence["label"].tolist(), axis=signal_axis("Evidence (most diagnostic first)")),
    }
    cells = {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 1}, "encoding": {
        **position,
        "color": encode("rating:O", title="Rating (CC very consistent … II very inconsistent)",
                        scale={"domain": RATING_DOMAIN, "range": RATING_COLOURS}),
        "tooltip": signal_tooltip(tooltip("hypothesis:N", "Hypothesis"), tooltip("rating:N", "Rating"),
                                  tooltip("rationale:N", "Why this rating"),
                                  tooltip("diagnosticity:Q", "Diagnosticity", format=".2f"))}}
    letters = {"mark": {"type": "text", "fontSize": 10}, "encoding": {
        **position, "text": encode("rating:N"), "color": when("datum.is_strong", "white", "black")}}
    spec = {"data": {"name": "ratings"}, "layer": [cells, letters],
            "width": max(240, 110 * len(analysis.case.hypotheses)), "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"ratings": frame})


def leader_status(scores: pd.DataFrame) -> pd.Series:
    """'Leader (least contradicted)' or 'Other hypothesis' per row of hypothesis_scores."""
    return scores["is_leading"].map({True: "Leader (least contradicted)", False: "Other hypothesis"}).astype("str")


# Colours of the leading hypothesis and the others, in both hypothesis charts.
STANDING_COLOUR = encode("status:N", title="Standing", scale={
    "domain": ["Leader (least contradicted)", "Other hypothesis"], "range": [HIGHLIGHT, MUTED]})


def chart_hypothesis_scores(analysis: Analysis, title: str) -> VegaLiteChart:
    """Weighted inconsistency per hypothesis, least first, the leader marked."""
    scores = analysis.hypothesis_scores
    frame = scores[["label", "statement", "weighted_inconsistency", "weighted_consistency", "n_inconsistent",
                    "n_rated"]].assign(status=leader_status(scores))
    subtitle = ("Sum over pieces of evidence (each counted once) of credibility × 1 (I) or × 2 (II) against each "
                "hypothesis; shorter is better.")
    spec = {"data": {"name": "scores"}, "mark": {"type": "bar"}, "encoding": {
        "x": encode("weighted_inconsistency:Q", title="Weighted inconsistency (evidence against)"),
        "y": encode("label:N", title="Hypothesis", sort=hypothesis_order(analysis), axis={"labelLimit": 260}),
        "color": STANDING_COLOUR,
        "tooltip": [tooltip("label:N", "Hypothesis"), tooltip("statement:N", "Statement"),
                    tooltip("weighted_inconsistency:Q", "Weighted inconsistency", format=".2f"),
                    tooltip("weighted_consistency:Q", "Weighted consistency", format=".2f"),
                    tooltip("n_inconsistent:Q", "Inconsistent pieces of evidence"),
                    tooltip("n_rated:Q", "Rated pieces of evidence")],
    }, "width": WIDTH - 260, "height": {"step": 28}}
    return finish(spec, make_title(title, subtitle), {"scores": frame})


def chart_hypothesis_support(analysis: Analysis, title: str) -> VegaLiteChart:
    """Share of resampled draws in which each hypothesis leads."""
    support = analysis.hypothesis_support.dropna(subset=["support"])
    leader = analysis.hypothesis_scores.set_index("hypothesis_id")["is_leading"]
    frame = support[["label", "support", "n_leads"]].assign(
        status=support["hypothesis_id"].map(leader).map(
            {True: "Leader (least contradicted)", False: "Other hypothesis"}).astype("str"))
    subtitle = (f"{analysis.n_samples} draws, each reweighting credibility (Dirichlet) and resampling the pieces of "
                "evidence (bootstrap); a tied draw is shared. The share measures how robust the ranking is, "
                "not how likely a hypothesis is.")
    spec = {"data": {"name": "support"}, "mark": {"type": "bar"}, "encoding": {
        "x": encode("support:Q", title="Share of draws in which it leads", scale={"domain": [0, 1]},
                    axis={"format": "%"}),
        "y": encode("label:N", title="Hypothesis", sort="-x", axis={"labelLimit": 260}),
        "color": STANDING_COLOUR,
        "tooltip": [tooltip("label:N", "Hypothesis"), tooltip("support:Q", "Share", format=".1%"),
                    tooltip("n_leads:Q", "Draws it leads (ties shared)", format=".1f")],
    }, "width": WIDTH - 260, "height": {"step": 28}}
    return finish(spec, make_title(title, subtitle), {"support": frame})


def chart_critical_evidence(analysis: Analysis, title: str, max_signals: int = 10) -> VegaLiteChart:
    """The leader's margin without each of the most critical pieces of evidence."""
    table = analysis.leave_one_out.head(max_signals).reset_index(drop=True)
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    table = table.merge(details, on="signal_id", how="left", validate="one_to_one")
    table["label"] = label_signals(table, pd.Series(range(1, len(table) + 1)))
    effect = pd.Series("Leader holds", index=table.index, dtype="str")
    effect = effect.where(~table["is_critical"], "Critical: narrows the margin most")
    effect = effect.where(~table["changes_leader"], "Critical: changes the leader")
    frame = table[["label", "actor_name", "quote", "outlet_name", "date_text", "margin_without", "leader_without_label",
                   "margin_change"]].assign(effect=effect)
    margin = float(table["margin"].iloc[0]) if len(table) else 0.0
    subtitle = (f"Bar: the leader's lead over the runner-up (weighted inconsistency) with this signal dropped; "
                f"dashed line: the lead with all evidence ({margin:.2f}); below 0 the leader changes.")
    bars = {"data": {"name": "margins"}, "mark": {"type": "bar"}, "encoding": {
        "x": encode("margin_without:Q", title="Leader's margin without this evidence"),
        "y": encode("label:N", sort=table["label"].tolist(), axis=signal_axis("Rated signal")),
        "color": encode("effect:N", title="Effect of dropping it", scale={
            "domain": ["Critical: changes the leader", "Critical: narrows the margin most", "Leader holds"],
            "range": [CONTRADICTION, HIGHLIGHT, MUTED]}),
        "tooltip": signal_tooltip(tooltip("margin_without:Q", "Margin without it", format=".2f"),
                                  tooltip("margin_change:Q", "Change in margin", format="+.2f"),
                                  tooltip("leader_without_label:N", "Leader without it"))}}
    spec = {"layer": [bars, reference_rule(margin)], "width": WIDTH - LABEL_LIMIT // 2, "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"margins": frame, "one_mark": ONE_MARK})


# --- Network -----------------------------------------------------------------------------


def chart_agreement_matrix(analysis: Analysis, title: str, max_edges: int = MAX_EDGES) -> VegaLiteChart:
    """Actor x actor cells coloured by net agreement (congruence - conflict), the strongest pairs only."""
    network = analysis.network.assign(strength=analysis.network["net"].abs(),
                                      total=analysis.network["congruence"] + analysis.network["conflict"])
    edges = network.sort_values(["strength", "total", "actor_a", "actor_b"],
                                ascending=[False, False, True, True]).head(max_edges)
    labels = analysis.case.topics.set_index("topic_id")["label"]
    edges = edges.assign(questions=["; ".join(labels.loc[topics.split(";")]) for topics in edges["topics"]])
    columns = ["congruence", "conflict", "net", "questions"]
    frame = pd.concat([
        edges[["actor_a_name", "actor_b_name", *columns]].rename(columns={"actor_a_name": "actor", "actor_b_name": "other"}),
        edges[["actor_b_name", "actor_a_name", *columns]].rename(columns={"actor_b_name": "actor", "actor_a_name": "other"}),
    ], ignore_index=True)
    degree = frame.groupby("actor").size().reset_index(name="n").sort_values(["n", "actor"], ascending=[False, True])
    order = degree["actor"].tolist()
    extent = max(float(frame["net"].abs().max()) if len(frame) else 1.0, 1.0)
    frame["net_text"] = frame["net"].map(format_stance).astype("str")
    dropped = len(network) - len(edges)
    subtitle = ("Each cell is a pair of actors taking sides on the same questions: blue agree (congruence), red "
                "conflict; the number is congruence − conflict."
                + (f" The {len(edges)} strongest of {len(network)} pairs are shown." if dropped > 0 else ""))
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
            "width": {"step": ROW_STEP}, "height": {"step": ROW_STEP}}
    return finish(spec, make_title(title, subtitle), {"pairs": frame})


# --- Timeline ----------------------------------------------------------------------------


def chart_timeline(analysis: Analysis, title: str, max_points: int = MAX_POINTS) -> VegaLiteChart:
    """Events (diamonds, one lane per kind) and signals (dots by question, coloured by stance), contradictions ringed."""
    case = analysis.case
    outlets = case.outlets.set_index("outlet_id")["name"]
    events = case.events.assign(
        date=case.events["event_date"], lane="Event: " + case.events["kind"].astype("str"),
        outlet_name=case.events["outlet_id"].map(outlets).astype("str"),
        date_text=format_dates(case.events["event_date"], case.events["event_date_precision"].astype("str")),
        actor_name=describe_events(case.events["summary"], case.events["status"]), credibility=0.0, n=1)
    signals = describe_signals(analysis)
    signals = signals.assign(date=signals["signal_date"], lane=signals["topic_label"], n=1)
    contested = analysis.say_do.contested
    roles = pd.concat([
        pd.Series("Contradicted statement or commitment", index=contested["signal_id"].unique(), dtype="str"),
        pd.Series("Signal contradicting it", index=contested["contradicting_signal_id"].unique(), dtype="str"),
    ])
    roles = roles[~roles.index.duplicated()]
    rings = signals[signals["signal_id"].isin(roles.index)].assign(role=lambda frame: frame["signal_id"].map(roles))
    aggregated = len(signals) > max_points
    if aggregated:
        signals = aggregate_by_month(signals, ["lane", "stance"], "credibility")
        rings = aggregate_by_month(rings, ["lane", "role"], "credibility")
    if len(events) > max_points:
        events = aggregate_by_month(events, ["lane"], "credibility", noun="events")
    periods = split_periods(pd.concat([events["date"], signals["date"]]))
    lanes = ([f"Event: {kind}" for kind in case.events["kind"].cat.categories if f"Event: {kind}" in set(events["lane"])]
             + [label for label in case.topics["label"] if label in set(signals["lane"])])

    def shape(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        return frame[columns].assign(date=to_iso(frame["date"]), period=assign_periods(frame["date"], periods),
                                     offset=offset_overlaps(frame, ["date", "lane"]))

    event_frame = shape(events, ["lane", "actor_name", "quote", "outlet_name", "date_text", "n"])
    signal_frame = shape(signals, ["lane", "actor_name", "quote", "outlet_name", "date_text", "stance", "n"])
    if aggregated:
        signal_frame["offset"] = -signals["stance"].to_numpy(dtype=float) * MAX_OFFSET_PIXELS / 2
    ring_frame = shape(rings, ["lane", "actor_name", "quote", "outlet_name", "date_text", "role", "n"])
    size = scale_counts(pd.concat([event_frame["n"], signal_frame["n"]]))
    offset = encode("offset:Q", scale=None)
    subtitle = ("Diamonds: events, one lane per kind; dots: signals, one lane per question, coloured by stance; "
                "rings: say–do contradictions (a statement or commitment another signal contradicts, and that signal)."
                + (" Signals and events are counted per month (dot size); the tooltip quotes the most credible." if aggregated else ""))

    def layers(x: dict, y: dict, keep: dict) -> list[dict]:
        position = {"x": x, "y": y, "yOffset": offset}
        return [
            {"data": {"name": "events"}, "transform": [keep],
             "mark": {"type": "point", "shape": "diamond", "filled": True, "color": EVENT_COLOUR},
             "encoding": {**position, "size": size, "tooltip": [
                 tooltip("actor_name:N", "Event"), tooltip("quote:N", "Quote"),
                 tooltip("outlet_name:N", "Outlet"), tooltip("date_text:N", "Date")]}},
            {"data": {"name": "signals"}, "transform": [keep], "mark": {"type": "circle", "opacity": 0.9},
             "encoding": {**position, "size": size,
                          "color": encode("stance:O", title="Stance of a signal (−2 rejects, +2 endorses)",
                                          scale={"domain": STANCE_DOMAIN, "range": STANCE_COLOURS}),
                          "tooltip": signal_tooltip(tooltip("stance:Q", "Stance"), tooltip("lane:N", "Question"))}},
            {"data": {"name": "rings"}, "transform": [keep],
             "mark": {"type": "point", "filled": False, "size": 320, "strokeWidth": 2},
             "encoding": {**position,
                          "stroke": encode("role:N", title="Say–do contradiction", scale={
                              "domain": ["Contradicted statement or commitment", "Signal contradicting it"],
                              "range": [CONTRADICTED_RING, CONTRADICTING_RING]}),
                          "tooltip": signal_tooltip(tooltip("role:N", "Role"))}},
        ]

    y_encoding = encode("lane:N", title="Events by kind; signals by question", sort=lanes, axis={"labelLimit": 220})
    spec = build_period_panels(layers, periods, "Date", y_encoding)
    return finish(spec, make_title(title, subtitle), {"events": event_frame, "signals": signal_frame, "rings": ring_frame})


# --- Actor dossier -----------------------------------------------------------------------


def chart_actor_stances(analysis: Analysis, actor_id: str, title: str) -> VegaLiteChart:
    """The actor's signals by question and date, coloured by stance."""
    own = actor_signals(analysis, actor_id)
    periods = split_periods(own["signal_date"])
    frame = own[["signal_id", "actor_name", "quote", "outlet_name", "date_text", "topic_label", "stance", "kind"]].assign(
        date=to_iso(own["signal_date"]), period=assign_periods(own["signal_date"], periods))
    subtitle = "One dot per signal, red rejects the question's proposition, blue endorses it."

    def layers(x: dict, y: dict, keep: dict) -> list[dict]:
        return [{"data": {"name": "signals"}, "transform": [keep],
                 "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.9}, "encoding": {
                     "x": x, "y": y, "yOffset": encode("signal_id:N"),
                     "color": encode("stance:O", title="Stance (−2 rejects, +2 endorses)",
                                     scale={"domain": STANCE_DOMAIN, "range": STANCE_COLOURS}),
                     "tooltip": signal_tooltip(tooltip("topic_label:N", "Question"), tooltip("stance:Q", "Stance"),
                                               tooltip("kind:N", "Kind"))}}]

    y_encoding = encode("topic_label:N", title="Question", axis={"labelLimit": 260})
    # No step per lane: yOffset splits each question's band by signal, so a step would grow with the signals.
    spec = build_period_panels(layers, periods, "Date of the signal", y_encoding, lane_step=None)
    return finish(spec, make_title(title, subtitle), {"signals": frame})


def chart_actor_vs_case(analysis: Analysis, actor_id: str, title: str,
                        max_actors: int = MAX_HEATMAP_ACTORS) -> VegaLiteChart:
    """Mean credibility per actor (range as a line), this actor highlighted."""
    scores = analysis.actor_scores
    shown = scores.sort_values(["n_signals", "actor_id"], ascending=[False, True]).head(max_actors)
    if actor_id not in set(shown["actor_id"]):
        shown = pd.concat([shown.head(max_actors - 1), scores[scores["actor_id"] == actor_id]])
    frame = shown[["actor_name", "n_signals", "mean_credibility", "min_credibility", "max_credibility"]].assign(
        status=(shown["actor_id"] == actor_id).map({True: "This actor", False: "Other actors"}).astype("str"))
    order = frame.sort_values(["mean_credibility", "actor_name"], ascending=[False, True])["actor_name"].tolist()
    subtitle = "Bar: mean credibility of the actor's signals; line: lowest to highest."
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
    spec = {"data": {"name": "actors"}, "layer": [bars, ranges], "width": WIDTH - 260, "height": {"step": 18}}
    return finish(spec, make_title(title, subtitle), {"actors": frame})
