"""The grammatical number of a noun trigger: "the investigations" (a series), "the
investigation" (one happening), or neither (a verb: "investigated", "will investigate",
"Trump attacks Clinton").

A definite reference refers back only to a mention of its number: "the investigation" is not
"the many previous investigations", and "his attacks" (a series an article discusses as one)
is not "an unpredictable attack from Trump" (one instance of it); a verb tells one act and may
be referred to either way (sayso.ledger.identity.antecedent).
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.ledger.trigger import position

WORD = re.compile(r"[\w'’-]+")
# Words before a verb, never before a noun: pronoun subjects, modals, "to", auxiliaries.
VERBAL = frozenset("""
i you he she it we they who which that to will would can could should may might must shall do
does did not n't never also
""".split())
DETERMINERS = frozenset("a an the this these those his her its their our my your".split())
SEVERAL = frozenset("""
many several some certain other others various numerous multiple previous earlier recent past
repeated further more both two three four five six seven eight nine ten dozens hundreds all
""".split())
NOT_PLURAL = ("ss", "us", "is", "ics", "news")


def number(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> Optional[str]:
    """"plural", "singular" or None (a verb, or not known) for the trigger's last word; `at`, the
    trigger's offset in the sentence (else its text's first occurrence: `position`)."""
    words = WORD.findall(trigger or "")
    if not words or not sentence:
        return None
    head = words[-1]
    low = head.lower()
    if len(words) > 1 or low.endswith(("ed", "ing")):
        return None
    at = position(trigger or "", sentence, at)
    before = WORD.findall(sentence[:at]) if at >= 0 else []
    prev = before[-1] if before else ""
    if prev.lower() in VERBAL or _name(prev):
        return None  # "he attacks", "to attack", "Trump attacks" (or "the Orlando attacks": not known)
    if low.endswith("s") and not low.endswith(NOT_PLURAL):
        # "the attacks" may be one happening ("the Paris attacks"); "many previous
        # investigations", "certain releases", "his recent visits" are several
        return "plural" if any(w.lower() in SEVERAL for w in before[-3:]) else None
    return "singular"


def generic(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> bool:
    """A plural noun with no determiner ("called for attacks using vehicles", "urged followers to
    carry out attacks"): happenings of a kind, no one of them."""
    words = WORD.findall(trigger or "")
    if len(words) != 1 or not sentence:
        return False
    low = words[0].lower()
    if not low.endswith("s") or low.endswith(NOT_PLURAL):
        return False
    at = position(trigger or "", sentence, at)
    before = WORD.findall(sentence[:at]) if at >= 0 else []
    prev = before[-1] if before else ""
    if prev.lower() in VERBAL or _name(prev):
        return False  # "he attacks", "Trump attacks"
    # no determiner or possessive among the words before it ("the 2012 attacks", "the Benghazi
    # terrorist attacks", "Sanders's attacks" are one happening or a series told as one)
    return not any(w.lower() in DETERMINERS or w.lower().endswith(("'s", "’s")) for w in before[-3:])


def _name(word: str) -> bool:
    """A capitalised word that may be a verb's subject (not "The", "Trump's", "GOP-led")."""
    low = word.lower()
    return (word[:1].isupper() and low not in DETERMINERS and low not in SEVERAL and "-" not in word
            and not low.endswith(("'s", "’s")))


def series_and_instance(x: Optional[str], y: Optional[str]) -> bool:
    """Of two triggers' numbers (`number`), one is a plural noun counted as several ("certain
    releases") and the other a singular noun ("the release of a few sanctions-busters"): a
    series and one instance of it, two happenings."""
    return x is not None and y is not None and x != y
