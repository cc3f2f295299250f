"""Acceptance: the built-in rules catch chrome variants that are not in the seeds,
and keep article sentences that look like chrome."""

from __future__ import annotations

import pytest

ARTICLE = [
    "The council approved the budget on Tuesday after a long debate about school funding.",
    "Residents said the new plan would cut waiting times at the clinic by half.",
    "The mayor promised a review of the decision before the end of the year.",
]


def _wrap(head: list[str], tail: list[str]) -> str:
    return "\n\n".join(head + ARTICLE + tail) + "\n"


def _removed(cleaner, text: str) -> dict[str, str]:
    result = cleaner.clean(text, format="text")
    return {result.source_text[e.start:e.end].strip(): e.category for e in result.edits if e.is_removal}


@pytest.mark.parametrize("widget", [
    ["23 C", "London", "Monday, March 3, 2025"],
    ["-4°C", "Toronto", "3 March 2025"],
    ["71 °F", "Los Angeles", "2025-03-03"],
    ["Berlin", "12°C", "Mon, Mar 3, 2025"],
    ["8.5 C", "San Francisco", "Tuesday, 4 March 2025"],
])
def test_header_weather_and_date_widgets(cleaner, widget):
    result = cleaner.clean(_wrap(widget, []), format="text")
    assert result.text.splitlines()[0] == ARTICLE[0]
    assert {e.category for e in result.edits if e.is_removal} == {"weather-widget"}


@pytest.mark.parametrize("line", ["12FansLike", "1,204FollowersFollow", "3.4KSubscribersSubscribe",
                                  "845 Followers", "10K Fans"])
def test_follower_counters(cleaner, line):
    assert _removed(cleaner, _wrap([], ["Stay Connected", line])).get(line) == "social-widget"


@pytest.mark.parametrize("line", ["Comments are closed.", "Comments are closed", "COMMENTS ARE CLOSED.",
                                  "Comments have been closed for this article.", "Comments are now closed."])
def test_comments_closed_variants(cleaner, line):
    assert _removed(cleaner, _wrap([], [line])).get(line) == "comment-prompt"


@pytest.mark.parametrize("line", ["（责任编辑：张三）", "责任编辑：李四", "来源：https://news.example.cn/a/123.html",
                                  "编辑：王五", "(责任编辑:admin)"])
def test_chinese_cms_credit_forms(cleaner, line):
    assert _removed(cleaner, _wrap([], [line])).get(line) == "editor-credit"


def test_chinese_cms_next_article_list(cleaner):
    tail = ["上一篇：Markets rally as rates fall", "下一篇：Storm hits the coast", "- ·Teaser headline one th",
            "- ·Another truncated teaser"]
    removed = _removed(cleaner, _wrap([], tail))
    assert all(removed.get(line) == "related-links" for line in tail)


@pytest.mark.parametrize("line", [
    "Protesters gather outside parliament on Monday (Photo: Reuters)",
    "The president at the summit (Photo by Jane Doe/AFP via Getty Images)",
    "Photograph: Alex Brandon/AP",
    "Firefighters work through the night. Photograph: John Smith/Getty Images",
    "The damaged bridge seen from the air. (AP Photo/Evan Vucci)",
    "A handout photo released by the navy shows the vessel.",
    "Kim Jong Un inspects a factory, in this undated photo released by KCNA.",
])
def test_caption_credit_forms(cleaner, line):
    assert _removed(cleaner, _wrap([], [line]) if "Photo:" not in line else _wrap([], [line])).get(line) == "caption"


@pytest.mark.parametrize("sentence", [
    "The photographer, who asked not to be named, said the photo was taken at dawn.",
    "Comments are closed to the public, the court ruled, but transcripts will follow.",
    "He said 23 C was the hottest day on record in London for March.",
    "Stay connected to your family, the campaign urges older residents.",
    "Related articles in the journal reached the same conclusion last year.",
    "Source link data was included in the court filing, lawyers said.",
    "Jane Doe and several colleagues contributed to the fund in 2019.",
    "The 144 passengers were evacuated safely, officials said.",
    "In a photo shared online, the minister is seen shaking hands with the envoy and smiling.",
])
def test_look_alike_sentences_are_kept(cleaner, sentence):
    text = _wrap([sentence], [sentence.replace("said", "added")])
    result = cleaner.clean(text, format="text")
    assert [e for e in result.edits if e.is_removal and e.category != "duplicate"] == []
    assert sentence in result.text
