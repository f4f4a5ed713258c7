from __future__ import annotations

from pathlib import Path

import pytest

from quotecheck.errors import DocumentLoadError
from quotecheck.load import load_document
from quotecheck.load.plain import load_plain
from quotecheck.models import EmphasisStyle

PLEADING = """1 DUNN LLP
2 Palo Alto
3 3 Embarcadero Center
COOLEY LLP
1 Embarcadero Center 20th Floor

4 The court held that it was *per se* infringing, and **bold** too.
5 See Foo v. Bar, 1 F.3d 2 (9th Cir. 2000).<sup>1</sup> More text that runs on the
6 page until the end and then continues on the next page of the brief in
7 <sup>1</sup> A footnote that starts here and
8 continues.

1 the same paragraph. A new \\*literal asterisk.

2 Second paragraph.
"""


@pytest.fixture
def pleading():
    return load_plain("p.md", PLEADING)


def test_load_plain_strips_margin_numbers_but_not_addresses(pleading) -> None:
    assert "1 Embarcadero Center 20th Floor" in pleading.text
    assert "\n3 Embarcadero Center\n" in pleading.text
    assert "\n4 The court" not in pleading.text
    assert pleading.text.startswith("DUNN LLP")


def test_load_plain_locates_page_and_pleading_line(pleading) -> None:
    assert pleading.locate(pleading.text.index("See Foo")) == (1, 5)
    assert pleading.locate(pleading.text.index("Second paragraph")) == (2, 2)


def test_load_plain_joins_a_paragraph_across_the_page_break(pleading) -> None:
    assert "brief in\nthe same paragraph" in pleading.text


def test_load_plain_moves_footnotes_after_the_body(pleading) -> None:
    (note,) = pleading.footnotes
    body_text = pleading.text[note.span.start : note.span.end]
    assert body_text == "A footnote that starts here and\ncontinues."
    assert note.span.start > pleading.text.index("Second paragraph")
    assert note.call is not None
    assert pleading.text[note.call.start - 5 : note.call.start] == "000)."
    assert pleading.locate(note.span.start) == (1, 7)


def test_load_plain_records_emphasis_and_unescapes(pleading) -> None:
    spans = {(pleading.text[e.span.start : e.span.end], e.style) for e in pleading.emphasis}
    assert ("per se", EmphasisStyle.ITALIC) in spans
    assert ("bold", EmphasisStyle.BOLD) in spans
    assert "A new *literal asterisk." in pleading.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a *b* c", ["b"]),
        ("a _b_ c snake_case_name", ["b"]),
        ("at *3 and more", []),
        ("<i>Bartz</i>, 787", ["Bartz"]),
        ("*one\ntwo*", ["one\ntwo"]),
    ],
    ids=["star", "underscore", "unpaired-star", "html", "across-lines"],
)
def test_load_plain_emphasis_pairs_markers(raw: str, expected: list[str]) -> None:
    doc = load_plain("x.md", raw)
    assert [doc.text[e.span.start : e.span.end] for e in doc.emphasis] == expected


def test_load_plain_block_quotes_and_headings() -> None:
    doc = load_plain("x.md", "# ARGUMENT\n\n> Block one.\n> more.\n\nAfter.\n")
    assert [doc.text[s.start : s.end] for s in doc.headings] == ["ARGUMENT"]
    assert [doc.text[s.start : s.end] for s in doc.blocks] == ["Block one.\nmore."]


def test_load_plain_maps_text_back_to_the_raw_file(pleading) -> None:
    i = pleading.text.index("per se")
    assert PLEADING[pleading.raw_offset(i) : pleading.raw_offset(i) + 6] == "per se"


@pytest.mark.corpus
def test_load_plain_seed_footnotes_and_pages(seed_md: Path) -> None:
    doc = load_document(seed_md)
    assert [f.label for f in doc.footnotes] == ["1", "2", "3"]
    # Footnote 3 runs on to the next page: one footnote, both pieces.
    fn3 = doc.footnotes[2]
    note = doc.text[fn3.span.start : fn3.span.end]
    assert note.startswith("Even if there was a basis")
    assert "similar class\ndefinitions." in note
    # The Lee quotation crosses footnote 1 and a page break but reads on without them.
    assert "treating the acquisition of\npirated books as virtually per se infringing." in doc.text
    # The seed case: page 7 of the brief, pleading line 12.
    i = doc.text.index("[s]uch piracy")
    assert doc.locate(i) == (7, 12)
    assert "Embarcadero Center" in doc.text


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.md", "empty"),
        (b"\x00\x01\x02binary", "bin.txt", "binary"),
        (b"caf\xe9 au lait", "latin1.txt", "not UTF-8"),
        (b"text", "brief.rtf", "unknown kind"),
    ],
    ids=["empty", "binary", "latin1", "suffix"],
)
def test_load_document_rejects_bad_input(tmp_path: Path, content: bytes, name: str, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentLoadError, match=message):
        load_document(path)


def test_load_document_rejects_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="directory"):
        load_document(tmp_path)
