"""The RE2 prefilter never hides a match: whatever it says, results equal a line-by-line search.

`cleaner.ruleset.re2set` translates each `regex` pattern into an RE2 pattern that
matches at least as much; the rules' own patterns then confirm. These tests
check the superset property on every built-in rule's examples, on the
project's fixtures and on generated text, and that cleaning with the filter
gives exactly what cleaning without it gives.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules
from cleaner.document import Document
from cleaner.ruleset.budget import RuleBudget
from cleaner.ruleset.match import CompiledRules, Matching
from cleaner.ruleset.re2set import PatternSet, Re2Filter, translate
from cleaner.ruleset.scan import match_lines
from cleaner.ruleset.select import select

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

RULES = load_rules()
COMPILED = CompiledRules.of(RULES, warm_after=0)  # the fast paths from the first document
FILTER = COMPILED.filter
LINE_RULES = [r for r in RULES.rules if r.is_line_rule]
TEXT_RULES = [r for r in RULES.rules if not r.is_line_rule]


def _example_lines() -> list[str]:
    lines = []
    for rule in RULES.rules:
        texts = [*rule.examples.drop, *rule.examples.keep, *(f.before for f in rule.examples.fix)]
        lines += [line.strip() for text in texts for line in text.split("\n") if line.strip()]
    return lines


def _fixture_lines() -> list[str]:
    lines = []
    for path in sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "html").glob("*.html")):
        lines += [line.strip() for line in path.read_bytes().decode("utf-8", "replace").split("\n") if line.strip()]
    return lines


CORPUS = sorted(set(_example_lines() + _fixture_lines()))


@pytest.mark.parametrize("source,line,expected", [
    (r"^(?=.{0,20}$)share\b", "share this", True),             # lookahead and \b dropped: wider
    (r"^\w+$", "Müller", True),                                   # \w is Unicode, as in regex
    (r"^\d+ comments$", "١٢ comments", True),                     # \d is every decimal digit
    (r"^a{,2}b$", "aab", True),                                   # {,n} means {0,n} in regex
    (r"^a++b$", "aab", True),                                     # possessive becomes greedy
    (r"(?x) ^ share \s+ this  # a comment", "share this", True),  # verbose mode taken out
    (r"(?(DEFINE)(?<n>\d+))^(?&n) views$", "12 views", True),     # subroutine calls inlined
    (r"^Source link$", "Source links", False),                    # still a filter
    (r"(?<=\p{L})[ \t]+(?=,)", "word ,", True),                    # opening lookbehind, closing lookahead kept
    (r"(?<=\p{L})[ \t]+(?=,)", "word and more", False),            # ... so they still filter
    (r"^a(?=\w)\w+$", "ab", True),                                # a lookahead inside is dropped
])
def test_translation_matches_at_least_what_regex_matches(source, line, expected):
    translated = translate(source)
    assert translated is not None
    assert bool(regex.search(source, line)) == expected
    assert PatternSet({"r": source}, (translated,)).matching_lines([line]) == ({"r": [0]} if expected else {})


_EVERY_CODE_POINT = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("source", [r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r"[\w-]", r"[\d,.]", r"[\s/]",
                                    r"\p{L}", r"\p{Lu}", r"\P{L}", r"[\p{L}.'’-]", r"[^\p{L}\p{N}]", r"\p{Han}"])
def test_classes_hold_every_code_point_regex_gives_them(source):
    # RE2's \w, \d, \s are ASCII and its Unicode tables are older than the
    # regex module's: the translation must still take in every code point.
    import re2

    truth = {m.group() for m in regex.finditer(source, _EVERY_CODE_POINT)}
    translated = re2.compile(translate(source))
    assert truth <= {m.group() for m in translated.finditer(_EVERY_CODE_POINT)}


@pytest.mark.parametrize("source", [r"(\w)\1", r"(?:cat){e<=1}", r"[[:alpha:]]+", r"\Gx", r"(?r)abc", r"[\W\d]"])
def test_what_the_translation_does_not_follow_is_left_out(source):
    regex.compile(source)
    assert translate(source) is None
    rule = type("R", (), {"qualified_id": "f/r", "regex": regex.compile(source), "is_line_rule": True})()
    assert not PatternSet.of([rule]).covers(rule)


def test_every_builtin_rule_is_translated():
    # Not required for correctness (an untranslated rule is searched the old
    # way), but a built-in rule that falls out of the set is a speed regression.
    assert [r.qualified_id for r in RULES.rules if translate(r.regex.pattern) is None] == []


def test_line_set_names_every_line_a_rule_matches():
    found = FILTER.lines.matching_lines(CORPUS)
    for rule in LINE_RULES:
        truth = [i for i, line in enumerate(CORPUS) if rule.regex.search(line)]
        assert set(truth) <= set(found.get(rule.qualified_id, ())), rule.qualified_id
    assert any(found.values())


def test_text_set_names_every_pattern_rule_that_matches_a_text():
    texts = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]
    texts += [ex.before for rule in TEXT_RULES for ex in rule.examples.fix]
    for text in texts:
        possible = FILTER.texts.matching_rules(text)
        for rule in TEXT_RULES:
            if rule.regex.search(text):
                assert rule.qualified_id in possible, (rule.qualified_id, text[:80])


def _without_filter(doc: Document) -> dict:
    rules = [r for applied in select(RULES, doc.text, None) for r in applied.file.rules if r.is_line_rule]
    return match_lines(doc.stripped, rules, COMPILED.scanners, RuleBudget(60.0), 60.0).by_rule


def test_line_matches_with_and_without_the_filter_are_equal():
    cleaner, matched = Cleaner(), 0
    for path in sorted((FIXTURES / "seeds").glob("*.raw.txt")) + sorted((FIXTURES / "html").glob("*.html")):
        doc = cleaner._document(path.read_bytes().decode("utf-8", "replace"), path.name, None, "text")
        matching = Matching(doc, select(RULES, doc.text, None), COMPILED, RuleBudget(60.0), 60.0)
        with_filter = matching.line_matches().by_rule
        assert with_filter == _without_filter(doc), path.name
        matched += sum(map(len, with_filter.values()))
    assert matched > 0


# Lines built from pieces of the rules' own examples, cut and joined with
# arbitrary Unicode: near misses of every rule, where a wrong translation shows.
_PIECES = st.sampled_from(CORPUS).flatmap(lambda s: st.builds(lambda i, j: s[min(i, j):max(i, j)],
                                                               st.integers(0, len(s)), st.integers(0, len(s))))
_LINE = st.lists(st.one_of(_PIECES, st.text(max_size=4)), min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_generated_lines_never_lose_a_match(lines):
    stripped = [line.strip() for line in lines]
    found = FILTER.lines.matching_lines(stripped)
    for rule in LINE_RULES:
        for i, line in enumerate(stripped):
            if line and rule.regex.search(line, timeout=5):
                assert i in found.get(rule.qualified_id, ()), (rule.qualified_id, line)


def test_filter_survives_pickling_for_worker_processes():
    restored = pickle.loads(pickle.dumps(FILTER))
    assert isinstance(restored, Re2Filter)
    assert restored.lines.matching_lines(CORPUS) == FILTER.lines.matching_lines(CORPUS)


def test_a_line_re2_cannot_read_is_tried_by_every_rule():
    found = FILTER.lines.matching_lines(["Share this \ud800"])
    assert all(0 in found[rule_id] for rule_id in FILTER.lines.patterns)


# --------------------------------------------------------------------------- the Unicode pre-check

_WORDS = st.sampled_from(["café", "naïve", "coûte 10 €", "“quoted”", "it’s", "Zürich", "São Paulo", "—", "…",
                          "Ελληνικά", "кириллица", "中文", "ß", "½", "plain", "text"])


def _mojibake(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12).map(" ".join), st.sampled_from(["cp1252", "latin-1", "cp1251"]),
       st.booleans())
def test_unicode_pre_check_never_hides_a_line_ftfy_calls_bad(words, codec, garble):
    from ftfy.badness import is_bad

    from cleaner.stages.unicode import _clean_by_re2

    text = "First line.\n" + (_mojibake(words, codec) if garble else words) + "\nLast line."
    if any(is_bad(line) for line in text.split("\n")):
        assert not _clean_by_re2(text)


def test_unicode_pre_check_passes_clean_text_and_catches_mojibake():
    from cleaner.stages.unicode import _clean_by_re2

    assert _clean_by_re2("Ça coûte 10 € — “quoted” text… naïve café\nZürich\n")
    assert not _clean_by_re2("Itâ€™s a cafÃ© in ZÃ¼rich\n")
