"""Which two reports tell of one happening: positive evidence only, and why.

A link between two reports needs, always, the same category, arguments that do not
contradict each other (actors, recipients, places, days) and positive evidence:
- two reports of different articles: a shared named participant in the same role (entity
  linking by name and alias: "Assad" is "Bashar al-Assad", "Hillary Clinton" is not "Bill
  Clinton"; a country as a whole, "Syria", by its code), and sentences that say much the same
  (content-word cosine at least SIMILAR);
- two reports of one article (headline, lead, body): a shared named participant and the same
  trigger stem, or either with similar sentences; and a definite reference ("the defection",
  "his meeting") to the nearest earlier report of its trigger stem (`antecedent`).
Cannot-links (`must_differ`: two named people, two triggers of one sentence, days apart) keep
a chain of links from joining two reports that must differ (sayso.ledger.cluster).
An unknown actor is never evidence; neither are roles, titles, demonyms and country words
inside a name ("Syrian", "officials", "Col.": sayso.ledger.participants); sentences and triggers
are compared by their words and stems (sayso.ledger.stems). A link is a function of the two
reports alone, so the merged events built from links (sayso.ledger.cluster) do not depend on
the order of ingest.
"""
from __future__ import annotations

import hashlib
from typing import Any, NamedTuple, Optional

from sayso.ledger import resemblance
from sayso.ledger.merge import place_conflict
from sayso.ledger.dates import days_apart, periods_differ, time_conflict
from sayso.ledger.naming import happening_name
from sayso.ledger.number import number, series_and_instance
from sayso.ledger.participants import PEOPLE, compatible, participant_tokens, party_conflict, same_participant
from sayso.ledger.reference import is_another, is_nominal, other_occasion
from sayso.ledger.request import asks_otherwise, charged, requested
from sayso.ledger.sense import sense, two_names, two_senses
from sayso.ledger.sources import normalise
from sayso.ledger.stems import WORD, content_words, cosine, function_words, trigger_stem
from sayso.ledger.trigger import dated_after, quoted, word_before
from sayso.ledger.untold import HAPPENING, bare as _bare, told_alike, untold_parties

SIMILAR = 0.4  # content-word cosine of two sentences across articles (tuned on the dev pairs)
SIMILAR_SAME_TRIGGER = 0.3  # ... when their triggers share a stem and the actor is shared
SIMILAR_WITHIN = 0.4  # two reports of one article sharing a participant or a trigger stem only
SIMILAR_PAIRED = 0.15  # ... sharing both: their sentences share a little more than that
SIMILAR_LEARNED = 0.1  # the least cosine of a learned link within an article
RETOLD_WORDS = 8  # a sentence this long told word for word in two articles is one telling


