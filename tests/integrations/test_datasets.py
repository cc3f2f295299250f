"""clean_batch as a batched `datasets.Dataset.map` function: text and HTML columns, rows kept, provenance added."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import datasets

from cleaner.engines.batch import clean_batch
from cleaner.report.provenance import provenance

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]
PAGE = (FIXTURES / "html" / "article-with-chrome.html").read_text(encoding="utf-8")


def test_text_column_keeps_rows_and_adds_text_report_and_provenance(cleaner):
    texts = [*SEEDS, "Share this article\n", None]
    ds = datasets.Dataset.from_dict({"id": list(range(len(texts))), "text": texts,
                                     "url": ["https://example.com/a"] * len(texts)})
    out = ds.map(clean_batch, batched=True, batch_size=2,  # batches cut between rows: results must not care
                 fn_kwargs={"cleaner": cleaner, "url_column": "url", "id_column": "id"})
    assert out.num_rows == ds.num_rows and out["id"] == ds["id"] and out["text"] == ds["text"]
    assert out.column_names == ["id", "text", "url", "clean_text", "report", "cleaner"]
    for row in out:
        if row["text"] is None:  # a row that cannot be cleaned: empty text, the reason, no provenance
            assert row["clean_text"] == "" and json.loads(row["report"])["error"].startswith("no text")
            assert row["cleaner"] is None
            continue
        expected = cleaner.clean(row["text"], url=row["url"], format="text", name=str(row["id"]))
        assert row["clean_text"] == expected.text
        assert json.loads(row["report"]) == expected.report()
        assert json.loads(row["cleaner"]) == provenance(expected)


def test_html_column(cleaner):
    ds = datasets.Dataset.from_dict({"html": [PAGE, PAGE.replace("<article>", "<article><p>One more line.</p>")]})
    out = ds.map(clean_batch, batched=True, fn_kwargs={"cleaner": cleaner, "text_column": "html", "format": "html"})
    assert out.num_rows == 2
    for row in out:
        expected = cleaner.clean(row["html"], format="html", name="<row>")
        assert row["clean_text"] == expected.text and expected.text.strip()
        assert json.loads(row["cleaner"]) == provenance(expected) and json.loads(row["cleaner"])["format"] == "html"


def test_a_mapping_batch_needs_neither_datasets_nor_pandas_nor_pyarrow():
    """Dataset.map hands clean_batch a mapping of column lists: nothing beyond the core package is imported
    (each of the three is made to fail on import)."""
    code = ("import sys\n"
            "for name in ('datasets', 'pandas', 'pyarrow'): sys.modules[name] = None\n"
            "from cleaner.engines.batch import clean_batch\n"
            "out = clean_batch({'text': ['Body text.\\n\\nShare this article\\n'], 'n': [1]})\n"
            "print(sorted(out), repr(out['clean_text'][0]))\n")
    run = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['clean_text', 'cleaner', 'n', 'report', 'text'] 'Body text.\\n'"
