"""Learning a site's chrome from its pages: families, review, min-pages, YAML round trip, examples."""

from __future__ import annotations

import pytest
import regex

from cleaner import Cleaner, load_rules
from cleaner.learn import LearnSettings, Page, learn, write_rules
from cleaner.learn.normalise import family_key, family_pattern
from cleaner.learn.write import to_yaml
from cleaner.ruleset.examples import run_examples
from cleaner.ruleset.load import load_rule_text
from cleaner.ruleset.model import RuleSet

MONTHS = ["March", "April", "May", "June", "July", "August", "September"]
SLOGAN = "We believe that good journalism makes the world a better place for all of us."
TOPICS = ["the harbour", "the new library", "the council budget", "the river bridge", "the school year",
          "the tram line", "the summer festival"]


def page(n: int, slogan: bool = True) -> str:
    topic = TOPICS[n]
    article = [
        f"The plan for {topic} was approved on Tuesday after a long debate in the town hall.",
        f"Residents said that {topic} had been discussed for years, and that they were glad it was settled.",
        SLOGAN if slogan else f"The mayor thanked everyone who had written to the council about {topic}.",
        f"Work on {topic} is expected to start in the spring and to last for about {n + 2} months.",
    ]
    head = ["Home", "World", "Sport", f"Updated {n + 3} {MONTHS[n]} 2025 at {n + 8}:{10 + n}", "Share this page"]
    tail = ["Most read", f"{(n + 1) * 1234:,} followers", "© 2025 Example News"]
    return "\n\n".join(head + article + tail) + "\n"


def site(count: int, host: str = "example-news.com") -> list[Page]:
    return [Page(page(n), f"https://www.{host}/2025/story-{n}", "text") for n in range(count)]


def rule_for(rules: RuleSet, line: str):
    return [r for r in rules.rules if r.regex.search(line)]


def drafted(learned, line: str):
    """The draft rules (applied or for review) whose pattern matches `line`."""
    return [r for d in learned.drafts for r in d.rules + d.reviews if regex.search(r.line, line)]


def test_a_family_of_lines_with_varying_numbers_and_dates_is_one_rule():
    learned = learn(site(6))
    dates = [f"Updated {n + 3} {MONTHS[n]} 2025 at {n + 8}:{10 + n}" for n in range(7)]
    matching = {r.id for line in dates for r in drafted(learned, line)}
    assert len(matching) == 1  # one rule for the family, which also takes a page it never saw (n = 6)
    assert all(drafted(learned, line) for line in dates)
    assert drafted(learned, "98,765 followers") and not drafted(learned, "98,765 followers joined the march")
    cleaned = Cleaner(rules=learned).clean(page(6), url="https://example-news.com/new", format="text")
    assert "Updated 9 September" not in cleaned.text and "followers" not in cleaned.text


def test_the_head_and_the_tail_are_cut_where_the_template_says():
    learned = learn(site(6))
    cuts = {(r.action, r.drop) for r in learned.drafts[0].rules if r.action != "drop-line"}
    assert cuts == {("drop-until", "Share this page"), ("drop-from", "Most read")}


def test_family_key_folds_numbers_dates_and_weekdays_only():
    assert family_key("Monday 3 March 2025, 10:15") == family_key("Friday 21 November 2024, 9:05")
    assert family_key("12,345 FansLike") == family_key("7 FansLike")
    assert family_key("Share this page") != family_key("Share this story")
    assert family_key("Posted at 10:00 AM ET") == family_key("Posted at 2:30 p.m. ET")  # a time with its half-day
    assert family_key("5 amazing facts") != family_key("7 a.m. facts")
    pattern = family_pattern("Updated 3 March 2025 at 10:15")
    assert regex.search(pattern, "Updated 30 Sept 2026 at 23:59")
    assert not regex.search(pattern, "Updated 30 Sept 2026 at 23:59, the mayor said")


@pytest.mark.parametrize("line, other, foreign", [
    ("Aktualisiert am 3. März 2020, 14:05 Uhr", "Aktualisiert am 21. November 2021, 9:12 Uhr", "janvier"),  # de
    ("Publié le lundi 3 mars 2020", "Publié le vendredi 21 novembre 2024", "märz"),  # fr
    ("Actualizado el 3 de marzo de 2020", "Actualizado el 21 de diciembre de 2024", "janvier"),  # es
    ("Обновлено 3 марта 2020", "Обновлено 15 декабря 2021", "märz"),  # ru
])
def test_datelines_of_other_languages_are_one_family(line, other, foreign):
    assert family_key(line) == family_key(other)
    pattern = family_pattern(line)
    assert regex.search(pattern, other) and not regex.search(pattern, other + " und mehr")
    assert foreign not in pattern  # the months of the line's language (and English's), not every language's


