"""Event nouns derived from the lexicon's verbs by regular English nominalisation, as candidates.

"incarcerate" -> "incarceration", "invade" -> "invasion", "punish" -> "punishment", "withdraw"
-> "withdrawal", "seize" -> "seizure", "assist" -> "assistance", "bomb" -> "bombing". A derived
form is kept only when it is a real noun: in the noun word list the spaCy pipeline ships (its
lemmatizer's `lemma_index`, a WordNet list) or among the noun lemmas of the training texts. It
takes the category of its verb and is written with the learned trigger words
(sayso/data/triggers_learned.yaml): a candidate only, the event model decides it, and its
unlabelled uses in the labelled documents are known non-events (annotation is exhaustive).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Iterator, Optional

VOWELS = frozenset("aeiou")
SUFFIXES = ("ion", "tion", "ation", "ment", "al", "ure", "ance", "ence", "ing")


def stems(verb: str) -> Iterator[str]:
    """The verb as a suffix attaches to it: "invade" -> invad, inva(s); "deny" -> deni;
    "ban" -> bann (a doubled final consonant before -ing)."""
    yield verb
    if verb.endswith("e"):
        yield verb[:-1]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in VOWELS:
        yield verb[:-1] + "i"
    if len(verb) > 2 and verb[-1] not in VOWELS | {"w", "x", "y"} and verb[-2] in VOWELS and verb[-3] not in VOWELS:
        yield verb + verb[-1]


def _sion(verb: str) -> Iterator[str]:
    """-de / -d / -t / -se verbs whose noun ends in -sion: invade -> invasion, expand ->
    expansion, emit -> emission, revise -> revision."""
    for end in ("de", "d", "t", "se"):
        if verb.endswith(end):
            base = verb[: -len(end)]
            yield base + "sion"
            yield base + "ssion"


def forms(verb: str) -> set[str]:
    """Every regular nominalisation of `verb` (most are not words: the caller checks). A verb
    of four letters or fewer takes -ing only (and -al after -y: "deny" -> "denial"), so that
    "fine", "sign", "mine" give no "final", "signal", "minion"."""
    if len(verb) <= 4:
        return {stem + "ing" for stem in stems(verb)} | ({verb[:-1] + "ial"} if verb.endswith("y") else set())
    out = {stem + suffix for stem in stems(verb) for suffix in SUFFIXES}
    out.update(_sion(verb))
    out.discard(verb)
    return out


def lexicon_verbs(ontology: Any) -> dict[str, str]:
    """lemma -> category of each single-word verb trigger of a category the model decides."""
    verbs: dict[str, str] = {}
    for (lemma, pos), triggers in ontology.triggers.items():
        single = [t for t in triggers if not t.needs]
        if pos == "VERB" and single and lemma.isalpha():
            verbs.setdefault(lemma, single[0].category)
    return verbs


def event_verbs(parsed: list[tuple[Any, list]], ontology: Any, splits: tuple[str, ...]) -> dict[str, str]:
    """lemma -> commonest category of the verbs the lexicon lacks that head a gold event in the
    documents of `splits` ("incarcerated", "invaded": open verbs the annotators labelled)."""
    seen: dict[str, Counter] = {}
    for draft, labels in parsed:
        for g in labels:
            if not g.event or g.split not in splits:
                continue
            span = draft.doc.char_span(*g.trigger, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            if head is None or head.pos_ != "VERB" or not head.lemma_.isalpha():
                continue
            lemma = head.lemma_.lower()
            if not ontology.lookup(lemma, "VERB"):
                seen.setdefault(lemma, Counter())[g.category] += 1
    return {lemma: counts.most_common(1)[0][0] for lemma, counts in seen.items()}


def derived_nouns(ontology: Any, words: Iterable[str], verbs: Optional[dict[str, str]] = None) -> dict[str, str]:
    """noun -> category for each nominalisation of a lexicon verb (or of `verbs`: lemma ->
    category) that is in `words` (known nouns) and is not already a noun trigger of the lexicon."""
    known = frozenset(words)
    out: dict[str, str] = {}
    for verb, category in sorted(((verbs or {}) | lexicon_verbs(ontology)).items()):
        for noun in sorted(forms(verb) & known):
            if not ontology.lookup(noun, "NOUN") and len(noun) > len(verb) - 2:
                out.setdefault(noun, category)
    return out


def shipped_nouns() -> frozenset[str]:
    """The noun list of the spaCy pipeline's lemmatizer (no download: it ships in the package)."""
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT

    nlp = load_model(DEFAULT)
    name = next((n for n in ("sayso_lemmas", "lemmatizer") if n in nlp.pipe_names), None)
    if name is None:
        return frozenset()
    pipe = nlp.get_pipe(name)
    lemmatizer = getattr(pipe, "lemmatizer", pipe)  # sayso.nlp.tagging.FastLemmatizer wraps spaCy's
    table = lemmatizer.lookups.get_table("lemma_index", {})
    return frozenset(table.get("noun", ()))


def text_nouns(parsed: list[tuple[Any, list]], splits: tuple[str, ...]) -> frozenset[str]:
    """The noun lemmas of the parsed documents of `splits`."""
    return frozenset(t.lemma_.lower() for draft, labels in parsed if labels and labels[0].split in splits
                     for t in draft.doc if t.pos_ == "NOUN")


def never_events(parsed: list[tuple[Any, list]], nouns: Iterable[str], splits: tuple[str, ...],
                 min_uses: int) -> frozenset[str]:
    """The nouns never part of a gold event in `min_uses` or more uses in the documents of
    `splits` ("final", "signal"): not candidates, as an open verb of the `open_skip` list."""
    wanted = frozenset(nouns)
    uses: Counter = Counter()
    events: Counter = Counter()
    for draft, labels in parsed:
        if not labels or labels[0].split not in splits:
            continue
        spans = [g.trigger for g in labels if g.event]
        for t in draft.doc:
            lemma = t.lemma_.lower()
            if t.pos_ == "NOUN" and lemma in wanted:
                uses[lemma] += 1
                end = t.idx + len(t.text)
                events[lemma] += any(s < end and t.idx < e for s, e in spans)
    return frozenset(w for w, n in uses.items() if n >= min_uses and not events[w])


def as_found(nouns: dict[str, str], found: Counter) -> Counter:
    """The derived nouns added to the learned words' counter (learned_triggers.added_heads'
    shape), where no learned word has them already."""
    have = {lemma for (_, section, lemma) in found if section == "nouns"}
    out = Counter(found)
    for noun, category in nouns.items():
        if noun not in have:
            out.setdefault((category, "nouns", noun), 0)
    return out
