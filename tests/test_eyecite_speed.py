"""eyecite made faster gives eyecite's answers: windowed tokenizer, court lookup, no references."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.extract import _eyecite

CITES = [
    "787 F. Supp. 3d 1007, 1025 (N.D. Cal. 2025)",
    "510 U.S. 569, 578-79 (1994)",
    "Campbell, 510 U.S. at 580",
    "804 F.3d 202",
    "2025 WL 2308091, at *3",
    "17 U.S.C. § 107",
    "63 Hou. L. Rev. 104",
    "Id. at 5",
    "499 U. S. 340",
    "114 S.Ct. 1164",
    "Smith v. Jones, supra, at 4",
    "4 N. Y. 3d 540",
]
FILLER = "The court held that the use was fair. "


def _key(found: list[Any]) -> list[tuple[Any, ...]]:
    return [(type(c).__name__, c.span(), sorted(c.groups.items())) for c in found]


def _same(text: str) -> None:
    """Our eyecite call finds what plain eyecite finds, its reference citations aside."""
    import eyecite
    from eyecite.models import ReferenceCitation

    flat = re.sub(r"\s", " ", text)
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    plain = [c for c in eyecite.get_citations(flat) if not isinstance(c, ReferenceCitation)]
    assert _key(_eyecite.get_citations(flat)) == _key(plain)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    ["feist-v-rural-499us340-1991.txt", "cariou-v-prince-714f3d694-2d-cir-2013.txt"],
)
def test_windowed_tokenizer_matches_eyecite_on_opinions(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    text = path.read_text(encoding="utf-8")
    assert len(_eyecite.get_citations(text)) > 20  # the text does cite
    _same(text)


@pytest.mark.corpus
def test_windowed_tokenizer_matches_eyecite_on_the_seed(seed_md: Path) -> None:
    _same(seed_md.read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(CITES), st.integers(0, 2 * _eyecite.WINDOW + 20)),
        min_size=1,
        max_size=8,
    )
)
def test_windowed_tokenizer_matches_eyecite_at_any_spacing(parts: list[tuple[str, int]]) -> None:
    text = "".join((FILLER * 12)[:gap] + " " + cite + ". " for cite, gap in parts)
    _same(text)


def test_a_match_cut_by_a_window_falls_back_to_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_eyecite, "WINDOW", 5)
    text = "xx AB123456789 yy, and AB12 zz"
    hits = [text.index("B"), text.rindex("B")]
    pattern = re.compile(r"AB\d+")
    assert [m.group() for m in _eyecite._windowed_matches(pattern, text, hits)] == [
        "AB123456789",
        "AB12",
    ]


def test_every_abbreviation_fits_well_inside_a_window() -> None:
    """A citation starts at most its volume and abbreviation before the abbreviation's end."""
    from eyecite.models import CitationToken
    from eyecite.tokenizers import EXTRACTORS

    longest = max(
        len(s) for e in EXTRACTORS if e.constructor.__self__ is CitationToken for s in e.strings
    )
    assert longest + 20 < _eyecite.WINDOW


def _reference_court(paren_string: str) -> str | None:
    """eyecite 2.7's get_court_by_paren, verbatim in logic: the oracle for the fast one."""
    import re

    from eyecite.helpers import courts

    court_str = re.sub(r"[^\w]", "", paren_string).lower()
    court_code = None
    if court_str:
        for court in courts:
            s = re.sub(r"[^\w]", "", court["citation_string"]).lower()
            if s == court_str:
                return str(court["id"])
            if s.startswith(court_str):
                court_code = court["id"]
    return court_code


def test_fast_court_lookup_gives_eyecite_answers() -> None:
    import eyecite.helpers as helpers

    strings = [c["citation_string"] for c in helpers.courts[::25]]
    strings += ["N.D. Cal. 2025", "9th Cir", "2d Cir", "Pa.Super.", "S.D.N.Y.", "Cal", "", "J."]
    _eyecite.speed_up_court_lookup()
    assert helpers.get_court_by_paren is not _reference_court
    assert [helpers.get_court_by_paren(s) for s in strings] == [
        _reference_court(s) for s in strings
    ]


def test_number_first_patterns_run_only_where_a_number_precedes_the_abbreviation() -> None:
    def atlantic(text: str) -> bool:
        found = _eyecite.tokenizer()._candidates(text)
        return any("A." in e.strings and hits for e, hits in found)

    assert atlantic("The court cited 12 A. 345 there.")
    assert not atlantic("The U.S.A. and Mr. A. Smith agreed.")
    _same("The U.S.A. and Mr. A. Smith agreed; see 12 A. 345, 347 (Pa. 1888).")
