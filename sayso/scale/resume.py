"""Resume: an interrupted run, started again, skips the articles that are already stored.

The store decides what "already stored" means: it hands over a `known(article_id) -> bool`
callable (the ledger asks its table of articles; `ids_in_jsonl` reads the records an earlier
`sayso extract -o FILE` wrote). Skipping happens before batching, so a skipped article costs
one id lookup and no parse.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from sayso.record import Failure
from sayso.record import Article

Known = Callable[[str], bool]


def skip_known(
    items: Iterable[Union[Article, Failure]],
    known: Optional[Known],
    on_skip: Callable[[], None] = lambda: None,
) -> Iterator[Union[Article, Failure]]:
    """Drop articles whose id is known; failures to read always pass through (to be reported)."""
    for item in items:
        if known is not None and isinstance(item, Article) and known(item.id):
            on_skip()
            continue
        yield item


def ids_in_jsonl(path: Union[str, Path]) -> set[str]:
    """The record ids in a JSONL file of records (an earlier run's output); empty if absent.

    A last line cut short by an interrupted write is ignored: that article is done again.
    """
    ids: set[str] = set()
    p = Path(path)
    if not p.exists():
        return ids
    with p.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                ids.add(json.loads(line)["id"])
            except (ValueError, KeyError, TypeError):
                continue
    return ids
