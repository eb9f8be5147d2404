"""`sayso eval plover`: reading the records, the 0.5 -> current category mapping, and the
figures on the gold-standard records against their floors (skipped without ../shared)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sayso.cli import main
from sayso.evaluation.plover import actor_matches, current_category, read_records

pytestmark = pytest.mark.slow  # the eval corpora

ROOT = Path(__file__).resolve().parents[1]
GSR = ROOT.parent / "shared" / "eval" / "events" / "PLOVER_GSR_CAMEO.txt"
CATEGORIES = {"AGREE", "REQUEST", "ACCUSE", "ASSAULT", "DEFECT"}


def _write(tmp_path, records):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_renamed_categories_map_to_the_current_ontology():
    assert current_category("DEMAND") == "REQUEST"
    assert current_category("DISAPPROVE") == "ACCUSE"
    assert current_category("FIGHT") == "ASSAULT"
    assert current_category("AGREE") == "AGREE"


def test_read_records_skips_documentation_and_unknown_categories(tmp_path):
    path = _write(tmp_path, [
        {"id": "d", "event": "DOCUMENT"},
        {"id": "a", "event": "DEMAND", "text": "X demanded Y.", "source": [{"actorText": "X"}]},
        {"id": "b", "event": "YIELD", "text": "X yielded."},
    ])
    records, left_out = read_records(path, CATEGORIES)
    assert [(r.id, r.category, r.original, r.actors) for r in records] == [("a", "REQUEST", "DEMAND", ("X",))]
    assert left_out == 2


def test_actor_text_matching():
    assert actor_matches(("Hungarian",), "Senior Hungarian officials")
    assert actor_matches(("Asia-Pacific Economic Cooperation",), "Cooperation")
    assert not actor_matches(("Iraq",), "Iran")
    assert not actor_matches(("Iraq",), None)


def test_small_file_end_to_end(tmp_path, capsys):
    path = _write(tmp_path, [
        {"id": "1", "event": "ASSAULT", "text": "Rebel fighters shelled the airport on Sunday.",
         "source": [{"actorText": "Rebel"}]},
        {"id": "2", "event": "DISAPPROVE", "text": "The minister condemned the raid.",
         "source": [{"actorText": "minister"}]},
        {"id": "3", "event": "AGREE", "text": "Norway will provide food aid to the refugees.",
         "source": [{"actorText": "Norway"}]},
    ])
    assert main(["eval", "plover", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["records"], result["category_correct"], result["actor_correct"]) == (3, 3, 3)


def test_not_json_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "x.txt"
    path.write_text("not json", encoding="utf-8")
    assert main(["eval", "plover", str(path)]) == 2
    assert "not a JSON array" in capsys.readouterr().err


@pytest.mark.skipif(not GSR.exists(), reason="../shared/eval/events is not beside the checkout")
def test_category_and_actor_accuracy_are_above_their_floors(capsys):
    floors = yaml.safe_load((ROOT / "eval_floors.yaml").read_text())["plover"]
    assert main(["eval", "plover", str(GSR), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["records"] == 322
    assert result["category_accuracy"] >= floors["category_accuracy"], result
    assert result["actor_accuracy"] >= floors["actor_accuracy"], result
