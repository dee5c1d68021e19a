"""load_case: the mini case loads with the right dtypes, and every rule catches a broken copy.

Row numbers below are lines of the mini case's files: the header is line 1. In signals.csv
promise_cooperation is line 2, accord_signed 3, inspections_under_way 4, union_denial 5.
"""
from __future__ import annotations

import copy
import csv
import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signalbrief import load_case
from signalbrief.case import TABLES
from signalbrief.errors import CaseError
from signalbrief.casefiles import load_schema
from signalbrief.validate import check_schema_conventions

MINI_CASE = Path(__file__).parent / "fixtures" / "mini-case"


def problems_of(case_dir: Path) -> list[str]:
    """The problems load_case reports for `case_dir`, as printed."""
    with pytest.raises(CaseError) as caught:
        load_case(case_dir)
    return [str(problem) for problem in caught.value.problems]


def drop_column(case_dir: Path, file_name: str, column: str) -> None:
    path = case_dir / file_name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = [name for name in rows[0] if name != column]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_mini_case_loads():
    case = load_case(MINI_CASE)
    # 2 outlets + 3 actors + 2 topics + 2 events + 4 signals + 2 links + 3 hypotheses + 9 ach = 27
    assert case.n_rows() == 27
    assert case.title == "A minister's promise to port inspectors (test fixture)"
    assert case.published_date.isoformat() == "2001-03-04"
    assert case.source.startswith("Bellmark News reported")
    assert case.signals.signal_id.tolist() == [
        "promise_cooperation", "accord_signed", "inspections_under_way", "union_denial"]


def test_loaded_frames_have_schema_dtypes():
    case = load_case(MINI_CASE)
    signals = case.signals
    assert signals.stance.dtype == "int64"
    assert signals.stance.tolist() == [2, 2, 1, -2]
    assert signals.quote_start.dtype == "int64"
    assert pd.api.types.is_datetime64_dtype(signals.signal_date)
    assert signals.signal_date.iloc[0] == pd.Timestamp("2001-03-03")
    assert pd.api.types.is_datetime64_dtype(case.events.event_date)
    assert isinstance(signals.kind.dtype, pd.CategoricalDtype)
    assert signals.kind.cat.categories.tolist() == [
        "statement", "commitment", "demand", "claim", "denial", "assessment", "action", "law"]
    assert case.outlets.reliability.cat.categories.tolist() == ["A", "B", "C", "D", "E", "F"]
    assert signals.summary.dtype == "str"
    # only union_denial (line 5) names an audience and a target
    assert signals.audience.isna().tolist() == [True, True, True, False]
    assert case.actors.parent_actor_id.isna().tolist() == [True, False, True]
    assert case.events.actor_ids.tolist() == ["ministry", "ana_ruiz;ministry"]


def test_loaded_columns_follow_schema_order():
    schema = json.loads((Path(__file__).parent.parent / "signalbrief/schema/datapackage.json").read_text())
    case = load_case(MINI_CASE)
    for resource in schema["resources"]:
        expected = [field["name"] for field in resource["schema"]["fields"]]
        assert case.tables()[resource["name"]].columns.tolist() == expected


def test_optional_column_may_be_left_out(mini_case):
    drop_column(mini_case, "signals.csv", "conditions")
    signals = load_case(mini_case).signals
    assert signals.conditions.isna().all()
    assert "conditions" in signals.columns


def test_byte_order_mark_is_accepted(mini_case):
    path = mini_case / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_case(mini_case).actors.actor_id.tolist() == ["ministry", "ana_ruiz", "harbour_union"]


def test_case_folder_that_does_not_exist(tmp_path):
    assert problems_of(tmp_path / "nope") == [f"{tmp_path}/nope: case folder does not exist"]


def test_case_path_that_is_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    assert problems_of(tmp_path / "notes.txt") == [f"{tmp_path}/notes.txt: is not a folder (expected a case folder)"]


def test_missing_table_file(mini_case):
    (mini_case / "links.csv").unlink()
    assert problems_of(mini_case) == [f"{mini_case}/links.csv: file is missing"]


def test_a_table_that_is_a_folder_is_named_as_one(mini_case):
    (mini_case / "links.csv").unlink()
    (mini_case / "links.csv").mkdir()
    assert problems_of(mini_case) == [f"{mini_case}/links.csv: is a folder, not a file"]


