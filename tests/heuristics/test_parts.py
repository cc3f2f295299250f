"""The heuristics stage's parts (near-duplicate index and hash, detector pre-checks, line
features, the lexicon), and the stage beside rule files. The stage's cases on whole
documents are data: cases.yaml, run by test_cases.py."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.deduplication import Simhash, sample_tokens

from cleaner import Cleaner, load_rules
from cleaner.config import HeuristicSettings
from cleaner.heuristics import detectors, features, lexicon
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.neardup import BandIndex, charikar

# ------------------------------------------------------------ near-duplicates


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


# ---------------------------------------------------- detectors and features


_PRECHECKED = [(detectors.COOKIE, detectors.anywhere("cookie")), (detectors.NEWSLETTER, detectors.anywhere("newsletter")),
               (detectors.CREDIT, detectors.anywhere("credit")),
               (lexicon.COMMENT_HEADING, detectors.anywhere("comment-heading")),
               (lexicon.STAMP_DATE, detectors.anywhere("stamp")), (lexicon.STAMP_AGE, detectors.anywhere("stamp")),
               (lexicon.STAMP_COUNT, detectors.anywhere("stamp")), (lexicon.STAMP_SAYS, detectors.anywhere("stamp"))]
_DETECTOR_WORDS = ["cookies", "GDPR", "Newsletter", "sign-up", "Abonnieren", "SUSCRÍBETE", "Photo:", "(AP Photo",
                   "/ Getty Images", "Foto /", "crédito|", "ſ", "K", "İ", "ß", " ", "\n", ":", "/", "(", "x",
                   "本网站使用Cookie", "クッキー", "쿠키", "ÇEREZ", "ciasteczka", "کوکی", "рассылку", "メルマガ", "訂閱",
                   "뉴스레터", "nieuwsbrief", "Фото:", "写真：", "（写真＝", "사진 제공=", "图／", "Fot. ", "ⓒ연합뉴스",
                   "/ 新华社", "عکس از ", "Ảnh:", "【", "=", "Comments", "Комментарии", "댓글", "网友评论", "件の",
                   "(12)", "12", "3", "2024", "年", "月", "5日", "時間前", "vor", " Stunden", " часа назад", "시간 전",
                   " giờ trước", "March", " марта ", ":30", "-03-", " votes", " comments", "Jane says:", "写道：", "„"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_DETECTOR_WORDS) | st.text(max_size=3), max_size=12), st.integers(0, 7))
def test_detector_prechecks_find_every_line_the_detector_would(parts, which):
    """The whole-text RE2 scan names every line the detector's own pattern matches (and may name more)."""
    pattern, anywhere = _PRECHECKED[which]
    line = "".join(parts).replace("\n", " ").strip()
    texts = ["Some earlier line", line, "A later line"]
    view = detectors.View(texts, [features.line_features(t or "x") for t in texts], ["bad"] * 3, 0, 3,
                          HeuristicSettings())
    if pattern.search(line):
        assert anywhere is not None and 1 in view.lines_matching(anywhere)


_HEADING_PIECES = ["Comments", "Kommentare", "Комментарии", "комментариев", "Yorumlar", "Reacties", "Komentarze",
                   "Komentar", "Bình luận", "Ý kiến bạn đọc", "نظرات", "دیدگاه\u200cها", "نظر", "コメント", "件の",
                   "评论", "網友評論", "留言", "댓글", "전체", "12", "(3)", "（3）", " ", "Top", "개"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES) | st.text(max_size=3), max_size=6))
def test_comment_hint_admits_every_heading(parts):
    """The cheap pre-test before the heading pattern may say yes too often, never too rarely."""
    line = "".join(parts)
    if lexicon.COMMENT_HEADING.match(line):
        assert lexicon.COMMENT_HINT.search(line)


_HEADINGS = [
    ("Comments", True), ("2 comments", True), ("Kommentare (12)", True), ("Commentaires", True),
    ("Comentários (3)", True), ("Комментарии (3)", True), ("5 комментариев", True), ("Yorumlar", True),
    ("Okur yorumları", True), ("Reacties (2)", True), ("Komentarze (9)", True), ("5 komentarzy", True),
    ("نظرات کاربران", True), ("۵ نظر", True), ("Bình luận (5)", True), ("Ý kiến bạn đọc", True),
    ("Komentar Pembaca", True), ("コメント（3）", True), ("12件のコメント", True), ("网友评论", True),
    ("12条评论", True), ("評論區", True), ("댓글 5개", True), ("전체 댓글", True),
    # The singular names a commentary or a response that the article itself may head.
    ("Komentarz", False), ("Комментарий", False), ("Yorum", False), ("Reactie", False), ("نظر", False),
    # Sentences about comments.
    ("Comments from residents were collected.", False), ("Комментарии жителей совет принимает до конца месяца.", False),
    ("市政府将继续收集居民对这项计划的评论。", False),
]


