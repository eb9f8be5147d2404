"""The attribution stage on sentences written for these tests, one construction at a time."""
from __future__ import annotations

import pytest

from conftest import attribution_with_cue as one
from conftest import extract_checked as found
from sayso.stages.attribution import chain, outermost


def entity_of(record, attribution):
    return next(e for e in record.entities if e.id == attribution.source.entity)


def test_direct_quote_content_is_inside_the_quote_marks_with_them():
    r = found("“We will win the vote,” Maria Lopez said.")
    a = one(r, "said")
    assert a.type == "direct"
    assert a.source.text == "Maria Lopez" and a.source.kind == "named_person"
    assert [c.text for c in a.content] == ["“We will win the vote,”"]


def test_indirect_content_excludes_cue_and_source_and_final_stop():
    r = found("The finance ministry said that the talks with the lenders had failed.")
    a = one(r, "said")
    assert a.type == "indirect"
    assert a.source.text == "The finance ministry" and a.source.kind == "organization"
    assert [c.text for c in a.content] == ["that the talks with the lenders had failed"]


def test_mixed_quote():
    r = found("The mayor said the flood was “the worst in a century” and asked for help.")
    a = one(r, "said")
    assert a.type == "mixed"
    assert "“the worst in a century”" in a.content[0].text


def test_multi_sentence_quote_is_one_content():
    r = found("“The road is closed. Nobody can pass. We are waiting for the army,” said Tom Baker.")
    a = one(r, "said")
    assert a.type == "direct" and a.source.text == "Tom Baker"
    assert a.content[0].text.startswith("“The road is closed.") and a.content[0].text.endswith("army,”")


def test_multi_paragraph_quote_keeps_every_paragraph():
    text = "Anna Weiss, the head of the clinic, added:\n\n“The first trucks came at dawn.\n\n“The second convoy never arrived.”\n"
    r = found(text)
    a = one(r, "added:")
    assert a.type == "direct"
    assert [c.text for c in a.content] == ["“The first trucks came at dawn.", "“The second convoy never arrived.”"]


def test_quote_without_cue_continues_the_last_speaker():
    text = ("“The dam will hold,” the chief engineer said.\n\n"
            "“We checked it twice and found no cracks at all in the wall.”\n")
    r = found(text)
    said = one(r, "said")
    rest = [a for a in r.attributions if a.cue is None and a.content]
    assert len(rest) == 1
    assert rest[0].content[0].text.startswith("“We checked it twice")
    assert rest[0].source.entity == said.source.entity and rest[0].type == "direct"


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Local officials told reporters that the bridge was unsafe.", "told"),
        ("The spokesman added that the bridge was unsafe.", "added"),
        ("The rebels claimed that the bridge was destroyed.", "claimed"),
        ("The army confirmed that the bridge was destroyed.", "confirmed"),
        ("The governor denied that the bridge was unsafe.", "denied"),
        ("Engineers warned that the bridge could collapse.", "warned"),
        ("State television reported that the bridge had collapsed.", "reported"),
        ("The union denounced the closure of the bridge as a scandal.", "denounced"),
        ("The governor insisted that the bridge was safe.", "insisted"),
        ("The governor believes that the bridge is safe.", "believes"),
        ("The villagers fear that the bridge will collapse.", "fear"),
        ("The bridge is unsafe, according to the engineers.", "according to"),
    ],
)
def test_cue_verbs_beyond_say(sentence, cue):
    a = one(found(sentence), cue)
    assert a.content and a.cue.text == cue
    assert all(not c.overlaps(a.cue.start, a.cue.end) for c in a.content)
    assert all(not c.overlaps(a.source.start, a.source.end) for c in a.content)


def test_inverted_cue():
    r = found("Food prices will rise sharply next year, say bank economists.")
    a = one(r, "say")
    assert a.source.text == "bank economists" and a.source.kind == "anonymous_group"
    assert a.content[0].text == "Food prices will rise sharply next year"


def test_colon_led_quote_after_a_cue():
    r = found("The general replied: “Our troops are ready for anything.”")
    a = one(r, "replied:")
    assert a.type == "direct" and a.content[0].text == "“Our troops are ready for anything.”"


def test_dash_led_quote_after_a_name():
    r = found("Carla Diaz — “We are not leaving this town.”\n\nThe mayor disagreed.")
    a = one(r, "—")
    assert a.source.text == "Carla Diaz" and a.type == "direct"
    assert a.content[0].text == "“We are not leaving this town.”"


