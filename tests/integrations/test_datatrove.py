"""CleanText in a real datatrove pipeline (JsonlReader -> CleanText -> JsonlWriter) gives `cleaner clean`'s texts."""

from __future__ import annotations

import gzip
import importlib
import json
import sys
from pathlib import Path

import pytest
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner.cli import main
from cleaner.integrations.datatrove import CleanText

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.raw.txt"))
PAGES = sorted((FIXTURES / "html").glob("*.html"))
ALL_CHROME = "Share this article\n\nRelated Articles\n"


def _write(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _text_records() -> list[dict]:
    records = [{"id": f"seed-{n}", "text": p.read_text(encoding="utf-8"), "url": f"https://example.com/{n}"}
               for n, p in enumerate(SEEDS)]
    records.insert(2, {"id": "chrome-only", "text": ALL_CHROME, "url": None})
    return records


def _decoded(page: Path) -> str:
    """The page as text, as a WARC reader decodes it (the fixtures' names say their charset, if not UTF-8)."""
    return page.read_bytes().decode(page.stem.partition("meta-charset-")[2] or "utf-8")


def _pipeline_output(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for record in map(json.loads, lines):
                out[record["id"]] = record
    return out


def _cli_output(inputs: Path, tmp_path: Path, *options: str) -> dict[str, dict]:
    out = tmp_path / "cli"
    assert main(["clean", str(inputs), "-o", str(out), "--id-field", "id", "--quiet", "--jobs", "1", *options]) == 0
    return {r["id"]: r for path in sorted(out.glob("*.jsonl")) for r in map(json.loads, path.open(encoding="utf-8"))}


def test_pipeline_of_two_workers_gives_the_cli_texts_and_provenance(tmp_path, cleaner):
    records = _text_records()
    _write(tmp_path / "in" / "a.jsonl", records[:3])
    _write(tmp_path / "in" / "b.jsonl", records[3:])
    step = CleanText(cleaner)
    stats = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), step, JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),  # two processes: the step travels pickled
    ).run()
    got = _pipeline_output(tmp_path / "out")
    cli = _cli_output(tmp_path / "in", tmp_path)
    assert cli["chrome-only"]["text"].strip() == ""
    assert sorted(got) == sorted(set(cli) - {"chrome-only"})  # the empty document is dropped, the rest kept
    for key, record in got.items():
        assert record["text"] == cli[key]["text"]
        assert record["metadata"]["cleaner"] == cli[key]["cleaner"]
        assert record["metadata"]["url"] == cli[key]["url"]
    counted = next(s for s in stats.stats if s.name == str(step)).stats
    assert (counted["total"].total, counted["forwarded"].total) == (len(records), len(records) - 1)
    assert (counted["dropped"].total, counted["dropped_empty"].total) == (1, 1)
    assert counted["chars_removed"].total == sum(r["metadata"]["cleaner"]["chars_removed"] for r in got.values())


def test_html_documents_as_a_warc_reader_gives_them(tmp_path, cleaner):
    """Raw HTML in `document.text` and the URL in the metadata, as datatrove's WarcReader leaves them."""
    records = [{"id": p.stem, "html": _decoded(p), "url": f"https://example.org/{p.stem}"} for p in PAGES]
    _write(tmp_path / "in" / "pages.jsonl", records)
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in"), text_key="html"), CleanText(cleaner, format="html"),
                  JsonlWriter(str(tmp_path / "out"))],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    got = _pipeline_output(tmp_path / "out")
    cli = _cli_output(tmp_path / "in", tmp_path, "--html-field", "html")
    kept = {key for key, record in cli.items() if record["text"].strip()}
    assert kept and sorted(got) == sorted(kept)
    for key, record in got.items():
        assert record["text"] == cli[key]["text"]
        assert record["metadata"]["cleaner"] == cli[key]["cleaner"] and record["metadata"]["cleaner"]["format"] == "html"


def test_a_document_that_cannot_be_cleaned_is_dropped_with_its_reason(cleaner, monkeypatch):
    from datatrove.data import Document

    from cleaner import Cleaner

    original = Cleaner.clean

    def failing(self, source, **kwargs):
        if "boom" in source:
            raise RuntimeError("boom")
        return original(self, source, **kwargs)

    monkeypatch.setattr(Cleaner, "clean", failing)
    step = CleanText(cleaner)
    documents = [Document(text="boom\n", id="bad"), Document(text="A plain sentence.\n", id="ok")]
    assert [d.id for d in step.run(iter(documents))] == ["ok"]
    assert (step.stats["dropped"].total, step.stats["dropped_internal-error"].total) == (1, 1)


def test_executor_json_names_the_cleaner_without_its_compiled_rules(tmp_path, cleaner):
    _write(tmp_path / "in" / "a.jsonl", [{"id": "x", "text": "One sentence of news.\n"}])
    LocalPipelineExecutor(pipeline=[JsonlReader(str(tmp_path / "in")), CleanText(cleaner),
                                    JsonlWriter(str(tmp_path / "out"))],
                          tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    described = json.loads((tmp_path / "logs" / "executor.json").read_text())
    step = next(s for s in described["pipeline"] if "format" in s)
    assert step["cleaner"] == repr(cleaner) and step["format"] == "text"


def test_an_unknown_format_fails_when_the_step_is_made():
    with pytest.raises(ValueError, match="'txt'"):
        CleanText(format="txt")


def test_without_datatrove_the_error_names_the_extra(monkeypatch):
    for name in [m for m in sys.modules if m == "datatrove" or m.startswith("datatrove.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "datatrove", None)  # what an environment without it gives: ImportError
    monkeypatch.delitem(sys.modules, "cleaner.integrations.datatrove")
    with pytest.raises(ImportError, match=r"pip install 'article-cleaner\[datatrove\]'"):
        importlib.import_module("cleaner.integrations.datatrove")
