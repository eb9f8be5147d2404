"""HTML, JSONL / JSON / CSV / TSV corpora, RSS and Atom feeds, WARC files, and sniffing."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sayso.record import Failure
from sayso.read import ReadOptions, read_sources
from sayso.read.html import fragment_text
from sayso.read.source import sniff
from sayso.record import Article

FIXTURES = Path(__file__).parent / "fixtures" / "read"
BODY = (
    "Thousands of people gathered in the capital on Saturday to protest against the new law, "
    "organisers said, and the police said that no arrests had been made during the march."
)


def read_all(*paths, **options):
    return list(read_sources([str(p) for p in paths], ReadOptions(**options)))


def split(items):
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)]


def test_html_page_text_and_metadata():
    (article,) = read_all(FIXTURES / "article.html")
    assert article.text.startswith("Protesters fill square in Tbilisi\nThousands of people")
    assert "Copyright" not in article.text and "Home" not in article.text.split("\n")[0]
    m = article.meta
    assert (m.title, m.author, m.outlet, m.published) == (
        "Protesters fill square in Tbilisi", "Nino Beridze", "Example Wire", "2024-03-09")
    assert m.url == "https://wire.example.org/2024/03/09/tbilisi-protest"


def test_html_sidecar_and_flags_override(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "article.html").read_bytes())
    (tmp_path / "page.meta.json").write_text('{"outlet": "Sidecar Wire", "author": "S. Writer"}')
    (article,) = read_all(page, author="Flag Author")
    assert article.meta.outlet == "Sidecar Wire" and article.meta.author == "Flag Author"


def test_html_in_latin1_is_decoded(tmp_path):
    page = tmp_path / "latin.html"
    body = "A bomb exploded outside a café in Montréal on Sunday, the police said, and three people were hurt."
    page.write_bytes(f'<html><head><meta charset="iso-8859-1"><title>Café</title></head>'
                     f"<body><article><p>{body}</p></article></body></html>".encode("latin-1"))
    (article,) = read_all(page)
    assert article.text == body and article.meta.title == "Café"


def test_html_without_date_stays_without_date(tmp_path):
    page = tmp_path / "nodate.html"
    page.write_text(f"<html><head><title>Protest</title></head><body><article><p>{BODY}</p>"
                    f"<p>It was the third protest since 12 March 2023, a date the organisers chose.</p>"
                    "</article></body></html>")
    (article,) = read_all(page)
    assert article.meta.published is None


@pytest.mark.parametrize("markup", [
    "<html><body></body></html>",
    "<html><head><title>Only a title</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    "<<<div <p>>>> </ / <",
])
def test_malformed_or_bodiless_html_fails(tmp_path, markup):
    page = tmp_path / "bad.html"
    page.write_text(markup)
    (failure,) = split(read_all(page))[1]
    assert str(page) in failure.error and "HTML" in failure.error


def test_fragment_text_makes_paragraphs():
    html = "<p>First <em>one</em>\nhere.</p><!-- note --><script>x()</script><p>Second<br>third</p>"
    assert fragment_text(html) == "First one here.\n\nSecond\n\nthird"


def test_rss_entries_are_articles():
    arts, fails = split(read_all(FIXTURES / "feed.rss"))
    assert [a.meta.title for a in arts] == ["Aid convoy reaches Kharkiv", "Talks resume in Doha"]
    first, second = arts
    assert first.text.startswith("A convoy of twelve trucks") and "<" not in first.text
    assert "\n\n\"The people of this city" in first.text  # content:encoded preferred over summary
    assert first.meta.outlet == "Harbour Post World" and first.meta.author == "Olena Marchenko"
    assert first.meta.published == "2024-05-14T08:30:00+00:00"
    assert second.text.endswith('had been "constructive".')
    assert first.origin.endswith("feed.rss#1")
    (failure,) = fails
    assert failure.origin.endswith("feed.rss#3") and "without content" in failure.error


def test_atom_entries_are_articles():
    arts, fails = split(read_all(FIXTURES / "feed.atom"))
    assert not fails
    assert [a.meta.outlet for a in arts] == ["Northern Ledger"] * 2
    assert arts[0].meta.author == "Samir Haddad" and arts[0].meta.published.startswith("2024-02-01T09:00")
    assert arts[1].meta.published.startswith("2024-02-02T11:00")  # updated when not published
    assert arts[1].meta.url == "https://ledger.example.com/2024/02/port"


def test_broken_feed_fails(tmp_path):
    path = tmp_path / "bad.rss"
    path.write_text("<rss><channel><title>x</title>")
    (failure,) = split(read_all(path))[1]
    assert "feed" in failure.error and str(path) in failure.error


def test_jsonl_rows_and_bad_lines():
    arts, fails = split(read_all(FIXTURES / "corpus.jsonl"))
    assert [a.origin.rsplit(":", 1)[1] for a in arts] == ["1", "3"]
    first = arts[0]
    assert first.text.startswith("The government announced new sanctions")
    assert first.meta.outlet == "Capital Wire"  # {"source": {"name": ...}}
    assert first.meta.title == "Sanctions announced" and first.meta.author == "Ana Silva, Tom Reed"
    assert first.meta.published == "2024-04-02"
    assert arts[1].meta.published == "2024-04-03T10:00:00+00:00"
    lines = {f.origin.rsplit(":", 1)[1]: f.error for f in fails}
    assert set(lines) == {"2", "5", "6"}
    assert "corpus.jsonl:2: not JSON" in lines["2"]
    assert "its fields are: title, url" in lines["6"] and "--text-field" in lines["6"]


def test_field_flags_choose_fields(tmp_path):
    path = tmp_path / "c.jsonl"
    row = {"story": BODY, "hed": "Chosen title", "meta": {"site": "Nested Outlet"}, "title": "Default title"}
    path.write_text(json.dumps(row) + "\n")
    (article,) = read_all(path, field_map=(("text", "story"), ("title", "hed"), ("outlet", "meta.site")))
    assert article.text == BODY and article.meta.title == "Chosen title" and article.meta.outlet == "Nested Outlet"


def test_json_array(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"content": BODY, "publisher": "Array Post"}, 5]))
    arts, fails = split(read_all(path))
    assert arts[0].meta.outlet == "Array Post" and arts[0].origin.endswith("c.json[0]")
    assert fails[0].origin.endswith("c.json[1]")


def test_json_object_wrapping_an_array(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [
        {"content": BODY, "source": {"name": "Api Wire"}}, {"description": "no text"}]}))
    arts, fails = split(read_all(path))
    assert arts[0].meta.outlet == "Api Wire" and arts[0].origin == f"{path}:articles[0]"
    assert fails[0].origin == f"{path}:articles[1]" and "description" in fails[0].error


def test_csv_rows():
    arts, fails = split(read_all(FIXTURES / "corpus.csv"))
    assert [a.meta.title for a in arts] == ["Protest in Nairobi", "Minister resigns"]
    assert '"to disperse the crowd"' in arts[0].text and "\n" in arts[0].text  # quoted multi-line cell
    assert arts[0].meta.author == "Amina Otieno" and arts[0].meta.published == "2024-06-20"
    (failure,) = fails
    assert failure.origin.endswith("corpus.csv:4") and "empty text" in failure.error


def test_csv_without_text_column_names_its_columns():
    (failure,) = split(read_all(FIXTURES / "no_text.csv"))[1]
    assert "no_text.csv" in failure.error
    assert "its columns are: headline, story, date" in failure.error and "--text-field" in failure.error


def test_csv_text_field_flag(tmp_path):
    (article,) = read_all(FIXTURES / "no_text.csv", field_map=(("text", "story"), ("title", "headline")),
                          min_english=0)
    assert article.meta.title == "A headline" and article.meta.published == "2024-01-01"


def test_tsv(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(f"title\ttext\nTab title\t{BODY}\n")
    (article,) = read_all(path)
    assert article.meta.title == "Tab title" and article.text == BODY


def test_gzipped_jsonl(tmp_path):
    import gzip

    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write(json.dumps({"text": BODY}) + "\n")
    (article,) = read_all(path)
    assert article.text == BODY


def make_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """A gzip WARC with one response record per (url, content type, body), and a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2024-03-10T06:00:00Z"})
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://x.example/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


