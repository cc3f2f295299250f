"""HTML input: extraction, fallback, charsets, format detection, the report's extraction section."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import trafilatura
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError
from cleaner.cli import main
from cleaner.config import HtmlSettings
from cleaner.edits import apply
from cleaner.report.build import summary
from cleaner.stages.html import dom
from cleaner.stages.html.extract import declared_charset, looks_like_html
from cleaner.stages.html.prune import prune, select, wrap_leading_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

HTML = FIXTURES / "html"
# HTML cleaning costs more than text cleaning: a tenth of the text properties' examples.
PROFILE = settings(max_examples=max(20, int(os.environ.get("CLEANER_HYPOTHESIS_EXAMPLES", "2000")) // 10),
                   deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Per fixture: article lines that must survive, chrome lines that must go.
EXPECTED = {
    "article-with-chrome.html": (
        ["The city council voted on Tuesday to turn the old freight yard",
         "Residents who had campaigned for the park since 2011",
         "The council said the first section of the cycle path could open next summer"],
        ["Photograph: John Roe", "Related stories", "Freight yard sale stalls", "Morning Briefing newsletter",
         "Share: Facebook", "Follow the Riverside Gazette", "All rights reserved", "Home News Sport"],
    ),
    "camelcase-callouts.html": (
        ["Schools across the region stayed closed on Monday",
         "Parents were told to expect a decision about Tuesday",
         "Forecasters expect the wind to ease on Tuesday afternoon"],
        ["Valley Morning Newsletter", "big stories and the weather forecast", "Thanks for signing up!",
         "error processing your subscription", "Derby postponed", "Share this article",
         "may earn a commission"],
    ),
}


def _clean(cleaner: Cleaner, name: str, **kwargs):
    return cleaner.clean((HTML / name).read_bytes(), name=name, **kwargs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_comes_out_clean(cleaner, name):
    result = _clean(cleaner, name)
    article, chrome = EXPECTED[name]
    assert result.source.format == "html"
    for line in article:
        assert line in result.text
    for line in chrome:
        assert line not in result.text, line


def test_fixture_chrome_is_what_trafilatura_alone_leaves():
    # Why the fixture exists: trafilatura's own output still carries this chrome.
    page = (HTML / "camelcase-callouts.html").read_text(encoding="utf-8")
    alone = trafilatura.extract(page) or ""
    for line in ("Thanks for signing up!", "Share this article", "may earn a commission"):
        assert line in alone


@pytest.mark.parametrize("name", sorted(p.name for p in HTML.glob("*.html")))
def test_ledger_reproduces_output_and_output_is_stable(cleaner, name):
    result = _clean(cleaner, name)
    assert apply(result.source_text, result.edits) == result.text
    again = cleaner.clean(result.text, format="text")
    assert [e for e in again.edits if e.is_removal] == []


def test_report_extraction_section(cleaner):
    result = _clean(cleaner, "article-with-chrome.html")
    extraction = json.loads(json.dumps(result.report()))["extraction"]
    assert extraction["method"] == "trafilatura" and extraction["fallback_reason"] is None
    assert extraction["trafilatura_options"] == {"fast": False, "favor_precision": False, "favor_recall": False,
                                                 "include_comments": False, "include_tables": True}
    assert extraction["metadata"] == {
        "url": "https://www.riverside-gazette.example/news/2024/03/council-river-park",
        "sitename": "Riverside Gazette", "title": "Council approves river park plan", "date": "2024-03-05",
        "description": "The plan turns the old freight yard into a public park."}
    dropped = {d["text"]: d for d in extraction["dropped"]}
    assert {d["category"] for d in extraction["dropped"]} == {"html-chrome"}
    assert dropped["Home News Sport Weather"]["reason"] == "not in the extracted text"
    assert dropped["Related stories"]["reason"].startswith("pruned before extraction: related-links container")
    assert any(t.startswith("The old freight yard seen from the north bridge") for t in dropped)
    assert not any(t.startswith("The city council voted") for t in dropped)  # kept text is not "dropped"
    assert extraction["dropped_chars"] == sum(len(t) for t in dropped)
    assert extraction["visible_blocks"] > len(dropped)


def test_text_input_has_no_extraction_section(cleaner):
    assert cleaner.clean("Just a line of text.\n").report()["extraction"] is None


def test_page_url_from_metadata_selects_site_rules(tmp_path):
    (tmp_path / "gazette.yaml").write_text("""\
