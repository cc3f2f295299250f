"""What the view draws: every change a report records, as a mark with its reason.

Three sources of marks share one shape: the ledger's edits (applied, or
kept with `--keep`), the encoding fixes of Unicode repair (which ran before
the ledger: their offsets point at the repaired text, where the new
characters stand), and the blocks HTML extraction dropped (which are not in
the source text at all, so they have no offsets). Reasons are numbered once
per distinct (category, rule, reason), in the order a reader meets them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..categories import FIX_CATEGORIES

Kind = Literal["removal", "fix", "kept"]

# A removal this long, or of this many lines, is collapsed to its first words.
LONG_CHARS = 240
LONG_LINES = 4
# An edit whose old and new text each have at most this many visible characters is
# easy to miss (a comma, a space, "é" for "Ã©"): it gets a badge that spells it out.
TINY_CHARS = 2

ENCODING_RULE = "unicode/ftfy"
EXTRACTION_RULE = "html/extraction"


@dataclass(frozen=True)
class Mark:
    """One change to draw. `start`/`end` locate it in the source text; the source
    text there is `old` for a ledger edit and `new` for an encoding fix."""

    ident: str  # the element id: e3 (edit), k1 (kept), u2-0 (encoding fix), d5 (dropped block)
    start: int
    end: int
    old: str
    new: str
    category: str
    kind: Kind
    rule: str
    reason: str
    source_is_old: bool = True
    in_text: bool = True  # False for a block extraction dropped: it never reached the source text

    @property
    def is_tiny(self) -> bool:
        return len(self.old.strip()) <= TINY_CHARS and len(self.new.strip()) <= TINY_CHARS

    @property
    def is_long(self) -> bool:
        return self.kind == "removal" and (len(self.old) > LONG_CHARS or self.old.count("\n") >= LONG_LINES)

    @property
    def note_key(self) -> tuple[str, str, str]:
        return (self.category, self.rule, self.reason)


def text_marks(report: Mapping[str, Any]) -> list[Mark]:
    """The marks over the source text, sorted by position (an enclosing mark before those inside it)."""
    marks = [_edit_mark(f"e{i}", e, _kind(e)) for i, e in enumerate(report.get("edits", []))]
    marks += [_edit_mark(f"k{i}", e, "kept") for i, e in enumerate(report.get("kept", []))]
    for i, repair in enumerate(report.get("encoding", [])):
        steps = "; ".join(" ".join(step) for step in repair.get("steps", []))
        reason = f"mojibake or control characters repaired by ftfy ({steps or 'no steps given'})"
        marks += [Mark(f"u{i}-{j}", f["start"], f["end"], f["before"], f["after"], "encoding", "fix",
                       ENCODING_RULE, reason, source_is_old=False) for j, f in enumerate(repair.get("fixes", []))]
    return sorted(marks, key=lambda m: (m.start, -m.end))


def dropped_marks(report: Mapping[str, Any]) -> list[Mark]:
    """The blocks of an HTML page that extraction left out (none for text input)."""
    extraction = report.get("extraction") or {}
    return [Mark(f"d{i}", 0, 0, block["text"], "", block.get("category", "html-chrome"), "removal",
                 EXTRACTION_RULE, block.get("reason", ""), in_text=False)
            for i, block in enumerate(extraction.get("dropped", []))]


def _kind(edit: Mapping[str, Any]) -> Kind:
    return "removal" if edit["replacement"] == "" and edit["category"] not in FIX_CATEGORIES else "fix"


def _edit_mark(ident: str, edit: Mapping[str, Any], kind: Kind) -> Mark:
    return Mark(ident, edit["start"], edit["end"], edit["text"], edit["replacement"], edit["category"], kind,
                edit["rule"], edit["reason"])


class Notes:
    """The numbered reasons: one number per distinct (category, rule, reason), first met first."""

    def __init__(self, marks: Iterable[Mark]) -> None:
        self.numbers: dict[tuple[str, str, str], int] = {}
        self.marks: dict[tuple[str, str, str], list[Mark]] = {}
        for mark in marks:
            self.numbers.setdefault(mark.note_key, len(self.numbers) + 1)
            self.marks.setdefault(mark.note_key, []).append(mark)

    def number(self, mark: Mark) -> int:
        return self.numbers[mark.note_key]


def visible(text: str, limit: int = 12) -> str:
    """Text spelled out so that white space and invisible characters show (for badges).

    >>> visible(" .\\n")
    '␣.↵'
    >>> visible("")
    '∅'
    """
    if not text:
        return "∅"
    shown = "".join(_GLYPHS.get(c) or (f"U+{ord(c):04X}" if not c.isprintable() else c) for c in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_GLYPHS = {" ": "␣", "\n": "↵", "\t": "⇥", "\u00a0": "⍽"}
