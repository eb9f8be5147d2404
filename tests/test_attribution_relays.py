"""Relays named after the cue: "..., the Herald reported, citing an official", "quoted X as saying"."""
from __future__ import annotations

import pytest

from conftest import attribution_with_cue as with_cue
from conftest import extract_checked as found
from sayso.stages.attribution import chain


@pytest.mark.parametrize("text, cue, cited", [
    ("The mayor long ago fell out with the council, the Herald reported, citing a senior aide.",
     "reported", "a senior aide"),
    ("The Herald quoted a council member as saying that the mayor had resigned.", "saying", "a council member"),
])
def test_the_one_cited_or_quoted_after_the_cue_is_the_speaker_relayed_by_the_outlet(text, cue, cited):
    r = found(text)
    said = with_cue(r, cue)
    assert said.source.text == cited
    assert chain(r, said.id)[-2:] == ["Herald", cited]


def test_quoting_after_a_quotation_gives_the_quotation_and_its_sequel_to_the_quoted():
    text = ("“It all fell apart in one week,” the Herald reported, quoting a local official. "
            "“Nobody wanted to stay on after the vote.”\n")
    r = found(text)
    quoted = [a for a in r.attributions if a.content and a.content[0].text.startswith("“")]
    assert [a.source.text for a in quoted] == ["a local official", "a local official"]
    assert [chain(r, a.id)[-2:] for a in quoted] == [["Herald", "a local official"]] * 2


def test_citing_a_reason_names_no_source():
    text = "The mayor will not run again, he said on Monday, citing the closure of the port."
    assert with_cue(found(text), "said").source.text == "he"


def test_a_statement_an_outlet_retells_in_the_same_sentence_is_inside_the_outlets():
    text = "When asked about the port, the mayor said: “There will always be delays,” the Herald reported."
    r = found(text)
    herald, mayor = with_cue(r, "reported"), with_cue(r, "said:")
    assert [c.text for c in herald.content] == ["When asked about the port, the mayor said: “There will always be delays,”"]
    assert mayor.parent == herald.id and [c.text for c in mayor.content] == ["“There will always be delays,”"]


def test_according_to_closing_a_sentence_holds_the_statement_before_it():
    text = "More than half of the voters said that the port does more harm than good, according to an exit poll."
    r = found(text)
    poll, voters = with_cue(r, "according to"), with_cue(r, "said")
    assert [c.text for c in poll.content] == [text[:text.index(", according")]]
    assert voters.parent == poll.id and [c.text for c in voters.content] == ["that the port does more harm than good"]
