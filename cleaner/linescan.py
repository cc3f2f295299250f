"""Line-rule matching for a whole document: one scan per rule, confirmed per line.

A line rule matches a line when ``rule.regex.search(line.strip())`` succeeds.
Asking that of every line and every rule costs a Python call and a regex
timeout set-up each (~2 µs), which made rule matching the bulk of cleaning.
Instead each line rule gets a *scanner* when its file is loaded: the same
pattern compiled in MULTILINE mode and searched, with one call per chunk of
the document, over the stripped lines joined by newlines. Every line the
rule matches is found by its scanner — the stripped line is a substring of
the scanned text, with ``^``/``$`` matching at its ends exactly as they do
in the line alone — and a few more may be (a match can run across a line
break, a lookbehind can see the previous line), so each line a scanner
reports is confirmed with ``rule.regex`` on that line alone. The result is
the per-line answer, computed with a handful of calls.

That argument holds when adding text around a line can only add matches,
never remove one. Negative lookarounds, atomic groups, possessive
quantifiers, ``\\A``/``\\Z``/``\\G``/``\\K``, lookaround conditions, reverse
and fuzzy matching break it, so a rule using any of them (as far as a plain
look at its source can tell) gets no scanner and is searched line by line.

Two cheap refinements keep scans short: a pattern anchored at the line start
(``^…`` with no top-level ``|``) is searched as ``\\n^…``, so the engine jumps
from newline to newline instead of trying every character; and a leading
length guard ``^(?=.{m,n}$)`` restricts the scan to lines of that length.

A rule whose scan or line search exceeds the timeout is skipped for the
document, as before: a chunk scan that times out falls back to line-by-line
searches with the same per-search timeout, so only a pattern that is slow on
one line is skipped.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import regex

from .prefilter import first_chars, required_literal

if TYPE_CHECKING:
    from .ruleset import Rule

# Lines are scanned in chunks of about this many characters: each chunk scan is
# one search under the rule's timeout, so the timeout keeps meaning "per search"
# on long documents instead of "per document".
CHUNK_CHARS = 1 << 18

# Constructs under which a match in the line alone may fail to be a match in the
# joined text (see the module docstring). Matching the raw source is cautious:
# an escaped look-alike only costs the rule its scanner.
_UNSAFE = regex.compile(
    r"\(\?<?!"  # negative lookahead / lookbehind
    r"|\(\?>"  # atomic group
    r"|[*+?}]\+"  # possessive quantifier
    r"|\\[AZzGK]"  # string anchors, \G, \K
    r"|\(\?\(\?"  # condition on a lookaround
    r"|\(\?[a-zA-Z]*r"  # reverse matching
    r"|\{[eids][^}]*[<=>]"  # fuzzy matching
)
_SEPARATOR = "\n\x00_\n"
_LEADING_FLAGS = regex.compile(r"(?:\(\?([a-zA-Z]+)\))*")
_FLAG_LETTERS = regex.compile(r"\(\?([a-zA-Z]+)\)")
_LENGTH_GUARD = regex.compile(r"\(\?=\.\{(\d*)(?:(,)(\d*))?\}\$\)")
_VERBOSE_SPACE = regex.compile(r"(?:\s|#[^\n]*)*")


@dataclass(frozen=True)
class Scanner:
    """A line rule's pattern prepared for scanning a document's joined lines."""

    pattern: Any  # regex.Pattern, MULTILINE
    anchored: bool  # pattern is "\n" + the rule's "^…": a match starts at the newline before its line
    first: frozenset[str] | None = None  # ASCII characters a matching line can start with (None: any)
    literal: Any = None  # regex.Pattern of a literal every match contains, or None
    min_len: int = 0
    max_len: int | None = None  # from a leading length guard ^(?=.{m,n}$)


@dataclass(frozen=True)
class LineMatches:
    """Which lines each line rule matches (line indices, ascending), and the rules that timed out."""

    by_rule: dict[str, tuple[int, ...]]
    timed_out: tuple[str, ...] = ()

    def lines(self, rule: "Rule") -> tuple[int, ...]:
        return self.by_rule.get(rule.qualified_id, ())


def compile_scanner(source: str) -> Scanner | None:
    """The scanner for a line rule's pattern, or None when it must be searched line by line."""
    if _UNSAFE.search(source):
        return None
    head = _LEADING_FLAGS.match(source)
    flags = "".join(_FLAG_LETTERS.findall(head.group()))
    rest = source[head.end():]
    if "x" in flags:
        rest = rest[_VERBOSE_SPACE.match(rest).end():]
    try:
        if rest.startswith("^") and "V1" not in source and not _has_top_level_bar(rest, "x" in flags):
            min_len, max_len = _length_guard(rest[1:], flags)
            pattern = regex.compile(head.group() + r"\n" + rest, regex.MULTILINE)
            return Scanner(pattern, True, first_chars(rest[1:], flags), _literal(rest, flags), min_len, max_len)
        return Scanner(regex.compile(source, regex.MULTILINE), False, literal=_literal(rest, flags))
    except regex.error:
        return None


