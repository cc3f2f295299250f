"""Running rule patterns on one document: the state every rule stage shares for it.

A rule set is compiled once (`CompiledRules`: each line rule's scanner, see
`cleaner.ruleset.scan`, and every pattern in RE2 sets, see
`cleaner.ruleset.re2set`) and kept by the `Cleaner`. Those are fast paths:
a rule's own pattern, searched on each line, gives the same answer. Building
them takes about half a second, more than searching a few hundred lines the
plain way, so the first documents a `CompiledRules` of the built-in rules
sees (`warm_after` characters in all) are matched the plain way, and only a run
long enough to pay for them builds them. The RE2 sets are also a guard: a
pattern that backtracks is never run on a line RE2 shows it cannot match.
The built-in patterns need no guard (tests/test_no_hangs.py), a rule file
from elsewhere may, so with one the fast paths are built at once. Each
document gets a
`Matching`: the rule files selected for it, its time budget
(`cleaner.ruleset.budget`), and what is already known of it — which lines
each line rule matches, which pattern rules can match anywhere at all. A
line's text never changes, so that is computed once per document and reused
by every stage, pass and round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

from ..cache import Cache
from ..document import Document, Zones
from .budget import RuleBudget, TimeLeft
from .model import AppliedFile, Rule, RuleSet
from .re2set import Re2Filter
from .scan import LineMatches, Scanner, compile_scanner, match_lines

T = TypeVar("T")


# Characters matched the plain way before the fast paths are built: building them
# costs ~0.5 s, searching a line with every built-in line rule ~0.15 ms more than
# with them (lines of the dev corpus average 50 characters, blank ones included). A longer
# document gets them at once.
WARM_AFTER = 150_000


class Scanners(Mapping[str, "Scanner | None"]):
    """Line rule id -> its scanner (None: searched line by line), each compiled when first asked for
    (with the RE2 set in use, most rules never are)."""

    def __init__(self, sources: Mapping[str, str]):
        self._sources = dict(sources)  # line rule id -> its pattern
        self._compiled: dict[str, Scanner | None] = {}

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> "Scanners":
        return cls({rule.qualified_id: rule.regex.pattern for rule in rules})

    def __getitem__(self, rule_id: str) -> Scanner | None:
        if rule_id not in self._compiled:
            self._compiled[rule_id] = compile_scanner(self._sources[rule_id])
        return self._compiled[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __reduce__(self):  # a worker compiles its own
        return (Scanners, (self._sources,))


class _Seen:
    """How many characters have been matched with a `CompiledRules` (approximate under threads: it
    only picks the moment the fast paths are built)."""

    def __init__(self) -> None:
        self.chars = 0


@dataclass(frozen=True)
class CompiledRules:
    """What a rule set needs for fast matching, built once per set when a run is long enough (picklable)."""

    rules: tuple[Rule, ...]
    scanners: Mapping[str, Scanner | None]  # line rule id -> its scanner (None: searched line by line)
    warm_after: int = WARM_AFTER  # characters matched the plain way before the fast paths are built
    cache: Cache = field(default_factory=Cache.default, compare=False)  # where RE2 translations are kept
    _seen: _Seen = field(default_factory=_Seen, compare=False, repr=False)

    @classmethod
    def of(cls, rules: RuleSet, warm_after: int | None = None) -> "CompiledRules":
        """`warm_after` defaults to `WARM_AFTER` for the built-in rules alone, else 0 (see the module docstring)."""
        if warm_after is None:
            warm_after = WARM_AFTER if all(f.origin.kind == "built-in" for f in rules.files) else 0
        return cls(rules.rules, Scanners.of([r for r in rules.rules if r.is_line_rule]), warm_after)

    @cached_property
    def filter(self) -> Re2Filter:
        return Re2Filter.of(self.rules, self.cache)

    def is_warm(self, chars: int) -> bool:
        """Whether a document of `chars` characters is matched with the fast paths (counting it as seen)."""
        if "filter" in self.__dict__:
            return True
        self._seen.chars += chars
        return self._seen.chars >= self.warm_after


class Matching:
    """One document's rule files, time budget and match caches.

    `cap` bounds one scan of joined lines before it is retried line by line.
    """

    def __init__(self, doc: Document, files: tuple[AppliedFile, ...], compiled: CompiledRules,
                 budget: RuleBudget, cap: float):
        self.doc, self.files, self.compiled, self.budget, self.cap = doc, files, compiled, budget, cap
        # Most specific first (a stable sort: files of equal precedence keep their order).
        self._by_precedence = sorted(files, key=lambda applied: applied.precedence, reverse=True)
        self._lines: LineMatches | None = None
        self._possible: frozenset[str] | None = None
        self._fast = compiled.is_warm(len(doc.text))

    def rules(self, *actions: str) -> list[Rule]:
        """The selected files' rules with one of `actions`: the most specific files'
        first (`AppliedFile.precedence`), then in file order."""
        return [rule for applied in self._by_precedence for rule in applied.file.rules if rule.action in actions]

    @cached_property
    def precedence(self) -> Mapping[str, tuple[bool, int]]:
        """Rule id -> the precedence of its file (higher is more specific)."""
        return {rule.qualified_id: applied.precedence for applied in self.files for rule in applied.file.rules}

    def line_matches(self) -> LineMatches:
        """Which lines each line rule matches (every search draws on the rule's allowance)."""
        if self._lines is None:
            rules = [rule for applied in self.files for rule in applied.file.rules if rule.is_line_rule]
            if self._fast:
                compiled = self.compiled
                self._lines = match_lines(self.doc.stripped, rules, compiled.scanners, self.budget, self.cap,
                                          compiled.filter.lines)
            else:
                self._lines = match_lines(self.doc.stripped, rules, {}, self.budget, self.cap)
        return self._lines

    def may_match(self, rule: Rule) -> bool:
        """False when the RE2 filter shows that a pattern rule matches nowhere in the text
        (so its search can be skipped); True when it may, or when the filter cannot tell."""
        if not self._fast:
            return True
        texts = self.compiled.filter.texts
        if not texts.covers(rule):
            return True
        if self._possible is None:
            self._possible = texts.matching_rules(self.doc.text)
        return rule.qualified_id in self._possible

    def find_spans(self, rule: Rule, timeout: float, zones: Zones | None = None) -> Iterator[Any]:
        """Matches of a pattern rule over its zone of the whole text (patterns may span lines)."""
        start, end = (zones or self.doc.zones()).char_range(rule.zone)
        return rule.regex.finditer(self.doc.text, start, end, timeout=timeout)

    def run(self, rule: Rule, search: Callable[[TimeLeft], T]) -> T:
        """`search(time_left)` on the rule's allowance; TimeoutError when it runs out."""
        return self.budget.run(rule.qualified_id, search)
