"""Loading rule files: YAML to validated `RuleSet`s, with every problem located.

A rule file is YAML data (loaded with a subclass of `yaml.CSafeLoader`, the
safe loader in libyaml's C, where PyYAML was built with it, else of
`yaml.SafeLoader`: no tags, no code; a file that fails is read again by
`yaml.SafeLoader` for its more precise messages). It says where it applies and lists rules; every rule carries
examples. `load_rules` validates everything before returning and raises one
`RuleFileError` naming file, line and rule id for every problem it found.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Union

import regex
import yaml

from ..categories import CATEGORIES
from ..errors import RuleFileError, RuleProblem, type_name
from .model import (ACTIONS, LINE_ACTIONS, ZONES, Applies, Examples, FixExample, Origin, Rule, RuleFile, RuleSet,
                    duplicate_names)
from .pattern import MAX_COMPILED_NODES, compiled_nodes
from .sources import RuleSource, installed_sources

_FILE_KEYS = frozenset({"name", "description", "applies", "rules"})
_APPLIES_KEYS = frozenset({"always", "domains", "markers"})
_RULE_KEYS = frozenset(
    {"id", "category", "action", "line", "pattern", "replacement", "zone", "description", "examples", "__line__"}
)
_EXAMPLE_KEYS = frozenset({"drop", "keep", "fix", "__line__"})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_GROUP_REF = re.compile(r"\\(\d+)|\\g<([^>]*)>")


class _LineNumbers:
    """A safe loader's part that records the line of every mapping, for located errors."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _LineLoader(_LineNumbers, yaml.SafeLoader):
    """PyYAML's own safe loader, with lines."""


# libyaml's parser reads the built-in rule files ten times faster than PyYAML's own; a file
# it refuses is read again by PyYAML's, whose messages say more ("unknown escape character 'd'").
if getattr(yaml, "__with_libyaml__", False):
    class _FastLineLoader(_LineNumbers, yaml.CSafeLoader):
        """libyaml's safe loader, with lines."""
else:
    _FastLineLoader = _LineLoader  # type: ignore[misc,assignment]


def builtin_rule_paths() -> list[Path]:
    """The rule files shipped inside the package (generic, templates, sites)."""
    try:
        root = Path(str(resources.files("cleaner.rules")))
    except ModuleNotFoundError:
        # Running from a checkout that was never installed: the top-level rules/ folder.
        root = Path(__file__).resolve().parents[2] / "rules"
    # Our own folder: links are followed (an editable install may be a tree of links).
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


PathArg = Union[str, os.PathLike]


def load_rules(paths: PathArg | Iterable[PathArg] | None = None, *, builtin: bool = True,
               installed: bool = True) -> RuleSet:
    """Load rule files: the built-ins, the installed ones (rule packs, the user's rules
    folder, CLEANER_RULES: `cleaner.ruleset.sources`), then `paths` (files or folders of
    *.yaml), in that order of precedence; validate all up front.

    `paths` is one path (a str or path-like) or an iterable of them.
    `installed=False` leaves the installed rule files out, for runs that must not
    depend on the machine (tests, reproducible corpus runs).
    """
    problems: list[RuleProblem] = []
    sources = [RuleSource(Origin("built-in"), path) for path in builtin_rule_paths()] if builtin else []
    if installed:
        sources += installed_sources(problems)
    sources += [RuleSource(Origin("given"), path) for path in _given_paths(paths, problems)]
    return load_sources(sources, problems)


def load_sources(sources: Iterable[RuleSource], problems: list[RuleProblem] | None = None) -> RuleSet:
    """Load the rule files of `sources`, each marked with its origin. A file reached by
    several sources (a folder both installed and given) is read once, as part of the
    last, most specific one."""
    problems = [] if problems is None else problems
    files: dict[Path, tuple[Path, Origin]] = {}
    for source in sources:
        if source.origin.kind != "given" and not source.path.exists():
            problems.append(RuleProblem(str(source.path), None, None,
                                        f"no such rule file or folder (named by {source.origin})"))
            continue
        for path in _expand(source.path, problems):
            key = path.resolve()
            files.pop(key, None)
            files[key] = (path, source.origin)
    loaded = []
    for path, origin in files.values():
        rule_file = _load_file(path, problems)
        if rule_file is not None:
            loaded.append(replace(rule_file, origin=origin))
    problems.extend(duplicate_names(loaded))
    if problems:
        raise RuleFileError(problems)
    return RuleSet(tuple(loaded))


