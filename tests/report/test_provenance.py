"""One provenance for one page, whatever the path: CLI JSONL, CLI WARC, datatrove, Dataset.map (clean_batch).

(`--engine ray` writes the local CLI's lines byte for byte and Ray's `clean_dataset`
is `clean_batch` on actors: tests/engines/test_ray.py checks both against these.)
"""

from __future__ import annotations

import json

import datasets
from datatrove.data import Document

from cleaner.cli import main
from cleaner.engines.batch import clean_batch
from cleaner.integrations.datatrove import CleanText
from cleaner.report.provenance import FIELD, provenance, version

PAGE = "page"  # the UTF-8 HTML response of the test archive


def test_every_path_gives_the_same_provenance(warc_archive, tmp_path, cleaner):
    url, html = warc_archive.url(PAGE), warc_archive.body(PAGE).decode("utf-8")
    expected = provenance(cleaner.clean(html, url=url, format="html"))

    assert main(["clean", str(warc_archive.path), "-o", str(tmp_path / "warc.jsonl"), "--quiet",
                 "--rejects", str(tmp_path / "rejects.jsonl")]) == 1  # the archive's other responses are rejects
    from_warc = next(r for r in map(json.loads, (tmp_path / "warc.jsonl").open()) if r["warc_record_id"]
                     == warc_archive.id(PAGE))

    (tmp_path / "pages.jsonl").write_text(json.dumps({"html": html, "url": url}) + "\n", encoding="utf-8")
    assert main(["clean", str(tmp_path / "pages.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--html-field", "html",
                 "--quiet"]) == 0
    from_jsonl = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))

    (document,) = CleanText(cleaner, format="html").run(iter([Document(text=html, id="p", metadata={"url": url})]))

    rows = datasets.Dataset.from_dict({"html": [html], "url": [url]}).map(
        clean_batch, batched=True, fn_kwargs={"cleaner": cleaner, "text_column": "html", "url_column": "url",
                                              "format": "html"})

    assert from_warc[FIELD] == from_jsonl[FIELD] == document.metadata[FIELD] == json.loads(rows[0][FIELD]) == expected
    assert from_warc["text"] == from_jsonl["text"] == document.text == rows[0]["clean_text"]


def test_the_fields_say_what_was_done(cleaner):
    result = cleaner.clean("The council met on Tuesday.\n\nShare this article\n", format="text")
    made = provenance(result)
    assert list(made) == ["version", "format", "rule_files", "chars_in", "chars_out", "chars_removed",
                          "removed_by_category", "fixes_by_category"]
    assert made["version"] == version() != ""
    assert made["rule_files"] == [applied.file.name for applied in result.rule_files] and made["rule_files"]
    totals = result.report()["totals"]
    assert (made["chars_in"], made["chars_out"]) == (len(result.source_text), len(result.text))
    assert made["chars_removed"] == sum(made["removed_by_category"].values()) == totals["chars_removed"] > 0
    assert made["removed_by_category"] == totals["removed_by_category"]
    assert made["fixes_by_category"] == totals["fixes_by_category"]
    assert json.loads(json.dumps(made)) == made  # plain JSON: written into records as it is


def test_version_is_the_installed_distribution():
    import importlib.metadata

    assert version() == importlib.metadata.version("article-cleaner")

