"""The notebooks' parameters, declared once, typed, with what each means and which values it takes.

A notebook's `parameters` cell holds the same names, types, defaults and help as literals
(papermill needs literals; tests/test_parameters.py reads the cells with
`papermill.inspect_notebook` and checks they match these classes). The cell after it builds
one of these classes from them, which checks every value, so a notebook run by hand, by
papermill or by `signalbrief render` refuses the same bad values with the same message.
`render` builds them from `-p NAME VALUE` before any kernel starts (`parse_value`).

No pandas here: the command line imports this module to check parameters before it starts a kernel.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from signalbrief.errors import InputError, Problem

if TYPE_CHECKING:
    from signalbrief.analysis import Analysis
    from signalbrief.case import Case

# The folder holding data/ and notebooks/: where a relative case_dir is looked for when the
# current folder does not hold it (JupyterLab runs notebooks in notebooks/, papermill in the
# folder it is started from).
PROJECT_ROOT = Path(__file__).resolve().parents[1]
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1"}, {"false", "no", "0"}
TYPE_WORDS = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}
COMPONENT_NAMES = ("source", "corroboration", "cost", "consistency", "specificity")


def declare(default: object, help: str) -> dataclasses.Field:  # noqa: A002 (papermill's word for it)
    """A parameter: its default and the one-line help that the notebook's comment repeats."""
    return dataclasses.field(default=default, metadata={"help": help})


class ParameterError(InputError):
    """A parameter value that the notebooks cannot use."""


def problem(name: str, message: str) -> Problem:
    return Problem(f"parameter {name}", message=message)


def resolve_case_dir(case_dir: str | os.PathLike) -> Path:
    """The case folder `case_dir` names: as given if absolute or found from the current folder,
    else relative to the project root (`PROJECT_ROOT`). ParameterError if neither holds it."""
    path = Path(case_dir)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, PROJECT_ROOT / path]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    tried = " or ".join(str(candidate) for candidate in candidates)
    raise ParameterError(problem("case_dir", f"no case folder at {tried}"))


@dataclasses.dataclass(frozen=True)
class AnalysisParameters:
    """What decides the analysis: the case, the date it is read as of, and the analysis settings."""

    case_dir: str = declare("data/russia-iran-2000", "case folder (source.txt, datapackage.json, CSV tables); "
                            "a relative path is looked for from the current folder, then from the project root")
    as_of: str = declare("", "YYYY-MM-DD: keep only what was known on that day; empty keeps everything")
    weight_source: float = declare(0.30, "weight of the source component (outlet grade x directness of reporting)")
    weight_corroboration: float = declare(0.20, "weight of corroboration by other signals")
    weight_cost: float = declare(0.20, "weight of what sending the signal costs the actor")
    weight_consistency: float = declare(0.15, "weight of agreement with the actor's other signals on the question")
    weight_specificity: float = declare(0.15, "weight of specificity (flat commitments above hedges)")
    n_samples: int = declare(1000, "plausible weightings (and evidence resamples) drawn for the sensitivity analysis")
    seed: int = declare(0, "random seed of those draws: the same seed gives the same report")
    top_k: int = declare(5, 'size of the "most credible signals" set whose stability is reported')
    roll_up: bool = declare(False, "True: sub-actors (a minister) speak for their top-level actor (the government)")

    # The largest number of draws accepted: the sensitivity keeps a rank per signal and draw.
    MAX_SAMPLES: ClassVar[int] = 100_000

    def __post_init__(self) -> None:
        problems = [*self.check_types(), *self.check_values()]
        if problems:
            raise ParameterError(problems)

    def check_types(self) -> list[Problem]:
        """A problem for each value that is not of its declared type (an int is a fine float)."""
        problems = []
        for field in dataclasses.fields(self):
            value, kind = getattr(self, field.name), declared_type(field)
            fits = (isinstance(value, kind) and not (kind is int and isinstance(value, bool))) or (
                kind is float and isinstance(value, int) and not isinstance(value, bool))
            if not fits:
                problems.append(problem(field.name, f"{value!r} is not {TYPE_WORDS[kind]}"))
        return problems

    def check_values(self) -> list[Problem]:
        """A problem for each value out of its range (checked only once the types are right)."""
        if self.check_types():
            return []
        problems = []
        if self.as_of:
            try:
                dt.date.fromisoformat(self.as_of)
            except ValueError:
                problems.append(problem("as_of", f"{self.as_of!r} is not a date (expected YYYY-MM-DD)"))
        for name in COMPONENT_NAMES:
            weight = getattr(self, f"weight_{name}")
            if not math.isfinite(weight) or weight < 0:
                problems.append(problem(f"weight_{name}", f"{weight!r} is not a weight (expected a number >= 0)"))
        if not problems and sum(self.weights().values()) <= 0:
            problems.append(problem("weight_source", "every weight is 0; at least one must be above 0"))
        if not 1 <= self.n_samples <= self.MAX_SAMPLES:
            problems.append(problem("n_samples", f"{self.n_samples} is not between 1 and {self.MAX_SAMPLES:,}"))
        if self.seed < 0:
            problems.append(problem("seed", f"{self.seed} is negative (expected 0 or more)"))
        if self.top_k < 1:
            problems.append(problem("top_k", f"{self.top_k} is not 1 or more"))
        return problems

    def weights(self) -> dict[str, float]:
        """The credibility weights by component name."""
        return {name: float(getattr(self, f"weight_{name}")) for name in COMPONENT_NAMES}

    def case_path(self) -> Path:
        """The case folder (`resolve_case_dir`)."""
        return resolve_case_dir(self.case_dir)

    def analyse(self) -> Analysis:
        """The analysis of the case with these settings, computed once per process for the same
        settings and case files (`signalbrief.analysis.analyse_case_folder` keeps recent ones)."""
        from signalbrief.analysis import analyse_case_folder

        return analyse_case_folder(self.case_path(), weights=self.weights(), n_samples=self.n_samples,
                                   seed=self.seed, top_k=self.top_k, as_of=self.as_of or None,
                                   roll_up=self.roll_up)

    def check_against(self, case: Case) -> None:
        """Refuse (ParameterError) a value that should name a row of `case` but names none."""


