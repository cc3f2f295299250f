"""Turning a host's recurring lines into draft rules, each with its evidence.

The head and the tail of the site's pages are cut at template lines that came
before (after) the article on every page that has them (`drop-until`,
`drop-from`). A short recurring line inside the article becomes a
`drop-line` rule on its anchored pattern (`family_pattern`). Everything else
that recurs is drafted too, but marked for review and never applied: a line
that reads like prose (a slogan quoted in every article, a recurring
disclaimer), one that could be an article's own (a headline the site lists on
some pages), a long line inside the article, and single lines of the head and
tail (dropped alone, they leave the chrome around them to pass for article:
measured on portal pages). The category is the built-in rules' judgement of
the line when one of them names it, else the heuristics' (a copyright
notice, a comment heading, a counter, a menu item), else `boilerplate`. The
`drop` example is a line of the pages; the `keep` example an article line of
the same pages.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

import regex

from ..categories import Category
from ..config import HeuristicSettings
from ..heuristics.detectors import is_comment_heading
from ..heuristics.features import line_features
from ..ruleset.model import Action, RuleSet
from .count import HostCounts, Outline, Tally
from .normalise import family_key, family_pattern
from .observe import main_stretch

# Characters a YAML file cannot carry even quoted (PyYAML's reader refuses them).
_UNWRITABLE = regex.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SLUG_WORD = regex.compile(r"[a-z0-9]+")
_MAX_SLUG_WORDS = 5
_HEADLINE_WORDS = 4


@dataclass(frozen=True)
class Evidence:
    """On how many of the host's pages a family was seen, and where in them."""

    pages: int
    of: int
    head: int
    inside: int
    tail: int
    boundary: str | None = None   # for a head or tail rule: how it bounds the article

    def __str__(self) -> str:
        where = ", ".join(f"{name} {n}" for name, n in
                          (("head", self.head), ("inside the article", self.inside), ("tail", self.tail)) if n)
        return f"on {self.pages} of {self.of} pages ({where})" + (f"; {self.boundary}" if self.boundary else "")


@dataclass(frozen=True)
class DraftRule:
    id: str
    category: Category
    line: str                 # the anchored pattern of the family
    drop: str                 # a member of the family, from the pages
    keep: str                 # an article line of the same pages
    evidence: Evidence
    review: str | None = None  # why a person should decide (the rule is written commented out), or None
    action: Action = "drop-line"


@dataclass(frozen=True)
class SiteDraft:
    """The drafted rule file of one host."""

    host: str
    pages: int
    rules: tuple[DraftRule, ...]     # applied
    reviews: tuple[DraftRule, ...]   # written for review only

    @property
    def name(self) -> str:
        return f"learned/{self.host}"


@dataclass(frozen=True)
class Judge:
    """Chooses a line's category: the built-in line rules first, then the heuristics' signals."""

    builtin: RuleSet
    heuristics: HeuristicSettings = field(default_factory=HeuristicSettings)

    def category(self, text: str) -> Category:
        for rule in self.builtin.rules:
            if rule.is_line_rule and rule.regex.search(text, timeout=1.0):
                return rule.category
        f = line_features(text)
        if f.has_copyright:
            return "boilerplate"
        if is_comment_heading(text, f.words, self.heuristics):
            return "comment-prompt"
        if f.words <= 3 and f.symbol_share > 0.5:
            return "counter"
        if f.words <= 4 and not f.is_terminal and f.title_share >= 0.5:
            return "navigation"
        return "boilerplate"


def draft_site(counts: HostCounts, judge: Judge) -> SiteDraft:
    """The draft rule file of one host, from its counts."""
    samples = [s for s in counts.samples if not counts.is_recurring(family_key(s))] or counts.samples
    samples.sort(key=len, reverse=True)  # the longest article lines first: plainly prose
    recurring = counts.recurring()
    ids: set[str] = set()
    rules, reviews = [], []
    cuts: set[int] = set()
    for action, key, why in _boundaries(counts.outlines, recurring, counts.settings.min_share, counts.pages):
        rule = _rule(recurring[key], action, why, samples, counts, judge, ids)
        if rule is not None:
            rules.append(rule)
            cuts.add(key)
    for key, tally in recurring.items():
        if key in cuts:
            continue  # its head or tail rule takes it
        rule = _rule(tally, "drop-line", None, samples, counts, judge, ids)
        if rule is not None:
            (reviews if rule.review else rules).append(rule)
    return SiteDraft(counts.host, counts.pages, tuple(rules), tuple(reviews))


