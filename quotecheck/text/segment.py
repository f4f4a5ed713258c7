"""Sentence and word segmentation for legal text; the only module that imports spaCy.

In: plain text. Out: sentence spans (``sentences``), spaCy Matcher hits as ``(label, Span)``
pairs (``match``), and the shared ``nlp()`` pipeline: ``spacy.blank("en")`` (or a trained
English pipeline when one is installed) with tokenizer exceptions for legal abbreviations and
the ``legal_sentencizer`` component.

Sentence boundaries come from nupunkt plus post-rules measured on a hand-labelled gold set of
the seed brief's body (``tests/data/seed_sentence_boundaries.tsv``; the convention: a
parenthesised citation after a sentence belongs to it, a citation standing alone after a period
is its own sentence): no split between a period and a closing ``”);``; a split after a
standalone *Id.*, after a closing quotation mark or a closing citation parenthesis followed by
a capital (at parenthesis depth 0); a parenthesised citation, and a split after an abbreviation
nupunkt lacks ("Hou."), merged back into the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from quotecheck.models import Span

#: Abbreviations that end with a period but rarely end a sentence in legal writing.
LEGAL_ABBREVIATIONS = (
    "v.",
    "vs.",
    "Id.",
    "id.",
    "Inc.",
    "Co.",
    "Corp.",
    "Ltd.",
    "L.L.C.",
    "Cir.",
    "Ct.",
    "App.",
    "Supp.",
    "F.",
    "U.S.",
    "S.",
    "Cal.",
    "N.D.",
    "S.D.",
    "E.D.",
    "C.D.",
    "D.",
    "Dkt.",
    "No.",
    "Nos.",
    "Fed.",
    "R.",
    "Civ.",
    "P.",
    "Rev.",
    "L.",
    "Tr.",
    "Pub.",
    "Mut.",
    "Ins.",
    "Intl.",
    "Int'l.",
    "Ass'n.",
    "Dep't.",
    "Mo.",
    "Tex.",
    "Mass.",
    "Ill.",
    "Pa.",
    "N.Y.",
    "Ed.",
    "e.g.",
    "i.e.",
    "cf.",
    "Cf.",
    "etc.",
    "al.",
    "op.",
    "n.",
    "nn.",
    "pp.",
    "p.",
    "ch.",
    "art.",
    "cl.",
    "Stat.",
    "Reg.",
    "J.",
    "JJ.",
    "C.J.",
    "Hou.",
    "Wash.",
    "Mich.",
    "Fla.",
    "Ga.",
    "Va.",
)


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text``, trimmed of surrounding white space.

    Args:
        text: any text; paragraph breaks (blank lines) always end a sentence.

    Returns:
        Spans in order, covering every non-blank stretch of ``text``.

    Example:
        >>> t = "Bartz v. Anthropic PBC, 787 F.Supp.3d 1007 (N.D. Cal. 2025). But we need not."
        >>> [t[s.start:s.end] for s in sentences(t)][1]
        'But we need not.'
    """
    spans: list[Span] = []
    for para in _paragraphs(text):
        spans.extend(_boundaries(text, para))
    return tuple(spans)


def _paragraphs(text: str) -> list[Span]:
    out = []
    start = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        out.append(Span(start, m.start()))
        start = m.end()
    out.append(Span(start, len(text)))
    return [p for p in out if text[p.start : p.end].strip()]


_CLOSERS_AFTER = re.compile(r"^[\u201d\u2019\"')\]]+[;,)]")
_ID_SPLIT = re.compile(r"(?<![\w.])(?:Id|id)\.(?=\s+(?:[A-Z\u201c\"]))")


def _boundaries(text: str, para: Span) -> list[Span]:
    from nupunkt import sent_spans

    chunk = text[para.start : para.end]
    raw = [(a, b) for a, b in sent_spans(chunk) if chunk[a:b].strip()]
    merged: list[list[int]] = []
    for a, b in raw:
        if merged and _CLOSERS_AFTER.match(chunk[a:b].lstrip()):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    split: list[Span] = []
    for a, b in merged:
        pieces = {a, b}
        for m in _ID_SPLIT.finditer(chunk, a, b):
            if m.end() < b and chunk[a : m.start()].strip(" (") == "":
                pieces.add(m.end())
        for rx in (_QUOTE_END, _PAREN_END):
            for m in rx.finditer(chunk, a, b):
                if _depth(chunk, a, m.end()) == 0:
                    pieces.add(m.end())
        cuts = sorted(pieces)
        for s, e in zip(cuts, cuts[1:], strict=False):
            span = _trim(chunk, s, e)
            if span is not None:
                split.append(span)
    out: list[Span] = []
    for span in split:
        if out:
            prev = out[-1]
            last_word = chunk[prev.start : prev.end].rsplit(None, 1)[-1].rstrip(".").lower()
            if (
                _is_paren_citation(chunk[span.start : span.end])
                or last_word in _EXTRA_ABBREVIATIONS
            ):
                out[-1] = Span(prev.start, span.end)
                continue
        out.append(span)
    return [s.shift(para.start) for s in out]


