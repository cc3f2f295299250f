"""Per-host counts stay bounded: families seen on one page are forgotten first."""

from __future__ import annotations

from cleaner.learn.count import HostCounts
from cleaner.learn.normalise import family_key
from cleaner.learn.observe import PageView, SeenLine
from cleaner.learn.settings import LearnSettings


def view(*lines: str) -> PageView:
    return PageView("example.com", tuple(SeenLine(t, family_key(t), "head", 0.0, False, False) for t in lines))


def test_singletons_are_forgotten_past_the_cap_and_recurring_lines_are_not():
    counts = HostCounts("example.com", LearnSettings(max_families=50))
    for n in range(40):
        counts.add(view("Share this page", f"Story about {'x' * (n + 1)}", f"Another story about {'y' * (n + 1)}",
                        f"Updated {n + 1} March", "Home", "Share this page"))
    assert len(counts.families) <= 50 + 4  # a page adds at most its own families before a prune
    recurring = {t.text: t.pages for t in counts.recurring().values()}
    assert recurring["Share this page"] == 40  # counted once per page
    assert recurring["Home"] == 40
    assert recurring["Updated 2 March"] == 40  # one family, whatever the date
    assert not any(text.startswith(("Story", "Another")) for text in recurring)


def test_a_family_is_written_from_its_second_page_on():
    counts = HostCounts("example.com")
    counts.add(view("Updated 3 March 2025"))
    assert counts.recurring() == {}
    counts.add(view("Updated 4 April 2025"))
    (tally,) = counts.recurring().values()
    assert tally.text == "Updated 4 April 2025" and tally.pages == 2


def test_batches_merged_in_order_count_what_one_pass_counts():
    pages = [view("Home", f"Updated {n + 1} March", f"Story number {n % 3}", *(["Subscribe"] if n % 2 else []),
                  f"A line only page {n} has")
             for n in range(9)]
    settings = LearnSettings(outline_pages=4, keep_samples=3)
    one_pass = HostCounts("example.com", settings)
    for page in pages:
        one_pass.add(page)
    merged = HostCounts("example.com", settings)
    for start, end in ((0, 1), (1, 4), (4, 5), (5, 9)):  # a lone page: its families' first members carry over
        batch = HostCounts("example.com", settings, firsts={})
        for page in pages[start:end]:
            batch.add(page)
        merged.merge(batch)
    assert merged.pages == one_pass.pages == 9
    assert merged.families == one_pass.families  # pages, places, positions, and each family's written member
    assert [t.text for t in merged.recurring().values()] == [t.text for t in one_pass.recurring().values()]
    assert merged.outlines == one_pass.outlines and len(merged.outlines) == 4


def test_family_numbers_are_the_same_in_every_process():
    import subprocess
    import sys
    from pathlib import Path

    repo = str(Path(__file__).resolve().parents[2])
    code = "from cleaner.learn.count import family_hash; print(family_hash('Updated \\ue000 March'))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PYTHONPATH": repo}).stdout for seed in ("1", "2")}
    assert len(runs) == 1
