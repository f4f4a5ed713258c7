"""Tests for resolve: citations to corpus documents and pinpoint pages."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from quotecheck.corpus import Corpus, build_corpus, open_corpus
from quotecheck.models import Citation, CitationForm, Source, Span, Unresolved
from quotecheck.resolve import resolve


def make_citation(
    reporter: str | None = None,
    *,
    pin: str | None = None,
    docket: str | None = None,
    form: CitationForm = CitationForm.FULL,
    short_name: str | None = None,
    case_name: str | None = None,
) -> Citation:
    text = reporter or docket or short_name or case_name or "x"
    return Citation(
        Span(0, len(text)),
        text,
        form,
        case_name or text,
        pin=pin,
        reporter=reporter,
        docket=docket,
        short_name=short_name,
        case_name=case_name,
    )


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    db = tmp_path_factory.mktemp("resolve") / "corpus.sqlite"
    build_corpus(corpus_dir, db=db)
    return open_corpus(db)


def _rows(corpus_dir: Path) -> list[dict[str, str]]:
    with (corpus_dir / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.corpus
def test_resolve_every_manifest_citation_and_docket(corpus_dir: Path, corpus: Corpus) -> None:
    checked = 0
    dockets = [
        d.strip() for row in _rows(corpus_dir) for d in row["docket"].split(";") if d.strip()
    ]
    for row in _rows(corpus_dir):
        stem = row["file"][: -len(".txt")]
        for cite in filter(None, (c.strip() for c in row["cites"].split(";"))):
            result = resolve(make_citation(cite), corpus)
            assert isinstance(result, Source), (cite, result)
            assert result.document == stem
            checked += 1
        for docket in filter(None, (d.strip() for d in row["docket"].split(";"))):
            if dockets.count(docket) > 1:
                continue
            result = resolve(make_citation(docket=docket), corpus)
            assert isinstance(result, Source), (docket, result)
            assert result.document == stem
            checked += 1
    assert checked > 100


@pytest.mark.corpus
def test_resolve_without_manifest_by_own_citations(corpus_dir: Path, tmp_path: Path) -> None:
    """Files whose text carries their citation (caption, Reporter or All Citations line) resolve."""
    for p in corpus_dir.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    corpus = open_corpus(tmp_path)
    carried = 0
    for row in _rows(corpus_dir):
        text = (corpus_dir / row["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        own = lines[:15] + [
            lines[i + 1]
            for i, ln in enumerate(lines[:-1])
            if ln.strip() in ("All Citations", "Reporter")
        ]
        squeezed = " ".join(re.sub(r"\s", "", ln) for ln in own)
        for cite in filter(None, (c.strip() for c in row["cites"].split(";"))):
            if re.sub(r"\s", "", cite) not in squeezed.replace("S.Ct.", "S.Ct."):
                continue
            result = corpus.resolve(make_citation(cite))
            assert isinstance(result, Source), (row["file"], cite, result)
            assert result.document == row["file"][: -len(".txt")]
            carried += 1
    assert carried >= 30


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (
            make_citation("787 F.Supp.3d 1007", pin="1025-26"),
            Source("bartz-v-anthropic-2025-06-23", "F. Supp. 3d", ("1025", "1026"), False),
        ),
        (
            make_citation("510 U.S. 569", pin="577-78"),
            Source("campbell-v-acuff-rose-510us569-1994", "U.S.", ("577", "578"), True),
        ),
        (
            make_citation("499 U.S. 340", pin="345"),
            Source("feist-v-rural-499us340-1991", "U.S.", ("345",), True),
        ),
        (
            make_citation("111 S. Ct. 1282", pin="1287"),
            Source("feist-v-rural-499us340-1991", "S. Ct.", ("1287",), True),
        ),
        (
            make_citation("804 F.3d 202", pin="207 n.3"),
            Source("authors-guild-v-google-804f3d202-2d-cir-2015", "F.3d", ("207",), True),
        ),
        (
            make_citation(docket="No. 15-1406", pin="5"),
            Source("scotus-goodyear-tire-rubber-co-v-haeger-2017-04-18-slip", "slip", ("5",), True),
        ),
        (
            make_citation("510 U.S.", pin="579", form=CitationForm.SHORT),
            Source("campbell-v-acuff-rose-510us569-1994", "U.S.", ("579",), True),
        ),
        (
            make_citation(short_name="Campbell", form=CitationForm.SHORT, pin="579"),
            Source("campbell-v-acuff-rose-510us569-1994", "U.S.", ("579",), True),
        ),
        (
            make_citation(
                case_name="Feist Publications, Inc. v. Rural Tel. Serv. Co.",
                form=CitationForm.SHORT,
            ),
            Source("feist-v-rural-499us340-1991", "U.S.", (), True),
        ),
    ],
    ids=[
        "bartz-unpaginated",
        "campbell",
        "feist-us",
        "feist-sct",
        "lexis-footnote-pin",
        "scotus-docket",
        "short-volume-reporter",
        "short-name",
        "short-case-name",
    ],
)
def test_resolve_sources(corpus: Corpus, citation: Citation, expected: Source) -> None:
    assert resolve(citation, corpus) == expected


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("citation", "reason"),
    [
        (make_citation("2025 WL 2308091", pin="3"), "not_in_corpus"),
        (make_citation("999 U.S. 1"), "not_in_corpus"),
        (make_citation("510 U.S. 569", pin="700"), "pin_outside"),
        (make_citation(docket="No. 99-9999"), "not_in_corpus"),
        # A full cite to an absent reporter never falls back to the case name.
        (make_citation("2025 WL 1752484", case_name="Bartz v. Anthropic PBC"), "not_in_corpus"),
        (make_citation(short_name="Nobody", form=CitationForm.SHORT), "not_in_corpus"),
    ],
    ids=[
        "wl-cite",
        "unknown-volume",
        "pin-outside",
        "unknown-docket",
        "wl-same-name",
        "unknown-name",
    ],
)
def test_resolve_unresolved(corpus: Corpus, citation: Citation, reason: str) -> None:
    result = resolve(citation, corpus)
    assert isinstance(result, Unresolved)
    assert result.reason == reason
    assert result.detail


def test_resolve_ambiguous_short_name(tmp_path: Path) -> None:
    body = "A *2 b *3 c.\n"
    (tmp_path / "a.txt").write_text("1 U.S. 1\nSmith v. Jones\n" + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("5 U.S. 1\nSmith v. Brown\n" + body, encoding="utf-8")
    corpus = open_corpus(tmp_path)
    result = resolve(make_citation(short_name="Smith", form=CitationForm.SHORT), corpus)
    assert isinstance(result, Unresolved)
    assert result.reason == "ambiguous"
    found = resolve(make_citation(short_name="Brown", form=CitationForm.SHORT, pin="2"), corpus)
    assert found == Source("b", "U.S.", ("2",), True)
