"""The ledger: edits over the source text, and the only place that does offset arithmetic.

Stages never change text. They propose `Edit`s on spans of `Document.text`;
`resolve` settles conflicts between them and `apply` renders the output.

Overlap policy (`resolve`):

1. A removal swallows every fix that lies inside it or overlaps it: the fix
   is superseded by the removal.
2. Between two removals that overlap, the one proposed first (earlier stage,
   then earlier in that stage's output) wins; the other is superseded.
3. Between two fixes that overlap, the one proposed first wins.
4. Nothing is dropped silently: every superseded edit is returned with the
   edit that beat it (of several, the earliest in the text; on the same
   span, the first accepted), and the report lists them.

Rules that would remove the same line never reach this policy as rivals: the
rules stage gives the line to the most specific rule (a site file's, then a
user's over a built-in one: `cleaner.stages.rules`) and yields each other
rule as `Superseded` by the edit that took the line, so its report lists them
beside the losers settled here. Proposal order is not precedence.

Zero-width edits (start == end) are insertions; they conflict only with an
edit that strictly contains their position.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Container, Iterable, Sequence

from .categories import FIX_CATEGORIES, Category


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `text[start:end]` with `replacement`. A removal has replacement ``""``."""

    start: int
    end: int
    replacement: str
    category: Category
    rule: str
    reason: str

    @property
    def is_removal(self) -> bool:
        return self.replacement == "" and self.category not in FIX_CATEGORIES

    def overlaps(self, other: "Edit") -> bool:
        if self.start == self.end or other.start == other.end:
            return _contains_point(self, other) or _contains_point(other, self)
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a stage wants the report to say that is not an edit (a skipped rule)."""

    stage: str
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class Suspect:
    """A token at `text[start:end]` that looks damaged but was not repaired: no
    single candidate was confident. `candidates` are the likeliest repairs, best first."""

    start: int
    end: int
    token: str
    rule: str
    candidates: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Superseded:
    """An edit that lost a conflict, and the edit that beat it."""

    edit: Edit
    by: Edit


@dataclass(frozen=True, slots=True)
class Resolution:
    """The edits that will be applied (sorted by offset) and the ones that lost."""

    applied: tuple[Edit, ...]
    superseded: tuple[Superseded, ...]


def _contains_point(span: Edit, point: Edit) -> bool:
    return point.start == point.end and span.start < point.start < span.end


def resolve(proposed: Sequence[Edit]) -> Resolution:
    """Settle overlaps among `proposed` (in proposal order) under the module's policy."""
    removals = [e for e in proposed if e.is_removal]
    fixes = [e for e in proposed if not e.is_removal]
    kept_removals, superseded = _first_wins(removals, [])
    kept_fixes, superseded = _first_wins(fixes, kept_removals, superseded)
    applied = sorted(kept_removals + kept_fixes, key=lambda e: (e.start, e.end))
    return Resolution(tuple(applied), tuple(superseded))


def _first_wins(
    candidates: Iterable[Edit], winners: list[Edit], superseded: list[Superseded] | None = None
) -> tuple[list[Edit], list[Superseded]]:
    """Accept candidates in order unless they overlap an already accepted edit.

    `winners` seeds the accepted set (removals, when placing fixes); an interval
    list kept sorted by start makes each overlap check O(log n).
    """
    superseded = [] if superseded is None else superseded
    index = _SpanIndex(winners)
    accepted: list[Edit] = []
    for edit in candidates:
        blocker = index.find_overlap(edit)
        if blocker is None:
            index.add(edit)
            accepted.append(edit)
        else:
            superseded.append(Superseded(edit, blocker))
    return accepted, superseded


_BLOCK = 256  # edits per block of the span index (a block splits at twice this)


