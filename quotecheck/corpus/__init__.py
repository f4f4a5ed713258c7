"""The corpus stage: an embedded index of source opinions, their citations, pages and words.

In: a folder of opinions (``.txt``/``.md``, ``.pdf``, CourtListener or CAP JSON, with an optional
``MANIFEST.tsv``) or a database file. Out: a ``Corpus`` (``open_corpus``) that resolves
citations to documents and pinpoint pages, finds where words occur, and gives each document's
reading text as a ``SourceText``.
"""

from __future__ import annotations

from quotecheck.corpus.store import (
    BuildReport,
    Corpus,
    DocumentInfo,
    Hit,
    Skipped,
    add_documents,
    build_corpus,
    default_db,
    open_corpus,
)

__all__ = [
    "BuildReport",
    "Corpus",
    "DocumentInfo",
    "Hit",
    "Skipped",
    "add_documents",
    "build_corpus",
    "default_db",
    "open_corpus",
]
