"""Corpus benchmark: build throughput, database size, lookup latency and peak memory.

Usage: python benchmarks/bench_corpus.py [N] [--corpus DIR] [--quotes Q]

Measures on the shared corpus, then on a synthetic scale-up of N opinions (default 10,000)
made at run time from perturbed copies of the real ones (words swapped, citations renumbered)
in a temporary folder that is deleted afterwards. Prints numbers; asserts nothing.
Targets: build >= 10 MB/s, lookup <= 5 ms per quote, peak memory <= 500 MB.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotecheck.corpus import build_corpus, open_corpus  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quotes_from(corpus_dir: Path, n: int, rng: random.Random) -> list[str]:
    """Sentences of 8-40 words picked from the corpus files, some with one word changed."""
    pool: list[str] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        text = re.sub(r"\[\[page \d+\]\]|\[\*+\d+\]|\*+\d+|\[fn\w*\]", " ", path.read_text("utf-8"))
        for s in re.split(r"(?<=[.!?])\s+", text):
            words = s.split()
            if 8 <= len(words) <= 40:
                pool.append(" ".join(words))
    picked = rng.sample(pool, min(n, len(pool)))
    out = []
    for i, q in enumerate(picked):
        words = q.split()
        if i % 3 == 0:
            words[len(words) // 2] = "zzquux"
        out.append(" ".join(words))
    return out


def perturb(text: str, k: int, rng: random.Random) -> str:
    """A copy with its citations renumbered and a few words swapped, so it is a new document."""
    text = re.sub(
        r"\b(\d{1,4}) (F\.\dd|U\.S\.|S\.Ct\.|F\.Supp\.\dd) (\d+)\b",
        lambda m: f"{int(m[1]) + 1000 + k} {m[2]} {m[3]}",
        text,
    )
    words = text.split(" ")
    for _ in range(max(1, len(words) // 200)):
        i = rng.randrange(len(words))
        words[i] = f"w{k}x{rng.randrange(1000)}"
    return " ".join(words)


def measure(folder: Path, label: str, quotes: list[str]) -> None:
    db = folder / ".quotecheck" / "corpus.sqlite"
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    t0 = time.perf_counter()
    report = build_corpus(folder, db=db, force=True)
    build_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    again = build_corpus(folder, db=db)
    noop_s = time.perf_counter() - t1
    corpus = open_corpus(db)
    corpus.search(quotes[0])  # warm-up: imports rapidfuzz
    t2 = time.perf_counter()
    found = 0
    for q in quotes:
        found += bool(corpus.search(q, limit=5))
    lookup_ms = (time.perf_counter() - t2) * 1000 / len(quotes)
    corpus.close()
    print(f"== {label}")
    print(f"documents          {report.documents}")
    print(f"text               {size / 1e6:.1f} MB")
    print(f"build              {build_s:.1f} s = {size / 1e6 / build_s:.1f} MB/s")
    print(f"unchanged rebuild  {noop_s * 1000:.0f} ms (changed={again.changed})")
    print(f"database           {db.stat().st_size / 1e6:.1f} MB")
    print(f"lookup             {lookup_ms:.2f} ms/quote over {len(quotes)} quotes ({found} found)")
    print(f"peak memory        {peak_mb():.0f} MB (process max RSS so far)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="synthetic opinions")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--quotes", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    quotes = quotes_from(args.corpus, args.quotes, rng)
    work = Path(tempfile.mkdtemp(prefix="qc-bench-"))
    try:
        real = work / "real"
        real.mkdir()
        for p in args.corpus.glob("*.txt"):
            shutil.copy(p, real / p.name)
        if (args.corpus / "MANIFEST.tsv").exists():
            shutil.copy(args.corpus / "MANIFEST.tsv", real / "MANIFEST.tsv")
        measure(real, f"shared corpus ({args.corpus})", quotes)
        big = work / "synthetic"
        big.mkdir()
        sources = [p.read_text("utf-8") for p in sorted(args.corpus.glob("*.txt"))]
        for k in range(args.n):
            src = sources[k % len(sources)]
            (big / f"doc-{k:05d}.txt").write_text(perturb(src, k, rng), encoding="utf-8")
        measure(big, f"synthetic scale-up ({args.n} opinions)", quotes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
