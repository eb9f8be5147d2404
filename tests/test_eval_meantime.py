"""`sayso eval meantime`: the CAT XML reader, the class mapping, and the figures on the dev
corpora against their floors (skipped without ../shared)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sayso.cli import main
from sayso.evaluation.meantime import rebuild, gold_class, read_article, score

pytestmark = pytest.mark.slow  # the eval corpora

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "eval" / "meantime"

CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="t" lang="en">
<token number="0" sentence="0" t_id="1">Rebels</token>
<token number="1" sentence="0" t_id="2">may</token>
<token number="2" sentence="0" t_id="3">attack</token>
<token number="3" sentence="1" t_id="4">May</token>
<token number="4" sentence="1" t_id="5">1</token>
<token number="5" sentence="2" t_id="6">They</token>
<token number="6" sentence="2" t_id="7">did</token>
<token number="7" sentence="2" t_id="8">n't</token>
<token number="8" sentence="2" t_id="9">retreat</token>
<token number="9" sentence="2" t_id="10">.</token>
<Markables>
<EVENT_MENTION certainty="POSSIBLE" m_id="1" polarity="POS" time="FUTURE"><token_anchor t_id="3"/></EVENT_MENTION>
<EVENT_MENTION certainty="CERTAIN" m_id="2" polarity="NEG" time="NON_FUTURE"><token_anchor t_id="9"/></EVENT_MENTION>
<EVENT_MENTION m_id="3"><token_anchor t_id="6"/></EVENT_MENTION>
</Markables></Document>
"""


def test_gold_classes():
    assert gold_class("CERTAIN", "POS", "NON_FUTURE") == "happened"
    assert gold_class("CERTAIN", "POS", "FUTURE") == "future"
    assert gold_class("PROBABLE", "POS", "FUTURE") == "possible"
    assert gold_class("POSSIBLE", "NEG", "FUTURE") == "negated"
    assert gold_class("UNDERSPECIFIED", "UNDERSPECIFIED", "NON_FUTURE") == "happened"
    assert gold_class("", "", "") is None


def test_read_article_rebuilds_text_and_offsets(tmp_path):
    path = tmp_path / "t.xml"
    path.write_text(CAT, encoding="utf-8")
    article = read_article(path)
    assert article.text == "Rebels may attack\n\nMay 1\n\nThey didn't retreat."
    assert [(article.text[m.start:m.end], m.gold) for m in article.mentions] == [
        ("attack", "possible"), ("retreat", "negated"),
    ]


def test_rebuild_joins_punctuation():
    text, offsets, _ = rebuild([("1", 2, "said"), ("2", 2, "("), ("3", 2, "AP"), ("4", 2, ")"), ("5", 2, ",")])
    assert text == "said (AP),"
    assert text[slice(*offsets["3"])] == "AP"


def test_score():
    result = score([("happened", "happened"), ("future", "happened"), ("negated", "negated")])
    assert result["accuracy"] == pytest.approx(66.7)
    assert result["classes"]["future"]["f1"] == 0.0
    assert result["classes"]["negated"]["f1"] == 1.0


def test_one_small_file_end_to_end(tmp_path, capsys):
    (tmp_path / "t.xml").write_text(CAT, encoding="utf-8")
    assert main(["eval", "meantime", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["mentions"] == 2 and result["accuracy"] == 100.0


TIMEX = CAT.replace(
    "</Markables>",
    '<TIMEX3 m_id="9" type="DATE" value="2009-05-01" functionInDocument="CREATION_TIME">'
    '<token_anchor t_id="4"/><token_anchor t_id="5"/></TIMEX3></Markables>',
)


def test_timex_flag_hands_over_to_the_timex_scorer(tmp_path, capsys, monkeypatch):
    (tmp_path / "t.xml").write_text(TIMEX, encoding="utf-8")
    code = main(["eval", "meantime", str(tmp_path), "--timex", "--json"])
    out = capsys.readouterr().out
    assert code == 0 and "timexes" in json.loads(out) and "mentions" not in json.loads(out)


def test_timex_flag_without_the_timex_module_says_so(tmp_path, capsys, monkeypatch):
    import importlib
    import types

    import sayso.evaluation.meantime as meantime

    def import_module(name):
        if name == "sayso.evaluation.timex":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return importlib.import_module(name)

    monkeypatch.setattr(meantime, "importlib", types.SimpleNamespace(import_module=import_module))
    (tmp_path / "t.xml").write_text(CAT, encoding="utf-8")
    assert main(["eval", "meantime", str(tmp_path), "--timex"]) == 2
    assert "not available" in capsys.readouterr().err


def test_a_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["eval", "meantime", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.skipif(not CORPORA.exists(), reason="../shared/eval/meantime is not beside the checkout")
def test_factuality_on_the_dev_corpora_is_above_its_floors(capsys):
    floors = yaml.safe_load((ROOT / "eval_floors.yaml").read_text())["meantime"]
    assert main(["eval", "meantime", str(CORPORA), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 60
    assert result["accuracy"] >= floors["accuracy"], result
    assert result["macro_f1"] >= floors["macro_f1"], result
