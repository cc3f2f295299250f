"""A datatrove pipeline step: clean each document's text, keep its provenance, drop what comes out empty.

    CleanText(cleaner=None, format="text", url_key="url")

    LocalPipelineExecutor(pipeline=[JsonlReader("in/"), CleanText(), JsonlWriter("out/")]).run()
    LocalPipelineExecutor(pipeline=[WarcReader("crawl/"), CleanText(format="html"), JsonlWriter("out/")]).run()

`document.text` is cleaned as `cleaner clean` cleans a JSONL record's text
(`format="html"` for raw HTML, as datatrove's `WarcReader` gives it, in place
of datatrove's own extractor); the page URL, which selects site rule files,
is `document.metadata[url_key]`. A kept document gets the clean text and
`document.metadata["cleaner"]`, the provenance every output of cleaner carries
(`cleaner.report.provenance`).

Nothing is dropped without a count in datatrove's stats: `dropped_empty` (the
document was all chrome), `dropped_input-error` (binary data, no charset
fits), `dropped_internal-error` (a bug, logged); `forwarded` and `dropped` as
every datatrove step counts them, and `chars_removed` per document.

The step carries its `Cleaner` (picklable: rules and settings, a few tens of
kB) to the workers with the rest of the pipeline; each copy compiles its rules
on first use. Without a `cleaner`, a default one is built in the worker on the
first document, so the process that only describes the pipeline loads no rules.
"""

from __future__ import annotations

from typing import Any

from ..engines.record import Failure, clean_one
from ..pipeline import Cleaner, check_arguments
from ..report.provenance import FIELD as PROVENANCE_FIELD
from ..report.provenance import provenance

INSTALL = "pip install 'article-cleaner[datatrove]'"

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # the extra is missing: say which one
    raise ImportError(f"cleaner.integrations.datatrove needs datatrove: {INSTALL}") from exc

EMPTY = "empty"


class CleanText(PipelineStep):
    """Clean `document.text`; drop documents with no text left, counting why."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, cleaner: Cleaner | None = None, *, format: str = "text", url_key: str | None = "url"):
        super().__init__()
        check_arguments(format=format)  # a wrong format fails here, not in every worker
        self.cleaner = _Carried(cleaner)
        self.format = format
        self.url_key = url_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        cleaner = self.cleaner.get()
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = clean_one(cleaner, document.text, url=self._url(document.metadata), format=self.format,
                                   name=str(document.id))
            if isinstance(result, Failure):
                self._drop(result.kind)
                continue
            if not result.text.strip():
                self._drop(EMPTY)
                continue
            document.text = result.text
            document.metadata[PROVENANCE_FIELD] = made = provenance(result)
            self.stat_update("chars_removed", value=made["chars_removed"])
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(document)
            yield document

    def _url(self, metadata: dict[str, Any]) -> str | None:
        url = metadata.get(self.url_key) if self.url_key else None
        return url if isinstance(url, str) and url else None

    def _drop(self, reason: str) -> None:
        self.stat_update(StatHints.dropped)
        self.stat_update(f"dropped_{reason}")


class _Carried:
    """The step's `Cleaner` as it travels with the pipeline: built on first use if none was given.

    Not the `Cleaner` itself in the step's attributes: datatrove writes every
    step's attributes to `executor.json`, a dataclass field by field (every
    compiled rule); this writes the Cleaner's short repr instead.
    """

    def __init__(self, cleaner: Cleaner | None):
        self._cleaner = cleaner

    def get(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner()
        return self._cleaner

    def __str__(self) -> str:
        return repr(self._cleaner) if self._cleaner is not None else "Cleaner() (built in each worker)"
