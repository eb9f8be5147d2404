"""Write requests: who may write, what they sent, and putting it into the ledger."""
from __future__ import annotations

import threading
from typing import Any, Mapping, Optional

from starlette.datastructures import UploadFile
from starlette.requests import Request

from sayso.errors import InputError
from sayso.serve.security import bearer, check_token
from sayso.serve.upload import META, Upload, article_from_upload, looks_like_html

# Extraction holds the spaCy model; one article at a time keeps memory flat on a small server.
_EXTRACT_LOCK = threading.Lock()


def authorise(request: Request, form_token: Optional[str] = None) -> None:
    """Raise WriteForbidden unless the request carries the server's token."""
    check_token(request.app.state.settings.token, bearer(request) or form_token)


async def upload_from_form(form: Mapping[str, Any]) -> tuple[Upload, Optional[str]]:
    """An Upload from a multipart or urlencoded form, and the token field if any."""
    meta = {k: form[k] for k in META if isinstance(form.get(k), str)}
    file = form.get("file")
    token = form.get("token") if isinstance(form.get("token"), str) else None
    if isinstance(file, UploadFile) and file.filename:
        return Upload(data=await file.read(), filename=file.filename, meta=meta), token
    html, text = form.get("html"), form.get("text")
    if isinstance(html, str) and html.strip():
        return Upload(html=html, meta=meta), token
    if isinstance(text, str) and text.strip():  # pasted HTML goes through the HTML reader
        return (Upload(html=text, meta=meta) if looks_like_html(text) else Upload(text=text, meta=meta)), token
    raise InputError("upload", "no text, html or file was sent", "fill in the text, or choose a file")


def upload_from_json(data: Any) -> Upload:
    if not isinstance(data, dict):
        raise InputError("request", "the JSON body must be an object", 'send {"text": "..."} or {"html": "..."}')
    meta = {k: data[k] for k in META if isinstance(data.get(k), str)}
    for key in ("html", "text"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError("request", f"{key} must be a string", "")
    if data.get("html"):
        return Upload(html=data["html"], meta=meta)
    if data.get("text"):
        return Upload(text=data["text"], meta=meta)
    raise InputError("request", "no text or html was sent", 'send {"text": "..."} or {"html": "..."}')


def ingest_upload(state: Any, upload: Upload) -> dict[str, Any]:
    """Extract the article and store it; what the ledger says it did (runs in a worker thread)."""
    from sayso.pipeline import extract_one  # spaCy loads with the first upload, not with the app

    article = article_from_upload(upload)
    settings = state.settings.extract
    with _EXTRACT_LOCK:
        record = extract_one(article, settings)
    result = state.store.ingest(record)
    if state.cache is not None:
        state.cache.clear()
    return {
        "article_id": result.article_id,
        "status": result.status,
        "events": result.events,
        "merged": result.merged,
        "url": f"/articles/{result.article_id}",
    }
