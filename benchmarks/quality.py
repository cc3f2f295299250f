"""Quality benchmark: how much of the article body does each system keep?

Measures token-level precision, recall and F1 against the gold article body
(metric in ``benchmarks/scoring.py``: NFKC + casefold, ``\\w+`` tokens,
per-page multisets, means over pages, bootstrap std of the mean F1) together
with throughput (docs/s), for ``cleaner`` and for peer systems run in the same
process on the same pages, so the numbers are directly comparable.

Modes (input field of the data set in brackets):

* ``text``   [fulltext] -- clean the naive visible text of a whole page:
  identity, jusText over lines (English stoplist, and a stoplist picked per
  page by stopword overlap), cleaner-text;
* ``polish`` [traf] -- polish trafilatura's default output: identity (that is
  trafilatura's own score), cleaner-polish; also reports the page that
  cleaner-polish hurts most and how many pages lose more than 0.05 F1;
* ``html``   [html] -- extract from raw HTML: trafilatura (default and
  favor_precision), readability-lxml, cleaner-html (text only) and
  cleaner-html+report (text and report); also reports the throughput
  ratio of both cleaner systems to trafilatura.

A system that cannot be imported or constructed is shown as "unavailable";
a page on which an available system raises is scored as empty output and
counted in the ``errors`` column (the first error message is printed).
Each system is built and called once on the first page before it is timed,
so one-off setup cost does not count against its docs/s; then the systems
of a mode run page by page in turn, so load from other processes falls on
all of them alike.

Run from a checkout (data defaults to ``<repo>/../shared/benchmark/``)::

    python benchmarks/quality.py                         # all modes
    python benchmarks/quality.py --mode html --systems trafilatura,cleaner-html
    python benchmarks/quality.py --quick                 # CI smoke: 5 pages
    python benchmarks/quality.py --per-page pages.jsonl --json summary.json
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import MappingProxyType

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.scoring import (  # noqa: E402
    PageScore,
    SystemSummary,
    score_page,
    summarize,
    tokenize,
)

DEFAULT_DATA = REPO.parent / "shared" / "benchmark" / "scrapinghub-dev.jsonl.gz"
MODES = ("text", "polish", "html")
MODE_INPUT = MappingProxyType({"text": "fulltext", "polish": "traf", "html": "html"})
FULL_ROUNDS = 1000
QUICK_ROUNDS = 100
QUICK_PAGES = 5
DROP_THRESHOLD = 0.05
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav "
    "ol p pre section summary table td th tr ul".split()
)


@dataclass(frozen=True)
class Page:
    """One benchmark page with every input variant and its gold body."""

    id: str
    url: str
    html: str
    gold: str
    fulltext: str
    traf: str


Extractor = Callable[[Page], str]


@dataclass(frozen=True)
class SystemSpec:
    """A system under test; ``build`` does imports and construction once,
    untimed, so that a missing dependency is reported, not fatal."""

    name: str
    mode: str
    build: Callable[[], Extractor]


@dataclass(frozen=True)
class RunResult:
    """Outcome of one system in one mode: a summary, or why it did not run."""

    name: str
    mode: str
    summary: SystemSummary | None = None
    scores: tuple[PageScore, ...] = ()
    errors: tuple[str | None, ...] = ()
    unavailable: str | None = None

    @property
    def n_errors(self) -> int:
        """Pages on which the system raised (scored as empty output)."""
        return sum(err is not None for err in self.errors)


# --- systems ---------------------------------------------------------------


def identity(field: str) -> Callable[[], Extractor]:
    """Output the input unchanged: the floor every cleaner must beat."""

    def build() -> Extractor:
        return lambda page: getattr(page, field)

    return build


def lines_to_html(text: str) -> str:
    """Wrap each non-empty line in <p> so that jusText can classify lines."""
    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


def pick_stoplist(text: str, stoplists: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Stoplist of the language whose stopwords occur most often in ``text``.

    With the English list alone jusText keeps nothing on most non-English
    pages of this multilingual set, which makes it an unfairly weak peer.
    """
    tokens = tokenize(text)
    return max(stoplists.values(), key=lambda stop: sum(tok in stop for tok in tokens))


