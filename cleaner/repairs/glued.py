"""Words glued together where markup was stripped: "said.The minister", "endNext".

Two shapes, each split only when both sides are words of the document's language:

- a sentence end against a capitalised word ("said.The" → "said. The"): not
  an abbreviation ("Mr.Smith", "e.g.The", "U.S.The"), initials, a version, a
  domain or a file name ("example.com", "index.html": the right side is not
  capitalised), nor a name written with a dot inside a URL, an e-mail address or code;
- a lower-case word run into capitalised words ("endOfSentenceNext" → "end Of
  Sentence Next") whose parts are words while the whole is not; names in
  mixed case ("iPhone", "McDonald", "JavaScript", "YouTube", "macOS") do not
  start with a lower-case word of three letters or more followed only by
  capitalised lower-case words, and a name the text repeats ("roomLift"
  three times) or a line of code ("const equalsIndex = ...") is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from ..edits import Edit
from .words import Words

# A token is what lies between white space; a split is never made in one that
# is a URL, an e-mail address, a path, a hashtag or a handle, or code.
_FOREIGN = regex.compile(r"://|^www\.|@|^#|[/\\_=<>{}\[\]$`]|\(\)?$|\.\p{L}*\(")

# "said.The": a word ending in a lower-case letter (not preceded by a dot or a
# letter-dot pair: "e.g.", "U.S."), the sentence's end (a dot, or "?" and "!";
# an ellipsis is a style: "and so...This"), a capitalised word.
_SENTENCE = regex.compile(r"(?<![\p{L}\p{N}\p{M}.'’_-])(\p{L}[\p{L}\p{M}]*\p{Ll})(\.|[!?]+)(\p{Lu}\p{Ll}+)\b(?![.\-'’]\p{L})")
# "endNext": a lower-case word of two letters or more, then capitalised words.
_CAMEL = regex.compile(r"(?<![\p{L}\p{N}\p{M}.'’_-])\p{Ll}{2,}(?:\p{Lu}\p{Ll}+)+(?![\p{L}\p{N}\p{M}_]|[.\-'’]\p{L})")
# A line of code: an assignment, a block, a statement's end, a call.
_CODE_LINE = regex.compile(r"[{};]|[^=!<>]=[^=]|===|\w\(")
_PART = regex.compile(r"\p{Lu}?\p{Ll}+")

# Abbreviations that end in a lower-case letter and a dot and precede a
# capitalised word: titles and the shortenings of news prose.
ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "messrs", "mme", "mlle", "hr", "fr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "pvt", "inc", "ltd", "co", "corp", "bros", "vs", "etc", "al", "approx", "dept", "univ", "assn", "est", "fig", "figs", "vol", "vols", "no", "nos", "ch", "sec", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "blvd", "rd", "mt", "ft", "pt", "vs", "cf", "ibid", "op"])
# The verbs code identifiers start with ("getElementById", "setState",
# "onClick"): a camel-case token that opens with one is code, not glued words.
CODE_VERBS = frozenset(["get", "set", "is", "has", "can", "should", "on", "to", "use", "add", "remove", "handle", "update", "create", "make", "init", "load", "read", "write", "find", "fetch", "parse", "render", "show", "hide", "toggle", "open", "close", "start", "stop", "run", "call", "apply", "build", "check", "validate", "format", "convert", "map", "filter"])
# Zipf frequency from which each part counts as a word (once per million words);
# a word of one or two letters must be common ("It", "We"), not a code or unit ("Js", "Kb").
WORD = 3.0
SHORT_WORD = 5.0


def find(text: str, words: Callable[[], Words | None]) -> Iterator[Edit]:
    """Spaces put back between glued words; `words` gives the document's word list on
    first call (None: no list for its language, nothing is split)."""
    sentences = [m for m in _SENTENCE.finditer(text) if m.group(1).casefold() not in ABBREVIATIONS]
    camels = list(_CAMEL.finditer(text))
    if not sentences and not camels:
        return
    known = words()
    if known is None:
        return
    for match in sentences:
        left, stop, right = match.groups()
        if left[0].isupper() and stop == ".":
            continue  # a name with a dot: "Fin.Link", "Log.Design", "Node.Js"
        if _in_foreign_token(text, match.start(), match.end()):
            continue
        if known.zipf(left) < WORD or not _is_word(right, known) or right.casefold() in ABBREVIATIONS:
            continue
        yield Edit(match.end(2), match.end(2), " ", "whitespace", "tokens/glued",
                   f"the sentence end '{left}{stop}' is glued to the next word '{right}'")
    folded = text.casefold() if camels else ""
    for match in camels:
        glued = match.group()
        parts = _PART.findall(glued)
        if parts[0] in CODE_VERBS or len(parts[0]) < 3 or glued in known or folded.count(glued.casefold()) > 1:
            continue  # code, a name ("dbSeer", "myCompass"), a name the text repeats ("roomLift", "WaveNet")
        if _in_foreign_token(text, match.start(), match.end()) or _CODE_LINE.search(_line(text, match.start())):
            continue
        if known.zipf(parts[0]) < WORD or not all(_is_word(part, known) for part in parts[1:]):
            continue
        offset = match.start()
        for part in parts[:-1]:
            offset += len(part)
            yield Edit(offset, offset, " ", "whitespace", "tokens/glued",
                       f"the words of '{glued}' are glued together ('{' '.join(parts)}')")


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:end if end >= 0 else len(text)]


def _is_word(word: str, known: Words) -> bool:
    return known.zipf(word) >= (SHORT_WORD if len(word) <= 2 else WORD)


def _in_foreign_token(text: str, start: int, end: int) -> bool:
    """Whether the white-space-delimited token around [start, end) is a URL, an address or code."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return bool(_FOREIGN.search(text[start:end]))