@pytest.mark.parametrize("line, is_heading", _HEADINGS)
def test_comment_headings_in_every_language(line, is_heading):
    f = features.line_features(line)
    assert detectors.is_comment_heading(line, f.words, HeuristicSettings()) is is_heading


_STAMPS = [
    ("3 hours ago", "date"), ("vor 2 Stunden", "date"), ("hace 2 horas", "date"), ("il y a 2 heures", "date"),
    ("há 3 horas", "date"), ("2 ore fa", "date"), ("2 часа назад", "date"), ("5 мин. назад", "date"),
    ("2 saat önce", "date"), ("3 uur geleden", "date"), ("3 godziny temu", "date"), ("۳ ساعت پیش", "date"),
    ("2 giờ trước", "date"), ("2 jam yang lalu", "date"), ("3時間前", "date"), ("约3小时前", "date"),
    ("3시간 전", "date"), ("5 марта 2024", "date"), ("5 Mart 2024", "date"), ("5 maart 2024", "date"),
    ("5 marca 2024", "date"), ("5 Maret 2024", "date"), ("۱۵ اسفند ۱۴۰۲", "date"), ("ngày 5 tháng 3 năm 2024", "date"),
    ("2024年3月5日", "date"), ("2024년 3월 5일", "date"), ("更新于2024-03-05", "date"), ("입력 2024.03.05 10:20", "date"),
    ("Reply", "reader"), ("Antworten", "reader"), ("Ответить", "reader"), ("返信", "reader"), ("回复", "reader"),
    ("답글", "reader"), ("Yanıtla", "reader"), ("Trả lời", "reader"), ("Balas", "reader"), ("いいね！", "reader"),
    ("36 Votes", "reader"), ("5 комментариев", "reader"), ("12件のコメント", "reader"), ("댓글 5개", "reader"),
    ("评论(12)", "reader"), ("Comments (12)", "reader"), ("Иван пишет:", "reader"), ("张三写道：", "reader"),
    # A label with a colon heads a Q&A's answer; a sentence with an age is prose; "said:" introduces a quote.
    ("Trả lời:", None), ("Antwort:", None), ("Vor 3 Jahren begann der Bau der Brücke.", None), ("他说：", None),
]


@pytest.mark.parametrize("line, kind", _STAMPS)
def test_entry_stamps_in_every_language(line, kind):
    assert detectors._stamp(line, features.line_features(line), HeuristicSettings()) == kind


def test_whole_text_scans_name_every_heading_and_stamp():
    """The stamp and heading detectors search only the lines one RE2 scan of the text names."""
    texts = [line for line, _ in _HEADINGS + _STAMPS]
    view = detectors.View(texts, [features.line_features(t) for t in texts], ["bad"] * len(texts), 0, len(texts),
                          HeuristicSettings())
    headings = set(view.lines_matching(detectors.anywhere("comment-heading")))
    stamps = set(view.lines_matching(detectors.anywhere("stamp")))
    s = HeuristicSettings()
    for i, line in enumerate(texts):
        f = view.features[i]
        assert i in headings or not detectors.is_comment_heading(line, f.words, s), line
        assert detectors._stamp(line, f, s, i in stamps) == detectors._stamp(line, f, s), line


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


# -------------------------------------------------------------------- lexicon


def test_spanish_language_is_detected_from_stopwords(prose):
    words = " ".join(prose["spanish"]).casefold().split()
    assert Lexicon().detect(words, 0.12).name == "Spanish"


def test_lexicon_pickles_without_its_stoplists():
    lexicon = Lexicon()
    lexicon.detect(["the", "and"], 0.1)  # loads the stoplists
    assert len(pickle.dumps(lexicon)) < 200
    assert pickle.loads(pickle.dumps(lexicon)).detect(["der", "die", "und", "das"], 0.1).name == "German"


# ------------------------------------------------------ beside the rule files


def test_line_a_rule_removed_part_of_is_left_to_the_rule(tmp_path, article):
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


def test_comments_under_a_heading_a_rule_removed_go(cleaner, article, removed, prose):
    # The built-in rules drop "2 comments" as a bare count; the comments it heads are the detector's.
    comments = ("I made this today and it turned out really good, but the amounts would have helped me a lot.",
                "Hi Cherie,", "I am glad you liked it and thanks for your feedback, I will add them next time.")
    result = cleaner.clean(article(tail=("2 comments", *comments)), format="text")
    assert removed(result, "heuristics/comment-section") == list(comments)
    assert all(p in result.text for p in prose["english"])
