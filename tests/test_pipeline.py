"""The pipeline's own decisions: what a kept category does to the edits around it."""

from __future__ import annotations

from cleaner import Cleaner, Settings, load_rules

RULES = """\
name: site
applies: {always: true}
rules:
  - id: credit-line
    category: editor-credit
    action: drop-line
    line: '^Credit: '
    examples: {drop: ["Credit: A,, B"], keep: ["The credit line."]}
  - id: doubled-comma
    category: punctuation
    action: replace
    pattern: ',,'
    replacement: ','
    examples: {fix: [{in: "a,, b", out: "a, b"}], keep: ["a, b"]}
"""
TEXT = "The council met on Tuesday and approved the budget for the year.\n\nCredit: Jane Doe,, Reuters\n"


def _cleaner(tmp_path, keep: frozenset[str]) -> Cleaner:
    (tmp_path / "site.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rules([tmp_path / "site.yaml"], builtin=False)
    return Cleaner(rules=rules, settings=Settings(heuristics=None, keep=keep))


def test_a_kept_removal_does_not_swallow_the_fixes_inside_it(tmp_path):
    result = _cleaner(tmp_path, frozenset({"editor-credit"})).clean(TEXT, format="text")
    assert "Credit: Jane Doe, Reuters" in result.text
    assert [e.rule for e in result.kept] == ["site/credit-line"]
    assert [e.rule for e in result.edits] == ["site/doubled-comma"]
    assert result.superseded == ()


def test_without_keep_the_removal_swallows_the_fix(tmp_path):
    result = _cleaner(tmp_path, frozenset()).clean(TEXT, format="text")
    assert "Credit" not in result.text
    assert [s.edit.rule for s in result.superseded] == ["site/doubled-comma"]


def test_source_text_is_the_text_clean_matches_rules_against():
    # Learning reads pages so: decoded, extracted and repaired as a full clean reads them.
    cleaner = Cleaner()
    html = ("<html><head><title>Budget</title></head><body><nav>Home | News</nav><article><h1>Budget</h1>"
            + "<p>The council met on Tuesday &amp; approved the budget.</p>" * 3 + "</article></body></html>")
    latin1 = "Caf\u00e9 news,, today\n\nThe council met on Tuesday.\n".encode("latin-1")
    cases = ((TEXT, {"format": "text"}), ("A &amp; B\u00a0 met.\n", {}), (html, {"url": "https://x.example/a"}),
             (latin1, {"charset": "latin-1"}))
    for source, kwargs in cases:
        assert cleaner.source_text(source, **kwargs) == cleaner.clean(source, **kwargs).source_text
    assert "<p>" not in cleaner.source_text(html) and cleaner.source_text(latin1).startswith("Caf\u00e9")
