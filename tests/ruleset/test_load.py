"""Rule files are validated up front; every problem is named with file, line and rule id."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RuleFileError, load_rules
from cleaner.cli import main

GOOD_RULE = """\
  - id: good-rule
    category: counter
    action: drop-line
    line: '^\\d+ views$'
    examples:
      drop: ["12 views"]
      keep: ["The page had 12 views in total."]
"""


def _write(tmp_path: Path, body: str, name: str = "site.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(RuleFileError) as info:
        load_rules([path], builtin=False)
    return [str(p) for p in info.value.problems]


def test_a_valid_user_file_loads(tmp_path):
    path = _write(tmp_path, "name: site\napplies: {domains: [example.com]}\nrules:\n" + GOOD_RULE)
    rules = load_rules([path], builtin=False)
    assert [r.qualified_id for r in rules.rules] == ["site/good-rule"]


def test_every_problem_is_reported_with_file_line_and_rule(tmp_path):
    body = "name: site\napplies: {always: true}\nrules:\n" + GOOD_RULE + """\
  - id: good-rule
    category: counter
    action: drop-line
    line: '^x$'
    examples: {drop: [x], keep: [y]}
  - id: bad-regex
    category: counter
    action: drop-line
    line: '([a-'
    examples: {drop: [x], keep: [y]}
  - id: bad-category
    category: gossip
    action: drop-line
    line: '^x$'
    colour: blue
    examples: {drop: [x], keep: [y]}
  - id: empty-matcher
    category: counter
    action: drop-line
    line: 'a*'
    examples: {drop: [x], keep: [y]}
  - id: missing-group
    category: token
    action: replace
    pattern: '(a)b'
    replacement: '\\2'
    examples: {fix: [{in: ab, out: a}], keep: [c]}
  - id: no-examples
    category: counter
    action: drop-line
    line: '^x$'
"""
    path = _write(tmp_path, body)
    problems = _problems(path)
    expected = {
        ("good-rule", 11, "duplicate rule id"),
        ("bad-regex", 16, "invalid regular expression"),
        ("bad-category", 21, "unknown category"),
        ("bad-category", 21, "unknown key 'colour'"),
        ("empty-matcher", 27, "matches the empty string"),
        ("missing-group", 32, "refers to group '2'"),
        ("no-examples", 38, "'examples' is required"),
    }
    for rule_id, line, text in expected:
        assert any(f"{path}:{line}: rule '{rule_id}':" in p and text in p for p in problems), (rule_id, problems)
    assert len(problems) == len(expected)


def test_invalid_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, "name: site\napplies: {always: true\nrules: [\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:") and "invalid YAML" in problem


def test_yaml_tags_are_refused(tmp_path):
    path = _write(tmp_path, "name: !!python/object/apply:os.system ['echo pwned']\napplies: {always: true}\nrules: []\n")
    (problem,) = _problems(path)
    assert "invalid YAML" in problem


def test_file_level_problems(tmp_path):
    path = _write(tmp_path, "name: ''\napplies: {}\nrules: []\nextra: 1\n")
    problems = _problems(path)
    assert any("unknown key 'extra'" in p for p in problems)
    assert any("'name' is required" in p for p in problems)
    assert any("'applies' needs" in p for p in problems)
    assert any("'rules' is required" in p for p in problems)


def test_duplicate_file_names_across_files(tmp_path):
    body = "name: same\napplies: {always: true}\nrules:\n" + GOOD_RULE
    a, b = _write(tmp_path, body, "a.yaml"), _write(tmp_path, body, "b.yaml")
    with pytest.raises(RuleFileError, match="file name 'same' is already used"):
        load_rules([a, b], builtin=False)


def test_cli_reports_broken_rule_file_with_exit_2_and_no_traceback(tmp_path, capsys):
    rules = _write(tmp_path, "name: site\napplies: {always: true}\nrules:\n  - id: Bad Id\n    category: x\n")
    doc = _write(tmp_path, "Some text.\n", "doc.txt")
    assert main(["clean", str(doc), "--rules", str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{rules}:4:" in err and "Traceback" not in err
    assert main(["rules", "test", str(rules)]) == 2


def test_cli_rules_test_fails_on_a_failing_example(tmp_path, capsys):
    body = GOOD_RULE.replace('keep: ["The page had 12 views in total."]', 'keep: ["12 views"]')
    rules = _write(tmp_path, "name: site\napplies: {always: true}\nrules:\n" + body)
    assert main(["rules", "test", str(rules)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "site/good-rule [keep]" in out and "1 passed, 1 failed" in out


def test_cli_rules_test_passes_on_builtins(capsys):
    assert main(["rules", "test"]) == 0
    assert " 0 failed" in capsys.readouterr().out
