"""Read opinion files and turn marked-up text into a ``SourceText`` with pages, footnotes, parts.

In: a file (``.txt``/``.md`` in the conventions of the shared corpus README, ``.pdf``,
CourtListener opinion JSON, Caselaw Access Project JSON). Out: ``RawSource`` (the text with our
markers: ``[[page N]]``, ``*N``/``**N``, ``[*N]``, ``[fnN]``, ``[opinion type=...]``, plus any
names and citations the file's metadata gives) and, through ``analyze``, a ``SourceText`` whose
``text`` is the reading text with every marker removed (the opinion's own wording and line
breaks otherwise untouched) and whose ``pages`` hold a run for every pagination the text
carries, with star levels mapped to reporters from a ``PageSpec``, a Lexis "Reporter" line or
the citations themselves (first page, then a monotonic sequence).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from quotecheck.corpus.cites import (
    ReporterCite,
    canonical_reporter,
    cites_in_line,
    compact,
    find_dockets,
    is_cite_line,
    parse_cite,
)
from quotecheck.corpus.manifest import ManifestEntry, PageSpec
from quotecheck.errors import DocumentLoadError
from quotecheck.models import PageRun, SourcePart, SourceText, Span

SUFFIXES = (".txt", ".md", ".pdf", ".json")


@dataclass(frozen=True, slots=True)
class RawSource:
    """A file's text in the corpus marker conventions, with what its metadata says."""

    text: str
    format: str
    case_name: str = ""
    cites: tuple[str, ...] = ()
    dockets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document's reading text and structure plus its identity (names, citations, dockets)."""

    source: SourceText
    short_name: str
    cites: tuple[ReporterCite, ...]
    dockets: tuple[str, ...]
    names: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Reading files


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or ``DocumentLoadError`` saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentLoadError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_source(path: Path, *, data: bytes | None = None) -> RawSource:
    """Read one opinion file into marked text.

    Args:
        path: a ``.txt``, ``.md``, ``.pdf`` or ``.json`` file.
        data: the file's bytes when the caller has read them already (not for PDFs).

    Returns:
        The text with the corpus markers, and any names or citations from metadata.

    Raises:
        DocumentLoadError: unreadable, binary, empty, encrypted or scanned files, or JSON in
            neither CourtListener nor CAP shape.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_text("[[page 1]]\\nHello.", encoding="utf-8")
        >>> read_source(p).format
        'text'
    """
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from quotecheck.load.pdf import pdf_page_texts

        pages = pdf_page_texts(path)
        text = "".join(f"[[page {i}]]\n{t.rstrip()}\n" for i, t in enumerate(pages, 1))
        return RawSource(_require_text(text, path), "pdf")
    if data is None:
        data = read_bytes(path)
    if b"\x00" in data[:4096]:
        raise DocumentLoadError(f"{path} is binary, not text")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = data.decode("cp1252", errors="replace")
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if suffix == ".json":
        return _read_json(raw, path)
    return RawSource(_require_text(raw, path), "text")


_PAGE_MARKER = re.compile(r"\[\[page [^\]]*\]\]")
# Two letters outside any page marker (a marker is consumed whole, so its "pa" does not count).
_WORD_OUTSIDE_MARKERS = re.compile(_PAGE_MARKER.pattern + r"|(?P<word>[A-Za-z]{2})")


def _require_text(text: str, path: Path) -> str:
    # Page markers hold letters themselves. The first word usually stands in the first lines:
    # found there, the text is not empty, and no opinion is rewritten to know it.
    for m in _WORD_OUTSIDE_MARKERS.finditer(text):
        if m["word"]:
            return text
    bare = _PAGE_MARKER.sub("", text) if "[[page " in text else text
    if not re.search(r"[A-Za-z]{2}", bare):
        raise DocumentLoadError(f"{path} is empty (no text)")
    return text


def _read_json(raw: str, path: Path) -> RawSource:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DocumentLoadError(
            f"{path} is not valid JSON: {exc.msg} (line {exc.lineno})"
        ) from None
    if isinstance(data, list) and data and isinstance(data[0], dict):
        data = data[0]
    if not isinstance(data, dict):
        raise DocumentLoadError(f"{path}: expected a CourtListener or CAP JSON object")
    if "casebody" in data:
        return _read_cap(data, path)
    if any(
        k in data
        for k in ("html_with_citations", "plain_text", "html", "html_lawbox", "sub_opinions")
    ):
        return _read_courtlistener(data, path)
    raise DocumentLoadError(
        f"{path}: JSON has neither 'casebody' (CAP) nor"
        " 'html_with_citations'/'plain_text' (CourtListener)"
    )


def _cite_strings(value: object) -> tuple[str, ...]:
    out: list[str] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                if isinstance(item.get("cite"), str):
                    out.append(item["cite"])
                elif all(k in item for k in ("volume", "reporter", "page")):
                    out.append(f"{item['volume']} {item['reporter']} {item['page']}")
    return tuple(out)


def _read_courtlistener(data: dict[str, object], path: Path) -> RawSource:
    opinion: dict[str, object] = data
    subs = data.get("sub_opinions")
    if isinstance(subs, list) and subs and isinstance(subs[0], dict):
        opinion = subs[0]
    text = ""
    for key in ("html_with_citations", "html", "html_lawbox", "html_columbia", "xml_harvard"):
        value = opinion.get(key)
        if isinstance(value, str) and value.strip():
            text = html_to_marked(value)
            break
    if not text.strip():
        plain = opinion.get("plain_text")
        text = plain if isinstance(plain, str) else ""
    name = data.get("case_name") or data.get("caseName") or ""
    docket = data.get("docket_number") or data.get("docketNumber") or ""
    return RawSource(
        _require_text(text, path),
        "courtlistener",
        case_name=str(name),
        cites=_cite_strings(data.get("citations") or data.get("citation")),
        dockets=(f"No. {docket}",) if isinstance(docket, str) and docket else (),
    )


