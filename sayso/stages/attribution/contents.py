"""Content: what the source says, read off the cue's complements or the quotations beside it.

The content excludes the cue and the source. An indirect content is the complement clause
("that ..." included, the closing full stop left out); a direct content is the quotation, its
marks included (PolNeAR's convention), all quotations of the sentence when the quote is broken
by the cue ("“A,” he said, “B.”"), and every paragraph of a multi-paragraph quotation.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sayso.stages.attribution.context import Context
from sayso.stages.attribution.asides import CLAUSES, set_off_before, trailing_start
from sayso.stages.attribution.cues import REPORTING, Cue, shares_subject
from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.edges import (BACK_REFERENCES, after_colon, after_dash, before_reaction, block_after,
                                            clause_before, list_after, made_statement)
from sayso.stages.attribution.quoted import (MIN_LEAD_WORDS, adjacent_quotes, inside_one_quote, inverted, lead_in,
                                             led_quote, quote_start, sentence_quotes, with_clause_before)
from sayso.stages.attribution.spans import Pair, char_tokens, clause_span, minus, subtree_span, trim

OBJECTS = ("dobj", "attr")
RECIPIENTS = ("dobj", "dative", "iobj")
OBJECT_TAIL = frozenset({"prep", "oprd", "xcomp", "ccomp", "dobj", "attr"})
SAYING = REPORTING  # plain reporting verbs
CONTRAST = frozenset({"while", "whereas"})
DATELINE_CHARS = 60
MARKERS = frozenset({"that", "whether", "if"})
# what opens an aside after a comma at the content's end ("..., which ...", "..., a move that ...")
ASIDES = {"relcl": frozenset({"which", "who", "whom", "whose", "where"}), "appos": frozenset({"a", "an"})}
SETTING_PREPS = frozenset({"at", "during"})
ADJACENT_PREPS = frozenset({"about", "of", "for", "on", "against", "over", "to"})


@dataclass(frozen=True)
class Content:
    parts: tuple[Pair, ...]
    type: str
    cue_last: int  # the cue may grow over an adjacent preposition ("talked about")
    recipient: Optional[int] = None  # the token of the one told ("told The Daily Telegraph")


def content_of(ctx: Context, cue: Cue, source: Optional[Pair]) -> Optional[Content]:
    doc = ctx.doc
    verb = doc[cue.head]
    if cue.phrase:
        block = block_after(ctx, max(doc[cue.last].idx, source[1] if source else 0))
        if block is not None:  # 'According to Jack Kelly, writing for RealClearPolitics:' and a block quotation
            return _finish(ctx, [block], source, cue.last, None, cue.first)
        parts = _phrase_content(ctx, cue, source)
        quoted = {(q.start, q.end) for q in ctx.quotes.within(*ctx.sentence_of[cue.head])}
        parts = [p if p in quoted else _clip(ctx, p, verb.idx) for p in parts]
        return _finish(ctx, parts, source, cue.last, None, cue.first)
    recipient = _recipient(ctx, verb)
    cue_last = cue.last
    span, cue_last = _complements(ctx, verb, recipient, cue_last)
    if span is None:
        span, cue_last = _noun_clause(verb, cue_last, recipient)
    if span is None and verb.lemma_.lower() not in ctx.lex.clause_only:
        span = _objects(verb, recipient, ctx.lex)
        if span is None:
            span, cue_last = _adjacent_prep(verb, cue_last, ctx.lex)
    cue_last = _statement_phrase(ctx, verb, cue_last)
    led = led_quote(ctx, cue_last, source)
    if led and doc[cue_last + 1].text == ":" and doc[cue_last].idx + len(doc[cue_last]) == doc[cue_last + 1].idx:
        cue_last += 1  # "said:" — PolNeAR keeps the colon in the cue
    inside = ctx.quotes.at(verb.idx)
    parts = led
    if not parts and span is None and set_off_before(verb):
        parts = [_clip(ctx, p, verb.idx) for p in inverted(ctx, verb)]
    leads = verb.lemma_.lower() not in ctx.lex.clause_only or span is not None  # not 'learned of X, "..."'
    if not parts and leads and inside is None and (span is None or inside_one_quote(ctx, span)):
        parts = lead_in(ctx, sentence_quotes(ctx, cue, source), cue_last, source, recipient)
        parts = with_clause_before(ctx, verb, parts) or adjacent_quotes(ctx, cue, source)
    if not parts and span is not None:
        parts = [ctx.quotes.snap(_clip(ctx, span, verb.idx))] if inside is None else [span]
    if not parts:
        parts = [_clip(ctx, p, verb.idx) for p in inverted(ctx, verb)] or _trailing(ctx, verb)
    parts = [after_colon(ctx, p, min(doc[cue.first].idx, source[0] if source else len(ctx.text))) for p in parts]
    return _finish(ctx, parts + list_after(ctx, verb, parts), source, cue_last, recipient, cue.first)


def _trailing(ctx: Context, verb) -> list[Pair]:
    """'..., reports the Suffolk Times' with no complement in the parse: the clause before the comma."""
    first = trailing_start(verb)
    if first is None or ctx.quotes.at(verb.idx) is not None:
        return []
    before = clause_before(ctx, ctx.doc[first], quote_start(ctx, ctx.sentence_of[verb.i][0]))
    return [before] if before is not None else []


def _clip(ctx: Context, span: Pair, offset: int) -> Pair:
    """Span kept within the line of offset (a parse may run across lines and paragraphs)."""
    text = ctx.text
    start = text.rfind("\n", span[0], offset) + 1 or span[0]
    end = text.find("\n", offset, span[1])
    return max(span[0], start), (span[1] if end < 0 else end)


def _statement_phrase(ctx: Context, verb, cue_last: int) -> int:
    """'said in a statement', 'wrote on Twitter': the channel right after the verb joins the cue
    (PolNeAR's convention)."""
    doc = verb.doc
    nxt = cue_last + 1
    if nxt >= len(doc) or doc[nxt].lower_ not in ("in", "on") or doc[nxt].head.i != verb.i:
        return cue_last
    noun = _pobj(doc[nxt])
    if noun is None or noun.right_edge.i - nxt > 8:
        return cue_last
    return noun.right_edge.i if noun.lemma_.lower() in ctx.lex.interview_nouns else cue_last


def _finish(ctx: Context, parts, source, cue_last: int, recipient, cue_first: int) -> Optional[Content]:
    """The parts without the source and the cue's own words, trimmed, in text order."""
    doc = ctx.doc
    own = (doc[cue_first].idx, doc[cue_last].idx + len(doc[cue_last]))
    cleaned: list[Pair] = []
    for part in parts or ():
        pieces = minus(part, source) if source else [part]
        for piece in (p for whole in pieces for p in minus(whole, own)):
            q = ctx.quotes.at(piece[0])
            if q is not None and (q.start, q.end) == piece:
                t = piece
            else:
                t = trim(ctx.text, _without_aside(ctx, _after_dateline(ctx.text, piece)))
            if t is not None:
                cleaned.append(t)
    if not cleaned:
        return None
    cleaned.sort()
    return Content(tuple(cleaned), _type(ctx, cleaned), cue_last, recipient)


def _without_aside(ctx: Context, span: Pair) -> Pair:
    """'... a fair sentence, which I said was ...', '... the Hyde Amendment, a federal provision
    ...': a relative clause or an apposition set off by a comma at the end of the content is the
    writer's aside, not what was said."""
    tokens = [t for t in char_tokens(ctx.doc, *span) if not t.is_punct and not t.is_space]
    if len(tokens) < 3:
        return span
    last = tokens[-1]
    for tok in tokens[1:]:
        if tok.dep_ not in ASIDES or tok.right_edge.i < last.i or tok.head.i >= tok.i:
            continue
        if tok.left_edge.lower_ not in ASIDES[tok.dep_]:
            continue
        comma = tok.left_edge.i - 1
        if comma > tokens[0].i and ctx.doc[comma].text == "," and ctx.doc[comma].idx >= span[0]:
            return span[0], ctx.doc[comma].idx
    return span


def _after_dateline(text: str, span: Pair) -> Pair:
    """'LOS ANGELES, Feb. 2 (UPI) — The record is done': the dateline before the dash is not
    what was said. A dateline: a word in capitals first, then only capitalized words, numbers
    and punctuation up to the dash."""
    head = text[span[0]:min(span[1], span[0] + DATELINE_CHARS)]
    first = head.split(" ", 1)[0].strip(",")
    if len(first) < 2 or not first.isalpha() or not first.isupper():
        return span
    for dash in (" — ", " – ", " -- "):
        k = head.find(dash)
        if k > 0 and all(w[:1].isupper() or w[:1].isdigit() or not w[:1].isalnum() for w in head[:k].split()):
            return span[0] + k + len(dash), span[1]
    return span


def _type(ctx: Context, parts: list[Pair]) -> str:
    whole = 0
    quoted = False
    for part in parts:
        share = ctx.quotes.quoted_share(part)
        quoted = quoted or share > 0
        whole += share >= 0.95
    if whole == len(parts):
        return "direct"
    return "mixed" if quoted else "indirect"


def _recipient(ctx: Context, verb) -> Optional[int]:
    lex = ctx.lex
    lemma = verb.lemma_.lower()
    clause = any(c.dep_ in CLAUSES for c in verb.children)
    if lemma in lex.telling or (lemma in lex.telling_with_clause and clause):
        for child in verb.children:
            if child.dep_ in RECIPIENTS and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child.i
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        lower = child.lower_
        if lower in lex.telling_prepositions:
            obj = _pobj(child)
            if obj is not None:
                return obj.i
        if lower == "in":
            found = _interview_partner(child, lex)
            if found is not None:
                return found
    return None


def _interview_partner(prep, lex: Lexicon) -> Optional[int]:
    noun = _pobj(prep)
    if noun is None or noun.lemma_.lower() not in lex.interview_nouns:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in lex.telling_prepositions:
            obj = _pobj(child)
            if obj is not None:
                return obj.i
    return None


def _pobj(prep):
    for child in prep.children:
        if child.dep_ == "pobj":
            return child
    return None


def _complements(ctx: Context, verb, recipient: Optional[int], cue_last: int) -> tuple[Optional[Pair], int]:
    """The complement clauses; an object before an infinitive is content ("urged the council to
    act"), one before a that-clause is not ("warned voters that ...")."""
    chosen = [c for c in verb.children if c.dep_ in CLAUSES and c.i != recipient]
    chosen = [c for c in chosen if c is min(chosen, key=lambda x: x.i) or not _own_report(c)]
    if not chosen:
        return with_second_clauses(verb, _hung_on_prep(verb)), cue_last
    first = min(chosen, key=lambda c: c.i)
    chosen = [c for c in chosen if c is first or not after_dash(c)]
    chosen += [c for c in verb.children if c.i > first.i and _second_that_clause(c)]
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != recipient and verb.i < c.i < first.i]
    span = _union(chosen) if objects and first.dep_ == "ccomp" else _union(chosen + objects)
    return before_reaction(first, _before_next_report(ctx, first, _from_mark(first, span))), cue_last


