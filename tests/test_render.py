"""The render pipeline: offline, deterministic HTML, the same pages papermill and nbconvert make;
failures leave the previous report as it was.

Renders run the real command line in a subprocess on the mini case (tests/fixtures/mini-case),
shared across tests through session fixtures to keep the suite fast.
"""
from __future__ import annotations

import csv
import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import papermill
import pytest
from broken_cases import BREAKS, break_case

from signalbrief import export, vega_offline
from signalbrief.vegalite import MIMETYPE, VegaLiteChart

REPO = Path(__file__).resolve().parents[1]
MINI_CASE = REPO / "tests" / "fixtures" / "mini-case"
NOTEBOOKS = REPO / "notebooks"
MINI_ACTORS = ["ministry", "ana_ruiz", "harbour_union"]
HOSTILE = (
    "</script><script>alert(1)</script> \"><img src=x onerror=alert(1)> {{ }} $x$ "
    "\u200fمرحبا\u200f \U0001F6A2"
)


def run_render(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `python -m signalbrief render ARGS` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "signalbrief", "render", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, cwd=REPO,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too), by relative path, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def render_mini(out_dir: Path, *extra: str | Path, case: Path = MINI_CASE) -> subprocess.CompletedProcess:
    result = run_render("--case", case, "--out", out_dir / "brief.html", "--debug-dir", out_dir.parent / "debug", *extra)
    assert result.returncode == 0, result.stderr
    return result