def test_appositive_speaker():
    r = found("Hugh Hill, a doctor, said the clinic had run out of insulin.")
    a = one(r, "said")
    assert a.source.text.startswith("Hugh Hill, a doctor") and a.source.kind == "named_person"
    assert a.content[0].text == "the clinic had run out of insulin"


def test_pronoun_speaker_resolves_to_last_named_speaker_of_that_gender():
    text = ("Maria Lopez said the count was fair. Robert Klein said the count was rigged.\n\n"
            "“I saw the boxes myself,” she said.\n\n“Nobody saw anything,” he said.")
    r = found(text)
    maria = next(a for a in r.attributions if a.source.text == "Maria Lopez")
    robert = next(a for a in r.attributions if a.source.text == "Robert Klein")
    she = next(a for a in r.attributions if a.source.text == "she")
    he = next(a for a in r.attributions if a.source.text == "he")
    assert she.source.entity == maria.source.entity
    assert he.source.entity == robert.source.entity
    assert she.source.kind == "named_person"


def test_definite_speaker_resolves_to_the_earlier_source():
    text = ("A senior army officer told reporters that the town had fallen. "
            "Rebel leaders denied it. The officer said more troops were coming.")
    r = found(text)
    first = one(r, "told")
    later = next(a for a in r.attributions if a.source.text == "The officer")
    assert later.source.entity == first.source.entity
    assert later.source.kind == "anonymous_person"


def test_told_an_outlet_makes_it_a_relay_and_the_newspaper_refers_back():
    text = ("U.S. officials told The Daily Telegraph that the plan was ready. "
            "A senior diplomat told the newspaper that talks would start soon.")
    r = found(text, outlet="Example News")
    officials = next(a for a in r.attributions if a.source.text == "U.S. officials")
    diplomat = next(a for a in r.attributions if a.source.text == "A senior diplomat")
    assert chain(r, officials.id) == ["Example News", "The Daily Telegraph", "U.S. officials"]
    assert chain(r, diplomat.id) == ["Example News", "The Daily Telegraph", "A senior diplomat"]
    relays = [a for a in r.attributions if a.cue is None and not a.content]
    assert {a.source.kind for a in relays} == {"media"}
    assert len({a.source.entity for a in relays}) == 1


def test_outlet_reporting_is_its_own_attribution_with_the_outlet_above():
    r = found("The Washington Post reported that the senator would resign.", outlet="Example News")
    a = one(r, "reported")
    assert a.source.kind == "media" and a.parent is None
    assert chain(r, a.id) == ["Example News", "The Washington Post"]


def test_nested_attribution_has_the_outer_one_as_parent():
    r = found("The Washington Post reported that investigators believe the fire was set deliberately.")
    outer, inner = one(r, "reported"), one(r, "believe")
    assert inner.parent == outer.id
    assert [a.id for a in outermost(r.attributions)] == [outer.id]


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("A senior official said the deal was close.", "anonymous_person"),
        ("Diplomats said the deal was close.", "anonymous_group"),
        ("Jordan's foreign minister said the deal was close.", "role"),
        ("The World Bank said the deal was close.", "organization"),
        ("The Washington Post reported that the deal was close.", "media"),
        ("A report by the agency said the deal was close.", "document"),
        ("Angela Merkel said the deal was close.", "named_person"),
    ],
)
def test_source_kinds(sentence, kind):
    record = found(sentence)
    assert [a.source.kind for a in record.attributions if a.cue] == [kind]


def test_straight_quote_marks():
    a = one(found('"We are ready for the storm," said Tom Baker.'), "said")
    assert a.type == "direct" and a.content[0].text == '"We are ready for the storm,"'


def test_unbalanced_quote_marks_do_not_crash_or_swallow_the_article():
    text = "Tom Baker said “we are ready for the storm.\n\nThe mayor said the shelters were open."
    r = found(text)
    mayor = [a for a in r.attributions if a.source.text == "The mayor"]
    assert mayor and mayor[0].content[0].text == "the shelters were open"


@pytest.mark.parametrize(
    "text",
    [
        "He said “ " * 300 + "end",
        '"' * 500,
        "officials said that " + "the town was quiet and " * 400,
        ("word " * 10_000).strip(),
    ],
)
def test_bad_input_still_gives_a_record(text):
    record = found(text)
    assert record.text == text


