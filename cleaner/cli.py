"""The `cleaner` command. Only this module prints and chooses exit codes.

Exit codes: 0 all clean, 1 some input rejected (the rest written; or a rule
example failed), 2 usage, rule-file or output error (a usage or rule-file
error writes nothing), 130 interrupted (SIGINT/SIGTERM or a worker died).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from .categories import CATEGORIES
from .config import Settings
from .engines.local import Request, prepare, run
from .errors import InputError, Interrupted, OutputError, RuleFileError, UsageError
from .io.jsonl import JsonlFields
from .io.progress import Progress
from .pipeline import Cleaner
from .ruleset.load import load_rules
from .ruleset.model import RuleSet
from .ruleset.sources import ENTRY_POINT_GROUP, ENV_VAR, user_rules_folder

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141
RAY_FORMATS = ("jsonl", "parquet")

_CLEAN_DESCRIPTION = """\
Clean documents (plain text or HTML files), JSONL records (.jsonl, .jsonl.gz)
and the HTML pages of web archives (.warc, .warc.gz; needs 'article-cleaner[warc]').

Inputs are files, folders (searched recursively; --glob picks files) or - for
standard input. A file is JSONL if its name ends in .jsonl, .ndjson (or either
with .gz) or its first line is a JSON object (gzip is recognised by content);
a file whose (decompressed) start is a WARC version line is a WARC; anything
else is one document. For JSONL, the record's text field is cleaned and every
other field passes through untouched. A WARC gives one JSONL record per HTML
response (url, warc_record_id, warc_date, text); a response that is not an HTML
page (a PDF, a redirect) is rejected, other records (request, warcinfo,
metadata) are counted as skipped.

Outputs: one input goes to standard output, or to -o FILE. Several inputs or a
folder need -o DIR: each input's name (under its folder) is mirrored there.
Outputs appear only complete (written to a temporary file, then renamed), and
never on top of an input or outside DIR.

Output names under -o DIR: a JSONL input keeps its name; a WARC's records are
JSONL (crawl.warc.gz -> crawl.jsonl.gz). A document's clean
text is plain text named .txt: a .html, .htm, .xhtml or .text suffix becomes
.txt (page.html -> page.txt), notes.txt stays notes.txt, any other name gets
.txt added (notes.md -> notes.md.txt). If two documents of one folder would
get one name (page.html and page.txt), page.txt keeps it and page.html is
written as page.html.txt; the run says so on stderr. Clean text ends with
exactly one newline (an empty text is an empty file).

Nothing is lost: every document or record gives one output or one reject
(--rejects PATH: JSONL with source, line, byte offset, reason, the original
line; without it, rejects are listed on stderr). An interrupted run leaves only
complete outputs; --resume skips inputs whose outputs exist.

--jobs N worker processes clean in parallel; outputs keep the input order and
are the same bytes for any N. On a terminal, stderr shows a progress bar: files
done of how many (with ETA), or for JSONL the records done, with the rate and
the bytes read beside them. A one-line summary (documents or records in,
written, rejected; characters removed by category) ends the run, and --stats
writes it as JSON. --quiet silences both.

--engine ray cleans JSONL or Parquet (files or folders) on Ray Data: a local
Ray, or the cluster at --address. Every record becomes one row of a folder of
part files (-o DIR; JSONL or Parquet by --output-format, default the inputs'
format) with the clean text and, in --report-field (default report), the
same report as a local run; a record that cannot be cleaned keeps its row
with an empty text and a report whose "error" and "kind" say why (a row,
not a reject: the exit code is 0 once the folder is written).

