"""End to end: the seed brief, the known-good quotations and the eval yardsticks of issue 4."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from quotecheck.evaluate import evaluate
from quotecheck.models import FindingKind, QuoteKind, QuoteResult, Report, Severity
from quotecheck.pipeline import check_brief

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def seed_report(seed_md: Path, corpus_dir: Path) -> Report:
    return check_brief(seed_md, corpus_dir)


def _result(report: Report, starts: str) -> QuoteResult:
    (result,) = [r for r in report.results if " ".join(r.quote.text.split()).startswith(starts)]
    return result


def test_pipeline_seed_case_omitted_adjacent_qualifier(seed_report: Report) -> None:
    result = _result(seed_report, "[s]uch piracy")
    (finding,) = [f for f in result.findings if f.kind is FindingKind.OMITTED_ADJACENT_QUALIFIER]
    assert finding.evidence.source_after == "But this order need not decide this case on that rule."
    assert "this order need not decide" in finding.message
    assert result.match is not None
    assert result.match.document == "bartz-v-anthropic-2025-06-23"
    assert result.match.pages == ("19",)


def test_pipeline_seed_dropped_but_is_unmarked_capitalization(seed_report: Report) -> None:
    result = _result(seed_report, "This order need not decide")
    assert [f.kind for f in result.findings] == [FindingKind.UNMARKED_CAPITALIZATION]


@pytest.mark.parametrize(
    "starts",
    ["decide th[e] case", "[T]his order need not", "calls for case-by-case", "The [fair use] task"],
)
def test_pipeline_seed_faithful_quotes_pass(seed_report: Report, starts: str) -> None:
    result = _result(seed_report, starts)
    assert result.match is not None
    bad = [f for f in result.findings if f.kind is not FindingKind.EMPHASIS_CLAIM_UNSUPPORTED]
    assert bad == []


def test_pipeline_seed_echoes_are_placed_in_the_opinion_discussed_never_flagged(
    seed_report: Report,
) -> None:
    """A short uncited echo is looked up in the opinion its sentence cites, word for word."""
    echoes = [r for r in seed_report.results if r.quote.kind is QuoteKind.PHRASE]
    assert all(not r.findings and r.citation is None for r in echoes)
    general = [r for r in echoes if r.quote.text == "general-purpose"]
    assert len(general) == 2  # after "... 787 F.Supp.3d 1007, 1026." and before "See Bartz"
    for r in general:
        assert r.match is not None
        assert r.match.document == "bartz-v-anthropic-2025-06-23"
        assert r.match.source_text.lower() == "general-purpose"
    # A scare quote whose sentence cites nothing, and a term of art whose sentence cites a case
    # not in the corpus, stay unplaced.
    (pirated,) = [r for r in echoes if r.quote.text == "pirated"]
    assert pirated.match is None
    advance = [r for r in echoes if r.quote.text == "materially advance"]
    assert advance
    assert all(r.match is None for r in advance)


def test_pipeline_seed_unknown_wl_order_is_source_missing(seed_report: Report) -> None:
    # Quoted from the Aug. 11, 2025 Bartz order (2025 WL 2308091), which the corpus lacks: the
    # June order of the same docket is not it.
    result = _result(seed_report, "because Anthropic had presented")
    assert [f.kind for f in result.findings] == [FindingKind.SOURCE_MISSING]


def _known_good_brief(shared: Path, tmp_path: Path) -> tuple[Path, int]:
    tsv = (shared / "eval" / "known-good" / "authorityspoke-quote-anchors.tsv").read_text("utf-8")
    rows = list(csv.DictReader(tsv.splitlines(), delimiter="\t"))
    cite = "Oracle Am., Inc. v. Google Inc., 750 F.3d 1339 (Fed. Cir. 2014)"
    assert {r["corpus_file"] for r in rows} == {
        "oracle-america-v-google-750f3d1339-fed-cir-2014.txt"
    }
    paragraphs = []
    for row in rows:
        # Inside a quotation, the source's double marks become single ones, as a brief writes.
        words = row["exact_quote"].replace("\u201c", "\u2018").replace("\u201d", "\u2019")
        paragraphs.append(f"The Federal Circuit explained that \u201c{words}\u201d {cite}.")
    brief = tmp_path / "known-good.md"
    brief.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return brief, len(rows)


def test_pipeline_known_good_quotations_are_never_flagged(
    shared: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    brief, count = _known_good_brief(shared, tmp_path)
    report = check_brief(brief, corpus_dir)
    assert len(report.results) == count
    flagged = {
        r.quote.text: [f.kind.value for f in r.findings]
        for r in report.results
        if any(f.severity is not Severity.INFO for f in r.findings)
    }
    assert flagged == {}
    assert all(r.match is not None for r in report.results if len(r.quote.text.split()) > 3)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dev", "seed"])
def test_pipeline_eval_precision_and_recall(shared: Path, corpus_dir: Path, name: str) -> None:
    result = evaluate(shared / "eval" / name, lambda p: check_brief(p, corpus_dir))
    weak = {
        k.kind: (k.precision, k.recall)
        for k in result.kinds
        if k.tp + k.fn and min(k.precision, k.recall) < 0.9
    }
    assert weak == {}
    assert result.extraction_recall >= 0.98
    # No faithful quote is ever reported not found.
    assert not [
        m for m in result.misses if m.what == "false alarm" and m.detail.startswith("not_found")
    ]


def _figures(result) -> dict[str, float]:  # type: ignore[no-untyped-def]
    figures = {
        "extraction": result.extraction_recall,
        "attribution": result.attribution_accuracy,
        "pinpoint": result.pinpoint_accuracy,
    }
    for k in result.kinds:
        figures[f"{k.kind} precision"] = k.precision
        figures[f"{k.kind} recall"] = k.recall
    return figures


@pytest.mark.slow
@pytest.mark.parametrize("rendering", ["docx", "pdf"])
def test_pipeline_renderings_score_within_two_points_of_markdown(
    shared: Path, corpus_dir: Path, rendering: str
) -> None:
    from quotecheck.evaluate import read_labels, score

    set_dir = shared / "eval" / "dev"
    labels = read_labels(set_dir)
    briefs = [
        b
        for b in dict.fromkeys(lab.brief for lab in labels)
        if (set_dir / b).with_suffix("." + rendering).exists()
    ]
    subset = [lab for lab in labels if lab.brief in briefs]
    md = {b: check_brief(set_dir / b, corpus_dir) for b in briefs}
    other = {b: check_brief((set_dir / b).with_suffix("." + rendering), corpus_dir) for b in briefs}
    want, got = _figures(score(subset, md)), _figures(score(subset, other))
    assert set(want) == set(got)
    assert {k: (want[k], got[k]) for k in want if abs(want[k] - got[k]) > 0.02} == {}


def test_pipeline_limiting_sentence_is_the_evidence_past_a_citation_sentence(
    shared: Path, corpus_dir: Path
) -> None:
    # dev-016: a citation sentence stands between the quoted sentence and the one limiting it.
    report = check_brief(shared / "eval" / "dev" / "briefs" / "dev-016.md", corpus_dir)
    findings = [f for f in report.findings if f.kind is FindingKind.OMITTED_ADJACENT_QUALIFIER]
    assert findings
    for f in findings:
        assert f.evidence.source_after == f.evidence.source_text
        assert f.evidence.source_after.startswith("But")
        assert "- " not in f.evidence.source_after  # line-end word breaks joined


def test_pipeline_pin_past_the_last_page_is_a_wrong_pinpoint(
    corpus_dir: Path, tmp_path: Path
) -> None:
    # Campbell runs 510 U.S. 569-600; a pin at 610 is wrong, and the words are still found.
    brief = tmp_path / "b.md"
    brief.write_text(
        "The Court said the inquiry \u201ccalls for case-by-case analysis.\u201d Campbell v. "
        "Acuff-Rose Music, Inc., 510 U.S. 569, 610 (1994).\n",
        encoding="utf-8",
    )
    (result,) = check_brief(brief, corpus_dir).results
    assert [f.kind for f in result.findings] == [FindingKind.WRONG_PINPOINT]
    assert result.match is not None
    assert result.match.pages == ("577",)


def test_pipeline_words_dropped_mid_quote_are_an_omission_not_not_found(
    corpus_dir: Path, tmp_path: Path
) -> None:
    # Three of sixteen words dropped: the fuzzy score falls below the threshold, but both ends
    # of the quote stand in the cited source word for word.
    brief = tmp_path / "b.md"
    brief.write_text(
        "The Court noted: \u201cThey include a short segment of Ford's Kissinger and several "
        "other individuals.\u201d Harper & Row, Publishers, Inc. v. Nation Enters., 471 U.S. 539 "
        "(1985).\n",
        encoding="utf-8",
    )
    (result,) = check_brief(brief, corpus_dir).results
    assert [f.kind for f in result.findings] == [FindingKind.UNMARKED_OMISSION]
    assert "conversations with Henry" in result.findings[0].evidence.source_text


def test_pipeline_interrupted_passage_is_checked_once(corpus_dir: Path, tmp_path: Path) -> None:
    # Campbell: "The task is not to be simplified with bright-line rules, for the statute, like
    # the doctrine it recognizes, calls for case-by-case analysis." Quoted in two parts around
    # "the Court said", with a word changed in the second part.
    brief = tmp_path / "b.md"
    brief.write_text(
        "\u201cThe task is not to be simplified with bright-line rules,\u201d the Court said, "
        "\u201cfor the statute, like the doctrine it recognizes, calls for case-by-case "
        "review.\u201d "
        "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, 577 (1994).\n",
        encoding="utf-8",
    )
    first, second = check_brief(brief, corpus_dir).results
    assert first.quote.passage == second.quote.passage
    assert [f.kind for f in first.findings] == [FindingKind.ALTERED_WORDS]
    assert second.findings == ()
    assert second.match is not None
