"""How far each signal can be believed: five components in [0, 1] and their weighted mean.

Components (each with a one-line reason the brief prints); a component with no information
is missing (NaN), shown as such, and the weights of the components a signal has are
renormalised to sum to 1 for that signal (`weighted_credibility`): missing is not 0.5.

- source: how good the channel is. The outlet's Admiralty reliability grade
  (`RELIABILITY_SCORES`) times how directly the article carries the actor's own words
  (`REPORTING_DIRECTNESS`). Grade F ("reliability cannot be judged") is missing.
- corroboration: what independent reports say about this one (`signalbrief.evidence`:
  links between two signals of one report, such as two rows of one press item or a source
  quoted inside another, or two inferences in the publication's own voice, do not count).
  A Beta(1, 1) prior updated by each independent report once, with the best source score
  among its linked signals (not their credibility, which would be circular):
  (1 + sum corroborating) / (2 + sum corroborating + sum against). `corroborates` counts
  for both ends (two reports that say the same thing support each other); `contradicts`
  and `denies` are directed: they lower only `to`, the earlier claim or commitment the
  later signal stands against (a broken promise is evidence about the promise, not a
  reason to doubt the report that shows it broken); `qualifies` and `responds_to` do not
  count. No independent report: missing.
- cost: costly signals are more believable (Fearon 1997): `COST_SCORES`, for the kinds
  that can carry a cost (`COSTLY_KINDS`: commitments, demands, actions, laws); a claim,
  denial, statement or assessment costs its sender nothing whatever it says, so for them
  cost is not applicable (missing).
- consistency: agreement with the same actor's signals on the same topic in its *other*
  reports, each report counted once (its mean stance there), 1 - weighted mean |stance
  gap| / 4, a report of deeds (`DEED_KINDS`) weighing `DEED_WEIGHT`, because what an actor
  does says more than what it says. Rows of one report, and the publication's own
  inferences (one voice), lend no consistency to each other. No other report: missing.
- specificity: a flat commitment can be held to account, a hedge cannot: `SPECIFICITY_SCORES`.

`DEFAULT_WEIGHTS` put the channel first (0.30: a badly sourced signal is weak whatever
it says), corroboration and cost next (0.20 each: independent checks and skin in the
game), and consistency and specificity last (0.15 each: they describe the signal more
than they test it). `weight_sensitivity` shows how much the ranking depends on them.

The Admiralty (NATO STANAG 2511) grade keeps its two axes apart: the source's reliability
(A–F, the outlet's grade) and the information's credibility (1–6, `information_credibility`,
from independent reports only). The composite above is neither; the brief shows the
two-character grade beside it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief import exact
from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.evidence import identify_evidence
from signalbrief.stances import name_actors_and_topics, roll_up_signals
from signalbrief.wording import agree, count, number

COMPONENTS = ("source", "corroboration", "cost", "consistency", "specificity")
DEFAULT_WEIGHTS = {"source": 0.30, "corroboration": 0.20, "cost": 0.20,
                   "consistency": 0.15, "specificity": 0.15}

# F ("reliability cannot be judged") has no score: the source component is missing.
RELIABILITY_SCORES = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2}
# The Admiralty system's words for each grade of source reliability.
RELIABILITY_MEANINGS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                        "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
REPORTING_DIRECTNESS = {"direct_quote": 1.0, "reported_speech": 0.85, "paraphrase": 0.7,
                        "article_inference": 0.55}
COST_SCORES = {"cheap_talk": 0.2, "hands_tying": 0.6, "sunk_cost": 1.0}
COSTLY_KINDS = ("commitment", "demand", "action", "law")
SPECIFICITY_SCORES = {"unconditional": 1.0, "conditional": 0.6, "hedged": 0.3}
DEED_KINDS = ("action", "law")
DEED_WEIGHT = 2.0
STANCE_RANGE = 4.0
# Scores equal to this many decimals are ties (they share a rank), so float noise never reorders.
TIE_DECIMALS = 12

SIGNAL_COLUMNS = ["signal_id", "actor_id", "topic_id", "kind", "stance", "signal_date",
                  "outlet_id", "outlet_name", "reliability", "reporting", "quote", "summary"]
MISSING = "missing"
# Information credibility (Admiralty 1-6) from the independent reports for and against.
INFORMATION_CREDIBILITY = {1: "confirmed by other independent reports", 2: "probably true",
                           3: "possibly true", 4: "doubtful", 5: "improbable", 6: "cannot be judged"}


def normalise_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """Check component weights and scale them to sum to 1 (None gives DEFAULT_WEIGHTS).

    Components left out weigh 0. Raises ValueError for unknown names, negative or
    non-finite weights, or weights summing to 0.
    """
    if weights is None:
        weights = DEFAULT_WEIGHTS
    unknown = sorted(set(weights) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"unknown credibility component(s) {unknown}; known: {list(COMPONENTS)}")
    values = {name: float(weights.get(name, 0.0)) for name in COMPONENTS}
    bad = {name: value for name, value in values.items() if not np.isfinite(value) or value < 0}
    if bad:
        raise ValueError(f"credibility weights must be finite and non-negative, got {bad}")
    total = sum(values.values())
    if total <= 0:
        raise ValueError("credibility weights must have a positive sum")
    return {name: value / total for name, value in values.items()}


def rank_scores(scores: np.ndarray) -> np.ndarray:
    """Rank scores (rows in signal_id order; one column per weighting) 1 = highest.

    A tie is a tie: scores equal to TIE_DECIMALS share a rank, the best place they hold
    between them (competition ranking, as pandas' rank(method="min")): 0.9, 0.8, 0.8, 0.7
    rank 1, 2, 2, 4. No rank depends on the signal ids. See `rank_each_row`.
    """
    scores = np.asarray(scores, dtype=float)
    return rank_each_row(np.array(scores.T, dtype=float, order="C")).T


def rank_each_row(by_weighting: np.ndarray, dtype: type = np.int64) -> np.ndarray:
    """The shared ranks (as `dtype`) of each row's scores, one row per weighting and one column
    per signal: `rank_scores` of the transposed matrix. Works in place on `by_weighting`, which
    must be a C-contiguous float64 array the caller no longer needs.

    Written for speed, as `weight_sensitivity` ranks 10,000 signals under 1,000 weightings:
    rather than an argsort of each row, each score becomes one unique int64 key, its score
    scaled by 10**TIE_DECIMALS, rounded and negated in the high bits and its column number in
    the low bits. Sorting the keys of each row gives the order of -round(score,
    TIE_DECIMALS), since np.round is that scaling and rounding followed by a division that
    keeps order and equality; the column number in a key is read back with a mask, and the
    high bits tell which neighbours tie, so each tied run gets the rank of its first place
    (the column numbers only order the members of a run, which share one rank). Scores must
    be finite and small enough for the key to fit in 63 bits (any credibility in [0, 1]
    does, up to millions of signals).
    """
    n_columns = by_weighting.shape[-1]
    column_bits = max(n_columns - 1, 0).bit_length()
    limit = 2.0**(62 - column_bits)
    scaled = by_weighting
    scaled *= 10.0**TIE_DECIMALS
    # min and max are NaN when any score is: then neither comparison holds.
    if scaled.size and not (-limit < scaled.min() and scaled.max() < limit):
        raise ValueError(f"scores to rank must be finite and within ±{limit / 10.0**TIE_DECIMALS:g}")
    np.rint(scaled, out=scaled)
    keys = scaled.astype(np.int64)
    keys *= -(1 << column_bits)
    keys += np.arange(n_columns, dtype=np.int64)
    keys.sort(axis=-1)
    # A place starts a new rank unless its score (the high bits) equals the previous place's.
    places = np.broadcast_to(np.arange(1, n_columns + 1, dtype=dtype), keys.shape)
    high = keys >> column_bits
    starts_run = np.ones(keys.shape, dtype=bool)
    starts_run[..., 1:] = high[..., 1:] != high[..., :-1]
    del high
    shared = np.where(starts_run, places, 0).astype(dtype, copy=False)
    np.maximum.accumulate(shared, axis=-1, out=shared)
    keys &= (1 << column_bits) - 1
    ranks = np.empty(keys.shape, dtype=dtype)
    np.put_along_axis(ranks, keys, shared, axis=-1)
    return ranks


def count_text(values: pd.Series, say) -> pd.Series:
    """`say(value)` for every value of `values` (counts, or tuples of them), each distinct value
    said once: a case has many signals but few distinct counts."""
    said = {value: say(value) for value in set(values.tolist())}
    return pd.Series([said[value] for value in values.tolist()], index=values.index, dtype="str")


def format_scores(values: pd.Series) -> pd.Series:
    """Two-decimal text of each score ("missing" where there is none), for reason strings."""
    text = [MISSING if value != value else "%.2f" % value for value in values.to_numpy(dtype=float).tolist()]
    return pd.Series(text, index=values.index, dtype="str")


def weighted_credibility(weightings: np.ndarray, components: np.ndarray) -> np.ndarray:
    """Credibility of every signal under every weighting: weightings x signals.

    `weightings` is weightings x components (each row normalised), `components` signals x
    components with NaN where a component is missing. Each signal's present components are
    averaged with the weights renormalised over them: sum(w x) / sum(w) over present ones.
    A signal none of whose weighted components is present has no credibility (NaN). Summed
    in a fixed order (`exact.product`), so the same bits on any CPU.
    """
    components = np.asarray(components, dtype=float)
    present = ~np.isnan(components)
    numerator = exact.product(weightings, np.where(present, components, 0.0).T)
    # Signals share few patterns of present components (one bit each): one denominator per
    # pattern and weighting, gathered for every signal.
    bits = 1 << np.arange(present.shape[1])
    codes, pattern_of = np.unique((present * bits).sum(axis=1), return_inverse=True)
    patterns = (codes[:, None] & bits[None, :]) > 0
    denominator = exact.product(weightings, patterns.T.astype(float))
    if (denominator > 0).all():
        numerator /= denominator[:, pattern_of]
        return numerator
    denominator = denominator[:, pattern_of]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def score_source(signals: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Outlet reliability x directness of reporting, and its reason; missing for grade F."""
    reliability = signals["reliability"].astype("str").map(RELIABILITY_SCORES).astype(float)
    directness = signals["reporting"].astype("str").map(REPORTING_DIRECTNESS).astype(float)
    source = reliability * directness
    reason = (signals["outlet_name"] + " graded " + signals["reliability"].astype("str")
              + " (" + format_scores(reliability) + ") × "
              + signals["reporting"].astype("str").str.replace("_", " ")
              + " (" + format_scores(directness) + ") = " + format_scores(source))
    unjudged = signals["outlet_name"].astype("object").map(
        lambda name: f"{name} graded F: its reliability cannot be judged (missing, not scored)")
    return source, reason.where(reliability.notna(), unjudged.astype("str"))


def count_independent_reports(signals: pd.DataFrame, links: pd.DataFrame,
                              source: pd.Series) -> pd.DataFrame:
    """Per signal (same index): the independent reports for and against it, once each.

    Columns n_for, n_against (reports) and for_weight, against_weight (sum over those
    reports of the best source score among their linked signals; a report whose source is
    missing counts as 0.5, the prior's own mean). Rules in the module docstring.
    """
    relation = links["relation"].astype("str")
    both_ways = links[relation == "corroborates"]
    against = links[relation.isin(["contradicts", "denies"])]
    evidence = pd.concat([
        pd.DataFrame({"signal_id": both_ways["to_signal_id"], "other_id": both_ways["from_signal_id"],
                      "supports": True}),
        pd.DataFrame({"signal_id": both_ways["from_signal_id"], "other_id": both_ways["to_signal_id"],
                      "supports": True}),
        pd.DataFrame({"signal_id": against["to_signal_id"], "other_id": against["from_signal_id"],
                      "supports": False}),
    ], ignore_index=True)
    report_code, _ = pd.factorize(signals["report_id"])
    report = pd.Series(report_code, index=signals["signal_id"].to_numpy())
    source_by_id = pd.Series(source.fillna(0.5).to_numpy(), index=signals["signal_id"].to_numpy())
    evidence["report"] = evidence["signal_id"].map(report)
    evidence["other_report"] = evidence["other_id"].map(report)
    evidence["weight"] = evidence["other_id"].map(source_by_id).astype(float)
    evidence = evidence[evidence["report"] != evidence["other_report"]]
    per_report = (evidence.groupby(["signal_id", "other_report", "supports"], sort=False)["weight"]
                  .max().reset_index())
    per_report["for_weight"] = per_report["weight"].where(per_report["supports"], 0.0)
    per_report["against_weight"] = per_report["weight"].where(~per_report["supports"], 0.0)
    per_report["n_for"] = per_report["supports"].astype(int)
    per_report["n_against"] = 1 - per_report["n_for"]
    sums = (per_report.groupby("signal_id")[["for_weight", "against_weight", "n_for", "n_against"]]
            .sum().reindex(signals["signal_id"].to_numpy(), fill_value=0))
    sums.index = signals.index
    return sums


def score_corroboration(signals: pd.DataFrame, links: pd.DataFrame,
                        source: pd.Series) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """Beta(1, 1) prior updated by independent reports' source scores, its reason, and the counts."""
    sums = count_independent_reports(signals, links, source)
    corroboration = (1 + sums["for_weight"]) / (2 + sums["for_weight"] + sums["against_weight"])
    has_links = (sums["n_for"] + sums["n_against"]) > 0
    linked_reason = (count_text(sums["n_for"], lambda n: f"{count(n, 'independent report')} "
                                                          f"{agree(n, 'corroborates', 'corroborate')} it")
                     + " (Σ source " + format_scores(sums["for_weight"]) + "), "
                     + count_text(sums["n_against"], lambda n: f"{number(n) if n else 'none'} "
                                                              f"{agree(n, 'contradicts or denies', 'contradict or deny')} it")
                     + " (Σ source "
                     + format_scores(sums["against_weight"]) + "): (1 + "
                     + format_scores(sums["for_weight"]) + ") / (2 + "
                     + format_scores(sums["for_weight"]) + " + "
                     + format_scores(sums["against_weight"]) + ") = "
                     + format_scores(corroboration))
    reason = linked_reason.where(has_links, "no independent report bears on it (missing, no information)")
    return corroboration.where(has_links), reason, sums


def grade_information(sums: pd.DataFrame) -> pd.Series:
    """Admiralty information credibility 1-6 from the independent reports for and against.

    1 corroborated and contradicted by none; 2 more reports for than against; 3 as many
    for as against; 4 more against than for, some for; 5 contradicted or denied and
    corroborated by none; 6 no independent report bears on it.
    """
    n_for, n_against = sums["n_for"].to_numpy(), sums["n_against"].to_numpy()
    grade = np.select(
        [(n_for > 0) & (n_against == 0), (n_against > 0) & (n_for > n_against), (n_for > 0) & (n_for == n_against),
         (n_for > 0) & (n_for < n_against), (n_for == 0) & (n_against > 0)],
        [1, 2, 3, 4, 5], 6)
    return pd.Series(grade, index=sums.index, dtype=np.int64)


def score_consistency(signals: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Agreement with the same actor's other reports on the topic, each once, deeds weighing double.

    `signals` carries evidence_id and report_id (`signalbrief.evidence`). A report's stance on
    the topic is the mean of its distinct rows (the same words coded twice count once); it
    weighs DEED_WEIGHT if any of them is a deed, else 1."""
    is_deed = signals["kind"].astype("str").isin(DEED_KINDS).to_numpy()
    stance = signals["stance"].to_numpy(dtype=float)
    actor, _ = pd.factorize(signals["actor_id"])
    topic, topics = pd.factorize(signals["topic_id"])
    cell, _ = pd.factorize(actor.astype(np.int64) * max(len(topics), 1) + topic)
    report_code, report_ids = pd.factorize(signals["report_id"])
    report, _ = pd.factorize(cell.astype(np.int64) * max(len(report_ids), 1) + report_code)
    n_reports = report.max() + 1 if len(report) else 0
    # The same words coded twice (same piece of evidence, words and stance) count once in the report's mean.
    distinct = ~pd.DataFrame({"report": report, "evidence": signals["evidence_id"].to_numpy(),
                              "start": signals["quote_start"].to_numpy(), "end": signals["quote_end"].to_numpy(),
                              "stance": stance}).duplicated().to_numpy()
    rows_in_report = np.bincount(report, weights=distinct, minlength=n_reports)
    report_stance = (np.bincount(report, weights=stance * distinct, minlength=n_reports)
                     / np.maximum(rows_in_report, 1))
    report_weight = np.where(np.bincount(report, weights=is_deed, minlength=n_reports) > 0, DEED_WEIGHT, 1.0)
    report_cell = np.zeros(n_reports, dtype=np.int64)
    report_cell[report] = cell
    n_cells = cell.max() + 1 if len(cell) else 0
    # Per cell and stance value v: the sum over its reports of weight x |v - report stance|.
    values = np.arange(-2, 3, dtype=float)
    report_gaps = report_weight[:, None] * np.abs(values[None, :] - report_stance[:, None])
    cell_gaps = np.zeros((n_cells, len(values)))
    np.add.at(cell_gaps, report_cell, report_gaps)
    cell_weight = np.bincount(report_cell, weights=report_weight, minlength=n_cells)
    cell_reports = np.bincount(report_cell, minlength=n_cells)
    cell_deeds = np.bincount(report_cell, weights=report_weight == DEED_WEIGHT, minlength=n_cells)
    value_column = (stance + 2).astype(np.int64)
    own_weight = report_weight[report]
    other_gap = cell_gaps[cell, value_column] - own_weight * np.abs(stance - report_stance[report])
    other_weight = cell_weight[cell] - own_weight
    has_others = pd.Series(other_weight > 0, index=signals.index)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_gap = pd.Series(np.where(has_others, other_gap / other_weight, 0.0), index=signals.index)
    consistency = (1 - mean_gap / STANCE_RANGE).where(has_others)
    n_others = pd.Series(cell_reports[cell] - 1, index=signals.index)
    n_other_deeds = pd.Series((cell_deeds[cell] - (own_weight == DEED_WEIGHT)).astype(np.int64), index=signals.index)
    pairs = pd.Series(list(zip(n_others.tolist(), n_other_deeds.tolist())), index=signals.index, dtype="object")
    reason = (count_text(pairs, lambda pair: describe_other_reports(*pair)) + ": weighted mean gap "
              + format_scores(mean_gap) + " of 4 → " + format_scores(consistency))
    reason = reason.where(has_others, "no other report by this actor on this topic (missing, no information)")
    return consistency, reason


def describe_other_reports(n_others: int, n_deeds: int) -> str:
    """'two other reports by this actor on this topic (one of them of deeds, weighing double)',
    'one other report by this actor on this topic (of words only)'."""
    reports = f"{count(n_others, 'other report')} by this actor on this topic"
    if n_others == 1:
        return f"{reports} ({'of deeds, weighing double' if n_deeds else 'of words only'})"
    if n_deeds == 0:
        return f"{reports} (none of them of deeds)"
    deeds = "all" if n_deeds == n_others else number(n_deeds)
    return f"{reports} ({deeds} of them of deeds, weighing double)"


def score_lookup(values: pd.Series, scores: dict[str, float], what: str) -> tuple[pd.Series, pd.Series]:
    """Score a coded column from a lookup table, with the reason '<what> <code>: <score>'."""
    text = values.astype("str")
    score = text.map(scores).astype(float)
    reason = what + text.str.replace("_", " ") + ": " + format_scores(score)
    return score, reason


def score_cost(signals: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """`COST_SCORES` for the kinds that can carry a cost (`COSTLY_KINDS`); missing for the others."""
    cost, reason = score_lookup(signals["cost"], COST_SCORES, "cost to the sender (Fearon 1997), ")
    applies = signals["kind"].astype("str").isin(COSTLY_KINDS)
    not_applicable = signals["kind"].astype("str").map(
        {kind: f"not applicable: a {kind} costs its sender nothing whatever it says (missing)"
         for kind in signals["kind"].astype("str").unique()})
    return cost.where(applies), reason.where(applies, not_applicable)


def score_signals(case: Case, weights: dict[str, float] | None = None,
                  as_of: AsOf = None) -> pd.DataFrame:
    """One row per signal: its five components with reasons, the weighted credibility and rank,
    its piece of evidence and report (`signalbrief.evidence`) and its Admiralty grade.

    Rows come in rank order (1 = most credible). Tied signals share a rank (`rank_scores`:
    0.9, 0.8, 0.8, 0.7 rank 1, 2, 2, 4) and are listed by signal_id, an order for display
    only: no number or judgment depends on it.
    """
    weights = normalise_weights(weights)
    known = filter_as_of(case, as_of)
    outlets = known.outlets[["outlet_id", "name", "reliability"]].rename(columns={"name": "outlet_name"})
    signals = known.signals.sort_values("signal_id").merge(
        outlets, on="outlet_id", how="left", validate="many_to_one")
    assert len(signals) == len(known.signals), "an outlet_id did not join"
    signals = pd.concat([signals, identify_evidence(signals, known.outlets)], axis=1)
    table = signals[[*SIGNAL_COLUMNS, "evidence_id", "report_id"]].copy()
    table["source"], table["source_reason"] = score_source(signals)
    table["corroboration"], table["corroboration_reason"], reports = score_corroboration(
        signals, known.links, table["source"])
    table["cost"], table["cost_reason"] = score_cost(signals)
    table["consistency"], table["consistency_reason"] = score_consistency(signals)
    table["specificity"], table["specificity_reason"] = score_lookup(
        signals["hedging"], SPECIFICITY_SCORES, "")
    components = table[list(COMPONENTS)].to_numpy(dtype=float)
    table["credibility"] = weighted_credibility(
        np.array([[weights[name] for name in COMPONENTS]]), components)[0]
    table["information_credibility"] = grade_information(reports)
    table["admiralty_grade"] = table["reliability"].astype("str") + table["information_credibility"].astype("str")
    table["rank"] = rank_scores(np.nan_to_num(table["credibility"].to_numpy(), nan=-1.0))
    ordered = [*SIGNAL_COLUMNS, "evidence_id", "report_id", *COMPONENTS,
               *(f"{name}_reason" for name in COMPONENTS), "credibility", "information_credibility",
               "admiralty_grade", "rank"]
    table = table[ordered].sort_values("rank").reset_index(drop=True)
    return name_actors_and_topics(table, known)


def reuse_or_score(case: Case, weights: dict[str, float] | None,
                   scores: pd.DataFrame | None) -> pd.DataFrame:
    """The caller's precomputed `score_signals` table, or a fresh one."""
    return score_signals(case, weights) if scores is None else scores


def score_actors(case: Case, weights: dict[str, float] | None = None, as_of: AsOf = None,
                 roll_up: bool = False, *, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per actor with signals: how many (n_signals), how many of them have a credibility under these
    weights (n_scored: a signal whose every weighted component lacks information has none), and the
    mean, min and max of those credibilities (NaN when none is scored).

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    scores = reuse_or_score(known, weights, scores)
    speaker = roll_up_signals(known, roll_up).set_index("signal_id")["actor_id"]
    scores = scores.assign(actor_id=scores["signal_id"].map(speaker).astype("str"))
    actors = (
        scores.groupby("actor_id", sort=True)
        .agg(n_signals=("signal_id", "size"), n_scored=("credibility", "count"),
             mean_credibility=("credibility", lambda values: exact.mean(values.dropna())),
             min_credibility=("credibility", "min"), max_credibility=("credibility", "max"))
        .reset_index()
    )
    return name_actors_and_topics(actors, known)
