"""actors: country and sector codes from the words around an entity's mentions."""
from __future__ import annotations

import pytest

from sayso.stages.actors import code_actors
from sayso.stages.base import Draft
from sayso.stages.places import resolve_places
from sayso.record import Article, Entity, Meta, Span
from sayso.settings import DEFAULT


@pytest.fixture(scope="module")
def nlp():
    from sayso.nlp.parse import load_model

    return load_model(DEFAULT)


def coded(nlp, text, entities, **meta):
    """Code hand-made entities: (name, kind, [mention texts])."""
    made = []
    for n, (name, kind, mentions) in enumerate(entities, 1):
        spans = tuple(Span.of(text, text.index(m), text.index(m) + len(m)) for m in mentions)
        made.append(Entity(f"e{n}", name, kind, spans))
    draft = resolve_places(Draft(Article(text, Meta(**meta), "test"), doc=nlp(text)), DEFAULT)
    out = code_actors(draft.set(entities=tuple(made)), DEFAULT).entities
    return {e.name: (e.country, e.sector) for e in out}


def test_demonym_and_title_give_country_and_government(nlp):
    codes = coded(nlp, "Iraqi Prime Minister Haider al-Abadi visited the border.",
                  [("Haider al-Abadi", "person", ["Haider al-Abadi"])])
    assert codes["Haider al-Abadi"] == ("IRQ", "GOV")


def test_military_words(nlp):
    codes = coded(nlp, "A Libyan army colonel, Ali Mansour, crossed into Tunisia.",
                  [("Ali Mansour", "person", ["Ali Mansour", "A Libyan army colonel"])])
    assert codes["Ali Mansour"] == ("LBY", "MIL")


def test_opposition_and_rebels(nlp):
    codes = coded(nlp, "Yemeni opposition groups met while the rebels shelled the port. Houthi rebels denied it.",
                  [("Yemeni opposition groups", "organization", ["Yemeni opposition groups"]),
                   ("the rebels", "group", ["the rebels"])])
    assert codes["Yemeni opposition groups"] == ("YEM", "OPP")
    assert codes["the rebels"][1] == "REB"


def test_media_outlet_with_known_country(nlp):
    codes = coded(nlp, "The Guardian reported the talks had stalled.",
                  [("The Guardian", "media", ["The Guardian"])])
    assert codes["The Guardian"] == ("GBR", "MED")


def test_possessive_country_and_us_officials(nlp):
    codes = coded(nlp, "Egypt's foreign minister met U.S. officials in Cairo.",
                  [("Egypt's foreign minister", "anonymous_person", ["Egypt's foreign minister"]),
                   ("U.S. officials", "anonymous_group", ["U.S. officials"])])
    assert codes["Egypt's foreign minister"] == ("EGY", "GOV")
    assert codes["U.S. officials"] == ("USA", "GOV")


def test_country_as_actor_is_its_government(nlp):
    codes = coded(nlp, "Officials said that Iran condemned the sanctions.",
                  [("Iran", "place", ["Iran"])])
    assert codes["Iran"] == ("IRN", "GOV")


def test_institution_gives_country(nlp):
    codes = coded(nlp, "According to State Department spokesman John Kirby, the talks failed.",
                  [("John Kirby", "person", ["John Kirby"])])
    assert codes["John Kirby"] == ("USA", "GOV")


def test_state_actor_without_country_word_takes_focus_country(nlp):
    text = ("Sudanese forces shelled villages in Darfur, Sudanese activists said. "
            "A pilot, Omar Bashir Ali, refused to fly and was arrested in Khartoum.")
    codes = coded(nlp, text, [("Omar Bashir Ali", "person", ["Omar Bashir Ali", "A pilot"])])
    assert codes["Omar Bashir Ali"] == ("SDN", "MIL")


def test_entities_stage_codes_are_kept(nlp):
    text = "The minister spoke."
    draft = Draft(Article(text, Meta(), "test"), doc=nlp(text))
    entity = Entity("e1", "The minister", "person", (Span.of(text, 0, 12),), country="FRA", sector="GOV")
    assert code_actors(draft.set(entities=(entity,)), DEFAULT).entities[0].country == "FRA"


def test_example_article_actor_codes(syria_record):
    def codes_of(alias):
        for e in syria_record.entities:
            if any(alias.lower() in m.text.lower() for m in e.mentions) or alias.lower() in (e.name or "").lower():
                return e.country, e.sector
        pytest.fail(f"the entities stage found no entity for {alias!r}")

    assert codes_of("Assad") == ("SYR", "GOV")
    assert codes_of("al-Hamade") == ("SYR", "MIL")
    assert codes_of("Victoria Nuland") == ("USA", "GOV")
    assert codes_of("Daily Telegraph")[1] == "MED"
