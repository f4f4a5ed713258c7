"""Tests for the corpus layer: formats, markers, pagination, the store and its robustness."""

from __future__ import annotations

import csv
import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from quotecheck.corpus import build_corpus, formats, open_corpus, store
from quotecheck.corpus.cites import docket_keys, parse_cite, pin_pages
from quotecheck.corpus.formats import RawSource, analyze, read_source, strip_markers
from quotecheck.corpus.manifest import parse_page_spec, read_manifest
from quotecheck.errors import CorpusError, DocumentLoadError
from quotecheck.models import Citation, CitationForm, Span, Unresolved

ROOT = Path(__file__).resolve().parents[1]


def make_citation(
    reporter: str | None = None,
    *,
    pin: str | None = None,
    docket: str | None = None,
    form: CitationForm = CitationForm.FULL,
    short_name: str | None = None,
) -> Citation:
    text = reporter or docket or short_name or "x"
    return Citation(
        Span(0, len(text)),
        text,
        form,
        text,
        pin=pin,
        reporter=reporter,
        docket=docket,
        short_name=short_name,
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


OPINION = (
    "123 F.3d 456\nUnited States Court of Appeals\nALPHA CORP., Plaintiff,\nv.\n"
    "BETA LLC, Defendant.\n"
    "No. 96-1234\n\nOpinion\nThe first page holds this sentence about widgets and gadgets. *457 "
    "The second page holds another sentence about sprockets[fn1] and cogs.\n*458 Third page text "
    "explains that the statute, 2019 WL 123, at *3, means what it says.\n\nFootnotes\n"
    "[fn1] A footnote about sprockets.\n"
)


@pytest.fixture(scope="module")
def shared_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    build_corpus(corpus_dir, db=db)
    return db


# ---------------------------------------------------------------------------------------------
# Citations and manifest


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("787 F.Supp.3d 1007", "787 F. Supp. 3d 1007"),
        ("114 S.Ct. 1164", "114 S. Ct. 1164"),
        ("127 L.Ed.2d 500", "127 L. Ed. 2d 500"),
        ("4 N.Y.3d 540", "4 N. Y. 3d 540"),
    ],
    ids=["f-supp-3d", "s-ct", "l-ed-2d", "ny3d"],
)
def test_cites_parse_cite_keys_ignore_spacing(a: str, b: str) -> None:
    ca, cb = parse_cite(a), parse_cite(b)
    assert ca is not None
    assert cb is not None
    assert ca.key == cb.key


@pytest.mark.parametrize(
    ("pin", "pages"),
    [
        ("1025-26", ("1025", "1026")),
        ("577\u201378", ("577", "578")),
        ("440 n.3", ("440",)),
        ("5", ("5",)),
        (None, ()),
        ("99-101", ("99", "100", "101")),
    ],
    ids=["range-short", "en-dash", "footnote", "single", "none", "century"],
)
def test_cites_pin_pages(pin: str | None, pages: tuple[str, ...]) -> None:
    assert pin_pages(pin) == pages


def test_cites_docket_keys_match_across_styles() -> None:
    assert docket_keys("No. 15\u20131406")[0] == docket_keys("No. 15-1406")[0]
    assert docket_keys("No. C 24-05417 WHA")[1] == docket_keys("No. 3:24-cv-05417-WHA")[1]


def test_manifest_reads_shared_manifest(corpus_dir: Path) -> None:
    manifest = read_manifest(corpus_dir / "MANIFEST.tsv")
    feist = next(e for name, e in manifest.items() if name.startswith("feist"))
    assert feist.pages is not None
    assert feist.pages.levels == {1: "S. Ct.", 2: "U.S."}
    assert parse_page_spec("pdf") is not None


def test_manifest_without_file_column_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "MANIFEST.tsv", "name\tcites\na.txt\t1 U.S. 1\n")
    with pytest.raises(CorpusError, match="file"):
        read_manifest(path)


