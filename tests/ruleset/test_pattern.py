"""The one reader of pattern source, checked against the regex module (and RE2) themselves.

Over every built-in rule pattern, the rules' own examples, and generated
patterns and strings:

- tokens join back to the source, and read what ``regex.compile`` reads (its
  groups and their names); a source the reader refuses is one
  ``regex.compile`` refuses too, and one it compiles the reader never refuses;
- the prefilter facts (first characters, required literals, literal
  prefixes, a line rule's scanner) admit every string the pattern matches;
- an RE2 translation matches at least what the pattern matches on a line, and
  exactly that when it says it is exact;
- `has_top_level_bar` agrees with a brute-force reading of the source.

Then unit cases for the syntax that is easy to misread.
"""

from __future__ import annotations

import itertools

import pytest
import re2
import regex
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from cleaner import load_rules
from cleaner.ruleset.pattern import (_FOLDS_APART, compiled_nodes, first_chars, fold, has_top_level_bar,
                                     length_guard, literal_prefixes, required_literals, survives_context)
from cleaner.ruleset.re2set import CASE_PARTNERS, translate, translation
from cleaner.ruleset.scan import compile_scanner
from cleaner.ruleset.tokens import (Backref, Call, Char, CharClass, Fuzzy, GroupKind, InlineFlags,
                                    NamedList, Open, Posix, Quantifier, Range, flag_letters, flag_names,
                                    leading_flags, parse, tokens)

RULES = load_rules(installed=False).rules  # the built-in rule files only
BUILTIN = {rule.qualified_id: rule for rule in RULES}
PROFILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.filter_too_much])


def _texts(rule) -> list[str]:
    return [*rule.examples.drop, *rule.examples.keep, *(fix.before for fix in rule.examples.fix)]


def _lines(rule) -> list[str]:
    return [line.strip() for text in _texts(rule) for line in text.split("\n") if line.strip()]


def _compiles(source: str) -> regex.Pattern | None:
    try:
        return regex.compile(source)
    except (regex.error, ValueError):  # (the regex module lets a ValueError out for "{2i<=}")
        return None


# --------------------------------------------------------------------------- generated patterns

LEAVES = ["a", "b", "c", "ab", "bc", " ", "-", r"\.", "x", "K", "é", "i", "I", "İ", "ı", "ß", "[a-c]", "[h-j]", "[^ab]", "[]a]", r"[\w-]",
          "[[:digit:]]", "[a[]", r"[\p{Lu}x]", r"\d", r"\w", r"\s", r"\W", r"\S", r"\p{L}", r"\pL", r"\P{Lu}",
          r"\N{LATIN SMALL LETTER A}", r"\x62", r"\u0063", r"\141", ".", r"\b", r"\B", "^", "$", "(?#c|d)", "# n\n",
          "(a)\\1", "(?P<r>b)(?P=r)", "(?(DEFINE)(?<d>[0-9]))(?&d)", "(x)?(?(1)a|b)", "(?i)", "(?-i)", r"\m"]
QUANTIFIERS = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{,2}", "{2,}", "*?", "+?", "??", "?+", "*+", "{e<=1}"]
WRAPPERS = ["(?:{})", "({})", "(?P<g>{})", "(?<h>{})", "(?={})", "(?!{})", "(?<={})", "(?<!{})", "(?>{})",
            "(?i:{})", "(?-i:{})", "(?x:{})", "(?|{})", "(?i-s:{})"]
LEADS = ["", "", "(?i)", "(?s)", "(?x)", "(?ix)", "(?V1)", "(?fi)", "(?m)"]


