"""Throughput benchmark: MB/s and docs/s of ``cleaner`` against what users would run instead.

Everything runs in ONE process on the same in-memory corpus, so the numbers
are directly comparable:

* ``cleaner-text`` -- ``Cleaner().clean(doc, format="text")``, the default
  configuration with the built-in rules;
* ``rules-only`` -- the same without the heuristics stage
  (``Settings(heuristics=None)``, the CLI's ``--no-heuristics``): what the
  heuristics cost, shown without a target;
* ``no word repairs`` -- ``cleaner-text`` with its word-repair stage taken out
  (``cleaner.stages.words``: broken hyphenation, glued and damaged words, which
  tell the document's language and read its word list): what those repairs
  cost, as the share of text throughput they take;
* ``ftfy+regex`` -- the hand-rolled chain a corpus builder would write instead:
  ``ftfy.fix_text`` on the document, then, line by line, every built-in
  generic ``drop-line`` pattern (``search`` on the stripped line) and every
  generic ``replace`` rule (``sub``) -- the same compiled patterns the rule
  files hold, with no timeouts and no report;
* ``regex-floor`` -- one pass of a single compiled ``regex`` alternation of
  all built-in line patterns over each document: ``^(?:p1|p2|...)`` in
  MULTILINE mode, so the alternatives are tried once per line (an unanchored
  pattern ``p`` becomes ``.*?p``), ``finditer`` to the end -- the cost of
  merely scanning the text once, no cleaning;
* ``text, cold`` -- ``cleaner-text`` once over one copy of the corpus with a
  new ``Cleaner`` and an empty word cache: the rows above are best-of-repeats
  over repeated copies, which warm every cache; this one is not flattered;
* ``clean()`` -- the module function ``cleaner.clean(doc, format="text")``
  called in a loop, against the reused ``Cleaner`` of ``cleaner-text``: the
  function keeps its default cleaner, so a loop of calls should cost no more;
* ``trafilatura`` vs ``cleaner-html`` -- ``trafilatura.extract`` (default
  options: ``fast=False``, the options HTML extraction uses too) and
  ``Cleaner().clean(html, format="html")`` on the raw dev pages.
  A system that cannot be built or fails on the first page is "unavailable".

Two rows run the command line in a subprocess, as a user would:

* start-up: ``cleaner clean`` on a one-line text file, against ``python -c
  pass``, the median of ``--runs`` interleaved runs: once with an empty cache
  folder each time (the first run after installing) and once with the cache
  the earlier runs left (every later run);
* HTML corpus with reports: ``cleaner clean pages.jsonl.gz --report ... --jobs 1``
  (one process, as the loop it is compared with) on the dev pages (the
  ``html`` field) repeated ``--copies`` times, start-up included, against a
  plain ``trafilatura.extract`` loop over the same pages in this process,
  timed alternately, best of ``--repeats``.

The text corpus is the seed articles plus the ``fulltext`` and ``traf`` texts
of the dev pages, repeated ``--copies`` times (several MB). Each system is
warmed up on the first document, then the systems are timed over the whole
corpus with ``time.perf_counter``, round-robin (so load drift on a shared
machine hits all of them alike); the best of ``--repeats`` runs counts.

Length scaling: one dev page's ``fulltext`` repeated 1x, 10x and 100x in
length, each cleaned as one document, timed in CPU seconds (the growth with
length is the question, not the neighbours' load); cleaning must stay linear.

Ratios printed at the end, with the targets: rules only (no heuristics) /
chain >= 10, text / chain >= 2, text / floor >= 0.25, text / no word repairs
>= 0.9 (the word repairs take at most a tenth), html / trafilatura >= 1,
the 100x document taking at most
120x the time of the 1x document, and a one-line document through the
command line costing at most 0.5 s more than ``python -c pass``.

    python benchmarks/throughput.py            # full run (several minutes)
    python benchmarks/throughput.py --quick    # CI smoke: small corpus, one repeat
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_DATA = REPO.parent / "shared" / "benchmark" / "scrapinghub-dev.jsonl.gz"
SEEDS = REPO / "fixtures" / "seeds"
SCALES = (1, 10, 100)
TARGETS = {"rules-only / chain": 10.0, "text / chain": 2.0, "text / floor": 0.25, "text / no word repairs": 0.9,
           "html / trafilatura": 1.0}
SCALING_LIMIT = 120.0  # the 100x document may take at most this many times the 1x one
START_UP_LIMIT = 0.5  # seconds a one-line document through the CLI may cost over `python -c pass`

Run = Callable[[str], object]


@dataclass(frozen=True)
class Corpus:
    texts: tuple[str, ...]
    pages: tuple[str, ...]  # raw HTML of the dev pages
    scaling_doc: str

    @property
    def text_mb(self) -> float:
        return _mb(self.texts)


@dataclass(frozen=True)
class Timing:
    """One system's best run over a corpus, or why it did not run."""

    name: str
    seconds: float = 0.0
    docs: int = 0
    mb: float = 0.0
    unavailable: str | None = None

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


