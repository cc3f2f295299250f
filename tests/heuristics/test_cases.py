"""Every case of cases.yaml: one document through a cleaner without rule files, checked as the case says.

Whatever goes, the heuristics removed; every removal must name its evidence.
The keys a case may use are described at the top of cases.yaml.
"""

from __future__ import annotations


def test_case(case, bare, article, removed, prose):
    source = case["text"] if "text" in case else article(
        *case.get("middle", []), head=case.get("head", []), tail=case.get("tail", []),
        prose=case.get("prose", "english"), middle_after=case.get("middle_after", 3))
    fmt = case.get("format", "text")
    result = bare.clean(source, format=fmt)
    gone, before, after = removed(result), _lines(source), _lines(result.text)

    for expect in case.get("removals", []):
        _check_removals(result, removed(result, expect["rule"]), expect)
    if "removed" in case:
        assert gone == case["removed"]
    if case.get("nothing_removed"):
        assert gone == []
    for line in case.get("keep", []):
        assert line not in gone, f"removed: {line!r}"
        assert after.count(line) == before.count(line) > 0, f"not in the output as often as in the document: {line!r}"
    for line in case.get("in_output", []):
        assert line in after, f"not in the output: {line!r}"
    for line in case.get("gone", []):
        assert line in gone and line not in after, f"not removed: {line!r}"
    if case.get("keep_prose"):
        lost = [p for p in prose[case.get("prose", "english")] if p not in after]
        assert not lost, f"prose paragraphs lost: {lost}"
    if case.get("unchanged"):
        assert result.text == source
    if case.get("idempotent"):
        assert bare.clean(result.text, format=fmt).text == result.text


def _check_removals(result, lines: list[str], expect: dict) -> None:
    """What one rule removed: exactly `lines` or at least `includes`, and the category and
    reason words of each of its removals (if it made any)."""
    rule = expect["rule"]
    if "lines" in expect:
        assert lines == expect["lines"], f"{rule} removed other lines"
    missing = [line for line in expect.get("includes", []) if line not in lines]
    assert not missing, f"{rule} did not remove {missing}"
    words = expect.get("reason_contains", [])
    for edit in (e for e in result.edits if e.is_removal and e.rule == rule):
        assert edit.category == expect.get("category", edit.category), f"{rule}: {edit.category}"
        assert all(w in edit.reason for w in ([words] if isinstance(words, str) else words)), edit.reason


def _lines(text: str) -> list[str]:
    """The non-blank lines of `text`, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]
