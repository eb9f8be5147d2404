from sayso.record import iter_spans, record_from_dict

from conftest import extract_text


def test_every_span_points_into_the_text(syria_record):
    text = syria_record.text
    spans = list(iter_spans(syria_record))
    assert spans, "the example article yields spans"
    for span in spans:
        assert text[span.start:span.end] == span.text


def test_record_round_trips_through_json(syria_record):
    again = record_from_dict(syria_record.to_dict())
    assert again == syria_record


def test_contract_fields_are_present():
    record = extract_text("Rebels said on Monday they had seized the town.").to_dict()
    for key in ("id", "text", "meta", "boilerplate", "entities", "places", "attributions", "events"):
        assert key in record
    assert record["text"] == "Rebels said on Monday they had seized the town."
