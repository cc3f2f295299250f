"""Finding the inputs: files, folders (recursive, `--glob`), stdin; JSONL, WARC or a document, by name and content.

A folder is walked in sorted order without following symlinked folders; a
symlinked file is cleaned only if it points inside the folder. Whatever
in a folder cannot be an input (a symlink out of it, a FIFO or device, an
unreadable sub-folder) becomes a `Reject` in walk order, never a silent skip.
Pipes (stdin, `<(zcat …)`) are read once, so their head is kept for sniffing
and replayed.
"""

from __future__ import annotations

import fnmatch
import io
import json
import os
import stat
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterator, Literal, Sequence

from ..errors import UsageError
from .atomic import is_temporary
from .documents import HTML_SUFFIXES, TEXT_SUFFIXES, document_format
from .jsonl import GZIP_MAGIC
from .records import Reject
from .warc import WARC_MAGIC, WARC_SUFFIXES

InputKind = Literal["document", "jsonl", "warc"]
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
STDIN = "-"
_SNIFF_BYTES = 1 << 20  # enough for the first record of any sane JSONL
_GZIP_SNIFF_BYTES = 1 << 16  # compressed: decompresses to a first line in any real corpus


@dataclass(frozen=True)
class InputFile:
    """One input: a file read by path, or a stream (stdin, a pipe) read once."""

    source: str                  # the name shown in reports and rejects, as the user spelled it
    path: Path | None            # None for a stream
    rel: PurePosixPath           # its name under an output folder
    kind: InputKind
    format: str                  # the cleaner's format for its documents
    size: int | None             # bytes, if known (progress)
    stream: BinaryIO | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Exclusions:
    """Output folders, which a walk must not take for input (`cleaner clean data -o data/clean`).

    Output *files* (--rejects, --stats) are not excluded: one inside an input
    folder is found as an input, and the plan refuses to overwrite it.
    """

    folders: frozenset[Path] = frozenset()

    def has_folder(self, path: Path) -> bool:
        return path.resolve() in self.folders


def discover(paths: Sequence[str], globs: Sequence[str], forced: str,
             exclude: Exclusions = Exclusions()) -> list[InputFile | Reject]:
    """Every input named by `paths`, in order; raises `UsageError` for a path that does not exist."""
    found: list[InputFile | Reject] = []
    for given in paths:
        if given == STDIN:
            found.append(_stream_input("<stdin>", None, sys.stdin.buffer, forced))
            continue
        path = Path(given)
        try:
            info = path.stat()
        except OSError as exc:
            raise UsageError(f"cannot read {given}: {exc.strerror or exc}") from exc
        if stat.S_ISDIR(info.st_mode):
            found.extend(_walk(path, given, globs, forced, exclude))
        elif stat.S_ISREG(info.st_mode):
            found.append(_file_input(path, given, PurePosixPath(path.name), info.st_size, forced))
        else:  # a pipe named on the command line, e.g. <(zcat shard.jsonl.gz)
            found.append(_stream_input(given, PurePosixPath(path.name), path.open("rb"), forced))
    return found


def _walk(root: Path, given: str, globs: Sequence[str], forced: str,
          exclude: Exclusions) -> Iterator[InputFile | Reject]:
    real_root = root.resolve()
    problems: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=problems.append):
        here = Path(folder)
        yield from (_unreadable(root, given, exc) for exc in problems)
        problems.clear()
        dirnames[:] = sorted(d for d in dirnames if not exclude.has_folder(here / d))
        for name in list(dirnames):
            if (here / name).is_symlink():  # os.walk does not descend into it; say so if it leads out
                dirnames.remove(name)
                if not _inside(here / name, real_root):
                    yield _reject(root, given, here / name, "symlink",
                                  "symlinked folder points outside the input folder: not followed")
        for name in sorted(filenames):
            path = here / name
            rel = PurePosixPath(path.relative_to(root).as_posix())
            if _matches(rel, globs) and not is_temporary(name):
                yield _walked_file(root, given, path, rel, real_root, forced)
    yield from (_unreadable(root, given, exc) for exc in problems)


