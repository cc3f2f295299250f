"""The library under the corpus CLI: JSONL reading and records, atomic files, the ordered pool."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from cleaner.config import BatchSettings
from cleaner.engines.pool import ordered_map
from cleaner.engines.worker import Worker
from cleaner.io.atomic import AtomicFile
from cleaner.io.jsonl import JsonlFields, JsonlReader, open_binary
from cleaner.io.records import LineTask, Reject


def _read(data: bytes) -> tuple[list[LineTask | Reject], JsonlReader]:
    raw = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    reader = JsonlReader(open_binary(raw), raw, 0, "in.jsonl")
    return list(reader), reader


def test_reader_gives_line_numbers_offsets_and_counts_blank_lines():
    data = b'{"text": "a"}\n\n{"text": "b"}\r\n   \n{"text": "c"}'
    tasks, reader = _read(data)
    assert [(t.line, t.offset, t.data) for t in tasks] == [
        (1, 0, b'{"text": "a"}\n'), (3, 15, b'{"text": "b"}\r\n'), (5, 34, b'{"text": "c"}')]
    assert reader.blank_lines == 2
    assert sum(t.size for t in tasks) == len(data)  # progress adds up to the input size


def test_truncated_gzip_yields_the_lines_before_it_then_one_reject(kit, tmp_path):
    path = tmp_path / "x.jsonl.gz"
    kit.write_jsonl(path, 200)
    whole = gzip.decompress(path.read_bytes()).splitlines(keepends=True)
    data = path.read_bytes()
    tasks, _ = _read(data[: len(data) // 2])
    *lines, reject = tasks
    assert [t.data for t in lines] == whole[: len(lines)] and 0 < len(lines) < 200
    assert isinstance(reject, Reject) and reject.kind == "truncated" and reject.line == len(lines) + 1
    assert reject.offset == sum(len(line) for line in whole[: len(lines)])
    assert reject.reason == f"compressed input ends early (truncated file): nothing after line {len(lines)} could be read"


def test_corrupt_gzip_is_a_reject_not_a_crash():
    data = bytearray(gzip.compress(b'{"text": "a"}\n' * 2000))
    data[40:60] = b"\0" * 20
    *_, reject = _read(bytes(data))[0]
    assert isinstance(reject, Reject) and reject.kind == "unreadable" and reject.reason.startswith("cannot read past line")


@pytest.mark.parametrize("line, kind, reason", [
    (b"{oops}\n", "not-json", "line is not JSON: Expecting property name enclosed in double quotes at column 2"),
    (b"42\n", "not-object", "line is a JSON number, not an object"),
    (b"null\n", "not-object", "line is a JSON null, not an object"),
    (b'{"body": "x"}\n', "missing-field", "record has no 'text' field (its fields: 'body')"),
    (b'{"text": ["x"]}\n', "missing-field", "record has no string in 'text': 'text' is an array"),
    (b'{"text": "caf\xe9"}\n', "not-utf8", "line is not UTF-8 (byte 0xe9 at column 14)"),
])
def test_lines_that_cannot_be_records_are_rejected_with_their_reason(cleaner, line, kind, reason):
    task = LineTask(0, "in.jsonl", 12, 345, line, len(line))
    outcome = Worker(cleaner, JsonlFields()).process(task)
    assert outcome.output is None
    assert outcome.reject == Reject("in.jsonl", kind, reason, line=12, offset=345,
                                    record=line.decode("utf-8", "replace").rstrip("\n"))


def test_a_record_keeps_its_fields_and_lone_surrogates_stay_valid_json(cleaner):
    line = b'{"z": 1, "text": "Share this article\\nBody text here.", "a": {"b": [1.5, null], "c": "\\ud800"}}\n'
    worker = Worker(cleaner, JsonlFields(report="r"), sidecar_reports=True)
    outcome = worker.process(LineTask(0, "s", 1, 0, line, len(line)))
    record = json.loads(outcome.output)
    assert list(record) == ["z", "text", "a", "cleaner", "r"] and record["a"] == {"b": [1.5, None], "c": "\ud800"}
    assert record["text"] == cleaner.clean("Share this article\nBody text here.").text and outcome.output.isascii()
    assert json.loads(outcome.report)["report"] == record["r"]


def test_atomic_file_appears_only_on_commit(tmp_path):
    target = tmp_path / "out.jsonl.gz"
    out = AtomicFile(target)
    out.write(b"data\n")
    assert not target.exists() and len(list(tmp_path.iterdir())) == 1
    out.abort()
    assert list(tmp_path.iterdir()) == []
    with AtomicFile(target) as out:
        out.write(b"data\n")
    assert gzip.decompress(target.read_bytes()) == b"data\n" and list(tmp_path.iterdir()) == [target]


def test_a_stale_temporary_of_the_same_target_is_swept(tmp_path):
    (tmp_path / ".a.txt.0123abcd.cleaner-tmp").write_text("left by a killed run")
    (tmp_path / ".a.txt.report.json.0123abcd.cleaner-tmp").write_text("another target's")
    with AtomicFile(tmp_path / "a.txt") as out:
        out.write(b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.txt.report.json.0123abcd.cleaner-tmp", "a.txt"]


def _units(count: int, pulled: list[int]):
    for n in range(count):
        pulled.append(n)
        if n % 10 == 0:
            yield ("marker", n)
        line = json.dumps({"text": f"Line {n}."}).encode() + b"\n"
        yield LineTask(0, "s", n + 1, 0, line, len(line))


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_keeps_order_and_reads_ahead_only_a_bounded_window(cleaner, jobs):
    settings = BatchSettings(chunk_docs=4, chunk_bytes=1 << 20, chunks_per_worker=2)
    pulled: list[int] = []
    results = ordered_map(Worker(cleaner), _units(400, pulled), jobs, settings)
    first_unit, _ = next(results)
    # Before the first result: at most the in-flight window (jobs * 2 chunks of 4), plus the chunk being filled.
    assert first_unit == ("marker", 0) and len(pulled) <= jobs * 2 * 4 + 4 + 1
    rest = list(results)
    assert [u for u, o in rest if o is None] == [("marker", n) for n in range(10, 400, 10)]
    assert [json.loads(o.output)["text"] for _, o in rest if o is not None] == [f"Line {n}." for n in range(400)]
