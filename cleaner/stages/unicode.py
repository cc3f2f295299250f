"""Unicode repair with ftfy, line by line, explained; in plain text, HTML character references first.

Runs before `Document` is built so that rules match repaired text; each
repair is kept (line, before, after, ftfy's steps) for the report's
`encoding` section. ftfy is slow next to everything else, so it only sees
lines that its own badness heuristic, or a control character, flags.

Even the heuristic is costly (one big alternation tried at every character),
so a text is first asked once, whole, by RE2: its translation of the
heuristic (`cleaner.ruleset.re2set.translate`, which matches at least as much)
runs as a DFA, about 50x faster, and most texts have no hit at all. When it
hits, the heuristic proper runs, but only in short windows around the runs of
non-ASCII characters (every one of its patterns needs a non-ASCII character
and spans at most a few characters); a line is asked in full only when a
window hits.
"""

from __future__ import annotations

import bisect
import difflib
import html
import itertools
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import ftfy
import regex
from ftfy.badness import BADNESS_RE, is_bad

from ..cache import Cache
from ..ruleset.re2set import compile_superset

if TYPE_CHECKING:
    import re2

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
# Named, decimal and hex character references, as left in text by a scraper that
# took an attribute or a CDATA block verbatim. They are decoded before ftfy looks:
# "10Î&frac14;s" is mojibake only once the reference is decoded ("10Î¼s" -> "10μs").
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Escaped twice ("&amp;amp;", "&amp;#8217;") or three times is seen; more is not text.
_MAX_UNESCAPES = 3
_UNESCAPE_STEP = ("unescape", "html-character-references")
# (`re`, not `regex`: for a plain class of code points it scans about 4x faster.)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffc\ud800-\udfff]")
# Runs of non-ASCII characters, with gaps of less than two reaches bridged: one
# match per window to search.
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+(?:[\x00-\x7f]{1,15}[^\x00-\x7f]+)*")
# ftfy's badness patterns in MULTILINE mode, so that "^" also matches at the start
# of each line of a whole text (as it does on the line alone).
_BADNESS_LINES = re.compile(BADNESS_RE.pattern, BADNESS_RE.flags | re.MULTILINE)
# A repaired line is compared with its old self piece by piece (a character diff is
# quadratic on long lines, and aligns stray characters of the mojibake): runs of white
# space, of printable ASCII (which repairs leave alone), and of everything else.
_PIECES = re.compile(r"\s+|[\x21-\x7e]+|[^\x21-\x7e\s]+")
# A badness match is at most 7 characters long (tests/ruleset/test_fast_paths.py checks
# it against ftfy's pattern), so it lies within this reach of a non-ASCII character.
BADNESS_REACH = 8


@dataclass(frozen=True)
class RepairedSpan:
    """One run of characters a repair changed: `before` became `after`, which
    lies at [start, end) of the repaired text (empty when characters were deleted)."""

    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class UnicodeRepair:
    """One repaired line: where, what it was, what it became, and ftfy's plan."""

    line: int
    before: str
    after: str
    steps: tuple[tuple[str, str], ...]
    start: int = 0  # where the repaired line begins in the repaired text

    def spans(self) -> tuple[RepairedSpan, ...]:
        """The runs of characters the repair changed, each an encoding fix in the report.

        >>> UnicodeRepair(0, "cafÃ© and naÃ¯ve", "café and naïve", (), start=10).spans()
        (RepairedSpan(start=13, end=14, before='Ã©', after='é'), RepairedSpan(start=21, end=22, before='Ã¯', after='ï'))
        """
        old, new = _PIECES.findall(self.before), _PIECES.findall(self.after)
        old_at = list(itertools.accumulate(map(len, old), initial=0))
        new_at = list(itertools.accumulate(map(len, new), initial=0))
        spans: list[RepairedSpan] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
            if tag != "equal":
                spans.append(self._run(old_at[i1], old_at[i2], new_at[j1], new_at[j2]))
        return tuple(spans)

    def _run(self, old_start: int, old_end: int, new_start: int, new_end: int) -> RepairedSpan:
        """The changed pieces less the characters they begin and end with in common."""
        before, after = self.before[old_start:old_end], self.after[new_start:new_end]
        head = len(os.path.commonprefix([before, after]))
        tail = len(os.path.commonprefix([before[head:][::-1], after[head:][::-1]]))
        at = self.start + new_start
        return RepairedSpan(at + head, at + len(after) - tail, before[head:len(before) - tail], after[head:len(after) - tail])


