"""The HTML tree: parsing, and reading it as blocks of text.

Two readings share one method: the page's *visible text* (what a reader
sees, one block per block element; used for the fallback and to report what
extraction dropped) and trafilatura's *extracted body* (one line per
paragraph, heading, list item or table row, so the text stages see real
lines). Block boundaries are marked with Unicode noncharacters in a copy of
the tree, which lxml then serialises as text in C: walking the elements in
Python would cost more than trafilatura's own extraction, and a deeply
nested page cannot exhaust the Python stack.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Iterable, Sequence

import lxml.etree as etree
import lxml.html
from trafilatura.utils import repair_faulty_html

# Elements whose content a reader never sees as text, and attributes that hide an element.
_INVISIBLE = (
    "head title script style noscript template svg math iframe object embed canvas video audio "
    "select option datalist button input textarea map area source track meta link base".split()
)
# Coarse XPath filters (evaluated in C), refined in Python: cheaper than one
# exact XPath that lower-cases every element's style attribute.
_MAYBE_HIDDEN = etree.XPath(".//*[@hidden or @aria-hidden or @style]")
# Elements that start a new block of text in a browser; the soft ones end a
# line but not a paragraph (joined by "\n" rather than a blank line).
_HTML_HARD = tuple(
    "address article aside blockquote body caption center details dialog dir div dl fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend main menu nav ol p pre section summary "
    "table tbody tfoot thead ul".split()
)
_HTML_SOFT = tuple("br li tr dd dt".split())
# Containers of page chrome rather than content: the fallback leaves them out.
_MAYBE_CHROME = etree.XPath(".//*[self::nav or self::header or self::footer or self::aside or @role]")
_CHROME_TAGS = frozenset("nav header footer aside".split())
_CHROME_ROLES = frozenset("navigation banner contentinfo complementary search".split())

# trafilatura's output tree: its block elements, and cells (words apart, same line).
_BODY_HARD = ("p", "head", "list", "quote", "table", "code", "div")
_BODY_SOFT = ("item", "row", "lb")
_INLINE_CODE_PARENTS = frozenset(("p", "item", "head", "hi", "ref", "inline"))

# Markers: paragraph boundary, line boundary, entering and leaving chrome,
# entering and leaving one of the containers asked about (`read_visible`).
# Unicode noncharacters (lxml refuses control characters in text); `parse`
# removes any the page itself contains, so a marker is always ours.
_PARA, _LINE, _ENTER, _LEAVE, _IN, _OUT = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4", "\ufdd5"
_MARKERS = (_PARA, _LINE, _ENTER, _LEAVE, _IN, _OUT)
_MARKS = re.compile("([\ufdd0-\ufdd5])")
# A DOCTYPE with an internal subset (entity declarations: the "billion laughs"
# bomb) is replaced by a plain one, so no declared entity can ever expand and
# the subset does not leak into the text.
_DOCTYPE_SUBSET = re.compile(r"\s*(?:<\?xml[^>]{0,200}>\s*)?<!DOCTYPE[^\[>]{0,200}\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)


# libxml2 reads elements nested at most 256 deep (the root element is 1 deep);
# its XML_PARSE_HUGE option (lxml's `huge_tree`) raises that to 2048. HUGE also
# lifts libxml2's other caps (a text node over 10 MB, which the plain parser
# refuses whole), so it is used only when a deeper limit asks for it; the
# batch's own size limits (`max_document_bytes`, `max_line_chars`) still hold.
PARSER_DEPTH = 256
HUGE_PARSER_DEPTH = 2048


@dataclass(frozen=True, slots=True)
class Block:
    """A line of text between block boundaries."""

    text: str
    is_chrome: bool = False  # inside nav/header/footer/aside (or an ARIA role like them)
    new_paragraph: bool = True  # a paragraph boundary (not only a line break) precedes it


@dataclass(frozen=True)
class Parsed:
    """The parsed tree (None for a page with no markup or text) and parser limits hit."""

    root: lxml.html.HtmlElement | None
    problems: tuple[str, ...]


def parse(html_text: str, max_depth: int = PARSER_DEPTH) -> Parsed:
    """Parse HTML leniently; elements nested deeper than `max_depth` are not read, and limits hit are returned.

    The parser stops at the first element nested too deep, so nothing after it
    is read either (`_cut_below`); the problem names the limit. A fresh parser
    per call: its error log is per-document state. External entities and
    network access stay off, and a DOCTYPE's internal subset (entity
    declarations) is dropped before parsing.
    """
    text = html_text
    if not text.isascii() and any(mark in text for mark in _MARKERS):  # a quick test first: sub scans slowly
        text = _MARKS.sub("", text)
    subset = _DOCTYPE_SUBSET.match(text)
    if subset:
        text = "<!DOCTYPE html>" + text[subset.end():]
    text = repair_faulty_html(text, text[:50].lower())  # also removes the control characters lxml refuses
    # UTF-8 bytes parse faster than a str, and an XML declaration naming another
    # encoding cannot contradict them (lxml refuses such a declaration in a str).
    huge = max_depth > PARSER_DEPTH
    parser = _parser(huge)
    root = etree.fromstring(text.encode("utf-8", "replace"), parser)
    problems = [_explain(e.message, max_depth) for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    # Below the parser's own cap the limit is ours to enforce; pages are
    # shallow, so a walk is paid only when the setting asks for it.
    if root is not None and max_depth < (HUGE_PARSER_DEPTH if huge else PARSER_DEPTH) and _cut_below(root, max_depth):
        problems.append(_too_deep(max_depth))
    return Parsed(root, tuple(dict.fromkeys(p for p in problems if p)))


def _explain(message: str, max_depth: int) -> str | None:
    """libxml2's resource-limit message in the reader's terms (None: `_cut_below` reports it)."""
    depth = re.match(r"Excessive depth in document: (\d+)", message)
    if not depth:
        return message.strip()
    cap = int(depth.group(1))
    if cap > max_depth:  # the parser went deeper than the limit: the cut reports it
        return None
    if cap < max_depth:
        return (f"elements nested more than {cap} deep, the parser's own cap (max_nesting_depth cannot raise it "
                "further); the parser read no further")
    return _too_deep(max_depth)


def _too_deep(max_depth: int) -> str:
    return (f"elements nested more than {max_depth} deep (max_nesting_depth, --max-nesting-depth); "
            "the parser read no further")


def _cut_below(root: etree._Element, max_depth: int) -> bool:
    """Remove the first element nested deeper than `max_depth` and everything after it, as the parser would.

    True if anything was cut. The search is one XPath (evaluated in C), so a
    deep page cannot exhaust the Python stack and a wide one costs a fraction
    of its parse.
    """
    found = etree.XPath("(/*" + "/*" * max_depth + ")[1]")(root)
    if not found:
        return False
    element = found[0]
    parent = element.getparent()
    del parent[parent.index(element):]  # the element, its tail and the siblings after it
    while parent is not root:  # then what follows each ancestor: its tail and the siblings after it
        element, parent = parent, parent.getparent()
        element.tail = None
        del parent[parent.index(element) + 1:]
    return True


def _parser(huge: bool) -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True,
                                no_network=True, encoding="utf-8", huge_tree=huge)


def visible_blocks(root: lxml.html.HtmlElement) -> tuple[Block, ...]:
    """The page's visible text, one block per block element, in document order (`root` is not changed)."""
    body = root.find("body")
    return read_visible(deepcopy(root if body is None else body), ())[0]


