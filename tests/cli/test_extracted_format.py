"""`--format extracted`: documents, or JSONL records' text, that an extractor already made from pages."""

from __future__ import annotations

import json

from cleaner.cli import main

MENU = ["Home", "News", "World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture"]
NAMED = {"Home"}  # a site-navigation label a rule names: it goes whatever the format
PROSE = [
    "The council approved the budget for the coming year on Tuesday evening after a debate that lasted "
    "more than four hours and drew a large crowd to the town hall.",
    "Most of the new money will go to the repair of roads and bridges, which the council says have been "
    "neglected for a decade, and to two new primary schools in the north of the town.",
    "The opposition said the plan was too expensive and would mean higher taxes, but the budget passed "
    "with a clear majority after the mayor agreed to review it again next year.",
]
# A page's text opens with the site's menu; as an extractor's output the same short lines are the
# extractor's choice (a list, a table, a listing's items), and shape alone takes nothing there.
DOCUMENT = "\n\n".join(MENU + PROSE) + "\n"


def _run(tmp_path, *options: str) -> tuple[str, dict]:
    (tmp_path / "page.txt").write_text(DOCUMENT, encoding="utf-8")
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    assert main(["clean", str(tmp_path / "page.txt"), "-o", str(out), "--report", str(report), *options]) == 0
    return out.read_text(encoding="utf-8"), json.loads(report.read_text())


def test_a_menu_goes_from_a_pages_text_and_stays_in_an_extractors_output(tmp_path):
    text, report = _run(tmp_path, "--format", "text")
    assert not set(MENU) & set(text.split("\n"))
    assert report["source"]["format"] == "text"
    text, report = _run(tmp_path, "--format", "extracted")
    lines = set(text.split("\n"))
    assert set(MENU) - NAMED <= lines and not NAMED & lines
    assert all(p in text for p in PROSE)
    assert report["source"]["format"] == "extracted"


def test_jsonl_records_text_is_read_as_an_extractors_output(tmp_path, capsys):
    (tmp_path / "in.jsonl").write_text(json.dumps({"text": DOCUMENT}) + "\n")
    assert main(["clean", str(tmp_path / "in.jsonl"), "--format", "extracted", "-o", str(tmp_path / "out.jsonl")]) == 0
    assert set(MENU) - NAMED <= set(json.loads((tmp_path / "out.jsonl").read_text())["text"].split("\n"))
    assert "1 record in, 1 written" in capsys.readouterr().err
