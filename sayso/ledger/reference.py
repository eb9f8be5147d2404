"""Words around a trigger that say how it stands to the happenings told before it in its article.

A definite noun trigger ("the defection", "his meeting", "Clinton's email investigation") refers
back to a happening told before (`is_nominal`); a trigger after "next", "another", "future",
"further", "other", "same" or "any" ("prevent the next terrorist attack", "future attacks", "could
come in for further investigation", "has made the same demands of the Democratic candidates",
"turn any Trump attacks into a counterattack") tells of another happening than one told before
(`is_another`): it neither refers back nor is referred back to, and no learned link joins it
(sayso.ledger.identity); a sentence telling "other instances" or "a separate incident" is linked
to nothing in its article (`other_occasion`).
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.ledger.trigger import position

WORD = re.compile(r"[^\W\d_]+")
BREAK = re.compile(r"[,;:.!?()\"\u201c\u201d]")  # words before one of these are of another phrase

# Definite determiners before a reference back; not "that" ("a reminder that attacks ...").
DEFINITE = frozenset("the this these those his her its their our my your whose".split())

# Words before a trigger that tell of another happening than one told before: "prevent the next
# terrorist attack", "future attacks", "could come in for further investigation", a parallel one
# ("made the same demands of the Democratic candidates") or any one ("turn any Trump attacks").
ANOTHER = frozenset("next another future further other same any".split())

# Superlatives that rank a happening among others ("the largest mass shooting in American
# history", "the deadliest attack since 2001"): a description of it, not a reference back.
RANKING = frozenset("""
largest biggest greatest worst deadliest bloodiest costliest highest lowest longest most least
""".split())


# "In two other instances, Clinton had asked ...", "in a separate incident".
OCCASION = re.compile(r"\b(?:another|other|separate|different)\s+(?:instance|case|occasion|time|incident|episode)s?\b")


# "but Sanders rejected that, too.": one more of its kind ("too" ending the trigger's clause).
TOO = re.compile(r"[^.;:!?]{0,30}?\btoo\s*[.;:!?,\"\u201d]", re.I)


def is_another(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> bool:
    """One of the three words before the trigger, in its phrase, says it is another happening
    (`ANOTHER`), or "again" right after it ("agreed to meet again"): it neither refers back to an
    earlier report nor is referred back to ("on the other hand, the attack" is not)."""
    if not trigger or not sentence:
        return False
    at = position(trigger, sentence, at)
    if at < 0:
        return False
    phrase = BREAK.split(sentence[:at].lower())[-1]
    after = WORD.findall(BREAK.split(sentence[at + len(trigger):].lower())[0])[:2]
    return any(w in ANOTHER for w in WORD.findall(phrase)[-3:]) or "again" in after


def other_occasion(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> bool:
    """The sentence says that it tells another occasion than one told before ("In two other
    instances, Clinton had asked Sullivan ...", "in a separate incident", "Sanders rejected that,
    too."): within its article it is linked to no other report (`OCCASION`, `TOO`)."""
    if not trigger or not sentence:
        return False
    at = position(trigger, sentence, at)
    return at >= 0 and bool(OCCASION.search(sentence[:at].lower()) or TOO.match(sentence[at + len(trigger):]))


def is_nominal(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> bool:
    """A definite noun trigger, a reference back to a happening told before: "the defection",
    "his meeting", "Clinton's email investigation" (a definite determiner or a possessive among
    the three words before it, none of them a verb in "-ed" and no "to" between: "the move to
    ban him" is a verb); "a new investigation" is not."""
    if not trigger or not sentence:
        return False
    at = position(trigger, sentence, at)
    if at < 0 or trigger.split()[-1].lower().endswith("ed"):
        return False
    before = sentence[:at].lower().replace("\u2019", "'").split()[-3:]
    for w in reversed(before):
        w = w.strip(",;:(\"")
        if w in RANKING:
            return False  # "the largest mass shooting in American history": a description, not a reference
        if w in DEFINITE or w.endswith("'s"):
            return True
        if w == "to":
            return False  # an infinitive: "the move to ban him", "the decision to attack"
        if w.endswith("ed") or not w.replace("-", "").isalnum():
            return False
    return False
