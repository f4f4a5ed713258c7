"""Read Word (.docx) briefs with python-docx.

In: a path to a .docx file. Out: a ``Document`` (``format="docx"``, ``line_unit="paragraph"``):
body paragraphs and table cells in reading order, footnotes and endnotes after the body (their
calls located in the body), italic/bold/underline resolved through run, character-style and
paragraph-style inheritance, headings, block quotations (left-indented paragraphs) and tables of
contents/authorities as spans. Tracked changes are read as accepted (deleted text dropped,
inserted text kept); comments, field codes and hidden text are ignored; hyperlinks keep their
text. Word stores no page numbers, so ``Line.page`` is ``None`` and ``Line.number`` counts
paragraphs (a footnote's lines carry the number of the paragraph that calls it).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotecheck.errors import DocumentLoadError
from quotecheck.load._assemble import LineRec, ParaRec, Run, assemble
from quotecheck.models import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Limits that keep a hostile archive (a zip bomb) from exhausting memory.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200

_TOC_HEAD = re.compile(
    r"^\s*(?:table\s+of\s+(?:contents|authorities)|index\s+of\s+authorities|contents)\s*$",
    re.I,
)
_TOC_ENTRY = re.compile(r"\t\s*(?:\d[\d,\s\-\u2013n.]*|passim|[ivxlc]+)\s*$", re.I)
_OFF = {"0", "false", "off", "none"}
_BLOCK_TWIPS = 576  # 0.4 in: more than this from the left margin reads as a block quotation


def _check_zip(path: Path) -> None:
    """Refuse files that are not a zip or that would inflate beyond the limits."""
    if not path.is_file():
        raise DocumentLoadError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise DocumentLoadError(f"{path}: the file is empty")
    if not zipfile.is_zipfile(path):
        raise DocumentLoadError(
            f"{path}: not a Word .docx file (not a zip archive); "
            "save it from Word as .docx (old .doc files are not read)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentLoadError(f"{path}: the .docx archive is damaged ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise DocumentLoadError(f"{path}: the .docx holds {len(infos)} files; refusing to read it")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise DocumentLoadError(
            f"{path}: the .docx would inflate to {total // (1024 * 1024)} MB "
            f"(limit {MAX_UNCOMPRESSED // (1024 * 1024)} MB); refusing to read it"
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentLoadError(
                f"{path}: {info.filename} inflates {info.file_size // max(info.compress_size, 1)}"
                " times (a zip bomb?); refusing to read it"
            )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise DocumentLoadError(f"{path}: a zip archive but not a Word document")


def _flag(rpr: Any, tag: str) -> bool | None:
    """The value of a toggle (``w:i``, ``w:b``) or ``w:u`` in a run-properties element."""
    if rpr is None:
        return None
    el = rpr.find(_W + tag)
    if el is None:
        return None
    val = el.get(_W + "val")
    if tag == "u":
        return val is not None and val.lower() not in _OFF
    return val is None or val.lower() not in _OFF


@dataclass(slots=True)
class _Styles:
    """Style lookups: run properties and indentation through ``basedOn`` chains."""

    by_id: dict[str, Any]
    default_rpr: Any
    cache: dict[tuple[str, str], bool | None] = field(default_factory=dict)

    def prop(self, style_id: str | None, tag: str) -> bool | None:
        """A run property as a style (and its bases) sets it, ``None`` when none does."""
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen:
            key = (sid, tag)
            if key in self.cache:
                return self.cache[key]
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                break
            val = _flag(style.find(_W + "rPr"), tag)
            if val is not None:
                self.cache[(style_id or "", tag)] = val
                return val
            based = style.find(_W + "basedOn")
            sid = based.get(_W + "val") if based is not None else None
        return None

    def left_indent(self, style_id: str | None) -> int | None:
        """The left indentation (twips) a paragraph style (or its bases) sets."""
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                return None
            ppr = style.find(_W + "pPr")
            ind = ppr.find(_W + "ind") if ppr is not None else None
            val = _indent(ind)
            if val is not None:
                return val
            based = style.find(_W + "basedOn")
            sid = based.get(_W + "val") if based is not None else None
        return None

    def name(self, style_id: str | None) -> str:
        """The style's display name (``Heading 1``), or its id."""
        style = self.by_id.get(style_id or "")
        if style is None:
            return style_id or ""
        name = style.find(_W + "name")
        return str(name.get(_W + "val")) if name is not None else style_id or ""


