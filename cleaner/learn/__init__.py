"""Drafting site rule files from a site's own pages: what repeats across them is its chrome.

    observe   a page's lines: family, where it sits, whether it reads like prose
    normalise line families: numbers, dates and times made one pattern
    count     per-host page counts of line families, in bounded memory
    draft     recurring families to draft rules (or lines to review), with evidence
    write     a draft as a YAML rule file
    corpus    the first pass of `cleaner clean --learn`, on the run's own inputs and workers

`learn(pages)` returns the learned rules as a `RuleSet` to pass to `Cleaner`
(added to the built-ins); `write_rules` writes the drafted files for review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io.atomic import write_atomic
from ..ruleset.load import load_rule_text, load_rules
from ..ruleset.model import RuleSet
from .count import SiteCounts
from .draft import Judge, SiteDraft, draft_site
from .observe import Observer
from .pages import Page, as_pages
from .settings import LearnSettings
from .write import to_yaml

__all__ = ["LearnSettings", "LearnedRules", "Page", "learn", "write_rules"]


@dataclass(frozen=True)
class LearnedRules(RuleSet):
    """The learned rule files (one per host with enough pages and at least one rule), and the
    drafts they were made from: evidence, and the lines left for review, for `write_rules`."""

    drafts: tuple[SiteDraft, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()   # hosts with too few pages, and how many they had


def learn(pages: Iterable[Any], *, domain: str | None = None,
          settings: LearnSettings | None = None) -> LearnedRules:
    """Learn the recurring chrome of the sites `pages` come from.

    `pages`: `Page`s, texts, `(url, text)` pairs or mappings with `url` and
    `text` (or `html`). Pages are grouped by their URL's host, or all given to
    `domain`; a host with fewer than `settings.min_pages` pages gets no rules.
    """
    observer = Observer(domain=domain)
    counts = SiteCounts(settings or LearnSettings())
    for page in as_pages(pages):
        counts.add(observer.view(page))
    return build(counts)


def build(counts: SiteCounts) -> LearnedRules:
    """The rule files of every host with enough pages, each loaded from the YAML it is written as."""
    judge = Judge(load_rules(installed=False))
    least = counts.settings.min_pages
    drafts = tuple(draft_site(host, judge) for _, host in sorted(counts.hosts.items()) if host.pages >= least)
    files = tuple(load_rule_text(to_yaml(d), f"<learned from {d.pages} pages of {d.host}>")
                  for d in drafts if d.rules)
    skipped = tuple((name, host.pages) for name, host in sorted(counts.hosts.items()) if host.pages < least)
    return LearnedRules(files, drafts, skipped)


def write_rules(learned: LearnedRules, destination: str | Path) -> list[Path]:
    """Write the drafted rule files: to `destination` itself when it names a .yaml file (one
    host), else into that folder as HOST.yaml. Drafts without a rule to apply are not written
    (a rule file needs one). Returns the paths written."""
    destination = Path(destination)
    drafts = [d for d in learned.drafts if d.rules]
    if destination.suffix in (".yaml", ".yml"):
        if len(drafts) > 1:
            raise ValueError(f"{len(drafts)} hosts learned: name a folder, not one file")
        targets = [(destination, d) for d in drafts]
    else:
        targets = [(destination / f"{d.host}.yaml", d) for d in drafts]
    for path, draft in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, to_yaml(draft).encode("utf-8"))
    return [path for path, _ in targets]
