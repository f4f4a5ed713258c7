"""Load a brief from disk into a ``Document``: dispatch on the file suffix.

In: a path (.txt, .md, .markdown, .pdf, .docx). Out: a ``Document`` whose ``text`` is the
reading text every later stage works on. Bad input raises ``DocumentLoadError`` with one line
that names the file and the problem.
"""

from __future__ import annotations

from pathlib import Path

from quotecheck.errors import DocumentLoadError
from quotecheck.models import Document

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")
MAX_TEXT_BYTES = 50 * 1024 * 1024


def load_document(path: Path) -> Document:
    """Read a brief.

    Args:
        path: a .txt, .md, .pdf or .docx file.

    Returns:
        The loaded document.

    Raises:
        DocumentLoadError: the file is missing, a directory, empty, binary, not UTF-8, of an
            unknown kind, or unreadable as its kind.

    Example:
        >>> load_document(Path("missing.md"))
        Traceback (most recent call last):
        ...
        quotecheck.errors.DocumentLoadError: missing.md: no such file
    """
    if not path.exists():
        raise DocumentLoadError(f"{path}: no such file")
    if path.is_dir():
        raise DocumentLoadError(f"{path}: is a directory; give the brief's file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from quotecheck.load.pdf import load_pdf

        return load_pdf(path)
    if suffix == ".docx":
        from quotecheck.load.word import load_docx

        return load_docx(path)
    if suffix not in TEXT_SUFFIXES:
        raise DocumentLoadError(
            f"{path}: unknown kind of file {suffix or '(no suffix)'!r}; "
            f"use one of {', '.join(SUFFIXES)}"
        )
    return load_text(path, fmt=TEXT_SUFFIXES[suffix])


def load_text(path: Path, *, fmt: str = "markdown") -> Document:
    """Read a .txt or .md brief (UTF-8, with or without a byte-order mark)."""
    from quotecheck.load.plain import load_plain

    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise DocumentLoadError(f"{path}: {size} bytes is too large for a brief")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentLoadError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise DocumentLoadError(f"{path}: the file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentLoadError(f"{path}: looks binary, not text; give a .pdf, .docx, .txt or .md")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentLoadError(
            f"{path}: not UTF-8 text (byte {exc.start}); re-save it as UTF-8"
        ) from None
    return load_plain(str(path), raw, fmt=fmt)
