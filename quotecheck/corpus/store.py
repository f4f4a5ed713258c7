"""The corpus store: an embedded SQLite database of opinions, their identity, pages and words.

In: a folder of opinion files (with an optional ``MANIFEST.tsv``) or a database file.
Out: a ``Corpus`` that answers "which document is this citation?" (``resolve``), "where do
these words occur?" (``search``), gives each document's ``SourceText`` (``text``) and lists the
documents (``documents``).

Storage: one SQLite file (stdlib ``sqlite3``). By default a folder's database is
``DIR/.quotecheck/corpus.sqlite``; when the folder is read-only it lives in the user cache
(``$XDG_CACHE_HOME/quotecheck/<hash of the folder path>/corpus.sqlite``). Builds are
incremental (file size and mtime, then a SHA-256 of the content: an unchanged folder is not
written at all) and atomic: changes are applied to a copy beside the database, which then
replaces it with ``os.replace``, so a build that is killed leaves the previous database intact.

Search: the reading text is cut into ~600-character chunks indexed by a contentless FTS5 table
(``detail=none``). A chunk's FTS rowid is its document's rowid times ``2**CHUNK_BITS`` plus its
number, and the document keeps where its chunks end (``documents.chunks``, 32-bit integers): no
table of chunks is written or read. After each build the ``terms`` table records in how many
chunks each word occurs (from ``fts5vocab``). A query reads the chunk lists of the quote's
rarest words (only words in at most ``FETCH_DF`` chunks are read whole) and counts, for each
pair of neighbouring chunks, how many of them it holds; a quote of common words only is looked
up by FTS5 intersections of its least common words instead. The best pairs are scored with
``rapidfuzz.fuzz.partial_ratio_alignment`` on lower-cased, white-space-squeezed text, and the
best matches aligned again on normalised text, mapped back to the reading text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import re
import shutil
import sqlite3
import sys
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from quotecheck.corpus.cites import (
    compact,
    docket_keys,
    parse_cite,
    parse_volume_reporter,
    pin_pages,
)
from quotecheck.corpus.formats import (
    SUFFIXES,
    Analysis,
    analyze,
    derive_names,
    read_bytes,
    read_source,
)
from quotecheck.corpus.manifest import ManifestEntry, find_manifest, read_manifest
from quotecheck.errors import CorpusError, QuotecheckError
from quotecheck.models import (
    Citation,
    CitationForm,
    PageRun,
    Source,
    SourcePart,
    SourceText,
    Span,
    Unresolved,
)
from quotecheck.text.normalize import normalize

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
DB_DIR = ".quotecheck"
DB_NAME = "corpus.sqlite"
CHUNK_CHARS = 600
#: Files a build asks the kernel to read ahead of the one it is working on.
READ_AHEAD = 4
#: A chunk's FTS rowid is ``document rowid << CHUNK_BITS | chunk number``.
CHUNK_BITS = 20
_CHUNK_MASK = (1 << CHUNK_BITS) - 1
# Chunk ends are stored as C unsigned ints (32 bits on the usual platforms); SQL counts them in
# ``_ITEM``-byte steps.
_ARRAY = "I"
_ITEM = array(_ARRAY).itemsize
_CHUNK = re.compile(
    rf"(?s).{{{CHUNK_CHARS // 2},{CHUNK_CHARS - 1}}}(?=[ \n]|\Z)|.{{1,{CHUNK_CHARS}}}"
)

#: Called as ``on_progress(done, total, name)`` while a build reads files.
Progress = Callable[[int, int, str], None]

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE documents(
    rowid INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    path TEXT UNIQUE NOT NULL,
    origin TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    format TEXT NOT NULL,
    case_name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    extra_cites TEXT NOT NULL,
    text TEXT NOT NULL,
    chunks BLOB NOT NULL,
    structure TEXT NOT NULL,
    info TEXT NOT NULL
);
-- What a refresh compares, readable without touching the wide rows that hold the texts.
CREATE INDEX documents_state ON documents(path, hash, size, mtime, origin);
CREATE TABLE cites(doc INTEGER NOT NULL, cite TEXT NOT NULL, key TEXT NOT NULL,
                   volume TEXT NOT NULL, rkey TEXT NOT NULL);
CREATE INDEX cites_key ON cites(key);
CREATE INDEX cites_vr ON cites(volume, rkey);
CREATE TABLE dockets(doc INTEGER NOT NULL, docket TEXT NOT NULL, exact TEXT NOT NULL,
                     core TEXT NOT NULL);
CREATE INDEX dockets_exact ON dockets(exact);
CREATE INDEX dockets_core ON dockets(core);
CREATE TABLE names(doc INTEGER NOT NULL, key TEXT NOT NULL);
CREATE INDEX names_key ON names(key);
CREATE TABLE skipped(path TEXT PRIMARY KEY, size INTEGER, mtime REAL, hash TEXT, reason TEXT);
CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail=none, columnsize=0,
                                    tokenize='unicode61 remove_diacritics 2');
-- Merging 16 segments at a time rewrites the index fewer times while it grows: measured 27%
-- less indexing time than the default 4. Leaves of 4,000 bytes (default 1,000; one fits a
-- 4 KiB database page): 4-5% less build time at 10,000 opinions, the same lookups.
INSERT INTO fts(fts, rank) VALUES('automerge', 16);
INSERT INTO fts(fts, rank) VALUES('pgsz', 4000);
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, row);
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""

#: Terms in more chunks than this are never fetched whole: they pick no candidates by themselves.
FETCH_DF = 1500
#: Most words of one FTS5 intersection (``a AND b AND c``), the least common of the quote's.
AND_TERMS = 3
#: Characters kept either side of a first-pass match when the region is normalised.
REGION_MARGIN = 40
#: First-pass scores kept for the exact pass: within this of the best, or at least the floor.
QUICK_SPREAD = 20.0
QUICK_FLOOR = 80.0

# Words too common to find anything by; the quote's rarer words pick the candidates.
# fmt: off
_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "that", "the", "their",
    "there", "they", "this", "to", "was", "were", "which", "who", "will", "with", "would", "we",
    "our", "you", "your",
))
# fmt: on
_TOKEN = re.compile(r"[^\W_]+")
_WS_RUNS = re.compile(r"\s\s+")


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a quote's words occur in one document: the span of ``SourceText.text`` and pages."""

    document: str
    score: float
    span: Span
    text: str
    pages: dict[str, tuple[str, ...]]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``corpus find``."""
        return {
            "document": self.document,
            "score": round(self.score, 1),
            "pages": {k: list(v) for k, v in self.pages.items()},
            "text": self.text,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One document of the corpus as ``corpus info`` lists it."""

    id: str
    path: str
    format: str
    case_name: str
    short_name: str
    citations: tuple[str, ...]
    dockets: tuple[str, ...]
    paginations: dict[str, tuple[str, str]]
    characters: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``corpus info``."""
        return {
            "id": self.id,
            "case_name": self.case_name,
            "short_name": self.short_name,
            "citations": list(self.citations),
            "dockets": list(self.dockets),
            "paginations": {k: list(v) for k, v in self.paginations.items()},
            "path": self.path,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file the build could not ingest, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build or refresh did; ``changed`` is False when nothing was written."""

    db: Path
    documents: int
    citations: int
    pages: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    changed: bool = False
    bytes_read: int = 0


