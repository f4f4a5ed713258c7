"""The data model: immutable values that flow one way through the pipeline.

In: nothing (this module imports only the standard library).
Out: ``Span``, ``Document`` and its parts, ``Quote``, ``Citation``, ``Source``, ``Alignment``,
``Finding``, ``QuoteResult`` and ``Report``, plus the ``StrEnum`` kinds with their stable codes.

Every extracted object carries a ``Span`` into ``Document.text`` (the brief's text as loaded: the
reading text, with margin numbers, Markdown markers and page furniture already taken out). The
loader keeps a map from that text back to the raw file (``Document.raw_offset``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)``.

    >>> Span(3, 7).length
    4
    >>> Span(0, 4).overlaps(Span(3, 5))
    True
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def shift(self, delta: int) -> Span:
        """The same span moved by ``delta`` characters."""
        return Span(self.start + delta, self.end + delta)

    def as_list(self) -> list[int]:
        """``[start, end]`` for JSON."""
        return [self.start, self.end]


# ---------------------------------------------------------------------------------------------
# Documents


class EmphasisStyle(StrEnum):
    """How words are emphasized in a brief or a source."""

    ITALIC = "italic"
    BOLD = "bold"
    UNDERLINE = "underline"


@dataclass(frozen=True, slots=True)
class Emphasis:
    """A run of emphasized text."""

    span: Span
    style: EmphasisStyle


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the brief: its number as printed (or counted) and where it lies in the text."""

    number: int
    span: Span


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the brief: its page and its line number (pleading number, or counted)."""

    span: Span
    page: int | None
    number: int | None


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's text and, when found, the span of its call in the body."""

    label: str
    span: Span
    call: Span | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded brief: reading text plus the structure the loader saw.

    Conventions every loader (text/Markdown, PDF, DOCX) follows:

    - ``text`` is the reading text, never rewritten after loading: body text in reading order,
      paragraphs separated by a blank line (``"\\n\\n"``), the lines of a paragraph by ``"\\n"``
      (where the format has lines). Margin line numbers, running headers and footers, ECF stamps,
      Markdown markers (``*``, ``**``, ``_``, ``<i>``, ``<sup>``), escapes (``\\*``) and footnote
      call numbers are not in it. A paragraph that runs across a page break (or around a footnote)
      continues without a blank line.
    - Footnote texts follow the body, after a blank line, one paragraph per footnote (a footnote
      continued on the next page is joined into one); ``footnotes`` holds their spans, labels,
      and the zero-length position of the call in the body.
    - ``lines`` are in text order and cover every line of ``text`` (body and footnotes) with the
      page it is printed on and its number: the pleading margin number when the brief has one,
      else the line's count on its page; for DOCX (no pages) ``page`` is ``None`` and ``number``
      the paragraph's count, and ``line_unit`` is ``"paragraph"``.
    - ``pages`` gives each page's body span; ``emphasis``, ``headings``, ``blocks`` (block
      quotations), ``paragraphs`` and ``toc`` (tables of contents and authorities) are spans in
      ``text``.
    - ``raw_starts``/``raw_origins`` map text offsets back to the raw file (runs of equal delta),
      empty when there is no raw text (PDF, DOCX) or it equals ``text``.
    """

    path: str
    text: str
    format: str
    pages: tuple[Page, ...] = ()
    lines: tuple[Line, ...] = ()
    emphasis: tuple[Emphasis, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    headings: tuple[Span, ...] = ()
    blocks: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    toc: tuple[Span, ...] = ()
    raw_starts: tuple[int, ...] = ()
    raw_origins: tuple[int, ...] = ()
    line_unit: str = "line"
    line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.line_starts and self.lines:
            object.__setattr__(self, "line_starts", tuple(ln.span.start for ln in self.lines))

    def locate(self, offset: int) -> tuple[int | None, int | None]:
        """Page and line number of the character at ``offset`` (``None`` when unknown).

        >>> doc = Document("x.txt", "ab\\ncd", "text",
        ...                lines=(Line(Span(0, 2), 1, 1), Line(Span(3, 5), 1, 2)))
        >>> doc.locate(4)
        (1, 2)
        """
        if not self.lines:
            return None, None
        i = bisect_right(self.line_starts, offset) - 1
        if i < 0:
            return None, None
        line = self.lines[i]
        return line.page, line.number

    def raw_offset(self, offset: int) -> int:
        """Offset in the raw file of the character at ``offset`` in ``text``."""
        if not self.raw_starts:
            return offset
        i = max(bisect_right(self.raw_starts, offset) - 1, 0)
        return self.raw_origins[i] + (offset - self.raw_starts[i])

    def in_footnote(self, span: Span) -> bool:
        """Whether ``span`` starts inside a footnote."""
        return any(f.span.start <= span.start < f.span.end for f in self.footnotes)

    def emphasis_in(self, span: Span) -> tuple[Emphasis, ...]:
        """Emphasis runs overlapping ``span``, clipped to it."""
        out = []
        for e in self.emphasis:
            if e.span.overlaps(span):
                clipped = Span(max(e.span.start, span.start), min(e.span.end, span.end))
                out.append(Emphasis(clipped, e.style))
        return tuple(out)


# ---------------------------------------------------------------------------------------------
# Quotations


class QuoteKind(StrEnum):
    """What a pair of quotation marks (or an indented block) holds."""

    QUOTATION = "quotation"
    BLOCK = "block"
    TERM = "term"
    HEADING = "heading"
    PHRASE = "phrase"


class AlterationKind(StrEnum):
    """What a bracket in a quotation does."""

    CASE = "case"  # [T]his, [t]he
    INSERTION = "insertion"  # [the court], [fair use]
    SUBSTITUTION = "substitution"  # w[ould], hold[s]
    SIC = "sic"  # [sic]
    OMISSION = "omission"  # [ ] marks dropped letters


@dataclass(frozen=True, slots=True)
class Alteration:
    """A bracketed alteration inside a quotation; ``span`` includes the brackets."""

    span: Span
    inner: str
    kind: AlterationKind


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation in a brief.

    ``span`` covers the quoted words without the enclosing marks, in ``Document.text``; for an
    interrupted quotation (``"...," the court said, "..."``) ``parts`` lists each piece and
    ``span`` runs from the first to the last. ``text`` is ``document.text[span]`` for a
    single-part quote, and the parts joined by one space otherwise. ``segments`` (the pieces
    between ellipses), ``ellipses``, ``alterations`` and ``emphasis`` are spans RELATIVE to
    ``text``; ``to_document`` maps them back. Extraction reports each part of an interrupted
    passage as its own quote, with ``passage`` listing all the parts so that the checker can
    align them as one (``extract.quotes.join_passage`` builds that multi-part quote).
    """

    id: int
    span: Span
    text: str
    kind: QuoteKind
    parts: tuple[Span, ...] = ()
    segments: tuple[Span, ...] = ()
    ellipses: tuple[Span, ...] = ()
    alterations: tuple[Alteration, ...] = ()
    emphasis: tuple[Emphasis, ...] = ()
    full_sentence: bool = False
    in_footnote: bool = False
    page: int | None = None
    line: int | None = None
    passage: tuple[Span, ...] = ()  # every part of an interrupted passage this quote belongs to

    def to_document(self, rel: Span) -> Span:
        """Map a span relative to ``text`` to ``Document.text`` offsets.

        >>> q = Quote(0, Span(10, 20), "abc def", QuoteKind.QUOTATION,
        ...           parts=(Span(10, 13), Span(17, 20)))
        >>> q.to_document(Span(4, 7))
        Span(start=17, end=20)
        """
        parts = self.parts or (self.span,)
        offset = 0
        for k, part in enumerate(parts):
            last = k == len(parts) - 1
            if rel.start <= offset + part.length or last:
                start = part.start + max(rel.start - offset, 0)
                end = min(part.start + (rel.end - offset), self.span.end)
                return Span(start, max(end, start))
            offset += part.length + 1
        raise AssertionError("unreachable")


