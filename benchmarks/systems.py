"""The systems the quality benchmark compares, by mode, and how each is built.

A mode names the input a system gets (a field of every page):

* ``text``   [fulltext] -- clean the naive visible text of a whole page:
  identity, jusText over lines (English stoplist, and a stoplist picked per
  page by stopword overlap), cleaner-text and cleaner-text-noheur;
* ``polish`` [traf] -- polish trafilatura's default output: identity (that is
  trafilatura's own score), cleaner-polish and cleaner-polish-noheur;
* ``html``   [html] -- extract from raw HTML: trafilatura (default,
  favor_precision, favor_recall), readability-lxml, cleaner-html (text only),
  cleaner-html+report (text and report) and cleaner-html-noheur.

``-noheur`` systems run without the heuristics stage
(``Settings(heuristics=None)``, the CLI's ``--no-heuristics``): rules only.
The other cleaner systems take `Tuning`, overrides of `HeuristicSettings`
fields, so a tuning run scores candidate thresholds against the peers.
"""

from __future__ import annotations

import html as html_lib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from benchmarks.datasets import Page
from benchmarks.scoring import tokenize

if TYPE_CHECKING:
    from cleaner import Settings

MODES = ("text", "polish", "html")
MODE_INPUT: Mapping[str, str] = MappingProxyType({"text": "fulltext", "polish": "traf", "html": "html"})
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav "
    "ol p pre section summary table td th tr ul".split()
)

Extractor = Callable[[Page], str]


@dataclass(frozen=True)
class Tuning:
    """Overrides of `HeuristicSettings` fields for the cleaner systems that run heuristics."""

    # (field, value) pairs: a tuple, unlike a dict, keeps the value frozen and
    # still pickles to the worker processes.
    heuristics: tuple[tuple[str, float | int], ...] = ()

    @classmethod
    def from_json(cls, text: str) -> Tuning:
        """Parse '{"field": value}', checking every name and type against HeuristicSettings."""
        from cleaner.config import HeuristicSettings

        try:
            overrides = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"heuristics overrides are not JSON: {exc}") from exc
        if not isinstance(overrides, dict):
            raise ValueError('heuristics overrides must be a JSON object: {"field": value, ...}')
        defaults = {f.name: getattr(HeuristicSettings(), f.name) for f in fields(HeuristicSettings)}
        problems = [f"unknown field {name!r}" for name in overrides if name not in defaults]
        for name, value in overrides.items():
            if name in defaults and not fits(value, defaults[name]):
                problems.append(f"{name}: expected {type(defaults[name]).__name__}, got {value!r}")
        if problems:
            raise ValueError(f"bad heuristics overrides: {'; '.join(problems)}; fields: {', '.join(defaults)}")
        return cls(tuple(overrides.items()))

    def settings(self, heuristics: bool) -> Settings:
        """The cleaner Settings: without the heuristics stage, or with these overrides."""
        from cleaner import Settings
        from cleaner.config import HeuristicSettings

        if not heuristics:
            return Settings(heuristics=None)
        return Settings(heuristics=replace(HeuristicSettings(), **dict(self.heuristics)))


def fits(value: object, default: object) -> bool:
    """Whether `value` may replace `default`: same type, an int where a float is expected."""
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return type(value) is type(default)


@dataclass(frozen=True)
class SystemSpec:
    """A system under test; ``build`` does imports and construction once,
    untimed, so that a missing dependency is reported, not fatal."""

    name: str
    mode: str
    build: Callable[[Tuning], Extractor]

    @property
    def key(self) -> tuple[str, str]:
        return (self.mode, self.name)


def identity(field_name: str) -> Callable[[Tuning], Extractor]:
    """Output the input unchanged: the floor every cleaner must beat."""

    def build(_: Tuning) -> Extractor:
        return lambda page: getattr(page, field_name)

    return build


def lines_to_html(text: str) -> str:
    """Wrap each non-empty line in <p> so that jusText can classify lines."""
    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


