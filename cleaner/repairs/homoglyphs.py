"""Look-alike letters of another script inside a word: "Nаtional" with a Cyrillic а.

Spam, evasion of filters and some keyboard layouts leave Cyrillic or Greek
letters inside Latin words (and Latin ones inside Cyrillic or Greek words):
the word reads right but matches nothing. A letter is replaced only when

* the rest of the word is in one script of Latin, Cyrillic and Greek, and
  holds more letters than the intruders (a tie, "μm", says nothing);
* Unicode's confusables data (confusable-homoglyphs' copy of UTS #39's
  confusables.txt) says the letter looks like exactly one letter of that
  script in the same case;
* the word is not in capitals (mixed-script brand names and acronyms are
  written so on purpose) and not inside a web address, e-mail address,
  code span or hashtag.

A whole word in another script (a Russian or Greek word in an English
text) has no second script inside it and is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..edits import Edit
from ..lazy import LazyPattern
from .protected import Protected

# Any Greek or Cyrillic letter at all: the cheap test that skips most texts.
_FOREIGN_LETTERS = "[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]"
_FOREIGN = re.compile(_FOREIGN_LETTERS)
_FOREIGN_RUN = re.compile(_FOREIGN_LETTERS + "+")
# A Latin letter (`_is_latin`) against a Greek or Cyrillic one, either way round: in
# Russian or Greek text every word is a run to look at, and one scan for a seam at
# all skips the look-ups when there is none.
_LATIN_LETTERS = "[" + re.escape("".join(c for c in map(chr, range(0x250)) if c.isalpha())) + "\u1e00-\u1eff]"
_ANY_SEAM = re.compile(f"{_LATIN_LETTERS}{_FOREIGN_LETTERS}|{_FOREIGN_LETTERS}{_LATIN_LETTERS}")
_SCRIPT_NAMES = ("Latin", "Cyrillic", "Greek")
# Each script's everyday alphabet: a twin is one of these, not a letter of
# a minority language or a phonetic or historic extension.
_BASIC = {"Latin": re.compile("[A-Za-z\u00c0-\u00ff]"), "Cyrillic": re.compile("[\u0400-\u045f]"),
          "Greek": re.compile("[\u0386-\u03ce]")}
_RULE = "tokens/homoglyph"


def find(text: str) -> Iterator[Edit]:
    """Edits replacing each look-alike letter inside a word of `text` by its twin.

    >>> [(e.replacement, e.reason) for e in find("the Nаtional Trust")]
    [('a', "Cyrillic 'а' inside the Latin word 'Nаtional'")]
    >>> list(find("Москва and NАТО"))
    []
    """
    if _FOREIGN.search(text) is None or _ANY_SEAM.search(text) is None:
        return
    protected: Protected | None = None
    done = 0
    for seam in _seams(text):
        if seam < done:
            continue
        start, end = _word_at(text, seam)
        done = end
        if protected is None:
            protected = Protected.of(text)
        if not protected.overlaps(start, end):
            yield from _repairs(text[start:end], start)


def _seams(text: str) -> Iterator[int]:
    """Where a run of Greek or Cyrillic letters touches a Latin letter (a `re` scan
    of the runs, then two look-ups each: much faster than one pattern of pairs)."""
    for run in _FOREIGN_RUN.finditer(text):
        start, end = run.span()
        if start and _is_latin(text[start - 1]):
            yield start - 1
        elif end < len(text) and _is_latin(text[end]):
            yield start


def _is_latin(char: str) -> bool:
    return char.isalpha() and char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def _word_at(text: str, at: int) -> tuple[int, int]:
    start = at
    while start > 0 and _word.match(text[start - 1]):
        start -= 1
    match = _word.match(text, at)
    return start, match.end() if match else at + 1


def _repairs(word: str, offset: int) -> Iterator[Edit]:
    scripts = [_script(c) for c in word]
    letters = [s for s in scripts if s != ""]
    if None in letters:  # a letter of a fourth script: not a word this repair understands
        return
    counts = {s: letters.count(s) for s in set(letters)}
    main = max(counts, key=counts.__getitem__)
    if 2 * counts[main] <= len(letters):
        return
    # Capitals with a letter of another script are written so on purpose: an
    # acronym, a brand, a gene or protein ("TGFβ", "ERα").
    if all(c.isupper() for c, s in zip(word, scripts) if s == main):
        return
    replacements = {i: _twin(c, main) for i, (c, s) in enumerate(zip(word, scripts)) if s not in ("", main)}
    if any(twin is None for twin in replacements.values()):
        return
    for i, twin in replacements.items():
        yield Edit(offset + i, offset + i + 1, twin, "token", _RULE,  # type: ignore[arg-type]
                   f"{scripts[i]} '{word[i]}' inside the {main} word '{word}'")


def _script(char: str) -> str | None:
    """The letter's script of the three, "" for a combining mark, None for any other script."""
    found = _script_letter.match(char)
    if found is None:
        return None
    return _SCRIPT_NAMES[found.lastindex - 1] if found.lastindex else ""


