"""The heuristics stage: each detector on chrome it must find and on look-alikes it must keep.

The cleaner here has no rule files, so whatever goes, the heuristics removed;
every removal must name its evidence. Articles are built from prose
paragraphs so that the page has a body to tell chrome from.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings, strategies as st
from trafilatura.deduplication import Simhash, sample_tokens

from cleaner import Cleaner
from cleaner.heuristics import detectors, features
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.neardup import BandIndex, charikar
from cleaner import load_rules

PROSE = [
    "The city council approved the new budget on Tuesday after a debate that lasted for most of the "
    "afternoon, and the mayor said that the money would be spent on roads and schools.",
    "Residents who had come to the meeting were divided: some of them welcomed the plan, while others "
    "said that they had not been asked about the changes to the bus routes in their district.",
    "The budget includes funds for a new bridge over the river, which has been closed to heavy traffic "
    "since the spring, when engineers found that its supports had been damaged by the floods.",
    "Officials said that the work on the bridge would begin in the summer and that it should be "
    "finished before the end of next year, if the weather allows it and the costs do not rise.",
    "A spokesman for the council said that the schools would get more teachers and that the money for "
    "the libraries, which had been cut last year, would be restored in full by the autumn.",
    "The opposition said that the plan was too expensive and that it would lead to higher taxes, but "
    "the vote was carried by a large majority after the mayor agreed to review it in a year.",
]


@pytest.fixture(scope="module")
def bare() -> Cleaner:
    """A cleaner without rule files: only the built-in stages (heuristics among them) run."""
    return Cleaner(rules=load_rules(builtin=False))


def article(*middle: str, head: tuple[str, ...] = (), tail: tuple[str, ...] = ()) -> str:
    """Prose, with `middle` lines after the third paragraph, `head` before and `tail` after."""
    return "\n\n".join([*head, *PROSE[:3], *middle, *PROSE[3:], *tail]) + "\n"


def removed(result, rule: str | None = None) -> list[str]:
    """The non-blank lines removed (by `rule`): one edit may remove a run of lines."""
    return [line.strip() for e in result.edits if e.is_removal and (rule is None or e.rule == rule)
            for line in result.source_text[e.start:e.end].splitlines() if line.strip()]


def test_every_prose_paragraph_is_kept(bare):
    result = bare.clean(article(), format="text")
    assert removed(result) == []


# --------------------------------------------------------------- teaser lists


TEASERS = ("- ·North Korea releases images of Hwasong-", "- ·Max Verstappen in the spotlight for dri",
           "- ·Death toll from Spanish flooding disast", "- ·Billionaire Elon Musk a no-show in cour")
TITLED = ("Most Popular", "Longtime Gunmaker Leaving State For Wyoming", "Shelton Teacher Realizes Dream On Game Show",
          "Police Call Disappearance Of Bar Owner Suspicious", "Fairfield Dumping Documents Unsealed By Judge")


def test_teaser_list_in_the_tail_is_related_links(bare):
    result = bare.clean(article(tail=TEASERS), format="text")
    assert removed(result, "heuristics/teaser-list") == list(TEASERS)
    edit = next(e for e in result.edits if e.rule == "heuristics/teaser-list")
    assert edit.category == "related-links" and "headline-like" in edit.reason and "in the tail" in edit.reason


def test_title_case_teasers_are_related_links(bare):
    result = bare.clean(article(tail=TITLED), format="text")
    assert set(TITLED[1:]) <= set(removed(result, "heuristics/teaser-list"))


def test_bulleted_list_inside_the_article_is_kept(bare):
    items = ("- the council will meet again in the spring", "- the bridge stays closed to lorries until then",
             "- the schools get new teachers in the autumn")
    result = bare.clean(article(*items), format="text")
    assert removed(result) == []


# ----------------------------------------------------------- navigation runs


MENU = ("Home", "News", "Sport", "Weather", "Culture", "Travel")


def test_menu_in_the_head_is_navigation(bare):
    result = bare.clean(article(head=MENU), format="text")
    assert removed(result, "heuristics/navigation-run") == list(MENU)
    assert all(e.category == "navigation" for e in result.edits if e.rule == "heuristics/navigation-run")


def test_short_list_between_paragraphs_mid_article_is_kept(bare):
    ingredients = ("2 eggs", "200 g flour", "a pinch of salt", "100 ml milk")
    more = [f"{p} This was said at the meeting number {i}." for i, p in enumerate(PROSE * 2)]
    text = "\n\n".join([*PROSE, *ingredients, *more]) + "\n"
    result = bare.clean(text, format="text")
    assert not set(ingredients) & set(removed(result))


# -------------------------------------------------------------- share rows


def test_share_row_is_social_widget(bare):
    result = bare.clean(article("Share on Facebook Twitter WhatsApp Email"), format="text")
    assert removed(result, "heuristics/share-row") == ["Share on Facebook Twitter WhatsApp Email"]
    assert next(e for e in result.edits if e.rule == "heuristics/share-row").category == "social-widget"


@pytest.mark.parametrize("line", ["Share prices fell sharply on Monday after the report.", "X", "Copy link"])
def test_share_look_alikes_are_kept(bare, line):
    result = bare.clean(article(line), format="text")
    assert line not in removed(result, "heuristics/share-row")


# ------------------------------------------------------ cookie and newsletter


COOKIE_BANNER = ("We use cookies to improve your browsing experience on our website. "
                 "By continuing you accept our cookie policy.")


def test_cookie_banner_is_cookie_notice(bare):
    result = bare.clean(article(tail=(COOKIE_BANNER,)), format="text")
    assert removed(result, "heuristics/cookie-prompt") == [COOKIE_BANNER]


def test_sentence_about_cookies_is_kept(bare):
    line = "The bakery, which uses butter from local farms, sold more cookies this year than ever before."
    result = bare.clean(article(line), format="text")
    assert line not in removed(result)


def test_newsletter_prompt_is_newsletter(bare):
    prompt = "Sign up for our newsletter and get the best stories in your inbox"
    result = bare.clean(article(tail=(prompt,)), format="text")
    assert removed(result, "heuristics/newsletter-prompt") == [prompt]


def test_sentence_about_a_newsletter_is_kept(bare):
    line = "The newsletter, which was founded in 1998 by two teachers, reached ten thousand readers last year."
    result = bare.clean(article(line), format="text")
    assert line not in removed(result)


# ---------------------------------------------------------------- captions


def test_caption_next_to_a_credit_is_caption(bare):
    caption = "The mayor at the opening of the library on Monday."
    result = bare.clean(article(caption, "Photo: Reuters"), format="text")
    assert removed(result, "heuristics/caption-credit") == [caption, "Photo: Reuters"]
    assert all(e.category == "caption" for e in result.edits if e.rule == "heuristics/caption-credit")


def test_sentence_about_photographs_is_kept(bare):
    line = "Photographs by the late artist, who lived in the town for forty years, were shown in the gallery."
    result = bare.clean(article(line), format="text")
    assert line not in removed(result)


# -------------------------------------------------------------- duplicates


def test_exact_repeat_goes_and_the_first_stays(bare):
    headline = "Council approves the budget for roads and schools"
    result = bare.clean(article(head=(headline,), tail=(headline,)), format="text")
    assert removed(result, "heuristics/duplicate-line") == [headline]
    assert result.text.startswith(headline) or headline in result.text


def test_near_repeat_of_chrome_goes(bare):
    first, second = "This story has been shared 44,976 times today", "This story has been shared 28,533 times today"
    result = bare.clean(article(first, second), format="text")
    assert removed(result, "heuristics/near-duplicate") == [second]
    edit = next(e for e in result.edits if e.rule == "heuristics/near-duplicate")
    assert edit.category == "duplicate" and "Simhash" in edit.reason


def test_paragraph_restated_with_another_number_is_kept(bare):
    first = PROSE[0]
    second = first.replace("Tuesday", "Wednesday").replace("most of the", "all of the")
    result = bare.clean(article(second) .replace(PROSE[0], first), format="text")
    assert second not in removed(result)


def test_band_index_keeps_bounded_buckets():
    index = BandIndex(candidates=3)
    for value in range(100):  # all share their three upper bands
        index.add(value, 10)
    assert index.closest(0, 10, 0.85) == 0
    assert max(len(bucket) for bucket in index._buckets.values()) <= 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
                min_size=1, max_size=80))
def test_charikar_is_trafilaturas_simhash_bit_for_bit(words):
    text = " ".join(words)
    tokens = sample_tokens(text, 64)
    if tokens:  # trafilatura's empty-input fallback tokenizer is never reached from the stage
        assert charikar(tokens) == Simhash(text).hash


def test_charikar_counts_past_the_width_of_one_counter():
    text = " ".join(["alpha", "gamma"] * 40_000)  # more votes than a 16-bit counter holds
    assert charikar(sample_tokens(text, 64)) == Simhash(text).hash


_PRECHECKED = [(detectors.COOKIE, detectors.COOKIE_ANYWHERE), (detectors.NEWSLETTER, detectors.NEWSLETTER_ANYWHERE),
               (detectors.CREDIT, detectors.CREDIT_ANYWHERE)]
_DETECTOR_WORDS = ["cookies", "GDPR", "Newsletter", "sign-up", "Abonnieren", "SUSCRÍBETE", "Photo:", "(AP Photo",
                   "/ Getty Images", "Foto /", "crédito|", "ſ", "K", "İ", "ß", " ", "\n", ":", "/", "(", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DETECTOR_WORDS) | st.text(max_size=3), max_size=12), st.integers(0, 2))
def test_detector_prechecks_find_every_line_the_detector_would(parts, which):
    """The whole-text RE2 pre-check may say yes too often, never too rarely."""
    pattern, anywhere = _PRECHECKED[which]
    line = "".join(parts).replace("\n", " ").strip()
    text = "Some earlier line\n" + line + "\nA later line"
    if pattern.search(line):
        assert anywhere is not None and anywhere.search(text) is not None


def _scanned_whole(text):
    """What `line_features` reads from a line's letters, by scanning the whole line at once."""
    raw = features.WORD.findall(text)
    unspaced = len(features.UNSPACED.findall(text))
    return (sum(map(len, raw)), len(features.CAPITALISED.findall(text)), unspaced,
            tuple(" ".join(raw).casefold().split()))


