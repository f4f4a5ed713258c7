from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotecheck.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.md", b""),
        ("binary.txt", b"\x00\x01\x02\x03"),
        ("latin1.txt", b"caf\xe9"),
        ("brief.xyz", b"text"),
        ("broken.pdf", b"%PDF-1.4 truncated"),
        ("notzip.docx", b"this is not a zip"),
    ],
    ids=["empty", "binary", "non-utf8", "suffix", "truncated-pdf", "not-zip-docx"],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("quotecheck: error:")
    assert "Traceback" not in result.output


def test_cli_directory_and_missing_file(tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "missing.md"):
        result = runner.invoke(app, ["extract", str(target)])
        assert result.exit_code == 2
        assert "Traceback" not in result.output


def test_cli_extract_json_follows_the_schema(tmp_path: Path) -> None:
    brief = tmp_path / "b.md"
    brief.write_text(
        "The court held that \u201cthe rule is plain.\u201d Dkt. 741, at 5.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(brief), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "quotecheck.report/1"
    (quote,) = data["quotes"]
    assert quote["text"] == "the rule is plain."
    assert quote["citation"]["form"] == "record"
    assert quote["citation"]["pin"] == "5"
    assert "match" not in quote


def test_cli_unknown_format_is_bad_input(tmp_path: Path) -> None:
    brief = tmp_path / "b.md"
    brief.write_text("\u201cquoted words here now\u201d\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(brief), "--format", "yaml"])
    assert result.exit_code == 2


def test_cli_fail_on_rejects_unknown_level(tmp_path: Path) -> None:
    brief = tmp_path / "b.md"
    brief.write_text("text\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(brief), "--fail-on", "sometimes"])
    assert result.exit_code == 2
