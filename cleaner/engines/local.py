"""Clean a corpus: plan inputs and outputs, stream the work through the runner, write and commit in order.

    prepare(request)          find inputs, pair them with outputs, check it all (UsageError; nothing written)
    run(cleaner, request, plan, ...) -> RunStats

Every input record yields one output record or one reject. Each output file
is written to a temporary file and renamed when its input is done, so an
interrupted run leaves complete outputs and nothing half-written; the rejects
log rolls back to match (see `cleaner.io.rejects`); `--resume` skips inputs
whose outputs exist.
"""

from __future__ import annotations

import json
import sys
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator, Mapping, TextIO

from ..config import BatchSettings
from ..errors import Interrupted, OutputError, UsageError
from ..io.atomic import AtomicFile, Temporaries, write_atomic
from ..io.inputs import Exclusions, InputFile, discover
from ..io.jsonl import JsonlFields, JsonlReader, open_binary
from ..io.naming import Plan, Target, make_plan, output_mode
from ..io.progress import Progress
from ..io.records import DocumentTask, LineTask, Outcome, Reject, WarcTask
from ..io.rejects import RejectLog
from ..io.stats import RunStats, Status, Tally
from ..io.warc import WarcRecords, check_reader
from ..pipeline import Cleaner
from .pool import ordered_map
from .worker import Worker


@dataclass(frozen=True)
class Request:
    """What the user asked for (the `cleaner clean` options, minus rules and settings)."""

    inputs: tuple[str, ...]
    output: str | None = None
    report: str | None = None
    rejects: str | None = None
    stats: str | None = None
    globs: tuple[str, ...] = ()
    format: str = "auto"               # auto, text, html, jsonl or warc (forces that format for every input)
    fields: JsonlFields = field(default_factory=JsonlFields)
    url: str | None = None
    jobs: int = 1
    resume: bool = False
    encoding: str | None = None        # the charset of documents' and WARC pages' bytes (JSON is Unicode already)
    batch: BatchSettings = field(default_factory=BatchSettings)


# Markers: units that pass through the runner in order, telling the writer where inputs begin and end.
@dataclass(frozen=True)
class InputStart:
    index: int


@dataclass(frozen=True)
class InputEnd:
    index: int
    reject: Reject | None   # the input broke off (truncated gzip, read error)
    blank_lines: int = 0
    skipped: Mapping[str, int] = field(default_factory=dict)  # WARC records that are no pages, by type


@dataclass(frozen=True)
class InputSkipped:
    index: int
    size: int


@dataclass(frozen=True)
class Discarded:
    reject: Reject          # found in a folder but not an input (symlink out, FIFO, ...)


def prepare(request: Request) -> Plan:
    """Find the inputs and pair them with safe outputs; raises `UsageError` before anything is written."""
    if not request.inputs:
        raise UsageError("no input given")
    if request.inputs.count("-") and len(request.inputs) > 1:
        raise UsageError("standard input (-) cannot be mixed with other inputs")
    mode = output_mode(request.inputs, request.output)
    if request.resume and mode == "stdout":
        raise UsageError("--resume needs outputs to look at: give -o")
    found = discover(request.inputs, request.globs, request.format, _exclusions(request, mode))
    warc = next((i for i in found if isinstance(i, InputFile) and i.kind == "warc"), None)
    if warc is not None:
        check_reader(warc.source)
    return make_plan(mode, found, request.output, request.report, (request.rejects, request.stats))


def _exclusions(request: Request, mode: str) -> Exclusions:
    folders = [request.output, request.report] if mode == "folder" else []
    return Exclusions(frozenset(Path(f).resolve() for f in folders if f))


