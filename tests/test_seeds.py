"""Acceptance: each seed article comes out gold, and its report attributes every removal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


SEEDS = sorted(p.name.removesuffix(".raw.txt") for p in (FIXTURES / "seeds").glob("*.raw.txt"))


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _gold(name: str) -> tuple[list[str], dict]:
    seed = FIXTURES / "seeds"
    expected = _lines((seed / f"{name}.expected.txt").read_text(encoding="utf-8"))
    return expected, json.loads((seed / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(params=SEEDS)
def cleaned(request, tmp_path: Path, capsys) -> tuple[str, list[str], dict, dict]:
    name = request.param
    report_path = tmp_path / "r.json"
    code = main(["clean", str(FIXTURES / "seeds" / f"{name}.raw.txt"), "--report", str(report_path)])
    assert code == 0
    out = capsys.readouterr().out
    expected, gold = _gold(name)
    return name, _lines(out), {"expected": expected, **gold}, json.loads(report_path.read_text(encoding="utf-8"))


def test_seeds_exist():
    assert len(SEEDS) == 5


def test_output_lines_equal_gold(cleaned):
    name, got, gold, _ = cleaned
    stretch = {" ".join(r["text"].split()) for r in gold["removed"] if r["tier"] == "stretch"}
    assert [line for line in got if line not in stretch] == gold["expected"], name


def test_every_must_removal_has_its_gold_category(cleaned):
    name, _, gold, report = cleaned
    removals = [e for e in report["edits"] if e["replacement"] == "" and e["category"] not in
                {"whitespace", "punctuation", "token", "encoding"}]
    for item in (r for r in gold["removed"] if r["tier"] == "must"):
        containing = [e for e in removals if item["text"].strip() in e["text"]]
        assert containing, f"{name}: line {item['line']} {item['text'][:60]!r} was not removed"
        smallest = min(containing, key=lambda e: e["end"] - e["start"])
        assert smallest["category"] == item["category"], (name, item["text"][:60], smallest["rule"])


def test_every_gold_fix_is_an_edit(cleaned):
    name, _, gold, report = cleaned
    for fix in gold["fixes"]:
        matching = [e for e in report["edits"] if e["category"] == fix["category"]
                    and e["text"] and e["text"] in fix["before"]]
        assert len(matching) >= fix["count"], (name, fix)


def test_report_has_required_sections(cleaned):
    _, _, _, report = cleaned
    assert report["schema"].startswith("cleaner.report/")
    assert set(report["source"]) >= {"name", "url", "format", "chars", "sha256"}
    assert {"rule_files", "edits", "encoding", "totals"} <= set(report)
    totals = report["totals"]
    removed = sum(e["end"] - e["start"] for e in report["edits"]
                  if e["replacement"] == "" and e["category"] not in {"whitespace", "punctuation", "token", "encoding"})
    assert totals["chars_removed"] == removed
    delta = sum(len(e["replacement"]) - (e["end"] - e["start"]) for e in report["edits"])
    assert totals["chars_in"] + delta == totals["chars_out"]


def test_seed_002_selects_the_newspaper_template(cleaner):
    raw = (FIXTURES / "seeds" / "002_5328b6fc2c917a08.raw.txt").read_bytes()
    applied = {a.file.name: a.why for a in cleaner.clean(raw).rule_files}
    assert applied["tagdiv-newspaper"].startswith("marker")
    assert "chinese-cms" not in applied


def test_seed_004_selects_the_chinese_cms_template(cleaner):
    raw = (FIXTURES / "seeds" / "004_7307b525564253aa.raw.txt").read_bytes()
    applied = {a.file.name: a.why for a in cleaner.clean(raw).rule_files}
    assert applied["chinese-cms"].startswith("marker")
