"""Issue 15, items 2, 3 and 8: no silent acceptance, one bad line costs one line, messages in
the user's terms."""
from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.record import Failure
from sayso.read import ReadOptions, read_sources
from sayso.record import Article

BODY = (
    "Thousands of people gathered in the capital on Saturday to protest against the new law, "
    "organisers said, and the police said that no arrests had been made during the march."
)


def read_all(*paths, **options):
    return list(read_sources([str(p) for p in paths], ReadOptions(**options)))


def split(items):
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)]


def write_warc(path: Path, count: int, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for i in range(count):
            page = f"<html><head><title>Story {i}</title></head><body><article><p>{BODY}</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://wire.example.org/{i}", "response", payload=io.BytesIO(page.encode()), http_headers=headers))


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.97, 0.85, 0.75])
def test_warc_cut_short_is_reported(tmp_path, gz, keep):
    whole = tmp_path / ("w.warc.gz" if gz else "w.warc")
    write_warc(whole, 2, gz)
    data = whole.read_bytes()
    cut = tmp_path / ("cut" + whole.name)
    cut.write_bytes(data[: int(len(data) * keep)])
    arts, fails = split(read_all(cut))
    assert len(arts) == 1
    (failure,) = fails
    assert failure.origin == f"{cut}#2" and "cut short" in failure.error


def test_whole_warc_has_no_failure(tmp_path):
    path = tmp_path / "w.warc"
    write_warc(path, 3, False)
    arts, fails = split(read_all(path))
    assert len(arts) == 3 and not fails


def test_damaged_utf8_is_decoded_with_a_warning(tmp_path, caplog):
    text = f"\u201cWe will not leave,\u201d a protester said. {BODY}"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("utf-8").replace(b"protester", b"prot\xe9ster"))
    with caplog.at_level(logging.WARNING, logger="sayso"):
        (article,) = read_all(path)
    assert article.text.startswith("\u201cWe will not leave,\u201d")  # never read as a DOS code page
    assert "prot\ufffdster" in article.text
    (warning,) = caplog.messages
    assert str(path) in warning and "1 byte replaced" in warning


def test_a_cyrillic_code_page_is_refused(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(("Новости дня. " * 20).encode("cp866") + b"\x98\x81")
    (failure,) = split(read_all(path))[1]
    assert "convert it to UTF-8" in failure.error


def page(title: str, body: str = BODY) -> str:
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


@pytest.mark.parametrize("title", ["404 Not Found", "Page not found | Example Wire", "403 Forbidden",
                                   "500 Internal Server Error", "Error 404 - Example Wire"])
def test_error_pages_are_not_articles(tmp_path, title):
    path = tmp_path / "page.html"
    path.write_text(page(title))
    (failure,) = split(read_all(path))[1]
    assert "an error page" in failure.error and title.replace(" -", " |").split(" | ")[0] in failure.error


def test_short_not_found_page_is_not_an_article(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page("Example Wire", "Sorry, the page you requested was not found on this server. "
                         "Please check the address or go back to the home page of the site."))
    assert "an error page" in split(read_all(path))[1][0].error


@pytest.mark.parametrize("title", ["Forbidden City reopens to visitors", "404 migrants rescued off Libya",
                                   "Flood kills 500 in the north"])
def test_headlines_are_not_error_pages(tmp_path, title):
    path = tmp_path / "page.html"
    path.write_text(page(title))
    assert split(read_all(path))[0]


@pytest.mark.parametrize("text", ["今天北京天气很好，政府宣布新的政策。", "Привет мир"])
def test_short_non_latin_text_is_not_english(tmp_path, text):
    path = tmp_path / "short.txt"
    path.write_text(text)
    (failure,) = split(read_all(path))[1]
    assert "does not look like English" in failure.error


@pytest.mark.parametrize("value, kind", [(42, "number"), (True, "true/false"), ([1, 2], "list"), ({"a": 1}, "object")])
def test_text_field_that_is_not_text(tmp_path, value, kind):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": value}) + "\n" + json.dumps({"text": BODY}) + "\n")
    arts, fails = split(read_all(path))
    assert [a.text for a in arts] == [BODY]
    (failure,) = fails
    assert failure.origin == f"{path}:1" and f"holds a JSON {kind}, not article text" in failure.error


def test_text_field_list_of_paragraphs_is_joined(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": [BODY, BODY]}) + "\n")
    (article,) = read_all(path)
    assert article.text == BODY + "\n\n" + BODY


def test_fifo_and_looping_link_in_a_folder_are_reported(tmp_path):
    (tmp_path / "good.txt").write_text(BODY)
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    arts, fails = split(read_all(tmp_path))
    assert [a.origin for a in arts] == [str(tmp_path / "good.txt")]
    errors = sorted(f.error for f in fails)
    assert "a symbolic link that loops" in errors[0] and "a named pipe (FIFO)" in errors[1]


def test_deeply_nested_jsonl_line_is_skipped_alone(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": BODY}) + "\n")
    arts, fails = split(read_all(path))
    assert [a.text for a in arts] == [BODY]
    (failure,) = fails
    assert failure.origin == f"{path}:1"
    assert "nested too deeply" in failure.error and "Recursion" not in failure.error


def test_deeply_nested_json_file_is_named_in_user_terms(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    (failure,) = split(read_all(path))[1]
    assert "nested too deeply" in failure.error and "Error" not in failure.error


def test_cli_one_line_and_exit_1_for_each_silent_case(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "404.html").write_text(page("404 Not Found"))
    (tmp_path / "zh.txt").write_text("今天北京天气很好。")
    (tmp_path / "n.jsonl").write_text('{"text": 7}\n')
    os.mkfifo(tmp_path / "p.txt")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(tmp_path), "-o", str(out), "--workers", "0", "--no-progress"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    skipped = [line for line in err if line.startswith("sayso: skipped")]
    assert len(skipped) == 4 and not any("Error" in line for line in err)
    assert len(out.read_text().splitlines()) == 1
