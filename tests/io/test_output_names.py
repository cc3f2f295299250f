"""Under -o DIR a document's clean text is plain text, named .txt; clashes are settled the same way every time."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from cleaner.io.documents import text_file, text_name
from cleaner.io.inputs import discover
from cleaner.io.naming import make_plan


@pytest.mark.parametrize(("name", "output"), [
    ("page.html", "page.txt"), ("page.HTM", "page.txt"), ("a/b/page.xhtml", "a/b/page.txt"),
    ("notes.txt", "notes.txt"), ("notes.text", "notes.txt"), ("notes.md", "notes.md.txt"),
    ("README", "README.txt"), (".html", ".html.txt"), ("v1.2", "v1.2.txt"),
])
def test_a_document_name_becomes_a_txt_name(name, output):
    assert text_name(PurePosixPath(name)) == PurePosixPath(output)


@pytest.mark.parametrize(("text", "data"), [
    ("Body.", b"Body.\n"), ("Body.\n", b"Body.\n"), ("Body.\n\n\n", b"Body.\n"), ("", b""), ("\n", b""),
])
def test_clean_text_ends_in_exactly_one_newline(text, data):
    assert text_file(text) == data


def _plan(folder: Path, out: Path):
    return make_plan("folder", discover([str(folder)], [], "auto"), str(out), None)


def test_names_are_mirrored_as_txt_and_jsonl_keeps_its_name(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("page.html", "sub/notes.md", "records.jsonl"):
        (folder / name).write_text('{"text": "x"}\n' if name.endswith("jsonl") else "Some text.\n")
    plan = _plan(folder, tmp_path / "out")
    assert sorted(str(t.output.relative_to(tmp_path / "out")) for t in plan.targets) == [
        "page.txt", "records.jsonl", "sub/notes.md.txt"]
    assert plan.notes == ()


@pytest.mark.parametrize(("names", "outputs"), [
    (["a.html", "a.txt"], {"a.html": "a.html.txt", "a.txt": "a.txt"}),
    (["a.htm", "a.html"], {"a.htm": "a.htm.txt", "a.html": "a.html.txt"}),
])
def test_a_clash_gives_the_shortened_names_their_whole_name_and_says_so(tmp_path, names, outputs):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("Some text.\n")
    plan = _plan(folder, tmp_path / "out")
    assert {t.input.rel.name: t.output.name for t in plan.targets} == outputs
    renamed = [n for n in names if outputs[n] != text_name(PurePosixPath(n)).name]
    assert len(plan.notes) == len(renamed)
    for name, note in zip(renamed, plan.notes):
        assert note.endswith(f"{folder / name} is written as {tmp_path / 'out' / outputs[name]}")
        assert "would both be written as" in note
