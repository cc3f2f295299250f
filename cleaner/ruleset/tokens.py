"""The one reader of regex pattern source: typed tokens, lossless, in the `regex` module's own syntax.

Every question the package asks of a pattern's source (what its matches
start with or contain, whether it is an alternation, what it costs to
compile, how RE2 would spell it) is answered from these tokens, never by
looking at characters again.

`tokens(source)` follows the parser of the `regex` module
(``regex/_regex_core.py``) for VERSION0, the version the package compiles
with, and VERSION1 where a ``(?V1)`` asks for it:

- verbose mode (``(?x)``, or ``verbose=True``) makes white space and ``#``
  comments between tokens `Space`; inside a class they are characters. Like
  the regex module, verbose mode also steps over them *inside* some
  multi-character tokens (``a{1, 3}``, ``\\x 41``, ``(?P< name >…)``): such a
  token's text keeps them, its fields do not.
- inline flags hold from where they stand to the end of their group
  (``(?:a(?i)b)c``: only ``b`` ignores case); ``(?x)`` switches verbose mode
  the same way. Global flags (``V0 V1 b e p r``) hold for the whole pattern
  wherever they stand, so meeting a new one starts the reading again.
- in VERSION0 a ``[`` inside a class is a character (``[[a]b]`` is ``[[a]``
  then ``b]``) except a POSIX class ``[:alpha:]``; VERSION1 nests classes and
  has set operators (``--``, ``&&``, ``||``, ``~~``).

Joined, the tokens' texts give back the source exactly; each token carries
the flags in force where it starts. A source that is not a pattern raises
`regex.error`, as compiling it would (the reader checks what it needs to
read: a trailing backslash, an unterminated class, an unknown group kind,
unbalanced parentheses); other mistakes (an unknown property name, a
reference to a missing group) are left to ``regex.compile``.

`parse(tokens)` groups the tokens into branches of items (an atom or a
group, with its repeat), which is the shape most analyses walk.
"""

from __future__ import annotations

import dataclasses
import string
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Literal, Sequence, Union

import regex

# Flag names as inline groups spell them ("V0"/"V1" take two letters).
FLAG_NAMES = frozenset({"a", "b", "e", "f", "i", "L", "m", "p", "r", "s", "u", "V0", "V1", "w", "x"})
# Flags that hold for the whole pattern wherever they are switched on.
GLOBAL_FLAGS = frozenset({"V0", "V1", "b", "e", "p", "r"})
_ENCODINGS = frozenset("aLu")

_DIGITS = frozenset(string.digits)
_OCTAL = frozenset(string.octdigits)
_HEX = frozenset(string.hexdigits)
_ALPHA = frozenset(string.ascii_letters)
_NAMED_CHAR_PART = frozenset(string.ascii_letters + string.digits + " -")
_PROPERTY_NAME_PART = frozenset(string.ascii_letters + string.digits + " &_-.")
_PROPERTY_VALUE_PART = frozenset(string.ascii_letters + string.digits + " &_-./")
_CHARACTER_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_SHORTHANDS = frozenset("dDhsSwW")
_POSITION_ESCAPES = frozenset("AbBKmMZz")
_VERBS = frozenset({"FAIL", "F", "PRUNE", "SKIP"})
_SET_OPERATORS = ("||", "~~", "&&", "--")

def flag_names(letters: str) -> frozenset[str]:
    """The flags an inline group spells: "iV1x" -> {"i", "V1", "x"}."""
    names, i = set(), 0
    while i < len(letters):
        size = 2 if letters[i] == "V" else 1
        names.add(letters[i:i + size])
        i += size
    return frozenset(names)


def flag_letters(flags: frozenset[str]) -> str:
    """The inline spelling of `flags` ("" for none), in a stable order."""
    return "".join(sorted(flags))


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Token:
    text: str  # exactly as in the source
    start: int  # offset of `text` in the source
    flags: frozenset[str]  # the flags in force where the token starts


@dataclass(frozen=True)
class Char(Token):
    """One character matched as itself: "a", "\\.", "\\n", "\\x41", "\\N{EM DASH}", "\\101"."""
    char: str


@dataclass(frozen=True)
class Shorthand(Token):
    """A class escape: \\d \\D \\s \\S \\w \\W \\h; outside classes also \\X (a grapheme) and \\R (a line break)."""
    letter: str


@dataclass(frozen=True)
class Property(Token):
    """\\p{name}, \\pL, \\P{name}, \\p{^name}: `positive` is False when the property is negated."""
    name: str
    positive: bool


