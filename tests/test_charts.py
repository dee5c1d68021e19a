"""Every chart on the hand-worked four-signal case of test_findings: a title, axis titles, quote
tooltips on signal marks, and never more embedded rows than the chart draws."""
from __future__ import annotations

import dataclasses
import html
import importlib.resources
import json
import re
from pathlib import Path

import altair
import jsonschema
import pandas as pd
import pytest
import vl_convert
from factories import make_case
from test_findings import build_analysis, build_case

from signalbrief import charts, vega_offline
from signalbrief.analysis import run_analysis
from signalbrief.validate import load_case
from signalbrief.vegalite import SCHEMA_URL


@pytest.fixture(scope="module")
def analysis():
    return build_analysis()


@pytest.fixture(scope="module")
def vega_lite_schema():
    """A validator for the Vega-Lite 5 JSON schema that Altair 5 ships: the major version JupyterLab 4 draws."""
    schema = importlib.resources.files("altair") / "vegalite" / "v5" / "schema" / "vega-lite-schema.json"
    return jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8")))


def units(spec: dict) -> list[dict]:
    """Every single-mark view of a spec, through layers and concatenations."""
    found = [spec] if "mark" in spec else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            found += units(child)
    return found


def axis_titles(spec: dict, channel: str) -> list[str]:
    """Titles of the field-based `channel` encodings (a title set on the encoding or its axis)."""
    titles = []
    for unit in units(spec):
        encoding = unit.get("encoding", {}).get(channel, {})
        if "field" in encoding:
            titles.append(encoding.get("title") or (encoding.get("axis") or {}).get("title"))
    return [title for title in titles if title]


def tooltip_fields(spec: dict) -> set[str]:
    fields = set()
    for unit in units(spec):
        tooltip = unit.get("encoding", {}).get("tooltip", [])
        fields |= {item["field"] for item in (tooltip if isinstance(tooltip, list) else [tooltip])}
    return fields


def embedded_rows(spec: dict) -> int:
    return sum(len(rows) for rows in spec.get("datasets", {}).values())


def title_text(spec: dict) -> str:
    title = spec["title"]
    text = title["text"] if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text


# Marks drawn, counted from the fixture by hand, and whether the marks are signals.
CASES = {
    # 4 actor x topic cells (Alpha and Beta on t1 and t2), each a rect with its number on it.
    "heatmap": (lambda a: charts.chart_stance_heatmap(a), 4, False),
    # t1 has 2 signals (s1, s2): 2 dots.
    "over_time": (lambda a: charts.chart_stance_over_time(a, "t1"), 2, True),
    # 4 signals x 5 components: 20 bar segments, and each signal's details once (4 rows, looked up).
    "components": (lambda a: charts.chart_credibility_components(a), 20 + 4, True),
    # top 2k = 4 signals, each a rule, tick and dot; plus the one top-k boundary rule.
    "sensitivity": (lambda a: charts.chart_rank_sensitivity(a), 4 + 1, True),
    # 2 rated signals x 2 hypotheses: 4 cells, and each rated signal's details once.
    "ach": (lambda a: charts.chart_ach_matrix(a), 4 + 2, True),
    # 2 hypotheses: 2 bars.
    "hypothesis_scores": (lambda a: charts.chart_hypothesis_scores(a), 2, False),
    "hypothesis_support": (lambda a: charts.chart_hypothesis_support(a), 2, False),
    # 2 rated signals: 2 bars, plus the full-margin rule.
    "critical": (lambda a: charts.chart_critical_evidence(a), 2 + 1, True),
    # 1 pair (Alpha, Beta), drawn both ways round: 2 cells.
    "agreement": (lambda a: charts.chart_agreement_matrix(a), 2, False),
    # 1 event + 4 signals + 2 rings (s3 denied by s2).
    "timeline": (lambda a: charts.chart_timeline(a), 1 + 4 + 2, True),
    # Alpha: 2 signals x 5 components, and the two signals' details.
    "actor_components": (lambda a: charts.chart_credibility_components(a, "a1"), 10 + 2, True),
    # Alpha: 2 dots.
    "actor_stances": (lambda a: charts.chart_actor_stances(a, "a1"), 2, True),
    # 2 actors with signals: 2 bars (each with its range rule).
    "actor_vs_case": (lambda a: charts.chart_actor_vs_case(a, "a1"), 2, False),
}


