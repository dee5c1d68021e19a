"""Vega-Lite specs written as plain dicts, and the object a notebook displays them through.

A chart displays as a standard Vega-Lite mimebundle (`MIMETYPE`), the one output a notebook
gives wherever it runs: JupyterLab draws it with the Vega it bundles (no network), and the
nbconvert template `signalbrief` (signalbrief/templates/signalbrief) draws it in the page
with the Vega bundle inlined or beside the page. The specs are written for Vega-Lite 5, the
major version JupyterLab 4 draws (its own bundle is 5.6) and the page's bundle
(`signalbrief.vega_offline`) is built for; tests/test_charts.py validates every chart
against the Vega-Lite 5 schema. The spec's keys are those of the Vega-Lite documentation
(https://vega.github.io/vega-lite/docs/). Numbers in a chart's data are rounded to
`DATA_DECIMALS` places: more than any tooltip or axis shows, and the same digits on any machine.
"""
from __future__ import annotations

import dataclasses
import json
import math

import pandas as pd

from signalbrief import vega_offline

SCHEMA_URL = f"https://vega.github.io/schema/vega-lite/v{vega_offline.VEGA_LITE_VERSION}.json"
# The output type JupyterLab 4 and the page template draw.
MIMETYPE = "application/vnd.vegalite.v5+json"
# Decimal places of the numbers in a chart's data (tooltips show at most three: ".1%", ".2f").
DATA_DECIMALS = 3
TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal", "T": "temporal"}
# Altair's default view size, kept so a view without its own size draws as it did.
VIEW_CONFIG = {"continuousHeight": 300, "continuousWidth": 300}


def encode(shorthand: str, **properties: object) -> dict:
    """A field channel from 'field:T' shorthand (T one of Q, N, O, T) and its other properties."""
    name, _, code = shorthand.rpartition(":")
    return {"field": name, "type": TYPES[code], **properties}


def tooltip(shorthand: str, title: str, **properties: object) -> dict:
    """One tooltip line: a field and the title it is shown under."""
    return encode(shorthand, title=title, **properties)


def when(test: str, value: object, otherwise: object) -> dict:
    """A channel whose value is `value` where the Vega expression `test` holds, else `otherwise`."""
    return {"condition": {"test": test, "value": value}, "value": otherwise}


def is_equal(field: str, value: str) -> str:
    """A Vega expression that holds where `field` equals the text `value` (quoted safely)."""
    return f"datum[{to_js_string(field)}] === {to_js_string(value)}"


def to_js_string(text: str) -> str:
    """`text` as a JavaScript string literal for a Vega expression."""
    return json.dumps(str(text), ensure_ascii=False)


def to_date_time(stamp: pd.Timestamp) -> dict:
    """A UTC Vega-Lite DateTime, for a scale domain or axis values."""
    return {"year": stamp.year, "month": stamp.month, "date": stamp.day, "utc": True}


def to_records(frame: pd.DataFrame) -> list[dict]:
    """The rows of `frame` as JSON-ready dicts: Python numbers (floats rounded to `DATA_DECIMALS`
    places), text, booleans, and None for missing."""
    records = frame.to_dict("records")
    for record in records:
        for key, value in record.items():
            if (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
                record[key] = None
            elif isinstance(value, float):
                record[key] = round(value, DATA_DECIMALS) + 0.0  # + 0.0: no "-0.0" in a page
    return records


def top_level(spec: dict, title: dict, datasets: dict[str, pd.DataFrame], legend: dict | None = None) -> VegaLiteChart:
    """A whole chart: `spec` (a unit, layer or concatenation) with its title, named datasets and config.

    Each dataset is embedded once and referred to by name (`{"name": ...}`) from the views that draw it.
    """
    config = {"view": VIEW_CONFIG, **({"legend": legend} if legend else {})}
    return VegaLiteChart({
        "$schema": SCHEMA_URL, "config": config, "title": title,
        "datasets": {name: to_records(frame) for name, frame in datasets.items()}, **spec,
    })


@dataclasses.dataclass(frozen=True, repr=False)
class VegaLiteChart:
    """A Vega-Lite spec that a notebook displays as a Vega-Lite mimebundle (`MIMETYPE`).

    Its plain-text form (what a viewer without Vega shows) names the chart by its title;
    the dataclass's own repr would print the whole spec with its data.
    """

    spec: dict

    def __repr__(self) -> str:
        title = self.spec.get("title", "")
        text = title.get("text", "") if isinstance(title, dict) else title
        return f"<chart: {' '.join(text) if isinstance(text, list) else text}>"

    def to_dict(self) -> dict:
        """The Vega-Lite spec."""
        return self.spec

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        """IPython's display protocol: the spec under the Vega-Lite type, and the title as text."""
        return {MIMETYPE: self.spec, "text/plain": repr(self)}
