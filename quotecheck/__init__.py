"""quotecheck: check every quotation in a legal brief against its source, offline.

The public API, loaded on first use so that ``import quotecheck`` stays light:

- ``check_brief(path, corpus_path)`` -> ``Report``: the whole check of one brief;
- ``extract_brief(path)`` -> ``Report``: quotations and citations, no corpus;
- ``load_document(path)`` -> ``Document``; ``open_corpus(path)`` -> ``Corpus``;
- ``render(report, fmt)``: the report as table, json, md, csv, html or docx;
- the data model in ``quotecheck.models``.

Example:
    >>> import quotecheck
    >>> callable(quotecheck.check_brief)
    True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "check_brief": "quotecheck.pipeline",
    "extract_brief": "quotecheck.pipeline",
    "load_document": "quotecheck.load",
    "open_corpus": "quotecheck.corpus",
    "render": "quotecheck.report",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    """Import a public function from its stage module on first use."""
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'quotecheck' has no attribute {name!r}")
