"""Line scanning: which lines of a document each line rule matches, one scan per rule, confirmed per line.

A line rule matches a line when ``rule.regex.search(line.strip())`` succeeds.
Asking that of every line and every rule costs a Python call and a regex
timeout set-up each (~2 µs), which made rule matching the bulk of cleaning.
Instead each line rule gets a *scanner* when its rule set is compiled: the same
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
and fuzzy matching break it, so a rule using any of them (read from its
tokens by `cleaner.ruleset.pattern.survives_context`) gets no scanner and is
searched line by line.

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
from functools import cached_property, partial
from typing import Any, Iterator, Mapping, Sequence

import regex

from .budget import RuleBudget, TimeLeft
from .model import Rule
from .pattern import fold, line_facts
from .re2set import PatternSet
from .tokens import flag_letters, flag_names

# Lines are scanned in chunks of about this many characters: each chunk scan is
# one search under the rule's timeout, so the timeout keeps meaning "per search"
# on long documents instead of "per document".
CHUNK_CHARS = 1 << 18

_SEPARATOR = "\n\x00_\n"


@dataclass(frozen=True)
class Scanner:
    """A line rule's pattern prepared for scanning a document's joined lines."""

    pattern: Any  # regex.Pattern, MULTILINE
    anchored: bool  # pattern is "\n" + the rule's "^…": a match starts at the newline before its line
    first: frozenset[str] | None = None  # ASCII characters a matching line can start with (None: any)
    literal: Any = None  # regex.Pattern of a literal every match contains, or None
    needles: tuple[str, ...] = ()  # literals a matching line contains (lower-cased if `fold`)
    fold: bool = False  # the needles ignore case: look for them in case-folded lines
    prefixes: tuple[str, ...] | None = None  # a matching line, case-folded, starts with one of these
    min_len: int = 0
    max_len: int | None = None  # from a leading length guard ^(?=.{m,n}$)


@dataclass(frozen=True)
class LineMatches:
    """Which lines each line rule matches (line indices, ascending), and the rules that timed out."""

    by_rule: dict[str, tuple[int, ...]]
    timed_out: tuple[str, ...] = ()

    def lines(self, rule: Rule) -> tuple[int, ...]:
        return self.by_rule.get(rule.qualified_id, ())


def compile_scanner(source: str) -> Scanner | None:
    """The scanner for a line rule's pattern (one the regex module compiles), or None
    when it must be searched line by line."""
    facts = line_facts(source)
    if not facts.survives_context:
        return None
    literal = _literal(facts.literal, facts.flags)
    if not facts.anchored:
        return Scanner(regex.compile(source, regex.MULTILINE), False, literal=literal)
    pattern = regex.compile(source[:facts.rest] + r"\n" + source[facts.rest:], regex.MULTILINE)
    return Scanner(pattern, True, facts.first, literal, *_needles(facts.literals, facts.flags), facts.prefixes,
                   facts.min_len, facts.max_len)


def _literal(literal: str | None, flags: str) -> Any:
    """A literal every match contains, compiled with the pattern's case flags."""
    if literal is None:
        return None
    case = flag_letters(flag_names(flags) - set("xms"))  # what decides how characters compare
    return regex.compile((f"(?{case})" if case else "") + regex.escape(literal))


def _needles(literals: tuple[str, ...], flags: str) -> tuple[tuple[str, ...], bool]:
    """The literals a matching line must contain, worth checking line by line.

    A single space or letter is in nearly every line; it filters nothing. With
    case-insensitive flags the (ASCII) needles are lower-cased and looked for in
    the folded line (`cleaner.ruleset.pattern.fold`): whatever the regex module
    takes for an ASCII letter under IGNORECASE (the letter in either case, KELVIN
    SIGN for k, LONG S for s, dotted and dotless I for i) folds to that letter.
    """
    folded = bool(flag_names(flags) & {"i", "f"})
    needles = tuple(n.lower() if folded else n for n in literals
                    if len(n.strip()) >= 2 or (len(n) == 1 and not n.isalnum() and not n.isspace()))
    if folded and not all(n.isascii() for n in needles):
        return (), False
    return needles, folded


