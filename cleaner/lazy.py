"""Patterns compiled on first use.

A `regex` pattern with \\p{..} classes or long word lists takes milliseconds
to build, and the `regex` module keeps no compiled pattern across processes:
compiled at import, the heuristics' word lists alone cost a tenth of the
start-up of a one-line document. A `LazyPattern` is built when a document
first needs it, once per process; its source and flags are there before
(the RE2 pre-scans are made from them, `cleaner.heuristics.detectors`).
"""

from __future__ import annotations

from typing import Any

import regex


class LazyPattern:
    """A `regex` pattern that compiles on the first use of a method (`search`, `match`, ...).

    >>> word = LazyPattern(r"\\p{L}+")
    >>> word.pattern, word.findall("two words")
    ('\\\\p{L}+', ['two', 'words'])

    The compiled pattern's methods are kept on the object as they are first
    asked for, so later calls cost what calls on the pattern itself cost.
    Two threads that both compile it first get equal patterns.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> regex.Pattern[str]:
        found = self.__dict__.get("_compiled")
        if found is None:
            found = self.__dict__["_compiled"] = regex.compile(self.pattern, self.flags)
        return found

    def __getattr__(self, name: str) -> Any:  # only for what the object lacks: a pattern's method
        if name.startswith("__"):
            raise AttributeError(name)
        method = getattr(self.compiled(), name)
        self.__dict__[name] = method
        return method

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:60]!r})"
