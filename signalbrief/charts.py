"""The report's charts: one function per chart, each an Altair chart built from Analysis tables.

Each function takes the title (a finding, from `signalbrief.findings`) and aggregates in
pandas first, so the data embedded in a chart never has more rows than the chart draws:
top-N limits for actors, pairs, signals and evidence, and monthly counts on the timeline
when a case has more signals or events than a reader can see one by one. Wherever a
mark is a signal, its tooltip carries the verbatim quote, the outlet and the date as
precisely as the article gives it.
"""
from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from signalbrief.analysis import Analysis
from signalbrief.credibility import COMPONENTS
from signalbrief.findings import actor_signals, describe_signals, format_stance, headline
from signalbrief.wording import format_dates

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


def make_title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    """A left-aligned title wrapped to the chart's width, with an optional subtitle explaining the marks."""
    lines = textwrap.wrap(headline(text), TITLE_CHARACTERS)
    sub = textwrap.wrap(subtitle, TITLE_CHARACTERS + 20) if subtitle else alt.Undefined
    return alt.TitleParams(lines, subtitle=sub, anchor="start", offset=14, fontSize=14, subtitleFontSize=11,
                           subtitleColor="#555555")


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


def signal_axis(title: str) -> alt.Axis:
    """A y axis of long signal labels, its title set above the labels so the two never overlap."""
    return alt.Axis(labelLimit=LABEL_LIMIT, title=title, titleAngle=0, titleAlign="right", titleX=-8,
                    titleY=-6, titleBaseline="bottom")


def finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Legends wide enough for their titles and labels."""
    return chart.configure_legend(titleLimit=360, labelLimit=300)


def signal_tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    """Actor, quote, outlet and date of a signal mark, then `extra`."""
    return [alt.Tooltip("actor_name:N", title="Actor"), alt.Tooltip("quote:N", title="Quote"),
            alt.Tooltip("outlet_name:N", title="Outlet"), alt.Tooltip("date_text:N", title="Date"), *extra]


def to_datetime_param(stamp: pd.Timestamp) -> alt.DateTime:
    """A UTC Vega-Lite DateTime for a scale domain."""
    return alt.DateTime(year=stamp.year, month=stamp.month, date=stamp.day, utc=True)


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


def date_axis(start: pd.Timestamp, end: pd.Timestamp, width: int) -> alt.Axis:
    """A UTC date axis labelled as finely as the period needs: years, months or days."""
    days = (end - start).days
    if days == 0:
        return alt.Axis(values=[to_datetime_param(start)], format="%b %Y", formatType="utcFormat")
    date_format = "%d %b" if days <= 120 else "%Y" if days > 730 else "%b %Y"
    return alt.Axis(format=date_format, formatType="utcFormat", labelOverlap=True, tickCount=4 if width < 300 else 8)


def build_period_panels(layers, periods: list[tuple[str, pd.Timestamp, pd.Timestamp]], x_title: str,
                        y_encoding: dict, lane_step: int | None = 28) -> alt.HConcatChart | alt.LayerChart:
    """Side-by-side time panels, one per period, each with its own padded UTC date axis.

    `layers(x, y, period_label)` returns the list of layers of one panel; the first panel
    carries the y axis, later ones hide it so the rows line up.
    """
    if not periods:
        raise ValueError("a timeline needs at least one dated item")
    widths = [WIDTH] if len(periods) == 1 else [190, WIDTH - 190]
    panels = []
    for index, ((label, start, end), width) in enumerate(zip(periods, widths)):
        pad = pd.Timedelta(days=max(10, int((end - start).days * 0.06)))
        x = alt.X("date:T", title=f"{x_title} ({label})",
                  scale=alt.Scale(type="utc", domain=[to_datetime_param(start - pad), to_datetime_param(end + pad)]),
                  axis=date_axis(start, end, width))
        y = alt.Y(**y_encoding) if index == 0 else alt.Y(**{**y_encoding, "axis": alt.Axis(labels=False, ticks=False,
                                                                                         title=None, domain=False)})
        panels.append(alt.layer(*layers(x, y, label)).properties(width=width, height=alt.Step(lane_step) if lane_step else QUANTITATIVE_HEIGHT))
    if len(panels) == 1:
        return panels[0]
    return alt.hconcat(*panels, spacing=8).resolve_scale(y="shared")


# --- Stances -----------------------------------------------------------------------------


def chart_stance_heatmap(analysis: Analysis, title: str, max_actors: int = MAX_HEATMAP_ACTORS,
                         max_topics: int = MAX_HEATMAP_TOPICS) -> alt.LayerChart:
    """Actor x topic cells coloured by mean stance (red -2, grey 0, blue +2), the quotes behind each."""
    cells = analysis.stances
    actors = (cells.groupby(["actor_id", "actor_name"])["n_signals"].sum().reset_index()
              .sort_values(["n_signals", "actor_name"], ascending=[False, True]).head(max_actors))
    topics = (cells.groupby(["topic_id", "topic_label"])["n_signals"].sum().reset_index()
              .sort_values(["n_signals", "topic_label"], ascending=[False, True]).head(max_topics))
    shown = cells[cells["actor_id"].isin(actors["actor_id"]) & cells["topic_id"].isin(topics["topic_id"])]
    quotes = analysis.case.signals.set_index("signal_id")["quote"]
    frame = shown[["actor_name", "topic_label", "mean_stance", "min_stance", "max_stance", "n_signals"]].assign(
        quotes=[quote_cell(ids.split(";"), quotes) for ids in shown["signal_ids"]],
        mean_text=shown["mean_stance"].map(format_stance).astype("str"),
        is_strong=shown["mean_stance"].abs() >= 1.5,
    )
    dropped = len(cells["actor_id"].unique()) - len(actors)
    subtitle = ("Mean stance of each actor's signals on each question: red rejects the proposition, blue "
                "endorses it, grey is neutral; blank means no signal."
                + (f" The {len(actors)} most active actors are shown ({dropped} more in the appendix)." if dropped > 0 else ""))
    base = alt.Chart(frame).encode(
        x=alt.X("topic_label:N", title="Question (proposition in the data dictionary)", sort=topics["topic_label"].tolist(),
                axis=alt.Axis(labelAngle=-30, labelLimit=200)),
        y=alt.Y("actor_name:N", title="Actor", sort=actors["actor_name"].tolist(), axis=alt.Axis(labelLimit=260)),
    )
    cells_layer = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("mean_stance:Q", title="Mean stance (−2 rejects, +2 endorses)",
                        scale=alt.Scale(domain=[-2, 0, 2], range=STANCE_GRADIENT)),
        tooltip=[alt.Tooltip("actor_name:N", title="Actor"), alt.Tooltip("topic_label:N", title="Question"),
                 alt.Tooltip("mean_stance:Q", title="Mean stance", format="+.2f"),
                 alt.Tooltip("min_stance:Q", title="Lowest stance"), alt.Tooltip("max_stance:Q", title="Highest stance"),
                 alt.Tooltip("n_signals:Q", title="Signals"), alt.Tooltip("quotes:N", title="Quotes")],
    )
    text_layer = base.mark_text(fontSize=10).encode(
        text="mean_text:N",
        color=alt.condition(alt.datum.is_strong, alt.value("white"), alt.value("black")),
    )
    return finish(alt.layer(cells_layer, text_layer, title=make_title(title, subtitle)).properties(width=max(300, 62 * len(topics)), height=alt.Step(ROW_STEP)))


def quote_cell(signal_ids: list[str], quotes: pd.Series) -> str:
    """Up to QUOTES_PER_CELL quotes behind a heatmap cell, and how many more."""
    shown = " | ".join(quotes.loc[signal_ids[:QUOTES_PER_CELL]])
    more = len(signal_ids) - QUOTES_PER_CELL
    return shown + (f" | (+{more} more)" if more > 0 else "")


def jitter_stances(frame: pd.DataFrame) -> pd.Series:
    """Stance nudged apart where several actors sit on the same date and stance, so each stays visible."""
    group = frame.groupby(["date", "stance"], sort=False)
    position = group.cumcount()
    size = group["stance"].transform("size")
    return frame["stance"] + (position - (size - 1) / 2) * 0.12


def chart_stance_over_time(analysis: Analysis, topic_id: str, title: str, max_actors: int = MAX_LINE_ACTORS,
                           max_points: int = MAX_POINTS) -> alt.HConcatChart | alt.LayerChart:
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
    colour = alt.Color("actor_name:N", title="Actor", sort=actors)
    size = scale_counts(frame["n"])

    def layers(x, y, period):
        base = alt.Chart(frame).transform_filter(alt.datum.period == period).encode(x=x, y=y, color=colour)
        return [base.mark_line(strokeWidth=1.5, opacity=0.6).encode(detail="actor_name:N"),
                base.mark_point(filled=True, opacity=0.9).encode(
                    size=size,
                    tooltip=signal_tooltip(alt.Tooltip("stance:Q", title="Stance", format="+.1f"),
                                           alt.Tooltip("kind:N", title="Kind"),
                                           alt.Tooltip("n:Q", title="Signals")))]

    y_encoding = {"shorthand": "stance_shown:Q", "title": "Stance (−2 rejects, +2 endorses)",
                  "scale": alt.Scale(domain=[-2.5, 2.5]), "axis": alt.Axis(values=STANCE_DOMAIN, labelExpr=SIGNED_LABEL)}
    return finish(build_period_panels(layers, periods, "Date of the signal", y_encoding, lane_step=None).properties(
        title=make_title(title, subtitle)))


def scale_counts(counts: pd.Series) -> alt.Size | alt.ValueChannelMixin:
    """Dot size: by count when marks hold several items, one fixed size when every mark is one item."""
    if counts.max() <= 1:
        return alt.value(90)
    return alt.Size("n:Q", title="Items per dot", scale=alt.Scale(domain=[1, int(counts.max())], range=[60, 500]))


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


def chart_credibility_components(analysis: Analysis, title: str, signal_ids: list[str] | None = None,
                                 max_signals: int = MAX_SIGNALS) -> alt.Chart:
    """The most credible signals as stacked bars, one segment per component (weight x score)."""
    scores = describe_signals(analysis)
    if signal_ids is not None:
        scores = scores[scores["signal_id"].isin(signal_ids)]
    scores = scores.head(max_signals).reset_index(drop=True)
    scores["label"] = label_signals(scores, scores["rank"])
    reasons = {f"{name}_reason": f"Why {name}" for name in COMPONENTS}
    long = scores.melt(id_vars=["label", "actor_name", "quote", "outlet_name", "date_text", "credibility", *reasons],
                       value_vars=list(COMPONENTS), var_name="component", value_name="score")
    long["weighted"] = long["score"] * long["component"].map(analysis.weights)
    long["order"] = long["component"].map({name: i for i, name in enumerate(COMPONENTS)})
    long["weight"] = long["component"].map(analysis.weights)
    weights = ", ".join(f"{name} {analysis.weights[name]:.2f}" for name in COMPONENTS)
    subtitle = (f"Bar length is the credibility (0–1); each segment is a component's score × its weight ({weights}). "
                "Numbers are the signal's rank in the case.")
    chart = alt.Chart(long, title=make_title(title, subtitle)).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("weighted:Q", stack="zero", title="Credibility (sum of weighted components, 0–1)",
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("label:N", sort=scores["label"].tolist(), axis=signal_axis("Signal (rank. actor: summary)")),
        color=alt.Color("component:N", title="Component", scale=alt.Scale(domain=list(COMPONENTS), range=COMPONENT_COLOURS)),
        order=alt.Order("order:Q"),
        tooltip=[*signal_tooltip(alt.Tooltip("credibility:Q", title="Credibility", format=".2f"),
                                 alt.Tooltip("component:N", title="Component"),
                                 alt.Tooltip("score:Q", title="Score", format=".2f"),
                                 alt.Tooltip("weight:Q", title="Weight", format=".2f")),
                 *[alt.Tooltip(f"{column}:N", title=heading) for column, heading in reasons.items()]],
    ).properties(width=WIDTH - LABEL_LIMIT // 2, height=alt.Step(ROW_STEP))
    return finish(chart)


def chart_rank_sensitivity(analysis: Analysis, title: str) -> alt.LayerChart:
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
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=table["label"].tolist(), axis=signal_axis("Signal (default rank. actor: summary)")))
    x_title = "Rank under plausible weightings (1 = most credible)"
    interval = base.mark_rule(strokeWidth=3, color="#9ecae9").encode(
        x=alt.X("rank_p05:Q", title=x_title, scale=alt.Scale(domainMin=0.5)), x2="rank_p95:Q")
    median = base.mark_tick(color="#08519c", thickness=2, size=14).encode(x="rank_median:Q")
    dots = base.mark_point(filled=True, size=70).encode(
        x="rank_default:Q",
        color=alt.Color("status:N", title="With the chosen weights",
                        scale=alt.Scale(domain=[f"In the top {k}", f"Outside the top {k}"], range=[HIGHLIGHT, "#6b6b6b"])),
        tooltip=signal_tooltip(alt.Tooltip("rank_default:Q", title="Rank with chosen weights"),
                               alt.Tooltip("rank_p05:Q", title="Rank, 5th percentile"),
                               alt.Tooltip("rank_median:Q", title="Rank, median"),
                               alt.Tooltip("rank_p95:Q", title="Rank, 95th percentile"),
                               alt.Tooltip("p_top_k:Q", title=f"Share of weightings in the top {k}", format=".0%")))
    boundary = alt.Chart().mark_rule(strokeDash=[4, 3], color="#444444").encode(x=alt.datum(k + 0.5))
    return finish(alt.layer(interval, median, dots, boundary, title=make_title(title, subtitle)).properties(
        width=WIDTH - LABEL_LIMIT // 2, height=alt.Step(ROW_STEP)))


# --- Competing hypotheses ----------------------------------------------------------------


def hypothesis_order(analysis: Analysis) -> list[str]:
    """Hypothesis labels, least contradicted first."""
    return analysis.hypothesis_scores["label"].astype("str").tolist()


def chart_ach_matrix(analysis: Analysis, title: str, max_evidence: int = MAX_EVIDENCE) -> alt.LayerChart:
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
    subtitle = ("Each row is a rated signal, most diagnostic first (ratings that differ most across hypotheses); "
                "blue is consistent with the hypothesis, red inconsistent. Columns: least contradicted first."
                + (f" The {len(evidence)} most diagnostic of {len(analysis.diagnosticity)} are shown." if dropped > 0 else ""))
    base = alt.Chart(frame).encode(
        x=alt.X("hypothesis:N", title="Hypothesis (least contradicted first)", sort=hypothesis_order(analysis),
                axis=alt.Axis(labelAngle=0, labelLimit=160)),
        y=alt.Y("label:N", sort=evidence["label"].tolist(), axis=signal_axis("Evidence (most diagnostic first)")))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("rating:O", title="Rating (CC very consistent … II very inconsistent)",
                        scale=alt.Scale(domain=RATING_DOMAIN, range=RATING_COLOURS)),
        tooltip=signal_tooltip(alt.Tooltip("hypothesis:N", title="Hypothesis"), alt.Tooltip("rating:N", title="Rating"),
                               alt.Tooltip("rationale:N", title="Why this rating"),
                               alt.Tooltip("diagnosticity:Q", title="Diagnosticity", format=".2f")))
    letters = base.mark_text(fontSize=10).encode(
        text="rating:N", color=alt.condition(alt.datum.is_strong, alt.value("white"), alt.value("black")))
    return finish(alt.layer(cells, letters, title=make_title(title, subtitle)).properties(
        width=max(240, 110 * len(analysis.case.hypotheses)), height=alt.Step(ROW_STEP)))


def leader_status(scores: pd.DataFrame) -> pd.Series:
    """'Leader (least contradicted)' or 'Other hypothesis' per row of hypothesis_scores."""
    return scores["is_leading"].map({True: "Leader (least contradicted)", False: "Other hypothesis"}).astype("str")


def chart_hypothesis_scores(analysis: Analysis, title: str) -> alt.Chart:
    """Weighted inconsistency per hypothesis, least first, the leader marked."""
    scores = analysis.hypothesis_scores
    frame = scores[["label", "statement", "weighted_inconsistency", "weighted_consistency", "n_inconsistent",
                    "n_rated"]].assign(status=leader_status(scores))
    subtitle = "Sum of credibility × 1 (I) or × 2 (II) over the evidence against each hypothesis; shorter is better."
    chart = alt.Chart(frame, title=make_title(title, subtitle)).mark_bar().encode(
        x=alt.X("weighted_inconsistency:Q", title="Weighted inconsistency (evidence against)"),
        y=alt.Y("label:N", title="Hypothesis", sort=hypothesis_order(analysis), axis=alt.Axis(labelLimit=260)),
        color=alt.Color("status:N", title="Standing", scale=alt.Scale(
            domain=["Leader (least contradicted)", "Other hypothesis"], range=[HIGHLIGHT, MUTED])),
        tooltip=[alt.Tooltip("label:N", title="Hypothesis"), alt.Tooltip("statement:N", title="Statement"),
                 alt.Tooltip("weighted_inconsistency:Q", title="Weighted inconsistency", format=".2f"),
                 alt.Tooltip("weighted_consistency:Q", title="Weighted consistency", format=".2f"),
                 alt.Tooltip("n_inconsistent:Q", title="Inconsistent signals"),
                 alt.Tooltip("n_rated:Q", title="Rated signals")],
    ).properties(width=WIDTH - 260, height=alt.Step(28))
    return finish(chart)


def chart_hypothesis_support(analysis: Analysis, title: str) -> alt.Chart:
    """Share of resampled draws in which each hypothesis leads."""
    support = analysis.hypothesis_support.dropna(subset=["support"])
    leader = analysis.hypothesis_scores.set_index("hypothesis_id")["is_leading"]
    frame = support[["label", "support", "n_leads"]].assign(
        status=support["hypothesis_id"].map(leader).map(
            {True: "Leader (least contradicted)", False: "Other hypothesis"}).astype("str"))
    subtitle = (f"{analysis.n_samples} draws, each reweighting credibility (Dirichlet) and resampling the rated "
                "evidence (bootstrap); the share is the probability the key judgment quotes.")
    chart = alt.Chart(frame, title=make_title(title, subtitle)).mark_bar().encode(
        x=alt.X("support:Q", title="Share of draws in which it leads", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        y=alt.Y("label:N", title="Hypothesis", sort="-x", axis=alt.Axis(labelLimit=260)),
        color=alt.Color("status:N", title="Standing", scale=alt.Scale(
            domain=["Leader (least contradicted)", "Other hypothesis"], range=[HIGHLIGHT, MUTED])),
        tooltip=[alt.Tooltip("label:N", title="Hypothesis"), alt.Tooltip("support:Q", title="Share", format=".1%"),
                 alt.Tooltip("n_leads:Q", title="Draws it leads")],
    ).properties(width=WIDTH - 260, height=alt.Step(28))
    return finish(chart)


def chart_critical_evidence(analysis: Analysis, title: str, max_signals: int = 10) -> alt.LayerChart:
    """The leader's margin without each of the most critical pieces of evidence."""
    table = analysis.leave_one_out.head(max_signals).reset_index(drop=True)
    details = describe_signals(analysis)[["signal_id", "quote", "outlet_name", "date_text"]]
    table = table.merge(details, on="signal_id", how="left", validate="one_to_one")
    table["label"] = label_signals(table, pd.Series(range(1, len(table) + 1)))
    effect = pd.Series("Leader holds", index=table.index, dtype="str")
    effect = effect.where(~table["is_critical"], "Critical: narrows the margin most")
    effect = effect.where(~table["changes_leader"], "Critical: changes the leader")
    frame = table[["label", "actor_name", "quote", "outlet_name", "date_text", "margin_without", "leader_without",
                   "margin_change"]].assign(effect=effect)
    margin = float(table["margin"].iloc[0]) if len(table) else 0.0
    subtitle = (f"Bar: the leader's lead over the runner-up (weighted inconsistency) with this signal dropped; "
                f"dashed line: the lead with all evidence ({margin:.2f}); below 0 the leader changes.")
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("margin_without:Q", title="Leader's margin without this evidence"),
        y=alt.Y("label:N", sort=table["label"].tolist(), axis=signal_axis("Rated signal")),
        color=alt.Color("effect:N", title="Effect of dropping it", scale=alt.Scale(
            domain=["Critical: changes the leader", "Critical: narrows the margin most", "Leader holds"],
            range=[CONTRADICTION, HIGHLIGHT, MUTED])),
        tooltip=signal_tooltip(alt.Tooltip("margin_without:Q", title="Margin without it", format=".2f"),
                               alt.Tooltip("margin_change:Q", title="Change in margin", format="+.2f"),
                               alt.Tooltip("leader_without:N", title="Leader without it")))
    full = alt.Chart().mark_rule(strokeDash=[4, 3], color="#444444").encode(x=alt.datum(margin))
    return finish(alt.layer(bars, full, title=make_title(title, subtitle)).properties(
        width=WIDTH - LABEL_LIMIT // 2, height=alt.Step(ROW_STEP)))


# --- Network -----------------------------------------------------------------------------


def chart_agreement_matrix(analysis: Analysis, title: str, max_edges: int = MAX_EDGES) -> alt.LayerChart:
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
    base = alt.Chart(frame).encode(
        x=alt.X("other:N", title="Other actor", sort=order, axis=alt.Axis(labelAngle=-40, labelLimit=180)),
        y=alt.Y("actor:N", title="Actor", sort=order, axis=alt.Axis(labelLimit=260)))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("net:Q", title="Net agreement (congruence − conflict)",
                        scale=alt.Scale(domain=[-extent, 0, extent], range=STANCE_GRADIENT)),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("other:N", title="Other actor"),
                 alt.Tooltip("congruence:Q", title="Congruence", format=".2f"),
                 alt.Tooltip("conflict:Q", title="Conflict", format=".2f"),
                 alt.Tooltip("net:Q", title="Net", format="+.2f"), alt.Tooltip("questions:N", title="Shared questions")])
    numbers = base.mark_text(fontSize=9).encode(text="net_text:N")
    return finish(alt.layer(cells, numbers, title=make_title(title, subtitle)).properties(
        width=alt.Step(ROW_STEP), height=alt.Step(ROW_STEP)))


