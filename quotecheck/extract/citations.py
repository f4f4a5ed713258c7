"""Citations in a brief: eyecite for reporters and statutes, a thin layer of our own for the rest.

In: the reading text of a brief (``Document.text``) and, optionally, its italic spans.
Out: a tuple of ``Citation`` in text order, each with its span (the citation as written, without
its introductory signal, with its court/date parenthetical), form, canonical authority, pinpoint,
every parenthetical after it, the index of the citation it refers back to, and, for a
"(quoting X)" parenthetical, X parsed as a ``Citation`` of its own (``origin``).

What eyecite (imported only here and in ``_eyecite``, which makes it faster) contributes:
reporter citations, full and short, with the reporter spelled as reporters-db spells it
("787 F.Supp.3d" -> "787 F. Supp. 3d"), and statutes. What this module adds, because eyecite
does not do it or gets it wrong on briefs:

- case names from italics (or, without italics, by walking back over name-like words), signals
  ("See, e.g.,") left out of the span;
- pinpoints as written: ranges, lists, star pages ("*1-2"), footnotes ("440 n.3"), transcript
  lines ("19:2-5"), en dashes folded to hyphens;
- WL/LEXIS short forms ("Spears, 2010 WL 54755, at *3") told apart from full citations;
- Supreme Court slip opinions cited by docket ("Buck v. Davis, No. 15-8049 (U.S. Feb. 22,
  2017)", "Buck, No. 15-8049", "Bartz, slip op. at 5");
- record citations ("Dkt. 741, at 5", "ECF No. 12 at 3", "Dkt. 598 (“MSJ Order”)", then
  "MSJ Order, at 21"), law reviews ("63 Hou. L. Rev. 104", then "Lee, at 222") and reports with
  an italic title;
- *Id.* anywhere (also right after "("), resolved to the immediately preceding citation of any
  kind; never to a citation inside a "(quoting ...)" or "(citing ...)" parenthetical (Bluebook
  4.1; eyecite issues #348 and #349);
- every parenthetical, not just the first.

Citations inside a parenthetical of another citation ("(quoting X)", "(citing X)") are not in
the returned tuple: X is the ``origin`` of a quoting citation and serves to resolve later short
forms. Bare section references ("§ 1292(b)") are not citations; "28 U.S.C. § 1292(b)" is one,
of form ``other``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotecheck.extract.parentheticals import split_parentheticals
from quotecheck.models import (
    Citation,
    CitationForm,
    Emphasis,
    Parenthetical,
    ParentheticalKind,
    Span,
)

__all__ = ["extract_citations"]

F = CitationForm

# ---------------------------------------------------------------------------------------------
# Patterns

_DASH = "-\u2010\u2011\u2012\u2013\u2014"
_PIN_NUM = r"(?:\*{1,2}\s?\d+|\d+(?::\d+)?)"
_PIN_RANGE = rf"(?:\s?[{_DASH}]\s?\*{{0,2}}\d+(?::\d+)?)?"
_PIN_NOTE = rf"(?:,?\s*nn?\.\s?\d+(?:\s?[{_DASH}&]\s?\d+)?)?"
# A pinpoint that follows "at": also roman pages ("page v., n.1").
_PIN_AT_ITEM = rf"(?:(?:pages?|pp?\.)\s*)?(?:{_PIN_NUM}{_PIN_RANGE}|[ivxlc]{{1,6}}\b\.?){_PIN_NOTE}"
# A pinpoint that follows the first page of a full citation; never the volume of a parallel
# citation ("510 U.S. 569, 577, 114 S. Ct. 1164"), hence the look-ahead.
_PIN_ITEM = rf"{_PIN_NUM}{_PIN_RANGE}{_PIN_NOTE}(?![\d:]|\s+[A-Z])"
_PINS_AT = rf"{_PIN_AT_ITEM}(?:\s*,\s*{_PIN_ITEM})*"
_PINS = rf"{_PIN_ITEM}(?:\s*,\s*{_PIN_ITEM})*"

_FULL_PIN = re.compile(rf",\s*(?:at\s+)?(?P<pin>{_PINS})")
_AT_PIN = re.compile(rf"\s*,?\s*at\s+(?P<pin>{_PINS_AT})")

_ID = re.compile(
    rf"(?<![^\s(\[“\"‘'—–;-])(?P<id>[Ii]d\.|[Ii]bid\.)(?![A-Za-z])"
    rf"(?:,?\s+at\s+(?P<pin>{_PINS_AT})|\s+(?P<para>¶+\s*\d+(?:\s?[{_DASH}]\s?\d+)?))?"
)
_SUPRA = re.compile(
    rf",\s+(?P<supra>supra)(?:,?\s+note\s+\d+)?(?:,\s*at\s+(?P<pin>{_PINS_AT}))?",
)
_RECORD = re.compile(
    r"(?<![\w.])(?P<doc>(?:Dkt\.?|ECF|Doc\.|D\.E\.|Docket)(?:\s*No\.)?\s*#?\s*\d+(?:[-–]\d+)?)"
    r"(?:\s*\((?P<desc>[^()\n]{1,80})\)(?=\s*,?\s*at\s|\s*[),.;]))?"
    rf"(?:\s*,?\s*(?:at\s+(?P<pin>{_PINS_AT})|(?P<para>¶+\s*\d+(?:\s?[{_DASH}]\s?\d+)?)))?"
)
# Secondary sources that do not end in a reporter: "Compl. ¶ 12", "Opp’n at 5", "Hr’g Tr. 19:2".
_RECORD_DOC = re.compile(
    r"(?<![\w.])(?P<doc>(?:(?:Am\.|First|Second|Third|Pls?\.|Defs?\.|Pl\.’s|Def\.’s|Pl\.'s"
    r"|Def\.'s|Hr’g|Hr'g|Hearing|Summ\.\s?J\.|MSJ)\s+)*"
    r"(?:Compl\.|Mot\.|Opp(?:’|')n|Opp\.|Reply Br\.|Decl\.|Tr\.|Ex\.\s?\d+))"
    rf"\s*,?\s*(?:at\s+(?P<pin>{_PINS_AT})|(?P<para>¶+\s*\d+(?:\s?[{_DASH}]\s?\d+)?)"
    r"|(?P<tr>\d+:\d+(?:\s?[-–]\s?\d+(?::\d+)?)?))"
)
_DOCKET = re.compile(
    r",\s+(?P<docket>No\.\s?(?:MDL No\.\s?)?[A-Z]{0,5}\s?\d[^,()\n;]{0,40}?)"
    r"(?=\s*[(.,;)\]]|\s*$)"
)
_SLIP = re.compile(rf",\s*slip\s+op\.(?:,?\s*at\s+(?P<pin>{_PINS_AT}))?")
_SLIP_SHORT = re.compile(rf",\s*(?P<slip>slip\s+op\.)\s*at\s+(?P<pin>{_PINS_AT})")
_NAME_AT = re.compile(rf",\s+at\s+(?P<pin>{_PINS_AT})")
_WL_AFTER = re.compile(r",\s*\d{4}\s+(?:WL|U\.S\.\s+Dist\.\s+LEXIS|LEXIS|U\.S\.\s+App\.\s+LEXIS)\b")
_JOURNAL = re.compile(
    r"(?<![\w.])(?P<vol>\d{1,4})\s+(?P<jrnl>(?:[A-Z][A-Za-z’'&]*\.?\s+){0,5}?"
    r"(?:L\.|Rev\.|J\.|Law|Q\.)(?:\s+(?:[A-Z][A-Za-z’'&]*\.?|&))*?)\s+(?P<page>\d{1,5})\b"
)
_STATUTE_TAIL = re.compile(r"(?:\s?\([a-zA-Z0-9]{1,4}\))+|\s+et\s+seq\.")
_WS = re.compile(r"\s")
_AUTHOR = re.compile(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s*$")
_AUTHOR_TITLE = re.compile(
    r"(?:^|[.;:(]\s*|\b(?:[Ss]ee|[Cc]f\.|also|e\.g\.,)\s+)"
    r"(?P<author>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+(?P<title>[A-Z][^,;()“”\n]{2,150}?)$"
)
_YEAR = re.compile(r"(?:1[6-9]|20)\d{2}")
_SIGNAL_PREFIX = re.compile(
    r"^(?:(?:see|also|but|cf\.?|e\.\s?g\.|accord|compare|with|contra|generally|quoting|citing"
    r"|and)(?![A-Za-z])[.,]?\s*)+",
    re.IGNORECASE,
)
# Lower-case words left at the head of an italic run ("passim" from a table of authorities).
_LOWER_HEAD = re.compile(r"^(?:[a-z][\w.,’']*\s+)+(?=[A-Z(])")

_CONNECTORS = {
    "of",
    "the",
    "and",
    "&",
    "for",
    "de",
    "del",
    "la",
    "le",
    "ex",
    "rel.",
    "on",
    "to",
    "a",
    "an",
    "et",
    "al.",
    "by",
    "upon",
    "von",
    "van",
    "du",
    "da",
    "ex.",
}
_SUFFIXES = {
    "inc.",
    "inc",
    "co.",
    "corp.",
    "corp",
    "ltd.",
    "llc",
    "l.l.c.",
    "llp",
    "l.p.",
    "lp",
    "l.",
    "p.c.",
    "pbc",
    "n.a.",
    "s.a.",
    "a.g.",
    "plc",
    "gmbh",
    "cos.",
    "bros.",
    "ltd",
    "inc.,",
    "co.,",
    "corp.,",
    "llc,",
    "l.p.,",
    "jr.",
    "sr.",
}
_STOP_CAPS = {
    "see",
    "cf.",
    "cf",
    "accord",
    "compare",
    "contra",
    "but",
    "and",
    "or",
    "also",
    "e.g.,",
    "e.g.",
    "as",
    "the",
    "this",
    "that",
    "these",
    "those",
    "under",
    "following",
    "after",
    "because",
    "accordingly",
    "moreover",
    "however",
    "thus",
    "here",
    "even",
    "when",
    "since",
    "although",
    "while",
    "unlike",
    "like",
    "indeed",
    "further",
    "furthermore",
    "finally",
    "similarly",
    "likewise",
    "notably",
    "specifically",
    "id.",
    "id",
    "supra",
    "quoting",
    "citing",
    "then",
    "where",
    "whether",
    "if",
    "nor",
    "yet",
    "so",
    "both",
    "each",
    "only",
    "before",
    "during",
    "per",
    "in",
    "see,",
    "accord,",
    "compare,",
    "cf.,",
    "but,",
    "also,",
    "thus,",
    "here,",
    "yet,",
    "again,",
    "again",
    "similarly,",
    "likewise,",
    "moreover,",
    "however,",
    "indeed,",
    "accordingly,",
    "further,",
    "finally,",
    "plaintiffs",
    "defendants",
    "plaintiff",
    "defendant",
    "court",
    "judge",
    "justice",
    "we",
    "it",
    "they",
    "he",
    "she",
}
# Words Bluebook table T6/T10 abbreviates in case names (with the periods dropped).
_ABBREVIATION_WORDS = """
    acad admin adver advoc aff agric all am app arb arch ariz ark assn assocs atl auth auto
    ave bankr bd bhd bldg bros bus cal cas cent chem cir cmty co colo comm commn commr commcn
    commcns cong conn consol constr contl coop corp corr cnty cty ctr def del dept det dev dir
    dist distrib div econ educ elec emp engg ent enters envt envtl equip exch exec expl fed fedn
    fid fin fla found gen govt grp guar hosp hous ill imp inc indem indep ind indus info ins inst
    intl inv kan ky la lab liab litig ltd mach maint mass md me med merch metro mfg mfr mgmt mich
    minn miss mkt mo mont mortg mun mut natl neb nev no okla org pac pa pers pharm pharms pres
    prob prod prods prop pub publg publns ref regl rehab rels rep res rest ret rd ry sav sch schs
    sci sec serv servs soc socy sq st sta sur sys tech techs tel telecomm tenn tex transp twp
    univ util va vill vt wash wis wyo jr sr bancorp assn llc corp"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_GENERIC_PARTIES = {
    "united states",
    "people",
    "state",
    "commonwealth",
    "city",
    "county",
    "in re",
    "ex parte",
    "matter of",
    "estate of",
    "appeal of",
}


