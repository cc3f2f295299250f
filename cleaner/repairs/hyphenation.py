"""Words broken by print or PDF hyphenation: "infor- mation", "infor-\\nmation" → "information".

A hyphen that ends a word and is followed by white space (a line break, or
the space a line break became) and a lower-case word is joined when the
joined form is a word of the document's language and the two parts are not
both words, or are rarer words than the joined one ("govern- ment"). A real
compound keeps its hyphen: "long- term" joined is rarer than its parts, and in
"well- and ill-formed" the joined "welland" is no word at all.
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
# Zipf frequency (occurrences per billion words, log10) from which a form
# counts as a word: 3.0 is once per million words ("infor" is 2.3, "mation" 1.5).
WORD = 3.0


def find(text: str, words: Callable[[], Words | None]) -> Iterator[Edit]:
    """Joins of hyphenated words split across a line break or a space; `words` gives the
    document's word list on first call (None: no list for its language, nothing is joined)."""
    matches = list(_BROKEN.finditer(text))
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
        whole, parts = known.zipf(joined), (known.zipf(first), known.zipf(second))
        if whole < WORD or min(parts) >= WORD and whole < max(parts):
            continue
        shown = match.group().replace("\n", "\\n")
        yield Edit(match.end(1), match.start(3), "", "token", "tokens/hyphenation",
                   f"'{shown}' is the word '{joined}' broken by hyphenation")
