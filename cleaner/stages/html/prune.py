"""The page's tree made ready for trafilatura: chrome containers out, split article bodies joined.

trafilatura already discards many containers by class/id tokens (its
`xpaths.py`); what it lets through, and what the text stages then meet as
loose lines, is mostly: figures with their captions and credits, and
related-story, newsletter, share and promo boxes inside the article
container, often named in CamelCase ("Newsletter-container") that its
case-sensitive tokens miss. `prune` takes those out, matching the tokens
below case-insensitively, and short paragraphs that are one link and nothing
else (inline "related story" teasers). A container that holds much of the
page's text, or its headline, or that is named as the article body, is
never pruned.

Candidates are found by iterating the container tags and matching their
class and id with one Python regex: XPath with EXSLT regexes (or a
`translate`d `contains` per token) costs more than trafilatura's own
extraction on a large page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import lxml.etree as etree

from ...categories import Category
from ...config import HtmlSettings

# category -> substrings of an element's class or id (lower-cased) that name a chrome container.
TOKENS: dict[Category, tuple[str, ...]] = {
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "sign-up"),
    "related-links": ("related", "read-more", "readmore", "more-stories", "more-news", "more-articles",
                      "recommend", "most-popular", "mostpopular", "most-read", "mostread", "latest-news",
                      "also-on", "also-read", "outbrain", "taboola"),
    "social-widget": ("share", "sharing", "social"),
    "advertisement": ("promo",),
}
_CONTAINERS = ("div", "section", "aside", "ul", "ol", "p", "span")
_FIGURES = ("figure", "figcaption")
# Never pruned: the article body itself ("entry-content entry-content-read-more" is an
# article behind a "read more" expander) and embedded posts ("social-media-embed",
# a figure "wp-block-embed").
_ARTICLE_BODY = re.compile(r"(?:entry|article|post|story)[-_]?(?:content|body|text)|articlebody|embed")


def _token_regex(tokens: tuple[str, ...]) -> re.Pattern[str]:
    if not tokens:  # an empty alternation would match every element
        raise ValueError("empty token group")
    return re.compile("|".join(map(re.escape, tokens)))


_ANY_TOKEN = _token_regex(tuple(t for group in TOKENS.values() for t in group))
_CATEGORY = tuple((category, _token_regex(group)) for category, group in TOKENS.items())
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
_RAW_LENGTH = etree.XPath("string-length(.)")
_HAS_HEADLINE = etree.XPath("boolean(.//h1)")
_HAS_TABLE = etree.XPath("boolean(.//table)")
_LONG_PARAGRAPHS = etree.XPath("count(.//p[string-length(normalize-space(.)) > 80])")


@dataclass(frozen=True)
class Pruned:
    """A container taken out before extraction, and why."""

    element: etree._Element
    category: Category
    why: str


def prune(root: etree._Element, settings: HtmlSettings) -> tuple[Pruned, ...]:
    """Remove chrome containers from `root` in place (see `select`); return what went."""
    pruned = select(root, settings)
    for item in pruned:
        _drop(item.element, item.element.getparent())
    return pruned


def select(root: etree._Element, settings: HtmlSettings) -> tuple[Pruned, ...]:
    """The chrome containers `prune` removes, in document order and none inside another (`root` is unchanged).

    A container with more than `settings.prune_max_share` of the page's
    text (scripts and styles aside), the page's h1, more than
    `settings.prune_max_paragraphs` paragraphs of prose, or an
    article-body name stays; so do containers alike (tag, class and id)
    that together hold more than that share of the text.
    """
    candidates = []
    for element in root.iter(*_CONTAINERS, *_FIGURES):
        category, why = _classify(element, settings.link_teaser_max_chars)
        if category is not None:
            candidates.append((element, category, why))
    if not candidates:
        return ()
    limit = settings.prune_max_share * _page_text_length(root)
    repeated = _large_groups(candidates, limit)
    pruned: list[Pruned] = []
    gone: set[etree._Element] = set()
    for element, category, why in candidates:
        if element in gone or any(a in gone for a in element.iterancestors()):
            continue  # gone with an ancestor already
        if _group(element, category) in repeated:
            continue  # one of many like it that together are the page
        if _looks_like_article(element, limit, settings.prune_max_paragraphs):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        pruned.append(Pruned(element, category, why))
        gone.add(element)
    return tuple(pruned)


def _group(element: etree._Element, category: Category) -> tuple[str, str | None, str | None, Category]:
    """Containers of one kind: a tag, its class and id, the category they were named for."""
    return element.tag, element.get("class"), element.get("id"), category


def _large_groups(candidates: list[tuple[etree._Element, Category, str]], limit: float) -> set[tuple]:
    """The groups of like containers that together hold more than `limit` characters.

    A page's own items often come in containers named like chrome: a shop's
    product cards ("product-card subscription-eligible"), a section's story
    grid ("hide-read-more-ad"), a page of testimonials in <figure>s. Each is
    small, so each passes for a box beside the article; together they are
    the page. (Nested members of a group are counted once, with the outermost.)
    """
    members: dict[tuple, list[etree._Element]] = {}
    for element, category, _ in candidates:
        members.setdefault(_group(element, category), []).append(element)
    large = set()
    for key, elements in members.items():
        if len(elements) < 2:
            continue  # a lone container is weighed by itself
        inside = set(elements)
        outermost = [e for e in elements if not any(a in inside for a in e.iterancestors())]
        if sum(_RAW_LENGTH(e) for e in outermost) > limit:
            large.add(key)
    return large


def _page_text_length(root: etree._Element) -> float:
    """Characters of text on the page, scripts and styles aside (raw: normalising costs)."""
    return _RAW_LENGTH(root) - sum(_RAW_LENGTH(e) for e in root.iter("script", "style"))


def _looks_like_article(element: etree._Element, limit: float, max_paragraphs: int) -> bool:
    """Too big to be chrome: much of the page's text, the headline, or paragraph after paragraph."""
    return (_RAW_LENGTH(element) > limit or _HAS_HEADLINE(element)
            or _LONG_PARAGRAPHS(element) > max_paragraphs)


