"""The Word report: a landscape table for counsel, the Markdown report's columns.

In: a ``Report``. Out: the bytes of a ``.docx`` file: a title, the summary, one table row per
finding (``check``) or per quotation (``extract``), with the source's words the brief dropped
struck through and the words it added underlined, then the reply-brief sentences. python-docx is
imported inside ``render_docx`` so other formats never load it.
"""

from __future__ import annotations

import io
from typing import Any

from quotecheck.models import Report
from quotecheck.report import cells
from quotecheck.report.reply import reply_sentence

_SEVERITY_RGB = {
    "error": (0xB3, 0x26, 0x1E),
    "warning": (0x8A, 0x5A, 0x00),
    "info": (0x1C, 0x5D, 0x99),
}
# Relative column widths (inches on a 10-inch landscape text block).
_CHECK_WIDTHS = (0.35, 0.7, 2.6, 1.2, 1.2, 1.1, 2.25, 0.6)
_EXTRACT_WIDTHS = (0.35, 0.7, 0.8, 3.2, 2.0, 1.6, 1.35)


def render_docx(report: Report) -> bytes:
    """The report as a Word document.

    Args:
        report: an ``extract`` or ``check`` report.

    Returns:
        The ``.docx`` file's bytes.

    >>> from quotecheck.models import Report
    >>> render_docx(Report("brief.md", None, ()))[:2]
    b'PK'
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Inches(11), Inches(8.5)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(0.5))
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(9)

    doc.add_heading(f"Quotation check: {report.brief}", level=1)
    doc.add_paragraph(
        cells.summary_line(report) + (f" Corpus: {report.corpus}." if report.corpus else "")
    )

    if report.checked:
        rows = cells.check_table(report)
        table = _table(doc, cells.CHECK_HEADERS, _CHECK_WIDTHS)
        for row in rows:
            tr = table.add_row().cells
            for i, text in enumerate(row.texts("")):
                if i == 2:
                    _segments(tr[i].paragraphs[0], row.quote)
                else:
                    run = tr[i].paragraphs[0].add_run(text)
                    if i == 7:
                        _severity(run, row.severity)
        _widths(table, _CHECK_WIDTHS)
        if not rows:
            doc.add_paragraph("No discrepancies found.")
        doc.add_paragraph(
            "Struck through: the source's words the brief leaves out. Underlined: words the "
            "brief adds or changes."
        )
        replies = [
            (r.quote.id, f.code, sentence)
            for r, f in cells.check_rows(report)
            if (sentence := reply_sentence(r, f)) is not None
        ]
        if replies:
            doc.add_heading("For the reply brief", level=2)
            for number, code, sentence in replies:
                para = doc.add_paragraph(style="List Bullet")
                para.add_run(f"#{number} ({code}): ")
                _italic_marks(para, sentence)
    else:
        table = _table(doc, cells.EXTRACT_HEADERS, _EXTRACT_WIDTHS)
        for texts in cells.extract_table(report):
            tr = table.add_row().cells
            for i, text in enumerate(texts):
                tr[i].paragraphs[0].add_run(text)
        _widths(table, _EXTRACT_WIDTHS)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _table(doc: Any, headers: tuple[str, ...], widths: tuple[float, ...]) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    head = table.rows[0]
    # Repeat the header row on every page.
    tr_pr = head._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
    for cell, text in zip(head.cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    return table


def _widths(table: Any, widths: tuple[float, ...]) -> None:
    from docx.shared import Inches

    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Inches(width)


def _segments(paragraph: Any, segments: list[cells.Segment]) -> None:
    from docx.shared import RGBColor

    for seg in segments:
        run = paragraph.add_run(seg.text)
        if seg.tag == "delete":
            run.font.strike = True
            run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)
        elif seg.tag == "insert":
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x14, 0x52, 0x1A)


def _severity(run: Any, severity: str) -> None:
    from docx.shared import RGBColor

    run.bold = severity == "error"
    rgb = _SEVERITY_RGB.get(severity)
    if rgb is not None:
        run.font.color.rgb = RGBColor(*rgb)


def _italic_marks(paragraph: Any, text: str) -> None:
    """Add ``text`` with its ``*case name*`` marks as italic runs."""
    parts = text.split("*")
    if len(parts) % 2 == 0:
        paragraph.add_run(text)
        return
    for i, part in enumerate(parts):
        if part:
            paragraph.add_run(part).italic = i % 2 == 1
