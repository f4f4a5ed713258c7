"""The qualifier-cue lexicon: words that limit what a sentence says, as spaCy Matcher patterns.

In: nothing (data). Out: ``CUES`` (name -> ``Cue``: category, weight, token patterns),
``find_cues(text, categories)`` that runs them through ``quotecheck.text.segment.match`` and
returns scored hits, and the word classes (negation, modals, quantifiers, connectives) that tell
a meaning-changing word swap from a harmless one.

Patterns use only ``LOWER``/``ORTH``/``IN``/``OP`` because the pipeline is ``spacy.blank("en")``:
no lemmas, no tags. Weights say how strongly a cue limits: 1.0 is enough on its own to report a
finding, lower weights only add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from quotecheck.models import Span

Pattern = Sequence[Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class Cue:
    """One limiting cue: what it is, how much it weighs, and its Matcher patterns."""

    category: str  # negation, limit, condition, exception, contrast, holding
    weight: float
    patterns: tuple[Pattern, ...]
    label: str  # how the message names it


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue found in a text: its name, span (relative to that text) and weight."""

    name: str
    category: str
    weight: float
    span: Span
    text: str
    label: str


def _w(*words: str) -> list[dict[str, object]]:
    return [{"LOWER": w} for w in words]


def _cue(category: str, weight: float, label: str, *patterns: Pattern) -> Cue:
    return Cue(category, weight, tuple(patterns), label)


#: The lexicon. Names are stable identifiers; ``label`` is what a message quotes.
CUES: dict[str, Cue] = {
    # Negation (inside an ellipsis gap, a dropped negation reverses the sentence).
    "NOT": _cue(
        "negation",
        1.0,
        "negation",
        _w("not"),
        _w("n't"),
        _w("never"),
        _w("nor"),
        _w("neither"),
        _w("cannot"),
        [{"LOWER": {"IN": ["no", "none", "nothing", "nobody"]}}],
    ),
    "WITHOUT": _cue("negation", 1.0, '"without"', _w("without")),
    # Limits on scope or degree.
    "ONLY": _cue("limit", 1.0, '"only"', [{"LOWER": {"IN": ["only", "solely", "exclusively"]}}]),
    "IF_ANY": _cue("limit", 1.0, '"if any"', _w("if", "any"), _w("if", "at", "all")),
    "AT_LEAST": _cue("limit", 1.0, '"at least"', _w("at", "least"), _w("at", "most")),
    "TO_EXTENT": _cue(
        "limit",
        1.0,
        '"to the extent"',
        _w("to", "the", "extent"),
        _w("insofar", "as"),
        _w("in", "so", "far", "as"),
    ),
    "MERELY": _cue("limit", 0.6, '"merely"', [{"LOWER": {"IN": ["merely", "largely", "partly"]}}]),
    "GENERALLY": _cue(
        "limit",
        0.6,
        "a hedge",
        [{"LOWER": {"IN": ["generally", "ordinarily", "usually", "typically", "often"]}}],
        _w("in", "part"),
        _w("in", "some", "cases"),
    ),
    # Conditions and exceptions.
    "UNLESS": _cue("condition", 1.0, '"unless"', _w("unless")),
    "ONLY_IF": _cue(
        "condition", 1.0, '"only if"', _w("only", "if"), _w("only", "when"), _w("only", "where")
    ),
    "SO_LONG_AS": _cue(
        "condition", 1.0, '"so long as"', _w("so", "long", "as"), _w("as", "long", "as")
    ),
    "PROVIDED": _cue(
        "condition", 1.0, '"provided that"', _w("provided", "that"), _w("providing", "that")
    ),
    "IF": _cue("condition", 0.8, '"if"', _w("if")),
    "UNTIL": _cue("condition", 0.8, '"until"', _w("until")),
    "ABSENT": _cue("condition", 0.8, '"absent"', _w("absent")),
    "SUBJECT_TO": _cue("condition", 1.0, '"subject to"', _w("subject", "to")),
    "EXCEPT": _cue(
        "exception",
        1.0,
        '"except"',
        [{"LOWER": {"IN": ["except", "excepting", "save"]}}],
        _w("other", "than"),
        _w("apart", "from"),
    ),
    "BUT_NOT": _cue("exception", 1.0, '"but not"', _w("but", "not"), _w("but", "only")),
    # Contrast openers: a sentence that begins with one of these limits the one before it.
    "CONTRAST": _cue(
        "contrast",
        1.0,
        "contrast opener",
        [{"LOWER": {"IN": ["but", "however", "nevertheless", "nonetheless", "yet", "still"]}}],
        _w("that", "said"),
        _w("even", "so"),
        _w("on", "the", "other", "hand"),
        _w("at", "the", "same", "time"),
        _w("to", "be", "sure"),
        _w("this", "is", "not", "to", "say"),
        _w("that", "is", "not", "to", "say"),
        _w("notwithstanding"),
        # Not "Although"/"Though": they open a concession inside the next sentence, which
        # rarely limits the one before it (measured on random faithful quotations).
    ),
    # Phrases that limit a holding.
    "NEED_NOT": _cue(
        "holding",
        1.0,
        '"need not decide"',
        [
            {"LOWER": "need"},
            {"LOWER": {"IN": ["not", "n't"]}},
            {"LOWER": {"IN": ["decide", "reach", "address", "resolve", "consider", "determine"]}},
        ],
        # "do not decide" limits a holding only when the court says it of itself; a party that
        # "did not address" an issue limits nothing.
        [
            {"LOWER": {"IN": ["we", "court", "i", "order", "opinion"]}},
            {"LOWER": {"IN": ["do", "does", "did", "will", "shall", "can", "could"]}},
            {"LOWER": {"IN": ["not", "n't"]}},
            {"LOWER": {"IN": ["decide", "reach", "address", "resolve", "consider", "determine"]}},
        ],
        [
            {"LOWER": "need"},
            {"LOWER": "not"},
            {"LOWER": {"IN": ["and", "do", "does"]}, "OP": "*"},
            {"LOWER": {"IN": ["decide", "reach", "address", "resolve"]}},
        ],
    ),
    "NO_VIEW": _cue(
        "holding",
        1.0,
        '"we express no view"',
        [
            {"LOWER": {"IN": ["express", "expresses", "intimate", "imply"]}},
            {"LOWER": "no"},
            {"LOWER": {"IN": ["view", "views", "opinion"]}},
        ],
    ),
    "WITHOUT_DECIDING": _cue(
        "holding",
        1.0,
        '"without deciding"',
        _w("without", "deciding"),
        _w("assume", "without", "deciding"),
        _w("we", "do", "not", "hold"),
        _w("we", "do", "not", "decide"),
        _w("we", "leave", "for", "another", "day"),
        _w("leave", "that", "question"),
        _w("not", "before", "us"),
        _w("no", "occasion", "to"),
        _w("we", "have", "no", "occasion"),
        _w("nothing", "in", "this", "opinion"),
        _w("nothing", "in", "this", "order"),
        _w("an", "open", "question"),
    ),
    # "dicta" limits the quoted words only when said of them ("That statement is dicta",
    # "we said in dicta"), not when the court discusses another case's dictum.
    "DICTA": _cue(
        "holding",
        1.0,
        '"dicta"',
        [
            {
                "LOWER": {
                    "IN": ["is", "was", "are", "were", "be", "been", "in", "as", "mere", "merely"]
                }
            },
            {"LOWER": {"IN": ["merely", "only", "simply", "mere", "pure", "obiter"]}, "OP": "?"},
            {"LOWER": {"IN": ["dicta", "dictum"]}},
        ],
        _w("obiter", "dictum"),
        _w("obiter", "dicta"),
    ),
}