class _SpanIndex:
    """Non-overlapping accepted edits sorted by start, for overlap look-ups.

    The sorted edits are kept in blocks of a few hundred: an insertion in the
    middle then moves one block, not the whole list, so resolving n edits that
    arrive out of order (a later pass, a later stage) stays O(n log n) instead of
    O(n^2) memory moves.
    """

    def __init__(self, edits: Iterable[Edit]):
        ordered = sorted(edits, key=_span_key)
        self._blocks = [ordered[i:i + _BLOCK] for i in range(0, len(ordered), _BLOCK)] or [[]]
        self._keys = [[_span_key(e) for e in block] for block in self._blocks]
        # First key of each block; block 0 takes everything before block 1.
        self._firsts = [(-1, -1)] + [keys[0] for keys in self._keys[1:]]

    def find_overlap(self, edit: Edit) -> Edit | None:
        last = self._blocks[-1][-1] if self._blocks[-1] else None
        if last is None or (edit.start >= last.end and _span_key(edit) >= _span_key(last)):
            return None  # after everything accepted so far: the common, in-order case
        # Accepted spans never overlap, so their ends are sorted like their
        # starts: walk back from the last one starting at or before edit.end
        # until the spans end before the candidate begins.
        # The earliest overlapping span is the one reported as the winner.
        found = None
        b = bisect.bisect_right(self._firsts, (edit.end, edit.end)) - 1
        i = bisect.bisect_right(self._keys[b], (edit.end, edit.end))
        while b >= 0:
            block = self._blocks[b]
            for j in range(i - 1, -1, -1):
                other = block[j]
                if other.overlaps(edit):
                    found = other
                elif other.end < edit.start:
                    return found
            b -= 1
            i = len(self._blocks[b]) if b >= 0 else 0
        return found

    def add(self, edit: Edit) -> None:
        key = _span_key(edit)
        b = bisect.bisect_right(self._firsts, key) - 1
        keys, block = self._keys[b], self._blocks[b]
        # After any accepted edit with the same span: of several that beat a
        # candidate, the one reported is the earliest in the text and, among
        # edits on one span, the first accepted (a removal before a fix).
        i = bisect.bisect_right(keys, key)
        keys.insert(i, key)
        block.insert(i, edit)
        if i == 0 and b > 0:
            self._firsts[b] = key
        if len(block) > 2 * _BLOCK:
            self._blocks[b + 1:b + 1] = [block[_BLOCK:]]
            self._keys[b + 1:b + 1] = [keys[_BLOCK:]]
            del block[_BLOCK:], keys[_BLOCK:]
            self._firsts.insert(b + 1, self._keys[b + 1][0])