@dataclass(frozen=True)
class Dot(Token):
    """The "." that matches any character (but a line break, without the s flag)."""


@dataclass(frozen=True)
class Posix(Token):
    """[:alpha:] inside a class."""
    name: str
    positive: bool


@dataclass(frozen=True)
class Range(Token):
    """a-z inside a class."""
    low: Char
    high: Char


@dataclass(frozen=True)
class SetOperator(Token):
    """--, &&, ||, ~~ between the members of a VERSION1 class."""


@dataclass(frozen=True)
class CharClass(Token):
    """[...]: `members` are Char, Shorthand, Property, Posix, Range (and, in VERSION1, CharClass and SetOperator)."""
    negated: bool
    members: tuple[Token, ...]


@dataclass(frozen=True)
class Anchor(Token):
    """A zero-width position: "^", "$", or the letter of \\A \\b \\B \\G \\K \\m \\M \\Z \\z."""
    letter: str


@dataclass(frozen=True)
class Backref(Token):
    """\\1, \\g<name>, (?P=name)."""
    ref: str


@dataclass(frozen=True)
class Call(Token):
    """A call to a group: (?&name), (?P>name), (?R), (?1), (?+1), (?-1)."""
    ref: str


@dataclass(frozen=True)
class NamedList(Token):
    """\\L<name>: one of the strings passed to compile as `name`."""
    name: str


@dataclass(frozen=True)
class Verb(Token):
    """(*FAIL), (*F), (*PRUNE), (*SKIP)."""
    name: str


class GroupKind(Enum):
    CAPTURE = "("
    NAMED = "(?P<name>"
    PLAIN = "(?:"
    LOOKAHEAD = "(?="
    NEGATIVE_LOOKAHEAD = "(?!"
    LOOKBEHIND = "(?<="
    NEGATIVE_LOOKBEHIND = "(?<!"
    ATOMIC = "(?>"
    BRANCH_RESET = "(?|"
    SCOPED_FLAGS = "(?flags:"
    CONDITIONAL = "(?(condition)"  # on a group (`name`), or on the lookaround group that follows (name None)
    DEFINE = "(?(DEFINE)"

    @property
    def is_lookaround(self) -> bool:
        return self in _LOOKAROUNDS


_LOOKAROUNDS = frozenset({GroupKind.LOOKAHEAD, GroupKind.NEGATIVE_LOOKAHEAD, GroupKind.LOOKBEHIND,
                          GroupKind.NEGATIVE_LOOKBEHIND})


@dataclass(frozen=True)
class Open(Token):
    kind: GroupKind
    name: str | None = None  # a named group's name, a conditional's group
    on: tuple[str, ...] = ()  # flags a scoped-flags group switches on, as written
    off: tuple[str, ...] = ()


@dataclass(frozen=True)
class Close(Token):
    """The ")" closing a group."""


@dataclass(frozen=True)
class Bar(Token):
    """The "|" between branches."""


@dataclass(frozen=True)
class Quantifier(Token):
    """? * + {m,n}, with a lazy "?" or possessive "+" after it."""
    min: int
    max: int | None
    mode: Literal["greedy", "lazy", "possessive"]


@dataclass(frozen=True)
class Fuzzy(Token):
    """A fuzzy-matching constraint after an item: {e<=1}, {i<=1,d<=1}, {2i+2d+1s<=4}, ...;
    `is_fuzzy` is False for one that allows no error ({e<=0}), which the regex module ignores."""
    is_fuzzy: bool


@dataclass(frozen=True)
class InlineFlags(Token):
    """(?i), (?-i), (?ix): flags switched from here to the end of the enclosing group."""
    on: tuple[str, ...]
    off: tuple[str, ...]


@dataclass(frozen=True)
class Comment(Token):
    """(?#...)"""


@dataclass(frozen=True)
class Space(Token):
    """White space and # comments that verbose mode ignores."""


Atom = Union[Char, Shorthand, Property, Dot, CharClass, Anchor, Backref, Call, NamedList, Verb, InlineFlags]


# --------------------------------------------------------------------------- reading


