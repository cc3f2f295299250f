"""Token repairs: the `replace` rules of the selected rule files, and HTML entities.

Replace rules carry the corrupted-token, punctuation-debris and
machine-translation fixes as data; entity decoding is the one repair that
needs code (html.unescape knows every named entity).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import regex

from ..document import Document
from ..edits import Edit, Notice
from ..repairs import homoglyphs, invisible, spacing
from ..ruleset.match import Matching
from ..ruleset.model import Rule
from . import Context

# Named, decimal and hex character references, as left in text by a scraper
# that took an attribute or a CDATA block verbatim.
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class TokenRepairs:
    name: str = "tokens"

    def propose(self, doc: Document, decided: Sequence[Edit], context: Context) -> Iterable[Edit | Notice]:
        rules = context.rules
        if doc.format == "text":
            yield from _entities(doc)
        for rule in (r for r in rules.rules("replace") if rules.may_match(r)):
            yield from self._replacements(rules, rule)
        yield from invisible.find(doc.text)
        yield from homoglyphs.find(doc.text)
        yield from spacing.find(doc.text)

    def _replacements(self, rules: Matching, rule: Rule) -> Iterator[Edit | Notice]:
        try:
            matches = rules.run(rule, lambda left: list(rules.find_spans(rule, left())))
        except TimeoutError:
            yield Notice(self.name, rule.qualified_id, rules.budget.message)
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
