"""Words glued together where markup was stripped: "said.The minister", "endNext".

Two shapes, each split only when both sides are words of the document's language:

- a sentence end against a capitalised word ("said.The" → "said. The",
  "reasons.That’s", "rates.Well-defined"): not an abbreviation ("Mr.Smith",
  "e.g.The", "U.S.The"), initials, a version, a domain or a file name
  ("example.com", "index.html", "booking.Com"), nor a name written with a dot
  inside a URL, an e-mail address or code ("models.Model", "options.Level = 3");
  a capitalised word before a dot is a name with a dot ("Fin.Link",
  "System.Text") unless what follows is a word sentences open with ("Texas.The",
  "Brown.They"); a rare word before it ("toothbrushes.The") counts when long,
  the short ones are code's ("resp.Body", "src.Close");
- a lower-case word run into capitalised words ("endNext" → "end Next",
  "gardenNewsContact") whose parts are words while the whole is not; names in
  mixed case ("iPhone", "McDonald", "JavaScript", "YouTube", "macOS") do not
  start with a lower-case word of three letters or more followed only by
  capitalised lower-case words, and a name the text repeats ("roomLift"
  three times), identifiers ("numberOfFrames" with a function word inside,
  "componentDidMount" beside "componentWillUnmount", a quoted "articleNumber",
  a key "containerPort: 80", a call "askForNumber ()") and a line of code
  ("const equalsIndex = ...") are left alone.

In a text about code (`protected.is_about_code`: calls, snake_case names,
statements) camel-case words are names ("userInput", "flushSync") and are
never split, and a lower-case word, a dot and a capitalised word is a member
("logging.Handler", "file.Close") unless the capitalised word is one
sentences open with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import regex

from ..edits import Edit
from .protected import is_about_code
from .words import Words

# A token is what lies between white space; a split is never made in one that
# is a URL, an e-mail address, a path, a hashtag or a handle, or code.
_FOREIGN = regex.compile(r"://|^www\.|@|^#|[/\\_=<>{}\[\]$`]|\(\)?$|\.\p{L}*\(|\w:\w")

# "said.The": a word ending in a lower-case letter (not preceded by a dot or a
# letter-dot pair: "e.g.", "U.S."), the sentence's end (a dot, or "?" and "!";
# an ellipsis is a style: "and so...This"), a capitalised word, with the end of
# a contraction or a compound ("That’s", "Well-defined").
_SENTENCE = regex.compile(r"(?<![\p{L}\p{N}\p{M}.'’_-])(\p{L}[\p{L}\p{M}]*\p{Ll})(\.|[!?]+)(\p{Lu}\p{Ll}+)"
                          r"((?:['’]\p{Ll}{1,2}|-\p{Ll}+)?)\b(?![.\-'’]\p{L})")
# The hints start at the rare character (a stop, a capital) and look behind for
# the lower-case letters: a scan that tries a letter class first at every
# place costs several times more.
_SENTENCE_HINT = regex.compile(r"(?<=\p{Ll})(?:\.|[!?]+)\p{Lu}\p{Ll}")
# "endNext": a lower-case word of two letters or more, then capitalised words.
_CAMEL = regex.compile(r"(?<![\p{L}\p{N}\p{M}.'’_-])\p{Ll}{2,}(?:\p{Lu}\p{Ll}+)+(?![\p{L}\p{N}\p{M}_]|[.\-'’]\p{L})")
_CAMEL_HINT = regex.compile(r"(?<=\p{Ll}{2})\p{Lu}\p{Ll}")
# A line of code: an assignment, a block, a statement's end (prose has
# semicolons inside its lines), a call; or a lone token ("builder.Services").
_CODE_LINE = regex.compile(r"[{}]|;\s*$|[^=!<>]=[^=]|===|\w\(|^\s*\S+\s*$")
_PART = regex.compile(r"\p{Lu}?\p{Ll}+")
_QUOTES = frozenset("\"'`“”‘’")
# A key ("containerPort: 80") or a call ("askForNumber ()").
_KEY_OR_CALL = regex.compile(r":(?:\s|$)| ?\(")

# Abbreviations that end in a lower-case letter and a dot and precede a
# capitalised word: titles and the shortenings of news prose.
ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "messrs", "mme", "mlle", "hr", "fr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "pvt", "inc", "ltd", "co", "corp", "bros", "vs", "etc", "al", "approx", "dept", "univ", "assn", "est", "fig", "figs", "vol", "vols", "no", "nos", "ch", "sec", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "blvd", "rd", "mt", "ft", "pt", "vs", "cf", "ibid", "op"])
# The verbs code identifiers start with ("getElementById", "setState",
# "onClick"): a camel-case token that opens with one is code, not glued words.
CODE_VERBS = frozenset(["get", "set", "is", "has", "can", "should", "on", "to", "use", "add", "remove", "handle", "update", "create", "make", "init", "load", "read", "write", "find", "fetch", "parse", "render", "show", "hide", "toggle", "open", "close", "start", "stop", "run", "call", "apply", "build", "check", "validate", "format", "convert", "map", "filter"])
# Top-level domains a dot and a capitalised word may be ("booking.Com", "Earth.Org").
DOMAINS = frozenset(["com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "fr", "info", "biz", "app", "dev"])
# Zipf frequency from which each part counts as a word (once per million words);
# a word of one or two letters must be common ("It", "We"), not a code or unit ("Js", "Kb").
WORD = 3.0
SHORT_WORD = 5.0
# After a sentence end a rarer word does ("design.Wraparound" 2.6), and a rare word
# of `LONG` letters or more may end the sentence ("coroutines.This" 1.4).
NEXT_WORD = 2.0
RARE_WORD = 1.0
LONG = 6
# The words sentences open with ("The" 7.7, "They" 6.5, "However" 5.6); after a
# capitalised word and a dot only they tell a sentence end from a name with a dot.
OPENER = 5.5
# Function words ("Of", "For", "In", "Did"): inside a camel-case token they are an identifier's.
FUNCTION_WORD = 5.9


def find(text: str, words: Callable[[], Words | None]) -> Iterator[Edit]:
    """Spaces put back between glued words; `words` gives the document's word list on
    first call (None: no list for its language, nothing is split)."""
    sentences = [m for m in _on_hinted_lines(_SENTENCE, _SENTENCE_HINT, text)
                 if m.group(1).casefold() not in ABBREVIATIONS]
    camels = _on_hinted_lines(_CAMEL, _CAMEL_HINT, text)
    if not sentences and not camels:
        return
    known = words()
    if known is None:
        return
    technical = is_about_code(text)
    if technical:
        camels = []  # its camel-case words are names: "userInput", "includeSubDomains", "flushSync"
    for match in sentences:
        if _is_sentence_end(text, match, known, technical):
            left, stop, right = match.group(1, 2, 3)
            yield Edit(match.end(2), match.end(2), " ", "whitespace", "tokens/glued",
                       f"the sentence end '{left}{stop}' is glued to the next word '{right}'")
    folded = text.casefold() if camels else ""
    schemes = Counter(_PART.match(token).group().casefold() for token in {m.group() for m in camels})
    for match in camels:
        glued = match.group()
        parts = _PART.findall(glued)
        if parts[0] in CODE_VERBS or len(parts[0]) < 3 or glued in known or folded.count(glued.casefold()) > 1:
            continue  # code, a name ("dbSeer", "myCompass"), a name the text repeats ("roomLift", "WaveNet")
        if _is_identifier(text, match, parts, known, schemes):
            continue
        if known.zipf(parts[0]) < WORD or not all(_is_word(part, known) for part in parts[1:]):
            continue
        offset = match.start()
        for part in parts[:-1]:
            offset += len(part)
            yield Edit(offset, offset, " ", "whitespace", "tokens/glued",
                       f"the words of '{glued}' are glued together ('{' '.join(parts)}')")


def _on_hinted_lines(pattern: regex.Pattern[str], hint: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    """The matches of `pattern`, looked for only on the lines where `hint` is found.

    Both shapes lie within a line and hold their hint, which a plain scan
    finds fast; the shapes' own look-behinds, tried at every place of a page,
    cost several times more.
    """
    found: list[regex.Match[str]] = []
    end = -1
    for place in hint.finditer(text):
        if place.start() <= end:
            continue  # on a line already looked at
        start = text.rfind("\n", 0, place.start()) + 1
        end = text.find("\n", place.end())
        end = len(text) if end < 0 else end
        found.extend(pattern.finditer(text, start, end))
    return found


def _is_sentence_end(text: str, match: regex.Match, known: Words, technical: bool) -> bool:
    """Whether "left.Right" is a sentence end glued to the next sentence, not a name or code
    (in a text about code, "file.Close" is a member: only a word sentences open with counts)."""
    left, stop, right, tail = match.groups()
    if _in_foreign_token(text, match.start(), match.end()) or _CODE_LINE.search(_line(text, match.start())):
        return False
    if right.casefold() in ABBREVIATIONS or right.casefold() in DOMAINS or right.casefold() == left.casefold():
        return False  # "kids.No 5", "booking.Com", a class in its module: "models.Model"
    opener = known.zipf(right + tail.replace("’", "'")) if tail[:1] in ("'", "’") else known.zipf(right)
    if (left[0].isupper() or technical) and stop == ".":
        return opener >= OPENER  # "Texas.The"; a name with a dot: "Fin.Link", "Log.Design", "Node.Js"
    zipf = known.zipf(left)
    if zipf < (SHORT_WORD if len(left) <= 2 else WORD) and (zipf < RARE_WORD or len(left) < LONG):
        return False  # "os.Create", "resp.Body"
    return opener >= (SHORT_WORD if len(right) <= 2 else NEXT_WORD)


def _is_identifier(text: str, match: regex.Match, parts: list[str], known: Words, schemes: Counter[str]) -> bool:
    """Whether a camel-case token is code's: in a token or line of code, quoted, a key
    or a call, with a function word inside, or one of several the text names alike."""
    start, end = match.span()
    if _in_foreign_token(text, start, end) or _CODE_LINE.search(_line(text, start)):
        return True
    if text[start - 1:start] in _QUOTES and text[end:end + 1] in _QUOTES or _KEY_OR_CALL.match(text, end):
        return True
    if any(known.zipf(part) >= FUNCTION_WORD for part in parts[1:-1]):
        return True  # "numberOfFrames", "processStartTagInBody"
    return schemes[parts[0].casefold()] > 1  # "componentDidMount", "componentWillUnmount"


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