def _span_key(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


class Coverage:
    """The union of some edits' spans, for "is this whole span covered?" look-ups."""

    def __init__(self, edits: Iterable[Edit]):
        merged: list[list[int]] = []
        for e in sorted(edits, key=lambda e: e.start):
            if merged and e.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e.end)
            else:
                merged.append([e.start, e.end])
        self._starts = [m[0] for m in merged]
        self._spans = merged

    def covers(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one covered run (an empty span never does)."""
        if start == end:
            return False
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._spans[i][1] >= end

    def spans_covered(self, starts: Sequence[int], ends: Sequence[int]) -> bytearray:
        """`covers` for many spans at once: a flag per span [starts[i], ends[i]).

        The spans must be sorted and must not overlap (a document's line spans),
        so the spans inside one run are a contiguous range found by bisection:
        the cost is linear in the covered spans, not runs x spans.
        """
        flags = bytearray(len(starts))
        for run_start, run_end in self._spans:
            first, last = bisect.bisect_left(starts, run_start), bisect.bisect_right(ends, run_end)
            if first < last:
                flags[first:last] = b"\x01" * (last - first)
        for i in (0, len(starts) - 1):  # only a first or last span can be empty
            if 0 <= i < len(starts) and starts[i] == ends[i]:
                flags[i] = 0
        return flags

    def overlaps(self, start: int, end: int) -> bool:
        """True when any covered run shares a character with [start, end)."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._spans[i][1] > start and start < end


def apply(text: str, edits: Sequence[Edit]) -> str:
    """Render `text` with non-overlapping `edits` applied (any order)."""
    parts: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at offset {edit.start}: resolve() them first")
        parts.append(text[cursor : edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)



@dataclass(frozen=True, slots=True)
class Rebased:
    """Fixes made first, and edits proposed on the fixed text, as one ledger over the text
    before the fixes: `edits` stand (not yet resolved against each other), `superseded` lost."""

    edits: tuple[Edit, ...]
    superseded: tuple[Superseded, ...]


class Rebase:
    """Edits proposed on a text with some fixes applied, moved back onto the text before them.

    Repairs run before the removal stages so that a removal pattern sees the
    repaired text (cleaning the output again then finds nothing more); the
    ledger stays over the unrepaired text. Who wins is decided on the fixed
    text, where it is plain: a removal that touches a fix's replacement
    swallows the fix (and takes in the characters it replaced); another fix
    that overlaps it loses to it.

    >>> fixes = [Edit(2, 4, "X", "token", "t", "")]                  # "abcdef" -> "abXef"
    >>> later = [Edit(3, 5, "", "boilerplate", "r", "")]              # "ef" of "abXef"
    >>> sorted((e.start, e.end, e.replacement) for e in Rebase(fixes).ledger(later).edits)
    [(2, 4, 'X'), (4, 6, '')]
    """

    def __init__(self, fixes: Sequence[Edit]):
        self._fixes = sorted(fixes, key=_span_key)  # resolved: they do not overlap
        self._at: list[int] = []  # where each fix's replacement begins in the fixed text ...
        self._to: list[int] = []  # ... and ends
        shift = 0
        for fix in self._fixes:
            self._at.append(fix.start + shift)
            self._to.append(fix.start + shift + len(fix.replacement))
            shift += len(fix.replacement) - (fix.end - fix.start)

    def ledger(self, later: Sequence[Edit]) -> Rebased:
        """The fixes and the `later` edits (on the fixed text) as edits on the old text."""
        swallowed: dict[int, Edit] = {}  # fix index -> the moved removal that swallows it
        edits: list[Edit] = []
        superseded: list[Superseded] = []
        for edit in later:
            touched = self._touched(edit)
            if edit.is_removal:
                # A fix two removals touch goes to the first; the second stops at its edge.
                own = [i for i in touched if i not in swallowed]
                moved = self._moved(edit, own, taken=swallowed)
                swallowed.update((i, moved) for i in own)
                edits.append(moved)
            elif touched:
                superseded.append(Superseded(self.edit(edit), self._fixes[touched[0]]))
            else:
                edits.append(self.edit(edit))
        for i, fix in enumerate(self._fixes):
            if i in swallowed:
                superseded.append(Superseded(fix, swallowed[i]))
            else:
                edits.append(fix)
        return Rebased(tuple(edits), tuple(superseded))

    def edit(self, edit: Edit) -> Edit:
        """`edit` moved onto the old text; inside a replacement its ends go to the fix's ends."""
        return self._moved(edit, [])

    def superseded(self, lost: Superseded) -> Superseded:
        return Superseded(self.edit(lost.edit), self.edit(lost.by))

    def suspect(self, suspect: Suspect) -> Suspect:
        moved = self.edit(Edit(suspect.start, suspect.end, suspect.token, "token", suspect.rule, suspect.reason))
        return replace(suspect, start=moved.start, end=moved.end)

    def _touched(self, edit: Edit) -> list[int]:
        """The fixes whose replacement `edit` overlaps; for a removal, also a deletion it borders."""
        first = bisect.bisect_left(self._to, edit.start)
        last = bisect.bisect_right(self._at, edit.end)
        touched = []
        for i in range(first, last):
            at, to = self._at[i], self._to[i]
            if at == to:  # a deletion: its characters sit at one point of the fixed text
                hit = edit.is_removal and edit.start <= at <= edit.end
            elif edit.start == edit.end:
                hit = at < edit.start < to
            else:
                hit = at < edit.end and edit.start < to
            if hit:
                touched.append(i)
        return touched

    def _moved(self, edit: Edit, swallowed: list[int], taken: Container[int] = ()) -> Edit:
        start = self._back(edit.start, start=True, taken=taken)
        end = self._back(edit.end, start=edit.start == edit.end, taken=taken)
        for i in swallowed:
            start, end = min(start, self._fixes[i].start), max(end, self._fixes[i].end)
        return Edit(start, end, edit.replacement, edit.category, edit.rule, edit.reason)

    def _back(self, offset: int, *, start: bool, taken: Container[int] = ()) -> int:
        """An offset of the fixed text in the old one. Inside a replacement, a start goes to
        the fix's start and an end to its end, or the other way round when the fix is `taken`."""
        i = bisect.bisect_right(self._to, offset) - 1  # the last fix whose replacement ends by `offset`
        inside = i + 1 < len(self._fixes) and self._at[i + 1] < offset
        if inside:  # strictly inside the next fix's replacement
            fix = self._fixes[i + 1]
            return fix.start if start != (i + 1 in taken) else fix.end
        if i < 0:
            return offset
        return self._fixes[i].end + offset - self._to[i]
