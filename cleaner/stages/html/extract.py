"""HTML input: recognise it, find its declared charset, extract the article text.

`extract` is the one entry point of the extraction step. trafilatura finds
the main content (options in `HtmlSettings.trafilatura`); its output tree is
read back as one line per paragraph, heading, list item or table row, so
the text stages that follow see real lines. When trafilatura finds nothing,
or too little, the page's visible text is used instead and the result says
why. Whatever the page showed but the extracted text lacks is listed as
`html-chrome` blocks, found by aligning the visible text against the
extracted text.

Nothing here touches the network: trafilatura and htmldate get a parsed tree
(never a string that could be taken for a URL), and `url` is metadata only.

trafilatura, htmldate and lxml (through `dom` and `prune`) are imported by
the functions that use them: importing them takes longer than cleaning a
short text, which never needs them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ...categories import Category
from ...config import HtmlSettings, TrafilaturaOptions
from ...errors import InputError
from ..decode import web_codec

if TYPE_CHECKING:
    from trafilatura.settings import Document

    from .dom import Block

LOGGER = logging.getLogger(__name__)

Method = Literal["trafilatura", "visible-text", "none"]

_OPENING = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>/]",
                      re.IGNORECASE | re.DOTALL)
_STRUCTURE = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|table|tr|td|section|article|header|footer|nav|"
                        r"main|aside|figure|blockquote|form|meta|link|script|style)\b[^<>]{0,500}>",
                        re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def looks_like_html(text: str, settings: HtmlSettings) -> bool:
    """True when `text` is an HTML page or fragment rather than text that mentions a tag.

    >>> looks_like_html("<!DOCTYPE html><p>Hi</p>", HtmlSettings())
    True
    >>> looks_like_html("Use <b> for bold, the guide said.", HtmlSettings())
    False
    """
    head = text[: settings.detect_chars]
    if _OPENING.match(head) or _STRUCTURE.search(head):
        return True
    return len(_BLOCK_TAG.findall(head)) >= settings.detect_min_tags


def declared_charset(data: bytes, settings: HtmlSettings) -> str | None:
    """The codec a `<meta charset>` or `http-equiv` declaration names near the start, if Python knows it.

    Follows the browsers' (WHATWG) reading: ISO-8859-1 and ASCII mean
    windows-1252, and a UTF-16 declaration inside an ASCII-compatible page
    means UTF-8. A declared legacy charset loses to valid UTF-8 with non-ASCII
    bytes: a page re-saved as UTF-8 that kept its old declaration is far
    more common than legacy text that happens to be valid UTF-8.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', HtmlSettings())
    'cp1252'
    """
    match = _META_CHARSET.search(data[: settings.charset_sniff_bytes])
    return None if match is None else web_codec(match.group(1).decode("ascii"), data)


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself; `url` feeds rule-file selection when `url=` is not given."""

    url: str | None = None
    sitename: str | None = None
    title: str | None = None
    date: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class DroppedBlock:
    """A block of the page's visible text that is not in the extracted text."""

    index: int  # position among the page's visible blocks
    text: str
    reason: str
    category: Category = "html-chrome"


@dataclass(frozen=True)
class Dropped:
    """What the page showed that the extracted text lacks, found by aligning the two."""

    visible_blocks: int  # blocks of visible text on the page
    blocks: tuple[DroppedBlock, ...]


@dataclass(frozen=True)
class Extracted:
    """The extraction step's result: the text the text stages clean, and its account.

    `dropped` is worked out when first asked for (the report asks): it needs
    a second parse of `page`, and cleaning for the text alone should not pay
    for it.
    """

    text: str
    method: Method
    options: TrafilaturaOptions
    metadata: Metadata
    fallback_reason: str | None
    problems: tuple[str, ...]  # parser limits hit, metadata that could not be read
    page: str = field(repr=False)  # the decoded HTML
    titles: tuple[tuple[str, str], ...] = ()  # (folded heading, why) taken out of trafilatura's text
    settings: HtmlSettings = field(default_factory=HtmlSettings, repr=False)
    # The document's URL, decided here once: the one given, else the page's own (metadata).
    url: str | None = None

    @cached_property
    def dropped(self) -> Dropped:
        return _dropped(self)


