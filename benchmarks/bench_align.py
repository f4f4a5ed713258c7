"""Per-quote alignment and classification time on the dev set's corpus quotations.

Run: .venv/bin/python benchmarks/bench_align.py [../shared]
Prints the median and 95th-percentile time per quote for align_quote and classify, the time of
the first alignment against a fresh source (tokenising the opinion), and the total.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from align_support import load_source, make_citation, make_quote  # noqa: E402

from quotecheck.align import align_quote  # noqa: E402
from quotecheck.classify import classify  # noqa: E402
from quotecheck.models import Source  # noqa: E402


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    corpus = shared / "corpus"
    labels = [
        json.loads(line)
        for line in (shared / "eval" / "dev" / "labels.jsonl").read_text().splitlines()
        if line.strip()
    ]
    labels = [lab for lab in labels if lab["source"]]
    t0 = time.perf_counter()
    sources = {lab["source"]: load_source(corpus, lab["source"]) for lab in labels}
    load_s = time.perf_counter() - t0
    # Warm the spaCy pipeline used by the cue matcher, as a long-running check would.
    warm = time.perf_counter()
    q0 = make_quote(labels[0]["quote"])
    s0 = sources[labels[0]["source"]]
    classify(
        q0,
        citation=None,
        resolution=Source(s0.document, "none"),
        alignment=align_quote(q0, s0),
        source=s0,
    )
    warm_s = time.perf_counter() - warm
    first: list[float] = []
    align_t: list[float] = []
    classify_t: list[float] = []
    seen: set[str] = set()
    found = 0
    for lab in labels:
        src = sources[lab["source"]]
        q = make_quote(lab["quote"])
        t = time.perf_counter()
        a = align_quote(q, src)
        dt = time.perf_counter() - t
        (align_t if src.document in seen else first).append(dt)
        seen.add(src.document)
        found += a is not None
        t = time.perf_counter()
        classify(
            q,
            citation=make_citation(None),
            resolution=Source(src.document, "none"),
            alignment=a,
            source=src,
        )
        classify_t.append(time.perf_counter() - t)

    def ms(xs: list[float], q: float) -> str:
        xs = sorted(xs)
        return f"{1000 * xs[min(len(xs) - 1, int(q * len(xs)))]:.2f} ms"

    print(f"quotes: {len(labels)} against {len(sources)} sources; aligned {found}")
    print(f"load sources (test helper): {load_s:.2f} s; spaCy warm-up: {warm_s:.2f} s")
    print(
        f"align (cached source): median {ms(align_t, 0.5)}, p95 {ms(align_t, 0.95)}, "
        f"max {ms(align_t, 1.0)}"
    )
    print(
        f"align (first quote of a source, tokenises it): median {ms(first, 0.5)}, "
        f"max {ms(first, 1.0)}"
    )
    print(f"classify: median {ms(classify_t, 0.5)}, p95 {ms(classify_t, 0.95)}")
    total = sum(align_t) + sum(first) + sum(classify_t)
    print(
        f"total align+classify: {total:.2f} s ({1000 * total / len(labels):.1f} ms/quote; "
        f"mean {1000 * statistics.mean(align_t):.2f} ms align)"
    )


if __name__ == "__main__":
    main()
