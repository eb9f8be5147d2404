"""Where a report's trigger stands in its sentence.

The words around a trigger say its number ("certain releases"), whether it refers back ("the
release"), tells of another happening ("the next attack") and what the happening is called
("the Orlando shooting"): they are read around the trigger's own token, at its offset in the
sentence (`events.trigger_at`), not at the first place its text occurs ("refused to release
violent criminals ... deemed the release of a few sanctions-busters"). A report stored
without the offset falls back to the first occurrence.
"""
from __future__ import annotations

from typing import Optional


def position(trigger: str, sentence: str, at: Optional[int] = None) -> int:
    """The offset of the trigger in the sentence: `at` when the trigger is there, else the
    first occurrence of its text (case-insensitive when not found as written), -1 for none."""
    if at is not None and 0 <= at and sentence[at:at + len(trigger)] == trigger:
        return at
    found = sentence.find(trigger)
    return found if found >= 0 else sentence.lower().find(trigger.lower())



def word_before(trigger: str, sentence: str, at: Optional[int] = None) -> str:
    """The lower-case word right before the trigger ("terrorist" of "an apparent terrorist
    attack", "house" of "house arrest"), "" for none, a name or punctuation between them."""
    start = position(trigger, sentence, at)
    if start <= 0:
        return ""
    before = sentence[:start]
    if not before.endswith(" "):
        return ""
    words = before.split()
    word = words[-1] if words else ""
    return word if word.isalpha() and word.islower() else ""


MONTHS = frozenset("january february march april may june july august september october november december".split())


def dated_after(trigger: str, sentence: str, at: Optional[int] = None) -> bool:
    """A month or a year among the three words after the trigger ("a devastating terrorist
    attack in November", "the attack of 2012"): the happening is told with its own time."""
    start = position(trigger, sentence, at)
    if start < 0:
        return False
    after = sentence[start + len(trigger):].split()[:3]
    words = [w.strip(".,;:!?\"'()").lower() for w in after]
    return any(w in MONTHS or (w.isdigit() and len(w) == 4) for w in words)


def quoted(sentence: str, at: int) -> bool:
    """The offset `at` of the sentence is inside a quotation mark's words (an opening curly quote
    not closed before it, or an odd number of straight ones)."""
    before = sentence[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
