"""Extract stage: quotations, citations and which citation supports which quotation.

In: a ``Document``. Out: an ``Extraction`` (quotes, citations, attribution).
"""

from __future__ import annotations

from quotecheck.models import Document, Extraction, Quote, QuoteKind


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

    quotes = extract_quotes(document)
    citations = extract_citations(_mask_blocks(document, quotes), emphasis=document.emphasis)
    quotes, attribution = attach_citations(document, quotes, citations)
    return Extraction(document, quotes, citations, attribution)


def _mask_blocks(document: Document, quotes: tuple[Quote, ...]) -> str:
    """The text with block quotations blanked out, offsets kept.

    A citation inside quoted matter is the source's, not the brief's: an *Id.* there would
    break the brief's own chain.
    """
    text = document.text
    for quote in quotes:
        if quote.kind is QuoteKind.BLOCK:
            s = quote.span
            # Spaces ending in a full stop: what follows reads as a new sentence, as it does.
            text = text[: s.start] + " " * (s.length - 1) + "." + text[s.end :]
    return text