# ---------------------------------------------------------------------------------------------
# Citations


class CitationForm(StrEnum):
    """How a citation refers to its authority."""

    FULL = "full"
    SHORT = "short"
    ID = "id"
    SUPRA = "supra"
    RECORD = "record"
    OTHER = "other"


class ParentheticalKind(StrEnum):
    """What a parenthetical after a citation says about the quotation."""

    EMPHASIS_ADDED = "emphasis_added"
    EMPHASIS_OMITTED = "emphasis_omitted"
    EMPHASIS_IN_ORIGINAL = "emphasis_in_original"
    INTERNAL_QUOTES_OMITTED = "internal_quotes_omitted"
    ALTERATION_IN_ORIGINAL = "alteration_in_original"
    CITATION_OMITTED = "citation_omitted"
    FOOTNOTE_OMITTED = "footnote_omitted"
    CLEANED_UP = "cleaned_up"
    CITATION_MODIFIED = "citation_modified"
    QUOTING = "quoting"
    CITING = "citing"
    EXPLANATORY = "explanatory"
    COURT = "court"  # "(N.D. Cal. 2025)", "(Chhabria, J.)": court, date or judge


@dataclass(frozen=True, slots=True)
class Parenthetical:
    """One parenthetical, or one clause of a combined one ("emphasis added; citation omitted")."""

    span: Span
    text: str
    kinds: tuple[ParentheticalKind, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation in the brief, with its pinpoint and parentheticals.

    ``authority`` names what is cited in a canonical form ("Bartz v. Anthropic PBC, 787 F. Supp.
    3d 1007", "Dkt. 741"); for short, *Id.* and *supra* forms it is the antecedent's authority.
    ``reporter`` holds "volume reporter page" when known (e.g. "787 F. Supp. 3d 1007").
    ``antecedent`` is the index (in the extraction's citation tuple) of the citation this one
    refers back to.
    """

    span: Span
    text: str
    form: CitationForm
    authority: str
    pin: str | None = None
    reporter: str | None = None
    case_name: str | None = None
    short_name: str | None = None
    docket: str | None = None
    year: str | None = None
    parentheticals: tuple[Parenthetical, ...] = ()
    antecedent: int | None = None
    origin: Citation | None = None  # the "(quoting X)" citation

    def has(self, kind: ParentheticalKind) -> bool:
        """Whether any parenthetical of this citation says ``kind``."""
        return any(kind in p.kinds for p in self.parentheticals)

    @property
    def is_case(self) -> bool:
        """Whether it names an opinion (not a record cite or another authority)."""
        return self.form not in (CitationForm.RECORD, CitationForm.OTHER)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract stage found in one document: quotes, citations and their pairing.

    ``attribution[i]`` is the index in ``citations`` of the citation supporting ``quotes[i]``,
    or ``None``. ``echoes[i]``, for a short uncited phrase, is the index of the case citation
    whose opinion it may echo (no claim: only where the words stand is looked up), or ``None``.
    """

    document: Document
    quotes: tuple[Quote, ...]
    citations: tuple[Citation, ...]
    attribution: tuple[int | None, ...]
    echoes: tuple[int | None, ...]

    def citation_for(self, quote_index: int) -> Citation | None:
        """The citation attributed to the quote at ``quote_index``."""
        idx = self.attribution[quote_index]
        return None if idx is None else self.citations[idx]

    def echoed_citation(self, quote_index: int) -> Citation | None:
        """The case citation the phrase at ``quote_index`` may echo."""
        idx = self.echoes[quote_index]
        return None if idx is None else self.citations[idx]


# ---------------------------------------------------------------------------------------------
# Sources and alignment


@dataclass(frozen=True, slots=True)
class PageRun:
    """A stretch of a source text that lies on one page of one pagination.

    ``pagination`` is a reporter abbreviation as the corpus names it ("U.S.", "S. Ct.",
    "F.3d") or ``slip``/``pdf`` for court-issued page numbers.
    """

    pagination: str
    label: str
    span: Span


@dataclass(frozen=True, slots=True)
class SourcePart:
    """A part of an opinion: ``caption``, ``syllabus``, ``majority``, ``concurrence``, ..."""

    kind: str
    span: Span


@dataclass(frozen=True, slots=True)
class SourceText:
    """A corpus document's reading text (page and footnote markers removed) and its structure.

    ``pages`` holds, for every pagination the text carries, runs in text order covering the text.
    ``sentences`` are sentence spans when known (empty: the caller segments).
    """

    document: str
    text: str
    case_name: str = ""
    citations: tuple[str, ...] = ()
    pages: tuple[PageRun, ...] = ()
    footnotes: tuple[Span, ...] = ()
    parts: tuple[SourcePart, ...] = ()
    emphasis: tuple[Emphasis, ...] = ()
    sentences: tuple[Span, ...] = ()

    @property
    def paginations(self) -> tuple[str, ...]:
        """The paginations the text carries, in first-seen order."""
        return tuple(dict.fromkeys(p.pagination for p in self.pages))

    def pages_of(self, span: Span, pagination: str) -> tuple[str, ...]:
        """Labels of the pages of ``pagination`` that ``span`` touches, in order.

        >>> s = SourceText("d", "abcdef", pages=(PageRun("U.S.", "1", Span(0, 3)),
        ...                                      PageRun("U.S.", "2", Span(3, 6))))
        >>> s.pages_of(Span(2, 4), "U.S.")
        ('1', '2')
        """
        return tuple(
            p.label
            for p in self.pages
            if p.pagination == pagination
            and (
                p.span.overlaps(span)
                or (span.length == 0 and p.span.start <= span.start < p.span.end)
            )
        )

    def part_at(self, offset: int) -> str | None:
        """Kind of the opinion part holding ``offset``, if parts are known."""
        for part in self.parts:
            if part.span.start <= offset < part.span.end:
                return part.kind
        return None


@dataclass(frozen=True, slots=True)
class Source:
    """A corpus document a citation resolves to, with the pages the pinpoint names."""

    document: str
    pagination: str  # reporter abbreviation ("U.S."), "slip", "pdf" or "none"
    pages: tuple[str, ...] = ()
    paginated: bool = True  # False when the cited reporter's pages are not in the text


@dataclass(frozen=True, slots=True)
class Unresolved:
    """Why a citation did not resolve: ``not_in_corpus``, ``ambiguous`` or ``pin_outside``."""

    reason: str
    detail: str = ""


class DiffTag(StrEnum):
    """Word-level edit tags, as in difflib and rapidfuzz opcodes."""

    EQUAL = "equal"
    REPLACE = "replace"
    INSERT = "insert"  # words in the brief, not in the source
    DELETE = "delete"  # words in the source, not in the brief


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One word-level operation turning the source into the brief's quotation."""

    tag: DiffTag
    brief_span: Span
    source_span: Span
    brief_text: str
    source_text: str


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where a quote's words stand in one source document, and how they differ."""

    document: str
    score: float
    source_span: Span
    source_text: str
    ops: tuple[DiffOp, ...] = ()
    pages: tuple[str, ...] = ()
    pagination: str = "none"


# ---------------------------------------------------------------------------------------------
# Findings and reports


class Severity(StrEnum):
    """How much a finding matters to counsel."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class FindingKind(StrEnum):
    """The discrepancy kinds of ``eval/README.md``; ``code`` gives the stable QC code."""

    NOT_FOUND = "not_found"
    SOURCE_MISSING = "source_missing"
    WRONG_SOURCE = "wrong_source"
    WRONG_PINPOINT = "wrong_pinpoint"
    ALTERED_WORDS = "altered_words"
    UNMARKED_OMISSION = "unmarked_omission"
    UNMARKED_CAPITALIZATION = "unmarked_capitalization"
    ELLIPSIS_HIDES_QUALIFIER = "ellipsis_hides_qualifier"
    ALTERATION_CHANGES_MEANING = "alteration_changes_meaning"
    TRUNCATED_BEFORE_QUALIFIER = "truncated_before_qualifier"
    OMITTED_ADJACENT_QUALIFIER = "omitted_adjacent_qualifier"
    EMPHASIS_UNDISCLOSED = "emphasis_undisclosed"
    EMPHASIS_CLAIM_UNSUPPORTED = "emphasis_claim_unsupported"
    INTERNAL_QUOTES_UNDISCLOSED = "internal_quotes_undisclosed"

    @property
    def code(self) -> str:
        """The stable code, e.g. ``QC302``."""
        return _CODES[self.value]

    @property
    def default_severity(self) -> Severity:
        """Severity per ``eval/README.md``."""
        return Severity(_SEVERITIES[self.value])


_CODES = {
    "not_found": "QC101",
    "source_missing": "QC102",
    "wrong_source": "QC103",
    "wrong_pinpoint": "QC104",
    "altered_words": "QC201",
    "unmarked_omission": "QC202",
    "unmarked_capitalization": "QC203",
    "ellipsis_hides_qualifier": "QC204",
    "alteration_changes_meaning": "QC205",
    "truncated_before_qualifier": "QC301",
    "omitted_adjacent_qualifier": "QC302",
    "emphasis_undisclosed": "QC401",
    "emphasis_claim_unsupported": "QC402",
    "internal_quotes_undisclosed": "QC403",
}
_SEVERITIES = {
    "not_found": "error",
    "source_missing": "info",
    "wrong_source": "error",
    "wrong_pinpoint": "warning",
    "altered_words": "error",
    "unmarked_omission": "warning",
    "unmarked_capitalization": "info",
    "ellipsis_hides_qualifier": "error",
    "alteration_changes_meaning": "error",
    "truncated_before_qualifier": "error",
    "omitted_adjacent_qualifier": "error",
    "emphasis_undisclosed": "warning",
    "emphasis_claim_unsupported": "warning",
    "internal_quotes_undisclosed": "warning",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a finding rests on: both sides' words and spans, pages, the diff, the cue."""

    brief_text: str = ""
    brief_span: Span | None = None
    source_text: str = ""
    source_span: Span | None = None
    source_before: str = ""
    source_after: str = ""
    page_claimed: str | None = None
    page_found: str | None = None
    diff: tuple[DiffOp, ...] = ()
    cue: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One way a quotation departs from its source; ``rule`` says which rule it breaks."""

    kind: FindingKind
    severity: Severity
    message: str
    rule: str
    evidence: Evidence = Evidence()
    uncertain: bool = False

    @property
    def code(self) -> str:
        """The kind's stable QC code."""
        return self.kind.code


class QuoteStatus(StrEnum):
    """Outcome for one quotation."""

    VERIFIED = "verified"
    DISCREPANCY = "discrepancy"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """A quotation with its citation, where its words were found and what differs."""

    quote: Quote
    citation: Citation | None = None
    origin: Citation | None = None
    match: Alignment | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def status(self) -> QuoteStatus:
        """``verified``, ``discrepancy`` or ``unverified`` as in the report schema."""
        if any(f.severity.rank > Severity.INFO.rank for f in self.findings):
            return QuoteStatus.DISCREPANCY
        if self.match is None:
            return QuoteStatus.UNVERIFIED
        return QuoteStatus.VERIFIED


@dataclass(frozen=True, slots=True)
class Report:
    """The result of ``extract`` (no matches or findings) or ``check`` on one brief."""

    brief: str
    corpus: str | None
    results: tuple[QuoteResult, ...]
    checked: bool = False
    line_unit: str = "line"  # the brief's Document.line_unit: "line" or "paragraph"

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in quote order."""
        return tuple(f for r in self.results for f in r.findings)

    def summary(self) -> dict[str, int]:
        """Counts as in the schema's ``summary`` object."""
        statuses = [r.status for r in self.results]
        sev = [f.severity for f in self.findings]
        return {
            "quotes": len(self.results),
            "verified": statuses.count(QuoteStatus.VERIFIED),
            "discrepancies": statuses.count(QuoteStatus.DISCREPANCY),
            "unverified": statuses.count(QuoteStatus.UNVERIFIED),
            "errors": sev.count(Severity.ERROR),
            "warnings": sev.count(Severity.WARNING),
            "info": sev.count(Severity.INFO),
        }
