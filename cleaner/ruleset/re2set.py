"""All line rules as one RE2 set: which rules can match each line, in one linear pass.

Rule patterns are written for the `regex` module (lookarounds, possessive
quantifiers, Unicode classes) and must keep its exact meaning, but trying
each pattern on each line is what made rule matching slow. RE2 matches a
whole set of patterns in one DFA pass over a line, in time linear in the
line whatever the patterns (https://github.com/google/re2/wiki/Syntax).

So each line rule is *translated* into an RE2 pattern whose matches are a
superset of the original's: constructs RE2 lacks are widened (a lookaround
or a word boundary is dropped, a possessive or atomic construct becomes its
ordinary form), and the classes whose meaning differs are spelled out
(RE2's ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII-only; `regex`'s are
Unicode). A line the set does not name for a rule cannot match it; each line
the set does name is confirmed with the rule's own compiled pattern, so the
result is exactly the per-line answer of ``rule.regex.search``.

Anything the translation does not follow (a back reference, verbose mode,
fuzzy matching, a POSIX class, a flag RE2 lacks) leaves the rule out of the
set, and `cleaner.ruleset.scan` searches it the old way. tests/ruleset/test_re2set.py
checks the superset property on every built-in rule's examples and on the
benchmark corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import re2

from .model import Rule
from .pattern import class_end, group_end

# Classes that hold at least what `regex` means by \w, \d, \s (Unicode) and by
# their negations. RE2's own are ASCII-only, and its Unicode tables are older
# than the regex module's (a letter or digit added in a recent Unicode version
# is "unassigned" to RE2), so \w and \d take every non-ASCII character, and \W
# and \D every character but the ASCII word characters or digits. White space
# is listed: the White_Space property has not changed in a decade.
# tests/ruleset/test_re2set.py checks each against every code point.
_NON_ASCII = r"\x{80}-\x{10FFFF}"
_WORD = rf"0-9A-Za-z_{_NON_ASCII}"
_DIGIT = rf"0-9{_NON_ASCII}"
_WHITE = r"\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
_SPACE = rf"{_WHITE}\x{{1C}}-\x{{1F}}\p{{Z}}"
_IN_CLASS = {"w": _WORD, "s": _SPACE, "d": _DIGIT}
_OUTSIDE = {"w": f"[{_WORD}]", "W": "[^0-9A-Za-z_]", "s": f"[{_SPACE}]", "S": f"[^{_WHITE}]",
            "d": f"[{_DIGIT}]", "D": "[^0-9]"}
# Zero-width assertions RE2 lacks or reads differently: dropping one only widens the match set.
_DROPPED = frozenset("bBmMAZzK")
# Escapes both engines read alike.
_SAME = frozenset("aftnrv")
_RE2_FLAGS = frozenset("ims")
# The code points RE2's Unicode tables leave unassigned: a newer Unicode (the
# regex module's) may give them any property, so a property class takes them in.
_UNASSIGNED = r"[^\p{L}\p{M}\p{N}\p{P}\p{S}\p{Z}\p{C}]"
# RE2 refuses counted repeats above 1000 ({n,m} with larger bounds).
_MAX_REPEAT = 1000


def compile_superset(source: str, *, verbose: bool = False, multiline: bool = True) -> "re2._Regexp | None":
    """A compiled RE2 pattern matching at least what `source` matches (MULTILINE by default:
    a match of one line alone is then a match of the whole text); None if untranslatable."""
    translated = translate("(?x)" + source if verbose else source)
    if translated is None:
        return None
    return re2.compile(("(?m)" if multiline else "") + translated, _options())


class _Untranslatable(Exception):
    """The pattern uses something the translation does not follow."""


def translate(source: str) -> str | None:
    """An RE2 pattern matching (at least) every string `source` matches under `regex`; None if unknown."""
    try:
        out = _Translator(_inline_definitions(_unverbose(source))).run()
    except (_Untranslatable, IndexError, ValueError):
        return None
    try:
        re2.compile(out, _options())
    except re2.error:
        return None
    return out


_LEADING_FLAGS = re.compile(r"\(\?([a-zA-Z]*x[a-zA-Z]*)\)")
_DEFINE = "(?(DEFINE)"
_NAMED = re.compile(r"\(\?P?<([A-Za-z_]\w*)>")
_CALL = re.compile(r"\(\?(?:&|P>)([A-Za-z_]\w*)\)")


def _unverbose(source: str) -> str:
    """The pattern with verbose mode's white space and comments taken out (RE2 has no verbose mode).

    Only a leading flag group may turn verbose mode on: "(?x)…" or "(?ix)…".
    """
    lead = _LEADING_FLAGS.match(source)
    if lead is None:
        if "x" in "".join(re.findall(r"\(\?([a-zA-Z-]+)[:)]", source)):
            raise _Untranslatable("verbose mode switched on inside the pattern")
        return source
    flags = lead.group(1).replace("x", "")
    out = [f"(?{flags})" if flags else ""]
    i, src = lead.end(), source
    while i < len(src):
        char = src[i]
        if char == "\\":
            nxt = src[i + 1]
            out.append(f"\\x{{{ord(nxt):X}}}" if nxt.isspace() or nxt == "#" else src[i:i + 2])
            i += 2
        elif char == "[":
            end = class_end(src, i)
            out.append(src[i:end + 1])
            i = end + 1
        elif char == "#":
            newline = src.find("\n", i)
            i = len(src) if newline < 0 else newline + 1
        elif char.isspace():
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _inline_definitions(source: str) -> str:
    """Subroutine calls "(?&name)" replaced by the named group's body; "(?(DEFINE)…)" blocks removed."""
    if "(?&" not in source and "(?P>" not in source:
        return source
    bodies = {named.group(1): source[named.end():group_end(source, named.start(), False)]
              for named in _NAMED.finditer(source)}
    start = source.find(_DEFINE)
    out = source if start < 0 else source[:start] + source[group_end(source, start, False) + 1:]
    for _ in range(len(bodies) + 1):  # a body may call other names
        replaced = _CALL.sub(lambda m: "(?:" + bodies[m.group(1)] + ")" if m.group(1) in bodies else m.group(0), out)
        if replaced == out:
            break
        out = replaced
    if _DEFINE in out or _CALL.search(out):
        raise _Untranslatable("recursive or undefined subroutine call")
    return out


