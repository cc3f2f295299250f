"""Token repairs benchmark: false repairs on clean text, and recall on injected damage.

Two measures over the gold article texts of the dev sets (scrapinghub and
wcxb, about 1,400 texts; the data folder as in ``benchmarks/datasets.py``),
each cleaned with the default ``Cleaner`` in text mode:

(a) False repairs. The gold is clean, so every fix is a false repair. Counted
    are the fix edits (categories encoding, punctuation, token, whitespace)
    the stages proposed, applied or swallowed by a line removal alike (a
    removal of a gold line is another measure, the quality benchmark's), and
    the runs the Unicode repair changed, not the blank lines the tidy stage
    folds after a removal (layout, not tokens), and not the repairs of
    damage some gold texts carry (soft hyphens, "&amp;", mojibake: printed
    apart, their own line): each counts the word tokens (``\\w+``)
    of the gold it touches, at least one. Printed per rule id, per 100,000
    gold tokens (target: at most 5 in all), and apart from that any fix
    touching a web address, an e-mail address, a code span or a word in
    capitals (target: none).

(b) Recall. ``benchmarks/corrupt.py`` injects damage of seven families into
    each gold text (seeded); the damaged text is cleaned and each injection
    is "repaired" (the original is back, with its neighbours), "reported"
    (the damage stays, and the result's ``suspects`` list, where the cleaner
    has one, names the place), "untouched", "wrong" (changed, but not into
    the original), or "lost" (its line removed or its neighbourhood changed
    by another edit; left out of the shares).
    Targets: families 1-3 repaired >= 99%, 4-6 >= 90%, 7 >= 60% repaired
    and >= 90% repaired or reported.

    python benchmarks/tokens.py            # all gold texts of the dev sets
    python benchmarks/tokens.py --quick    # CI smoke: 3 texts per set, or the seeds' gold without data
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ftfy.badness import is_bad

from benchmarks.corrupt import FAMILIES, Corrupted, Injection, corrupt
from benchmarks.datasets import QUICK_PAGES, DataError, load_set
from cleaner import Cleaner
from cleaner.categories import FIX_CATEGORIES
from cleaner.result import CleanResult

SEEDS = REPO / "fixtures" / "seeds"
SETS = ("scrapinghub", "wcxb")
PER = 100_000
FALSE_REPAIR_TARGET = 5.0
REPAIRED_TARGETS = {"entity": 0.99, "invisible": 0.99, "homoglyph": 0.99, "hyphen": 0.90, "glued": 0.90,
                    "spacing": 0.90, "ocr": 0.60}
REPORTED_TARGETS = {"ocr": 0.90}

_TOKEN = re.compile(r"\w+")
# Damage some gold texts carry themselves (pages with soft hyphens, leftover
# character references, mojibake): a fix of it is a repair, not a false one.
_DAMAGE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffc\ufffd]"
                     r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Where no fix may land; written here, apart from the cleaner's own guard, so
# the benchmark does not grade the code with its own answer.
_UNTOUCHABLE = {
    "url": re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"),
    "e-mail": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "code": re.compile(r"`[^`\n]+`"),
    "capitals": re.compile(r"(?<!\w)[A-Z][A-Z0-9]+(?!\w)"),
}


@dataclass(frozen=True)
class Fix:
    """A change of the gold text: where, by which rule, how many of its tokens."""

    rule: str
    start: int
    end: int
    tokens: int
    before: str
    after: str


def gold_texts(data_dir: Path | None, quick: bool) -> tuple[str, list[str]]:
    """Where the texts come from, and the texts: the sets' gold, or the seeds' when there is no data."""
    try:
        texts = [page.gold for name in SETS
                 for page in load_set(name, data_dir, QUICK_PAGES if quick else None).pages if page.gold]
        return "dev sets' gold", texts
    except DataError as exc:
        if not quick:
            raise
        print(f"({exc}; using the seeds' gold)")
        return "seeds' gold", [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.expected.txt"))]


def fixes_of(result: CleanResult) -> list[Fix]:
    """Every fix of the gold: the Unicode repair's runs and the fix edits, applied or not."""
    text = result.source_text
    found = [Fix("unicode/ftfy", span.start, span.end, 0, span.before, span.after)
             for repair in result.repaired.repairs for span in repair.spans()]
    edits = [*result.edits, *(s.edit for s in result.superseded)]
    found += [Fix(e.rule, e.start, e.end, 0, text[e.start:e.end], e.replacement)
              for e in edits if e.category in FIX_CATEGORIES]
    return [Fix(f.rule, f.start, f.end, max(1, _tokens_touched(text, f.start, f.end)), f.before, f.after)
            for f in dict.fromkeys(found)]


