"""actors: each entity coded with a country and a sector (GOV, MIL, REB, OPP, MED ...)."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("actors", needs=("entities", "places"), sets=("entities",))
def code_actors(draft: Draft, settings: Settings) -> Draft:
    return draft
