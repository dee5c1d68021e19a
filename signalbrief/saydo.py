"""Do actors do what they say? Gaps between words and deeds, and commitments contradicted.

Words are the kinds in `SAY_KINDS`, deeds those in `DEED_KINDS` (assessments are
neither: they judge, they neither promise nor act). A deed whose event is only claimed or
disputed (events.status) is left out, with its links: it may not have happened, so it
neither measures a gap nor contradicts a commitment. A commitment
or statement is contested when another signal contradicts or denies it, or when it
contradicts a deed.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import DEED_KINDS, reuse_or_score
from signalbrief.evidence import identify_evidence
from signalbrief.stances import join_ids_by_group, name_actors_and_topics, roll_up_signals

SAY_KINDS = ("statement", "commitment", "demand", "claim", "denial")
PLEDGE_KINDS = ("commitment", "statement")
CONTESTING_RELATIONS = ("contradicts", "denies")
UNCONFIRMED_STATUSES = ("claimed", "disputed")


@dataclasses.dataclass(frozen=True)
class SayDo:
    """gaps: per actor x topic with both words and deeds, say_mean - do_mean.
    contested: one row per (commitment or statement, signal contradicting it).
    by_actor: per actor with commitments or statements, how many are contested."""

    gaps: pd.DataFrame
    contested: pd.DataFrame
    by_actor: pd.DataFrame


def find_unconfirmed_deeds(signals: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Whether each signal is a deed belonging to an event the article gives as only claimed or disputed."""
    unconfirmed = events.loc[events["status"].astype("object").isin(UNCONFIRMED_STATUSES), "event_id"]
    return signals["kind"].astype("str").isin(DEED_KINDS) & signals["event_id"].isin(unconfirmed)


def measure_gaps(signals: pd.DataFrame) -> pd.DataFrame:
    """Mean stance of words minus mean stance of deeds, per actor x topic that has both.

    Each piece of evidence (`evidence_id`, `signalbrief.evidence`) counts once: its distinct
    rows on the topic are averaged first, so the same words coded twice do not weigh twice;
    n_say and n_do count pieces of evidence."""
    kind = signals["kind"].astype("str")
    side = pd.Series(np.select([kind.isin(SAY_KINDS), kind.isin(DEED_KINDS)], ["say", "do"], ""),
                     index=signals.index)
    sided = signals.assign(side=side)[side != ""]
    # the same words coded twice (same piece, words and stance) are one row
    distinct = sided.drop_duplicates(["actor_id", "topic_id", "side", "evidence_id", "quote_start", "quote_end",
                                      "stance"])
    pieces = (distinct.groupby(["actor_id", "topic_id", "side", "evidence_id"], sort=True)["stance"].mean()
              .reset_index())
    by_side = (pieces.groupby(["actor_id", "topic_id", "side"], sort=True)
               .agg(mean_stance=("stance", "mean"), n_signals=("evidence_id", "size"))
               .assign(signal_ids=join_ids_by_group(sided, ["actor_id", "topic_id", "side"], "signal_id"))
               .unstack("side"))
    columns = ["actor_id", "topic_id", "say_mean_stance", "n_say", "say_signal_ids",
               "do_mean_stance", "n_do", "do_signal_ids", "gap", "abs_gap"]
    if by_side.empty or "say" not in by_side.columns.get_level_values(1) \
            or "do" not in by_side.columns.get_level_values(1):
        return pd.DataFrame(columns=columns)
    by_side = by_side.dropna(subset=[("mean_stance", "say"), ("mean_stance", "do")])
    gaps = pd.DataFrame({
        "say_mean_stance": by_side[("mean_stance", "say")].astype(float),
        "n_say": by_side[("n_signals", "say")].astype(np.int64),
        "say_signal_ids": by_side[("signal_ids", "say")].astype("str"),
        "do_mean_stance": by_side[("mean_stance", "do")].astype(float),
        "n_do": by_side[("n_signals", "do")].astype(np.int64),
        "do_signal_ids": by_side[("signal_ids", "do")].astype("str"),
    }).reset_index()
    gaps["gap"] = gaps["say_mean_stance"] - gaps["do_mean_stance"]
    gaps["abs_gap"] = gaps["gap"].abs()
    return gaps[columns].sort_values(["abs_gap", "actor_id", "topic_id"],
                                     ascending=[False, True, True]).reset_index(drop=True)