# ---------------------------------------------------------------------------------------------
# Internal working record


@dataclass
class _Cand:
    """A citation found in the text, before resolution (mutable while it is being built)."""

    kind: str  # case, short, wlshort, docket, slipshort, id, supra, record, alias, journal,
    # secondary, statute, name_at
    start: int
    core_end: int
    end: int
    prio: int = 5
    name: str | None = None
    case_name: str | None = None
    reporter: str | None = None
    volume: str | None = None
    rep_abbr: str | None = None
    page: str | None = None
    docket: str | None = None
    year: str | None = None
    pin: str | None = None
    authority: str | None = None
    alias: str | None = None
    short_name: str | None = None
    parens: tuple[Parenthetical, ...] = ()
    paren_end: int = 0
    parent: int | None = None
    children: list[int] = field(default_factory=list)


def extract_citations(
    text: str, *, emphasis: Sequence[Span | Emphasis] = ()
) -> tuple[Citation, ...]:
    """Find every citation in the reading text of a brief, resolved and with its parentheticals.

    Args:
        text: the brief's reading text (``Document.text``).
        emphasis: italic spans in ``text`` (``Span`` or ``Emphasis``; only italics are used):
            case names and titles are taken from them when present.

    Returns:
        The citations in text order; ``antecedent`` indexes into this tuple.

    Examples:
        >>> s = ("“Not to be simplified.” Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, "
        ...      "577 (1994) (emphasis added). Again. Id. at 578.")
        >>> full, ident = extract_citations(s)
        >>> full.text, full.authority, full.pin, [p.text for p in full.parentheticals]
        ('Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569, 577 (1994)', \
'Campbell v. Acuff-Rose Music, Inc., 510 U.S. 569', '577', ['1994', 'emphasis added'])
        >>> ident.form.value, ident.antecedent, ident.pin, ident.reporter
        ('id', 0, '578', '510 U.S. 569')
    """
    if not text.strip():
        return ()
    italics = _merge_italics(text, emphasis)
    cands = _find(text, italics)
    cands = _dedupe(cands)
    _attach_parentheticals(text, cands)
    return _resolve(text, cands)


