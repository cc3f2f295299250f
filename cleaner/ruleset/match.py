"""Running rule patterns on one document: the state every rule stage shares for it.

A rule set is compiled once (`CompiledRules`: each line rule's scanner, see
`cleaner.ruleset.scan`, and every pattern in RE2 sets, see
`cleaner.ruleset.re2set`) and kept by the `Cleaner`. Each document gets a
`Matching`: the rule files selected for it, its time budget
(`cleaner.ruleset.budget`), and what is already known of it — which lines
each line rule matches, which pattern rules can match anywhere at all. A
line's text never changes, so that is computed once per document and reused
by every stage, pass and round.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Iterator, Mapping, TypeVar

from ..document import Document, Zones
from .budget import RuleBudget, TimeLeft
from .model import AppliedFile, Rule, RuleSet
from .re2set import Re2Filter
from .scan import LineMatches, Scanner, compile_scanner, match_lines

T = TypeVar("T")


@dataclass(frozen=True)
class CompiledRules:
    """What a rule set needs for fast matching, built once per set (picklable)."""

    scanners: Mapping[str, Scanner | None]  # line rule id -> its scanner (None: searched line by line)
    filter: Re2Filter

    @classmethod
    def of(cls, rules: RuleSet) -> "CompiledRules":
        line_rules = [r for r in rules.rules if r.is_line_rule]
        return cls({r.qualified_id: compile_scanner(r.regex.pattern) for r in line_rules}, Re2Filter.of(rules.rules))


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
            compiled = self.compiled
            self._lines = match_lines(self.doc.stripped, rules, compiled.scanners, self.budget, self.cap,
                                      compiled.filter.lines)
        return self._lines

    def may_match(self, rule: Rule) -> bool:
        """False when the RE2 filter shows that a pattern rule matches nowhere in the text
        (so its search can be skipped); True when it may, or when the filter cannot tell."""
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
