"""The only module that knows the order of the stages.

In: a brief's path (and, for ``check_brief``, a corpus). Out: a ``Report``.
load -> extract -> resolve -> align -> classify; progress goes through a callback, and one
quote's failure becomes an "uncertain" result, never an aborted run.
"""

from __future__ import annotations

from pathlib import Path

from quotecheck.extract import extract
from quotecheck.load import load_document
from quotecheck.models import Extraction, QuoteResult, Report


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
    return Report(
        brief=str(path),
        corpus=None,
        results=_results(extraction),
        line_unit=document.line_unit,
    )


def _results(extraction: Extraction) -> tuple[QuoteResult, ...]:
    out = []
    for i, quote in enumerate(extraction.quotes):
        citation = extraction.citation_for(i)
        origin = citation.origin if citation is not None else None
        out.append(QuoteResult(quote=quote, citation=citation, origin=origin))
    return tuple(out)
