"""The JSON API: everything the pages show, and POST /api/articles; its OpenAPI description.

Each endpoint is declared once (path, method, summary, parameters); the routes and
/api/openapi.json are both made from those declarations.
"""
from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sayso.errors import InputError, LedgerError, SaysoError
from sayso.serve import ingest
from sayso.serve.cache import cached
from sayso.ledger.filter_params import FILTER_HELP as LEDGER_FILTER_HELP
from sayso.serve import exports
from sayso.serve.params import FILTERS, LIST, MAX_LIMIT, SORTS
from sayso.serve.params import query_of as _query, store_of as _store
from sayso.serve.security import WriteForbidden


SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...] | None] = {}  # a dataclass's field names, looked up once per type
NO_PATHS = frozenset({"path"})


FLAT_TYPE = re.compile(r"(Optional\[)?(str|int|float|bool|tuple\[str, \.\.\.\])\]?")
_FLAT: dict[tuple[type, frozenset[str]], bool] = {}


def _fields(kind: type) -> tuple[str, ...] | None:
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    return _FIELDS[kind]


def _flat(kind: type, names: tuple[str, ...], hide: frozenset[str]) -> bool:
    """Whether a dataclass holds only scalars and tuples of strings and no hidden member: orjson
    then writes it as it is (its fields in order, tuples as arrays), as `plain` would have."""
    key = (kind, hide)
    if key not in _FLAT:
        hints = [str(f.type) for f in dataclasses.fields(kind)]
        _FLAT[key] = not hide.intersection(names) and all(FLAT_TYPE.fullmatch(h) for h in hints)
    return _FLAT[key]


def plain(obj: Any, hide: frozenset[str] = frozenset()) -> Any:
    """JSON-ready form of the ledger's dataclasses, tuples and values, without the members named
    in `hide` at any depth (one pass: the API's lists are thousands of values)."""
    kind = type(obj)
    if kind in SCALARS:
        return obj
    if isinstance(obj, dict):
        return {key: plain(v, hide) for k, v in obj.items() if (key := str(k)) not in hide}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [plain(x, hide) for x in obj]
    names = _fields(kind)
    if names is not None:
        if _flat(kind, names, hide):
            return obj
        return {n: plain(getattr(obj, n), hide) for n in names if n not in hide}
    if isinstance(obj, (str, int, float, bool)):
        return obj
    return str(obj)


def _json(request: Request, data: Any, status: int = 200) -> Response:
    """JSON of `data` (compact, UTF-8, as Starlette's JSONResponse writes it), by orjson."""
    hide = frozenset() if request.app.state.settings.show_paths else NO_PATHS
    return Response(orjson.dumps(plain(data, hide)), status_code=status, media_type="application/json")


@cached
def list_events(request: Request) -> Response:
    q = _query(request)
    page = _store(request).events(q.filters, q.sort, q.limit, q.offset)
    return _json(request, {"total": page.total, "page": q.page, "limit": q.limit, "sort": q.sort,
                           "filters": q.filters, "items": page.items})


def get_event(request: Request) -> Response:
    detail = _store(request).event(request.path_params["id"])
    if detail is None:
        raise HTTPException(404, "no such event in the ledger")
    return _json(request, {"event": detail.event, "reports": detail.reports, "sources": detail.sources,
                           "claims_for": detail.claims_for, "claims_against": detail.claims_against,
                           "evidence": list(detail.evidence), "timeline": [c.to_dict() for c in detail.timeline]})


def get_article(request: Request) -> Response:
    store = _store(request)
    record = store.article(request.path_params["id"])
    if record is None:
        raise HTTPException(404, "no such article in the ledger")
    return _json(request, {"record": record.to_dict(), "merged_events": store.merged_ids(record.id)})


@cached
def timeline(request: Request) -> Response:
    q = _query(request, FILTERS)
    return _json(request, {"filters": q.filters, "days": _store(request).day_counts(q.filters)})


@cached
def places(request: Request) -> Response:
    q = _query(request, FILTERS)
    return _json(request, {"filters": q.filters, "places": _store(request).place_counts(q.filters)})


def stats(request: Request) -> Response:
    _query(request, ())
    store = _store(request)
    return _json(request, {**store.stats(), "options": store.options()})


