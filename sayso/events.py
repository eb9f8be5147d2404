"""events: PLOVER categories plus DEFECT, with actor, recipient, status and polarity."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("events", needs=("doc", "entities", "attributions"), sets=("events",))
def find_events(draft: Draft, settings: Settings) -> Draft:
    return draft