# ---------------------------------------------------------------------------------------------
# Markers and pagination


def test_formats_strip_markers_removes_every_marker() -> None:
    raw = (
        "[[page 1]]\nIntro words[fn2] here.\n[opinion type=majority]\n"
        "A *12 b **1300 c [*7] d [**3] e.\n"
        "Case 3:24-cv-05417-WHA     Document 231     Filed 06/23/25     Page 1 of 32\n"
    )
    m = strip_markers(raw)
    assert m.text == "Intro words here.\nA b c d e.\n"
    assert not re.search(r"\[\[|\[fn|\[opinion|\*\d|Case 3:24", m.text)


def test_formats_database_pinpoints_are_not_star_pages() -> None:
    text = "See Spears, 2010 WL 54755, at *3; Id. at *4; X, [WL] at *24-26, *27. At *583 the end."
    m = strip_markers(text)
    assert "at *3" in m.text
    assert "at *4" in m.text
    assert "*27" in m.text
    assert m.stars == {("star", 1): ((m.text.index("the end"), 583),)}


def test_formats_first_page_unmarked_belongs_to_the_cite() -> None:
    a = analyze(RawSource(OPINION, "text"), document="alpha")
    st = a.source
    first = st.text.index("widgets")
    second = st.text.index("sprockets")
    third = st.text.index("statute")
    assert st.pages_of(Span(first, first + 7), "F.3d") == ("456",)
    assert st.pages_of(Span(second, second + 9), "F.3d") == ("457",)
    assert st.pages_of(Span(third, third + 7), "F.3d") == ("458",)
    assert "at *3" in st.text
    assert st.case_name == "Alpha Corp. v. Beta LLC"
    assert a.dockets == ("No. 96-1234",)
    note = st.text.index("A footnote")
    assert any(f.start <= note < f.end for f in st.footnotes)
    assert st.part_at(first) == "majority"


def test_formats_levels_inferred_from_cites_reverse_order() -> None:
    # The * level continues the S. Ct. cite, the ** level the U.S. cite (Feist's convention).
    text = (
        "499 U.S. 340\n111 S.Ct. 1282\nA v. B\nopening *1283 one **341 two *1284 three **342 four\n"
    )
    st = analyze(RawSource(text, "text"), document="x").source
    four = st.text.index("four")
    assert st.pages_of(Span(four, four + 4), "U.S.") == ("342",)
    assert st.pages_of(Span(four, four + 4), "S. Ct.") == ("1284",)
    opening = st.text.index("opening")
    assert st.pages_of(Span(opening, opening + 1), "U.S.") == ("340",)


def test_formats_lexis_reporter_line_names_levels() -> None:
    text = (
        "Reporter\n804 F.3d 202 *; 2015 U.S. App. LEXIS 17988 **\nA v. B\n"
        "Before [**1] one [*203] two [**2] three [*204] four.\n"
    )
    st = analyze(RawSource(text, "text"), document="x").source
    assert set(st.paginations) == {"F.3d", "U.S. App. LEXIS"}
    three = st.text.index("three")
    assert st.pages_of(Span(three, three + 5), "F.3d") == ("203",)
    assert st.text.endswith("Before one two three four.\n")


# Which raw marker regex each pagination kind uses in the independent computation below.
_RAW_MARKERS = {
    "star": r"(?<![\d*\[])(\*{%d})(\d+)(?![\d\]])",
    "lexis": r"\[(\*{%d})(\d+)\]",
}


