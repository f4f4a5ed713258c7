"""The CSV report: the Markdown report's rows, for Excel.

In: a ``Report``. Out: CSV text starting with a UTF-8 byte-order mark (so Excel reads it as
UTF-8), one header row, ``\\r\\n`` line ends. A ``check`` report has one row per finding, the
quote marked wdiff-style (``[-dropped-]``, ``{+added+}``); an ``extract`` report one row per
quotation. Cells that Excel would take for a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io

from quotecheck.models import Report
from quotecheck.report import cells

BOM = "\ufeff"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe(cell: str) -> str:
    """Keep Excel from evaluating a cell as a formula (CSV injection).

    >>> safe("=HYPERLINK(1)"), safe("plain")
    ("'=HYPERLINK(1)", 'plain')
    """
    return "'" + cell if cell.startswith(_FORMULA) else cell


def render_csv(report: Report) -> str:
    """The report as CSV text (with a byte-order mark).

    Args:
        report: an ``extract`` or ``check`` report.

    Returns:
        CSV text: BOM, header row, one row per finding (check) or quotation (extract).

    >>> from quotecheck.models import Report
    >>> render_csv(Report("b.md", None, (), checked=True)).lstrip(BOM).splitlines()[0]
    '#,Brief page:line,Quote,Citation,Found at,Finding,Evidence,Severity'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if report.checked:
        writer.writerow(cells.CHECK_HEADERS)
        for row in cells.check_table(report):
            writer.writerow([safe(c) for c in row.texts(cells.plain_marked(row.quote))])
    else:
        writer.writerow(cells.EXTRACT_HEADERS)
        for texts in cells.extract_table(report):
            writer.writerow([safe(c) for c in texts])
    return BOM + buf.getvalue()