def write_hostile_case(folder: Path) -> Path:
    """A copy of the mini case whose source ends with hostile text, quoted and summarised by a signal."""
    shutil.copytree(MINI_CASE, folder)
    source = (folder / "source.txt").read_text(encoding="utf-8")
    sentence_start = " The union added: "
    (folder / "source.txt").write_text(source + sentence_start + HOSTILE, encoding="utf-8", newline="")
    # The quote begins after the original text and the lead-in sentence.
    start = len(source) + len(sentence_start)
    with open(folder / "signals.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["signal_id"] for row in rows].count("union_denial") == 1
    for row in rows:
        if row["signal_id"] == "union_denial":
            row.update(quote=HOSTILE, quote_start=str(start), quote_end=str(start + len(HOSTILE)), summary=HOSTILE)
    with open(folder / "signals.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="session")
def mini_report(tmp_path_factory) -> Path:
    """The mini case rendered once; tests must not modify it."""
    out_dir = tmp_path_factory.mktemp("mini") / "report"
    result = render_mini(out_dir)
    assert result.stdout.strip() == str(out_dir / "brief.html")
    return out_dir


@pytest.fixture
def previous_report(mini_report, tmp_path) -> Path:
    """A copy of a rendered report for a failing render to try to overwrite."""
    return Path(shutil.copytree(mini_report, tmp_path / "report"))


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    out_dir = root / "report"
    render_mini(out_dir, case=write_hostile_case(root / "hostile-case"))
    return out_dir


class ResourceLinks(html.parser.HTMLParser):
    """Collects src and href of script, link and img elements, and counts elements by tag."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag in {"script", "link", "img"}:
            self.urls += [value for name, value in attrs if name in {"src", "href"} and value is not None]


def parse_page(path: Path) -> ResourceLinks:
    parser = ResourceLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_render_writes_brief_and_one_dossier_per_actor_linked_from_the_brief(mini_report):
    shared = [export.STYLESHEET_FILE, export.VEGA_BUNDLE_FILE]
    assert sorted(p.name for p in (mini_report / "actors").iterdir()) == sorted([f"{a}.html" for a in MINI_ACTORS] + shared)
    brief = (mini_report / "brief.html").read_text(encoding="utf-8")
    for actor_id in MINI_ACTORS:
        assert f'href="actors/{actor_id}.html"' in brief
    dossier = (mini_report / "actors" / "ana_ruiz.html").read_text(encoding="utf-8")
    assert 'href="../brief.html"' in dossier
    assert "Minister" in dossier
    assert not any(p.name.startswith(".staging") for p in mini_report.iterdir())


def test_pages_are_offline_the_brief_alone_and_the_dossiers_with_one_shared_bundle(mini_report):
    brief = mini_report / "brief.html"
    dossiers = sorted((mini_report / "actors").glob("*.html"))
    for page in [brief, *dossiers]:
        text = page.read_text(encoding="utf-8")
        parsed = parse_page(page)
        assert not [url for url in parsed.urls if url.startswith(("http:", "https:", "//", "/"))], page
        assert parsed.tags.get("img", 0) == 0
        assert "mathjax" not in text.lower() and "require.js" not in text and "requirejs" not in text
        assert "signalbrief-chart-spec" in text
    # The brief opens alone: the bundle's last statement defines the global vegaEmbed, once; no file loaded.
    text = brief.read_text(encoding="utf-8")
    assert text.count("window.vegaEmbed=") == 1 and parse_page(brief).urls == []
    # Each dossier loads the one bundle and stylesheet beside it, and inlines neither.
    bundle = (mini_report / "actors" / export.VEGA_BUNDLE_FILE).read_text(encoding="utf-8")
    assert bundle.count("window.vegaEmbed=") == 1 and bundle in text
    for page in dossiers:
        assert parse_page(page).urls == [export.STYLESHEET_FILE, export.VEGA_BUNDLE_FILE], page
        assert "window.vegaEmbed=" not in page.read_text(encoding="utf-8")
    assert (mini_report / "actors" / export.STYLESHEET_FILE).stat().st_size > 100_000


def test_code_and_prompts_are_hidden(mini_report):
    brief = (mini_report / "brief.html").read_text(encoding="utf-8")
    assert "settings.analyse()" not in brief and "BriefParameters(" not in brief
    assert 'class="jp-InputPrompt' not in brief and 'class="jp-OutputPrompt' not in brief
    assert not re.search(r"(In|Out)(&nbsp;)?\[\d+\]", brief)


def test_same_inputs_give_byte_identical_reports_and_stale_dossiers_go(mini_report, tmp_path):
    out_dir = tmp_path / "report"
    (out_dir / "actors").mkdir(parents=True)
    (out_dir / "actors" / "actor_no_longer_in_case.html").write_text("stale", encoding="utf-8")
    (out_dir / "brief.html").write_text("old brief", encoding="utf-8")
    render_mini(out_dir)
    assert snapshot(out_dir) == snapshot(mini_report)


@pytest.mark.parametrize("name, value, message", [
    ("colour_scheme", "dark", "-p colour_scheme: no such parameter (the notebook takes: focus_topic, n_samples,"),
    ("seed", "seven", "parameter seed: 'seven' is not a whole number"),
    ("weight_cost", "-1", "parameter weight_cost: -1.0 is not a weight (expected a number >= 0)"),
    ("n_samples", "0", "parameter n_samples: 0 is not between 1 and 100,000"),
    ("focus_topic", "t9", "parameter focus_topic: 't9' is not in the topic_id column of topics.csv (known: cooperation, inspections_started)"),
])
def test_bad_parameter_exits_2_naming_it_and_keeps_the_report(previous_report, name, value, message):
    before = snapshot(previous_report)
    result = run_render("--case", MINI_CASE, "--out", previous_report / "brief.html", "-p", name, value)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 2, result.stderr
    assert snapshot(previous_report) == before


def test_an_output_path_that_cannot_be_written_exits_2_in_one_line(tmp_path):
    result = run_render("--case", MINI_CASE, "--out", "/proc/signalbrief-test/brief.html")
    assert result.returncode == 2
    assert result.stderr.startswith("--out: cannot write /proc/signalbrief-test/brief.html (")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 2, result.stderr


def test_parameter_set_by_render_and_bad_as_of_are_refused(previous_report):
    before = snapshot(previous_report)
    result = run_render("--case", MINI_CASE, "--out", previous_report / "brief.html", "-p", "case_dir", "x",
                        "--as-of", "2001-02-30")
    assert result.returncode == 2
    assert "-p case_dir: is set by render; use --case" in result.stderr
    assert snapshot(previous_report) == before
    result = run_render("--case", MINI_CASE, "--out", previous_report / "brief.html", "--as-of", "2001-02-30")
    assert result.returncode == 2
    assert "parameter as_of: '2001-02-30' is not a date (expected YYYY-MM-DD)" in result.stderr
    assert snapshot(previous_report) == before


def test_a_notebook_that_is_not_json_exits_2_naming_it_and_keeps_the_report(previous_report, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", notebooks)
    (notebooks / "brief.ipynb").write_text("{ not json", encoding="utf-8")
    before = snapshot(previous_report)
    result = run_render("--case", MINI_CASE, "--out", previous_report / "brief.html", "--notebooks", notebooks)
    assert result.returncode == 2
    assert f"{notebooks / 'brief.ipynb'}: is not a notebook (" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(previous_report) == before


@pytest.mark.parametrize("name", BREAKS)
def test_broken_case_exits_2_naming_file_and_row_and_keeps_the_report(previous_report, mini_case, name):
    where = break_case(mini_case, name)
    before = snapshot(previous_report)
    result = run_render("--case", mini_case, "--out", previous_report / "brief.html")
    assert result.returncode == 2
    assert f"{mini_case}/{where}" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(previous_report) == before


def test_case_path_that_does_not_exist_exits_2_and_keeps_the_report(previous_report, tmp_path):
    before = snapshot(previous_report)
    result = run_render("--case", tmp_path / "nope", "--out", previous_report / "brief.html")
    assert (result.returncode, result.stderr) == (2, f"parameter case_dir: no case folder at {tmp_path}/nope\n1 problem found\n")
    assert snapshot(previous_report) == before


def copy_notebooks_with(folder: Path, notebook: str, source: str) -> Path:
    """A copy of notebooks/ where `notebook` gets an extra last code cell."""
    shutil.copytree(NOTEBOOKS, folder)
    node = nbformat.read(folder / notebook, as_version=4)
    cell = nbformat.v4.new_code_cell(source)
    cell.id = "added-by-test"
    node.cells.append(cell)
    nbformat.write(node, folder / notebook)
    return folder


def test_failing_notebook_exits_1_with_cell_and_error_and_keeps_the_report(previous_report, tmp_path):
    notebooks = copy_notebooks_with(tmp_path / "notebooks", "actor.ipynb", 'raise RuntimeError("boom from a test")')
    debug_dir = tmp_path / "debug"
    before = snapshot(previous_report)
    result = run_render("--case", MINI_CASE, "--out", previous_report / "brief.html",
                        "--notebooks", notebooks, "--debug-dir", debug_dir)
    assert result.returncode == 1
    assert 'raise RuntimeError("boom from a test")' in result.stderr
    assert "RuntimeError: boom from a test" in result.stderr
    # The first dossier (actors.csv order) is the one that fails.
    debug_notebook = debug_dir / "actor-ministry.ipynb"
    assert f"the partly executed notebook is in {debug_notebook}" in result.stderr
    executed = nbformat.read(debug_notebook, as_version=4)
    assert executed.cells[-1].outputs[0]["ename"] == "RuntimeError"
    assert snapshot(previous_report) == before


def test_progress_without_a_terminal_names_each_page_once_with_a_count(tmp_path):
    # The mini case has 3 actors: what will be rendered first, then the brief and 3 dossiers, shared by
    # two kernels that start together, each as it is done (in any order).
    result = render_mini(tmp_path / "report")
    lines = result.stderr.splitlines()
    assert lines[:2] == ["rendering brief from brief.ipynb", "rendering 3 dossiers from actor.ipynb"]
    done = lines[2:]
    assert sum(line.startswith("  brief done in ") for line in done) == 1, lines
    counts = [re.fullmatch(r"  dossier (\w+) done in [0-9.]+s \((\d)/3\)", line) for line in done
              if not line.startswith("  brief done in ")]
    assert all(counts) and len(counts) == 3, lines
    assert [match.group(2) for match in counts] == ["1", "2", "3"]
    assert sorted(match.group(1) for match in counts) == ["ana_ruiz", "harbour_union", "ministry"]


def test_each_notebook_starts_from_a_clean_namespace(tmp_path):
    # The brief leaves a variable behind; every dossier, run after it in the same kernels, must not see it.
    notebooks = copy_notebooks_with(tmp_path / "notebooks", "brief.ipynb", "left_by_the_brief = 1")
    node = nbformat.read(notebooks / "actor.ipynb", as_version=4)
    check = nbformat.v4.new_code_cell('assert "left_by_the_brief" not in globals(), "namespace not reset"')
    check.id = "checked-by-test"
    node.cells.append(check)
    nbformat.write(node, notebooks / "actor.ipynb")
    result = run_render("--case", MINI_CASE, "--out", tmp_path / "report" / "brief.html", "--notebooks", notebooks,
                        "--debug-dir", tmp_path / "debug")
    assert result.returncode == 0, result.stderr


# Ctrl-C in a terminal interrupts the whole process group (the render, its export process and
# anything else in the group); `kill -INT` interrupts the render process alone.
@pytest.mark.parametrize("whole_group", [False, True], ids=["render process", "process group"])
def test_ctrl_c_keeps_the_report_and_removes_the_staging_folder(previous_report, tmp_path, whole_group):
    notebooks = copy_notebooks_with(tmp_path / "notebooks", "actor.ipynb", "import time\ntime.sleep(120)")
    before = snapshot(previous_report)
    process = subprocess.Popen(
        [sys.executable, "-m", "signalbrief", "render", "--case", str(MINI_CASE),
         "--out", str(previous_report / "brief.html"), "--notebooks", str(notebooks), "--debug-dir", str(tmp_path / "debug")],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=whole_group,
    )
    staged_brief = previous_report / f".staging-{process.pid}" / "new" / "brief.html"
    deadline = time.monotonic() + 120
    while not staged_brief.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the brief was never staged"
        time.sleep(0.1)
    if whole_group:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted: the previous report is unchanged" in stderr
    assert "Traceback" not in stderr, stderr
    assert snapshot(previous_report) == before


def test_hostile_text_is_escaped_in_the_page(hostile_report):
    for page in [hostile_report / "brief.html", hostile_report / "actors" / "harbour_union.html"]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text
        assert "<img src=x onerror=alert(1)>" not in text
        assert parse_page(page).tags.get("img", 0) == 0
    dossier = (hostile_report / "actors" / "harbour_union.html").read_text(encoding="utf-8")
    # In the table, pandas escapes the quote as HTML text.
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in dossier
    assert "\U0001F6A2" in dossier and "{{ }} $x$" in dossier


def test_chart_json_cannot_close_its_script_element():
    # Any text in a chart's data stays inside its <script type="application/json">.
    hostile = {"q": "</script><!--&'", "mark": "point"}
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data={MIMETYPE: hostile, "text/plain": "<chart>"})])])
    page, _ = export.build_exporter().from_notebook_node(notebook)
    spec = re.findall(r'<script[^>]*class="signalbrief-chart-spec"[^>]*>(.*?)</script>', page, re.S)
    assert len(spec) == 1 and json.loads(spec[0]) == hostile
    assert "</script><!--" not in page.split("signalbrief-chart-spec", 1)[1].split("</script>", 1)[0]


def test_a_chart_is_one_vega_lite_output_whatever_the_environment(monkeypatch):
    spec = {"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    expected = {"application/vnd.vegalite.v5+json": spec, "text/plain": "<chart: >"}
    assert VegaLiteChart(spec)._repr_mimebundle_() == expected
    monkeypatch.setenv("SIGNALBRIEF_OFFLINE_CHARTS", "1")
    assert VegaLiteChart(spec)._repr_mimebundle_() == expected


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(notebook):
    node = nbformat.read(notebook, as_version=4)
    for cell in node.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


def test_no_dossiers_renders_the_brief_alone_without_dossier_links(mini_report, tmp_path):
    out_dir = Path(shutil.copytree(mini_report, tmp_path / "report"))
    dossiers_before = snapshot(out_dir / "actors")
    (out_dir / "brief.html").write_text("old brief", encoding="utf-8")
    render_mini(out_dir, "--no-dossiers")
    brief = (out_dir / "brief.html").read_text(encoding="utf-8")
    assert "signalbrief-chart-spec" in brief and 'href="actors/' not in brief
    assert snapshot(out_dir / "actors") == dossiers_before
    assert sorted(path.name for path in out_dir.iterdir()) == ["actors", "brief.html"]


REAL_CASE = REPO / "data" / "russia-iran-2000"
AS_OF = "2000-03-13"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_as_of_leaves_out_everything_dated_later_and_changes_the_judgments(tmp_path):
    """Render the real case as known on AS_OF and in full; compare with the CSVs read here."""
    for name, extra in (("as-of", ["--as-of", AS_OF]), ("full", [])):
        result = run_render("--case", REAL_CASE, "--out", tmp_path / name / "brief.html", "--no-dossiers", *extra)
        assert result.returncode == 0, result.stderr
    page = html.unescape((tmp_path / "as-of" / "brief.html").read_text(encoding="utf-8"))
    full = html.unescape((tmp_path / "full" / "brief.html").read_text(encoding="utf-8"))
    signals = read_rows(REAL_CASE / "signals.csv")
    events = read_rows(REAL_CASE / "events.csv")
    outlets = read_rows(REAL_CASE / "outlets.csv")
    # Known on AS_OF: dated by then, and not only cited by a source dated later.
    cited_later = {row["outlet_id"] for row in outlets if row["cited_date"] > AS_OF}
    later = [row["summary"] for row in signals if row["signal_date"] > AS_OF or row["outlet_id"] in cited_later]
    later += [row["summary"] for row in events if row["event_date"] > AS_OF or row["outlet_id"] in cited_later]
    earlier = [row["summary"] for row in signals if row["signal_date"] <= AS_OF and row["outlet_id"] not in cited_later]
    assert later and earlier and cited_later
    # Outlet names appear in chart data ("outlet_name") and table cells.
    shown = [row["name"] for row in outlets
             if f'"outlet_name":"{row["name"]}"' in page or f"<td>{row['name']}</td>" in page]
    assert shown and [name for name in shown if name in {row["name"] for row in outlets if row["outlet_id"] in cited_later}] == []
    # Chart data and tables carry summaries as text: none dated later may appear, every earlier one does.
    assert [summary for summary in later if summary in page] == []
    assert [summary for summary in later if summary in full] != []
    assert all(summary in page for summary in earlier if summary in full)
    # No ISO date after AS_OF in the 2000 data either (the Vega bundle's own dates are from other years).
    assert sorted({date for date in re.findall(r"2000-\d\d-\d\d", page) if date > AS_OF}) == []
    judgments = re.compile(r"<h2[^>]*>1\. Bottom line up front.*?<h2", re.S)
    assert judgments.search(page).group(0) != judgments.search(full).group(0)


def test_committed_report_equals_a_fresh_render(tmp_path):
    """report/ must be what `make brief` writes today: re-render after changing data, notebooks or code."""
    result = run_render("--out", tmp_path / "report" / "brief.html")
    assert result.returncode == 0, result.stderr
    committed = {path: data for path, data in snapshot(REPO / "report").items() if not path.startswith("screenshots/")}
    fresh = snapshot(tmp_path / "report")
    assert sorted(fresh) == sorted(committed)
    assert [path for path in fresh if fresh[path] != committed[path]] == []


def test_papermill_then_nbconvert_from_the_repository_root_gives_the_brief_render_gives(tmp_path):
    """The documented command-line path, defaults only, run from the repository root."""
    executed = tmp_path / "OUT.ipynb"
    bin_dir = Path(sys.executable).parent
    result = subprocess.run([str(bin_dir / "papermill"), "notebooks/brief.ipynb", str(executed)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    result = subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--template", "signalbrief",
                             str(executed)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    # The committed brief is what render makes today (test_committed_report_equals_a_fresh_render).
    assert (tmp_path / "OUT.html").read_bytes() == (REPO / "report" / "brief.html").read_bytes()


def test_where_the_dossiers_are_is_set_by_render_only():
    result = run_render("--out", "/tmp/unused/brief.html", "--no-dossiers", "-p", "dossier_folder", "x")
    assert result.returncode == 2 and "-p dossier_folder: is set by render; use --out or --no-dossiers" in result.stderr


def test_a_chart_in_plain_text_is_its_title_not_its_data():
    # IPython keeps a text/plain form beside the HTML of every output; the chart's must not repeat its data.
    chart = VegaLiteChart({"title": {"text": ["Who leans which way", "by question"]},
                           "datasets": {"rows": [{"x": number} for number in range(1000)]}, "mark": "point"})
    assert repr(chart) == "<chart: Who leans which way by question>"
    assert repr(VegaLiteChart({"title": "One line", "mark": "point"})) == "<chart: One line>"


def test_a_chart_spec_is_printed_compact_and_script_safe():
    # Typed by hand: no spaces, keys sorted, UTF-8 kept, the four characters escaped.
    assert export.spec_for_script({"mark": "bar", "a": ["é </b> & 'x'"]}) == (
        '{"a":["é \\u003c/b\\u003e \\u0026 \\u0027x\\u0027"],"mark":"bar"}')


def test_weights_that_leave_signals_unscored_render_every_page_without_nan(tmp_path):
    # All the weight on cost: the mini case's statements, claims and denials cannot carry a cost, so no
    # weighted component carries information on them and they have no credibility.
    out_dir = tmp_path / "report"
    weights = {"weight_source": "0", "weight_corroboration": "0", "weight_cost": "1", "weight_consistency": "0",
               "weight_specificity": "0"}
    render_mini(out_dir, *[part for name, value in weights.items() for part in ("-p", name, value)])
    pages = [out_dir / "brief.html", *sorted((out_dir / "actors").glob("*.html"))]
    assert len(pages) > 1
    for page in pages:
        text = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"\bnan\b", text, flags=re.I), page.name
