"""Read a corpus folder's optional ``MANIFEST.tsv``: per file, its names, citations and pages.

In: a tab-separated file with a ``file`` column and any of ``case_name``, ``short_name``,
``cites`` (";"-separated), ``docket`` (";"-separated) and ``pages`` (which markers the text
carries: ``pdf``, ``none``, ``star:*=U.S.;**=S. Ct.`` or ``lexis:[*]=F.3d``). Out: a mapping
from file name to ``ManifestEntry``; every value overrides what the store infers from the text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from quotecheck.errors import CorpusError

MANIFEST_NAMES = ("MANIFEST.tsv", "manifest.tsv")


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Which pagination markers a text carries and which reporter each level stands for.

    ``kind`` is ``pdf``, ``none``, ``star`` or ``lexis``; ``levels`` maps a marker level
    (1 for ``*``/``[*]``, 2 for ``**``...) to a reporter name.

    >>> parse_page_spec("star:*=S. Ct.;**=U.S.").levels
    {1: 'S. Ct.', 2: 'U.S.'}
    >>> parse_page_spec("lexis:[*]=F.3d").kind
    'lexis'
    """

    kind: str
    levels: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What the manifest says about one file; empty fields mean "infer from the text"."""

    file: str
    case_name: str = ""
    short_name: str = ""
    cites: tuple[str, ...] = ()
    dockets: tuple[str, ...] = ()
    pages: PageSpec | None = None


def parse_page_spec(spec: str) -> PageSpec | None:
    """Parse the ``pages`` column; ``None`` for an empty or unknown value."""
    spec = spec.strip()
    if not spec:
        return None
    kind, _, rest = spec.partition(":")
    kind = kind.strip().lower()
    if kind not in {"pdf", "none", "star", "lexis", "slip"}:
        return None
    levels: dict[int, str] = {}
    for item in rest.split(";"):
        marker, eq, reporter = item.partition("=")
        stars = marker.count("*")
        if eq and stars and reporter.strip():
            levels[stars] = reporter.strip()
    return PageSpec(kind, levels)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r";", value or "") if p.strip())


def find_manifest(folder: Path) -> Path | None:
    """The manifest file of ``folder``, if it has one."""
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            return path
    return None


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Read a manifest into ``{file name: entry}``.

    Args:
        path: the ``MANIFEST.tsv`` file.

    Returns:
        One entry per row that names a file.

    Raises:
        CorpusError: the file cannot be read or has no ``file`` column.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "MANIFEST.tsv"
        >>> _ = p.write_text("file\\tcites\\tpages\\na.txt\\t1 U.S. 1; 2 S. Ct. 3\\tstar:*=U.S.\\n")
        >>> read_manifest(p)["a.txt"].cites
        ('1 U.S. 1', '2 S. Ct. 3')
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read manifest {path}: {exc}") from None
    reader = csv.DictReader(raw.splitlines(), delimiter="\t")
    if not reader.fieldnames or "file" not in reader.fieldnames:
        raise CorpusError(f"manifest {path} has no 'file' column (tab-separated header expected)")
    out: dict[str, ManifestEntry] = {}
    for row in reader:
        name = (row.get("file") or "").strip()
        if not name:
            continue
        out[name] = ManifestEntry(
            file=name,
            case_name=(row.get("case_name") or "").strip(),
            short_name=(row.get("short_name") or "").strip(),
            cites=_split(row.get("cites")),
            dockets=_split(row.get("docket")),
            pages=parse_page_spec(row.get("pages") or ""),
        )
    return out
