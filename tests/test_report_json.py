"""The JSON report: shape of report-schema.md, validated against schema.json, golden structure."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from factories import (
    make_citation,
    make_finding,
    make_parenthetical,
    make_quote,
    make_report,
    make_result,
    make_sample_report,
)

from quotecheck.models import ParentheticalKind
from quotecheck.report import render
from quotecheck.report.as_json import schema, to_dict

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def validate(value: Any, node: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """A small JSON Schema (2020-12) validator for the keywords schema.json uses."""
    if "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return validate(value, target, root, path)
    errors: list[str] = []
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(_TYPES[t](value) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "const" in node and value != node["const"]:
        errors.append(f"{path}: {value!r} != {node['const']!r}")
    if "enum" in node and value not in node["enum"]:
        errors.append(f"{path}: {value!r} not in {node['enum']}")
    if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {node['pattern']}")
    if "minimum" in node and isinstance(value, int | float) and value < node["minimum"]:
        errors.append(f"{path}: {value} < {node['minimum']}")
    if "maximum" in node and isinstance(value, int | float) and value > node["maximum"]:
        errors.append(f"{path}: {value} > {node['maximum']}")
    if isinstance(value, dict):
        errors += [f"{path}: missing {k}" for k in node.get("required", []) if k not in value]
        for key, sub in node.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, root, f"{path}.{key}")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0) or len(value) > node.get("maxItems", len(value)):
            errors.append(f"{path}: {len(value)} items")
        if "items" in node:
            for i, item in enumerate(value):
                errors += validate(item, node["items"], root, f"{path}[{i}]")
    return errors


def test_report_json_validator_catches_errors() -> None:
    sch = schema()
    bad = to_dict(make_sample_report())
    bad["quotes"][0]["findings"][0]["severity"] = "fatal"
    del bad["quotes"][1]["status"]
    bad["quotes"][2]["span"] = [1]
    errors = validate(bad, sch, sch)
    assert len(errors) == 3, errors


@pytest.mark.parametrize("checked", [True, False], ids=["check", "extract"])
def test_report_json_validates_against_schema(checked: bool) -> None:
    data = json.loads(render(make_sample_report(checked=checked), "json"))
    sch = schema()
    assert validate(data, sch, sch) == []
    assert data["schema"] == "quotecheck.report/1"


def test_report_json_extract_leaves_match_and_findings_out() -> None:
    data = to_dict(make_sample_report(checked=False))
    assert data["quotes"]
    for q in data["quotes"]:
        assert "match" not in q
        assert "findings" not in q


def test_report_json_check_has_schema_fields() -> None:
    data = to_dict(make_sample_report())
    q = data["quotes"][0]
    assert set(q) >= {
        "id",
        "text",
        "span",
        "page",
        "line",
        "kind",
        "citation",
        "parentheticals",
        "origin",
        "match",
        "findings",
        "status",
    }
    assert q["citation"] == {
        "text": "Dkt. 741, at 5",
        "authority": "Dkt. 741",
        "pin": "5",
        "form": "record",
    }
    assert q["parentheticals"] == ["quoting Bartz, 787 F.Supp.3d at 1025"]
    assert q["origin"]["form"] == "short"
    assert set(q["match"]) == {"document", "score", "pages", "pagination", "text", "span"}
    f = q["findings"][0]
    assert (f["code"], f["kind"], f["severity"]) == ("QC302", "omitted_adjacent_qualifier", "error")
    assert f["evidence"]["source_after"] == "But this order need not decide this case on that rule."
    assert q["status"] == "discrepancy"
    assert data["summary"] == make_sample_report().summary()


def test_report_json_collapses_quote_whitespace_and_drops_court_parentheticals() -> None:
    text = "such  piracy\nof otherwise"
    cite = make_citation(
        parentheticals=(
            make_parenthetical("(N.D. Cal. 2025)", (ParentheticalKind.COURT,)),
            make_parenthetical("(emphasis added)", (ParentheticalKind.EMPHASIS_ADDED,)),
        )
    )
    report = make_report((make_result(make_quote(text), cite),), checked=False)
    q = to_dict(report)["quotes"][0]
    assert q["text"] == "such piracy of otherwise"
    assert q["span"][1] - q["span"][0] == len(text)
    assert q["parentheticals"] == ["emphasis added"]


def test_report_json_reply_only_on_errors() -> None:
    data = to_dict(make_sample_report())
    for q in data["quotes"]:
        for f in q["findings"]:
            assert ("reply" in f) == (f["severity"] == "error"), f["code"]


def test_report_json_uncertain_finding_flagged() -> None:
    report = make_report((make_result(findings=(make_finding(uncertain=True),)),))
    assert to_dict(report)["quotes"][0]["findings"][0]["uncertain"] is True


def _structure(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "summary": data["summary"],
        "quotes": [
            {
                "id": q["id"],
                "span": q["span"],
                "where": [q["page"], q["line"]],
                "kind": q["kind"],
                "form": q["citation"] and q["citation"]["form"],
                "match": q.get("match")
                and [q["match"]["document"], q["match"]["pages"], q["match"]["span"]],
                "findings": [
                    [f["code"], f["severity"], sorted(f["evidence"])] for f in q.get("findings", [])
                ],
                "status": q["status"],
            }
            for q in data["quotes"]
        ],
    }


@pytest.mark.parametrize("checked", [True, False], ids=["check", "extract"])
def test_report_json_golden_structure(checked: bool, golden: Callable[[str, str], None]) -> None:
    data = json.loads(render(make_sample_report(checked=checked), "json"))
    name = "check" if checked else "extract"
    golden(f"report_{name}.json", json.dumps(_structure(data), indent=1) + "\n")
