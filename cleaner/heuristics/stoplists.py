"""jusText's stoplists (about 100 languages), read a part at a time.

Language detection asks, for each word of a document, which stoplists hold
it. Reading jusText's 100 files and inverting them costs a quarter of a
second, more than cleaning a short document, so the inverted index is kept in
the cache (`cleaner.cache`), split by a hash of the word into `SHARDS` files:
a short document reads the few parts its words fall in, a long one all of
them. The detected language's own words are read from its one jusText file.
The index is keyed by the stoplist files (names, sizes, times) and this
module's code; a missing, stale or damaged part rebuilds it from jusText, and
without a cache it is built in memory, as it always was.
"""

from __future__ import annotations

import importlib.util
import os
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..cache import Cache, key_of, source_of

SHARDS = 64


def shard_of(word: str) -> int:
    """The part of the index that holds `word` (stable across processes, unlike `hash`)."""
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % SHARDS


def read_stoplist(data: bytes) -> frozenset[str]:
    """A stoplist file's words, as jusText's `get_stoplist` reads them, case-folded."""
    return frozenset(line.decode("utf-8").lower().casefold() for line in data.splitlines())


@dataclass(frozen=True)
class Built:
    """Every stoplist, by language name in sorted order, and the inverted index."""

    names: tuple[str, ...]
    words: tuple[frozenset[str], ...]

    @classmethod
    def from_files(cls, folder: Path, names: Sequence[str]) -> "Built":
        return cls(tuple(names), tuple(read_stoplist((folder / f"{name}.txt").read_bytes()) for name in names))

    @cached_property
    def index(self) -> dict[str, tuple[int, ...]]:
        """A word to the languages whose stoplist has it (one lookup per token)."""
        found: dict[str, list[int]] = {}
        for i, words in enumerate(self.words):
            for word in words:
                found.setdefault(word, []).append(i)
        return {w: tuple(langs) for w, langs in found.items()}

    def shards(self) -> list[dict[str, list[int]]]:
        parts: list[dict[str, list[int]]] = [{} for _ in range(SHARDS)]
        for word, langs in self.index.items():
            parts[shard_of(word)][word] = list(langs)
        return parts


class Stoplists:
    """The stoplists a `Lexicon` reads: language names, the languages of a word, a language's words.

    Index parts are read from `cache` on first use and kept; a miss builds the
    whole index from the stoplist files and saves it for the next process.
    """

    def __init__(self, cache: Cache):
        self._cache = cache
        self._shards: dict[int, dict[str, list[int]]] = {}
        # Once every part is read, one dict of them all: a look-up then needs no
        # hash of the word's bytes to find its part (a long text reads them all).
        self._merged: dict[str, list[int]] | None = None
        self._words: dict[int, frozenset[str]] = {}
        self._built: Built | None = None

    @cached_property
    def folder(self) -> Path:
        """jusText's stoplist folder, found without importing jusText (which imports lxml)."""
        spec = importlib.util.find_spec("justext")
        locations = list(spec.submodule_search_locations or []) if spec is not None else []
        if not locations:
            raise ModuleNotFoundError("the heuristics need jusText's stoplists: pip install justext")
        return Path(locations[0]) / "stoplists"

    @cached_property
    def _files(self) -> list[os.DirEntry]:
        with os.scandir(self.folder) as entries:
            return sorted((e for e in entries if e.name.endswith(".txt")), key=lambda e: e.name)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The languages, sorted (jusText's `get_stoplists`: the names of its .txt files)."""
        return tuple(sorted(e.name[:-len(".txt")] for e in self._files))

    @cached_property
    def _key(self) -> str:
        stats = [f"{e.name}:{e.stat().st_size}:{e.stat().st_mtime_ns}" for e in self._files]
        return key_of([*stats, *source_of("cleaner.heuristics.stoplists")])

    def languages_of(self, word: str) -> Sequence[int]:
        """Indices (into `names`) of the languages whose stoplist holds `word`."""
        if self._merged is not None:
            return self._merged.get(word, ())
        if self._built is not None:
            return self._built.index.get(word, ())
        n = shard_of(word)
        shard = self._shards.get(n)
        if shard is None:
            shard = self._cache.read(_shard_name(n), self._key, self._is_shard)
            if shard is None:  # missing, stale or damaged: rebuild the index
                return self._build().index.get(word, ())
            self._shards[n] = shard
            if len(self._shards) == SHARDS:
                self._merged = {w: langs for part in self._shards.values() for w, langs in part.items()}
                self._shards = {}  # held once, in the merged dict
        return shard.get(word, ())

    def hits(self, words: Iterable[str]) -> Counter[int]:
        """For each language (an index into `names`), how many of `words` its stoplist holds."""
        # Counted in C, with no Python call per word once the index is one dict.
        index = self._merged if self._merged is not None else self._built.index if self._built is not None else None
        if index is None:  # parts still to read
            return Counter(chain.from_iterable(map(self.languages_of, words)))
        return Counter(chain.from_iterable(map(index.get, words, repeat(()))))

    def words(self, index: int) -> frozenset[str]:
        """The stoplist of the language `names[index]`."""
        if self._built is not None:
            return self._built.words[index]
        if index not in self._words:
            self._words[index] = read_stoplist((self.folder / f"{self.names[index]}.txt").read_bytes())
        return self._words[index]

    def _build(self) -> Built:
        built = _built(self.folder, self.names)
        if self._cache.folder is not None:
            for n, shard in enumerate(built.shards()):
                self._cache.write(_shard_name(n), self._key, shard)
        self._built = built
        return built

    def _is_shard(self, data: Any) -> bool:
        """A word to a list of language indices. Checked by types and bounds over all the
        values at once: a check per word cost more than reading the part."""
        if not isinstance(data, dict) or not set(map(type, data.values())) <= {list}:
            return False
        indices = list(chain.from_iterable(data.values()))
        if not set(map(type, indices)) <= {int}:
            return False
        return not indices or 0 <= min(indices) <= max(indices) < len(self.names)


@lru_cache(maxsize=4)
def _built(folder: Path, names: tuple[str, ...]) -> Built:
    """Built once per process (a pure function of the files): every new `Lexicon` without
    a cache, or with a damaged one, would otherwise read the 100 files again."""
    return Built.from_files(folder, names)


def _shard_name(n: int) -> str:
    return f"stopword-index-{n:02d}.json"
