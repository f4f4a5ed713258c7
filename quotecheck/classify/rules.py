"""One small function per finding kind: each looks at one quote in context and returns findings.

In: a ``Context`` (the quote, its citation and resolution, the alignment in the cited source,
the best match elsewhere in the corpus, the source text, the brief's surrounding text). Out: a
tuple of ``Finding``s of that rule's kind (usually empty), each with ``Evidence`` and a
one-sentence ``rule``.

Rules prefer silence to a loud false alarm: where the evidence is thin they say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from quotecheck.align import split_ellipses, tokenize
from quotecheck.classify import cues as C
from quotecheck.models import (
    Alignment,
    Citation,
    DiffOp,
    DiffTag,
    EmphasisStyle,
    Evidence,
    Finding,
    FindingKind,
    ParentheticalKind,
    Quote,
    QuoteKind,
    Severity,
    Source,
    SourceText,
    Span,
    Unresolved,
)

# Page furniture a source text may keep inside a quoted stretch (ECF footers, running heads).
_FURNITURE = re.compile(
    r"Case \d+:\d\d-\w+-\d+|Document \d+\s+Filed|Page \d+ of \d+|Cite as:|Opinion of the Court",
    re.I,
)
_CITATIONISH = re.compile(r"\d|\bv\.|\bId\.|\bat\b|\bsupra\b|\bU\. ?S\.", re.I)
_LATIN = frozenset(
    {
        "per se",
        "de novo",
        "sua sponte",
        "inter alia",
        "id",
        "id.",
        "supra",
        "infra",
        "e.g.",
        "i.e.",
        "et al.",
        "amicus",
        "amici",
        "certiorari",
        "habeas corpus",
        "prima facie",
        "res judicata",
        "stare decisis",
        "dicta",
        "dictum",
        "de minimis",
        "bona fide",
        "pro se",
        "en banc",
        "ex parte",
        "sic",
        "see",
        "cf.",
        "passim",
        "ibid.",
    }
)
_OPEN_QUOTE_BEFORE = re.compile(r"(?:^|[\s(\[\u2014\u2013-])$")
_QUOTE_CHARS = "\"'\u2018\u2019\u201c\u201d"


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at for one quote."""

    quote: Quote
    citation: Citation | None
    resolution: Source | Unresolved | None
    alignment: Alignment | None
    source: SourceText | None
    elsewhere: Alignment | None = None
    brief_text: str = ""

    def has(self, *kinds: ParentheticalKind) -> bool:
        """Whether the citation (or its "quoting" origin) carries any of these parentheticals."""
        cits = [c for c in (self.citation, self.citation.origin if self.citation else None) if c]
        return any(c.has(k) for c in cits for k in kinds)

    @property
    def words(self) -> int:
        """Number of words in the quote."""
        return len(tokenize(self.quote.text).words)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans of the source around the alignment (empty when unknown)."""
        if self.source is None or self.alignment is None:
            return ()
        return _sentences_near(self.source, self.alignment.source_span)

    def sentence_index(self, offset: int) -> int | None:
        """Index in ``sentences`` of the sentence holding ``offset``."""
        for k, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return k
        return None

    def around(self) -> tuple[str, str]:
        """The source sentences just before and just after the matched words."""
        if self.source is None or self.alignment is None or not self.sentences:
            return "", ""
        text = self.source.text
        span = self.alignment.source_span
        first = self.sentence_index(span.start)
        last = self.sentence_index(max(span.end - 1, span.start))
        before = after = ""
        if first is not None and first > 0:
            s = self.sentences[first - 1]
            before = text[s.start : s.end]
        if last is not None and last + 1 < len(self.sentences):
            s = self.sentences[last + 1]
            after = text[s.start : s.end]
        return _squash(before), _squash(after)

    def brief_span(self, rel: Span | None = None) -> Span:
        """Span in the brief's text of ``rel`` (relative to the quote; whole quote if None)."""
        if rel is None:
            return self.quote.span
        return self.quote.to_document(rel)

    def page_claimed(self) -> str | None:
        """The pinpoint the citation gives, as written."""
        if self.citation is not None and self.citation.pin:
            return self.citation.pin
        if isinstance(self.resolution, Source) and self.resolution.pages:
            return "-".join(dict.fromkeys((self.resolution.pages[0], self.resolution.pages[-1])))
        return None

    def page_found(self) -> str | None:
        """The page(s) the matched words occupy, as a range."""
        if self.alignment is None or not self.alignment.pages:
            return None
        p = self.alignment.pages
        return p[0] if len(p) == 1 else f"{p[0]}-{p[-1]}"

    def evidence(
        self,
        *,
        brief_rel: Span | None = None,
        source_span: Span | None = None,
        diff: tuple[DiffOp, ...] = (),
        cue: str | None = None,
    ) -> Evidence:
        """Evidence with both sides' words, the context sentences, pages and the diff."""
        before, after = self.around()
        a = self.alignment
        if brief_rel is not None and brief_rel.length == 0:
            brief_rel = _widen(self.quote.text, brief_rel.start)
        src_span = source_span if source_span is not None else (a.source_span if a else None)
        src_text = ""
        if src_span is not None and self.source is not None:
            src_text = _squash(self.source.text[src_span.start : src_span.end])
        brief = (
            self.quote.text
            if brief_rel is None
            else self.quote.text[brief_rel.start : brief_rel.end]
        )
        return Evidence(
            brief_text=brief,
            brief_span=self.brief_span(brief_rel),
            source_text=src_text,
            source_span=src_span,
            source_before=before,
            source_after=after,
            page_claimed=self.page_claimed(),
            page_found=self.page_found(),
            diff=diff or (a.ops if a else ()),
            cue=cue,
            document=a.document if a else None,
        )


