import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.edits import apply
from cleaner.repairs import hyphenation


def _fixed(text, words):
    return apply(text, list(hyphenation.find(text, words)))


@pytest.mark.parametrize("broken, joined", [
    ("the infor- mation was", "the information was"),
    ("the infor-\nmation was", "the information was"),
    ("they con- tinue", "they continue"),
    ("the govern-\nment said", "the government said"),
    ("The Infor- mation", "The Information"),
])
def test_broken_words_are_joined(words, broken, joined):
    assert _fixed(broken, words) == joined


@pytest.mark.parametrize("text", [
    "long- term plans", "long-\nterm plans", "well- and ill-formed", "pre- and post-war", "re- election",
    "COVID- related", "data- driven", "see http://x.org/infor- mation", "the information", "infor-mation",
])
def test_compounds_and_others_stay(words, text):
    assert _fixed(text, words) == text


def test_the_edit_says_what_it_joined(words):
    [edit] = hyphenation.find("the infor- mation was", words)
    assert (edit.category, edit.rule) == ("token", "tokens/hyphenation")
    assert "'information'" in edit.reason


def test_without_a_word_list_nothing_is_joined():
    assert list(hyphenation.find("the infor- mation", lambda: None)) == []


def test_the_word_list_is_not_asked_for_without_a_trigger():
    def never():
        raise AssertionError("loaded")
    assert list(hyphenation.find("clean prose, long-term plans", never)) == []


@given(st.text(alphabet="abcdefg ,.\n", max_size=80))
def test_prose_without_a_hyphen_is_never_changed(words, text):
    assert list(hyphenation.find(text, words)) == []
