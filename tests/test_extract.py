"""Issue 2's yardstick: extraction recall and citation pairing on the labelled sets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from quotecheck.evaluate import _pair, read_labels
from quotecheck.load.plain import load_plain
from quotecheck.models import CitationForm, QuoteKind
from quotecheck.pipeline import extract_brief


def _cite_matches(want: str, got: str | None) -> bool:
    if got is None:
        return False
    w = " ".join(re.sub(r"\s*\(text:.*$", "", want).split())
    g = " ".join(got.split())
    return fuzz.partial_ratio(w, g) >= 90 or fuzz.ratio(w, g) >= 85


def _scores(set_dir: Path) -> tuple[float, float]:
    labels = read_labels(set_dir)
    by_brief: dict[str, list] = {}
    for label in labels:
        by_brief.setdefault(label.brief, []).append(label)
    found = cited = paired = 0
    for brief, group in by_brief.items():
        report = extract_brief((set_dir / brief).resolve())
        pairs = _pair(group, report.results)
        found += len(pairs)
        for k, label in enumerate(group):
            if not label.cite or k not in pairs:
                continue
            cited += 1
            citation = report.results[pairs[k]].citation
            paired += _cite_matches(label.cite, citation.text if citation else None)
    return found / len(labels), paired / cited


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["seed", "dev"])
def test_extract_recall_and_citation_pairing(shared: Path, name: str) -> None:
    recall, pairing = _scores(shared / "eval" / name)
    assert recall >= 0.98
    assert pairing >= 0.95


@pytest.mark.corpus
def test_extract_seed_case_quote_has_record_cite_and_bartz_origin(seed_md: Path) -> None:
    report = extract_brief(seed_md)
    (result,) = [r for r in report.results if r.quote.text.startswith("[s]uch piracy")]
    assert result.citation is not None
    assert result.citation.form is CitationForm.RECORD
    assert result.citation.authority == "Dkt. 741"
    assert result.origin is not None
    assert "787 F. Supp. 3d 1007" in result.origin.authority
    assert result.origin.pin == "1025"
    assert (result.quote.page, result.quote.line) == (7, 12)


def test_extract_short_uncited_echo_is_a_phrase(tmp_path: Path) -> None:
    brief = tmp_path / "b.md"
    brief.write_text("Plaintiffs call them \u201cpirated\u201d copies.\n", encoding="utf-8")
    (result,) = extract_brief(brief).results
    assert result.quote.kind is QuoteKind.PHRASE
    assert result.citation is None


def test_extract_quotes_sharing_one_citation_sentence() -> None:
    from quotecheck.extract import extract

    doc = load_plain(
        "b.md",
        "The Court held \u201cone thing\u201d and \u201canother thing.\u201d "
        "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, 577 (1994). Next.",
    )
    ex = extract(doc)
    assert ex.attribution[0] == ex.attribution[1] is not None


CAMPBELL = "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, 577 (1994)"


@pytest.mark.parametrize(
    ("text", "echoes_campbell"),
    [
        # the citation of the sentence's own quotation (which the echo does not borrow)
        (f"A \u201cmarket substitute\u201d for \u201cthe original.\u201d {CAMPBELL}.", True),
        # the citation ending the sentence before it
        (f"Parody differs. {CAMPBELL}. So a \u201cmarket substitute\u201d is rare.", True),
        # a citation two sentences away, or none at all
        (f"It is a \u201cmarket substitute\u201d case. More words. {CAMPBELL}.", False),
        ("It is a \u201cmarket substitute\u201d case. More words.", False),
        # a record cite names no opinion
        ("A \u201cmarket substitute\u201d for \u201cthe original.\u201d Dkt. 741, at 5.", False),
    ],
)
def test_extract_echo_borrows_only_an_adjacent_case_citation(
    text: str, echoes_campbell: bool
) -> None:
    from quotecheck.extract import extract

    ex = extract(load_plain("b.md", text))
    (i,) = [k for k, q in enumerate(ex.quotes) if q.text == "market substitute"]
    assert ex.quotes[i].kind is QuoteKind.PHRASE
    assert ex.citation_for(i) is None  # an echo is no claim
    echoed = ex.echoed_citation(i)
    assert (echoed.text if echoed else None) == (CAMPBELL if echoes_campbell else None)


def _signature(path: Path) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """Each quote's folded text, its citation's authority and its emphasized words."""
    from quotecheck.text.normalize import fold

    out = []
    for r in extract_brief(path).results:
        text = r.quote.text
        emphasized = tuple(
            fold(text[e.span.start : e.span.end]) for e in r.quote.emphasis if e.span.length
        )
        out.append(
            (
                re.sub(r"-\s+", "-", " ".join(fold(text).split())),
                r.citation.authority if r.citation else None,
                emphasized,
            )
        )
    return out


def _renderings(shared: Path) -> list[Path]:
    briefs = sorted((shared / "eval" / "dev" / "briefs").glob("*.md"))
    briefs.append(shared / "seed" / "kadrey-v-meta-opposition-1292b.md")
    return [
        md.with_suffix(ext)
        for md in briefs
        for ext in (".docx", ".pdf")
        if md.with_suffix(ext).exists()
    ]


@pytest.mark.corpus
@pytest.mark.slow
def test_extract_renderings_yield_the_same_quotes_citations_and_emphasis(shared: Path) -> None:
    differing = {}
    for rendering in _renderings(shared):
        want = _signature(rendering.with_suffix(".md"))
        got = _signature(rendering)
        if [w[0] for w in want] != [g[0] for g in got]:
            differing[rendering.name] = "quotes"
        elif [w[1] for w in want] != [g[1] for g in got]:
            differing[rendering.name] = "citations"
        elif [w[2] for w in want] != [g[2] for g in got]:
            differing[rendering.name] = "emphasis"
    assert differing == {}


def test_extract_citation_sentence_whose_case_name_the_finder_cut_short() -> None:
    from quotecheck.extract import extract

    doc = load_plain(
        "b.md",
        "The court reasoned: \u201cThe subpoena is not unduly burdensome.\u201d In re DMCA "
        "Section 512(h) Subpoena to YouTube (Google, Inc.), 581 F. Supp. 3d 509, 516 (2022).",
    )
    ex = extract(doc)
    citation = ex.citation_for(0)
    assert citation is not None
    assert citation.pin == "516"