@pytest.mark.parametrize("name", list(CASES))
def test_chart_has_title_axis_titles_quote_tooltip_and_no_excess_rows(analysis, name):
    build, marks, is_signal = CASES[name]
    spec = build(analysis).to_dict()
    assert title_text(spec).strip()
    assert axis_titles(spec, "x") and axis_titles(spec, "y")
    if is_signal:
        assert {"quote", "outlet_name", "date_text"} <= tooltip_fields(spec)
    assert 0 < embedded_rows(spec) <= marks


def test_timeline_splits_a_long_quiet_gap_into_two_panels(analysis):
    periods = charts.split_periods(pd.Series(pd.to_datetime(["1992-01-01", "1995-01-01", "2000-02-01", "2000-03-22"])))
    # widest gap 1995-01-01 -> 2000-02-01 (1857 days) exceeds a year and half the 2972-day span.
    assert [(period.start, period.end) for period in periods] == [
        (pd.Timestamp("1992-01-01"), pd.Timestamp("1995-01-01")), (pd.Timestamp("2000-02-01"), pd.Timestamp("2000-03-22"))]
    # 1092 days: by year; 50 days: by day.
    assert [period.describe() for period in periods] == ["from 1992 to 1995", "from 1 Feb 2000 to 22 Mar 2000"]


def test_timeline_counts_per_month_when_there_are_many_signals():
    # 4 + 400 filler signals, all Beta's neutral statements on t2 dated 2000-01-01 (one month, one lane,
    # one stance): they aggregate with s3 and s4 (March) and s1 (January) into monthly dots.
    many = build_analysis(extra_signals=400)
    spec = charts.chart_timeline(many).to_dict()
    # dots: Jan/The plan/+2 (s1), Feb/The plan/-2 (s2), Jan/Talks/0 (fillers), Mar/Talks/+1 (s3, s4);
    # 1 event; rings Feb/The plan (s2) and Mar/Talks (s3).
    assert embedded_rows(spec) == 4 + 1 + 2


def test_timeline_does_not_tell_a_claimed_event_as_fact(analysis):
    # the fixture's one event e1 "Alpha meets.", asserted by default, then claimed
    spec = charts.chart_timeline(analysis).to_dict()
    assert [row["actor_name"] for row in spec["datasets"]["events"]] == ["Alpha meets."]
    events = analysis.case.events.assign(status=pd.Categorical(["claimed"], categories=["asserted", "claimed", "disputed"]))
    claimed = dataclasses.replace(analysis, case=dataclasses.replace(analysis.case, events=events))
    spec = charts.chart_timeline(claimed).to_dict()
    assert [row["actor_name"] for row in spec["datasets"]["events"]] == ["Claimed, not confirmed: Alpha meets."]


@pytest.mark.parametrize("name", list(CASES))
def test_chart_is_a_valid_vega_lite_spec(analysis, vega_lite_schema, name):
    spec = CASES[name][0](analysis).to_dict()
    assert spec["$schema"] == SCHEMA_URL
    assert [error.message[:200] for error in vega_lite_schema.iter_errors(spec)] == []


def test_the_schema_check_catches_a_misspelt_property(analysis, vega_lite_schema):
    spec = charts.chart_hypothesis_scores(analysis).to_dict()
    misspelt = {**spec, "mark": {"type": "bar", "strokWidth": 1}}
    assert list(vega_lite_schema.iter_errors(misspelt))


def test_charts_speak_the_vega_lite_that_jupyterlab_draws():
    # JupyterLab 4 draws the v5 mimetype with its own Vega-Lite 5; the page's bundle is a 5.x too.
    from signalbrief.vegalite import MIMETYPE

    assert MIMETYPE == "application/vnd.vegalite.v5+json"
    assert vega_offline.VEGA_LITE_VERSION.split(".")[0] == altair.VEGALITE_VERSION.split(".")[0] == "5"
    assert SCHEMA_URL == f"https://vega.github.io/schema/vega-lite/v{vega_offline.VEGA_LITE_VERSION}.json"


def test_a_filter_on_text_quotes_the_text_for_vega():
    # A period label with a double quote and a backslash stays one JavaScript string.
    from signalbrief.vegalite import is_equal

    assert is_equal("period", 'Feb "2000" \\ x') == 'datum["period"] === "Feb \\"2000\\" \\\\ x"'


