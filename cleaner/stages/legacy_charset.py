"""Which legacy charset legacy bytes are in, when nothing declares it: the reading that reads like a language.

charset_normalizer ranks code pages by how chaotic their text looks; on a
short text every Latin code page looks equally tidy (Turkish in cp1254 reads
as tidy cp1252: "Þiþli'de yaðmur"), and KOI8-R Russian is not among its
candidates at all. So each candidate reading (charset_normalizer's, plus the
code pages most used on the web) is scored by its *odd* characters, the
traces a wrong code page leaves:

- letters no one language's alphabet holds together (þ beside ç: Icelandic
  has no ç, Turkish no þ), counted against the alphabet that fits best;
- a symbol inside or against a word ("pi±tku", "d¼"), an upper-case letter
  after a lower-case one ("spóŸniaj"), Latin and another alphabet's letters
  in one word ("cafй", "hיllo");
- half-width katakana (what cp932 makes of Cyrillic KOI8-R), C1 control
  characters, another script's combining mark on a Latin letter.

The reading with the fewest odd characters wins; ties go to the code page
most used on the web (`PREFERRED`). The margin over the best *different*
reading is the guess's confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

Confidence = Literal["high", "medium", "low"]

# Legacy encodings by how common they are on the web (Windows code pages
# first: browsers read "latin-1" as cp1252).
PREFERRED = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "iso8859_2", "cp932", "shift_jis", "euc_jp",
    "gb18030", "gbk", "gb2312", "big5", "cp949", "euc_kr", "cp1256", "cp1253", "iso8859_7", "cp1254",
    "iso8859_9", "cp1257", "cp1255", "koi8_r", "koi8_u", "cp874", "tis_620", "cp1258",
)
# Always read as candidates, whatever charset_normalizer proposes: the
# single-byte code pages of the languages above.
ALWAYS_TRIED = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_2", "koi8_r", "koi8_u")

# The non-ASCII letters of languages written in these code pages (lower case).
ALPHABETS = {
    "German": "äöüß", "French": "àâæçéèêëîïôœùûüÿ", "Spanish": "áéíñóúü", "Portuguese": "ãõáâàçéêíóôú",
    "Italian": "àèéìíòóùú", "Catalan": "àçéèíïòóúü·", "Dutch": "áéëïóöü", "Nordic": "åæøäöé",
    "Finnish": "äöå", "Icelandic": "áðéíóúýþæö", "Turkish": "çğıöşüâîû", "Polish": "ąćęłńóśźż",
    "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž", "Hungarian": "áéíóöőúüű",
    "Romanian": "ăâîșțşţ", "Croatian": "čćđšž", "Slovene": "čšž", "Baltic": "ąčęėįšųūžāēģīķļņ",
    "Albanian": "çë", "Russian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "Ukrainian": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’", "Bulgarian": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "Serbian": "абвгдђежзијклљмнњопрстћуфхцчџш", "Greek": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
    "Arabic": "".join(map(chr, range(0x0621, 0x064B))) + "پچژکگی", "Hebrew": "".join(map(chr, range(0x05D0, 0x05EB))),
    "Thai": "".join(map(chr, range(0x0E01, 0x0E5C))), "Vietnamese": "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
}
_ALPHABETS = tuple(frozenset(letters) for letters in ALPHABETS.values())

_LETTER = regex.compile(r"\p{L}")
# A symbol against a letter, or inside a word a character no word holds.
_SYMBOL_BY_LETTER = regex.compile(r"(?<=\p{L})[\p{S}\p{No}]|[\p{S}\p{No}](?=\p{L})"
                                  r"|(?<=\p{L})[^\p{L}\p{M}\p{N}\s\p{S}\-'’.,:;!?/)(\]\[\"«»“”„·&_](?=\p{L})")
_LOWER_UPPER = regex.compile(r"\p{Ll}\p{Lu}")
_MIXED_SCRIPT = regex.compile(r"(?=\w*\p{Latin})(?=\w*[^\P{L}\p{Latin}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])\w+")
# Half-width katakana (what cp932 makes of KOI8-R), C1 controls (what ISO-8859 makes of
# Windows punctuation), another script's combining mark on a Latin letter (Thai, Hebrew).
_STRAY = regex.compile(r"[\uff61-\uff9f\x80-\x9f]|(?<=\p{Latin})[^\P{M}\u0300-\u036f]")
_SCORED_CHARS = 1 << 16


@dataclass(frozen=True)
class Guess:
    """The codec chosen, how sure, and the other readings that scored as well (for the report)."""

    encoding: str
    confidence: Confidence
    alternatives: tuple[str, ...]


def oddness(text: str) -> int:
    """How many traces of a wrong code page `text` shows (see the module docstring).

    >>> oddness("Şişli'de yağmur"), oddness("Þiþli'de yaðmur: çarþý"), oddness("poci¹gi")
    (0, 1, 1)
    """
    letters = [c for c in text.lower() if not c.isascii() and _LETTER.match(c) and not _is_east_asian(c)]
    unfit = min(sum(c not in alphabet for c in letters) for alphabet in _ALPHABETS) if letters else 0
    return (unfit + len(_SYMBOL_BY_LETTER.findall(text)) + len(_LOWER_UPPER.findall(text))
            + len(_MIXED_SCRIPT.findall(text)) + len(_STRAY.findall(text)))


def guess(data: bytes, proposed: list[str]) -> Guess:
    """The reading of `data` with the fewest odd characters among `proposed` and `ALWAYS_TRIED`.

    Of readings that tie, a Latin, Cyrillic or Greek one goes to the code page most used on the
    web (charset_normalizer's first choice is as often cp1250 as cp1252 for "café ... naïve");
    a Chinese, Japanese or Korean one to charset_normalizer's order (`proposed`), which weighs
    the ideographs the odd characters do not look at."""
    scores: dict[str, tuple[int, str]] = {}
    for codec in dict.fromkeys([*proposed, *ALWAYS_TRIED]):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        scores[codec] = (oddness(text[:_SCORED_CHARS]), text)
    if not scores:
        return Guess(proposed[0], "low", ()) if proposed else Guess("cp1252", "low", ())
    web = {codec: n for n, codec in reversed(list(enumerate((*PREFERRED, *proposed))))}
    detected = {codec: n for n, codec in enumerate(proposed)}

    def rank(codec: str) -> tuple[int, int]:
        east_asian = any(map(_is_east_asian, scores[codec][1][:_SCORED_CHARS]))
        return scores[codec][0], (detected if east_asian else web).get(codec, len(web))

    order = sorted(scores, key=rank)
    best, (least, text) = order[0], scores[order[0]]
    others = [c for c in order if scores[c][1] != text]  # readings that differ from the chosen one
    tied = tuple(c for c in others if scores[c][0] == least)
    margin = scores[others[0]][0] - least if others else 2
    confidence: Confidence = "low" if tied else "high" if margin >= 2 else "medium"
    return Guess(best, confidence, tied)


def _is_east_asian(char: str) -> bool:
    """CJK, kana and Hangul: scripts of thousands of letters, whose multi-byte code pages
    charset_normalizer tells apart; no single-byte code page makes them."""
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"
