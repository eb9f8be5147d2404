"""The entity at a character range, found through an index of mentions by start (later stages
ask for the entity at a token thousands of times an article; a scan of every mention each time
was a tenth of the events stage). The index of the last entities tuple asked about more than
SCANS times is kept: tuples are immutable, and a stage asks many times about the same one."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Optional, Sequence

from sayso.record import Entity

Row = tuple[int, int, int, Entity]  # mention start, end, order among all mentions, entity


@dataclass(frozen=True)
class MentionIndex:
    starts: list[int]
    rows: list[Row]
    longest: int

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> "MentionIndex":
        mentions = ((m, e) for e in entities for m in e.mentions)
        rows = sorted((m.start, m.end, n, e) for n, (m, e) in enumerate(mentions))
        return cls([r[0] for r in rows], rows, max((r[1] - r[0] for r in rows), default=0))

    def best(self, start: int, end: int) -> Optional[Entity]:
        """The entity with a mention overlapping [start, end) the most; on a tie the tighter
        mention, then the first in the entities' order (as a scan in that order finds it)."""
        lo = bisect_left(self.starts, start - self.longest + 1)  # a mention ending after `start`
        hi = bisect_left(self.starts, end)  # and starting before `end`
        best, best_key = None, (0, 0, 0)
        for m_start, m_end, n, entity in self.rows[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (overlap, m_start - m_end, -n) > best_key:
                best, best_key = entity, (overlap, m_start - m_end, -n)
        return best


SCANS = 3  # questions about one tuple answered by a scan before its index is built
_LAST: list[tuple[object, int, Optional[MentionIndex]]] = [((), 0, None)]


def entity_at(entities: Sequence[Entity], start: int, end: int) -> Optional[Entity]:
    """The entity with a mention overlapping [start, end) the most (see MentionIndex.best): a
    scan for the first questions about a tuple of entities, its index from then on (a stage
    that adds an entity after a question or two asks about each tuple only a few times)."""
    last = _LAST[0]
    asked = last[1] + 1 if last[0] is entities else 1
    if asked <= SCANS:
        if isinstance(entities, tuple):
            _LAST[0] = (entities, asked, None)
        return _scan(entities, start, end)
    index = last[2] or MentionIndex.of(entities)
    _LAST[0] = (entities, asked, index)
    return index.best(start, end)


def _scan(entities: Sequence[Entity], start: int, end: int) -> Optional[Entity]:
    best, best_score = None, (0, 0)
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (overlap, m.start - m.end) > best_score:
                best, best_score = entity, (overlap, m.start - m.end)
    return best
