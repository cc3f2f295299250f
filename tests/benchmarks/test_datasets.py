"""benchmarks/datasets.py on small hand-made set files."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.datasets import (  # noqa: E402
    DataError,
    allocate,
    evenly_spaced,
    load_set,
    sample_pages,
)


def write_set(folder: Path, name: str, rows: list[dict[str, object]]) -> None:
    with gzip.open(folder / name, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def wcxb_rows(types: list[str]) -> list[dict[str, object]]:
    return [
        {"id": f"{i:04d}", "url": f"https://example.org/{i}", "page_type": page_type, "html": "<p>x</p>",
         "gold": "x", "with": ["x"], "without": ["menu"], "fulltext": "menu\nx", "traf": "x"}
        for i, page_type in enumerate(types)
    ]


def test_evenly_spaced_takes_the_middle_of_each_stretch() -> None:
    assert evenly_spaced(10, 2) == [2, 7]
    assert evenly_spaced(3, 5) == [0, 1, 2]
    assert evenly_spaced(4, 0) == []


def test_allocate_is_proportional_with_largest_remainder() -> None:
    # quotas 4.5 / 3.0 / 1.5 for 9 pages: floors 4 / 3 / 1, the spare page to the larger .5
    assert allocate({"a": 30, "b": 20, "c": 10}, 9) == {"a": 5, "b": 3, "c": 1}
    assert allocate({"a": 2, "b": 1}, 10) == {"a": 2, "b": 1}


def test_sample_is_stratified_by_page_type_and_keeps_file_order(tmp_path: Path) -> None:
    types = ["article"] * 8 + ["forum"] * 4
    write_set(tmp_path, "wcxb-dev.jsonl.gz", wcxb_rows(types))
    data = load_set("wcxb", tmp_path, sample=6)
    # 8:4 of 6 -> 4 articles (indices 1, 3, 5, 7 of 8) and 2 forum pages (8 + 1, 8 + 3)
    assert [p.id for p in data.pages] == ["0001", "0003", "0005", "0007", "0009", "0011"]
    assert data.total == 12
    assert data.page_types == ("article", "forum")
    assert load_set("wcxb", tmp_path, sample=6).pages == data.pages


def test_pages_without_page_type_form_one_stratum() -> None:
    from benchmarks.datasets import parse_page

    pages = [parse_page({"id": str(i), "url": "https://e.org", "html": "", "gold": "g"}) for i in range(9)]
    assert [p.id for p in sample_pages(pages, 3)] == ["1", "4", "7"]


def test_fields_a_set_lacks_become_none_or_empty(tmp_path: Path) -> None:
    write_set(tmp_path, "trafilatura-eval-dev.jsonl.gz", [
        {"id": "hard::site.html", "url": "hard::site.html", "html": "<p>a</p>", "with": ["a"],
         "without": [], "fulltext": "a", "traf": None},
    ])
    data = load_set("trafilatura-eval", tmp_path)
    page = data.pages[0]
    assert (page.url, page.gold, page.page_type, page.traf) == (None, None, None, "")
    assert page.with_snippets == ("a",) and page.without_snippets == ()
    assert not data.has_gold and data.has_snippets


def test_missing_folder_names_the_folder_and_the_remedy(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DataError, match="data folder not found: .*nowhere.*--data-dir.*CLEANER_BENCH_DATA"):
        load_set("wcxb", missing)


def test_environment_variable_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_set(tmp_path, "wcxb-dev.jsonl.gz", wcxb_rows(["article"]))
    monkeypatch.setenv("CLEANER_BENCH_DATA", str(tmp_path))
    assert load_set("wcxb").path == tmp_path / "wcxb-dev.jsonl.gz"


def test_missing_file_and_unknown_set(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="set file not found: .*scrapinghub-dev.jsonl.gz"):
        load_set("scrapinghub", tmp_path)
    with pytest.raises(DataError, match="unknown benchmark set 'portals'"):
        load_set("portals", tmp_path)
