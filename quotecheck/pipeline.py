"""The only module that knows the order of the stages.

In: a brief's path (and, for ``check_brief``, a corpus). Out: a ``Report``.

load -> extract -> resolve -> align -> classify. Progress goes through a callback
(``on_progress(done, total, label)``), never to the terminal; one quote's failure becomes an
"uncertain" finding on that quote, never an aborted run.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from quotecheck.align import MIN_SCORE, align_quote, placement_rank
from quotecheck.extract import extract
from quotecheck.extract.quotes import join_passage
from quotecheck.load import load_document
from quotecheck.models import (
    Alignment,
    Citation,
    DiffTag,
    Document,
    Evidence,
    Extraction,
    Finding,
    FindingKind,
    Quote,
    QuoteKind,
    QuoteResult,
    Report,
    Severity,
    Source,
    SourceText,
    Span,
    Unresolved,
)

if TYPE_CHECKING:
    from quotecheck.corpus import Corpus

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

#: Uncited quotations shorter than this are not looked up in the whole corpus: a short phrase
#: turns up, nearly, in many opinions.
MIN_SEARCH_WORDS = 6
#: How close an uncited quotation must be to a passage elsewhere to be taken as its source.
UNCITED_MIN_SCORE = 90.0
#: How many corpus-wide hits are aligned in full when the cited source lacks the words.
SEARCH_HITS = 4
#: How exactly a short uncited echo's words must stand in the opinion it echoes.
ECHO_MIN_SCORE = 100.0


def extract_brief(path: Path) -> Report:
    """Load ``path`` and list its quotations with their citations (no corpus needed).

    Args:
        path: the brief.

    Returns:
        A report with one result per quotation, ``checked=False``.

    Raises:
        DocumentLoadError: the brief cannot be read.
    """
    document = load_document(path)
    extraction = extract(document)
    results = []
    for i, quote in enumerate(extraction.quotes):
        citation = extraction.citation_for(i)
        origin = citation.origin if citation is not None else None
        results.append(QuoteResult(quote=quote, citation=citation, origin=origin))
    return Report(
        brief=str(path), corpus=None, results=tuple(results), line_unit=document.line_unit
    )


def check_brief(path: Path, corpus_path: Path, *, on_progress: Progress | None = None) -> Report:
    """Check every quotation of the brief at ``path`` against the corpus at ``corpus_path``.

    Args:
        path: the brief (.pdf, .docx, .txt, .md).
        corpus_path: a folder of opinions (indexed on demand) or a corpus database.
        on_progress: called as ``(done, total, label)`` while the corpus is indexed and while
            quotes are checked.

    Returns:
        A checked report: each quotation with its match and findings.

    Raises:
        DocumentLoadError: the brief cannot be read.
        CorpusError: the corpus cannot be opened.
    """
    from quotecheck.corpus import open_corpus

    document = load_document(path)
    extraction = extract(document)
    corpus = open_corpus(corpus_path, on_progress=on_progress)
    checker = _Checker(document, extraction, corpus)
    total = len(extraction.quotes)
    results = []
    for i in range(total):
        if on_progress is not None:
            on_progress(i, total, "checking quotations")
        results.append(checker.check(i))
    if on_progress is not None:
        on_progress(total, total, "checking quotations")
    return Report(
        brief=str(path),
        corpus=str(corpus_path),
        results=tuple(results),
        checked=True,
        line_unit=document.line_unit,
    )


@dataclass
class _Checker:
    document: Document
    extraction: Extraction
    corpus: Corpus

    def check(self, index: int) -> QuoteResult:
        quote = self.extraction.quotes[index]
        citation = self.extraction.citation_for(index)
        origin = citation.origin if citation is not None else None
        base = QuoteResult(quote=quote, citation=citation, origin=origin)
        if quote.kind is QuoteKind.PHRASE:
            try:
                return replace(base, match=self._echo_match(index))
            except Exception:  # an echo is no claim: failing to place it changes nothing
                log.exception("echo %d could not be placed", quote.id)
                return base
        if quote.kind not in (QuoteKind.QUOTATION, QuoteKind.BLOCK):
            return base
        try:
            result = self._check(base, join_passage(self.document, quote))
            if quote.passage and quote.span != quote.passage[0]:
                # An interrupted passage is checked as one; its findings are told once, on
                # its first part.
                result = replace(result, findings=())
            return result
        except Exception as exc:  # one quote's failure must not abort the run
            log.exception("quote %d could not be checked", quote.id)
            finding = Finding(
                kind=FindingKind.NOT_FOUND,
                severity=Severity.INFO,
                message=f"could not be checked ({type(exc).__name__})",
                rule="every quotation is checked; this one failed inside quotecheck",
                evidence=Evidence(brief_text=quote.text, brief_span=quote.span),
                uncertain=True,
            )
            return QuoteResult(quote, citation, origin, findings=(finding,))

    def _check(self, base: QuoteResult, quote: Quote) -> QuoteResult:
        from quotecheck.classify import classify

        target = base.origin or base.citation
        resolution: Source | Unresolved | None = None
        alignment: Alignment | None = None
        elsewhere: Alignment | None = None
        source = None
        if target is not None:
            resolution = self._resolve(target)
        if isinstance(resolution, Source):
            source = self.corpus.text(resolution.document)
            alignment = _align_cited(quote, source, resolution)
            if alignment is None:
                alignment = _anchored_match(quote, source, resolution)
            if alignment is None:
                elsewhere = self._search(quote, exclude=resolution.document)
        elif _worth_searching(quote, target):
            elsewhere = self._search(quote, exclude=None, min_score=UNCITED_MIN_SCORE)
        findings = classify(
            quote,
            citation=target,
            resolution=resolution,
            alignment=alignment,
            source=source,
            elsewhere=elsewhere,
            brief_text=_surrounding(self.document, quote),
        )
        return QuoteResult(
            base.quote,
            base.citation,
            base.origin,
            match=alignment or elsewhere,
            findings=findings,
        )

    def _echo_match(self, index: int) -> Alignment | None:
        """Where a short uncited phrase stands, word for word, in the opinion it echoes.

        An echo ("a “general-purpose” library") borrows words from the opinion its sentence
        discusses (``Extraction.echoes``). No finding either way: an echo is no claim, and a
        phrase that opinion lacks stays unverified.
        """
        cite = self.extraction.echoed_citation(index)
        if cite is None:
            return None
        resolution = self._resolve(cite.origin or cite)
        if not isinstance(resolution, Source):
            return None
        source = self.corpus.text(resolution.document)
        quote = self.extraction.quotes[index]
        return _align_cited(quote, source, resolution, min_score=ECHO_MIN_SCORE)

    def _resolve(self, citation: Citation) -> Source | Unresolved:
        """The cited document; a pinpoint past its last page still finds the document.

        A pin outside the document's pages is itself a wrong pinpoint: the words are looked
        for in the document, and the classifier compares the pin with where they are.
        """
        from quotecheck.corpus.cites import pin_pages

        resolution = self.corpus.resolve(citation)
        if isinstance(resolution, Unresolved) and resolution.reason == "pin_outside":
            found = self.corpus.resolve(replace(citation, pin=None))
            if isinstance(found, Source):
                return replace(found, pages=pin_pages(citation.pin))
        return resolution

    def _search(
        self, quote: Quote, *, exclude: str | None, min_score: float = MIN_SCORE
    ) -> Alignment | None:
        best: tuple[tuple[bool, int, bool], Alignment] | None = None
        tried = 0
        for hit in self.corpus.search(_search_text(quote), limit=SEARCH_HITS * 2):
            if hit.document == exclude or hit.score < min_score - HIT_SLACK:
                continue  # the search's own fuzzy score already rules this hit out
            source = self.corpus.text(hit.document)
            alignment = _align_near(quote, source, hit.span, min_score)
            tried += 1
            if alignment is not None:
                # As within one text: a close match in an opinion beats a syllabus's summary.
                key = placement_rank(source, alignment.source_span, alignment.score)
                if best is None or key > best[0]:
                    best = (key, alignment)
            if tried >= SEARCH_HITS:
                break
        return best[1] if best else None


#: A weaker match in the cited source still counts when both ends of the quote stand in it word
#: for word: a quote that drops or changes several words in the middle is that passage, altered,
#: not a quote found nowhere.
ANCHORED_MIN_SCORE = 60.0
ANCHOR_WORDS = 4
#: How far below the alignment threshold a search hit's own score may be and still be aligned
#: (the search scores raw text; the alignment, bracket- and ellipsis-aware, can score higher).
HIT_SLACK = 15.0
#: Characters of the source kept either side of a search hit for the full alignment.
HIT_MARGIN = 1500


def _align_near(quote: Quote, source: SourceText, near: Span, min_score: float) -> Alignment | None:
    """Align ``quote`` with the stretch of ``source`` around a search hit, in source offsets.

    The search has found where the words are; cutting the document down to that stretch spares
    tokenising a whole opinion for every hit.
    """
    a = max(0, near.start - HIT_MARGIN - len(quote.text))
    b = min(len(source.text), near.end + HIT_MARGIN + len(quote.text))
    window = SourceText(
        document=source.document,
        text=source.text[a:b],
        case_name=source.case_name,
        citations=source.citations,
        pages=tuple(
            replace(p, span=Span(max(p.span.start, a) - a, min(p.span.end, b) - a))
            for p in source.pages
            if p.span.start < b and p.span.end > a
        ),
        parts=tuple(
            replace(p, span=Span(max(p.span.start, a) - a, min(p.span.end, b) - a))
            for p in source.parts
            if p.span.start < b and p.span.end > a
        ),
    )
    found = align_quote(quote, window, min_score=min_score)
    if found is None:
        return None
    return replace(
        found,
        source_span=found.source_span.shift(a),
        ops=tuple(replace(op, source_span=op.source_span.shift(a)) for op in found.ops),
    )


def _align_cited(
    quote: Quote, source: SourceText, resolution: Source, *, min_score: float = MIN_SCORE
) -> Alignment | None:
    """The quote aligned in its cited source, preferring the cited pages and reporter."""
    return align_quote(
        quote,
        source,
        prefer_pages=resolution.pages,
        pagination=resolution.pagination,
        min_score=min_score,
    )


def _anchored_match(quote: Quote, source: SourceText, resolution: Source) -> Alignment | None:
    """A below-threshold match in the cited source whose first and last words are the quote's."""
    found = _align_cited(quote, source, resolution, min_score=ANCHORED_MIN_SCORE)
    if found is None or not found.ops:
        return None
    first, last = found.ops[0], found.ops[-1]
    anchored = all(
        op.tag is DiffTag.EQUAL and len(re.findall(r"\w+", op.brief_text)) >= ANCHOR_WORDS
        for op in (first, last)
    )
    return found if anchored and first is not last else None


def _worth_searching(quote: Quote, citation: Citation | None) -> bool:
    """Uncited quotations and record/other cites are looked up corpus-wide; unknown cases not.

    A case the corpus lacks is ``source_missing``: finding its words quoted in another opinion
    does not make that opinion the source.
    """
    if citation is not None and citation.is_case:
        return False
    return len(re.findall(r"\w+", quote.text)) >= MIN_SEARCH_WORDS


def _search_text(quote: Quote) -> str:
    return " ".join(quote.text[s.start : s.end] for s in quote.segments) or quote.text


def _surrounding(document: Document, quote: Quote) -> str:
    """The paragraph around the quote (the brief may quote an omitted sentence nearby)."""
    for para in document.paragraphs:
        if para.start <= quote.span.start < para.end:
            end = para.end
            # The next paragraph too: "They omit the very next sentence: ..." often follows.
            for nxt in document.paragraphs:
                if nxt.start >= para.end:
                    end = nxt.end
                    break
            return document.text[para.start : end]
    return ""
