"""times and anchor: resolution against the publication date, tense, no date, event anchoring."""
from __future__ import annotations

import datetime as dt

import pytest

from sayso.stages.anchor import anchor_events
from sayso.stages.dates import resolve_expression, resolve_times
from sayso.stages.base import Draft
from sayso.stages.places import resolve_places
from sayso.record import Article, Event, Meta, Span
from sayso.settings import DEFAULT

FRIDAY = dt.date(2012, 6, 22)


@pytest.fixture(scope="module")
def nlp():
    from sayso.nlp.parse import load_model

    return load_model(DEFAULT)


def draft_of(nlp, text, **meta):
    return Draft(Article(text, Meta(**meta), "test"), doc=nlp(text))


def value(text, published=FRIDAY, tense=None):
    return resolve_expression(text, published, tense)


def test_relative_expressions_against_publication():
    assert value("on Thursday", tense="past") == ("2012-06-21", "day")
    assert value("last month") == ("2012-05", "month")
    assert value("in 2011") == ("2011", "year")
    assert value("next week") == ("2012-W26", "week")
    assert value("earlier this year") == ("2012", "year")
    assert value("yesterday") == ("2012-06-21", "day")
    assert value("three days ago") == ("2012-06-19", "day")
    assert value("the 1990s") == ("199", "decade")
    assert value("the past five years") == ("P5Y", "duration")
    assert value("recently") == ("PAST_REF", "ref")


def test_weekday_follows_the_tense():
    assert value("Monday", tense="past") == ("2012-06-18", "day")
    assert value("Monday", tense="future") == ("2012-06-25", "day")
    assert value("Monday", tense="present") == ("2012-06-25", "day")
    assert value("last Saturday") == ("2012-06-16", "day")


def test_weekday_arithmetic_across_month_and_year_ends():
    new_year = dt.date(2013, 1, 1)  # a Tuesday
    assert value("Sunday", new_year, "past") == ("2012-12-30", "day")
    assert value("Friday", new_year, "future") == ("2013-01-04", "day")
    assert value("Wednesday", dt.date(2012, 3, 1), "past") == ("2012-02-29", "day")
    assert value("Monday", dt.date(2012, 1, 31), "future") == ("2012-02-06", "day")
    assert value("last week", new_year) == ("2012-W52", "week")
    assert value("next month", dt.date(2012, 12, 15)) == ("2013-01", "month")
    assert value("December 30", new_year, "past") == ("2012-12-30", "day")


def test_abbreviated_months_keep_their_day():
    assert value("Jan. 5", tense="past") == ("2012-01-05", "day")
    assert value("Sept. 30, 2011") == ("2011-09-30", "day")


def test_last_and_next_weekday_said_on_that_weekday_move_a_week():
    assert value("last Friday") == ("2012-06-15", "day")
    assert value("next Friday") == ("2012-06-29", "day")
    assert value("Friday", tense="past") == ("2012-06-22", "day")
    assert value("last night") == ("2012-06-21TNI", "time")


def test_clock_times_with_am_pm_noon_and_midnight():
    assert value("3 p.m.") == ("2012-06-22T15:00", "time")
    assert value("10:30 a.m. Thursday", tense="past") == ("2012-06-21T10:30", "time")
    assert value("noon") == ("2012-06-22T12:00", "time")
    assert value("Tuesday at midnight", tense="past") == ("2012-06-19T24:00", "time")
    assert value("5 a share") is None


def test_quarters_follow_tense_and_the_reporting_season():
    assert value("the fourth quarter", dt.date(2013, 1, 24), "past") == ("2012-Q4", "quarter")
    assert value("the fourth quarter", dt.date(2013, 1, 24)) == ("2012-Q4", "quarter")
    assert value("the fourth quarter", dt.date(2012, 8, 2)) == ("2012-Q4", "quarter")
    assert value("the first quarter", tense="future") == ("2013-Q1", "quarter")
    assert value("next quarter") == ("2012-Q3", "quarter")
    assert value("the current quarter") == ("2012-Q2", "quarter")
    assert value("the quarter", dt.date(2012, 7, 20), "past") == ("2012-Q2", "quarter")
    assert value("the quarter", dt.date(2012, 9, 20), "past") == ("2012-Q3", "quarter")
    assert value("two quarters") == ("P6M", "duration")
    assert value("the most recent quarter", dt.date(2012, 7, 20)) == ("2012-Q2", "quarter")


def test_halves_weeks_of_a_month_and_the_same_period_a_year_back():
    assert value("the first half of 2011") == ("2011-H1", "half")
    assert value("the second half of next year") == ("2013-H2", "half")
    assert value("the last week of May", tense="past") == ("2012-W22", "week")  # Thursday May 31
    assert value("the first week of July", tense="future") == ("2012-W27", "week")
    assert value("the same quarter last year", dt.date(2012, 7, 26)) == ("2011-Q2", "quarter")
    assert value("the same month a year earlier", dt.date(2012, 7, 3)) == ("2011-06", "month")
    assert value("the same month last year", dt.date(2012, 7, 28)) == ("2011-07", "month")


def test_sets_centuries_and_vague_references():
    assert value("daily") == ("P1D", "set")
    assert value("every year") == ("P1Y", "set")
    assert value("quarterly") == ("P3M", "set")
    assert value("the 21st century") == ("20", "century")
    assert value("the '80s") == ("198", "decade")
    assert value("in recent memory") == ("PAST_REF", "ref")
    assert value("in recent years") == ("PXY", "duration")
    assert value("the near term") == ("FUTURE_REF", "ref")


