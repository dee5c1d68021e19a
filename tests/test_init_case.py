"""`python -m signalbrief init-case`: a new case folder that validates before any row is coded."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_init_case_writes_the_article_empty_tables_and_a_package_that_validates(tmp_path):
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
    assert package["signalbrief_case"] == {"published_date": None, "source": "source.txt"}
    assert "data/README.md" in (case_dir / "README.md").read_text(encoding="utf-8")

    case = load_case(case_dir)
    assert case.n_rows() == 0
    assert case.source == ARTICLE.decode("utf-8")


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