def test_a_table_that_cannot_be_read_says_so(mini_case, monkeypatch):
    # Permissions do not stop root, who runs CI, so the refusal is made here: reading links.csv fails.
    read_bytes = Path.read_bytes

    def refuse_links(path):
        if path.name == "links.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_links)
    assert problems_of(mini_case) == [f"{mini_case}/links.csv: cannot be read (Permission denied)"]


def test_missing_source(mini_case):
    (mini_case / "source.txt").unlink()
    assert problems_of(mini_case) == [f"{mini_case}/source.txt: file is missing"]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_file(mini_case, content):
    (mini_case / "topics.csv").write_bytes(content)
    problems = problems_of(mini_case)
    assert f"{mini_case}/topics.csv: file is empty" in problems


def test_required_column_missing(mini_case):
    drop_column(mini_case, "topics.csv", "label")
    assert problems_of(mini_case) == [f"{mini_case}/topics.csv:1: label: required column is missing"]


def test_unknown_column(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",audience,", ",audiense,")
    [problem] = problems_of(mini_case)
    assert problem.startswith(
        f"{mini_case}/signals.csv:1: audiense: unknown column 'audiense' (the schema has: signal_id, actor_id,")
    assert problem.endswith("conditions, summary, rationale)")


def test_row_with_too_many_cells(mini_case, replace_once):
    replace_once(mini_case, "hypotheses.csv", "The promise and the accord.", "The promise and the accord.,extra")
    assert f"{mini_case}/hypotheses.csv:2: row has 5 cells but the header has 4" in problems_of(mini_case)


def test_required_value_empty(mini_case, replace_once):
    replace_once(mini_case, "topics.csv", "cooperation,Cooperation,", "cooperation,,")
    assert problems_of(mini_case) == [f"{mini_case}/topics.csv:2: label: required value is empty"]


@pytest.mark.parametrize("bad", ["1.0", "abc", "１"])
def test_integer_field_rejects_non_integers(mini_case, replace_once, bad):
    replace_once(mini_case, "signals.csv", ",inspections_started,1,claim,", f",inspections_started,{bad},claim,")
    assert problems_of(mini_case) == [f"{mini_case}/signals.csv:4: stance: expected an integer, got '{bad}'"]


def test_integer_too_large_for_int64(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "Bellmark News,0,13", "Bellmark News,0,99999999999999999999")
    assert f"{mini_case}/outlets.csv:2: quote_end: 99999999999999999999 is too large for an integer" in problems_of(mini_case)


def test_date_that_does_not_exist(mini_case, replace_once):
    replace_once(mini_case, "events.csv", "2001-02-01,month", "2000-02-30,month")
    assert problems_of(mini_case) == [f"{mini_case}/events.csv:2: event_date: 2000-02-30 is not a date"]


def test_date_in_another_format(mini_case, replace_once):
    replace_once(mini_case, "events.csv", "2001-03-03,day", "14/03/2000,day")
    assert problems_of(mini_case) == [f"{mini_case}/events.csv:3: event_date: expected YYYY-MM-DD, got '14/03/2000'"]


def test_optional_date_and_its_precision_come_together(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "B,2001-03-03,day,", "B,2001-03-03,,")
    replace_once(mini_case, "outlets.csv", "C,,,The Daily", "C,,month,The Daily")
    assert problems_of(mini_case) == [
        f"{mini_case}/outlets.csv:2: cited_date_precision: cited_date is given but cited_date_precision is empty",
        f"{mini_case}/outlets.csv:3: cited_date: cited_date_precision is given but cited_date is empty",
    ]


def test_stance_outside_range(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",cooperation,2,commitment,", ",cooperation,3,commitment,")
    assert problems_of(mini_case) == [f"{mini_case}/signals.csv:2: stance: 3 is outside the allowed range -2 to 2"]


def test_offset_below_minimum(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "Bellmark News,0,13", "Bellmark News,-1,13")
    assert problems_of(mini_case) == [f"{mini_case}/outlets.csv:2: quote_start: -1 is below the minimum 0"]


