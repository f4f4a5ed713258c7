"""Renderers: dispatch, cells, terminal table, Markdown and CSV (golden structure)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import (
    make_citation,
    make_diff,
    make_finding,
    make_quote,
    make_report,
    make_result,
    make_sample_report,
)

from quotecheck.errors import ConfigError
from quotecheck.models import DiffTag, FindingKind, Report
from quotecheck.report import FORMATS, infer_format, render
from quotecheck.report.as_csv import BOM
from quotecheck.report.cells import (
    CHECK_HEADERS,
    EXTRACT_HEADERS,
    brief_segments,
    location,
    plain_marked,
    source_segments,
)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("r.json", "json"),
        ("r.md", "md"),
        ("r.CSV", "csv"),
        ("r.html", "html"),
        ("r.htm", "html"),
        ("r.docx", "docx"),
        ("r.txt", "table"),
    ],
    ids=["json", "md", "csv-upper", "html", "htm", "docx", "txt"],
)
def test_report_infer_format_from_suffix(name: str, fmt: str) -> None:
    assert infer_format(Path(name)) == fmt


def test_report_infer_format_unknown_suffix_names_the_choices() -> None:
    with pytest.raises(ConfigError, match=r"\.csv"):
        infer_format(Path("report.xlsx"))


def test_report_render_unknown_format_raises() -> None:
    with pytest.raises(ConfigError, match="choose one of"):
        render(make_report(), "pdf")


@pytest.mark.parametrize("fmt", sorted(FORMATS), ids=sorted(FORMATS))
@pytest.mark.parametrize("checked", [True, False], ids=["check", "extract"])
def test_report_every_format_renders_empty_and_full(fmt: str, checked: bool) -> None:
    for report in (make_report((), checked=checked), make_sample_report(checked=checked)):
        out = render(report, fmt)
        assert out, fmt
        assert isinstance(out, bytes) == (fmt == "docx")


@pytest.mark.parametrize(
    ("unit", "page", "line", "want"),
    [
        ("line", 4, 12, "4:12"),
        ("line", None, None, ""),
        ("line", 3, None, "3"),
        ("paragraph", None, 31, "¶31"),
    ],
    ids=["page-line", "unknown", "page-only", "paragraph"],
)
def test_report_location(unit: str, page: int | None, line: int | None, want: str) -> None:
    assert location(Report("b", None, (), line_unit=unit), page, line) == want


def test_report_segments_mark_diff_both_sides() -> None:
    source = "the use of pirated copies is not permitted"
    brief = "the use of copies is clearly permitted"
    ops = make_diff(brief, source)
    marked = plain_marked(brief_segments(brief, ops))
    assert marked == "the use of [-pirated-] copies is [-not-]{+clearly+} permitted"
    src = source_segments(source, ops)
    assert [s.text for s in src if s.tag == "delete"] == ["pirated", "not"]
    assert "".join(s.text for s in src) == source


def test_report_segments_absolute_brief_spans_are_placed() -> None:
    brief, source = "This order", "this order"
    ops = tuple(op for op in make_diff(brief, source) if op.tag is not DiffTag.EQUAL)
    shifted = tuple(
        type(op)(op.tag, op.brief_span.shift(500), op.source_span, op.brief_text, op.source_text)
        for op in ops
    )
    assert plain_marked(brief_segments(brief, shifted, origin=500)) == "[-this-]{+This+} order"


def test_report_segments_unplaceable_ops_leave_text_unmarked() -> None:
    ops = make_diff("entirely other words", "nothing alike here")
    assert plain_marked(brief_segments("the brief's words", ops)) == "the brief's words"


def test_report_table_check_summary_first_and_one_row_per_finding() -> None:
    report = make_sample_report()
    out = render(report, "table")
    assert isinstance(out, str)
    assert out.splitlines()[0].startswith("9 quotations: 2 verified")
    for header in ("Brief page:line", "Found at", "Severity"):
        assert header in out
    for f in report.findings:
        assert f.code in out
    assert "\x1b[" not in out
    assert "[s]uch" in out  # brackets are text, not rich markup


def test_report_table_color_emits_ansi() -> None:
    out = render(make_sample_report(), "table", color=True)
    assert isinstance(out, str)
    assert "\x1b[" in out


def test_report_table_extract_lists_quotes() -> None:
    out = render(make_sample_report(checked=False), "table")
    assert isinstance(out, str)
    assert "Parentheticals" in out
    assert "quoting Bartz" in out
    assert "QC" not in out


def test_report_progress_callback_runs() -> None:
    from quotecheck.report.terminal import progress

    stream = io.StringIO()
    with progress(stream=stream) as update:
        for i in range(3):
            update(i + 1, 3, "aligning")
    with progress(enabled=False) as update:
        update(1, 1, "ignored")


def _md_rows(text: str) -> list[list[str]]:
    rows = [ln for ln in text.splitlines() if ln.startswith("| ")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", r)[1:-1]] for r in rows]


def test_report_markdown_check_table_shape() -> None:
    report = make_sample_report()
    out = render(report, "md")
    assert isinstance(out, str)
    rows = _md_rows(out)
    assert rows[0] == list(CHECK_HEADERS)
    assert len(rows) - 1 == len(report.findings)
    assert all(len(r) == len(CHECK_HEADERS) for r in rows)
    assert "<script>" not in out
    assert "\\<script\\>" in out
    assert "~~usually the most important factor~~**always dispositive**" in out
    assert "## For the reply brief" in out
    assert '"But this order need not decide this case on that rule."' in out


def test_report_markdown_pipe_in_quote_does_not_break_table() -> None:
    q = make_quote("either | or")
    report = make_report((make_result(q, make_citation(), findings=(make_finding(),)),))
    out = render(report, "md")
    assert isinstance(out, str)
    assert all(len(r) == len(CHECK_HEADERS) for r in _md_rows(out))


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


def test_report_csv_check_rows_and_bom() -> None:
    report = make_sample_report()
    out = render(report, "csv")
    assert isinstance(out, str)
    assert out.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    rows = _csv_rows(out)
    assert rows[0] == list(CHECK_HEADERS)
    assert len(rows) - 1 == len(report.findings)
    assert [r[5].split()[0] for r in rows[1:]] == [f.code for _, f in _pairs(report)]
    assert "\r\n" in out


def test_report_csv_formula_cells_are_neutralised() -> None:
    q = make_quote('=HYPERLINK("http://x")')
    out = render(make_report((make_result(q),), checked=False), "csv")
    assert isinstance(out, str)
    assert _csv_rows(out)[1][3].startswith("'=")


def test_report_csv_extract_headers() -> None:
    out = render(make_sample_report(checked=False), "csv")
    assert isinstance(out, str)
    rows = _csv_rows(out)
    assert rows[0] == list(EXTRACT_HEADERS)
    assert len(rows) == 10


def _pairs(report: Report) -> list[tuple[object, object]]:
    from quotecheck.report.cells import check_rows

    return list(check_rows(report))


def _structure(rows: list[list[str]], code_col: int) -> str:
    out = [" | ".join(rows[0])]
    out += [" | ".join([r[0], r[1], r[2], r[code_col].split()[0], r[-1]]) for r in rows[1:]]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("fmt", ["md", "csv"], ids=["md", "csv"])
def test_report_golden_structure(fmt: str, golden: Callable[[str, str], None]) -> None:
    out = render(make_sample_report(), fmt)
    assert isinstance(out, str)
    rows = _md_rows(out) if fmt == "md" else _csv_rows(out)
    golden(f"report_check.{fmt}.txt", _structure(rows, 5))


def test_report_reply_sentence_for_errors_only() -> None:
    from quotecheck.report.reply import reply_sentence

    report = make_sample_report()
    for r in report.results:
        for f in r.findings:
            sentence = reply_sentence(r, f)
            assert (sentence is not None) == (f.severity.value == "error")
    r1 = report.results[0]
    sentence = reply_sentence(r1, r1.findings[0])
    assert sentence is not None
    assert "omits the very next sentence" in sentence
    assert sentence.endswith("*Bartz*, slip op. at 19.")


def test_report_reply_sentence_reporter_pin() -> None:
    from quotecheck.report.reply import reply_sentence

    r4 = make_sample_report().results[3]
    f = next(f for f in r4.findings if f.kind is FindingKind.ALTERED_WORDS)
    sentence = reply_sentence(r4, f)
    assert sentence is not None
    assert sentence.endswith("*Harper & Row*, 471 U.S. at 566.")


def test_report_html_escapes_brief_and_source_text() -> None:
    out = render(make_sample_report(), "html")
    assert isinstance(out, str)
    assert "<script>alert(1)" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<script>") == 1
    assert "Content-Security-Policy" in out
    assert "http://" not in out
    assert "https://" not in out
    assert "src=" not in out


def test_report_html_side_by_side_and_omitted_sentence() -> None:
    out = render(make_sample_report(), "html")
    assert isinstance(out, str)
    card = re.search(r'<article [^>]*id="q1".*?</article>', out, re.S)
    assert card is not None
    assert (
        '<span class="omitted">But this order need not decide this case on that rule.</span>'
        in (card.group(0))
    )
    card4 = re.search(r'<article [^>]*id="q4".*?</article>', out, re.S)
    assert card4 is not None
    assert "<del>usually the most important factor</del>" in card4.group(0)
    assert "<ins>always dispositive</ins>" in card4.group(0)
    assert 'data-kinds="altered_words wrong_pinpoint"' in card4.group(0)


def test_report_html_golden_structure(golden: Callable[[str, str], None]) -> None:
    out = render(make_sample_report(), "html")
    assert isinstance(out, str)
    cards = re.findall(
        r'<article class="quote ([^"]+)" id="(q\d+)" data-severities="([^"]*)" '
        r'data-kinds="([^"]*)" data-status="(\w+)"',
        out,
    )
    items = re.findall(r'<li data-severity="(\w+)" data-kind="(\w+)">', out)
    lines = [" ".join(c) for c in cards] + [" ".join(i) for i in items]
    counts = {
        k: out.count(v)
        for k, v in {
            "ins": "<ins>",
            "del": "<del>",
            "omitted": 'class="omitted"',
            "reply": 'class="reply"',
        }.items()
    }
    lines.append(" ".join(f"{k}={n}" for k, n in counts.items()))
    golden("report_check.html.txt", "\n".join(lines) + "\n")


def _docx_table(data: bytes) -> object:
    import docx  # noqa: TID251 - the test opens the report as Word would

    return docx.Document(io.BytesIO(data))


def test_report_docx_one_row_per_finding_with_marks() -> None:
    report = make_sample_report()
    data = render(report, "docx")
    assert isinstance(data, bytes)
    document = _docx_table(data)
    table = document.tables[0]  # type: ignore[attr-defined]
    assert [c.text for c in table.rows[0].cells] == list(CHECK_HEADERS)
    assert len(table.rows) - 1 == len(report.findings)
    section = document.sections[0]  # type: ignore[attr-defined]
    assert section.page_width > section.page_height
    runs = table.rows[4].cells[2].paragraphs[0].runs
    struck = [r.text for r in runs if r.font.strike]
    underlined = [r.text for r in runs if r.font.underline]
    assert struck == ["usually the most important factor"]
    assert underlined == ["<script>alert(1)</script>", "always dispositive"]


def test_report_docx_extract_has_quote_rows() -> None:
    data = render(make_sample_report(checked=False), "docx")
    assert isinstance(data, bytes)
    table = _docx_table(data).tables[0]  # type: ignore[attr-defined]
    assert [c.text for c in table.rows[0].cells] == list(EXTRACT_HEADERS)
    assert len(table.rows) == 10


def test_report_docx_golden_structure(golden: Callable[[str, str], None]) -> None:
    data = render(make_sample_report(), "docx")
    assert isinstance(data, bytes)
    table = _docx_table(data).tables[0]  # type: ignore[attr-defined]
    lines = [" | ".join(c.text for c in table.rows[0].cells)]
    for row in table.rows[1:]:
        runs = row.cells[2].paragraphs[0].runs
        marks = "".join("s" if r.font.strike else "u" if r.font.underline else "." for r in runs)
        lines.append(f"{row.cells[0].text} | {row.cells[5].text} | {row.cells[7].text} | {marks}")
    golden("report_check.docx.txt", "\n".join(lines) + "\n")