# ---------------------------------------------------------------------------------------------
# Finding


def _find(text: str, italics: list[Span]) -> list[_Cand]:
    out: list[_Cand] = []
    eyecite_cands, blocked = _eyecite(text, italics)
    for c in eyecite_cands:
        if c.kind == "case":
            _name_full(text, c, italics)
        elif c.kind == "short":
            comma = _comma_before(text, c.start)
            start = _name_before(text, comma, italics) if comma < c.start else None
            if start is not None:
                c.name = _flat(text[start:comma])
                c.start = start
    out.extend(eyecite_cands)
    for m in _ID.finditer(text):
        pin_end = max(m.end("pin"), m.end("para"), m.end("id"))
        out.append(
            _Cand(
                "id",
                m.start("id"),
                m.end("id"),
                pin_end,
                prio=3,
                pin=_pin(m.group("pin") or m.group("para")),
            )
        )
    for m in _RECORD.finditer(text):
        doc = _flat(m.group("doc"))
        doc = re.sub(r"^(Dkt)\.?\s*(?:No\.\s*)?#?\s*", r"\1. ", doc)
        pin = _pin(m.group("pin")) or (_flat(m.group("para")) if m.group("para") else None)
        end = m.end()
        desc = m.group("desc")
        alias = None
        if desc:
            q = re.fullmatch(r"\s*[“\"]([^”\"]{1,60})[”\"]\s*", desc)
            if q:
                alias = _flat(q.group(1))
            elif not m.group("pin") and not m.group("para"):
                end = m.end("doc")  # an ordinary parenthetical, not part of the citation
        if end == m.end() and pin is None and desc and not alias:
            end = m.end("doc")
        out.append(
            _Cand(
                "record", m.start(), m.end("doc"), end, prio=2, pin=pin, authority=doc, alias=alias
            )
        )
    for m in _RECORD_DOC.finditer(text):
        doc = _SIGNAL_PREFIX.sub("", _flat(m.group("doc")))
        pin = _pin(m.group("pin") or m.group("tr")) or (
            _flat(m.group("para")) if m.group("para") else None
        )
        start = m.end("doc") - len(doc) if _flat(m.group("doc")).endswith(doc) else m.start()
        out.append(_Cand("record", start, m.end("doc"), m.end(), prio=4, pin=pin, authority=doc))
    for m in _DOCKET.finditer(text):
        if _WL_AFTER.match(text, m.end("docket")) or _in_blocked(blocked, m.start()):
            continue
        name_end = m.start()
        start = _name_before(text, name_end, italics)
        if start is None:
            continue
        name = _flat(text[start:name_end])
        slip = _SLIP.match(text, m.end("docket"))
        end = slip.end() if slip else m.end("docket")
        pin = _pin(slip.group("pin")) if slip else None
        out.append(
            _Cand(
                "docket",
                start,
                m.end("docket"),
                end,
                prio=1,
                name=name,
                case_name=name,
                docket=_flat(m.group("docket")),
                pin=pin,
            )
        )
    # Short forms after a case name: "Bartz, slip op. at 5", "Bartz, supra, at 3", "Bartz, at 3"
    # (the reporter-like part ends at the named group, or where the pin clause starts).
    for kind, pattern, end_group, prio in (
        ("slipshort", _SLIP_SHORT, "slip", 1),
        ("supra", _SUPRA, "supra", 3),
        ("name_at", _NAME_AT, None, 6),
    ):
        for m in pattern.finditer(text):
            start = _name_before(text, m.start(), italics)
            if start is None:
                continue
            out.append(
                _Cand(
                    kind,
                    start,
                    m.end(end_group) if end_group else m.start(),
                    m.end(),
                    prio=prio,
                    name=_flat(text[start : m.start()]),
                    pin=_pin(m.group("pin")),
                )
            )
    for m in _JOURNAL.finditer(text):
        if _in_blocked(blocked, m.start()):
            continue
        out.append(
            _journal_cand(
                text,
                m.start(),
                m.end(),
                m.group("vol"),
                _flat(m.group("jrnl")),
                m.group("page"),
                italics,
            )
        )
    out.extend(_secondary(text, italics))
    # Aliases defined by record citations: "Dkt. 598 (“MSJ Order”)" -> "MSJ Order, at 21".
    aliases = {c.alias: c.start for c in out if c.alias}
    for alias, defined_at in aliases.items():
        pat = re.compile(rf"(?<![\w]){re.escape(alias)}(?P<tail>{_AT_PIN.pattern})")
        for m in pat.finditer(text, defined_at + 1):
            out.append(
                _Cand(
                    "alias",
                    m.start(),
                    m.start("tail"),
                    m.end(),
                    prio=2,
                    name=alias,
                    pin=_pin(m.group("pin")),
                )
            )
    return out


