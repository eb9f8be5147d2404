"""`sayso extract`: records out, failures reported and skipped, exit status 0 / 1 / 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.record import iter_spans, record_from_dict

ROOT = Path(__file__).resolve().parents[1]
STORY = ("Aid reaches port\n\n"
         "A ship carrying food and medicine docked in the port of Hodeidah on Monday, "
         "the World Food Programme said, and aid workers began unloading it at once.\n")


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(STORY.replace("Monday", "Tuesday"), encoding="utf-8")
    return tmp_path


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_one_article_exit_0_jsonl(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--published", "2024-05-06", "--outlet", "Test Wire"]) == 0
    out = capsys.readouterr()
    (rec,) = records(out.out)
    assert rec["text"] == STORY
    assert rec["meta"]["published"] == "2024-05-06" and rec["meta"]["outlet"] == "Test Wire"
    assert rec["meta"]["title"] == "Aid reaches port"
    for key in ("boilerplate", "entities", "places", "attributions", "events"):
        assert isinstance(rec[key], list)
    record = record_from_dict(rec)
    assert all(record.text[s.start:s.end] == s.text for s in iter_spans(record))
    assert out.err == ""


def test_batch_with_a_bad_file_extracts_the_others_exit_1(corpus, capsys):
    assert main(["extract", str(corpus)]) == 1
    out = capsys.readouterr()
    assert [r["meta"]["path"] for r in records(out.out)] == [str(corpus / "a.txt"), str(corpus / "c.txt")]
    lines = out.err.strip().splitlines()
    assert lines[0] == f"sayso: skipped {corpus / 'b.txt'}: empty file; give a file with article text"
    assert "1 of 3 articles failed" in lines[-1]


def test_output_file_and_json_format(corpus, capsys):
    target = corpus / "out.json"
    assert main(["extract", str(corpus / "a.txt"), str(corpus / "c.txt"), "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 2 and data[0]["text"] == STORY


def test_output_inside_the_input_directory_is_not_read(corpus, capsys):
    (corpus / "b.txt").unlink()
    target = corpus / "records.jsonl"
    assert main(["extract", str(corpus), "-o", str(target)]) == 0
    assert len(records(target.read_text(encoding="utf-8"))) == 2


def test_json_format_with_nothing_extracted_is_an_empty_array(corpus, capsys):
    assert main(["extract", str(corpus / "b.txt"), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_jsonl_corpus_failure_names_file_and_line(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": STORY}) + "\n{oops\n" + json.dumps({"text": STORY + " More."}) + "\n")
    assert main(["extract", str(path)]) == 1
    out = capsys.readouterr()
    assert len(records(out.out)) == 2
    assert f"sayso: skipped {path}:2: not JSON" in out.err


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["extract"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["extract", "x.txt", "--format", "xml"])
    assert info.value.code == 2
    assert main(["extract", "x.txt", "--field-map", "body"]) == 2
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "no" / "such" / "dir.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "--field-map" in err and "cannot write" in err


def test_missing_file_exit_1(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "absent.txt")]) == 1
    assert "no such file or directory" in capsys.readouterr().err


@pytest.mark.slow  # worker processes
def test_stdin_through_python_m_sayso(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "sayso", "extract", "-", "--outlet", "Piped"],
                          input=STORY.encode(), capture_output=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    (rec,) = records(done.stdout.decode())
    assert rec["text"] == STORY and rec["meta"]["outlet"] == "Piped"
    assert done.stderr == b""  # no progress bar when stderr is not a terminal


def test_reader_flags_reach_the_readers(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text(STORY * 3, encoding="utf-8")
    assert main(["extract", str(big), "--max-bytes", "100"]) == 1
    assert "larger than 100 bytes" in capsys.readouterr().err
    rows = tmp_path / "rows.csv"
    rows.write_text(f'hed,story,site\nA headline,"{STORY.splitlines()[2]}",Row Wire\n', encoding="utf-8")
    assert main(["extract", str(rows), "--text-field", "story", "--field-map", "title=hed,outlet=site"]) == 0
    (rec,) = records(capsys.readouterr().out)
    assert rec["meta"]["title"] == "A headline" and rec["meta"]["outlet"] == "Row Wire"


def test_non_english_article_fails_unless_check_is_off(tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text("Le ministre a déclaré mardi que les négociations avec les rebelles reprendraient "
                    "la semaine prochaine, mais il a averti qu'un cessez-le-feu n'était pas en vue.", encoding="utf-8")
    assert main(["extract", str(path)]) == 1
    assert "sayso reads English only" in capsys.readouterr().err
    assert main(["extract", str(path), "--min-english", "0"]) == 0
