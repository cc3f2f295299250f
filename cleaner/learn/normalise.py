"""Line families: the parts of a chrome line that vary from page to page, made one pattern.

A site's widgets print the same words with other numbers, dates and times on
every page ("17 February 2013 Last updated at 22:15 GMT", "12,345 FansLike").
`family_key` folds those parts into placeholders, so every member of a family
counts as one line; `family_pattern` writes the anchored regex that matches
the family, and nothing else, in a line's stripped text.

    >>> family_key("17 February 2013 Last updated at 22:15 GMT") == family_key("5 April 2013 Last updated at 9:05 GMT")
    True
    >>> family_key("Posted at 10:00 AM ET") == family_key("Posted at 2:30 p.m. ET")
    True
    >>> family_pattern("12,345 FansLike")
    '^\\\\d+(?:[.,:]\\\\d+)* FansLike$'
"""

from __future__ import annotations

import regex

# English month and weekday names, full and abbreviated: the dates of the sites
# seen so far. A name of another language stays literal (its family is then
# only the lines that share it, which is safe).
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun"
# A number with its separators is one part: "12,345", "3.5", "22:15".
_NUMBER = r"\d+(?:[.,:]\d+)*"
# A time with its half of the day is one part too ("10:00 AM", "2:30 p.m."): a morning post
# and an afternoon one share a dateline.
_CLOCK = rf"{_NUMBER} ?[AaPp]\.?[Mm]\.?(?![\p{{L}}\p{{M}}])"

# Placeholders are private-use characters: scraped text does not carry them, so a
# literal part of a line is never taken for one.
_PLACEHOLDERS = {"\ue000": _NUMBER, "\ue001": f"(?:{_MONTHS})", "\ue002": f"(?:{_WEEKDAYS})",
                 "\ue003": _CLOCK}
_VARYING = regex.compile(rf"(?P<t>{_CLOCK})|(?P<n>{_NUMBER})|(?<![\p{{L}}\p{{M}}])(?:(?P<m>{_MONTHS})|(?P<w>{_WEEKDAYS}))"
                         r"(?![\p{L}\p{M}])")
_SPACE = regex.compile(r"\s+")
_SPLIT = regex.compile("([\ue000-\ue003])")


def family_key(line: str) -> str:
    """`line` (stripped) with its numbers, times, month and weekday names replaced by placeholders
    and its runs of white space made one space."""
    return _VARYING.sub(_placeholder, _SPACE.sub(" ", line.strip()))


def _placeholder(match: regex.Match) -> str:
    if match.group("t"):
        return "\ue003"
    return "\ue000" if match.group("n") else "\ue001" if match.group("m") else "\ue002"


def family_pattern(line: str) -> str:
    """The anchored regex that matches every line of `line`'s family (single spaces between words)."""
    parts = _SPLIT.split(family_key(line))
    return "^" + "".join(_PLACEHOLDERS.get(part) or _literal(part) for part in parts) + "$"


def has_varying_part(line: str) -> bool:
    """Whether `line` has a part that varies within its family (a number or a date)."""
    return _VARYING.search(line) is not None


def _literal(text: str) -> str:
    # regex.escape escapes spaces too; a pattern reads better with them as they are.
    return " ".join(regex.escape(word) for word in text.split(" "))
