"""What a worker process does with a task: everything it needs travels in one picklable `Worker`.

A task is a whole document (a file to read, or bytes from stdin) or one
JSONL line; either way the record is cleaned by `cleaner.engines.record`, and
whatever goes wrong comes back as a `Reject` in the task's `Outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..io.documents import text_file
from ..io.jsonl import JsonlFields, dump_line, line_reject, parse_line
from ..io.records import DocumentTask, LineTask, Outcome, Reject, Task
from ..pipeline import Cleaner
from .record import Failure, clean_fields, clean_one, counts, dump_report


@dataclass(frozen=True)
class Worker:
    """The compiled cleaner and the run's options: sent to each worker process once."""

    cleaner: Cleaner
    fields: JsonlFields = field(default_factory=JsonlFields)
    url: str | None = None            # the URL of documents that do not carry their own
    document_reports: bool = False    # serialise each document's report (--report)
    sidecar_reports: bool = False     # a report line per JSONL record (--report)

    def process(self, task: Task) -> Outcome:
        if isinstance(task, LineTask):
            return self._line(task)
        return self._document(task)

    def _document(self, task: DocumentTask) -> Outcome:
        """Read (if need be) and clean one document; unreadable or rejected input becomes a `Reject`."""
        data = task.data
        if data is None:
            try:
                data = Path(task.path or "").read_bytes()
            except OSError as exc:
                return Outcome(reject=Reject(task.source, "unreadable", f"cannot read: {exc.strerror or exc}"))
        result = clean_one(self.cleaner, data, url=self.url, format=task.format, name=task.source)
        if isinstance(result, Failure):
            return Outcome(reject=Reject(task.source, result.kind, result.reason))
        report = dump_report(result.report()) if self.document_reports else None
        return Outcome(output=text_file(result.text), report=report, counts=counts(result))

    def _line(self, task: LineTask) -> Outcome:
        """Parse and clean one record; any line that cannot be a record becomes a `Reject`."""
        record = parse_line(task)
        if isinstance(record, Reject):
            return Outcome(reject=record)
        fields = self.fields
        key = record.get(fields.id) if fields.id else None
        result = clean_fields(self.cleaner, fields, record, name=f"{task.source}:{task.line}", url=self.url)
        if isinstance(result, Failure):
            return Outcome(reject=line_reject(task, result.kind, result.reason, key))
        side = None
        if self.sidecar_reports:
            report = record[fields.report] if fields.report else result.report()
            side = dump_line({"source": task.source, "line": task.line, "id": key, "report": report})
        return Outcome(output=dump_line(record), report=side, counts=counts(result))

