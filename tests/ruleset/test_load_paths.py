"""`load_rules` takes one path or an iterable of paths, and refuses anything else by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RuleFileError, load_rules

RULE_FILE = """\
name: site
applies: {always: true}
rules:
  - id: views
    category: counter
    action: drop-line
    line: '^\\d+ views$'
    examples: {drop: ["12 views"], keep: ["The page had 12 views in total."]}
"""


@pytest.fixture()
def rule_file(tmp_path: Path) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(RULE_FILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("given", [str, Path, lambda p: [str(p)], lambda p: (p,), lambda p: iter([p])],
                         ids=["str", "Path", "list", "tuple", "iterator"])
def test_a_path_or_an_iterable_of_paths_loads_the_file(rule_file, given):
    rules = load_rules(given(rule_file), builtin=False)
    assert [r.qualified_id for r in rules.rules] == ["site/views"]


def test_a_str_is_one_path_not_its_characters(tmp_path, monkeypatch, rule_file):
    # Read character by character, "site.yaml" would be "s", "i", ...: no such files.
    monkeypatch.chdir(tmp_path)
    assert len(load_rules("site.yaml", builtin=False).files) == 1


@pytest.mark.parametrize(("value", "named"), [
    (42, "got int"),
    (b"rules/", "got bytes"),
    ({"path": "rules/"}, "got dict"),
    (3.5, "got float"),
    (["rules/", 7], "got a list holding int 7"),
    ([None], "got a list holding None"),
    ((b"rules/",), "got a tuple holding bytes"),
])
def test_anything_else_is_a_type_error_naming_what_it_got(value, named):
    with pytest.raises(TypeError, match="load_rules expects a path or an iterable of paths") as info:
        load_rules(value, builtin=False)
    assert named in str(info.value)


def test_an_empty_path_is_a_problem_not_the_current_folder(tmp_path, monkeypatch, rule_file):
    monkeypatch.chdir(tmp_path)  # Path("") is "." here, which holds a valid rule file
    with pytest.raises(RuleFileError, match="empty path"):
        load_rules("", builtin=False)


def test_none_loads_the_builtins_only():
    assert load_rules(None).files == load_rules().files
