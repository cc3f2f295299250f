"""The report's `suspects` section and `--repair-suspects`, end to end."""

import json

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.config import Settings

TEXT = ("The council met on Tuesday and said that the plan would go ahead after a long debate about the "
        "sanctionz on the new road, which many people in the town have wanted for years. The G0vernment agreed.\n")


def test_a_suspect_is_reported_and_left_alone():
    result = Cleaner().clean(TEXT)
    assert "sanctionz" in result.text and "The Government agreed." in result.text
    [suspect] = result.report()["suspects"]
    start = TEXT.index("sanctionz")
    assert suspect == {"start": start, "end": start + 9, "text": "sanctionz", "rule": "tokens/misspelt",
                       "candidates": ["sanctions", "sanction"], "reason": suspect["reason"]}
    assert "sanctionz" in suspect["reason"]


def test_repair_suspects_applies_the_top_candidate():
    result = Cleaner(settings=Settings(repair_suspects=True)).clean(TEXT)
    assert "the sanctions on" in result.text
    assert result.report()["suspects"] == []
    assert any(e["rule"] == "tokens/misspelt" and e["replacement"] == "sanctions" for e in result.report()["edits"])


def test_a_suspect_in_removed_text_is_not_listed():
    result = Cleaner().clean(TEXT)
    assert result.suspects  # found on the source text...
    from dataclasses import replace

    from cleaner.edits import Edit
    gone = Edit(0, len(TEXT), "", "boilerplate", "test/all", "everything")
    assert replace(result, edits=(gone,)).report()["suspects"] == []  # ...not listed once its text is removed


def test_the_cli_flag(tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    report = tmp_path / "r.json"
    assert main(["clean", str(source), "--report", str(report)]) == 0
    assert "sanctionz" in capsys.readouterr().out
    assert [s["text"] for s in json.loads(report.read_text(encoding="utf-8"))["suspects"]] == ["sanctionz"]
    assert main(["clean", str(source), "--repair-suspects", "--report", str(report)]) == 0
    assert "the sanctions on" in capsys.readouterr().out
    assert json.loads(report.read_text(encoding="utf-8"))["suspects"] == []


def test_rules_only_leaves_the_word_list_repairs_out():
    # `heuristics=None` (--no-heuristics) is the fast path: no judgement by statistics,
    # the word list's included; repairs that need no list still run.
    result = Cleaner(settings=Settings(heuristics=None)).clean(TEXT.replace("council", "coun\u200bcil"))
    assert "The G0vernment agreed." in result.text and result.report()["suspects"] == []
    assert "The council met" in result.text  # the invisible character inside the word went
    assert not any(e["rule"].startswith(("tokens/misspelt", "tokens/glued", "tokens/hyphenation"))
                   for e in result.report()["edits"])