def run(cleaner: Cleaner, request: Request, plan: Plan, *, echo: TextIO | None = None,
        stdout: BinaryIO | None = None, progress: Progress | None = None) -> RunStats:
    """Clean everything in `plan`; raises `Interrupted` (or KeyboardInterrupt) with complete outputs only.

    Rejects go to `--rejects`, else to `echo` (the CLI passes stderr), else to the log.
    """
    fields = request.fields
    worker = Worker(cleaner, fields, request.url, document_reports=request.report is not None,
                    sidecar_reports=request.report is not None, charset=request.encoding)
    complete = {t.input.source for t in plan.targets if t.is_complete()} if request.resume else set()
    rejects_path = Path(request.rejects) if request.rejects else None
    with _writing(rejects_path):
        rejects = RejectLog(rejects_path, echo, complete.__contains__ if request.resume else None)
    stats = RunStats(rejects_from_earlier_run=rejects.earlier, unit=plan.unit)
    temporaries = Temporaries()
    writer = _Writer(plan, rejects, stats, progress or Progress(sys.stderr, enabled=False),
                     stdout or sys.stdout.buffer, temporaries)
    jobs = 1 if plan.is_single_document else request.jobs
    status: Status = "failed"
    try:
        units = _units(plan, complete)
        with closing(ordered_map(worker, units, jobs, request.batch)) as results:
            for unit, outcome in results:
                writer.take(unit, outcome)
        status = "complete"
    except (KeyboardInterrupt, Interrupted):
        status = "interrupted"
        raise
    finally:
        try:
            writer.finish(status)
            if request.stats:
                with _writing(Path(request.stats)):
                    write_atomic(Path(request.stats), (json.dumps(stats.to_json(), indent=1) + "\n").encode(),
                                 temporaries)
        finally:  # whatever stopped the run, even mid-way through finishing: no temporary file stays
            temporaries.sweep()
    return stats


def plan_units(plan: Plan) -> Iterator[object]:
    """Every entry of `plan` as markers and tasks, in order: a pass over the inputs before the
    cleaning one (`cleaner clean --learn`). A stream is read once: a plan with one cannot be passed twice."""
    return _units(plan, set())


def _units(plan: Plan, complete: set[str]) -> Iterator[object]:
    """Markers and tasks for every entry of the plan, in order; `complete` inputs are skipped (--resume)."""
    for index, entry in enumerate(plan.entries):
        if isinstance(entry, Reject):
            yield Discarded(entry)
        elif entry.input.source in complete:
            yield InputSkipped(index, entry.input.size or 0)
        elif entry.input.kind == "document":
            yield _document_task(index, entry.input)
        else:
            yield from _record_units(index, entry.input)


def _document_task(index: int, item: InputFile) -> DocumentTask:
    data = item.stream.read() if item.stream is not None else None
    size = item.size if item.size is not None else len(data or b"")
    return DocumentTask(index, item.source, str(item.path) if item.path else None, data, item.format, size)


def _record_units(index: int, item: InputFile) -> Iterator[object]:
    """A JSONL or WARC input: its tasks between an `InputStart` and an `InputEnd`.

    A JSONL reader's reject can only end the input (it broke off); a WARC
    record rejected by its reader (cut short, truncated by the crawler) passes
    in place, among the tasks.
    """
    try:
        raw = item.stream if item.stream is not None else open(item.path or "", "rb")  # noqa: SIM115
    except OSError as exc:
        yield Discarded(Reject(item.source, "unreadable", f"cannot read: {exc.strerror or exc}"))
        return
    with raw:
        yield InputStart(index)
        if item.kind == "warc":
            records = WarcRecords(raw, index, item.source)
            yield from records
            yield InputEnd(index, None, skipped=dict(records.skipped))
            return
        reader = JsonlReader(open_binary(raw), raw, index, item.source)
        trailing = None
        for task in reader:
            if isinstance(task, Reject):
                trailing = task
            else:
                yield task
        yield InputEnd(index, trailing, reader.blank_lines)


