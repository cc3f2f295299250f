"""The first pass of `cleaner clean --learn` (and of `cleaner learn`): the run's own inputs, read
as cleaning reads them, observed on its worker processes and counted here, per host."""

from __future__ import annotations

from contextlib import closing

from ..config import BatchSettings, Settings
from ..engines.local import plan_units
from ..engines.pool import ordered_map
from ..io.jsonl import JsonlFields
from ..io.naming import Plan
from . import LearnedRules, build
from .count import SiteCounts
from .observe import Observer
from .settings import LearnSettings


def learn_plan(plan: Plan, *, settings: Settings, learn_settings: LearnSettings, fields: JsonlFields,
               url: str | None = None, domain: str | None = None, jobs: int = 1,
               batch: BatchSettings | None = None) -> LearnedRules:
    """Learn from every page of `plan`'s inputs; pages that cleaning would reject are passed over."""
    observer = Observer(settings=settings, domain=domain, fields=fields, url=url)
    counts = SiteCounts(learn_settings)
    with closing(ordered_map(observer, plan_units(plan), jobs, batch or BatchSettings())) as results:  # type: ignore[arg-type]
        for _, view in results:
            counts.add(view)  # type: ignore[arg-type]  # None for markers and unreadable pages
    return build(counts)
