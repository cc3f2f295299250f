"""The report as a page a person reads: the source with every change shown where it happened.

Built from the same report dict the CLI writes (DESIGN.md, "Report"), plus
the source text its offsets point into (`CleanResult.source_text`; the
report carries its length and each edit's span, not the whole text).

What the page shows, and how (the legend on the page says the same):
removed text is struck through on its category's tint; a fix is boxed in
its category's ink, old text struck, new text underlined; kept edits
(`--keep`) have a dashed outline; every mark carries the number of its
reason, listed beside the text (or below it, narrow or printed), so no
reason hides behind a hover; a tiny edit (a comma, a space, a repaired
accent) also gets a badge that spells it out; a long removed run is
collapsed to its first words. Encoding fixes (Unicode repair) are marks like
any other; for HTML input the page header names the URL, title and
extraction method, and the blocks extraction dropped are listed apart, since
they never reached the text. Category filters (plain script) hide a
category's marks. One self-contained file: no external resources.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..categories import FIX_CATEGORIES
from .assets import SCRIPT, STYLE
from .marks import Mark, Notes, dropped_marks, text_marks, visible
from .palette import FIX_INKS, REMOVAL_TINTS, category_colour

_KIND_CLASS = {"removal": "rm", "fix": "fx", "kept": "kp"}
# Legend rows in a fixed order: the built-in vocabulary first, then any other name.
_ORDER = tuple(REMOVAL_TINTS) + tuple(FIX_INKS)
_BACKLINKS = 12  # a reason links back to at most this many of its marks
_PREVIEW_CHARS = 90


def render(report: Mapping[str, Any], source_text: str) -> str:
    """The HTML page for `report` over `source_text`; ValueError if they do not belong together."""
    _check(report, source_text)
    marks, dropped = text_marks(report), dropped_marks(report)
    notes = Notes(marks + dropped)
    source = report.get("source", {})
    name = html.escape(str(source.get("name", "")))
    return "".join([
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>cleaner: {name}</title><style>{STYLE}</style></head><body>\n<div class='page'>\n",
        f"<header><h1>{name}</h1>\n", _about(report), _flow(report, marks), _warnings(report.get("warnings", [])),
        "</header>\n<div class='layout'>\n<main>\n<div class='doc' id='doc'>",
        _body(source_text, marks, 0, len(source_text), notes),
        "</div>\n", _dropped(report.get("extraction"), dropped, notes), "</main>\n<aside>\n",
        _legend(marks + dropped), _notes(notes), "</aside>\n</div>\n</div>\n",
        "<pre id='selftest' hidden></pre>\n<script>", SCRIPT, "</script>\n</body></html>\n",
    ])


def _check(report: Mapping[str, Any], source_text: str) -> None:
    chars = report.get("source", {}).get("chars")
    if chars is not None and chars != len(source_text):
        raise ValueError(f"the report is about a text of {chars} characters, not {len(source_text)}")
    for edit in [*report.get("edits", []), *report.get("kept", [])]:
        if source_text[edit["start"]:edit["end"]] != edit["text"]:
            raise ValueError(f"edit {edit['rule']} at {edit['start']}: its text is not in the source")
    for repair in report.get("encoding", []):
        for fix in repair.get("fixes", []):
            if source_text[fix["start"]:fix["end"]] != fix["after"]:
                raise ValueError(f"encoding fix at {fix['start']}: its repaired text is not in the source")


# --- the text -------------------------------------------------------------------------------


def _body(text: str, marks: Sequence[Mark], lo: int, hi: int, notes: Notes) -> str:
    """`text[lo:hi]` with its marks; a mark inside another is drawn inside it. `marks` are
    sorted by start, enclosing marks first. A mark that crosses the edge of one already
    drawn (the ledger never makes one; a damaged report might) is drawn beside it, as a badge."""
    out, pos, i = [], lo, 0
    while i < len(marks):
        mark = marks[i]
        if mark.start < pos or mark.end > hi:
            out.append(_element(mark, "", notes, detached=True))
            i += 1
            continue
        j = i + 1
        while j < len(marks) and marks[j].start < mark.end:
            j += 1
        out.append(html.escape(text[pos:mark.start]))
        out.append(_element(mark, _body(text, marks[i + 1:j], mark.start, mark.end, notes), notes))
        pos, i = mark.end, j
    out.append(html.escape(text[pos:hi]))
    return "".join(out)


def _element(mark: Mark, inner: str, notes: Notes, *, detached: bool = False, tag: str = "span",
             collapse: bool = True) -> str:
    """One mark; `inner` is its stretch of the source text, already drawn (with any marks inside it)."""
    number = notes.number(mark)
    classes = (f"m {_KIND_CLASS[mark.kind]}" + (" tiny" if mark.is_tiny or detached else "")
               + (" blank" if mark.old and not mark.old.strip() else ""))
    title = html.escape(f"{mark.category} — {mark.rule}: {mark.reason}", quote=True)
    attrs = (f"class='{classes}' style='--c:{category_colour(mark.category)}' data-cat='{html.escape(mark.category)}' "
             f"data-edit='{mark.ident}' id='{mark.ident}' title='{title}'")
    ref = f"<a class='ref' href='#r{number}'>{number}</a>"
    badge = f"<span class='badge'>{html.escape(_badge(mark))}</span>" if mark.is_tiny or detached else ""
    if mark.is_long and collapse and not detached:
        preview = html.escape(" ".join(mark.old.split())[:_PREVIEW_CHARS]) + "…"
        size = f"{len(mark.old):,} characters, {mark.old.count(chr(10)) + 1} lines removed"
        return (f"<details {attrs}><summary>{ref} <span class='preview'>{preview}</span> "
                f"<span class='size'>({size})</span></summary><del>{inner}</del></details>")
    # The number and badge lead: a removed line ends with its line break, and what
    # followed it would land on the next line.
    if mark.kind == "kept":
        return f"<{tag} {attrs}>{ref}{badge}{inner}</{tag}>"
    old = inner if mark.source_is_old else html.escape(mark.old)
    new = html.escape(mark.new) if mark.source_is_old else inner
    parts = (f"<del>{old}</del>" if old else "") + (f"<ins>{new}</ins>" if new else "")
    return f"<{tag} {attrs}>{ref}{badge}{parts}</{tag}>"


def _badge(mark: Mark) -> str:
    """A tiny edit spelled out: −old for a deletion, +new for an insertion, old→new for a change."""
    if mark.kind == "kept":
        return "kept " + visible(mark.old)
    if mark.kind == "removal" or not mark.new:
        return "−" + visible(mark.old)
    if not mark.old:
        return "+" + visible(mark.new)
    return f"{visible(mark.old)}→{visible(mark.new)}"


# --- around the text ------------------------------------------------------------------------


def _about(report: Mapping[str, Any]) -> str:
    """Where the text came from: URL, title, format, how it was decoded and extracted, which rule files applied."""
    source, decode = report.get("source", {}), report.get("decode") or {}
    extraction = report.get("extraction") or {}
    rows = [("URL", source.get("url") or "none given")]
    if extraction:
        rows.append(("Title", (extraction.get("metadata") or {}).get("title") or "none found"))
        method = extraction.get("method", "")
        if extraction.get("fallback_reason"):
            method += f" (fallback: {extraction['fallback_reason']})"
        rows.append(("Extraction", method))
    rows.append(("Format", source.get("format", "")))
    if decode:
        rows.append(("Decoded as", decode.get("encoding", "") + (" with a byte-order mark" if decode.get("bom") else "")
                     + (f", {decode['replaced_bytes']} bad bytes replaced" if decode.get("replaced_bytes") else "")))
    files = [f"{f['name']} ({f['why']})" for f in report.get("rule_files", [])]
    rows.append(("Rule files", ", ".join(files) or "none"))
    cells = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    return f"<dl class='about'>{cells}</dl>\n"


def _flow(report: Mapping[str, Any], marks: Sequence[Mark]) -> str:
    """The numbers in the order things happened: page, extraction, stages, output."""
    totals = report.get("totals") or {}
    if not totals:
        return ""
    fixes = sum(totals.get("fixes_by_category", {}).values())
    removals = sum(1 for m in marks if m.kind == "removal")
    stages = (f"the stages removed <b>{totals.get('chars_removed', 0):,}</b> characters ({removals:,} removals) "
              f"and made <b>{fixes:,}</b> fixes, leaving <b>{totals.get('chars_out', 0):,}</b> characters")
    dropped = totals.get("extraction")
    extraction = report.get("extraction") or {}
    if dropped:
        text = (f"An HTML page of <b>{dropped['page_chars']:,}</b> characters. Extraction kept "
                f"<b>{totals.get('chars_in', 0):,}</b> characters of text and dropped <b>{dropped['blocks_dropped']:,}</b>"
                f" of {extraction.get('visible_blocks', 0):,} visible blocks (<b>{dropped['chars_dropped']:,}</b> "
                f"characters, listed below the text); of the text, {stages}.")
    else:
        text = f"<b>{totals.get('chars_in', 0):,}</b> characters in; {stages}."
    return f"<p class='flow'>{text}</p>\n"


def _warnings(warnings: Sequence[Mapping[str, Any]]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{html.escape(w['rule'])}: {html.escape(w['message'])}</li>" for w in warnings)
    return f"<div class='warnings'><p>Warnings:</p><ul>{items}</ul></div>\n"


def _dropped(extraction: Mapping[str, Any] | None, dropped: Sequence[Mark], notes: Notes) -> str:
    """The page's blocks that extraction left out, collapsed: they never reached the text."""
    if not extraction:
        return ""
    head = "<section class='dropped' id='dropped'><h2>What HTML extraction dropped</h2>"
    if not dropped:
        return head + "<p>Nothing: every visible block of the page is in the text.</p></section>\n"
    chars = sum(len(m.old) for m in dropped)
    items = "".join(_element(m, html.escape(m.old), notes, tag="li", collapse=False) for m in dropped)
    return (f"{head}<details><summary>{len(dropped):,} of {extraction.get('visible_blocks', 0):,} visible blocks "
            f"({chars:,} characters) are not in the extracted text: show them</summary><ol>{items}</ol></details>"
            "</section>\n")


