"""Prose for the token-repair tests: English enough for its language to be told (20 words and more)."""

from __future__ import annotations

import pytest

from cleaner.heuristics.lexicon import Lexicon
from cleaner.repairs.words import Words, words_of

PROSE = ("The council met on Tuesday and said that the plan would go ahead after a long debate about the cost "
         "of the new road, which many people in the town have wanted for years. ")


@pytest.fixture(scope="session")
def prose() -> str:
    return PROSE


@pytest.fixture(scope="session")
def english() -> Words:
    found = words_of(PROSE, Lexicon())
    assert found == Words("en")
    return found


@pytest.fixture(scope="session")
def words(english):
    return lambda: english