def _classify(element: etree._Element, teaser_chars: int) -> tuple[Category | None, str]:
    """The chrome category of `element` and why, or None for an element to keep.

    Ordered for speed: most elements are named by no token at all.
    """
    names = " ".join(filter(None, (element.get("class"), element.get("id"))))
    folded = names.lower()
    tag = element.tag
    if tag in _FIGURES:  # a figure that holds a table holds content (WordPress wraps tables so)
        keep = _ARTICLE_BODY.search(folded) or _HAS_TABLE(element)
        return (None, "") if keep else ("caption", f"<{tag}>")
    if tag == "p" and _is_link_only(element, teaser_chars):
        return "related-links", "a paragraph that is one link"
    if not folded or not _ANY_TOKEN.search(folded):
        return None, ""
    if _ARTICLE_BODY.search(folded) or element.get("itemprop") == "articleBody":
        return None, ""
    category = next(c for c, pattern in _CATEGORY if pattern.search(folded))
    return category, f"class/id {names[:80]!r}"


def _is_link_only(paragraph: etree._Element, max_chars: int) -> bool:
    """A short paragraph whose whole text is one link: a teaser for another page."""
    links = list(islice(paragraph.iter("a"), 2))
    if len(links) != 1:
        return False
    text = "".join(paragraph.itertext()).strip()
    return 0 < len(text) <= max_chars and text == "".join(links[0].itertext()).strip()


def _drop(element: etree._Element, parent: etree._Element) -> None:
    """Remove `element` but keep its tail (the text after it belongs to the parent)."""
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    element.tail = None
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


_CHUNK = re.compile(r"article[-_]*body|articlebody|article__chunk|body__container|story-?body|"
                    r"(?:entry|article|post|story)[-_]?content|article-?text")


def join_chunks(root: etree._Element, min_chars: int) -> int:
    """Move the children of an article body split into sibling chunks into its first chunk.

    trafilatura reads the first container that looks like an article body; a
    page that splits its body into several containers of the same class
    (around ads or pull quotes) loses all chunks but the first. Chunks in
    different <article> elements are different posts and stay apart, and at
    least two chunks must hold `min_chars` of text (small "post-content"
    boxes are teasers). Returns the number of chunks joined.
    """
    groups: dict[tuple[str | None, str | None], list[etree._Element]] = {}
    for element in root.iter("div", "section"):
        if element.get("itemprop") == "articleBody" or _CHUNK.search((element.get("class") or "").lower()):
            groups.setdefault((element.get("class"), element.get("itemprop")), []).append(element)
    joined = 0
    for members in groups.values():
        chunks = [e for e in members if not any(a in members for a in e.iterancestors())]
        if len(chunks) < 2 or len({_article_of(c) for c in chunks}) > 1:
            continue
        if sum(_TEXT_LENGTH(c) >= min_chars for c in chunks) < 2:
            continue
        first = chunks[0]
        for chunk in chunks[1:]:
            first.extend(list(chunk))
            joined += 1
    return joined


def _article_of(element: etree._Element) -> etree._Element | None:
    return next(element.iterancestors("article"), None)


_BREAKS = frozenset("br p div section article ul ol table blockquote h1 h2 h3 h4 h5 h6 pre figure hr".split())


def wrap_leading_text(root: etree._Element, min_chars: int) -> int:
    """Wrap the text a <div> opens with (up to its first break) in a <p>.

    trafilatura drops the loose text at the start of a <div> whose paragraphs
    are separated by <br>s, often the article's first paragraph. Only a run
    of at least `min_chars` that a break follows is wrapped (a one-line
    byline <div> stays as it is). Returns the number of runs wrapped.
    """
    wrapped = 0
    for div in root.iter("div"):
        if not (div.text and div.text.strip()) or not len(div):
            continue
        run = []
        for child in div:
            if child.tag in _BREAKS:
                break
            run.append(child)
        else:
            continue  # no break after the run: the <div> is one paragraph already
        text = div.text + "".join("".join(c.itertext()) + (c.tail or "") for c in run)
        if len(text.strip()) < min_chars:
            continue
        paragraph = div.makeelement("p", {})
        paragraph.text, div.text = div.text, None
        paragraph.extend(run)
        div.insert(0, paragraph)
        wrapped += 1
    return wrapped
