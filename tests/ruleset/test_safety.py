"""Rule files are data, and a bad pattern cannot hang a run.

- A pattern that backtracks catastrophically runs out of its time allowance:
  the rule is skipped for the rest of the document, named in the report's
  warnings, and cleaning carries on with every other rule.
- YAML tags, includes, deep nesting and alias bombs are refused at load time;
  a pattern too big to compile is refused before compiling.
- Only the `--rules` paths (and the files inside the folders given) are read:
  symbolic links inside a rules folder are reported, not followed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import regex

from cleaner import Cleaner, RuleFileError, Settings, load_rules
from cleaner.cli import main
from cleaner.edits import apply
from cleaner.ruleset.budget import RuleBudget

# Seconds on top of a rule's allowance: the regex engine checks its clock
# every so often, and the rest of cleaning runs too. A bound against hangs.
OVERHEAD = 15.0
# The lookahead keeps RE2 (cleaner.ruleset.re2set) from ruling the pattern out: not
# at the end, it is dropped, RE2 finds "a", and the regex module must run the
# pattern itself.
BACKTRACKING = "(a+)+(?=c)x?"


def _rule_file(tmp_path: Path, action: str = "drop-line", pattern: str = BACKTRACKING, name: str = "backtrack.yaml") -> Path:
    key = "line" if action in ("drop-line", "drop-from", "drop-until") else "pattern"
    examples = ('{fix: [{in: "xaaac", out: "xac"}], keep: ["aab"]}' if action == "replace"
                else '{drop: ["aac"], keep: ["aab"]}')
    replacement = "    replacement: 'a'\n" if action == "replace" else ""
    category = "token" if action == "replace" else "advertisement"
    path = tmp_path / name
    path.write_text(f"name: {path.stem}\napplies: {{always: true}}\nrules:\n  - id: nested-plus\n"
                    f"    category: {category}\n    action: {action}\n    {key}: '{pattern}'\n{replacement}"
                    f"    examples: {examples}\n", encoding="utf-8")
    return path


def test_the_pattern_really_backtracks_in_the_regex_module():
    # regex's optimiser does not rescue (a+)+(?=c)x?: on "aaa…b" every start position
    # tries every split of the run of a's, so a search cannot finish quickly.
    with pytest.raises(TimeoutError):
        regex.compile(BACKTRACKING).search("a" * 100_000 + "b", timeout=0.2)


@pytest.mark.parametrize("action,stage", [("drop-line", "rules"), ("drop-span", "rules"), ("replace", "tokens")])
def test_backtracking_rule_is_cut_off_named_and_the_run_continues(within, tmp_path, action, stage):
    cleaner = Cleaner(rules=load_rules([_rule_file(tmp_path, action)]))
    doc = "a" * 100_000 + "b\n\nThe council met on Tuesday.\n\nComments are closed.\n"
    allowance = cleaner.settings.rule_allowance(len(doc), doc.count("\n") + 1)
    with within(allowance + OVERHEAD):
        result = cleaner.clean(doc, format="text")
    warnings = result.report()["warnings"]
    assert warnings == [{"stage": stage, "rule": "backtrack/nested-plus",
                         "message": f"pattern ran out of time ({allowance:.2g}s for this document); "
                                    "rule skipped for the rest of it"}]
    assert "Comments are closed." not in result.text  # the built-in rules still ran
    assert result.text.startswith("a" * 100_000 + "b\n") and apply(result.source_text, result.edits) == result.text


@pytest.mark.parametrize("action", ["drop-line", "drop-span", "replace"])
def test_a_pattern_re2_rules_out_costs_no_search(within, tmp_path, action):
    # "(a+)+$" backtracks in the regex module too, but RE2 proves in linear
    # time that no line (or text) ending in "b" can match: the pattern is never
    # run, so it cannot run out of time, and nothing is removed.
    cleaner = Cleaner(rules=load_rules([_rule_file(tmp_path, action, pattern="(a+)+$")], builtin=False))
    doc = "a" * 100_000 + "b\n\nThe council met on Tuesday.\n"
    with within(OVERHEAD):
        result = cleaner.clean(doc, format="text")
    assert result.report()["warnings"] == [] and result.text == doc


def test_allowance_is_per_document_not_per_search(within, tmp_path):
    # 300 lines that each take the pattern a fraction of a second: a timeout per
    # search would rarely fire and the document would take minutes.
    cleaner = Cleaner(rules=load_rules([_rule_file(tmp_path)], builtin=False))
    doc = "\n".join("a" * (300 + i) + "b" for i in range(300))
    allowance = cleaner.settings.rule_allowance(len(doc), 300)
    with within(allowance + OVERHEAD):
        result = cleaner.clean(doc, format="text")
    assert [w["rule"] for w in result.report()["warnings"]] == ["backtrack/nested-plus"]
    assert result.text == doc


def test_waiting_for_a_core_is_not_charged_to_a_rule():
    # The allowance is the cleaning thread's CPU time. A process that waits
    # longer than the allowance (here it sleeps; on a busy machine it waits for
    # a core) keeps its rules, so the same input cleans the same way under load.
    budget = RuleBudget(0.05)

    def waits(left):
        time.sleep(0.2)
        return left()

    assert 0 < budget.run("site/waits", waits) <= 0.05
    assert not budget.is_exhausted("site/waits")


def test_cpu_time_is_charged_to_a_rule():
    budget = RuleBudget(0.05)

    def burns(left):
        while True:
            left()

    with pytest.raises(TimeoutError):
        budget.run("site/burns", burns)
    assert budget.is_exhausted("site/burns")
    with pytest.raises(TimeoutError):  # and it stays skipped
        budget.run("site/burns", lambda left: 0.0)


def test_a_skipped_rule_stays_skipped_in_later_rounds(tmp_path):
    # A removal by another rule starts a second round; the exhausted rule is
    # not tried again, and it is reported once.
    rules = load_rules([_rule_file(tmp_path)])
    doc = "a" * 100_000 + "b\n\n" + "The council met on Tuesday.\n\n" * 3 + "Comments are closed.\n"
    result = Cleaner(rules=rules, settings=Settings(regex_timeout=0.1)).clean(doc, format="text")
    assert [w["rule"] for w in result.report()["warnings"]] == ["backtrack/nested-plus"]


def test_cli_reports_the_skipped_rule_and_exits_0(within, tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("a" * 100_000 + "b\n", encoding="utf-8")
    report = tmp_path / "r.json"
    with within(60):
        code = main(["clean", str(doc), "--rules", str(_rule_file(tmp_path)), "--report", str(report)])
    assert code == 0
    assert '"rule": "backtrack/nested-plus"' in report.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- load time


def _problems(within, path: Path) -> list[str]:
    with within(30), pytest.raises(RuleFileError) as info:
        load_rules([path], builtin=False)
    return [str(p) for p in info.value.problems]


def test_pattern_too_big_to_compile_is_refused_before_compiling(within, tmp_path):
    # Compiling this would take hundreds of gigabytes; the loader refuses it at once.
    path = _rule_file(tmp_path, pattern="(?:(?:a{1000}){1000}){1000}")
    (problem,) = _problems(within, path)
    assert problem.startswith(f"{path}:4: rule 'nested-plus':") and "too big" in problem
    assert "1,000,000,000 copies" in problem


def test_missing_named_group_in_replacement(within, tmp_path):
    path = _rule_file(tmp_path, "replace", pattern="(?P<word>x)a+")
    path.write_text(path.read_text().replace("replacement: 'a'", "replacement: '\\g<wrod>'"))
    (problem,) = _problems(within, path)
    assert f"{path}:4: rule 'nested-plus':" in problem and "refers to group 'wrod'" in problem


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:pathlib.Path.touch ['{marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!include {marker}",
])
def test_tags_are_refused_and_nothing_runs(within, tmp_path, tag):
    marker = tmp_path / "pwned"
    path = tmp_path / "tagged.yaml"
    path.write_text(f"name: tagged\ndescription: {tag.format(marker=marker)}\napplies: {{always: true}}\n"
                    "rules: []\n", encoding="utf-8")
    (problem,) = _problems(within, path)
    assert problem.startswith(f"{path}:2:") and "invalid YAML" in problem
    assert not marker.exists()


def test_deeply_nested_yaml_is_an_error_not_a_crash(within, tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("name: deep\napplies: {always: true}\nrules: " + "[" * 10_000 + "\n", encoding="utf-8")
    (problem,) = _problems(within, path)
    assert "invalid YAML" in problem


def test_alias_bomb_is_refused_quickly(within, tmp_path):
    # Nine levels of nine aliases would expand to 9**9 strings if anything walked them.
    levels = ['a0: &a0 "lol"'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\nname: bomb\napplies: {markers: *a9}\nrules: *a9\n", encoding="utf-8")
    problems = _problems(within, path)
    assert any("unknown key 'a9'" in p for p in problems)
    assert any("'applies.markers' must be a list of non-empty strings" in p for p in problems)


# --------------------------------------------------------------------------- what is read


GOOD = """\
name: {name}
applies: {{always: true}}
rules:
  - id: view-count
    category: counter
    action: drop-line
    line: '^\\d+ views$'
    examples: {{drop: ["12 views"], keep: ["It had 12 views in total."]}}
