"""Tests for quotecheck.extract.parentheticals: classifying and splitting parentheticals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.extract.parentheticals import (
    classify_parenthetical,
    find_closing,
    split_parentheticals,
)
from quotecheck.models import ParentheticalKind

K = ParentheticalKind

KINDS = [
    ("emphasis added", (K.EMPHASIS_ADDED,)),
    ("emphasis supplied", (K.EMPHASIS_ADDED,)),
    ("emphasis omitted", (K.EMPHASIS_OMITTED,)),
    ("emphasis in original", (K.EMPHASIS_IN_ORIGINAL,)),
    ("internal quotation marks omitted", (K.INTERNAL_QUOTES_OMITTED,)),
    ("alterations in original", (K.ALTERATION_IN_ORIGINAL,)),
    ("alteration in original", (K.ALTERATION_IN_ORIGINAL,)),
    ("citation omitted", (K.CITATION_OMITTED,)),
    ("internal citations omitted", (K.CITATION_OMITTED,)),
    ("footnote omitted", (K.FOOTNOTE_OMITTED,)),
    ("cleaned up", (K.CLEANED_UP,)),
    ("citation modified", (K.CITATION_MODIFIED,)),
    ("quoting Lee, at 222", (K.QUOTING,)),
    ("citing cases", (K.CITING,)),
    ("N.D. Cal. 2025", (K.COURT,)),
    ("9th Cir. 2010", (K.COURT,)),
    ("U.S. Apr. 18, 2017", (K.COURT,)),
    ("1994", (K.COURT,)),
    ("S.D.N.Y.", (K.COURT,)),
    ("Chhabria, J.", (K.COURT,)),
    ("holding that “fair use” applies", (K.EXPLANATORY,)),
    ("“A split on an issue among district courts is rarely substantial.”", (K.EXPLANATORY,)),
    ("Notice of Motion", (K.EXPLANATORY,)),
    ("emphasis added; citation omitted", (K.EMPHASIS_ADDED, K.CITATION_OMITTED)),
    (
        "internal quotation marks and citation omitted",
        (K.INTERNAL_QUOTES_OMITTED, K.CITATION_OMITTED),
    ),
    (
        "alteration in original) (internal quotation marks omitted",
        (K.ALTERATION_IN_ORIGINAL, K.INTERNAL_QUOTES_OMITTED),
    ),
    ("emphasis and alterations in original", (K.EMPHASIS_IN_ORIGINAL, K.ALTERATION_IN_ORIGINAL)),
    ("(emphasis added)", (K.EMPHASIS_ADDED,)),
    ("", ()),
]


@pytest.mark.parametrize(("text", "kinds"), KINDS, ids=[t or "empty" for t, _ in KINDS])
def test_parentheticals_classify(text: str, kinds: tuple[ParentheticalKind, ...]) -> None:
    assert classify_parenthetical(text) == kinds


def test_parentheticals_quoted_words_are_not_editorial_notes() -> None:
    # "omitted" inside an explanatory quotation is the court's word, not the brief's note.
    kinds = classify_parenthetical("explaining that “the rest was omitted on purpose”")
    assert kinds == (K.EXPLANATORY,)


SPLITS = [
    (
        "Lee, at 222 (emphasis added).",
        "Lee, at 222",
        ["emphasis added"],
    ),
    (
        "Dkt. 741, at 10 (quoting Lee, at 222) (emphasis added).",
        "Dkt. 741, at 10",
        ["quoting Lee, at 222", "emphasis added"],
    ),
    (
        "(Dkt. 741, at 10 (quoting Lee, at 222).) Next.",
        "",
        ["Dkt. 741, at 10 (quoting Lee, at 222)."],
    ),
    (
        "X, 1 U.S. 1 (1990)\n(citation omitted).",
        "X, 1 U.S. 1",
        ["1990", "citation omitted"],
    ),
    (
        "X, 1 U.S. 1 (1990).\n\n(New paragraph.)",
        "X, 1 U.S. 1",
        ["1990"],
    ),
    (
        "X, 1 U.S. 1 (unbalanced, never closed",
        "X, 1 U.S. 1",
        [],
    ),
    (
        "X, 1 U.S. 1\n\n(a parenthesis after a blank line)",
        "X, 1 U.S. 1",
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    SPLITS,
    ids=["one", "two", "nested", "line-break", "stops-at-period", "unbalanced", "blank-line"],
)
def test_parentheticals_split(text: str, before: str, expected: list[str]) -> None:
    found = split_parentheticals(text, len(before))
    assert [p.text for p in found] == expected
    for p in found:
        assert text[p.span.start : p.span.end] == p.text


def test_parentheticals_nested_group_kinds() -> None:
    (outer,) = split_parentheticals("(Gitson, 63 F. Supp. 3d at 1117 (citation omitted))", 0)
    assert outer.text == "Gitson, 63 F. Supp. 3d at 1117 (citation omitted)"
    assert outer.kinds == (K.EXPLANATORY,)


def test_parentheticals_find_closing() -> None:
    text = "(a (b (c)) d) e"
    assert find_closing(text, 0) == text.index(" e") - 1
    assert find_closing(text, 3) == text.index(")) d") + 1
    assert find_closing("(never", 0) is None


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab ()\n;.“”", max_size=60), st.integers(0, 60))
def test_parentheticals_spans_hold_their_text(text: str, start: int) -> None:
    start = min(start, len(text))
    for p in split_parentheticals(text, start):
        assert text[p.span.start : p.span.end] == p.text
        assert p.span.start > start
        assert text[p.span.start - 1] != ")"
