"""Corpora of many articles: JSONL (one JSON object a line), a JSON array, CSV and TSV.

Each row has a text field and metadata fields. By default the first of these present is used:
text: text, body, content, article, maintext, full_text; title: title, headline; url: url,
link; outlet: outlet, source, publisher, site_name, sitename, domain; published: published,
date, published_at, publish_date, pubdate, date_publish; author: author, authors, byline.
`--text-field NAME` (and --title-field ...) or `--field-map text=NAME,title=NAME` choose other
fields; a JSON field may be a dotted path ("source.name"). A bad row is reported with its
file and line and skipped; the other rows are still read.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any, Iterator, Mapping, Optional, Union

from sayso.errors import InputError
from sayso.record import Failure
from sayso.read.problems import describe
from sayso.read.published import iso_date
from sayso.read.source import Source, too_large
from sayso.record import Article, Meta

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "domain"),
    "published": ("published", "date", "published_at", "publish_date", "pubdate", "date_publish"),
    "author": ("author", "authors", "byline"),
}
META_NAMES = ("title", "url", "outlet", "published", "author")
Item = Union[Article, Failure]


def candidates(name: str, field_map: Mapping[str, str]) -> tuple[str, ...]:
    """The fields looked at for `name`: the one chosen by a flag, else the defaults."""
    return (field_map[name],) if field_map.get(name) else DEFAULT_FIELDS[name]


def row_article(row: Mapping[str, Any], origin: str, field_map: Mapping[str, str], max_bytes: int) -> Article:
    """An Article from one row (a JSON object or a CSV row)."""
    looked = candidates("text", field_map)
    found = [f for f in looked if _lookup(row, f) is not None] or [f for f in looked if f in row]
    if not found:
        raise InputError(
            origin,
            f"no text field (looked for {', '.join(looked)}); its fields are: {', '.join(map(str, row)) or 'none'}",
            "name the text field with --text-field",
        )
    text = _text_value(_lookup(row, found[0]), origin, found[0])
    if not text.strip():
        raise InputError(origin, f"empty text in field {found[0]!r}", "give the article text or remove the row")
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise too_large(origin, max_bytes)
    values = {name: _first(row, candidates(name, field_map)) for name in META_NAMES}
    values["published"] = iso_date(values["published"])
    return Article(text, Meta(path=origin, **values), origin)


def _text_value(value: Any, origin: str, field: str) -> str:
    """The article text in a field: a string, or a list of strings (paragraphs); a number,
    a true/false, an object or a list of anything else is not article text."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v for v in value if v)
    kind = {bool: "true/false", int: "number", float: "number", list: "list", dict: "object"}.get(type(value), "value")
    raise InputError(origin, f"the text field {field!r} holds a JSON {kind}, not article text",
                     "give the article text as a string (or a list of paragraph strings)")


def _lookup(row: Mapping[str, Any], field: str) -> Any:
    if field in row:
        value = row[field]
    else:
        value = row
        for part in field.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
    return None if value in (None, "") else value


def _first(row: Mapping[str, Any], fields: tuple[str, ...]) -> Optional[str]:
    for field in fields:
        value = _lookup(row, field)
        if value is not None:
            return _as_text(value, ", ") or None
    return None


