"""Line families: the quick path of `family_key` folds exactly what the names' pattern folds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.heuristics.lexicon import MONTHS_BY_LANGUAGE
from cleaner.learn import normalise
from cleaner.learn.normalise import _NAME, _SPACE, _VARYING, _placeholder, _spelled, family_key


def _slow_key(line: str) -> str:
    """The key as the one pattern of numbers, times and names makes it, on every line."""
    return _VARYING.sub(_placeholder, _SPACE.sub(" ", line.strip()))


def test_a_name_table_is_spelled_out_whole():
    assert _spelled("jan(?:uary)?|june?|ма[йя]|сен(?:т(?:ября|ябрь)?)?") == {
        "jan", "january", "jun", "june", "май", "мая", "сен", "сент", "сентября", "сентябрь"}
    with pytest.raises(ValueError):
        _spelled("mon\\w+")


def test_every_spelled_month_is_one_the_pattern_matches():
    for _, table in MONTHS_BY_LANGUAGE:
        for name in _spelled(table):
            assert _NAME.fullmatch(name) and _NAME.fullmatch(name.upper()), name


WORDS = ["Monday", "MAYIS", "Mayıs", "NİSAN", "mayis", "segunda-feira", "Sexta-Feira", "x-mar-y", "März",
         "MÄRZ", "ма", "мая", "МАЯ", "июня", "Sept", "sept.", "June?", "junebug", "Decade", "dec", "mon",
         "monitor", "Mai", "main", "دی", "دیروز", "مهر", "ſun", "Sun", "10:00", "AM", "p.m.", "2020", "3Mar",
         "12,345", "Likes", "Posted", "at", "the", "—", ",", "(", ")"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.lists(st.sampled_from([" ", "", "  ", "\t", "-"]),
                                                               min_size=12, max_size=12))
def test_the_quick_key_is_the_patterns_key(words, gaps):
    line = "".join(word + gap for word, gap in zip(words, gaps))
    assert family_key(line) == _slow_key(line)


def test_a_line_without_names_or_digits_is_only_spaced():
    assert family_key("Share  this\tstory") == "Share this story"
    assert not normalise._may_name("Share this story")
