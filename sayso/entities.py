"""entities: named and anonymous mentions joined into entities with a kind."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("entities", needs=("doc", "boilerplate"), sets=("entities",))
def find_entities(draft: Draft, settings: Settings) -> Draft:
    return draft
