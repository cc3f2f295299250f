"""Ray Data: clean a Dataset in a program, or JSONL and Parquet from the CLI, with the local results.

    clean_dataset(ds, ...)              library: add `clean_text` and `report` columns (lazy)
    plan_ray(request)                   CLI: find the inputs, check the options (UsageError; nothing written)
    run_ray(cleaner, request, plan)     CLI: read, clean on an actor pool, write the output folder

Both clean on one kind of actor pool (`_on_actors`): each Ray actor receives
the `Cleaner` once (pickled, rules compiled on arrival) and reuses it for
every batch it is given. `clean_dataset` cleans rows with
`cleaner.engines.batch.clean_batch`, so a Ray run produces exactly the texts
and reports of a single-process run. Needs the `ray` extra.

JSONL is read line by line (one Ray task per file, gzip by content), not with
`ray.data.read_json`: a line keeps its number, so a record's report is named
`SOURCE:LINE` exactly as in a local run, and a line that is not a JSON object
becomes a row with an error report instead of failing the whole file.
Parquet goes through `ray.data.read_parquet`; its rows are named by
`--id-field` (else `<row>`), as `cleaner.ray.clean_dataset` names them.

Each record is cleaned by `cleaner.engines.record.clean_fields`, the function
a local run uses, so texts and reports are the same. Unlike a local run, a
record that cannot be cleaned is not a reject: it stays a row, with an empty
output field and a report whose `error` (and `kind`) say why, so the output
has exactly one row per input record.

With `learn` set (`cleaner clean --engine ray --learn`), a first pass learns
each host's chrome as an aggregate before the cleaning map: each batch of
records is counted on the workers (`_CountPages`: per host, the batch's line
families, `cleaner.learn.count`), Ray Data's `groupby("host").map_groups`
folds each host's batch counts in input order (`_fold_host`), and the rules
drafted from them are added to the cleaner's. The counts are those of a
local `clean --learn`, and so are the learned rules (JSONL input only: its
lines carry their order, which the fold needs).

The output is a folder of part files (Ray writes one per block), written to a
hidden temporary folder beside it and renamed when the run succeeds, so it
appears complete or not at all. The core package never imports this module.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import secrets
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import ray

from ..config import RayEngineSettings
from ..errors import OutputError, UsageError
from ..io.atomic import TMP_SUFFIX
from ..io.inputs import InputFile, discover
from ..io.jsonl import JsonlFields, JsonlReader, dump_line, open_binary, parse_line
from ..io.records import LineTask, Reject
from ..learn.settings import LearnSettings
from ..pipeline import Cleaner
from ..report.provenance import FIELD as PROVENANCE_FIELD
from .batch import clean_batch
from .record import Failure, clean_fields

if TYPE_CHECKING:
    from ..learn import LearnedRules

DEFAULT_BATCH_SIZE = 256
FORMATS = ("jsonl", "parquet")
PARQUET_SUFFIX = ".parquet"
DEFAULT_REPORT_FIELD = "report"


@dataclass(frozen=True)
class RayRequest:
    """What `cleaner clean --engine ray` was asked to do."""

    inputs: tuple[str, ...]
    output: str
    fields: JsonlFields
    globs: tuple[str, ...] = ()
    output_format: str | None = None   # jsonl or parquet; None: the inputs' format
    url: str | None = None
    address: str | None = None         # a Ray cluster to join; None starts a local Ray
    quiet: bool = False
    settings: RayEngineSettings = RayEngineSettings()
    learn: LearnSettings | None = None  # --learn: learn each host's chrome first, clean with it too


@dataclass(frozen=True)
class RayPlan:
    format: str                        # of the inputs: jsonl or parquet
    output_format: str
    files: tuple[tuple[str, str], ...]  # (path, source name as a local run shows it)
    output: Path
    fields: JsonlFields                # with the report field set (reports always travel in the rows)


def plan_ray(request: RayRequest) -> RayPlan:
    """Find the inputs and check the output; raises `UsageError` before anything starts."""
    if "-" in request.inputs:
        raise UsageError("--engine ray reads files and folders, not standard input")
    kinds: dict[str, list[tuple[str, str]]] = {"jsonl": [], "parquet": []}
    for found in discover(request.inputs, request.globs, "auto"):
        if isinstance(found, Reject):
            raise UsageError(f"cannot use {found.source} as input: {found.reason}")
        kinds[_kind(found)].append((str(found.path), found.source))
    given = [k for k in FORMATS if kinds[k]]
    if not given:
        raise UsageError("no JSONL or Parquet input found")
    if len(given) > 1:
        raise UsageError("--engine ray takes inputs of one format: JSONL or Parquet, not both")
    output = Path(request.output)
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise UsageError(f"-o {output}: --engine ray writes a folder of part files; give a new or empty folder")
    for path, source in kinds[given[0]]:
        if Path(path).resolve().is_relative_to(output.resolve()):
            raise UsageError(f"-o {output} holds the input {source}")
    if request.learn is not None and given[0] != "jsonl":
        raise UsageError("--learn with --engine ray reads JSONL: learning folds each site's pages in input "
                         "order, which JSONL lines carry")
    fields = request.fields
    if fields.report is None:
        fields = replace(fields, report=DEFAULT_REPORT_FIELD)
    return RayPlan(given[0], request.output_format or given[0], tuple(kinds[given[0]]), output, fields)


def _kind(found: InputFile) -> str:
    if found.kind == "jsonl":
        return "jsonl"
    if found.source.lower().endswith(PARQUET_SUFFIX):
        return "parquet"
    raise UsageError(f"{found.source} is neither JSONL nor Parquet: --engine ray cleans records "
                     "(documents need --engine local; --glob picks files in folders)")


def _start(request: RayRequest) -> None:
    """Start a local Ray, or join the cluster at --address; one that cannot be reached is a usage error."""
    try:
        ray.init(address=request.address or "local", include_dashboard=False, log_to_driver=not request.quiet,
                 configure_logging=False)
    except (ConnectionError, TimeoutError, ValueError, RuntimeError) as exc:  # no cluster there, or a bad address
        where = f"the Ray cluster at {request.address}" if request.address else "a local Ray"
        raise UsageError(f"cannot start or reach {where}: {_last_line(exc)}") from exc


def run_ray(cleaner: Cleaner, request: RayRequest, plan: RayPlan) -> LearnedRules | None:
    """Clean every record of `plan` on Ray; the output folder appears only when all of it is written.
    With `request.learn`, learn first and clean with the learned rules too; they are returned."""
    started_here = not ray.is_initialized()
    if started_here:
        _start(request)
    context = ray.data.DataContext.get_current()
    before = (context.enable_progress_bars, context.execution_options.preserve_order)
    context.enable_progress_bars = not request.quiet
    context.execution_options.preserve_order = True  # part files hold the records in input order
    ray_data_log = logging.getLogger("ray.data")
    level = ray_data_log.level
    if request.quiet:  # --quiet: Ray Data's own lines (plan, finish) are progress too
        ray_data_log.setLevel(logging.WARNING)
    tmp = plan.output.parent / f".{plan.output.name}.{secrets.token_hex(4)}{TMP_SUFFIX}"
    try:
        try:
            tmp.mkdir(parents=True)
        except OSError as exc:
            raise OutputError(f"cannot write {plan.output}: {exc.strerror or exc}") from exc
        learned = None
        try:
            if request.learn is not None:
                learned = _learn(cleaner, request, plan)
                cleaner = replace(cleaner, rules=cleaner.rules + learned)
            _write(_dataset(cleaner, request, plan), plan.output_format, str(tmp))
        except ray.exceptions.RayError as exc:  # e.g. Parquet cannot hold a field whose type changes
            raise OutputError(f"the Ray run stopped, {plan.output} not written: {_last_line(exc)}") from exc
        _commit(tmp, plan.output)
        return learned
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        ray_data_log.setLevel(level)
        context.enable_progress_bars, context.execution_options.preserve_order = before
        if started_here:
            ray.shutdown()


def _records(plan: RayPlan) -> ray.data.Dataset:
    if plan.format == "jsonl":
        files = [{"path": path, "source": source} for path, source in plan.files]
        return ray.data.from_items(files, override_num_blocks=len(files)).flat_map(_lines)
    return ray.data.read_parquet([path for path, _ in plan.files])


def _dataset(cleaner: Cleaner, request: RayRequest, plan: RayPlan) -> "ray.data.Dataset":
    settings = request.settings
    ds = _records(plan)
    options = {"cleaner": cleaner, "fields": plan.fields, "url": request.url,
               "lines": plan.format == "jsonl", "output_format": plan.output_format}
    return _on_actors(ds, _CleanRecords, options, settings.batch_size, settings.actors)


def _learn(cleaner: Cleaner, request: RayRequest, plan: RayPlan) -> LearnedRules:
    """The learning pass: batch counts on the workers, folded per host by Ray Data, drafted here."""
    from ..learn import build
    from ..learn.count import SiteCounts
    from ..learn.observe import Observer

    assert request.learn is not None
    observer = Observer(settings=cleaner.settings, fields=plan.fields, url=request.url)
    order = {source: n for n, (_, source) in enumerate(plan.files)}
    options = {"observer": observer, "settings": request.learn, "order": order}
    counted = _on_actors(_records(plan), _CountPages, options, request.settings.batch_size, request.settings.actors)
    folded = counted.groupby("host").map_groups(_fold_host, batch_format="pyarrow")
    hosts = {row["host"]: pickle.loads(row["counts"]) for row in folded.take_all()}
    return build(SiteCounts(request.learn, dict(sorted(hosts.items()))))


class _CountPages:
    """The learning map in each Ray actor: a batch of JSONL lines in, per host the counts of the
    batch's pages out (one row each, with where the host's first page of the batch sits)."""

    def __init__(self, observer: Any, settings: LearnSettings, order: dict[str, int]):
        self._observer, self._settings, self._order = observer, settings, order

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from ..learn.count import SiteCounts

        counts = SiteCounts(self._settings, is_batch=True)
        starts: dict[str, tuple[int, int]] = {}
        for row in batch.to_pylist():
            if row["kind"]:  # the file broke off here: nothing to read, as cleaning finds
                continue
            view = self._observer.process(LineTask(0, row["source"], row["line"], row["offset"], row["data"],
                                                   len(row["data"])))
            counts.add(view)
            if view is not None and view.host is not None:
                starts.setdefault(view.host, (self._order[row["source"]], row["line"]))
        hosts = list(counts.hosts.items())
        return pa.table({"host": pa.array([host for host, _ in hosts], type=pa.string()),
                         "file": pa.array([starts[host][0] for host, _ in hosts], type=pa.int64()),
                         "line": pa.array([starts[host][1] for host, _ in hosts], type=pa.int64()),
                         "counts": pa.array([pickle.dumps(c) for _, c in hosts], type=pa.large_binary())})


def _fold_host(group: Any) -> Any:
    """One host's batch counts merged in input order (batches are runs of consecutive lines)."""
    import pyarrow as pa

    rows = sorted(group.to_pylist(), key=lambda row: (row["file"], row["line"]))
    total = pickle.loads(rows[0]["counts"])
    for row in rows[1:]:
        total.merge(pickle.loads(row["counts"]))
    total.firsts = None  # only a batch that comes later needs its families' first members
    return pa.table({"host": pa.array([total.host], type=pa.string()),
                     "counts": pa.array([pickle.dumps(total)], type=pa.large_binary())})