def test_credibility_segments_renormalise_over_present_components_and_sum_to_the_credibility(analysis):
    # s1 (fixture of test_findings): source 0.85 and specificity 1.0 present (weights 0.30 and 0.15, renormalised
    # to 2/3 and 1/3); corroboration, cost and consistency missing: no segment. 0.85 × 2/3 + 1.0 × 1/3 = 0.9.
    # Chart data carry 3 decimals (vegalite.DATA_DECIMALS), so each segment is within 0.0005 of its exact value.
    spec = charts.chart_credibility_components(analysis).spec
    rows = pd.DataFrame(spec["datasets"]["components"])
    credibility = pd.DataFrame(spec["datasets"]["signals"]).set_index("label")["credibility"]
    s1 = rows[rows["label"].str.contains("Alpha backs the plan")].set_index("component")
    assert s1["weighted"].to_dict() == pytest.approx({"source": 0.85 * 2 / 3, "corroboration": 0.0, "cost": 0.0,
                                                      "consistency": 0.0, "specificity": 1 / 3}, abs=5e-4)
    assert s1["weighted"].sum() == pytest.approx(0.9, abs=1e-3)
    for label, segments in rows.groupby("label"):
        assert segments["weighted"].sum() == pytest.approx(credibility[label], abs=3e-3)


# --- Readable at any spread of dates, for any case ------------------------------------------


def all_values(spec, key: str) -> list:
    """Every value stored under `key` anywhere in a spec."""
    found = []
    if isinstance(spec, dict):
        for name, value in spec.items():
            found += [value] if name == key else []
            found += all_values(value, key)
    elif isinstance(spec, list):
        for item in spec:
            found += all_values(item, key)
    return found


@pytest.mark.parametrize("name", list(CASES))
def test_formats_are_vega_lite_built_ins(analysis, name):
    # "utcFormat" is not a Vega-Lite format type: the browser drops the format and logs a warning.
    spec = CASES[name][0](analysis).to_dict()
    assert "utcFormat" not in json.dumps(spec)
    assert set(all_values(spec, "formatType")) <= {"number", "time", "utc"}


def clustered_dates() -> pd.Series:
    # Three dates spread over five years and 17 items within four days (1-4 May 2025).
    return pd.Series(pd.to_datetime(["2020-05-04", "2021-11-01", "2023-05-01"]
                                    + [f"2025-05-0{1 + i % 4}" for i in range(17)]))


def test_four_crowded_days_in_five_years_get_a_close_up():
    dates = clustered_dates()
    periods = charts.split_periods(dates)
    # gaps 546, 546 and 731 days; the widest is not more than half the 1826-day span: one panel.
    assert [(period.start, period.end) for period in periods] == [(pd.Timestamp("2020-05-04"), pd.Timestamp("2025-05-04"))]
    # 640 px over 1826 days is 0.35 px a day: 1-4 May spans about 1 px for 4 dates, and holds 17 of 20 items.
    close_up = charts.find_close_up(dates, periods)
    assert (close_up.start, close_up.end) == (pd.Timestamp("2025-05-01"), pd.Timestamp("2025-05-04"))
    assert close_up.describe() == "from 1 May 2025 to 4 May 2025"


