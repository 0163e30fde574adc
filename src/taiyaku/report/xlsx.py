"""The XLSX review sheet: one row per problem for a reviewer (the translator, the CFO) to
answer, and the reader that takes the answers back (`taiyaku baseline import`).

Sheet "Problems": problem, severity, code, rule, message, the Japanese and the English place,
text and context, the expected value, the related findings, then Status (open / accepted /
fix / question, a drop-down), Reviewer note, Reviewer, and the fingerprints of the problem's
findings (what a waiver matches). Header frozen, filters on, widths set, long texts wrapped.
A problem a baseline waived is listed as accepted with its reason. Sheet "About": the inputs,
the verdict, the counts, what was read and compared, and how to import the answers.

openpyxl is imported only when this report is written or read.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from ..model import Problem, Report, Severity
from ..waivers import ReviewRow

SHEET = "Problems"
STATUSES = ("open", "accepted", "fix", "question")
# header, width, wrap
COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("Problem", 9, False),
    ("Severity", 10, False),
    ("Code", 8, False),
    ("Rule", 22, False),
    ("Message", 70, True),
    ("Japanese", 12, False),
    ("Japanese text", 18, True),
    ("Japanese context", 34, True),
    ("English", 12, False),
    ("English text", 18, True),
    ("English context", 34, True),
    ("Expected", 12, False),
    ("Related findings", 48, True),
    ("Status", 11, False),
    ("Reviewer note", 40, True),
    ("Reviewer", 14, False),
    ("Fingerprints", 26, True),
)
_FILL = {Severity.ERROR: "F8D7DA", Severity.WARNING: "FFF3CD", Severity.INFO: "DDEBF7"}


class XlsxReporter:
    name = "xlsx"
    binary = True

    def render(self, report: Report) -> bytes:
        return render(report)


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell: a string stays a string (a document text starting with '=' is never
    made a formula), cut to Excel's limit of 32,767 characters."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value[:32000]
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _row(p: Problem, waivers: dict[str, Any]) -> list[Any]:
    f = p.primary
    related = "\n".join(f"{r.severity.value} {r.code} {r.rule}: {r.message}" for r in p.related)
    waiver = next((waivers[x.fingerprint] for x in p.findings if x.fingerprint in waivers), None)
    if not p.is_waived:
        waiver = None
    ja, en = f.ja, f.en
    return [
        p.id, p.severity.value, f.code, f.rule, f.message,
        ja.where if ja else None, ja.text if ja else None, ja.context if ja else None,
        en.where if en else None, en.text if en else None, en.context if en else None,
        f.expected, related or None,
        "accepted" if p.is_waived else "open",
        waiver.reason if waiver is not None else None,
        waiver.who if waiver is not None else None,
        "\n".join(x.fingerprint for x in p.findings),
    ]  # fmt: skip


def render(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([c[0] for c in COLUMNS])
    bold = Font(bold=True)
    for i, (_, width, _) in enumerate(COLUMNS, 1):
        ws.cell(row=1, column=i).font = bold
        ws.column_dimensions[get_column_letter(i)].width = width
    waivers = {w.finding.fingerprint: w.waiver for w in report.waived}
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for n, p in enumerate(report.problems, 2):
        for i, (value, (_, _, wrapped)) in enumerate(zip(_row(p, waivers), COLUMNS), 1):
            _put(ws, n, i, value).alignment = wrap if wrapped else top
        ws.cell(row=n, column=2).fill = PatternFill("solid", fgColor=_FILL[p.severity])
    last = max(ws.max_row, 2)
    status = _column("Status")
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showErrorMessage=False)  # fmt: skip
    dv.prompt, dv.promptTitle = "open, accepted (then write why in Reviewer note), fix or question", "Status"
    ws.add_data_validation(dv)
    dv.add(f"{get_column_letter(status)}2:{get_column_letter(status)}{last}")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    _about(wb.create_sheet("About"), report, bold)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _column(name: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, 1) if c[0] == name)


def _about(ws: Any, report: Report, bold: Any) -> None:
    from ..gate import verdict
    from .text import coverage_line

    s, ps = report.summary, report.problem_summary
    rows: list[Sequence[Any]] = [
        ("taiyaku review sheet",),
        (),
        *(("input", f"{i.path} ({i.lang}, {i.format})") for i in report.inputs),
        ("verdict", verdict(report).line),
        ("open problems", f"{sum(ps.values())}: {ps['error']} error(s), {ps['warning']} warning(s), {ps['info']} info"),
        ("open findings", f"{sum(s.values())}: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info"),
        ("waived findings", f"{len(report.waived)}" + (f" (baseline {report.baseline})" if report.baseline else "")),
        ("stale waivers", str(len(report.stale_waivers))),
        ("coverage", coverage_line(report.coverage) if report.coverage else ""),
        (),
        ("how to answer", "In the Problems sheet, set Status to 'accepted' for a problem that is right as it stands, "
                          "write why in 'Reviewer note' (and your name in 'Reviewer'); 'fix' for one to correct."),
        ("then", "taiyaku baseline import THIS.xlsx -o taiyaku-baseline.toml   (accepted rows become waivers)"),
    ]  # fmt: skip
    for w in report.stale_waivers:
        rows.append(("stale waiver", f"{w.fingerprint} {w.ja or w.en}: {w.reason}"))
    for n, r in enumerate(rows, 1):
        for i, v in enumerate(r, 1):
            _put(ws, n, i, v)
    ws["A1"].font = bold
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 110


# --- reading a review back ------------------------------------------------------------------


def read_review(path: str | os.PathLike[str]) -> list[ReviewRow]:
    """The problem rows of a review sheet as the reviewer left them (headers found by name,
    so moved columns still read); InputError when it is not a review sheet."""
    from openpyxl import load_workbook

    name = os.fspath(path)
    try:
        wb = load_workbook(name, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except Exception as e:  # not a workbook: BadZipFile, KeyError, InvalidFileException...
        raise InputError(f"{name}: not an XLSX review sheet ({type(e).__name__})") from None
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        where = {h: i for i, h in enumerate(header) if h}
        missing = [h for h in ("Status", "Fingerprints") if h not in where]
        if missing:
            raise InputError(f"{name}: not a taiyaku review sheet (no {' or '.join(missing)} column in sheet "
                             f"{ws.title!r})")  # fmt: skip

        def get(values: Sequence[Any], column: str) -> str:
            i = where.get(column)
            v = values[i] if i is not None and i < len(values) else None
            return "" if v is None else str(v)

        out = []
        for n, values in enumerate(rows, 2):
            fingerprints = tuple(get(values, "Fingerprints").replace(",", " ").split())
            if not fingerprints:
                continue
            out.append(ReviewRow(n, get(values, "Problem"), get(values, "Status"), get(values, "Reviewer note"),
                                 get(values, "Reviewer"), fingerprints, get(values, "Message"),
                                 _side(values, get, "Japanese"), _side(values, get, "English")))  # fmt: skip
        return out
    finally:
        wb.close()


def _side(values: Sequence[Any], get: Any, tag: str) -> str:
    where, text, context = get(values, tag), get(values, f"{tag} text"), get(values, f"{tag} context")
    if not where:
        return ""
    return f"{where}: {text}" + (f" ({context})" if context else "")
