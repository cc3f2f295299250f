"""benchmarks/systems.py: heuristics overrides for tuning runs, and system selection."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.systems import Tuning, select_systems  # noqa: E402


def test_overrides_reach_the_cleaner_settings() -> None:
    tuning = Tuning.from_json('{"length_low": 60, "stopwords_high": 0.4, "main_text_min_share": 1}')
    settings = tuning.settings(heuristics=True)
    assert settings.heuristics is not None
    assert (settings.heuristics.length_low, settings.heuristics.stopwords_high) == (60, 0.4)
    assert settings.heuristics.main_text_min_share == 1
    assert settings.heuristics.length_high == 200  # untouched fields keep their defaults


def test_noheur_systems_ignore_the_overrides() -> None:
    assert Tuning.from_json('{"length_low": 60}').settings(heuristics=False).heuristics is None


@pytest.mark.parametrize(("text", "message"), [
    ('{"length_lo": 60}', "unknown field 'length_lo'"),
    ('{"length_low": 6.5}', "length_low: expected int, got 6.5"),
    ('{"length_low": true}', "length_low: expected int, got True"),
    ('[1]', "must be a JSON object"),
    ("{length_low: 1}", "not JSON"),
])
def test_bad_overrides_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Tuning.from_json(text)


def test_selection_keeps_table_order_and_refuses_unknown_names() -> None:
    chosen = select_systems(("polish", "html"), ("cleaner-html", "identity", "trafilatura-recall"))
    assert [(s.mode, s.name) for s in chosen] == [
        ("polish", "identity"), ("html", "trafilatura-recall"), ("html", "cleaner-html")]
    with pytest.raises(ValueError, match="unknown system.*: cleaner-htm;"):
        select_systems(("html",), ("cleaner-htm",))
