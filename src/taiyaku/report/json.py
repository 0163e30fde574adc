"""Every JSON taiyaku writes, built here: the check report (the contract in DESIGN.md,
version 1) and the alignment (`taiyaku align --format json`)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import (
    Alignment,
    ColumnPair,
    Coverage,
    Document,
    DocumentCoverage,
    Finding,
    Input,
    Location,
    Problem,
    Report,
    RowPair,  # fmt: skip
    SentencePair,
    Table,
    Waiver,
)

VERSION = 1


def location_dict(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"path": loc.path, "line": loc.line, "page": loc.page, "locator": loc.where, "text": loc.text,
            "context": loc.context}  # fmt: skip


def finding_dict(f: Finding, problem: int | None = None) -> dict[str, Any]:
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "ja": location_dict(f.ja),
        "en": location_dict(f.en),
        "expected": f.expected,
        "fingerprint": f.fingerprint,
        "problem": problem,
    }


def waiver_dict(w: Waiver) -> dict[str, Any]:
    return {"fingerprint": w.fingerprint, "code": w.code, "rule": w.rule, "reason": w.reason, "who": w.who,
            "when": w.when, "message": w.message, "ja": w.ja, "en": w.en}  # fmt: skip


def problem_dict(p: Problem) -> dict[str, Any]:
    primary = p.primary
    return {
        "id": p.id,
        "severity": p.severity.value,
        "code": primary.code,
        "rule": primary.rule,
        "message": primary.message,
        "status": "waived" if p.is_waived else "open",
        "findings": [f.fingerprint for f in p.findings],
        "waived": sorted(p.waived),
    }


def problem_ids(report: Report) -> dict[str, int]:
    """fingerprint -> the id of its problem."""
    return {f.fingerprint: p.id for p in report.problems for f in p.findings}


def inputs_list(inputs: tuple[Input, ...]) -> list[dict[str, Any]]:
    return [{"path": i.path, "lang": i.lang, "format": i.format} for i in inputs]


def coverage_dict(cov: Coverage | None) -> dict[str, Any] | None:
    if cov is None:
        return None

    def side(d: DocumentCoverage | None) -> dict[str, int] | None:
        if d is None:
            return None
        return {"tables": d.tables, "figures": d.figures, "table_figures": d.table_figures,
                "prose_figures": d.prose_figures, "paragraphs": d.paragraphs}  # fmt: skip

    return {"ja": side(cov.ja), "en": side(cov.en), "paired_tables": cov.paired_tables,
            "compared_cells": cov.compared_cells, "compared_prose_figures": cov.compared_prose_figures,
            "recomputed": cov.recomputed}  # fmt: skip


def report_dict(report: Report) -> dict[str, Any]:
    """The check report: the contract of DESIGN.md (version 1), extended compatibly with each
    finding's fingerprint and problem, the problems, the waived findings (each with its
    waiver), the stale waivers, and the open problems by severity."""
    ids = problem_ids(report)
    return {
        "version": VERSION,
        "inputs": inputs_list(report.inputs),
        "findings": [finding_dict(f, ids.get(f.fingerprint)) for f in report.findings],
        "summary": report.summary,
        "coverage": coverage_dict(report.coverage),
        "problems": [problem_dict(p) for p in report.problems],
        "problem_summary": report.problem_summary,
        "waived": [{**finding_dict(w.finding, ids.get(w.finding.fingerprint)), "waiver": waiver_dict(w.waiver)}
                   for w in report.waived],  # fmt: skip
        "stale_waivers": [waiver_dict(w) for w in report.stale_waivers],
        "baseline": report.baseline,
    }


def documents_dict(report: Report) -> dict[str, Any]:
    """What was read (`taiyaku show --format json`): per language part, its tables with their
    header rows and rows, and its paragraph and figure counts."""
    from ..recompute.coverage import document_coverage

    documents = []
    for doc in report.alignment.documents:
        cov = document_coverage(doc)
        documents.append({
            "lang": doc.lang.value,
            "path": doc.path,
            "tables": [_table_dict(doc, t) for t in doc.tables],
            "paragraphs": cov.paragraphs,
            "figures": cov.figures,
            "table_figures": cov.table_figures,
            "prose_figures": cov.prose_figures,
        })  # fmt: skip
    return {"version": VERSION, "inputs": inputs_list(report.inputs), "documents": documents}


def _table_dict(doc: Document, t: Table) -> dict[str, Any]:
    place = doc.place(t.caption_line or t.first_line)
    return {
        "id": t.id,
        "caption": t.caption,
        "locator": place.locator,
        "page": place.page,
        "unit_scale": t.unit_scale,
        "header_rows": header_rows(t),
        "columns": [{"index": c.index, "title": c.title, "kind": c.kind,
                     "period": str(c.period) if c.period else None} for c in t.columns],  # fmt: skip
        "rows": [
            {"label": r.label, "kind": r.kind.value, "locator": doc.place(r.line).locator,
             "cells": [{"column": c.column, "text": c.text, "locator": doc.place(c.line).of_cell(c.column),
                        "figure": c.quantity is not None} for c in r.cells]}  # fmt: skip
            for r in t.rows
        ],
    }


def header_rows(t: Table) -> list[list[str]]:
    """The table's header rows as read, top to bottom, one text per value column."""
    depth = max((len(c.header) for c in t.columns), default=0)
    return [[c.header[i] if i < len(c.header) else "" for c in t.columns] for i in range(depth)]


