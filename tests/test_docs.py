"""README and --help stay true to the code."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from quotecheck.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _commands(typer_app: typer.Typer, prefix: str = "") -> list[str]:
    out = []
    for info in typer_app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        out.append(f"{prefix}{name}".strip())
    for group in typer_app.registered_groups:
        out.extend(_commands(group.typer_instance, f"{prefix}{group.name} "))
    return out


COMMANDS = _commands(app)


def test_docs_readme_starts_with_the_two_commands() -> None:
    head = README.splitlines()[:4]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    assert f"quotecheck {command}" in README


def test_docs_every_finding_code_is_in_the_readme() -> None:
    from quotecheck.models import FindingKind

    for kind in FindingKind:
        assert kind.code in README
        assert kind.value in README
