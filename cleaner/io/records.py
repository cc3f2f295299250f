"""The typed values a corpus run passes around: work for a worker, its outcome, rejects.

A *task* is one document, one JSONL line or one WARC response to clean; it crosses to a worker
process and comes back as an `Outcome`: either output bytes or a `Reject`,
never neither. Counting and writing happen in the parent, in input order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

RejectKind = Literal[
    "not-utf8",        # a JSONL line that is not UTF-8
    "not-json",        # a JSONL line that does not parse
    "not-object",      # a JSONL line that parses to something other than an object
    "missing-field",   # a JSONL record without a string in the text (or HTML) field
    "input-error",     # the cleaner rejected the document (binary, undecodable, unsupported format)
    "unreadable",      # the file could not be read
    "not-a-file",      # a FIFO, socket or device in an input folder
    "symlink",         # a symlink out of the input folder, or a broken one
    "truncated",       # a compressed input that ends early, or a WARC record cut short
    "not-html",        # a WARC response whose Content-Type is not HTML (a PDF, an image)
    "http-status",     # a WARC response that is no page: a redirect, an error (HTTP status not 2xx)
    "internal-error",  # an unexpected exception while cleaning (a bug: the run goes on)
]


@dataclass(frozen=True)
class Reject:
    """An input record that yields no output, with where it was and why."""

    source: str
    kind: RejectKind
    reason: str
    line: int | None = None      # 1-based line of a JSONL record
    offset: int | None = None    # byte offset of that line in the (decompressed) input; of a WARC record in the file
    id: Any = None               # the record's --id-field value, when there is one; a WARC record's WARC-Record-ID
    record: str | None = None    # the original JSONL line (None for whole files and WARC records: they are still there)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "offset": self.offset, "id": self.id,
                "kind": self.kind, "reason": self.reason, "record": self.record}

    def where(self) -> str:
        """`file:line` for a JSONL record, `file@offset` for a WARC record, the file alone for a whole file."""
        if self.line is not None:
            return f"{self.source}:{self.line}"
        return self.source if self.offset is None else f"{self.source}@{self.offset}"


@dataclass(frozen=True)
class Counts:
    """What cleaning one document did, in characters (from its report's totals)."""

    chars_in: int
    chars_out: int
    removed: Mapping[str, int] = field(default_factory=dict)
    fixes: Mapping[str, int] = field(default_factory=dict)
    # HTML input: what extraction left out before the stages ran (blocks, characters)
    extraction_dropped: tuple[int, int] | None = None

    @classmethod
    def from_totals(cls, totals: Mapping[str, Any]) -> "Counts":
        extraction = totals.get("extraction")
        dropped = None if extraction is None else (extraction["blocks_dropped"], extraction["chars_dropped"])
        return cls(totals["chars_in"], totals["chars_out"], dict(totals["removed_by_category"]),
                   dict(totals["fixes_by_category"]), dropped)


@dataclass(frozen=True)
class DocumentTask:
    """One whole document: a file the worker reads, or bytes already read (stdin)."""

    index: int               # which planned input this belongs to
    source: str              # the name shown in reports and rejects
    path: str | None
    data: bytes | None
    format: str              # the cleaner's format: auto, text or html
    size: int                # input bytes it accounts for (progress)


@dataclass(frozen=True)
class LineTask:
    """One JSONL line, as raw bytes: the worker parses it, so the parent only reads and writes."""

    index: int
    source: str
    line: int
    offset: int
    data: bytes
    size: int                # input bytes it accounts for (compressed bytes for .gz)


@dataclass(frozen=True)
class WarcTask:
    """One WARC response record: its HTTP message as raw bytes (the worker parses it) and where it was."""

    index: int
    source: str
    offset: int              # where the record starts in the file (compressed bytes for .warc.gz)
    id: str | None           # WARC-Record-ID
    url: str | None          # WARC-Target-URI
    date: str | None         # WARC-Date, as the archive wrote it
    data: bytes              # the record's block: HTTP status line, headers and payload
    size: int                # input bytes it accounts for (progress)


Task = DocumentTask | LineTask | WarcTask

# What a run counts, one output or one reject each: JSONL and WARC inputs hold records, other inputs are documents.
Unit = Literal["document", "record", "document or record"]


@dataclass(frozen=True)
class Outcome:
    """What came of one task: `output` (text, or a JSONL record line) or a `reject`."""

    output: bytes | None = None
    report: bytes | None = None   # serialised report (a JSON document, or a sidecar JSONL line)
    counts: Counts | None = None
    reject: Reject | None = None