@dataclasses.dataclass(frozen=True)
class BriefParameters(AnalysisParameters):
    """The brief notebook's parameters (notebooks/brief.ipynb)."""

    focus_topic: str = declare("", "topic_id followed over time in section 2; empty picks the topic with the "
                               "most signals (of several, the first in topics.csv)")
    dossier_folder: str = declare("actors", "folder of the actor dossiers, relative to the brief's page, that "
                                  "the brief links to; empty links to none")

    def check_against(self, case: Case) -> None:
        check_id(self.focus_topic, "focus_topic", "topic_id", "topics.csv",
                 case.topics["topic_id"].astype("str").tolist())


@dataclasses.dataclass(frozen=True)
class ActorParameters(AnalysisParameters):
    """The dossier notebook's parameters (notebooks/actor.ipynb)."""

    actor_id: str = declare("", "the actor to show (an actor_id of actors.csv); empty shows the first actor")
    brief_page: str = declare("../brief.html", "the brief's page, relative to the dossier's, that the dossier "
                              "links back to; empty links to none")

    def check_against(self, case: Case) -> None:
        check_id(self.actor_id, "actor_id", "actor_id", "actors.csv", case.actors["actor_id"].astype("str").tolist())


# The most ids an error message lists.
MAX_IDS_LISTED = 20


def check_id(value: str, name: str, column: str, table: str, known: list[str]) -> None:
    """ParameterError unless `value` is empty or one of `known` (the ids in `column` of `table`)."""
    if value and value not in known:
        listed = ", ".join(known[:MAX_IDS_LISTED]) + (f", … ({len(known)} in all)" if len(known) > MAX_IDS_LISTED
                                                        else "")
        raise ParameterError(problem(name, f"{value!r} is not in the {column} column of {table} (known: {listed})"))


def declared_type(field: dataclasses.Field) -> type:
    """The Python type a field declares (annotations are strings under `from __future__ import annotations`)."""
    return {"str": str, "int": int, "float": float, "bool": bool}[str(field.type)]


def parse_value(kind: type, name: str, text: str) -> object:
    """The text of `-p NAME TEXT` as the declared type `kind`; ParameterError if it is not one."""
    try:
        if kind is bool:
            if text.lower() not in TRUE_WORDS | FALSE_WORDS:
                raise ValueError
            return text.lower() in TRUE_WORDS
        return kind(text)
    except ValueError:
        raise ParameterError(problem(name, f"{text!r} is not {TYPE_WORDS[kind]}")) from None


def build_parameters(cls: type[AnalysisParameters], texts: list[tuple[str, str]],
                     reserved: dict[str, str], **values: object) -> AnalysisParameters:
    """`cls` from `-p NAME TEXT` pairs (converted to each field's type) and typed `values`.

    Names in `reserved` are set by the caller (the message says how, e.g. '--as-of'); an
    unknown name is refused with the names the notebook takes. Every problem is collected
    before ParameterError is raised.
    """
    fields = {field.name: field for field in dataclasses.fields(cls)}
    problems, parsed = [], {}
    for name, text in texts:
        if name in reserved:
            problems.append(Problem(f"-p {name}", message=f"is set by render; use {reserved[name]}"))
        elif name not in fields:
            known = ", ".join(sorted(set(fields) - set(reserved)))
            problems.append(Problem(f"-p {name}", message=f"no such parameter (the notebook takes: {known})"))
        else:
            try:
                parsed[name] = parse_value(declared_type(fields[name]), name, text)
            except ParameterError as error:
                problems += error.problems
    if problems:
        raise ParameterError(problems)
    return cls(**{**parsed, **values})


def shared_with(cls: type[AnalysisParameters], parameters: AnalysisParameters) -> dict[str, object]:
    """The values of `parameters` that `cls` also declares."""
    names = {field.name for field in dataclasses.fields(cls)}
    return {name: value for name, value in dataclasses.asdict(parameters).items() if name in names}
