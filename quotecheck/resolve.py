"""The resolve stage: a citation to the corpus document and pinpoint pages it names.

In: a ``Citation`` (from the extract stage) and an open ``Corpus``. Out: ``Source`` (document,
pagination, pinpoint pages, whether the text carries that pagination) or ``Unresolved`` with a
reason: ``not_in_corpus``, ``ambiguous`` (several documents claim the citation) or
``pin_outside`` (the pinpoint lies outside the document's pages). The corpus does the matching:
reporter cite (spacing and periods ignored), then docket number, then, for short forms only, an
unambiguous case name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotecheck.models import Citation, Source, Unresolved

if TYPE_CHECKING:
    from quotecheck.corpus import Corpus


def resolve(citation: Citation, corpus: Corpus) -> Source | Unresolved:
    """Resolve one citation against the corpus.

    Args:
        citation: the citation; ``reporter``, ``docket``, the names and ``pin`` are used.
        corpus: an open corpus (``quotecheck.corpus.open_corpus``).

    Returns:
        The ``Source`` or the ``Unresolved`` reason.

    Example:
        >>> import tempfile, pathlib
        >>> from quotecheck.corpus import open_corpus
        >>> from quotecheck.models import Citation, CitationForm, Span
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> text = "1 U.S. 1\\nA v. B\\nOne *2 two *3 three."
        >>> _ = (d / "a.txt").write_text(text, encoding="utf-8")
        >>> cite = Citation(Span(0, 9), "1 U.S. 1, 2", CitationForm.FULL, "A v. B", pin="2",
        ...                 reporter="1 U.S. 1")
        >>> resolve(cite, open_corpus(d))
        Source(document='a', pagination='U.S.', pages=('2',), paginated=True)
    """
    return corpus.resolve(citation)


def resolve_citations(
    citations: tuple[Citation, ...], corpus: Corpus
) -> tuple[Source | Unresolved, ...]:
    """Resolve every citation, in order."""
    return tuple(corpus.resolve(c) for c in citations)
