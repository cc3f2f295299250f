"""Run tasks through a process pool, in order, with bounded memory.

`ordered_map` takes a stream of units: tasks (cleaned by a worker) and
markers (anything else: passed through untouched, in place). It yields
`(unit, outcome)` in input order, `outcome` None for a marker. With one job
everything runs in this process.

With more, it is the stdlib `ProcessPoolExecutor`: the `Worker` (compiled
cleaner and options) reaches each worker process once, through the pool
initializer; tasks travel in chunks. The one thing added on top is
back-pressure: `Executor.map` would read the whole input up front, so chunks
are submitted only while fewer than `jobs * chunks_per_worker` are in flight.

An interrupt (KeyboardInterrupt, or closing the generator) terminates the
workers at once rather than letting them finish their chunks; a worker that
dies makes the pool unusable and surfaces as `Interrupted`.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, TypeVar

from ..config import BatchSettings
from ..errors import Interrupted
from ..io.records import DocumentTask, LineTask, Outcome, WarcTask
from .worker import Worker

U = TypeVar("U")
_TASKS = (DocumentTask, LineTask, WarcTask)

# The worker process's own copy of the Worker, set once by the pool initializer.
# A pool worker is a fresh process that runs nothing else, so this global is
# that process's whole state; it never exists in the parent.
_worker: Worker | None = None


def ordered_map(worker: Worker, units: Iterable[U], jobs: int,
                settings: BatchSettings = BatchSettings()) -> Iterator[tuple[U, Outcome | None]]:
    if jobs <= 1:
        for unit in units:
            yield unit, worker.process(unit) if isinstance(unit, _TASKS) else None  # type: ignore[arg-type]
        return
    yield from _pooled(worker, units, jobs, settings)


def _pooled(worker: Worker, units: Iterable[U], jobs: int,
            settings: BatchSettings) -> Iterator[tuple[U, Outcome | None]]:
    # spawn, not fork: the parent may run threads (the progress bar's monitor,
    # the pool's own), and forking a threaded process can deadlock.
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(worker,))
    pending: deque[_InFlight | Any] = deque()
    limit = jobs * settings.chunks_per_worker
    try:
        for group in _chunks(units, settings):
            if isinstance(group, list):
                pending.append(_InFlight(pool.submit(_work, group), group))
            else:
                pending.append(group)
            yield from _release(pending, limit)
        yield from _release(pending, 0)
    except BrokenProcessPool as exc:
        _terminate(pool)
        raise Interrupted("a worker process died (killed, or out of memory)") from exc
    except BaseException:
        _terminate(pool)
        raise
    pool.shutdown(wait=True)


@dataclass(frozen=True)
class _InFlight:
    """A chunk sent to the pool, with its tasks (to pair with the outcomes in order)."""

    future: Future[list[Outcome]]
    tasks: list[Any]


def _release(pending: deque, keep: int) -> Iterator[tuple[Any, Outcome | None]]:
    """Yield finished work from the front while more than `keep` chunks are in flight."""
    while pending:
        head = pending[0]
        if not isinstance(head, _InFlight):
            pending.popleft()
            yield head, None
            continue
        if sum(isinstance(p, _InFlight) for p in pending) <= keep:
            return
        pending.popleft()
        yield from zip(head.tasks, head.future.result())


def _chunks(units: Iterable[U], settings: BatchSettings) -> Iterator[list[U] | U]:
    """Group consecutive tasks into chunks; a marker closes the chunk before it and passes alone."""
    chunk: list[U] = []
    size = 0
    for unit in units:
        if not isinstance(unit, _TASKS):
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield unit
            continue
        chunk.append(unit)
        size += unit.size
        if len(chunk) >= settings.chunk_docs or size >= settings.chunk_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now: cancel what is queued and kill what is running."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
    else:  # before 3.14 the executor has no public way to stop a running task
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(worker: Worker) -> None:
    global _worker
    # Ctrl-C in a terminal reaches the whole process group: the parent decides
    # what an interrupt means (discard partial outputs) and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = worker


def _work(tasks: list[Any]) -> list[Outcome]:
    assert _worker is not None, "the pool initializer did not run"
    return [_worker.process(task) for task in tasks]
