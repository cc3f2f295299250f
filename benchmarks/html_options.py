"""Which trafilatura options should cleaner's HTML mode use? Measure them.

For each candidate `TrafilaturaOptions`, runs the whole cleaner HTML
pipeline on the benchmark pages and prints precision / recall / F1 (the
metric of ``benchmarks/scoring.py``) and its speed relative to
``trafilatura.extract`` with default options. The two are timed page by
page, alternately, over ``--rounds`` passes through the pages, so that load
from other processes on a shared machine hits both alike; the ratio is
steadier than two docs/s figures measured one after the other. (Repeating
a page back to back and keeping its fastest run would flatter trafilatura:
its per-line caches would be warm in a way they never are on a stream of
different pages.)

    python benchmarks/html_options.py            # all candidates, all pages
    python benchmarks/html_options.py --quick    # CI smoke: 5 pages, 2 candidates
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.datasets import Page, load_set  # noqa: E402
from benchmarks.scoring import mean, score_page  # noqa: E402

QUICK_PAGES = 5

CANDIDATES: dict[str, dict[str, bool]] = {
    "default (chosen)": {"fast": False},
    "fast": {"fast": True},
    "fast + favor_recall": {"fast": True, "favor_recall": True},
    "fast + favor_precision": {"fast": True, "favor_precision": True},
    "favor_precision": {"fast": False, "favor_precision": True},
    "fast, comments on": {"fast": True, "include_comments": True},
    "fast, tables off": {"fast": True, "include_tables": False},
}


def measure(options: dict[str, bool], pages: Sequence[Page], rounds: int) -> tuple[float, float, float, float]:
    """Mean P, R, F1 of cleaner with `options`, and its speed / trafilatura-default speed."""
    import trafilatura

    from cleaner import Cleaner, Settings
    from cleaner.config import HtmlSettings, TrafilaturaOptions

    cleaner = Cleaner(settings=Settings(html=HtmlSettings(trafilatura=TrafilaturaOptions(**options))))
    cleaner.clean(pages[0].html, format="html")  # one-off setup, untimed
    trafilatura.extract(pages[0].html)
    peer_seconds = mine_seconds = 0.0
    scores = []
    for round_ in range(rounds):
        for page in pages:
            start = time.perf_counter()
            trafilatura.extract(page.html)
            middle = time.perf_counter()
            text = cleaner.clean(page.html, url=page.url, format="html").text
            mine_seconds += time.perf_counter() - middle
            peer_seconds += middle - start
            if round_ == 0:
                scores.append(score_page(text, page.gold or ""))
    speed = peer_seconds / mine_seconds if mine_seconds else float("inf")
    return mean([s.p for s in scores]), mean([s.r for s in scores]), mean([s.f1 for s in scores]), speed


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, help="benchmark data folder (see benchmarks/datasets.py)")
    ap.add_argument("--quick", action="store_true", help=f"smoke test: {QUICK_PAGES} pages, 2 candidates, 1 round")
    ap.add_argument("--rounds", type=int, default=2, help="passes through the pages (timing only)")
    args = ap.parse_args(argv)
    data = load_set("scrapinghub", args.data_dir, QUICK_PAGES if args.quick else None)
    pages = data.pages
    names = list(CANDIDATES)[:2] if args.quick else list(CANDIDATES)
    print(f"data: {data.path} ({len(pages)} pages)")
    print("| trafilatura options | P | R | F1 | speed vs trafilatura default |")
    print("| --- | --- | --- | --- | --- |")
    for name in names:
        p, r, f1, speed = measure(CANDIDATES[name], pages, 1 if args.quick else args.rounds)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {speed:.2f}x |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
