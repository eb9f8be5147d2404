"""Who each event report rests on: the article's own outlet, a speaker, a relay chain; denials."""
from __future__ import annotations

import pytest

from sayso.stages.attribution import chain
from sayso.ledger.sources import Index, relayed_outlet, report_source
from sayso.settings import DEFAULT
from tests.conftest import extract_checked as _extract_checked

# Crediting is tested on the rules' events (the event model, which decides which candidates are
# events, is tested in test_event_model.py and measured by `sayso eval events`), so that a
# retrained model does not move what these tests are about.
RULES = DEFAULT.replace(event_model=False)


def extract_checked(text: str, **meta):
    return _extract_checked(text, RULES, **meta)

OUTLET = "Test Outlet"


def _event(record, trigger: str):
    matches = [e for e in record.events if e.trigger.text == trigger]
    assert len(matches) == 1, [(e.type, e.trigger.text) for e in record.events]
    return matches[0]


def _credit(record, trigger: str):
    index = Index(record)
    return report_source(index, _event(record, trigger), relayed_outlet(index))


def test_relay_citing_chain():
    text = "Arutz Sheva, citing The Daily Telegraph, citing U.S. officials, said the generals planned to defect."
    record = extract_checked(text, outlet=OUTLET)
    said = next(a for a in record.attributions if a.cue is not None and a.cue.text == "said")
    assert said.source.text == "U.S. officials"
    assert chain(record, said.id) == [OUTLET, "Arutz Sheva", "The Daily Telegraph", "U.S. officials"]
    credit = _credit(record, "defect")
    assert credit.chain[:4] == (OUTLET, "Arutz Sheva", "The Daily Telegraph", "U.S. officials")
    assert credit.name == "The Daily Telegraph"  # anonymous officials: the outlet that gathered them


def test_citing_one_outlet_makes_it_the_source():
    record = extract_checked("Arutz Sheva, citing The Daily Telegraph, reported that two generals had defected to Turkey.",
                             outlet=OUTLET)
    assert _credit(record, "defected").chain == (OUTLET, "Arutz Sheva", "The Daily Telegraph")


SYRIA_DENIAL = ("Syria's Defence Ministry on Saturday denied that any members of President Bashar "
                "al-Assad's inner circle were planning to defect.")


def test_denial_is_a_negated_claim_by_the_denier():
    record = extract_checked(SYRIA_DENIAL, outlet=OUTLET)
    defect = [e for e in record.events if e.type == "DEFECT"]
    assert len(defect) == 1
    assert (defect[0].status, defect[0].polarity) == ("negated", "negative")
    source = next(a for a in record.attributions if a.id == defect[0].attribution).source
    assert source.text == "Syria's Defence Ministry"


@pytest.mark.parametrize("text, trigger", [
    ("The school denied reports that a pupil had been killed in the attack.", "killed"),
    ("The army rejected reports that its troops had shelled the village.", "shelled"),
    ("The ministry said it was untrue that troops had shelled the village.", "shelled"),
])
def test_denied_event_is_never_positive(text, trigger):
    event = _event(extract_checked(text, outlet=OUTLET), trigger)
    assert (event.status, event.polarity) == ("negated", "negative")
    assert event.attribution is not None


@pytest.mark.parametrize("text, trigger, status", [
    ("Yemen has rejected a U.S. request to interrogate the detainees.", "request", "occurred"),
    ("The ministry dismissed the accusations by the opposition.", "accusations", "occurred"),
    ("The government denied accusations that its troops had shelled the village.", "shelled", "negated"),
    ("Russia denied the attack on the convoy.", "attack", "negated"),
])
def test_a_rejected_request_or_accusation_still_took_place(text, trigger, status):
    """The rejection refuses what a request asks or an accusation claims, not the saying; an
    act in its content, or a denied act that is not a saying, is negated."""
    event = _event(extract_checked(text, outlet=OUTLET), trigger)
    assert event.status == status


def test_a_conjunct_of_a_denial_is_not_denied():
    event = _event(extract_checked("He denied the charges and fled the country.", outlet=OUTLET), "fled")
    assert event.status == "occurred"


