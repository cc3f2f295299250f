"""The thresholds of learning, in one place (`cleaner learn`, `cleaner clean --learn`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LearnSettings:
    # A host needs this many pages for a rule file: fewer cannot tell a site's
    # chrome from a coincidence between two articles.
    min_pages: int = 5
    # A line family becomes a rule when it recurs on at least this share of the
    # host's pages, and never on fewer than two (one page is no evidence of chrome).
    min_share: float = 0.2
    # A recurring line inside the article (between the page's first and last
    # prose line) becomes a rule only when it is no longer than this and does
    # not read like prose; a longer one is listed for review.
    short_line_chars: int = 100
    # Distinct line families counted per host before the ones seen on a single
    # page are forgotten (memory stays bounded however many pages a host has).
    max_families: int = 50_000
    # Article lines kept per host as the `keep` examples of its rules.
    keep_samples: int = 32
    # Pages per host kept as outlines (a number per line) to find the lines that
    # open the article's tail and close its head (`drop-from` / `drop-until` rules).
    outline_pages: int = 200
