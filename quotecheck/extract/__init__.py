"""Extract stage: quotations, citations and which citation supports which quotation.

In: a ``Document``. Out: an ``Extraction`` (quotes, citations, attribution).
"""

from __future__ import annotations

from quotecheck.models import Document, Extraction


def extract(document: Document) -> Extraction:
    """Find the quotations and citations of ``document`` and pair them.

    Args:
        document: a loaded brief.

    Returns:
        The quotes in text order, the citations in text order, and for each quote the index of
        its citation (or ``None``).

    Example:
        >>> from quotecheck.load.plain import load_plain
        >>> doc = load_plain("b.md", "As held, “the rule is plain.” Dkt. 741, at 5.")
        >>> ex = extract(doc)
        >>> ex.citation_for(0).text
        'Dkt. 741, at 5'
    """
    from quotecheck.extract.attach import attach_citations
    from quotecheck.extract.citations import extract_citations
    from quotecheck.extract.quotes import extract_quotes

    citations = extract_citations(document.text, emphasis=[e.span for e in document.emphasis])
    quotes, attribution = attach_citations(document, extract_quotes(document), citations)
    return Extraction(document, quotes, citations, attribution)
