"""Issue 14, within-article coreference: a series and one instance of it ("certain releases",
"the release of a few sanctions-busters"), and a shared participant with a repeated trigger
whose sentences share next to nothing (sayso.ledger.number, sayso.ledger.identity)."""
from __future__ import annotations

import random

import pytest

from sayso.ledger import resemblance
from sayso.ledger.cluster import clusters
from sayso.ledger.stems import stem
from sayso.ledger.naming import happening_name
from sayso.ledger.number import number, series_and_instance
from sayso.ledger.reference import is_another, is_nominal
from sayso.ledger.identity import Report
from tests.test_ledger_coreference import report


def grouped(reports) -> set[frozenset]:
    return {frozenset(r.key[1] for r in c.members) for c in clusters(reports, 3)}


@pytest.mark.parametrize("trigger, sentence, found", [
    ("investigations", "The core findings of the many previous investigations have stood up.", "plural"),
    ("releases", "Obama has deemed certain releases a reasonable trade-off.", "plural"),
    ("visits", "Trump's recent visits to the state included fact-finding.", "plural"),
    ("attacks", "Immediately after the attacks, Trump issued a statement.", None),  # one happening, perhaps
    ("attacks", "Trump attacks Clinton again.", None),  # a verb
    ("attack", "How hard will Clinton attack?", None),  # a verb
    ("investigation", "It tests the credibility of the GOP-led investigation.", "singular"),
    ("release", "He deemed the release of a few sanctions-busters a fair trade.", "singular"),
    ("released", "The seven were released on Sunday.", None),
])
def test_the_number_of_a_noun_trigger(trigger, sentence, found):
    assert number(trigger, sentence) == found


REFUSED = ("While he refused to release violent criminals, Mr. Obama deemed the release of a few "
           "sanctions-busters a reasonable trade-off.")


def test_the_number_is_read_at_the_triggers_own_token():
    """The trigger's text occurs twice ("refused to release ... the release of"): its number is
    read at its own offset, not at the first occurrence (a verb after "to")."""
    at = REFUSED.index("release of")
    assert number("release", REFUSED, at) == "singular"
    assert number("release", REFUSED, REFUSED.index("release violent")) is None
    assert number("release", REFUSED) is None  # no offset: the first occurrence, as a report stored before


def test_references_and_names_are_read_at_the_triggers_own_token():
    sentence = "Officials said they may attack again, a week after the Orlando attack."
    at = sentence.index("attack.")
    assert is_nominal("attack", sentence, at) and not is_nominal("attack", sentence)
    assert happening_name("attack", sentence, at) == "Orlando" and happening_name("attack", sentence) is None
    told = "The next attack came a week after the attack."
    assert is_another("attack", told, 9) and is_another("attack", told)
    assert not is_another("attack", told, told.rindex("attack"))


def test_a_series_and_the_instance_told_after_the_same_verb_are_two_happenings():
    series = report(1, "releases", "President Obama has deemed certain releases a reasonable trade-off.",
                    actor="Barack Obama", category="CONCEDE")
    instance = report(2, "release", REFUSED, actor="Barack Obama", category="CONCEDE")
    assert grouped([series, instance]) == {frozenset({"v1", "v2"})}  # without the offset: "to release", a verb
    instance = report(2, "release", REFUSED, actor="Barack Obama", category="CONCEDE")
    instance.row["trigger_at"] = REFUSED.index("release of")
    assert instance.number == "singular"
    assert grouped([series, instance]) == {frozenset({"v1"}), frozenset({"v2"})}


def releases(order: list[int]) -> list:
    made = {
        1: report(1, "releases", "President Obama has deemed certain releases a reasonable trade-off.",
                  actor="Barack Obama", category="CONCEDE"),
        2: report(2, "release", "Mr. Obama deemed the release of a few sanctions-busters a reasonable trade-off.",
                  actor="Barack Obama", category="CONCEDE"),
        3: report(3, "release", "The release of the sanctions-busters angered critics of Obama.", category="CONCEDE"),
    }
    return [made[n] for n in order]


