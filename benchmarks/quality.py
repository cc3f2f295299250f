"""Quality benchmark: every mode on every development set, cleaner beside its peers.

Scores each system's output per page with the metrics of
``benchmarks/scoring.py`` -- token precision / recall / F1 against the gold
text (NFKC + casefold, ``\\w+`` tokens, per-page multisets, means over pages,
bootstrap std of the mean F1) and the share of `with` snippets kept and of
`without` snippets removed -- together with docs/s. Peers run in the same
run on the same pages, so the numbers are directly comparable.

Sets (``benchmarks/datasets.py``): scrapinghub (gold), wcxb (gold, snippets,
page types), trafilatura-eval (snippets only). Modes and systems
(``benchmarks/systems.py``): text [fulltext], polish [traf], html [html].

For each set and mode a table: F1 ± std, P, R (gold sets), with-kept,
without-removed (snippet sets), pages left empty (no words out although the
page has gold words or `with` snippets), errors (pages on which a system
raised, scored as empty output; the first message is printed) and docs/s
(pages over the seconds the system spent on them, one core's rate). Then,
where the set has page types, F1 and with-kept per type; in polish mode how
each polisher changes its input (mean change per page type, the worst page,
pages losing more than 0.02 of F1, or of with-kept on snippet-only sets);
and the ratio of each cleaner system to the mode's reference peer.

A system that cannot be imported or built is shown as "unavailable".

    python benchmarks/quality.py                      # every set, every mode
    python benchmarks/quality.py --set wcxb --mode html --systems trafilatura,cleaner-html
    python benchmarks/quality.py --sample 200 --jobs 2 --json summary.json --per-page pages.jsonl
    python benchmarks/quality.py --mode text --heuristics-json '{"length_low": 60}'
    python benchmarks/quality.py --quick              # CI smoke: 3 pages per set
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import platform
import shlex
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.datasets import QUICK_PAGES, SET_NAMES, DataError, DataSet, load_set  # noqa: E402
from benchmarks.runs import Pages, Runner, build_systems  # noqa: E402
from benchmarks.summary import (  # noqa: E402
    DROP_THRESHOLD,
    Delta,
    SystemRun,
    by_type,
    delta,
    input_run,
    main_metric,
    ratio,
)
from benchmarks.systems import (  # noqa: E402
    MODE_INPUT,
    MODES,
    REFERENCE_PEER,
    SystemSpec,
    Tuning,
    select_systems,
)

FULL_ROUNDS = 1000
QUICK_ROUNDS = 100
VERSIONED = ("article-cleaner", "trafilatura", "readability-lxml", "jusText", "lxml")


@dataclass(frozen=True)
class ModeResult:
    """Every system of one mode on one set, plus what polishing started from."""

    data: DataSet
    mode: str
    runs: tuple[SystemRun, ...]
    baseline: SystemRun | None  # the unchanged input, in polish mode


# --- running ----------------------------------------------------------------


def run_mode(pages: Pages, data: DataSet, mode: str, specs: Sequence[SystemSpec],
             unavailable: dict[tuple[str, str], str]) -> ModeResult:
    """Run a mode's systems over a set's pages and collect each system's outcomes."""
    per_page = list(pages.run(mode, data.pages))
    runs = []
    for spec in specs:
        if spec.key in unavailable:
            runs.append(SystemRun(data.name, mode, spec.name, unavailable=unavailable[spec.key]))
        else:
            outcomes = tuple(page_outcomes[spec.name] for page_outcomes in per_page)
            runs.append(SystemRun(data.name, mode, spec.name, outcomes))
    baseline = input_run(data, mode, MODE_INPUT[mode]) if mode == "polish" else None
    return ModeResult(data, mode, tuple(runs), baseline)


# --- printing ---------------------------------------------------------------


def num(value: float | None, width: int, digits: int = 3, sign: bool = False) -> str:
    """A right-aligned number, or "-" where there is none (no gold, no snippets)."""
    if value is None:
        return f"{'-':>{width}}"
    return f"{value:>+{width}.{digits}f}" if sign else f"{value:>{width}.{digits}f}"


