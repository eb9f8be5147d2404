"""clean: boilerplate (contact lines, bylines, captions, footers) is marked, never deleted."""
from __future__ import annotations

from sayso.pipeline import Draft, stage
from sayso.settings import Settings


@stage("clean", needs=("article",), sets=("boilerplate",))
def mark_boilerplate(draft: Draft, settings: Settings) -> Draft:
    return draft  # filled in by the Foundation work