def _twin(char: str, script: str) -> str | None:
    """The one letter of `script`, in `char`'s case, that `char` is confusable with (None: none or several).

    Only a letter of the script's everyday alphabet is a twin (Latin 'i' is
    Cyrillic 'і', never the palochka 'ӏ'); of several, one that is a twin in the other case
    too (Latin 'o' is Greek 'ο', not 'σ': 'Σ' is no 'O'). A letter the data
    pairs only with a letter of the other case is taken through its case
    partner (Greek 'Ι' is listed with 'l', its small 'ι' with 'i'); Greek 'μ'
    is listed with no Latin letter, so its partner 'Μ' says nothing of it.
    """
    found = _look_alikes(char, script)
    partner = char.swapcase()
    if len(found) > 1 and partner != char:
        found = [c for c in found if c.swapcase() in _confusable_with(partner)]
    if not found and partner != char and any(
            _BASIC[script].match(c) and c.isupper() != char.isupper() for c in _confusable_with(char)):
        found = [c.swapcase() for c in _look_alikes(partner, script) if len(c.swapcase()) == 1]
    return found[0] if len(found) == 1 else None


def _look_alikes(char: str, script: str) -> list[str]:
    basic = _BASIC[script]
    return [c for c in _confusable_with(char) if basic.match(c) and c.isupper() == char.isupper()]


@lru_cache(maxsize=4096)
def _confusable_with(char: str) -> tuple[str, ...]:
    """The single letters confusable with `char`, either way round in the data, its own entries first.

    (The data lists a letter's look-alikes under the letter and, not always
    symmetrically, under the look-alike: Greek 'Ι' lists only 'l', Latin 'I'
    lists 'Ι'.)
    """
    table = _table()
    own = [entry["c"] for entry in table.get(char, ())]
    back = [other for other in _reverse()[char] if other not in own] if char in _reverse() else []
    return tuple(c for c in own + back if len(c) == 1 and c.isalpha())


@lru_cache(maxsize=1)
def _table() -> Mapping[str, list[dict[str, str]]]:
    # Imported on first need: the package loads its 900 KB table at import.
    from confusable_homoglyphs.confusables import confusables_data
    return confusables_data


@lru_cache(maxsize=1)
def _reverse() -> Mapping[str, tuple[str, ...]]:
    """For each look-alike, the letters of the three scripts that list it."""
    reverse: dict[str, list[str]] = {}
    for char, entries in _table().items():
        if len(char) == 1 and _script(char):
            for entry in entries:
                reverse.setdefault(entry["c"], []).append(char)
    return {k: tuple(v) for k, v in reverse.items()}


_word = LazyPattern(r"[\p{L}\p{M}]+")
# A letter of each script as its own group (in `_SCRIPT_NAMES` order), or a combining mark.
_script_letter = LazyPattern(r"(\p{Latin})|(\p{Cyrillic})|(\p{Greek})|\p{M}")
