"""The HTML report: one self-contained page a partner can open from an e-mail.

In: a ``Report``. Out: one HTML document (inline CSS and a few lines of inline JavaScript, no
external assets, no network). It holds the summary, filters by severity and finding kind, and for
each quotation the brief's words beside the source's words (words the brief added ``<ins>``,
source words it dropped ``<del>``, the omitted neighbouring sentence shown in place), the
findings with their evidence, and the sentence to adapt for a reply brief.

Every string from a brief or a source is HTML-escaped, and a Content-Security-Policy allows only
this page's own script (by hash), so a brief containing ``<script>`` runs nothing. Filters can be
preset from the URL: ``report.html#severity=error&kind=altered_words`` (or the same as a query).
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from quotecheck.models import Finding, FindingKind, QuoteResult, Report
from quotecheck.report import cells
from quotecheck.report.reply import reply_sentence

_SEVERITIES = ("error", "warning", "info")
_OMITTING = (FindingKind.OMITTED_ADJACENT_QUALIFIER, FindingKind.TRUNCATED_BEFORE_QUALIFIER)

_CSS = """
:root { --err: #b3261e; --warn: #8a5a00; --info: #1c5d99; --ok: #2e7d32; --line: #d9d9de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1f;
       margin: 0 auto; max-width: 1200px; padding: 24px; background: #fafafa; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: #555; margin: 0 0 16px; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 18px; }
.stat { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; }
.stat b { display: block; font-size: 22px; }
.stat.error b { color: var(--err); } .stat.warning b { color: var(--warn); }
.stat.info b { color: var(--info); } .stat.verified b { color: var(--ok); }
.filters { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
           margin-bottom: 18px; display: flex; flex-wrap: wrap; gap: 18px; align-items: center; }
.filters label { margin-right: 10px; white-space: nowrap; }
#shown { color: #555; margin-left: auto; }
article.quote { background: #fff; border: 1px solid var(--line); border-left: 6px solid #999;
                border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; }
article.quote.sev-error { border-left-color: var(--err); }
article.quote.sev-warning { border-left-color: var(--warn); }
article.quote.sev-info { border-left-color: var(--info); }
article.quote.sev-none { border-left-color: var(--ok); }
article.quote > header { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: baseline;
                         margin-bottom: 8px; }
.num { font-weight: 700; } .where, .cite { color: #444; }
.status { margin-left: auto; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.sbs > div { background: #f6f6f8; border-radius: 6px; padding: 8px 12px; }
.sbs h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #666;
          margin: 0 0 4px; }
.words { font-family: Georgia, "Times New Roman", serif; font-size: 16px; margin: 0; }
ins { background: #dff3e0; color: #14521a; text-decoration: underline; }
del { background: #fde2e0; color: #8c1d18; }
.ctx { color: #777; }
.omitted { background: #fff3bf; outline: 1px dashed #c9a400; }
.omitted::before { content: "omitted by the brief: "; font: 600 11px sans-serif; color: #8a6d00;
                   text-transform: uppercase; }
ul.findings { list-style: none; padding: 0; margin: 10px 0 0; }
ul.findings li { border-top: 1px solid var(--line); padding: 8px 0; }
.badge { display: inline-block; font: 600 12px sans-serif; border-radius: 4px; padding: 1px 6px;
         color: #fff; margin-right: 6px; }
.badge.error { background: var(--err); } .badge.warning { background: var(--warn); }
.badge.info { background: var(--info); }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.evidence { color: #333; margin: 4px 0 0; }
.rule { color: #666; font-size: 13px; margin: 2px 0 0; }
blockquote.reply { margin: 6px 0 0; padding: 6px 10px; border-left: 3px solid var(--err);
                   background: #fbf7f7; font-family: Georgia, serif; }
blockquote.reply::before { content: "For the reply brief: "; font: 600 11px sans-serif;
                           color: var(--err); text-transform: uppercase; }
[hidden] { display: none !important; }
@media (max-width: 800px) { .sbs { grid-template-columns: 1fr; } }
@media print { .filters { display: none; } article.quote { break-inside: avoid; } }
"""

_JS = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=severity]"));
  var kind = document.getElementById("kind");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.quote"));
  var shown = document.getElementById("shown");
  function preset() {
    var raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
    if (raw.indexOf("=") < 0) { return; }
    var params = new URLSearchParams(raw);
    if (params.has("severity")) {
      var want = params.get("severity").split(",");
      boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    }
    if (params.has("kind")) { kind.value = params.get("kind"); }
  }
  function apply() {
    var sev = boxes.filter(function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    var k = kind.value, count = 0;
    cards.forEach(function (card) {
      var items = Array.prototype.slice.call(card.querySelectorAll("li[data-severity]"));
      var any = false;
      items.forEach(function (li) {
        var ok = sev.indexOf(li.dataset.severity) >= 0 && (k === "" || li.dataset.kind === k);
        li.hidden = !ok; any = any || ok;
      });
      if (!items.length) { any = sev.indexOf("none") >= 0 && k === ""; }
      card.hidden = !any;
      if (any) { count += 1; }
    });
    shown.textContent = count + " of " + cards.length + " quotations shown";
    document.title = "quotecheck: " + count + " of " + cards.length + " shown";
    document.body.setAttribute("data-shown", String(count));
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  kind.addEventListener("change", apply);
  window.addEventListener("hashchange", function () { preset(); apply(); });
  preset();
  apply();
})();
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _segments_html(segments: list[cells.Segment], tags: dict[str, str]) -> str:
    out = []
    for s in segments:
        tag = tags.get(s.tag)
        if tag is None or not s.text.strip():
            out.append(_e(s.text) if s.tag == "equal" or tag is not None else "")
            continue
        lead, core, tail = cells.edges(s.text)
        out.append(f"{_e(lead)}<{tag}>{_e(core)}</{tag}>{_e(tail)}")
    return "".join(out)


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page.

    Args:
        report: an ``extract`` or ``check`` report.

    Returns:
        The HTML text.

    >>> from quotecheck.models import Report
    >>> page = render_html(Report("<b>.md", None, ()))
    >>> "&lt;b&gt;.md" in page and "<b>.md" not in page
    True
    """
    title = f"quotecheck: {report.brief}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(_JS)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style></head>",
        '<body data-shown="">',
        f"<h1>Quotation check: {_e(report.brief)}</h1>",
        f'<p class="meta">{_e(cells.summary_line(report))}'
        + (f" Corpus: {_e(report.corpus)}." if report.corpus else "")
        + "</p>",
        _summary(report),
        _filters(report),
        "<main>",
        *(_card(report, r) for r in report.results),
        "</main>",
        '<p class="meta">Legend: <ins>added by the brief</ins> · <del>in the source, left out '
        'by the brief</del> · <span class="omitted">neighbouring sentence</span></p>',
        f"<script>{_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> str:
    s = report.summary()
    if report.checked:
        stats = [
            ("quotes", "quotations", ""),
            ("verified", "verified", "verified"),
            ("discrepancies", "with discrepancies", ""),
            ("unverified", "unverified", ""),
            ("errors", "errors", "error"),
            ("warnings", "warnings", "warning"),
            ("info", "info", "info"),
        ]
    else:
        stats = [("quotes", "quotations", "")]
    boxes = "".join(
        f'<div class="stat {cls}"><b>{s[key]}</b>{_e(label)}</div>' for key, label, cls in stats
    )
    return f'<section class="summary">{boxes}</section>'


def _filters(report: Report) -> str:
    present = sorted({f.kind for f in report.findings}, key=lambda k: k.code)
    # Info (sources not in the corpus, case changes) would bury the errors: off by default.
    boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{sev}"'
        f"{'' if sev == 'info' else ' checked'}> {sev}</label>"
        for sev in _SEVERITIES
    )
    boxes += '<label><input type="checkbox" name="severity" value="none"> no findings</label>'
    options = '<option value="">all kinds</option>' + "".join(
        f'<option value="{k.value}">{k.code} {_e(k.value)}</option>' for k in present
    )
    return (
        f'<section class="filters"><span>Severity: {boxes}</span>'
        f'<label>Kind: <select id="kind">{options}</select></label>'
        f'<span id="shown">{len(report.results)} quotations</span></section>'
    )


def _card(report: Report, r: QuoteResult) -> str:
    q = r.quote
    worst = max(r.findings, key=lambda f: f.severity.rank).severity.value if r.findings else "none"
    severities = " ".join(sorted({f.severity.value for f in r.findings})) or "none"
    kinds = " ".join(sorted({f.kind.value for f in r.findings}))
    where = cells.location(report, q.page, q.line)
    cite = cells.citation_text(r.citation)
    origin = cells.origin_of(r)
    head = [f'<span class="num">#{q.id}</span>']
    if where:
        head.append(f'<span class="where">brief {_e(where)}</span>')
    if cite:
        head.append(f'<span class="cite">{_e(cite)}</span>')
    if origin is not None and origin is not r.citation:
        head.append(f'<span class="cite">(quoting {_e(cells.citation_text(origin))})</span>')
    status = r.status.value if report.checked else q.kind.value
    head.append(f'<span class="status">{_e(status)}</span>')
    body = (
        _side_by_side(r)
        if report.checked
        else (f'<p class="words">{_e(cells.collapse(q.text))}</p>')
    )
    findings = ""
    if r.findings:
        items = "".join(_finding(r, f) for f in r.findings)
        findings = f'<ul class="findings">{items}</ul>'
    return (
        f'<article class="quote sev-{worst}" id="q{q.id}" data-severities="{severities}" '
        f'data-kinds="{kinds}" data-status="{r.status.value}">'
        f"<header>{''.join(head)}</header>{body}{findings}</article>"
    )


def _side_by_side(r: QuoteResult) -> str:
    ops = cells.ops_for(r)
    if not ops:
        ops = next((f.evidence.diff for f in r.findings if f.evidence.diff), ())
    brief = cells.brief_segments(r.quote.text, ops, r.quote.span.start)
    brief_html = _segments_html(brief, {"insert": "ins"})
    ev = next(
        (f.evidence for f in r.findings if f.evidence.source_before or f.evidence.source_after),
        None,
    )
    omitting = any(f.kind in _OMITTING for f in r.findings)
    if r.match is not None:
        source_text = r.match.source_text
        origin = r.match.source_span.start
        label = cells.found_at(r)
    else:
        source_text = next(
            (f.evidence.source_text for f in r.findings if f.evidence.source_text), ""
        )
        origin = 0
        label = "Source"
    if source_text:
        source = cells.source_segments(source_text, ops, origin)
        source_html = _segments_html(source, {"delete": "del"})
    else:
        source_html = '<span class="ctx">(the words were not found in the corpus)</span>'
    if ev is not None:
        # Only the sentence a finding says was left out is marked; the other is context.
        left_out = {
            cells.collapse(f.evidence.source_text)
            for f in r.findings
            if f.kind in _OMITTING and f.evidence.source_text
        }

        def cls(sentence: str) -> str:
            return "omitted" if omitting and cells.collapse(sentence) in left_out else "ctx"

        if ev.source_before:
            before = cells.collapse(ev.source_before)
            source_html = f'<span class="{cls(before)}">{_e(before)}</span> ' + source_html
        if ev.source_after:
            after = cells.collapse(ev.source_after)
            source_html += f' <span class="{cls(after)}">{_e(after)}</span>'
    return (
        '<div class="sbs">'
        f'<div class="brief"><h3>Brief</h3><p class="words">{brief_html}</p></div>'
        f'<div class="source"><h3>{_e(label)}</h3><p class="words">{source_html}</p></div>'
        "</div>"
    )


def _finding(r: QuoteResult, f: Finding) -> str:
    ev = f.evidence
    details = []
    if ev.cue:
        details.append(f"cue: “{_e(cells.collapse(ev.cue))}”")
    pages = [
        f"cited p. {_e(ev.page_claimed)}" if ev.page_claimed else "",
        f"found p. {_e(ev.page_found)}" if ev.page_found else "",
    ]
    if any(pages):
        details.append(", ".join(p for p in pages if p))
    if ev.document and (r.match is None or ev.document != r.match.document):
        details.append(f"found in {_e(ev.document)}")
    detail = f'<p class="evidence">{"; ".join(details)}</p>' if details else ""
    reply = reply_sentence(r, f)
    reply_html = f'<blockquote class="reply">{_italics(reply)}</blockquote>' if reply else ""
    uncertain = " (uncertain)" if f.uncertain else ""
    sev = f.severity.value
    return (
        f'<li data-severity="{sev}" data-kind="{f.kind.value}">'
        f'<span class="badge {sev}">{sev}</span><span class="code">{f.code} {f.kind.value}</span>'
        f"{uncertain} — {_e(f.message)}{detail}"
        f'<p class="rule">{_e(f.rule)}</p>{reply_html}</li>'
    )


def _italics(text: str) -> str:
    """Escape a reply sentence, turning its ``*case name*`` marks into ``<i>``."""
    parts = text.split("*")
    if len(parts) % 2 == 0:
        return _e(text)
    return "".join(_e(p) if i % 2 == 0 else f"<i>{_e(p)}</i>" for i, p in enumerate(parts))