def index(request: Request) -> Response:
    """GET /api: what the API offers, and where its description is."""
    return _json(request, {"description": "/api/openapi.json", "endpoints": [
        {"method": e.method, "address": e.path.replace(":int}", "}"), "summary": e.summary} for e in ENDPOINTS]})


async def post_article(request: Request) -> Response:
    try:
        kind = request.headers.get("content-type", "")
        if kind.startswith("application/json"):
            ingest.authorise(request)
            try:
                data = json.loads(await request.body())
            except ValueError as exc:
                raise InputError("request", f"the body is not JSON ({exc})", "send a JSON object") from exc
            upload = ingest.upload_from_json(data)
        else:
            form = await request.form()
            upload, token = await ingest.upload_from_form(form)
            ingest.authorise(request, token)
        result = await run_in_threadpool(ingest.ingest_upload, request.app.state, upload)
    except WriteForbidden as exc:
        return _json(request, {"error": str(exc)}, 403)
    except InputError as exc:
        return _json(request, {"error": str(exc)}, 400)
    except LedgerError as exc:
        return _json(request, {"error": str(exc)}, 503)
    except SaysoError as exc:  # extraction failed on this article
        return _json(request, {"error": str(exc)}, 422)
    return _json(request, result, 201)


def openapi(request: Request) -> Response:
    return JSONResponse(describe(request.app.state.settings))


@dataclass(frozen=True)
class Endpoint:
    path: str
    method: str
    handler: Callable
    summary: str
    params: tuple[str, ...] = ()
    path_param: tuple[str, str] | None = None  # (name, type)


FILTER_HELP = {
    **LEDGER_FILTER_HELP,
    "sort": "one of " + ", ".join(SORTS), "page": "page number, from 1", "limit": f"items per page, at most {MAX_LIMIT}",
    "format": "one of " + ", ".join(exports.FORMATS),
}
MULTI = ("category", "status", "country", "outlet")

ENDPOINTS = (
    Endpoint("/api/events", "GET", list_events, "Merged events, filtered, sorted and paginated", LIST),
    Endpoint("/api/events/{id:int}", "GET", get_event, "One merged event with its reports, sources and claims",
             path_param=("id", "integer")),
    Endpoint("/api/articles/{id}", "GET", get_article, "One article's record and the merged event of each event",
             path_param=("id", "string")),
    Endpoint("/api/timeline", "GET", timeline, "Merged events per day and category", FILTERS),
    Endpoint("/api/places", "GET", places, "Event places (id, coordinates) and how many events each", FILTERS),
    Endpoint("/api/export", "GET", exports.export, "The merged events of a filter as CSV, GeoJSON or JSON",
             (*FILTERS, "format")),
    Endpoint("/api", "GET", index, "What this API offers"),
    Endpoint("/api/stats", "GET", stats, "Counts of articles, events and sources; the filter choices"),
    Endpoint("/api/articles", "POST", post_article, "Add an article (text, HTML or a file): extract and ingest it"),
    Endpoint("/api/openapi.json", "GET", openapi, "This description"),
)


def routes() -> list[Route]:
    return [Route(e.path, e.handler, methods=[e.method]) for e in ENDPOINTS]


def _parameters(e: Endpoint) -> list[dict[str, Any]]:
    out = []
    if e.path_param:
        out.append({"name": e.path_param[0], "in": "path", "required": True, "schema": {"type": e.path_param[1]}})
    for name in e.params:
        kind = {"min_sources": "integer", "page": "integer", "limit": "integer", "disputed": "boolean"}
        schema: dict[str, Any] = {"type": kind.get(name, "string")}
        if name == "sort":
            schema["enum"] = list(SORTS)
        if name == "format":
            schema["enum"] = list(exports.FORMATS)
        if name in MULTI:
            schema = {"type": "array", "items": schema}
        out.append({"name": name, "in": "query", "required": False, "description": FILTER_HELP[name],
                    "schema": schema, **({"explode": True} if name in MULTI else {})})
    return out


POST_BODY = {
    "description": "JSON {text | html, outlet, title, author, published, url}, or a form with the same "
                   "fields, a `file` and a `token` field",
    "content": {
        "application/json": {"schema": {"type": "object", "properties": {
            k: {"type": "string"} for k in ("text", "html", "outlet", "title", "author", "published", "url")}}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "text": {"type": "string"},
            "html": {"type": "string"}, "token": {"type": "string"}}}},
    },
}


