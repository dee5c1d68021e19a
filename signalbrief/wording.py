"""Words for people: names, dates and quotes as the brief prints them, in one place.

Dates are printed only as precisely as the article gives them (the `*_date_precision`
columns), so no sentence says more than the source: a year the article does not give
(`day_no_year`, `month_no_year`) is never printed, and an event only claimed or disputed
(events.status) is never told as fact.

Every generated sentence counts, names, lists and quotes through the helpers below, so one style
holds everywhere: counts in words up to nine and in figures from ten ('one signal', 'two signals',
'13 signals', '1,000 signals'), 'no' for zero with a singular noun and verb ('no development would
change the judgment'); names that look plural take plural verbs ('Reporters in Port Elm send'); a
possessive goes before a closing parenthesis; generic names and leading articles are lower case
mid-sentence; a quoted text never loses its closing mark; a range whose two ends read the same is
said once.
"""
from __future__ import annotations

import pandas as pd


NO_YEAR = "(year not given)"
SEASON_MONTHS = 3
# How an event's summary is introduced when the article does not report it as fact.
EVENT_STATUS_PREFIXES = {"claimed": "Claimed, not confirmed: ", "disputed": "Disputed: "}


def format_signal_date(date: pd.Timestamp, precision: str) -> str:
    """A date as precisely as the article gives it: '21 Mar 2000', 'Mar 2000', '1995', 'by 22 Mar 2000',
    'on or after 3 May 2000', 'Sep–Nov 1999' (a season: its months, which mean the same in either
    hemisphere), and without the stored year when the article gives none: '14 Mar (year not given)'."""
    stamp = pd.Timestamp(date)
    if precision == "month":
        return stamp.strftime("%b %Y")
    if precision == "year":
        return stamp.strftime("%Y")
    if precision == "before":
        return "by " + stamp.strftime("%d %b %Y").lstrip("0")
    if precision == "after":
        return "on or after " + stamp.strftime("%d %b %Y").lstrip("0")
    if precision == "season":
        last = stamp + pd.DateOffset(months=SEASON_MONTHS - 1)
        if last.year == stamp.year:
            return f"{stamp:%b}–{last:%b %Y}"
        return f"{stamp:%b %Y} – {last:%b %Y}"
    if precision == "day_no_year":
        return f"{stamp.day} {stamp:%b} {NO_YEAR}"
    if precision == "month_no_year":
        return f"{stamp:%b} {NO_YEAR}"
    return stamp.strftime("%d %b %Y").lstrip("0")


def format_dates(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """`format_signal_date` for every row, each distinct (date, precision) formatted once.

    A year of coded news has a few hundred distinct dates however many signals it has.
    """
    pairs = list(zip(dates, precisions.astype("str")))
    texts = {pair: format_signal_date(*pair) for pair in set(pairs)}
    return pd.Series([texts[pair] for pair in pairs], index=dates.index, dtype="str")


def describe_events(summaries: pd.Series, statuses: pd.Series) -> pd.Series:
    """Each event's summary as the brief tells it: as written when asserted (or no status is
    given), introduced as claimed or disputed otherwise, so it does not read as fact."""
    prefixes = statuses.astype("object").map(EVENT_STATUS_PREFIXES).fillna("")
    return (prefixes + summaries.astype("str")).astype("str")


# --- Sentences: counts, agreement, names, lists, ranges -----------------------------------

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Words that open a generic name ("Unnamed officials", "Other analysts"): lower case mid-sentence.
GENERIC_OPENERS = ("Unnamed", "Unidentified", "Anonymous", "Other", "Some", "Several", "Many", "Top", "Key",
                   "Individual")
# Words after which a name's head noun has ended ("Reporters in Port Elm": the head is "Reporters").
NAME_HEAD_ENDS = ("in", "of", "from", "at", "for", "on", "with", "who", "whose", "that", "by")
# Singular words that end in -s.
SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "news")
OPENING_MARKS, CLOSING_MARKS = "“\"", "”\""


