"""White-space tidying after removals: no leading, trailing or doubled blank lines.

Removals leave the blank lines that separated the dropped lines from their
neighbours; this stage looks at which lines survive the removals decided so
far and removes each blank line that would start or end the output or follow
another surviving blank line. Each is a `whitespace` edit, so the ledger stays
exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..document import Document, Line
from ..edits import Edit, Notice
from . import Context


@dataclass(frozen=True)
class BlankLines:
    name: str = "tidy"

    def propose(self, doc: Document, decided: Sequence[Edit], context: Context) -> Iterable[Edit | Notice]:
        removed = doc.removed_lines(e for e in decided if e.is_removal)
        survivors = [line for line in _real_lines(doc) if not removed[line.index]]
        previous_blank = True  # nothing before the first line: a leading blank goes
        pending: list[Line] = []
        stripped = doc.stripped  # (kept by the document: cheaper than each line's `is_blank`)
        for line in survivors:
            if not stripped[line.index]:
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
    """All lines but the empty one that `split` reports after a final newline (or for "")."""
    lines = list(doc.lines)
    if lines and lines[-1].start == len(doc.text):
        lines.pop()
    return lines


def _blank_edit(doc: Document, line: Line) -> Edit:
    start, end = doc.line_span(line)
    return Edit(start, end, "", "whitespace", "tidy/blank-line", "blank line left over after removals")