def read_visible(root: lxml.html.HtmlElement, containers: Sequence[etree._Element]
                 ) -> tuple[tuple[Block, ...], tuple[tuple[str, ...], ...]]:
    """The page's visible blocks, and for each of `containers` (elements of the page, none
    inside another, in document order) the texts of the visible blocks it holds, read as
    if it stood alone (its edges end a block there, not in the page's blocks).

    One serialisation for all: a report asks this of hundreds of pruned
    containers a page. `root` is marked in place: pass a tree you own.
    """
    body = root.find("body")
    tree = root if body is None else body
    for element in [*tree.iter(*_INVISIBLE), *filter(_is_hidden, _MAYBE_HIDDEN(tree))]:
        element.text = None  # the tail stays: it is the parent's visible text
        element[:] = []
    shown = [c for c in containers if any(a is tree for a in c.iterancestors())]  # not inside a hidden one
    for element in shown:
        element.text = _IN + (element.text or "")
        element.tail = _OUT + (element.tail or "")
    for element in filter(_is_chrome, _MAYBE_CHROME(tree)):
        element.text = _ENTER + (element.text or "")
        element.tail = _LEAVE + (element.tail or "")
    _mark_all(tree, _HTML_HARD, _HTML_SOFT)
    blocks, inside = _blocks(etree.tostring(tree, method="text", encoding="unicode", with_tail=False), len(shown))
    texts = dict(zip(map(id, shown), inside))
    return blocks, tuple(texts.get(id(c), ()) for c in containers)


