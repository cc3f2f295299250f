"""Fixtures shared by every test folder.

- `cleaner`: one Cleaner with the built-in rules, compiled once per run.
- `rule_packs`: let a test see the rule packs (`cleaner.rules` entry points) it
  puts on sys.path; otherwise no test sees the machine's installed rule files
  (`pytest_configure` below).
- `within`: a hard time bound for tests that guard against hangs.
- `kit`: small generated corpora and a real `cleaner clean` process, for the
  corpus tests (short documents, so a thousand clean in seconds).
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator

import platformdirs
import pytest

from cleaner import Cleaner

# The machine's own `cleaner.rules` entry points, for the tests that make rule packs of their own.
_ENTRY_POINTS = importlib.metadata.entry_points
_HERMETIC = pytest.MonkeyPatch()


def pytest_configure(config: pytest.Config) -> None:
    """Rule files installed on the machine running the tests (rule packs, the user rules
    folder, CLEANER_RULES) never reach them: cleaning in a test, or in a command a test
    starts, sees the built-ins and what the test itself adds. Set before collection,
    since some test modules load rules when they are imported."""
    config_home = tempfile.mkdtemp(prefix="cleaner-tests-config-")
    _HERMETIC.setattr(platformdirs, "user_config_dir", lambda *args, **kwargs: os.path.join(config_home, "cleaner"))
    _HERMETIC.setenv("XDG_CONFIG_HOME", config_home)  # for the commands tests run (platformdirs on Linux)
    _HERMETIC.delenv("CLEANER_RULES", raising=False)
    _HERMETIC.setattr(importlib.metadata, "entry_points", _without_rule_packs)
    config.add_cleanup(lambda: shutil.rmtree(config_home, ignore_errors=True))
    config.add_cleanup(_HERMETIC.undo)


def _without_rule_packs(**selection):
    if selection.get("group") == "cleaner.rules":
        return importlib.metadata.EntryPoints(())
    return _ENTRY_POINTS(**selection)


@pytest.fixture
def rule_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    """This test sees the `cleaner.rules` entry points of the distributions on sys.path
    (the rule packs it puts there itself)."""
    monkeypatch.setattr(importlib.metadata, "entry_points", _ENTRY_POINTS)


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    """One cleaner with the built-in rules, compiled once for the whole run."""
    return Cleaner()


# --- within: a bound against hangs (not a speed target) ------------------------
#
# `within(seconds)` interrupts the block with `Hung` when it runs past the bound,
# so a hang fails its test instead of blocking the suite. `Hung` derives from
# BaseException so no `except Exception` (nor the rules' TimeoutError handling)
# in the code under test can swallow it. Unix only (SIGALRM), main thread only.


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


@pytest.fixture(scope="session", name="within")
def within_fixture():
    return within


# --- kit: generated corpora and real CLI processes ------------------------------

CHROME = ["19.5 C", "Share this article", "Related Articles", "Comments are closed.", "Source link",
          "Photo: Reuters", "LEAVE A REPLY", "0FansLike"]
PROSE = [
    "The council approved the budget on Tuesday after a long debate.",
    "Officials said the road would reopen next week. . Traffic was light.",
    "Prices rose 3% in October, the statistics office said.",
    "Residents were asked to keep their windows closed until the smoke cleared.",
    "The museum will extend its opening hours during the summer holidays.",
]
HTML = "<!DOCTYPE html><html><head><title>T</title></head><body><article><p>{}</p><p>{}</p></article></body></html>"

# Lines of the JSONL that cannot be records, by 1-based line number: what they are.
BROKEN = {7: b"{not json at all\n", 99: b"[1, 2, 3]\n", 250: b'{"id": "no-text", "url": null}\n',
          500: b'"just a string"\n', 777: b'{"id": 777, "text": null}\n', 901: b"\xff\xfe not utf-8\n"}
BROKEN_KINDS = {7: "not-json", 99: "not-object", 250: "missing-field", 500: "not-object", 777: "missing-field",
                901: "not-utf8"}


def document(rng: random.Random, n: int) -> str:
    lines = [rng.choice(CHROME)] + [f"Story {n}: {rng.choice(PROSE)}" for _ in range(rng.randint(2, 5))]
    lines += rng.sample(CHROME, 2)
    return "\n\n".join(lines) + "\n"


def write_jsonl(path: Path, count: int, seed: int = 1, broken: dict[int, bytes] | None = None) -> int:
    """`count` lines: records with id/text/url/meta, except the `broken` line numbers. Returns records written."""
    rng = random.Random(seed)
    broken = broken or {}
    lines = []
    for line_no in range(1, count + 1):
        if line_no in broken:
            lines.append(broken[line_no])
            continue
        record = {"id": f"r{line_no}", "text": document(rng, line_no), "url": f"https://example.org/{line_no}",
                  "meta": {"n": line_no, "tags": ["a", "ü"]}}
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    data = b"".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return count - len(broken)


def write_documents(folder: Path, count: int, seed: int = 2, html_every: int = 0) -> list[Path]:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        sub = folder / f"part{n % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        if html_every and n % html_every == 0:
            path = sub / f"page{n:03d}.html"
            path.write_text(HTML.format(rng.choice(PROSE), rng.choice(PROSE)), encoding="utf-8")
        else:
            path = sub / f"doc{n:03d}.txt"
            path.write_text(document(rng, n), encoding="utf-8")
        made.append(path)
    return made


def cli(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess:
    """Run `cleaner clean` as a real process (stdin closed unless given)."""
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", *map(str, args)], capture_output=True, **kwargs)


def popen(*args: Any) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", *map(str, args)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative path -> bytes), hidden temporaries included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.splitlines()]


def children(pid: int) -> list[int]:
    """Descendant processes of `pid` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The corpus helpers above, as one object the corpus tests ask for."""
    return SimpleNamespace(CHROME=CHROME, PROSE=PROSE, HTML=HTML, BROKEN=BROKEN, BROKEN_KINDS=BROKEN_KINDS,
                           document=document, write_jsonl=write_jsonl, write_documents=write_documents, cli=cli,
                           popen=popen, tree=tree, read_jsonl=read_jsonl, children=children, cmdline=cmdline)
