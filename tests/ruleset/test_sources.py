"""Where rule files come from: built-ins, rule packs, the user folder, CLEANER_RULES, given paths.

The machine's own sources never reach a test (tests/conftest.py points the
user folder at an empty temporary folder, unsets CLEANER_RULES and hides
installed rule packs); each test here makes the sources it needs.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from cleaner import Cleaner, RuleFileError, Settings, load_rules
from cleaner.ruleset.sources import user_rules_folder

RULE = """\
rules:
  - id: promo-line
    category: advertisement
    action: drop-line
    line: '^Promo: '
    examples: {drop: ["Promo: 20% off"], keep: ["A promo ran."]}
"""


def _rule_file(folder: Path, name: str, applies: str = "{always: true}") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\napplies: {applies}\n{RULE}", encoding="utf-8")
    return path


def _origins(rules) -> dict[str, str]:
    return {f.name: str(f.origin) for f in rules.files if str(f.origin) != "built-in"}


@pytest.fixture
def user_folder(tmp_path, monkeypatch) -> Path:
    config = tmp_path / "config"
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *args, **kwargs: str(config / "cleaner"))
    return config / "cleaner" / "rules"


def _rule_pack(root: Path, distribution: str, value: str, files: dict[str, str]) -> None:
    """An installed distribution on sys.path: a package with rule files and a dist-info
    folder whose entry_points.txt names it in the `cleaner.rules` group. (Each test uses
    its own package name: an imported package stays in sys.modules.)"""
    package = root / value.split(":")[0]
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(files.pop("__init__.py", ""), encoding="utf-8")
    for name, body in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(body, encoding="utf-8")
    info = root / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[cleaner.rules]\n{distribution} = {value}\n", encoding="utf-8")


def _pack_file(name: str) -> str:
    return f"name: {name}\napplies: {{always: true}}\n{RULE}"


def test_the_user_folder_is_rules_in_the_platforms_config_folder(user_folder):
    assert user_rules_folder() == user_folder
    _rule_file(user_folder, "mine")
    _rule_file(user_folder / "sites", "example", "{domains: [example.com]}")
    assert _origins(load_rules()) == {"mine": "user folder", "example": "user folder"}


def test_no_user_folder_is_no_rule_files(user_folder):
    assert not user_folder.exists()
    assert _origins(load_rules()) == {}


def test_cleaner_rules_names_files_and_folders_separated_by_pathsep(tmp_path, monkeypatch):
    single = _rule_file(tmp_path / "one", "single")
    folder = tmp_path / "many"
    _rule_file(folder, "first")
    _rule_file(folder / "deeper", "second")
    monkeypatch.setenv("CLEANER_RULES", os.pathsep.join([str(single), "", str(folder)]))
    assert _origins(load_rules()) == {"single": "CLEANER_RULES", "first": "CLEANER_RULES", "second": "CLEANER_RULES"}


def test_a_missing_cleaner_rules_path_is_an_error_that_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_RULES", str(tmp_path / "nope"))
    with pytest.raises(RuleFileError, match=r"nope: no such rule file or folder \(named by CLEANER_RULES\)"):
        load_rules()


def test_a_rule_pack_package_is_discovered_through_its_entry_point(tmp_path, monkeypatch, rule_packs):
    _rule_pack(tmp_path, "acme-rules", "acme_rules", {"sites/acme.yaml": _pack_file("acme-site"),
                                                      "generic.yml": _pack_file("acme-generic")})
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert _origins(rules) == {"acme-site": "package acme-rules", "acme-generic": "package acme-rules"}
    paths = {f.name: Path(f.path) for f in rules.files}
    assert paths["acme-site"] == tmp_path / "acme_rules" / "sites" / "acme.yaml"


def test_an_entry_point_may_name_an_attribute_holding_a_path(tmp_path, monkeypatch, rule_packs):
    module = "from pathlib import Path\nRULES = Path(__file__).parent / 'data'\n"
    _rule_pack(tmp_path, "beta-rules", "beta_rules:RULES",
               {"__init__.py": module, "data/beta.yaml": _pack_file("beta"), "notes.yaml": _pack_file("not-this")})
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _origins(load_rules()) == {"beta": "package beta-rules"}


def test_a_rule_pack_that_cannot_be_loaded_is_an_error_naming_it(tmp_path, monkeypatch, rule_packs):
    _rule_pack(tmp_path, "broken-rules", "broken_rules", {"__init__.py": "raise ImportError('no luck')\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RuleFileError, match=r"entry point broken-rules = broken_rules: .*'broken-rules' .*no luck"):
        load_rules()
    assert _origins(load_rules(installed=False)) == {}


def test_sources_load_in_order_of_precedence(tmp_path, monkeypatch, user_folder, rule_packs):
    _rule_pack(tmp_path / "site-packages", "gamma-rules", "gamma_rules", {"gamma.yaml": _pack_file("gamma")})
    monkeypatch.syspath_prepend(str(tmp_path / "site-packages"))
    _rule_file(user_folder, "mine")
    monkeypatch.setenv("CLEANER_RULES", str(_rule_file(tmp_path / "env", "env-file")))
    rules = load_rules([_rule_file(tmp_path / "given", "given-file")])
    assert [(f.name, str(f.origin)) for f in rules.files if str(f.origin) != "built-in"] == [
        ("gamma", "package gamma-rules"), ("mine", "user folder"), ("env-file", "CLEANER_RULES"),
        ("given-file", "given")]
    assert rules.files[0].origin.kind == "built-in"
    levels = [f.origin.level for f in rules.files]
    assert levels == sorted(levels)


def test_installed_false_and_builtin_false_leave_those_sources_out(tmp_path, monkeypatch, user_folder):
    _rule_file(user_folder, "mine")
    given = _rule_file(tmp_path / "given", "given-file")
    assert [f.name for f in load_rules([given], builtin=False, installed=False).files] == ["given-file"]
    assert [f.name for f in load_rules([given], builtin=False).files] == ["mine", "given-file"]
    assert "mine" not in {f.name for f in load_rules(installed=False).files}


def test_a_file_reached_twice_is_loaded_once_as_the_more_specific_source(tmp_path, monkeypatch, user_folder):
    path = _rule_file(user_folder, "mine")
    monkeypatch.setenv("CLEANER_RULES", str(user_folder))
    rules = load_rules([path])
    assert [(f.name, str(f.origin)) for f in rules.files if f.name == "mine"] == [("mine", "given")]


def test_the_default_cleaner_uses_installed_rules(user_folder):
    _rule_file(user_folder, "mine")
    text = "The council approved the budget on Tuesday after a long debate.\n\nPromo: 20% off today\n"
    result = Cleaner(settings=Settings(heuristics=None)).clean(text, format="text")
    assert "Promo" not in result.text and "mine/promo-line" in {e.rule for e in result.edits}
    hermetic = Cleaner(rules=load_rules(installed=False), settings=Settings(heuristics=None))
    assert "Promo: 20% off" in hermetic.clean(text, format="text").text
