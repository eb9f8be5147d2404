"""actors: each entity coded with a country and a sector (GOV, MIL, REB, OPP, MED ...)."""
from __future__ import annotations

from functools import lru_cache

from sayso.gazetteer import exact_key, read_table
from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """Exact key of an outlet's name -> its country (alpha-3); sayso/data/outlets.tsv."""
    return {exact_key(name): country for name, country in read_table("outlets.tsv") if country}


@stage("actors", needs=("entities", "places"), sets=("entities",))
def code_actors(draft: Draft, settings: Settings) -> Draft:
    return draft
