"""The ``quotecheck`` command: thin Typer commands that parse, call ``pipeline`` and render.

In: command-line arguments. Out: a report on stdout (or ``--out``) and an exit code: 0 clean,
1 findings at or above ``--fail-on``, 2 bad input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotecheck.errors import QuotecheckError

if TYPE_CHECKING:
    from quotecheck.pipeline import Progress

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

    if fail_on not in FAIL_LEVELS:
        raise _fail(f"--fail-on {fail_on!r}: choose one of {', '.join(FAIL_LEVELS)}")
    try:
        with _progress_bar(enabled=not quiet and sys.stderr.isatty()) as on_progress:
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


# --- corpus commands (build, add, info, find) -------------------------------------------------

DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Corpus database (default: DIR/.quotecheck/corpus.sqlite, or "
        "corpus/.quotecheck/corpus.sqlite for the default corpus folder).",
        rich_help_panel="Corpus",
        show_default=False,
    ),
]
CorpusFormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="table or json.", rich_help_panel="Output")
]
DEFAULT_CORPUS = Path("corpus")


def _corpus_db(db: Path | None) -> Path:
    """The database to query: ``--db``, else the default corpus folder's database."""
    from quotecheck.corpus import default_db

    if db is not None:
        return db
    if not DEFAULT_CORPUS.is_dir():
        raise _fail("no --db given and no ./corpus folder: run `quotecheck corpus build DIR` first")
    return default_db(DEFAULT_CORPUS)


def _echo_build(report: object) -> None:
    """Print a build summary: documents, citations, pages and every skipped file."""
    from quotecheck.corpus import BuildReport

    assert isinstance(report, BuildReport)
    state = "updated" if report.changed else "unchanged"
    typer.echo(
        f"{report.db}: {state}; {report.documents} documents, {report.citations} citations, "
        f"{report.pages} pages (added {report.added}, updated {report.updated}, "
        f"removed {report.removed}, unchanged {report.unchanged}, skipped {len(report.skipped)})"
    )
    for item in report.skipped:
        typer.echo(f"skipped {item.path}: {item.reason}")


def _progress_bar(*, enabled: bool) -> AbstractContextManager[Progress | None]:
    """The progress bar while checking; rich is not even imported when it is not shown."""
    if not enabled:
        return nullcontext()
    from quotecheck.report.terminal import progress

    return progress()


def _progress(done: int, total: int, name: str) -> None:
    """Plain progress on stderr: one line every 50 files and at the end."""
    if done == total or done % 50 == 0:
        typer.echo(f"indexed {done}/{total} {name}", err=True)


@corpus_app.command("build")
def corpus_build(
    folder: Annotated[Path, typer.Argument(help="Folder of opinions (.txt, .md, .pdf, .json).")],
    db: DbOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild every document.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Build or refresh the index of FOLDER (unchanged files are not read again).

    Example: quotecheck corpus build ../shared/corpus
    """
    from quotecheck.corpus import build_corpus

    try:
        report = build_corpus(folder, db=db, force=force, on_progress=None if quiet else _progress)
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None
    _echo_build(report)


@corpus_app.command("add")
def corpus_add(
    files: Annotated[list[Path], typer.Argument(help="Opinion files to add or replace.")],
    cite: Annotated[
        list[str] | None,
        typer.Option("--cite", help="A citation the text does not carry (repeatable)."),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Add or replace documents in a corpus database.

    Example: quotecheck corpus add order.pdf --cite "787 F. Supp. 3d 1007" --db corpus.sqlite
    """
    from quotecheck.corpus import add_documents

    try:
        report = add_documents(files, db=_corpus_db(db), cites=tuple(cite or ()))
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None
    _echo_build(report)


@corpus_app.command("info")
def corpus_info(db: DbOpt = None, fmt: CorpusFormatOpt = "table") -> None:
    """List every document: id, case name, citations, dockets, first and last page.

    Example: quotecheck corpus info --db ../shared/corpus/.quotecheck/corpus.sqlite -f json
    """
    import json

    from quotecheck.corpus import Corpus

    if fmt not in ("table", "json"):
        raise _fail(f"--format {fmt!r}: choose table or json")
    try:
        with Corpus(_corpus_db(db)) as corpus:
            docs = corpus.documents()
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None
    if fmt == "json":
        payload = {"documents": [d.as_dict() for d in docs]}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for d in docs:
        pages = "; ".join(f"{k} {a}-{b}" for k, (a, b) in d.paginations.items()) or "no pages"
        cites = "; ".join(d.citations) or "-"
        dockets = "; ".join(d.dockets) or "-"
        typer.echo(f"{d.id}\n  {d.case_name or '?'}\n  {cites} | {dockets} | {pages}")


@corpus_app.command("find")
def corpus_find(
    words: Annotated[str, typer.Argument(help="The words to look for (a quotation).")],
    db: DbOpt = None,
    fmt: CorpusFormatOpt = "table",
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits shown.")] = 5,
) -> None:
    """Find where WORDS (or words close to them) occur in the corpus, best first.

    Example: quotecheck corpus find "The sine qua non of copyright is originality" -f json
    """
    import json

    from quotecheck.corpus import Corpus

    if fmt not in ("table", "json"):
        raise _fail(f"--format {fmt!r}: choose table or json")
    try:
        with Corpus(_corpus_db(db)) as corpus:
            hits = corpus.search(words, limit=limit)
    except QuotecheckError as exc:
        raise _fail(str(exc)) from None
    if fmt == "json":
        payload = {"hits": [h.as_dict() for h in hits]}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not hits:
        typer.echo("no match")
    for h in hits:
        pages = "; ".join(f"{k} {'-'.join(v)}" for k, v in h.pages.items() if v) or "-"
        snippet = " ".join(h.text.split())
        typer.echo(f"{h.score:5.1f}  {h.document}  [{pages}]\n       {snippet[:160]}")


def main() -> None:
    """Entry point for ``python -m quotecheck``."""
    app()
