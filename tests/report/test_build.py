"""The report's numbers: encoding fixes are counted, and what HTML extraction dropped is counted apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.report.build import summary

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGE = FIXTURES / "html" / "article-with-chrome.html"


def test_a_mojibake_repair_is_an_encoding_fix_with_its_place():
    result = Cleaner().clean("Un cafÃ© au lait, naÃ¯vement.\nRien d'autre.\n".encode("utf-8"), format="text")
    report = result.report()
    assert result.source_text.startswith("Un café au lait, naïvement.")
    [repair] = report["encoding"]
    assert repair["start"] == 0 and repair["after"] == "Un café au lait, naïvement."
    assert repair["fixes"] == [
        {"start": 6, "end": 7, "before": "Ã©", "after": "é"},
        {"start": 19, "end": 20, "before": "Ã¯", "after": "ï"},
    ]
    assert report["totals"]["fixes_by_category"] == {"encoding": 2}


@pytest.mark.parametrize("damaged, repaired", [
    ("first line\nsecond cafÃ©, third Ã¼ber\n", "first line\nsecond café, third über\n"),
    ("a\x00b and \x1bc\n", "ab and c\n"),                          # control characters: deletions
    ("ok\n\nâ€œQuotedâ€\x9d text\nend", "ok\n\n“Quoted” text\nend"),
])
def test_encoding_fixes_undone_give_back_the_text_before_repair(damaged, repaired):
    result = Cleaner().clean(damaged, format="text")
    assert result.source_text == repaired
    fixes = [f for r in result.report()["encoding"] for f in r["fixes"]]
    assert fixes and result.report()["totals"]["fixes_by_category"]["encoding"] == len(fixes)
    text = result.source_text
    for fix in reversed(fixes):
        assert text[fix["start"]:fix["end"]] == fix["after"]
        text = text[:fix["start"]] + fix["before"] + text[fix["end"]:]
    assert text == damaged


def test_clean_text_has_no_encoding_fixes_and_no_extraction_totals():
    report = Cleaner().clean("Plain text, nothing to repair.\n", format="text").report()
    assert report["encoding"] == [] and "encoding" not in report["totals"]["fixes_by_category"]
    assert report["totals"]["extraction"] is None


def test_html_totals_count_what_extraction_dropped_apart_from_the_stages():
    raw = PAGE.read_bytes()
    result = Cleaner().clean(raw, format="html")
    report = result.report()
    totals, dropped = report["totals"], report["extraction"]["dropped"]
    assert dropped, "the fixture's page has chrome that extraction leaves out"
    assert totals["extraction"] == {"page_chars": len(result.decoded.text), "blocks_dropped": len(dropped),
                                    "chars_dropped": sum(len(d["text"]) for d in dropped)}
    # The stages' counts are over the extracted text only.
    assert totals["chars_in"] == len(result.source_text) < totals["extraction"]["page_chars"]
    assert totals["chars_removed"] == sum(e["end"] - e["start"] for e in report["edits"] if not e["replacement"]
                                          and e["category"] not in {"whitespace", "punctuation", "token", "encoding"})
    line = summary(report)
    assert f"page chrome dropped {len(dropped)} blocks ({totals['extraction']['chars_dropped']} chars)" in line


def test_cli_summary_line_says_what_extraction_dropped_and_what_the_stages_removed(tmp_path, capsys):
    report_path, stats_path = tmp_path / "r.json", tmp_path / "stats.json"
    assert main(["clean", str(PAGE), "--summary", "--report", str(report_path), "--stats", str(stats_path)]) == 0
    totals = json.loads(report_path.read_text(encoding="utf-8"))["totals"]
    err = capsys.readouterr().err
    dropped = totals["extraction"]
    assert (f"html extraction dropped {dropped['blocks_dropped']} blocks ({dropped['chars_dropped']} chars) of 1 page"
            in err)
    assert f"{totals['chars_in']} chars in, {totals['chars_removed']} removed by the stages" in err
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    assert (stats["html_pages"], stats["extraction_blocks_dropped"], stats["extraction_chars_dropped"]) == (
        1, dropped["blocks_dropped"], dropped["chars_dropped"])
    assert stats["chars_removed"] == totals["chars_removed"]


def test_a_text_run_summary_says_nothing_of_extraction(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("A short article.\n\nShare this article\n", encoding="utf-8")
    assert main(["clean", str(article), "--summary"]) == 0
    err = capsys.readouterr().err
    assert "extraction" not in err and "removed by the stages" not in err and " removed: " in err


def test_cli_summary_line_counts_encoding_fixes(tmp_path, capsys):
    damaged = tmp_path / "cafe.txt"
    damaged.write_bytes("Un cafÃ© au lait.\n".encode("utf-8"))
    assert main(["clean", str(damaged), "--summary"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Un café au lait.")
    assert "fixed encoding 1" in captured.err