def test_bad_enum_value_lists_allowed_values(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "news_agency,B,", "news_agency,G,")
    assert problems_of(mini_case) == [
        f"{mini_case}/outlets.csv:2: reliability: 'G' is not allowed (allowed: A, B, C, D, E, F)"]


def test_id_must_match_pattern(mini_case, replace_once):
    replace_once(mini_case, "hypotheses.csv", "delay,Delay,", "Delay,Delay,")
    assert (f"{mini_case}/hypotheses.csv:4: hypothesis_id: 'Delay' does not match the pattern ^[a-z][a-z0-9_]*$"
            in problems_of(mini_case))


def test_duplicated_id_names_first_row(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", "inspections_under_way,ministry", "accord_signed,ministry")
    problems = problems_of(mini_case)
    assert (f"{mini_case}/signals.csv:4: signal_id: 'accord_signed' is a duplicate: it already appears on row 3"
            in problems)
    # links.csv line 3 pointed at the renamed signal
    assert f"{mini_case}/links.csv:3: to_signal_id: 'inspections_under_way' is not in signals.csv" in problems


def test_duplicated_composite_key(mini_case, replace_once):
    replace_once(mini_case, "ach.csv", "delay,union_denial,", "window_dressing,union_denial,")
    problems = problems_of(mini_case)
    # union_denial is rated on lines 8 (genuine), 9 (window_dressing) and 10 (now window_dressing again)
    assert (f"{mini_case}/ach.csv:10: hypothesis_id, signal_id: 'window_dressing', 'union_denial' is a duplicate: "
            "it already appears on row 9") in problems


def test_foreign_key_near_miss_suggests(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",ana_ruiz,cooperation,", ",ana_ruis,cooperation,")
    assert problems_of(mini_case) == [
        f"{mini_case}/signals.csv:2: actor_id: 'ana_ruis' is not in actors.csv (did you mean 'ana_ruiz'?)"]


def test_foreign_key_without_near_match(mini_case, replace_once):
    replace_once(mini_case, "actors.csv", "Minister,ministry,", "Minister,zzz,")
    assert problems_of(mini_case) == [f"{mini_case}/actors.csv:3: parent_actor_id: 'zzz' is not in actors.csv"]


def test_list_reference_item_near_miss(mini_case, replace_once):
    replace_once(mini_case, "events.csv", ",ana_ruiz;ministry,", ",ana_ruiz;ministy,")
    assert problems_of(mini_case) == [
        f"{mini_case}/events.csv:3: actor_ids: 'ministy' is not in actors.csv (did you mean 'ministry'?)"]


def test_list_reference_empty_item(mini_case, replace_once):
    replace_once(mini_case, "events.csv", ",ana_ruiz;ministry,", ",ana_ruiz;;ministry,")
    assert problems_of(mini_case) == [
        f"{mini_case}/events.csv:3: actor_ids: empty item in the ';'-separated list 'ana_ruiz;;ministry'"]


def test_quote_not_in_source(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",inspections were under way,", ",inspections were underway,")
    assert problems_of(mini_case) == [
        f'{mini_case}/signals.csv:4: quote: quote "inspections were underway" is not in source.txt']


def test_long_missing_quote_is_truncated(mini_case, replace_once):
    replace_once(mini_case, "events.csv", "Minister Ana Ruiz promised,", "Minister Ana Ruiz promises,")
    # first 59 characters: "Bellmark News " 14 + "reported " 23 + "on " 26 + "3 " 28 + "March " 34
    # + "2001 " 39 + "that " 44 + "Minister " 53 + "Ana " 57 + "Ru" 59, then an ellipsis
    assert problems_of(mini_case) == [
        f'{mini_case}/events.csv:3: quote: quote "Bellmark News reported on 3 March 2001 that Minister Ana Ru…"'
        " is not in source.txt"]


def test_quote_with_straight_quotation_marks_says_where(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",promised “full cooperation” with", ',"promised ""full cooperation"" with')
    replace_once(mini_case, "signals.csv", "port inspectors,62,", 'port inspectors",62,')
    assert problems_of(mini_case) == [
        f'{mini_case}/signals.csv:2: quote: quote "promised "full cooperation" with the port inspectors" '
        "is not in source.txt (it is at 62:114 with different quotation marks)"]


def test_offsets_that_cover_other_words(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "The Daily Ledger,116,132", "The Daily Ledger,0,13")
    # the first sentence ends at 114 ("...inspectors"), then ". " so "The Daily Ledger" is 116:116+16=132
    assert problems_of(mini_case) == [
        f"{mini_case}/outlets.csv:3: quote_start: offsets 0:13 cover 'Bellmark News'; the quote is at 116:132"]


@pytest.mark.parametrize("start, end", [(132, 116), (116, 116)])
def test_offsets_in_wrong_order(mini_case, replace_once, start, end):
    replace_once(mini_case, "outlets.csv", "The Daily Ledger,116,132", f"The Daily Ledger,{start},{end}")
    assert problems_of(mini_case) == [
        f"{mini_case}/outlets.csv:3: quote_start: quote_start {start} must be less than quote_end {end}"]


def test_self_link(mini_case, replace_once):
    replace_once(mini_case, "links.csv", "union_denial,inspections_under_way,", "union_denial,union_denial,")
    assert problems_of(mini_case) == [f"{mini_case}/links.csv:3: to_signal_id: signal 'union_denial' links to itself"]


@pytest.mark.parametrize("file_name, old, new, line", [
    ("signals.csv", ",the press,", ',"the press,', 5),
    ("topics.csv", "cooperation,Cooperation,", 'cooperation,"Cooperation,', 2),
])
def test_unclosed_quote_character_names_its_line(mini_case, replace_once, file_name, old, new, line):
    replace_once(mini_case, file_name, old, new)
    assert problems_of(mini_case) == [
        f"{mini_case}/{file_name}:{line}: the row starting on this line does not parse as CSV "
        '(unexpected end of data); look for an unclosed quote character (")']


def test_latin1_file_names_line_of_bad_byte(mini_case, replace_once):
    replace_once(mini_case, "actors.csv", "Ana Ruiz,person", "Ana Ruíz,person", encoding="latin-1")
    # latin-1 encodes í as the single byte 0xed, invalid as UTF-8
    assert problems_of(mini_case) == [
        f"{mini_case}/actors.csv:3: not UTF-8: byte 0xed cannot be decoded (save the file as UTF-8)"]


def test_rated_signal_missing_a_hypothesis(mini_case, replace_once):
    replace_once(mini_case, "ach.csv", "delay,accord_signed,C,An accord comes before inspections.\n", "")
    # accord_signed is first rated on line 5 (lines 2-4 rate promise_cooperation)
    assert problems_of(mini_case) == [
        f"{mini_case}/ach.csv:5: hypothesis_id: signal 'accord_signed' is not rated against 'delay' "
        "(a rated signal needs a row for every hypothesis)"]


def test_package_resources_must_equal_canonical(mini_case, replace_once):
    replace_once(mini_case, "datapackage.json", '"minimum": -2,\n              "maximum": 2', '"minimum": -2,\n              "maximum": 3')
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json: resources: resource 'signals' differs from the canonical schema "
        "(field 'stance'); copy it from signalbrief/schema/datapackage.json"]


