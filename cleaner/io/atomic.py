"""Atomic output files: write a temporary file beside the target, rename it over the target when done.

A reader (or a `--resume` run) therefore sees either no file or a complete
one, whatever point a run was interrupted at. Temporary files are hidden and
named after their target (`.NAME.<random>.cleaner-tmp`), so a run that was
killed outright (SIGKILL, power loss) leaves something recognisable that the
next write of the same target sweeps away.
"""

from __future__ import annotations

import gzip
import os
import secrets
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".cleaner-tmp"
_RANDOM_BYTES = 4  # 8 hex digits: the sweep matches exactly these, never another target's temporaries


def is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


class AtomicFile:
    """A binary file that appears at `path` only on `commit()`; `abort()` (or an exception) removes it.

    Names ending in `.gz` are gzip-compressed with a fixed header (no name,
    mtime 0), so the same content always gives the same bytes.
    """

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(path)
        self._tmp = path.parent / f".{path.name}.{secrets.token_hex(_RANDOM_BYTES)}{TMP_SUFFIX}"
        fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        self._raw: BinaryIO = os.fdopen(fd, "wb")
        self._gzip = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=6, mtime=0) \
            if path.name.endswith(".gz") else None
        self._done = False

    def write(self, data: bytes) -> None:
        (self._gzip or self._raw).write(data)

    def commit(self) -> None:
        if self._gzip is not None:
            self._gzip.close()
        self._raw.close()
        os.replace(self._tmp, self.path)
        self._done = True

    def abort(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            if self._gzip is not None:
                self._gzip.close()
        finally:
            self._raw.close()
            self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_atomic(path: Path, data: bytes) -> None:
    with AtomicFile(path) as out:
        out.write(data)


def _sweep(path: Path) -> None:
    """Remove temporaries of `path` left by a run that could not clean up (it was killed)."""
    random = "?" * (2 * _RANDOM_BYTES)
    for stale in path.parent.glob(f".{_glob_escape(path.name)}.{random}{TMP_SUFFIX}"):
        stale.unlink(missing_ok=True)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
