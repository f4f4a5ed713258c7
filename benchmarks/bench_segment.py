"""Sentence splitters on the seed brief: boundary F1 against the hand-labelled gold, and time.

In: ../shared/seed/kadrey-v-meta-opposition-1292b.md and tests/data/seed_sentence_boundaries.tsv.
Out: a table on stdout, one row per splitter: false splits, missed boundaries, precision, recall,
F1 (gold convention: a parenthesised citation belongs to the sentence before it), F1 under the
other convention (such a citation is a sentence of its own), and milliseconds per brief.

Splitters: spaCy ``blank("en")`` + ``sentencizer``; nupunkt's ``sent_spans`` raw; our
``quotecheck.text.segment.sentences``; and ``sentences`` + the post-rules proposed to the lead
(defined below, not in the package). Scoring is the code of tests/test_segment.py.

Run: .venv/bin/python benchmarks/bench_segment.py [--repeat 20] [--errors]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "kadrey-v-meta-opposition-1292b.md"


def _scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "test_segment", ROOT / "tests" / "test_segment.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["test_segment"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------
# Splitters: text -> sentence start offsets


def spacy_sentencizer() -> tuple[Callable[[str], list[int]], float]:
    t0 = time.perf_counter()
    import spacy  # noqa: TID251 - the plain spaCy baseline is what this measures

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp("Warm up. Once.")
    load = time.perf_counter() - t0

    def split(text: str) -> list[int]:
        return [s.start_char for s in nlp(text).sents]

    return split, load


def nupunkt_raw() -> tuple[Callable[[str], list[int]], float]:
    t0 = time.perf_counter()
    from nupunkt import sent_spans

    sent_spans("Warm up. Once.")
    load = time.perf_counter() - t0

    def split(text: str) -> list[int]:
        out = []
        for a, b in sent_spans(text):
            k = a
            while k < b and text[k].isspace():
                k += 1
            out.append(k)
        return out

    return split, load


def segment() -> tuple[Callable[[str], list[int]], float]:
    t0 = time.perf_counter()
    from quotecheck.text.segment import sentences

    sentences("Warm up. Once.")
    load = time.perf_counter() - t0
    return (lambda text: [s.start for s in sentences(text)]), load


# --- proposed post-rules (for the lead; measured here, applied in segment.py by its owner) ------

#: A sentence that is one parenthesised citation: "(Dkt. 741, at 5.)", "(Id. at 5-7.)",
#: "(MSJ Order, at 19 (citing ...)).", "(Lee, at 222 (emphasis added).)".
_PAREN_CITATION = re.compile(r"\((?:[Ii]d\.|[Ss]ee\b|[Cc]f\.|[A-Z][^()]*?\d)")
#: A period (maybe inside a closing quote) then a capital, a digit or an opening quote.
_QUOTE_END = re.compile(r"[.?!][\u2019']?[\u201d\"](?=\s+[A-Z0-9\u201c])")
#: A parenthesised citation closing a sentence: ".)" or ")." then a capital or an opening quote.
_PAREN_END = re.compile(r"(?:\.\)+|\)+\.)(?=\s+[A-Z\u201c])")
#: Abbreviations nupunkt's model lacks (only "Hou." occurs in the seed; the rest are siblings).
_EXTRA_ABBREVIATIONS = ("hou", "nn", "intl", "int'l", "ass'n", "dep't")


def _is_paren_citation(sentence: str) -> bool:
    """Whether ``sentence`` is one parenthesised citation (its parentheses need not balance:
    briefs drop one now and then, as the seed does twice)."""
    return bool(_PAREN_CITATION.match(sentence)) and sentence.rstrip(".").endswith(")")


def _depth(text: str, start: int, end: int) -> int:
    chunk = text[start:end]
    return chunk.count("(") - chunk.count(")")


def post_rules(
    text: str, spans: list[tuple[int, int]], *, merge_paren_citations: bool = True
) -> list[tuple[int, int]]:
    """Proposed rules over ``sentences()`` output (spans within one paragraph at a time)."""
    # 1. Split after a closing quote or a closing citation parenthesis, at parenthesis depth 0.
    split: list[tuple[int, int]] = []
    for a, b in spans:
        cuts = [a]
        for rx in (_QUOTE_END, _PAREN_END):
            for m in rx.finditer(text, a, b):
                if _depth(text, a, m.end()) == 0:
                    cuts.append(m.end())
        cuts = sorted(set(cuts)) + [b]
        for s, e in zip(cuts, cuts[1:], strict=False):
            piece = text[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if piece.strip():
                split.append((s + lead, s + trail))
    # 2. Merge a parenthesised citation (and an abbreviation-only split) into the sentence before.
    merged: list[tuple[int, int]] = []
    for a, b in split:
        if merged:
            pa, pb = merged[-1]
            gap = text[pb:a]
            same_para = re.search(r"\n[ \t]*\n", gap) is None
            sentence = text[a:b]
            last_word = text[pa:pb].rsplit(None, 1)[-1].rstrip(".").lower()
            if same_para and (
                (merge_paren_citations and _is_paren_citation(sentence))
                or last_word in _EXTRA_ABBREVIATIONS
            ):
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    return merged


def segment_proposed() -> tuple[Callable[[str], list[int]], float]:
    from quotecheck.text.segment import sentences

    def split(text: str) -> list[int]:
        spans = [(s.start, s.end) for s in sentences(text)]
        return [a for a, _ in post_rules(text, spans)]

    return split, 0.0


def segment_split_rules_only() -> tuple[Callable[[str], list[int]], float]:
    from quotecheck.text.segment import sentences

    def split(text: str) -> list[int]:
        spans = [(s.start, s.end) for s in sentences(text)]
        return [a for a, _ in post_rules(text, spans, merge_paren_citations=False)]

    return split, 0.0


SPLITTERS: dict[str, Callable[[], tuple[Callable[[str], list[int]], float]]] = {
    "spaCy blank('en') + sentencizer": spacy_sentencizer,
    "nupunkt sent_spans (raw)": nupunkt_raw,
    "quotecheck sentences()": segment,
    "sentences() + proposed post-rules": segment_proposed,
    "  same, without the paren-cite merge": segment_split_rules_only,
}


def other_convention(text: str, gold: dict[int, bool]) -> dict[int, bool]:
    """The gold with a parenthesised citation after a sentence counted as its own sentence."""
    out = dict(gold)
    for pos, label in gold.items():
        after = text[pos:].lstrip()
        before = text[:pos]
        if (
            not label
            and re.match(r"\([A-Z]", after)
            and re.search(r"[.?!][\u2019\u201d\"']*$", before)
        ):
            out[pos] = True
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per splitter")
    parser.add_argument("--errors", action="store_true", help="list each false split and miss")
    args = parser.parse_args(argv)

    scoring: Any = _scoring()
    doc, gold, paras = scoring.seed_setup(SEED)
    alt = other_convention(doc.text, gold)
    text = doc.text
    print(
        f"seed body: {len(gold)} candidates, {sum(gold.values())} boundaries "
        f"({sum(alt.values())} under the other convention); {len(text)} characters"
    )
    header = f"{'splitter':36} {'false':>5} {'miss':>4} {'P':>6} {'R':>6} {'F1':>6} {'F1alt':>6}"
    print(header + f" {'ms/brief':>9} {'load s':>7}")
    for name, make in SPLITTERS.items():
        split, load = make()
        starts = split(text)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            split(text)
            times.append(time.perf_counter() - t0)
        s = scoring.score(text, gold, starts, paras)
        s_alt = scoring.score(text, alt, starts, paras)
        print(
            f"{name:36} {s.fp + s.off_candidate:5d} {s.fn:4d} {s.precision:6.3f} {s.recall:6.3f} "
            f"{s.f1:6.3f} {s_alt.f1:6.3f} {1000 * statistics.median(times):9.1f} {load:7.2f}"
        )
        if args.errors:
            for p in s.false_splits:
                print("    false split", scoring.show(text, p))
            for p in s.missed:
                print("    missed     ", scoring.show(text, p))
            for p in s.off_splits:
                print("    no candidate", scoring.show(text, p))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
