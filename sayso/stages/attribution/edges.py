"""Where a content stops or goes on, beyond the clause the parse gives a cue (contents.py).

- before: a clause before a colon ("... make that case: campaigning in Iowa, Clinton seems to
  have found that X"), a reaction drawn (", drawing a sharp reply from Khan"), a clause after a
  dash ("think that X -- London has proved him wrong"), a statement made ("made its statement
  in response to a request"), an object pointing back ("said this while ...");
- on: a list the cue interrupts ("..., the Times said, including speeches"), a second
  that-clause, the paragraph after a colon closing the cue's paragraph (a block quotation), the
  clause before ", according to" that the parse hung elsewhere.
"""
from __future__ import annotations

from typing import Optional

from sayso.stages.attribution.context import Context
from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.spans import Pair, trim

DASHES = frozenset({"-", "–", "—", "--"})
MIN_LEAD_WORDS = 3
LIGHT_SAYING = frozenset({"make", "issue", "give", "release", "deliver", "put"})
REACTIONS = frozenset({"draw", "prompt", "spark", "trigger", "provoke", "elicit", "earn", "invite"})
BACK_REFERENCES = frozenset({"this", "that", "it", "so", "these", "those"})
LIST_WORDS = frozenset({"including", "notably", "especially", "particularly"})


def after_colon(ctx: Context, part: Pair, cue_start: int) -> Pair:  # cue_start: its speaker's, if first
    """'The campaign has struggled to make that case: campaigning in Iowa, Clinton seems to
    have found that ...': a clause before a colon or semicolon is not the content of a cue
    after it (marks inside a quotation do not count)."""
    text = ctx.text
    for i in range(min(part[1], cue_start) - 1, part[0], -1):
        if text[i] in ":;" and ctx.quotes.at(i) is None:
            return trim(text, (i + 1, part[1])) or part
    return part


def list_after(ctx: Context, verb, parts: list[Pair]) -> list[Pair]:
    """'The emails were on many topics, the Times said, including speeches and meetings': a list
    the cue interrupts goes on in the content before it."""
    if not parts or parts[-1][1] > verb.idx:
        return []
    doc = verb.doc
    for child in verb.children:
        if child.i > verb.i and child.lower_ in LIST_WORDS and doc[child.i - 1].text == ",":
            return [(child.idx, doc[child.right_edge.i].idx + len(doc[child.right_edge.i]))]
    return []


def before_reaction(clause, span: Pair) -> Pair:
    """'said he would make an exception, drawing a sharp reply from Khan': the reaction the
    statement drew, told at the content's end, is the teller's."""
    doc = clause.doc
    for tok in clause.subtree:
        if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.lemma_.lower() in REACTIONS and tok.i > 0
                and doc[tok.i - 1].text == "," and tok.right_edge.idx + len(tok.right_edge) >= span[1]):
            return (span[0], doc[tok.i - 1].idx) if doc[tok.i - 1].idx > span[0] else span
    return span


def after_dash(clause) -> bool:
    """'think that liberal values are incompatible with Islam -- London has proved him wrong': a
    clause after a dash, with no 'that' of its own, is the speaker's own remark, not the content."""
    doc, left = clause.doc, clause.left_edge.i
    return left > 0 and doc[left - 1].text in DASHES and not any(c.dep_ == "mark" for c in clause.children)


def made_statement(verb, obj, lex: Lexicon) -> bool:
    """'made its statement in response to a request', 'issued a statement on Monday': the object
    is the saying itself, not what is said (that would be its own clause or quotation)."""
    return (verb.lemma_.lower() in LIGHT_SAYING and obj.lemma_.lower() in lex.interview_nouns
            and not any(c.dep_ in ("acl", "ccomp", "relcl") for c in obj.children))


def block_after(ctx: Context, offset: int) -> Optional[Pair]:
    """The next paragraph, when the paragraph of offset ends with a colon after it."""
    para = ctx.paragraph(offset)
    colon = len(ctx.text[:para[1]].rstrip()) - 1
    return next_paragraph(ctx, colon) if colon >= offset else None


def next_paragraph(ctx: Context, colon: int) -> Optional[Pair]:
    """'According to Jack Kelly, writing for RealClearPolitics:' closing its paragraph: the
    next paragraph is what is quoted (a block quotation whose marks the text lost)."""
    text = ctx.text
    if text[colon] != ":" or text[colon + 1:ctx.paragraph(colon)[1]].strip():
        return None
    end = ctx.paragraph(colon)[1]
    return trim(text, ctx.paragraph(end + 1)) if end < len(text) else None


def clause_before(ctx: Context, first, start: int) -> Optional[Pair]:
    """The clause from `start` to ', according to' that the parse hung on a verb after the phrase
    (the phrase's own relative clause taken for the sentence's conjunct), if it has words enough."""
    doc = first.doc
    if first.i == 0 or doc[first.i - 1].text != ",":
        return None
    span = trim(ctx.text, (start, doc[first.i - 1].idx))
    return span if span and len(ctx.text[span[0]:span[1]].split()) >= MIN_LEAD_WORDS else None
