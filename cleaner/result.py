"""CleanResult: the clean text and everything needed to explain it (data only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .edits import Edit, Notice, Superseded, Suspect
from .ruleset.model import AppliedFile
from .stages.decode import Decoded
from .stages.html.extract import Extracted
from .stages.unicode import Repaired

_PREVIEW_CHARS = 40


@dataclass(frozen=True)
class Source:
    """What came in: the report's `source` section."""

    name: str
    url: str | None
    format: str
    chars: int
    sha256: str


@dataclass(frozen=True)
class CleanResult:
    """The clean text and everything needed to explain it.

    `edits` applied to `source_text` give `text`; `kept` are edits of
    categories the caller asked to keep (found, reported, not applied).
    For HTML, `source_text` is the extracted (and repaired) text and
    `extraction` says how it was extracted and what the page lost;
    `suspects` are tokens that look damaged but had no confident repair.
    """

    text: str
    source_text: str
    edits: tuple[Edit, ...]
    kept: tuple[Edit, ...]
    superseded: tuple[Superseded, ...]
    notices: tuple[Notice, ...]
    source: Source
    decoded: Decoded
    repaired: Repaired
    rule_files: tuple[AppliedFile, ...]
    extraction: Extracted | None = None
    suspects: tuple[Suspect, ...] = ()  # damaged-looking tokens left alone, by offset

    def __repr__(self) -> str:
        """The text's first words and the counts: the full fields hold the source and every edit."""
        preview = self.text[:_PREVIEW_CHARS] + ("…" if len(self.text) > _PREVIEW_CHARS else "")
        removed = sum(1 for edit in self.edits if not edit.replacement)
        kept = f", kept={len(self.kept)}" if self.kept else ""
        return (f"CleanResult(text={preview!r} ({len(self.text):,} chars), removed={removed}, "
                f"fixed={len(self.edits) - removed}{kept})")

    def report(self) -> dict[str, Any]:
        from .report.build import build_report

        return build_report(self)
