"""The fixed vocabulary of the report: what kind of thing an edit removed or fixed."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Literal, get_args

Category = Literal[
    # removals
    "weather-widget",
    "related-links",
    "comment-prompt",
    "social-widget",
    "editor-credit",
    "caption",
    "counter",
    "navigation",
    "newsletter",
    "advertisement",
    "cookie-notice",
    "duplicate",
    "boilerplate",
    "mt-artifact",
    "html-chrome",
    # fixes
    "encoding",
    "punctuation",
    "token",
    "whitespace",
]

CATEGORIES: frozenset[str] = frozenset(get_args(Category))
FIX_CATEGORIES: frozenset[str] = frozenset({"encoding", "punctuation", "token", "whitespace"})
# mt-artifact is both: a stray MT sentence is deleted inside a kept line.
REMOVAL_CATEGORIES: frozenset[str] = CATEGORIES - FIX_CATEGORIES


def is_category(name: str) -> bool:
    return name in CATEGORIES


def closest(name: str) -> str | None:
    """The category `name` most likely misspells ("wether-widget": "weather-widget"), if any."""
    found = get_close_matches(name, sorted(CATEGORIES), n=1)
    return found[0] if found else None
