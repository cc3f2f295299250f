"""The HTML nesting-depth limit: `HtmlSettings.max_nesting_depth` and `--max-nesting-depth`."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.config import HtmlSettings, Settings
from cleaner.stages.html import dom

TOP = "The council met on Tuesday evening and voted to open the riverside park next spring."
BOTTOM = "Residents who had campaigned for the park since 2011 said the vote rewarded their patience."


def _page(depth: int) -> str:
    """A paragraph at the top, then `depth` nested divs with a paragraph at the bottom."""
    return (f"<html><body><p>{TOP}</p>" + "<div>" * depth + f"<p>{BOTTOM}</p>" + "</div>" * depth
            + "</body></html>")


def _clean(depth_limit: int | None, page: str):
    settings = Settings() if depth_limit is None else Settings(html=HtmlSettings(max_nesting_depth=depth_limit))
    result = Cleaner(settings=settings).clean(page, format="html")
    return result.text, result.report()["extraction"]["problems"]


def _deepest(root: etree._Element) -> int:
    """The deepest element's depth (the root element is 1 deep), in one pass."""
    depths = {root: 1}
    for element in root.iterdescendants():
        depths[element] = depths[element.getparent()] + 1
    return max(depths.values())


def test_default_keeps_the_top_and_names_the_limit():
    text, problems = _clean(None, _page(300))
    assert TOP in text and BOTTOM not in text
    assert problems == [("elements nested more than 256 deep (max_nesting_depth, --max-nesting-depth); "
                         "the parser read no further")]


def test_a_higher_limit_reads_the_whole_page():
    text, problems = _clean(1000, _page(300))
    assert TOP in text and BOTTOM in text
    assert problems == []


def test_a_lower_limit_cuts_below_it_and_names_it():
    text, problems = _clean(50, _page(300))
    assert TOP in text and BOTTOM not in text
    assert len(problems) == 1 and "more than 50 deep (max_nesting_depth, --max-nesting-depth)" in problems[0]
    # Just inside the limit nothing is lost.
    text, problems = _clean(50, _page(40))
    assert BOTTOM in text and problems == []


@pytest.mark.parametrize("limit", [3, 50, 255, 256, 257, 1000, 2048])
def test_the_limit_is_exact(limit):
    # The page's html and body elements are 2 levels; its paragraph one more.
    over = dom.parse(_page(limit), limit)
    assert _deepest(over.root) == limit and len(over.problems) == 1 and f"more than {limit} deep" in over.problems[0]
    within = dom.parse(_page(limit - 3), limit)
    assert _deepest(within.root) == limit and within.problems == ()


def test_the_cut_reads_as_far_as_the_parser_would():
    # What follows the first element too deep goes too: the tail text and the elements after it.
    page = "<html><body>" + "<div>a" * 300 + "b" + "</div>c" * 300 + "<p>after</p></body></html>"
    plain = dom.parse(page)  # libxml2 stops reading at 256 itself
    cut = dom.parse(page, 1000)  # read whole, with the huge parser ...
    assert _deepest(cut.root) == 302 and cut.problems == ()
    assert dom._cut_below(cut.root, 256)  # ... then cut where the plain parser stopped
    assert etree.tostring(cut.root) == etree.tostring(plain.root)


def test_above_the_parsers_cap_the_problem_says_so():
    parsed = dom.parse(_page(3000), 5000)
    assert _deepest(parsed.root) == dom.HUGE_PARSER_DEPTH
    assert parsed.problems == ((f"elements nested more than {dom.HUGE_PARSER_DEPTH} deep, the parser's own cap "
                                "(max_nesting_depth cannot raise it further); the parser read no further"),)


def test_shallow_pages_parse_alike_at_any_limit():
    page = f"<html><body><article><h1>Park</h1><p>{TOP}</p><ul><li>{BOTTOM}</li></ul></article></body></html>"
    trees = {etree.tostring(dom.parse(page, limit).root) for limit in (10, 256, 1000, 5000)}
    assert len(trees) == 1


@pytest.mark.parametrize(("option", "bottom_read"), [([], False), (["--max-nesting-depth", "1000"], True)])
def test_cli_option_reaches_the_settings(tmp_path, capsys, option, bottom_read):
    page, report = tmp_path / "deep.html", tmp_path / "r.json"
    page.write_text(_page(300), encoding="utf-8")
    assert main(["clean", str(page), "--format", "html", "--report", str(report), *option]) == 0
    out = capsys.readouterr().out
    assert TOP in out and (BOTTOM in out) == bottom_read
    problems = json.loads(report.read_text(encoding="utf-8"))["extraction"]["problems"]
    assert bool(problems) != bottom_read


def test_cli_refuses_a_depth_below_one(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["clean", "-", "--max-nesting-depth", "0"])
    assert exit_.value.code == 2 and "--max-nesting-depth" in capsys.readouterr().err

