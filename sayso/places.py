"""places: place mentions resolved to a name, country, coordinates and precision."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("places", needs=("doc", "entities"), sets=("places",))
def resolve_places(draft: Draft, settings: Settings) -> Draft:
    return draft
