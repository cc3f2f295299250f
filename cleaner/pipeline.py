"""Cleaner: decode, extract (HTML), repair, select rule files, run the stages, resolve the ledger."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple, Sequence

from .config import Settings
from .document import Document
from .edits import Edit, Notice, Rebase, Superseded, Suspect, apply, resolve
from .errors import UnsupportedFormatError, type_name
from .heuristics.lexicon import Lexicon
from .result import CleanResult, Source
from .ruleset.budget import RuleBudget
from .ruleset.load import load_rules
from .ruleset.match import CompiledRules, Matching
from .ruleset.model import RuleSet
from .ruleset.select import select
from .stages import Context, Stage
from .stages.decode import Decoded, decode, transport_codec
from .limits import check_size
from .stages.heuristics import Heuristics
from .stages.html.extract import Extracted, declared_charset, extract, looks_like_html
from .stages.rules import RulesStage
from .stages.tidy import BlankLines
from .stages.tokens import TokenRepairs
from .stages.words import WordRepairs
from .stages.unicode import Repaired, repair

# "extracted" is plain text an extractor already made from a page (trafilatura's,
# readability's output): the extractor judged its blocks by their shape and
# place, so the heuristics take nothing on shape alone there (`heuristics.guard`).
Format = Literal["auto", "text", "html", "extracted"]
FORMATS: tuple[str, ...] = ("auto", "text", "html", "extracted")

# Empty input is cleaned (to nothing), not rejected; the report says why the output is empty.
_NO_TEXT = Notice("input", "input/no-text", "the input has no text: it is empty or only white space")


def _source(source: object) -> str | bytes:
    """The document as str or bytes; anything else is refused by its type.

    Without this, `bytes(42)` would be 42 zero bytes, cleaned as "binary data".
    """
    if isinstance(source, (str, bytes)):
        return source
    if isinstance(source, (bytearray, memoryview)):
        return bytes(source)
    raise TypeError(f"expected str or bytes, got {type_name(source)}")


def check_arguments(*, url: object = None, format: object = "auto", name: object = "<text>") -> None:
    """Refuse a keyword of `Cleaner.clean` of the wrong type or value before any work is done."""
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be a str or None, got {type_name(url)}")
    if not isinstance(format, str):
        raise TypeError(f"format must be a str, got {type_name(format)} (one of: {', '.join(FORMATS)})")
    if format not in FORMATS:
        raise UnsupportedFormatError(f"unknown format {format!r} (use 'auto', 'text', 'html' or 'extracted')")
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type_name(name)}")


@dataclass(frozen=True)
class _Stages:
    """The stage order, written once: repairs, then removal stages, then finishing stages.

    Repairs run first, once, and the removal stages see the repaired text: a
    repair (an entity, doubled punctuation) can complete what a removal
    pattern looks for, and cleaning must reach in one call the fixpoint that
    cleaning its output again would reach. Removal stages repeat (up to
    `settings.max_rounds`) until a round removes nothing new: a removal by a
    later stage can move a line into the head or tail zone. The word repairs
    finish: they judge by the whole document (its language, the words it
    uses), which must be the lines that survive, as a second cleaning sees it.
    """

    repairs: tuple[Stage, ...]
    removals: tuple[Stage, ...]
    finishing: tuple[Stage, ...]

    @classmethod
    def of(cls, settings: Settings, lexicon: Lexicon) -> "_Stages":
        removals: tuple[Stage, ...] = (RulesStage(max_passes=settings.max_rounds),)
        if settings.heuristics is not None:
            removals += (Heuristics(settings.heuristics, lexicon),)
        finishing: tuple[Stage, ...] = (BlankLines(),)
        if settings.heuristics is not None:
            finishing = (WordRepairs(lexicon, settings.repair_suspects), *finishing)
        return cls((TokenRepairs(),), removals, finishing)


@dataclass
class _Proposals:
    """The edits stages proposed so far (in order) and their resolution, which is
    recomputed only when edits were added: a stage that proposes nothing leaves
    the next stage the same decided edits.

    An edit of a category the caller keeps (`Settings.keep`) is set aside as it
    is proposed: it is reported, never decided, so it neither swallows the
    fixes inside it nor moves the zones later stages see.
    """

    keep: frozenset[str]
    edits: list[Edit] = field(default_factory=list)
    kept: dict[Edit, None] = field(default_factory=dict)  # ordered set: later rounds propose them again
    lost: dict[Superseded, None] = field(default_factory=dict)  # losers a stage settled itself (ordered set)
    suspects: dict[Suspect, None] = field(default_factory=dict)  # ordered set, as `kept`
    _resolved: tuple[int, tuple[Edit, ...]] = (0, ())

    def add(self, edit: Edit) -> None:
        if edit.category in self.keep:
            self.kept[edit] = None
        else:
            self.edits.append(edit)

    def decided(self) -> tuple[Edit, ...]:
        if self._resolved[0] != len(self.edits):
            self._resolved = (len(self.edits), resolve(self.edits).applied)
        return self._resolved[1]

    def then(self, later: "_Proposals") -> "_Proposals":
        """These repairs and the edits `later` proposed on the repaired text, as one set of
        proposals over the text before the repairs (`cleaner.edits.Rebase`)."""
        mine, theirs = resolve(self.edits), resolve(later.edits)
        rebase = Rebase(mine.applied)
        ledger = rebase.ledger(theirs.applied)
        lost = dict.fromkeys((*self.lost, *mine.superseded, *ledger.superseded,
                              *(rebase.superseded(s) for s in (*later.lost, *theirs.superseded))))
        kept = {**self.kept, **dict.fromkeys(rebase.edit(e) for e in later.kept)}
        suspects = {**self.suspects, **dict.fromkeys(rebase.suspect(s) for s in later.suspects)}
        return _Proposals(self.keep, list(ledger.edits), kept, lost, suspects)


class _Read(NamedTuple):
    """A document as read before the stages, and how it was read (for the result)."""

    doc: Document
    decoded: Decoded
    extraction: Extracted | None
    repaired: Repaired


@dataclass(frozen=True)
class Cleaner:
    """A reusable, picklable cleaner: rules compiled once, settings fixed."""

    rules: RuleSet = field(default_factory=load_rules)
    settings: Settings = field(default_factory=Settings)
    # Stoplists for the heuristics stage, loaded on first use and kept here.
    lexicon: Lexicon = field(default_factory=Lexicon, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.rules, RuleSet):
            raise TypeError(f"Cleaner(rules=...) expects a RuleSet, got {type_name(self.rules)} "
                            "(load rule files with cleaner.load_rules(paths))")
        if not isinstance(self.settings, Settings):
            raise TypeError(f"Cleaner(settings=...) expects a Settings, got {type_name(self.settings)}")

    def __repr__(self) -> str:  # the rule set and settings in brief, not every compiled rule
        return f"Cleaner(rules={self.rules!r}, settings={self.settings!r})"

    def clean(self, source: str | bytes, *, url: str | None = None, format: Format = "auto",
              name: str = "<text>", charset: str | None = None) -> CleanResult:
        """`source` read (`_read`), then the stages run on it and their edits resolved.

        `source` is text, or bytes (bytearray and memoryview too) decoded here;
        a value of another type raises TypeError, an unknown `format` a
        ValueError (`UnsupportedFormatError`). `charset` is what the bytes'
        transport declared (an HTTP Content-Type charset): it outranks an HTML
        meta charset while the bytes are valid in it (`transport_codec`).
        """
        source = _source(source)
        doc, decoded, extraction, repaired = self._read(source, url, format, name, charset)
        rules = self._matching(doc)
        extracted = doc.format == "extracted" or (extraction is not None and extraction.method == "trafilatura")
        decided, notices = self._run_stages(doc, Context(rules, extracted))
        return self._result(source, doc, rules, decoded, repaired, decided, notices, extraction)

    def source_text(self, source: str | bytes, *, url: str | None = None, format: Format = "auto",
                    charset: str | None = None) -> str:
        """`clean(...).source_text` without running the stages: the text rules are matched
        against, as learning reads a site's pages (`cleaner.learn`)."""
        return self._read(_source(source), url, format, "<text>", charset).doc.text

    def _read(self, source: str | bytes, url: str | None, format: Format, name: str,
              charset: str | None) -> _Read:
        """The steps before the stages, in order: decode, extract (HTML only), Unicode repair."""
        check_arguments(url=url, format=format, name=name)
        check_size(source, self.settings.max_document_bytes, self.settings.max_line_chars)
        html = self.settings.html
        declared = None
        if isinstance(source, bytes):
            declared = transport_codec(charset, source) or (
                declared_charset(source, html) if format in ("auto", "html") else None)
        decoded = decode(source, self.settings.max_control_ratio, declared)
        fmt = format if format != "auto" else "html" if looks_like_html(decoded.text, html) else "text"
        extraction = extract(decoded.text, url, html) if fmt == "html" else None
        if extraction is not None:
            url = extraction.url
        repaired = repair(decoded.text if extraction is None else extraction.text, entities=fmt != "html")
        return _Read(self._document(repaired.text, name, url, fmt), decoded, extraction, repaired)

    @cached_property
    def _compiled(self) -> CompiledRules:
        return CompiledRules.of(self.rules)

    @cached_property
    def _stages(self) -> _Stages:
        return _Stages.of(self.settings, self.lexicon)

    def _document(self, text: str, name: str, url: str | None, fmt: str) -> Document:
        s = self.settings
        return Document(text, name=name, url=url, format=fmt, head_lines=s.head_lines,
                        tail_fraction=s.tail_fraction, tail_min_lines=s.tail_min_lines)

    def _matching(self, doc: Document) -> Matching:
        """The document's rule files and their matching state, with its time budget for every round."""
        budget = RuleBudget(self.settings.rule_allowance(len(doc.text), len(doc.lines)))
        return Matching(doc, select(self.rules, doc.text, doc.url), self._compiled, budget, self.settings.regex_timeout)

    def _run_stages(self, doc: Document, context: Context) -> tuple["_Proposals", list[Notice]]:
        """Repairs on `doc`, then the removal and finishing stages on the repaired text; the
        edits come back over `doc`'s text."""
        stages = self._stages
        notices: dict[Notice, None] = {}  # ordered set: a repeated round repeats its notices
        if not doc.text.strip():
            notices[_NO_TEXT] = None
        repairs = _Proposals(self.settings.keep)
        for stage in stages.repairs:
            self._propose(stage, doc, context, repairs, notices)
        fixes = repairs.decided()
        if fixes:
            fixed = self._document(apply(doc.text, fixes), doc.name, doc.url, doc.format)
            context = Context(self._matching(fixed), context.extracted)
        else:
            fixed = doc
        proposed = _Proposals(self.settings.keep)
        # Stage name -> the decided edits it last ran on and proposed no edit on. Given them
        # again, a stage proposes the same again: no edit, and notices, losers and kept
        # edits already recorded (ordered sets). So it is not asked: when the heuristics
        # find nothing, the round the rules' removals start is a round of the rules alone.
        idle: dict[str, tuple[Edit, ...]] = {}
        for _ in range(self.settings.max_rounds):
            before = len(proposed.edits)
            for stage in stages.removals:
                decided = proposed.decided()
                if idle.get(stage.name) == decided:
                    continue
                count = len(proposed.edits)
                self._propose(stage, fixed, context, proposed, notices)
                if len(proposed.edits) == count:
                    idle[stage.name] = decided
                else:
                    idle.pop(stage.name, None)
            if len(proposed.edits) == before:
                break
        for stage in stages.finishing:
            self._propose(stage, fixed, context, proposed, notices)
        return (repairs.then(proposed) if fixes else proposed), list(notices)

    @staticmethod
    def _propose(stage: Stage, doc: Document, context: Context, proposed: "_Proposals",
                 notices: dict[Notice, None]) -> None:
        for item in stage.propose(doc, proposed.decided(), context):
            if isinstance(item, Notice):
                notices[item] = None
            elif isinstance(item, Superseded):
                proposed.lost[item] = None
            elif isinstance(item, Suspect):
                proposed.suspects[item] = None
            else:
                proposed.add(item)

    def _result(self, source: str | bytes, doc: Document, rules: Matching, decoded: Decoded, repaired: Repaired,
                proposed: _Proposals, notices: Sequence[Notice], extraction: Extracted | None) -> CleanResult:
        resolution = resolve(proposed.edits)
        edits = resolution.applied
        superseded = tuple(sorted((*resolution.superseded, *proposed.lost), key=lambda s: (s.edit.start, s.edit.end)))
        kept = resolve(list(proposed.kept)).applied
        raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else bytes(source)
        info = Source(doc.name, doc.url, doc.format, len(doc.text), hashlib.sha256(raw).hexdigest())
        return CleanResult(apply(doc.text, edits), doc.text, edits, kept, superseded,
                           tuple(notices), info, decoded, repaired, rules.files, extraction,
                           tuple(sorted(proposed.suspects, key=lambda s: (s.start, s.end))))
