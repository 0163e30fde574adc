"""The terminal report: findings grouped by table, Japanese and English side by side."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..model import Coverage, Finding, Report, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _order(f: Finding) -> tuple[tuple[int, int], tuple[int, int]]:
    """Japanese place first (the document under review), English place for English-only ones."""
    en = (f.en.page or 0, f.en.line) if f.en else (0, 0)
    return ((f.ja.page or 0, f.ja.line) if f.ja else en, en)


def coverage_line(cov: Coverage) -> str:
    """What was read and compared, in one line: the text report ends with it."""
    read = "; ".join(f"{lang} {d.tables} tables, {d.figures} figures" for lang, d in (("ja", cov.ja), ("en", cov.en))
                     if d is not None)  # fmt: skip
    return (f"read: {read}. compared: {cov.paired_tables} table pairs, {cov.compared_cells} cells, "
            f"{cov.compared_prose_figures} prose figures; recomputed: {cov.recomputed}")


class TextReporter:
    name = "text"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                          soft_wrap=True, emoji=False)  # fmt: skip
        ins = ", ".join(f"{i.path} ({i.lang})" for i in report.inputs)
        console.print(f"[bold]taiyaku check[/bold] {escape(ins)}")
        groups: dict[str, list[Finding]] = {}
        for f in report.findings:
            groups.setdefault(f.group or "(document)", []).append(f)
        for name, findings in sorted(groups.items(), key=lambda kv: min(map(_order, kv[1]))):
            console.print()
            console.print(Text(name, style="bold underline"))
            for f in sorted(findings, key=_order):
                self._finding(console, f)
        s = report.summary
        console.print()
        line = f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
        style = "bold red" if s["error"] else ("yellow" if s["warning"] else "green")
        console.print(Text(line, style=style))
        if report.coverage is not None:
            console.print(Text(coverage_line(report.coverage), style="dim"))

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
