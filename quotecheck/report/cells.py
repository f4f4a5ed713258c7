"""Cell contents shared by every renderer: locations, citations, diff segments, evidence.

In: ``Report``/``QuoteResult``/``Finding`` values. Out: plain strings and ``Segment`` runs that
each format then styles its own way (Markdown strike-through, HTML ``<del>``, Word runs...).
Nothing here knows about a particular output format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quotecheck.models import (
    Citation,
    DiffOp,
    DiffTag,
    Finding,
    ParentheticalKind,
    QuoteResult,
    Report,
    Span,
)

#: What a run of text is in a marked-up quotation.
SegmentTag = Literal["equal", "insert", "delete"]

CHECK_HEADERS = (
    "#",
    "Brief page:line",
    "Quote",
    "Citation",
    "Found at",
    "Finding",
    "Evidence",
    "Severity",
)
EXTRACT_HEADERS = ("#", "Page:line", "Kind", "Quote", "Citation", "Parentheticals", "Origin")

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a marked-up quotation: ``equal``, brief-only ``insert``, source-only ``delete``."""

    tag: SegmentTag
    text: str


def collapse(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends.

    >>> collapse(" such\\n piracy  of ")
    'such piracy of'
    """
    return " ".join(text.split())


def shorten(text: str, width: int = 80) -> str:
    """Collapse white space and cut ``text`` to ``width`` characters, ending with an ellipsis.

    >>> shorten("one two three four", 12)
    'one two th…'
    """
    text = collapse(text)
    return text if len(text) <= width else text[: width - 2].rstrip() + "…"


def location(report: Report, page: int | None, line: int | None) -> str:
    """Where a quote starts in the brief: ``page:line``, or ``¶N`` for paragraph-numbered briefs.

    >>> location(Report("b.md", None, ()), 4, 12)
    '4:12'
    >>> location(Report("b.docx", None, (), line_unit="paragraph"), None, 31)
    '¶31'
    """
    if report.line_unit == "paragraph" and line is not None:
        return f"¶{line}" if page is None else f"{page}:¶{line}"
    if page is not None and line is not None:
        return f"{page}:{line}"
    if page is not None:
        return str(page)
    return "" if line is None else f"line {line}"


def parentheticals(citation: Citation | None) -> list[str]:
    """The parentheticals that speak to the quotation (court/date parentheticals left out)."""
    if citation is None:
        return []
    out = []
    for p in citation.parentheticals:
        if p.kinds and all(k is ParentheticalKind.COURT for k in p.kinds):
            continue
        text = collapse(p.text)
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1].strip()
        out.append(text)
    return out


def citation_text(citation: Citation | None) -> str:
    """The citation as the brief gives it, whitespace collapsed; empty when there is none."""
    return "" if citation is None else collapse(citation.text)


def citation_with_origin(result: QuoteResult) -> str:
    """The citation, and the "(quoting X)" origin the words were checked against."""
    text = citation_text(result.citation)
    if result.origin is not None and result.origin is not result.citation:
        text += f" (quoting {citation_text(result.origin)})"
    return text


def citation_cell(citation: Citation | None) -> str:
    """``text (form; authority; pin)`` for the extract table.

    >>> from quotecheck.models import CitationForm
    >>> citation_cell(Citation(Span(0, 5), "Dkt. 741, at 5", CitationForm.RECORD, "Dkt. 741", "5"))
    'Dkt. 741, at 5 [record; Dkt. 741; pin 5]'
    """
    if citation is None:
        return ""
    bits = [citation.form.value, collapse(citation.authority)]
    if citation.pin:
        bits.append(f"pin {citation.pin}")
    return f"{collapse(citation.text)} [{'; '.join(bits)}]"


def origin_of(result: QuoteResult) -> Citation | None:
    """The "(quoting X)" citation the words are checked against, if any."""
    if result.origin is not None:
        return result.origin
    return None if result.citation is None else result.citation.origin


def pagination_label(pagination: str) -> str:
    """How to name a page of ``pagination`` in prose: ``slip op. at``, ``U.S. at``...

    >>> pagination_label("slip")
    'slip op. at'
    """
    if pagination == "slip":
        return "slip op. at"
    if pagination in ("pdf", "none", ""):
        return "at"
    return f"{pagination} at"


def found_at(result: QuoteResult, finding: Finding | None = None) -> str:
    """Where the words really are: ``document, slip op. at 19`` (empty when nowhere)."""
    ev = finding.evidence if finding is not None else None
    match = result.match
    document = (ev.document if ev is not None else None) or (match.document if match else None)
    if not document:
        return ""
    pagination = match.pagination if match is not None else "none"
    page = ev.page_found if ev is not None else None
    pages: tuple[str, ...] = (page,) if page else (match.pages if match is not None else ())
    if not pages:
        return document
    span = "-".join(dict.fromkeys((pages[0], pages[-1])))
    return f"{document}, {pagination_label(pagination)} {span}"


def finding_label(finding: Finding) -> str:
    """``QC302 omitted_adjacent_qualifier`` (with ``?`` when the checker is unsure)."""
    return f"{finding.code} {finding.kind.value}" + (" (uncertain)" if finding.uncertain else "")


def evidence_text(finding: Finding) -> str:
    """The finding's message and the evidence it rests on, as one plain paragraph."""
    ev = finding.evidence
    bits = [finding.message.rstrip(".") + "."]
    if ev.cue:
        bits.append(f'Cue: "{collapse(ev.cue)}".')
    if ev.source_before:
        bits.append(f'Sentence before: "{collapse(ev.source_before)}"')
    if ev.source_text and not ev.diff:
        bits.append(f'Source: "{shorten(ev.source_text, 240)}"')
    if ev.source_after:
        bits.append(f'Sentence after: "{collapse(ev.source_after)}"')
    changes = [op for op in ev.diff if op.tag is not DiffTag.EQUAL]
    if changes:
        bits.append("Changes: " + "; ".join(_change(op) for op in changes) + ".")
    if ev.page_claimed and ev.page_found:
        bits.append(f"Cited p. {ev.page_claimed}, found p. {ev.page_found}.")
    elif ev.page_found:
        bits.append(f"Found p. {ev.page_found}.")
    elif ev.page_claimed:
        bits.append(f"Cited p. {ev.page_claimed}.")
    return " ".join(bits)


def _change(op: DiffOp) -> str:
    if op.tag is DiffTag.INSERT:
        return f'added "{collapse(op.brief_text)}"'
    if op.tag is DiffTag.DELETE:
        return f'dropped "{collapse(op.source_text)}"'
    return f'"{collapse(op.source_text)}" -> "{collapse(op.brief_text)}"'


def ops_for(result: QuoteResult, finding: Finding | None = None) -> tuple[DiffOp, ...]:
    """The diff to show for a row: the finding's own, else the whole alignment's."""
    if finding is not None and finding.evidence.diff:
        return finding.evidence.diff
    return result.match.ops if result.match is not None else ()


def _fold(text: str) -> str:
    return collapse(text.translate(_FOLD)).casefold()


def _base(text: str, spans: list[tuple[Span, str]], origin: int) -> int | None:
    """The offset the spans count from: 0 (relative to ``text``) or ``origin`` (absolute)."""
    for base in (0, origin):
        ok = True
        for span, want in spans:
            start, end = span.start - base, span.end - base
            if start < 0 or end > len(text) or _fold(text[start:end]) != _fold(want):
                ok = False
                break
        if ok:
            return base
    return None


def brief_segments(text: str, ops: tuple[DiffOp, ...], origin: int = 0) -> list[Segment]:
    """The brief's words, brief-only words marked ``insert``, dropped source words as ``delete``.

    Dropped source words are spliced in where they were dropped (after the ellipsis, for a
    marked omission).
    ``origin`` is where ``text`` starts in the brief, in case the ops' brief spans count from the
    document rather than the quote. When the ops cannot be placed, the text comes back unmarked.

    >>> from quotecheck.models import DiffOp, DiffTag, Span
    >>> ops = (DiffOp(DiffTag.REPLACE, Span(0, 4), Span(0, 4), "This", "this"),)
    >>> [(s.tag, s.text) for s in brief_segments("This order", ops)]
    [('delete', 'this'), ('insert', 'This'), ('equal', ' order')]
    """
    changes = [op for op in ops if op.tag is not DiffTag.EQUAL]
    if not changes:
        return [Segment("equal", text)]
    checks = [(op.brief_span, op.brief_text) for op in changes if op.brief_text]
    base = _base(text, checks, origin)
    if base is None:
        return [Segment("equal", text)]
    out: list[Segment] = []
    pos = 0
    for op in sorted(changes, key=lambda o: (o.brief_span.start, o.brief_span.end)):
        start = max(op.brief_span.start - base, pos)
        end = max(op.brief_span.end - base, start)
        if start > pos:
            out.append(Segment("equal", text[pos:start]))
        if op.tag is DiffTag.DELETE and end > start:
            # A marked omission: the brief's ellipsis stays, the words it stands for follow it.
            out.append(Segment("equal", text[start:end]))
            out.append(Segment("delete", " " + op.source_text))
        elif op.tag is DiffTag.DELETE and op.source_text:
            # Dropped words between two brief words: keep them a word apart from both.
            after_space = start == 0 or text[start - 1].isspace()
            padded = op.source_text + " " if after_space else " " + op.source_text
            out.append(Segment("delete", padded))
        elif op.tag is DiffTag.REPLACE and op.source_text:
            out.append(Segment("delete", op.source_text))
        if op.tag in (DiffTag.INSERT, DiffTag.REPLACE) and end > start:
            out.append(Segment("insert", text[start:end]))
        pos = end
    if pos < len(text):
        out.append(Segment("equal", text[pos:]))
    return out


def source_segments(text: str, ops: tuple[DiffOp, ...], origin: int = 0) -> list[Segment]:
    """The source's words with the words the brief dropped or replaced marked ``delete``.

    >>> from quotecheck.models import DiffOp, DiffTag, Span
    >>> ops = (DiffOp(DiffTag.DELETE, Span(3, 3), Span(3, 7), "", "not "),)
    >>> [(s.tag, s.text) for s in source_segments("is not here", ops)]
    [('equal', 'is '), ('delete', 'not '), ('equal', 'here')]
    """
    changes = [
        op for op in ops if op.tag in (DiffTag.DELETE, DiffTag.REPLACE) and op.source_span.length
    ]
    if not changes:
        return [Segment("equal", text)]
    base = _base(text, [(op.source_span, op.source_text) for op in changes], origin)
    if base is None:
        return [Segment("equal", text)]
    out: list[Segment] = []
    pos = 0
    for op in sorted(changes, key=lambda o: o.source_span.start):
        start = max(op.source_span.start - base, pos)
        end = max(op.source_span.end - base, start)
        if start > pos:
            out.append(Segment("equal", text[pos:start]))
        out.append(Segment("delete", text[start:end]))
        pos = end
    if pos < len(text):
        out.append(Segment("equal", text[pos:]))
    return out


def quote_segments(result: QuoteResult, finding: Finding | None = None) -> list[Segment]:
    """The quotation as the brief has it, differences marked, white space collapsed."""
    segs = brief_segments(result.quote.text, ops_for(result, finding), result.quote.span.start)
    return _collapse_segments(segs)


def _collapse_segments(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for s in segs:
        text = " ".join(s.text.split())
        if s.text[:1].isspace() and text:
            text = " " + text
        if s.text[-1:].isspace() and text:
            text += " "
        if not text.strip():
            text = " " if s.tag == "equal" and s.text else ""
        if text:
            out.append(Segment(s.tag, text))
    if out and out[0].tag == "equal":
        out[0] = Segment("equal", out[0].text.lstrip())
    if out and out[-1].tag == "equal":
        out[-1] = Segment("equal", out[-1].text.rstrip())
    return [s for s in out if s.text]


def plain_marked(segments: list[Segment]) -> str:
    """Segments as plain text, wdiff style: ``[-dropped-]{+added+}``.

    >>> plain_marked([Segment("equal", "is "), Segment("delete", "not"), Segment("equal", " so")])
    'is [-not-] so'
    """
    marks = {"equal": ("", ""), "insert": ("{+", "+}"), "delete": ("[-", "-]")}
    out = []
    for s in segments:
        lead, core, tail = edges(s.text)
        if s.tag == "equal" or not core:
            out.append(s.text)
        else:
            out.append(lead + marks[s.tag][0] + core + marks[s.tag][1] + tail)
    return "".join(out)


def edges(text: str) -> tuple[str, str, str]:
    """``text`` split into leading white space, the rest, and trailing white space.

    >>> edges(" not ")
    (' ', 'not', ' ')
    """
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def check_rows(report: Report) -> list[tuple[QuoteResult, Finding]]:
    """One (result, finding) pair per finding, in quote order, most severe first within a quote."""
    rows = []
    for r in report.results:
        for f in sorted(r.findings, key=lambda f: -f.severity.rank):
            rows.append((r, f))
    return rows


def summary_line(report: Report) -> str:
    """One sentence of counts, e.g. ``68 quotations: 20 verified, 9 with discrepancies...``."""
    s = report.summary()
    if not report.checked:
        return f"{s['quotes']} quotations extracted from {report.brief}."
    return (
        f"{s['quotes']} quotations: {s['verified']} verified, {s['discrepancies']} with "
        f"discrepancies, {s['unverified']} unverified; {s['errors']} errors, "
        f"{s['warnings']} warnings, {s['info']} info."
    )


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One row of the discrepancy table, in ``CHECK_HEADERS`` order (the quote as segments)."""

    number: str
    where: str
    quote: list[Segment]
    citation: str
    found: str
    finding: str
    evidence: str
    severity: str
    code: str
    kind: str

    def texts(self, quote: str) -> list[str]:
        """The row's cells as strings, with ``quote`` (already styled) in the quote column."""
        return [
            self.number,
            self.where,
            quote,
            self.citation,
            self.found,
            self.finding,
            self.evidence,
            self.severity,
        ]


def check_table(report: Report) -> list[CheckRow]:
    """The discrepancy table: one row per finding, in quote order."""
    rows = []
    for r, f in check_rows(report):
        rows.append(
            CheckRow(
                number=str(r.quote.id),
                where=location(report, r.quote.page, r.quote.line),
                quote=quote_segments(r, f),
                citation=citation_with_origin(r),
                found=found_at(r, f),
                finding=finding_label(f),
                evidence=evidence_text(f),
                severity=f.severity.value,
                code=f.code,
                kind=f.kind.value,
            )
        )
    return rows


def extract_table(report: Report, *, width: int | None = None) -> list[list[str]]:
    """The quotations table of an ``extract`` report, in ``EXTRACT_HEADERS`` order.

    ``width`` shortens the quote column (the terminal table); ``None`` keeps it whole.
    """
    rows = []
    for r in report.results:
        text = collapse(r.quote.text) if width is None else shorten(r.quote.text, width)
        rows.append(
            [
                str(r.quote.id),
                location(report, r.quote.page, r.quote.line),
                r.quote.kind.value,
                text,
                citation_cell(r.citation),
                "; ".join(parentheticals(r.citation)),
                citation_cell(origin_of(r)),
            ]
        )
    return rows
