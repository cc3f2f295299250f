"""Interrupted runs (SIGINT to the CLI, a worker killed) leave only complete outputs; --resume finishes them.

Real processes. The interrupt comes once the first output is complete (so it
lands mid-run), and the invariant is checked whatever point it reached: every
file in the output folder is byte-identical to the uninterrupted run's, no
temporary file is left, and --resume completes the folder to the same bytes.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

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
