"""Interrupted runs (SIGINT to the CLI, a worker killed) leave only complete outputs; --resume finishes them.

Real processes first. The interrupt comes once the first output is complete (so it
lands mid-run), and the invariant is checked whatever point it reached: every
file in the output folder is byte-identical to the uninterrupted run's, no
temporary file is left, and --resume completes the folder to the same bytes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time

import pytest

from cleaner.cli import main
from cleaner.config import BatchSettings
from cleaner.io import atomic
from cleaner.io.atomic import AtomicFile, Temporaries, _create

WAIT = 120  # seconds: a bound against hangs on a slow, shared machine, not a speed target


@pytest.fixture(scope="module")
def corpus(kit, tmp_path_factory):
    """A small shard first (its output completes early), then a large one and a folder of documents."""
    root = tmp_path_factory.mktemp("corpus") / "in"
    kit.write_jsonl(root / "a.jsonl", 40, broken={3: b"not json\n"})
    kit.write_jsonl(root / "b.jsonl.gz", 800, seed=3, broken={700: b"[]\n"})
    kit.write_documents(root / "docs", 20)
    reference = root.parent / "reference"
    proc = kit.cli(root, "-o", reference / "out", "--rejects", reference / "rejects.jsonl", "--jobs", 2)
    assert proc.returncode == 1, proc.stderr
    return root, reference


def _interrupted_run(kit, root, out, rejects, interrupt):
    proc = kit.popen(root, "-o", out, "--rejects", rejects, "--jobs", 2, "--stats", out.parent / "stats.json")
    deadline = time.monotonic() + WAIT
    while not (out / "a.jsonl").exists():  # the first output is complete: the run is under way
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.01)
    interrupt(proc)
    _, err = proc.communicate(timeout=WAIT)
    return proc.returncode, err


def _check_and_resume(kit, root, reference, out, rejects):
    done = kit.tree(out)
    assert not [name for name in done if name.rsplit("/", 1)[-1].startswith(".")], "a temporary file was left"
    expected = kit.tree(reference / "out")
    assert done and all(expected[name] == data for name, data in done.items())
    assert len(done) < len(expected)  # the interrupt came before the end
    kept = kit.read_jsonl(rejects)
    assert all((out / r["source"].rsplit("/in/", 1)[1]).exists() for r in kept)  # only rejects of written outputs
    proc = kit.cli(root, "-o", out, "--rejects", rejects, "--jobs", 2, "--resume")
    assert proc.returncode == 1, proc.stderr
    assert kit.tree(out) == expected
    assert sorted(rejects.read_bytes().splitlines()) == sorted((reference / "rejects.jsonl").read_bytes().splitlines())


def test_sigint_leaves_complete_outputs_and_resume_finishes(kit, corpus, tmp_path):
    root, reference = corpus
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"
    code, err = _interrupted_run(kit, root, out, rejects, lambda proc: proc.send_signal(signal.SIGINT))
    assert code == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["status"] == "interrupted" and 0 < stats["written"] < 860
    assert stats["rejected"] == len(kit.read_jsonl(rejects))  # counts cover exactly the committed outputs
    _check_and_resume(kit, root, reference, out, rejects)


def test_sigterm_is_an_interrupt_too(kit, corpus, tmp_path):
    root, reference = corpus
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"
    code, err = _interrupted_run(kit, root, out, rejects, lambda proc: proc.send_signal(signal.SIGTERM))
    assert code == 130, err
    _check_and_resume(kit, root, reference, out, rejects)


def test_a_killed_worker_stops_the_run_cleanly(kit, corpus, tmp_path):
    """A real process: the pool's death is seen by the parent, which exits 130 with one line."""
    root, reference = corpus
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"

    def kill_a_worker(proc):
        workers = [pid for pid in kit.children(proc.pid) if "multiprocessing-fork" in kit.cmdline(pid)]
        assert workers, "no worker process found"
        os.kill(workers[0], signal.SIGKILL)

    code, err = _interrupted_run(kit, root, out, rejects, kill_a_worker)
    assert code == 130, err
    assert b"a worker process died" in err and b"Traceback" not in err
    _check_and_resume(kit, root, reference, out, rejects)


# --------------------------------------------------------------------------- at an exact point
#
# The interrupt is delivered from inside the creation of an output's temporary
# file (`cleaner.io.atomic._create`): after the file exists, before anything
# holds it. The second input's output is the one hit, so one is committed.


