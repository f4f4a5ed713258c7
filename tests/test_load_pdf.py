"""Tests for quotecheck.load.pdf: pleading paper, footnotes, emphasis, bad input (issue 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures_docs import (
    CALL_AFTER,
    NOTE_TEXT,
    doc_italic_words,
    make_pleading_pdf,
    make_scanned_pdf,
    make_truncated_pdf,
    md_italic_words,
    md_plain,
    quoted,
    renderings,
    unmark,
)

from quotecheck.errors import DocumentLoadError
from quotecheck.load.pdf import load_pdf, pdf_page_texts
from quotecheck.models import Document, EmphasisStyle


@pytest.fixture(scope="module")
def pleading(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return load_pdf(make_pleading_pdf(tmp_path_factory.mktemp("pdf") / "brief.pdf"))


def _loc(doc: Document, needle: str) -> tuple[int | None, int | None]:
    return doc.locate(doc.text.index(needle))


@pytest.mark.parametrize(
    ("needle", "page", "line"),
    [
        ("I. ARGUMENT", 1, 1),
        ("The court held", 1, 2),
        ("infringing\u201d under", 1, 3),
        ("a fair use is not", 1, 6),
        ("plainly", 1, 7),
        ("with a quotation that ends", 2, 1),
        ("A new paragraph starts", 2, 3),
        ("The footnote starts", 1, 22),
        ("ends with the last words", 2, 26),
    ],
    ids=[
        "heading",
        "indented",
        "after-hyphen",
        "call-line",
        "underline",
        "page2",
        "page2-l3",
        "note",
        "note-continued",
    ],
)
def test_load_pdf_maps_text_to_page_and_pleading_line(
    pleading: Document, needle: str, page: int, line: int
) -> None:
    assert _loc(pleading, needle) == (page, line)


def test_load_pdf_drops_margin_numbers_ecf_stamp_and_footer(pleading: Document) -> None:
    assert "Case 3:23-cv-03417-VC" not in pleading.text
    assert not re.search(r"(?m)^\d{1,2}$", pleading.text)
    assert not re.search(r"(?m)^\d{1,2} ", pleading.text)


def test_load_pdf_undoes_line_break_hyphen_only_for_known_words(pleading: Document) -> None:
    assert "\u201cirredeemably\ninfringing\u201d" in pleading.text
    # A kept hyphen joins the lines without a break, as Word does: the compound reads whole.
    assert "case-by-case" in pleading.text


def test_load_pdf_emphasis_from_fonts_and_rules(pleading: Document) -> None:
    spans = {(pleading.text[e.span.start : e.span.end], e.style) for e in pleading.emphasis}
    assert ("Bartz v. Anthropic", EmphasisStyle.ITALIC) in spans
    assert ("plainly", EmphasisStyle.UNDERLINE) in spans
    assert ("I. ARGUMENT", EmphasisStyle.BOLD) in spans
    assert pleading.headings
    assert pleading.text[pleading.headings[0].start :].startswith("I. ARG")


def test_load_pdf_footnote_continued_over_page_is_one_note(pleading: Document) -> None:
    (note,) = pleading.footnotes
    assert note.label == "1"
    assert pleading.text[note.span.start : note.span.end] == NOTE_TEXT
    assert note.call is not None
    assert note.call.length == 0
    assert pleading.text[: note.call.start].endswith(CALL_AFTER)
    assert note.span.start > pleading.pages[-1].span.end  # notes follow the body


def test_load_pdf_paragraph_continues_across_page_break(pleading: Document) -> None:
    text = pleading.text
    assert "on to the next\npage without a break" in text
    assert "\n\nA new paragraph starts" in text
    assert [p.number for p in pleading.pages] == [1, 2]


def test_load_pdf_every_line_lies_in_text(pleading: Document) -> None:
    for line in pleading.lines:
        chunk = pleading.text[line.span.start : line.span.end]
        assert chunk
        assert "\n" not in chunk


def test_load_pdf_page_texts_one_string_per_page(tmp_path: Path) -> None:
    texts = pdf_page_texts(make_pleading_pdf(tmp_path / "b.pdf"))
    assert len(texts) == 2
    assert "irre-" in texts[0]


def test_load_pdf_reads_pdf_with_empty_user_password(tmp_path: Path) -> None:
    path = make_pleading_pdf(tmp_path / "owner.pdf", encrypt="owner-secret", owner_only=True)
    assert "a fair use is not" in load_pdf(path).text


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (lambda d: make_pleading_pdf(d / "locked.pdf", encrypt="secret"), "password-protected"),
        (lambda d: make_scanned_pdf(d / "scan.pdf"), "no text layer"),
        (lambda d: make_truncated_pdf(d / "cut.pdf", d), "truncated"),
        (
            lambda d: (d / "empty.pdf").write_bytes(b"") and d / "empty.pdf" or d / "empty.pdf",
            "empty",
        ),
        (lambda d: (d / "x.pdf").write_text("hello") and d / "x.pdf" or d / "x.pdf", "not a PDF"),
    ],
    ids=["password", "scanned", "truncated", "empty", "not-pdf"],
)
@pytest.mark.parametrize("reader", [load_pdf, pdf_page_texts], ids=["load_pdf", "page_texts"])
def test_load_pdf_bad_input_one_clear_line(
    tmp_path: Path, maker: object, message: str, reader: object
) -> None:
    path = maker(tmp_path)  # type: ignore[operator]
    with pytest.raises(DocumentLoadError, match=message) as info:
        reader(path)  # type: ignore[operator]
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------------------------------------
# The real renderings against their Markdown (text level)


@pytest.mark.corpus
def test_load_pdf_renderings_quote_the_same_as_markdown(shared: Path) -> None:
    paths = renderings(shared, ".pdf")
    assert len(paths) == 8
    for path in paths:
        md = path.with_suffix(".md").read_text(encoding="utf-8")
        doc = load_pdf(path)
        want, got = quoted(unmark(md_plain(md))), quoted(doc.text)
        assert got == want, path.name
        assert doc_italic_words(doc) == md_italic_words(md), path.name
        assert not re.search(r"(?m)^\s*\d{1,2}\s*$", doc.text), path.name
