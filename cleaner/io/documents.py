"""Whole documents (plain text or HTML files, or stdin): which format the cleaner reads them in."""

from __future__ import annotations

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")


def document_format(name: str, forced: str) -> str:
    """The cleaner's `format` for a file: what the user forced, else by extension, else by content."""
    if forced in ("text", "html"):
        return forced
    return "html" if name.lower().endswith(HTML_SUFFIXES) else "auto"
