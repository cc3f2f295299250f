"""Words damaged by OCR or typing: "G0vernment", "rnodern", "goverment".

A token the document's language does not know, or knows as a very rare word
(web text's word lists hold its common misspellings), is looked at for the known words it could be:

1. OCR confusions of letter shapes: "rn" read for "m", "0" for "o", "1" for
   "l" or "i", "cl" for "d", "vv" for "w", "5" for "s" ("G0vernment", "rnodern");
2. one edit away: a letter dropped, added, changed, or two swapped ("goverment").

A corruption no distance finds (machine translation's "comberan" for
"become") is a `replace` rule's: `rules/generic/tokens.yaml`.

It is repaired only when exactly one candidate is confident (see
`_confident`: the document itself using the word is the strongest sign) and
no other candidate is near it in frequency, and not in a text about code
(`protected.is_about_code`), where unknown words are often names.
Otherwise, with candidates, it is a suspect (reported, left alone). Names,
brands and other languages' words are spared by what is looked at: only
lower-case words (a capital starts a name; "G0vernment" counts, its capital
is a letter and the damage a digit), of four letters or more, that touch no
digit run, apostrophe, hyphen, dot or slash (codes, contractions,
compounds, domains, paths), and that has a vowel ("crwd" is a ticker, "pkgs"
a shortening); a word the list knows as more than rare is never touched, nor
one it knows as a common word with an ending ("updaters", "matchers").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..edits import Edit, Suspect
from .protected import is_about_code
from .words import RARE, Words

# A word between white space or punctuation, letters with at most isolated
# digits inside (and a 0 or 1 at its end, read for "o" or "l": "leve1"), not
# touching another token by an apostrophe, a hyphen, a dot before a letter, a
# slash, @ or # (contractions, compounds, domains, paths, addresses, hashtags).
_BEFORE = r"(?<![\p{L}\p{N}\p{M}_'’\-./@#&])"
_AFTER = r"(?![\p{L}\p{N}\p{M}_'’\-/@]|\.[\p{L}\p{N}])"
_BODY = r"(?:\p{L}|\d(?=\p{L}))(?:\p{L}|\p{M}|\d(?!\d))*\p{L}[01]?"
_TOKEN_BODY = regex.compile(_BODY)
_STARTS, _ENDS = regex.compile(_BEFORE), regex.compile(_AFTER)
# A token is a whole run of letters, marks and digits: the runs are listed first
# (a plain scan, far faster than the token pattern's look-arounds at every place).
_RUN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_LOWER = regex.compile(r"\p{Ll}+")
_VOWEL = regex.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]|[^a-z]", regex.IGNORECASE)
_DIGIT = regex.compile(r"\d")
# OCR's confusions of letter shapes: what was read, what was printed.
OCR = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("li", "h"),
       ("0", "o"), ("1", "l"), ("1", "i"), ("5", "s"), ("8", "b"))
# Zipf frequency of a confident repair (once per 100,000 words); a word in the
# document's own text elsewhere is confident at any frequency. A digit among
# letters is damage, not a spelling: a word once per million words will do.
CONFIDENT = 4.0
CONFIDENT_DIGIT = 3.0
# A candidate this close in frequency to the best one makes the repair a guess.
MARGIN = 1.0
# Web text's word lists hold its common misspellings too ("goverment" 2.7,
# "wouid" 1.5): a word rarer than `RARE` (`cleaner.repairs.words`) is looked at,
# and a candidate must be `AHEAD` more common (a thousand times) to stand for it.
AHEAD = 3.0
# A word the list lacks altogether is likelier damage: its candidates need only
# be known words ("debuger": "debugger" 2.5).
CANDIDATE = 2.0
# A common word with one of these endings is a word the list lacks ("matcher",
# "updaters", "waisting"), not damage; the stem must be common.
ENDINGS = ("ers", "er", "ings", "ing", "ed", "able", "ness", "less", "ly")
STEM = 4.0
MIN_LETTERS = 4
MAX_CANDIDATES = 5
# Rare tokens each looked for by a plain search (`_places`); more take one pattern.
FIND_EACH = 32


@dataclass(frozen=True)
class Candidate:
    word: str
    zipf: float
    kind: str  # "ocr" or "edit"


def find(text: str, words: Callable[[], Words | None], repair_suspects: bool = False) -> Iterator[Edit | Suspect]:
    """Repairs of damaged words, and suspects where no single repair is confident
    (repaired with their best candidate when `repair_suspects`)."""
    # A document repeats its words, and nearly all are common ones: its distinct
    # tokens are listed at once, the common ones set aside by the word list, and
    # only the rest are looked for where they stand (cheaper than visiting every
    # token in Python). A run never spans white space, so the runs of the
    # distinct white-space parts are the text's.
    runs = set(_RUN.findall(" ".join(set(text.split()))))
    if not runs:
        return
    known = words()
    if known is None:
        return
    rare = [token for token in known.rare(runs) if _looked_at(token) and _TOKEN_BODY.fullmatch(token)]
    if not rare:
        return
    # The document's own words, listed only when a candidate needs them (few do).
    in_text = cache(lambda: frozenset(w.casefold() for w in _LOWER.findall(text)))
    # In a text about code an unknown word is as likely a name ("semver", "pformat"):
    # its candidates are reported, not applied.
    sure = not is_about_code(text)
    found: dict[str, tuple[Candidate, ...]] = {}
    for start, token in _places(text, rare):
        end = start + len(token)
        if token not in found:
            found[token] = _damaged(token, known)
        candidates = found[token]
        if not candidates:
            continue
        best = candidates[0]
        if text.startswith(("...", "…"), end) or text.startswith((" ...", " …"), end):
            continue  # a word cut short by a teaser: "concep ..."
        confident = [c for c in candidates if _confident(c, token, in_text)]
        rivals = [c for c in candidates[1:] if c.zipf > best.zipf - MARGIN]
        if sure and confident[:1] == [best] and (len(confident) == 1 or not rivals):
            yield _edit(start, token, best, _why(token, best))
        elif repair_suspects:
            yield _edit(start, token, best,
                        f"'{token}' is no word; its likeliest repair is '{_cased(best.word, token)}' "
                        f"(one of {len(candidates)} candidates, repaired on request)")
        else:
            shown = [_cased(c.word, token) for c in candidates[:MAX_CANDIDATES]]
            yield Suspect(start, end, token, "tokens/misspelt", tuple(shown),
                          f"'{token}' is no word of the document's language; no single repair is sure"
                          if sure else f"'{token}' is no word of the document's language, in a text about code "
                          "(where it may be a name)")


def _places(text: str, rare: list[str]) -> list[tuple[int, str]]:
    """Where each of the `rare` tokens stands as a whole token, in the text's order.

    A page has a few rare tokens, and a plain search for each, its places
    checked at their edges, costs less than a pattern of them all. A text with
    many (a page in two languages) takes one pattern of them all: one scan,
    however many there are. A token is a whole run of letters, marks and digits,
    so no two places overlap and both ways find the same.
    """
    if len(rare) > FIND_EACH:
        pattern = regex.compile(_BEFORE + "(?:" + "|".join(map(regex.escape, sorted(rare, key=len, reverse=True)))
                                + ")" + _AFTER)
        return [(match.start(), match.group()) for match in pattern.finditer(text)]
    places = []
    for token in rare:
        start = text.find(token)
        while start >= 0:
            if _STARTS.match(text, start) and _ENDS.match(text, start + len(token)):
                places.append((start, token))
            start = text.find(token, start + 1)
    return sorted(places)


# A corpus repeats its rare tokens (a site's names, a common typo) across
# pages: a token's candidates depend on it and the word list alone, and the
# last `REMEMBERED` are kept (a page has a few rare tokens, each costing the
# look-up of a few hundred forms one edit away).
REMEMBERED = 4096


@lru_cache(maxsize=REMEMBERED)
def _damaged(token: str, known: Words) -> tuple[Candidate, ...]:
    """The known words an unknown or very rare `token` could be (none for a word)."""
    rarity = known.zipf(token)
    if rarity >= RARE or not _VOWEL.search(token) or _is_derived(token.casefold(), known):
        return ()  # a known word, a ticker or shortening ("crwd"), a word with an ending
    floor = rarity + AHEAD if rarity else CANDIDATE
    return tuple(c for c in _candidates(token, known) if c.zipf >= floor)


def _confident(candidate: Candidate, token: str, in_text: Callable[[], frozenset[str]]) -> bool:
    """A shape confusion's repair to a common word or one the
    document uses; any other edit's only to a word the document uses, and only inside the
    word: its first and last letters are where other languages' words, inflections and
    deliberate spellings differ ("digitali", "systemsy", Russian "досолить" for "посолить")."""
    if candidate.kind == "ocr":
        common = CONFIDENT_DIGIT if _DIGIT.search(token) else CONFIDENT
        return candidate.zipf >= common or candidate.word in in_text()
    word, lower = candidate.word, token.casefold()
    return candidate.word in in_text() and word[0] == lower[0] and word[-1] == lower[-1]


def _looked_at(token: str) -> bool:
    """Lower-case words of four letters or more, or such a word with a capital first and
    a digit inside ("G0vernment"); nothing in capitals, mixed case or number-like."""
    if len(token) < MIN_LETTERS:
        return False
    if token.isalpha():  # the common case: a plain word
        return token.islower()
    if sum(c.isalpha() for c in token) < MIN_LETTERS:
        return False
    if _DIGIT.search(token):
        return token[1:].replace("0", "").replace("1", "").replace("5", "").replace("8", "").islower() \
            and not token[0].isdigit() or token[1:].islower() and token[0] in "01"
    return token.islower()


def _is_derived(word: str, known: Words) -> bool:
    """Whether `word` is a common word with an ending: "matchers", "updaters" ("update" + "rs")."""
    for ending in ENDINGS:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3 \
                and max(known.zipf(stem), known.zipf(stem + "e")) >= STEM:
            return True
    return False


def _candidates(token: str, known: Words) -> tuple[Candidate, ...]:
    """Known words the token could be, best first: the kinds in order (a shape confusion
    is likelier than any other edit), then by frequency."""
    lower = token.casefold()
    ocr = set(_ocr_forms(lower)) - {lower}
    edits = set() if _DIGIT.search(lower) else set(_edits(lower)) - ocr - {lower}
    found = [Candidate(form, zipf, kind) for kind, forms in (("ocr", ocr), ("edit", edits))
             for form, zipf in known.among(forms).items()]
    order = {"ocr": 0, "edit": 1}
    return tuple(sorted(found, key=lambda c: (order[c.kind], -c.zipf, c.word)))


def _ocr_forms(word: str) -> Iterator[str]:
    """The word with one confusion undone at one place, and at every place."""
    for read, printed in OCR:
        start = word.find(read)
        while start >= 0:
            yield word[:start] + printed + word[start + len(read):]
            start = word.find(read, start + 1)
        if word.count(read) > 1:
            yield word.replace(read, printed)


def _edits(word: str) -> Iterator[str]:
    """Every string one edit away: a deletion, a swap of neighbours, a change, an insertion."""
    letters = _alphabet(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            if len(right) > 1:
                yield left + right[1] + right[0] + right[2:]
            for c in letters:
                yield left + c + right[1:]
        for c in letters:
            yield left + c + right


@lru_cache(maxsize=64)
def _alphabet(word: str) -> str:
    """The letters an edit may bring in: those of the word's script (Latin, Cyrillic, ...)."""
    import unicodedata

    script = unicodedata.name(word[0], "").split(" ")[0]
    return _SCRIPTS.get(script, "".join(sorted(set(word))))


_SCRIPTS: Mapping[str, str] = {
    "LATIN": "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœßąćęłńśźżčďěňřšťůžğışăâîșțőű",
    "CYRILLIC": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўјљњћђџ",
    "GREEK": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
}


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _edit(start: int, token: str, candidate: Candidate, reason: str) -> Edit:
    return Edit(start, start + len(token), _cased(candidate.word, token), "token", "tokens/misspelt", reason)


def _why(token: str, candidate: Candidate) -> str:
    word = _cased(candidate.word, token)
    if candidate.kind == "ocr":
        return f"'{token}' is '{word}' with letters misread (OCR)"
    return f"'{token}' is no word; '{word}' is the one common word a letter away"
