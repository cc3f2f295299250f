"""jusText's paragraph classification and context smoothing, over plain-text lines.

`context_free_class` is jusText's `classify_paragraphs` with plain-text
evidence; `smooth` is its `revise_paragraph_classification`: a short block
between two good ones is content, a short block between bad ones (or between
a bad one and the document's edge) is chrome, near-good blocks join whichever
side they touch. The document's edges count as bad, so a run of short
blocks at the tail goes.
"""

from __future__ import annotations

from typing import Literal, Sequence

from ..config import HeuristicSettings
from .features import LineFeatures
from .lexicon import Language

Class = Literal["good", "neargood", "short", "bad"]


def context_free_class(f: LineFeatures, language: Language, s: HeuristicSettings) -> tuple[Class, str]:
    """jusText's context-free class of one line, and the evidence for it."""
    if f.url_share > s.max_url_share:
        return "bad", "mostly URLs or e-mail addresses"
    if f.has_copyright:
        return "bad", "a copyright notice"
    if f.is_unspaced or language.name is None:
        return _class_without_stopwords(f, s)
    density = f.stop_density(language.stopwords)
    if f.chars < s.length_low:
        if f.is_terminal and f.words >= s.short_sentence_min_words and density >= s.stopwords_high:
            return "neargood", "a short sentence"
        return "short", f"short ({f.chars} characters)"
    if density >= s.stopwords_high:
        is_long = f.chars > s.length_high or (f.is_terminal and f.chars > s.sentence_length_high)
        return ("good" if is_long else "neargood"), "prose"
    if density >= s.stopwords_low:
        return "neargood", "prose"
    if f.is_terminal and density >= s.sentence_min_stopwords:
        return "neargood", "a sentence"
    if f.sentences >= s.paragraph_min_sentences:
        return "neargood", f"a paragraph of {f.sentences} sentences"
    return "bad", f"few {language.name} stopwords ({density:.0%})"


def _class_without_stopwords(f: LineFeatures, s: HeuristicSettings) -> tuple[Class, str]:
    """Language-independent mode: length (in characters for unspaced scripts) and sentence punctuation."""
    low, high = (s.unspaced_length_low, s.unspaced_length_high) if f.is_unspaced else (s.length_low, s.length_high)
    if f.chars < low:
        return "short", f"short ({f.chars} characters)"
    if f.is_terminal:
        return ("good" if f.chars > high else "neargood"), "sentence"
    return "bad", "long line without sentence punctuation"


def is_heading(f: LineFeatures, s: HeuristicSettings) -> bool:
    """A one-line subheading: short, no terminal punctuation, no bullet."""
    return f.words <= s.heading_max_words and not f.is_terminal and not f.is_bulleted


def _neighbours(classes: Sequence[Class], step: int, ignore_neargood: bool) -> list[Class]:
    """For each block, the class of the nearest block in direction `step` that is good or bad
    (or near-good, unless `ignore_neargood`); the document's edges are bad. One pass."""
    decisive = ("good", "bad") if ignore_neargood else ("good", "bad", "neargood")
    out: list[Class] = ["bad"] * len(classes)
    last: Class = "bad"
    order = range(len(classes)) if step < 0 else range(len(classes) - 1, -1, -1)
    for i in order:
        out[i] = last
        if classes[i] in decisive:
            last = classes[i]
    return out


def smooth(cf: Sequence[Class], features: Sequence[LineFeatures], s: HeuristicSettings) -> list[Class]:
    """jusText's context-sensitive revision; returns "good" or "bad" for every block.

    Each step reads the classes as they stood before it (as jusText does), so
    the result does not depend on the order blocks are visited in. Neighbours
    are found in one pass each way (jusText walks from every block, which is
    quadratic on a page of short lines).
    """
    classes: list[Class] = list(cf)
    _promote_headings(classes, features, s, frm="short", to="neargood")
    prev, nxt = _neighbours(classes, -1, True), _neighbours(classes, 1, True)
    prev_ng, nxt_ng = _neighbours(classes, -1, False), _neighbours(classes, 1, False)
    revised = list(classes)
    for i, c in enumerate(classes):
        if c != "short":
            continue
        if prev[i] == nxt[i]:
            revised[i] = prev[i]
        elif (prev[i] == "bad" and prev_ng[i] == "neargood") or (nxt[i] == "bad" and nxt_ng[i] == "neargood"):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    classes = revised
    prev, nxt = _neighbours(classes, -1, True), _neighbours(classes, 1, True)
    classes = [("bad" if prev[i] == "bad" and nxt[i] == "bad" else "good") if c == "neargood" else c
               for i, c in enumerate(classes)]
    for i, c in enumerate(classes):
        if c == "bad" and cf[i] != "bad" and is_heading(features[i], s) and _good_follows(classes, features, i, s):
            classes[i] = "good"
    return classes


