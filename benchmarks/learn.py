"""Learning benchmark: leave-one-out on portal pages, and the cost of `clean --learn` on a corpus.

1. Portal pages (``portals-dev.jsonl.gz``: pages of two news sites, with gold):
   for each page, learn from the other pages of its site, then clean it with
   the built-in rules alone and with the learned rules added, in text mode
   (``fulltext``) and HTML mode (``html``); score both with the project's
   scorer (``benchmarks/scoring.py``) against gold. Printed per site: mean F1
   without and with learning, and the worst page's change. Pages whose gold
   says they hold no article have no gold words to score: they are learned
   from, not scored (counted in the output). Also checked on every held page:
   that no learned rule removes a gold line that is then missing from the
   output, and that every learned rule file passes its own examples.

2. A synthetic corpus: gold articles of the dev sets wrapped in the recurring
   chrome of 20 made-up sites (menus, a date line, share buttons, counters,
   a footer; numbers and dates vary per page), as JSONL. `cleaner clean` runs
   on it twice in fresh processes, without and with ``--learn``; printed:
   seconds and the ratio, and the peak resident memory of the largest
   process (``resource.getrusage``: the parent and the largest worker).

    python benchmarks/learn.py                 # both parts; 10,000 synthetic pages of 20 sites
    python benchmarks/learn.py --part portals  # the leave-one-out part only
    python benchmarks/learn.py --quick         # CI smoke: 2 held pages per site, 200 synthetic pages of 4 sites
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.datasets import DataError, resolve_data_dir  # noqa: E402
from benchmarks.scoring import score_page  # noqa: E402
from cleaner import Cleaner, load_rules  # noqa: E402
from cleaner.learn import Page, learn  # noqa: E402
from cleaner.ruleset.examples import run_examples  # noqa: E402

PORTALS = "portals-dev.jsonl.gz"
NO_ARTICLE = "this page contains no article"
MODES = {"text": "fulltext", "html": "html"}


@dataclass(frozen=True)
class Held:
    """One held-out page's scores without and with the rules learned from its site's other pages."""

    site: str
    mode: str
    url: str
    without: float
    learned: float
    lost_gold_lines: int
    failed_examples: int

    @property
    def change(self) -> float:
        return self.learned - self.without


def portal_rows(data_dir: Path) -> list[dict]:
    path = data_dir / PORTALS
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


def hold_out(rows: Sequence[dict], held: dict, mode: str, builtin, check_examples: bool) -> Held:
    field = MODES[mode]
    others = [Page(r[field], r["url"], mode) for r in rows if r["host"] == held["host"] and r is not held]
    learned = learn(others)
    plain = Cleaner(rules=builtin).clean(held[field], url=held["url"], format=mode)
    result = Cleaner(rules=builtin + learned).clean(held[field], url=held["url"], format=mode)
    gold_lines = {line.strip() for line in held["gold"].split("\n") if line.strip()}
    removed = {result.source_text[e.start:e.end].strip() for e in result.edits if e.rule.startswith("learned/")}
    lost = [line for line in gold_lines & removed if line not in result.text]
    failed = sum(not o.passed for o in run_examples(learned)) if check_examples else 0
    return Held(held["host"], mode, held["url"], score_page(plain.text, held["gold"]).f1,
                score_page(result.text, held["gold"]).f1, len(lost), failed)


def run_portals(data_dir: Path, quick: bool) -> list[Held]:
    rows = portal_rows(data_dir)
    builtin = load_rules(installed=False)
    scored = [r for r in rows if NO_ARTICLE not in r["gold"].casefold()]
    print(f"portal pages: {len(rows)} ({len(rows) - len(scored)} whose gold holds no article: learned from, "
          "not scored)")
    if quick:  # two held pages per site
        scored = [r for site in sorted({r["host"] for r in scored}) for r in [x for x in scored if x["host"] == site][:2]]
    results = []
    for mode in MODES:
        for row in scored:
            results.append(hold_out(rows, row, mode, builtin, check_examples=mode == "text"))
    return results


def print_portals(results: Sequence[Held]) -> None:
    print(f"{'mode':<5} {'site':<20} {'pages':>5} {'F1 without':>10} {'F1 learned':>10} {'worst page':>10}")
    for mode in MODES:
        for site in sorted({h.site for h in results}):
            group = [h for h in results if h.mode == mode and h.site == site]
            if not group:
                continue
            without = sum(h.without for h in group) / len(group)
            learned = sum(h.learned for h in group) / len(group)
            worst = min(h.change for h in group)
            print(f"{mode:<5} {site:<20} {len(group):>5} {without:>10.3f} {learned:>10.3f} {worst:>+10.3f}")
    worse = [h for h in results if h.change < -0.02]
    print(f"pages worse by more than 0.02: {len(worse)} of {len(results)}")
    for h in sorted(worse, key=lambda h: h.change)[:5]:
        print(f"  {h.mode} {h.change:+.3f} {h.url}")
    print(f"gold lines removed by learned rules and missing from the output: "
          f"{sum(h.lost_gold_lines for h in results)}")
    print(f"failed examples of learned rule files: {sum(h.failed_examples for h in results)}")


# --- the synthetic corpus -------------------------------------------------------------------

SECTIONS = ["News", "World", "Business", "Sport", "Culture", "Science", "Travel", "Opinion", "Video", "Weather",
            "Health", "Tech", "Politics", "Style", "Food"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def articles(data_dir: Path) -> list[str]:
    """Gold article texts of the dev sets that have gold."""
    texts = []
    for name in ("scrapinghub-dev.jsonl.gz", PORTALS):
        path = data_dir / name
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                texts += [row["gold"] for row in map(json.loads, fh)
                          if row.get("gold") and NO_ARTICLE not in row["gold"].casefold()]
    return texts


def synthetic_page(site: int, n: int, article: str, rng: random.Random) -> str:
    """One page of site `site`: its own menu and footer around an article; numbers and dates vary."""
    menu = [SECTIONS[(site + k) % len(SECTIONS)] for k in range(6 + site % 5)]
    head = [f"The Site{site} Gazette", *menu,
            f"Updated {rng.randint(1, 28)} {rng.choice(MONTHS)} 2025 at {rng.randint(0, 23)}:{rng.randint(10, 59)}",
            f"Share this story{'' if site % 2 else ' with friends'}", "Facebook", "Twitter", "Email"]
    tail = [f"{rng.randint(1, 999)} comments", f"Most read on Site{site}",
            *[f"Teaser headline number {rng.randint(1, 50)} for today" for _ in range(3)],
            f"{rng.randint(1000, 99999):,} followers", f"© 2025 Site{site} Media. All rights reserved.",
            "Privacy policy", "Contact us"]
    return "\n\n".join(head + [article.strip()] + tail) + "\n"


def build_corpus(path: Path, data_dir: Path, pages: int, sites: int) -> None:
    texts = articles(data_dir)
    if not texts:
        raise DataError(f"no gold articles found in {data_dir}")
    rng = random.Random(0)
    with path.open("w", encoding="utf-8") as out:
        for n in range(pages):
            site = n % sites
            text = synthetic_page(site, n, texts[n % len(texts)], rng)
            out.write(json.dumps({"url": f"https://www.site{site}.example/{n}", "text": text}) + "\n")


_MEASURE = """
import json, resource, sys, time
from cleaner.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - start
peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak_kb / 1024}))
"""


def measure(args: Sequence[str]) -> dict:
    """`cleaner` with `args` in a fresh process: its seconds, exit code and peak memory (largest process)."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, cwd=REPO,
                          check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"cleaner {' '.join(args)} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_corpus(data_dir: Path, pages: int, sites: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="learn-bench-") as work:
        corpus = Path(work) / "pages.jsonl"
        build_corpus(corpus, data_dir, pages, sites)
        common = [str(corpus), "--no-installed-rules", "--quiet", "--jobs", str(jobs)]
        plain = measure(["clean", *common, "-o", str(Path(work) / "plain.jsonl")])
        learned = measure(["clean", *common, "-o", str(Path(work) / "learned.jsonl"), "--learn",
                           "--learn-out", str(Path(work) / "rules")])
        drafted = sorted((Path(work) / "rules").glob("*.yaml"))
    print(f"synthetic corpus: {pages} pages of {sites} sites, --jobs {jobs}")
    print(f"  clean          {plain['seconds']:8.1f} s   peak {plain['peak_mb']:6.0f} MB")
    print(f"  clean --learn  {learned['seconds']:8.1f} s   peak {learned['peak_mb']:6.0f} MB   "
          f"time x{learned['seconds'] / plain['seconds']:.2f} (target <= 1.5), {len(drafted)} rule files drafted")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="benchmark data folder (default: $CLEANER_BENCH_DATA, else "
                        "shared/benchmark next to the checkout)")
    parser.add_argument("--part", choices=("all", "portals", "corpus"), default="all")
    parser.add_argument("--pages", type=int, default=10_000, help="synthetic pages (default: 10000)")
    parser.add_argument("--sites", type=int, default=20, help="synthetic sites (default: 20)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the corpus runs (default: 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 held pages per site, 200 synthetic "
                        "pages of 4 sites")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        data_dir = resolve_data_dir(args.data_dir)
        if args.part in ("all", "portals"):
            started = time.perf_counter()
            print_portals(run_portals(data_dir, args.quick))
            print(f"({time.perf_counter() - started:.0f} s)")
        if args.part in ("all", "corpus"):
            pages, sites = (200, 4) if args.quick else (args.pages, args.sites)
            run_corpus(data_dir, pages, sites, args.jobs)
    except DataError as exc:
        print(f"learn benchmark: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