def build_justext_lines(auto_language: bool) -> Callable[[], Extractor]:
    """jusText on plain text: the classic paragraph classifier as a text peer.

    Stoplists are loaded once, untimed; with ``auto_language`` the language
    is guessed per page (timed, it is part of the system).
    """

    def build() -> Extractor:
        import justext

        languages = sorted(justext.get_stoplists()) if auto_language else ["English"]
        stoplists = {lang: justext.get_stoplist(lang) for lang in languages}

        def run(page: Page) -> str:
            stoplist = pick_stoplist(page.fulltext, stoplists)
            paragraphs = justext.justext(lines_to_html(page.fulltext), stoplist)
            return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        return run

    return build


def build_trafilatura(favor_precision: bool) -> Callable[[], Extractor]:
    """trafilatura.extract on raw HTML; None (nothing found) counts as ""."""

    def build() -> Extractor:
        import trafilatura

        def run(page: Page) -> str:
            return trafilatura.extract(page.html, favor_precision=favor_precision) or ""

        return run

    return build


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment into text with a line break around every block.

    Plain ``text_content()`` glues adjacent paragraphs ("end.</p><p>Next"
    becomes "end.Next"), merging tokens and unfairly costing recall.
    """
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def build_readability() -> Extractor:
    """readability-lxml's main-content summary, converted to text.

    ``html_partial=True`` because with the default html/body wrapper
    readability-lxml 0.9 returns an empty body on some pages (cleveland.com
    in the dev set) although it found the article; the fragment form keeps it.
    """
    from readability import Document

    return lambda page: html_to_text(Document(page.html).summary(html_partial=True))


def build_cleaner(field: str, fmt: str, with_report: bool = False) -> Callable[[], Extractor]:
    """The system under test; one Cleaner per system, built before timing.

    ``with_report`` also builds the report dict for every page (for HTML that
    includes the account of what extraction dropped, worked out on demand),
    so its docs/s is what a caller that keeps reports gets.
    """

    def build() -> Extractor:
        from cleaner import Cleaner, load_rules

        cleaner = Cleaner(rules=load_rules(installed=False))  # the built-ins: the same scores on every machine

        def run(page: Page) -> str:
            result = cleaner.clean(getattr(page, field), url=page.url, format=fmt)
            if with_report:
                result.report()
            return result.text

        return run

    return build


SYSTEMS: tuple[SystemSpec, ...] = (
    SystemSpec("identity", "text", identity("fulltext")),
    SystemSpec("justext-lines", "text", build_justext_lines(auto_language=False)),
    SystemSpec("justext-lines-autolang", "text", build_justext_lines(auto_language=True)),
    SystemSpec("cleaner-text", "text", build_cleaner("fulltext", "text")),
    SystemSpec("identity", "polish", identity("traf")),
    SystemSpec("cleaner-polish", "polish", build_cleaner("traf", "text")),
    SystemSpec("trafilatura", "html", build_trafilatura(False)),
    SystemSpec("trafilatura-precision", "html", build_trafilatura(True)),
    SystemSpec("readability", "html", build_readability),
    SystemSpec("cleaner-html", "html", build_cleaner("html", "html")),
    SystemSpec("cleaner-html+report", "html", build_cleaner("html", "html", with_report=True)),
)


# --- running ----------------------------------------------------------------


def load_pages(path: Path, limit: int | None = None) -> list[Page]:
    """Read the gzipped JSON-lines data set, optionally only the first pages."""
    pages: list[Page] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(pages) >= limit:
                break
            if line.strip():
                row = json.loads(line)
                pages.append(Page(**{k: row[k] for k in Page.__dataclass_fields__}))
    return pages


def describe(exc: BaseException) -> str:
    """One-line reason for a failure, kept short enough for a table row."""
    text = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def extract_one(extract: Extractor, page: Page) -> tuple[str, str | None, float]:
    """Run one system on one page, timed with perf_counter.

    A page that raises (or returns a non-string) becomes empty output with
    its error recorded, so one bad page neither aborts the run nor hides.
    """
    start = time.perf_counter()
    try:
        out = extract(page)
        if not isinstance(out, str):
            raise TypeError(f"expected str output, got {type(out).__name__}")
        return out, None, time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - counted and reported, not swallowed
        return "", describe(exc), time.perf_counter() - start


def warm_up(extract: Extractor, pages: Sequence[Page]) -> None:
    """One untimed call on the first page before timing.

    The first trafilatura call costs ~0.25 s of one-off setup (several
    pages' worth), which would skew docs/s and the cleaner / trafilatura
    ratio, most of all in --quick runs. Errors here are ignored because the
    same page is run again, timed, and any error is counted there.
    """
    if pages:
        try:
            extract(pages[0])
        except Exception:  # noqa: BLE001 - counted in the timed pass instead
            pass


def run_mode(specs: Sequence[SystemSpec], pages: Sequence[Page], rounds: int) -> list[RunResult]:
    """Build and warm up every system (untimed), then run them page by page, in turn.

    Interleaving makes load from other processes on a shared machine fall on
    every system alike, so docs/s (and the cleaner / trafilatura ratio)
    compare systems timed in the same moments, not one after another; the
    order rotates from page to page. A failed import or construction means
    unavailable, not a crashed run.
    """
    built: list[tuple[SystemSpec, Extractor]] = []
    unavailable: dict[str, RunResult] = {}
    for spec in specs:
        try:
            built.append((spec, spec.build()))
        except Exception as exc:  # noqa: BLE001 - reported as an "unavailable" row
            unavailable[spec.name] = RunResult(spec.name, spec.mode, unavailable=describe(exc))
    for _, extract in built:
        warm_up(extract, pages)
    runs: dict[str, list[tuple[str, str | None, float]]] = {spec.name: [] for spec, _ in built}
    for index, page in enumerate(pages):
        # Rotate who goes first: a system run right after another on the same
        # page finds shared caches warm (trafilatura memoises per text line).
        shift = index % len(built) if built else 0
        for spec, extract in built[shift:] + built[:shift]:
            runs[spec.name].append(extract_one(extract, page))
    results = dict(unavailable)
    for spec, _ in built:
        outputs, errors, seconds = zip(*runs[spec.name]) if pages else ((), (), ())
        scores = tuple(score_page(out, page.gold) for out, page in zip(outputs, pages))
        summary = summarize(spec.name, spec.mode, scores, sum(seconds), rounds=rounds)
        results[spec.name] = RunResult(spec.name, spec.mode, summary, scores, tuple(errors))
    return [results[spec.name] for spec in specs]


# --- reporting --------------------------------------------------------------

HEADER = f"{'system':<24}{'P':>7}{'R':>7}{'F1 ± std':>16}{'docs/s':>11}{'errors':>8}"


def format_row(result: RunResult) -> str:
    """One table line; unavailable systems say why instead of showing numbers."""
    if result.summary is None:
        return f"{result.name:<24} unavailable: {result.unavailable}"
    s = result.summary
    f1 = f"{s.f1:.3f} ± {s.f1_std:.3f}"
    return f"{s.name:<24}{s.p:>7.3f}{s.r:>7.3f}{f1:>16}{s.docs_per_sec:>11.1f}{result.n_errors:>8}"


def error_notes(results: Sequence[RunResult]) -> list[str]:
    """Make page failures visible: count plus the first message per system."""
    notes = []
    for res in results:
        first = next((err for err in res.errors if err is not None), None)
        if first is not None:
            failed = f"{res.n_errors}/{len(res.errors)} pages failed"
            notes.append(f"  ! {res.name}: {failed}, first: {first}")
    return notes


def polish_notes(results: Sequence[RunResult], pages: Sequence[Page]) -> list[str]:
    """Where does polishing hurt? Worst F1 drop vs the unpolished input."""
    res = next((r for r in results if r.name == "cleaner-polish" and r.summary), None)
    if res is None or not pages:
        return []
    before = [score_page(page.traf, page.gold).f1 for page in pages]
    deltas = [out.f1 - inp for out, inp in zip(res.scores, before)]
    worst = min(range(len(deltas)), key=deltas.__getitem__)
    dropped = sum(d < -DROP_THRESHOLD for d in deltas)
    page = pages[worst]
    return [
        f"  worst page: {page.id} {page.url}",
        f"    input F1 {before[worst]:.3f} -> output F1 {res.scores[worst].f1:.3f}"
        f" (delta {deltas[worst]:+.3f})",
        f"  pages dropping more than {DROP_THRESHOLD}: {dropped}/{len(pages)}",
    ]


def html_notes(results: Sequence[RunResult]) -> list[str]:
    """Throughput of the cleaner HTML systems relative to trafilatura, run side by side."""
    by_name = {r.name: r for r in results if r.summary is not None}
    peer = by_name.get("trafilatura")
    if peer is None or peer.summary is None or peer.summary.docs_per_sec <= 0:
        return []
    notes = []
    for name in ("cleaner-html", "cleaner-html+report"):
        mine = by_name.get(name)
        if mine is None or mine.summary is None:
            continue
        ratio = mine.summary.docs_per_sec / peer.summary.docs_per_sec
        caveat = f" (meaningless: {mine.n_errors} {name} pages failed)" if mine.n_errors else ""
        notes.append(f"  throughput {name} / trafilatura: {ratio:.2f}x{caveat}")
    return notes


def print_mode(mode: str, results: Sequence[RunResult], pages: Sequence[Page]) -> None:
    """Print one mode's table followed by its mode-specific notes."""
    print(f"\n== {mode} mode: input `{MODE_INPUT[mode]}`, {len(pages)} pages ==")
    print(HEADER)
    for res in results:
        print(format_row(res))
    notes = error_notes(results)
    if mode == "polish":
        notes += polish_notes(results, pages)
    if mode == "html":
        notes += html_notes(results)
    for note in notes:
        print(note)


def write_per_page(path: Path, results: Sequence[RunResult], pages: Sequence[Page]) -> None:
    """Per-page scores as JSON lines, for diffing runs and finding regressions."""
    with open(path, "w", encoding="utf-8") as fh:
        for res in results:
            for page, score, err in zip(pages, res.scores, res.errors):
                row = {"id": page.id, "url": page.url, "mode": res.mode, "system": res.name,
                       "p": score.p, "r": score.r, "f1": score.f1, "error": err}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_summary(path: Path, results: Sequence[RunResult]) -> None:
    """Summary rows as a JSON list, for CI to track numbers over time."""
    rows = []
    for res in results:
        if res.summary is None:
            rows.append({"name": res.name, "mode": res.mode, "unavailable": res.unavailable})
        else:
            rows.append({**asdict(res.summary), "errors": res.n_errors, "unavailable": None})
    Path(path).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


# --- command line -----------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options; see the module docstring for examples."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark .jsonl.gz")
    ap.add_argument("--mode", choices=(*MODES, "all"), default="all")
    ap.add_argument("--systems", help="comma-separated subset of system names")
    ap.add_argument("--quick", action="store_true",
                    help=f"smoke test: first {QUICK_PAGES} pages, {QUICK_ROUNDS} bootstrap rounds")
    ap.add_argument("--per-page", type=Path, help="write per-page scores as JSONL")
    ap.add_argument("--json", type=Path, help="write summary rows as JSON")
    return ap.parse_args(argv)


def select_systems(mode: str, systems: str | None) -> list[SystemSpec]:
    """Systems to run, in table order; unknown names are an error, not a no-op."""
    modes = MODES if mode == "all" else (mode,)
    chosen = [s for s in SYSTEMS if s.mode in modes]
    if systems is None:
        return chosen
    wanted = {name.strip() for name in systems.split(",") if name.strip()}
    unknown = wanted - {s.name for s in SYSTEMS}
    if unknown:
        known = ", ".join(dict.fromkeys(s.name for s in SYSTEMS))
        raise SystemExit(f"unknown system(s): {', '.join(sorted(unknown))}; known: {known}")
    return [s for s in chosen if s.name in wanted]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected systems mode by mode and print one table per mode."""
    args = parse_args(argv)
    specs = select_systems(args.mode, args.systems)
    pages = load_pages(args.data, QUICK_PAGES if args.quick else None)
    rounds = QUICK_ROUNDS if args.quick else FULL_ROUNDS
    print(f"data: {args.data} ({len(pages)} pages{', quick' if args.quick else ''})")
    results: list[RunResult] = []
    for mode in MODES:
        mode_specs = [s for s in specs if s.mode == mode]
        if not mode_specs:
            continue
        mode_results = run_mode(mode_specs, pages, rounds)
        print_mode(mode, mode_results, pages)
        results += mode_results
    if args.per_page:
        write_per_page(args.per_page, results, pages)
    if args.json:
        write_summary(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