def _widen(text: str, pos: int) -> Span:
    """The word before and the word after ``pos``: where a drop happened, in the brief."""
    left = re.search(r"\S+\s*$", text[:pos])
    right = re.match(r"\s*\S+", text[pos:])
    start = left.start() if left else pos
    end = pos + right.end() if right else pos
    return Span(start, end)


def _squash(text: str) -> str:
    """One line of display text: line-end word breaks ("defend-/ant") joined, spaces collapsed."""
    return " ".join(_LINE_BREAK_HYPHEN.sub(r"\1\2", text).split())


_LINE_BREAK_HYPHEN = re.compile(r"([a-z])-[ \t]*\n\s*([a-z])")


def _sentences_near(source: SourceText, span: Span, margin: int = 2500) -> tuple[Span, ...]:
    """Sentences of ``source`` around ``span``: its own if known, else segmented in a window."""
    if source.sentences:
        return tuple(
            s
            for s in source.sentences
            if s.end > span.start - margin and s.start < span.end + margin
        )
    from quotecheck.text.segment import sentences

    lo = max(0, span.start - margin)
    hi = min(len(source.text), span.end + margin)
    # Start and end the window at paragraph or line breaks so the edges are clean.
    if lo > 0:
        nl = source.text.find("\n", lo, span.start)
        lo = nl + 1 if nl != -1 else lo
    if hi < len(source.text):
        nl = source.text.rfind("\n", span.end, hi)
        hi = nl if nl != -1 else hi
    found = [s.shift(lo) for s in sentences(source.text[lo:hi])]
    if lo > 0 and len(found) > 1 and found[0].end <= span.start:
        found = found[1:]
    if hi < len(source.text) and len(found) > 1 and found[-1].start >= span.end:
        found = found[:-1]
    return tuple(found)


def _finding(
    kind: FindingKind,
    message: str,
    rule: str,
    evidence: Evidence,
    *,
    severity: Severity | None = None,
    uncertain: bool = False,
) -> Finding:
    return Finding(kind, severity or kind.default_severity, message, rule, evidence, uncertain)


def _q(text: str, limit: int = 90) -> str:
    text = _squash(text)
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "\u201d"


# ---------------------------------------------------------------------------------------------
# Op helpers


def _is_ellipsis_op(ctx: Context, op: DiffOp) -> bool:
    return (
        op.tag == DiffTag.DELETE
        and any(e.overlaps(op.brief_span) or e == op.brief_span for e in split_ellipses(ctx.quote))
        and op.brief_span.length > 0
    )


def _bracket_of(ctx: Context, op: DiffOp) -> Span | None:
    """The alteration span an op belongs to: overlapping it, or (for a drop) touching it."""
    for alt in ctx.quote.alterations:
        s = alt.span
        if op.brief_span.length and s.overlaps(op.brief_span):
            return s
        if op.brief_span.length == 0 and _touches(ctx.quote.text, s, op.brief_span.start):
            return s
    return None


def _touches(text: str, span: Span, pos: int) -> bool:
    gap_left = text[span.end : pos] if pos >= span.end else None
    gap_right = text[pos : span.start] if pos <= span.start else None
    gap = gap_left if gap_left is not None else gap_right
    return gap is not None and len(gap) <= 2 and not any(c.isalnum() for c in gap)


def _words(text: str) -> list[str]:
    return list(tokenize(text).words)


def _changes(ctx: Context) -> list[DiffOp]:
    a = ctx.alignment
    return [op for op in a.ops if op.tag != DiffTag.EQUAL] if a else []


def _is_furniture(op: DiffOp) -> bool:
    return op.tag == DiffTag.DELETE and bool(_FURNITURE.search(op.source_text))


# ---------------------------------------------------------------------------------------------
# QC101-QC104: where the words are


