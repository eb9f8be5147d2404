"""The pages, each paired with its template in templates/."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sayso.errors import InputError, SaysoError
from sayso.serve import ingest
from sayso.serve.cache import cached
from sayso.serve.chains import Claim, chain_svg
from sayso.serve.charts import Bar, bars, colours, timeline_svg
from sayso.serve.highlight import KINDS, highlight
from sayso.serve.params import FILTERS, ontology_categories
from sayso.serve.params import query_of as _query, store_of as _store
from sayso.serve.security import WriteForbidden


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    app = request.app.state
    base = {"writable": bool(app.settings.token), "title": None}
    return app.templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


@cached
def ledger_page(request: Request) -> Response:
    query = _query(request)
    store, state = _store(request), request.app.state
    page = store.events(query.filters, query.sort, query.limit, query.offset)
    pages = max(1, -(-page.total // query.limit))
    links = state.fragments.ledger_links(query)  # the query's own links, made once per query
    by_category = {c: links.category(c) for c in {e.category for e in page.items}}
    rows = state.rows.render(page.items, store.source_names([e.id for e in page.items]), by_category, links.place)
    return _page(request, "ledger.html", {
        "q": query, "rows": rows, "total": page.total, "pages": pages, "stats": store.stats(),
        "form": _form(request, query, "/", True), "head": state.fragments.ledger_head(query),
        "exports": links.exports, "title": "Ledger",
    })


def _form(request: Request, query: Any, action: str, full: bool) -> Markup:
    """The filter form of this query, made once per query and form choices (sayso.serve.fragments)."""
    return request.app.state.fragments.form(query, _store(request).options(), action, full)


def _claims(detail: Any) -> list[Claim]:
    return [Claim(tuple(r.chain) or ("(unknown outlet)",), r.status, f"/articles/{r.article_id}")
            for r in detail.reports]


def event_page(request: Request) -> Response:
    detail = _store(request).event(request.path_params["id"])
    if detail is None:
        raise HTTPException(404, "no such event in the ledger")
    against = {(r.article_id, r.event_id) for r in detail.claims_against}
    outlets = {f"{r.article_id}/{r.event_id}": f"{r.outlet or '(unknown outlet)'} ({r.published or 'undated'})"
               for r in detail.reports}  # the reports the merge evidence names, as "article/event"
    return _page(request, "event.html", {
        "d": detail, "e": detail.event, "graph": Markup(chain_svg(_claims(detail))), "against": against,
        "outlets": outlets,
        "title": f"{detail.event.category} event {detail.event.id}",
    })


def article_page(request: Request) -> Response:
    store = _store(request)
    article_id = request.path_params["id"]
    record = store.article(article_id)
    if record is None:
        raise HTTPException(404, "no such article in the ledger")
    merged = store.merged_ids(article_id)

    def event_link(event_id: str) -> str | None:
        target = merged.get(event_id)
        return None if target is None else f"/events/{target}"

    from sayso.serve.chains import chain

    chains = {a.id: chain(record, a.id) for a in record.attributions}
    url = record.meta.url if (record.meta.url or "").lower().startswith(("http://", "https://")) else None
    return _page(request, "article.html", {
        "r": record, "text": Markup(highlight(record, event_link)), "kinds": KINDS, "link": url,
        "merged": merged, "chains": chains, "title": record.meta.title or f"article {record.id}",
    })


@cached
def timeline_page(request: Request) -> Response:
    query = _query(request, FILTERS)
    unit, found = bars(_store(request).day_counts(query.filters))
    palette = colours([b.category for b in found], ontology_categories())

    def link(bar: Bar) -> str:
        return query.filter_url("/", category=bar.category, since=bar.start.isoformat(), until=bar.end.isoformat())

    return _page(request, "timeline.html", {
        "q": query, "svg": Markup(timeline_svg(found, palette, link)), "palette": palette, "bars": found,
        "unit": unit, "link": link, "form": _form(request, query, "/timeline", False), "title": "Timeline",
    })


@cached
def map_page(request: Request) -> Response:
    query = _query(request, FILTERS)
    places = _store(request).place_counts(query.filters)
    return _page(request, "map.html", {
        "q": query, "places": places[:200], "data_url": query.filter_url("/api/places"),
        "ledger_url": query.filter_url("/"), "vendor": _vendor(request),
        "form": _form(request, query, "/map", False), "title": "Map",
    })


def _vendor(request: Request) -> bool:
    """Whether the map's libraries are installed (scripts/serve_assets.sh)."""
    from sayso.serve.assets import installed

    return installed()


def favicon(request: Request) -> Response:
    from starlette.responses import FileResponse

    from sayso.serve.assets import VENDOR

    return FileResponse(VENDOR.parent / "favicon.svg", media_type="image/svg+xml")


def upload_form(request: Request) -> Response:
    return _page(request, "upload.html", {"title": "Add an article", "error": None, "form": {}})


async def upload_post(request: Request) -> Response:
    form = await request.form()
    try:
        upload, token = await ingest.upload_from_form(form)
        ingest.authorise(request, token)
        result = await run_in_threadpool(ingest.ingest_upload, request.app.state, upload)
    except WriteForbidden as exc:
        return _page(request, "upload.html", {"title": "Add an article", "error": str(exc),
                                              "form": _fields(form)}, status=403)
    except SaysoError as exc:
        status = 400 if isinstance(exc, InputError) else 422
        return _page(request, "upload.html", {"title": "Add an article", "error": str(exc),
                                              "form": _fields(form)}, status=status)
    return RedirectResponse(f"/articles/{result['article_id']}", status_code=303)


def _fields(form: Any) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "token"}


async def http_error(request: Request, exc: HTTPException) -> Response:
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        from starlette.responses import JSONResponse

        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return _page(request, "error.html", {"status": exc.status_code, "message": exc.detail,
                                         "title": f"error {exc.status_code}"}, status=exc.status_code)
