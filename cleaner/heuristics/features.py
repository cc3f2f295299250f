"""Per-line evidence, computed in one pass: the signals jusText reads, for plain text.

jusText (Pomikálek 2011) classifies a paragraph by its length, its stopword
density and its link density. Plain text has no links, so URL and e-mail
density stand in for link density, and the shape of the line adds what the
tags would have said: terminal punctuation (sentences end with it, menu
items and headlines do not), the share of capitalised words (headlines and
menus are title-cased), digits and symbols (dates, counters, prices),
bullets and a trailing ellipsis (truncated teasers).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import regex

from .lexicon import UNSPACED

WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?")
# A sentence boundary inside a line: a final mark, closing quotes, space, then a capital.
SENTENCE_BREAK = regex.compile(r"[.!?…][\"'”’»)]*\s+[\"'“‘«(]*\p{Lu}")
CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}'’])\p{Lu}")
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\b[\w-]+\.(?:com|org|net)(?:/\S*)?\b")
# What may trail a sentence's final mark: closing quotes and brackets.
TRAILING = "\"'”’»)]」』）*"
TERMINAL = frozenset(".!?…。！？;:")
BULLET = re.compile(r"^(?:[-–—•·*»›▪►■◦|>]+\s*[·•]?\s*|\d{1,2}[.)]\s+)")
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved")


class LineFeatures(NamedTuple):
    """What one line's text says about it, independent of its neighbours and of language.

    A named tuple, not a frozen dataclass: one is made per line, and a frozen
    dataclass's ``__init__`` (a ``object.__setattr__`` per field) costs four
    times as much for these 13 fields.
    """

    chars: int            # characters, surrounding white space excluded
    words: int            # white-space separated words; for unspaced scripts, characters / 2
    tokens: tuple[str, ...]  # lower-cased letter tokens (for stopword density)
    is_terminal: bool     # ends like a sentence (. ! ? … 。！？, quotes after it allowed)
    sentences: int        # sentence ends in the line (breaks between sentences, plus a final one)
    title_share: float    # share of letter tokens that start with a capital
    symbol_share: float   # share of non-space characters that are digits, symbols or punctuation
    url_share: float      # share of characters inside URLs and e-mail addresses
    is_bulleted: bool     # opens with a bullet or a list number
    is_truncated: bool    # ends with an ellipsis (a cut-off teaser)
    is_question: bool     # ends with a question mark
    has_copyright: bool
    is_unspaced: bool     # mostly a script written without spaces (Chinese, Japanese, Thai)

    def stop_density(self, stopwords: frozenset[str]) -> float:
        if not self.tokens:
            return 0.0
        return sum(map(stopwords.__contains__, self.tokens)) / len(self.tokens)  # map: no Python frame per token


def _has_copyright(lower: str) -> bool:
    # Substring tests first: one of them is in every match, and they cost far less than the search.
    return ("©" in lower or "(c)" in lower or "copyright" in lower or "reserved" in lower) \
        and COPYRIGHT.search(lower) is not None


def line_features(text: str) -> LineFeatures:
    """The features of one (stripped, non-empty) line."""
    lower = text.casefold()
    parts = text.split()
    letters = capitals = unspaced_chars = 0
    tokens: list[str] = []
    for part in parts:  # no letter run, capital or unspaced character spans white space
        part_letters, part_capitals, part_unspaced, part_tokens = _part(part)
        letters += part_letters
        capitals += part_capitals
        unspaced_chars += part_unspaced
        tokens += part_tokens
    is_unspaced = unspaced_chars * 2 > len(text)
    words = max(1, (len(text) + 1) // 2) if is_unspaced else len(parts)
    non_space = sum(map(len, parts)) or 1
    # One of these substrings is in every URL_OR_EMAIL match: most lines have none and skip
    # the pattern. Written out, as `any()` over a tuple costs twice as much per line.
    has_url = "http" in lower or "www." in lower or "@" in lower or ".com" in lower or ".org" in lower \
        or ".net" in lower
    url_chars = sum(map(len, URL_OR_EMAIL.findall(text))) if has_url else 0
    end = text.rstrip(TRAILING)
    is_terminal = bool(end) and end[-1] in TERMINAL
    return LineFeatures(
        chars=len(text),
        words=words,
        tokens=tuple(tokens),
        is_terminal=is_terminal,
        sentences=len(SENTENCE_BREAK.findall(text)) + is_terminal if is_terminal and len(tokens) > 2
        else int(is_terminal),
        title_share=capitals / len(tokens) if tokens else 0.0,
        symbol_share=max(0.0, (non_space - letters) / non_space),
        url_share=url_chars / len(text),
        is_bulleted=BULLET.match(text) is not None,
        is_truncated=end.endswith(("…", "...")),
        is_question=end.endswith(("?", "？", "¿", "؟")),
        has_copyright=_has_copyright(lower),
        is_unspaced=is_unspaced,
    )


# Words recur (Zipf): most of a line's white-space separated parts were seen
# before, and a cache hit costs a fraction of the three regex scans. Bounded,
# and a pure function of its argument, so it holds no state a result depends on.
@lru_cache(maxsize=1 << 16)
def _part(part: str) -> tuple[int, int, int, tuple[str, ...]]:
    """One white-space separated part of a line: its letters, capitals (word starts)
    and characters of unspaced scripts, and its letter tokens lower-cased."""
    raw = WORD.findall(part)
    if not raw:
        return 0, 0, 0, ()
    unspaced = len(UNSPACED.findall(part)) if not part.isascii() else 0
    return sum(map(len, raw)), len(CAPITALISED.findall(part)), unspaced, tuple(t.casefold() for t in raw)
