"""Limits that protect a batch from one freak document: size, line length, CPU time.

Each is a `Settings` field and a `cleaner clean` option; a document over one
is rejected (`InputError`), and the reason names the limit, so the rejects
say which one fired and how to lift it. `None` lifts a limit.

Size and line length are checked before any work (`check_size`). The CPU
allowance needs a clock that can interrupt the work: `cpu_allowance` arms
the process's profiling timer, which only the main thread can receive, so
it holds in the CLI and its worker processes; elsewhere (a library call on
another thread) it does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputError


def check_size(source: str | bytes, max_bytes: int | None, max_line_chars: int | None) -> None:
    """Raise `InputError` naming the limit when `source` is over either.

    >>> check_size("a\\nbcd\\n", 100, 2)
    Traceback (most recent call last):
    cleaner.errors.InputError: a line of 3 characters, over the limit of 2 (max_line_chars, --max-line-chars)
    """
    if max_bytes is not None and len(source) > max_bytes:
        unit = "bytes" if isinstance(source, bytes) else "characters"
        raise InputError(f"a document of {len(source)} {unit}, over the limit of {max_bytes} "
                         f"(max_document_bytes, --max-document-bytes)")
    if max_line_chars is not None and len(source) > max_line_chars:
        longest = _longest_line(source)
        if longest > max_line_chars:
            raise InputError(f"a line of {longest} characters, over the limit of {max_line_chars} "
                             f"(max_line_chars, --max-line-chars)")


def _longest_line(source: str | bytes) -> int:
    newline = b"\n" if isinstance(source, bytes) else "\n"
    longest = start = 0
    while True:
        end = source.find(newline, start)  # type: ignore[arg-type]
        if end < 0:
            return max(longest, len(source) - start)
        longest, start = max(longest, end - start), end + 1


_RETRY = 0.05  # seconds of CPU between ticks once the allowance is spent


class OverAllowance(BaseException):
    """The document used up its CPU allowance (a BaseException: no `except Exception` in the
    pipeline may swallow it and carry on)."""


@contextmanager
def cpu_allowance(seconds: float | None) -> Iterator[None]:
    """Raise `InputError` if the block takes more than `seconds` of CPU time (main thread only)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        # An exception raised in a finaliser is printed and dropped: wait for the next tick.
        if frame is None or frame.f_code.co_name != "__del__":
            raise OverAllowance

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds, _RETRY)
    try:
        yield
    except OverAllowance:
        raise InputError(f"over the CPU allowance of {seconds:g} s per document "
                         f"(max_document_seconds, --max-document-seconds)") from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