def _mb(docs: Sequence[str]) -> float:
    return sum(len(d.encode("utf-8", "surrogatepass")) for d in docs) / 1e6


# --- corpus -------------------------------------------------------------------


def load_corpus(data: Path, copies: int, limit: int | None) -> Corpus:
    """Seeds + dev ``fulltext`` and ``traf`` texts (x copies); dev HTML pages; a scaling doc."""
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][:limit]
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.raw.txt"))]
    texts = seeds + [r["fulltext"] for r in rows] + [r["traf"] for r in rows]
    by_size = sorted((r["fulltext"] for r in rows), key=len)
    return Corpus(tuple(texts * copies), tuple(r["html"] for r in rows), by_size[len(by_size) // 2])


# --- systems ------------------------------------------------------------------


def build_cleaner(fmt: str, heuristics: bool = True) -> Run:
    from cleaner import Cleaner, Settings, load_rules

    rules = load_rules(installed=False)  # the built-ins: the same work on every machine
    cleaner = Cleaner(rules=rules) if heuristics else Cleaner(rules=rules, settings=Settings(heuristics=None))
    return lambda doc: cleaner.clean(doc, format=fmt).text


def build_without_word_repairs() -> Run:
    """The default text cleaner with its word-repair stage taken out."""
    from dataclasses import replace

    from cleaner import Cleaner, load_rules

    cleaner = Cleaner(rules=load_rules(installed=False))
    stages = cleaner._stages  # the stage order is internal: no setting turns one stage off
    cleaner.__dict__["_stages"] = replace(stages, finishing=tuple(s for s in stages.finishing if s.name != "words"))
    return lambda doc: cleaner.clean(doc, format="text").text


def _generic_rules():
    from cleaner import load_rules

    return [r for f in load_rules(installed=False).files if "/generic/" in f.path.replace("\\", "/") for r in f.rules]


def build_chain() -> Run:
    """ftfy on the whole document, then a per-line loop of the generic rules' patterns."""
    import ftfy

    rules = _generic_rules()
    drops = [r.regex for r in rules if r.action == "drop-line"]
    replaces = [(r.regex, r.replacement) for r in rules if r.action == "replace"]

    def run(doc: str) -> str:
        out = []
        for line in ftfy.fix_text(doc).split("\n"):
            stripped = line.strip()
            if stripped and any(p.search(stripped) for p in drops):
                continue
            for pattern, replacement in replaces:
                line = pattern.sub(replacement, line)
            out.append(line)
        return "\n".join(out)

    return run


def build_floor() -> Run:
    """One compiled alternation of all built-in line patterns, scanned once per document."""
    import regex

    from cleaner import load_rules

    alternatives = [_scoped(r.regex.pattern) for r in load_rules(installed=False).rules if r.is_line_rule]
    # Rules may reuse a group name (in DEFINE blocks); one pattern cannot, so only
    # the first alternative that defines a name keeps it.
    combined = _first_definitions(alternatives)
    # Anchoring the alternation at line starts is what makes one scan cheap:
    # unanchored, every alternative is tried at every character (~5x slower).
    pattern = regex.compile("^(?:" + "|".join(combined) + ")", regex.MULTILINE)
    return lambda doc: sum(1 for _ in pattern.finditer(doc))


def _scoped(source: str) -> str:
    """One alternative: leading global flags "(?ix)..." become a scoped group
    "(?ix:...)"; a pattern not anchored at the line start gets a lazy ".*?" prefix."""
    import regex

    match = regex.match(r"\(\?([a-zA-Z]+)\)", source)
    flags, body = (match.group(1), source[match.end():]) if match else ("", source)
    close = "\n)" if "x" in flags else ")"  # a verbose pattern may end in a # comment
    body = body if body.lstrip().startswith("^") else f".*?(?:{body}{close}"
    return f"(?{flags}:{body}{close}"


def _first_definitions(alternatives: list[str]) -> list[str]:
    import regex

    kept: list[str] = []
    for alternative in alternatives:
        try:
            regex.compile("|".join(kept + [alternative]))
        except regex.error:
            continue
        kept.append(alternative)
    return kept


def build_trafilatura() -> Run:
    import trafilatura

    return lambda page: trafilatura.extract(page) or ""


def build_clean_function() -> Run:
    """`cleaner.clean` called per document, as a script would (it keeps one default cleaner)."""
    import cleaner

    return lambda doc: cleaner.clean(doc, format="text").text


# --- timing -------------------------------------------------------------------


def time_systems(systems: Sequence[tuple[str, Callable[[], Run]]], docs: Sequence[str],
                 repeats: int) -> list[Timing]:
    """Build and warm up each system untimed (`_warm_up`); then time them round-robin, best of `repeats`.

    Round-robin rather than one system after the other: on a shared machine the
    load drifts, and interleaving exposes every system to the same drift.
    """
    built: list[tuple[str, Run | None, str | None]] = []
    for name, build in systems:
        try:
            run = build()
            _warm_up(run, docs)
            built.append((name, run, None))
        except Exception as exc:  # noqa: BLE001 - reported as an "unavailable" row
            built.append((name, None, f"{type(exc).__name__}: {exc}".splitlines()[0][:160]))
    best = {name: float("inf") for name, run, _ in built if run is not None}
    for _ in range(repeats):
        for name, run, _ in built:
            if run is not None:
                best[name] = min(best[name], _timed(run, docs))
    mb = _mb(docs)
    return [Timing(name, unavailable=why) if run is None else Timing(name, best[name], len(docs), mb)
            for name, run, why in built]


def _warm_up(run: Run, docs: Sequence[str]) -> None:
    """Run the first documents, enough characters for a `Cleaner` to build its fast paths of
    rule matching (`cleaner.ruleset.match.WARM_AFTER`): the best-of-repeats rows are steady state."""
    from cleaner.ruleset.match import WARM_AFTER

    chars = 0
    for doc in itertools.cycle(docs):  # (a --quick corpus is shorter than that)
        run(doc)
        chars += len(doc)
        if chars > WARM_AFTER:
            return


def _timed(run: Run, docs: Sequence[str], clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    for doc in docs:
        run(doc)
    return clock() - start


def cold_pass(docs: Sequence[str]) -> Timing:
    """`cleaner-text` once over `docs` (one copy of the corpus) with nothing warm but
    the stoplists: a new `Cleaner` (which matches its first lines the plain way, then
    builds its fast paths, whose RE2 set builds its DFA states as it goes) and an
    empty word cache (`features._part`).

    The best-of-repeats rows are steady-state numbers, and the corpus's copies
    repeat every document, so after the first copy every word is a cache hit:
    this row is the number those repeats cannot flatter.
    """
    from cleaner.heuristics.features import _part

    run = build_cleaner("text")
    run(docs[0])  # loads the stoplists: once per process, whatever the corpus
    _part.cache_clear()
    return Timing("text, cold", _timed(run, docs), len(docs), _mb(docs))


def scaling(doc: str, repeats: int) -> list[tuple[int, float]]:
    """CPU seconds to clean `doc` repeated 1x, 10x, 100x as one document: the best of
    `repeats` rounds, each round timing every length once (the 1x one, which takes
    milliseconds and which one interruption doubles, ten times).

    CPU time, not the clock: the question is how the work grows with length,
    and on a shared machine the clock also counts time spent waiting for a
    core (smoke runs beside other jobs once put the 100x document at 137x on
    the clock). Rounds, so that a slow spell of the machine hits every length
    alike; best, not median, for the same reason.
    """
    run = build_cleaner("text")
    run(doc)
    docs = {factor: "\n".join([doc] * factor) for factor in SCALES}
    best = {factor: float("inf") for factor in SCALES}
    for _ in range(repeats):
        for factor, big in docs.items():
            for _ in range(10 if factor == 1 else 1):
                best[factor] = min(best[factor], _timed(run, [big], clock=time.process_time))
    return list(best.items())


# --- the command line, in subprocesses ---------------------------------------


def _environment(cache: Path, config: Path) -> dict[str, str]:
    """This checkout's code, the given cache folder, and no rule files but the built-ins."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLEANER_RULES", "CLEANER_CACHE")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env["CLEANER_CACHE"] = str(cache)
    env["XDG_CONFIG_HOME"] = str(config)  # no user rules folder (platformdirs on Linux)
    return env


def _wall(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def start_up(runs: int) -> dict[str, float]:
    """Median wall-clock seconds of `python -c pass` and of `cleaner clean` on a one-line file,
    with an empty cache folder ("first run") and with the cache earlier runs left ("cached"),
    the three run in turn `runs` times so that load drift hits them alike."""
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        root = Path(tmp)
        doc = root / "one-line.txt"
        doc.write_text("The council approved the budget on Tuesday after a long debate.\n", encoding="utf-8")
        clean = [sys.executable, "-m", "cleaner.cli", "clean", str(doc)]
        cached = _environment(root / "cache", root / "config")
        _wall(clean, cached)  # fills the cache
        times: dict[str, list[float]] = {"python -c pass": [], "first run": [], "cached": []}
        for n in range(runs):
            times["python -c pass"].append(_wall([sys.executable, "-c", "pass"]))
            times["first run"].append(_wall(clean, _environment(root / f"empty-{n}", root / "config")))
            times["cached"].append(_wall(clean, cached))
    return {name: statistics.median(values) for name, values in times.items()}


def cli_html_corpus(pages: Sequence[str], repeats: int) -> tuple[Timing, Timing]:
    """`cleaner clean` with --report on the pages as JSONL.gz (one process: --jobs 1, start-up
    included), and a `trafilatura.extract` loop over the same pages here; alternately, best of `repeats`."""
    try:
        traf = build_trafilatura()
    except ImportError as exc:
        return Timing("cli html+report", unavailable=str(exc)), Timing("trafilatura", unavailable=str(exc))
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        root = Path(tmp)
        source = root / "pages.jsonl.gz"
        lines = (json.dumps({"id": str(i), "html": page}, ensure_ascii=False) for i, page in enumerate(pages))
        source.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
        command = [sys.executable, "-m", "cleaner.cli", "clean", str(source), "-o", str(root / "out.jsonl.gz"),
                   "--report", str(root / "reports.jsonl"), "--html-field", "html", "--quiet", "--jobs", "1"]
        env = _environment(root / "cache", root / "config")
        _wall(command, env)  # fills the cache: the first run after installing is the start-up row's business
        best_cli = best_traf = float("inf")
        for _ in range(repeats):
            best_cli = min(best_cli, _wall(command, env))
            best_traf = min(best_traf, _timed(traf, pages))
    mb = _mb(pages)
    return Timing("cli html+report", best_cli, len(pages), mb), Timing("trafilatura", best_traf, len(pages), mb)


# --- reporting ----------------------------------------------------------------


def print_table(title: str, rows: Sequence[Timing]) -> None:
    print(f"\n== {title}")
    print(f"{'system':<16}{'MB/s':>10}{'docs/s':>10}{'seconds':>10}{'docs':>7}{'MB':>8}")
    for t in rows:
        if t.unavailable:
            print(f"{t.name:<16} unavailable: {t.unavailable}")
        else:
            print(f"{t.name:<16}{t.mb_per_s:>10.2f}{t.docs_per_s:>10.1f}{t.seconds:>10.3f}{t.docs:>7}{t.mb:>8.2f}")


def ratio_lines(text: Timing, chain: Timing, floor: Timing, html: Timing, traf: Timing,
                scale: list[tuple[int, float]], rules_only: Timing | None = None,
                no_words: Timing | None = None) -> list[str]:
    ratios = {
        "rules-only / chain": None if rules_only is None else _ratio(rules_only, chain),
        "text / chain": _ratio(text, chain),
        "text / floor": _ratio(text, floor),
        "text / no word repairs": None if no_words is None else _ratio(text, no_words),
        "html / trafilatura": _ratio(html, traf, by_docs=True),
    }
    lines = []
    for name, value in ratios.items():
        shown = "unavailable" if value is None else f"{value:.2f}x"
        verdict = "" if value is None else ("ok" if value >= TARGETS[name] else "BELOW TARGET")
        lines.append(f"{name:<22}{shown:>12}   target >= {TARGETS[name]:g}  {verdict}")
    base = scale[0][1]
    for factor, seconds in scale:
        lines.append(f"scaling {factor:>3}x length   {seconds * 1000:>9.1f} ms CPU   {seconds / base:>7.1f}x the 1x time")
    growth = scale[-1][1] / base
    verdict = "ok" if growth <= SCALING_LIMIT else "ABOVE LIMIT"
    lines.append(f"scaling 100x / 1x      {growth:>11.1f}x   limit <= {SCALING_LIMIT:g}  {verdict}")
    return lines


def start_up_lines(medians: dict[str, float], runs: int) -> list[str]:
    base = medians["python -c pass"]
    lines = [f"{'python -c pass':<22}{base:>11.3f}s   (median of {runs})"]
    for name in ("first run", "cached"):
        extra = medians[name] - base
        if name == "cached":
            verdict = f"limit +{START_UP_LIMIT:g}s  " + ("ok" if extra <= START_UP_LIMIT else "ABOVE LIMIT")
        else:
            verdict = "(no limit: it fills the cache)"
        lines.append(f"{'start-up, ' + name:<22}{medians[name]:>11.3f}s   +{extra:.3f}s over python "
                     f"({medians[name] / base:.0f}x)   {verdict}")
    return lines


def _ratio(a: Timing, b: Timing, by_docs: bool = False) -> float | None:
    if a.unavailable or b.unavailable or not a.seconds or not b.seconds:
        return None
    return a.docs_per_s / b.docs_per_s if by_docs else a.mb_per_s / b.mb_per_s


# --- command line -------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark .jsonl.gz")
    ap.add_argument("--copies", type=int, default=4, help="times the text corpus is repeated")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per system (best counts)")
    ap.add_argument("--runs", type=int, default=7, help="runs of each start-up command (median counts)")
    ap.add_argument("--quick", action="store_true", help="CI smoke: 6 pages, 1 copy, 1 repeat, 3 start-up runs")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    copies, repeats, limit, runs = (1, 1, 6, 3) if args.quick else (args.copies, args.repeats, None, args.runs)
    corpus = load_corpus(args.data, copies, limit)
    print(f"text corpus: {len(corpus.texts)} docs, {corpus.text_mb:.2f} MB "
          f"(seeds + dev fulltext + traf, x{copies}); html: {len(corpus.pages)} pages, "
          f"{_mb(corpus.pages):.2f} MB; best of {repeats}")
    medians = start_up(runs)
    print("\n== start-up: `cleaner clean` on a one-line file, in a new process")
    for line in start_up_lines(medians, runs):
        print(line)
    text, function, no_words, rules_only, chain, floor = time_systems(
        [("cleaner-text", lambda: build_cleaner("text")), ("clean()", build_clean_function),
         ("no word repairs", build_without_word_repairs),
         ("rules-only", lambda: build_cleaner("text", heuristics=False)),
         ("ftfy+regex", build_chain), ("regex-floor", build_floor)],
        corpus.texts, repeats)
    cold = cold_pass(corpus.texts[:len(corpus.texts) // copies])
    print_table("text corpus", [text, function, no_words, rules_only, chain, floor, cold])
    traf, html = time_systems([("trafilatura", build_trafilatura), ("cleaner-html", lambda: build_cleaner("html"))],
                              corpus.pages, repeats)
    cli_html, cli_traf = cli_html_corpus(corpus.pages * copies, repeats)
    print_table("dev HTML pages", [traf, html, cli_html, cli_traf])
    scale = scaling(corpus.scaling_doc, max(repeats, 3))
    print(f"\n== ratios (scaling document: {len(corpus.scaling_doc)} chars)")
    for line in ratio_lines(text, chain, floor, html, traf, scale, rules_only, no_words):
        print(line)
    cold_ratio = _ratio(cold, chain)
    if cold_ratio is not None:
        print(f"{'text, cold / chain':<22}{cold_ratio:>11.2f}x   (one copy, first pass; no target)")
    function_ratio = _ratio(function, text)
    if function_ratio is not None:
        print(f"{'clean() / Cleaner':<22}{function_ratio:>11.2f}x   (clean() in a loop vs a reused Cleaner)")
    cli_ratio = _ratio(cli_html, cli_traf, by_docs=True)
    if cli_ratio is not None:
        print(f"{'cli html+report / traf':<22}{cli_ratio:>11.2f}x   (target >= 1: a CLI run with reports, one "
              "process, start-up included, vs a trafilatura.extract loop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