def test_a_period_never_tells_a_date_finer_than_the_article_gives_it():
    # A 1995 pledge known only by its year is stored as 1 Jan 1995: alone, it is 'in 1995' and its axis
    # says '1995', not '1 Jan 1995'.
    alone = charts.split_periods(pd.Series(pd.to_datetime(["1995-01-01"])), pd.Series(["year"]))
    assert [period.describe() for period in alone] == ["in 1995"]
    assert charts.date_axis(alone[0], 600)["labelExpr"] == '"1995"'
    # Its format is what a screen reader says for a mark on it: '1995', not 'Jan 01, 1995'.
    assert charts.date_axis(alone[0], 600)["format"] == "%Y"
    # and the axis is not read aloud as its padded domain ("values from 1994 to 1995").
    assert charts.date_axis(alone[0], 600)["aria"] is False
    # Beside a day in March 2000 with nothing between, the five-year gap splits the two: each its own way.
    apart = charts.split_periods(pd.Series(pd.to_datetime(["1995-01-01", "2000-03-14"])), pd.Series(["year", "day"]))
    assert [period.describe() for period in apart] == ["in 1995", "on 14 Mar 2000"]
    assert [charts.date_axis(period, 300)["format"] for period in apart] == ["%Y", "%-d %b %Y"]
    # With days spread between (no gap above half the span) one five-year span is told in years.
    spread = pd.Series(pd.to_datetime(["1995-01-01", "1996-06-01", "1998-01-05", "1999-06-01", "2000-03-14"]))
    mixed = charts.split_periods(spread, pd.Series(["year", "day", "day", "day", "day"]))
    assert [period.describe() for period in mixed] == ["from 1995 to 2000"]
    # A 13-day span is told in days, but a month the article gives only as a month stays a month.
    short = charts.split_periods(pd.Series(pd.to_datetime(["2000-03-14", "2000-03-01"])), pd.Series(["day", "month"]))
    assert [period.describe() for period in short] == ["from Mar 2000 to 14 Mar 2000"]
    # A bound ('by 22 Mar 2000') is its own phrase alone, and its date at the end of a range.
    bound = charts.split_periods(pd.Series(pd.to_datetime(["2000-03-22"])), pd.Series(["before"]))
    assert [period.describe() for period in bound] == ["by 22 Mar 2000"]
    ranged = charts.split_periods(pd.Series(pd.to_datetime(["2000-02-01", "2000-03-22"])), pd.Series(["month", "before"]))
    assert [period.describe() for period in ranged] == ["from Feb 2000 to 22 Mar 2000"]
    # Where a day-precision and a year-precision item share the stored date, the coarser is what is known.
    shared = charts.split_periods(pd.Series(pd.to_datetime(["1995-01-01", "1995-01-01"])), pd.Series(["day", "year"]))
    assert [period.describe() for period in shared] == ["in 1995"]


def test_dates_already_apart_on_the_axis_get_no_close_up():
    # The fixture's 1 Jan, 1 Feb, 1 Mar and 2 Mar 2000: 61 days on 640 px, so 1 and 2 Mar sit 10.5 px apart,
    # no closer than a mark's width.
    dates = pd.Series(pd.to_datetime(["2000-01-01", "2000-01-01", "2000-02-01", "2000-03-01", "2000-03-02"]))
    assert charts.find_close_up(dates, charts.split_periods(dates)) is None


def build_clustered_analysis():
    """17 of 20 signals by Alpha on t1 in 1-4 May 2025; three spread over the five years before."""
    dates = clustered_dates().dt.strftime("%Y-%m-%d").tolist()
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
                     signals=[{"signal_id": f"s{i:02d}", "actor_id": "a1", "topic_id": "t1", "signal_date": date}
                              for i, date in enumerate(dates)])
    return run_analysis(case, n_samples=20, seed=0, top_k=2)


def test_the_timeline_draws_the_crowded_days_again_in_a_readable_panel():
    spec = charts.chart_timeline(build_clustered_analysis()).to_dict()
    overview, close_up = spec["vconcat"]
    assert overview["encoding" if "encoding" in overview else "layer"]  # one panel: the whole span
    x_titles = [unit["encoding"]["x"]["title"] for unit in units(spec) if "field" in unit["encoding"]["x"]]
    assert set(x_titles) == {"Date (from 2020 to 2025)",
                             "Close-up, shaded above: date (from 1 May 2025 to 4 May 2025)"}
    assert sum(row["in_close_up"] for row in spec["datasets"]["signals"]) == 17
    # The overview shades the close-up's four days.
    shading = [layer for layer in overview["layer"] if layer["mark"]["type"] == "rect"]
    assert [layer["encoding"]["x"]["datum"]["date"] for layer in shading] == [1]
    assert [layer["encoding"]["x2"]["datum"]["date"] for layer in shading] == [4]


def test_a_period_of_one_day_or_one_month_is_named_once():
    day = charts.Period("main", pd.Timestamp("2025-05-03"), pd.Timestamp("2025-05-03"))
    month = charts.Period("main", pd.Timestamp("2025-05-01"), pd.Timestamp("2025-05-30"))
    assert (day.describe(), month.describe()) == ("on 3 May 2025", "from 1 May 2025 to 30 May 2025")
    spring = charts.Period("main", pd.Timestamp("2025-03-01"), pd.Timestamp("2025-05-30"))
    assert spring.describe() == "from Mar 2025 to May 2025"


