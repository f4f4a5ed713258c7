"""Score the checker on a labelled set, by the rules of ``eval/README.md``.

In: a set folder (``labels.jsonl`` plus the briefs it names) and a corpus. Out: an
``Evaluation``: per finding kind precision, recall and F1; extraction recall; attribution and
pinpoint accuracy; and the list of misses and false alarms, each with its brief and quote.

A reported quote matches a label when both are in the same brief and their normalised texts
(case, quotation marks, dashes and white space folded; trailing ``. , ; :`` dropped) score at
least 90 (``rapidfuzz.fuzz.ratio``). Labels and quotes are paired one to one, best first.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quotecheck.errors import ConfigError
from quotecheck.models import FindingKind, QuoteResult, Report
from quotecheck.text.normalize import fold

#: Similarity (0-100) at which a reported quote matches a label.
MATCH_THRESHOLD = 90.0


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled quotation (a line of ``labels.jsonl``)."""

    brief: str
    quote: str
    cite: str | None
    source: str | None
    page: str | None
    expect: tuple[str, ...]
    allow: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class KindScore:
    """True positives, false positives and false negatives of one finding kind."""

    kind: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was reported."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """A scoring error worth reading: what was expected or reported, and where."""

    what: str  # "missed", "false alarm", "not extracted", "attribution", "pinpoint"
    brief: str
    quote: str
    detail: str


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The scores of one labelled set."""

    kinds: tuple[KindScore, ...]
    labels: int
    extracted: int
    attributed: int
    pinpoints: int
    pinpoints_right: int
    misses: tuple[Miss, ...] = field(default=())

    @property
    def extraction_recall(self) -> float:
        """Share of labels matched by a reported quote."""
        return self.extracted / self.labels if self.labels else 1.0

    @property
    def attribution_accuracy(self) -> float:
        """Share of labels whose source is the document the words were located in."""
        return self.attributed / self.labels if self.labels else 1.0

    @property
    def pinpoint_accuracy(self) -> float:
        """Share of labels with a page whose located page is that page."""
        return self.pinpoints_right / self.pinpoints if self.pinpoints else 1.0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "labels": self.labels,
            "extraction_recall": round(self.extraction_recall, 4),
            "attribution_accuracy": round(self.attribution_accuracy, 4),
            "pinpoint_accuracy": round(self.pinpoint_accuracy, 4),
            "kinds": [
                {
                    "kind": k.kind,
                    "code": FindingKind(k.kind).code,
                    "tp": k.tp,
                    "fp": k.fp,
                    "fn": k.fn,
                    "precision": round(k.precision, 4),
                    "recall": round(k.recall, 4),
                    "f1": round(k.f1, 4),
                }
                for k in self.kinds
            ],
            "misses": [
                {"what": m.what, "brief": m.brief, "quote": m.quote, "detail": m.detail}
                for m in self.misses
            ],
        }


