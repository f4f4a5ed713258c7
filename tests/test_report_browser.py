"""The HTML report in a real browser (headless Chromium): rows visible, filters work, and a
brief's ``<script>`` runs nothing. Skipped when Chromium is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import make_sample_report

from quotecheck.report import render

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
        if p and Path(p).exists()
    ),
    None,
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)"
)


def _dump(page: Path, fragment: str = "") -> str:
    assert CHROMIUM is not None
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return proc.stdout


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    html = render(make_sample_report(), "html")
    assert isinstance(html, str)
    path.write_text(html, encoding="utf-8")
    return path


def _cards(dom: str) -> dict[str, bool]:
    """Quote id -> visible, from the dumped DOM."""
    out = {}
    for m in re.finditer(r"<article ([^>]*)>", dom):
        attrs = m.group(1)
        ident = re.search(r'id="q(\d+)"', attrs)
        assert ident is not None
        out[ident.group(1)] = "hidden" not in re.sub(r'"[^"]*"', '""', attrs)
    return out


def test_report_browser_rows_visible_and_script_ran(page: Path) -> None:
    dom = _dump(page)
    # Our own script ran: it sets the title and the count.
    assert "<title>quotecheck: 5 of 9 shown</title>" in dom
    assert 'data-shown="5"' in dom
    cards = _cards(dom)
    assert len(cards) == 9
    # By default errors and warnings are shown; info-only, verified and uncited quotes are not.
    assert [k for k, v in cards.items() if v] == ["1", "3", "4", "6", "7"]


def test_report_browser_brief_script_does_not_run(page: Path) -> None:
    dom = _dump(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script>alert(1)" not in dom
    assert dom.count("<script>") == 1  # only the report's own script element


@pytest.mark.parametrize(
    ("fragment", "visible"),
    [
        ("#severity=error", ["1", "3", "4", "7"]),
        ("#severity=warning&kind=wrong_pinpoint", ["4"]),
        ("#severity=error,warning,info,none", ["1", "2", "3", "4", "5", "6", "7", "8", "9"]),
        ("?severity=info", ["2", "5"]),
    ],
    ids=["errors", "kind-and-severity", "everything", "query-string"],
)
def test_report_browser_filter_preset_from_url(
    page: Path, fragment: str, visible: list[str]
) -> None:
    dom = _dump(page, fragment)
    cards = _cards(dom)
    assert [k for k, v in cards.items() if v] == visible
    assert f'data-shown="{len(visible)}"' in dom


def test_report_browser_finding_rows_filtered_inside_a_card(page: Path) -> None:
    dom = _dump(page, "#severity=warning")
    card = re.search(r'<article [^>]*id="q4".*?</article>', dom, re.S)
    assert card is not None
    items = re.findall(r"<li ([^>]*)>", card.group(0))
    hidden = {re.search(r'data-kind="(\w+)"', i).group(1): "hidden" in i for i in items}  # type: ignore[union-attr]
    assert hidden == {"altered_words": True, "wrong_pinpoint": False}
