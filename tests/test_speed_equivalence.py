"""The fast ways the extract path computes things give what the plain ways give: the entity
at a range through the mention index, the event model's sparse dot product, the events' line
start found in the text, a sentence's entities and features kept per doc, the nearest point."""
from __future__ import annotations

import random

import numpy as np
import pytest

from sayso.record import Entity, Span
from sayso.stages.entities import lookup
from sayso.stages.events.model import Linear


def _scan(entities, start, end):
    """entity_at as a scan of every mention, in the entities' order (the tighter mention wins a tie)."""
    best, best_score = None, (0, 0)
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (overlap, m.start - m.end) > best_score:
                best, best_score = entity, (overlap, m.start - m.end)
    return best


def _random_entities(rng: random.Random) -> tuple[Entity, ...]:
    out = []
    for n in range(rng.randint(0, 12)):
        mentions = []
        for _ in range(rng.randint(1, 4)):
            start = rng.randint(0, 300)
            mentions.append(Span(start, start + rng.randint(1, 40), "x"))
        out.append(Entity(f"e{n + 1}", f"name {n}", "person", tuple(mentions)))
    return tuple(out)


def test_entity_at_through_the_index_is_the_scan():
    rng = random.Random(7)
    for _ in range(300):
        entities = _random_entities(rng)
        for _ in range(20):  # asked many times: the index is built and used
            start = rng.randint(0, 330)
            end = start + rng.randint(1, 30)
            assert lookup.entity_at(entities, start, end) is _scan(entities, start, end)
            assert lookup.MentionIndex.of(entities).best(start, end) is _scan(entities, start, end)


def _loop_scores(linear: Linear, features: dict[str, float]):
    rows, values = [], []
    for name, value in features.items():
        i = linear.index.get(name)
        if i is not None:
            rows.append(i)
            values.append(value)
    if not rows:
        return linear.intercept.copy()
    return np.asarray(values, dtype=np.float32) @ linear.coef[rows] + linear.intercept


@pytest.mark.parametrize("classes", [1, 5])
def test_sparse_scores_equal_the_loop_bit_for_bit(classes):
    rng = np.random.default_rng(3)
    names = [f"f{i}" for i in range(400)]
    linear = Linear(tuple(f"c{k}" for k in range(classes)), {n: i for i, n in enumerate(names)},
                    rng.normal(size=(400, classes)).astype(np.float32), rng.normal(size=classes).astype(np.float32))
    pick = random.Random(5)
    for _ in range(500):
        features = {pick.choice(names) if pick.random() < 0.8 else f"unknown{pick.random()}":
                    (1.0 if pick.random() < 0.6 else pick.uniform(-3, 3)) for _ in range(pick.randint(0, 200))}
        assert np.array_equal(linear.scores(features), _loop_scores(linear, features))


@pytest.fixture(scope="module")
def doc():
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT

    text = ("KABUL, May 3 (Wire) - Gunmen attacked a police post in Helmand on Friday, officials said.\n\n"
            "The Taliban claimed the attack. NATO and the Afghan army sent troops to the area.\n"
            "A spokesman for the governor of Helmand, Omar Zwak, said two officers were killed\n"
            "and three were wounded when the gunmen stormed the post in the district of Nad Ali.")
    return load_model(DEFAULT)(text)


def test_line_start_from_the_text_is_the_walk_back(doc):
    from sayso.stages.events.arguments import DATELINE_SPAN, _line_start

    for token in doc:
        walked = -1
        for i in range(token.i, max(token.i - DATELINE_SPAN, 0) - 1, -1):
            if i == 0 or "\n" in doc[i - 1].text_with_ws:
                walked = i
                break
        assert _line_start(token) == walked, token.i


def test_sentence_entities_and_features_kept_per_doc_are_spacys(doc):
    from sayso.stages.events.features import _entity_labels, _sentence_features, _sentence_names

    for sent in doc.sents:
        assert _entity_labels(sent) == [e.label_ for e in sent.ents]
        assert _sentence_names(sent) == tuple(_sentence_features(sent))
        assert _sentence_names(sent) == _sentence_names(sent)


def test_nearest_point_is_the_least_distance():
    from sayso.stages.places.names import distance_km, nearest_km

    rng = random.Random(11)
    for _ in range(2000):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        points = [(lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2)) if rng.random() < 0.5 else
                  (rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(rng.randint(1, 9))]
        assert nearest_km(lat, lon, points) == min(distance_km(lat, lon, a, b) for a, b in points)


def test_sentence_of_is_the_tokens_sent(doc):
    from sayso.nlp.memo import sentence_of

    for token in doc:
        sent = token.sent
        assert (sentence_of(token).start, sentence_of(token).end) == (sent.start, sent.end)


def test_scores_through_the_row_cache_and_dense_memo_equal_the_plain_product(monkeypatch):
    from sayso.stages.events import model

    monkeypatch.setattr(model, "ROW_CACHE", 50)  # cleared again and again
    rng = np.random.default_rng(5)
    names = [f"f{i}" for i in range(300)] + [f"t{k}" for k in range(8)]
    linear = Linear(("a", "b", "c"), {n: i for i, n in enumerate(names)},
                    rng.normal(size=(len(names), 3)).astype(np.float32), rng.normal(size=3).astype(np.float32))
    vectors = [rng.normal(size=8).astype(np.float32) for _ in range(20)]
    pick = random.Random(9)
    for _ in range(400):
        features = dict.fromkeys((pick.choice(names[:300]) if pick.random() < 0.7 else f"unknown{pick.randint(0, 99)}"
                                  for _ in range(pick.randint(0, 60))), 1.0)
        vector = pick.choice(vectors)
        plain = _loop_scores(linear, features) + np.asarray(vector, dtype=np.float32) @ linear._dense["t"]
        assert np.array_equal(linear.scores(features, vector), plain)