# The last shard is longer than the pool's in-flight window (two jobs), so when
# the second output is begun some of its chunks are not yet submitted: work is
# left for a killed worker to break, however fast the pool was before.
_BATCH = BatchSettings()
_LAST_SHARD = _BATCH.chunk_docs * (2 * _BATCH.chunks_per_worker + 4)


@pytest.fixture
def shards(kit, tmp_path):
    root = tmp_path / "in"
    kit.write_jsonl(root / "a.jsonl", 6, broken={2: b"not json\n"})
    kit.write_jsonl(root / "b.jsonl.gz", 6, seed=3)
    kit.write_jsonl(root / "c.jsonl", _LAST_SHARD, seed=4)
    reference = tmp_path / "reference"
    assert main(["clean", str(root), "-o", str(reference), "--jobs", "1", "--quiet",
                 "--rejects", str(tmp_path / "reference-rejects.jsonl")]) == 1
    return root, reference


def _interrupt_at_second_output(monkeypatch, interrupt):
    created = []

    def create_then_interrupt(tmp):
        fd = _create(tmp)
        if tmp.name.startswith(".b.jsonl.gz."):
            created.append(tmp)
            interrupt()
        return fd

    monkeypatch.setattr(atomic, "_create", create_then_interrupt)
    return created


def _check_exact(kit, root, reference, out, rejects, created, monkeypatch):
    assert len(created) == 1 and not created[0].exists()
    assert kit.tree(out) == {"a.jsonl": (reference / "a.jsonl").read_bytes()}  # no temporary file
    _check_rejects_and_resume(kit, root, reference, out, rejects, monkeypatch)


def _check_rejects_and_resume(kit, root, reference, out, rejects, monkeypatch):
    assert [r["source"].rsplit("/", 1)[1] for r in kit.read_jsonl(rejects)] == ["a.jsonl"]
    monkeypatch.undo()
    assert main(["clean", str(root), "-o", str(out), "--jobs", "1", "--quiet", "--rejects", str(rejects),
                 "--resume"]) == 1
    assert kit.tree(out) == kit.tree(reference)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_right_after_a_temporary_is_created_leaves_nothing(kit, shards, tmp_path, monkeypatch, capsys,
                                                                     signum):
    root, reference = shards
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"
    created = _interrupt_at_second_output(monkeypatch, lambda: os.kill(os.getpid(), signum))
    assert main(["clean", str(root), "-o", str(out), "--jobs", "1", "--quiet", "--rejects", str(rejects)]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interrupted" in err
    _check_exact(kit, root, reference, out, rejects, created, monkeypatch)


def test_a_worker_killed_right_after_a_temporary_is_created_leaves_whole_outputs_only(kit, shards, tmp_path,
                                                                                      monkeypatch, capsys):
    root, reference = shards
    out, rejects = tmp_path / "out", tmp_path / "rejects.jsonl"

    def kill_a_worker():
        worker = multiprocessing.active_children()[0]
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(WAIT)  # dead before the run goes on: the parent meets a broken pool, whatever the timing

    created = _interrupt_at_second_output(monkeypatch, kill_a_worker)
    assert main(["clean", str(root), "-o", str(out), "--jobs", "2", "--quiet", "--rejects", str(rejects)]) == 130
    err = capsys.readouterr().err
    assert "a worker process died" in err and err.count("\n") == 1
    assert len(created) == 1 and not created[0].exists()
    # The pool may have finished some later work before the worker died: an output whose
    # results had all come back is written whole (it is the reference's, byte for byte);
    # none is left half-written or as a temporary, and the long last shard is never whole.
    tree, expected = kit.tree(out), kit.tree(reference)
    assert "a.jsonl" in tree and "c.jsonl" not in tree and set(tree) <= set(expected)
    assert tree == {name: expected[name] for name in tree}
    _check_rejects_and_resume(kit, root, reference, out, rejects, monkeypatch)


def test_the_temporaries_of_a_run_are_swept_however_it_ends(tmp_path):
    """Whatever an interrupt cut short (creating, writing, aborting), the run's sweep removes it."""
    temporaries = Temporaries()
    held = AtomicFile(tmp_path / "a.jsonl.gz", temporaries)
    held.write(b"half")
    with pytest.raises(KeyboardInterrupt), AtomicFile(tmp_path / "b.txt", temporaries):
        raise KeyboardInterrupt
    assert len(list(tmp_path.iterdir())) == 1  # a.jsonl.gz's temporary, still open
    temporaries.sweep()
    assert list(tmp_path.iterdir()) == []
