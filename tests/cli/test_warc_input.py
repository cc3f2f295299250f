"""`cleaner clean crawl.warc.gz`: one JSONL record per HTML page, every other response a reject, the rest counted."""

from __future__ import annotations

import gzip
import json
import sys

from cleaner.cli import main
from cleaner.engines.local import Request, prepare, run
from cleaner.io.progress import Progress

PAGES = ("page", "wrong-header", "header-over-meta")


def _clean(warc_archive, tmp_path, *extra):
    out = tmp_path / "out.jsonl.gz"
    code = main(["clean", str(warc_archive.path), "-o", str(out), "--rejects", str(tmp_path / "rejects.jsonl"),
                 "--stats", str(tmp_path / "stats.json"), "--quiet", *extra])
    records = [json.loads(line) for line in gzip.open(out)]
    rejects = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    return code, records, rejects, json.loads((tmp_path / "stats.json").read_text())


def test_pages_become_records_and_every_other_response_a_reject(warc_archive, tmp_path, cleaner):
    code, records, rejects, stats = _clean(warc_archive, tmp_path, "--report-field", "report")
    assert code == 1  # some records rejected
    assert [r["warc_record_id"] for r in records] == [warc_archive.id(n) for n in PAGES]
    for name, record in zip(PAGES, records):
        assert record["url"] == warc_archive.url(name)
        assert record["warc_date"].endswith("Z")
        charset = "iso-8859-1" if name == "header-over-meta" else "utf-8"
        expected = cleaner.clean(warc_archive.body(name), url=record["url"], format="html", charset=charset)
        assert record["text"] == expected.text
        assert record["report"]["totals"] == expected.report()["totals"]
    assert [(r["id"], r["offset"], r["kind"]) for r in rejects] == [
        (warc_archive.id("pdf"), warc_archive.offsets["pdf"], "not-html"),
        (warc_archive.id("redirect"), warc_archive.offsets["redirect"], "http-status"),
        (warc_archive.id("cut"), warc_archive.offsets["cut"], "truncated"),
    ]
    assert all(r["source"] == str(warc_archive.path) and r["record"] is None for r in rejects)
    assert (stats["documents"], stats["written"], stats["rejected"]) == (6, 3, 3)
    assert stats["warc_records_skipped"] == {"metadata": 1, "request": 1, "warcinfo": 1}


def test_two_jobs_write_the_same_bytes_as_one(warc_archive, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        assert main(["clean", str(warc_archive.path), "-o", str(out), "--jobs", jobs, "--quiet",
                     "--rejects", str(tmp_path / f"rejects-{jobs}.jsonl")]) == 1
        outputs.append((out.read_bytes(), (tmp_path / f"rejects-{jobs}.jsonl").read_bytes()))
    assert outputs[0] == outputs[1] and outputs[0][0].count(b"\n") == 3


def test_a_folder_of_warcs_mirrors_names_and_resume_skips_what_is_done(warc_archive, tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    warc_archive.write(crawl / "a.warc.gz", warc_archive.entries, cut_last=False)
    offsets = warc_archive.write(crawl / "b.warc.gz", warc_archive.entries[:3], cut_last=False)
    out, sidecars = tmp_path / "out", tmp_path / "reports"
    args = ["clean", str(crawl), "-o", str(out), "--report", str(sidecars), "--quiet"]
    assert main([*args, "--rejects", str(tmp_path / "r.jsonl")]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.jsonl.gz", "b.jsonl.gz"]
    side = [json.loads(line) for line in gzip.open(out / "b.jsonl.gz")]
    reports = [json.loads(line) for line in (sidecars / "b.reports.jsonl").read_text().splitlines()]
    assert [r["id"] for r in reports] == [r["warc_record_id"] for r in side] == ["<urn:test:page>"]
    assert reports[0]["offset"] == offsets["page"]
    (out / "b.jsonl.gz").unlink()
    before = (out / "a.jsonl.gz").stat().st_mtime_ns
    assert main([*args, "--resume", "--stats", str(tmp_path / "s.json")]) == 0
    stats = json.loads((tmp_path / "s.json").read_text())
    assert (stats["inputs"], stats["inputs_skipped"], stats["written"]) == (1, 1, 1)
    assert (out / "a.jsonl.gz").stat().st_mtime_ns == before and (out / "b.jsonl.gz").exists()


def test_the_progress_bar_counts_records(warc_archive, tmp_path, cleaner):
    request = Request(inputs=(str(warc_archive.path),), output=str(tmp_path / "out.jsonl"),
                      rejects=str(tmp_path / "r.jsonl"))
    plan = prepare(request)
    progress = Progress.of(plan, sys.stderr, enabled=False)
    assert plan.unit == "record" and progress.total is None
    run(cleaner, request, plan, progress=progress)
    assert (progress.done, progress.rejected) == (6, 3)


def test_without_the_extra_a_warc_fails_with_one_line_naming_it(warc_archive, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "fastwarc", None)  # what `import fastwarc` meets when it is not installed
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    out = tmp_path / "out.jsonl.gz"
    assert main(["clean", str(warc_archive.path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"cleaner: {warc_archive.path} is a WARC file; reading WARC needs FastWARC: "
                   "pip install 'article-cleaner[warc]'\n")
    assert not out.exists()
