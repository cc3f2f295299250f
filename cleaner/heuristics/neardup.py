"""Repeated lines within a document: exact repeats and near-duplicates (keep the first).

Near-duplicates use trafilatura's Simhash (Charikar's 64-bit hash, as its
own deduplication does). Comparing every pair of lines is quadratic, so the
hash is split into 4 bands of 16 bits and a line is compared only with the
lines that share a band value, at most `candidates` per band: two hashes
within 3 bits of each other always share a band (pigeonhole), and the cost
is bounded per line, so the whole search is linear in the number of lines.
"""

from __future__ import annotations

from typing import Iterator, Sequence

BANDS = 4
BAND_BITS = 16
BAND_MASK = (1 << BAND_BITS) - 1


def fingerprint(text: str) -> str:
    """What exact repeats are compared on: case and white space folded."""
    return " ".join(text.casefold().split())


def simhash(tokens: Sequence[str], max_tokens: int) -> int | None:
    """trafilatura's Simhash of at most `max_tokens` of a line's word bigrams, spread evenly
    over the line (bounded cost per line; a shared opening alone does not make two lines
    alike, nor does a shared vocabulary in another order).

    The tokens are given already split (letters only), so trafilatura's
    fallback tokenizer for non-Latin punctuation, which builds a table of all
    Unicode punctuation on first use, is never needed.
    """
    from trafilatura.deduplication import Simhash

    words = [t for t in tokens if t.isalnum()]
    pairs = [a + b for a, b in zip(words, words[1:])]  # word bigrams: word order counts, not just vocabulary
    pairs = pairs[:: -(-len(pairs) // max_tokens)] if pairs else pairs
    return Simhash(" ".join(pairs)).hash if pairs else None


def char_bigrams(text: str) -> tuple[str, ...]:
    """Tokens for a script without spaces: overlapping character pairs."""
    return tuple(text[i:i + 2] for i in range(len(text) - 1))


class BandIndex:
    """Simhashes seen so far, findable by any of their 4 bands (bounded buckets)."""

    __slots__ = ("_buckets", "_candidates")

    def __init__(self, candidates: int) -> None:
        self._buckets: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._candidates = candidates

    def closest(self, value: int, length: int, min_ratio: float) -> int:
        """The smallest Hamming distance to a stored hash of a line of similar length
        among the candidates (65 if none)."""
        best = 65
        for band in range(BANDS):
            for other, other_length in self._buckets.get((band, (value >> (band * BAND_BITS)) & BAND_MASK), ()):
                if min(length, other_length) >= min_ratio * max(length, other_length):
                    best = min(best, (value ^ other).bit_count())
        return best

    def add(self, value: int, length: int) -> None:
        for band in range(BANDS):
            bucket = self._buckets.setdefault((band, (value >> (band * BAND_BITS)) & BAND_MASK), [])
            if len(bucket) < self._candidates:
                bucket.append((value, length))


def repeated_lines(keys: Sequence[str], hashes: Sequence[int | None], lengths: Sequence[int], max_distance: int,
                   min_length_ratio: float, candidates: int) -> Iterator[tuple[int, str]]:
    """Indexes of lines that repeat an earlier one, with how: "exact" or "near".

    `keys[i]` is a line's fingerprint ("" to skip exact comparison), `hashes[i]`
    its Simhash (None to skip near comparison) and `lengths[i]` its length: a
    near-duplicate is about as long as the line it repeats (a one-line summary
    and the paragraph that expands it hash alike but are both content).
    """
    seen: set[str] = set()
    index = BandIndex(candidates)
    for i, (key, value, length) in enumerate(zip(keys, hashes, lengths)):
        if key and key in seen:
            yield i, "exact"
            continue
        if key:
            seen.add(key)
        if value is None:
            continue
        if index.closest(value, length, min_length_ratio) <= max_distance:
            yield i, "near"
            continue
        index.add(value, length)
