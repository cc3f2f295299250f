"""clean_batch on pandas and Arrow batches, and the Dask and Spark recipes of docs/corpora.md."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from cleaner.engines.batch import clean_batch

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]
URLS = ["https://example.com/a", None, "https://www.example-news.com/2", None, None]


def _frame() -> "pd.DataFrame":
    rows = [{"id": i, "text": t, "url": u, "lang": "en"} for i, (t, u) in enumerate(zip(SEEDS, URLS))]
    rows.insert(2, {"id": 99, "text": None, "url": None, "lang": "xx"})
    rows.insert(4, {"id": 98, "text": b"\xff\xfe\x00\x00\x00\x00\x00\x00\x89PNG\r\n\x1a\n" * 4, "url": None, "lang": "xx"})
    return pd.DataFrame(rows)


def test_pandas_batch_adds_columns_and_keeps_rows(cleaner):
    frame = _frame()
    out = clean_batch(frame, url_column="url", cleaner=cleaner)
    assert list(out.columns) == ["id", "text", "url", "lang", "clean_text", "report", "cleaner"]
    assert out["id"].tolist() == frame["id"].tolist() and out["lang"].tolist() == frame["lang"].tolist()
    for text, url, clean, report in zip(frame["text"], frame["url"], out["clean_text"], out["report"]):
        if isinstance(text, str):
            expected = cleaner.clean(text, url=url if isinstance(url, str) else None, format="text")
            assert clean == expected.text
            assert json.loads(report)["edits"] == expected.report()["edits"]


def test_row_that_cannot_be_cleaned_gets_empty_text_and_a_reason(cleaner):
    out = clean_batch(_frame(), cleaner=cleaner)
    missing = out[out["id"] == 99].iloc[0]
    assert missing["clean_text"] == "" and json.loads(missing["report"])["error"] == "no text: the value is missing"
    assert len(out) == len(_frame())


def test_arrow_batch_matches_pandas_batch(cleaner):
    frame = _frame().drop(index=[4]).reset_index(drop=True)  # Arrow cannot mix str and bytes in a column
    table = pa.Table.from_pandas(frame, preserve_index=False)
    out_arrow = clean_batch(table, url_column="url", cleaner=cleaner)
    out_pandas = clean_batch(frame, url_column="url", cleaner=cleaner)
    assert out_arrow.column_names == ["id", "text", "url", "lang", "clean_text", "report", "cleaner"]
    assert out_arrow.column("clean_text").to_pylist() == out_pandas["clean_text"].tolist()
    assert out_arrow.column("report").to_pylist() == out_pandas["report"].tolist()


def test_other_batch_types_are_refused(cleaner):
    with pytest.raises(TypeError, match="a pandas DataFrame, a pyarrow Table or a mapping"):
        clean_batch([{"text": "x"}], cleaner=cleaner)


def test_dask_recipe_from_readme(cleaner, tmp_path):
    """The recipe as written, down to `to_parquet`: Parquet holds the meta's column types
    to the letter, so a meta that guessed them wrong fails here and not only on a cluster."""
    import dask.dataframe as dd

    frame = _frame().drop(index=[2, 4]).reset_index(drop=True)  # JSON has no bytes, and a null text reads as NaN
    (tmp_path / "shards").mkdir()
    for part, rows in enumerate((frame.iloc[:2], frame.iloc[2:])):
        rows.to_json(tmp_path / "shards" / f"part-{part}.jsonl", orient="records", lines=True)
    ddf = dd.read_json(str(tmp_path / "shards" / "*.jsonl"), lines=True)
    meta = ddf._meta.assign(clean_text="", report="", cleaner="")
    ddf.map_partitions(clean_batch, cleaner=cleaner, url_column="url", meta=meta).to_parquet(str(tmp_path / "clean"))
    out = pd.read_parquet(tmp_path / "clean").sort_values("id")
    expected = clean_batch(frame, url_column="url", cleaner=cleaner).sort_values("id")
    assert out["clean_text"].tolist() == expected["clean_text"].tolist()
    assert out["report"].tolist() == expected["report"].tolist()


def test_spark_recipe_function_from_readme(cleaner):
    """The function the Spark recipe hands to `mapInPandas`: Spark calls it with an
    iterator of pandas batches and takes the batches it yields; so does this test."""
    frame = _frame().drop(index=[4]).reset_index(drop=True)[["id", "text", "url"]]
    recipe = lambda batches: (clean_batch(b, cleaner=cleaner, url_column="url") for b in batches)  # noqa: E731
    out = pd.concat(recipe(iter([frame.iloc[:2], frame.iloc[2:]])), ignore_index=True)
    assert list(out.columns) == ["id", "text", "url", "clean_text", "report", "cleaner"]
    assert out["clean_text"].tolist() == clean_batch(frame, url_column="url", cleaner=cleaner)["clean_text"].tolist()


def test_core_package_does_not_import_ray_pandas_or_pyarrow():
    import subprocess
    import sys

    code = "import sys, cleaner, cleaner.engines.batch; cleaner.clean('x'); print(sorted(m for m in ('ray', 'pandas', 'pyarrow') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_unknown_format_fails_the_call_not_every_row(cleaner):
    with pytest.raises(ValueError, match="'txt'"):
        clean_batch(pd.DataFrame({"text": ["a", "b"]}), format="txt", cleaner=cleaner)
