"""Analysis of competing hypotheses (Heuer): which explanation does the evidence refute least?

Evidence is counted by piece (`signalbrief.evidence`): the rows of one utterance or report
are one piece, so a remark coded as three signals, or the same words coded twice, counts
once. A piece weighs against a hypothesis with its strongest rated row:
max over its rows of credibility x (1 for I, 2 for II). Heuer ranks hypotheses by
inconsistency only, because evidence consistent with several hypotheses proves little
while one solid inconsistency can refute: weighted inconsistency = the sum over pieces.
Weighted consistency (1 for C, 2 for CC, same rule) is reported for information.

A tie is a tie: hypotheses equal in weighted inconsistency (to TIE_DECIMALS) share rank 1,
every tied one leads, and a draw in which several tie shares its lead among them. Nothing
depends on the order of identifiers.

The probability model (`posterior_probabilities`) reads the ratings as likelihoods. Given
that exactly one of the listed hypotheses is true (they are written to be mutually
exclusive) and with no prior preference among them, each piece of evidence is
`INCONSISTENCY_LIKELIHOOD_RATIO` times less likely under a hypothesis it is inconsistent
with (I) than under one it does not contradict, and that ratio squared for II; C, CC and N
leave the odds alone (Heuer: consistency proves little, since the same evidence is
usually consistent with other hypotheses too). Credibility is the weight of evidence: a
piece of credibility c counts with its likelihood raised to the power c (a tempered
likelihood), so an incredible report moves nothing and a fully credible one moves the
odds by the whole ratio. Multiplying over pieces gives the posterior

    P(h) = r ** -WI(h) / sum over k of r ** -WI(k),   r = INCONSISTENCY_LIKELIHOOD_RATIO,

where WI is the weighted inconsistency above. It ranks the hypotheses exactly as ACH
does, gives tied hypotheses equal probability, and is printed clamped to ICD 203's
1-99% (`signalbrief.judgments`). The share of resampled draws in which a hypothesis
leads (`hypothesis_support`) measures how robust the ranking is to the weights and to
the evidence drawn, not how likely the hypothesis is.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from signalbrief.asof import AsOf, filter_as_of
from signalbrief.case import Case
from signalbrief.credibility import COMPONENTS, TIE_DECIMALS, reuse_or_score, weighted_credibility
from signalbrief.evidence import OWN_VOICE_PREFIX
from signalbrief.sensitivity import DEFAULT_CONCENTRATION, sample_weights
from signalbrief.wording import join_words, quote

RATING_VALUES = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
INCONSISTENCY_WEIGHTS = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2}
CONSISTENCY_WEIGHTS = {"CC": 2, "C": 1, "N": 0, "I": 0, "II": 0}
# How many times less likely one fully credible inconsistent (I) piece of evidence is under
# the hypothesis it contradicts than under one it does not (II: this squared).
INCONSISTENCY_LIKELIHOOD_RATIO = 2.0
# Two hypotheses are in contention while the probability that one rather than the other is
# true stays within ICD 203's "roughly even chance" band (45-55%).
EVEN_CHANCE_LOWER = 0.45


def share_leads(inconsistency: np.ndarray) -> np.ndarray:
    """Along the last axis: 1/k for each of the k least inconsistent hypotheses (to TIE_DECIMALS), else 0."""
    rounded = np.round(inconsistency, TIE_DECIMALS)
    is_least = rounded == rounded.min(axis=-1, keepdims=True)
    return is_least / is_least.sum(axis=-1, keepdims=True)


def posterior_probabilities(weighted_inconsistency: np.ndarray) -> np.ndarray:
    """The probability model of the module docstring, along the last axis (ties exactly equal)."""
    rounded = np.round(np.asarray(weighted_inconsistency, dtype=float), TIE_DECIMALS)
    odds = INCONSISTENCY_LIKELIHOOD_RATIO ** -(rounded - rounded.min(axis=-1, keepdims=True))
    return odds / odds.sum(axis=-1, keepdims=True)


def in_contention(probability: np.ndarray) -> np.ndarray:
    """Hypotheses whose odds against the most probable one are within the even-chance band."""
    probability = np.asarray(probability, dtype=float)
    best = probability.max()
    return probability / (probability + best) >= EVEN_CHANCE_LOWER - 10.0**-TIE_DECIMALS


def sorted_hypotheses(case: Case) -> pd.DataFrame:
    """The hypotheses in hypothesis_id order, the column order of every matrix here."""
    return case.hypotheses.sort_values("hypothesis_id").reset_index(drop=True)


def describe_content(rows: pd.DataFrame, ratings: pd.DataFrame, hypotheses: pd.DataFrame) -> pd.Series:
    """Per scored row, a text of everything that decides its weight in any draw, and no id:
    its credibility components (exact, as hexadecimal floats) and its ratings, hypothesis by
    hypothesis in the order of their labels and statements (so neither signal nor hypothesis
    ids order it). `RatedEvidence` orders the pieces of evidence by it."""
    components = rows[list(COMPONENTS)].to_numpy(dtype=float)
    numbers = [";".join("nan" if value != value else float.hex(value) for value in row) for row in components.tolist()]
    by_content = hypotheses.sort_values(["label", "statement", "hypothesis_id"])["hypothesis_id"].to_numpy()
    wide = (ratings.pivot_table(index="signal_id", columns="hypothesis_id", values="rating", aggfunc="first")
            .reindex(index=rows["signal_id"].to_numpy(), columns=by_content)) if len(ratings) else None
    rated = ([";".join("-" if value != value else str(value) for value in row)
              for row in wide.astype("object").to_numpy().tolist()] if wide is not None else [""] * len(rows))
    return pd.Series([f"{left}|{right}" for left, right in zip(numbers, rated)], index=rows.index, dtype="str")


class RatedEvidence:
    """The rated signals grouped into pieces of evidence, with their rating matrices.

    rows: the scored rated signals, piece by piece; starts: the first row of each piece.
    Pieces come in the order of their content (`describe_content`), not of their ids, so the
    draws that resample pieces and the sums over them do not change when ids are renamed;
    pieces of the same content, which only their ids tell apart, weigh the same in every
    draw, so their order (by evidence_id) changes no number; pieces: one representative row per piece (its most credible row,
    then by its content: quote, summary, reporting, kind, stance, date, outlet name; by id only where no content differs),
    with `signal_ids` and `is_own_voice` (an inference in the
    publication's own voice); against / for_: rows x hypotheses inconsistency and
    consistency weights.
    """

    def __init__(self, case: Case, scores: pd.DataFrame):
        self.hypotheses = sorted_hypotheses(case)
        ratings = case.ach[["hypothesis_id", "signal_id", "rating"]].assign(
            rating=case.ach["rating"].astype("str"))
        rows = scores[scores["signal_id"].isin(ratings["signal_id"])]
        rows = rows.assign(content=describe_content(rows, ratings, self.hypotheses))
        piece_content = rows.groupby("evidence_id", sort=False)["content"].agg(lambda keys: "\n".join(sorted(keys)))
        rows = rows.assign(piece_content=rows["evidence_id"].map(piece_content))
        self.rows = (rows.sort_values(["piece_content", "evidence_id", "signal_id"])
                     .drop(columns=["content", "piece_content"]).reset_index(drop=True))
        self.ratings = ratings
        self.against = self.matrix(INCONSISTENCY_WEIGHTS)
        self.for_ = self.matrix(CONSISTENCY_WEIGHTS)
        evidence_ids = self.rows["evidence_id"].to_numpy()
        is_start = np.ones(len(evidence_ids), dtype=bool)
        is_start[1:] = evidence_ids[1:] != evidence_ids[:-1]
        self.starts = np.flatnonzero(is_start)
        piece_number = np.cumsum(is_start) - 1
        # The representative is chosen by content (a piece's rows may differ in how they are reported,
        # which decides whether the piece is the publication's own voice), and by id only among rows
        # that no content tells apart.
        content = ["quote", "summary", "reporting", "kind", "stance", "signal_date", "outlet_name"]
        ordered = self.rows.assign(piece=piece_number).sort_values(
            ["piece", "credibility", *content, "signal_id"], ascending=[True, False, *(True for _ in content), True])
        representative = ordered.drop_duplicates("piece")
        signal_ids = [";".join(sorted(ids)) for ids in np.split(self.rows["signal_id"].to_numpy(), self.starts[1:])]
        self.pieces = representative.reset_index(drop=True).assign(
            signal_ids=signal_ids if len(self.starts) else [],
            is_own_voice=representative["report_id"].str.startswith(OWN_VOICE_PREFIX).to_numpy())

    def matrix(self, lookup: dict[str, float]) -> np.ndarray:
        """Rows x hypotheses matrix of `lookup[rating]` (0 where a pair is not rated)."""
        row_of = pd.Series(np.arange(len(self.rows)), index=self.rows["signal_id"].to_numpy())
        column_of = pd.Series(np.arange(len(self.hypotheses)), index=self.hypotheses["hypothesis_id"].to_numpy())
        rows = self.ratings["signal_id"].map(row_of).to_numpy()
        columns = self.ratings["hypothesis_id"].map(column_of).to_numpy()
        known = ~(pd.isna(rows) | pd.isna(columns))
        matrix = np.zeros((len(self.rows), len(self.hypotheses)))
        np.add.at(matrix, (rows[known].astype(np.int64), columns[known].astype(np.int64)),
                  self.ratings["rating"].map(lookup).to_numpy(dtype=float)[known])
        return matrix

    def per_piece(self, credibility: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Pieces x draws x hypotheses: each piece's strongest row, credibility (rows x draws) x weight."""
        contributions = np.nan_to_num(credibility)[:, :, None] * weights[:, None, :]
        return np.maximum.reduceat(contributions, self.starts, axis=0)

    def default_credibility(self) -> np.ndarray:
        """The rows' credibility under the chosen weights, as rows x 1 draw."""
        return self.rows["credibility"].to_numpy(dtype=float)[:, None]

    def __len__(self) -> int:
        return len(self.starts)


def gather_evidence(case: Case, weights: dict[str, float] | None, scores: pd.DataFrame | None,
                    evidence: RatedEvidence | None) -> RatedEvidence:
    """The caller's `RatedEvidence` of this case and scores, or a fresh one (run_analysis builds it once)."""
    return RatedEvidence(case, reuse_or_score(case, weights, scores)) if evidence is None else evidence


def sum_pieces(per_piece: np.ndarray, counts: np.ndarray | None = None) -> np.ndarray:
    """Draws x hypotheses: the sum over pieces (in piece order) of each piece's weight, times
    how often each draw drew it (`counts`, draws x pieces; once each if None)."""
    total = np.zeros(per_piece.shape[1:])
    for piece in range(per_piece.shape[0]):
        times = 1.0 if counts is None else counts[:, piece, None]
        total += times * per_piece[piece]
    return total


def score_hypotheses(case: Case, weights: dict[str, float] | None = None,
                     as_of: AsOf = None, *, scores: pd.DataFrame | None = None,
                     evidence: RatedEvidence | None = None) -> pd.DataFrame:
    """One row per hypothesis, leaders first: weighted inconsistency and consistency over pieces of
    evidence, the model's probability, rank (tied hypotheses share it) and leader flags.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    evidence = gather_evidence(known, weights, scores, evidence)
    hypotheses = evidence.hypotheses
    n_hypotheses = len(hypotheses)
    if len(evidence):
        credibility = evidence.default_credibility()
        against = evidence.per_piece(credibility, evidence.against)[:, 0, :]
        support = evidence.per_piece(credibility, evidence.for_)[:, 0, :]
        rated_pieces = evidence.per_piece(np.ones_like(credibility), np.ones_like(evidence.against))[:, 0, :]
        inconsistent_pieces = evidence.per_piece(np.ones_like(credibility),
                                                 (evidence.against > 0).astype(float))[:, 0, :]
        inconsistency = sum_pieces(against[:, None, :])[0]
        consistency = sum_pieces(support[:, None, :])[0]
        n_rated = rated_pieces.sum(axis=0)
        n_inconsistent = inconsistent_pieces.sum(axis=0)
    else:
        inconsistency = consistency = n_rated = n_inconsistent = np.zeros(n_hypotheses)
    table = hypotheses[["hypothesis_id", "label", "statement"]].assign(
        weighted_inconsistency=inconsistency.astype(float),
        weighted_consistency=consistency.astype(float),
        n_inconsistent=np.asarray(n_inconsistent, dtype=np.int64),
        n_rated=np.asarray(n_rated, dtype=np.int64),
        probability=posterior_probabilities(inconsistency) if n_hypotheses else np.zeros(0),
    )
    rounded = table["weighted_inconsistency"].round(TIE_DECIMALS)
    table["rank"] = rounded.rank(method="min").astype(np.int64) if n_hypotheses else np.zeros(0, dtype=np.int64)
    table["is_leading"] = table["rank"] == 1
    table["is_tied_for_lead"] = table["is_leading"] & (table["is_leading"].sum() > 1)
    table["is_in_contention"] = in_contention(table["probability"].to_numpy()) if n_hypotheses else []
    return table.sort_values(["rank", "label"]).reset_index(drop=True)


def has_no_alternative(hypotheses: pd.DataFrame) -> bool:
    """Whether the case states one hypothesis only (`score_hypotheses` rows): the evidence is then
    tested against no alternative, so nothing that compares hypotheses applies (a probability, which
    the model would make certain by construction, diagnosticity, a margin, a ranking to resample)."""
    return len(hypotheses) == 1


def contenders(hypotheses: pd.DataFrame) -> pd.DataFrame:
    """The hypotheses still in contention (`score_hypotheses` rows): those in the even-chance band
    of the leader, or, when the leader stands alone, the leader and the runner-up(s)."""
    if hypotheses["is_in_contention"].sum() > 1 or len(hypotheses) < 2:
        return hypotheses[hypotheses["is_in_contention"]]
    runner_up_rank = hypotheses.loc[~hypotheses["is_leading"], "rank"].min()
    return hypotheses[hypotheses["is_leading"] | (hypotheses["rank"] == runner_up_rank)]


def evidence_diagnosticity(case: Case, weights: dict[str, float] | None = None,
                           as_of: AsOf = None, *, scores: pd.DataFrame | None = None,
                           evidence: RatedEvidence | None = None, ranked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per rated signal: how far it separates the hypotheses in contention, 0 (not at all) to 1.

    Only the differences the score uses count: diagnosticity = (max - min of the inconsistency
    weight, 0 for CC/C/N, 1 for I, 2 for II) / 2 over the hypotheses in contention
    (`contenders`); `rating_spread` keeps Heuer's spread of all five ratings over every
    hypothesis, (max - min rating value) / 4, for reference. One `rating_<hypothesis_id>`
    column per hypothesis holds the ratings.
    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    evidence = gather_evidence(known, weights, scores, evidence)
    hypotheses = evidence.hypotheses
    ranked = score_hypotheses(known, weights, evidence=evidence) if ranked is None else ranked
    rating_columns = [f"rating_{hypothesis_id}" for hypothesis_id in hypotheses["hypothesis_id"]]
    if len(evidence) == 0:
        return pd.DataFrame(columns=["signal_id", "evidence_id", "actor_id", "actor_name", "summary", "credibility",
                                     "diagnosticity", "rating_spread", *rating_columns])
    in_play = hypotheses["hypothesis_id"].isin(contenders(ranked)["hypothesis_id"]).to_numpy()
    rows = evidence.rows
    against = evidence.against[:, in_play]
    separation = ((against.max(axis=1) - against.min(axis=1)) / 2 if against.shape[1]
                  else np.zeros(len(rows)))
    values = evidence.ratings["rating"].map(RATING_VALUES).astype(float)
    spread = values.groupby(evidence.ratings["signal_id"]).agg(["max", "min"])
    wide = (evidence.ratings.pivot(index="signal_id", columns="hypothesis_id", values="rating")
            .reindex(columns=hypotheses["hypothesis_id"].to_numpy()))
    wide.columns = [f"rating_{hypothesis_id}" for hypothesis_id in wide.columns]
    table = rows[["signal_id", "evidence_id", "actor_id", "actor_name", "summary", "credibility"]].assign(
        diagnosticity=separation.astype(float),
        rating_spread=rows["signal_id"].map((spread["max"] - spread["min"]) / 4.0).astype(float))
    table = table.merge(wide.reset_index(), on="signal_id", how="left", validate="one_to_one")
    return table.sort_values(["diagnosticity", "rating_spread", "credibility", "summary", "actor_name", "signal_id"],
                             ascending=[False, False, False, True, True, True]).reset_index(drop=True)


def leader_set(inconsistency: np.ndarray) -> np.ndarray:
    """Boolean mask of the least inconsistent hypotheses (ties all lead)."""
    return share_leads(inconsistency) > 0


def leave_one_out(case: Case, weights: dict[str, float] | None = None,
                  as_of: AsOf = None, *, scores: pd.DataFrame | None = None,
                  evidence: RatedEvidence | None = None) -> pd.DataFrame:
    """Per piece of evidence: the leader(s) without it, and how the leaders' margin moves.

    margin = least inconsistency among the hypotheses that do not lead - the leaders' (0 when
    two or more tie for the lead); margin_without is the same for the original leaders with
    the piece removed (negative means they lost the lead). Critical evidence changes who
    leads; if none does, the pieces that shrink the margin most are critical. Each row names
    the piece by its most credible signal; `signal_ids` lists all of its rated signals.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    evidence = gather_evidence(known, weights, scores, evidence)
    hypotheses = evidence.hypotheses
    columns = ["signal_id", "signal_ids", "evidence_id", "actor_id", "actor_name", "summary", "credibility",
               "is_own_voice", "leader_without", "leader_without_label", "changes_leader", "margin",
               "margin_without", "margin_change", "is_critical"]
    if len(hypotheses) == 0 or len(evidence) == 0:
        return pd.DataFrame(columns=columns)
    per_piece = evidence.per_piece(evidence.default_credibility(), evidence.against)[:, 0, :]
    total = sum_pieces(per_piece[:, None, :])[0]
    without = total[None, :] - per_piece
    leaders = leader_set(total)
    leaders_without = leader_set(without)
    ids = hypotheses["hypothesis_id"].to_numpy()
    labels = hypotheses["label"].astype("str").to_numpy()
    if leaders.all():
        margin, margin_without = 0.0, np.zeros(len(evidence))
    elif leaders.sum() > 1:
        margin = 0.0
        margin_without = without[:, ~leaders].min(axis=1) - without[:, leaders].min(axis=1)
    else:
        margin = float(total[~leaders].min() - total[leaders].min())
        margin_without = without[:, ~leaders].min(axis=1) - without[:, leaders].min(axis=1)
    table = evidence.pieces[["signal_id", "signal_ids", "evidence_id", "actor_id", "actor_name", "summary",
                             "credibility", "is_own_voice"]].assign(
        leader_without=[";".join(sorted(ids[mask])) for mask in leaders_without],
        leader_without_label=[join_words([quote(label) for label in sorted(labels[mask])])
                              for mask in leaders_without],
        changes_leader=(leaders_without != leaders[None, :]).any(axis=1),
        margin=margin,
        margin_without=np.round(margin_without, TIE_DECIMALS),
        margin_change=np.round(margin_without - margin, TIE_DECIMALS),
    )
    if table["changes_leader"].any():
        table["is_critical"] = table["changes_leader"]
    else:
        shrink = table["margin_change"].min()
        table["is_critical"] = (table["margin_change"] == shrink) & (shrink < 0)
    # What a finding says of each piece orders those that tie (it lists them in this order): its summary,
    # who said it and whether it is the publication's own inference; the id only after these.
    return table[columns].sort_values(["is_critical", "margin_change", "summary", "actor_name", "is_own_voice",
                                       "signal_id"],
                                      ascending=[False, True, True, True, True, True]).reset_index(drop=True)