def test_a_sentence_on_every_page_is_flagged_for_review_not_dropped():
    learned = learn(site(6))
    assert not rule_for(learned, SLOGAN)
    (draft,) = learned.drafts
    assert [r.review for r in draft.reviews if r.drop == SLOGAN] == ["reads like prose"]
    text = to_yaml(draft)
    written = [line for line in text.splitlines() if SLOGAN in line]
    assert written and all(line.startswith("  # ") for line in written)  # written, commented out
    uncommented = text.replace("\n  # - id:", "\n  - id:").replace("\n  #   ", "\n    ")
    assert rule_for(RuleSet((load_rule_text(uncommented, "reviewed"),)), SLOGAN)  # a rule once uncommented
    cleaned = Cleaner(rules=load_rules(installed=False) + learned).clean(page(0), url="https://example-news.com/x")
    assert SLOGAN in cleaned.text
    assert "Share this page" not in cleaned.text


def test_a_recurring_disclaimer_paragraph_is_flagged_too():
    disclaimer = ("This article is for general information only and does not constitute advice; "
                  "please consult a professional before you act on it.")
    pages = [Page(page(n).replace("Most read", disclaimer + "\n\nMost read"), f"https://example-news.com/{n}")
             for n in range(6)]
    learned = learn(pages)
    assert not rule_for(learned, disclaimer)
    assert disclaimer in [r.drop for r in learned.drafts[0].reviews]


def test_hosts_with_fewer_pages_than_min_pages_get_no_file(tmp_path):
    pages = site(6) + site(3, host="small-site.org")
    learned = learn(pages, settings=LearnSettings(min_pages=4))
    assert [d.host for d in learned.drafts] == ["example-news.com"]
    assert learned.skipped == (("small-site.org", 3),)
    written = write_rules(learned, tmp_path)
    assert [p.name for p in written] == ["example-news.com.yaml"]


def test_a_single_page_is_never_evidence():
    learned = learn(site(1), settings=LearnSettings(min_pages=1))
    assert learned.rules == ()


def test_learned_rules_survive_a_round_trip_through_yaml(tmp_path):
    learned = learn(site(6))
    (path,) = write_rules(learned, tmp_path / "site.yaml")
    again = load_rules(path, builtin=False, installed=False)
    (before,), (after,) = learned.files, again.files
    assert after.name == before.name == "learned/example-news.com"
    assert after.applies.domains == ("example-news.com",)
    assert [(r.id, r.category, r.action, r.regex.pattern, r.examples) for r in after.rules] == \
        [(r.id, r.category, r.action, r.regex.pattern, r.examples) for r in before.rules]
    assert load_rule_text(path.read_text(), "again").rules[0].regex.pattern == before.rules[0].regex.pattern


def test_the_drafted_file_passes_its_own_examples():
    learned = learn(site(7))
    outcomes = list(run_examples(learned))
    assert outcomes and all(o.passed for o in outcomes), [o for o in outcomes if not o.passed]


def test_domain_puts_pages_without_url_under_one_host():
    learned = learn([page(n) for n in range(6)], domain="example-news.com")
    assert learned.files[0].applies.domains == ("example-news.com",)
    assert not learn([page(n) for n in range(6)]).drafts  # no URL, no domain: no host to learn for


def test_a_clean_with_learned_rules_names_them_learned_host_id():
    learned = learn(site(6))
    result = Cleaner(rules=learned).clean(page(6), url="https://example-news.com/new")
    rules = {e.rule for e in result.edits}
    assert any(r.startswith("learned/example-news.com/") for r in rules)
    assert "Updated 9 September 2025" not in result.text


def related_page(n: int, summary: bool) -> str:
    """A page whose article is followed by a "More on this story" box: other stories' headlines,
    on some pages the first with a summary that reads like prose."""
    topic = TOPICS[n]
    article = [f"The plan for {topic} was approved on Tuesday after a long debate in the town hall.",
               f"Residents said that {topic} had been discussed for years, and that they were glad it was settled.",
               f"The council expects the work on {topic} to cost less than the figure given last winter.",
               f"Work on {topic} is expected to start in the spring and to last for about {n + 2} months.",
               f"A public meeting about {topic} will be held in the library before the work begins."]
    related = []
    for k in (1, 2, 3):
        other = TOPICS[(n + k) % len(TOPICS)]
        related.append(f"Council looks again at {other}")
        if summary and k == 1:
            related.append(f"Councillors were asked to look at {other} again after the first plan was turned down.")
    head = ["Home", "World", f"Updated {n + 3} {MONTHS[n]} 2025", "Share this page"]
    tail = ["More on this story", *related, "Most read", "© 2025 Example News"]
    return "\n\n".join(head + article + tail) + "\n", article, related


def test_the_tail_is_cut_at_a_frame_line_though_related_summaries_follow_the_article_on_some_pages():
    pages = [Page(related_page(n, summary=n == 0)[0], f"https://example-news.com/{n}", "text") for n in range(6)]
    learned = learn(pages)
    cuts = {(r.action, r.drop) for r in learned.drafts[0].rules if r.action != "drop-line"}
    assert ("drop-from", "More on this story") in cuts
    text, article, related = related_page(6, summary=True)
    cleaned = Cleaner(rules=load_rules(installed=False) + learned).clean(text, url="https://example-news.com/new",
                                                                         format="text")
    assert all(line in cleaned.text for line in article)
    assert not any(line in cleaned.text for line in related)
