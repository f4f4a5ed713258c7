"""Ready-to-adapt sentences for a reply brief, one per error-level finding.

In: a ``QuoteResult`` and one of its ``Finding``s. Out: a sentence counsel can paste and adapt
("The brief quotes *Bartz* for "...", but omits the very next sentence: "But this order need not
decide this case on that rule." *Bartz*, slip op. at 19."), or ``None`` below error level.
The sentence uses only what the finding's evidence shows; party names are left for counsel.
"""

from __future__ import annotations

from quotecheck.models import DiffTag, Finding, FindingKind, QuoteResult, Severity
from quotecheck.report import cells

_QUOTE_WORDS = 12


def reply_sentence(result: QuoteResult, finding: Finding) -> str | None:
    """A reply-brief sentence for an error-level finding, ``None`` for warnings and info.

    Args:
        result: the quotation the finding is about.
        finding: the finding; its evidence supplies the source's words and page.

    Returns:
        One or two sentences in Markdown (case names in ``*italics*``), or ``None``.

    >>> from quotecheck.models import (Evidence, Finding, FindingKind, Quote, QuoteKind,
    ...     QuoteResult, Severity, Span)
    >>> q = Quote(1, Span(0, 9), "the words", QuoteKind.QUOTATION)
    >>> f = Finding(FindingKind.OMITTED_ADJACENT_QUALIFIER, Severity.ERROR, "m", "r",
    ...             Evidence(source_after="But not always.", page_found="19"))
    >>> print(reply_sentence(QuoteResult(q), f))  # doctest: +NORMALIZE_WHITESPACE
    The brief quotes the source for "the words," but omits the very next sentence: "But not
    always." Id. at 19.
    """
    if finding.severity is not Severity.ERROR:
        return None
    name = _name(result)
    opening = f'The brief quotes {name} for "{_short_quote(result.quote.text)},"'
    ev = finding.evidence
    kind = finding.kind
    if kind is FindingKind.OMITTED_ADJACENT_QUALIFIER:
        if ev.source_after and not (ev.source_before and ev.cue and ev.cue in ev.source_before):
            body = f'but omits the very next sentence: "{cells.collapse(ev.source_after)}"'
        elif ev.source_before:
            body = f'but omits the sentence just before it: "{cells.collapse(ev.source_before)}"'
        else:
            body = "but omits the neighbouring sentence that limits it"
    elif kind is FindingKind.TRUNCATED_BEFORE_QUALIFIER:
        rest = cells.collapse(ev.source_after or ev.source_text)
        body = (
            f'but stops mid-sentence; the sentence goes on: "{rest}"'
            if rest
            else ("but stops before the words that limit it")
        )
    elif kind is FindingKind.ELLIPSIS_HIDES_QUALIFIER:
        dropped = [cells.collapse(op.source_text) for op in ev.diff if op.tag is DiffTag.DELETE]
        hidden = " ... ".join(d for d in dropped if d) or cells.collapse(ev.cue or "")
        body = (
            f'but its ellipsis hides "{hidden}"' if hidden else "but its ellipsis hides a qualifier"
        )
    elif kind is FindingKind.ALTERATION_CHANGES_MEANING:
        pairs = [op for op in ev.diff if op.tag is DiffTag.REPLACE]
        if pairs:
            op = pairs[0]
            body = (
                f'but its bracketed "{cells.collapse(op.brief_text)}" replaces the court\'s '
                f'"{cells.collapse(op.source_text)}"'
            )
        else:
            body = "but its bracketed alteration changes what the court said"
    elif kind is FindingKind.ALTERED_WORDS:
        source = cells.collapse(ev.source_text) or (
            cells.collapse(result.match.source_text) if result.match else ""
        )
        body = f'but the source reads: "{source}"' if source else "but the source reads otherwise"
    elif kind is FindingKind.WRONG_SOURCE:
        where = ev.document or (result.match.document if result.match else "another opinion")
        body = f"but those words come from {where}, not the authority cited"
    elif kind is FindingKind.NOT_FOUND:
        return f"{opening} but those words do not appear in {name}."
    else:
        body = "but " + finding.message.rstrip(".")
    end = "" if body.endswith(('."', '?"', '!"')) else "."
    return f"{opening} {body}{end}{_cite(result, finding)}"


def _name(result: QuoteResult) -> str:
    cite = cells.origin_of(result) or result.citation
    if cite is None:
        return "the source"
    name = cite.short_name or cite.case_name
    if name:
        return f"*{cells.collapse(name)}*"
    return cells.collapse(cite.authority) or "the source"


def _short_quote(text: str) -> str:
    words = cells.collapse(text).split()
    if len(words) <= _QUOTE_WORDS:
        return " ".join(words).rstrip(".,;:")
    return " ".join(words[:_QUOTE_WORDS]).rstrip(".,;:") + " ..."


def _cite(result: QuoteResult, finding: Finding) -> str:
    """`` *Bartz*, slip op. at 19.`` from the page the words were found on."""
    page = finding.evidence.page_found
    if page is None and result.match is not None and result.match.pages:
        page = result.match.pages[0]
    if page is None:
        return ""
    pagination = result.match.pagination if result.match is not None else "none"
    cite = cells.origin_of(result) or result.citation
    name = _name(result) if cite is not None else "Id."
    if name == "the source":
        name = "Id."
    label = cells.pagination_label(pagination)
    if cite is not None and cite.reporter and pagination not in ("slip", "pdf", "none"):
        volume = cite.reporter.split(" ", 1)[0]
        label = f"{volume} {label}"
    return f" {name}, {label} {page}." if name != "Id." else f" Id. {label} {page}."
