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
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")
# Every pattern of ftfy's badness heuristic contains a non-ASCII character and
# reaches at most this many characters beyond the non-ASCII ones.
_BADNESS_REACH = 3


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


def looks_bad(line: str) -> bool:
    """ftfy's `is_bad(line)`, looking only near the non-ASCII characters.

    `is_bad` tries its few dozen patterns at every position, about 1 µs per
    character; mostly-ASCII lines (English with curly quotes) have only a few
    places where a pattern can match, so only those windows are searched. A
    window starts at the line start or on an ASCII character, so ftfy's one
    anchored pattern (`^[ÃÂ] `) cannot match at a window's start by mistake.
    """
    windows: list[list[int]] = []
    for run in _NON_ASCII.finditer(line):
        start, end = max(0, run.start() - _BADNESS_REACH), run.end() + _BADNESS_REACH
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return any(is_bad(line[start:end]) for start, end in windows)


def repair(text: str) -> Repaired:
    """Fix mojibake and control characters in the lines that need it."""
    if text.isascii() and not _CONTROL.search(text):
        return Repaired(text, ())
    lines = text.split("\n")
    repairs = []
    for index, line in enumerate(lines):
        if line.isascii() and not _CONTROL.search(line):
            continue
        if not (_CONTROL.search(line) or looks_bad(line)):
            continue
        fixed = ftfy.fix_and_explain(line, _CONFIG)
        if fixed.text != line:
            steps = tuple((step.action, step.parameter) for step in fixed.explanation or ())
            repairs.append(UnicodeRepair(index, line, fixed.text, steps))
            lines[index] = fixed.text
    if not repairs:
        return Repaired(text, ())
    return Repaired("\n".join(lines), tuple(repairs))