def find_contested(signals: pd.DataFrame, links: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Commitments and statements contradicted or denied by a signal, or contradicting a deed."""
    relation = links["relation"].astype("str")
    kind = signals.set_index("signal_id")["kind"].astype("str")
    targeted = links[relation.isin(CONTESTING_RELATIONS)]
    targeted = pd.DataFrame({"signal_id": targeted["to_signal_id"],
                             "contradicting_signal_id": targeted["from_signal_id"],
                             "relation": relation[targeted.index]})
    against_deed = links[(relation == "contradicts")
                         & links["to_signal_id"].map(kind).isin(DEED_KINDS)]
    against_deed = pd.DataFrame({"signal_id": against_deed["from_signal_id"],
                                 "contradicting_signal_id": against_deed["to_signal_id"],
                                 "relation": "contradicts"})
    pairs = pd.concat([targeted, against_deed], ignore_index=True).drop_duplicates()
    pairs = pairs[pairs["signal_id"].map(kind).isin(PLEDGE_KINDS)]
    details = signals[["signal_id", "actor_id", "topic_id", "kind", "signal_date", "quote", "summary"]]
    details = details.assign(kind=details["kind"].astype("str"))
    contradicting = details.add_prefix("contradicting_")
    source = scores.set_index("signal_id")["source"]
    contested = (pairs.merge(details, on="signal_id", how="left", validate="many_to_one")
                 .merge(contradicting, on="contradicting_signal_id", how="left", validate="many_to_one"))
    contested["contradicting_source"] = contested["contradicting_signal_id"].map(source).astype(float)
    return contested.sort_values(["signal_date", "signal_id", "contradicting_signal_id"]).reset_index(drop=True)


def say_do_gaps(case: Case, as_of: AsOf = None, roll_up: bool = False, *,
                scores: pd.DataFrame | None = None) -> SayDo:
    """Words against deeds per actor x topic, contested commitments, and a per-actor summary.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    signals = roll_up_signals(known, roll_up)
    scores = reuse_or_score(known, None, scores)
    unconfirmed = find_unconfirmed_deeds(signals, known.events)
    unconfirmed_ids = signals.loc[unconfirmed, "signal_id"]
    links = known.links[~known.links["from_signal_id"].isin(unconfirmed_ids)
                        & ~known.links["to_signal_id"].isin(unconfirmed_ids)]
    evidence_id = identify_evidence(known.signals, known.outlets)["evidence_id"]
    confirmed = signals.assign(evidence_id=evidence_id)[~unconfirmed]
    gaps = name_actors_and_topics(measure_gaps(confirmed), known)
    contested = find_contested(confirmed, links, scores)
    names = pd.Series(known.actors["name"].to_numpy(), index=known.actors["actor_id"].to_numpy())
    contested.insert(contested.columns.get_loc("contradicting_actor_id") + 1,
                     "contradicting_actor_name",
                     contested["contradicting_actor_id"].map(names).astype("str"))
    contested = name_actors_and_topics(contested, known)
    pledges = signals[signals["kind"].astype("str").isin(PLEDGE_KINDS)]
    by_actor = pledges.groupby("actor_id", sort=True).agg(
        n_statements_and_commitments=("signal_id", "size")).reset_index()
    n_contested = contested.groupby("actor_id")["signal_id"].nunique()
    by_actor["n_contradicted"] = by_actor["actor_id"].map(n_contested).fillna(0).astype(np.int64)
    by_actor["share_contradicted"] = by_actor["n_contradicted"] / by_actor["n_statements_and_commitments"]
    return SayDo(gaps, contested, name_actors_and_topics(by_actor, known))
