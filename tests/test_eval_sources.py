"""The sources evaluation scores every labelled report, found by a detector or not, credited alike."""
from __future__ import annotations

from sayso.evaluation.event_corpus import split_of
from sayso.evaluation.sources import ARTICLE, GOLD, Label, labelled_triggers, load
from sayso.pipeline import default_stages, extract
from sayso.record import Article, Meta
from sayso.settings import DEFAULT

RULES = DEFAULT.replace(event_model=False, strict=True)


def _record(text: str, labels: list[Label]):
    stages = default_stages() + (labelled_triggers({"doc/1": labels}),)
    (record,) = extract([Article(text, Meta(path="doc/1"))], RULES, stages=stages)
    return record


def test_a_labelled_trigger_no_detector_found_is_credited_like_an_event():
    text = "The ministry on Saturday denied that the minister had sneezed during the talks."
    start = text.index("sneezed")
    record = _record(text, [Label("doc/1", "", (start, start + 7), ARTICLE)])
    added = [e for e in record.events if e.mode == GOLD]
    assert [e.trigger.text for e in added] == ["sneezed"]
    assert (added[0].status, added[0].polarity) == ("negated", "negative")
    denier = next(a for a in record.attributions if a.id == added[0].attribution)
    assert denier.source.text == "The ministry"


def test_a_trigger_a_detector_found_gets_no_second_event():
    text = "Police arrested two men in the city on Tuesday."
    start = text.index("arrested")
    record = _record(text, [Label("doc/1", "", (start, start + 8), ARTICLE)])
    assert [e.trigger.text for e in record.events if e.trigger.start == start] == ["arrested"]
    assert not [e for e in record.events if e.mode == GOLD]


def test_the_labels_split_is_the_split_of_every_team_annotation():
    labels = list(load())
    assert {split_of(label.doc) for label in labels} == {"train", "dev", "test"}
    assert list(load(split="dev")) == [label for label in labels if split_of(label.doc) == "dev"]


def test_a_docs_file_restricts_the_labels_to_its_articles(tmp_path):
    from sayso.evaluation.sources import read_docs

    listed = tmp_path / "docs.txt"
    listed.write_text("# a batch\ngwn/54\n\nmeantime/corpus_gm/31965_GM_posts_first_annual_loss_since_1992  # MEANTIME\n")
    docs = read_docs(listed)
    assert docs == {"gwn/54", "meantime/corpus_gm/31965_GM_posts_first_annual_loss_since_1992"}
    assert {label.doc for label in load(docs=docs)} == docs
    assert read_docs(None) is None