def rendered_svg(spec: dict) -> str:
    return vl_convert.vegalite_to_svg(spec, vl_version=".".join(vega_offline.VEGA_LITE_VERSION.split(".")[:2]))


def lane_ticks(svg: str) -> dict[str, float]:
    """The y of each label's tick on the (first) y axis of a rendered chart."""
    axis = svg[svg.index('aria-label="Y-axis'):]
    axis = axis[:axis.index('class="mark-rule role-axis-domain"')]
    ticks = [float(y) for y in re.findall(r'<line transform="translate\(0,([\d.]+)\)" x2="-5"', axis)]
    labels = [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", axis)]
    return dict(zip(labels, ticks))


def mark_positions(svg: str, lane_title: str) -> list[tuple[str, float]]:
    """(lane, y) of each point mark, the lane read from the mark's accessible label ('<y title>: <lane>; ...')."""
    marks = re.findall(r'<path aria-label="([^"]*)" role="graphics-symbol"[^>]*transform="translate\([\d.\-]+,([\d.\-]+)\)"',
                       svg)
    return [(re.search(rf"{re.escape(lane_title)}: ([^;]*)", html.unescape(label)).group(1), float(y))
            for label, y in marks]


def plot_height(svg: str) -> float:
    """The length of the y axis's domain line: the plot's height, legend and titles aside."""
    axis = svg[svg.index('aria-label="Y-axis'):]
    return float(re.search(r'class="mark-rule role-axis-domain"[^>]*><line [^>]*y2="([\d.]+)"', axis).group(1))


def test_a_mark_sits_on_its_lane_label(analysis):
    # Alpha's two signals (fixture): s1 on "The plan", s4 on "Talks"; one per lane and day, so no fan-out.
    svg = rendered_svg(charts.chart_actor_stances(analysis, "a1").to_dict())
    ticks = lane_ticks(svg)
    assert sorted(ticks) == ["Talks", "The plan"]
    marks = mark_positions(svg, "Question")
    assert sorted(lane for lane, _ in marks) == ["Talks", "The plan"]
    assert all(y == pytest.approx(ticks[lane], abs=0.5) for lane, y in marks)


def test_timeline_marks_sit_on_their_lanes(analysis):
    # Fixture: event e1 (lane "Event: statement") and s1..s4, none sharing a day and a lane: every mark centred.
    svg = rendered_svg(charts.chart_timeline(analysis).to_dict())
    ticks = lane_ticks(svg)
    marks = mark_positions(svg, "Events by kind; signals by question")
    assert sorted(lane for lane, _ in marks) == ["Event: statement", "Talks", "Talks", "Talks", "The plan", "The plan",
                                                 "The plan"]  # e1; s3, s4 and s3's ring; s1, s2 and s2's ring
    assert all(y == pytest.approx(ticks[lane], abs=0.5) for lane, y in marks)


def test_dossier_stance_chart_grows_one_lane_per_question(analysis):
    # Beta (a2) has s2 on "The plan" and s3 on "Talks"; the same case without s3 leaves it one question.
    two = rendered_svg(charts.chart_actor_stances(analysis, "a2").to_dict())
    case = analysis.case
    one_case = dataclasses.replace(case, signals=case.signals[case.signals["signal_id"] != "s3"].reset_index(drop=True),
                                   links=case.links.iloc[0:0], ach=case.ach[case.ach["signal_id"] != "s3"])
    one = rendered_svg(charts.chart_actor_stances(run_analysis(one_case, n_samples=20, seed=0, top_k=2), "a2").to_dict())
    assert (plot_height(one), plot_height(two)) == (charts.LANE_STEP, 2 * charts.LANE_STEP) == (28, 56)


def tied_analysis():
    # s1 is C for h1 and h2, I for h3: h1 and h2 have no evidence against them and tie for the lead.
    case = make_case(actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
                     signals=[{"signal_id": "s1", "actor_id": "a", "topic_id": "t"}],
                     hypotheses=[{"hypothesis_id": "h1"}, {"hypothesis_id": "h2"}, {"hypothesis_id": "h3"}],
                     ach=[{"hypothesis_id": "h1", "signal_id": "s1", "rating": "C"},
                          {"hypothesis_id": "h2", "signal_id": "s1", "rating": "C"},
                          {"hypothesis_id": "h3", "signal_id": "s1", "rating": "I"}])
    return run_analysis(case, n_samples=20, seed=0, top_k=2)


def test_every_tied_leader_gets_its_bar_and_a_tick_that_shows_at_zero():
    spec = charts.chart_hypothesis_scores(tied_analysis()).to_dict()
    rows = {row["label"]: (row["weighted_inconsistency"], row["status"]) for row in spec["datasets"]["scores"]}
    assert rows == {"h1": (0.0, charts.LEADS), "h2": (0.0, charts.LEADS), "h3": (1.0, charts.TRAILS)}
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "tick"]
    assert "Two hypotheses tie for the lead." in " ".join(spec["title"]["subtitle"])
    svg = rendered_svg(spec)
    ticks = re.findall(r'aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="tick"', svg)
    assert sorted(re.search(r"Hypothesis: (h\d)", label).group(1) for label in ticks) == ["h1", "h2", "h3"]


