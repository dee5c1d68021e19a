"""Wording of dates at every precision, of events the article does not report as fact, and the
sentence helpers: counts, agreement, names, possessives, lists, quotes and date ranges."""
from __future__ import annotations

import pandas as pd
import pytest

from signalbrief.wording import (agree, capitalise, count, count_of, date_phrase, date_range, describe_events,
                                 format_dates, share_of,
                                 format_signal_date, is_plural_name, join_words, number, plural, possessive,
                                 quote, refer_to, verb_for)


@pytest.mark.parametrize("date, precision, expected", [
    ("2000-05-03", "after", "on or after 3 May 2000"),
    ("1999-09-01", "season", "Sep–Nov 1999"),                # "last autumn": three months, named by month
    ("1999-12-01", "season", "Dec 1999 – Feb 2000"),         # a winter across the new year
    ("2000-03-14", "day_no_year", "14 Mar (year not given)"),  # the stored year 2000 is an assumption
    ("2000-02-01", "month_no_year", "Feb (year not given)"),
])
def test_new_precisions_are_worded_without_saying_more_than_the_article(date, precision, expected):
    assert format_signal_date(pd.Timestamp(date), precision) == expected


def test_no_year_dates_never_print_the_assumed_year():
    dates = pd.Series(pd.to_datetime(["2000-03-14", "2000-03-01", "2000-03-14"]))
    precisions = pd.Series(["day_no_year", "month_no_year", "day"])
    texts = format_dates(dates, precisions).tolist()
    assert texts == ["14 Mar (year not given)", "Mar (year not given)", "14 Mar 2000"]
    assert not any("2000" in text for text in texts[:2])


def test_claimed_and_disputed_events_are_not_told_as_fact():
    statuses = pd.Series(pd.Categorical(["asserted", "claimed", "disputed", None],
                                        categories=["asserted", "claimed", "disputed"]))
    summaries = pd.Series(["The firm ships parts."] * 4)
    assert describe_events(summaries, statuses).tolist() == [
        "The firm ships parts.", "Claimed, not confirmed: The firm ships parts.",
        "Disputed: The firm ships parts.", "The firm ships parts."]


@pytest.mark.parametrize("n, noun, expected", [
    (0, "development", "no development"),
    (1, "signal", "one signal"),
    (2, "signal", "two signals"),
    (9, "actor", "nine actors"),
    (13, "signal", "13 signals"),
    (1000, "signal", "1,000 signals"),
    (2, "policy", "two policies"),
    (3, "day", "three days"),
    (2, "press", "two presses"),
])
def test_counts_use_the_right_noun_form(n, noun, expected):
    assert count(n, noun) == expected


def test_irregular_plurals_are_given_by_the_caller():
    assert count(2, "piece of evidence", "pieces of evidence") == "two pieces of evidence"
    assert count(1, "piece of evidence", "pieces of evidence") == "one piece of evidence"


def test_numbers_are_words_to_nine_and_figures_from_ten():
    assert [number(n) for n in (0, 1, 5, 9, 10, 12345)] == ["no", "one", "five", "nine", "10", "12,345"]
    assert plural("signal") == "signals"


def test_verbs_agree_with_counts():
    assert [agree(n, "is", "are") for n in (0, 1, 2, 40)] == ["is", "is", "are", "are"]


@pytest.mark.parametrize("part, whole, expected", [
    (0, 0, "no statement is contradicted"),
    (1, 1, "its only statement is contradicted"),
    (0, 1, "its only statement is not contradicted"),
    (0, 2, "neither of its statements is contradicted"),
    (0, 5, "none of its five statements is contradicted"),
    (1, 2, "one of its two statements is contradicted"),
    (2, 2, "both its statements are contradicted"),
    (3, 3, "all three of its statements are contradicted"),
    (3, 12, "three of its 12 statements are contradicted"),
])
def test_parts_of_a_whole_read_as_an_analyst_writes_them(part, whole, expected):
    assert count_of(part, whole, "statement", "is contradicted", "are contradicted", "is not contradicted",
                    owner="its") == expected


def test_lists_join_with_commas_and_a_final_and():
    assert join_words([]) == ""
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B"]) == "A and B"
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A", "B"], "or") == "A or B"


@pytest.mark.parametrize("name, kind, expected", [
    ("Reporters in Port Elm", "group", True),
    ("Other Russian analysts", "group", True),
    ("Observers and aid groups", "group", True),
    ("Students of the Moscow State Institute of International Relations", "group", True),
    ("U.S. Congress (U.S. lawmakers)", "legislature", False),
    ("The harbour union", "group", False),
    ("The West", "group", False),
    ("Ana Ruiz", "person", False),
    ("Charles Woods", "person", False),       # a person is one, whatever the spelling
    ("Bill Clinton", "", False),
    ("Russian defense industries", "group", True),
    ("Israeli government policy-makers", "group", True),
    ("Russia-NATO Permanent Joint Council", "international_organization", False),
])
def test_plural_names_take_plural_verbs(name, kind, expected):
    assert is_plural_name(name, kind) is expected
    assert verb_for(name, "sends", "send", kind) == ("send" if expected else "sends")


