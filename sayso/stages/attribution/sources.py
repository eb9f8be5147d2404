"""Sources: the speaker's span, what kind of source it is, and the gender a pronoun can match.

Kinds: named_person ("Victoria Nuland"), role ("Jordan's information minister"),
anonymous_person ("a senior U.S. official"), anonymous_group ("U.S. officials"), organization
("The White House", "Syria"), media ("The Daily Telegraph", "the newspaper"), document
("a report", "a statement"), and pronoun until a pronoun is resolved.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sayso.stages.attribution.datelines import dateline_end
from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.spans import Pair, char_tokens, noun_phrase, trim

NOT_SPEAKERS = frozenset({"this", "that", "these", "those", "it", "what", "which", "there", "here"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
ORG_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC"})
PERSON_KINDS = frozenset({"named_person", "role", "anonymous_person"})
GROUP_KINDS = frozenset({"anonymous_group", "organization", "media"})


@dataclass(frozen=True)
class Speaker:
    span: Pair
    head: int  # token index of the head noun
    kind: str
    gender: Optional[str]  # male | female | plural | None (unknown)
    lemma: str  # head noun lemma, for "the official" -> "a senior U.S. official"
    plural: bool
    definite: bool  # a definite description or pronoun that refers back


def speaker(doc, text: str, head_i: int, lex: Lexicon, avoid: Optional[Pair] = None) -> Optional[Speaker]:
    tok = doc[head_i]
    if tok.lower_ in NOT_SPEAKERS and not _saying_it(tok, lex) or _generic_you(tok, lex):
        return None
    span = noun_phrase(tok, text, lex.interview_nouns, avoid)
    if span is None:
        return None
    if avoid and span[0] < avoid[1] and avoid[0] < span[1]:
        span = trim(text, (tok.idx, tok.idx + len(tok)))
        if span is None:
            return None
    cut = dateline_end(doc, text, span[0])
    if cut is None:
        cut = _label_end(text, span, lex)
    if cut is not None and span[0] < cut:
        if tok.idx < cut:  # "WASHINGTON" parsed as the speaker: the name after the dateline is
            return _after_dateline(doc, text, span, cut, lex, avoid)
        span = trim(text, (cut, span[1]))
        if span is None:
            return None
    kind = source_kind(doc, tok, span, lex)
    plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "we")
    return Speaker(
        span=span,
        head=head_i,
        kind=kind,
        gender=_gender(doc, tok, span, lex, plural),
        lemma=tok.lemma_.lower(),
        plural=plural,
        definite=kind == "pronoun" or _definite_description(tok, lex),
    )


def _label_end(text: str, span: Pair, lex: Lexicon) -> Optional[int]:
    """'Editor's Note: An article on Monday reported ...': the end of a label opening the
    speaker's phrase (a label names no speaker; what follows its colon may)."""
    colon = text.find(":", span[0], span[1] + 2)
    if colon < 0 or text[span[1]:colon].strip():
        return None
    label = text[span[0]:colon].strip().lower().replace("’", "'")
    return colon + 1 if label in lex.headline_labels or label in lex.caption_labels else None


def _after_dateline(doc, text: str, span: Pair, cut: int, lex: Lexicon, avoid: Optional[Pair]) -> Optional[Speaker]:
    """The speaker after a dateline the parser took for the speaker's head ("TALLAHASSEE —
    Rep. Gwen Graham said"): the first noun after the dateline that heads its phrase; None
    when there is none (a dateline says nothing)."""
    end = avoid[0] if avoid and avoid[0] > span[1] else span[1]
    for t in char_tokens(doc, cut, end):
        if t.pos_ in ("PROPN", "NOUN") and not (cut <= t.head.idx < end and t.head.i != t.i):
            return speaker(doc, text, t.i, lex, avoid)
    return None


def _generic_you(tok, lex: Lexicon) -> bool:
    """'Otherwise, you see what's happened in Syria', 'you know': a generic 'you' seeing or
    knowing is a turn of phrase, not a speaker."""
    return tok.lower_ == "you" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.clause_only


def _saying_it(tok, lex: Lexicon) -> bool:
    """'It said', 'it added that': 'it' as the subject of an active verb of saying refers to
    an organisation, a report or an outlet; 'it is said', 'it seems' name no one."""
    verb = tok.head
    return (tok.lower_ == "it" and tok.dep_ == "nsubj" and verb.lemma_.lower() in lex.it_cues
            and not any(c.dep_ == "auxpass" for c in verb.children))


def source_kind(doc, tok, span: Pair, lex: Lexicon) -> str:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PRON":
        return "pronoun"
    if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
        return "named_person"
    words = _name_words(doc, span)
    if is_media_name(words, tok.lower_, lex) or (lemma in lex.media_nouns and not tok.ent_type_ == "PERSON"):
        return "media"
    if tok.ent_type_ == "PERSON":
        return "named_person"
    if tok.ent_type_ in ORG_ENTS and tok.pos_ == "PROPN":
        return "organization"
    if lemma in lex.document_nouns:
        return "document"
    if lemma in lex.group_nouns or tok.ent_type_ in ORG_ENTS:
        return "organization"
    if tok.pos_ == "PROPN":
        return "organization" if tok.ent_type_ in ORG_ENTS else "named_person"
    plural = tok.tag_ in ("NNS", "NNPS")
    if _possessed(tok) or _determiner(tok) in DEFINITE:
        return "anonymous_group" if plural else "role"
    return "anonymous_group" if plural else "anonymous_person"


def is_media_name(words: list[str], head_lower: str, lex: Lexicon) -> bool:
    hits = [w for w in words if w in lex.media_name_words]
    if not hits:
        return False
    if any(w not in lex.media_not_alone for w in hits):
        return True
    return len(words) >= 2 and head_lower in hits


def _name_words(doc, span: Pair) -> list[str]:
    return [t.lower_ for t in char_tokens(doc, span[0], span[1])
            if t.pos_ == "PROPN"]


def _determiner(tok) -> str:
    for child in tok.children:
        if child.dep_ in ("det", "nummod", "predet"):
            return child.lower_
    return ""


def _possessed(tok) -> bool:
    return any(child.dep_ == "poss" for child in tok.children)


def _definite_description(tok, lex: Lexicon) -> bool:
    """'the official', 'The source', 'the newspaper': a description that refers back."""
    if tok.pos_ != "NOUN" or _possessed(tok) or _determiner(tok) not in DEFINITE:
        return False
    return not any(c.pos_ == "PROPN" or c.ent_type_ for c in tok.subtree if c.i != tok.i)


def _gender(doc, tok, span: Pair, lex: Lexicon, plural: bool) -> Optional[str]:
    if tok.pos_ == "PRON":
        return lex.pronoun_gender.get(tok.lower_)
    if plural:
        return "plural"
    s = char_tokens(doc, span[0], span[1])
    for t in s:
        g = lex.word_gender.get(t.lower_) or lex.word_gender.get(t.lower_.rstrip("."))
        if g:
            return g
    return None


def matches_pronoun(pronoun: Speaker, candidate: Speaker) -> bool:
    """Whether a pronoun speaker can refer to an earlier speaker."""
    if pronoun.gender == "plural":
        return candidate.plural or candidate.kind in GROUP_KINDS
    if pronoun.gender == "neuter":
        return candidate.kind in ("organization", "media", "document") and not candidate.plural
    if pronoun.gender in ("male", "female"):
        return candidate.kind in PERSON_KINDS and not candidate.plural and candidate.gender in (None, pronoun.gender)
    return False
