"""The progress bar (tqdm, on stderr): files or records done, with bytes read as secondary information.

The bar counts what the run yields one output or one reject for: documents
(files; their number is known before the run, so the bar has a percentage)
or JSONL records (their number is known only at the end: the bar counts and
shows the rate). Bytes are not the bar's unit: a compressed input is read in
blocks, so bytes advance in jumps (0 % for seconds, then most of the file),
while records and files advance steadily.
"""

from __future__ import annotations

from typing import TextIO

from tqdm import tqdm

from .naming import Plan
from .records import Unit

# The bar's unit, as the rate reads: "12 files/s", "340 records/s".
_UNIT_NAMES: dict[Unit, str] = {"document": "files", "record": "records", "document or record": "items"}
# On a steady run the bar is redrawn at most every this many seconds, and (with
# `miniters=1`: tqdm checks the clock on every update) at least as often as
# items arrive: tqdm's adaptive `miniters` would otherwise learn the size of a
# first burst of results and then skip redraws for seconds.
REFRESH_SECONDS = 0.5


class Progress:
    """Shown only when `enabled` (the CLI: stderr is a terminal and no --quiet); the counts are kept either way."""

    def __init__(self, stream: TextIO, enabled: bool, *, unit: Unit = "document", total: int | None = None,
                 total_bytes: int | None = None):
        self.done = self.bytes_read = self.rejected = 0
        self.total, self.total_bytes = total, total_bytes
        name = _UNIT_NAMES[unit]
        counted = "{l_bar}{bar}| {n_fmt}/{total_fmt} " if total is not None else "{n_fmt} "
        timed = "[{elapsed}<{remaining}, " if total is not None else "[{elapsed}, "
        self._bar = tqdm(total=total, unit=f" {name}", file=stream, disable=not enabled, dynamic_ncols=True,
                         mininterval=REFRESH_SECONDS, miniters=1, smoothing=0.05,
                         bar_format=counted + name + " " + timed + "{rate_noinv_fmt}{postfix}]")

    @classmethod
    def of(cls, plan: Plan, stream: TextIO, enabled: bool) -> Progress:
        """A bar for `plan`: a total when every input is a document (each yields one output or one reject)."""
        sizes = [t.input.size for t in plan.targets]
        total_bytes = None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)
        total = len(plan.entries) if plan.unit == "document" else None
        return cls(stream, enabled, unit=plan.unit, total=total, total_bytes=total_bytes)

    def advance(self, size: int, items: int = 0, rejected: int = 0) -> None:
        """`items` more done (documents or records, `rejected` of them rejected), `size` more bytes read."""
        self.done += items
        self.bytes_read += size
        self.rejected += rejected
        if self._bar.disable:
            return
        self._bar.set_postfix_str(self.postfix(), refresh=False)
        self._bar.update(items)

    def postfix(self) -> str:
        """Bytes read (of how many, when known) and the rejects so far."""
        read = _size(self.bytes_read)
        if self.total_bytes:
            read += f" of {_size(self.total_bytes)} ({100 * self.bytes_read // self.total_bytes}%)"
        return f"{read} read, {self.rejected} rejected"

    def close(self) -> None:
        self._bar.close()


def _size(count: int) -> str:
    return tqdm.format_sizeof(count, "B")
