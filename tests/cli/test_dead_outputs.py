"""Outputs that fail under a run: a full disk, a read-only folder, a device that refuses writes, a
standard output whose reader goes away. Each ends with one line on stderr and its exit code (2, or
141 for standard output), no traceback, nothing partial under an output's name, and --resume
afterwards completes the job to the bytes of an undisturbed run."""

from __future__ import annotations

import errno
import os
import random
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.io import atomic
from cleaner.io.atomic import AtomicFile, _create


@pytest.fixture
def shards(kit, tmp_path):
    root = tmp_path / "in"
    kit.write_jsonl(root / "a.jsonl", 6, broken={2: b"not json\n"})
    kit.write_jsonl(root / "b.jsonl.gz", 6, seed=3, broken={4: b"[]\n"})
    kit.write_jsonl(root / "c.jsonl", 6, seed=4)
    reference = tmp_path / "reference"
    assert main(["clean", str(root), "-o", str(reference), "--jobs", "1", "--quiet",
                 "--rejects", str(tmp_path / "reference-rejects.jsonl")]) == 1
    return root, reference


def _run(root: Path, out: Path, rejects: Path, *more: str) -> int:
    return main(["clean", str(root), "-o", str(out), "--jobs", "1", "--quiet", "--rejects", str(rejects), *more])


def _one_line(err: str, *expected: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert all(e in err for e in expected), err


def _resume_completes(kit, root, reference, out, rejects, monkeypatch):
    monkeypatch.undo()  # the disk has room again, the folder is writable again
    assert _run(root, out, rejects, "--resume") == 1
    assert kit.tree(out) == kit.tree(reference)
    sources = sorted(r["source"].rsplit("/", 1)[1] for r in kit.read_jsonl(rejects))
    assert sources == ["a.jsonl", "b.jsonl.gz"]


def test_a_full_disk_stops_the_run_with_one_line_and_resume_completes(kit, shards, tmp_path, monkeypatch, capsys):
    root, reference = shards
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"
    write = AtomicFile.write

    def fills_up(self, data):
        if self.path.name == "b.jsonl.gz":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(self, data)

    monkeypatch.setattr(AtomicFile, "write", fills_up)
    assert _run(root, out, rejects) == 2
    _one_line(capsys.readouterr().err, "cannot write", "b.jsonl.gz", "No space left on device")
    assert kit.tree(out) == {"a.jsonl": (reference / "a.jsonl").read_bytes()}  # no partial b, no temporary
    assert [r["source"].rsplit("/", 1)[1] for r in kit.read_jsonl(rejects)] == ["a.jsonl"]
    _resume_completes(kit, root, reference, out, rejects, monkeypatch)


def test_a_read_only_folder_stops_the_run_with_one_line_and_resume_completes(kit, shards, tmp_path, monkeypatch,
                                                                              capsys):
    """Read-only as a mount is (EROFS): root would write through a folder's permission bits."""
    root, reference = shards
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"

    def read_only(tmp):
        if tmp.parent == out:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp))
        return _create(tmp)

    monkeypatch.setattr(atomic, "_create", read_only)
    assert _run(root, out, rejects) == 2
    _one_line(capsys.readouterr().err, "cannot write", "a.jsonl", "Read-only file system")
    assert kit.tree(out) == {}
    _resume_completes(kit, root, reference, out, rejects, monkeypatch)


@pytest.mark.parametrize("name", ["shard.jsonl", "article.txt"])
def test_a_device_that_refuses_writes_is_one_line_and_stays_a_device(kit, tmp_path, capsys, name):
    """/dev/full fails every write with ENOSPC; a device is written in place, never renamed over."""
    source = tmp_path / name
    if name.endswith(".jsonl"):
        kit.write_jsonl(source, 5)
    else:
        source.write_text(kit.document(random.Random(1), 1), encoding="utf-8")
    assert main(["clean", str(source), "-o", "/dev/full", "--quiet"]) == 2
    _one_line(capsys.readouterr().err, "cannot write /dev/full", "No space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".full.")]


def test_standard_output_closed_mid_run_is_one_line_and_141(kit, tmp_path):
    """`cleaner clean big.jsonl -o - | head -1`: the reader leaves after the first record."""
    source = tmp_path / "big.jsonl"
    kit.write_jsonl(source, 400)  # far more output than a pipe buffers
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", str(source), "-o", "-", "--jobs", "1"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b'{"id":"r1"')
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    _one_line(err, "standard output was closed")
    assert "Exception ignored" not in err
