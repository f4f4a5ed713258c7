"""Pair each quotation with the citation that supports it.

In: the document, its quotes and its citations (both in text order). Out: for each quote the
index of its citation, or ``None``; and the quotes with their final kind (a short uncited echo
becomes a ``phrase``).

The rules, in order, as a brief writer uses them:

1. a quote inside a citation's parenthetical (``See Fry, No. 15-497 (“The guarantee ...”)``)
   belongs to that citation;
2. else the first citation after the quote, when nothing but closing marks, punctuation and
   signals stand between them, or it lies in the quote's own sentence, or it opens the next
   sentence (a citation sentence: ``“...” Id. at 5.``); several quotes in one sentence share it;
3. else a citation earlier in the quote's own sentence (``Campbell, 510 U.S. at 577, held that
   “...”``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from quotecheck.models import Citation, Document, Quote, QuoteKind, Span
from quotecheck.text.segment import sentences

_SIGNALS = re.compile(
    r"^(?:see(?:,? e\.g\.,)?(?: also)?|see generally|cf\.|compare|accord|but see|but cf\.|"
    r"e\.g\.,|quoting|citing|and|as|in)\b",
    re.I,
)
_FILLER = re.compile(r"[\s\u201d\u201c\"'\u2019\u2018.,;:()\[\]\u2014\u2013-]+")
#: Quotes of at most this many words with no citation are echoes, not claims.
PHRASE_MAX_WORDS = 3


def attach_citations(
    document: Document, quotes: Sequence[Quote], citations: Sequence[Citation]
) -> tuple[tuple[Quote, ...], tuple[int | None, ...], tuple[int | None, ...]]:
    """Attribute a citation to each quote and settle each quote's kind.

    Args:
        document: the brief.
        quotes: its quotes, in text order.
        citations: its citations, in text order.

    Returns:
        The quotes (uncited short quotations re-kinded ``phrase``); for each, the index of its
        citation in ``citations`` or ``None``; and for each phrase, the index of the case
        citation whose opinion it may echo (see ``_echoed``), else ``None``.

    Example:
        >>> from quotecheck.load.plain import load_plain
        >>> from quotecheck.extract.quotes import extract_quotes
        >>> from quotecheck.models import CitationForm
        >>> doc = load_plain("b.md", "It held that “x is y.” Id. at 5. Some “echo” here.")
        >>> cite = Citation(Span(23, 32), "Id. at 5.", CitationForm.ID, "Foo", pin="5")
        >>> qs, idx, echoes = attach_citations(doc, extract_quotes(doc), [cite])
        >>> idx, [q.kind.value for q in qs], echoes
        ((0, None), ['quotation', 'phrase'], (None, 0))
    """
    text = document.text
    sents = sentences(text)
    starts = [s.start for s in sents]
    out_quotes: list[Quote] = []
    out_idx: list[int | None] = []
    out_echo: list[int | None] = []
    for quote in quotes:
        idx: int | None = None
        if quote.kind in (QuoteKind.QUOTATION, QuoteKind.BLOCK):
            idx = _attribute(text, quote, citations, quotes, sents, starts)
        if idx is None and quote.kind is QuoteKind.QUOTATION and _is_phrase(quote):
            quote = replace(quote, kind=QuoteKind.PHRASE)
        out_quotes.append(quote)
        out_idx.append(idx)
        echoed = quote.kind is QuoteKind.PHRASE
        out_echo.append(_echoed(text, quote, citations, sents, starts) if echoed else None)
    return tuple(out_quotes), tuple(out_idx), tuple(out_echo)


def _echoed(
    text: str,
    quote: Quote,
    citations: Sequence[Citation],
    sents: Sequence[Span],
    starts: Sequence[int],
) -> int | None:
    """The case citation a short uncited phrase may borrow its words from.

    The phrase's sentence is about the opinion cited at its end, or in the citation sentence
    right after it, or earlier in the same sentence, or at the end of the sentence before it
    ("... 787 F.Supp.3d 1007, 1026. Judge Alsup ... a “general-purpose” library"). Whether the
    opinion really holds the words is for the check to say; nothing else borrows the citation.
    """
    sentence = _sentence_of(sents, starts, max(quote.span.end - 1, quote.span.start))
    if sentence is None:
        return None
    nxt = _sentence_after(sents, starts, sentence, quote.span.end)
    cases = [k for k, c in enumerate(citations) if c.is_case]
    after = next((k for k in cases if citations[k].span.start >= quote.span.end), None)
    if after is not None and _cites_sentence(text, citations[after], sentence, nxt):
        return after
    before = next((k for k in reversed(cases) if citations[k].span.end <= quote.span.start), None)
    if before is None:
        return None
    cite = citations[before]
    in_sentence = cite.span.start >= sentence.start
    ends_the_last = cite.span.end <= sentence.start and _only_filler(
        text[cite.span.end : sentence.start]
    )
    return before if in_sentence or ends_the_last else None


def _cites_sentence(text: str, cite: Citation, sentence: Span | None, nxt: Span | None) -> bool:
    """Whether a citation after a quote supports the quote's sentence.

    It does when it stands in that sentence, or opens the sentence after it (a citation
    sentence: "... the rule.” *Campbell*, 510 U.S. at 577.").
    """
    if sentence is not None and cite.span.start < sentence.end:
        return True
    if nxt is None or not nxt.start <= cite.span.start < nxt.end:
        return False
    lead = text[nxt.start : cite.span.start]
    return _only_filler(lead) or _name_like(lead)


def _is_phrase(quote: Quote) -> bool:
    return len(re.findall(r"\w+", quote.text)) <= PHRASE_MAX_WORDS


def _attribute(
    text: str,
    quote: Quote,
    citations: Sequence[Citation],
    quotes: Sequence[Quote],
    sents: Sequence[Span],
    starts: Sequence[int],
) -> int | None:
    # 1. Inside a citation's parenthetical.
    best: tuple[int, int] | None = None
    for k, cite in enumerate(citations):
        for par in cite.parentheticals:
            if par.span.contains(quote.span) and (best is None or par.span.length < best[1]):
                best = (k, par.span.length)
    if best is not None:
        return best[0]
    sentence = _sentence_of(sents, starts, max(quote.span.end - 1, quote.span.start))
    nxt = _sentence_after(sents, starts, sentence, quote.span.end)
    # 2. The first citation after the quote.
    for k, cite in enumerate(citations):
        if cite.span.start < quote.span.end or quote.span.contains(cite.span):
            continue
        gap = _without_quotes(text, quote.span.end, cite.span.start, quotes)
        if _only_filler(gap):
            return k
        if _is_echo(text, quote) and any(
            quote.span.end <= q.span.start and q.span.end <= cite.span.start for q in quotes
        ):
            # A short echo ("the “materially advance” prong") does not borrow the citation of
            # a later quotation in its sentence.
            break
        if _cites_sentence(text, cite, sentence, nxt):
            return k
        break
    # 3. A citation earlier in the same sentence.
    if sentence is not None:
        for k in range(len(citations) - 1, -1, -1):
            cite = citations[k]
            if cite.span.end <= quote.span.start and cite.span.start >= sentence.start:
                return k
    return None


#: Lower-case words a case name may hold ("In re DMCA Section 512(h) Subpoena to YouTube").
_NAME_WORDS = frozenset(
    [
        "v",
        "v.",
        "vs.",
        "of",
        "the",
        "to",
        "in",
        "re",
        "for",
        "and",
        "&",
        "ex",
        "rel.",
        "de",
        "la",
        "on",
        "a",
        "an",
        "by",
        "et",
        "al.",
        "ex",
        "parte",
        "d/b/a",
    ]
)


def _name_like(lead: str) -> bool:
    """Whether the words before a citation's detected start read as the rest of a case name.

    A sentence that opens with a case name the citation finder did not take in whole is still
    a citation sentence.
    """
    words = lead.split()
    return 0 < len(words) <= 15 and all(
        w[0].isupper()
        or w[0].isdigit()
        or w[0] in "(\u00a7&"
        or w.lower().strip(",") in _NAME_WORDS
        for w in words
    )


def _is_echo(text: str, quote: Quote) -> bool:
    """A short unpunctuated quote used as a name in the sentence: the “materially advance” prong."""
    after = text[quote.span.end : quote.span.end + 3]
    return (
        _is_phrase(quote)
        and not re.search(r"[,.;:!?]", quote.text)
        and bool(re.match(r".\s[a-z]", after))
    )


def _sentence_of(sents: Sequence[Span], starts: Sequence[int], offset: int) -> Span | None:
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sents[i].start <= offset < sents[i].end:
        return sents[i]
    return None


def _sentence_after(
    sents: Sequence[Span], starts: Sequence[int], sentence: Span | None, offset: int
) -> Span | None:
    i = bisect_right(starts, sentence.end - 1 if sentence else offset)
    return sents[i] if i < len(sents) else None


def _without_quotes(text: str, start: int, end: int, quotes: Sequence[Quote]) -> str:
    pieces = []
    pos = start
    for q in quotes:
        if q.span.start >= pos and q.span.end <= end:
            pieces.append(text[pos : q.span.start])
            pos = q.span.end
    pieces.append(text[pos:end])
    return "".join(pieces)


def _only_filler(gap: str) -> bool:
    rest = _FILLER.sub(" ", gap).strip()
    while rest:
        m = _SIGNALS.match(rest)
        if not m:
            return False
        rest = _FILLER.sub(" ", rest[m.end() :]).strip()
    return True
