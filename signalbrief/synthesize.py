"""Write a synthetic case folder of any size, valid under the canonical schema.

Why: the analysis and the rendering must scale past one short article, and tests need
cases whose size we choose. Everything is invented from small word lists (fictional
countries, people, outlets and issues) and drawn with `numpy.random.default_rng(seed)`,
so the same arguments always give the same bytes. The source text is generated
sentence by sentence and every quote is recorded with its offsets as it is placed,
never searched for afterwards.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from signalbrief.asof import known_from
from signalbrief.casefiles import load_schema
from signalbrief.errors import InputError, Problem
from signalbrief.wording import count

YEAR_START = np.datetime64("2021-01-01")
DAYS_IN_YEAR = 365
PUBLISHED_DATE = "2022-01-15"
SENTENCES_PER_PARAGRAPH = 6

COUNTRIES = [
    ("Arvenia", "Arvenian"), ("Belmora", "Belmoran"), ("Corvalia", "Corvalian"),
    ("Dravosk", "Dravoskan"), ("Estmere", "Estmerian"), ("Felvaria", "Felvarian"),
    ("Galdoria", "Galdorian"), ("Harrowmark", "Harrowmarkian"), ("Istrava", "Istravan"),
    ("Juneland", "Junelander"), ("Kestovia", "Kestovian"), ("Lorvane", "Lorvanian"),
]
FIRST_NAMES = [
    "Mara", "Tomas", "Ilse", "Viktor", "Anneli", "Bruno", "Cyra", "Dario", "Elin", "Feodor",
    "Greta", "Hallam", "Irena", "Jasper", "Kaija", "Lukas", "Mirela", "Nikos", "Oona", "Pavel",
]
LAST_NAMES = [
    "Kessel", "Varga", "Lindqvist", "Morrow", "Octavian", "Petrash", "Quill", "Rademaker",
    "Stenholm", "Tarkovic", "Ulvaeus", "Vollan", "Wexley", "Yarrow", "Zelenka", "Aldous",
    "Brandt", "Castellan", "Dunmore", "Ekström",
]
PERSON_ROLES = [
    "foreign minister", "defence minister", "trade envoy", "opposition leader",
    "presidential spokesperson", "deputy prime minister", "senior adviser", "ambassador",
]
AGENCY_NAMES = [
    "Ministry of Trade", "Customs Service", "Water Authority", "Fisheries Agency", "Statistics Office",
    "Ports Authority",
]
GROUP_NAMES = ["Coalition for Open Markets", "Veterans’ League", "Committee for Restraint", "Green Harbour Alliance"]
FIRM_NAMES = ["Shipyards", "Aerospace Works", "Energy Holdings", "Machine Tools"]
LEGISLATURE_NAMES = ["National Assembly", "Senate", "Parliament"]
MEDIA_NAMES = ["Broadcasting Service", "State Television"]
ORGANIZATION_NAMES = ["Regional Trade Forum", "Maritime Trade Council", "River Basin Commission"]
# Non-government actor kinds and how often each occurs; governments are made first, one per country.
ACTOR_KINDS = ["person", "agency", "group", "firm", "legislature", "media", "international_organization"]
ACTOR_KIND_WEIGHTS = [0.5, 0.15, 0.1, 0.1, 0.06, 0.04, 0.05]
SHARE_GOVERNMENTS = 0.15
SHARE_WITH_PARENT = 0.2

OUTLETS = [
    ("wire", "Northwind Wire", "news_agency"),
    ("ledger", "The Harbour Ledger", "newspaper"),
    ("meridian", "Meridian Daily", "newspaper"),
    ("earlier_reports", "this publication’s earlier reports", "same_publication"),
    ("this_article", "this article", "this_article"),
    ("unnamed_officials", "unnamed officials", "unattributed"),
]
RELIABILITIES = ["A", "B", "C", "D", "E", "F"]
RELIABILITY_WEIGHTS = [0.05, 0.35, 0.35, 0.1, 0.05, 0.1]

ISSUES = [
    "port access agreement", "grain export quota", "pipeline transit fee", "weather satellite programme",
    "fishing rights treaty", "river dam project", "border demarcation", "gas price deal",
    "airline landing rights", "tariff reduction", "free trade zone", "visa waiver scheme",
    "refugee return plan", "currency swap line", "rail corridor project", "carbon levy",
]
ISSUE_QUALIFIERS = ["", "northern ", "coastal ", "revised ", "second ", "interim ", "regional ", "long-term "]

# Each stance is written as the sender's view of the topic's proposition.
STANCE_VIEWS = {-2: "unacceptable", -1: "premature", 0: "an open question", 1: "worth pursuing", 2: "essential"}
STANCE_WORDS = {-2: "rejects", -1: "doubts", 0: "is neutral on", 1: "leans towards", 2: "endorses"}
SIGNAL_KINDS = ["statement", "commitment", "demand", "claim", "denial", "assessment", "action", "law"]
SIGNAL_KIND_WEIGHTS = [0.3, 0.1, 0.1, 0.15, 0.1, 0.14, 0.08, 0.03]
REPORTINGS = ["direct_quote", "reported_speech", "paraphrase", "article_inference"]
REPORTING_WEIGHTS = [0.3, 0.35, 0.25, 0.1]
HEDGINGS = ["unconditional", "conditional", "hedged"]
HEDGING_WEIGHTS = [0.6, 0.2, 0.2]
CONDITIONAL_PHRASES = ["provided the talks resume", "as long as its partners agree", "subject to a review", "if sanctions are eased"]
HEDGED_PHRASES = ["at least for now", "though this may change", "it was reportedly said", "perhaps"]
AUDIENCES = ["reporters", "parliament", "foreign diplomats", "a press conference", "party members"]
PRECISIONS = ["day", "month", "year", "before"]
SIGNAL_PRECISION_WEIGHTS = [0.8, 0.1, 0.03, 0.07]
EVENT_PRECISION_WEIGHTS = [0.7, 0.15, 0.05, 0.1]
EVENT_KINDS = ["agreement", "contract", "law", "deadline", "visit", "speech", "statement", "report", "accession"]
EVENT_KIND_WEIGHTS = [0.15, 0.1, 0.05, 0.1, 0.2, 0.15, 0.15, 0.07, 0.03]
EVENT_VERBS = {
    "agreement": "signed an agreement on", "contract": "concluded a contract on", "law": "adopted a law on",
    "deadline": "faced a deadline on", "visit": "held a visit about", "speech": "gave a speech on",
    "statement": "issued a statement on", "report": "published a report on", "accession": "acceded to a pact on",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
RATINGS = ["II", "I", "N", "C", "CC"]
HYPOTHESES = [
    ("Deliberate signalling", "The senders are deliberately signalling resolve to each other."),
    ("Domestic audience", "The signals are aimed mainly at audiences at home."),
    ("Bargaining", "The signals are opening positions in a bargain for concessions."),
    ("Economic pressure", "The signals follow from economic pressure on the senders."),
    ("Coalition realignment", "The signals mark a shift in who sides with whom."),
    ("Misreporting", "The signals are artefacts of how the outlets reported them."),
]
SHARE_LINKS = 0.2
SHARE_EVENTS = 0.1
SHARE_RATED = 0.2
MAX_RATED = 200
SHARE_TARGETED = 0.25
SHARE_WITH_EVENT = 0.2


def synthesize_case(out_dir, n_signals: int, n_actors: int, n_topics: int,
                    seed: int = 0, n_hypotheses: int = 3) -> Path:
    """Write a complete synthetic case (source.txt, datapackage.json, eight CSVs) to
    `out_dir` and return its path. `out_dir` must be missing or empty, so a real case is
    never overwritten. Raises InputError for impossible sizes."""
    out_dir = Path(out_dir)
    check_arguments(out_dir, n_signals, n_actors, n_topics, n_hypotheses)
    rng = np.random.default_rng(seed)
    schema = load_schema()

    outlets = draw_outlets(rng)
    actors, leanings = draw_actors(rng, n_actors)
    topics, loadings = draw_topics(rng, n_topics)
    events = draw_events(rng, max(1, round(n_signals * SHARE_EVENTS)), actors, topics, outlets)
    signals = draw_signals(rng, n_signals, actors, leanings, topics, loadings, events, outlets)
    links = draw_links(rng, signals, topics)
    hypotheses = draw_hypotheses(n_hypotheses)
    ach = draw_ach(rng, signals, hypotheses)

    headline = f"What {n_actors} actors signalled on {n_topics} questions – a synthetic brief"
    source = place_quotes([
        (pd.Series([headline], dtype="str"), None),
        (outlets.pop("sentence"), outlets),
        (actors.pop("sentence"), actors),
        (events.pop("sentence"), events),
        (signals.pop("sentence"), signals),
    ])

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "source.txt").write_text(source, encoding="utf-8", newline="")
    tables = {"outlets": outlets, "actors": actors, "topics": topics, "events": events,
              "signals": signals, "links": links, "hypotheses": hypotheses, "ach": ach}
    for resource in schema["resources"]:
        columns = [field["name"] for field in resource["schema"]["fields"]]
        tables[resource["name"]][columns].to_csv(
            out_dir / resource["path"], index=False, encoding="utf-8", lineterminator="\n")
    package = {
        "profile": schema["profile"],
        "name": f"synthetic-s{seed}-n{n_signals}-a{n_actors}-t{n_topics}",
        "title": f"Synthetic case: {count(n_signals, 'signal')}, {count(n_actors, 'actor')}, {count(n_topics, 'topic')} "
                 f"(seed {seed})",
        "signalbrief_schema_version": schema["signalbrief_schema_version"],
        "signalbrief_case": {
            "published_date": PUBLISHED_DATE, "published_date_precision": "day",
            "published_date_rationale": "Synthetic: two weeks after the year the synthetic signals span.",
            "source": "source.txt",
        },
        "resources": schema["resources"],
    }
    (out_dir / "datapackage.json").write_text(
        json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="")
    return out_dir


def check_arguments(out_dir: Path, n_signals: int, n_actors: int, n_topics: int, n_hypotheses: int) -> None:
    """Refuse sizes that cannot make a valid case, and folders that already hold files."""
    problems = []
    for name, value, minimum in (("signals", n_signals, 1), ("actors", n_actors, 2),
                                 ("topics", n_topics, 1), ("hypotheses", n_hypotheses, 1)):
        if not isinstance(value, (int, np.integer)) or value < minimum:
            problems.append(Problem(path="synthesize", column=f"--{name}",
                                    message=f"must be a whole number of at least {minimum}, got {value!r}"))
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        problems.append(Problem(path=str(out_dir),
                                message="already exists and is not an empty folder; choose a new one"))
    if problems:
        raise InputError(problems)


def draw_outlets(rng: np.random.Generator) -> pd.DataFrame:
    """The handful of sources every synthetic article cites, graded mostly B or C."""
    ids, names, kinds = (list(column) for column in zip(*OUTLETS))
    reliability = rng.choice(RELIABILITIES, size=len(ids), p=RELIABILITY_WEIGHTS)
    outlets = pd.DataFrame({"outlet_id": ids, "name": names, "kind": kinds, "reliability": reliability})
    # Synthetic sources carry no citation dates: their signals count from their own dates (as_of).
    outlets["cited_date"] = ""
    outlets["cited_date_precision"] = ""
    outlets["sentence"] = "Much of what follows comes from " + outlets["name"] + "."
    outlets["quote_offset"] = len("Much of what follows comes from ")
    outlets["quote_length"] = outlets["name"].str.len()
    outlets["rationale"] = "Synthetic grade " + outlets["reliability"] + ", drawn to favour B and C."
    return outlets


def draw_actors(rng: np.random.Generator, n_actors: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Governments (one per country, up to the list), then people, agencies, groups and
    others; about a fifth belong to their country's government. Returns the table and
    each actor's leaning in [-1, 1], which sets its stances."""
    n_governments = min(len(COUNTRIES), max(1, round(n_actors * SHARE_GOVERNMENTS)))
    n_others = n_actors - n_governments
    kind = np.concatenate([np.full(n_governments, "government"),
                           rng.choice(ACTOR_KINDS, size=n_others, p=ACTOR_KIND_WEIGHTS)]).astype(object)
    country_index = np.concatenate([np.arange(n_governments), rng.integers(0, n_governments, size=n_others)])
    country = np.array([name for name, _ in COUNTRIES], dtype=object)[country_index]
    adjective = np.array([adj for _, adj in COUNTRIES], dtype=object)[country_index]
    serial = np.arange(n_actors)

    is_person = kind == "person"
    person_rank = np.cumsum(is_person) - 1
    n_name_pairs = len(FIRST_NAMES) * len(LAST_NAMES)
    # Walk the 20 x 20 grid of names diagonally so neighbours differ in both names: for a
    # given first name the last-name index moves on by one each lap, so the first 400
    # people all get different names.
    first = np.array(FIRST_NAMES, dtype=object)[person_rank % len(FIRST_NAMES)]
    last = np.array(LAST_NAMES, dtype=object)[(7 * person_rank + person_rank // len(FIRST_NAMES)) % len(LAST_NAMES)]
    generation = person_rank // n_name_pairs
    person_name = first + " " + last + np.where(generation > 0, " " + (generation + 1).astype(str), "").astype(object)

    rank_in_kind = pd.Series(kind).groupby(kind).cumcount().to_numpy()

    def pick(words: list[str]) -> np.ndarray:
        return np.array(words, dtype=object)[rank_in_kind % len(words)]

    name = np.select(
        [kind == "government", is_person, kind == "agency", kind == "group", kind == "firm",
         kind == "legislature", kind == "media"],
        ["the government of " + country, person_name, "the " + adjective + " " + pick(AGENCY_NAMES),
         "the " + pick(GROUP_NAMES), adjective + " " + pick(FIRM_NAMES),
         "the " + adjective + " " + pick(LEGISLATURE_NAMES), "the " + adjective + " " + pick(MEDIA_NAMES)],
        "the " + pick(ORGANIZATION_NAMES)).astype(object)
    # Display names are unique: a repeated non-person name gets the actor's serial.
    repeated = pd.Series(name).duplicated().to_numpy() & ~is_person
    name = np.where(repeated, name + " (" + (serial + 1).astype(str) + ")", name).astype(object)
    country = np.where(kind == "international_organization", "international", country).astype(object)
    role = np.select(
        [kind == "government", is_person, kind == "international_organization"],
        ["government of " + country, pick(PERSON_ROLES), "international body"],
        kind.astype(str)).astype(object)
    role = np.where(is_person, role + " of " + country, role).astype(object)

    can_have_parent = (kind == "person") | (kind == "agency")
    has_parent = can_have_parent & (rng.random(n_actors) < SHARE_WITH_PARENT / max(can_have_parent.mean(), 1e-9))
    id_prefix = np.where(kind == "international_organization", "organization", kind.astype(str))
    actor_id = np.char.add(np.char.add(id_prefix, "_"), np.char.zfill((serial + 1).astype(str), len(str(n_actors))))
    parent = np.where(has_parent, actor_id[country_index], None)

    # Two camps plus neutrals; members lean with their government.
    camp = rng.choice([-0.8, 0.0, 0.8], size=n_actors, p=[0.4, 0.2, 0.4])
    leaning = np.clip(camp + rng.normal(0, 0.2, size=n_actors), -1, 1)
    leaning = np.where(has_parent, np.clip(leaning[country_index] + rng.normal(0, 0.1, size=n_actors), -1, 1), leaning)

    actors = pd.DataFrame({"actor_id": actor_id, "name": name, "kind": kind, "country": country, "role": role,
                           "parent_actor_id": pd.array(parent, dtype="str")})
    intro = np.select([is_person, kind == "government", kind == "international_organization"],
                      [", " + role + ",", ", one of the governments concerned,", ", an international body,"],
                      ", based in " + country + ",")
    actors["sentence"] = pd.Series(capitalise(name) + intro + " is among the voices in this story.", dtype="str")
    actors["quote_offset"] = 0
    actors["quote_length"] = pd.Series(name + intro, dtype="str").str.len() - 1
    actors["rationale"] = np.where(has_parent, "Synthetic: belongs to the government of its country.",
                                   "Synthetic: a top-level actor.")
    return actors, leaning


def capitalise(texts: np.ndarray) -> np.ndarray:
    """Upper-case the first letter of each text, leaving the rest alone."""
    series = pd.Series(texts, dtype="str")
    return (series.str[:1].str.upper() + series.str[1:]).to_numpy(dtype=object)


def draw_topics(rng: np.random.Generator, n_topics: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Topics as propositions about invented issues. Returns the table and each topic's
    loading in [-1, 1]: how strongly a leaning translates into agreement."""
    serial = np.arange(n_topics)
    issue = np.array(ISSUES, dtype=object)[serial % len(ISSUES)]
    qualifier = np.array(ISSUE_QUALIFIERS, dtype=object)[(serial // len(ISSUES)) % len(ISSUE_QUALIFIERS)]
    round_number = serial // (len(ISSUES) * len(ISSUE_QUALIFIERS))
    label = qualifier + issue + np.where(round_number > 0, " " + (round_number + 1).astype(str), "").astype(object)
    topic_id = pd.Series(label, dtype="str").str.replace(r"[^a-z0-9]+", "_", regex=True)
    loading = rng.choice([-1.0, 1.0], size=n_topics) * rng.uniform(0.5, 1.0, size=n_topics)
    topics = pd.DataFrame({
        "topic_id": topic_id,
        "label": capitalise(label),
        "proposition": "The " + label + " should go ahead.",
        "rationale": "Synthetic question; a positive stance supports the " + label + ".",
    })
    return topics, loading


def draw_dates(rng: np.random.Generator, size: int, weights: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Dates over one year with a precision each; month and year precision round the
    date down as the schema says."""
    day = YEAR_START + rng.integers(0, DAYS_IN_YEAR, size=size).astype("timedelta64[D]")
    precision = rng.choice(PRECISIONS, size=size, p=weights)
    date = np.where(precision == "month", day.astype("datetime64[M]").astype("datetime64[D]"), day)
    date = np.where(precision == "year", day.astype("datetime64[Y]").astype("datetime64[D]"), date)
    return date.astype("datetime64[D]"), precision


def describe_dates(date: np.ndarray, precision: np.ndarray) -> pd.Series:
    """How an article would write each date at its precision, e.g. 'in March 2021'."""
    index = pd.DatetimeIndex(date)
    month = np.array(MONTHS, dtype=object)[index.month - 1]
    year = index.year.astype(str).to_numpy(dtype=object)
    full = index.day.astype(str).to_numpy(dtype=object) + " " + month + " " + year
    phrase = np.select(
        [precision == "day", precision == "month", precision == "year"],
        ["on " + full, "in " + month + " " + year, "in " + year], "by " + full)
    return pd.Series(phrase, dtype="str")


def draw_distinct(rng: np.random.Generator, base: np.ndarray, n_choices: int) -> np.ndarray:
    """For each index in `base`, another index in range(n_choices) that differs from it."""
    return (base + 1 + rng.integers(0, n_choices - 1, size=len(base))) % n_choices


def draw_third(rng: np.random.Generator, first: np.ndarray, second: np.ndarray, n_choices: int) -> np.ndarray:
    """For each pair of distinct indices, a third index that differs from both (the
    pair's own indices are skipped over); zeros when there are fewer than three choices."""
    if n_choices < 3:
        return np.zeros(len(first), dtype=int)
    third = rng.integers(0, n_choices - 2, size=len(first))
    low, high = np.minimum(first, second), np.maximum(first, second)
    third = third + (third >= low)
    return third + (third >= high)


def draw_events(rng: np.random.Generator, n_events: int, actors: pd.DataFrame,
                topics: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Dated events with one to three distinct actors each."""
    n_actors = len(actors)
    date, precision = draw_dates(rng, n_events, EVENT_PRECISION_WEIGHTS)
    kind = rng.choice(EVENT_KINDS, size=n_events, p=EVENT_KIND_WEIGHTS)
    first = rng.integers(0, n_actors, size=n_events)
    second = draw_distinct(rng, first, n_actors)
    third = draw_third(rng, first, second, n_actors)
    n_taking_part = np.minimum(rng.choice([1, 2, 3], size=n_events, p=[0.4, 0.4, 0.2]), n_actors)
    has_third = n_taking_part == 3
    ids, names = actors.actor_id.to_numpy(dtype=object), actors.name.to_numpy(dtype=object)
    actor_ids = ids[first] + np.where(n_taking_part >= 2, ";" + ids[second], "") + np.where(has_third, ";" + ids[third], "")
    actor_names = names[first] + np.where(n_taking_part >= 2, np.where(has_third, ", ", " and ") + names[second], "") \
        + np.where(has_third, " and " + names[third], "")
    topic = topics.label.str.lower().to_numpy(dtype=object)[rng.integers(0, len(topics), size=n_events)]
    outlet = rng.integers(0, len(outlets), size=n_events)
    serial = (np.arange(n_events) + 1).astype(str)
    verb = pd.Series(kind).map(EVENT_VERBS).to_numpy(dtype=object)
    summary = capitalise(actor_names) + " " + verb + " the " + topic + "."
    when = describe_dates(date, precision)
    events = pd.DataFrame({
        "event_id": "event_" + np.char.zfill(serial, len(str(n_events))).astype(object),
        "event_date": np.datetime_as_string(date, unit="D"),
        "event_date_precision": precision,
        "kind": kind,
        "status": "",  # empty: asserted, the schema's default
        "summary": summary,
        "actor_ids": actor_ids,
        "outlet_id": outlets.outlet_id.to_numpy(dtype=object)[outlet],
        "rationale": "Synthetic event dated at " + precision.astype(object) + " precision.",
    })
    events["sentence"] = (capitalise(when.to_numpy(dtype=object)) + ", " + actor_names + " " + verb + " the "
                          + topic + " (event " + serial + "), according to "
                          + outlets.name.to_numpy(dtype=object)[outlet] + ".")
    events["quote_offset"] = 0
    events["quote_length"] = events["sentence"].str.len()
    return events


def draw_signals(rng: np.random.Generator, n_signals: int, actors: pd.DataFrame, leanings: np.ndarray,
                 topics: pd.DataFrame, loadings: np.ndarray, events: pd.DataFrame,
                 outlets: pd.DataFrame) -> pd.DataFrame:
    """Signals in date order. A few actors talk a lot; stance follows the actor's leaning
    times the topic's loading plus noise, so stances cluster into camps; actions and laws
    are rarer and cost more."""
    n_actors, n_topics = len(actors), len(topics)
    activity = 1 / (np.arange(n_actors) + 1) ** 0.8
    actor = rng.permutation(n_actors)[rng.choice(n_actors, size=n_signals, p=activity / activity.sum())]
    topic = rng.choice(n_topics, size=n_signals, p=rng.dirichlet(np.full(n_topics, 2.0)))
    stance = np.clip(np.rint(2 * leanings[actor] * loadings[topic] + rng.normal(0, 0.7, size=n_signals)), -2, 2).astype(int)

    actor_kind = actors.kind.to_numpy(dtype=object)[actor]
    kind = rng.choice(SIGNAL_KINDS, size=n_signals, p=SIGNAL_KIND_WEIGHTS).astype(object)
    can_legislate = (actor_kind == "government") | (actor_kind == "legislature")
    kind = np.where((kind == "law") & ~can_legislate, "action", kind)
    draw = rng.random(n_signals)
    cost = np.select(
        [kind == "action", kind == "law", kind == "commitment"],
        [np.where(draw < 0.8, "sunk_cost", "hands_tying"), np.where(draw < 0.7, "hands_tying", "sunk_cost"),
         np.where(draw < 0.6, "hands_tying", "cheap_talk")],
        np.where(draw < 0.9, "cheap_talk", "hands_tying"))
    reporting = rng.choice(REPORTINGS, size=n_signals, p=REPORTING_WEIGHTS).astype(object)
    is_deed = (kind == "action") | (kind == "law")
    reporting = np.where(is_deed & np.isin(reporting, ["direct_quote", "reported_speech"]), "paraphrase", reporting)
    hedging = rng.choice(HEDGINGS, size=n_signals, p=HEDGING_WEIGHTS)
    phrase_pick = rng.integers(0, len(CONDITIONAL_PHRASES), size=n_signals)
    conditions = np.select(
        [hedging == "conditional", hedging == "hedged"],
        [np.array(CONDITIONAL_PHRASES, dtype=object)[phrase_pick], np.array(HEDGED_PHRASES, dtype=object)[phrase_pick]],
        None)
    audience = np.where(np.isin(reporting, ["direct_quote", "reported_speech"]),
                        np.array(AUDIENCES, dtype=object)[rng.integers(0, len(AUDIENCES), size=n_signals)], None)

    date, precision = draw_dates(rng, n_signals, SIGNAL_PRECISION_WEIGHTS)
    order = np.argsort(date, kind="stable")
    columns = [actor, topic, stance, actor_kind, kind, cost, reporting, hedging, conditions, audience, date, precision]
    actor, topic, stance, actor_kind, kind, cost, reporting, hedging, conditions, audience, date, precision = (
        column[order] for column in columns)

    target = np.where(rng.random(n_signals) < SHARE_TARGETED, draw_distinct(rng, actor, n_actors), -1)
    event = np.where(rng.random(n_signals) < SHARE_WITH_EVENT, rng.integers(0, len(events), size=n_signals), -1)
    outlet = rng.integers(0, len(outlets), size=n_signals)

    names = actors.name.to_numpy(dtype=object)
    sender = names[actor]
    label = topics.label.str.lower().to_numpy(dtype=object)[topic]
    view = pd.Series(stance).map(STANCE_VIEWS).to_numpy(dtype=object)
    condition_clause = np.where(pd.isna(conditions), "", ", " + conditions.astype(str)).astype(object)
    speaker = capitalise(sender)
    body = np.select(
        [kind == "law", kind == "action", reporting == "direct_quote", reporting == "reported_speech",
         reporting == "paraphrase"],
        [speaker + " passed a measure treating the " + label + " as " + view + condition_clause,
         speaker + " took steps that treat the " + label + " as " + view + condition_clause,
         speaker + " told " + audience.astype(str) + ": “The " + label + " is " + view + condition_clause + ".”",
         speaker + " told " + audience.astype(str) + " that the " + label + " was " + view + condition_clause,
         speaker + " indicated that the " + label + " was " + view + condition_clause],
        speaker + "’s conduct suggests the " + label + " is seen as " + view + condition_clause)
    target_clause = np.where(target >= 0, " – aimed at " + names[np.maximum(target, 0)], "").astype(object)
    serial = (np.arange(n_signals) + 1).astype(str)
    when = describe_dates(date, precision).to_numpy(dtype=object)
    sentence = (body + target_clause + " (" + when + ", " + outlets.name.to_numpy(dtype=object)[outlet]
                + ", item " + serial + ").")

    actor_ids = actors.actor_id.to_numpy(dtype=object)
    stance_word = pd.Series(stance).map(STANCE_WORDS).to_numpy(dtype=object)
    signals = pd.DataFrame({
        "signal_id": "signal_" + np.char.zfill(serial, len(str(n_signals))).astype(object),
        "actor_id": actor_ids[actor],
        "topic_id": topics.topic_id.to_numpy(dtype=object)[topic],
        "stance": stance,
        "kind": kind,
        "signal_date": np.datetime_as_string(date, unit="D"),
        "signal_date_precision": precision,
        "outlet_id": outlets.outlet_id.to_numpy(dtype=object)[outlet],
        "reporting": reporting,
        "audience": pd.array(audience, dtype="str"),
        "target_actor_id": pd.array(np.where(target >= 0, actor_ids[np.maximum(target, 0)], None), dtype="str"),
        "event_id": pd.array(np.where(event >= 0, events.event_id.to_numpy(dtype=object)[np.maximum(event, 0)], None),
                             dtype="str"),
        "cost": cost,
        "hedging": hedging,
        "conditions": pd.array(conditions, dtype="str"),
        "summary": speaker + " " + stance_word + " the " + label + ".",
        "rationale": ("Synthetic: stance " + stance.astype(str).astype(object) + " from the sender’s leaning; "
                      + kind + " coded as " + cost + "."),
    })
    signals["sentence"] = pd.Series(sentence, dtype="str")
    signals["quote_offset"] = 0
    signals["quote_length"] = signals["sentence"].str.len()
    return signals


def draw_links(rng: np.random.Generator, signals: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """About one link per five signals, mostly between signals on the same topic; the
    relation follows whether the two stances agree. No self-links, no duplicates."""
    n_signals = len(signals)
    n_links = round(n_signals * SHARE_LINKS)
    if n_signals < 2 or n_links == 0:
        return pd.DataFrame({"from_signal_id": pd.Series(dtype="str"), "to_signal_id": pd.Series(dtype="str"),
                             "relation": pd.Series(dtype="str"), "rationale": pd.Series(dtype="str")})
    topic_code = pd.Categorical(signals.topic_id, categories=topics.topic_id).codes
    by_topic = np.argsort(topic_code, kind="stable")
    group_size = np.bincount(topic_code, minlength=len(topics))
    group_start = np.concatenate([[0], np.cumsum(group_size)[:-1]])
    rank_in_group = np.empty(n_signals, dtype=int)
    rank_in_group[by_topic] = np.arange(n_signals) - group_start[topic_code[by_topic]]

    source = rng.integers(0, n_signals, size=n_links)
    size = group_size[topic_code[source]]
    same_topic = (rng.random(n_links) < 0.8) & (size > 1)
    other_rank = (rank_in_group[source] + 1 + rng.integers(0, np.maximum(size - 1, 1))) % np.maximum(size, 1)
    target = np.where(same_topic, by_topic[group_start[topic_code[source]] + other_rank],
                      draw_distinct(rng, source, n_signals))

    stance = signals.stance.to_numpy()
    agreement = np.sign(stance[source]) * np.sign(stance[target])
    denies = signals.kind.to_numpy(dtype=object)[source] == "denial"
    relation = np.select(
        [denies & (agreement < 0), agreement > 0, agreement < 0],
        ["denies", "corroborates", "contradicts"],
        np.where(rng.random(n_links) < 0.5, "qualifies", "responds_to"))
    # contradicts and denies run from the later signal to the earlier one (a surely earlier from is swapped;
    # the new from is not necessarily a denial, so a swapped denial becomes a contradiction)
    dates = pd.to_datetime(signals.signal_date)
    latest = known_from(dates, signals.signal_date_precision).to_numpy()
    backwards = np.isin(relation, ["contradicts", "denies"]) & (latest[source] < dates.to_numpy()[target])
    source, target = np.where(backwards, target, source), np.where(backwards, source, target)
    relation = np.where(backwards & (relation == "denies"), "contradicts", relation)
    ids = signals.signal_id.to_numpy(dtype=object)
    links = pd.DataFrame({
        "from_signal_id": ids[source],
        "to_signal_id": ids[target],
        "relation": relation,
        "rationale": ("Synthetic: stances " + stance[source].astype(str).astype(object) + " and "
                      + stance[target].astype(str).astype(object) + "."),
    })
    return links.drop_duplicates(["from_signal_id", "to_signal_id", "relation"]).reset_index(drop=True)


def draw_hypotheses(n_hypotheses: int) -> pd.DataFrame:
    """Generic competing explanations, numbered once the list runs out."""
    serial = np.arange(n_hypotheses)
    label = np.array([label for label, _ in HYPOTHESES], dtype=object)[serial % len(HYPOTHESES)]
    statement = np.array([statement for _, statement in HYPOTHESES], dtype=object)[serial % len(HYPOTHESES)]
    round_number = serial // len(HYPOTHESES)
    suffix = np.where(round_number > 0, " " + (round_number + 1).astype(str), "").astype(object)
    return pd.DataFrame({
        "hypothesis_id": "h" + (serial + 1).astype(str).astype(object),
        "label": label + suffix,
        "statement": statement,
        "rationale": "Synthetic hypothesis " + (serial + 1).astype(str).astype(object) + ".",
    })


def draw_ach(rng: np.random.Generator, signals: pd.DataFrame, hypotheses: pd.DataFrame) -> pd.DataFrame:
    """Rate up to MAX_RATED signals (a fifth of them) against every hypothesis. Each
    hypothesis favours one direction of stance, so ratings differ between hypotheses."""
    n_signals, n_hypotheses = len(signals), len(hypotheses)
    n_rated = min(MAX_RATED, max(1, round(n_signals * SHARE_RATED)))
    rated = np.sort(rng.choice(n_signals, size=n_rated, replace=False))
    favoured_direction = rng.choice([-1.0, 0.0, 1.0], size=n_hypotheses)
    stance = signals.stance.to_numpy()[rated]
    score = np.outer(favoured_direction, stance) + rng.normal(0, 0.8, size=(n_hypotheses, n_rated))
    rating_index = np.clip(np.rint(score), -2, 2).astype(int) + 2
    return pd.DataFrame({
        "hypothesis_id": np.repeat(hypotheses.hypothesis_id.to_numpy(dtype=object), n_rated),
        "signal_id": np.tile(signals.signal_id.to_numpy(dtype=object)[rated], n_hypotheses),
        "rating": np.array(RATINGS, dtype=object)[rating_index.ravel()],
        "rationale": "Synthetic rating from the signal’s stance and the hypothesis’s leaning.",
    })


def place_quotes(blocks: list[tuple[pd.Series, pd.DataFrame | None]]) -> str:
    """Join the sentences of each block into paragraphs, in order, and give each table
    its quote, quote_start and quote_end from where its sentence landed. Tables carry
    `quote_offset` and `quote_length`: where the quote sits inside the sentence."""
    pieces, block_start = [], 0
    for block_number, (sentences, table) in enumerate(blocks):
        is_last_block = block_number == len(blocks) - 1
        ends_paragraph = (np.arange(len(sentences)) + 1) % SENTENCES_PER_PARAGRAPH == 0
        ends_paragraph[-1] = True
        separator = np.where(ends_paragraph, "\n\n", " ").astype(object)
        if is_last_block:
            separator[-1] = ""
        lengths = sentences.str.len().to_numpy() + np.char.str_len(separator.astype(str))
        sentence_start = block_start + np.concatenate([[0], np.cumsum(lengths)[:-1]])
        pieces.append((sentences + separator).str.cat())
        block_start += int(lengths.sum())
        if table is not None:
            offset = table.pop("quote_offset").to_numpy()
            length = table.pop("quote_length").to_numpy()
            table["quote_start"] = sentence_start + offset
            table["quote_end"] = sentence_start + offset + length
            table["quote"] = [sentence[start:start + size] for sentence, start, size
                              in zip(sentences.to_numpy(dtype=object), offset, length)]
    return "".join(pieces)
