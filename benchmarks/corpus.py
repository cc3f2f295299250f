"""Corpus benchmark: throughput of `cleaner clean` on a large JSONL with --jobs 1 and --jobs 2, and its memory.

Builds a JSONL of ``--size-mb`` megabytes (default 200) from the bundled seed
articles and the benchmark pages' plain-text inputs (``fulltext`` and ``traf``
fields of the scrapinghub development set, ``--data``), repeated with
fresh ids until the size is reached. Then, in one run, for each ``--jobs``
value, runs the real CLI as a subprocess::

    cleaner clean corpus.jsonl -o out.jsonl --jobs N --quiet --stats stats.json

and reports docs/s, MB/s (input bytes), the speed-up over the first job
count, and the peak RSS of the whole process tree (the CLI, its workers and
the multiprocessing helper), sampled from /proc every 100 ms; the largest
single process (``getrusage(RUSAGE_CHILDREN)``) is shown beside it (an upper
bound: Linux starts a child's ru_maxrss from its parent's RSS at fork time). The
outputs of all job counts must be byte-identical (checked, by sha256).

On a shared machine the wall-clock speed-up says as much about the neighbours
as about cleaner, so each run also reports the CPU seconds of its process tree
(``RUSAGE_CHILDREN``) and the cores it actually got (CPU seconds / wall
seconds), with the load average before and after. Equal CPU seconds for 1 and
2 jobs mean the pool adds no work; the speed-up then follows the cores given.

Targets (issue 5): speed-up >= 1.7 with 2 jobs on 2 cores; peak RSS of the
tree < 400 MB whatever the input size.

    python benchmarks/corpus.py                 # 200 MB, jobs 1 and 2
    python benchmarks/corpus.py --size-mb 50 --jobs 1,2,4
    python benchmarks/corpus.py --quick         # CI smoke: 2 MB
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "benchmark" / "scrapinghub-dev.jsonl.gz"
SEEDS = REPO / "fixtures" / "seeds"
QUICK_MB = 2
SPEEDUP_TARGET = 1.7
RSS_TARGET_MB = 400
SAMPLE_SECONDS = 0.1
RESCAN_SECONDS = 1.0  # the tree changes only at start-up: find its members once a second, sample them often


@dataclass(frozen=True)
class Measure:
    jobs: int
    documents: int
    seconds: float
    input_mb: float
    cpu_seconds: float
    peak_tree_mb: float
    sha256: str
    load_before: float
    load_after: float

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.input_mb / self.seconds

    @property
    def cores_used(self) -> float:
        return self.cpu_seconds / self.seconds


def texts(data: Path) -> list[tuple[str, str | None, str]]:
    """(text, url, origin) for every plain-text input we have: seeds, then the benchmark pages."""
    found = [(p.read_text(encoding="utf-8"), None, f"seed/{p.name}") for p in sorted(SEEDS.glob("*.raw.txt"))]
    if data.exists():
        with gzip.open(data, "rt", encoding="utf-8") as pages:
            for page in map(json.loads, pages):
                found += [(page[f], page.get("url"), f"{f}/{page['id']}") for f in ("fulltext", "traf") if page.get(f)]
    return found


def build(path: Path, size_mb: float, data: Path) -> int:
    """Write records until the file holds `size_mb` megabytes; return how many."""
    pool, limit, count, written = texts(data), int(size_mb * 1e6), 0, 0
    with path.open("wb") as out:
        while written < limit:
            text, url, origin = pool[count % len(pool)]
            line = json.dumps({"id": f"doc-{count}", "url": url, "origin": origin, "text": text},
                              ensure_ascii=False).encode("utf-8") + b"\n"
            out.write(line)
            written += len(line)
            count += 1
    return count


def add_corpus_options(parser: argparse.ArgumentParser, default_mb: float, quick_mb: float) -> None:
    """The options every corpus benchmark takes: size, smoke mode, pages, work folder."""
    parser.add_argument("--size-mb", type=float, default=default_mb,
                        help=f"size of the generated JSONL (default {default_mb:g})")
    parser.add_argument("--quick", action="store_true", help=f"smoke run on {quick_mb:g} MB")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark pages (JSONL.gz)")
    parser.add_argument("--workdir", type=Path, help="where to put the corpus and outputs (default: a temp dir)")


@contextmanager
def built_corpus(args: argparse.Namespace, quick_mb: float, prefix: str) -> Iterator[tuple[Path, Path, int]]:
    """A temporary work folder holding the generated corpus: (folder, corpus file, records)."""
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix=prefix) as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        yield work, corpus, build(corpus, quick_mb if args.quick else args.size_mb, args.data)


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def rss_kb(pids: list[int]) -> int:
    """Resident memory of these processes (statm: pages), those still alive."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kb
        except (OSError, IndexError, ValueError):
            continue
    return total


