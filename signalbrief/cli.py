"""The command line: `python -m signalbrief <command> ...`.

Each command is a function taking the parsed arguments and returning an exit code.
`main` turns any `InputError` into one line per problem on stderr and exit code 2, so
every command reports bad input the same way and never with a traceback.

Nothing imported here imports pandas: the commands import what they need when they run,
so `render` starts its kernel before it pays for pandas (see signalbrief.render).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from signalbrief.casefiles import SOURCE_FILE
from signalbrief.errors import EXIT_BAD_INPUT, EXIT_OK, InputError, Problem
from signalbrief.init_case import add_init_case_parser
from signalbrief.render import add_render_parser

CONTEXT_CHARACTERS = 30


def validate_case(args: argparse.Namespace) -> int:
    """Check a case folder and say how many rows it holds."""
    from signalbrief.validate import load_case

    case = load_case(args.case_dir)
    print(f"ok: {case.n_rows()} rows in {len(case.tables())} tables")
    return EXIT_OK


def describe_context(source: str, start: int, end: int) -> str:
    """A few words either side of source[start:end], the match itself in brackets, on one line."""
    before = source[max(0, start - CONTEXT_CHARACTERS):start]
    after = source[end:end + CONTEXT_CHARACTERS]
    return " ".join(f"\u2026{before}[{source[start:end]}]{after}\u2026".split())


def locate_words(args: argparse.Namespace) -> int:
    """Print the offsets of some words in the case's source.txt, to fill quote_start and quote_end."""
    from signalbrief.validate import find_occurrences, find_with_straight_quotes, read_source

    source_path = os.path.join(args.case_dir, SOURCE_FILE)
    if not args.words.strip():
        raise InputError(Problem(source_path, message="nothing to locate: give the words to find"))
    source = read_source(args.case_dir)
    spans = find_occurrences(source, args.words)
    if not spans:
        message = f"{args.words!r} is not in {SOURCE_FILE}"
        near = find_with_straight_quotes(source, args.words)
        if near:
            start, end = near[0]
            message += f"; with other quotation marks it is at {start} {end}: {source[start:end]!r}"
        raise InputError(Problem(source_path, message=message))
    for start, end in spans:
        print(f"{start} {end}" if len(spans) == 1 else f"{start} {end}  {describe_context(source, start, end)}")
    return EXIT_OK


def add_synthesize_parser(commands: argparse._SubParsersAction) -> None:
    """Add the `synthesize` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "synthesize", help="write a synthetic case of any size, the same for the same seed",
        description=(
            "Write a complete, valid case folder (source.txt, datapackage.json and the eight tables) with "
            "invented actors, topics and outlets, for testing the report at scale. The same arguments always "
            "write the same bytes. DIR must not exist yet or be empty."
        ),
        epilog="example:\n  python -m signalbrief synthesize --signals 10000 --actors 60 --topics 12 --seed 1 /tmp/big-case",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--signals", type=int, required=True, metavar="N", help="number of signals (rows of signals.csv)")
    parser.add_argument("--actors", type=int, required=True, metavar="A", help="number of actors, at least 2")
    parser.add_argument("--topics", type=int, required=True, metavar="T", help="number of topics")
    parser.add_argument("--hypotheses", type=int, default=3, metavar="H", help="number of hypotheses (default: 3)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default: 0)")
    parser.add_argument("out_dir", type=Path, metavar="DIR", help="folder to write the case to")
    parser.set_defaults(run=run_synthesize)


def run_synthesize(args: argparse.Namespace) -> int:
    """Write the synthetic case the command line asked for and say where it went."""
    from signalbrief.synthesize import synthesize_case

    out_dir = synthesize_case(args.out_dir, args.signals, args.actors, args.topics,
                              seed=args.seed, n_hypotheses=args.hypotheses)
    print(f"wrote {args.signals} signals, {args.actors} actors, {args.topics} topics (seed {args.seed}) to {out_dir}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subcommand per verb."""
    parser = argparse.ArgumentParser(prog="python -m signalbrief", description="Work with signalbrief cases: news articles coded as signals, with their evidence.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check a case folder against the schema",
        description="Check a case folder against the schema and report every problem (exit 2 if any).",
        epilog="example:\n  python -m signalbrief validate data/russia-iran-2000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("case_dir", metavar="CASE_DIR", help="folder holding source.txt, datapackage.json and the CSV tables")
    validate.set_defaults(run=validate_case)

    locate = commands.add_parser(
        "locate", help="print the offsets of some words in a case's source.txt",
        description="Print the start and end offsets of some words in a case's source.txt, for quote_start and quote_end.",
        epilog='example:\n  python -m signalbrief locate data/russia-iran-2000 "more strict"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    locate.add_argument("case_dir", metavar="CASE_DIR", help="folder holding source.txt")
    locate.add_argument("words", metavar="WORDS", help="the exact words to find")
    locate.set_defaults(run=locate_words)

    add_render_parser(commands)
    add_init_case_parser(commands)
    add_synthesize_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; bad input of any command is printed as problems and returns 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return EXIT_BAD_INPUT
