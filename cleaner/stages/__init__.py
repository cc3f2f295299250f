"""Pipeline stages, one per module.

`decode`, `html` and `unicode` turn input into `Document.text` and are
reported on their own. Every other stage proposes edits on the read-only
document:

    propose(doc, decided, context) -> Iterable[Edit | Notice | Superseded]

where `decided` holds what earlier stages already chose (read-only) and
`context` is what the document's run shares across stages and rounds. A
stage that settles a conflict among its own findings (the rules stage, when
two rules claim one line) yields the loser as `Superseded`, so the report
lists it like the losers of `cleaner.edits.resolve`.
Stages are built once per `Cleaner` (so a cleaner can be used from several
threads); everything that belongs to one document comes through the call.
The stage order is written once, in `cleaner.pipeline`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol, Sequence

from ..document import Document
from ..edits import Edit, Notice, Superseded, Suspect
from ..ruleset.match import Matching


@dataclass(frozen=True)
class Context:
    """One document's run: its rule matching state (the rule files selected for it,
    their time budget, what their patterns match), whether its text is an
    extractor's output (trafilatura's, from HTML), and each stage's memo."""

    rules: Matching
    extracted: bool = False
    _memos: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False)

    def memo(self, stage: str) -> dict[Any, Any]:
        """The stage's own store for derived data it computes once per document and
        reuses in later rounds (a line's text never changes between rounds)."""
        return self._memos.setdefault(stage, {})


class Stage(Protocol):
    name: str

    def propose(self, doc: Document, decided: Sequence[Edit],
                context: Context) -> Iterable[Edit | Notice | Superseded | Suspect]: ...
