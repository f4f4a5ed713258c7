"""Read PDF briefs and opinions with pypdf.

In: a path to a PDF. Out: ``pdf_page_texts`` gives each page's plain text (for
ingesting PDF opinions); ``load_pdf`` gives a ``Document``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from quotecheck.errors import DocumentLoadError

log = logging.getLogger(__name__)


def _pdf_errors() -> tuple[type[Exception], ...]:
    """What pypdf raises on a damaged file: its own errors and some built-in ones."""
    from pypdf.errors import PyPdfError

    return (PyPdfError, *_BUILTIN_ERRORS)


# A damaged file can make pypdf's parser fail with any of these.
_BUILTIN_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    AssertionError,
    RecursionError,
)


def _open_reader(path: Path) -> Any:
    """Open ``path`` with pypdf, decrypting with the empty password when needed.

    Raises:
        DocumentLoadError: missing, not a PDF, truncated, or encrypted with a
            real password.
    """
    from pypdf import PdfReader

    if not path.is_file():
        raise DocumentLoadError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise DocumentLoadError(f"{path}: the file is empty")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise DocumentLoadError(f"{path}: not a PDF (no %PDF header)")
    with path.open("rb") as fh:
        fh.seek(max(path.stat().st_size - 4096, 0))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise DocumentLoadError(f"{path}: the PDF is truncated (no %%EOF at its end)")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except _pdf_errors() + (NotImplementedError,) as exc:
                raise DocumentLoadError(
                    f"{path}: the PDF is encrypted and cannot be decrypted ({exc}); "
                    "save an unprotected copy and try again"
                ) from exc
            if not ok:
                raise DocumentLoadError(
                    f"{path}: the PDF is password-protected; "
                    "save an unprotected copy and try again"
                )
        n = len(reader.pages)
    except DocumentLoadError:
        raise
    except _pdf_errors() as exc:
        raise DocumentLoadError(
            f"{path}: the PDF is damaged or truncated ({type(exc).__name__}: {exc})"
        ) from exc
    if n == 0:
        raise DocumentLoadError(f"{path}: the PDF has no pages (damaged or truncated?)")
    return reader


def pdf_page_texts(path: Path) -> tuple[str, ...]:
    """Return the plain text of each page of a PDF, as pypdf's ``extract_text`` has it.

    Args:
        path: the PDF file.

    Returns:
        One string per page, in page order.

    Raises:
        DocumentLoadError: the file is missing, empty, not a PDF, truncated,
            encrypted with a password, or has no text layer (a scan).

    >>> pdf_page_texts(Path("missing.pdf"))
    Traceback (most recent call last):
    ...
    quotecheck.errors.DocumentLoadError: missing.pdf: no such file
    """
    reader = _open_reader(path)
    texts: list[str] = []
    try:
        for page in reader.pages:
            texts.append(page.extract_text() or "")
    except _pdf_errors() as exc:
        raise DocumentLoadError(
            f"{path}: the PDF is damaged or truncated ({type(exc).__name__}: {exc})"
        ) from exc
    if not any(t.strip() for t in texts):
        raise DocumentLoadError(
            f"{path}: the PDF has no text layer (a scanned image?); run OCR on it first"
        )
    return tuple(texts)
