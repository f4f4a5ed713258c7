from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotecheck.models import Span
from quotecheck.text.normalize import fold, normalize

NOISY = st.text(
    alphabet=st.sampled_from(
        list("ab c-\n\t.\u201c\u201d\u2018\u2019\u2014\u2026\ufb01\u00ad\u00a0")
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cquote\u201d", '"quote"'),
        ("it\u2019s", "it's"),
        ("a\u2014b \u2013 c", "a-b - c"),
        ("\ufb01ne \ufb02ow", "fine flow"),
        ("wait\u2026", "wait..."),
        ("soft\u00adhyphen", "softhyphen"),
        ("two   spaces\n\nand\tlines", "two spaces and lines"),
        ("case-\nby-case", "case-by-case"),
    ],
    ids=["double", "apostrophe", "dashes", "ligatures", "ellipsis", "soft-hyphen", "space", "eol"],
)
def test_normalize_folds(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_normalize_join_rule_decides_line_end_hyphens() -> None:
    glued = normalize("irre-\n deemably case-\nby", join=lambda a, b: a == "irre")
    assert glued.text == "irredeemably case-by"


@given(NOISY)
def test_normalize_maps_every_character_back(raw: str) -> None:
    n = normalize(raw)
    for i, ch in enumerate(n.text):
        orig = raw[n.to_original(i)]
        if ch.isalpha():
            assert orig.lower() == ch.lower() or orig in "\ufb01"
        elif ch == " ":
            assert orig.isspace()


@given(NOISY, st.data())
def test_normalize_span_round_trip_covers_the_words(raw: str, data: st.DataObject) -> None:
    n = normalize(raw)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    back = n.span_to_original(Span(a, b))
    assert 0 <= back.start <= back.end <= len(raw)
    # Normalising the original slice gives back the same letters (a ligature cut in half
    # comes back whole).
    letters = "".join(c for c in n.text[a:b] if c.isalnum())
    assert letters in "".join(c for c in normalize(raw[back.start : back.end]).text if c.isalnum())


def test_normalize_fold_is_case_and_quote_blind() -> None:
    assert fold("\u201cThe  Court\u201d") == fold('"the court"')
