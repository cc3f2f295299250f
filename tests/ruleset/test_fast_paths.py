"""The fast paths give exactly the answers of the straightforward ones.

- line rules: `Matching.line_matches` (one scan per rule, prefilters, confirmed
  per line) against `rule.regex.search(line.strip())` for every line;
- the whole pipeline with scanners against the same pipeline with every rule
  searched line by line: same edits, same report;
- the mojibake check near non-ASCII runs against checking every non-ASCII line;
- the ledger's block index and the bulk line-coverage flags against naive versions.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import ftfy
import pytest
import yaml
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules
from cleaner.document import Document
from cleaner.edits import Coverage, Edit, Superseded, resolve
from cleaner.ruleset.budget import RuleBudget
from cleaner.ruleset.match import CompiledRules, Matching
from cleaner.ruleset.model import (
    AppliedFile,
    Applies,
    Examples,
    Rule,
    RuleFile,
    RuleSet,
)
from cleaner.ruleset.pattern import first_chars, literal_prefixes, required_literal
from cleaner.ruleset.scan import compile_scanner
from cleaner.stages import unicode as unicode_stage

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SAMPLES = yaml.safe_load((Path(__file__).resolve().parents[1] / "lines.yaml").read_text(encoding="utf-8"))
CHROME, PROSE = SAMPLES["chrome"], SAMPLES["prose"]
EXAMPLES = int(os.environ.get("CLEANER_HYPOTHESIS_EXAMPLES", "2000"))

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]
PROFILE = settings(max_examples=max(50, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Patterns that probe the scanner's reasoning: lines crossing into the next,
# lookarounds at line edges, verbose comments, top-level alternations, length
# guards, case folding beyond ASCII, and constructs that must fall back to
# line-by-line search.
TRICKY = [
    r"^(?:\p{Lu}\w+\s+){1,3}said$",
    r"^(?!The)\w+ news$",
    r"(?<![a-z])share this$",
    r"(?<=\s)more$",
    r"^Share|Follow us$",
    "(?x) ^ read \\s more  # a | b (\n $",
    r"^(?=.{0,12}$)\d+ views$",
    r"(?x)^ (?=.{3,8}$) \w+",
    r"(?i)^ß?straße$",
    r"(?i)^é\w+",
    r"(?i)^kelvin$",
    r"^\W+$",
    r"\bend\b",
    r"^.{2}$",
    r"foo\Z",
    r"(?s)^a.b$",
    r"^(\w+) \1$",
    r"(?x)^(?(DEFINE)(?<w>\p{Lu}\w+)) (?&w) \s+ (?&w)$",
    r"(?i)^.*advertisement.*$",
    r"^a?b+c$",
    r"^(?:x|y)*z",
    r"^\.\.\.$",
    r"^\(photo\)$",
    r"^[]a]+$",
    r"^(?i:share)$",
    r"^a++b",
    r"(?i)^-\s*advertisement\s*-$",
    r"\s+contributed\s+",
    r"^\d[\d,.]{0,9}[KkMm]?$",
]
POOL = [
    "", "  ", "Share", "share", "SHARE", "\tShare  ", "Follow us", "Read more", "read more ", "12 views",
    "1234567890123 views", "Kelvin", "\u212aelvin", "STRASSE", "straße", "Straße", "ẞtraße", "éclair",
    "Éclair", "...", "(photo)", "]a]", "ab", "abbc", "bc", "xyz", "z", "The news", "Big news",
    "Jane Doe said", "Jane", "Doe said", "\x00", "\u2028x", "end", "the end is near", "a b", "aab",
    "word word", "ADVERTISEMENT here", "- Advertisement -", "Ad", "   indented line  ", "x" * 300,
    "foo", "foobar", "share this", "Share this", "some more", "Jane Doe contributed reporting", "144",
    "1.2K", "Reporting by Jane Doe; Editing by John Smith", "a\u00a0b", "\ufeffShare",
] + CHROME + PROSE
DOCS = st.lists(st.sampled_from(POOL) | st.text(max_size=12), max_size=30).map("\n".join)


def _rule(source: str, n: int) -> Rule:
    import regex

    compiled = regex.compile(source)
    return Rule(f"tricky-{n}", "tricky", "counter", "drop-line", compiled, "any", "", Examples(("x",), ("y",)))


def _applied(rules: list[Rule]) -> tuple[AppliedFile, ...]:
    return (AppliedFile(RuleFile("tricky", "<test>", "", Applies(always=True), tuple(rules)), "always"),)


BUILTIN_LINE_RULES = [r for r in load_rules().rules if r.is_line_rule]
TRICKY_RULES = [_rule(source, n) for n, source in enumerate(TRICKY)]


@functools.lru_cache(maxsize=4)
def _compiled(rules: tuple[Rule, ...]) -> CompiledRules:
    return CompiledRules.of(RuleSet((RuleFile("tricky", "<test>", "", Applies(always=True), rules),)), warm_after=0)


def _reference(doc: Document, rules: list[Rule]) -> dict[str, tuple[int, ...]]:
    return {r.qualified_id: tuple(line.index for line in doc.lines if line.text.strip()
                                  and r.regex.search(line.text.strip()) is not None) for r in rules}


def _check_matches(text: str, rules: list[Rule]) -> None:
    doc = Document(text)
    files = _applied(rules)
    matches = Matching(doc, files, _compiled(tuple(rules)), RuleBudget(60.0), 5.0).line_matches()
    assert matches.timed_out == ()
    assert matches.by_rule == _reference(doc, rules)


def test_line_matches_equal_per_line_search_on_seeds():
    for text in SEEDS:
        _check_matches(text, BUILTIN_LINE_RULES)
        _check_matches(text, TRICKY_RULES)


@PROFILE
@given(DOCS)
def test_line_matches_equal_per_line_search_on_generated_text(text):
    _check_matches(text, BUILTIN_LINE_RULES + TRICKY_RULES)


def test_unsafe_patterns_get_no_scanner_and_safe_ones_do():
    unsafe = [r"^(?!The)\w+ news$", r"(?<![a-z])share this$", r"foo\Z", r"^a++b", r"^(?>a|ab)c"]
    assert all(compile_scanner(p) is None for p in unsafe)
    assert all(compile_scanner(p) is not None for p in (r"^Share$", r"(?<=\s)more$", r"\bend\b"))


def test_first_chars_and_required_literal():
    assert first_chars("(?:ab|cd)?e", "") == frozenset("ace")
    assert first_chars(r"\d+x", "") == frozenset("0123456789")
    assert first_chars("a", "i") == frozenset("aA")
    assert first_chars(r"(?=.{0,9}$)(?i:by)\s", "") == frozenset("bB")
    assert first_chars("(?&name)x", "") is None
    assert first_chars("a*", "") is None  # can match nothing: no filter
    assert required_literal(r"\s+contributed\s+", "") == "contributed"
    assert required_literal(r"^-\s*advertisement\s*-$", "i") == "advertisement"
    assert required_literal(r"a|bcdef", "") is None
    assert required_literal(r"(?:photo)\s+by", "") is None  # in a group, or too short
    assert literal_prefixes("(?:leave a (?:reply|comment)|post a comment)\\W*$", "i") == (
        "leave a comment", "leave a reply", "post a comment")
    assert literal_prefixes("(?:please )?(?:enter|type) your", "") == ("enter your", "please ", "type your")
    assert literal_prefixes("ab*c", "") == ("ab", "ac")
    assert literal_prefixes("(?:By|BY)\\s", "") == ("by",)  # case-folded
    assert literal_prefixes(r"\d+", "") is None and literal_prefixes("a|[bc]", "") is None


def _cleaner(rules: RuleSet, fast: bool) -> Cleaner:
    cleaner = Cleaner(rules=rules)
    # The compiled rules are derived data the cleaner caches: here, with the fast paths (RE2 sets and
    # scanners) from the first document, or never (every line rule searched line by line).
    vars(cleaner)["_compiled"] = CompiledRules.of(rules, warm_after=0 if fast else sys.maxsize)
    return cleaner


@pytest.fixture(scope="module")
def fast_cleaner() -> Cleaner:
    return _cleaner(load_rules(), fast=True)


@pytest.fixture(scope="module")
def reference_cleaner() -> Cleaner:
    return _cleaner(load_rules(), fast=False)


def _same_result(fast, slow) -> None:
    assert fast.edits == slow.edits
    assert fast.kept == slow.kept
    assert fast.superseded == slow.superseded
    assert fast.notices == slow.notices
    assert fast.text == slow.text


def test_pipeline_edits_equal_line_by_line_reference_on_seeds(fast_cleaner, reference_cleaner):
    for text in SEEDS:
        _same_result(fast_cleaner.clean(text, format="text"), reference_cleaner.clean(text, format="text"))


@PROFILE
@given(DOCS, st.sampled_from(["\n", "\n\n"]))
def test_pipeline_edits_equal_line_by_line_reference_on_generated_text(fast_cleaner, reference_cleaner, text, sep):
    text = text.replace("\n", sep)
    _same_result(fast_cleaner.clean(text, format="text"), reference_cleaner.clean(text, format="text"))


# --------------------------------------------------------------------------- Unicode repair


def _reference_repair(text: str) -> tuple[str, list]:
    lines = text.split("\n")
    repairs = []
    for index, line in enumerate(lines):
        if line.isascii() and not unicode_stage._CONTROL.search(line):
            continue
        if not (unicode_stage._CONTROL.search(line) or is_bad(line)):
            continue
        fixed = ftfy.fix_and_explain(line, unicode_stage._CONFIG)
        if fixed.text != line:
            repairs.append((index, line, fixed.text))
            lines[index] = fixed.text
    return "\n".join(lines), repairs


MOJIBAKE_POOL = [
    "Caf\u00c3\u00a9 au lait", "He said \u00e2\u20ac\u0153hello\u00e2\u20ac\u009d.", "It\u00e2\u20ac\u2122s fine",
    "Plain ASCII line.", "“Curly” quotes — and dashes…", "naïve café", "\u00c3 \u00a0x", "ctrl\x07char",
    "\u041f\u0440\u0438\u0432\u0435\u0442", "\u00d0\u009f\u00d1\u0080\u00d0\u00b8", "中文内容", "x\u00e0\u00b2y",
]


@PROFILE
@given(st.lists(st.sampled_from(MOJIBAKE_POOL) | st.text(max_size=20), max_size=20).map("\n".join))
def test_repair_near_non_ascii_runs_equals_checking_every_line(text):
    repaired = unicode_stage.repair(text)
    expected_text, expected_repairs = _reference_repair(text)
    assert repaired.text == expected_text
    assert [(r.line, r.before, r.after) for r in repaired.repairs] == expected_repairs


def test_badness_matches_fit_in_the_window_reach():
    # The repair stage looks only this far around non-ASCII runs.
    assert re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1] < unicode_stage.BADNESS_REACH


# --------------------------------------------------------------------------- ledger


def _naive_resolve(proposed: list[Edit]):
    accepted_removals: list[Edit] = []
    superseded = []
    for edit in (e for e in proposed if e.is_removal):
        blocker = next((a for a in sorted(accepted_removals, key=lambda e: (e.start, e.end)) if a.overlaps(edit)), None)
        (superseded.append(Superseded(edit, blocker)) if blocker else accepted_removals.append(edit))
    accepted_fixes: list[Edit] = []
    for edit in (e for e in proposed if not e.is_removal):
        blocker = next((a for a in sorted(accepted_removals + accepted_fixes, key=lambda e: (e.start, e.end))
                        if a.overlaps(edit)), None)
        (superseded.append(Superseded(edit, blocker)) if blocker else accepted_fixes.append(edit))
    return tuple(sorted(accepted_removals + accepted_fixes, key=lambda e: (e.start, e.end))), superseded


EDIT = st.builds(lambda s, n, fix: Edit(s, s + n, "x" if fix else "", "punctuation" if fix else "counter", "r", "t"),
                 st.integers(0, 3000), st.integers(0, 6), st.booleans())


@PROFILE
@given(st.lists(EDIT, min_size=0, max_size=700))
# Two accepted edits on one span (a zero-width removal, then an insertion) both
# beat the third: the one reported is the first accepted, as in the naive order.
@example([Edit(1, 1, "", "counter", "r", "t"), Edit(1, 1, "x", "punctuation", "r", "t"),
          Edit(0, 2, "x", "punctuation", "r", "t")])
def test_resolve_with_block_index_equals_naive_first_wins(proposed):
    result = resolve(proposed)
    applied, superseded = _naive_resolve(proposed)
    assert result.applied == applied
    assert sorted(map(repr, result.superseded)) == sorted(map(repr, superseded))


@PROFILE
@given(st.lists(st.sampled_from(["", "a", "bb", "ccc dd"]), min_size=1, max_size=30), st.lists(EDIT, max_size=20))
def test_bulk_line_flags_equal_covers_per_line(lines, edits):
    doc = Document("\n".join(lines))
    removals = [e for e in edits if e.is_removal]
    gone = Coverage(removals)
    assert list(doc.removed_lines(removals)) == [int(gone.covers(*doc.line_span(ln))) for ln in doc.lines]


PIECES = ["a", "b", "ab", "c", "[xy]", r"\d", r"\.", " ", "(?:a|bc)", "(?:x|)", "(?=a)", r"\b", "(?i:b)", "(?:ab|c)"]
QUANTIFIERS = ["", "", "?", "*", "+", "{0,2}", "{1,2}"]
PATTERNS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(QUANTIFIERS)), min_size=1, max_size=5).map(
    lambda items: "".join(p + q if not p.startswith(("(?=", "\\b")) else p for p, q in items))


@PROFILE
@given(st.lists(PATTERNS, min_size=1, max_size=2).map("|".join), st.sampled_from(["", "i"]),
       st.text(alphabet="abcxyABC1. ", max_size=8))
def test_prefilter_facts_hold_for_every_match(body, flags, text):
    import regex

    match = regex.match(f"(?{flags})(?:{body})" if flags else f"(?:{body})", text)
    if match is None or match.end() == 0:
        return
    chars, prefixes = first_chars(body, flags), literal_prefixes(body, flags)
    assert chars is None or text[0] in chars
    assert prefixes is None or text.casefold().startswith(prefixes)
    literal = required_literal(body, flags)
    if literal is not None:
        assert regex.search(f"(?{flags})" + regex.escape(literal) if flags else regex.escape(literal), match.group())
