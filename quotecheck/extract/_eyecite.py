"""eyecite with the same answers and less work: a windowed tokenizer and an indexed court lookup.

``get_citations(text)`` is ``eyecite.get_citations`` as quotecheck calls it: with the tokenizer
below, the court lookup indexed once, and without eyecite's "reference citations" ("Campbell,
at 580"), which quotecheck finds itself: eyecite compiles and runs one pattern over the rest of
the text per full citation for them (0.1 s of a brief's first call). They never displace
another citation (``filter_citations`` prefers anything to a reference).

On a brief, eyecite's own ``AhocorasickTokenizer`` picks the ~160 reporter patterns whose
abbreviation occurs anywhere in the text ("A.", "P.", "Ct" occur everywhere) and runs each over
the whole text: 0.2-0.3 s of regex scanning on the seed brief for ~25 patterns that match. A
reporter citation holds its reporter's abbreviation, so ``WindowedTokenizer`` runs each reporter
pattern only in windows around the places its abbreviation occurs. A match that touches a
window's edge might have been cut by it: that pattern is then run over the whole text, as
eyecite would. Most reporter patterns begin with a number and one space ("510 U.S. 569"): such
a pattern is kept only for the places where a number and a space precede its abbreviation, and
a pattern left with no place is never compiled ("A." in "U.S.A.", "S." in "U.S." select many).
The patterns without a required string (stop words, *Id.*, paragraphs, ...) still run over the
whole text. Patterns run in a fixed order, so equal matches merge the same way on every run
(eyecite's own order follows the string hash seed).

Only ``quotecheck.extract.citations`` uses this module; it keeps eyecite's import lazy.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from collections.abc import Generator, Iterator
from typing import Any

#: Characters on each side of an abbreviation searched for its citation; a reporter citation
#: (volume, abbreviation, page, "at" pinpoint) is far shorter.
WINDOW = 160


def get_citations(text: str) -> list[Any]:
    """Eyecite's citations in ``text``: full, short, *Id.*, *supra*, statutes and journals."""
    import eyecite  # noqa: PLC0415 - heavy, imported on first use

    speed_up_court_lookup()
    log = logging.getLogger("eyecite")
    level = log.level
    log.setLevel(logging.ERROR)  # "Unknown overlap case" warnings are eyecite's business
    try:
        with _no_reference_citations():
            return list(eyecite.get_citations(text, tokenizer=tokenizer()))
    finally:
        log.setLevel(level)


@contextlib.contextmanager
def _no_reference_citations() -> Iterator[None]:
    import eyecite.find as find  # noqa: PLC0415

    def none(citation: Any, document: Any) -> list[Any]:
        return []

    saved = find.extract_reference_citations
    find.extract_reference_citations = none
    try:
        yield
    finally:
        find.extract_reference_citations = saved


@functools.cache
def tokenizer() -> Any:
    """The windowed tokenizer, built once (it shares eyecite's prefilter automata)."""
    from eyecite.models import CitationToken  # noqa: PLC0415 - heavy, imported on first use
    from eyecite.tokenizers import AhocorasickTokenizer, default_tokenizer  # noqa: PLC0415

    class WindowedTokenizer(AhocorasickTokenizer):
        def __post_init__(self) -> None:
            base = default_tokenizer
            if isinstance(base, AhocorasickTokenizer):  # reuse its automata: building costs
                self.unfiltered_extractors = base.unfiltered_extractors
                self.case_sensitive_filter = base.case_sensitive_filter
                self.case_insensitive_filter = base.case_insensitive_filter
            else:
                super().__post_init__()

        def extract_tokens(self, text: str) -> Generator[Any, None, None]:
            for extractor, hits in self._candidates(text):
                if hits is None:
                    matches = list(extractor.get_matches(text))
                else:
                    matches = _windowed_matches(extractor.compiled_regex, text, hits)
                for m in matches:
                    yield extractor.get_token(m)

        def _candidates(self, text: str) -> list[tuple[Any, list[int] | None]]:
            """Each extractor to run, with the places its strings occur (``None``: run on all)."""
            # eyecite matches its strings against the text without white space ("N. Y. S. 2d"
            # selects "N.Y.S.2d"); ``where`` maps a stripped offset back to the text.
            where = [m.start() for m in _NON_SPACE.finditer(text)]
            stripped = "".join(text[i] for i in where)
            lowered = stripped.lower()
            runs: dict[int, tuple[Any, list[int] | None]] = {
                id(e): (e, None) for e in self.unfiltered_extractors
            }
            # A number-first pattern's abbreviations, by extractor (``None``: not screened).
            # Keyed by id: an extractor's own hash is the hash of its repr, long to build.
            screens: dict[int, tuple[str, ...] | None] = {}
            automata = [(self.case_sensitive_filter, stripped)]
            if len(lowered) == len(stripped):
                automata.append((self.case_insensitive_filter, lowered))
            else:  # lower-casing moved offsets: no places, whole-text runs
                for _, extractors in self.case_insensitive_filter.iter(lowered):
                    runs.update((id(e), (e, None)) for e in extractors)
            for automaton, haystack in automata:
                for end, extractors in automaton.iter(haystack):
                    for e in extractors:
                        key = id(e)
                        if key not in runs:
                            windowable = _windowable(e, CitationToken)
                            runs[key] = (e, [] if windowable else None)
                            screens[key] = _number_first(e) if windowable else None
                        hits = runs[key][1]
                        if hits is not None and _may_start(
                            screens[key], haystack, end, where, text
                        ):
                            hits.append(where[end])
            # A pattern none of whose places can start a citation is not even compiled.
            return [(e, hits) for e, hits in runs.values() if hits is None or hits]

    return WindowedTokenizer()


