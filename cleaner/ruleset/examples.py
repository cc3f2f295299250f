"""Run the examples every rule carries: each one is a test of its rule.

Each rule runs alone (in a rule file that always applies), through the whole
pipeline with the heuristics stage left out, so an example shows what that
rule does and a change to the heuristics can never fail a rule's example:

- `drop`: the rule removes something from the example;
- `keep`: the rule proposes nothing for the example;
- `fix`: the cleaned example equals `out`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Literal

from ..config import Settings
from ..pipeline import Cleaner
from .model import Applies, Rule, RuleFile, RuleSet


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    path: str
    kind: Literal["drop", "keep", "fix"]
    text: str
    passed: bool
    detail: str = ""


def run_examples(rules: RuleSet, settings: Settings | None = None) -> Iterator[ExampleOutcome]:
    """Every example of every rule in `rules`, in file order."""
    settings = settings or Settings()
    for rule_file in rules.files:
        for rule in rule_file.rules:
            yield from _rule_examples(rule_file, rule, settings)


def _rule_examples(rule_file: RuleFile, rule: Rule, settings: Settings) -> Iterator[ExampleOutcome]:
    solo = replace(rule_file, applies=Applies(always=True), rules=(rule,))
    cleaner = Cleaner(rules=RuleSet((solo,)), settings=replace(settings, heuristics=None))
    path = rule_file.path if rule.source_line is None else f"{rule_file.path}:{rule.source_line}"

    def fired(text: str) -> list[str]:
        result = cleaner.clean(text, format="text")
        return [result.source_text[e.start:e.end] for e in result.edits if e.rule == rule.qualified_id]

    for text in rule.examples.drop:
        ok = bool(fired(text))
        yield ExampleOutcome(rule.qualified_id, path, "drop", text, ok, "" if ok else "the rule removed nothing")
    for text in rule.examples.keep:
        hits = fired(text)
        yield ExampleOutcome(rule.qualified_id, path, "keep", text, not hits,
                             "" if not hits else f"the rule changed {hits!r}")
    for example in rule.examples.fix:
        out = cleaner.clean(example.before, format="text").text
        ok = out == example.after
        yield ExampleOutcome(rule.qualified_id, path, "fix", example.before, ok,
                             "" if ok else f"expected {example.after!r}, got {out!r}")
