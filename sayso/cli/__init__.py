"""The command line: a thin caller of the library. Errors are turned into one line here.

One module per command (extract, ingest, query, export, serve, eval), each with HELP,
add_arguments(parser) and run(args) -> exit status; options.py holds what they share.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

from sayso.cli.options import configure_logging, show_warnings
from sayso.errors import SaysoError
from sayso.scale.signals import sigterm_as_sigint, stop_now

COMMANDS = ("extract", "ingest", "query", "export", "serve", "eval")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sayso",
        description="News reports to an event ledger: who says so, and how sure they are.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"sayso.cli.{name}")
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(getattr(args, "verbose", False))
    show_warnings()
    sigterm_as_sigint()
    try:
        code = args.run(args)
    except SaysoError as exc:
        print(f"sayso {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"sayso {args.command}: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        return 0
    if code == 130 and argv is None:  # the command line, stopped: no slow teardown
        stop_now(code)
    return code
