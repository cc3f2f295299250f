"""What a worker process does with a task: everything it needs travels in one picklable `Worker`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..pipeline import Cleaner
from .documents import clean_document
from .jsonl import JsonlFields, clean_line
from .records import LineTask, Outcome, Reject, Task

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Worker:
    """The compiled cleaner and the run's options: sent to each worker process once."""

    cleaner: Cleaner
    fields: JsonlFields = field(default_factory=JsonlFields)
    url: str | None = None            # the URL of documents that do not carry their own
    document_reports: bool = False    # serialise each document's report (--report)
    sidecar_reports: bool = False     # a report line per JSONL record (--report)

    def process(self, task: Task) -> Outcome:
        try:
            if isinstance(task, LineTask):
                return clean_line(self.cleaner, self.fields, task, self.url, self.sidecar_reports)
            return clean_document(self.cleaner, task, self.url, self.document_reports)
        except Exception as exc:  # noqa: BLE001 - a bug on one record must not stop a corpus run
            log.debug("cleaning %s failed", task.source, exc_info=True)
            line = task.line if isinstance(task, LineTask) else None
            record = task.data.decode("utf-8", "replace").rstrip("\r\n") if isinstance(task, LineTask) else None
            reason = f"unexpected {type(exc).__name__} while cleaning: {_one_line(exc)} (a bug: please report it)"
            return Outcome(reject=Reject(task.source, "internal-error", reason, line=line,
                                         offset=getattr(task, "offset", None), record=record))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")
