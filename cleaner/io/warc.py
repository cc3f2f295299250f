"""WARC in (`.warc`, `.warc.gz`): split a web archive into its HTTP responses, read one response's page.

The parent only frames records (`WarcRecords`): each response record goes to
a worker as a `WarcTask` with its raw HTTP message; the worker parses it
(`read_page`) and cleans the page, so the parent stays an I/O loop, as for
JSONL. Every record is accounted for:

* a response becomes one output record, or one `Reject`: `http-status` (a
  redirect or an error page), `not-html` (a PDF, an image), `truncated` (the
  crawler cut the payload: `WARC-Truncated`), `input-error` (undecodable);
* a record cut short by the end of the file, or a gzip member that never
  ends, is a `truncated` reject at its byte offset;
* any other record (warcinfo, request, metadata, revisit, resource ...) is no
  page: it is counted by type as skipped (`WarcRecords.skipped`), in the
  run's summary and `--stats`, not in the rejects, which would otherwise list
  a request for every page.

Offsets are where a record starts in the file as stored (compressed bytes
for `.warc.gz`, where each record is its own gzip member): what CDX indexes
give, so `tail -c +OFFSET+1 crawl.warc.gz | zcat | head` shows the record.

Records are read with FastWARC (the `warc` extra), imported only when a WARC
is read. FastWARC reads a gzip member that breaks off as if it ended there,
so the framing is checked here: a block shorter than its Content-Length is
cut, and a second zlib pass over the compressed bytes (`_GzipMembers`) says
whether the file ends inside a member.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from ..errors import UsageError
from .records import Reject, WarcTask

WARC_SUFFIXES = (".warc", ".warc.gz")
WARC_MAGIC = b"WARC/"
INSTALL = "pip install 'article-cleaner[warc]'"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def check_reader(source: str) -> None:
    """Raise `UsageError` naming the extra to install when FastWARC is missing (before anything is written)."""
    try:
        import fastwarc.warc  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"{source} is a WARC file; reading WARC needs FastWARC: {INSTALL}") from exc


def output_name(name: str) -> str:
    """A WARC's output name: its records as JSONL (crawl.warc.gz -> crawl.jsonl.gz)."""
    lower = name.lower()
    for suffix, replacement in ((".warc.gz", ".jsonl.gz"), (".warc", ".jsonl")):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + replacement
    return name + ".jsonl"


class WarcRecords:
    """Split a WARC stream into `WarcTask`s (responses) and `Reject`s; count the other records in `skipped`.

    `size` of a task is how far the file advanced since the previous one, so
    progress adds up to the file size.
    """

    def __init__(self, raw: BinaryIO, index: int, source: str):
        self.index, self.source = index, source
        self.skipped: Counter[str] = Counter()
        self._stream = _GzipMembers(raw)

    def __iter__(self) -> Iterator[WarcTask | Reject]:
        from fastwarc.warc import ArchiveIterator

        # A response is held back until the next record starts: then its size is
        # known, and at the end a gzip member cut short can still take its place.
        pending: WarcTask | None = None
        mark = 0                  # where the bytes not yet given to a task start
        last: int | None = None   # where the last record read starts
        try:
            for record in ArchiveIterator(self._stream, parse_http=False):
                last = record.stream_pos
                if pending is not None:
                    yield _sized(pending, last - mark)
                    pending, mark = None, last
                item = self._record(record, last)
                if isinstance(item, WarcTask):
                    pending = item
                elif item is not None:
                    yield item
        except OSError as exc:  # FastWARC's word for a record or gzip member it cannot read
            yield from self._end(pending, mark, last)
            where = "at the start" if last is None else f"after the record at offset {last}"
            yield self._reject(last or 0, None, "unreadable", f"cannot read the WARC {where}: {exc}")
            return
        yield from self._end(pending, mark, last)

    def _end(self, pending: WarcTask | None, mark: int, last: int | None) -> Iterator[WarcTask | Reject]:
        """The last response, unless the file ends inside its gzip member; then the member cut short, if any."""
        cut = self._stream.member_cut()
        if pending is not None and cut == pending.offset:
            yield self._reject(cut, pending.id, "truncated", "the file ends inside this record's gzip member "
                               "(truncated file): the record cannot be checked whole")
            return
        if pending is not None:
            yield _sized(pending, self._stream.read_bytes - mark)
        if cut is not None and cut != last:  # a member FastWARC did not even start to read as a record
            yield self._reject(cut, None, "truncated", "the file ends inside a gzip member (truncated file): "
                               "the record there, and anything after it, is lost")

    def _record(self, record: object, offset: int) -> WarcTask | Reject | None:
        headers = record.headers  # type: ignore[attr-defined]
        record_id = headers.get("WARC-Record-ID")
        block = record.reader.read()  # type: ignore[attr-defined]
        declared = headers.get("Content-Length")
        if declared is None or not declared.isdigit():
            return self._reject(offset, record_id, "truncated", "the record's headers end early, without a "
                                "Content-Length (truncated file)")
        if len(block) < int(declared):
            return self._reject(offset, record_id, "truncated", f"the record ends early: {len(block)} bytes of "
                                f"its Content-Length {declared} (truncated file)")
        kind = headers.get("WARC-Type") or "(no WARC-Type)"
        if kind != "response":
            self.skipped[kind] += 1
            return None
        if headers.get("WARC-Truncated"):
            return self._reject(offset, record_id, "truncated", "the crawler cut the payload short "
                                f"(WARC-Truncated: {headers.get('WARC-Truncated')}): the page is incomplete")
        return WarcTask(self.index, self.source, offset, record_id, headers.get("WARC-Target-URI"),
                        headers.get("WARC-Date"), block, 0)

    def _reject(self, offset: int, record_id: str | None, kind: str, reason: str) -> Reject:
        return Reject(self.source, kind, reason, offset=offset, id=record_id)  # type: ignore[arg-type]


