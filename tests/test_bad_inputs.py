"""Bad inputs: every case in fixtures/bad/cases.yaml, and big generated inputs, through
the library and the CLI — each reaches its defined outcome within a bound that
guards against hangs (a generous bound, not a speed target)."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import InputError
from cleaner.cli import main
from cleaner.edits import apply

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

BAD = FIXTURES / "bad"
SMALL_BOUND = 60.0  # seconds, for a file of a few hundred bytes (includes loading the rules)
BIG_BOUND = 600.0  # seconds, for 50 MB; about 15 s on a 2-core laptop


def _load_make():
    spec = importlib.util.spec_from_file_location("bad_fixtures_make", BAD / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _load_make()
CASES = MAKE.load_cases()
REJECTED = [c for c in CASES if c["outcome"] == "rejected"]
CLEANED = [c for c in CASES if c["outcome"] == "cleaned"]


def _ids(cases):
    return [c["file"] for c in cases]


def _params(cases):
    """A case marked `xfail` is a known failure, with its reason: strict, so it fails once it passes."""
    return [pytest.param(c, id=c["file"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)]
                         if "xfail" in c else []) for c in cases]


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_committed_fixture_is_what_make_builds(case):
    assert (BAD / case["file"]).read_bytes() == MAKE.case_bytes(case)


@pytest.mark.parametrize("case", REJECTED, ids=_ids(REJECTED))
def test_library_rejects_binary_with_a_one_line_reason(within, cleaner, case):
    with within(SMALL_BOUND), pytest.raises(InputError) as info:
        cleaner.clean((BAD / case["file"]).read_bytes(), name=case["file"])
    reason = str(info.value)
    assert case["reason"] in reason and "\n" not in reason


@pytest.mark.parametrize("case", _params(CLEANED))
def test_library_cleans_with_the_expected_text_and_report(within, cleaner, case):
    with within(SMALL_BOUND):
        result = cleaner.clean((BAD / case["file"]).read_bytes(), name=case["file"], charset=case.get("given"))
    report = result.report()
    assert result.text == case["text"]
    assert apply(result.source_text, result.edits) == result.text
    _check_report(report, case)


def _check_report(report: dict, case: dict) -> None:
    decode = report["decode"]
    assert decode["encoding"] == case["encoding"]
    assert decode["bom"] is case.get("bom", False)
    assert decode["replaced_bytes"] == case.get("replaced", 0)
    assert [w["rule"] for w in report["warnings"]] == case.get("warnings", [])
    assert len(report["encoding"]) == case.get("repairs", 0)
    assert decode["how"] == case.get("how", decode["how"])
    assert ("confidence" in decode) is (decode["how"] == "guessed")
    assert decode.get("confidence") == case.get("confidence", decode.get("confidence"))


@pytest.mark.parametrize("case", REJECTED, ids=_ids(REJECTED))
def test_cli_rejects_binary_with_exit_1_and_writes_nothing(within, case, tmp_path, capsys):
    path, out, report = BAD / case["file"], tmp_path / "out.txt", tmp_path / "report.json"
    with within(SMALL_BOUND):
        code = main(["clean", str(path), "-o", str(out), "--report", str(report)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.startswith(f"cleaner: {path}: rejected (input-error): ") and case["reason"] in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert not out.exists() and not report.exists() and captured.out == ""


@pytest.mark.parametrize("case", _params(CLEANED))
def test_cli_cleans_with_exit_0(within, case, tmp_path, capsys):
    path, out, report = BAD / case["file"], tmp_path / "out.txt", tmp_path / "report.json"
    given = ["--encoding", case["given"]] if "given" in case else []
    with within(SMALL_BOUND):
        code = main(["clean", str(path), "-o", str(out), "--report", str(report), *given])
    assert code == 0, capsys.readouterr().err
    text = case["text"].rstrip("\n")
    assert out.read_bytes() == (text + "\n" if text else "").encode("utf-8")  # a text file ends in one newline
    _check_report(json.loads(report.read_text(encoding="utf-8")), case)


def _run_cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(path)],
                          capture_output=True, timeout=SMALL_BOUND)


def test_real_process_rejects_a_png_without_traceback():
    proc = _run_cli(BAD / "image.png")
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode() == f"cleaner: {BAD / 'image.png'}: rejected (input-error): binary data (PNG image), not text\n"


def test_real_process_decodes_windows_1252_to_utf8():
    proc = _run_cli(BAD / "cp1252-french.txt")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith("Le billet coûte 5 € — très cher")


# --------------------------------------------------------------------------- big inputs


def _prose(size: int) -> str:
    """Article-like paragraphs (no chrome), deterministic, about `size` characters.

    A few thousand random paragraphs are tiled with a running number, so no
    paragraph repeats (a repeat would be removed as a duplicate line).
    """
    rng = random.Random(8)
    words = ("council budget roads schools mayor bridge storm weather opened closed officials said "
             "residents river city week morning spring plan traffic district report").split()
    places = ("in München", "in the café", "in Zürich", "in São Paulo", "downtown", "nearby")
    pool = []
    for _ in range(4000):
        sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 18))).capitalize() + "."
                     for _ in range(rng.randint(2, 5))]
        pool.append(" ".join(sentences))
    paragraphs, total, n = [], 0, 0
    while total < size:
        paragraph = f"{pool[n % len(pool)]} Item {n} was filed {places[n % len(places)]}."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        n += 1
    return "\n\n".join(paragraphs) + "\n"


BIG_INPUTS = {
    "50-megabyte-document": lambda: _prose(50_000_000),
    "5-million-character-line": lambda: "word " * 1_000_000,
    "200000-one-character-lines": lambda: "x\n" * 200_000,
}


@pytest.fixture(scope="module", params=sorted(BIG_INPUTS))
def big(request, tmp_path_factory):
    """One generated big input, as text and as a file (made once for both tests)."""
    text = BIG_INPUTS[request.param]()
    path = tmp_path_factory.mktemp("big") / f"{request.param}.txt"
    path.write_bytes(text.encode("utf-8"))
    return text, path


def test_library_cleans_big_input_untouched_with_every_rule(within, cleaner, big):
    text, path = big
    with within(BIG_BOUND):
        result = cleaner.clean(path.read_bytes(), name=path.name)
    assert result.text == text  # prose only: nothing to remove, nothing lost
    assert result.edits == () and result.notices == ()  # no rule ran out of time


def test_cli_cleans_big_input(within, big, tmp_path, capsys):
    # The library test above runs every built-in rule over the big input; this
    # one checks the command's reading, writing and report, so it spares the
    # suite a second pass of the rules.
    text, path = big
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    with within(BIG_BOUND):
        code = main(["clean", str(path), "-o", str(out), "--report", str(report), "--no-builtin-rules"])
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes() == path.read_bytes().rstrip(b"\n") + b"\n"  # untouched, ending in a newline
    totals = json.loads(report.read_text(encoding="utf-8"))["totals"]
    assert totals["chars_in"] == totals["chars_out"] == len(text)


def test_an_unknown_encoding_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["clean", str(BAD / "cp1255-hebrew-given.txt"), "--encoding", "no-such-codec"])
    assert info.value.code == 2 and "unknown encoding 'no-such-codec'" in capsys.readouterr().err