def _promote_headings(classes: list[Class], features: Sequence[LineFeatures], s: HeuristicSettings,
                      frm: Class, to: Class) -> None:
    for i, c in enumerate(classes):
        if c == frm and is_heading(features[i], s) and _good_follows(classes, features, i, s):
            classes[i] = to


def _good_follows(classes: Sequence[Class], features: Sequence[LineFeatures], i: int, s: HeuristicSettings) -> bool:
    """A good block starts within `max_heading_distance` characters after block `i`."""
    distance = 0
    for j in range(i + 1, len(classes)):
        if classes[j] == "good":
            return True
        distance += features[j].chars
        if distance > s.max_heading_distance:
            return False
    return False


def introduced_lists(texts: Sequence[str], features: Sequence[LineFeatures], classes: Sequence[Class],
                     breaks: Sequence[bool]) -> list[bool]:
    """Lines that belong to a list or table a good line introduces with a colon.

    "Here are the standings after 36 races:" announces what follows; the rows
    are short, symbol-heavy and stopword-poor, and jusText would drop them. A
    short line ending with a colon right after prose ("He said:") introduces
    too, and is kept with what it introduces. The
    list runs until the next good line, or until a blank line (`breaks[i]`: one
    comes before line `i`) followed by a line that is not item-shaped (numbered,
    bulleted, a table row or a link): a page's footer after the list is not
    protected by a colon in the article's last paragraph.
    """
    listed = [False] * len(texts)
    active = False
    for i, text in enumerate(texts):
        opens = text.rstrip().endswith(":")
        if classes[i] == "good":
            active = opens
            continue
        if opens and i > 0 and classes[i - 1] == "good":
            listed[i] = active = True  # a short introduction right after prose: "He said:"
            continue
        follows_intro = i > 0 and (classes[i - 1] == "good" or texts[i - 1].rstrip().endswith(":"))
        if active and breaks[i] and not follows_intro and not _is_item(text, features[i]):
            active = False
        listed[i] = active
    return listed


def _is_item(text: str, f: LineFeatures) -> bool:
    return f.is_bulleted or f.url_share > 0.5 or text[:1].isdigit() or text.startswith("|")


def outside_main_text(classes: Sequence[Class], hard: Sequence[bool], features: Sequence[LineFeatures],
                      min_gap: int, min_share: float) -> list[int]:
    """Good lines in a stretch of the page far from the article: the gap before them is
    `min_gap` or more lines of chrome with evidence of their own (`hard[i]`: bad before
    smoothing, or found by a detector; short lines that smoothing made bad, such as an
    ingredient list, neither make nor break a gap), and their stretch holds less than `min_share`
    of the prose the largest stretch holds (a teaser block's one-line summaries, a
    comment thread after the footer). The idea is readability's and trafilatura's:
    the article is one region of the page; here the region is found in one pass.

    Returns the gap count for each line: 0 in the main stretch and in stretches big
    enough to keep, else the number of bad lines that separate it from the previous stretch.
    """
    stretches: list[tuple[int, int, int, int]] = []  # (first, last, prose chars, gap before)
    start, prose, bad_run, run_start, gap = 0, 0, 0, 0, 0
    for i, c in enumerate(classes):
        if c == "bad":
            if hard[i]:
                run_start = i if bad_run == 0 else run_start
                bad_run += 1
            continue
        if bad_run >= min_gap and run_start > start:
            stretches.append((start, run_start - 1, prose, gap))
            start, prose, gap = run_start, 0, bad_run
        bad_run = 0
        prose += features[i].chars
    stretches.append((start, len(classes) - 1, prose, gap))
    main = max(range(len(stretches)), key=lambda k: stretches[k][2])
    best = stretches[main][2]
    far = [0] * len(classes)
    for k, (first, last, prose, gap) in enumerate(stretches):
        if k != main and prose < min_share * best:
            for i in range(first, last + 1):
                far[i] = max(gap, 1)
    return far
