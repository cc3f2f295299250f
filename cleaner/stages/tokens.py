"""Token repairs: the `replace` rules of the selected rule files, and HTML entities.

Replace rules carry the corrupted-token, punctuation-debris and
machine-translation fixes as data; entity decoding is the one repair that
needs code (html.unescape knows every named entity).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Iterable, Iterator, Sequence

import regex

from ..document import Document
from ..edits import Edit, Notice, Suspect
from ..heuristics.lexicon import Lexicon
from ..ruleset.match import Matching
from ..ruleset.model import Rule
from . import Context

# Named, decimal and hex character references, as left in text by a scraper
# that took an attribute or a CDATA block verbatim.
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class TokenRepairs:
    # The stoplists the document's language is told by (the heuristics stage's),
    # for the families that need its word list (`cleaner.repairs.words`).
    lexicon: Lexicon = field(default_factory=Lexicon, compare=False)
    repair_suspects: bool = False  # `Settings.repair_suspects`
    name: str = "tokens"

    def propose(self, doc: Document, decided: Sequence[Edit], context: Context) -> Iterable[Edit | Notice | Suspect]:
        rules = context.rules
        if doc.format == "text":
            yield from _entities(doc)
        for rule in (r for r in rules.rules("replace") if rules.may_match(r)):
            yield from self._replacements(rules, rule)
        # Imported here: their patterns compile on first use, not at start-up.
        from ..repairs import glued, hyphenation, misspelt
        from ..repairs.words import words_of

        words = cache(partial(words_of, doc.text, self.lexicon))  # detected once, if a family needs it
        yield from hyphenation.find(doc.text, words)
        yield from glued.find(doc.text, words)
        yield from misspelt.find(doc.text, words, self.repair_suspects)

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
