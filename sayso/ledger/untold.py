"""Two reports of one article, one naming no party at all: one happening told without its
parties (sayso.ledger.identity, within an article).

"While Clinton has voiced concern over ... Emanuel's situation, she has not called for him to
resign" and "calling on Rahm Emanuel to resign"; "It's a terrorist attack!" and "the attack whose
terrorist nature cannot be denied": the extraction gives the bare one no actor and no recipient,
so neither a shared participant nor two parties against each other decide. The evidence is the
trigger stem and sentences that share more than it (a content word besides, cosine at least
SIMILAR_UNTOLD), when nothing
tells them apart: the bare sentence names the other's named parties (not "to secure their
release", Reagan's hostages, against "the release of Mr. Abedini"), both are told as happening
or both not (not "the apparent attack" and "the fanatics that want to attack her"), and neither
is a series, happenings of a kind ("called for attacks using vehicles") or told with its own
month or year ("a terrorist attack in November").
"""
from __future__ import annotations

from typing import Any

from sayso.ledger.number import generic
from sayso.ledger.stems import WORD
from sayso.ledger.trigger import dated_after

SIMILAR_UNTOLD = 0.25  # content-word cosine of the two sentences (tuned on the dev and train pairs)
HAPPENING = frozenset({"occurred", "ongoing", "claimed"})  # statuses telling it as happening


def bare(r: Any) -> bool:
    """A report that gives no actor and no recipient, named or not ("The inquiry has ...")."""
    return not r.row["actor_name"] and not r.row["recipient_name"]


def untold_parties(a: Any, b: Any, similarity: float) -> bool:
    """a and b (sayso.ledger.identity.Report, one article, one trigger stem) are one happening,
    one of them told without its parties."""
    if not (bare(a) or bare(b)) or similarity < SIMILAR_UNTOLD or not (a.words & b.words) - {a.stem}:
        return False  # sentences sharing no more than the trigger ("The defection embarrassed ...", "His defection ...")
    if "plural" in (a.number, b.number) or _of_a_kind(a) or _of_a_kind(b) or _dated(a) or _dated(b):
        return False
    return told_alike(a, b) and _names_them(a, b) and _names_them(b, a)


def told_alike(a: Any, b: Any) -> bool:
    """Both told as happening (occurred, ongoing, claimed) or both not (planned, possible, ...)."""
    return (a.row["status"] in HAPPENING) == (b.row["status"] in HAPPENING)


def _names_them(r: Any, e: Any) -> bool:
    """A bare report's sentence names a named party of the other (by the head of its name), or
    the other names none (a country as a whole does not count)."""
    if not bare(r):
        return True
    heads = {t[1:] for t in e.actor | e.recipient if t[0] == "^" and t[1] != "@"}
    return not heads or bool(heads & set(WORD.findall((r.row["sentence"] or "").lower())))


def _of_a_kind(r: Any) -> bool:
    return generic(r.row["trigger"], r.row["sentence"], r.at)


def _dated(r: Any) -> bool:
    return dated_after(r.row["trigger"] or "", r.row["sentence"] or "", r.at)