def with_second_clauses(verb, span: Optional[Pair]) -> Optional[Pair]:
    """'told the audience at his fundraiser that A but that B': the second that-clause too."""
    seconds = [c for c in verb.children if _second_that_clause(c) and span is not None and c.idx > span[0]]
    if not seconds:
        return span
    last = seconds[-1].right_edge
    return span[0], max(span[1], last.idx + len(last))


def _second_that_clause(tok) -> bool:
    """'said he is thankful, but that the state is far from funding schools': a that-clause the
    parse joined to the cue as its conjunct is a second complement of the same cue."""
    return tok.dep_ == "conj" and not _own_report(tok) and any(
        c.dep_ == "mark" and c.lower_ == "that" and c.i == tok.left_edge.i for c in tok.children)


def _before_next_report(ctx: Context, clause, span: Pair) -> Pair:
    """'X said A, and 4 in 10 said B' / 'A, while 22 percent said B': a clause joined to the
    complement that reports with a subject of its own is another statement, not this content."""
    for tok in clause.subtree:
        if tok.i <= clause.i or tok.lemma_.lower() not in SAYING or not _joined(tok):
            continue
        if _own_report(tok) and tok.head.i >= clause.i:
            start = tok.left_edge.idx
            return (span[0], start) if start > span[0] else span
        if shares_subject(tok):
            start = tok.left_edge.idx
            return (span[0], start) if start > span[0] else span
    return span


