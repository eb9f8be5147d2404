"""A short-lived cache of rendered read pages (micro-caching).

Under many clients the same ledger pages are asked for again and again; keeping each rendered
answer for a second or two serves them without querying and rendering again. An answer is at
most `seconds` behind the ledger; an article added through this server clears the cache at
once. `--cache-seconds 0` turns it off.
"""
from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Hashable, Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response


class TTLCache:
    def __init__(self, seconds: float, size: int = 512) -> None:
        self.seconds, self.size = seconds, size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Optional[Any]:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if time.monotonic() - item[0] > self.seconds:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = (time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


RENDER_SLOTS = 4  # read views rendering at once: more only makes threads fight over the GIL
STRIPES = 64  # one lock per stripe of URLs: a page being rendered is not rendered twice at once


class Gates:
    """Per-process (per event loop) locks of the cached views, made on first use."""

    def __init__(self) -> None:
        self.slots = asyncio.Semaphore(RENDER_SLOTS)
        self.stripes = [asyncio.Lock() for _ in range(STRIPES)]


def _gates(request: Request) -> Gates:
    state = request.app.state
    gates = getattr(state, "gates", None)
    if gates is None:
        gates = state.gates = Gates()
    return gates


def _timed(view: Callable[[Request], Response], request: Request) -> Response:
    """The view's answer, with the CPU time of its thread in `Server-Timing: view` (its own work,
    without the time it waited for a render slot or for the processor)."""
    started = time.thread_time()
    response = view(request)
    response.headers.append("server-timing", f"view;dur={(time.thread_time() - started) * 1000:.2f}")
    return response


def cached(view: Callable[[Request], Response]) -> Callable[[Request], Awaitable[Response]]:
    """Serve a read view's 200 answers from the app's cache (when it has one), keyed by URL.

    A hit is answered on the event loop. A miss runs the (blocking) view in the thread pool,
    at most RENDER_SLOTS at once; requests for a URL being rendered wait for that rendering.
    """

    @functools.wraps(view)
    async def serve(request: Request) -> Response:
        cache: Optional[TTLCache] = request.app.state.cache
        gates = _gates(request)
        if cache is None:
            async with gates.slots:
                return await run_in_threadpool(_timed, view, request)
        key = (request.url.path, request.url.query)
        async with gates.stripes[hash(key) % STRIPES]:
            hit = cache.get(key)
            if hit is not None:
                body, media_type = hit
                return Response(body, media_type=media_type, headers={"x-sayso-cache": "hit"})
            async with gates.slots:
                response = await run_in_threadpool(_timed, view, request)
            if response.status_code == 200:
                cache.put(key, (response.body, response.media_type))
            return response

    return serve