def _legend(marks: Sequence[Mark]) -> str:
    """How to read the marks, and one filter per category on the page, with its counts."""
    key = (
        "<ul class='key'>"
        "<li><span class='sample m rm'><del>removed text</del></span> struck through on a tint: removed "
        "(the tint names the category)</li>"
        "<li><span class='sample m fx' style='--c:#555'><del>old</del><ins>new</ins></span> boxed, old struck, "
        "new underlined: fixed (the box's colour names the category)</li>"
        "<li><span class='sample m kp'>kept text</span> dashed outline: found but kept (<code>--keep</code>)</li>"
        "<li><a class='ref'>3</a> the number of its reason, in the list of reasons</li>"
        "<li><span class='badge'>−␣,</span> <span class='badge'>Ã©→é</span> a tiny edit spelled out (− deleted, "
        "+ inserted, → replaced by): ␣ space, ↵ line break, ⇥ tab, ⍽ no-break space, ∅ nothing</li>"
        "<li><b>▸</b> a long removed run, collapsed to its first words: click to open it</li>"
        "</ul>"
    )
    rows = "".join(_legend_row(category, group) for category, group in _by_category(marks))
    controls = ("<p class='controls'><button type='button' id='show-all'>Tick all</button>"
                "<button type='button' id='show-output'>Untick all (the output)</button></p>")
    table = f"<table>{rows}</table>" if rows else "<p>Nothing was removed or fixed.</p>"
    return (f"<section class='legend' id='legend'><h2>Legend</h2>{key}<h2>Categories</h2>"
            "<p class='hint'>Untick a category to read the text as the output has it: its removed text goes, "
            f"its fixes show only their new text.</p>{table}{controls if rows else ''}</section>\n")


