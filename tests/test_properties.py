"""Invariants of cleaning: the ledger reproduces the output, cleaning is idempotent, never crashes.

- `clean` never raises on any Unicode text (lone surrogates and control
  characters included), nor on any bytes — except `InputError`, with a
  one-line reason, for bytes it does not take for text;
- cleaning the output again changes nothing, unless a repair completed a
  pattern a removal rule matches (a known gap, below): then the second
  cleaning removes it and a third changes nothing;
- the report's edits, applied to the source text, give the output, and the
  report's totals add up.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import yaml
from ftfy.badness import is_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError, Settings
from cleaner.categories import CATEGORIES, FIX_CATEGORIES
from cleaner.edits import apply
from cleaner.stages.unicode import _suspect_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

SAMPLES = yaml.safe_load(Path(__file__).with_name("lines.yaml").read_text(encoding="utf-8"))
CHROME, PROSE = SAMPLES["chrome"], SAMPLES["prose"]
LINES = st.lists(st.sampled_from(CHROME + PROSE + ["", " ", "\u00a0"]), max_size=40)
# Debris the repairs act on: punctuation runs, mojibake, entities, control characters, BOMs.
DEBRIS = st.lists(st.sampled_from(
    list(".,;:!? \n\t\u00a0aAé’“”-—()") + ["Ã©", "â€™", "&amp;", "&#39;", " . ", ". .", ",,", "\r\n", "\r", "\x00",
                                              "\x1b", "\ufeff", "\ud800", "下一篇", "·", "Source link", "Photo: Reuters"]),
    max_size=60).map("".join)
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)  # surrogates, controls too
DOCUMENTS = st.one_of(ANY_TEXT, DEBRIS, st.lists(st.one_of(st.sampled_from(CHROME + PROSE), DEBRIS), max_size=30)
                      .map("\n".join))
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251", "shift_jis", "gb18030"]
BYTES = st.one_of(
    st.binary(max_size=400),
    st.tuples(DOCUMENTS, st.sampled_from(ENCODINGS)).map(lambda te: te[0].encode(te[1], errors="replace")),
    st.tuples(st.sampled_from([b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"\x1f\x8b\x08", b"\xff\xfe", b"\xef\xbb\xbf"]),
              st.binary(max_size=200)).map(b"".join),
)
# Printable text: letters, marks, numbers, punctuation, symbols, spaces and newlines.
PRINTABLE = st.text(alphabet=st.one_of(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), st.just("\n")),
                    max_size=300)
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


# Keeps some categories, so that the report's `kept` totals are exercised too.
KEEPING = Cleaner(settings=Settings(keep=frozenset({"caption", "editor-credit", "whitespace"})))


def _check_report(result) -> None:
    """The report's edits rebuild the output from the source, and its totals add up."""
    report, source = result.report(), result.source_text
    edits, totals = report["edits"], report["totals"]
    assert all(e["text"] == source[e["start"]:e["end"]] and e["category"] in CATEGORIES for e in edits)
    rebuilt, cursor = [], 0
    for e in edits:  # sorted by offset, never overlapping
        assert cursor <= e["start"] <= e["end"]
        rebuilt += [source[cursor:e["start"]], e["replacement"]]
        cursor = e["end"]
    assert "".join(rebuilt) + source[cursor:] == result.text
    assert totals["chars_in"] == len(source) and totals["chars_out"] == len(result.text)
    delta = sum(len(e["replacement"]) - (e["end"] - e["start"]) for e in edits)
    assert totals["chars_in"] + delta == totals["chars_out"]
    removals = [e for e in edits if e["replacement"] == "" and e["category"] not in FIX_CATEGORIES]
    removed = Counter()
    for e in removals:
        removed[e["category"]] += e["end"] - e["start"]
    assert totals["removed_by_category"] == dict(removed)
    assert totals["chars_removed"] == sum(removed.values())
    fixes = Counter(e["category"] for e in edits if e not in removals)
    fixes["encoding"] += sum(len(r["fixes"]) for r in report["encoding"])  # Unicode repair's fixes count too
    assert totals["fixes_by_category"] == dict(+fixes)
    # ... and undoing them, last first, gives back the text before the repair.
    unrepaired = source
    for fix in reversed([f for r in report["encoding"] for f in r["fixes"]]):
        assert unrepaired[fix["start"]:fix["end"]] == fix["after"]
        unrepaired = unrepaired[:fix["start"]] + fix["before"] + unrepaired[fix["end"]:]
    assert unrepaired == result.decoded.text
    assert totals["kept_by_category"] == dict(Counter(e["category"] for e in report["kept"]))


