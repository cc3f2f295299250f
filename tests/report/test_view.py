"""The HTML view of a report: every change visible where it happened, readable without hovering."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from cleaner import Cleaner, Settings
from cleaner.categories import CATEGORIES, FIX_CATEGORIES, REMOVAL_CATEGORIES
from cleaner.cli import main
from cleaner.report.marks import LONG_CHARS
from cleaner.report.palette import FIX_INKS, REMOVAL_TINTS, category_colour
from cleaner.report.view import render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED = next((FIXTURES / "seeds").glob("002_*.raw.txt"))  # captions, credits, related links and fixes
PUNCTUATION_SEED = next((FIXTURES / "seeds").glob("003_*.raw.txt"))  # one- and two-character punctuation fixes
PAGE = FIXTURES / "html" / "article-with-chrome.html"
MOJIBAKE = "Un cafÃ© au lait, naÃ¯vement.\n\nShare this article\n".encode("utf-8")

# What a reader does not see as text of the document: reason numbers, badges, a collapsed run's preview.
_NOT_SOURCE = frozenset({"ref", "badge", "summary"})


def _view(data: bytes, **options):
    result = Cleaner(**options).clean(data, format="auto")
    report = result.report()
    return result, report, render(report, result.source_text)


def _ids(report) -> dict[str, tuple[str, str]]:
    """Every change the report records, by the element id the view gives it: (category, kind class)."""
    kind = {True: "rm", False: "fx"}
    ids = {f"e{i}": (e["category"], kind[e["replacement"] == "" and e["category"] not in FIX_CATEGORIES])
           for i, e in enumerate(report["edits"])}
    ids |= {f"k{i}": (e["category"], "kp") for i, e in enumerate(report["kept"])}
    ids |= {f"u{i}-{j}": ("encoding", "fx") for i, r in enumerate(report["encoding"]) for j, _ in enumerate(r["fixes"])}
    ids |= {f"d{i}": (d["category"], "rm") for i, d in enumerate((report["extraction"] or {}).get("dropped", []))}
    return ids


def _interleaved(report, source: str) -> str:
    """The source with each change's other side beside it: a fix's new text after its old, a
    repaired character's old form before it."""
    inserts = [(e["end"], e["replacement"]) for e in report["edits"]]
    inserts += [(f["start"], f["before"]) for r in report["encoding"] for f in r["fixes"]]
    out, pos = [], 0
    for at, extra in sorted(inserts, key=lambda item: item[0]):
        out += [source[pos:at], extra]
        pos = at
    return "".join(out) + source[pos:]


@pytest.mark.parametrize("path", [SEED, PUNCTUATION_SEED], ids=lambda p: p.name[:3])
def test_every_change_has_one_element_and_the_text_is_all_there(path, parse_page):
    result, report, page = _view(path.read_bytes())
    tree = parse_page(page)
    marks = {n.attrs["data-edit"]: n for n in tree.find_all(cls="m") if "data-edit" in n.attrs}
    assert {i: (n.attrs["data-cat"], ({"rm", "fx", "kp"} & n.classes).pop()) for i, n in marks.items()} == _ids(report)
    doc = tree.find(id="doc")
    assert doc.text(_NOT_SOURCE) == _interleaved(report, result.source_text)


def test_reasons_are_numbered_and_listed_without_hovering(parse_page):
    _, report, page = _view(SEED.read_bytes())
    tree = parse_page(page)
    notes = {n.attrs["id"]: n.text() for n in tree.find(id="reasons").find_all("li")}
    assert len(notes) == len({(e["category"], e["rule"], e["reason"]) for e in report["edits"]})
    for i, edit in enumerate(report["edits"]):
        ref = tree.find(id=f"e{i}").find(cls="ref")
        note = notes[ref.attrs["href"].removeprefix("#")]
        assert ref.attrs["href"] == f"#r{ref.text()}"
        assert edit["rule"] in note and edit["reason"] in note and edit["category"] in note


