from cleaner.heuristics.lexicon import Lexicon
from cleaner.repairs.words import CODES, Words, words_of


def test_the_language_is_the_stoplists_and_its_word_list_is_wordfreqs(prose):
    german = ("Der Rat hat am Dienstag beschlossen, dass die neue Straße gebaut wird, nachdem die Bürger "
              "der Stadt lange darauf gewartet haben und die Kosten nun geklärt sind. ")
    assert words_of(prose, Lexicon()) == Words("en")
    assert words_of(german, Lexicon()) == Words("de")


def test_a_few_words_tell_no_language():
    assert words_of("to join the fight for cash", Lexicon()) is None


def test_a_text_its_list_does_not_know_gets_no_list():
    # Portuguese prose whose stopwords alone could point elsewhere: the list must know the words.
    gibberish = " ".join(["zqxv blorf"] * 15) + " the and of"
    assert words_of(gibberish, Lexicon()) is None


def test_frequencies(english):
    assert english.zipf("the") > 7 > english.zipf("information") > 5
    assert english.zipf("Information") == english.zipf("information")
    assert english.zipf("comberan") == 0.0 and "comberan" not in english


def test_every_mapped_code_has_a_list():
    from wordfreq import available_languages

    assert set(CODES.values()) <= set(available_languages())
