"""Heuristics for chrome no rule names: here, repeated lines.

A line that repeats an earlier line of the document word for word (after
folding case and white space) is a re-rendered headline, an image title or a
teaser of the page itself; the first occurrence is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..document import Document
from ..edits import Coverage, Edit, Notice


def _fingerprint(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class DuplicateLines:
    name: str = "heuristics"
    min_chars: int = 25

    def propose(self, doc: Document, decided: Sequence[Edit]) -> Iterable[Edit | Notice]:
        gone = Coverage(e for e in decided if e.is_removal)
        seen: set[str] = set()
        for line in doc.content_lines:
            if gone.covers(*doc.line_span(line)):
                continue
            key = _fingerprint(line.text)
            if len(key) < self.min_chars:
                continue
            if key in seen:
                start, end = doc.line_span(line)
                yield Edit(start, end, "", "duplicate", "heuristics/duplicate-line",
                           "repeats an earlier line of the document")
            seen.add(key)