exit codes: 0 all clean; 1 some input rejected (the rest written); 2 usage,
rule-file or output error (usage and rule-file errors write nothing);
130 interrupted (SIGINT, SIGTERM, or a worker process died); 141 the reader
of standard output went away (`cleaner clean big.jsonl | head`).
"""

_CLEAN_EPILOG = """\
examples:
  cleaner clean article.txt                       clean text to stdout
  cleaner clean article.txt --report r.json       ... and write the report
  cat page.txt | cleaner clean - --url https://example.com/a
  cleaner clean article.txt --rules my-rules/ --keep editor-credit
  cleaner clean scraped/ --glob '*.txt' -o clean/ --rejects rejects.jsonl
  cleaner clean shard.jsonl.gz -o clean.jsonl.gz --report-field report
  cleaner clean shard.jsonl -o clean.jsonl --id-field id --report clean.reports.jsonl
  cleaner clean pages.jsonl --html-field html -o clean.jsonl   (text goes to "text")
  cleaner clean shards/ -o clean/ --jobs 8 --stats stats.json   (interrupted? add --resume)
  cleaner clean crawl.warc.gz -o pages.jsonl.gz --rejects rejects.jsonl --report-field report
  zcat shard.jsonl.gz | cleaner clean - > clean.jsonl
  cleaner clean --engine ray shards/ -o clean/ --id-field id          (a local Ray; JSONL part files)
  cleaner clean --engine ray shards/ -o clean/ --output-format parquet --address auto   (join a cluster)
"""


def _rules_description() -> str:
    # Built when the parser is: the user folder is the platform's, looked up at run time.
    return f"""\
List rule files and their rules, or run their examples (every rule's drop, keep
and fix examples are its tests).

Both commands take the rule files to work on the same way: PATHs (files, or
folders of *.yaml files), and --builtin to add the built-in rule files. Without
PATHs they work on every rule file `cleaner clean` would load: the built-ins
and the installed rule files (--no-installed-rules leaves those out).