_LINE_PIECES = ["Ukraine", "O'Brien", "don’t", "İstanbul", "STRASSE", "straße", "हिंदी", "ﺎًﻧْﻮَﻫ", "北京市", "ภาษาไทย",
                "12", "3.5%", "—", "(AP)", "«Quote»", "x'", "'y", "e\u0301", "ǅ", "ﬁ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES) | st.text(max_size=4), min_size=1, max_size=10),
       st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", "\u3000", ""]), min_size=10, max_size=10))
def test_line_features_read_by_parts_equal_a_scan_of_the_whole_line(pieces, spaces):
    """Letters, capitals and tokens are counted per white-space separated part (and the
    parts cached): the same numbers a scan of the whole line gives."""
    text = "".join(p + s for p, s in zip(pieces, spaces)).strip()
    if not text:
        return
    letters, capitals, unspaced, tokens = _scanned_whole(text)
    f = features.line_features(text)
    assert f.tokens == tokens
    assert f.title_share == (capitals / len(tokens) if tokens else 0.0)
    assert f.is_unspaced == (unspaced * 2 > len(text))
    non_space = len("".join(text.split())) or 1
    assert f.symbol_share == max(0.0, (non_space - letters) / non_space)


# ------------------------------------------------- the context classifier


def test_run_of_short_lines_at_the_tail_is_boilerplate(bare):
    tail = ("Connecticut Post", "View Comments", "Logo Return to Top", "Terms of Use and Privacy")
    result = bare.clean(article(tail=tail), format="text")
    gone = removed(result)
    assert set(tail) <= set(gone)
    assert any(e.category == "boilerplate" and "jusText" in e.reason for e in result.edits)


def test_short_quote_between_paragraphs_is_kept(bare):
    quote = "“We are ready,” she said."
    result = bare.clean(article(quote), format="text")
    assert removed(result) == []


def test_one_line_subheading_is_kept(bare):
    result = bare.clean(article("What happens next"), format="text")
    assert removed(result) == []


def test_text_without_prose_keeps_its_short_lines(bare):
    poem = "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you\n"
    assert bare.clean(poem, format="text").text == poem


def test_list_introduced_by_a_colon_is_kept(bare):
    rows = ("1 Kyle Busch 5040 5 1 17 27", "2 Martin Truex Jr. 5035 7 0 15 24", "3 Kevin Harvick 5033 4 6 15 26")
    intro = ("The final standings of the season, after thirty-six races and a close finish in the last "
             "race of the year, are these:")
    text = "\n\n".join([*PROSE[:3], intro, "\n".join(rows)]) + "\n"
    result = bare.clean(text, format="text")
    assert not set(rows) & set(removed(result))


# ------------------------------------------------------------------ languages


GERMAN = [
    "Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt beschlossen, und der "
    "Bürgermeister sagte, dass das Geld für die Straßen und die Schulen ausgegeben werden soll.",
    "Die Bürger, die zu der Sitzung gekommen waren, waren sich nicht einig: Einige begrüßten den Plan, "
    "während andere sagten, dass sie nicht nach ihrer Meinung gefragt worden seien.",
    "Der Haushalt enthält auch Geld für eine neue Brücke über den Fluss, die seit dem Frühjahr für den "
    "schweren Verkehr gesperrt ist, weil die Ingenieure Schäden an den Pfeilern gefunden haben.",
]
SPANISH = [
    "El ayuntamiento aprobó el martes el nuevo presupuesto después de un largo debate, y el alcalde dijo "
    "que el dinero se gastará en las carreteras y en las escuelas de la ciudad.",
    "Los vecinos que habían venido a la reunión estaban divididos: algunos de ellos celebraron el plan, "
    "mientras que otros dijeron que no se les había preguntado por los cambios.",
    "El presupuesto incluye también fondos para un nuevo puente sobre el río, que está cerrado al tráfico "
    "pesado desde la primavera, cuando los ingenieros encontraron daños en sus pilares.",
]
CHINESE = [
    "市议会周二在经过长时间的辩论后通过了新的预算，市长表示这笔钱将用于道路和学校的建设。",
    "参加会议的居民意见不一：一些人对这个计划表示欢迎，而另一些人则说他们没有被征求过意见。",
    "预算还包括在河上修建一座新桥的资金，自从春天工程师发现桥墩受损以来，这座桥一直禁止重型车辆通行。",
]


@pytest.mark.parametrize("paragraphs, menu, stoplist", [
    (GERMAN, ("Startseite", "Politik", "Wirtschaft", "Kultur", "Kontakt"), "German stoplist"),
    (SPANISH, ("Portada", "Política", "Economía", "Deportes", "Contacto"), "Spanish stoplist"),
    (CHINESE, ("首页", "新闻", "体育", "财经", "联系我们"), None),
], ids=["german", "spanish", "chinese"])
def test_languages_keep_prose_and_drop_chrome(bare, paragraphs, menu, stoplist):
    footer = ("Impressum", "Datenschutz", "AGB", "Newsletter") if stoplist == "German stoplist" else \
        ("Aviso legal", "Privacidad", "Cookies", "RSS") if stoplist == "Spanish stoplist" else ("关于我们", "隐私政策", "网站地图")
    text = "\n\n".join([*menu, *paragraphs, *footer]) + "\n"
    result = bare.clean(text, format="text")
    assert [p for p in paragraphs if p in result.text] == paragraphs
    assert not set(menu) & set(result.text.splitlines())
    assert not set(footer) & set(result.text.splitlines())
    reasons = " ".join(e.reason for e in result.edits if e.rule == "heuristics/classifier")
    if stoplist:
        assert stoplist in reasons or not reasons
    again = bare.clean(result.text, format="text")
    assert again.text == result.text


def test_chinese_short_sentence_between_paragraphs_is_kept(bare):
    text = "\n\n".join([CHINESE[0], "他说：“我们准备好了。”", *CHINESE[1:]]) + "\n"
    assert bare.clean(text, format="text").text == text


def test_spanish_language_is_detected_from_stopwords():
    words = " ".join(SPANISH).casefold().split()
    assert Lexicon().detect(words, 0.12).name == "Spanish"


def test_lexicon_pickles_without_its_stoplists():
    lexicon = Lexicon()
    lexicon.detect(["the", "and"], 0.1)  # loads the stoplists
    assert len(pickle.dumps(lexicon)) < 200
    assert pickle.loads(pickle.dumps(lexicon)).detect(["der", "die", "und", "das"], 0.1).name == "German"


def test_repeated_interview_question_is_kept(bare):
    question = "What made you start cooking for other people?"
    answers = [f"{p} She told us this in the interview number {i}." for i, p in enumerate(PROSE[:2])]
    text = "\n\n".join([PROSE[2], question, answers[0], question, answers[1], *PROSE[3:]]) + "\n"
    result = bare.clean(text, format="text")
    assert result.text.count(question) == 2


def test_short_introduction_and_the_quote_it_introduces_are_kept(bare):
    intro, quote = "The prophet said:", "ْﺐِﺒْﺣَﺃ َﻚَﺒﻴِﺒَﺣ ﺎًﻧْﻮَﻫ ﺎَﻣ ﻰَﺴَﻋ ْﻥَﺃ َﻥﻮُﻜَﻳ"
    text = "\n".join([*PROSE[:3], intro, quote, *PROSE[3:]]) + "\n"
    result = bare.clean(text, format="text")
    assert intro in result.text and quote in result.text


def test_teaser_block_cut_off_by_chrome_is_far_from_article(bare):
    chrome = ("Home", "News", "Sport", "Weather", "Culture", "Travel", "Contact")
    teaser = ("Some people thought the stripy cattle in a Japanese pasture were a practical joke, but the "
              "science behind them could save farmers a great deal of money.")
    text = "\n\n".join([*PROSE, *chrome, teaser, "32M ago"]) + "\n"
    result = bare.clean(text, format="text")
    assert teaser in removed(result, "heuristics/far-from-article")
    assert all(p in result.text for p in PROSE)


def test_second_half_of_the_article_after_chrome_is_kept(bare):
    chrome = ("Home", "News", "Sport", "Weather", "Culture", "Travel", "Contact")
    text = "\n\n".join([*PROSE[:3], *chrome, *PROSE[3:]]) + "\n"
    result = bare.clean(text, format="text")
    assert all(p in result.text for p in PROSE)


def test_line_a_rule_removed_part_of_is_left_to_the_rule(tmp_path):
    (tmp_path / "site.yaml").write_text("""\
name: share-label
applies:
  always: true
rules:
  - id: share-label
    category: social-widget
    action: drop-span
    pattern: 'Share on '
    examples:
      drop: ["Share on Facebook"]
      keep: ["Shares rose."]
""", encoding="utf-8")
    cleaner = Cleaner(rules=load_rules([tmp_path], builtin=False))
    result = cleaner.clean(article("Share on Facebook Twitter WhatsApp Email"), format="text")
    assert [e.rule for e in result.edits if e.is_removal] == ["share-label/share-label"]
    assert not result.superseded


# ------------------------------------------------- comment threads, dated teasers


THREAD = ("Woyzeck", "2 days ago at 07:52 am", "Good to see them finally fix the keyboard.", "Rating: 36 Votes",
          "Nick A", "2 days ago at 07:47 am",
          "I think we will see the same updates the bigger model received, and a smaller bezel makes sense.",
          "Even if it gets a little thicker, this is a machine for professionals and I like the direction.",
          "Rating: 25 Votes", "fmcshan", "2 days ago at 07:50 am",
          "It would be nice if they moved to a bigger screen with slimmer bezels like on the new model.",
          "Rating: 17 Votes")
DATED_TEASERS = ("Minnesotan finding his legs in Buffalo", "November 19, 2019 at 5:10 pm",
                 "About three years ago, a young draft prospect started working out with some veterans.",
                 "Read More", "Wild finally have some stability on their lines", "November 15, 2019 at 2:37 pm",
                 "The coach does not like tinkering with his lines, whatever his record might suggest.",
                 "Read More", "Vikings star can talk the talk and walk the walk", "November 17, 2019 at 7:21 pm",
                 "Akin to the shark tattoo behind his left ear, the receiver sensed blood in the water.")


def test_comment_thread_after_the_article_goes(bare):
    result = bare.clean(article(tail=THREAD), format="text")
    assert removed(result) == list(THREAD)  # stamps may go as repeats, the name before as chrome
    assert {THREAD[2], THREAD[6], THREAD[11]} <= set(removed(result, "heuristics/comment-thread"))
    edit = next(e for e in result.edits if e.rule == "heuristics/comment-thread")
    assert edit.category == "comment-prompt" and "6 entry stamps (3 votes" in edit.reason
    assert all(p in result.text for p in PROSE)


def test_dated_teasers_after_the_article_go(bare):
    result = bare.clean(article(tail=DATED_TEASERS), format="text")
    assert removed(result) == list(DATED_TEASERS)  # the first headline and last summary go among chrome
    assert {DATED_TEASERS[2], DATED_TEASERS[4], DATED_TEASERS[6]} <= set(removed(result, "heuristics/dated-teasers"))
    assert all(e.category == "related-links" for e in result.edits if e.rule == "heuristics/dated-teasers")
    assert all(p in result.text for p in PROSE)


LABELLED_TEASERS = ("Company Town", "Directors of new shows are a more varied group, a study finds",
                    "Company Town", "Agency signs a franchise agreement with the writers' union",
                    "The agency is the fifth to break ranks with the others in the long dispute over fees.",
                    "Company Town", "Regulators to drop decades-old rules on film distribution",
                    "Company Town", "Streaming service boasts that its shows are not on the big rival")


def test_teasers_under_a_repeated_section_label_go(bare):
    result = bare.clean(article(tail=LABELLED_TEASERS), format="text")
    gone = removed(result, "heuristics/labelled-teasers")
    assert set(LABELLED_TEASERS[:7]) <= set(gone)
    edit = next(e for e in result.edits if e.rule == "heuristics/labelled-teasers")
    assert edit.category == "related-links" and "4 entries under a repeated section label" in edit.reason
    assert all(p in result.text for p in PROSE)


def test_ad_marker_between_the_articles_paragraphs_is_no_label(bare):
    """The same short line every few paragraphs heads paragraphs, not teasers."""
    lines = [line for p in PROSE for line in ("Advert", p)]
    text = "\n\n".join([PROSE[0], *lines, PROSE[1]]) + "\n"
    result = bare.clean(text, format="text")
    assert removed(result, "heuristics/labelled-teasers") == []
    assert all(p in result.text for p in PROSE)


def test_interview_with_speaker_labels_is_kept(bare):
    qa = [line for i, p in enumerate(PROSE[:4]) for line in ("Q", f"What happened at the meeting number {i}?", "A", p)]
    text = "\n\n".join([*qa, *PROSE[4:]]) + "\n"
    result = bare.clean(text, format="text")
    assert all(line in result.text for line in qa if len(line) > 1)
    assert removed(result, "heuristics/labelled-teasers") == []

def test_quoted_posts_with_dates_are_kept(bare):
    names = ("Jane Doe (@janedoe) November 18", "Max Muster (@muster) November 19", "Ana Silva (@anas) December 2")
    posts = [(f"The council is doing its job at last and bridge number {i} will be fixed.", f"— {name}, 2019")
             for i, name in enumerate(names)]
    lines = [line for pair in posts for line in pair]
    result = bare.clean(article(*lines), format="text")
    assert all(line in result.text for line in lines)


def test_live_blog_of_stamped_entries_is_kept(bare):
    entries = [(f"10:{10 + i} am", f"{p} The mayor repeated this at the update number {i}.")
               for i, p in enumerate(PROSE)]
    text = "\n\n".join([PROSE[0], *(line for pair in entries for line in pair)]) + "\n"
    result = bare.clean(text, format="text")
    assert removed(result) == []


def test_prose_mentioning_replies_and_dates_is_kept(bare):
    lines = ("The mayor did not reply to our questions, which we sent on March 3, 2020 at 5:12 pm.",
             "Reply",
             "Asked again on March 4, 2020, her office said that the answer would come 3 days later.")
    text = "\n\n".join([*PROSE[:3], lines[0], *PROSE[3:5], lines[2], PROSE[5]]) + "\n"
    result = bare.clean(text, format="text")
    assert lines[0] in result.text and lines[2] in result.text


def test_interview_with_dated_questions_is_kept(bare):
    qa = ("When did you decide to run, on March 3, 2020?", PROSE[0], "And what did you do at 5:30 pm?",
          PROSE[1], "Who did you call on March 4, 2020?", PROSE[2])
    text = "\n\n".join([*qa, *PROSE[3:]]) + "\n"
    result = bare.clean(text, format="text")
    assert removed(result) == []


COMMENTS = ("Top Rated Comments", "(View all)",
            "Even if it gets a little thicker, this is a machine for professionals and I like the direction.",
            "No surprise they are keeping the small one. The analysts also predict the return of the big one.",
            "I think this is it. The slimmer bezels and the new keyboard are the redesign they promised us.")


def test_comment_section_after_the_article_goes(bare):
    result = bare.clean(article(tail=COMMENTS), format="text")
    assert removed(result, "heuristics/comment-section") == list(COMMENTS)
    assert all(e.category == "comment-prompt" for e in result.edits if e.rule == "heuristics/comment-section")
    assert all(p in result.text for p in PROSE)


def test_comments_link_above_the_article_is_not_a_section(bare):
    text = "\n\n".join(["News", "Comments", *PROSE]) + "\n"
    result = bare.clean(text, format="text")
    assert all(p in result.text for p in PROSE)
    assert removed(result, "heuristics/comment-section") == []


def test_sentence_about_comments_is_kept(bare):
    line = "Comments from residents were collected by the council until the end of the month."
    tail = (line, "No comments were received from the schools, which will be asked again in the spring.")
    result = bare.clean(article(tail=tail), format="text")
    assert removed(result) == []


def test_comments_under_a_heading_a_rule_removed_go():
    # The built-in rules drop "2 comments" as a bare count; the comments it heads are the detector's.
    comments = ("I made this today and it turned out really good, but the amounts would have helped me a lot.",
                "Hi Cherie,", "I am glad you liked it and thanks for your feedback, I will add them next time.")
    result = Cleaner().clean(article(tail=("2 comments", *comments)), format="text")
    assert removed(result, "heuristics/comment-section") == list(comments)
    assert all(p in result.text for p in PROSE)


def test_recipe_list_in_the_tail_is_kept(bare):
    items = ("- 8-9 ripe pears, cored and peeled", "- 1 lemon, or about 1/4 cup lemon juice",
             "- 6 tbsp fruit pectin powder", "- 1 tsp cinnamon", "- 1 tsp ground ginger", "- 1/2 tsp ground cloves")
    text = "\n\n".join([*PROSE, "Ingredients", *items]) + "\n"
    result = bare.clean(text, format="text")
    assert not set(items) & set(removed(result, "heuristics/teaser-list"))


def test_comment_count_under_the_headline_keeps_the_article(bare):
    # Summaries of other stories above the headline: prose, but one paragraph at a time.
    teasers = ["Bridge closed again after the floods", PROSE[3].replace("council", "county"),
               "Schools get new teachers", PROSE[4].replace("council", "county"),
               "Libraries to reopen", PROSE[5].replace("council", "county")]
    text = "\n\n".join([*teasers, "Council approves the budget", "By Jane Doe", "12 Comments", *PROSE]) + "\n"
    result = bare.clean(text, format="text")
    assert removed(result, "heuristics/comment-section") == []
    assert all(p in result.text for p in PROSE)


def test_dated_timeline_inside_the_article_is_kept(bare):
    timeline = ("1 March 2020", "The council first heard of the damage to the bridge from two engineers.",
                "5 March 2020", "The bridge was closed to heavy traffic and the buses were sent another way.",
                "9 March 2020", "The mayor asked the government for the money to repair the supports.")
    more = [f"{p} This was said again at the meeting number {i}." for i, p in enumerate(PROSE * 2)]
    text = "\n\n".join([*PROSE, *timeline, *more]) + "\n"
    result = bare.clean(text, format="text")
    assert removed(result) == []
