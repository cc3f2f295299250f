"""Where rule files come from besides the built-ins and the caller's paths.

Rule files installed once and used by every run:

- rule packs: installed Python distributions that declare an entry point in
  the group `cleaner.rules`. Its value names a package whose folder holds the
  rule files (`acme_rules = "acme_rules"`), or an attribute that holds a path
  or a package (`acme_rules = "acme_rules:RULES_DIR"`);
- the user's rules folder, `rules/` in the platform's configuration folder
  for cleaner (`user_rules_folder()`, e.g. ~/.config/cleaner/rules on Linux);
- the CLEANER_RULES variable: files or folders separated by `os.pathsep`.

`cleaner.ruleset.load.load_rules` reads them after the built-ins and before
the paths it is given; that order is their precedence, least specific
first (built-in < package < user folder < CLEANER_RULES < given), and a file
from a later source wins a tie with an earlier one (`cleaner.stages.rules`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from types import ModuleType
from typing import Mapping

import platformdirs

from ..errors import RuleProblem
from .model import Origin

ENTRY_POINT_GROUP = "cleaner.rules"
ENV_VAR = "CLEANER_RULES"


@dataclass(frozen=True)
class RuleSource:
    """A rule file or folder to load, and where it came from."""

    origin: Origin
    path: Path


def installed_sources(problems: list[RuleProblem], environ: Mapping[str, str] | None = None) -> list[RuleSource]:
    """The installed rule files and folders, in order of precedence; a rule pack that
    cannot be loaded is a problem (like a broken rule file), not silently skipped."""
    environ = os.environ if environ is None else environ
    return [*package_sources(problems), *user_folder_sources(), *env_sources(environ)]


def package_sources(problems: list[RuleProblem]) -> list[RuleSource]:
    """The folders named by the `cleaner.rules` entry points, by distribution name."""
    found = []
    for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (_distribution(e), e.name)):
        origin = Origin("package", _distribution(entry))
        try:
            path = _entry_point_path(entry)
        except Exception as exc:  # noqa: BLE001 - a pack's import may raise anything; the reason is kept
            problems.append(RuleProblem(f"entry point {entry.name} = {entry.value}", None, None,
                                        f"rule pack {origin.name!r} cannot be loaded: {exc}"))
            continue
        found.append(RuleSource(origin, path))
    return found


def user_folder_sources() -> list[RuleSource]:
    """The user's rules folder, when there is one."""
    folder = user_rules_folder()
    return [RuleSource(Origin("user-folder"), folder)] if folder.exists() else []


def user_rules_folder() -> Path:
    """`rules/` in cleaner's configuration folder of the platform (platformdirs)."""
    return Path(platformdirs.user_config_dir("cleaner")) / "rules"


def env_sources(environ: Mapping[str, str]) -> list[RuleSource]:
    """The files and folders CLEANER_RULES names (empty entries are ignored, as in PATH)."""
    value = environ.get(ENV_VAR, "")
    return [RuleSource(Origin("env"), Path(part)) for part in value.split(os.pathsep) if part]


def _distribution(entry: metadata.EntryPoint) -> str:
    dist = getattr(entry, "dist", None)
    return dist.name if dist is not None else entry.name


def _entry_point_path(entry: metadata.EntryPoint) -> Path:
    """The folder (or file) an entry point names: a package's folder, or a path attribute."""
    target = entry.load()
    if isinstance(target, ModuleType):
        if not hasattr(target, "__path__"):
            raise TypeError(f"{entry.value} is a module, not a package with a folder of rule files")
        return Path(str(resources.files(target)))
    if isinstance(target, (str, os.PathLike)):
        return Path(target)
    raise TypeError(f"{entry.value} is a {type(target).__name__}, not a package or a path")