def _eyecite(text: str, italics: list[Span]) -> tuple[list[_Cand], list[Span]]:
    """Reporter, journal and statute citations found by eyecite, as candidates."""
    from eyecite.models import (  # noqa: PLC0415 - heavy import, kept out of `quotecheck --help`
        FullCaseCitation,
        FullJournalCitation,
        FullLawCitation,
        ShortCaseCitation,
    )

    from quotecheck.extract._eyecite import get_citations  # noqa: PLC0415

    out: list[_Cand] = []
    blocked: list[Span] = []
    prev_full: _Cand | None = None
    # eyecite's patterns want a plain space between volume and reporter ("2025\nWL 2308091" is
    # missed); one space for each white-space character keeps every offset.
    found = get_citations(_WS.sub(" ", text))
    for c in found:
        s, e = c.span()
        groups: dict[str, str] = dict(c.groups)
        if isinstance(c, FullLawCitation):
            tail = _STATUTE_TAIL.match(text, e)
            end = tail.end() if tail else e
            out.append(_Cand("statute", s, end, end, prio=1, authority=_flat(text[s:end])))
            blocked.append(Span(s, end))
            continue
        if isinstance(c, FullJournalCitation):
            vol, page = groups.get("volume", ""), groups.get("page", "")
            rep = _canonical_reporter(c, groups.get("reporter", ""))
            m = re.compile(rf"{re.escape(vol)}\s+.*?\s+{re.escape(page)}\b", re.S).match(text, s)
            end = m.end() if m else e
            out.append(_journal_cand(text, s, end, vol, rep, page, italics, prio=0))
            blocked.append(Span(s, end))
            continue
        if not isinstance(c, FullCaseCitation | ShortCaseCitation):
            continue
        vol, rep_written = groups.get("volume", ""), groups.get("reporter", "")
        rep = _canonical_reporter(c, rep_written)
        m = re.compile(rf"{re.escape(vol)}\s+{re.escape(rep_written)}").match(text, s)
        rep_end = m.end() if m else e
        if isinstance(c, ShortCaseCitation):
            pm = _AT_PIN.match(text, rep_end)
            end = pm.end() if pm else e
            cand = _Cand(
                "short",
                s,
                rep_end,
                end,
                prio=0,
                volume=vol,
                rep_abbr=rep,
                pin=_pin(pm.group("pin")) if pm else None,
            )
            out.append(cand)
            blocked.append(Span(s, end))
            prev_full = None
            continue
        page = groups.get("page", "")
        pg = re.compile(rf"\s*,?\s*{re.escape(page)}\b").match(text, rep_end)
        core_end = pg.end() if pg else e
        pm = _FULL_PIN.match(text, core_end)
        end = pm.end() if pm else core_end
        pin = _pin(pm.group("pin")) if pm else None
        if prev_full is not None and re.fullmatch(r"\s*,\s*", text[prev_full.end : s]):
            # A parallel citation: one authority, reported twice.
            prev_full.end = end
            prev_full.core_end = end if pin is None else prev_full.core_end
            blocked.append(Span(s, end))
            continue
        cand = _Cand(
            "case",
            s,
            core_end,
            end,
            prio=0,
            volume=vol,
            rep_abbr=rep,
            page=page,
            reporter=f"{vol} {rep} {page}",
            pin=pin,
        )
        out.append(cand)
        blocked.append(Span(s, end))
        prev_full = cand
    return out, blocked