class Report:
    """A report as linking sees it; words and stems computed when first compared."""

    __slots__ = ("row", "key", "actor", "recipient", "_words", "_stem", "_named", "_nominal", "_name", "_tokens",
                 "_number", "_another", "_occasion", "_requested", "_modifier", "_sense")

    def __init__(self, row: dict[str, Any]):
        self.row = row
        self.key = (row["article_id"], row["id"])
        self.actor = participant_tokens(row["actor_name"], row["actor_kind"])
        self.recipient = participant_tokens(row["recipient_name"], row["recipient_kind"])
        self._words: Optional[frozenset] = None
        self._stem: Optional[str] = None
        self._named: Optional[bool] = None
        self._nominal: Optional[bool] = None
        self._name: Optional[frozenset] = None
        self._tokens: Optional[frozenset] = None
        self._number: Optional[tuple] = None
        self._another: Optional[bool] = None
        self._occasion: Optional[bool] = None
        self._requested: Optional[tuple] = None
        self._modifier: Optional[str] = None
        self._sense: Optional[tuple] = None

    @property
    def at(self) -> Optional[int]:
        """The trigger's offset in its sentence (None in a report stored without it)."""
        return self.row.get("trigger_at")

    @property
    def number(self) -> Optional[str]:
        """"plural" (counted as several), "singular" (a noun) or None (sayso.ledger.number)."""
        if self._number is None:
            self._number = (number(self.row["trigger"], self.row["sentence"], self.at),)
        return self._number[0]

    @property
    def sense(self) -> Optional[str]:
        """A blow of "words" or of "arms", or None (sayso.ledger.sense)."""
        if self._sense is None:
            self._sense = (sense(self.row["trigger"], self.row["sentence"], self.at),)
        return self._sense[0]

    @property
    def name(self) -> frozenset:
        """The tokens of the proper name the sentence calls the happening by ("the Orlando
        shooting", "an attack in Nice": sayso.ledger.naming); nothing for none or a country."""
        if self._name is None:
            called = happening_name(self.row["trigger"], self.row["sentence"], self.at)
            found = participant_tokens(called, "place") if called else frozenset()
            self._name = frozenset() if any(t.startswith("^@") for t in found) else found
        return self._name

    def called(self) -> tuple[frozenset, ...]:
        """What a name of another report may match: its own name, a named place or actor
        ("Orlando" extracted as the actor of "the Orlando attack")."""
        place = participant_tokens(self.row["place_name"], "place")
        return tuple(t for t in (self.name, place, self.actor, self.recipient) if t)

    @property
    def modifier(self) -> str:
        """The lower-case word right before the trigger ("terrorist attack"), or ""."""
        if self._modifier is None:
            self._modifier = word_before(self.row["trigger"] or "", self.row["sentence"] or "", self.at)
        return self._modifier

    @property
    def words(self) -> frozenset:
        if self._words is None:
            self._words = content_words(self.row["sentence"])
        return self._words

    @property
    def stem(self) -> str:
        if self._stem is None:
            self._stem = trigger_stem(self.row["trigger"])
        return self._stem

    @property
    def named_happening(self) -> bool:
        """The trigger is a noun named after its actor: "the Orlando shooting", "Benghazi attack"."""
        if self._named is None:
            name, trigger, sentence = self.row["actor_name"], self.row["trigger"], self.row["sentence"] or ""
            self._named = bool(self.actor and name and trigger and f"{name} {trigger}".lower() in sentence.lower())
        return self._named

    @property
    def another(self) -> bool:
        """The trigger tells of another happening than one told before ("the next attack",
        "future attacks", "further investigation": `is_another`)."""
        if self._another is None:
            self._another = is_another(self.row["trigger"], self.row["sentence"], self.at) or self.occasion
        return self._another

    @property
    def requested(self) -> Optional[str]:
        """The act a request asks for ("resign": sayso.ledger.request), or None."""
        if self._requested is None:
            ask = requested if self.row["type"] == "REQUEST" else charged
            self._requested = (ask(self.row["trigger"], self.row["sentence"], self.at),)
        return self._requested[0]

    @property
    def occasion(self) -> bool:
        """The sentence tells another occasion ("In two other instances, ...": `other_occasion`)."""
        if self._occasion is None:
            self._occasion = other_occasion(self.row["trigger"], self.row["sentence"], self.at)
        return self._occasion

    @property
    def nominal(self) -> bool:
        """The trigger is a definite noun ("the defection", "his meeting"), a reference back to
        a happening rather than its telling."""
        if self._nominal is None:
            self._nominal = is_nominal(self.row["trigger"], self.row["sentence"], self.at)
        return self._nominal

    def tokens(self) -> frozenset:
        """The blocking tokens: the heads of the named actor and recipient ("^assad") and of
        the name the happening is called by ("^orlando"); a report with none of them, its named
        place's ("the mass shooting at a nightclub in Orlando" meets "the Orlando shooting")."""
        if self._tokens is None:
            self._tokens = self._blocking()
        return self._tokens

    def _blocking(self) -> frozenset:
        found = frozenset(t for t in self.actor | self.recipient | self.name if t[0] == "^")
        if found:
            return found
        found = frozenset(t for t in participant_tokens(self.row["place_name"], "place") if t[0] == "^" and t[1] != "@")
        retold = self.retold()
        return found | {retold} if retold else found

    def retold(self) -> Optional[str]:
        """A fingerprint of a long sentence ("#" and a hash of its words), the same in every
        article that tells it word for word (a quoted statement, a wire copy)."""
        words = WORD.findall((self.row["sentence"] or "").lower())
        if len(words) < RETOLD_WORDS:
            return None
        return "#" + hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:16]


