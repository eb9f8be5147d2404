"""Issue 15: the readers under fuzzing. A seeded generator mutates a valid file of every input
kind (flipped, cut, inserted and repeated bytes; deep nesting; long lines; wrong extensions);
every input must give Articles or one-line Failures: no traceback, no hang, bounded memory."""
from __future__ import annotations

import gzip
import io
import json
import random
import resource
import time
from pathlib import Path


from sayso.record import Failure
from sayso.read import ReadOptions, read_sources
from sayso.record import Article

FIXTURES = Path(__file__).parent / "fixtures" / "read"
BODY = ("Thousands of people gathered in the capital on Saturday to protest against the new law, "
        "organisers said, and the police said that no arrests had been made during the march.")
SEED = 15
PER_KIND = 200  # inputs per kind: 11 kinds, 2,200 inputs
READ_SECONDS = 2.0  # the budget for one page or feed, lowered for the test
SLOWEST = READ_SECONDS + 3.0  # seconds any one input may take to read
INTERNALS = ("Traceback", "Error:", "Exception", "maximum recursion")


def warc_bytes(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for i in range(2):
        page = f"<html><head><title>Story {i}</title></head><body><article><p>{BODY}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://x.example/{i}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    return out.getvalue()


def seeds() -> dict[str, bytes]:
    jsonl = (json.dumps({"text": BODY, "title": "A"}) + "\n" + json.dumps({"text": BODY}) + "\n").encode()
    return {
        ".txt": (BODY + "\n\n" + BODY).encode(),
        ".html": (FIXTURES / "article.html").read_bytes(),
        ".jsonl": jsonl,
        ".json": json.dumps([{"text": BODY}, {"body": BODY}]).encode(),
        ".csv": (FIXTURES / "corpus.csv").read_bytes(),
        ".tsv": b"title\ttext\nA\t" + BODY.encode() + b"\n",
        ".rss": (FIXTURES / "feed.rss").read_bytes(),
        ".atom": (FIXTURES / "feed.atom").read_bytes(),
        ".warc": warc_bytes(False),
        ".warc.gz": warc_bytes(True),
        ".jsonl.gz": gzip.compress(jsonl),
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 1:  # cut
            data = data[:at]
        elif kind == 2:  # insert junk
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        elif kind == 3:  # repeat a slice
            data[at:at] = data[at:at + rng.randint(1, 200)] * rng.randint(2, 50)
        elif kind == 4:  # deep nesting
            depth = rng.choice((50, 5_000, 50_000))
            data[at:at] = b"[" * depth + b"]" * depth
        elif kind == 5:  # a long line without spaces or stops
            data[at:at] = b"x" * rng.choice((10_000, 200_000))
        elif kind == 6:  # invalid UTF-8 and control bytes
            data[at:at] = rng.choice((b"\xff\xfe", b"\xe2\x80", b"\x00\x01\x02", b"\xc3"))
        elif data:  # drop a slice
            del data[at:at + rng.randint(1, 100)]
    return bytes(data)


def test_readers_survive_thousands_of_mutated_inputs(tmp_path, monkeypatch):
    monkeypatch.setattr("sayso.bounds.READ_SECONDS", READ_SECONDS)
    rng = random.Random(SEED)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = 0
    for suffix, seed in seeds().items():
        folder = tmp_path / suffix.strip(".").replace(".", "_")
        folder.mkdir()
        for i in range(PER_KIND):
            path = folder / f"f{i}{suffix}"
            path.write_bytes(mutate(seed, rng))
            started = time.monotonic()
            items = list(read_sources([str(path)], ReadOptions(max_bytes=2_000_000)))
            took = time.monotonic() - started
            assert took < SLOWEST, f"{path.name} took {took:.1f} s"
            for item in items:
                assert isinstance(item, (Article, Failure))
                if isinstance(item, Failure):
                    assert "\n" not in item.error and not any(word in item.error for word in INTERNALS), item.error
            count += 1
            path.unlink()
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert count == PER_KIND * len(seeds())
    assert grown_mb < 500, f"peak memory grew {grown_mb:.0f} MB"
