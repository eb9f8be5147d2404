"""The web server: its settings, each declared once with its default and help, and the app.

    from sayso.serve.app import ServeSettings, create_app
    app = create_app(ServeSettings(ledger="sayso.db"))   # an ASGI app; `sayso serve` runs it
"""
from __future__ import annotations

import dataclasses
import json
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from sayso.serve import api, views
from sayso.serve.cache import TTLCache
from sayso.serve.security import Guard
from sayso.serve.store import Store
from sayso.settings import DEFAULT, Settings

HERE = Path(__file__).parent


def setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ServeSettings:
    ledger: str = setting(DEFAULT.ledger, "ledger: a SQLite file path or a postgresql:// URL")
    host: str = setting("127.0.0.1", "address to listen on (loopback by default: only this machine)")
    port: int = setting(8000, "port to listen on")
    token: Optional[str] = setting(None, "turns writing on: requests must carry this token (off without it)")
    max_upload: int = setting(5_000_000, "largest request body accepted, in bytes (larger: 413)")
    page_size: int = setting(50, "events per ledger page")
    cache_seconds: float = setting(2.0, "keep rendered read pages this long (0: off); adding an article clears them")
    workers: int = setting(1, "server processes (each with its own ledger connections and cache)")
    allow_hosts: tuple[str, ...] = setting(("localhost", "127.0.0.1", "::1"),
                                           "host names a request may be addressed to (the Host header; "
                                           "guards a local ledger against DNS rebinding); * allows any")
    show_paths: bool = setting(False, "show the server's file paths of articles (hidden by default)")
    extract: Settings = setting(DEFAULT, "extraction settings for uploaded articles")

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in dataclasses.fields(cls)}


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
        yield
        store.close()

    app = Starlette(
        routes=[*page_routes(), *api.routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")],
        middleware=[Middleware(Guard, max_upload=settings.max_upload, hosts=allowed_hosts(settings))],
        exception_handlers={HTTPException: views.http_error},
        lifespan=lifespan,
    )
    app.state.settings, app.state.store, app.state.templates = settings, store, templates()
    app.state.cache = TTLCache(settings.cache_seconds) if settings.cache_seconds > 0 else None
    return app


def allowed_hosts(settings: ServeSettings) -> frozenset[str]:
    """The allow-list, with the address the server listens on when it is a name or one address."""
    hosts = {h.lower().strip("[]") for h in settings.allow_hosts}
    if settings.host not in ("0.0.0.0", "::", ""):
        hosts.add(settings.host.lower().strip("[]"))
    return frozenset(hosts)


SETTINGS_ENV = "SAYSO_SERVE_SETTINGS"


def app_from_environment() -> Starlette:
    """The app for each of several worker processes: settings come as JSON in SAYSO_SERVE_SETTINGS."""
    values = json.loads(os.environ[SETTINGS_ENV])
    values.pop("extract", None)
    values["allow_hosts"] = tuple(values.get("allow_hosts", ()))
    return create_app(ServeSettings(**values))
