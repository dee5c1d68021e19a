"""Errors meant for people: bad input is reported as a list of problems, never a traceback."""
from __future__ import annotations

import dataclasses

# Exit codes of the command line: 0 ok, 1 a bug (a notebook failed while executing), 2 bad input.
EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    `row` is the line number in the file as a spreadsheet shows it (the header is line 1,
    the first data row line 2); `column` is the column name.
    """

    path: str
    row: int | None = None
    column: str | None = None
    message: str = ""

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path}:{self.row}"
        what = self.message if self.column is None else f"{self.column}: {self.message}"
        return f"{where}: {what}"


class InputError(Exception):
    """Bad input from the user: one or more problems, each printed on its own line, exit 2."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(path="signalbrief", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CaseError(InputError):
    """A case folder failed validation."""
