"""Where a corpus build's time goes: reading, analysis, each kind of SQL statement, the rest.

Prints the wall time of one full ``build_corpus(DIR, force=True)`` and the seconds spent in
reading files, ``analyze``, and each SQL statement kind (FTS5 inserts, the documents rows, the
``terms`` recount, ...). The store's functions are wrapped for the measurement (about 1% of
overhead); nothing in quotecheck changes. For a folder of synthetic opinions, run
``bench_corpus.py`` first or point it at any folder of opinions.

    .venv/bin/python benchmarks/bench_build_stages.py DIR [--db PATH]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import quotecheck.corpus.store as store

SPENT: defaultdict[str, float] = defaultdict(float)


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - t

    return wrapper


def statement(sql: str) -> str:
    """A statement's kind: its words up to the first parenthesis ("INSERT INTO fts")."""
    return " ".join(sql.split("(")[0].split()[:4])


class TimedConnection:
    """A ``sqlite3.Connection`` whose ``execute``/``executemany`` time is kept per statement."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        return timed(f"sql: {statement(sql)}", self._con.execute)(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        return timed(f"sql: {statement(sql)} (many)", self._con.executemany)(sql, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", type=Path, help="default: a temporary file, deleted afterwards")
    args = parser.parse_args()
    connect = store._connect
    store._connect = lambda path: TimedConnection(connect(path))
    for name in ("read_bytes", "read_source", "analyze"):
        setattr(store, name, timed(name, getattr(store, name)))
    size = sum(p.stat().st_size for p in args.folder.rglob("*") if p.suffix in store.SUFFIXES)
    with tempfile.TemporaryDirectory(prefix="qc-stages-") as tmp:
        db = args.db or Path(tmp) / "corpus.sqlite"
        t = time.perf_counter()
        report = store.build_corpus(args.folder, db=db, force=True)
        total = time.perf_counter() - t
    print(f"{report.documents} documents, {size / 1e6:.1f} MB")
    print(f"build {total:7.2f} s = {size / 1e6 / total:.1f} MB/s")
    for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.005:
            print(f"{seconds:7.2f} s  {seconds / total:4.0%}  {name}")
    print(f"{total - sum(SPENT.values()):7.2f} s  the rest (hashing, JSON, chunking, Python)")


if __name__ == "__main__":
    main()
