"""Fixtures shared by every test folder.

- `cleaner`: one Cleaner with the built-in rules, compiled once per run.
- `rule_packs`: let a test see the rule packs (`cleaner.rules` entry points) it
  puts on sys.path; otherwise no test sees the machine's installed rule files
  (`pytest_configure` below).
- `within`: a hard time bound for tests that guard against hangs.
- `kit`: small generated corpora and a real `cleaner clean` process, for the
  corpus tests (short documents, so a thousand clean in seconds).
- `warc_archive`: a small `.warc.gz` written with FastWARC's own writer, one
  record of every kind the WARC reader tells apart (`ARCHIVE` below).

Property tests draw the same examples on every run (hypothesis' `derandomize`),
so a run's verdict depends on the code alone; `HYPOTHESIS_PROFILE=explore`
draws new ones, for looking for counterexamples.
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
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

from cleaner import Cleaner

# The machine's own `cleaner.rules` entry points, for the tests that make rule packs of their own.
_ENTRY_POINTS = importlib.metadata.entry_points
_HERMETIC = pytest.MonkeyPatch()


def pytest_configure(config: pytest.Config) -> None:
    """Rule files installed on the machine running the tests (rule packs, the user rules
    folder, CLEANER_RULES) never reach them: cleaning in a test, or in a command a test
    starts, sees the built-ins and what the test itself adds. Set before collection,
    since some test modules load rules when they are imported.

    The cache of derived data (`cleaner.cache`) is a fresh folder of the run's own,
    the same way: what the tests see never depends on what earlier runs left."""
    config_home = tempfile.mkdtemp(prefix="cleaner-tests-config-")
    cache_home = tempfile.mkdtemp(prefix="cleaner-tests-cache-")
    _HERMETIC.setattr(platformdirs, "user_config_dir", lambda *args, **kwargs: os.path.join(config_home, "cleaner"))
    _HERMETIC.setattr(platformdirs, "user_cache_dir", lambda *args, **kwargs: os.path.join(cache_home, "cleaner"))
    _HERMETIC.setenv("XDG_CONFIG_HOME", config_home)  # for the commands tests run (platformdirs on Linux)
    _HERMETIC.setenv("XDG_CACHE_HOME", cache_home)
    _HERMETIC.delenv("CLEANER_RULES", raising=False)
    _HERMETIC.delenv("CLEANER_CACHE", raising=False)
    _HERMETIC.setattr(importlib.metadata, "entry_points", _without_rule_packs)
    config.add_cleanup(lambda: shutil.rmtree(config_home, ignore_errors=True))
    config.add_cleanup(lambda: shutil.rmtree(cache_home, ignore_errors=True))
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


# --------------------------------------------------------------------------- WARC

_ARTICLE = ("<html><head>{meta}<title>Budget</title></head><body><article><h1>Council approves budget</h1>"
            "<p>The council approved the budget on Tuesday after a long debate about the caf\u00e9 on Main "
            "Street and its na\u00efve plan for the square.</p><p>Members said the new library would open "
            "next spring, and that the bus routes would not change before the autumn.</p></article>"
            "<footer>Share this article</footer></body></html>")


def _http(status: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


# (name, WARC-Type, WARC-Target-URI, block): every kind of record a crawl holds. `cut` is
# the last record, whose gzip member the file ends halfway through.
ARCHIVE = (
    ("info", "warcinfo", None, b"software: test\r\nformat: WARC File Format 1.1\r\n"),
    ("request", "request", "https://news.example.com/budget", b"GET /budget HTTP/1.1\r\nHost: news.example.com\r\n\r\n"),
    ("page", "response", "https://news.example.com/budget",
     _http("200 OK", {"Content-Type": "text/html; charset=utf-8"}, _ARTICLE.format(meta="").encode("utf-8"))),
    # The header says UTF-8, the bytes are cp1252 (an old page behind a server that labels everything UTF-8).
    ("wrong-header", "response", "https://news.example.com/old",
     _http("200 OK", {"Content-Type": "text/html; charset=utf-8"}, _ARTICLE.format(meta="").encode("cp1252"))),
    # The header and the page disagree; the bytes are what the header says.
    ("header-over-meta", "response", "https://news.example.com/meta",
     _http("200 OK", {"Content-Type": "text/html; charset=ISO-8859-1"},
           _ARTICLE.format(meta='<meta charset="utf-8">').encode("cp1252"))),
    ("pdf", "response", "https://news.example.com/report.pdf",
     _http("200 OK", {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")),
    ("redirect", "response", "https://news.example.com/moved",
     _http("301 Moved Permanently", {"Location": "https://news.example.com/budget"})),
    ("metadata", "metadata", "https://news.example.com/budget", b"via: https://news.example.com/\r\n"),
    ("cut", "response", "https://news.example.com/cut",
     _http("200 OK", {"Content-Type": "text/html"}, _ARTICLE.format(meta="").encode("utf-8"))),
)


def record_id(name: str) -> str:
    return f"<urn:test:{name}>"


def write_warc(path: Path, entries: Any = ARCHIVE, *, cut_last: bool = True) -> dict[str, int]:
    """Write `entries` (one gzip member each, as crawlers do); return each record's offset.
    With `cut_last`, the file ends halfway through the last member."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    offsets: dict[str, int] = {}
    with path.open("wb") as raw:
        for name, kind, url, block in entries:
            record = WarcRecord()
            record.init_headers(getattr(WarcRecordType, kind))
            record.record_id = record_id(name)
            if url is not None:
                record.headers["WARC-Target-URI"] = url
            if kind in ("request", "response"):
                record.headers["Content-Type"] = f"application/http; msgtype={kind}"
            record.set_bytes_content(block)
            offsets[name] = raw.tell()
            writer = GzipWriter(raw)
            record.write(writer)
            writer.close()
        end = raw.tell()
    if cut_last:
        last = offsets[entries[-1][0]]
        with path.open("r+b") as raw:
            raw.truncate(last + (end - last) // 2)
    return offsets


def page_body(name: str) -> bytes:
    """The HTML payload of the response called `name`."""
    block = next(block for n, _, _, block in ARCHIVE if n == name)
    return block.split(b"\r\n\r\n", 1)[1]


def _url(name: str) -> str | None:
    return next(url for n, _, url, _ in ARCHIVE if n == name)


@pytest.fixture
def warc_archive(tmp_path: Path) -> SimpleNamespace:
    """`path` (ARCHIVE, its last member cut), `offsets` by name; `id`, `url`, `body` of a record by
    name; `write(path, entries, cut_last=...)` for other archives."""
    path = tmp_path / "crawl.warc.gz"
    return SimpleNamespace(path=path, offsets=write_warc(path), id=record_id, url=_url, body=page_body,
                           write=write_warc, entries=ARCHIVE)