def _by_category(marks: Sequence[Mark]) -> list[tuple[str, list[Mark]]]:
    groups: dict[str, list[Mark]] = {}
    for mark in marks:
        groups.setdefault(mark.category, []).append(mark)
    rank = {c: i for i, c in enumerate(_ORDER)}
    return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def _legend_row(category: str, marks: Sequence[Mark]) -> str:
    kinds = Counter(m.kind for m in marks)
    kind = "fix" if category in FIX_CATEGORIES else kinds.most_common(1)[0][0]
    counts = []
    in_text = [m for m in marks if m.kind == "removal" and m.in_text]
    blocks = [m for m in marks if not m.in_text]
    if in_text:
        counts.append(f"{sum(len(m.old) for m in in_text):,} chars removed ({len(in_text):,})")
    if blocks:
        counts.append(f"{len(blocks):,} blocks dropped by extraction ({sum(len(m.old) for m in blocks):,} chars)")
    if kinds["fix"]:
        counts.append(f"{kinds['fix']:,} fixes")
    if kinds["kept"]:
        counts.append(f"{kinds['kept']:,} found, kept")
    colour, name = category_colour(category), html.escape(category)
    return (f"<tr><td><label><input type='checkbox' checked data-filter='{name}'> "
            f"<span class='swatch {_KIND_CLASS[kind]}' style='--c:{colour}'></span> {name}</label></td>"
            f"<td class='n'>{'<br>'.join(counts)}</td></tr>")


def _notes(notes: Notes) -> str:
    """The numbered reasons, each with links back to its marks."""
    if not notes.numbers:
        return ""
    items = []
    for key, number in notes.numbers.items():
        category, rule, reason = key
        group = notes.marks[key]
        colour, kind = category_colour(category), _KIND_CLASS[group[0].kind]
        links = "".join(f"<a href='#{m.ident}'>↑{i + 1}</a>" for i, m in enumerate(group[:_BACKLINKS]))
        more = f" and {len(group) - _BACKLINKS} more" if len(group) > _BACKLINKS else ""
        items.append(f"<li id='r{number}' value='{number}'><span class='swatch {kind}' style='--c:{colour}'></span> "
                     f"<b>{html.escape(category)}</b> <code>{html.escape(rule)}</code> {html.escape(reason)} "
                     f"<span class='uses'>({len(group):,}: {links}{more})</span></li>")
    return f"<section class='reasons' id='reasons'><h2>Reasons</h2><ol class='notes'>{''.join(items)}</ol></section>\n"
