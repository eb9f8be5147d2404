"""Issue 14, branch merge12: two happening names and two senses of one word are cannot-links
(sayso.ledger.sense), so no chain of links joins them."""
from __future__ import annotations

from sayso.ledger.identity import must_differ
from sayso.ledger.sense import sense
from tests.test_ledger_coreference import report


def test_attack_as_a_blow_of_words_or_of_arms():
    assert sense("attack", "Then Trump went fully on the attack, saying the mayor should resign.") == "words"
    assert sense("attack", "It was a return to politics, a verbal attack he made against a journalist.") == "words"
    assert sense("attacks", "Trump rushed out Twitter attacks on the mayor.") == "words"
    assert sense("attack", "The terrorist attack in the harbour killed nine.") == "arms"
    assert sense("shooting", "The shooting prompted both candidates to cancel rallies.") == "arms"
    assert sense("attack", "He made most of his points about the attack via Twitter.") is None  # after it: not read
    assert sense("attack", "Officials said the attack was planned.") is None
    assert sense("criticism", "A verbal criticism.") is None  # only "attack" has two senses here


def test_two_senses_of_attack_must_differ():
    words = report(1, "attack", "And then Ivo Sander went fully on the attack against the harbour chief.",
                   category="ASSAULT")
    arms = report(2, "attack", "The terrorist attack on the harbour killed nine people.", category="ASSAULT")
    plain = report(3, "attack", "Officials said the attack was planned.", category="ASSAULT")
    assert must_differ(words, arms, 3)
    assert not must_differ(words, plain, 3) and not must_differ(arms, plain, 3)


def test_two_happening_names_must_differ_and_one_name_in_two_forms_not():
    varna = report(1, "attack", "Officials are reluctant to call the attack in Varna an act of terror.",
                   category="ASSAULT")
    burgas = report(2, "attack", "We have seen this style of cover-up after the 2012 Burgas attack.",
                    category="ASSAULT")
    varna_again = report(3, "killings", "The Varna killings come as parties stoke fears.", category="ASSAULT")
    unnamed = report(4, "attack", "Officials knew the group was behind the attack.", category="ASSAULT")
    assert varna.name and burgas.name
    assert must_differ(varna, burgas, 3)
    assert not must_differ(varna, varna_again, 3)
    assert not must_differ(varna, unnamed, 3) and not must_differ(burgas, unnamed, 3)


def test_a_shared_party_and_trigger_in_sentences_not_alike_told_once_as_happened_once_not_are_two():
    from sayso.ledger.identity import rule_link
    from sayso.ledger.stems import cosine

    went = report(1, "support", "Surveys showed that older voters turned out in force across the region to support Ivo Sander, pushing him to victory despite the weather.",
                  recipient="Ivo Sander", category="SUPPORT")
    planned = report(2, "support", "Among those who want change, most are planning to support Ivo Sander.",
                     recipient="Ivo Sander", category="SUPPORT")
    assert 0.15 <= cosine(went.words, planned.words) < 0.4
    went.row["status"], planned.row["status"] = "occurred", "planned"
    assert rule_link(went, planned) is None
    planned.row["status"] = "occurred"
    assert rule_link(went, planned) is not None


def test_another_happening_is_not_joined_by_a_shared_party_and_a_repeated_trigger():
    from sayso.ledger.identity import rule_link

    one = report(1, "demanding", "A climate group is demanding that the Republican candidates propose clean energy plans.",
                 actor="NextGen Climate", category="REQUEST")
    same = report(2, "demands", "NextGen Climate has made the same demands of the Democratic candidates in its ads.",
                  actor="NextGen Climate", category="REQUEST")
    again = report(3, "demands", "NextGen Climate repeated its demands that candidates propose clean energy plans.",
                   actor="NextGen Climate", category="REQUEST")
    assert same.another and rule_link(one, same) is None
    assert not again.another and rule_link(one, again) is not None
