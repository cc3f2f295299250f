"""Corpus runs: folders and JSONL in, mirrored outputs out, every record written or rejected, any --jobs."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaner import Cleaner, InputError
from cleaner.cli import main
from cleaner.report.provenance import provenance

RECORDS = 1000


@pytest.fixture(scope="module")
def corpus(kit, tmp_path_factory):
    """A folder of mixed .txt/.html documents and a JSONL of 1,000 lines, a few of them broken."""
    root = tmp_path_factory.mktemp("corpus")
    docs = kit.write_documents(root / "docs", 24, html_every=4)
    good = kit.write_jsonl(root / "shards" / "records.jsonl", RECORDS, broken=kit.BROKEN)
    return root, docs, good


@pytest.fixture(scope="module")
def runs(kit, corpus, tmp_path_factory):
    """The same corpus cleaned with --jobs 1 and --jobs 2."""
    root, _, _ = corpus
    done = {}
    for jobs in (1, 2):
        out = tmp_path_factory.mktemp(f"out{jobs}")
        proc = kit.cli(root / "docs", root / "shards", "-o", out / "clean", "--jobs", jobs,
                   "--rejects", out / "rejects.jsonl", "--stats", out / "stats.json", "--id-field", "id")
        done[jobs] = (proc, out)
    return done


def test_every_record_is_written_or_rejected(kit, corpus, runs):
    root, docs, good = corpus
    proc, out = runs[2]
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    rejects = kit.read_jsonl(out / "rejects.jsonl")
    records = kit.read_jsonl(out / "clean" / "records.jsonl")
    record_rejects = [r for r in rejects if r["source"].endswith("records.jsonl")]
    assert len(records) == good and len(records) + len(record_rejects) == RECORDS
    written_docs = [p for p in (out / "clean").rglob("*") if p.is_file() and p.name != "records.jsonl"]
    doc_rejects = [r for r in rejects if not r["source"].endswith("records.jsonl")]
    assert len(written_docs) + len(doc_rejects) == len(docs)
    stats = json.loads((out / "stats.json").read_text())
    assert stats["documents"] == RECORDS + len(docs) and stats["status"] == "complete"
    assert stats["written"] == len(records) + len(written_docs) and stats["rejected"] == len(rejects)


def test_rejects_carry_line_offset_reason_and_the_original_line(kit, corpus, runs):
    root = corpus[0]
    _, out = runs[2]
    data = (root / "shards" / "records.jsonl").read_bytes()
    lines = data.splitlines(keepends=True)
    by_line = {r["line"]: r for r in kit.read_jsonl(out / "rejects.jsonl") if r["line"] is not None}
    assert set(by_line) == set(kit.BROKEN)
    for line_no, reject in by_line.items():
        assert reject["kind"] == kit.BROKEN_KINDS[line_no]
        assert reject["reason"] and "\n" not in reject["reason"]
        assert reject["offset"] == len(b"".join(lines[: line_no - 1]))
        assert reject["record"] == lines[line_no - 1].decode("utf-8", "replace").rstrip("\n")
    assert by_line[250]["id"] == "no-text" and "'text'" in by_line[250]["reason"]
    assert "column 2" in by_line[7]["reason"] and "array" in by_line[99]["reason"]


def test_documents_are_mirrored_and_match_single_document_cleaning(kit, corpus, runs):
    root, docs, _ = corpus
    _, out = runs[2]
    cleaner = Cleaner()
    rejects = {r["source"]: r for r in kit.read_jsonl(out / "rejects.jsonl")}
    for doc in docs:
        rel = doc.relative_to(root / "docs")
        target = out / "clean" / rel.with_suffix(".txt")  # plain text: page.html -> page.txt
        try:
            expected = cleaner.clean(doc.read_bytes(), name=str(doc)).text
        except InputError as exc:  # e.g. HTML, while this build cannot read it: the reason is carried over
            assert not target.exists()
            assert rejects[str(doc)]["reason"] == str(exc) and rejects[str(doc)]["kind"] == "input-error"
            continue
        expected = expected.rstrip("\n")
        assert target.read_text(encoding="utf-8") == (expected + "\n" if expected else "")  # one final newline
    assert any(p.suffix == ".html" and str(p) not in rejects for p in docs)  # HTML is cleaned, not rejected


def test_records_keep_their_other_fields(kit, corpus, runs):
    root = corpus[0]
    _, out = runs[1]
    originals = {}
    for line in (root / "shards" / "records.jsonl").read_bytes().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            originals[record["id"]] = record
    cleaner = Cleaner()
    for record in kit.read_jsonl(out / "clean" / "records.jsonl"):
        original = originals[record["id"]]
        assert list(record) == [*original, "cleaner"]  # same fields, same order, then the provenance
        assert {k: v for k, v in record.items() if k not in ("text", "cleaner")} == {
            k: v for k, v in original.items() if k != "text"}
        expected = cleaner.clean(original["text"], url=original["url"])
        assert record["text"] == expected.text
        assert record["cleaner"] == provenance(expected)


def test_jobs_1_and_2_give_identical_bytes(kit, runs):
    (proc1, out1), (proc2, out2) = runs[1], runs[2]
    assert proc1.returncode == proc2.returncode == 1
    assert kit.tree(out1 / "clean") == kit.tree(out2 / "clean")
    assert (out1 / "rejects.jsonl").read_bytes() == (out2 / "rejects.jsonl").read_bytes()


def test_gzip_output_with_embedded_reports_and_sidecar(kit, tmp_path, capsys):
    source = tmp_path / "in.jsonl.gz"
    kit.write_jsonl(source, 40)
    out, side = tmp_path / "out.jsonl.gz", tmp_path / "out.reports.jsonl"
    args = ["clean", str(source), "-o", str(out), "--report-field", "report", "--report", str(side),
            "--id-field", "id", "--output-field", "clean", "--quiet"]
    assert main(args + ["--jobs", "1"]) == 0
    first = out.read_bytes()
    assert main(args + ["--jobs", "2"]) == 0
    assert out.read_bytes() == first  # gzip header without name or time: same bytes each run
    records, reports = kit.read_jsonl(out), kit.read_jsonl(side)
    assert len(records) == len(reports) == 40
    for n, (record, report) in enumerate(zip(records, reports), start=1):
        assert record["text"] != record["clean"]  # the source stays, the clean text is added
        assert record["report"]["totals"]["chars_out"] == len(record["clean"])
        assert report == {"source": str(source), "line": n, "id": f"r{n}", "report": record["report"]}
    assert capsys.readouterr().err == ""


def test_html_field_is_preferred_and_text_goes_to_the_text_field(kit, tmp_path, monkeypatch):
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"id": 1, "html": "<html><body><p>x</p></body></html>", "text": "old"}) + "\n"
                      + json.dumps({"id": 2, "text": "Comments are closed.\nA plain record.\n"}) + "\n")
    seen = []
    original = Cleaner.clean

    def spy(self, source, **kwargs):
        seen.append((source, kwargs["format"]))
        return original(self, "A clean page.\n", format="text")

    monkeypatch.setattr(Cleaner, "clean", spy)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--html-field", "html", "--jobs", "1", "--quiet"]) == 0
    assert seen == [("<html><body><p>x</p></body></html>", "html"), ("Comments are closed.\nA plain record.\n", "auto")]
    first, second = kit.read_jsonl(out)
    assert {k: v for k, v in first.items() if k != "cleaner"} == {
        "id": 1, "html": "<html><body><p>x</p></body></html>", "text": "A clean page.\n"}
    assert second["text"] == "A clean page.\n"


def test_input_error_reason_is_carried_to_the_reject(kit, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "a.txt").write_text("The council approved the budget on Tuesday.\n")
    original = Cleaner.clean

    def reject_png(self, source, **kwargs):
        if isinstance(source, bytes) and source.startswith(b"\x89PNG"):
            raise InputError("binary input (PNG image), not text")
        return original(self, source, **kwargs)

    monkeypatch.setattr(Cleaner, "clean", reject_png)
    rejects = tmp_path / "rejects.jsonl"
    assert main(["clean", str(folder), "-o", str(tmp_path / "out"), "--rejects", str(rejects), "--jobs", "1"]) == 1
    (reject,) = kit.read_jsonl(rejects)
    assert reject == {"source": str(folder / "image.png"), "line": None, "offset": None, "id": None,
                      "kind": "input-error", "reason": "binary input (PNG image), not text", "record": None}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt"]
    assert "1 rejected (input-error 1)" in capsys.readouterr().err


def test_unexpected_error_rejects_the_record_and_the_run_goes_on(kit, tmp_path, monkeypatch, capsys):
    source = tmp_path / "in.jsonl"
    kit.write_jsonl(source, 5)
    original = Cleaner.clean

    def buggy(self, text, **kwargs):
        if "Story 3:" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return original(self, text, **kwargs)

    monkeypatch.setattr(Cleaner, "clean", buggy)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--jobs", "1"]) == 1
    assert [r["id"] for r in kit.read_jsonl(out)] == ["r1", "r2", "r4", "r5"]
    err = capsys.readouterr().err
    assert f"{source}:3: rejected (internal-error): unexpected RecursionError" in err


def test_truncated_gzip_keeps_the_records_before_it(kit, tmp_path):
    whole = tmp_path / "whole.jsonl.gz"
    kit.write_jsonl(whole, 300)
    truncated = tmp_path / "cut.jsonl.gz"
    data = whole.read_bytes()
    truncated.write_bytes(data[: len(data) * 2 // 3])
    proc = kit.cli(truncated, "-o", tmp_path / "out.jsonl", "--rejects", tmp_path / "rejects.jsonl", "--jobs", 2)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    reference = kit.cli(whole, "-o", tmp_path / "ref.jsonl", "--jobs", 2)
    assert reference.returncode == 0
    written = (tmp_path / "out.jsonl").read_bytes().splitlines()
    assert 0 < len(written) < 300 and written == (tmp_path / "ref.jsonl").read_bytes().splitlines()[: len(written)]
    (reject,) = kit.read_jsonl(tmp_path / "rejects.jsonl")
    assert reject["kind"] == "truncated" and reject["line"] > len(written)
    assert reject["reason"].startswith("compressed input ends early (truncated file)")
    assert b"1 rejected (truncated 1)" in proc.stderr


def test_jsonl_on_stdin_to_stdout(kit, tmp_path):
    source = tmp_path / "in.jsonl"
    kit.write_jsonl(source, 20, broken={5: b"oops\n"})
    plain = kit.cli("-", "--jobs", 2, input=source.read_bytes(), stdin=None)
    packed = kit.cli("-", "--jobs", 2, input=gzip.compress(source.read_bytes()), stdin=None)
    assert plain.returncode == packed.returncode == 1
    assert plain.stdout == packed.stdout and len(plain.stdout.splitlines()) == 19
    assert b"<stdin>:5: rejected (not-json)" in plain.stderr


def test_forced_jsonl_format_and_blank_lines(kit, tmp_path, capsys):
    source = tmp_path / "records.data"  # no telling name
    source.write_bytes(b'\n{"text": "One line."}\n\n  \n{"text": "Two."}\n')
    stats = tmp_path / "stats.json"
    assert main(["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--stats", str(stats), "--quiet"]) == 0
    assert [r["text"] for r in kit.read_jsonl(tmp_path / "out.jsonl")] == ["One line.", "Two."]
    counts = json.loads(stats.read_text())
    assert (counts["documents"], counts["written"], counts["blank_lines"]) == (2, 2, 3)
    assert main(["clean", str(source), "--format", "text", "--quiet"]) == 0  # the same file as one document
    assert '{"text": "One line."}' in capsys.readouterr().out


def test_folder_reports_are_mirrored(kit, tmp_path):
    kit.write_documents(tmp_path / "in", 4)
    kit.write_jsonl(tmp_path / "in" / "x.jsonl.gz", 3)
    proc = kit.cli(tmp_path / "in", "-o", tmp_path / "out", "--report", tmp_path / "reports", "--jobs", 1)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.relative_to(tmp_path / "reports").as_posix() for p in (tmp_path / "reports").rglob("*.*"))
    assert names == ["part0/doc000.txt.report.json", "part0/doc003.txt.report.json", "part1/doc001.txt.report.json",
                     "part2/doc002.txt.report.json", "x.reports.jsonl"]
    report = json.loads((tmp_path / "reports" / "part1" / "doc001.txt.report.json").read_text())
    assert report["source"]["name"] == str(tmp_path / "in" / "part1" / "doc001.txt")
    assert len(kit.read_jsonl(tmp_path / "reports" / "x.reports.jsonl")) == 3


BINARIES = {
    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "archive.gz": gzip.compress(b"some text inside\n" * 50, mtime=0),
    "program": b"\x7fELF\x02\x01\x01\x00" + bytes(8) + bytes(range(256)) * 4,
    "paper.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4,
}


def test_binary_files_in_a_folder_get_the_librarys_outcome(kit, tmp_path):
    """Each binary file is written or rejected exactly as the library decides, its reason carried verbatim."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in BINARIES.items():
        (folder / name).write_bytes(data)
    proc = kit.cli(folder, "-o", tmp_path / "out", "--rejects", tmp_path / "rejects.jsonl", "--jobs", 2)
    assert b"Traceback" not in proc.stderr
    rejects = {r["source"]: r for r in kit.read_jsonl(tmp_path / "rejects.jsonl")}
    cleaner = Cleaner()
    for name, data in BINARIES.items():
        try:
            expected = cleaner.clean(data, name=str(folder / name)).text.encode("utf-8", "surrogatepass")
        except InputError as exc:
            assert rejects[str(folder / name)]["reason"] == str(exc) and not (tmp_path / "out" / name).exists()
        else:
            assert (tmp_path / "out" / name).read_bytes() == expected and str(folder / name) not in rejects
    assert proc.returncode == (1 if rejects else 0)
