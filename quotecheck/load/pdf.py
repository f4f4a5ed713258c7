"""Read PDF briefs and opinions with pypdf.

In: a path to a PDF. Out: ``pdf_page_texts`` gives each page's plain text (for
ingesting PDF opinions); ``load_pdf`` gives a ``Document``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotecheck.errors import DocumentLoadError
from quotecheck.load._assemble import LineRec, ParaRec, Run, assemble
from quotecheck.models import Document

log = logging.getLogger(__name__)


def _pdf_errors() -> tuple[type[Exception], ...]:
    """What pypdf raises on a damaged file: its own errors and some built-in ones."""
    from pypdf.errors import PyPdfError

    return (PyPdfError, *_BUILTIN_ERRORS)


# A damaged file can make pypdf's parser fail with any of these.
_BUILTIN_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    AssertionError,
    RecursionError,
)


def _open_reader(path: Path) -> Any:
    """Open ``path`` with pypdf, decrypting with the empty password when needed.

    Raises:
        DocumentLoadError: missing, not a PDF, truncated, or encrypted with a
            real password.
    """
    from pypdf import PdfReader

    if not path.is_file():
        raise DocumentLoadError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise DocumentLoadError(f"{path}: the file is empty")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise DocumentLoadError(f"{path}: not a PDF (no %PDF header)")
    with path.open("rb") as fh:
        fh.seek(max(path.stat().st_size - 4096, 0))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise DocumentLoadError(f"{path}: the PDF is truncated (no %%EOF at its end)")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except _pdf_errors() + (NotImplementedError,) as exc:
                raise DocumentLoadError(
                    f"{path}: the PDF is encrypted and cannot be decrypted ({exc}); "
                    "save an unprotected copy and try again"
                ) from exc
            if not ok:
                raise DocumentLoadError(
                    f"{path}: the PDF is password-protected; save an unprotected copy and try again"
                )
        n = len(reader.pages)
    except DocumentLoadError:
        raise
    except _pdf_errors() as exc:
        raise DocumentLoadError(
            f"{path}: the PDF is damaged or truncated ({type(exc).__name__}: {exc})"
        ) from exc
    if n == 0:
        raise DocumentLoadError(f"{path}: the PDF has no pages (damaged or truncated?)")
    return reader


def pdf_page_texts(path: Path) -> tuple[str, ...]:
    """Return the plain text of each page of a PDF, as pypdf's ``extract_text`` has it.

    Args:
        path: the PDF file.

    Returns:
        One string per page, in page order.

    Raises:
        DocumentLoadError: the file is missing, empty, not a PDF, truncated,
            encrypted with a password, or has no text layer (a scan).

    >>> pdf_page_texts(Path("missing.pdf"))
    Traceback (most recent call last):
    ...
    quotecheck.errors.DocumentLoadError: missing.pdf: no such file
    """
    reader = _open_reader(path)
    texts: list[str] = []
    try:
        for page in reader.pages:
            texts.append(page.extract_text() or "")
    except _pdf_errors() as exc:
        raise DocumentLoadError(
            f"{path}: the PDF is damaged or truncated ({type(exc).__name__}: {exc})"
        ) from exc
    if not any(t.strip() for t in texts):
        raise DocumentLoadError(
            f"{path}: the PDF has no text layer (a scanned image?); run OCR on it first"
        )
    return tuple(texts)


# ---------------------------------------------------------------------------------------------
# Layout reading: positioned text items -> lines -> paragraphs and footnotes


@dataclass(slots=True)
class _Item:
    """A piece of text as pypdf's visitor reports it, in page coordinates."""

    x: float
    y: float
    size: float
    text: str
    italic: bool
    bold: bool
    sup: bool = False  # raised and small: a footnote call or a note's label


@dataclass(slots=True)
class _Rule:
    """A thin horizontal line drawn on the page (separator, underline)."""

    x0: float
    x1: float
    y: float