# --------------------------------------------------------------------------- matching


def match_lines(stripped: Sequence[str], rules: Sequence[Rule], scanners: Mapping[str, Scanner | None],
                budget: RuleBudget, cap: float, line_set: PatternSet | None = None) -> LineMatches:
    """For each rule, the indices of the lines (given stripped) whose text it matches.

    Rules in `line_set` are tried only on the lines the set names for them
    (one RE2 pass per line for all of them, see `cleaner.re2filter`); the
    others are scanned as described above. Every search draws on the rule's
    time allowance in `budget`; one scan of joined lines is also capped at
    `cap` seconds before it is retried line by line.
    """
    lines = _Lines(tuple(stripped))
    by_rule: dict[str, tuple[int, ...]] = {}
    timed_out: list[str] = []
    candidates = line_set.matching_lines(lines.stripped) if line_set is not None else {}
    for rule in rules:
        if line_set is not None and line_set.covers(rule):
            chosen = candidates.get(rule.qualified_id)
            if chosen is None and not budget.is_exhausted(rule.qualified_id):
                by_rule[rule.qualified_id] = ()  # RE2 shows no line can match: no search, no time spent
                continue
            search = partial(_confirm, rule, lines.stripped, chosen or ())
        else:
            search = partial(_scan, rule, scanners.get(rule.qualified_id), lines, cap)
        try:
            by_rule[rule.qualified_id] = budget.run(rule.qualified_id, search)
        except TimeoutError:
            by_rule[rule.qualified_id] = ()
            timed_out.append(rule.qualified_id)
    return LineMatches(by_rule, tuple(timed_out))


def _confirm(rule: Rule, stripped: Sequence[str], candidates: Sequence[int], left: TimeLeft) -> tuple[int, ...]:
    return tuple(_search_each(rule, stripped, candidates, left))


def _scan(rule: Rule, scanner: Scanner | None, lines: "_Lines", cap: float, left: TimeLeft) -> tuple[int, ...]:
    return tuple(_rule_lines(rule, scanner, lines, left, cap))


def _rule_lines(rule: Rule, scanner: Scanner | None, lines: "_Lines", left: TimeLeft, cap: float) -> Iterator[int]:
    if scanner is None:
        yield from _search_each(rule, lines.stripped, range(len(lines.stripped)), left)
        return
    literal = scanner.literal
    if literal is not None and literal.search(lines.grouped.text, timeout=left()) is None:
        return  # a literal every match needs is nowhere in the document
    joined, ranges = lines.ranges_for(scanner)
    found: list[int] = []
    for lo, hi in ranges:
        for start, end in joined.pieces(lo, hi):
            try:
                candidates = list(joined.scan(scanner, start, end, min(cap, left())))
            except TimeoutError:
                left()  # out of allowance: stop here; else slow here: ask line by line
                candidates = list(joined.indices[start:end])
            found.extend(_search_each(rule, lines.stripped, candidates, left))
    yield from sorted(found)


