"""White-space tidying after removals: no leading, trailing or doubled blank lines.

Removals leave the blank lines that separated the dropped lines from their
neighbours; this stage looks at which lines survive the removals decided so
far and removes each blank line that would start or end the output or follow
another surviving blank line. Each is a `whitespace` edit, so the ledger stays
exact.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..document import Document, Line
from ..edits import Edit, Notice


@dataclass(frozen=True)
class BlankLines:
    name: str = "tidy"

    def propose(self, doc: Document, decided: Sequence[Edit]) -> Iterable[Edit | Notice]:
        gone = _Coverage([e for e in decided if e.is_removal])
        survivors = [line for line in _real_lines(doc) if not gone.covers(*doc.line_span(line))]
        previous_blank = True  # nothing before the first line: a leading blank goes
        pending: list[Line] = []
        for line in survivors:
            if line.is_blank:
                if previous_blank:
                    yield _blank_edit(doc, line)
                else:
                    pending.append(line)
                previous_blank = True
            else:
                pending.clear()
                previous_blank = False
        for line in pending:  # blank lines that would end the output
            yield _blank_edit(doc, line)


def _real_lines(doc: Document) -> list[Line]:
    """All lines but the empty one that `split` reports after a final newline."""
    lines = list(doc.lines)
    if lines and lines[-1].start == len(doc.text) and len(lines) > 1:
        lines.pop()
    return lines


def _blank_edit(doc: Document, line: Line) -> Edit:
    start, end = doc.line_span(line)
    return Edit(start, end, "", "whitespace", "tidy/blank-line", "blank line left over after removals")


class _Coverage:
    """Union of removal spans, for 'is this whole line removed?' look-ups."""

    def __init__(self, edits: Sequence[Edit]):
        merged: list[list[int]] = []
        for e in sorted(edits, key=lambda e: e.start):
            if merged and e.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e.end)
            else:
                merged.append([e.start, e.end])
        self._starts = [m[0] for m in merged]
        self._spans = merged

    def covers(self, start: int, end: int) -> bool:
        if start == end:
            return False
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._spans[i][1] >= end