@dataclass(slots=True)
class _PLine:
    """A visual line of one page."""

    y: float
    items: list[_Item]
    page: int
    number: int | None = None
    runs: list[Run] = field(default_factory=list)
    x0: float = 0.0
    right: float = 0.0
    bold: bool = False
    size: float = 0.0
    toc: bool = False

    @property
    def text(self) -> str:
        """The line's characters."""
        return "".join(r.text for r in self.runs)


@dataclass(slots=True)
class _RawPage:
    """What the visitor collected on one page."""

    items: list[_Item]
    rules: list[_Rule]
    height: float
    width: float


_ECF = re.compile(r"^\s*Case\s+\S+\s+Document\s+\S+.*\bPage\s*\d+\s+of\s+\d+", re.I)
_PAGE_NO = re.compile(
    r"^\s*(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-\u2013\u2014]?\s*$", re.I
)
_TOC_HEAD = re.compile(
    r"^\s*(?:table\s+of\s+(?:contents|authorities)|index\s+of\s+authorities|contents)\s*$",
    re.I,
)
_LEADER = re.compile(r"(?:\s*\.){5,}\s*|(?:\s*\u2026){2,}\s*")
_TOC_TAIL = re.compile(
    r"(?:\.{4,}|\.\s\.\s\.\s\.)\s*(?:\d[\d,\s\-\u2013n.]*|passim|[ivxlc]+)\s*$", re.I
)
_WORD = re.compile(r"[A-Za-z]+")

_UPPER = 0.68
_LOWER = 0.47
_NARROW = 0.27


def _char_em(c: str) -> float:
    """A rough advance width in ems for a Times-like serif face (no metrics needed)."""
    if c == " ":
        return 0.25
    if c in ".,;:'\u2019\u2018!|()[]il":
        return _NARROW
    if c in "mwMW\u2014":
        return 0.85
    if c.isupper():
        return _UPPER
    if c.isdigit():
        return 0.5
    return _LOWER


def _width(text: str, size: float) -> float:
    return sum(_char_em(c) for c in text) * size


def _font_style(font: Any) -> tuple[bool, bool]:
    """Italic and bold from a font dictionary: its name first, then its descriptor."""
    if not font:
        return False, False
    try:
        name = str(font.get("/BaseFont", ""))
        desc = font.get("/FontDescriptor")
        if desc is None and "/DescendantFonts" in font:
            desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        desc = desc.get_object() if desc is not None else None
    except Exception:  # a malformed font must not stop the reading
        return False, False
    low = name.lower().split("+")[-1]
    italic = any(k in low for k in ("italic", "oblique", "-it", ",it")) or low.endswith("it")
    bold = any(k in low for k in ("bold", "black", "heavy", "semibold", "demi"))
    if desc is not None:
        try:
            flags = int(desc.get("/Flags", 0))
            angle = float(desc.get("/ItalicAngle", 0))
            weight = float(desc.get("/FontWeight", 400))
        except (TypeError, ValueError):
            flags, angle, weight = 0, 0.0, 400.0
        italic = italic or bool(flags & 64) or abs(angle) > 1
        bold = bold or bool(flags & (1 << 18)) or weight >= 600
    return italic, bold


