"""The web server's settings, each declared once with its default and help (no web library
imported here, so that the command line can list them without the `serve` extra)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Optional

from sayso.settings import DEFAULT, Settings

SETTINGS_ENV = "SAYSO_SERVE_SETTINGS"  # the settings, as JSON, for the worker processes of uvicorn


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