def _expected_pages(raw: str, kind: str, level: int, first: int) -> list[tuple[int, int]]:
    """(raw offset, page) of each marker that is a page of this reporter, not an "at *N" pin."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(_RAW_MARKERS[kind] % level, raw):
        value = int(m[2])
        if re.search(r"\bat\s*$", raw[max(0, m.start() - 6) : m.start()]):
            continue
        if first <= value <= first + 400:
            out.append((m.end(), value))
    return out


def _manifest_rows(corpus_dir: Path) -> list[dict[str, str]]:
    with (corpus_dir / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.corpus
def test_corpus_pages_match_raw_markers(corpus_dir: Path, shared_db: Path) -> None:
    """For every paginated file, sentences get the page computed independently from the markers."""
    corpus = open_corpus(shared_db)
    checked_files = 0
    for row in _manifest_rows(corpus_dir):
        spec = row["pages"]
        if spec in ("", "none"):
            continue
        raw = (corpus_dir / row["file"]).read_text(encoding="utf-8")
        st = corpus.text(row["file"][: -len(".txt")])
        if spec == "pdf":
            levels = [("pdf", 0, "pdf", 1)]
        else:
            kind, _, rest = spec.partition(":")
            levels = []
            for item in rest.split(";"):
                marker, _, reporter = item.partition("=")
                first = next(
                    int(c.split()[-1])
                    for c in row["cites"].split(";")
                    if c.strip().rsplit(" ", 1)[0].replace(" ", "") in reporter.replace(" ", "")
                    or reporter.replace(" ", "") in c.replace(" ", "")
                )
                levels.append((kind, marker.count("*"), reporter, first))
        # Pieces of raw text between any two markers: each lies on one page of every level.
        pieces = re.split(
            r"\[\[page \d+\]\]|\[\*{1,3}\d+\]|(?<![\d*\[])\*{1,3}\d+|\[fn[^\]]*\]", raw
        )
        offsets, pos = [], 0
        for piece in pieces:
            start = raw.index(piece, pos)
            offsets.append((start, piece))
            pos = start + len(piece)
        candidates = [(s, p) for s, p in offsets if len(p.strip()) > 120]
        step = max(1, len(candidates) // 12)
        for start, piece in candidates[::step]:
            probe = piece.strip()[40:100]
            if st.text.count(probe) != 1:
                continue
            at = st.text.index(probe)
            raw_at = start + piece.index(probe)
            for kind, level, reporter, first in levels:
                if kind == "pdf":
                    marks = [(m.end(), int(m[1])) for m in re.finditer(r"\[\[page (\d+)\]\]", raw)]
                else:
                    marks = _expected_pages(raw, kind, level, first)
                before = [v for end, v in marks if end <= raw_at]
                expected = str(before[-1] if before else first)
                got = st.pages_of(Span(at, at + len(probe)), reporter)
                assert got == (expected,), (row["file"], reporter, probe)
        checked_files += 1
    assert checked_files >= 40


@pytest.mark.corpus
def test_corpus_every_shared_file_ingests(corpus_dir: Path, shared_db: Path) -> None:
    corpus = open_corpus(shared_db)
    ids = {d.id for d in corpus.documents()}
    files = {p.stem for p in corpus_dir.glob("*.txt")}
    assert files == ids
    assert corpus.build is None  # opened as a database file: no refresh


@pytest.mark.corpus
def test_corpus_feist_levels_are_reversed(shared_db: Path) -> None:
    corpus = open_corpus(shared_db)
    st = corpus.text("feist-v-rural-499us340-1991")
    at = st.text.index("The sine qua non of copyright is originality")
    assert st.pages_of(Span(at, at + 10), "U.S.") == ("345",)
    assert st.pages_of(Span(at, at + 10), "S. Ct.") == ("1287",)


@pytest.mark.corpus
def test_corpus_text_keeps_wording_and_drops_markers(corpus_dir: Path, shared_db: Path) -> None:
    corpus = open_corpus(shared_db)
    for doc in (
        "campbell-v-acuff-rose-510us569-1994",
        "bartz-v-anthropic-2025-06-23",
        "authors-guild-v-google-804f3d202-2d-cir-2015",
    ):
        st = corpus.text(doc)
        assert not re.search(r"\[\[page|\[fn\w*\]|\[\*+\d+\]|Document 231\s+Filed", st.text)
        assert len(st.pages) > 5
        runs = [r for r in st.pages if r.pagination == st.paginations[0]]
        assert all(a.span.end == b.span.start for a, b in zip(runs, runs[1:], strict=False))
    bartz = corpus.text("bartz-v-anthropic-2025-06-23").text
    assert "irredeemably\ninfringing even if the pirated copies" in bartz


@pytest.mark.corpus
def test_corpus_parts_tell_dissent_from_majority(shared_db: Path) -> None:
    corpus = open_corpus(shared_db)
    st = corpus.text("google-v-oracle-593us1-2021")
    kinds = [p.kind for p in st.parts]
    assert "majority" in kinds
    assert "dissent" in kinds
    at = st.text.index("Justice THOMAS, with whom")
    assert st.part_at(at + 30) == "dissent"


# ---------------------------------------------------------------------------------------------
# Other formats


def test_formats_courtlistener_json(tmp_path: Path) -> None:
    data = {
        "case_name": "Alpha v. Beta",
        "citations": [{"volume": 510, "reporter": "U.S.", "page": 569}],
        "html_with_citations": (
            '<div><p>Opening words here.</p><p>More <span class="star-pagination">*570</span> '
            'text<sup><a href="#fn1">1</a></sup> follows.</p></div>'
        ),
    }
    path = tmp_path / "cl.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    a = analyze(read_source(path), document="cl")
    st = a.source
    assert "*570" not in st.text
    assert "[fn" not in st.text
    follows = st.text.index("follows")
    assert st.pages_of(Span(follows, follows + 3), "U.S.") == ("570",)
    opening = st.text.index("Opening")
    assert st.pages_of(Span(opening, opening + 3), "U.S.") == ("569",)
    assert st.case_name == "Alpha v. Beta"


def test_formats_cap_json(tmp_path: Path) -> None:
    data = {
        "name_abbreviation": "Gamma v. Delta",
        "citations": [{"cite": "12 Mass. 34", "type": "official"}],
        "docket_number": "SJC-1",
        "casebody": {
            "data": (
                '<casebody><parties>GAMMA v. DELTA</parties><opinion type="majority">'
                '<p>First page words.</p><p>Then <page-number citation-index="1" label="35">*35'
                '</page-number> second page words.</p></opinion><opinion type="dissent">'
                "<p>I dissent strongly.</p></opinion></casebody>"
            )
        },
    }
    path = tmp_path / "cap.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    st = analyze(read_source(path), document="cap").source
    second = st.text.index("second page")
    assert st.pages_of(Span(second, second + 6), "Mass.") == ("35",)
    assert st.part_at(st.text.index("I dissent")) == "dissent"
    assert st.part_at(st.text.index("First page")) == "majority"


def test_formats_pdf_pages_and_ecf_header(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    pdf = pytest.importorskip("quotecheck.load.pdf")
    if not hasattr(pdf, "pdf_page_texts"):
        pytest.skip("quotecheck.load.pdf.pdf_page_texts is not there yet")
    path = tmp_path / "order.pdf"
    c = canvas.Canvas(str(path))
    for n in (1, 2):
        c.drawString(72, 800, f"Case 3:24-cv-05417-WHA Document 231 Filed 06/23/25 Page {n} of 2")
        c.drawString(72, 700, f"This is the body text of page number {n} of the order.")
        c.showPage()
    c.save()
    st = analyze(read_source(path), document="order").source
    assert "Document 231" not in st.text
    at = st.text.index("page number 2")
    assert st.pages_of(Span(at, at + 4), "pdf") == ("2",)


# ---------------------------------------------------------------------------------------------
# Store: robustness


def test_store_unchanged_folder_does_no_work(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder, "alpha.txt", OPINION)
    first = build_corpus(folder)
    mtime = first.db.stat().st_mtime_ns
    again = build_corpus(folder)
    assert first.changed
    assert not again.changed
    assert again.db.stat().st_mtime_ns == mtime
    (folder / "alpha.txt").touch()  # same content, new mtime: no re-indexing
    touched = build_corpus(folder)
    assert touched.added == touched.updated == 0
    write(folder, "alpha.txt", OPINION.replace("widgets", "wombats"))
    changed = build_corpus(folder)
    assert changed.updated == 1
    assert open_corpus(folder).search("holds this sentence about wombats and gadgets")


def test_store_default_db_inside_folder(tmp_path: Path) -> None:
    write(tmp_path, "alpha.txt", OPINION)
    corpus = open_corpus(tmp_path)
    assert corpus.path == tmp_path.resolve() / ".quotecheck" / "corpus.sqlite"
    assert corpus.build is not None
    assert corpus.build.documents == 1


def test_store_bad_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", OPINION)
    write(tmp_path, "empty.txt", "  \n")
    write(tmp_path, "markers-only.txt", "[[page 1]]\n*2 [[page 2]]\n12 [[page 3]]\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    write(tmp_path, "broken.json", "{not json")
    (tmp_path / "fake.pdf").write_bytes(b"%PDF-1.4 nothing here")
    report = build_corpus(tmp_path)
    assert report.documents == 1
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {
        "empty.txt",
        "markers-only.txt",
        "binary.txt",
        "broken.json",
        "fake.pdf",
    }
    assert "empty" in reasons["empty.txt"]
    assert "empty" in reasons["markers-only.txt"]  # a page marker's "page" is not text
    assert "binary" in reasons["binary.txt"]
    assert all(reasons.values())


def test_store_file_removed_while_a_build_reads_ahead_is_skipped(tmp_path: Path) -> None:
    """A file the build has asked the kernel to read ahead, deleted before its turn."""
    for i in range(6):
        write(tmp_path, f"op{i}.txt", OPINION.replace("Acuff-Rose", f"Acuff-Rose {i}"))
    assert store.READ_AHEAD >= 3  # op2 is read ahead before op0 is analysed

    def remove_op2(done: int, total: int, name: str) -> None:
        if done == 1:
            (tmp_path / "op2.txt").unlink()

    report = build_corpus(tmp_path, on_progress=remove_op2)
    assert report.documents == 5
    assert [Path(s.path).name for s in report.skipped] == ["op2.txt"]
    assert "op2.txt" in report.skipped[0].reason


def test_store_skipped_file_once_fixed_is_indexed_and_no_longer_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", OPINION)
    write(tmp_path, "later.txt", "  \n")
    first = build_corpus(tmp_path)
    assert (first.documents, [Path(s.path).name for s in first.skipped]) == (1, ["later.txt"])
    write(tmp_path, "later.txt", OPINION.replace("Acuff-Rose", "Later Music"))
    again = build_corpus(tmp_path)
    assert (again.documents, again.skipped, again.added) == (2, (), 1)
    # and a stored file that turns bad is taken out of the index and listed
    write(tmp_path, "good.txt", "")
    last = build_corpus(tmp_path)
    assert (last.documents, [Path(s.path).name for s in last.skipped]) == (1, ["good.txt"])
    with open_corpus(store.default_db(tmp_path)) as corpus:
        assert [d.id for d in corpus.documents()] == ["later"]


def test_store_encrypted_pdf_is_skipped(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "locked.pdf"), encrypt="secret")
    c.drawString(72, 700, "Hidden words.")
    c.save()
    write(tmp_path, "good.txt", OPINION)
    report = build_corpus(tmp_path)
    assert report.documents == 1
    assert [Path(s.path).name for s in report.skipped] == ["locked.pdf"]


def test_store_same_citation_in_two_files_is_ambiguous(tmp_path: Path) -> None:
    write(tmp_path, "alpha.txt", OPINION)
    write(tmp_path, "alpha-copy.txt", OPINION.replace("widgets", "other things"))
    corpus = open_corpus(tmp_path)
    result = corpus.resolve(make_citation("123 F.3d 456", pin="457"))
    assert isinstance(result, Unresolved)
    assert result.reason == "ambiguous"
    assert "alpha" in result.detail
    assert "alpha-copy" in result.detail


def test_store_bad_paths_raise_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such folder or database"):
        open_corpus(tmp_path / "missing")
    junk = write(tmp_path, "junk.sqlite", "not a database")
    with pytest.raises(CorpusError, match="neither a folder"):
        open_corpus(junk)
    with pytest.raises(DocumentLoadError):
        read_source(write(tmp_path, "e.txt", ""))


_KILL_SCRIPT = """
import sys, time
from pathlib import Path
from quotecheck.corpus import build_corpus

