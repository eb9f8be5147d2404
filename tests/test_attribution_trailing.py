"""Cues after what they report, and who a quotation with no cue after them goes on with."""
from __future__ import annotations

from conftest import attribution_with_cue as with_cue
from conftest import extract_checked as found


def test_a_trailing_cue_the_parse_gave_no_complement_holds_the_clause_before_it():
    text = ("The day before the miller vanished he sold his two horses and closed the mill, "
            "reports the Harbour Gazette.")
    a = with_cue(found(text), "reports")
    assert a.source.text.startswith("the Harbour Gazette")
    assert a.content[0].text.startswith("The day before the miller vanished he sold")


def test_a_trailing_cue_with_an_object_of_its_own_is_no_trailing_cue():
    text = ("Pointing to the audit's conclusions about weak controls, bank officials concurred with "
            "the auditor's findings.")
    r = found(text)
    assert not [a for a in r.attributions if a.content and a.content[0].text.startswith("Pointing")]


def test_as_reported_by_relays_the_whole_sentence_and_the_quotation_goes_on_with_the_speaker():
    text = ("“I would have fixed it at once,” the mayor noted in an interview on local radio, as reported by "
            "the Harbour Gazette. “And I would have sacked the engineer who let it happen.”")
    r = found(text)
    relay = with_cue(r, "as reported by")
    assert relay.source.text == "the Harbour Gazette"
    assert any(c.text.startswith("“I would have fixed it") for c in relay.content)
    mayor = next(a for a in r.attributions if a.source.text == "the mayor" and a.cue is not None)
    assert mayor.parent is not None
    rest = next(a for a in r.attributions if a.content and a.content[0].text.startswith("“And I would"))
    assert rest.source.text == "the mayor"


def test_as_reported_by_at_the_start_holds_the_sentence_after_it():
    text = "As reported by the Harbour Gazette, inspectors found over 200 cracks in the dam wall."
    a = with_cue(found(text), "As reported by")
    assert a.content[0].text == "inspectors found over 200 cracks in the dam wall"


def test_a_participle_set_off_after_an_object_is_the_subject_s_saying():
    text = ("The mayor rejected the idea that the flood was an accident, saying that the engineers "
            "had ignored every warning.")
    a = with_cue(found(text), "saying")
    assert a.source.text == "The mayor"


def test_a_title_between_a_quotation_and_its_speaker_keeps_them_together():
    text = ("Critics said the poster recalled old stereotypes.\n\n"
            "\"Just saw #MayorSmith's flood poster. I'm amazed by his talent to find a way to offend literally "
            "every kind of voter,\" "
            "screenwriter Cole Mercer wrote on Twitter.")
    r = found(text)
    quote = next(a for a in r.attributions if a.content and a.content[0].text.startswith("\"Just saw"))
    assert quote.source.text.endswith("Cole Mercer")


def test_a_programme_title_after_the_cue_is_not_its_quotation():
    text = ("Mayor Jane Smith says the council should be taking more steps and that she expects Governor Tom "
            "Brown to announce an “intensification” of the flood works.\n\n"
            "“We’re not safe yet, but it’s too soon to say that we are doing everything we need to do,” Smith "
            "said on KTV’s “This Week” on Sunday. “I think that’s what we’ll hear from the governor.”")
    r = found(text)
    quote = next(a for a in r.attributions if a.content and a.content[0].text.startswith("“We’re not safe"))
    assert quote.source.text == "Smith"
    assert not [a for a in r.attributions if a.content and a.content[0].text.startswith("“This Week")]
