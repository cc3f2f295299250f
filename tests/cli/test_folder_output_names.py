"""`cleaner clean DIR -o OUT`: plain text comes out under .txt names, and --help says the rule."""

from __future__ import annotations

import pytest

from cleaner.cli import main

HTML = ("<html><body><p>The council approved the budget on Tuesday after a long debate "
        "in the chamber.</p></body></html>")


def test_folder_output_names_are_txt_and_a_clash_is_said_on_stderr(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(HTML)
    (folder / "a.txt").write_text("The council approved the budget.\n\nSource link\n")
    (folder / "notes.md").write_text("Notes on the budget vote.")
    assert main(["clean", str(folder), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["a.html.txt", "a.txt", "notes.md.txt"]
    assert (out / "a.html.txt").read_text() == ("The council approved the budget on Tuesday after a long debate "
                                                 "in the chamber.\n")
    assert (out / "notes.md.txt").read_text() == "Notes on the budget vote.\n"
    assert (out / "a.txt").read_text() == "The council approved the budget.\n"
    err = capsys.readouterr().err
    assert f"{folder / 'a.html'} is written as {out / 'a.html.txt'}" in err


def test_a_single_document_on_stdout_ends_in_one_newline(tmp_path, capsysbinary):
    (tmp_path / "page.html").write_text(HTML)
    assert main(["clean", str(tmp_path / "page.html")]) == 0
    assert capsysbinary.readouterr().out.endswith(b"chamber.\n")


def test_help_gives_the_naming_rule(capsys):
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "page.html -> page.txt" in help_text
    assert "page.html is written as page.html.txt" in help_text
