"""The report: a versioned, JSON-serialisable account of everything cleaning did."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any, Protocol

from ..edits import Edit, Notice, Superseded
from ..ruleset.model import AppliedFile
from ..stages.decode import Decoded
from ..stages.html.extract import Extracted
from ..stages.unicode import Repaired

SCHEMA = "cleaner.report/1"


class Explained(Protocol):
    """What a report is built from: a `cleaner.result.CleanResult` (named by its shape,
    so that the result can build its own report without an import cycle)."""

    text: str
    source_text: str
    edits: tuple[Edit, ...]
    kept: tuple[Edit, ...]
    superseded: tuple[Superseded, ...]
    notices: tuple[Notice, ...]
    source: Any
    decoded: Decoded
    repaired: Repaired
    rule_files: tuple[AppliedFile, ...]
    extraction: Extracted | None


def build_report(result: Explained) -> dict[str, Any]:
    """Build the report dict from a result; every number comes from its edits."""
    text = result.source_text
    return {
        "schema": SCHEMA,
        "source": vars(result.source).copy(),
        "decode": {
            "encoding": result.decoded.encoding,
            "bom": result.decoded.bom,
            "replaced_bytes": result.decoded.replaced,
            "line_breaks_normalised": result.decoded.line_breaks_normalised,
        },
        "encoding": [
            {"line": r.line, "before": r.before, "after": r.after, "steps": [list(s) for s in r.steps]}
            for r in result.repaired.repairs
        ],
        "extraction": _extraction(result.extraction),
        "rule_files": [{"name": a.file.name, "path": a.file.path, "origin": str(a.file.origin), "why": a.why}
                       for a in result.rule_files],
        "edits": [_edit(text, e) for e in result.edits],
        "kept": [_edit(text, e) for e in result.kept],
        "superseded": [{**_edit(text, s.edit), "by": s.by.rule} for s in result.superseded],
        "warnings": [{"stage": n.stage, "rule": n.rule, "message": n.message} for n in result.notices],
        "totals": totals(result),
    }


def _extraction(extracted: Extracted | None) -> dict[str, Any] | None:
    """How HTML became text, and the page's visible blocks the extracted text lacks (None for text input)."""
    if extracted is None:
        return None
    account = extracted.dropped
    dropped = [{"index": d.index, "text": d.text, "category": d.category, "reason": d.reason}
               for d in account.blocks]
    return {
        "method": extracted.method,
        "trafilatura_options": asdict(extracted.options),
        "fallback_reason": extracted.fallback_reason,
        "metadata": asdict(extracted.metadata),
        "visible_blocks": account.visible_blocks,
        "dropped": dropped,
        "dropped_chars": sum(len(d["text"]) for d in dropped),
        "problems": list(extracted.problems),
    }


def _edit(text: str, edit: Edit) -> dict[str, Any]:
    return {
        "start": edit.start,
        "end": edit.end,
        "text": text[edit.start : edit.end],
        "replacement": edit.replacement,
        "category": edit.category,
        "rule": edit.rule,
        "reason": edit.reason,
    }


def totals(result: Explained) -> dict[str, Any]:
    removed: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    for e in result.edits:
        if e.is_removal:
            removed[e.category] += e.end - e.start
        else:
            fixed[e.category] += 1
    return {
        "chars_in": len(result.source_text),
        "chars_out": len(result.text),
        "chars_removed": sum(removed.values()),
        "removed_by_category": dict(sorted(removed.items())),
        "fixes_by_category": dict(sorted(fixed.items())),
        "kept_by_category": dict(sorted(Counter(e.category for e in result.kept).items())),
    }


def summary(report: dict[str, Any]) -> str:
    """A short human summary for a terminal."""
    t = report["totals"]
    parts = [f"{report['source']['name']}: {t['chars_in']} -> {t['chars_out']} chars"]
    extraction = report.get("extraction")
    if extraction:
        fallback = f" ({extraction['fallback_reason']})" if extraction["fallback_reason"] else ""
        parts.append(f"html via {extraction['method']}{fallback}, page chrome dropped {extraction['dropped_chars']}")
    if t["removed_by_category"]:
        parts.append("removed " + ", ".join(f"{k} {v}" for k, v in t["removed_by_category"].items()))
    if t["fixes_by_category"]:
        parts.append("fixed " + ", ".join(f"{k} {v}" for k, v in t["fixes_by_category"].items()))
    return "; ".join(parts)


def error_report(reason: str, *, name: str, url: str | None, format: str) -> dict[str, Any]:
    """The report of an input that could not be cleaned: what it was and why."""
    return {
        "schema": SCHEMA,
        "source": {"name": name, "url": url, "format": format},
        "error": reason,
        "edits": [],
    }
