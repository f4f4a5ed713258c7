"""Tests for quotecheck.align: placement, ellipses in order, brackets, ops, pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from align_support import load_source, make_quote
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.align import (
    align_quote,
    apply_ops,
    difflib_differ,
    rapidfuzz_differ,
    tokenize,
)
from quotecheck.models import DiffTag, PageRun, SourceText, Span

TEXT = (
    "Syllabus. The Court held that a fair use is not permitted here. "
    "Opinion of the Court. The statute, like the doctrine it recognizes, calls for "
    "case-by-case analysis. We hold that a fair use is not permitted here. It is [sic] final. "
    "The Government, however, argued that the search was not made in defendants\u2019 "
    "\u201chouse,\u201d but in an open field. We will not decide this case on that rule."
)


def make_source(text: str = TEXT) -> SourceText:
    cut1 = text.index("Opinion")
    cut2 = text.index("We hold")
    pages = (
        PageRun("U.S.", "1", Span(0, cut1)),
        PageRun("U.S.", "2", Span(cut1, cut2)),
        PageRun("U.S.", "3", Span(cut2, len(text))),
    )
    return SourceText("doc", text, pages=pages)


def changes(text: str, **kw: object) -> list[tuple[str, str, str]]:
    a = align_quote(make_quote(text), make_source(), **kw)  # type: ignore[arg-type]
    assert a is not None
    return [(o.tag.value, o.brief_text, o.source_text) for o in a.ops if o.tag != DiffTag.EQUAL]


CASES = [
    ("calls for case-by-case analysis", []),
    (
        "The statute . . . calls for case-by-case analysis.",
        [("delete", ". . .", "like the doctrine it recognizes")],
    ),
    ("[T]he statute, like the doctrine it recognizes, calls for case-by-case analysis", []),
    (
        "the statute, like the doctrine [the Court] recognizes, calls",
        [("replace", "[the Court]", "it")],
    ),
    (
        "The statute, like the doctrine it recognizes, demands case-by-case analysis",
        [("replace", "demands", "calls for")],
    ),
    (
        "The statute, like the doctrine, calls for case-by-case analysis",
        [("delete", "", "it recognizes")],
    ),
    ("We will decide this case on that rule.", [("delete", "", "not")]),
    ("We w[ould] not decide this case", [("replace", "w[ould]", "will")]),
    ("It is [sic] final.", []),
]


@pytest.mark.parametrize(
    ("text", "expect"),
    CASES,
    ids=[
        "exact",
        "ellipsis",
        "bracket-case",
        "bracket-pronoun",
        "substitution",
        "omission",
        "dropped-not",
        "bracket-suffix",
        "source-brackets",
    ],
)
def test_align_ops(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert changes(text) == expect


def test_align_ellipsis_segments_stay_in_order_and_near() -> None:
    # "is ... permitted" must not pass for "is not permitted" by matching the words apart.
    a = align_quote(make_quote("a fair use is . . . permitted here."), make_source())
    assert a is not None
    gap = [o for o in a.ops if o.tag == DiffTag.DELETE and o.brief_text]
    assert [o.source_text for o in gap] == ["not"]
    assert a.source_span.length < 40


def test_align_prefers_the_cited_page_when_words_recur() -> None:
    q = make_quote("a fair use is not permitted here")
    on1 = align_quote(q, make_source(), prefer_pages=("1",), pagination="U.S.")
    on3 = align_quote(q, make_source(), prefer_pages=("3",), pagination="U.S.")
    assert on1 is not None
    assert on3 is not None
    assert (on1.pages, on3.pages) == (("1",), ("3",))


def test_align_pages_across_a_break() -> None:
    a = align_quote(make_quote("case-by-case analysis. We hold that"), make_source())
    assert a is not None
    assert a.pages == ("2", "3")
    assert a.pagination == "U.S."


def test_align_absent_words_are_none() -> None:
    q = make_quote("Nothing in this sentence was ever written by any court anywhere at all.")
    assert align_quote(q, make_source()) is None


def test_align_spans_point_at_their_text() -> None:
    q = make_quote("The statute, like the doctrine [the Court] recognizes, demands case-by-case")
    src = make_source()
    a = align_quote(q, src)
    assert a is not None
    assert src.text[a.source_span.start : a.source_span.end] == a.source_text
    for op in a.ops:
        assert q.text[op.brief_span.start : op.brief_span.end] == op.brief_text
        assert src.text[op.source_span.start : op.source_span.end] == op.source_text


def test_align_tokenize_folds_brackets_and_quotes() -> None:
    t = tokenize("w[ould] \u201chouse,\u201d Court\u2019s")
    assert t.words == ("would", "house", "court's")
    assert t.bracketed == (True, False, False)


@pytest.mark.parametrize("text", [c[0] for c in CASES], ids=[str(i) for i in range(len(CASES))])
def test_align_difflib_reference_agrees(text: str) -> None:
    q = make_quote(text)
    a = align_quote(q, make_source(), differ=rapidfuzz_differ)
    b = align_quote(q, make_source(), differ=difflib_differ)
    assert a is not None
    assert b is not None
    assert a.ops == b.ops


_WORDS = TEXT.replace(".", "").split()


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(0, len(_WORDS) - 12),
    length=st.integers(6, 12),
    drop=st.integers(1, 10),
    swap=st.integers(1, 10),
)
def test_align_ops_rebuild_the_brief_words(start: int, length: int, drop: int, swap: int) -> None:
    words = _WORDS[start : start + length]
    edited = list(words)
    if drop < len(edited) - 1:
        del edited[drop]
    if swap < len(edited) - 1:
        edited[swap] = "zebra"
    q = make_quote(" ".join(edited))
    a = align_quote(q, make_source(), min_score=50)
    if a is None:
        return
    assert apply_ops(a.ops) == list(tokenize(q.text).words)


@pytest.mark.corpus
def test_align_bartz_seed_quote_on_slip_page_19(corpus_dir: Path) -> None:
    src = load_source(corpus_dir, "bartz-v-anthropic-2025-06-23")
    q = make_quote(
        "[s]uch piracy of otherwise available copies is inherently, irredeemably infringing "
        "even if the pirated copies are immediately used for the transformative use and "
        "immediately discarded."
    )
    a = align_quote(q, src, prefer_pages=("19",), pagination="slip")
    assert a is not None
    assert a.pages == ("19",)
    assert a.score == 100.0
    assert all(o.tag == DiffTag.EQUAL for o in a.ops)


@pytest.mark.corpus
def test_align_campbell_clarifying_insertion(corpus_dir: Path) -> None:
    src = load_source(corpus_dir, "campbell-v-acuff-rose-510us569-1994")
    q = make_quote("The [fair use] task is not to be simplified \u2026")
    a = align_quote(q, src, prefer_pages=("577",), pagination="U.S.")
    assert a is not None
    assert a.pages == ("577",)
    assert [(o.tag, o.brief_text) for o in a.ops if o.tag != DiffTag.EQUAL] == [
        (DiffTag.INSERT, "[fair use]")
    ]


def test_align_omission_near_the_start_moves_the_start_edge() -> None:
    # dev-017: the words dropped after the first two push the fuzzy window past "Such licenses".
    filler = "Photographers license their work to magazines and to artists. " * 3
    text = (
        filler + "Such licenses, for photographs or derivatives of them, are how photographers "
        "like Goldsmith make a living. They provide an economic incentive."
    )
    quote = make_quote("[s]uch licenses are how photographers like Goldsmith make a living")
    a = align_quote(quote, SourceText("d", text))
    assert a is not None
    assert a.source_text.startswith("Such licenses")
    deleted = [o.source_text for o in a.ops if o.tag is DiffTag.DELETE]
    assert any("for photographs or derivatives of them" in d for d in deleted)


def test_align_prefers_a_close_match_in_the_opinion_to_the_syllabus() -> None:
    from quotecheck.models import SourcePart

    syllabus = "The rule fails to put arbitration agreements on an equal plane with contracts. "
    opinion = (
        "The rule, in just that way, fails to put arbitration agreements on an equal plane "
        "with contracts. "
    )
    text = syllabus + "Filler words follow here. " * 5 + opinion
    parts = (
        SourcePart("syllabus", Span(0, len(syllabus))),
        SourcePart("majority", Span(len(syllabus), len(text))),
    )
    quote = make_quote(
        "The rule fails to put arbitration agreements on an equal plane with contracts."
    )
    a = align_quote(quote, SourceText("d", text, parts=parts))
    assert a is not None
    assert a.source_span.start >= len(syllabus)


def test_align_reports_pages_in_the_primary_reporter_when_none_is_cited() -> None:
    # Feist carries S. Ct. pages at the first star level: the U.S. page is still the one to give.
    text = "First page words here. Second page words follow."
    cut = text.index("Second")
    pages = (
        PageRun("S. Ct.", "1296", Span(0, cut)),
        PageRun("S. Ct.", "1297", Span(cut, len(text))),
        PageRun("U.S.", "362", Span(0, cut)),
        PageRun("U.S.", "363", Span(cut, len(text))),
    )
    source = SourceText("d", text, citations=("499 U.S. 340", "111 S. Ct. 1282"), pages=pages)
    a = align_quote(make_quote("Second page words follow."), source)
    assert a is not None
    assert (a.pagination, a.pages) == ("U.S.", ("363",))


def test_align_short_piece_before_an_ellipsis_takes_the_nearest_occurrence() -> None:
    # "[s]pecifically . . . Meditation": "specifically" also stands far earlier in the text;
    # the ellipsis joins the nearest one.
    text = (
        "Specifically, the court looked at the record. "
        + "Other sentences intervene here with many words. " * 6
        + "Specifically, the works Meditation and Canal Zone do not differ enough."
    )
    quote = make_quote("[s]pecifically . . . Meditation and Canal Zone do not differ enough.")
    a = align_quote(quote, SourceText("d", text))
    assert a is not None
    assert a.source_text.startswith("Specifically, the works")