def _canonical_reporter(c: Any, written: str) -> str:
    """The reporter as reporters-db spells it ("F.Supp.3d" -> "F. Supp. 3d")."""
    edition = getattr(c, "edition_guess", None)
    if edition is not None:
        return str(edition.short_name)
    editions = getattr(c, "all_editions", None) or []
    if editions:
        return str(editions[0].short_name)
    return _flat(written)


def _journal_cand(
    text: str, s: int, e: int, vol: str, jrnl: str, page: str, italics: list[Span], prio: int = 3
) -> _Cand:
    pm = _FULL_PIN.match(text, e)
    end = pm.end() if pm else e
    reporter = f"{vol} {jrnl} {page}"
    start, author, title = s, None, None
    comma = re.search(r",\s*$", text[max(0, s - 3) : s])
    if comma:
        t_end = max(0, s - 3) + comma.start()
        span = _italic_ending_at(italics, t_end)
        if span is not None:
            title = _flat(text[span.start : span.end]).rstrip(",")
            start = span.start
            am = _AUTHOR.search(text[max(0, start - 60) : start])
            if am and _SIGNAL_PREFIX.sub("", am.group(1)) == am.group(1):
                author = _flat(am.group(1))
                start = max(0, start - 60) + am.start(1)
        else:
            # No italics: "Jane Doe, Title of Note, 12 Harv. L. Rev. 100".
            pm2 = _AUTHOR_TITLE.search(text[max(0, t_end - 200) : t_end])
            if pm2:
                author, title = _flat(pm2.group("author")), _flat(pm2.group("title"))
                start = max(0, t_end - 200) + pm2.start("author")
    authority = ", ".join(x for x in (author, title, reporter) if x)
    short = author.split()[-1] if author else (title.split(",")[0] if title else None)
    return _Cand(
        "journal",
        start,
        e,
        end,
        prio=prio,
        reporter=reporter,
        authority=authority,
        short_name=short,
        case_name=title,
        pin=_pin(pm.group("pin")) if pm else None,
    )


def _secondary(text: str, italics: list[Span]) -> list[_Cand]:
    """Reports and books cited by italic title: "*Title*, U.S. Copyright Office Report, p.52"."""
    out: list[_Cand] = []
    tail = re.compile(
        r",\s*(?P<pub>[^,()<>;\n“”]{2,80}(?:\n[^,()<>;\n“”]{1,80})?),\s*"
        rf"(?:at\s+|p\.\s*|pp\.\s*|page\s+)(?P<pin>{_PINS_AT})"
    )
    for span in italics:
        title = _flat(text[span.start : span.end])
        if " v. " in f" {title} " or len(title) < 8:
            continue
        m = tail.match(text, span.end)
        if (
            not m
            or not re.match(r"[A-Za-z]", m.group("pub"))
            or re.search(r"\d{3}", m.group("pub"))
        ):
            continue
        pub = _flat(m.group("pub"))
        out.append(
            _Cand(
                "secondary",
                span.start,
                m.end("pub"),
                m.end(),
                prio=3,
                case_name=title,
                authority=f"{title.rstrip(',')}, {pub}",
                pin=_pin(m.group("pin")),
                short_name=title.split(",")[0],
            )
        )
    return out


def _in_blocked(blocked: list[Span], pos: int) -> bool:
    return any(b.start <= pos < b.end for b in blocked)


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """Drop candidates that overlap a better one (lower ``prio``, then longer)."""
    ranked = sorted(cands, key=lambda c: (c.prio, -(c.end - c.start), c.start))
    kept: list[_Cand] = []
    for c in ranked:
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# Names before a citation


def _merge_italics(text: str, emphasis: Iterable[Span | Emphasis]) -> list[Span]:
    """Italic spans, merged where only white space (or a line break) separates them."""
    spans: list[Span] = []
    for e in emphasis:
        if isinstance(e, Emphasis):
            if e.style.value != "italic":
                continue
            spans.append(e.span)
        else:
            spans.append(e)
    spans = sorted(s for s in spans if 0 <= s.start < s.end <= len(text))
    merged: list[Span] = []
    for s in spans:
        gap = text[merged[-1].end : s.start] if merged else "x"
        if not gap.strip() and "\n\n" not in gap:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, s.end))
        else:
            merged.append(s)
    return merged


