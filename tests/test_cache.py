"""The cache of derived data: read back only when its header and shape check out, rebuilt
when stale or damaged, never needed (an unwritable folder or CLEANER_CACHE=off means no
cache), and never a cause of different output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.cache import Cache, is_trusted, key_of
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.stoplists import SHARDS, Built, Stoplists, shard_of
from cleaner.ruleset.match import CompiledRules
from cleaner.ruleset.re2set import translation, translations

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.raw.txt"))
PATTERNS = [r"^\d+ views$", r"(?i)^share (?:this|on)\b", r"^(?=.{0,40}$)Photo: .+"]


def _is_dict(data) -> bool:
    return isinstance(data, dict)


# --------------------------------------------------------------------------- the cache itself


def test_data_is_read_back_under_its_key_only(tmp_path):
    cache = Cache(tmp_path)
    cache.write("x.json", "key-1", {"a": [1, 2]})
    assert cache.read("x.json", "key-1", _is_dict) == {"a": [1, 2]}
    assert cache.read("x.json", "key-2", _is_dict) is None  # stale
    assert cache.read("other.json", "key-1", _is_dict) is None  # missing
    assert cache.read("x.json", "key-1", lambda data: "b" in data) is None  # fails the caller's check
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]  # no temporary file left behind


@pytest.mark.parametrize("content", [b"", b"\xff\xfe not utf-8", b"{truncated", b"[1, 2]", b'{"format": 1}',
                                     b'{"format": "cleaner-cache/1", "version": "0", "key": "k", "data": {}}'])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, content):
    (tmp_path / "x.json").write_bytes(content)
    assert Cache(tmp_path).read("x.json", "k", _is_dict) is None


def test_a_truncated_file_is_ignored_and_rebuilt(tmp_path):
    cache = Cache(tmp_path)
    cache.write("x.json", "k", {"words": list(range(100))})
    whole = (tmp_path / "x.json").read_bytes()
    (tmp_path / "x.json").write_bytes(whole[: len(whole) // 2])  # a writer killed mid-file, or a full disk
    assert cache.read("x.json", "k", _is_dict) is None
    cache.write("x.json", "k", {"words": list(range(100))})
    assert (tmp_path / "x.json").read_bytes() == whole


NOBODY = 65534


def _stat(mode: int, uid: int) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, uid, uid, 0, 0, 0, 0))


def test_only_files_this_user_alone_can_write_are_trusted():
    me = os.getuid()
    assert is_trusted(_stat(0o100600, me)) and is_trusted(_stat(0o040755, me))
    assert not is_trusted(_stat(0o100600, NOBODY if me != NOBODY else 0))  # another user's
    assert not is_trusted(_stat(0o100620, me)) and not is_trusted(_stat(0o100602, me))  # group or others may write
    assert not is_trusted(_stat(0o040777, me))


def _saved(tmp_path: Path) -> tuple[Cache, Path]:
    folder = tmp_path / "cache"
    cache = Cache(folder)
    cache.write("x.json", "k", {"a": 1})
    assert cache.read("x.json", "k", _is_dict) == {"a": 1}
    return cache, folder


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_cache_others_can_write_is_ignored_without_error(tmp_path, where):
    cache, folder = _saved(tmp_path)
    target = folder / "x.json" if where == "file" else folder
    target.chmod(target.stat().st_mode | 0o022)
    assert cache.read("x.json", "k", _is_dict) is None
    _rebuilt_only_in_a_folder_of_ours(cache, folder, where)


def _rebuilt_only_in_a_folder_of_ours(cache: Cache, folder: Path, where: str) -> None:
    """A file not to be trusted in a folder of ours is replaced by a new one of ours; in a folder
    not to be trusted nothing is written. Neither is an error."""
    cache.write("x.json", "k2", {"b": 2})
    assert json.loads((folder / "x.json").read_text(encoding="utf-8"))["key"] == ("k2" if where == "file" else "k")
    assert (cache.read("x.json", "k2", _is_dict) == {"b": 2}) is (where == "file")


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_cache_of_another_user_is_ignored_without_error(tmp_path, where):
    cache, folder = _saved(tmp_path)
    target = folder / "x.json" if where == "file" else folder
    if os.getuid() == 0:  # root can give the file away; anyone else tests the check on a made-up stat
        os.chown(target, NOBODY, NOBODY)
        assert cache.read("x.json", "k", _is_dict) is None
        _rebuilt_only_in_a_folder_of_ours(cache, folder, where)
    else:
        assert not is_trusted(_stat(target.stat().st_mode, os.getuid() + 1))


RACER = """
import json, sys, time
from pathlib import Path
from cleaner.cache import Cache
from cleaner.ruleset.re2set import translations
folder, go, patterns = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
found = translations(patterns, Cache(folder))
print(json.dumps(sorted((p, t and [t.pattern, t.exact]) for p, t in found.items())))
"""


def test_eight_processes_racing_on_an_empty_cache_agree_without_error(tmp_path):
    folder, go = tmp_path / "cache", tmp_path / "go"
    patterns = PATTERNS + [rf"^(?:Tag|Topic) {n}: \w+$" for n in range(40)]
    expected = translations(patterns, Cache(None))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(folder), str(go), json.dumps(patterns)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(8)]
    go.touch()  # all start together, on an empty cache
    for racer in racers:
        out, err = racer.communicate(timeout=300)
        assert racer.returncode == 0 and err == "", err
        assert json.loads(out) == [[p, t and [t.pattern, t.exact]] for p, t in sorted(expected.items())]
    assert [p.name for p in folder.iterdir()] == ["re2-translations.json"]  # one file, no temporary left
    assert translations(patterns, Cache(folder)) == expected


def test_a_check_that_trips_on_the_wrong_shape_means_a_miss(tmp_path):
    cache = Cache(tmp_path)
    cache.write("x.json", "k", [1, 2])
    assert cache.read("x.json", "k", lambda data: data["key"] == 1) is None


def test_an_unwritable_folder_is_no_cache_and_no_error(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cache = Cache(blocked / "cache")  # cannot be created under a file
    cache.write("x.json", "k", {"a": 1})
    assert cache.read("x.json", "k", _is_dict) is None


def test_the_variable_names_the_folder_or_switches_the_cache_off(tmp_path):
    assert Cache.default({"CLEANER_CACHE": str(tmp_path)}).folder == tmp_path
    for off in ("off", "0", "no", "FALSE"):
        assert Cache.default({"CLEANER_CACHE": off}).folder is None
    assert Cache.default({}).folder is not None  # the user's cache folder (the tests' own, see conftest)


def test_keys_tell_apart_parts_that_join_to_the_same_text():
    assert key_of(["ab", "c"]) != key_of(["a", "bc"])
    assert key_of(["a", b"b"]) == key_of([b"a", "b"])


# --------------------------------------------------------------------------- RE2 translations


def _cache_file(folder: Path) -> Path:
    return folder / "re2-translations.json"


def test_translations_are_saved_and_read_back(tmp_path):
    cache = Cache(tmp_path)
    first = translations(PATTERNS, cache)
    assert first == {p: translation(p) for p in PATTERNS}
    saved = json.loads(_cache_file(tmp_path).read_text(encoding="utf-8"))["data"]
    assert set(saved) == set(PATTERNS)
    assert translations(PATTERNS, cache) == first


def test_stale_translations_are_rebuilt(tmp_path):
    cache = Cache(tmp_path)
    translations(PATTERNS, cache)
    saved = json.loads(_cache_file(tmp_path).read_text(encoding="utf-8"))
    saved["key"] = "translated by other code"
    saved["data"] = {p: ["(?:wrong)", True] for p in PATTERNS}
    _cache_file(tmp_path).write_text(json.dumps(saved), encoding="utf-8")
    assert translations(PATTERNS, cache) == {p: translation(p) for p in PATTERNS}
    rewritten = json.loads(_cache_file(tmp_path).read_text(encoding="utf-8"))
    assert rewritten["key"] != "translated by other code" and "(?:wrong)" not in json.dumps(rewritten)


@pytest.mark.parametrize("data", [{"^x$": ["x", "yes"]}, {"^x$": [1, True]}, {"^x$": "x"}, ["^x$"]])
def test_translations_of_the_wrong_shape_are_rebuilt(tmp_path, data):
    cache = Cache(tmp_path)
    translations(["^x$"], cache)
    saved = json.loads(_cache_file(tmp_path).read_text(encoding="utf-8"))
    saved["data"] = data
    _cache_file(tmp_path).write_text(json.dumps(saved), encoding="utf-8")
    assert translations(["^x$"], cache) == {"^x$": translation("^x$")}


# --------------------------------------------------------------------------- stoplists


def test_stoplists_read_from_the_files_equal_justexts():
    import justext

    stoplists = Stoplists(Cache(None))
    assert stoplists.names == tuple(sorted(justext.get_stoplists()))
    built = Built.from_files(stoplists.folder, stoplists.names)
    assert built.words == tuple(frozenset(w.casefold() for w in justext.get_stoplist(n)) for n in stoplists.names)


WORDS = "the council said that it would not be held on the day and the people of the town".split()


def _detected(folder: Path | None) -> tuple:
    found = Stoplists(Cache(folder))
    language = _lexicon_with(found).detect(WORDS, 0.1)
    return language, [tuple(found.languages_of(w)) for w in WORDS]


def _lexicon_with(stoplists: Stoplists) -> Lexicon:
    lexicon = Lexicon()
    vars(lexicon)["stoplists"] = stoplists
    return lexicon


def test_stoplist_index_is_saved_in_parts_and_read_back(tmp_path):
    reference = _detected(None)
    assert reference[0].name == "English"
    assert _detected(tmp_path) == reference  # builds and saves
    assert len(list(tmp_path.glob("stopword-index-*.json"))) == SHARDS
    assert _detected(tmp_path) == reference  # reads the parts


@pytest.mark.parametrize("wrong", [[10_000], [-1], ["0"], [True], [1.5], "0", None],
                         ids=["no-such-language", "negative", "string", "bool", "float", "not-a-list", "null"])
def test_a_damaged_stoplist_part_is_rebuilt(tmp_path, wrong):
    _detected(tmp_path)
    damaged = tmp_path / f"stopword-index-{shard_of('the'):02d}.json"
    saved = json.loads(damaged.read_text(encoding="utf-8"))
    saved["data"]["the"] = wrong
    damaged.write_text(json.dumps(saved), encoding="utf-8")
    assert _detected(tmp_path) == _detected(None)
    assert json.loads(damaged.read_text(encoding="utf-8"))["data"]["the"] != wrong
    damaged.write_bytes(b"\x00garbage")
    assert _detected(tmp_path) == _detected(None)
    assert json.loads(damaged.read_text(encoding="utf-8"))["key"]


# --------------------------------------------------------------------------- whole runs


def _results(fast: bool) -> list[tuple]:
    cleaner = Cleaner()
    if fast:  # the RE2 sets (and their cached translations) from the first document
        vars(cleaner)["_compiled"] = CompiledRules.of(cleaner.rules, warm_after=0)
    out = []
    for path in SEEDS:
        result = cleaner.clean(path.read_text(encoding="utf-8"), format="text")
        out.append((result.text, result.edits, result.kept, result.notices))
    return out


@pytest.mark.parametrize("fast", [False, True], ids=["plain", "fast-paths"])
def test_seeds_clean_the_same_with_and_without_the_cache(tmp_path, monkeypatch, fast):
    monkeypatch.setenv("CLEANER_CACHE", "off")
    without = _results(fast)
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    assert _results(fast) == without  # fills the cache
    assert any(tmp_path.iterdir())
    assert _results(fast) == without  # reads it