@pytest.mark.parametrize("text, speaker", [
    ("WASHINGTON — The Senate will vote on the sanctions next week, Senator John Smith said on Monday.",
     "Senator John Smith"),
    ("SAN ANTONIO Turner Sports analyst Charles Barkley said the FBI should arrest the coaches.",
     "Turner Sports analyst Charles Barkley"),
    ("TALLAHASSEE — Democratic U.S. Rep. Gwen Graham on Friday said that Trump attacked the press.",
     "Democratic U.S. Rep. Gwen Graham"),
    ("Hanoi (VNA) – Vietnam always supports Russia, said General Secretary Nguyen Phu Trong.",
     "General Secretary Nguyen Phu Trong"),
])
def test_a_dateline_is_never_a_source(text, speaker):
    record = extract_checked(text, outlet=OUTLET)
    sources = [a.source.text for a in record.attributions]
    assert speaker in sources
    for word in ("WASHINGTON", "SAN ANTONIO", "TALLAHASSEE", "VNA", "Hanoi"):
        assert not any(word in s for s in sources), sources


def test_an_outlet_mentioned_once_is_the_source_of_its_sentence_only():
    text = ("The Sun reported in 2007 that the mayor had met the gang leaders. "
            "The mayor resigned on Monday. Police arrested two men on Tuesday.")
    record = extract_checked(text, outlet=OUTLET, author="A. Writer")
    assert _credit(record, "met").name in ("Sun", "The Sun")
    for trigger in ("resigned", "arrested"):
        credit = _credit(record, trigger)
        assert credit.chain == (OUTLET,) and credit.name == OUTLET and credit.author == "A. Writer"


def test_a_report_headline_names_no_source():
    text = "Report: More Senior Syrian Officials May Defect\n\nThe pilot defected on Thursday."
    record = extract_checked(text, outlet=OUTLET)
    assert not any(a.source.text.startswith("Report") for a in record.attributions)
    headline = [e for e in record.events if e.trigger.start < text.index("\n")]
    assert headline and all(e.attribution is None for e in headline)
    assert _credit(record, "defected").chain == (OUTLET,)


def test_the_newspaper_resolves_to_the_outlet_named_earlier():
    text = ("The Daily Telegraph reported on Friday that rebels seized the town. "
            "Officials in Damascus said the army attacked the rebels. "
            "The British paper said the pilots would defect.")
    record = extract_checked(text, outlet=OUTLET)
    paper = next(a for a in record.attributions if a.source.text == "The British paper")
    entity = next(e for e in record.entities if e.id == paper.source.entity)
    assert entity.name == "The Daily Telegraph"
    assert _credit(record, "defect").name == "The Daily Telegraph"


def test_an_acronym_before_a_name_is_no_dateline():
    record = extract_checked("FBI Director James Comey said the bureau would investigate the leak.", outlet=OUTLET)
    assert "FBI Director James Comey" in [a.source.text for a in record.attributions]


def test_the_british_paper_resolves_to_an_outlet_named_earlier_but_never_a_speaker():
    text = ("The report in Arutz Sheva was based on an article in The Daily Telegraph about the air force. "
            "The British paper said the pilots would defect.")
    record = extract_checked(text, outlet=OUTLET)
    paper = next(a for a in record.attributions if a.source.text == "The British paper")
    assert next(e for e in record.entities if e.id == paper.source.entity).name == "The Daily Telegraph"
    assert _credit(record, "defect").name == "The Daily Telegraph"


def test_the_object_of_an_evaluation_is_the_articles_report():
    record = extract_checked("Analyst Charles Barkley blasted the FBI's investigation on Friday.", outlet=OUTLET)
    assert _credit(record, "investigation").chain == (OUTLET,)


def test_the_act_an_evaluation_is_for_is_the_articles_report():
    text = "Senator John Smith on Monday criticized the governor for arresting dozens of protesters in the capital."
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, "arresting").chain == (OUTLET,)


