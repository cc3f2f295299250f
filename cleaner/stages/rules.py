"""Rule matching: the removal rules of the rule files selected for the document.

Line rules (drop-line, drop-from, drop-until) match a line's stripped text;
span rules (drop-span) search the rule's zone of the whole text and may cross
lines. A region (drop-from / drop-until) is reported line by line: each line
in it carries the category of its own matching line rule when it has one,
else the region rule's category — so a footer dropped from "Source link" on
still says which lines were comment prompts and which were follower counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from ..document import Document, Line
from ..edits import Edit, Notice
from ..ruleset import Rule


@dataclass(frozen=True)
class RulesStage:
    name: str = "rules"
    timeout: float = 0.25

    def propose(self, doc: Document, decided: Sequence[Edit]) -> Iterable[Edit | Notice]:
        rules = [r for f in doc.rule_files for r in f.file.rules if r.action != "replace"]
        notices: list[Notice] = []
        own = self._own_lines(doc, [r for r in rules if r.action == "drop-line"], notices)
        region = self._regions(doc, [r for r in rules if r.action in ("drop-from", "drop-until")], notices)
        yield from notices
        yield from _line_edits(doc, own, region)
        for rule in (r for r in rules if r.action == "drop-span"):
            yield from self._span_edits(doc, rule)

    def _own_lines(self, doc: Document, rules: list[Rule], notices: list[Notice]) -> dict[int, Rule]:
        """Line index -> the first drop-line rule that matches it in its zone."""
        own: dict[int, Rule] = {}
        for rule in rules:
            try:
                for line in doc.content_lines:
                    if line.index not in own and doc.in_zone(line, rule.zone) and rule.matches_line(line, self.timeout):
                        own[line.index] = rule
            except TimeoutError:
                notices.append(_timeout(self.name, rule, self.timeout))
        return own

    def _regions(self, doc: Document, rules: list[Rule], notices: list[Notice]) -> dict[int, Rule]:
        """Line index -> the region rule whose region covers it (first rule wins)."""
        covered: dict[int, Rule] = {}
        for rule in rules:
            try:
                anchor = next((ln for ln in doc.content_lines
                               if doc.in_zone(ln, rule.zone) and rule.matches_line(ln, self.timeout)), None)
            except TimeoutError:
                notices.append(_timeout(self.name, rule, self.timeout))
                continue
            if anchor is None:
                continue
            span = range(anchor.index, len(doc.lines)) if rule.action == "drop-from" else range(0, anchor.index + 1)
            for index in span:
                covered.setdefault(index, rule)
        return covered

    def _span_edits(self, doc: Document, rule: Rule) -> Iterator[Edit | Notice]:
        try:
            matches = list(rule.find_spans(doc, self.timeout))
        except TimeoutError:
            yield _timeout(self.name, rule, self.timeout)
            return
        for match in matches:
            start, end = _widen(doc, match.start(), match.end())
            yield Edit(start, end, "", rule.category, rule.qualified_id, rule.description or rule.id)


def _line_edits(doc: Document, own: dict[int, Rule], region: dict[int, Rule]) -> Iterator[Edit]:
    """One edit per dropped content line, taking the blank lines after it along."""
    content = doc.content_lines
    for position, line in enumerate(content):
        rule = own.get(line.index) or region.get(line.index)
        if rule is None:
            continue
        start, end = doc.line_span(line)
        if _next_is_dropped(content, position, own, region):
            end = _through_blank_lines(doc, content, position)
        yield Edit(start, end, "", rule.category, rule.qualified_id, rule.description or rule.id)


def _next_is_dropped(content: tuple[Line, ...], position: int, own: dict, region: dict) -> bool:
    if position + 1 >= len(content):
        return True
    index = content[position + 1].index
    return index in own or index in region


def _through_blank_lines(doc: Document, content: tuple[Line, ...], position: int) -> int:
    """End offset that also covers the blank lines between this line and the next content line."""
    if position + 1 < len(content):
        return content[position + 1].start
    return len(doc.text)


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


def _timeout(stage: str, rule: Rule, timeout: float) -> Notice:
    return Notice(stage, rule.qualified_id, f"pattern took longer than {timeout:g}s; rule skipped for this document")
