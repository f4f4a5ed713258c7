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
    Path, typer.Argument(help="The brief: .pdf, .docx, .txt or .md.", show_default=False)
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, json, csv, md, html or docx (default: from --out's suffix, else table).",
        rich_help_panel="Output",
        show_default=False,
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write the report to this file.", rich_help_panel="Output"),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="No progress bar or summary on stderr.", rich_help_panel="Output"
    ),
]
CorpusOpt = Annotated[
    Path,
    typer.Option(
        "--corpus",
        "-c",
        help="Folder of source opinions (indexed on demand) or a corpus database.",
        rich_help_panel="Corpus",
    ),
]
FailOnOpt = Annotated[
    str,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a finding at or above this severity is found: error, warning, info, "
        "never.",
    ),
]

FAIL_LEVELS = {"error": 2, "warning": 1, "info": 0, "never": 99}


def _fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"quotecheck: error: {message}", err=True)
    return typer.Exit(2)


def _write(report: object, fmt: str | None, out: Path | None) -> None:
    """Render ``report`` and write it to ``out`` or stdout."""
    from quotecheck.models import Report
    from quotecheck.report import infer_format, render

    assert isinstance(report, Report)
    name = fmt or (infer_format(out) if out is not None else "table")
    color = out is None and name == "table" and sys.stdout.isatty()
    rendered = render(report, name, color=color)
    if out is not None:
        try:
            if isinstance(rendered, bytes):
                out.write_bytes(rendered)
            else:
                out.write_text(rendered, encoding="utf-8-sig" if name == "csv" else "utf-8")
        except OSError as exc:
            raise _fail(f"{out}: cannot write ({exc.strerror})") from None
    elif isinstance(rendered, bytes):
        raise _fail(f"the {name} format is binary: give --out FILE.{name}")
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")


@app.command()
def extract(brief: BriefArg, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """List every quotation in BRIEF with its citation, page:line and parentheticals.

    No corpus is needed. Example: quotecheck extract brief.md --format json
    """
    from quotecheck import pipeline

    try:
        _write(pipeline.extract_brief(brief), fmt, out)
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None


@app.command()
def check(
    brief: BriefArg,
    corpus: CorpusOpt = Path("corpus"),
    fmt: FormatOpt = None,
    out: OutOpt = None,
    fail_on: FailOnOpt = "error",
    quiet: QuietOpt = False,
) -> None:
    """Check every quotation in BRIEF against its source in the corpus.

    Exit 0 when nothing at or above --fail-on was found, 1 when something was, 2 on bad input.
    Example: quotecheck check brief.pdf --corpus opinions/ --out findings.html
    """
    from quotecheck import pipeline
    from quotecheck.report.terminal import progress

    if fail_on not in FAIL_LEVELS:
        raise _fail(f"--fail-on {fail_on!r}: choose one of {', '.join(FAIL_LEVELS)}")
    try:
        with progress(enabled=not quiet and sys.stderr.isatty()) as on_progress:
            report = pipeline.check_brief(brief, corpus, on_progress=on_progress)
        _write(report, fmt, out)
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None
    if any(f.severity.rank >= FAIL_LEVELS[fail_on] for f in report.findings):
        raise typer.Exit(1)


@app.command("eval")
def evaluate_set(
    set_dir: Annotated[
        Path, typer.Argument(help="A labelled set: a folder with labels.jsonl and its briefs.")
    ],
    corpus: CorpusOpt = Path("corpus"),
    rendering: Annotated[
        str | None,
        typer.Option(help="Check each brief's .docx or .pdf rendering instead, where present."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    misses: Annotated[int, typer.Option(help="How many misses to list (table format).")] = 40,
) -> None:
    """Score quotecheck on a labelled set: precision, recall and F1 per finding kind.

    Also extraction recall, attribution and pinpoint accuracy, and the misses.
    Example: quotecheck eval ../shared/eval/dev --corpus ../shared/corpus
    """
    import json
    from functools import partial

    from quotecheck import pipeline
    from quotecheck.evaluate import evaluate, format_evaluation

    if rendering not in (None, "docx", "pdf"):
        raise _fail(f"--rendering {rendering!r}: choose docx or pdf")
    try:
        result = evaluate(
            set_dir, partial(pipeline.check_brief, corpus_path=corpus), rendering=rendering
        )
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None
    if fmt == "json":
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_evaluation(result, misses=misses))


def main() -> None:
    """Entry point for ``python -m quotecheck``."""
    app()