def test_a_series_and_one_instance_of_it_are_two_happenings_in_any_order():
    """Alike sentences and a shared actor, but "certain releases" are several: the instance and
    its definite reference are one event, the series another, whatever the order."""
    assert series_and_instance(releases([1])[0].number, releases([2])[0].number)
    for seed in range(4):
        order = [1, 2, 3]
        random.Random(seed).shuffle(order)
        assert grouped(releases(order)) == {frozenset({"v1"}), frozenset({"v2", "v3"})}


def test_a_shared_actor_and_a_repeated_trigger_need_sentences_that_share_something():
    far = [
        report(1, "attacks", "One decision, according to a person close to the secretive process, is to turn "
               "any Trump attacks on the foundation and its finances into a counterattack.",
               actor="Donald Trump", category="ACCUSE"),
        report(2, "attack", "For all the talk of preparing for an unpredictable and outlandish attack from Trump "
               "at the first debate later this month, aides consulted shrinks and a ghost writer.",
               actor="Donald Trump", category="ACCUSE"),
    ]
    assert grouped(far) == {frozenset({"v1"}), frozenset({"v2"})}
    near = [
        report(1, "attacked", "Trump attacked the judge over the university lawsuit on Friday.",
               actor="Donald Trump", category="ACCUSE"),
        report(2, "attack", "Republicans criticized the attack on the judge by Trump.", actor="Donald Trump",
               category="ACCUSE"),
    ]
    assert grouped(near) == {frozenset({"v1", "v2"})}


def test_a_noun_in_ment_has_its_verbs_stem():
    assert stem("endorsement") == stem("endorse") == stem("endorsed")
    assert stem("agreement") == stem("agreed")


def test_the_same_act_of_the_same_party_towards_the_same_party_across_articles():
    """Both participants shared and one trigger stem: sentences sharing a little are enough;
    with only the actor shared they are not (a recipient left out but named in the sentence
    still counts: `_names_the_other`)."""
    def ryan(n: int, trigger: str, sentence: str, article: str, recipient: str | None, day: str):
        return report(n, trigger, sentence, actor="Paul Ryan", recipient=recipient, article=article,
                      category="SUPPORT", day=day)

    first = ryan(1, "endorse", "House Speaker Paul Ryan has said he is not ready to endorse Trump, even though he "
                 "is the lone Republican remaining in the contest.", "a1", "Donald Trump", "2031-04-02")
    second = ryan(2, "endorsement", "Many think Ryan's endorsement of Trump is only a matter of time, aides "
                  "on the Hill told reporters on Thursday.", "a2", "Trump", "2031-04-03")
    assert grouped([first, second]) == {frozenset({"v1", "v2"})}
    second.row.update(recipient_name=None, recipient_kind=None)
    second.recipient = frozenset()
    assert grouped([first, second]) == {frozenset({"v1", "v2"})}  # "Trump" is in its sentence
    third = ryan(3, "endorsement", "Many think Ryan's endorsement of the nominee is only a matter of time, aides "
                 "on the Hill told reporters on Thursday.", "a3", None, "2031-04-03")
    assert grouped([first, third]) == {frozenset({"v1"}), frozenset({"v3"})}


def test_an_irregular_past_has_its_verbs_stem():
    assert stem("met") == stem("meeting") == stem("meets")
    assert stem("shot") == stem("shooting") and stem("fought") == stem("fighting")


def test_a_reference_refers_back_to_the_nearest_report_told_by_an_irregular_verb():
    """"the meeting" with the lawmakers is the one Trump "met" them at, not his meeting with Ryan."""
    reports = [
        report(1, "meeting", "Trump's meeting with Ryan lasted an hour.", recipient="Paul Ryan", category="CONSULT"),
        report(2, "met", "Afterwards Trump met with Republican House and Senate members on the Hill.",
               category="CONSULT"),
        report(3, "meeting", "He spent most of the meeting listening to the lawmakers.", category="CONSULT"),
    ]
    assert grouped(reports) == {frozenset({"v1"}), frozenset({"v2", "v3"})}


