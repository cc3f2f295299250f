"""Repeated lines within a document: exact repeats and near-duplicates (keep the first).

Near-duplicates use trafilatura's Simhash (Charikar's 64-bit hash, as its
own deduplication does). Comparing every pair of lines is quadratic, so the
hash is split into 4 bands of 16 bits and a line is compared only with the
lines that share a band value, at most `candidates` per band: two hashes
within 3 bits of each other always share a band (pigeonhole), and the cost
is bounded per line, so the whole search is linear in the number of lines.
"""

from __future__ import annotations

from functools import cache
from hashlib import blake2b
from operator import add
from struct import unpack
from typing import Iterator, Sequence

BANDS = 4
BAND_BITS = 16
BAND_MASK = (1 << BAND_BITS) - 1
_COUNTER_MAX = (1 << 16) - 1  # votes one 16-bit counter of `charikar` can hold


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
    from trafilatura.deduplication import sample_tokens

    words = [t for t in tokens if t.isalnum()]
    pairs = [a + b for a, b in zip(words, words[1:])]  # word bigrams: word order counts, not just vocabulary
    pairs = pairs[:: -(-len(pairs) // max_tokens)] if pairs else pairs
    return charikar(sample_tokens(" ".join(pairs))) if pairs else None


def charikar(tokens: Sequence[str]) -> int:
    """The 64-bit hash trafilatura's `Simhash` gives these tokens, bit for bit: each
    token's blake2b-64 votes +1 or -1 on every bit, a bit is set where the votes are
    not negative. trafilatura adds 64-wide vectors token by token; here each token's
    bits are spread into 64 counters of 16 bits inside one integer (a table look-up
    per byte of the hash), so one addition counts all 64 bits.
    """
    counts = [0] * 64
    for start in range(0, len(tokens), _COUNTER_MAX):  # a counter holds at most this many votes
        spread = _spread_bits(tokens[start:start + _COUNTER_MAX])
        counts = list(map(add, counts, unpack("<64H", spread.to_bytes(128, "little"))))
    half = (len(tokens) + 1) // 2  # a bit's votes sum to 0 or more when at least half the tokens set it
    return int("".join("1" if n >= half else "0" for n in reversed(counts)), 2)


def _spread_bits(tokens: Sequence[str]) -> int:
    t0, t1, t2, t3, t4, t5, t6, t7 = _spread_tables()
    total = 0
    for token in tokens:
        d = blake2b(token.encode(), digest_size=8).digest()  # read big-endian, as trafilatura does
        total += t0[d[7]] + t1[d[6]] + t2[d[5]] + t3[d[4]] + t4[d[3]] + t5[d[2]] + t6[d[1]] + t7[d[0]]
    return total


@cache
def _spread_tables() -> tuple[tuple[int, ...], ...]:
    """For byte k of a hash (k = 0 the lowest) and each byte value, that byte's bits placed
    in counters 8k .. 8k+7 (one 16-bit counter per bit of the hash)."""
    return tuple(tuple(sum(((value >> j) & 1) << (16 * (8 * k + j)) for j in range(8)) for value in range(256))
                 for k in range(8))


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
