"""Every chart on the hand-worked four-signal case of test_findings: a title, axis titles, quote
tooltips on signal marks, and never more embedded rows than the chart draws."""
from __future__ import annotations

import dataclasses
import importlib.resources
import json

import altair
import jsonschema
import pandas as pd
import pytest
from test_findings import build_analysis, build_case

from signalbrief import charts, vega_offline
from signalbrief.analysis import run_analysis
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
    "heatmap": (lambda a: charts.chart_stance_heatmap(a, "Heatmap finding."), 4, False),
    # t1 has 2 signals (s1, s2): 2 dots.
    "over_time": (lambda a: charts.chart_stance_over_time(a, "t1", "Over time finding."), 2, True),
    # 4 signals x 5 components: 20 bar segments.
    "components": (lambda a: charts.chart_credibility_components(a, "Credibility finding."), 20, True),
    # top 2k = 4 signals, each a rule, tick and dot; plus the one top-k boundary rule.
    "sensitivity": (lambda a: charts.chart_rank_sensitivity(a, "Sensitivity finding."), 4 + 1, True),
    # 2 rated signals x 2 hypotheses: 4 cells.
    "ach": (lambda a: charts.chart_ach_matrix(a, "ACH finding."), 4, True),
    # 2 hypotheses: 2 bars.
    "hypothesis_scores": (lambda a: charts.chart_hypothesis_scores(a, "Scores finding."), 2, False),
    "hypothesis_support": (lambda a: charts.chart_hypothesis_support(a, "Support finding."), 2, False),
    # 2 rated signals: 2 bars, plus the full-margin rule.
    "critical": (lambda a: charts.chart_critical_evidence(a, "Critical finding."), 2 + 1, True),
    # 1 pair (Alpha, Beta), drawn both ways round: 2 cells.
    "agreement": (lambda a: charts.chart_agreement_matrix(a, "Network finding."), 2, False),
    # 1 event + 4 signals + 2 rings (s3 denied by s2).
    "timeline": (lambda a: charts.chart_timeline(a, "Timeline finding."), 1 + 4 + 2, True),
    # Alpha: 2 signals x 5 components.
    "actor_components": (lambda a: charts.chart_credibility_components(a, "Alpha.", signal_ids=["s1", "s4"]), 10, True),
    # Alpha: 2 dots.
    "actor_stances": (lambda a: charts.chart_actor_stances(a, "a1", "Alpha's stances."), 2, True),
    # 2 actors with signals: 2 bars (each with its range rule).
    "actor_vs_case": (lambda a: charts.chart_actor_vs_case(a, "a1", "Alpha against the case."), 2, False),
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
    assert [label for label, _, _ in periods] == ["Background, 1992–1995", "Feb 2000 – Mar 2000"]


def test_timeline_counts_per_month_when_there_are_many_signals():
    # 4 + 400 filler signals, all Beta's neutral statements on t2 dated 2000-01-01 (one month, one lane,
    # one stance): they aggregate with s3 and s4 (March) and s1 (January) into monthly dots.
    many = build_analysis(extra_signals=400)
    spec = charts.chart_timeline(many, "Timeline finding.").to_dict()
    # dots: Jan/The plan/+2 (s1), Feb/The plan/-2 (s2), Jan/Talks/0 (fillers), Mar/Talks/+1 (s3, s4);
    # 1 event; rings Feb/The plan (s2) and Mar/Talks (s3).
    assert embedded_rows(spec) == 4 + 1 + 2


def test_timeline_does_not_tell_a_claimed_event_as_fact(analysis):
    # the fixture's one event e1 "Alpha meets.", asserted by default, then claimed
    spec = charts.chart_timeline(analysis, "Timeline finding.").to_dict()
    assert [row["actor_name"] for row in spec["datasets"]["events"]] == ["Alpha meets."]
    events = analysis.case.events.assign(status=pd.Categorical(["claimed"], categories=["asserted", "claimed", "disputed"]))
    claimed = dataclasses.replace(analysis, case=dataclasses.replace(analysis.case, events=events))
    spec = charts.chart_timeline(claimed, "Timeline finding.").to_dict()
    assert [row["actor_name"] for row in spec["datasets"]["events"]] == ["Claimed, not confirmed: Alpha meets."]


@pytest.mark.parametrize("name", list(CASES))
def test_chart_is_a_valid_vega_lite_spec(analysis, vega_lite_schema, name):
    spec = CASES[name][0](analysis).to_dict()
    assert spec["$schema"] == SCHEMA_URL
    assert [error.message[:200] for error in vega_lite_schema.iter_errors(spec)] == []


def test_the_schema_check_catches_a_misspelt_property(analysis, vega_lite_schema):
    spec = charts.chart_hypothesis_scores(analysis, "Scores finding.").to_dict()
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
    spec = charts.chart_credibility_components(analysis, "Finding.").spec
    rows = pd.DataFrame(next(iter(spec["datasets"].values())))
    s1 = rows[rows["label"].str.contains("Alpha backs the plan")].set_index("component")
    assert s1["weighted"].to_dict() == pytest.approx({"source": 0.85 * 2 / 3, "corroboration": 0.0, "cost": 0.0,
                                                      "consistency": 0.0, "specificity": 1 / 3}, abs=5e-4)
    assert s1["weighted"].sum() == pytest.approx(0.9, abs=1e-3)
    for _, segments in rows.groupby("label"):
        assert segments["weighted"].sum() == pytest.approx(segments["credibility"].iloc[0], abs=3e-3)


def test_heatmap_tooltip_states_each_cells_proposition():
    case = build_case()
    topics = case.topics.assign(proposition=["The plan goes ahead.", "Talks should start."])
    analysis = run_analysis(dataclasses.replace(case, topics=topics), n_samples=10, seed=0)
    spec = charts.chart_stance_heatmap(analysis, "Heatmap finding.").to_dict()
    assert "proposition" in tooltip_fields(spec)
    (rows,) = spec["datasets"].values()
    # Alpha and Beta each on t1 (“The plan”) and t2 (“Talks”).
    assert sorted((row["topic_label"], row["proposition"]) for row in rows) == [
        ("Talks", "Talks should start."), ("Talks", "Talks should start."),
        ("The plan", "The plan goes ahead."), ("The plan", "The plan goes ahead.")]
