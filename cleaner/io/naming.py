"""Where each output goes, checked before anything is written.

Output modes (`-o`):

* none: standard output, for a single input (one document, or one JSONL stream);
* a file: a single input written to that file (JSONL gzip-compressed if it ends in `.gz`);
* a folder (several inputs, a folder input, an existing folder, or a name ending in `/`):
  each input's name under its folder (a named file: its base name) mirrored under it.
  A JSONL input keeps its name; a WARC's records are JSONL (crawl.warc.gz ->
  crawl.jsonl.gz); a document's clean text is plain text named
  `.txt` (`cleaner.io.documents.text_name`: page.html -> page.txt). When two
  documents of one folder would get one name (page.html and page.txt), each
  whose name was shortened keeps its whole name instead (page.html.txt), and
  the plan's notes say so.

`--report` follows: a file beside a file output, a folder (`NAME.report.json`
per document, `NAME.reports.jsonl` per JSONL or WARC input) beside a folder output.

Safety: a mirrored name is never absolute and never has a `..` part, and its
real location (symlinks resolved) stays inside the output folder; no two
inputs share an output; no output path is an input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Literal, Sequence

from ..errors import UsageError
from .documents import text_name, whole_text_name
from .inputs import JSONL_SUFFIXES, InputFile
from .records import Reject, Unit
from .warc import WARC_SUFFIXES, output_name

OutputMode = Literal["stdout", "file", "folder"]


@dataclass(frozen=True)
class Target:
    """One input and where its outputs go (`output` None: standard output)."""

    input: InputFile
    output: Path | None
    report: Path | None

    def is_complete(self) -> bool:
        """Written by an earlier run: outputs appear only complete (atomic rename), the report first."""
        return self.output is not None and self.output.exists() and (self.report is None or self.report.exists())


@dataclass(frozen=True)
class Plan:
    mode: OutputMode
    entries: tuple[Target | Reject, ...]
    notes: tuple[str, ...] = ()   # what the plan decided that the user should hear (renamed outputs)

    @property
    def targets(self) -> list[Target]:
        return [e for e in self.entries if isinstance(e, Target)]

    @property
    def unit(self) -> Unit:
        """What the run counts: records if every input is JSONL or WARC, documents if none is."""
        kinds = {"document" if t.input.kind == "document" else "record" for t in self.targets}
        return "record" if kinds == {"record"} else "document or record" if len(kinds) > 1 else "document"

    @property
    def is_single_document(self) -> bool:
        """One document to stdout or -o FILE: no pool, no progress bar, no run summary unless asked."""
        return self.mode != "folder" and len(self.entries) == 1 and isinstance(self.entries[0], Target) \
            and self.entries[0].input.kind == "document"


def output_mode(paths: Sequence[str], output: str | None) -> OutputMode:
    several = len(paths) > 1 or any(Path(p).is_dir() for p in paths if p != "-")
    if output is None:
        if several:
            raise UsageError("several inputs or a folder need an output folder: -o DIR")
        return "stdout"
    if several or output.endswith(("/", os.sep)) or Path(output).is_dir():
        if "-" in paths:
            raise UsageError("standard input (-) goes to standard output or to one -o FILE, not to a folder")
        return "folder"
    return "file"


def make_plan(mode: OutputMode, found: Sequence[InputFile | Reject], output: str | None,
              report: str | None, side_outputs: Sequence[str | None] = ()) -> Plan:
    """Pair every input with its outputs and check the whole plan; raises `UsageError`."""
    entries: list[Target | Reject] = []
    inputs = [i for i in found if isinstance(i, InputFile)]
    names, notes = _output_names(inputs, Path(output or ".")) if mode == "folder" else ({}, [])
    for item in found:
        if isinstance(item, Reject):
            entries.append(item)
        elif mode == "folder":
            entries.append(Target(item, safe_join(Path(output or "."), names[item.rel]),
                                  safe_join(Path(report), _report_name(item)) if report else None))
        else:
            entries.append(Target(item, Path(output) if output else None, Path(report) if report else None))
    plan = Plan(mode, tuple(entries), tuple(notes))
    if mode != "folder" and len(plan.targets) > 1:
        raise UsageError("several inputs need an output folder: -o DIR")
    _check(plan, [Path(p) for p in side_outputs if p])
    return plan


def _output_names(inputs: Sequence[InputFile], root: Path) -> tuple[dict[PurePosixPath, PurePosixPath], list[str]]:
    """Each input's name under the output folder, and a note for each name changed to avoid a clash."""
    sources = {i.rel: i.source for i in inputs}
    names = {i.rel: _output_name(i) for i in inputs}
    claimants: dict[PurePosixPath, list[PurePosixPath]] = {}
    for rel, name in names.items():
        claimants.setdefault(name, []).append(rel)
    notes = []
    for name, rels in claimants.items():
        if len(rels) < 2:
            continue
        for rel in rels:
            if rel != name:  # shortened: it gives the short name up, whatever the input order
                names[rel] = whole_text_name(rel)
                others = " and ".join(sources[r] for r in rels if r != rel)
                notes.append(f"{sources[rel]} and {others} would both be written as {root.joinpath(*name.parts)}: "
                             f"{sources[rel]} is written as {root.joinpath(*names[rel].parts)}")
    return names, notes


def _output_name(item: InputFile) -> PurePosixPath:
    if item.kind == "document":
        return text_name(item.rel)
    return item.rel.with_name(output_name(item.rel.name)) if item.kind == "warc" else item.rel


def safe_join(root: Path, rel: PurePosixPath) -> Path:
    """`root/rel`, refusing any name that could land outside `root`."""
    if not rel.parts or rel.is_absolute() or ".." in rel.parts:
        raise UsageError(f"unsafe output name {str(rel)!r}: it would be written outside {root}")
    target = root.joinpath(*rel.parts)
    # The file itself is replaced, never followed; the folders above it must stay inside root.
    if not target.parent.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{target} would be written outside {root} (through a symlinked folder)")
    return target


def _report_name(item: InputFile) -> PurePosixPath:
    name = item.rel.name
    if item.kind in ("jsonl", "warc"):
        suffixes = JSONL_SUFFIXES + WARC_SUFFIXES
        stem = next((name[: -len(s)] for s in suffixes if name.lower().endswith(s)), name)
        return item.rel.with_name(stem + ".reports.jsonl")
    return item.rel.with_name(name + ".report.json")


def _check(plan: Plan, side_outputs: Sequence[Path]) -> None:
    inputs = {_identity(t.input.path): t.input.source for t in plan.targets if t.input.path is not None}
    seen: dict[Path, str] = {}
    for owner, path in _outputs(plan, side_outputs):
        where = _real(path)
        if where in seen:
            raise UsageError(f"{owner} and {seen[where]} would both be written to {path}")
        seen[where] = owner
        identity = _identity(path)
        if identity in inputs:
            raise UsageError(f"output {path} is the input {inputs[identity]}: refusing to overwrite an input")


def _outputs(plan: Plan, side_outputs: Sequence[Path]) -> Iterable[tuple[str, Path]]:
    for target in plan.targets:
        if target.output is not None:
            yield target.input.source, target.output
        if target.report is not None:
            yield f"the report of {target.input.source}", target.report
    for path in side_outputs:
        yield f"--rejects/--stats {path}", path


def _real(path: Path) -> Path:
    return path.parent.resolve() / path.name


def _identity(path: Path | None) -> tuple[int, int] | Path | None:
    """What makes two paths the same file: device and inode if it exists (hard links too), else its real path."""
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return _real(path)
    return (info.st_dev, info.st_ino)
