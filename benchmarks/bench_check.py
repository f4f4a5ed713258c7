"""End-to-end timing of ``quotecheck check`` on the seed brief against ../shared/corpus.

Prints: wall time of the command (start-up included, median of N runs, corpus index warm,
bytecode compiled as a pip install leaves it), the time of each stage in one process, and the
per-quote alignment time.

    .venv/bin/python benchmarks/bench_check.py [runs]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "kadrey-v-meta-opposition-1292b.md"
CORPUS = SHARED / "corpus"


def wall(runs: int) -> list[float]:
    cmd = [
        str(ROOT / ".venv" / "bin" / "quotecheck"),
        "check",
        str(SEED),
        "--corpus",
        str(CORPUS),
        "--format",
        "json",
        "--quiet",
        "--fail-on",
        "never",
    ]
    # As installed: pip compiles bytecode, an editable install (and PYTHONDONTWRITEBYTECODE)
    # does not, which would charge every run for compiling quotecheck's own modules.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "quotecheck")], check=True)
    subprocess.run(cmd, check=True, capture_output=True)  # build or refresh the index once
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def stages() -> None:
    t0 = time.perf_counter()
    from quotecheck.corpus import open_corpus
    from quotecheck.extract import extract
    from quotecheck.load import load_document
    from quotecheck.pipeline import check_brief

    t1 = time.perf_counter()
    document = load_document(SEED)
    t2 = time.perf_counter()
    extraction = extract(document)
    t3 = time.perf_counter()
    open_corpus(CORPUS)
    t4 = time.perf_counter()
    report = check_brief(SEED, CORPUS)
    t5 = time.perf_counter()
    print(
        f"  import {t1 - t0:.3f} s, load {t2 - t1:.3f} s, extract {t3 - t2:.3f} s "
        f"(eyecite import included), open corpus {t4 - t3:.3f} s"
    )
    print(f"  check_brief again, warm: {t5 - t4:.3f} s for {len(extraction.quotes)} quotes")
    found = [r for r in report.results if r.match is not None]
    print(f"  {len(found)} quotes located, {len(report.findings)} findings")


def per_quote() -> None:
    from quotecheck.align import align_quote
    from quotecheck.corpus import open_corpus
    from quotecheck.extract import extract
    from quotecheck.load import load_document

    corpus = open_corpus(CORPUS)
    extraction = extract(load_document(SEED))
    source = corpus.text("bartz-v-anthropic-2025-06-23")
    align_quote(extraction.quotes[0], source)  # tokenise the source once
    times = []
    for quote in extraction.quotes:
        t0 = time.perf_counter()
        align_quote(quote, source)
        times.append(time.perf_counter() - t0)
    times.sort()
    median = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95)] * 1000
    print(
        f"  per-quote alignment against Bartz ({len(times)} quotes): median {median:.2f} ms, "
        f"p95 {p95:.2f} ms"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    times = wall(runs)
    print(
        f"quotecheck check seed brief: median {statistics.median(times):.2f} s wall "
        f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs; target 1.5 s)"
    )
    stages()
    per_quote()


if __name__ == "__main__":
    main()
