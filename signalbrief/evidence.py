"""What one piece of evidence is, and which reports are independent of each other.

A case codes a sentence as several signals when it bears on several questions, and may
code the same words twice. Counting rows would count one remark several times, so every
analysis that weighs evidence counts these units instead, derived here from the coded
columns (the codebook, "Pieces of evidence and independent reports", gives the rules):

- A *piece of evidence* (`evidence_id`) is one utterance or deed as one channel carries
  it: the same actor, through the same outlet, on the same occasion. The occasion is the
  signal's `event_id`; a signal with no event is its own occasion, identified by the words
  it quotes (`quote_start`, `quote_end`), so the same words coded twice are one piece.
  ACH counts each piece once.
- A *report* (`report_id`) is what a reader could check independently. Every signal
  carried by one cited item (an outlet of kind news_agency, newspaper or same_publication:
  each outlet row is one dated citation) is one report, whoever speaks in it, since a
  source quoted inside another is not independent of it. Every inference a publication
  makes in its own voice (`reporting` article_inference) is one report, the publication's
  voice. Any other signal (background stated by the article, unattributed reports) is a
  report of its own piece of evidence. Corroboration counts only links between different
  reports, each report once; consistency compares an actor's different reports.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief.case import Case

CITED_ITEM_KINDS = ("news_agency", "newspaper", "same_publication")
OWN_VOICE = "article_inference"
# report_id prefixes: a cited item, and the publication's own voice
CITED_ITEM_PREFIX, OWN_VOICE_PREFIX = "item | ", "voice | "


def identify_evidence(signals: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Per signal (same index as `signals`): its `evidence_id` and `report_id` (rules above)."""
    event = signals["event_id"]
    no_event = event.isna()
    occasion = event.astype("object").copy()
    occasion[no_event] = ("words " + signals.loc[no_event, "quote_start"].astype("str") + "-"
                          + signals.loc[no_event, "quote_end"].astype("str"))
    outlet = signals["outlet_id"].astype("str")
    evidence_id = signals["actor_id"].astype("str") + " | " + outlet + " | " + occasion.astype("str")
    kinds = pd.Series(outlets["kind"].astype("str").to_numpy(), index=outlets["outlet_id"].to_numpy())
    is_cited_item = signals["outlet_id"].map(kinds).isin(CITED_ITEM_KINDS).to_numpy()
    is_own_voice = (signals["reporting"].astype("str") == OWN_VOICE).to_numpy()
    report_id = np.array(evidence_id.to_numpy(dtype=object), copy=True)
    report_id[is_cited_item] = CITED_ITEM_PREFIX + outlet[is_cited_item]
    report_id[is_own_voice] = OWN_VOICE_PREFIX + outlet[is_own_voice]
    return pd.DataFrame({"evidence_id": evidence_id, "report_id": pd.Series(report_id, index=signals.index, dtype="str")},
                        index=signals.index)


def evidence_of_case(case: Case) -> pd.DataFrame:
    """`identify_evidence` of the case's signals, indexed by signal_id."""
    table = identify_evidence(case.signals, case.outlets)
    return table.set_index(case.signals["signal_id"].to_numpy())
