"""entities: mentions joined into entities with kinds, on sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.stages.clean import mark_boilerplate
from sayso.stages.entities import add_entity, entity_at, find_entities
from sayso.nlp.parse import load_model
from sayso.stages.base import Draft
from sayso.record import Article, Entity, Meta, Span, iter_spans
from sayso.settings import DEFAULT


def extract_text(text: str, **meta):
    """clean -> parse -> entities only: these tests do not depend on later stages."""
    draft = mark_boilerplate(Draft(Article(text, Meta(**meta), "test")), DEFAULT)
    draft = draft.set(doc=load_model(DEFAULT)(text))
    return find_entities(draft, DEFAULT).record()


def by_mention(record, text):
    """The entity one of whose mentions reads `text` (exactly)."""
    found = [e for e in record.entities if any(m.text == text for m in e.mentions)]
    assert found, f"no entity mentioned as {text!r}: {[(e.name, [m.text for m in e.mentions]) for e in record.entities]}"
    return found[0]


def mentions(entity):
    return [m.text for m in entity.mentions]


@pytest.fixture(scope="module")
def wire():
    return extract_text(
        "Officials Weigh Talks With Rebels\n\n"
        "Kenyan President Uhuru Kenyatta's aides met opposition leaders on Monday, "
        "two Western diplomats told The Washington Post.\n\n"
        "The diplomats said the talks were secret. A senior Kenyan official in Nairobi told the "
        "newspaper that the Kenyan leader wanted a deal. \"We are close,\" the official said.\n\n"
        "Uhuru Kenyatta has denied any talks. Kenyatta said in a statement that he had met nobody. "
        "The president's office declined to comment, the Washington Post reported.\n\n"
        "According to Foreign Ministry spokeswoman Amina Wanjiru, the meeting never happened. "
        "An activist told Reuters the spokeswoman was wrong. The activist said witnesses saw the convoy.\n\n"
        "(Invented for demonstration.)",
        outlet="Lakeside Herald",
    )


def test_surname_and_full_name_join(wire):
    kenyatta = by_mention(wire, "Uhuru Kenyatta")
    assert {"Kenyatta", "Uhuru Kenyatta"} <= set(mentions(kenyatta))
    assert kenyatta.kind == "person" and kenyatta.name == "Uhuru Kenyatta"


def test_role_before_a_name_and_role_anaphors(wire):
    kenyatta = by_mention(wire, "Kenyatta")
    assert kenyatta.role == "President"
    assert "the Kenyan leader" in mentions(kenyatta)


def test_role_with_organization_words(wire):
    wanjiru = by_mention(wire, "Amina Wanjiru")
    assert wanjiru.role == "Foreign Ministry spokeswoman"
    assert "the spokeswoman" in mentions(wanjiru)


def test_media_case_and_article_insensitive_and_the_newspaper(wire):
    post = by_mention(wire, "The Washington Post")
    assert post.kind == "media"
    assert {"the Washington Post", "the newspaper"} <= set(mentions(post))
    assert by_mention(wire, "Reuters").kind == "media"


def test_anonymous_group_and_its_definite_description(wire):
    diplomats = by_mention(wire, "two Western diplomats")
    assert diplomats.kind == "anonymous_group"
    assert "The diplomats" in mentions(diplomats)


def test_anonymous_person_with_place_and_its_definite_description(wire):
    official = by_mention(wire, "A senior Kenyan official in Nairobi")
    assert official.kind == "anonymous_person"
    assert "the official" in mentions(official)
    activist = by_mention(wire, "An activist")
    assert activist.kind == "anonymous_person" and "The activist" in mentions(activist)
    assert activist.id != official.id


def test_document(wire):
    assert by_mention(wire, "a statement").kind == "document"


def test_outlet_of_the_article_is_not_invented(wire):
    assert not any(e.name == "Lakeside Herald" for e in wire.entities)  # the text never names it


def test_every_mention_points_into_the_text(wire):
    for span in iter_spans(wire):
        assert wire.text[span.start:span.end] == span.text


def test_particles_and_possessive():
    r = extract_text(
        "Fighting Spreads\n\nMembers of Hafez al-Rashid's family fled on Monday. "
        "Hafez Rashid said later that he would stay. Rashid's rivals laughed."
    )
    rashid = by_mention(r, "Hafez al-Rashid")
    assert {"Hafez Rashid", "Rashid"} <= set(mentions(rashid))
    assert all(not m.endswith(("'s", "\u2019s")) for m in mentions(rashid))


def test_different_first_names_stay_apart():
    r = extract_text(
        "Two Brothers\n\nJohn Carver and Peter Carver met in Boston. John Carver said they agreed."
    )
    assert by_mention(r, "John Carver").id != by_mention(r, "Peter Carver").id


def test_role_without_a_name_and_organizations():
    r = extract_text(
        "Asylum Granted\n\nEgypt's interior minister said the government had granted asylum to the pilot. "
        "The Syrian regime condemned the move. Syrian opposition groups welcomed it, and opposition groups "
        "in exile said they would help."
    )
    minister = by_mention(r, "Egypt's interior minister")
    assert minister.kind == "person" and minister.role == "interior minister"
    assert by_mention(r, "The Syrian regime").kind == "organization"
    groups = by_mention(r, "Syrian opposition groups")
    assert groups.kind == "organization"


def test_caption_names_join_body_entities_but_do_not_start_them():
    r = extract_text(
        "Leader Visits Port\n\nGeneral Omar Tessaly visited the port on Friday, officials said.\n\n"
        "Omar Tessaly\nOmar Tessaly\n\nLina Brook\nLina Brook\n\nTessaly said the port would reopen."
    )
    tessaly = by_mention(r, "General Omar Tessaly") if any(
        m.text == "General Omar Tessaly" for e in r.entities for m in e.mentions) else by_mention(r, "Omar Tessaly")
    assert mentions(tessaly).count("Omar Tessaly") >= 2
    assert "Tessaly" in mentions(tessaly)
    assert not any("Lina Brook" in mentions(e) for e in r.entities)


def test_acronym_joins_the_full_name():
    r = extract_text(
        "Rebels Advance\n\nThe Free Syrian Army said it took the town. The FSA gave no figures."
    )
    fsa = by_mention(r, "Free Syrian Army") if any(
        m.text == "Free Syrian Army" for e in r.entities for m in e.mentions) else by_mention(r, "The Free Syrian Army")
    assert any(m == "FSA" for m in mentions(fsa))


def test_the_newspaper_before_any_outlet_refers_to_nothing():
    r = extract_text("Quiet Day\n\nThe newspaper was late on Monday because of snow, residents said.")
    assert not any(e.kind == "media" for e in r.entities)


def test_outlet_named_in_the_footer_is_a_media_entity():
    r = extract_text(
        "Bridge Opens\n\nThe bridge opened on Monday, the mayor said.\n\n"
        "(Harbor Gazette's city desk will update this story.)"
    )
    assert r.meta.outlet == "Harbor Gazette"
    gazette = by_mention(r, "Harbor Gazette")
    assert gazette.kind == "media"


def test_entity_at_prefers_the_largest_overlap():
    a = Entity("e1", "Assad", "person", (Span(0, 5, "Assad"),))
    b = Entity("e2", "the Assad regime", "organization", (Span(0, 12, "Assad regime"),))
    assert entity_at((a, b), 0, 12).id == "e2"
    assert entity_at((a, b), 20, 30) is None


def test_add_entity_joins_by_overlap_or_name_and_makes_fresh_ids():
    a = Entity("e1", "Reuters", "media", (Span(0, 7, "Reuters"),))
    ents, eid = add_entity((a,), "Reuters", "media", Span(2, 5, "ute"))
    assert eid == "e1" and ents == (a,)
    ents, eid = add_entity((a,), "reuters", "media", Span(40, 47, "Reuters"))
    assert eid == "e1" and len(ents[0].mentions) == 2
    ents, eid = add_entity(ents, "a witness", "anonymous_person", Span(60, 69, "a witness"))
    assert eid == "e2" and ents[-1].kind == "anonymous_person"
    # a span that only touches a mention ("Reuters" inside a long phrase) is something else
    ents, eid = add_entity(ents, "readers of Reuters stories", "group", Span(30, 56, "x" * 26))
    assert eid == "e3"


@pytest.fixture(scope="module")
def syria():
    path = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "syria-defections.txt"
    if not path.exists():
        pytest.skip("../shared/examples is not beside the checkout")
    return extract_text(path.read_text(encoding="utf-8"))


def test_syria_example(syria):
    r = syria
    assad = by_mention(r, "Bashar al-Assad")
    assert {"Bashar al-Assad", "Bashar Assad", "Assad"} <= set(mentions(assad))
    assert assad.kind == "person" and assad.role == "President"
    assert {"the Syrian leader", "the president"} <= set(mentions(assad))
    assert by_mention(r, "Victoria Nuland").kind == "person"
    hamade = by_mention(r, "Hassan Merei al-Hamade")
    assert hamade.kind == "person" and "al-Hamade" in mentions(hamade)
    telegraph = by_mention(r, "The Daily Telegraph")
    assert telegraph.kind == "media"
    assert {"the Daily Telegraph", "the newspaper"} <= set(mentions(telegraph))
    officials = by_mention(r, "U.S. officials")
    assert officials.kind == "anonymous_group" and "The officials" in mentions(officials)
    assert by_mention(r, "the official").kind == "anonymous_person"
    assert by_mention(r, "The source").kind == "anonymous_person"
    assert by_mention(r, "Arutz Sheva").kind == "media"
    assert "The fighter pilot" in mentions(hamade)  # named only after the description
    assert by_mention(r, "Jordan's information minister").role == "information minister"
    assert by_mention(r, "Syrian opposition groups").id == by_mention(r, "Opposition groups").id
    for span in iter_spans(r):
        assert r.text[span.start:span.end] == span.text


def test_appositive_role_nationality_nouns_and_sources_close_to():
    r = extract_text(
        "Clinic shelled in the north\n\nHugh Hill, a doctor, said the clinic was hit. The Kurds blamed the army. "
        "Sources close to the governor said residents had fled. Western diplomats were silent."
    )
    assert by_mention(r, "Hugh Hill").role == "doctor"
    assert by_mention(r, "Kurds").kind == "group"
    assert by_mention(r, "residents").kind == "anonymous_group"
    assert by_mention(r, "Western diplomats").kind == "anonymous_group"
    sources = [e for e in r.entities if e.name.startswith("Sources")]
    assert sources and sources[0].kind == "anonymous_group"
    assert sources[0].name == "Sources close to the governor"


def test_the_leader_needs_agreeing_nationality():
    r = extract_text(
        "Talks\n\nTurkish President Recep Tayyip Erdogan met the envoy on Monday. "
        "The Syrian leader did not attend. The Turkish leader said talks would go on."
    )
    erdogan = by_mention(r, "Recep Tayyip Erdogan")
    assert "The Turkish leader" in mentions(erdogan)
    assert "The Syrian leader" not in mentions(erdogan)


def test_cataphoric_role_merges_with_the_named_person():
    r = extract_text(
        "Pilot Lands\n\nThe pilot landed at dawn. Officials named the pilot, Hassan Omari, on Friday."
    )
    omari = by_mention(r, "Hassan Omari")
    assert "The pilot" in mentions(omari)


def test_company_names_short_forms_acronyms_and_the_company():
    r = extract_text(
        "Carmaker Cuts Jobs\n\nGM said on Monday it would cut 2,000 jobs. General Motors Corporation "
        "blamed weak sales. The company said plants in Ohio would close. Rival Acme Motors Inc. said "
        "Acme Motors would hire. The United States Senate will hold hearings; the Senate meets in May."
    )
    gm = by_mention(r, "GM")
    assert "General Motors Corporation" in mentions(gm) and "The company" in mentions(gm)
    acme = by_mention(r, "Acme Motors Inc.")
    assert "Acme Motors" in mentions(acme) and acme.id != gm.id
    assert by_mention(r, "Senate").id == by_mention(r, "The United States Senate").id


def test_place_spellings_and_the_kingdom():
    r = extract_text(
        "Aid Arrives\n\nThe United States sent aid to Jordan on Monday. U.S. planes landed at dawn, "
        "and the kingdom thanked Washington."
    )
    assert by_mention(r, "U.S.").id == by_mention(r, "The United States").id
    assert "the kingdom" in mentions(by_mention(r, "Jordan"))


def test_a_person_named_like_an_outlet_word_is_a_person():
    r = extract_text("Union Talks\n\nChairman Jim Press said talks would resume. Press added that pay was agreed.")
    assert by_mention(r, "Jim Press").kind == "person"


def test_plural_names_and_people_nouns():
    r = extract_text(
        "Album Reissued\n\nThe Kennedys met the Beatles in London on Friday, and many customers queued, "
        "a shop owner said."
    )
    assert by_mention(r, "Beatles").kind == "group"
    assert by_mention(r, "many customers").kind == "anonymous_group"
    assert by_mention(r, "a shop owner").kind == "anonymous_person"


def test_apposition_joins_the_name_it_describes():
    r = extract_text(
        "Tractor maker sold\n\nApex, the largest maker of tractors in Europe, was sold on Monday. "
        "Hugh Hill, a doctor, said the clinic was hit."
    )
    assert "the largest maker of tractors in Europe" in mentions(by_mention(r, "Apex"))
    assert "a doctor" in mentions(by_mention(r, "Hugh Hill"))


MEANTIME_XML = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Ford</token><token number="1" sentence="0" t_id="2">cuts</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="2" t_id="4">Ford</token><token number="4" sentence="2" t_id="5">Motor</token>
<token number="5" sentence="2" t_id="6">Company</token><token number="6" sentence="2" t_id="7">said</token>
<token number="7" sentence="2" t_id="8">the</token><token number="8" sentence="2" t_id="9">company</token>
<token number="9" sentence="2" t_id="10">would</token><token number="10" sentence="2" t_id="11">cut</token>
<token number="11" sentence="2" t_id="12">jobs</token><token number="12" sentence="2" t_id="13">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NOM"><token_anchor t_id="8"/><token_anchor t_id="9"/></ENTITY_MENTION>
<ENTITY m_id="9" ent_type="ORG" instance_id="ORG1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><source m_id="3"/><target m_id="9"/></REFERS_TO>
</Relations></Document>"""


