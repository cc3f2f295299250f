"""Word lists the heuristics read: jusText's stoplists, the prompt vocabularies and entry stamps.

The stoplists (about 100 languages) ship with jusText, a trafilatura
dependency. Loading them reads 100 files, so it happens lazily, once per
process (`_load_stoplists` is a pure loader behind `lru_cache`), and the
result hangs off the `Lexicon` a `Cleaner` holds; pickling a `Lexicon` ships
no data, a worker loads its own copy on first use.
"""

from __future__ import annotations

import re
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


# Comment and teaser stamps: the date, time, age and count lines that head or
# close each entry of a comment thread or a dated teaser list ("3 hours ago",
# "March 3, 2020 at 5:12 pm", "Rating: 36 Votes", "Reply", "Jane says:"), in a
# few languages. An article's own sentences carry dates too; a stamp is a short
# line that is little else (the detector checks length and recurrence).
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|enero|"
    r"febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|"
    r"mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|aprile|maggio|"
    r"giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|"
    r"novembro|dezembro)\.?")
STAMP_DATE = regex.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH}"
    rf"\s+(?:de\s+)?\d{{4}}|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|\b\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?",
    regex.IGNORECASE)
STAMP_AGE = regex.compile(
    r"\b\d+\s*(?:s|m|h|d|w|mo|y|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|"
    r"\bhace\s+\d+|\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tag(?:en)?|wochen|monat(?:en)?|jahr(?:en)?)\b|"
    r"\bil y a\s+\d+|\bh[áa]\s+\d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|m[eê]s(?:es)?|anos?)\b|"
    r"\b\d+\s+(?:secondi|minuti|ore|giorni|settimane|mesi|anni)\s+fa\b",
    regex.IGNORECASE)
# Counts under an entry: votes, likes, replies, points.
STAMP_COUNT = regex.compile(
    r"^(?:[\w ]{1,20}:\s*)?[\d,.]+[km]?\s*(?:votes?|likes?|repl(?:y|ies)|comments?|points?|upvotes?|"
    r"recommendations?|reactions?|antworten|kommentare?|comentarios?|comentários?|commentaires?|commenti|"
    r"respuestas?|respostas?|réponses?|risposte|curtidas?|me gusta|j'aime)\W*$",
    regex.IGNORECASE)
# An entry's buttons ("Reply", "Report") and its author's attribution ("Jane says:").
STAMP_BUTTONS = frozenset((
    "reply", "like", "report", "quote", "flag", "permalink", "report abuse", "antworten", "melden", "responder",
    "répondre", "signaler", "rispondi", "segnala", "denunciar"))
STAMP_SAYS = regex.compile(
    r"\b(?:says|wrote|sagt|schreibt|dice|dit|disse|escribió|escreveu|a écrit|ha scritto)\s*:$", regex.IGNORECASE)
# The heading a comment section opens with: the word for comments, alone or
# with a count or a qualifier ("Comments", "2 comments", "Top Rated Comments",
# "12 thoughts on …"); the whole line is the heading, so a sentence about
# comments never matches.
COMMENT_HEADING = regex.compile(
    r"^\W*(?:(?:\d[\d,.]*|top|top rated|best|latest|newest|readers?'?|user|most|all|\d+ thoughts on .{1,80}|"
    r"one thought on .{1,80})\s+)*(?:comments?|comentários?|comentarios?|kommentare?|commentaires?|commenti|"
    r"reader comments|leserkommentare)\W*$",
    regex.IGNORECASE)
# Every word for comments above has "ment" in it: a cheap test most lines fail.
COMMENT_HINT = re.compile(r"ment", re.IGNORECASE)
