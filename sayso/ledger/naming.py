"""The name a happening is called by in a sentence: "the Orlando shooting", "the Orlando
nightclub attack", "the Benghazi attacks", "a terrorist attack in Nice, France".

A proper noun modifying the trigger (before it, perhaps over a few lowercase words such as
"nightclub" or "truck") or the place it happened "in", "at" or "on a/the" right after it names the
happening, the way analysts name it; two reports of one category called by one name within the
merge window tell one happening (sayso.ledger.identity). A possessive ("Trump's attacks") is a
participant, not a name; days and months ("the Sunday attack") are dates; a headline in title
case gives no name (every word is capitalised there).
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.ledger.trigger import position

WORD = re.compile(r"[\w'’.-]+|[^\w\s]")
TIMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
STOPS = frozenset("""
a an the this that these those his her its their our my your whose of and or but in on at to for
by with from as after before since during than into over about against
""".split())
DETERMINERS = frozenset("a an the this these those".split())  # not "that": "said that Colonel Lasko defected"
AFTER = frozenset({"in", "at", "on"})  # "on" only before a determiner: "an attack on an Orlando nightclub"
UPPER = re.compile(r"[A-Z]")
YEAR = re.compile(r"1[89]\d\d|20\d\d")
PLACE_AFTER = re.compile(r"\s+(?i:in|at|on)\s+(?:(?i:a|an|the)\s+)?[A-Z][^\W\d_]*(?![\w])")
WINDOW = 80  # characters either side of the trigger read for a name
MAX_GAP = 2  # lowercase words between the name and the trigger ("Orlando gay nightclub shooting")


def _bare(word: str) -> str:
    """The word without a full stop ending its sentence ("Riga." but "D.C.")."""
    return word[:-1] if word.endswith(".") and word.count(".") == 1 else word


def _capitalised(word: str) -> bool:
    """A word of a name: capitalised, and so is its last hyphened part ("Al-Qaeda", not the
    adjective "ISIS-condoned")."""
    last = word.rsplit("-", 1)[-1]
    return word[:1].isupper() and last[:1].isupper() and word.replace("-", "").replace(".", "").isalpha()


def _title_case(words: list[str]) -> bool:
    alpha = [w for w in words if w[:1].isalpha() and w.lower() not in STOPS]
    return len(alpha) >= 4 and sum(w[:1].isupper() for w in alpha) >= 0.7 * len(alpha)


def happening_name(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> Optional[str]:
    """The proper name the sentence calls the happening of `trigger` by, or None (`at`: the
    trigger's offset in the sentence, `sayso.ledger.trigger.position`)."""
    if not trigger or not sentence:
        return None
    at = position(trigger, sentence, at)
    if at < 0:
        return None
    end, lo = at + len(trigger), max(0, at - WINDOW)
    name = None
    if not trigger.endswith("ed") and UPPER.search(sentence, lo, at):  # "Lasko defected": a subject, no name
        name = _modifier(WORD.findall(sentence[lo:at]))
    if name is None and PLACE_AFTER.match(sentence, end):
        name = _place_after(WORD.findall(sentence[end:end + WINDOW]))
    return None if name is None or _title_case(WORD.findall(sentence)) else name


def _modifier(before: list[str]) -> Optional[str]:
    """Capitalised words between a determiner and the trigger: "the Orlando (nightclub) attack"
    (without the determiner, "Clinton visited", the name is the verb's subject)."""
    name: list[str] = []
    gap = 0
    for word in reversed(before[-6:]):
        low = word.lower()
        if low.endswith(("'s", "’s", "'", "’")) or low in TIMES:
            return None
        if _capitalised(word) and low not in STOPS:
            name.insert(0, word)
            continue
        if name and YEAR.fullmatch(word):  # "the 2012 Benghazi attack": a date before the name
            continue
        if name or low in STOPS or not word.isalpha() or gap == MAX_GAP:
            return " ".join(name) if name and low in DETERMINERS else None
        gap += 1
    return None


def _place_after(after: list[str]) -> Optional[str]:
    if len(after) < 2 or after[0].lower() not in AFTER:
        return None
    determined = after[1].lower() in ("a", "an", "the")
    if after[0].lower() == "on" and not determined:  # "attacks on Clinton": a party
        return None
    rest = after[2:] if determined else after[1:]
    name = []
    for word in rest[:4]:
        if not _capitalised(word) or word.lower() in TIMES:
            break
        name.append(_bare(word))
        if _bare(word) != word:  # the end of the sentence
            break
    return " ".join(name) or None
