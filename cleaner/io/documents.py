"""Whole documents (plain text or HTML files, or stdin): which format the cleaner reads them in,
and the name and bytes of their clean text."""

from __future__ import annotations

from pathlib import PurePosixPath

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")


def document_format(name: str, forced: str) -> str:
    """The cleaner's `format` for a file: what the user forced, else by extension, else by content."""
    if forced in ("text", "html", "extracted"):
        return forced
    return "html" if name.lower().endswith(HTML_SUFFIXES) else "auto"


TEXT_SUFFIX = ".txt"


def text_name(rel: PurePosixPath) -> PurePosixPath:
    """The name of a document's clean text: plain text, so `.txt`.

    A document suffix is replaced (page.html -> page.txt; notes.txt stays);
    any other name is kept whole with `.txt` added (notes.md -> notes.md.txt,
    README -> README.txt), so nothing of it is lost.
    """
    name = rel.name
    for suffix in HTML_SUFFIXES + TEXT_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return rel.with_name(name[: -len(suffix)] + TEXT_SUFFIX)
    return whole_text_name(rel)


def whole_text_name(rel: PurePosixPath) -> PurePosixPath:
    """The name kept whole, `.txt` added: also what a document gets when its short name is taken."""
    return rel.with_name(rel.name + TEXT_SUFFIX)


def text_file(text: str) -> bytes:
    """A document's clean text as a file: UTF-8 ending in exactly one newline (no text: an empty file)."""
    body = text.rstrip("\n")
    return (body + "\n").encode("utf-8", "surrogatepass") if body else b""
