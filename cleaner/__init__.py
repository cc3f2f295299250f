"""cleaner: clean scraped article text, and report exactly what was removed or changed.

    >>> from cleaner import clean
    >>> result = clean("Comments are closed.\\n", url=None, format="text")
"""

from __future__ import annotations

from .config import Settings
from .errors import CleanerError, InputError, RuleFileError, UnsupportedFormatError
from .pipeline import Cleaner
from .result import CleanResult
from .ruleset.load import load_rules
from .ruleset.model import RuleSet

__all__ = [
    "clean",
    "Cleaner",
    "CleanResult",
    "Settings",
    "RuleSet",
    "load_rules",
    "CleanerError",
    "InputError",
    "RuleFileError",
    "UnsupportedFormatError",
]


def clean(source: str | bytes, url: str | None = None, format: str = "auto") -> CleanResult:
    """Clean one document with the built-in rules; see `Cleaner` to reuse compiled rules."""
    return Cleaner().clean(source, url=url, format=format)
