"""The HTML report: one self-contained page a person reads in a browser, offline.

The problems first (linked to where they stand), what was read and compared, then every
table pair with the Japanese and English tables side by side, row against row as they were
aligned, the cells, labels and captions of each problem highlighted and linked back to it,
and the prose pairs with their figures marked. Filters by severity and rule (and for waived
problems) hide problems and their highlights.

Self-contained: no network, no external asset, the style and the script inline, and a
Content-Security-Policy that allows those two only (by hash), so that nothing else can run or
load even if a document string slipped through. Every document string is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from typing import TextIO

from ..model import (
    Document,
    Finding,
    Lang,
    Problem,
    ProseUnit,
    Report,
    Row,
    SentencePair,
    Severity,
    Table,
    TablePair,
    Waiver,
)
from .json import header_rows
from .places import Pairs, Places, pairs, places

_SEV = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}

STYLE = """
:root { --err: #c62828; --err-bg: #fde7e7; --warn: #a86b00; --warn-bg: #fff3cd; --info: #1565c0;
  --info-bg: #e3f0fd; --line: #d0d4da; --muted: #5f6670; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", sans-serif;
  margin: 0; color: #1d2329; background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: #f6f7f9; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
main { padding: 0 24px 48px; }
.inputs, .muted { color: var(--muted); }
.verdict { font-weight: 600; } .verdict.fail { color: var(--err); } .verdict.pass { color: #2e7d32; }
nav#filters { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: 8px 24px; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
nav#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 10px; }
nav#filters legend { float: left; font-weight: 600; margin-right: 6px; }
label { white-space: nowrap; }
ol.problems { padding-left: 0; list-style: none; }
li.problem { border-left: 4px solid var(--line); padding: 6px 10px; margin: 6px 0; background: #fafbfc; }
li.problem.error { border-color: var(--err); } li.problem.warning { border-color: var(--warn); }
li.problem.info { border-color: var(--info); } li.problem.waived { opacity: .7; border-style: dashed; }
li.problem:target { outline: 2px solid #333; }
.badge { display: inline-block; min-width: 62px; font-weight: 700; font-size: 12px; }
.badge.error { color: var(--err); } .badge.warning { color: var(--warn); } .badge.info { color: var(--info); }
.code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12px; }
.related { margin: 4px 0 0 18px; padding: 0; list-style: "+ "; color: #333; }
.where a { margin-right: 8px; }
table { border-collapse: collapse; }
table.coverage td, table.coverage th { border: 1px solid var(--line); padding: 3px 8px; text-align: right; }
table.coverage th:first-child, table.coverage td:first-child { text-align: left; }
.pair-wrap { overflow-x: auto; }
table.grid { font-size: 12.5px; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 2px 6px; vertical-align: top; }
table.grid thead th { background: #f0f2f5; font-weight: 600; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.grid td.label { min-width: 9em; max-width: 320px; }
table.grid .gap { border: 0; width: 14px; background: #fff; }
table.grid tr.heading td.label { font-weight: 600; }
table.grid tr.unpaired td { background: #fbfbf4; }
.hit.error { background: var(--err-bg); outline: 2px solid var(--err); outline-offset: -2px; }
.hit.warning { background: var(--warn-bg); outline: 2px solid var(--warn); outline-offset: -2px; }
.hit.info { background: var(--info-bg); outline: 1px solid var(--info); outline-offset: -1px; }
.hit.waived { background: #eee; outline: 1px dashed #777; }
.hit a { color: inherit; text-decoration: none; }
.hit:target, .hit.flash { box-shadow: 0 0 0 3px #333; }
section.pair.quiet h3 { color: var(--muted); }
div.title { font-size: 12.5px; margin: 2px 0; }
body.only-problems section.pair.quiet { display: none; }
table.prose td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; width: 50%; }
mark.fig { background: #eef0f3; border-radius: 2px; padding: 0 1px; }
[hidden] { display: none !important; }
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('#filters input[type=checkbox]');
  var problems = document.querySelectorAll('li.problem');
  var hits = document.querySelectorAll('.hit');
  var rank = {error: 2, warning: 1, info: 0};
  function on(name) {
    var box = document.querySelector('#filters input[data-filter="' + name + '"]');
    return !box || box.checked;
  }
  function apply() {
    var visible = {}, shown = 0;
    problems.forEach(function (li) {
      var codes = li.getAttribute('data-codes').split(' ');
      var ok = on('sev:' + li.getAttribute('data-severity')) &&
        codes.some(function (c) { return on('rule:' + c); }) &&
        (li.getAttribute('data-status') !== 'waived' || on('waived'));
      li.hidden = !ok;
      if (ok) { visible[li.id] = li.getAttribute('data-status') === 'waived' ? 'waived' :
                                 li.getAttribute('data-severity'); shown += 1; }
    });
    hits.forEach(function (el) {
      var best = null;
      el.getAttribute('data-problems').split(' ').forEach(function (id) {
        var s = visible[id];
        if (s && (best === null || best === 'waived' || (s !== 'waived' && rank[s] > rank[best]))) { best = s; }
      });
      el.classList.remove('error', 'warning', 'info', 'waived');
      if (best) { el.classList.add(best); }
    });
    document.getElementById('shown-count').textContent = String(shown);
    document.body.classList.toggle('only-problems', on('only-problems') &&
      !!document.querySelector('#filters input[data-filter="only-problems"]:checked'));
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
"""


def esc(text: object) -> str:
    """A document string as HTML text or attribute value: every <, >, &, quote escaped."""
    return html.escape(str(text), quote=True)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class HtmlReporter:
    name = "html"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        out.write(render(report))


class _Page:
    """The ids given to the elements of each problem while the documents are rendered."""

    def __init__(self, report: Report, shown: Pairs, where: Places) -> None:
        self.report, self.shown, self.where = report, shown, where
        self.anchors: dict[int, list[str]] = {}  # problem id -> element ids
        self.sections: dict[int, str] = {}  # problem id -> the section holding it
        self.docs = {d.lang: d for d in report.alignment.documents}
        self.by_table: dict[int, list[Problem]] = {}  # table pair -> the problems standing in it
        for p in report.problems:
            for f in p.findings:
                pair = where.pair_of(f)
                if pair is not None and pair[0] == "table":
                    self.by_table.setdefault(pair[1], []).append(p)
                    break

    def hit(self, element_id: str, problems: Iterable[Problem], classes: str = "") -> str:
        """The attributes of an element (its `classes`, and when problems point at it its id,
        highlight and links to them)."""
        ps = list(dict.fromkeys(problems))
        if not ps:
            return f' class="{classes}"' if classes else ""
        for p in ps:
            self.anchors.setdefault(p.id, []).append(element_id)
        cls = f"{classes} hit {_worst(ps)}".strip()
        ids = " ".join(f"p{p.id}" for p in ps)
        titles = " | ".join(f"{p.primary.code} {p.primary.message}" for p in ps)
        return f' id="{esc(element_id)}" class="{cls}" data-problems="{ids}" title="{esc(titles)}"'


def _worst(ps: list[Problem]) -> str:
    open_ = [p for p in ps if not p.is_waived]
    if not open_:
        return "waived"
    return _SEV[max((p.severity for p in open_), key=lambda s: s.rank)]


def render(report: Report) -> str:
    shown = pairs(report.alignment)
    where = places(report, shown)
    page = _Page(report, shown, where)
    tables = _tables(page)
    prose = _prose(page)
    for p in report.problems:  # problems with no element of their own: their table or prose pair
        if p.id not in page.anchors:
            for f in p.findings:
                pair = where.pair_of(f)
                if pair is not None:
                    page.sections[p.id] = f"{pair[0]}-{pair[1] + 1}"
                    break
    body = [
        _header(report),
        _filters(report),
        "<main>",
        _problem_list(page),
        _coverage(report),
        _stale(report),
        '<section id="tables"><h2>Tables: Japanese and English side by side</h2>',
        tables or '<p class="muted">No table was read.</p>',
        "</section>",
        '<section id="prose"><h2>Prose: paired lines, figures marked</h2>',
        prose or '<p class="muted">No prose line was paired.</p>',
        "</section>",
        "</main>",
    ]
    csp = (f"default-src 'none'; style-src {_csp_hash(STYLE)}; script-src {_csp_hash(SCRIPT)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")  # fmt: skip
    title = "taiyaku check: " + ", ".join(i.path for i in report.inputs)
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="taiyaku">\n',
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        "\n".join(body),
        f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ])  # fmt: skip


# --- header, filters, problem list, coverage -------------------------------------------------


def _header(report: Report) -> str:
    from ..gate import verdict

    v = verdict(report)
    s, ps = report.summary, report.problem_summary
    inputs = "; ".join(f"{esc(i.path)} ({esc(i.lang)}, {esc(i.format)})" for i in report.inputs)
    waived = ""
    if report.baseline is not None:
        waived = (f'; <span id="waived-count">{len(report.waived)}</span> finding(s) waived by '
                  f"{esc(report.baseline)}, {len(report.stale_waivers)} stale waiver(s)")  # fmt: skip
    return (
        "<header><h1>taiyaku check</h1>"
        f'<p class="inputs">{inputs}</p>'
        f'<p class="verdict {"fail" if v.exit_code else "pass"}" id="verdict">{esc(v.line)}</p>'
        f'<p class="counts"><span id="problem-count">{sum(ps.values())}</span> open problem(s): '
        f"{ps['error']} error(s), {ps['warning']} warning(s), {ps['info']} info — from "
        f'<span id="finding-count">{sum(s.values())}</span> open finding(s): {s["error"]} error(s), '
        f"{s['warning']} warning(s), {s['info']} info{waived}</p></header>"
    )


def _filters(report: Report) -> str:
    codes = sorted({f.code for p in report.problems for f in p.findings})
    rules = {f.code: f.rule for p in report.problems for f in p.findings}
    sev = "".join(f'<label><input type="checkbox" data-filter="sev:{s}" checked> {s}</label>'
                  for s in ("error", "warning", "info"))  # fmt: skip
    rule = "".join(f'<label title="{esc(rules[c])}"><input type="checkbox" data-filter="rule:{esc(c)}" checked> '
                   f'<span class="code">{esc(c)}</span></label>' for c in codes)  # fmt: skip
    extra = '<label><input type="checkbox" data-filter="only-problems"> only tables with problems</label>'
    if report.waived:
        extra = '<label><input type="checkbox" data-filter="waived" checked> waived</label>' + extra
    return (f'<nav id="filters"><fieldset><legend>Severity</legend>{sev}</fieldset>'
            f"<fieldset><legend>Rule</legend>{rule}</fieldset><fieldset>{extra}</fieldset>"
            f'<span class="muted">showing <span id="shown-count">{len(report.problems)}</span> of '
            f'<span id="total-count">{len(report.problems)}</span> problem(s)</span></nav>')  # fmt: skip


def _problem_list(page: _Page) -> str:
    report = page.report
    waivers = {w.finding.fingerprint: w.waiver for w in report.waived}
    items = []
    for p in report.problems:
        status = "waived" if p.is_waived else "open"
        sev = _SEV[p.severity]
        first: dict[str, str] = {}
        for element in page.anchors.get(p.id, []):
            first.setdefault(element.split("-", 1)[0], element)
        links = []
        if "ja" not in first and "en" not in first:  # a table's heading, or (no element) its section
            target = first.get("table") or page.sections.get(p.id)
            if target:
                links.append(f'<a href="#{esc(target)}">where it stands</a>')
        lines = [_finding_line(p.primary, waivers.get(p.primary.fingerprint))]
        related = "".join(f"<li>{_finding_line(f, waivers.get(f.fingerprint))}</li>" for f in p.related)
        items.append(
            f'<li class="problem {sev}{" waived" if p.is_waived else ""}" id="p{p.id}" data-severity="{sev}" '
            f'data-codes="{esc(" ".join(p.codes))}" data-status="{status}">'
            f'<span class="muted">#{p.id}</span> {lines[0]}'
            f'<div class="where">{_places(p.primary, first)} {" ".join(links)}</div>'
            + (f'<ul class="related">{related}</ul>' if related else "")
            + "</li>"
        )
    if not items:
        return '<section id="problems"><h2>Problems</h2><p>No finding.</p></section>'
    return f'<section id="problems"><h2>Problems</h2><ol class="problems">{"".join(items)}</ol></section>'


def _finding_line(f: Finding, waiver: Waiver | None) -> str:
    sev = _SEV[f.severity]
    expected = f' <span class="muted">expected {esc(f.expected)}</span>' if f.expected is not None else ""
    waived = ""
    if waiver is not None:
        waived = (f' <span class="muted">[waived: {esc(waiver.reason)} — {esc(waiver.who or "unknown")}, '
                  f"{esc(waiver.when)}]</span>")  # fmt: skip
    return (f'<span class="badge {sev}">{sev.upper()}</span> <span class="code">{esc(f.code)} {esc(f.rule)}</span> '
            f"{esc(f.message)}{expected}{waived}")  # fmt: skip


def _places(f: Finding, anchors: dict[str, str]) -> str:
    """Where the primary finding stands, each side linked to its element in the page."""
    out = []
    for tag, loc in (("ja", f.ja), ("en", f.en)):
        if loc is None:
            continue
        where = f"{tag} {esc(loc.where)}"
        if tag in anchors:
            where = f'<a href="#{esc(anchors[tag])}">{where}</a>'
        out.append(f'<span class="muted">{where}</span> <b>{esc(loc.text)}</b>')
    return " · ".join(out)


def _coverage(report: Report) -> str:
    cov = report.coverage
    if cov is None:
        return ""
    rows = []
    for lang, d in (("Japanese", cov.ja), ("English", cov.en)):
        if d is not None:
            rows.append(f"<tr><td>{lang}</td><td>{d.tables}</td><td>{d.table_figures}</td><td>{d.prose_figures}</td>"
                        f"<td>{d.paragraphs}</td></tr>")  # fmt: skip
    return (
        '<section id="coverage"><h2>What was read and compared</h2>'
        '<table class="coverage"><thead><tr><th>part</th><th>tables</th><th>figures in tables</th>'
        "<th>prose figures</th><th>paragraphs</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        f"<p>compared: <span id=\"paired-tables\">{cov.paired_tables}</span> table pair(s), "
        f"{cov.compared_cells} cell(s), {cov.compared_prose_figures} prose figure(s); "
        f"recomputed: {cov.recomputed}</p></section>"
    )


def _stale(report: Report) -> str:
    if not report.stale_waivers:
        return ""
    items = "".join(f"<li><span class=\"code\">{esc(w.fingerprint)}</span> {esc(w.ja or w.en)}: {esc(w.reason)} "
                    f"({esc(w.who)}, {esc(w.when)})</li>" for w in report.stale_waivers)  # fmt: skip
    return (f'<section id="stale"><h2>Stale waivers</h2><p>No finding matches these waivers of '
            f"{esc(report.baseline or 'the baseline')} any more ('taiyaku baseline update' drops them).</p>"
            f"<ul>{items}</ul></section>")  # fmt: skip


# --- tables ------------------------------------------------------------------------------------


def _tables(page: _Page) -> str:
    return "\n".join(_pair(page, i, tp) for i, tp in enumerate(page.shown.tables))


def _pair(page: _Page, i: int, tp: TablePair) -> str:
    """One table pair: the captions, the title lines (where periods are named), the grid; a
    problem of the pair that points at none of its elements (an unpaired table has no text to
    point at) highlights the heading."""
    before = sum(len(v) for v in page.anchors.values())
    sid = f"table-{i + 1}"
    heads, titles = [], []
    for side, t in (("ja", tp.ja), ("en", tp.en)):
        if t is None:
            heads.append(f'<span class="muted">({"no Japanese" if side == "ja" else "no English"} table)</span>')
            continue
        doc = page.docs[t.lang]
        line = t.caption_line or t.first_line
        where = page.where.at(side, doc, line, None, t.caption or "") if t.caption else []
        attrs = page.hit(f"{side}-{line}-caption", where)
        heads.append(f"<span{attrs}>{esc(t.name)}</span> "
                     f'<span class="muted">({esc(doc.place(t.first_line).locator)})</span>')  # fmt: skip
        for n, text in t.title_lines:
            if n == t.caption_line:
                continue
            attrs = page.hit(f"{side}-{n}-title", page.where.in_figure(side, doc, n, text), "title")
            where_ = esc(doc.place(n).locator)
            titles.append(f'<div{attrs}><span class="muted">{side} {where_}</span> {esc(text)}</div>')
    grid = _grid(page, tp)
    pending = [p for p in page.by_table.get(i, []) if p.id not in page.anchors]
    heading = page.hit(f"{sid}-heading", pending)
    quiet = sum(len(v) for v in page.anchors.values()) == before
    return (f'<section class="pair{" quiet" if quiet else ""}" id="{sid}"><h3{heading}>{" ↔ ".join(heads)}</h3>'
            + "".join(titles) + f'<div class="pair-wrap">{grid}</div></section>')  # fmt: skip


def _rows(tp: TablePair) -> list[tuple[Row | None, Row | None]]:
    """The rows of both tables in display order: a Japanese row beside its English one,
    English rows without a Japanese partner where they stand in the English table."""
    ja = list(tp.ja.rows) if tp.ja else []
    en = list(tp.en.rows) if tp.en else []
    en_of = {id(rp.ja): rp.en for rp in tp.rows if rp.ja is not None and rp.en is not None}
    paired_en = {id(r) for r in en_of.values() if r is not None}
    out: list[tuple[Row | None, Row | None]] = []
    used: set[int] = set()
    i = j = 0
    while i < len(ja) or j < len(en):
        if j < len(en) and id(en[j]) in used:
            j += 1
            continue
        if i < len(ja):
            r = ja[i]
            partner = en_of.get(id(r))
            if partner is None:
                out.append((r, None))
                i += 1
            elif j < len(en) and en[j] is not partner and id(en[j]) not in paired_en:
                out.append((None, en[j]))
                used.add(id(en[j]))
                j += 1
            else:
                out.append((r, partner))
                used.add(id(partner))
                i += 1
        else:
            out.append((None, en[j]))
            used.add(id(en[j]))
            j += 1
    return out


def _grid(page: _Page, tp: TablePair) -> str:
    sides = [(side, t) for side, t in (("ja", tp.ja), ("en", tp.en)) if t is not None]
    depth = max((len(header_rows(t)) for _, t in sides), default=0)
    head = []
    for level in range(max(depth, 1)):
        cells = []
        for n, (_side, t) in enumerate(sides):
            if n:
                cells.append('<th class="gap"></th>')
            rows = header_rows(t)
            row = rows[level] if level < len(rows) else [""] * len(t.columns)
            cells.append("<th></th>")
            cells += [f"<th>{esc(h)}</th>" for h in row]
        head.append("<tr>" + "".join(cells) + "</tr>")
    body = []
    for ja, en in _rows(tp):
        by_side = {"ja": ja, "en": en}
        cls = []
        if (ja is None) != (en is None) and tp.ja is not None and tp.en is not None:
            cls.append("unpaired")
        if any(r is not None and r.kind.value == "heading" for r in (ja, en)):
            cls.append("heading")
        cells = []
        for n, (side, t) in enumerate(sides):
            if n:
                cells.append('<td class="gap"></td>')
            cells += _row_cells(page, side, t, by_side[side])
        body.append(f'<tr class="{" ".join(cls)}">' + "".join(cells) + "</tr>")
    return f'<table class="grid"><thead>{"".join(head)}</thead><tbody>{"".join(body)}</tbody></table>'


def _row_cells(page: _Page, side: str, t: Table, row: Row | None) -> list[str]:
    if row is None:
        return ["<td></td>"] * (len(t.columns) + 1)
    doc = page.docs[t.lang]
    label_hits = page.where.at(side, doc, row.line, None, row.label) if row.label else []
    attrs = page.hit(f"{side}-{row.line}-label", label_hits, "label")
    locator = doc.place(row.line).locator
    out = [f'<td{attrs} data-where="{esc(locator)}">{esc(row.label)}</td>']
    for c in range(len(t.columns)):
        cell = row.cell(c)
        if cell is None:
            out.append("<td></td>")
            continue
        hits = page.where.at(side, doc, cell.line, cell.column, cell.text)
        attrs = page.hit(f"{side}-{cell.line}-{cell.column}", hits, "num" if cell.quantity is not None else "")
        out.append(f"<td{attrs}>{esc(cell.text)}</td>")
    return out


# --- prose ----------------------------------------------------------------------------------------


def _prose(page: _Page) -> str:
    rows = []
    seen: set[tuple[str, int]] = set()
    for i, sp in enumerate(page.shown.prose):
        seen.add(("ja", sp.ja.line))
        seen.add(("en", sp.en.line))
        rows.append(_prose_pair(page, i, sp))
    # prose lines with a problem that were not paired (a figure the English never states, an
    # English-only sentence against its table)
    for doc in page.report.alignment.documents:
        side = doc.lang.value
        for u in doc.prose:
            if (side, u.line) in seen:
                continue
            marked, hit = _unit(page, side, doc, u)
            if hit:
                pair = [marked, '<span class="muted">(not paired)</span>']
                if doc.lang is Lang.EN:
                    pair.reverse()
                rows.append(f'<tr id="prose-{side}-{u.line}"><td>{pair[0]}</td><td>{pair[1]}</td></tr>')
    if not rows:
        return ""
    return ('<table class="prose"><thead><tr><th>Japanese</th><th>English</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")  # fmt: skip


def _prose_pair(page: _Page, i: int, sp: SentencePair) -> str:
    cells = []
    for side, lang, unit in (("ja", Lang.JA, sp.ja), ("en", Lang.EN, sp.en)):
        doc = page.docs.get(lang)
        if doc is None:
            cells.append("<td></td>")
            continue
        marked, _ = _unit(page, side, doc, unit)
        cells.append(f'<td><span class="muted">{esc(doc.place(unit.line).locator)}</span> {marked}</td>')
    return f'<tr id="prose-{i + 1}">{"".join(cells)}</tr>'


def _unit(page: _Page, side: str, doc: Document, u: ProseUnit) -> tuple[str, bool]:
    """A prose line's text with its figures marked (those of a problem highlighted)."""
    by_sentence: dict[int, list] = {}
    for s, m in u.mentions:
        by_sentence.setdefault(s.index, []).append(m)
    # Problems on this line that point at words, not figures: a date (TQ601), a term
    # (TQ303), a name (TQ304), a denial (TQ506); each marked where its text stands.
    place = doc.place(u.line)
    worded = page.where.by_line.get((side, place.page, place.line), [])
    parts = []
    hit = False
    for s in u.sentences:
        text, pos = s.text, 0
        spans: list[tuple[int, int, str, list[Problem]]] = []
        for k, m in enumerate(sorted(by_sentence.get(s.index, []), key=lambda m: m.start)):
            if m.end <= len(text):
                spans.append((m.start, m.end, f"m{k}", page.where.in_figure(side, doc, u.line, m.text)))
        for k, (words, problem) in enumerate(worded):
            start = text.find(words) if words else -1
            if start < 0 and words and len(text.lower()) == len(text):
                start = text.lower().find(words.lower())  # "Our company group" at a sentence start
            if start >= 0 and not any(a < start + len(words) and start < b for a, b, _, _ in spans):
                spans.append((start, start + len(words), f"w{k}", [problem]))
        out = []
        for start, end, name, problems in sorted(spans, key=lambda x: x[0]):
            if start < pos:
                continue
            out.append(esc(text[pos:start]))
            attrs = page.hit(f"{side}-{u.line}-s{s.index}-{name}", problems, "fig")
            hit = hit or bool(problems)
            out.append(f"<mark{attrs}>{esc(text[start:end])}</mark>")
            pos = end
        out.append(esc(text[pos:]))
        parts.append("".join(out))
    return " ".join(parts), hit
