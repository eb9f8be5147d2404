"""Stage hooks for the scale tests, installed in worker processes through `setup=`.

Not tests themselves: an article whose text holds a trigger word makes its worker misbehave.
KILLME: the process dies (os._exit) every time; RAISEME: the stage raises; HANGME: the stage
never returns (sleeps an hour); CRASHONCE: the
process dies the first time only (a marker file in `marker_dir` remembers it).
"""
from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path


def install(marker_dir: str) -> None:
    from sayso import pipeline

    stage = next(s for s in pipeline.default_stages() if s.name == "entities")
    if getattr(stage.func, "hooked", False):
        return

    def hooked(draft, settings):
        text = draft.article.text
        if "KILLME" in text:
            os._exit(7)
        if "RAISEME" in text:
            raise ValueError("a stage failed on purpose")
        if "HANGME" in text:
            time.sleep(3600)
        if "CRASHONCE" in text:
            marker = Path(marker_dir) / f"crashed-{draft.article.id}"
            if not marker.exists():
                marker.touch()
                os._exit(9)
        return stage.func(draft, settings)

    hooked.hooked = True
    pipeline.register(dataclasses.replace(stage, func=hooked))  # replaces the stage of that name
