"""Citation, docket and page-label helpers for the corpus: parse, canonicalise and key.

In: citation strings as briefs, captions, "All Citations" lines and manifests write them
("787 F.Supp.3d 1007", "No. 15–1406", "1025-26"). Out: ``ReporterCite`` values with a
matching key that ignores spacing and periods ("787 F. Supp. 3d 1007" and "787 F.Supp.3d 1007"
share one), docket keys, and pinpoint page tuples. Reporter names are canonicalised with the
reporters-db tables (editions and their variations); nothing here finds citations in running
text: only in lines that are wholly citations (captions, "All Citations", Lexis "Reporter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))

# Database citations (Westlaw, Lexis): "2025 WL 2308091", "2015 U.S. App. LEXIS 17988".
_DATABASE = re.compile(
    r"^(?P<vol>\d{4})\s+(?P<rep>WL|[A-Z][A-Za-z.\s]*?LEXIS|Lexis)\s+(?P<page>\d+)$"
)
# Tax Court memoranda and similar "Rep. YYYY-NN" forms: "T.C. Memo. 2020-26".
_MEMO = re.compile(
    r"^(?P<rep>T\.\s?C\.\s?Memo\.|T\.\s?C\.\s?Summary Opinion)\s+(?P<vol>\d{4})-(?P<page>\d+)$"
)
# A volume, a reporter (letters, digits, periods, spaces, "&", parentheses), a first page.
_VOLUME_CITE = re.compile(
    r"^(?P<vol>\d{1,4})\s+(?P<rep>[A-Z][A-Za-z0-9.'&()\s]{0,40}?)\s+(?P<page>\d{1,6}|_{2,})$"
)
# "510 U.S." or "510 U.S. at 577": a short form without a first page.
_SHORT = re.compile(r"^(?P<vol>\d{1,4})\s+(?P<rep>[A-Z][A-Za-z0-9.'&()\s]{0,40}?)(?:\s+at\b.*)?$")


@dataclass(frozen=True, slots=True)
class ReporterCite:
    """A parsed citation: volume, canonical reporter name, first page.

    >>> c = parse_cite("787 F.Supp.3d 1007")
    >>> (c.volume, c.reporter, c.page, c.key)
    ('787', 'F. Supp. 3d', '1007', '787 fsupp3d 1007')
    >>> parse_cite("2025 WL 2308091").database
    True
    """

    volume: str
    reporter: str
    page: str
    database: bool = False

    @property
    def key(self) -> str:
        """Matching key: volume, compact reporter, page."""
        return f"{self.volume} {compact(self.reporter)} {self.page}"

    @property
    def reporter_key(self) -> str:
        """Compact key of the reporter alone."""
        return compact(self.reporter)

    def __str__(self) -> str:
        if self.reporter.startswith("T.C. Memo"):
            return f"{self.reporter} {self.volume}-{self.page}"
        return f"{self.volume} {self.reporter} {self.page}"


_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def compact(name: str) -> str:
    """A reporter or name folded to lower-case letters and digits only.

    >>> compact("F. Supp. 3d"), compact("S.Ct.")
    ('fsupp3d', 'sct')
    """
    return _NOT_ALNUM.sub("", name.lower())


@cache
def _reporter_table() -> dict[str, str]:
    """Compact reporter spelling -> canonical edition name, from reporters-db."""
    import reporters_db

    table: dict[str, str] = {}
    for variant, editions in reporters_db.VARIATIONS_ONLY.items():
        if editions:
            table.setdefault(compact(variant), editions[0])
    for edition in reporters_db.EDITIONS:
        table[compact(edition)] = edition  # an edition's own name wins over a variation
    return table


def canonical_reporter(name: str) -> str | None:
    """The reporters-db edition name for a reporter spelling, or ``None`` if unknown.

    >>> canonical_reporter("F.Supp.3d"), canonical_reporter("U.S.P.Q.2D (BNA)")
    ('F. Supp. 3d', 'U.S.P.Q. 2d (BNA)')
    >>> canonical_reporter("Plaintiffs") is None
    True
    """
    name = " ".join(name.split())
    table = _reporter_table()
    hit = table.get(compact(name))
    if hit is None and name.endswith(")"):
        hit = table.get(compact(re.sub(r"\s*\([^)]*\)$", "", name)))
    return hit


def parse_cite(text: str) -> ReporterCite | None:
    """Parse one whole citation ("510 U.S. 569", "2015 U.S. App. LEXIS 17988"), else ``None``.

    Unknown reporters are rejected, so a line of prose never parses as a citation.

    >>> str(parse_cite("114 S.Ct. 1164"))
    '114 S. Ct. 1164'
    >>> parse_cite("Docket No. 26") is None
    True
    """
    text = " ".join(text.translate(_DASH_TABLE).split()).strip(" ,;.*")
    m = _DATABASE.match(text)
    if m:
        rep = " ".join(m["rep"].split())
        return ReporterCite(m["vol"], rep, m["page"], database=True)
    m = _MEMO.match(text)
    if m:
        return ReporterCite(m["vol"], "T.C. Memo.", m["page"])
    m = _VOLUME_CITE.match(text)
    if not m:
        return None
    canonical = canonical_reporter(m["rep"])
    if canonical is None:
        return None
    return ReporterCite(m["vol"], canonical, m["page"])


def parse_volume_reporter(text: str) -> tuple[str, str] | None:
    """Volume and compact reporter key of a cite that may lack its first page ("510 U.S.").

    >>> parse_volume_reporter("510 U.S. at 577")
    ('510', 'us')
    """
    text = " ".join(text.translate(_DASH_TABLE).split()).strip(" ,;")
    m = _SHORT.match(text)
    if not m:
        return None
    rep = canonical_reporter(m["rep"])
    return None if rep is None else (m["vol"], compact(rep))


def cites_in_line(line: str) -> tuple[ReporterCite, ...]:
    """The citations of a line made of citations separated by "," or ";" (unknown parts skipped).

    >>> line = "510 U.S. 569, 114 S.Ct. 1164, 62 USLW 4169, 22 Media L. Rep. 1353"
    >>> [str(c) for c in cites_in_line(line)]
    ['510 U.S. 569', '114 S. Ct. 1164', '62 U.S.L.W. 4169', '22 Media L. Rep. (BNA) 1353']
    """
    out: list[ReporterCite] = []
    for piece in re.split(r"[;,]", line):
        cite = parse_cite(piece)
        if cite is not None:
            out.append(cite)
    return tuple(out)


# Where a citation can start: ``parse_cite`` strips white space, "." and "*" and then needs a
# volume (a digit) or "T.C. Memo."; a piece that fails this cannot parse.
_CITE_START = re.compile(r"[\s.*]*[\dT]")


def is_cite_line(line: str) -> bool:
    """Whether every ``,``/``;`` piece of ``line`` is a citation (a caption cite line).

    >>> is_cite_line("510 U.S. 569, 114 S.Ct. 1164"), is_cite_line("Decided March 7, 1994")
    (True, False)
    """
    pieces = [p for p in re.split(r"[;,]", line) if p.strip(" *")]
    return bool(pieces) and all(
        _CITE_START.match(p) is not None and parse_cite(p) is not None for p in pieces
    )


# ---------------------------------------------------------------------------------------------
# Dockets

_DOCKET = re.compile(
    r"\b(?:Docket\s+|Case\s+)?Nos?\.\s*(?P<first>(?:[A-Z]{1,3}\s+)?\d[\w:\-\u2013]*\d(?:\s+[A-Z]{2,4}\b)?)"
    r"(?P<more>(?:\s*,\s*(?:and\s+)?\d[\w:\-\u2013]*\d|\s+and\s+\d[\w:\-\u2013]*\d)*)"
)


_DOCKET_LEAD = re.compile(r"\b(?:Docket|Case)\s+$")


def _docket_matches(text: str) -> list[re.Match[str]]:
    """``_DOCKET.finditer(text)``, tried only where "No" stands.

    The regex engine would try every word boundary of the text.
    """
    out: list[re.Match[str]] = []
    end = 0
    i = text.find("No")
    while i != -1:
        if i >= end and (i == 0 or not text[i - 1].isalnum()):
            # Back over an optional "Docket " or "Case " so the match is the one finditer finds.
            lead = _DOCKET_LEAD.search(text, max(0, i - 12), i)
            m = _DOCKET.match(text, lead.start() if lead and lead.start() >= end else i)
            if m:
                out.append(m)
                end = m.end()
        i = text.find("No", i + 1)
    return out


def find_dockets(text: str) -> tuple[str, ...]:
    """Docket numbers named in ``text`` ("No. 15–1406", "Nos. 2013-1021, 2013-1022").

    >>> find_dockets("No. 15\\u20131406. Argued January 10")
    ('No. 15-1406',)
    >>> find_dockets("Nos. 2013-1021, 2013-1022.")
    ('No. 2013-1021', 'No. 2013-1022')
    """
    out: list[str] = []
    for m in _docket_matches(text):
        nums = [m["first"], *re.findall(r"\d[\w:\-\u2013]*\d", m["more"])]
        for n in nums:
            label = "No. " + " ".join(n.translate(_DASH_TABLE).split())
            if label not in out:
                out.append(label)
    return tuple(out)


def docket_keys(docket: str) -> tuple[str, str]:
    """Exact and core keys of a docket number.

    The exact key drops "No."/"Docket" and spacing; the core key keeps the year and the serial
    number (so "3:24-cv-05417-WHA" and "C 24-05417 WHA" meet at "24-5417").

    >>> docket_keys("No. 15\\u20131406")
    ('15-1406', '15-1406')
    >>> docket_keys("No. C 24-05417 WHA")[1] == docket_keys("3:24-cv-05417-WHA")[1]
    True
    """
    s = docket.translate(_DASH_TABLE).upper()
    s = re.sub(r"^\s*(?:DOCKET|CASE)?\s*NOS?\.?\s*", "", s)
    exact = re.sub(r"\s+", "", s)
    core = exact
    m = re.search(r"(?:^|[^0-9])(\d{2}|\d{4})-(?:[A-Z]{2,3}-)?0*(\d{1,6})(?![0-9])", s)
    if m:
        core = f"{m[1]}-{m[2]}"
    return exact, core


# ---------------------------------------------------------------------------------------------
# Pinpoints


def pin_pages(pin: str | None, *, max_span: int = 60) -> tuple[str, ...]:
    """The pages a pinpoint names: ranges expanded, footnote and "at" parts dropped.

    Args:
        pin: the pinpoint as cited ("1025-26", "440 n.3", "at *3", "577, 579").
        max_span: longest range expanded page by page; longer ones keep their two ends.

    Returns:
        Page labels in order; empty when nothing page-like is found.

    >>> pin_pages("1025-26"), pin_pages("577\\u201378"), pin_pages("440 n.3")
    (('1025', '1026'), ('577', '578'), ('440',))
    >>> pin_pages("101-03"), pin_pages("at *3")
    (('101', '102', '103'), ('3',))
    """
    if not pin:
        return ()
    text = pin.translate(_DASH_TABLE)
    text = re.sub(r"\bnn?\.\s*\d+(?:\s*[-&,]\s*\d+)*", "", text)  # footnote numbers
    out: list[str] = []
    for m in re.finditer(r"\*{0,3}(\d+)(?:\s*-\s*\*{0,3}(\d+))?", text):
        first, last = m[1], m[2]
        if not last:
            out.append(first)
            continue
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        a, b = int(first), int(last)
        if b < a:
            out.append(first)
        elif b - a <= max_span:
            out.extend(str(p) for p in range(a, b + 1))
        else:
            out.extend((first, last))
    return tuple(dict.fromkeys(out))
