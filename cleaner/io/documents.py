"""Whole documents (plain text or HTML files, or stdin): clean one in a worker."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..pipeline import Cleaner
from .records import Counts, DocumentTask, Outcome, Reject

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")


def document_format(name: str, forced: str) -> str:
    """The cleaner's `format` for a file: what the user forced, else by extension, else by content."""
    if forced in ("text", "html"):
        return forced
    return "html" if name.lower().endswith(HTML_SUFFIXES) else "auto"


def clean_document(cleaner: Cleaner, task: DocumentTask, url: str | None, with_report: bool) -> Outcome:
    """Read (if need be) and clean one document; unreadable or rejected input becomes a `Reject`."""
    if task.data is not None:
        data = task.data
    else:
        try:
            data = Path(task.path or "").read_bytes()
        except OSError as exc:
            return Outcome(reject=Reject(task.source, "unreadable", f"cannot read: {exc.strerror or exc}"))
    try:
        result = cleaner.clean(data, url=url, format=task.format, name=task.source)  # type: ignore[arg-type]
    except InputError as exc:
        return Outcome(reject=Reject(task.source, "input-error", str(exc)))
    report = result.report()
    text = json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass") if with_report else None
    return Outcome(output=result.text.encode("utf-8", "surrogatepass"), report=text,
                   counts=Counts.from_totals(report["totals"]))
