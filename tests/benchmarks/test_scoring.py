"""Unit tests for benchmarks/scoring.py on hand-computed examples."""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scoring import (  # noqa: E402
    PageScore,
    SnippetScore,
    SnippetSummary,
    SystemSummary,
    bootstrap_std,
    has_words,
    mean,
    mean_known,
    score_page,
    score_snippets,
    squash,
    summarize,
    summarize_snippets,
    tokenize,
)


def test_tokenize_drops_punctuation_and_layout() -> None:
    assert tokenize("Hello,  world!\n\n-- it's 2024.") == ["hello", "world", "it", "s", "2024"]


def test_identical_texts_score_one() -> None:
    text = "The quick brown fox jumps over the lazy dog."
    assert score_page(text, text) == PageScore(p=1.0, r=1.0, f1=1.0)


def test_layout_and_punctuation_do_not_matter() -> None:
    assert score_page("Hello,\n\nworld!", "hello world") == PageScore(1.0, 1.0, 1.0)


def test_disjoint_texts_score_zero() -> None:
    assert score_page("alpha beta", "gamma delta") == PageScore(0.0, 0.0, 0.0)


@pytest.mark.parametrize("output", ["", "   \n\t", "... !!! ---"])
def test_empty_output_scores_zero(output: str) -> None:
    assert score_page(output, "some gold text") == PageScore(0.0, 0.0, 0.0)


def test_empty_gold_scores_zero_without_raising() -> None:
    assert score_page("some output", "") == PageScore(0.0, 0.0, 0.0)
    assert score_page("", "") == PageScore(0.0, 0.0, 0.0)


def test_nfkc_folds_ligature() -> None:
    # U+FB01 LATIN SMALL LIGATURE FI: one character, NFKC -> "fi".
    assert tokenize("\ufb01le") == ["file"]
    assert score_page("\ufb01le", "file").f1 == 1.0


def test_nfkc_folds_fullwidth_and_casefold_folds_sharp_s() -> None:
    assert score_page("ＦＩＬＥ", "file").f1 == 1.0
    # casefold (unlike lower) maps "ß" to "ss".
    assert score_page("Straße", "STRASSE").f1 == 1.0


def test_partial_overlap_with_duplicates() -> None:
    # output {the:2, cat:2, sat:1} = 5 tokens
    # gold   {the:2, cat:1, sat:1, on:1, mat:1} = 6 tokens
    # tp = min(2,2) + min(2,1) + min(1,1) = 4
    # P = 4/5, R = 4/6, F1 = 2PR/(P+R) = (16/15)/(22/15) = 8/11
    score = score_page("the cat, the cat sat", "The cat sat on the mat.")
    assert score.p == pytest.approx(4 / 5)
    assert score.r == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(8 / 11)


def test_repeated_output_is_penalised_in_precision_only() -> None:
    score = score_page("news news news news", "news")
    assert score.p == pytest.approx(0.25)
    assert score.r == pytest.approx(1.0)
    assert score.f1 == pytest.approx(0.4)


def test_mean_of_nothing_is_zero() -> None:
    assert mean([]) == 0.0
    assert mean([0.5, 1.0]) == pytest.approx(0.75)


def test_bootstrap_is_deterministic() -> None:
    rng = random.Random(42)
    values = [rng.random() for _ in range(30)]
    first = bootstrap_std(values)
    assert first == bootstrap_std(values)
    assert first > 0.0
    assert bootstrap_std(values, rounds=100) == bootstrap_std(values, rounds=100)


def test_bootstrap_does_not_touch_global_random_state() -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    bootstrap_std([0.1, 0.9, 0.5])
    assert random.random() == expected


def test_bootstrap_degenerate_inputs() -> None:
    assert bootstrap_std([0.7] * 20) == 0.0
    assert bootstrap_std([0.7]) == 0.0
    assert bootstrap_std([]) == 0.0


