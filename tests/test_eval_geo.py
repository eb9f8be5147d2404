"""`sayso eval geo`: GeoWebNews/LGL reading, scoring, floors (skips without ../shared)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from sayso.evaluation import geo

pytestmark = pytest.mark.slow  # the eval corpora

ROOT = Path(__file__).resolve().parents[1]
GWN = ROOT.parent / "shared" / "eval" / "geo" / "GWN.xml"

LGL_SAMPLE = """<?xml version="1.0"?>
<articles>
 <article docid="1">
  <text>Flooding closed roads in Paris, Texas, and in Dallas on Monday.</text>
  <toponyms>
   <toponym><start>25</start><end>30</end><phrase>Paris</phrase>
    <gaztag geonameid="4717560"><name>Paris</name><lat>33.66</lat><lon>-95.55</lon></gaztag></toponym>
   <toponym><start>32</start><end>37</end><phrase>Texas</phrase>
    <gaztag geonameid="4736286"><name>Texas</name><lat>31.25</lat><lon>-99.25</lon></gaztag></toponym>
   <toponym><start>46</start><end>52</end><phrase>Dallas</phrase>
    <gaztag geonameid="4684888"><name>Dallas</name><lat>32.78</lat><lon>-96.81</lon></gaztag></toponym>
   <toponym><start>0</start><end>8</end><phrase>Flooding</phrase></toponym>
  </toponyms>
 </article>
</articles>
"""


def args(path, **kw):
    return argparse.Namespace(path=str(path), json=kw.get("json", True), limit=kw.get("limit", 0),
                              end_to_end=kw.get("end_to_end", False), check=kw.get("check", False))


def test_reads_lgl_format_and_scores_given_spans(tmp_path, capsys):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_SAMPLE)
    (article,) = list(geo.read_articles(str(path)))
    assert [t.name for t in article.toponyms] == ["Paris", "Texas", "Dallas"]  # no coordinates: skipped
    assert all(article.text[t.start:t.end] == t.name for t in article.toponyms)
    assert geo.run(args(path)) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["given_spans"]["toponyms"] == 3
    assert result["given_spans"]["correct"] == 3  # Paris is the one in Texas here


def test_misses_are_classified_by_kind():
    from sayso.stages.places import gazetteer

    gaz = gazetteer.load()
    assert geo.miss_kind("Frenchmen Street", gaz) == "street"
    assert geo.miss_kind("Mississippi River", gaz) == "water"
    assert geo.miss_kind("Qwxzv Plateauish", gaz) == "not in gazetteer"


def test_missing_file_is_an_input_error(tmp_path):
    from sayso.errors import InputError

    with pytest.raises(InputError):
        list(geo.read_articles(str(tmp_path / "none.xml")))


@pytest.mark.skipif(not GWN.exists(), reason="../shared/eval/geo is not beside the checkout")
def test_geowebnews_given_spans_above_floor(capsys):
    assert geo.run(args(GWN)) == 0
    result = json.loads(capsys.readouterr().out)
    floors = yaml.safe_load((ROOT / "eval_floors.yaml").read_text())["geo"]
    assert result["given_spans"]["toponyms"] > 2000
    assert result["given_spans"]["accuracy"] >= floors["given_spans_accuracy"]


@pytest.mark.skipif(not GWN.exists(), reason="../shared/eval/geo is not beside the checkout")
def test_geowebnews_end_to_end_on_a_sample(capsys):
    assert geo.run(args(GWN, limit=15, end_to_end=True)) == 0
    e2e = json.loads(capsys.readouterr().out)["end_to_end"]
    assert e2e["found"] > 0 and 0 < e2e["recall"] <= 100 and e2e["precision"] >= 50


def test_meantime_location_mentions_are_read(tmp_path):
    from sayso.evaluation import geo_meantime

    words = ["Talks", "resumed", "in", "Paris", "on", "Monday", "."]
    tokens = "".join(f'<token t_id="{i}" sentence="0" number="{i}">{w}</token>' for i, w in enumerate(words, 1))
    xml = (f'<Document doc_name="x">{tokens}<Markables>'
           '<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="4"/></ENTITY_MENTION>'
           '<ENTITY m_id="2" ent_type="LOC" external_ref="http://dbpedia.org/resource/Paris"/>'
           '<ENTITY_MENTION m_id="3" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>'
           '</Markables><Relations><REFERS_TO r_id="9"><source m_id="1"/><source m_id="3"/>'
           '<target m_id="2"/></REFERS_TO></Relations></Document>')
    path = tmp_path / "x.xml"
    path.write_text(xml, encoding="utf-8")
    text, golds = geo_meantime.gold_locations(path)
    assert [(text[s:e], title) for s, e, title in golds] == [("Paris", "Paris"), ("Talks", "Paris")]
