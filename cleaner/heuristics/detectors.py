"""Named detectors of chrome with its own category, each reading the line features.

Each detector is a small function over a `View` of the document's live lines
and returns `Finding`s (indexes into those lines). The evidence each uses is
in its docstring; the thresholds are `HeuristicSettings`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import regex

from ..cache import Cache
from ..categories import Category
from ..config import HeuristicSettings
from ..lazy import LazyPattern
from ..ruleset.re2set import compile_superset
from .classify import Class
from .features import LineFeatures
from .lexicon import (COMMENT_HEADING, COMMENT_HINT, COOKIE, COOKIE_CONTEXT, COOKIE_VOICE, CREDIT, NEWSLETTER, READER,
                      SHARE_FILLERS, SHARE_WORDS, STAMP_AGE, STAMP_BUTTONS, STAMP_COUNT, STAMP_DATE, STAMP_SAYS)

if TYPE_CHECKING:
    import re2

_DIGIT = regex.compile(r"\d")
_COLONS = (":", "：")  # a Chinese or Japanese label or attribution ends with a full-width one


# The patterns each pre-scan stands for (see `anywhere`).
_PRESCANNED: dict[str, tuple[LazyPattern, ...]] = {
    "cookie": (COOKIE,), "newsletter": (NEWSLETTER,), "credit": (CREDIT,), "comment-heading": (COMMENT_HEADING,),
    "stamp": (STAMP_DATE, STAMP_AGE, STAMP_COUNT, STAMP_SAYS),
}


@lru_cache(maxsize=None)
def anywhere(name: str) -> "re2._Regexp | None":
    """The `_PRESCANNED` patterns of `name` (or more) for any line of a text, in RE2: one
    linear scan of the whole text finds the lines where a detector's words may occur,
    which costs far less than searching each line with a word list in many languages
    (RE2 matches a long alternation in one pass; the `regex` module tries it at every
    position). None if RE2 cannot follow them.

    Built on first use, from translations kept in the cache (`cleaner.cache`):
    translating these word lists took a sixth of the start-up."""
    patterns = _PRESCANNED[name]
    ignore_case = all(p.flags & regex.IGNORECASE for p in patterns)
    source = ("(?i)" if ignore_case else "") + "|".join(p.pattern for p in patterns)
    return compile_superset(source, cache=Cache.default())


@dataclass(frozen=True, slots=True)
class Finding:
    """Lines `first`..`last` (inclusive, indexes into the view) are chrome of `category`."""

    first: int
    last: int
    category: Category
    rule: str
    reason: str


@dataclass(frozen=True)
class View:
    """The live content lines of a document, their features and zones (indexes into `texts`)."""

    texts: Sequence[str]
    features: Sequence[LineFeatures]
    cf: Sequence[Class]       # jusText's context-free class of each line
    head_end: int             # lines before this index are the head zone
    tail_start: int           # lines from this index on are the tail zone
    settings: HeuristicSettings
    # Lines right after a comment section's heading that an earlier stage removed
    # (a rule drops "2 comments" as a counter; the comments below it are still there).
    after_comment_heading: frozenset[int] = frozenset()
    # The document's pre-scans, made once for every round (see `Prescans`), and the
    # document line each of `texts` is; without them, the pre-scans read `texts`.
    prescans: Prescans | None = None
    indexes: Sequence[int] = ()

    def zone(self, first: int, last: int) -> str:
        if last < self.head_end:
            return "in the head"
        if first >= self.tail_start:
            return "in the tail"
        return "mid-page"

    def between_prose(self, first: int, last: int, anywhere: bool = False) -> bool:
        """Prose on both sides (and, unless `anywhere`, outside the head and tail): the run
        is part of the article."""
        if not anywhere and (first < self.head_end or last >= self.tail_start):
            return False
        prose = ("good", "neargood")
        return first > 0 and last + 1 < len(self.cf) and self.cf[first - 1] in prose and self.cf[last + 1] in prose

    @cached_property
    def _positions(self) -> dict[int, int]:
        """Where each document line of `indexes` is in `texts`."""
        return {k: i for i, k in enumerate(self.indexes)}

    def lines_matching(self, anywhere: "re2._Regexp | None") -> Sequence[int]:
        """The lines that may match the pattern whose RE2 superset `anywhere` is (see
        `anywhere`), in order: every line that a match of the superset in the whole
        text touches. Every line when there is no superset to ask."""
        if anywhere is None:
            return range(len(self.texts))
        if self.prescans is not None:
            named = self.prescans.lines_matching(anywhere)
            if named is None:
                return range(len(self.texts))
            positions = self._positions
            return sorted(positions[k] for k in named if k in positions)  # (few lines are named)
        named = Prescans(self.texts).lines_matching(anywhere)
        return range(len(self.texts)) if named is None else sorted(named)


class Prescans:
    """Lines (all of a document's) and the lines each pre-scan named there.

    A match of a pattern inside one line is a match inside the text of all the
    lines, and every detector confirms each named line on its own with its own
    pattern; so the lines a scan of all the lines names serve every round,
    whatever lines an earlier round removed, and the document is scanned once
    per pattern rather than once per round.

    The scans read the UTF-8 bytes: given a str, the RE2 binding re-counts every
    match's offsets in characters, which cost ten times the scan itself for the
    stamp patterns. The binding steps past an empty match by a character in a
    str and by a byte in bytes, so a scan that finds one is made again on the str.
    """

    def __init__(self, texts: Sequence[str]):
        self._texts = texts
        self._found: dict[object, frozenset[int] | None] = {}

    def lines_matching(self, anywhere: re2._Regexp) -> frozenset[int] | None:
        """Indexes of the lines a match of `anywhere` in the lines joined touches; None
        when RE2 cannot read them (a lone surrogate)."""
        if anywhere not in self._found:
            self._found[anywhere] = self._scan(anywhere)
        return self._found[anywhere]

    def _scan(self, anywhere: re2._Regexp) -> frozenset[int] | None:
        if self._encoded is None:
            return None
        spans = [m.span() for m in anywhere.finditer(self._encoded)]
        if not spans:
            return frozenset()
        starts = self._byte_starts
        if any(start == end for start, end in spans):
            spans = [m.span() for m in anywhere.finditer("\n".join(self._texts))]
            starts = list(accumulate((len(t) + 1 for t in self._texts[:-1]), initial=0))
        lines: set[int] = set()
        for start, end in spans:
            lines.update(range(bisect_right(starts, start) - 1, bisect_right(starts, max(start, end - 1))))
        return frozenset(lines)

    @cached_property
    def _encoded(self) -> bytes | None:
        try:
            return "\n".join(self._texts).encode("utf-8")
        except UnicodeEncodeError:
            return None

    @cached_property
    def _byte_starts(self) -> list[int]:
        """Where each line starts in `_encoded`."""
        return list(accumulate((len(part) + 1 for part in self._encoded.split(b"\n")[:-1]), initial=0))


def runs(view: View, is_member: Callable[[int], bool], min_run: int) -> Iterator[tuple[int, int]]:
    """Maximal runs of consecutive lines satisfying `is_member`, at least `min_run` long."""
    start = None
    for i in range(len(view.texts) + 1):
        if i < len(view.texts) and is_member(i):
            start = i if start is None else start
        elif start is not None:
            if i - start >= min_run:
                yield start, i - 1
            start = None


def share_rows(view: View) -> Iterator[Finding]:
    """Share/follow rows: a short line made of network names and share verbs
    ("Share on Facebook Twitter Email", "Follow us on Instagram"). Idea:
    trafilatura discards share/social containers by class name; plain text
    keeps only the buttons' labels."""
    s = view.settings
    for i, f in enumerate(view.features):
        if not f.tokens or f.words > s.share_max_words or f.is_terminal:
            continue
        known = [t for t in f.tokens if t in SHARE_WORDS]
        if len(known) >= s.share_min_share * len(f.tokens) and any(t not in SHARE_FILLERS for t in known):
            yield Finding(i, i, "social-widget", "heuristics/share-row",
                          f"{len(known)} of {len(f.tokens)} words are share buttons or network names")


def cookie_prompts(view: View) -> Iterator[Finding]:
    """Cookie and consent banners: "cookie" with the banner's words (accept, consent,
    policy, settings, browsing experience) in a short block that speaks for the site
    to the reader ("we use", "you accept"). Idea: trafilatura's cookie/consent
    discard list, read from the text."""
    for i in view.lines_matching(anywhere("cookie")):
        text, f = view.texts[i], view.features[i]
        if f.words <= view.settings.cookie_max_words and COOKIE.search(text) and COOKIE_CONTEXT.search(text) \
                and COOKIE_VOICE.search(text):
            yield Finding(i, i, "cookie-notice", "heuristics/cookie-prompt",
                          "cookies with consent or policy words, addressed to the reader, in a short block")


def newsletter_prompts(view: View) -> Iterator[Finding]:
    """Newsletter and subscription prompts: sign-up vocabulary in a short line that
    addresses the reader ("Sign up for our newsletter", "Get the best stories in
    your inbox"). An article sentence about a newsletter does not speak to "you"."""
    for i in view.lines_matching(anywhere("newsletter")):
        text, f = view.texts[i], view.features[i]
        if f.words <= view.settings.newsletter_max_words and NEWSLETTER.search(text) and READER.search(text):
            yield Finding(i, i, "newsletter", "heuristics/newsletter-prompt",
                          "sign-up words addressed to the reader in a short line")


def captions_next_to_credits(view: View) -> Iterator[Finding]:
    """Captions: a credit line ("Photo: Reuters", "… / Getty Images") and the short
    line just before it, which is the caption it credits. A credit alone is a caption
    line too (the gold's convention: photo credits are captions)."""
    s = view.settings
    for i in view.lines_matching(anywhere("credit")):
        text, f = view.texts[i], view.features[i]
        if f.words > s.credit_max_words or not CREDIT.search(text):
            continue
        first = i
        prev = view.features[i - 1] if i > 0 else None
        if prev is not None and prev.words <= s.caption_max_words and view.cf[i - 1] != "good" \
                and not prev.is_bulleted:
            first = i - 1
        yield Finding(first, i, "caption", "heuristics/caption-credit",
                      "a photo credit" + (" and the caption before it" if first < i else ""))


def _is_headline(f: LineFeatures, s: HeuristicSettings) -> bool:
    return (s.teaser_min_words <= f.words <= s.teaser_max_words and f.chars < s.length_high
            and f.symbol_share <= s.teaser_max_symbol_share and (not f.is_terminal or f.is_truncated))


def teaser_lists(view: View) -> Iterator[Finding]:
    """Teaser and related-link lists: a run of headline-like lines (a few words up to a
    short sentence, no terminal punctuation) that are title-cased, cut off with an
    ellipsis, or bulleted in the tail and cut to one width ("- ·Death toll from Spanish
    flooding disast": a site cuts its teasers at a fixed number of characters; an
    article's own list in the tail, a recipe's ingredients, has lines of any length).
    Idea: trafilatura's teaser and "related"/"most-popular" discards, by shape."""
    s = view.settings
    for first, last in runs(view, lambda i: _is_headline(view.features[i], s), s.teaser_min_run):
        if view.between_prose(first, last):
            continue
        lines = view.features[first:last + 1]
        n = len(lines)
        titled = sum(f.title_share >= s.title_min_share for f in lines)
        cut = sum(f.is_truncated for f in lines)
        bulleted = sum(f.is_bulleted for f in lines)
        if titled * 2 >= n and titled >= s.teaser_min_run:
            why = f"{titled} title-case"
        elif cut * 2 >= n:
            why = f"{cut} truncated"
        elif bulleted == n and first >= view.tail_start and not view.between_prose(first, last, anywhere=True) \
                and _is_one_width(lines, s):
            why = f"{bulleted} bulleted, cut to one width"
        else:
            continue
        yield Finding(first, last, "related-links", "heuristics/teaser-list",
                      f"run of {n} headline-like lines ({why}) without terminal punctuation {view.zone(first, last)}")


def _is_one_width(lines: Sequence[LineFeatures], s: HeuristicSettings) -> bool:
    """At least `teaser_min_run` lines, and two thirds of the run, are within
    `teaser_width_tolerance` characters of the run's median length."""
    median = sorted(f.chars for f in lines)[len(lines) // 2]
    same = sum(abs(f.chars - median) <= s.teaser_width_tolerance for f in lines)
    return same >= s.teaser_min_run and same * 3 >= len(lines) * 2


def navigation_runs(view: View) -> Iterator[Finding]:
    """Navigation and menus: a run of very short lines (one to a few words, no terminal
    punctuation), like a site's section list. A run with prose on both sides, away
    from the head and tail, is kept: that is a list inside the article."""
    s = view.settings

    def is_item(i: int) -> bool:
        f = view.features[i]
        return f.words <= s.nav_max_words and not f.is_terminal

    for first, last in runs(view, is_item, s.nav_min_run):
        if view.between_prose(first, last):
            continue
        yield Finding(first, last, "navigation", "heuristics/navigation-run",
                      f"run of {last - first + 1} menu-like lines of at most {s.nav_max_words} words "
                      f"{view.zone(first, last)}")


def _stamp(text: str, f: LineFeatures, s: HeuristicSettings, patterned: bool = True) -> str | None:
    """What kind of entry stamp a line is: "reader" (a vote count, a Reply button,
    "Jane says:"), "date" (a date, a time or an age), or None. A quoted post's
    attribution ("— Jane (@jane) May 3, 2020") is the article's, not a stamp.
    `patterned`: the line may match a stamp pattern (`View.lines_matching`)."""
    if f.words > s.stamp_max_words:
        return None
    if _is_button(text, f):
        return "reader"
    # Every other stamp has a digit or ends with a colon (full-width in Chinese and
    # Japanese): cheap tests most lines fail.
    has_digit = _DIGIT.search(text) is not None
    says = text.endswith(_COLONS)
    if not (patterned and (has_digit or says)) or text.startswith(("—", "–", "-")) or "(@" in text:
        return None
    if (says and STAMP_SAYS.search(text)) or (has_digit and STAMP_COUNT.match(text)):
        return "reader"
    if f.is_terminal or not has_digit:
        return None
    return "date" if STAMP_AGE.search(text) or STAMP_DATE.search(text) else None


def _is_button(text: str, f: LineFeatures) -> bool:
    # Not a colon: a word with one is a speaker's label ("Trả lời:" heads an answer
    # in a Vietnamese Q&A, and is the word for a Reply button too).
    return f.words <= 2 and text.rstrip(" .!！↓↑»›").casefold() in STAMP_BUTTONS


def stamped_entries(view: View) -> Iterator[Finding]:
    """Comment threads and dated or labelled teaser lists: entries of a few lines, each
    headed or closed by a stamp line (a date, "3 hours ago", "Rating: 36 Votes",
    "Reply", "Jane says:", a repeated section label: see `_labels`), at least
    `stamp_min_run` stamps no more than `stamp_max_gap` lines apart. Idea: trafilatura's comment and teaser discards (class names such
    as "comment", "byline", "timestamp"), read from the stamps those boxes print.

    A page whose prose is mostly such entries (a live blog, a dated diary) is the
    article itself, and so is a forum's thread: runs of one kind (comments, dated
    or labelled teasers) go only when the prose outside them all is at least
    `stamp_min_outside_share` of the prose inside them. A run with prose on both
    sides mid-page is a dated timeline inside the article and stays."""
    s = view.settings
    patterned = set(view.lines_matching(anywhere("stamp")))
    stamps = [(i, kind) for i, (text, f) in enumerate(zip(view.texts, view.features))
              if (kind := _stamp(text, f, s, i in patterned))]
    stamps = sorted(dict([*_labels(view), *stamps]).items())  # a line both a label and a stamp is a stamp
    if len(stamps) < s.stamp_min_run:
        return
    prose = [f.chars if c in ("good", "neargood") else 0 for f, c in zip(view.features, view.cf)]
    total = sum(prose)
    # A thread is often cut into several runs (a long post between two stamps): each
    # run is weighed with the others of its kind, or a forum's posts would each be a
    # small part of a page whose other posts count as its article.
    groups = []
    for run in _runs_of([i for i, _ in stamps], s.stamp_max_gap, s.stamp_min_run):
        group = stamps[run]
        if not view.between_prose(group[0][0], group[-1][0]):  # else a dated timeline inside the article
            groups.append((group, _kind(group)))
    inside: Counter[str] = Counter()
    for group, kind in groups:
        inside[kind] += sum(prose[group[0][0]:group[-1][0] + 1])
    for group, kind in groups:
        if total - inside[kind] >= s.stamp_min_outside_share * inside[kind]:
            yield _entries(view, group, kind)


def _labels(view: View) -> list[tuple[int, str]]:
    """Section labels over teasers ("Company Town" above each headline of a "More
    from" grid): the same short line, without sentence or heading punctuation, at
    least `stamp_min_run` times among the live lines, over entries of a few lines
    (at most `label_max_entry_lines`) that read like teasers: a headline (no
    terminal punctuation) and a summary, so at least `label_min_headline_share` of
    them headlines. An ad marker ("Advert") repeated between an article's
    paragraphs is no label: its entries are paragraphs. A label once is a heading."""
    s = view.settings
    candidates = [(i, text) for i, (text, f) in enumerate(zip(view.texts, view.features))
                  if f.tokens and f.words <= s.label_max_words and not f.is_terminal and not f.is_question
                  and not text.endswith(_COLONS)]
    counts = Counter(text for _, text in candidates)
    labels = [i for i, text in candidates if counts[text] >= s.stamp_min_run]
    found = []
    for run in _runs_of(labels, s.label_max_entry_lines + 1, s.stamp_min_run):
        inside = labels[run]
        entries = view.features[inside[0]:inside[-1] + 1]
        headlines = sum(not f.is_terminal for f in entries) - len(inside)
        if headlines >= s.label_min_headline_share * (len(entries) - len(inside)):
            found += [(i, "label") for i in inside]
    return found


def _runs_of(indexes: Sequence[int], max_gap: int, min_run: int) -> Iterator[slice]:
    """The runs of sorted line `indexes` whose neighbours are no more than `max_gap`
    lines apart and that have at least `min_run` members, as slices of `indexes`."""
    start = 0
    for k in range(1, len(indexes) + 1):
        if k == len(indexes) or indexes[k] - indexes[k - 1] > max_gap:
            if k - start >= min_run:
                yield slice(start, k)
            start = k


def _kind(group: Sequence[tuple[int, str]]) -> str:
    """What a run of entries is, by its stamps: readers' comments, dated teasers or labelled teasers."""
    kinds = Counter(kind for _, kind in group)
    return "reader" if kinds["reader"] else "date" if kinds["date"] else "label"


def _entries(view: View, group: Sequence[tuple[int, str]], kind: str) -> Finding:
    first, last = group[0][0], group[-1][0]
    if kind == "reader":
        readers = sum(1 for _, k in group if k == "reader")
        return Finding(first, last, "comment-prompt", "heuristics/comment-thread",
                       f"{len(group)} entry stamps ({readers} votes, replies or bylines) {view.zone(first, last)}")
    if kind == "date":
        return Finding(first, last, "related-links", "heuristics/dated-teasers",
                       f"{len(group)} dated entries {view.zone(first, last)}")
    return Finding(first, last, "related-links", "heuristics/labelled-teasers",
                   f"{len(group)} entries under a repeated section label {view.zone(first, last)}")


def comment_sections(view: View) -> Iterator[Finding]:
    """A comment section: a heading that names the comments ("Top Rated Comments",
    "2 comments", "Kommentare") and everything after it to the end of the text, once
    the article has been told (at least `comment_min_article_chars` of prose in
    paragraphs that follow one another before the heading, outside the head).
    Readers' comments are prose, so the classifier keeps them; trafilatura leaves
    them out by the container's name ("comments"), and in plain text the heading
    is all that is left of that container. A "Comments" link in a menu above the
    article has no article before it. A heading a rule removed ("2 comments" is a
    counter to the rules) still counts: `View.after_comment_heading`.

    A Chinese or Japanese character carries what several Latin letters do, so
    prose in those scripts counts at the ratio of the classifier's limits for
    short lines (`length_low` / `unspaced_length_low`): a Chinese article of
    the same length in words has told as much as an English one."""
    s = view.settings
    unspaced_weight = s.length_low / s.unspaced_length_low
    prose, told = 0, 0.0
    headings = set(view.lines_matching(anywhere("comment-heading")))
    for i, (text, f) in enumerate(zip(view.texts, view.features)):
        if told >= s.comment_min_article_chars and i >= view.head_end:
            what = ("a comment section's heading and what follows it"
                    if i in headings and is_comment_heading(text, f.words, s)
                    else "what follows a comment section's heading (removed by a rule)"
                    if i in view.after_comment_heading else None)
            if what:
                yield Finding(i, len(view.texts) - 1, "comment-prompt", "heuristics/comment-section",
                              f"{what}, after {prose} characters of prose {view.zone(i, i)}")
                return
        if view.cf[i] == "good" and ((i > 0 and view.cf[i - 1] == "good") or
                                     (i + 1 < len(view.cf) and view.cf[i + 1] == "good")):
            # paragraphs in a row: a teaser's lone summary above the article is not the article
            prose += f.chars
            told += f.chars * unspaced_weight if f.is_unspaced else f.chars


def is_comment_heading(text: str, words: int, s: HeuristicSettings) -> bool:
    """A comment section's heading: "Comments", "2 comments", "Top Rated Comments", "Комментарии", "评论"."""
    return words <= s.comment_heading_max_words and COMMENT_HINT.search(text) is not None \
        and COMMENT_HEADING.match(text) is not None


LINE_DETECTORS = (share_rows, cookie_prompts, newsletter_prompts, captions_next_to_credits)
RUN_DETECTORS = (comment_sections, stamped_entries, teaser_lists, navigation_runs)
