"""Seeded token corruption of clean text, one injector per family of damage.

`corrupt(text, seed)` returns the damaged text and, for every injection,
where it went, the original and the damaged form, and the text around it on
its line: enough for `benchmarks/tokens.py` to ask of a cleaned output whether
the original came back ("repaired"), the damage stayed ("untouched"), or the
place is gone (its line removed, or its neighbourhood changed by something
else).

Families (numbered as the benchmark prints them):

1. entity     -- a character written as an HTML character reference, named,
                 numeric, or escaped twice ("&amp;#8217;");
2. invisible  -- a zero-width space, joiner, non-joiner, word joiner, soft
                 hyphen or bidi mark inside a Latin word;
3. homoglyph  -- one letter of a Latin word swapped for its Cyrillic or
                 Greek look-alike;
4. hyphen     -- a long word broken as print does: "infor- mation",
                 "infor-\\nmation";
5. glued      -- the space after a full stop dropped: "said.The";
6. spacing    -- one or two words of the text as a letter-spaced chrome line
                 ("B r e a k i n g  N e w s") between two paragraphs;
7. ocr        -- an OCR or MT confusion inside a word (m→rn, rn→m, o→0,
                 l→1) or a letter dropped or doubled.

Injections are spread over the text, far enough apart that no context
holds another one; a family finds no place in a text without its shape
(an article without ". X" gets no glued words).
"""

from __future__ import annotations

import html.entities
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

FAMILIES = ("entity", "invisible", "homoglyph", "hyphen", "glued", "spacing", "ocr")
CONTEXT = 12  # characters of context kept on each side, within the line
_GAP = 2 * CONTEXT + 4  # characters between two injections

_WORD = re.compile(r"(?<![\w'’.@/#&-])[a-z]+(?![\w'’@/-])", re.IGNORECASE)
_INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e")
# Latin letter -> its look-alike, Cyrillic first then Greek (the spoofer's usual table).
_HOMOGLYPHS = {"a": "аα", "c": "с", "e": "е", "i": "іι", "j": "ј", "o": "оο", "p": "рρ", "s": "ѕ", "x": "х",
               "y": "у", "A": "АΑ", "B": "ВΒ", "C": "С", "E": "ЕΕ", "H": "НΗ", "K": "КΚ", "M": "МΜ",
               "N": "Ν", "O": "ОΟ", "P": "РΡ", "T": "ТΤ", "X": "ХΧ"}
_OCR = (("m", "rn"), ("rn", "m"), ("o", "0"), ("l", "1"))


@dataclass(frozen=True)
class Injection:
    """One piece of damage: `original` at [start, end) of the clean text became `damaged`.

    `before` and `after` are the clean text's characters next to it on its
    line; `at` is where the damage starts in the damaged text.
    """

    family: str
    start: int
    end: int
    original: str
    damaged: str
    before: str
    after: str
    at: int = 0


@dataclass(frozen=True)
class Corrupted:
    text: str
    injections: tuple[Injection, ...]


def corrupt(text: str, seed: int, per_family: int = 2) -> Corrupted:
    """`text` with up to `per_family` injections of each family, chosen by `seed`."""
    rng = random.Random(seed)
    taken: list[tuple[int, int]] = []
    chosen: list[Injection] = []
    for family in FAMILIES:
        candidates = list(_INJECTORS[family](text, rng))
        rng.shuffle(candidates)
        count = 0
        for injection in candidates:
            if count == per_family:
                break
            if all(injection.end + _GAP <= s or e + _GAP <= injection.start for s, e in taken):
                taken.append((injection.start, injection.end))
                chosen.append(injection)
                count += 1
    return _apply(text, chosen)


def _apply(text: str, injections: list[Injection]) -> Corrupted:
    parts, placed, cursor, shift = [], [], 0, 0
    for inj in sorted(injections, key=lambda i: i.start):
        parts += [text[cursor:inj.start], inj.damaged]
        placed.append(Injection(**{**inj.__dict__, "at": inj.start + shift}))
        shift += len(inj.damaged) - (inj.end - inj.start)
        cursor = inj.end
    parts.append(text[cursor:])
    return Corrupted("".join(parts), tuple(placed))


