"""Synthetic cases: valid under the validator, the sizes asked for, verbatim quotes,
the same bytes for the same seed, and the structure the analysis needs to show."""
from __future__ import annotations

import collections
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from signalbrief.cli import main
from signalbrief.errors import InputError
from signalbrief.synthesize import synthesize_case
from signalbrief.validate import load_case

CASE_FILES = sorted(["source.txt", "datapackage.json", "outlets.csv", "actors.csv", "topics.csv", "events.csv",
                     "signals.csv", "links.csv", "hypotheses.csv", "ach.csv"])
QUOTED_TABLES = ["outlets.csv", "actors.csv", "events.csv", "signals.csv"]


def read_rows(case_dir: Path, file_name: str) -> list[dict[str, str]]:
    """A CSV table as plain dictionaries of strings, independent of the package's loader."""
    with open(case_dir / file_name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def small_case(tmp_path_factory) -> Path:
    """200 signals, 12 actors, 5 topics, default 3 hypotheses."""
    return synthesize_case(tmp_path_factory.mktemp("synth") / "case", 200, 12, 5, seed=7)


def test_small_case_passes_the_validator_with_the_sizes_asked(small_case):
    case = load_case(small_case)
    assert len(case.signals) == 200
    assert len(case.actors) == 12
    assert len(case.topics) == 5
    assert len(case.hypotheses) == 3
    # 200 signals / 5 = 40 rated signals (under the cap of 200), each against 3 hypotheses: 120 rows.
    assert len(case.ach) == 120
    # About one event per ten signals: 200 / 10 = 20.
    assert len(case.events) == 20


def test_every_quote_is_the_source_text_between_its_offsets(small_case):
    source = (small_case / "source.txt").read_text(encoding="utf-8")
    checked = 0
    for file_name in QUOTED_TABLES:
        for row in read_rows(small_case, file_name):
            start, end = int(row["quote_start"]), int(row["quote_end"])
            assert source[start:end] == row["quote"], f"{file_name}: {row['quote']!r}"
            checked += 1
    # 6 outlets + 12 actors + 20 events + 200 signals = 238 quotes.
    assert checked == 238


def test_source_reads_like_typeset_news(small_case):
    source = (small_case / "source.txt").read_text(encoding="utf-8")
    for mark in ["’", "“", "”", "–"]:
        assert mark in source, f"{mark!r} never appears"
    assert "\n\n" in source, "the text has no paragraphs"


def test_every_signal_sentence_is_unique(small_case):
    quotes = collections.Counter(row["quote"] for row in read_rows(small_case, "signals.csv"))
    assert quotes.most_common(1)[0][1] == 1


def test_links_have_no_self_links_and_no_duplicates(small_case):
    links = read_rows(small_case, "links.csv")
    keys = [(row["from_signal_id"], row["to_signal_id"], row["relation"]) for row in links]
    assert all(from_id != to_id for from_id, to_id, _ in keys)
    assert len(set(keys)) == len(keys)
    # About 200 / 5 = 40 links, fewer only where a duplicate was dropped.
    assert 30 <= len(links) <= 40


def test_deeds_are_costlier_and_only_governments_or_legislatures_pass_laws(small_case):
    kind_of_actor = {row["actor_id"]: row["kind"] for row in read_rows(small_case, "actors.csv")}
    signals = read_rows(small_case, "signals.csv")
    for row in signals:
        if row["kind"] == "law":
            assert kind_of_actor[row["actor_id"]] in {"government", "legislature"}
        if row["kind"] in {"action", "law"}:
            assert row["cost"] != "cheap_talk"
            assert row["reporting"] in {"paraphrase", "article_inference"}
    words = [row for row in signals if row["kind"] not in {"action", "law"}]
    assert len(words) > len(signals) / 2


def test_dates_lie_in_one_year_and_respect_their_precision(small_case):
    rows = ([(row["event_date"], row["event_date_precision"]) for row in read_rows(small_case, "events.csv")]
            + [(row["signal_date"], row["signal_date_precision"]) for row in read_rows(small_case, "signals.csv")])
    for date, precision in rows:
        assert "2021-01-01" <= date <= "2021-12-31"
        if precision == "month":
            assert date.endswith("-01")
        if precision == "year":
            assert date == "2021-01-01"
    signal_dates = [row["signal_date"] for row in read_rows(small_case, "signals.csv")]
    assert signal_dates == sorted(signal_dates), "signals are not in date order"


def test_stances_differ_by_actor_so_camps_can_show(small_case):
    # On the most discussed topic, actors with at least 5 signals on it must fall into two
    # camps: one mean at or below -0.5, another at or above +0.5. With no leanings every
    # mean would be noise around 0 (stance noise sd 0.7, so sd of a mean of 5 is about 0.3).
    signals = read_rows(small_case, "signals.csv")
    busiest_topic = collections.Counter(row["topic_id"] for row in signals).most_common(1)[0][0]
    stances = collections.defaultdict(list)
    for row in signals:
        if row["topic_id"] == busiest_topic:
            stances[row["actor_id"]].append(int(row["stance"]))
    means = [sum(values) / len(values) for values in stances.values() if len(values) >= 5]
    assert len(means) >= 2
    assert min(means) <= -0.5
    assert max(means) >= 0.5


def test_about_a_fifth_of_actors_belong_to_a_government(tmp_path):
    case_dir = synthesize_case(tmp_path / "case", 1000, 200, 10, seed=3)
    actors = read_rows(case_dir, "actors.csv")
    kind_of_actor = {row["actor_id"]: row["kind"] for row in actors}
    parents = [row["parent_actor_id"] for row in actors if row["parent_actor_id"]]
    assert all(kind_of_actor[parent] == "government" for parent in parents)
    assert 0.1 <= len(parents) / len(actors) <= 0.3


def test_same_seed_gives_the_same_bytes_even_in_another_process(tmp_path):
    first = synthesize_case(tmp_path / "first", 300, 15, 6, seed=11)
    script = "import sys; from signalbrief.synthesize import synthesize_case; synthesize_case(sys.argv[1], 300, 15, 6, seed=11)"
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "second")], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    second = tmp_path / "second"
    assert sorted(path.name for path in first.iterdir()) == CASE_FILES
    assert sorted(path.name for path in second.iterdir()) == CASE_FILES
    for name in CASE_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs"


