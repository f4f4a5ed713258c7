"""Align one quotation with one source text, word by word.

In: a ``Quote`` (its text with brackets and ellipses, its ``segments``, ``ellipses`` and
``alterations``) and a ``SourceText``. Out: an ``Alignment`` (where the words stand in the source,
the score, the pages they occupy, and word-level ``DiffOp``s with spans on both sides) or ``None``
when the words are not there.

How: both sides are stripped of square brackets (a bracketed alteration stands for the source's
words at that place, and a source may carry literal brackets of its own), normalised with
``quotecheck.text.normalize`` (quotes, dashes, white space, case) and cut into word tokens. The
longest ellipsis segment is located with ``rapidfuzz.fuzz.partial_ratio_alignment`` over the
space-joined tokens; every placement above the threshold is kept, because opinions repeat
themselves. The other segments are then found in order, each within a bounded gap of its
neighbour, so "is ... permitted" cannot pass for a distant "is" and "permitted". Each segment's
edges are tightened to the longest run of equal words, and the words are diffed
(``rapidfuzz.distance.Levenshtein.opcodes`` on token lists; the ``differ`` parameter swaps in
``difflib``). Adjacent non-equal operations are merged into one change, so both differs give the
same ops. The words an ellipsis stands for become a ``DELETE`` op whose brief span is the
ellipsis itself: that is a *marked* omission.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from quotecheck.models import Alignment, DiffOp, DiffTag, Quote, SourceText, Span
from quotecheck.text.normalize import normalize

#: A word-level differ: ``(source_tokens, brief_tokens) -> [(tag, i1, i2, j1, j2), ...]`` with
#: difflib's tags (``insert`` = words only in the brief).
Differ = Callable[[Sequence[str], Sequence[str]], list[tuple[str, int, int, int, int]]]

_TOKEN = re.compile(r"[0-9a-z\u00c0-\u024f\u00df]+(?:'[0-9a-z\u00c0-\u024f]+)*")
_BRACKETS = re.compile(r"[\[\]]")
_ELLIPSIS = re.compile(r"\.(?:\s?\.){2,3}|\u2026")

#: Lowest similarity (0-100) of a quote's words to a source passage taken as its placement.
MIN_SCORE = 72.0
#: Longest stretch (in words) an ellipsis may stand for between two segments.
MAX_GAP_WORDS = 120
#: A placement in the opinion this close wins over a better one in the syllabus.
OPINION_SCORE = 85.0
#: Most placements of one quotation kept before choosing.
MAX_CANDIDATES = 6


def rapidfuzz_differ(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Word opcodes from ``rapidfuzz.distance.Levenshtein`` (the default differ).

    >>> rapidfuzz_differ(["is", "not", "so"], ["is", "so"])[1]
    ('delete', 1, 2, 1, 1)
    """
    from rapidfuzz.distance import Levenshtein

    return [
        (o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end)
        for o in Levenshtein.opcodes(list(a), list(b))
    ]


