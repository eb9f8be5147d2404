"""The frame a trigger candidate sits in, as features for the event model (features.py): what an
analyst reading real news found the word lists get wrong.

- a request frame: the trigger is what someone asks for ("called on X to resign", "called for
  Obama to resign", "urged Russia to withdraw"): the asking is the event, the act is only asked;
- negation of the trigger or of the verb it hangs from ("did not engage in attacks");
- mood: an imperative or hypothetical clause ("Say Mexico demanded ..."), a condition ("if they
  attack"), a question;
- the document's register: how many words of speech and argument ("attacks on Sanders" in a
  debate), of election campaigns ("strong support from whites" in a poll), of force and its
  victims, of markets it holds. On dev (train-only model, recall over candidates at a given
  precision) the document's registers paid, the sentence's did not.
Each is a name with the value 1, alone and with the lexicon's category; the model learns from
the annotations what each frame means for each category. The word sets are features, never
triggers.
"""
from __future__ import annotations

from typing import Any, Iterator

from spacy.attrs import LEMMA

from sayso.nlp.memo import doc_memo, sentence_of

REQUEST_VERBS = frozenset({"ask", "urge", "call", "demand", "press", "appeal", "plead", "beg", "implore", "request",
                           "seek", "push", "petition", "lobby", "insist", "exhort", "encourage", "want"})
NEGATORS = frozenset({"not", "n't", "never", "no", "without"})
CONDITIONALS = frozenset({"if", "unless", "whether"})
STEPS = 4  # how far up the heads a frame is looked for
REGISTERS = {
    "speech": frozenset({"say", "tweet", "speech", "debate", "interview", "remark", "rhetoric", "comment", "ad",
                         "statement", "criticism", "insult", "argue", "accuse", "blast", "slam", "claim", "tell",
                         "question", "answer", "attack", "word", "language", "message", "op", "column"}),
    "campaign": frozenset({"campaign", "election", "primary", "nominee", "nomination", "voter", "vote", "poll",
                           "candidate", "delegate", "convention", "caucus", "ballot", "supporter", "rally",
                           "percent", "survey", "race", "presidential", "republican", "democrat", "gop"}),
    "force": frozenset({"kill", "wound", "troop", "soldier", "police", "gun", "bomb", "civilian", "militant",
                        "rebel", "army", "military", "weapon", "shoot", "fire", "injure", "dead", "casualty",
                        "airstrike", "strike", "force", "fighter", "gunman", "attacker", "explosion", "missile"}),
    "market": frozenset({"share", "stock", "price", "investor", "market", "revenue", "profit", "sale", "customer",
                         "product", "analyst", "quarter", "earnings", "company", "firm", "index"}),
}


def _up(token: Any) -> Iterator[Any]:
    """The trigger's heads, nearest first, up to STEPS of them."""
    cur = token
    for _ in range(STEPS):
        if cur.head.i == cur.i:
            return
        cur = cur.head
        yield cur


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in NEGATORS) for c in token.children)


def request_frame(trigger: Any) -> Iterator[str]:
    """A request verb above the trigger ("called on X to resign"), with how the trigger hangs
    from it (the last link before the verb)."""
    link = trigger
    for head in _up(trigger):
        if head.pos_ == "VERB" and head.lemma_.lower() in REQUEST_VERBS:
            yield "frame=request"
            yield f"frame=request:{link.dep_}"
            return
        if head.pos_ == "VERB" and link.dep_ not in ("xcomp", "ccomp", "pobj", "prep", "dobj", "advcl", "acl"):
            return
        link = head


def negation_frame(trigger: Any) -> Iterator[str]:
    """Negation of the trigger, or of the first verb above it when the trigger is a noun or
    non-finite verb that verb governs ("did not engage in attacks", "refused to")."""
    if _negated(trigger):
        yield "frame=neg"
        return
    for head in _up(trigger):
        if head.pos_ in ("VERB", "AUX"):
            if _negated(head):
                yield "frame=neg_gov"
            return


def mood_frame(trigger: Any) -> Iterator[str]:
    """An imperative main clause ("Say Mexico demanded ..."), a condition above the trigger,
    a modal of possibility on the trigger's verb, a question."""
    chain = [trigger, *_up(trigger)]
    root = chain[-1]
    if root.tag_ == "VB" and root.dep_ == "ROOT" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "expl") for c in root.children):
        yield "frame=imperative"
    for t in chain:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in t.children):
            yield "frame=conditional"
            break
    for t in chain[:2]:
        modal = next((c.lower_ for c in t.children if c.tag_ == "MD"), None)
        if modal is not None:
            yield f"frame=modal:{modal}"
            break
    sent = sentence_of(trigger)
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        yield "frame=question"


def document_registers(doc: Any) -> tuple[str, ...]:
    """How much of each register the whole document holds, per thousand words in four bands:
    business news talks of deals and support in another sense than world news, campaign news
    of attacks and rallies in another sense than war news (computed once per document)."""
    memo = doc_memo(doc)
    found = memo.get("document_registers")
    if found is None:
        counts = dict.fromkeys(REGISTERS, 0)
        strings = doc.vocab.strings
        for key, n in doc.count_by(LEMMA).items():  # each lemma once, with how often it occurs
            lemma = strings[key].lower()
            for name, words in REGISTERS.items():
                if lemma in words:
                    counts[name] += n
        size = max(len(doc), 1) / 1000.0
        found = memo["document_registers"] = tuple(f"doc_reg={name}:{_band(n / size)}" for name, n in counts.items())
    return found


def _band(per_thousand: float) -> int:
    return 0 if per_thousand < 2 else 1 if per_thousand < 8 else 2 if per_thousand < 20 else 3


def frame_names(trigger: Any, lexicon_category: str) -> list[str]:
    """The frame features of a trigger candidate, alone and with its lexicon category."""
    names = [*request_frame(trigger), *negation_frame(trigger), *mood_frame(trigger),
             *document_registers(trigger.doc)]
    return names + [f"{n}|{lexicon_category}" for n in names]
