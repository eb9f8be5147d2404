"""Issue 14, branch merge11: a report naming no party joins one of its article with its trigger
stem and a similar sentence (sayso.ledger.untold); a night runs into the next day
(sayso.ledger.dates); a bare possessive names its participant ("Trump’s", sayso.ledger.participants)."""
from __future__ import annotations

from sayso.ledger.dates import time_conflict
from sayso.ledger.identity import one_sentence, rule_link
from sayso.ledger.number import generic
from sayso.ledger.stems import cosine
from sayso.ledger.untold import untold_parties
from tests.test_ledger_coreference import grouped, report


def test_a_report_naming_no_party_joins_one_that_names_a_party_its_sentence_names():
    reports = [
        report(1, "resign", "Protesters called on Governor Ivo Sander to resign over the flooding in Varna.",
               actor="Ivo Sander", category="CONCEDE"),
        report(2, "resign", "The mayor voiced concern about Sander's handling of the flooding but has not asked him to resign.",
               category="CONCEDE"),
    ]
    assert grouped(reports) == {frozenset({"v1", "v2"})}
    made = rule_link(*reports)
    assert made is not None and "one names no party" in made.because


def _untold(a, b) -> bool:
    return untold_parties(a, b, cosine(a.words, b.words))


def test_a_report_naming_no_party_is_not_joined_when_its_sentence_names_not_the_others_party():
    named = report(1, "released", "Norland released Ivo Sander and two others held since May, the envoy said.",
                   recipient="Ivo Sander", category="CONCEDE")
    assert not _untold(named, report(2, "released", "Years ago Norland released two others held since May.",
                                     category="CONCEDE"))
    assert _untold(named, report(3, "released", "Norland released Sander and others held since May.",
                                 category="CONCEDE"))


def test_sentences_sharing_only_the_trigger_or_told_as_happening_and_not_are_not_joined():
    assert not _untold(report(1, "defected", "The pilot defected to Norland."),
                       report(2, "defected", "Nobody knows why he defected."))
    one = report(1, "attacked", "The harbour was attacked at dawn, the string of incidents goes on.",
                 category="ASSAULT")
    other = report(2, "attacked", "Fanatics want the harbour attacked again, the string of incidents shows.",
                   category="ASSAULT")
    one.row["status"], other.row["status"] = "occurred", "planned"
    assert not _untold(one, other)
    other.row["status"] = "claimed"
    assert _untold(one, other)


def test_a_plural_with_no_determiner_is_happenings_of_a_kind():
    assert generic("attacks", "The group has called for attacks using vehicles.")
    assert not generic("attacks", "Immediately after the attacks, he issued a statement.")
    assert not generic("attacks", "Trump attacks Clinton again.")
    assert not generic("attack", "The group has called for an attack.")
    assert not generic("attacks", "The inquiry into the 2012 attacks goes on.")
    assert not generic("attacks", "It happened before the Benghazi terrorist attacks.")


def test_a_night_runs_into_the_next_day_within_an_article():
    night = {"date_value": "2031-04-01TNI", "date_precision": "time", "day": "2031-04-01"}
    morning = {"date_value": "2031-04-02", "date_precision": "day", "day": "2031-04-02"}
    before = {"date_value": "2031-03-31", "date_precision": "day", "day": "2031-03-31"}
    assert not time_conflict(night, morning, 3, True)
    assert not time_conflict(morning, night, 3, True)
    assert time_conflict(night, before, 3, True)


def test_a_bare_possessive_given_as_a_description_names_its_participant():
    from sayso.ledger.participants import participant_tokens

    assert participant_tokens("Trump’s", "anonymous_person") == participant_tokens("Trump", "person")
    assert participant_tokens("Donald Trump's", None) == participant_tokens("Donald Trump", "person")
    assert participant_tokens("the bureau’s", "anonymous_person") == frozenset()
    assert participant_tokens("The Party's", "anonymous_person") == frozenset()


def test_one_trigger_stem_told_by_the_sentence_and_in_a_quote_it_gives_is_one_happening():
    sentence = "Immediately after the attacks, the mayor issued a statement, “Last night, our port was attacked.”"
    told = report(1, "attacks", sentence, category="ASSAULT")
    again = report(2, "attacked", sentence, category="ASSAULT")
    told.row["trigger_at"], again.row["trigger_at"] = sentence.index("attacks"), sentence.index("attacked")
    assert not one_sentence(told, again)
    assert grouped([told, again]) == {frozenset({"v1", "v2"})}
    plain = "After the attacks, the mayor said the port was attacked."
    first, second = report(1, "attacks", plain, category="ASSAULT"), report(2, "attacked", plain, category="ASSAULT")
    first.row["trigger_at"], second.row["trigger_at"] = plain.index("attacks"), plain.index("attacked")
    assert one_sentence(first, second)