@pytest.mark.parametrize("text, trigger", [
    ("The minister criticised the union in parliament over its threat to strike at the port.", "threat"),
    ("The governor criticized the recently arrested Mayor John Smith on Monday.", "arrested"),
    ("The mayor on Tuesday rejected the union's demand for a pay rise at the port.", "demand"),
    ("The minister contrasted the calm in the north with the attack on the port.", "attack"),
    ("The mayor expressed her disappointment at the attack on the port.", "attack"),
])
def test_the_grounds_or_the_object_of_an_evaluation_or_a_rejection_are_the_articles_report(text, trigger):
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, trigger).chain == (OUTLET,)


def test_a_denied_object_stays_the_deniers_claim():
    record = extract_checked("The army denied the attack on the village.", outlet=OUTLET)
    assert _credit(record, "attack").chain[-1] == "The army"


@pytest.mark.parametrize("text, trigger", [
    ("By: Jane Roe The aluminium producer has signed agreements with three insurers.", "signed"),
    ("Southern design Buy Photo: Exteriors are brick. The company signed agreements with three insurers.", "signed"),
    ("Photo: Jane Roe The company signed agreements with three insurers.", "signed"),
])
def test_a_byline_or_a_caption_before_a_colon_is_never_a_source(text, trigger):
    record = extract_checked(text, outlet=OUTLET)
    assert not [a.source.text for a in record.attributions if a.cue is not None and a.cue.text == ":"]
    assert _credit(record, trigger).chain == (OUTLET,)


def test_a_quotation_run_on_after_its_speaker_stays_the_speakers():
    text = ('The club said on Thursday that it regretted the damage. "The behaviour of a few fans was '
            'unacceptable. "Police arrested two of them outside the ground."')
    record = extract_checked(text, outlet=OUTLET)
    credit = _credit(record, "arrested")
    assert credit.chain != (OUTLET,) and credit.name in ("club", "The club")


def test_according_to_at_the_end_of_a_sentence_holds_all_its_conjuncts():
    text = ("Rebels likely attacked the convoy in 2014 and officials at the ministry covered up the losses, "
            "according to a congressional report on Wednesday.")
    record = extract_checked(text, outlet=OUTLET)
    report = next(a for a in record.attributions if a.cue is not None and a.cue.text == "according to")
    assert report.content[0].text.startswith("Rebels likely attacked")
    assert _credit(record, "attacked").chain[-1].startswith("a congressional report")


def test_an_aside_at_the_end_of_a_content_is_still_the_speakers():
    text = ("In Tampa, the senator made a stop at the market, where 12 people were killed in May by a gunman, "
            "the Associated Press reported Friday.")
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, "killed").chain[-1] == "the Associated Press"
    speaker = extract_checked("Wang, who is visiting Moscow, said the army attacked the town.", outlet=OUTLET)
    assert _credit(speaker, "attacked").chain[-1] == "Wang"


@pytest.mark.parametrize("text, trigger, teller", [
    ("The minister declined to meet the rebel leaders on Friday.", "meet", OUTLET),
    ("Officials said the rebels agreed to release the hostages.", "release the hostages", "Officials"),
    ("While the dispute is not expected to surface in the Obama-Xi talks, China has become an issue in "
     "the campaign.", "talks", OUTLET),
])
def test_a_cue_that_only_narrates_its_complement_holds_no_report(text, trigger, teller):
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, trigger).chain[-1] == teller


@pytest.mark.parametrize("text, trigger, speaker", [
    ("The ministry confirmed that the soldier was killed in the attack.", "killed", "The ministry"),
    ('The general spoke to the troops. He continued, "The army attacked the town at dawn."', "attacked", "He"),
])
def test_a_narrating_verb_with_a_clause_or_a_quotation_of_its_own_says_it(text, trigger, speaker):
    record = extract_checked(text, outlet=OUTLET)
    event = _event(record, trigger)
    assert event.attribution is not None
    assert next(a for a in record.attributions if a.id == event.attribution).source.text == speaker


def test_it_said_credits_the_organisation_named_before():
    text = "The company said the plant would close. It added that the army attacked the depot."
    record = extract_checked(text, outlet=OUTLET)
    event = _event(record, "attacked")
    it = next(a for a in record.attributions if a.id == event.attribution)
    company = next(a for a in record.attributions if a.source.text == "The company")
    assert it.source.text == "It" and it.source.entity == company.source.entity
    assert _credit(record, "attacked").chain[-1] == "The company"


