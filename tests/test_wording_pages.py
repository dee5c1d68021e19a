"""Every page reads as an analyst writes: rendered pages of the real case, a tiny case with awkward
names, the real case before anything was known and early in its story, and a 1,000-signal synthetic
case are scanned, text and chart titles, for machine wording ("1 signal(s)", "0 developments",
"from January 2011 to January 2011", "government (Valdoria)'s", a quote that loses its closing mark).

Each case is rendered once per module (the renders are the slow part); the scan itself is plain
regular expressions over the visible text, typed here by hand.
"""
from __future__ import annotations

import csv
import html
import html.parser
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_render import MINI_CASE, REPO, render_mini, run_render

REAL_CASE = REPO / "data" / "russia-iran-2000"
# Block elements: each is scanned on its own, so a table cell or list item is one piece of text.
BLOCK_TAGS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "caption", "title",
              "div", "tr", "ul", "ol", "table", "section", "br", "figcaption", "dt", "dd", "summary"}
HIDDEN_TAGS = {"script", "style", "template"}
CHART_SPEC_CLASS = "signalbrief-chart-spec"
# Short words that end in -s but are not plurals ("rank 1 is", "1 has").
NOT_PLURALS = {"is", "was", "has", "its", "this", "thus", "as", "us", "plus", "less", "across", "yes", "versus"}

# Each pattern with what it catches; the text scanned is one block (a paragraph, a cell, a chart title).
BAD_PATTERNS = {
    "a plural written '(s)'": re.compile(r"\w\(s\)|\(es\)"),
    "one of something in the plural": re.compile(r"(?<![\d.,\u2212+\-–])\b1 ([a-z]+s)\b"),
    # "0 neutral" on the stance scale and "below 0 the leader changes" are values, not counts.
    "a zero count in figures (say 'no' or 'none')":
        re.compile(r"(?<![\d.,\u2212+\-–:])\b0 (?!to\b|neutral\b|the\b)([a-z]+)\b"),
    "one of many with a plural verb": re.compile(
        r"\b(?:one|1) of (?:the |its |their )?(?:\d+|two|three|four|five|six|seven|eight|nine) [a-z ]+? "
        r"(?:are|count|change|stand|contradict|lean|send|average)\b"),
    "a range whose two ends are the same": re.compile(r"\bfrom ((?:\S+ ){0,3}\S+) to \1(?![\w])"),
    "a possessive after a parenthesis": re.compile(r"\)['’]s?\b"),
    "'an unknown date'": re.compile(r"\ban unknown date\b"),
    "a count of one written as a bare figure in a parenthesis": re.compile(r"\bover 1\)"),
    "a generic name capitalised mid-sentence": re.compile(r"[a-z,;] (?:Unnamed|Unidentified|Anonymous)\b"),
    "an article capitalised mid-sentence": re.compile(
        r"\b(?:and|of|with|by|from|against|for|but|that|than) (?:(?:A|An) [A-Za-z]|The [a-z])"),
    "a doubled word": re.compile(r"\b([A-Za-z]+) \1\b", re.IGNORECASE),
    "a doubled space (chart titles keep their spaces)": re.compile(r"\S  +\S"),
}


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees, block by block, and the Vega-Lite specs of the page's charts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.hidden_depth = 0
        self.in_chart_spec = False
        self.specs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
            self.in_chart_spec = CHART_SPEC_CLASS in (dict(attrs).get("class") or "")
            if self.in_chart_spec:
                self.specs.append("")
        if tag in BLOCK_TAGS:
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden_depth -= 1
            self.in_chart_spec = False
        if tag in BLOCK_TAGS:
            self.blocks.append("")

    def handle_data(self, data):
        if self.in_chart_spec:
            self.specs[-1] += data
        elif not self.hidden_depth:
            self.blocks[-1] += data


def chart_titles(spec: object) -> list[str]:
    """Every title, subtitle, axis and legend title in a Vega-Lite spec, each line as it is drawn."""
    found: list[str] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "text", "subtitle") and isinstance(value, str):
                found.append(value)
            elif key in ("title", "text", "subtitle") and isinstance(value, list) and all(isinstance(v, str) for v in value):
                found.append(" ".join(value))
            elif key not in ("datasets", "data"):
                found += chart_titles(value)
    elif isinstance(spec, list):
        for item in spec:
            found += chart_titles(item)
    return found


