"""Facts read from a rule pattern's source: what its matches start with or contain, and what it costs to compile.

Each fact is read from the pattern's tokens (`cleaner.ruleset.tokens`) and is
safe to get wrong in one direction only: where the analysis meets something
it does not follow it says so with its documented "don't know" answer (None,
or no literals), which means "no filter".

- `first_chars`: which ASCII characters a match can start with. Most line
  rules start with a word or a class ("(?i)^(?:leave a reply|…)", "^\\d…"), so
  most lines cannot match them by their first character alone.
- `required_literals`: runs of literal characters every match contains
  ("contributed" in "… contributed reporting"). A document without the
  longest cannot hold a match at all, a line without any of them cannot
  match, and looking for a literal is far cheaper than trying the pattern.
- `literal_prefixes`: the literal strings one of which every match starts with.
- `length_guard`: the line lengths a leading "(?=.{m,n}$)" allows.
- `survives_context`: whether a match in a line alone stays a match when text
  is added around the line (what lets a rule scan whole documents).
- `has_top_level_bar` and `compiled_nodes`: the pattern's shape and size.

`line_facts` gives a line rule's scanner all of these from one reading of its
source (see `cleaner.ruleset.scan` for how they are used), and `fold` is how
prefixes and lines are compared without case.

A single-character atom (a literal, an escape, a class) is compiled on its
own with the flags in force where it stands and tried on every ASCII
character, so classes, properties and case folding mean exactly what the
regex module makes of them. Non-ASCII first characters are never filtered.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Sequence

import regex

from .tokens import (Anchor, Branches, Char, CharClass, Dot, Fuzzy, Group, GroupKind, InlineFlags, Item, Open,
                     Property, Quantifier, Shorthand, Token, flag_letters, flag_names, lead_of, parse, tokens)

_ASCII = "".join(chr(i) for i in range(128))
MIN_LITERAL = 3  # shorter runs ("by", "/") are everywhere and filter nothing
MAX_PREFIXES = 64  # past this many alternatives the prefixes stop growing
_CASE_FLAGS = frozenset({"i", "f"})
# Groups that match no characters: whatever they demand, ignoring them is safe.
_ZERO_WIDTH_GROUPS = frozenset({GroupKind.LOOKAHEAD, GroupKind.NEGATIVE_LOOKAHEAD, GroupKind.LOOKBEHIND,
                                GroupKind.NEGATIVE_LOOKBEHIND, GroupKind.DEFINE})
# Groups whose matches are the matches of their branches.
_PLAIN_GROUPS = frozenset({GroupKind.CAPTURE, GroupKind.NAMED, GroupKind.PLAIN, GroupKind.ATOMIC,
                           GroupKind.BRANCH_RESET, GroupKind.SCOPED_FLAGS})
_SINGLE = (Char, Shorthand, Property, Dot, CharClass)


@dataclass(frozen=True)
class _First:
    chars: frozenset[str]
    nullable: bool  # the items so far can match the empty string


def _items(body: str, flags: str) -> Branches | None:
    """The branches of `body` read with `flags` in force; None when a match may not
    begin where the pattern does (\\K moves a match's start): no analysis follows that."""
    found = tokens(body, flags=flags)
    return None if _moves_start(found) else parse(found)


def _moves_start(found: Sequence[Token]) -> bool:
    return any(isinstance(t, Anchor) and t.letter == "K" for t in found)


# --------------------------------------------------------------------------- first characters


def first_chars(body: str, flags: str) -> frozenset[str] | None:
    """ASCII characters a match of `body` can start with, under inline `flags`; None when unknown.

    >>> sorted(first_chars(r"(?:ab|cd)?e", "i"))
    ['A', 'C', 'E', 'a', 'c', 'e']
    """
    branches = _items(body, flags)
    return None if branches is None else _first_chars(branches)


def _first_chars(branches: Branches) -> frozenset[str] | None:
    first = _first_of_branches(branches)
    return None if first is None or first.nullable else first.chars


def _first_of_branches(branches: Branches) -> _First | None:
    chars: set[str] = set()
    nullable = False
    for sequence in branches:
        first = _first_of_sequence(sequence)
        if first is None:
            return None
        chars |= first.chars
        nullable = nullable or first.nullable
    return _First(frozenset(chars), nullable)


def _first_of_sequence(sequence: tuple[Item, ...]) -> _First | None:
    """Items up to the first that cannot match nothing: the union of their first characters."""
    chars: set[str] = set()
    for item in sequence:
        first = _first_of_item(item)
        if first is None:
            return None
        chars |= first.chars
        if not first.nullable:
            return _First(frozenset(chars), False)
    return _First(frozenset(chars), True)


def _first_of_item(item: Item) -> _First | None:
    if isinstance(item.repeat, Fuzzy):
        return None  # an error allowed anywhere: any character may come first
    first = _first_of_atom(item.atom)
    if first is None or item.repeat is None:
        return first
    return _First(first.chars, first.nullable or item.repeat.min == 0)


def _first_of_atom(atom: Token | Group) -> _First | None:
    if _is_zero_width(atom):
        return _First(frozenset(), True)
    if isinstance(atom, Group):
        return _first_of_branches(atom.branches) if atom.open.kind in _PLAIN_GROUPS else None
    if isinstance(atom, _SINGLE):
        chars = _single(atom)
        return None if chars is None else _First(chars, False)
    return None  # a back reference, a call, a named list, a verb


def _is_zero_width(atom: Token | Group) -> bool:
    if isinstance(atom, Group):
        return atom.open.kind in _ZERO_WIDTH_GROUPS
    return isinstance(atom, InlineFlags) or (isinstance(atom, Anchor) and atom.letter != "K")


def _single(atom: Token) -> frozenset[str] | None:
    """The ASCII characters that can begin a match of one single-character atom; None
    under full case folding, where one character can match several ("ß" matches "ss")."""
    flags = atom.flags
    if "i" in flags and ("f" in flags or "V1" in flags):
        return None
    pattern = regex.compile(f"(?{flag_letters(flags)})" + atom.text if flags else atom.text)
    return frozenset(match.group()[0] for match in pattern.finditer(_ASCII) if match.group())


# --------------------------------------------------------------------------- required literals


def required_literal(body: str, flags: str) -> str | None:
    """The longest run of literal characters (at least MIN_LITERAL) at the top level of
    `body`, outside groups, that every match must contain; None when there is none."""
    return _longest(required_literals(body, flags))


def _longest(runs: tuple[str, ...]) -> str | None:
    best = max(runs, key=len, default="")
    return best if len(best) >= MIN_LITERAL else None


def required_literals(body: str, flags: str) -> tuple[str, ...]:
    """Every run of literal characters at the top level of `body`, outside groups: each
    one is in every match (compared with the case `flags` set). Empty when there are none.

    >>> required_literals(r"\\s+contributed\\s+(?:reporting)", "")
    ('contributed',)
    """
    branches = _items(body, flags)
    return () if branches is None else _required_literals(branches, flag_names(flags))


def _required_literals(branches: Branches, flags: frozenset[str]) -> tuple[str, ...]:
    if len(branches) > 1:
        return ()  # an alternation at the top: no literal is required
    case = flags & _CASE_FLAGS
    runs, run = [], ""
    for item in branches[0]:
        atom, repeat = item.atom, item.repeat
        # A literal compared otherwise than the flags say (after an inline "(?i)") is not one.
        if isinstance(atom, Char) and atom.flags & _CASE_FLAGS == case and not isinstance(repeat, Fuzzy):
            if repeat is None:
                run += atom.char
                continue
            if repeat.min > 0:
                run += atom.char  # "c+": at least one c here, but the run stops after it
        runs.append(run)
        run = ""
    return tuple(dict.fromkeys(r for r in (*runs, run) if r))


# --------------------------------------------------------------------------- prefixes


# Characters the regex module matches, ignoring case, with a character that `fold`
# folds otherwise: the sharp s and a capital sharp s newer than Python's Unicode
# tables. A case-insensitive prefix stops before them. tests/ruleset/test_pattern.py
# recomputes the set over every cased code point.
_FOLDS_APART = frozenset("\u00df\u1e9e\U0001df95")


def fold(text: str) -> str:
    """`text` case-folded for comparing with `literal_prefixes` and case-insensitive needles.

    Python's casefold keeps apart what the regex module matches alike when it
    ignores case: "İ" (folded "i" and a combining dot) and "ı" both match "i"
    or "I". Folding both to "i" (and dropping the combining dot) makes every
    character a case-insensitive ASCII literal matches fold to that literal.

    >>> fold("İSTANBUL, Diyarbakır")
    'istanbul, diyarbakir'
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    return folded.replace("\u0131", "i").replace("\u0307", "")


def literal_prefixes(body: str, flags: str) -> tuple[str, ...] | None:
    """Folded (see `fold`) literal strings, one of which the folded text of every
    match starts with; None when some match may start otherwise.

    >>> literal_prefixes("(?:leave a|post a) comment", "i")
    ('leave a comment', 'post a comment')
    """
    branches = _items(body, flags)
    return None if branches is None else _literal_prefixes(branches)


def _literal_prefixes(branches: Branches) -> tuple[str, ...] | None:
    found, _ = _prefixes_of_branches(branches)
    if not found or "" in found:
        return None
    return tuple(sorted({fold(p) for p in found}))


def _prefixes_of_branches(branches: Branches) -> tuple[set[str], bool]:
    """The prefixes of every branch together, and whether they are the whole of each."""
    found: set[str] = set()
    whole = True
    for sequence in branches:
        prefixes, complete = _prefixes_of_sequence(sequence, 0, {""})
        found |= prefixes
        whole = whole and complete
    return found, whole


def _prefixes_of_sequence(sequence: tuple[Item, ...], start: int, current: set[str]) -> tuple[set[str], bool]:
    """The literal prefixes of the matches of `sequence[start:]` after `current`, and
    whether they span the whole sequence."""
    for index in range(start, len(sequence)):
        item = sequence[index]
        if _is_zero_width(item.atom):
            continue
        found, whole = _prefixes_of_atom(item.atom)
        if found is None or isinstance(item.repeat, Fuzzy):
            return current, False
        extended = {p + f for p in current for f in found}
        if len(extended) > MAX_PREFIXES:
            return current, False
        if item.repeat is not None and item.repeat.min == 0:  # the matches that skip it, and those that do not
            skipped, _ = _prefixes_of_sequence(sequence, index + 1, current)
            return extended | skipped, False
        if item.repeat is not None or not whole:  # "x+", or a group ending in the unknown
            return extended, False
        current = extended
    return current, True


def _prefixes_of_atom(atom: Token | Group) -> tuple[set[str] | None, bool]:
    if isinstance(atom, Char):
        if atom.char in _FOLDS_APART and "i" in atom.flags:
            return None, False
        return {atom.char}, True
    if isinstance(atom, Group) and atom.open.kind in _PLAIN_GROUPS:
        return _prefixes_of_branches(atom.branches)
    return None, False


# --------------------------------------------------------------------------- shape


def has_top_level_bar(source: str, verbose: bool) -> bool:
    """Whether `source` is an alternation at its top level (outside groups and classes).

    >>> has_top_level_bar("a|b", False), has_top_level_bar("[|](a|b)", False)
    (True, False)
    """
    return len(parse(tokens(source, verbose))) > 1


def length_guard(body: str, flags: str) -> tuple[int, int | None]:
    """(m, n) of a leading "(?=.{m,n}$)" in `body`: a matching line's length lies in [m, n].
    (0, None) when there is none.

    >>> length_guard("(?=.{0,80}$)by", "")
    (0, 80)
    """
    return _length_guard(parse(tokens(body, flags=flags)), flag_names(flags))


def _length_guard(branches: Branches, flags: frozenset[str]) -> tuple[int, int | None]:
    if "w" in flags:  # WORD mode: "$" also matches before Unicode line separators
        return 0, None
    if len(branches) != 1 or not branches[0]:
        return 0, None
    first = branches[0][0]
    atom = first.atom
    if first.repeat is not None or not isinstance(atom, Group) or atom.open.kind is not GroupKind.LOOKAHEAD:
        return 0, None
    if len(atom.branches) != 1 or len(atom.branches[0]) != 2:
        return 0, None
    dots, end = atom.branches[0]
    if not (isinstance(dots.atom, Dot) and isinstance(dots.repeat, Quantifier)
            and isinstance(end.atom, Anchor) and end.atom.letter == "$" and end.repeat is None):
        return 0, None
    return dots.repeat.min, dots.repeat.max


# Constructs under which a match in a line alone may fail to be a match once text
# is added around the line: they look at, or commit to, what lies beyond the match.
_CONTEXT_GROUPS = frozenset({GroupKind.NEGATIVE_LOOKAHEAD, GroupKind.NEGATIVE_LOOKBEHIND, GroupKind.ATOMIC})
_CONTEXT_ANCHORS = frozenset("AZzGK")


def survives_context(source: str) -> bool:
    """Whether every match of `source` in a line alone is also a match in any text
    that holds the line (so a scan of joined lines finds it). Negative lookarounds,
    atomic groups, possessive repeats, \\A \\Z \\z \\G \\K, lookaround conditions,
    reverse and fuzzy matching break that.

    >>> survives_context(r"(?<=\\s)more$"), survives_context(r"^(?!The)\\w+")
    (True, False)
    """
    return _survives_context(tokens(source))


def _survives_context(found: Sequence[Token]) -> bool:
    for token in found:
        if "r" in token.flags:
            return False  # reverse matching (a global flag: in force for every token)
        if isinstance(token, Fuzzy) or (isinstance(token, Quantifier) and token.mode == "possessive"):
            return False
        if isinstance(token, Anchor) and token.letter in _CONTEXT_ANCHORS:
            return False
        if isinstance(token, Open) and (token.kind in _CONTEXT_GROUPS or (
                token.kind is GroupKind.CONDITIONAL and token.name is None)):  # a lookaround condition
            return False
    return True


# --------------------------------------------------------------------------- a line rule, read once


@dataclass(frozen=True)
class LineFacts:
    """What a line rule's source says about the lines it can match, read from one
    reading of it (see `cleaner.ruleset.scan`)."""

    survives_context: bool  # see `survives_context`
    flags: str  # its leading flags (`cleaner.ruleset.tokens.leading_flags`)
    rest: int  # where the pattern after them begins
    literal: str | None  # the longest required literal (`required_literal`) of the rest
    anchored: bool = False  # the rest is "^…" without a top-level "|" (and the pattern is not VERSION1)
    # For an anchored rest, what follows the "^":
    first: frozenset[str] | None = None  # `first_chars`
    literals: tuple[str, ...] = ()  # `required_literals` (of the rest, "^" included)
    prefixes: tuple[str, ...] | None = None  # `literal_prefixes`
    min_len: int = 0  # `length_guard`
    max_len: int | None = None


def line_facts(source: str) -> LineFacts:
    """The facts a line rule's scanner needs, as the functions above give them for the
    parts of `source` (its leading flags, the rest, what follows the rest's "^").

    >>> facts = line_facts("(?i)^(?=.{0,40}$)source link$")
    >>> facts.anchored, facts.flags, facts.prefixes, facts.max_len, facts.literal
    (True, 'i', ('source link',), 40, 'source link')
    """
    found = tokens(source)
    lead = lead_of(found)
    flags = flag_names(lead.flags)
    branches = parse(found)
    rest = branches[0][sum(isinstance(t, InlineFlags) for t in found if t.start < lead.end):]
    known = not _moves_start(found)
    literals = _required_literals((rest, *branches[1:]), flags) if known else ()
    facts = LineFacts(_survives_context(found), lead.flags, lead.end, _longest(literals))
    anchored = rest and isinstance(rest[0].atom, Anchor) and rest[0].atom.letter == "^"
    if len(branches) > 1 or not anchored or "V1" in flags:
        return facts
    after = (rest[1:],)
    min_len, max_len = _length_guard(after, flags)
    return dataclasses.replace(facts, anchored=True, first=_first_chars(after) if known else None, literals=literals,
                               prefixes=_literal_prefixes(after) if known else None, min_len=min_len, max_len=max_len)


# --------------------------------------------------------------------------- compile cost

# What a rule pattern costs to compile, checked before compiling it.
#
# The `regex` module compiles a counted repeat by copying its body: `a{1000}`
# becomes a thousand nodes, and nested counts multiply, so the 27-character
# pattern `(?:(?:a{1000}){1000}){1000}` would need hundreds of gigabytes. No
# timeout covers compiling, so rule loading estimates the copies first and
# refuses a pattern above `MAX_COMPILED_NODES` (about 26 MB of compiled pattern;
# real rule patterns stay under a few hundred).

MAX_COMPILED_NODES = 100_000


def compiled_nodes(pattern: str) -> int:
    """An estimate of how many nodes the compiled `pattern` has (repeats counted as copies).
    Raises `regex.error` for a source that is not a pattern at all.

    >>> compiled_nodes(r"^\\d{1,3} views$")
    9
    >>> compiled_nodes(r"(?:ab{10}){100}")
    1100
    """
    return _nodes_of_branches(parse(tokens(pattern)))


def _nodes_of_branches(branches: Branches) -> int:
    return sum(_nodes_of_item(item) for sequence in branches for item in sequence)


def _nodes_of_item(item: Item) -> int:
    atom = item.atom
    if isinstance(atom, InlineFlags):
        return 0
    size = _nodes_of_branches(atom.branches) if isinstance(atom, Group) else 1
    # Only a counted minimum is copied; an open repeat ("*", "+", "{2,}" past 2) is one loop node.
    copies = item.repeat.min if isinstance(item.repeat, Quantifier) else 1
    return size * max(1, copies)
