"""attributions: reported speech and thought, with source, cue, content and chain."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("attributions", needs=("doc", "entities", "boilerplate"), sets=("attributions", "entities"))
def find_attributions(draft: Draft, settings: Settings) -> Draft:
    return draft
