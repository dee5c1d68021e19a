"""Broken copies of the mini case, one per validation rule, shared by the validate and render tests."""
from __future__ import annotations

from pathlib import Path


def replace_once_in(case_dir: Path, file_name: str, old: str, new: str, encoding: str = "utf-8") -> None:
    """Replace text that must occur exactly once, so a test cannot silently break nothing."""
    path = case_dir / file_name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file_name}"
    path.write_bytes(text.replace(old, new).encode(encoding))


# (file, text to replace, replacement, the "file:row" the problem must name)
BREAKS = {
    "missing table file": ("links.csv", None, None, "links.csv: file is missing"),
    "empty file": ("topics.csv", None, "", "topics.csv: file is empty"),
    "required column missing": ("topics.csv", "topic_id,label,", "topic_id,", "topics.csv:1: label"),
    "unknown column": ("signals.csv", ",audience,", ",audiense,", "signals.csv:1: audiense: unknown column"),
    "wrong type": ("signals.csv", ",inspections_started,1,", ",inspections_started,1.0,", "signals.csv:4: stance"),
    "impossible date": ("events.csv", "2001-02-01,month", "2000-02-30,month", "events.csv:2: event_date"),
    "day-first date": ("events.csv", "2001-03-03,day", "14/03/2000,day", "events.csv:3: event_date"),
    "duplicated id": ("signals.csv", "inspections_under_way,ministry", "accord_signed,ministry",
                      "signals.csv:4: signal_id"),
    "foreign key near miss": ("signals.csv", ",ana_ruiz,cooperation,", ",ana_ruis,cooperation,",
                              "signals.csv:2: actor_id: 'ana_ruis' is not in actors.csv (did you mean 'ana_ruiz'?)"),
    "stance 3": ("signals.csv", ",cooperation,2,commitment,", ",cooperation,3,commitment,", "signals.csv:2: stance"),
    "bad enum": ("outlets.csv", "news_agency,B,", "news_agency,G,", "outlets.csv:2: reliability"),
    "quote not in source": ("signals.csv", ",inspections were under way,", ",inspections were underway,",
                            "signals.csv:4: quote"),
    "offsets not matching": ("outlets.csv", "The Daily Ledger,116,132", "The Daily Ledger,0,13",
                             "outlets.csv:3: quote_start"),
    "self link": ("links.csv", "union_denial,inspections_under_way,", "union_denial,union_denial,",
                  "links.csv:3: to_signal_id"),
    "unclosed quote character": ("topics.csv", "cooperation,Cooperation,", 'cooperation,"Cooperation,',
                                 "topics.csv:2:"),
    "missing ach pair": ("ach.csv", "delay,accord_signed,C,An accord comes before inspections.\n", "",
                         "ach.csv:5: hypothesis_id"),
    "not UTF-8": ("actors.csv", "Ana Ruiz,person", "Ana Ruíz,person", "actors.csv:3: not UTF-8"),
    # Dates against the publication (2001-03-04, day) and the citation (bellmark_news: 2001-03-03, day).
    "signal after publication": ("signals.csv", ",2001-03-03,before,daily_ledger,reported_speech,",
                                 ",2001-03-05,day,daily_ledger,reported_speech,",
                                 "signals.csv:5: signal_date: 2001-03-05 (day) is after the publication date"),
    "event after publication": ("events.csv", "2001-02-01,month,agreement", "2001-04-01,month,agreement",
                                "events.csv:2: event_date: 2001-04-01 (month) is after the publication date"),
    "citation after publication": ("outlets.csv", "B,2001-03-03,day,", "B,2001-03-05,day,",
                                   "outlets.csv:2: cited_date: 2001-03-05 (day) is after the publication date"),
    "signal after its citation": ("signals.csv", "2001-03-03,day,bellmark_news", "2001-03-04,day,bellmark_news",
                                  "signals.csv:2: signal_date: 2001-03-04 (day) is after 2001-03-03 (day), "
                                  "the date of its citation"),
    "event after its citation": ("events.csv", "2001-03-03,day,statement", "2001-03-04,day,statement",
                                 "events.csv:3: event_date: 2001-03-04 (day) is after 2001-03-03 (day), "
                                 "the date of its citation"),
    "publication date missing": ("datapackage.json", '    "published_date": "2001-03-04",\n', "",
                                 "datapackage.json:5: signalbrief_case.published_date: the case needs"),
    "publication date precision not allowed": ("datapackage.json", '"published_date_precision": "day"',
                                               '"published_date_precision": "dy"',
                                               "datapackage.json:7: signalbrief_case.published_date_precision"),
    "placeholder title": ("datapackage.json", "A minister's promise to port inspectors (test fixture)",
                          "FILL IN: one line that describes the case",
                          "datapackage.json:4: title: init-case's placeholder is still here"),
    "empty offsets": ("signals.csv", "denied that any inspector had arrived,280,317,",
                      "denied that any inspector had arrived,,,",
                      "signals.csv:5: quote_start, quote_end: empty; the quote is at 280:317"),
}
# Breaks whose replacement is written in another encoding than UTF-8.
ENCODINGS = {"not UTF-8": "latin-1"}


def break_case(case_dir: Path, name: str) -> str:
    """Apply the break `name` to a copy of the mini case; return the "file:row" its problem must name."""
    file_name, old, new, where = BREAKS[name]
    if old is not None:
        replace_once_in(case_dir, file_name, old, new, encoding=ENCODINGS.get(name, "utf-8"))
    elif new is None:
        (case_dir / file_name).unlink()
    else:
        (case_dir / file_name).write_text(new)
    return where