def test_different_seeds_give_different_cases(tmp_path):
    first = synthesize_case(tmp_path / "first", 300, 15, 6, seed=1)
    second = synthesize_case(tmp_path / "second", 300, 15, 6, seed=2)
    assert (first / "source.txt").read_bytes() != (second / "source.txt").read_bytes()
    assert (first / "signals.csv").read_bytes() != (second / "signals.csv").read_bytes()


def test_impossible_sizes_are_refused_with_the_option_named(tmp_path):
    with pytest.raises(InputError) as error:
        synthesize_case(tmp_path / "case", 0, 1, 5)
    message = str(error.value)
    assert "--signals: must be a whole number of at least 1, got 0" in message
    assert "--actors: must be a whole number of at least 2, got 1" in message
    assert not (tmp_path / "case").exists()


def test_a_folder_that_holds_files_is_never_overwritten(tmp_path):
    (tmp_path / "source.txt").write_text("an analyst's article", encoding="utf-8")
    with pytest.raises(InputError, match="already exists and is not an empty folder"):
        synthesize_case(tmp_path, 10, 3, 2)
    assert (tmp_path / "source.txt").read_text(encoding="utf-8") == "an analyst's article"


def test_the_smallest_case_is_still_valid(tmp_path):
    case = load_case(synthesize_case(tmp_path / "case", 1, 2, 1, n_hypotheses=1))
    assert (len(case.signals), len(case.actors), len(case.topics)) == (1, 2, 1)
    # One signal: no other signal to link to; one rated signal (max(1, 1 / 5)) x 1 hypothesis.
    assert len(case.links) == 0
    assert len(case.ach) == 1


def test_command_line_writes_a_case_and_reports_bad_sizes_without_a_traceback(tmp_path, capsys):
    arguments = ["synthesize", "--signals", "40", "--actors", "6", "--topics", "3", "--seed", "5"]
    assert main(arguments + [str(tmp_path / "case")]) == 0
    assert "wrote 40 signals, 6 actors, 3 topics (seed 5)" in capsys.readouterr().out
    assert len(read_rows(tmp_path / "case", "signals.csv")) == 40

    assert main(["synthesize", "--signals", "40", "--actors", "1", "--topics", "3", str(tmp_path / "other")]) == 2
    assert "--actors: must be a whole number of at least 2, got 1" in capsys.readouterr().err
