"""times: time expressions resolved to ISO values against the publication date."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("times", needs=("doc",), sets=("times",))
def resolve_times(draft: Draft, settings: Settings) -> Draft:
    return draft


@stage("anchor", needs=("events", "places", "times"), sets=("events",))
def anchor_events(draft: Draft, settings: Settings) -> Draft:
    """Give each event the place and date of its clause."""
    return draft
