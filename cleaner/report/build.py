"""The report: a versioned, JSON-serialisable account of everything cleaning did."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any, Protocol

from ..edits import Coverage, Edit, Notice, Superseded, Suspect
from ..ruleset.model import AppliedFile
from ..stages.decode import Decoded
from ..stages.html.extract import Extracted
from ..stages.unicode import Repaired, UnicodeRepair

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
    suspects: tuple[Suspect, ...]


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
            **_decided(result.decoded),
        },
        "encoding": [_repair(r) for r in result.repaired.repairs],
        "extraction": _extraction(result.extraction),
        "rule_files": [{"name": a.file.name, "path": a.file.path, "origin": str(a.file.origin), "why": a.why}
                       for a in result.rule_files],
        "edits": [_edit(text, e) for e in result.edits],
        "kept": [_edit(text, e) for e in result.kept],
        "superseded": [{**_edit(text, s.edit), "by": s.by.rule} for s in result.superseded],
        "suspects": _suspects(result),
        "warnings": [{"stage": n.stage, "rule": n.rule, "message": n.message} for n in result.notices],
        "totals": totals(result),
    }


def _suspects(result: Explained) -> list[dict[str, Any]]:
    """Tokens that look damaged but were left alone, with the repairs that were not sure
    enough; one inside removed text went with it, so it is not listed."""
    removed = Coverage(e for e in result.edits if e.is_removal)
    return [{"start": s.start, "end": s.end, "text": s.token, "rule": s.rule, "candidates": list(s.candidates),
             "reason": s.reason} for s in result.suspects if not removed.overlaps(s.start, s.end)]


def _decided(decoded: Decoded) -> dict[str, Any]:
    """Which step named the encoding; for a guess, how sure it is and what else read as well."""
    if decoded.how != "guessed":
        return {"how": decoded.how}
    return {"how": "guessed", "confidence": decoded.confidence, "alternatives": list(decoded.alternatives)}


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


def _repair(repair: UnicodeRepair) -> dict[str, Any]:
    """A repaired line, and the runs it changed: each an encoding fix, at [start, end) of the
    source text (the repaired text, where `after` now stands)."""
    return {
        "line": repair.line,
        "start": repair.start,
        "before": repair.before,
        "after": repair.after,
        "steps": [list(s) for s in repair.steps],
        "fixes": [{"start": s.start, "end": s.end, "before": s.before, "after": s.after} for s in repair.spans()],
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
    """What cleaning did, in numbers. Encoding fixes (Unicode repair, before the stages) count
    among the fixes; what HTML extraction dropped is counted apart from what the stages removed."""
    return {**stage_totals(result), "extraction": _extraction_totals(result)}


def stage_totals(result: Explained) -> dict[str, Any]:
    """`totals` but for what HTML extraction dropped, read from the edits alone: telling the
    dropped blocks apart parses the page again, a quarter of the cost of cleaning it."""
    removed: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    for e in result.edits:
        if e.is_removal:
            removed[e.category] += e.end - e.start
        else:
            fixed[e.category] += 1
    repairs = sum(len(r.spans()) for r in result.repaired.repairs)
    if repairs:
        fixed["encoding"] += repairs
    return {
        "chars_in": len(result.source_text),
        "chars_out": len(result.text),
        "chars_removed": sum(removed.values()),
        "removed_by_category": dict(sorted(removed.items())),
        "fixes_by_category": dict(sorted(fixed.items())),
        "kept_by_category": dict(sorted(Counter(e.category for e in result.kept).items())),
    }


def _extraction_totals(result: Explained) -> dict[str, int] | None:
    """The HTML page's size and what extraction left out of the text (None for text input)."""
    if result.extraction is None:
        return None
    blocks = result.extraction.dropped.blocks
    return {"page_chars": len(result.decoded.text), "blocks_dropped": len(blocks),
            "chars_dropped": sum(len(b.text) for b in blocks)}


def summary(report: dict[str, Any]) -> str:
    """A short human summary for a terminal."""
    t = report["totals"]
    parts = [f"{report['source']['name']}: {t['chars_in']} -> {t['chars_out']} chars"]
    extraction, dropped = report.get("extraction"), t.get("extraction")
    if extraction and dropped:
        fallback = f" ({extraction['fallback_reason']})" if extraction["fallback_reason"] else ""
        parts.append(f"html via {extraction['method']}{fallback}, page chrome dropped {dropped['blocks_dropped']} "
                     f"blocks ({dropped['chars_dropped']} chars) of a {dropped['page_chars']}-char page")
    if t["removed_by_category"]:
        parts.append(f"stages removed {t['chars_removed']} chars: "
                     + ", ".join(f"{k} {v}" for k, v in t["removed_by_category"].items()))
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
