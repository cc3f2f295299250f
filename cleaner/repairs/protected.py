"""Spans no token repair may touch (web addresses, e-mail addresses, code, hashtags), and texts about code.

What looks like damage there is often the point (a look-alike letter in a
spoofed domain, a zero-width space in a code sample, "#BreakingNews"), and a
"repaired" address points somewhere else. A repair asks `Protected.of(text)`
once and skips every candidate that `overlaps` a protected span. (Format
characters (category Cf) count as part of an address: a zero-width space inside
one must not cut it short.)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import regex

from ..lazy import LazyPattern

# The source of the protected shapes, compiled on first use (start-up time is measured).
_PROTECTED = r"""
      (?:\b[A-Za-z][A-Za-z0-9+.-]{1,15}://|\bwww\.)\S+          # an address with a scheme, or www.
    | [\w.+\-\p{Cf}]+@[\w\-\p{Cf}]+(?:\.[\w\-\p{Cf}]+)+            # an e-mail address
    | (?<![\w.\p{Cf}])(?:[\w\-\p{Cf}]+\.)+[a-z]{2,24}(?:/\S*)?(?![\w.])  # a bare domain, with its path
    | `[^`\n]+`                                                 # a code span
    | (?<![\w&])[#@][\w-]+                                      # a hashtag or a handle
"""
_protected = LazyPattern(_PROTECTED, regex.VERBOSE)


@dataclass(frozen=True)
class Protected:
    """The protected spans of one text, sorted and non-overlapping."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Protected:
        spans = [m.span() for m in _protected.finditer(text)]
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


# Traces of code in a text: calls ("save()"), statements' ends and blocks (";" or
# "{" ending a line, "}" opening one), snake_case names and method calls
# (".append("). Each is found by a literal first (a text without code is read
# at the speed of `str.count`).
_SNAKE = re.compile(r"_[a-z]")  # after a lower-case letter: checked where found
_METHOD_CALL = re.compile(r"\.[A-Za-z]+\(")
# A text with this many traces is about code: the words no word list knows are
# names there (a package, a command, a variable: "semver", "pformat",
# "userInput"), and the word-list repairs leave them alone.
CODE_TRACES = 2


@lru_cache(maxsize=1)  # the glued and damaged-word repairs both ask it of the same text
def is_about_code(text: str) -> bool:
    """Whether `text` shows `CODE_TRACES` traces of code or more.

    >>> is_about_code("Call user_input() before the page loads.")
    True
    >>> is_about_code("The minister said.The vote is on Friday.")
    False
    """
    traces = text.count("()") + text.count(";\n") + text.count("{\n") + text.count("\n}")
    if traces < CODE_TRACES:
        snakes = (m for m in _SNAKE.finditer(text) if "a" <= text[m.start() - 1:m.start()] <= "z")
        traces += len(list(islice(snakes, CODE_TRACES - traces)))
    if traces < CODE_TRACES:
        traces += len(list(islice(_METHOD_CALL.finditer(text), CODE_TRACES - traces)))
    return traces >= CODE_TRACES
