"""The home country of known news outlets (sayso/data/outlets.tsv), for actors and places."""
from __future__ import annotations

from functools import lru_cache

from sayso.stages.places.gazetteer import exact_key, read_table


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """Exact key of an outlet's name -> its country (alpha-3); sayso/data/outlets.tsv."""
    return {exact_key(name): country for name, country in read_table("outlets.tsv") if country}