def leaders_without_own_voice(case: Case, weights: dict[str, float] | None = None, *,
                              scores: pd.DataFrame | None = None,
                              evidence: RatedEvidence | None = None) -> pd.DataFrame:
    """The hypotheses (id and label) that would lead if the publication's own inferences were set
    aside, to show whether the lead rests on them; empty when nothing else is rated."""
    evidence = gather_evidence(case, weights, scores, evidence)
    kept = ~evidence.pieces["is_own_voice"].to_numpy()
    columns = evidence.hypotheses[["hypothesis_id", "label"]]
    if len(evidence.hypotheses) == 0 or not kept.any():
        return columns.iloc[0:0]
    per_piece = evidence.per_piece(evidence.default_credibility(), evidence.against)[kept]
    return columns[leader_set(sum_pieces(per_piece)[0])].reset_index(drop=True)


def sample_draws(evidence: RatedEvidence, weights: dict[str, float] | None, n_samples: int,
                 seed: int) -> np.ndarray:
    """Draws x hypotheses weighted inconsistency: each draw a Dirichlet weighting (as in
    `weight_sensitivity`) and a bootstrap resample of the pieces of evidence."""
    rng = np.random.default_rng(seed)
    sampled = sample_weights(weights, n_samples, DEFAULT_CONCENTRATION, rng)
    n_pieces = len(evidence)
    counts = rng.multinomial(n_pieces, np.full(n_pieces, 1.0 / n_pieces), size=n_samples).astype(float)
    components = evidence.rows[list(COMPONENTS)].to_numpy(dtype=float)
    credibility = weighted_credibility(sampled.T, components).T
    return sum_pieces(evidence.per_piece(credibility, evidence.against), counts)