def test_package_missing_resource_and_title(mini_case):
    path = mini_case / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["title"]
    package["resources"] = [r for r in package["resources"] if r["name"] != "links"]
    path.write_text(json.dumps(package), encoding="utf-8")
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json: title: the case needs a title (a non-empty string)",
        f"{mini_case}/datapackage.json: resources: resource 'links' is missing; "
        "copy it from signalbrief/schema/datapackage.json",
    ]


def test_package_bad_published_date_and_json(mini_case, replace_once):
    replace_once(mini_case, "datapackage.json", '"2001-03-04"', '"4 March 2001"')
    # line 1 "{", 2 profile, 3 name, 4 title, 5 "signalbrief_case": {, 6 published_date
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:6: signalbrief_case.published_date: '4 March 2001' is not a date "
        "(expected YYYY-MM-DD)"]
    (mini_case / "datapackage.json").write_text('{\n  "title": "x",\n}', encoding="utf-8")
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:3: is not valid JSON: Expecting property name enclosed in double quotes"]


def test_every_problem_is_reported_sorted_by_file_then_row(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",the press,", ",the press,,")
    replace_once(mini_case, "signals.csv", ",cooperation,2,commitment,", ",cooperation,3,commitment,")
    replace_once(mini_case, "outlets.csv", "news_agency,B,", "news_agency,G,")
    # the too-long row 5 (union_denial) is set aside, so links and ach rows naming it no longer resolve
    assert problems_of(mini_case) == [
        f"{mini_case}/ach.csv:8: signal_id: 'union_denial' is not in signals.csv",
        f"{mini_case}/ach.csv:9: signal_id: 'union_denial' is not in signals.csv",
        f"{mini_case}/ach.csv:10: signal_id: 'union_denial' is not in signals.csv",
        f"{mini_case}/links.csv:3: from_signal_id: 'union_denial' is not in signals.csv",
        f"{mini_case}/outlets.csv:2: reliability: 'G' is not allowed (allowed: A, B, C, D, E, F)",
        f"{mini_case}/signals.csv:2: stance: 3 is outside the allowed range -2 to 2",
        f"{mini_case}/signals.csv:5: row has 21 cells but the header has 20",
    ]


