"""The progress bar counts files or records (what yields an output or a reject), with bytes read beside them."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from cleaner.engines.local import Request, prepare, run
from cleaner.io.progress import REFRESH_SECONDS, Progress


def _jsonl(n: int, broken: set[int] = frozenset()) -> bytes:
    lines = [b"{oops" if i in broken else json.dumps({"text": f"Paragraph {i} of the article."}).encode()
             for i in range(n)]
    return b"\n".join(lines) + b"\n"


def _run(cleaner, request: Request, stream: io.StringIO) -> Progress:
    plan = prepare(request)
    progress = Progress.of(plan, stream, enabled=True)
    run(cleaner, request, plan, echo=io.StringIO(), progress=progress)
    return progress


def test_jsonl_counts_records_with_the_bytes_read_beside_them(cleaner, tmp_path):
    data = gzip.compress(_jsonl(40, broken={3, 17}))
    (tmp_path / "in.jsonl.gz").write_bytes(data)
    stream = io.StringIO()
    progress = _run(cleaner, Request(inputs=(str(tmp_path / "in.jsonl.gz"),), output=str(tmp_path / "o.jsonl")), stream)
    assert (progress.done, progress.rejected, progress.total) == (40, 2, None)  # records: not known before the end
    assert progress.bytes_read == len(data)  # compressed bytes: the file's size
    shown = stream.getvalue()
    assert "40 records" in shown and "records/s" in shown and "2 rejected" in shown
    assert progress.postfix().endswith("(100%) read, 2 rejected")


def test_a_folder_counts_files_out_of_a_known_total(cleaner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"doc{i}.txt").write_text(f"Paragraph {i} of the article.\n")
    (folder / "empty.bin").write_bytes(b"\0" * 64)  # binary: rejected, still one file done
    stream = io.StringIO()
    progress = _run(cleaner, Request(inputs=(str(folder),), output=str(tmp_path / "out")), stream)
    assert (progress.done, progress.total, progress.rejected) == (6, 6, 1)
    assert "6/6 files" in stream.getvalue() and "100%" in stream.getvalue()


def test_resumed_files_count_as_done(cleaner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"doc{i}.txt").write_text(f"Paragraph {i} of the article.\n")
    request = Request(inputs=(str(folder),), output=str(tmp_path / "out"), resume=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "doc1.txt").write_text("done earlier\n")
    progress = _run(cleaner, request, io.StringIO())
    assert (progress.done, progress.total) == (3, 3)


def test_a_steady_run_redraws_the_bar_at_least_once_a_second(monkeypatch):
    """tqdm's adaptive `miniters` would learn the size of the first burst and then skip redraws."""
    clock = [1000.0]
    monkeypatch.setattr("tqdm.std.time", lambda: clock[0])
    progress = Progress(io.StringIO(), enabled=True, unit="record")
    redraws = []
    real = progress._bar.refresh
    monkeypatch.setattr(progress._bar, "refresh", lambda *a, **k: (redraws.append(clock[0]), real(*a, **k)))
    progress.advance(1000, 500)  # a first burst of 500 records
    for _ in range(100):  # then one record every 0.1 s for 10 s
        clock[0] += 0.1
        progress.advance(20, 1)
    gaps = [b - a for a, b in zip(redraws, redraws[1:])]
    assert len(redraws) >= 10 and max(gaps) <= 1.0
    assert REFRESH_SECONDS <= 1.0


@pytest.mark.parametrize("enabled", [False, True])
def test_counts_are_kept_whether_or_not_the_bar_is_shown(enabled):
    progress = Progress(io.StringIO(), enabled=enabled, unit="document", total=3, total_bytes=300)
    progress.advance(100, 1)
    progress.advance(50, 1, 1)
    assert (progress.done, progress.bytes_read, progress.rejected) == (2, 150, 1)
    assert progress.postfix() == "150B of 300B (50%) read, 1 rejected"


def test_bytes_read_are_shown_in_a_readable_unit():
    progress = Progress(io.StringIO(), enabled=False, unit="record", total_bytes=45_000_000)
    progress.advance(12_345_678, 1000)
    assert progress.postfix() == "12.3MB of 45.0MB (27%) read, 0 rejected"