def test_tiny_edits_get_a_badge_that_spells_them_out(parse_page):
    _, report, page = _view(PUNCTUATION_SEED.read_bytes())
    tree = parse_page(page)
    tiny = [(i, e) for i, e in enumerate(report["edits"]) if len(e["text"].strip()) <= 2 and len(e["replacement"]) <= 2]
    assert any(e["category"] == "punctuation" for _, e in tiny)
    for i, edit in tiny:
        badge = tree.find(id=f"e{i}").find(cls="badge").text()
        spelled = edit["text"].replace(" ", "␣").replace("\n", "↵")
        assert badge.startswith("−") and spelled.strip("␣↵") in badge, (badge, edit["text"])
    long_ones = [i for i, e in enumerate(report["edits"]) if len(e["text"].strip()) > 2]
    assert long_ones and all(not tree.find(id=f"e{i}").find_all(cls="badge") for i in long_ones)


def test_long_removed_runs_are_collapsed_to_their_first_words(parse_page):
    _, report, page = _view(SEED.read_bytes())
    tree = parse_page(page)
    long_ones = [(i, e) for i, e in enumerate(report["edits"]) if len(e["text"]) > LONG_CHARS]
    assert long_ones
    for i, edit in long_ones:
        element = tree.find(id=f"e{i}")
        assert element.tag == "details" and "open" not in element.attrs
        preview = element.find("summary").find(cls="preview").text()
        assert preview.rstrip("…") == " ".join(edit["text"].split())[:len(preview.rstrip("…"))]
        assert element.find("del").text(_NOT_SOURCE) == edit["text"]


def test_encoding_fixes_are_marked_and_counted(parse_page):
    _, report, page = _view(MOJIBAKE)
    assert report["totals"]["fixes_by_category"]["encoding"] == 2
    tree = parse_page(page)
    fix = tree.find(id="u0-0")
    assert fix.attrs["data-cat"] == "encoding" and "fx" in fix.classes
    assert fix.find("del").text() == "Ã©" and fix.find("ins").text() == "é"
    assert fix.find(cls="badge").text() == "Ã©→é"
    [row] = [tr for tr in tree.find(id="legend").find_all("tr") if tr.find_all("input", data_filter="encoding")]
    assert "2 fixes" in row.text()
    assert "mojibake" in tree.find(id="reasons").text()


def test_an_html_page_shows_its_header_and_what_extraction_dropped(parse_page):
    _, report, page = _view(PAGE.read_bytes())
    tree = parse_page(page)
    about = tree.find("dl", cls="about").text()
    metadata = report["extraction"]["metadata"]
    assert metadata["title"] and metadata["title"] in about
    assert "trafilatura" in about and (report["source"]["url"] or "none given") in about
    dropped = report["extraction"]["dropped"]
    section = tree.find(id="dropped")
    details = section.find("details")
    assert "open" not in details.attrs
    assert [n.attrs["data-edit"] for n in details.find_all("li", cls="m")] == [f"d{i}" for i in range(len(dropped))]
    assert [n.text(_NOT_SOURCE) for n in details.find_all("li", cls="m")] == [d["text"] for d in dropped]
    flow = tree.find(cls="flow").text()
    extraction = report["totals"]["extraction"]
    assert f"{extraction['page_chars']:,} characters" in flow
    assert f"dropped {extraction['blocks_dropped']:,} of" in flow and f"{extraction['chars_dropped']:,} characters" in flow
    assert f"removed {report['totals']['chars_removed']:,} characters" in flow


def test_the_legend_explains_every_kind_of_mark_and_filters_each_category(parse_page):
    _, report, page = _view(SEED.read_bytes(), settings=Settings(keep=frozenset({"caption"})))
    tree = parse_page(page)
    legend = tree.find(id="legend")
    key = legend.find("ul", cls="key").text()
    for words in ("struck through", "underlined", "dashed outline", "reason", "tiny edit", "collapsed"):
        assert words in key
    filters = {n.attrs["data-filter"] for n in legend.find_all("input") if n.attrs.get("type") == "checkbox"}
    assert filters == {category for category, _ in _ids(report).values()}
    assert all("checked" in n.attrs for n in legend.find_all("input"))