def test_optional_date_with_a_required_precision_is_a_schema_problem():
    schema = copy.deepcopy(load_schema())
    outlets = next(r for r in schema["resources"] if r["name"] == "outlets")
    precision = next(f for f in outlets["schema"]["fields"] if f["name"] == "cited_date_precision")
    precision["constraints"]["required"] = True
    assert [str(p) for p in check_schema_conventions(schema)] == [
        "signalbrief/schema/datapackage.json: outlets.cited_date: "
        "date field needs an optional 'cited_date_precision' field with an enum"]


def test_canonical_schema_gives_every_date_a_precision():
    assert check_schema_conventions(load_schema()) == []


def test_date_without_precision_sibling_is_a_schema_problem():
    schema = copy.deepcopy(load_schema())
    signals = next(r for r in schema["resources"] if r["name"] == "signals")
    signals["schema"]["fields"] = [f for f in signals["schema"]["fields"] if f["name"] != "signal_date_precision"]
    assert [str(p) for p in check_schema_conventions(schema)] == [
        "signalbrief/schema/datapackage.json: signals.signal_date: "
        "date field needs a required 'signal_date_precision' field with an enum"]


TRICKY_CELLS = [
    "", " ", '"', '""', "a,b", "\n", "\r\n", "1.0", "-3", "3", "99999999999999999999", "１", "2000-02-30",
    "0000-01-01", "9999-12-31", "14/03/2000", "é", "\x00", "\ufeff", "NaN", "NA", "None", "null", ";",
    "ana_ruiz;;", "ministy", "genuine", "accord_signed", "CC", "day", "Bellmark News", "“", "\\",
]


def mutate(case_dir: Path, data: st.DataObject) -> None:
    """Replace one random cell of one random table with a tricky string, or delete one line."""
    path = case_dir / f"{data.draw(st.sampled_from(TABLES))}.csv"
    text = path.read_text(encoding="utf-8")
    if data.draw(st.booleans()):
        lines = text.splitlines(keepends=True)
        del lines[data.draw(st.integers(0, len(lines) - 1))]
        path.write_text("".join(lines), encoding="utf-8", newline="")
        return
    rows = list(csv.reader(text.splitlines()))
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, len(rows[row]) - 1))
    rows[row][column] = data.draw(st.one_of(st.sampled_from(TRICKY_CELLS), st.text(max_size=8)))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_random_mutation_never_raises_anything_but_case_error(data):
    with tempfile.TemporaryDirectory() as folder:
        case_dir = Path(folder) / "case"
        shutil.copytree(MINI_CASE, case_dir)
        mutate(case_dir, data)
        try:
            load_case(case_dir)
        except CaseError as error:
            assert error.problems
            assert all(problem.path.startswith(str(case_dir)) for problem in error.problems)


def copy_tree(source: Path, target: Path) -> None:
    target.mkdir()
    for path in source.iterdir():
        (target / path.name).write_bytes(path.read_bytes())


