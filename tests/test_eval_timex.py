"""`sayso eval meantime DIR --timex`: CAT XML TIMEX3 reading and value accuracy."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from sayso.evaluation import timex

pytestmark = pytest.mark.slow  # the eval corpora

ROOT = Path(__file__).resolve().parents[1]
MEANTIME = ROOT.parent / "shared" / "eval" / "meantime"

CAT = """<Document doc_name="test.xml">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">collapse</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">9</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2011</token>
<token number="6" sentence="2" t_id="7">The</token>
<token number="7" sentence="2" t_id="8">talks</token>
<token number="8" sentence="2" t_id="9">ended</token>
<token number="9" sentence="2" t_id="10">on</token>
<token number="10" sentence="2" t_id="11">Monday</token>
<token number="11" sentence="2" t_id="12">after</token>
<token number="12" sentence="2" t_id="13">three</token>
<token number="13" sentence="2" t_id="14">years</token>
<token number="14" sentence="2" t_id="15">.</token>
<Markables>
<TIMEX3 m_id="1" functionInDocument="CREATION_TIME" type="DATE" value="2011-03-09">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 m_id="2" functionInDocument="NONE" type="DATE" value="2011-03-07"><token_anchor t_id="11"/></TIMEX3>
<TIMEX3 m_id="3" functionInDocument="NONE" type="DURATION" value="P3Y">
<token_anchor t_id="13"/><token_anchor t_id="14"/></TIMEX3>
</Markables>
</Document>
"""


def args(path, **kw):
    return argparse.Namespace(path=Path(path), json=True, check=kw.get("check", False), timex=True)


def test_reads_timexes_without_the_dct(tmp_path):
    (tmp_path / "a.xml").write_text(CAT)
    golds = list(timex.read_timexes(str(tmp_path)))
    assert [(g.text, g.value) for g in golds] == [("Monday", "2011-03-07"), ("three years", "P3Y")]
    assert str(golds[0].published) == "2011-03-09"


def test_scores_values(tmp_path, capsys):
    (tmp_path / "a.xml").write_text(CAT)
    assert timex.run(args(tmp_path)) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["timexes"] == 2 and result["correct"] == 2 and result["accuracy"] == 100.0


@pytest.mark.skipif(not MEANTIME.exists(), reason="../shared/eval/meantime is not beside the checkout")
def test_meantime_value_accuracy_above_floor(capsys):
    assert timex.run(args(MEANTIME)) == 0
    result = json.loads(capsys.readouterr().out)
    floor = yaml.safe_load((ROOT / "eval_floors.yaml").read_text())["timex"]["accuracy"]
    assert result["timexes"] > 150
    assert result["accuracy"] >= floor
