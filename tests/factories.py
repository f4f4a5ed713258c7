"""Factories for the data model, after eyecite's ``test_factories``: sensible defaults, override
anything by keyword.

Spans are computed from the text they cover (never hard-coded). ``make_diff`` builds real
word-level ``DiffOp``s with difflib, spans relative to each side's text. ``make_sample_report``
is a realistic ``check`` report with one finding of most kinds (and a quote carrying
``<script>``), for renderers and anything else that needs a full report.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from quotecheck.models import (
    Alignment,
    Citation,
    CitationForm,
    DiffOp,
    DiffTag,
    Document,
    Evidence,
    Finding,
    FindingKind,
    Parenthetical,
    ParentheticalKind,
    Quote,
    QuoteKind,
    QuoteResult,
    Report,
    Severity,
    Span,
)

BARTZ = "Bartz v. Anthropic PBC, 787 F. Supp. 3d 1007"


def make_span(start: int = 0, length: int = 0) -> Span:
    return Span(start, start + length)


def make_document(text: str = "A brief quoting “such piracy” here.", **kw: Any) -> Document:
    kw.setdefault("path", "brief.md")
    kw.setdefault("format", "markdown")
    return Document(text=text, **kw)


def make_quote(
    text: str = "such piracy of otherwise available copies is inherently, irredeemably infringing",
    *,
    id: int = 1,  # noqa: A002 - mirrors Quote.id
    start: int = 100,
    kind: QuoteKind = QuoteKind.QUOTATION,
    page: int | None = 4,
    line: int | None = 12,
    **kw: Any,
) -> Quote:
    return Quote(
        id=id,
        span=Span(start, start + len(text)),
        text=text,
        kind=kind,
        page=page,
        line=line,
        **kw,
    )


def make_parenthetical(
    text: str = "quoting Bartz, 787 F. Supp. 3d at 1025",
    kinds: tuple[ParentheticalKind, ...] = (ParentheticalKind.QUOTING,),
    *,
    start: int = 0,
) -> Parenthetical:
    return Parenthetical(Span(start, start + len(text)), text, kinds)


def make_citation(
    text: str = "Bartz, 787 F. Supp. 3d at 1025",
    *,
    form: CitationForm = CitationForm.SHORT,
    authority: str = BARTZ,
    pin: str | None = "1025",
    start: int = 300,
    **kw: Any,
) -> Citation:
    kw.setdefault("reporter", "787 F. Supp. 3d 1007")
    kw.setdefault("case_name", "Bartz v. Anthropic PBC")
    kw.setdefault("short_name", "Bartz")
    return Citation(
        span=Span(start, start + len(text)),
        text=text,
        form=form,
        authority=authority,
        pin=pin,
        **kw,
    )


def make_diff(brief: str, source: str) -> tuple[DiffOp, ...]:
    """Word-level ops turning ``source`` into ``brief``; spans relative to each text."""
    bw = [(m.start(), m.end()) for m in re.finditer(r"\S+", brief)]
    sw = [(m.start(), m.end()) for m in re.finditer(r"\S+", source)]
    matcher = difflib.SequenceMatcher(
        a=[source[s:e] for s, e in sw], b=[brief[s:e] for s, e in bw], autojunk=False
    )

    def span(words: list[tuple[int, int]], i: int, j: int, text: str) -> Span:
        if i < j:
            return Span(words[i][0], words[j - 1][1])
        at = words[i][0] if i < len(words) else len(text)
        return Span(at, at)

    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        b = span(bw, j1, j2, brief)
        s = span(sw, i1, i2, source)
        ops.append(DiffOp(DiffTag(tag), b, s, brief[b.start : b.end], source[s.start : s.end]))
    return tuple(ops)


SUCH_PIRACY = "Such piracy of otherwise available copies is inherently, irredeemably infringing"


def make_alignment(
    source_text: str = SUCH_PIRACY,
    *,
    document: str = "bartz-v-anthropic-2025-06-23",
    score: float = 99.1,
    start: int = 40110,
    pages: tuple[str, ...] = ("19",),
    pagination: str = "slip",
    ops: tuple[DiffOp, ...] = (),
) -> Alignment:
    return Alignment(
        document=document,
        score=score,
        source_span=Span(start, start + len(source_text)),
        source_text=source_text,
        ops=ops,
        pages=pages,
        pagination=pagination,
    )


def make_evidence(**kw: Any) -> Evidence:
    return Evidence(**kw)


def make_finding(
    kind: FindingKind = FindingKind.OMITTED_ADJACENT_QUALIFIER,
    *,
    severity: Severity | None = None,
    message: str = "the next sentence of the source limits the quoted one",
    rule: str = "A quotation must not omit adjacent text that limits it.",
    evidence: Evidence | None = None,
    uncertain: bool = False,
    **evidence_kw: Any,
) -> Finding:
    """A finding; evidence fields may be given directly (``source_after="..."``)."""
    if evidence is None:
        evidence = Evidence(**evidence_kw)
    return Finding(
        kind=kind,
        severity=kind.default_severity if severity is None else severity,
        message=message,
        rule=rule,
        evidence=evidence,
        uncertain=uncertain,
    )


def make_result(
    quote: Quote | None = None,
    citation: Citation | None = None,
    *,
    origin: Citation | None = None,
    match: Alignment | None = None,
    findings: tuple[Finding, ...] = (),
) -> QuoteResult:
    return QuoteResult(
        quote=make_quote() if quote is None else quote,
        citation=citation,
        origin=origin,
        match=match,
        findings=findings,
    )


def make_report(
    results: tuple[QuoteResult, ...] | None = None,
    *,
    brief: str = "briefs/opposition.md",
    corpus: str | None = "corpus/",
    checked: bool = True,
    **kw: Any,
) -> Report:
    if results is None:
        results = (make_result(citation=make_citation(), match=make_alignment()),)
    return Report(brief=brief, corpus=corpus, results=results, checked=checked, **kw)


def _aligned(
    brief: str, source: str, *, before: str = "", after: str = "", **kw: Any
) -> tuple[Alignment, tuple[DiffOp, ...]]:
    ops = make_diff(brief, source)
    return make_alignment(source, ops=ops, **kw), ops


def _ellipsis_op(brief: str, source: str, dropped: str) -> DiffOp:
    """The DELETE op of a marked omission: brief span = the ellipsis, source span = the words."""
    b = brief.index("...")
    s = source.index(dropped)
    return DiffOp(DiffTag.DELETE, Span(b, b + 3), Span(s, s + len(dropped)), "...", dropped)


def make_sample_report(*, checked: bool = True) -> Report:
    """A realistic report: nine quotes, findings of eight kinds, one verified, one unverified."""
    results: list[QuoteResult] = []

    # 1. The seed brief's Bartz quotation: omits the next sentence ("But this order need not...").
    q1 = "[s]uch piracy of otherwise available copies is inherently, irredeemably infringing"
    s1 = "Such piracy of otherwise available copies is inherently, irredeemably infringing"
    m1, ops1 = _aligned(q1, s1)
    origin = make_citation("Bartz, 787 F.Supp.3d at 1025", start=420)
    cite1 = make_citation(
        "Dkt. 741, at 5",
        form=CitationForm.RECORD,
        authority="Dkt. 741",
        pin="5",
        reporter=None,
        case_name=None,
        short_name=None,
        parentheticals=(make_parenthetical("quoting Bartz, 787 F.Supp.3d at 1025"),),
        origin=origin,
    )
    results.append(
        make_result(
            make_quote(q1, id=1, start=10233, page=4, line=12),
            cite1,
            origin=origin,
            match=m1,
            findings=(
                make_finding(
                    FindingKind.OMITTED_ADJACENT_QUALIFIER,
                    # As classify gives it: the source words are the limiting sentence.
                    source_text="But this order need not decide this case on that rule.",
                    source_after="But this order need not decide this case on that rule.",
                    cue="need not decide",
                    document="bartz-v-anthropic-2025-06-23",
                    page_found="19",
                ),
            ),
        )
    )

    # 2. Capitalisation changed without brackets.
    q2 = "This order need not decide this case on that rule."
    s2 = "this order need not decide this case on that rule."
    m2, ops2 = _aligned(q2, s2)
    results.append(
        make_result(
            make_quote(q2, id=2, start=11020, page=5, line=3),
            make_citation("Bartz, 787 F. Supp. 3d at 1025", start=11080),
            match=m2,
            findings=(
                make_finding(
                    FindingKind.UNMARKED_CAPITALIZATION,
                    message='"This" is capitalised in the brief but not in the source',
                    rule="A change of letter case must be bracketed.",
                    diff=tuple(op for op in ops2 if op.tag is not DiffTag.EQUAL),
                ),
            ),
        )
    )

    # 3. An ellipsis hides a negation.
    q3 = "the use ... is permitted"
    s3 = "the use of pirated copies is not permitted"
    m3, ops3 = _aligned("the use is permitted", s3, document="kadrey-v-meta-2025-06-25")
    results.append(
        make_result(
            make_quote(q3, id=3, start=12000, page=6, line=7),
            make_citation(
                "Kadrey, slip op. at 12",
                authority="Kadrey v. Meta Platforms, Inc., No. 23-cv-03417",
                pin="12",
                reporter=None,
                case_name="Kadrey v. Meta Platforms, Inc.",
                short_name="Kadrey",
                start=12030,
            ),
            match=m3,
            findings=(
                make_finding(
                    FindingKind.ELLIPSIS_HIDES_QUALIFIER,
                    message='the ellipsis drops "not", a negation',
                    rule="An ellipsis may not drop words that limit what is quoted.",
                    cue="not",
                    diff=(_ellipsis_op(q3, s3, "of pirated copies is not"),),
                ),
            ),
        )
    )

    # 4. Altered words (and a <script> in the brief text, which must never run in HTML).
    q4 = "the market <script>alert(1)</script> harm is always dispositive"
    s4 = "the market harm is usually the most important factor"
    m4, ops4 = _aligned(
        q4,
        s4,
        document="harper-row-v-nation-471us539-1985",
        pages=("566",),
        pagination="U.S.",
        start=31000,
    )
    results.append(
        make_result(
            make_quote(q4, id=4, start=13000, page=7, line=2),
            make_citation(
                "Harper & Row, 471 U.S. at 566",
                authority="Harper & Row, Publishers, Inc. v. Nation Enterprises, 471 U.S. 539",
                pin="566",
                reporter="471 U.S. 539",
                case_name="Harper & Row, Publishers, Inc. v. Nation Enterprises",
                short_name="Harper & Row",
                start=13080,
            ),
            match=m4,
            findings=(
                make_finding(
                    FindingKind.ALTERED_WORDS,
                    message='"always dispositive" replaces "usually the most important factor"',
                    rule="Words inside quotation marks must be the source's words.",
                    diff=tuple(op for op in ops4 if op.tag is not DiffTag.EQUAL),
                    source_text=s4,
                ),
                make_finding(
                    FindingKind.WRONG_PINPOINT,
                    message="the words are on page 566, not 565",
                    rule="The pinpoint must name the page the words are on.",
                    page_claimed="565",
                    page_found="566",
                ),
            ),
        )
    )

    # 5. Source not in the corpus.
    results.append(
        make_result(
            make_quote("a transformative purpose", id=5, start=14000, page=8, line=20),
            make_citation(
                "Warhol, 598 U.S. at 529",
                form=CitationForm.SHORT,
                authority="Andy Warhol Found. for the Visual Arts, Inc. v. Goldsmith, 598 U.S. 508",
                pin="529",
                reporter="598 U.S. 508",
                short_name="Warhol",
                start=14030,
            ),
            findings=(
                make_finding(
                    FindingKind.SOURCE_MISSING,
                    message="Warhol, 598 U.S. 508 is not in the corpus",
                    rule="A quotation can be verified only against its source.",
                ),
            ),
        )
    )

    # 6. Emphasis added without saying so.
    q6 = "the fourth factor is undoubtedly the single most important element"
    m6, _ = _aligned(
        q6,
        q6,
        document="harper-row-v-nation-471us539-1985",
        pages=("566",),
        pagination="U.S.",
        start=31200,
    )
    results.append(
        make_result(
            make_quote(q6, id=6, start=15000, page=9, line=4),
            make_citation(
                "Harper & Row, 471 U.S. at 566",
                authority="Harper & Row, Publishers, Inc. v. Nation Enterprises, 471 U.S. 539",
                reporter="471 U.S. 539",
                short_name="Harper & Row",
                pin="566",
                start=15070,
            ),
            match=m6,
            findings=(
                make_finding(
                    FindingKind.EMPHASIS_UNDISCLOSED,
                    message='"undoubtedly" is italicised in the brief but not in the source',
                    rule='Added emphasis must be disclosed with "(emphasis added)".',
                    brief_text="undoubtedly",
                ),
            ),
        )
    )

    # 7. Not found anywhere in the corpus.
    results.append(
        make_result(
            make_quote(
                "courts must always defer to the copyright owner",
                id=7,
                start=16000,
                page=10,
                line=15,
            ),
            make_citation(
                "Kadrey, slip op. at 30",
                authority="Kadrey v. Meta Platforms, Inc., No. 23-cv-03417",
                pin="30",
                reporter=None,
                short_name="Kadrey",
                start=16060,
            ),
            findings=(
                make_finding(
                    FindingKind.NOT_FOUND,
                    message="the words are nowhere in the cited opinion or the corpus",
                    rule="Quoted words must appear in the cited source.",
                    document=None,
                ),
            ),
        )
    )

    # 8. A faithful quote: verified.
    q8 = "the task is not to be simplified with bright-line rules"
    m8, ops8 = _aligned(
        q8,
        q8,
        document="campbell-v-acuff-rose-510us569-1994",
        pages=("577",),
        pagination="U.S.",
        start=5200,
    )
    results.append(
        make_result(
            make_quote(q8, id=8, start=17000, page=11, line=1),
            make_citation(
                "Campbell, 510 U.S. at 577",
                authority="Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569",
                reporter="510 U.S. 569",
                short_name="Campbell",
                pin="577",
                start=17060,
            ),
            match=m8,
        )
    )

    # 9. A defined term: no citation, nothing to check.
    results.append(
        make_result(make_quote("Books3", id=9, start=200, page=1, line=9, kind=QuoteKind.TERM))
    )

    if not checked:
        results = [QuoteResult(r.quote, r.citation, r.origin, None, ()) for r in results]
    return make_report(tuple(results), checked=checked)
