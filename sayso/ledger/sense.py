"""Two reports that a chain of links must never join: two happenings called by two different
names, and one word used in two senses (issue 14, branch `merge12`).

- **Two names**: "the attack in California" and "the 2012 Benghazi attack", "the Orlando
  shooting" and "the shootings in San Bernardino" are two happenings, whatever joins each of
  them to a report that names neither ("administration officials knew Ansar al-Sharia was behind
  the attack"). A name matching the other's named place or party is one name ("the Orlando
  shooting" and "the attack at a nightclub in Orlando").
- **Two senses**: "attack" tells a blow of words ("a verbal attack", "went fully on the attack",
  "Twitter attacks") or of arms ("a terrorist attack", "the mass shooting"); the extraction may
  give both one category. A report of each sense are two happenings.
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.ledger.participants import same_participant
from sayso.ledger.trigger import position

WORD = re.compile(r"[\w'’-]+")
# Words near "attack" that make it a blow of words: "a verbal attack", "Twitter attacks",
# "went fully on the attack", "attack ads"
VERBAL = frozenset("""
verbal rhetorical personal political negative twitter tweet tweets tweeted ad ads campaign
""".split())
# Words near a trigger, or triggers, that make it a blow of arms
ARMED = frozenset("""
terrorist terror deadly mass armed suicide gun gunman truck nightclub bombing massacre lone-wolf
murderous killed killing wounded dead
""".split())
ARMED_TRIGGERS = frozenset("shooting shootings shot shoot massacre bombing bombings killings killing slaughter".split())
NEAR = 3  # words either side of the trigger read for its sense


def sense(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> Optional[str]:
    """"words", "arms" or None (not told) for a report's trigger, from the trigger and the words
    around it (NEAR either side) in its sentence."""
    low = (trigger or "").lower()
    if low in ARMED_TRIGGERS:
        return "arms"
    if not low.startswith("attack") or not sentence:
        return None
    start = position(trigger or "", sentence, at)
    if start < 0:
        return None
    before = [w.lower() for w in WORD.findall(sentence[:start])][-NEAR:]
    after = [w.lower() for w in WORD.findall(sentence[start + len(low):])][:NEAR]
    if before[-2:] == ["on", "the"] or VERBAL & set(before + after[:1]):
        return "words"  # "went fully on the attack", "a verbal attack", "attack ads"
    if ARMED & set(before + after):
        return "arms"
    return None


def two_senses(a: Optional[str], b: Optional[str]) -> bool:
    return a is not None and b is not None and a != b


def two_names(name_a: frozenset, called_b: tuple[frozenset, ...], name_b: frozenset,
              called_a: tuple[frozenset, ...]) -> bool:
    """Both reports are called by a name, and neither name is the other's name, place or party."""
    if not name_a or not name_b:
        return False
    return (not any(same_participant(name_a, t) for t in called_b)
            and not any(same_participant(name_b, t) for t in called_a))
