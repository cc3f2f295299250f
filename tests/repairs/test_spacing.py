"""Letter-spaced words in chrome-like lines: joined; prose and indexes stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Settings
from cleaner.edits import apply
from cleaner.repairs.spacing import find


def repaired(text: str) -> str:
    return apply(text, list(find(text)))


@pytest.mark.parametrize("damaged, clean_text", [
    ("B r e a k i n g  N e w s", "Breaking News"),
    ("B r e a k i n g N e w s", "Breaking News"),        # evenly spaced: split where a capital follows
    ("N E W S", "NEWS"),
    ("W i a d o m o ś c i", "Wiadomości"),
    ("Top story\nS h a r e   t h i s\nThe council met.", "Top story\nShare this\nThe council met."),
    ("  M o r e  ", "  More  "),
])
def test_joined(damaged: str, clean_text: str) -> None:
    assert repaired(damaged) == clean_text


@pytest.mark.parametrize("text", [
    "A B C D E F G H",                          # an alphabetical index
    "A  B  C  D",                               # one-letter words
    "i P h o n e",                              # would leave a one-letter word
    "Jan przyszedł i w z a nią, a potem o tym opowiadał wszystkim sąsiadom przez cały długi wieczór.",
    "In this long paragraph of prose the letters a b c d appear as a list of options in the question.",
    "see https://example.com/a b c d e",
    "B r e",                                    # too short to be sure
])
def test_kept(text: str) -> None:
    assert list(find(text)) == []


def test_edit_is_whitespace_with_a_reason() -> None:
    (edit,) = find("N E W S")
    assert (edit.category, edit.rule, edit.replacement) == ("whitespace", "tokens/letter-spacing", "NEWS")
    assert edit.reason == "letter-spaced 'N E W S' joined into 'NEWS'"


def test_the_cleaner_applies_it() -> None:
    text = "B r e a k i n g  N e w s\n\nThe council approved the budget on Tuesday after a long debate."
    result = Cleaner(settings=Settings(heuristics=None)).clean(text, format="text")
    assert "tokens/letter-spacing" in [e.rule for e in result.edits]
    assert result.text.startswith("Breaking News\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(categories=["L"]), min_size=2, max_size=12), max_size=20)
       .map(" ".join))
def test_words_of_two_letters_or_more_are_never_joined(text: str) -> None:
    assert list(find(text)) == []
