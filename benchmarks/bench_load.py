"""Time the PDF and DOCX loaders on the shared renderings: ms per page / per file.

Run: .venv/bin/python benchmarks/bench_load.py
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from quotecheck.load.pdf import load_pdf, pdf_page_texts
from quotecheck.load.word import load_docx

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    files = sorted((SHARED / "seed").glob("*.pdf")) + sorted(
        (SHARED / "eval" / "dev" / "briefs").glob("*.pdf")
    )
    load_pdf(files[0])  # warm up imports
    pages = 0
    start = time.perf_counter()
    for path in files:
        pages += len(load_pdf(path).pages)
    elapsed = time.perf_counter() - start
    print(f"load_pdf: {len(files)} files, {pages} pages, {elapsed * 1000 / pages:.1f} ms/page")
    start = time.perf_counter()
    n = sum(len(pdf_page_texts(path)) for path in files)
    elapsed = time.perf_counter() - start
    print(f"pdf_page_texts: {n} pages, {elapsed * 1000 / n:.1f} ms/page")
    docs = sorted((SHARED / "seed").glob("*.docx")) + sorted(
        (SHARED / "eval" / "dev" / "briefs").glob("*.docx")
    )
    load_docx(docs[0])
    start = time.perf_counter()
    for path in docs:
        load_docx(path)
    elapsed = time.perf_counter() - start
    print(f"load_docx: {len(docs)} files, {elapsed * 1000 / len(docs):.1f} ms/file")
    tracemalloc.start()
    load_pdf(files[0])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"load_pdf peak Python memory on {files[0].name}: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
