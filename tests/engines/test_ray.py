"""Ray on a local cluster: the `cleaner.engines.ray` adapter, and `cleaner clean --engine ray` against the local CLI.

One Ray session serves the whole module (starting Ray takes seconds); the CLI
runs in-process (`main(argv)`) and joins it instead of starting its own.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import ray

from cleaner import Cleaner, cli
from cleaner.cli import main
from cleaner.config import Settings
from cleaner.engines.batch import clean_batch

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.raw.txt"))]
N_RECORDS = 2000
N_CLI_RECORDS = 3000
WINDOW_LINES = 12  # a CLI record is this many lines of a seed: small records, real chrome among them


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
    from cleaner.engines.ray import clean_dataset

    cleaner = Cleaner()
    ds = local_ray.data.read_json(str(corpus))
    clean_dataset(ds, url_column="url", id_column="id", cleaner=cleaner, concurrency=2).write_parquet(str(tmp_path / "out"))
    back = local_ray.data.read_parquet(str(tmp_path / "out")).to_pandas().sort_values("id").reset_index(drop=True)
    assert len(back) == N_RECORDS
    source = pd.read_json(corpus / "part-0.jsonl", lines=True)
    expected = clean_batch(source, url_column="url", id_column="id", cleaner=cleaner)
    assert back["clean_text"].tolist() == expected["clean_text"].tolist()
    assert back["report"].tolist() == expected["report"].tolist()
    provenance = [[None if pd.isna(v) else v for v in frame["cleaner"]] for frame in (back, expected)]  # NA, NaN
    assert provenance[0] == provenance[1] and provenance[0].count(None) == 3  # none for the rows without text


def test_failing_rows_keep_the_row_count(local_ray):
    from cleaner.engines.ray import clean_dataset

    rows = [{"id": 0, "text": "Fine text that stays.\n"}, {"id": 1, "text": None}, {"id": 2, "text": "More text.\n"}]
    out = sorted(clean_dataset(local_ray.data.from_items(rows), concurrency=1).take_all(), key=lambda r: r["id"])
    assert len(out) == 3
    assert out[1]["clean_text"] == "" and "missing" in json.loads(out[1]["report"])["error"]
    assert out[0]["clean_text"] == "Fine text that stays.\n"


# --- cleaner clean --engine ray ------------------------------------------------------------------

BAD_LINES = {  # line index -> a line the cleaner cannot clean, and the reject kind the local CLI gives it
    10: (b'{"id": 10, "text": "caf\xe9 au lait"}', "not-utf8"),      # Latin-1 byte: invalid encoding
    20: (b'{"id": 20, "text": 42, "url": "https://a.example/20"}', "missing-field"),  # non-string text
    30: (b'{"id": 30, "text": null}', "missing-field"),
    40: (b'{"id": 40, "body": "no text field"}', "missing-field"),
    50: (b"this is not JSON", "not-json"),
    60: (b'["an", "array"]', "not-object"),
}


def _record_text(i: int) -> str:
    lines = SEEDS[i % len(SEEDS)].splitlines(keepends=True)
    start = (i * 5) % max(1, len(lines) - WINDOW_LINES)
    return "".join(lines[start:start + WINDOW_LINES])


@pytest.fixture(scope="module")
def cli_corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "in.jsonl"
    with path.open("wb") as out:
        for i in range(N_CLI_RECORDS):
            if i in BAD_LINES:
                out.write(BAD_LINES[i][0] + b"\n")
                continue
            url = f"https://www.example-news.com/{i}" if i % 3 == 0 else None
            section = "world" if i >= N_CLI_RECORDS // 2 else None  # null throughout the early batches
            record = {"id": i, "text": _record_text(i), "url": url, "lang": "en", "section": section}
            out.write(json.dumps(record).encode() + b"\n")
    return path


@pytest.fixture(scope="module")
def steady_budget():
    """Rule time allowances (the valve against runaway patterns) are CPU time, so a stall no longer
    spends them, but a record whose rule is near its allowance could still land on either side of it in
    two runs ("pattern ran out of time" in one report). Both engines get a budget no record reaches:
    what differs is the engine."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "Settings", functools.partial(Settings, regex_timeout=60.0))
        yield


@pytest.fixture(scope="module")
def local_cli(cli_corpus, tmp_path_factory, steady_budget):
    """The single-process CLI's outputs: records (report embedded too), sidecar reports, rejects (keyed by line)."""
    folder = tmp_path_factory.mktemp("local")
    code = main(["clean", str(cli_corpus), "-o", str(folder / "out.jsonl"), "--report", str(folder / "reports.jsonl"),
                 "--report-field", "report", "--rejects", str(folder / "rejects.jsonl"), "--id-field", "id",
                 "--jobs", "1", "--quiet"])
    assert code == 1  # the bad lines are rejected
    records = [json.loads(line) for line in (folder / "out.jsonl").open("rb")]
    reports = [json.loads(line) for line in (folder / "reports.jsonl").open("rb")]
    rejects = {r["line"]: r for r in map(json.loads, (folder / "rejects.jsonl").open("rb"))}
    assert len(records) == len(reports) == N_CLI_RECORDS - len(BAD_LINES) and len(rejects) == len(BAD_LINES)
    return {"records": {r["id"]: r for r in records}, "reports": {r["id"]: r["report"] for r in reports},
            "rejects": rejects, "lines": (folder / "out.jsonl").read_bytes().splitlines()}