def _given_paths(paths: Any, problems: list[RuleProblem]) -> list[Path]:
    """The paths `load_rules` was given, as a list; a type that is no path is refused by name.

    A lone str is one path, never an iterable of one-letter paths ("/" would
    read every YAML file on the machine). An empty str is a problem, not
    Path(""), which is the current folder.
    """
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        items = [paths]
    elif isinstance(paths, Iterable) and not isinstance(paths, (bytes, bytearray, memoryview, Mapping)):
        items = list(paths)
    else:
        raise TypeError(f"load_rules expects a path or an iterable of paths, got {type_name(paths)}")
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            shown = "" if item is None else f" {item!r:.60}"
            raise TypeError(f"load_rules expects a path or an iterable of paths, got a {type_name(paths)} "
                            f"holding {type_name(item)}{shown}")
    if "" in items:
        problems.append(RuleProblem("''", None, None, "empty path: name a rule file or folder"))
    return [Path(item) for item in items if item != ""]


def _expand(path: Path, problems: list[RuleProblem]) -> list[Path]:
    """A rule file as given (even a link: the user named it), or the rule files in a folder."""
    if path.is_dir():
        return _folder_rule_files(path, problems)
    if not path.exists():
        problems.append(RuleProblem(str(path), None, None, "no such rule file or folder"))
        return []
    return [path]


def _folder_rule_files(folder: Path, problems: list[RuleProblem]) -> list[Path]:
    """The *.yaml / *.yml files under `folder`, never reached through a symbolic link.

    A link inside a rules folder could point anywhere (another user's files,
    a device); it is reported instead of followed, so that what is read is
    exactly the folders named and what they contain.
    """
    found = []
    for root, dirs, files in os.walk(folder):  # followlinks=False: linked folders are not entered
        for name in sorted(dirs + files):
            path = Path(root) / name
            is_rule_file = path.suffix in (".yaml", ".yml")
            if path.is_symlink() and (is_rule_file or name in dirs):
                problems.append(RuleProblem(str(path), None, None, "symbolic link in a rules folder: not followed "
                                            "(pass its target to --rules to use it)"))
            elif is_rule_file and path.is_file():
                found.append(path)
    return sorted(found)


def _load_file(path: Path, problems: list[RuleProblem]) -> RuleFile | None:
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(RuleProblem(where, None, None, f"cannot read: {exc}"))
        return None
    return _parse_text(text, where, problems)


def load_rule_text(text: str, where: str) -> RuleFile:
    """One rule file from its YAML text (a file drafted in memory); `where` names it in
    problems. Raises `RuleFileError` as `load_rules` does."""
    problems: list[RuleProblem] = []
    rule_file = _parse_text(text, where, problems)
    if problems or rule_file is None:
        raise RuleFileError(problems)
    return rule_file


def _parse_text(text: str, where: str, problems: list[RuleProblem]) -> RuleFile | None:
    try:
        try:
            data = yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a safe loader's subclass
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - the same, for its message
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problems.append(RuleProblem(where, line, None, f"invalid YAML: {_yaml_problem(exc)}"))
        return None
    except RecursionError:  # PyYAML builds nested collections recursively
        problems.append(RuleProblem(where, None, None, "invalid YAML: nested too deeply for a rule file"))
        return None
    return _parse_file(data, where, problems)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or exc)
    if "unknown escape character" in problem:  # "^\d+$" in double quotes: the usual first mistake
        problem += " (in double quotes a backslash starts an escape: write patterns in single quotes, '^\\d+ views$')"
    return problem


