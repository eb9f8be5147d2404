"""Score sayso against public gold corpora, read in their published formats.

    sayso eval polnear DIR            attribution source / cue / content spans (BRAT)
    sayso eval meantime DIR           event factuality (CAT XML); --timex for time values
    sayso eval plover FILE            event category and actors (PLOVER gold-standard records)
    sayso eval geo FILE               toponym resolution within 161 km (GeoWebNews / LGL XML)
    sayso eval entities DIR           entity mentions, kinds and joining (MEANTIME CAT XML)
    sayso eval events [DIR]           events, actors and recipients on the team's own annotations
    sayso eval sources [DIR]          who each event report rests on, on the team's own labels
    sayso eval merge [PAIRS]          merge precision / recall on the team's labelled report pairs

Each prints its figures; --json prints them as JSON; --check fails (exit 1) when a score is
below its floor in eval_floors.yaml.
"""
from __future__ import annotations

import argparse
import importlib

HELP = "score sayso on a gold corpus (polnear, meantime, plover, geo, entities, events, sources, merge)"
CORPORA = ("polnear", "meantime", "plover", "geo", "entities", "events", "sources", "merge")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="corpus", required=True, metavar="CORPUS")
    for name in CORPORA:
        module = importlib.import_module(f"sayso.evaluation.{name}")
        p = sub.add_parser(name, help=module.HELP, description=module.__doc__)
        module.add_arguments(p)
        p.add_argument("--json", action="store_true", help="print the figures as JSON")
        p.set_defaults(evaluate=module.run)


def run(args: argparse.Namespace) -> int:
    return args.evaluate(args)
