"""`cleaner rules list|test`: one convention for the files they work on, origins, summaries;
and how `clean` takes rule files from every source."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from cleaner.cli import main
from cleaner.ruleset.load import builtin_rule_paths

SITE = """\
name: my-site
applies:
  domains: [example.com]
rules:
  - id: footer-link
    category: navigation
    action: drop-line
    line: '^Source link$'
    examples:
      drop: ["Source link"]
      keep: ["The source linked the two cases."]
  - id: promo
    category: advertisement
    action: drop-line
    line: '^Promo: '
    examples:
      drop: ["Promo: 20% off"]
      keep: ["Promo: the word, in a sentence."]
"""
ARTICLE = "The council approved the budget on Tuesday after a long debate about the schools.\n\nSource link\n"


def _write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def _summaries(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("ok ", "FAIL /", "FAIL "))
            and "passed" in line]


def test_rules_test_with_a_path_tests_only_that_file(tmp_path, capsys):
    site = _write(tmp_path, "site.yaml", SITE)
    assert main(["rules", "test", str(site)]) == 1  # the promo rule's keep example is dropped
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"FAIL {site}:")  # the named file's results come first
    assert "my-site/promo [keep] 'Promo: the word, in a sentence.'" in out
    assert _summaries(out) == [f"FAIL {site}  (my-site, given): 3 passed, 1 failed"]
    assert out.splitlines()[-1] == "rule examples: 3 passed, 1 failed in 1 file"
    assert "advertisements" not in out  # no built-in file was tested


def test_rules_test_builtin_adds_the_builtins_after_the_named_files(tmp_path, capsys):
    site = _write(tmp_path, "site.yaml", SITE.replace("'^Promo: '", "'^Promo: \\d+%'"))
    assert main(["rules", "test", str(site), "--builtin"]) == 0
    summaries = _summaries(capsys.readouterr().out)
    assert summaries[0] == f"ok   {site}  (my-site, given): 4 passed, 0 failed"
    assert len(summaries) == 1 + len(builtin_rule_paths())
    assert all("built-in):" in line for line in summaries[1:])


def test_rules_test_without_paths_tests_every_file_cleaning_loads(tmp_path, monkeypatch, capsys):
    config = tmp_path / "config"
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(config))
    _write(config / "rules", "site.yaml", SITE.replace("'^Promo: '", "'^Promo: \\d+%'"))
    assert main(["rules", "test"]) == 0
    summaries = _summaries(capsys.readouterr().out)
    assert summaries[0].endswith("(my-site, user folder): 4 passed, 0 failed")
    assert len(summaries) == 1 + len(builtin_rule_paths())
    assert main(["rules", "test", "--no-installed-rules"]) == 0
    assert "my-site" not in capsys.readouterr().out


def test_rules_list_takes_paths_like_rules_test_and_says_where_files_came_from(tmp_path, monkeypatch, capsys):
    site = _write(tmp_path, "site.yaml", SITE)
    assert main(["rules", "list", str(site)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"my-site  ({site})  from: given  applies: domain example.com"
    assert "footer-link" in out and "tagdiv-newspaper" not in out
    assert main(["rules", "list", str(site), "--builtin"]) == 0
    out = capsys.readouterr().out
    assert "tagdiv-newspaper" in out and "from: built-in" in out and "from: given" in out
    monkeypatch.setenv("CLEANER_RULES", str(site))
    assert main(["rules", "list"]) == 0
    assert f"my-site  ({site})  from: CLEANER_RULES" in capsys.readouterr().out


def test_rules_list_still_takes_the_old_rules_option(tmp_path, capsys):
    site = _write(tmp_path, "site.yaml", SITE)
    assert main(["rules", "list", "--rules", str(site)]) == 0
    captured = capsys.readouterr()
    assert "my-site" in captured.out and "tagdiv-newspaper" in captured.out
    assert "now `rules list PATH --builtin`" in captured.err


def test_rules_help_documents_the_convention_and_the_sources(capsys):
    with pytest.raises(SystemExit):
        main(["rules", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "PATHs (files, or folders of *.yaml files), and --builtin" in out
    for source in ("built-in", "package NAME", "user folder", "CLEANER_RULES", "given", "cleaner.rules"):
        assert source in out
    assert "precedence" in out


def test_clean_credits_a_matching_site_rule_and_lists_the_builtin_it_beat(tmp_path, capsys):
    site = _write(tmp_path, "site.yaml", SITE)
    doc = _write(tmp_path, "page.txt", ARTICLE)
    report = tmp_path / "r.json"
    assert main(["clean", str(doc), "--url", "https://example.com/x", "--rules", str(site),
                 "--report", str(report)]) == 0
    assert "Source link" not in capsys.readouterr().out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [e["rule"] for e in data["edits"] if e["text"] == "Source link\n"] == ["my-site/footer-link"]
    assert [(s["rule"], s["by"]) for s in data["superseded"]] == [("editor-credits/source-link", "my-site/footer-link")]
    origins = {f["name"]: f["origin"] for f in data["rule_files"]}
    assert origins["my-site"] == "given" and origins["editor-credits"] == "built-in"


def test_clean_uses_installed_rules_unless_told_not_to(tmp_path, monkeypatch, capsys):
    site = _write(tmp_path / "installed", "site.yaml", SITE)
    monkeypatch.setenv("CLEANER_RULES", str(site.parent))
    doc = _write(tmp_path, "page.txt", ARTICLE.replace("Source link", "Promo: 20% off"))
    assert main(["clean", str(doc), "--url", "https://example.com/x", "--no-heuristics"]) == 0
    assert "Promo" not in capsys.readouterr().out
    assert main(["clean", str(doc), "--url", "https://example.com/x", "--no-heuristics",
                 "--no-installed-rules"]) == 0
    assert "Promo: 20% off" in capsys.readouterr().out
