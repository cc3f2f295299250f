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

from ..heuristics.lexicon import MONTHS_BY_LANGUAGE

# Month names in the languages the heuristics read dates in (`MONTHS_BY_LANGUAGE`),
# and weekday names in the same languages, full and abbreviated, in any case: a
# German dateline ("3. März 2020, 14:05 Uhr") is one family like an English one.
# A rule's pattern names the months of its line's language (with English's,
# which several languages share), not of every language.
_WEEKDAYS_BY_LANGUAGE: tuple[tuple[str, str], ...] = (
    ("en", "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun"),
    ("de", "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"),
    ("es", "lunes|martes|miércoles|jueves|viernes|sábado|domingo"),
    ("fr", "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"),
    ("it", "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"),
    ("pt", "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo"),
    ("ru", "понедельник|вторник|среда|среду|четверг|пятница|пятницу|суббота|субботу|воскресенье"),
    ("tr", "pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar"),
    ("nl", "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"),
    ("pl", "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela"),
)


def _any_case(*names: str) -> str:
    """One group of the alternatives, in any case. (A name is followed by no letter, so
    "mon" that stops inside "Monday" gives way to "monday".)"""
    return "(?i:" + "|".join(names) + ")"


def _by_language(table: tuple[tuple[str, str], ...]) -> tuple[str, tuple[tuple[regex.Pattern, str], ...]]:
    """Every name of `table` as one group, and for each language a test of a name and the
    group its rules use (English's names and the language's)."""
    english = table[0][1]
    slots = tuple((regex.compile(_any_case(names)),
                   _any_case(english) if code == "en" else _any_case(english, names)) for code, names in table)
    return _any_case(*(names for _, names in table)), slots


_MONTHS, _MONTH_SLOTS = _by_language(MONTHS_BY_LANGUAGE)
_WEEKDAYS, _WEEKDAY_SLOTS = _by_language(_WEEKDAYS_BY_LANGUAGE)
# A number with its separators is one part: "12,345", "3.5", "22:15".
_NUMBER = r"\d+(?:[.,:]\d+)*"
# A time with its half of the day is one part too ("10:00 AM", "2:30 p.m."): a morning post
# and an afternoon one share a dateline.
_CLOCK = rf"{_NUMBER} ?[AaPp]\.?[Mm]\.?(?![\p{{L}}\p{{M}}])"

_VARYING = regex.compile(rf"(?P<t>{_CLOCK})|(?P<n>{_NUMBER})|(?<![\p{{L}}\p{{M}}])(?:(?P<m>{_MONTHS})|(?P<w>{_WEEKDAYS}))"
                         r"(?![\p{L}\p{M}])")
_SPACE = regex.compile(r"\s+")


def family_key(line: str) -> str:
    """`line` (stripped) with its numbers, times, month and weekday names replaced by placeholders
    and its runs of white space made one space."""
    return _VARYING.sub(_placeholder, _SPACE.sub(" ", line.strip()))


# Placeholders are private-use characters: scraped text does not carry them, so a
# literal part of a line is never taken for one.
def _placeholder(match: regex.Match) -> str:
    if match.group("t"):
        return "\ue003"
    return "\ue000" if match.group("n") else "\ue001" if match.group("m") else "\ue002"


def family_pattern(line: str) -> str:
    """The anchored regex that matches every line of `line`'s family (single spaces between
    words; a month or weekday name of `line`'s language, or of English)."""
    line = _SPACE.sub(" ", line.strip())
    parts, at = [], 0
    for match in _VARYING.finditer(line):
        parts += [_literal(line[at:match.start()]), _slot(match)]
        at = match.end()
    return "^" + "".join(parts) + _literal(line[at:]) + "$"


def _slot(match: regex.Match) -> str:
    if match.group("t"):
        return _CLOCK
    if match.group("n"):
        return _NUMBER
    name, slots = (match.group("m"), _MONTH_SLOTS) if match.group("m") else (match.group("w"), _WEEKDAY_SLOTS)
    return next(group for test, group in slots if test.fullmatch(name))


def _literal(text: str) -> str:
    # regex.escape escapes spaces too; a pattern reads better with them as they are.
    return " ".join(regex.escape(word) for word in text.split(" "))