#: A sentence that is one parenthesised citation: "(Dkt. 741, at 5.)", "(Id. at 5-7.)".
_PAREN_CITATION = re.compile(r"\((?:[Ii]d\.|[Ss]ee\b|[Cc]f\.|[A-Z][^()]*?\d)")
#: A period (maybe inside a closing quote) then a capital, a digit or an opening quote.
_QUOTE_END = re.compile(r"[.?!][\u2019']?[\u201d\"](?=\s+[A-Z0-9\u201c])")
#: A parenthesised citation closing a sentence: ".)" or ")." then a capital or an opening quote.
_PAREN_END = re.compile(r"(?:\.\)+|\)+\.)(?=\s+[A-Z\u201c])")
#: Abbreviations nupunkt's model lacks.
_EXTRA_ABBREVIATIONS = ("hou", "nn", "intl", "int'l", "ass'n", "dep't")


def _is_paren_citation(sentence: str) -> bool:
    """Whether ``sentence`` is one parenthesised citation (its parentheses need not balance)."""
    return bool(_PAREN_CITATION.match(sentence)) and sentence.rstrip(".").endswith(")")


def _depth(text: str, start: int, end: int) -> int:
    chunk = text[start:end]
    return chunk.count("(") - chunk.count(")")


def _trim(chunk: str, s: int, e: int) -> Span | None:
    while s < e and chunk[s].isspace():
        s += 1
    while e > s and chunk[e - 1].isspace():
        e -= 1
    return Span(s, e) if e > s else None


# ---------------------------------------------------------------------------------------------
# spaCy


@cache
def nlp() -> Any:
    """The shared spaCy pipeline (loaded once, on first use).

    A trained English pipeline is used when one is installed (``en_core_web_sm``), else
    ``spacy.blank("en")``; either way with legal abbreviation exceptions and the
    ``legal_sentencizer`` (nupunkt) in place of the parser's boundaries.
    """
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH

    if not Language.has_factory("legal_sentencizer"):

        @Language.component("legal_sentencizer")
        def legal_sentencizer(doc: Any) -> Any:
            starts = {s.start for s in sentences(doc.text)}
            for i, token in enumerate(doc):
                token.is_sent_start = i == 0 or token.idx in starts
            return doc

    try:
        pipeline: Any = spacy.load("en_core_web_sm", exclude=["parser", "senter"])
    except OSError:
        pipeline = spacy.blank("en")
    for abbr in LEGAL_ABBREVIATIONS:
        pipeline.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    pipeline.add_pipe("legal_sentencizer", first=True)
    return pipeline


@cache
def _matcher(key: tuple[tuple[str, str], ...]) -> Any:
    import json

    from spacy.matcher import Matcher

    matcher = Matcher(nlp().vocab, validate=True)
    for label, patterns in key:
        matcher.add(label, json.loads(patterns))
    return matcher


def match(
    text: str,
    patterns: Mapping[str, Sequence[Sequence[Mapping[str, object]]]],
    *,
    engine: str = "auto",
) -> tuple[tuple[str, Span], ...]:
    """Run spaCy Matcher ``patterns`` over ``text``: each hit's label and character span.

    Patterns that use only ``LOWER``/``ORTH`` (a string or ``{"IN": [...]}``) and ``OP``
    (``?``, ``*``, ``+``) run on a small token matcher of our own, which gives the same hits as
    spaCy's Matcher on legal text (a test cross-checks them on the corpus) without spaCy's
    ~1 s import; any other pattern runs on spaCy's Matcher.

    Args:
        text: the text to search.
        patterns: label -> list of token patterns (spaCy Matcher syntax; the pipeline is
            blank, so use ``LOWER``/``ORTH``/``IN``/``OP``, not lemmas or tags).
        engine: ``"auto"``, ``"spacy"`` or ``"tokens"`` (the small matcher).

    Returns:
        ``(label, span)`` pairs in text order, longest first where hits start together.

    Example:
        >>> pattern = [[{"LOWER": "need"}, {"LOWER": "not"}]]
        >>> match("But this order need not decide it.", {"NEED_NOT": pattern})
        (('NEED_NOT', Span(start=15, end=23)),)
    """
    flat = re.sub(r"\s", " ", text)
    if engine == "tokens" or (engine == "auto" and all(map(_simple, patterns.values()))):
        hits = _token_match(flat, patterns)
    else:
        hits = _spacy_match(flat, patterns)
    hits.sort(key=lambda h: (h[1].start, -h[1].end))
    return tuple(hits)


