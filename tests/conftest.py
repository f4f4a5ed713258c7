"""Shared fixtures: paths to ../shared (corpus, seed, eval sets)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared: Path) -> Path:
    return shared / "corpus"


@pytest.fixture(scope="session")
def seed_md(shared: Path) -> Path:
    return shared / "seed" / "kadrey-v-meta-opposition-1292b.md"
