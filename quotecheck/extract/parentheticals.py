"""Parentheticals after a citation: where they are and what they say about the quotation.

In: the reading text of a brief and the offset just after a citation (or a single
parenthetical's text). Out: ``Parenthetical`` values (span and text of each parenthesized
group, its ``ParentheticalKind`` tuple) and the classifier that names the kinds:
"(emphasis added; citation omitted)" -> ``(EMPHASIS_ADDED, CITATION_OMITTED)``,
"(quoting Lee, at 222)" -> ``(QUOTING,)``, "(N.D. Cal. 2025)" -> ``(COURT,)``, anything
else that says something -> ``(EXPLANATORY,)``.

A parenthetical's ``span`` covers the words inside the parentheses (not the parentheses), so
``text`` is exactly what the brief wrote inside them. Nested groups ("(Dkt. 741, at 10
(quoting Lee, at 222))") stay inside their outer group; the citation extractor reads the
inner ones when it parses the citation they belong to.
"""

from __future__ import annotations

import re

from quotecheck.models import Parenthetical, ParentheticalKind, Span

__all__ = ["classify_parenthetical", "find_closing", "split_parentheticals"]

K = ParentheticalKind

# How far a parenthetical may run before we give up looking for its closing parenthesis
# (a brief with an unbalanced parenthesis must not swallow the rest of the document).
_MAX_PAREN = 2000

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# "(N.D. Cal. 2025)", "(9th Cir. 2010)", "(U.S. Apr. 18, 2017)", "(1994)", "(Fed. Cir.\n1992)",
# "(2d ed. 2010)" is not a court but it is a date parenthetical of the same kind.
_COURT_DATE = re.compile(
    r"^(?:[A-Z0-9][\w.'’&-]*\.?,?\s+|[a-z]{1,4}\.\s+|en banc\s+)*?"
    r"(?:" + _MONTH + r"\s+\d{1,2},\s+)?(?:1[6-9]|20)\d{2}$"
)
# "(S.D.N.Y.)", "(N.D. Cal.)", "(9th Cir.)": a court without a date.
_COURT_ONLY = re.compile(
    r"^(?:(?:\d+(?:st|nd|rd|th)|[A-Z][A-Za-z]{0,5}\.?)(?:[A-Z]\.)*\.?\s*){1,5}$"
)
_COURT_WORD = re.compile(
    r"\b(?:Cir|Cal|Cl|Ct|App|Dist|Tenn|Tex|Fla|Ill|Mass|Mich|Pa|Va|Wash|N\.?Y|U\.S|D\.C"
    r"|Fed|Bankr|B\.A\.P|T\.C|Me|Mo|Colo|Ariz|Del|Ga|Md|Minn|Ohio|Or|Wis)\b|"
    r"^(?:[A-Z]\.){2,}$|^(?:[A-Z]\.){1,3}\s?[A-Z][a-z]+\.$"
)
# "(Chhabria, J.)", "(Alsup, J., dissenting)", "(Roberts, C.J.)", "(per curiam)",
# "(plurality opinion)", "(en banc)".
_JUDGE = re.compile(
    r"^(?:[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+)?,\s*(?:C\.\s?J\.|J\.|JJ\.|P\.\s?J\.|M\.\s?J\.)"
    r"(?:,\s*(?:concurring|dissenting|concurring in (?:the )?judgment|in chambers)[\w ,]*)?"
    r"|per curiam|plurality opinion|en banc|mem\.|unpublished|table)$",
    re.IGNORECASE,
)