def test_real_case_validates_and_every_quote_equals_its_offsets():
    case = load_case(Path(__file__).parent.parent / "data" / "russia-iran-2000")
    assert len(case.source) == 6760
    checked = 0
    for name, frame in case.tables().items():
        if "quote" not in frame.columns:
            continue
        for row in frame.itertuples():
            assert case.source[row.quote_start:row.quote_end] == row.quote, (name, row.Index)
            checked += 1
    assert checked > 0


# --- Dates against the publication and the citation ---------------------------------------
# The mini case is published 2001-03-04 (day); bellmark_news is cited 2001-03-03 (day),
# daily_ledger has no citation date. signals.csv: promise_cooperation (bellmark_news) line 2,
# union_denial (daily_ledger) line 5; events.csv: accord_signed (daily_ledger) line 2,
# ruiz_promise (bellmark_news) line 3.
AFTER_PUBLICATION = "the article cannot report what had not happened"
AFTER_CITATION = "a source cannot report what had not happened"


def test_signal_dated_after_the_publication(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",2001-03-03,before,daily_ledger,reported_speech,",
                 ",2001-03-05,day,daily_ledger,reported_speech,")
    assert problems_of(mini_case) == [
        f"{mini_case}/signals.csv:5: signal_date: 2001-03-05 (day) is after the publication date 2001-03-04 (day) "
        f"in datapackage.json: {AFTER_PUBLICATION}"]


@pytest.mark.parametrize("date, precision, after", [
    ("2001-03-01", "month", False),   # 1-31 March 2001 may be before 4 March
    ("2001-04-01", "month", True),    # all of April is after
    ("2001-01-01", "year", False),
    ("2001-01-01", "season", False),  # January to March 2001
    ("2001-04-01", "season", True),   # April to June 2001
    ("2001-03-04", "after", False),   # on or after 4 March: may be the 4th
    ("2001-03-05", "after", True),
    ("2001-03-31", "before", False),  # on or before: may be any earlier day
    ("2001-03-05", "day_no_year", True),  # the assumed year is compared as stored
    ("2001-03-01", "month_no_year", False),
])
def test_event_after_the_publication_compares_whole_periods(mini_case, replace_once, date, precision, after):
    replace_once(mini_case, "events.csv", "2001-02-01,month,agreement", f"{date},{precision},agreement")
    if not after:
        assert load_case(mini_case).events.event_date.iloc[0] == pd.Timestamp(date)
        return
    assert problems_of(mini_case) == [
        f"{mini_case}/events.csv:2: event_date: {date} ({precision}) is after the publication date "
        f"2001-03-04 (day) in datapackage.json: {AFTER_PUBLICATION}"]


@pytest.mark.parametrize("precision, after", [("day", True), ("month", False), ("year", False),
                                              ("before", True), ("after", False)])
def test_publication_precision_sets_how_late_the_publication_may_be(mini_case, replace_once, precision, after):
    # an event on 20 March 2001 against a publication "2001-03-04" at each precision: March 2001,
    # 2001 and "on or after 4 March" each include 20 March; "day" and "before" end on 4 March
    replace_once(mini_case, "events.csv", "2001-02-01,month,agreement", "2001-03-20,day,agreement")
    replace_once(mini_case, "datapackage.json", '"published_date_precision": "day"',
                 f'"published_date_precision": "{precision}"')
    if after:
        [problem] = problems_of(mini_case)
        assert problem.startswith(f"{mini_case}/events.csv:2: event_date: 2001-03-20 (day) is after the "
                                  f"publication date 2001-03-04 ({precision})")
    else:
        assert len(load_case(mini_case).events) == 2


def test_a_deadline_may_lie_after_the_publication_and_its_citation(mini_case, replace_once):
    replace_once(mini_case, "events.csv", "2001-03-03,day,statement", "2001-06-30,day,deadline")
    assert load_case(mini_case).events.kind.astype("str").tolist() == ["agreement", "deadline"]


def test_citation_dated_after_the_publication(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "B,2001-03-03,day,", "B,2001-03-05,day,")
    assert problems_of(mini_case) == [
        f"{mini_case}/outlets.csv:2: cited_date: 2001-03-05 (day) is after the publication date 2001-03-04 (day) "
        f"in datapackage.json: {AFTER_PUBLICATION}"]


