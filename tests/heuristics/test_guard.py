"""The recall guard: a heuristic finding takes prose only with evidence in proportion.

Cases here need the report's candidates or generated documents; the plain
"this line goes, that one stays" cases are in cases.yaml.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import HeuristicSettings
from cleaner.heuristics.detectors import Finding
from cleaner.heuristics.features import line_features
from cleaner.heuristics.guard import STAMPED_COMMENTS, screen

STATS = ["LB Joe Schobert 74 100% 7 tackles, 3 assists", "CB Denzel Ward 61 92% 4 tackles",
         "S Damarious Randall 74 100% 5 tackles, 1 sack", "DE Myles Garrett 52 81% 2 tackles"]
MENU = ["Home", "World", "Business", "Sport", "Culture", "Travel"]


def _candidates(result) -> list[str]:
    return [n.rule for n in result.notices if "candidate not applied" in n.message]


def test_a_stats_table_inside_the_article_stays_and_is_reported_as_a_candidate(bare, article, removed):
    result = bare.clean(article(*STATS), format="text")
    assert not set(STATS) & set(removed(result))
    assert _candidates(result), "the held-back finding is reported"


def test_a_menu_before_the_article_goes(bare, article, removed):
    result = bare.clean(article(head=MENU), format="text")
    assert set(MENU) <= set(removed(result))


DEBATE = [
    "The debate moved online within hours, and by the evening thousands of people had written to the council "
    "to say what they thought of the plan and of the way it had been agreed.",
    "Many of those who wrote said that they supported the bridge but not the changes to the buses, which they "
    "said would make it harder for older residents to reach the hospital in the town.",
    "Others asked why the council had not held a public meeting in each district before the vote, as it had "
    "promised to do when the plan was first announced in the spring of last year.",
    "The mayor answered some of the questions in a long post on the council's website, in which she said that "
    "the routes would be reviewed again once the bridge was open to traffic.",
    "A group of residents has since started a petition that asks the council to keep the old routes until then, "
    "and it had been signed by more than two thousand people by Friday morning.",
    "The council's own figures show that the number of messages it received in a single day was higher than in "
    "the whole of the previous year, and that most of them came from the two districts on the river.",
    "A spokesman said that every message would be read and answered, and that the questions raised most often "
    "would be put to the engineers and the bus company at a meeting in the first week of next month.",
    "Several local businesses also wrote in, most of them shops on the main street that would lose the stop in "
    "front of their doors if the routes were changed as the plan proposes.",
]


def test_most_of_an_article_is_not_taken_for_comments_on_a_heading_alone(bare, prose):
    # A comment heading word inside an article (a section on the readers'
    # response) must not take the rest of it as a comment section.
    paragraphs = prose["english"] + DEBATE
    text = "\n\n".join(paragraphs[:6] + ["Comments"] + paragraphs[6:]) + "\n"
    result = bare.clean(text, format="text")
    assert all(p in result.text for p in paragraphs)
    assert "heuristics/comment-section" in _candidates(result)


def test_comments_after_the_article_still_go(bare, article, removed):
    comments = ["I think the council made the right call here, the bridge has been a mess for months.",
                "Higher taxes again, and nobody asked the people who actually live in the district."]
    result = bare.clean(article(tail=["3 Comments", *comments]), format="text")
    assert set(comments) <= set(removed(result))


CHROME_LINES = st.sampled_from(MENU + STATS + [
    "Share this article", "Related Articles", "Read more", "Advertisement", "Comments", "12 comments",
    "Sign up for our newsletter", "We use cookies to improve your experience. Accept all cookies",
    "Photo: Reuters", "November 19, 2019 at 5:10 pm", "- ·Truncated headline of anoth",
    "Minnesotan finding his legs in Buffalo", "© 2024 The Daily Example. All rights reserved."])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(language=st.sampled_from(["english", "german"]), data=st.data())
def test_prose_is_never_emptied_nor_mostly_taken_by_one_detector(bare, prose, language, data):
    paragraphs = prose[language]
    blocks = list(paragraphs)
    for _ in range(data.draw(st.integers(0, 25))):
        position = data.draw(st.integers(0, len(blocks)))
        blocks.insert(position, data.draw(st.lists(CHROME_LINES, min_size=1, max_size=6)))
    text = "\n\n".join(b if isinstance(b, str) else "\n".join(b) for b in blocks) + "\n"
    result = bare.clean(text, format="text")
    assert paragraphs[0] in result.text, "the opening prose stays"
    words = sum(len(p.split()) for p in paragraphs)
    taken: Counter[str] = Counter()
    for edit in result.edits:
        if edit.is_removal and edit.rule not in STAMPED_COMMENTS:
            span = result.source_text[edit.start:edit.end]
            taken[edit.rule] += sum(len(p.split()) for p in paragraphs if p in span)
    assert all(n <= words / 2 for n in taken.values()), taken


def _screened_listing(intro_sentences: int):
    """A page's lines: a menu, `intro_sentences` lines of prose, then twelve teasers (a
    headline and a rating each) that the teaser detector found."""
    intro = ("Warm and simple soups for every night of the week, from quick lentil pots to slow Sunday "
             "broths that feed a family.")
    teasers = [line for i in range(12) for line in (f"Basil Soup Number {i}", f"{12 + i} reviews")]
    lines = MENU + [intro] * intro_sentences + teasers
    first = len(lines) - len(teasers)
    found = {i: Finding(first, len(lines) - 1, "related-links", "heuristics/teaser-list", "headline-like")
             for i in range(first, len(lines))}
    classes = ["short"] * len(MENU) + ["good"] * intro_sentences + ["short"] * len(teasers)
    return screen(found, [line_features(line) for line in lines], classes, HeuristicSettings()), first, len(lines)


def test_a_listings_teasers_are_its_content_and_stay():
    screened, first, end = _screened_listing(intro_sentences=1)
    assert not screened.applied
    assert [(h.first, h.last) for h in screened.held] == [(first, end - 1)]
    assert "listing" in screened.held[0].why


@pytest.mark.parametrize("paragraphs", [3, 20])  # a news brief among many teasers, an article
def test_teasers_after_an_article_still_go(paragraphs):
    screened, first, end = _screened_listing(intro_sentences=paragraphs)
    assert set(screened.applied) == set(range(first, end)) and not screened.held


def test_a_page_is_raw_text_by_all_its_lines_even_those_rules_took():
    """Rules that take a page's menu labels leave mostly paragraphs alive; the page is still a
    page's raw text, so a run found by its shape goes (not held as shape in paragraphs)."""
    labels = ["Skip to content", "Home", "Menu", "Contact Us", "Privacy Policy", "Log In"] * 3
    alive = ["Breakfast", "Lunch", "Dinner"] + DEBATE[:5]
    run = {i: Finding(0, 2, "navigation", "heuristics/navigation-run", "a run of short lines") for i in range(3)}
    classes = ["short"] * 3 + ["good"] * 5
    features = [line_features(line) for line in alive]
    assert not screen(run, features, classes, HeuristicSettings()).applied  # as if the page were paragraphs
    page = [line_features(line) for line in labels + alive]
    assert set(screen(run, features, classes, HeuristicSettings(), page=page).applied) == {0, 1, 2}