def same_name(a: Report, b: Report) -> Optional[str]:
    """The name both reports call the happening by (one's name, the other's name, place or
    actor: "the Orlando shooting" and "the massacre in Orlando"), or None."""
    for x, y in ((a, b), (b, a)):
        if x.name and x.name in y.called():
            return happening_name(x.row["trigger"], x.row["sentence"], x.at)
    return None


class Link(NamedTuple):
    a: tuple[str, str]
    b: tuple[str, str]
    score: float
    because: str


def conflicts(a: Report, b: Report, days: int) -> bool:
    ra, rb = a.row, b.row
    return (ra["type"] != rb["type"]
            or party_conflict(ra, rb, "actor", a.actor, b.actor)
            or party_conflict(ra, rb, "recipient", a.recipient, b.recipient)
            or (place_conflict(ra, rb) and not same_name(a, b))  # the name outweighs a place
            or time_conflict(ra, rb, days, a.key[0] == b.key[0]))


def must_differ(a: Report, b: Report, days: int) -> bool:
    """A cannot-link: two reports that are never parts of one happening, whatever links them
    through others: two triggers of one sentence, two different named people as actors, days
    too far apart, two happening names, two senses of one word (sayso.ledger.sense). (Places and recipients, often another happening's in a sentence, and
    organisations, often a description, only stop a direct link.)"""
    ra, rb = a.row, b.row
    if one_sentence(a, b) or time_conflict(ra, rb, days, a.key[0] == b.key[0]):
        return True
    if a.key[0] == b.key[0] and series_and_instance(a.number, b.number):
        return True  # "certain releases" and "the release of a few sanctions-busters"
    if a.row["type"] == b.row["type"] in ("REQUEST", "ACCUSE") and asks_otherwise(a.requested, b.requested):
        return True  # "called for the president to resign", "called for her to quit her bid"
    if two_names(a.name, b.called(), b.name, a.called()):
        return True  # "the attack in California" and "the 2012 Benghazi attack"
    if two_senses(a.sense, b.sense):
        return True  # "went fully on the attack" and "the terrorist attacks in Orlando"
    people = ra["actor_kind"] in PEOPLE and rb["actor_kind"] in PEOPLE
    return people and bool(a.actor) and bool(b.actor) and not compatible(a.actor, b.actor)


def _shared(a: Report, b: Report) -> list[str]:
    found = []
    if same_participant(a.actor, b.actor):
        found.append(f"shared actor '{_shorter(a.row['actor_name'], b.row['actor_name'])}'")
    if same_participant(a.recipient, b.recipient):
        found.append(f"shared recipient '{_shorter(a.row['recipient_name'], b.row['recipient_name'])}'")
    return found


def _shorter(x: str, y: str) -> str:
    return min((x, y), key=lambda s: (len(s), s))


def _when(a: dict, b: dict) -> str:
    if not a["day"] or not b["day"]:
        return "both undated"
    apart = days_apart(a["day"], b["day"])
    return "same day" if apart == 0 else f"{apart} day{'s' if apart > 1 else ''} apart"


def link(a: Report, b: Report, days: int) -> Optional[Link]:
    """The evidence that a and b report one happening, or None (symmetric in a and b): no
    conflict, and the rules' positive evidence (`rule_link`) with the learned model's
    probability (sayso.ledger.resemblance) at least its `keep`, or, within an article or across
    articles with a shared named participant, that probability at least its threshold."""
    if conflicts(a, b, days) or periods_differ(a.row, b.row):
        return None  # two dates of different years ("in 2001", "last June"): a definite reference may still join
    ruled = rule_link(a, b)
    m = resemblance.model()
    if ruled is not None and m.keep <= 0.0:
        return ruled
    within = a.key[0] == b.key[0]
    shared = _shared(a, b)
    if ruled is None and (m.threshold > 1.0 or (not within and not shared) or (within and one_sentence(a, b))
                          or a.another or b.another):
        return None
    similarity = cosine(a.words, b.words)
    p = m.chance(a, b, ruled is not None, similarity)
    if ruled is not None:
        return ruled if p >= m.keep else None
    if p < m.threshold or (within and similarity < SIMILAR_WITHIN and _adds_party(a, b) and _adds_party(b, a)):
        return None  # each names a party the other lacks, and the sentences are not alike
    if within and similarity < SIMILAR_LEARNED:
        return None  # sentences that share next to nothing ("Trumpian attacks", "attacks on her credibility")
    parts = [f"same category {a.row['type']}", *(["same article"] if within else []), *shared]
    if a.stem and a.stem == b.stem:
        parts.append(f"same trigger '{a.stem}'")
    parts += ([] if within else [_when(a.row, b.row)]) + [f"sentence similarity {similarity:.2f}",
                                                          f"learned probability {p:.2f}"]
    return _made(a, b, p, ", ".join(parts))


