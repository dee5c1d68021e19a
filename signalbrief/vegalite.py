"""Vega-Lite specs written as plain dicts, and the object a notebook displays them through.

The charts were first built with Altair; in a render, building Altair objects and
validating them cost more than the rest of the notebook's work together (every layer and
concatenation deep-copies its parts, every display re-validates the whole spec against
the schema) and `import altair` cost 0.2 s of each kernel. A Vega-Lite spec is plain
JSON, so the charts now write it directly with these few helpers; the tests validate
every chart against the Vega-Lite schema that Altair ships (tests/test_charts.py), so
nothing is lost but the time. The spec's keys are those of the Vega-Lite documentation
(https://vega.github.io/vega-lite/docs/).
"""
from __future__ import annotations

import dataclasses
import json
import math
import os

import pandas as pd

from signalbrief import vega_offline

# The Vega-Lite the specs are written for: the one Altair (which displays them in JupyterLab)
# speaks and the one vl-convert's bundle (which draws them in the report) is built for.
SCHEMA_URL = f"https://vega.github.io/schema/vega-lite/v{vega_offline.VEGA_LITE_VERSION}.json"
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
    """The rows of `frame` as JSON-ready dicts: Python numbers, text, booleans, and None for missing."""
    records = frame.to_dict("records")
    for record in records:
        for key, value in record.items():
            if (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
                record[key] = None
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
    """A Vega-Lite spec that a notebook displays: offline in a rendered report, with Altair in JupyterLab.

    Its plain-text form (what a notebook keeps beside the HTML, and what a viewer without HTML
    shows) names the chart by its title; the dataclass's own repr would print the whole spec
    with its data, as long as the chart itself, into every executed notebook.
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
        if os.environ.get(vega_offline.ENV_FLAG) == "1":
            return vega_offline.render_chart_html(self.spec)
        from altair.vegalite.v6.display import VegaLite

        return VegaLite(self.spec)._repr_mimebundle_(include, exclude)