_LEAD = r"^(?:(?:and|also|further|some|plaintiffs?|defendants?|the court|court|then|in turn)\s+)*"
_QUOTING = re.compile(_LEAD + r"quoting\b", re.IGNORECASE)
_CITING = re.compile(_LEAD + r"(?:citing|collecting)\b", re.IGNORECASE)
_CLEANED = re.compile(r"\bcleaned\s+up\b", re.IGNORECASE)
_MODIFIED = re.compile(r"\bcitations?\s+modified\b", re.IGNORECASE)
_EMPH_ADDED = re.compile(r"\bemphas[ie]s\b[^;]{0,40}?\b(?:added|supplied)\b", re.IGNORECASE)
_EMPH_ORIG = re.compile(r"\bemphas[ie]s\b[^;]{0,40}?\bin\s+(?:the\s+)?original\b", re.IGNORECASE)
_ALT_ORIG = re.compile(
    r"\b(?:alterations?|brackets?)\b[^;]{0,40}?\bin\s+(?:the\s+)?original\b", re.IGNORECASE
)
_OMITTED = re.compile(r"\b(?:omitted|removed|deleted)\b", re.IGNORECASE)
_QUOTES_WORD = re.compile(r"\bquot(?:ation|e)s?\b|\bquotation\s+marks?\b", re.IGNORECASE)
_CITATION_WORD = re.compile(r"\bcitations?\b", re.IGNORECASE)
_FOOTNOTE_WORD = re.compile(r"\bfootnotes?\b", re.IGNORECASE)
_EMPHASIS_WORD = re.compile(r"\bemphas[ie]s\b", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[“”\"]")
_NESTED = re.compile(r"\([^()]*\)")


def classify_parenthetical(text: str) -> tuple[ParentheticalKind, ...]:
    """Name what a parenthetical says: the kinds of each of its clauses, in order.

    Args:
        text: the words inside the parentheses (the parentheses themselves are tolerated).

    Returns:
        The kinds, without repeats; ``()`` for an empty parenthetical.

    Examples:
        >>> [k.value for k in classify_parenthetical("emphasis added; citation omitted")]
        ['emphasis_added', 'citation_omitted']
        >>> kinds = classify_parenthetical("internal quotation marks and citation omitted")
        >>> [k.value for k in kinds]
        ['internal_quotes_omitted', 'citation_omitted']
        >>> [k.value for k in classify_parenthetical("N.D. Cal. 2025")]
        ['court']
        >>> [k.value for k in classify_parenthetical("quoting Lee, at 222")]
        ['quoting']
    """
    body = text.strip()
    if body.startswith("(") and find_closing(body, 0) == len(body) - 1:
        body = body[1:-1].strip()
    # What nested groups say belongs to the citation inside ("(Id. at 5 (citation omitted))").
    outer = body
    while True:
        stripped = _NESTED.sub(" ", outer)
        if stripped == outer:
            break
        outer = stripped
    kinds: list[ParentheticalKind] = []
    for clause in _clauses(outer):
        for kind in _clause_kinds(clause):
            if kind not in kinds:
                kinds.append(kind)
    return tuple(kinds)


def split_parentheticals(text: str, start: int) -> tuple[Parenthetical, ...]:
    """Every parenthesized group that follows ``start``, in order, separated only by spaces.

    Reading stops at the first character that is neither white space (a single line break is
    fine, a blank line is not) nor an opening parenthesis. Nested parentheses stay inside their
    group. A group whose closing parenthesis never comes (an unbalanced brief) ends the run.

    Args:
        text: the reading text.
        start: where to start looking, typically the end of a citation.

    Returns:
        One ``Parenthetical`` per group; its span covers the words inside the parentheses.

    Examples:
        >>> s = "Bartz, 787 F.Supp.3d at 1026 (emphasis added) (citation omitted). Next."
        >>> [p.text for p in split_parentheticals(s, s.index(" (emphasis"))]
        ['emphasis added', 'citation omitted']
        >>> s = "(Dkt. 741, at 10 (quoting Lee, at 222).)"
        >>> [p.text for p in split_parentheticals(s, 0)]
        ['Dkt. 741, at 10 (quoting Lee, at 222).']
    """
    out: list[Parenthetical] = []
    pos = start
    n = len(text)
    while True:
        i = pos
        newlines = 0
        while i < n and text[i] in " \t\r\n\u00a0":
            if text[i] == "\n":
                newlines += 1
            i += 1
        if i >= n or text[i] != "(" or newlines > 1:
            break
        close = find_closing(text, i)
        if close is None:
            break
        inner = _trim(text, i + 1, close)
        if inner.length:
            body = text[inner.start : inner.end]
            out.append(Parenthetical(inner, body, classify_parenthetical(body)))
        pos = close + 1
    return tuple(out)


def find_closing(text: str, open_at: int) -> int | None:
    """Index of the parenthesis that closes the one at ``open_at`` (``None`` if unbalanced).

    >>> find_closing("(a (b) c) d", 0)
    8
    >>> find_closing("(a (b c", 0) is None
    True
    """
    depth = 0
    end = min(len(text), open_at + _MAX_PAREN)
    for i in range(open_at, end):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        elif ch == "\n" and text.startswith("\n\n", i) and depth == 1 and i > open_at:
            # A paragraph break inside an unclosed parenthetical: the brief never closed it.
            return None
    return None


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _clauses(body: str) -> list[str]:
    """Split at semicolons that are outside nested parentheses and quotations."""
    parts: list[str] = []
    depth = 0
    quoted = False
    last = 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch == "“":
            quoted = True
        elif ch == "”":
            quoted = False
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and depth == 0 and not quoted:
            parts.append(body[last:i])
            last = i + 1
    parts.append(body[last:])
    return [p.strip() for p in parts if p.strip()]


def _clause_kinds(clause: str) -> list[ParentheticalKind]:
    if _QUOTING.match(clause):
        return [K.QUOTING]
    if _CITING.match(clause):
        return [K.CITING]
    if _JUDGE.match(clause) or _is_court_date(clause):
        return [K.COURT]
    kinds: list[ParentheticalKind] = []
    # Editorial notes are short and quote nothing; longer clauses are explanations.
    if len(clause) <= 90 and not _QUOTE_MARKS.search(clause):
        if _EMPH_ADDED.search(clause):
            kinds.append(K.EMPHASIS_ADDED)
        if _EMPH_ORIG.search(clause):
            kinds.append(K.EMPHASIS_IN_ORIGINAL)
        if _ALT_ORIG.search(clause):
            kinds.append(K.ALTERATION_IN_ORIGINAL)
        if _OMITTED.search(clause):
            if _EMPHASIS_WORD.search(clause) and not _EMPH_ADDED.search(clause):
                kinds.append(K.EMPHASIS_OMITTED)
            if _QUOTES_WORD.search(clause):
                kinds.append(K.INTERNAL_QUOTES_OMITTED)
            if _CITATION_WORD.search(clause):
                kinds.append(K.CITATION_OMITTED)
            if _FOOTNOTE_WORD.search(clause):
                kinds.append(K.FOOTNOTE_OMITTED)
        if _CLEANED.search(clause):
            kinds.append(K.CLEANED_UP)
        if _MODIFIED.search(clause):
            kinds.append(K.CITATION_MODIFIED)
        # "(internal quotation marks omitted) (quoting X)" written as one clause with a comma.
        tail = re.search(r",\s*(quoting|citing)\b", clause, re.IGNORECASE)
        if kinds and tail:
            kinds.append(K.QUOTING if tail.group(1).lower() == "quoting" else K.CITING)
    return kinds or [K.EXPLANATORY]


def _is_court_date(clause: str) -> bool:
    flat = " ".join(clause.split())
    if _COURT_DATE.match(flat):
        return True
    return bool(_COURT_ONLY.match(flat) and _COURT_WORD.search(flat))
