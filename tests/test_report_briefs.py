"""Every format for real briefs: the seed brief and a dev brief with many kinds of findings."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from test_report_json import validate

from quotecheck import pipeline
from quotecheck.models import Report
from quotecheck.report import render
from quotecheck.report.as_csv import BOM
from quotecheck.report.as_json import schema
from quotecheck.report.cells import CHECK_HEADERS

BRIEFS = ["seed/kadrey-v-meta-opposition-1292b.md", "eval/dev/briefs/dev-016.docx"]


@pytest.fixture(scope="module", params=BRIEFS, ids=["seed-md", "dev-016-docx"])
def report(request: pytest.FixtureRequest, shared: Path) -> Report:
    return pipeline.check_brief(shared / request.param, shared / "corpus")


@pytest.mark.corpus
def test_report_briefs_json_matches_schema(report: Report) -> None:
    data = json.loads(render(report, "json"))
    sch = schema()
    assert validate(data, sch, sch) == []
    assert len(data["quotes"]) == len(report.results)


@pytest.mark.corpus
def test_report_briefs_tables_have_one_row_per_finding(report: Report) -> None:
    n = len(report.findings)
    assert n > 0
    text = render(report, "csv")
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    assert rows[0] == list(CHECK_HEADERS)
    assert len(rows) - 1 == n
    md = render(report, "md")
    assert isinstance(md, str)
    assert sum(1 for ln in md.splitlines() if ln.startswith("| ")) - 1 == n
    table = render(report, "table")
    assert isinstance(table, str)
    assert all(f.code in table for f in report.findings)
    # The terminal table counts the source_missing rows in one line instead of listing them.
    missing = sum(f.kind.value == "source_missing" for f in report.findings)
    if missing:
        assert f"Not shown: {missing} quotations" in table


@pytest.mark.corpus
def test_report_briefs_docx_and_html(report: Report) -> None:
    import docx  # noqa: TID251 - the test opens the report as Word would

    data = render(report, "docx")
    assert isinstance(data, bytes)
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert len(table.rows) - 1 == len(report.findings)
    page = render(report, "html")
    assert isinstance(page, str)
    assert len(re.findall(r"<article ", page)) == len(report.results)
    assert page.count("<script") == 1


@pytest.mark.corpus
def test_report_briefs_paragraph_briefs_print_pilcrow(report: Report) -> None:
    md = render(report, "md")
    assert isinstance(md, str)
    rows = [ln for ln in md.splitlines() if ln.startswith("| ")][1:]
    where = [r.split("|")[2].strip() for r in rows[1:]]
    if report.line_unit == "paragraph":
        assert all(w.startswith("¶") for w in where if w)
    else:
        assert not any("¶" in w for w in where)
