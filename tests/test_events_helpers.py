"""Helpers for the event tests: run the event stage alone on a sentence we write."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sayso.stages.events import detect, load
from sayso.nlp.parse import load_model
from sayso.stages.base import Draft
from sayso.record import Article, Attribution, Boilerplate, Entity, Event, Meta
from sayso.settings import DEFAULT


@dataclass(frozen=True)
class Found:
    events: tuple[Event, ...]
    entities: tuple[Entity, ...]
    text: str

    def name(self, entity_id: Optional[str]) -> Optional[str]:
        return next((e.name for e in self.entities if e.id == entity_id), None)

    def of_type(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.type == kind]

    def at(self, word: str) -> Event:
        """The event whose trigger contains `word`."""
        hits = [e for e in self.events if word in e.trigger.text]
        assert hits, f"no event with trigger {word!r} in {[e.trigger.text for e in self.events]}"
        return hits[0]


def run_events(
    text: str,
    attributions: tuple[Attribution, ...] = (),
    boilerplate: tuple[Boilerplate, ...] = (),
    ontology_files: tuple[str, ...] = (),
) -> Found:
    nlp = load_model(DEFAULT)
    draft = Draft(Article(text, Meta(), "test"), doc=nlp(text), attributions=attributions, boilerplate=boilerplate)
    events, entities = detect(draft, load(ontology_files))
    return Found(events, entities, text)