def extract(html_text: str, url: str | None, settings: HtmlSettings) -> Extracted:
    """Extract the article text of an HTML page (see the module docstring)."""
    from . import dom
    from .prune import join_chunks, prune, wrap_leading_text

    parsed = dom.parse(html_text, settings.max_nesting_depth)
    options = settings.trafilatura
    if parsed.root is None:
        return Extracted("", "none", options, Metadata(url), "the page is empty", parsed.problems, html_text,
                         settings=settings, url=url)
    metadata, problems = _metadata(parsed.root, url)
    problems = parsed.problems + problems
    prune(parsed.root, settings)
    join_chunks(parsed.root, settings.chunk_min_chars)
    wrap_leading_text(parsed.root, settings.leading_text_min_chars)
    page_url = url or metadata.url
    lines, titles, failure, options = _trafilatura(parsed.root, page_url, metadata, settings)
    if failure is None:
        text, method = dom.render(lines), "trafilatura"
    else:  # a fresh parse: the fallback is the page as it was, not as pruned
        fresh = dom.parse(html_text, settings.max_nesting_depth)
        text, method = _fallback_text(dom.visible_blocks(fresh.root)), "visible-text"
        if not text and parsed.problems:
            raise InputError(f"no text could be read from the HTML: the parser stopped ({'; '.join(parsed.problems)})")
        if not text:
            method, failure = "none", f"{failure}; the page has no visible text"
    return Extracted(text, method, options, metadata, failure, problems, html_text, tuple(titles.items()), settings,
                     page_url)


def _dropped(extracted: Extracted) -> Dropped:
    """Align the page's visible text with the extracted text; say why each missing block went."""
    from . import dom
    from .prune import select

    root = dom.parse(extracted.page, extracted.settings.max_nesting_depth).root
    if root is None:
        return Dropped(0, ())
    # The same pruning as before extraction (it is deterministic), read in the same pass as the page.
    pruned = select(root, extracted.settings) if extracted.method == "trafilatura" else ()
    visible, inside = dom.read_visible(root, [item.element for item in pruned])
    reasons = dict(extracted.titles)
    for item, texts in zip(pruned, inside):
        why = f"pruned before extraction: {item.category} container, {item.why}"
        for text in texts:
            reasons.setdefault(_fold(text), why)
    return Dropped(len(visible), _unmatched(visible, extracted.text, extracted.settings, reasons))


