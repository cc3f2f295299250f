"""Errors raised by cleaner.

    CleanerError                 base class: catch this to catch everything below
    ├── RuleFileError            one or more rule files are invalid (lists every problem)
    ├── InputError               the input cannot be cleaned (binary, undecodable, unknown format)
    │   └── UnsupportedFormatError   a format this build cannot read
    ├── UsageError               inputs and outputs asked for cannot be used together (nothing written)
    ├── OutputError              an output cannot be written (the run stops; committed outputs stay)
    └── Interrupted              the run was stopped (SIGINT/SIGTERM, or a worker process died)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


@dataclass(frozen=True)
class RuleProblem:
    """One thing wrong in a rule file, located so an author can fix it."""

    path: str
    line: int | None
    rule_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        rule = f" rule '{self.rule_id}':" if self.rule_id else ""
        return f"{where}:{rule} {self.message}"


class RuleFileError(CleanerError):
    """Raised once with every problem found in the rule files being loaded."""

    def __init__(self, problems: list[RuleProblem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in rule files:\n{lines}")


class InputError(CleanerError):
    """The input cannot be cleaned; the message is a one-line reason."""


class UnsupportedFormatError(InputError, ValueError):
    """The requested or detected format is not one cleaner can read (a ValueError too: a bad `format=`)."""


class UsageError(CleanerError):
    """The inputs and outputs asked for cannot be used together; found before anything is written."""


class OutputError(CleanerError):
    """An output file cannot be written; outputs committed before it stay complete."""


class Interrupted(CleanerError):
    """The run stopped before the end: a signal, or a worker process that died."""


def type_name(value: Any) -> str:
    """How a message names the type of a value of the wrong type: `int`, `list`, `None`."""
    return "None" if value is None else type(value).__name__