@PROFILE
@given(DOCUMENTS, st.booleans())
def test_any_text_is_cleaned_and_the_report_adds_up(cleaner, text, keep_some):
    result = (KEEPING if keep_some else cleaner).clean(text, format="text")
    assert apply(result.source_text, result.edits) == result.text
    _check_report(result)


@PROFILE
@given(DOCUMENTS)
def test_cleaning_is_idempotent(cleaner, text):
    once = cleaner.clean(text, format="text").text
    assert cleaner.clean(once, format="text").text == once


# A repair can complete what a removal pattern looks for: repairs run before the
# removal stages, so the first cleaning removes what a second would.
@pytest.mark.parametrize("text", [
    "SOURCE LINK&ap;",  # the entity decodes to a symbol, and "Source link" + symbols is a credit line
    ",0000000000000000000000000000\n,,0000000000000000000000000000",  # ",," -> "," makes the lines duplicates
])
def test_a_repair_that_completes_a_removal_pattern_is_removed_at_once(cleaner, text):
    once = cleaner.clean(text, format="text")
    assert cleaner.clean(once.text, format="text").text == once.text
    assert any(e.is_removal for e in once.edits)
    assert apply(once.source_text, once.edits) == once.text


@PROFILE
@given(BYTES)
def test_any_bytes_are_cleaned_or_rejected_with_a_one_line_reason(cleaner, data):
    try:
        result = cleaner.clean(data, format="text")
    except InputError as exc:
        reason = str(exc)
        assert reason and "\n" not in reason
        assert reason.startswith(("binary data", "not text"))
        return
    _check_report(result)


@PROFILE
@given(PRINTABLE)
def test_printable_utf8_text_is_never_rejected_and_decodes_exactly(cleaner, text):
    result = cleaner.clean(text.encode("utf-8"), format="text")
    assert result.decoded.text == text and result.decoded.encoding == "utf-8"


def test_seeds_ledger_and_idempotence(cleaner):
    for raw in SEEDS:
        result = cleaner.clean(raw, format="text")
        assert apply(result.source_text, result.edits) == result.text
        assert _removals(cleaner.clean(result.text, format="text")) == []


def _mojibake_alphabet() -> list[str]:
    """Every character ftfy's badness heuristic names, plus ASCII letters, punctuation and spaces."""
    from ftfy.badness import MOJIBAKE_CATEGORIES

    chars: set[str] = set()
    for members in MOJIBAKE_CATEGORIES.values():
        i = 0
        while i < len(members):
            if i + 2 < len(members) and members[i + 1] == "-":
                chars.update(chr(c) for c in range(ord(members[i]), ord(members[i + 2]) + 1))
                i += 3
            else:
                chars.add(members[i])
                i += 1
    return sorted(chars | set("ÃÂÎÐ€œŠšŸžØÙŒ×²³àµ¹¼½¾√∂†≠™≤≥¥ø≈‚ÄäìîïòôúùûπâóêВГРСЂўΒΓΞΟβāΆ°©®·»–—´abcXYZ .,?!'\"\t"))


@PROFILE
@given(st.text(alphabet=st.sampled_from(_mojibake_alphabet()), max_size=40))
def test_windowed_badness_check_never_misses_what_ftfy_flags(text):
    # The windowed pre-check may flag more lines than ftfy (a superset), never fewer.
    if is_bad(text):
        assert _suspect_lines(text, [text]) == [0]