def test_kept_edits_are_shown_but_not_struck(parse_page):
    result = Cleaner(settings=Settings(keep=frozenset({"caption"}))).clean(SEED.read_bytes(), format="text")
    report = result.report()
    assert report["kept"]
    tree = parse_page(render(report, result.source_text))
    kept = tree.find_all(cls="kp")
    assert len([n for n in kept if "data-edit" in n.attrs]) == len(report["kept"])
    assert all(not n.find_all("del") or n.find_all(cls="m") for n in kept if "data-edit" in n.attrs)


def test_the_page_is_self_contained():
    _, _, page = _view(PAGE.read_bytes())
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b", page)
    assert not re.search(r"\bsrc\s*=", page) and "@import" not in page and "url(" not in page
    assert all(href.startswith("#") for href in re.findall(r"href='([^']*)'", page))


def test_markup_in_the_source_is_escaped():
    result = Cleaner().clean("<script>alert(1)</script> & more\n\nShare this article\n", format="text")
    page = render(result.report(), result.source_text)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_a_report_of_another_text_is_refused():
    result = Cleaner().clean(SEED.read_bytes(), format="text")
    with pytest.raises(ValueError, match="characters"):
        render(result.report(), result.source_text + "x")
    damaged = Cleaner().clean(MOJIBAKE, format="text")
    report = damaged.report()
    report["source"]["chars"] = None
    with pytest.raises(ValueError, match="encoding fix"):
        render(report, damaged.source_text.replace("é", "e"))


# --- colours ----------------------------------------------------------------------------------


def _lab(colour: str) -> tuple[float, float, float]:
    """sRGB (D65) to CIELAB."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
              for c in (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    x = (0.4124564 * linear[0] + 0.3575761 * linear[1] + 0.1804375 * linear[2]) / 0.95047
    y = 0.2126729 * linear[0] + 0.7151522 * linear[1] + 0.0721750 * linear[2]
    z = (0.0193339 * linear[0] + 0.1191920 * linear[1] + 0.9503041 * linear[2]) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = (math.degrees(math.atan2(b, a)) % 360 if c else 0.0 for a, b, c in ((a1, b1, c1), (a2, b2, c2)))
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    r_t = (-2 * math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7))
           * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    dl, dc, dh_term = (l2 - l1) / s_l, (c2 - c1) / s_c, big_dh / s_h
    return math.sqrt(dl ** 2 + dc ** 2 + dh_term ** 2 + r_t * dc * dh_term)


@pytest.mark.parametrize("lab1, lab2, expected", [  # from Sharma et al.'s published test data
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_the_colour_difference_is_ciede2000(lab1, lab2, expected):
    assert _ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


MIN_DIFFERENCE = 12.0  # CIEDE2000; about 2.3 is a just-noticeable difference side by side


def test_every_category_has_its_own_colour_and_every_pair_is_distinct():
    assert set(REMOVAL_TINTS) == REMOVAL_CATEGORIES and set(FIX_INKS) == FIX_CATEGORIES
    colours = {c: _lab(category_colour(c)) for c in sorted(CATEGORIES)}
    closest = min(itertools.combinations(colours, 2), key=lambda pair: _ciede2000(colours[pair[0]], colours[pair[1]]))
    assert _ciede2000(colours[closest[0]], colours[closest[1]]) >= MIN_DIFFERENCE, closest


def _luminance(colour: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
              for c in (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_fixes_and_removals_differ_in_lightness_and_stay_readable():
    # Removal tints sit behind dark text (WCAG AAA, 7:1); fix inks draw thin lines on white (3:1).
    assert all(_contrast(tint, "#1b1b1b") >= 7 for tint in REMOVAL_TINTS.values())
    assert all(_contrast(ink, "#ffffff") >= 3 for ink in FIX_INKS.values())
    darkest_tint = min(_lab(t)[0] for t in REMOVAL_TINTS.values())
    lightest_ink = max(_lab(i)[0] for i in FIX_INKS.values())
    assert darkest_tint - lightest_ink >= 15


def test_unknown_categories_get_a_stable_colour():
    assert category_colour("my-site-category") == category_colour("my-site-category")
    assert re.fullmatch(r"#[0-9a-f]{6}", category_colour("my-site-category"))


def test_cli_view_writes_the_page(tmp_path, capsys):
    page = tmp_path / "view.html"
    assert main(["view", str(SEED), "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<del>" in text and "id='legend'" in text
    assert main(["view", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
