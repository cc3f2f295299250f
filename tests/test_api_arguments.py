"""The library's first hour: wrong argument types and values fail at once, with a message that names them."""

from __future__ import annotations

import pytest

import cleaner as api  # the module; `cleaner` is the shared Cleaner fixture
from cleaner import Cleaner, Settings, UnsupportedFormatError, load_rules

TEXT = "The council met on Tuesday and approved the budget for the year.\n"


@pytest.mark.parametrize(("source", "named"), [
    (42, "int"), (None, "None"), (["a"], "list"), (3.5, "float"), ({"text": "a"}, "dict"),
])
def test_a_source_that_is_not_text_or_bytes_is_a_type_error(cleaner, source, named):
    for call in (cleaner.clean, api.clean):
        with pytest.raises(TypeError) as info:
            call(source)
        assert str(info.value) == f"expected str or bytes, got {named}"


@pytest.mark.parametrize("wrap", [bytearray, memoryview], ids=["bytearray", "memoryview"])
def test_bytearray_and_memoryview_are_bytes(cleaner, wrap):
    data = TEXT.encode()
    assert cleaner.clean(wrap(data)).text == cleaner.clean(data).text == TEXT


@pytest.mark.parametrize(("keyword", "value", "message"), [
    ("url", 123, "url must be a str or None, got int"),
    ("url", b"https://example.com/", "url must be a str or None, got bytes"),
    ("format", None, "format must be a str, got None"),
    ("name", 7, "name must be a str, got int"),
])
def test_a_keyword_of_the_wrong_type_is_a_type_error(cleaner, keyword, value, message):
    with pytest.raises(TypeError) as info:
        cleaner.clean(TEXT, **{keyword: value})
    assert str(info.value).startswith(message)


def test_an_unknown_format_is_a_value_error_listing_the_formats(cleaner):
    with pytest.raises(ValueError, match="'txt'.*'auto', 'text', 'html' or 'extracted'") as info:
        cleaner.clean(TEXT, format="txt")
    assert isinstance(info.value, UnsupportedFormatError)  # and still a CleanerError for corpus runs


def test_module_clean_checks_its_keywords_too():
    with pytest.raises(TypeError, match="url must be a str or None, got int"):
        api.clean(TEXT, url=123)
    with pytest.raises(ValueError, match="'markdown'"):
        api.clean(TEXT, format="markdown")


def test_cleaner_refuses_rules_and_settings_of_the_wrong_type():
    with pytest.raises(TypeError, match=r"expects a RuleSet, got str \(load rule files with cleaner.load_rules"):
        Cleaner(rules="my-rules/")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects a Settings, got dict"):
        Cleaner(rules=load_rules(), settings={"keep": ["caption"]})  # type: ignore[arg-type]


def test_an_unknown_kept_category_is_refused_with_the_closest_and_the_list():
    with pytest.raises(ValueError) as info:
        Settings(keep=frozenset({"wether-widget"}))
    message = str(info.value)
    assert "'wether-widget' (did you mean 'weather-widget'?)" in message
    assert "caption" in message and "editor-credit" in message  # the valid ones are listed


def test_a_str_for_keep_is_a_type_error_not_a_set_of_letters():
    with pytest.raises(TypeError, match=r"expects a set of category names, got str .*keep=\{'caption'\}"):
        Settings(keep="caption")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="category names"):
        Settings(keep={"caption", 3})  # type: ignore[arg-type]


def test_keep_takes_any_iterable_of_categories_and_holds_a_frozenset():
    settings = Settings(keep=["caption", "editor-credit"])  # type: ignore[arg-type]
    assert settings.keep == frozenset({"caption", "editor-credit"})
    assert hash(settings) == hash(Settings(keep=frozenset({"caption", "editor-credit"})))


def test_module_clean_reuses_one_cleaner(monkeypatch):
    """Loading and compiling the rules is most of a short document's cost: `clean` does it once."""
    from cleaner.ruleset import load

    loads = []
    real = load.builtin_rule_paths
    monkeypatch.setattr(load, "builtin_rule_paths", lambda: loads.append(1) or real())
    first = api.clean(TEXT + "\nSource link\n", format="text")
    second = api.clean(TEXT + "\nSource link\n", format="text")
    assert len(loads) <= 1
    assert first.text == second.text == TEXT