def _grow(inner):
    return st.one_of(
        st.tuples(st.sampled_from(WRAPPERS), inner).map(lambda p: p[0].format(p[1])),
        st.lists(inner, min_size=2, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map("|".join),
        st.tuples(inner, st.sampled_from(QUANTIFIERS)).map("".join),
    )


PATTERNS = st.tuples(st.sampled_from(LEADS), st.recursive(st.sampled_from(LEAVES), _grow, max_leaves=8)).map("".join)
TEXTS = st.text(alphabet="abcxhijAB1 -._éKkİıßẞ\U0001df95ĸ", max_size=10)
# Pieces of regex syntax, valid or not in any order: the reader must refuse exactly what regex refuses.
SYNTAX = ["a", "b", "(", ")", "[", "]", "|", "?", "*", "+", "{", "}", "^", "$", ".", "\\", "#", "-", ",", ":", "=",
          "!", "<", ">", "P", "x", "i", "V1", "e", "0", "1", " ", "\n", "&", "R", "(?", "(?:", "(?P<n>", "(?<",
          r"\p{L}", "[:alpha:]", "{e<=1}", "{1,2}", "(?x)", "(?i)", "(?#", r"\N{EM DASH}", r"\x41", "(?V1)", "(?(",
          "DEFINE", "(?&n)", r"\g<n>", "(*F)", r"\L<n>"]


# --------------------------------------------------------------------------- (a) lossless, and read as regex reads


def _check_reading(source: str, compiled: regex.Pattern) -> None:
    found = tokens(source)
    assert "".join(t.text for t in found) == source
    assert all(source.startswith(t.text, t.start) for t in found)
    parse(found)  # a compiled pattern never has a repeat with nothing to repeat
    names = {t.name for t in found if isinstance(t, Open) and t.kind is GroupKind.NAMED}
    assert names == set(compiled.groupindex)
    if not any(isinstance(t, Open) and t.kind is GroupKind.BRANCH_RESET for t in found):  # (which reuses numbers)
        captures = sum(isinstance(t, Open) and t.kind is GroupKind.CAPTURE for t in found)
        assert captures + len(names) == compiled.groups


@pytest.mark.parametrize("rule_id", sorted(BUILTIN))
def test_builtin_patterns_are_read_losslessly_as_regex_reads_them(rule_id):
    rule = BUILTIN[rule_id]
    _check_reading(rule.regex.pattern, rule.regex)


@PROFILE
@given(st.lists(st.sampled_from(SYNTAX), max_size=14).map("".join))
@example("[[a]b]")
@example("(?x)a(?#x\ny)b")
@example(r"(?x)\x 41{1, 3}")
@example("(?i)a|(?V1)[[a]b]")
def test_the_reader_refuses_only_what_regex_refuses(source):
    compiled = _compiles(source)
    try:
        found = tokens(source)
        parse(found)
    except regex.error:
        assert compiled is None, source
        return
    assert "".join(t.text for t in found) == source
    if compiled is not None:
        _check_reading(source, compiled)


@PROFILE
@given(PATTERNS)
def test_generated_patterns_are_read_as_regex_reads_them(source):
    compiled = _compiles(source)
    assume(compiled is not None)
    _check_reading(source, compiled)


# --------------------------------------------------------------------------- (b) prefilters admit every match


def _check_prefilters(source: str, compiled: regex.Pattern, text: str) -> None:
    """Every match of `compiled` in `text` is admitted by the facts read from `source`."""
    lead = leading_flags(source)
    flags, body = lead.flags, source[lead.end:]
    chars, prefixes = first_chars(body, flags), literal_prefixes(body, flags)
    case = flag_letters(flag_names(flags) - set("xms"))  # as the scanner compiles its literal
    literals = [regex.compile((f"(?{case})" if case else "") + regex.escape(literal))
                for literal in required_literals(body, flags)]
    for match in itertools.islice(compiled.finditer(text, overlapped=True), 200):
        found = match.group()
        if not found:
            continue
        if chars is not None and found[0].isascii():
            assert found[0] in chars, (source, found)
        if prefixes is not None:
            assert fold(found).startswith(prefixes), (source, found, prefixes)
        for literal in literals:
            assert literal.search(found), (source, found, literal.pattern)


def _check_scanner(source: str, compiled: regex.Pattern, line: str) -> None:
    """A line rule's scanner keeps every line the rule matches (the filters of `cleaner.ruleset.scan`)."""
    scanner = compile_scanner(source)
    if scanner is None or compiled.search(line) is None:
        return
    assert scanner.pattern.search("\n" + line + "\n"), (source, line)
    if scanner.literal is not None:
        assert scanner.literal.search(line), (source, line)
    if not scanner.anchored:
        return
    if scanner.first is not None and line[0].isascii():
        assert line[0] in scanner.first, (source, line)
    assert scanner.min_len <= len(line) and (scanner.max_len is None or len(line) <= scanner.max_len)
    folded = fold(line)
    assert scanner.prefixes is None or folded.startswith(scanner.prefixes), (source, line)
    assert all(n in (folded if scanner.fold else line) for n in scanner.needles), (source, line, scanner.needles)


@pytest.mark.parametrize("rule_id", sorted(BUILTIN))
def test_builtin_prefilters_admit_every_example_match(rule_id):
    rule = BUILTIN[rule_id]
    source = rule.regex.pattern
    texts = _lines(rule) if rule.is_line_rule else _texts(rule)
    assert texts
    for text in texts:
        _check_prefilters(source, rule.regex, text)
        if rule.is_line_rule:
            _check_scanner(source, rule.regex, text)


@PROFILE
@given(st.sampled_from(sorted(BUILTIN)), TEXTS)
def test_builtin_prefilters_admit_generated_matches(rule_id, text):
    rule = BUILTIN[rule_id]
    _check_prefilters(rule.regex.pattern, rule.regex, text)


@PROFILE
@given(PATTERNS, st.lists(TEXTS, min_size=1, max_size=4))
@example(r"(?i)filed under", ["FİLED UNDER"])
@example(r"(?i)^ix+", ["İxx"])
@example(r"(?fi)^ß", ["SS"])
@example(r"^(?:cat){e<=1}", ["cut"])
@example(r"^ab(?i)cdef", ["abCDEF"])
def test_generated_prefilters_admit_every_match(source, texts):
    compiled = _compiles(source)
    assume(compiled is not None)
    for text in texts:
        _check_prefilters(source, compiled, text)
        for line in text.split("\n"):
            if line:
                _check_scanner(source, compiled, line)


# --------------------------------------------------------------------------- (c) RE2 agrees with regex


def _check_translation(source: str, compiled: regex.Pattern, lines: list[str]) -> None:
    found = translation(source)
    if found is None:
        return
    translated = re2.compile(found.pattern)
    for line in lines:
        expected = compiled.search(line) is not None
        got = translated.search(line) is not None
        if found.exact:
            assert got == expected, (source, found.pattern, line)
        else:
            assert got or not expected, (source, found.pattern, line)


@pytest.mark.parametrize("rule_id", sorted(BUILTIN))
def test_builtin_translations_agree_with_regex_on_every_example_line(rule_id):
    rule = BUILTIN[rule_id]
    _check_translation(rule.regex.pattern, rule.regex, _lines(rule))


@PROFILE
@given(PATTERNS, st.lists(TEXTS, min_size=1, max_size=4))
@example(r"[^\w]", ["—"])
@example(r"(?i)filed under", ["FİLED UNDER"])
@example(r"(?i)[a-z\p{Lu}]+", ["ıĸ"])
@example(r"(?<=a(?=bc))b", ["abc"])
@example(r"(?i:(?<n>a))(?&n)", ["aA"])
@example(r"(?i)ı", ["i"])  # RE2 folds the partner "I" with "i" too: a superset, not exact
@example(r"(?i)[ı-ı]", ["i"])
def test_generated_translations_match_at_least_what_regex_matches(source, lines):
    compiled = _compiles(source)
    assume(compiled is not None)
    _check_translation(source, compiled, lines)


# --------------------------------------------------------------------------- (d) top-level bar


def _bar_by_brute_force(source: str) -> bool:
    """A "|" is a top-level bar when the source before it is a pattern on its own, and
    the "|" is syntax: put "(" in its place and the source no longer compiles."""
    lead = leading_flags(source)
    for index in range(lead.end, len(source)):
        if source[index] == "|" and _compiles(source[:index]) is not None and (
                _compiles(source[:index] + "(" + source[index + 1:]) is None):
            return True
    return False


@pytest.mark.parametrize("rule_id", sorted(BUILTIN))
def test_builtin_top_level_bar_agrees_with_brute_force(rule_id):
    source = BUILTIN[rule_id].regex.pattern
    lead = leading_flags(source)
    rest = source[lead.end:]
    assert has_top_level_bar(rest, "x" in lead.flags) == _bar_by_brute_force(source)


@PROFILE
@given(PATTERNS)
@example("a(?#x|y)b")
@example("(?x)a # x|y\nb")
@example("[|]|a")
def test_generated_top_level_bar_agrees_with_brute_force(source):
    assume(_compiles(source) is not None)
    lead = leading_flags(source)
    assert has_top_level_bar(source[lead.end:], "x" in lead.flags) == _bar_by_brute_force(source)


# --------------------------------------------------------------------------- the tricky syntax


def _kinds(source: str, verbose: bool = False) -> list[tuple[str, str]]:
    return [(type(t).__name__, t.text) for t in tokens(source, verbose)]


@pytest.mark.parametrize("source,expected", [
    # VERSION0: a "[" inside a class is a character; "]" first is a member
    ("[[a]b]", [("CharClass", "[[a]"), ("Char", "b"), ("Char", "]")]),
    ("[]a][^]a]", [("CharClass", "[]a]"), ("CharClass", "[^]a]")]),
    # verbose mode: white space and comments are nothing, except inside a class
    ("(?x) a # c\n[ #]", [("InlineFlags", "(?x)"), ("Space", " "), ("Char", "a"), ("Space", " # c\n"),
                          ("CharClass", "[ #]")]),
    # ... and it holds from where it is switched on to the end of its group
    ("a (?x)b c", [("Char", "a"), ("Char", " "), ("InlineFlags", "(?x)"), ("Char", "b"), ("Space", " "),
                   ("Char", "c")]),
    ("(?:(?x) b) c", [("Open", "(?:"), ("InlineFlags", "(?x)"), ("Space", " "), ("Char", "b"), ("Close", ")"),
                      ("Char", " "), ("Char", "c")]),
    # verbose mode also steps over white space inside some tokens, as the regex module does
    ("(?x)a{1, 3} ?", [("InlineFlags", "(?x)"), ("Char", "a"), ("Quantifier", "{1, 3} ?")]),
    (r"(?x)\x 41", [("InlineFlags", "(?x)"), ("Char", r"\x 41")]),
    # braces that are not a repeat are characters
    ("a{x}{", [("Char", "a"), ("Char", "{"), ("Char", "x"), ("Char", "}"), ("Char", "{")]),
    ("(?#a\\)b)c", [("Comment", "(?#a\\)b)"), ("Char", "c")]),
    ("(?|a)(?>b)", [("Open", "(?|"), ("Char", "a"), ("Close", ")"), ("Open", "(?>"), ("Char", "b"),
                    ("Close", ")")]),
    ("(*F)|a", [("Verb", "(*F)"), ("Bar", "|"), ("Char", "a")]),
])
def test_tokens_of_tricky_syntax(source, expected):
    assert _kinds(source) == expected
    assert _compiles(source) is not None


def test_nested_classes_and_set_operations_only_in_version1():
    flags, outer = tokens("(?V1)[[a]b--c]")
    assert isinstance(flags, InlineFlags) and flags.on == ("V1",)
    assert isinstance(outer, CharClass) and outer.text == "[[a]b--c]"
    assert [type(m).__name__ for m in outer.members] == ["CharClass", "Char", "SetOperator", "Char"]
    # A global flag holds everywhere: the class before "(?V1)" nests too.
    assert [t.text for t in tokens("[[a]b](?V1)")] == ["[[a]b]", "(?V1)"]
    posix, member_range = tokens("[[:^alpha:]a-z]")[0].members
    assert isinstance(posix, Posix) and posix.name == "alpha" and not posix.positive
    assert isinstance(member_range, Range) and (member_range.low.char, member_range.high.char) == ("a", "z")


def test_escapes():
    found = tokens(r"\p{Lu}\pL\P{^L}\p{Script=Han}\N{EM DASH}\N\x41\u00e9\101\0\.\d\h\X\b\G\K\m")
    assert [(type(t).__name__, getattr(t, "name", getattr(t, "char", getattr(t, "letter", None)))) for t in found] == [
        ("Property", "Lu"), ("Property", "L"), ("Property", "L"), ("Property", "Script=Han"), ("Char", "—"),
        ("Char", "N"), ("Char", "A"), ("Char", "é"), ("Char", "A"), ("Char", "\0"), ("Char", "."),
        ("Shorthand", "d"), ("Shorthand", "h"), ("Shorthand", "X"), ("Anchor", "b"), ("Anchor", "G"),
        ("Anchor", "K"), ("Anchor", "m")]
    assert [t.positive for t in found[:3]] == [True, True, True]  # \P{^L} is a double negation
    assert isinstance(tokens(r"[\b]")[0].members[0], Char)  # a backspace inside a class
    assert isinstance(tokens(r"\L<words>")[0], NamedList)


def test_groups_references_and_calls():
    found = tokens(r"(?P<n>a)(?<m>b)(?P=n)\g<m>\1(?&n)(?P>m)(?R)(?1)(?+1)")
    opens = [(t.kind, t.name) for t in found if isinstance(t, Open)]
    assert opens == [(GroupKind.NAMED, "n"), (GroupKind.NAMED, "m")]
    assert [t.ref for t in found if isinstance(t, Backref)] == ["n", "m", "1"]
    assert [t.ref for t in found if isinstance(t, Call)] == ["n", "m", "0", "1", "+1"]
    conditional = tokens("(a)?(?(1)b|c)(?(?=d)d|e)(?(DEFINE)(?<z>f))")
    kinds = [(t.kind, t.name) for t in conditional if isinstance(t, Open)]
    assert kinds == [(GroupKind.CAPTURE, None), (GroupKind.CONDITIONAL, "1"), (GroupKind.CONDITIONAL, None),
                     (GroupKind.LOOKAHEAD, None), (GroupKind.DEFINE, "DEFINE"), (GroupKind.NAMED, "z")]
    assert [t.kind for t in tokens("(?<=a)(?<!b)(?=c)(?!d)") if isinstance(t, Open)] == [
        GroupKind.LOOKBEHIND, GroupKind.NEGATIVE_LOOKBEHIND, GroupKind.LOOKAHEAD, GroupKind.NEGATIVE_LOOKAHEAD]


def test_repeats():
    found = [t for t in tokens("a?b*?c+d{2}e{,3}+f{2,}g{e<=1}h{e<=0}") if isinstance(t, (Quantifier, Fuzzy))]
    assert [(t.min, t.max, t.mode) for t in found if isinstance(t, Quantifier)] == [
        (0, 1, "greedy"), (0, None, "lazy"), (1, None, "greedy"), (2, 2, "greedy"), (0, 3, "possessive"),
        (2, None, "greedy")]
    assert [t.is_fuzzy for t in found if isinstance(t, Fuzzy)] == [True, False]
    # Inline flags add no item: a repeat after them repeats what came before.
    (branch,) = parse(tokens("a(?i)*"))
    assert branch[0].repeat is not None and isinstance(branch[1].atom, InlineFlags)


def test_flags_in_force():
    found = tokens("a(?i)b(?-i:c)(?s:d)e")
    assert [sorted(t.flags) for t in found if isinstance(t, Char)] == [[], ["i"], [], ["i", "s"], ["i"]]
    assert all("r" in t.flags for t in tokens("ab(?r)"))  # a global flag, wherever it stands
    assert leading_flags("(?i)(?s) ^a").flags == leading_flags("(?is) ^a").flags == "is"
    assert leading_flags("(?x) (?i) ^a").flags == "ix" and leading_flags("(?i) ^a").end == 4


@pytest.mark.parametrize("source", ["a\\", "[a", "(a", "a)", "(?<n", "(?Q)", "*a", "a**", "(?P=)", "a{e<=1",
                                    "(?#a", "[z-a]", "(?i-)a"])
def test_what_the_reader_refuses_regex_refuses(source):
    with pytest.raises(regex.error):
        parse(tokens(source))
    assert _compiles(source) is None


# --------------------------------------------------------------------------- fixed misreadings


def test_fuzzy_constraints_are_not_characters():
    assert first_chars("(?:cat){e<=1}", "") is None
    assert literal_prefixes("ab{e<=1}c", "") == ("a",)
    assert required_literals("abc{e<=1}de", "") == ("ab", "de")
    assert not survives_context("a{e<=1}")


def test_a_flag_switched_mid_pattern_changes_the_literals_after_it():
    assert required_literals("ab(?i)cdef", "") == ("ab",)
    assert first_chars("(?i)a", "") == frozenset("aA")
    assert first_chars("(?x: a)", "") == frozenset("a")


def test_full_case_folding_and_turkish_i():
    assert first_chars("ß", "fi") is None  # "ß" matches "ss"
    assert fold("FİLED Iı") == "filed ii"
    assert literal_prefixes("ßa", "i") is None and literal_prefixes("ßa", "") == ("ssa",)


def test_folds_apart_is_every_character_regex_pairs_otherwise():
    # Every cased code point (and the sharp s Python's tables predate): the characters
    # that a case-insensitive literal matches but `fold` folds otherwise.
    cased = _cased()
    candidates = "".join(cased)
    apart = {c for c in cased for m in regex.finditer("(?i)" + regex.escape(c), candidates) if fold(m.group()) != fold(c)}
    assert apart == _FOLDS_APART


def _cased() -> list[str]:
    """Every cased code point, and a sharp s newer than Python's Unicode tables."""
    return [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and (
        chr(c).lower() != chr(c) or chr(c).upper() != chr(c) or chr(c).casefold() != chr(c))] + ["\U0001df95"]


def test_case_partners_are_every_pair_regex_has_and_re2_lacks():
    cased = _cased()
    candidates = "".join(cased)
    missing = {}
    for char in cased:
        by_regex = {m.group() for m in regex.finditer("(?i)" + regex.escape(char), candidates)}
        by_re2 = {m.group() for m in re2.compile("(?i)" + rf"\x{{{ord(char):x}}}").finditer(candidates)}
        if by_regex - by_re2:
            missing[char] = "".join(sorted(by_regex - by_re2))
    assert missing == CASE_PARTNERS


def test_verbose_space_and_calls_cost_nothing_to_compile():
    assert compiled_nodes("(?x) a b  c # three\n") == compiled_nodes("abc") == 3
    assert compiled_nodes("(?<n>ab)(?&n)") == 3
    assert compiled_nodes("(?:(?:a{1000}){1000}){1000}") == 10**9


def test_comments_and_escapes_do_not_make_bars():
    assert not has_top_level_bar("a(?#x|y)b", False)
    assert not has_top_level_bar("a # x|y\nb", True)
    assert has_top_level_bar("a # x\n|b", True)
    assert not has_top_level_bar(r"a\|b[|]", False)


def test_scanner_reads_flags_not_text():
    assert compile_scanner("^V1 engine$").anchored  # the letters "V1", not the VERSION1 flag
    assert not compile_scanner("(?V1)^a$").anchored
    assert compile_scanner(r"^a\(?>b") is not None  # an escaped "(", not an atomic group
    assert compile_scanner("(?x) (?i) ^ read").anchored
    assert length_guard("(?=.{3,8}$)a", "") == (3, 8) and length_guard("(?=.{}$)a", "") == (0, None)


def test_translation_fixes():
    assert re2.compile(translate(r"[^\w]")).search("—")  # \w inside a negated class
    assert re2.compile(translate(r"(?<=a(?=bc))b")).search("abc")  # lookarounds inside a kept one
    assert translate(r"(?i:(?<n>a))(?&n)") is None  # a called group keeps its own flags
    assert translate("(?x) a b # c") == "ab" and translate("a(?x: b )c") == "a(?:b)c"
    assert translate("a(?#note)b") == "ab"
    assert translation(r"^\d+ views$").exact is False and translation("^Source link$").exact is True
