"""`python -m signalbrief validate|locate` in a subprocess: exit codes, messages, never a traceback."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broken_cases import BREAKS, break_case

from signalbrief.cli import main

MINI_CASE = Path(__file__).parent / "fixtures" / "mini-case"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "signalbrief", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_validate_valid_case():
    result = run("validate", MINI_CASE)
    # 2 outlets + 3 actors + 2 topics + 2 events + 4 signals + 2 links + 3 hypotheses + 9 ach = 27
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok: 27 rows in 8 tables\n", "")


@pytest.mark.parametrize("name", BREAKS)
def test_validate_broken_case_exits_2_naming_file_and_row(mini_case, name):
    where = break_case(mini_case, name)
    result = run("validate", mini_case)
    assert result.returncode == 2
    assert f"{mini_case}/{where}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_validate_latin1_file(mini_case, replace_once):
    replace_once(mini_case, "actors.csv", "Ana Ruiz,person", "Ana Ruíz,person", encoding="latin-1")
    result = run("validate", mini_case)
    assert result.returncode == 2
    assert result.stderr == (
        f"{mini_case}/actors.csv:3: not UTF-8: byte 0xed cannot be decoded (save the file as UTF-8)\n"
        "1 problem found\n")


def test_validate_prints_every_problem_and_a_count(mini_case, replace_once):
    replace_once(mini_case, "signals.csv", ",cooperation,2,commitment,", ",cooperation,3,commitment,")
    replace_once(mini_case, "outlets.csv", "news_agency,B,", "news_agency,G,")
    result = run("validate", mini_case)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{mini_case}/outlets.csv:2: reliability: 'G' is not allowed (allowed: A, B, C, D, E, F)",
        f"{mini_case}/signals.csv:2: stance: 3 is outside the allowed range -2 to 2",
        "2 problems found",
    ]


def test_validate_case_path_that_does_not_exist(tmp_path):
    result = run("validate", tmp_path / "nope")
    assert (result.returncode, result.stderr) == (2, f"{tmp_path}/nope: case folder does not exist\n1 problem found\n")


def test_locate_single_occurrence():
    # "The Daily Ledger" starts after the first sentence (114 characters) and ". " -> 116, 116 + 16 = 132
    result = run("locate", MINI_CASE, "The Daily Ledger")
    assert (result.returncode, result.stdout) == (0, "116 132\n")


def test_locate_counts_characters_not_bytes():
    # "promised " starts at 62, so the curly quote opens at 71; “full cooperation” is 1 + 16 + 1 = 18 characters
    result = run("locate", MINI_CASE, "“full cooperation”")
    assert (result.returncode, result.stdout) == (0, "71 89\n")


def test_locate_every_occurrence_with_context():
    result = run("locate", MINI_CASE, "inspector")
    # "inspectors" in the first sentence at 104 and "any inspector" in the last at 296
    assert result.returncode == 0
    first, second = result.stdout.splitlines()
    assert first.startswith("104 113  ") and "the port [inspector]s. The Daily" in first
    assert second.startswith("296 305  ") and "denied that any [inspector] had arrived." in second


def test_locate_absent_words_exit_2_with_hint():
    result = run("locate", MINI_CASE, '"full cooperation"')
    assert result.returncode == 2
    assert result.stderr == (
        f"""{MINI_CASE}/source.txt: '"full cooperation"' is not in source.txt; """
        """with other quotation marks it is at 71 89: '“full cooperation”'\n1 problem found\n""")


def test_locate_in_missing_folder(tmp_path):
    result = run("locate", tmp_path / "nope", "x")
    assert (result.returncode, result.stderr) == (2, f"{tmp_path}/nope: case folder does not exist\n1 problem found\n")


@pytest.mark.parametrize("command", ["validate", "locate"])
def test_every_subcommand_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "example:\n  python -m signalbrief " + command in result.stdout


def test_main_returns_exit_codes_in_process(capsys):
    assert main(["validate", str(MINI_CASE)]) == 0
    assert capsys.readouterr().out == "ok: 27 rows in 8 tables\n"
    assert main(["locate", str(MINI_CASE), "absent words"]) == 2
    assert "'absent words' is not in source.txt" in capsys.readouterr().err


TRICKY_CELLS = ['"', "1.0", "2000-02-30", "\x00", "é", "a,b\nc", "ministy", ""]


@settings(max_examples=5, deadline=None)
@given(file_name=st.sampled_from(["signals.csv", "ach.csv", "events.csv", "actors.csv"]),
       cell=st.sampled_from(TRICKY_CELLS), line=st.integers(0, 2))
def test_cli_never_prints_a_traceback(file_name, cell, line):
    """Every table in the sample has at least 3 lines, so `line` is always a line of the file."""
    with tempfile.TemporaryDirectory() as folder:
        case_dir = Path(shutil.copytree(MINI_CASE, Path(folder) / "case"))
        path = case_dir / file_name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line] = cell + lines[line]
        path.write_text("".join(lines), encoding="utf-8")
        result = run("validate", case_dir)
        assert result.returncode in (0, 2)
        assert "Traceback" not in result.stderr