def test_the_whole_year_said_early_in_the_next_is_the_year_just_ended():
    assert value("the entire year", dt.date(2013, 2, 1), "past") == ("2012", "year")
    assert value("the full year", dt.date(2013, 2, 1), "future") == ("2013", "year")
    assert value("the entire year", dt.date(2013, 9, 1), "past") == ("2013", "year")


def test_last_and_next_month_names_and_prior_periods():
    assert value("last June") == ("2011-06", "month")
    assert value("last May") == ("2012-05", "month")
    assert value("next June") == ("2013-06", "month")
    assert value("next September") == ("2012-09", "month")
    assert value("the prior week", tense="past") == ("2012-W24", "week")
    assert value("the preceding year", tense="past") == ("2011", "year")


def test_durations_take_the_unit_after_their_number():
    assert value("a six-month") == ("P6M", "duration")
    assert value("the first nine months of the year") == ("P9M", "duration")
    assert value("the first six months of 2011") == ("P6M", "duration")
    assert value("these days") == ("PRESENT_REF", "ref")
    assert value("two decades") == ("P20Y", "duration")
    assert value("decades-long") == ("PXY", "duration")
    assert value("half a century") == ("P50Y", "duration")
    assert value("a three-year-long") == ("P3Y", "duration")


def test_decades_weekends_and_month_named_quarters():
    assert value("the end of the decade", tense="future") == ("201", "decade")
    assert value("the next decade") == ("202", "decade")
    assert value("the past decade") == ("P10Y", "duration")
    assert value("over the weekend", dt.date(2012, 6, 19), "past") == ("2012-W24-WE", "week")
    assert value("this weekend", tense="future") == ("2012-W25-WE", "week")
    assert value("the March quarter", tense="past") == ("2012-Q1", "quarter")
    assert value("year-end", tense="future") == ("2012", "year")


def test_without_publication_date_relative_stays_unresolved():
    assert value("on Thursday", None, "past") == (None, None)
    assert value("last month", None) == (None, None)
    assert value("June 21, 2012", None) == ("2012-06-21", "day")
    assert value("2012-06-21", None) == ("2012-06-21", "day")


def test_stage_reads_tense_and_keeps_text_without_a_date(nlp):
    text = "The minister resigned on Thursday. Talks will resume on Monday, and the vote was in 2011."
    dated = resolve_times(draft_of(nlp, text, published="2012-06-22"), DEFAULT).times
    found = {t.text: t.value for t in dated}
    assert found["Thursday"] == "2012-06-21"
    assert found["Monday"] == "2012-06-25"
    assert found["2011"] == "2011"
    undated = resolve_times(draft_of(nlp, text), DEFAULT).times
    assert {t.text: t.value for t in undated}["Thursday"] is None
    assert all(text[t.start:t.end] == t.text for t in undated)


def _event(draft, trigger, etype="DEFECT"):
    text = draft.article.text
    i = text.index(trigger)
    sent = next(s for s in draft.doc.sents if s.start_char <= i < s.end_char)
    return Event("v1", etype, Span.of(text, i, i + len(trigger)), Span.of(text, sent.start_char, sent.end_char))


def test_anchor_gives_event_place_and_date_of_its_clause(nlp):
    text = ("Officials in Ankara spoke about Germany. On Tuesday a colonel deserted and drove to "
            "Turkey, while his brother stayed in Aleppo.")
    draft = draft_of(nlp, text, published="2013-03-08")
    draft = resolve_times(resolve_places(draft, DEFAULT), DEFAULT)
    draft = draft.set(events=(_event(draft, "deserted"),))
    event = anchor_events(draft, DEFAULT).events[0]
    place = next(p for p in draft.places if p.id == event.place)
    assert place.country == "TUR" and place.precision == "country"
    assert event.date.value == "2013-03-05" and event.date.text == "Tuesday"


def test_anchor_leaves_event_without_clause_place_or_date(nlp):
    text = "The general resigned. Later, crowds gathered in Cairo on Friday."
    draft = draft_of(nlp, text, published="2013-03-08")
    draft = resolve_times(resolve_places(draft, DEFAULT), DEFAULT)
    draft = draft.set(events=(_event(draft, "resigned", "RETREAT"),))
    event = anchor_events(draft, DEFAULT).events[0]
    assert event.place is None and event.date is None


def test_example_defection_dated_and_placed(syria_record):
    times = {t.text: t.value for t in syria_record.times}
    assert times.get("Thursday") == "2012-06-21"
    defections = [e for e in syria_record.events if e.type == "DEFECT" and e.trigger.text.startswith("defect")
                  and "Air Force officer" in e.sentence.text]
    assert defections, "the events stage found no DEFECT event in the pilot's sentence"
    event = defections[0]
    place = next(p for p in syria_record.places if p.id == event.place)
    assert place.country == "JOR"
    assert event.date.value == "2012-06-21"


def test_anchor_skips_actor_and_prefers_the_facility(nlp):
    text = ("Iran condemned the move. The crew surrendered at the Bagram Air Base in Parwan, "
            "Afghanistan, on Sunday.")
    draft = draft_of(nlp, text, published="2013-03-08")
    draft = resolve_times(resolve_places(draft, DEFAULT), DEFAULT)
    condemned, surrendered = _event(draft, "condemned", "ACCUSE"), _event(draft, "surrendered", "RETREAT")
    events = anchor_events(draft.set(events=(condemned, surrendered)), DEFAULT).events
    assert events[0].place is None  # Iran is who condemned, not where
    base = next(p for p in draft.places if p.id == events[1].place)
    assert base.precision == "facility" and base.country == "AFG"
    assert events[1].date.value == "2013-03-03"
