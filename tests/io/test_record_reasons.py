"""Why a JSONL line yields no record: the reason names what the record has, and what is wrong with it."""

from __future__ import annotations

import io

import pytest

from cleaner.io.jsonl import JsonlFields, parse_line, record_document
from cleaner.io.records import LineTask, Reject
from cleaner.io.rejects import ECHO_LIMIT, RejectLog


@pytest.mark.parametrize(("record", "fields", "reason"), [
    ({"body": "x", "html": 5}, JsonlFields(), "record has no 'text' field (its fields: 'body', 'html')"),
    ({"body": "x"}, JsonlFields(html="html"), "record has no 'text' or 'html' field (its fields: 'body')"),
    ({"body": "x", "html": 5}, JsonlFields(html="html"),
     "record has no string in 'text' or 'html': 'text' is missing, 'html' is a number (its fields: 'body', 'html')"),
    ({"text": None}, JsonlFields(), "record has no string in 'text': 'text' is null"),
    ({"text": ["x"]}, JsonlFields(), "record has no string in 'text': 'text' is an array"),
    ({"text": {"a": 1}}, JsonlFields(), "record has no string in 'text': 'text' is an object"),
    ({}, JsonlFields(), "record has no 'text' field (its fields: none)"),
    ({f"f{i}": i for i in range(12)}, JsonlFields(),
     "record has no 'text' field (its fields: " + ", ".join(f"'f{i}'" for i in range(10)) + ", … (12 in all))"),
])
def test_a_record_without_a_string_to_clean_says_what_it_has(record, fields, reason):
    assert record_document(record, fields) == reason


@pytest.mark.parametrize(("line", "reason"), [
    (b'{"text": "unterminated\n', "line is not JSON: Unterminated string starting at column 10"),
    (b'{"a": 1\n', "line is not JSON: Expecting ',' delimiter at column 8"),
])
def test_a_json_error_reads_as_one_sentence_with_the_column_in_the_line(line, reason):
    result = parse_line(LineTask(0, "in.jsonl", 1, 0, line, len(line)))
    assert isinstance(result, Reject) and result.reason == reason


def _missing(n: int) -> Reject:
    return Reject("in.jsonl", "missing-field", "record has no 'text' field (its fields: 'body')", line=n)


def test_a_repeated_reason_is_echoed_once_then_counted_and_the_remedy_said_once():
    echo = io.StringIO()
    log = RejectLog(None, echo)
    for n in range(1, 31):
        log.add(_missing(n))
    log.add(Reject("in.jsonl", "not-json", "line is not JSON: Expecting value at column 1", line=31))
    log.close()
    assert echo.getvalue().splitlines() == [
        "cleaner: in.jsonl:1: rejected (missing-field): record has no 'text' field (its fields: 'body')",
        "cleaner: in.jsonl:31: rejected (not-json): line is not JSON: Expecting value at column 1",
        "cleaner: ... 29 more rejected (missing-field) for the same reason as in.jsonl:1",
        "cleaner: name the field to clean with --text-field NAME (a field of raw HTML: --html-field NAME)",
    ]


def test_distinct_reasons_past_the_limit_are_counted_not_listed():
    echo = io.StringIO()
    log = RejectLog(None, echo)
    for n in range(ECHO_LIMIT + 5):
        log.add(Reject("in.jsonl", "not-json", f"line is not JSON: Expecting value at column {n}", line=n))
    log.close()
    lines = echo.getvalue().splitlines()
    assert len(lines) == ECHO_LIMIT + 1
    assert lines[-1] == "cleaner: ... and 5 more rejects (--rejects PATH keeps them all)"


def test_with_a_rejects_file_the_first_reason_of_a_remediable_kind_is_still_said(tmp_path):
    echo = io.StringIO()
    log = RejectLog(tmp_path / "rejects.jsonl", echo)
    for n in range(1, 4):
        log.add(_missing(n))
    log.close()
    assert echo.getvalue().splitlines() == [
        "cleaner: in.jsonl:1: rejected (missing-field): record has no 'text' field (its fields: 'body'); "
        f"2 more of this kind in {tmp_path / 'rejects.jsonl'}",
        "cleaner: name the field to clean with --text-field NAME (a field of raw HTML: --html-field NAME)",
    ]
    assert len((tmp_path / "rejects.jsonl").read_text().splitlines()) == 3
