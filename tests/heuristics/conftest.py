"""The heuristics cases table (cases.yaml): loading, checking its shape, and the shared fixtures.

Every test that asks for `case` runs once per case of the table, with the case
id as its test id. The table is checked before any case runs: a typo in a key,
a rule id or a category would otherwise make a check that can never fail.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable

import pytest
import yaml

import cleaner as cleaner_package
from cleaner import Cleaner, load_rules
from cleaner.categories import REMOVAL_CATEGORIES

CASES = Path(__file__).with_name("cases.yaml")

DOCUMENT_KEYS = {"prose", "head", "middle", "tail", "middle_after", "text", "format"}
FORMATS = ("text", "extracted")
BUILT_KEYS = {"head", "middle", "tail", "middle_after"}
LINE_LISTS = {"head", "middle", "tail", "removed", "keep", "in_output", "gone"}
FLAGS = {"nothing_removed", "keep_prose", "unchanged", "idempotent"}
EXPECTATIONS = {"removals", "removed", "keep", "in_output", "gone"} | FLAGS
CASE_KEYS = {"id", "why", "xfail"} | DOCUMENT_KEYS | EXPECTATIONS
REMOVAL_KEYS = {"rule", "lines", "includes", "category", "reason_contains"}
ID = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")


@functools.cache
def _table() -> dict:
    table = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    problems = _problems(table)
    if problems:
        raise pytest.UsageError(f"{CASES}:\n  " + "\n  ".join(problems))
    return table


@functools.cache
def _heuristic_rules() -> frozenset[str]:
    """The rule ids the heuristics stage can report, read from its source."""
    package = Path(cleaner_package.__file__).parent
    sources = [package / "stages" / "heuristics.py", *(package / "heuristics").glob("*.py")]
    return frozenset(m for path in sources for m in re.findall(r'"(heuristics/[a-z-]+)"', path.read_text("utf-8")))


def _problems(table: object) -> list[str]:
    if not isinstance(table, dict) or set(table) != {"prose", "cases"} or not isinstance(table["prose"], dict) \
            or not isinstance(table["cases"], list):
        return ["the table is a mapping of `prose` (sets of paragraphs by name) and `cases` (a list)"]
    prose = table["prose"]
    problems = [f"prose {name!r}: a list of paragraphs" for name, paragraphs in prose.items()
                if not _is_lines(paragraphs) or not paragraphs]
    seen: set[str] = set()
    for n, case in enumerate(table["cases"], 1):
        if not isinstance(case, dict):
            problems.append(f"case #{n}: a mapping")
            continue
        where = f"case {case.get('id', f'#{n}')!r}"
        if str(case.get("id")) in seen:
            problems.append(f"{where}: the id is used twice")
        seen.add(str(case.get("id")))
        problems += [f"{where}: {p}" for p in _case_problems(case, prose)]
    return problems


def _case_problems(case: dict, prose: dict) -> list[str]:
    problems = [f"unknown key {key!r}" for key in sorted(set(case) - CASE_KEYS)]
    if not isinstance(case.get("id"), str) or not ID.fullmatch(case["id"]):
        problems.append("`id` is required: snake_case letters and digits")
    if not isinstance(case.get("why"), str) or not case["why"].strip():
        problems.append("`why` is required: what the case guards against")
    if "text" in case and (BUILT_KEYS & set(case) or not isinstance(case["text"], str)):
        problems.append("`text` is the whole document (a string), not combined with head/middle/tail")
    if case.get("prose", "english") not in prose:
        problems.append(f"no prose named {case.get('prose', 'english')!r}")
    if case.get("format", "text") not in FORMATS:
        problems.append("`format` is text (a page's text, the default) or extracted (an extractor's output)")
    if not isinstance(case.get("middle_after", 0), int):
        problems.append("`middle_after` is a number of paragraphs")
    problems += [f"`{key}` is a list of lines" for key in sorted(LINE_LISTS & set(case)) if not _is_lines(case[key])]
    problems += [f"`{key}` is a flag: write `{key}: true` or leave it out" for key in sorted(FLAGS & set(case))
                 if case[key] is not True]
    if not EXPECTATIONS & set(case):
        problems.append("no expectation: a case checks at least one of " + ", ".join(sorted(EXPECTATIONS)))
    if case.get("removed") == [] or (case.get("nothing_removed") and "removed" in case):
        problems.append("say `nothing_removed: true` for no removals; `removed` lists the lines that go")
    if "xfail" in case and not isinstance(case["xfail"], str):
        problems.append("`xfail` is the reason the case fails today")
    removals = case.get("removals", [])
    if not isinstance(removals, list):
        return [*problems, "`removals` is a list of {rule, lines | includes, category, reason_contains}"]
    return problems + [p for expect in removals for p in _removal_problems(expect)]


def _removal_problems(expect: object) -> list[str]:
    if not isinstance(expect, dict):
        return ["each of `removals` is a mapping"]
    rule = expect.get("rule")
    where = f"removals of {rule!r}"
    problems = [f"{where}: unknown key {key!r}" for key in sorted(set(expect) - REMOVAL_KEYS)]
    if rule not in _heuristic_rules():
        problems.append(f"{where}: not a rule of the heuristics stage ({', '.join(sorted(_heuristic_rules()))})")
    if "lines" in expect and "includes" in expect:
        problems.append(f"{where}: `lines` (exactly these) or `includes` (at least these), not both")
    if not set(expect) - {"rule"}:
        problems.append(f"{where}: nothing to check")
    problems += [f"{where}: `{key}` is a list of lines" for key in ("lines", "includes")
                 if key in expect and not _is_lines(expect[key])]
    if expect.get("includes") == []:
        problems.append(f"{where}: `includes: []` checks nothing; `lines: []` says the rule removed nothing")
    if "category" in expect and expect["category"] not in REMOVAL_CATEGORIES:
        problems.append(f"{where}: unknown category {expect['category']!r}")
    words = expect.get("reason_contains", [])
    if not (isinstance(words, str) or _is_lines(words)):
        problems.append(f"{where}: `reason_contains` is a string or a list of strings")
    return problems


def _is_lines(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" in metafunc.fixturenames:
        params = [pytest.param(case, id=case["id"], marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)]
                               if "xfail" in case else []) for case in _table()["cases"]]
        metafunc.parametrize("case", params)


@pytest.fixture(scope="session")
def prose() -> dict[str, list[str]]:
    """The table's sets of prose paragraphs, by name ("english", "german", ...)."""
    return _table()["prose"]


