"""Rule files as data: what a rule says, where a file applies, and the loaded set.

Nothing here matches text or reads files: `cleaner.ruleset.load` builds these
values from YAML, `cleaner.ruleset.select` picks the files that apply to a
document and `cleaner.ruleset.match` runs their patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, Sequence

from ..categories import Category
from ..document import Zone
from ..errors import RuleFileError, RuleProblem

Action = Literal["drop-line", "drop-span", "drop-from", "drop-until", "replace"]
LINE_ACTIONS: frozenset[str] = frozenset({"drop-line", "drop-from", "drop-until"})
SPAN_ACTIONS: frozenset[str] = frozenset({"drop-span", "replace"})
ACTIONS: frozenset[str] = LINE_ACTIONS | SPAN_ACTIONS
ZONES: frozenset[str] = frozenset({"head", "tail", "any"})

OriginKind = Literal["built-in", "package", "user-folder", "env", "given"]
Matched = Literal["always", "domain", "marker"]  # the part of `applies` that selected a file

# Where rule files come from, least specific first: a file from a later kind wins
# a tie with one from an earlier kind (see `AppliedFile.precedence`).
ORIGIN_KINDS: tuple[OriginKind, ...] = ("built-in", "package", "user-folder", "env", "given")


@dataclass(frozen=True)
class FixExample:
    before: str
    after: str


@dataclass(frozen=True)
class Examples:
    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    fix: tuple[FixExample, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One compiled rule. `qualified_id` ("file/rule") is what edits and reports name."""

    id: str
    file: str
    category: Category
    action: Action
    regex: Any  # regex.Pattern; compiled once at load time
    zone: Zone
    description: str
    examples: Examples
    replacement: str = ""
    source_line: int | None = None

    @cached_property  # asked for every rule on every pass: build the string once
    def qualified_id(self) -> str:
        return f"{self.file}/{self.id}"

    @property
    def is_line_rule(self) -> bool:
        return self.action in LINE_ACTIONS

    def __repr__(self) -> str:
        return f"Rule({self.qualified_id!r}, {self.action}, {self.category})"


@dataclass(frozen=True)
class Applies:
    always: bool = False
    domains: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Origin:
    """Where a rule file came from: shipped inside cleaner, an installed rule pack
    (the `cleaner.rules` entry point of the distribution `name`), the user's rules
    folder, the CLEANER_RULES variable, or a path given by the caller (`--rules`)."""

    kind: OriginKind
    name: str = ""

    @property
    def level(self) -> int:
        """How specific the origin is: 0 for the built-ins, higher for later kinds."""
        return ORIGIN_KINDS.index(self.kind)

    def __str__(self) -> str:
        labels = {"package": f"package {self.name}", "user-folder": "user folder", "env": "CLEANER_RULES"}
        return labels.get(self.kind, self.kind)


@dataclass(frozen=True)
class RuleFile:
    name: str
    path: str
    description: str
    applies: Applies
    rules: tuple[Rule, ...]
    origin: Origin = Origin("given")

    def __repr__(self) -> str:
        return f"RuleFile({self.name!r}, {len(self.rules)} rules, path={self.path!r})"


@dataclass(frozen=True)
class AppliedFile:
    """A rule file selected for a document, and why (shown in the report).

    `matched` says which part of `applies` selected it: a file selected by the
    document's domain is a site file, the most specific kind there is.
    """

    file: RuleFile
    why: str
    matched: Matched = "always"

    @property
    def precedence(self) -> tuple[bool, int]:
        """Higher is more specific: a site file over any other, then by origin (a
        user's file over a built-in one). Rules that claim the same line are settled
        by it (`cleaner.stages.rules`)."""
        return self.matched == "domain", self.file.origin.level


@dataclass(frozen=True)
class RuleSet:
    """The loaded rule files, in order; file names are unique."""

    files: tuple[RuleFile, ...] = ()

    def __post_init__(self) -> None:
        problems = duplicate_names(self.files)
        if problems:
            raise RuleFileError(problems)

    def __add__(self, other: "RuleSet") -> "RuleSet":
        return RuleSet(self.files + other.files)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for f in self.files for rule in f.rules)

    def __repr__(self) -> str:
        return f"RuleSet({len(self.files)} files, {sum(len(f.rules) for f in self.files)} rules)"


def duplicate_names(files: Sequence[RuleFile]) -> list[RuleProblem]:
    """A problem for each file whose name an earlier file already uses (names qualify rule ids)."""
    seen: dict[str, str] = {}
    problems = []
    for f in files:
        if f.name in seen:
            problems.append(RuleProblem(f.path, None, None, f"file name {f.name!r} is already used by {seen[f.name]}"))
        seen.setdefault(f.name, f.path)
    return problems
