"""Spans no token repair may touch: web addresses, e-mail addresses, code, hashtags.

What looks like damage there is often the point (a look-alike letter in a
spoofed domain, a zero-width space in a code sample, "#BreakingNews"), and a
"repaired" address points somewhere else. A repair asks `Protected.of(text)`
once and skips every candidate that `overlaps` a protected span. (Format
characters (category Cf) count as part of an address: a zero-width space inside
one must not cut it short.)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

import regex

# The source of the protected shapes, compiled on first use (start-up time is measured).
_PROTECTED = r"""
      (?:\b[A-Za-z][A-Za-z0-9+.-]{1,15}://|\bwww\.)\S+          # an address with a scheme, or www.
    | [\w.+\-\p{Cf}]+@[\w\-\p{Cf}]+(?:\.[\w\-\p{Cf}]+)+            # an e-mail address
    | (?<![\w.\p{Cf}])(?:[\w\-\p{Cf}]+\.)+[a-z]{2,24}(?:/\S*)?(?![\w.])  # a bare domain, with its path
    | `[^`\n]+`                                                 # a code span
    | (?<![\w&])[#@][\w-]+                                      # a hashtag or a handle
"""


@dataclass(frozen=True)
class Protected:
    """The protected spans of one text, sorted and non-overlapping."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Protected:
        spans = [m.span() for m in _compiled().finditer(text)]
        return cls(tuple(s for s, _ in spans), tuple(e for _, e in spans))

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a protected span.

        >>> Protected.of("see www.exаmple.com now").overlaps(4, 10)
        True
        >>> Protected.of("see www.exаmple.com now").overlaps(0, 3)
        False
        """
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start


@lru_cache(maxsize=1)
def _compiled() -> regex.Pattern[str]:
    return regex.compile(_PROTECTED, regex.VERBOSE)
