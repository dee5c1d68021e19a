"""The real case rendered as known on four dates: each renders (exit 0) with a bottom line true to
what was known then, and no printed probability reaches 0% or 100%.

Renders run the real command line in a subprocess, as a user would."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "data" / "russia-iran-2000"


def render_bottom_line(tmp_path: Path, *as_of: str) -> tuple[str, str]:
    """Render the brief (optionally --as-of) and return its bottom line and the page's text."""
    out = tmp_path / "brief.html"
    process = subprocess.run(
        [sys.executable, "-m", "signalbrief", "render", "--case", str(CASE), "--out", str(out), "--no-dossiers",
         *(["--as-of", *as_of] if as_of else [])],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr[-2000:]
    page = out.read_text(encoding="utf-8")
    section = page[page.index("Bottom line up front"):]
    # the first bold sentence that is not the section's bold question
    bottom_line = next(html.unescape(bold) for bold in re.findall(r"<strong>(.*?)</strong>", section, re.S)
                       if not bold.endswith("?"))
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return bottom_line, text


def key_judgment_likelihoods(text: str) -> list[str]:
    """Every 'term (NN%)' the page prints."""
    return re.findall(r"(?:almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|"
                      r"almost certain) \((\d+)%\)", text)


def test_before_anything_in_the_case_the_brief_says_nothing_was_known(tmp_path):
    bottom_line, _ = render_bottom_line(tmp_path, "1990-01-01")
    assert bottom_line.startswith("Nothing in the case was known yet on 1 January 1990")


def test_on_2_february_2000_sergeevs_statement_of_last_month_is_not_yet_known(tmp_path):
    # Sergeev spoke "just a month ago" (February 2000, precision month): known only from 29 February.
    bottom_line, text = render_bottom_line(tmp_path, "2000-02-02")
    assert "no intention of curtailing" not in text
    assert bottom_line.startswith("With no hypotheses rated")
    assert "tie as the firmest ground" in bottom_line  # the 1995 undertakings score alike: named together


def test_on_17_march_2000_a_tie_is_reported_as_a_tie(tmp_path):
    bottom_line, text = render_bottom_line(tmp_path, "2000-03-17")
    assert bottom_line.startswith("The evidence does not separate “H2 Atmospherics” and “H4 Weak control”")
    assert "almost certain (" not in text and "It is almost certain" not in text
    assert all(1 <= int(share) <= 99 for share in key_judgment_likelihoods(text))


@pytest.mark.parametrize("as_of", [(), ("2000-03-22",)])
def test_the_full_case_gives_the_models_probabilities_and_says_what_the_lead_rests_on(tmp_path, as_of):
    bottom_line, text = render_bottom_line(tmp_path, *as_of)
    assert bottom_line.startswith("The evidence contradicts “H4 Weak control” least of the four hypotheses: the "
                                  "probability model puts it at 48% (roughly even chance)")
    assert "“H2 Atmospherics”" in bottom_line
    # the lead rests on one hedged, unattributed piece of evidence, and the brief says so
    assert "one piece of evidence decides the lead" in text and "Confidence is low" in text
    # that piece (an unattributed, hedged claim) is scored on its hedging alone: the brief says so
    assert "(its credibility, 0.30, rests on one of the five components)" in text
    likelihoods = key_judgment_likelihoods(text)
    assert likelihoods and all(1 <= int(share) <= 99 for share in likelihoods)
