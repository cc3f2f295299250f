"""Provenance: what was done to one output record, in a few fields every output path carries.

    provenance(result) -> {"version", "format", "rule_files", "chars_in", "chars_out",
                           "chars_removed", "removed_by_category", "fixes_by_category"}

A corpus built with `cleaner` can be audited later from its records alone:
which release cleaned a record, with which rule files, and how many
characters each category took out. The full report says far more (every
edit, where, why); this is what fits in every record of a large corpus.

Every path builds it here, so the fields are the same everywhere: a JSONL
record (from JSONL, WARC or Ray) holds it as an object under `cleaner`;
`document.metadata["cleaner"]` in datatrove; a column of JSON strings named
`cleaner` in `clean_batch` (pandas, Arrow, Hugging Face `datasets`, Ray) and
in Parquet, where one object per row would need one fixed set of categories.

The numbers are the report's `totals` without what HTML extraction dropped:
telling the dropped blocks apart parses the page again, a cost every record
would pay. `chars_in` is the text the stages saw (for HTML, the extracted text).
"""

from __future__ import annotations

import functools
import importlib.metadata
from typing import Any

from .build import Explained, stage_totals

FIELD = "cleaner"
DISTRIBUTION = "article-cleaner"


def provenance(result: Explained) -> dict[str, Any]:
    """The provenance of one cleaned record (plain JSON values: it is written as is)."""
    totals = stage_totals(result)
    return {
        "version": version(),
        "format": result.source.format,
        "rule_files": [applied.file.name for applied in result.rule_files],
        "chars_in": totals["chars_in"],
        "chars_out": totals["chars_out"],
        "chars_removed": totals["chars_removed"],
        "removed_by_category": totals["removed_by_category"],
        "fixes_by_category": totals["fixes_by_category"],
    }


@functools.cache
def version() -> str:
    """The installed release of cleaner ("unknown" when run from a source tree never installed)."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