def read_labels(set_dir: Path) -> tuple[Label, ...]:
    """Read ``set_dir/labels.jsonl``.

    Raises:
        ConfigError: the folder has no readable ``labels.jsonl``.
    """
    path = set_dir / "labels.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise ConfigError(f"{set_dir}: no labels.jsonl; give a labelled set folder") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(
                Label(
                    brief=row["brief"],
                    quote=row["quote"],
                    cite=row.get("cite"),
                    source=row.get("source"),
                    page=None if row.get("page") is None else str(row["page"]),
                    expect=tuple(row.get("expect", ())),
                    allow=tuple(row.get("allow", ())),
                    note=row.get("note", ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{n}: not a label ({exc})") from None
    return tuple(out)


def evaluate(
    set_dir: Path,
    check: Callable[[Path], Report],
    *,
    rendering: str | None = None,
) -> Evaluation:
    """Run ``check`` on every brief of a labelled set and score the reports.

    Args:
        set_dir: folder holding ``labels.jsonl``.
        check: checks one brief (``pipeline.check_brief`` with a corpus bound).
        rendering: check the brief's ``.docx`` or ``.pdf`` rendering instead of the labelled
            file, and score only the briefs that have one (labels apply to every rendering);
            ``md`` (or the labelled files' own suffix) checks the labelled files themselves.

    Returns:
        The scores.
    """
    labels = read_labels(set_dir)
    reports: dict[str, Report] = {}
    for brief in dict.fromkeys(label.brief for label in labels):
        path = (set_dir / brief).resolve()
        if rendering:
            other = path.with_suffix("." + rendering.lstrip("."))
            if not other.exists():
                continue
            path = other
        reports[brief] = check(path)
    if rendering:
        # Only the briefs that have the rendering are scored: the figures compare with the
        # labelled files' on the same briefs.
        labels = tuple(label for label in labels if label.brief in reports)
    return score(labels, reports)


def score(labels: Sequence[Label], reports: dict[str, Report]) -> Evaluation:
    """Score reports (keyed by the labels' ``brief``) against labels.

    Example:
        >>> from quotecheck.models import Quote, QuoteKind, Span
        >>> lab = Label("b.md", "the rule", None, None, None, (), ())
        >>> res = QuoteResult(Quote(1, Span(0, 8), "the rule", QuoteKind.QUOTATION))
        >>> score([lab], {"b.md": Report("b.md", None, (res,), checked=True)}).extracted
        1
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[Miss] = []
    extracted = attributed = pins = pins_right = 0
    by_brief: dict[str, list[Label]] = {}
    for label in labels:
        by_brief.setdefault(label.brief, []).append(label)
    for brief, group in by_brief.items():
        report = reports.get(brief)
        if report is None:
            continue
        pairs = _pair(group, report.results)
        used = set(pairs.values())
        for k, label in enumerate(group):
            result = report.results[pairs[k]] if k in pairs else None
            if result is None:
                misses.append(Miss("not extracted", brief, label.quote, ""))
                for kind in label.expect:
                    fn[kind] += 1
                continue
            extracted += 1
            reported = {f.kind.value for f in result.findings}
            for kind in label.expect:
                if kind in reported:
                    tp[kind] += 1
                else:
                    fn[kind] += 1
                    misses.append(Miss("missed", brief, label.quote, kind))
            for kind in reported - set(label.expect) - set(label.allow):
                fp[kind] += 1
                message = next(f.message for f in result.findings if f.kind.value == kind)
                misses.append(Miss("false alarm", brief, label.quote, f"{kind}: {message}"))
            located = result.match.document if result.match else None
            if located == label.source:
                attributed += 1
            else:
                misses.append(
                    Miss("attribution", brief, label.quote, f"{located} != {label.source}")
                )
            if label.page is not None:
                pins += 1
                page = result.match.pages[0] if result.match and result.match.pages else None
                if page == label.page:
                    pins_right += 1
                else:
                    misses.append(Miss("pinpoint", brief, label.quote, f"{page} != {label.page}"))
        for j, result in enumerate(report.results):
            if j in used:
                continue
            for finding in result.findings:
                fp[finding.kind.value] += 1
                misses.append(
                    Miss(
                        "false alarm",
                        brief,
                        result.quote.text,
                        f"{finding.kind.value} (unlabelled)",
                    )
                )
    kinds = tuple(
        KindScore(kind.value, tp[kind.value], fp[kind.value], fn[kind.value])
        for kind in FindingKind
        if tp[kind.value] + fp[kind.value] + fn[kind.value]
    )
    return Evaluation(kinds, len(labels), extracted, attributed, pins, pins_right, tuple(misses))


def _key(text: str) -> str:
    return " ".join(fold(text).split()).strip(" .,;:")


def _pair(labels: Sequence[Label], results: Sequence[QuoteResult]) -> dict[int, int]:
    """Pair labels with reported quotes one to one, most similar pairs first."""
    from rapidfuzz import fuzz

    keys = [_key(r.quote.text) for r in results]
    candidates = []
    for i, label in enumerate(labels):
        want = _key(label.quote)
        for j, got in enumerate(keys):
            s = fuzz.ratio(want, got)
            if s >= MATCH_THRESHOLD:
                # Ties (the same words quoted twice) go to the nearer position in order.
                candidates.append((-s, abs(i / max(len(labels), 1) - j / max(len(keys), 1)), i, j))
    candidates.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def format_evaluation(evaluation: Evaluation, *, misses: int = 40) -> str:
    """A plain-text table of the scores, then up to ``misses`` misses."""
    rows = [
        f"{'code':6} {'kind':30} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}"
    ]
    for k in evaluation.kinds:
        rows.append(
            f"{FindingKind(k.kind).code:6} {k.kind:30} {k.tp:4} {k.fp:4} {k.fn:4} "
            f"{k.precision:6.2f} {k.recall:6.2f} {k.f1:6.2f}"
        )
    rows.append("")
    rows.append(
        f"labels {evaluation.labels}  extraction recall {evaluation.extraction_recall:.3f}  "
        f"attribution {evaluation.attribution_accuracy:.3f}  "
        f"pinpoint {evaluation.pinpoint_accuracy:.3f} ({evaluation.pinpoints} with a page)"
    )
    shown = [m for m in evaluation.misses if m.what != "attribution"][:misses]
    if shown:
        rows.append("")
        rows.append("misses:")
        for m in shown:
            rows.append(
                f"  {m.what:14} {Path(m.brief).name:28} {m.detail[:60]:60} {m.quote[:70]!r}"
            )
    return "\n".join(rows)
