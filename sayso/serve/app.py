"""The web server: its settings, each declared once with its default and help, and the app.

    from sayso.serve.app import ServeSettings, create_app
    app = create_app(ServeSettings(ledger="sayso.db"))   # an ASGI app; `sayso serve` runs it
"""
from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from sayso.serve import api, views
from sayso.serve.cache import TTLCache
from sayso.serve.fragments import Fragments
from sayso.serve.rows import Rows
from sayso.serve.security import Guard
from sayso.serve.store import Store
from sayso.serve.settings import SETTINGS_ENV, ServeSettings

HERE = Path(__file__).parent


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), auto_reload=False,
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["kinds_help"] = {
        "event": "event (links to the merged event)", "speaker": "speaker (source of a quote)",
        "quote": "quoted or reported content", "place": "place", "date": "date or time",
        "entity": "person or organisation", "boilerplate": "boilerplate (not part of the report)",
    }
    return Jinja2Templates(env=env)


def page_routes() -> list[Route]:
    return [
        Route("/", views.ledger_page, name="ledger"),
        Route("/events/{id:int}", views.event_page, name="event"),
        Route("/articles/{id}", views.article_page, name="article"),
        Route("/timeline", views.timeline_page, name="timeline"),
        Route("/map", views.map_page, name="map"),
        Route("/upload", views.upload_form, methods=["GET"], name="upload"),
        Route("/upload", views.upload_post, methods=["POST"]),
        Route("/favicon.ico", views.favicon, name="favicon"),
    ]


def create_app(settings: ServeSettings = ServeSettings()) -> Starlette:
    store = Store(settings.ledger)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        store.warm()  # the first handle (it checks the ledger) before the first request
        yield
        store.close()

    app = Starlette(
        routes=[*page_routes(), *api.routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")],
        middleware=[Middleware(Guard, max_upload=settings.max_upload, hosts=allowed_hosts(settings))],
        exception_handlers={HTTPException: views.http_error},
        lifespan=lifespan,
    )
    app.state.settings, app.state.store, app.state.templates = settings, store, templates()
    app.state.rows = Rows()
    app.state.fragments = Fragments(app.state.templates.env)
    app.state.cache = TTLCache(settings.cache_seconds) if settings.cache_seconds > 0 else None
    return app


def allowed_hosts(settings: ServeSettings) -> frozenset[str]:
    """The allow-list, with the address the server listens on when it is a name or one address."""
    hosts = {h.lower().strip("[]") for h in settings.allow_hosts}
    if settings.host not in ("0.0.0.0", "::", ""):
        hosts.add(settings.host.lower().strip("[]"))
    return frozenset(hosts)


def app_from_environment() -> Starlette:
    """The app for each of several worker processes: settings come as JSON in SAYSO_SERVE_SETTINGS."""
    values = json.loads(os.environ[SETTINGS_ENV])
    values.pop("extract", None)
    values["allow_hosts"] = tuple(values.get("allow_hosts", ()))
    return create_app(ServeSettings(**values))
