"""Invariants of cleaning: the ledger reproduces the output, cleaning is idempotent, never crashes."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.edits import apply
from fixtures_path import FIXTURES

CHROME = [
    "19.5 C", "New York", "Friday, October 18, 2024", "144", "Source link", "Related Articles",
    "LEAVE A REPLY", "Please enter your comment!", "0FansLike", "3,120 Followers", "Comments are closed.",
    "Al Jazeera/Jane Doe", "Reporting by Jane Doe; Editing by John Smith", "Photo: Reuters",
    "下一篇:Another headline", "- ·Truncated headline of anoth", "Share this article", "Latest Articles",
]
PROSE = [
    "The council approved the budget on Tuesday after a long debate.",
    "Officials said the road would reopen next week. . Traffic was light.",
    "He added: , it may not matter.",
    "They joined the fight for cash. Ta.",
    "Even if we comberan involved, it would escalate.",
    "Prices rose 3% in October, the statistics office said.",
    "“We are concerned,” she said.",
]
LINES = st.lists(st.sampled_from(CHROME + PROSE + ["", " ", "\u00a0"]), max_size=40)
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]

# 2,000 examples per property in CI; CLEANER_HYPOTHESIS_EXAMPLES lowers it for quick local runs.
EXAMPLES = int(os.environ.get("CLEANER_HYPOTHESIS_EXAMPLES", "2000"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _removals(result):
    return [e for e in result.edits if e.is_removal]


@PROFILE
@given(LINES, st.sampled_from(["\n", "\n\n"]))
def test_edits_reproduce_output_and_second_pass_removes_nothing(cleaner, lines, sep):
    result = cleaner.clean(sep.join(lines), format="text")
    assert apply(result.source_text, result.edits) == result.text
    again = cleaner.clean(result.text, format="text")
    assert _removals(again) == [], [again.source_text[e.start:e.end] for e in _removals(again)]


@PROFILE
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes_and_ledger_holds(cleaner, text):
    result = cleaner.clean(text, format="text")
    assert apply(result.source_text, result.edits) == result.text


def test_seeds_ledger_and_idempotence(cleaner):
    for raw in SEEDS:
        result = cleaner.clean(raw, format="text")
        assert apply(result.source_text, result.edits) == result.text
        assert _removals(cleaner.clean(result.text, format="text")) == []
