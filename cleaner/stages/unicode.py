"""Unicode repair with ftfy, line by line, explained.

Runs before `Document` is built so that rules match repaired text; each
repair is kept (line, before, after, ftfy's steps) for the report's
`encoding` section. ftfy is slow next to everything else, so it only sees
lines that its own badness heuristic, or a control character, flags.
"""

from __future__ import annotations

from dataclasses import dataclass

import ftfy
import regex
from ftfy.badness import is_bad

# Only the fixes that undo damage; nothing that restyles correct text
# (curly quotes, full-width CJK punctuation, ligatures and NFC stay as written).
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization=None,
)
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffc\ud800-\udfff]")


@dataclass(frozen=True)
class UnicodeRepair:
    """One repaired line: where, what it was, what it became, and ftfy's plan."""

    line: int
    before: str
    after: str
    steps: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Repaired:
    text: str
    repairs: tuple[UnicodeRepair, ...]


def repair(text: str) -> Repaired:
    """Fix mojibake and control characters in the lines that need it."""
    if text.isascii() and not _CONTROL.search(text):
        return Repaired(text, ())
    lines = text.split("\n")
    repairs = []
    for index, line in enumerate(lines):
        if line.isascii() and not _CONTROL.search(line):
            continue
        if not (_CONTROL.search(line) or is_bad(line)):
            continue
        fixed = ftfy.fix_and_explain(line, _CONFIG)
        if fixed.text != line:
            steps = tuple((step.action, step.parameter) for step in fixed.explanation or ())
            repairs.append(UnicodeRepair(index, line, fixed.text, steps))
            lines[index] = fixed.text
    if not repairs:
        return Repaired(text, ())
    return Repaired("\n".join(lines), tuple(repairs))
