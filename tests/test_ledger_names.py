"""Issue 14: a happening called by a name ("the Orlando shooting", "an attack in Nice"), names
that are parts of others ("Bill" and "Bill Clinton"), dates of different years and a shared
participant whose other party differs (sayso.ledger.naming, sayso.ledger.identity)."""
from __future__ import annotations

import random

import pytest

from sayso.ledger.cluster import clusters
from sayso.ledger.participants import compatible, participant_tokens
from sayso.ledger.naming import happening_name
from tests.test_ledger_coreference import report


@pytest.mark.parametrize("trigger, sentence, name", [
    ("shooting", "Parents worried after the Orlando shooting last week.", "Orlando"),
    ("attack", "He spoke about the Orlando nightclub attack on Monday.", "Orlando"),
    ("attack", "Obama condemned what appears to be a terrorist attack in Nice, France.", "Nice"),
    ("attacks", "Her statements about the Benghazi attacks were consistent.", "Benghazi"),
    ("attack", "Trump tweeted after a lone-wolf attack on an Orlando nightclub.", "Orlando"),
    ("attacks", "Sanders answered the attacks on Clinton's record.", None),  # "on" a party
    ("visited", "Clinton visited the memorial on Friday.", None),  # a verb's subject
    ("defected", "Officials said that Colonel Viktor Lasko defected.", None),
    ("defected", "The officials said the Colonel Viktor Lasko defected in Riga.", "Riga"),
    ("attacks", "Clinton answered Trump's attacks on her.", None),  # a possessive: a participant
    ("attack", "Nobody expected the Sunday attack.", None),  # a day
    ("attack", "Truck Driver Kills Dozens In Coastal Attack On Holiday Crowd", None),  # title case
    ("attack", "They feared a new attack.", None),
    ("attack", "We have seen this coverup after the 2012 Benghazi attack.", "Benghazi"),  # a year before the name
    ("attack", "He recalled the 2012 attack.", None),  # a year alone names nothing
    ("attack", "I don't think this is an ISIS-condoned attack.", None),  # an adjective, not a name
    ("attack", "Officials blamed the Al-Qaeda attack on the embassy.", "Al-Qaeda"),
])
def test_the_name_a_sentence_calls_a_happening_by(trigger, sentence, name):
    assert happening_name(trigger, sentence) == name


def shooting(n: int, trigger: str, sentence: str, article: str, **kw):
    return report(n, trigger, sentence, article=article, category="ASSAULT", **kw)


def keys_together(reports) -> set[frozenset]:
    return {frozenset(f"{r.key[0]}/{r.key[1]}" for r in c.members) for c in clusters(reports, 3)}


def test_reports_that_call_a_happening_by_one_name_are_one_event_and_say_why():
    """Across articles and within one, no participant needed: the name is the evidence; another
    city's shooting of the same day stays apart."""
    reports = [
        shooting(1, "shooting", "Vigils were held after the Orlando shooting on Sunday.", "a1"),
        shooting(2, "massacre", "Leaders abroad condemned the Orlando massacre.", "a2"),
        shooting(3, "killings", "Coverage of the Orlando killings focused on terrorism.", "a2"),
        shooting(4, "shooting", "Police reviewed the Dallas shooting of the same night.", "a3"),
    ]
    assert keys_together(reports) == {frozenset({"a1/v1", "a2/v2", "a2/v3"}), frozenset({"a3/v4"})}
    evidence = " ".join(l.because for c in clusters(reports, 3) for l in c.evidence)
    assert "both called 'Orlando'" in evidence


def test_the_name_outweighs_a_place_borrowed_from_the_sentence():
    a = shooting(1, "attack", "The Orlando attack is the deadliest in the country's history.", "a1")
    b = shooting(2, "killings", "The Orlando killings come as parties in Europe stoke fear.", "a1")
    a.row.update(place_name="United States", place_country="USA")
    b.row.update(place_name="Europe", place_country="FRA")
    assert keys_together([a, b]) == {frozenset({"a1/v1", "a1/v2"})}


def test_a_reference_called_by_a_name_refers_back_only_to_that_happening():
    """'the Orlando killings' does not refer back to a hypothetical killing told just before."""
    reports = [
        shooting(1, "killed", "If he went into a synagogue and killed people, we would say so.", "a1"),
        shooting(2, "killings", "Coverage of the Orlando killings focused on terrorism.", "a1"),
    ]
    assert keys_together(reports) == {frozenset({"a1/v1"}), frozenset({"a1/v2"})}


