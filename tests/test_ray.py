"""Ray Data adapter on a local Ray: JSONL in, Parquet out and back, same as one process."""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner
from cleaner.batch import clean_batch
from fixtures_path import FIXTURES

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
pd = pytest.importorskip("pandas")

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]
N_RECORDS = 2000


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jsonl")
    with open(folder / "part-0.jsonl", "w", encoding="utf-8") as out:
        for i in range(N_RECORDS):
            text = SEEDS[i % len(SEEDS)] if i % 997 else None  # a few rows without text
            out.write(json.dumps({"id": i, "text": text, "url": f"https://site{i % 7}.example/{i}"}) + "\n")
    return folder


def test_clean_dataset_matches_single_process(local_ray, corpus, tmp_path):
    from cleaner.ray import clean_dataset

    cleaner = Cleaner()
    ds = local_ray.data.read_json(str(corpus))
    clean_dataset(ds, url_column="url", id_column="id", cleaner=cleaner, concurrency=2).write_parquet(str(tmp_path / "out"))
    back = local_ray.data.read_parquet(str(tmp_path / "out")).to_pandas().sort_values("id").reset_index(drop=True)
    assert len(back) == N_RECORDS
    source = pd.read_json(corpus / "part-0.jsonl", lines=True)
    expected = clean_batch(source, url_column="url", id_column="id", cleaner=cleaner)
    assert back["clean_text"].tolist() == expected["clean_text"].tolist()
    assert back["report"].tolist() == expected["report"].tolist()


def test_failing_rows_keep_the_row_count(local_ray):
    from cleaner.ray import clean_dataset

    rows = [{"id": 0, "text": "Fine text that stays.\n"}, {"id": 1, "text": None}, {"id": 2, "text": "More text.\n"}]
    out = sorted(clean_dataset(local_ray.data.from_items(rows), concurrency=1).take_all(), key=lambda r: r["id"])
    assert len(out) == 3
    assert out[1]["clean_text"] == "" and "missing" in json.loads(out[1]["report"])["error"]
    assert out[0]["clean_text"] == "Fine text that stays.\n"
