"""The HTML view of a report: every edit visible where it happened, nothing else changed."""

from __future__ import annotations

import html
import re

import pytest

from cleaner import Cleaner, Settings
from cleaner.categories import REMOVAL_CATEGORIES
from cleaner.cli import main
from cleaner.report.view import category_colour, render
from fixtures_path import FIXTURES

SEED = next((FIXTURES / "seeds").glob("002_*.raw.txt"))  # captions, credits, related links and fixes


def _visible_text(page: str) -> str:
    body = page.split("<div class='doc'>", 1)[1].rsplit("</div>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_page_shows_the_whole_source_and_marks_every_edit():
    result = Cleaner().clean(SEED.read_bytes(), format="text")
    report = result.report()
    page = render(report, result.source_text)
    # The text between the tags is the source with each fix's replacement after its old text.
    expected, pos = [], 0
    for edit in sorted(report["edits"], key=lambda e: e["start"]):
        expected += [result.source_text[pos:edit["start"]], edit["text"], edit["replacement"]]
        pos = edit["end"]
    expected.append(result.source_text[pos:])
    assert _visible_text(page) == "".join(expected)
    removals = [e for e in report["edits"] if not e["replacement"]]
    assert removals and page.count("<del ") == sum(1 for e in report["edits"] if e["text"])
    for edit in removals:
        assert f"title='{html.escape(edit['category'] + ' — ' + edit['rule'], quote=True)}" in page
    for category in report["totals"]["removed_by_category"]:
        assert category_colour(category) in page


def test_kept_edits_are_shown_but_not_struck():
    result = Cleaner(settings=Settings(keep=frozenset({"caption"}))).clean(SEED.read_bytes(), format="text")
    report = result.report()
    assert report["kept"]
    page = render(report, result.source_text)
    assert page.count("class='kept'") == len(report["kept"])


def test_markup_in_the_source_is_escaped():
    result = Cleaner().clean("<script>alert(1)</script> & more\n\nShare this article\n", format="text")
    page = render(result.report(), result.source_text)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_report_of_another_text_is_refused():
    result = Cleaner().clean(SEED.read_bytes(), format="text")
    with pytest.raises(ValueError, match="characters"):
        render(result.report(), result.source_text + "x")


def test_colours_are_stable_and_distinguish_categories():
    assert category_colour("caption") == category_colour("caption")
    builtin = sorted(REMOVAL_CATEGORIES)
    assert len({category_colour(c) for c in builtin}) == len(builtin)
    assert category_colour("my-site-category").startswith("#")


def test_cli_view_writes_the_page(tmp_path, capsys):
    page = tmp_path / "view.html"
    assert main(["view", str(SEED), "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<del " in text
    assert main(["view", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
