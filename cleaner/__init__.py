"""cleaner: clean scraped article text, and report exactly what was removed or changed.

    >>> from cleaner import clean
    >>> clean("The council approved the budget.\\n\\nSource link\\n", format="text").text
    'The council approved the budget.\\n'

The public API is what this module exports (`__all__`), plus five documented
modules: `cleaner.engines.batch` (`clean_batch` for pandas, Arrow and
`Dataset.map` batches), `cleaner.engines.ray` (`clean_dataset` for Ray Data),
`cleaner.integrations.datatrove` (`CleanText`, a datatrove step),
`cleaner.report.provenance` (what every cleaned record carries) and
`cleaner.report.view` (`render`, the HTML page of a report). Every other module is internal: its
names may change between releases.

The package's layout is its architecture:

    pipeline   Cleaner: decode, extract, repair, then the stages in one written order
               (token repairs, removal rounds, word repairs, tidying)
    document   the text every stage reads: lines, offsets, zones
    edits      Edit, resolve(), apply(), Rebase: all offset arithmetic
    limits     the limits that protect a batch: size, line length, CPU time
    result     CleanResult: the clean text and everything needed to explain it
    stages/    one stage per module: decode, html/, unicode, tokens, rules, heuristics, words, tidy
    repairs/   the token repairs' families: invisible, homoglyphs, spacing, hyphenation, glued, misspelt
    heuristics/  the heuristics stage's parts: features, lexicon, detectors, classify, neardup, findings,
               guard (evidence in proportion to what a finding takes)
    ruleset/   rule files: model, sources, load, select, match (scan, budget, re2set), examples;
               tokens (the one reader of regex source) and pattern (what a pattern needs)
    io/        formats only: inputs, documents, JSONL, WARC, naming, atomic writes, rejects, stats, progress
    engines/   running many documents: record (one clean_one), local, pool, worker, batch, ray
    integrations/  steps for other pipelines: datatrove
    report/    build (the report dict), provenance (what each record carries), view (the HTML page)
    learn/     drafting site rule files from a site's own pages (`learn`, `cleaner.learn.write_rules`)
"""

from __future__ import annotations

import functools

from .config import Settings
from .errors import CleanerError, InputError, RuleFileError, UnsupportedFormatError
from .learn import learn  # the function: `from cleaner.learn import write_rules` still reaches the package
from .pipeline import Cleaner
from .result import CleanResult
from .ruleset.load import load_rules
from .ruleset.model import RuleSet

__all__ = [
    "clean",
    "Cleaner",
    "CleanResult",
    "Settings",
    "RuleSet",
    "load_rules",
    "learn",
    "CleanerError",
    "InputError",
    "RuleFileError",
    "UnsupportedFormatError",
]


def clean(source: str | bytes, url: str | None = None, format: str = "auto") -> CleanResult:
    """Clean one document with the built-in and installed rules and default settings.

    The rules are loaded and compiled on the first call and reused by the
    next; a `Cleaner` of your own takes other rules or settings.
    """
    return _default_cleaner().clean(source, url=url, format=format)


@functools.cache
def _default_cleaner() -> Cleaner:
    """The one `Cleaner` that `clean` uses, built on first use (importing cleaner loads no rules)."""
    return Cleaner()
