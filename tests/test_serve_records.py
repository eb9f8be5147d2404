"""Synthetic records for the serve tests (built with sayso.record, so no test depends on
extraction quality), and tests of the pieces that turn a record into HTML: highlights, chains.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from sayso.record import (Attribution, Boilerplate, Entity, Event, Meta, Place, Record, Source, Span,
                          TimeValue, article_id)
from sayso.serve.chains import Claim, chain, chain_svg
from sayso.serve.highlight import Mark, highlight, render, segments

XSS = '<script>alert("xss")</script>'


def span(text: str, sub: str, after: int = 0) -> Span:
    start = text.index(sub, after)
    return Span(start, start + len(sub), sub)


SENTENCE_END = re.compile(r"(?<![A-Z])\.(?=\s|$)")


def sentence_of(text: str, sub: str) -> Span:
    """The sentence around `sub`: from the line start or the last full stop to the next one."""
    start = text.index(sub)
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    left = max([e + 1 for e in ends if e < start] + [text.rfind("\n", 0, start) + 1])
    right = min([e for e in ends if e > start] + [len(text)])
    return Span(left, right, text[left:right])


def record(text: str, meta: Meta, **parts) -> Record:
    return Record(id=article_id(text, meta), text=text, meta=meta, **parts)


def telegraph_relay(outlet: str, url: str, text: str) -> Record:
    """An article relaying The Daily Telegraph citing U.S. officials: a defection to Jordan."""
    meta = Meta(url=url, outlet=outlet, title=text.split("\n")[0], published="2012-06-22")
    pilot, tele, officials = span(text, "Syrian air force pilot"), span(text, "The Daily Telegraph"), span(text, "U.S. officials")
    jordan = span(text, "Jordan", text.index("\n"))
    claim = sentence_of(text, "defected")
    thursday = span(text, "Thursday")
    entities = (Entity("e1", "Syrian air force pilot", "person", (pilot,), "SYR", "MIL"),
                Entity("e2", "The Daily Telegraph", "media", (tele,), "GBR", "MED"),
                Entity("e3", "U.S. officials", "anonymous_group", (officials,), "USA", "GOV"))
    attributions = (
        Attribution("a1", Source(tele.start, tele.end, tele.text, "e2", "media"), span(text, "reported"),
                    (Span(claim.start, text.index(", The Daily"), text[claim.start:text.index(", The Daily")]),), "indirect"),
        Attribution("a2", Source(officials.start, officials.end, officials.text, "e3", "anonymous_group"),
                    span(text, "citing"), (Span(claim.start, text.index(", The Daily"), text[claim.start:text.index(", The Daily")]),),
                    "indirect", parent="a1"),
    )
    event = Event("v1", "DEFECT", span(text, "defected"), claim, actor="e1", place="p1",
                  date=TimeValue("2012-06-21", "day", "Thursday", thursday.start, thursday.end),
                  status="occurred", attribution="a2")
    places = (Place("p1", "Jordan", (jordan,), "JOR", 31.0, 36.0, "country"),)
    contact = span(text, "Contact: newsdesk@example.com")
    return record(text, meta, entities=entities, attributions=attributions, events=(event,), places=places,
                  boilerplate=(Boilerplate(contact.start, contact.end, contact.text, "contact"),),
                  times=(event.date,))


ARUTZ = ("Syrian pilot defects to Jordan\n\nA Syrian air force pilot flew his MiG-21 fighter jet to Jordan "
         "on Thursday and defected, The Daily Telegraph reported, citing U.S. officials. "
         "Jordan gave him a room at an air base.\nContact: newsdesk@example.com")
MAIL = ("Jet pilot flees Syria\n\nOn Thursday a Syrian air force pilot landed in Jordan and defected, "
        "The Daily Telegraph reported, citing U.S. officials.\nContact: newsdesk@example.com")


def denial() -> Record:
    text = ("Damascus denies defection\n\nSyrian state television said on Thursday that no pilot had "
            "defected to Jordan and called the reports lies.")
    meta = Meta(url="https://example.net/denial", outlet="Levant Wire", title="Damascus denies defection",
                published="2012-06-22")
    tv, pilot, jordan = span(text, "Syrian state television"), span(text, "pilot"), span(text, "Jordan")
    content = Span(text.index("no pilot"), text.index(" and called"), text[text.index("no pilot"):text.index(" and called")])
    entities = (Entity("e1", "Syrian state television", "media", (tv,), "SYR", "MED"),
                Entity("e2", "Syrian air force pilot", "person", (pilot,), "SYR", "MIL"))
    thursday = span(text, "Thursday")
    return record(text, meta, entities=entities,
                  places=(Place("p1", "Jordan", (jordan,), "JOR", 31.0, 36.0, "country"),),
                  attributions=(Attribution("a1", Source(tv.start, tv.end, tv.text, "e1", "media"), span(text, "said"),
                                            (content,), "indirect"),),
                  events=(Event("v1", "DEFECT", span(text, "defected"), sentence_of(text, "defected"), actor="e2",
                                place="p1", date=TimeValue("2012-06-21", "day", "Thursday", thursday.start, thursday.end),
                                status="negated", polarity="negative", attribution="a1"),))


def hostile() -> Record:
    """An article full of markup and script, in every field a page shows."""
    text = (f"Protest in {XSS}Townsville\n\n"
            f"Officials <img src=x onerror=alert(1)> said \"><svg onload=alert(2)> that crowds "
            f"marched in Townsville on Friday {XSS}. <b onmouseover=alert(3)>bold</b> "
            f"<iframe src=javascript:alert(4)></iframe> & &amp; done.")
    meta = Meta(url="https://example.org/<script>", outlet='Evil <script>alert("outlet")</script> News',
                title='<img src=x onerror=alert("title")>', published="2012-06-23",
                author="<b>author</b>")
    officials = span(text, "Officials <img src=x onerror=alert(1)>")
    town = span(text, "Townsville", text.index("\n"))
    content = Span(text.index("\"><svg"), text.index(". <b"), text[text.index("\"><svg"):text.index(". <b")])
    friday = span(text, "Friday")
    entities = (Entity("e1", 'Officials <img src=x onerror=alert("entity")>', "anonymous_group", (officials,)),)
    place = Place("p1", '<script>alert("place")</script>Townsville', (town,), "AUS", -19.26, 146.8, "city")
    event = Event("v1", "PROTEST", span(text, "marched"), Span(0, len(text), text), actor="e1", place="p1",
                  date=TimeValue("2012-06-22", "day", "Friday", friday.start, friday.end), status="occurred",
                  attribution="a1")
    attribution = Attribution("a1", Source(officials.start, officials.end, officials.text, "e1", "anonymous_group"),
                              span(text, "said"), (content,), "indirect")
    return record(text, meta, entities=entities, places=(place,), attributions=(attribution,), events=(event,),
                  boilerplate=(Boilerplate(text.index("<iframe"), len(text), text[text.index("<iframe"):], "footer"),))


def sample_records() -> list[Record]:
    return [telegraph_relay("Arutz Sheva", "https://example.com/arutz", ARUTZ),
            telegraph_relay("Daily Mail Online", "https://example.com/mail", MAIL),
            denial(), hostile()]


def sample_ledger(path: str) -> str:
    """A SQLite ledger at `path` holding the sample records; returns the path."""
    from sayso.ledger import open_ledger

    with open_ledger(path) as ledger:
        for rec in sample_records():
            ledger.ingest(rec)
    return path


# ---- tests of the record -> HTML pieces -------------------------------------------------------

class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert not tags.stack
    return tags


def test_every_span_of_the_samples_points_into_its_text():
    from sayso.record import iter_spans

    for rec in sample_records():
        for s in iter_spans(rec):
            assert rec.text[s.start:s.end] == s.text


def test_highlighted_text_is_the_article_escaped_and_well_formed():
    rec = hostile()
    html = highlight(rec, lambda eid: f"/events/{eid}")
    tags = parse(html)
    assert set(tags.tags) <= {"a", "span"}, tags.tags
    assert "".join(tags.text) == rec.text  # nothing lost, nothing added, all of it text
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_overlapping_marks_make_segments_that_cover_the_text_once():
    marks = [Mark(0, 10, "quote"), Mark(3, 5, "event", "/events/1"), Mark(4, 12, "place", "/?place=x")]
    pieces = list(segments(15, marks))
    assert [(s, e) for s, e, _ in pieces] == [(0, 3), (3, 4), (4, 5), (5, 10), (10, 12), (12, 15)]
    kinds = {(s, e): [m.kind for m in active] for s, e, active in pieces}
    assert kinds[(4, 5)] == ["quote", "place", "event"] and kinds[(12, 15)] == []
    html = render("abcdefghijklmno", marks)
    assert '<a class="hl hl-quote hl-place hl-event" href="/events/1"' in html  # the most specific link


def test_each_kind_gets_its_class_and_link():
    rec = sample_records()[0]
    html = highlight(rec, lambda eid: "/events/7" if eid == "v1" else None)
    assert re.search(r'<a class="hl[^"]*hl-event[^"]*" href="/events/7"[^>]*>defected</a>', html)
    for kind in ("speaker", "quote", "place", "date", "boilerplate", "entity"):
        assert f"hl-{kind}" in html, kind
    assert 'href="/?actor=The+Daily+Telegraph"' in html
    assert 'href="/?since=2012-06-21&amp;until=2012-06-21"' in html


def test_chain_runs_from_outlet_to_original_source():
    rec = sample_records()[0]
    assert chain(rec, "a2") == ["Arutz Sheva", "The Daily Telegraph", "U.S. officials"]
    assert chain(rec, None) == ["Arutz Sheva"]


def test_chain_graph_joins_shared_sources_and_escapes_names():
    claims = [Claim(("Arutz Sheva", "The Daily Telegraph", "U.S. officials"), "occurred", "/articles/a"),
              Claim(("Daily Mail Online", "The Daily Telegraph", "U.S. officials"), "occurred", "/articles/b"),
              Claim(("<script>x</script>",), "negated")]
    svg = chain_svg(claims)
    parse(svg)
    assert svg.count("<title>The Daily Telegraph</title>") == 1  # one node for the shared relay
    assert svg.count("<line") == 3  # two outlets -> Telegraph, Telegraph -> officials
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_timeline_counts_per_day_week_month_or_year_on_a_time_axis():
    from datetime import date, timedelta

    from sayso.serve.charts import DayCount, bars, colours, ticks, timeline_svg

    few = [DayCount("2012-06-21", "DEFECT", 2), DayCount("2012-06-21", "AID", 1), DayCount("2012-06-22", "AID", 3)]
    unit, found = bars(few)
    assert unit == "day" and [(b.start.isoformat(), b.category, b.count) for b in found] == \
        [("2012-06-21", "AID", 1), ("2012-06-21", "DEFECT", 2), ("2012-06-22", "AID", 3)]
    svg = timeline_svg(found, colours(["AID", "DEFECT"]), lambda b: f"/?since={b.start}&category=<{b.category}>")
    parse(svg)
    assert svg.count("<rect") == 3 and "AID, 2012-06-22: 3 events" in svg and "&lt;AID&gt;" in svg
    many = [DayCount((date(2012, 1, 1) + timedelta(days=i)).isoformat(), "AID", 1) for i in range(400)]
    unit, found = bars(many)
    assert unit == "week" and sum(b.count for b in found) == 400
    unit, found = bars([DayCount("2012-06-22", "AID", 1), DayCount("2016-10-03", "AID", 1)])
    assert unit == "month" and [b.start for b in found] == [date(2012, 6, 1), date(2016, 10, 1)]
    svg = timeline_svg(found, colours(["AID"]), lambda b: "/")
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', svg)]
    assert xs[1] - xs[0] > 800  # four years apart on the axis, not side by side
    assert [label for _, label in ticks(date(2012, 6, 22), date(2016, 10, 3))] == ["2013", "2014", "2015", "2016"]


def test_a_merged_event_is_made_from_its_row_in_column_order():
    from dataclasses import fields

    from sayso.ledger.query import MERGED_COLUMNS, MergedEvent

    assert tuple(f.name for f in fields(MergedEvent)) == MERGED_COLUMNS
    row = (7, "DEFECT", None, "2012-06-22", None, "pilot", "SYR", "MIL", None, None, None, "Jordan", "JOR",
           31.0, 36.0, 2, 2, 1, "claimed,occurred", "occurred", 1, "A pilot defected.")
    e = MergedEvent.from_row(row)
    assert (e.id, e.place, e.lon, e.sources, e.statuses, e.status, e.conflict, e.summary) == (
        7, "Jordan", 36.0, 1, ("claimed", "occurred"), "occurred", True, "A pilot defected.")