def test_warc_html_responses_become_articles(tmp_path):
    page = (FIXTURES / "article.html").read_text()
    nodate = f"<html><head><title>Plain</title></head><body><article><p>{BODY}</p></article></body></html>"
    path = tmp_path / "crawl.warc.gz"
    make_warc(path, [
        ("https://wire.example.org/a", "text/html; charset=utf-8", page),
        ("https://wire.example.org/logo.png", "image/png", "PNG"),
        ("https://wire.example.org/b", "text/html", nodate),
        ("https://wire.example.org/c", "text/html", "<html><body></body></html>"),
    ])
    arts, fails = split(read_all(path))
    assert [a.meta.url for a in arts] == ["https://wire.example.org/a", "https://wire.example.org/b"]
    assert arts[0].meta.published == "2024-03-09" and arts[0].meta.title == "Protesters fill square in Tbilisi"
    assert arts[1].meta.published == "2024-03-10T06:00:00+00:00"  # WARC-Date when the page has none
    assert arts[1].text == BODY
    (failure,) = fails
    assert failure.origin == f"{path}#3" and "https://wire.example.org/c" in failure.error


def test_not_a_warc_fails(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not a warc file at all, just some words in a row")
    (failure,) = split(read_all(path))[1]
    assert "not a WARC file" in failure.error


@pytest.mark.parametrize("head, fmt", [
    (b"WARC/1.0\r\n", "warc"),
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b"<!DOCTYPE html><html>", "html"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b'{\n  "text": "a"\n}', "json"),
    (b"[{}]", "json"),
    (b"Headline\n\nBody", "text"),
])
def test_sniffing(head, fmt):
    assert sniff(head) == fmt


def test_extensionless_file_is_sniffed(tmp_path):
    path = tmp_path / "download"
    path.write_bytes((FIXTURES / "article.html").read_bytes())
    (article,) = read_all(path)
    assert article.meta.title == "Protesters fill square in Tbilisi"


def test_input_format_flag_overrides_extension(tmp_path):
    path = tmp_path / "rows.txt"
    path.write_text(json.dumps({"text": BODY, "title": "From JSONL"}) + "\n")
    (article,) = read_all(path, input_format="jsonl")
    assert article.meta.title == "From JSONL"


def test_truncated_gzip_corpus_is_a_failure_not_a_crash(tmp_path):
    import gzip

    whole = gzip.compress(("\n".join(json.dumps({"text": BODY}) for _ in range(50)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    arts, fails = split(read_all(path))
    assert fails and "cut.jsonl.gz" in fails[-1].error and "cannot read it" in fails[-1].error
