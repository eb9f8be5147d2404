"""Features of a trigger candidate and of its possible actors and recipients, for the event
model (sayso/stages/events/model.py). Plain functions of the spaCy parse: names of what the parse
shows, each with the value 1, so the same function serves training and extraction.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Optional

from sayso.nlp.memo import doc_memo, head_indices, sentence_of
from sayso.stages.events.frames import frame_names

MAX_PATH = 4
ARGUMENT_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NAMED_ADJECTIVES = frozenset({"NORP", "GPE", "ORG"})  # "Israeli air raids": the adjective is the actor
NULL_CHILDREN = frozenset({"poss", "compound", "amod", "prep", "dobj", "nsubj", "nsubjpass", "agent"})
LEMMA_CHILDREN = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "pobj"})
FRAMES = True  # the trigger's frame (request, negation, mood, register: frames.py) among its features
MODE = "mode="  # the feature of the lexicon word's mode: "mode=DEFECT:resign"
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it", "him", "her", "them", "us", "who"})


def _word(token: Any) -> str:
    return token.lemma_.lower() if token.pos_ not in ("PROPN", "NUM") else f"<{token.ent_type_ or token.pos_}>"


def _around(token: Any, sent: Any) -> Iterator[str]:
    doc, start, end = token.doc, sent.start, sent.end  # token.sent is rebuilt on each access
    for k, name in ((-2, "l-2"), (-1, "l-1"), (1, "l+1"), (2, "l+2")):
        j = token.i + k
        if start <= j < end:
            yield f"{name}={_word(doc[j])}"


def _child_features(head: Any) -> Iterator[str]:
    for c in head.children:
        yield f"child={c.dep_}"
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "agent", "neg", "aux", "compound", "amod"):
            yield f"child={c.dep_}:{_word(c)}"
            yield f"child_ent={c.dep_}:{c.ent_type_ or c.pos_}"
        if c.dep_ == "prep":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            yield f"prep={c.lower_}"
            if obj is not None:
                yield f"prep={c.lower_}:{obj.ent_type_ or obj.pos_}"
                yield f"prep={c.lower_}:{_word(obj)}"


def _lemma_context(head: Any, lemma: str) -> Iterator[str]:
    """The trigger's lemma joined with its own context: what kind of subject, object, possessor
    or preposition it takes, its dependency and tag ("support" with a person as object backs
    someone, "support for" a policy does not; "charges" of a court, not "fees"). The model then
    weighs a word's senses one by one instead of the word and its context apart."""
    yield f"lc={lemma}|dep={head.dep_}"
    yield f"lc={lemma}|tag={head.tag_}"
    for c in head.children:
        if c.dep_ in LEMMA_CHILDREN:
            yield f"lc={lemma}|{c.dep_}:{c.ent_type_ or c.pos_}"
        elif c.dep_ == "prep":
            yield f"lc={lemma}|prep={c.lower_}"


def _sentence_features(sent: Any) -> Iterator[str]:
    for label in _entity_labels(sent):
        yield f"sent_ent={label}"
    for t in sent:
        if t.pos_ in ("NOUN", "VERB") and not t.is_stop:
            yield f"w={t.lemma_.lower()}"


def _entity_labels(sent: Any) -> list[str]:
    """The labels of the entities that fall completely within the sentence, as `sent.ents`
    gives them (spaCy's Span.ents), from the doc's entities read once per doc."""
    memo = doc_memo(sent.doc)
    ents = memo.get("ents_spans")
    if ents is None:  # doc.ents builds them anew on each access
        ents = memo["ents_spans"] = tuple((e.start, e.end, e.label_) for e in sent.doc.ents)
    out = []
    for start, end, label in ents:
        if start >= sent.start:
            if end > sent.end:
                break
            out.append(label)
    return out


def _sentence_names(sent: Any) -> tuple[str, ...]:
    """The sentence's features, computed once for all its candidates (the open verbs make
    several per sentence)."""
    memo = doc_memo(sent.doc)
    key = ("sentence_names", sent.start)
    names = memo.get(key)
    if names is None:
        names = memo[key] = tuple(_sentence_features(sent))
    return names