"""


def test_symlinks_inside_a_rules_folder_are_reported_not_followed(within, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.yaml").write_text(GOOD.format(name="elsewhere"), encoding="utf-8")
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "site.yaml").write_text(GOOD.format(name="site"), encoding="utf-8")
    os.symlink(outside / "elsewhere.yaml", folder / "linked.yaml")
    os.symlink(outside, folder / "linked-folder")
    problems = _problems(within, folder)
    assert problems == [f"{folder / name}: symbolic link in a rules folder: not followed "
                        "(pass its target to --rules to use it)" for name in ("linked-folder", "linked.yaml")]


def test_a_rule_file_named_on_the_command_line_is_read_even_as_a_link(tmp_path):
    target = tmp_path / "target.yaml"
    target.write_text(GOOD.format(name="target"), encoding="utf-8")
    os.symlink(target, tmp_path / "link.yaml")
    rules = load_rules([tmp_path / "link.yaml"], builtin=False)
    assert [r.qualified_id for r in rules.rules] == ["target/view-count"]


def test_only_yaml_regular_files_in_a_folder_are_read(within, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "site.yaml").write_text(GOOD.format(name="site"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a rule file: {[", encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")  # reading it would block forever
    with within(30):
        rules = load_rules([folder], builtin=False)
    assert [f.name for f in rules.files] == ["site"]


def test_cli_with_a_broken_rule_file_writes_nothing(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("Some text.\n", encoding="utf-8")
    out, report = tmp_path / "out.txt", tmp_path / "r.json"
    bad = _rule_file(tmp_path, pattern="([a-")
    assert main(["clean", str(doc), "--rules", str(bad), "-o", str(out), "--report", str(report)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4: rule 'nested-plus': invalid regular expression" in err and "Traceback" not in err
    assert not out.exists() and not report.exists()
