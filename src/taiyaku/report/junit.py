"""The JUnit XML report, for CI systems that show test results: one test case per table pair
and per prose pair, each failing when an open finding of it is at or above the run's
--fail-on (error by default); its other findings, and its waived ones, are in the case's
system-out. Findings that stand in no pair (an unpaired prose line, a term used two ways
across tables) are the "document" case.

    <testsuites name="taiyaku" tests="24" failures="5" errors="0" skipped="0">
      <testsuite name="tables" ...>
        <testcase classname="taiyaku.tables" name="表 1. 契約数 ↔ Table 1. Number of Contracts" file="..." line="42">
          <failure type="TQ100" message="2 finding(s) at or above error: ...">...</failure>
          <system-out>...</system-out>
        </testcase>

A run that checked nothing (exit 2) is one error in the "document" case.
"""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..model import Finding, Report, Waived
from .places import pairs, places

_XML_BAD = {c: None for c in range(32) if c not in (9, 10, 13)}


def _clean(text: str) -> str:
    """Text XML 1.0 can hold: control characters other than tab and line ends dropped."""
    return text.translate(_XML_BAD)


def _attr(text: object) -> str:
    return quoteattr(_clean(str(text)))


def _text(text: str) -> str:
    return escape(_clean(text))


class JunitReporter:
    name = "junit"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        out.write(junit(report))


class _Case:
    def __init__(self, suite: str, name: str, file: str | None, line: int | None) -> None:
        self.suite, self.name, self.file, self.line = suite, name, file, line
        self.findings: list[Finding] = []
        self.waived: list[Waived] = []
        self.error: str | None = None


def _describe(f: Finding, problem: dict[str, int]) -> str:
    places = "; ".join(f"{tag} {loc.where}: {loc.text}" for tag, loc in (("ja", f.ja), ("en", f.en)) if loc)
    expected = f" (expected {f.expected})" if f.expected is not None else ""
    return (f"{f.severity.value.upper()} {f.code} {f.rule} [problem {problem.get(f.fingerprint, '?')}, "
            f"{f.fingerprint}] {f.message}{expected}" + (f"\n    {places}" if places else ""))  # fmt: skip


def junit(report: Report) -> str:
    from ..gate import verdict

    shown = pairs(report.alignment)
    where = places(report, shown)
    docs = {d.lang: d for d in report.alignment.documents}
    tables: list[_Case] = []
    for tp in shown.tables:
        t = tp.ja or tp.en
        assert t is not None
        doc = docs[t.lang]
        place = doc.place(t.caption_line or t.first_line)
        tables.append(_Case("tables", tp.name, doc.path, place.line))
    prose: list[_Case] = []
    ja, en = report.alignment.ja, report.alignment.en
    for sp in shown.prose:  # prose pairs exist only when both languages were read
        assert ja is not None and en is not None
        name = f"ja {ja.place(sp.ja.line).locator} ↔ en {en.place(sp.en.line).locator}"
        prose.append(_Case("prose", name, ja.path, ja.place(sp.ja.line).line))
    document = _Case("document", "document", report.inputs[0].path if report.inputs else None, None)
    lone: dict[tuple[str, int | None, int], _Case] = {}

    def case_of(f: Finding) -> _Case:
        pair = where.pair_of(f)
        if pair is not None:
            return (tables if pair[0] == "table" else prose)[pair[1]]
        line = where.lone_line_of(f)
        if line is None:
            return document
        if line not in lone:  # a prose line in no pair: a case of its own
            side, page, number = line
            loc = f.ja if side == "ja" else f.en
            assert loc is not None
            lone[line] = _Case("prose", f"{side} {loc.where} (not paired)", loc.path, number if page is None else None)
            prose.append(lone[line])
        return lone[line]

    for f in report.findings:
        case_of(f).findings.append(f)
    for w in report.waived:
        case_of(w.finding).waived.append(w)
    v = verdict(report)
    if v.reason is not None:
        document.error = v.reason
    suites = [("tables", tables), ("prose", prose), ("document", [document])]
    at = report.fail_on.rank
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    total = sum(len(c) for _, c in suites)
    failures = sum(1 for _, cs in suites for c in cs if any(f.severity.rank >= at for f in c.findings))
    errors = 1 if document.error else 0
    out.append(f'<testsuites name="taiyaku" tests="{total}" failures="{failures}" errors="{errors}" '
               f'skipped="0" time="0">')  # fmt: skip
    problem = {f.fingerprint: p.id for p in report.problems for f in p.findings}
    counts = {**{f"findings.{k}": v for k, v in report.summary.items()},
              **{f"problems.{k}": v for k, v in report.problem_summary.items()},
              "waived": len(report.waived), "stale_waivers": len(report.stale_waivers),
              "exit": v.exit_code}  # fmt: skip
    for name, cases in suites:
        fails = sum(1 for c in cases if any(f.severity.rank >= at for f in c.findings))
        errs = sum(1 for c in cases if c.error)
        out.append(f'  <testsuite name={_attr(name)} tests="{len(cases)}" failures="{fails}" errors="{errs}" '
                   f'skipped="0" time="0">')  # fmt: skip
        if name == "document":  # the run's counts, once
            out.append("    <properties>")
            out += [f"      <property name={_attr(k)} value={_attr(n)}/>" for k, n in counts.items()]
            out.append("    </properties>")
        for c in cases:
            out.append(_case(c, at, problem))
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _case(c: _Case, at: int, problem: dict[str, int]) -> str:
    attrs = f"classname={_attr('taiyaku.' + c.suite)} name={_attr(c.name)}"
    if c.file:
        attrs += f" file={_attr(c.file)}"
    if c.line:
        attrs += f' line="{c.line}"'
    ordered = sorted(c.findings, key=lambda f: problem.get(f.fingerprint, 0))  # a problem's findings together
    failing = [f for f in ordered if f.severity.rank >= at]
    rest = [f for f in ordered if f.severity.rank < at]
    inner = []
    if c.error:
        inner.append(f"      <error type=\"not-checked\" message={_attr(c.error)}>{_text(c.error)}</error>")
    if failing:
        codes = " ".join(sorted({f.code for f in failing}))
        problems = len({problem.get(f.fingerprint) for f in failing})
        message = f"{len(failing)} finding(s) in {problems} problem(s): {failing[0].code} {failing[0].message}"
        body = "\n".join(_describe(f, problem) for f in failing)
        inner.append(f"      <failure type={_attr(codes)} message={_attr(message)}>{_text(body)}</failure>")
    lines = [_describe(f, problem) for f in rest]
    lines += [f"WAIVED {_describe(w.finding, problem)}\n    waiver: {w.waiver.reason} ({w.waiver.who}, {w.waiver.when})"
              for w in c.waived]  # fmt: skip
    if lines:
        inner.append(f"      <system-out>{_text(chr(10).join(lines))}</system-out>")
    if not inner:
        return f"    <testcase {attrs}/>"
    return f"    <testcase {attrs}>\n" + "\n".join(inner) + "\n    </testcase>"
