"""as_of: what was known on a date, decided in one place."""
from __future__ import annotations

import datetime as dt

import pytest
from factories import make_case

from signalbrief.asof import filter_as_of
from signalbrief.errors import InputError
from signalbrief.stances import stance_matrix


def dated_case():
    """s1 in January, s2 on 1 February, s3 in March; links and ratings touching each."""
    return make_case(
        actors=[{"actor_id": "a"}],
        topics=[{"topic_id": "t"}],
        events=[{"event_id": "e_jan", "event_date": "2000-01-15"},
                {"event_id": "e_mar", "event_date": "2000-03-15"}],
        signals=[{"signal_id": "s1", "actor_id": "a", "topic_id": "t", "stance": 2,
                  "signal_date": "2000-01-10"},
                 {"signal_id": "s2", "actor_id": "a", "topic_id": "t", "stance": 0,
                  "signal_date": "2000-02-01"},
                 {"signal_id": "s3", "actor_id": "a", "topic_id": "t", "stance": -2,
                  "signal_date": "2000-03-10"}],
        links=[{"from_signal_id": "s2", "to_signal_id": "s1", "relation": "corroborates"},
               {"from_signal_id": "s3", "to_signal_id": "s1", "relation": "contradicts"}],
        hypotheses=[{"hypothesis_id": "h"}],
        ach=[{"hypothesis_id": "h", "signal_id": "s1", "rating": "C"},
             {"hypothesis_id": "h", "signal_id": "s3", "rating": "I"}],
    )


def test_filter_drops_later_signals_events_and_what_mentions_them():
    known = filter_as_of(dated_case(), "2000-02-01")
    assert list(known.signals["signal_id"]) == ["s1", "s2"]  # s2 on the day counts (inclusive)
    assert list(known.events["event_id"]) == ["e_jan"]
    assert list(known.links["from_signal_id"]) == ["s2"]  # the s3 -> s1 link mentions dropped s3
    assert list(known.ach["signal_id"]) == ["s1"]
    assert list(known.hypotheses["hypothesis_id"]) == ["h"]


def test_filter_accepts_a_date_and_none_keeps_everything():
    case = dated_case()
    assert filter_as_of(case, None) is case
    assert list(filter_as_of(case, dt.date(2000, 1, 31)).signals["signal_id"]) == ["s1"]


def test_filter_leaves_the_case_untouched():
    case = dated_case()
    filter_as_of(case, "2000-01-31")
    assert len(case.signals) == 3 and len(case.links) == 2 and len(case.ach) == 2


def test_bad_as_of_is_a_clear_input_error():
    with pytest.raises(InputError, match=r"as_of 'last week' is not a date \(use YYYY-MM-DD\)"):
        filter_as_of(dated_case(), "last week")


def test_analyses_use_the_filter():
    # Before March the actor's mean stance is (2 + 0) / 2 = 1.0; with March, (2 + 0 - 2) / 3 = 0.
    assert stance_matrix(dated_case(), as_of="2000-02-28")["mean_stance"].tolist() == [1.0]
    assert stance_matrix(dated_case())["mean_stance"].tolist() == [0.0]


def test_a_fact_first_reported_after_the_cut_off_is_not_yet_known():
    """s_early happened on 1 March but its only source is cited on 16 March; the wire
    outlet has no citation date, so its signal counts from its own date."""
    case = make_case(
        outlets=[{"outlet_id": "wire"},
                 {"outlet_id": "weekly", "cited_date": "2000-03-16", "cited_date_precision": "day"}],
        actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
        events=[{"event_id": "e_weekly", "event_date": "2000-03-01", "outlet_id": "weekly"},
                {"event_id": "e_wire", "event_date": "2000-03-01", "outlet_id": "wire"}],
        signals=[{"signal_id": "s_early", "actor_id": "a", "topic_id": "t", "signal_date": "2000-03-01",
                  "outlet_id": "weekly"},
                 {"signal_id": "s_wire", "actor_id": "a", "topic_id": "t", "signal_date": "2000-03-01"}])
    before = filter_as_of(case, "2000-03-13")
    assert list(before.signals["signal_id"]) == ["s_wire"]
    assert list(before.events["event_id"]) == ["e_wire"]
    on_the_day = filter_as_of(case, "2000-03-16")
    assert list(on_the_day.signals["signal_id"]) == ["s_early", "s_wire"]
    assert list(on_the_day.events["event_id"]) == ["e_weekly", "e_wire"]


def test_a_month_or_year_date_is_known_only_after_its_period_ends():
    """'Last month' (Feb 2000, precision month) may be any day of February; 'in 1999' any day of 1999."""
    case = make_case(
        actors=[{"actor_id": "a"}], topics=[{"topic_id": "t"}],
        events=[{"event_id": "e_year", "event_date": "1999-01-01", "event_date_precision": "year"},
                {"event_id": "e_day", "event_date": "1999-06-30"}],
        signals=[{"signal_id": "s_month", "actor_id": "a", "topic_id": "t", "signal_date": "2000-02-01",
                  "signal_date_precision": "month"},
                 {"signal_id": "s_before", "actor_id": "a", "topic_id": "t", "signal_date": "2000-02-10",
                  "signal_date_precision": "before"},
                 {"signal_id": "s_day", "actor_id": "a", "topic_id": "t", "signal_date": "2000-02-02"}])
    assert list(filter_as_of(case, "2000-02-02").signals["signal_id"]) == ["s_day"]
    assert list(filter_as_of(case, "2000-02-28").signals["signal_id"]) == ["s_before", "s_day"]
    assert list(filter_as_of(case, "2000-02-29").signals["signal_id"]) == ["s_month", "s_before", "s_day"]
    assert list(filter_as_of(case, "1999-12-30").events["event_id"]) == ["e_day"]
    assert list(filter_as_of(case, "1999-12-31").events["event_id"]) == ["e_year", "e_day"]


def test_an_as_of_before_anything_in_the_case_says_nothing_was_known_yet():
    from signalbrief import findings
    from signalbrief.analysis import run_analysis

    analysis = run_analysis(dated_case(), n_samples=20, as_of="1990-01-01")
    assert analysis.signal_scores.empty and analysis.key_judgments.empty
    assert findings.state_bottom_line(analysis) == (
        "Nothing in the case was known yet on 1 January 1990: no signal had happened and been reported by then, "
        "so there is nothing to judge.")
    # The case has dated items, only none known yet; and there is no judgment for anything to change.
    assert findings.state_timeline_finding(analysis) == "No signal or event was known yet on 1 January 1990."
    assert findings.state_watch_finding(analysis) == "There is no judgment yet for a development to change."


def test_charts_with_nothing_known_yet_say_so_not_that_nothing_is_dated():
    from signalbrief import charts
    from signalbrief.analysis import run_analysis

    early = run_analysis(dated_case(), n_samples=20, as_of="1990-01-01")
    assert charts.chart_timeline(early).sentence == "No timeline: no event or signal is known yet."
    topic_id = str(early.case.topics["topic_id"].iloc[0])
    assert charts.chart_stance_over_time(early, topic_id).sentence == (
        "No chart of stances over time: no signal on this question is known yet.")
