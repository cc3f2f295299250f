"""Every tuning value in one frozen dataclass, with the reason for its default."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Iterable

from .categories import CATEGORIES, closest
from .errors import type_name


def _short_repr(settings: Any) -> str:
    """`Name(field=value, ...)` naming only the fields that differ from their defaults.

    The full repr of `Settings` runs to thousands of characters, nearly all of
    them defaults; what a reader wants to see is what was changed.
    """
    changed = []
    for f in fields(settings):
        value = getattr(settings, f.name)
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        if value != default:
            changed.append(f"{f.name}={value!r}")
    return f"{type(settings).__name__}({', '.join(changed)})"


@dataclass(frozen=True)
class TrafilaturaOptions:
    """The trafilatura options HTML extraction runs with (chosen by measurement: docs/benchmarks.md).

    Comments are off (reader comments are not the article); images, links and
    formatting are off because the text stages want plain lines. `fast` is off:
    trafilatura's comparison with its readability and jusText fallbacks keeps
    forum posts, documentation and product pages that its own rules cut short
    (docs/benchmarks.md measures both).
    """

    fast: bool = False
    favor_precision: bool = False
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = True

    __repr__ = _short_repr


@dataclass(frozen=True)
class HtmlSettings:
    """Thresholds of the HTML extraction step (`cleaner/stages/html/`: `extract.py`, `prune.py`)."""

    # `auto` calls a text HTML when it opens with a doctype or an
    # html/head/body tag, or when the first `detect_chars` hold at least
    # `detect_min_tags` block tags (a stray "<b>" in prose is not HTML).
    detect_chars: int = 2048
    detect_min_tags: int = 4
    # Bytes given as HTML: a <meta charset> is looked for in the first few KB
    # (browsers look at 1 KB; pages with long <head>s put it later).
    charset_sniff_bytes: int = 4096
    # Elements nested deeper than this are not read, nor anything after the
    # first of them (the parser stops there), and `extraction.problems` says
    # so. Here rather than beside `Settings.max_document_bytes`: it is how a
    # page is parsed, and a page over it is cleaned, not rejected. The default
    # is libxml2's own; it reads at most 2048 (`cleaner.stages.html.dom`).
    max_nesting_depth: int = 256
    # Chrome containers (figures, related/newsletter/share/promo boxes named
    # by class or id) are pruned before extraction unless they hold more than
    # this share of the page's text (then the "container" is the article) ...
    prune_max_share: float = 0.3
    # ... or more than this many paragraphs of prose (over 80 characters):
    # a related box has teasers, not paragraph after paragraph.
    prune_max_paragraphs: int = 2
    # A paragraph no longer than this whose whole text is one link is an
    # inline teaser for another story, pruned before extraction.
    link_teaser_max_chars: int = 150
    # An article body split into same-class containers is joined before
    # extraction when at least two of them hold this many characters (smaller
    # same-class boxes are teasers).
    chunk_min_chars: int = 500
    # Loose text a <div> opens with, up to its first <br>, is wrapped in a <p>
    # when it is at least this long: trafilatura drops such leading runs (often
    # the first paragraph) on pages that separate paragraphs with <br>s.
    leading_text_min_chars: int = 40
    # trafilatura's result is "too little" below this many characters: the
    # page's visible text is used instead and the report says why.
    min_extracted_chars: int = 50
    # A page whose extracted text is shorter than `discussion_max_chars` is
    # extracted again with comments: in a forum thread or a Q&A the posts are
    # what trafilatura files as comments (a news brief's comments are not
    # the story). They are taken when the text with them is more than
    # `discussion_min_gain` times as long (wcxb forums +0.007 F1, news unchanged:
    # docs/benchmarks.md).
    discussion_max_chars: int = 1000
    discussion_min_gain: float = 3.0
    # Reporting what extraction dropped aligns the page's visible blocks with
    # the extracted text in order. A block shorter than `align_short_chars` must
    # follow the previous match within that many characters (a "Share" button
    # is not the word "share" far away in the article); a longer one within
    # `align_window_chars`, or anywhere, for at most `align_max_global_searches`
    # blocks a page (each such search reads the whole text).
    align_short_chars: int = 40
    align_window_chars: int = 2000
    align_max_global_searches: int = 100
    trafilatura: TrafilaturaOptions = field(default_factory=TrafilaturaOptions)

    __repr__ = _short_repr


@dataclass(frozen=True)
class HeuristicSettings:
    """Thresholds of the heuristics stage (`cleaner/stages/heuristics.py`, `cleaner/heuristics/`)."""

    # jusText's classifier (Pomikálek 2011), with its published defaults: a
    # line shorter than `length_low` characters is "short" (decided by its
    # neighbours); a longer one is good when at least `stopwords_high` of its
    # words are stopwords of the text's language and it is longer than
    # `length_high`, near-good from `stopwords_low`, bad below.
    length_low: int = 70
    length_high: int = 200
    stopwords_low: float = 0.30
    stopwords_high: float = 0.32
    # Plain text has lines, not paragraphs with tags: a line that ends like a
    # sentence is near-good down to `sentence_min_stopwords` (news prose dense
    # with names and numbers runs at 0.2-0.3; menus and teaser lists have no
    # sentence ends), and a line of `paragraph_min_sentences` sentences or more
    # at any density (chrome is rarely several sentences in a row).
    sentence_min_stopwords: float = 0.18
    # News paragraphs are often one or two sentences (100-200 characters); a
    # line that ends like a sentence is good from this length on.
    sentence_length_high: int = 120
    # A short line that is a whole sentence rich in stopwords ("Authorities say
    # the cases appear to be unrelated.") is near-good, not short: an article's
    # last line is often one, and a tail of chrome would otherwise take it.
    short_sentence_min_words: int = 5
    paragraph_min_sentences: int = 3
    # A short line without terminal punctuation right before a good block is a
    # heading (jusText reads the tag; plain text has only the position). jusText
    # allows 200 characters in between; plain text has no tags, so a looser
    # distance would keep the menu items that precede an article's first line.
    max_heading_distance: int = 0
    heading_max_words: int = 15
    # Language-independent mode (no stoplist matches, or a script without spaces):
    # a line is good when long and ending like a sentence. A Chinese or Japanese
    # character carries about what 3-4 Latin letters do, hence shorter limits.
    unspaced_length_low: int = 20
    unspaced_length_high: int = 40
    # Language detection: stopword overlap with the justext stoplists over at
    # most `language_sample_words` words (long lines first, where prose is); a
    # language is trusted when its stopwords make at least `language_min_share`
    # of the sample (prose runs at 0.3-0.5; a list of names near 0).
    language_sample_words: int = 250
    language_min_share: float = 0.12
    # The article is one region of the page: prose in a stretch cut off from the
    # rest by at least `main_text_gap` chrome lines in a row, holding less than
    # `main_text_min_share` of the prose of the largest stretch, is a teaser
    # block or a comment thread, not the article. (Dev pages: a gap of 5 cut a
    # recipe's second half in extractor output, 6 did not; an article's own
    # inline chrome, a "related" box, is rarely 6 lines.)
    main_text_gap: int = 6
    main_text_min_share: float = 0.8
    # A line that is mostly URLs or e-mail addresses is chrome (jusText's link
    # density, whose default limit is 0.2, read from plain text).
    max_url_share: float = 0.5
    # Teaser and related-link lists: at least `teaser_min_run` consecutive lines
    # of `teaser_min_words`..`teaser_max_words` words that read like headlines
    # (no terminal punctuation; title case on at least `title_min_share` of the
    # words, or cut off with an ellipsis, or bulleted in the tail).
    teaser_min_run: int = 3
    teaser_min_words: int = 3
    teaser_max_words: int = 20
    title_min_share: float = 0.5
    # Headlines are words; a line over this share of digits and symbols is a
    # table row or a price list, not a teaser.
    teaser_max_symbol_share: float = 0.3
    # A bulleted run in the tail is a teaser list only when its lines were cut
    # to one width (sites cut teasers at a fixed number of characters; a few
    # characters of slack for a word's last letters or a wide glyph): an
    # article's own list there (ingredients, steps) has lines of any length.
    teaser_width_tolerance: int = 3
    # Navigation and menus: at least `nav_min_run` consecutive lines of at most
    # `nav_max_words` words without terminal punctuation. A run with good prose
    # on both sides outside the head and tail is kept (an ingredient list).
    nav_min_run: int = 4
    nav_max_words: int = 4
    # Share/follow rows: at most `share_max_words` words, at least
    # `share_min_share` of them network names or share verbs.
    share_max_words: int = 12
    share_min_share: float = 0.6
    # Cookie and newsletter prompts are short; article sentences about cookies
    # or newsletters are told apart by the banner's vocabulary and by length.
    cookie_max_words: int = 80
    newsletter_max_words: int = 30
    # A caption next to a credit line ("Photo: Reuters") is at most this long.
    caption_max_words: int = 40
    credit_max_words: int = 12
    # Comment threads and dated teaser lists: at least `stamp_min_run` stamp
    # lines (dates, ages, vote counts, Reply buttons, "Jane says:") of at most
    # `stamp_max_words` words, each within `stamp_max_gap` lines of the next
    # (an entry is a headline and a summary, or a name and a comment of a few
    # lines; dev pages: mostly 2-5, a long comment 10, and a thread cut in two
    # at 6 left its second half to outrank the article). The run goes only
    # when the page has prose outside it of at least `stamp_min_outside_share`
    # of the prose inside (a live blog is all entries; a short article can
    # carry a long comment thread).
    stamp_min_run: int = 3
    stamp_max_words: int = 10
    stamp_max_gap: int = 10
    stamp_min_outside_share: float = 0.5
    # A section label over teasers ("Company Town", "Politics") counts as a
    # stamp when the same line of at most `label_max_words` words, without
    # sentence punctuation or a colon (speaker labels in an interview end with
    # one), occurs `stamp_min_run` times or more.
    label_max_words: int = 4
    # ... over entries of at most `label_max_entry_lines` lines (a headline, a
    # summary, a date) of which at least `label_min_headline_share` are
    # headlines (no terminal punctuation): the same marker between an
    # article's paragraphs ("Advert") heads paragraphs, not teasers.
    label_max_entry_lines: int = 3
    label_min_headline_share: float = 0.3
    # A comment section's heading ("Top Rated Comments", "2 comments") ends the
    # article when at least `comment_min_article_chars` of prose (good lines)
    # come before it: a "Comments" link in a menu above the article has none.
    # A heading is a few words (`comment_heading_max_words`).
    comment_min_article_chars: int = 600
    comment_heading_max_words: int = 8
    # Exact repeats of a line shorter than `duplicate_min_chars` are left
    # alone: short lines ("Advertisement", "Read more") are handled by rules,
    # and short repeated phrases can be legitimate ("Yes.").
    # Near-duplicates are looked for among lines that are not prose (jusText's
    # short and bad lines: repeated chrome varies in a count or a date; a
    # paragraph restated with another number is content) of at least
    # `near_duplicate_min_words` words (shorter lines' hashes are too coarse).
    # Similar means trafilatura's 64-bit Simhash over at most
    # `simhash_max_tokens` word pairs of the line (each costs a 64-wide vector
    # add, so the cost per line is bounded) agrees on `near_duplicate_similarity`
    # of its bits; 0.95 allows 3 bits, which 4 bands of 16 bits always find.
    # At most `near_duplicate_candidates` hashes are compared per band, so the
    # search is linear in the number of lines.
    duplicate_min_chars: int = 25
    near_duplicate_min_words: int = 6
    near_duplicate_similarity: float = 0.95
    near_duplicate_candidates: int = 8
    # ... and about as long as the line it repeats: a one-line summary and the
    # paragraph that expands on it hash alike, and both are content.
    near_duplicate_length_ratio: float = 0.85
    simhash_max_tokens: int = 32
    # Above this many characters the context classifier and near-duplicate
    # search are skipped (the report says so): exact duplicates and the
    # line-local detectors still run. Everything here is linear (a 50 MB
    # document is cleaned whole), so this is a valve for freak inputs only.
    max_chars: int = 200_000_000
    # The recall guard (`cleaner.heuristics.guard`): findings on shape apply
    # where at least `guard_min_short_share` of the lines are short; a prose
    # line is a good line or a near-good sentence of at least
    # `guard_prose_min_words` words; no detector but a stamped comment thread
    # takes more than `guard_max_prose_share` of the prose words.
    guard_min_short_share: float = 0.4
    guard_prose_min_words: int = 8
    guard_max_prose_share: float = 0.5
    # In an extractor's output, exact repeats go in runs of at least this many
    # consecutive lines (dev pages, trafilatura's output: single repeated lines
    # were content on offer, FAQ and documentation pages; repeated blocks were
    # sections shown twice and quoted posts).
    guard_min_repeat_run: int = 3
    # A page with at most `guard_list_max_prose_lines` lines of prose left (an
    # intro) whose teaser lines make over `guard_list_min_share` of its words is
    # a listing: its teasers are the page, and are held back (wcxb text: listing
    # pages 0.600 -> 0.621, above the identity's 0.616; articles and news
    # unchanged; three lines take short news briefs among many teasers, a
    # share of 0.35 takes news pages).
    guard_list_max_prose_lines: int = 2
    guard_list_min_share: float = 0.4

    __repr__ = _short_repr


@dataclass(frozen=True)
class Settings:
    """Thresholds and switches for the pipeline. To disable a check, leave its stage out."""

    # Zones. Chrome clusters at the top (widgets, counters) and bottom (footers,
    # related lists) of a page. The head is the first `head_lines` non-empty
    # lines; the tail is the last `tail_fraction` of non-empty lines, but never
    # fewer than `tail_min_lines` (short pages still have footers).
    head_lines: int = 6
    tail_fraction: float = 0.4
    tail_min_lines: int = 12

    # Bytes are rejected as binary when more than this share are control
    # characters text never contains (NUL, C0 controls but white space and ESC,
    # DEL). Compressed data runs near 11%; text with a few stray NULs far below.
    max_control_ratio: float = 0.05

    # Each rule's searches together may take this long on one document (see
    # `rule_allowance`); then the rule is skipped for the rest of the document
    # and named in the report's warnings, so one bad user pattern cannot hang
    # a batch. Big documents get more: a sound pattern costs about 2 µs per
    # line searched and 0.2 s per million characters, and the allowance is
    # ten times that, so a slow machine does not lose rules; it is CPU time
    # (cleaner.stages.budget), so a busy one does not either.
    regex_timeout: float = 0.25
    regex_timeout_per_line: float = 25e-6
    regex_timeout_per_mb: float = 2.0

    # The heuristics stage: chrome no rule names, found by its shape. None
    # leaves the stage out (`--no-heuristics`): rules only, for corpora whose
    # sites the rule files know; text cleans several times faster
    # (`benchmarks/throughput.py`), at the cost of the chrome no rule names.
    # The word repairs (hyphenation, glued and damaged words) judge by the
    # document's word list, as the heuristics judge by its stopwords: they go
    # with the stage. Rule repairs, entities, invisible characters, homoglyphs
    # and letter-spacing stay.
    heuristics: HeuristicSettings | None = field(default_factory=HeuristicSettings)

    # Removal stages repeat until a round removes nothing new (zones move as
    # lines go); real pages settle in two rounds, the cap bounds the worst case.
    max_rounds: int = 4

    # HTML input: recognising it, extraction, the fallback (see `HtmlSettings`).
    html: HtmlSettings = field(default_factory=HtmlSettings)

    # Limits that protect a batch (`cleaner.limits`): a document over one is
    # rejected and the reason names it; None lifts it. The defaults are far above
    # any article (the 50 MB document and 5-million-character line of the bad-input
    # tests pass) and below what would exhaust a worker's memory or time.
    max_document_bytes: int | None = 256 << 20
    max_line_chars: int | None = 16 << 20
    max_document_seconds: float | None = 600.0  # CPU time, in the CLI's processes (main thread)

    # Categories found and reported but left in the text (`--keep`): any
    # iterable of category names, held as a frozenset (settings are hashable).
    keep: frozenset[str] = field(default_factory=frozenset)

    # Damaged-looking tokens with no single confident repair are reported as
    # suspects and left alone; True replaces each with its top candidate
    # (`--repair-suspects`), for text where a guess beats a garbled word.
    repair_suspects: bool = False

    __repr__ = _short_repr

    def __post_init__(self) -> None:
        object.__setattr__(self, "keep", _kept_categories(self.keep))

    def rule_allowance(self, chars: int, lines: int) -> float:
        """Seconds each rule may spend on a document of `chars` characters in `lines` lines."""
        return self.regex_timeout + self.regex_timeout_per_line * lines + self.regex_timeout_per_mb * chars / 1e6


def _kept_categories(keep: object) -> frozenset[str]:
    """`keep` as a frozenset of category names; a misspelt name is refused with the closest real one."""
    if isinstance(keep, (str, bytes)) or not isinstance(keep, Iterable):
        hint = f" (one category is written keep={{{keep!r}}})" if isinstance(keep, str) else ""
        raise TypeError(f"Settings(keep=...) expects a set of category names, got {type_name(keep)}{hint}")
    names = frozenset(keep)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"Settings(keep=...) expects category names (str), got {type_name(name)} {name!r:.60}")
    unknown = sorted(names - CATEGORIES)
    if unknown:
        guesses = [f"{name!r}" + (f" (did you mean {closest(name)!r}?)" if closest(name) else "") for name in unknown]
        raise ValueError(f"Settings(keep=...) has unknown categor{'ies' if len(unknown) > 1 else 'y'} "
                         f"{', '.join(guesses)}; the categories are: {', '.join(sorted(CATEGORIES))}")
    return names


@dataclass(frozen=True)
class BatchSettings:
    """How a corpus run feeds the worker pool. None of this changes what cleaning outputs."""

    # A chunk is the unit sent to a worker: a few documents, so one message
    # carries enough work to hide the inter-process overhead, and little
    # enough that an interrupt or a slow document delays others only briefly.
    chunk_docs: int = 16
    chunk_bytes: int = 1 << 20

    # Chunks in flight per worker. More than one keeps a worker busy while the
    # parent writes; the cap is what keeps memory bounded on huge inputs
    # (the stdlib pools would otherwise queue the whole input).
    chunks_per_worker: int = 3


@dataclass(frozen=True)
class RayEngineSettings:
    """How `cleaner clean --engine ray` feeds its actors. None of this changes what cleaning outputs."""

    # Records per batch handed to an actor: at a few KB per article, 256 is a
    # batch of about a megabyte, large enough that Ray's per-batch overhead
    # (scheduling, Arrow conversion) is small beside the cleaning, small enough
    # that the pool's actors share out even a few thousand records.
    batch_size: int = 256

    # Most cleaning actors at once; 0 means one per CPU of the cluster. The
    # pool starts at one actor and grows as reads keep up.
    actors: int = 0
