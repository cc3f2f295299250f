"""Facts read from a rule pattern's source: what its matches must start with or contain, and what it costs to compile.

Cheap facts about a pattern's matches, for skipping lines.

Two facts, both safe to get wrong in one direction only (None = no filter):

- `first_chars`: which ASCII characters a match can start with. Most line
  rules start with a word or a class ("(?i)^(?:leave a reply|…)", "^\\d…"), so
  most lines cannot match them by their first character alone.
- `required_literals`: runs of literal characters every match contains
  ("contributed" in "… contributed reporting"). A document without the
  longest cannot hold a match at all, a line without any of them cannot
  match, and looking for a literal is far cheaper than trying the pattern.

See `cleaner.ruleset.scan` for how they are used.

The analysis walks the pattern's leading items: an item that can match
nothing (a lookaround, an anchor, an optional atom) lets the next item's
characters in too. Each single-character atom (a literal, an escape, a
class) is compiled on its own with the flags in force and tried on every
ASCII character, so classes, properties and case folding mean exactly what
the regex module makes of them. Anything not understood (a subroutine call, a
back reference, a conditional, a flag switched mid-pattern) gives up with
None: no filter, which is always safe. Non-ASCII first characters are never
filtered.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

import regex

_ASCII = "".join(chr(i) for i in range(128))
_QUANTIFIER = regex.compile(r"(?:[*+?]|\{(\d*)(?:,(\d*))?\})[?+]?")
_ESCAPE = regex.compile(r"\\(?:[pPN]\{[^}]*\}|[pP]\w|x\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", regex.DOTALL)
_ZERO_WIDTH_ESCAPES = frozenset("bBmMyY")
_GIVE_UP_ESCAPES = frozenset("AZzGKXLgRk0123456789")
_GROUP_OPENING = regex.compile(r"\(\?(?:P?<(?![=!])[^>]*>|'[^']*'|[:|>]|([a-zA-Z]*)(?:-([a-zA-Z]+))?:)|\(")


_LITERAL_ESCAPE = regex.compile(r"\\[^\w\s]|\\ ")
MIN_LITERAL = 3  # shorter runs ("by", "/") are everywhere and filter nothing


class _Unknown(Exception):
    """The pattern uses something this analysis does not follow."""


@dataclass(frozen=True)
class _First:
    chars: frozenset[str]
    nullable: bool  # the items so far can match the empty string


def first_chars(body: str, flags: str) -> frozenset[str] | None:
    """ASCII characters a match of `body` can start with, under inline `flags`; None when unknown."""
    try:
        parser = _Parser(body, verbose="x" in flags)
        first = parser.alternation(frozenset(flags) - {"x"})
    except (_Unknown, regex.error, IndexError, ValueError):
        return None
    return None if first.nullable else first.chars


def required_literal(body: str, flags: str) -> str | None:
    """The longest run of literal characters (at least MIN_LITERAL) at the top level of
    `body`, outside groups, that every match must contain; None when there is none."""
    runs = required_literals(body, flags)
    best = max(runs, key=len, default="")
    return best if len(best) >= MIN_LITERAL else None


def required_literals(body: str, flags: str) -> tuple[str, ...]:
    """Every run of literal characters at the top level of `body`, outside groups: each
    one is in every match. Empty when there are none or the analysis gives up."""
    parser = _Parser(body, "x" in flags)
    runs, run = [], ""
    try:
        while parser._peek() not in ("", "|", ")"):
            char = parser.literal_char()
            optional = parser.quantified()
            if char is None or optional is not None:
                if char is not None and optional is False:
                    run += char  # "c+": at least one c here, but the run stops after it
                runs.append(run)
                run = ""
            else:
                run += char
    except (_Unknown, regex.error, IndexError, ValueError):
        return ()
    if parser._peek() == "|":
        return ()  # an alternation at the top: no literal is required
    return tuple(dict.fromkeys(r for r in (*runs, run) if r))


def literal_prefixes(body: str, flags: str) -> tuple[str, ...] | None:
    """Case-folded literal strings, one of which the case-folded text of every match
    starts with ("(?i)(?:leave a|post a) comment" gives "leave a comment", "post a
    comment"); None when some match may start otherwise."""
    try:
        found, _ = _Parser(body, "x" in flags).prefix_branches()
    except (_Unknown, regex.error, IndexError, ValueError):
        return None
    if not found or "" in found:
        return None
    return tuple(sorted({p.casefold() for p in found}))


MAX_PREFIXES = 64  # past this many alternatives the prefixes stop growing
_ZERO_WIDTH_OPENINGS = ("(?=", "(?!", "(?<=", "(?<!", "(?(DEFINE)", "(?#")


class _Parser:
    def __init__(self, source: str, verbose: bool):
        self.source, self.pos, self.verbose = source, 0, verbose

    def prefix_sequence(self, current: set[str] | None = None) -> tuple[set[str], bool]:
        """Literal prefixes of this sequence's matches (after `current`), and whether they
        span the whole sequence."""
        current = {""} if current is None else current
        while self._peek() not in ("", "|", ")"):
            source, start = self.source, self.pos
            if source.startswith(_ZERO_WIDTH_OPENINGS, start) or source[start] == "^" or (
                    source[start] == "\\" and source[start + 1:start + 2] in _ZERO_WIDTH_ESCAPES):
                self.atom(frozenset())  # zero-width: no characters, keep going
                continue
            found, whole, quantifier = self._prefix_item()
            if found is None:
                self._skip_rest()
                return current, False
            extended = {p + f for p in current for f in found}
            if len(extended) > MAX_PREFIXES:
                self._skip_rest()
                return current, False
            if quantifier is True:  # optional: the matches that skip it, and those that do not
                skipped, _ = self.prefix_sequence(current)
                return extended | skipped, False
            if quantifier is False or not whole:  # "x+" or a group ending in the unknown
                self._skip_rest()
                return extended, False
            current = extended
        return current, True

    def _prefix_item(self) -> tuple[set[str] | None, bool, bool | None]:
        """(prefixes of one item, whether they are the whole item, its quantifier) -- see `quantified`."""
        if self.source[self.pos] != "(":
            char = self.literal_char()
            return (None if char is None else {char}), True, self.quantified()
        opening = _GROUP_OPENING.match(self.source, self.pos)
        if opening is None or (opening.group() == "(" and self.source.startswith("(?", self.pos)):
            raise _Unknown("group")
        self.pos = opening.end()
        branches, complete = self.prefix_branches()
        if self._peek() != ")":
            raise _Unknown("unbalanced group")
        self.pos += 1
        return branches, complete, self.quantified()

    def prefix_branches(self) -> tuple[set[str], bool]:
        """The prefixes of every branch up to a ")" or the end, together."""
        branches, complete = set(), True
        while True:
            found, whole = self.prefix_sequence()
            branches |= found
            complete = complete and whole
            if self._peek() != "|":
                return branches, complete
            self.pos += 1

    def alternation(self, flags: frozenset[str]) -> _First:
        """Branches up to a ")" or the end: the union of their first characters."""
        chars: set[str] = set()
        nullable = False
        while True:
            branch = self.sequence(flags)
            chars |= branch.chars
            nullable = nullable or branch.nullable
            if self._peek() != "|":
                return _First(frozenset(chars), nullable)
            self.pos += 1

    def sequence(self, flags: frozenset[str]) -> _First:
        chars: set[str] = set()
        while self._peek() not in ("", "|", ")"):
            item = self.item(flags)
            chars |= item.chars
            if not item.nullable:
                self._skip_rest()
                return _First(frozenset(chars), False)
        return _First(frozenset(chars), True)

    def item(self, flags: frozenset[str]) -> _First:
        atom = self.atom(flags)
        self._peek()  # in verbose mode "a *" is "a*"
        quantifier = _QUANTIFIER.match(self.source, self.pos)
        if quantifier is None:
            return atom
        self.pos = quantifier.end()
        text = quantifier.group()
        optional = text[0] in "*?" or (text[0] == "{" and int(quantifier.group(1) or 0) == 0)
        return _First(atom.chars, atom.nullable or optional)

    def atom(self, flags: frozenset[str]) -> _First:
        char = self.source[self.pos]
        if char == "(":
            return self.group(flags)
        if char in "^$":
            self.pos += 1
            return _First(frozenset(), True)
        if char == "\\":
            escape = _ESCAPE.match(self.source, self.pos)
            if escape is None:
                raise _Unknown("a lone backslash")
            token = escape.group()
            if token[1] in _GIVE_UP_ESCAPES:
                raise _Unknown(token)
            self.pos += len(token)
            if token[1] in _ZERO_WIDTH_ESCAPES:
                return _First(frozenset(), True)
            return _First(_single(token, flags), False)
        if char == "[":
            end = class_end(self.source, self.pos)
            token = self.source[self.pos:end + 1]
            self.pos = end + 1
            return _First(_single(token, flags), False)
        if char in "*+?":
            raise _Unknown(char)
        self.pos += 1
        return _First(_single("." if char == "." else regex.escape(char), flags), False)

    def group(self, flags: frozenset[str]) -> _First:
        source, start = self.source, self.pos
        if source.startswith("(?#", start):
            self.pos = source.index(")", start) + 1
            return _First(frozenset(), True)
        if source.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?(DEFINE)"), start):
            self.pos = group_end(source, start, self.verbose) + 1
            return _First(frozenset(), True)  # matches nothing; ignoring what it demands is safe
        opening = _GROUP_OPENING.match(source, start)
        if opening is None or (opening.group() == "(" and source.startswith("(?", start)):
            raise _Unknown(source[start:start + 4])  # a call, back reference, condition, ...
        inner = flags | frozenset(opening.group(1) or "") - frozenset(opening.group(2) or "")
        if "x" in inner - flags or "x" in frozenset(opening.group(2) or ""):
            raise _Unknown("verbose mode switched inside the pattern")
        self.pos = opening.end()
        first = self.alternation(frozenset(inner) - {"x"})
        if self._peek() != ")":
            raise _Unknown("unbalanced group")
        self.pos += 1
        return first

    def literal_char(self) -> str | None:
        """The next item's character if it is a plain literal; otherwise skip the item and return None."""
        source, start = self.source, self.pos
        char = source[start]
        escape = _LITERAL_ESCAPE.match(source, start)
        if escape is not None:
            self.pos = escape.end()
            return escape.group()[1]
        if char not in "\\[(.^$|)*+?{":
            self.pos += 1
            return char
        if char == "(":
            self.pos = group_end(source, start, self.verbose) + 1
        else:
            self.atom(frozenset())
        return None

    def quantified(self) -> bool | None:
        """Skip a quantifier after an item: None if there is none, True if it allows zero."""
        self._peek()
        quantifier = _QUANTIFIER.match(self.source, self.pos)
        if quantifier is None:
            return None
        self.pos = quantifier.end()
        text = quantifier.group()
        return text[0] in "*?" or (text[0] == "{" and int(quantifier.group(1) or 0) == 0)

    def _skip_rest(self) -> None:
        """Move past the rest of this sequence (up to its "|" or ")")."""
        depth = 0
        while self.pos < len(self.source):
            char = self.source[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            if char == "[":
                self.pos = class_end(self.source, self.pos)
            elif char == "#" and self.verbose:
                newline = self.source.find("\n", self.pos)
                self.pos = len(self.source) if newline < 0 else newline
            elif char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    return
                depth -= 1
            elif char == "|" and depth == 0:
                return
            self.pos += 1

    def _peek(self) -> str:
        if self.verbose:
            while self.pos < len(self.source):
                if self.source[self.pos].isspace():
                    self.pos += 1
                elif self.source[self.pos] == "#":
                    newline = self.source.find("\n", self.pos)
                    self.pos = len(self.source) if newline < 0 else newline
                else:
                    break
        return self.source[self.pos:self.pos + 1]


def has_top_level_bar(source: str, verbose: bool) -> bool:
    """Whether `source` is an alternation at its top level (outside groups and classes)."""
    depth, i, n = 0, 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = class_end(source, i)
        elif char == "#" and verbose:
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


def _single(token: str, flags: frozenset[str]) -> frozenset[str]:
    """The ASCII characters that can begin a match of one single-character atom."""
    prefix = f"(?{''.join(sorted(flags))})" if flags else ""
    pattern = regex.compile(prefix + token)
    return frozenset(match.group()[0] for match in pattern.finditer(_ASCII) if match.group())


def class_end(source: str, start: int) -> int:
    """Index of the "]" closing the character class opened at `start` (V0 syntax)."""
    i = start + 1
    if source[i:i + 1] == "^":
        i += 1
    if source[i:i + 1] == "]":  # a leading "]" is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i


def group_end(source: str, start: int, verbose: bool) -> int:
    """Index of the ")" closing the group opened at `start`."""
    depth, i = 0, start
    while True:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = class_end(source, i)
        elif char == "#" and verbose:
            i = source.index("\n", i)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1


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

# A counted repeat: {m}, {m,}, {,n}, {m,n}; only the minimum m is copied.
_COUNT = re.compile(r"\{(\d*)(?:,(\d*))?\}")
# What opens a group: a plain "(", or "(?" with a group kind, name, or inline flags.
# Inline flags alone "(?i)", a comment "(?#...)" and "(?P=name)" open nothing.
_OPEN = re.compile(r"\((?:\?(?:[:=!>|]|<[=!]|P?<\w+>|'\w+'|P=\w+\)|#[^)]*\)|[a-zA-Z^-]*[:)]))?")
# Escapes that take a braced argument: \p{L}, \N{name}, \x{263a}.
_BRACED_ESCAPE = re.compile(r"\\[pPNx]\{[^}]*\}|\\.", re.DOTALL)


def compiled_nodes(pattern: str) -> int:
    """An estimate of how many nodes the compiled `pattern` has (repeats counted as copies).

    >>> compiled_nodes(r"^\\d{1,3} views$")
    9
    >>> compiled_nodes(r"(?:ab{10}){100}")
    1100
    """
    # Each frame is [sum of finished items and alternatives, size of the last item].
    frames: list[list[int]] = [[0, 0]]
    i = 0
    while i < len(pattern):
        char, frame = pattern[i], frames[-1]
        count = _COUNT.match(pattern, i) if char == "{" else None
        if count and (count.group(1) or count.group(2)):
            frame[1] *= max(1, int(count.group(1) or 0))
            i = count.end()
            continue
        if char == "(":
            opener = _OPEN.match(pattern, i)
            i = opener.end()
            if not opener.group().endswith(")"):
                frames.append([0, 0])
            continue
        elif char == ")" and len(frames) > 1:
            total, last = frames.pop()
            _add_item(frames[-1], total + last)
        elif char == "|":
            frame[0], frame[1] = frame[0] + frame[1], 0
        elif char in "*+?":
            pass  # an open repeat is one loop node, not copies
        else:
            _add_item(frame, 1)
            i = _atom_end(pattern, i)
            continue
        i += 1
    total, last = frames[0]
    return total + last


def _add_item(frame: list[int], size: int) -> None:
    frame[0] += frame[1]
    frame[1] = size


def _atom_end(pattern: str, i: int) -> int:
    """Where the atom starting at `i` ends: an escape, a character class, or one character."""
    if pattern[i] == "\\":
        match = _BRACED_ESCAPE.match(pattern, i)
        return match.end() if match else i + 1
    if pattern[i] == "[":
        return _class_end(pattern, i)
    return i + 1


def _class_end(pattern: str, i: int) -> int:
    """The end of the character class at `i` (nested sets, escapes, a leading ']')."""
    depth, j = 0, i
    while j < len(pattern):
        char = pattern[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            depth += 1
            j += 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):
                j += 1  # a ']' first in a class is literal
            continue
        if char == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(pattern)