class _Translator:
    def __init__(self, source: str):
        self.src = source
        self.i = 0
        self.out: list[str] = []

    def run(self) -> str:
        src = self.src
        while self.i < len(src):
            char = src[self.i]
            if char == "\\":
                self._escape()
            elif char == "[":
                self._class()
            elif char == "(":
                self._group()
            elif char in "*+?":
                self.out.append(char)
                self.i += 1
                self._quantifier_suffix()
            elif char == "{":
                self._brace()
            else:
                self.out.append(char)
                self.i += 1
        return "".join(self.out)

    def _quantifier_suffix(self) -> None:
        """A lazy "?" is kept; a possessive "+" is dropped (the greedy form matches a superset)."""
        nxt = self.src[self.i:self.i + 1]
        if nxt == "?":
            self.out.append("?")
            self.i += 1
        elif nxt == "+":
            self.i += 1

    def _brace(self) -> None:
        src = self.src
        end = src.find("}", self.i)
        body = src[self.i + 1:end] if end > 0 else ""
        lo, comma, hi = body.partition(",")
        if end > 0 and (lo.isdigit() or (comma and not lo)) and (hi.isdigit() or not hi) and (lo or hi):
            lo = lo or "0"  # regex reads {,n} as {0,n}; RE2 would take it literally
            if int(lo) > _MAX_REPEAT or (hi and int(hi) > _MAX_REPEAT):
                raise _Untranslatable("repeat too large for RE2")
            self.out.append("{" + lo + comma + hi + "}")
            self.i = end + 1
            self._quantifier_suffix()
        elif end > 0 and body[:1] in "eids" and any(c in body for c in "<=>"):
            raise _Untranslatable("fuzzy matching")
        else:
            self.out.append(r"\{")  # a literal brace, as in regex
            self.i += 1

    def _escape(self) -> None:
        letter = self.src[self.i + 1]
        self.i += 2
        if letter in _OUTSIDE:
            self.out.append(_OUTSIDE[letter])
        elif letter in _DROPPED:
            pass
        elif letter in "pP":
            self.out.append(f"(?:{self._property(letter)}|{_UNASSIGNED})")
        else:
            self.out.append(self._literal_escape(letter))

    def _literal_escape(self, letter: str) -> str:
        """An escape both engines read as one character, in RE2 syntax (in and out of classes)."""
        if letter in _SAME:
            return "\\" + letter
        if letter in "xuU":
            value = self._operand(2 if letter == "x" else 4 if letter == "u" else 8)
            int(value, 16)  # ValueError: untranslatable
            return r"\x{" + value + "}"
        if letter.isalnum() or letter == "_":
            raise _Untranslatable(f"escape \\{letter}")
        return "\\" + letter

    def _property(self, letter: str) -> str:
        name = self._operand(1)
        if not name.replace("_", "").isalnum():
            raise _Untranslatable(f"property {name}")  # "Script=Han", negation with ^: not followed
        return f"\\{letter}{{{name}}}"

    def _operand(self, width: int) -> str:
        """What an escape's letter applies to: "{...}", or the next `width` characters."""
        src = self.src
        if src[self.i] == "{":
            end = src.index("}", self.i)
            value, self.i = src[self.i + 1:end], end + 1
        else:
            value, self.i = src[self.i:self.i + width], self.i + width
        return value

    def _class(self) -> None:
        src = self.src
        parts = ["["]
        self.i += 1
        if src[self.i] == "^":
            parts.append("^")
            self.i += 1
        if src[self.i] == "]":
            parts.append(r"\]")
            self.i += 1
        while src[self.i] != "]":
            char = src[self.i]
            if char == "[":
                raise _Untranslatable("nested set or POSIX class")
            if char == "\\":
                letter = src[self.i + 1]
                self.i += 2
                if letter in _IN_CLASS:
                    parts.append(_IN_CLASS[letter])
                elif letter in "WSD":
                    raise _Untranslatable("negated shorthand inside a class")
                elif letter in "pP":
                    parts.append(self._property(letter))
                else:
                    parts.append(self._literal_escape(letter))
            else:
                parts.append(char)
                self.i += 1
        parts.append("]")
        self.i += 1
        joined = "".join(parts)
        # A class naming a property may miss code points RE2's older tables do not know: add them.
        self.out.append(f"(?:{joined}|{_UNASSIGNED})" if ("\\p" in joined or "\\P" in joined) else joined)

    def _group(self) -> None:
        src = self.src
        rest = src[self.i:self.i + 4]
        if not rest.startswith("(?"):
            self.out.append("(")
            self.i += 1
            return
        if rest.startswith(("(?=", "(?!", "(?<=", "(?<!")):
            start, end = self.i, group_end(src, self.i, False)
            self.i = end + 1
            if src[self.i:self.i + 1] in ("*", "+", "?", "{"):
                raise _Untranslatable("quantified lookaround")
            # A lookaround is dropped (the match set only widens), except where its
            # text can be matched instead: a lookbehind that opens the pattern has
            # matched text just before the match, a lookahead that closes it just
            # after, so the match widened by that text is in the searched text too
            # (a line for line rules; the whole text, zones included, for the others).
            # Keeping them matters: "(?<=\p{L})[ \t]+(?=,)" dropped to "[ \t]+" would
            # send every text to the regex engine.
            opening = rest.startswith("(?<=") and all(part.startswith("(?") and part.endswith(")")
                                                       and part[2:-1].isalpha() for part in self.out)
            closing = rest.startswith("(?=") and self.i == len(src)
            if opening or closing:
                body = src[start + (4 if opening else 3):end]
                self.out.append("(?:" + _Translator(body).run() + ")")
            return
        if rest.startswith(("(?:", "(?>")):
            self.out.append("(?:")
            self.i += 3
            return
        if rest.startswith("(?P<") or (rest.startswith("(?<") and rest[3:4] not in "=!"):
            self.out.append("(?:")  # captures mean nothing to a set, and inlined bodies repeat names
            self.i = src.index(">", self.i) + 1
            return
        # Inline flags: "(?i)" or "(?i:" (and "(?-i:" switches)
        j = self.i + 2
        while j < len(src) and (src[j].isalpha() or src[j] == "-"):
            j += 1
        flags = src[self.i + 2:j].replace("-", "")
        if src[j:j + 1] in (")", ":") and flags and set(flags) <= _RE2_FLAGS:
            self.out.append(src[self.i:j + 1])
            self.i = j + 1
            return
        raise _Untranslatable(f"group {rest!r}")