@pytest.mark.parametrize("text, trigger, teller", [
    ("Baker said the FBI has not publicly commented on the scope of the investigation.", "investigation", "Baker"),
    ("The minister did not say when the attack would start.", "attack", OUTLET),
    ("A lawyer for the general did not respond to questions about why troops shelled the village.", "shelled", OUTLET),
    ("The general refused to answer questions about why troops shelled the village.", "shelled", OUTLET),
    ("The general made no mention of the attack on the village.", "attack", OUTLET),
    ("The general did not mention requesting an attack on the village.", "attack", OUTLET),
])
def test_a_negated_verb_of_telling_tells_nothing(text, trigger, teller):
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, trigger).chain[-1] == teller


def test_a_negated_belief_is_still_the_thinkers():
    record = extract_checked("“I don't think the server was hacked,” Comey said.", outlet=OUTLET)
    assert _credit(record, "hacked").chain[-1] == "Comey"


@pytest.mark.parametrize("text, trigger", [
    ("Mukasey criticized Clinton's email use, which an FBI investigation said was careless.", "investigation"),
    ("The council approved a resolution condemning the attack on the mosque.", "condemning"),
])
def test_what_the_object_of_an_evaluation_holds_is_the_tellers(text, trigger):
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, trigger).chain[-1] == OUTLET


@pytest.mark.parametrize("text, trigger, source", [
    ("The issue grew on Monday, amid reports that the couple had bombed the base.", "bombed", "reports"),
    ("The mayor spoke after Smith's claim that the army attacked the town.", "attacked", "Smith"),
    ("The town was quiet despite a claim by the ministry that rebels seized it.", "seized", "the ministry"),
])
def test_a_report_or_claim_with_its_own_that_clause_is_its_source(text, trigger, source):
    record = extract_checked(text, outlet=OUTLET)
    event = _event(record, trigger)
    by_id = {a.id: a for a in record.attributions}
    assert event.attribution is not None and by_id[event.attribution].source.text.startswith(source)


def test_an_allegation_no_one_is_named_for_stays_the_articles_report():
    text = "The talks include allegations that Chinese hackers attacked the agency."
    record = extract_checked(text, outlet=OUTLET)
    assert _credit(record, "attacked").chain == (OUTLET,)


def test_a_stray_closing_mark_does_not_swallow_the_next_statement():
    text = ('A ship arrived on Monday. The vessel has arrived and started the search, " he said. '
            "The families will be kept informed about the hunt, authorities said.")
    record = extract_checked(text, outlet=OUTLET)
    said = [a for a in record.attributions if a.source.text == "authorities"]
    assert said and said[0].content[0].text.startswith("The families")


def test_what_a_possessor_plans_or_calls_for_is_the_possessors():
    text = ("The council condemned Donald Trump's call for a ban on Muslims. "
            "Mr. King said that he might decide against his announced plans to help host the coverage.")
    record = extract_checked(text, outlet=OUTLET)
    by_id = {a.id: a for a in record.attributions}
    ban = by_id[_event(record, "ban").attribution or ""]
    assert ban.source.text.startswith("Donald Trump")
    king = next(a for a in record.attributions if a.source.text == "Mr. King")
    plans = next(a for a in record.attributions if a.source.text == "his")
    assert plans.source.entity == king.source.entity and plans.content[0].text.startswith("to help host")


def test_a_narrating_verb_inside_a_quotation_still_only_narrates():
    from sayso.nlp.parse import load_model
    from sayso.stages.attribution import attributions_of
    from sayso.stages.events import ontology_for
    from sayso.stages.events.credit import report_attribution

    text = "“She continues to believe that the army attacked the town,” the spokesman said."
    doc = load_model(DEFAULT)(text)
    attributions, _ = attributions_of(doc, text)
    believe = next(t for t in doc if t.text == "believe")
    credited = report_attribution(believe, believe.idx, believe.idx + 7, ontology_for(DEFAULT).status, attributions)
    assert next(a for a in attributions if a.id == credited).source.text == "the spokesman"