@dataclass(frozen=True)
class _Lines:
    """A document's stripped lines, joined for scanning with lines of one first character together."""

    stripped: tuple[str, ...]

    def ranges_for(self, scanner: Scanner) -> tuple["_Joined", list[tuple[int, int]]]:
        """The joined lines a scanner must see and the ranges of them to scan.

        An anchored scanner with a first-character set sees only the groups of
        lines starting with those characters (and with non-ASCII ones). Literal
        prefixes, a length guard or required literals narrow that down further,
        line by line, to lines joined for this rule alone.
        """
        grouped, firsts = self.grouped, self.sorted_firsts
        if scanner.first is None or not scanner.anchored:
            ranges = [(0, len(firsts))]
        else:
            keys = sorted(scanner.first)
            spans = [(bisect.bisect_left(firsts, c), bisect.bisect_right(firsts, c)) for c in keys]
            spans.append((bisect.bisect_left(firsts, "\x80"), len(firsts)))  # non-ASCII: never filtered
            ranges = _merge([(lo, hi) for lo, hi in spans if lo < hi])
        if not (scanner.min_len or scanner.max_len is not None or scanner.needles or scanner.prefixes):
            return grouped, ranges
        chosen = sorted(filter(self._line_filter(scanner), (i for lo, hi in ranges for i in grouped.indices[lo:hi])))
        return _Joined.of(self.stripped, chosen), [(0, len(chosen))]

    def _line_filter(self, scanner: Scanner):
        low, high = scanner.min_len, scanner.max_len
        lengths, needles, prefixes = self.lengths, scanner.needles, scanner.prefixes or ("",)
        texts, folded = (self.folded if scanner.fold else self.stripped), self.folded

        def keep(i: int) -> bool:
            if not (low <= lengths[i] and (high is None or lengths[i] <= high)):
                return False
            text = texts[i]
            return folded[i].startswith(prefixes) and all(n in text for n in needles)

        return keep

    @cached_property
    def folded(self) -> list[str]:
        return [fold(text) for text in self.stripped]

    @cached_property
    def grouped(self) -> "_Joined":
        """The non-blank lines ordered by first character (ASCII ones first, then the rest)."""
        firsts = self.firsts
        order = sorted(itertools.compress(range(len(firsts)), firsts), key=firsts.__getitem__)
        return _Joined.of(self.stripped, order)

    @cached_property
    def firsts(self) -> list[str]:
        return list(map(operator.itemgetter(slice(0, 1)), self.stripped))

    @cached_property
    def sorted_firsts(self) -> list[str]:
        """First character of each line of `grouped`, in its order (sorted)."""
        return list(_gather(self.firsts, self.grouped.indices))

    @cached_property
    def lengths(self) -> list[int]:
        return list(map(len, self.stripped))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if merged and merged[-1][1] == lo:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def _search_each(rule: Rule, stripped: Sequence[str], indices: Sequence[int], left: TimeLeft) -> Iterator[int]:
    search = rule.regex.search
    for i in indices:
        text = stripped[i]
        if text and search(text, timeout=left()) is not None:
            yield i


@dataclass(frozen=True)
class _Joined:
    """Lines joined as "\n" + line + SEPARATOR + line …, with where each line starts and ends."""

    text: str
    starts: list[int]
    ends: list[int]
    indices: Sequence[int]  # document line index of each joined line

    @classmethod
    def of(cls, stripped: Sequence[str], indices: Sequence[int]) -> "_Joined":
        texts = _gather(stripped, indices)
        step = len(_SEPARATOR)
        starts = list(itertools.accumulate(map(operator.add, map(len, texts[:-1]), itertools.repeat(step)),
                                           initial=1))
        ends = list(map(operator.add, starts, map(len, texts)))
        return cls("\n" + _SEPARATOR.join(texts), starts, ends, indices)

    def pieces(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """Split the lines [lo, hi) into runs of about CHUNK_CHARS characters (one search each)."""
        while lo < hi:
            last = max(lo + 1, min(hi, bisect.bisect_left(self.ends, self.starts[lo] + CHUNK_CHARS, lo, hi)))
            yield lo, last
            lo = last

    def scan(self, scanner: Scanner, lo: int, hi: int, timeout: float) -> Iterator[int]:
        """Document indices of the lines [lo, hi) where the scanner finds a match (each line once)."""
        text, starts, search = self.text, self.starts, scanner.pattern.search
        shift = 1 if scanner.anchored else 0  # an anchored match starts at the newline before its line
        pos, endpos = starts[lo] - shift, self.ends[hi - 1]
        while True:
            match = search(text, pos, endpos, timeout=timeout)
            if match is None:
                return
            k = max(lo, bisect.bisect_right(starts, match.start() + shift, lo, hi) - 1)
            yield self.indices[k]
            if k + 1 >= hi:
                return
            pos = starts[k + 1] - shift


def _gather(items: Sequence[str], indices: Sequence[int]) -> tuple[str, ...]:
    """`tuple(items[i] for i in indices)`, at C speed."""
    if len(indices) == 1:
        return (items[indices[0]],)
    return operator.itemgetter(*indices)(items) if indices else ()