def _own_report(tok) -> bool:
    """A reporting verb with a subject of its own: another statement ('and 4 in 10 said B')."""
    return tok.lemma_.lower() in SAYING and any(c.dep_ == "nsubj" for c in tok.children)


def _hung_on_prep(verb) -> Optional[Pair]:
    """'told customers at a breakfast spot that X', 'said in a statement that X': the parse hung
    the that-clause on the noun of a phrase after the verb; the clause from 'that' is content."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for tok in prep.subtree:
            if tok.dep_ == "mark" and tok.lower_ == "that" and tok.head.dep_ in ("relcl", "acl") and tok.head.i > tok.i:
                return tok.idx, clause_span(tok.head)[1]
    return None


def _joined(tok) -> bool:
    """A conjunct, or a clause opened by a contrasting 'while' / 'whereas'."""
    if tok.dep_ == "conj":
        return True
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST for c in tok.children)


def _from_mark(clause, span: Pair) -> Pair:
    """'said at a rally that X', 'said Tuesday that X': what the parse hung on the clause before
    its 'that' / 'whether' / 'if' is not content (PolNeAR starts at the complementizer)."""
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in MARKERS and child.idx > span[0]:
            return child.idx, span[1]
    return span


def _noun_clause(verb, cue_last: int, recipient: Optional[int]) -> tuple[Optional[Pair], int]:
    """'expressed concern that X', 'made it clear that X': the object joins the cue and the
    clause it governs is the content."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.i == recipient or obj.i < verb.i:
            continue
        for clause in obj.children:
            if clause.dep_ in ("ccomp", "acl") and clause.i > obj.i and _has_that(clause):
                return clause_span(clause), max(cue_last, obj.i)
    return None, cue_last


