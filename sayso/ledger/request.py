"""What a request asks for: "called for the president to resign" asks that someone resign,
"called for her to quit her bid" that someone quit, "calling for change" for change.

Two requests of one party that ask for different acts are two happenings, however alike their
sentences ("Trump called for the president to resign", "Trump ... called for her to quit her
bid for president": sayso.ledger.identity.must_differ); a request whose act is not found is
compared as before.
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.ledger.stems import stem
from sayso.ledger.trigger import position

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
BREAK = re.compile(r"[,;:.!?()\"\u201c\u201d]")
REACH = 8  # words after the trigger read for "to" and the act after it
CONNECTIVES = frozenset("being having been of to in on at for with against when while and or".split())
# Words that are not the act asked for: determiners, pronouns, titles, "be" and auxiliaries.
SKIP = frozenset("""
a an the this that these those his her its their our my your him them us me it he she they we
you president mr mrs ms dr gov sen rep governor senator mayor justice be immediately also again
publicly formally now
""".split())


def requested(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> Optional[str]:
    """The act a request asks for, as a lower-case word: the verb after "to" among the REACH
    words after the trigger, when only a party stands between ("called on Gov. Snyder to resign":
    "resign"; not "call for wider efforts to cure"), else, after "for", the noun it asks for
    ("calling for change", "called for his resignation"); None when not said."""
    if not trigger or not sentence:
        return None
    at = position(trigger, sentence, at)
    if at < 0:
        return None
    rest = sentence[at + len(trigger):]
    found = WORD.findall(rest)[:REACH]
    words = [w.lower() for w in found]
    if "to" in words:
        to = words.index("to")
        if any(w[:1].islower() and w not in SKIP | {"for", "on"} for w in found[:to]):
            return None  # "call for wider efforts to cure ...": "to" tells the purpose of a thing asked for
        after = [w for w in words[to + 1:] if w not in SKIP]
        return after[0] if after else None
    if not trigger.lower().endswith("for"):
        return None  # "called on Snyder", "demanding that ...": the act is not said right after
    clause = [w.lower() for w in WORD.findall(BREAK.split(rest)[0])]
    found = [w for w in clause[:2] if w not in SKIP]
    return found[0] if found else None


def charged(trigger: Optional[str], sentence: Optional[str], at: Optional[int] = None) -> Optional[str]:
    """What an accusation charges: after "accuse(d) ... of", its first three words that are not
    determiners, pronouns or auxiliaries ("accusing her of being asleep when late-night calls":
    "asleep late night"; "accused Trump of inciting violence against": "inciting violence"); None
    for other triggers or when not said. Two charges sharing no word are two accusations."""
    if not trigger or not sentence or not trigger.lower().startswith("accus"):
        return None
    at = position(trigger, sentence, at)
    if at < 0:
        return None
    words = [w.lower() for w in WORD.findall(sentence[at + len(trigger):])][:REACH]
    if "of" not in words:
        return None
    after = [w for w in words[words.index("of") + 1:] if w not in SKIP | CONNECTIVES]
    return " ".join(after[:3]) or None


def asks_otherwise(x: Optional[str], y: Optional[str]) -> bool:
    """Two requests that ask for different acts, or two accusations of different things (the
    acts `requested` or `charged` share no stem)."""
    if not x or not y:
        return False
    return not {stem(w) for w in x.split()} & {stem(w) for w in y.split()}