def page_texts(page: Path) -> list[str]:
    """The visible text blocks of a page and its chart titles, whitespace collapsed as a browser shows it."""
    parser = VisibleText()
    parser.feed(page.read_text(encoding="utf-8"))
    texts = [" ".join(block.split()) for block in parser.blocks]
    titles = [title for spec in parser.specs for title in chart_titles(json.loads(spec))]
    assert parser.specs == [] or titles, f"{page.name}: charts without any title"
    return [text for text in texts + titles if text]


def find_bad_wording(texts: list[str]) -> list[str]:
    """Each bad pattern found, with the text it is in."""
    problems = []
    for text in texts:
        for what, pattern in BAD_PATTERNS.items():
            for match in pattern.finditer(text):
                if what == "one of something in the plural" and match.group(1) in NOT_PLURALS:
                    continue
                problems.append(f"{what}: {match.group(0)!r} in {text[:300]!r}")
        if not are_quotes_balanced(text):
            problems.append(f"unbalanced quotation marks in {text[:300]!r}")
    return problems


def are_quotes_balanced(text: str) -> bool:
    """Every “ closed by a ” after it, none closed twice."""
    depth = 0
    for char in text:
        depth += {"“": 1, "”": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def find_plural_names_with_singular_verbs(texts: list[str], plural_names: list[str]) -> list[str]:
    """A plural name ('Reporters in Port Elm') followed by a singular verb ('sends')."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, plural_names)) + r")'?\s+(?:mostly\s+)?"
                         r"(sends|is|has|was|agrees|conflicts|leans|acts|shares|speaks|takes)\b", re.IGNORECASE)
    return [f"{match.group(0)!r} in {text[:300]!r}" for text in texts for match in pattern.finditer(text)]


def write_tiny_case(folder: Path) -> Path:
    """The mini case with awkward names: a name ending in a parenthesis, a generic person, a plural group."""
    shutil.copytree(MINI_CASE, folder)
    names = {"ministry": "Valdorian government (Valdoria)", "ana_ruiz": "Unnamed official",
             "harbour_union": "Reporters in Port Elm"}
    with open(folder / "actors.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["actor_id"] for row in rows) == sorted(names)
    for row in rows:
        row["name"] = names[row["actor_id"]]
    with open(folder / "actors.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def pages(report: Path) -> list[Path]:
    """The brief and every dossier of a rendered report."""
    return [report / "brief.html", *sorted((report / "actors").glob("*.html"))]


@pytest.fixture(scope="module")
def real_report(tmp_path_factory) -> Path:
    out_dir = tmp_path_factory.mktemp("real") / "report"
    render_mini(out_dir, case=REAL_CASE)
    return out_dir


@pytest.fixture(scope="module")
def tiny_case(tmp_path_factory) -> Path:
    return write_tiny_case(tmp_path_factory.mktemp("tiny") / "tiny-case")


@pytest.fixture(scope="module")
def tiny_report(tiny_case, tmp_path_factory) -> Path:
    out_dir = tmp_path_factory.mktemp("tiny-report") / "report"
    render_mini(out_dir, case=tiny_case)
    return out_dir


@pytest.fixture(scope="module")
def tiny_one_month_report(tiny_case, tmp_path_factory) -> Path:
    # As of 28 Feb 2001 only the accord, signed in February 2001, is known.
    out_dir = tmp_path_factory.mktemp("tiny-february") / "report"
    render_mini(out_dir, "--as-of", "2001-02-28", "--no-dossiers", case=tiny_case)
    return out_dir


@pytest.fixture(scope="module")
def real_1990_report(tmp_path_factory) -> Path:
    out_dir = tmp_path_factory.mktemp("real-1990") / "report"
    render_mini(out_dir, "--as-of", "1990-01-01", "--no-dossiers", case=REAL_CASE)
    return out_dir


@pytest.fixture(scope="module")
def real_early_2000_report(tmp_path_factory) -> Path:
    out_dir = tmp_path_factory.mktemp("real-2000-02-02") / "report"
    render_mini(out_dir, "--as-of", "2000-02-02", "--no-dossiers", case=REAL_CASE)
    return out_dir


@pytest.fixture(scope="module")
def synthetic_report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    result = subprocess.run([sys.executable, "-m", "signalbrief", "synthesize", "--signals", "1000", "--actors", "30",
                             "--topics", "6", "--seed", "1", str(root / "case")],
                            capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    render_mini(root / "report", "--no-dossiers", case=root / "case")
    return root / "report"


# Names of the real case that take a plural verb, typed from its actors.csv.
REAL_PLURAL_NAMES = [
    "Russian defense industries", "Russian defense-industry workers",
    "Individual Russian defense firms and organizations",
    "Students of the Moscow State Institute of International Relations", "Other Russian analysts",
    "Unidentified advocates of renouncing the 1995 understandings", "Congressional Republicans",
    "Top U.S. officials", "Israeli government policy-makers", "Key Western leaders", "Observers and aid groups",
]


@pytest.mark.parametrize("report_name, plural_names", [
    ("real_report", REAL_PLURAL_NAMES),
    ("tiny_report", ["Reporters in Port Elm"]),
    ("tiny_one_month_report", ["Reporters in Port Elm"]),
    ("real_1990_report", REAL_PLURAL_NAMES),
    ("real_early_2000_report", REAL_PLURAL_NAMES),
    ("synthetic_report", []),
])
def test_no_page_reads_like_a_machine(request, report_name, plural_names):
    report = request.getfixturevalue(report_name)
    problems = []
    for page in pages(report):
        texts = page_texts(page)
        found = find_bad_wording(texts)
        if plural_names:
            found += [f"a plural name with a singular verb: {problem}"
                      for problem in find_plural_names_with_singular_verbs(texts, plural_names)]
        problems += [f"{page.name}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_the_real_report_has_dossiers_to_scan(real_report):
    # The dossiers carry most of the per-actor counts; the scan above must have read them.
    assert len(pages(real_report)) == 1 + 32


def test_awkward_names_read_naturally_in_the_tiny_case(tiny_report):
    # Mini case: the union sends one signal (its denial), Ana Ruiz one (her promise), the ministry two.
    union = page_texts(tiny_report / "actors" / "harbour_union.html")
    official = page_texts(tiny_report / "actors" / "ana_ruiz.html")
    ministry = page_texts(tiny_report / "actors" / "ministry.html")
    assert any(text.startswith("Reporters in Port Elm send one signal, credibility ") for text in union)
    assert any(text.startswith("An unnamed official sends one signal, credibility ") for text in official)
    assert "Ministry in charge of the port (government, Examplia); speaks through an unnamed official." in ministry
    assert any(text.startswith("Valdorian government's (Valdoria) two signals average ") for text in ministry)


def test_a_span_of_one_month_is_said_once(tiny_one_month_report):
    brief = " ".join(page_texts(tiny_one_month_report / "brief.html"))
    assert "in February 2001" in brief
    assert "from February 2001 to February 2001" not in brief


def test_nothing_known_yet_is_said_in_words(real_1990_report):
    brief = " ".join(page_texts(real_1990_report / "brief.html"))
    assert ("As known on 1 January 1990, it holds no signal and no dated event yet; it poses nine questions. "
            "Later signals and events are left out.") in brief


@pytest.mark.parametrize("text", [
    "13 signal(s) of mean credibility 0.52.",
    "Bill Clinton sends 1 signals.",
    "0 developments would move the judgment; they are listed below.",
    "1 outlets, from January 2011 to January 2011.",
    "The Valdorian government (Valdoria)'s signals.",
    "The Monitor (this article)’s signals.",
    "(mean 0.68 over 1)",
    "published an unknown date",
    "Whether “the plan” holds up: “it said “no”.",
    "a signal from Unnamed official.",
    "one of its two statements are contradicted.",
    "It agrees with the the ministry.",
    "Sergei Ivanov and A Russian news source.",
])
def test_the_scan_catches_each_machine_phrase(text):
    assert find_bad_wording([text])


@pytest.mark.parametrize("text", [
    "Bill Clinton sends one signal, credibility 0.51, on 1 Mar 2000.",
    "-2 rejects the proposition outright, -1 leans against, 0 neutral or mixed, +1 leans for.",
    "The Monitor's (this article) two signals average 0.44, from January 1992 to March 2000.",
    "“H4 Weak control” 48%, “H2 Atmospherics” 39% and the other two 14% together.",
])
def test_the_scan_passes_plain_wording(text):
    assert find_bad_wording([text]) == []
