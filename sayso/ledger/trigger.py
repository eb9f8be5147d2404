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

