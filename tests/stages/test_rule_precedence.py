"""Rules that would remove the same line: the most specific takes it, the others are superseded.

Precedence (docs/rules.md, "Precedence"): a file selected by the document's
domain first, then by origin (given > CLEANER_RULES > user folder > package >
built-in), then a line's own rule before a region's before a span's, then
file order. Every rule that loses a line is listed in `superseded`.
"""

from __future__ import annotations

import json
from pathlib import Path

from cleaner import Cleaner, Settings
from cleaner.edits import apply
from cleaner.ruleset.load import load_sources
from cleaner.ruleset.model import Origin
from cleaner.ruleset.sources import RuleSource

ARTICLE = "The council approved the budget on Tuesday after a long debate about the schools.\n\n"


def _file(folder: Path, name: str, applies: str, rules: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\napplies: {applies}\nrules:\n{rules}", encoding="utf-8")
    return path


def _rule(rule_id: str, category: str, action: str, regex: str, drop: str, keep: str = "Nothing to see.") -> str:
    key = "pattern" if action == "drop-span" else "line"
    return (f"  - id: {rule_id}\n    category: {category}\n    action: {action}\n    {key}: '{regex}'\n"
            f"    examples: {{drop: [{json.dumps(drop)}], keep: [{json.dumps(keep)}]}}\n")


def _clean(sources: list[RuleSource], text: str, url: str | None = None):
    cleaner = Cleaner(rules=load_sources(sources), settings=Settings(heuristics=None))
    result = cleaner.clean(text, url=url, format="text")
    assert apply(result.source_text, result.edits) == result.text
    return result


def _credits(result) -> dict[str, str]:
    """Removed text -> the rule credited with it (the blank lines tidied away aside)."""
    return {result.source_text[e.start:e.end].strip(): e.rule for e in result.edits if not e.rule.startswith("tidy/")}


def _lost(result) -> list[tuple[str, str]]:
    return [(s.edit.rule, s.by.rule) for s in result.superseded]


SOURCE_LINE = _rule("source-link", "editor-credit", "drop-line", "^Source link$", "Source link")


def test_a_site_rule_takes_the_line_from_a_builtin_rule_and_the_builtin_is_superseded(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}", SOURCE_LINE)
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("footer-link", "navigation", "drop-line", "^Source link$", "Source link"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("package", "acme"), site)]
    result = _clean(sources, ARTICLE + "Source link\n", url="https://www.example.com/a")
    assert _credits(result) == {"Source link": "site/footer-link"}
    assert _lost(result) == [("generic/source-link", "site/footer-link")]
    report = result.report()
    assert [(s["rule"], s["by"], s["text"]) for s in report["superseded"]] == [
        ("generic/source-link", "site/footer-link", "Source link\n")]


def test_a_site_file_wins_only_where_its_domain_matches(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}", SOURCE_LINE)
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("footer-link", "navigation", "drop-line", "^Source link$", "Source link"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("given"), site)]
    result = _clean(sources, ARTICLE + "Source link\n", url="https://other.org/a")
    assert _credits(result) == {"Source link": "generic/source-link"}
    assert result.superseded == ()  # the site file did not apply: nothing lost to it


def test_a_site_file_beats_a_generic_file_of_a_later_origin(tmp_path):
    mine = _file(tmp_path, "mine", "{always: true}", SOURCE_LINE)
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("footer-link", "navigation", "drop-line", "^Source link$", "Source link"))
    sources = [RuleSource(Origin("built-in"), site), RuleSource(Origin("given"), mine)]
    result = _clean(sources, ARTICLE + "Source link\n", url="https://example.com/a")
    assert _credits(result) == {"Source link": "site/footer-link"}
    assert _lost(result) == [("mine/source-link", "site/footer-link")]


def test_a_given_generic_file_wins_a_tie_with_every_installed_origin(tmp_path):
    rules = [_file(tmp_path, name, "{always: true}", SOURCE_LINE) for name in ("builtin", "pack", "user", "env")]
    given = _file(tmp_path, "given", "{always: true}", SOURCE_LINE)
    origins = [Origin("built-in"), Origin("package", "acme"), Origin("user-folder"), Origin("env")]
    sources = [RuleSource(o, p) for o, p in zip(origins, rules)] + [RuleSource(Origin("given"), given)]
    result = _clean(sources, ARTICLE + "Source link\n")
    assert _credits(result) == {"Source link": "given/source-link"}
    assert sorted(_lost(result)) == sorted((f"{n}/source-link", "given/source-link")
                                           for n in ("builtin", "pack", "user", "env"))


def test_each_origin_outranks_the_ones_before_it(tmp_path):
    kinds = [Origin("built-in"), Origin("package", "acme"), Origin("user-folder"), Origin("env")]
    for weaker, stronger in zip(kinds, kinds[1:]):
        folder = tmp_path / f"{weaker.kind}-{stronger.kind}"
        folder.mkdir()
        # The stronger origin's file comes first: file order must not decide.
        sources = [RuleSource(stronger, _file(folder, "strong", "{always: true}", SOURCE_LINE)),
                   RuleSource(weaker, _file(folder, "weak", "{always: true}", SOURCE_LINE))]
        result = _clean(sources, ARTICLE + "Source link\n")
        assert _credits(result) == {"Source link": "strong/source-link"}, (weaker, stronger)
        assert _lost(result) == [("weak/source-link", "strong/source-link")]


