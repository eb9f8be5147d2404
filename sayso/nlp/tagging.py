"""Faster equivalents of the pinned pipeline's attribute ruler and lemmatizer.

Both spaCy components spend most of their time creating Token objects and matching every
pattern on every token. Their output depends only on a few attributes of each token, so here
it is computed once per distinct key, cached, and written back with `Doc.from_array`:

- attribute ruler: a single-token pattern's effect depends on (TAG, LOWER, DEP, IS_SPACE);
  the few two-token patterns ("there is", "gon na", "let 's") are matched directly. As in
  spaCy, every matching pattern is applied in the order the patterns were added, so a later
  pattern overrides an earlier one.
- lemmatizer: spaCy's own rule lemmatizer caches on (ORTH, POS, MORPH); so does this one, and a
  key not seen before is lemmatised by spaCy's lemmatizer itself.

The output is the same as the original components' (tests/test_tagging.py compares every
token's attributes on a corpus); `Settings.fast_tagging` turns the replacement off.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

Test = Callable[[Any], bool]
TOKEN_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


def _value_test(spec: Any) -> Test:
    if isinstance(spec, dict):
        ((op, arg),) = spec.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda v: v in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda v: v not in banned
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda v: bool(pattern.search(str(v)))
        raise ValueError(f"attribute ruler operator {op!r} is not supported")
    return lambda v: v == spec


def _token_test(token_pattern: dict) -> Callable[[tuple], bool]:
    tests = []
    for key, spec in token_pattern.items():
        if key not in TOKEN_FIELDS:
            raise ValueError(f"attribute ruler pattern key {key!r} is not supported")
        tests.append((TOKEN_FIELDS[key], _value_test(spec)))
    return lambda key: all(test(key[field]) for field, test in tests)


def _lower_values(token_pattern: dict) -> Optional[frozenset]:
    """The LOWER values a token pattern accepts when it lists them (exact or IN), else None."""
    spec = token_pattern.get("LOWER")
    if isinstance(spec, str):
        return frozenset([spec])
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return frozenset(spec["IN"])
    return None


class FastAttributeRuler:
    def __init__(self, ruler: Any):
        self.vocab = ruler.vocab
        self.general: list[tuple[int, Callable, dict]] = []  # single-token rules not keyed on LOWER
        self.by_lower: dict[str, list[tuple[int, Callable, dict]]] = {}
        self.multi: list[tuple[int, list[Callable], int, dict]] = []  # (order, tests, index, attrs)
        for order, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                tests = [_token_test(t) for t in pattern]
                if len(tests) > 1:
                    self.multi.append((order, tests, rule["index"], rule["attrs"]))
                    continue
                entry = (order, tests[0], rule["attrs"])
                lowers = _lower_values(pattern[0])
                if lowers is None:
                    self.general.append(entry)
                for lower in lowers or ():
                    self.by_lower.setdefault(lower, []).append(entry)
        self.cache: dict[tuple, tuple[list[tuple[int, dict]], frozenset]] = {}
        self.values: dict[tuple, tuple] = {}  # rules applied -> (POS, MORPH, LEMMA ids, TAG/DEP attrs)

    def _lookup(self, key: tuple) -> tuple[list[tuple[int, dict]], frozenset]:
        """For one token key: the single-token rules it matches, in rule order, and which
        (rule, position) tests of the two-token rules it passes."""
        found = self.cache.get(key)
        if found is None:
            rules = self.general + self.by_lower.get(key[1], [])
            single = sorted(((order, attrs) for order, test, attrs in rules if test(key)), key=lambda m: m[0])
            passes = frozenset(
                (n, j) for n, (_, tests, _, _) in enumerate(self.multi) for j, test in enumerate(tests) if test(key)
            )
            found = self.cache[key] = (single, passes)
        return found

    def _multi(self, passes: list[frozenset], applied: list[list]) -> None:
        for start, first in enumerate(passes):
            for n, j in first:
                if j:
                    continue
                order, tests, index, attrs = self.multi[n]
                width = len(tests)
                if start + width <= len(passes) and all((n, k) in passes[start + k] for k in range(1, width)):
                    applied[start + (index if index >= 0 else width + index)].append((order, attrs))

    def __call__(self, doc: Doc) -> Doc:
        strings = self.vocab.strings
        raw = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        found = [self._lookup((strings[t], strings[lo], strings[d], bool(s))) for t, lo, d, s in raw]
        applied = [single for single, _ in found]
        passes = [p for _, p in found]
        if any(passes):
            applied = [list(a) for a in applied]
            self._multi(passes, applied)
        _write(doc, applied, self.vocab, self.values)
        return doc


def _merge(matches: list[tuple[int, dict]]) -> dict:
    merged: dict = {}
    for _, attrs in sorted(matches, key=lambda m: m[0]):
        merged.update(attrs)
    return merged


def _ids(merged: dict, vocab: Any) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """The POS, MORPH and LEMMA ids a set of attributes writes (None: left as it is)."""
    pos = vocab.strings.add(merged["POS"]) if "POS" in merged else None
    morph = vocab.morphology.add(merged["MORPH"]) if "MORPH" in merged else None
    lemma = vocab.strings.add(merged["LEMMA"]) if "LEMMA" in merged else None
    return pos, morph, lemma


def _write(doc: Doc, applied: list[list], vocab: Any, memo: dict) -> None:
    """Set POS, MORPH and LEMMA through one array; TAG and DEP (rare) token by token."""
    columns = [POS, MORPH, LEMMA]
    array = doc.to_array(columns)
    rare: list[tuple[int, dict]] = []
    for i, matches in enumerate(applied):
        if not matches:
            continue
        key = tuple(order for order, _ in matches)
        ids = memo.get(key)
        if ids is None:
            merged = _merge(matches)
            ids = memo[key] = _ids(merged, vocab) + (merged if "TAG" in merged or "DEP" in merged else None,)
        for column, value in enumerate(ids[:3]):
            if value is not None:
                array[i, column] = value
        if ids[3] is not None:
            rare.append((i, ids[3]))
    doc.from_array(columns, array)
    for i, merged in rare:
        if "TAG" in merged:
            doc[i].tag_ = merged["TAG"]
        if "DEP" in merged:
            doc[i].dep_ = merged["DEP"]


class FastLemmatizer:
    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = array[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self.cache[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64))
        return doc


@Language.factory("sayso_attributes")
def make_attributes(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("sayso_lemmas")
def make_lemmas(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe("lemmatizer"))


def use_fast_tagging(nlp: Language) -> Optional[Language]:
    """Swap the attribute ruler and the rule lemmatizer for their cached equivalents."""
    names = nlp.pipe_names
    if "attribute_ruler" in names:
        nlp.add_pipe("sayso_attributes", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule":
        nlp.add_pipe("sayso_lemmas", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    return nlp