@pytest.mark.parametrize("text, words", [
    ("It is said that the army attacked the town.", "It"),
    ("It seems that the army attacked the town.", "It"),
])
def test_it_without_a_verb_of_saying_is_no_speaker(text, words):
    assert all(a.source.text != words for a in found(text).attributions)


def test_a_quotation_whose_opening_mark_the_parser_glued_to_the_sentence_before():
    text = ("Matt Bennett, a founder of the group, said the campaign had been careful. ''They need to be "
            "careful not to go too far,'' Mr. Bennett said. ''Bans on anything tend to be problematic.''")
    a = next(a for a in found(text).attributions if a.source.text == "Mr. Bennett")
    assert [c.text[:16] for c in a.content] == ["''They need to b", "''Bans on anythi"]


@pytest.mark.parametrize("text, parts", [
    ("If she becomes president, Clinton suggested in a tweet, women will not be punished.",
     ["If she becomes president", "women will not be punished"]),
    ("The army, the ministry said on Monday, shelled the town.", ["The army", "shelled the town"]),
])
def test_a_cue_set_off_by_commas_inside_the_clause_it_reports(text, parts):
    a = next(a for a in found(text).attributions if a.cue is not None and a.cue.text.startswith(("suggested", "said")))
    assert [c.text for c in a.content] == parts


def test_said_with_no_subject_in_the_parse_takes_the_person_named_before_it():
    text = ("Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he "
            "spoke with Mr. Sanders on Tuesday.")
    a = one(found(text), "said")
    assert "Harry Reid" in a.source.text and a.source.kind == "named_person"


def test_a_clause_before_the_cue_and_a_quotation_after_it_are_both_the_content():
    text = "Only one has visited so far, Beth Garay said, but “I can assure you they will have space.”"
    a = one(found(text), "said")
    assert [c.text for c in a.content] == ["Only one has visited so far", "“I can assure you they will have space.”"]


def test_according_to_at_the_end_holds_the_whole_sentence_with_its_quotation():
    text = ("Talks have been going on for a year, but since the shootings in Paris, ''there has been a "
            "renewed engagement,'' according to a senior administration official.")
    a = one(found(text), "according to")
    assert a.content[0].text.startswith("Talks have been going on") and "renewed engagement" in a.content[-1].text


def test_a_label_before_a_colon_is_no_speaker_the_phrase_after_it_may_be():
    text = "Editor's Note: An article on Monday about the attack reported that she had spoken about jihad."
    a = one(found(text), "reported")
    assert a.source.text.startswith("An article on Monday")


def test_a_quotation_after_a_conjoined_clause_with_its_own_subject_is_that_clauses():
    text = "Ingraham apologized, but Hogg blasted it as an insincere “effort just to save your advertisers.”"
    r = found(text)
    assert all(a.source.text != "Ingraham" for a in r.attributions)
    assert "“effort just" in one(r, "blasted").content[0].text


def test_a_name_and_its_setting_before_a_colon_name_the_speaker():
    a = one(found("Former AG Mukasey at RNC: Clinton email scandal disqualifies her for presidency."), ":")
    assert a.source.text.startswith("Former AG Mukasey")


def test_an_as_clause_of_saying_holds_the_sentence_it_opens():
    text = "As the newspaper reported earlier, the president on Monday signed the law on assets."
    a = next(a for a in found(text).attributions if a.cue is not None and a.cue.text == "reported")
    assert a.source.text == "the newspaper"
    assert [c.text for c in a.content] == ["the president on Monday signed the law on assets"]


def test_a_parenthetical_cue_before_a_quotation_holds_the_whole_clause():
    text = ("As the crowd cheered, The Washington Post's Robert Costa reported, his wife whispered to him: "
            '"They are still with you."')
    a = next(a for a in found(text).attributions if a.cue is not None and a.cue.text == "reported")
    assert any("his wife whispered" in c.text for c in a.content)


@pytest.mark.parametrize("first", [
    "The senator responded.", "The mayor spoke to reporters, and the senator agreed.",
])
def test_a_quotation_in_the_next_paragraph_is_not_taken_by_a_cue_before_it(first):
    text = first + '\n\n"We are at war with a radical group," Rubio said.'
    holders = [a.source.text for a in found(text).attributions if any("war" in c.text for c in a.content)]
    assert holders == ["Rubio"]
