"""places:  the larger gazetteer, named regions, institutions, the learned ranker, the
GeoVirus reader and our GeoWebNews split (the cases of issue 17's "Why")."""
from __future__ import annotations

import argparse
import json

import pytest

from sayso.stages.places import gazetteer
from sayso.evaluation import geo as geo_eval
from sayso.stages.places.gazetteer import distance_km
from sayso.evaluation import geo_corpora as corpora
from sayso.stages.places import ranker
from sayso.stages.places.features import NAMES
from sayso.stages.base import Draft
from sayso.stages.places import Mention, prepare, resolve, resolve_places
from sayso.record import Article, Meta
from sayso.settings import DEFAULT


@pytest.fixture(scope="module")
def nlp():
    from sayso.nlp.parse import load_model

    return load_model(DEFAULT)


def places_of(nlp, text: str):
    draft = Draft(Article(text, Meta(), "test"), doc=nlp(text))
    return resolve_places(draft, DEFAULT).places


def by_mention(places, text):
    return next((p for p in places if any(m.text == text for m in p.mentions)), None)


def given(text: str, *names: str):
    """Resolve the given names (first occurrence of each) as gold spans are resolved."""
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    return resolve(text, sorted(mentions, key=lambda m: m.start))


def test_congress_is_not_congress_arizona(nlp):
    places = places_of(nlp, "Congress passed the spending bill on Friday after a long debate in Washington.")
    assert by_mention(places, "Congress") is None
    (congress,) = given("Congress passed the bill.", "Congress")
    assert congress is None


def test_white_house_is_the_institution_in_washington():
    (white_house,) = given("The White House said on Monday that talks would go on.", "White House")
    assert white_house.precision == "facility" and white_house.candidate.country == "USA"
    assert distance_km(white_house.candidate.lat, white_house.candidate.lon, 38.9, -77.04) < 30


def test_brussels_beside_ottawa_is_in_belgium():
    text = "Trade talks between Ottawa and Brussels resumed, Canadian officials said."
    ottawa, brussels = given(text, "Ottawa", "Brussels")
    assert ottawa.candidate.country == "CAN"
    assert brussels.candidate.country == "BEL"


def test_middle_east_is_the_region_not_the_usa(nlp):
    (middle_east,) = given("Oil prices rose on tensions in the Middle East.", "Middle East")
    assert middle_east.candidate.country is None and middle_east.precision == "region"
    place = by_mention(places_of(nlp, "Oil prices rose on fresh tensions in the Middle East."), "Middle East")
    assert place is not None and place.country != "USA"


def test_central_asia_is_a_region():
    (asia,) = given("Gas pipelines cross Central Asia.", "Central Asia")
    assert asia.precision == "region" and asia.candidate.country is None


def test_wallonia_is_the_belgian_region(nlp):
    text = "Greenpeace activists protested in Wallonia against the new gas plant."
    (wallonia,) = given(text, "Wallonia")
    assert wallonia.candidate.country == "BEL" and wallonia.precision == "region"
    place = by_mention(places_of(nlp, text), "Wallonia")
    assert place is not None and place.country == "BEL"


def test_county_and_province_from_the_bigger_gazetteer():
    gaz = gazetteer.load()
    (cuyahoga,) = [c for c in gaz.lookup("Cuyahoga County", fuzzy=False)]
    assert cuyahoga.country == "USA" and cuyahoga.precision == "region"
    assert distance_km(cuyahoga.lat, cuyahoga.lon, 41.45, -81.65) < 60  # around Cleveland
    tamil_nadu = [c for c in gaz.lookup("Tamil Nadu", fuzzy=False) if c.precision == "region"]
    assert tamil_nadu and distance_km(tamil_nadu[0].lat, tamil_nadu[0].lon, 11.0, 78.5) < 161


def test_county_in_context_of_its_state():
    text = "Flooding hit Orange County, and officials in Los Angeles and Anaheim, California, warned of more."
    (orange,) = given(text, "Orange County")
    assert orange.candidate.country == "USA"
    assert distance_km(orange.candidate.lat, orange.candidate.lon, 33.7, -117.8) < 80


def test_ranker_weights_load_and_match_the_features():
    weights = ranker.weights()
    assert weights is not None and weights.names == NAMES
    assert len(weights.coef) == len(weights.mean) == len(weights.scale) == len(NAMES)


def test_ranker_is_deterministic():
    text = "Voters in Georgia lined up in Atlanta and Savannah, as in Alabama and Paris, Texas."
    names = ("Georgia", "Atlanta", "Savannah", "Alabama", "Paris", "Texas")
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    inputs = prepare(text, mentions)
    first, second = ranker.rerank(inputs), ranker.rerank(prepare(text, mentions))
    assert first == second
    assert first[0].country == "USA" and first[0].precision == "region"
    assert distance_km(first[4].lat, first[4].lon, 33.66, -95.55) < 25  # Paris, Texas


def test_split_is_disjoint_and_covers_geowebnews():
    parts = corpora.split()
    everything = [i for part in parts.values() for i in part]
    assert len(everything) == len(set(everything)) == 200
    assert len(parts["test"]) == len(parts["dev"]) == 40


GEOVIRUS_SAMPLE = """<?xml version="1.0"?>
<articles>
 <article>
  <source>synthetic</source>
  <text>Cholera cases rose in Lusaka and spread to Ndola, Zambian officials said.</text>
  <locations>
   <location><name>Lusaka</name><lat>-15.42</lat><lon>28.28</lon>
    <page>Lusaka</page><start>22</start><end>28</end></location>
   <location><name>Ndola</name><lat>-12.96</lat><lon>28.64</lon>
    <page>Ndola</page><start>43</start><end>48</end></location>
  </locations>
 </article>
</articles>
"""


