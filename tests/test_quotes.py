from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from quotecheck.extract.quotes import extract_quotes, is_full_sentence, join_passage
from quotecheck.load import load_document
from quotecheck.load.plain import load_plain
from quotecheck.models import AlterationKind, QuoteKind
from quotecheck.text.normalize import fold


def _texts(raw: str) -> list[str]:
    return [q.text for q in extract_quotes(load_plain("x.md", raw))]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("He said \u201cfoo bar.\u201d Then", ["foo bar."]),
        ('He said "foo bar," and "baz."', ["foo bar,", "baz."]),
        ("It held \u201cthe \u2018rule\u2019 is plain.\u201d", ["the \u2018rule\u2019 is plain."]),
        ("The court\u2019s view: \u201cit\u2019s the law.\u201d", ["it\u2019s the law."]),
        ("A \u201cquote\nacross lines\u201d here", ["quote\nacross lines"]),
        ("Typo \u201copen and \u201cclose\u201d", ["open and", "close"]),
    ],
    ids=["curly", "straight", "nested", "apostrophes", "line-break", "unclosed"],
)
def test_quotes_inline(raw: str, expected: list[str]) -> None:
    assert _texts(raw) == expected


def test_quotes_interrupted_passage_is_two_quotes_one_passage() -> None:
    raw = (
        "\u201cBuilding a library,\u201d the court emphasized, \u201cwas itself the use.\u201d Id."
    )
    doc = load_plain("x.md", raw)
    first, second = extract_quotes(doc)
    assert first.passage == second.passage
    assert len(first.passage) == 2
    joined = join_passage(doc, first)
    assert joined.text == "Building a library, was itself the use."
    assert joined.to_document(joined.segments[0]).start == first.span.start


def test_quotes_block_quotation_is_one_quote() -> None:
    doc = load_plain(
        "x.md",
        "Intro:\n\n> The first \u201cinner\u201d sentence.\n>\n> And the second one.\n\nCite.",
    )
    (block,) = extract_quotes(doc)
    assert block.kind is QuoteKind.BLOCK
    assert "inner" in block.text
    assert block.text.endswith("And the second one.")


def test_quotes_ellipses_and_alterations() -> None:
    (q,) = extract_quotes(
        load_plain("x.md", "\u201c[S]uch piracy . . . is w[ould] be \u2026 bad.\u201d")
    )
    assert [q.text[s.start : s.end] for s in q.segments] == [
        "[S]uch piracy",
        "is w[ould] be",
        "bad.",
    ]
    assert [a.kind for a in q.alterations] == [AlterationKind.CASE, AlterationKind.SUBSTITUTION]
    assert q.full_sentence


def test_quotes_indented_caption_lines_are_not_block_quotations() -> None:
    doc = load_plain("x.md", "> NEW YORK\n\n> Telephone: (202) 842-7800\n\nText.")
    assert extract_quotes(doc) == ()


def test_quotes_defined_terms_and_headings() -> None:
    doc = load_plain(
        "x.md", "# The \u201cControlling Question\u201d\n\nDkt. 598 (\u201cMSJ Order\u201d)."
    )
    assert [q.kind for q in extract_quotes(doc)] == [QuoteKind.HEADING, QuoteKind.TERM]


def test_quotes_emphasis_is_relative_to_the_quote() -> None:
    doc = load_plain("x.md", "Held: \u201cit is *not* allowed.\u201d (emphasis added).")
    (q,) = extract_quotes(doc)
    assert [q.text[e.span.start : e.span.end] for e in q.emphasis] == ["not"]


@pytest.mark.parametrize(
    ("text", "full"),
    [("The rule.", True), ("[T]he rule.", True), ("the rule.", False), ("The rule", False)],
    ids=["capital", "bracket", "lower", "no-stop"],
)
def test_quotes_full_sentence(text: str, full: bool) -> None:
    assert is_full_sentence(text) is full


FILLER = st.text(alphabet=st.sampled_from(list("ab .,\n*\u2019'()")), max_size=20)
QUOTED = st.text(alphabet=st.sampled_from(list("ab .,[]\u2018\u2019\n*")), min_size=1, max_size=20)


@settings(max_examples=200)
@given(st.lists(st.tuples(FILLER, QUOTED, st.booleans()), min_size=1, max_size=5))
def test_quotes_text_at_span_is_the_quote_text(pieces: list[tuple[str, str, bool]]) -> None:
    raw = "".join(f"{f} \u201c{q}\u201d " if curly else f'{f} "{q}" ' for f, q, curly in pieces)
    doc = load_plain("x.md", raw)
    for quote in extract_quotes(doc):
        assert doc.text[quote.span.start : quote.span.end] == quote.text
        for rel in quote.segments + quote.ellipses + tuple(a.span for a in quote.alterations):
            assert 0 <= rel.start <= rel.end <= len(quote.text)


def _recall(setdir: Path) -> tuple[int, int, list[str]]:
    labels = [json.loads(line) for line in (setdir / "labels.jsonl").read_text().splitlines()]
    found = 0
    missed = []
    cache: dict[str, list[str]] = {}
    for label in labels:
        if label["brief"] not in cache:
            doc = load_document((setdir / label["brief"]).resolve())
            cache[label["brief"]] = [
                fold(" ".join(q.text.split())).strip(" .,;:") for q in extract_quotes(doc)
            ]
        want = fold(label["quote"]).strip(" .,;:")
        if any(fuzz.ratio(want, got) >= 90 for got in cache[label["brief"]]):
            found += 1
        else:
            missed.append(label["quote"])
    return found, len(labels), missed


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["seed", "dev"])
def test_quotes_extraction_recall_on_labelled_sets(shared: Path, name: str) -> None:
    found, total, missed = _recall(shared / "eval" / name)
    assert found / total >= 0.98, missed
