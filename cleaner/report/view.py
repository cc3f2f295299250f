"""The report as a page a person reads: the source with every edit shown where it happened.

Built from the same report dict the CLI writes (DESIGN.md, "Report"), plus
the source text its offsets point into (`CleanResult.source_text`; the
report carries its length and each edit's span, not the whole text). Removed
spans are struck through and coloured by category, fixes show the old text
struck through beside the new, kept edits (`--keep`) are underlined, and
hovering any of them shows the rule and its reason. One self-contained HTML
file: no scripts, no external resources.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from ..categories import REMOVAL_CATEGORIES

# Light, distinct hues that stay readable behind struck-through text: one per
# built-in removal category (in a fixed order), the rest by a hash of the name.
_PALETTE = ("#ffcdd2", "#c5e1a5", "#b3e5fc", "#ffe082", "#e1bee7", "#ffccbc", "#b2dfdb",
            "#f8bbd0", "#d7ccc8", "#dcedc8", "#c5cae9", "#fff59d", "#b2ebf2", "#cfd8dc", "#ffd180", "#b39ddb")
_ORDER = tuple(sorted(REMOVAL_CATEGORIES))

_STYLE = """
body { font: 15px/1.55 system-ui, sans-serif; margin: 2em auto; max-width: 52em; color: #222; }
h1 { font-size: 1.2em; } table { border-collapse: collapse; margin: 1em 0; }
td, th { padding: .15em .8em; border-bottom: 1px solid #ddd; text-align: left; }
.doc { white-space: pre-wrap; border: 1px solid #ccc; padding: 1em; background: #fff; }
del { text-decoration: line-through; text-decoration-color: #a33; }
ins { text-decoration: none; background: #c8f0c8; }
.kept { text-decoration: underline dotted; }
.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: middle; border: 1px solid #bbb; }
"""


def category_colour(category: str) -> str:
    """A stable colour per category name (the same in every page, for unknown names too)."""
    index = _ORDER.index(category) if category in _ORDER else zlib.crc32(category.encode("utf-8"))
    return _PALETTE[index % len(_PALETTE)]


def render(report: Mapping[str, Any], source_text: str) -> str:
    """The HTML page for `report` over `source_text`; ValueError if they do not belong together."""
    chars = report.get("source", {}).get("chars")
    if chars is not None and chars != len(source_text):
        raise ValueError(f"the report is about a text of {chars} characters, not {len(source_text)}")
    marks = [(e, "edit") for e in report.get("edits", [])] + [(e, "kept") for e in report.get("kept", [])]
    for edit, _ in marks:
        if source_text[edit["start"]:edit["end"]] != edit["text"]:
            raise ValueError(f"edit {edit['rule']} at {edit['start']}: its text is not in the source")
    name = html.escape(str(report.get("source", {}).get("name", "")))
    return "".join([
        f"<!doctype html>\n<html><head><meta charset='utf-8'><title>cleaner: {name}</title>",
        f"<style>{_STYLE}</style></head><body>\n<h1>{name}</h1>\n",
        _totals(report.get("totals", {})),
        _warnings(report.get("warnings", [])),
        "<div class='doc'>", _body(source_text, sorted(marks, key=lambda m: (m[0]["start"], m[0]["end"]))),
        "</div>\n</body></html>\n",
    ])


def _body(text: str, marks: Sequence[tuple[Mapping[str, Any], str]]) -> str:
    out, pos = [], 0
    for edit, kind in marks:
        start, end = edit["start"], edit["end"]
        if start < pos:  # applied and kept edits never overlap each other; stay safe if a report says otherwise
            continue
        out.append(html.escape(text[pos:start]))
        out.append(_mark(edit, kind))
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _mark(edit: Mapping[str, Any], kind: str) -> str:
    title = html.escape(f"{edit['category']} — {edit['rule']}: {edit['reason']}", quote=True)
    style = f"background:{category_colour(edit['category'])}"
    old, new = html.escape(edit["text"]), html.escape(edit["replacement"])
    if kind == "kept":
        return f"<span class='kept' style='{style}' title='{title} (kept)'>{old}</span>"
    struck = f"<del style='{style}' title='{title}'>{old}</del>" if old else ""
    return struck + (f"<ins title='{title}'>{new}</ins>" if new else "")


def _totals(totals: Mapping[str, Any]) -> str:
    if not totals:
        return ""
    rows = [f"<tr><td><span class='swatch' style='background:{category_colour(c)}'></span> {html.escape(c)}</td>"
            f"<td>{n} chars removed</td></tr>" for c, n in totals.get("removed_by_category", {}).items()]
    rows += [f"<tr><td>{html.escape(c)}</td><td>{n} fixes</td></tr>" for c, n in totals.get("fixes_by_category", {}).items()]
    rows += [f"<tr><td>{html.escape(c)} (kept)</td><td>{n} found, left in</td></tr>"
             for c, n in totals.get("kept_by_category", {}).items()]
    head = (f"<p>{totals.get('chars_in', 0)} characters in, {totals.get('chars_out', 0)} out, "
            f"{totals.get('chars_removed', 0)} removed.</p>")
    return head + ("<table>" + "".join(rows) + "</table>\n" if rows else "")


def _warnings(warnings: Sequence[Mapping[str, Any]]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{html.escape(w['rule'])}: {html.escape(w['message'])}</li>" for w in warnings)
    return f"<p>Warnings:</p><ul>{items}</ul>\n"
