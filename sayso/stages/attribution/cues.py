"""Cues: the words that introduce what someone says, thinks or wants, with their source token.

One pass over the tokens finds cue verbs from the lexicon and multi-word cues ("according to");
for each, the speaker token is read off the dependency parse: the subject ("X said"), the
subject after the verb ("..., say U.S. officials"), the agent of a passive ("was denied by X"),
the object of "according to", or the subject of the verb a participle hangs on ("..., adding").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from sayso.nlp.memo import sentence_of
from sayso.stages.attribution.learned import NOT_CUE_DEPS, features, load_model
from sayso.stages.attribution.lexicon import Lexicon

SUBJECTS = ("nsubj",)
THRESHOLD = -3.0
INHERITS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
LEFT_PARTS = frozenset({"aux", "auxpass", "neg", "advmod"})
REPORTING = frozenset({"say", "tell", "add", "report", "claim"})  # plain reporting verbs
FINITE = frozenset({"VBD", "VBZ", "VBP"})
NAMED = frozenset({"PERSON", "ORG", "NORP"})
NAMED_HEAD_DEPS = frozenset({"nsubj", "appos", "conj", "ROOT", "npadvmod", "dep"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue: its tokens [first, last], its head token, and the speaker's token (or None)."""

    first: int
    last: int
    head: int
    speaker: Optional[int]
    phrase: bool = False  # a multi-word cue such as "according to": the speaker is its object
    inner: bool = False  # only a cue inside another statement (a quotation, a complement)


def find_cues(doc, lex: Lexicon, in_quote: Callable[[int], bool] = lambda _: False) -> Iterator[Cue]:
    first_words: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(lex.phrases, key=len, reverse=True):  # "as reported by", "as quoted by": each tried
        first_words.setdefault(p[0], []).append(p)
    model = load_model()
    chosen: set[int] = set()
    phrase_end = -1  # the words of a multi-word cue ("reported" in "as reported by") are no cue of their own
    for tok in doc:
        cue = next((c for c in (_phrase_cue(doc, tok, p) for p in first_words.get(tok.lower_, ())) if c), None)
        if cue is not None:
            chosen.add(tok.i)
            phrase_end = cue.last
            yield cue
            continue
        if tok.i <= phrase_end:
            continue
        if tok.pos_ != "VERB" or tok.dep_ in NOT_CUE_DEPS:
            continue
        verdict = _cue_verdict(tok, lex, model, in_quote, chosen)
        if verdict is not None:
            chosen.add(tok.i)
            yield _verb_cue(tok, lex, inner=verdict == "inner")


def _cue_verdict(tok, lex: Lexicon, model, in_quote, chosen: set[int]) -> Optional[str]:
    """'cue', 'inner' (a cue only inside another statement) or None. The model decides where a
    statement starts; inside one (a quotation, or the complement of an earlier cue) the lexicon
    decides, since the model was trained on outermost cues only."""
    lexical = tok.lemma_.lower() in lex.cue_verbs
    if model is None:
        return "cue" if lexical or _takes_that_clause(tok) else None
    inside = in_quote(tok.idx)
    if model.score(features(tok, lex, inside)) > THRESHOLD:
        return "cue"
    return "inner" if lexical and (inside or _under(tok, chosen)) else None


def _under(tok, chosen: set[int], depth: int = 6) -> bool:
    """Whether an earlier chosen cue governs tok through its complement."""
    for _ in range(depth):
        if tok.head.i == tok.i or tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "relcl", "pcomp", "pobj", "prep", "dobj", "acl"):
            return False
        tok = tok.head
        if tok.i in chosen:
            return True
    return False


def _takes_that_clause(verb) -> bool:
    """Any verb with a subject and a 'that' clause reports ("X argued / ruled / wagered that ...")."""
    has_subject = False
    clause = False
    for child in verb.children:
        if child.dep_ == "nsubj":
            has_subject = True
        elif child.dep_ == "ccomp" and child.i > verb.i:
            clause = clause or any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
    return has_subject and clause


