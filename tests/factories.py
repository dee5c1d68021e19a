"""Build tiny `Case` objects from a few dict rows, typed as load_case types them.

Columns come from the schema: dates datetime64, enum columns Categorical with the
schema's categories in schema order, integers int64, other text `str`; optional
columns left out are missing (NA). Required columns a test does not care about get the
neutral fillers in FILLERS, so a fixture only spells out what its arithmetic uses.
Each signal row quotes words of its own by default (offsets 100 × row number onward), so
rows are separate pieces of evidence (`signalbrief.evidence`) unless a test says otherwise.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from signalbrief.case import TABLES, Case

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "signalbrief" / "schema" / "datapackage.json"
SCHEMA = {resource["name"]: resource["schema"]["fields"]
          for resource in json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["resources"]}

FILLERS = {
    "outlets": {"kind": "news_agency", "reliability": "A"},
    "actors": {"kind": "person", "country": "nowhere", "role": "speaker"},
    "topics": {"proposition": "A proposition."},
    "events": {"event_date": "2000-01-01", "event_date_precision": "day", "kind": "statement",
               "summary": "An event.", "actor_ids": "a", "outlet_id": "wire"},
    "signals": {"stance": 0, "kind": "statement", "signal_date": "2000-01-01",
                "signal_date_precision": "day", "outlet_id": "wire", "reporting": "direct_quote",
                "cost": "cheap_talk", "hedging": "unconditional", "summary": "A signal."},
    "links": {},
    "hypotheses": {"statement": "A hypothesis."},
    "ach": {},
}
# Names and labels default to the row's identifier.
ID_COLUMNS = {"outlets": "outlet_id", "actors": "actor_id", "topics": "topic_id",
              "hypotheses": "hypothesis_id"}
COMMON_FILLERS = {"quote": "quoted words", "quote_start": 0, "quote_end": 12,
                  "rationale": "test fixture"}


def make_table(name: str, rows: list[dict]) -> pd.DataFrame:
    """One schema table from dict rows: fillers for unset required columns, NA for optional."""
    fields = SCHEMA[name]
    columns = {}
    for field in fields:
        column = field["name"]
        constraints = field.get("constraints", {})
        filler = FILLERS[name].get(column, COMMON_FILLERS.get(column))
        if column in ("name", "label"):
            values = [row.get(column, row.get(ID_COLUMNS[name])) for row in rows]
        elif name == "signals" and column in ("quote_start", "quote_end"):
            values = [row.get(column, 100 * number + filler) for number, row in enumerate(rows)]
        elif constraints.get("required"):
            values = [row.get(column, filler) for row in rows]
        else:
            values = [row.get(column) for row in rows]
        columns[column] = type_column(field, values)
    unknown = {key for row in rows for key in row} - {field["name"] for field in fields}
    if unknown:
        raise KeyError(f"{name}: unknown column(s) {sorted(unknown)}")
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def type_column(field: dict, values: list) -> pd.Series:
    """Give one column the dtype load_case gives it."""
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.Series(pd.Categorical(values, categories=enum))
    if field["type"] == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d"),
                         dtype="datetime64[us]")
    if field["type"] == "integer":
        return pd.Series(values, dtype="int64")
    return pd.Series(values, dtype="str")


def make_case(**tables: list[dict]) -> Case:
    """A Case from rows per table name (outlets defaults to one outlet 'wire' graded A)."""
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise KeyError(f"unknown table(s) {sorted(unknown)}")
    rows = {"outlets": [{"outlet_id": "wire"}], **tables}
    return Case(title="Test case", published_date=None, source="",
                **{name: make_table(name, rows.get(name, [])) for name in TABLES})


def shuffle_case(case: Case, seed: int) -> Case:
    """The same case with the rows of every table in another order (fresh RangeIndex)."""
    rng = np.random.default_rng(seed)
    shuffled = {name: frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
                for name, frame in case.tables().items()}
    return dataclasses.replace(case, **shuffled)


GRADES = ("A", "B", "C", "D", "E", "F")
SIGNAL_KINDS = ("statement", "commitment", "demand", "claim", "denial", "assessment", "action", "law")
RELATIONS = ("corroborates", "contradicts", "denies", "qualifies", "responds_to")


@st.composite
def tiny_cases(draw, max_signals: int = 6) -> Case:
    """Random valid cases of a few signals, with sub-actors, events, links and ACH ratings."""
    outlets = [{"outlet_id": f"o{i}", "reliability": draw(st.sampled_from(GRADES))}
               for i in range(draw(st.integers(1, 3)))]
    actors = []
    for i in range(draw(st.integers(1, 3))):
        parent = draw(st.sampled_from([None, *(f"a{j}" for j in range(i))]))
        actors.append({"actor_id": f"a{i}", "parent_actor_id": parent})
    topics = [{"topic_id": f"t{i}"} for i in range(draw(st.integers(1, 2)))]
    # Occasions: signals of one event by one actor through one outlet are one piece of evidence;
    # a claimed or disputed event leaves its deeds unconfirmed.
    events = [{"event_id": f"e{i}", "actor_ids": actors[0]["actor_id"], "outlet_id": outlets[0]["outlet_id"],
               "kind": draw(st.sampled_from(["statement", "delivery", "contract"])),
               "status": draw(st.sampled_from([None, "asserted", "claimed", "disputed"]))}
              for i in range(draw(st.integers(0, 2)))]
    signals = [{
        "signal_id": f"s{i}",
        "actor_id": draw(st.sampled_from([actor["actor_id"] for actor in actors])),
        "topic_id": draw(st.sampled_from([topic["topic_id"] for topic in topics])),
        "stance": draw(st.integers(-2, 2)),
        "kind": draw(st.sampled_from(SIGNAL_KINDS)),
        "signal_date": f"2000-0{draw(st.integers(1, 4))}-01",
        "outlet_id": draw(st.sampled_from([outlet["outlet_id"] for outlet in outlets])),
        "reporting": draw(st.sampled_from(["direct_quote", "reported_speech", "paraphrase",
                                           "article_inference"])),
        "cost": draw(st.sampled_from(["cheap_talk", "hands_tying", "sunk_cost"])),
        "hedging": draw(st.sampled_from(["unconditional", "conditional", "hedged"])),
        "event_id": draw(st.sampled_from([None, *(event["event_id"] for event in events)])),
    } for i in range(draw(st.integers(1, max_signals)))]
    ids = [signal["signal_id"] for signal in signals]
    link_keys = draw(st.lists(
        st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(RELATIONS))
        .filter(lambda key: key[0] != key[1]), max_size=5, unique=True)) if len(ids) > 1 else []
    links = [{"from_signal_id": source, "to_signal_id": target, "relation": relation}
             for source, target, relation in link_keys]
    hypotheses = [{"hypothesis_id": f"h{i}"} for i in range(draw(st.integers(1, 3)))]
    rated = draw(st.lists(st.sampled_from(ids), unique=True))
    ach = [{"hypothesis_id": hypothesis["hypothesis_id"], "signal_id": signal_id,
            "rating": draw(st.sampled_from(["CC", "C", "N", "I", "II"]))}
           for signal_id in rated for hypothesis in hypotheses]
    return make_case(outlets=outlets, actors=actors, topics=topics, events=events, signals=signals, links=links,
                     hypotheses=hypotheses, ach=ach)