# --- Timeline ----------------------------------------------------------------------------


def chart_timeline(analysis: Analysis, title: str, max_points: int = MAX_POINTS) -> alt.HConcatChart | alt.LayerChart:
    """Events (diamonds, one lane per kind) and signals (dots by question, coloured by stance), contradictions ringed."""
    case = analysis.case
    outlets = case.outlets.set_index("outlet_id")["name"]
    events = case.events.assign(
        date=case.events["event_date"], lane="Event: " + case.events["kind"].astype("str"),
        outlet_name=case.events["outlet_id"].map(outlets).astype("str"),
        date_text=format_dates(case.events["event_date"], case.events["event_date_precision"].astype("str")),
        actor_name=case.events["summary"], credibility=0.0, n=1)
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
    offset = alt.YOffset("offset:Q", scale=None)
    subtitle = ("Diamonds: events, one lane per kind; dots: signals, one lane per question, coloured by stance; "
                "rings: say–do contradictions (a statement or commitment another signal contradicts, and that signal)."
                + (" Signals and events are counted per month (dot size); the tooltip quotes the most credible." if aggregated else ""))

    def layers(x, y, period):
        keep = alt.datum.period == period
        return [
            alt.Chart(event_frame).transform_filter(keep).mark_point(shape="diamond", filled=True, color=EVENT_COLOUR).encode(
                x=x, y=y, yOffset=offset, size=size, tooltip=[alt.Tooltip("actor_name:N", title="Event"), alt.Tooltip("quote:N", title="Quote"),
                                              alt.Tooltip("outlet_name:N", title="Outlet"), alt.Tooltip("date_text:N", title="Date")]),
            alt.Chart(signal_frame).transform_filter(keep).mark_circle(opacity=0.9).encode(
                x=x, y=y, yOffset=offset, size=size,
                color=alt.Color("stance:O", title="Stance of a signal (−2 rejects, +2 endorses)",
                                scale=alt.Scale(domain=STANCE_DOMAIN, range=STANCE_COLOURS)),
                tooltip=signal_tooltip(alt.Tooltip("stance:Q", title="Stance"), alt.Tooltip("lane:N", title="Question"))),
            alt.Chart(ring_frame).transform_filter(keep).mark_point(filled=False, size=320, strokeWidth=2).encode(
                x=x, y=y, yOffset=offset, stroke=alt.Stroke("role:N", title="Say–do contradiction", scale=alt.Scale(
                    domain=["Contradicted statement or commitment", "Signal contradicting it"],
                    range=[CONTRADICTED_RING, CONTRADICTING_RING])),
                tooltip=signal_tooltip(alt.Tooltip("role:N", title="Role"))),
        ]

    y_encoding = {"shorthand": "lane:N", "title": "Events by kind; signals by question", "sort": lanes,
                  "axis": alt.Axis(labelLimit=220)}
    return finish(build_period_panels(layers, periods, "Date", y_encoding).properties(title=make_title(title, subtitle)))


