"""The heuristics stage: chrome no rule names, found by its shape in plain text.

Runs after the rules and before token repairs, on the lines no earlier stage
removed (`decided` edits are read, never overridden). In order:

1. repeated lines, exact and near (`duplicate`, the first occurrence stays);
2. line detectors: share rows, cookie and newsletter prompts, captions next
   to credits;
3. run detectors: comment sections, comment threads and dated or labelled
   teaser lists (entry stamps), teaser/related-link lists, navigation runs;
4. jusText's classifier with context smoothing for whatever is left
   (`boilerplate`);
5. the recall guard (`cleaner.heuristics.guard`): each finding must have
   evidence in proportion to what it takes; what it holds back is reported
   as a candidate (a notice), not applied.

Steps 3 and 4 need an article to tell chrome from: a document without a
single good (prose) line keeps its runs of short lines.

Everything is computed over the live lines only, so a second cleaning of
the output sees the same lines and decides the same (the pipeline repeats
removal stages until nothing new goes). Per-line features are computed once
per document and kept in the document's memo for this stage (`Context.memo`),
so later rounds reuse them. The findings themselves are made in
`cleaner.heuristics`; this stage computes what they read and wires them.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Hashable, Iterable, Iterator, Sequence, TypeVar

from ..config import HeuristicSettings
from ..document import Document, Line
from ..edits import Coverage, Edit, Notice
from ..heuristics import findings, guard
from ..heuristics.classify import Class, context_free_class
from ..heuristics.detectors import LINE_DETECTORS, RUN_DETECTORS, Finding, Prescans, View, is_comment_heading
from ..heuristics.features import LineFeatures, line_features
from ..heuristics.lexicon import Language, Lexicon
from . import Context

T = TypeVar("T")


@dataclass(frozen=True)
class Heuristics:
    settings: HeuristicSettings
    lexicon: Lexicon
    name: str = "heuristics"

    def propose(self, doc: Document, decided: Sequence[Edit], context: Context) -> Iterable[Edit | Notice]:
        memo = _Memo(context.memo(self.name), self.settings, self.lexicon)
        removals = Coverage(e for e in decided if e.is_removal)
        gone = doc.removed_lines(removals)
        alive = [line for line in doc.content_lines if not gone[line.index]]
        if not alive:
            return
        s = self.settings
        is_large = len(doc.text) > s.max_chars
        if is_large:
            yield Notice(self.name, "heuristics/size-guard",
                         f"document over {s.max_chars} characters: near-duplicate search and "
                         "the context classifier were skipped")
        texts = [doc.stripped[line.index] for line in alive]
        features = memo.features_of(texts)
        language = memo.language(features)
        cf_reasons = memo.cf_classes_of(texts, features, language)
        cf: list[Class] = [c for c, _ in cf_reasons]
        zones = doc.zones(alive)
        head_end = sum(1 for line in alive if line.index < zones.head_end)
        tail_start = sum(1 for line in alive if line.index < zones.tail_start)
        view = View(texts, features, cf, head_end, tail_start, s, _after_removed_headings(doc, gone, alive, s),
                    memo.prescans(doc), [line.index for line in alive])
        has_prose = "good" in cf
        found: dict[int, Finding] = {}
        for finding in self._findings(view, alive, memo, is_large, has_prose):
            for i in range(finding.first, finding.last + 1):
                found.setdefault(i, finding)
        if not is_large and has_prose:
            breaks = [i > 0 and alive[i - 1].index + 1 < line.index for i, line in enumerate(alive)]
            found.update(findings.classified(view, cf_reasons, found, language, breaks, s))
        # A line a rule removed part of is the rule's decision: it stays in the context, untouched.
        found = {i: f for i, f in found.items() if not removals.overlaps(alive[i].start, alive[i].end)}
        earlier = _taken_earlier(doc, decided, alive, memo, language, s)
        page = features if len(alive) == len(doc.content_lines) else \
            memo.features_of([doc.stripped[line.index] for line in doc.content_lines])
        screened = guard.screen(found, features, cf, s, earlier, context.extracted, page)
        yield from _edits(doc, alive, screened.applied)
        for held in screened.held:
            yield _candidate(doc, alive, held)

    def _findings(self, view: View, alive: Sequence[Line], memo: "_Memo", is_large: bool,
                  has_prose: bool) -> Iterator[Finding]:
        """Every detector's findings. Runs of short lines are only chrome next to an
        article: a text with no prose line at all (a list, a poem, a table) keeps them."""
        yield from self._duplicates(view, alive, memo, is_large)
        for detect in LINE_DETECTORS:
            yield from detect(view)
        if has_prose:
            for detect in RUN_DETECTORS:
                yield from detect(view)

    def _duplicates(self, view: View, alive: Sequence[Line], memo: "_Memo", is_large: bool) -> Iterator[Finding]:
        s = self.settings
        # A repeated question is an interview's structure ("What inspired you?"), not chrome.
        keys = memo.repeat_keys_of(view.texts, view.features)
        # Near repeats are looked for among lines that are not prose: a paragraph an
        # article restates with another number or word is content more often than
        # chrome (exact repeats of prose still go).
        hashes = [None if is_large or f.words < s.near_duplicate_min_words or c in ("good", "neargood") or f.is_question
                  else memo.simhash(line.index, text, f)
                  for line, text, f, c in zip(alive, view.texts, view.features, view.cf)]
        return findings.duplicates(view, keys, hashes)


@dataclass(frozen=True)
class _Memo:
    """Per-line data of one document, computed once and kept for later rounds
    (a line's text never changes; the language usually does not)."""

    store: dict[Any, Any]
    settings: HeuristicSettings
    lexicon: Lexicon

    def _get(self, key: tuple, compute: Callable[..., T], *args: object) -> T:
        store = self.store
        if key not in store:
            store[key] = compute(*args)
        return store[key]

    def _by_text(self, key: Hashable) -> dict[str, Any]:
        """The values kept under `key`, by line text: a value is a function of the text
        alone, and a page repeats its chrome lines (a fifth of the dev pages' lines
        repeat an earlier line of the same page).

        The `..._of` methods fill and read these for all live lines in one loop: in
        later rounds every line is a look-up, and a call or two per line and value
        cost more than the look-up itself.
        """
        return self.store.setdefault(key, {})

    def features(self, text: str) -> LineFeatures:
        known = self._by_text("f")
        if text not in known:
            known[text] = line_features(text)
        return known[text]

    def features_of(self, texts: Sequence[str]) -> list[LineFeatures]:
        known = self._by_text("f")
        for text in texts:
            if text not in known:
                known[text] = line_features(text)
        return [known[text] for text in texts]

    def language(self, features: Sequence[LineFeatures]) -> Language:
        """The text's language from a bounded sample of its words, prose lines first."""
        s = self.settings
        chars = sum(f.chars for f in features) or 1
        if sum(f.chars for f in features if f.is_unspaced) * 2 > chars:
            return self.lexicon.detect((), s.language_min_share, unspaced=True)
        prose = (f.tokens for f in features if f.words >= 10)
        short = (f.tokens for f in features if f.words < 10)
        words = tuple(islice((t for tokens in (*prose, *short) for t in tokens), s.language_sample_words))
        # A later round with the same sample needs no new count.
        return self._get(("language", words), self.lexicon.detect, words, s.language_min_share)

    def cf_class(self, text: str, f: LineFeatures, language: Language) -> tuple[Class, str]:
        known = self._by_text(("c", language.name))
        if text not in known:
            known[text] = context_free_class(f, language, self.settings)
        return known[text]

    def cf_classes_of(self, texts: Sequence[str], features: Sequence[LineFeatures],
                      language: Language) -> list[tuple[Class, str]]:
        known = self._by_text(("c", language.name))  # by the language too: a later round usually keeps it
        for text, f in zip(texts, features):
            if text not in known:
                known[text] = context_free_class(f, language, self.settings)
        return [known[text] for text in texts]

    def prescans(self, doc: Document) -> Prescans:
        return self._get(("prescans",), Prescans, doc.stripped)

    def repeat_keys_of(self, texts: Sequence[str], features: Sequence[LineFeatures]) -> list[str]:
        """Each line's key for exact repeats; "" (not compared) for a question."""
        known = self._by_text("k")
        for text, f in zip(texts, features):
            if not f.is_question and text not in known:
                known[text] = findings.repeat_key(text, self.settings.duplicate_min_chars)
        return ["" if f.is_question else known[text] for text, f in zip(texts, features)]

    def simhash(self, index: int, text: str, f: LineFeatures) -> int | None:
        return self._get(("h", index), findings.line_simhash, text, f, self.settings.simhash_max_tokens)


def _taken_earlier(doc: Document, decided: Sequence[Edit], alive: Sequence[Line], memo: _Memo,
                   language: Language, s: HeuristicSettings) -> guard.Taken:
    """The prose words of the lines this stage removed in earlier rounds, in all and by rule."""
    ours = [e for e in decided if e.is_removal and e.rule.startswith("heuristics/")]
    if not ours:
        return guard.Taken()
    living = {line.index for line in alive}
    lines = [line for line in doc.content_lines if line.index not in living]
    starts = [line.start for line in lines]
    by_rule: dict[str, int] = {}
    for edit in ours:
        k = bisect_left(starts, edit.start)
        while k < len(lines) and lines[k].end <= edit.end:
            line = lines[k]
            text = doc.stripped[line.index]
            f = memo.features(text)
            words = guard.prose_words([f], [memo.cf_class(text, f, language)[0]], s)[0]
            by_rule[edit.rule] = by_rule.get(edit.rule, 0) + words
            k += 1
    return guard.Taken(sum(by_rule.values()), by_rule)


def _after_removed_headings(doc: Document, gone: bytearray, alive: Sequence[Line],
                            s: HeuristicSettings) -> frozenset[int]:
    """Positions in `alive` of the first live line after each comment heading an earlier
    stage removed (the rules drop "2 comments" as a counter; what it heads is left)."""
    texts = doc.stripped
    marks = [line.index for line in doc.content_lines
             if gone[line.index] and is_comment_heading(texts[line.index], len(texts[line.index].split()), s)]
    if not marks:
        return frozenset()
    indexes = [line.index for line in alive]
    return frozenset(k for k in (bisect_left(indexes, mark) for mark in marks) if k < len(alive))


def _edits(doc: Document, alive: Sequence[Line], found: dict[int, Finding]) -> Iterator[Edit]:
    """One removal per run of findings with the same rule and reason on lines with
    nothing but blank lines between them (fewer edits keep the ledger and report small)."""
    start = end = -1
    current: Finding | None = None
    count = 0
    for i in sorted(found):
        finding = found[i]
        line_start, line_end = doc.line_span(alive[i])
        joins = current is not None and (finding.rule, finding.reason) == (current.rule, current.reason) \
            and not doc.text[end:line_start].strip()
        if joins:
            end, count = line_end, count + 1
            continue
        if current is not None:
            yield _edit(start, end, current, count)
        start, end, current, count = line_start, line_end, finding, 1
    if current is not None:
        yield _edit(start, end, current, count)


def _edit(start: int, end: int, finding: Finding, lines: int) -> Edit:
    reason = finding.reason if lines == 1 or finding.first != finding.last else f"{finding.reason} ({lines} lines)"
    return Edit(start, end, "", finding.category, finding.rule, reason)


def _candidate(doc: Document, alive: Sequence[Line], held: guard.Held) -> Notice:
    """A finding the guard held back, as the report shows it: where, what it would have been, why not."""
    start, end = doc.line_span(alive[held.first])[0], doc.line_span(alive[held.last])[1]
    words = doc.text[start:end].split()
    excerpt = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    lines = held.last - held.first + 1
    return Notice("heuristics", held.finding.rule,
                  f"candidate not applied ({held.why}): {held.finding.category}, {lines} line{'s' * (lines > 1)} "
                  f"at {start}-{end}: {excerpt!r}")