HEADER = (f"{'system':<26}{'F1 ± std':>15}{'P':>7}{'R':>7}{'kept':>7}{'removed':>9}"
          f"{'empty':>7}{'errors':>8}{'docs/s':>11}")
LABELS = {"f1": "F1", "with_kept": "with-kept", "without_removed": "without-removed"}


def table_row(run: SystemRun, rounds: int) -> str:
    """One table line; an unavailable system says why instead of showing numbers."""
    if run.unavailable is not None:
        return f"{run.name:<26} unavailable: {run.unavailable}"
    gold = run.gold(rounds)
    snippets = run.snippets()
    f1 = f"{gold.f1:.3f} ± {gold.f1_std:.3f}" if gold else "-"
    return (f"{run.name:<26}{f1:>15}{num(gold and gold.p, 7)}{num(gold and gold.r, 7)}"
            f"{num(snippets.with_kept, 7)}{num(snippets.without_removed, 9)}"
            f"{run.n_empty:>7}{run.n_errors:>8}{run.docs_per_sec:>11.1f}")


def type_table(result: ModeResult) -> list[str]:
    """F1 and with-kept per page type, one line per system (sets with page types only)."""
    types = result.data.page_types
    if not types:
        return []
    widths = [max(len(t), 6) + 2 for t in types]
    counts = {t: sum(p.page_type == t for p in result.data.pages) for t in types}
    lines = [f"  {'per page type':<24}" + "".join(f"{t:>{w}}" for t, w in zip(types, widths)),
             f"  {'pages':<24}" + "".join(f"{counts[t]:>{w}}" for t, w in zip(types, widths))]
    cells = {run.name: by_type(run, result.data.pages) for run in result.runs if run.unavailable is None}
    for metric in ("f1", "with_kept"):
        lines.append(f"  {LABELS[metric]}")
        for name, per_type in cells.items():
            lines.append(f"    {name:<22}" + "".join(num(per_type[t][metric], w) for t, w in zip(types, widths)))
    return lines


def mean_changes(change: Delta) -> str:
    """"F1 +0.010, with-kept -0.002, ...": the mean change of every metric the set defines."""
    return ", ".join(f"{LABELS[key]} {num(value, 0, sign=True)}" for key, value in change.mean.items()
                     if value is not None)


def delta_lines(name: str, against: str, change: Delta, result: ModeResult) -> list[str]:
    """How one polisher changes its input: means, per page type, worst page, pages losing."""
    label = LABELS[change.metric]
    lines = [f"  {name} vs {against}: {mean_changes(change)}"]
    if change.by_type:
        lines.append(f"    {label} change per page type: "
                     + ", ".join(f"{t} {num(v, 0, sign=True)}" for t, v in change.by_type.items()))
    if change.worst is not None and change.worst[2] < change.worst[1]:
        index, before, after = change.worst
        page = result.data.pages[index]
        where = page.id if page.url in (None, page.id) else f"{page.id} {page.url}"
        lines.append(f"    worst page: {where}: {label} {before:.3f} -> {after:.3f} ({after - before:+.3f})")
    lines.append(f"    pages losing more than {DROP_THRESHOLD} {label}: {change.losing}/{change.compared}")
    return lines


def polish_notes(result: ModeResult) -> list[str]:
    """Where polishing helps and hurts, per polisher, against the unchanged input."""
    if result.baseline is None:
        return []
    lines = []
    for run in result.runs:
        if run.unavailable is None and run.name != "identity":
            change = delta(run, result.baseline, result.data.pages, main_metric(result.data))
            lines += delta_lines(run.name, "its input", change, result)
    return lines