# ---------------------------------------------------------------------------------------------
# Locations


def default_db(folder: Path) -> Path:
    """Where a folder's database lives: ``DIR/.quotecheck/corpus.sqlite``, or the user cache.

    The cache location (``$XDG_CACHE_HOME`` or ``~/.cache``, then ``quotecheck/<hash>``) is
    used when the folder cannot be written.
    """
    folder = folder.resolve()
    inside = folder / DB_DIR / DB_NAME
    if inside.exists() or os.access(folder, os.W_OK):
        return inside
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha1(str(folder).encode()).hexdigest()[:16]
    return cache / "quotecheck" / digest / DB_NAME


def _is_source_name(name: str) -> bool:
    low = name.lower()
    return os.path.splitext(low)[1] in SUFFIXES and not low.startswith(
        ("readme", "changes", "license", "manifest", ".")
    )


def _scan(folder: Path) -> list[tuple[str, os.stat_result]]:
    """The folder's opinion files (hidden folders skipped), in path order, with their stat.

    ``os.scandir`` rather than ``pathlib``: a no-op refresh of a 10,000-file folder, paid by
    every ``check --corpus DIR``, spent most of its time making ``Path`` objects.
    """
    out: list[tuple[str, os.stat_result]] = []
    stack = [str(folder)]
    while stack:
        top = stack.pop()
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        subdirs.append(entry.path)
                elif _is_source_name(entry.name) and entry.is_file():
                    out.append((entry.path, entry.stat()))
            except OSError:
                continue
        stack.extend(reversed(subdirs))
    return out


def _read_ahead(path: Path) -> None:
    """Ask the kernel to start reading ``path`` now, so it is in memory when its turn comes.

    The disk works while this process analyses and indexes the files before it (no thread,
    no second core); where ``posix_fadvise`` is missing, or the file cannot be opened, nothing
    happens and the file is read when its turn comes.
    """
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Building


@dataclass(slots=True)
class _Plan:
    todo: list[tuple[Path, str, str]] = field(default_factory=list)  # path, key, hash or ""
    touched: list[tuple[str, int, float]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), isolation_level=None)
    if path.name.endswith(".tmp"):
        # A temporary copy is renamed into place only once complete: no journal, no syncs.
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-65536")
    else:
        con.execute("PRAGMA journal_mode=DELETE")
    return con


class _OtherVersion(CorpusError):
    """The database was built by another schema version (a folder's is rebuilt)."""


def _check_db(con: sqlite3.Connection, path: Path) -> None:
    try:
        row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    except sqlite3.DatabaseError:
        raise CorpusError(
            f"{path} is not a quotecheck corpus database (rebuild it with `corpus build`)"
        ) from None
    if row is None or row[0] != SCHEMA_VERSION:
        raise _OtherVersion(
            f"{path} was built by another quotecheck version; rebuild it with `corpus build`"
        )


def _read_state(
    db: Path,
) -> tuple[dict[str, tuple[str, int, float, str]], dict[str, tuple[int, float, str]], str]:
    """Existing documents (path -> hash, size, mtime, origin), skipped files, manifest hash."""
    if not db.exists():
        return {}, {}, ""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        _check_db(con, db)
        docs = {
            p: (h, s, m, o)
            for p, h, s, m, o in con.execute(
                "SELECT path, hash, size, mtime, origin FROM documents"
            )
        }
        skipped = {
            p: (s, m, h)
            for p, s, m, h in con.execute("SELECT path, size, mtime, hash FROM skipped")
        }
        row = con.execute("SELECT value FROM meta WHERE key='manifest'").fetchone()
        return docs, skipped, (row[0] if row else "")
    finally:
        con.close()


def _clean_stale(db: Path) -> None:
    """Remove temporary build files left by killed builds (their process is gone)."""
    for tmp in db.parent.glob(db.name + ".*.tmp"):
        pid = tmp.name[len(db.name) + 1 : -4]
        alive = False
        if pid.isdigit():
            try:
                os.kill(int(pid), 0)
                alive = int(pid) != os.getpid()
            except OSError:
                alive = False
        if not alive:
            with contextlib.suppress(OSError):
                tmp.unlink()


