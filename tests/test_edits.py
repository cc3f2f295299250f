"""The ledger's overlap policy and rendering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.edits import Edit, apply, resolve


def _rm(start, end, rule="r"):
    return Edit(start, end, "", "counter", rule, "test")


def _fix(start, end, text, rule="f"):
    return Edit(start, end, text, "punctuation", rule, "test")


def test_removal_swallows_fix_inside_it_even_if_fix_came_first():
    fix, removal = _fix(2, 3, "X"), _rm(0, 5)
    result = resolve([fix, removal])
    assert result.applied == (removal,)
    assert [(s.edit, s.by) for s in result.superseded] == [(fix, removal)]


def test_earlier_removal_wins_over_overlapping_later_removal():
    first, second = _rm(0, 5, "first"), _rm(3, 8, "second")
    result = resolve([first, second])
    assert result.applied == (first,)
    assert result.superseded[0].edit == second and result.superseded[0].by == first


def test_adjacent_edits_do_not_conflict():
    a, b = _rm(0, 3), _fix(3, 4, "!")
    assert resolve([a, b]).applied == (a, b)


def test_insertion_inside_removal_is_superseded_but_at_boundary_is_kept():
    removal = _rm(2, 6)
    inside, boundary = _fix(4, 4, "+"), _fix(6, 6, "+")
    result = resolve([removal, inside, boundary])
    assert result.applied == (removal, boundary)
    assert [s.edit for s in result.superseded] == [inside]


def test_apply_renders_edits_in_offset_order():
    assert apply("abcdef", [_fix(4, 5, "E"), _rm(0, 2)]) == "cdEf"


def test_apply_refuses_overlapping_edits():
    with pytest.raises(ValueError, match="overlapping"):
        apply("abcdef", [_rm(0, 3), _rm(2, 4)])


def test_a_long_early_span_is_found_when_checking_a_later_edit():
    long, small = _rm(0, 100, "long"), _rm(10, 12, "a")
    later = _rm(50, 60, "b")
    result = resolve([long, small, later])
    assert result.applied == (long,)


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.booleans()), max_size=20)


def _edits(spans):
    out = []
    for i, (start, length, is_removal) in enumerate(spans):
        out.append(_rm(start, start + length, f"r{i}") if is_removal else _fix(start, start + length, "~", f"f{i}"))
    return "x" * 70, out


@settings(max_examples=300)
@given(SPANS)
def test_resolution_partitions_the_proposals_and_never_overlaps(spans):
    text, proposed = _edits(spans)
    result = resolve(proposed)
    assert len(result.applied) + len(result.superseded) == len(proposed)
    ordered = sorted(result.applied, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:]):
        assert not a.overlaps(b)
    for lost in result.superseded:
        assert lost.edit.overlaps(lost.by) and lost.by in result.applied
    apply(text, result.applied)  # renders without complaint
