"""What the quality benchmark reports: per-page outcomes averaged per system, page type and input.

Everything here is computed from `Outcome`s (see `benchmarks.runs`) with the
metrics of `benchmarks.scoring`; nothing is run or printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.datasets import DataSet, Page
from benchmarks.runs import Outcome, score_output
from benchmarks.scoring import (
    SnippetSummary,
    SystemSummary,
    mean_known,
    summarize,
    summarize_snippets,
)

# A polished page "loses" when its main metric drops by more than this.
DROP_THRESHOLD = 0.02

Metric = Callable[[Outcome], "float | None"]


def f1_of(outcome: Outcome) -> float | None:
    return outcome.score.f1 if outcome.score is not None else None


def with_kept_of(outcome: Outcome) -> float | None:
    return outcome.snippets.with_kept


def without_removed_of(outcome: Outcome) -> float | None:
    return outcome.snippets.without_removed


METRICS: dict[str, Metric] = {"f1": f1_of, "with_kept": with_kept_of, "without_removed": without_removed_of}


def main_metric(data: DataSet) -> str:
    """F1 where the set has gold text, else the share of `with` snippets kept."""
    return "f1" if data.has_gold else "with_kept"


@dataclass(frozen=True)
class SystemRun:
    """One system on one set in one mode: its per-page outcomes, or why it did not run."""

    set_name: str
    mode: str
    name: str
    outcomes: tuple[Outcome, ...] = ()
    unavailable: str | None = None

    @property
    def n_errors(self) -> int:
        return sum(o.error is not None for o in self.outcomes)

    @property
    def n_empty(self) -> int:
        return sum(o.is_empty for o in self.outcomes)

    @property
    def first_error(self) -> str | None:
        return next((o.error for o in self.outcomes if o.error is not None), None)

    @property
    def seconds(self) -> float:
        return sum(o.seconds for o in self.outcomes)

    @property
    def docs_per_sec(self) -> float:
        return len(self.outcomes) / self.seconds if self.seconds > 0 else float("inf")

    def gold(self, rounds: int) -> SystemSummary | None:
        """P, R, F1 (with bootstrap std) over the pages with gold text; None on a snippet-only set."""
        scores = [o.score for o in self.outcomes if o.score is not None]
        if not scores:
            return None
        return summarize(self.name, self.mode, scores, self.seconds, rounds=rounds)

    def snippets(self) -> SnippetSummary:
        return summarize_snippets([o.snippets for o in self.outcomes])

    def mean_of(self, metric: str, indices: Sequence[int] | None = None) -> float | None:
        """Mean of a metric over the pages (all, or `indices`) where it is defined."""
        chosen = self.outcomes if indices is None else [self.outcomes[i] for i in indices]
        return mean_known([METRICS[metric](o) for o in chosen])


def type_indices(pages: Sequence[Page]) -> dict[str, list[int]]:
    """Page indices by page type, largest type first (pages without a type are left out)."""
    groups: dict[str, list[int]] = {}
    for index, page in enumerate(pages):
        if page.page_type is not None:
            groups.setdefault(page.page_type, []).append(index)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def input_run(data: DataSet, mode: str, field_name: str) -> SystemRun:
    """The unchanged input scored as an output: what polishing starts from."""
    outcomes = tuple(score_output(getattr(page, field_name), page, None, 0.0) for page in data.pages)
    return SystemRun(data.name, mode, "input", outcomes)


@dataclass(frozen=True)
class Delta:
    """How a system's outputs compare with another run's, page by page."""

    metric: str  # the main metric: "f1" or "with_kept"
    mean: dict[str, float | None]  # metric -> mean change over pages where both are defined
    by_type: dict[str, float | None]  # page type -> mean change of the main metric
    worst: tuple[int, float, float] | None  # page index, before, after (largest drop of the main metric)
    losing: int  # pages whose main metric drops by more than DROP_THRESHOLD
    compared: int  # pages where the main metric is defined


def changes(run: SystemRun, base: SystemRun, metric: str) -> list[tuple[int, float, float]]:
    """(page index, before, after) of a metric, on the pages where both runs define it."""
    fn = METRICS[metric]
    rows = []
    for index, (mine, theirs) in enumerate(zip(run.outcomes, base.outcomes, strict=True)):
        after, before = fn(mine), fn(theirs)
        if after is not None and before is not None:
            rows.append((index, before, after))
    return rows


def delta(run: SystemRun, base: SystemRun, pages: Sequence[Page], metric: str) -> Delta:
    """Change of `run` against `base` (the input, or a peer) on the same pages."""
    means = {name: mean_known([a - b for _, b, a in changes(run, base, name)]) for name in METRICS}
    main = changes(run, base, metric)
    groups = type_indices(pages)
    by_type = {}
    for page_type, indices in groups.items():
        members = set(indices)
        by_type[page_type] = mean_known([a - b for i, b, a in main if i in members])
    worst = min(main, key=lambda row: row[2] - row[1], default=None)
    return Delta(
        metric=metric,
        mean=means,
        by_type=by_type,
        worst=worst,
        losing=sum(a - b < -DROP_THRESHOLD for _, b, a in main),
        compared=len(main),
    )


def by_type(run: SystemRun, pages: Sequence[Page]) -> dict[str, dict[str, float | int | None]]:
    """Pages, F1, with-kept and without-removed per page type."""
    return {
        page_type: {"pages": len(indices), **{name: run.mean_of(name, indices) for name in METRICS}}
        for page_type, indices in type_indices(pages).items()
    }


def ratio(mine: float, theirs: float) -> float | None:
    """mine / theirs, None when the peer's rate is not a number to divide by."""
    return mine / theirs if theirs > 0 and theirs != float("inf") else None

