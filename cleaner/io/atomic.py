"""Atomic output files: write a temporary file beside the target, rename it over the target when done.

A reader (or a `--resume` run) therefore sees either no file or a complete
one, whatever point a run was interrupted at. Temporary files are hidden and
named after their target (`.NAME.<random>.cleaner-tmp`), so a run that was
killed outright (SIGKILL, power loss) leaves something recognisable that the
next write of the same target sweeps away.

A run that can be interrupted passes a `Temporaries`: each temporary file is
entered there *before* it is created, and the run sweeps what is left on every
way out. An interrupt (a signal becomes an exception between any two
bytecodes) can then land anywhere — between creating the file and holding
it, in the middle of aborting — and still leave nothing behind.

A target that exists and is not a regular file (/dev/null, /dev/full, a FIFO)
cannot be replaced by a rename, and must not be: it is written in place.
"""

from __future__ import annotations

import gzip
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".cleaner-tmp"
_RANDOM_BYTES = 4  # 8 hex digits: the sweep matches exactly these, never another target's temporaries


def is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


class Temporaries:
    """The temporary files one run may have created and not yet renamed or removed."""

    def __init__(self) -> None:
        self._paths: set[Path] = set()

    def claim(self, path: Path) -> None:
        """Enter `path` before it is created, so no interrupt can come between creating and knowing it."""
        self._paths.add(path)

    def release(self, path: Path) -> None:
        self._paths.discard(path)

    def sweep(self) -> None:
        """Remove every temporary still claimed (the run is ending, whichever way)."""
        while self._paths:
            self._paths.pop().unlink(missing_ok=True)


class AtomicFile:
    """A binary file that appears at `path` only on `commit()`; `abort()` (or an exception) removes it.

    Names ending in `.gz` are gzip-compressed with a fixed header (no name,
    mtime 0), so the same content always gives the same bytes.
    """

    def __init__(self, path: Path, temporaries: Temporaries | None = None):
        self.path = path
        self._temporaries = temporaries or Temporaries()
        self._done = False
        self._tmp: Path | None = None
        if _is_special(path):
            self._raw: BinaryIO = open(path, "wb")  # noqa: SIM115 (closed by commit or abort)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            _sweep(path)
            self._tmp = path.parent / f".{path.name}.{secrets.token_hex(_RANDOM_BYTES)}{TMP_SUFFIX}"
            self._temporaries.claim(self._tmp)
            try:
                self._raw = os.fdopen(_create(self._tmp), "wb")
            except BaseException:
                self._remove_tmp()
                raise
        self._gzip = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=6, mtime=0) \
            if path.name.endswith(".gz") else None

    def write(self, data: bytes) -> None:
        (self._gzip or self._raw).write(data)

    def commit(self) -> None:
        if self._gzip is not None:
            self._gzip.close()
        self._raw.close()
        if self._tmp is not None:
            os.replace(self._tmp, self.path)
            self._temporaries.release(self._tmp)
        self._done = True

    def abort(self) -> None:
        """Drop what was written. Closing may fail (the disk that failed the writes is still full):
        the file is discarded either way, so that is no error."""
        if self._done:
            return
        self._done = True
        for close in (self._gzip.close if self._gzip is not None else None, self._raw.close):
            try:
                if close is not None:
                    close()
            except OSError:
                pass
        self._remove_tmp()

    def _remove_tmp(self) -> None:
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._temporaries.release(self._tmp)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_atomic(path: Path, data: bytes, temporaries: Temporaries | None = None) -> None:
    with AtomicFile(path, temporaries) as out:
        out.write(data)


def _create(tmp: Path) -> int:
    """Create the temporary file (never an existing one) and return its descriptor."""
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def _is_special(path: Path) -> bool:
    """An existing target that is not a regular file: a device or a pipe, written in place."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _sweep(path: Path) -> None:
    """Remove temporaries of `path` left by a run that could not clean up (it was killed)."""
    random = "?" * (2 * _RANDOM_BYTES)
    for stale in path.parent.glob(f".{_glob_escape(path.name)}.{random}{TMP_SUFFIX}"):
        stale.unlink(missing_ok=True)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