def _collect(page: Any) -> _RawPage:
    """Run pypdf's text visitor over ``page``: positioned items and thin horizontal rules."""
    items: list[_Item] = []
    rules: list[_Rule] = []
    path: list[tuple[float, float]] = []
    styles: dict[int, tuple[bool, bool]] = {}

    def visit_text(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        text = text.replace("\n", "").replace("\r", "")
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
        key = id(font)
        if key not in styles:
            styles[key] = _font_style(font)
        italic, bold = styles[key]
        items.append(_Item(x, y, float(size) * scale, text, italic, bold))

    def visit_op(op: bytes, args: Any, cm: Any, tm: Any) -> None:
        def pt(px: float, py: float) -> tuple[float, float]:
            return (px * cm[0] + py * cm[2] + cm[4], px * cm[1] + py * cm[3] + cm[5])

        try:
            if op in (b"m", b"l") and len(args) >= 2:
                path.append(pt(float(args[0]), float(args[1])))
            elif op == b"re" and len(args) >= 4:
                x, y, w, h = (float(a) for a in args[:4])
                path.extend([pt(x, y), pt(x + w, y + h)])
            elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
                if path:
                    xs = [p[0] for p in path]
                    ys = [p[1] for p in path]
                    if max(ys) - min(ys) <= 2.5 and max(xs) - min(xs) >= 6:
                        rules.append(_Rule(min(xs), max(xs), (max(ys) + min(ys)) / 2))
                path.clear()
            elif op == b"n":
                path.clear()
        except (TypeError, ValueError):
            path.clear()

    page.extract_text(visitor_text=visit_text, visitor_operand_before=visit_op)
    box = page.mediabox
    return _RawPage(items, rules, float(box.height), float(box.width))


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    counts = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0])


@dataclass(slots=True)
class _Geometry:
    """Document-wide layout: body column, body font size, pleading grid."""

    left: float
    right: float
    size: float
    pitch: float
    grid_top: float | None  # baseline of margin line 1, when the pages are numbered
    grid_pitch: float | None
    grid_max: int | None


def _margin_numbers(raw: _RawPage, left: float) -> dict[int, float]:
    """Margin line numbers on a page: number -> baseline (left of the body column)."""
    out: dict[int, float] = {}
    for it in raw.items:
        t = it.text.strip()
        if t.isdigit() and len(t) <= 2 and it.x < left - 4 and int(t) >= 1:
            out.setdefault(int(t), it.y)
    # a pleading column counts up from 1 downwards; keep it only if it looks like one
    if len(out) < 3 or 1 not in out:
        return {}
    return out