def not_found(ctx: Context) -> tuple[Finding, ...]:
    """QC101: the cited source is in the corpus but the words are nowhere in it."""
    if not isinstance(ctx.resolution, Source) or ctx.alignment is not None:
        return ()
    if ctx.elsewhere is not None:
        return ()
    return (
        _finding(
            FindingKind.NOT_FOUND,
            f"The quoted words are not in the cited source ({ctx.resolution.document}) "
            "nor anywhere else in the corpus.",
            "A quotation must reproduce words the cited source actually contains.",
            Evidence(
                brief_text=ctx.quote.text,
                brief_span=ctx.quote.span,
                page_claimed=ctx.page_claimed(),
                document=ctx.resolution.document,
            ),
        ),
    )


def source_missing(ctx: Context) -> tuple[Finding, ...]:
    """QC102: the cited source is not in the corpus, so the quote cannot be verified."""
    res = ctx.resolution
    if not isinstance(res, Unresolved) or res.reason != "not_in_corpus":
        return ()
    if ctx.alignment is not None:
        return ()  # checked against a "(quoting X)" origin that is in the corpus
    note = ""
    if ctx.elsewhere is not None:
        note = f" (the same words appear in {ctx.elsewhere.document}, which may quote it)"
    cited = "the cited source"
    if ctx.citation is not None:
        # An "Id." with nothing before it has no authority: name the citation as written.
        cited = ctx.citation.authority or ctx.citation.text or cited
    return (
        _finding(
            FindingKind.SOURCE_MISSING,
            f"{cited} is not in the corpus, so this quotation could not be checked{note}.",
            "A quotation can only be verified against a source the corpus holds.",
            Evidence(
                brief_text=ctx.quote.text,
                brief_span=ctx.quote.span,
                page_claimed=ctx.page_claimed(),
                source_text=_squash(ctx.elsewhere.source_text) if ctx.elsewhere else "",
                source_span=ctx.elsewhere.source_span if ctx.elsewhere else None,
                document=ctx.elsewhere.document if ctx.elsewhere else None,
            ),
        ),
    )


def wrong_source(ctx: Context) -> tuple[Finding, ...]:
    """QC103: the words are not in the cited source but are in another corpus document."""
    if ctx.alignment is not None or ctx.elsewhere is None:
        return ()
    if not isinstance(ctx.resolution, Source) and not (
        isinstance(ctx.resolution, Unresolved) and ctx.resolution.reason != "not_in_corpus"
    ):
        return ()
    other = ctx.elsewhere
    cited = ctx.resolution.document if isinstance(ctx.resolution, Source) else "the cited source"
    pages = (
        f" at {other.pagination} {'-'.join(dict.fromkeys((other.pages[0], other.pages[-1])))}"
        if other.pages
        else ""
    )
    return (
        _finding(
            FindingKind.WRONG_SOURCE,
            f"The quoted words are not in {cited}; they are in {other.document}{pages}.",
            "A quotation must be attributed to the source that contains it.",
            Evidence(
                brief_text=ctx.quote.text,
                brief_span=ctx.quote.span,
                source_text=_squash(other.source_text),
                source_span=other.source_span,
                page_claimed=ctx.page_claimed(),
                page_found="-".join(dict.fromkeys(other.pages[:1] + other.pages[-1:])) or None,
                diff=other.ops,
                document=other.document,
            ),
        ),
    )


def parse_pages(pin: str) -> list[int] | None:
    """Pages a pinpoint names: ``"577"``, ``"577-78"``, ``"225\u201326"``, ``"912, 915"``.

    >>> parse_pages("577-78"), parse_pages("1025\u201326"), parse_pages("12 n.3")
    ([577, 578], [1025, 1026], [12])
    """
    out: list[int] = []
    for part in re.split(r"[,;&]|\band\b", pin):
        part = re.sub(r"\s*n+\.\s*\d+.*$", "", part.strip()).strip("*¶ ")
        m = re.fullmatch(r"(\d+)(?:\s*[-\u2013\u2014]\s*(\d+))?", part)
        if not m:
            continue
        a = int(m.group(1))
        if m.group(2):
            end_s = m.group(2)
            b = int(end_s)
            if len(end_s) < len(m.group(1)):
                b = int(m.group(1)[: len(m.group(1)) - len(end_s)] + end_s)
            if b < a or b - a > 50:
                b = a
            out.extend(range(a, b + 1))
        else:
            out.append(a)
    return out or None


def wrong_pinpoint(ctx: Context) -> tuple[Finding, ...]:
    """QC104: the words are in the cited source but not on the cited page(s)."""
    a, res = ctx.alignment, ctx.resolution
    if a is None or not isinstance(res, Source) or not res.paginated:
        return ()
    if ctx.citation is None or not ctx.citation.pin or not a.pages:
        return ()
    if res.document != a.document:
        return ()  # matched in a "(quoting X)" origin: the pin is for the quoting source
    if res.pagination not in ("", "none") and a.pagination != res.pagination:
        return ()  # the words' pages are not known in the cited reporter's pagination
    claimed = parse_pages(ctx.citation.pin)
    try:
        found = [int(p) for p in a.pages]
    except ValueError:
        return ()
    if not claimed:
        return ()
    if set(claimed) & set(found):
        return ()
    return (
        _finding(
            FindingKind.WRONG_PINPOINT,
            f"Cited at {ctx.citation.pin}, but the words are at {ctx.page_found()} "
            f"({a.pagination}).",
            "A pinpoint must name the page(s) on which the quoted words appear.",
            ctx.evidence(),
        ),
    )


