"""Cleaning one record, for every engine: a document in, its result or the failure that stands for it.

Every way of running a corpus — the local CLI (documents and JSONL lines),
its process pool, `clean_batch` for dataframes, the Ray engine — cleans a
record through `clean_one` (or `clean_fields`, for a record with named
fields), so a record that cannot be cleaned is described the same way
everywhere: an `InputError` (binary data, an unsupported format) is the
input's fault; anything else is a bug, reported as one, and the run goes on.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from ..errors import CleanerError
from ..io.jsonl import JsonlFields, record_document
from ..io.records import Counts, RejectKind
from ..pipeline import Cleaner
from ..report.build import error_report, stage_totals
from ..report.provenance import FIELD as PROVENANCE_FIELD
from ..report.provenance import provenance
from ..result import CleanResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """Why a record yields no clean text: it becomes a reject, or a row with an error report."""

    kind: RejectKind
    reason: str
    url: str | None
    format: str

    def report(self, name: str) -> dict[str, Any]:
        """The report of the record: what it was and why it could not be cleaned."""
        return {**error_report(self.reason, name=name, url=self.url, format=self.format), "kind": self.kind}


def clean_one(cleaner: Cleaner, source: str | bytes, *, url: str | None, format: str,
              name: str, charset: str | None = None) -> CleanResult | Failure:
    """Clean one document; a failure comes back as a value, never as an exception."""
    try:
        return cleaner.clean(source, url=url, format=format, name=name, charset=charset)  # type: ignore[arg-type]
    except CleanerError as exc:
        return Failure("input-error", str(exc), url, format)
    except Exception as exc:  # noqa: BLE001 - a bug on one record must not stop a corpus run
        log.debug("cleaning %s failed", name, exc_info=True)
        reason = f"unexpected {type(exc).__name__} while cleaning: {_one_line(exc)} (a bug: please report it)"
        return Failure("internal-error", reason, url, format)


def clean_fields(cleaner: Cleaner, fields: JsonlFields, record: dict[str, Any], *, name: str,
                 url: str | None) -> CleanResult | Failure:
    """Clean the document a record holds and set its output field, its provenance (and its
    report field, if asked for) in place. `url` is used when the record has no URL of its own."""
    own = record.get(fields.url) if fields.url else None
    page_url = own if isinstance(own, str) and own else url
    document = record_document(record, fields)
    if isinstance(document, str):
        return Failure("missing-field", document, page_url, fields.format)
    text, fmt = document
    result = clean_one(cleaner, text, url=page_url, format=fmt, name=name)
    if isinstance(result, CleanResult):
        record[fields.output or fields.text] = result.text
        record[PROVENANCE_FIELD] = provenance(result)
        if fields.report:
            record[fields.report] = result.report()
    return result


def counts(result: CleanResult, report: dict[str, Any] | None = None) -> Counts:
    """What cleaning did, in characters: the totals of `report` when one was built, else read
    from the edits (no report is built, and what extraction dropped is not counted)."""
    return Counts.from_totals(report["totals"] if report is not None else stage_totals(result))


def dump_report(report: dict[str, Any]) -> bytes:
    """A report as the JSON document written beside a cleaned file."""
    return json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")
