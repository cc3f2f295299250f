"""Word lists the heuristics read: jusText's stoplists and the prompt vocabularies.

The stoplists (about 100 languages) ship with jusText, a trafilatura
dependency. Loading them reads 100 files, so it happens lazily, once per
process (`_load_stoplists` is a pure loader behind `lru_cache`), and the
result hangs off the `Lexicon` a `Cleaner` holds; pickling a `Lexicon` ships
no data, a worker loads its own copy on first use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable

import regex

# Scripts written without spaces between words: lengths are counted in
# characters there, and stopword density means nothing.
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")

# Share/follow rows name the networks and the verbs of their buttons; the
# words come from trafilatura's share/social class tokens ("share", "social",
# "viral") turned into the visible labels such buttons carry, in a few
# languages. Matching is on whole lower-cased words.
SHARE_WORDS = frozenset("""
share shares sharing tweet retweet pin email e-mail mail print copy link facebook twitter x linkedin whatsapp
telegram pinterest reddit tumblr instagram youtube tiktok flipboard pocket messenger viber vk vkontakte weibo
wechat line xing threads bluesky mastodon rss follow us on the via teilen drucken compartir compartilhar
partager condividi imprimir imprimer stampa folgen síguenos siga suivez seguici kopieren copiar copier
copia enlace lien""".split())

# Cookie and consent banners: the word "cookie" (same in most European
# languages) with the banner's verbs or nouns; trafilatura prunes these by
# class names ("cookie-banner", "consent"), plain text has only the words.
COOKIE = regex.compile(r"\bcookies?\b|\bdsgvo\b|\bgdpr\b", regex.IGNORECASE)
COOKIE_CONTEXT = regex.compile(
    r"\b(?:accept\w*|agree\w*|consent\w*|policy|settings|preferences|privacy|browsing|experience|"
    r"akzeptier\w*|zustimm\w*|einverstanden|datenschutz\w*|einstellungen|acept\w*|política|navegación|"
    r"accepte\w*|politique|navigation|accett\w*|consenso|aceit\w*|navegação)\b",
    regex.IGNORECASE)
# A banner speaks for the site to the reader ("we use", "you accept", "our website");
# a sentence about cookies in an article does not.
COOKIE_VOICE = regex.compile(
    r"\b(?:we|our|you|your|this (?:web)?site|wir|unsere?\w*|sie|ihre?\w*|diese (?:webseite|website)|usamos|"
    r"utilizamos|nuestr\w*|usted|nous|notre|vous|votre|utilisons|utilizziamo|usiamo|nostro|utilizamos|nosso)\b",
    regex.IGNORECASE)

# Newsletter and subscription prompts: what sign-up boxes say.
NEWSLETTER = regex.compile(
    r"\b(?:newsletters?|subscribe|subscription|sign[ -]?up|inbox|e-?mail address|your email|"
    r"abonnier\w*|anmelden|suscr[ií]b\w*|suscripción|boletín|abonne\w*|inscri\w*|iscriviti|inscreva\w*|assine)\b",
    regex.IGNORECASE)


@lru_cache(maxsize=1)
def _load_stoplists() -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """Every jusText stoplist, by language name (sorted): a pure loader, cached per process."""
    import justext

    names = tuple(sorted(justext.get_stoplists()))
    return names, tuple(frozenset(w.casefold() for w in justext.get_stoplist(n)) for n in names)


@dataclass(frozen=True)
class Language:
    """The language a document's stopwords point to, or `None` (language-independent mode)."""

    name: str | None
    stopwords: frozenset[str]
    unspaced: bool = False


NO_LANGUAGE = Language(None, frozenset())


@dataclass(frozen=True)
class Lexicon:
    """Stoplists, loaded on first use and kept for the life of the object (a `Cleaner` holds one)."""

    def __reduce__(self):
        return (Lexicon, ())  # ship no data to workers: they load their own on first use

    @cached_property
    def stoplists(self) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
        return _load_stoplists()

    @cached_property
    def _languages_of(self) -> dict[str, tuple[int, ...]]:
        """Inverted index: a word to the languages whose stoplist has it (one lookup per token)."""
        index: dict[str, list[int]] = {}
        for i, words in enumerate(self.stoplists[1]):
            for word in words:
                index.setdefault(word, []).append(i)
        return {w: tuple(langs) for w, langs in index.items()}

    def detect(self, words: Iterable[str], min_share: float, unspaced: bool = False) -> Language:
        """The language whose stoplist covers most of `words` (lower-cased), if it covers
        at least `min_share` of them; else the language-independent mode.

        This is the benchmark's jusText peer's choice (most stopword hits), done
        with an inverted index so each word costs one lookup.
        """
        if unspaced:
            return Language(None, frozenset(), unspaced=True)
        counts = Counter(words)
        total = sum(counts.values())
        hits = [0] * len(self.stoplists[0])
        index = self._languages_of
        for word, n in counts.items():
            for lang in index.get(word, ()):
                hits[lang] += n
        best = max(range(len(hits)), key=hits.__getitem__) if hits else 0
        count = hits[best] if hits else 0
        if count == 0 or count < min_share * total:
            return NO_LANGUAGE
        names, sets = self.stoplists
        return Language(names[best], sets[best])