#: The cues an ellipsis may not hide (QC204).
GAP_CATEGORIES = frozenset({"negation", "limit", "condition", "exception"})
#: The cues that, opening the rest of a sentence, limit the part quoted (QC301).
TAIL_CATEGORIES = frozenset({"limit", "condition", "exception", "contrast"})
#: The cues that make an adjacent sentence limiting (QC302).
ADJACENT_CATEGORIES = frozenset({"contrast", "holding"})

#: Verbs that mark a clause's predicate without a tagger (QC204, a dropped predicate): the
#: auxiliaries and modals, irregular past tenses and common "-s" verbs of opinions; a lower-case
#: word of 5+ letters ending in "-ed" also counts, except the listed non-verbs. Only a past
#: tense opens a dropped predicate ("-s" forms are as often plural nouns: "copies", "uses").
# fmt: off
AUXILIARIES = frozenset((
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "will", "would", "shall", "should", "may", "might", "must", "can", "could", "cannot"
))
PAST_VERBS = frozenset((
    "held", "found", "said", "made", "took", "gave", "saw", "knew", "thought", "meant", "told",
    "kept", "became", "began", "brought", "stood", "sought", "bought", "sold", "struck", "wrote",
    "chose", "fell", "rose", "led", "left", "paid"
))
PRESENT_VERBS = frozenset((
    "holds", "finds", "says", "makes", "takes", "gives", "sees", "knows", "thinks", "means",
    "tells", "leaves", "keeps", "becomes", "requires", "provides", "applies", "states", "bars",
    "permits", "allows", "prohibits", "governs", "includes", "contains", "constitutes",
    "reflects", "shows", "suggests", "explains", "concludes", "recognizes", "establishes",
    "argues", "contends", "asserts", "claims", "notes", "observes", "emphasizes", "maintains",
    "insists", "acknowledges", "concedes", "agrees", "urges", "seeks", "asks", "relies", "turns",
    "remains", "seems", "appears", "exists", "depends", "follows", "arises", "involves",
    "concerns", "addresses", "considers", "determines", "decides", "rejects", "adopts", "affirms",
    "reverses", "denies", "grants", "creates", "serves", "adds", "uses", "copies"
))
NOT_PAST_TENSE = frozenset((
    "indeed", "hundred", "kindred", "naked", "wicked", "sacred", "rugged", "beloved", "learned",
    "speed", "creed", "greed", "breed", "steed", "embed"
))
# fmt: on

