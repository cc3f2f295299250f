"""Invisible format characters: removed where they split a word, kept where a script needs them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.edits import apply
from cleaner.repairs.invisible import find


def repaired(text: str) -> str:
    return apply(text, list(find(text)))


@pytest.mark.parametrize("damaged, clean_text", [
    ("the Nat\u200bional Trust", "the National Trust"),
    ("a gov\u200cern\u200dment plan", "a government plan"),
    ("infor\u00admation", "information"),
    ("Word\u2060joiner", "Wordjoiner"),
    ("Mos\u200ecow", "Moscow"),
    ("Моск\u200bва", "Москва"),  # Cyrillic words have no use for it either
    ("Αθή\u200bνα", "Αθήνα"),
    ("20\u200b24", "2024"),
    ("a\u200b\u200d\u00adb", "ab"),  # a run goes as one
])
def test_removed_inside_words(damaged: str, clean_text: str) -> None:
    assert repaired(damaged) == clean_text


@pytest.mark.parametrize("text", [
    "क्\u200dष",                       # Devanagari conjunct: ZWJ shapes it
    "ক্\u200dয",                       # Bengali ya-phala
    "می\u200cخواهم",                   # Persian: ZWNJ keeps the letters apart
    "👨\u200d👩\u200d👧",              # emoji ZWJ sequence
    "❤\ufe0f",
    "ไทย\u200bภาษา",                  # Thai: ZWSP is the word separator
    "日本\u200b語",
    "hello\u200b world",               # next to a space it splits no word
    "\u200bStart",
    "abc\u200e123",                    # a bidi mark next to a digit can matter
    "see https://ex\u200bample.com/x",  # inside an address
    "mail jo\u200bhn@example.com",
    "code `fo\u200bo` here",
])
def test_kept(text: str) -> None:
    assert list(find(text)) == []


def test_edit_names_the_character_and_the_word() -> None:
    (edit,) = find("the Nat\u200bional Trust")
    assert (edit.start, edit.end, edit.replacement) == (7, 8, "")
    assert (edit.category, edit.rule) == ("token", "tokens/invisible")
    assert edit.reason == "zero width space inside the word 'National'"


def test_the_cleaner_applies_it() -> None:
    result = clean("The Nat\u200bional Trust bought the farm on Tuesday.", format="text")
    assert result.text == "The National Trust bought the farm on Tuesday."
    assert [e.rule for e in result.edits] == ["tokens/invisible"]


INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\u200e\u200f"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=200))
def test_text_without_invisible_characters_is_never_changed(text: str) -> None:
    assert list(find(text)) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "Zs", "Cf"]), max_size=200))
def test_only_invisible_characters_are_removed(text: str) -> None:
    for edit in find(text):
        assert edit.replacement == ""
        assert set(text[edit.start:edit.end]) <= set(INVISIBLE)
