"""Training examples for the event model from the labelled documents: each trigger candidate
the lexicon proposes with its gold label, and each noun phrase of a true event's sentence with
whether it is the actor or the recipient. Features come from sayso/stages/events/features.py, exactly
as the events stage computes them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

from sayso.evaluation.event_corpus import read
from sayso.evaluation.event_labels import Label
from sayso.stages.events.decide import lexicon_mode, origin_of, rule_role
from sayso.stages.events.features import argument_candidates, argument_features, no_argument_features, trigger_features
from sayso.stages.events.model import NONE


@dataclass
class Examples:
    trigger: list[tuple[dict, str, str]] = field(default_factory=list)  # features, label, split
    actor: list[tuple[dict, int, str, int]] = field(default_factory=list)  # + the event's number
    recipient: list[tuple[dict, int, str, int]] = field(default_factory=list)
    has_argument: dict[int, tuple[bool, bool]] = field(default_factory=dict)  # event -> gold actor, recipient
    nobody: dict[int, tuple[dict, dict]] = field(default_factory=dict)  # event -> features of no actor, no recipient
    unmatched: int = 0
    gold_events: dict[str, int] = field(default_factory=dict)  # split -> gold events in its documents
    # (document id, trigger start, end) of each trigger example, in step with `trigger` as collect()
    # makes it (training/events/review.py); the filters of training/events/train.py do not keep it
    where: list[tuple[str, int, int]] = field(default_factory=list)


def _gold_for(labels: list[Label], start: int, end: int) -> Optional[Label]:
    exact = [x for x in labels if x.trigger == (start, end)]
    if exact:
        return exact[0]
    return next((x for x in labels if x.trigger[0] < end and start < x.trigger[1]), None)


def _root(doc: Any, span: Optional[tuple[int, int]]) -> Optional[Any]:
    if span is None:
        return None
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def candidate_matches(draft: Any, ontology: Any) -> Iterator[tuple[Any, Optional[Any]]]:
    """(match, the rules' event or None) for each candidate outside boilerplate."""
    from sayso.stages.events import _outside
    from sayso.stages.events.triggers import find_matches

    boilerplate = sorted((b.start, b.end) for b in draft.boilerplate)
    rules = {(e.trigger.start, e.trigger.end): e for e in draft.events}
    for m in find_matches(draft.doc, ontology, draft.article.text):
        if boilerplate and not _outside(boilerplate, m.start, m.end):
            continue
        yield m, rules.get((m.start, m.end))


def _stands_for(candidate: Any, gold: Optional[Any]) -> int:
    """1 when the candidate is the gold argument's head, or a relative pronoun that stands for
    it ("the preacher whom Erdogan accuses"): the events stage takes its antecedent."""
    from sayso.stages.events.arguments import resolve_relative

    return int(gold is not None and gold.i in (candidate.i, resolve_relative(candidate).i))


def _argument_examples(out: Examples, draft: Any, match: Any, gold: Label, ontology: Any) -> None:
    from sayso.stages.events import _arguments, _Entities, is_participant

    ents = _Entities(draft.entities, draft.article.text, ontology)
    rule_actor, rule_recipient = _arguments(match, ontology, ents)
    actor, recipient = _root(draft.doc, gold.actor), _root(draft.doc, gold.recipient)
    for t in argument_candidates(match.head, {x.i for x in match.tokens}):
        role = rule_role(t, rule_actor, rule_recipient)
        f = argument_features(match.head, t, gold.category, is_participant(t, "actor", ontology, ents.entity), role)
        group = len(out.trigger)  # the event these candidates belong to
        out.actor.append((f, _stands_for(t, actor), gold.split, group))
        out.recipient.append((f, _stands_for(t, recipient), gold.split, group))
    out.has_argument[len(out.trigger)] = (actor is not None, recipient is not None)
    out.nobody[len(out.trigger)] = (no_argument_features(match.head, gold.category, rule_actor is not None),
                                    no_argument_features(match.head, gold.category, rule_recipient is not None))


def parse(labels: Iterable[Label], cache: bool = True) -> list[tuple[Any, list[Label]]]:
    """Each labelled document through the pipeline up to the rules' events: (draft, labels).
    The spaCy parses come from the parse cache when it holds them (sayso/nlp/parse_cache.py,
    `cache=False` parses afresh); the stages always run."""
    from sayso.evaluation.drafts import drafts_for
    from sayso.settings import DEFAULT

    by_doc: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_doc[label.doc].append(label)
    texts = [(d, read(d).text) for d in sorted(by_doc)]
    drafts = drafts_for(texts, DEFAULT.replace(event_model=False), cache)
    return [(draft, by_doc[doc_id]) for (doc_id, _), draft in zip(texts, drafts)]


def _open_examples(out: Examples, draft: Any, golds: list[Label], taken: list[Any]) -> None:
    """Every verb the lexicon does not match (sayso/stages/events/open_candidates.py), labelled
    with the gold event it overlaps, else NONE: annotation is exhaustive per document. A gold
    event that a lexicon candidate overlaps is that candidate's, not an open verb's."""
    from sayso.stages.events import _outside
    from sayso.stages.events.open_candidates import OPEN, open_matches

    boilerplate = sorted((b.start, b.end) for b in draft.boilerplate)
    spans = [(m.start, m.end) for m in taken]
    free = [g for g in golds if not any(g.trigger[0] < e and s < g.trigger[1] for s, e in spans)]
    split = golds[0].split
    for match in open_matches(draft.doc, {t.i for m in taken for t in m.tokens}, frozenset()):
        if boilerplate and not _outside(boilerplate, match.start, match.end):
            continue
        gold = _gold_for(free, match.start, match.end)
        f = trigger_features(match.head, OPEN, False, None, "open")
        out.trigger.append((f, gold.category if gold is not None and gold.event else NONE, split))
        out.where.append((golds[0].doc, match.start, match.end))


def collect(parsed: list[tuple[Any, list[Label]]], ontology: Any, learned: Any = None, opens: bool = False) -> Examples:
    """The trigger and argument examples of the parsed documents, candidates from `ontology`.
    A candidate of a learned trigger word (`learned`: the ontology of those words alone) that
    nobody labelled is no event: annotators add every event a sentence names without a
    candidate (docs/annotation.md), so the word was seen and passed over there. With `opens`,
    every other verb is a candidate too (its features say origin=open)."""
    from sayso.stages.events.triggers import find_matches

    out = Examples()
    for draft, golds in parsed:
        split = golds[0].split
        out.gold_events[split] = out.gold_events.get(split, 0) + sum(1 for g in golds if g.event)
        if opens:
            _open_examples(out, draft, golds, find_matches(draft.doc, ontology, draft.article.text))
        for match, rule in candidate_matches(draft, ontology):
            gold = _gold_for(golds, match.start, match.end)
            f = trigger_features(match.head, match.trigger.category, len(match.tokens) > 1, rule, origin_of(match),
                                 lexicon_mode(match))
            if gold is None:
                if learned is not None and learned.lookup(match.head.lemma_.lower(), match.head.pos_):
                    out.trigger.append((f, NONE, split))
                    out.where.append((golds[0].doc, match.start, match.end))
                else:
                    out.unmatched += 1
                continue
            out.trigger.append((f, gold.category if gold.event else NONE, gold.split))
            out.where.append((gold.doc, match.start, match.end))
            if gold.event:
                _argument_examples(out, draft, match, gold, ontology)
    return out