class _Reader:
    """A cursor over the source that, in verbose mode, steps over white space and
    comments where the regex module's parser does (its `Source` class)."""

    def __init__(self, source: str):
        self.source, self.pos, self.verbose = source, 0, False

    def skip(self, pos: int) -> int:
        source = self.source
        while self.verbose and pos < len(source):
            if source[pos].isspace():
                pos += 1
            elif source[pos] == "#":
                newline = source.find("\n", pos)
                pos = len(source) if newline < 0 else newline
            else:
                break
        return pos

    def peek(self) -> str:
        pos = self.skip(self.pos)
        return self.source[pos:pos + 1]

    def get(self, raw: bool = False) -> str:
        pos = self.pos if raw else self.skip(self.pos)
        char = self.source[pos:pos + 1]
        self.pos = pos + len(char)
        return char

    def match(self, text: str) -> bool:
        pos = self.pos
        for char in text:
            pos = self.skip(pos)
            if self.source[pos:pos + 1] != char:
                return False
            pos += 1
        self.pos = pos
        return True

    def get_while(self, chars: frozenset[str], include: bool = True, keep_spaces: bool = False) -> str:
        found, pos = [], self.pos
        while True:
            if not keep_spaces:
                pos = self.skip(pos)
            char = self.source[pos:pos + 1]
            if not char or (char in chars) != include:
                break
            found.append(char)
            pos += 1
        self.pos = pos
        return "".join(found)

    def expect(self, text: str) -> None:
        if not self.match(text):
            raise self.error(f"missing {text}")

    def error(self, message: str) -> regex.error:
        return regex.error(message, self.source, self.pos)


def tokens(source: str, verbose: bool = False, flags: str = "") -> tuple[Token, ...]:
    """The tokens of `source`, read with `flags` (inline flag letters, as a leading
    "(?flags)" would set them; `verbose` adds "x") in force from its start.

    >>> [type(t).__name__ for t in tokens(r"(?i)a\\d+|[]x]")]
    ['InlineFlags', 'Char', 'Shorthand', 'Quantifier', 'Bar', 'CharClass']
    >>> "".join(t.text for t in tokens("(?x) a  # note\\n b{1, 3}"))
    '(?x) a  # note\\n b{1, 3}'
    """
    start = flag_names(flags) | ({"x"} if verbose else set())
    while True:
        reading = _Tokenizer(source, frozenset(start))
        found = reading.run()
        if reading.new_global <= start:
            return _with_define(found)
        start |= reading.new_global  # as the regex module does: read it all again with the global flag


def _with_define(found: tuple[Token, ...]) -> tuple[Token, ...]:
    """(?(DEFINE)...) is a condition on a group when a group is named DEFINE (as in the regex module)."""
    if not any(isinstance(t, Open) and t.kind is GroupKind.NAMED and t.name == "DEFINE" for t in found):
        return found
    return tuple(dataclasses.replace(t, kind=GroupKind.CONDITIONAL) if isinstance(t, Open) and t.kind is
                 GroupKind.DEFINE else t for t in found)


