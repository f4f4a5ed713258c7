"""classify stage: turn one quote's alignment into findings, one rule per QC code.

In: a ``Quote`` with its ``Citation``, the citation's resolution (``Source`` or ``Unresolved``),
the ``Alignment`` in the cited (or "quoting") source, the best ``Alignment`` elsewhere in the
corpus, the ``SourceText`` and the brief's surrounding paragraph. Out: a tuple of ``Finding``s,
each with ``Evidence`` and a one-sentence ``rule`` (see ``quotecheck.classify.rules``).

Terms, headings and short uncited phrases are never accused.
"""

from __future__ import annotations

from quotecheck.classify.rules import RULES, Context, is_phrase
from quotecheck.models import Alignment, Citation, Finding, Quote, Source, SourceText, Unresolved

__all__ = ["classify"]


def classify(
    quote: Quote,
    *,
    citation: Citation | None,
    resolution: Source | Unresolved | None,
    alignment: Alignment | None,
    source: SourceText | None,
    elsewhere: Alignment | None = None,
    brief_text: str = "",
) -> tuple[Finding, ...]:
    """Every way ``quote`` departs from its source, as findings with evidence.

    Args:
        quote: the quotation as extracted from the brief.
        citation: the citation supporting it (``None`` when it has none).
        resolution: what the citation resolved to; ``None`` when there is no citation.
        alignment: the best match in the cited source (or the "(quoting X)" origin), or ``None``.
        source: the text ``alignment`` points into.
        elsewhere: the best match in another corpus document, tells ``wrong_source`` from
            ``not_found``.
        brief_text: the paragraph around the quote, to notice when the brief itself quotes an
            omitted sentence.

    Returns:
        The findings, in rule order (``QC1xx`` first); empty for a faithful quote.

    Example:
        >>> from quotecheck.align import align_quote
        >>> from quotecheck.models import QuoteKind, Span
        >>> src = SourceText("d", "The court may not act. It may wait.")
        >>> q = Quote(0, Span(0, 19), "The court must act.", QuoteKind.QUOTATION,
        ...           full_sentence=True)
        >>> found = classify(q, citation=None, resolution=Source("d", "none"),
        ...                  alignment=align_quote(q, src), source=src)
        >>> [(f.code, f.severity.value) for f in found]
        [('QC201', 'error')]
    """
    ctx = Context(quote, citation, resolution, alignment, source, elsewhere, brief_text)
    if is_phrase(ctx):
        return ()
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(ctx))
    return tuple(findings)
