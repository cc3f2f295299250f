"""Findings that need the whole document: repeated lines, and jusText's classifier in context.

The line and run detectors (`cleaner.heuristics.detectors`) look at a line
or a run of lines; these two look at every live line at once. The
heuristics stage (`cleaner.stages.heuristics`) computes the per-line data
they read, once per document, and wires them in order.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from ..config import HeuristicSettings
from .classify import Class, introduced_lists, outside_main_text, smooth
from .detectors import Finding, View
from .features import LineFeatures
from .lexicon import Language
from .neardup import char_bigrams, fingerprint, repeated_lines, simhash


def duplicates(view: View, keys: Sequence[str], hashes: Sequence[int | None]) -> Iterator[Finding]:
    """Exact repeats (by `keys`, "" = not compared) and near repeats (by Simhash, None = not compared)."""
    s = view.settings
    max_distance = round((1 - s.near_duplicate_similarity) * 64)
    lengths = [f.chars for f in view.features]
    for i, how in repeated_lines(keys, hashes, lengths, max_distance, s.near_duplicate_length_ratio,
                                 s.near_duplicate_candidates):
        if how == "exact":
            yield Finding(i, i, "duplicate", "heuristics/duplicate-line", "repeats an earlier line of the document")
        else:
            yield Finding(i, i, "duplicate", "heuristics/near-duplicate",
                          f"Simhash similarity to an earlier line of at least {s.near_duplicate_similarity:.0%}")


def repeat_key(text: str, min_chars: int) -> str:
    """What exact repeats of a line are compared on; "" (not compared) for a short line."""
    key = fingerprint(text)
    return key if len(key) >= min_chars else ""


def line_simhash(text: str, f: LineFeatures, max_tokens: int) -> int | None:
    """A line's Simhash: over its words, or its character pairs in a script without spaces."""
    return simhash(char_bigrams(text) if f.is_unspaced else f.tokens, max_tokens)


def classified(view: View, cf_reasons: Sequence[tuple[Class, str]], found: dict[int, Finding],
               language: Language, breaks: Sequence[bool], settings: HeuristicSettings) -> dict[int, Finding]:
    """jusText's smoothing over the lines: the findings it adds to `found` (by line).

    What a detector found counts as a bad block, except repeats, which say
    nothing about their neighbours (a repeated interview question sits
    between answers) and are left out.
    """
    kept = [i for i in range(len(view.texts)) if found.get(i) is None or found[i].category != "duplicate"]
    features = [view.features[i] for i in kept]
    cf: list[Class] = ["bad" if i in found else view.cf[i] for i in kept]
    classes = smooth(cf, features, settings)
    listed = introduced_lists([view.texts[i] for i in kept], features, classes, [breaks[i] for i in kept])
    final: list[Class] = ["good" if listed[k] else c for k, c in enumerate(classes)]
    far = outside_main_text(final, [c == "bad" for c in cf], features, settings.main_text_gap,
                            settings.main_text_min_share)
    mode = f"{language.name} stoplist" if language.name else "language-independent mode"
    added: dict[int, Finding] = {}
    for k, i in enumerate(kept):
        if i in found:
            continue
        if far[k] and final[k] == "good":
            added[i] = Finding(i, i, "boilerplate", "heuristics/far-from-article",
                               f"prose in a small stretch of the page cut off from the article by {far[k]} "
                               f"lines of chrome ({mode})")
        elif classes[k] == "bad" and not listed[k]:
            kind, why = cf_reasons[i]
            context = "" if kind == "bad" else ", among chrome"
            added[i] = Finding(i, i, "boilerplate", "heuristics/classifier",
                               f"jusText class bad: {why}{context} {view.zone(i, i)} ({mode})")
    return added