def trigger_features(head: Any, lexicon_category: str, multiword: bool, rule: Optional[Any],
                     origin: str = "lexicon", mode: Optional[str] = None) -> dict[str, float]:
    """Sparse features of a trigger candidate headed by `head`; `rule` is what the rules made
    of it (an Event or None); `origin` says whether the word is the ontology's or learned; `mode`
    the lexicon word's mode. The names of trigger_names, plus the trigger's tok2vec vector as
    t0, t1, ... (divided by 4)."""
    features = trigger_names(head, lexicon_category, multiword, rule, origin, mode)
    vector = context_vector(head)
    if vector is not None:
        features.update(zip(tensor_names(len(vector)), vector.tolist()))
    return features


def context_vector(token: Any) -> Optional[Any]:
    """The token's tok2vec vector divided by 4 (the dense part of a trigger's or a candidate
    argument's features: t0, t1, ... or a0, a1, ...), or None without a tensor."""
    vectors = doc_memo(token.doc).setdefault("context_vectors", {})  # one array per token and doc
    i = token.i
    if i not in vectors:
        tensor = token.doc.tensor
        vectors[i] = tensor[i] / 4.0 if tensor is not None and len(tensor) else None
    return vectors[i]


def trigger_names(head: Any, lexicon_category: str, multiword: bool, rule: Optional[Any],
                  origin: str = "lexicon", mode: Optional[str] = None) -> dict[str, float]:
    """The sparse part of trigger_features: names of what the parse shows, each with the value 1."""
    lemma = head.lemma_.lower()
    gov = head.head
    names = [
        "bias", f"lem={lemma}", f"lex={lexicon_category}", f"lem_lex={lemma}:{lexicon_category}",
        f"pos={head.pos_}", f"tag={head.tag_}", f"dep={head.dep_}", f"lex_dep={lexicon_category}:{head.dep_}",
        f"gov={gov.lemma_.lower()}", f"gov_pos={gov.pos_}", f"gov_dep={head.dep_}:{gov.lemma_.lower()}",
        f"multi={multiword}", f"cap={head.text[:1].isupper()}", f"origin={origin}", f"origin_lem={origin}:{lemma}",
        "rule=none" if rule is None else f"rule={rule.type}",
    ]
    if mode:
        names.append(f"{MODE}{lexicon_category}:{mode}")
    if rule is not None:
        names += [f"rule_actor={rule.actor is not None}", f"rule_recipient={rule.recipient is not None}",
                  f"rule_status={rule.status}", f"rule_lex={rule.type}:{lexicon_category}"]
    sent = sentence_of(head)
    names += list(_around(head, sent))
    names += list(_child_features(head))
    names += list(_lemma_context(head, lemma))
    names += _sentence_names(sent)
    if FRAMES:
        names += frame_names(head, lexicon_category)
    return dict.fromkeys(names, 1.0)


@lru_cache(maxsize=8)
def tensor_names(width: int, prefix: str = "t") -> tuple[str, ...]:
    return tuple(f"{prefix}{k}" for k in range(width))


# --- arguments --------------------------------------------------------------------------------

def argument_candidates(head: Any, skip: set[int]) -> list[Any]:
    """Heads of noun phrases of the trigger's sentence that could be its actor or recipient."""
    return [t for t in _sentence_candidates(sentence_of(head)) if t.i not in skip]


def _sentence_candidates(sent: Any) -> list[Any]:
    """The noun-phrase heads of a sentence, found once per sentence (every trigger of it asks)."""
    memo = doc_memo(sent.doc).setdefault("argument_candidates", {})
    found = memo.get(sent.start)
    if found is None:
        found = memo[sent.start] = [
            t for t in sent
            if (t.pos_ in ARGUMENT_POS or (t.pos_ == "ADJ" and t.ent_type_ in NAMED_ADJECTIVES))
            and not (t.dep_ in ("compound", "poss") and t.head.pos_ == "PROPN" and t.pos_ == "PROPN")  # part of a name
        ]
    return found


