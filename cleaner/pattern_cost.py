"""What a rule pattern costs to compile, checked before compiling it.

The `regex` module compiles a counted repeat by copying its body: `a{1000}`
becomes a thousand nodes, and nested counts multiply, so the 27-character
pattern `(?:(?:a{1000}){1000}){1000}` would need hundreds of gigabytes. No
timeout covers compiling, so rule loading estimates the copies first and
refuses a pattern above `MAX_COMPILED_NODES` (about 26 MB of compiled pattern;
real rule patterns stay under a few hundred).

    >>> compiled_nodes(r"^\\d{1,3} views$")
    9
    >>> compiled_nodes(r"(?:ab{10}){100}")
    1100
"""

from __future__ import annotations

import re

MAX_COMPILED_NODES = 100_000

# A counted repeat: {m}, {m,}, {,n}, {m,n}; only the minimum m is copied.
_COUNT = re.compile(r"\{(\d*)(?:,(\d*))?\}")
# What opens a group: a plain "(", or "(?" with a group kind, name, or inline flags.
# Inline flags alone "(?i)", a comment "(?#...)" and "(?P=name)" open nothing.
_OPEN = re.compile(r"\((?:\?(?:[:=!>|]|<[=!]|P?<\w+>|'\w+'|P=\w+\)|#[^)]*\)|[a-zA-Z^-]*[:)]))?")
# Escapes that take a braced argument: \p{L}, \N{name}, \x{263a}.
_BRACED_ESCAPE = re.compile(r"\\[pPNx]\{[^}]*\}|\\.", re.DOTALL)


def compiled_nodes(pattern: str) -> int:
    """An estimate of how many nodes the compiled `pattern` has (repeats counted as copies)."""
    # Each frame is [sum of finished items and alternatives, size of the last item].
    frames: list[list[int]] = [[0, 0]]
    i = 0
    while i < len(pattern):
        char, frame = pattern[i], frames[-1]
        count = _COUNT.match(pattern, i) if char == "{" else None
        if count and (count.group(1) or count.group(2)):
            frame[1] *= max(1, int(count.group(1) or 0))
            i = count.end()
            continue
        if char == "(":
            opener = _OPEN.match(pattern, i)
            i = opener.end()
            if not opener.group().endswith(")"):
                frames.append([0, 0])
            continue
        elif char == ")" and len(frames) > 1:
            total, last = frames.pop()
            _add_item(frames[-1], total + last)
        elif char == "|":
            frame[0], frame[1] = frame[0] + frame[1], 0
        elif char in "*+?":
            pass  # an open repeat is one loop node, not copies
        else:
            _add_item(frame, 1)
            i = _atom_end(pattern, i)
            continue
        i += 1
    total, last = frames[0]
    return total + last


def _add_item(frame: list[int], size: int) -> None:
    frame[0] += frame[1]
    frame[1] = size


def _atom_end(pattern: str, i: int) -> int:
    """Where the atom starting at `i` ends: an escape, a character class, or one character."""
    if pattern[i] == "\\":
        match = _BRACED_ESCAPE.match(pattern, i)
        return match.end() if match else i + 1
    if pattern[i] == "[":
        return _class_end(pattern, i)
    return i + 1


def _class_end(pattern: str, i: int) -> int:
    """The end of the character class at `i` (nested sets, escapes, a leading ']')."""
    depth, j = 0, i
    while j < len(pattern):
        char = pattern[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            depth += 1
            j += 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):
                j += 1  # a ']' first in a class is literal
            continue
        if char == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(pattern)
