"""The rejects log: every record that yields no output, with its reason — in a JSONL file or on stderr.

With `--rejects PATH` it is a journal kept in step with the outputs: rejects
are flushed before the output they belong to is committed, and `mark()`
after it. An interrupted run rolls the file back to its last mark, so it
lists exactly the rejects of the outputs that exist. `--resume` keeps the
lines whose input is complete (an output exists) and drops the rest: those
inputs are cleaned again and their rejects come back.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import BinaryIO, Callable, TextIO

from .atomic import AtomicFile
from .jsonl import dump_line
from .records import Reject

log = logging.getLogger(__name__)
ECHO_LIMIT = 20  # without --rejects, this many reasons go to stderr one per line; the summary gives the count

# What to do about a kind of reject that, when it comes, usually comes for every
# record of an input (the field to clean was not named): said once, at the end.
HINTS = {"missing-field": "name the field to clean with --text-field NAME (a field of raw HTML: --html-field NAME)"}


class RejectLog:
    def __init__(self, path: Path | None, echo: TextIO | None, keep: Callable[[str], bool] | None = None):
        """Without `path`, rejects go to `echo` (the CLI: stderr), or to the log if None:
        each reason once, with where it first came; repeats are counted and
        summed up at the end, so a thousand records missing one field make
        two lines, not a thousand.

        `keep` (resume): which sources' earlier rejects to keep; None starts the file afresh.
        """
        self.path, self._echo = path, echo
        self.count = self.earlier = self._marked_count = 0
        self._first: dict[tuple[str, str], Reject] = {}  # the first reject of each reason (up to ECHO_LIMIT)
        self._repeats: dict[tuple[str, str], int] = {}   # how many more came with that reason
        self._first_of_kind: dict[str, Reject] = {}
        self._by_kind: Counter[str] = Counter()
        self._file: BinaryIO | None = None
        if path is not None:
            self.earlier = _restart(path, keep)
            self._file = path.open("ab")
        self._marked = self._file.tell() if self._file else 0

    def add(self, reject: Reject) -> None:
        self.count += 1
        self._first_of_kind.setdefault(reject.kind, reject)
        self._by_kind[reject.kind] += 1
        key = (reject.kind, reject.reason)
        if key in self._first:
            self._repeats[key] = self._repeats.get(key, 0) + 1
        elif len(self._first) < ECHO_LIMIT:
            self._first[key] = reject
            if self._file is None:
                self._say(f"{reject.where()}: rejected ({reject.kind}): {reject.reason}")
        if self._file is not None:
            self._file.write(dump_line(reject.to_json()) + b"\n")

    def flush(self) -> None:
        """Make the rejects so far durable before the output they belong to is committed."""
        if self._file is not None:
            self._file.flush()

    def mark(self) -> None:
        """The output these rejects belong to is committed: they stay, whatever happens next."""
        self.flush()
        self._marked = self._file.tell() if self._file else 0
        self._marked_count = self.count

    def rollback(self) -> None:
        """Forget the rejects since the last mark: their output was not written."""
        if self._file is not None:
            self._file.flush()
            self._file.truncate(self._marked)
            self._file.seek(self._marked)
        self.count = self._marked_count

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        else:
            for key, more in self._repeats.items():
                first = self._first[key]
                self._say(f"... {more} more rejected ({first.kind}) for the same reason as {first.where()}")
            unshown = self.count - len(self._first) - sum(self._repeats.values())
            if unshown > 0:
                self._say(f"... and {unshown} more rejects (--rejects PATH keeps them all)")
        self._hint()

    def _hint(self) -> None:
        """Say once what to do about a kind of reject that has a remedy (with --rejects: its first reason too)."""
        for kind, hint in HINTS.items():
            first = self._first_of_kind.get(kind)
            if first is None:
                continue
            if self._file is not None:
                more = self._by_kind[kind] - 1
                self._say(f"{first.where()}: rejected ({kind}): {first.reason}"
                          + (f"; {more} more of this kind in {self.path}" if more > 0 else ""))
            self._say(hint)

    def _say(self, message: str) -> None:
        if self._echo is None:
            log.warning("%s", message)
        else:
            print(f"cleaner: {message}", file=self._echo)


def _restart(path: Path, keep: Callable[[str], bool] | None) -> int:
    """Rewrite the log with the earlier lines to keep (none unless resuming); return how many."""
    kept = 0
    with AtomicFile(path) as out:
        if keep is None or not path.exists():
            return 0
        with path.open("rb") as earlier:
            for line in earlier:
                try:
                    source = json.loads(line)["source"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a run that was killed outright
                if keep(source):
                    out.write(line if line.endswith(b"\n") else line + b"\n")
                    kept += 1
    return kept
