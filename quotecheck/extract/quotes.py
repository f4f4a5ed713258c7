"""Find every quotation in a brief: inline, nested, interrupted and block quotations.

In: a ``Document``. Out: a tuple of ``Quote`` in text order, each with its span, its pieces
between ellipses, its bracketed alterations, the emphasis inside it, and a kind: ``quotation``,
``block``, ``term`` (a defined term such as ``Dkt. 598 (“MSJ Order”)``) or ``heading`` (inside
a heading or a table of contents). Which quotations are mere ``phrase`` echoes is decided once
citations are attached (``extract.attach``).

Quotation marks are read by context, not by glyph alone: a straight ``"`` opens after white
space or an opening bracket and closes elsewhere, and a curly mark facing the wrong way (a
typo) is read as its context says. Single marks inside a quotation are the nested quotation's
marks; apostrophes are never quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotecheck.models import (
    Alteration,
    AlterationKind,
    Document,
    Emphasis,
    Quote,
    QuoteKind,
    Span,
)

_DOUBLE = '\u201c\u201d\u201e\u201f"\u00ab\u00bb'
_OPENERS = " \t\n([{\u2014\u2013-/\u00a0"
_ELLIPSIS = re.compile(r"(?:\.\s?){3}\.?|\u2026\.?|(?:\*\s){2}\*")
_BRACKET = re.compile(r"\[([^\[\]]{0,80})\]")
_TERM_BEFORE = re.compile(
    r"\((?:the |a |an |hereinafter |collectively,? |together,? |or |and )?(?:[\w.]+ )?$", re.I
)
_INTERRUPTION = re.compile(r"^\s*[^.;:!?\"\u201c\u201d()]{1,60},\s*$")
_SENTENCE_END = re.compile(r"[.!?][\u2019')\]]*$")


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    opening: bool


def extract_quotes(document: Document) -> tuple[Quote, ...]:
    """Every quotation in ``document``, in text order.

    Args:
        document: a loaded brief.

    Returns:
        Quotes with ids from 1, spans into ``document.text`` and sub-spans relative to each
        quote's text. Block quotations are one quote each, inner marks included.

    Example:
        >>> from quotecheck.load.plain import load_plain
        >>> doc = load_plain("b.md", "The court said “[t]his . . . is w[ould] be fine,” and left.")
        >>> q = extract_quotes(doc)[0]
        >>> q.text, len(q.segments), [a.kind.value for a in q.alterations]
        ('[t]his . . . is w[ould] be fine,', 2, ['case', 'substitution'])
    """
    text = document.text
    block_spans = _merge_blocks(text, document.blocks)
    raw: list[tuple[Span, QuoteKind, tuple[Span, ...]]] = []
    for para in _paragraphs(document):
        if any(b.contains(para) for b in block_spans):
            continue
        for parts in _inline_quotes(text, para):
            kind = _inline_kind(document, parts)
            for part in parts:
                raw.append((part, kind, parts if len(parts) > 1 else ()))
    for block in block_spans:
        if _reads_as_quotation(text[block.start : block.end]):
            raw.append((block, QuoteKind.BLOCK, ()))
    raw.sort(key=lambda item: item[0].start)
    return tuple(
        _build(document, k + 1, (span,), kind, passage)
        for k, (span, kind, passage) in enumerate(raw)
    )


def join_passage(document: Document, quote: Quote) -> Quote:
    """The whole interrupted passage ``quote`` belongs to, as one multi-part quote.

    A quote that is not part of a passage is returned unchanged.
    """
    if not quote.passage:
        return quote
    return _build(document, quote.id, quote.passage, quote.kind, quote.passage)


def _paragraphs(document: Document) -> list[Span]:
    """The document's paragraphs, plus any footnote a loader did not list as one."""
    paras = list(document.paragraphs)
    for note in document.footnotes:
        if not any(p.contains(note.span) for p in paras):
            paras.append(note.span)
    return sorted(paras)


def _reads_as_quotation(text: str) -> bool:
    """Whether an indented paragraph reads as quoted prose, not a caption or an address.

    >>> _reads_as_quotation("NEW YORK"), _reads_as_quotation("The rule is that we hold so.")
    (False, True)
    """
    words = text.split()
    if len(words) < 6:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= len(words) / 3 and bool(re.search(r"[.!?:;][\u201d\u2019\"')\]]*\s*$", text))


def _merge_blocks(text: str, blocks: tuple[Span, ...]) -> list[Span]:
    """Consecutive block paragraphs form one block quotation."""
    merged: list[Span] = []
    for b in sorted(blocks):
        if merged and not text[merged[-1].end : b.start].strip():
            merged[-1] = Span(merged[-1].start, b.end)
        else:
            merged.append(b)
    return merged


def _marks(text: str, para: Span) -> list[_Mark]:
    out = []
    for i in range(para.start, para.end):
        ch = text[i]
        if ch not in _DOUBLE:
            continue
        prev = text[i - 1] if i > para.start else " "
        nxt = text[i + 1] if i + 1 < para.end else " "
        if ch in "\u201c\u201e\u201f\u00ab":
            opening = not (not prev.isspace() and prev not in _OPENERS and not nxt.isalnum())
        elif ch in "\u201d\u00bb":
            opening = (prev in _OPENERS or i == para.start) and (nxt.isalnum() or nxt in "[.\u2026")
        else:
            opening = prev in _OPENERS or i == para.start
        out.append(_Mark(i, opening))
    return out


