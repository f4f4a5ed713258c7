"""The one-way layering of STYLE.md, checked from the import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quotecheck"
LAYERS = [
    {"models", "errors", "__init__"},
    {"text"},
    {"load"},
    {"extract"},
    {"corpus"},
    {"resolve"},
    {"align"},
    {"classify"},
    {"pipeline"},
    {"evaluate"},
    {"cli", "__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}
# Third-party libraries and the only modules allowed to import them.
FENCES = {
    "rich": {"report/terminal.py"},
    "pypdf": {"load/pdf.py"},
    "docx": {"load/word.py", "report/as_docx.py"},
    "spacy": {"text/segment.py"},
    "eyecite": {"extract/citations.py", "extract/_eyecite.py"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_imports_only_lower_layers(path: Path) -> None:
    own = _layer(path)
    for name in _imports(path):
        if not name.startswith("quotecheck."):
            continue
        target = name.split(".")[1]
        if own == "report":
            assert target in {"models", "report", "errors"}, f"{path.name} imports {name}"
            continue
        if target == "report":
            assert own in {"cli", "evaluate"}, f"{path.name} imports {name}"
            continue
        assert RANK[target] <= RANK[own], f"{own} must not import {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_third_party_stays_behind_its_fence(path: Path) -> None:
    rel = str(path.relative_to(PACKAGE))
    for name in _imports(path):
        top = name.split(".")[0]
        if top in FENCES:
            assert rel in FENCES[top], f"{rel} imports {top}"


def test_architecture_help_imports_no_heavy_library() -> None:
    import subprocess
    import sys

    heavy = "('spacy', 'eyecite', 'pypdf', 'docx', 'rapidfuzz')"
    code = (
        "import sys; from quotecheck.cli import app; "
        f"print(sorted(m for m in {heavy} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
