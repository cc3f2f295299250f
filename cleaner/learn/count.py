"""Counting line families per host, in bounded memory.

Each page adds one to every family it has (a family seen twice on one page
counts once: a rule is about pages). A family's text is kept from its second
page on, so the families of the article lines, which most pages have once,
cost a number each. When a host holds more than `max_families` families, the
ones seen on a single page are forgotten (lossy counting): a line that recurs
on a real share of the site's pages comes back faster than it is forgotten.
The first `outline_pages` pages of a host are also kept as outlines (a number
and a flag per line), to find the lines that open and close the site's chrome.

Counts of consecutive runs of pages merge (`HostCounts.merge`): a Ray run
counts each batch of pages apart, on its workers, and folds the batches of a
host in input order into the counts a single process would have made (the
same while no host holds more than `max_families` families: past that, both
forget, at other moments). A family is named by a hash of its key that every
process computes alike (`family_hash`).
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field

from .observe import PageView, SeenLine
from .settings import LearnSettings

_SAMPLE_CHARS = 80  # an article line long enough to be plainly prose, not a teaser


def family_hash(key: str) -> int:
    """A family's number: 64 bits of its key's BLAKE2 digest, the same in every process (Python's
    own string hash differs from one process to the next)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


@dataclass
class Tally:
    """What is known of one family on one host."""

    pages: int = 0
    head: int = 0
    inside: int = 0
    tail: int = 0
    position: float = 0.0         # sum of its relative positions (the mean orders a site's rules)
    text: str | None = None       # a member of the family, kept from the second page on
    is_prose: bool = False
    headline: int = 0             # pages whose title holds it: it is an article's headline there

    def add(self, line: SeenLine) -> None:
        self.pages += 1
        self.headline += line.in_title
        setattr(self, line.where, getattr(self, line.where) + 1)
        self.position += line.position
        if self.pages >= 2 and self.text is None:
            self.text, self.is_prose = line.text, line.is_prose

    def merge(self, later: Tally, first: tuple[str, bool]) -> None:
        """Add the tally of later pages; `first` is the family's member on the first of them."""
        if self.text is None:  # seen on one page so far: the later pages' first member is its second
            self.text, self.is_prose = first
        self.pages += later.pages
        self.head += later.head
        self.inside += later.inside
        self.tail += later.tail
        self.position += later.position
        self.headline += later.headline


@dataclass(frozen=True)
class Outline:
    """A page's lines in order, as family hashes and prose flags: where the article starts and
    ends is read from these once the site's recurring families are known (`cleaner.learn.draft`)."""

    families: array
    prose: bytes
    lengths: array


@dataclass
class HostCounts:
    """The families of one host's pages, and a few of its article lines (the rules' `keep` examples)."""

    host: str
    settings: LearnSettings = field(default_factory=LearnSettings)
    pages: int = 0
    families: dict[int, Tally] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    # The first member of every family, kept by the counts of one batch of pages, to be merged
    # into the counts of the pages before it (`merge`); None: not kept.
    firsts: dict[int, tuple[str, bool]] | None = None

    def add(self, view: PageView) -> None:
        self.pages += 1
        if len(self.outlines) < self.settings.outline_pages:
            self.outlines.append(Outline(array("q", (family_hash(line.key) for line in view.lines)),
                                         bytes(line.is_prose for line in view.lines),
                                         array("I", (len(line.text) for line in view.lines))))
        seen: set[str] = set()
        for line in view.lines:
            if line.key in seen:
                continue
            seen.add(line.key)
            # The hash, not the key: an article line, seen once, should cost little.
            key = family_hash(line.key)
            self.families.setdefault(key, Tally()).add(line)
            if self.firsts is not None:
                self.firsts.setdefault(key, (line.text, line.is_prose))
            if line.is_prose and line.where == "inside" and len(line.text) >= _SAMPLE_CHARS \
                    and len(self.samples) < self.settings.keep_samples:
                self.samples.append(line.text)
        if len(self.families) > self.settings.max_families:
            self._forget_singletons()

    def merge(self, later: HostCounts) -> None:
        """Add the counts of the pages that came next (kept with `firsts`)."""
        if later.firsts is None:
            raise ValueError("merge takes counts that kept their families' first members")
        self.pages += later.pages
        self.outlines += later.outlines[:max(0, self.settings.outline_pages - len(self.outlines))]
        self.samples += later.samples[:max(0, self.settings.keep_samples - len(self.samples))]
        for key, tally in later.families.items():
            mine = self.families.get(key)
            if mine is None:
                self.families[key] = tally
                if self.firsts is not None:
                    self.firsts[key] = later.firsts[key]
            else:
                mine.merge(tally, later.firsts[key])
        if len(self.families) > self.settings.max_families:
            self._forget_singletons()

    def _forget_singletons(self) -> None:
        self.families = {key: tally for key, tally in self.families.items() if tally.pages > 1}
        if self.firsts is not None:
            self.firsts = {key: first for key, first in self.firsts.items() if key in self.families}

    def recurring(self) -> dict[int, Tally]:
        """Families on at least `min_share` of the pages and on two at least, in page order."""
        least = max(2, self.settings.min_share * self.pages)
        found = [(key, t) for key, t in self.families.items() if t.pages >= least and t.text is not None]
        return dict(sorted(found, key=lambda item: item[1].position / item[1].pages))

    def is_recurring(self, key: str) -> bool:
        """Whether the family `key` was seen on more than one page."""
        tally = self.families.get(family_hash(key))
        return tally is not None and tally.pages > 1


@dataclass
class SiteCounts:
    """`HostCounts` for every host pages came from; pages without a host are counted apart."""

    settings: LearnSettings = field(default_factory=LearnSettings)
    hosts: dict[str, HostCounts] = field(default_factory=dict)
    without_host: int = 0
    is_batch: bool = False   # the counts of one batch of a run's pages, to merge (`HostCounts.firsts`)

    def add(self, view: PageView | None) -> None:
        if view is None:
            return
        if view.host is None:
            self.without_host += 1
            return
        counts = self.hosts.get(view.host)
        if counts is None:
            counts = self.hosts[view.host] = HostCounts(view.host, self.settings, firsts={} if self.is_batch else None)
        counts.add(view)