def _parse_file(data: Any, where: str, problems: list[RuleProblem]) -> RuleFile | None:
    if not isinstance(data, dict):
        problems.append(RuleProblem(where, None, None, "a rule file must be a mapping with 'name', 'applies' and 'rules'"))
        return None
    line = data.get("__line__")
    before = len(problems)
    _check_keys(data, _FILE_KEYS | {"__line__"}, where, line, None, problems)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(RuleProblem(where, line, None, "'name' is required and must be a non-empty string"))
    applies = _parse_applies(data.get("applies"), where, line, problems)
    rules = _parse_rules(data.get("rules"), str(name), where, line, problems)
    if len(problems) > before or applies is None:
        return None
    return RuleFile(str(name), where, str(data.get("description", "")), applies, tuple(rules))


def _check_keys(mapping: dict, allowed: frozenset[str], where: str, line: int | None, rule_id: str | None,
                problems: list[RuleProblem]) -> None:
    for key in mapping:
        if key not in allowed:
            problems.append(RuleProblem(where, line, rule_id, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed - {'__line__'}))})"))


def _parse_applies(value: Any, where: str, line: int | None, problems: list[RuleProblem]) -> Applies | None:
    if not isinstance(value, dict):
        problems.append(RuleProblem(where, line, None, "'applies' is required: a mapping with always, domains or markers"))
        return None
    line = value.get("__line__", line)
    _check_keys(value, _APPLIES_KEYS | {"__line__"}, where, line, None, problems)
    always = value.get("always", False)
    domains = _string_list(value.get("domains", []), "applies.domains", where, line, problems)
    markers = _string_list(value.get("markers", []), "applies.markers", where, line, problems)
    if not isinstance(always, bool):
        problems.append(RuleProblem(where, line, None, "'applies.always' must be true or false"))
    if not (always is True or domains or markers):
        problems.append(RuleProblem(where, line, None, "'applies' needs always: true, domains or markers"))
    return Applies(always is True, tuple(d.lower().removeprefix("www.") for d in domains), tuple(markers))