def _ancestors(token: Any) -> list[tuple[int, str]]:
    """The token and its heads up to the root (at most 30), each as its index and its path label
    (_label), found once per token and doc (the list is shared: never changed)."""
    memo = doc_memo(token.doc)
    chains = memo.setdefault("ancestors", {})
    chain = chains.get(token.i)
    if chain is None:
        chain = chains[token.i] = _heads(token.doc, token.i, memo.setdefault("path_labels", {}))
    return chain


def _heads(doc: Any, i: int, labels: dict[int, str]) -> list[tuple[int, str]]:
    heads, chain = head_indices(doc), [i]
    while heads[chain[-1]] != chain[-1] and len(chain) < 30:
        chain.append(heads[chain[-1]])
    for j in chain:
        if j not in labels:
            labels[j] = _label(doc[j])
    return [(j, labels[j]) for j in chain]


def _label(token: Any) -> str:
    """A token's dependency label on a path, with the word of a preposition ("prep|of")."""
    dep = token.dep_
    return dep + "|" + token.lower_ if dep in ("prep", "agent") else dep


def _path_labels(frm: Any, to: Any, down: Optional[list[tuple[int, str]]] = None
                 ) -> Optional[tuple[list[str], list[str]]]:
    """The labels from `frm` up to the lowest common ancestor, and from there down to `to`
    (`down`: the ancestors of `to`, when already known)."""
    up, down = _ancestors(frm), down if down is not None else _ancestors(to)
    down_ids = {i: n for n, (i, _) in enumerate(down)}
    for n, (i, _) in enumerate(up):
        if i in down_ids:
            return [label for _, label in up[:n]], [label for _, label in reversed(down[:down_ids[i]])]
    return None


def dependency_path(frm: Any, to: Any) -> str:
    """The labels from `frm` up to the lowest common ancestor and down to `to`:
    "nsubj<" is a subject of the trigger, "<pobj<prep" ... ; long paths are cut."""
    return _path_string(_path_labels(frm, to))


def _path_string(labels: Optional[tuple[list[str], list[str]]]) -> str:
    if labels is None:
        return "none"
    ups, downs = labels
    path = "<".join(ups) + "^" + ">".join(downs)
    return path if len(ups) + len(downs) <= MAX_PATH else f"long{min(len(ups) + len(downs), 8)}"


def _path_shape(labels: Optional[tuple[list[str], list[str]]]) -> list[str]:
    """A coarser view of the path, shared by long and rare paths: the candidate's own label with
    how far up and down the path goes ("nsubj/1/2": the subject of a verb two steps above the
    trigger), and the labels the path goes down through to the trigger."""
    if labels is None:
        return ["shape=none"]
    ups, downs = labels
    first = ups[0] if ups else "self"
    return [f"shape={first}/{min(len(ups), 3)}/{min(len(downs), 3)}",
            f"shape_down={'>'.join(d.split('|')[0] for d in downs[:3])}", f"shape_first={first}"]


@dataclass(frozen=True)
class TriggerView:
    """What argument features read of the trigger, the same for every candidate: its voice, the
    subject of its clause and how far up, its ancestors."""

    voice: str
    subject: Optional[int]
    steps: int
    ancestors: list


def trigger_view(trigger: Any) -> TriggerView:
    subject, steps = _clause_subject(trigger)
    return TriggerView(_voice(trigger), subject, steps, _ancestors(trigger))


def _voice(trigger: Any) -> str:
    """passive ("was shot"), own subject ("X shot"), or none ("and shot", "to shoot")."""
    deps = {c.dep_ for c in trigger.children}
    return "passive" if deps & {"nsubjpass", "auxpass"} else "subject" if "nsubj" in deps else "none"


def _speaker(candidate: Any, trigger: Any) -> bool:
    """The subject of a verb whose clausal complement holds the trigger: "officials said
    [figures are establishing lines]" (the one who says so, rarely the one who acts)."""
    if candidate.dep_ != "nsubj":
        return False
    cur = trigger
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.i == candidate.head.i:
            return True
        cur = cur.head
    return False


