"""`python -m signalbrief init-case`: a new case folder whose tables are ready to code and whose
metadata fails validation, naming each placeholder, until the coder fills it in."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from signalbrief.errors import CaseError
from signalbrief.validate import load_case

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "signalbrief" / "schema" / "datapackage.json").read_text(encoding="utf-8"))
# Curly quotes, a CRLF line ending and no final newline: all must survive the copy.
ARTICLE = "The minister said \u201cno\u201d.\r\nThe union\u2019s reply came later.".encode("utf-8")


def run_init_case(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "signalbrief", "init-case", *map(str, args)],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )


# What a coder writes in place of init-case's placeholders.
FILLED = {"title": "The minister's answer (test)", "publication": "The Test Gazette, issue 1",
          "published_date": "2001-03-04", "published_date_precision": "day",
          "published_date_rationale": "The dateline gives the day."}
PLACEHOLDER_FIELDS = ["title", "signalbrief_case.publication", "signalbrief_case.published_date",
                      "signalbrief_case.published_date_precision", "signalbrief_case.published_date_rationale"]


def fill_in(case_dir: Path, **values: str) -> None:
    """Replace init-case's placeholders in datapackage.json, as a coder would."""
    path = case_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for key, value in values.items():
        (package if key == "title" else package["signalbrief_case"])[key] = value
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_init_case_writes_the_article_empty_tables_and_a_package_to_fill_in(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    case_dir = tmp_path / "cases" / "port-inspections"
    result = run_init_case(case_dir, "--source", article)
    assert result.returncode == 0, result.stderr

    assert (case_dir / "source.txt").read_bytes() == ARTICLE
    for resource in SCHEMA["resources"]:
        header = ",".join(field["name"] for field in resource["schema"]["fields"]) + "\n"
        assert (case_dir / resource["path"]).read_text(encoding="utf-8") == header
    package = json.loads((case_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "port-inspections"
    assert package["resources"] == SCHEMA["resources"]
    assert package["title"].startswith("FILL IN: one line that describes the case")
    assert list(package["signalbrief_case"]) == [
        "publication", "published_date", "published_date_precision", "published_date_rationale", "source"]
    assert package["signalbrief_case"]["source"] == "source.txt"
    assert all(value.startswith("FILL IN: ") for key, value in package["signalbrief_case"].items() if key != "source")
    # the precision's instruction lists the schema's precisions
    assert package["signalbrief_case"]["published_date_precision"] == (
        "FILL IN: how exact published_date is: day, month, year, before, after, season, day_no_year or month_no_year")
    readme = (case_dir / "README.md").read_text(encoding="utf-8")
    assert "data/README.md" in readme and "FILL IN:" in readme

    fill_in(case_dir, **FILLED)
    case = load_case(case_dir)
    assert case.n_rows() == 0
    assert case.source == ARTICLE.decode("utf-8")
    assert case.title == "The minister's answer (test)"
    assert case.published_date.isoformat() == "2001-03-04"


def test_fresh_case_fails_validation_naming_every_placeholder_and_its_line(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    case_dir = tmp_path / "case"
    assert run_init_case(case_dir, "--source", article).returncode == 0
    result = subprocess.run([sys.executable, "-m", "signalbrief", "validate", str(case_dir)],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    # datapackage.json: line 1 "{", 2 profile, 3 name, 4 title, 5 "signalbrief_case": {, 6-9 its four fields
    expected_lines = [4, 6, 7, 8, 9]
    assert len(lines) == len(PLACEHOLDER_FIELDS) + 1 and lines[-1] == "5 problems found"
    for line, (row, field) in zip(lines, zip(expected_lines, PLACEHOLDER_FIELDS)):
        assert line.startswith(f"{case_dir}/datapackage.json:{row}: {field}: init-case's placeholder is still here ('FILL IN: ")
        assert line.endswith("; replace it as it says")


@pytest.mark.parametrize("left", PLACEHOLDER_FIELDS)
def test_each_placeholder_left_in_is_refused_alone(tmp_path, left):
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    case_dir = tmp_path / "case"
    assert run_init_case(case_dir, "--source", article).returncode == 0
    fill_in(case_dir, **{key: value for key, value in FILLED.items() if not left.endswith(key)})
    with pytest.raises(CaseError) as caught:
        load_case(case_dir)
    [problem] = caught.value.problems
    assert (problem.column, problem.message.startswith("init-case's placeholder is still here")) == (left, True)


def test_publication_may_be_left_out_but_not_the_date_or_its_precision_or_rationale(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    case_dir = tmp_path / "case"
    assert run_init_case(case_dir, "--source", article).returncode == 0
    fill_in(case_dir, title=FILLED["title"])
    path = case_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["signalbrief_case"] = {"source": "source.txt"}
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(case_dir)
    # each missing field is named at the line of "signalbrief_case": 1 "{", 2 profile, 3 name, 4 title, 5
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (5, "signalbrief_case.published_date"), (5, "signalbrief_case.published_date_precision"),
        (5, "signalbrief_case.published_date_rationale")]
    assert caught.value.problems[0].message.startswith("the case needs the publication date (YYYY-MM-DD)")


def test_init_case_refuses_a_folder_that_has_files(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    case_dir = tmp_path / "case"
    case_dir.mkdir()
    (case_dir / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_init_case(case_dir, "--source", article)
    assert result.returncode == 2
    assert f"{case_dir}: already exists and is not an empty folder" in result.stderr
    assert [path.name for path in case_dir.iterdir()] == ["notes.txt"]


def test_init_case_refuses_an_article_that_is_not_utf8(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes("caf\u00e9".encode("latin-1"))
    case_dir = tmp_path / "case"
    result = run_init_case(case_dir, "--source", article)
    assert result.returncode == 2
    # "caf" is 3 bytes; the latin-1 e-acute at byte 3 is not UTF-8.
    assert f"{article}: is not UTF-8 (byte 3 cannot be decoded)" in result.stderr
    assert not case_dir.exists()


def test_init_case_help_gives_an_example():
    result = run_init_case("--help")
    assert result.returncode == 0
    assert "python -m signalbrief init-case data/my-case --source" in result.stdout


def test_a_new_case_filled_in_but_not_yet_coded_renders(tmp_path):
    # init-case, its placeholders filled, no row coded: it validates, and its brief must render (it failed
    # on the focus question of a case with no question) and say there is nothing to judge yet.
    case_dir = tmp_path / "new-case"
    (tmp_path / "article.txt").write_bytes(ARTICLE)
    assert run_init_case(case_dir, "--source", tmp_path / "article.txt").returncode == 0
    fill_in(case_dir, **FILLED)
    out = tmp_path / "report" / "brief.html"
    result = subprocess.run([sys.executable, "-m", "signalbrief", "render", "--case", str(case_dir), "--out", str(out),
                             "--debug-dir", str(tmp_path / "debug")],
                            capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "The case holds no signal yet, so there is nothing to judge." in page
    assert "The case poses no question yet, so there is none to follow." in page
