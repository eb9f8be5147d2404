"""What keeps the server safe: a write token, an upload size limit, and strict headers.

Article text is untrusted: templates autoescape, SVG is built with every name escaped, and the
Content-Security-Policy forbids inline script besides, so even a missed escape runs nothing.
"""
from __future__ import annotations

import hmac
import json
import logging
import time
from typing import Any, Optional

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class WriteForbidden(Exception):
    """A write request without the server's token (or a server started without one)."""


def bearer(request: Request) -> Optional[str]:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def check_token(expected: Optional[str], given: Optional[str]) -> None:
    """Raise WriteForbidden unless writing is on and `given` is the token."""
    if not expected:
        raise WriteForbidden("writing is off: start the server with --token TOKEN to accept articles")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise WriteForbidden("a valid token is needed: send `Authorization: Bearer TOKEN` or a `token` form field")


class TooLarge(Exception):
    pass


def too_large_message(limit: int, size: Optional[int] = None) -> str:
    got = f"{size:,} bytes" if size is not None else "more"
    return f"upload too large: {got}; this server accepts at most {limit:,} bytes (--max-upload)"


LOG = logging.getLogger("sayso.serve")


def host_of(scope: Scope) -> str:
    """The host name a request is addressed to (its Host header without the port), lower case."""
    value = next((v for k, v in scope.get("headers", []) if k == b"host"), b"").decode("latin-1").strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def timing(name: str, seconds: float) -> tuple[bytes, bytes]:
    """A Server-Timing header (milliseconds), so a client can tell server time from its own wait."""
    return b"server-timing", f"{name};dur={seconds * 1000:.2f}".encode()


class Guard:
    """ASGI middleware: security headers on every response, a Host allow-list, a 413 for a body
    over the limit, and a plain 500 (with the headers) for anything a view failed at. Each
    response says how long the app took from the request to its answer (`Server-Timing: app`)."""

    def __init__(self, app: ASGIApp, max_upload: int, hosts: frozenset[str] = frozenset({"*"})) -> None:
        self.app, self.max_upload, self.hosts = app, max_upload, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, clock = False, time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                took = timing("app", time.perf_counter() - clock)
                message = {**message, "headers": [*message.get("headers", []), *HEADERS, took]}
            await send(message)

        host = host_of(scope)
        if "*" not in self.hosts and host not in self.hosts:
            await _reject(scope, send_with_headers, f"host {host!r} is not served here; start the server with "
                                                    f"--allow-host {host or 'NAME'} to allow it", 400)
            return
        size = _content_length(scope)
        if size is not None and size > self.max_upload:
            await _reject(scope, send_with_headers, too_large_message(self.max_upload, size))
            return
        try:
            await self.app(scope, self._limited(receive), send_with_headers)
        except TooLarge:
            if started:
                raise
            await _reject(scope, send_with_headers, too_large_message(self.max_upload))
        except Exception:
            LOG.exception("sayso serve: %s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _reject(scope, send_with_headers, "the server failed at this request", 500)

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_upload:
                    raise TooLarge()
            return message

        return limited


def _content_length(scope: Scope) -> Optional[int]:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _reject(scope: Scope, send: Send, message: str, status: int = 413) -> None:
    path = scope.get("path", "")
    api = path == "/api" or path.startswith("/api/")
    body: Any = json.dumps({"error": message}).encode() if api else message.encode()
    kind = b"application/json" if api else b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