def rule_link(a: Report, b: Report) -> Optional[Link]:
    """The hand-written rules' evidence for two reports that do not conflict, or None."""
    shared = _shared(a, b)
    called = same_name(a, b)
    if called and not one_sentence(a, b):
        return _named(a, b, called, shared)
    same_stem = bool(a.stem) and a.stem == b.stem
    category = a.row["type"]
    if a.key[0] == b.key[0]:
        return _within(a, b, shared, same_stem, category)
    if not shared:
        return _retold(a, b) if a.row["trigger"] == b.row["trigger"] else None
    similarity = cosine(a.words, b.words)
    named = a.named_happening and b.named_happening and same_participant(a.actor, b.actor)
    # the same act of the same party towards the same party ("Ryan's endorsement of Trump",
    # "Ryan is not ready to endorse Trump"): sentences that share a little are enough
    both = same_stem and (len(shared) == 2 or (same_participant(a.actor, b.actor) and _names_the_other(a, b)))
    by_actor = same_stem and same_participant(a.actor, b.actor)
    if similarity < (SIMILAR_PAIRED if both else SIMILAR_SAME_TRIGGER if by_actor else SIMILAR) and not named:
        return None
    parts = [f"same category {category}", *shared, _when(a.row, b.row), f"sentence similarity {similarity:.2f}"]
    if same_stem:
        parts.insert(-1, f"same trigger '{a.stem}'")
    return _made(a, b, similarity + len(shared), ", ".join(parts))


def _names_the_other(a: Report, b: Report) -> bool:
    """One gives no recipient and its sentence names the other's ("Trump and Ryan ... their
    meeting", "Trump is scheduled to meet with Ryan"): the recipient is shared as far as told."""
    for r, e in ((a, b), (b, a)):
        if not r.row["recipient_name"] and e.recipient:
            words = set(WORD.findall((r.row["sentence"] or "").lower()))
            if any(t[0] == "^" and t[1:] in words for t in e.recipient):
                return True
    return False


def _retold(a: Report, b: Report) -> Optional[Link]:
    """Two articles telling one sentence word for word with one trigger (a quoted statement, a
    wire copy), no participant named: one telling."""
    if a.retold() is None or a.retold() != b.retold():
        return None
    return _made(a, b, 2.0, f"same category {a.row['type']}, {_when(a.row, b.row)}, the same sentence word "
                 f"for word, same trigger '{a.row['trigger']}', sentence similarity 1.00")