class _Writer:
    """Writes outcomes in input order and commits each output when its input is done."""

    def __init__(self, plan: Plan, rejects: RejectLog, stats: RunStats, progress: Progress, stdout: BinaryIO,
                 temporaries: Temporaries):
        self._plan, self._rejects, self._stats = plan, rejects, stats
        self._progress, self._stdout, self._temporaries = progress, stdout, temporaries
        self._open: _OpenJsonl | None = None

    def take(self, unit: object, outcome: Outcome | None) -> None:
        if isinstance(unit, (LineTask, WarcTask)):
            self._line(unit, outcome)
        elif isinstance(unit, Reject):  # a WARC record its reader rejected, inside the open input
            self._line_rejected(unit)
        elif isinstance(unit, DocumentTask):
            self._document(unit, outcome)
        elif isinstance(unit, InputStart):
            self._open = _OpenJsonl(self._target(unit.index), self._stdout, self._temporaries)
        elif isinstance(unit, InputEnd):
            self._end(unit)
        elif isinstance(unit, InputSkipped):  # a document counts as done; a JSONL input's records are unknown
            self._stats.inputs_skipped += 1
            self._progress.advance(unit.size, int(self._target(unit.index).input.kind == "document"))
        elif isinstance(unit, Discarded):
            self._discard(unit.reject)

    def _target(self, index: int) -> Target:
        entry = self._plan.entries[index]
        assert isinstance(entry, Target)
        return entry

    def _document(self, task: DocumentTask, outcome: Outcome | None) -> None:
        assert outcome is not None
        if outcome.reject is not None:
            self._discard(outcome.reject, task.size)
            return
        target = self._target(task.index)
        with _writing(target.report):
            if target.report is not None and outcome.report is not None:
                write_atomic(target.report, outcome.report, self._temporaries)
        with _writing(target.output):
            if target.output is None:
                self._stdout.write(outcome.output or b"")
                self._stdout.flush()
            else:
                write_atomic(target.output, outcome.output or b"", self._temporaries)
        self._committed(Tally(), outcome, task.size)

    def _line(self, task: LineTask | WarcTask, outcome: Outcome | None) -> None:
        assert outcome is not None and self._open is not None
        if outcome.reject is not None:
            self._rejects.add(outcome.reject)
        self._open.write(outcome)
        self._progress.advance(task.size, 1, outcome.reject is not None)

    def _line_rejected(self, reject: Reject) -> None:
        assert self._open is not None
        self._rejects.add(reject)
        self._open.tally.reject(reject)
        self._progress.advance(0, 1, 1)

    def _end(self, end: InputEnd) -> None:
        assert self._open is not None
        if end.reject is not None:
            self._rejects.add(end.reject)
            self._open.tally.reject(end.reject)
        self._open.tally.blank_lines += end.blank_lines
        self._open.tally.skipped.update(end.skipped)
        self._rejects.flush()
        self._open.commit()
        self._rejects.mark()
        self._stats.tally.merge(self._open.tally)
        self._stats.inputs += 1
        self._stats.bytes_in += self._target(end.index).input.size or 0
        self._open = None

    def _discard(self, reject: Reject, size: int = 0) -> None:
        self._rejects.add(reject)
        self._rejects.mark()
        self._stats.tally.reject(reject)
        self._stats.bytes_in += size
        self._progress.advance(size, 1, 1)

    def _committed(self, tally: Tally, outcome: Outcome, size: int) -> None:
        tally.add(outcome)
        self._stats.tally.merge(tally)
        self._stats.inputs += 1
        self._stats.bytes_in += size
        self._progress.advance(size, 1, 0)

    def finish(self, status: Status) -> None:
        """Close up: on anything but success, drop the open output and the rejects that belong to it."""
        if self._open is not None:
            self._open.abort()
        if status != "complete":
            self._rejects.rollback()
        self._rejects.close()
        self._progress.close()
        self._stats.finish(status)


class _OpenJsonl:
    """The JSONL output (and sidecar report) of the input being written."""

    def __init__(self, target: Target, stdout: BinaryIO, temporaries: Temporaries):
        self.target, self.tally = target, Tally()
        with _writing(target.output):
            self._out = AtomicFile(target.output, temporaries) if target.output is not None else _Stdout(stdout)
        with _writing(target.report):
            self._side = AtomicFile(target.report, temporaries) if target.report is not None else None

    def write(self, outcome: Outcome) -> None:
        self.tally.add(outcome)
        if outcome.output is None:
            return
        with _writing(self.target.output):
            self._out.write(outcome.output + b"\n")
        if self._side is not None and outcome.report is not None:
            with _writing(self.target.report):
                self._side.write(outcome.report + b"\n")

    def commit(self) -> None:
        if self._side is not None:  # the report first: the output's presence means both are complete
            with _writing(self.target.report):
                self._side.commit()
        with _writing(self.target.output):
            self._out.commit()

    def abort(self) -> None:
        if self._side is not None:
            self._side.abort()
        self._out.abort()


class _Stdout:
    """Standard output behind the `AtomicFile` interface (a pipe cannot be taken back)."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def commit(self) -> None:
        self._stream.flush()

    def abort(self) -> None:
        pass


class _writing:
    """Turn an OSError while writing `path` into an `OutputError` that names it."""

    def __init__(self, path: Path | None):
        self._path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if isinstance(exc, BrokenPipeError) and self._path is None:
            return  # the reader of stdout went away (`| head`): the CLI stops quietly
        if isinstance(exc, OSError):
            where = self._path if self._path is not None else "standard output"
            raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from exc
