"""The `cleaner` command: output, report, keep, site selection, stdin, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

SEED = FIXTURES / "seeds" / "002_5328b6fc2c917a08.raw.txt"

SITE_RULES = """\
name: example-news
applies:
  domains: [example-news.com]
rules:
  - id: newsletter-plug
    category: newsletter
    action: drop-line
    line: '^Get our morning briefing'
    examples:
      drop: ["Get our morning briefing in your inbox"]
      keep: ["Our morning briefing team met the mayor."]
"""
TEXT = "The council approved the budget on Tuesday after a long debate.\n\nGet our morning briefing in your inbox\n"


def test_clean_writes_text_and_report(tmp_path, capsys):
    report = tmp_path / "r.json"
    assert main(["clean", str(SEED), "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "Source link" not in out and "North Korea could send up to 12,000 troops" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["source"]["name"] == str(SEED) and len(data["source"]["sha256"]) == 64
    assert {f["name"] for f in data["rule_files"]} >= {"tagdiv-newspaper", "captions"}


def test_keep_category_stays_in_text_but_is_reported(tmp_path, capsys):
    report = tmp_path / "r.json"
    assert main(["clean", str(SEED), "--keep", "caption", "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "(Photo: Airbus/AFP)" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert any(e["category"] == "caption" for e in data["kept"])
    assert not any(e["category"] == "caption" for e in data["edits"])
    assert data["totals"]["kept_by_category"]["caption"] >= 2


def test_site_rules_apply_by_url_option(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example-news.yaml").write_text(SITE_RULES, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    unapplied = tmp_path / "r0.json"
    assert main(["clean", str(doc), "--rules", str(rules), "--report", str(unapplied)]) == 0
    capsys.readouterr()
    # No URL: the site file does not apply (the generic heuristics find the plug by its shape).
    data = json.loads(unapplied.read_text())
    assert "example-news" not in {f["name"] for f in data["rule_files"]}
    assert not any(e["rule"].startswith("example-news/") for e in data["edits"])
    report = tmp_path / "r.json"
    assert main(["clean", str(doc), "--rules", str(rules), "--url", "https://www.example-news.com/a/1",
                 "--report", str(report)]) == 0
    assert "morning briefing" not in capsys.readouterr().out
    why = {f["name"]: f["why"] for f in json.loads(report.read_text())["rule_files"]}
    assert why["example-news"] == "domain example-news.com (url=: www.example-news.com)"


def test_no_heuristics_leaves_the_stage_out(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    rules = {}
    for flags in ([], ["--no-heuristics"]):
        report = tmp_path / f"r{len(flags)}.json"
        assert main(["clean", str(doc), "--report", str(report), *flags]) == 0
        rules[bool(flags)] = {e["rule"] for e in json.loads(report.read_text(encoding="utf-8"))["edits"]}
        out = capsys.readouterr().out
        assert ("Get our morning briefing" in out) == bool(flags)
    assert "heuristics/newsletter-prompt" in rules[False]
    assert not any(rule.startswith("heuristics/") for rule in rules[True])


def test_site_rules_apply_by_url_in_text(tmp_path, capsys):
    rules = tmp_path / "site.yaml"
    rules.write_text(SITE_RULES, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT + "By:https://example-news.com/2024/story\n", encoding="utf-8")
    assert main(["clean", str(doc), "--rules", str(rules)]) == 0
    assert "morning briefing" not in capsys.readouterr().out


def test_no_builtin_rules(tmp_path, capsys):
    report = tmp_path / "r.json"
    assert main(["clean", str(SEED), "--no-builtin-rules", "--report", str(report)]) == 0
    capsys.readouterr()
    # No rule file applies; what goes, the built-in stages found (heuristics, token repairs, tidying).
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rule_files"] == []
    assert {e["rule"].split("/")[0] for e in data["edits"]} <= {"heuristics", "tokens", "tidy"}


def test_stdin_to_stdout_as_a_real_process():
    raw = SEED.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", "-"], input=raw, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert b"LEAVE A REPLY" not in proc.stdout and b"Nato Secretary General" in proc.stdout


@pytest.mark.parametrize("command", [["rules", "list"], ["clean", str(SEED)]])
def test_a_reader_that_goes_away_stops_the_command_quietly(command):
    """`cleaner rules list | head`: the reader has left before anything is written."""
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", *command],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141, err
    assert b"Traceback" not in err and b"Exception ignored" not in err and b"cannot write" not in err


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_rules_list_names_files_and_rules(capsys):
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "tagdiv-newspaper" in out and "footer-after-source-link" in out and "marker" in out
