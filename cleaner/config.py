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

    # A user pattern gets this long per search before it is skipped for the
    # document (reported as a warning), so one bad rule cannot hang a batch.
    regex_timeout: float = 0.25

    # Exact repeats of a line shorter than this are left alone: short lines
    # ("Advertisement", "Read more") are handled by rules, and short repeated
    # phrases can be legitimate ("Yes.").
    duplicate_min_chars: int = 25

    # Removal stages repeat until a round removes nothing new (zones move as
    # lines go); real pages settle in two rounds, the cap bounds the worst case.
    max_rounds: int = 4

    # Categories found and reported but left in the text (`--keep`).
    keep: frozenset[str] = field(default_factory=frozenset)


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
