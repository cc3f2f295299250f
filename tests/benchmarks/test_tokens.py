"""The tokens benchmark's verdict on an injection, against real cleaning results."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.corrupt import Injection
from benchmarks.tokens import verdict
from cleaner import Cleaner

PROSE = ("The council met on Tuesday and said that the plan would go ahead after a long debate about the cost "
         "of the new road, which many people in the town have wanted for years. ")


def _injection(text, damaged, original):
    at = text.index(damaged)
    return Injection("ocr", at, at + len(damaged), original, damaged, text[at - 12:at], text[at + len(damaged):][:12],
                     at)


def test_a_suspect_counts_as_reported_where_a_decoded_reference_moved_it():
    text = PROSE + "Tom &amp;#8217;s crew took ten mnutes to set up the stage. " + PROSE
    result = Cleaner().clean(text, format="text")
    assert result.source_text != text  # the reference was decoded, the offsets moved
    assert [s.token for s in result.suspects] == ["mnutes"]
    assert verdict(result, None, _injection(text, "mnutes", "minutes")) == "reported"


def test_damage_without_a_suspect_is_untouched():
    text = PROSE + "Tom &amp;#8217;s crew took ten mnutes to set up the stage. " + PROSE
    result = Cleaner().clean(text, format="text")
    assert verdict(result, None, _injection(text, "ten", "two")) == "untouched"