def test_a_users_region_takes_the_lines_builtin_line_rules_name(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}",
                    SOURCE_LINE + _rule("share-row", "social-widget", "drop-line", "^Share this$", "Share this"))
    mine = _file(tmp_path, "mine", "{always: true}",
                 _rule("footer", "navigation", "drop-from", "^Source link$", "Source link"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("given"), mine)]
    result = _clean(sources, ARTICLE + "Source link\nShare this\nMore stories\n")
    assert set(_credits(result).values()) == {"mine/footer"}
    assert sorted(_lost(result)) == [("generic/share-row", "mine/footer"), ("generic/source-link", "mine/footer")]


def test_at_equal_precedence_a_lines_own_rule_names_it_inside_a_region(tmp_path):
    rules = _file(tmp_path, "generic", "{always: true}",
                  _rule("footer", "navigation", "drop-from", "^Source link$", "Source link")
                  + _rule("share-row", "social-widget", "drop-line", "^Share this$", "Share this"))
    result = _clean([RuleSource(Origin("built-in"), rules)], ARTICLE + "Source link\nShare this\nMore stories\n")
    assert _credits(result) == {"Source link": "generic/footer", "Share this": "generic/share-row",
                                "More stories": "generic/footer"}
    assert _lost(result) == [("generic/footer", "generic/share-row")]


def test_two_rules_of_one_file_on_one_line_the_second_is_listed(tmp_path):
    rules = _file(tmp_path, "generic", "{always: true}",
                  SOURCE_LINE + _rule("any-link", "navigation", "drop-line", "link$", "Source link"))
    result = _clean([RuleSource(Origin("built-in"), rules)], ARTICLE + "Source link\n")
    assert _credits(result) == {"Source link": "generic/source-link"}
    assert _lost(result) == [("generic/any-link", "generic/source-link")]


def test_a_site_span_over_whole_lines_takes_them_and_leaves_the_rest_to_line_rules(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}",
                    SOURCE_LINE + _rule("share-row", "social-widget", "drop-line", "^Share this$", "Share this"))
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("promo-box", "advertisement", "drop-span", r"^Source link\nPromo$", "Source link\nPromo"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("given"), site)]
    result = _clean(sources, ARTICLE + "Source link\nPromo\nShare this\n", url="https://example.com/x")
    credits = _credits(result)
    assert credits["Source link\nPromo"] == "site/promo-box" and credits["Share this"] == "generic/share-row"
    assert _lost(result) == [("generic/source-link", "site/promo-box")]


def test_a_builtin_span_keeps_the_lines_a_site_rule_did_not_take(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}",
                    _rule("promo-box", "advertisement", "drop-span", r"^Promo\nSource link\nEnd promo$",
                          "Promo\nSource link\nEnd promo"))
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("footer-link", "navigation", "drop-line", "^Source link$", "Source link"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("given"), site)]
    result = _clean(sources, ARTICLE + "Promo\nSource link\nEnd promo\n", url="https://example.com/x")
    assert _credits(result) == {"Promo": "generic/promo-box", "Source link": "site/footer-link",
                                "End promo": "generic/promo-box"}
    assert _lost(result) == [("generic/promo-box", "site/footer-link")]
    assert "Promo" not in result.text and "Source link" not in result.text


def test_a_span_inside_a_line_that_goes_is_superseded_by_the_lines_edit(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}",
                    _rule("credit-line", "editor-credit", "drop-line", "^Photo: ", "Photo: Jane Doe / Reuters"))
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("agency", "caption", "drop-span", " / Reuters", "Photo: Jane Doe / Reuters"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("given"), site)]
    result = _clean(sources, ARTICLE + "Photo: Jane Doe / Reuters\n", url="https://example.com/x")
    assert _credits(result) == {"Photo: Jane Doe / Reuters": "generic/credit-line"}
    assert _lost(result) == [("site/agency", "generic/credit-line")]


def test_a_kept_winner_keeps_the_line_and_still_supersedes_the_loser(tmp_path):
    builtin = _file(tmp_path, "generic", "{always: true}", SOURCE_LINE)
    site = _file(tmp_path, "site", "{domains: [example.com]}",
                 _rule("footer-link", "navigation", "drop-line", "^Source link$", "Source link"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("given"), site)]
    cleaner = Cleaner(rules=load_sources(sources), settings=Settings(heuristics=None, keep=frozenset({"navigation"})))
    result = cleaner.clean(ARTICLE + "Source link\n", url="https://example.com/a", format="text")
    assert "Source link" in result.text
    assert [e.rule for e in result.kept] == ["site/footer-link"]
    assert _lost(result) == [("generic/source-link", "site/footer-link")]


def test_overlapping_fixes_go_to_the_more_specific_files_rule(tmp_path):
    def fix(rule_id: str, out: str) -> str:
        return (f"  - id: {rule_id}\n    category: punctuation\n    action: replace\n    pattern: ',,'\n"
                f"    replacement: '{out}'\n    examples: {{fix: [{{in: 'a,, b', out: 'a{out} b'}}], keep: ['a, b']}}\n")

    builtin = _file(tmp_path, "generic", "{always: true}", fix("doubled-comma", ","))
    mine = _file(tmp_path, "mine", "{always: true}", fix("doubled-comma", ";"))
    sources = [RuleSource(Origin("built-in"), builtin), RuleSource(Origin("user-folder"), mine)]
    result = _clean(sources, "The council met on Tuesday,, and approved the budget for the year.\n")
    assert "Tuesday; and" in result.text
    assert _lost(result) == [("generic/doubled-comma", "mine/doubled-comma")]
