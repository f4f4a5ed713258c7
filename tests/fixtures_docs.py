"""Builders for test briefs: a pleading-paper PDF (reportlab) and Word files (python-docx).

Each builder writes a file and returns it; the texts it lays out are module constants so the
tests compute every offset with ``str.index`` instead of hard-coding it.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from quotecheck.models import Document, EmphasisStyle

PAGE_W, PAGE_H = 612.0, 792.0
LEFT = 90.0
TOP = 700.8
PITCH = 24.0
ECF = "Case 3:23-cv-03417-VC Document 750 Filed 06/22/26 Page {n} of 2"

# Page 1 body: (line number, x, [(text, font)]).  Fonts: R roman, I italic, B bold.
PAGE1: list[tuple[int, float, list[tuple[str, str]]]] = [
    (1, LEFT, [("I. ARGUMENT", "B")]),
    (
        2,
        LEFT + 36,
        [
            (
                "The court held that the copies made in that case from the library were "
                "\u201cirre-",
                "R",
            )
        ],
    ),
    (
        3,
        LEFT,
        [
            ("deemably infringing\u201d under the rule it announced. See ", "R"),
            ("Bartz v. Anthropic", "I"),
            (", 787 F.3d 1, 2 (9th Cir. 2025), for this.", "R"),
        ],
    ),
    (
        4,
        LEFT,
        [("That approach leaves no room for what the statute requires, which is a case-", "R")],
    ),
    (
        5,
        LEFT,
        [("by-case analysis; the word irredeemably is used here again to test the joining.", "R")],
    ),
    (
        6,
        LEFT,
        [
            (
                "The second quotation reads \u201ca fair use is not an infringement\u201d "
                "of the author\u2019s",
                "R",
            )
        ],
    ),
    (
        7,
        LEFT,
        [
            ("copyright at all, and the brief says so ", "R"),
            ("plainly", "U"),
            (" and at length, over and over", "R"),
        ],
    ),
    (
        8,
        LEFT,
        [("again, and the last body line of the page carries this paragraph on to the next", "R")],
    ),
]
CALL_AFTER = "a fair use is not an infringement\u201d"
NOTE_P1 = [
    "The footnote starts here and runs on at some length, well past",
    "the end of the first page, where it",
]
PAGE2: list[tuple[int, float, list[tuple[str, str]]]] = [
    (1, LEFT, [("page without a break, \u201cwith a quotation that ends on page two.\u201d", "R")]),
    (3, LEFT + 36, [("A new paragraph starts here on line three of the second page.", "R")]),
]
NOTE_P2 = ["ends with the last words of the note."]
NOTE_TEXT = "\n".join(NOTE_P1 + NOTE_P2)

_FONTS = {
    "R": "Times-Roman",
    "I": "Times-Italic",
    "B": "Times-Bold",
    "U": "Times-Roman",
}


def _y(line: int) -> float:
    return TOP - (line - 1) * PITCH


def _draw_line(c: Any, y: float, x: float, parts: list[tuple[str, str]], size: float = 12) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text, font in parts:
        name = _FONTS[font]
        c.setFont(name, size)
        c.drawString(x, y, text)
        width = stringWidth(text, name, size)
        if font == "U":
            c.setLineWidth(0.6)
            c.line(x, y - 1.5, x + width, y - 1.5)
        x += width


def _margin(c: Any) -> None:
    c.setFont("Times-Roman", 12)
    for n in range(1, 29):
        c.drawRightString(LEFT - 24, _y(n), str(n))
    c.setLineWidth(0.5)
    c.line(LEFT - 10, 20, LEFT - 10, PAGE_H - 20)


def _header_footer(c: Any, n: int) -> None:
    c.setFont("Helvetica", 9)
    c.drawCentredString(PAGE_W / 2, 762.5, ECF.format(n=n))
    c.setFont("Times-Roman", 10)
    c.drawCentredString(PAGE_W / 2, 30, str(n))


def _note(c: Any, y: float, lines: list[str], label: str | None) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setLineWidth(0.5)
    c.line(LEFT, y + 14, LEFT + 120, y + 14)  # the separator
    for k, text in enumerate(lines):
        x = LEFT
        if k == 0 and label:
            c.setFont("Times-Roman", 7)
            c.drawString(x, y + 4.7, label)
            x += stringWidth(label, "Times-Roman", 7) + 1
        c.setFont("Times-Roman", 12)
        c.drawString(x, y, text)
        y -= 12


def make_pleading_pdf(path: Path, *, encrypt: str | None = None, owner_only: bool = False) -> Path:
    """Write a two-page pleading-paper brief with margin numbers 1-28, an ECF stamp, italics,
    an underlined word, a footnote continued on page two and hyphenated line ends."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    enc: Any = None
    if encrypt is not None:
        enc = StandardEncryption(
            "" if owner_only else encrypt, ownerPassword=encrypt, canPrint=1, strength=40
        )
    c = canvas.Canvas(str(path), pagesize=letter, encrypt=enc)
    # page 1
    _header_footer(c, 1)
    _margin(c)
    for line, x, parts in PAGE1:
        if line == 6:  # the footnote call follows the closing quotation mark
            text = parts[0][0]
            cut = text.index(CALL_AFTER) + len(CALL_AFTER)
            _draw_line(c, _y(line), x, [(text[:cut], "R")])
            w = stringWidth(text[:cut], "Times-Roman", 12)
            c.setFont("Times-Roman", 7)
            c.drawString(x + w + 0.5, _y(line) + 4.7, "1")
            _draw_line(c, _y(line), x + w + 4.5, [(text[cut:], "R")])
            continue
        _draw_line(c, _y(line), x, parts)
    _note(c, _y(22), NOTE_P1, "1")
    c.showPage()
    # page 2
    _header_footer(c, 2)
    _margin(c)
    for line, x, parts in PAGE2:
        _draw_line(c, _y(line), x, parts)
    _note(c, _y(26), NOTE_P2, None)
    c.showPage()
    c.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """Write a PDF whose page holds only drawings (as a scan holds only an image)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    c.rect(72, 72, 400, 600, fill=1)
    c.showPage()
    c.save()
    return path


def make_truncated_pdf(path: Path, tmp: Path) -> Path:
    """Write the pleading brief, then keep only its first half."""
    full = make_pleading_pdf(tmp / "full.pdf")
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# ---------------------------------------------------------------------------------------------
# Word documents

DOCX_INTRO = "The court explained the rule in "
DOCX_CASE = "Campbell v. Acuff-Rose Music, Inc."
DOCX_AFTER = ", 510 U.S. 569 (1994), and then said "
DOCX_QUOTE = "\u201cthe task is not to be simplified with bright-line rules.\u201d"
DOCX_STYLED_PARA = "Every word of this paragraph is italic through its paragraph style."
DOCX_BLOCK = (
    "The enquiry here may be guided by the examples given in the preamble to section 107, "
    "looking to whether the use is for criticism, or comment, or news reporting."
)
DOCX_TRACKED_KEEP = "The holding was "
DOCX_DELETED = "never "
DOCX_INSERTED = "clearly "
DOCX_TRACKED_END = "stated by the court."
DOCX_LINK = "the opinion online"
DOCX_NOTE = "See the full discussion at page 577."
DOCX_COMMENT = "This comment must not appear."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _footnotes_part(doc: Any, notes: list[str]) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT  # noqa: TID251 (test fixture writer)
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: TID251 (test fixture writer)
    from docx.opc.packuri import PackURI  # noqa: TID251 (test fixture writer)
    from docx.opc.part import Part  # noqa: TID251 (test fixture writer)

    body = "".join(
        f'<w:footnote w:id="{k}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        "</w:footnote>"
        for k, text in enumerate(notes, 1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def make_docx(path: Path) -> Path:
    """Write a Word brief with style-inherited italics, a footnote, tracked changes, a comment,
    a hyperlink, a heading and an indented block quotation."""
    import docx  # noqa: TID251 (test fixture writer)
    from docx.enum.style import WD_STYLE_TYPE  # noqa: TID251 (test fixture writer)
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: TID251 (test fixture writer)
    from docx.oxml import parse_xml  # noqa: TID251 (test fixture writer)
    from docx.shared import Inches  # noqa: TID251 (test fixture writer)

    doc = docx.Document()
    case = doc.styles.add_style("Case Name", WD_STYLE_TYPE.CHARACTER)
    case.font.italic = True
    derived = doc.styles.add_style("Case Name Derived", WD_STYLE_TYPE.CHARACTER)
    derived.base_style = case
    para_style = doc.styles.add_style("Italic Para", WD_STYLE_TYPE.PARAGRAPH)
    para_style.base_style = doc.styles["Normal"]
    para_style.font.italic = True

    doc.add_heading("I. ARGUMENT", level=1)
    p = doc.add_paragraph(DOCX_INTRO)
    p.add_run(DOCX_CASE, style="Case Name Derived")  # italic only through two styles
    p.add_run(DOCX_AFTER)
    p.add_run(DOCX_QUOTE)
    p._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )
    p.add_run(" The point stands.")
    doc.add_paragraph(DOCX_STYLED_PARA, style="Italic Para")
    block = doc.add_paragraph(DOCX_BLOCK)
    block.paragraph_format.left_indent = Inches(1)
    block.paragraph_format.right_indent = Inches(1)

    tracked = doc.add_paragraph(DOCX_TRACKED_KEEP)
    tracked._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" w:id="10" w:author="A"><w:r>'
            f'<w:delText xml:space="preserve">{DOCX_DELETED}</w:delText></w:r></w:del>'
        )
    )
    tracked._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W_NS}" w:id="11" w:author="A"><w:r>'
            f'<w:t xml:space="preserve">{DOCX_INSERTED}</w:t></w:r></w:ins>'
        )
    )
    tracked.add_run(DOCX_TRACKED_END)

    link_para = doc.add_paragraph("Read ")
    rid = doc.part.relate_to("https://example.com/op", RT.HYPERLINK, is_external=True)
    link_para._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{R_NS}" r:id="{rid}"><w:r>'
            f"<w:t>{DOCX_LINK}</w:t></w:r></w:hyperlink>"
        )
    )
    run = link_para.add_run(".")
    doc.add_comment([run], text=DOCX_COMMENT, author="Reviewer")
    _footnotes_part(doc, [DOCX_NOTE])
    doc.save(str(path))
    return path


def make_not_zip(path: Path) -> Path:
    """A file named .docx that is plain text (a renamed file, an old .doc)."""
    path.write_text("This is not a Word document.\n", encoding="utf-8")
    return path


def make_zip_bomb(path: Path, *, megabytes: int = 24) -> Path:
    """A .docx-named zip whose one member inflates a thousandfold."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (megabytes * 1024 * 1024))
    return path


