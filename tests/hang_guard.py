"""A hard time bound for tests that guard against hangs (not a speed target).

`within(seconds)` interrupts the block with `Hung` when it runs past the bound,
so a hang fails its test instead of blocking the suite. `Hung` derives from
BaseException so no `except Exception` (nor the rules' TimeoutError handling)
in the code under test can swallow it. Unix only (SIGALRM), main thread only.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator


class Hung(BaseException):
    """The guarded block was still running when its bound ran out."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds:g}s: a hang, or a machine far slower than any we support")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