def _italic_ending_at(italics: list[Span], end: int) -> Span | None:
    for span in italics:
        if end - 1 <= span.end <= end + 1 and span.start < end:
            return span
    return None


def _name_before(text: str, end: int, italics: list[Span]) -> int | None:
    """Start of the case (or short) name that ends at ``end``, or ``None`` if there is none."""
    span = _italic_ending_at(italics, end)
    if span is not None:
        raw = text[span.start : min(span.end, end)]
        stripped = _LOWER_HEAD.sub("", _SIGNAL_PREFIX.sub("", raw))
        lead = len(raw) - len(stripped)
        start = span.start + lead
        while start < end and text[start].isspace():
            start += 1
        if start < end and re.search(r"[A-Za-z]", text[start:end]):
            return start
    return _scan_name(text, end)


def _scan_name(text: str, end: int) -> int | None:
    """Walk back over name-like words ("Harper & Row", "Bada Int’l, Inc. v. ChungHo Nais, Co.")."""
    window_start = max(0, end - 300)
    tokens = [
        (m.start() + window_start, m.end() + window_start, m.group())
        for m in re.finditer(r"\S+", text[window_start:end])
    ]
    if window_start > 0 and tokens:
        tokens = tokens[1:]  # the first may be cut
    start: int | None = None
    seen_v = False
    right: str | None = None
    paren = 0
    i = len(tokens) - 1
    while i >= 0 and len(tokens) - i <= 30:
        ts, te, tok = tokens[i]
        gap_end = tokens[i + 1][0] if i + 1 < len(tokens) else end
        if "\n\n" in text[te:gap_end] or (i + 1 == len(tokens) and text[te:end].strip()):
            break
        low = tok.lower()
        left = tokens[i - 1][2] if i > 0 else ""
        if low in ("v.", "vs.", "v") and start is not None:
            seen_v = True
        elif start is not None and (
            (tok == "re" and left == "In") or tok == "§" or low in _CONNECTORS
        ):
            pass  # part of a name: "In re", "DMCA § 512(h)", "Nintendo of Am."
        elif tok[0].isdigit() and left == "§":
            pass
        elif tok.startswith("(") and paren == 0:
            inner = tok.lstrip('(“"')
            if inner and _name_word(inner, right, seen_v) and inner.lower() not in _STOP_CAPS:
                start = te - len(inner)
            break
        elif _name_word(tok, right, seen_v):
            core = tok.lstrip("(").rstrip(",")
            if (core.lower() in _STOP_CAPS or low in _STOP_CAPS) and not (
                core == "In" and right == "re"
            ):
                break
            if tok.endswith(")"):
                paren += tok.count(")") - tok.count("(")
            if tok.startswith("("):
                paren -= 1
        else:
            break
        start = ts
        right = tok
        i -= 1
    if start is None:
        return None
    # Never begin with a connector or "v.".
    while True:
        m = re.match(r"(?:of|the|and|&|for|v\.|to|on|a|an)\s+", text[start:end])
        if not m:
            break
        start += m.end()
    name = text[start:end]
    if not re.search(r"[A-Za-z]", name) or paren != 0:
        return None
    return start


def _name_word(tok: str, right: str | None, seen_v: bool) -> bool:
    if any(q in tok for q in '“”"') or tok.endswith((".”", ";", ":", "’”")):
        return False
    core = tok.lstrip("(")
    if not core:
        return False
    if right is not None and tok.endswith(".") and not _is_abbreviation(tok):
        return False  # "... by the Court. Smith v. Jones": a sentence ends here
    if tok.endswith(","):
        # A comma inside a name: "Int’l, Inc.", "Records, Inc. v.", "Harper & Row, Publishers,".
        r = (right or "").lower().rstrip(")")
        if not (r in _SUFFIXES or r.rstrip(",") in _SUFFIXES or seen_v or r in ("v.", "vs.")):
            return False
    first = core[0]
    if first.isupper() or first == "&":
        return not core.rstrip(",.").endswith(("’", "'")) or len(core) <= 3
    # "eBay", "iTunes": lower-case first letter, capital inside.
    return bool(re.match(r"[a-z]+[A-Z]", core))


def _is_abbreviation(tok: str) -> bool:
    """Whether a word ending in a period is an abbreviation ("Litig.", "N.E.", "Dep’t.")."""
    word = tok.lstrip("(").rstrip(".,)")
    if "." in word or len(word) <= 2 or "’" in word or "'" in word:
        return True
    return word.lower() in _ABBREVIATIONS


# ---------------------------------------------------------------------------------------------
# Parentheticals and nesting


def _attach_parentheticals(text: str, cands: list[_Cand]) -> None:
    """Read the parentheticals after each citation and mark citations nested inside them."""
    open_parent: int | None = None
    for idx, c in enumerate(cands):
        if open_parent is not None:
            p = cands[open_parent]
            if c.start < p.paren_end:
                c.parent = open_parent
                p.children.append(idx)
            else:
                open_parent = None
        parens = split_parentheticals(text, c.end)
        # The court/date parenthetical right after a full citation belongs to its span (and
        # stays in its parentheticals); a judge's name after a short form does not.
        if parens and c.kind in ("case", "docket", "journal", "statute"):
            first = parens[0]
            if first.kinds == (ParentheticalKind.COURT,):
                c.end = first.span.end + 1
                years = _YEAR.findall(first.text)
                if years:
                    c.year = years[-1]
        c.parens = parens
        c.paren_end = parens[-1].span.end + 1 if parens else c.end
        if c.parent is None and parens:
            open_parent = idx


