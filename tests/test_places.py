"""places: gazetteer keys, context resolution of ambiguous names, facilities, demonyms."""
from __future__ import annotations

import pytest

from sayso.stages.places import gazetteer
from sayso.stages.places.gazetteer import distance_km, exact_key, loose_key, skeleton_key
from sayso.stages.base import Draft
from sayso.stages.places import Mention, resolve, resolve_places
from sayso.record import Article, Meta
from sayso.settings import DEFAULT


@pytest.fixture(scope="module")
def nlp():
    from sayso.nlp.parse import load_model

    return load_model(DEFAULT)


def places_of(nlp, text: str, **meta):
    draft = Draft(Article(text, Meta(**meta), "test"), doc=nlp(text))
    return resolve_places(draft, DEFAULT).places


def by_mention(places, text):
    for p in places:
        if any(m.text == text for m in p.mentions):
            return p
    return None


def test_transliteration_variants_share_keys():
    assert exact_key("Al-Mafraq") == exact_key("Mafraq") == "mafraq"
    assert loose_key(exact_key("Dera'a")) == loose_key(exact_key("Deraa"))
    assert skeleton_key(loose_key(exact_key("Dera’a"))) == skeleton_key(loose_key(exact_key("Daraa")))


def test_variant_spellings_reach_the_same_town():
    gaz = gazetteer.load()
    ids = [{c.geonameid for c in gaz.lookup(n) if c.country == "SYR"} for n in ("Dera'a", "Deraa", "Daraa")]
    assert ids[0] & ids[1] & ids[2]


def test_paris_in_france_and_paris_in_texas(nlp):
    france = places_of(nlp, "Protesters marched in Paris on Saturday. Police in Lyon and Marseille "
                            "braced for more, the French interior ministry said.")
    texas = places_of(nlp, "The storm flooded Paris, Texas, and knocked out power in Dallas.")
    assert by_mention(france, "Paris").country == "FRA"
    paris_tx = by_mention(texas, "Paris")
    assert paris_tx.country == "USA"
    assert distance_km(paris_tx.lat, paris_tx.lon, 33.66, -95.55) < 25  # Paris, Texas


def test_georgia_country_or_state_by_context(nlp):
    caucasus = places_of(nlp, "Russian troops crossed into Georgia from South Ossetia, and Armenia "
                              "and Azerbaijan closed their borders.")
    south = places_of(nlp, "Voters in Georgia lined up for hours in Atlanta and Savannah, "
                           "as they had in Alabama and Florida.")
    assert by_mention(caucasus, "Georgia").country == "GEO"
    state = by_mention(south, "Georgia")
    assert state.country == "USA" and state.precision == "region"


def test_demonym_names_a_country(nlp):
    places = places_of(nlp, "Money was moved into Lebanese and Chinese banks.")
    assert by_mention(places, "Lebanese").country == "LBN"
    assert by_mention(places, "Chinese").country == "CHN"
    assert by_mention(places, "Chinese").precision == "country"


def test_facility_takes_the_place_it_is_in(nlp):
    text = "The convoy reached the Bagram Air Base in Parwan, north of Kabul, Afghanistan."
    places = places_of(nlp, text)
    base = next(p for p in places if p.precision == "facility")
    assert "Air Base" in base.name and base.country == "AFG"
    assert all(text[m.start:m.end] == m.text for p in places for m in p.mentions)


def test_mentions_of_one_place_are_joined(nlp):
    places = places_of(nlp, "Officials in Jordan said the pilot was safe in Jordan. Jordanian officials agreed.")
    jordan = [p for p in places if p.country == "JOR" and p.precision == "country"]
    assert len(jordan) == 1 and len(jordan[0].mentions) == 3
    assert [p.id for p in places] == [f"p{i}" for i in range(1, len(places) + 1)]


def test_gold_spans_resolve_without_a_parse():
    text = "Flights from Toronto to Vancouver were cancelled across Canada."
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in ("Toronto", "Vancouver", "Canada")]
    found = resolve(text, mentions)
    assert [r.candidate.country for r in found] == ["CAN", "CAN", "CAN"]
    assert found[0].precision == "city" and found[2].precision == "country"


def test_cached_index_loads_again():
    gazetteer.load.cache_clear()
    assert gazetteer.cache_path().exists()
    assert len(gazetteer.load()) > 100_000


def test_example_article_places(syria_record):
    places = syria_record.places
    def near(mention, lat, lon, km=25):
        p = by_mention(places, mention)
        assert p is not None, mention
        return distance_km(p.lat, p.lon, lat, lon) < km
    assert by_mention(places, "Jordan").country == "JOR"
    assert near("Mafraq", 32.34, 36.21)
    assert near("Dera’a", 32.62, 36.10) and by_mention(places, "Dera’a").country == "SYR"
    assert by_mention(places, "Lebanese").country == "LBN"
    assert by_mention(places, "Chinese").country == "CHN"
    base = by_mention(places, "King Hussein Air Base")
    assert base.precision == "facility" and distance_km(base.lat, base.lon, 32.36, 36.26) < 25