def _tokens_touched(text: str, start: int, end: int) -> int:
    lo, hi = max(0, start - 1), min(len(text), end + 1)
    return sum(1 for m in _TOKEN.finditer(text, lo, hi) if m.start() < end + 1 and m.end() > start - 1)


def untouchable_hits(text: str, fix: Fix) -> list[str]:
    hits = []
    for kind, pattern in _UNTOUCHABLE.items():
        for m in pattern.finditer(text, max(0, fix.start - 300), min(len(text), fix.end + 300)):
            if m.start() < max(fix.end, fix.start + 1) and fix.start < m.end():
                hits.append(kind)
                break
    return hits


def false_repairs(cleaner: Cleaner, texts: Sequence[str], show: int) -> float:
    tokens = sum(len(_TOKEN.findall(t)) for t in texts)
    per_rule: Counter[str] = Counter()
    damage: Counter[str] = Counter()
    protected: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for text in texts:
        result = cleaner.clean(text, format="text")
        for fix in fixes_of(result):
            if fix.rule.startswith("tidy/"):
                continue  # blank lines a removal left behind: layout, not a token
            source = result.source_text
            # With a character on each side: a fix may take part of the damage only
            # ("amp;" of a doubled "&amp;amp;", the "Â" of a mojibake "Â\xa0").
            around = source[max(0, fix.start - 1):fix.start] + fix.before + source[fix.end:fix.end + 1]
            if any(_DAMAGE.search(part) or is_bad(part) for part in (fix.before, around)):
                damage[fix.rule] += fix.tokens
                continue
            per_rule[fix.rule] += fix.tokens
            for kind in untouchable_hits(source, fix):
                protected[kind] += 1
            shown = examples.setdefault(fix.rule, [])
            if len(shown) < show:
                shown.append(f"  {fix.rule}: {source[max(0, fix.start - 25):fix.end + 25]!r} -> {fix.after!r}")
    total = sum(per_rule.values())
    print(f"\n== (a) false repairs on clean gold: {len(texts)} texts, {tokens:,} tokens")
    for rule, count in per_rule.most_common():
        print(f"  {rule:34s} {count:6d} tokens   {PER * count / max(tokens, 1):7.2f} per 100k")
    rate = PER * total / max(tokens, 1)
    print(f"  {'all fixes':34s} {total:6d} tokens   {rate:7.2f} per 100k   target <= {FALSE_REPAIR_TARGET:g}"
          f"   {'ok' if rate <= FALSE_REPAIR_TARGET else 'ABOVE TARGET'}")
    print("  fixes inside " + ", ".join(f"{kind}: {protected[kind]}" for kind in _UNTOUCHABLE)
          + f"   target: none   {'ok' if not protected else 'ABOVE TARGET'}")
    counted_apart = ", ".join(f"{rule} {n}" for rule, n in damage.most_common()) or "none"
    print("  not counted: repairs of damage the gold itself carries (format, control or replacement characters,"
          " character references, mojibake, judged with a character each side): " + counted_apart)
    if examples:
        print("  first fixes of each rule:\n" + "\n".join(line for shown in examples.values() for line in shown))
    return rate