def _as_text(value: Any, joiner: str) -> str:
    """A field's value as text: lists are joined, objects give their "name"."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return joiner.join(t for t in (_as_text(v, joiner) for v in value) if t)
    if isinstance(value, Mapping):
        return _as_text(value.get("name") or value.get("title") or "", joiner)
    return "" if value is None else str(value)


def read_jsonl(source: Source, field_map: Mapping[str, str], max_bytes: int) -> Iterator[Item]:
    """One article per line; a line that is not a JSON object is reported and skipped."""
    with source.open() as stream:
        for number, raw in enumerate(stream, start=1):
            origin = f"{source.origin}:{number}"
            try:
                row = _json_line(raw, origin, number == 1)
                if row is not None:
                    yield row_article(row, origin, field_map, max_bytes)
            except InputError as exc:
                yield Failure(origin, str(exc))


def _json_line(raw: bytes, origin: str, first: bool) -> Optional[dict]:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not valid UTF-8 (byte {exc.start} of the line)", "convert the file to UTF-8") from exc
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise InputError(origin, f"not JSON ({exc})", "fix or remove the line") from exc
    except RecursionError as exc:
        raise InputError(origin, f"not an article: JSON {describe(exc)}", "fix or remove the line") from exc
    if not isinstance(row, dict):
        raise InputError(origin, f"a JSON {type(row).__name__}, not an object", 'write one {"text": ...} object a line')
    return row


def read_json(source: Source, field_map: Mapping[str, str], max_bytes: int) -> Iterator[Item]:
    """A JSON array of article objects, one article object, or an object wrapping one array of
    them ({"articles": [...]}). The file is read whole."""
    data = source.read_all(max_bytes)
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(source.origin, f"not valid JSON ({exc})", "fix it, or give one object a line as .jsonl") from exc
    except RecursionError as exc:
        raise InputError(source.origin, f"not articles: JSON {describe(exc)}", "fix it") from exc
    if isinstance(value, dict):
        listed = _article_list(value, field_map)
        if listed is None:
            yield row_article(value, source.origin, field_map, max_bytes)
            return
        key, value = listed
        source = dataclasses.replace(source, origin=f"{source.origin}:{key}")
    if not isinstance(value, list):
        raise InputError(source.origin, "JSON that is neither an object nor an array", "give article objects")
    for index, row in enumerate(value):
        origin = f"{source.origin}[{index}]"
        if not isinstance(row, dict):
            yield Failure(origin, f"{origin}: a JSON {type(row).__name__}, not an object; give article objects")
            continue
        try:
            yield row_article(row, origin, field_map, max_bytes)
        except InputError as exc:
            yield Failure(origin, str(exc))


def _article_list(value: dict, field_map: Mapping[str, str]) -> Optional[tuple[str, list]]:
    """The one list of objects in a wrapper object ({"status": .., "articles": [...]}), if that is what it is."""
    if any(_lookup(value, f) is not None for f in candidates("text", field_map)):
        return None
    lists = [(k, v) for k, v in value.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else None


def read_csv(source: Source, field_map: Mapping[str, str], max_bytes: int, delimiter: str = ",") -> Iterator[Item]:
    """One article per row of a CSV (or TSV) file with a header line."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    with io.TextIOWrapper(source.open(), encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream, delimiter=delimiter)
        try:
            columns = reader.fieldnames
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(source.origin, f"cannot read the header ({exc})", "give a UTF-8 CSV file") from exc
        if not columns:
            raise InputError(source.origin, "empty file", "give a CSV file with a header line and rows")
        _require_text_column(source.origin, columns, field_map)
        yield from _rows(reader, source.origin, field_map, max_bytes)


def _require_text_column(origin: str, columns: list[str], field_map: Mapping[str, str]) -> None:
    looked = candidates("text", field_map)
    if not any(name in columns for name in looked):
        raise InputError(
            origin,
            f"no text column (looked for {', '.join(looked)}); its columns are: {', '.join(columns)}",
            "name the text column with --text-field",
        )


def _rows(reader: csv.DictReader, origin: str, field_map: Mapping[str, str], max_bytes: int) -> Iterator[Item]:
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as exc:
            where = f"{origin}:{line}"
            yield Failure(where, f"{where}: cannot read on from here ({exc}); convert the file to UTF-8 CSV")
            return
        where = f"{origin}:{line}"
        line = reader.line_num + 1
        try:
            yield row_article({k: v for k, v in row.items() if k is not None}, where, field_map, max_bytes)
        except InputError as exc:
            yield Failure(where, str(exc))
