"""Every example of every built-in rule is a test (sqlfluff-style rule cases)."""

from __future__ import annotations

import pytest

from cleaner import load_rules
from cleaner.ruleset.examples import run_examples

OUTCOMES = list(run_examples(load_rules()))


def _ids(outcomes) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for o in outcomes:
        key = f"{o.rule}-{o.kind}"
        seen[key] = seen.get(key, 0) + 1
        ids.append(f"{key}{seen[key]}")
    return ids


@pytest.mark.parametrize("outcome", OUTCOMES, ids=_ids(OUTCOMES))
def test_rule_example(outcome):
    assert outcome.passed, f"{outcome.path} [{outcome.kind}] {outcome.text!r}: {outcome.detail}"


def test_every_builtin_rule_has_drop_or_fix_and_keep_examples():
    for rule in load_rules().rules:
        assert rule.examples.keep, rule.qualified_id
        assert rule.examples.drop or rule.examples.fix, rule.qualified_id


def test_builtin_rule_files_cover_each_generic_category():
    names = {f.name for f in load_rules().files}
    assert {"comment-prompts", "social-widgets", "related-links", "weather-widgets", "editor-credits",
            "captions", "counters", "mt-artifacts", "punctuation", "tokens"} <= names
    assert {"tagdiv-newspaper", "wordpress-comments", "chinese-cms"} <= names