# ---------------------------------------------------------------------------------------------
# QC201-QC205: the words themselves


def altered_words(ctx: Context) -> tuple[Finding, ...]:
    """QC201: words substituted or inserted without brackets."""
    out = []
    for op in _changes(ctx):
        if op.tag not in (DiffTag.REPLACE, DiffTag.INSERT) or _bracket_of(ctx, op) is not None:
            continue
        bw, sw = _words(op.brief_text), _words(op.source_text)
        if bw == sw:
            continue
        how = C.changes_meaning(bw, sw)
        if op.tag == DiffTag.INSERT:
            msg = f"Adds {_q(op.brief_text)}, which is not in the source, without brackets"
        else:
            msg = (
                f"Reads {_q(op.brief_text)} where the source says {_q(op.source_text)}, "
                "without brackets"
            )
        msg += f"; this changes the meaning ({how})." if how else "."
        out.append(
            _finding(
                FindingKind.ALTERED_WORDS,
                msg,
                "Words changed or added inside a quotation must be bracketed.",
                ctx.evidence(
                    brief_rel=op.brief_span, source_span=op.source_span, diff=(op,), cue=how
                ),
                severity=Severity.ERROR if how else Severity.WARNING,
            )
        )
    return tuple(out)


def unmarked_omission(ctx: Context) -> tuple[Finding, ...]:
    """QC202: words dropped from inside the quoted passage without an ellipsis."""
    out = []
    lenient = ctx.has(
        ParentheticalKind.CITATION_OMITTED,
        ParentheticalKind.CLEANED_UP,
        ParentheticalKind.FOOTNOTE_OMITTED,
        ParentheticalKind.CITATION_MODIFIED,
    )
    for op in _changes(ctx):
        if op.tag != DiffTag.DELETE or _is_ellipsis_op(ctx, op) or _is_furniture(op):
            continue
        if _bracket_of(ctx, op) is not None:
            continue  # a bracket stands for these words: QC205's business
        if lenient and _CITATIONISH.search(op.source_text):
            continue
        sw = _words(op.source_text)
        if not sw:
            continue
        how = C.changes_meaning([], sw)
        msg = f"Drops {_q(op.source_text)} from inside the quotation without an ellipsis"
        msg += f"; this changes the meaning ({how})." if how else "."
        out.append(
            _finding(
                FindingKind.UNMARKED_OMISSION,
                msg,
                "Words left out of the middle of a quotation must be marked with an ellipsis.",
                ctx.evidence(
                    brief_rel=op.brief_span, source_span=op.source_span, diff=(op,), cue=how
                ),
                severity=Severity.ERROR if how == "negation dropped" else None,
            )
        )
    return tuple(out)


_LEADING = frozenset({"but", "and", "yet", "so", "or", "however", "nor", "still", "thus"})


def unmarked_capitalization(ctx: Context) -> tuple[Finding, ...]:
    """QC203: the first letter's case changed without brackets ("This" for "this", or back)."""
    a, src = ctx.alignment, ctx.source
    if a is None or src is None:
        return ()
    text = ctx.quote.text
    m = re.search(r"[^\W\d_]|\[", text)
    if m is None or m.group() == "[":
        return ()  # bracketed first letter: disclosed
    first_op = next((op for op in a.ops if op.brief_span.length), None)
    if first_op is None or first_op.tag != DiffTag.EQUAL or first_op.brief_span.start > m.start():
        return ()
    sm = re.search(r"[^\W\d_]", src.text[a.source_span.start : a.source_span.end])
    if sm is None:
        return ()
    b_char, s_char = m.group(), sm.group()
    word_end = re.match(r"\S+", text[m.start() :])
    first_word = word_end.group() if word_end else b_char
    prev = re.findall(
        r"[A-Za-z']+", src.text[max(0, a.source_span.start - 40) : a.source_span.start]
    )
    cue = None
    if b_char.islower() and s_char.isupper():
        # Worked into the brief's own sentence: Bluebook 5.1 still wants "[t]he".
        msg = (
            f"Lower-cases \u201c{first_word}\u201d, capitalized in the source, without "
            "brackets (write \u201c[" + b_char + "]\u201d)."
        )
    elif not (b_char.isupper() and s_char.islower()):
        return ()
    elif prev and prev[-1].lower() in _LEADING:
        msg = (
            f"Drops the source's leading \u201c{prev[-1]}\u201d and capitalizes "
            f"\u201c{first_word}\u201d without brackets."
        )
        cue = prev[-1]
    else:
        msg = (
            f"Capitalizes \u201c{first_word}\u201d, lower-case in the source, without brackets "
            "(write \u201c[" + b_char + "]\u201d)."
        )
    return (
        _finding(
            FindingKind.UNMARKED_CAPITALIZATION,
            msg,
            "A change of letter case in a quotation must be bracketed.",
            ctx.evidence(brief_rel=Span(m.start(), m.start() + len(first_word)), cue=cue),
        ),
    )


