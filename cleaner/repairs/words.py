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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice, repeat
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


@dataclass(frozen=True)
class Words:
    """One language's word list: a word's Zipf frequency, 0 for a word it lacks."""

    language: str  # wordfreq's code

    def zipf(self, word: str) -> float:
        return _frequencies(self.language).get(word.casefold(), 0.0)

    def among(self, forms: set[str]) -> dict[str, float]:
        """The Zipf frequencies of those of `forms` (lower case) the list knows."""
        frequencies = _frequencies(self.language)
        return {form: frequencies[form] for form in forms & frequencies.keys()}

    def rarer(self, tokens: Iterable[str], zipf: float) -> list[str]:
        """Those of `tokens` rarer than `zipf`, or unknown. A text's words are mostly
        known ones in lower case: they are set aside by a plain look-up (the list's
        words are case-folded), and only the rest are case-folded."""
        frequencies = _frequencies(self.language)
        get = frequencies.get
        return [t for t in tokens if get(t, 0.0) < zipf and get(t.casefold(), 0.0) < zipf]

    def __contains__(self, word: str) -> bool:
        return word.casefold() in _frequencies(self.language)


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
    known = _frequencies(code).keys()
    found = sum(map(known.__contains__, map(str.casefold, sample)))
    return Words(code) if found >= KNOWN_SHARE * len(sample) else None


def _candidates(sample: Sequence[str], lexicon: Lexicon) -> list[str]:
    """wordfreq's codes of the `CANDIDATES` languages whose stoplists cover most of
    `sample`, each at least the heuristics' share, most covered first."""
    stoplists = lexicon.stoplists
    hits = stoplists.hits(sample)
    codes = (CODES.get(stoplists.names[i], "") for i, n in hits.most_common() if n >= _MIN_SHARE * len(sample))
    return list(islice(dict.fromkeys(c for c in codes if c), CANDIDATES))


@lru_cache(maxsize=LISTS_KEPT)
def _frequencies(code: str) -> dict[str, float]:
    """One language's words and their Zipf frequencies, commonest first (wordfreq's order)."""
    return _read(code)


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
        found = dict(islice(_read(code, COMMONEST).items(), COMMONEST))
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


def _read(code: str, enough: int | None = None) -> dict[str, float]:
    """wordfreq's list for `code` as words and Zipf frequencies, commonest first: all of
    it, or whole buckets until `enough` words."""
    from wordfreq import get_frequency_list

    # wordfreq's lists are buckets of words a centibel apart, commonest first: a
    # bucket's words are set at once, to the Zipf value the repairs compare (no
    # logarithm per look-up, and no second dict of frequencies held beside it).
    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(get_frequency_list(code)):
        frequencies.update(dict.fromkeys(bucket, 9 - index / 100))
        if enough is not None and len(frequencies) >= enough:
            break
    # wordfreq keeps every list it has read for the life of the process; a worker
    # cleaning many languages would hold them all (tens of MB each). The caches
    # here bound how many are held, so wordfreq's own copy is let go.
    get_frequency_list.cache_clear()
    return frequencies

