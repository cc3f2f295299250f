"""A JSONL file whose records lack the field to clean: the run says so once, and how to name the field."""

from __future__ import annotations

import json

from cleaner.cli import main


def test_records_without_the_text_field_are_explained_once(tmp_path, capsys):
    lines = [json.dumps({"id": n, "body": f"Paragraph {n} of the article.", "html": 5}) for n in range(30)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    assert main(["clean", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.count("its fields: 'id', 'body', 'html'") == 1
    assert err.count("--text-field NAME") == 1
    assert "29 more rejected (missing-field) for the same reason" in err
    assert err.strip().splitlines()[-1].startswith("cleaner: 30 records in, 0 written, 30 rejected (missing-field 30)")
    assert len(err.strip().splitlines()) == 4


def test_naming_the_field_cleans_the_records(tmp_path, capsys):
    (tmp_path / "in.jsonl").write_text(json.dumps({"body": "The council approved the budget.\n\nSource link"}) + "\n")
    assert main(["clean", str(tmp_path / "in.jsonl"), "--text-field", "body", "-o", str(tmp_path / "out.jsonl")]) == 0
    assert json.loads((tmp_path / "out.jsonl").read_text())["body"] == "The council approved the budget.\n"
    assert "1 record in, 1 written" in capsys.readouterr().err


def test_a_field_of_the_wrong_type_is_named_with_its_type(tmp_path, capsys):
    (tmp_path / "in.jsonl").write_text(json.dumps({"html": 5}) + "\n")
    assert main(["clean", str(tmp_path / "in.jsonl"), "--html-field", "html", "-o", str(tmp_path / "out.jsonl")]) == 1
    assert "'text' is missing, 'html' is a number" in capsys.readouterr().err
