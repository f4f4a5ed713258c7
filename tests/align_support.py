"""Test helpers for the align and classify tests: corpus texts as SourceText, quotes from text.

A stand-in for the corpus store (``quotecheck.corpus``) and for quote parsing, so these tests do not
depend on other stages: ``load_source`` strips the corpus markers ([[page N]], *N, [*N], [fnN])
and keeps the pages as ``PageRun``s; ``make_quote`` finds ellipses and brackets.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from quotecheck.models import (
    Alteration,
    AlterationKind,
    Citation,
    CitationForm,
    Emphasis,
    PageRun,
    Parenthetical,
    ParentheticalKind,
    Quote,
    QuoteKind,
    SourceText,
    Span,
)

_MARKER = re.compile(
    r"\[\[page (?P<pdf>\d+)\]\]\n?"
    r"|\[(?P<lstars>\*{1,3})(?P<lnum>\d+)\] ?"
    r"|(?<![\w*])(?<!\bat )(?P<stars>\*{1,3})(?P<num>\d+)\b ?"
    r"|\[fn\d+\] ?"
)
_ELLIPSIS = re.compile(r"\.(?:\s?\.){2,3}|\u2026")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")


@cache
def _manifest(corpus: Path) -> dict[str, dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return {row["file"].removesuffix(".txt"): row for row in csv.DictReader(fh, delimiter="\t")}


def _star_map(spec: str) -> tuple[str, dict[str, str]]:
    """'star:*=U.S.;**=S. Ct.' -> ('star', {'*': 'U.S.', '**': 'S. Ct.'})."""
    if ":" not in spec:
        return spec, {}
    kind, rest = spec.split(":", 1)
    out = {}
    for part in rest.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip().strip("[]")] = v.strip()
    return kind, out


@cache
def load_source(corpus: Path, doc: str) -> SourceText:
    """The corpus file ``doc`` as a SourceText: markers removed, pages kept."""
    raw = (corpus / f"{doc}.txt").read_text(encoding="utf-8")
    row = _manifest(corpus).get(doc, {})
    kind, stars = _star_map(row.get("pages", ""))
    out: list[str] = []
    pos = 0
    last = 0
    breaks: dict[str, list[tuple[int, str]]] = {}
    for m in _MARKER.finditer(raw):
        piece = raw[last : m.start()]
        out.append(piece)
        pos += len(piece)
        last = m.end()
        if m.group("pdf"):
            breaks.setdefault("slip", []).append((pos, m.group("pdf")))
        elif m.group("lstars") and kind == "lexis" and m.group("lstars") in stars:
            breaks.setdefault(stars[m.group("lstars")], []).append((pos, m.group("lnum")))
        elif m.group("stars") and kind == "star" and m.group("stars") in stars:
            breaks.setdefault(stars[m.group("stars")], []).append((pos, m.group("num")))
    out.append(raw[last:])
    text = "".join(out)
    pages: list[PageRun] = []
    for pag, marks in breaks.items():
        if not marks:
            continue
        if marks[0][0] > 0:
            try:
                first = str(int(marks[0][1]) - 1)
            except ValueError:
                first = "?"
            marks.insert(0, (0, first))
        for (a, label), (b, _) in zip(marks, [*marks[1:], (len(text), "")], strict=True):
            if b > a:
                pages.append(PageRun(pag, label, Span(a, b)))
    return SourceText(doc, text, case_name=row.get("case_name", ""), pages=tuple(pages))


def make_quote(
    text: str,
    *,
    kind: QuoteKind = QuoteKind.QUOTATION,
    emphasis: tuple[Emphasis, ...] = (),
    qid: int = 0,
) -> Quote:
    """A Quote for ``text``: segments, ellipses, alterations and full_sentence computed."""
    ells = [Span(m.start(), m.end()) for m in _ELLIPSIS.finditer(text)]
    segs = []
    start = 0
    for e in [*ells, Span(len(text), len(text))]:
        a, b = start, e.start
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            segs.append(Span(a, b))
        start = e.end
    alts = []
    for m in _BRACKET.finditer(text):
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if inner.lower() == "sic":
            k = AlterationKind.SIC
        elif len(inner) == 1 and inner.isalpha() and not before.isalpha():
            k = AlterationKind.CASE
        elif before.isalpha() or after.isalpha():
            k = AlterationKind.SUBSTITUTION
        elif not inner.strip():
            k = AlterationKind.OMISSION
        else:
            k = AlterationKind.INSERTION
        alts.append(Alteration(Span(m.start(), m.end()), inner, k))
    stripped = text.strip()
    first = stripped[:3]
    full = (
        bool(stripped)
        and (first[:1].isupper() or (first[:1] == "[" and first[1:2].isupper()))
        and stripped.rstrip("\"'\u201d\u2019")[-1:] in ".?!"
    )
    return Quote(
        qid,
        Span(0, len(text)),
        text,
        kind,
        segments=tuple(segs),
        ellipses=tuple(ells),
        alterations=tuple(alts),
        emphasis=emphasis,
        full_sentence=full,
    )


def make_citation(
    pin: str | None = None,
    *,
    kinds: tuple[ParentheticalKind, ...] = (),
    authority: str = "Test v. Case, 1 U.S. 1",
    form: CitationForm = CitationForm.FULL,
) -> Citation:
    """A citation with ``pin`` and one parenthetical per kind in ``kinds``."""
    parens = tuple(Parenthetical(Span(0, 0), k.value.replace("_", " "), (k,)) for k in kinds)
    return Citation(Span(0, 0), authority, form, authority, pin=pin, parentheticals=parens)
