"""Evidence in proportion to what a finding takes: the heuristics stage's recall guard.

Losing a sentence of the article is worse than leaving a line of chrome. The
detectors' evidence is of a few kinds: words (a cookie prompt, a share verb,
a comment heading, a date stamp), repetition, and shape — short lines, few
stopwords, runs of them, distance from the main prose. Shape is what chrome
looks like around an article, and also what lists, tables, headings, code,
product specs and statistics look like inside it. So:

1. Findings on shape (`SHAPE_ONLY`, and the runs in `RUNS` found by their
   shape with their place or stamps) apply only to a page's raw text. Text
   an extractor made from HTML (this tool's trafilatura step, or another
   extractor's output given as `format="extracted"`) has been judged by
   shape already (the extractor weighed its blocks' length, links and
   place), so shape is no second opinion there. Text given as text counts
   as raw where at least `guard_min_short_share` of its live lines are
   short (menus, buttons, labels); an extractor's output given as text is
   mostly paragraphs, and a run of short lines in it is more likely a list,
   a table or a listing page's items.
2. A finding on shape alone never takes anything inside the article: between
   its first and last prose lines (jusText's good lines, and near-good
   sentences of at least `guard_prose_min_words` words) that no finding
   took. Around it, prose-like lines among chrome (a teaser's summary, a
   footer's sentence) go with their neighbours. No finding on shape, nor a
   comment section (`OPENERS`), takes the document's opening prose line.
3. Prose away from the main text (`POSITION_ONLY`) is never taken on its
   place alone. In an extractor's output, an exact repeat goes only as part
   of a repeated block of `guard_min_repeat_run` lines or more (a section
   rendered twice, a quoted post): a single repeated line there is as often
   content (an offer's terms under each offer, an FAQ answer shown twice, a
   table's cells) as chrome. (In a page's text, a repeated line is more
   often a headline repeated as a teaser.)
4. No detector takes more than `guard_max_prose_share` of the prose words,
   but comments with a second signal besides their heading's word (stamps,
   or pieces much shorter than the article's paragraphs), and the stage never
   takes all of it: past that, the detector's findings on prose lines are
   held back.

5. A page with no more prose than an intro (at most
   `guard_list_max_prose_lines` prose lines not taken) whose teaser lines
   (`TEASERS`) make over `guard_list_min_share` of its words is a listing (a
   shop's category, a recipe index, a site's front page): its teasers are its
   content and are held back. (A news brief of three short paragraphs
   among many teasers is an article: its teasers go.)

What is held back is reported as a candidate (a notice with the lines'
first words), never silently dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from typing import Mapping, Sequence

from ..config import HeuristicSettings
from .classify import Class
from .detectors import Finding
from .features import LineFeatures

# Findings whose only evidence is the lines' shape and place on the page.
SHAPE_ONLY = frozenset({
    "heuristics/classifier", "heuristics/teaser-list", "heuristics/navigation-run", "heuristics/near-duplicate",
})
# Runs found by their shape and their stamps (the dated or labelled entries of a
# list of other stories): evidence enough for prose, in a page's raw text only.
RUNS = frozenset({"heuristics/dated-teasers", "heuristics/labelled-teasers"})
# Prose away from the main text: its place is the only evidence, and what it
# takes is prose by definition (a second story, a reply, a continuation after
# an embedded widget) — a candidate for the report, never applied alone.
POSITION_ONLY = frozenset({"heuristics/far-from-article"})
# Runs that could swallow the article from its first line.
OPENERS = RUNS | {"heuristics/comment-section", "heuristics/comment-thread"}
# A comment section opens at a comment heading after the article; a comment
# thread's entries carry stamps (dates, "Reply", "says:") besides.
COMMENTS = frozenset({"heuristics/comment-section", "heuristics/comment-thread"})
STAMPED_COMMENTS = frozenset({"heuristics/comment-thread"})
# Comments come in shorter pieces than the article they follow: at most this
# share of the article's mean prose line, on average.
COMMENT_PIECE_SHARE = 0.6
# Everything whose evidence is shape: held back in text that is not a page's raw text.
ON_SHAPE = SHAPE_ONLY | RUNS
# The lists of other pages' teasers: on a listing page they are the page itself.
TEASERS = RUNS | {"heuristics/teaser-list"}
# A repeat takes nothing the reader does not keep: the first occurrence stays.
REPEATS = frozenset({"heuristics/duplicate-line"})
SHORT_LINE_WORDS = 4  # a menu item, a button, a label


@dataclass(frozen=True)
class Held:
    """Lines `first`..`last` (indexes into the view) a finding would take, held back, and why."""

    finding: Finding
    first: int
    last: int
    why: str


@dataclass(frozen=True)
class Screened:
    """What the guard let through (by line, as the detectors found it) and what it held back."""

    applied: dict[int, Finding]
    held: tuple[Held, ...]


def is_chrome_rich(features: Sequence[LineFeatures], s: HeuristicSettings) -> bool:
    """Whether enough of the live lines are short for shape to count as evidence."""
    short = sum(1 for f in features if f.words <= SHORT_LINE_WORDS)
    return bool(features) and short >= s.guard_min_short_share * len(features)


def prose_words(features: Sequence[LineFeatures], cf: Sequence[Class], s: HeuristicSettings) -> list[int]:
    """Each line's words if it reads as prose, else 0."""
    # A cut-off teaser ("… said his mama …") ends like a sentence but is not one.
    return [f.words if not f.is_truncated and (
                c == "good" or (c == "neargood" and f.is_terminal and f.words >= s.guard_prose_min_words))
            else 0 for f, c in zip(features, cf)]