def _table(t: Table | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"id": t.id, "caption": t.caption, "first_line": t.first_line, "last_line": t.last_line}


def _column(cp: ColumnPair) -> dict[str, Any]:
    def side(c):
        return None if c is None else {"index": c.index, "title": c.title}

    return {"ja": side(cp.ja), "en": side(cp.en), "score": cp.evidence.score, "evidence": list(cp.evidence.reasons)}


def _row(rp: RowPair) -> dict[str, Any]:
    def side(r):
        return None if r is None else {"line": r.line, "label": r.label, "kind": r.kind.value}

    return {"ja": side(rp.ja), "en": side(rp.en), "score": rp.evidence.score, "evidence": list(rp.evidence.reasons)}


def _sentence(sp: SentencePair) -> dict[str, Any]:
    def figure(m):
        return None if m is None else m.text

    return {
        "ja": {"line": sp.ja.line, "text": sp.ja.text},
        "en": {"line": sp.en.line, "text": sp.en.text},
        "score": sp.score,
        "figures": [{"ja": figure(mp.ja), "en": figure(mp.en), "agrees": mp.agrees} for mp in sp.mentions],
    }


def alignment_dict(alignment: Alignment, inputs: tuple[Input, ...]) -> dict[str, Any]:
    ja, en = alignment.ja, alignment.en
    assert ja is not None and en is not None
    return {
        "version": VERSION,
        "inputs": inputs_list(inputs),
        "parts": {
            "ja": {"first_line": ja.first_line, "last_line": ja.last_line},
            "en": {"first_line": en.first_line, "last_line": en.last_line},
        },
        "tables": [
            {
                "ja": _table(tp.ja),
                "en": _table(tp.en),
                "score": tp.evidence.score,
                "evidence": list(tp.evidence.reasons),
                "columns": [_column(c) for c in tp.columns],
                "rows": [_row(r) for r in tp.rows],
            }
            for tp in alignment.tables
        ],
        "sentences": [_sentence(sp) for sp in alignment.sentences],
    }


def dump(data: dict[str, Any], out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


class JsonReporter:
    name = "json"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        dump(report_dict(report), out)


class DocumentsJsonReporter:
    name = "documents-json"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        dump(documents_dict(report), out)


class AlignmentJsonReporter:
    name = "alignment-json"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        dump(alignment_dict(report.alignment, report.inputs), out)