def test_a_tied_lead_has_no_margin_chart_but_a_sentence():
    result = charts.chart_critical_evidence(tied_analysis())
    assert isinstance(result, charts.NoChart)
    assert result.sentence == "No chart of critical evidence: hypotheses tie for the lead, so there is no margin to lose."


EMPTY_CHARTS = {
    "heatmap": lambda a: charts.chart_stance_heatmap(a),
    "over_time": lambda a: charts.chart_stance_over_time(a, "t1"),
    "components": lambda a: charts.chart_credibility_components(a),
    "sensitivity": lambda a: charts.chart_rank_sensitivity(a),
    "ach": lambda a: charts.chart_ach_matrix(a),
    "hypothesis_scores": lambda a: charts.chart_hypothesis_scores(a),
    "hypothesis_support": lambda a: charts.chart_hypothesis_support(a),
    "critical": lambda a: charts.chart_critical_evidence(a),
    "agreement": lambda a: charts.chart_agreement_matrix(a),
    "timeline": lambda a: charts.chart_timeline(a),
    "actor_components": lambda a: charts.chart_credibility_components(a, "a1"),
    "actor_stances": lambda a: charts.chart_actor_stances(a, "a1"),
    "actor_vs_case": lambda a: charts.chart_actor_vs_case(a, "a1"),
}


@pytest.mark.parametrize("name", list(EMPTY_CHARTS))
def test_nothing_known_yet_gives_a_sentence_not_an_empty_chart(analysis, name):
    # As of 31 Dec 1999 nothing in the fixture (first item 1 Jan 2000) is known yet.
    before = run_analysis(analysis.case, n_samples=20, seed=0, top_k=2, as_of="1999-12-31")
    result = EMPTY_CHARTS[name](before)
    assert isinstance(result, charts.NoChart)
    assert result.sentence.startswith("No ") and result.sentence.endswith(".")
    assert result._repr_html_() == f'<p class="signalbrief-no-chart"><em>{html.escape(result.sentence)}</em></p>'


def test_titles_say_what_is_plotted_with_counts(analysis):
    # Fixture: one event (a statement), signals on two questions; two hypotheses; Alpha's two signals on two questions.
    assert title_text(charts.chart_timeline(analysis).to_dict()) == (
        "One kind of event and two questions, one lane each, on a date axis")
    assert title_text(charts.chart_hypothesis_scores(analysis).to_dict()) == (
        "Credibility-weighted evidence against each of two hypotheses, least contradicted first")
    assert title_text(charts.chart_actor_stances(analysis, "a1").to_dict()) == (
        "Stance of Alpha's two signals on two questions, by date")