class _Tokenizer:
    def __init__(self, source: str, flags: frozenset[str]):
        self.reader = _Reader(source)
        self.flags = flags
        self.reader.verbose = "x" in flags
        self.saved: list[frozenset[str] | None] = []  # flags to restore at each open group's ")"
        self.found: list[Token] = []
        self.new_global: frozenset[str] = frozenset()

    def run(self) -> tuple[Token, ...]:
        reader = self.reader
        source = reader.source
        while reader.pos < len(source) and not self.new_global:
            start = reader.pos
            end = reader.skip(start)
            if end > start:
                self.found.append(Space(source[start:end], start, self.flags))
                reader.pos = end
                continue
            self._token(start)
        if self.saved and not self.new_global:
            raise reader.error("missing )")
        return tuple(self.found)

    def _emit(self, cls, start: int, **fields) -> Token:
        token = cls(text=self.reader.source[start:self.reader.pos], start=start, flags=self.flags, **fields)
        self.found.append(token)
        return token

    def _token(self, start: int) -> None:
        reader = self.reader
        char = reader.get(raw=True)
        if char == "\\":
            self._escape(start, in_set=False, emit=True)
        elif char == "(":
            self._paren(start)
        elif char == ")":
            if not self.saved:
                raise reader.error("unbalanced parenthesis")
            self._emit(Close, start)
            restored = self.saved.pop()
            if restored is not None:
                self._set_flags(restored)
        elif char == "|":
            self._emit(Bar, start)
        elif char == "[":
            self.found.append(self._set(start))
        elif char == ".":
            self._emit(Dot, start)
        elif char in "^$":
            self._emit(Anchor, start, letter=char)
        elif char in "?*+{":
            self._repeat(start, char)
        else:
            self._emit(Char, start, char=char)

    def _set_flags(self, flags: frozenset[str]) -> None:
        self.flags = flags
        self.reader.verbose = "x" in flags

    # ---------------------------------------------------------------- repeats

    def _repeat(self, start: int, char: str) -> None:
        counts = {"?": (0, 1), "*": (0, None), "+": (1, None)}.get(char) or self._counts()
        if counts is not None:
            reader = self.reader
            saved = reader.pos
            suffix = reader.get()
            mode = "lazy" if suffix == "?" else "possessive" if suffix == "+" else "greedy"
            if mode == "greedy":
                reader.pos = saved
            self._emit(Quantifier, start, min=counts[0], max=counts[1], mode=mode)
            return
        fuzzy = self._fuzzy()
        if fuzzy is None:
            self._emit(Char, start, char="{")
        else:
            self._emit(Fuzzy, start, is_fuzzy=fuzzy)

    def _counts(self) -> tuple[int, int | None] | None:
        """{m}, {m,}, {,n}, {m,n} after the "{"; None (and nothing read) if it is not a repeat."""
        reader = self.reader
        saved = reader.pos
        low = reader.get_while(_DIGITS)
        if reader.match(","):
            high = reader.get_while(_DIGITS)
            counts = (int(low or 0), int(high) if high else None)
        elif low:
            counts = (int(low), int(low))
        else:
            reader.pos = saved
            return None
        if not reader.match("}"):
            reader.pos = saved
            return None
        if counts[1] is not None and counts[0] > counts[1]:
            raise reader.error("min repeat greater than max repeat")
        return counts

    def _fuzzy(self) -> bool | None:
        """A fuzzy constraint after the "{": whether it allows errors; None (nothing read) if it is none."""
        reader = self.reader
        saved = reader.pos
        constraints: dict[str, object] = {}
        if not self._fuzzy_item(constraints):
            reader.pos = saved
            return None
        while reader.match(","):
            if not self._fuzzy_item(constraints):
                reader.pos = saved
                return None
        if reader.match(":"):
            self._fuzzy_test()
        if not reader.match("}"):
            raise reader.error("expected }")
        allows_none = constraints.get("e") == (0, 0) or all(constraints.get(c) == (0, 0) for c in "sid")
        return not allows_none

    def _fuzzy_item(self, constraints: dict[str, object]) -> bool:
        saved = self.reader.pos
        if self._cost_constraint(constraints):
            return True
        self.reader.pos = saved
        return self._cost_equation(constraints)

    def _cost_constraint(self, constraints: dict[str, object]) -> bool:
        """A cost constraint: e<=1, e, 1<=e<3."""
        reader = self.reader
        saved = reader.pos
        char = reader.get()
        if char in _ALPHA:
            if char not in "deis" or char in constraints:
                return False
            inclusive = self._compare()
            constraints[char] = (0, None if inclusive is None else self._cost_limit() - (0 if inclusive else 1))
            return True
        if char and char in _DIGITS:
            reader.pos = saved
            low = self._cost_limit()
            low_inclusive = self._compare()
            if low_inclusive is None:
                return False
            char = reader.get()
            if char not in "deis" or char in constraints:
                return False
            high_inclusive = self._compare()
            if high_inclusive is None:
                return False
            constraints[char] = (low + (0 if low_inclusive else 1), self._cost_limit() - (0 if high_inclusive else 1))
            return True
        return False

    def _cost_equation(self, constraints: dict[str, object]) -> bool:
        """A cost equation: 2i+2d+1s<=4."""
        reader = self.reader
        if "cost" in constraints:
            raise reader.error("more than one cost equation")
        terms: set[str] = set()
        while True:
            reader.get_while(_DIGITS)
            char = reader.get()
            if not char or char not in "dis":
                return False
            if char in terms:
                raise reader.error("repeated fuzzy cost")
            terms.add(char)
            if not reader.match("+"):
                break
        if self._compare() is None:
            return False
        self._cost_limit()
        constraints["cost"] = terms
        return True

    def _compare(self) -> bool | None:
        """True for "<=", False for "<", None for neither."""
        if self.reader.match("<="):
            return True
        return False if self.reader.match("<") else None

    def _cost_limit(self) -> int:
        digits = self.reader.get_while(_DIGITS)
        if not digits:
            raise self.reader.error("bad fuzzy cost limit")
        return int(digits)

    def _fuzzy_test(self) -> None:
        """The class after ":" in {e<=1:[a-z]}: which characters may be inserted or substituted."""
        reader = self.reader
        start = reader.skip(reader.pos)
        char = reader.get()
        if char == "\\":
            self._escape(start, in_set=False, emit=False)
        elif char == "[":
            self._set(start)
        elif not char or char in "()|?*+{^$#":
            raise reader.error("expected character set")

    # ---------------------------------------------------------------- escapes

    def _escape(self, start: int, in_set: bool, emit: bool) -> Token:
        """The escape whose backslash is at `start` (already read)."""
        reader = self.reader
        make = self._emit if emit else self._make
        char = reader.get(raw=True)
        if not char:
            raise reader.error("bad escape (end of pattern)")
        if char in "xuU":
            return make(Char, start, char=self._hex({"x": 2, "u": 4, "U": 8}[char]))
        if char == "N":
            return make(Char, start, char=self._named_char())
        if char in "pP":
            found = self._property(char == "p")
            if found is None:
                return make(Char, start, char=char)
            return make(Property, start, name=found[0], positive=found[1])
        if not in_set:
            if char == "g":
                ref = self._group_ref()
                return make(Char, start, char="g") if ref is None else make(Backref, start, ref=ref)
            if char == "G" or char in _POSITION_ESCAPES:
                return make(Anchor, start, letter=char)
            if char == "L":
                reader.expect("<")
                name = self._name(numeric=True)
                reader.expect(">")
                return make(NamedList, start, name=name)
            if char in "XR":
                return make(Shorthand, start, letter=char)
        if char in _SHORTHANDS:
            return make(Shorthand, start, letter=char)
        if char in _CHARACTER_ESCAPES:
            return make(Char, start, char=_CHARACTER_ESCAPES[char])
        if char in _ALPHA:
            raise reader.error(f"bad escape \\{char}")
        if char in _DIGITS:
            return self._numeric(start, char, in_set, make)
        return make(Char, start, char=char)

    def _make(self, cls, start: int, **fields) -> Token:
        return cls(text=self.reader.source[start:self.reader.pos], start=start, flags=self.flags, **fields)

    def _hex(self, width: int) -> str:
        digits = "".join(self.reader.get() for _ in range(width))
        if len(digits) < width or not set(digits) <= _HEX:
            raise self.reader.error(f"incomplete escape {digits}")
        value = int(digits, 16)
        if value >= 0x110000:
            raise self.reader.error(f"bad hex escape {digits}")
        return chr(value)

    def _named_char(self) -> str:
        """\\N{NAME} (after the N); a lone N is the letter itself."""
        reader = self.reader
        saved = reader.pos
        if reader.match("{"):
            name = reader.get_while(_NAMED_CHAR_PART, keep_spaces=True)
            if reader.match("}"):
                try:
                    return unicodedata.lookup(name)
                except KeyError:
                    raise reader.error("undefined character name") from None
        reader.pos = saved
        return "N"

    def _property(self, positive: bool) -> tuple[str, bool] | None:
        """(name, positive) of \\p{...} or \\pL (after the p); None if it is the letter p itself."""
        reader = self.reader
        saved = reader.pos
        char = reader.get()
        if char == "{":
            negated = reader.match("^")
            name = reader.get_while(_PROPERTY_NAME_PART)
            after_name = reader.pos
            if reader.get() in (":", "="):
                value = reader.get_while(_PROPERTY_VALUE_PART).strip()
                if value:
                    name = f"{name}={value}"
                else:
                    reader.pos = after_name
            else:
                reader.pos = after_name
            if reader.match("}"):
                return name, positive != negated
        elif char and char in "CLMNPSZ":
            return char, positive
        reader.pos = saved
        return None

    def _group_ref(self) -> str | None:
        """The name in \\g<name> (after the g); None if there is none (then \\g is the letter g).

        The regex module also reads \\g<n> inside group n itself as the letter g:
        it is read as a reference here, which analyses treat as unknown."""
        reader = self.reader
        saved = reader.pos
        if reader.match("<"):
            name = reader.get_while(frozenset(")>"), include=False)
            if name and ((name.isdigit() and int(name) > 0) or name.isidentifier()) and reader.match(">"):
                return name
        reader.pos = saved
        return None

    def _numeric(self, start: int, digit: str, in_set: bool, make) -> Token:
        """\\0, \\012 (octal), \\1 \\12 (group references) after the backslash."""
        reader = self.reader
        if in_set or digit == "0":
            digits = digit
            while len(digits) < 3:
                saved = reader.pos
                char = reader.get()
                if not char or char not in _OCTAL:
                    reader.pos = saved
                    break
                digits += char
            if not set(digits) <= _OCTAL:
                raise reader.error(f"bad escape \\{digits}")
            return make(Char, start, char=chr(int(digits, 8)))
        digits, saved = digit, reader.pos
        char = reader.get()
        if char and char in _DIGITS:
            digits += char
            saved = reader.pos
            char = reader.get()
            if set(digits) <= _OCTAL and char and char in _OCTAL:
                mask = 0xFF if self.flags & {"a", "L"} else 0x1FF
                return make(Char, start, char=chr(int(digits + char, 8) & mask))
        reader.pos = saved
        return make(Backref, start, ref=digits)

    # ---------------------------------------------------------------- classes

    def _set(self, start: int) -> CharClass:
        """The class whose "[" is at `start` (already read)."""
        reader = self.reader
        verbose, reader.verbose = reader.verbose, False  # white space is a member inside a class
        negated = reader.match("^")
        members: list[Token] = []
        if "V1" in self.flags:
            self._set_union_v1(members)
        else:
            self._set_members_v0(members)
        if not reader.match("]"):
            raise reader.error("missing ]")
        reader.verbose = verbose
        return self._make(CharClass, start, negated=negated, members=tuple(members))

    def _set_members_v0(self, members: list[Token]) -> None:
        reader = self.reader
        self._set_member(members)  # a "]" first is a member
        while reader.peek() not in ("]", ""):
            self._set_member(members)
        if not reader.peek():
            raise reader.error("unterminated character set")

    def _set_union_v1(self, members: list[Token]) -> None:
        reader = self.reader
        self._set_member(members)
        while True:
            if reader.peek() == "]":
                return
            if not reader.peek():
                raise reader.error("unterminated character set")
            start = reader.pos
            operator = next((op for op in _SET_OPERATORS if reader.match(op)), None)
            if operator is not None:
                members.append(self._make(SetOperator, start))
            self._set_member(members)

    def _set_member(self, members: list[Token]) -> None:
        """One member, a range being one member."""
        reader = self.reader
        first = self._set_item()
        members.append(first)
        if not isinstance(first, Char):
            return
        before_hyphen = reader.pos
        if not reader.match("-"):
            return
        if "V1" in self.flags and reader.peek() == "-":  # the "--" operator
            reader.pos = before_hyphen
            return
        if reader.peek() in ("]", ""):
            members.append(self._make(Char, before_hyphen, char="-"))
            return
        hyphen = self._make(Char, before_hyphen, char="-")
        last = self._set_item()
        if not isinstance(last, Char):
            members += [hyphen, last]
            return
        if first.char > last.char:
            raise reader.error("bad character range")
        members[-1] = Range(reader.source[first.start:reader.pos], first.start, self.flags, low=first, high=last)

    def _set_item(self) -> Token:
        reader = self.reader
        start = reader.pos
        if reader.match("\\"):
            return self._escape(start, in_set=True, emit=False)
        if reader.match("[:"):
            positive = not reader.match("^")
            name = reader.get_while(_PROPERTY_NAME_PART)
            after_name = reader.pos
            if reader.get() in (":", "=") and (value := reader.get_while(_PROPERTY_VALUE_PART).strip()):
                name = f"{name}={value}"
            else:
                reader.pos = after_name
            if reader.match(":]"):
                return self._make(Posix, start, name=name, positive=positive)
            reader.pos = start
        if "V1" in self.flags and reader.match("["):
            negated = reader.match("^")
            members: list[Token] = []
            self._set_union_v1(members)
            reader.expect("]")
            return self._make(CharClass, start, negated=negated, members=tuple(members))
        char = reader.get()
        if not char:
            raise reader.error("unterminated character set")
        return self._make(Char, start, char=char)

    # ---------------------------------------------------------------- groups

    def _paren(self, start: int) -> None:
        """What a "(" at `start` (already read) opens."""
        reader = self.reader
        after_paren = reader.pos
        char = reader.get(raw=True)
        if char == "*":
            word = reader.get_while(frozenset(")>"), include=False)
            if word[:1].isalpha():
                if word not in _VERBS:
                    raise reader.error("unknown verb")
                reader.expect(")")
                self._emit(Verb, start, name=word)
                return
        if char != "?":
            reader.pos = after_paren
            self._open(start, GroupKind.CAPTURE)
            return
        after_mark = reader.pos
        char = reader.get(raw=True)
        if char == "<":
            after_angle = reader.pos
            char = reader.get()
            if char in ("=", "!"):
                self._open(start, GroupKind.LOOKBEHIND if char == "=" else GroupKind.NEGATIVE_LOOKBEHIND)
                return
            reader.pos = after_angle
            self._named_group(start)
        elif char in ("=", "!"):
            self._open(start, GroupKind.LOOKAHEAD if char == "=" else GroupKind.NEGATIVE_LOOKAHEAD)
        elif char == "P":
            self._extension(start)
        elif char == "#":
            self._comment(start)
        elif char == "(":
            self._conditional(start)
        elif char == ">":
            self._open(start, GroupKind.ATOMIC)
        elif char == "|":
            self._open(start, GroupKind.BRANCH_RESET, restore=False)  # the regex module keeps its flags after it
        elif char == "R" or (char and char in _DIGITS):
            ref = "0" if char == "R" else char + reader.get_while(_DIGITS)
            reader.expect(")")
            self._emit(Call, start, ref=ref)
        elif char == "&":
            name = self._name()
            reader.expect(")")
            self._emit(Call, start, ref=name)
        elif char in ("+", "-") and reader.peek() in _DIGITS:
            ref = char + reader.get_while(_DIGITS)
            reader.expect(")")
            self._emit(Call, start, ref=ref)
        else:
            reader.pos = after_mark
            self._flags(start)

    def _open(self, start: int, kind: GroupKind, restore: bool = True, **fields) -> None:
        self._emit(Open, start, kind=kind, **fields)
        self.saved.append(self.flags if restore else None)

    def _named_group(self, start: int) -> None:
        name = self._name()
        self.reader.expect(">")
        self._open(start, GroupKind.NAMED, name=name)

    def _extension(self, start: int) -> None:
        """(?P<name>...), (?P=name), (?P>name), (?P&name) after the P."""
        reader = self.reader
        char = reader.get()
        if char == "<":
            self._named_group(start)
        elif char == "=":
            name = self._name(numeric=True)
            reader.expect(")")
            self._emit(Backref, start, ref=name)
        elif char in (">", "&"):
            name = self._name()
            reader.expect(")")
            self._emit(Call, start, ref=name)
        else:
            raise reader.error("unknown extension")

    def _name(self, numeric: bool = False) -> str:
        reader = self.reader
        name = reader.get_while(frozenset(")>"), include=False)
        if not name:
            raise reader.error("missing group name")
        if not (name.isdigit() and numeric) and not name.isidentifier():
            raise reader.error("bad character in group name")
        return name

    def _comment(self, start: int) -> None:
        reader = self.reader
        while True:
            saved = reader.pos
            char = reader.get(raw=True)
            if not char or char == ")":
                break
            if char == "\\":
                reader.get(raw=True)
        reader.pos = saved
        reader.expect(")")
        self._emit(Comment, start)

    def _conditional(self, start: int) -> None:
        """(?(1)..|..), (?(name)..|..), (?(DEFINE)..), or (?(?=..)..|..) after the "(?(" ."""
        reader = self.reader
        inner = reader.pos - 1  # the second "("
        char = reader.get()
        if char == "?":
            char = reader.get()
            if char == "<":
                char = reader.get()
                kinds = {"=": GroupKind.LOOKBEHIND, "!": GroupKind.NEGATIVE_LOOKBEHIND}
            else:
                kinds = {"=": GroupKind.LOOKAHEAD, "!": GroupKind.NEGATIVE_LOOKAHEAD}
            if char not in kinds:
                raise reader.error("expected lookaround conditional")
            end = reader.pos
            # Two groups: the conditional "(?" around, the lookaround "(?=" that is its condition.
            reader.pos = inner
            self._open(start, GroupKind.CONDITIONAL, restore=False)  # the regex module keeps its flags after it
            reader.pos = end
            self._open(inner, kinds[char])
            return
        reader.pos = inner + 1
        name = self._name(numeric=True)
        reader.expect(")")
        kind = GroupKind.DEFINE if name == "DEFINE" else GroupKind.CONDITIONAL
        self._open(start, kind, name=name)

    def _flags(self, start: int) -> None:
        """(?flags), (?flags-flags), (?flags:...), (?flags-flags:...) after the "(?" ."""
        reader = self.reader
        on = self._flag_set()
        off: tuple[str, ...] = ()
        if reader.match("-"):
            off = self._flag_set()
            if not off:
                raise reader.error("bad inline flags: no flags after '-'")
        if set(off) & GLOBAL_FLAGS:
            raise reader.error("bad inline flags: cannot turn off global flag")
        if set(on) & set(off):
            raise reader.error("bad inline flags: flag turned on and off")
        new_global = (frozenset(on) & GLOBAL_FLAGS) - self.flags
        if new_global:
            self.new_global = new_global
            return
        scoped = frozenset(on) - GLOBAL_FLAGS
        flags = (self.flags | scoped) - frozenset(off)
        if reader.match(":"):
            if flags & _ENCODINGS:  # (as the regex module does: a scoped group keeps only the encoding it names)
                flags = (flags - _ENCODINGS) | (scoped & _ENCODINGS)
            self._open(start, GroupKind.SCOPED_FLAGS, on=on, off=off)
            self._set_flags(flags)
        elif reader.match(")"):
            self._emit(InlineFlags, start, on=on, off=off)
            self._set_flags(flags)
        else:
            raise reader.error("unknown extension")

    def _flag_set(self) -> tuple[str, ...]:
        reader = self.reader
        found = []
        while True:
            saved = reader.pos
            name = reader.get()
            if name == "V":
                name += reader.get()
            if name not in FLAG_NAMES:
                reader.pos = saved
                return tuple(found)
            found.append(name)


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True)
class Group:
    open: Open
    branches: tuple[tuple["Item", ...], ...]
    close: Close


