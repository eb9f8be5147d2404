"""Attributions found in one document: cues, speakers and contents, then quotes with no cue.

`find(doc, text, lex)` returns `Found` items in text order; chains.py resolves speakers and
links parents, __init__.py turns them into records.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from sayso.stages.attribution.context import Context, make_context
from sayso.stages.attribution.contents import content_of
from sayso.stages.attribution.cues import find_cues
from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.nouns import noun_cues
from sayso.stages.attribution.quotes import find_quotes, paragraph_breaks
from sayso.stages.attribution.sources import Speaker, speaker
from sayso.stages.attribution.spans import Pair, QuoteIndex, char_tokens, trim

MIN_QUOTE_WORDS = 3
MIN_QUOTE_SHARE = 0.5
MAX_PARAGRAPHS_BACK = 2
MAX_NAME_TOKENS = 6
MIN_LINE_WORDS = 3
ONE_WORD_NAMES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SETTINGS = frozenset({"at", "in", "on", "to", "before", "after", "during"})  # "Mukasey at RNC:"


@dataclass(frozen=True)
class Found:
    speaker: Speaker
    cue: Optional[Pair]
    content: tuple[Pair, ...]
    type: str
    recipient: Optional[int] = None  # token told ("told The Daily Telegraph")
    relay: bool = False  # an outlet something was told to; it has no content of its own
    continues: Optional[int] = None  # index of the attribution a cueless quote continues
    inner: bool = False  # only valid inside another attribution (dropped when none holds it)

    @property
    def anchor(self) -> int:
        if self.cue is not None:
            return self.cue[0]
        return self.content[0][0] if self.content else self.speaker.span[0]


def find(doc, text: str, lex: Lexicon) -> tuple[list[Found], Context]:
    breaks = paragraph_breaks(text)
    quotes = QuoteIndex(find_quotes(text, breaks))
    ctx = make_context(doc, text, quotes, lex, breaks)
    found: list[Found] = []
    seen: set = set()
    for cue in find_cues(doc, lex, lambda offset: quotes.at(offset) is not None):
        if cue.speaker is None or cue.first <= cue.speaker <= cue.last:
            continue
        cue_span = (doc[cue.first].idx, doc[cue.last].idx + len(doc[cue.last]))
        who = speaker(doc, text, cue.speaker, lex, avoid=cue_span)
        if who is None or (who.gender == "first" and quotes.at(cue_span[0]) is not None):
            continue  # "I think" inside a quotation: the quoted speaker's own words
        content = content_of(ctx, cue, who.span)
        if content is None or (who.span, content.parts) in seen:
            continue
        seen.add((who.span, content.parts))
        last = doc[content.cue_last]
        cue_pair = (cue_span[0], last.idx + len(last))
        found.append(Found(who, cue_pair, content.parts, content.type, content.recipient, inner=cue.inner))
    found.extend(_noun_reports(doc, text, lex, found))
    found.extend(_speaker_colons(ctx, lex, found))
    found.sort(key=lambda f: f.anchor)
    return _with_continuations(ctx, found), ctx


def _noun_reports(doc, text: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """'amid reports that X': a noun of saying and its that-clause, unless a verb cue already
    has the noun in its cue or as its speaker's head ("reports said that X")."""
    cues = [f.cue for f in found if f.cue]
    speakers = {doc[f.speaker.head].idx for f in found}
    return [Found(who, cue, (content,), "indirect") for who, cue, content in noun_cues(doc, text, lex)
            if cue[0] not in speakers and not any(c[0] < cue[1] and cue[0] < c[1] for c in cues)]


def _speaker_colons(ctx: Context, lex: Lexicon, found: list[Found]) -> list[Found]:
    """'Pat Caddell: Voters Worried ...', 'Nuland — “This is how ...”': a name opening a
    paragraph, then a colon or dash, then what the named one says (to the paragraph's end)."""
    doc, text = ctx.doc, ctx.text
    taken = {f.cue[0] for f in found if f.cue}
    result = []
    for start in [0] + [b + 1 for b in ctx.breaks]:
        first = _token_at(doc, start)
        if first is None:
            continue
        mark = _leading_mark(doc, first)
        if mark is None or doc[mark].idx in taken:
            continue
        if doc[mark].text != ":" and _dateline(doc, first, mark):
            continue
        head = _name_head(doc, first, mark, lex)
        para_end = ctx.paragraph(doc[mark].idx)[1]
        content = trim(text, (doc[mark].idx + 1, para_end))
        if head is None or content is None or _aside_after(head, mark):
            continue  # "Graham—who had endorsed ...—": the mark sets off the name's own aside
        colon = doc[mark].text == ":"
        if colon and doc[mark].idx - first.idx < 2:
            continue  # "Q:" / "A:" of an interview transcript
        # a headline "Trump: My plans aren't set" hangs the statement on the name: leave it out
        who = speaker(doc, text, head.i, lex, avoid=(doc[mark].idx, para_end) if colon else None)
        if who is None or who.span[1] > doc[mark].idx:
            continue
        cue = (doc[mark].idx, doc[mark].idx + len(doc[mark]))
        kind = "direct" if ctx.quotes.quoted_share(content) >= 0.95 else "indirect"
        result.append(Found(who, cue, (content,), kind))
    return result


