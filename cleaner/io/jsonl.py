"""JSONL in and out: stream lines from `.jsonl` / `.jsonl.gz`, parse one record, serialise records.

The parent only splits the input into raw lines (with their line number and
byte offset); parsing, cleaning (`cleaner.engines.record`) and serialising
happen in the worker, so the parent stays an I/O loop. A record keeps every
field it came with; only the output field (and the report field, if asked
for) is set.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from .records import LineTask, Reject

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class JsonlFields:
    """Which fields of a record hold what (the `--*-field` options)."""

    text: str = "text"                # the document, cleaned in place unless `output` is set
    html: str | None = None           # raw HTML: preferred over `text` when the record has it
    url: str | None = "url"           # the page URL (selects site rules; never fetched)
    id: str | None = None             # the record's key in rejects and sidecar reports
    output: str | None = None         # where the clean text goes (default: the text field)
    report: str | None = None         # embed the report in the record under this field
    format: str = "auto"              # how to read the text field: auto, text or html


def dump_line(obj: Any) -> bytes:
    """One JSON line (no newline), UTF-8 as written; \\u-escaped only if it holds lone surrogates."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate came in as a JSON escape: keep it escaped
        return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def open_binary(raw: BinaryIO) -> BinaryIO:
    """Wrap `raw` in a gzip reader if it starts with the gzip magic (peeked, not consumed)."""
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    return gzip.GzipFile(fileobj=raw, mode="rb") if head == GZIP_MAGIC else raw  # type: ignore[return-value]


class JsonlReader:
    """Split a JSONL stream into `LineTask`s; if the input breaks off, end with one `Reject`.

    Blank lines are no records: they are counted in `blank_lines`, and their
    bytes go to the next task's `size`. `size` is how far `raw` advanced
    (compressed bytes for gzip), so progress adds up to the file size.
    """

    def __init__(self, stream: BinaryIO, raw: BinaryIO, index: int, source: str):
        self.stream, self.raw, self.index, self.source = stream, raw, index, source
        self.blank_lines = 0

    def __iter__(self) -> Iterator[LineTask | Reject]:
        offset, line_no, position, carried = 0, 0, _tell(self.raw), 0
        try:
            for data in self.stream:
                line_no += 1
                now = _tell(self.raw)
                size = now - position if now is not None and position is not None else len(data)
                position = now
                if data.strip():
                    yield LineTask(self.index, self.source, line_no, offset, data, size + carried)
                    carried = 0
                else:
                    self.blank_lines += 1
                    carried += size
                offset += len(data)
        except EOFError:
            yield Reject(self.source, "truncated", "compressed input ends early (truncated file): "
                         f"nothing after line {line_no} could be read", line=line_no + 1, offset=offset)
        except (zlib.error, OSError) as exc:  # OSError includes gzip.BadGzipFile
            yield Reject(self.source, "unreadable", f"cannot read past line {line_no}: {_message(exc)}",
                         line=line_no + 1, offset=offset)


def _tell(raw: BinaryIO) -> int | None:
    try:
        return raw.tell()
    except (OSError, ValueError):  # a pipe
        return None


def _message(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def parse_line(task: LineTask) -> dict[str, Any] | Reject:
    """The record on one line, or the `Reject` that says why there is none."""
    try:
        line = task.data.decode("utf-8").rstrip("\r\n")  # columns count in the line as the user sees it
    except UnicodeDecodeError as exc:
        return line_reject(task, "not-utf8", f"line is not UTF-8 (byte {task.data[exc.start]:#04x} at column {exc.start + 1})")
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" ("Unterminated string starting at"): one "at" is enough.
        message = exc.msg.removesuffix(" at")
        return line_reject(task, "not-json", f"line is not JSON: {message} at column {exc.pos + 1}")
    except RecursionError:
        return line_reject(task, "not-json", "line is not JSON this reader accepts: nested too deeply")
    if not isinstance(value, dict):
        return line_reject(task, "not-object", f"line is a JSON {_json_type(value)}, not an object")
    return value


def record_document(record: dict[str, Any], fields: JsonlFields) -> tuple[str | bytes, str] | str:
    """The text to clean and its format, or why there is none.

    The reason names the fields the record does have when a wanted one is
    missing (records usually all lack it: the wrong field name was given),
    and the JSON type of a wanted field that is not a string.
    Bytes never come from JSON; a Parquet binary column gives them, and the cleaner decodes them.
    """
    if fields.html and isinstance(record.get(fields.html), (str, bytes)):
        return record[fields.html], "html"
    value = record.get(fields.text)
    if isinstance(value, (str, bytes)):
        return value, fields.format
    wanted = [fields.text] + ([fields.html] if fields.html and fields.html != fields.text else [])
    quoted = " or ".join(f"'{name}'" for name in wanted)
    missing = [name for name in wanted if name not in record]
    has = f" (its fields: {_field_names(record)})" if missing else ""
    if len(missing) == len(wanted):
        return f"record has no {quoted} field{has}"
    states = ", ".join(f"'{name}' is " + ("missing" if name in missing else _json_value_kind(record[name]))
                       for name in wanted)
    return f"record has no string in {quoted}: {states}{has}"


_SHOWN_FIELDS = 10


def _field_names(record: dict[str, Any]) -> str:
    if not record:
        return "none"
    names = ", ".join(f"'{name}'" for name in list(record)[:_SHOWN_FIELDS])
    return names + (f", … ({len(record)} in all)" if len(record) > _SHOWN_FIELDS else "")


def _json_value_kind(value: Any) -> str:
    """'null', 'a number', 'an array': how a reason names a JSON value that is not a string."""
    kind = _json_type(value)
    return kind if kind in ("null", "bytes") else f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def line_reject(task: LineTask, kind: Any, reason: str, key: Any = None) -> Reject:
    """The reject of one JSONL line, carrying the line itself."""
    record = task.data.decode("utf-8", "replace").rstrip("\r\n")
    return Reject(task.source, kind, reason, line=task.line, offset=task.offset, id=key, record=record)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null", bytes: "bytes"}
    return names.get(type(value), "number")