def test_across_articles_a_shared_recipient_alone_with_one_trigger_needs_similar_sentences():
    """Many support Donald Trump: a shared recipient and a repeated trigger across articles need
    sentences that say much the same (0.4); a shared actor with them needs less (0.3)."""
    def support(n: int, sentence: str, article: str, actor: str | None) -> Report:
        return report(n, "support" if n == 1 else "supporting", sentence, actor=actor, recipient="Donald Trump",
                      article=article, category="SUPPORT", day="2031-04-02")

    first = support(1, "Republican leaders will not even admit that they are going to support Donald Trump.", "a1",
                    None)
    second = support(2, "NFL legend pays a heavy price for supporting Donald Trump.", "a2", "Jim Brown")
    assert grouped([first, second]) == {frozenset({"v1"}), frozenset({"v2"})}
    first = support(1, "Jim Brown will not even admit that he is going to support Donald Trump.", "a1", "Jim Brown")
    assert grouped([first, second]) == {frozenset({"v1", "v2"})}


def test_a_verb_in_ate_has_its_nouns_stem():
    assert stem("investigate") == stem("investigated") == stem("investigation") == stem("investigations")
    assert stem("negotiate") == stem("negotiations") and stem("debate") == stem("debated")


def test_a_bare_plural_reference_does_not_refer_back_to_one_singular_noun():
    """"the investigations" (the many panels') are not "the investigation" told just before, nor
    the one before it."""
    reports = [
        report(1, "investigate", "They created a select committee to investigate Benghazi.", category="ACCUSE"),
        report(2, "investigation", "Did the investigation find reasons to question the government?",
               category="ACCUSE"),
        report(3, "investigations", "But the investigations have not shown that it belongs on that list.",
               category="ACCUSE"),
    ]
    assert grouped(reports) == {frozenset({"v1", "v2"}), frozenset({"v3"})}


def test_within_an_article_a_denied_act_and_one_that_happened_need_more_than_a_repeated_trigger():
    """"Ted Cruz endorses Trump" and "Cruz pointedly refused to endorse Trump during a speech in
    July": one trigger, both parties, but one denied: two happenings, unless the sentences say
    much the same."""
    endorses = report(1, "endorses", "Ah, friends once more: Ted Cruz endorses Trump, who says he is honored.",
                      actor="Ted Cruz", recipient="Donald Trump", category="SUPPORT")
    refused = report(2, "endorse", "The decision is risky for Cruz, who pointedly refused to endorse Trump during "
                     "a prime-time speech at the convention in July.", actor="Ted Cruz", recipient="Donald Trump",
                     category="SUPPORT")
    endorses.row["polarity"], refused.row["polarity"] = "positive", "negative"
    resemblance.use(resemblance.PairModel(resemblance.shipped().weights, threshold=1.01, keep=0.0))  # the rules alone
    try:
        assert grouped([endorses, refused]) == {frozenset({"v1"}), frozenset({"v2"})}
        refused.row["polarity"] = "positive"
        assert grouped([endorses, refused]) == {frozenset({"v1", "v2"})}
    finally:
        resemblance.use(None)


def test_a_series_joins_by_similar_sentences_only_a_report_of_its_trigger_stem():
    """"certain releases" (a series) and "decided to trade for Americans" share Obama and much
    of their sentences, but not a trigger stem: no rule links them; "the releases" would."""
    from sayso.ledger.identity import rule_link

    series = report(1, "releases", "Obama deemed certain releases of prisoners held abroad a fair trade for Americans.",
                    actor="Barack Obama", category="CONCEDE")
    trade = report(2, "trade", "Obama decided to trade prisoners held abroad for Americans.",
                   actor="Barack Obama", category="CONCEDE")
    assert series.number == "plural" and rule_link(series, trade) is None
    again = report(2, "releases", "Obama defended the releases of prisoners held abroad for Americans.",
                   actor="Barack Obama", category="CONCEDE")
    assert rule_link(series, again) is not None


def test_a_number_opening_the_sentence_counts_the_plural_as_several():
    assert number("meetings", "Three meetings were on tap for the envoy: the one with the minister first.") == "plural"
    assert number("attacks", "Trump attacks Clinton again.") is None  # a capitalised subject: a verb