# --- Actor dossier -----------------------------------------------------------------------


def chart_actor_stances(analysis: Analysis, actor_id: str, title: str) -> alt.HConcatChart | alt.LayerChart:
    """The actor's signals by question and date, coloured by stance."""
    own = actor_signals(analysis, actor_id)
    periods = split_periods(own["signal_date"])
    frame = own[["signal_id", "actor_name", "quote", "outlet_name", "date_text", "topic_label", "stance", "kind"]].assign(
        date=to_iso(own["signal_date"]), period=assign_periods(own["signal_date"], periods))
    subtitle = "One dot per signal, red rejects the question's proposition, blue endorses it."

    def layers(x, y, period):
        return [alt.Chart(frame).transform_filter(alt.datum.period == period).mark_point(filled=True, size=110, opacity=0.9).encode(
            x=x, y=y, yOffset=alt.YOffset("signal_id:N"),
            color=alt.Color("stance:O", title="Stance (−2 rejects, +2 endorses)",
                            scale=alt.Scale(domain=STANCE_DOMAIN, range=STANCE_COLOURS)),
            tooltip=signal_tooltip(alt.Tooltip("topic_label:N", title="Question"), alt.Tooltip("stance:Q", title="Stance"),
                                   alt.Tooltip("kind:N", title="Kind")))]

    y_encoding = {"shorthand": "topic_label:N", "title": "Question", "axis": alt.Axis(labelLimit=260)}
    # No step per lane: yOffset splits each question's band by signal, so a step would grow with the signals.
    return finish(build_period_panels(layers, periods, "Date of the signal", y_encoding, lane_step=None).properties(
        title=make_title(title, subtitle)))


