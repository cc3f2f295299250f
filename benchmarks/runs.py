"""Running the systems of a mode on pages: in this process, or in a pool of processes.

A `Runner` holds the built systems of one process. It runs every system of
a mode on one page in turn and scores each output where it was made, so only
numbers travel between processes. Each system is warmed up on the first page
it sees, untimed (the first trafilatura call costs ~0.25 s of one-off setup,
several pages' worth), then timed with perf_counter on every page.

The systems of a mode run page by page, in an order that rotates from page
to page: load from other processes falls on all of them alike, and no system
always finds the caches another one warmed (trafilatura memoises per text
line). docs/s is pages over the seconds a system spent on them, so with
several processes it is still one core's rate.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from benchmarks.datasets import Page
from benchmarks.scoring import (
    PageScore,
    SnippetScore,
    has_words,
    score_page,
    score_snippets,
)
from benchmarks.systems import SPECS_BY_KEY, Extractor, SystemSpec, Tuning


@dataclass(frozen=True)
class Outcome:
    """One system's output on one page, as scores: the output itself is not kept."""

    score: PageScore | None  # None when the page has no gold text
    snippets: SnippetScore
    is_empty: bool  # no words in the output while the page has gold words or `with` snippets
    error: str | None  # the exception, when the system raised (scored as empty output)
    seconds: float


def describe(exc: BaseException) -> str:
    """One-line reason for a failure, kept short enough for a table row."""
    text = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def build_systems(specs: Sequence[SystemSpec], tuning: Tuning) -> tuple[dict[tuple[str, str], Extractor], dict[tuple[str, str], str]]:
    """Build every system once: the built ones by key, and why the others could not be built."""
    built: dict[tuple[str, str], Extractor] = {}
    unavailable: dict[tuple[str, str], str] = {}
    for spec in specs:
        try:
            built[spec.key] = spec.build(tuning)
        except Exception as exc:  # noqa: BLE001 - reported as an "unavailable" row
            unavailable[spec.key] = describe(exc)
    return built, unavailable


def score_output(output: str, page: Page, error: str | None, seconds: float) -> Outcome:
    """Score one output against whatever reference the page has."""
    expects_text = (page.gold is not None and has_words(page.gold)) or bool(page.with_snippets)
    return Outcome(
        score=score_page(output, page.gold) if page.gold is not None else None,
        snippets=score_snippets(output, page.with_snippets, page.without_snippets),
        is_empty=expects_text and not has_words(output),
        error=error,
        seconds=seconds,
    )


def extract_one(extract: Extractor, page: Page) -> Outcome:
    """Run one system on one page, timed; a page that raises becomes empty output with its error."""
    start = time.perf_counter()
    try:
        output = extract(page)
        if not isinstance(output, str):
            raise TypeError(f"expected str output, got {type(output).__name__}")
        error = None
    except Exception as exc:  # noqa: BLE001 - counted and reported, not swallowed
        output, error = "", describe(exc)
    seconds = time.perf_counter() - start
    return score_output(output, page, error, seconds)


class Runner:
    """The built systems of one process, each warmed up on the first page it runs."""

    def __init__(self, systems: dict[tuple[str, str], Extractor]) -> None:
        self.systems = systems
        self.warm: set[tuple[str, str]] = set()

    def run(self, mode: str, index: int, page: Page) -> dict[str, Outcome]:
        """Every system of `mode` on one page, by name; run in an order rotated by `index`."""
        keys = [key for key in self.systems if key[0] == mode]
        shift = index % len(keys) if keys else 0
        outcomes: dict[str, Outcome] = {}
        for key in keys[shift:] + keys[:shift]:
            extract = self.systems[key]
            if key not in self.warm:
                self.warm.add(key)
                try:
                    extract(page)
                except Exception:  # noqa: BLE001 - the timed call below counts it
                    pass
            outcomes[key[1]] = extract_one(extract, page)
        return outcomes


# The worker process's own Runner, set once by the pool initializer. A pool
# worker is a fresh process that runs nothing else, so this global is that
# process's whole state; it never exists in the parent.
_runner: Runner | None = None


def _start_worker(keys: Sequence[tuple[str, str]], tuning: Tuning) -> None:
    global _runner
    # Ctrl-C reaches the whole process group; the parent stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    built, _ = build_systems([SPECS_BY_KEY[key] for key in keys], tuning)
    _runner = Runner(built)


def _work(task: tuple[str, int, Page]) -> dict[str, Outcome]:
    assert _runner is not None, "the pool initializer did not run"
    return _runner.run(*task)


class Pages:
    """Runs a mode's systems over pages: in this process with one job, else in a pool.

    The pool lives as long as this object, so each worker builds each system
    once for the whole run, whatever the sets and modes.
    """

    def __init__(self, runner: Runner, tuning: Tuning, jobs: int) -> None:
        self.runner = runner
        self.pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            # spawn, not fork: the parent's imported libraries and threads stay out of the workers.
            self.pool = ProcessPoolExecutor(
                jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(tuple(runner.systems), tuning),
            )

    def run(self, mode: str, pages: Sequence[Page]) -> Iterator[dict[str, Outcome]]:
        """Outcomes of every system of `mode` on each page, in page order."""
        tasks = ((mode, index, page) for index, page in enumerate(pages))
        if self.pool is None:
            return (self.runner.run(*task) for task in tasks)
        return self.pool.map(_work, tasks)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Pages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