def _line_of(report: dict) -> int:
    return int(report["source"]["name"].rsplit(":", 1)[1])


def test_ray_cli_parquet_output_matches_the_local_cli(local_ray, steady_budget, cli_corpus, local_cli, tmp_path):
    out = tmp_path / "clean"
    assert main(["clean", "--engine", "ray", str(cli_corpus), "-o", str(out), "--output-format", "parquet",
                 "--id-field", "id", "--quiet"]) == 0
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == N_CLI_RECORDS  # one row per input line, cleaned or not
    assert not list(tmp_path.glob(".*"))  # no temporary folder left beside the output
    failed = {}
    for row in rows:
        report = json.loads(row["report"])
        if "error" in report:
            failed[_line_of(report)] = (row, report)
            continue
        assert row["text"] == local_cli["records"][row["id"]]["text"]
        assert report == local_cli["reports"][row["id"]]
        local = local_cli["records"][row["id"]]
        assert (row["lang"], row["url"], row["section"]) == ("en", local["url"], local["section"])
        assert json.loads(row["cleaner"]) == local["cleaner"]  # the provenance: a JSON column in Parquet
    assert sorted(failed) == sorted(local_cli["rejects"])
    for line, (row, report) in failed.items():
        reject = local_cli["rejects"][line]
        assert (report["kind"], report["error"]) == (reject["kind"], reject["reason"])
        assert row["text"] == "" and report["source"]["name"] == f"{cli_corpus}:{line}"
        assert reject["kind"] == BAD_LINES[line - 1][1]
    assert failed[51][1]["record"] == "this is not JSON"  # a line that is no record is kept in its report


def test_ray_cli_jsonl_output_is_the_local_lines(local_ray, steady_budget, cli_corpus, local_cli, tmp_path):
    out = tmp_path / "clean"
    assert main(["clean", "--engine", "ray", str(cli_corpus), "-o", str(out), "--id-field", "id",
                 "--quiet"]) == 0  # JSONL in: JSONL out, reports in the "report" field as with --report-field
    parts = sorted(out.glob("*.jsonl"))
    ray_lines = [line for part in parts for line in part.read_bytes().splitlines()]
    assert len(ray_lines) == N_CLI_RECORDS
    cleaned = [line for line in ray_lines if "error" not in json.loads(line)["report"]]
    assert cleaned == local_cli["lines"]  # byte for byte, and in input order


def test_ray_cli_reads_parquet(local_ray, steady_budget, cli_corpus, local_cli, tmp_path):
    records = [json.loads(line) for line in cli_corpus.open("rb") if line.startswith(b'{"id": ') and b"\xe9" not in line]
    good = [r for r in records if isinstance(r.get("text"), str)]
    pq.write_table(pa.Table.from_pylist(good + [{"id": -1, "text": None, "url": None, "lang": "en", "section": None}]),
                   tmp_path / "in.parquet")
    out = tmp_path / "clean"
    assert main(["clean", "--engine", "ray", str(tmp_path / "in.parquet"), "-o", str(out), "--output-format", "jsonl",
                 "--id-field", "id", "--quiet"]) == 0
    rows = {r["id"]: r for part in sorted(out.glob("*.jsonl")) for r in map(json.loads, part.open("rb"))}
    assert len(rows) == len(good) + 1
    assert rows[-1]["text"] == "" and rows[-1]["report"]["error"] == "record has no string in 'text': 'text' is null"
    for key, expected in local_cli["reports"].items():
        report = rows[key]["report"]
        assert rows[key]["text"] == local_cli["records"][key]["text"]
        # the one legitimate difference: a Parquet row has no line number, so it is named by its id
        assert report["source"]["name"] == str(key)
        assert {**report, "source": {**report["source"], "name": None}} == \
            {**expected, "source": {**expected["source"], "name": None}}


