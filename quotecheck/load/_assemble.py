"""Assemble a ``Document`` from the paragraphs a PDF or DOCX reader found.

In: paragraphs made of lines made of formatted runs (``Run``), with each line's page and
number, plus footnotes as paragraphs with a label. Out: a ``Document`` that follows the
conventions of ``quotecheck.models.Document`` (body paragraphs separated by a blank line, lines
by ``"\\n"``, footnotes after the body, emphasis, headings, blocks and tables of contents as
spans). Private to the ``load`` package: the readers in ``pdf.py`` and ``word.py`` share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotecheck.models import (
    Document,
    Emphasis,
    EmphasisStyle,
    Footnote,
    Line,
    Page,
    Span,
)


@dataclass(slots=True)
class Run:
    """A stretch of text with one formatting; ``call`` marks a footnote call (no text)."""

    text: str
    italic: bool = False
    bold: bool = False
    underline: bool = False
    call: str | None = None


@dataclass(slots=True)
class LineRec:
    """One line of a paragraph: its runs and where it is printed."""

    runs: list[Run]
    page: int | None = None
    number: int | None = None

    @property
    def text(self) -> str:
        """The line's characters (footnote calls contribute nothing)."""
        return "".join(r.text for r in self.runs)


@dataclass(slots=True)
class ParaRec:
    """A paragraph: its lines and what kind it is (``body``, ``heading``, ``block``, ``toc``)."""

    lines: list[LineRec] = field(default_factory=list)
    kind: str = "body"
    label: str | None = None  # footnote label, for footnote paragraphs


_STYLES = (
    ("italic", EmphasisStyle.ITALIC),
    ("bold", EmphasisStyle.BOLD),
    ("underline", EmphasisStyle.UNDERLINE),
)


def _merge_emphasis(text: str, spans: list[tuple[int, int, EmphasisStyle]]) -> list[Emphasis]:
    """Merge runs of one style separated only by white space; trim white space at the ends."""
    out: list[Emphasis] = []
    for _, style in _STYLES:
        cur: list[int] | None = None
        for start, end, _st in sorted(s for s in spans if s[2] == style):
            gap = text[cur[1] : start] if cur is not None else ""
            if cur is not None and not gap.strip() and "\n\n" not in gap:
                cur[1] = max(cur[1], end)
                continue
            if cur is not None:
                out.append(Emphasis(Span(cur[0], cur[1]), style))
            cur = [start, end]
        if cur is not None:
            out.append(Emphasis(Span(cur[0], cur[1]), style))
    trimmed: list[Emphasis] = []
    for e in out:
        s, t = e.span.start, e.span.end
        while s < t and text[s].isspace():
            s += 1
        while t > s and text[t - 1].isspace():
            t -= 1
        if t > s:
            trimmed.append(Emphasis(Span(s, t), e.style))
    return sorted(trimmed, key=lambda e: (e.span.start, e.span.end, e.style.value))


_WS = re.compile(r"[ \t\u00a0]+")


def assemble(
    path: str,
    fmt: str,
    body: list[ParaRec],
    notes: list[ParaRec],
    *,
    line_unit: str = "line",
) -> Document:
    """Build a ``Document`` from body paragraphs and footnote paragraphs.

    Args:
        path: the file the paragraphs came from.
        fmt: ``"pdf"`` or ``"docx"``.
        body: body paragraphs in reading order (empty ones are skipped).
        notes: one paragraph per footnote, in order, ``label`` set.
        line_unit: ``"line"`` or ``"paragraph"`` (what ``Line.number`` counts).

    Returns:
        The assembled document.

    >>> p = ParaRec([LineRec([Run("A "), Run("b", italic=True), Run("", call="1")], 1, 3)])
    >>> n = ParaRec([LineRec([Run("Note.")], 1, 20)], label="1")
    >>> doc = assemble("x.pdf", "pdf", [p], [n])
    >>> doc.text
    'A b\\n\\nNote.'
    >>> doc.footnotes[0].call, doc.emphasis[0].span
    (Span(start=3, end=3), Span(start=2, end=3))
    """
    parts: list[str] = []
    pos = 0
    lines: list[Line] = []
    emph: list[tuple[int, int, EmphasisStyle]] = []
    paragraphs: list[Span] = []
    headings: list[Span] = []
    blocks: list[Span] = []
    toc: list[Span] = []
    calls: list[tuple[str, int]] = []
    page_spans: dict[int, list[int]] = {}
    note_spans: list[tuple[str, Span]] = []

    def emit(para: ParaRec, is_note: bool) -> None:
        nonlocal pos
        texts: list[tuple[LineRec, list[tuple[str, Run]]]] = []
        for line in para.lines:
            cleaned: list[tuple[str, Run]] = []
            for run in line.runs:
                cleaned.append((_WS.sub(" ", run.text), run))
            # the line's trailing spaces go, whichever runs hold them
            for k in range(len(cleaned) - 1, -1, -1):
                t, run = cleaned[k]
                if run.call is not None:
                    continue
                cleaned[k] = (t.rstrip(" "), run)
                if cleaned[k][0]:
                    break
            if not any(t.strip() for t, _ in cleaned) and not any(r.call for _, r in cleaned):
                continue
            texts.append((line, cleaned))
        if not texts:
            return
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        for k, (line, cleaned) in enumerate(texts):
            if k:
                parts.append("\n")
                pos += 1
            line_start = pos
            prev_space = True  # at line start: drop leading spaces
            for t, run in cleaned:
                if run.call is not None:
                    calls.append((run.call, pos))
                    continue
                if prev_space:
                    t = t.lstrip(" ")
                if not t:
                    continue
                prev_space = t.endswith(" ")
                run_start = pos
                parts.append(t)
                pos += len(t)
                for attr, style in _STYLES:
                    if getattr(run, attr):
                        emph.append((run_start, pos, style))
            lines.append(Line(Span(line_start, pos), line.page, line.number))
            if not is_note and line.page is not None:
                rng = page_spans.setdefault(line.page, [line_start, pos])
                rng[1] = pos
        span = Span(start, pos)
        if is_note:
            note_spans.append((para.label or str(len(note_spans) + 1), span))
            return
        paragraphs.append(span)
        if para.kind == "heading":
            headings.append(span)
        elif para.kind == "block":
            blocks.append(span)
        elif para.kind == "toc":
            toc.append(span)

    for para in body:
        emit(para, False)
    for para in notes:
        emit(para, True)
    text = "".join(parts)

    # Link each footnote to the first unused call with its label, in order.
    used: set[int] = set()
    footnotes: list[Footnote] = []
    for label, span in note_spans:
        call = None
        for k, (lab, at) in enumerate(calls):
            if k not in used and lab == label:
                used.add(k)
                call = Span(at, at)
                break
        footnotes.append(Footnote(label, span, call))

    merged_toc: list[Span] = []
    for s in toc:
        if merged_toc and not text[merged_toc[-1].end : s.start].strip():
            merged_toc[-1] = Span(merged_toc[-1].start, s.end)
        else:
            merged_toc.append(s)
    pages = tuple(Page(n, Span(a, b)) for n, (a, b) in sorted(page_spans.items()))
    return Document(
        path=path,
        text=text,
        format=fmt,
        pages=pages,
        lines=tuple(lines),
        emphasis=tuple(_merge_emphasis(text, emph)),
        footnotes=tuple(footnotes),
        headings=tuple(headings),
        blocks=tuple(blocks),
        paragraphs=tuple(paragraphs),
        toc=tuple(merged_toc),
        line_unit=line_unit,
    )
