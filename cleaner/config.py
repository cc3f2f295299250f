"""Every tuning value in one frozen dataclass, with the reason for its default."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TrafilaturaOptions:
    """The trafilatura options HTML extraction runs with (chosen by measurement: README, "HTML input").

    Comments are off (reader comments are not the article); images, links and
    formatting are off because the text stages want plain lines.
    """

    fast: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = True


@dataclass(frozen=True)
class HtmlSettings:
    """Thresholds of the HTML extraction step (`cleaner/stages/html.py`, `prune.py`)."""

    # `auto` calls a text HTML when it opens with a doctype or an
    # html/head/body tag, or when the first `detect_chars` hold at least
    # `detect_min_tags` block tags (a stray "<b>" in prose is not HTML).
    detect_chars: int = 2048
    detect_min_tags: int = 4
    # Bytes given as HTML: a <meta charset> is looked for in the first few KB
    # (browsers look at 1 KB; pages with long <head>s put it later).
    charset_sniff_bytes: int = 4096
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
    # ten times that, so a slow or busy machine does not lose rules.
    regex_timeout: float = 0.25
    regex_timeout_per_line: float = 25e-6
    regex_timeout_per_mb: float = 2.0

    # Exact repeats of a line shorter than this are left alone: short lines
    # ("Advertisement", "Read more") are handled by rules, and short repeated
    # phrases can be legitimate ("Yes.").
    duplicate_min_chars: int = 25

    # Removal stages repeat until a round removes nothing new (zones move as
    # lines go); real pages settle in two rounds, the cap bounds the worst case.
    max_rounds: int = 4

    # HTML input: recognising it, extraction, the fallback (see `HtmlSettings`).
    html: HtmlSettings = field(default_factory=HtmlSettings)

    # Categories found and reported but left in the text (`--keep`).
    keep: frozenset[str] = field(default_factory=frozenset)

    def rule_allowance(self, chars: int, lines: int) -> float:
        """Seconds each rule may spend on a document of `chars` characters in `lines` lines."""
        return self.regex_timeout + self.regex_timeout_per_line * lines + self.regex_timeout_per_mb * chars / 1e6

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