@dataclass(frozen=True)
class Repaired:
    text: str
    repairs: tuple[UnicodeRepair, ...]


def repair(text: str, *, entities: bool = False) -> Repaired:
    """Fix mojibake and control characters in the lines that need it; with `entities`
    (plain text, where a reference is never markup), decode HTML character references first."""
    with_entities = entities and "&" in text and _ENTITY.search(text) is not None
    if not with_entities and not _CONTROL.search(text) and (text.isascii() or _clean_by_re2(text)):
        return Repaired(text, ())
    lines = text.split("\n")
    suspects = set(_suspect_lines(text, lines))
    if with_entities:
        suspects.update(i for i, line in enumerate(lines) if "&" in line and _ENTITY.search(line))
    repairs = []
    for index in sorted(suspects):
        line = lines[index]
        unescaped = _unescape(line) if with_entities else line
        steps: tuple[tuple[str, str], ...] = (_UNESCAPE_STEP,) if unescaped != line else ()
        fixed = unescaped
        if _CONTROL.search(unescaped) or is_bad(unescaped):
            explained = ftfy.fix_and_explain(unescaped, _CONFIG)
            fixed = explained.text
            steps += tuple((step.action, step.parameter) for step in explained.explanation or ())
        if fixed != line:
            repairs.append(UnicodeRepair(index, line, fixed, steps))
            lines[index] = fixed
    if not repairs:
        return Repaired(text, ())
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    return Repaired("\n".join(lines), tuple(replace(r, start=starts[r.line]) for r in repairs))


def _unescape(line: str) -> str:
    """`line` with its character references decoded, again while a decoding leaves new ones."""
    for _ in range(_MAX_UNESCAPES):
        decoded = _ENTITY.sub(lambda m: html.unescape(m.group()), line)
        if decoded == line:
            break
        line = decoded
    return line


@lru_cache(maxsize=1)
def _badness_re2() -> "re2._Regexp | None":
    """ftfy's badness patterns for RE2, as a pre-check of the whole text (None: no pre-check).
    Built on first use from the cached translation (`cleaner.cache`), not at import."""
    return compile_superset(BADNESS_RE.pattern, verbose=bool(BADNESS_RE.flags & re.VERBOSE), cache=Cache.default())


def _clean_by_re2(text: str) -> bool:
    """True when RE2 shows no line of `text` can match ftfy's badness heuristic."""
    badness = _badness_re2()
    if badness is None:
        return False
    try:
        return badness.search(text) is None
    except UnicodeEncodeError:  # a lone surrogate: let the heuristic proper look
        return False


def _suspect_lines(text: str, lines: list[str]) -> list[int]:
    """Indices of the lines that may hold a control character or mojibake (a superset)."""
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    suspects = {bisect.bisect_right(starts, m.start()) - 1 for m in _CONTROL.finditer(text)}
    for start, end in _windows(text):
        # A match of the line alone is a match here too, at the same place: so
        # the lines where hits start are the suspects (one hit per line will do).
        while (hit := _BADNESS_LINES.search(text, start, end)) is not None:
            index = bisect.bisect_right(starts, hit.start()) - 1
            suspects.add(index)
            if index + 1 >= len(starts):
                break
            start = starts[index + 1]
    return sorted(suspects)


def _windows(text: str) -> list[tuple[int, int]]:
    """The runs of non-ASCII characters, widened by BADNESS_REACH (they may overlap)."""
    size = len(text)
    return [(max(0, run.start() - BADNESS_REACH), min(size, run.end() + BADNESS_REACH))
            for run in _NON_ASCII.finditer(text)]
