"""Document: the text every stage reads, with its line index and zones.

Segmentation lives here: a document is split once into lines with their
offsets, so no stage ever recomputes or mutates positions. A document knows
nothing of rules: which rule files apply to it and what they match is
`cleaner.ruleset.match.Matching`.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Literal, NamedTuple, Sequence

from .edits import Coverage, Edit

Zone = Literal["head", "tail", "any"]


class Line(NamedTuple):
    """One line of the document: `text` is `doc.text[start:end]`, without its newline.

    A named tuple, not a frozen dataclass: one is made per line of every
    document, and it is built at a fraction of a frozen dataclass's cost.
    """

    index: int
    start: int
    end: int
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def segment(text: str) -> tuple[Line, ...]:
    """Split `text` into lines with offsets (the newline belongs to no line)."""
    lines = []
    start = 0
    for index, part in enumerate(text.split("\n")):
        end = start + len(part)
        lines.append(Line(index, start, end, part))
        start = end + 1
    return tuple(lines)


@dataclass(frozen=True)
class Document:
    """The source text after decoding, extraction and line-break normalisation."""

    text: str
    name: str = "<text>"
    url: str | None = None
    format: str = "text"
    head_lines: int = 6
    tail_fraction: float = 0.4
    tail_min_lines: int = 12
    lines: tuple[Line, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", segment(self.text))

    @cached_property
    def stripped(self) -> tuple[str, ...]:
        """Each line's text without surrounding white space (what line rules match)."""
        return tuple(line.text.strip() for line in self.lines)

    @cached_property
    def content_lines(self) -> tuple[Line, ...]:
        """The non-blank lines, in order."""
        return tuple(line for line, text in zip(self.lines, self.stripped) if text)

    def removed_lines(self, removals: Iterable[Edit] | Coverage) -> bytearray:
        """A flag per line: 1 where `removals` cover the line's whole span (see `line_span`)."""
        coverage = removals if isinstance(removals, Coverage) else Coverage(removals)
        return coverage.spans_covered(self._line_starts, self._span_ends)

    def zones(self, alive: Sequence[Line] | None = None) -> "Zones":
        """Head and tail zones over `alive` content lines (default: all content lines).

        Rules re-measure zones over the lines that survive earlier removals, so
        that the head of a cleaned text is its head too (cleaning is idempotent).
        """
        content = self.content_lines if alive is None else alive
        if not content:
            return Zones(self, 0, len(self.lines))
        n_head = min(self.head_lines, len(content))
        n_tail = min(len(content), max(self.tail_min_lines, math.ceil(self.tail_fraction * len(content))))
        return Zones(self, content[n_head - 1].index + 1, content[len(content) - n_tail].index)

    def line_span(self, line: Line) -> tuple[int, int]:
        """The span that removes `line` entirely: its text plus its newline, if any."""
        end = line.end + 1 if line.end < len(self.text) else line.end
        return line.start, end

    def line_at(self, offset: int) -> Line:
        """The line containing character `offset`."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return self.lines[max(0, i)]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    @cached_property
    def _span_ends(self) -> list[int]:
        size = len(self.text)
        return [line.end + 1 if line.end < size else line.end for line in self.lines]


@dataclass(frozen=True)
class Zones:
    """Lines before `head_end` are the head; lines from `tail_start` on are the tail."""

    doc: Document
    head_end: int
    tail_start: int

    def contains(self, line: Line, zone: Zone) -> bool:
        if zone == "head":
            return line.index < self.head_end
        if zone == "tail":
            return line.index >= self.tail_start
        return True

    def char_range(self, zone: Zone) -> tuple[int, int]:
        """The character range of a zone, for patterns searched over the whole text."""
        lines, size = self.doc.lines, len(self.doc.text)
        if zone == "head":
            return 0, (lines[self.head_end - 1].end if self.head_end else 0)
        if zone == "tail":
            return (lines[self.tail_start].start if self.tail_start < len(lines) else size), size
        return 0, size