class _Writer:
    """Applies document changes to an open (temporary) database."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        taken = con.execute("SELECT id, path FROM documents").fetchall()
        self.ids = dict(taken)
        self.paths = {path for _, path in taken}

    def delete(self, path: str) -> None:
        if path not in self.paths:
            return  # not stored (a new file): nothing to look up
        row = self.con.execute(
            "SELECT rowid, id, text, chunks FROM documents WHERE path=?", (path,)
        ).fetchone()
        if row is None:
            return
        rowid, doc_id, text, ends = row
        self.con.executemany(
            "INSERT INTO fts(fts, rowid, body) VALUES('delete', ?, ?)",
            _numbered(rowid, [text[s:e] for s, e in _spans(_ends(ends))]),
        )
        for table in ("cites", "dockets", "names"):
            self.con.execute(f"DELETE FROM {table} WHERE doc=?", (rowid,))
        self.con.execute("DELETE FROM documents WHERE rowid=?", (rowid,))
        self.ids.pop(doc_id, None)
        self.paths.discard(path)

    def _doc_id(self, path: Path, key: str) -> str:
        doc_id = path.stem
        if self.ids.get(doc_id, key) != key:
            doc_id = re.sub(r"\.[^./]+$", "", key).replace(os.sep, "/")
            n = 2
            base = doc_id
            while self.ids.get(doc_id, key) != key:
                doc_id = f"{base}-{n}"
                n += 1
        return doc_id

    def insert(
        self,
        path: Path,
        key: str,
        origin: str,
        digest: str,
        stat: os.stat_result,
        entry: ManifestEntry | None,
        extra: tuple[str, ...],
    ) -> Analysis:
        data = None
        if not digest:  # a new file: hashed from the bytes read once here
            if path.suffix.lower() == ".pdf":
                digest = _hash_file(path)
            else:
                data = read_bytes(path)
                digest = hashlib.sha256(data).hexdigest()
        raw = read_source(path, data=data)
        doc_id = self._doc_id(path, key)
        a = analyze(raw, document=doc_id, entry=entry, extra_cites=extra)
        self.delete(key)
        st = a.source
        pag: dict[str, list[str]] = {}
        for run in st.pages:
            pag.setdefault(run.pagination, []).append(run.label)
        structure = {
            "pages": [[r.pagination, r.label, r.span.start, r.span.end] for r in st.pages],
            "footnotes": [[f.start, f.end] for f in st.footnotes],
            "parts": [[p.kind, p.span.start, p.span.end] for p in st.parts],
        }
        info = {
            "citations": list(st.citations),
            "dockets": list(a.dockets),
            "paginations": {k: [v[0], v[-1]] for k, v in pag.items()},
            "pages": sum(len(v) for v in pag.values()),
        }
        chunks = _CHUNK.findall(st.text)
        if len(chunks) > _CHUNK_MASK:
            raise CorpusError(f"{path.name} is too long to index ({len(chunks)} chunks)")
        cur = self.con.execute(
            "INSERT INTO documents(id, path, origin, hash, size, mtime, format, case_name,"
            " short_name, extra_cites, text, chunks, structure, info)"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                key,
                origin,
                digest,
                stat.st_size,
                stat.st_mtime,
                raw.format,
                st.case_name,
                a.short_name,
                json.dumps(list(extra)),
                st.text,
                _blob(accumulate(map(len, chunks))),
                json.dumps(structure),
                json.dumps(info),
            ),
        )
        rowid = cur.lastrowid
        assert rowid is not None  # an INSERT into a rowid table always sets it
        self.ids[doc_id] = key
        self.paths.add(key)
        self.con.executemany(
            "INSERT INTO cites(doc, cite, key, volume, rkey) VALUES(?,?,?,?,?)",
            [(rowid, str(c), c.key, c.volume, c.reporter_key) for c in a.cites],
        )
        self.con.executemany(
            "INSERT INTO dockets(doc, docket, exact, core) VALUES(?,?,?,?)",
            [(rowid, d, *docket_keys(d)) for d in a.dockets],
        )
        self.con.executemany(
            "INSERT INTO names(doc, key) VALUES(?,?)", [(rowid, k) for k in a.names]
        )
        self.con.executemany(
            "INSERT INTO fts(rowid, body) VALUES(?, ?)",
            _numbered(rowid, chunks),
        )
        return a


def _numbered(doc_rowid: int, chunks: list[str]) -> Iterable[tuple[int, str]]:
    """A document's chunks with their FTS rowids.

    Chunks are consecutive runs of about ``CHUNK_CHARS`` characters, cut before a space or line
    break (as much as fits below ``CHUNK_CHARS``, at least half of it, or the rest of the text
    when that fits): ``_CHUNK.findall(text)``; a chunk starts where the one before it ends.

    >>> [len(c) for c in _CHUNK.findall("word " * 300)]
    [599, 595, 306]
    """
    base = doc_rowid << CHUNK_BITS
    return zip(range(base, base + len(chunks)), chunks, strict=True)


def _blob(ends: Iterable[int]) -> bytes:
    """Chunk ends as little-endian 32-bit integers."""
    out = array(_ARRAY, ends)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def _ends(blob: bytes) -> array[int]:
    out = array(_ARRAY)
    out.frombytes(blob)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _spans(ends: Sequence[int]) -> list[tuple[int, int]]:
    """Chunk spans from their ends (a chunk starts where the one before it ends)."""
    return list(zip((0, *ends[:-1]), ends, strict=True)) if ends else []


def _summary(con: sqlite3.Connection) -> tuple[int, int, int]:
    """Documents, citations and pages: recorded by the build, else counted."""
    row = con.execute("SELECT value FROM meta WHERE key='summary'").fetchone()
    if row is not None:
        docs, cites, pages = json.loads(row[0])
        return int(docs), int(cites), int(pages)
    return _count(con)


def _count(con: sqlite3.Connection) -> tuple[int, int, int]:
    docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    cites = con.execute("SELECT COUNT(*) FROM cites").fetchone()[0]
    pages = sum(json.loads(i)["pages"] for (i,) in con.execute("SELECT info FROM documents"))
    return docs, cites, pages


def _report(db: Path, *, skipped: tuple[Skipped, ...] | None = None, **done: Any) -> BuildReport:
    """A build's report: the database's counts (and skipped files), with what this run did."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        n_docs, n_cites, n_pages = _summary(con)
        listed = _skipped_list(con) if skipped is None else skipped
    finally:
        con.close()
    return BuildReport(db, n_docs, n_cites, n_pages, skipped=listed, **done)


def _skipped_list(con: sqlite3.Connection) -> tuple[Skipped, ...]:
    return tuple(
        Skipped(p, r) for p, r in con.execute("SELECT path, reason FROM skipped ORDER BY path")
    )