Where rule files come from, in order of precedence (a later source wins a tie
when rules of two files would remove the same line; a file that names the
page's domain wins over any other):
  built-in         shipped inside cleaner
  package NAME     installed rule packs: distributions with a '{ENTRY_POINT_GROUP}' entry point
  user folder      {user_rules_folder()}
  {ENV_VAR}    files or folders, separated by '{os.pathsep}'
  given            --rules PATH of clean and view (or the PATHs here)
`rules list` says where each file came from. See docs/rules.md.
"""


_RULES_EPILOG = """\
examples:
  cleaner rules test my-site.yaml                 test one file (fast): its results, one summary line
  cleaner rules test my-rules/ --builtin          ... and every built-in rule file too
  cleaner rules test                              every rule file cleaning would load
  cleaner rules list my-rules/                    the rules of your files
  cleaner rules list --no-installed-rules         the built-ins only
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Clean scraped article text and report what was removed.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser("clean", help="clean documents, folders and JSONL", description=_CLEAN_DESCRIPTION,
                                epilog=_CLEAN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_clean_options(clean)

    view = commands.add_parser("view", help="clean one document and show every edit on an HTML page",
                               description="Clean one document and write a page that shows the source with every "
                               "removal struck through on its category's tint, every fix (encoding repairs included) "
                               "boxed as old and new text, each with the number of its reason; for HTML, the URL, "
                               "title, extraction method and the blocks extraction dropped; a legend, category "
                               "filters and the totals (the same facts as --report, for a person to read). One "
                               "self-contained file.")
    view.add_argument("input", help="a text or HTML file, or - for standard input")
    view.add_argument("-o", "--output", metavar="PAGE", help="the HTML page to write (default: stdout)")
    view.add_argument("--format", choices=("auto", "text", "html", "extracted"), default="auto",
                      help="read the input as this (extracted: text an extractor already made from a page)")
    view.add_argument("--url", help="the page's URL (selects site rule files; never fetched)")
    _add_rule_options(view)
    view.add_argument("--keep", action="append", default=[], choices=sorted(CATEGORIES), metavar="CATEGORY",
                      help="keep this category in the text (shown with a dashed outline); repeatable")
    _add_heuristics_option(view)

    learn = commands.add_parser("learn", help="draft site rule files from a site's own pages",
                                description=_LEARN_DESCRIPTION, epilog=_LEARN_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_learn_options(learn)

    rules = commands.add_parser("rules", help="list or test rule files", description=_rules_description(),
                                epilog=_RULES_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    rules.set_defaults(print_help=rules.print_help)
    rule_commands = rules.add_subparsers(dest="rules_command")
    listing = rule_commands.add_parser("list", help="list rule files and their rules, and where each file came from")
    _add_rule_selection(listing, "list")
    # Before the rule commands took positional paths, `rules list` took --rules (and added
    # the built-ins): still accepted, hidden, with a note.
    listing.add_argument("--rules", action="append", default=[], dest="legacy_rules", help=argparse.SUPPRESS)
    test = rule_commands.add_parser("test", help="run the examples of rule files")
    _add_rule_selection(test, "test")
    return parser


def _add_clean_options(clean: argparse.ArgumentParser) -> None:
    clean.add_argument("input", nargs="+", help="files, folders, or - for standard input")
    out = clean.add_argument_group("outputs")
    out.add_argument("-o", "--output", metavar="PATH",
                     help="FILE for one input (.gz: compressed JSONL), DIR for several or a folder (default: stdout)")
    out.add_argument("--report", metavar="PATH", help="JSON report: a file for one input (JSONL: one line per "
                     "record, keyed by source, line and id), a folder of NAME.report.json / NAME.reports.jsonl with -o DIR")
    out.add_argument("--rejects", metavar="PATH", help="write every reject here (JSONL) instead of listing them on stderr")
    out.add_argument("--stats", metavar="PATH", help="write the run's counts here (JSON)")
    out.add_argument("--resume", action="store_true",
                     help="skip inputs whose outputs exist (outputs only ever appear complete)")
    out.add_argument("--summary", action="store_true", help="print the one-line summary for a single document too")
    out.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    inp = clean.add_argument_group("inputs")
    inp.add_argument("--glob", action="append", default=[], metavar="PATTERN",
                     help="in folders, clean only files matching PATTERN (a name; a path if it has a /); repeatable")
    inp.add_argument("--format", choices=("auto", "text", "html", "extracted", "jsonl", "warc"), default="auto",
                     help="read every input as this (default: by name and content). extracted: the documents, "
                          "or JSONL records' text field, are an extractor's output (trafilatura, readability): "
                          "lines are then not removed for their shape alone")
    inp.add_argument("--url", help="the page's URL (selects site rule files; never fetched)")
    inp.add_argument("--encoding", metavar="CODEC", type=_codec,
                     help="the charset of document files, standard input and WARC pages without one "
                     "(e.g. cp1254, koi8-r): used unless a byte-order mark says otherwise or the bytes are "
                     "not valid in it, instead of guessing. JSONL is JSON, always Unicode: its fields are text")
    _add_field_options(clean.add_argument_group("JSONL fields"))
    run = clean.add_argument_group("cleaning")
    run.add_argument("--jobs", type=_positive, metavar="N",
                     help=f"worker processes (default: all cores, {_cpu_count()} here)")
    _add_rule_options(run)
    run.add_argument("--keep", action="append", default=[], choices=sorted(CATEGORIES), metavar="CATEGORY",
                     help="keep this category in the text (still reported); repeatable")
    run.add_argument("--repair-suspects", action="store_true",
                     help="replace each suspect token (the report's suspects) with its most likely candidate")
    _add_heuristics_option(run)
    defaults = Settings()
    limits = clean.add_argument_group("limits (a document over a size, line or time limit is rejected; a page nested too deep is read up to the limit; the reason names the limit)")
    limits.add_argument("--max-document-bytes", type=_positive, metavar="N",
                        help=f"bytes of one document or record's text (default: {defaults.max_document_bytes})")
    limits.add_argument("--max-line-chars", type=_positive, metavar="N",
                        help=f"characters of its longest line (default: {defaults.max_line_chars})")
    limits.add_argument("--max-document-seconds", type=float, metavar="S",
                        help=f"CPU seconds cleaning one document may take (default: {defaults.max_document_seconds:g})")
    limits.add_argument("--max-nesting-depth", type=_positive, metavar="N",
                        help="HTML elements nested deeper than N are not read, nor anything after them; the page is "
                             f"cleaned and its report says so (default: {defaults.html.max_nesting_depth}; "
                             "the parser reads at most 2048)")
    _add_learn_run_options(clean.add_argument_group("learning"))
    engine = clean.add_argument_group("engine")
    engine.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this machine's process pool (--jobs); ray: Ray Data, JSONL or Parquet "
                        "in, a folder of part files out (needs 'article-cleaner[ray]')")
    engine.add_argument("--address", metavar="ADDR", help="with --engine ray: the Ray cluster to join "
                        "(ray.init(address=ADDR), e.g. auto or ray://head:10001; default: start a local Ray)")
    engine.add_argument("--output-format", choices=RAY_FORMATS, help="with --engine ray: write JSONL or Parquet "
                        "part files (default: the inputs' format)")


_LEARN_DESCRIPTION = """\
Draft a rule file for each site from its own pages: the lines that recur across
a site's pages (its menus, footers, widgets; numbers and dates may vary) become
rules, with the evidence for each (on how many pages, where) as a comment.
Lines that recur but read like prose are written commented out, for review.
Pages are grouped by their URL's host (--domain puts them all under one);
a host with fewer than --min-pages pages gets no file. Inputs are read as
`cleaner clean` reads them. Read the draft, then `cleaner rules test FILE`
and `cleaner clean --rules FILE`. See docs/rules.md.
"""

_LEARN_EPILOG = """\
examples:
  cleaner learn pages/ -o rules/                 one HOST.yaml per site in rules/
  cleaner learn site.jsonl.gz -o example.yaml --html-field html
  cleaner learn saved/*.html --domain example-news.com -o example-news.yaml
"""


def _add_learn_options(learn: argparse.ArgumentParser) -> None:
    learn.add_argument("input", nargs="+", help="files or folders of one site's pages, or of many")
    learn.add_argument("-o", "--output", required=True, metavar="FILE_OR_DIR",
                       help="a .yaml file (one site), else a folder of HOST.yaml files")
    learn.add_argument("--domain", metavar="HOST", help="the site of every page, whatever its URL")
    learn.add_argument("--min-pages", type=_positive, metavar="N", help="pages a site needs for a rule file "
                       "(default: 5)")
    learn.add_argument("--glob", action="append", default=[], metavar="PATTERN",
                       help="in folders, read only files matching PATTERN; repeatable")
    learn.add_argument("--format", choices=("auto", "text", "html", "extracted", "jsonl", "warc"), default="auto",
                       help="read every input as this (default: by name and content)")
    learn.add_argument("--url", help="the URL of pages that carry none")
    learn.add_argument("--jobs", type=_positive, metavar="N", help="worker processes (default: all cores)")
    _add_field_options(learn.add_argument_group("JSONL fields"))


def _add_learn_run_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--learn", action="store_true", help="first learn each site's recurring chrome from "
                       "the inputs (a pass before cleaning), then clean with the learned rules too")
    group.add_argument("--learn-out", metavar="DIR", help="with --learn: keep the drafted rule files here")
    group.add_argument("--min-pages", type=_positive, metavar="N",
                       help="with --learn: pages a site needs for learned rules (default: 5)")


def _add_field_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--text-field", default="text", metavar="NAME", help="field to clean (default: text)")
    group.add_argument("--html-field", metavar="NAME", help="field with raw HTML, used when a record has it")
    group.add_argument("--url-field", default="url", metavar="NAME", help="field with the page URL (default: url)")
    group.add_argument("--id-field", metavar="NAME", help="field that identifies a record in rejects and reports")
    group.add_argument("--output-field", metavar="NAME",
                       help="put the clean text here (default: the text field, also when cleaning --html-field)")
    group.add_argument("--report-field", metavar="NAME", help="embed each record's report under this field")


def _add_rule_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="add a rule file or folder of rule files; repeatable (they win ties with "
                        "every other rule file: docs/rules.md, \"Precedence\")")
    parser.add_argument("--no-builtin-rules", action="store_true", help="leave out the built-in rule files")
    parser.add_argument("--no-installed-rules", action="store_true",
                        help=f"leave out the installed rule files (rule packs, the user rules folder, "
                        f"{ENV_VAR}): only the built-ins and --rules, the same on every machine")


def _add_rule_selection(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"rule files or folders to {verb} (default: every rule file cleaning would load)")
    parser.add_argument("--builtin", action="store_true", help=f"with PATHs: {verb} the built-in rule files too")
    parser.add_argument("--no-installed-rules", action="store_true",
                        help="without PATHs: leave out the installed rule files")
    parser.add_argument("--no-builtin-rules", action="store_true", help=argparse.SUPPRESS)  # the old spelling


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("article-cleaner")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _codec(value: str) -> str:
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM stops a run like Ctrl-C
    try:
        if args.command == "clean":
            return _clean(args)
        if args.command == "view":
            return _view(args)
        if args.command == "learn":
            return _learn(args)
        if args.rules_command is None:  # `cleaner rules` alone: say what it can do
            args.print_help()
            return EXIT_OK
        if args.rules_command == "list":
            return _rules_list(args)
        return _rules_test(args)
    except (RuleFileError, UsageError, OutputError) as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, Interrupted) as exc:
        why = f": {exc}" if isinstance(exc, Interrupted) else ""
        kept = ("the output folder is not written (it appears only complete)" if getattr(args, "engine", "") == "ray"
                else "complete outputs are kept, nothing partial (rerun with --resume)")
        print(f"cleaner: interrupted{why}; {kept}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (`cleaner rules list | head`): stop, as Unix
        # tools do, with the shell's code for SIGPIPE. Python flushes stdout again
        # at exit, so it is pointed at /dev/null first (the recipe in the `signal` docs).
        # A listing cut short is what `| head` asked for; cleaning cut short lost
        # output, and one line says so.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if args.command == "clean":
            print("cleaner: standard output was closed by its reader: stopped", file=sys.stderr)
        return EXIT_BROKEN_PIPE
    finally:
        signal.signal(signal.SIGTERM, previous)


def _add_heuristics_option(group) -> None:
    group.add_argument("--no-heuristics", action="store_true",
                       help="rules only: leave out the heuristics stage and the word-list repairs "
                            "(several times faster on text; chrome no rule file names stays)")


def _load(args: argparse.Namespace) -> RuleSet:
    return load_rules(args.rules, builtin=not args.no_builtin_rules, installed=not args.no_installed_rules)


def _selected(args: argparse.Namespace) -> RuleSet:
    """The rule files `rules list` and `rules test` work on: the PATHs named (and the
    built-ins with --builtin), or without PATHs every file cleaning would load."""
    legacy = getattr(args, "legacy_rules", [])
    if legacy:
        print("cleaner: `rules list --rules PATH` is now `rules list PATH --builtin`", file=sys.stderr)
    paths = [*args.paths, *legacy]
    if paths:
        return load_rules(paths, builtin=args.builtin or bool(legacy), installed=False)
    return load_rules(builtin=not args.no_builtin_rules, installed=not args.no_installed_rules)


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings(keep=frozenset(args.keep), repair_suspects=getattr(args, "repair_suspects", False))
    limits = {name: getattr(args, name) for name in ("max_document_bytes", "max_line_chars", "max_document_seconds")
              if getattr(args, name, None) is not None}
    settings = replace(settings, **limits)
    if getattr(args, "max_nesting_depth", None) is not None:
        settings = replace(settings, html=replace(settings.html, max_nesting_depth=args.max_nesting_depth))
    return replace(settings, heuristics=None) if args.no_heuristics else settings


def _clean(args: argparse.Namespace) -> int:
    if args.engine == "ray":
        return _clean_ray(args)
    _refuse_ray_options(args)
    if args.learn and "-" in args.input:
        raise UsageError("--learn reads the inputs twice: it cannot read standard input")
    request = _request(args)
    plan = prepare(request)
    rules = _load(args)
    if args.learn:
        rules = rules + _learned(args, plan, request)
    elif args.learn_out or args.min_pages:
        raise UsageError("--learn-out and --min-pages go with --learn")
    cleaner = Cleaner(rules=rules, settings=_settings(args))
    for note in plan.notes:  # said even with --quiet: an output is not where the naming rule puts it
        print(f"cleaner: {note}", file=sys.stderr)
    quiet = args.quiet or (plan.is_single_document and not args.summary)
    progress = Progress.of(plan, sys.stderr, enabled=not args.quiet and not plan.is_single_document
                           and sys.stderr.isatty())
    stats = run(cleaner, request, plan, echo=sys.stderr, progress=progress)
    if not quiet:
        print(f"cleaner: {stats.summary()}", file=sys.stderr)
    return EXIT_REJECTED if stats.has_rejects else EXIT_OK


def _learn_settings(args: argparse.Namespace):  # a LearnSettings: cleaner.learn is imported on use
    from .learn import LearnSettings

    return LearnSettings(min_pages=args.min_pages) if args.min_pages else LearnSettings()


def _learned(args: argparse.Namespace, plan, request: Request):  # a Plan in, LearnedRules out
    """The first pass of `clean --learn`: learn from the inputs, keep the drafts if asked."""
    from .learn.corpus import learn_plan

    learned = learn_plan(plan, settings=_settings(args), learn_settings=_learn_settings(args),
                         fields=request.fields, url=args.url, jobs=request.jobs, batch=request.batch)
    _tell_learned(args, learned)
    return learned


def _tell_learned(args: argparse.Namespace, learned) -> None:  # LearnedRules
    """Keep the drafted files if asked (--learn-out), and say what was learned."""
    from .learn import write_rules

    if args.learn_out:
        write_rules(learned, Path(args.learn_out))
    if not args.quiet:
        for draft in learned.drafts:
            print(f"cleaner: learned {draft.name}: {len(draft.rules)} rules from {draft.pages} pages "
                  f"({len(draft.reviews)} lines to review)", file=sys.stderr)


def _learn(args: argparse.Namespace) -> int:
    from .io.inputs import discover
    from .io.naming import Plan, Target
    from .io.records import Reject
    from .learn import write_rules
    from .learn.corpus import learn_plan

    if "-" in args.input:
        raise UsageError("cleaner learn reads files and folders, not standard input")
    fields = _learn_fields(args)
    # Inputs only: learning writes no output beside them, so none is planned.
    found = discover(args.input, args.glob, args.format)
    plan = Plan("stdout", tuple(item if isinstance(item, Reject) else Target(item, None, None) for item in found))
    learned = learn_plan(plan, settings=Settings(), learn_settings=_learn_settings(args), fields=fields,
                         url=args.url, domain=args.domain, jobs=args.jobs or _cpu_count())
    try:
        paths = write_rules(learned, Path(args.output))
    except ValueError as exc:
        raise UsageError(f"-o {args.output}: {exc}") from exc
    except OSError as exc:
        raise OutputError(f"{args.output}: cannot write: {exc.strerror or exc}") from exc
    written = {path.name.removesuffix(".yaml"): path for path in paths}
    for draft in learned.drafts:
        where = written.get(draft.host) or (paths[0] if paths and draft.rules else None)
        shown = f"-> {where}" if where else "(no rule: no file)"
        print(f"{draft.host}: {draft.pages} pages, {len(draft.rules)} rules, {len(draft.reviews)} lines to review "
              f"{shown}")
    for host, pages in learned.skipped:
        print(f"{host}: {pages} page{'s' if pages != 1 else ''}, fewer than --min-pages: no file")
    if not paths:
        print("cleaner: no rule file written", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def _learn_fields(args: argparse.Namespace) -> JsonlFields:
    return JsonlFields(text=args.text_field, html=args.html_field, url=args.url_field or None, id=args.id_field,
                       format=_text_format(args.format))


def _view(args: argparse.Namespace) -> int:
    from .io.atomic import write_atomic
    from .report.view import render

    cleaner = Cleaner(rules=_load(args), settings=_settings(args))
    name = "<stdin>" if args.input == "-" else args.input
    try:
        data = sys.stdin.buffer.read() if args.input == "-" else open(args.input, "rb").read()
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    try:
        result = cleaner.clean(data, url=args.url, format=args.format, name=name)
    except InputError as exc:
        print(f"cleaner: {name}: rejected (input-error): {exc}", file=sys.stderr)
        return EXIT_REJECTED
    page = render(result.report(), result.source_text).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(page)
    else:
        try:
            write_atomic(Path(args.output), page)
        except OSError as exc:
            raise OutputError(f"{args.output}: cannot write: {exc.strerror or exc}") from exc
    return EXIT_OK


def _text_format(given: str) -> str:
    """How a JSONL record's text field is read: the document format `--format` names, else by content."""
    return given if given in ("text", "html", "extracted") else "auto"


def _request(args: argparse.Namespace) -> Request:
    fields = JsonlFields(text=args.text_field, html=args.html_field, url=args.url_field or None, id=args.id_field,
                         output=args.output_field, report=args.report_field,
                         format=_text_format(args.format))
    output = None if args.output == "-" else args.output  # -o - is standard output
    return Request(inputs=tuple(args.input), output=output, report=args.report, rejects=args.rejects,
                   stats=args.stats, globs=tuple(args.glob), format=args.format, fields=fields, url=args.url,
                   jobs=args.jobs or _cpu_count(), resume=args.resume, encoding=args.encoding)


# Options of the local engine that have no meaning on Ray, and why: said rather than ignored.
_LOCAL_ONLY = {
    "jobs": "the actor pool grows to one actor per cluster CPU",
    "resume": "the output folder appears only complete; rerun to a new folder",
    "encoding": "Ray cleans records, whose fields are text already",
    "report": "each row carries its report in --report-field (default: report)",
    "rejects": "a record that cannot be cleaned stays a row whose report says why",
    "stats": "Ray Data reports the run's progress itself",
    "summary": "Ray Data reports the run's progress itself",
}


def _refuse_ray_options(args: argparse.Namespace) -> None:
    for option in ("address", "output_format"):
        if getattr(args, option) is not None:
            raise UsageError(f"--{option.replace('_', '-')} needs --engine ray")


def _clean_ray(args: argparse.Namespace) -> int:
    for option, why in _LOCAL_ONLY.items():
        if getattr(args, option):
            raise UsageError(f"--{option} does not apply with --engine ray ({why})")
    if args.format not in ("auto", "jsonl", "extracted"):
        raise UsageError("--engine ray cleans records (JSONL or Parquet); --format text/html needs --engine local")
    if not args.output:
        raise UsageError("--engine ray writes a folder of part files: give -o DIR")
    if importlib.util.find_spec("ray") is None:
        raise UsageError("--engine ray needs Ray: pip install 'article-cleaner[ray]'")
    from .engines.ray import RayRequest, plan_ray, run_ray  # Ray is imported only on this path

    if (args.learn_out or args.min_pages) and not args.learn:
        raise UsageError("--learn-out and --min-pages go with --learn")
    cleaner = Cleaner(rules=_load(args), settings=_settings(args))
    fields = _request(args).fields
    request = RayRequest(inputs=tuple(args.input), output=args.output, fields=fields, globs=tuple(args.glob),
                         output_format=args.output_format, url=args.url, address=args.address, quiet=args.quiet,
                         learn=_learn_settings(args) if args.learn else None)
    plan = plan_ray(request)
    learned = run_ray(cleaner, request, plan)
    if learned is not None:
        _tell_learned(args, learned)
    if not args.quiet:
        print(f"cleaner: {len(plan.files)} {plan.format} input(s) cleaned on Ray into {plan.output}/ "
              f"({plan.output_format}; reports in the '{plan.fields.report}' field)", file=sys.stderr)
    return EXIT_OK


def _rules_list(args: argparse.Namespace) -> int:
    for rule_file in _selected(args).files:
        applies = rule_file.applies
        when = "always" if applies.always else ", ".join(
            [f"domain {d}" for d in applies.domains] + [f"marker {m!r}" for m in applies.markers])
        print(f"{rule_file.name}  ({rule_file.path})  from: {rule_file.origin}  applies: {when}")
        for rule in rule_file.rules:
            print(f"  {rule.id:<34} {rule.category:<15} {rule.action:<11} zone={rule.zone}")
    return EXIT_OK


def _rules_test(args: argparse.Namespace) -> int:
    from .ruleset.examples import run_examples

    # The files a user named come first: theirs are the results they are waiting for.
    files = sorted(_selected(args).files, key=lambda f: f.origin.level, reverse=True)
    passed = failed = 0
    for rule_file in files:
        outcomes = list(run_examples(RuleSet((rule_file,))))
        failures = [o for o in outcomes if not o.passed]
        for o in failures:
            print(f"FAIL {o.path} {o.rule} [{o.kind}] {o.text!r}: {o.detail}")
        mark = "FAIL" if failures else "ok  "
        print(f"{mark} {rule_file.path}  ({rule_file.name}, {rule_file.origin}): "
              f"{len(outcomes) - len(failures)} passed, {len(failures)} failed")
        passed, failed = passed + len(outcomes) - len(failures), failed + len(failures)
    print(f"rule examples: {passed} passed, {failed} failed in {len(files)} file{'s' if len(files) != 1 else ''}")
    return EXIT_REJECTED if failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
