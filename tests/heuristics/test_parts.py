"""The heuristics stage's parts (near-duplicate index and hash, detector pre-checks, line
features, the lexicon), and the stage beside rule files. The stage's cases on whole
documents are data: cases.yaml, run by test_cases.py."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.deduplication import Simhash, sample_tokens

from cleaner import Cleaner, load_rules
from cleaner.heuristics import detectors, features
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
