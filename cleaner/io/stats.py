"""Counting a run: what came in, what was written, what was rejected and why, what was removed."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from .records import Outcome, Reject, Unit

Status = Literal["complete", "interrupted", "failed"]
SCHEMA = "cleaner.stats/1"


@dataclass
class Tally:
    """Counts of some records: an input in progress, or (merged) a whole run."""

    documents: int = 0
    written: int = 0
    rejected: int = 0
    blank_lines: int = 0
    chars_in: int = 0
    chars_out: int = 0
    pages: int = 0           # HTML documents whose report was written, and what their extraction dropped
    blocks_dropped: int = 0
    chars_dropped: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    fixes: Counter[str] = field(default_factory=Counter)
    rejected_by_kind: Counter[str] = field(default_factory=Counter)
    # WARC records that are no pages (request, warcinfo, metadata ...), by type: neither documents nor rejects
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        if outcome.reject is not None:
            self.reject(outcome.reject)
            return
        self.documents += 1
        self.written += 1
        if outcome.counts is not None:
            self.chars_in += outcome.counts.chars_in
            self.chars_out += outcome.counts.chars_out
            self.removed.update(outcome.counts.removed)
            self.fixes.update(outcome.counts.fixes)
            if outcome.counts.extraction_dropped is not None:
                self.pages += 1
                self.blocks_dropped += outcome.counts.extraction_dropped[0]
                self.chars_dropped += outcome.counts.extraction_dropped[1]

    def reject(self, reject: Reject) -> None:
        self.documents += 1
        self.rejected += 1
        self.rejected_by_kind[reject.kind] += 1

    def merge(self, other: "Tally") -> None:
        for name in ("documents", "written", "rejected", "blank_lines", "chars_in", "chars_out",
                     "pages", "blocks_dropped", "chars_dropped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.removed.update(other.removed)
        self.fixes.update(other.fixes)
        self.rejected_by_kind.update(other.rejected_by_kind)
        self.skipped.update(other.skipped)


@dataclass
class RunStats:
    """A run: committed counts plus what `--resume` skipped, and how long it took."""

    tally: Tally = field(default_factory=Tally)
    inputs: int = 0                   # input files (or streams) completed in this run
    inputs_skipped: int = 0           # already complete (--resume)
    rejects_from_earlier_run: int = 0  # kept in --rejects from the run being resumed
    bytes_in: int = 0
    unit: Unit = "document"           # what the summary counts (`Plan.unit`)
    status: Status = "complete"
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    def finish(self, status: Status) -> None:
        self.status = status
        self.seconds = time.monotonic() - self.started

    @property
    def has_rejects(self) -> bool:
        return self.tally.rejected > 0 or self.rejects_from_earlier_run > 0

    def to_json(self) -> dict[str, Any]:
        t = self.tally
        return {
            "schema": SCHEMA, "status": self.status,
            "inputs": self.inputs, "inputs_skipped": self.inputs_skipped,
            "documents": t.documents, "written": t.written, "rejected": t.rejected,
            "rejected_by_kind": dict(sorted(t.rejected_by_kind.items())),
            "rejects_from_earlier_run": self.rejects_from_earlier_run,
            "blank_lines": t.blank_lines, "warc_records_skipped": dict(sorted(t.skipped.items())),
            "bytes_in": self.bytes_in,
            "html_pages": t.pages, "extraction_blocks_dropped": t.blocks_dropped,
            "extraction_chars_dropped": t.chars_dropped,
            "chars_in": t.chars_in, "chars_out": t.chars_out, "chars_removed": sum(t.removed.values()),
            "removed_by_category": dict(sorted(t.removed.items())),
            "fixes_by_category": dict(sorted(t.fixes.items())),
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(t.documents / self.seconds, 2) if self.seconds else None,
        }

    def _units(self, count: int) -> str:
        if self.unit == "document or record":
            return "documents and records" if count != 1 else "document or record"
        return self.unit + ("s" if count != 1 else "")

    def summary(self) -> str:
        """One line for a terminal."""
        t = self.tally
        parts = [f"{t.documents} {self._units(t.documents)} in, {t.written} written, {t.rejected} rejected"]
        if t.rejected_by_kind:
            parts[0] += " (" + ", ".join(f"{k} {v}" for k, v in sorted(t.rejected_by_kind.items())) + ")"
        if t.skipped:
            parts.append(f"{sum(t.skipped.values())} WARC records skipped (not a response: "
                         + ", ".join(f"{k} {v}" for k, v in sorted(t.skipped.items())) + ")")
        if t.pages:
            parts.append(f"html extraction dropped {t.blocks_dropped} blocks ({t.chars_dropped} chars) "
                         f"of {t.pages} page{'s' if t.pages != 1 else ''}")
        removed = sum(t.removed.values())
        detail = ", ".join(f"{k} {v}" for k, v in t.removed.most_common())
        by_stages = " by the stages" if t.pages else ""
        parts.append(f"{t.chars_in} chars in, {removed} removed{by_stages}" + (f": {detail}" if detail else ""))
        if t.fixes:
            parts.append("fixed " + ", ".join(f"{k} {v}" for k, v in t.fixes.most_common()))
        if self.inputs_skipped:
            parts.append(f"{self.inputs_skipped} inputs already complete (resumed)")
        if self.rejects_from_earlier_run:
            parts.append(f"{self.rejects_from_earlier_run} rejects kept from the earlier run")
        if self.status != "complete":
            parts.append(self.status)
        return "; ".join(parts)
