"""The SARIF report: OASIS SARIF 2.1.0, what CI dashboards and code-scanning services read.

One run of the tool "taiyaku" with every rule that ran (id TQ100, name, descriptions, default
level) and one result per finding, open or waived:

- level: error, warning, or note (for info);
- locations: the Japanese place first (the document under review), else the English one; the
  other language's place as a related location. A text or HTML file's place is a region with
  its line; a PDF, DOCX or XLSX place has no file line: its page and locator ("p.4 l.12",
  "Sheet1!C12") are in the location's properties and in the message;
- partialFingerprints "taiyakuFingerprint/v1": the finding's fingerprint (taiyaku.fingerprint);
- properties: the problem id, the other findings of the problem, the expected value;
- a waived finding carries a suppression (kind external, status accepted, the waiver's reason
  as justification, who and when in its properties);
- the invocation: whether the run passes (its exit code and the verdict line) and the stale
  waivers as warning notifications.

Paths are relative URIs against the working directory (originalUriBaseIds SRCROOT) when the
inputs are below it, file URIs otherwise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..model import Finding, Location, Report, Severity, Waiver

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "taiyakuFingerprint/v1"
_LINE_FORMATS = {"text", "html"}  # formats whose places are lines of the file itself


class SarifReporter:
    name = "sarif"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        json.dump(sarif(report), out, ensure_ascii=False, indent=2)
        out.write("\n")


def _uri(path: str, root: Path) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to SRCROOT when below it, an absolute file URI otherwise."""
    p = Path(path)
    absolute = p if p.is_absolute() else (root / p)
    try:
        rel = absolute.resolve().relative_to(root.resolve())
    except ValueError:
        return absolute.resolve().as_uri(), None
    return rel.as_posix().replace("%", "%25").replace(" ", "%20"), "SRCROOT"


def _location(loc: Location, formats: dict[str, str], root: Path, message: str | None = None) -> dict[str, Any]:
    uri, base = _uri(loc.path, root)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if formats.get(loc.path, "text") in _LINE_FORMATS and loc.page is None:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.text:
            region["snippet"] = {"text": loc.text}
        physical["region"] = region
    else:
        physical["properties"] = {"page": loc.page, "lineOnPage": loc.line if loc.page else None,
                                  "locator": loc.where}  # fmt: skip
    out: dict[str, Any] = {"physicalLocation": physical}
    if message:
        out["message"] = {"text": message}
    return out


def _rules(report: Report) -> list[dict[str, Any]]:
    from ..checks.run import all_rules

    used = {f.code for f in report.findings} | {w.finding.code for w in report.waived}
    out = []
    for r in all_rules():
        doc = " ".join(r.describe().split())
        first = doc.split(". ")[0].rstrip(".") + "." if doc else r.name
        out.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": first},
            "fullDescription": {"text": doc or r.name},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
            "properties": {"used": r.code in used},
        })  # fmt: skip
    return out


def _result(f: Finding, index: dict[str, int], problem: dict[str, Any], formats: dict[str, str], root: Path,
            waiver: Waiver | None) -> dict[str, Any]:  # fmt: skip
    primary, other = (f.ja, f.en) if f.ja is not None else (f.en, None)
    where = "; ".join(f"{tag} {loc.where}" for tag, loc in (("ja", f.ja), ("en", f.en)) if loc)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f"{f.message} [{where}]" if where else f.message},
        "partialFingerprints": {FINGERPRINT: f.fingerprint},
        "properties": {"rule": f.rule, **problem, "expected": f.expected},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if primary is not None:
        result["locations"] = [_location(primary, formats, root, "Japanese" if primary is f.ja else "English")]
    if other is not None:
        related = _location(other, formats, root, "English")
        related["id"] = 1
        result["relatedLocations"] = [related]
    if waiver is not None:
        result["suppressions"] = [{
            "kind": "external", "status": "accepted", "justification": waiver.reason,
            "properties": {"who": waiver.who, "when": waiver.when, "fingerprint": waiver.fingerprint},
        }]  # fmt: skip
    return result


def sarif(report: Report, root: Path | None = None) -> dict[str, Any]:
    from ..gate import verdict

    root = root or Path(os.getcwd())
    rules = _rules(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    formats = {i.path: i.format for i in report.inputs}
    problems: dict[str, dict[str, Any]] = {}
    for p in report.problems:
        for f in p.findings:
            problems[f.fingerprint] = {"problem": p.id, "problemPrimary": f is p.primary,
                                       "related": [x.fingerprint for x in p.findings if x is not f]}  # fmt: skip
    results = [_result(f, index, problems.get(f.fingerprint, {}), formats, root, None) for f in report.findings]
    results += [_result(w.finding, index, problems.get(w.finding.fingerprint, {}), formats, root, w.waiver)
                for w in report.waived]  # fmt: skip
    v = verdict(report)
    notifications = [{
        "level": "warning",
        "message": {"text": f"stale waiver {w.fingerprint} ({w.ja or w.en or w.code}): no finding matches it any more; "
                            "'taiyaku baseline update' drops it"},
        "properties": {"fingerprint": w.fingerprint, "reason": w.reason, "who": w.who, "when": w.when},
    } for w in report.stale_waivers]  # fmt: skip
    invocation: dict[str, Any] = {
        "executionSuccessful": v.reason is None,
        "exitCode": v.exit_code,
        "exitCodeDescription": v.line,
        "properties": {"failOn": report.fail_on.value, "baseline": report.baseline},
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    artifacts = []
    for i in report.inputs:
        uri, base = _uri(i.path, root)
        loc: dict[str, Any] = {"uri": uri}
        if base:
            loc["uriBaseId"] = base
        artifacts.append({"location": loc, "roles": ["analysisTarget"], "properties": {"lang": i.lang,
                                                                                      "format": i.format}})  # fmt: skip
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "taiyaku", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},  # fmt: skip
        "originalUriBaseIds": {"SRCROOT": {"uri": root.resolve().as_uri() + "/"}},
        "artifacts": artifacts,
        "invocations": [invocation],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"summary": report.summary, "problemSummary": report.problem_summary},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