def _geometry(pages: list[_RawPage]) -> _Geometry:
    starts: list[float] = []
    sizes: Counter[float] = Counter()
    for raw in pages:
        for it in raw.items:
            if len(it.text.strip()) >= 12:
                starts.append(it.x)
            sizes[round(it.size, 1)] += len(it.text)
    left = _mode(starts, 72.0)
    size = sizes.most_common(1)[0][0] if sizes else 12.0
    rights = sorted(
        it.x + _width(it.text.rstrip(), it.size)
        for r in pages
        for it in r.items
        if it.x >= left - 2
    )
    right = rights[int(len(rights) * 0.97)] if rights else left + 468
    tops: list[float] = []
    pitches: list[float] = []
    maxes: list[int] = []
    for raw in pages:
        nums = _margin_numbers(raw, left)
        if nums:
            tops.append(nums[1])
            ks = sorted(nums)
            pitches.extend((nums[a] - nums[b]) / (b - a) for a, b in zip(ks, ks[1:], strict=False))
            maxes.append(max(nums))
    grid_pitch = sorted(pitches)[len(pitches) // 2] if pitches else None
    return _Geometry(
        left=left,
        right=max(right, left + 100),
        size=float(size),
        pitch=grid_pitch or float(size) * 2,
        grid_top=_mode(tops, 0.0) if tops else None,
        grid_pitch=grid_pitch,
        grid_max=max(maxes) if maxes else None,
    )


def _group_lines(items: list[_Item], body_size: float, page: int) -> list[_PLine]:
    """Cluster items into visual lines by baseline; attach raised small items (calls)."""
    normal = [i for i in items if i.size >= body_size * 0.8 or not i.text.strip().isdigit()]
    small = [i for i in items if i not in normal]
    lines: list[_PLine] = []
    for it in sorted(normal, key=lambda i: (-i.y, i.x)):
        if lines and abs(lines[-1].y - it.y) <= max(1.5, it.size * 0.2):
            lines[-1].items.append(it)
        else:
            lines.append(_PLine(it.y, [it], page))
    for it in small:
        # a raised number belongs to the line whose baseline lies a little below it
        best = None
        for ln in lines:
            dy = it.y - ln.y
            if -1.0 <= dy <= body_size * 0.75 and (best is None or abs(dy) < abs(it.y - best.y)):
                best = ln
        if best is None:
            lines.append(_PLine(it.y, [it], page))
        else:
            it.sup = it.y - best.y > 0.5 or it.size < body_size * 0.8
            best.items.append(it)
    lines.sort(key=lambda ln: -ln.y)
    return lines


def _build_runs(line: _PLine, geo: _Geometry, underlines: list[_Rule]) -> None:
    """Turn a line's items into runs: spaces where the layout leaves gaps, calls, underline."""
    items = sorted(line.items, key=lambda i: i.x)
    runs: list[Run] = []
    prev_end: float | None = None
    prev_text = ""
    for it in items:
        if it.sup:
            runs.append(Run("", call=it.text.strip()))
            prev_end = it.x + _width(it.text, it.size)
            continue
        text = it.text
        if (
            prev_end is not None
            and prev_text
            and not prev_text.endswith(" ")
            and not text.startswith(" ")
            and it.x - prev_end > it.size * 0.2
        ):
            text = " " + text
        under = any(
            r.x0 <= it.x + 1 and r.x1 >= it.x + _width(it.text.rstrip(), it.size) * 0.8
            for r in underlines
        )
        runs.append(Run(text, it.italic, it.bold, under))
        prev_end = it.x + _width(it.text, it.size)
        prev_text = text
    line.runs = runs
    visible = [i for i in items if i.text.strip() and not i.sup]
    if visible:
        first = visible[0]
        lead = len(first.text) - len(first.text.lstrip())
        line.x0 = first.x + _width(first.text[:lead], first.size)
        last = visible[-1]
        line.right = last.x + _width(last.text.rstrip(), last.size)
        chars = [(i.bold, len(i.text.strip())) for i in visible]
        line.bold = all(b for b, n in chars if n)
        line.size = max(i.size for i in visible)


def _line_number(y: float, nums: dict[int, float], geo: _Geometry) -> int | None:
    """The pleading line number printed beside baseline ``y`` (or the nearest grid line)."""
    for n, ny in nums.items():
        if abs(ny - y) <= 3:
            return n
    if nums and len(nums) >= 2:
        ref_n = min(nums)
        ref_y = nums[ref_n]
        pitch = geo.grid_pitch or geo.pitch
        top_limit = max(nums)
    elif geo.grid_top is not None and geo.grid_pitch:
        ref_n, ref_y, pitch = 1, geo.grid_top, geo.grid_pitch
        top_limit = geo.grid_max or 28
    else:
        return None
    n = ref_n + round((ref_y - y) / pitch)
    limit = max(top_limit, geo.grid_max or 0)
    if 1 <= n <= limit:
        return n
    return None


def _is_full(line: _PLine, geo: _Geometry) -> bool:
    """Whether a line runs (nearly) to the right edge, so the paragraph may go on."""
    if line.text.rstrip().endswith("-"):
        return True
    return line.right >= geo.right - 0.2 * (geo.right - geo.left)


def _is_centered(line: _PLine, geo: _Geometry) -> bool:
    mid = (geo.left + geo.right) / 2
    margin = 0.1 * (geo.right - geo.left)
    return (
        line.x0 > geo.left + margin
        and line.right < geo.right - margin
        and abs((line.x0 + line.right) / 2 - mid) < 15
    )


def _split_page(raw: _RawPage, page: int, geo: _Geometry) -> tuple[list[_PLine], list[_PLine]]:
    """One page's body lines and footnote lines, furniture removed, runs and numbers set."""
    nums = _margin_numbers(raw, geo.left)
    items = [
        it
        for it in raw.items
        if not (it.x < geo.left - 4 and (not it.text.strip() or it.text.strip().isdigit()))
    ]
    lines = _group_lines(items, geo.size, page)
    if geo.grid_top is not None and geo.grid_pitch:
        top = geo.grid_top + geo.grid_pitch * 0.75
        bottom = geo.grid_top - ((geo.grid_max or 28) - 1 + 0.75) * geo.grid_pitch
    else:
        top, bottom = raw.height - 40, 30.0
    kept: list[_PLine] = []
    for ln in lines:
        text = "".join(i.text for i in ln.items)
        if not text.strip() or _ECF.match(text) or ln.y > top or ln.y < bottom:
            continue
        kept.append(ln)
    # a lone page number at the top or bottom of the page is furniture
    for end in (0, -1):
        if len(kept) > 1:
            ln = kept[end]
            nb = kept[1] if end == 0 else kept[-2]
            text = "".join(i.text for i in ln.items)
            if _PAGE_NO.match(text) and abs(ln.y - nb.y) > geo.size * 1.4:
                kept.pop(end)
    if not kept:
        return [], []
    # footnote separator: a short rule at the left of the column with text below it and no
    # text sitting right on it (that would be an underline)
    sep: _Rule | None = None
    for r in sorted(raw.rules, key=lambda r: -r.y):
        if (
            abs(r.x0 - geo.left) < 14
            and r.x1 - r.x0 < 0.6 * (geo.right - geo.left)
            and any(ln.y < r.y - 2 for ln in kept)
            and any(ln.y > r.y + geo.size for ln in kept)
            and not any(0 <= ln.y - r.y <= geo.size * 0.4 for ln in kept)
        ):
            sep = r
            break
    if sep is not None:
        body = [ln for ln in kept if ln.y > sep.y]
        notes = [ln for ln in kept if ln.y < sep.y]
    else:
        k = len(kept)
        while k > 0 and max(i.size for i in kept[k - 1].items) < geo.size * 0.9:
            k -= 1
        tail = kept[k:]
        starts_note = bool(tail) and (
            any(i.sup for i in tail[0].items) or tail[0].items[0].text.strip()[:1].isdigit()
        )
        body, notes = (kept[:k], tail) if starts_note and k > 0 else (kept, [])
    underlines = [r for r in raw.rules if r is not sep]
    for ln in kept:
        mine = [r for r in underlines if 0 < ln.y - r.y <= max(ln.items[0].size * 0.35, 2.5)]
        _build_runs(ln, geo, mine)
    if geo.grid_top is not None:
        for ln in kept:
            ln.number = _line_number(ln.y, nums, geo)
    else:
        for k, ln in enumerate(kept, 1):
            ln.number = k
    return body, notes


def _dehyphenate(paras: list[ParaRec], counts: Counter[str], compounds: set[str]) -> None:
    """Join a word broken at a line end, dropping the hyphen only for a known word.

    The hyphen goes when the joined word occurs elsewhere; it stays, with the lines joined
    without a break, for a real compound, a number ("No. 15-" / "537") or a dash.
    """
    for para in paras:
        for a, b in zip(para.lines, para.lines[1:], strict=False):
            at, bt = a.text.rstrip(), b.text.lstrip()
            if not (
                len(at) >= 2 and at[-1] in "-\u2013\u2014" and at[-2].isalnum() and bt[:1].isalnum()
            ):
                continue
            drop = False
            left = re.search(r"[A-Za-z]+-$", at)
            right = re.match(r"[a-z]+", bt)
            if left and right:
                lw, rw = left.group()[:-1].lower(), right.group().lower()
                drop = f"{lw}-{rw}" not in compounds and counts[lw + rw] > 0
            if drop:
                for run in reversed(a.runs):
                    if run.text.rstrip():
                        run.text = run.text.rstrip()[:-1]
                        break
            else:
                for run in reversed(a.runs):
                    if run.text.strip():
                        run.text = run.text.rstrip()
                        break
            # move the rest of the word (with its punctuation) up
            moved: list[Run] = []
            while b.runs:
                run = b.runs[0]
                if run.call is not None:
                    moved.append(b.runs.pop(0))
                    continue
                text = run.text.lstrip() if not moved else run.text
                cut = len(text) - len(text.lstrip()) if not text[:1].strip() else 0
                m = re.match(r"\S*", text[cut:])
                word = m.group() if m else ""
                moved.append(Run(word, run.italic, run.bold, run.underline))
                rest = text[len(word) :]
                if rest:
                    run.text = rest
                    break
                b.runs.pop(0)
            a.runs.extend(moved)


def _line_rec(ln: _PLine) -> LineRec:
    return LineRec(ln.runs, ln.page, ln.number)


def _starts_paragraph(
    prev: _PLine, ln: _PLine, cont_x: float, pitch: float, geo: _Geometry
) -> bool:
    """Whether ``ln`` starts a new paragraph after ``prev`` (``cont_x``: where lines go on)."""
    if ln.toc or prev.toc:
        return (
            ln.toc != prev.toc
            or bool(_TOC_TAIL.search(prev.text))
            or bool(_TOC_HEAD.match(prev.text))
            or prev.bold != ln.bold
        )
    if ln.bold != prev.bold:
        return True
    if ln.bold:
        return not _is_full(prev, geo) or prev.page != ln.page
    if prev.page == ln.page and prev.y - ln.y > pitch * 1.45:
        return True  # a blank line or extra spacing between paragraphs
    if abs(ln.x0 - cont_x) > 4:
        return True  # first-line indent, or back out of a block quotation
    if ln.text.lstrip()[:1].islower() and not re.search(r"[.!?:;]\W*$", prev.text):
        return False  # a sentence running on from a line that did not end it
    if cont_x < geo.left + 20 and not _is_full(prev, geo):
        return True  # the previous line stopped short
    # Centred lines (captions, titles) each start at their own x; lines sharing a left edge
    # (a justified block quotation) are not centred, however narrow.
    return (_is_centered(ln, geo) or _is_centered(prev, geo)) and abs(ln.x0 - prev.x0) > 4


def _build_body(pages: list[list[_PLine]], geo: _Geometry) -> list[ParaRec]:
    """Group body lines into paragraphs, across page breaks; mark headings, blocks, TOC."""
    # typical first-line indent and line pitch, learnt from the document itself
    indents: list[float] = []
    gaps: list[float] = []
    toc_mode = False
    for lines in pages:
        leaders = sum(1 for ln in lines if _TOC_TAIL.search(ln.text))
        heads = any(_TOC_HEAD.match(ln.text) for ln in lines)
        toc_mode = heads or (toc_mode and leaders >= 2)
        last_leader = max(
            (k for k, ln in enumerate(lines) if _TOC_TAIL.search(ln.text)), default=-1
        )
        for k, ln in enumerate(lines):
            ln_toc = toc_mode and (heads or k <= last_leader + 1) and k <= max(last_leader, 0) + 1
            if toc_mode and heads and last_leader < 0:
                ln_toc = True
            ln.toc = ln_toc
        for a, b in zip(lines, lines[1:], strict=False):
            gaps.append(a.y - b.y)
            if (
                not a.toc
                and not a.bold
                and geo.left + 5 < a.x0 < geo.left + 80
                and abs(b.x0 - geo.left) < 3
            ):
                indents.append(a.x0)
    indent = _mode(indents, geo.left + 36)
    pitch = _mode([g for g in gaps if g > 0], geo.size * 2)

    paras: list[ParaRec] = []
    cur: list[_PLine] = []
    cont_x = geo.left

    def close() -> None:
        if not cur:
            return
        kind = "body"
        if cur[0].toc:
            kind = "toc"
        elif all(ln.bold for ln in cur):
            kind = "heading"
        elif (
            all(ln.x0 >= geo.left + 20 for ln in cur)
            and (len(cur) >= 2 or cur[0].x0 > indent + 10)
            # A block quotation is indented on both sides, so one line of it may look centred;
            # several lines sharing one left edge are not centred text.
            and (
                len({round(ln.x0) for ln in cur}) == 1
                if len(cur) >= 2
                else not _is_centered(cur[0], geo)
            )
        ):
            kind = "block"
        lines = [_line_rec(ln) for ln in cur]
        if kind == "toc":
            for rec in lines:
                for run in rec.runs:
                    run.text = _LEADER.sub(" ..... ", run.text)
        paras.append(ParaRec(lines, kind))
        cur.clear()

    for lines in pages:
        for ln in lines:
            prev = cur[-1] if cur else None
            new = prev is None
            if prev is not None:
                new = _starts_paragraph(prev, ln, cont_x, pitch, geo)
            if new:
                close()
                cur.append(ln)
                cont_x = geo.left if geo.left + 5 < ln.x0 <= indent + 5 else ln.x0
            else:
                cur.append(ln)
                if len(cur) == 2:
                    cont_x = ln.x0
    close()
    return paras


def _build_notes(pages: list[list[_PLine]]) -> list[ParaRec]:
    """Group footnote lines into one paragraph per note, joining notes continued over pages."""
    notes: list[ParaRec] = []
    for lines in pages:
        for ln in lines:
            runs = list(ln.runs)
            label: str | None = None
            first = next((r for r in runs if r.call is not None or r.text.strip()), None)
            if first is not None and first.call is not None:
                label = first.call
                runs.remove(first)
            elif first is not None:
                m = re.match(r"\s*(\d{1,3})\s+(?=\S)", first.text)
                last = notes[-1].label if notes else None
                expected = str(int(last) + 1) if last and last.isdigit() else "1"
                if m and m.group(1) == expected:
                    label = m.group(1)
                    first.text = first.text[m.end() :]
            runs = [r for r in runs if r.call is None]
            rec = LineRec(runs, ln.page, ln.number)
            if label is not None or not notes:
                notes.append(ParaRec([rec], "note", label or "?"))
            else:
                notes[-1].lines.append(rec)
    return notes


def load_pdf(path: Path) -> Document:
    """Read a PDF brief into a ``Document``: reading text, pages, pleading lines, footnotes.

    Margin line numbers become ``Line.number`` (else lines are counted on each page); ECF
    stamps, running headers, footers and page numbers are dropped; footnotes below the
    separator follow the body, one paragraph each; italic and bold come from the fonts,
    underline from rules drawn under the text.

    Args:
        path: the PDF file.

    Returns:
        The document, with ``format="pdf"``.

    Raises:
        DocumentLoadError: missing, empty, not a PDF, truncated, encrypted with a password,
            or scanned (no text layer).

    >>> load_pdf(Path("missing.pdf"))
    Traceback (most recent call last):
    ...
    quotecheck.errors.DocumentLoadError: missing.pdf: no such file
    """
    reader = _open_reader(path)
    try:
        raws = [_collect(page) for page in reader.pages]
    except _pdf_errors() as exc:
        raise DocumentLoadError(
            f"{path}: the PDF is damaged or truncated ({type(exc).__name__}: {exc})"
        ) from exc
    if not any(it.text.strip() for raw in raws for it in raw.items):
        raise DocumentLoadError(
            f"{path}: the PDF has no text layer (a scanned image?); run OCR on it first"
        )
    geo = _geometry(raws)
    bodies: list[list[_PLine]] = []
    notes: list[list[_PLine]] = []
    for k, raw in enumerate(raws, 1):
        body, note = _split_page(raw, k, geo)
        bodies.append(body)
        notes.append(note)
    paras = _build_body(bodies, geo)
    note_paras = _build_notes(notes)
    all_text = "\n".join(ln.text for lines in bodies + notes for ln in lines)
    counts = Counter(w.lower() for w in _WORD.findall(all_text))
    compounds = {c.lower() for c in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", all_text)}
    _dehyphenate(paras, counts, compounds)
    _dehyphenate(note_paras, counts, compounds)
    return assemble(str(path), "pdf", paras, note_paras)