def _has_that(clause) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _objects(verb, recipient: Optional[int], lex: Lexicon) -> Optional[Pair]:
    """The object and what follows it in the verb phrase ("X as a traitor", "X for doing Y")."""
    chosen = [c for c in verb.children if c.dep_ in OBJECTS and c.i != recipient and c.i > verb.i]
    if not chosen or made_statement(verb, chosen[0], lex) or chosen[0].lower_ in BACK_REFERENCES:
        return None  # 'She said this while answering questions': what "this" refers to was said before
    for child in verb.children:
        if child.i <= chosen[-1].i:
            continue
        if child.dep_ not in OBJECT_TAIL or (child.dep_ == "prep" and _setting(child, lex)):
            break
        chosen.append(child)
    return _union(chosen)


def _setting(prep, lex: Lexicon) -> bool:
    """When, where or through what it was said, not what: 'on Monday', 'at a rally', 'during a
    debate', 'in an interview'."""
    obj = _pobj(prep)
    if obj is None:
        return False
    if obj.ent_type_ in ("DATE", "TIME") or prep.lower_ in SETTING_PREPS:
        return True
    return prep.lower_ in ("in", "on") and obj.lemma_.lower() in lex.interview_nouns


def _adjacent_prep(verb, cue_last: int, lex: Lexicon) -> tuple[Optional[Pair], int]:
    """'spoke about the plan', 'warned of attacks'; never a setting ('said on Monday')."""
    doc = verb.doc
    nxt = cue_last + 1
    if nxt < len(doc) and doc[nxt].dep_ == "prep" and doc[nxt].head.i == verb.i and doc[nxt].lower_ in ADJACENT_PREPS \
            and not _setting(doc[nxt], lex):
        obj = _pobj(doc[nxt])
        if obj is not None:
            return subtree_span(obj), nxt
    return None, cue_last


def _union(tokens) -> Pair:
    spans = [clause_span(t) for t in tokens]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _phrase_content(ctx: Context, cue: Cue, source: Optional[Pair]) -> list[Pair]:
    doc = ctx.doc
    first = doc[cue.first]
    own = (first.idx, source[1] if source else first.idx + len(first))
    own = subtree_span(first) if subtree_span(first)[1] > own[1] else own
    sentence = ctx.sentence_of[first.i]
    last = not ctx.text[own[1]:sentence[1]].strip(" .;!?\"”’\n")
    quotes = sentence_quotes(ctx, cue, source)
    if first.lower_ == "as":  # '"Q," Carson noted, as reported by BuzzFeed News': the sentence relayed
        return minus((quote_start(ctx, sentence[0]), sentence[1]), own)
    if quotes:
        before = ctx.text[quote_start(ctx, sentence[0]):quotes[0][0]]
        if last and len(before.split()) >= MIN_LEAD_WORDS:
            return minus(sentence, own)  # 'A, but since B, "C," according to Z': all of it
        return quotes
    head = first.head
    if head.i == first.i:
        return []
    before = clause_before(ctx, first, quote_start(ctx, sentence[0]))
    if head.i > first.i and before is not None:
        return [before]  # 'X, according to sources who spoke to Fox but were not authorized to ...'
    clause = subtree_span(head)
    if head.dep_ == "conj" and last:
        clause = sentence  # 'A did X and B did Y, according to Z': the whole sentence, all its conjuncts
    return minus(clause, own)
