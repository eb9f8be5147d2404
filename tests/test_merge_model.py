"""Issue 14: the learned link (sayso.ledger.resemblance) on top of the rules of
sayso.ledger.identity: symmetric, bounded by the same hard constraints, explained."""
from __future__ import annotations

import pytest

from sayso.ledger import resemblance
from sayso.ledger.cluster import clusters
from sayso.ledger.corroboration import REPORT_COLUMNS
from sayso.ledger.identity import Report, link, rule_link
from sayso.ledger.stems import cosine


def report(article: str, n: int, trigger: str, sentence: str, actor: str | None = None,
           day: str = "2031-04-02", category: str = "CONSULT") -> Report:
    row = dict.fromkeys(REPORT_COLUMNS)
    row.update(article_id=article, id=f"v{n}", type=category, day=day, trigger=trigger, sentence=sentence,
               actor_name=actor, actor_kind="person" if actor else None, mode="occurred", status="occurred")
    return Report(row)


@pytest.fixture
def eager():
    """A model that links every pair it is asked about (probability ~1)."""
    resemblance.use(resemblance.PairModel({"w:bias": 20.0, "x:bias": 20.0}, 0.5))
    yield
    resemblance.use(None)


def test_the_shipped_model_loads_and_gives_probabilities():
    m = resemblance.shipped()
    assert m.weights and 0.0 < m.threshold
    a = report("one", 1, "met", "Ivo Sander met the envoy in Norland.", actor="Ivo Sander")
    b = report("one", 5, "meeting", "The meeting lasted an hour.")
    p = m.probability(resemblance.features(a, b, False, cosine(a.words, b.words)))
    assert 0.0 < p < 1.0


def test_features_are_symmetric():
    a = report("one", 1, "met", "Ivo Sander met the envoy in Norland.", actor="Ivo Sander")
    b = report("one", 4, "talks", "Ivo Sander called the talks useful.", actor="Ivo Sander", day="2031-04-03")
    fa = resemblance.features(a, b, True, cosine(a.words, b.words))
    assert fa == resemblance.features(b, a, True, cosine(b.words, a.words))
    assert fa["w:actor=shared"] == 1.0 and "x:bias" not in fa


def test_a_learned_link_says_so_and_never_crosses_articles_without_a_named_participant(eager):
    a = report("one", 1, "met", "The envoy met officials on Tuesday.")
    b = report("one", 3, "talks", "Nothing came of the talks with officials, a diplomat said at the border.")
    made = link(a, b, 3)
    assert rule_link(a, b) is None and made is not None and "learned probability" in made.because
    apart = report("one", 3, "talks", "Nothing came of the talks, a diplomat said.")
    assert link(a, apart, 3) is None  # within an article, sentences sharing next to nothing (cosine under 0.1)
    other = report("two", 1, "met", "The envoy met officials on Tuesday.")
    assert link(a, other, 3) is None  # an unknown actor is never enough across articles


def test_the_learned_link_keeps_the_hard_constraints(eager):
    a = report("one", 1, "met", "Ivo Sander met the envoy.", actor="Ivo Sander")
    b = report("one", 2, "met", "Rui Mota met the envoy.", actor="Rui Mota")
    c = report("one", 3, "meeting", "The meeting was short.", day="2031-05-20")
    assert link(a, b, 3) is None  # two named people
    groups = {frozenset(r.key[1] for r in cl.members) for cl in clusters([a, b, c], 3)}
    assert not any({"v1", "v2"} <= g for g in groups)


def test_the_fast_score_is_the_probability_of_the_features():
    m = resemblance.shipped()
    a = report("one", 1, "met", "Ivo Sander met the envoy in Norland.", actor="Ivo Sander")
    for b in (report("one", 4, "talks", "Ivo Sander called the talks useful.", actor="Ivo Sander"),
              report("two", 2, "meeting", "Ivo Sander's meeting with the envoy.", actor="Ivo Sander", day="2031-04-04")):
        for rule in (False, True):
            similarity = cosine(a.words, b.words)
            assert m.chance(a, b, rule, similarity) == pytest.approx(
                m.probability(resemblance.features(a, b, rule, similarity)))


def test_a_model_written_as_json_reads_back_the_same():
    m = resemblance.PairModel({"w:bias": -1.25, "x:same-stem": 0.5}, 0.7, 0.3)
    assert resemblance.PairModel.from_json(m.to_json()) == m
    assert resemblance.PairModel.from_json(resemblance.shipped().to_json()) == resemblance.shipped()
