"""The JSON report: one object, the contract in DESIGN.md (version 1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..api import Report

VERSION = 1


def report_dict(report: Report) -> dict:
    return {
        "version": VERSION,
        "inputs": [{"path": i.path, "lang": i.lang} for i in report.inputs],
        "findings": [f.to_json() for f in report.findings],
        "summary": report.summary,
    }


class JsonReporter:
    name = "json"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        json.dump(report_dict(report), out, ensure_ascii=False, indent=2)
        out.write("\n")
