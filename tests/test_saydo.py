"""Say-do gaps and contested commitments."""
from __future__ import annotations

import dataclasses

import pytest
from factories import make_case

from signalbrief.saydo import say_do_gaps


def saydo_case():
    return make_case(
        outlets=[{"outlet_id": "wire", "reliability": "B"}],
        actors=[{"actor_id": "gov", "name": "Government"}, {"actor_id": "envoy", "parent_actor_id": "gov"},
                {"actor_id": "critic", "name": "Critic"}, {"actor_id": "press"}],
        topics=[{"topic_id": "t", "label": "Arms sales"}, {"topic_id": "u"}],
        signals=[
            {"signal_id": "say1", "actor_id": "gov", "topic_id": "t", "stance": 2, "kind": "commitment",
             "signal_date": "2000-01-05", "quote": "we will stop"},
            {"signal_id": "say2", "actor_id": "gov", "topic_id": "t", "stance": 1, "kind": "statement"},
            {"signal_id": "view", "actor_id": "gov", "topic_id": "t", "stance": -2, "kind": "assessment"},
            {"signal_id": "do1", "actor_id": "gov", "topic_id": "t", "stance": -1, "kind": "action"},
            {"signal_id": "do2", "actor_id": "envoy", "topic_id": "t", "stance": -2, "kind": "law"},
            {"signal_id": "rebut", "actor_id": "critic", "topic_id": "t", "stance": -2, "kind": "claim",
             "signal_date": "2000-02-01", "quote": "they did not stop", "reporting": "reported_speech"},
            {"signal_id": "deny", "actor_id": "press", "topic_id": "t", "stance": -2, "kind": "denial"},
            {"signal_id": "say3", "actor_id": "critic", "topic_id": "u", "stance": 1, "kind": "statement"},
            {"signal_id": "ask", "actor_id": "critic", "topic_id": "t", "stance": 2, "kind": "demand"},
        ],
        links=[
            {"from_signal_id": "rebut", "to_signal_id": "say1", "relation": "contradicts"},
            {"from_signal_id": "deny", "to_signal_id": "say1", "relation": "denies"},
            {"from_signal_id": "say2", "to_signal_id": "do2", "relation": "contradicts"},
            {"from_signal_id": "say3", "to_signal_id": "rebut", "relation": "contradicts"},
            {"from_signal_id": "rebut", "to_signal_id": "ask", "relation": "contradicts"},
            {"from_signal_id": "rebut", "to_signal_id": "say2", "relation": "qualifies"},
        ],
    )


def test_gap_is_words_minus_deeds_per_actor_and_topic():
    gaps = say_do_gaps(saydo_case()).gaps
    # Only gov has both: words (2 + 1) / 2 = 1.5, deeds -1 (do1; the assessment counts as neither)
    assert gaps[["actor_id", "topic_id"]].values.tolist() == [["gov", "t"]]
    row = gaps.iloc[0]
    assert (row["say_mean_stance"], row["do_mean_stance"], row["gap"]) == (1.5, -1.0, 2.5)
    assert (row["say_signal_ids"], row["do_signal_ids"], row["topic_label"]) == ("say1;say2", "do1", "Arms sales")


def test_roll_up_brings_a_sub_actors_deeds_home():
    row = say_do_gaps(saydo_case(), roll_up=True).gaps.iloc[0]
    # deeds: do1 -1 and the envoy's do2 -2: mean -1.5; gap 1.5 - (-1.5) = 3.0
    assert (row["do_mean_stance"], row["gap"], row["n_do"]) == (-1.5, 3.0, 2)


def test_contested_commitments_name_what_stands_against_them():
    result = say_do_gaps(saydo_case())
    pairs = result.contested[["signal_id", "contradicting_signal_id", "relation"]].values.tolist()
    # say1 is contradicted by rebut and denied by deny; say2 contradicts the law do2.
    # Not contested: say3 contradicts a claim (not a deed); ask is a demand; qualifies does not count.
    assert sorted(pairs) == [["say1", "deny", "denies"], ["say1", "rebut", "contradicts"],
                             ["say2", "do2", "contradicts"]]
    rebut = result.contested.set_index("contradicting_signal_id").loc["rebut"]
    assert (rebut["actor_name"], rebut["quote"], rebut["contradicting_actor_name"],
            rebut["contradicting_quote"], rebut["contradicting_kind"]) == (
        "Government", "we will stop", "Critic", "they did not stop", "claim")
    assert str(rebut["contradicting_signal_date"].date()) == "2000-02-01"
    assert rebut["contradicting_source"] == pytest.approx(0.68)  # B 0.8 × reported speech 0.85


