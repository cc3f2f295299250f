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