def _within(a: Report, b: Report, shared: list[str], same_stem: bool, category: str) -> Optional[Link]:
    """Two reports of one article: a shared named participant and the same trigger stem, or
    either of them, or one kind (mode: "criticism", "complaints"), with sentences that say much
    the same (an unknown actor alone, a shared
    actor alone or a repeated verb alone is no evidence: "Trump offered no proof" and "Trump
    is promising lower taxes" are two happenings). Two triggers of one sentence are two
    happenings."""
    kind = bool(a.row["mode"]) and a.row["mode"] == b.row["mode"]
    if not shared and not same_stem and not kind or one_sentence(a, b) or a.occasion or b.occasion:
        return None
    similarity = cosine(a.words, b.words)
    named = a.named_happening and b.named_happening and bool(shared)
    similar = (similarity >= SIMILAR_WITHIN and (bool(shared) or not _unmatched_parties(a, b, strict=False))
               and (same_stem or "plural" not in (a.number, b.number)))
    # a shared participant and a repeated trigger, but the other party differs ("520
    # superdelegates support Clinton", "Levin is supporting Clinton"): two happenings
    # ... and sentences that share next to nothing ("Trump attacks on the foundation", "an
    # outlandish attack from Trump at the first debate"): two happenings; and sentences not alike
    # telling it once as happened, once not ("turned out in force to support Clinton", "most are
    # planning to support Clinton"): two happenings
    paired = (shared and same_stem and similarity >= SIMILAR_PAIRED and not _unmatched_parties(a, b)
              and a.row["polarity"] == b.row["polarity"]
              and (similarity >= SIMILAR_WITHIN or told_alike(a, b))
              and not a.another and not b.another)  # "has made the same demands of the Democrats"
    modified = same_stem and _same_modifier(a, b) and not _unmatched_parties(a, b, strict=False)
    untold = same_stem and untold_parties(a, b, similarity)  # "she has not called for him to resign"
    if not paired and not named and not similar and not modified and not untold:
        return None
    parts = [f"same category {category}", "same article", *shared]
    if same_stem:
        parts.append(f"same trigger '{a.stem}'")
    elif kind:
        parts.append(f"same kind '{a.row['mode']}'")
    if modified and not (paired or named or similar):
        parts.append(f"the same word before it ('{a.modifier} {a.row['trigger']}')")
    if untold and not (paired or named or similar or modified):
        parts.append("one names no party")
    if named:
        parts.append(f"named after its actor ('{a.row['actor_name']} {a.row['trigger']}')")
    parts.append(f"sentence similarity {similarity:.2f}")
    return _made(a, b, 2.0 + len(shared) + same_stem + similarity, ", ".join(parts))


def _same_modifier(a: Report, b: Report) -> bool:
    """One content word right before both triggers ("an apparent terrorist attack", "It's a
    terrorist attack!"; "house arrest" twice), both told as happened."""
    return (bool(a.modifier) and a.modifier == b.modifier and a.modifier not in function_words()
            and a.row["polarity"] == b.row["polarity"] and not _dated(a) and not _dated(b))


def _dated(r: Report) -> bool:
    return dated_after(r.row["trigger"] or "", r.row["sentence"] or "", r.at)


def _named(a: Report, b: Report, called: str, shared: list[str]) -> Link:
    """Two reports of one category that call the happening by one name ("the Orlando shooting",
    "the Orlando massacre") within the merge window."""
    within = a.key[0] == b.key[0]
    similarity = cosine(a.words, b.words)
    parts = [f"same category {a.row['type']}", *(["same article"] if within else []), *shared,
             f"both called '{called}' ('{a.row['trigger']}', '{b.row['trigger']}')",
             *([] if within else [_when(a.row, b.row)]), f"sentence similarity {similarity:.2f}"]
    return _made(a, b, (2.0 if within else 1.0) + len(shared) + similarity, ", ".join(parts))


def _names_its_own(r: Report, e: Report) -> bool:
    """A reference named after a participant ("the Orlando killings", "the McDonald shooting")
    refers back only to a report with that participant, in any role; one called by a name ("the
    Orlando killings") only to a report called by it (or with it as its place or a party)."""
    if r.name and not any(same_participant(r.name, t) for t in e.called()):
        return False
    if not r.named_happening:
        return True
    return any(same_participant(r.actor, t) for t in (e.actor, e.recipient))


def antecedent(r: Report, earlier: list[Report], days: int) -> Optional[Link]:
    """A definite reference ("the attack", "his meeting") and the nearest earlier report of its
    article with its category and trigger stem and no participant against it (and the name a
    reference is named after, if any; not one lacking a named participant of the reference
    whose sentence shares next to nothing with it, cosine under SIMILAR_PAIRED): what it refers back to (the nearest only, so "the attack"
    never joins every attack an article tells); with none, the nearest of its category and kind
    sharing a named participant (`_same_kind_antecedent`)."""
    if not r.nominal or not r.stem or r.another:
        return None
    passed = False  # a nearer report lacking the reference's party was passed over
    for e in reversed(earlier):
        if e.stem == r.stem and e.row["type"] == r.row["type"] and not one_sentence(e, r) and not e.another:
            if conflicts(e, r, days) or _unmatched_parties(e, r) or not _names_its_own(r, e):
                continue
            if e.number == "singular" and _bare_plural(r):
                return None  # "the investigations" are not "the investigation" told just before
            if series_and_instance(e.number, r.number):
                continue  # "the investigation" does not refer back to "many previous investigations"
            similarity = cosine(e.words, r.words)
            if _adds_party(r, e) and (passed or similarity < SIMILAR_PAIRED):
                passed = True  # a party the earlier report lacks and sentences sharing next to nothing:
                continue  # only a report further back that names the party is referred to
            return _made(e, r, 1.0 + similarity, f"same category {r.row['type']}, same article, "
                         f"'{r.row['trigger']}' refers back to '{e.row['trigger']}' (same trigger '{r.stem}'), "
                         f"sentence similarity {similarity:.2f}")
    return _same_kind_antecedent(r, earlier, days)


