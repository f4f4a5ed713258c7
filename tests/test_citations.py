"""Tests for quotecheck.extract.citations: forms, resolution, pins, origins, spans."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from quotecheck.extract.citations import extract_citations
from quotecheck.models import Citation, CitationForm, Document, ParentheticalKind, Span

F = CitationForm
K = ParentheticalKind


def _load(path: Path) -> Document:
    from quotecheck.load import load_document

    return load_document(path)


@cache
def _extracted(path: str) -> tuple[Document, tuple[Citation, ...]]:
    doc = _load(Path(path))
    return doc, extract_citations(doc.text, emphasis=doc.emphasis)


def _seed(seed_md: Path) -> tuple[Document, tuple[Citation, ...]]:
    return _extracted(str(seed_md))


def _one(cites: tuple[Citation, ...], text: str, *, after: int = 0) -> tuple[int, Citation]:
    """The first citation at or after ``after`` whose text (white space collapsed) is ``text``."""
    for i, c in enumerate(cites):
        if c.span.start >= after and " ".join(c.text.split()) == text:
            return i, c
    raise AssertionError(f"no citation {text!r}")


def _flat(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------------------------------------
# Synthetic cases: every form


FORMS = [
    (
        "See Smith v. Jones, 123 F.3d 456, 460 (9th Cir. 1999).",
        "Smith v. Jones, 123 F.3d 456, 460 (9th Cir. 1999)",
        F.FULL,
        "Smith v. Jones, 123 F.3d 456",
        "460",
    ),
    (
        "Bartz v. Anthropic PBC, 787 F.Supp.3d 1007, 1026 (N.D. Cal. 2025).",
        "Bartz v. Anthropic PBC, 787 F.Supp.3d 1007, 1026 (N.D. Cal. 2025)",
        F.FULL,
        "Bartz v. Anthropic PBC, 787 F. Supp. 3d 1007",
        "1026",
    ),
    (
        "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, 577–78 (1994).",
        "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, 577–78 (1994)",
        F.FULL,
        "Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569",
        "577-78",
    ),
    (
        "Ashmore v. N.E. Petroleum Div. of Cargill, Inc., 855 F. Supp. 438, 440 n.3 (D. Me. 1994).",
        "Ashmore v. N.E. Petroleum Div. of Cargill, Inc., 855 F. Supp. 438, 440 n.3 (D. Me. 1994)",
        F.FULL,
        "Ashmore v. N.E. Petroleum Div. of Cargill, Inc., 855 F. Supp. 438",
        "440 n.3",
    ),
    (
        "See, e.g., Goodyear Tire & Rubber Co. v. Haeger, No. 15-1406 (U.S. Apr. 18, 2017).",
        "Goodyear Tire & Rubber Co. v. Haeger, No. 15-1406 (U.S. Apr. 18, 2017)",
        F.FULL,
        "Goodyear Tire & Rubber Co. v. Haeger, No. 15-1406",
        None,
    ),
    (
        "Getz v. Boeing Co., No. C 07–06396 CW, 2009 WL 3765506, at *2 (N.D. Cal. June 16, 2009).",
        "Getz v. Boeing Co., No. C 07–06396 CW, 2009 WL 3765506, at *2 (N.D. Cal. June 16, 2009)",
        F.FULL,
        "Getz v. Boeing Co., 2009 WL 3765506",
        "*2",
    ),
    (
        "Alpha Corp. v. Beta LLC, 10 U.S. 20, 25-26, 130 S. Ct. 40 (2010) (holding so).",
        "Alpha Corp. v. Beta LLC, 10 U.S. 20, 25-26, 130 S. Ct. 40 (2010)",
        F.FULL,
        "Alpha Corp. v. Beta LLC, 10 U.S. 20",
        "25-26",
    ),
    (
        "The motion (ECF No. 12 at 3) says so.",
        "ECF No. 12 at 3",
        F.RECORD,
        "ECF No. 12",
        "3",
    ),
    (
        "(Dkt. 741, at 9 n.5.)",
        "Dkt. 741, at 9 n.5",
        F.RECORD,
        "Dkt. 741",
        "9 n.5",
    ),
    (
        "(Dkt. 680 (02/05/2026 Hearing Tr.), at 19:2-5, 23:13-24:9.)",
        "Dkt. 680 (02/05/2026 Hearing Tr.), at 19:2-5, 23:13-24:9",
        F.RECORD,
        "Dkt. 680",
        "19:2-5, 23:13-24:9",
    ),
    (
        "required by 28 U.S.C. § 1292(b).",
        "28 U.S.C. § 1292(b)",
        F.OTHER,
        "28 U.S.C. § 1292(b)",
        None,
    ),
    (
        "Edward Lee, Fair Use, 63 Hou. L. Rev. 104, 222 (2025).",
        "Edward Lee, Fair Use, 63 Hou. L. Rev. 104, 222 (2025)",
        F.FULL,
        "Edward Lee, Fair Use, 63 Hou. L. Rev. 104",
        "222",
    ),
    (
        "Roe, supra, at 12.",
        "Roe, supra, at 12",
        F.SUPRA,
        "Roe",
        "12",
    ),
    (
        "“Quote.” (Id. at 5.)",
        "Id. at 5",
        F.ID,
        "",
        "5",
    ),
]


@pytest.mark.parametrize(
    ("text", "written", "form", "authority", "pin"),
    FORMS,
    ids=[
        "full",
        "full-reporter-canonical",
        "full-en-dash-range",
        "full-footnote-pin",
        "full-docket-slip",
        "full-wl-star-pin",
        "full-parallel",
        "record-ecf",
        "record-dkt-footnote",
        "record-transcript",
        "other-statute",
        "journal",
        "supra-unresolved",
        "id-after-paren",
    ],
)
def test_citations_form_span_authority_pin(
    text: str, written: str, form: CitationForm, authority: str, pin: str | None
) -> None:
    cites = extract_citations(text)
    assert [c.text for c in cites] == [written]
    (c,) = cites
    assert c.form is form
    assert c.authority == authority
    assert c.pin == pin
    assert c.span == Span(text.index(written), text.index(written) + len(written))


REFERENCES = [
    (
        "Smith v. Jones, 123 F.3d 456, 460 (9th Cir. 1999). Smith, 123 F.3d at 461-62.",
        "Smith, 123 F.3d at 461-62",
        F.SHORT,
        "Smith v. Jones, 123 F.3d 456",
        "461-62",
        0,
    ),
    (
        "Spears v. Wash. Mut. Bank FA, No. C 08-00868 RMW, 2010 WL 54755, at *1 (N.D. Cal. "
        "Jan. 8, 2010). Spears, 2010 WL 54755, at *3.",
        "Spears, 2010 WL 54755, at *3",
        F.SHORT,
        "Spears v. Wash. Mut. Bank FA, 2010 WL 54755",
        "*3",
        0,
    ),
    (
        "Spears v. Wash. Mut. Bank FA, No. C 08-00868 RMW, 2010 WL 54755, at *1 (N.D. Cal. "
        "Jan. 8, 2010). Id. at *4.",
        "Id. at *4",
        F.ID,
        "Spears v. Wash. Mut. Bank FA, 2010 WL 54755",
        "*4",
        0,
    ),
    (
        "Smith v. Jones, 100 F.3d 1, 2 (1990). Id. at 1199.",
        "Id. at 1199",
        F.ID,
        "Smith v. Jones, 100 F.3d 1",
        "1199",
        0,
    ),
    (
        "Smith v. Jones, 100 F.3d 1, 2 (1990). Id.",
        "Id.",
        F.ID,
        "Smith v. Jones, 100 F.3d 1",
        "2",
        0,
    ),
    (
        "Buck v. Davis, No. 15-8049 (U.S. Feb. 22, 2017). Buck, No. 15-8049.",
        "Buck, No. 15-8049",
        F.SHORT,
        "Buck v. Davis, No. 15-8049",
        None,
        0,
    ),
    (
        "Bartz v. Anthropic PBC, No. C 24-05417 WHA, slip op. at 19 (N.D. Cal. June 23, 2025). "
        "Bartz, slip op. at 5.",
        "Bartz, slip op. at 5",
        F.SHORT,
        "Bartz v. Anthropic PBC, No. C 24-05417 WHA",
        "5",
        0,
    ),
    (
        "Roe v. Wade, 410 U.S. 113 (1973). Roe, supra, at 153.",
        "Roe, supra, at 153",
        F.SUPRA,
        "Roe v. Wade, 410 U.S. 113",
        "153",
        0,
    ),
    (
        "Jane Doe, Title of Note, 12 Harv. L. Rev. 100 (2020). Doe, at 110.",
        "Doe, at 110",
        F.SHORT,
        "Jane Doe, Title of Note, 12 Harv. L. Rev. 100",
        "110",
        0,
    ),
    (
        "(Dkt. 598 (“MSJ Order”), at 21-22.) Then (MSJ Order, at 19).",
        "MSJ Order, at 19",
        F.RECORD,
        "Dkt. 598",
        "19",
        0,
    ),
    (
        "(Dkt. 605, at 5.) The plaintiffs retreated (id.).",
        "id.",
        F.ID,
        "Dkt. 605",
        "5",
        0,
    ),
    (
        "Under 28 U.S.C. § 1292(b), and § 1291, appeals lie. Id.",
        "Id.",
        F.ID,
        "28 U.S.C. § 1292(b)",
        None,
        0,
    ),
    (
        "Smith v. Jones, 1 F.3d 1, 5 (2d Cir. 1990) (quoting Doe v. Roe, 2 F.3d 2, 3 (1st Cir. "
        "1989)). Id. at 6.",
        "Id. at 6",
        F.ID,
        "Smith v. Jones, 1 F.3d 1",
        "6",
        0,
    ),
    ("Compl. ¶ 4. See id. ¶¶ 5-6.", "id. ¶¶ 5-6", F.ID, "Compl.", "¶¶ 5-6", 0),
]


@pytest.mark.parametrize(
    ("text", "written", "form", "authority", "pin", "antecedent"),
    REFERENCES,
    ids=[
        "short-reporter",
        "short-wl",
        "id-after-wl",
        "id-far-pin",
        "id-bare-inherits-pin",
        "short-docket",
        "short-slip-op",
        "supra",
        "short-journal-name-at",
        "record-alias",
        "id-after-record",
        "id-after-statute",
        "id-skips-quoting-parenthetical",
        "id-paragraph-pin",
    ],
)
def test_citations_reference_resolves(
    text: str,
    written: str,
    form: CitationForm,
    authority: str,
    pin: str | None,
    antecedent: int,
) -> None:
    cites = extract_citations(text)
    _, c = _one(cites, written)
    assert c.form is form
    assert c.authority == authority
    assert c.pin == pin
    assert c.antecedent == antecedent


def test_citations_bare_section_is_not_a_citation() -> None:
    assert extract_citations("This issue does not warrant certification under § 1292(b).") == ()


def test_citations_every_parenthetical_in_order() -> None:
    text = (
        "Gitson v. Trader Joe’s Co., 63 F.Supp.3d 1114, 1117 (N.D. Cal. 2014) (Chhabria, J.) "
        "(citation omitted) (emphasis added; internal quotation marks omitted)."
    )
    (c,) = extract_citations(text)
    assert c.text == "Gitson v. Trader Joe’s Co., 63 F.Supp.3d 1114, 1117 (N.D. Cal. 2014)"
    assert [p.kinds for p in c.parentheticals] == [
        (K.COURT,),
        (K.COURT,),
        (K.CITATION_OMITTED,),
        (K.EMPHASIS_ADDED, K.INTERNAL_QUOTES_OMITTED),
    ]
    assert c.year == "2014"
    assert c.has(K.EMPHASIS_ADDED)


def test_citations_origin_resolves_against_earlier_cites() -> None:
    text = (
        "Bartz v. Anthropic PBC, 787 F.Supp.3d 1007, 1026 (N.D. Cal. 2025). Plaintiffs quote it. "
        "(Dkt. 741, at 5 (quoting Bartz, 787\nF.Supp.3d at 1025)).)"
    )
    _, dkt = _one(extract_citations(text), "Dkt. 741, at 5")
    assert dkt.has(K.QUOTING)
    assert dkt.origin is not None
    assert dkt.origin.form is F.SHORT
    assert dkt.origin.authority == "Bartz v. Anthropic PBC, 787 F. Supp. 3d 1007"
    assert dkt.origin.reporter == "787 F. Supp. 3d 1007"
    assert dkt.origin.pin == "1025"
    assert dkt.origin.antecedent == 0


def test_citations_nested_citations_stay_out_of_the_tuple() -> None:
    text = (
        "(MSJ Order, at 19 (citing Religious Tech. Ctr. v. Netcom On-Line Commc'n Servs., Inc., "
        "923 F. Supp. 1231, 1244 n.14 (N.D. Cal. 1995)).) Later: Netcom, 923 F. Supp. at 1250."
    )
    cites = extract_citations(text)
    assert [c.form for c in cites] == [F.SHORT]
    (short,) = cites
    assert short.authority.endswith("923 F. Supp. 1231")
    assert short.antecedent is None  # its full citation is nested, not in the tuple


def test_citations_italics_give_case_names() -> None:
    text = "See Bartz v.\nAnthropic PBC, No. 24-cv-05417 WHA, 2025 WL 2308091, at *3 (N.D. Cal.)"
    italic = Span(0, text.index(", No."))
    (c,) = extract_citations(text, emphasis=[italic])
    assert c.case_name == "Bartz v. Anthropic PBC"
    assert c.docket == "No. 24-cv-05417 WHA"
    assert c.text.startswith("Bartz v.\nAnthropic")


def test_citations_short_name_from_later_short_form() -> None:
    text = (
        "In re Cathode Ray Tube (CRT) Antitrust Litig., No. 07-5944 SC, 2013 WL 567281, at *4 "
        "(N.D. Cal. Feb. 13, 2013). See Cathode, 2013 WL 567281, at *4."
    )
    full, short = extract_citations(text)
    assert full.short_name == "Cathode"
    assert short.antecedent == 0


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "The issue was decided by the Court. Smith v. Jones, 1 U.S. 1 (1990).",
            "Smith v. Jones, 1 U.S. 1 (1990)",
        ),
        (
            "Accordingly, Alpha Corp. v. Beta Enters., 2 F.3d 3 (1990).",
            "Alpha Corp. v. Beta Enters., 2 F.3d 3 (1990)",
        ),
        (
            "In re Cement Antitrust Litig., 673 F.2d 1020, 1027 (9th Cir. 1981).",
            "In re Cement Antitrust Litig., 673 F.2d 1020, 1027 (9th Cir. 1981)",
        ),
        (
            "(quoting Bada Int’l, Inc. v. ChungHo Nais, Co., No. 13-SA-CV-01110-JVS-ANx, "
            "2014 WL 12965998 (C.D. Cal. Aug. 5, 2014))",
            "Bada Int’l, Inc. v. ChungHo Nais, Co., No. 13-SA-CV-01110-JVS-ANx, "
            "2014 WL 12965998 (C.D. Cal. Aug. 5, 2014)",
        ),
    ],
    ids=["sentence-before", "introductory-word", "in-re", "after-paren"],
)
def test_citations_case_name_start(text: str, written: str) -> None:
    assert [c.text for c in extract_citations(text)] == [written]


def test_citations_italics_do_not_join_across_paragraphs() -> None:
    text = "TABLE OF AUTHORITIES\n\nAshmore v. Cargill, Inc., 855 F. Supp. 438 (D. Me. 1994)"
    bold = Span(0, len("TABLE OF AUTHORITIES"))
    italic = Span(text.index("Ashmore"), text.index(", 855"))
    (c,) = extract_citations(text, emphasis=[bold, italic])
    assert c.case_name == "Ashmore v. Cargill, Inc."


def test_citations_empty_text() -> None:
    assert extract_citations("") == ()
    assert extract_citations("   \n") == ()


# ---------------------------------------------------------------------------------------------
# The seed brief and the labelled sets


@pytest.mark.corpus
def test_citations_seed_id_after_journal_resolves_to_journal(seed_md: Path) -> None:
    """Issue 2: *Id.* refers to the preceding authority of any kind (eyecite #349)."""
    doc, cites = _seed(seed_md)
    lee_at = doc.text.index("(Lee, at 222 (emphasis added")
    i, lee = _one(cites, "Lee, at 222", after=lee_at)
    assert lee.form is F.SHORT
    assert "63 Hou. L. Rev. 104" in lee.authority
    ident = cites[i + 1]
    assert ident.form is F.ID
    assert ident.antecedent == i
    assert ident.authority == lee.authority
    assert ident.pin == "222"
    assert ident.has(K.EMPHASIS_ADDED)
    _, at178 = _one(cites, "Id. at 178", after=lee_at)
    assert at178.authority == lee.authority
    assert at178.pin == "178"
    assert "Bartz" not in at178.authority


@pytest.mark.corpus
def test_citations_seed_id_chain_after_wl_cite(seed_md: Path) -> None:
    doc, cites = _seed(seed_md)
    i, wl = _one(cites, "Bartz, 2025 WL 2308091, at *3")
    assert wl.form is F.SHORT
    assert wl.authority == "Bartz v. Anthropic PBC, 2025 WL 2308091"
    for k in range(i + 1, i + 4):
        assert cites[k].form is F.ID
        assert cites[k].authority == wl.authority
        assert cites[k].pin == "*3"
    assert cites[i + 2].has(K.CITATION_OMITTED)


@pytest.mark.corpus
def test_citations_seed_origins(seed_md: Path) -> None:
    doc, cites = _seed(seed_md)
    _, dkt10 = _one(cites, "Dkt. 741, at 10")
    assert dkt10.origin is not None
    assert dkt10.origin.short_name == "Lee"
    assert "63 Hou. L. Rev. 104" in dkt10.origin.authority
    assert dkt10.origin.pin == "222"
    quoting = doc.text.index("(quoting *Bartz*") if "(quoting *Bartz*" in doc.text else 0
    dkt5 = next(
        c
        for c in cites
        if _flat(c.text) == "Dkt. 741, at 5" and c.span.start >= quoting and c.origin is not None
    )
    assert dkt5.origin is not None
    assert "787 F. Supp. 3d 1007" in dkt5.origin.authority
    assert dkt5.origin.pin == "1025"
    _, keskinen = _one(
        cites,
        "Keskinen v. Lush Handmade Cosmetics, LLC, No. 2:24-cv-8860-HDV-SK, 2025 WL 2019931, "
        "at *3 (C.D. Cal. June 24, 2025)",
    )
    assert keskinen.origin is not None
    assert keskinen.origin.authority.endswith("2014 WL 12965998")


@pytest.mark.corpus
def test_citations_seed_record_cites_and_aliases(seed_md: Path) -> None:
    _, cites = _seed(seed_md)
    i, msj = _one(cites, "Dkt. 598 (“MSJ Order”), at 21-22")
    assert (msj.form, msj.authority, msj.pin) == (F.RECORD, "Dkt. 598", "21-22")
    _, later = _one(cites, "MSJ Order, at 19")
    assert (later.form, later.authority, later.antecedent) == (F.RECORD, "Dkt. 598", i)
    assert later.has(K.CITING)
    _, hearing = _one(cites, "Dkt. 680 (02/05/2026 Hearing Tr.) at 19:2-5")
    assert hearing.pin == "19:2-5"
    _, notice = _one(cites, "Dkt. 741, at page v n.1")
    assert [p.text for p in notice.parentheticals] == ["Notice of Motion", "emphasis added"]


def _label_cite(cite: str) -> str:
    """A label's cite without the annotators' notes ("(= ...)", "(text: ...)") and signals."""
    cite = re.sub(r"\s*\((?:=|text:)[^()]*(?:\([^()]*\)[^()]*)*\)", "", cite)
    return re.sub(r"^(?:See(?:, e\.g\.,| also)?)\s+", "", _flat(cite))


def _matches(label: str, cites: tuple[Citation, ...], text: str) -> bool:
    written: list[str] = []
    for c in cites:
        end = c.parentheticals[-1].span.end + 1 if c.parentheticals else c.span.end
        written += [_flat(c.text), _flat(text[c.span.start : end])]
        if c.origin is not None:
            written.append(_flat(c.origin.text))
    for w in written:
        if w == label:
            return True
        comparable = min(len(w), len(label)) >= 0.6 * max(len(w), len(label))
        if comparable and fuzz.partial_ratio(label, w) >= 90:
            return True
    return False


@pytest.mark.corpus
@pytest.mark.slow
def test_citations_labelled_cites_are_found(shared: Path) -> None:
    found = total = 0
    missed: list[str] = []
    for name in ("seed", "dev"):
        folder = shared / "eval" / name
        for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            label = json.loads(line)
            if not label["cite"]:
                continue
            doc, cites = _extracted(str((folder / label["brief"]).resolve()))
            total += 1
            if _matches(_label_cite(label["cite"]), cites, doc.text):
                found += 1
            else:
                missed.append(label["cite"])
    assert total > 300
    assert found / total >= 0.98, f"{found}/{total} found; missed {missed[:10]}"


@pytest.mark.corpus
def test_citations_dev_docket_cites(shared: Path) -> None:
    brief = shared / "eval" / "dev" / "briefs" / "dev-003.md"
    _, cites = _extracted(str(brief.resolve()))
    full = [c for c in cites if c.form is F.FULL and c.docket == "No. 15-1406"]
    assert full
    assert full[0].authority == "Goodyear Tire & Rubber Co. v. Haeger, No. 15-1406"
    assert full[0].year == "2017"
    shorts = [c for c in cites if c.form is F.SHORT and c.docket == "No. 15-1406"]
    assert shorts
    assert all(s.authority == full[0].authority for s in shorts)


@pytest.mark.corpus
@pytest.mark.slow
def test_citations_seed_same_in_every_format(seed_md: Path) -> None:
    """The .docx and .pdf renderings of the seed give the same citations as the .md."""

    def summary(path: Path) -> list[tuple[object, ...]]:
        _, cites = _extracted(str(path))
        return [(c.form, c.authority, c.pin, c.antecedent) for c in cites]

    expected = summary(seed_md)
    assert len(expected) > 80
    for suffix in (".docx", ".pdf"):
        assert summary(seed_md.with_suffix(suffix)) == expected


# ---------------------------------------------------------------------------------------------
# Invariant: the text at every span is the object's text


PIECES = [
    "Bartz v. Anthropic PBC, 787 F.Supp.3d 1007, 1026 (N.D. Cal. 2025)",
    "Bartz, 787 F.Supp.3d at 1025",
    "Id. at 178",
    "(Id. (emphasis added).)",
    "Dkt. 741, at 5",
    "(Dkt. 741, at 10 (quoting Lee, at 222).)",
    "Dkt. 598 (“MSJ Order”), at 21-22",
    "(MSJ Order, at 21)",
    "Dkt. 680 (02/05/2026 Hearing Tr.), at 19:2-5",
    "ECF No. 12 at 3",
    "Spears, 2010 WL 54755, at *3",
    "Edward Lee, Fair Use, 63 Hou. L. Rev. 104 (2025)",
    "Lee, at 222",
    "Goodyear Tire & Rubber Co. v. Haeger, No. 15-1406 (U.S. Apr. 18, 2017)",
    "28 U.S.C. § 1292(b)",
    "(internal quotation marks and citation omitted)",
    "(cleaned up)",
    "(quoting Smith v. Jones, 1 F.3d 1, 5 (2d Cir. 1990))",
    "Roe, supra, at 12",
    "(",
    ")",
    "“",
    "”",
    ", ",
    ". ",
    "\n",
    "\n\n",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(min_size=0, max_size=12)),
        min_size=1,
        max_size=14,
    ),
    st.lists(st.tuples(st.integers(0, 400), st.integers(1, 40)), max_size=4),
)
def test_citations_spans_hold_their_text(pieces: list[str], italics: list[tuple[int, int]]) -> None:
    text = " ".join(pieces)
    emphasis = [Span(min(a, len(text)), min(a + n, len(text))) for a, n in italics]
    cites = extract_citations(text, emphasis=emphasis)
    assert [c.span.start for c in cites] == sorted(c.span.start for c in cites)
    for i, c in enumerate(cites):
        for cite in (c, c.origin) if c.origin is not None else (c,):
            assert text[cite.span.start : cite.span.end] == cite.text
            for p in cite.parentheticals:
                assert text[p.span.start : p.span.end] == p.text
        if c.antecedent is not None:
            assert 0 <= c.antecedent < i