@dataclass(frozen=True)
class Taken:
    """Prose words the stage took in earlier rounds: in all, and by each detector (a later
    round sees less text; the shares are of the document's prose, not of what is left)."""

    total: int = 0
    by_rule: Mapping[str, int] = field(default_factory=dict)


def screen(found: Mapping[int, Finding], features: Sequence[LineFeatures], cf: Sequence[Class],
           s: HeuristicSettings, earlier: Taken = Taken(), extracted: bool = False,
           page: Sequence[LineFeatures] | None = None) -> Screened:
    """The findings (by line) that have evidence enough for what they take, and those held back.

    `page`: the features of all the document's lines, those rules took too (default: the
    live lines'): whether it is a page's raw text is a question about the page, and a
    rule that takes its menu items must not make it look like paragraphs.
    """
    prose = prose_words(features, cf, s)
    anchors = [i for i, words in enumerate(prose) if words and i not in found]
    # The opening prose: the first prose line that no finding on words (a cookie
    # banner's sentence, a newsletter prompt) took.
    opening = next((i for i, words in enumerate(prose)
                    if words and (i not in found or found[i].rule in SHAPE_ONLY or found[i].rule in OPENERS)), None)
    first, last = (anchors[0], anchors[-1]) if anchors else (0, -1)
    applied: dict[int, Finding] = {}
    held: dict[int, tuple[Finding, str]] = {}
    raw = not extracted and is_chrome_rich(features if page is None else page, s)
    lone = _lone_repeats(found, s.guard_min_repeat_run) if extracted else set()
    for i, finding in found.items():
        if i in lone:
            held[i] = finding, "a repeated line, not a repeated block, in an extractor's output"
        elif finding.rule in POSITION_ONLY:
            held[i] = finding, "its place alone, on prose"
        elif finding.rule in ON_SHAPE and not raw:
            held[i] = finding, ("shape, in an extractor's output" if extracted
                                else "shape, in text that is mostly paragraphs")
        elif finding.rule in SHAPE_ONLY and first < i < last:
            held[i] = finding, "shape alone, inside the article"
        elif finding.rule in SHAPE_ONLY and i == opening:
            held[i] = finding, "shape alone, on the opening prose"
        else:
            applied[i] = finding
    total = sum(prose) + earlier.total
    by_rule: dict[str, list[int]] = defaultdict(list)
    for i, finding in applied.items():
        if prose[i] and finding.rule not in REPEATS:
            by_rule[finding.rule].append(i)
    for rule, lines in by_rule.items():
        if rule in OPENERS and opening in lines:
            why = "would take the opening prose"
        elif rule not in STAMPED_COMMENTS and not _comment_shaped(rule, lines, prose) and \
                earlier.by_rule.get(rule, 0) + sum(prose[i] for i in lines) > s.guard_max_prose_share * total:
            why = f"would take over {s.guard_max_prose_share:.0%} of the prose"
        else:
            continue
        for i in lines:
            held[i] = applied.pop(i), why
    # A page with no more prose than an intro, whose teasers are much of its words, is a
    # listing: they are the page.
    prose_lines = sum(1 for i, words in enumerate(prose) if words and i not in applied)
    teasers = [i for i in applied if applied[i].rule in TEASERS] \
        if prose_lines <= s.guard_list_max_prose_lines else []
    if teasers and sum(features[i].words for i in teasers) > s.guard_list_min_share * sum(f.words for f in features):
        for i in teasers:
            held[i] = applied.pop(i), "teasers that are most of a page with no more prose than an intro: " \
                                      "a listing's items"
    if any(prose) and all(i in applied for i, words in enumerate(prose) if words):
        for i in [i for i in applied if prose[i] and applied[i].rule not in REPEATS]:
            held[i] = applied.pop(i), "would take all of the prose"
    return Screened(applied, _runs(held))


def _lone_repeats(found: Mapping[int, Finding], min_run: int) -> set[int]:
    """Repeated lines in runs of fewer than `min_run` consecutive repeats."""
    repeats = sorted(i for i, finding in found.items() if finding.rule in REPEATS)
    lone: set[int] = set()
    for _, run in groupby(enumerate(repeats), key=lambda pair: pair[1] - pair[0]):
        lines = [i for _, i in run]
        if len(lines) < min_run:
            lone.update(lines)
    return lone


def _comment_shaped(rule: str, lines: Sequence[int], prose: Sequence[int]) -> bool:
    """A comment section whose prose comes in much shorter pieces than the article's
    before it: readers' comments, a second signal besides the heading's word."""
    if rule not in COMMENTS:
        return False
    before = [words for words in prose[:lines[0]] if words]
    after = [prose[i] for i in lines]
    return bool(before) and sum(after) / len(after) < COMMENT_PIECE_SHARE * sum(before) / len(before)


def _runs(held: Mapping[int, tuple[Finding, str]]) -> tuple[Held, ...]:
    """Held lines grouped into runs of consecutive lines of one finding and one reason."""
    out: list[Held] = []
    for i in sorted(held):
        finding, why = held[i]
        last = out[-1] if out else None
        if last is not None and last.last == i - 1 and last.finding.rule == finding.rule and last.why == why:
            out[-1] = Held(finding, last.first, i, why)
        else:
            out.append(Held(finding, i, i, why))
    return tuple(out)
