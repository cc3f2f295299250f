"""The progress bar (tqdm, on stderr): bytes with rate and ETA, documents with docs/s."""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Shown only when `enabled` (the CLI: stderr is a terminal and no --quiet); otherwise free."""

    def __init__(self, total_bytes: int | None, stream: TextIO, enabled: bool):
        self._bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1024, file=stream,
                         disable=not enabled, dynamic_ncols=True, mininterval=0.5, smoothing=0.05,
                         bar_format="{l_bar}{bar}| {n_fmt}B/{total_fmt}B [{elapsed}<{remaining}, {rate_fmt}{postfix}]")
        self._started = time.monotonic()
        self._documents = self._rejected = 0

    def advance(self, size: int, documents: int = 0, rejected: int = 0) -> None:
        if self._bar.disable:
            return
        self._documents += documents
        self._rejected += rejected
        rate = self._documents / max(time.monotonic() - self._started, 1e-9)
        self._bar.set_postfix_str(f"{self._documents} docs, {rate:.1f} docs/s, {self._rejected} rejected",
                                  refresh=False)
        self._bar.update(size)

    def close(self) -> None:
        self._bar.close()
