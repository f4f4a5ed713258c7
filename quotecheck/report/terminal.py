"""The terminal report and progress bar: the only module that imports rich.

In: a ``Report`` (or, for ``progress``, nothing). Out: the text of a rich table, summary first,
severities in colour when ``color`` is set; and a context manager yielding the
``(done, total, label)`` callback the pipeline reports progress through. Brief and source text
goes in as ``rich.text.Text``, never as markup, so "[s]uch" stays "[s]uch".
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from quotecheck.models import Report
from quotecheck.report import cells

#: What the pipeline calls as it goes: ``(done, total, label)``.
ProgressCallback = Callable[[int, int, str], None]

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEGMENT_STYLES = {"equal": "", "insert": "bold underline green", "delete": "strike red"}
_WIDTH = 160
_QUOTE_WIDTH = 70


def render_table(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The report as a terminal table, the summary first.

    Args:
        report: an ``extract`` or ``check`` report.
        color: emit ANSI colours and styles (for a terminal, not a file).
        width: line width; by default the terminal's when ``color`` is set, else 160.

    Returns:
        The rendered text.

    >>> from quotecheck.models import Report
    >>> render_table(Report("brief.md", None, ())).splitlines()[0]
    '0 quotations extracted from brief.md.'
    """
    if width is None:
        width = shutil.get_terminal_size((_WIDTH, 40)).columns if color else _WIDTH
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    console.print(_summary(report))
    if report.checked:
        console.print(_check_table(report, color=color))
        note = _info_note(report)
        if note:
            console.print(note)
    elif report.results:
        console.print(_extract_table(report))
    return buf.getvalue()


def _summary(report: Report) -> Text:
    if not report.checked:
        return Text(cells.summary_line(report))
    s = report.summary()
    text = Text(f"{s['quotes']} quotations: ")
    text.append(f"{s['verified']} verified", "green")
    text.append(f", {s['discrepancies']} with discrepancies, {s['unverified']} unverified; ")
    text.append(f"{s['errors']} errors", SEVERITY_STYLES["error"])
    text.append(", ")
    text.append(f"{s['warnings']} warnings", SEVERITY_STYLES["warning"])
    text.append(", ")
    text.append(f"{s['info']} info", SEVERITY_STYLES["info"])
    text.append(".")
    return text


#: Kinds the terminal table counts in one line instead of a row each: in a brief citing
#: many sources outside the corpus they would bury the discrepancies.
HIDDEN_KINDS = frozenset({"source_missing"})


def _info_note(report: Report) -> Text | None:
    """One line for the findings the terminal table leaves out."""
    hidden = [f for f in report.findings if f.kind.value in HIDDEN_KINDS]
    if not hidden:
        return None
    return Text(
        f"Not shown: {len(hidden)} quotations of sources not in the corpus ({hidden[0].code} "
        "source_missing); --format md, csv, html or json lists every one.",
        SEVERITY_STYLES["info"],
    )


def _extract_table(report: Report) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for header in cells.EXTRACT_HEADERS:
        table.add_column(header, overflow="fold", no_wrap=header in ("#", "Page:line", "Kind"))
    for row in cells.extract_table(report, width=_QUOTE_WIDTH):
        table.add_row(*(Text(c) for c in row))
    return table


def _check_table(report: Report, *, color: bool) -> Table:
    table = Table(show_lines=True, header_style="bold")
    ratios = {"Quote": 3, "Evidence": 3, "Citation": 1, "Found at": 1, "Finding": 1}
    for header in cells.CHECK_HEADERS:
        table.add_column(
            header,
            overflow="fold",
            ratio=ratios.get(header),
            no_wrap=header in ("#", "Severity"),
        )
    rows = [r for r in cells.check_table(report) if r.kind not in HIDDEN_KINDS]
    for row in rows:
        if color:
            quote = Text()
            for seg in row.quote:
                quote.append(seg.text, _SEGMENT_STYLES[seg.tag])
        else:
            quote = Text(cells.plain_marked(row.quote))
        texts = row.texts("")
        table.add_row(
            Text(texts[0]),
            Text(texts[1]),
            quote,
            Text(texts[3]),
            Text(texts[4]),
            Text(texts[5]),
            Text(cells.shorten(texts[6], 400)),
            Text(texts[7], SEVERITY_STYLES.get(row.severity, "")),
        )
    return table


@contextmanager
def progress(*, enabled: bool = True, stream: TextIO | None = None) -> Iterator[ProgressCallback]:
    """A progress bar on stderr; yields the callback to hand to the pipeline.

    Args:
        enabled: ``False`` (``--quiet``, or output not to a terminal) yields a callback that
            does nothing.
        stream: where to draw (default: ``sys.stderr``).

    Yields:
        ``callback(done, total, label)``.

    >>> with progress(enabled=False) as report_progress:
    ...     report_progress(1, 2, "aligning")
    """
    if not enabled:
        yield _ignore
        return
    console = Console(file=stream or sys.stderr)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("starting", total=None)

        def update(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total or None, description=label)

        yield update


def _ignore(done: int, total: int, label: str) -> None:
    """A progress callback that does nothing."""
