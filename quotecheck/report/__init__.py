"""Render a ``Report`` in any output format: terminal table, JSON, Markdown, CSV, HTML, Word.

In: a ``models.Report`` (from ``extract`` or ``check``) and a format name. Out: the text of the
report (``bytes`` for ``docx``). This package imports only ``quotecheck.models`` (plus
``quotecheck.errors`` for a bad format name); each format's module is imported on first use, so
rich and python-docx load only when their format is asked for.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from quotecheck.errors import ConfigError
from quotecheck.models import Report

#: Format name -> (module, function). Every function takes the report (and ``color`` for table).
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("quotecheck.report.terminal", "render_table"),
    "json": ("quotecheck.report.as_json", "render_json"),
    "md": ("quotecheck.report.as_markdown", "render_markdown"),
    "csv": ("quotecheck.report.as_csv", "render_csv"),
    "html": ("quotecheck.report.as_html", "render_html"),
    "docx": ("quotecheck.report.as_docx", "render_docx"),
}
_ALIASES = {"markdown": "md", "terminal": "table", "text": "table", "word": "docx", "htm": "html"}
_SUFFIXES = {
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".txt": "table",
}

__all__ = ["FORMATS", "infer_format", "render"]


def render(report: Report, fmt: str, *, color: bool = False) -> str | bytes:
    """Render ``report`` as ``fmt``.

    Args:
        report: the report to render.
        fmt: ``table``, ``json``, ``md``, ``csv``, ``html`` or ``docx`` (``markdown``, ``word``
            and ``text`` are accepted as aliases).
        color: for ``table`` only: emit terminal colour codes.

    Returns:
        Text for every format but ``docx``, which returns the bytes of a Word file.

    Raises:
        ConfigError: ``fmt`` is not a known format.

    >>> from quotecheck.models import Report
    >>> render(Report("brief.md", None, ()), "json").startswith("{")
    True
    """
    name = _ALIASES.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")
    module, func = FORMATS[name]
    renderer = getattr(import_module(module), func)
    if name == "table":
        out: str | bytes = renderer(report, color=color)
    else:
        out = renderer(report)
    return out


def infer_format(path: Path) -> str:
    """The format a file name asks for, from its suffix.

    Raises:
        ConfigError: the suffix names no known format.

    >>> infer_format(Path("out/report.HTML"))
    'html'
    """
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise ConfigError(
            f"cannot tell the report format from {path.name!r}: use a suffix among "
            f"{', '.join(sorted(_SUFFIXES))} or pass --format"
        )
    return _SUFFIXES[suffix]
