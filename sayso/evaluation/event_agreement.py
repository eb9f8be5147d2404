"""Agreement between two annotations of the same documents (docs/annotation.md, "Agreement").

A second annotator re-labels, blind, documents that are already labelled; the two label sets
are compared trigger by trigger. Two triggers of one document are the same trigger when their
spans overlap (the candidate words of two worksheets may differ by a word: "struck" and "struck
a deal"). Reported:

- event or not, over the triggers both judged: observed agreement and Cohen's kappa;
- category: the same label (a category or none) over the triggers both judged, and the same
  category over the triggers both call an event;
- actor and recipient, over the triggers both give the same category: the same participant
  (both none, or overlapping spans);
- events as a second annotator's precision and recall against the first: an event of one side
  counts when the other side has an event of the same category on an overlapping trigger
  (events the other side never judged count as misses), and the same over the triggers both
  judged. This is about the ceiling a model can reach when measured against one annotator.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from sayso.evaluation.event_labels import Label

Span = Optional[tuple[int, int]]


@dataclass(frozen=True)
class Agreement:
    documents: int
    judged_by_both: int
    event_agreement: float
    event_kappa: float
    label_agreement: float
    category_agreement: float
    both_events: int
    actor_agreement: float
    recipient_agreement: float
    same_category: int
    precision: float
    recall: float
    precision_judged: float
    recall_judged: float

    def lines(self) -> list[str]:
        return [
            f"documents {self.documents}, triggers judged by both {self.judged_by_both}",
            f"event or not: agreement {self.event_agreement:.1%}, Cohen's kappa {self.event_kappa:.2f}",
            f"label (category or none): {self.label_agreement:.1%}; category when both say event: "
            f"{self.category_agreement:.1%} of {self.both_events}",
            f"actor: {self.actor_agreement:.1%}, recipient: {self.recipient_agreement:.1%} "
            f"(of {self.same_category} events with the same category)",
            f"second annotation against the first: precision {self.precision:.1%}, recall {self.recall:.1%} "
            f"(over the triggers both judged: {self.precision_judged:.1%}, {self.recall_judged:.1%})",
        ]


def _overlap(a: Span, b: Span) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same_participant(a: Span, b: Span) -> bool:
    return (a is None and b is None) or _overlap(a, b)


def _by_doc(labels: Iterable[Label]) -> dict[str, list[Label]]:
    out: dict[str, list[Label]] = defaultdict(list)
    for x in labels:
        out[x.doc].append(x)
    return out


def pairs(first: Iterable[Label], second: Iterable[Label]) -> list[tuple[Label, Label]]:
    """Triggers both annotations judged, matched by overlapping spans within a document (each
    label used once, in order of position)."""
    a_docs, b_docs = _by_doc(first), _by_doc(second)
    out = []
    for doc in sorted(set(a_docs) & set(b_docs)):
        free = sorted(b_docs[doc], key=lambda x: x.trigger)
        for a in sorted(a_docs[doc], key=lambda x: x.trigger):
            b = next((y for y in free if _overlap(a.trigger, y.trigger)), None)
            if b is not None:
                free.remove(b)
                out.append((a, b))
    return out


def kappa(pairs_: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two yes/no judgements."""
    n = len(pairs_)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs_) / n
    pa, pb = sum(a for a, _ in pairs_) / n, sum(b for _, b in pairs_) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _found(events: list[Label], other: list[Label]) -> int:
    """Events of one side with an event of the same category on an overlapping trigger."""
    by_doc = _by_doc(other)
    return sum(any(y.event and y.category == x.category and _overlap(x.trigger, y.trigger) for y in by_doc[x.doc])
               for x in events)


def agreement(first: Iterable[Label], second: Iterable[Label]) -> Agreement:
    """How far a second annotation of the same documents agrees with the first (only the
    documents the second one covers are compared)."""
    b = list(second)
    docs = {x.doc for x in b}
    a = [x for x in first if x.doc in docs]
    matched = pairs(a, b)
    both = [(x, y) for x, y in matched if x.event and y.event]
    same = [(x, y) for x, y in both if x.category == y.category]
    a_events, b_events = [x for x in a if x.event], [y for y in b if y.event]
    return Agreement(
        documents=len(docs),
        judged_by_both=len(matched),
        event_agreement=_share([x.event == y.event for x, y in matched]),
        event_kappa=kappa([(x.event, y.event) for x, y in matched]),
        label_agreement=_share([x.category == y.category for x, y in matched]),
        category_agreement=_share([x.category == y.category for x, y in both]),
        both_events=len(both),
        actor_agreement=_share([_same_participant(x.actor, y.actor) for x, y in same]),
        recipient_agreement=_share([_same_participant(x.recipient, y.recipient) for x, y in same]),
        same_category=len(same),
        precision=_found(b_events, a_events) / len(b_events) if b_events else 0.0,
        recall=_found(a_events, b_events) / len(a_events) if a_events else 0.0,
        precision_judged=_share([x.category == y.category for x, y in matched if y.event]),
        recall_judged=_share([x.category == y.category for x, y in matched if x.event]),
    )
