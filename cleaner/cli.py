"""The `cleaner` command. Only this module prints and chooses exit codes.

Exit codes: 0 clean, 1 input rejected (or a rule example failed), 2 usage or
rule-file error (nothing written), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from .categories import CATEGORIES
from .config import Settings
from .errors import CleanerError, InputError, RuleFileError
from .pipeline import Cleaner
from .report import summary
from .ruleset import RuleSet, load_rules

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

_CLEAN_EPILOG = """\
examples:
  cleaner clean article.txt                       clean text to stdout
  cleaner clean article.txt --report r.json       ... and write the report
  cat page.txt | cleaner clean - --url https://example.com/a
  cleaner clean article.txt --rules my-rules/ --keep editor-credit
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Clean scraped article text and report what was removed.")
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="clean a document", epilog=_CLEAN_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    clean.add_argument("input", help="file to clean, or - for standard input")
    clean.add_argument("-o", "--output", help="write the clean text here instead of stdout")
    clean.add_argument("--report", metavar="PATH", help="write the JSON report here")
    clean.add_argument("--url", help="the page's URL (selects site rule files; never fetched)")
    clean.add_argument("--format", choices=("auto", "text", "html"), default="auto")
    clean.add_argument("--summary", action="store_true", help="print a one-line summary to stderr")
    _add_rule_options(clean)
    clean.add_argument("--keep", action="append", default=[], choices=sorted(CATEGORIES), metavar="CATEGORY",
                       help="keep this category in the text (still reported); repeatable")

    rules = commands.add_parser("rules", help="list or test rule files")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True)
    listing = rule_commands.add_parser("list", help="list the loaded rules")
    _add_rule_options(listing)
    test = rule_commands.add_parser("test", help="run every rule's examples")
    test.add_argument("paths", nargs="*", help="rule files or folders to test (besides the built-ins)")
    test.add_argument("--no-builtin-rules", action="store_true", help="test only the given files")
    return parser


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="add a rule file or folder of rule files; repeatable")
    parser.add_argument("--no-builtin-rules", action="store_true", help="use only the --rules files")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "clean":
            return _clean(args)
        if args.rules_command == "list":
            return _rules_list(args)
        return _rules_test(args)
    except RuleFileError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _load(args: argparse.Namespace) -> RuleSet:
    return load_rules(args.rules, builtin=not args.no_builtin_rules)


def _clean(args: argparse.Namespace) -> int:
    cleaner = Cleaner(rules=_load(args), settings=Settings(keep=frozenset(args.keep)))
    name = "<stdin>" if args.input == "-" else args.input
    try:
        data = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    except OSError as exc:
        print(f"cleaner: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = cleaner.clean(data, url=args.url, format=args.format, name=name)
    except InputError as exc:
        print(f"cleaner: {name}: rejected: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except CleanerError as exc:
        print(f"cleaner: {name}: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    if args.output:
        Path(args.output).write_text(result.text, encoding="utf-8")
    else:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    report = result.report()
    if args.report:
        Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.summary:
        print(summary(report), file=sys.stderr)
    return EXIT_OK


def _rules_list(args: argparse.Namespace) -> int:
    for rule_file in _load(args).files:
        applies = rule_file.applies
        when = "always" if applies.always else ", ".join(
            [f"domain {d}" for d in applies.domains] + [f"marker {m!r}" for m in applies.markers])
        print(f"{rule_file.name}  ({rule_file.path})  applies: {when}")
        for rule in rule_file.rules:
            print(f"  {rule.id:<34} {rule.category:<15} {rule.action:<11} zone={rule.zone}")
    return EXIT_OK


def _rules_test(args: argparse.Namespace) -> int:
    from .examples import run_examples

    outcomes = list(run_examples(load_rules(args.paths, builtin=not args.no_builtin_rules)))
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        print(f"FAIL {o.path} {o.rule} [{o.kind}] {o.text!r}: {o.detail}")
    print(f"rule examples: {len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return EXIT_REJECTED if failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
