"""Rule matching: the removal rules of the rule files selected for the document.

Line rules (drop-line, drop-from, drop-until) match a line's stripped text;
span rules (drop-span) search the rule's zone of the whole text and may cross
lines. A region (drop-from / drop-until) is reported line by line: each line
in it carries the category of its own matching line rule when it has one,
else the region rule's category — so a footer dropped from "Source link" on
still says which lines were comment prompts and which were follower counters.

Zones are measured over the lines still alive, and matching repeats until a
pass removes nothing: once a header widget goes, the line under it is the new
head, exactly as it would be when cleaning the cleaned text again. The
repeats are cheap: which lines each line rule matches never changes, so it is
computed once per document (`Matching.line_matches`, see `cleaner.ruleset.scan`)
and a pass only looks up those lines against the zones of the moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from ..document import Document, Line, Zones
from ..edits import Coverage, Edit, Notice, Superseded
from ..ruleset.budget import TimeLeft
from ..ruleset.match import Matching
from ..ruleset.model import Rule
from ..ruleset.scan import LineMatches
from . import Context

T = TypeVar("T")


@dataclass
class _Pass:
    """The state of one document's matching: what is dropped, which rules ran out of time."""

    doc: Document
    rules: Matching
    matches: LineMatches
    edits: list[Edit] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    spans: dict[tuple[str, int, int], list] = field(default_factory=dict)  # span matches by zone range

    def __post_init__(self) -> None:
        for rule_id in self.matches.timed_out:
            self._note(rule_id)

    def is_skipped(self, rule: Rule) -> bool:
        return self.rules.budget.is_exhausted(rule.qualified_id)

    def run(self, rule: Rule, match_fn: Callable[[TimeLeft], T]) -> T | None:
        """Call `match_fn(time_left)` on the rule's budget; out of time, note it and skip the rule."""
        try:
            return self.rules.run(rule, match_fn)
        except TimeoutError:
            self._note(rule.qualified_id)
            return None

    def _note(self, rule_id: str) -> None:
        notice = Notice("rules", rule_id, self.rules.budget.message)
        if notice not in self.notices:
            self.notices.append(notice)


@dataclass(frozen=True)
class _Alive:
    """The content lines that survive the removals so far, and the zones over them."""

    lines: list[Line]
    flags: bytearray  # per document line: 1 when alive
    zones: Zones

    def in_zone(self, index: int, rule: Rule) -> bool:
        if not self.flags[index]:
            return False
        zones = self.zones
        if rule.zone == "head":
            return index < zones.head_end
        return index >= zones.tail_start if rule.zone == "tail" else True


@dataclass(frozen=True)
class RulesStage:
    """`max_passes` bounds the passes within one round (`Settings.max_rounds`)."""

    max_passes: int
    name: str = "rules"

    def propose(self, doc: Document, decided: Sequence[Edit],
                context: Context) -> Iterable[Edit | Notice | Superseded]:
        rules = context.rules
        prior = [e for e in decided if e.is_removal]
        # The removals this stage's passes last settled on (a pass on them found nothing
        # new). Given exactly them, the first pass would be that pass again: no edit, and
        # notices and losers already yielded. In the round after the one the rules'
        # removals start, that is what the rules get when no other stage removed anything.
        memo = context.memo(self.name)
        if memo.get("settled") == frozenset(prior):
            return
        removals = rules.rules("drop-line", "drop-from", "drop-until", "drop-span")
        state = _Pass(doc, rules, rules.line_matches())
        losers: list[Superseded] = []
        for _ in range(self.max_passes):
            gone = Coverage(prior + state.edits)
            new, lost = _one_pass(state, removals, _alive(doc, gone), gone)
            losers.extend(lost)
            if not new:
                memo["settled"] = frozenset(prior + state.edits)
                break
            state.edits.extend(new)
        yield from state.notices
        yield from state.edits
        yield from losers


def _alive(doc: Document, gone: Coverage) -> _Alive:
    removed = doc.removed_lines(gone)
    lines = [ln for ln in doc.content_lines if not removed[ln.index]]
    flags = bytearray(len(doc.lines))
    for line in lines:
        flags[line.index] = 1
    return _Alive(lines, flags, doc.zones(lines))


# At equal precedence a line goes to its own line rule, then to a region's, then to a span's.
_OWN, _REGION, _SPAN = 0, 1, 2

_Span = tuple[Rule, int, int]  # a span rule's match: the rule, start, end