# ---------------------------------------------------------------------------------------------
# Resolution


@dataclass
class _Known:
    """A resolved citation that later short forms, supra and aliases may point back to."""

    cite: Citation
    index: int | None  # index in the returned tuple (None for nested citations)
    kind: str
    names: list[str]
    volume: str | None = None
    rep_abbr: str | None = None
    page: str | None = None
    docket: str | None = None
    alias: str | None = None


def _resolve(text: str, cands: list[_Cand]) -> tuple[Citation, ...]:
    out: list[Citation] = []
    known: list[_Known] = []
    resolved: dict[int, Citation] = {}
    top_index: dict[int, int] = {}
    names_used: dict[int, str] = {}  # tuple index of a full cite -> name in its first short form
    last_top: int | None = None  # tuple index of the latest top-level citation
    for idx, c in enumerate(cands):
        nested = c.parent is not None
        id_base = last_top
        if nested and c.kind == "id":
            parent_top = top_index.get(_top_ancestor(cands, idx))
            id_base = parent_top - 1 if parent_top is not None and parent_top > 0 else None
        cite, ante = _build(text, c, known, out, id_base)
        if cite is None:
            continue
        resolved[idx] = cite
        if ante is not None and ante.index is not None and c.name and c.kind != "id":
            names_used.setdefault(ante.index, c.name)
        entry = _Known(
            cite,
            None if nested else len(out),
            c.kind,
            _names_of(c, cite),
            c.volume,
            c.rep_abbr,
            c.page,
            _docket_key(cite.docket),
            c.alias,
        )
        if c.kind in ("case", "docket", "journal", "secondary", "record", "statute"):
            known.append(entry)
        if not nested:
            top_index[idx] = len(out)
            out.append(cite)
            last_top = len(out) - 1
    # Origins: the citation a "(quoting X)" parenthetical names, parsed and resolved.
    final: list[Citation] = []
    for idx, c in enumerate(cands):
        if idx not in top_index:
            continue
        cite = out[top_index[idx]]
        origin = _origin(c, cands, resolved)
        short = cite.short_name
        if cite.form == F.FULL and top_index[idx] in names_used:
            short = names_used[top_index[idx]]
        final.append(dataclasses.replace(cite, origin=origin, short_name=short))
    return tuple(final)


def _top_ancestor(cands: list[_Cand], idx: int) -> int:
    while cands[idx].parent is not None:
        parent = cands[idx].parent
        assert parent is not None
        idx = parent
    return idx


def _origin(c: _Cand, cands: list[_Cand], resolved: dict[int, Citation]) -> Citation | None:
    for p in c.parens:
        if ParentheticalKind.QUOTING not in p.kinds:
            continue
        for child in c.children:
            if p.span.start <= cands[child].start < p.span.end and child in resolved:
                inner = _origin(cands[child], cands, resolved)
                return dataclasses.replace(resolved[child], origin=inner)
    return None


def _build(
    text: str, c: _Cand, known: list[_Known], out: list[Citation], id_base: int | None
) -> tuple[Citation | None, _Known | None]:
    span = Span(c.start, c.end)
    base: dict[str, Any] = {
        "span": span,
        "text": text[c.start : c.end],
        "pin": c.pin,
        "parentheticals": c.parens,
    }
    if c.kind == "case":
        name, docket = c.case_name, c.docket
        generic = bool(name) and not _is_full_name(name or "") and docket is None
        prior = _find_known(
            known,
            lambda k: (
                k.kind == "case"
                and k.volume == c.volume
                and k.rep_abbr == c.rep_abbr
                and k.page == c.page
            ),
            name,
        )
        if prior is not None and (generic or not name):
            c.kind = "wlshort"
            c.name = name
            return _inherit(base, F.SHORT, prior, name), prior
        authority = f"{name}, {c.reporter}" if name else (c.reporter or "")
        return Citation(
            form=F.FULL,
            authority=authority,
            reporter=c.reporter,
            case_name=name,
            short_name=_guess_short(name),
            docket=docket,
            year=c.year,
            **base,
        ), None
    if c.kind == "short":
        name = c.name
        prior = _find_known(
            known,
            lambda k: k.kind == "case" and k.volume == c.volume and k.rep_abbr == c.rep_abbr,
            name,
        )
        if prior is None:
            auth = f"{name + ', ' if name else ''}{c.volume} {c.rep_abbr}"
            return Citation(form=F.SHORT, authority=auth, short_name=name, **base), None
        return _inherit(base, F.SHORT, prior, name), prior
    if c.kind == "docket":
        prior = _find_known(
            known, lambda k: k.docket is not None and k.docket == _docket_key(c.docket), None
        )
        if prior is not None and not _is_full_name(c.name or "") and not c.year:
            return _inherit(base, F.SHORT, prior, c.name), prior
        return Citation(
            form=F.FULL,
            authority=f"{c.name}, {c.docket}",
            case_name=c.name,
            short_name=_guess_short(c.name),
            docket=c.docket,
            year=c.year,
            **base,
        ), None
    if c.kind == "slipshort":
        prior = _find_known(known, lambda k: k.kind == "docket", c.name)
        if prior is None or not _name_matches(c.name, prior.names):
            return Citation(form=F.SHORT, authority=c.name or "", short_name=c.name, **base), None
        return _inherit(base, F.SHORT, prior, c.name), prior
    if c.kind == "id":
        if id_base is None or id_base >= len(out):
            return Citation(form=F.ID, authority="", **base), None
        prev = out[id_base]
        if base["pin"] is None:
            base["pin"] = prev.pin
        ante = _Known(prev, id_base, "id", [])
        return _inherit(base, F.ID, ante, None, index=id_base), ante
    if c.kind in ("supra", "name_at"):
        prior = _find_known(known, lambda k: _name_matches(c.name, k.names), c.name)
        if prior is None:
            if c.kind == "name_at":
                return None, None  # "Smith, at 5" with no Smith cited before: not a citation
            return Citation(form=F.SUPRA, authority=c.name or "", short_name=c.name, **base), None
        form = F.SUPRA if c.kind == "supra" else (F.RECORD if prior.kind == "record" else F.SHORT)
        return _inherit(base, form, prior, c.name), prior
    if c.kind == "alias":
        prior = _find_known(known, lambda k: k.alias == c.name, None)
        if prior is None:
            return None, None
        return _inherit(base, F.RECORD, prior, c.name), prior
    if c.kind == "record":
        return Citation(
            form=F.RECORD, authority=c.authority or "", short_name=c.alias, **base
        ), None
    if c.kind in ("journal", "secondary"):
        form = F.FULL if c.kind == "journal" else F.OTHER
        return Citation(
            form=form,
            authority=c.authority or "",
            reporter=c.reporter,
            case_name=c.case_name,
            short_name=c.short_name,
            year=c.year,
            **base,
        ), None
    # statute
    return Citation(form=F.OTHER, authority=c.authority or "", year=c.year, **base), None