def _walked_file(root: Path, given: str, path: Path, rel: PurePosixPath, real_root: Path,
                 forced: str) -> InputFile | Reject:
    if path.is_symlink():
        if not path.exists():
            return _reject(root, given, path, "symlink", "broken symlink")
        if not _inside(path, real_root):
            return _reject(root, given, path, "symlink", "symlink points outside the input folder: not followed")
    try:
        info = path.stat()
    except OSError as exc:
        return _reject(root, given, path, "unreadable", f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return _reject(root, given, path, "not-a-file", "not a regular file (FIFO, socket or device)")
    return _file_input(path, _shown(root, given, path), rel, info.st_size, forced)


def _file_input(path: Path, source: str, rel: PurePosixPath, size: int, forced: str) -> InputFile:
    kind = _kind_by_name(path.name, forced) or _kind_by_content(path)
    return InputFile(source, path, rel, kind, document_format(path.name, forced), size)


def _stream_input(source: str, rel: PurePosixPath | None, raw: BinaryIO, forced: str) -> InputFile:
    head = _read_exactly(raw, 2)
    head += raw.read(_GZIP_SNIFF_BYTES) if head == GZIP_MAGIC else raw.readline(_SNIFF_BYTES)
    stream = io.BufferedReader(_Replay(head, raw))  # type: ignore[arg-type]
    kind = _kind_by_name(source, forced) or _kind_of_head(head)
    return InputFile(source, None, rel or PurePosixPath("stdin"), kind, document_format(source, forced), None, stream)


def _kind_by_name(name: str, forced: str) -> InputKind | None:
    if forced in ("jsonl", "warc"):
        return forced  # type: ignore[return-value]
    if forced in ("text", "html"):
        return "document"
    # "extracted" says what the documents' text is, not the container: files are still
    # told apart by name and content (document files, JSONL records' text field).
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
        return "document"
    return None


def _kind_by_content(path: Path) -> InputKind:
    try:
        with path.open("rb") as raw:
            head = raw.read(_SNIFF_BYTES)
    except OSError:
        return "document"  # the worker reports why it cannot be read
    return _kind_of_head(head)


def _kind_of_head(head: bytes) -> InputKind:
    """WARC starts with its version line, JSONL with a line that parses as a JSON object
    (either gzip-compressed or not); anything else is a document."""
    if head.startswith(GZIP_MAGIC):
        try:  # the head of a gzip stream decompresses as far as it goes
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
        except zlib.error:
            return "document"
    if head.startswith(WARC_MAGIC):
        return "warc"
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else "document"
    except (ValueError, RecursionError):
        return "document"


def _matches(rel: PurePosixPath, globs: Sequence[str]) -> bool:
    """`--glob` matches the file name, or the path under the folder if the pattern has a /."""
    return not globs or any(fnmatch.fnmatchcase(str(rel) if "/" in g else rel.name, g) for g in globs)


def _inside(path: Path, real_root: Path) -> bool:
    return path.resolve().is_relative_to(real_root)


def _shown(root: Path, given: str, path: Path) -> str:
    return os.path.join(given, *path.relative_to(root).parts)


def _reject(root: Path, given: str, path: Path, kind: str, reason: str) -> Reject:
    return Reject(_shown(root, given, path), kind, reason)  # type: ignore[arg-type]


def _unreadable(root: Path, given: str, exc: OSError) -> Reject:
    where = Path(exc.filename) if exc.filename else root
    return _reject(root, given, where, "unreadable", f"cannot read folder: {exc.strerror or exc}")


def _read_exactly(raw: BinaryIO, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = raw.read(count - len(data))
        if not chunk:
            break
        data += chunk
    return data


class _Replay(io.RawIOBase):
    """A stream that returns `head` (already read for sniffing) and then the rest of `raw`."""

    def __init__(self, head: bytes, raw: BinaryIO):
        self._head, self._raw = head, raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._raw.read1(len(buffer)) if hasattr(self._raw, "read1") else self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