def test_signal_and_event_dated_after_their_citation(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", "2001-03-03,day,bellmark_news", "2001-03-04,day,bellmark_news")
    replace_once(mini_case, "events.csv", "2001-03-03,day,statement", "2001-03-04,day,statement")
    assert problems_of(mini_case) == [
        f"{mini_case}/events.csv:3: event_date: 2001-03-04 (day) is after 2001-03-03 (day), the date of its "
        f"citation 'bellmark_news' (outlets.csv:2): {AFTER_CITATION}",
        f"{mini_case}/signals.csv:2: signal_date: 2001-03-04 (day) is after 2001-03-03 (day), the date of its "
        f"citation 'bellmark_news' (outlets.csv:2): {AFTER_CITATION}",
    ]


def test_a_month_citation_covers_its_whole_month(mini_case, replace_once):
    # bellmark_news cited "March 2001": a signal of 3 March is within it
    replace_once(mini_case, "outlets.csv", "B,2001-03-03,day,", "B,2001-03-01,month,")
    assert load_case(mini_case).outlets.cited_date_precision.astype("str").tolist()[0] == "month"


# --- The publication's metadata ------------------------------------------------------------
# datapackage.json of the mini case: line 4 title, 5 "signalbrief_case": {, 6 published_date,
# 7 published_date_precision, 8 published_date_rationale.

def test_publication_date_missing(mini_case, replace_once):
    replace_once(mini_case, "datapackage.json", '    "published_date": "2001-03-04",\n', "")
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:5: signalbrief_case.published_date: the case needs the publication date "
        "(YYYY-MM-DD); the brief states it and every date is checked against it"]


def test_publication_date_precision_missing_or_not_allowed(mini_case, replace_once):
    replace_once(mini_case, "datapackage.json", '"published_date_precision": "day"', '"published_date_precision": ""')
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:7: signalbrief_case.published_date_precision: the case needs how exact "
        "published_date is (day, month, year, before, after, season, day_no_year, month_no_year)"]
    replace_once(mini_case, "datapackage.json", '"published_date_precision": ""', '"published_date_precision": "dy"')
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:7: signalbrief_case.published_date_precision: 'dy' is not allowed "
        "(allowed: day, month, year, before, after, season, day_no_year, month_no_year)"]


def test_placeholder_title_and_date_are_refused_as_placeholders(mini_case, replace_once):
    replace_once(mini_case, "datapackage.json", "A minister's promise to port inspectors (test fixture)",
                 "FILL IN: one line that describes the case")
    replace_once(mini_case, "datapackage.json", '"2001-03-04"', '"FILL IN: YYYY-MM-DD"')
    # the date's placeholder is not also reported as "not a date"
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:4: title: init-case's placeholder is still here "
        "('FILL IN: one line that describes the case'); replace it as it says",
        f"{mini_case}/datapackage.json:6: signalbrief_case.published_date: init-case's placeholder is still here "
        "('FILL IN: YYYY-MM-DD'); replace it as it says",
    ]


# --- Empty offsets -------------------------------------------------------------------------

def test_empty_offsets_suggest_where_the_quote_is(mini_case, replace_once):
    # "denied that any inspector had arrived" is at 280:317 (the locate test finds "inspector" at 296)
    replace_once(mini_case, "signals.csv", "denied that any inspector had arrived,280,317,",
                 "denied that any inspector had arrived,,,")
    assert problems_of(mini_case) == [
        f"{mini_case}/signals.csv:5: quote_start, quote_end: empty; the quote is at 280:317, "
        "so quote_start is 280 and quote_end is 317"]


def test_one_empty_offset_is_named_alone(mini_case, replace_once):
    replace_once(mini_case, "outlets.csv", "The Daily Ledger,116,132", "The Daily Ledger,116,")
    assert problems_of(mini_case) == [
        f"{mini_case}/outlets.csv:3: quote_end: empty; the quote is at 116:132, so quote_start is 116 and quote_end is 132"]


def test_empty_offsets_of_a_quote_found_twice_list_both(mini_case, replace_once):
    # "inspector" occurs at 104 and 296 (see test_locate_every_occurrence_with_context)
    replace_once(mini_case, "signals.csv", ",denied that any inspector had arrived,280,317,", ",inspector,,,")
    assert problems_of(mini_case) == [
        f"{mini_case}/signals.csv:5: quote_start, quote_end: empty; the quote occurs 2 times, at 104:113, 296:305: "
        "take the occurrence that carries this row"]


