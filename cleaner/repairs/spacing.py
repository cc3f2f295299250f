"""Letter-spaced words in page chrome: "B r e a k i n g  N e w s" → "Breaking News".

Headings, banners and buttons styled with CSS letter-spacing come out of some
scrapers with a space between every letter. Such a run is joined only on a
short line (chrome, not prose) that it mostly fills, so single-letter words
of prose ("a", Polish "w", Czech "v") never qualify. Two or more spaces
separate the words; a run spaced evenly throughout is one word, split where a
small letter meets a capital ("B r e a k i n g N e w s").

Left alone: an alphabetical index ("A B C D E"), a run that would make a
one-letter word, and anything inside a web address, e-mail address or code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..edits import Edit
from ..lazy import LazyPattern
from .protected import Protected

# Two single characters between spaces, which every run of four holds in its
# middle: the cheap test (no look-around, so `re` scans fast) before the
# exact one, `_run`.
_SPACED = re.compile(r" \S +\S ")
_GAP = re.compile(r" {2,}")
# A chrome line is short; the letter-spaced runs hold most of its letters.
_MAX_LINE = 100
_MIN_SHARE = 2 / 3
_RULE = "tokens/letter-spacing"


def find(text: str) -> Iterator[Edit]:
    """Edits joining the letter-spaced words of the chrome-like lines of `text`.

    >>> [(e.replacement, e.reason) for e in find("B r e a k i n g  N e w s\\nThe minister said")]
    [('Breaking News', "letter-spaced 'B r e a k i n g  N e w s' joined into 'Breaking News'")]
    >>> list(find("A B C D E F G"))
    []
    """
    protected: Protected | None = None
    for line_start, line in _short_lines_with_runs(text):
        runs = list(_run.finditer(line))
        if not _is_chrome(line, runs):
            continue
        for run in runs:
            joined = _join(run.group())
            if joined is None:
                continue
            start, end = line_start + run.start(), line_start + run.end()
            protected = protected or Protected.of(text)
            if not protected.overlaps(start, end):
                yield Edit(start, end, joined, "whitespace", _RULE,
                           f"letter-spaced '{run.group()}' joined into '{joined}'")


def _short_lines_with_runs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each chrome-short line the cheap test hits, each line once."""
    done = -1
    for hit in _SPACED.finditer(text):
        if hit.start() < done:
            continue
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        done = len(text) if end < 0 else end
        if len(text[start:done].strip()) <= _MAX_LINE:
            yield start, text[start:done]


def _is_chrome(line: str, runs: list[regex.Match[str]]) -> bool:
    if len(line.strip()) > _MAX_LINE:
        return False
    spaced = sum(_letters(run.group()) for run in runs)
    return spaced >= _MIN_SHARE * _letters(line)


def _join(run: str) -> str | None:
    """The words the run spells, one space apart; None when it is no words.

    >>> _join("B r e a k i n g N e w s")
    'Breaking News'
    >>> _join("A  B  C  D") is None
    True
    """
    groups = _GAP.split(run)
    words = [group.replace(" ", "") for group in groups]
    if len(groups) == 1:
        words = _camel_seam.split(words[0])
    if any(_letters(word) < 2 for word in words):
        return None
    letters = [c for c in run if c.isalpha()]
    folded = [c.casefold() for c in letters]
    if all(c.isupper() for c in letters) and folded == sorted(folded) and len(words) == 1:
        return None  # an index of initials, "A B C D E"
    return " ".join(words)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


# At least four single letters (with their accents), each alone between spaces.
_run = LazyPattern(r"(?<!\S)\p{L}\p{M}*(?: +\p{L}\p{M}*){3,}(?!\S)")
# Where a small letter meets a capital.
_camel_seam = LazyPattern(r"(?<=\p{Ll}\p{M}*)(?=\p{Lu})")