_NON_SPACE = re.compile(r"\S")


# The patterns that begin with a number, one space, then the abbreviation ("510 U.S. 569"):
# most of eyecite's (5,500 of its 6,800), and the ones a brief's "A." or "S." (in "U.S.") select.
_NUMBER_FIRST = re.compile(
    r"\(\?:\^\|\[\^a-zA-Z0-9\]\)\(\(\?P<\w+>"
    r"(?:\[1-9\]\\d\*|\\d\{1,3\}|\\d\+|1\[789\]\\d\{2\}\|20\\d\{2\}|1\\d\{3\}\|20\\d\{2\})"
    r"\) \(\?P<reporter>"
)


def _number_first(extractor: Any) -> tuple[str, ...] | None:
    """The abbreviations (white space removed) of a number-first pattern, else ``None``."""
    if not _NUMBER_FIRST.match(extractor.regex):
        return None
    strings = ("".join(str(x).split()) for x in extractor.strings)
    return tuple(x.lower() for x in strings) if extractor.flags & re.I else tuple(strings)


def _may_start(
    strings: tuple[str, ...] | None, haystack: str, end: int, where: list[int], text: str
) -> bool:
    """Whether one of ``strings`` ends at ``haystack[end]`` after a number and one space.

    Only number-first patterns are screened (``strings`` is ``None`` for the others, which
    always may): their match is a number, one space, then one of their abbreviations, which is
    where the prefilter found it.
    """
    if strings is None:
        return True
    for s in strings:
        start = end - len(s) + 1
        if start >= 0 and haystack.startswith(s, start):
            at = where[start]
            if at >= 2 and text[at - 1] == " " and text[at - 2].isdigit():
                return True
    return False


def _windowable(extractor: Any, citation_token: type) -> bool:
    """Reporter, journal and statute patterns hold their abbreviation: they can be windowed."""
    return getattr(extractor.constructor, "__self__", None) is citation_token


def _windowed_matches(pattern: re.Pattern[str], text: str, hits: list[int]) -> list[re.Match[str]]:
    """``pattern``'s matches in ``text`` near ``hits``, or everywhere if a window may cut one."""
    n = len(text)
    windows: list[list[int]] = []
    for pos in sorted(hits):
        lo, hi = max(0, pos - WINDOW), min(n, pos + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            if (lo > 0 and m.start() <= lo) or (hi < n and m.end() >= hi):
                return list(pattern.finditer(text))  # cut by the window: as eyecite would
            out.append(m)
    return out


@functools.cache
def speed_up_court_lookup() -> None:
    """Give eyecite a court lookup with the same answers, indexed once instead of per call.

    ``eyecite.helpers.get_court_by_paren`` normalises all of courts-db's ~3,000 court strings
    on every call: 0.44 s of the seed brief's 0.53 s. The replacement keeps its rules (first
    exact match wins, else the last court the string is a prefix of) over a precomputed table.
    """
    import eyecite.helpers as helpers  # noqa: PLC0415

    courts = getattr(helpers, "courts", ())
    table = [(re.sub(r"[^\w]", "", c["citation_string"]).lower(), str(c["id"])) for c in courts]
    if not table:
        return  # a future eyecite without the table: keep its own lookup
    exact: dict[str, str] = {}
    for key, court_id in table:
        exact.setdefault(key, court_id)

    @functools.lru_cache(maxsize=1024)
    def get_court_by_paren(paren_string: str) -> str | None:
        court_str = re.sub(r"[^\w]", "", paren_string).lower()
        if not court_str:
            return None
        if court_str in exact:
            return exact[court_str]
        prefixed = [court_id for key, court_id in table if key.startswith(court_str)]
        return prefixed[-1] if prefixed else None

    helpers.get_court_by_paren = get_court_by_paren