@dataclass(frozen=True)
class Item:
    """An atom or a group, with what repeats it."""
    atom: Atom | Group
    repeat: Quantifier | Fuzzy | None = None


Branches = tuple[tuple[Item, ...], ...]


def parse(found: Sequence[Token]) -> Branches:
    """The top-level branches of a pattern's tokens, each a sequence of items (white
    space and comments left out). Raises `regex.error` for a repeat with nothing to repeat.

    >>> [len(branch) for branch in parse(tokens("ab|(?:c|d)+"))]
    [2, 1]
    """
    stack: list[tuple[Open | None, list[list[Item]]]] = [(None, [[]])]
    for token in found:
        branches = stack[-1][1]
        if isinstance(token, (Space, Comment)):
            continue
        if isinstance(token, Open):
            stack.append((token, [[]]))
        elif isinstance(token, Close):
            opened, inner = stack.pop()
            stack[-1][1][-1].append(Item(Group(opened, tuple(map(tuple, inner)), token)))
        elif isinstance(token, Bar):
            branches.append([])
        elif isinstance(token, (Quantifier, Fuzzy)):
            _attach(branches[-1], token)
        else:
            branches[-1].append(Item(token))
    return tuple(map(tuple, stack[0][1]))


def _attach(sequence: list[Item], repeat: Quantifier | Fuzzy) -> None:
    """Put `repeat` on the last item; inline flags add no item, so they are stepped over."""
    if isinstance(repeat, Fuzzy) and not repeat.is_fuzzy:
        return  # allows no error: the regex module drops it
    index = len(sequence) - 1
    while index >= 0 and isinstance(sequence[index].atom, InlineFlags):
        index -= 1
    if index < 0:
        raise regex.error("nothing to repeat", None, repeat.start)
    if sequence[index].repeat is not None:
        raise regex.error("multiple repeat", None, repeat.start)
    sequence[index] = Item(sequence[index].atom, repeat)


@dataclass(frozen=True)
class Lead:
    """The flags a pattern's leading inline groups set, and where the rest begins."""
    flags: str  # flag names in force after them (global ones included), as inline letters
    end: int  # offset of the first token after them (and after the white space and comments among them)


def leading_flags(source: str) -> Lead:
    """The one definition of a pattern's leading flags: the inline flag groups
    ("(?i)", "(?x)", "(?i)(?s)", …) that open it, before anything else.

    >>> leading_flags("(?i) (?x) ^a")
    Lead(flags='i', end=4)
    >>> leading_flags("(?x) (?i) ^a")
    Lead(flags='ix', end=10)
    """
    return lead_of(tokens(source))


def lead_of(found: Sequence[Token]) -> Lead:
    """`leading_flags` of a pattern's tokens."""
    flags: frozenset[str] = found[0].flags if found else frozenset()
    for token in found:
        if not isinstance(token, (InlineFlags, Space, Comment)):
            return Lead(flag_letters(token.flags), token.start)
        if isinstance(token, InlineFlags):
            flags = (flags | frozenset(token.on)) - frozenset(token.off)
    return Lead(flag_letters(flags), found[-1].start + len(found[-1].text) if found else 0)
