"""Token-level scoring for the quality benchmark.

The metric is the one documented in the benchmark README
(shared/benchmark/README.md): bag-of-words precision / recall / F1 per page,
averaged over pages, with a bootstrap standard deviation of the mean F1.
Single tokens (not shingles) are used so that a system is neither rewarded
nor punished for layout: only which words it keeps, and how often, counts.

Everything here is a pure function of its arguments so that the benchmark
and the unit tests share exactly one definition of the metric.
"""

from __future__ import annotations

import random
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """Precision, recall and F1 of one system output on one page."""

    p: float
    r: float
    f1: float


@dataclass(frozen=True)
class SystemSummary:
    """Scores of one system in one mode, averaged over ``n`` pages."""

    name: str
    mode: str
    p: float
    r: float
    f1: float
    f1_std: float
    docs_per_sec: float
    n: int


def tokenize(text: str) -> list[str]:
    """Split text into comparable word tokens.

    NFKC folds compatibility forms (ligatures such as "ﬁ", full-width
    letters) and casefold removes case, so that only real word changes are
    counted; punctuation, whitespace and layout never form tokens.
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def score_page(output: str, gold: str) -> PageScore:
    """Score one output against its gold text as token multisets.

    Multisets (not sets) are used so that repeating boilerplate or dropping
    a repeated word is visible. An empty output (or gold) scores 0 rather
    than raising, so a failing system simply gets no credit on that page.
    """
    out_counts = Counter(tokenize(output))
    gold_counts = Counter(tokenize(gold))
    n_out = sum(out_counts.values())
    n_gold = sum(gold_counts.values())
    tp = sum((out_counts & gold_counts).values())
    p = tp / n_out if n_out else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PageScore(p=p, r=r, f1=f1)


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean that returns 0.0 for no values instead of raising."""
    return sum(values) / len(values) if values else 0.0


def bootstrap_std(values: Sequence[float], rounds: int = 1000, seed: int = 0) -> float:
    """Bootstrap standard deviation of the mean of ``values``.

    Pages are resampled with replacement; the spread of the resampled means
    says how much the reported mean depends on which pages happen to be in
    the set. A private ``random.Random(seed)`` makes it deterministic and
    leaves the global random state alone.
    """
    if len(values) < 2 or rounds < 2:
        return 0.0
    rng = random.Random(seed)
    n = len(values)
    means = [mean(rng.choices(values, k=n)) for _ in range(rounds)]
    return statistics.stdev(means)


def summarize(
    name: str,
    mode: str,
    scores: Sequence[PageScore],
    seconds: float,
    rounds: int = 1000,
) -> SystemSummary:
    """Average per-page scores into one row; every page weighs the same."""
    f1s = [s.f1 for s in scores]
    return SystemSummary(
        name=name,
        mode=mode,
        p=mean([s.p for s in scores]),
        r=mean([s.r for s in scores]),
        f1=mean(f1s),
        f1_std=bootstrap_std(f1s, rounds=rounds),
        docs_per_sec=len(scores) / seconds if seconds > 0 else float("inf"),
        n=len(scores),
    )