def build_wide_analysis():
    """25 topics, 9 hypotheses and 40 actors, each actor with one signal on every topic: the widest grids."""
    actors = [{"actor_id": f"a{i:02d}", "name": f"Actor number {i:02d} with a long name"} for i in range(40)]
    topics = [{"topic_id": f"t{j:02d}", "label": f"Question {j:02d} with a long label"} for j in range(25)]
    signals = [{"signal_id": f"s{i:02d}{j:02d}", "actor_id": f"a{i:02d}", "topic_id": f"t{j:02d}",
                "stance": (i + j) % 5 - 2, "signal_date": f"2000-0{1 + (i * j) % 9}-01"}
               for i in range(40) for j in range(25) if (i + j) % 3 == 0]
    hypotheses = [{"hypothesis_id": f"h{k}", "label": f"Hypothesis {k} with a long label"} for k in range(9)]
    ach = [{"hypothesis_id": f"h{k}", "signal_id": signal["signal_id"], "rating": ["CC", "C", "N", "I", "II"][k % 5]}
           for k in range(9) for signal in signals[:30]]
    case = make_case(actors=actors, topics=topics, signals=signals, hypotheses=hypotheses, ach=ach)
    return run_analysis(case, n_samples=20, seed=0, top_k=5)


def test_every_chart_fits_the_notebook_column_of_a_1280_pixel_window():
    # The page's column is 1219 px wide in a 1280-px window (measured in Chromium); labels and legends included.
    wide = build_wide_analysis()
    built = [charts.chart_stance_heatmap(wide), charts.chart_ach_matrix(wide), charts.chart_agreement_matrix(wide),
             charts.chart_timeline(wide), charts.chart_credibility_components(wide), charts.chart_rank_sensitivity(wide),
             charts.chart_hypothesis_scores(wide), charts.chart_stance_over_time(wide, "t00"),
             charts.chart_actor_vs_case(wide, "a00"), charts.chart_actor_stances(wide, "a00")]
    widths = {title_text(chart.to_dict())[:40]: float(re.search(r'<svg[^>]* width="([\d.]+)"', rendered_svg(chart.to_dict())).group(1))
              for chart in built}
    assert {title: width for title, width in widths.items() if width > 1219} == {}


def test_heatmap_tooltip_states_each_cells_proposition():
    case = build_case()
    topics = case.topics.assign(proposition=["The plan goes ahead.", "Talks should start."])
    analysis = run_analysis(dataclasses.replace(case, topics=topics), n_samples=10, seed=0)
    spec = charts.chart_stance_heatmap(analysis).to_dict()
    assert "proposition" in tooltip_fields(spec)
    (rows,) = spec["datasets"].values()
    # Alpha and Beta each on t1 (“The plan”) and t2 (“Talks”).
    assert sorted((row["topic_label"], row["proposition"]) for row in rows) == [
        ("Talks", "Talks should start."), ("Talks", "Talks should start."),
        ("The plan", "The plan goes ahead."), ("The plan", "The plan goes ahead.")]


def test_a_credibility_segment_tells_its_own_reason_and_the_signal_is_stored_once(analysis):
    spec = charts.chart_credibility_components(analysis).to_dict()
    segments = {(row["label"], row["component"]): row for row in spec["datasets"]["components"]}
    # Beta's denial through the outlet graded E, an article inference: 0.20 x 0.55 = 0.11.
    denial = segments[("4. Beta: Beta denies the plan.", "source")]
    assert denial["reason"] == "Rag graded E (0.20) × article inference (0.55) = 0.11"
    assert denial["score"] == pytest.approx(0.2 * 0.55)
    # What the signal is, once per signal, joined to each segment by its label.
    signals = spec["datasets"]["signals"]
    assert [row["label"] for row in signals].count("4. Beta: Beta denies the plan.") == 1
    assert {row["outlet_name"] for row in signals if row["label"].startswith("4.")} == {"Rag"}
    assert spec["transform"] == [{"lookup": "label", "from": {"data": {"name": "signals"}, "key": "label",
                                                             "fields": ["actor_name", "quote", "outlet_name",
                                                                        "date_text", "credibility"]}}]


