"""Offset-preserving normalisation for matching quotations against sources.

In: any text. Out: ``NormalizedText``: the normalised string and a map back to the input, built
while normalising (runs of constant offset delta), so mapping back is a bisect.

What is folded: curly and low quotation marks to ``'``/``"``, dashes and minus to ``-``, ligatures
to letters, soft hyphens dropped, the ellipsis character to ``...``, every run of white space
(non-breaking spaces and line breaks included) to one space, and an end-of-line hyphen either
kept (``case-\\nby`` -> ``case-by``) or, when ``join`` says so, dropped (``irre-\\ndeemably`` ->
``irredeemably``). Optionally lower-cased.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from quotecheck.models import Span

_SINGLE = "\u2018\u2019\u201a\u201b\u2032"
_DOUBLE = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
}

# One character for one, so every offset stays: a lone white-space character other than the
# space (a line break, a tab, a non-breaking space) and the quotation marks and dashes.
_LONE_SPACE = re.compile(r"[^\S ]")
_ONE_TO_ONE: dict[str, str] = dict.fromkeys(_SINGLE, "'")
_ONE_TO_ONE.update(dict.fromkeys(_DOUBLE, '"'))
_ONE_TO_ONE.update(dict.fromkeys(_DASHES, "-"))
# Characters that change the length: these alone need an entry in the offset map.
_RESIZED: dict[str, str] = dict(_LIGATURES)
_RESIZED["\u2026"] = "..."
_RESIZED["\u00ad"] = ""

# An end-of-line hyphen between letters, a run of white space longer than one character, and
# the characters that change length. Every branch starts with a fixed character, which lets
# the regex engine skip ahead.
_SPECIAL = re.compile(
    r"(?P<hy>-(?<=[A-Za-z]-)[ \t]*\r?\n\s*(?=[A-Za-z]))"
    r"|(?P<ws>\s\s+)"
    r"|(?P<ch>[" + re.escape("".join(_RESIZED)) + r"])"
)

#: Decides whether ``left-`` + line break + ``right`` is one word broken at the line end.
JoinRule = Callable[[str, str], bool]


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text with a map back to the text it came from.

    ``starts[k]`` is where run *k* begins in ``text`` and ``origins[k]`` where that run begins
    in the original; within a run, offsets advance together.

    >>> n = normalize("A  \\u201cquote\\u201d")
    >>> n.text
    'A "quote"'
    >>> n.to_original(3)
    4
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]
    original_length: int

    def to_original(self, offset: int) -> int:
        """Original offset of the character at ``offset`` (``len(text)`` maps to the end)."""
        if offset >= len(self.text):
            return self.original_length
        k = bisect_right(self.starts, offset) - 1
        return self.origins[k] + (offset - self.starts[k])

    def span_to_original(self, span: Span) -> Span:
        """The original span covering the characters of ``span``."""
        if span.length == 0:
            pos = self.to_original(span.start)
            return Span(pos, pos)
        start = self.to_original(span.start)
        end = self.to_original(span.end - 1) + 1
        # A character made from several (a ligature read back, a folded run) ends at its run end.
        k = bisect_right(self.starts, span.end - 1)
        if k < len(self.starts) and self.starts[k] == span.end:
            end = max(end, self.origins[k])
        return Span(start, max(end, start))


def normalize(text: str, *, lower: bool = False, join: JoinRule | None = None) -> NormalizedText:
    """Fold quotes, dashes, ligatures, hyphenation and white space, keeping an offset map.

    Args:
        text: the text to normalise.
        lower: also lower-case (only where that keeps one character per character).
        join: decides whether a line-end hyphen between two words is a break to undo; the
            default keeps the hyphen (``case-\\nby-case`` -> ``case-by-case``).

    Returns:
        The normalised text and its map back to ``text``.

    Example:
        >>> normalize("irre-\\n  deemably \\u2014 \\ufb01ne", join=lambda a, b: True).text
        'irredeemably - fine'
    """
    out: list[str] = []
    starts: list[int] = [0]
    origins: list[int] = [0]
    pos = 0  # in the output
    last = 0  # in the input
    for m in _SPECIAL.finditer(text):
        a, b = m.span()
        if a > last:
            piece = text[last:a]
            out.append(piece)
            pos += len(piece)
        kind = m.lastgroup
        if kind == "ws":
            rep = " "
        elif kind == "hy":
            left = re.search(r"[A-Za-z]+$", text[max(0, a - 40) : a])
            right = re.match(r"[A-Za-z]+", text[b : b + 40])
            glued = join is not None and left and right and join(left.group(), right.group())
            rep = "" if glued else "-"
        else:
            rep = _RESIZED[m.group()]
        if rep:
            # Each output character of a replacement maps to the replaced run's start.
            for i, ch in enumerate(rep):
                out.append(ch)
                _mark(starts, origins, pos + i, a if i == 0 else a + min(i, b - a - 1))
            pos += len(rep)
        _mark(starts, origins, pos, b)
        last = b
    out.append(text[last:])
    result = _LONE_SPACE.sub(" ", "".join(out))
    for char, folded in _ONE_TO_ONE.items():
        if char in result:
            result = result.replace(char, folded)
    if lower:
        low = result.lower()
        if len(low) == len(result):
            result = low
    return _compact(result, starts, origins, len(text))


def _mark(starts: list[int], origins: list[int], pos: int, orig: int) -> None:
    """Start a run at ``pos`` mapping to ``orig`` (replacing a run that starts there already)."""
    if starts and starts[-1] == pos:
        origins[-1] = orig
        if len(starts) > 1 and origins[-2] + (pos - starts[-2]) == orig:
            starts.pop()
            origins.pop()
        return
    if origins[-1] + (pos - starts[-1]) == orig:
        return
    starts.append(pos)
    origins.append(orig)


def _compact(text: str, starts: list[int], origins: list[int], n: int) -> NormalizedText:
    return NormalizedText(text, tuple(starts), tuple(origins), n)


def fold(text: str) -> str:
    """Normalise and lower-case, without the offset map: for comparing short strings.

    >>> fold("\\u201cThe  Court\\u2019s\\u201d")
    '"the court\\'s"'
    """
    return normalize(text, lower=True).text.strip()
