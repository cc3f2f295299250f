import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.edits import apply
from cleaner.repairs import glued


def _fixed(text, words):
    return apply(text, list(glued.find(text, words)))


@pytest.mark.parametrize("text, split", [
    ("he said.The minister", "he said. The minister"),
    ("What?The answer", "What? The answer"),
    ("the gardenNewsContact page", "the garden News Contact page"),
    ("the endNext part", "the end Next part"),
    ("it rained; the game was lost.That’s sport", "it rained; the game was lost. That’s sport"),
    ("in Texas.The rules", "in Texas. The rules"),
    ("of new toothbrushes.The best", "of new toothbrushes. The best"),
])
def test_glued_words_are_split(words, text, split):
    assert _fixed(text, words) == split


def test_shapes_are_found_on_every_line_that_holds_one(words):
    # Only the lines with a hint are looked at; a line's first and last words count.
    text = "Rain fell.The game\nno shape here at all\nthe endNext\nhe said.The minister and the gardenNewsContact"
    assert _fixed(text, words) == ("Rain fell. The game\nno shape here at all\nthe end Next\n"
                                   "he said. The minister and the garden News Contact")


@pytest.mark.parametrize("text", [
    "e.g.The thing", "the U.S.The", "see example.com now", "index.html is", "Mr.Smith said", "J.R.R.Tolkien",
    "version 3.1.Then", "at http://a.com/said.The x", "mail bob.Smith@x.com", "my iPhone", "McDonald",
    "JavaScript and YouTube", "call getElementById now", "use setState", "macOS", "eBay", "Node.Js",
    "console.Log(x)", "and so...This", "dbSeer said", "a roomLift or a roomLift", "WaveNet and waveNet",
    "const equalsIndex = 3", "#helloWorld", "ALL.CAPS",
    "see\nbuilder.Services\nnow", "if os.Create fails", "a decimal.Decimal value", "set numberOfFrames to",
    'the "articleNumber" field', "containerPort: 80", "componentDidMount and componentWillUnmount", "Fin.Link",
])
def test_names_code_and_addresses_stay(words, text):
    assert _fixed(text, words) == text


def test_the_edit_is_a_space(words):
    [edit] = glued.find("he said.The minister", words)
    assert (edit.start, edit.end, edit.replacement, edit.category, edit.rule) == (8, 8, " ", "whitespace",
                                                                                   "tokens/glued")
    assert "'said.'" in edit.reason and "'The'" in edit.reason


@given(st.text(alphabet="abcdefg ,\n", max_size=80))
def test_lower_case_prose_without_dots_is_never_changed(words, text):
    assert list(glued.find(text, words)) == []


def test_in_a_text_about_code_camel_case_words_are_names(words):
    # The same glue is split in prose; beside snake_case names and calls it is a variable.
    assert _fixed("the gardenNewsContact page", words) == "the garden News Contact page"
    code = "Set user_name with save() first.\nThen the gardenNewsContact value is read.\n"
    assert _fixed(code, words) == code


def test_in_a_text_about_code_a_member_is_no_sentence_end(words):
    code = "Call close_all() and then flush().\nUnlike the base logging.Handler class, it logs.\n"
    assert _fixed(code, words) == code
    assert _fixed("Call close_all() first.\nThe rain stopped.The game went on.\n", words) == \
        "Call close_all() first.\nThe rain stopped. The game went on.\n"