@pytest.mark.parametrize("extra, message", [
    (["--jobs", "2"], "--jobs does not apply with --engine ray"),
    (["--resume"], "--resume does not apply with --engine ray"),
    (["--report", "r.jsonl"], "--report does not apply with --engine ray"),
    (["--format", "text"], "--format text/html needs --engine local"),
])
def test_ray_cli_refuses_local_only_options(cli_corpus, tmp_path, capsys, extra, message):
    assert main(["clean", "--engine", "ray", str(cli_corpus), "-o", str(tmp_path / "out"), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_ray_cli_usage_errors(cli_corpus, tmp_path, capsys):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("x")
    assert main(["clean", "--engine", "ray", str(cli_corpus), "-o", str(busy)]) == 2
    assert "give a new or empty folder" in capsys.readouterr().err
    assert main(["clean", str(cli_corpus), "-o", str(tmp_path / "o.jsonl"), "--address", "auto"]) == 2
    assert "--address needs --engine ray" in capsys.readouterr().err
    (tmp_path / "doc.txt").write_text("A document, not records.\n")
    assert main(["clean", "--engine", "ray", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out")]) == 2
    assert "neither JSONL nor Parquet" in capsys.readouterr().err


def test_ray_cli_without_ray_says_how_to_install(cli_corpus, tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))
    assert main(["clean", "--engine", "ray", str(cli_corpus), "-o", str(tmp_path / "out")]) == 2
    assert "pip install 'article-cleaner[ray]'" in capsys.readouterr().err


def test_cli_module_does_not_import_ray():
    import subprocess
    import sys

    code = "import sys, cleaner.cli; cleaner.cli.build_parser(); print('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_ray_cli_without_a_cluster_at_the_address_is_one_line_and_exit_2(cli_corpus, tmp_path, capsys,
                                                                           monkeypatch):
    import cleaner.engines.ray as engine

    def no_cluster(**kwargs):  # what ray.init(address="auto") raises when no Ray runs
        raise ConnectionError("Could not find any running Ray instance. Please specify the one to connect to by "
                              "setting `--address` flag or `RAY_ADDRESS` environment variable.")

    monkeypatch.setattr(engine.ray, "is_initialized", lambda: False)
    monkeypatch.setattr(engine.ray, "init", no_cluster)
    assert main(["clean", "--engine", "ray", str(cli_corpus), "-o", str(tmp_path / "out"), "--address", "auto"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleaner: cannot start or reach the Ray cluster at auto: Could not find any running Ray")
    assert err.count("\n") == 1 and "Traceback" not in err and not (tmp_path / "out").exists()


# --- cleaner clean --engine ray --learn ------------------------------------------------------------

TOPICS = ["the harbour wall", "the new library", "the council budget", "the river bridge", "the school year",
          "the tram line", "the summer festival", "the town museum", "the bus station", "the market square"]


def _site_page(host: str, n: int) -> str:
    topic = TOPICS[n]
    head = ["Home", "World", "Sport", f"Updated {n + 3} March 2025 at {n + 8}:{10 + n}", f"Share this page on {host}"]
    article = [f"The plan for {topic} was approved on Tuesday after a long debate in the town hall.",
               f"Residents said that {topic} had been discussed for years, and that they were glad it was settled.",
               f"Work on {topic} is expected to start in the spring and to last for about {n + 2} months."]
    tail = ["Most read", f"{(n + 1) * 1234:,} followers", f"© 2025 {host}"]
    return "\n\n".join(head + article + tail) + "\n"


def test_ray_cli_learn_cleans_as_the_local_learn_does(local_ray, tmp_path, monkeypatch):
    from cleaner.engines import ray as ray_engine

    corpus = tmp_path / "sites.jsonl"
    hosts = ["news.example", "paper.example"]
    records = [{"id": n * 2 + k, "url": f"https://www.{host}/story-{n}", "text": _site_page(host, n)}
               for n in range(len(TOPICS)) for k, host in enumerate(hosts)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    common = ["--no-installed-rules", "--learn", "--quiet"]
    assert main(["clean", str(corpus), "-o", str(tmp_path / "local.jsonl"), "--report-field", "report",
                 "--jobs", "1", "--learn-out", str(tmp_path / "local-rules"), *common]) == 0
    # Batches of four records: each site's pages are counted in five batches, folded in input order.
    on_actors = ray_engine._on_actors
    monkeypatch.setattr(ray_engine, "_on_actors", lambda ds, cls, args, _, actors: on_actors(ds, cls, args, 4, actors))
    assert main(["clean", "--engine", "ray", str(corpus), "-o", str(tmp_path / "ray"),
                 "--learn-out", str(tmp_path / "ray-rules"), *common]) == 0
    local = {r["id"]: r for r in map(json.loads, (tmp_path / "local.jsonl").open("rb"))}
    rows = [json.loads(line) for part in sorted((tmp_path / "ray").glob("*.jsonl")) for line in part.open("rb")]
    assert len(rows) == len(local) == len(records)
    for row in rows:
        assert row["text"] == local[row["id"]]["text"]
        assert "Share this page" not in row["text"] and "was approved on Tuesday" in row["text"]
        assert any(e["rule"].startswith("learned/") for e in row["report"]["edits"])
    for host in hosts:  # the same counts drafted the same files
        drafted = [(tmp_path / folder / f"{host}.yaml").read_text() for folder in ("local-rules", "ray-rules")]
        assert drafted[0] == drafted[1]


def test_ray_cli_learn_needs_jsonl(cli_corpus, tmp_path, capsys):
    pq.write_table(pa.table({"id": [1], "text": ["Some text."]}), tmp_path / "in.parquet")
    assert main(["clean", "--engine", "ray", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out"),
                 "--learn"]) == 2
    assert "--learn with --engine ray reads JSONL" in capsys.readouterr().err