def test_reads_geovirus_format(tmp_path, capsys):
    path = tmp_path / "geovirus.xml"
    path.write_text(GEOVIRUS_SAMPLE)
    (article,) = list(geo_eval.read_articles(str(path)))
    assert [article.text[t.start:t.end] for t in article.toponyms] == ["Lusaka", "Ndola"]
    args = argparse.Namespace(path=str(path), json=True, limit=0, end_to_end=False, check=False, split=None)
    assert geo_eval.run(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["given_spans"] == {**result["given_spans"], "toponyms": 2, "correct": 2}


def test_split_option_needs_geowebnews(tmp_path):
    from sayso.errors import InputError

    path = tmp_path / "geovirus.xml"
    path.write_text(GEOVIRUS_SAMPLE)
    args = argparse.Namespace(path=str(path), json=True, limit=0, end_to_end=False, check=False, split="test")
    with pytest.raises(InputError):
        geo_eval.run(args)


def test_new_york_and_washington_are_the_cities_unless_the_state_is_said():
    city = given("She grew up in New York and moved to Washington for the talks.", "New York", "Washington")
    assert [r.precision for r in city] == ["city", "city"]
    assert distance_km(city[0].candidate.lat, city[0].candidate.lon, 40.71, -74.0) < 30
    assert distance_km(city[1].candidate.lat, city[1].candidate.lon, 38.9, -77.04) < 30
    for text, name in (("Farms in upstate New York lost power.", "New York"),
                       ("Wildfires spread in Washington state on Monday.", "Washington"),
                       ("The bakery in Tacoma, Washington, reopened.", "Washington"),
                       ("Voters in California or Washington may decide.", "Washington")):
        names = [n for n in ("Tacoma", "California", name) if n in text]
        resolved = given(text, *names)
        state = next(r for r in resolved if r.mention.text == name)
        assert state.precision == "region", text


def test_washington_dc_is_the_capital():
    washington, dc = given("The march in Washington, D.C., drew thousands.", "Washington", "D.C.")
    assert washington.candidate == dc.candidate
    assert distance_km(washington.candidate.lat, washington.candidate.lon, 38.9, -77.04) < 30


def test_small_us_town_of_local_news(nlp):
    text = "The county fair opened in Marfa, Texas, on Saturday, and ranchers came from across the region."
    place = by_mention(places_of(nlp, text), "Marfa")
    assert place is not None and place.country == "USA"
    assert distance_km(place.lat, place.lon, 30.31, -104.02) < 30


def mention_texts(nlp, text: str) -> list[tuple[str, str]]:
    from sayso.stages.places import find_mentions

    return [(m.text, m.label) for m in find_mentions(nlp(text))]


def test_places_inside_organisation_names(nlp):
    found = mention_texts(nlp, "The man sued the Toronto Police Services Board and spoke at the University of Alberta.")
    assert ("Toronto", "GPE") in found and ("Alberta", "GPE") in found
    generic = mention_texts(nlp, "The dean of the Federal University of Technology resigned.")
    assert not any(text == "Federal" for text, _ in generic)


def test_nationality_words_inside_longer_names(nlp):
    found = mention_texts(nlp, "The Russian Foreign Ministry summoned the envoy over the ex-Russian spy.")
    assert [t for t, label in found if label == "NORP"] == ["Russian", "Russian"]
    assert not mention_texts(nlp, "Many African Americans voted early.")


def test_town_tagged_as_person_after_a_preposition(nlp):
    text = "The winning ticket was sold at a gas station in Riverdale, New Jersey, on Friday."
    place = by_mention(places_of(nlp, text), "Riverdale")
    assert place is not None and place.country == "USA"
    assert distance_km(place.lat, place.lon, 40.99, -74.30) < 50


def test_dateline_names_the_place(nlp):
    text = "TORONTO — A young man and his mother are suing the city's police board, Canadian officials said."
    place = by_mention(places_of(nlp, text), "TORONTO")
    assert place is not None and place.country == "CAN"


def test_middle_east_in_us_news_is_not_the_pennsylvania_town():
    text = "Lawmakers from Pennsylvania and Ohio argued in Washington over troops in the Middle East."
    *_, middle_east = given(text, "Pennsylvania", "Ohio", "Washington", "Middle East")
    assert middle_east.precision == "region" and middle_east.candidate.country is None


def test_english_names_england_and_keeps_the_country_code():
    from sayso.stages.places import country_of_demonym

    text = "Police sealed off a park in the southern English city of Salisbury."
    english, _ = given(text, "English", "Salisbury")
    assert english.name == "England" and english.candidate.country == "GBR"
    assert country_of_demonym("English") == country_of_demonym("British") == "GBR"


def test_people_named_by_nationality_or_surname_are_no_places(nlp):
    text = ("Canadian minister Chrystia Freeland flew to Washington on Monday. Freeland said "
            "Americans and Syrians had agreed, and Syrian forces pulled back.")
    places = places_of(nlp, text)
    assert by_mention(places, "Freeland") is None
    assert by_mention(places, "Americans") is None and by_mention(places, "Syrians") is None
    assert by_mention(places, "Syrian") is not None and by_mention(places, "Washington") is not None