def peer_notes(result: ModeResult) -> list[str]:
    """Each cleaner system against the mode's reference peer, measured side by side."""
    peer = next((r for r in result.runs if r.name == REFERENCE_PEER.get(result.mode) and not r.unavailable), None)
    if peer is None:
        return []
    lines = []
    for run in result.runs:
        if run.name.startswith("cleaner-") and run.unavailable is None:
            speed = ratio(run.docs_per_sec, peer.docs_per_sec)
            change = delta(run, peer, result.data.pages, main_metric(result.data))
            caveat = f" (with {run.n_errors} failed pages)" if run.n_errors else ""
            lines.append(f"  {run.name} / {peer.name}: docs/s {num(speed, 0, 2)}x{caveat}; {mean_changes(change)}")
    return lines


def error_notes(result: ModeResult) -> list[str]:
    """Make page failures visible: count plus the first message per system."""
    return [f"  ! {run.name}: {run.n_errors}/{len(run.outcomes)} pages failed, first: {run.first_error}"
            for run in result.runs if run.n_errors]


def print_mode(result: ModeResult, rounds: int) -> None:
    """One set and mode: the table, then per-type scores and the notes."""
    data = result.data
    sampled = f" of {data.total}" if len(data.pages) != data.total else ""
    print(f"\n== {data.name} / {result.mode}: input `{MODE_INPUT[result.mode]}`, {len(data.pages)}{sampled} pages ==")
    print(HEADER)
    for run in result.runs:
        print(table_row(run, rounds))
    for line in error_notes(result) + type_table(result) + polish_notes(result) + peer_notes(result):
        print(line)
    sys.stdout.flush()


# --- files ------------------------------------------------------------------


