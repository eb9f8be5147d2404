"""Error pages are not articles: a saved or crawled "404 Not Found", "403 Forbidden" or
"500 Internal Server Error" page (or a soft 404 served with status 200: "Page not found")
would otherwise be read as a short article about a request."""
from __future__ import annotations

import re
from typing import Optional

from sayso.errors import InputError

STATUS = r"(?:400|401|403|404|410|429|500|502|503|504)"
REASON = (r"(?:not\s+found|forbidden|unauthori[sz]ed|gone|internal\s+server\s+error|bad\s+(?:request|gateway)"
          r"|service\s+(?:temporarily\s+)?unavailable|gateway\s+time-?out|too\s+many\s+requests|access\s+denied|error)")
SITE = r"\s*(?:[|\-\u2013\u2014:]\s*.*)?$"  # " | Example News" after the error
ERROR_TITLE = re.compile(
    rf"^\W*(?:(?:error|http|status)\s*)?{STATUS}(?:\s*[-:|.]?\s*{REASON})?{SITE}"
    rf"|^\W*(?:error\s*[-:]?\s*)?{REASON}\W*(?:{STATUS})?{SITE}"
    r"|\b(?:page|article|story|content|file|document|resource)s?\s+(?:was\s+|could\s+not\s+be\s+|cannot\s+be\s+)?not\s+found\b",
    re.IGNORECASE,
)
SHORT_WORDS = 150  # only a short page is judged by its whole text


def error_page(title: Optional[str], text: str) -> Optional[str]:
    """The line that shows a page is an error page, else None. Judged on the title and the
    first line; the rest of the text only when the page is short (a long article that says
    "the body was not found" is still an article)."""
    first = text.lstrip().split("\n", 1)[0]
    for line in (title or "", first[:200]):
        if line and ERROR_TITLE.search(line) and _not_a_headline(line):
            return line.strip()
    if len(text.split()) < SHORT_WORDS and re.search(r"\b(?:404|page not found|not found on this server)\b", text, re.I):
        return first.strip()[:80]
    return None


def _not_a_headline(line: str) -> bool:
    """A 12-word headline may mention a code ("500 killed ...") or "forbidden"; an error
    title is short."""
    return len(line.split()) <= 8


def check_not_error_page(title: Optional[str], text: str, origin: str) -> None:
    found = error_page(title, text)
    if found is not None:
        raise InputError(origin, f"an error page ({found!r}), not an article",
                         "fetch the article again, or leave the page out")