def hypothesis_support(case: Case, weights: dict[str, float] | None = None, n_samples: int = 1000,
                       seed: int = 0, as_of: AsOf = None, *,
                       scores: pd.DataFrame | None = None,
                       evidence: RatedEvidence | None = None) -> pd.DataFrame:
    """How robust the ranking is: the share of draws in which each hypothesis leads.

    Each draw combines a Dirichlet weighting with a bootstrap resample of the pieces of
    evidence; a draw in which k hypotheses tie gives each 1/k (`n_leads` may be
    fractional). This is robustness, not probability (the module docstring). Also, per
    hypothesis, its gap in weighted inconsistency to the leaders (`gap_to_leader`, with
    all the evidence and the chosen weights) and that gap's standard deviation over the
    draws (`gap_sd`), its noise. With no rated evidence, support is missing (NaN). Same
    seed gives identical output.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    evidence = gather_evidence(known, weights, scores, evidence)
    hypotheses = evidence.hypotheses
    table = hypotheses[["hypothesis_id", "label"]].copy()
    if len(evidence) == 0 or len(hypotheses) == 0:
        return table.assign(n_leads=0.0, support=np.nan, gap_to_leader=np.nan, gap_sd=np.nan)
    draws = sample_draws(evidence, weights, n_samples, seed)
    n_leads = share_leads(draws).sum(axis=0)
    total = sum_pieces(evidence.per_piece(evidence.default_credibility(), evidence.against))[0]
    leaders = leader_set(total)
    gaps = draws - draws[:, leaders].min(axis=1, keepdims=True)
    table = table.assign(n_leads=n_leads, support=n_leads / n_samples,
                         gap_to_leader=np.round(total - total[leaders].min(), TIE_DECIMALS),
                         gap_sd=gaps.std(axis=0))
    return table.sort_values(["support", "label"], ascending=[False, True]).reset_index(drop=True)


def leader_weight_stability(case: Case, weights: dict[str, float] | None = None,
                            n_samples: int = 1000, seed: int = 0, as_of: AsOf = None, *,
                            scores: pd.DataFrame | None = None,
                            evidence: RatedEvidence | None = None) -> float:
    """Share of Dirichlet weightings (evidence fixed) under which the same hypotheses lead.

    `scores`: this case's `score_signals` output for the same weights and as_of, when the
    caller has it already (run_analysis scores once for every table)."""
    known = filter_as_of(case, as_of)
    evidence = gather_evidence(known, weights, scores, evidence)
    if len(evidence.hypotheses) == 0 or len(evidence) == 0:
        return float("nan")
    rng = np.random.default_rng(seed)
    sampled = sample_weights(weights, n_samples, DEFAULT_CONCENTRATION, rng)
    leaders = leader_set(sum_pieces(evidence.per_piece(evidence.default_credibility(), evidence.against))[0])
    components = evidence.rows[list(COMPONENTS)].to_numpy(dtype=float)
    credibility = weighted_credibility(sampled.T, components).T
    draw_leaders = leader_set(sum_pieces(evidence.per_piece(credibility, evidence.against)))
    return float((draw_leaders == leaders[None, :]).all(axis=1).mean())