def _token_at(doc, offset: int):
    span = char_tokens(doc, offset, offset + 1)
    if len(span) == 0:
        return None
    tok = span[0]
    while tok.is_space and tok.i + 1 < len(doc):
        tok = doc[tok.i + 1]
    return tok


def _leading_mark(doc, first) -> Optional[int]:
    for tok in doc[first.i:min(first.i + MAX_NAME_TOKENS + 1, len(doc))]:
        if tok.text in (":", "—", "–") and tok.i > first.i:
            return tok.i
        if tok.is_space or "\n" in tok.text_with_ws or tok.pos_ in ("VERB", "AUX", "PRON"):
            return None
    return None


def _dateline(doc, first, mark: int) -> bool:
    """'WASHINGTON —', 'LOS ANGELES, Feb. 2 (UPI) —': a place in capitals before a dash opens
    the story; it says nothing."""
    words = [t for t in doc[first.i:mark] if t.is_alpha]
    return bool(words) and words[0].is_upper and len(words[0]) > 1


def _name_head(doc, first, mark: int, lex: Lexicon):
    """The head of a name before the mark, when the words there are a name (proper nouns);
    a headline label ("Report:", "Exclusive:"), a byline or a caption ("By:", "Buy Photo:")
    is none."""
    words = [t for t in doc[first.i:mark] if not t.is_punct]
    setting = next((n for n, t in enumerate(words) if n and t.pos_ == "ADP" and t.lower_ in SETTINGS), None)
    words = words[:setting]  # 'Former AG Mukasey at RNC:', 'Trump to GOP:': the name before the setting
    if doc[first.i:mark].text.lower().replace("’", "'") in lex.headline_labels:
        return None
    if words and words[-1].lower_ in lex.caption_labels:
        return None
    if len(words) == 1 and words[0].is_alpha and words[0].text[:1].isupper() and _says_words(doc, mark):
        return words[0] if _one_word_speaker(words[0], lex) else None  # 'Poll: ...', 'TAPPER: ...'
    if not words or not any(t.pos_ == "PROPN" for t in words) or not words[-1].text[:1].isupper():
        return None  # "Editor's note:": a label in lower case, not a name
    return words[-1]


def _one_word_speaker(tok, lex: Lexicon) -> bool:
    """'Poll:', 'TAPPER:', 'Lynch:', 'Officials:': a name (one the article names somewhere), a
    transcript's speaker in capitals, a document or an anonymous source; 'Bombshell:',
    'Newspaper:' (no outlet named) label a headline."""
    lemma = tok.lemma_.lower()
    if (tok.is_upper and len(tok) > 1) or lemma in lex.document_nouns or lemma in lex.anonymous_nouns:
        return True
    return any(t.ent_type_ in ONE_WORD_NAMES and t.text == tok.text for t in tok.doc)


def _aside_after(head, mark: int) -> bool:
    """'Graham—who had endorsed Bush—will ...': the dash sets off the name's relative clause."""
    return head.doc[mark].text != ":" and any(c.i > mark and c.dep_ == "relcl" for c in head.children)


def _says_words(doc, mark: int) -> bool:
    """Words follow the mark on its line ('Superdelegates: 121' or a bare link says nothing)."""
    words = 0
    for tok in doc[mark + 1:min(mark + 1 + MIN_LINE_WORDS * 2, len(doc))]:
        if "\n" in tok.text:
            break
        words += tok.is_alpha
    return words >= MIN_LINE_WORDS


