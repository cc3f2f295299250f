"""clean_batch: clean a column of a pandas DataFrame, a pyarrow Table or a mapping of columns.

This is the one function every batch engine calls (Ray Data `map_batches`,
Spark `mapInPandas`, Dask `map_partitions`, Hugging Face `Dataset.map` with
`batched=True`): it adds `clean_text`, `report` (a JSON string) and
`cleaner` (the record's provenance, a JSON string: `cleaner.report.provenance`)
columns and leaves every other column, the row order and the row count
untouched. A row that cannot be cleaned gets an empty `clean_text`, a report
that says why and no provenance (null); the batch never fails because of one row.

pandas and pyarrow are imported only when a batch of that kind arrives, so
the core package does not depend on them; a mapping of column lists (what
`Dataset.map` passes) needs neither.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Iterable

from ..pipeline import Cleaner, check_arguments
from ..report.build import error_report
from ..report.provenance import FIELD as PROVENANCE_OUT
from ..report.provenance import provenance
from .record import Failure, clean_one

TEXT_OUT = "clean_text"
REPORT_OUT = "report"


@dataclass(frozen=True)
class RowResult:
    text: str
    report: str                 # JSON
    provenance: str | None      # JSON; None when the row could not be cleaned


def clean_value(cleaner: Cleaner, value: Any, *, url: str | None, format: str, name: str) -> RowResult:
    """Clean one cell; any failure becomes an empty text and an error report."""
    if not isinstance(value, (str, bytes, bytearray, memoryview)):
        reason = "no text: the value is missing" if _is_missing(value) else f"not text: a {type(value).__name__}"
        return RowResult("", _dumps(error_report(reason, name=name, url=url, format=format)), None)
    source = bytes(value) if not isinstance(value, str) else value
    result = clean_one(cleaner, source, url=url, format=format, name=name)
    if isinstance(result, Failure):
        return RowResult("", _dumps(result.report(name)), None)
    return RowResult(result.text, _dumps(result.report()), _dumps(provenance(result)))


def _is_missing(value: Any) -> bool:
    """None, NaN or pandas' NA: how engines spell an empty cell."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and value != value


def _dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=False)


def clean_batch(batch: Any, *, text_column: str = "text", url_column: str | None = None,
                id_column: str | None = None, format: str = "text", cleaner: Cleaner | None = None) -> Any:
    """Return `batch` (DataFrame, Table, or mapping of column lists) with the three columns added.

    `format="html"` reads the column as raw HTML pages. The report names each
    row by its `id_column` value (else "<row>"): never by its position, which
    depends on how an engine happened to cut batches.
    """
    check_arguments(format=format)  # once for the batch, not as an error report on every row
    cleaner = cleaner or Cleaner()
    kind = "mapping" if isinstance(batch, Mapping) else type(batch).__module__.split(".")[0]
    if kind == "pandas":
        column = lambda name: batch[name].tolist()  # noqa: E731
    elif kind == "pyarrow":
        column = lambda name: batch.column(name).to_pylist()  # noqa: E731
    elif kind == "mapping":
        column = lambda name: list(batch[name])
    else:
        raise TypeError("clean_batch takes a pandas DataFrame, a pyarrow Table or a mapping of columns, "
                        f"not {type(batch).__name__}")
    texts = column(text_column)
    urls = _urls(column(url_column) if url_column else None, len(texts))
    names = [str(v) for v in column(id_column)] if id_column else ["<row>"] * len(texts)
    rows = [clean_value(cleaner, value, url=url, format=format, name=name)
            for value, url, name in zip(texts, urls, names)]
    added = {TEXT_OUT: [r.text for r in rows], REPORT_OUT: [r.report for r in rows],
             PROVENANCE_OUT: [r.provenance for r in rows]}
    return _with_columns(batch, kind, added)


def _urls(values: list | None, n: int) -> Iterable[str | None]:
    if values is None:
        return [None] * n
    return [v if isinstance(v, str) and v else None for v in values]


def _with_columns(batch: Any, kind: str, added: dict[str, list[str | None]]) -> Any:
    if kind == "mapping":  # Dataset.map (batched) adds the returned columns to its rows, or replaces them
        return {**batch, **added}
    if kind == "pandas":
        out = batch.copy(deep=False)
        for name, values in added.items():
            out[name] = values
        return out
    import pyarrow as pa

    table = batch
    for name, values in added.items():
        column = pa.array(values, type=pa.large_string())
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, column)
        else:
            table = table.append_column(name, column)
    return table
