"""Patterns compiled on first use.

A `regex` pattern with \\p{..} classes takes milliseconds to build, and
start-up time is measured: the repairs compile theirs when a document first
needs them, once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import regex


def compiled_on_first_use(source: str, flags: int = 0) -> Callable[[], regex.Pattern[str]]:
    """A function that compiles `source` on its first call and returns the same pattern after.

    >>> word = compiled_on_first_use(r"\\p{L}+")
    >>> word().findall("two words") == ["two", "words"] and word() is word()
    True
    """
    return lru_cache(maxsize=1)(lambda: regex.compile(source, flags))