def _with_continuations(ctx: Context, found: list[Found]) -> list[Found]:
    """Quotations no cue claims, given to the last speaker before them (same or previous paragraph)."""
    claimed = sorted(
        part for f in found if f.cue is None or ctx.quotes.at(f.cue[0]) is None for part in f.content
    )
    breaks = ctx.breaks
    result = list(found)
    extra: list[Found] = []
    done_groups: set[int] = set()
    for q in ctx.quotes.quotes:
        if q.group in done_groups or _claimed(claimed, (q.start, q.end)) or not _speech_like(ctx, q):
            continue
        done_groups.add(q.group)
        last = _last_before(result + extra, q.start, breaks, lambda at: ctx.quotes.at(at) is not None)
        if last is None:
            continue
        previous = (result + extra)[last]
        parts = _unclaimed_run(ctx, q, claimed)
        if _runs_on(ctx.text, previous, q.start):
            grown = replace(previous, content=previous.content + parts)
            if last < len(result):
                result[last] = grown
            else:
                extra[last - len(result)] = grown
            continue
        extra.append(Found(previous.speaker, None, parts, "direct", continues=last))
    if not extra:
        return result
    return result + extra


def _unclaimed_run(ctx: Context, q, claimed: list[Pair]) -> tuple[Pair, ...]:
    """The parts of q's multi-paragraph quotation from q on, up to one a cue claims (a paragraph
    with a cue of its own is a new statement: '“A.\n“B,” she said.')."""
    parts = []
    for part in ctx.quotes.group(q):
        if part.start < q.start:
            continue
        if part.start > q.start and _claimed(claimed, (part.start, part.end)):
            break
        parts.append((part.start, part.end))
    return tuple(parts)


def _runs_on(text: str, previous: Found, start: int) -> bool:
    """A quotation that opens right where the last speaker's quoted content ends, only white
    space between ("He added: “A.”\n\n“B.”"), is more of the same statement (PolNeAR's
    convention: one content running over the paragraphs); so is one after a quotation no cue
    claimed. A quotation after "..., she said." is not (a new statement)."""
    if not previous.content or (previous.cue is not None and previous.cue[0] > previous.content[-1][0]):
        return False
    end = previous.content[-1][1]
    return end <= start and not text[end:start].strip() and text[end - 1] in "\"”’'"


def _claimed(claimed: list[Pair], span: Pair) -> bool:
    from bisect import bisect_right

    i = bisect_right(claimed, (span[1], span[1]))
    for j in range(max(i - 3, 0), i):
        part = claimed[j]
        if part[0] < span[1] and span[0] < part[1]:
            return True
    return False


def _speech_like(ctx: Context, q) -> bool:
    words = ctx.text[q.start:q.end].split()
    if len(words) < MIN_QUOTE_WORDS:
        return False
    doc = ctx.doc
    span = char_tokens(doc, q.start, q.end)
    if len(span) == 0:
        return False
    start, end = ctx.sentence_of[span[0].i]
    return (min(q.end, end) - max(q.start, start)) / max(end - start, 1) >= MIN_QUOTE_SHARE


def _last_before(found: list[Found], offset: int, breaks: list[int], quoted=lambda _: False) -> Optional[int]:
    """The last speaker before offset: no relay, no teller retelling another's statement, no
    speaker quoted inside a quotation ("“... which he did say ...”")."""
    from bisect import bisect_left

    best = None
    for i, f in enumerate(found):
        if f.relay or f.anchor >= offset or _retells(f, found, quoted) or (f.cue is not None and quoted(f.cue[0])):
            continue
        if best is None or f.anchor > found[best].anchor:
            best = i
    if best is None:
        return None
    between = bisect_left(breaks, offset) - bisect_left(breaks, found[best].anchor)
    return best if between <= MAX_PARAGRAPHS_BACK else None


def _retells(f: Found, found: list[Found], quoted) -> bool:
    """'"Q," Carson noted, as reported by BuzzFeed News.' / '..., the Times reported': a cue after
    another cue (outside a quotation) its content holds retells that statement; a quotation with
    no cue after it goes on with the one retold, not with the teller."""
    if f.cue is None:
        return False
    return any(g.cue is not None and g.cue[0] < f.cue[0] and not quoted(g.cue[0])
               and any(p[0] <= g.cue[0] < p[1] for p in f.content) for g in found if g is not f)


def sorted_found(found: list[Found]) -> list[Found]:
    """Found items in text order, continuations' back-references renumbered."""
    order = sorted(range(len(found)), key=lambda i: (found[i].anchor, found[i].relay is False))
    new_index = {old: new for new, old in enumerate(order)}
    return [
        replace(found[i], continues=new_index[found[i].continues]) if found[i].continues is not None else found[i]
        for i in order
    ]
