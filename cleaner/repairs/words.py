"""The words of the document's language and how common each is (wordfreq), read on first need.

The language is told as the heuristics stage tells it, by the jusText
stoplists that cover a sample of the text's words (`cleaner.heuristics.lexicon`),
and its word list is wordfreq's (about 40 languages; a language it lacks
gets no list, and the repairs that need one do nothing). Many stoplists hold
English words (Marathi's, Sundanese's, Uzbek's and Finnish's cover English
prose about as well as English's does), so the stoplists only name the
`CANDIDATES` likeliest languages wordfreq knows, and of those the one whose
word list finds the sample's words most common is the text's.
wordfreq is imported only when a repair has a candidate to check. Reading
English's 320,000 words takes about 0.15 s and holds about 40 MB, so a
process keeps the last `LISTS_KEPT` lists it read, and of every language only
its `COMMONEST` words for telling languages apart.

Frequencies are on the Zipf scale: log10 of occurrences per billion words
("the" 7.7, "information" 5.4, "comber" 2.1; 0 for a word the list lacks).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, islice, repeat
from operator import methodcaller

import regex

from ..cache import Cache, key_of, source_of
from ..config import HeuristicSettings
from ..heuristics.lexicon import Lexicon

# jusText's stoplist names to wordfreq's language codes, for every language
# both know. Chinese and Japanese have no stoplist (unspaced scripts are
# never detected), and Serbian, Croatian and Bosnian share wordfreq's
# Serbo-Croatian list (Latin script).
CODES: Mapping[str, str] = {
    "Arabic": "ar", "Bengali": "bn", "Bosnian": "sh", "Bulgarian": "bg", "Catalan": "ca", "Croatian": "sh",
    "Czech": "cs", "Danish": "da", "Dutch": "nl", "English": "en", "Simple_English": "en", "Finnish": "fi",
    "French": "fr", "German": "de", "Greek": "el", "Hebrew": "he", "Hindi": "hi", "Hungarian": "hu",
    "Icelandic": "is", "Indonesian": "id", "Italian": "it", "Korean": "ko", "Latvian": "lv", "Lithuanian": "lt",
    "Macedonian": "mk", "Malay": "ms", "Norwegian_Bokmal": "nb", "Persian": "fa", "Polish": "pl",
    "Portuguese": "pt", "Romanian": "ro", "Russian": "ru", "Serbian": "sh", "Serbo_Croatian": "sh",
    "Slovak": "sk", "Slovenian": "sl", "Spanish": "es", "Swedish": "sv", "Tagalog": "fil", "Tamil": "ta",
    "Turkish": "tr", "Ukrainian": "uk", "Urdu": "ur", "Vietnamese": "vi",
}

_LETTERS = regex.compile(r"\p{L}+")
_GROUP = methodcaller("group")
# The sample the language is told from, as the heuristics stage takes it.
_SAMPLE_WORDS = HeuristicSettings.language_sample_words
_MIN_SHARE = HeuristicSettings.language_min_share
# Fewer words tell no language: "to join the fight" has stopwords of a dozen.
MIN_WORDS = 20
# The share of the sample the language's word list must know.
KNOWN_SHARE = 0.9
# The languages (by stopword hits) whose word lists are asked.
CANDIDATES = 3
# Word lists held at once per process (English's is about 40 MB in memory, Finnish's 85 MB):
# enough for a shard of a few languages without reading a list again for every page.
LISTS_KEPT = 6
# The commonest words of each language that tell the candidates apart.
COMMONEST = 5000
# Zipf frequency below which a word is rare: web text's lists hold its common
# misspellings there too (`cleaner.repairs.misspelt`). A list holds its common and
# its rare words apart, so a text's rare tokens are found by one set difference.
RARE = 1.5


@dataclass(frozen=True)
class Words:
    """One language's word list: a word's Zipf frequency, 0 for a word it lacks."""

    language: str  # wordfreq's code

    def zipf(self, word: str) -> float:
        common, rare = _frequencies(self.language)
        folded = word.casefold()
        return common.get(folded) or rare.get(folded, 0.0)

    def among(self, forms: set[str]) -> dict[str, float]:
        """The Zipf frequencies of those of `forms` (lower case) the list knows."""
        common, rare = _frequencies(self.language)
        return {form: frequencies[form] for frequencies in (common, rare) for form in forms & frequencies.keys()}

    def rare(self, tokens: set[str]) -> list[str]:
        """Those of `tokens` the list lacks or knows as rarer than `RARE`. A text's words
        are mostly common ones in lower case: they are set aside by one set difference
        (the list's words are case-folded), and only the rest are case-folded."""
        common, _ = _frequencies(self.language)
        return [t for t in tokens.difference(common) if t.casefold() not in common]

    def __contains__(self, word: str) -> bool:
        folded = word.casefold()
        return any(folded in frequencies for frequencies in _frequencies(self.language))


def words_of(text: str, lexicon: Lexicon) -> Words | None:
    """The word list of `text`'s language, or None when the language is unknown or wordfreq lacks it."""
    sample = tuple(map(str.lower, map(_GROUP, islice(_LETTERS.finditer(text, 0, 40_000), _SAMPLE_WORDS))))
    if len(sample) < MIN_WORDS:
        return None
    # Stopwords are shared between languages (Portuguese text can look Finnish
    # by them, English text Marathi); the language's own list must know nearly every word.
    # Web text's lists hold the other languages' common words as rare ones (Finnish's
    # knows most English words), so the list is told by how common it finds the words.
    # A sample's words are mostly common ones: each list's commonest words are enough to tell
    # which finds them most common, and only the chosen language's full list is read again.
    code = max(_candidates(sample, lexicon), key=lambda c: sum(map(_commonest(c).get, sample, repeat(0.0))),
               default=None)  # the first of equals
    if not code:
        return None
    # Its commonest words, already at hand, are most often enough to find that many.
    folded = tuple(map(str.casefold, sample))
    enough = KNOWN_SHARE * len(sample)
    if sum(map(_commonest(code).__contains__, folded)) >= enough:
        return Words(code)
    found = sum(sum(map(frequencies.__contains__, folded)) for frequencies in _frequencies(code))  # apart
    return Words(code) if found >= enough else None


def _candidates(sample: Sequence[str], lexicon: Lexicon) -> list[str]:
    """wordfreq's codes of the `CANDIDATES` languages whose stoplists cover most of
    `sample`, each at least the heuristics' share, most covered first."""
    stoplists = lexicon.stoplists
    hits = stoplists.hits(sample)
    codes = (CODES.get(stoplists.names[i], "") for i, n in hits.most_common() if n >= _MIN_SHARE * len(sample))
    return list(islice(dict.fromkeys(c for c in codes if c), CANDIDATES))


@lru_cache(maxsize=LISTS_KEPT)
def _frequencies(code: str) -> tuple[dict[str, float], dict[str, float]]:
    """One language's words and their Zipf frequencies, commonest first (wordfreq's order):
    its words at least `RARE`, and the rarer ones apart."""
    common: dict[str, float] = {}
    rare: dict[str, float] = {}
    for bucket, zipf in _buckets(code):
        (common if zipf >= RARE else rare).update(dict.fromkeys(bucket, zipf))
    return common, rare


@cache  # a few thousand words per language: small enough to keep for every one
def _commonest(code: str) -> dict[str, float]:
    """The language's `COMMONEST` words and their Zipf frequencies.

    Read apart from the full lists: a language only asked about (Finnish, when
    English prose has its stopwords) must not push a list in use out of the
    `LISTS_KEPT` held, to be read again for the next page. And kept in the
    cache folder: a page of English is weighed against a few languages, a
    corpus against a dozen, and wordfreq reads a whole list (tenths of a
    second) to give its first words.
    """
    saved = Cache.default()
    name, key = f"commonest-words-{code}.json", _commonest_key()
    found = saved.read(name, key, _is_frequencies)
    if found is None:
        found = dict(islice(chain.from_iterable(zip(bucket, repeat(zipf)) for bucket, zipf in _buckets(code)),
                            COMMONEST))
        saved.write(name, key, found)
    return found


@cache
def _commonest_key() -> str:
    """What the commonest words are derived from: wordfreq's data (by its version) and this code."""
    from importlib.metadata import version

    return key_of([version("wordfreq"), str(COMMONEST), *source_of("cleaner.repairs.words")])


def _is_frequencies(data: object) -> bool:
    return isinstance(data, dict) and len(data) <= COMMONEST \
        and all(isinstance(w, str) and type(z) is float for w, z in data.items())


def _buckets(code: str) -> Iterator[tuple[list[str], float]]:
    """wordfreq's list for `code`, commonest first: buckets of words a centibel apart, each
    with its Zipf frequency (set once per bucket: no logarithm per look-up)."""
    from wordfreq import get_frequency_list

    buckets = get_frequency_list(code)
    # wordfreq keeps every list it has read for the life of the process; a worker
    # cleaning many languages would hold them all (tens of MB each). The caches
    # here bound how many are held, so wordfreq's own copy is let go.
    get_frequency_list.cache_clear()
    for index, bucket in enumerate(buckets):
        yield bucket, 9 - index / 100
