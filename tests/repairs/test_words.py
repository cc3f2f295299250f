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


def test_the_commonest_words_are_kept_in_the_cache_and_read_back(tmp_path, monkeypatch):
    import json

    from cleaner.repairs import words

    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    words._commonest.cache_clear()
    built = words._commonest("fr")
    saved = tmp_path / "commonest-words-fr.json"
    assert len(built) == words.COMMONEST and json.loads(saved.read_text(encoding="utf-8"))["data"] == built
    assert built["le"] == words.Words("fr").zipf("le")  # the full list's values
    # Read back, not rebuilt: a marked copy comes back as saved ...
    marked = json.loads(saved.read_text(encoding="utf-8"))
    marked["data"]["le"] = 1.25
    saved.write_text(json.dumps(marked), encoding="utf-8")
    words._commonest.cache_clear()
    assert words._commonest("fr")["le"] == 1.25
    # ... and data of the wrong shape is rebuilt from wordfreq.
    marked["data"]["le"] = "often"
    saved.write_text(json.dumps(marked), encoding="utf-8")
    words._commonest.cache_clear()
    assert words._commonest("fr") == built
    words._commonest.cache_clear()
