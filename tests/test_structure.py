"""The package's shape: no import cycle anywhere in `cleaner/`, and every doctest in it runs.

Imports are read with `ast`, not by importing: an import inside a function or
under `if TYPE_CHECKING:` is an edge too, since it ties the two modules just
the same for a reader.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # the test extra brings tomli on Python 3.10
    import tomli as tomllib

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules `path` imports (a name imported from a package counts as its submodule if it is one)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {c for c in candidates if c in modules and c != name}
    return found


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_package_has_no_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_document_knows_nothing_of_rules():
    assert not {m for m in _graph()["cleaner.document"] if m.startswith("cleaner.ruleset")}


def test_the_rule_model_imports_no_matching():
    assert _graph()["cleaner.ruleset.model"] <= {"cleaner.categories", "cleaner.document", "cleaner.errors"}


def _doctest_modules() -> list[str]:
    return [_module_name(p) for p in sorted(PACKAGE.rglob("*.py")) if ">>>" in p.read_text(encoding="utf-8")]


def test_some_modules_carry_doctests():
    assert len(_doctest_modules()) >= 3


@pytest.mark.parametrize("name", _doctest_modules())
def test_doctests_pass(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0, result


def test_every_package_folder_ships_in_the_wheel():
    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    folders = {_module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("*.py")}
    assert all((PACKAGE.parent / f.replace(".", "/") / "__init__.py").is_file() for f in folders)
    assert folders <= listed, sorted(folders - listed)
