"""Rule matching: the removal rules of the rule files selected for the document.

Line rules (drop-line, drop-from, drop-until) match a line's stripped text;
span rules (drop-span) search the rule's zone of the whole text and may cross
lines. A region (drop-from / drop-until) is reported line by line: each line
in it carries the category of its own matching line rule when it has one,
else the region rule's category — so a footer dropped from "Source link" on
still says which lines were comment prompts and which were follower counters.

Zones are measured over the lines still alive, and matching repeats until a
pass removes nothing: once a header widget goes, the line under it is the new
head, exactly as it would be when cleaning the cleaned text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from ..document import Document, Line, Zones
from ..edits import Coverage, Edit, Notice
from ..ruleset import Rule


@dataclass
class _Pass:
    """The state of one document's matching: what is dropped, which rules timed out."""

    doc: Document
    timeout: float
    memo: dict[tuple[int, str], tuple[Line, ...]]
    edits: list[Edit] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)

    def run(self, rule: Rule, match_fn) -> object:
        """Call `match_fn`; on a regex timeout, note it once and skip the rule from now on."""
        if rule.qualified_id in self.skipped:
            return None
        try:
            return match_fn()
        except TimeoutError:
            self.skipped.add(rule.qualified_id)
            self.notices.append(Notice("rules", rule.qualified_id,
                                       f"pattern took longer than {self.timeout:g}s; rule skipped for this document"))
            return None

    def matching(self, rule: Rule) -> tuple[Line, ...]:
        """The content lines `rule` matches, in order: searched once per document, since
        passes and rounds ask again about the same lines (only zones and removals change)."""
        key = (id(rule), self.doc.text)  # the rules outlive the memo
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = tuple(ln for ln in self.doc.content_lines if rule.matches_line(ln, self.timeout))
        return found


@dataclass(frozen=True)
class RulesStage:
    name: str = "rules"
    timeout: float = 0.25
    max_passes: int = 4
    # (rule, document text) -> the lines it matches. A cache, not state: a regex
    # answers the same for the same text, and the pipeline builds its stages
    # afresh for every document.
    memo: dict[tuple[int, str], tuple[Line, ...]] = field(default_factory=dict, compare=False, repr=False)

    def propose(self, doc: Document, decided: Sequence[Edit]) -> Iterable[Edit | Notice]:
        rules = [r for f in doc.rule_files for r in f.file.rules if r.action != "replace"]
        state = _Pass(doc, self.timeout, self.memo)
        prior = [e for e in decided if e.is_removal]
        for _ in range(self.max_passes):
            gone = Coverage(prior + state.edits)
            alive = [ln for ln in doc.content_lines if not gone.covers(*doc.line_span(ln))]
            new = list(_one_pass(state, rules, alive, doc.zones(alive), gone))
            if not new:
                break
            state.edits.extend(new)
        yield from state.notices
        yield from state.edits


def _one_pass(state: _Pass, rules: list[Rule], alive: list[Line], zones: Zones, gone: Coverage) -> Iterator[Edit]:
    own = _own_lines(state, [r for r in rules if r.action == "drop-line"], alive, zones)
    region = _regions(state, [r for r in rules if r.action in ("drop-from", "drop-until")], alive, zones)
    line_edits = list(_line_edits(state.doc, alive, own, region))
    yield from line_edits
    dropped = Coverage(line_edits)
    for rule in (r for r in rules if r.action == "drop-span"):
        matches = state.run(rule, lambda rule=rule: list(rule.find_spans(state.doc, state.timeout, zones))) or []
        for match in matches:
            for start, end in _uncovered(state.doc, *_widen(state.doc, match.start(), match.end()), gone, dropped):
                yield Edit(start, end, "", rule.category, rule.qualified_id, rule.description or rule.id)


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


def _own_lines(state: _Pass, rules: list[Rule], alive: list[Line], zones: Zones) -> dict[int, Rule]:
    """Line index -> the first drop-line rule that matches it in its zone."""
    own: dict[int, Rule] = {}
    living = {line.index for line in alive}
    for rule in rules:
        def match(rule: Rule = rule) -> None:
            for line in state.matching(rule):
                if line.index in living and line.index not in own and zones.contains(line, rule.zone):
                    own[line.index] = rule
        state.run(rule, match)
    return own


def _regions(state: _Pass, rules: list[Rule], alive: list[Line], zones: Zones) -> dict[int, Rule]:
    """Line index -> the region rule whose region covers it (first rule wins)."""
    covered: dict[int, Rule] = {}
    living = {line.index for line in alive}
    for rule in rules:
        anchor = state.run(rule, lambda rule=rule: next(
            (ln for ln in state.matching(rule) if ln.index in living and zones.contains(ln, rule.zone)), None))
        if anchor is None:
            continue
        for line in alive:
            inside = line.index >= anchor.index if rule.action == "drop-from" else line.index <= anchor.index
            if inside:
                covered.setdefault(line.index, rule)
    return covered


def _line_edits(doc: Document, alive: list[Line], own: dict[int, Rule], region: dict[int, Rule]) -> Iterator[Edit]:
    """One edit per dropped line; it takes the blank lines after it when the next line goes too."""
    for position, line in enumerate(alive):
        rule = own.get(line.index) or region.get(line.index)
        if rule is None:
            continue
        start, end = doc.line_span(line)
        following = alive[position + 1] if position + 1 < len(alive) else None
        if following is None:
            end = len(doc.text) if _only_blank_after(doc, line) else end
        elif following.index in own or following.index in region:
            end = _blank_run_end(doc, line, following)
        yield Edit(start, end, "", rule.category, rule.qualified_id, rule.description or rule.id)


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