def _clause_subject(trigger: Any) -> tuple[Optional[int], int]:
    """The subject of the clause that holds the trigger (its own, else that of the first verb
    above it: "Williams confessed to the attack", "warplanes pounded the village, killing six")
    and how many steps up that verb is."""
    cur = trigger
    for steps in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
            if subj is not None:
                return subj.i, steps
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None, 0


def _tensor(token: Any, prefix: str) -> dict[str, float]:
    row = context_vector(token)
    return {} if row is None else dict(zip(tensor_names(len(row), prefix), row.tolist()))


def argument_features(trigger: Any, candidate: Any, category: str, participant: bool,
                      rule_role: Optional[str], view: Optional[TriggerView] = None,
                      with_vector: bool = True) -> dict[str, float]:
    """Features of `candidate` as an argument of the event whose trigger head is `trigger`
    (`view`: trigger_view(trigger), computed once for all its candidates; `with_vector=False`
    leaves out the context vector a0, a1, ..., which context_vector gives apart)."""
    view = view or trigger_view(trigger)
    labels = _path_labels(candidate, trigger, view.ancestors)
    path = _path_string(labels)
    dist = candidate.i - trigger.i
    kind = candidate.ent_type_ or ("PRON" if candidate.lower_ in PRONOUNS else candidate.pos_)
    names = [
        "bias", f"path={path}", f"path_pos={path}:{trigger.pos_}", f"path_cat={path}:{category}",
        f"kind={kind}", f"kind_path={kind}:{path}", f"side={'before' if dist < 0 else 'after'}",
        f"dist={min(abs(dist), 10) // 3}", f"participant={participant}", f"cand_dep={candidate.dep_}",
        f"cand_tag={candidate.tag_}", f"trig_pos={trigger.pos_}", f"cat={category}",
        f"rule={rule_role}", f"rule_path={rule_role}:{path}",
    ]
    voice = view.voice
    names += [f"kind_cat={kind}:{category}", f"part_path={participant}:{path}", f"rule_kind={rule_role}:{kind}",
              f"path_lem={path}:{trigger.lemma_.lower()}", f"voice_path={voice}:{path}"]
    shape = _path_shape(labels)
    names += shape + [f"{x}:{trigger.pos_}" for x in shape] + [f"voice_{shape[0]}:{voice}"]
    subject, steps = view.subject, view.steps
    if subject == candidate.i:
        names += ["clause_subj", f"clause_subj={min(steps, 3)}:{trigger.pos_}", f"clause_subj_cat={category}",
                  f"clause_subj_part={participant}"]
    if _speaker(candidate, trigger):
        names += ["speaker", f"speaker_cat={category}"]
    if candidate.pos_ == "NOUN":
        names.append(f"cand_lem={candidate.lemma_.lower()}")
    features = dict.fromkeys(names, 1.0)
    if with_vector:
        features.update(_tensor(candidate, "a"))  # the pipeline's context vector of the candidate
    return features



def no_argument_features(trigger: Any, category: str, rule_has: bool) -> dict[str, float]:
    """Features of "no actor (recipient) in this sentence", the choice the argument ranker
    weighs against every noun phrase (sayso/stages/events/model.py, EventModel.argument)."""
    names = ["null", f"null_cat={category}", f"null_pos={trigger.pos_}", f"null_dep={trigger.dep_}",
             f"null_rule={rule_has}", f"null_lem={trigger.lemma_.lower()}"]
    voice = _voice(trigger)  # "was shot" names no actor more often than "shot"
    names += [f"null_voice={voice}:{trigger.pos_}", f"null_voice_cat={voice}:{category}",
              f"null_gov_pos={trigger.head.pos_}:{trigger.dep_}"]
    names += [f"null_child={c.dep_}" for c in trigger.children if c.dep_ in NULL_CHILDREN]
    features = dict.fromkeys(names, 1.0)
    features.update(_tensor(trigger, "n"))  # the trigger's context vector
    return features