def _spacy_match(
    text: str, patterns: Mapping[str, Sequence[Sequence[Mapping[str, object]]]]
) -> list[tuple[str, Span]]:
    import json

    key = tuple(sorted((label, json.dumps(list(map(list, p)))) for label, p in patterns.items()))
    matcher = _matcher(key)
    # Line breaks and tabs read as spaces (the caller's ``flat``), so a phrase wrapped over
    # lines still matches; runs of spaces stay as space tokens.
    doc = nlp().make_doc(text)
    hits = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        hits.append((nlp().vocab.strings[match_id], Span(span.start_char, span.end_char)))
    return list(dict.fromkeys(hits))


# ---------------------------------------------------------------------------------------------
# The small token matcher

#: Tokens as spaCy's English tokenizer cuts words: abbreviations keep their period ("No.",
#: "v."), "do|n't", "can|not", "court|'s", "case|-|by|-|case", punctuation on its own.
_ABBREVIATION = "|".join(
    re.escape(a) for a in sorted(set(LEGAL_ABBREVIATIONS), key=len, reverse=True)
)
_TOKEN = re.compile(
    r"(?<![\w.])(?:" + _ABBREVIATION + r")(?=\s|$)"
    r"|(?<![^\W\d_])[A-Za-z]\.(?=\s|$)"
    r"|[Cc]an(?=not\b)|(?<=[Cc]an)not\b"
    r"|[A-Za-z]+(?=n['\u2019]t\b)|n['\u2019]t\b|['\u2019][sS]\b|\d+(?:[.,]\d+)*|[^\W_]+|\S"
)
_SIMPLE_KEYS = {"LOWER", "ORTH", "OP"}


def _simple(pats: Sequence[Sequence[Mapping[str, object]]]) -> bool:
    for pattern in pats:
        for token in pattern:
            if not set(token) <= _SIMPLE_KEYS or token.get("OP", "?") not in ("?", "*", "+"):
                return False
            for key in ("LOWER", "ORTH"):
                value = token.get(key)
                if not (
                    value is None
                    or isinstance(value, str)
                    or (isinstance(value, Mapping) and set(value) == {"IN"})
                ):
                    return False
    return True


def _accepts(spec: Mapping[str, object], token: str) -> bool:
    for key, form in (("LOWER", token.lower()), ("ORTH", token)):
        want = spec.get(key)
        if want is None:
            continue
        if isinstance(want, str):
            if form != want:
                return False
        elif isinstance(want, Mapping) and form not in want["IN"]:
            return False
    return True


def _ends(pattern: Sequence[Mapping[str, object]], tokens: list[str], i: int) -> set[int]:
    """Every token index where ``pattern`` can end when it starts at token ``i``."""
    states = {i}
    for spec in pattern:
        op = spec.get("OP")
        step = {k + 1 for k in states if k < len(tokens) and _accepts(spec, tokens[k])}
        if op == "?":
            states = states | step
        elif op in ("*", "+"):
            reach, frontier = set(step), set(step)
            while frontier:
                frontier = {
                    k + 1 for k in frontier if k < len(tokens) and _accepts(spec, tokens[k])
                } - reach
                reach |= frontier
            states = reach | states if op == "*" else reach
        else:
            states = step
        if not states:
            return set()
    return states


def _token_match(
    text: str, patterns: Mapping[str, Sequence[Sequence[Mapping[str, object]]]]
) -> list[tuple[str, Span]]:
    found = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [t for t, _, _ in found]
    lowers = [t.lower() for t in tokens]
    hits: dict[tuple[str, int, int], None] = {}
    for label, pats in patterns.items():
        for pattern in pats:
            if not pattern:
                continue
            for i in _starts(pattern[0], tokens, lowers):
                for end in _ends(pattern, tokens, i):
                    if end > i:
                        hits[(label, found[i][1], found[end - 1][2])] = None
    return [(label, Span(a, b)) for label, a, b in hits]


def _starts(first: Mapping[str, object], tokens: list[str], lowers: list[str]) -> range | list[int]:
    """Token indexes where a pattern may start: all when its first token is optional.

    Otherwise only the tokens its first spec accepts: a set look-up, not a match at every token.
    """
    if first.get("OP") in ("?", "*"):
        return range(len(tokens))
    want = first.get("LOWER")
    if isinstance(want, str):
        return [i for i, w in enumerate(lowers) if w == want]
    if isinstance(want, Mapping):
        allowed = set(want["IN"])
        return [i for i, w in enumerate(lowers) if w in allowed]
    return [i for i, t in enumerate(tokens) if _accepts(first, t)]
