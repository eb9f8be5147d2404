"""Plain text, sidecars, encodings, directories, stdin, size limits and flag overrides."""
from __future__ import annotations

import io
import json
import sys

import pytest

from sayso.errors import InputError
from sayso.record import Failure
from sayso.read import ReadOptions, override, read_sources
from sayso.read.text import decode, headline, sidecar_path
from sayso.record import Article, Meta

STORY = (
    "Rebels seize border post\n\n"
    "Rebel fighters seized a border post near the town on Sunday, a spokesman for the group said, "
    "and the army said it had withdrawn its soldiers to avoid casualties among the civilians.\n"
)


def read_all(*paths, **options):
    return list(read_sources([str(p) for p in paths], ReadOptions(**options)))


def failures(items):
    return [i for i in items if isinstance(i, Failure)]


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def test_plain_text_is_read_exactly_with_its_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    (article,) = read_all(path)
    assert article.text == STORY
    assert article.meta.title == "Rebels seize border post"
    assert article.meta.path == str(path)
    assert article.meta.language == "en"


def test_headline_needs_a_blank_line_after_it():
    assert headline("One line\nand the next line of the same paragraph.") is None
    assert headline("Headline\r\n\r\nBody text.") == "Headline"
    assert headline("\n\nBody") is None


def test_sidecar_metadata_is_read(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    sidecar = {"outlet": "Example Wire", "published": "2024-05-01", "title": "Side title", "invented": True}
    (tmp_path / "story.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    assert sidecar_path(path) == tmp_path / "story.meta.json"
    (article,) = read_all(path)
    assert (article.meta.outlet, article.meta.published, article.meta.title) == (
        "Example Wire", "2024-05-01", "Side title")


def test_flags_override_sidecar_and_reader(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text('{"outlet": "Sidecar Post"}', encoding="utf-8")
    (article,) = read_all(path, outlet="Flag Times", published="2012-06-22", title="Flag title")
    assert article.meta.outlet == "Flag Times"
    assert article.meta.published == "2012-06-22"
    assert article.meta.title == "Flag title"


def test_override_leaves_unset_fields():
    article = Article("text", Meta(title="T", outlet="O"))
    changed = override(article, ReadOptions(author="A"))
    assert (changed.meta.title, changed.meta.outlet, changed.meta.author) == ("T", "O", "A")
    assert override(article, ReadOptions()) is article


def test_broken_sidecar_is_an_error_naming_it(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text("{not json", encoding="utf-8")
    (failure,) = failures(read_all(path))
    assert "story.meta.json" in failure.error and "not valid JSON" in failure.error


def test_latin1_text_is_detected(tmp_path):
    text = STORY.replace("the town", "the café in Montréal").replace("spokesman", "naïve spokesman")
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    (article,) = read_all(path)
    assert article.text == text


def test_utf16_with_bom_is_read():
    assert decode(STORY.encode("utf-16"), "x") == STORY


def test_utf8_bom_is_dropped():
    assert decode(b"\xef\xbb\xbf" + STORY.encode(), "x") == STORY


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"  \n\n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (PNG image)"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Length 52 >> stream\n\x93\xa7\xfe\xb1", "binary file (PDF)"),
    (bytes(range(1, 32)) * 20, "binary file (control bytes)"),
])
def test_empty_and_binary_files_fail(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (failure,) = failures(read_all(path))
    assert failure.origin == str(path)
    assert problem in failure.error and str(path) in failure.error


def test_undetectable_encoding_is_a_clear_error(tmp_path):
    import random

    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(128, 256) for _ in range(400)))
    (failure,) = failures(read_all(path))
    assert "cannot be detected" in failure.error and "UTF-8" in failure.error


def test_a_50_megabyte_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: nothing is written
    (failure,) = failures(read_all(path))
    assert "larger than 10,000,000 bytes" in failure.error and "--max-bytes" in failure.error


def test_max_bytes_option_sets_the_limit(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert failures(read_all(path, max_bytes=50))
    assert articles(read_all(path, max_bytes=len(STORY.encode())))


def test_missing_path_fails(tmp_path):
    (failure,) = failures(read_all(tmp_path / "absent.txt"))
    assert "no such file" in failure.error


def test_directory_is_read_recursively_skipping_sidecars_hidden_and_unknown(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"outlet": "A Wire"}', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(STORY.replace("Sunday", "Monday"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text("a: 1", encoding="utf-8")
    items = read_all(tmp_path)
    assert not failures(items)
    assert [a.meta.path for a in items] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]
    assert items[0].meta.outlet == "A Wire"


def test_empty_directory_is_a_failure(tmp_path):
    (failure,) = failures(read_all(tmp_path))
    assert "no article files" in failure.error


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(STORY, encoding="utf-8")
    items = read_all(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch):
    _stdin(monkeypatch, STORY.encode())
    (article,) = read_all("-", outlet="Piped News")
    assert article.text == STORY and article.origin == "<stdin>"
    assert article.meta.outlet == "Piped News" and article.meta.path is None


def test_stdin_jsonl_is_sniffed(monkeypatch):
    rows = [{"text": STORY, "outlet": f"Outlet {n}"} for n in range(3)]
    _stdin(monkeypatch, "".join(json.dumps(r) + "\n" for r in rows).encode())
    items = read_all("-")
    assert [a.meta.outlet for a in items] == ["Outlet 0", "Outlet 1", "Outlet 2"]
    assert items[2].origin == "<stdin>:3"


def test_stdin_larger_than_limit_fails(monkeypatch):
    _stdin(monkeypatch, STORY.encode() * 10)
    (failure,) = failures(read_all("-", max_bytes=100))
    assert failure.origin == "<stdin>" and "larger than" in failure.error


def test_input_error_message_names_origin_and_fix():
    exc = InputError("a.txt", "empty file", "give text")
    assert str(exc) == "a.txt: empty file; give text"


def test_skip_option_leaves_a_file_out_of_a_directory_walk(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "out.jsonl").write_text(json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    assert len(read_all(tmp_path)) == 2
    assert [a.meta.path for a in read_all(tmp_path, skip=(str(tmp_path / "out.jsonl"),))] == [str(tmp_path / "a.txt")]
