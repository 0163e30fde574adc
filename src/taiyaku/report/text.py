"""The terminal report: problems grouped by table, Japanese and English side by side."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..model import Coverage, Finding, Problem, Report, Severity, Waived, Waiver
from ..problems import order

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def coverage_line(cov: Coverage) -> str:
    """What was read and compared, in one line: the text report ends with it."""
    read = "; ".join(f"{lang} {d.tables} tables, {d.figures} figures" for lang, d in (("ja", cov.ja), ("en", cov.en))
                     if d is not None)  # fmt: skip
    return (f"read: {read}. compared: {cov.paired_tables} table pairs, {cov.compared_cells} cells, "
            f"{cov.compared_prose_figures} prose figures; recomputed: {cov.recomputed}")


class TextReporter:
    """Problems grouped by table (or prose line), in document order: each problem's primary
    finding with its places, then its related findings ("+"); the waived findings and the
    stale waivers; then the last lines: the counts, what was read and compared, what was
    waived, whether the run passes (and its exit status), and where the other reports went."""

    name = "text"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                          soft_wrap=True, emoji=False)  # fmt: skip
        ins = ", ".join(f"{i.path} ({i.lang})" for i in report.inputs)
        console.print(f"[bold]taiyaku check[/bold] {escape(ins)}")
        reasons = {w.finding.fingerprint: w.waiver for w in report.waived}
        groups: dict[str, list[Problem]] = {}
        for p in report.problems:
            if not p.is_waived:
                groups.setdefault(p.primary.group or "(document)", []).append(p)
        for name, problems in sorted(groups.items(), key=lambda kv: min(order(p.primary) for p in kv[1])):
            console.print()
            console.print(Text(name, style="bold underline"))
            for p in sorted(problems, key=lambda p: order(p.primary)):
                self._finding(console, p.primary)
                for f in p.related:
                    self._related(console, f, p.primary, reasons.get(f.fingerprint))
        if report.waived:
            console.print()
            console.print(Text(f"waived by {report.baseline or 'the baseline'}", style="bold underline"))
            for w in report.waived:
                self._waived(console, w)
        if report.stale_waivers:
            console.print()
            console.print(Text("stale waivers: no finding matches them any more (taiyaku baseline update drops them)",
                               style="bold underline yellow"))  # fmt: skip
            for v in report.stale_waivers:
                what = f" {v.ja or v.en}" if v.ja or v.en else ""
                console.print(Text(f"  {v.fingerprint}{what}: {v.reason} ({v.who}, {v.when})"))
        console.print()
        for line, style in tail(report):
            console.print(Text(line, style=style))

    def _finding(self, console: Console, f: Finding) -> None:
        head = Text()
        head.append(f"  {f.severity.value.upper():7}", style=_STYLE[f.severity])
        head.append(f" {f.code} {f.rule}  ", style="bold")
        head.append(f.message)
        console.print(head)
        sides = [("ja", f.ja), ("en", f.en)]
        differ = bool(f.ja and f.en and f.ja.text != f.en.text)
        for tag, loc in sides:
            if loc is None:
                continue
            t = Text("      ")
            where = loc.where
            t.append(f"{tag} {where:<10}" if len(where) < 10 else f"{tag} {where}  ", style="dim")
            t.append(loc.text or "", style="bold red" if differ and f.severity is Severity.ERROR else "bold")
            if loc.context:
                t.append(f"   {loc.context}", style="dim")
            console.print(t)
        if f.expected is not None:
            console.print(Text(f"      expected {f.expected}", style="green"))

    def _related(self, console: Console, f: Finding, primary: Finding, waiver: Waiver | None) -> None:
        """A related finding: its head, and its places where they are not the primary's."""
        head = Text("    + ")
        head.append(f"{f.severity.value.upper():7}", style=_STYLE[f.severity])
        head.append(f" {f.code} {f.rule}  ", style="bold")
        head.append(f.message)
        if waiver is not None:
            head.append(f"  [waived: {waiver.reason}]", style="dim")
        console.print(head)
        for tag, loc, mine in (("ja", f.ja, primary.ja), ("en", f.en, primary.en)):
            if loc is not None and (mine is None or (loc.where, loc.text) != (mine.where, mine.text)):
                t = Text(f"        {tag} {loc.where}  ", style="dim")
                t.append(loc.text or "", style="bold")
                console.print(t)
        if f.expected is not None and f.expected != primary.expected:
            console.print(Text(f"        expected {f.expected}", style="green"))

    def _waived(self, console: Console, w: Waived) -> None:
        f, v = w.finding, w.waiver
        head = Text("  ")
        head.append(f"{f.severity.value.upper():7}", style="dim")
        head.append(f" {f.code} {f.rule}  ", style="bold")
        places = "; ".join(f"{tag} {loc.where} {loc.text}" for tag, loc in (("ja", f.ja), ("en", f.en)) if loc)
        head.append(places)
        console.print(head)
        console.print(Text(f"      {v.reason} ({v.who or 'unknown'}, {v.when or 'undated'})", style="dim"))


def tail(report: Report) -> list[tuple[str, str]]:
    """The last lines of the text report, with their styles: the counts of findings and
    problems, what was read and compared, what was waived, the verdict, where the other
    reports went."""
    from ..gate import verdict

    s, ps = report.summary, report.problem_summary
    counts = f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
    open_problems = sum(ps.values())
    counts += f" in {open_problems} problem(s)"
    if open_problems:
        counts += f": {ps['error']} error(s), {ps['warning']} warning(s), {ps['info']} info"
    style = "bold red" if s["error"] else ("yellow" if s["warning"] else "green")
    lines = [(counts, style)]
    if report.coverage is not None:
        lines.append((coverage_line(report.coverage), "dim"))
    if report.baseline is not None:
        waived = f"waived: {len(report.waived)} finding(s) by {report.baseline}"
        if report.stale_waivers:
            waived += f"; {len(report.stale_waivers)} stale waiver(s)"
        lines.append((waived, "yellow" if report.stale_waivers else "dim"))
    v = verdict(report)
    lines.append((v.line, "bold red" if v.exit_code else "bold green"))
    others = [t for t in report.outputs if t.path is not None]
    if others:
        lines.append(("reports: " + "; ".join(f"{t.format} → {t.path}" for t in others), "dim"))
    return lines
