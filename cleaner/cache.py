"""Derived data kept between runs: JSON files in the user's cache folder.

Start-up work that gives the same answer every time (the rules' RE2
translations, the stoplists' word index, each language's commonest words) is
saved here after the first run and read back by the next ones. A cache file
holds data, never code: JSON with a header naming the format, the package
version and the caller's key (a hash of whatever the data was derived from:
rule patterns, the deriving code, the stoplist files). A file whose header
does not match, that cannot be read, or whose data fails the caller's check
is ignored and rebuilt; a folder that cannot be written means no cache, never
an error.

Only files this user could have written are read: a cache folder or file
owned by another user, or writable by group or others, is passed over (and
the folder not written to), so no one else can feed a run its data. Writes
go to a temporary file renamed over the old one, so processes that race on
one file each read a whole file: their own, another's, or none.

The folder is `platformdirs.user_cache_dir("cleaner")` (~/.cache/cleaner on
Linux). CLEANER_CACHE names another folder, or switches the cache off with
"off" (also "0", "no", "false").
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

LOGGER = logging.getLogger(__name__)

ENV_VAR = "CLEANER_CACHE"
_OFF = frozenset({"off", "0", "no", "false"})
_FORMAT = "cleaner-cache/1"


@dataclass(frozen=True)
class Cache:
    """A folder of JSON cache files; `folder=None` is no cache (reads miss, writes do nothing)."""

    folder: Path | None

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> "Cache":
        """The user's cache folder, or the one CLEANER_CACHE names, or none when it says "off"."""
        value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
        if value.lower() in _OFF:
            return cls(None)
        if value:
            return cls(Path(value))
        import platformdirs  # (only here: the variable may make it unnecessary)

        return cls(Path(platformdirs.user_cache_dir("cleaner")))

    def read(self, name: str, key: str, is_valid: Callable[[Any], bool]) -> Any | None:
        """The data saved as `name` under `key`, or None when there is none, it is stale
        (another key or package version), unreadable, or fails `is_valid`."""
        if self.folder is None or not self._is_trusted_folder():
            return None
        try:
            with open(self.folder / name, "rb") as file:
                if not is_trusted(os.fstat(file.fileno())):
                    LOGGER.debug("cache file %s is not this user's alone: ignoring it", self.folder / name)
                    return None
                saved = json.loads(file.read())
        except (OSError, ValueError):  # missing, unreadable, not JSON (UnicodeDecodeError is a ValueError)
            return None
        if not (isinstance(saved, dict) and saved.get("format") == _FORMAT and saved.get("version") == _version()
                and saved.get("key") == key and "data" in saved):
            return None
        data = saved["data"]
        try:
            valid = is_valid(data)
        except (TypeError, ValueError, AttributeError):  # a check that trips on data of the wrong shape
            valid = False
        if not valid:
            LOGGER.debug("cache file %s holds data of the wrong shape: rebuilding it", self.folder / name)
            return None
        return data

    def write(self, name: str, key: str, data: Any) -> None:
        """Save `data` (JSON-serialisable) as `name` under `key`, atomically: a reader sees
        the old file or the new one, never half of one. Failing to write is not an error.

        Not `cleaner.io.atomic`: that one sweeps a target's earlier temporaries (one writer
        per output), while several processes may write one cache file at once."""
        if self.folder is None:
            return
        saved = {"format": _FORMAT, "version": _version(), "key": key, "data": data}
        temp = None
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self._is_trusted_folder():
                return
            fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                # dumps, not dump: only dumps uses the C encoder (a tenth of the time)
                file.write(json.dumps(saved, ensure_ascii=False, separators=(",", ":")))
            os.replace(temp, self.folder / name)
            temp = None
        except OSError as exc:
            LOGGER.debug("cannot write cache file %s: %s", self.folder / name, exc)
        finally:
            if temp is not None:
                _remove(temp)


    def _is_trusted_folder(self) -> bool:
        assert self.folder is not None
        try:
            info = os.stat(self.folder)
        except OSError:
            return False
        if not is_trusted(info):
            LOGGER.debug("cache folder %s is not this user's alone: no cache", self.folder)
            return False
        return True


def is_trusted(info: os.stat_result, uid: int | None = None) -> bool:
    """Whether a cache file or folder with this `stat` could only have been written by user `uid`
    (default: this process's user): it is theirs, and neither group nor others may write it.
    Without POSIX owners (Windows) there is nothing to check.

    >>> is_trusted(os.stat_result((0o100600, 0, 0, 1, 1000, 1000, 0, 0, 0, 0)), uid=1000)
    True
    >>> is_trusted(os.stat_result((0o100666, 0, 0, 1, 1000, 1000, 0, 0, 0, 0)), uid=1000)
    False
    """
    if uid is None:
        getuid = getattr(os, "getuid", None)
        if getuid is None:
            return True
        uid = getuid()
    return info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def key_of(parts: Iterable[str | bytes]) -> str:
    """A hash of `parts`, in order (each one delimited, so ("ab", "c") and ("a", "bc") differ)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def source_of(*modules: str) -> list[bytes]:
    """The source files of `modules` (dotted names inside this package), for a key: data
    derived by code is stale once that code changes, whatever the version says."""
    here = Path(__file__).resolve().parent
    return [(here / Path(*name.split(".")[1:])).with_suffix(".py").read_bytes() for name in modules]


@lru_cache(maxsize=1)
def _version() -> str:
    """The installed version (read once: asking the installed metadata takes milliseconds)."""
    from importlib import metadata

    try:
        return metadata.version("article-cleaner")
    except metadata.PackageNotFoundError:  # a checkout that was never installed: the code hashes still tell
        return "unknown"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