def difflib_differ(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Word opcodes from ``difflib.SequenceMatcher`` (the reference differ).

    >>> difflib_differ(["is", "not", "so"], ["is", "so"])[1]
    ('delete', 1, 2, 1, 1)
    """
    matcher = difflib.SequenceMatcher(None, list(a), list(b), autojunk=False)
    return [(t, i1, i2, j1, j2) for t, i1, i2, j1, j2 in matcher.get_opcodes()]


@dataclass(frozen=True, slots=True)
class Tokens:
    """Word tokens of a text: lower-cased, bracket-free words and where each stands in that text."""

    words: tuple[str, ...]
    starts: tuple[int, ...]  # where each word starts in the text (a touching bracket included)
    ends: tuple[int, ...]  # where each word ends
    joined: str  # the words joined by single spaces, for fuzzy search
    offsets: tuple[int, ...]  # where each word starts in ``joined``
    bracketed: tuple[bool, ...] = ()  # whether the word's span holds a bracket

    @property
    def spans(self) -> tuple[Span, ...]:
        """Each word's span in the text."""
        return tuple(map(Span, self.starts, self.ends))

    def index_at(self, pos: int) -> int:
        """Index of the token holding (or next after) character ``pos`` of ``joined``."""
        return max(bisect_right(self.offsets, pos) - 1, 0)


def _join(left: str, right: str) -> bool:
    return True


def tokenize(text: str) -> Tokens:
    """Cut ``text`` into matching tokens: brackets dropped, normalised, lower-cased.

    Spans point into ``text`` and take in the brackets that touch a word, so ``"[T]he"`` is one
    token ``the`` covering all five characters.

    >>> t = tokenize("[T]he Court\\u2019s \\u201crule\\u201d")
    >>> t.words, [str(s.start) + ":" + str(s.end) for s in t.spans]
    (('the', "court's", 'rule'), ['0:5', '6:13', '15:19'])
    """
    brackets = [m.start() for m in _BRACKETS.finditer(text)] if "[" in text or "]" in text else []
    clean = _BRACKETS.sub("", text) if brackets else text
    # A hyphen at a line end is taken as a word broken across lines; a compound broken there
    # ("case-\nby-case") then reads as "caseby-case", which the diff treats as equal (below).
    norm = normalize(clean, lower=True, join=_join)
    # One offset into ``text`` per normalised character, built run by run: a list lookup per
    # token is several times cheaper than a bisect (an opinion has tens of thousands of tokens).
    # A removed bracket shifts the rest of ``clean`` by one more character.
    gaps = [p - k for k, p in enumerate(brackets)]
    char_map: list[int] = []
    bounds = (*norm.starts[1:], len(norm.text))
    for start_n, origin, stop in zip(norm.starts, norm.origins, bounds, strict=True):
        c, end = origin, origin + (stop - start_n)
        while c < end:
            k = bisect_right(gaps, c)
            upto = min(end, gaps[k]) if k < len(gaps) else end
            char_map.extend(range(c + k, upto + k))
            c = upto
    found = list(_TOKEN.finditer(norm.text))
    words = [m.group() for m in found]
    starts = [char_map[m.start()] for m in found]
    ends = [char_map[m.end() - 1] + 1 for m in found]
    bracketed = [False] * len(words)
    # Take in the brackets that touch a word ("[T]he" is one token of five characters) and mark
    # the words whose span holds one. Only the words on either side of a bracket can be either.
    n = len(text)
    beside = {k for p in brackets for k in (bisect_right(starts, p) - 1, bisect_right(starts, p))}
    for k in sorted(beside):
        if not 0 <= k < len(words):
            continue
        start, end = starts[k], ends[k]
        while start > 0 and text[start - 1] == "[":
            start -= 1
        while end < n and text[end] == "]":
            end += 1
        starts[k], ends[k] = start, end
        bracketed[k] = "[" in text[start:end] or "]" in text[start:end]
    offsets = list(accumulate(map((1).__add__, map(len, words)), initial=0))
    offsets.pop()
    return Tokens(
        tuple(words), tuple(starts), tuple(ends), " ".join(words), tuple(offsets), tuple(bracketed)
    )


@lru_cache(maxsize=64)
def _source_tokens(document: str, text: str) -> Tokens:
    return tokenize(text)


def split_segments(quote: Quote) -> tuple[Span, ...]:
    """The quote's ellipsis segments (from ``quote.segments``, else found from its ellipses).

    >>> from quotecheck.models import QuoteKind
    >>> q = Quote(0, Span(0, 19), "is . . . permitted.", QuoteKind.QUOTATION)
    >>> [q.text[s.start:s.end] for s in split_segments(q)]
    ['is', 'permitted.']
    """
    if quote.segments:
        return quote.segments
    return tuple(_segments_and_ellipses(quote.text)[0])


def split_ellipses(quote: Quote) -> tuple[Span, ...]:
    """The quote's ellipsis spans (from ``quote.ellipses``, else found in its text)."""
    if quote.ellipses:
        return quote.ellipses
    return tuple(_segments_and_ellipses(quote.text)[1])


def _segments_and_ellipses(text: str) -> tuple[list[Span], list[Span]]:
    segs: list[Span] = []
    ells: list[Span] = []
    start = 0
    for m in _ELLIPSIS.finditer(text):
        ells.append(Span(m.start(), m.end()))
        segs.append(_strip_span(text, start, m.start()))
        start = m.end()
    segs.append(_strip_span(text, start, len(text)))
    return [s for s in segs if s.length], ells


def _strip_span(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b)


@dataclass(frozen=True, slots=True)
class _Seg:
    rel: Span  # in quote.text
    tokens: Tokens  # spans relative to the segment text


@dataclass(slots=True)
class _Placed:
    seg: int
    start: int  # source token index
    end: int
    score: float


def align_quote(
    quote: Quote,
    source: SourceText,
    *,
    prefer_pages: Sequence[str] = (),
    pagination: str | None = None,
    min_score: float = MIN_SCORE,
    differ: Differ = rapidfuzz_differ,
) -> Alignment | None:
    """Find ``quote``'s words in ``source`` and diff them word by word.

    Args:
        quote: the quotation (brackets and ellipses kept in its text).
        source: the source's reading text and pagination.
        prefer_pages: the cited pinpoint pages; among placements above the threshold the one on
            these pages wins (a syllabus or a dissent often repeats the majority's words).
        pagination: the pagination the pages are in (the cited reporter's); the best one the
            source carries is used when ``None`` or absent.
        min_score: lowest acceptable similarity (0-100) of the quote's words to the source's.
        differ: the word-level differ (default rapidfuzz; ``difflib_differ`` is the reference).

    Returns:
        The best alignment, or ``None`` when no placement scores ``min_score``.

    Example:
        >>> from quotecheck.models import QuoteKind
        >>> src = SourceText("d", "We hold that it is not permitted here. It is fine.")
        >>> q = Quote(0, Span(0, 24), "[I]t is . . . permitted.", QuoteKind.QUOTATION)
        >>> a = align_quote(q, src)
        >>> a.source_text, [(o.tag.value, o.source_text) for o in a.ops if o.tag != "equal"]
        ('it is not permitted', [('delete', 'not')])
    """
    segs = [_Seg(s, tokenize(quote.text[s.start : s.end])) for s in split_segments(quote)]
    segs = [s for s in segs if s.tokens.words]
    if not segs:
        return None
    src = _source_tokens(source.document, source.text)
    if not src.words:
        return None
    anchor = max(range(len(segs)), key=lambda k: len(segs[k].tokens.joined))
    placements: list[list[_Placed]] = []
    for first in _candidates(segs[anchor].tokens, src, 0, len(src.words), min_score):
        placed = _place_all(segs, anchor, first, src, min_score)
        if placed is not None:
            placements.append(placed)
    if not placements:
        return None
    total = sum(len(s.tokens.words) for s in segs)
    scored = []
    for placed in placements:
        score = sum(p.score * len(segs[p.seg].tokens.words) for p in placed) / total
        if score >= min_score:
            scored.append((score, placed))
    if not scored:
        return None
    pag = _pick_pagination(source, pagination)

    def key(item: tuple[float, list[_Placed]]) -> tuple[bool, bool, int, bool, int]:
        score, placed = item
        span = Span(src.starts[placed[0].start], src.ends[placed[-1].end - 1])
        on_page = bool(pag and prefer_pages and set(source.pages_of(span, pag)) & set(prefer_pages))
        return (on_page, *placement_rank(source, span, score), -span.start)

    score, placed = max(scored, key=key)
    ops = _build_ops(quote, segs, placed, src, source.text, differ)
    span = Span(src.starts[placed[0].start], src.ends[placed[-1].end - 1])
    pages = source.pages_of(span, pag) if pag else ()
    return Alignment(
        document=source.document,
        score=round(score, 1),
        source_span=span,
        source_text=source.text[span.start : span.end],
        ops=ops,
        pages=pages,
        pagination=pag or "none",
    )


def placement_rank(source: SourceText, span: Span, score: float) -> tuple[bool, int, bool]:
    """How to rank two placements of a quote: higher is better.

    The syllabus is the reporter's summary, not the court's words: a close match in the
    opinion itself (a few words changed) beats a better one in the syllabus; then the score;
    then the opinion over other parts.

    >>> src = SourceText("d", "x" * 20)
    >>> placement_rank(src, Span(0, 5), 90.4)
    (True, 90, True)
    """
    main = source.part_at(span.start) in (None, "majority", "opinion")
    return (main and score >= OPINION_SCORE, round(score), main)


def _pick_pagination(source: SourceText, wanted: str | None) -> str | None:
    """The cited pagination when the text carries it, else the primary reporter's, else any."""
    have = source.paginations
    if wanted and wanted in have:
        return wanted
    squash = {re.sub(r"[\s.]", "", p).lower(): p for p in have}
    for cite in source.citations:  # the primary citation comes first
        m = re.match(r"\d+\s+(.+?)\s+\d+$", cite)
        if m and (found := squash.get(re.sub(r"[\s.]", "", m.group(1)).lower())):
            return found
    return have[0] if have else None


def _candidates(
    needle: Tokens, src: Tokens, lo: int, hi: int, min_score: float
) -> list[tuple[int, int, float]]:
    """Token ranges of ``src[lo:hi]`` where ``needle`` scores at least ``min_score``, best first."""
    from rapidfuzz import fuzz

    if lo >= hi:
        return []
    base = src.offsets[lo]
    end_char = src.offsets[hi - 1] + len(src.words[hi - 1])
    hay = src.joined[base:end_char]
    out: list[tuple[int, int, float]] = []
    short = len(needle.words) < 4
    if short:
        # Few words: fuzzy scores mean little, so ask for the exact words.
        parts = [
            r"\S+" if alt else re.escape(w)
            for w, alt in zip(needle.words, needle.bracketed, strict=True)
        ]
        pat = re.compile(r"(?<![^ ])" + " ".join(parts) + r"(?![^ ])")
        for m in pat.finditer(hay):
            i = src.index_at(base + m.start())
            out.append((i, i + len(needle.words), 100.0))
            if len(out) >= MAX_CANDIDATES * 4:
                break
        return out
    masked = hay
    for _ in range(MAX_CANDIDATES):
        res = fuzz.partial_ratio_alignment(needle.joined, masked, score_cutoff=min_score)
        if res is None:
            break
        i = src.index_at(base + res.dest_start)
        j = src.index_at(base + max(res.dest_end - 1, res.dest_start)) + 1
        out.append((i, j, float(res.score)))
        masked = (
            masked[: res.dest_start]
            + "\x00" * (res.dest_end - res.dest_start)
            + masked[res.dest_end :]
        )
    return out


def _place_all(
    segs: list[_Seg], anchor: int, first: tuple[int, int, float], src: Tokens, min_score: float
) -> list[_Placed] | None:
    i, j, score = first
    a, b = _tighten(
        segs[anchor].tokens.words, src.words, i, j, 0, len(src.words), segs[anchor].tokens.bracketed
    )
    placed = {anchor: _Placed(anchor, a, b, score)}
    # Later segments, each after the previous one and within the gap.
    for k in range(anchor + 1, len(segs)):
        prev = placed[k - 1]
        lo = prev.end
        hi = min(len(src.words), lo + MAX_GAP_WORDS + 2 * len(segs[k].tokens.words))
        exact = _exact(segs[k].tokens, src.words, lo, hi)
        if exact:
            # The nearest exact occurrence after the previous piece: a short piece ("is")
            # occurs everywhere, and only the nearest is what the ellipsis joins.
            placed[k] = _Placed(k, exact[0], exact[0] + len(segs[k].tokens.words), 100.0)
            continue
        found = _candidates(segs[k].tokens, src, lo, hi, min_score)
        if not found:
            return None
        ci, cj, cs = min(found, key=lambda f: (-round(f[2], 0), f[0]))
        ca, cb = _tighten(segs[k].tokens.words, src.words, ci, cj, lo, hi, segs[k].tokens.bracketed)
        placed[k] = _Placed(k, ca, cb, cs)
    for k in range(anchor - 1, -1, -1):
        nxt = placed[k + 1]
        hi = nxt.start
        lo = max(0, hi - MAX_GAP_WORDS - 2 * len(segs[k].tokens.words))
        exact = _exact(segs[k].tokens, src.words, lo, hi)
        if exact:
            n = len(segs[k].tokens.words)
            placed[k] = _Placed(k, exact[-1], exact[-1] + n, 100.0)
            continue
        found = _candidates(segs[k].tokens, src, lo, hi, min_score)
        if not found:
            return None
        ci, cj, cs = min(found, key=lambda f: (-round(f[2], 0), -f[1]))
        ca, cb = _tighten(segs[k].tokens.words, src.words, ci, cj, lo, hi, segs[k].tokens.bracketed)
        placed[k] = _Placed(k, ca, cb, cs)
    return [placed[k] for k in range(len(segs))]


def _exact(needle: Tokens, src: Sequence[str], lo: int, hi: int) -> list[int]:
    """Starts of the exact occurrences of ``needle``'s words in ``src[lo:hi]``, in order.

    Words are compared as they are, brackets removed ("[s]uch" is "such"); a bracket that
    stands for other words ("w[ould]" for "will") finds no exact occurrence, and the fuzzy
    search takes over.
    """
    words = list(needle.words)
    n = len(words)
    if not n:
        return []
    first = words[0]
    return [p for p in range(lo, hi - n + 1) if src[p] == first and list(src[p : p + n]) == words]


def _tighten(
    words: Sequence[str],
    src: Sequence[str],
    i: int,
    j: int,
    lo: int,
    hi: int,
    bracketed: Sequence[bool] = (),
) -> tuple[int, int]:
    """Move a rough placement's edges to where the quote's words really begin and end.

    The fuzzy search places a window as long as the quote (in characters); a quote that drops
    words needs a longer one, a quote that adds words a shorter one. Each edge is anchored on the
    longest run of equal words near it; the few brief words outside that run are then matched to
    the source words just beyond it by a small weighted edit distance (bracketed words may stand
    for nothing or for anything at half cost).
    """
    m = len(words)
    marks = list(bracketed) or [False] * m
    slack = max(10, m // 2)
    # Start edge.
    best_p, best_shift, best_val = i, 0, -99
    for shift in range(min(4, m)):
        for p in range(max(lo, i - slack), min(hi, i + 5)):
            run = 0
            while (
                shift + run < m
                and p + run < hi
                and (src[p + run] == words[shift + run] or marks[shift + run])
            ):
                run += 1
            # Anchoring deeper into the quote must pay for the words it skips.
            val = run - 2 * shift if run else -99
            better = val > best_val or (
                val == best_val and abs(p - shift - i) < abs(best_p - best_shift - i)
            )
            if better:
                best_p, best_shift, best_val = p, shift, val
        if best_val >= 2 - 2 * shift or (m == 1 and best_val > -99):
            break  # a run of two words at the smallest shift is anchor enough
    head = list(words[:best_shift])
    head_marks = marks[:best_shift]
    k_best, c_best = 0, float("inf")
    for k in range(0, min(best_shift + 2, best_p - lo) + 1):
        cost = _edit_cost(head, head_marks, src[best_p - k : best_p])
        if cost <= c_best:
            k_best, c_best = k, cost
    start = best_p - k_best
    # End edge (exclusive).
    best_q, best_shift, best_val = j, 0, -99
    for shift in range(min(4, m)):
        for q in range(max(start + 1, j - 4), min(hi, j + slack) + 1):
            run = 0
            while (
                shift + run < m
                and q - 1 - run >= start
                and (src[q - 1 - run] == words[m - 1 - shift - run] or marks[m - 1 - shift - run])
            ):
                run += 1
            val = run - 2 * shift if run else -99
            better = val > best_val or (
                val == best_val and abs(q + shift - j) < abs(best_q + best_shift - j)
            )
            if better:
                best_q, best_shift, best_val = q, shift, val
        if best_val >= 2 - 2 * shift or (m == 1 and best_val > -99):
            break
    tail = list(words[m - best_shift :]) if best_shift else []
    tail_marks = marks[m - best_shift :] if best_shift else []
    k_best, c_best = 0, float("inf")
    for k in range(0, min(best_shift + 2, hi - best_q) + 1):
        cost = _edit_cost(tail, tail_marks, src[best_q : best_q + k])
        if cost <= c_best:
            k_best, c_best = k, cost
    end = min(hi, max(best_q + k_best, start + 1))
    return start, end


def _edit_cost(brief: Sequence[str], marks: Sequence[bool], src: Sequence[str]) -> float:
    """Weighted edit distance: bracketed brief words cost half to insert or substitute."""
    prev = [float(j) for j in range(len(src) + 1)]
    for a, word in enumerate(brief):
        w = 0.5 if marks[a] else 1.0
        cur = [prev[0] + w]
        for b, other in enumerate(src):
            sub = prev[b] + (0.0 if word == other else w)
            cur.append(min(sub, prev[b + 1] + w, cur[b] + 1.0))
        prev = cur
    return prev[-1]


def _build_ops(
    quote: Quote,
    segs: list[_Seg],
    placed: list[_Placed],
    src: Tokens,
    text: str,
    differ: Differ,
) -> tuple[DiffOp, ...]:
    ops: list[DiffOp] = []
    ellipses = split_ellipses(quote)
    for k, (seg, pl) in enumerate(zip(segs, placed, strict=True)):
        if k:
            # What the ellipsis (or ellipses) between the two segments stands for.
            prev_seg, prev = segs[k - 1], placed[k - 1]
            gap_src = _src_span(src, prev.end, pl.start, text)
            ell = [e for e in ellipses if prev_seg.rel.end <= e.start and e.end <= seg.rel.start]
            bspan = Span(ell[0].start, ell[-1].end) if ell else Span(seg.rel.start, seg.rel.start)
            ops.append(
                DiffOp(
                    DiffTag.DELETE,
                    bspan,
                    gap_src,
                    quote.text[bspan.start : bspan.end],
                    text[gap_src.start : gap_src.end],
                )
            )
        bw = seg.tokens.words
        bspans = [s.shift(seg.rel.start) for s in seg.tokens.spans]
        sw = src.words[pl.start : pl.end]
        raw = differ(sw, bw)
        for tag, i1, i2, j1, j2 in _merge(raw):
            if tag == "replace" and "".join(sw[i1:i2]) == "".join(bw[j1:j2]):
                tag = "equal"  # the same letters cut into words differently: "con cern"
            sspan = _src_span(src, pl.start + i1, pl.start + i2, text)
            bspan = _brief_span(bspans, j1, j2)
            ops.append(
                DiffOp(
                    DiffTag(tag),
                    bspan,
                    sspan,
                    quote.text[bspan.start : bspan.end],
                    text[sspan.start : sspan.end],
                )
            )
    return tuple(ops)


def _merge(
    raw: list[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    """Merge runs of adjacent non-equal opcodes into one change; drop empty ones."""
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in raw:
        if i1 == i2 and j1 == j2:
            continue
        if tag != "equal" and out and out[-1][0] != "equal":
            _, a1, _, b1, _ = out[-1]
            out[-1] = ("", a1, i2, b1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    fixed = []
    for tag, i1, i2, j1, j2 in out:
        if tag != "equal":
            tag = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
        fixed.append((tag, i1, i2, j1, j2))
    return fixed


def _src_span(src: Tokens, i: int, j: int, text: str) -> Span:
    if j > i:
        return Span(src.starts[i], src.ends[j - 1])
    pos = src.starts[i] if i < len(src.starts) else len(text)
    if i > 0:
        pos = src.ends[i - 1]
    return Span(pos, pos)


def _brief_span(spans: list[Span], j1: int, j2: int) -> Span:
    if j2 > j1:
        return Span(spans[j1].start, spans[j2 - 1].end)
    if j1 > 0:
        return Span(spans[j1 - 1].end, spans[j1 - 1].end)
    pos = spans[0].start if spans else 0
    return Span(pos, pos)


def apply_ops(ops: Sequence[DiffOp]) -> list[str]:
    """The brief's words rebuilt from the ops: source words where equal, brief words elsewhere.

    >>> apply_ops([DiffOp(DiffTag.EQUAL, Span(0, 2), Span(0, 2), "is", "is"),
    ...            DiffOp(DiffTag.DELETE, Span(2, 2), Span(3, 6), "", "not")])
    ['is']
    """
    out: list[str] = []
    for op in ops:
        piece = op.source_text if op.tag == DiffTag.EQUAL else op.brief_text
        out.extend(tokenize(piece).words)
    return out
