"""Tests for quotecheck.load.word: styles, footnotes, tracked changes, bad input (issue 5)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from fixtures_docs import (
    DOCX_AFTER,
    DOCX_BLOCK,
    DOCX_CASE,
    DOCX_COMMENT,
    DOCX_DELETED,
    DOCX_INSERTED,
    DOCX_INTRO,
    DOCX_LINK,
    DOCX_NOTE,
    DOCX_QUOTE,
    DOCX_STYLED_PARA,
    doc_italic_words,
    make_docx,
    make_not_zip,
    make_zip_bomb,
    md_italic_words,
    md_plain,
    quoted,
    renderings,
    unmark,
)

from quotecheck.errors import DocumentLoadError
from quotecheck.load.word import load_docx
from quotecheck.models import Document, EmphasisStyle


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return load_docx(make_docx(tmp_path_factory.mktemp("docx") / "brief.docx"))


def _styled(doc: Document, style: EmphasisStyle) -> set[str]:
    return {doc.text[e.span.start : e.span.end] for e in doc.emphasis if e.style is style}


def test_load_word_italics_inherited_through_styles(brief: Document) -> None:
    italic = _styled(brief, EmphasisStyle.ITALIC)
    assert DOCX_CASE in italic  # character style based on an italic character style
    assert DOCX_STYLED_PARA in italic  # paragraph style
    assert not any(DOCX_INTRO.strip() in s for s in italic)


def test_load_word_paragraph_text_and_conventions(brief: Document) -> None:
    para = DOCX_INTRO + DOCX_CASE + DOCX_AFTER + DOCX_QUOTE + " The point stands."
    assert para in brief.text
    assert brief.text.startswith("I. ARGUMENT\n\n")
    assert brief.line_unit == "paragraph"
    assert all(line.page is None for line in brief.lines)
    assert brief.locate(brief.text.index(DOCX_QUOTE)) == (None, 2)


def test_load_word_footnote_after_body_with_call(brief: Document) -> None:
    (note,) = brief.footnotes
    assert (note.label, brief.text[note.span.start : note.span.end]) == ("1", DOCX_NOTE)
    assert brief.text.endswith(DOCX_NOTE)
    assert note.call is not None
    assert brief.text[: note.call.start].endswith(DOCX_QUOTE)
    assert brief.locate(note.span.start) == (None, 2)  # the paragraph that calls it


def test_load_word_tracked_changes_read_as_accepted(brief: Document) -> None:
    assert "The holding was " + DOCX_INSERTED + "stated by the court." in brief.text
    assert DOCX_DELETED.strip() not in brief.text


def test_load_word_comments_ignored_and_links_kept(brief: Document) -> None:
    assert DOCX_COMMENT not in brief.text
    assert "Read " + DOCX_LINK + "." in brief.text


def test_load_word_headings_and_block_quotations(brief: Document) -> None:
    assert [brief.text[h.start : h.end] for h in brief.headings] == ["I. ARGUMENT"]
    assert [brief.text[b.start : b.end] for b in brief.blocks] == [DOCX_BLOCK]


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (lambda d: make_not_zip(d / "old.docx"), "not a zip"),
        (lambda d: make_zip_bomb(d / "bomb.docx"), "zip bomb"),
        (lambda d: d / "missing.docx", "no such file"),
    ],
    ids=["not-zip", "zip-bomb", "missing"],
)
def test_load_word_bad_input_one_clear_line(tmp_path: Path, maker: object, message: str) -> None:
    path = maker(tmp_path)  # type: ignore[operator]
    with pytest.raises(DocumentLoadError, match=message) as info:
        load_docx(path)
    assert "\n" not in str(info.value)


def test_load_word_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocumentLoadError, match="not a Word document"):
        load_docx(path)


def test_load_word_declared_size_over_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotecheck.load import word

    monkeypatch.setattr(word, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(DocumentLoadError, match="inflate"):
        load_docx(make_docx(tmp_path / "big.docx"))


@pytest.mark.corpus
def test_load_word_renderings_quote_the_same_as_markdown(shared: Path) -> None:
    paths = renderings(shared, ".docx")
    assert len(paths) == 21
    for path in paths:
        md = path.with_suffix(".md").read_text(encoding="utf-8")
        doc = load_docx(path)
        assert quoted(doc.text) == quoted(unmark(md_plain(md))), path.name
        assert doc_italic_words(doc) == md_italic_words(md), path.name
        assert [f.label for f in doc.footnotes] == sorted(
            set(re.findall(r"<sup>(\d+)</sup>", md)), key=int
        ), path.name
