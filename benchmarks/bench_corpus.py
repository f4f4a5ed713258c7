"""Corpus benchmark: build throughput, database size, lookup latency and peak memory.

Usage: python benchmarks/bench_corpus.py [N] [--corpus DIR] [--quotes Q] [--legacy]

Measures on the shared corpus, then on a synthetic scale-up of N opinions (default 10,000) made
at run time in a temporary folder that is deleted afterwards. Prints numbers; asserts nothing.
Targets: build >= 10 MB/s, lookup <= 5 ms per quote, peak memory <= 500 MB.

The scale-up holds the real opinions themselves plus N - (their number) synthetic ones. A
synthetic opinion keeps the caption and marker layout of one real opinion (citations renumbered)
but its body mixes paragraphs from several opinions, and every word of 4+ letters that fewer
than 10% of the real opinions use is respelled by a stable hash of (word, topic), where the
topic is one of N / 20 groups. So the vocabulary grows with the corpus and a rare word stays
rare, as in a real collection of opinions, instead of recurring in every copy; 1 paragraph in
60 is kept verbatim, as a famous passage is quoted by later opinions. ``--legacy`` makes the
former scale-up (whole copies with 1 word in 200 replaced), in which every passage recurs
N / 86 times.

Quotes are sentences of the real opinions, a third with one word replaced; "home" counts how
often the best hit lies in the opinion the sentence came from. Lookups run three times: each
quote's fastest time is reported (a shared machine's hiccups otherwise fill the tail), and the
first pass beside it. Each corpus is built twice from scratch: the faster build is reported,
with both throughputs beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotecheck.corpus import build_corpus, open_corpus  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
MARKERS = re.compile(r"\[\[page \d+\]\]|\[\*+\d+\]|(?<!at )\*+\d+|\[fn\w*\]")
WORD = re.compile(r"[A-Za-z]{4,}")
COMMON_SHARE = 0.1
TOPIC_SIZE = 20
VERBATIM = 60
HEADER = 2000
LOOKUP_PASSES = 3
#: Full builds of each corpus; the fastest is reported (and every one beside it).
BUILDS = 2
LETTERS = "etaoinshrdlcumwfgypbvkjxqz"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quotes_from(corpus_dir: Path, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(quote, home document) pairs: sentences of 8-40 words, a third with one word changed."""
    pool: list[tuple[str, str]] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        text = MARKERS.sub(" ", path.read_text("utf-8"))
        for s in re.split(r"(?<=[.!?])\s+", text):
            words = s.split()
            if 8 <= len(words) <= 40:
                pool.append((" ".join(words), path.stem))
    picked = rng.sample(pool, min(n, len(pool)))
    out = []
    for i, (q, home) in enumerate(picked):
        words = q.split()
        if i % 3 == 0:
            words[len(words) // 2] = "zzquux"
        out.append((" ".join(words), home))
    return out


def renumber(text: str, k: int) -> str:
    return re.sub(
        r"\b(\d{1,4}) (F\.\dd|F\.\s?Supp\.(?: ?\dd)?|U\.S\.|S\.\s?Ct\.|L\.\s?Ed\.(?: ?\dd)?)"
        r" (\d+)\b",
        lambda m: f"{int(m[1]) + 1000 + k} {m[2]} {m[3]}",
        text,
    )


def perturb_legacy(text: str, k: int, rng: random.Random) -> str:
    """The former scale-up: a whole copy, citations renumbered, 1 word in 200 replaced."""
    words = renumber(text, k).split(" ")
    for _ in range(max(1, len(words) // 200)):
        i = rng.randrange(len(words))
        words[i] = f"w{k}x{rng.randrange(1000)}"
    return " ".join(words)


def respell(word: str, topic: int) -> str:
    """A pseudo-word of the same length and case, stable for (word, topic)."""
    digest = hashlib.blake2b(f"{topic}:{word.lower()}".encode(), digest_size=16).digest()
    out = "".join(LETTERS[b % 26] for b in digest[: len(word)])
    out += "".join(LETTERS[(b >> 3) % 26] for b in digest[: max(0, len(word) - len(out))])
    if word.isupper():
        return out.upper()
    if word[0].isupper():
        return out.capitalize()
    return out


class Synthesizer:
    """Makes synthetic opinions from real ones (see the module docstring)."""

    def __init__(self, sources: list[str], n: int, rng: random.Random) -> None:
        self.sources = sources
        self.rng = rng
        self.topics = max(1, n // TOPIC_SIZE)
        # General vocabulary: words in a good share of the opinions. A word that one or two
        # opinions use a lot ("Anthropic", "parody") is rare in a large collection.
        counts: Counter[str] = Counter()
        for s in sources:
            counts.update({w.lower() for w in WORD.findall(s)})
        self.common = {w for w, n in counts.items() if n >= COMMON_SHARE * len(sources)}
        self.paragraphs = [
            MARKERS.sub("", p) for s in sources for p in s.split("\n\n")[3:] if len(p) > 200
        ]

    def make(self, k: int) -> str:
        base = self.sources[k % len(self.sources)]
        paras = renumber(base, k).split("\n\n")
        topic = self.rng.randrange(self.topics)
        cache: dict[str, str] = {}

        def swap(m: re.Match[str]) -> str:
            w = m[0]
            if w.lower() in self.common:
                return w
            new = cache.get(w)
            if new is None:
                new = cache[w] = respell(w, topic)
            return new

        # The caption (first paragraphs, at most HEADER characters) is kept; some files have
        # few blank lines, and their whole text would otherwise recur unchanged.
        out: list[str] = []
        for p in paras[:3]:
            if sum(map(len, out)) + len(p) > HEADER:
                break
            out.append(p)
        for p in paras[len(out) :]:
            # Half the paragraphs come from other opinions (markers stripped: a foreign
            # pagination would not fit this opinion's).
            if len(p) > 200 and self.rng.random() < 0.5:
                p = self.rng.choice(self.paragraphs)
            out.append(p if self.rng.randrange(VERBATIM) == 0 else WORD.sub(swap, p))
        return "\n\n".join(out)


def p95(ordered: list[float]) -> float:
    """The 95th percentile of sorted times."""
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def measure(folder: Path, label: str, quotes: list[tuple[str, str]]) -> None:
    db = folder / ".quotecheck" / "corpus.sqlite"
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    builds: list[tuple[float, float]] = []
    for _ in range(BUILDS):
        t0, c0 = time.perf_counter(), time.process_time()
        report = build_corpus(folder, db=db, force=True)
        builds.append((time.perf_counter() - t0, time.process_time() - c0))
    build_s, build_cpu = min(builds)
    build_peak = peak_mb()
    t1 = time.perf_counter()
    again = build_corpus(folder, db=db)
    noop_s = time.perf_counter() - t1
    corpus = open_corpus(db)
    corpus.search(quotes[0][0])  # warm-up: imports rapidfuzz
    # Three passes; each quote's fastest is its cost without the machine's hiccups (the first
    # pass alone is printed too).
    passes: list[list[float]] = []
    found = home = 0
    for k in range(LOOKUP_PASSES):
        times: list[float] = []
        for q, doc in quotes:
            t = time.perf_counter()
            hits = corpus.search(q, limit=8)
            times.append((time.perf_counter() - t) * 1000)
            if k == 0:
                found += bool(hits)
                home += bool(hits) and hits[0].document == doc
        passes.append(times)
    corpus.close()
    first = sorted(passes[0])
    times = sorted(min(t) for t in zip(*passes, strict=True))
    print(f"== {label}")
    print(f"documents          {report.documents} ({len(report.skipped)} skipped)")
    print(f"text               {size / 1e6:.1f} MB")
    print(
        f"build              {build_s:.1f} s = {size / 1e6 / build_s:.1f} MB/s"
        f" (CPU {build_cpu:.1f} s = {size / 1e6 / build_cpu:.1f} MB/s), fastest of {BUILDS}"
        f" full builds: " + ", ".join(f"{size / 1e6 / w:.1f}" for w, _ in builds) + " MB/s"
    )
    print(f"unchanged rebuild  {noop_s * 1000:.0f} ms (changed={again.changed})")
    print(f"database           {db.stat().st_size / 1e6:.1f} MB")
    print(
        f"lookup             median {statistics.median(times):.2f} ms, p95 {p95(times):.2f} ms,"
        f" mean {statistics.fmean(times):.2f} ms over {len(quotes)} quotes"
        f" (fastest of {LOOKUP_PASSES} passes)"
    )
    print(
        f"lookup, first pass median {statistics.median(first):.2f} ms,"
        f" p95 {p95(first):.2f} ms,"
        f" mean {statistics.fmean(first):.2f} ms"
    )
    print(f"found              {found} with a hit, {home} best hit in the quote's own opinion")
    print(f"peak memory        {build_peak:.0f} MB after build, {peak_mb():.0f} MB after lookups")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="synthetic opinions")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--legacy", action="store_true", help="the former whole-copy scale-up")
    parser.add_argument("--skip-shared", action="store_true", help="only the scale-up")
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
        if not args.skip_shared:
            measure(real, f"shared corpus ({args.corpus})", quotes)
        big = work / "synthetic"
        big.mkdir()
        paths = sorted(args.corpus.glob("*.txt"))
        sources = [p.read_text("utf-8") for p in paths]
        t = time.perf_counter()
        if args.legacy:
            for k in range(args.n):
                text = perturb_legacy(sources[k % len(sources)], k, rng)
                (big / f"doc-{k:05d}.txt").write_text(text, encoding="utf-8")
        else:
            for p in paths:
                shutil.copy(p, big / p.name)
            synth = Synthesizer(sources, args.n, rng)
            for k in range(len(paths), args.n):
                (big / f"syn-{k:05d}.txt").write_text(synth.make(k), encoding="utf-8")
        kind = "legacy copies" if args.legacy else "mixed, respelled"
        print(f"(generated {args.n} opinions, {kind}, in {time.perf_counter() - t:.0f} s)")
        measure(big, f"synthetic scale-up ({args.n} opinions, {kind})", quotes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
