"""CLI tests for `quotecheck corpus build|add|info|find`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotecheck.cli import app

runner = CliRunner()

TEXT = (
    "1 F.4th 10\nAlpha v. Beta\nNo. 21-100\nThe court held that widgets are not gadgets. *11 "
    "On the second page the court explained that sprockets turn slowly in winter.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "opinions"
    d.mkdir()
    (d / "alpha.txt").write_text(TEXT, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d


def test_cli_corpus_build_prints_summary_and_skips(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    result = runner.invoke(app, ["corpus", "build", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 documents, 1 citations, 2 pages" in result.output
    assert "skipped" in result.output
    assert "empty.txt" in result.output
    again = runner.invoke(app, ["corpus", "build", str(folder), "--db", str(db), "--quiet"])
    assert "unchanged" in again.output


def test_cli_corpus_info_json_shape(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    runner.invoke(app, ["corpus", "build", str(folder), "--db", str(db)])
    result = runner.invoke(app, ["corpus", "info", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)["documents"][0]
    assert doc["id"] == "alpha"
    assert doc["case_name"] == "Alpha v. Beta"
    assert doc["citations"] == ["1 F.4th 10"]
    assert doc["dockets"] == ["No. 21-100"]
    assert doc["paginations"] == {"F.4th": ["10", "11"]}
    table = runner.invoke(app, ["corpus", "info", "--db", str(db)])
    assert "alpha" in table.output


def test_cli_corpus_find_json_shape(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    runner.invoke(app, ["corpus", "build", str(folder), "--db", str(db)])
    result = runner.invoke(
        app, ["corpus", "find", "sprockets turn slowly in winter", "--db", str(db), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    hit = json.loads(result.output)["hits"][0]
    assert set(hit) == {"document", "score", "pages", "text", "span"}
    assert hit["document"] == "alpha"
    assert hit["pages"] == {"F.4th": ["11"]}
    assert hit["text"] == "sprockets turn slowly in winter"
    assert hit["score"] == 100


def test_cli_corpus_add_with_cite(tmp_path: Path) -> None:
    path = tmp_path / "order.txt"
    path.write_text("Gamma v. Delta\n[[page 1]]\nThe order text.\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    result = runner.invoke(
        app, ["corpus", "add", str(path), "--cite", "787 F. Supp. 3d 1007", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    info = json.loads(runner.invoke(app, ["corpus", "info", "--db", str(db), "-f", "json"]).output)
    assert info["documents"][0]["citations"] == ["787 F. Supp. 3d 1007"]


@pytest.mark.parametrize(
    "args",
    [
        ["corpus", "build", "/no/such/folder"],
        ["corpus", "info", "--db", "/no/such.sqlite"],
        ["corpus", "find", "words", "--db", "/no/such.sqlite"],
        ["corpus", "add", "/no/such.txt", "--db", "/tmp/x.sqlite"],
    ],
    ids=["build", "info", "find", "add"],
)
def test_cli_corpus_bad_input_exits_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "error" in result.output
