"""Reading WARC: every record is a task, a reject at its offset, or a skipped record counted by type."""

from __future__ import annotations

import zlib

import pytest

from cleaner.io.inputs import discover
from cleaner.io.records import Reject, WarcTask
from cleaner.io.warc import WarcRecords, output_name, read_page


def _read(path):
    with path.open("rb") as raw:
        records = WarcRecords(raw, 0, "crawl.warc.gz")
        return list(records), records


def test_responses_are_tasks_other_records_are_counted_and_the_cut_member_is_rejected(warc_archive):
    items, records = _read(warc_archive.path)
    tasks = [i for i in items if isinstance(i, WarcTask)]
    assert [t.id for t in tasks] == [warc_archive.id(n) for n in
                                     ("page", "wrong-header", "header-over-meta", "pdf", "redirect")]
    assert [t.offset for t in tasks] == [warc_archive.offsets[t.id.removeprefix("<urn:test:").rstrip(">")]
                                         for t in tasks]
    assert tasks[0].url == warc_archive.url("page")
    assert tasks[0].date and tasks[0].date.endswith("Z")
    assert dict(records.skipped) == {"warcinfo": 1, "request": 1, "metadata": 1}
    (cut,) = [i for i in items if isinstance(i, Reject)]
    assert (cut.kind, cut.offset, cut.id) == ("truncated", warc_archive.offsets["cut"], warc_archive.id("cut"))
    assert "ends early" in cut.reason
    assert sum(t.size for t in tasks) <= warc_archive.path.stat().st_size


def test_an_offset_is_where_the_record_s_gzip_member_starts(warc_archive):
    items, _ = _read(warc_archive.path)
    data = warc_archive.path.read_bytes()
    for task in (i for i in items if isinstance(i, WarcTask)):
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[task.offset:], 400)
        assert head.startswith(b"WARC/1.1\r\n") and task.id.encode() in head


def test_a_file_that_ends_between_members_and_one_inside_a_record(warc_archive, tmp_path):
    """Cut inside the next member's gzip header: FastWARC sees no record, the framing check does."""
    whole = tmp_path / "whole.warc.gz"
    offsets = warc_archive.write(whole, warc_archive.entries, cut_last=False)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: offsets["metadata"] + 6])
    items, _ = _read(cut)
    assert items[-1] == Reject("crawl.warc.gz", "truncated", items[-1].reason, offset=offsets["metadata"])
    assert "ends inside a gzip member" in items[-1].reason
    assert isinstance(items[-2], WarcTask) and items[-2].id == warc_archive.id("redirect")

    complete, records = _read(whole)
    assert not any(isinstance(i, Reject) for i in complete)
    assert sum(i.size for i in complete) == whole.stat().st_size
    assert dict(records.skipped) == {"warcinfo": 1, "request": 1, "metadata": 1}


def test_an_uncompressed_warc_cut_inside_a_record(warc_archive, tmp_path):
    whole = tmp_path / "whole.warc.gz"
    warc_archive.write(whole, warc_archive.entries, cut_last=False)
    plain = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data, text = whole.read_bytes(), b""
    while data:  # every member, decompressed and joined: the same archive as a .warc
        text += plain.decompress(data)
        data, plain = plain.unused_data, zlib.decompressobj(16 + zlib.MAX_WBITS)
    path = tmp_path / "crawl.warc"
    path.write_bytes(text[: len(text) - 100])
    items, _ = _read(path)
    assert [i.id for i in items if isinstance(i, WarcTask)][-1] == warc_archive.id("redirect")
    assert isinstance(items[-1], Reject) and items[-1].kind == "truncated" and items[-1].id == warc_archive.id("cut")


@pytest.mark.parametrize("name, kind, words", [
    ("pdf", "not-html", "application/pdf, not HTML"),
    ("redirect", "http-status", "HTTP 301: a redirect to https://news.example.com/budget"),
])
def test_responses_that_are_no_html_page_are_rejected_with_why(warc_archive, name, kind, words):
    items, _ = _read(warc_archive.path)
    task = next(i for i in items if isinstance(i, WarcTask) and i.id == warc_archive.id(name))
    reject = read_page(task)
    assert isinstance(reject, Reject)
    assert (reject.kind, reject.offset, reject.id) == (kind, warc_archive.offsets[name], warc_archive.id(name))
    assert words in reject.reason


def test_the_http_charset_outranks_the_meta_charset_while_the_bytes_are_valid_in_it(warc_archive, cleaner):
    items, _ = _read(warc_archive.path)
    pages = {i.id: read_page(i) for i in items if isinstance(i, WarcTask)}
    for name, charset in (("page", "utf-8"), ("wrong-header", "utf-8"), ("header-over-meta", "iso-8859-1")):
        page = pages[warc_archive.id(name)]
        assert (page.body, page.charset) == (warc_archive.body(name), charset)
        text = cleaner.clean(page.body, format="html", charset=page.charset).text
        assert "café on Main Street and its naïve plan" in text, name
    # Without the header, the page's own (wrong) meta charset would have been believed.
    meta_only = cleaner.clean(warc_archive.body("header-over-meta"), format="html")
    assert "caf\ufffd" in meta_only.text
    assert meta_only.report()["decode"]["encoding"] == "utf-8"


def test_warc_files_are_found_by_name_and_by_content(warc_archive, tmp_path):
    unnamed = tmp_path / "crawl-0001"
    unnamed.write_bytes(warc_archive.path.read_bytes())
    found = discover([str(warc_archive.path), str(unnamed)], (), "auto")
    assert [f.kind for f in found] == ["warc", "warc"]
    assert output_name("crawl.warc.gz") == "crawl.jsonl.gz" and output_name("CRAWL.WARC") == "CRAWL.jsonl"


def test_cleaner_takes_the_transport_charset_only_when_the_bytes_fit(cleaner):
    data = "Le café était fermé ce matin-là, dit-elle.".encode("cp1252")
    declared = cleaner.clean(data, format="text", charset="windows-1252")
    assert declared.text.startswith("Le café était") and declared.report()["decode"]["encoding"] == "cp1252"
    # Not valid UTF-8: the label is ignored, and the bytes are read as if no charset were declared.
    assert cleaner.clean(data, format="text", charset="utf-8").text == cleaner.clean(data, format="text").text
