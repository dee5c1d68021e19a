"""A synthetic case of 10,000 signals renders into a small brief whose charts draw only what they embed.

Not timed (the benchmark, `make bench`, times it). Every chart is re-embedded in headless
Chromium with the page's own Vega bundle, and the items Vega draws for the data marks
are counted in its scene graph: a chart that carries rows it does not draw (raw rows
aggregated or filtered in the browser) fails.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from test_browser import OpenedPage, check_offline_and_clean

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO = Path(__file__).resolve().parents[1]
N_SIGNALS = 10_000
BRIEF_LIMIT_BYTES = 3_000_000

# Embeds a spec again, without drawing it to the screen, and counts the items of its data
# marks (role "mark": not axes, legends or titles) in the scene graph. A line draws one
# item per point.
COUNT_DRAWN_ITEMS = """
async (spec) => {
  const holder = document.createElement("div");
  const result = await window.vegaEmbed(holder, spec, {renderer: "none", actions: false});
  function count(node) {
    let total = 0;
    for (const item of node.items || []) {
      if (node.marktype === "group") {
        for (const child of item.items || []) total += count(child);
      } else if (node.role === "mark") {
        total += 1;
      }
    }
    return total;
  }
  const drawn = count(result.view.scenegraph().root);
  result.finalize();
  return drawn;
}
"""


def find_lookup_tables(node: object) -> set[str]:
    """The named datasets that a `lookup` transform joins onto the marks' rows, anywhere in a spec."""
    if isinstance(node, dict):
        source = node.get("from", {}).get("data", {}) if "lookup" in node else {}
        found = {source["name"]} if "name" in source else set()
        return found.union(*(find_lookup_tables(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(find_lookup_tables(value) for value in node))
    return set()


def count_embedded_rows(spec: dict, leave_out: set[str] = frozenset()) -> int:
    """Rows the spec carries: every named dataset (but `leave_out`) plus inline data, at any level of layering."""
    rows = sum(len(values) for name, values in spec.get("datasets", {}).items() if name not in leave_out)

    def inline_rows(node: object) -> int:
        if isinstance(node, dict):
            data = node.get("data")
            own = len(data["values"]) if isinstance(data, dict) and isinstance(data.get("values"), list) else 0
            return own + sum(inline_rows(value) for key, value in node.items() if key != "datasets")
        if isinstance(node, list):
            return sum(inline_rows(value) for value in node)
        return 0

    return rows + inline_rows(spec)


@pytest.fixture(scope="module")
def large_brief(tmp_path_factory) -> Path:
    """The brief alone of a seeded synthetic case with 10,000 signals."""
    root = tmp_path_factory.mktemp("scale")
    case = root / "case"
    subprocess.run([sys.executable, "-m", "signalbrief", "synthesize", "--signals", str(N_SIGNALS),
                    "--actors", "60", "--topics", "12", "--seed", "7", str(case)],
                   check=True, capture_output=True, cwd=REPO)
    out = root / "report" / "brief.html"
    result = subprocess.run([sys.executable, "-m", "signalbrief", "render", "--case", str(case), "--out", str(out),
                             "--no-dossiers", "--debug-dir", str(root / "debug")],
                            capture_output=True, text=True, timeout=600, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return out


def test_counting_embedded_rows_sees_datasets_and_inline_data():
    # 2 + 1 rows in named datasets, 3 inline in the first layer, 1 inline at the top: 7.
    spec = {"datasets": {"a": [{}, {}], "b": [{}]}, "data": {"values": [{}]},
            "layer": [{"data": {"values": [{}, {}, {}]}}, {"data": {"name": "a"}}]}
    assert count_embedded_rows(spec) == 7


def test_lookup_tables_are_found_and_can_be_left_out_of_the_count():
    # "details" is joined onto the 3 rows of "marks" (one row per mark); "other" is not joined.
    spec = {"datasets": {"marks": [{}, {}, {}], "details": [{}, {}], "other": [{}]},
            "layer": [{"data": {"name": "marks"},
                       "transform": [{"lookup": "k", "from": {"data": {"name": "details"}, "key": "k"}}]}]}
    assert find_lookup_tables(spec) == {"details"}
    assert count_embedded_rows(spec, find_lookup_tables(spec)) == 4


def test_drawn_items_are_counted_so_a_chart_aggregating_in_the_browser_is_caught(browser, large_brief):
    # 50 raw rows, a = i % 3, counted per value of a by Vega-Lite: 3 bars drawn for 50 rows embedded.
    spec = {"data": {"values": [{"a": i % 3} for i in range(50)]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"aggregate": "count", "type": "quantitative"}}}
    opened = OpenedPage(browser, large_brief)
    assert (count_embedded_rows(spec), opened.page.evaluate(COUNT_DRAWN_ITEMS, spec)) == (50, 3)
    opened.page.close()


def test_large_brief_stays_under_three_megabytes(large_brief):
    assert large_brief.stat().st_size <= BRIEF_LIMIT_BYTES


def test_every_chart_of_the_large_brief_draws_and_embeds_no_more_rows_than_it_draws(browser, large_brief):
    opened = OpenedPage(browser, large_brief)
    n_charts = opened.wait_for_charts()
    assert n_charts >= 2
    specs = [json.loads(text) for text in
             opened.page.locator("script.signalbrief-chart-spec").evaluate_all("s => s.map(e => e.textContent)")]
    too_many = []
    for spec in specs:
        # A table joined onto the marks' rows (a signal's quote and outlet, stored once for its several
        # marks) is not drawn by itself: it is counted on its own, and may not outnumber the marks either.
        lookups = find_lookup_tables(spec)
        embedded = count_embedded_rows(spec, lookups)
        drawn = opened.page.evaluate(COUNT_DRAWN_ITEMS, spec)
        assert drawn > 0, spec.get("title")
        for rows in [embedded, *(len(spec["datasets"][name]) for name in lookups)]:
            if rows > drawn:
                too_many.append(f"{json.dumps(spec.get('title'))[:80]}: embeds {rows} rows, draws {drawn}")
    assert too_many == []
    check_offline_and_clean(opened)
    opened.page.close()