def test_bootstrap_is_close_to_standard_error() -> None:
    # For 0/1 values with p = 0.5 and n = 100, the standard error of the mean
    # is sqrt(0.25 / 100) = 0.05; 1000 rounds should land within ~10%.
    values = [0.0, 1.0] * 50
    assert bootstrap_std(values) == pytest.approx(0.05, rel=0.1)


def test_summarize_averages_pages_equally() -> None:
    scores = [PageScore(1.0, 0.5, 2 / 3), PageScore(0.0, 0.0, 0.0)]
    summary = summarize("sys", "text", scores, seconds=0.5, rounds=100)
    assert summary.name == "sys"
    assert summary.mode == "text"
    assert summary.p == pytest.approx(0.5)
    assert summary.r == pytest.approx(0.25)
    assert summary.f1 == pytest.approx(1 / 3)
    assert summary.docs_per_sec == pytest.approx(4.0)
    assert summary.n == 2
    assert summary.f1_std > 0.0


def test_dataclasses_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PageScore(1.0, 1.0, 1.0).f1 = 0.0  # type: ignore[misc]
    summary = SystemSummary("s", "text", 1.0, 1.0, 1.0, 0.0, 1.0, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.f1 = 0.0  # type: ignore[misc]


def test_has_words_ignores_punctuation_and_space() -> None:
    assert not has_words(" \n ... -- !")
    assert has_words("... a")


def test_squash_lowercases_and_collapses_white_space() -> None:
    assert squash("  Read\tMORE\n\n about  it ") == "read more about it"


def test_snippets_match_across_canonically_equivalent_spellings() -> None:
    # Bengali YYA as one code point (as the page wrote it) and as YA + NUKTA (NFC, as trafilatura writes it).
    page, snippet = "\u0995\u09df\u09be", "\u0995\u09af\u09bc\u09be"
    assert page != snippet and score_snippets(page, [snippet], []).with_found == 1


def test_snippets_found_across_case_and_line_breaks() -> None:
    output = "The Council met.\nIt approved\n\nthe   BUDGET on Monday.\nShare this"
    score = score_snippets(
        output,
        with_snippets=["it approved the budget", "the council met.", "never printed"],
        without_snippets=["Share this", "Sign up"],
    )
    assert score == SnippetScore(with_found=2, with_total=3, without_found=1, without_total=2)
    assert score.with_kept == pytest.approx(2 / 3)
    assert score.without_removed == pytest.approx(0.5)


def test_snippet_must_be_a_substring_not_a_bag_of_words() -> None:
    # Same words, other order or other punctuation: not found.
    score = score_snippets("budget the approved it", ["it approved the budget", "approved, the"], [])
    assert score.with_found == 0


def test_pages_without_snippets_have_no_share() -> None:
    score = score_snippets("anything", [], [])
    assert score.with_kept is None
    assert score.without_removed is None


def test_empty_output_keeps_nothing_and_removes_everything() -> None:
    score = score_snippets("", ["main text"], ["menu", "footer"])
    assert score.with_kept == 0.0
    assert score.without_removed == 1.0


def test_mean_known_skips_missing_values() -> None:
    assert mean_known([None, 0.5, None, 1.0]) == pytest.approx(0.75)
    assert mean_known([None, None]) is None


def test_snippet_summary_averages_shares_over_pages_that_have_snippets() -> None:
    scores = [
        SnippetScore(with_found=1, with_total=2, without_found=0, without_total=4),  # 0.5 kept, 1.0 removed
        SnippetScore(with_found=3, with_total=3, without_found=0, without_total=0),  # 1.0 kept, no without
        SnippetScore(with_found=0, with_total=0, without_found=1, without_total=4),  # no with, 0.75 removed
    ]
    assert summarize_snippets(scores) == SnippetSummary(
        with_kept=0.75, with_pages=2, without_removed=0.875, without_pages=2
    )


def test_snippet_summary_of_a_set_without_snippets() -> None:
    assert summarize_snippets([SnippetScore(0, 0, 0, 0)]) == SnippetSummary(None, 0, None, 0)