def body_lines(body: etree._Element) -> tuple[Block, ...]:
    """trafilatura's output tree as lines: one per paragraph, heading, list item ("- " first,
    as in trafilatura's own text), table row.

    `body` is marked in place: pass a tree you own (trafilatura's result is).
    """
    for cell in body.iter("cell"):
        cell.text, cell.tail = " " + (cell.text or ""), " " + (cell.tail or "")
        # A cell is one stretch of its row, whatever paragraphs it holds.
        for inner in cell.iterdescendants(*_BODY_HARD, *_BODY_SOFT):
            inner.tag, inner.tail = "inline", " " + (inner.tail or "")
    # trafilatura writes inline code as <code> too: inside a line of text it is part of the line.
    for code in body.iter("code"):
        parent = code.getparent()
        if parent is not None and parent.tag in _INLINE_CODE_PARENTS and "\n" not in (code.text or "").strip():
            code.tag = "inline"
    # A list item's line opens with "- ": the list stays a list for the reader and for the
    # heuristics, as in trafilatura's own text output (which polish mode cleans).
    for item in body.iter("item"):
        start = _first_text(item)
        if start is not None:
            element, attribute = start
            setattr(element, attribute, "- " + getattr(element, attribute).lstrip())
    _mark_all(body, _BODY_HARD, _BODY_SOFT)
    return _blocks(etree.tostring(body, method="text", encoding="unicode", with_tail=False))[0]


def _first_text(element: etree._Element) -> tuple[etree._Element, str] | None:
    """Where `element`'s own text starts (its text, or a child's text or tail), unless a
    sublist comes first: an item that opens with a sublist has no line of its own."""
    if (element.text or "").strip():
        return element, "text"
    for child in element:
        if child.tag == "list":
            return None
        inner = _first_text(child)
        if inner is not None:
            return inner
        if (child.tail or "").strip():
            return child, "tail"
    return None


def render(lines: Iterable[Block]) -> str:
    """Join lines: by a blank line after a paragraph boundary, else by a line break."""
    parts: list[str] = []
    for line in lines:
        if parts:
            parts.append("\n\n" if line.new_paragraph else "\n")
        parts.append(line.text)
    return "".join(parts)


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = "".join((element.get("style") or "").lower().split())
    return "display:none" in style or "visibility:hidden" in style


def _is_chrome(element: etree._Element) -> bool:
    return element.tag in _CHROME_TAGS or element.get("role") in _CHROME_ROLES


def _mark_all(tree: etree._Element, hard: tuple[str, ...], soft: tuple[str, ...]) -> None:
    for element in tree.iter(*hard):
        _mark(element, _PARA)
    for element in tree.iter(*soft):
        _mark(element, _LINE)


def _mark(element: etree._Element, marker: str) -> None:
    element.text = marker + (element.text or "")
    element.tail = marker + (element.tail or "")


def _blocks(marked: str, containers: int = 0) -> tuple[tuple[Block, ...], tuple[tuple[str, ...], ...]]:
    """Split marked text into blocks; a block is chrome when a chrome container is open around it.

    Also the texts inside each of the `containers` marked in and out (in
    order, none nested), split at their edges as well; those edges do not
    split the blocks.
    """
    blocks: list[Block] = []
    inside: list[list[str]] = [[] for _ in range(containers)]
    depth, paragraph = 0, True
    block: list[str] = []  # the parts of the block being read
    piece: list[str] = []  # the parts of it inside the open container
    current, opened = -1, 0  # the open container's index (-1: none), how many were opened
    for part in _MARKS.split(marked):
        if part not in _MARKERS:
            block.append(part)
            if current >= 0:
                piece.append(part)
            continue
        if current >= 0:  # every marker ends the open container's piece
            _add(inside[current], piece)
        piece = []
        if part == _IN:
            current, opened = opened, opened + 1
            continue
        if part == _OUT:
            current = -1
            continue
        text = _joined(block)
        if text:
            blocks.append(Block(text, depth > 0, paragraph))
            paragraph = False
        block = []
        if part == _PARA:
            paragraph = True
        elif part == _ENTER:
            depth += 1
        elif part == _LEAVE:
            depth -= 1
    text = _joined(block)
    if text:
        blocks.append(Block(text, depth > 0, paragraph))
    return tuple(blocks), tuple(map(tuple, inside))


def _joined(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _add(texts: list[str], parts: list[str]) -> None:
    text = _joined(parts)
    if text:
        texts.append(text)
