"""Word repairs: broken hyphenation, glued words and damaged words, by the document's word list.

They run after the removal stages, on the lines that survive. What they
decide rests on the whole document (its language, the words it uses, the
tokens it repeats), and cleaning the output again must see the document
they saw: the surviving lines, not the chrome that went.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, partial
from typing import Iterable, Sequence

from ..document import Document
from ..edits import Edit, Notice, Suspect
from ..heuristics.lexicon import Lexicon
from . import Context


@dataclass(frozen=True)
class WordRepairs:
    # The stoplists the document's language is told by (the heuristics stage's),
    # for the word list the repairs read (`cleaner.repairs.words`).
    lexicon: Lexicon = field(default_factory=Lexicon, compare=False)
    repair_suspects: bool = False  # `Settings.repair_suspects`
    name: str = "words"

    def propose(self, doc: Document, decided: Sequence[Edit],
                context: Context) -> Iterable[Edit | Notice | Suspect]:
        # Imported here: their patterns compile on first use, not at start-up.
        from ..repairs import glued, hyphenation, misspelt
        from ..repairs.words import words_of

        text = surviving(doc.text, decided)
        words = cache(partial(words_of, text, self.lexicon))  # detected once, if a family needs it
        yield from hyphenation.find(text, words)
        yield from glued.find(text, words)
        yield from misspelt.find(text, words, self.repair_suspects)


def surviving(text: str, decided: Sequence[Edit]) -> str:
    """`text` with what the decided removals take blanked out (line breaks stay, so
    offsets and lines are the document's)."""
    parts: list[str] = []
    cursor = 0
    for start, end in sorted((e.start, e.end) for e in decided if e.is_removal):  # they do not overlap
        parts.append(text[cursor:start])
        parts.append("\n".join(" " * len(line) for line in text[start:end].split("\n")))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)