_LETTER_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _past_tense(word: str) -> bool:
    """A lower-case past tense: a listed irregular one or a 5+ letter "-ed" form."""
    if not word.islower():
        return False
    return word in C.PAST_VERBS or (
        len(word) >= 5 and word.endswith("ed") and word not in C.NOT_PAST_TENSE
    )


def _verb_like(word: str) -> bool:
    """Any word that may carry a predicate: a past tense, a listed verb, an auxiliary."""
    w = word.lower()
    return _past_tense(word) or w in C.AUXILIARIES or w in C.PRESENT_VERBS or w in C.PAST_VERBS


def _dropped_verb(ctx: Context, op: DiffOp) -> str | None:
    """The verb opening the predicate an ellipsis leaves out, when the quote keeps no verb.

    "Maher, the tipper, provided inside information to a close relative, his brother Michael"
    quoted as "Maher, the tipper . . . his brother Michael": what the sentence says Maher did is
    gone, and the reader supplies a relation the Court did not state. Without a tagger the verb
    is recognised by form (auxiliaries, "-ed", a lexicon), so the finding is marked uncertain.
    """
    omitted: list[str] = _LETTER_WORD.findall(op.source_text)  # as written: "United" is no verb
    kept = _LETTER_WORD.findall(ctx.quote.text)
    # Only a past tense opens the dropped predicate: an omitted auxiliary ("Parties . . . seek
    # review") leaves its main verb behind, and an "-s" word may be a plural noun.
    if omitted and len(kept) >= 4 and _past_tense(omitted[0]) and not any(map(_verb_like, kept)):
        return omitted[0]
    return None


def ellipsis_hides_qualifier(ctx: Context) -> tuple[Finding, ...]:
    """QC204: an ellipsis drops a negation, condition, exception or limitation, or the verb."""
    out = []
    for op in _changes(ctx):
        if not _is_ellipsis_op(ctx, op) or not op.source_text.strip():
            continue
        verb = _dropped_verb(ctx, op)
        if verb is not None:
            out.append(
                _finding(
                    FindingKind.ELLIPSIS_HIDES_QUALIFIER,
                    f"The ellipsis leaves out {_q(op.source_text)}, the verb of the sentence "
                    "quoted: no verb is left, so the quotation no longer says what the source "
                    "says of its subject.",
                    "An ellipsis may not drop the words that say what the sentence asserts.",
                    ctx.evidence(
                        brief_rel=op.brief_span,
                        source_span=op.source_span,
                        diff=(op,),
                        cue=verb,
                    ),
                    severity=Severity.WARNING,
                    uncertain=True,
                )
            )
            continue
        hits = C.find_cues(op.source_text, C.GAP_CATEGORIES)
        nwords = len(_words(op.source_text))
        score = sum(h.weight for h in hits) * (1.0 if nwords <= 15 else 0.5)
        if score < 1.0 or not hits:
            continue
        hit = max(hits, key=lambda h: h.weight)
        out.append(
            _finding(
                FindingKind.ELLIPSIS_HIDES_QUALIFIER,
                f"The ellipsis leaves out {_q(op.source_text)}, which limits what the "
                f"quotation says (cue: {hit.label} \u201c{hit.text}\u201d).",
                "An ellipsis may not drop a negation, condition, exception or limitation.",
                ctx.evidence(
                    brief_rel=op.brief_span, source_span=op.source_span, diff=(op,), cue=hit.name
                ),
            )
        )
    return tuple(out)


