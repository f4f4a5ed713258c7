"""The Markdown report: summary, the discrepancy table and reply-brief sentences.

In: a ``Report``. Out: GitHub-flavoured Markdown text. A ``check`` report has one table row per
finding (words the brief dropped ``~~struck~~``, words it added in ``**bold**``) and, for each
error, a sentence to adapt for a reply brief; an ``extract`` report has one row per quotation.
Text from the brief and the sources is escaped so it can neither break the table nor inject HTML.
"""

from __future__ import annotations

import re

from quotecheck.models import Report
from quotecheck.report import cells
from quotecheck.report.reply import reply_sentence

_SPECIAL = re.compile(r"([\\`*_~<>|])")
_WS = re.compile(r"\s+")


def escape(text: str) -> str:
    r"""Escape Markdown and HTML syntax in one table cell's text.

    >>> escape("a|b <script> *x*")
    'a\\|b \\<script\\> \\*x\\*'
    """
    return _SPECIAL.sub(r"\\\1", _WS.sub(" ", text))


def marked(segments: list[cells.Segment]) -> str:
    """Segments as Markdown: ``~~dropped~~`` and ``**added**``, white space outside the marks.

    >>> marked([cells.Segment("equal", "is "), cells.Segment("delete", "not "),
    ...         cells.Segment("equal", "so")])
    'is ~~not~~ so'
    """
    out = []
    for s in segments:
        if s.tag == "equal":
            out.append(escape(s.text))
            continue
        mark = "~~" if s.tag == "delete" else "**"
        core = s.text.strip()
        lead = " " if s.text[:1].isspace() else ""
        tail = " " if s.text[-1:].isspace() else ""
        out.append(f"{lead}{mark}{escape(core)}{mark}{tail}" if core else s.text)
    return "".join(out)


def _table(headers: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(c.strip() or " " for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report) -> str:
    """The report as Markdown.

    Args:
        report: an ``extract`` or ``check`` report.

    Returns:
        Markdown text ending with a newline.

    >>> from quotecheck.models import Report
    >>> render_markdown(Report("brief.md", None, ())).splitlines()[0]
    '# quotecheck: brief.md'
    """
    lines = [f"# quotecheck: {escape(report.brief)}", ""]
    if report.corpus:
        lines += [f"Corpus: {escape(report.corpus)}", ""]
    lines += [escape(cells.summary_line(report)), ""]
    if not report.checked:
        rows = [[escape(c) for c in row] for row in cells.extract_table(report)]
        lines += ["## Quotations", "", *_table(cells.EXTRACT_HEADERS, rows)]
        return "\n".join(lines) + "\n"
    table = cells.check_table(report)
    lines += ["## Discrepancies", ""]
    if table:
        rows = []
        for row in table:
            texts = [escape(t) for t in row.texts("")]
            texts[2] = marked(row.quote)
            texts[5] = f"{row.code} `{row.kind}`"
            rows.append(texts)
        lines += _table(cells.CHECK_HEADERS, rows)
        lines += [
            "",
            "~~Struck~~: the source's words the brief leaves out; **bold**: words the "
            "brief adds or changes.",
        ]
    else:
        lines.append("No discrepancies found.")
    replies = [
        (r.quote.id, f.code, text)
        for r, f in cells.check_rows(report)
        if (text := reply_sentence(r, f)) is not None
    ]
    if replies:
        lines += ["", "## For the reply brief", ""]
        for number, code, text in replies:
            lines.append(f"- #{number} ({code}): {_escape_reply(text)}")
    return "\n".join(lines) + "\n"


def _escape_reply(text: str) -> str:
    """Escape a reply sentence but keep its ``*case name*`` italics."""
    parts = text.split("*")
    # Odd-indexed parts sit between asterisks: the case names the sentence italicises.
    out = [escape(p) if i % 2 == 0 else f"*{escape(p)}*" for i, p in enumerate(parts)]
    return "".join(out) if len(parts) % 2 == 1 else escape(text)
