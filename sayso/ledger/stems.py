"""The words of a sentence and the stem of a trigger, as linking compares them.

A crude stem (`stem`: "defected", "defection" -> "defect"; "met" -> "meet"), the content words
of a sentence (`content_words`, without the function words of
sayso/data/english_function_words.txt), the stem of a trigger's last content word
(`trigger_stem`) and the cosine of two sets of words (`cosine`). Used by sayso.ledger.identity.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from sayso.ledger.naming import TIMES

WORD = re.compile(r"[^\W\d_]+")
# Particles and prepositions of phrasal triggers ("called on", "step down", "turn away").
PARTICLES = frozenset("on in off down away up out over back again for to at with about into around through".split())


# Irregular past forms of event verbs, as their present ("met" is "meet", "the meeting").
IRREGULAR = dict(pair.split(":") for pair in """
met:meet fought:fight struck:strike shot:shoot led:lead held:hold sought:seek spoke:speak told:tell
took:take gave:give won:win lost:lose bought:buy sold:sell left:leave ran:run began:begin
threw:throw stole:steal fled:flee sent:send brought:bring caught:catch built:build paid:pay
broke:break chose:choose drove:drive rose:rise wrote:write withdrew:withdraw overthrew:overthrow
hid:hide shook:shake swore:swear tore:tear forbade:forbid forgave:forgive bore:bear flew:fly
""".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: "defected", "defecting", "defection", "defections" -> "defect"; "investigate",
    "investigation" -> "investig"; "met" ->
    "meet" (`IRREGULAR`)."""
    w = word.lower()
    w = IRREGULAR.get(w, w)
    if w.endswith(("ment", "ments")) and len(w) > 8:  # "endorsement" is "endorse"
        w = w[: w.rindex("ment")]
    if w.endswith(("ate", "ates", "ated", "ating")) and len(w[: w.rindex("at")]) >= 4:
        return w[: w.rindex("at")]  # "investigate" is "investigation" ("investig")
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ied", "ies", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)]
    return w


@lru_cache(maxsize=1)
def function_words() -> frozenset:
    text = (Path(__file__).resolve().parents[1] / "data" / "english_function_words.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def content_words(sentence: Optional[str]) -> frozenset:
    skip = function_words()
    return frozenset(stem(w) for w in WORD.findall((sentence or "").lower()) if len(w) > 2 and w not in skip)


def trigger_stem(trigger: Optional[str]) -> str:
    """The stem of the trigger's last content word: not a particle, a day or a name inside a
    phrase ("called on", "step down", "called Wednesday for", "called Alicia Machado on")."""
    found = WORD.findall(trigger or "")
    words = [w.lower() for x, w in enumerate(found) if w.lower() not in function_words()
             and not (len(found) > 1 and (w.lower() in PARTICLES or w.lower() in TIMES or (x and w[:1].isupper())))]
    return stem(words[-1]) if words else ""



def cosine(a: frozenset, b: frozenset) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0
