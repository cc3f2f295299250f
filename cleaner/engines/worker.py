"""What a worker process does with a task: everything it needs travels in one picklable `Worker`.

A task is a whole document (a file to read, or bytes from stdin), one
JSONL line or one WARC response; either way the record is cleaned by `cleaner.engines.record`, and
whatever goes wrong comes back as a `Reject` in the task's `Outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..io.documents import text_file
from ..io.jsonl import JsonlFields, dump_line, line_reject, parse_line
from ..io.records import DocumentTask, LineTask, Outcome, Reject, Task, WarcTask
from ..io.warc import read_page
from ..limits import cpu_allowance
from ..pipeline import Cleaner
from ..report.provenance import FIELD as PROVENANCE_FIELD
from ..report.provenance import provenance
from .record import Failure, clean_fields, clean_one, counts, dump_report


@dataclass(frozen=True)
class Worker:
    """The compiled cleaner and the run's options: sent to each worker process once."""

    cleaner: Cleaner
    fields: JsonlFields = field(default_factory=JsonlFields)
    url: str | None = None            # the URL of documents that do not carry their own
    document_reports: bool = False    # serialise each document's report (--report)
    sidecar_reports: bool = False     # a report line per JSONL or WARC record (--report)
    charset: str | None = None        # what the user says documents' bytes are in (--encoding)

    def process(self, task: Task) -> Outcome:
        try:
            with cpu_allowance(self.cleaner.settings.max_document_seconds):
                if isinstance(task, LineTask):
                    return self._line(task)
                if isinstance(task, WarcTask):
                    return self._warc(task)
                return self._document(task)
        except InputError as exc:  # the allowance ran out
            return Outcome(reject=_rejected(task, str(exc)))

    def _document(self, task: DocumentTask) -> Outcome:
        """Read (if need be) and clean one document; unreadable or rejected input becomes a `Reject`."""
        data = task.data
        if data is None:
            try:
                data = Path(task.path or "").read_bytes()
            except OSError as exc:
                return Outcome(reject=Reject(task.source, "unreadable", f"cannot read: {exc.strerror or exc}"))
        result = clean_one(self.cleaner, data, url=self.url, format=task.format, name=task.source,
                           charset=self.charset)
        if isinstance(result, Failure):
            return Outcome(reject=Reject(task.source, result.kind, result.reason))
        report = result.report() if self.document_reports else None
        return Outcome(output=text_file(result.text), report=None if report is None else dump_report(report),
                       counts=counts(result, report))

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
        report = record[fields.report] if fields.report else result.report() if self.sidecar_reports else None
        side = None
        if self.sidecar_reports:
            side = dump_line({"source": task.source, "line": task.line, "id": key, "report": report})
        return Outcome(output=dump_line(record), report=side, counts=counts(result, report))

    def _warc(self, task: WarcTask) -> Outcome:
        """Read the page a WARC response carries and clean it as HTML; the output is one JSONL record."""
        page = read_page(task)
        if isinstance(page, Reject):
            return Outcome(reject=page)
        name = f"{task.source}@{task.offset}"
        result = clean_one(self.cleaner, page.body, url=task.url, format="html", name=name, charset=page.charset or self.charset)
        if isinstance(result, Failure):
            return Outcome(reject=Reject(task.source, result.kind, result.reason, offset=task.offset, id=task.id))
        fields = self.fields
        record = {"url": task.url, "warc_record_id": task.id, "warc_date": task.date,
                  fields.output or fields.text: result.text, PROVENANCE_FIELD: provenance(result)}
        report = result.report() if fields.report or self.sidecar_reports else None
        if fields.report:
            record[fields.report] = report
        side = None
        if self.sidecar_reports:
            side = dump_line({"source": task.source, "offset": task.offset, "id": task.id, "report": report})
        return Outcome(output=dump_line(record), report=side, counts=counts(result, report))


def _rejected(task: Task, reason: str) -> Reject:
    if isinstance(task, LineTask):
        return line_reject(task, "input-error", reason, None)
    if isinstance(task, WarcTask):
        return Reject(task.source, "input-error", reason, offset=task.offset, id=task.id)
    return Reject(task.source, "input-error", reason)