#: Word classes whose swap changes meaning (QC201/QC205).
NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "neither", "none", "nothing", "cannot", "without", "nobody"}
)
MODAL_CLASS = {
    "must": "obligation",
    "shall": "obligation",
    "required": "obligation",
    "need": "obligation",
    "may": "permission",
    "might": "permission",
    "can": "permission",
    "could": "permission",
    "will": "future",
    "would": "future",
    "should": "advice",
    "ought": "advice",
}
QUANTIFIERS = frozenset(
    {
        "all",
        "every",
        "each",
        "any",
        "some",
        "no",
        "none",
        "few",
        "many",
        "most",
        "several",
        "both",
        "either",
        "only",
        "always",
        "never",
        "sometimes",
        "often",
        "rarely",
        "usually",
        "generally",
        "solely",
    }
)
CONNECTIVES = frozenset({"and", "or", "but", "nor", "unless", "if"})
COMPARATIVES = frozenset(
    {
        "more",
        "less",
        "fewer",
        "greater",
        "lesser",
        "most",
        "least",
        "higher",
        "lower",
        "above",
        "below",
        "before",
        "after",
    }
)
#: Words a bracketed noun may stand for without changing meaning ("[the court]" for "it").
PRONOUNS = frozenset(
    {
        "it",
        "its",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "we",
        "our",
        "us",
        "i",
        "you",
        "your",
        "this",
        "that",
        "these",
        "those",
        "one",
        "him",
        "which",
        "who",
        "whom",
        "the",
        "a",
        "an",
        "such",
        "itself",
        "themselves",
        "there",
        "here",
    }
)


def meaning_classes(words: Iterable[str]) -> list[str]:
    """The meaning-bearing classes of ``words``: negations, modal classes, quantifiers...

    >>> meaning_classes(["the", "court", "may", "not"])
    ['modal:permission', 'neg']
    """
    out: list[str] = []
    for w in words:
        w = w.lower()
        if w in NEGATIONS or w.endswith("n't"):
            out.append("neg")
        if w.endswith("n't") and w[:-3] in MODAL_CLASS:
            out.append("modal:" + MODAL_CLASS[w[:-3]])
        elif w in MODAL_CLASS:
            out.append("modal:" + MODAL_CLASS[w])
        if w in QUANTIFIERS and w not in NEGATIONS:
            out.append("quant:" + w)
        if w in CONNECTIVES:
            out.append("conj:" + w)
        if w in COMPARATIVES:
            out.append("cmp:" + w)
    return sorted(out)


def changes_meaning(brief_words: Sequence[str], source_words: Sequence[str]) -> str | None:
    """Say how swapping ``source_words`` for ``brief_words`` changes meaning, or ``None``.

    >>> changes_meaning(["must"], ["may"])
    'modal: "may" became "must"'
    >>> changes_meaning(["does"], ["does", "not"])
    'negation dropped'
    >>> changes_meaning(["principle"], ["rule"]) is None
    True
    """
    b, s = meaning_classes(brief_words), meaning_classes(source_words)
    if b == s:
        return None
    if b.count("neg") < s.count("neg"):
        return "negation dropped"
    if b.count("neg") > s.count("neg"):
        return "negation added"
    src = " ".join(source_words)
    brf = " ".join(brief_words)
    diff = {c.split(":")[0] for c in set(b) ^ set(s)}
    name = {"modal": "modal", "quant": "quantifier", "conj": "connective", "cmp": "comparison"}
    what = ", ".join(sorted(name.get(d, d) for d in diff))
    return f'{what}: "{src}" became "{brf}"'


def patterns(categories: Iterable[str]) -> dict[str, list[Pattern]]:
    """The Matcher patterns of the cues in ``categories``, keyed by cue name."""
    wanted = set(categories)
    return {name: list(c.patterns) for name, c in CUES.items() if c.category in wanted}


def find_cues(text: str, categories: Iterable[str]) -> tuple[CueHit, ...]:
    """Cues of ``categories`` in ``text``, longest first where two start together.

    Example:
        >>> [h.name for h in find_cues("But this order need not decide it.",
        ...                            ["contrast", "holding"])]
        ['CONTRAST', 'NEED_NOT']
    """
    from quotecheck.text.segment import match

    cats = list(categories)
    if not text.strip():
        return ()
    # Match on single-spaced text (a line break inside "if\nany" would split the pattern),
    # then map the hits back.
    keep = [i for i, c in enumerate(text) if not (c.isspace() and i and text[i - 1].isspace())]
    flat = "".join(" " if text[i].isspace() else text[i] for i in keep)
    hits: list[CueHit] = []
    taken: list[Span] = []
    for name, fspan in match(flat, patterns(cats)):
        if any(t.contains(fspan) for t in taken):
            continue  # "only if" already counted; do not count "if" again
        cue = CUES[name]
        taken.append(fspan)
        span = Span(keep[fspan.start], keep[fspan.end - 1] + 1)
        hits.append(
            CueHit(name, cue.category, cue.weight, span, text[span.start : span.end], cue.label)
        )
    return tuple(hits)
