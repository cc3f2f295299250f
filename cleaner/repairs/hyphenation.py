"""Words broken by print or PDF hyphenation: "infor- mation", "infor-\\nmation" → "information".

A hyphen that ends a word and is followed by white space (a line break, or
the space a line break became) and a lower-case word is joined when the
joined form is a word of the document's language and the two parts are not
both words ("infor- mation", "availa- ble"), or the joined word is about as
common as the rarer part: "learn- ing" (4.9 joined, "ing" 4.0), "some- thing",
"develop- ers". A real compound keeps its hyphen: "long- term" joined is far
rarer than its parts, and in "well- and ill-formed" or "mid- to long-term"
the joined "welland" and "midto" are no words at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from ..edits import Edit
from .words import Words

# A word, a hyphen, white space (one line break at most), a lower-case word;
# neither part touches another hyphen (a list of compounds: "pre- and post-war")
# or a digit, a dot or a slash (codes, versions, paths).
_BROKEN = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}\-./@_])(\p{L}[\p{L}\p{M}]*)-([ \t]*\n[ \t]*|[ \t]+)(\p{Ll}[\p{L}\p{M}]*)"
    r"(?![\p{L}\p{N}\p{M}\-@_]|\.[\p{L}\p{N}])")
# What every break has, found by a plain scan far faster than the pattern's
# look-behind at every place (most texts have none); the scan stops at hyphens
# and looks behind for the letter, as a letter class tried first at every place costs more.
_HINT = regex.compile(r"(?<=[\p{L}\p{M}])-[ \t\n]")
# Zipf frequency (occurrences per billion words, log10) from which a form
# counts as a word: 3.0 is once per million words ("infor" is 2.3, "mation" 1.5).
WORD = 3.0
# A joined form of two fragments needs less: "rende- rer" (2.3), "esc- apism"
# (2.6); what a hyphen and a space split in real text is almost never a word
# joined ("use- case" 1.0, "command- line" 1.4, "six- to" 1.7).
FRAGMENTS_WORD = 2.2
# Two words joined are one word when the joined form is at most this much rarer
# than the rarer part ("develop- ers": 4.2 joined, "ers" 3.2; "arm- and": 3.0 and 4.7).
COMPOUND_MARGIN = 1.0


def find(text: str, words: Callable[[], Words | None]) -> Iterator[Edit]:
    """Joins of hyphenated words split across a line break or a space; `words` gives the
    document's word list on first call (None: no list for its language, nothing is joined)."""
    matches = list(_BROKEN.finditer(text)) if _HINT.search(text) else []
    if not matches:
        return
    known = words()
    if known is None:
        return
    for match in matches:
        first, _, second = match.groups()
        if first.isupper() and len(first) > 1:
            continue  # an acronym: "COVID- related"
        joined = first + second
        if not _is_joined(known.zipf(joined), known.zipf(first), known.zipf(second)):
            continue
        shown = match.group().replace("\n", "\\n")
        yield Edit(match.end(1), match.start(3), "", "token", "tokens/hyphenation",
                   f"'{shown}' is the word '{joined}' broken by hyphenation")


def _is_joined(whole: float, first: float, second: float) -> bool:
    """Whether a word whose parts have these frequencies is one word broken, not a compound.

    >>> _is_joined(5.4, 2.3, 1.5), _is_joined(4.9, 5.2, 4.0), _is_joined(2.5, 5.3, 4.7)
    (True, True, False)
    """
    if min(first, second) < WORD:
        return whole >= FRAGMENTS_WORD
    return whole >= WORD and whole >= min(first, second) - COMPOUND_MARGIN
