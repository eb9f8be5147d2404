"""Datelines: "WASHINGTON —", "LOS ANGELES, Feb. 2 (UPI) —", "Hanoi (VNA) –", "SAN ANTONIO".

A dateline opens a story's first line and says where (and through which agency) it was
filed; it is never a speaker, nor part of one. `dateline_end` gives the offset where the
dateline of the line holding an offset ends, or None when the line opens with none:
- before a dash: capitalized words, numbers and punctuation, the first word in capitals
  ("WASHINGTON", "LOS ANGELES, Feb. 2 (UPI)") or an agency in capitals in brackets
  ("Hanoi (VNA)");
- without a dash: two or more words in capitals ("SAN ANTONIO Turner Sports analyst ..."),
  or one that the parser takes for a place ("WASHINGTON President Obama said"), before a
  capitalized word that is not in capitals. One acronym before a name ("FBI Director James
  Comey") is not a dateline.
"""
from __future__ import annotations

from typing import Optional

from sayso.stages.attribution.spans import char_tokens

DASHES = frozenset({"—", "–", "--", "-", "―"})
MAX_TOKENS = 14
PLACES = frozenset({"GPE", "LOC"})


def dateline_end(doc, text: str, offset: int) -> Optional[int]:
    """End offset of the dateline that opens the line holding `offset`, else None."""
    line = text.rfind("\n", 0, offset) + 1
    stop = text.find("\n", line)
    stop = len(text) if stop < 0 else stop
    tokens = [t for t in char_tokens(doc, line, min(stop, line + 200)) if not t.is_space][:MAX_TOKENS]
    if not tokens or text[line:tokens[0].idx].strip():
        return None
    return _before_dash(tokens) or _capitals(tokens)


def _before_dash(tokens) -> Optional[int]:
    for k, tok in enumerate(tokens):
        if tok.text in DASHES:
            words = tokens[:k]
            return tok.idx + len(tok) if words and _dateline_words(words) else None
        if not (tok.is_punct or tok.like_num or tok.text[:1].isupper()):
            return None
    return None


def _dateline_words(words) -> bool:
    alpha = [t for t in words if t.is_alpha]
    if not alpha or not all(t.text[:1].isupper() for t in alpha):
        return False
    if alpha[0].is_upper and len(alpha[0]) > 1:
        return True
    return any(t.is_upper and len(t) > 1 and t.i > 0 and t.doc[t.i - 1].text == "(" for t in alpha)


def _capitals(tokens) -> Optional[int]:
    run = []
    for tok in tokens:
        if tok.is_alpha and tok.is_upper and len(tok) > 1:
            run.append(tok)
        elif tok.text != "," or not run:
            break
    if not run or len(run) == len(tokens):
        return None
    after = tokens[tokens.index(run[-1]) + 1]
    if not (after.is_alpha and after.text[:1].isupper() and not after.is_upper):
        return None
    if len(run) >= 2 or run[0].ent_type_ in PLACES:
        return run[-1].idx + len(run[-1])
    return None
