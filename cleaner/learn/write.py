"""Draft rule files as YAML: the format users write, with the evidence as comments.

Patterns are written in single quotes (a backslash is a backslash there) and
examples as double-quoted strings. A rule for review is written commented
out at the end of the rule list, with its reason: deleting the `# ` in
front of its lines makes it a rule like the others.
"""

from __future__ import annotations

import json

import yaml

from .draft import DraftRule, SiteDraft


def to_yaml(draft: SiteDraft) -> str:
    """The rule file of `draft`; None of its text is left to YAML's guessing."""
    lines = [
        f"# Drafted by `cleaner learn` from {draft.pages} pages of {draft.host}: each rule names a line",
        "# (or the lines that differ from it only in numbers and dates) that recurs on the site's pages;",
        "# the comment above it says on how many and where. Lines that read like prose are not applied:",
        "# they are at the end, commented out, for review. Delete what is article text, then run",
        "# `cleaner rules test` on this file.",
        f"name: {_single(draft.name)}",
        f"description: {_single(f'Chrome that recurs on the pages of {draft.host}, learned from {draft.pages} pages.')}",
        "applies:",
        f"  domains: [{_single(draft.host)}]",
        "rules:",
    ]
    for rule in draft.rules:
        lines += [f"  # {rule.evidence}"] + _rule_lines(rule)
    if draft.reviews:
        lines.append("  # To review: recurring lines not applied (delete the '# ' of a rule's lines to apply it).")
        for rule in draft.reviews:
            lines += [f"  # {rule.evidence}; {rule.review}"] + [f"  # {line[2:]}" for line in _rule_lines(rule)]
    return "\n".join(lines) + "\n"


def _rule_lines(rule: DraftRule) -> list[str]:
    return [
        f"  - id: {_plain(rule.id)}",
        f"    category: {rule.category}",
        f"    action: {rule.action}",
        f"    line: {_single(rule.line)}",
        "    examples:",
        f"      drop: [{_double(rule.drop)}]",
        f"      keep: [{_double(rule.keep)}]",
    ]


def _plain(text: str) -> str:
    """`text` unquoted when YAML reads it back as that string ("share-this-page"), else quoted
    ("0", "no" and "null" would come back as a number, a boolean and nothing)."""
    return text if yaml.safe_load(text) == text else _single(text)


def _single(text: str) -> str:
    """A YAML single-quoted scalar: only the quote itself is escaped (doubled)."""
    return "'" + text.replace("'", "''") + "'"


def _double(text: str) -> str:
    """A YAML double-quoted scalar. JSON's escapes are a subset of YAML's."""
    return json.dumps(text, ensure_ascii=False)