def alteration_changes_meaning(ctx: Context) -> tuple[Finding, ...]:
    """QC205: a bracketed alteration substitutes words with a different meaning."""
    out = []
    groups: dict[Span, list[DiffOp]] = {}
    for op in _changes(ctx):
        if _is_ellipsis_op(ctx, op):
            continue
        span = _bracket_of(ctx, op)
        if span is not None:
            groups.setdefault(span, []).append(op)
    for span, ops in groups.items():
        bw = _words(ctx.quote.text[span.start : span.end])
        # The brief side is the bracketed words plus any unbracketed ones the ops replaced.
        brief_words: list[str] = []
        source_words: list[str] = []
        for op in ops:
            source_words += _words(op.source_text)
            brief_words += _words(op.brief_text)
        if not brief_words:
            brief_words = bw
            # A drop touching a bracket: the bracketed word stands for it plus the dropped ones.
            source_words = bw + source_words
        how = C.changes_meaning(brief_words, source_words)
        if how is None:
            continue
        src = " ".join(source_words)
        out.append(
            _finding(
                FindingKind.ALTERATION_CHANGES_MEANING,
                f"The bracketed {_q(ctx.quote.text[span.start : span.end])} stands for the "
                f"source's {_q(src)}; {how}.",
                "Brackets may change case, tense, person or clarify a reference, not the meaning.",
                ctx.evidence(
                    brief_rel=span,
                    source_span=Span(
                        min(op.source_span.start for op in ops),
                        max(op.source_span.end for op in ops),
                    ),
                    diff=tuple(ops),
                    cue=how,
                ),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# QC301-QC302: context the quote leaves out


def _ends_with_period(text: str) -> bool:
    t = text.rstrip().rstrip(_QUOTE_CHARS + ")").rstrip()
    return t.endswith(".") and not re.search(r"(?:\.\s?){3}$|\u2026$", t)


def truncated_before_qualifier(ctx: Context) -> tuple[Finding, ...]:
    """QC301: the quote stops mid-sentence, with a period, before words that limit it."""
    a, src = ctx.alignment, ctx.source
    if a is None or src is None or not _ends_with_period(ctx.quote.text):
        return ()
    k = ctx.sentence_index(max(a.source_span.end - 1, a.source_span.start))
    if k is None:
        return ()
    sent = ctx.sentences[k]
    rest = src.text[a.source_span.end : sent.end]
    if len(_words(rest)) < 2:
        return ()  # the quote runs to the end of the sentence
    head = rest.lstrip(" ,;:\u2014\u2013-\n")
    offset = len(rest) - len(head)
    hits = [h for h in C.find_cues(head, C.TAIL_CATEGORIES) if h.span.start <= 1]
    if not hits:
        return ()
    hit = max(hits, key=lambda h: h.weight)
    if hit.category == "contrast":
        # "..., but to permit suit" merely goes on; "..., but none for those that do not" limits.
        tail_hits = C.find_cues(head[hit.span.end :], ["negation", "limit", "exception"])
        if not tail_hits:
            return ()
    rest_span = Span(a.source_span.end + offset, sent.end)
    return (
        _finding(
            FindingKind.TRUNCATED_BEFORE_QUALIFIER,
            f"The quotation ends with a period, but the source's sentence goes on: "
            f"{_q(head)} (cue: {hit.label}).",
            "A quotation may not stop before the part of its sentence that limits it.",
            ctx.evidence(source_span=rest_span, cue=hit.name),
        ),
    )


def omitted_adjacent_qualifier(ctx: Context) -> tuple[Finding, ...]:
    """QC302: the source sentence just after a whole-sentence quote limits it.

    Only the next sentence is read (citation sentences skipped): a contrast opener ("But",
    "However", "Nevertheless") or a holding-limiting phrase ("need not decide", "dicta") makes
    it limiting; a sentence that merely goes on is not.
    """
    a, src = ctx.alignment, ctx.source
    q = ctx.quote
    if a is None or src is None or q.text.rstrip().endswith("?"):
        return ()
    first = ctx.sentence_index(a.source_span.start)
    last = ctx.sentence_index(max(a.source_span.end - 1, a.source_span.start))
    if first is None or last is None:
        return ()
    # The quote must present whole sentences: from a sentence's start to a sentence's end.
    if _words(src.text[a.source_span.end : ctx.sentences[last].end]):
        return ()
    lead = _words(src.text[ctx.sentences[first].start : a.source_span.start])
    if len(lead) > (1 if q.full_sentence else 0) or (lead and lead[0] not in _LEADING):
        return ()
    found: list[tuple[Span, C.CueHit, str]] = []
    after = last + 1
    while after < len(ctx.sentences) and _is_citation_sentence(
        src.text[ctx.sentences[after].start : ctx.sentences[after].end]
    ):
        after += 1
    if after < len(ctx.sentences):
        nxt = ctx.sentences[after]
        text = src.text[nxt.start : nxt.end]
        opening = len(text) - len(text.lstrip(_QUOTE_CHARS + " ("))
        for h in C.find_cues(text, C.ADJACENT_CATEGORIES):
            if (h.category == "contrast" and h.span.start <= opening) or h.category == "holding":
                found.append((nxt, h, "next"))
                break
    if not found:
        return ()
    sent, hit, where = found[0]
    sentence = _squash(src.text[sent.start : sent.end])
    severity = None
    note = ""
    if ctx.brief_text and _brief_quotes(ctx.brief_text, sentence):
        severity = Severity.WARNING
        note = " The brief quotes that sentence nearby."
    return (
        _finding(
            FindingKind.OMITTED_ADJACENT_QUALIFIER,
            f"The {where} sentence of the source limits the quoted one: {_q(sentence, 140)} "
            f"(cue: {hit.label} \u201c{hit.text}\u201d).{note}",
            "A quotation may not leave out an adjacent sentence that limits what it says.",
            # The limiting sentence is the one shown beside the quote, even when a citation
            # sentence stands between them.
            replace(ctx.evidence(source_span=sent, cue=hit.name), source_after=sentence),
            severity=severity,
        ),
    )


_CITE_SENTENCE = re.compile(
    r"^(?:(?:See|See also|Cf\.|Accord|But see|E\.g\.,|Id\.)\b|[^.]{0,120}\bv\.\s)"
)


def _is_citation_sentence(text: str) -> bool:
    """Whether a "sentence" is only a citation ("Argersinger v. Hamlin, 407 U. S. 25 (1972).")."""
    text = " ".join(text.split())
    if not re.search(r"\d", text) or len(text.split()) > 40:
        return False
    return bool(_CITE_SENTENCE.match(text))


def _brief_quotes(brief_text: str, sentence: str) -> bool:
    """Whether the brief's surrounding text reproduces most of ``sentence``'s words in order."""
    sw = _words(sentence)
    if len(sw) < 4:
        return False
    bw = " ".join(_words(brief_text))
    # Drop a leading contrast word: the brief often quotes "[T]his order need not ...".
    core = sw[1:] if sw[0] in _LEADING else sw
    return " ".join(core) in bw


# ---------------------------------------------------------------------------------------------
# QC401-QC403: emphasis and inner quotation marks


def _brief_emphasis(ctx: Context) -> list[Span]:
    """The quote's emphasis runs that are emphasis (not an italic case name or Latin term)."""
    out = []
    for e in ctx.quote.emphasis:
        words = ctx.quote.text[e.span.start : e.span.end].strip(" ,.;:\u2019'\"")
        if not words:
            continue
        if e.style == EmphasisStyle.ITALIC and (
            re.search(r"\bv\.|\bIn re\b|\bEx parte\b", words)
            or words.lower() in _LATIN
            or _is_proper_name(words, ctx.quote.text[: e.span.start])
        ):
            continue
        out.append(e.span)
    return out


def _is_proper_name(words: str, before: str) -> bool:
    """Whether an italic run is a case's short name ("Kadrey", "Warhol Foundation").

    Capitalised words only, inside a sentence (a capital at a sentence's start says nothing).
    """
    if not before.strip() or re.search(r"[.!?][\u201d\u2019\"')\]]*\s*$", before):
        return False
    tokens = re.findall(r"[A-Za-z][\w'\u2019&.-]*", words)
    return bool(tokens) and len(tokens) <= 4 and all(t[0].isupper() for t in tokens)


def _source_emphasized(ctx: Context, rel: Span) -> bool | None:
    """Whether the source emphasizes the words at ``rel`` (None when the source has no styling)."""
    a, src = ctx.alignment, ctx.source
    if a is None or src is None or not src.emphasis:
        return None
    return any(
        op.tag == DiffTag.EQUAL
        and op.brief_span.overlaps(rel)
        and any(e.span.overlaps(op.source_span) for e in src.emphasis)
        for op in a.ops
    )


def emphasis_undisclosed(ctx: Context) -> tuple[Finding, ...]:
    """QC401: the quote emphasizes words the source does not, with no "(emphasis added)"."""
    if ctx.has(ParentheticalKind.EMPHASIS_ADDED) or ctx.alignment is None:
        return ()  # disclosed, or no source to tell added emphasis from the original's
    runs = [r for r in _brief_emphasis(ctx) if _source_emphasized(ctx, r) is not True]
    if not runs:
        return ()
    if ctx.has(ParentheticalKind.EMPHASIS_IN_ORIGINAL) and all(
        _source_emphasized(ctx, r) is None for r in runs
    ):
        return ()  # the brief says the source has it, and we cannot see the source's styling
    words = ", ".join(_q(ctx.quote.text[r.start : r.end], 40) for r in runs)
    return (
        _finding(
            FindingKind.EMPHASIS_UNDISCLOSED,
            f"Emphasizes {words} without saying \u201c(emphasis added)\u201d.",
            "Emphasis added to a quotation must be disclosed in a parenthetical.",
            ctx.evidence(brief_rel=runs[0]),
        ),
    )


def emphasis_claim_unsupported(ctx: Context) -> tuple[Finding, ...]:
    """QC402: an emphasis parenthetical that the emphasis present does not bear out."""
    runs = _brief_emphasis(ctx)
    out = []
    # Any styling bears out "emphasis added", even on a Latin term or a name.
    if ctx.has(ParentheticalKind.EMPHASIS_ADDED) and not ctx.quote.emphasis:
        out.append(
            _finding(
                FindingKind.EMPHASIS_CLAIM_UNSUPPORTED,
                "Says \u201c(emphasis added)\u201d but nothing in the quotation is emphasized.",
                "An emphasis parenthetical must match the emphasis the quotation shows.",
                ctx.evidence(),
                uncertain=not ctx.quote.emphasis and ctx.alignment is None,
            )
        )
    if ctx.has(ParentheticalKind.EMPHASIS_IN_ORIGINAL) and runs:
        seen = [_source_emphasized(ctx, r) for r in runs]
        if seen and all(s is False for s in seen):
            out.append(
                _finding(
                    FindingKind.EMPHASIS_CLAIM_UNSUPPORTED,
                    "Says \u201c(emphasis in original)\u201d but the source does not emphasize "
                    "those words.",
                    "An emphasis parenthetical must match the emphasis the source shows.",
                    ctx.evidence(brief_rel=runs[0]),
                )
            )
    if (
        ctx.has(ParentheticalKind.EMPHASIS_OMITTED)
        and ctx.source is not None
        and ctx.source.emphasis
    ):
        a = ctx.alignment
        if a is not None and not any(e.span.overlaps(a.source_span) for e in ctx.source.emphasis):
            out.append(
                _finding(
                    FindingKind.EMPHASIS_CLAIM_UNSUPPORTED,
                    "Says \u201c(emphasis omitted)\u201d but the source has no emphasis there.",
                    "An emphasis parenthetical must match the emphasis the source shows.",
                    ctx.evidence(),
                )
            )
    return tuple(out)


def internal_quotes_undisclosed(ctx: Context) -> tuple[Finding, ...]:
    """QC403: the source's inner quotation marks were dropped without a parenthetical."""
    a, src = ctx.alignment, ctx.source
    if a is None or src is None:
        return ()
    if ctx.has(
        ParentheticalKind.INTERNAL_QUOTES_OMITTED,
        ParentheticalKind.QUOTING,
        ParentheticalKind.CLEANED_UP,
        ParentheticalKind.CITATION_MODIFIED,
    ):
        return ()
    text = src.text
    span = a.source_span
    dropped: list[tuple[int, DiffOp]] = []
    for i in range(span.start, span.end):
        ch = text[i]
        if ch not in '"\u201c\u201d':
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = ch == "\u201c" or (ch == '"' and not before.isalnum() and after.isalnum())
        if not opening:
            continue
        # The first source word after the mark, and the brief's word it was aligned with.
        op = next((o for o in a.ops if o.tag == DiffTag.EQUAL and o.source_span.end > i + 1), None)
        if op is None or op.source_span.start < i:
            # The mark sits inside an equal run: find the brief offset by word position.
            op = next(
                (
                    o
                    for o in a.ops
                    if o.tag == DiffTag.EQUAL and o.source_span.start <= i < o.source_span.end
                ),
                op,
            )
        if op is None:
            continue
        rel = _brief_offset(op, i + 1)
        if rel is None or rel <= op.brief_span.start and op.brief_span.start == 0:
            continue  # the brief's quote starts with the inner quotation: cannot tell
        if rel == 0:
            continue
        if ctx.quote.text[rel - 1] in _QUOTE_CHARS:
            continue  # kept, as single marks
        dropped.append((i, op))
    if not dropped:
        return ()
    i = dropped[0][0]
    close = text.find("\u201d", i + 1, span.end + 2)
    if close == -1:
        close = text.find('"', i + 1, span.end + 2)
    inner = text[i : close + 1] if close != -1 else text[i : min(span.end, i + 60)]
    return (
        _finding(
            FindingKind.INTERNAL_QUOTES_UNDISCLOSED,
            f"The source puts {_q(inner.strip(chr(34) + chr(0x201C) + chr(0x201D)), 60)} in "
            "quotation marks; the brief drops them without "
            "\u201c(internal quotation marks omitted)\u201d, \u201c(quoting \u2026)\u201d or "
            "\u201c(cleaned up)\u201d.",
            "Quotation marks inside a quoted passage must be kept or their omission disclosed.",
            ctx.evidence(source_span=Span(i, i + len(inner))),
        ),
    )


def _brief_offset(op: DiffOp, src_pos: int) -> int | None:
    """Brief offset (relative to the quote) of the word at ``src_pos`` in an EQUAL op."""
    words_s = tokenize(op.source_text)
    words_b = tokenize(op.brief_text)
    if len(words_s.words) != len(words_b.words):
        return None
    local = src_pos - op.source_span.start
    for k, s in enumerate(words_s.spans):
        if s.end > local:
            return op.brief_span.start + words_b.spans[k].start
    return None


#: Every rule, in report order.
RULES: tuple[Callable[[Context], tuple[Finding, ...]], ...] = (
    source_missing,
    not_found,
    wrong_source,
    wrong_pinpoint,
    altered_words,
    unmarked_omission,
    unmarked_capitalization,
    ellipsis_hides_qualifier,
    alteration_changes_meaning,
    truncated_before_qualifier,
    omitted_adjacent_qualifier,
    emphasis_undisclosed,
    emphasis_claim_unsupported,
    internal_quotes_undisclosed,
)


def is_phrase(ctx: Context) -> bool:
    """A short uncited echo, a term or a heading: nothing is claimed, so nothing is accused."""
    if ctx.quote.kind in (QuoteKind.TERM, QuoteKind.HEADING, QuoteKind.PHRASE):
        return True
    return ctx.citation is None and ctx.words <= 3