def verdict(result: CleanResult, corrupted: Corrupted, injection: Injection) -> str:
    out = result.text
    if injection.before + injection.original + injection.after in out:
        return "repaired"
    if injection.before + injection.damaged + injection.after in out:
        return "reported" if _suspected(result, injection) else "untouched"
    # Something else between the same neighbours: changed, but not back to the
    # original (a double escape decoded once). Nothing between them: the
    # damaged line itself was removed.
    between = re.search(re.escape(injection.before) + r"([^\n]{0,40}?)" + re.escape(injection.after), out)
    return "wrong" if between and between.group(1) else "lost"


def _suspected(result: CleanResult, injection: Injection) -> bool:
    # The suspects list is optional: a cleaner without one reports nothing.
    # Its offsets are the source text's, which the Unicode repair may have
    # made shorter than the input (a character reference decoded before the
    # place): the place is found there, the nearest to where it was put.
    source = getattr(result, "source_text", None)
    at = injection.at
    if source is not None and source[at:at + len(injection.damaged)] != injection.damaged:
        context = re.escape(injection.before) + "(" + re.escape(injection.damaged) + ")" + re.escape(injection.after)
        places = [m.start(1) for m in re.finditer(context, source)]
        at = min(places, key=lambda p: abs(p - injection.at), default=at)
    end = at + len(injection.damaged)
    return any(getattr(s, "start", -1) < end and at < getattr(s, "end", -1)
               for s in getattr(result, "suspects", ()))


def recall(cleaner: Cleaner, texts: Sequence[str], seed: int, per_family: int) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {family: Counter() for family in FAMILIES}
    for index, text in enumerate(texts):
        corrupted = corrupt(text, seed + index, per_family)
        result = cleaner.clean(corrupted.text, format="text")
        for injection in corrupted.injections:
            counts[injection.family][verdict(result, corrupted, injection)] += 1
    return counts


def print_recall(counts: dict[str, Counter[str]]) -> None:
    print("\n== (b) recall on injected damage (lost: line removed or neighbourhood changed; not in the shares)")
    print(f"  {'family':10s} {'injected':>8s} {'repaired':>9s} {'reported':>9s} {'untouched':>9s} {'wrong':>6s} {'lost':>6s}"
          f" {'repaired%':>9s} {'+reported%':>10s}  target")
    for number, family in enumerate(FAMILIES, start=1):
        c = counts[family]
        seen = c["repaired"] + c["reported"] + c["untouched"] + c["wrong"]
        repaired = c["repaired"] / seen if seen else 0.0
        either = (c["repaired"] + c["reported"]) / seen if seen else 0.0
        target = f">= {REPAIRED_TARGETS[family]:.0%}" + (
            f", {REPORTED_TARGETS[family]:.0%} with reported" if family in REPORTED_TARGETS else "")
        met = repaired >= REPAIRED_TARGETS[family] and either >= REPORTED_TARGETS.get(family, 0.0)
        print(f"  {number} {family:8s} {sum(c.values()):8d} {c['repaired']:9d} {c['reported']:9d} "
              f"{c['untouched']:9d} {c['wrong']:6d} {c['lost']:6d} {repaired:9.1%} {either:10.1%}  {target}"
              f"{'' if not seen else '   ok' if met else '   BELOW TARGET'}")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=None,
                    help="folder of the dev sets (default: $CLEANER_BENCH_DATA, else shared/benchmark by the checkout)")
    ap.add_argument("--quick", action="store_true", help="CI smoke: 3 texts per set (the seeds' gold without data)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-family", type=int, default=2, help="injections of each family per text")
    ap.add_argument("--show", type=int, default=0, help="print this many false repairs of each rule, with context")
    args = ap.parse_args(list(argv) if argv is not None else None)

    started = time.perf_counter()
    source, texts = gold_texts(args.data_dir, args.quick)
    print(f"texts: {len(texts)} from the {source}")
    cleaner = Cleaner()
    false_repairs(cleaner, texts, args.show)
    print_recall(recall(cleaner, texts, args.seed, args.per_family))
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
