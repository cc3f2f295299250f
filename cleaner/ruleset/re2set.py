"""All line rules as one RE2 set: which rules can match each line, in one linear pass.

Rule patterns are written for the `regex` module (lookarounds, possessive
quantifiers, Unicode classes) and must keep its exact meaning, but trying
each pattern on each line is what made rule matching slow. RE2 matches a
whole set of patterns in one DFA pass over a line, in time linear in the
line whatever the patterns (https://github.com/google/re2/wiki/Syntax).

So each line rule is *translated*, token by token (`cleaner.ruleset.tokens`),
into an RE2 pattern whose matches are a
superset of the original's: constructs RE2 lacks are widened (a lookaround
or a word boundary is dropped, a possessive or atomic construct becomes its
ordinary form), and the classes whose meaning differs are spelled out
(RE2's ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII-only; `regex`'s are
Unicode). A line the set does not name for a rule cannot match it; each line
the set does name is confirmed with the rule's own compiled pattern, so the
result is exactly the per-line answer of ``rule.regex.search``.

Verbose mode's white space and comments are left out, and subroutine calls
are replaced by the groups they call. Anything the translation does not
follow (a back reference, fuzzy matching, a POSIX class, a flag RE2 lacks, a
recursive call) leaves the rule out of the set, and `cleaner.ruleset.scan`
searches it the old way. tests/ruleset/test_re2set.py checks the superset property
on every built-in rule's examples and on the project's fixtures;
tests/ruleset/test_pattern.py checks it on generated patterns, and that an
exact translation agrees with the regex module line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterable, Mapping, Sequence

import re2

from ..cache import Cache, key_of, source_of
from .model import Rule
from .tokens import (Anchor, Branches, Call, Char, CharClass, Dot, Fuzzy, Group, GroupKind, InlineFlags,
                     Item, Open, Property, Quantifier, Range, Shorthand, Token, parse, tokens)

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
# In a negated class the complement must hold at least regex's, so the members hold at most regex's.
_IN_NEGATED_CLASS = {"w": "0-9A-Za-z_", "s": _WHITE, "d": "0-9"}
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
# A repeat with more counts than this between its bounds is widened to no upper
# bound: counting to n, RE2's DFA tracks every count each repeat has reached, so
# nearly every byte of a line is a new state (`.{0,250}$` and the like made the
# built-in line set take 4 us a line, ten times the widened set). The rule's own
# pattern, which confirms every line the set names, keeps the count.
_MAX_COUNTED = 8
_SYMBOLS = {(0, None): "*", (1, None): "+", (0, 1): "?"}
_AS_GROUP = frozenset({GroupKind.PLAIN, GroupKind.NAMED, GroupKind.ATOMIC, GroupKind.BRANCH_RESET})
# Characters the regex module pairs, ignoring case, with characters RE2 does not
# (RE2 folds by Unicode's simple case folding, in older tables): a case-insensitive
# character or class holding one takes its partners in too.
# tests/ruleset/test_pattern.py recomputes the table over every cased code point.
CASE_PARTNERS = {"I": "\u0131", "i": "\u0130", "\u0130": "i", "\u0131": "I", "\u00df": "\U0001df95",
                 "\u1e9e": "\U0001df95", "\U0001df95": "\u00df\u1e9e"}


def compile_superset(source: str, *, verbose: bool = False, multiline: bool = True,
                     cache: Cache | None = None) -> "re2._Regexp | None":
    """A compiled RE2 pattern matching at least what `source` matches (MULTILINE by default:
    a match of one line alone is then a match of the whole text); None if untranslatable.
    The translation is read from `cache` when it has it."""
    source = "(?x)" + source if verbose else source
    translated = translations([source], cache or Cache(None))[source]
    if translated is None:
        return None
    return re2.compile(("(?m)" if multiline else "") + translated.pattern, _options())


@dataclass(frozen=True)
class Translation:
    """A `regex` pattern in RE2 syntax."""

    pattern: str
    exact: bool  # matches a line (no line break in it) exactly when the source does; else a superset


def translate(source: str) -> str | None:
    """An RE2 pattern matching (at least) every string `source` matches under `regex`; None if unknown."""
    found = translation(source)
    return None if found is None else found.pattern


def translation(source: str) -> Translation | None:
    """`source` (a pattern the regex module compiles) in RE2 syntax; None when some
    construct has no RE2 counterpart (a back reference, fuzzy matching, a POSIX class,
    a flag RE2 lacks, a recursive call) or RE2 refuses the result."""
    branches = _inline_calls(parse(tokens(source)))
    if branches is None:
        return None
    writer = _Writer()
    out = writer.branches(branches, edges=True)
    if out is None:
        return None
    try:
        re2.compile(out, _options())
    except re2.error:
        return None
    return Translation(out, writer.exact)


# --------------------------------------------------------------------------- subroutine calls


def _inline_calls(branches: Branches) -> Branches | None:
    """Calls "(?&name)" replaced by the named group's body, "(?(DEFINE)…)" groups removed
    (RE2 has neither); None for a call to a number, an unknown name, or a recursive one."""
    named = {item.atom.open.name: item.atom for item in _walk(branches)
             if isinstance(item.atom, Group) and item.atom.open.kind is GroupKind.NAMED}
    return _inlined(branches, named, ())


def _walk(branches: Branches):
    for sequence in branches:
        for item in sequence:
            yield item
            if isinstance(item.atom, Group):
                yield from _walk(item.atom.branches)


def _inlined(branches: Branches, named: dict[str, Group], calling: tuple[str, ...]) -> Branches | None:
    out = []
    for sequence in branches:
        items = []
        for item in sequence:
            atom = item.atom
            if isinstance(atom, Group) and atom.open.kind is GroupKind.DEFINE:
                continue
            if isinstance(atom, Call):
                atom = _called(atom, named, calling)
            elif isinstance(atom, Group):
                inner = _inlined(atom.branches, named, calling)
                atom = None if inner is None else Group(atom.open, inner, atom.close)
            if atom is None:
                return None
            items.append(Item(atom, item.repeat))
        out.append(tuple(items))
    return tuple(out)


def _called(call: Call, named: dict[str, Group], calling: tuple[str, ...]) -> Group | None:
    """The body of the group `call` names, as a plain group, calls inside it inlined too."""
    group = named.get(call.ref)
    if group is None or call.ref in calling:
        return None
    # A called group matches under the flags of its definition: inline it only where they are the same.
    if group.open.flags - {"x"} != call.flags - {"x"}:
        return None
    body = _inlined(group.branches, named, (*calling, call.ref))
    if body is None:
        return None
    opened = Open("(?:", call.start, call.flags, kind=GroupKind.PLAIN)
    return Group(opened, body, group.close)


# --------------------------------------------------------------------------- writing RE2


class _Writer:
    """Writes items in RE2 syntax, noting whether anything was widened on the way.

    Each method returns the RE2 text, or None when the construct has none."""

    def __init__(self) -> None:
        self.exact = True

    def widened(self, text: str | None) -> str | None:
        self.exact = False
        return text

    def branches(self, branches: Branches, edges: bool) -> str | None:
        """`edges`: these are the pattern's own branches, whose first and last
        lookarounds may be kept (see `lookaround`)."""
        parts = []
        for index, sequence in enumerate(branches):
            text = self.sequence(sequence, edges and index == 0, edges and index == len(branches) - 1)
            if text is None:
                return None
            parts.append(text)
        return "|".join(parts)

    def sequence(self, sequence: tuple[Item, ...], opens: bool, closes: bool) -> str | None:
        parts: list[str] = []
        for index, item in enumerate(sequence):
            atom = item.atom
            if isinstance(atom, Group) and atom.open.kind.is_lookaround:
                # First: only inline flags, or what was dropped, stand before it.
                first = opens and all(isinstance(before.atom, InlineFlags) or part == ""
                                      for before, part in zip(sequence, parts))
                text = self.lookaround(item, first, closes and index == len(sequence) - 1)
            else:
                text = self.item(item)
            if text is None:
                return None
            parts.append(text)
        return "".join(parts)

    def lookaround(self, item: Item, first: bool, last: bool) -> str | None:
        """A lookaround is dropped (the match set only widens), except where its text
        can be matched instead: a lookbehind that opens the pattern has matched text
        just before the match, a lookahead that closes it just after, so the match
        widened by that text is in the searched text too (a line for line rules; the
        whole text, zones included, for the others). Keeping them matters:
        "(?<=\\p{L})[ \\t]+(?=,)" dropped to "[ \\t]+" would send every text to the regex
        engine. Inside a kept one, lookarounds are dropped: their text is not next to the match."""
        group = item.atom
        if item.repeat is not None:
            return None  # quantified lookaround
        kind = group.open.kind
        if (kind is GroupKind.LOOKBEHIND and first) or (kind is GroupKind.LOOKAHEAD and last):
            body = self.branches(group.branches, edges=False)
            return None if body is None else f"(?:{body})"
        return self.widened("")

    def item(self, item: Item) -> str | None:
        atom = self.atom(item.atom)
        if atom is None or item.repeat is None:
            return atom
        if atom == "":
            return ""  # a dropped zero-width item: its repeat goes with it
        repeat = self.repeat(item.repeat)
        return None if repeat is None else atom + repeat

    def repeat(self, repeat: Quantifier | Fuzzy) -> str | None:
        if isinstance(repeat, Fuzzy):
            return None
        counts = (repeat.min, repeat.max)
        if counts in _SYMBOLS:
            text = _SYMBOLS[counts]
        elif repeat.min > _MAX_REPEAT or (repeat.max or 0) > _MAX_REPEAT:
            return None  # too large for RE2
        elif repeat.min == repeat.max:
            text = f"{{{repeat.min}}}"
        elif repeat.max is not None and repeat.max - repeat.min > _MAX_COUNTED:
            text = self.widened(_SYMBOLS.get((repeat.min, None), f"{{{repeat.min},}}"))
        else:  # (regex reads {,n} as {0,n}; RE2 would take "{,n}" literally)
            text = f"{{{repeat.min},{'' if repeat.max is None else repeat.max}}}"
        if repeat.mode == "lazy":
            return text + "?"
        if repeat.mode == "possessive":  # the greedy form matches a superset
            return self.widened(text)
        return text

    def atom(self, atom: Token | Group) -> str | None:
        if isinstance(atom, Group):
            return self.group(atom)
        if isinstance(atom, Char):
            partners = CASE_PARTNERS.get(atom.char, "") if "i" in atom.flags else ""
            if partners:  # RE2 folds the partner with its own case pair too ("ı" brings "I", then "i")
                return self.widened("[" + _char(atom) + "".join(_code(c) for c in partners) + "]")
            return r"\{" if atom.text == "{" else _char(atom)
        if isinstance(atom, Shorthand):
            return self.widened(_OUTSIDE.get(atom.letter))
        if isinstance(atom, Property):
            text = _property(atom, atom.flags)
            return None if text is None else self.widened(f"(?:{text}|{_UNASSIGNED})")
        if isinstance(atom, Dot):
            return "."
        if isinstance(atom, CharClass):
            return self.char_class(atom)
        if isinstance(atom, Anchor):
            if atom.letter in "^$":
                return atom.letter
            return self.widened("") if atom.letter in _DROPPED else None
        if isinstance(atom, InlineFlags):
            return _flags(atom.on, atom.off, ")")
        return None  # a back reference, a named list, a verb

    def group(self, group: Group) -> str | None:
        kind = group.open.kind
        if kind is GroupKind.CAPTURE:
            opening = "("
        elif kind in _AS_GROUP:  # captures mean nothing to a set, and inlined bodies repeat names
            opening = "(?:" if kind is not GroupKind.ATOMIC else self.widened("(?:")
        elif kind is GroupKind.SCOPED_FLAGS:
            opening = _flags(group.open.on, group.open.off, ":")
        else:
            return None  # a conditional
        body = self.branches(group.branches, edges=False)
        if opening is None or body is None:
            return None
        return opening + body + ")"

    def char_class(self, found: CharClass) -> str | None:
        parts = ["[^" if found.negated else "["]
        shorthands = _IN_NEGATED_CLASS if found.negated else _IN_CLASS
        # Ignoring case, a class takes in its characters' partners; a negated one need
        # not (RE2 then leaves out less than regex does, which only widens it).
        widen_case = "i" in found.flags and not found.negated
        has_property = False
        for index, member in enumerate(found.members):
            if isinstance(member, Char):
                text = _class_char(member, index == 0)
                low = high = member.char
            elif isinstance(member, Range):
                text = f"{_class_char(member.low, index == 0)}-{_class_char(member.high, False)}"
                low, high = member.low.char, member.high.char
            elif isinstance(member, Shorthand):
                text = self.widened(shorthands.get(member.letter))
                low = high = ""
            elif isinstance(member, Property):
                text = _property(member, found.flags if widen_case else frozenset())
                low = high = ""
                has_property = True
            else:
                return None  # a POSIX class, a nested class, a set operation
            if text is None:
                return None
            parts.append(text)
            added = [_code(p) for c, partners in CASE_PARTNERS.items() if low <= c <= high for p in partners] \
                if widen_case and low else []
            if added:  # as for a single character: RE2 folds a partner with its own case pair
                parts += added
                self.widened(None)
        joined = "".join(parts) + "]"
        if not has_property:
            return joined
        # A class naming a property may miss code points RE2's older tables do not know: add them.
        return self.widened(f"(?:{joined}|{_UNASSIGNED})")


def _char(char: Char) -> str:
    """One character in RE2 syntax, in or out of a class."""
    text = char.text
    if len(text) == 1:
        return text
    if len(text) == 2 and text[1] in _SAME:
        return text
    if len(text) == 2 and not text[1].isalnum() and text[1].isascii() and not text[1].isspace() and text[1] != "#":
        return text  # an escaped punctuation character
    return _code(char.char)


def _code(char: str) -> str:
    return rf"\x{{{ord(char):x}}}"


def _class_char(char: Char, first: bool) -> str:
    if char.text == "[" or (first and char.text == "]"):  # literal in regex, not in RE2
        return "\\" + char.text
    if char.text == r"\b":  # a backspace inside a class
        return r"\x{8}"
    return _char(char)


def _property(found: Property, flags: frozenset[str]) -> str | None:
    """The property in RE2 syntax, under `flags`: ignoring case, the regex module reads a
    letter category (Lu, Ll, Lt, …) as any cased letter, which RE2 does not: it becomes \\p{L}."""
    name = found.name
    if not name.replace("_", "").isalnum():
        return None  # "Script=Han", a name with spaces: not followed
    if "i" in flags and name[:1] == "L" and len(name) == 2:
        if not found.positive:
            return None  # what is not a cased letter, ignoring case: not followed
        name = "L"
    return f"\\{'p' if found.positive else 'P'}{{{name}}}"


def _flags(on: tuple[str, ...], off: tuple[str, ...], end: str) -> str | None:
    """Inline flags in RE2 syntax: verbose mode is left out (the tokens already read it)."""
    on, off = tuple(f for f in on if f != "x"), tuple(f for f in off if f != "x")
    if not set(on + off) <= _RE2_FLAGS:
        return None
    if not on and not off:
        return "" if end == ")" else "(?:"
    return f"(?{''.join(on)}{'-' if off else ''}{''.join(off)}{end}"


@dataclass(frozen=True)
class PatternSet:
    """Some rules' patterns, translated and compiled into one RE2 set.

    `multiline` sets are asked about whole texts (the rules' patterns are
    MULTILINE), the others about single lines. `covers` says whether a rule
    is in the set at all: one that is not (untranslatable, or not a rule this
    set was built from) must be searched without the set's help. The set is
    compiled on first use (RE2 takes a third of a second for the built-in
    line rules). Picklable: the set is rebuilt from the translations in a
    worker process.
    """

    patterns: dict[str, str]  # rule's qualified id -> its regex source, for the rules in the set
    translated: tuple[str, ...]  # RE2 pattern of each rule in `patterns`, in the same order
    multiline: bool = False

    def __reduce__(self):
        return (PatternSet, (self.patterns, self.translated, self.multiline))

    @cached_property
    def _ids(self) -> tuple[str, ...]:
        return tuple(self.patterns)

    @cached_property
    def _set(self) -> object:
        if not self.patterns:
            return None
        compiled = re2.Set.SearchSet(_options())
        for pattern in self.translated:
            compiled.Add("(?m)" + pattern if self.multiline else pattern)
        compiled.Compile()
        # The binding's own set, whose Match takes bytes: the Python wrapper around it
        # adds a call and a type test per line, a third of the cost of a short line.
        return getattr(compiled, "_set", compiled)  # (the wrapper, should a release drop the attribute)

    @classmethod
    def of(cls, rules: Sequence[Rule], multiline: bool = False,
           found: Mapping[str, Translation | None] | None = None) -> "PatternSet":
        """The set of `rules` that translate; `found` holds translations already made (by source)."""
        patterns: dict[str, str] = {}
        translated: list[str] = []
        for rule in rules:
            source = rule.regex.pattern
            if rule.qualified_id in patterns:
                continue
            done = found[source] if found is not None and source in found else translation(source)
            if done is not None:
                patterns[rule.qualified_id] = source
                translated.append(done.pattern)
        return cls(patterns, tuple(translated), multiline)

    def covers(self, rule: Rule) -> bool:
        return self.patterns.get(rule.qualified_id) == rule.regex.pattern

    def matching_lines(self, stripped: Sequence[str]) -> dict[str, list[int]]:
        """Rule id -> indices of the lines (given stripped) that the rule may match."""
        found: dict[str, list[int]] = {}
        compiled = self._set
        if compiled is None:
            return found
        ids = self._ids
        # Each distinct line is asked once (a page repeats its chrome lines), all of them
        # in one `map` over the lines' UTF-8 encoded in one piece: most lines are short,
        # and a Python loop around the set's call cost more than the call.
        distinct = list(dict.fromkeys(text for text in stripped if text))
        try:
            encoded = "\n".join(distinct).encode("utf-8").split(b"\n")  # (no line holds a line break)
            answers = dict(zip(distinct, map(compiled.Match, encoded)))
        except UnicodeEncodeError:  # a lone surrogate: ask line by line (see `_match`)
            everything = range(len(ids))
            answers = {text: self._match(compiled.Match, text, everything) for text in distinct}
        for index, text in enumerate(stripped):
            for k in answers.get(text) or ():
                found.setdefault(ids[k], []).append(index)
        return found

    def matching_rules(self, text: str) -> frozenset[str]:
        """Ids of the rules that may match somewhere in `text` (or in any zone of it: zones
        start and end at line boundaries, where a multiline set's anchors match too)."""
        compiled = self._set
        if compiled is None:
            return frozenset()
        return frozenset(self._ids[k] for k in self._match(compiled.Match, text, range(len(self._ids))))

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
    def of(cls, rules: Sequence[Rule], cache: Cache | None = None) -> "Re2Filter":
        """The filter of `rules`; translations are read from `cache` when it has them."""
        found = translations([r.regex.pattern for r in rules], cache or Cache(None))
        return cls(PatternSet.of([r for r in rules if r.is_line_rule], found=found),
                   PatternSet.of([r for r in rules if not r.is_line_rule], multiline=True, found=found))


# --------------------------------------------------------------------------- cached translations

_CACHE_FILE = "re2-translations.json"
# Translations kept from earlier rule sets (a user's rule files come and go); past this,
# only the current set's are kept.
_MAX_CACHED = 4096


def translations(sources: Iterable[str], cache: Cache) -> dict[str, Translation | None]:
    """`translation` of each source, read from `cache` where the same code already translated
    it (translating and checking the built-in rules with RE2 takes ~0.4 s), saved there after."""
    key = key_of([*source_of("cleaner.ruleset.re2set", "cleaner.ruleset.tokens"), getattr(re2, "__version__", "")])
    saved = cache.read(_CACHE_FILE, key, _is_translations) or {}
    wanted = list(dict.fromkeys(sources))
    missing = [source for source in wanted if source not in saved]
    found = {source: translation(source) for source in missing}
    if missing:
        fresh = {source: None if t is None else [t.pattern, t.exact] for source, t in found.items()}
        kept = {source: saved[source] for source in wanted if source in saved}
        older = [source for source in saved if source not in kept][:max(0, _MAX_CACHED - len(wanted))]
        cache.write(_CACHE_FILE, key, {**{s: saved[s] for s in older}, **kept, **fresh})
    for source in wanted:
        if source in saved:
            entry = saved[source]
            found[source] = None if entry is None else Translation(entry[0], entry[1])
    return found


def _is_translations(data: Any) -> bool:
    return isinstance(data, dict) and all(
        entry is None or (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                          and isinstance(entry[1], bool)) for entry in data.values())


def _options() -> "re2.Options":
    options = re2.Options()
    options.log_errors = False  # a pattern RE2 refuses is ours to report (by leaving it out), not a log line
    options.max_mem = 64 << 20  # the DFA for ~100 case-insensitive rules outgrows RE2's 8 MB default
    return options
