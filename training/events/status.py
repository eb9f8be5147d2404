"""Train the status model (sayso/data/status_model.json.gz) from the team's annotations.

    .venv/bin/python -m training.events.status              # tune C on dev, report dev, save (train + dev)
    .venv/bin/python -m training.events.status --train-only # save the model fitted on train alone
    .venv/bin/python -m training.events.status --no-save    # only the figures
    .venv/bin/python -m training.events.status --no-save --folds 5  # and the train split by cross-validation

One example per gold event of the labelled documents (annotations/events, docs/annotation.md):
the features of sayso/stages/events/status_model.py at the gold trigger's head, the gold
status as the label and the rules' status as a feature. A multinomial logistic regression
(scikit-learn, fixed seed) is fitted on train with C chosen on dev (status agreement over the
gold events, status given the right trigger, as the events stage would set it); the shipped
model is refitted on train + dev with that C, as the trigger model is
(training/events/train.py calls `train` with the documents it parsed). Test is never read.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any, Optional

from sayso.stages.events.credit import report_attribution
from sayso.stages.events.denial import status_with_denial
from sayso.stages.events.model import Linear
from sayso.stages.events.status_model import StatusModel, cue_lemma, status_names

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)


@dataclass(frozen=True)
class Example:
    features: dict
    gold: str
    rule: str
    split: str
    where: tuple[str, int, int]  # document, trigger start, end


def rule_status(head: Any, category: Any, lex: Any) -> str:
    """The status the events stage gives the event from the rules (a THREATEN made is threatened)."""
    status, _ = status_with_denial(head, lex, category.said)
    return "threatened" if category.name == "THREATEN" and status in ("occurred", "ongoing") else status


def attribution_cue(draft: Any, head: Any, start: int, end: int, lex: Any, said: bool) -> Optional[str]:
    """The lemma of the cue of the attribution the event rests on, None for the article itself."""
    return cue_lemma(draft.doc, draft.attributions, report_attribution(head, start, end, lex, draft.attributions, said))


def examples(parsed: list[tuple[Any, list[Any]]], ontology: Any, splits: tuple[str, ...] = ("train", "dev")) -> list[Example]:
    """One example per gold event with a status in the documents of `splits`."""
    out = []
    lex = ontology.status
    for draft, golds in parsed:
        for g in golds:
            if not g.event or g.status is None or g.split not in splits or g.category not in ontology.categories:
                continue
            span = draft.doc.char_span(g.trigger[0], g.trigger[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            head, category = span.root, ontology.categories[g.category]
            rule = rule_status(head, category, lex)
            cue = attribution_cue(draft, head, g.trigger[0], g.trigger[1], lex, category.said)
            out.append(Example(status_names(head, g.category, rule, lex, cue), g.status, rule, g.split,
                               (g.doc, g.trigger[0], g.trigger[1])))
    return out


def fit(rows: list[Example], c: float) -> Linear:
    from training.events.train import fit as fit_linear

    return fit_linear([x.features for x in rows], [x.gold for x in rows], c)


def category(x: Example) -> str:
    return next(k[4:] for k in x.features if k.startswith("cat="))


def rare_categories(rows: list[Example]) -> tuple[str, ...]:
    """Categories with fewer than MIN_CLASS gold events in train + dev (training/events/train.py):
    their status is left to the rules, as their events are."""
    from training.events.train import MIN_CLASS

    counts: dict[str, int] = {}
    for x in rows:
        counts[category(x)] = counts.get(category(x), 0) + 1
    return tuple(sorted(c for c, n in counts.items() if n < MIN_CLASS))


def agreement(model: StatusModel, rows: list[Example]) -> float:
    return 100.0 * sum(model.status(x.features, x.rule, category(x)) == x.gold for x in rows) / max(len(rows), 1)


def tune(rows: list[Example], rare: tuple[str, ...] = ()) -> tuple[float, dict[float, float]]:
    """The C with the best dev agreement of the model fitted on train, and every C's figure."""
    train = [x for x in rows if x.split == "train" and category(x) not in rare]
    dev = [x for x in rows if x.split == "dev"]
    figures = {c: agreement(StatusModel(fit(train, c), rule_categories=rare), dev) for c in C_GRID}
    return max(figures, key=lambda c: (figures[c], -c)), figures


def train(parsed: list[tuple[Any, list[Any]]], ontology: Any, train_only: bool = False) -> StatusModel:
    """The status model of the parsed labelled documents: C chosen on dev, fitted on train
    (`train_only`) or train + dev; a rare category's events are left to the rules."""
    rows = examples(parsed, ontology)
    rare = rare_categories(rows)
    dev = [x for x in rows if x.split == "dev"]
    c, figures = tune(rows, rare)
    rules = 100.0 * sum(x.rule == x.gold for x in dev) / max(len(dev), 1)
    print(f"status over {len(dev)} dev gold events: rules {rules:.1f} %, model "
          + ", ".join(f"C={k} {v:.1f} %" for k, v in figures.items()) + f"; chosen C={c}; "
          + f"left to the rules: {', '.join(rare) or 'none'}")
    fitted_on = [x for x in rows if (x.split == "train" or not train_only) and category(x) not in rare]
    return StatusModel(fit(fitted_on, c), rule_categories=rare)


def cross_validated(parsed: list[tuple[Any, list[Any]]], ontology: Any, c: float = 1.0, folds: int = 5) -> tuple[float, float]:
    """(rules, model) status agreement over the train split, each document's events scored by a
    model fitted on the other folds (documents split by a hash of their id)."""
    import hashlib

    rows = examples(parsed, ontology, ("train",))
    rare = rare_categories(examples(parsed, ontology))

    def fold(x: Example) -> int:
        return int(hashlib.sha1(x.where[0].encode()).hexdigest(), 16) % folds

    right = 0
    for k in range(folds):
        model = StatusModel(fit([x for x in rows if fold(x) != k and category(x) not in rare], c), rule_categories=rare)
        right += sum(model.status(x.features, x.rule, category(x)) == x.gold for x in rows if fold(x) == k)
    rules = sum(x.rule == x.gold for x in rows)
    return 100.0 * rules / max(len(rows), 1), 100.0 * right / max(len(rows), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--train-only", action="store_true", help="save the model fitted on train alone")
    parser.add_argument("--folds", type=int, default=0, help="also print the train split's agreement by cross-validation")
    args = parser.parse_args()
    from sayso.evaluation.event_labels import load
    from sayso.stages.events.ontology import load as load_ontology
    from training.events.examples import parse

    parsed = parse(x for x in load() if x.split in ("train", "dev"))
    if args.folds:
        rules, learned = cross_validated(parsed, load_ontology(), folds=args.folds)
        print(f"train, {args.folds}-fold by document, C=1: rules {rules:.1f} %, model {learned:.1f} %")
    model = train(parsed, load_ontology(), args.train_only)
    if not args.no_save:
        model.save()
        print("saved sayso/data/status_model.json.gz")


if __name__ == "__main__":
    main()
