"""Tests for quotecheck.classify: one synthetic case per rule, the seed case, the dev set."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from align_support import load_source, make_citation, make_quote

from quotecheck.align import align_quote
from quotecheck.classify import classify
from quotecheck.classify.cues import changes_meaning, find_cues
from quotecheck.classify.rules import parse_pages
from quotecheck.models import (
    Alignment,
    Emphasis,
    EmphasisStyle,
    FindingKind,
    PageRun,
    ParentheticalKind,
    QuoteKind,
    Severity,
    Source,
    SourceText,
    Span,
    Unresolved,
)

P = ParentheticalKind
K = FindingKind

SOURCE = (
    "The statute is clear. Parties may seek review of a final order within sixty days. "
    "Courts must not extend that period unless the agency consents. "
    "A timely petition suspends the order, so long as the petitioner posts a bond. "
    "The agency \u201cshall publish\u201d each order in the register. "
    "This rule is longstanding. But we need not decide whether it applies to interim orders. "
    "Review is deferential. The board's findings are conclusive if supported by evidence."
)


def make_source(text: str = SOURCE) -> SourceText:
    half = len(text) // 2
    cut = text.index(" ", half)
    pages = (PageRun("U.S.", "10", Span(0, cut)), PageRun("U.S.", "11", Span(cut, len(text))))
    return SourceText("doc", text, pages=pages)


def run(
    text: str,
    *,
    kinds: tuple[P, ...] = (),
    pin: str | None = None,
    emphasis=(),
    kind: QuoteKind = QuoteKind.QUOTATION,
    brief_text: str = "",
) -> list[str]:
    src = make_source()
    q = make_quote(text, emphasis=emphasis, kind=kind)
    res = Source("doc", "U.S.", (pin,) if pin else (), True)
    cit = make_citation(pin, kinds=kinds)
    a = align_quote(q, src, pagination="U.S.")
    found = classify(
        q, citation=cit, resolution=res, alignment=a, source=src, brief_text=brief_text
    )
    for f in found:
        assert f.message
        assert f.rule
        assert f.evidence.brief_text
    return sorted(f.kind.value for f in found)


@pytest.mark.parametrize(
    ("text", "kinds", "expect"),
    [
        ("Parties may seek review of a final order within sixty days.", (), []),
        ("Parties must seek review of a final order within sixty days.", (), ["altered_words"]),
        ("Parties may seek review of a final order within ninety days.", (), ["altered_words"]),
        ("Parties may seek review of a order within sixty days.", (), ["unmarked_omission"]),
        ("Courts must extend that period unless the agency consents.", (), ["unmarked_omission"]),
        (
            "Courts must . . . extend that period unless the agency consents.",
            (),
            ["ellipsis_hides_qualifier"],
        ),
        ("Parties . . . seek review of a final order within sixty days.", (), []),
        (
            "Courts [may] not extend that period unless the agency consents.",
            (),
            ["alteration_changes_meaning"],
        ),
        ("[C]ourts must not extend that period unless the agency consents.", (), []),
        ("[The courts] must not extend that period unless the agency consents.", (), []),
        ("Courts must not extend that period.", (), ["truncated_before_qualifier"]),
        ("Courts must not extend that period", (), []),
        ("A timely petition suspends the order.", (), ["truncated_before_qualifier"]),
        ("This rule is longstanding.", (), ["omitted_adjacent_qualifier"]),
        ("Review is deferential.", (), []),
        ("The statute is clear.", (), []),
        (
            "The agency shall publish each order in the register.",
            (),
            ["internal_quotes_undisclosed"],
        ),
        ("The agency shall publish each order in the register.", (P.INTERNAL_QUOTES_OMITTED,), []),
        ("The agency \u2018shall publish\u2019 each order in the register.", (), []),
        ("Review of a final order within sixty days.", (), ["unmarked_capitalization"]),
        ("[R]eview of a final order within sixty days.", (), []),
        (
            "parties may seek review of a final order within sixty days.",
            (),
            ["unmarked_capitalization"],
        ),
        ("[p]arties may seek review of a final order within sixty days.", (), []),
    ],
    ids=[
        "faithful",
        "modal-swap",
        "word-swap",
        "dropped-word",
        "dropped-not",
        "ellipsis-not",
        "ellipsis-neutral",
        "bracket-modal",
        "bracket-case",
        "bracket-pronoun-ish",
        "truncated-unless",
        "fragment-no-period",
        "truncated-so-long-as",
        "adjacent-need-not",
        "adjacent-neutral",
        "first-sentence",
        "inner-quotes-dropped",
        "inner-quotes-disclosed",
        "inner-quotes-kept",
        "capitalized",
        "capitalized-bracketed",
        "lower-cased",
        "lower-cased-bracketed",
    ],
)
def test_classify_synthetic_rules(text: str, kinds: tuple[P, ...], expect: list[str]) -> None:
    assert run(text, kinds=kinds) == expect


PREDICATE_SOURCE = (
    "Maher, the tipper, provided inside information to a close relative, his brother Michael. "
    "The United States Constitution protects the press. "
    "The panel, unpersuaded by that reading, affirmed the judgment below."
)


@pytest.mark.parametrize(
    ("text", "dropped_verb"),
    [
        ("Maher, the tipper . . . his brother Michael.", True),
        # a verb is left in the quotation
        ("Maher, the tipper, provided inside information . . . his brother Michael.", False),
        ("The panel . . . affirmed the judgment below.", False),
        # the words left out are a name, not a verb
        ("The . . . Constitution protects the press.", False),
    ],
)
def test_classify_ellipsis_that_drops_the_only_verb(text: str, dropped_verb: bool) -> None:
    src = make_source(PREDICATE_SOURCE)
    q = make_quote(text)
    a = align_quote(q, src, pagination="U.S.")
    assert a is not None
    found = classify(
        q,
        citation=make_citation(None),
        resolution=Source("doc", "U.S.", (), True),
        alignment=a,
        source=src,
        brief_text=text,
    )
    hidden = [f for f in found if f.kind is K.ELLIPSIS_HIDES_QUALIFIER]
    assert bool(hidden) is dropped_verb
    if dropped_verb:
        (f,) = hidden
        assert f.uncertain  # the verb is known by its form, not by a tagger
        assert f.severity is Severity.WARNING
        assert "provided inside information to a close relative" in f.message
        assert f.evidence.cue == "provided"


def test_classify_altered_words_severity_tracks_meaning() -> None:
    src = make_source()
    for text, sev in [
        ("Parties must seek review of a final order within sixty days.", Severity.ERROR),
        ("Parties may seek review of a final order within ninety days.", Severity.WARNING),
    ]:
        q = make_quote(text)
        found = classify(
            q,
            citation=make_citation("10"),
            resolution=Source("doc", "U.S."),
            alignment=align_quote(q, src),
            source=src,
        )
        assert [f.severity for f in found] == [sev]


def test_classify_wrong_pinpoint_and_ranges() -> None:
    text = "Review is deferential."
    assert run(text, pin="10") == ["wrong_pinpoint"]
    assert run(text, pin="11") == []
    assert run(text, pin="10-11") == []


def test_classify_unpaginated_source_has_no_pinpoint_finding() -> None:
    src = make_source()
    q = make_quote("Review is deferential.")
    found = classify(
        q,
        citation=make_citation("1025"),
        resolution=Source("doc", "F. Supp. 3d", ("1025",), paginated=False),
        alignment=align_quote(q, src),
        source=src,
    )
    assert found == ()


def test_classify_where_the_words_are() -> None:
    q = make_quote("Nobody ever wrote these words in any opinion at all.")
    other = Alignment("other", 99.0, Span(0, 10), "Nobody eve", pages=("5",), pagination="U.S.")
    common = {"citation": make_citation("10"), "alignment": None, "source": None}
    assert [f.kind for f in classify(q, resolution=Source("doc", "U.S."), **common)] == [
        K.NOT_FOUND
    ]
    assert [
        f.kind for f in classify(q, resolution=Source("doc", "U.S."), elsewhere=other, **common)
    ] == [K.WRONG_SOURCE]
    missing = classify(q, resolution=Unresolved("not_in_corpus"), elsewhere=other, **common)
    assert [(f.kind, f.severity) for f in missing] == [(K.SOURCE_MISSING, Severity.INFO)]


@pytest.mark.parametrize(
    "kind", [QuoteKind.TERM, QuoteKind.HEADING, QuoteKind.PHRASE], ids=["term", "heading", "phrase"]
)
def test_classify_terms_and_headings_are_never_accused(kind: QuoteKind) -> None:
    assert run("Parties must seek review of a final order within sixty days.", kind=kind) == []


def test_classify_short_uncited_phrase_is_not_accused() -> None:
    q = make_quote("sixty days")
    assert classify(q, citation=None, resolution=None, alignment=None, source=None) == ()


@pytest.mark.parametrize(
    ("emph", "kinds", "expect"),
    [
        ("final order", (), ["emphasis_undisclosed"]),
        ("final order", (P.EMPHASIS_ADDED,), []),
        (None, (P.EMPHASIS_ADDED,), ["emphasis_claim_unsupported"]),
        ("Smith v. Jones", (), []),
    ],
    ids=["undisclosed", "disclosed", "claim-without-emphasis", "italic-case-name"],
)
def test_classify_emphasis(emph: str | None, kinds: tuple[P, ...], expect: list[str]) -> None:
    text = "Parties may seek review of a final order within sixty days."
    if emph == "Smith v. Jones":
        text = "Parties may seek review of a final order within sixty days."
        span = Span(0, 7)  # "Parties" set in italics as if a case name, plus " v." check below
        emphasis = (Emphasis(span, EmphasisStyle.ITALIC),)
        expect = ["emphasis_undisclosed"]  # "Parties" alone is not a case name
        assert run(text, kinds=kinds, emphasis=emphasis) == expect
        return
    emphasis = ()
    if emph:
        start = text.index(emph)
        emphasis = (Emphasis(Span(start, start + len(emph)), EmphasisStyle.ITALIC),)
    assert run(text, kinds=kinds, emphasis=emphasis) == expect


def test_classify_italic_case_name_inside_quote_is_not_emphasis() -> None:
    text = "Smith v. Jones, the rule goes, controls."
    src = make_source(f"As we said, {text} Nothing more.")
    start = text.index("Smith")
    emphasis = (Emphasis(Span(start, start + len("Smith v. Jones")), EmphasisStyle.ITALIC),)
    q = make_quote(text, emphasis=emphasis)
    found = classify(
        q,
        citation=make_citation(None),
        resolution=Source("doc", "U.S."),
        alignment=align_quote(q, src),
        source=src,
    )
    assert [f.kind for f in found] == []


def test_classify_adjacent_qualifier_quoted_nearby_lowers_severity() -> None:
    src = make_source()
    q = make_quote("This rule is longstanding.")
    brief = (
        "The court noted that \u201cThis rule is longstanding.\u201d But it added that "
        "\u201c[w]e need not decide whether it applies to interim orders.\u201d"
    )
    found = classify(
        q,
        citation=make_citation("11"),
        resolution=Source("doc", "U.S."),
        alignment=align_quote(q, src),
        source=src,
        brief_text=brief,
    )
    assert [(f.kind, f.severity) for f in found] == [
        (K.OMITTED_ADJACENT_QUALIFIER, Severity.WARNING)
    ]
    assert "nearby" in found[0].message


@pytest.mark.parametrize(
    ("brief", "source", "how"),
    [
        (["must"], ["may"], 'modal: "may" became "must"'),
        (["all"], ["some"], 'quantifier: "some" became "all"'),
        (["did"], ["did", "not"], "negation dropped"),
        (["more"], ["less"], 'comparison: "less" became "more"'),
        (["or"], ["and"], 'connective: "and" became "or"'),
        (["would"], ["will"], None),
        (["the", "court"], ["it"], None),
    ],
    ids=["modal", "quantifier", "negation", "comparison", "and-or", "tense", "clarifying"],
)
def test_classify_cues_changes_meaning(
    brief: list[str], source: list[str], how: str | None
) -> None:
    assert changes_meaning(brief, source) == how


def test_classify_cues_find_need_not_decide() -> None:
    hits = find_cues(
        "But this order need not decide this case on that rule.", ["contrast", "holding"]
    )
    assert [(h.name, h.text) for h in hits] == [
        ("CONTRAST", "But"),
        ("NEED_NOT", "need not decide"),
    ]


@pytest.mark.parametrize(
    ("pin", "pages"),
    [
        ("577", [577]),
        ("577-78", [577, 578]),
        ("225\u201326", [225, 226]),
        ("1025, 1034", [1025, 1034]),
        ("440 n.3", [440]),
        ("slip op.", None),
    ],
    ids=["single", "range", "en-dash", "list", "footnote", "no-number"],
)
def test_classify_parse_pages(pin: str, pages: list[int] | None) -> None:
    assert parse_pages(pin) == pages


# ---------------------------------------------------------------------------------------------
# The seed case (issue 4, "Done when")

BARTZ = "bartz-v-anthropic-2025-06-23"
SEED_QUOTE = (
    "[s]uch piracy of otherwise available copies is inherently, irredeemably infringing even if "
    "the pirated copies are immediately used for the transformative use and immediately "
    "discarded."
)


def _bartz(corpus_dir: Path, text: str, brief_text: str = "") -> tuple:
    src = load_source(corpus_dir, BARTZ)
    q = make_quote(text)
    a = align_quote(q, src, prefer_pages=("19",), pagination="slip")
    res = Source(BARTZ, "F. Supp. 3d", ("1025",), paginated=False)
    return a, classify(
        q,
        citation=make_citation("1025", kinds=(P.QUOTING,)),
        resolution=res,
        alignment=a,
        source=src,
        brief_text=brief_text,
    )


@pytest.mark.corpus
def test_classify_issue4_seed_omitted_adjacent_qualifier(corpus_dir: Path) -> None:
    a, found = _bartz(corpus_dir, SEED_QUOTE)
    assert a is not None
    assert a.pages == ("19",)
    assert [f.kind for f in found] == [K.OMITTED_ADJACENT_QUALIFIER]
    f = found[0]
    assert f.evidence.source_text == "But this order need not decide this case on that rule."
    assert f.severity == Severity.ERROR
    assert "need not decide" in f.message or "But" in f.message


@pytest.mark.corpus
def test_classify_issue4_seed_unmarked_capitalization(corpus_dir: Path) -> None:
    _, found = _bartz(corpus_dir, "This order need not decide this case on that rule.")
    assert [f.kind for f in found] == [K.UNMARKED_CAPITALIZATION]
    assert "But" in found[0].message


@pytest.mark.corpus
@pytest.mark.parametrize(
    "text",
    [
        "decide th[e] case",
        "[T]his order need not decide this case on that rule.",
        "inherently, irredeemably infringing even if \u2026 for the transformative use",
    ],
    ids=["bracketed-the", "bracketed-this", "partial-with-ellipsis"],
)
def test_classify_issue4_seed_faithful_quotes_pass(corpus_dir: Path, text: str) -> None:
    a, found = _bartz(corpus_dir, text)
    assert a is not None
    assert found == ()


# ---------------------------------------------------------------------------------------------
# The dev set: per-kind precision and recall on the quote-level kinds

QUOTE_KINDS = (
    "wrong_pinpoint",
    "altered_words",
    "unmarked_omission",
    "unmarked_capitalization",
    "ellipsis_hides_qualifier",
    "alteration_changes_meaning",
    "truncated_before_qualifier",
    "omitted_adjacent_qualifier",
    "internal_quotes_undisclosed",
)
_PARENS = {
    "internal quotation marks omitted": P.INTERNAL_QUOTES_OMITTED,
    "internal quotation omitted": P.INTERNAL_QUOTES_OMITTED,
    "cleaned up": P.CLEANED_UP,
    "citation modified": P.CITATION_MODIFIED,
    "citation omitted": P.CITATION_OMITTED,
    "citations omitted": P.CITATION_OMITTED,
    "emphasis added": P.EMPHASIS_ADDED,
    "alteration in original": P.ALTERATION_IN_ORIGINAL,
    "quoting": P.QUOTING,
}


def _brief_plain(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^>\s?", "", text)
    return re.sub(r"[*_]", "", text)


def _collapse(text: str) -> tuple[str, list[int]]:
    out, pos = [], []
    prev_space = False
    for i, c in enumerate(text):
        if c.isspace():
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(c)
            prev_space = False
        pos.append(i)
    return "".join(out), pos


def _pagination_for(cite: str, source: SourceText) -> str | None:
    squashed = cite.replace(" ", "")
    if "slipop" in squashed:
        return "slip"
    for pag in source.paginations:
        if re.search(r"\d" + re.escape(pag.replace(" ", "")) + r"(?:\d|at|,)", squashed):
            return pag
    return None


def _pin(cite: str) -> str | None:
    m = re.search(r"\bat ([\d\u2013\-]+)", cite)
    if m:
        return m.group(1)
    m = re.search(r"\d[\w. ]*? \d+, ([\d\u2013\-]+)(?: \(|$)", cite)
    return m.group(1) if m else None


def _dev_cases(shared: Path) -> list[dict]:
    root = shared / "eval" / "dev"
    labels = [
        json.loads(line)
        for line in (root / "labels.jsonl").read_text().splitlines()
        if line.strip()
    ]
    briefs: dict[str, tuple[str, list[int], str]] = {}
    last: dict[str, tuple[str, str | None]] = {}
    cases = []
    for lab in labels:
        if lab["brief"] not in briefs:
            raw = _brief_plain(root / lab["brief"])
            flat, _ = _collapse(raw)
            briefs[lab["brief"]] = (flat, [], raw)
            last = {}
        flat = briefs[lab["brief"]][0]
        at = flat.find(lab["quote"])
        tail = flat[at + len(lab["quote"]) : at + len(lab["quote"]) + 400] if at >= 0 else ""
        text = lab["quote"] + (tail[0] if tail[:1] in (".", "?", "!") else "")
        after = tail[1:].lstrip("\u201d\u2019\"' ")
        nxt = re.search('[\u201c"]', after)
        window = after[: nxt.start()] if nxt else after
        kinds = tuple(
            {
                k
                for phrase, k in _PARENS.items()
                if "(" + phrase in window or "; " + phrase in window
            }
        )
        para_start = flat.rfind("  ", 0, max(at, 0))
        cases.append(
            {
                **lab,
                "text": text,
                "kinds": kinds,
                "brief_text": flat[max(0, at - 600) : at + len(text) + 600],
                "prev": dict(last),
                "para": para_start,
            }
        )
        if lab["cite"]:
            last = {"cite": lab["cite"]}
    return cases


def _run_dev(shared: Path, corpus_dir: Path) -> tuple[dict[str, Counter], list[str], int]:
    stats: dict[str, Counter] = {k: Counter() for k in QUOTE_KINDS}
    misses: list[str] = []
    unaligned = 0
    prev_cite: dict[str, str] = {}
    for case in _dev_cases(shared):
        cite = case["cite"] or ""
        expect, allow = set(case["expect"]), set(case["allow"])
        brief = case["brief"]
        if cite.startswith("Id.") and brief in prev_cite:
            base = prev_cite[brief]
        else:
            base = cite
            prev_cite[brief] = cite
        if not case["source"] or expect & {"wrong_source", "not_found", "source_missing"}:
            continue
        src = load_source(corpus_dir, case["source"])
        pag = _pagination_for(base, src) or _pagination_for(cite, src)
        pin = _pin(cite) if not cite.startswith("Id.") or " at " in cite else None
        if cite.startswith("Id.") and " at " not in cite:
            pin = None
        res = Source(src.document, pag or "none", (pin,) if pin else (), pag is not None)
        q = make_quote(case["text"], kind=QuoteKind.QUOTATION)
        a = align_quote(
            q,
            src,
            prefer_pages=tuple(map(str, parse_pages(pin) or [])) if pin else (),
            pagination=pag,
        )
        if a is None:
            unaligned += 1
            misses.append(f"UNALIGNED {case['quote'][:60]!r}")
            continue
        cit = make_citation(pin, kinds=case["kinds"])
        found = classify(
            q, citation=cit, resolution=res, alignment=a, source=src, brief_text=case["brief_text"]
        )
        got = {f.kind.value for f in found}
        for k in QUOTE_KINDS:
            if k in expect and k in got:
                stats[k]["tp"] += 1
            elif k in expect:
                stats[k]["fn"] += 1
                misses.append(f"FN {k}: {case['quote'][:70]!r} ({case['note'][:60]})")
            elif k in got and k not in allow:
                stats[k]["fp"] += 1
                msg = next(f.message for f in found if f.kind.value == k)
                misses.append(f"FP {k}: {case['quote'][:60]!r} -> {msg[:110]}")
    return stats, misses, unaligned


@pytest.mark.corpus
@pytest.mark.slow
def test_classify_dev_set_precision_recall(shared: Path, corpus_dir: Path) -> None:
    stats, misses, unaligned = _run_dev(shared, corpus_dir)
    print("\nkind                          tp  fp  fn  precision recall")
    for k, c in stats.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        print(f"{k:28} {c['tp']:3} {c['fp']:3} {c['fn']:3}  {p:8.2f} {r:6.2f}")
    print(f"unaligned: {unaligned}")
    for m in misses:
        print(" ", m)
    assert unaligned == 0
    for k, c in stats.items():
        if c["tp"] + c["fn"]:
            assert c["tp"] / (c["tp"] + c["fn"]) >= 0.75, k
        if c["tp"] + c["fp"]:
            assert c["tp"] / (c["tp"] + c["fp"]) >= 0.75, k


def test_classify_italic_short_case_name_is_not_emphasis_and_latin_bears_out_a_claim() -> None:
    # The seed's "the *Kadrey* plaintiffs": a name, not emphasis; "virtually *per se*" with
    # "(emphasis added)": styling is there, the claim is borne out.
    text = "many of the same claims as the Kadrey plaintiffs, virtually per se infringing."
    src = make_source(f"They say {text} More.")
    name = text.index("Kadrey")
    latin = text.index("per se")
    emphasis = (
        Emphasis(Span(name, name + 6), EmphasisStyle.ITALIC),
        Emphasis(Span(latin, latin + 6), EmphasisStyle.ITALIC),
    )
    q = make_quote(text, emphasis=emphasis)
    for kinds, cited in (((), "undisclosed"), ((P.EMPHASIS_ADDED,), "claim")):
        found = classify(
            q,
            citation=make_citation(None, kinds=kinds),
            resolution=Source("doc", "U.S."),
            alignment=align_quote(q, src),
            source=src,
        )
        assert [f.kind.value for f in found] == [], cited


@pytest.mark.parametrize(
    ("following", "expect"),
    [
        ("But we need not decide that question today.", ["omitted_adjacent_qualifier"]),
        ("We do not decide whether the rule reaches other works.", ["omitted_adjacent_qualifier"]),
        ("Although the parties briefed the point, the record is thin.", []),
        ("The defendant did not address the second factor at all.", []),
        ("The statute was amended in 1976 to add the fourth factor.", []),
        ("That statement was dictum, and we do not follow it.", ["omitted_adjacent_qualifier"]),
        ("The Sixth Circuit took the Sony dictum at its word in that case.", []),
    ],
    ids=[
        "but",
        "we-do-not-decide",
        "although-concession",
        "party-did-not-address",
        "elaborates",
        "said-of-it-dictum",
        "another-case-dictum",
    ],
)
def test_classify_adjacent_sentence_cues(following: str, expect: list[str]) -> None:
    quoted = "The fourth factor weighs in favor of the publisher in this case."
    src = SourceText("doc", f"Other words come first here. {quoted} {following} More follows.")
    q = make_quote(quoted)
    found = classify(
        q,
        citation=make_citation(None),
        resolution=Source("doc", "none", (), False),
        alignment=align_quote(q, src),
        source=src,
    )
    assert [f.kind.value for f in found] == expect