def slow(done, total, name):
    if done == 1:
        print("started", flush=True)
    time.sleep(0.05)

build_corpus(Path(sys.argv[1]), db=Path(sys.argv[2]), on_progress=slow)
"""


def test_store_killed_build_leaves_previous_db_intact(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder, "alpha.txt", OPINION)
    db = tmp_path / "corpus.sqlite"
    build_corpus(folder, db=db)
    before = db.read_bytes()
    for i in range(200):
        write(folder, f"more-{i}.txt", OPINION.replace("123 F.3d 456", f"{i + 1} F.3d 1"))
    with subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, str(folder), str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "started"
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert db.read_bytes() == before
    assert len(open_corpus(db)) == 1
    report = build_corpus(folder, db=db)
    assert report.documents == 201
    assert not list(tmp_path.glob("corpus.sqlite.*.tmp"))


# ---------------------------------------------------------------------------------------------
# Search


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("quote", "document", "pagination", "page"),
    [
        (
            "The task is not to be simplified with bright-line rules, for the statute, like the "
            "doctrine it recognizes, calls for case-by-case analysis.",
            "campbell-v-acuff-rose-510us569-1994",
            "U.S.",
            "577",
        ),
        (
            "The sine qua non of copyright is originality.",
            "feist-v-rural-499us340-1991",
            "U.S.",
            "345",
        ),
        (
            "Such piracy of otherwise available copies is inherently, irredeemably infringing",
            "bartz-v-anthropic-2025-06-23",
            "pdf",
            "19",
        ),
        # Two words changed: still found.
        (
            "The task is not to be simplified with simple rules, for the law, like the doctrine it "
            "recognizes, calls for case-by-case analysis.",
            "campbell-v-acuff-rose-510us569-1994",
            "U.S.",
            "577",
        ),
    ],
    ids=["campbell", "feist", "bartz-line-break", "altered"],
)
def test_store_search_finds_quotes(
    shared_db: Path, quote: str, document: str, pagination: str, page: str
) -> None:
    hits = open_corpus(shared_db).search(quote)
    assert hits
    best = hits[0]
    assert best.document == document
    assert best.pages[pagination] == (page,)
    assert best.score >= 85
    st = open_corpus(shared_db).text(document)
    assert st.text[best.span.start : best.span.end] == best.text


@pytest.mark.corpus
def test_store_search_absent_text_finds_nothing(shared_db: Path) -> None:
    hits = open_corpus(shared_db).search(
        "bananas ripen quickly when stored beside apples in a paper bag on the kitchen counter"
    )
    assert all(h.score < 75 for h in hits)


def test_store_copy_folder(tmp_path: Path, corpus_dir: Path) -> None:
    """Without the manifest, files still ingest (their own citations, inferred levels)."""
    if not corpus_dir.is_dir():
        pytest.skip("no shared corpus")
    for p in sorted(corpus_dir.glob("campbell*.txt")):
        shutil.copy(p, tmp_path / p.name)
    corpus = open_corpus(tmp_path)
    result = corpus.resolve(make_citation("510 U.S. 569", pin="577"))
    assert not isinstance(result, Unresolved)
    assert result.pages == ("577",)
    assert result.pagination == "U.S."


def test_store_database_of_an_older_version_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder, "alpha.txt", OPINION)
    db = build_corpus(folder).db
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE meta SET value='0' WHERE key='schema'")
    con.close()
    with pytest.raises(CorpusError, match="another quotecheck version"):
        open_corpus(db)
    again = build_corpus(folder)
    assert again.changed
    assert again.added == 1
    assert open_corpus(folder).search("holds this sentence about widgets and gadgets")


@pytest.mark.parametrize("fetch_df", [0, 1500], ids=["common-words-only", "rare-words"])
def test_store_search_by_intersection_when_no_word_is_rare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fetch_df: int
) -> None:
    """With every word too common to read whole, FTS5 intersections still find the place."""
    monkeypatch.setattr(store, "FETCH_DF", fetch_df)
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder, "alpha.txt", OPINION)
    filler = "The court held that the claim failed for want of proof. " * 30
    write(folder, "beta.txt", OPINION.replace("123 F.3d 456", "124 F.3d 1") + filler)
    corpus = open_corpus(folder)
    quote = "The second page holds another sentence about sprockets and cogs"
    hits = corpus.search(quote)
    assert hits
    assert hits[0].score >= 95
    st = corpus.text(hits[0].document)
    assert st.text[hits[0].span.start : hits[0].span.end] == hits[0].text
    assert "sprockets" in hits[0].text


@pytest.mark.corpus
def test_formats_keyword_led_searches_agree_with_full_regex_scans(corpus_dir: Path) -> None:
    """Headings and markers found from ``str.find`` hits are exactly what ``finditer`` finds."""
    files = sorted(corpus_dir.glob("*.txt"))
    if not files:
        pytest.skip("no shared corpus")
    headings = markers = 0
    for path in files:
        raw = read_source(path).text
        full = [(m.start(), m.group()) for m in formats._MARKERS.finditer(raw)]
        assert [(m.start(), m.group()) for m in formats._marker_matches(raw)] == full, path.name
        markers += len(full)
        text = strip_markers(raw).text
        full = [(m.start(), m.group()) for m in formats._PART_LINE.finditer(text)]
        assert [(m.start(), m.group()) for m in formats._part_lines(text)] == full, path.name
        headings += len(full)
    assert headings > 20
    assert markers > 1000


@settings(max_examples=300, deadline=None)
@given(
    hs.lists(hs.sampled_from(["\n", " ", "x", "Opinion", "OPINION", "All Citations", "Foot"])),
    hs.sampled_from([("Opinion",), ("Opinion", "OPINION", "Foot"), ("All Citations", "Footnotes")]),
)
def test_formats_line_starts_are_those_a_multiline_regex_finds(
    pieces: list[str], words: tuple[str, ...]
) -> None:
    text = "".join(pieces)
    anchored = re.compile("^(?:" + "|".join(map(re.escape, words)) + ")", re.M)
    assert formats._line_starts_with(text, words) == [m.start() for m in anchored.finditer(text)]


def test_store_scan_walks_subfolders_in_order_and_skips_hidden_ones(tmp_path: Path) -> None:
    for sub in ("b", "a", "a/deeper", ".hidden", "a/.cache"):
        (tmp_path / sub).mkdir()
    for name in (
        "z.txt",
        "a/y.md",
        "a/deeper/x.txt",
        "b/w.txt",
        ".hidden/v.txt",
        "a/.cache/u.txt",
        "README.txt",
        "MANIFEST.tsv",
        "a/notes.docx",
        ".dot.txt",
    ):
        (tmp_path / name).write_text("text", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p, _ in store._scan(tmp_path)]
    assert found == ["z.txt", "a/y.md", "a/deeper/x.txt", "b/w.txt"]