def _indent(ind: Any) -> int | None:
    if ind is None:
        return None
    for attr in ("left", "start"):
        val = ind.get(_W + attr)
        if val is not None:
            try:
                return int(val)
            except ValueError:
                return None
    return None


def _styles(doc: Any) -> _Styles:
    root = doc.styles.element
    by_id = {s.get(_W + "styleId"): s for s in root.iter(_W + "style")}
    default = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    return _Styles(by_id, default)


@dataclass(slots=True)
class _Walker:
    """Collects runs and lines from paragraph XML, numbering notes as they are called."""

    styles: _Styles
    note_order: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) in call order

    def runs_of(self, p: Any, pstyle: str | None, toc: bool) -> list[list[Run]]:
        """The lines (split at breaks) of paragraph ``p``, as formatted runs."""
        lines: list[list[Run]] = [[]]
        for r in self._iter_runs(p):
            rpr = r.find(_W + "rPr")
            if rpr is not None and _flag(rpr, "vanish"):
                continue
            rstyle_el = rpr.find(_W + "rStyle") if rpr is not None else None
            rstyle = rstyle_el.get(_W + "val") if rstyle_el is not None else None
            fmt = {tag: self._resolve(rpr, rstyle, pstyle, tag) for tag in ("i", "b", "u")}
            for child in r:
                tag = child.tag
                if tag == _W + "t":
                    text = child.text or ""
                    if text:
                        lines[-1].append(Run(text, fmt["i"], fmt["b"], fmt["u"]))
                elif tag == _W + "tab":
                    lines[-1].append(Run(" ..... " if toc else " "))
                elif tag in (_W + "br", _W + "cr"):
                    if child.get(_W + "type") not in ("page", "column"):
                        lines.append([])
                elif tag == _W + "noBreakHyphen":
                    lines[-1].append(Run("-", fmt["i"], fmt["b"], fmt["u"]))
                elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                    kind = "footnote" if tag == _W + "footnoteReference" else "endnote"
                    self.note_order.append((kind, child.get(_W + "id") or ""))
                    lines[-1].append(Run("", call=_label(kind, self.note_order)))
        return lines

    def _resolve(self, rpr: Any, rstyle: str | None, pstyle: str | None, tag: str) -> bool:
        for val in (
            _flag(rpr, tag),
            self.styles.prop(rstyle, tag),
            self.styles.prop(pstyle, tag),
            _flag(self.styles.default_rpr, tag),
        ):
            if val is not None:
                return val
        return False

    def _iter_runs(self, el: Any) -> Any:
        """Runs in reading order, entering insertions, links, fields and content controls."""
        for child in el:
            tag = child.tag
            if tag == _W + "r":
                yield child
            elif tag in (_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr"):
                continue  # deleted text (tracked changes) is not part of the accepted text
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from self._iter_runs(content)
            elif tag in (
                _W + "ins",
                _W + "moveTo",
                _W + "hyperlink",
                _W + "smartTag",
                _W + "fldSimple",
                _W + "customXml",
                _W + "dir",
                _W + "bdo",
            ):
                yield from self._iter_runs(child)


def _label(kind: str, order: list[tuple[str, str]]) -> str:
    """Word numbers footnotes 1, 2, 3 and endnotes i, ii, iii in the order they are called."""
    n = sum(1 for k, _ in order if k == kind)
    if kind == "footnote":
        return str(n)
    return _roman(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def _block_items(el: Any) -> Any:
    """Paragraphs (with an in-table flag) of a body, cell or content control, in order."""
    for child in el:
        tag = child.tag
        if tag == _W + "p":
            yield child, False
        elif tag == _W + "tbl":
            for cell in child.iter(_W + "tc"):
                for p in cell.iter(_W + "p"):
                    yield p, True
        elif tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
            if content is not None:
                yield from _block_items(content)


def _pstyle(p: Any) -> str | None:
    ppr = p.find(_W + "pPr")
    el = ppr.find(_W + "pStyle") if ppr is not None else None
    return el.get(_W + "val") if el is not None else None


def _note_parts(doc: Any) -> dict[str, dict[str, Any]]:
    """The footnote and endnote elements by kind and id, from their package parts."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    out: dict[str, dict[str, Any]] = {"footnote": {}, "endnote": {}}
    for kind, rel in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        try:
            part = doc.part.part_related_by(rel)
        except KeyError:
            continue
        root = parse_xml(part.blob)
        for note in root.iter(_W + kind):
            if note.get(_W + "type") in (None, "normal"):
                out[kind][note.get(_W + "id") or ""] = note
    return out


def load_docx(path: Path) -> Document:
    """Read a Word brief into a ``Document``.

    Args:
        path: the .docx file.

    Returns:
        The document, with ``format="docx"`` and ``line_unit="paragraph"``.

    Raises:
        DocumentLoadError: missing, empty, not a zip (an old .doc, a renamed file), a zip
            bomb, or not a Word document.

    >>> load_docx(Path("missing.docx"))
    Traceback (most recent call last):
    ...
    quotecheck.errors.DocumentLoadError: missing.docx: no such file
    """
    _check_zip(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(str(path))
        styles = _styles(doc)
        notes_xml = _note_parts(doc)
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile) as exc:
        raise DocumentLoadError(f"{path}: not a readable Word document ({exc})") from exc

    walker = _Walker(styles)
    body: list[ParaRec] = []
    count = 0
    call_para: dict[str, int] = {}
    toc_mode = False
    for p, in_table in _block_items(doc.element.body):
        pstyle = _pstyle(p)
        sname = styles.name(pstyle).lower()
        styled_toc = sname.startswith(("toc", "table of authorities", "toa")) or (
            pstyle or ""
        ).lower().startswith(("toc", "tableofauthorities", "toa"))
        raw = "".join(t.text or "" for t in p.iter(_W + "t"))
        has_tab = p.find(f".//{_W}tab") is not None
        if _TOC_HEAD.match(raw):
            toc_mode = True
        elif sname.startswith(("heading", "title")):
            toc_mode = False
        elif toc_mode and raw.strip() and not styled_toc:
            text_with_tabs = "".join(
                (c.text or "") if c.tag == _W + "t" else "\t" for c in p.iter(_W + "t", _W + "tab")
            )
            looks_toc = bool(_TOC_ENTRY.search(text_with_tabs)) or (
                len(raw) < 40 and not raw.rstrip().endswith(".")
            )
            toc_mode = looks_toc or has_tab
        is_toc = styled_toc or toc_mode
        before = len(walker.note_order)
        lines = walker.runs_of(p, pstyle, is_toc)
        if not any(r.text.strip() or r.call for line in lines for r in line):
            continue
        count += 1
        for kind, nid in walker.note_order[before:]:
            call_para[f"{kind}:{nid}"] = count
        runs = [r for line in lines for r in line if r.text.strip()]
        ppr = p.find(_W + "pPr")
        outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
        left = _indent(ppr.find(_W + "ind") if ppr is not None else None)
        if left is None:
            left = styles.left_indent(pstyle)
        numbered = ppr is not None and ppr.find(_W + "numPr") is not None
        if is_toc:
            kind = "toc"
        elif (
            sname.startswith(("heading", "title"))
            or outline is not None
            or (runs and all(r.bold for r in runs) and len(raw) <= 300)
        ):
            kind = "heading"
        elif (
            not in_table
            and not numbered
            and (left or 0) >= _BLOCK_TWIPS
            and len(lines) == 1
            and len(raw.split()) >= 8
        ):
            kind = "block"
        else:
            kind = "body"
        body.append(ParaRec([LineRec(line, None, count) for line in lines], kind))

    notes: list[ParaRec] = []
    seen: set[str] = set()
    labels: dict[str, str] = {}
    for k, (kind, nid) in enumerate(walker.note_order):
        key = f"{kind}:{nid}"
        if key not in labels:
            labels[key] = _label(kind, walker.note_order[: k + 1])
    for kind, nid in walker.note_order:
        key = f"{kind}:{nid}"
        note = notes_xml[kind].get(nid)
        if key in seen or note is None:
            continue
        seen.add(key)
        number = call_para.get(key)
        lines_out: list[LineRec] = []
        for p, _ in _block_items(note):
            for line in _note_lines(walker, p):
                lines_out.append(LineRec(line, None, number))
        notes.append(ParaRec(lines_out, "note", labels[key]))
    return assemble(str(path), "docx", body, notes, line_unit="paragraph")


def _note_lines(walker: _Walker, p: Any) -> list[list[Run]]:
    """A note paragraph's lines, without the note's own reference mark."""
    saved = list(walker.note_order)
    lines = walker.runs_of(p, _pstyle(p), False)
    walker.note_order[:] = saved  # calls inside notes do not renumber the body's notes
    return [[r for r in line if r.call is None] for line in lines]
