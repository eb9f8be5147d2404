"""clean: boilerplate (contact lines, bylines, captions, footers) is marked, never deleted.

The stage runs on the text exactly as read, before parsing. It looks at lines: each line that
is not article body becomes a `Boilerplate` span (offsets of the line without its surrounding
white space) with a reason: contact, byline, caption, footer, title_repeat. It also fills
metadata the reader left empty (title from the first line, author from a byline, outlet from
a footer, a copyright line or a wire dateline); metadata that is set is never overridden.

A standfirst that repeats the first paragraph is NOT marked: it is body text the attribution
stage reads (its claim is attributed like any other), and an analyst may want both.
The lexicons live in sayso/data/boilerplate.yaml.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from sayso.stages.base import Draft, stage
from sayso.record import Boilerplate, Meta
from sayso.settings import Settings

_DATA = Path(__file__).resolve().parents[1] / "data" / "boilerplate.yaml"


def _load_lexicon() -> dict[str, tuple[str, ...]]:
    with _DATA.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return {key: tuple(str(v).lower() for v in values) for key, values in raw.items()}


LEXICON = _load_lexicon()
CONTACT_STARTS = LEXICON["contact_starts"]
FOOTER_STARTS = LEXICON["footer_starts"]
FOOTER_WORDS = frozenset(LEXICON["footer_words"])
BYLINE_STARTS = LEXICON["byline_starts"]
CAPTION_STARTS = LEXICON["caption_starts"]
STAFF_NOUNS = frozenset(LEXICON["outlet_staff_nouns"])

SHORT_WORDS = 12  # a caption or byline line has at most this many words
TOP_LINES = 8  # bylines without "By" are only looked for among the first non-empty lines
TAIL_LINES = 3  # footers are looked for among the last non-empty lines
SENTENCE_END = (".", "?", "!", "\u201d", '"', ":", ";")
NAME_CONNECTORS = frozenset({"and", "of", "the", "de", "al", "van", "von", "da", "del", "bin", "le", "la"})

_WORD = re.compile(r"[^\s,|;/]+")
_EMAIL = re.compile(r"^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}$")
_DATELINE_OUTLET = re.compile(r"^[A-Z][A-Za-z0-9 .,'\-]{1,60}\(([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3})\)\s*[-\u2013\u2014]")


@dataclass(frozen=True)
class Line:
    """One non-empty line of the text, without its surrounding white space."""

    start: int
    end: int
    text: str
    index: int  # among non-empty lines

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


def lines_of(text: str) -> list[Line]:
    """The non-empty lines of `text` with their offsets, in order."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            out.append(Line(start, start + len(stripped), stripped, len(out)))
        pos += len(raw) + 1
    return out


def _is_sentence(line: Line) -> bool:
    return line.text.endswith(SENTENCE_END)


def _is_contact(line: Line) -> bool:
    if len(line.text) > 120:
        return False
    return line.lower.startswith(CONTACT_STARTS) or bool(_EMAIL.match(line.text))


def _capitalised_words(words: list[str]) -> bool:
    return bool(words) and all(w[0].isupper() or w.lower() in NAME_CONNECTORS for w in words)


def _is_byline(line: Line, previous: Optional[str]) -> bool:
    words = line.words
    if len(words) > SHORT_WORDS:
        return False
    if line.lower.startswith(BYLINE_STARTS):
        return True
    if line.index >= TOP_LINES or _is_sentence(line) or not _capitalised_words(words):
        return False
    separated = any(sep in line.text for sep in (",", "|", " - ", " \u2013 "))
    return separated or previous == "contact"


def _is_caption(line: Line, counts: Counter) -> bool:
    if line.lower.startswith(CAPTION_STARTS):
        return True
    return counts[line.text] > 1 and len(line.words) <= SHORT_WORDS and not _is_sentence(line)


def _is_footer(line: Line, last_index: int) -> bool:
    if line.lower.startswith(FOOTER_STARTS):
        return True
    if last_index - line.index >= TAIL_LINES:
        return False
    if not (line.text.startswith("(") and line.text.rstrip(".").endswith(")")):
        return False
    words = {w.strip("().,;:").lower() for w in line.words}
    return line.index == last_index or bool(words & FOOTER_WORDS)


def classify(line: Line, title: Optional[str], previous: Optional[str], counts: Counter, last_index: int) -> Optional[str]:
    """The boilerplate reason of one line, or None for body text."""
    if line.index == 0 and title is None:
        return None  # the headline
    if title is not None and line.text == title:
        return None if line.index == 0 else "title_repeat"
    if _is_contact(line):
        return "contact"
    if line.lower.startswith(BYLINE_STARTS) and len(line.words) <= 3 * SHORT_WORDS:
        return "byline"  # "By Jane Doe", "(Reporting by ...; Editing by ...)"
    if _is_footer(line, last_index):
        return "footer"
    if _is_byline(line, previous):
        return "byline"
    if _is_caption(line, counts):
        return "caption"
    return None


