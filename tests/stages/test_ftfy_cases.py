"""ftfy's own test cases: the Unicode repair gives what ftfy gives with the project's settings.

The Unicode repair runs ftfy only on the lines its prefilters flag
(`cleaner.stages.unicode`); on every case of ftfy's table (tests/data/ftfy)
the result must be the one ftfy's `fix_text` gives on the whole text with
the same configuration, so the prefilters never let a case through unfixed.

Separately, a case whose damage includes an HTML character reference
("10Î&frac14;s", ftfy's `fixed` is "10μs") must come out of the whole
cleaner as ftfy's full fix: the reference decoded first, then the mojibake
repaired.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ftfy
import pytest

from cleaner import Cleaner, Settings
from cleaner.stages.unicode import _CONFIG, repair

CASES = json.loads((Path(__file__).parents[1] / "data" / "ftfy" / "test_cases.json").read_text(encoding="utf-8"))
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ENTITY_CASES = [case for case in CASES if _ENTITY.search(case["original"])]


def test_the_table_is_all_there() -> None:
    assert len(CASES) >= 150
    assert {"pass", "fail"} >= {case["expect"] for case in CASES}
    assert ENTITY_CASES


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_unicode_repair_matches_ftfy(case: dict[str, str]) -> None:
    assert repair(case["original"]).text == ftfy.fix_text(case["original"], _CONFIG)


@pytest.mark.parametrize("case", ENTITY_CASES, ids=[c["label"] for c in ENTITY_CASES])
def test_entity_cases_come_out_fully_fixed(case: dict[str, str]) -> None:
    cleaner = Cleaner(settings=Settings(heuristics=None))
    assert cleaner.clean(case["original"], format="text").text == case["fixed"]