def _apply(
    db: Path,
    *,
    fresh: bool,
    work: Callable[[sqlite3.Connection], bool],
) -> None:
    """Run ``work`` on a copy of ``db`` (or a new database) and swap it in atomically.

    ``work`` says whether it changed the word index; then its term frequencies are recounted.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(db)
    tmp = db.with_name(f"{db.name}.{os.getpid()}.tmp")
    try:
        if db.exists() and not fresh:
            shutil.copyfile(db, tmp)
            con = _connect(tmp)
        else:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            con = _connect(tmp)
            con.executescript(_SCHEMA)
            con.execute("INSERT INTO meta(key, value) VALUES('schema', ?)", (SCHEMA_VERSION,))
        try:
            con.execute("BEGIN")
            if work(con):
                _refresh_terms(con)
            _record_counts(con)
            con.execute("COMMIT")
        finally:
            con.close()
        os.replace(tmp, db)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _refresh_terms(con: sqlite3.Connection) -> None:
    """Merge some FTS5 segments and recount the chunks each term occurs in (when two or more).

    No full 'optimize': with 16 segments merged at a time there are few left, and at 10,000
    opinions rewriting the whole index cost 6% of the build for no measurable lookup gain.
    """
    con.execute("INSERT INTO fts(fts, rank) VALUES('merge', 500)")
    con.execute("DELETE FROM terms")
    con.execute("INSERT INTO terms(term, df) SELECT term, doc FROM vocab WHERE doc > 1")


def _record_counts(con: sqlite3.Connection) -> None:
    """Keep in ``meta`` what opening and refreshing would otherwise count over every row."""
    con.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES('summary', ?)", (json.dumps(_count(con)),)
    )
    con.execute(
        "INSERT OR REPLACE INTO meta(key, value)"
        f" SELECT 'chunks', COALESCE(SUM(length(chunks)), 0) / {_ITEM} FROM documents"
    )


def build_corpus(
    folder: Path,
    *,
    db: Path | None = None,
    on_progress: Progress | None = None,
    force: bool = False,
) -> BuildReport:
    """Build or refresh the index of a folder of opinions, incrementally and atomically.

    Args:
        folder: the folder of opinion files (``.txt``, ``.md``, ``.pdf``, ``.json``; a
            ``MANIFEST.tsv`` there overrides names, citations and page conventions).
        db: the database file; default ``default_db(folder)``.
        on_progress: called as ``(done, total, file name)`` for each file read.
        force: rebuild from scratch even if files are unchanged.

    Returns:
        Counts of documents, citations and pages, what changed, and the skipped files.

    Raises:
        CorpusError: ``folder`` is not a folder, or the database cannot be written.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.txt").write_text("1 U.S. 1\\nA v. B\\nWords *2 here.", encoding="utf-8")
        >>> r = build_corpus(d)
        >>> (r.documents, r.citations, r.changed, build_corpus(d).changed)
        (1, 1, True, False)
    """
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist or is not a folder")
    folder = folder.resolve()
    db = (db or default_db(folder)).resolve()
    manifest_path = find_manifest(folder)
    manifest = read_manifest(manifest_path) if manifest_path else {}
    manifest_hash = _hash_file(manifest_path) if manifest_path else ""
    docs: dict[str, tuple[str, int, float, str]] = {}
    skipped: dict[str, tuple[int, float, str]] = {}
    old_manifest = ""
    if not force:
        try:
            docs, skipped, old_manifest = _read_state(db)
        except _OtherVersion:
            log.info("%s was built by another version: rebuilding it", db)
            force = True
    redo_all = manifest_hash != old_manifest

    plan = _Plan()
    seen: set[str] = set()
    for key, stat in _scan(folder):
        seen.add(key)
        path = Path(key)
        old = docs.get(key)
        old_skip = skipped.get(key)
        if old and not redo_all and old[1] == stat.st_size and old[2] == stat.st_mtime:
            plan.unchanged += 1
            continue
        if (
            old_skip
            and not redo_all
            and old_skip[0] == stat.st_size
            and old_skip[1] == stat.st_mtime
        ):
            plan.unchanged += 1
            continue
        if not old:
            plan.todo.append((path, key, ""))  # hashed when read
            continue
        try:
            digest = _hash_file(path)
        except OSError as exc:
            digest = f"unreadable:{exc}"
        if not redo_all and old[0] == digest:
            plan.touched.append((key, stat.st_size, stat.st_mtime))
            plan.unchanged += 1
            continue
        plan.todo.append((path, key, digest))
    plan.removed = [p for p, v in docs.items() if v[3] == "folder" and p not in seen]
    plan.removed += [p for p in skipped if p not in seen and p.startswith(str(folder))]

    if not (plan.todo or plan.touched or plan.removed or force or not db.exists() or redo_all):
        return _report(db, unchanged=plan.unchanged)

    counts = {"added": 0, "updated": 0, "bytes": 0}

    def work(con: sqlite3.Connection) -> bool:
        writer = _Writer(con)
        for key in plan.removed:
            writer.delete(key)
            con.execute("DELETE FROM skipped WHERE path=?", (key,))
        for key, size, mtime in plan.touched:
            con.execute("UPDATE documents SET size=?, mtime=? WHERE path=?", (size, mtime, key))
        total = len(plan.todo)
        for path, _, _ in plan.todo[:READ_AHEAD]:
            _read_ahead(path)
        for i, (path, key, digest) in enumerate(plan.todo, 1):
            if on_progress is not None:
                on_progress(i, total, path.name)
            if i + READ_AHEAD <= total:
                _read_ahead(plan.todo[i + READ_AHEAD - 1][0])
            existed = key in docs
            try:
                stat = path.stat()
                writer.insert(path, key, "folder", digest, stat, manifest.get(path.name), ())
                if key in skipped:
                    con.execute("DELETE FROM skipped WHERE path=?", (key,))
                counts["added" if not existed else "updated"] += 1
                counts["bytes"] += stat.st_size
            except (QuotecheckError, OSError, UnicodeError, ValueError) as exc:
                reason = (
                    str(exc) if isinstance(exc, QuotecheckError) else f"{type(exc).__name__}: {exc}"
                )
                log.warning("skipped %s: %s", path, reason)
                writer.delete(key)
                st = path.stat() if path.exists() else None
                con.execute(
                    "INSERT OR REPLACE INTO skipped(path, size, mtime, hash, reason)"
                    " VALUES(?,?,?,?,?)",
                    (key, st.st_size if st else 0, st.st_mtime if st else 0, digest, reason),
                )
        con.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES('manifest', ?)", (manifest_hash,)
        )
        con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('folder', ?)", (str(folder),))
        return bool(plan.removed or plan.todo)

    try:
        _apply(db, fresh=force or not db.exists(), work=work)
    except (OSError, sqlite3.Error) as exc:
        raise CorpusError(f"cannot write corpus database {db}: {exc}") from None
    return _report(
        db,
        added=counts["added"],
        updated=counts["updated"],
        removed=len(plan.removed),
        unchanged=plan.unchanged,
        changed=True,
        bytes_read=counts["bytes"],
    )


def add_documents(
    files: Sequence[Path],
    *,
    db: Path,
    cites: Sequence[str] = (),
    on_progress: Progress | None = None,
) -> BuildReport:
    """Add or replace single files in a database; ``cites`` are citations their text lacks.

    Args:
        files: opinion files to add (any supported format).
        db: the database file (created if missing).
        cites: extra citations for every file added (``--cite``).
        on_progress: called as ``(done, total, file name)``.

    Returns:
        Counts after the change; unreadable files are listed as skipped.

    Raises:
        CorpusError: a file does not exist, or the database cannot be written.
    """
    for f in files:
        if not f.is_file():
            raise CorpusError(f"{f} does not exist or is not a file")
    db = db.resolve()
    if db.exists():
        _read_state(db)  # validates the schema
    skipped: list[Skipped] = []
    counts = {"added": 0, "bytes": 0}

    def work(con: sqlite3.Connection) -> bool:
        writer = _Writer(con)
        for i, f in enumerate(files, 1):
            path = f.resolve()
            if on_progress is not None:
                on_progress(i, len(files), path.name)
            try:
                writer.insert(
                    path, str(path), "added", _hash_file(path), path.stat(), None, tuple(cites)
                )
                counts["added"] += 1
                counts["bytes"] += path.stat().st_size
            except (QuotecheckError, OSError, UnicodeError, ValueError) as exc:
                skipped.append(Skipped(str(path), str(exc)))
        return bool(files)

    try:
        _apply(db, fresh=not db.exists(), work=work)
    except (OSError, sqlite3.Error) as exc:
        raise CorpusError(f"cannot write corpus database {db}: {exc}") from None
    return _report(
        db, skipped=tuple(skipped), added=counts["added"], changed=True, bytes_read=counts["bytes"]
    )


# ---------------------------------------------------------------------------------------------
# Querying


def _fold_token(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c)
    )


class Corpus:
    """An open corpus database: resolve citations, search words, read documents.

    Texts are parsed from the database on first use and kept in a small LRU cache.
    """

    def __init__(self, db: Path, *, cache_size: int = 64, build: BuildReport | None = None) -> None:
        """Open ``db`` read-only (use ``open_corpus`` to build a folder's database first)."""
        if not db.is_file():
            raise CorpusError(f"corpus database {db} does not exist")
        self.path = db
        self.build = build
        try:
            self._con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot open corpus database {db}: {exc}") from None
        _check_db(self._con, db)
        # Lookups revisit the same index pages; SQLite's default 2 MB cache drops them. (A memory
        # map was tried: no clear gain, and every page it touches counts as resident memory.)
        self._con.execute("PRAGMA cache_size=-65536")
        self._cache: OrderedDict[str, SourceText] = OrderedDict()
        self._cache_size = cache_size
        self._runs: OrderedDict[int, list[tuple[str, str, int, int]]] = OrderedDict()
        self._chunk_ends: OrderedDict[int, array[int]] = OrderedDict()
        row = self._con.execute("SELECT value FROM meta WHERE key='chunks'").fetchone()
        self._n_chunks = max(1, int(row[0]) if row else 0)

    def close(self) -> None:
        """Close the database connection."""
        self._con.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return int(self._con.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    # -- documents -------------------------------------------------------------------------

    def documents(self) -> tuple[DocumentInfo, ...]:
        """Every document: id, names, citations, dockets and first/last page per pagination."""
        out = []
        for doc_id, path, fmt, name, short, info, n in self._con.execute(
            "SELECT id, path, format, case_name, short_name, info, length(text)"
            " FROM documents ORDER BY id"
        ):
            meta = json.loads(info)
            out.append(
                DocumentInfo(
                    id=doc_id,
                    path=path,
                    format=fmt,
                    case_name=name,
                    short_name=short,
                    citations=tuple(meta["citations"]),
                    dockets=tuple(meta["dockets"]),
                    paginations={k: (v[0], v[1]) for k, v in meta["paginations"].items()},
                    characters=n,
                )
            )
        return tuple(out)

    def text(self, document_id: str) -> SourceText:
        """The reading text of a document with its pages, footnotes and parts.

        Raises:
            CorpusError: no document has that id.
        """
        cached = self._cache.get(document_id)
        if cached is not None:
            self._cache.move_to_end(document_id)
            return cached
        row = self._con.execute(
            "SELECT text, structure, case_name, info FROM documents WHERE id=?", (document_id,)
        ).fetchone()
        if row is None:
            raise CorpusError(f"no document {document_id!r} in corpus {self.path}")
        text, structure, name, info = row
        s = json.loads(structure)
        source = SourceText(
            document=document_id,
            text=text,
            case_name=name,
            citations=tuple(json.loads(info)["citations"]),
            pages=tuple(PageRun(p, label, Span(a, b)) for p, label, a, b in s["pages"]),
            footnotes=tuple(Span(a, b) for a, b in s["footnotes"]),
            parts=tuple(SourcePart(k, Span(a, b)) for k, a, b in s["parts"]),
        )
        self._cache[document_id] = source
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return source

    # -- resolution ------------------------------------------------------------------------

    def _ids(self, rowids: Iterable[int]) -> list[str]:
        rows = sorted(set(rowids))
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        return [
            r[0]
            for r in self._con.execute(
                f"SELECT id FROM documents WHERE rowid IN ({marks}) ORDER BY id", rows
            )
        ]

    def _by_reporter(self, reporter: str) -> tuple[list[str], str | None, bool]:
        """Documents carrying a reporter cite, the cite's reporter name, and whether it parsed."""
        cite = parse_cite(reporter)
        if cite is not None:
            rows = [
                r for (r,) in self._con.execute("SELECT doc FROM cites WHERE key=?", (cite.key,))
            ]
            return self._ids(rows), cite.reporter, True
        vr = parse_volume_reporter(reporter)
        if vr is not None:
            rows = [
                r
                for (r,) in self._con.execute("SELECT doc FROM cites WHERE volume=? AND rkey=?", vr)
            ]
            name = self._con.execute(
                "SELECT cite FROM cites WHERE volume=? AND rkey=? LIMIT 1", vr
            ).fetchone()
            rep = parse_cite(name[0]).reporter if name and parse_cite(name[0]) else None  # type: ignore[union-attr]
            return self._ids(rows), rep, True
        return [], None, False

    def _by_docket(self, docket: str) -> list[str]:
        exact, core = docket_keys(docket)
        rows = [r for (r,) in self._con.execute("SELECT doc FROM dockets WHERE exact=?", (exact,))]
        if not rows:
            rows = [
                r for (r,) in self._con.execute("SELECT doc FROM dockets WHERE core=?", (core,))
            ]
        return self._ids(rows)

    def _by_name(self, citation: Citation) -> list[str]:
        keys: list[str] = []
        if citation.short_name:
            keys.append(compact(citation.short_name))
        for name in (citation.case_name, citation.authority):
            if name:
                head = re.split(r",\s*\d", name)[0]
                keys.extend(derive_names(head)[1][:1])
        for key in dict.fromkeys(k for k in keys if len(k) >= 3):
            rows = [r for (r,) in self._con.execute("SELECT doc FROM names WHERE key=?", (key,))]
            if not rows and len(key) >= 4:
                rows = [
                    r
                    for (r,) in self._con.execute(
                        "SELECT doc FROM names WHERE key >= ? AND key < ?", (key, key + "\uffff")
                    )
                ]
            ids = self._ids(rows)
            if ids:
                return ids
        return []

    def resolve(self, citation: Citation) -> Source | Unresolved:
        """The document and pinpoint pages a citation names, or why there is none.

        Full citations resolve only by exact identifiers (reporter cite, then docket); short
        forms without either fall back to the case name when exactly one document has it.

        Args:
            citation: the citation (``reporter``, ``docket``, names and ``pin`` are used).

        Returns:
            ``Source`` (``paginated=False`` when the document lacks the cited reporter's pages)
            or ``Unresolved`` with reason ``not_in_corpus``, ``ambiguous`` or ``pin_outside``.
        """
        ids: list[str] = []
        reporter: str | None = None
        tried = ""
        if citation.reporter:
            ids, reporter, parsed = self._by_reporter(citation.reporter)
            tried = citation.reporter
            if not parsed and not citation.docket:
                ids = []
        # A database number (WL, LEXIS) names one decision; another decision in the same docket
        # (an earlier order of the same case) is not it.
        database = bool(citation.reporter and re.search(r"\b(?:WL|LEXIS)\b", citation.reporter))
        if not ids and citation.docket and not database:
            ids = self._by_docket(citation.docket)
            tried = tried or citation.docket
            reporter = None
        if (
            not ids
            and not citation.reporter
            and not citation.docket
            and citation.form != CitationForm.RECORD
        ):
            ids = self._by_name(citation)
            tried = citation.short_name or citation.case_name or citation.authority
        if not ids:
            return Unresolved(
                "not_in_corpus", f"no document in the corpus matches {tried or citation.text!r}"
            )
        if len(ids) > 1:
            return Unresolved("ambiguous", f"{tried!r} matches {', '.join(ids)}")
        return self._source(ids[0], reporter, citation.pin)

    def _source(self, doc_id: str, reporter: str | None, pin: str | None) -> Source | Unresolved:
        st = self.text(doc_id)
        available = st.paginations
        pages = pin_pages(pin)
        if reporter is not None:
            match = next((p for p in available if compact(p) == compact(reporter)), None)
            pagination = match or reporter
            paginated = match is not None
        else:
            pagination = _primary_pagination(st)
            paginated = pagination != "none"
        if pages and paginated:
            labels = [
                int(r.label) for r in st.pages if r.pagination == pagination and r.label.isdigit()
            ]
            if labels:
                low, high = min(labels), max(labels)
                outside = [p for p in pages if p.isdigit() and not low <= int(p) <= high]
                if outside:
                    return Unresolved(
                        "pin_outside",
                        f"{doc_id}: {pagination} page {outside[0]} is outside {low}-{high}",
                    )
        return Source(doc_id, pagination, pages, paginated)

    # -- search ----------------------------------------------------------------------------

    def _slices(self, wanted: list[tuple[int, int, int]]) -> list[tuple[str, str]]:
        """Document ids and ``text[start:end]`` for (rowid, start, end) triples, in one query.

        SQLite cuts the texts: no whole opinion is read into Python.
        """
        if not wanted:
            return []
        values = ",".join("(?,?,?,?)" for _ in wanted)
        args = [x for i, (d, a, b) in enumerate(wanted) for x in (i, d, a + 1, max(0, b - a))]
        rows = self._con.execute(
            f"WITH w(k, doc, a, n) AS (VALUES {values})"
            " SELECT w.k, d.id, substr(d.text, w.a, w.n) FROM w"
            " JOIN documents d ON d.rowid = w.doc",
            args,
        ).fetchall()
        got = {k: (str(i), str(t)) for k, i, t in rows}
        return [got[k] for k in range(len(wanted))]

    def _page_runs(self, rowid: int) -> list[tuple[str, str, int, int]]:
        """A document's page runs (pagination, label, start, end) in text order, cached."""
        runs = self._runs.get(rowid)
        if runs is not None:
            self._runs.move_to_end(rowid)
            return runs
        (structure,) = self._con.execute(
            "SELECT structure FROM documents WHERE rowid=?", (rowid,)
        ).fetchone()
        runs = [(str(p), str(label), a, b) for p, label, a, b in json.loads(structure)["pages"]]
        self._runs[rowid] = runs
        if len(self._runs) > self._cache_size:
            self._runs.popitem(last=False)
        return runs

    def _chunks(self, rowids: Iterable[int]) -> dict[int, tuple[int, int, int]]:
        """(document rowid, start, end) of each chunk that exists among FTS ``rowids``."""
        wanted = [(r >> CHUNK_BITS, r & _CHUNK_MASK, r) for r in rowids]
        missing = sorted({d for d, _, _ in wanted if d not in self._chunk_ends})
        if missing:
            marks = ",".join("?" * len(missing))
            for d, blob in self._con.execute(
                f"SELECT rowid, chunks FROM documents WHERE rowid IN ({marks})", missing
            ):
                self._chunk_ends[d] = _ends(blob)
        out: dict[int, tuple[int, int, int]] = {}
        for d, k, r in wanted:
            ends = self._chunk_ends.get(d)
            if ends is not None and k < len(ends):
                out[r] = (d, ends[k - 1] if k else 0, ends[k])
                self._chunk_ends.move_to_end(d)
        while len(self._chunk_ends) > 16 * self._cache_size:
            self._chunk_ends.popitem(last=False)
        return out

    def _windows_of(self, query: str, *, limit: int | None = None) -> set[int]:
        """First chunks of the chunk pairs holding an FTS match (chunk ``r`` lies in ``r-1, r``)."""
        sql = "SELECT rowid FROM fts WHERE fts MATCH ?" + (f" LIMIT {limit}" if limit else "")
        rows = {r for (r,) in self._con.execute(sql, (query,))}
        return rows | {r - 1 for r in rows}

    def _candidates(self, terms: list[str], *, max_terms: int, windows: int) -> list[int]:
        """First chunk rowids of the chunk pairs that hold most of the rarest terms.

        Document frequencies come from the ``terms`` table (terms in one chunk are not listed);
        a term in more than ``FETCH_DF`` chunks is never read whole. When fewer than two rarer
        terms meet in one place, FTS5 intersects the quote's words instead (``a AND b AND c``).
        """
        distinct = list(dict.fromkeys(terms))
        content = [
            t for t in distinct if t not in _STOP and (len(t) > 2 or t.isdigit())
        ] or distinct
        marks = ",".join("?" * len(content))
        df: dict[str, int] = dict(
            self._con.execute(
                f"SELECT term, df FROM terms WHERE term IN ({marks})", content
            ).fetchall()
        )
        fetched: dict[str, set[int]] = {}
        for t in content:
            if t not in df:  # in at most one chunk
                found = self._windows_of(f'"{t}"')
                if found:
                    df[t] = 1
                    fetched[t] = found
        present = sorted((df[t], t) for t in content if t in df)
        if not present:
            return []
        # Terms far commoner than the rarest add cost, not precision; the two rarest are
        # always read (the rarest may be a changed word that occurs somewhere else), the others
        # while the chunks read stay within a budget.
        chosen: list[tuple[int, str]] = []
        read = 0
        for n, t in present[:max_terms]:
            if n > FETCH_DF or (len(chosen) >= 2 and read + n > FETCH_DF):
                break
            chosen.append((n, t))
            read += n
        # Windows are counted (in C) by how many of the terms they hold; only the best counted
        # are weighed by the terms' rarity.
        counts: Counter[int] = Counter()
        weighed: list[tuple[float, set[int]]] = []
        for n, term in chosen:
            touched = fetched.get(term)
            if touched is None:
                touched = self._windows_of(f'"{term}"')
            counts.update(touched)
            weighed.append((math.log(1 + self._n_chunks / n), touched))
        top = counts.most_common(windows + 1) if counts else []
        if len(chosen) >= 2 and len(top) > windows and top[-1][1] == top[0][1]:
            # More places hold all the rare words than will be checked (a caption repeated
            # in many opinions): those that also hold the next least common words go first.
            group = [t for _, t in present if df[t] <= self._n_chunks // 20][: AND_TERMS + 1]
            if len(group) > len(chosen):
                touched = self._windows_of(" AND ".join(f'"{t}"' for t in group), limit=2000)
                counts.update(touched)
                weighed.append((sum(math.log(1 + self._n_chunks / df[t]) for t in group), touched))
        if len(chosen) < 2 or counts.most_common(1)[0][1] < 2:
            # Too few rare words: chunks holding the quote's least common words at once, by
            # FTS5 intersection; if none holds them all, each half of the quote on its own (it
            # may straddle two chunks, or have a word changed). Words in a large share of the
            # chunks are left out while two others remain: every step of an intersection seeks
            # in each list, and they narrow nothing down.
            kept = [t for t in content if t in df]
            common = self._n_chunks // 20
            half = len(kept) // 2
            for whole in (kept, kept[:half], kept[half:]):
                ordered = sorted(whole, key=lambda t: df[t])
                group = [t for t in ordered if df[t] <= common][:AND_TERMS] or ordered[:2]
                if len(group) < 2:
                    group = ordered[:2]
                if len(group) < 2:
                    continue
                weight = sum(math.log(1 + self._n_chunks / df[t]) for t in group)
                expr = " AND ".join(f'"{t}"' for t in group)
                touched = self._windows_of(expr, limit=2000)
                counts.update(touched)
                weighed.append((weight, touched))
                if touched and whole is kept:
                    break
        if not counts:
            return []
        scores = {
            w: sum(weight for weight, touched in weighed if w in touched)
            for w, _ in counts.most_common(windows * 8)
        }
        best = max(scores.values())
        ranked = sorted(
            (w for w, s in scores.items() if s >= 0.6 * best), key=lambda w: (-scores[w], w)
        )
        chosen_windows: list[int] = []
        taken: set[int] = set()
        for w in ranked:
            if w in taken:
                continue  # overlaps a better window (they share a chunk)
            chosen_windows.append(w)
            taken.update((w - 1, w, w + 1))
            if len(chosen_windows) >= windows:
                break
        return chosen_windows

    def search(
        self, text: str, *, limit: int = 5, min_score: float = 60.0, max_terms: int = 6
    ) -> tuple[Hit, ...]:
        """Where the words of ``text`` (or words close to them) occur in the corpus, best first.

        Args:
            text: the quotation (any length; a few differing words are tolerated).
            limit: most hits returned.
            min_score: lowest ``partial_ratio`` score (0-100) kept.
            max_terms: how many of the quote's rarest words pick the candidate chunks.

        Returns:
            Hits with the document id, score, the span and text in ``SourceText.text``, and the
            pages of every pagination the span touches.
        """
        from rapidfuzz import fuzz

        query = normalize(text, lower=True).text.strip()
        terms = [_fold_token(t) for t in _TOKEN.findall(query)]
        if not terms:
            return ()
        windows = self._candidates(terms, max_terms=max_terms, windows=max(6, limit + 4))
        if not windows:
            return ()
        rows = self._chunks({x for w in windows for x in (w, w + 1)})
        # A cheap first pass on the raw region ranks the windows; only the best are normalised
        # and aligned exactly.
        pad = len(text) + 50
        wanted: list[tuple[int, int, int]] = []
        for w in windows:
            parts = [rows[r] for r in (w, w + 1) if r in rows]
            if not parts:
                continue
            doc = parts[0][0]
            start = min(p[1] for p in parts if p[0] == doc)
            end = max(p[2] for p in parts if p[0] == doc)
            wanted.append((doc, max(0, start - pad), end + pad))
        regions: list[tuple[float, int, str, int, str]] = []
        best = 0.0
        for (doc, a, _), (doc_id, raw) in zip(wanted, self._slices(wanted), strict=True):
            squeezed = _Squeezed(raw)
            # A region under the final floor (below) is dropped anyway: asking rapidfuzz for
            # that score at once lets it give up early on the windows that do not hold the quote.
            cutoff = max(min_score - 10, min(best - QUICK_SPREAD, QUICK_FLOOR))
            quick = fuzz.partial_ratio_alignment(query, squeezed.text, score_cutoff=cutoff)
            if quick is None:
                continue
            best = max(best, quick.score)
            # Narrow the region to the quick match and a margin, so that only a little text
            # is normalised (normalising can move a match by a few characters).
            lo = max(0, squeezed.to_raw(quick.dest_start) - REGION_MARGIN)
            hi = min(len(raw), squeezed.to_raw(quick.dest_end) + REGION_MARGIN)
            regions.append((quick.score, doc, doc_id, a + lo, raw[lo:hi]))
        regions.sort(key=lambda t: -t[0])
        # Only regions near the best (or good in themselves) are normalised and aligned exactly.
        floor = min(regions[0][0] - QUICK_SPREAD, QUICK_FLOOR) if regions else 0
        found: list[tuple[float, str, Span, int, str, int]] = []
        for _, doc, doc_id, a, raw in [r for r in regions if r[0] >= floor][: limit + 1]:
            region = normalize(raw, lower=True)
            res = fuzz.partial_ratio_alignment(query, region.text, score_cutoff=min_score)
            if res is None:
                continue
            span = region.span_to_original(Span(res.dest_start, res.dest_end))
            found.append((res.score, doc_id, span.shift(a), doc, raw, a))
        found.sort(key=lambda t: (-t[0], t[1], t[2].start))
        hits: list[Hit] = []
        for score, doc_id, span, doc, raw, a in found:
            if any(h.document == doc_id and h.span.overlaps(span) for h in hits):
                continue
            pages = _pages_of(self._page_runs(doc), span)
            hits.append(Hit(doc_id, float(score), span, raw[span.start - a : span.end - a], pages))
            if len(hits) >= limit:
                break
        return tuple(hits)


class _Squeezed:
    """Lower-cased text with white space runs squeezed to one space, mapped back to the raw text.

    Only runs of two or more characters shift offsets, so the map is built from them alone.

    >>> s = _Squeezed("  Alpha \\n  Beta ")
    >>> s.text, s.to_raw(0), s.to_raw(5), s.to_raw(6), s.to_raw(10)
    ('alpha beta', 2, 7, 11, 15)
    """

    __slots__ = ("_at", "_shift", "text")

    def __init__(self, raw: str) -> None:
        """Squeeze ``raw``, noting where each multi-character run of white space ends."""
        lead = len(raw) - len(raw.lstrip())  # dropped entirely, as is the trailing run
        self._at = [0]
        self._shift = [lead]
        shift = lead
        for m in _WS_RUNS.finditer(raw, lead):
            shift += m.end() - m.start() - 1
            self._at.append(m.end() - shift)
            self._shift.append(shift)
        text = " ".join(raw.split())
        low = text.lower()
        self.text = low if len(low) == len(text) else text

    def to_raw(self, offset: int) -> int:
        """The raw offset of squeezed ``offset`` (a squeezed space maps to its run's start)."""
        return offset + self._shift[bisect_right(self._at, offset) - 1]


def _pages_of(runs: list[tuple[str, str, int, int]], span: Span) -> dict[str, tuple[str, ...]]:
    """For each pagination (first-seen order), the pages ``span`` touches: ``SourceText.pages_of``.

    >>> _pages_of([("U.S.", "1", 0, 3), ("U.S.", "2", 3, 6), ("pdf", "1", 0, 6)], Span(2, 4))
    {'U.S.': ('1', '2'), 'pdf': ('1',)}
    """
    out: dict[str, list[str]] = {}
    for pagination, label, a, b in runs:
        labels = out.setdefault(pagination, [])
        if (a < span.end and span.start < b) or (span.start == span.end and a <= span.start < b):
            labels.append(label)
    return {k: tuple(v) for k, v in out.items()}


def _primary_pagination(st: SourceText) -> str:
    """The pagination a cite without a reporter means: the first cited reporter, else slip/pdf."""
    available = st.paginations
    if not available:
        return "none"
    for cite in st.citations:
        parsed = parse_cite(cite)
        if parsed is not None:
            match = next((p for p in available if compact(p) == parsed.reporter_key), None)
            if match:
                return match
    for name in ("slip", "pdf"):
        if name in available:
            return name
    return available[0]


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def open_corpus(
    path: Path,
    *,
    on_progress: Progress | None = None,
    db: Path | None = None,
) -> Corpus:
    """Open a corpus: a folder (its index built or refreshed on demand) or a database file.

    Args:
        path: a folder of opinions, or a database made by ``corpus build``.
        on_progress: progress callback for a (re)build, as ``(done, total, file name)``.
        db: where a folder's database lives (default ``default_db(path)``).

    Returns:
        The open corpus; for a folder, ``Corpus.build`` holds what the refresh did.

    Raises:
        CorpusError: the path does not exist, or is a file that is not a corpus database.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.txt").write_text("1 U.S. 1\\nA v. B\\nWords *2 here.", encoding="utf-8")
        >>> len(open_corpus(d))
        1
    """
    path = Path(path)
    if path.is_dir():
        report = build_corpus(path, db=db, on_progress=on_progress)
        return Corpus(report.db, build=report)
    if path.is_file():
        if not _is_sqlite(path):
            raise CorpusError(f"{path} is neither a folder of opinions nor a corpus database")
        return Corpus(path)
    raise CorpusError(
        f"--corpus {path}: no such folder or database (give a folder of opinions, or a database"
        " made by `quotecheck corpus build`)"
    )