def _make(family: str, text: str, start: int, end: int, damaged: str, original: str | None = None) -> Injection:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return Injection(family, start, end, text[start:end] if original is None else original, damaged,
                     text[max(line_start, start - CONTEXT):start], text[end:min(line_end, end + CONTEXT)])


def _words(text: str, min_len: int) -> Iterator[re.Match[str]]:
    return (m for m in _WORD.finditer(text) if len(m.group()) >= min_len)


def _entity(text: str, rng: random.Random) -> Iterator[Injection]:
    for match in re.finditer(r"[^\x00-\x7f]|&", text):
        char = match.group()
        if not (char.isprintable() and not char.isspace()):
            continue
        name = html.entities.codepoint2name.get(ord(char))
        forms = [f"&#{ord(char)};", f"&#x{ord(char):x};"] + ([f"&{name};"] if name else [])
        form = rng.choice(forms)
        if rng.random() < 0.3:
            form = "&amp;" + form[1:]  # escaped twice
        yield _make("entity", text, match.start(), match.end(), form)


def _invisible(text: str, rng: random.Random) -> Iterator[Injection]:
    for word in _words(text, 4):
        cut = rng.randrange(1, len(word.group()))
        w = word.group()
        yield _make("invisible", text, word.start(), word.end(), w[:cut] + rng.choice(_INVISIBLES) + w[cut:])


def _homoglyph(text: str, rng: random.Random) -> Iterator[Injection]:
    for word in _words(text, 3):
        w = word.group()
        if w.isupper():
            continue
        spots = [i for i, c in enumerate(w) if c in _HOMOGLYPHS]
        if spots:
            i = rng.choice(spots)
            yield _make("homoglyph", text, word.start(), word.end(), w[:i] + rng.choice(_HOMOGLYPHS[w[i]]) + w[i + 1:])


def _hyphen(text: str, rng: random.Random) -> Iterator[Injection]:
    for word in _words(text, 8):
        w = word.group()
        if w.islower():
            cut = rng.randrange(3, len(w) - 2)
            yield _make("hyphen", text, word.start(), word.end(), w[:cut] + rng.choice(("- ", "-\n")) + w[cut:])


def _glued(text: str, rng: random.Random) -> Iterator[Injection]:
    for match in re.finditer(r"(?<=[a-z]{3}\.) (?=[A-Z][a-z]{2})", text):
        yield _make("glued", text, match.start(), match.end(), "")


def _spacing(text: str, rng: random.Random) -> Iterator[Injection]:
    for match in re.finditer(r"\n\n(?=\S)", text):
        words = list(_words(text[match.end():match.end() + 80], 4))[:2]
        if not words:
            continue
        original = " ".join(w.group().capitalize() for w in words[:rng.choice((1, 2))])
        spaced = "  ".join(" ".join(w) for w in original.split(" "))
        at = match.start() + 1  # the new line goes between the paragraphs
        yield Injection("spacing", at, at, original + "\n", spaced + "\n", "\n", "\n")


def _ocr(text: str, rng: random.Random) -> Iterator[Injection]:
    for word in _words(text, 5):
        w = word.group()
        if not w.islower():
            continue
        for old, new in _OCR:
            i = w.find(old, 1)
            if i > 0:
                yield _make("ocr", text, word.start(), word.end(), w[:i] + new + w[i + len(old):])
                break
        else:
            i = rng.randrange(1, len(w) - 1)
            yield _make("ocr", text, word.start(), word.end(), w[:i] + w[i + 1:] if rng.random() < 0.5
                        else w[:i] + w[i] + w[i:])


_INJECTORS: dict[str, Callable[[str, random.Random], Iterator[Injection]]] = {
    "entity": _entity, "invisible": _invisible, "homoglyph": _homoglyph, "hyphen": _hyphen,
    "glued": _glued, "spacing": _spacing, "ocr": _ocr,
}