@dataclass(frozen=True)
class PatternSet:
    """Some rules' patterns, translated and compiled into one RE2 set.

    `multiline` sets are asked about whole texts (the rules' patterns are
    MULTILINE), the others about single lines. `covers` says whether a rule
    is in the set at all: one that is not (untranslatable, or not a rule this
    set was built from) must be searched without the set's help. Picklable:
    the set is rebuilt from the translations in a worker process.
    """

    patterns: dict[str, str]  # rule's qualified id -> its regex source, for the rules in the set
    translated: tuple[str, ...]  # RE2 pattern of each rule in `patterns`, in the same order
    multiline: bool = False
    _set: object = field(init=False, repr=False, compare=False)
    _ids: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = tuple(self.patterns)
        compiled = None
        if ids:
            compiled = re2.Set.SearchSet(_options())
            for pattern in self.translated:
                compiled.Add("(?m)" + pattern if self.multiline else pattern)
            compiled.Compile()
            # The binding's own set, whose Match takes bytes: the Python wrapper around it
            # adds a call and a type test per line, a third of the cost of a short line.
            compiled = getattr(compiled, "_set", compiled)  # (the wrapper, should a release drop the attribute)
        object.__setattr__(self, "_set", compiled)
        object.__setattr__(self, "_ids", ids)

    def __reduce__(self):
        return (PatternSet, (self.patterns, self.translated, self.multiline))

    @classmethod
    def of(cls, rules: Sequence[Rule], multiline: bool = False) -> "PatternSet":
        patterns: dict[str, str] = {}
        translated: list[str] = []
        for rule in rules:
            if rule.qualified_id in patterns:
                continue
            re2_source = translate(rule.regex.pattern)
            if re2_source is not None:
                patterns[rule.qualified_id] = rule.regex.pattern
                translated.append(re2_source)
        return cls(patterns, tuple(translated), multiline)

    def covers(self, rule: Rule) -> bool:
        return self.patterns.get(rule.qualified_id) == rule.regex.pattern

    def matching_lines(self, stripped: Sequence[str]) -> dict[str, list[int]]:
        """Rule id -> indices of the lines (given stripped) that the rule may match."""
        found: dict[str, list[int]] = {}
        if self._set is None:
            return found
        match, ids = self._set.Match, self._ids
        everything = range(len(ids))
        for index, text in enumerate(stripped):
            if not text:
                continue
            for k in self._match(match, text, everything):
                found.setdefault(ids[k], []).append(index)
        return found

    def matching_rules(self, text: str) -> frozenset[str]:
        """Ids of the rules that may match somewhere in `text` (or in any zone of it: zones
        start and end at line boundaries, where a multiline set's anchors match too)."""
        if self._set is None:
            return frozenset()
        return frozenset(self._ids[k] for k in self._match(self._set.Match, text, range(len(self._ids))))

    @staticmethod
    def _match(match, text: str, everything: range) -> Sequence[int]:
        try:
            return match(text.encode("utf-8")) or ()
        except UnicodeEncodeError:  # a lone surrogate: RE2 cannot read the text, let every rule try
            return everything


@dataclass(frozen=True)
class Re2Filter:
    """A rule set's line rules (asked line by line) and pattern rules (asked once per text)."""

    lines: PatternSet
    texts: PatternSet

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> "Re2Filter":
        return cls(PatternSet.of([r for r in rules if r.is_line_rule]),
                   PatternSet.of([r for r in rules if not r.is_line_rule], multiline=True))


def _options() -> "re2.Options":
    options = re2.Options()
    options.log_errors = False  # a pattern RE2 refuses is ours to report (by leaving it out), not a log line
    options.max_mem = 64 << 20  # the DFA for ~100 case-insensitive rules outgrows RE2's 8 MB default
    return options