def pick_stoplist(text: str, stoplists: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Stoplist of the language whose stopwords occur most often in ``text``.

    With the English list alone jusText keeps nothing on most non-English
    pages, which makes it an unfairly weak peer on multilingual sets.
    """
    tokens = tokenize(text)
    return max(stoplists.values(), key=lambda stop: sum(tok in stop for tok in tokens))


def build_justext_lines(auto_language: bool) -> Callable[[Tuning], Extractor]:
    """jusText on plain text: the classic paragraph classifier as a text peer.

    Stoplists are loaded once, untimed; with ``auto_language`` the language
    is guessed per page (timed, it is part of the system).
    """

    def build(_: Tuning) -> Extractor:
        import justext

        languages = sorted(justext.get_stoplists()) if auto_language else ["English"]
        stoplists = {lang: justext.get_stoplist(lang) for lang in languages}

        def run(page: Page) -> str:
            stoplist = pick_stoplist(page.fulltext, stoplists)
            paragraphs = justext.justext(lines_to_html(page.fulltext), stoplist)
            return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        return run

    return build


def build_trafilatura(**options: bool) -> Callable[[Tuning], Extractor]:
    """trafilatura.extract on raw HTML with `options`; None (nothing found) counts as ""."""

    def build(_: Tuning) -> Extractor:
        import trafilatura

        def run(page: Page) -> str:
            return trafilatura.extract(page.html, **options) or ""

        return run

    return build


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment into text with a line break around every block.

    Plain ``text_content()`` glues adjacent paragraphs ("end.</p><p>Next"
    becomes "end.Next"), merging tokens and unfairly costing recall.
    """
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def build_readability(_: Tuning) -> Extractor:
    """readability-lxml's main-content summary, converted to text.

    ``html_partial=True`` because with the default html/body wrapper
    readability-lxml 0.9 returns an empty body on some pages (cleveland.com
    in the scrapinghub set) although it found the article; the fragment form keeps it.
    """
    from readability import Document

    return lambda page: html_to_text(Document(page.html).summary(html_partial=True))


def build_cleaner(mode: str, heuristics: bool = True, with_report: bool = False) -> Callable[[Tuning], Extractor]:
    """The system under test; one Cleaner per system, built before timing.

    ``with_report`` also builds the report dict for every page (for HTML that
    includes the account of what extraction dropped, worked out on demand),
    so its docs/s is what a caller that keeps reports gets.
    """
    field_name = MODE_INPUT[mode]
    # Polish mode's input is trafilatura's output, and the cleaner is told so.
    fmt = {"text": "text", "polish": "extracted", "html": "html"}[mode]

    def build(tuning: Tuning) -> Extractor:
        from cleaner import Cleaner, load_rules

        # The built-in rules only: the same scores on every machine, whatever rule packs it has.
        cleaner = Cleaner(rules=load_rules(installed=False), settings=tuning.settings(heuristics))

        def run(page: Page) -> str:
            result = cleaner.clean(getattr(page, field_name), url=page.url, format=fmt)
            if with_report:
                result.report()
            return result.text

        return run

    return build


SYSTEMS: tuple[SystemSpec, ...] = (
    SystemSpec("identity", "text", identity("fulltext")),
    SystemSpec("justext-lines", "text", build_justext_lines(auto_language=False)),
    SystemSpec("justext-lines-autolang", "text", build_justext_lines(auto_language=True)),
    SystemSpec("cleaner-text", "text", build_cleaner("text")),
    SystemSpec("cleaner-text-noheur", "text", build_cleaner("text", heuristics=False)),
    SystemSpec("identity", "polish", identity("traf")),
    SystemSpec("cleaner-polish", "polish", build_cleaner("polish")),
    SystemSpec("cleaner-polish-noheur", "polish", build_cleaner("polish", heuristics=False)),
    SystemSpec("trafilatura", "html", build_trafilatura()),
    SystemSpec("trafilatura-precision", "html", build_trafilatura(favor_precision=True)),
    SystemSpec("trafilatura-recall", "html", build_trafilatura(favor_recall=True)),
    SystemSpec("readability", "html", build_readability),
    SystemSpec("cleaner-html", "html", build_cleaner("html")),
    SystemSpec("cleaner-html+report", "html", build_cleaner("html", with_report=True)),
    SystemSpec("cleaner-html-noheur", "html", build_cleaner("html", heuristics=False)),
)
SPECS_BY_KEY: Mapping[tuple[str, str], SystemSpec] = MappingProxyType({s.key: s for s in SYSTEMS})
# Whose docs/s and scores a mode's cleaner systems are compared with, run side by side.
REFERENCE_PEER: Mapping[str, str] = MappingProxyType({"text": "justext-lines-autolang", "html": "trafilatura"})


def select_systems(modes: Sequence[str], names: Sequence[str] | None) -> list[SystemSpec]:
    """Systems to run, in table order; unknown names are an error, not a no-op."""
    chosen = [s for s in SYSTEMS if s.mode in modes]
    if names is None:
        return chosen
    unknown = set(names) - {s.name for s in SYSTEMS}
    if unknown:
        known = ", ".join(dict.fromkeys(s.name for s in SYSTEMS))
        raise ValueError(f"unknown system(s): {', '.join(sorted(unknown))}; known: {known}")
    return [s for s in chosen if s.name in names]