def _type_schema(hint: Any) -> dict[str, Any]:
    """JSON Schema of a dataclass field's type (str, int, float, bool, Optional, tuples, lists)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _type_schema(args[0])
        return {**inner, "type": [inner.get("type", "object"), "null"]} if "type" in inner else inner
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(args[0]) if args else {}}
    if dataclasses.is_dataclass(hint):
        return {"$ref": f"#/components/schemas/{hint.__name__}"}
    return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}.get(hint, "object")}


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {"type": "object", "properties": {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(cls)}}


def _schemas(show_paths: bool = False) -> dict[str, Any]:
    from sayso.ledger import EventDetail, MergedEvent, Report, SourceCount
    from sayso.ledger.timeline import Claim
    from sayso.serve.charts import DayCount, PlaceCount

    schemas = {cls.__name__: _object_schema(cls) for cls in (MergedEvent, Report, SourceCount, DayCount, Claim)}
    if not show_paths:  # --show-paths: the server's file paths are hidden by default
        schemas["Report"]["properties"].pop("path")
    schemas["PlaceCount"] = _object_schema(PlaceCount)
    ref = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731
    array = lambda name: {"type": "array", "items": ref(name)}  # noqa: E731
    schemas["EventPage"] = {"type": "object", "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"}, "limit": {"type": "integer"},
        "sort": {"type": "string"}, "filters": {"type": "object"}, "items": array("MergedEvent")}}
    schemas[EventDetail.__name__] = {"type": "object", "properties": {
        "event": ref("MergedEvent"), "reports": array("Report"), "sources": array("SourceCount"),
        "claims_for": array("Report"), "claims_against": array("Report"),
        "evidence": {"type": "array", "description": "why its reports were merged", "items": {
            "type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"},
                                             "because": {"type": "string"}}}},
        "timeline": array("Claim")}}
    schemas["ArticlePage"] = {"type": "object", "properties": {
        "record": {"type": "object", "description": "the article record (docs/record.md)"},
        "merged_events": {"type": "object", "additionalProperties": {"type": ["integer", "null"]}}}}
    schemas["Timeline"] = {"type": "object", "properties": {"filters": {"type": "object"}, "days": array("DayCount")}}
    schemas["Places"] = {"type": "object", "properties": {"filters": {"type": "object"}, "places": array("PlaceCount")}}
    schemas["Error"] = {"type": "object", "properties": {"error": {"type": "string"}}}
    return schemas


RESPONSES = {"list_events": "EventPage", "get_event": "EventDetail", "get_article": "ArticlePage",
             "timeline": "Timeline", "places": "Places"}


def _ok(e: Endpoint) -> dict[str, Any]:
    name = RESPONSES.get(e.handler.__name__)
    if name is None:
        return {"description": "OK"}
    schema = {"$ref": f"#/components/schemas/{name}"}
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


def _operation(e: Endpoint, settings: Any) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": e.summary, "operationId": e.handler.__name__,
                          "parameters": _parameters(e), "responses": {"200": _ok(e)}}
    if e.path_param:
        op["responses"]["404"] = {"description": "not in the ledger"}
    if e.params:
        op["responses"]["400"] = {"description": "a parameter cannot be used; the error says which"}
    if e.method == "POST":
        op["requestBody"] = POST_BODY
        op["security"] = [{"token": []}]
        op["responses"] = {
            "201": {"description": "stored: article_id, status (added|unchanged|replaced), events, merged"},
            "400": {"description": "nothing usable was sent"},
            "422": {"description": "the article could not be extracted"},
            "503": {"description": "the ledger cannot be written now"},
            "403": {"description": "writing is off (no --token) or the token is missing or wrong"},
            "413": {"description": f"the body is larger than the limit ({settings.max_upload} bytes)"},
        }
    return op


def describe(settings: Any) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for e in ENDPOINTS:
        path = e.path.replace(":int}", "}")
        paths.setdefault(path, {})[e.method.lower()] = _operation(e, settings)
    return {
        "openapi": "3.1.0",
        "info": {"title": "sayso ledger API", "version": "1",
                 "description": "News reports as an event ledger: who says so, and how sure they are."},
        "paths": paths,
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
                       "schemas": _schemas(settings.show_paths)},
    }
