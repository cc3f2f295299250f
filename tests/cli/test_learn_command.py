"""`cleaner learn` on a folder of pages, and `cleaner clean --learn` on a corpus, end to end."""

from __future__ import annotations

import json

from cleaner.cli import main

MONTHS = ["March", "April", "May", "June", "July", "August", "September"]
TOPICS = ["the harbour", "the new library", "the council budget", "the river bridge", "the school year",
          "the tram line", "the summer festival"]


def page(n: int) -> str:
    topic = TOPICS[n]
    return "\n\n".join([
        "Home", "World", "Sport", f"Updated {n + 3} {MONTHS[n]} 2025 at {n + 8}:{10 + n}", "Share this page",
        f"The plan for {topic} was approved on Tuesday after a long debate in the town hall.",
        f"Residents said that {topic} had been discussed for years, and that they were glad it was settled.",
        f"Work on {topic} is expected to start in the spring and to last for about {n + 2} months.",
        "Most read", f"{(n + 1) * 1234:,} followers", "© 2025 Example News",
    ]) + "\n"


def test_learn_writes_a_rule_file_per_host_that_rules_test_passes(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(6):
        (pages / f"story-{n}.txt").write_text(page(n))
    out = tmp_path / "example-news.yaml"
    assert main(["learn", str(pages), "--domain", "example-news.com", "-o", str(out), "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("example-news.com: 6 pages, ") and str(out) in said
    assert "domains: ['example-news.com']" in out.read_text()
    assert main(["rules", "test", str(out)]) == 0
    assert ", 0 failed in 1 file" in capsys.readouterr().out
    clean_out = tmp_path / "clean.txt"
    (tmp_path / "new.txt").write_text(page(6))
    assert main(["clean", str(tmp_path / "new.txt"), "--url", "https://example-news.com/a", "--rules", str(out),
                 "--no-installed-rules", "-o", str(clean_out)]) == 0
    text = clean_out.read_text()
    assert "Share this page" not in text and "Updated 9 September" not in text
    assert "The plan for the summer festival was approved" in text


def test_learn_skips_hosts_below_min_pages_and_says_so(tmp_path, capsys):
    lines = [json.dumps({"url": f"https://example-news.com/{n}", "text": page(n)}) for n in range(3)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    assert main(["learn", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "rules"), "--min-pages", "4"]) == 1
    assert "example-news.com: 3 pages, fewer than --min-pages: no file" in capsys.readouterr().out
    assert not (tmp_path / "rules").exists()


def test_clean_learn_cleans_a_corpus_with_learned_rules(tmp_path, capsys):
    lines = [json.dumps({"url": f"https://www.example-news.com/{n}", "text": page(n)}) for n in range(7)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    args = ["clean", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--no-installed-rules",
            "--learn", "--learn-out", str(tmp_path / "learned"), "--report-field", "report", "--jobs", "2"]
    assert main(args) == 0
    assert "learned learned/example-news.com:" in capsys.readouterr().err
    assert (tmp_path / "learned" / "example-news.com.yaml").exists()
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(records) == 7
    for record in records:
        assert "Share this page" not in record["text"] and "followers" not in record["text"]
        assert "was approved on Tuesday" in record["text"]
        rules = {edit["rule"] for edit in record["report"]["edits"]}
        assert any(rule.startswith("learned/example-news.com/") for rule in rules)


def test_clean_learn_refuses_standard_input_and_learn_out_alone(tmp_path, capsys):
    assert main(["clean", "-", "--learn"]) == 2
    assert "cannot read standard input" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text(page(0))
    assert main(["clean", str(tmp_path / "a.txt"), "--learn-out", str(tmp_path / "x")]) == 2
    assert "go with --learn" in capsys.readouterr().err