def _literal(body: str, flags: str) -> Any:
    """The required literal of a pattern body, compiled with the pattern's case flags."""
    literal = required_literal(body, flags)
    if literal is None:
        return None
    case = "".join(sorted(set(flags) - set("xms")))  # what decides how characters compare
    return regex.compile((f"(?{case})" if case else "") + regex.escape(literal))


def _length_guard(after_caret: str, flags: str) -> tuple[int, int | None]:
    """(m, n) of a leading "(?=.{m,n}$)": the stripped line's length must lie in [m, n]."""
    if "w" in flags:  # WORD mode: "$" also matches before Unicode line separators
        return 0, None
    text = after_caret[_VERBOSE_SPACE.match(after_caret).end():] if "x" in flags else after_caret
    guard = _LENGTH_GUARD.match(text)
    if guard is None:
        return 0, None
    low, comma, high = guard.groups()
    if not low and not comma:
        return 0, None  # ".{}" is not a repeat at all
    min_len = int(low or 0)
    max_len = (int(high) if high else None) if comma else min_len
    return min_len, max_len


def _has_top_level_bar(source: str, verbose: bool) -> bool:
    """Whether `source` is an alternation at its top level (outside groups and classes)."""
    depth, i, n = 0, 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(source, i)
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


def _class_end(source: str, start: int) -> int:
    """Index of the "]" closing the character class opened at `start` (V0 syntax)."""
    i = start + 1
    if source[i:i + 1] == "^":
        i += 1
    if source[i:i + 1] == "]":  # a leading "]" is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i


# --------------------------------------------------------------------------- matching


def match_lines(stripped: Sequence[str], rules: Sequence["Rule"], timeout: float) -> LineMatches:
    """For each rule, the indices of the lines (given stripped) whose text it matches."""
    lines = _Lines(tuple(stripped))
    by_rule: dict[str, tuple[int, ...]] = {}
    timed_out: list[str] = []
    for rule in rules:
        try:
            by_rule[rule.qualified_id] = tuple(_rule_lines(rule, lines, timeout))
        except TimeoutError:
            by_rule[rule.qualified_id] = ()
            timed_out.append(rule.qualified_id)
    return LineMatches(by_rule, tuple(timed_out))


def _rule_lines(rule: "Rule", lines: "_Lines", timeout: float) -> Iterator[int]:
    scanner = rule.scanner
    if scanner is None:
        yield from _search_each(rule, lines.stripped, range(len(lines.stripped)), timeout)
        return
    literal = scanner.literal
    if literal is not None and not any(literal.search(c.text, timeout=timeout) for c in lines.all_chunks):
        return  # a literal every match needs is nowhere in the document
    for chunk in lines.chunks_for(scanner):
        try:
            candidates = list(chunk.scan(scanner, timeout))
        except TimeoutError:
            candidates = chunk.indices  # slow on this chunk: ask line by line
        yield from _search_each(rule, lines.stripped, candidates, timeout)