def clean_dataset(ds: "ray.data.Dataset", *, text_column: str = "text", url_column: str | None = None,
                  id_column: str | None = None, format: str = "text", cleaner: Cleaner | None = None,
                  concurrency: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> "ray.data.Dataset":
    """Return `ds` with `clean_text` and `report` columns (lazy, like every Ray Data transform).

    `concurrency` caps the number of cleaning actors (default: one per CPU
    the cluster offers).
    """
    options = {"text_column": text_column, "url_column": url_column, "id_column": id_column, "format": format}
    return _on_actors(ds, _CleanBatches, {"cleaner": cleaner or Cleaner(), "options": options}, batch_size,
                      concurrency)


def _on_actors(ds: "ray.data.Dataset", transform: type, arguments: dict[str, Any], batch_size: int,
               max_actors: int | None) -> "ray.data.Dataset":
    """`ds` mapped in Arrow batches by `transform(**arguments)` instances, one per actor.

    The pool starts at one actor and grows to `max_actors` (default: one per
    CPU of the cluster): a fixed pool that takes every CPU leaves none for
    the read and write tasks around it, and Ray Data then stalls.
    """
    actors = max_actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    return ds.map_batches(transform, fn_constructor_kwargs=arguments, batch_format="pyarrow", batch_size=batch_size,
                          compute=ray.data.ActorPoolStrategy(min_size=1, max_size=actors))


class _CleanBatches:
    """The library's transform in each Ray actor: rows through `clean_batch`."""

    def __init__(self, cleaner: Cleaner, options: dict[str, Any]):
        self._cleaner = cleaner
        self._options = options

    def __call__(self, batch: Any) -> Any:
        return clean_batch(batch, cleaner=self._cleaner, **self._options)


def _lines(file: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The lines of one JSONL file (gzip by content), numbered as a local run numbers them."""
    source = file["source"]
    try:
        raw = open(file["path"], "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        yield _line(source, 1, 0, b"", ("unreadable", f"cannot read: {exc.strerror or exc}"))
        return
    with raw:
        for item in JsonlReader(open_binary(raw), raw, 0, source):
            if isinstance(item, Reject):  # the file breaks off: one row says where and why
                yield _line(source, item.line or 0, item.offset or 0, b"", (item.kind, item.reason))
            else:
                yield _line(source, item.line, item.offset, item.data, None)


def _line(source: str, line: int, offset: int, data: bytes, problem: tuple[str, str] | None) -> dict[str, Any]:
    # "" rather than None when there is no problem: every block then has the same (string) schema
    kind, reason = problem or ("", "")
    return {"source": source, "line": line, "offset": offset, "data": data, "kind": kind, "problem": reason}


class _CleanRecords:
    """The stateful transform in each Ray actor: the compiled cleaner arrives once, batches many times."""

    def __init__(self, cleaner: Cleaner, fields: JsonlFields, url: str | None, lines: bool, output_format: str):
        self._cleaner, self._fields, self._url = cleaner, fields, url
        self._lines, self._output_format = lines, output_format

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        rows = batch.to_pylist()
        records = [self._from_line(row) if self._lines else self._from_row(row) for row in rows]
        if self._output_format == "jsonl":
            return pa.table({"line": pa.array([_dump(r) for r in records], type=pa.large_binary())})
        report = self._fields.report
        for record in records:  # Parquet has no free-form objects: the report and provenance are JSON strings
            record[report] = json.dumps(record[report], ensure_ascii=False)
            if PROVENANCE_FIELD in record:
                record[PROVENANCE_FIELD] = json.dumps(record[PROVENANCE_FIELD], ensure_ascii=False)
        columns = dict.fromkeys(key for record in records for key in record)  # every field, first-seen order
        table = pa.table({key: [record.get(key) for record in records] for key in columns})
        # A field that is null throughout this batch would get Arrow's null type, which no reader can
        # cast a later part file's values to; as a string column it reads back with any other part.
        for index, column in enumerate(table.schema):
            if pa.types.is_null(column.type):
                table = table.set_column(index, column.name, table.column(index).cast(pa.string()))
        return table

    def _from_line(self, row: dict[str, Any]) -> dict[str, Any]:
        name = f"{row['source']}:{row['line']}"
        if row["kind"]:
            return self._failed({}, name, Failure(row["kind"], row["problem"], self._url, self._fields.format))
        task = LineTask(0, row["source"], row["line"], row["offset"], row["data"], len(row["data"]))
        record = parse_line(task)
        if isinstance(record, Reject):  # not a record: the row keeps the line itself in its report
            failed = self._failed({}, name, Failure(record.kind, record.reason, self._url, self._fields.format))
            failed[self._fields.report]["record"] = record.record
            return failed
        return self._clean(record, name)

    def _from_row(self, row: dict[str, Any]) -> dict[str, Any]:
        key = row.get(self._fields.id) if self._fields.id else None
        return self._clean(row, "<row>" if key is None else str(key))

    def _clean(self, record: dict[str, Any], name: str) -> dict[str, Any]:
        result = clean_fields(self._cleaner, self._fields, record, name=name, url=self._url)
        return self._failed(record, name, result) if isinstance(result, Failure) else record

    def _failed(self, record: dict[str, Any], name: str, failure: Failure) -> dict[str, Any]:
        """The row of a record that cannot be cleaned: empty output field, a report saying why."""
        record[self._fields.output or self._fields.text] = ""
        record.pop(PROVENANCE_FIELD, None)  # an earlier run's, if the input was cleaned before: not this run's
        record[self._fields.report] = failure.report(name)
        return record


def _dump(record: dict[str, Any]) -> bytes:
    """The record as a local run writes it; values JSON lacks (Parquet dates, bytes) as their text."""
    try:
        return dump_line(record)
    except TypeError:
        return dump_line(json.loads(json.dumps(record, default=str)))


def _write(ds: "ray.data.Dataset", output_format: str, folder: str) -> None:
    if output_format == "parquet":
        ds.write_parquet(folder)
    else:
        ds.write_datasink(_JsonlLines(folder))


class _JsonlLines(ray.data.datasource.BlockBasedFileDatasink):
    """Part files of JSONL: each row's `line` bytes as the local CLI writes them (Ray's write_json re-encodes)."""

    def __init__(self, folder: str):
        super().__init__(folder, file_format="jsonl")

    def write_block_to_file(self, block: Any, file: Any) -> None:
        for line in block.to_arrow().column("line").to_pylist():
            file.write(line + b"\n")


def _last_line(exc: BaseException) -> str:
    """Ray wraps a task's error in its traceback: the last non-empty line is the error itself."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def _commit(tmp: Path, output: Path) -> None:
    """Put the finished folder in place (an empty folder given as -o is replaced)."""
    try:
        if output.is_dir():
            output.rmdir()  # empty, checked by the plan; fails if something appeared since
        os.replace(tmp, output)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
