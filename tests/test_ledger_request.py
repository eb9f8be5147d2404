"""Issue 14: two requests of one party asking for different acts are two happenings
(sayso.ledger.request)."""
from __future__ import annotations

import pytest

from sayso.ledger.cluster import clusters
from sayso.ledger.identity import must_differ
from sayso.ledger.stems import trigger_stem
from sayso.ledger.request import charged, requested
from tests.test_ledger_coreference import report


@pytest.mark.parametrize("trigger, sentence, act", [
    ("called for", "In the wake of the remarks, Trump called for the president to resign.", "resign"),
    ("called for", "Trump went after Clinton and called for her to quit her bid for president.", "quit"),
    ("called on", "Sanders called on Michigan Gov. Rick Snyder (R) to resign over the crisis.", "resign"),
    ("calling for", "Just after the attack, Donald Trump was calling for change.", "change"),
    ("call for", "Clinton plans to call for a dramatic increase in federal spending to find a cure.", None),
    ("called on", "The group called on Emanuel, who has not answered.", None),
])
def test_the_act_a_request_asks_for(trigger, sentence, act):
    assert requested(trigger, sentence) == act


def test_two_requests_of_one_party_for_different_acts_are_two_happenings():
    def call(n: int, sentence: str):
        return report(n, "called for", sentence, actor="Donald Trump", category="REQUEST")

    resign = call(1, "After Obama's remarks on the Orlando attack, Trump called for the president to resign.")
    quit_ = call(2, "Trump attacked Clinton for following Obama on the Orlando attack and called for her to quit.")
    again = call(3, "After Obama's remarks on the Orlando attack, Trump called for Obama to resign at once.")
    groups = {frozenset(r.key[1] for r in c.members) for c in clusters([resign, quit_, again], 3)}
    assert groups == {frozenset({"v1", "v3"}), frozenset({"v2"})}


@pytest.mark.parametrize("trigger, stem", [
    ("called on", "call"), ("called Wednesday for", "call"), ("called again for", "call"),
    ("called Alicia Machado on", "call"), ("step down", "step"), ("drone strikes", "strik"), ("on", "on"),
])
def test_a_phrasal_trigger_stems_as_its_verb(trigger, stem):
    assert trigger_stem(trigger) == stem


def test_two_accusations_of_one_party_charging_different_things_are_two_happenings():
    """"accusing her of being asleep" and "accuse Clinton's campaign of being duped" charge
    different things; "of suggesting violence" and "of inciting violence" share one."""
    assert charged("accusing", "Trump used the ad, accusing her of being asleep when calls came in.") == \
        "asleep calls came"
    asleep = report(1, "accusing", "Trump has tried to use the ad against Clinton, accusing her of being asleep "
                    "when late-night calls came in.", actor="Donald Trump", category="ACCUSE")
    duped = report(2, "accuse", "Trump took to Twitter overnight to accuse the Clinton campaign of being duped by "
                   "a con.", actor="Donald Trump", category="ACCUSE")
    groups = {frozenset(r.key[1] for r in c.members) for c in clusters([asleep, duped], 3)}
    assert groups == {frozenset({"v1"}), frozenset({"v2"})}
    suggesting = report(1, "accused", "Democrats quickly accused Trump of suggesting violence against Clinton.",
                        recipient="Donald Trump", category="ACCUSE", article="a1")
    inciting = report(2, "accused", "Some accused Trump of inciting violence against Clinton.",
                      recipient="Donald Trump", category="ACCUSE", article="a2")
    assert not must_differ(suggesting, inciting, 3)
