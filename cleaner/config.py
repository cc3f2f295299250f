"""Every tuning value in one frozen dataclass, with the reason for its default."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    # Categories found and reported but left in the text (`--keep`).
    keep: frozenset[str] = field(default_factory=frozenset)

    def rule_allowance(self, chars: int, lines: int) -> float:
        """Seconds each rule may spend on a document of `chars` characters in `lines` lines."""
        return self.regex_timeout + self.regex_timeout_per_line * lines + self.regex_timeout_per_mb * chars / 1e6
