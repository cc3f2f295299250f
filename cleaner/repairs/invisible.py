"""Invisible format characters that split a word: zero-width space, joiners, soft hyphen, bidi marks.

Copy-paste from CMSs, word processors and anti-scraping markup leaves them
inside words ("Nat\\u200bional"): the word looks whole but no longer matches a
search, a dictionary or a duplicate. They are removed only between two
letters (or digits) of a script that has no use for them there:

* zero-width space and word joiner: Latin, Cyrillic, Greek, Armenian and
  Georgian words (Thai, Khmer, Lao, Myanmar and CJK text uses them as its
  word separators, so there they stay);
* zero-width joiner and non-joiner: the same scripts only (Indic scripts,
  Persian and Arabic shape letters with them; emoji ZWJ sequences sit
  between symbols, never between letters);
* bidi marks (LRM, RLM, ALM, embeddings, overrides, isolates): between
  letters of one script from the list, where direction cannot change;
* soft hyphen: between any two letters (it is only a line-breaking hint).

The byte order mark U+FEFF is not handled here: the Unicode repair
(`cleaner.stages.unicode`, ftfy's control-character fix) has already removed
it before any stage sees the text.

Category `token`: nothing visible changes and no spacing moves; what the
repair restores is the word as a token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..edits import Edit
from ..lazy import LazyPattern
from .protected import Protected

_SOFT_HYPHEN = "\u00ad"
_JOINERS = "\u200c\u200d"
_BIDI = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_SPACERS = "\u200b\u2060"
# A run of invisible characters with the characters on either side (a word
# character or not): the neighbours decide whether the run splits a word.
_RUN = re.compile(f"[{_SOFT_HYPHEN}{_JOINERS}{_BIDI}{_SPACERS}]+")
_INVISIBLE = "\u00ad\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060"
# The scripts of `_ALPHABETIC`, as the first word of a letter's Unicode name.
_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"})
_MARKS = re.compile(f"[{_BIDI}]")
_RULE = "tokens/invisible"


def find(text: str) -> Iterator[Edit]:
    """Edits removing the invisible characters that split a word of `text`.

    >>> [e.reason for e in find("the Nat\\u200bional Trust")]
    ["zero width space inside the word 'National'"]
    >>> list(find("क्\\u200dष"))  # a Devanagari conjunct keeps its joiner
    []
    """
    # `in` per character is several times faster than a class of non-ASCII
    # characters scanned by `re`, and most texts hold none of them.
    if not any(char in text for char in _INVISIBLE):
        return
    protected: Protected | None = None
    for run in _RUN.finditer(text):
        start, end = run.span()
        before, after = text[start - 1:start], text[end:end + 1]
        if not _splits_word(run.group(), before, after):
            continue
        protected = protected or Protected.of(text)
        if not protected.overlaps(start, end):
            word = _word_around(text, start, end)
            yield Edit(start, end, "", "token", _RULE, f"{_names(run.group())} inside the word '{word}'")


def _splits_word(run: str, before: str, after: str) -> bool:
    """True when every character of `run` is junk between `before` and `after`."""
    if not before or not after:
        return False
    if set(run) == {_SOFT_HYPHEN}:
        return bool(_letter.match(before) and _letter.match(after))
    if not (_alphabetic.match(before) and _alphabetic.match(after)):
        return False
    return _MARKS.search(run) is None or _same_script(before, after)


def _same_script(a: str, b: str) -> bool:
    """Both letters of one script of the list (beside a digit, a mark can turn its direction)."""
    script = unicodedata.name(a, "").split(" ")[0]
    return script in _SCRIPTS and unicodedata.name(b, "").split(" ")[0] == script


def _word_around(text: str, start: int, end: int) -> str:
    """The word the run splits, without the run (for the reason)."""
    left = start
    while left > 0 and (text[left - 1].isalnum() or _RUN.match(text[left - 1])):
        left -= 1
    right = end
    while right < len(text) and (text[right].isalnum() or _RUN.match(text[right])):
        right += 1
    return _RUN.sub("", text[left:right])


def _names(run: str) -> str:
    names = dict.fromkeys(unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in run)
    return " and ".join(names)


# A letter of a script whose words never need a zero-width character, or a digit.
_alphabetic = LazyPattern(r"[\p{Latin}\p{Cyrillic}\p{Greek}\p{Armenian}\p{Georgian}\p{Nd}]")
_letter = LazyPattern(r"[\p{L}\p{M}]")