def _same_kind_antecedent(r: Report, earlier: list[Report], days: int) -> Optional[Link]:
    """A definite reference in other words ("Republicans are slamming Kaine ... The criticism
    comes a day before ...", "the FBI conducting an investigation ... The inquiry has frustrated
    Clinton allies"): the nearest earlier report of its category and kind (mode, such as
    "disapprove"), when the two share a named participant, or the reference names no party at all
    (`_bare`), and nothing stands against it."""
    mode = r.row["mode"]
    if not mode:
        return None
    for e in reversed(earlier):
        if e.row["type"] != r.row["type"] or e.row["mode"] != mode or one_sentence(e, r) or e.another:
            continue
        if ((not _shared(e, r) and not _bare(r)) or conflicts(e, r, days) or _unmatched_parties(e, r)
                or not _names_its_own(r, e) or series_and_instance(e.number, r.number)):
            return None
        similarity = cosine(e.words, r.words)
        return _made(e, r, 1.0 + similarity, f"same category {r.row['type']}, same article, {', '.join(_shared(e, r))}, "
                     f"'{r.row['trigger']}' refers back to '{e.row['trigger']}' (same kind '{mode}'), "
                     f"sentence similarity {similarity:.2f}")
    return None


def _bare_plural(r: Report) -> bool:
    """A plural noun trigger not counted ("the investigations"): not a reference back to one
    singular noun ("the investigation")."""
    w = (r.row["trigger"] or "").lower()
    return r.number is None and w.endswith("s") and not w.endswith(("ss", "us", "is")) and r.nominal


def _adds_party(r: Report, e: Report) -> bool:
    """The reference names a participant the earlier report does not give ("Beijing has
    decreased its hacking activity" after "the hacks")."""
    return bool((r.actor and not e.row["actor_name"]) or (r.recipient and not e.row["recipient_name"]))


def one_sentence(a: Report, b: Report) -> bool:
    """Two triggers of one sentence of one article: the extraction told them apart (a sentence
    the article repeats word for word, its trigger once in it, is one happening; so is one trigger
    stem told once by the sentence and once in a quote it gives, both told as happening or both
    not: "Immediately after the attacks, Trump issued a statement, “Last night, our nation was
    attacked ...”")."""
    sentence, trigger = a.row["sentence"], a.row["trigger"]
    if a.key[0] != b.key[0] or sentence != b.row["sentence"]:
        return False
    if (a.stem and a.stem == b.stem and a.at is not None and b.at is not None
            and quoted(sentence or "", a.at) != quoted(sentence or "", b.at)
            and (a.row["status"] in HAPPENING) == (b.row["status"] in HAPPENING)):
        return False  # once told and once in a quote it gives: "after the attacks, ... “our nation was attacked”"
    return trigger != b.row["trigger"] or not trigger or (sentence or "").count(trigger) > 1


def _unmatched_parties(a: Report, b: Report, strict: bool = True) -> bool:
    """Both give an actor (or both a recipient) and it is not one named participant (strict:
    also a name against a description; else only two different descriptions)."""
    for role, ta, tb in (("actor", a.actor, b.actor), ("recipient", a.recipient, b.recipient)):
        if a.row[f"{role}_name"] and b.row[f"{role}_name"] and not compatible(ta, tb):
            differ = normalise(a.row[f"{role}_name"]) != normalise(b.row[f"{role}_name"])
            if (ta or tb or differ) if strict else (not ta and not tb and differ):
                return True
    return False


def _made(a: Report, b: Report, score: float, because: str) -> Link:
    first, second = sorted((a.key, b.key))
    return Link(first, second, round(score, 6), because)