def _sha256(path: Path) -> str:
    """Streamed: reading a 200 MB output at once would raise this process's RSS, and a child's
    ru_maxrss starts from its parent's at fork time."""
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(corpus: Path, jobs: int, work: Path) -> Measure:
    out, stats = work / f"out-{jobs}.jsonl", work / f"stats-{jobs}.json"
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(corpus), "-o", str(out), "--jobs", str(jobs),
               "--quiet", "--stats", str(stats)]
    load_before, cpu_before = os.getloadavg()[0], _cpu_children()
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    peak, members, scanned = 0, [proc.pid], 0.0
    while proc.poll() is None:
        if time.perf_counter() - scanned > RESCAN_SECONDS:
            members, scanned = descendants(proc.pid), time.perf_counter()
        peak = max(peak, rss_kb(members))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    cpu = _cpu_children() - cpu_before
    if proc.returncode not in (0, 1):
        raise SystemExit(f"cleaner exited with {proc.returncode} for --jobs {jobs}")
    counts = json.loads(stats.read_text())
    digest = _sha256(out)
    out.unlink()
    return Measure(jobs, counts["documents"], seconds, corpus.stat().st_size / 1e6, cpu, peak / 1024, digest,
                   load_before, os.getloadavg()[0])


def report(measures: list[Measure], cores: int) -> None:
    base = measures[0]
    print(f"{'jobs':>4} {'docs':>8} {'MB':>7} {'seconds':>8} {'docs/s':>7} {'MB/s':>6} {'speed-up':>8} "
          f"{'CPU s':>7} {'cores got':>9} {'peak tree RSS MB':>16} {'load before/after':>17}")
    for m in measures:
        print(f"{m.jobs:>4} {m.documents:>8} {m.input_mb:>7.1f} {m.seconds:>8.1f} {m.docs_per_second:>7.1f} "
              f"{m.mb_per_second:>6.3f} {base.seconds / m.seconds:>7.2f}x {m.cpu_seconds:>7.1f} "
              f"{m.cores_used:>9.2f} {m.peak_tree_mb:>16.0f} {m.load_before:>8.2f}/{m.load_after:<8.2f}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest single process: {largest:.0f} MB; cores available: {cores}")
    if len({m.sha256 for m in measures}) != 1:
        raise SystemExit("outputs differ between job counts")
    print("outputs identical across job counts: yes")
    two = next((m for m in measures if m.jobs == 2), None)
    if two is not None and base.jobs == 1:
        ratio = base.seconds / two.seconds
        print(f"speed-up with 2 jobs: {ratio:.2f}x (target >= {SPEEDUP_TARGET}x: "
              f"{'met' if ratio >= SPEEDUP_TARGET else 'NOT met'})")
    peak = max(m.peak_tree_mb for m in measures)
    print(f"peak tree RSS: {peak:.0f} MB (target < {RSS_TARGET_MB} MB: {'met' if peak < RSS_TARGET_MB else 'NOT met'})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_options(parser, default_mb=200.0, quick_mb=QUICK_MB)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts, the first is the baseline")
    args = parser.parse_args(argv)
    with built_corpus(args, QUICK_MB, "cleaner-corpus-bench-") as (work, corpus, records):
        print(f"corpus: {records} records, {corpus.stat().st_size / 1e6:.1f} MB ({corpus})")
        measures = [measure(corpus, int(jobs), work) for jobs in args.jobs.split(",")]
        report(measures, cores())
    return 0


if __name__ == "__main__":
    sys.exit(main())
