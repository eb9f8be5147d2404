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
from sayso.serve.charts import by_period, colours, map_svg, timeline_svg
from sayso.serve.highlight import KINDS, highlight
from sayso.serve.params import SORTS
from sayso.serve.params import query_of as _query, store_of as _store
from sayso.serve.security import WriteForbidden


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    app = request.app.state
    base = {"writable": bool(app.settings.token), "title": "sayso"}
    return app.templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


@cached
def ledger_page(request: Request) -> Response:
    query = _query(request)
    store = _store(request)
    page = store.events(query.filters, query.sort, query.limit, query.offset)
    pages = max(1, -(-page.total // query.limit))
    by_category = {c: query.url(category=c, page=None) for c in {e.category for e in page.items}}
    return _page(request, "ledger.html", {
        "q": query, "items": page.items, "total": page.total, "pages": pages, "by_category": by_category,
        "options": store.options(), "stats": store.stats(), "sorts": SORTS,
    })


def _claims(detail: Any) -> list[Claim]:
    return [Claim(tuple(r.chain) or ("(unknown outlet)",), r.status, f"/articles/{r.article_id}")
            for r in detail.reports]


def event_page(request: Request) -> Response:
    detail = _store(request).event(request.path_params["id"])
    if detail is None:
        raise HTTPException(404, "no such event in the ledger")
    against = {(r.article_id, r.event_id) for r in detail.claims_against}
    return _page(request, "event.html", {
        "d": detail, "e": detail.event, "graph": Markup(chain_svg(_claims(detail))), "against": against,
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
    return _page(request, "article.html", {
        "r": record, "text": Markup(highlight(record, event_link)), "kinds": KINDS,
        "merged": merged, "chains": chains, "title": record.meta.title or f"article {record.id}",
    })


@cached
def timeline_page(request: Request) -> Response:
    query = _query(request)
    period, counts = by_period(_store(request).day_counts(query.filters))
    palette = colours([c.category for c in counts])
    return _page(request, "timeline.html", {
        "q": query, "svg": Markup(timeline_svg(counts)), "palette": palette, "counts": counts, "period": period,
        "options": _store(request).options(), "title": "timeline",
    })


@cached
def map_page(request: Request) -> Response:
    query = _query(request)
    places = _store(request).place_counts(query.filters)
    linked = [p.__class__(p.name, p.lat, p.lon, p.count, p.country, query.url(place=p.name, page=None))
              for p in places]
    return _page(request, "map.html", {
        "q": query, "svg": Markup(map_svg(linked)), "places": places[:100],
        "options": _store(request).options(), "title": "map",
    })


def upload_form(request: Request) -> Response:
    return _page(request, "upload.html", {"title": "add an article", "error": None, "form": {}})


async def upload_post(request: Request) -> Response:
    form = await request.form()
    try:
        upload, token = await ingest.upload_from_form(form)
        ingest.authorise(request, token)
        result = await run_in_threadpool(ingest.ingest_upload, request.app.state, upload)
    except WriteForbidden as exc:
        return _page(request, "upload.html", {"title": "add an article", "error": str(exc),
                                              "form": _fields(form)}, status=403)
    except SaysoError as exc:
        status = 400 if isinstance(exc, InputError) else 422
        return _page(request, "upload.html", {"title": "add an article", "error": str(exc),
                                              "form": _fields(form)}, status=status)
    return RedirectResponse(f"/articles/{result['article_id']}", status_code=303)


def _fields(form: Any) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "token"}


async def http_error(request: Request, exc: HTTPException) -> Response:
    if request.url.path.startswith("/api/"):
        from starlette.responses import JSONResponse

        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return _page(request, "error.html", {"status": exc.status_code, "message": exc.detail,
                                         "title": f"error {exc.status_code}"}, status=exc.status_code)