def _metadata(root, url: str | None) -> tuple[Metadata, tuple[str, ...]]:
    """Title, site name, canonical URL and date, read the way trafilatura reads them (no author, tags, licence)."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
    from trafilatura.settings import set_date_params

    meta = examine_meta(root)
    if not (meta.title and meta.url and meta.sitename):  # JSON-LD fills the gaps (a third of the cost)
        meta = extract_meta_json(root, meta)
    title = meta.title or extract_title(root)
    page_url = meta.url or extract_url(root, url)
    sitename = meta.sitename or extract_sitename(root)
    try:
        date = find_date(root, **{**set_date_params(False), "url": page_url})
    except Exception as exc:  # noqa: BLE001 - htmldate on a hostile page: reported, extraction goes on
        return Metadata(page_url, sitename, title, None, meta.description), (f"date not read: {exc!r}",)
    return Metadata(page_url, sitename, title, date, meta.description), ()


def _trafilatura(root, url: str | None, metadata: Metadata, settings: HtmlSettings
                 ) -> tuple[tuple[Block, ...], dict[str, str], str | None, TrafilaturaOptions]:
    """trafilatura's body as lines and the title lines taken out of it, or why it failed;
    and the options it ran with."""
    from . import dom

    options = settings.trafilatura
    document, failure = _bare_extraction(root, url, options)
    chars = _chars(document.body) if document is not None else 0
    # A short text may be a discussion whose posts trafilatura files as comments (a forum
    # thread, a Q&A): read again with comments, they are the page when they bring much more.
    if not options.include_comments and chars < settings.discussion_max_chars:
        with_comments = replace(options, include_comments=True)
        again, _ = _bare_extraction(root, url, with_comments)
        posts = _chars(again.body) + _chars(again.commentsbody) if again is not None else 0
        if posts > settings.discussion_min_gain * chars:
            again.body.extend(list(again.commentsbody if again.commentsbody is not None else ()))
            document, failure, options = again, None, with_comments
    if failure is not None:
        return (), {}, failure, options
    titles = _take_titles(document.body, metadata)
    lines = dom.body_lines(document.body)
    chars = sum(len(line.text) for line in lines)
    if chars < settings.min_extracted_chars:
        return (), {}, (f"trafilatura's text has {chars} characters, fewer than "
                        f"min_extracted_chars ({settings.min_extracted_chars})"), options
    return lines, titles, None, options


def _bare_extraction(root, url: str | None, o: TrafilaturaOptions) -> tuple[Document | None, str | None]:
    """trafilatura's document for the page (it works on a copy of `root`), or why there is none."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            root, url=url, output_format="txt", fast=o.fast, favor_precision=o.favor_precision,
            favor_recall=o.favor_recall, include_comments=o.include_comments, include_tables=o.include_tables,
            include_images=False, include_links=False, include_formatting=False, with_metadata=False)
    except Exception as exc:  # noqa: BLE001 - a trafilatura failure is a reason to fall back, reported
        LOGGER.warning("trafilatura failed on %s: %r", url, exc)
        return None, f"trafilatura failed ({type(exc).__name__}: {exc})"
    if document is None or document.body is None:
        return None, "trafilatura found no main content"
    return document, None


def _chars(body) -> int:
    return 0 if body is None else sum(len(text.strip()) for text in body.itertext())


def _take_titles(body, metadata: Metadata) -> dict[str, str]:
    """Take out leading headings that repeat the page's title or description: metadata, not body.

    Returns folded text -> why it went, for the report.
    """
    known = {_fold(t): why for t, why in ((metadata.description, "page description (metadata)"),
                                          (metadata.title, "page title (metadata)")) if t}
    titles: dict[str, str] = {}
    while len(body) and body[0].tag == "head" and _fold("".join(body[0].itertext())) in known:
        key = _fold("".join(body[0].itertext()))
        titles[key] = known[key]
        body.remove(body[0])
    return titles


def _fallback_text(visible: tuple[Block, ...]) -> str:
    """The visible text outside navigation, header and footer containers (all of it if that is nothing)."""
    from . import dom

    content = [b for b in visible if not b.is_chrome]
    return dom.render(content or visible)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _unmatched(visible: tuple[Block, ...], text: str, settings: HtmlSettings, reasons: dict[str, str]
               ) -> tuple[DroppedBlock, ...]:
    """Visible blocks not found in `text`, walking both in document order.

    Each block is looked for just after the previous match (extraction keeps
    the page's order, and what lies between is only what it dropped): a
    short block within a few characters, so a "Share" button is not taken
    for the word "share" in the article, a long one within
    `align_window_chars`. A long block not found there is looked for in the
    whole text, at most `align_max_global_searches` times, so the alignment
    stays linear on a page of thousands of blocks.
    """
    haystack = _fold(text)
    cursor, global_searches = 0, settings.align_max_global_searches
    dropped = []
    for index, block in enumerate(visible):
        key = _fold(block.text)
        is_long = len(key) >= settings.align_short_chars
        slack = settings.align_window_chars if is_long else settings.align_short_chars
        pos = haystack.find(key, cursor, cursor + len(key) + slack)
        if pos < 0 and is_long and global_searches > 0:
            global_searches -= 1
            pos = haystack.find(key)
        if pos < 0:
            dropped.append(DroppedBlock(index, block.text, reasons.get(key, "not in the extracted text")))
        else:
            cursor = pos + len(key)
    return tuple(dropped)
