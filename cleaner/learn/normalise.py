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

from functools import lru_cache

import regex

from ..heuristics.lexicon import MONTHS_BY_LANGUAGE
from ..lazy import LazyPattern

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

# Compiled on first use (`cleaner.lazy`): the names' alternations take tens of milliseconds,
# and every start of the command line imports this module.
_VARYING = LazyPattern(rf"(?P<t>{_CLOCK})|(?P<n>{_NUMBER})|(?<![\p{{L}}\p{{M}}])(?:(?P<m>{_MONTHS})|(?P<w>{_WEEKDAYS}))"
                       r"(?![\p{L}\p{M}])")
# The same without the names, for a line that holds none: trying the names' alternation at
# every character of every line was most of the cost of learning from a page.
_NUMBERS = LazyPattern(rf"(?P<t>{_CLOCK})|(?P<n>{_NUMBER})")
_DIGIT = LazyPattern(r"\d")
# A name stands between two characters that are no letters: it is a whole run of letters,
# but for the hyphenated ones ("segunda-feira"), which start with one.
_LETTERS = LazyPattern(r"[\p{L}\p{M}]+")
_NAME = LazyPattern(rf"{_MONTHS}|{_WEEKDAYS}")


def _spelled(pattern: str) -> frozenset[str]:
    """Every string `pattern` matches: a name table's alternatives of letters, `(?:…)` groups,
    `[…]` classes and `?` (anything else is refused, so the table cannot outgrow this)."""

    def alternation(i: int) -> tuple[set[str], int]:
        found, i = sequence(i)
        while i < len(pattern) and pattern[i] == "|":
            more, i = sequence(i + 1)
            found |= more
        return found, i

    def sequence(i: int) -> tuple[set[str], int]:
        found = {""}
        while i < len(pattern) and pattern[i] not in "|)":
            if pattern.startswith("(?:", i):
                atom, i = alternation(i + 3)
                if pattern[i:i + 1] != ")":
                    raise ValueError(f"unclosed group in {pattern!r}")
                i += 1
            elif pattern[i] == "[":
                end = pattern.index("]", i)
                atom, i = set(pattern[i + 1:end]), end + 1
            elif regex.match(r"[\p{L}\p{M}-]", pattern[i]):
                atom, i = {pattern[i]}, i + 1
            else:
                raise ValueError(f"{pattern[i]!r} in {pattern!r}: not a name table's syntax")
            if pattern[i:i + 1] == "?":
                atom, i = atom | {""}, i + 1
            found = {a + b for a in found for b in atom}
        return found, i

    names, end = alternation(0)
    if end != len(pattern):
        raise ValueError(f"unbalanced {pattern!r}")
    return frozenset(names)


@lru_cache(maxsize=None)  # built once, when a process first asks
def _name_forms() -> frozenset[str]:
    """Every month and weekday name, and the first word of a hyphenated one, case-folded as
    written and upper-cased first (Turkish "mayıs" is "MAYIS", folded "mayis": the forms a
    run of ASCII letters can take)."""
    names = {name for _, table in (*MONTHS_BY_LANGUAGE, *_WEEKDAYS_BY_LANGUAGE) for name in _spelled(table)}
    words = names | {name.split("-")[0] for name in names}
    return frozenset(form for word in words for form in (word.casefold(), word.upper().casefold()))


def _may_name(line: str) -> bool:
    """Whether `line` may hold a month or weekday name that `_VARYING` would fold.

    A run of ASCII letters may if its folded form is a name's; any other run is asked of
    the names' pattern itself (its case rules reach beyond case folding: "İ" and "i").
    """
    forms = _name_forms()
    return any(run.casefold() in forms or (not run.isascii() and _NAME.fullmatch(run))
               for run in _LETTERS.findall(line))


_SPACE = LazyPattern(r"\s+")


def family_key(line: str) -> str:
    """`line` (stripped) with its numbers, times, month and weekday names replaced by placeholders
    and its runs of white space made one space."""
    line = _SPACE.sub(" ", line.strip())
    if _may_name(line):
        return _VARYING.sub(_placeholder, line)
    return _NUMBERS.sub(_placeholder, line) if _DIGIT.search(line) else line


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