def _rule(tally: Tally, action: Action, boundary: str | None, samples: list[str], counts: HostCounts,
          judge: Judge, ids: set[str]) -> DraftRule | None:
    text = tally.text or ""
    if _UNWRITABLE.search(text):
        return None
    pattern = family_pattern(text)
    keep = next((s for s in samples if regex.search(pattern, s) is None), None)
    if keep is None:
        return None  # no article line to show it leaves alone: no rule that passes its own test
    review = None if boundary else _why_review(tally, text, counts)
    evidence = _evidence(tally, counts.pages, boundary)
    return DraftRule(_unique_id(text, ids, action), judge.category(text), pattern, text, keep, evidence, review,
                     action)


def _boundaries(outlines: list[Outline], recurring: dict[int, Tally], min_share: float,
                pages: int) -> list[tuple[Action, int, str]]:
    """The families that close the site's head (`drop-until`) and open its tail (`drop-from`).

    On each outline the article is its longest stretch of prose that does not
    recur, with its own lines just before and after it (a headline, a byline:
    lines no other page has). A template line (not prose; a label, or a line on most pages)
    opens the tail when, on enough pages, it is the first template line after
    the article, and on every page that has it, cutting from its first line
    takes none of the article, or (on a few pages) only its last few lines of
    prose (`_CUT_SLACK`, `_CLOSE_SHARE`): a page's related-story summaries and
    comments read like prose too, and where they follow the article closely
    they are taken for its end. The head is the mirror image (rules are applied until nothing
    changes, so a `drop-until` cuts through the last line of its family).
    """
    frame = {key for key, tally in recurring.items() if not tally.is_prose and tally.pages >= _TEMPLATE_SHARE * pages}
    template = frame | {key for key, tally in recurring.items() if not tally.is_prose
                        and not _is_headline_like(tally.text or "")}
    starts: Counter[int] = Counter()
    ends: Counter[int] = Counter()
    unsafe_start: set[int] = set()
    unsafe_end: set[int] = set()
    close: Counter[tuple[str, int]] = Counter()   # pages where a cut at the family takes some article prose
    having: Counter[int] = Counter()
    for outline in outlines:
        families = outline.families
        article = _article(outline, recurring)
        if article is None:
            continue
        first, last = _with_lead_and_trail(families, recurring, frame, *article)
        cut = _Cuts(outline, recurring, first, last, *article)
        seen: dict[int, list[int]] = {}
        for i, key in enumerate(families):
            if key in recurring:
                seen.setdefault(key, []).append(i)
        for key, at in seen.items():
            having[key] += 1
            for action, unsafe, safe, i in (("drop-until", unsafe_start, cut.is_safe_until, at[-1]),
                                            ("drop-from", unsafe_end, cut.is_safe_from, at[0])):
                if not safe(i):
                    unsafe.add(key)
                elif first <= i <= last:  # a safe cut inside: it takes a little of the prose
                    close[action, key] += 1
        head = [i for i in range(first) if families[i] in template]
        tail = [i for i in range(last + 1, len(families)) if families[i] in template]
        if head:
            starts[families[head[-1]]] += 1
        if tail:
            ends[families[tail[0]]] += 1
    least = max(2, min_share * len(outlines))
    found: list[tuple[Action, int, str]] = []
    for action, counter, unsafe, what in (("drop-until", starts, unsafe_start, "the last line of the head"),
                                          ("drop-from", ends, unsafe_end, "the first line of the tail")):
        for key, n in counter.most_common():
            near = close[action, key]
            if n >= least and key not in unsafe and near <= _CLOSE_SHARE * having[key]:
                where = f"next to the article's prose on {near}" if near else "never inside the article"
                found.append((action, key, f"{what} on {n} of {len(outlines)} pages, {where}"))
    return found


# A cut may take at most this share of a page's article prose (its characters), and only at
# the article's far end: past the last paragraph of an article, a page's related-story
# summaries and first comments read like prose too. Measured on portal pages: a "More on
# This Story" line opened the tail of every page, but the summaries after it looked like
# the end of the article on the pages of one section.
_CUT_SLACK = 0.25
# ... and on few of the pages that have the line: one that sits at the end of the article on
# many pages ("Advertisement") is no edge of the template.
_CLOSE_SHARE = 0.25