def test_empty_offsets_of_a_quote_not_in_the_source(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",denied that any inspector had arrived,280,317,", ",denied it all,,,")
    assert problems_of(mini_case) == [
        f"{mini_case}/signals.csv:5: quote_start, quote_end: required value is empty "
        "(the quote is not in source.txt either; then python -m signalbrief locate)",
        f'{mini_case}/signals.csv:5: quote: quote "denied it all" is not in source.txt',
    ]


# --- New vocabulary ------------------------------------------------------------------------

def test_new_vocabulary_values_are_accepted(mini_case, replace_once):
    replace_once(mini_case, "actors.csv", "Ana Ruiz,person", "Ana Ruiz,monitoring_group")
    replace_once(mini_case, "actors.csv", "The harbour union,group,", "The harbour union,association,")
    replace_once(mini_case, "outlets.csv", "news_agency,B,", "own_announcement,B,")
    replace_once(mini_case, "events.csv", "2001-02-01,month,agreement", "2000-09-01,season,customs_filing")
    replace_once(mini_case, "events.csv", "2001-03-03,day,statement", "2001-03-03,day_no_year,delivery")
    replace_once(mini_case, "signals.csv", ",2001-02-01,month,daily_ledger,", ",2001-02-01,month_no_year,daily_ledger,")
    replace_once(mini_case, "signals.csv", ",2001-03-03,before,daily_ledger,reported_speech,",
                 ",2001-03-01,after,daily_ledger,reported_speech,")
    case = load_case(mini_case)
    assert case.actors.kind.astype("str").tolist() == ["government", "monitoring_group", "association"]
    assert case.outlets.kind.astype("str").tolist()[0] == "own_announcement"
    assert case.events.kind.astype("str").tolist() == ["customs_filing", "delivery"]
    assert case.events.event_date_precision.astype("str").tolist() == ["season", "day_no_year"]
    assert case.signals.signal_date_precision.astype("str").tolist() == ["day", "month_no_year", "before", "after"]


def test_event_status_is_optional_and_takes_its_enum(mini_case, replace_once):
    assert load_case(mini_case).events.status.isna().all()  # the mini case has no status column
    path = mini_case / "events.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows = [row[:4] + [status] + row[4:] for row, status in zip(rows, ["status", "claimed", "disputed"])]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    events = load_case(mini_case).events
    assert events.status.astype("str").tolist() == ["claimed", "disputed"]
    assert events.status.cat.categories.tolist() == ["asserted", "claimed", "disputed"]
    replace_once(mini_case, "events.csv", ",claimed,", ",alleged,")
    assert problems_of(mini_case) == [
        f"{mini_case}/events.csv:2: status: 'alleged' is not allowed (allowed: asserted, claimed, disputed)"]


def test_the_title_placeholder_of_older_init_case_is_refused_too(mini_case, replace_once):
    replace_once(mini_case, "datapackage.json", "A minister's promise to port inspectors (test fixture)",
                 "Title of the article (edit datapackage.json)")
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:4: title: init-case's placeholder is still here "
        "('Title of the article (edit datapackage.json)'); replace it as it says"]


def test_publication_metadata_that_is_not_an_object(mini_case):
    path = mini_case / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["signalbrief_case"] = "2001-03-04"
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    # line 1 "{", 2 profile, 3 name, 4 title, 5 signalbrief_case; the three required fields are then missing too
    assert problems_of(mini_case) == [
        f"{mini_case}/datapackage.json:5: signalbrief_case: must be an object with published_date, "
        "published_date_precision and published_date_rationale",
        f"{mini_case}/datapackage.json:5: signalbrief_case.published_date: the case needs the publication date "
        "(YYYY-MM-DD); the brief states it and every date is checked against it",
        f"{mini_case}/datapackage.json:5: signalbrief_case.published_date_precision: the case needs how exact "
        "published_date is (day, month, year, before, after, season, day_no_year, month_no_year)",
        f"{mini_case}/datapackage.json:5: signalbrief_case.published_date_rationale: the case needs how the "
        "publication date was worked out",
    ]