def _inline_quotes(text: str, para: Span) -> list[tuple[Span, ...]]:
    """Spans between matching double marks in one paragraph; interruptions joined."""
    found: list[Span] = []
    open_at: int | None = None
    for mark in _marks(text, para):
        if open_at is None:
            if mark.opening:
                open_at = mark.pos
            continue
        if mark.opening and mark.pos > open_at + 1 and text[mark.pos - 1].isspace():
            # Two openers in a row: the first was never closed; restart at the second.
            found.append(Span(open_at + 1, _trim_end(text, open_at + 1, mark.pos)))
            open_at = mark.pos
            continue
        found.append(Span(open_at + 1, mark.pos))
        open_at = None
    if open_at is not None and para.end > open_at + 1:
        found.append(Span(open_at + 1, para.end))
    found = [s for s in found if text[s.start : s.end].strip()]
    return _join_interruptions(text, found)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _join_interruptions(text: str, spans: list[Span]) -> list[tuple[Span, ...]]:
    """Join ``"...," the court said, "..."`` into one quotation of several parts."""
    groups: list[list[Span]] = []
    for span in spans:
        if groups:
            last = groups[-1][-1]
            between = text[last.end + 1 : span.start - 1]
            quoted = text[last.start : last.end].rstrip()
            nxt = text[span.start : span.end]
            if (
                quoted.endswith(",")
                and _INTERRUPTION.match(between)
                and len(between.split()) <= 8
                and nxt[:1].islower()
            ):
                groups[-1].append(span)
                continue
        groups.append([span])
    return [tuple(g) for g in groups]


def _inline_kind(document: Document, parts: tuple[Span, ...]) -> QuoteKind:
    first = parts[0]
    if any(h.start <= first.start < h.end for h in document.headings + document.toc):
        return QuoteKind.HEADING
    text = document.text
    before = text[max(0, first.start - 30) : first.start - 1]
    after = text[parts[-1].end + 1 : parts[-1].end + 3]
    words = len(text[first.start : first.end].split())
    if _TERM_BEFORE.search(before) and after.startswith(")") and len(parts) == 1 and words <= 6:
        return QuoteKind.TERM
    return QuoteKind.QUOTATION


def _build(
    document: Document,
    qid: int,
    parts: tuple[Span, ...],
    kind: QuoteKind,
    passage: tuple[Span, ...] = (),
) -> Quote:
    text = " ".join(document.text[p.start : p.end] for p in parts)
    span = Span(parts[0].start, parts[-1].end)
    segments, ellipses = _segments(text)
    emphasis = _relative_emphasis(document, parts)
    page, line = document.locate(span.start)
    return Quote(
        id=qid,
        span=span,
        text=text,
        kind=kind,
        parts=parts if len(parts) > 1 else (),
        segments=segments,
        ellipses=ellipses,
        alterations=parse_alterations(text),
        emphasis=emphasis,
        full_sentence=is_full_sentence(text),
        in_footnote=document.in_footnote(span),
        page=page,
        line=line,
        passage=passage,
    )


def _segments(text: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Pieces of ``text`` between ellipses, and the ellipses themselves."""
    ellipses = tuple(Span(m.start(), m.end()) for m in _ELLIPSIS.finditer(text))
    segments = []
    pos = 0
    for e in (*ellipses, Span(len(text), len(text))):
        piece = Span(pos, e.start)
        while (
            piece.start < piece.end and not text[piece.start].isalnum() and text[piece.start] != "["
        ):
            piece = Span(piece.start + 1, piece.end)
        while piece.end > piece.start and text[piece.end - 1] in " \n\t,;":
            piece = Span(piece.start, piece.end - 1)
        if piece.length:
            segments.append(piece)
        pos = e.end
    return tuple(segments), ellipses


def parse_alterations(text: str) -> tuple[Alteration, ...]:
    """Bracketed alterations in a quotation's text, classified.

    Args:
        text: the quotation as written, brackets included.

    Returns:
        One ``Alteration`` per bracket pair, with spans relative to ``text``.

    Example:
        >>> [a.kind.value for a in parse_alterations("[T]he [court] hold[s] [sic] [ ]")]
        ['case', 'insertion', 'substitution', 'sic', 'omission']
    """
    out = []
    for m in _BRACKET.finditer(text):
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not inner.strip():
            kind = AlterationKind.OMISSION
        elif inner.strip().lower().rstrip(".") == "sic":
            kind = AlterationKind.SIC
        elif len(inner) == 1 and inner.isalpha() and after.isalpha() and not before.isalpha():
            kind = AlterationKind.CASE
        elif before.isalpha() or after.isalpha():
            kind = AlterationKind.SUBSTITUTION
        else:
            kind = AlterationKind.INSERTION
        out.append(Alteration(Span(m.start(), m.end()), inner, kind))
    return tuple(out)


def is_full_sentence(text: str) -> bool:
    """Whether a quotation is presented as a whole sentence: capital start, final stop.

    >>> is_full_sentence("[T]he task is not simple."), is_full_sentence("the task is not")
    (True, False)
    """
    body = text.strip().strip("\u2018\u2019'\"")
    if not body:
        return False
    first = body[1] if body.startswith("[") and len(body) > 1 else body[0]
    return first.isupper() and bool(_SENTENCE_END.search(body.rstrip()))


def _relative_emphasis(document: Document, parts: tuple[Span, ...]) -> tuple[Emphasis, ...]:
    out: list[Emphasis] = []
    offset = 0
    for part in parts:
        for e in document.emphasis_in(part):
            out.append(Emphasis(e.span.shift(offset - part.start), e.style))
        offset += part.length + 1
    return tuple(out)