name: riverside-gazette
applies:
  domains: [riverside-gazette.example]
rules:
  - id: cycle-path-line
    category: navigation
    action: drop-line
    line: '^The council said the first section'
    examples:
      drop: ["The council said the first section of the path opens soon."]
      keep: ["The council met."]
""", encoding="utf-8")
    from cleaner import load_rules

    result = _clean(Cleaner(rules=load_rules([tmp_path])), "article-with-chrome.html")
    assert result.source.url == "https://www.riverside-gazette.example/news/2024/03/council-river-park"
    assert "riverside-gazette" in {f["name"] for f in result.report()["rule_files"]}
    assert "first section of the cycle path" not in result.text


def test_too_little_from_trafilatura_falls_back_to_visible_text(cleaner):
    result = _clean(cleaner, "contact-page-no-article.html")
    assert "The harbour office on Quay Street is open from Monday to Friday" in result.text
    assert "Berth bookings for the summer season" in result.text
    extraction = result.report()["extraction"]
    assert extraction["method"] == "visible-text"
    assert "fewer than min_extracted_chars" in extraction["fallback_reason"]


def test_nothing_from_trafilatura_falls_back_and_says_why(cleaner):
    page = ("<html><body><footer><p>The ferry timetable changes on Monday: the first boat leaves at seven "
            "and the last one at eleven in the evening.</p></footer></body></html>")
    assert trafilatura.extract(page, fast=False, include_comments=False) is None
    result = cleaner.clean(page)
    assert "The ferry timetable changes on Monday" in result.text
    assert result.report()["extraction"]["fallback_reason"] == "trafilatura found no main content"


@pytest.mark.parametrize("page", ["", "   \n", "<html><head><title>x</title></head><body> </body></html>"])
def test_empty_page_is_empty_with_a_reason(cleaner, page):
    result = cleaner.clean(page, format="html")
    extraction = result.report()["extraction"]
    assert result.text.strip() == ""
    assert extraction["method"] == "none" and extraction["fallback_reason"]


def test_meta_charset_windows_1251(cleaner):
    result = _clean(cleaner, "meta-charset-windows-1251.html")
    assert result.decoded.encoding == "cp1251"
    assert "Новый паром между городом и островом начал работу в субботу" in result.text


def test_meta_charset_iso_8859_1_is_read_as_windows_1252(cleaner):
    result = _clean(cleaner, "meta-charset-iso-8859-1.html")
    assert result.decoded.encoding == "cp1252"  # the WHATWG reading; charset detection would say latin-1
    assert "Le nouveau bac entre la ville et l'île est entré en service samedi" in result.text


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="windows-1251">', "cp1251"),
    (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=KOI8-R'>", "koi8-r"),
    (b'<meta charset="utf-16">', "utf-8"),  # an ASCII-compatible page cannot be UTF-16
    (b'<meta charset="no-such-codec">', None),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset(head, expected):
    assert declared_charset(b"<html><head>" + head + b"</head><body>x</body></html>", HtmlSettings()) == expected


def test_valid_utf8_outranks_a_stale_legacy_declaration():
    page = '<meta charset="iso-8859-1"><p>Café crème</p>'.encode("utf-8")
    assert declared_charset(page, HtmlSettings()) == "utf-8"


def test_bom_outranks_meta_charset(cleaner):
    page = '<html><head><meta charset="windows-1251"></head><body><p>Zoë’s café</p></body></html>'
    result = cleaner.clean(b"\xef\xbb\xbf" + page.encode("utf-8"), format="html")
    assert result.decoded.bom and "Zoë’s café" in result.text


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><title>x</title><p>Hello</p>",
    "  <html lang=en><p>Hello</p></html>",
    "<?xml version='1.0'?>\n<html><body><p>x</p></body></html>",
    "<head><meta charset=utf-8></head>",
    "<div class=a><p>One</p><p>Two</p><ul><li>Three</li></ul></div>",
    "Some text first<div><p>One</p><p>Two</p><p>Three</p></div>",
])
def test_auto_recognises_html(text):
    assert looks_like_html(text, HtmlSettings())


@pytest.mark.parametrize("text", [
    "Use <b> for bold text, the style guide said.",
    "If a < b and b > c, then a < c.",
    "Write to Jane Doe <jane@example.com> for tickets.",
    "The <p> tag starts a paragraph; the </p> tag ends it.",
    "Plain article text.\n\nA second paragraph.",
])
def test_auto_keeps_text_as_text(cleaner, text):
    assert not looks_like_html(text, HtmlSettings())
    assert cleaner.clean(text).source.format == "text"


def test_auto_detects_html_bytes_and_reports_it(cleaner):
    result = cleaner.clean((HTML / "article-with-chrome.html").read_bytes())
    assert result.source.format == "html" and result.report()["source"]["format"] == "html"


def test_unknown_format_is_rejected(cleaner):
    with pytest.raises(InputError):
        cleaner.clean("x", format="pdf")


def test_cli_format_html(tmp_path, capsys):
    report = tmp_path / "r.json"
    page = HTML / "camelcase-callouts.html"
    assert main(["clean", str(page), "--format", "html", "--report", str(report), "--summary"]) == 0
    captured = capsys.readouterr()
    assert "Schools across the region stayed closed" in captured.out and "Thanks for signing up!" not in captured.out
    assert "1 document in, 1 written, 0 rejected" in captured.err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["source"]["format"] == "html" and data["extraction"]["method"] == "trafilatura"
    assert "html via trafilatura, page chrome dropped" in summary(data)


def test_cli_format_text_leaves_markup_alone(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello there, reader.</p></body></html>", encoding="utf-8")
    assert main(["clean", str(page), "--format", "text"]) == 0
    assert "<p>Hello there, reader.</p>" in capsys.readouterr().out


def _deep_page() -> bytes:
    return ("<html><body><p>Before the nest comes a paragraph of real article text.</p>"
            + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>").encode()


def _entity_bomb() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">{entities}]>'
            "<html><body><p>&l9;</p><p>The only real paragraph of this page has some words.</p></body></html>").encode()


@pytest.mark.parametrize("make", [_deep_page, _entity_bomb, lambda: b"<div>" * 100_000], ids=["deep", "bomb", "deep-only"])
def test_hostile_html_finishes_with_text_or_a_reason(make):
    # A subprocess with a generous timeout guards against hangs (and C-level crashes).
    run = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", "-", "--format", "html"],
                         input=make(), capture_output=True, timeout=60)
    stderr = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    if run.returncode == 0:
        assert run.stdout.strip()
        assert b"lollol" not in run.stdout  # no entity was expanded
    else:
        assert run.returncode == 1 and "rejected (input-error):" in stderr, stderr


def test_deep_page_keeps_text_before_the_limit_and_reports_it(cleaner):
    result = cleaner.clean(_deep_page())
    assert "Before the nest comes a paragraph" in result.text
    assert any("nested more than" in p for p in result.report()["extraction"]["problems"])


def test_cleaning_html_opens_no_socket(cleaner, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("cleaning tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = (HTML / "article-with-chrome.html").read_bytes()
    result = cleaner.clean(page, url="https://www.riverside-gazette.example/news/2024/03/council-river-park")
    result.report()
    assert "The city council voted" in result.text
    fresh = Cleaner().clean(page)  # nothing fetched on first use either (rules, trafilatura settings)
    assert fresh.report()["extraction"]["method"] == "trafilatura"


FRAGMENTS = ["<p>", "</p>", "<div class='related-posts'>", "<div class='article-body'>", "</div>", "<figure>",
             "</figure>", "<figcaption>Photo: Jane Doe/Reuters</figcaption>", "<script>var x = '<p>';</script>",
             "<br>", "<ul><li>", "</li></ul>", "<h1>", "</h1>", "<nav>Home News</nav>", "&amp;", "&nbsp;", "<!-- c -->",
             "The council approved the budget on Tuesday after a long debate.", "Share this article",
             "Sign up for our newsletter", "Prices rose 3% in October.", "\u00a0", "\n", "<table><tr><td>1</td>"]


@PROFILE
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=30))
def test_arbitrary_html_never_crashes_and_ledger_holds(cleaner, parts):
    result = cleaner.clean("".join(parts), format="html")
    assert apply(result.source_text, result.edits) == result.text
    extraction = result.report()["extraction"]
    assert result.source_text.strip() or extraction["fallback_reason"]  # never empty without a reason


PARAGRAPH = "The harbour board met on Thursday and agreed to extend the pier by forty metres next year. "


def test_prune_takes_chrome_and_keeps_content():
    page = (f"<html><body><div class='story-body'><p>{PARAGRAPH}</p>"
            "<figure class='wp-block-table'><table><tr><td>Turnout</td><td>64%</td></tr></table></figure>"
            "<figure><img src='x.jpg'><figcaption>The pier at dawn. Photo: Jane Doe</figcaption></figure>"
            "<div class='RelatedLinks'><a href='/a'>Another story</a></div>"
            "<p><a href='/b'>Pier extension: what we know so far</a></p>"
            f"<div class='share-tools'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>"
            "</div></body></html>")
    root = dom.parse(page).root
    pruned = prune(root, HtmlSettings())
    assert [(p.category, p.element.tag) for p in pruned] == [
        ("caption", "figure"), ("related-links", "div"), ("related-links", "p")]
    text = "".join(root.itertext())
    assert "Turnout" in text and text.count(PARAGRAPH.strip()) == 4  # table and prose-laden box stay


def test_select_names_what_prune_removes_and_changes_nothing():
    page = (f"<html><body><p>{PARAGRAPH}</p><div class='related'><a href='/a'>Another story</a></div>"
            "<figure><figcaption>The pier. Photo: Jane Doe</figcaption></figure></body></html>")
    root = dom.parse(page).root
    before = dom.etree.tostring(root)
    chosen = [(p.category, p.element.tag) for p in select(root, HtmlSettings())]
    assert dom.etree.tostring(root) == before
    assert chosen == [(p.category, p.element.tag) for p in prune(root, HtmlSettings())] == [
        ("related-links", "div"), ("caption", "figure")]


def test_the_texts_inside_containers_are_read_in_the_page_pass_as_each_alone():
    page = ("<html><body><nav><a href='/'>Home</a></nav>"
            f"<p>{PARAGRAPH}<span class='share'>Share this</span> and more words</p>"
            "<div class='related'><h3>Related</h3><ul><li>One story</li><li>Two <b>stories</b></li></ul>"
            "<aside>Boxed in</aside></div>"
            "<div class='promo' style='display: none'>Hidden promo</div>"
            "<noscript><div class='share'>Inside an invisible element</div></noscript>"
            "<p>Last words.</p></body></html>")
    root = dom.parse(page).root
    find = root.xpath
    containers = [find("//span")[0], find("//div[@class='related']")[0], find("//div[@class='promo']")[0]]
    containers += find("//noscript//div")
    alone = [tuple(b.text for b in dom.visible_blocks(c)) for c in containers]
    blocks, inside = dom.read_visible(root, containers)
    assert blocks == dom.visible_blocks(dom.parse(page).root)  # the containers' edges split no block
    assert blocks[1].text == f"{PARAGRAPH}Share this and more words".strip()
    assert inside[:2] == tuple(alone[:2]) == (("Share this",), ("Related", "One story", "Two stories", "Boxed in"))
    assert inside[2:] == ((), ())  # hidden from the reader: no visible text to account for


def test_containers_alike_that_together_are_the_page_stay():
    # A shop's product cards named like chrome ("subscription-eligible"): each is small, together the page.
    card = ("<div class='product-card subscription-eligible'><h3>{0} Roast Coffee</h3>"
            "<p>Whole bean, 16 oz. Notes of cocoa and dark cherry, roasted in small batches. Regular price $19.99</p></div>")
    cards = "".join(card.format(name) for name in ("Dark", "Light", "Medium", "Espresso", "Breakfast", "French"))
    related = "<div class='related-stories'><a href='/a'>Another story</a></div>"
    page = f"<html><body><h1>Coffee</h1><div class='grid'>{cards}</div>{related}{related}</body></html>"
    root = dom.parse(page).root
    pruned = prune(root, HtmlSettings())
    assert [(p.category, p.element.get("class")) for p in pruned] == [("related-links", "related-stories")] * 2
    assert "".join(root.itertext()).count("Roast Coffee") == 6
    # One card alone is weighed by itself: a small box named like chrome goes.
    alone = dom.parse(f"<html><body><h1>Coffee</h1><p>{PARAGRAPH * 8}</p>{card.format('Dark')}</body></html>").root
    assert [p.category for p in prune(alone, HtmlSettings())] == ["newsletter"]


def test_article_body_split_in_chunks_is_read_whole(cleaner):
    chunk = "<div class='grid'><div class='body article__body'><p>{}</p><p>{}</p><p>{}</p></div></div>"
    first = [f"First part, paragraph {n}: " + PARAGRAPH * 2 for n in (1, 2, 3)]
    second = [f"Second part, paragraph {n}: " + PARAGRAPH * 2 for n in (1, 2, 3)]
    page = (f"<html><body><article><div class='chunks'>{chunk.format(*first)}<div class='ad'>Advertisement</div>"
            f"{chunk.format(*second)}</div></article></body></html>")
    assert "Second part" not in (trafilatura.extract(page, fast=False, include_comments=False) or "")
    text = cleaner.clean(page).text
    assert all(p.strip() in text for p in first + second)


def test_text_a_div_opens_with_is_wrapped_in_a_paragraph():
    page = ("<html><body><div class='content'>Opening words, cited by the <em><a href='/g'>Gazette</a></em>. "
            f"More words.<br><br>{PARAGRAPH}</div><div class='byline'>Monday, by <a href='/j'>Jo Doe</a></div>"
            "</body></html>")
    root = dom.parse(page).root
    assert wrap_leading_text(root, HtmlSettings().leading_text_min_chars) == 1
    content, byline = root.find("body")
    assert content.text is None and content[0].tag == "p"
    assert "".join(content[0].itertext()) == "Opening words, cited by the Gazette. More words."
    assert byline.text == "Monday, by " and byline[0].tag == "a"  # one line, no break: left alone


def test_list_items_are_lines_marked_as_in_trafilaturas_text(cleaner):
    page = (f"<html><body><article><h1>Steps</h1><p>{PARAGRAPH}</p><ul><li>Fill the kettle with water</li>"
            "<li><b>Boil</b> the water</li><li><p>Pour it over the leaves</p></li>"
            "<li><ul><li>Wait three minutes</li></ul></li></ul><table><tr><th>Tea</th><th>Water temperature</th></tr>"
            "<tr><td>Green tea leaves</td><td>80 degrees</td></tr><tr><td>Black tea leaves</td><td>95 degrees</td></tr>"
            "</table>"
            f"<p>{PARAGRAPH}</p></article></body></html>")
    result = cleaner.clean(page, format="html")
    lines = result.text.splitlines()
    items = [line for line in lines if line.startswith("- ")]
    assert items == ["- Fill the kettle with water", "- Boil the water", "- Pour it over the leaves",
                     "- Wait three minutes"]  # an item that opens with a sublist has no line of its own
    assert "Green tea leaves 80 degrees" in lines  # a table row is no list item
    dropped = [d["text"] for d in result.report()["extraction"]["dropped"]]
    assert not any("kettle" in t or "Wait" in t for t in dropped)  # the marked items are found as kept


def _thread(opening: str) -> str:
    posts = "".join(f"<div class='comment'><p>Reply {i}: the pier needs a new railing before the summer season, "
                    "and the lights should be fixed as well, says the neighbour.</p></div>" for i in range(6))
    return (f"<html><body><article><h1>The pier</h1>{opening}</article>"
            f"<section id='comments' class='comments'>{posts}</section></body></html>")


def test_a_short_post_whose_replies_are_the_page_keeps_them(cleaner):
    result = cleaner.clean(_thread("<p>Who knows when the pier reopens?</p>"), format="html")
    assert "Who knows when the pier reopens?" in result.text and "Reply 5" in result.text
    assert result.report()["extraction"]["trafilatura_options"]["include_comments"] is True


def test_an_article_keeps_its_comments_out(cleaner):
    article = "".join(f"<p>Part {i}: {PARAGRAPH * 3}</p>" for i in range(5))
    result = cleaner.clean(_thread(article), format="html")
    assert "Part 4" in result.text and "Reply" not in result.text
    assert result.report()["extraction"]["trafilatura_options"]["include_comments"] is False
