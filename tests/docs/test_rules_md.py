"""docs/rules.md runs: every rule file in it loads and passes its examples (or fails the
way the page says), every `cleaner rules test` shown prints what the page shows, and
the report excerpt is what cleaning the page's example prints.

Fenced blocks are read by their info string: `yaml` is a rule file whose first
line is a comment naming it (`# example-news.yaml`), `yaml draft` one with a
failing example, `yaml invalid` one that does not load; `console` shows commands
(`$ ...`) and their output; `text` the example page; `json report` a report excerpt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleFileError, load_rules
from cleaner.cli import main
from cleaner.ruleset.examples import run_examples

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
_FENCE = re.compile(r"^```([\w-]*)[ \t]*([\w-]*)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[str, str, str]]:
    """(language, tag, body) of every fenced block, in order."""
    return [(m.group(1), m.group(2), m.group(3)) for m in _FENCE.finditer(DOC.read_text(encoding="utf-8"))]


def _rule_files() -> list[tuple[str, str, str]]:
    """(file name, tag, body) of every YAML block; each must say its file name."""
    files = []
    for language, tag, body in _blocks():
        if language == "yaml":
            first = body.splitlines()[0]
            assert re.fullmatch(r"# [\w-]+\.yaml", first), f"a rule file in docs/rules.md starts {first!r}"
            files.append((first[2:], tag, body))
    return files


def _write_all(folder: Path) -> None:
    for name, _, body in _rule_files():
        (folder / name).write_text(body, encoding="utf-8")


RULE_FILES = _rule_files()


def test_the_page_has_rule_files_of_every_kind():
    assert {tag for _, tag, _ in RULE_FILES} == {"", "draft", "invalid"}


@pytest.mark.parametrize("name,tag,body", RULE_FILES, ids=[f"{n}-{t or 'file'}" for n, t, _ in RULE_FILES])
def test_rule_file_examples(tmp_path, name, tag, body):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    if tag == "invalid":
        with pytest.raises(RuleFileError, match="invalid YAML"):
            load_rules([path], builtin=False, installed=False)
        return
    outcomes = list(run_examples(load_rules([path], builtin=False, installed=False)))
    failed = [f"{o.rule} [{o.kind}] {o.text!r}: {o.detail}" for o in outcomes if not o.passed]
    assert outcomes and (failed if tag == "draft" else not failed), failed


def _commands() -> list[tuple[list[str], list[str]]]:
    """(arguments, output lines) of each `$ cleaner rules test` shown in a console block."""
    shown = []
    for language, _, body in _blocks():
        if language != "console":
            continue
        lines = body.splitlines()
        assert lines[0].startswith("$ cleaner rules test "), lines[0]
        shown.append((lines[0].split()[2:], lines[1:]))
    return shown


COMMANDS = _commands()


@pytest.mark.parametrize("args,output", COMMANDS, ids=[" ".join(args) for args, _ in COMMANDS])
def test_console_output_is_what_the_command_prints(tmp_path, monkeypatch, capsys, args, output):
    _write_all(tmp_path)
    monkeypatch.chdir(tmp_path)
    main(args)
    captured = capsys.readouterr()
    assert (captured.out + captured.err).splitlines() == output


def test_the_report_excerpt_is_what_cleaning_the_example_page_reports(tmp_path, monkeypatch):
    (page,) = [body for language, _, body in _blocks() if language == "text"]
    (excerpt,) = [json.loads(body) for language, tag, body in _blocks() if (language, tag) == ("json", "report")]
    _write_all(tmp_path)
    monkeypatch.chdir(tmp_path)
    cleaner = Cleaner(rules=load_rules(["example-news.yaml"], installed=False))
    report = cleaner.clean(page, url="https://www.example-news.com/2025/03/storm", format="text").report()
    for key, entries in excerpt.items():
        actual = [{k: e.get(k) for k in ("name", "path", "origin", "why", "text", "rule", "by") if k in e}
                  for e in report[key]]
        for entry in entries:
            assert entry in actual, (key, entry)
    removed = [e for e in report["edits"] if e["rule"] != "tidy/blank-line"]
    assert [{"text": e["text"], "rule": e["rule"]} for e in removed] == excerpt["edits"]
    assert [(s["rule"], s["by"]) for s in report["superseded"]] == [(s["rule"], s["by"]) for s in excerpt["superseded"]]
