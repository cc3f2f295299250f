"""The ledger's overlap policy and rendering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.edits import Edit, Rebase, apply, resolve


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


# Rebase: repairs first, removals proposed on the repaired text, one ledger over the old text.

@st.composite
def _repaired_and_removed(draw):
    """A text, fixes on it (deletions, insertions, replacements), and removals on the fixed text."""
    text = draw(st.text(alphabet="ab \n", max_size=30))
    fixes, at = [], 0
    while at < len(text):
        start = draw(st.integers(at, len(text)))
        end = min(len(text), start + draw(st.integers(0, 3)))
        replacement = draw(st.sampled_from(["", "X", "YY"]))
        if draw(st.booleans()) and (start < end or replacement):
            fixes.append(_fix(start, end, replacement))
        at = end + 1
    fixed = apply(text, fixes)
    removals, at = [], 0
    while at < len(fixed):
        start = draw(st.integers(at, len(fixed)))
        end = min(len(fixed), start + draw(st.integers(1, 5)))
        if start < end and draw(st.booleans()):
            removals.append(_rm(start, end))
        at = end
    return text, fixes, fixed, removals


@settings(max_examples=500, deadline=None)
@given(_repaired_and_removed())
def test_rebased_ledger_renders_the_fixed_text_less_its_removals(case):
    text, fixes, fixed, removals = case
    rebase = Rebase(fixes)
    ledger = rebase.ledger(removals)
    resolution = resolve(list(ledger.edits))
    assert resolution.superseded == ()  # the ledger is already settled
    # A removal that takes part of a replacement takes all of it (and the fix is superseded).
    widened = []
    for removal in removals:
        start, end = removal.start, removal.end
        for fix in fixes:
            at = _fixed_start(fixes, fix)
            if at < end and start < at + len(fix.replacement):
                start, end = min(start, at), max(end, at + len(fix.replacement))
        widened.append(_rm(start, end))
    merged = []
    for removal in sorted(widened, key=lambda e: e.start):
        if merged and removal.start <= merged[-1].end:
            merged[-1] = _rm(merged[-1].start, max(merged[-1].end, removal.end))
        else:
            merged.append(removal)
    assert apply(text, resolution.applied) == apply(fixed, merged)
    # Every fix either stands or is superseded by a removal; nothing is dropped.
    standing = [e for e in ledger.edits if not e.is_removal]
    assert sorted(standing + [s.edit for s in ledger.superseded], key=lambda e: (e.start, e.end)) == fixes


def _fixed_start(fixes, fix):
    return fix.start + sum(len(f.replacement) - (f.end - f.start) for f in fixes if f.start < fix.start)


def test_a_removal_of_a_repaired_line_takes_the_line_as_it_was():
    text = "Fish &amp; chips\nSOURCE LINK&ap;\n"
    fixes = [Edit(5, 10, "&", "encoding", "e", ""), Edit(28, 32, "≈", "encoding", "e", "")]
    fixed = apply(text, fixes)
    line = fixed.index("SOURCE")
    ledger = Rebase(fixes).ledger([_rm(line, len(fixed))])
    assert apply(text, resolve(list(ledger.edits)).applied) == "Fish & chips\n"
    removal = next(e for e in ledger.edits if e.is_removal)
    assert text[removal.start:removal.end] == "SOURCE LINK&ap;\n"
    assert [s.edit for s in ledger.superseded] == [fixes[1]]