def _sized(task: WarcTask, size: int) -> WarcTask:
    return WarcTask(task.index, task.source, task.offset, task.id, task.url, task.date, task.data, size)


class _GzipMembers(io.RawIOBase):
    """`raw`, read through; if it is gzip, each chunk also goes through zlib, member by member,
    so that at the end `member_cut()` says whether the file stopped inside one.

    Only the framing is checked (the output is dropped); corrupt data is left
    for FastWARC to report, so records before it are still read.
    """

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self.read_bytes = 0
        self._is_gzip: bool | None = None
        self._member: zlib._Decompress | None = None  # type: ignore[name-defined]
        self._member_start = 0
        self._broken = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.read_bytes

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """FastWARC asks where the stream is with a seek that goes nowhere; a pipe cannot go anywhere else."""
        if (whence, offset) in ((io.SEEK_CUR, 0), (io.SEEK_SET, self.read_bytes)):
            return self.read_bytes
        raise io.UnsupportedOperation(f"seek({offset}, {whence}): the input is read once, in order")

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._check(data)
        self.read_bytes += len(data)
        return len(data)

    def _check(self, chunk: bytes) -> None:
        if self._is_gzip is None and chunk:
            self._is_gzip = chunk[:2] == b"\x1f\x8b"
        data = chunk
        while data and self._is_gzip and not self._broken:
            if self._member is None:
                self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._member_start = self.read_bytes + len(chunk) - len(data)
            try:
                while data and not self._member.eof:  # bounded output: the text itself is not needed
                    self._member.decompress(data, 1 << 20)
                    data = self._member.unconsumed_tail
            except zlib.error:
                self._broken = True
                return
            if self._member.eof:
                data = self._member.unused_data
                self._member = None

    def member_cut(self) -> int | None:
        """Where the member the file ends inside starts, or None (complete, not gzip, or corrupt)."""
        if self._member is None or self._broken:
            return None
        try:
            self._member.flush()  # output held back by the bound above; the end of the member may be in it
        except zlib.error:
            return None
        return None if self._member.eof else self._member_start


@dataclass(frozen=True)
class Page:
    """A response's HTML payload (content- and transfer-decoded) and the charset its header declared."""

    body: bytes
    charset: str | None


def read_page(task: WarcTask) -> Page | Reject:
    """The HTML page a response carries, or the `Reject` that says why it carries none (in a worker)."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    record.init_headers(WarcRecordType.response)
    record.set_bytes_content(task.data)
    record.is_http = True
    try:
        record.parse_http(auto_decode="all")
        body = record.reader.read()
    except OSError as exc:
        return _page_reject(task, "unreadable", f"the HTTP response cannot be read: {exc}")
    status = record.http_headers.status_code
    if status is None or not 200 <= status < 300:
        return _page_reject(task, "http-status", _status_reason(status, record.http_headers))
    content_type = record.http_content_type
    if content_type is None or content_type.lower() not in HTML_TYPES:
        return _page_reject(task, "not-html", f"the response is {content_type or 'without a Content-Type'}, "
                            "not HTML")
    return Page(body, record.http_charset)


def _status_reason(status: int | None, headers: object) -> str:
    if status is None:
        return "no HTTP status line: not an HTTP response"
    line = f"HTTP {status}"
    location = headers.get("Location")  # type: ignore[attr-defined]
    if 300 <= status < 400:
        return f"{line}: a redirect{f' to {location}' if location else ''}, no page"
    return f"{line}: not a page (only 2xx responses are)"


def _page_reject(task: WarcTask, kind: str, reason: str) -> Reject:
    return Reject(task.source, kind, reason, offset=task.offset, id=task.id)  # type: ignore[arg-type]