def versions() -> dict[str, str | None]:
    """Versions of Python and of the packages whose behaviour the numbers depend on."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def summary_row(result: ModeResult, run: SystemRun, rounds: int) -> dict[str, object]:
    """One system on one set in one mode, as JSON."""
    row: dict[str, object] = {"set": result.data.name, "mode": result.mode, "system": run.name,
                              "unavailable": run.unavailable}
    if run.unavailable is not None:
        return row
    gold = run.gold(rounds)
    shown = ("p", "r", "f1", "f1_std")
    row.update(pages=len(run.outcomes), **({k: v for k, v in asdict(gold).items() if k in shown} if gold else {}))
    speed = run.docs_per_sec
    row.update(asdict(run.snippets()), empty=run.n_empty, errors=run.n_errors, first_error=run.first_error,
               seconds=run.seconds, docs_per_sec=speed if math.isfinite(speed) else None)
    if result.data.page_types:
        row["page_types"] = by_type(run, result.data.pages)
    if result.baseline is not None and run.name != "identity":
        change = delta(run, result.baseline, result.data.pages, main_metric(result.data))
        row["vs_input"] = {**asdict(change), "worst": worst_page(result, change)}
    return row


def worst_page(result: ModeResult, change: Delta) -> dict[str, object] | None:
    if change.worst is None:
        return None
    index, before, after = change.worst
    page = result.data.pages[index]
    return {"id": page.id, "url": page.url, "page_type": page.page_type, "before": before, "after": after}


def write_summary(path: Path, meta: dict[str, object], results: Sequence[ModeResult], rounds: int) -> None:
    """Run facts and one row per set, mode and system, as one JSON document."""
    rows = [summary_row(result, run, rounds) for result in results for run in result.runs]
    path.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_per_page(path: Path, results: Sequence[ModeResult]) -> None:
    """Per-page scores as JSON lines, for diffing runs and finding regressions."""
    with open(path, "w", encoding="utf-8") as fh:
        for result in results:
            for run in result.runs:
                for page, out in zip(result.data.pages, run.outcomes, strict=True):
                    row = {"set": result.data.name, "mode": result.mode, "system": run.name, "id": page.id,
                           "url": page.url, "page_type": page.page_type,
                           **(asdict(out.score) if out.score else {"p": None, "r": None, "f1": None}),
                           "with_kept": out.snippets.with_kept, "without_removed": out.snippets.without_removed,
                           "empty": out.is_empty, "error": out.error, "seconds": round(out.seconds, 6)}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- command line -----------------------------------------------------------


def names(value: str, known: Sequence[str], what: str) -> tuple[str, ...]:
    """A comma-separated list of names, each one of `known`, in the order of `known`."""
    wanted = {name.strip() for name in value.split(",") if name.strip()}
    unknown = wanted - set(known)
    if unknown or not wanted:
        raise argparse.ArgumentTypeError(f"unknown {what}: {', '.join(sorted(unknown)) or '(none)'};"
                                         f" known: {', '.join(known)}")
    return tuple(name for name in known if name in wanted)


def tuning(value: str) -> Tuning:
    """--heuristics-json, with the reason a value is refused (argparse hides a ValueError's)."""
    try:
        return Tuning.from_json(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options; see the module docstring for examples."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, metavar="DIR",
                    help="folder of the *.jsonl.gz sets (default: $CLEANER_BENCH_DATA, else shared/benchmark"
                         " next to the checkout)")
    ap.add_argument("--set", dest="sets", metavar="SETS", type=lambda v: names(v, SET_NAMES, "set"), default=SET_NAMES,
                    help=f"comma-separated sets (default: {','.join(SET_NAMES)})")
    ap.add_argument("--mode", dest="modes", metavar="MODES", type=lambda v: names(v, MODES, "mode"), default=MODES,
                    help=f"comma-separated modes (default: {','.join(MODES)})")
    ap.add_argument("--systems", type=lambda v: tuple(n.strip() for n in v.split(",") if n.strip()),
                    help="comma-separated system names (default: all of the chosen modes)")
    ap.add_argument("--sample", type=positive, metavar="N",
                    help="score N pages per set, evenly spaced and stratified by page type")
    ap.add_argument("--quick", action="store_true",
                    help=f"smoke test: {QUICK_PAGES} pages per set, {QUICK_ROUNDS} bootstrap rounds")
    ap.add_argument("--jobs", type=positive, default=1, metavar="N", help="worker processes over pages (default 1)")
    ap.add_argument("--heuristics-json", type=tuning, default=Tuning(), dest="tuning", metavar="JSON",
                    help='overrides of HeuristicSettings fields for the cleaner systems, e.g. \'{"length_low": 60}\'')
    ap.add_argument("--json", type=Path, metavar="FILE", help="write the summary (run facts and one row per system) as JSON")
    ap.add_argument("--per-page", type=Path, metavar="FILE", help="write per-page scores as JSON lines")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Load the sets, run every mode's systems on each, print the tables, write the files."""
    args = parse_args(argv)
    try:
        specs = select_systems(args.modes, args.systems)
        sample = QUICK_PAGES if args.quick else args.sample
        sets = [load_set(name, args.data_dir, sample) for name in args.sets]
    except (DataError, ValueError) as exc:
        print(f"quality.py: {exc}", file=sys.stderr)
        return 2
    rounds = QUICK_ROUNDS if args.quick else FULL_ROUNDS
    built, unavailable = build_systems(specs, args.tuning)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "command": shlex.join(["python", "benchmarks/quality.py", *(sys.argv[1:] if argv is None else argv)]),
            "versions": versions(), "jobs": args.jobs, "rounds": rounds,
            "heuristics": dict(args.tuning.heuristics),
            "sets": {d.name: {"file": d.path.name, "pages": len(d.pages), "of": d.total} for d in sets}}
    print(f"data: {sets[0].path.parent}; " + ", ".join(f"{d.name} {len(d.pages)}/{d.total}" for d in sets)
          + f" pages; jobs {args.jobs}" + (f"; heuristics {meta['heuristics']}" if args.tuning.heuristics else ""))
    results = []
    with Pages(Runner(built), args.tuning, args.jobs) as pages:
        for data in sets:
            for mode in args.modes:
                mode_specs = [s for s in specs if s.mode == mode]
                if mode_specs:
                    result = run_mode(pages, data, mode, mode_specs, unavailable)
                    print_mode(result, rounds)
                    results.append(result)
    if args.json:
        write_summary(args.json, meta, results, rounds)
    if args.per_page:
        write_per_page(args.per_page, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
