"""Pipeline stages.

`decode` and `unicode` turn input into `Document.text` and are reported on
their own. Every other stage proposes edits on the read-only document:

    propose(doc, decided) -> Iterable[Edit | Notice]

where `decided` holds what earlier stages already chose (read-only). The
stage order is written once, in `cleaner.pipeline`.
"""

from __future__ import annotations

from typing import Iterable, Protocol, Sequence

from ..document import Document
from ..edits import Edit, Notice


class Stage(Protocol):
    name: str

    def propose(self, doc: Document, decided: Sequence[Edit]) -> Iterable[Edit | Notice]: ...