def find_boilerplate(text: str, title: Optional[str] = None) -> tuple[Boilerplate, ...]:
    """Boilerplate spans of `text`, in order; `title` is the headline when known."""
    lines = lines_of(text)
    if not lines:
        return ()
    counts = Counter(line.text for line in lines)
    last_index = lines[-1].index
    found: list[Boilerplate] = []
    previous: Optional[str] = None
    for line in lines:
        reason = classify(line, title, previous, counts, last_index)
        if reason:
            found.append(Boilerplate(line.start, line.end, line.text, reason))
        previous = reason
    return tuple(found)


def guess_title(text: str) -> Optional[str]:
    """The first line when it reads like a headline (short, not a sentence run on)."""
    lines = lines_of(text)
    if not lines:
        return None
    first = lines[0]
    if len(first.words) > 30 or len(lines) == 1:
        return None
    if first.text.endswith(".") and text[first.end:first.end + 2] != "\n\n":
        return None
    return first.text


def author_from_byline(line: str) -> Optional[str]:
    """The first name in a byline: "By Jane Doe, Reuters" -> "Jane Doe"."""
    lowered = line.lower().lstrip("(")
    for start in BYLINE_STARTS:
        start = start.lstrip("(")
        if lowered.startswith(start):
            line = line.lstrip("(")[len(start):]
            break
    first = re.split(r"[,;|()]| - | and ", line, maxsplit=1)[0].strip()
    words = first.split()
    if 2 <= len(words) <= 4 and _capitalised_words(words) and not first.lower().startswith(CONTACT_STARTS):
        return first
    return None


def outlet_from_text(text: str, boilerplate: tuple[Boilerplate, ...]) -> Optional[str]:
    """The outlet named by a footer, a copyright line or a wire dateline ("(Reuters) -")."""
    for span in boilerplate:
        if span.reason == "footer":
            found = possessive_outlet(span.text) or copyright_outlet(span.text)
            if found:
                return found
    for line in lines_of(text)[:TOP_LINES]:
        found = _DATELINE_OUTLET.match(line.text)
        if found:
            return _tidy_name(found.group(1))
    return None


def possessive_outlet(line: str) -> Optional[str]:
    """ "Arutz Sheva's North American Desk is ..." -> "Arutz Sheva" (a staff noun within
    four words after a possessive proper name). Word by word: no regex to backtrack."""
    words = line.split()
    for i, word in enumerate(words):
        bare = word.rstrip(".,;:)").replace("\u2019", "'")
        if not bare.endswith("'s") or len(bare) < 3:
            continue
        if any(w.strip(".,;:()").lower() in STAFF_NOUNS for w in words[i + 1:i + 5]):
            name = _capitalised_run(words[max(0, i - 5):i] + [bare[:-2]])
            if name:
                return name
    return None


def copyright_outlet(line: str) -> Optional[str]:
    """ "Copyright 2021 Harbour Times Media. All rights reserved." -> "Harbour Times Media"."""
    words = line.split()
    for i, word in enumerate(words):
        if word.lower().lstrip("(") in ("\u00a9", "(c)", "c)", "copyright", "\u00a9copyright"):
            rest = [w for w in words[i + 1:i + 4] if not w.strip(",\u00a9-\u2013").isdigit() and w != "\u00a9"]
            rest += words[i + 4:]
            return _leading_name(rest)
    return None


def _leading_name(words: list[str]) -> Optional[str]:
    taken: list[str] = []
    for w in words[:6]:
        if not w[:1].isupper():
            break
        taken.append(w.rstrip(".,;:"))
        if w.endswith((".", ",", ";", ":")):
            break
    return _tidy_name(" ".join(taken)) if taken else None


def _capitalised_run(words: list[str]) -> Optional[str]:
    """The capitalised words at the end of `words` (at most five): the name before "'s"."""
    taken: list[str] = []
    for w in reversed(words):
        w = w.lstrip("(\"\u201c")
        if not w[:1].isupper() or len(taken) == 5 or w.endswith((".", ",", ";", ":")):
            break
        taken.insert(0, w)
    return _tidy_name(" ".join(taken)) if taken else None


def _tidy_name(name: str) -> Optional[str]:
    name = name.strip(" .,-")
    name = name[4:] if name.lower().startswith("the ") else name
    return name or None


def fill_meta(meta: Meta, text: str, boilerplate: tuple[Boilerplate, ...]) -> Meta:
    """Meta with title, author and outlet filled from the text where the reader left them empty."""
    changes: dict[str, str] = {}
    if not meta.title:
        title = guess_title(text)
        if title:
            changes["title"] = title
    if not meta.author:
        author = next((a for b in boilerplate if b.reason == "byline" for a in [author_from_byline(b.text)] if a), None)
        if author:
            changes["author"] = author
    if not meta.outlet:
        outlet = outlet_from_text(text, boilerplate)
        if outlet:
            changes["outlet"] = outlet
    return dataclasses.replace(meta, **changes) if changes else meta


@stage("clean", needs=("article",), sets=("boilerplate",))
def mark_boilerplate(draft: Draft, settings: Settings) -> Draft:
    article = draft.article
    title = article.meta.title or guess_title(article.text)
    boilerplate = find_boilerplate(article.text, title)
    meta = fill_meta(article.meta, article.text, boilerplate)
    if meta is not article.meta:
        draft = draft.set(article=dataclasses.replace(article, meta=meta))
    return draft.set(boilerplate=boilerplate)
