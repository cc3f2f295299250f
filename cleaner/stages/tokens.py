"""Token repairs: the `replace` rules of the selected rule files, and HTML entities.

Replace rules carry the corrupted-token, punctuation-debris and
machine-translation fixes as data; entity decoding is the one repair that
needs code (html.unescape knows every named entity).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

import regex

from ..document import Document
from ..edits import Edit, Notice
from ..ruleset import Rule
from .budget import RuleBudget

# Named, decimal and hex character references, as left in text by a scraper
# that took an attribute or a CDATA block verbatim.
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class TokenRepairs:
    name: str = "tokens"
    budget: RuleBudget = field(default_factory=lambda: RuleBudget(0.25))

    def propose(self, doc: Document, decided: Sequence[Edit]) -> Iterable[Edit | Notice]:
        if doc.format == "text":
            yield from _entities(doc)
        for rule in (r for f in doc.rule_files for r in f.file.rules if r.action == "replace" and doc.may_match(r)):
            yield from self._replacements(doc, rule)

    def _replacements(self, doc: Document, rule: Rule) -> Iterator[Edit | Notice]:
        try:
            matches = self.budget.run(rule.qualified_id, lambda left: list(rule.find_spans(doc, left())))
        except TimeoutError:
            yield Notice(self.name, rule.qualified_id, self.budget.message)
            return
        for match in matches:
            replacement = match.expand(rule.replacement)
            if replacement != match.group():
                yield Edit(match.start(), match.end(), replacement, rule.category, rule.qualified_id,
                           rule.description or rule.id)


def _entities(doc: Document) -> Iterator[Edit]:
    for match in _ENTITY.finditer(doc.text):
        decoded = html.unescape(match.group())
        if decoded != match.group():
            yield Edit(match.start(), match.end(), decoded, "encoding", "tokens/html-entity",
                       f"HTML character reference {match.group()} decoded")
