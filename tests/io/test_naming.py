"""Output naming is safe: never outside -o DIR, never over an input; symlinks do not lead out of an input folder."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from cleaner.cli import main
from cleaner.errors import UsageError
from cleaner.io.naming import safe_join

TEXT = "The council approved the budget on Tuesday after a long debate.\n\nShare this article\n"


@pytest.mark.parametrize("name", ["../escape.txt", "a/../../escape.txt", "/etc/passwd", "..", ""])
def test_unsafe_names_are_refused(tmp_path, name):
    with pytest.raises(UsageError):
        safe_join(tmp_path / "out", PurePosixPath(name))


def test_names_with_dots_that_are_not_parent_links_are_fine(tmp_path):
    assert safe_join(tmp_path, PurePosixPath("..hidden/a..b.txt")) == tmp_path / "..hidden" / "a..b.txt"


def test_inputs_named_through_dot_dot_or_absolute_paths_land_inside_the_output(kit, tmp_path, monkeypatch, capsys):
    (tmp_path / "deep" / "work").mkdir(parents=True)
    (tmp_path / "up.txt").write_text(TEXT)
    (tmp_path / "abs.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path / "deep" / "work")
    assert main(["clean", "../../up.txt", str(tmp_path / "abs.txt"), "-o", "out", "--quiet"]) == 0
    assert sorted(kit.tree(tmp_path / "deep" / "work" / "out")) == ["abs.txt", "up.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abs.txt", "deep", "up.txt"]  # nothing written beside them


def test_a_symlinked_folder_in_the_output_cannot_lead_outside(tmp_path, capsys):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(TEXT)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(tmp_path / "elsewhere")
    assert main(["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    assert "outside" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("how", ["same file", "same folder", "hard link", "rejects file", "stats file"])
def test_an_output_never_overwrites_an_input(tmp_path, capsys, how):
    folder = tmp_path / "in"
    folder.mkdir()
    source = folder / "a.jsonl"
    source.write_text('{"text": "Share this article"}\n')
    before = source.read_bytes()
    args = {
        "same file": [str(source), "-o", str(source)],
        "same folder": [str(folder), "-o", str(folder)],
        "hard link": [str(source), "-o", str(tmp_path / "link.jsonl")],
        "rejects file": [str(source), "-o", str(tmp_path / "out.jsonl"), "--rejects", str(source)],
        "stats file": [str(folder), "-o", str(tmp_path / "out"), "--stats", str(source)],
    }[how]
    if how == "hard link":
        os.link(source, tmp_path / "link.jsonl")
    assert main(["clean", *args]) == 2
    assert "refusing to overwrite an input" in capsys.readouterr().err
    assert source.read_bytes() == before
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "out").exists()


def test_two_inputs_with_one_output_name_is_a_usage_error(tmp_path, capsys):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(TEXT)
    assert main(["clean", str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt"), "-o", str(tmp_path / "o")]) == 2
    assert "both be written to" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_an_output_folder_inside_the_input_folder_is_not_read_back(kit, tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text(TEXT)
    args = ["clean", str(tmp_path / "data"), "-o", str(tmp_path / "data" / "clean"), "--report",
            str(tmp_path / "data" / "reports")]
    assert main(args) == 0
    assert main(args) == 0  # the second run sees the same single input, not its own outputs
    assert sorted(kit.tree(tmp_path / "data")) == ["a.txt", "clean/a.txt", "reports/a.txt.report.json"]
    assert capsys.readouterr().err.count("1 document in") == 2


def test_a_side_output_inside_the_input_folder_is_refused_once_it_exists(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text(TEXT)
    args = ["clean", str(tmp_path / "data"), "-o", str(tmp_path / "clean"), "--stats", str(tmp_path / "data" / "s.json")]
    assert main(args) == 0
    assert main(args) == 2  # s.json is now a file of the input folder: it is an input, never overwritten
    assert "refusing to overwrite an input" in capsys.readouterr().err
    assert main(args + ["--glob", "*.txt"]) == 0


def test_symlinks_do_not_lead_out_of_an_input_folder(kit, tmp_path, capsys):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret outside text.\n")
    (folder / "sub" / "real.txt").write_text(TEXT)
    (folder / "inside-link.txt").symlink_to(folder / "sub" / "real.txt")
    (folder / "outside-link.txt").symlink_to(outside / "secret.txt")
    (folder / "outside-dir").symlink_to(outside, target_is_directory=True)
    (folder / "inside-dir").symlink_to(folder / "sub", target_is_directory=True)
    (folder / "broken.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(folder / "pipe.txt")
    rejects = tmp_path / "rejects.jsonl"
    assert main(["clean", str(folder), "-o", str(tmp_path / "out"), "--rejects", str(rejects), "--jobs", "1"]) == 1
    assert sorted(kit.tree(tmp_path / "out")) == ["inside-link.txt", "sub/real.txt"]
    reasons = {Path(r["source"]).name: (r["kind"], r["reason"]) for r in kit.read_jsonl(rejects)}
    assert reasons == {
        "outside-dir": ("symlink", "symlinked folder points outside the input folder: not followed"),
        "outside-link.txt": ("symlink", "symlink points outside the input folder: not followed"),
        "broken.txt": ("symlink", "broken symlink"),
        "pipe.txt": ("not-a-file", "not a regular file (FIFO, socket or device)"),
    }
    assert "Secret" not in "".join(p.read_text() for p in (tmp_path / "out").rglob("*.txt"))


def test_usage_errors_write_nothing(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    cases = [
        ["clean", str(tmp_path / "in")],                                          # a folder needs -o DIR
        ["clean", str(tmp_path / "in" / "a.txt"), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")],
        ["clean", "-", str(tmp_path / "in" / "a.txt"), "-o", str(tmp_path / "o")],
        ["clean", str(tmp_path / "in" / "a.txt"), "--resume"],                    # resume needs -o
    ]
    for args in cases:
        assert main(args + ["--rejects", str(tmp_path / "r.jsonl")]) == 2, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    assert "Traceback" not in capsys.readouterr().err