def test_meantime_entity_evaluation_reads_and_scores(tmp_path):
    from sayso.evaluation.entities import evaluate, read_article

    (tmp_path / "a.xml").write_text(MEANTIME_XML, encoding="utf-8")
    gold = read_article(tmp_path / "a.xml")
    assert gold.text.startswith("Ford cuts\n\nMay\n\nFord Motor Company said the company")
    assert [gold.text[m.start:m.end] for m in gold.mentions] == ["Ford", "Ford Motor Company", "the company"]
    assert {m.type for m in gold.mentions} == {"ORG"} and len({m.instance for m in gold.mentions}) == 1
    result = evaluate(tmp_path)
    assert result["gold_mentions"] == 3 and result["articles"] == 1
    assert 0 <= result["link_recall"] <= 100 and 0 <= result["kind_accuracy"] <= 100


def test_noun_phrases_match_spacy_and_stay_linear_on_long_conjunctions():
    from sayso.stages.entities.mentions import noun_phrases

    nlp = load_model(DEFAULT)
    for text in ("The official and the newspaper said rebels and U.S. officials met a source. " * 3,
                 "Bashar al-Assad and the official and the newspaper and Reuters " * 200):
        doc = nlp(text)
        assert [(s, e) for s, e, _ in noun_phrases(doc)] == [(c.start, c.end) for c in doc.noun_chunks]