def _string_list(value: Any, what: str, where: str, line: int | None, problems: list[RuleProblem],
                 rule_id: str | None = None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(RuleProblem(where, line, rule_id, f"{what!r} must be a list of non-empty strings"))
        return []
    return value


def _parse_rules(value: Any, file_name: str, where: str, line: int | None, problems: list[RuleProblem]) -> list[Rule]:
    if not isinstance(value, list) or not value:
        problems.append(RuleProblem(where, line, None, "'rules' is required: a non-empty list of rules"))
        return []
    rules, seen = [], {}
    for item in value:
        rule = _parse_rule(item, file_name, where, line, problems)
        if rule is None:
            continue
        if rule.id in seen:
            problems.append(RuleProblem(where, rule.source_line, rule.id, f"duplicate rule id (first at line {seen[rule.id]})"))
            continue
        seen[rule.id] = rule.source_line
        rules.append(rule)
    return rules


def _parse_rule(item: Any, file_name: str, where: str, file_line: int | None,
                problems: list[RuleProblem]) -> Rule | None:
    if not isinstance(item, dict):
        problems.append(RuleProblem(where, file_line, None, "each rule must be a mapping"))
        return None
    line = item.get("__line__", file_line)
    rule_id = item.get("id")
    before = len(problems)
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        problems.append(RuleProblem(where, line, None, f"'id' must be lower-case words joined by '-', got {rule_id!r}"))
        rule_id = None
    _check_keys(item, _RULE_KEYS, where, line, rule_id, problems)
    category = item.get("category")
    if category not in CATEGORIES:
        problems.append(RuleProblem(where, line, rule_id, f"unknown category {category!r} (one of: {', '.join(sorted(CATEGORIES))})"))
    action = item.get("action")
    if action not in ACTIONS:
        problems.append(RuleProblem(where, line, rule_id, f"unknown action {action!r} (one of: {', '.join(sorted(ACTIONS))})"))
        return None
    zone = item.get("zone", "any")
    if zone not in ZONES:
        problems.append(RuleProblem(where, line, rule_id, f"unknown zone {zone!r} (one of: head, tail, any)"))
    compiled = _compile(item, action, where, line, rule_id, problems)
    replacement = _replacement(item, action, compiled, where, line, rule_id, problems)
    examples = _parse_examples(item.get("examples"), action, where, line, rule_id, problems)
    if len(problems) > before or compiled is None or examples is None:
        return None
    return Rule(rule_id, file_name, category, action, compiled, zone, str(item.get("description", "")),
                examples, replacement, line)


def _compile(item: dict, action: str, where: str, line: int | None, rule_id: str | None,
             problems: list[RuleProblem]) -> Any:
    key = "line" if action in LINE_ACTIONS else "pattern"
    other = "pattern" if key == "line" else "line"
    if other in item:
        problems.append(RuleProblem(where, line, rule_id, f"action {action!r} takes '{key}', not '{other}'"))
    source = item.get(key)
    if not isinstance(source, str) or not source:
        problems.append(RuleProblem(where, line, rule_id, f"'{key}' is required: a non-empty regular expression"))
        return None
    flags = regex.MULTILINE if key == "pattern" else 0
    try:
        nodes = compiled_nodes(source)  # read before compiling, which no timeout covers
        if nodes > MAX_COMPILED_NODES:
            problems.append(RuleProblem(where, line, rule_id, f"regular expression {source!r} is too big: its "
                                        f"counted repeats expand to about {nodes:,} copies (limit {MAX_COMPILED_NODES:,})"))
            return None
        compiled = regex.compile(source, flags)
    except regex.error as exc:
        problems.append(RuleProblem(where, line, rule_id, f"invalid regular expression {source!r}: {exc}"))
        return None
    if compiled.search("") is not None:
        problems.append(RuleProblem(where, line, rule_id, f"regular expression {source!r} matches the empty string"))
        return None
    return compiled


def _replacement(item: dict, action: str, compiled: Any, where: str, line: int | None, rule_id: str | None,
                 problems: list[RuleProblem]) -> str:
    value = item.get("replacement")
    if action != "replace":
        if value is not None:
            problems.append(RuleProblem(where, line, rule_id, f"'replacement' only goes with action 'replace', not {action!r}"))
        return ""
    if not isinstance(value, str):
        problems.append(RuleProblem(where, line, rule_id, "action 'replace' needs 'replacement' (a string; \"\" deletes)"))
        return ""
    if compiled is not None:
        for number, name in _GROUP_REF.findall(value):
            missing = (number and int(number) > compiled.groups) or (
                name and name not in compiled.groupindex and not (name.isdigit() and int(name) <= compiled.groups))
            if missing:
                problems.append(RuleProblem(where, line, rule_id, f"replacement refers to group {number or name!r}, which the pattern does not define"))
    return value


def _parse_examples(value: Any, action: str, where: str, line: int | None, rule_id: str | None,
                    problems: list[RuleProblem]) -> Examples | None:
    if not isinstance(value, dict):
        problems.append(RuleProblem(where, line, rule_id, "'examples' is required: drop/fix and keep lists that are run as tests"))
        return None
    line = value.get("__line__", line)
    _check_keys(value, _EXAMPLE_KEYS, where, line, rule_id, problems)
    keep = _string_list(value.get("keep", []), "examples.keep", where, line, problems, rule_id)
    if action == "replace":
        fixes = _parse_fixes(value.get("fix"), where, line, rule_id, problems)
        if not fixes or not keep:
            problems.append(RuleProblem(where, line, rule_id, "a 'replace' rule needs at least one 'fix' and one 'keep' example"))
        return Examples((), tuple(keep), tuple(fixes))
    drop = _string_list(value.get("drop", []), "examples.drop", where, line, problems, rule_id)
    if not drop or not keep:
        problems.append(RuleProblem(where, line, rule_id, "a rule needs at least one 'drop' and one 'keep' example"))
    return Examples(tuple(drop), tuple(keep), ())


def _parse_fixes(value: Any, where: str, line: int | None, rule_id: str | None,
                 problems: list[RuleProblem]) -> list[FixExample]:
    fixes = []
    for item in value or []:
        if not (isinstance(item, dict) and isinstance(item.get("in"), str) and isinstance(item.get("out"), str)):
            problems.append(RuleProblem(where, line, rule_id, "each 'fix' example must be a mapping with 'in' and 'out' strings"))
            continue
        fixes.append(FixExample(item["in"], item["out"]))
    return fixes
