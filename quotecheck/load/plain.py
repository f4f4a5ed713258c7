"""Load a plain-text or Markdown brief, including text conversions of pleading-paper PDFs.

In: the file's decoded text. Out: a ``Document`` (see its docstring for the conventions).

What a real conversion holds, and what happens to it:

- margin line numbers 1-28 at line starts become ``Line.number``; a number is taken as a margin
  number only when it continues the page's sequence or restarts it after a break, so "3
  Embarcadero Center" in an address block stays text;
- a restart of the numbering starts a new page; a paragraph that runs over the break goes on;
- a line starting ``<sup>n</sup>`` after a blank, a rule or an empty numbered line starts
  footnote *n*; text after a rule (``---``, ``\\_\\_\\_``) at the top of the next page's footnote
  area continues the last footnote; footnotes move after the body;
- Markdown emphasis (``*``, ``**``, ``_``, ``<i>``, ``<b>``, ``<u>``, ``<em>``, ``<strong>``)
  becomes emphasis spans; escapes (``\\*``) become the character; links keep their text;
  ``#`` headings and bold-only short paragraphs become headings; ``>`` paragraphs become block
  quotations; paragraphs with dot leaders (tables of contents and authorities) become ``toc``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotecheck.models import Document, Emphasis, EmphasisStyle, Footnote, Line, Page, Span

_MARGIN = re.compile(r"[ \t]*(?P<hash>#{1,6}[ \t]+)?(?P<num>\d{1,2})(?=[ \t]|$)[ \t]?")
_RULE = re.compile(r"\s*(?:-{3,}|\*{3,}|(?:\\?_){3,}|_{3,})\s*$")
_FN_START = re.compile(r"\s*<sup>(\d{1,3})</sup>\s*")
_CALL = re.compile(r"<sup>(\d{1,3})</sup>")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+")
_QUOTE_PREFIX = re.compile(r"[ \t]*>[ \t]?")
_LEADERS = re.compile(r"(?:\.\s*){4,}\s*(?:\d|[ivx]+\b|passim|<i>passim|\*passim)", re.I)
_TOC_TITLE = re.compile(r"table of (?:contents|authorities)", re.I)


@dataclass(slots=True)
class _RawLine:
    start: int  # raw offset of the content (after margin number and prefixes)
    end: int  # raw offset of the content end (trailing spaces dropped)
    page: int
    number: int | None
    blank: bool = False
    rule: bool = False
    heading: bool = False
    quote: bool = False
    footnote: str | None = None  # label when the line starts a footnote
    fn_label_end: int = 0  # raw offset after "<sup>n</sup>"


@dataclass(slots=True)
class _Para:
    lines: list[_RawLine] = field(default_factory=list)
    heading: bool = False
    quote: bool = False


def load_plain(path_name: str, raw: str, *, fmt: str = "markdown") -> Document:
    """Build a ``Document`` from the text of a .txt or .md brief.

    Args:
        path_name: the file name, kept on the document.
        raw: the decoded file contents.
        fmt: ``"markdown"`` (markers interpreted) or ``"text"`` (taken literally).

    Returns:
        The document, its text with margin numbers, markers and footnotes rearranged.

    Example:
        >>> doc = load_plain("b.md", "1 He said *so*.\\n2 And “more.”\\n")
        >>> doc.text, doc.locate(doc.text.index("And"))
        ('He said so.\\nAnd “more.”', (1, 2))
        >>> [doc.text[e.span.start:e.span.end] for e in doc.emphasis]
        ['so']
    """
    lines = _scan_lines(raw)
    body, notes = _streams(lines)
    builder = _Builder(raw, markdown=fmt == "markdown")
    body_paras = _paragraphs(body, raw)
    for para in body_paras:
        builder.paragraph(para)
    body_end = len(builder.text())
    for label, note_lines in notes:
        kept = [ln for ln in note_lines if not ln.blank and not (ln.rule and ln.start == ln.end)]
        if kept:
            builder.paragraph(_Para(kept), footnote=label)
    return builder.document(path_name, fmt, body_end)


# ---------------------------------------------------------------------------------------------
# Pass 1: margin numbers, pages, line kinds


def _scan_lines(raw: str) -> list[_RawLine]:
    offsets = [0]
    for m in re.finditer(r"\n", raw):
        offsets.append(m.end())
    spans = [
        (a, (offsets[i + 1] - 1) if i + 1 < len(offsets) else len(raw))
        for i, a in enumerate(offsets)
    ]
    pleading = _looks_like_pleading(raw, spans)
    page = 1
    prev_num = 0
    prev_blank = True
    called: set[str] = set()
    out: list[_RawLine] = []
    for a, b in spans:
        line = raw[a:b].rstrip("\r")
        b = a + len(line)
        number = None
        start = a
        hashes = False
        margin = _MARGIN.match(line) if pleading else None
        if margin:
            m = margin
            if m:
                n = int(m.group("num"))
                if prev_num < n <= prev_num + 8:
                    number = n
                elif n <= 3 and n <= prev_num and prev_blank:
                    number = n
                    page += 1
                if number is not None:
                    prev_num = n
                    start = a + m.end()
                    hashes = m.group("hash") is not None
        if "\f" in line:
            page += line.count("\f")
            prev_num = 0
        content = raw[start:b]
        stripped = content.strip()
        end = start + len(content.rstrip())
        item = _RawLine(start + (len(content) - len(content.lstrip())), end, page, number)
        if not stripped:
            item.blank = True
            item.start = item.end = start
        elif _RULE.match(content):
            item.rule = True
        else:
            hm = _HEADING.match(content)
            if hm or hashes:
                item.heading = True
                item.start = start + (hm.end() if hm else 0)
            qm = _QUOTE_PREFIX.match(raw, item.start)
            if qm and not item.heading:
                item.quote = True
                item.start = qm.end()
            fm = _FN_START.match(raw, item.start)
            if fm and (prev_blank or fm.group(1) in called):
                item.footnote = fm.group(1)
                item.fn_label_end = fm.end()
            body_from = item.start + (fm.end() - fm.start() if fm else 0)
            called.update(_CALL.findall(raw, body_from, end))
        prev_blank = item.blank or item.rule
        out.append(item)
    return out


def _looks_like_pleading(raw: str, spans: list[tuple[int, int]]) -> bool:
    numbered = 0
    nonblank = 0
    for a, b in spans:
        line = raw[a:b]
        if not line.strip():
            continue
        nonblank += 1
        if _MARGIN.match(line):
            numbered += 1
    return nonblank > 0 and numbered / nonblank >= 0.3


# ---------------------------------------------------------------------------------------------
# Pass 2: body and footnote streams


def _streams(lines: list[_RawLine]) -> tuple[list[_RawLine], list[tuple[str, list[_RawLine]]]]:
    """Split lines into the body stream and footnotes (continued footnotes joined)."""
    body: list[_RawLine] = []
    notes: list[tuple[str, list[_RawLine]]] = []
    in_note_page: int | None = None  # page whose footnote area we are in
    after_rule_page: int | None = None
    for line in lines:
        if line.footnote is not None:
            notes.append((line.footnote, [line]))
            in_note_page = line.page
            continue
        if in_note_page is not None and line.page == in_note_page:
            if not line.rule:
                notes[-1][1].append(line)
            continue
        in_note_page = None
        if line.rule:
            after_rule_page = line.page
            body.append(line)
            continue
        # Text after a rule at a page bottom, not starting a footnote: a continued footnote.
        if (
            after_rule_page == line.page
            and notes
            and not line.blank
            and not line.heading
            and _is_continuation_area(body, line)
        ):
            notes[-1][1].append(line)
            in_note_page = line.page
            continue
        body.append(line)
    return body, notes


def _is_continuation_area(body: list[_RawLine], line: _RawLine) -> bool:
    # The rule must be the last non-blank body line: body text already ended on this page.
    for prev in reversed(body):
        if prev.blank:
            continue
        return prev.rule and prev.page == line.page
    return False


def _paragraphs(body: list[_RawLine], raw: str) -> list[_Para]:
    """Group body lines into paragraphs, joining paragraphs split only by a page break."""
    paras: list[_Para] = []
    current = _Para()
    pending_break = False
    lengths = sorted(ln.end - ln.start for ln in body if not ln.blank and not ln.rule)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 80
    for line in body:
        if line.blank or line.rule:
            if current.lines:
                pending_break = True
            continue
        if pending_break:
            last = current.lines[-1]
            same_kind = line.heading == current.heading and line.quote == current.quote
            if not (line.page != last.page and same_kind and _continues(raw, last, line, full)):
                paras.append(current)
                current = _Para()
            pending_break = False
        elif current.lines and (line.heading != current.heading or line.quote != current.quote):
            paras.append(current)
            current = _Para()
        if not current.lines:
            current.heading = line.heading
            current.quote = line.quote
        current.lines.append(line)
    if current.lines:
        paras.append(current)
    return paras


def _continues(raw: str, last: _RawLine, line: _RawLine, full: int) -> bool:
    """Whether a paragraph runs on over the page break between ``last`` and ``line``."""
    tail = raw[last.start : last.end].rstrip()
    head = raw[line.start : line.end].lstrip("*_ ")
    if not head:
        return False
    if head[0].islower():
        return True
    if not re.search(r"[.!?:;\u201d\"')\]]$", tail):
        return True
    return (last.end - last.start) >= 0.92 * full and not tail.endswith(":")


# ---------------------------------------------------------------------------------------------
# Pass 3: inline markup and the reading text

_INLINE = re.compile(
    r"(?P<esc>\\(?P<ch>[\\`*_{}\[\]()#+\-.!<>|~\"']))"
    r"|(?P<sup><sup>\s*(?P<call>[^<]{1,5}?)\s*</sup>)"
    r"|(?P<tag></?(?P<tagname>i|em|b|strong|u)>)"
    r"|(?P<other></?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>)"
    r"|(?P<link><?\[(?P<ltext>[^\]\n]*)\]\((?P<href>[^)\s]*)\)>?)"
    r"|(?P<stars>\*{1,3})"
    r"|(?P<under>_{1,2})",
    re.I,
)
_TAG_STYLE = {
    "i": EmphasisStyle.ITALIC,
    "em": EmphasisStyle.ITALIC,
    "b": EmphasisStyle.BOLD,
    "strong": EmphasisStyle.BOLD,
    "u": EmphasisStyle.UNDERLINE,
}


@dataclass(slots=True)
class _Token:
    kind: str  # "text", "mark", "call"
    raw: int
    text: str = ""
    marker: str = ""
    can_open: bool = False
    can_close: bool = False
    paired: bool = False


class _Builder:
    """Accumulates the reading text, its map back to the raw file, and the structure."""

    def __init__(self, raw: str, *, markdown: bool) -> None:
        self.raw = raw
        self.markdown = markdown
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.lines: list[Line] = []
        self.emphasis: list[Emphasis] = []
        self.footnotes: list[Footnote] = []
        self.calls: dict[str, int] = {}
        self.headings: list[Span] = []
        self.blocks: list[Span] = []
        self.paragraphs: list[Span] = []
        self.toc: list[Span] = []
        self.pages: dict[int, list[int]] = {}

    def text(self) -> str:
        return "".join(self.parts)

    def _emit(self, s: str, raw_pos: int) -> None:
        if not s:
            return
        if not self.starts or self.origins[-1] + (self.length - self.starts[-1]) != raw_pos:
            self.starts.append(self.length)
            self.origins.append(raw_pos)
        self.parts.append(s)
        self.length += len(s)

    def paragraph(self, para: _Para, *, footnote: str | None = None) -> None:
        if self.length:
            self._emit("\n\n", self.origins[-1] + (self.length - self.starts[-1]))
        start = self.length
        tokens: list[_Token] = []
        line_marks: list[tuple[int, _RawLine]] = []  # token index where each line starts
        for i, line in enumerate(para.lines):
            if tokens:
                tokens.append(_Token("text", max(line.start - 1, 0), "\n"))
            line_marks.append((len(tokens), line))
            begin = line.fn_label_end if (i == 0 and line.footnote is not None) else line.start
            tokens.extend(self._tokens(begin, line.end))
        self._pair(tokens)
        open_at: dict[str, list[int]] = {}
        mark_iter = iter(line_marks + [(len(tokens) + 1, para.lines[-1])])
        next_mark, next_line = next(mark_iter)
        line_start = self.length
        current: _RawLine | None = None
        for k, tok in enumerate(tokens):
            while k == next_mark:
                if current is not None:
                    self._add_line(line_start, current)
                current = next_line
                line_start = self.length + (1 if tok.text == "\n" else 0)
                next_mark, next_line = next(mark_iter)
            if tok.kind == "text" or (tok.kind == "mark" and not tok.paired):
                self._emit(tok.text if tok.kind == "text" or tok.text else tok.marker, tok.raw)
            elif tok.kind == "call":
                self.calls.setdefault(tok.text, self.length)
            else:
                for style in _marker_styles(tok.marker):
                    stack = open_at.setdefault(style, [])
                    if tok.can_close and stack:
                        begin = stack.pop()
                        if self.length > begin:
                            self.emphasis.append(
                                Emphasis(Span(begin, self.length), EmphasisStyle(style))
                            )
                    else:
                        stack.append(self.length)
        if current is not None:
            self._add_line(line_start, current)
        span = Span(start, self.length)
        self.paragraphs.append(span)
        text = "".join(self.parts)[start:]
        if footnote is not None:
            call = self.calls.get(footnote)
            self.footnotes.append(
                Footnote(footnote, span, None if call is None else Span(call, call))
            )
        elif para.heading or self._bold_heading(span, text):
            self.headings.append(span)
        elif para.quote:
            self.blocks.append(span)
        if _LEADERS.search(text) or _TOC_TITLE.search(text):
            self.toc.append(span)

    def _bold_heading(self, span: Span, text: str) -> bool:
        if len(text.split()) > 25 or not text.strip():
            return False
        bold = sum(
            e.span.length
            for e in self.emphasis
            if e.style is EmphasisStyle.BOLD and span.contains(e.span)
        )
        return bold >= 0.8 * len(text.strip())

    def _add_line(self, start: int, line: _RawLine) -> None:
        end = self.length
        if end < start:
            return
        self.lines.append(Line(Span(start, end), line.page, line.number))
        self.pages.setdefault(line.page, []).extend((start, end))

    def _tokens(self, a: int, b: int) -> list[_Token]:
        raw = self.raw
        if not self.markdown:
            return [_Token("text", a, raw[a:b])] if b > a else []
        out: list[_Token] = []
        pos = a
        for m in _INLINE.finditer(raw, a, b):
            if m.start() > pos:
                out.append(_Token("text", pos, raw[pos : m.start()]))
            kind = m.lastgroup
            if m.group("esc"):
                out.append(_Token("text", m.start("ch"), m.group("ch")))
            elif m.group("sup"):
                out.append(_Token("call", m.start(), m.group("call").strip()))
            elif m.group("tag"):
                name = m.group("tagname").lower()
                closing = m.group("tag").startswith("</")
                out.append(
                    _Token(
                        "mark",
                        m.start(),
                        text=m.group("tag"),
                        marker="<" + _TAG_STYLE[name].value + ">",
                        can_open=not closing,
                        can_close=closing,
                    )
                )
            elif m.group("other"):
                pass
            elif m.group("link"):
                out.append(_Token("text", m.start("ltext"), m.group("ltext")))
            else:
                marker = m.group()
                before = raw[m.start() - 1] if m.start() > a else " "
                after = raw[m.end()] if m.end() < b else " "
                can_open = not after.isspace()
                can_close = not before.isspace()
                if kind == "under":
                    # Intra-word underscores (snake_case, URLs) are not emphasis.
                    can_open = can_open and not before.isalnum()
                    can_close = can_close and not after.isalnum()
                if can_open or can_close:
                    out.append(
                        _Token(
                            "mark", m.start(), marker=marker, can_open=can_open, can_close=can_close
                        )
                    )
                else:
                    out.append(_Token("text", m.start(), marker))
            pos = m.end()
        if pos < b:
            out.append(_Token("text", pos, raw[pos:b]))
        return out

    @staticmethod
    def _pair(tokens: list[_Token]) -> None:
        """Pair opening and closing markers of the same kind; the rest stay literal text."""
        stack: list[_Token] = []
        for tok in tokens:
            if tok.kind != "mark":
                continue
            match = None
            if tok.can_close:
                for j in range(len(stack) - 1, -1, -1):
                    if stack[j].marker == tok.marker:
                        match = j
                        break
            if match is not None:
                opener = stack[match]
                del stack[match:]
                opener.paired = tok.paired = True
                tok.can_open = False
                opener.can_close = False
            elif tok.can_open:
                tok.can_close = False
                stack.append(tok)

    def document(self, path_name: str, fmt: str, body_end: int) -> Document:
        text = self.text()
        pages = tuple(
            Page(
                number,
                Span(min(v for v in offs if v <= body_end), max(v for v in offs if v <= body_end)),
            )
            for number, offs in sorted(self.pages.items())
            if any(v <= body_end for v in offs)
        )
        return Document(
            path=path_name,
            text=text,
            format=fmt,
            pages=pages,
            lines=tuple(sorted(self.lines, key=lambda ln: ln.span.start)),
            emphasis=tuple(sorted(self.emphasis, key=lambda e: e.span)),
            footnotes=tuple(self.footnotes),
            headings=tuple(self.headings),
            blocks=tuple(self.blocks),
            paragraphs=tuple(self.paragraphs),
            toc=tuple(self.toc),
            raw_starts=tuple(self.starts),
            raw_origins=tuple(self.origins),
        )


def _marker_styles(marker: str) -> tuple[str, ...]:
    if marker.startswith("<"):
        return (marker.strip("<>"),)
    if marker in ("***", "___"):
        return ("bold", "italic")
    if marker in ("**", "__"):
        return ("bold",)
    return ("italic",)
