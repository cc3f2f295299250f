"""Unicode repair: HTML character references in plain text are decoded before ftfy looks."""

from __future__ import annotations

import pytest

from cleaner.stages.unicode import repair


@pytest.mark.parametrize(("text", "fixed"), [
    ("It took 10Î&frac14;s to run.", "It took 10μs to run."),  # the reference completes the mojibake
    ("Tom &amp;amp; Jerry", "Tom & Jerry"),                      # escaped twice
    ("don&amp;#8217;t", "don\u2019t"),
    ("a&nbsp;b &#x41; &#66;", "a\u00a0b A B"),
])
def test_references_are_decoded_and_compose_with_the_mojibake_repair(text, fixed):
    repaired = repair(text, entities=True)
    assert repaired.text == fixed
    assert repaired.repairs[0].steps[0] == ("unescape", "html-character-references")
    for span in repaired.repairs[0].spans():  # each fix says where its result stands
        assert repaired.text[span.start:span.end] == span.after and span.before


@pytest.mark.parametrize("text", ["AT&T; a&b=c; &notareference", "R&D;", "x &; y", "https://e.com/?a=1&b=2;"])
def test_what_is_not_a_reference_stays(text):
    assert repair(text, entities=True).text == text


def test_without_entities_references_are_text():
    # Text extracted from HTML had its references decoded by the parser: one left is literal.
    assert repair("Write &amp; for an ampersand.", entities=False).text == "Write &amp; for an ampersand."


def test_only_the_lines_with_references_are_reported():
    repaired = repair("plain line\nFish &amp; chips\nanother", entities=True)
    assert [(r.line, r.before, r.after) for r in repaired.repairs] == [(1, "Fish &amp; chips", "Fish & chips")]
    assert repaired.repairs[0].start == len("plain line\n")