def _inherit(
    base: dict[str, Any],
    form: CitationForm,
    prior: _Known,
    name: str | None,
    index: int | None = None,
) -> Citation:
    p = prior.cite
    return Citation(
        form=form,
        authority=p.authority,
        reporter=p.reporter,
        case_name=p.case_name,
        short_name=name or p.short_name,
        docket=p.docket,
        year=p.year,
        antecedent=prior.index if index is None else index,
        **base,
    )


def _find_known(known: list[_Known], pred: Any, name: str | None) -> _Known | None:
    """The latest matching earlier citation; one whose name matches ``name`` wins."""
    hits = [k for k in known if pred(k)]
    if not hits:
        return None
    if name:
        named = [k for k in hits if _name_matches(name, k.names)]
        if named:
            return named[-1]
    return hits[-1]


def _names_of(c: _Cand, cite: Citation) -> list[str]:
    names = [n for n in (cite.case_name, cite.short_name, c.alias, c.name) if n]
    if c.kind == "journal" and cite.authority:
        names.append(cite.authority.split(",")[0])
    return names


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower().replace("’", "'")).split())


def _name_matches(name: str | None, names: Iterable[str]) -> bool:
    if not name:
        return False
    n = _norm(name)
    if not n:
        return False
    for other in names:
        o = _norm(other)
        if not o:
            continue
        if n == o or f" {n} " in f" {o} " or (len(o) > 3 and f" {o} " in f" {n} "):
            return True
    return False


def _docket_key(docket: str | None) -> str | None:
    if not docket:
        return None
    return re.sub(r"[^0-9a-z]", "", docket.lower().replace("no.", ""))


def _is_full_name(name: str) -> bool:
    low = f" {name.lower()} "
    return (
        " v. " in low
        or " vs. " in low
        or low.strip().startswith(
            ("in re ", "ex parte ", "matter of ", "in the matter of ", "estate of ", "appeal of ")
        )
    )


def _guess_short(name: str | None) -> str | None:
    """The name a short form would likely use: the first non-generic party, up to a comma."""
    if not name:
        return None
    parts = re.split(r"\s+v\.\s+", name, maxsplit=1)
    party = parts[0]
    if party.lower() in _GENERIC_PARTIES and len(parts) > 1:
        party = parts[1]
    return party.split(",")[0].strip() or None


def _comma_before(text: str, pos: int) -> int:
    m = re.search(r",\s*$", text[max(0, pos - 4) : pos])
    return max(0, pos - 4) + m.start() if m else pos


def _name_full(text: str, c: _Cand, italics: list[Span]) -> None:
    """Extend a full reporter citation back over its docket number and case name."""
    name_end = _comma_before(text, c.start)
    if name_end == c.start:
        return
    window = max(0, name_end - 60)
    dm = re.search(r",\s+(No\.\s?[^,()\n;]{1,45}?)\s*$", text[window:name_end])
    if dm:
        c.docket = _flat(dm.group(1))
        name_end = window + dm.start()
    start = _name_before(text, name_end, italics)
    if start is None:
        if dm:
            c.docket = None
        return
    c.case_name = _flat(text[start:name_end])
    c.start = start


def _pin(raw: str | None) -> str | None:
    """A pinpoint as written, white space collapsed and dashes folded to "-"."""
    if not raw:
        return None
    pin = _flat(raw)
    pin = re.sub(rf"\s*[{_DASH}]\s*", "-", pin)
    pin = re.sub(r"^(?:pages?|pp?\.)\s*", "", pin)
    pin = re.sub(r"^([ivxlc]+)\.(?=,|\s|$)", r"\1", pin)
    pin = re.sub(r"\*\s+", "*", pin)
    return pin.rstrip(".,") or None


def _flat(s: str) -> str:
    s = re.sub(r"-\s*\n\s*", "-", s)
    return " ".join(s.split())
