"""Limits that protect a batch: a document over the size, line-length or CPU limit is rejected
with a reason that names the limit; the rest of the run goes on. Each is a Settings field and
a `cleaner clean` option."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, InputError, Settings
from cleaner.cli import main
from cleaner.engines.worker import Worker
from cleaner.io.records import DocumentTask, LineTask

TEXT = "The council approved the budget on Tuesday.\n\nThe mayor said the bridge opens in spring.\n"


@pytest.mark.parametrize("source", [TEXT, TEXT.encode()], ids=["str", "bytes"])
def test_a_document_over_the_size_limit_is_rejected_naming_it(source):
    assert Cleaner(settings=Settings(max_document_bytes=len(source))).clean(source).text
    with pytest.raises(InputError, match=r"over the limit of 40 \(max_document_bytes, --max-document-bytes\)"):
        Cleaner(settings=Settings(max_document_bytes=40)).clean(source)


def test_a_line_over_the_length_limit_is_rejected_naming_it():
    longest = max(map(len, TEXT.splitlines()))
    assert Cleaner(settings=Settings(max_line_chars=longest)).clean(TEXT).text
    with pytest.raises(InputError, match=rf"a line of {longest} characters, over the limit of {longest - 1} "
                                         r"\(max_line_chars, --max-line-chars\)"):
        Cleaner(settings=Settings(max_line_chars=longest - 1)).clean(TEXT)


def test_none_lifts_a_limit():
    settings = Settings(max_document_bytes=None, max_line_chars=None, max_document_seconds=None)
    assert Cleaner(settings=settings).clean(TEXT).text


class Spinning(Cleaner):
    """A cleaner that never finishes a document (a pattern or a page that would hang a batch)."""

    def clean(self, *args, **kwargs):
        while True:
            pass


@pytest.mark.parametrize("task", [DocumentTask(0, "a.txt", None, TEXT.encode(), "text", len(TEXT)),
                                  LineTask(0, "s.jsonl", 3, 10, b'{"text": "x"}\n', 14)], ids=["document", "record"])
def test_a_document_over_its_cpu_allowance_is_rejected_naming_it(within, task):
    worker = Worker(Spinning(rules=Cleaner().rules, settings=Settings(max_document_seconds=0.2)))
    with within(60):
        outcome = worker.process(task)
    assert outcome.reject is not None and outcome.output is None
    assert outcome.reject.reason == "over the CPU allowance of 0.2 s per document (max_document_seconds, " \
                                    "--max-document-seconds)"


def test_the_cli_options_set_the_limits_and_the_rejects_name_them(kit, tmp_path, capsys):
    source, out, rejects = tmp_path / "s.jsonl", tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    kit.write_jsonl(source, 6)
    sizes = [len(r["text"]) for r in kit.read_jsonl(source)]
    limit = sorted(sizes)[2]
    assert main(["clean", str(source), "-o", str(out), "--rejects", str(rejects), "--jobs", "1", "--quiet",
                 "--max-document-bytes", str(limit)]) == 1
    reasons = [r["reason"] for r in kit.read_jsonl(rejects)]
    assert len(reasons) == sum(size > limit for size in sizes) == 3
    assert all(f"over the limit of {limit} (max_document_bytes, --max-document-bytes)" in r for r in reasons)
    assert len(kit.read_jsonl(out)) == 3
    assert main(["clean", str(source), "-o", str(out), "--quiet", "--max-line-chars", "20"]) == 1
    assert "(max_line_chars, --max-line-chars)" in capsys.readouterr().err
