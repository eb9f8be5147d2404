"""clean: boilerplate marked with a reason, never deleted; empty metadata filled from the text."""
from __future__ import annotations

from sayso.stages.clean import author_from_byline, fill_meta, find_boilerplate, guess_title, outlet_from_text
from sayso.stages.base import Draft
from sayso.stages.clean import mark_boilerplate
from sayso.record import Article, Meta
from sayso.settings import DEFAULT

WIRE = """Rebels Seize Border Crossing After Overnight Clashes

By Maria Kowalski and Tom Reed, Northern Correspondents

KARVIA, March 3 (Meridian Wire) - Rebel fighters seized the main border crossing on Sunday, a local commander said.

Smoke over the crossing
Smoke over the crossing

The army did not comment. Residents said shelling continued overnight.

Reporting by Maria Kowalski; Editing by Sam Ode

Follow us on Twitter for updates
(Invented for demonstration.)"""

PORTAL = """Minister Resigns Over Port Deal

Contact the author
Email: desk@example.org
Lena Marsh, Velport,

Lena Marsh
Lena Marsh

The transport minister resigned on Tuesday, her office said.

"I have done nothing wrong," she said in a statement.

(The Velport Ledger's foreign desk will update this story.)"""

COPYRIGHT = """Storm Closes Airport

The airport closed on Monday as the storm hit the coast.

Copyright 2021 Harbour Times Media. All rights reserved."""


def reasons(text: str, title: str | None = None) -> dict[str, str]:
    return {b.text: b.reason for b in find_boilerplate(text, title or guess_title(text))}


def test_every_span_points_into_the_text():
    for text in (WIRE, PORTAL, COPYRIGHT):
        for b in find_boilerplate(text, guess_title(text)):
            assert text[b.start:b.end] == b.text


def test_wire_byline_credits_caption_and_footers():
    found = reasons(WIRE)
    assert found["By Maria Kowalski and Tom Reed, Northern Correspondents"] == "byline"
    assert found["Reporting by Maria Kowalski; Editing by Sam Ode"] == "byline"
    assert found["Smoke over the crossing"] == "caption"
    assert found["Follow us on Twitter for updates"] == "footer"
    assert found["(Invented for demonstration.)"] == "footer"


def test_both_caption_copies_are_marked():
    captions = [b for b in find_boilerplate(WIRE, guess_title(WIRE)) if b.reason == "caption"]
    assert len(captions) == 2 and captions[0].start != captions[1].start


def test_body_headline_and_dateline_stay_body():
    found = reasons(WIRE)
    assert "Rebels Seize Border Crossing After Overnight Clashes" not in found
    assert not any(t.startswith("KARVIA") for t in found)
    assert "The army did not comment. Residents said shelling continued overnight." not in found


def test_contact_lines_name_place_byline_and_repeated_name_caption():
    found = reasons(PORTAL)
    assert found["Contact the author"] == "contact"
    assert found["Email: desk@example.org"] == "contact"
    assert found["Lena Marsh, Velport,"] == "byline"
    assert found["Lena Marsh"] == "caption"
    assert found["(The Velport Ledger's foreign desk will update this story.)"] == "footer"
    assert '"I have done nothing wrong," she said in a statement.' not in found


def test_a_repeated_sentence_is_not_a_caption():
    text = "Title Here\n\nShe said no.\n\nShe said no.\n\nThe end came later that day, officials said."
    assert "She said no." not in reasons(text)


def test_a_parenthesised_aside_inside_the_body_is_body():
    text = "Title\n\n(The vote was delayed.)\n\nOne.\n\nTwo.\n\nThree.\n\nFour, the officials said."
    assert "(The vote was delayed.)" not in reasons(text)


def test_author_from_bylines():
    assert author_from_byline("By Maria Kowalski and Tom Reed, Northern Correspondents") == "Maria Kowalski"
    assert author_from_byline("Lena Marsh, Velport,") == "Lena Marsh"
    assert author_from_byline("(Reporting by Omar Haddad; Editing by Sam Ode)") == "Omar Haddad"
    assert author_from_byline("By staff") is None


def test_outlet_from_possessive_footer_copyright_and_dateline():
    assert outlet_from_text(PORTAL, find_boilerplate(PORTAL, guess_title(PORTAL))) == "Velport Ledger"
    assert outlet_from_text(COPYRIGHT, find_boilerplate(COPYRIGHT, guess_title(COPYRIGHT))) == "Harbour Times Media"
    assert outlet_from_text(WIRE, find_boilerplate(WIRE, guess_title(WIRE))) == "Meridian Wire"


def test_fill_meta_fills_only_what_is_empty():
    filled = fill_meta(Meta(), PORTAL, find_boilerplate(PORTAL, guess_title(PORTAL)))
    assert filled.title == "Minister Resigns Over Port Deal"
    assert filled.author == "Lena Marsh"
    assert filled.outlet == "Velport Ledger"
    given = Meta(title="Given", author="Someone Else", outlet="Other Outlet")
    assert fill_meta(given, PORTAL, find_boilerplate(PORTAL, "Given")) == given


def test_stage_marks_and_fills_without_changing_the_text():
    draft = mark_boilerplate(Draft(Article(PORTAL, Meta(), "test")), DEFAULT)
    assert draft.article.text == PORTAL
    assert draft.article.meta.outlet == "Velport Ledger"
    assert {b.reason for b in draft.boilerplate} >= {"contact", "byline", "caption", "footer"}


def test_no_title_for_a_text_that_starts_with_a_long_sentence():
    text = "The government said on Monday that it would raise taxes. It gave no figures.\nMore text."
    assert guess_title(text) is None


def test_syria_example(syria_record):
    r = syria_record
    found = {b.text: b.reason for b in r.boilerplate}
    assert found["Contact Editor"] == "contact"
    assert found["Elad Benari, Canada,"] == "byline"
    assert sum(1 for b in r.boilerplate if b.text == "Bashar Assad") == 2
    assert any(b.text.startswith("(Arutz Sheva\u2019s North American Desk") for b in r.boilerplate)
    assert r.meta.title == "Report: More Senior Syrian Officials May Defect"
    assert r.meta.outlet == "Arutz Sheva"
    assert r.meta.author == "Elad Benari"
    for b in r.boilerplate:
        assert r.text[b.start:b.end] == b.text


def test_pathological_lines_finish_and_stay_exact():
    footer = "(" + "Ab-" * 20000 + "x's " + "Cd " * 20000 + "desk)"
    text = "Title\n\n" + "AB " * 20000 + "(X\n\n" + "Copyright " + "Ab " * 20000 + "\n" + footer
    spans = find_boilerplate(text, "Title")
    assert spans and all(text[b.start:b.end] == b.text for b in spans)
    assert fill_meta(Meta(), text, spans).outlet is not None


def test_windows_line_endings_keep_exact_offsets():
    text = "Title\r\n\r\nBy Jane Doe\r\n\r\nThe body, she said.\r\n"
    (byline,) = find_boilerplate(text, "Title")
    assert byline.text == "By Jane Doe" and text[byline.start:byline.end] == "By Jane Doe"
