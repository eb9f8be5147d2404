"""anchor: which event a time expression dates, and in which tense (sayso.stages.dates.attach).

Own sentences; published Wednesday 2019-03-13 (the Saturday before: 03-09, after: 03-16)."""
from __future__ import annotations


import pytest

from sayso.record import Article, Event, Meta, Span
from sayso.settings import DEFAULT
from sayso.stages.anchor import anchor_events
from sayso.stages.attribution import find_attributions
from sayso.stages.base import Draft
from sayso.stages.dates import resolve_times
from sayso.stages.entities import find_entities

PUBLISHED = "2019-03-13"


@pytest.fixture(scope="module")
def nlp():
    from sayso.nlp.parse import load_model

    return load_model(DEFAULT)


def dates(nlp, text, *triggers, status="occurred"):
    """The date values the anchor gives events on `triggers` (words of `text`)."""
    draft = Draft(Article(text, Meta(published=PUBLISHED), "test"), doc=nlp(text))
    draft = resolve_times(find_attributions(find_entities(draft, DEFAULT), DEFAULT), DEFAULT)
    events = []
    for n, word in enumerate(triggers):
        i = text.index(word)
        sent = next(s for s in draft.doc.sents if s.start_char <= i < s.end_char)
        events.append(Event(f"e{n}", "ASSAULT", Span.of(text, i, i + len(word)),
                            Span.of(text, sent.start_char, sent.end_char), status=status))
    anchored = anchor_events(draft.set(events=tuple(events)), DEFAULT).events
    return [e.date.value if e.date else None for e in anchored]


def test_possessive_weekday_before_a_done_event_is_past(nlp):
    assert dates(nlp, "Saturday's bombing is the worst the city has seen in a decade.", "bombing") == ["2019-03-09"]
    assert dates(nlp, "Friday night's riots are a warning to the government.", "riots") == ["2019-03-08TNI"]


def test_possessive_weekday_before_a_planned_event_is_ahead(nlp):
    assert dates(nlp, "Saturday's vote is a test for the new mayor.", "vote", status="planned") == ["2019-03-16"]
    assert dates(nlp, "Saturday's march will start at the cathedral.", "march", status="planned") == ["2019-03-16"]


def test_weekday_in_present_clause_follows_the_event_status(nlp):
    assert dates(nlp, "The bombing on Saturday is the worst the city has seen.", "bombing") == ["2019-03-09"]
    assert dates(nlp, "The strike on Monday is expected to close the port.", "strike",
                 status="expected") == ["2019-03-18"]


def test_days_before_another_clause_do_not_date_that_clause(nlp):
    text = "Two days before Karim Haddad bombed the market on Friday, he rented a van."
    bombed, rented = dates(nlp, text, "bombed", "rented")
    assert bombed == "2019-03-08"
    assert rented != "2019-03-11"  # two days before publication: no, before the bombing


def test_time_of_the_statement_is_not_the_event_time(nlp):
    text = "The bombing killed 12 people, the police said in a statement Saturday afternoon."
    assert dates(nlp, text, "bombing") == [None]
    text = "Police said on Sunday that the gunmen attacked the convoy."
    assert dates(nlp, text, "attacked") == [None]


def test_time_of_a_subordinate_clause_stays_there(nlp):
    text = "He was arrested on Sunday after he attacked a guard."
    assert dates(nlp, text, "arrested", "attacked") == ["2019-03-10", None]
    text = "Officials condemned Saturday's bombing in a statement."
    assert dates(nlp, text, "condemned", "bombing") == [None, "2019-03-09"]


def test_time_shared_by_joined_verbs(nlp):
    text = "On Monday a captain deserted his unit and crossed into Lebanon."
    assert dates(nlp, text, "deserted", "crossed") == ["2019-03-11", "2019-03-11"]


def test_participle_clause_takes_the_time_of_its_head(nlp):
    text = "The senator spoke at a rally on Monday, accusing the governor of lying."
    assert dates(nlp, text, "accusing") == ["2019-03-11"]


def test_event_noun_object_of_another_act_keeps_its_own_time(nlp):
    text = "The mayor condemned the bombing on Monday."
    assert dates(nlp, text, "condemned", "bombing") == ["2019-03-11", None]
    text = "Rebels carried out an attack on Monday."
    assert dates(nlp, text, "attack") == ["2019-03-11"]
    text = "The bombing, which happened on Saturday, shocked the town."
    assert dates(nlp, text, "bombing") == ["2019-03-09"]


def test_clause_at_the_time_of_its_head_dates_it(nlp):
    text = "While touring the border on Monday, the minister announced new patrols."
    assert dates(nlp, text, "announced") == ["2019-03-11"]
    text = "Speaking to reporters on Tuesday, the minister praised the soldiers."
    assert dates(nlp, text, "praised") == ["2019-03-12"]


def test_possessive_time_of_another_noun_does_not_date_the_verb(nlp):
    text = "Candidates traded insults while preparing for Tuesday's primary."
    assert dates(nlp, text, "traded") == [None]
    text = "Protesters heckled the governor at Tuesday's debate."
    assert dates(nlp, text, "heckled") == ["2019-03-12"]
