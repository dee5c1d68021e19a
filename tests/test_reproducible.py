"""The same bytes on any machine: the numbers a page shows do not depend on the CPU's BLAS kernel.

numpy's `@` goes through OpenBLAS, whose kernel (and so the last bit of a sum) depends on the
CPU. The pages' sums go through signalbrief.exact instead, and chart data is rounded to what a
reader can use. Here every credibility the committed brief's chart shows is recomputed
independently with math.fsum (the exactly rounded sum) from the components and the weights,
with the weights renormalised over the components that carry information,
and must equal the page's value at the page's precision. This test never sets
OPENBLAS_CORETYPE: by hand, render once with and without OPENBLAS_CORETYPE=Prescott and compare.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

from signalbrief.credibility import COMPONENTS, score_signals
from signalbrief.parameters import BriefParameters
from signalbrief.validate import load_case
from signalbrief.vegalite import DATA_DECIMALS

REPO = Path(__file__).resolve().parents[1]
BRIEF = REPO / "report" / "brief.html"


def chart_datasets(page: Path) -> list[dict]:
    specs = re.findall(r'<script[^>]*class="signalbrief-chart-spec"[^>]*>(.*?)</script>',
                       page.read_text(encoding="utf-8"), re.S)
    return [json.loads(spec).get("datasets", {}) for spec in specs]


def test_every_credibility_in_the_brief_is_the_exactly_rounded_weighted_sum():
    weights = BriefParameters().weights()
    total = math.fsum(weights.values())
    scores = score_signals(load_case(REPO / "data" / "russia-iran-2000"), weights)
    exact = {}
    for row in scores.to_dict("records"):
        # a component with no information (NaN) is left out and the weights renormalise over the others
        present = [name for name in COMPONENTS if not math.isnan(row[name])]
        value = (math.fsum(row[name] * (weights[name] / total) for name in present)
                 / math.fsum(weights[name] / total for name in present))
        exact.setdefault((row["actor_name"], row["quote"]), set()).add(round(value, DATA_DECIMALS))
    # The credibility chart stores each signal's details once ("signals"), beside its segments ("components").
    shown = [row for datasets in chart_datasets(BRIEF) if "components" in datasets for row in datasets["signals"]]
    assert len(shown) >= 20
    for row in shown:
        assert {row["credibility"]} == exact[(row["actor_name"], row["quote"])], row["label"]


def test_no_chart_number_carries_more_digits_than_the_page_uses():
    for datasets in chart_datasets(BRIEF):
        for rows in datasets.values():
            for row in rows:
                for value in row.values():
                    if isinstance(value, float):
                        assert value == round(value, DATA_DECIMALS), value