def test_signals_tied_at_a_rank_are_lettered_so_no_two_rows_merge():
    # Two signals of one actor with the same summary, tied at rank 17, and one at rank 19.
    frame = pd.DataFrame({"actor_name": ["Gov", "Gov", "Gov"], "summary": ["Signed in 1995.", "Signed in 1995.", "Other."]})
    assert charts.label_signals(frame, pd.Series([17, 17, 19])).tolist() == [
        "17a. Gov: Signed in 1995.", "17b. Gov: Signed in 1995.", "19. Gov: Other."]
    assert [charts.letters(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "ab", "az", "ba"]


def test_no_chart_of_the_real_case_has_two_rows_with_one_label():
    # In the real case two of Washington's 1995 signals tie at one rank and read alike once shortened.
    real = run_analysis(load_case(Path(__file__).resolve().parents[1] / "data" / "russia-iran-2000"), n_samples=50)
    for build in (charts.chart_credibility_components, charts.chart_rank_sensitivity):
        spec = build(real).to_dict()
        rows = [row for name, rows in spec["datasets"].items() if name in ("signals", "ranks") for row in rows]
        labels = [row["label"] for row in rows]
        assert labels and len(labels) == len(set(labels))


@pytest.mark.parametrize(("counts", "n_shown", "expected"), [
    ([5, 4, 3], 3, ""),
    ([5, 4, 3], 2, " The 2 most active actors are shown; one more is not."),
    # The cut falls inside a tie at 3: the last place shown and two left out have 3 each.
    ([5, 3, 3, 3], 2, " The 2 most active actors are shown; two more are not (two of them with as many "
                      "signals as the last shown: places tied at the cut go by name)."),
])
def test_a_chart_that_shows_the_largest_only_says_what_it_leaves_out_and_any_tie_at_the_cut(counts, n_shown, expected):
    assert charts.state_cut(pd.Series(counts), n_shown, "most active actors", "signals") == expected


def test_charts_cut_inside_a_tie_say_so(analysis):
    # On t1, Alpha and Beta have one signal each; overall, two each (s1, s4 and s2, s3).
    over_time = charts.chart_stance_over_time(analysis, "t1", max_actors=1).to_dict()
    assert ("on this question are shown; one more is not (one of them with as many signals on it as the last "
            "shown: places tied at the cut go by name).") in " ".join(over_time["title"]["subtitle"])
    heatmap = charts.chart_stance_heatmap(analysis, max_actors=1).to_dict()
    assert "most active of 2 actors are shown; one more is not (one of them with as many signals" in " ".join(
        heatmap["title"]["subtitle"])


def test_the_credibility_chart_says_when_its_cut_falls_inside_a_tie():
    # 22 signals alike in everything but id and words: all share rank 1, so the chart's 20 leave
    # out two that are exactly as credible as the last shown.
    rows = [{"signal_id": f"s{i:02d}", "actor_id": "a1", "topic_id": "t1"} for i in range(22)]
    analysis = run_analysis(make_case(actors=[{"actor_id": "a1"}], topics=[{"topic_id": "t1"}], signals=rows),
                            n_samples=20, seed=0)
    assert set(analysis.signal_scores["rank"]) == {1}
    subtitle = " ".join(charts.chart_credibility_components(analysis, max_signals=20).to_dict()["title"]["subtitle"])
    assert subtitle.endswith("Two more signals share the last one's rank (1) and are left out: places tied at the cut "
                             "go by identifier.")
    # Cut between ranks, nothing of the kind is said.
    assert "left out" not in " ".join(charts.chart_credibility_components(
        build_analysis(extra_signals=0), max_signals=3).to_dict()["title"]["subtitle"])


def test_a_matrix_of_one_column_is_as_wide_as_its_axis_title():
    # One hypothesis and one question: a column of 62 or 110 pixels is narrower than the x axis's title,
    # which, centred under it, ran into the legend beside it. Bold 11 px text is at most about 6.5 px a character.
    case = make_case(actors=[{"actor_id": "a1", "name": "Alpha"}], topics=[{"topic_id": "t1", "label": "The plan"}],
                     signals=[{"signal_id": "s1", "actor_id": "a1", "topic_id": "t1", "stance": 1, "summary": "Yes."}],
                     hypotheses=[{"hypothesis_id": "h1", "label": "Plan"}],
                     ach=[{"hypothesis_id": "h1", "signal_id": "s1", "rating": "C"}])
    analysis = run_analysis(case, n_samples=20, seed=0)
    for chart in (charts.chart_ach_matrix(analysis), charts.chart_stance_heatmap(analysis)):
        spec = chart.to_dict()
        title = next(layer["encoding"]["x"]["title"] for layer in spec["layer"] if "title" in layer["encoding"]["x"])
        assert isinstance(spec["width"], int) and spec["width"] >= 6.5 * len(title), title
