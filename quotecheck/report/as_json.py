"""The JSON report, schema ``quotecheck.report/1`` (see ``report-schema.md`` and ``schema.json``).

In: a ``Report``. Out: a JSON-ready ``dict`` (``to_dict``) or its text (``render_json``).
An ``extract`` report (``checked=False``) leaves ``match`` and ``findings`` out. Empty evidence
fields are left out; every field the schema names is always present.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from quotecheck.models import Alignment, Citation, DiffOp, Evidence, Finding, QuoteResult, Report
from quotecheck.report import cells
from quotecheck.report.reply import reply_sentence

SCHEMA_ID = "quotecheck.report/1"
_SPAN = re.compile(r"\[\s+(\d+),\s+(\d+)\s+\]")


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON values, in the shape of ``schema.json``.

    Args:
        report: an ``extract`` or ``check`` report.

    Returns:
        A dict with ``schema``, ``brief``, ``corpus``, ``quotes`` and ``summary``.

    >>> from quotecheck.models import Report
    >>> to_dict(Report("brief.md", None, ()))["summary"]["quotes"]
    0
    """
    return {
        "schema": SCHEMA_ID,
        "brief": report.brief,
        "corpus": report.corpus,
        "checked": report.checked,
        "line_unit": report.line_unit,
        "quotes": [_quote(report, r) for r in report.results],
        "summary": report.summary(),
    }


def render_json(report: Report) -> str:
    """The report as indented JSON text ending with a newline.

    >>> from quotecheck.models import Report
    >>> render_json(Report("brief.md", None, ())).splitlines()[1]
    '  "schema": "quotecheck.report/1",'
    """
    text = json.dumps(to_dict(report), ensure_ascii=False, indent=2)
    # Spans on one line: "[10233, 10391]" reads better than four lines.
    return _SPAN.sub(r"[\1, \2]", text) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report, read from ``schema.json``."""
    text = resources.files("quotecheck.report").joinpath("schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _citation(c: Citation | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "text": cells.collapse(c.text),
        "authority": c.authority,
        "pin": c.pin,
        "form": c.form.value,
    }


def _match(m: Alignment | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "document": m.document,
        "score": round(m.score, 1),
        "pages": list(m.pages),
        "pagination": m.pagination,
        "text": cells.collapse(m.source_text),
        "span": m.source_span.as_list(),
    }


def _op(op: DiffOp) -> dict[str, Any]:
    return {
        "tag": op.tag.value,
        "brief_text": op.brief_text,
        "source_text": op.source_text,
        "brief_span": op.brief_span.as_list(),
        "source_span": op.source_span.as_list(),
    }


def _evidence(ev: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("brief_text", "source_text", "source_before", "source_after"):
        value = getattr(ev, name)
        if value:
            out[name] = cells.collapse(value)
    if ev.brief_span is not None:
        out["brief_span"] = ev.brief_span.as_list()
    if ev.source_span is not None:
        out["source_span"] = ev.source_span.as_list()
    for name in ("page_claimed", "page_found", "cue", "document"):
        value = getattr(ev, name)
        if value is not None:
            out[name] = value
    if ev.diff:
        out["diff"] = [_op(op) for op in ev.diff]
    return out


def _finding(result: QuoteResult, f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": f.code,
        "kind": f.kind.value,
        "severity": f.severity.value,
        "message": f.message,
        "rule": f.rule,
        "uncertain": f.uncertain,
        "evidence": _evidence(f.evidence),
    }
    reply = reply_sentence(result, f)
    if reply is not None:
        out["reply"] = reply
    return out


def _quote(report: Report, r: QuoteResult) -> dict[str, Any]:
    q = r.quote
    out: dict[str, Any] = {
        "id": q.id,
        "text": cells.collapse(q.text),
        "span": q.span.as_list(),
        "page": q.page,
        "line": q.line,
        "kind": q.kind.value,
        "citation": _citation(r.citation),
        "parentheticals": cells.parentheticals(r.citation),
        "origin": _citation(cells.origin_of(r)),
    }
    if report.checked:
        out["match"] = _match(r.match)
        out["findings"] = [_finding(r, f) for f in r.findings]
    out["status"] = r.status.value
    return out
