"""One page as learning sees it: its lines, each with its family, where it sits and whether it reads like prose.

The text is the one rules are matched against: the source after decoding,
HTML extraction and Unicode repair (`CleanResult.source_text`). Where a line
sits is judged against the page's own article, its longest stretch of prose:
the lines before it are the head, those after it the tail, the rest are
inside. Prose is the heuristics' own judgement of a line (jusText's
context-free class, `cleaner.heuristics.classify`): a line that reads like a
sentence of the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple

from ..config import HeuristicSettings, Settings
from ..errors import CleanerError
from ..heuristics.classify import context_free_class
from ..heuristics.features import LineFeatures, line_features
from ..heuristics.lexicon import Language, Lexicon
from ..io.jsonl import JsonlFields
from ..pipeline import Cleaner
from ..ruleset.model import RuleSet
from .normalise import family_key
from .pages import Page, host_of, task_page

Where = Literal["head", "inside", "tail"]


class SeenLine(NamedTuple):
    text: str       # the line, stripped
    key: str        # its family (`family_key`)
    where: Where
    position: float  # its index over the page's line count: orders a site's rules as its pages do
    is_prose: bool
    in_title: bool   # a part of the page's first line, its title ("Headline - Section - Site"): its headline


@dataclass(frozen=True)
class PageView:
    host: str | None
    lines: tuple[SeenLine, ...]


def reads_like_prose(f: LineFeatures, language: Language, s: HeuristicSettings) -> bool:
    """A line the heuristics would call (near-)good on its own: a sentence, not a label."""
    return f.words >= s.short_sentence_min_words and context_free_class(f, language, s)[0] in ("good", "neargood")


# Prose lines further apart than this are two stretches of the page: the article is the
# stretch with the most prose, the others are teasers or comments.
ARTICLE_GAP = 20


def main_stretch(prose: Sequence[int], lengths: Sequence[int]) -> tuple[int, int] | None:
    """The first and last of the `prose` line numbers that make the page's longest stretch of prose."""
    if not prose:
        return None
    stretches: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        if i - stretches[-1][-1] > ARTICLE_GAP:
            stretches.append([])
        stretches[-1].append(i)
    best = max(stretches, key=lambda lines: sum(lengths[i] for i in lines))
    return best[0], best[-1]


def _is_headline_of(line: str, title: str, f: LineFeatures) -> bool:
    """`line` is the headline in the page's title ("Headline - Section - Site"). A site lists
    its articles' headlines on its other pages: such a line recurs, yet it is an article's."""
    return f.words >= 3 and len(line) < len(title) and line in title


@dataclass(frozen=True)
class Observer:
    """Turns pages (or a corpus run's tasks) into `PageView`s. Picklable: a process pool's worker."""

    settings: Settings = field(default_factory=Settings)
    domain: str | None = None                       # every page's host (`--domain`), whatever its URL
    fields: JsonlFields = field(default_factory=JsonlFields)
    url: str | None = None                          # the URL of pages that carry none (`--url`)
    lexicon: Lexicon = field(default_factory=Lexicon, compare=False)

    @cached_property
    def reader(self) -> Cleaner:
        # Only the text rules would be matched against is wanted (`Cleaner.source_text`): no
        # stage runs, so no rules to compile.
        return Cleaner(rules=RuleSet(), settings=self.settings, lexicon=self.lexicon)

    def process(self, task: object) -> PageView | None:
        page = task_page(task, self.fields, self.url)
        return None if page is None else self.view(page)

    def view(self, page: Page) -> PageView | None:
        """The page's lines, or None when it cannot be read (cleaning would reject it too)."""
        try:
            text = self.reader.source_text(page.source, url=page.url, format=page.format,  # type: ignore[arg-type]
                                           charset=page.charset)
        except (CleanerError, TypeError, ValueError):
            return None
        return PageView(self.domain or host_of(page.url), self.lines(text))

    def lines(self, text: str) -> tuple[SeenLine, ...]:
        s = self.settings.heuristics or HeuristicSettings()
        stripped = [line.strip() for line in text.split("\n")]
        kept = [(i, line) for i, line in enumerate(stripped) if line]
        features = [line_features(line) for _, line in kept]
        language = self.lexicon.detect((t for f in features for t in f.tokens), s.language_min_share,
                                       unspaced=sum(f.is_unspaced for f in features) * 2 > len(features) > 0)
        prose = [reads_like_prose(f, language, s) for f in features]
        first, last = main_stretch([n for n, is_prose in enumerate(prose) if is_prose],
                                   [f.chars for f in features]) or (len(kept), len(kept))
        total = max(1, len(stripped))
        title = kept[0][1] if kept else ""
        return tuple(
            SeenLine(line, family_key(line), "head" if n < first else "tail" if n > last else "inside",
                     i / total, prose[n], _is_headline_of(line, title, features[n]))
            for n, (i, line) in enumerate(kept))