@dataclass
class _Claims:
    """Every rule that would remove each line in one pass: line index -> rule id -> (key,
    rule), where the smallest key is the best claim. Rules arrive most specific first
    (`Matching.rules`), so a rule's position breaks the ties precedence and kind leave."""

    rank: dict[str, tuple[int, int, int]]  # rule id -> (-site, -origin level, position)
    by_line: dict[int, dict[str, tuple[tuple[int, ...], Rule]]] = field(default_factory=dict)

    @classmethod
    def of(cls, rules: list[Rule], precedence: Mapping[str, tuple[bool, int]]) -> "_Claims":
        rank = {}
        for position, rule in enumerate(rules):
            site, level = precedence[rule.qualified_id]
            rank[rule.qualified_id] = (-site, -level, position)
        return cls(rank)

    def add(self, index: int, rule: Rule, kind: int) -> None:
        claims = self.by_line.setdefault(index, {})
        rule_id = rule.qualified_id
        if rule_id not in claims:
            site, level, position = self.rank[rule_id]
            claims[rule_id] = ((site, level, kind, position), rule)

    def winners(self) -> dict[int, Rule]:
        return {index: min(claims.values(), key=_first)[1] for index, claims in self.by_line.items()}

    def losers(self, winners: dict[int, Rule]) -> Iterator[tuple[int, Rule]]:
        for index, claims in self.by_line.items():
            for _, rule in claims.values():
                if rule is not winners[index]:
                    yield index, rule


def _first(claim: tuple) -> Any:
    return claim[0]


def _one_pass(state: _Pass, rules: list[Rule], alive: _Alive, gone: Coverage) -> tuple[list[Edit], list[Superseded]]:
    """One pass's removals, and the rules that lost a line to a more specific one.

    Every rule that would remove a line claims it; the line goes to the claim of
    highest precedence (`AppliedFile.precedence`: a site file's, then a later
    origin's, then the line's own rule before a region's before a span's, then
    file order), and each other claim is superseded by the edit that took the line.
    A span inside a line never claims it: when the line goes, the span is superseded.
    """
    claims = _Claims.of(rules, state.rules.precedence)
    _claim_own_lines(state, [r for r in rules if r.action == "drop-line"], alive, claims)
    _claim_regions(state, [r for r in rules if r.action in ("drop-from", "drop-until")], alive, claims)
    runs, parts = _claim_spans(state, [r for r in rules if r.action == "drop-span"], alive, gone, claims)
    winners = claims.winners()
    taken = _take_lines(state.doc, alive, winners, runs)
    edits = list(dict.fromkeys(taken.values()))  # a span's edit takes several lines
    superseded = [Superseded(_line_edit(state.doc, i, rule), taken[i]) for i, rule in claims.losers(winners)]
    for rule, start, end in parts:
        by = next((taken[i] for i in _lines_in(state.doc, start, end) if i in taken), None)
        if by is None:
            edits.append(_edit(rule, start, end))
        else:
            superseded.append(Superseded(_edit(rule, start, end), by))
    return edits, superseded


def _take_lines(doc: Document, alive: _Alive, winners: dict[int, Rule], runs: list[_Span]) -> dict[int, Edit]:
    """Line index -> the edit that removes it: line rules' edits line by line, a span rule's
    over the runs of lines it won."""
    by_line_rules = {i: rule for i, rule in winners.items() if rule.action != "drop-span"}
    taken = dict(_line_edits(doc, alive.lines, by_line_rules))
    for rule, start, end in runs:
        lost = Coverage(_line_edit(doc, i, rule) for i in _content_in(doc, alive, start, end)
                        if winners[i] is not rule)
        for piece_start, piece_end in _uncovered(doc, start, end, lost):
            won = _content_in(doc, alive, piece_start, piece_end)
            if won:  # blank lines alone between lines other rules took stay with those lines
                piece = _edit(rule, piece_start, piece_end)
                taken.update((i, piece) for i in won)
    return taken


def _claim_own_lines(state: _Pass, rules: list[Rule], alive: _Alive, claims: _Claims) -> None:
    """Each drop-line rule claims the lines it matches in its zone."""
    for rule in rules:
        lines = state.matches.lines(rule)
        if not lines or state.is_skipped(rule):
            continue
        for index in lines:
            if alive.in_zone(index, rule):
                claims.add(index, rule, _OWN)


def _claim_regions(state: _Pass, rules: list[Rule], alive: _Alive, claims: _Claims) -> None:
    """Each region rule claims the lines of its region: from (or until) its first matching line."""
    for rule in rules:
        lines = state.matches.lines(rule)
        if not lines or state.is_skipped(rule):
            continue
        anchor = next((i for i in lines if alive.in_zone(i, rule)), None)
        if anchor is None:
            continue
        for line in alive.lines:
            if (line.index >= anchor) if rule.action == "drop-from" else (line.index <= anchor):
                claims.add(line.index, rule, _REGION)


