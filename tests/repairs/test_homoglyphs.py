"""Look-alike letters of another script inside a word, by Unicode's confusables data."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.edits import apply
from cleaner.repairs.homoglyphs import find


def repaired(text: str) -> str:
    return apply(text, list(find(text)))


@pytest.mark.parametrize("damaged, clean_text", [
    ("the Nаtional Trust", "the National Trust"),       # Cyrillic а
    ("Mоsсow", "Moscow"),                                # Cyrillic о and с
    ("a cοde review", "a code review"),                 # Greek ο
    ("Ιnternational", "International"),                 # Greek capital iota (the data pairs it with 'l')
    ("Ηello", "Hello"),                                  # Greek capital eta
    ("sеrvеr", "server"),
    ("Москвa", "Москва"),                                # the reverse: Latin a in a Russian word
    ("кoшка", "кошка"),
    ("Πaρίσι", "Παρίσι"),                                # Latin a in a Greek word
])
def test_repaired(damaged: str, clean_text: str) -> None:
    assert repaired(damaged) == clean_text


@pytest.mark.parametrize("text", [
    "Москва and Αθήνα",          # whole words in their own script
    "NАТО and ВМW",              # capitals: mixed on purpose, or not ours to guess
    "TGFβ and ERα signalling",   # gene and protein names
    "5 μm, 3 μmol, 2πr",         # units and maths: μ looks like no Latin letter
    "Cα atoms",                  # a tie says nothing
    "see www.gооgle.com today",  # a spoofed address stays what it is
    "mail pаypal@example.com",
    "`vаr` in code",
    "#Nаtional",
    "Ꭺpple",                     # a letter of a fourth script: not a word this repair understands
])
def test_kept(text: str) -> None:
    assert list(find(text)) == []


def test_edit_says_which_letter_in_which_word() -> None:
    (edit,) = find("the Nаtional Trust")
    assert (edit.start, edit.end, edit.replacement) == (5, 6, "a")
    assert (edit.category, edit.rule) == ("token", "tokens/homoglyph")
    assert edit.reason == "Cyrillic 'а' inside the Latin word 'Nаtional'"


def test_the_cleaner_applies_it() -> None:
    result = clean("The Nаtional Trust bought the farm on Tuesday.", format="text")
    assert result.text == "The National Trust bought the farm on Tuesday."
    assert [e.rule for e in result.edits] == ["tokens/homoglyph"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="latin-1", categories=["L", "N", "P", "Zs"]), max_size=200))
def test_latin_text_is_never_changed(text: str) -> None:
    assert list(find(text)) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Москва", "новости", "Αθήνα", "είναι", "London", "news", "iPhone", "NASA"]),
                max_size=30).map(" ".join))
def test_words_each_in_one_script_are_never_changed(text: str) -> None:
    assert list(find(text)) == []
