"""Reprs a person can read in a REPL: the first words and the counts, never the whole source or every rule."""

from __future__ import annotations

import re
from dataclasses import replace

from cleaner import Cleaner, Settings, load_rules
from cleaner.config import HeuristicSettings

PARAGRAPH = "The council met on Tuesday and approved the budget for the coming year after a long debate.\n\n"


def test_a_result_shows_its_first_words_and_counts(cleaner):
    source = PARAGRAPH * 1200 + "Source link\n"  # about 110 KB, with duplicates and a credit line to remove
    result = cleaner.clean(source, format="text")
    text = repr(result)
    assert len(text) < 150
    assert text.startswith("CleanResult(text='The council met on Tuesday and approved …' (")
    removed = sum(1 for e in result.edits if not e.replacement)
    assert removed > 1
    assert f"({len(result.text):,} chars), removed={removed}, fixed={len(result.edits) - removed})" in text


def test_a_short_result_is_shown_whole_and_kept_edits_are_counted(tmp_path):
    cleaner = Cleaner(settings=Settings(keep=frozenset({"editor-credit"})))
    result = cleaner.clean("Short text.\n\nSource link\n", format="text")
    assert result.kept
    assert repr(result) == (f"CleanResult(text={result.text!r} ({len(result.text)} chars), removed=0, "
                            f"fixed={len(result.edits)}, kept={len(result.kept)})")


def test_a_cleaner_shows_its_rule_set_and_changed_settings():
    rules = load_rules()
    assert repr(Cleaner(rules=rules)) == f"Cleaner(rules={rules!r}, settings=Settings())"
    assert re.fullmatch(r"RuleSet\(\d+ files, \d+ rules\)", repr(rules))
    shown = repr(Cleaner(rules=rules, settings=Settings(heuristics=None, keep=frozenset({"caption"}))))
    assert shown.endswith("settings=Settings(heuristics=None, keep=frozenset({'caption'})))")
    assert len(shown) < 120


def test_settings_show_only_what_differs_from_the_defaults():
    assert repr(Settings()) == "Settings()"
    changed = replace(Settings(), max_rounds=2, heuristics=replace(HeuristicSettings(), length_low=50))
    assert repr(changed) == "Settings(heuristics=HeuristicSettings(length_low=50), max_rounds=2)"
