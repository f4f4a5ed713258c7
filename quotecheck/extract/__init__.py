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
    quotes, attribution, echoes = attach_citations(document, quotes, citations)
    return Extraction(document, quotes, citations, attribution, echoes)


def _mask_blocks(document: Document, quotes: tuple[Quote, ...]) -> str:
    """The text with quoted matter blanked out, offsets kept.

    A citation inside quoted matter is the source's, not the brief's: an *Id.* after it would
    otherwise point into the quotation. Block quotations and quotations in running text are
    blanked; a quotation inside a parenthetical is kept, since the parenthetical's own words
    (and its classification) come from the text.
    """
    text = document.text
    pieces: list[str] = []
    pos = 0
    for quote in quotes:  # in text order
        s = quote.span
        if s.start >= pos and (
            quote.kind is QuoteKind.BLOCK
            or (quote.kind is QuoteKind.QUOTATION and not _in_parentheses(document, quote))
        ):
            # Spaces ending in a full stop: what follows reads as a new sentence, as it does.
            pieces += [text[pos : s.start], " " * (s.length - 1), "."]
            pos = s.end
    pieces.append(text[pos:])
    return "".join(pieces)


def _in_parentheses(document: Document, quote: Quote) -> bool:
    """Whether the quote opens inside an unclosed parenthesis of its paragraph."""
    text = document.text
    start = text.rfind("\n\n", 0, quote.span.start)
    before = text[start + 1 if start >= 0 else 0 : quote.span.start]
    return before.count("(") > before.count(")")