def _read_cap(data: dict[str, object], path: Path) -> RawSource:
    body = data["casebody"]
    if isinstance(body, dict) and "data" in body:
        body = body["data"]
    parts: list[str] = []
    if isinstance(body, str):
        parts.append(html_to_marked(body) if "<" in body else body)
    elif isinstance(body, dict):
        head = body.get("head_matter")
        if isinstance(head, str) and head.strip():
            parts.append(html_to_marked(head) if "<" in head else head)
        for op in body.get("opinions") or []:
            if not isinstance(op, dict):
                continue
            parts.append(f"\n[opinion type={op.get('type') or 'majority'}]")
            if isinstance(op.get("author"), str) and op["author"].strip():
                parts.append(op["author"])
            txt = op.get("text")
            if isinstance(txt, str):
                parts.append(html_to_marked(txt) if "<" in txt else txt)
    text = "\n".join(parts)
    docket = data.get("docket_number") or ""
    return RawSource(
        _require_text(text, path),
        "cap",
        case_name=str(data.get("name_abbreviation") or data.get("name") or ""),
        cites=_cite_strings(data.get("citations")),
        dockets=(f"No. {docket}",) if isinstance(docket, str) and docket else (),
    )


_STAR_TAG = re.compile(
    r"<(?P<tag>[a-z-]+)(?P<attrs>[^>]*\bclass=\"[^\"]*star-pagination[^\"]*\"[^>]*)>(?P<body>.*?)</(?P=tag)>"
    r"|<page-number(?P<pattrs>[^>]*)>(?P<pbody>.*?)</page-number>",
    re.S | re.I,
)
_OPINION_TAG = re.compile(r"<opinion\b[^>]*\btype=\"(?P<type>[^\"]+)\"[^>]*>", re.I)
_FN_MARK = re.compile(
    r"<footnotemark[^>]*>(?P<a>.*?)</footnotemark>"
    r"|<sup[^>]*>\s*(?:<a[^>]*>)?\s*\[?(?P<b>\d{1,3}|\*)\]?\s*(?:</a>)?\s*</sup>",
    re.S | re.I,
)
_FN_BODY = re.compile(r"<footnote\b[^>]*\blabel=\"(?P<label>[^\"]+)\"[^>]*>", re.I)
_TAGS_SPACE = re.compile(r"<[^>]+>|\s")
_BLOCK = re.compile(
    r"<(?:/?(?:p|div|blockquote|h[1-6]|li|pre|section|opinion|footnote)\b[^>]*|br\s*/?)>", re.I
)