def test_per_actor_summary_counts_contradicted_commitments():
    by_actor = say_do_gaps(saydo_case()).by_actor.set_index("actor_id")
    # gov: say1 and say2 both contested, of 2; critic: say3 not contested, of 1
    assert by_actor["n_statements_and_commitments"].to_dict() == {"critic": 1, "gov": 2}
    assert by_actor["n_contradicted"].to_dict() == {"critic": 0, "gov": 2}
    assert by_actor["share_contradicted"].to_dict() == {"critic": 0.0, "gov": 1.0}


def test_words_coded_twice_count_once_in_the_gap():
    speech = {"actor_id": "gov", "topic_id": "t", "kind": "commitment", "event_id": "speech"}
    case = make_case(
        actors=[{"actor_id": "gov"}], topics=[{"topic_id": "t"}],
        signals=[{"signal_id": "part1", "stance": 2, **speech},
                 {"signal_id": "part2", "stance": 0, "quote_start": 500, "quote_end": 512, **speech},
                 {"signal_id": "part2_again", "stance": 0, "quote_start": 500, "quote_end": 512, **speech},
                 {"signal_id": "later", "actor_id": "gov", "topic_id": "t", "kind": "statement", "stance": 2},
                 {"signal_id": "deed", "actor_id": "gov", "topic_id": "t", "kind": "action", "stance": -2}])
    gap = say_do_gaps(case).gaps.iloc[0]
    # the speech is one piece and part2_again the same words as part2: mean (2 + 0) / 2 = 1; with the later
    # statement (+2): (1 + 2) / 2 = 1.5; deeds -2: gap 3.5
    assert gap["say_mean_stance"] == pytest.approx(1.5) and gap["n_say"] == 2
    assert gap["gap"] == pytest.approx(3.5)
    assert gap["say_signal_ids"] == "later;part1;part2;part2_again"


def test_a_contradiction_pointing_back_in_time_is_refused_by_the_validator(mini_case, replace_once):
    """Links keep a direction: contradicts runs from the later signal to the earlier commitment."""
    import subprocess
    import sys

    # In the mini case the accord (Feb 2001, month) backs the promise (3 Mar 2001). Coded as the accord
    # contradicting the later promise, the link runs backwards: the accord's month ended on 28 Feb.
    replace_once(mini_case, "links.csv", "accord_signed,promise_cooperation,corroborates",
                 "accord_signed,promise_cooperation,contradicts")
    result = subprocess.run([sys.executable, "-m", "signalbrief", "validate", str(mini_case)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert ("links.csv:2: from_signal_id: contradicts runs from 'accord_signed' (2001-02-01) to the later "
            "'promise_cooperation' (2001-03-03): from is the later signal, to the earlier one it stands against"
            in result.stdout + result.stderr)


@pytest.mark.parametrize("status, counted", [(None, True), ("asserted", True), ("claimed", False), ("disputed", False)])
def test_a_deed_of_a_claimed_or_disputed_event_is_not_counted_as_done(status, counted):
    case = saydo_case()
    events = make_case(events=[{"event_id": "shipment", "kind": "delivery", "status": status}]).events
    signals = case.signals.copy()
    signals.loc[signals["signal_id"] == "do2", "event_id"] = "shipment"
    result = say_do_gaps(dataclasses.replace(case, events=events, signals=signals), roll_up=True)
    row = result.gaps.iloc[0]
    pairs = result.contested[["signal_id", "contradicting_signal_id"]].values.tolist()
    if counted:
        # as test_roll_up_brings_a_sub_actors_deeds_home: deeds do1 -1 and do2 -2
        assert (row["do_signal_ids"], row["do_mean_stance"]) == ("do1;do2", -1.5)
        assert ["say2", "do2"] in pairs
    else:
        # do2 may not have happened: deeds are do1 alone (-1), gap 1.5 - (-1) = 2.5,
        # and say2 is no longer contradicted by it
        assert (row["do_signal_ids"], row["do_mean_stance"], row["gap"]) == ("do1", -1.0, 2.5)
        assert ["say2", "do2"] not in pairs
        assert sorted(pairs) == [["say1", "deny"], ["say1", "rebut"]]
