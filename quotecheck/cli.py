"""The ``quotecheck`` command: thin Typer commands that parse, call ``pipeline`` and render.

In: command-line arguments. Out: a report on stdout (or ``--out``) and an exit code: 0 clean,
1 findings at or above ``--fail-on``, 2 bad input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from quotecheck.errors import QuotecheckError

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    help="Check every quotation in a legal brief against its source opinions, offline.",
)
corpus_app = typer.Typer(no_args_is_help=True, help="Build and query the local corpus of opinions.")
app.add_typer(corpus_app, name="corpus")

BriefArg = Annotated[
    Path,
    typer.Argument(help="The brief: .pdf, .docx, .txt or .md.", show_default=False),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table, json, csv or md.",
        rich_help_panel="Output",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Write the report here (format from the suffix).",
        rich_help_panel="Output",
    ),
]


def _fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"quotecheck: error: {message}", err=True)
    return typer.Exit(2)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def extract(brief: BriefArg, fmt: FormatOpt = "table", out: OutOpt = None) -> None:
    """List every quotation in BRIEF with its citation, page:line and parentheticals.

    Example: quotecheck extract brief.md --format json
    """
    from quotecheck import pipeline
    from quotecheck.report import render

    try:
        report = pipeline.extract_brief(brief)
        _emit(render(report, fmt), out)
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None


def main() -> None:
    """Entry point for ``python -m quotecheck``."""
    app()