@pytest.mark.parametrize("name, expected", [
    ("Critic", "Critic's"),
    ("Other analysts", "Other analysts'"),
    ("Valdorian government (Valdoria)", "Valdorian government's (Valdoria)"),
    ("The Monitor (this article)", "The Monitor's (this article)"),
    ("Reporters (Port Elm)", "Reporters' (Port Elm)"),
])
def test_possessive_goes_on_the_name_not_the_parenthesis(name, expected):
    assert possessive(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("Unnamed official", "an unnamed official"),
    ("Unnamed Russian officials", "unnamed Russian officials"),
    ("Other analysts", "other analysts"),
    ("The ministry", "the ministry"),
    ("A Russian news source", "a Russian news source"),
    ("The Monitor (this article)", "the Monitor (this article)"),
    ("Ana Ruiz", "Ana Ruiz"),
    ("Unnamed", "Unnamed"),
])
def test_generic_names_are_lower_case_mid_sentence(name, expected):
    assert refer_to(name) == expected


def test_capitalise_opens_a_sentence_and_leaves_the_rest():
    assert capitalise("an unnamed official") == "An unnamed official"
    assert capitalise("the U.S. Congress") == "The U.S. Congress"
    assert capitalise("") == ""


@pytest.mark.parametrize("text, kwargs, expected", [
    ("Ships parts.", {}, "“Ships parts.”"),
    ("Ships parts.", {"drop_full_stop": True}, "“Ships parts”"),
    ("“Ships parts”", {}, "“Ships parts”"),
    ('"Ships parts"', {}, "“Ships parts”"),
    ("Ivanov called it “a sovereign matter.”", {"drop_full_stop": True},
     "“Ivanov called it ‘a sovereign matter’”"),
    ("He said “no” twice", {}, "“He said ‘no’ twice”"),
    ('He said "no" twice', {}, "“He said ‘no’ twice”"),
    ("Russia’s firms ship parts", {}, "“Russia’s firms ship parts”"),
])
def test_quotes_keep_their_marks(text, kwargs, expected):
    assert quote(text, **kwargs) == expected


def test_a_cut_quote_ends_with_an_ellipsis_and_its_closing_marks():
    assert quote("The firm ships parts to the port every week", limit=21) == "“The firm ships parts…”"
    assert quote("The firm ships parts to the port every week", limit=20) == "“The firm ships…”"
    assert quote("He called it “a matter of sovereignty and nothing else”", limit=30) == \
        "“He called it ‘a matter of…’”"
    assert quote("Russia’s firms ship parts to the port", limit=20) == "“Russia’s firms ship…”"
    assert quote("Short", limit=20) == "“Short”"


@pytest.mark.parametrize("first, last, date_format, expected", [
    ("2011-01-03", "2011-01-28", "%B %Y", "in January 2011"),
    ("2011-01-03", "2011-03-28", "%B %Y", "from January 2011 to March 2011"),
    ("2000-05-03", "2000-05-03", "%d %B %Y", "on 3 May 2000"),
    ("1995-06-30", "2000-03-22", "%Y", "from 1995 to 2000"),
])
def test_date_ranges_say_equal_ends_once(first, last, date_format, expected):
    assert date_range(pd.Timestamp(first), pd.Timestamp(last), date_format) == expected


@pytest.mark.parametrize("part, whole, expected", [
    (3, 12, "three of its 12 actors"),
    (0, 4, "none of its four actors"),
    (0, 2, "neither of its actors"),
    (2, 2, "both its actors"),
    (32, 32, "all 32 of its actors"),
    (1, 1, "its only actor"),
    (0, 1, "no actor"),
    (0, 0, "no actor"),
])
def test_a_share_of_a_whole_is_a_noun_phrase(part, whole, expected):
    assert share_of(part, whole, "actor", owner="its") == expected


@pytest.mark.parametrize("date, precision, expected", [
    ("2000-03-21", "day", "on 21 Mar 2000"),
    ("2000-03-01", "month", "in Mar 2000"),
    ("1995-01-01", "year", "in 1995"),
    ("2000-03-22", "before", "by 22 Mar 2000"),
    ("2000-05-03", "after", "on or after 3 May 2000"),
    ("1999-09-01", "season", "in Sep–Nov 1999"),
    ("2000-03-14", "day_no_year", "on 14 Mar (year not given)"),
])
def test_dates_in_a_sentence_carry_the_preposition_their_precision_needs(date, precision, expected):
    assert date_phrase(pd.Timestamp(date), precision) == expected