def number(n: int) -> str:
    """A count as a word up to nine ('no' for zero), in figures from ten: 'two', '13', '1,000'."""
    n = int(n)
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def plural(noun: str) -> str:
    """'signal' -> 'signals', 'policy' -> 'policies', 'press' -> 'presses' (the last word changes)."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count(n: int, noun: str, plural_noun: str | None = None) -> str:
    """'no signal', 'one signal', 'two signals', '1,000 signals' (`plural_noun` for irregular nouns)."""
    n = int(n)
    return f"{number(n)} {noun if n in (0, 1) else plural_noun or plural(noun)}"


def agree(n: int, singular: str, plural_form: str) -> str:
    """The verb form that agrees with `count(n, …)`: singular for 'no signal' and 'one signal'."""
    return singular if int(n) in (0, 1) else plural_form


def share_of(part: int, whole: int, noun: str, owner: str = "the", plural_noun: str | None = None) -> str:
    """How many of a whole, as a noun phrase: 'three of its 12 actors', 'one of the two signals',
    'none of the four signals', 'neither of its actors', 'both its actors', 'all 32 of its actors',
    'its only actor', 'no actor'."""
    part, whole = int(part), int(whole)
    nouns = plural_noun or plural(noun)
    if whole == 0 or (whole == 1 and part == 0):
        return f"no {noun}"
    if whole == 1:
        return f"{owner} only {noun}"
    if part == 0 and whole == 2:
        return f"neither of {owner} {nouns}"
    if part == 0:
        return f"none of {owner} {count(whole, noun, nouns)}"
    if part == whole == 2:
        return f"both {owner} {nouns}"
    if part == whole:
        return f"all {number(whole)} of {owner} {nouns}"
    return f"{number(part)} of {owner} {count(whole, noun, nouns)}"


def count_of(part: int, whole: int, noun: str, predicate: str, plural_predicate: str,
             negative: str, owner: str = "the", plural_noun: str | None = None) -> str:
    """How many of a whole do something, as a clause (`share_of` and the verb that agrees with it):
    'neither of its statements is contradicted', 'one of its two statements is contradicted',
    'both its statements are contradicted', 'all three of its statements are contradicted',
    'three of its 12 statements are contradicted', 'its only statement is not contradicted' (`negative`),
    'no statement is contradicted' (an empty whole)."""
    part, whole = int(part), int(whole)
    if whole == 0:
        return f"no {noun} {predicate}"
    if whole == 1:
        return f"{share_of(1, 1, noun, owner)} {predicate if part else negative}"
    phrase = share_of(part, whole, noun, owner, plural_noun)
    return f"{phrase} {predicate if part in (0, 1) else plural_predicate}"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (in the order given); '' for no item."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def capitalise(text: str) -> str:
    """The first letter in upper case, the rest as it is: 'an unnamed official' -> 'An unnamed official'."""
    return text[:1].upper() + text[1:]


def split_parenthesis(name: str) -> tuple[str, str]:
    """'Valdorian government (Valdoria)' -> ('Valdorian government', ' (Valdoria)'); ('Ana Ruiz', '')."""
    name = str(name).strip()
    if name.endswith(")") and " (" in name:
        head, _, rest = name.rpartition(" (")
        return head, f" ({rest}"
    return name, ""


def is_plural_name(name: str, kind: str = "") -> bool:
    """Whether a name takes a plural verb: its head noun (before 'in', 'of', a parenthesis…) is plural,
    or it names two things ('Observers and aid groups'). A person (`kind`) is always one."""
    if kind == "person":
        return False
    head, _ = split_parenthesis(name)
    words = head.replace(",", " ").split()
    if "and" in words[1:-1]:
        return True
    for index, word in enumerate(words):
        if index and word.lower() in NAME_HEAD_ENDS:
            words = words[:index]
            break
    last = words[-1].lower().rpartition("-")[2] if words else ""
    return last.endswith("s") and not last.endswith(SINGULAR_ENDINGS) and last.isalpha()


def verb_for(name: str, singular: str, plural_form: str, kind: str = "") -> str:
    """The verb form that agrees with a name: 'Reporters in Port Elm send', 'Ana Ruiz sends'."""
    return plural_form if is_plural_name(name, kind) else singular


def refer_to(name: str, kind: str = "") -> str:
    """A name as it stands mid-sentence: a leading article and a generic opener in lower case, a generic
    singular with its article: 'The ministry' -> 'the ministry', 'A Russian news source' -> 'a Russian news
    source', 'Unnamed official' -> 'an unnamed official', 'Other analysts' -> 'other analysts', 'Ana Ruiz'
    unchanged. `capitalise` it to open a sentence."""
    name = str(name).strip()
    first, _, rest = name.partition(" ")
    if first in ("The", "A", "An") and rest:
        return f"{first.lower()} {rest}"
    if first in GENERIC_OPENERS and rest:
        lowered = f"{first.lower()} {rest}"
        if is_plural_name(name, kind):
            return lowered
        return ("an " if lowered[0] in "aeiou" else "a ") + lowered
    return name


def possessive(name: str) -> str:
    """'Critic' -> "Critic's", 'Other analysts' -> "Other analysts'", and before a closing parenthesis:
    'Valdorian government (Valdoria)' -> "Valdorian government's (Valdoria)"."""
    head, parenthesis = split_parenthesis(name)
    owned = f"{head}'" if head.endswith("s") else f"{head}'s"
    return owned + parenthesis


def nest_quotes(text: str) -> str:
    """Double quotation marks inside a quoted text as single curly ones: 'a “firm” no' -> 'a ‘firm’ no'."""
    out, is_open = [], False
    for char in text:
        if char == "“" or (char == '"' and not is_open):
            out.append("‘")
            is_open = True
        elif char == "”" or char == '"':
            out.append("’")
            is_open = False
        else:
            out.append(char)
    return "".join(out)


def quote(text: str, drop_full_stop: bool = False, limit: int | None = None) -> str:
    """Text in curly quotes, without doubling the quotes it already has around it; quotation marks inside
    become single ones, so the closing mark is never lost. `drop_full_stop` drops a final '.' so a summary
    can be quoted in the middle of a sentence; `limit` cuts a longer text at a word, with '…', to at most
    `limit` characters between the marks, keeping every mark it opened closed."""
    text = str(text).strip()
    if drop_full_stop:
        text = text.rstrip(".")
        if len(text) >= 2 and text[-1] in CLOSING_MARKS and text[-2] == ".":
            text = text[:-2] + text[-1]
    if len(text) >= 2 and text[0] in OPENING_MARKS and text[-1] in CLOSING_MARKS \
            and not any(mark in text[1:-1] for mark in "“”\""):
        text = text[1:-1].strip()
    text = nest_quotes(text)
    if limit is not None and len(text) > limit:
        cut = text[:max(limit - 1, 1)]
        if text[len(cut)] != " " and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        cut = cut.rstrip(" ,;:.‘") + "…"
        if count_open_single_quotes(cut) > 0:
            cut += "’"
        text = cut
    return "“" + text + "”"


def count_open_single_quotes(text: str) -> int:
    """Opening single quotes not yet closed; a ’ between letters is an apostrophe, not a closing mark."""
    opened = 0
    for index, char in enumerate(text):
        if char == "‘":
            opened += 1
        elif char == "’" and opened:
            is_apostrophe = (0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum())
            opened -= 0 if is_apostrophe else 1
    return opened


def date_range(first: pd.Timestamp, last: pd.Timestamp, date_format: str = "%B %Y") -> str:
    """A span at the precision of `date_format`, said once when both ends read the same:
    'from January 2011 to March 2011', 'in January 2011', 'on 3 May 2000' (a format with the day)."""
    start = pd.Timestamp(first).strftime(date_format).lstrip("0")
    end = pd.Timestamp(last).strftime(date_format).lstrip("0")
    if start == end:
        return ("on " if "%d" in date_format else "in ") + start
    return f"from {start} to {end}"


def format_share(share: float) -> str:
    """A share of draws as a reader takes it: no '0%' for a few draws or '100%' for nearly all.
    0 -> 'none', 0.003 -> 'under 1%', 0.238 -> '24%', 0.997 -> 'over 99%', 1 -> 'all' (a share that
    rounds to 0% or 100% is said as under 1% or over 99%)."""
    if share <= 0:
        return "none"
    if share >= 1:
        return "all"
    return {"0%": "under 1%", "100%": "over 99%"}.get(f"{share:.0%}", f"{share:.0%}")


def date_phrase(date: pd.Timestamp, precision: str) -> str:
    """`format_signal_date` with the preposition its precision needs: 'on 21 Mar 2000', 'in Mar 2000',
    'in 1995', 'in Sep–Nov 1999', 'by 22 Mar 2000', 'on or after 3 May 2000'."""
    text = format_signal_date(date, precision)
    if precision in ("before", "after"):
        return text
    return ("on " if precision in ("day", "day_no_year") else "in ") + text