def html_to_marked(markup: str) -> str:
    """CourtListener/CAP HTML or XML to text in the corpus marker conventions.

    Star-pagination spans and ``<page-number>`` tags become ``*N`` markers (the number of stars
    from the label or the ``citation-index``), footnote marks ``[fnN]``, ``<opinion type=...>``
    an ``[opinion type=...]`` line; block tags become line breaks and other tags go.

    >>> html_to_marked('<p>One <span class="star-pagination">*570</span> two<sup>1</sup>.</p>')
    'One *570 two[fn1].'
    """

    def star(m: re.Match[str]) -> str:
        body = re.sub(r"<[^>]+>", "", m["body"] if m["body"] is not None else m["pbody"])
        attrs = m["attrs"] or m["pattrs"] or ""
        num = re.search(r"\d+", body) or re.search(r"(?:label|number)=\"(\d+)\"", attrs)
        if not num:
            return " "
        stars = re.match(r"\s*(\*+)", body)
        level = len(stars[1]) if stars else 1
        index = re.search(r"citation-index=\"(\d+)\"", attrs)
        if not stars and index:
            level = int(index[1])
        value = num[1] if num.re.groups else num[0]
        return f" {'*' * min(level, 3)}{value} "

    text = _STAR_TAG.sub(star, markup)
    text = _OPINION_TAG.sub(lambda m: f"\n[opinion type={m['type']}]\n", text)
    text = _FN_BODY.sub(lambda m: f"\n[fn{m['label']}] ", text)
    text = _FN_MARK.sub(lambda m: "[fn" + _TAGS_SPACE.sub("", m["a"] or m["b"] or "") + "]", text)
    text = _BLOCK.sub("\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()


# ---------------------------------------------------------------------------------------------
# Markers

# Every alternative starts with "[" or "*", so the scan skips plain text quickly; line and
# space handling is done in ``strip_markers``.
_MARKERS = re.compile(
    r"[\[*](?:\[page[ \t]+(?P<pn>[^\]\s]+)\]\]|opinion[ \t]+type=(?P<ot>[^\]\n]*)\]"
    r"|fn(?P<fnl>[^\]\s]{1,8})\]|(?P<lst>\*{1,3})[ \t]*(?P<lnum>\d+)\]"
    r"|(?P<sst>\*{0,2})(?P<snum>\d+))"
)
_ECF = re.compile(
    r"^[ \t]*Case[ \t]+\S+[ \t]+Document[ \t]+[\d-]+[ \t]+Filed[ \t]+[\d/]+[ \t]+"
    r"Page[ \t]+\d+[ \t]+of[ \t]+\d+[^\n]*(?:\n|$)",
    re.M,
)
_WORDISH = frozenset("]_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# What precedes a database pinpoint that looks like a star page: "2019 WL 123, at *3", "Id. at *3".
_PIN_CONTEXT = re.compile(
    r"(?:\b(?:WL|LEXIS|Lexis)\s+\d+\s*,?\s*(?:at\s+)?|,\s*at\s+|\b[Ii]d\.?,?\s+at\s+|[\])]\s*,?\s*at\s+"
    r"|\*\d+(?:\s*[-\u2013]\s*\d+)?\s*(?:[-\u2013,&]|and)\s*)$"
)


@dataclass(frozen=True, slots=True)
class Markup:
    """Reading text plus the markers taken out of it, at their positions in the reading text."""

    text: str
    pdf: tuple[tuple[int, str], ...]
    stars: dict[tuple[str, int], tuple[tuple[int, int], ...]]
    footnotes: tuple[Span, ...]
    opinions: tuple[tuple[int, str], ...]


def _marker_matches(raw: str) -> list[re.Match[str]]:
    """The matches of ``_MARKERS.finditer(raw)``, tried only where a ``[`` or ``*`` stands.

    Every marker starts with one of the two; ``str.find`` reaches them far faster than the
    regex engine scanning each character of a long opinion.

    >>> [m.group() for m in _marker_matches("a [[page 2]] b *3 c [fn1] [x]")]
    ['[[page 2]]', '*3', '[fn1]']
    """
    starts: list[int] = []
    for ch in "[*":
        i = raw.find(ch)
        while i != -1:
            starts.append(i)
            i = raw.find(ch, i + 1)
    starts.sort()
    out: list[re.Match[str]] = []
    end = 0
    for i in starts:
        if i < end:
            continue
        m = _MARKERS.match(raw, i)
        if m:
            out.append(m)
            end = m.end()
    return out


def _ecf_matches(raw: str) -> list[re.Match[str]]:
    """The matches of ``_ECF.finditer(raw)``, tried only on lines that hold "Document".

    >>> [m.group() for m in _ecf_matches("x\\nCase 1:2 Document 3 Filed 1/2 Page 1 of 9\\ny")]
    ['Case 1:2 Document 3 Filed 1/2 Page 1 of 9\\n']
    """
    starts: set[int] = set()
    i = raw.find("Document")
    while i != -1:
        starts.add(raw.rfind("\n", 0, i) + 1)
        i = raw.find("Document", i + 1)
    out: list[re.Match[str]] = []
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        m = _ECF.match(raw, start)
        if m:
            out.append(m)
            end = m.end()
    return out


def strip_markers(raw: str) -> Markup:
    """Remove every marker from marked text and record where each one stood.

    A star or Lexis marker inside a line takes its surrounding spaces with it (one space is
    kept between two words); a marker on a line of its own takes the line. ``at *3`` after a
    citation or *Id.* is a database pinpoint and stays in the text.

    >>> m = strip_markers("Alpha *12 beta[fn1] gamma\\n[fn1] Note.")
    >>> m.text, m.stars[("star", 1)], m.footnotes
    ('Alpha beta gamma\\nNote.', ((6, 12),), (Span(start=17, end=22),))
    >>> strip_markers("Spears, 2010 WL 54755, at *3.").text
    'Spears, 2010 WL 54755, at *3.'
    """
    out: list[str] = []
    pos = 0
    last = 0
    pdf: list[tuple[int, str]] = []
    stars: dict[tuple[str, int], list[tuple[int, int]]] = {}
    fn_starts: list[int] = []
    opinions: list[tuple[int, str]] = []
    matches: list[tuple[int, int, str, re.Match[str]]] = []
    for m in _marker_matches(raw):
        if m["pn"] is not None:
            kind = "page"
        elif m["ot"] is not None:
            kind = "op"
        elif m["fnl"] is not None:
            kind = "fn"
        elif m["lst"]:
            kind = "lex"
        else:
            a, b = m.span()
            # A star page: "*" first, not after a digit, "*", "[" or "/", not before a letter.
            if raw[a] != "*" or (a and raw[a - 1] in "0123456789*[/") or raw[b : b + 1] in _WORDISH:
                continue
            kind = "star"
        matches.append((m.start(), m.end(), kind, m))
    ecf = _ecf_matches(raw)
    if ecf:
        matches.extend((m.start(), m.end(), "ecf", m) for m in ecf)
        matches.sort(key=lambda t: t[0])
    n = len(raw)
    for a, b, kind, m in matches:
        if a < last:
            continue
        if kind == "star" and _PIN_CONTEXT.search(raw[max(0, a - 40) : a]):
            continue
        line_start = 0
        alone_before = False
        if kind != "star" and kind != "lex":
            line_start = raw.rfind("\n", 0, a) + 1
            alone_before = not raw[line_start:a].strip()
        if kind in ("page", "op"):
            line_end = raw.find("\n", b)
            line_end = n if line_end == -1 else line_end
            if alone_before and not raw[b:line_end].strip():
                a, b = max(line_start, last), min(n, line_end + 1)
        elif kind in ("lex", "star", "fn"):
            if kind != "fn" or alone_before:
                while b < n and raw[b] in " \t":
                    b += 1
            if kind == "lex":
                while a > last and raw[a - 1] in " \t":
                    a -= 1
        if a > last:
            piece = raw[last:a]
            out.append(piece)
            pos += len(piece)
        last = b
        if kind == "page":
            pdf.append((pos, m["pn"]))
        elif kind == "op":
            opinions.append((pos, m["ot"].strip()))
        elif kind == "fn" and alone_before:
            fn_starts.append(pos)
        elif kind in ("lex", "star"):
            before = out[-1][-1:] if out and out[-1] else ""
            after = raw[b : b + 1]
            spaced = (b - a) > len(m.group())
            if before and not before.isspace() and after and not after.isspace() and spaced:
                out.append(" ")
                pos += 1
            level = len(m["lst"]) if kind == "lex" else 1 + len(m["sst"])
            value = int(m["lnum"] or m["snum"])
            stars.setdefault(("lexis" if kind == "lex" else "star", level), []).append((pos, value))
    out.append(raw[last:])
    text = "".join(out)
    return Markup(
        text,
        tuple(pdf),
        {k: tuple(v) for k, v in stars.items()},
        _footnote_spans(text, fn_starts, [p for p, _ in opinions]),
        tuple(opinions),
    )


def _footnote_spans(text: str, starts: list[int], stops: list[int]) -> tuple[Span, ...]:
    """A footnote runs to the next footnote, opinion start or blank line."""
    spans: list[Span] = []
    for i, s in enumerate(starts):
        end = len(text)
        if i + 1 < len(starts):
            end = starts[i + 1]
        blank = text.find("\n\n", s)
        if blank != -1:
            end = min(end, blank)
        for stop in stops:
            if s < stop < end:
                end = stop
        end = len(text[s:end].rstrip()) + s
        spans.append(Span(s, max(end, s)))
    return tuple(spans)


# ---------------------------------------------------------------------------------------------
# Pagination


def _chain(values: list[tuple[int, int]], *, step: int = 60) -> list[tuple[int, int]]:
    """Longest subsequence of (position, page) whose pages rise by at most ``step`` each time."""
    n = len(values)
    if all(a[1] <= b[1] <= a[1] + step for a, b in pairwise(values)):
        return list(values)  # the usual case: the whole sequence is the chain
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        vi = values[i][1]
        for j in range(max(0, i - 400), i):
            vj = values[j][1]
            if vj <= vi <= vj + step and best[j] + 1 > best[i]:
                best[i] = best[j] + 1
                prev[i] = j
    i = max(range(n), key=lambda k: (best[k], -k))
    out: list[tuple[int, int]] = []
    while i != -1:
        out.append(values[i])
        i = prev[i]
    return out[::-1]


_REPORTER_LINE = re.compile(r"Reporter[ \t]*\n(?P<line>[^\n]+)")


def _reporter_line(text: str) -> re.Match[str] | None:
    """The Lexis "Reporter" heading line and the line after it, in the first 5,000 characters."""
    head = text[:5000]
    for start in _line_starts_with(head, ("Reporter",)):
        m = _REPORTER_LINE.match(head, start)
        if m:
            return m
    return None


def _reporter_line_levels(text: str) -> dict[int, ReporterCite]:
    """Lexis "Reporter" line: "804 F.3d 202 *; 2015 U.S. App. LEXIS 17988 **; ..." -> levels."""
    m = _reporter_line(text)
    if not m:
        return {}
    levels: dict[int, ReporterCite] = {}
    for piece in m["line"].split(";"):
        sm = re.match(r"\s*(?P<cite>.*?)\s+(?P<stars>\*{1,3})\s*$", piece)
        if sm:
            cite = parse_cite(re.sub(r"\s*\([^)]*\)", "", sm["cite"]))
            if cite is not None:
                levels.setdefault(len(sm["stars"]), cite)
    return levels


def _assign_levels(
    chains: dict[tuple[str, int], list[tuple[int, int]]], cites: tuple[ReporterCite, ...]
) -> dict[tuple[str, int], ReporterCite]:
    """Match each star level to the citation whose first page its sequence continues."""
    pairs: list[tuple[int, tuple[str, int], ReporterCite]] = []
    for key, chain in chains.items():
        first, last = chain[0][1], chain[-1][1]
        for cite in cites:
            if cite.database or not cite.page.isdigit():
                continue
            page = int(cite.page)
            if page <= first <= page + 60 and last <= page + 2000:
                pairs.append((first - page, key, cite))
    pairs.sort(key=lambda t: (t[0], t[1]))
    out: dict[tuple[str, int], ReporterCite] = {}
    used: set[str] = set()
    for _, key, cite in pairs:
        if key not in out and cite.key not in used:
            out[key] = cite
            used.add(cite.key)
    return out


def _runs(
    name: str, marks: list[tuple[int, str]], n: int, first_label: str | None
) -> list[PageRun]:
    runs: list[PageRun] = []
    if marks and marks[0][0] > 0 and first_label is not None:
        runs.append(PageRun(name, first_label, Span(0, marks[0][0])))
    for i, (p, label) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else n
        if end > p or (i + 1 == len(marks) and p == n):
            runs.append(PageRun(name, label, Span(p, max(end, p))))
    return runs


def _first_lines(text: str, start: int, end: int, k: int) -> list[str]:
    """``text[start:end].split("\\n")[:k]`` without splitting the rest of a long page.

    >>> _first_lines("a\\nb\\nc\\n", 0, 6, 2), _first_lines("a\\n", 0, 2, 5)
    (['a', 'b'], ['a', ''])
    """
    lines: list[str] = []
    i = start
    while len(lines) < k:
        j = text.find("\n", i, end)
        if j == -1:
            lines.append(text[i:end])
            break
        lines.append(text[i:j])
        i = j + 1
    return lines


def _edge_lines(text: str, start: int, end: int) -> list[str]:
    """The first and the last non-blank line of ``text[start:end]`` (none if all are blank).

    >>> _edge_lines("\\n 1 \\nmid\\n9\\n\\n", 0, 12)
    [' 1 ', '9']
    """
    first = last = None
    i = start
    while i <= end:
        j = text.find("\n", i, end)
        j = end if j == -1 else j
        if text[i:j].strip():
            first = text[i:j]
            break
        i = j + 1
    if first is None:
        return []
    j = end
    while True:
        i = text.rfind("\n", start, j) + 1 if j > start else start
        i = max(i, start)
        if text[i:j].strip():
            last = text[i:j]
            break
        j = i - 1
    return [first, last]


_HEADER_NUM = re.compile(r"^\s*(\d{1,3})\s{3,}\S|\S\s{3,}(\d{1,3})\s*$|^\s*(\d{1,3})\s*$")


def _slip_runs(text: str, pdf_runs: list[PageRun]) -> list[PageRun]:
    """Printed page numbers of a court PDF (first or last line of each page), as "slip" runs."""
    labels: list[str | None] = []
    for run in pdf_runs:
        label = None
        for ln in _edge_lines(text, run.span.start, run.span.end):
            m = _HEADER_NUM.search(ln)
            if m:
                label = m[1] or m[2] or m[3]
                break
        labels.append(label)
    found = sum(1 for x in labels if x)
    if len(pdf_runs) < 2 or found < 0.6 * len(pdf_runs):
        return []
    return [
        PageRun("slip", label, run.span)
        for run, label in zip(pdf_runs, labels, strict=True)
        if label
    ]


def paginate(
    markup: Markup, *, spec: PageSpec | None, cites: tuple[ReporterCite, ...]
) -> tuple[PageRun, ...]:
    """Page runs for every pagination of a text: pdf, slip, and each star level's reporter.

    Star levels are named from ``spec`` (a manifest's ``pages``), else from a Lexis "Reporter"
    line, else from ``cites``: the level whose first marker continues a citation's first page
    belongs to that citation's reporter. Text before a level's first marker lies on the
    citation's first page (the first page of an opinion is usually unmarked).
    """
    n = len(markup.text)
    runs: list[PageRun] = []
    if spec is None or spec.kind in ("pdf", "slip"):
        pdf = list(markup.pdf)
        if pdf:
            first = pdf[0][1]
            pre = str(int(first) - 1) if first.isdigit() and int(first) > 1 else None
            pdf_runs = _runs("pdf", pdf, n, pre)
            runs.extend(pdf_runs)
            runs.extend(_slip_runs(markup.text, pdf_runs))
    if spec is not None and spec.kind in ("pdf", "slip", "none"):
        return tuple(runs)
    chains = {}
    for key, values in markup.stars.items():
        if spec is not None and key[0] != spec.kind:
            continue
        chain = _chain(list(values))
        if chain:
            # Out-of-order markers inside the chain's range are real (CAP moves head matter).
            low, high = min(v for _, v in chain), max(v for _, v in chain)
            chains[key] = [(p, v) for p, v in values if low <= v <= high]
    lexis_line = _reporter_line_levels(markup.text)
    inferred = _assign_levels(chains, cites)
    by_key = {c.reporter_key: c for c in cites}
    for key, chain in sorted(chains.items()):
        kind, level = key
        cite: ReporterCite | None = None
        name: str | None = None
        if spec is not None and level in spec.levels:
            name = canonical_reporter(spec.levels[level]) or spec.levels[level]
            cite = by_key.get(compact(name))
        elif kind == "lexis" and level in lexis_line:
            cite = lexis_line[level]
            name = cite.reporter
        elif key in inferred:
            cite = inferred[key]
            name = cite.reporter
        if cite is None and name is None and kind == "star" and len(chain) < 3:
            continue  # two stray asterisks are no pagination
        if name is None:
            name = ("[" + "*" * level + "]") if kind == "lexis" else "*" * level
        first_value = chain[0][1]
        if (
            cite is not None
            and not cite.database
            and cite.page.isdigit()
            and int(cite.page) <= first_value
        ):
            before: str | None = cite.page
        else:
            before = str(first_value - 1) if first_value > 1 else None
        runs.extend(_runs(name, [(p, str(v)) for p, v in chain], n, before))
    return tuple(runs)


# ---------------------------------------------------------------------------------------------
# Identity and parts

_VS_LINE = re.compile(r"^(?P<a>.+?)\s+vs?\.\s+(?P<b>.+)$")
_PARTY_TAIL = re.compile(
    r"(?:,?\s+(?:aka|a/k/a|et\s+al\b|individually)|,\s*(?:the\s+)?(?:Plaintiffs?|Defendants?|Petitioners?|"
    r"Respondents?|Appellants?|Appellees?|Cross-|Claimants?|Movants?|Intervenors?|Debtors?)\b|\d+\s*$).*$",
    re.I | re.S,
)
_DESIGNATION = re.compile(
    r"^(?:(?:Plaintiffs?|Defendants?|Petitioners?|Respondents?|Appellants?|Appellees?|Cross|and|,)[\s/,.-]*)+$",
    re.I,
)
_CORPORATE = re.compile(
    r"^\s*(?:Inc|Co|Corp|LLC|L\.\s?L\.\s?C|LLP|Ltd|L\.\s?P|N\.\s?A|P\.\s?C|PBC|S\.\s?A|AG|GmbH|PLC)\b",
    re.I,
)
_GOVERNMENT = {
    "unitedstates",
    "people",
    "state",
    "commonwealth",
    "unitedstatesofamerica",
    "thepeople",
}
_KEEP_UPPER = {
    "LLC",
    "LLP",
    "PBC",
    "USA",
    "NLRB",
    "BNSF",
    "EEOC",
    "II",
    "III",
    "IV",
    "TCA",
    "DMCA",
    "AI",
    "TC",
    "SW",
}


# Patterns used line by line or word by word, compiled once (re's cache lookup costs a call).
_LEADING_NUMBER = re.compile(r"^\d+\s+(?=[A-Z])")
_ABBREVIATION_END = re.compile(r"\b(?:Inc|Co|Corp|Ltd|Jr|Sr|Dist|Cal|Bros)\.$", re.I)
_NON_LETTERS = re.compile(r"[^A-Za-z]")
_VOWEL = re.compile(r"[AEIOUY]")
_LINE_NUMBER = re.compile(r"\s{3,}\d{1,3}$")
_NOT_A_CAPTION = re.compile(r"^(?:See\b|NOTE\b|Cite as\b|\(Slip\b|\*)")
_NUMBER_BEFORE_NAME = re.compile(r"\d{2,}\s+[A-Z]")
_IN_RE = re.compile(r"^(?:In re:?|IN RE:?|Appeal of|Matter of|In the Matter of)\s+\S")


def _tidy_party(party: str) -> str:
    party = _LEADING_NUMBER.sub("", " ".join(party.split()))
    party = _PARTY_TAIL.sub("", party).strip(" ,;:")
    first, comma, rest = party.partition(",")
    if comma and not _CORPORATE.match(rest):
        party = first
    if not _ABBREVIATION_END.search(party):
        party = party.rstrip(".")
    words = []
    for w in party.split():
        core = _NON_LETTERS.sub("", w)
        if not core.isupper() or core in _KEEP_UPPER or (len(core) == 1) or not _VOWEL.search(core):
            words.append(w)
        elif w.lower() in {"of", "the", "and", "for", "in", "on", "de"} and words:
            words.append(w.lower())
        else:
            words.append("-".join(p[:1] + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def _neighbour(lines: list[str], i: int, step: int) -> str:
    """The nearest non-blank line from ``i`` in direction ``step`` that is not a designation."""
    j = i + step
    while 0 <= j < len(lines):
        s = lines[j].strip()
        if s and not _DESIGNATION.match(s):
            return s
        j += step
    return ""


def _party_block(lines: list[str], i: int) -> str:
    """The first line of the party list that ends just above line ``i`` (a "v." line)."""
    j = i - 1
    while j >= 0 and (not lines[j].strip() or _DESIGNATION.match(lines[j].strip())):
        j -= 1
    while j > 0 and (
        lines[j].strip().lower().startswith("and ") or lines[j - 1].rstrip().endswith(",")
    ):
        if not lines[j - 1].strip():
            break
        j -= 1
    return lines[j].strip() if j >= 0 else ""


def infer_case_name(text: str) -> str:
    """The case name from a caption: "A v. B" on one line, or "A" / "v." / "B" on three.

    >>> infer_case_name("114 S.Ct. 1164\\nCourt\\nLuther CAMPBELL, et al., Petitioners,\\n"
    ...                 "v.\\nACUFF-ROSE MUSIC, INC.\\n")
    'Luther Campbell v. Acuff-Rose Music, Inc.'
    >>> infer_case_name("ANDREA BARTZ, CHARLES GRAEBER,\\nPlaintiffs,\\n  v.\\n\\n"
    ...                 "ANTHROPIC PBC,\\nDefendant.")
    'Andrea Bartz v. Anthropic PBC'
    """
    lines = text[:6000].split("\n")[:60]
    for i, line in enumerate(lines):
        s = line.strip()
        if s[-1:].isdigit():  # a pleading-paper line number can only end a line with a digit
            s = _LINE_NUMBER.sub("", s)
        if _NOT_A_CAPTION.match(s) or len(s) > 400 or (_DIGIT.search(s) and is_cite_line(s)):
            continue
        if s in {"v.", "v", "vs.", "V."} or (s.endswith(" v.") and len(s) > 3):
            a = s[:-3] if s.endswith(" v.") else _party_block(lines, i)
            b = _neighbour(lines, i, 1)
            if a and b:
                return f"{_tidy_party(a)} v. {_tidy_party(b)}"
        m = _VS_LINE.match(s) if "v" in s else None
        if m and not _NUMBER_BEFORE_NAME.search(s) and not s.endswith(","):
            return f"{_tidy_party(m['a'])} v. {_tidy_party(m['b'])}"
        m = _IN_RE.match(s)
        if m and len(s) < 200:
            return _tidy_party(s)
    return ""


_ORGANISATION = {
    "Corporation",
    "Company",
    "Development",
    "Records",
    "Publishing",
    "Products",
    "Guild",
    "Foundation",
    "Enterprises",
    "Services",
    "Board",
    "Department",
    "District",
    "Bank",
    "Partners",
    "Films",
    "Association",
    "Society",
    "Group",
    "Holdings",
    "University",
    "School",
    "Schools",
    "Insurance",
    "Trust",
    "Authority",
    "County",
    "City",
    "Television",
    "Industries",
    "Systems",
    "Music",
    "Press",
    "Times",
    "News",
    "Inc",
    "Co",
    "Corp",
    "Ltd",
    "Publications",
    "Publishers",
    "Bros",
    "Agency",
    "Commission",
}


def _short_of(party: str) -> str:
    """Bluebook-style short name of one party: a person's surname, else the first word."""
    party = re.sub(r"^(?:In re:?|Appeal of|Matter of|In the Matter of)\s+", "", party, flags=re.I)
    party = re.sub(r"^The\s+", "", party.split(" and ")[0].strip(" ,."))
    words = [
        w for w in party.replace(",", " ").split() if w.strip(".") not in {"Jr", "Sr", "II", "III"}
    ]
    if not words:
        return ""
    person = 2 <= len(words) <= 4 and all(
        re.fullmatch(r"[A-Z][a-z'\u2019-]+|[A-Z]\.(?:[A-Z]\.)*", w) for w in words
    )
    if person and not set(words) & _ORGANISATION:
        return words[-1]
    return words[0].strip(",.")


def derive_names(case_name: str, short_name: str = "") -> tuple[str, tuple[str, ...]]:
    """A short name and the name keys (compact) a short-form citation may use.

    >>> derive_names("Campbell v. Acuff-Rose Music, Inc.")
    ('Campbell', ('campbell', 'acuffrosemusicinc', 'acuffrose'))
    >>> derive_names("United States v. Bryant")[0], derive_names("In re Ronald M. Tamecki")[0]
    ('Bryant', 'Tamecki')
    """
    parties = [p.strip() for p in re.split(r"\s+vs?\.?\s+", case_name, maxsplit=1) if p.strip()]
    keys: list[str] = []
    derived = ""
    for party in parties:
        key = compact(party)
        if not key or key in _GOVERNMENT or key.startswith("peopleof"):
            continue
        short = _short_of(party)
        if not derived:
            derived = short
        keys.append(key)
        if compact(short) not in _GOVERNMENT:
            keys.append(compact(short))
    short = short_name or derived
    out = [compact(short)] if compact(short) else []
    for k in keys:
        if k not in out and len(k) > 1:
            out.append(k)
    return short, tuple(out)


# A citation has a volume and a page: a line without a digit is no cite line.
_DIGIT = re.compile(r"\d")
_ALL_CITATIONS = re.compile(r"All Citations[ \t]*\n+(?P<line>[^\n]+)")


def _line_starts_with(text: str, words: tuple[str, ...]) -> list[int]:
    """Positions, in order, of the lines of ``text`` that begin with one of ``words`` (each once).

    ``str.find`` (one word) or a regex whose every match begins with a line break (several
    words: one pass) runs at memory speed, where a ``^``-anchored multi-line regex tries every
    position of a long opinion.

    >>> _line_starts_with("Opinion\\nNo Opinion\\nOpinion of", ("Opinion",))
    [0, 19]
    >>> _line_starts_with("Footnotes\\nx\\nAll Citations\\nFootnotes", ("All Citations", "Foot"))
    [0, 12, 26]
    """
    out: list[int] = [0] if text.startswith(words) else []
    if len(words) == 1:
        # Only line starts are visited: the word inside a line costs no Python step.
        needle = "\n" + words[0]
        i = text.find(needle)
        while i != -1:
            out.append(i + 1)
            i = text.find(needle, i + 1)
        return out
    out.extend(m.start() + 1 for m in _after_line_break(words).finditer(text))
    return out


@cache
def _after_line_break(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("\n(?:" + "|".join(re.escape(w) for w in words) + ")")


def own_cites(text: str) -> tuple[ReporterCite, ...]:
    """The citations a text gives for itself: caption cite lines, Lexis "Reporter", "All Citations".

    >>> [str(c) for c in own_cites("138 U.S. 109\\n11 S.Ct. 283\\nREAGAN v. AIKEN\\n")]
    ['138 U.S. 109', '11 S. Ct. 283']
    """
    found: list[ReporterCite] = []
    head = text[:3000].split("\n")[:15]
    for line in head:
        if _DIGIT.search(line) and is_cite_line(line):
            found.extend(cites_in_line(line))
    m = _reporter_line(text)
    if m:
        for piece in m["line"].split(";"):
            cite = parse_cite(re.sub(r"\s*\([^)]*\)", "", piece.replace("*", "")))
            if cite is not None:
                found.append(cite)
    for start in _line_starts_with(text, ("All Citations",)):
        m = _ALL_CITATIONS.match(text, start)
        if m:
            found.extend(cites_in_line(m["line"]))
    seen: dict[str, ReporterCite] = {}
    for c in found:
        seen.setdefault(c.key, c)
    return tuple(seen.values())


_PART_LINE = re.compile(
    r"^(?:(?:Chief\s+)?Justice|JUSTICE|MR\.\sJUSTICE|Mr\.\sJustice|CHIEF\sJUSTICE)"
    r"\s+[A-Z][^\n]{0,100}?"
    r"(?:(?P<kind>delivered the opinion of the Court)|,\s+(?P<kind3>concurring|dissenting))"
    r"[^\n.]{0,60}\.?$"
    r"|^[A-Z][A-Za-z .'\u2019-]{1,60},\s+"
    r"(?:J\.|C\.\s?J\.|(?:Senior\s+|Chief\s+)?(?:Circuit\s+|District\s+)?Judge)"
    r"(?:,\s+(?:Senior\s+|Chief\s+)?(?:Circuit|District)\s+Judge)?"
    r"(?:,\s+with whom[^\n]{0,100}?)?,\s+(?P<kind2>concurring|dissenting)"
    r"(?: in part| in the judgment| in part and (?:concurring|dissenting) in part)*[.:]?$"
    r"|^(?P<opinion>Opinion|OPINION)$"
    r"|^(?P<syllabus>Syllabus)$"
    r"|^(?P<percuriam>PER CURIAM\.?|Per Curiam\.?)$",
    re.M,
)


_TAIL = re.compile(r"(?:All Citations|Footnotes)[ \t]*$", re.M)
# Every heading _PART_LINE matches holds one of these; a heading may run over a few lines.
_PART_WORDS = ("concurring", "dissenting", "delivered the opinion of the Court")
_PART_HEADS = ("Opinion", "OPINION", "Syllabus", "PER CURIAM", "Per Curiam")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _part_lines(text: str) -> list[re.Match[str]]:
    """The matches of ``_PART_LINE.finditer(text)``, trying only lines near its key words.

    >>> [m["kind2"] for m in _part_lines("Text.\\nSMITH, Circuit Judge,\\ndissenting.\\nMore.")]
    ['dissenting']
    """
    starts = set(_line_starts_with(text, _PART_HEADS))
    for word in _PART_WORDS:
        i = text.find(word)
        while i != -1:
            line = text.rfind("\n", 0, i) + 1
            for _ in range(6):  # the key word's line and the five before it
                starts.add(line)
                if line == 0:
                    break
                line = text.rfind("\n", 0, line - 1) + 1
            i = text.find(word, i + 1)
    out: list[re.Match[str]] = []
    end = 0
    for start in sorted(starts):
        # Every heading begins with a capital letter: other lines are not tried.
        if start < end or text[start : start + 1] not in _CAPITALS:
            continue
        m = _PART_LINE.match(text, start)
        if m:
            out.append(m)
            end = m.end()
    return out


def _kind_of(label: str) -> str:
    low = label.lower()
    if "dissent" in low:
        return "dissent"
    if "concur" in low:
        return "concurrence"
    if "syllabus" in low:
        return "syllabus"
    return "majority"


# Slip opinion page headers naming the part the page belongs to.
_SLIP_MAJORITY = re.compile(r"Opinion of the Court|Per Curiam|PER CURIAM|Opinion of [A-Z]+, J\.")
_SLIP_SEPARATE = re.compile(r"[A-Z][A-Za-z'., ]{1,60}J\.,? [^\n]*(?:concurring|dissenting)[^\n]*")


def detect_parts(markup: Markup, pdf_runs: tuple[PageRun, ...]) -> tuple[SourcePart, ...]:
    """Opinion parts: ``[opinion type=...]`` lines, slip page headers, or Westlaw-style headings.

    Text before the first part is the caption; end-of-document footnotes belong to no part.
    """
    text = markup.text
    starts: list[tuple[int, str]] = []
    if markup.opinions:
        starts = [(p, _kind_of(t)) for p, t in markup.opinions]
    elif pdf_runs and len(pdf_runs) > 1:
        for run in pdf_runs:
            head = [
                ln.strip()
                for ln in _first_lines(text, run.span.start, run.span.end, 8)
                if ln.strip()
            ]
            for ln in head[:4]:
                if ln == "Syllabus":
                    kind = "syllabus"
                elif _SLIP_MAJORITY.fullmatch(ln):
                    kind = "majority"
                elif _SLIP_SEPARATE.fullmatch(ln):
                    kind = _kind_of(ln)
                else:
                    continue
                if not starts or starts[-1][1] != kind:
                    starts.append((run.span.start, kind))
                break
    else:
        for m in _part_lines(text):
            if m["syllabus"]:
                kind = "syllabus"
            elif m["opinion"] or m["percuriam"]:
                kind = "majority"
            else:
                kind = _kind_of(m["kind"] or m["kind2"] or m["kind3"] or "")
            if not starts or starts[-1][1] != kind:
                starts.append((m.start(), kind))
    if not starts:
        return ()
    end_all = len(text)
    tail = next(
        (
            i
            for i in _line_starts_with(text, ("All Citations", "Footnotes"))
            if _TAIL.match(text, i)
        ),
        None,
    )
    if tail is not None and tail > starts[-1][0]:
        end_all = tail
    parts: list[SourcePart] = []
    if starts[0][0] > 0:
        parts.append(SourcePart("caption", Span(0, starts[0][0])))
    for i, (p, kind) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else end_all
        if end > p:
            parts.append(SourcePart(kind, Span(p, end)))
    return tuple(parts)


def analyze(
    raw: RawSource,
    *,
    document: str,
    entry: ManifestEntry | None = None,
    extra_cites: tuple[str, ...] = (),
) -> Analysis:
    """Turn a file's marked text into its ``SourceText`` and identity.

    Args:
        raw: the file as read by ``read_source``.
        document: the document id (file name without extension).
        entry: the manifest row for this file, if any; its values win.
        extra_cites: citations given on the command line (``corpus add --cite``).

    Returns:
        The reading text with pages, footnotes and parts, and the names, citations and dockets.

    Example:
        >>> a = analyze(RawSource("510 U.S. 569\\nA v. B\\nText *570 more.", "text"), document="a")
        >>> a.source.text, [(p.pagination, p.label) for p in a.source.pages]
        ('510 U.S. 569\\nA v. B\\nText more.', [('U.S.', '569'), ('U.S.', '570')])
    """
    markup = strip_markers(raw.text)
    text = markup.text
    cite_texts: list[str] = list(entry.cites if entry and entry.cites else ())
    cites: list[ReporterCite] = [c for c in (parse_cite(s) for s in cite_texts) if c is not None]
    for c in (*(parse_cite(s) for s in (*raw.cites, *extra_cites)), *own_cites(text)):
        if c is not None and all(c.key != o.key for o in cites):
            cites.append(c)
    cite_tuple = tuple(cites)
    pages = paginate(markup, spec=entry.pages if entry else None, cites=cite_tuple)
    dockets = list(entry.dockets if entry and entry.dockets else ())
    if not dockets:
        dockets.extend(raw.dockets)
        dockets.extend(d for d in find_dockets(text[:4000]) if d not in dockets)
    case_name = (
        (entry.case_name if entry and entry.case_name else "")
        or raw.case_name
        or infer_case_name(text)
    )
    short, names = derive_names(case_name, entry.short_name if entry else "")
    pdf_runs = tuple(r for r in pages if r.pagination == "pdf")
    source = SourceText(
        document=document,
        text=text,
        case_name=case_name,
        citations=tuple(str(c) for c in cite_tuple),
        pages=pages,
        footnotes=markup.footnotes,
        parts=detect_parts(markup, pdf_runs),
    )
    return Analysis(source, short, cite_tuple, tuple(dockets), names)