# ---------------------------------------------------------------------------------------------
# Comparing a rendering with its Markdown at the level of text


def md_plain(md: str) -> str:
    """A simple Markdown strip: margin numbers, markers, links; footnote blocks to the end."""
    body, notes = [], []
    for para in re.split(r"\n\s*\n", md):
        lines = [re.sub(r"^\s*\d{1,2}(?=\s|$)", "", ln) for ln in para.split("\n")]
        text = "\n".join(lines).strip()
        (notes if text.startswith(("<sup>", "\\_")) else body).append(text)
    text = "\n\n".join(body + notes)
    text = re.sub(r"<sup>\d+</sup>", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"^\s*(?:>|#+)\s*", "", text, flags=re.M)


def md_italic_words(md: str) -> Counter[str]:
    md = md.replace("\\*", "").replace("**", "")
    spans = re.findall(r"\*([^*]+)\*", md) + re.findall(r"<i>(.*?)</i>", md)
    return Counter(w for s in spans for w in re.findall(r"[A-Za-z]+", s))


def unmark(text: str) -> str:
    text = re.sub(r"</?[bi]>", "", text)
    return text.replace("\\_", "").replace("\\*", "\0").replace("*", "").replace("\0", "*")


def quoted(text: str) -> Counter[str]:
    flat = re.sub(r"\s+", " ", text)
    flat = re.sub(r"(?<=\w-) (?=\w)", "", flat)
    found = re.findall(r"\u201c([^\u201c\u201d]*)\u201d", flat) + re.findall(r'"([^"]*)"', flat)
    return Counter(q.strip() for q in found)


def doc_italic_words(doc: Document) -> Counter[str]:
    return Counter(
        w
        for e in doc.emphasis
        if e.style is EmphasisStyle.ITALIC
        for w in re.findall(r"[A-Za-z]+", doc.text[e.span.start : e.span.end])
    )


def renderings(shared: Path, suffix: str) -> list[Path]:
    seed = sorted((shared / "seed").glob(f"*{suffix}"))
    dev = sorted((shared / "eval" / "dev" / "briefs").glob(f"*{suffix}"))
    return seed + dev
