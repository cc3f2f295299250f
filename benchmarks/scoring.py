"""Scoring for the quality benchmark: gold tokens and snippets.

The metrics are the ones documented in the benchmark data's README:

* against a gold text, bag-of-words precision / recall / F1 per page,
  averaged over pages, with a bootstrap standard deviation of the mean F1.
  Single tokens (not shingles) are used so that a system is neither rewarded
  nor punished for layout: only which words it keeps, and how often, counts;
* against snippets, the share of `with` snippets (main content) found in the
  output and the share of `without` snippets (boilerplate) not found, a
  snippet being found when it is a substring of the output once both are
  lower-cased and their runs of white space collapsed to one space; each
  share is averaged over the pages that have such snippets.

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
_SPACE = re.compile(r"\s+")


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


def has_words(text: str) -> bool:
    """Whether ``text`` holds any token: an output without one scores as empty."""
    return _WORD.search(text) is not None


@dataclass(frozen=True)
class SnippetScore:
    """How many of a page's `with` and `without` snippets an output contains."""

    with_found: int
    with_total: int
    without_found: int
    without_total: int

    @property
    def with_kept(self) -> float | None:
        """Share of `with` snippets found; None when the page has none."""
        return self.with_found / self.with_total if self.with_total else None

    @property
    def without_removed(self) -> float | None:
        """Share of `without` snippets not found; None when the page has none."""
        if not self.without_total:
            return None
        return (self.without_total - self.without_found) / self.without_total


def squash(text: str) -> str:
    """Lower-case and collapse runs of white space to one space, as snippets are compared.

    The ends are stripped too, so a snippet saved with a stray leading space
    is not missed at the start of a line. Both sides are put in Unicode's
    composed form (NFC) first: one text in two canonically equivalent
    spellings (Bengali "য়" as one code point or two; trafilatura writes NFC)
    is the same text.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).lower()).strip()


def score_snippets(output: str, with_snippets: Sequence[str], without_snippets: Sequence[str]) -> SnippetScore:
    """Count the snippets found in ``output`` (substring after `squash`)."""
    text = squash(output)
    return SnippetScore(
        with_found=sum(squash(snippet) in text for snippet in with_snippets),
        with_total=len(with_snippets),
        without_found=sum(squash(snippet) in text for snippet in without_snippets),
        without_total=len(without_snippets),
    )


@dataclass(frozen=True)
class SnippetSummary:
    """Snippet shares averaged over the pages that have such snippets (None: no page has)."""

    with_kept: float | None
    with_pages: int
    without_removed: float | None
    without_pages: int


def mean_known(values: Sequence[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    known = [v for v in values if v is not None]
    return mean(known) if known else None


def summarize_snippets(scores: Sequence[SnippetScore]) -> SnippetSummary:
    """Average per-page snippet shares; every page with snippets weighs the same."""
    kept = [s.with_kept for s in scores]
    removed = [s.without_removed for s in scores]
    return SnippetSummary(
        with_kept=mean_known(kept),
        with_pages=sum(v is not None for v in kept),
        without_removed=mean_known(removed),
        without_pages=sum(v is not None for v in removed),
    )


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