def chart_actor_vs_case(analysis: Analysis, actor_id: str, title: str,
                        max_actors: int = MAX_HEATMAP_ACTORS) -> alt.LayerChart:
    """Mean credibility per actor (range as a line), this actor highlighted."""
    scores = analysis.actor_scores
    shown = scores.sort_values(["n_signals", "actor_id"], ascending=[False, True]).head(max_actors)
    if actor_id not in set(shown["actor_id"]):
        shown = pd.concat([shown.head(max_actors - 1), scores[scores["actor_id"] == actor_id]])
    frame = shown[["actor_name", "n_signals", "mean_credibility", "min_credibility", "max_credibility"]].assign(
        status=(shown["actor_id"] == actor_id).map({True: "This actor", False: "Other actors"}).astype("str"))
    order = frame.sort_values(["mean_credibility", "actor_name"], ascending=[False, True])["actor_name"].tolist()
    subtitle = "Bar: mean credibility of the actor's signals; line: lowest to highest."
    base = alt.Chart(frame).encode(y=alt.Y("actor_name:N", title="Actor", sort=order, axis=alt.Axis(labelLimit=260)))
    tooltip = [alt.Tooltip("actor_name:N", title="Actor"), alt.Tooltip("n_signals:Q", title="Signals"),
               alt.Tooltip("mean_credibility:Q", title="Mean credibility", format=".2f"),
               alt.Tooltip("min_credibility:Q", title="Lowest", format=".2f"),
               alt.Tooltip("max_credibility:Q", title="Highest", format=".2f")]
    bars = base.mark_bar().encode(
        x=alt.X("mean_credibility:Q", title="Credibility (0–1)", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("status:N", title="Actor", scale=alt.Scale(domain=["This actor", "Other actors"],
                                                                    range=[HIGHLIGHT, MUTED])),
        tooltip=tooltip)
    ranges = base.mark_rule(color="#333333").encode(x="min_credibility:Q", x2="max_credibility:Q", tooltip=tooltip)
    return finish(alt.layer(bars, ranges, title=make_title(title, subtitle)).properties(
        width=WIDTH - 260, height=alt.Step(18)))
