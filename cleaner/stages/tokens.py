"""Token repairs: the `replace` rules of the selected rule files, then the repairs that
look at one word or line alone (invisible characters, homoglyphs, letter-spacing).

Replace rules carry the corrupted-token, punctuation-debris and
machine-translation fixes as data. (HTML character references are decoded
with the Unicode repair, before ftfy looks: `cleaner.stages.unicode`; the
repairs that need the document's word list are `cleaner.stages.words`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from ..document import Document
from ..edits import Edit, Notice
from ..repairs import homoglyphs, invisible, spacing
from ..ruleset.match import Matching
from ..ruleset.model import Rule
from . import Context


@dataclass(frozen=True)
class TokenRepairs:
    name: str = "tokens"

    def propose(self, doc: Document, decided: Sequence[Edit], context: Context) -> Iterable[Edit | Notice]:
        rules = context.rules
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