def test_merging_reports_called_by_names_does_not_depend_on_their_order():
    reports = [
        shooting(1, "shooting", "Vigils were held after the Orlando shooting on Sunday.", "a1"),
        shooting(2, "massacre", "Leaders abroad condemned the Orlando massacre.", "a2"),
        shooting(3, "attack", "Officials called the Orlando attack an act of terror.", "a3"),
        shooting(4, "shooting", "Police reviewed the Dallas shooting of the same night.", "a4"),
        shooting(5, "attack", "The Dallas attack left five officers dead.", "a4"),
    ]
    expected = keys_together(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert keys_together(shuffled) == expected
    assert len(expected) == 2


def test_a_part_of_a_name_is_compatible_but_two_full_names_are_not():
    bill, clinton = participant_tokens("Bill", "person"), participant_tokens("Bill Clinton", "person")
    hillary = participant_tokens("Hillary Clinton", "person")
    assert compatible(bill, clinton) and compatible(clinton, bill)
    assert not compatible(hillary, clinton)


def test_a_first_name_and_the_full_name_of_one_actor_do_not_split_a_happening():
    reports = [
        report(1, "accusing", "Bill Clinton spoke on Sunday, accusing Sanders's campaign of sexism.",
               actor="Bill Clinton", recipient="Sanders", category="ACCUSE"),
        report(2, "accused", "Her husband, Bill, accused Sanders's campaign of sexism on Sunday.",
               actor="Bill", recipient="Sanders", category="ACCUSE"),
    ]
    assert len(keys_together(reports)) == 1


def test_two_explicit_dates_of_different_years_are_no_link():
    a = report(1, "meeting", "In May 2001, Fiorina ended her meeting with the directors.", actor="Fiorina", category="CONSULT")
    b = report(2, "meeting", "Every Friday Fiorina would lead a meeting with the directors.", actor="Fiorina", category="CONSULT")
    a.row.update(date_value="2001-05", date_precision="month")
    b.row.update(date_value="2016-01-20", date_precision="day")
    assert len(keys_together([a, b])) == 2
    b.row.update(date_value="2001-05-11", date_precision="day")
    assert len(keys_together([a, b])) == 1


def test_a_shared_participant_and_a_repeated_trigger_are_not_enough_when_the_other_party_differs():
    """Within an article: "superdelegates support Clinton" and "Levin is supporting Clinton"."""
    reports = [
        report(1, "support", "Already, 520 superdelegates say they support Clinton.", actor="520 superdelegates",
               recipient="Hillary Clinton", category="SUPPORT"),
        report(2, "supporting", "Levin dismissed concerns about supporting Clinton even though he lost.",
               actor="Sander Levin", recipient="Hillary Clinton", category="SUPPORT"),
    ]
    reports[0].row["actor_kind"] = "anonymous_group"
    assert len(keys_together(reports)) == 2


def test_a_long_sentence_told_word_for_word_in_two_articles_is_one_happening():
    """A quoted line two outlets print (no named participant, no place): its fingerprint files
    both reports under one blocking key and links them; a short common line does not."""
    quote = "If he doesn't, he should immediately resign in disgrace, the statement said."
    reports = [report(1, "resign", quote, article="a1"), report(2, "resign", quote, article="a2", day="2031-04-04"),
               report(3, "resign", "He should resign.", article="a3"), report(4, "resign", "He should resign.", article="a4")]
    assert keys_together(reports) == {frozenset({"a1/v1", "a2/v2"}), frozenset({"a3/v3"}), frozenset({"a4/v4"})}
    assert any("word for word" in l.because for c in clusters(reports, 3) for l in c.evidence)


def test_two_days_either_side_of_a_month_end_are_not_two_periods():
    a = report(1, "met", "Ivo Sander met the envoy in Norland.", actor="Ivo Sander", article="a1", category="CONSULT",
               day="2031-01-31")
    b = report(2, "met", "Ivo Sander met the envoy in Norland, officials said.", actor="Ivo Sander", article="a2",
               category="CONSULT", day="2031-02-01")
    a.row.update(date_value="2031-01-31", date_precision="day")
    b.row.update(date_value="2031-02-01", date_precision="day")
    assert len(keys_together([a, b])) == 1


def test_words_of_long_country_names_that_are_no_country_still_name_participants():
    """'McDonald' (of 'Heard Island and McDonald Islands') is a name; 'Democratic' does not vanish
    from 'Democratic National Committee', so it is not the Republican one."""
    assert participant_tokens("McDonald", "person") == {"mcdonald", "^mcdonald"}
    dnc = participant_tokens("Democratic National Committee", "organization")
    rnc = participant_tokens("Republican National Committee", "organization")
    assert dnc and rnc and not compatible(dnc, rnc)
    assert participant_tokens("Syrian officials", "organization") == frozenset()  # a demonym still is not


def test_a_reference_called_by_a_name_refers_back_to_a_report_of_a_party_with_that_name():
    """'the McDonald shooting' refers back past another man's shooting to the shooting of 'Laquan
    McDonald' (a part of the party's name)."""
    reports = [
        report(1, "shooting", "A police video shows an officer shooting 17-year-old Laquan McDonald 16 times.",
               recipient="Laquan McDonald", category="ASSAULT"),
        report(2, "shooting", "A week earlier an officer was filmed shooting Ronald Johnson in a park.",
               recipient="Ronald Johnson", category="ASSAULT"),
        report(3, "shooting", "President Obama has watched the video of the McDonald shooting.", category="ASSAULT"),
    ]
    for r in reports[:2]:
        r.row["recipient_kind"] = "person"
        r.recipient = participant_tokens(r.row["recipient_name"], "person")
    assert keys_together(reports) == {frozenset({"article-1/v1", "article-1/v3"}), frozenset({"article-1/v2"})}