@dataclass(frozen=True)
class _Cuts:
    """Where on one page a head or tail cut is safe: the page's article is `first`..`last`, its
    prose `prose_first`..`prose_last` (the lines between are its headline, byline and the like)."""

    outline: Outline
    recurring: dict[int, Tally]
    first: int
    last: int
    prose_first: int
    prose_last: int

    def is_safe_from(self, i: int) -> bool:
        """Cutting from line `i` on leaves the article, or all but its last few lines of prose."""
        return i > self.last or (self.prose_first < i <= self.prose_last
                                 and self._prose(i, self.last) <= _CUT_SLACK * self._article())

    def is_safe_until(self, i: int) -> bool:
        """Cutting through line `i` leaves the article, or all but its first few lines of prose."""
        return i < self.first or (self.prose_first <= i < self.prose_last
                                  and self._prose(self.first, i) <= _CUT_SLACK * self._article())

    def _prose(self, start: int, end: int) -> int:
        o = self.outline
        return sum(o.lengths[i] for i in range(start, end + 1) if o.prose[i] and o.families[i] not in self.recurring)

    def _article(self) -> int:
        return self._prose(self.first, self.last)


# A line that cuts off the head or the tail is part of the site's template: a label, or a
# line on most of its pages. A teaser that rotates through the pages may sit in the head of
# some and in the article's tail on the next.
_TEMPLATE_SHARE = 0.5

def _article(outline: Outline, recurring: dict[int, Tally]) -> tuple[int, int] | None:
    """The first and last line of the page's article: its longest stretch of prose that does not recur."""
    own = [i for i, key in enumerate(outline.families) if outline.prose[i] and key not in recurring]
    return main_stretch(own, outline.lengths)


# The article's own lines that are not prose (its headline, byline, a caption) sit within
# this many lines of its first or last paragraph: a cut must leave them too.
_LEAD_LINES = 10


def _with_lead_and_trail(families: array, recurring: dict[int, Tally], frame: set[int], first: int,
                         last: int) -> tuple[int, int]:
    """The article's first and last line, with the lines of its own that come just before its
    prose (a headline, a byline: the ones no other page has) and just after it.

    Before the prose, the article's own lines sit among the site's share and comment links
    (a headline, then "Comments", "Tweet", then a byline): the lead reaches over recurring
    lines. After it, the first line of the site's frame (a line on most of its pages: "More
    on This Story") ends the article: the lines past it that no other page has are the
    page's related links and teasers, not its article.
    """
    lead = [i for i in range(max(0, first - _LEAD_LINES), first) if families[i] not in recurring]
    end = next((i for i in range(last + 1, min(len(families), last + 1 + _LEAD_LINES)) if families[i] in frame),
               min(len(families), last + 1 + _LEAD_LINES))
    trail = [i for i in range(last + 1, end) if families[i] not in recurring]
    return (lead[0] if lead else first), (trail[-1] if trail else last)


def _is_headline_like(text: str) -> bool:
    """A line that could be the headline of one of the site's articles (listed as a teaser)."""
    f = line_features(text)
    return f.words >= _HEADLINE_WORDS and not f.is_terminal


def _why_review(tally: Tally, text: str, counts: HostCounts) -> str | None:
    """Why a recurring line should not be dropped without a person's word, if it should not."""
    if tally.is_prose:
        return "reads like prose"
    if tally.headline:
        return f"the headline of {tally.headline} of the pages"
    if _is_headline_like(text) and tally.pages * 2 < counts.pages:
        # A site lists its latest headlines on its pages for a while: one on some pages only
        # may be the headline (or the byline) of a page not seen yet.
        return "on some pages only, and could be an article's own line (a headline, a byline)"
    if tally.inside * 2 <= tally.pages:
        # Measured on portal pages: a head or tail line dropped alone leaves the chrome
        # around it, which the heuristics then take for part of the article.
        return "in the head or tail: left to the head and tail rules and the heuristics"
    if len(text) > counts.settings.short_line_chars:
        return "a long line inside the article"
    return None


def _evidence(tally: Tally, pages: int, boundary: str | None = None) -> Evidence:
    return Evidence(tally.pages, pages, tally.head, tally.inside, tally.tail, boundary)


def _unique_id(text: str, taken: set[str], action: Action) -> str:
    """An id that names the line ("share-this-page"), unique in the file; a head or tail
    rule's says so ("tail-from-most-popular")."""
    # Numbers vary within the family: the id names what stays ("tail-from-comments").
    words = [w for w in _SLUG_WORD.findall(text.casefold()) if not w.isdigit()][:_MAX_SLUG_WORDS]
    prefix = {"drop-from": ["tail-from"], "drop-until": ["head-until"]}.get(action, [])
    base = "-".join(prefix + words) or "line"
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    taken.add(found)
    return found