@dataclass(frozen=True)
class _Lines:
    """A document's stripped lines, indexed by first character, joined for scanning."""

    stripped: tuple[str, ...]

    def chunks_for(self, scanner: Scanner) -> tuple["_Chunk", ...]:
        """The lines a scanner must see (first character, length guard), joined in chunks."""
        if scanner.first is None or not scanner.anchored:
            chosen: Sequence[int] | None = None
        else:
            groups = self.by_first
            chosen = sorted(itertools.chain(self.non_ascii_first, *(groups.get(c, ()) for c in scanner.first)))
        if scanner.min_len or scanner.max_len is not None:
            lengths = self.lengths
            low, high = scanner.min_len, scanner.max_len if scanner.max_len is not None else max(lengths)
            chosen = [i for i in (range(len(lengths)) if chosen is None else chosen) if low <= lengths[i] <= high]
        return self.all_chunks if chosen is None else tuple(_chunks(self.stripped, chosen))

    @cached_property
    def all_chunks(self) -> tuple["_Chunk", ...]:
        return tuple(_chunks(self.stripped, range(len(self.stripped))))

    @cached_property
    def lengths(self) -> list[int]:
        return list(map(len, self.stripped))

    @cached_property
    def by_first(self) -> dict[str, list[int]]:
        """Non-blank lines by their first character."""
        groups: dict[str, list[int]] = {}
        for index, text in enumerate(self.stripped):
            if text:
                groups.setdefault(text[0], []).append(index)
        return groups

    @cached_property
    def non_ascii_first(self) -> list[int]:
        """Lines starting with a non-ASCII character: no first-character filter applies to them."""
        return [i for char, group in self.by_first.items() if not char.isascii() for i in group]


def _search_each(rule: "Rule", stripped: Sequence[str], indices: Sequence[int], timeout: float) -> Iterator[int]:
    search = rule.regex.search
    for i in indices:
        text = stripped[i]
        if text and search(text, timeout=timeout) is not None:
            yield i


@dataclass(frozen=True)
class _Chunk:
    """Some lines joined as "\\n" + line + "\\n" + line …, with where each line starts."""

    text: str
    starts: list[int]
    indices: Sequence[int]  # document line index of each joined line

    def scan(self, scanner: Scanner, timeout: float) -> Iterator[int]:
        """Document indices of the lines where the scanner finds a match (each line once)."""
        text, starts, search = self.text, self.starts, scanner.pattern.search
        shift = 1 if scanner.anchored else 0  # an anchored match starts at the newline before its line
        pos = 0
        while True:
            match = search(text, pos, timeout=timeout)
            if match is None:
                return
            k = max(0, bisect.bisect_right(starts, match.start() + shift) - 1)
            yield self.indices[k]
            if k + 1 >= len(starts):
                return
            pos = starts[k + 1] - shift


def _chunks(stripped: Sequence[str], indices: Sequence[int]) -> Iterator[_Chunk]:
    """Runs of the given lines joined into texts of about CHUNK_CHARS characters."""
    texts = _gather(stripped, indices)
    step = len(_SEPARATOR)
    ends = list(itertools.accumulate(map(operator.add, map(len, texts), itertools.repeat(step))))
    first = 0
    while first < len(texts):
        base = ends[first - 1] if first else 0
        last = max(first + 1, bisect.bisect_left(ends, base + CHUNK_CHARS))
        part = texts[first:last]
        starts = list(itertools.accumulate(map(operator.add, map(len, part[:-1]), itertools.repeat(step)), initial=1))
        yield _Chunk("\n" + _SEPARATOR.join(part), starts, indices[first:last])
        first = last


def _gather(items: Sequence[str], indices: Sequence[int]) -> tuple[str, ...]:
    """`tuple(items[i] for i in indices)`, at C speed."""
    if isinstance(indices, range) and indices.step == 1:
        return tuple(items[indices.start:indices.stop])
    if len(indices) == 1:
        return (items[indices[0]],)
    return operator.itemgetter(*indices)(items) if indices else ()
