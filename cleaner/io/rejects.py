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
from pathlib import Path
from typing import BinaryIO, Callable, TextIO

from .atomic import AtomicFile
from .jsonl import dump_line
from .records import Reject

log = logging.getLogger(__name__)
ECHO_LIMIT = 20  # without --rejects, this many go to stderr one per line; the summary gives the count


class RejectLog:
    def __init__(self, path: Path | None, echo: TextIO | None, keep: Callable[[str], bool] | None = None):
        """Without `path`, rejects go to `echo` (the CLI: stderr), or to the log if None.

        `keep` (resume): which sources' earlier rejects to keep; None starts the file afresh.
        """
        self.path, self._echo = path, echo
        self.count = self.earlier = self._marked_count = 0
        self._file: BinaryIO | None = None
        if path is not None:
            self.earlier = _restart(path, keep)
            self._file = path.open("ab")
        self._marked = self._file.tell() if self._file else 0

    def add(self, reject: Reject) -> None:
        self.count += 1
        if self._file is not None:
            self._file.write(dump_line(reject.to_json()) + b"\n")
        elif self.count <= ECHO_LIMIT:
            self._say(f"{reject.where()}: rejected ({reject.kind}): {reject.reason}")

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
        elif self.count > ECHO_LIMIT:
            self._say(f"... and {self.count - ECHO_LIMIT} more rejects (--rejects PATH keeps them all)")

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