@pytest.fixture(scope="session")
def bare() -> Cleaner:
    """A cleaner without rule files: only the built-in stages (heuristics among them) run."""
    return Cleaner(rules=load_rules(builtin=False))


@pytest.fixture(scope="session")
def article(prose) -> Callable[..., str]:
    """`article(*middle, head=(), tail=(), prose="english", middle_after=3)`: the head lines, the
    first `middle_after` paragraphs of the prose, the middle lines, the other paragraphs and the
    tail lines, one blank line between each two, and a final line break."""

    paragraph_sets = prose

    def build(*middle: str, head=(), tail=(), prose: str = "english", middle_after: int = 3) -> str:
        paragraphs = paragraph_sets[prose]
        parts = [*head, *paragraphs[:middle_after], *middle, *paragraphs[middle_after:], *tail]
        return "\n\n".join(parts) + "\n"

    return build


@pytest.fixture(scope="session")
def removed() -> Callable[..., list[str]]:
    """`removed(result, rule=None)`: the non-blank lines removed (by `rule`), stripped, in order;
    one edit may remove a run of lines."""

    def lines(result, rule: str | None = None) -> list[str]:
        return [line.strip() for e in result.edits if e.is_removal and (rule is None or e.rule == rule)
                for line in result.source_text[e.start:e.end].splitlines() if line.strip()]

    return lines
