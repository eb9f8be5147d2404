"""Parsed spaCy Docs kept on disk, for runs that parse the same documents again and again
(`training.events.train` parses ~1,100 labelled documents on every run).

One file per document, `$XDG_CACHE_HOME/sayso/parses/<pipeline key>/<text digest>.spacy` (or
~/.cache/sayso/...): a spaCy DocBin of that one Doc, every token attribute DocBin keeps (words,
spaces, tags, lemmas, morphology, parse, sentence starts, entities) plus the Doc's tensor (the
tok2vec context vectors the event model reads), carried in the Doc's user data under `TENSOR`
and moved back on reading. The pipeline key is a digest of everything that changes a parse:
spaCy's version, the model package's name, version and files, the settings the pipeline is
built from (`PARSE_SETTINGS`) and the source of sayso's own components (`SOURCES`). A change of
any of them reads from a new directory; old directories are left for the user to delete.

The cache is opt-in (`drafts_for(..., cache=True)`): extraction never reads it.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from sayso.settings import Settings

FORMAT = "1"
TENSOR = "sayso_tensor"
PARSE_SETTINGS = ("model", "paragraph_breaks", "fast_tagging", "max_sentence_tokens")
SOURCES = ("parse.py", "tagging.py", "../bounds.py")  # relative to sayso/nlp


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sayso" / "parses"


def _files_digest(digest: Any, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode("utf-8"))
        digest.update(path.read_bytes())


def pipeline_key(settings: Settings) -> str:
    """A digest of what the parse of a text depends on besides the text."""
    return _key(tuple((name, getattr(settings, name)) for name in PARSE_SETTINGS))


@lru_cache(maxsize=4)
def _key(parse_settings: tuple[tuple[str, Any], ...]) -> str:
    import spacy

    digest = hashlib.sha256(f"{FORMAT} spacy {spacy.__version__}".encode("utf-8"))
    for name, value in parse_settings:
        digest.update(f"{name}={value!r}".encode("utf-8"))
    package = importlib.import_module(dict(parse_settings)["model"])
    digest.update(str(getattr(package, "__version__", "")).encode("utf-8"))
    if package.__file__:
        _files_digest(digest, Path(package.__file__).parent)
    here = Path(__file__).parent
    for name in SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _path(settings: Settings, text: str) -> Path:
    return cache_root() / pipeline_key(settings) / f"{text_digest(text)}.spacy"


def _write(path: Path, doc: Any) -> None:
    from spacy.tokens import DocBin

    doc.user_data[TENSOR] = doc.tensor
    try:
        data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    finally:
        del doc.user_data[TENSOR]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache still works, only slower


def _read(path: Path, vocab: Any) -> Any:
    """The Doc stored at `path`, or None when there is none (or it cannot be read)."""
    from spacy.tokens import DocBin

    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        (doc,) = DocBin().from_bytes(data).get_docs(vocab)
    except (ValueError, KeyError, TypeError, zlib.error):
        return None
    doc.tensor = doc.user_data.pop(TENSOR)
    return doc


def cached_pipe(nlp: Any, texts: Iterable[str], settings: Settings) -> Iterator[Any]:
    """`nlp.pipe(texts)`, each Doc read from the cache when it holds it; the texts it does not
    hold are parsed in batches, in order, and stored."""
    items = list(texts)
    paths = [_path(settings, t) for t in items]
    missing = [i for i, p in enumerate(paths) if not p.is_file()]
    parsed = nlp.pipe((items[i] for i in missing), batch_size=settings.batch_size)
    todo = set(missing)
    for i, path in enumerate(paths):
        doc = None if i in todo else _read(path, nlp.vocab)
        if doc is None:
            doc = next(parsed) if i in todo else nlp(items[i])
            _write(path, doc)
        yield doc