def _phrase_cue(doc, tok, words: tuple[str, ...]) -> Optional[Cue]:
    end = tok.i + len(words)
    if end > len(doc) or tuple(t.lower_ for t in doc[tok.i:end]) != words:
        return None
    last = doc[end - 1]
    objects = [c for c in last.children if c.dep_ == "pobj"]
    if not objects and end < len(doc):
        objects = [doc[end]]
    if not objects:
        return None
    return Cue(tok.i, end - 1, tok.i, objects[0].i, phrase=True)


def _verb_cue(verb, lex: Lexicon, inner: bool = False) -> Cue:
    """The verb with its particle and the auxiliaries and adverbs right before it ("has also said")."""
    last = verb.i
    for child in verb.children:
        if child.dep_ == "prt" and child.i == last + 1:
            last = child.i
    first = verb.i
    left = {c.i for c in verb.children if c.dep_ in LEFT_PARTS and c.i < verb.i}
    while first - 1 in left:
        first -= 1
    return Cue(first, last, verb.i, speaker_of(verb), inner=inner)


def speaker_of(verb) -> Optional[int]:
    """The token of the one who says, thinks or wants, or None (an agentless passive)."""
    if shares_subject(verb):
        subject = _subject(verb.head.head)
        if subject is not None:
            return _antecedent_of_relative(subject, verb.head.head)
    tok = verb
    for _ in range(4):
        subject = _subject(tok)
        if subject is not None:
            return _antecedent_of_relative(subject, tok)
        if tok.dep_ not in INHERITS or tok.head.i == tok.i:
            break
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if not _set_off_participle(tok):
                return tok.head.i  # "a statement saying ...": the noun is the source
            tok = tok.head  # "rejected the notion that X, saying ...": the verb's subject says
        tok = tok.head
    stranded = _stranded_subject(verb)
    return stranded if stranded is not None else _name_before(verb)


def _name_before(verb) -> Optional[int]:
    """'“...,” screenwriter Cole Haddon wrote on Twitter': a finite verb with no subject in the
    parse (it took the title for a verb and the name for its object), right after a person's or
    an organisation's name: that name."""
    if verb.tag_ not in FINITE or verb.i == 0 or any(c.dep_ in ("auxpass", "expl", "nsubjpass") for c in verb.children):
        return None
    name = verb.doc[verb.i - 1]
    return name.i if name.ent_type_ in ("PERSON", "ORG") else None


def _set_off_participle(verb) -> bool:
    """'Carson rejected the notion that X, saying that ...': a participle set off by a comma that
    the parse hung on the object of a verb with a subject; it is that verb's adjunct."""
    noun = verb.head
    return (verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == "," and noun.dep_ == "dobj"
            and _subject(noun.head) is not None)


def _stranded_subject(verb) -> Optional[int]:
    """'Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that ...':
    a finite 'said' heading its sentence with no subject, the parse having hung the speaker on
    an earlier phrase (a conjunct, an appositive): the first person or organisation named before
    it in the sentence, outside a prepositional object or a possessive."""
    if verb.dep_ != "ROOT" or verb.tag_ not in FINITE or verb.lemma_.lower() not in REPORTING:
        return None
    if any(c.dep_ in ("auxpass", "expl") for c in verb.children):
        return None
    doc = verb.doc
    for tok in doc[sentence_of(verb).start:verb.i]:
        last_of_name = tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I"
        if tok.ent_type_ in NAMED and tok.dep_ in NAMED_HEAD_DEPS and last_of_name:
            return tok.i
    return None


def shares_subject(verb) -> bool:
    """'He said A and said that B': the parse hung the second 'said' on A's verb; with no subject
    of its own it is a second statement of the first verb's subject."""
    head = verb.head
    if verb.dep_ != "conj" or verb.lemma_.lower() not in REPORTING or _subject(verb) is not None:
        return False
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING and head.head.i < head.i < verb.i


def _subject(verb):
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:  # two (a parse split at a hyphen, "co - host Mika Brzezinski"): the one next to the verb
        return subjects[-1]
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _antecedent_of_relative(subject, verb) -> int:
    if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head.i
    return subject.i