def _claim_spans(state: _Pass, rules: list[Rule], alive: _Alive, gone: Coverage,
                 claims: _Claims) -> tuple[list[_Span], list[_Span]]:
    """Span rules' matches not already removed: runs of whole lines (which claim their
    lines) and spans inside lines (which claim nothing)."""
    runs, parts = [], []
    doc = state.doc
    for rule in (r for r in rules if state.rules.may_match(r)):
        for match in _span_matches(state, rule, alive.zones):
            for start, end in _uncovered(doc, *_widen(doc, match.start(), match.end()), gone):
                if not _is_whole_lines(doc, start, end):
                    parts.append((rule, start, end))
                    continue
                runs.append((rule, start, end))
                for index in _content_in(doc, alive, start, end):
                    claims.add(index, rule, _SPAN)
    return runs, parts


def _lines_in(doc: Document, start: int, end: int) -> range:
    """The indexes of the lines that [start, end) touches."""
    return range(doc.line_at(start).index, doc.line_at(max(start, end - 1)).index + 1)


def _content_in(doc: Document, alive: _Alive, start: int, end: int) -> list[int]:
    """The surviving content lines inside the whole-line span [start, end)."""
    return [i for i in _lines_in(doc, start, end) if alive.flags[i]]


def _edit(rule: Rule, start: int, end: int) -> Edit:
    return Edit(start, end, "", rule.category, rule.qualified_id, rule.description or rule.id)


def _line_edit(doc: Document, index: int, rule: Rule) -> Edit:
    return _edit(rule, *doc.line_span(doc.lines[index]))


def _span_matches(state: _Pass, rule: Rule, zones: Zones) -> list:
    """A span rule's matches in its zone; a later pass with the same zone reuses them."""
    key = (rule.qualified_id, *zones.char_range(rule.zone))
    if key not in state.spans:
        state.spans[key] = state.run(rule, lambda left: list(state.rules.find_spans(rule, left(), zones))) or []
    return state.spans[key]


def _uncovered(doc: Document, start: int, end: int, *removed: Coverage) -> Iterator[tuple[int, int]]:
    """The parts of a span not already removed: whole-line spans are split into runs of
    surviving lines; a span inside a line is kept whole or not at all."""
    if not _is_whole_lines(doc, start, end):
        if not any(c.overlaps(start, end) for c in removed):
            yield start, end
        return
    run_start = None
    line = doc.line_at(start)
    while line.start < end:
        span = doc.line_span(line)
        if any(c.covers(*span) for c in removed):
            if run_start is not None:
                yield run_start, span[0]
            run_start = None
        elif run_start is None:
            run_start = span[0]
        if line.index + 1 >= len(doc.lines):
            break
        line = doc.lines[line.index + 1]
    if run_start is not None:
        yield run_start, end


def _is_whole_lines(doc: Document, start: int, end: int) -> bool:
    text = doc.text
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end - 1] == "\n")


def _line_edits(doc: Document, alive: list[Line], dropped: dict[int, Rule]) -> Iterator[tuple[int, Edit]]:
    """(line index, edit) for each line a line rule drops; the edit takes the blank lines
    after the line when the next line goes too."""
    for position, line in enumerate(alive):
        rule = dropped.get(line.index)
        if rule is None:
            continue
        start, end = doc.line_span(line)
        following = alive[position + 1] if position + 1 < len(alive) else None
        if following is None:
            end = len(doc.text) if _only_blank_after(doc, line) else end
        elif following.index in dropped:
            end = _blank_run_end(doc, line, following)
        yield line.index, _edit(rule, start, end)


def _only_blank_after(doc: Document, line: Line) -> bool:
    return not doc.text[line.end:].strip()


def _blank_run_end(doc: Document, line: Line, following: Line) -> int:
    """Extend to the next surviving line only across blank lines (not across removed text)."""
    between = doc.text[line.end:following.start]
    return following.start if not between.strip() else doc.line_span(line)[1]


def _widen(doc: Document, start: int, end: int) -> tuple[int, int]:
    """A span that covers whole lines also takes its newline; one inside a line takes a space."""
    text = doc.text
    starts_line = start == 0 or text[start - 1] == "\n"
    ends_line = end == len(text) or text[end] == "\n" or text[end - 1] == "\n"
    if starts_line and ends_line:
        return start, (end + 1 if end < len(text) and text[end] == "\n" else end)
    if start > 0 and text[start - 1] == " " and (end == len(text) or text[end] in " \n"):
        return start - 1, end
    return start, end
