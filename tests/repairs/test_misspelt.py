import pytest

from cleaner.edits import Edit, Suspect, apply
from cleaner.repairs import misspelt


def _run(text, words, repair_suspects=False):
    items = list(misspelt.find(text, words, repair_suspects))
    return (apply(text, [i for i in items if isinstance(i, Edit)]),
            [i for i in items if isinstance(i, Suspect)])


@pytest.mark.parametrize("text, fixed", [
    ("the G0vernment said", "the Government said"),
    ("a rnodern house", "a modern house"),
    ("the governrnent said", "the government said"),
    # one letter away, from a word the document uses elsewhere
    ("the simulataneous streams are simultaneous", "the simultaneous streams are simultaneous"),
    # a digit among letters is damage: a word once per million words will do, at the end too
    ("I was thri1led by it", "I was thrilled by it"),
    ("the next leve1 and a menta1 note", "the next level and a mental note"),
])
def test_damaged_words_are_repaired(words, text, fixed):
    assert _run(text, words)[0] == fixed


@pytest.mark.parametrize("text", [
    "Zelensky and Kyiv", "iPhone McDonald", "mp3 x86 10th 2nd 1980s", "H2O CO2 NaCl", "NATO and UNESCO",
    "the dijo que", "covidiots", "wordle game", "see http://ex.com/rnodern", "mail rnodern@x.org",
    "#rnodern", "rnodern-style", "don't", "the concep ...", "digitali and digital", "systemsy systems",
    # no vowel: a ticker or a shortening; a common word with an ending the list lacks
    "for crwd today", "the queued updaters run", "talent matchers", "model5 and h264",
])
def test_names_codes_and_other_words_stay(words, text):
    assert _run(text, words)[0] == text


def test_an_unsure_word_is_a_suspect_with_its_candidates(words):
    text = "with sanctionz today"
    fixed, [suspect] = _run(text, words)
    assert fixed == text
    assert (suspect.start, suspect.end, suspect.token, suspect.rule) == (5, 14, "sanctionz", "tokens/misspelt")
    assert suspect.candidates[:2] == ("sanctions", "sanction")


def test_repair_suspects_applies_the_first_candidate(words):
    fixed, suspects = _run("with sanctionz today", words, repair_suspects=True)
    assert (fixed, suspects) == ("with sanctions today", [])


def test_edits_name_the_family_and_the_damage(words):
    [edit] = misspelt.find("the G0vernment said", words)
    assert (edit.category, edit.rule) == ("token", "tokens/misspelt")
    assert "'G0vernment'" in edit.reason and "'Government'" in edit.reason


def test_a_word_the_list_lacks_has_rarer_candidates_reported(words):
    fixed, [suspect] = _run("without a debuger today", words)
    assert fixed == "without a debuger today" and suspect.candidates == ("debugger",)


def test_in_a_text_about_code_an_unknown_word_is_reported_not_repaired(words):
    # "rnodern" is repaired in prose; beside snake_case names and calls it may be a name.
    assert _run("a rnodern house", words)[0] == "a modern house"
    code = "Call read_config() and then load_all().\nThe rnodern house is the default.\n"
    fixed, suspects = _run(code, words)
    assert fixed == code
    assert [s.token for s in suspects] == ["rnodern"] and "about code" in suspects[0].reason


def test_rare_tokens_are_found_alike_by_search_and_by_one_pattern(monkeypatch):
    # Whole tokens only: not inside a longer run, a compound, a path, a domain, an
    # address or a hashtag; at the text's edges and beside punctuation they count.
    text = ("rnodern, xrnodern rnodernx rnodern-style #rnodern a/rnodern rnodern.org rnodern. (rnodern)\n"
            "goverment's goverment\ngoverment1 thri1led thri1led-ish leve1 leve1.")
    rare = ["rnodern", "goverment", "thri1led", "leve1"]
    searched = misspelt._places(text, rare)
    monkeypatch.setattr(misspelt, "FIND_EACH", 0)
    assert misspelt._places(text, rare) == searched
    assert [(text[s:s + len(t)], s) for s, t in searched] == [
        ("rnodern", 0), ("rnodern", text.index("rnodern. ")), ("rnodern", text.index("(rnodern)") + 1),
        ("goverment", text.index("goverment\n")), ("thri1led", text.index("thri1led ")),
        ("leve1", text.index("leve1 ")), ("leve1", text.rindex("leve1"))]
