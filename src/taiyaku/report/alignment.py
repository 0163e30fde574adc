"""Showing an alignment (`taiyaku align`): table pairs, column pairs, row pairs with their
confidence and the evidence that decided them, and what stayed unpaired."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..model import Alignment, Evidence, Input, Report, Table, TablePair


def _name(t: Table | None) -> str:
    if t is None:
        return "—"
    return f"{t.name} (lines {t.first_line}-{t.last_line})"


class AlignmentTextReporter:
    name = "alignment-text"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        write_text(report.alignment, report.inputs, out, color)


def write_text(alignment: Alignment, inputs: tuple[Input, ...], out: TextIO, color: bool = False) -> None:
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False)  # fmt: skip
    ja, en = alignment.ja, alignment.en
    assert ja is not None and en is not None
    for tag, doc in (("Japanese:", ja), ("English: ", en)):
        where = f"{doc.path} lines {doc.first_line}-{doc.last_line}, {len(doc.tables)} tables"
        console.print(Text(f"{tag} {where}", style="bold"))
    for tp in alignment.tables:
        console.print()
        _write_pair(console, tp)
    if alignment.sentences:
        console.print()
        console.print(Text(f"Prose: {len(alignment.sentences)} Japanese lines paired with English ones "
                           "on the figures they share", style="bold underline"))  # fmt: skip
    for sp in alignment.sentences:
        t = Text(f"  ja {sp.ja.line:<4} ↔ en {sp.en.line:<4}")
        t.append(f"   {sp.score:.2f} ({sp.anchors} shared figure{'s' if sp.anchors != 1 else ''})", style="dim")
        console.print(t)
        console.print(Text(f"      {_cut(sp.ja.text)}"))
        console.print(Text(f"      {_cut(sp.en.text)}"))
        figures = []
        for mp in sp.mentions:
            a, b = (mp.ja.text if mp.ja else "—"), (mp.en.text if mp.en else "—")
            figures.append(f"{a} = {b}" if mp.agrees else f"{a} ≠ {b}" if mp.ja and mp.en else f"{a} / {b}")
        console.print(Text(f"      figures: {'; '.join(figures)}", style="dim"))


def _cut(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _write_pair(console: Console, tp: TablePair) -> None:
    head = Text()
    if tp.ja and tp.en:
        head.append(f"{_name(tp.ja)}  ↔  {_name(tp.en)}", style="bold underline")
        head.append(f"   {tp.evidence.score:.2f} ({', '.join(tp.evidence.reasons)})", style="dim")
    else:
        side = "Japanese only" if tp.ja else "English only"
        head.append(f"{_name(tp.ja or tp.en)}", style="bold underline")
        head.append(f"   {side}: {', '.join(tp.evidence.reasons)}", style="yellow")
    console.print(head)
    if not (tp.ja and tp.en):
        return
    for cp in tp.columns:
        a = f"{cp.ja.index + 1}: {cp.ja.title or '?'}" if cp.ja else "—"
        b = f"{cp.en.index + 1}: {cp.en.title or '?'}" if cp.en else "—"
        _write_line(console, "col", a, b, cp.evidence, bool(cp.ja and cp.en))
    for rp in tp.rows:
        a = f"{rp.ja.line} {rp.ja.label}" if rp.ja else "—"
        b = f"{rp.en.line} {rp.en.label}" if rp.en else "—"
        _write_line(console, "row", a, b, rp.evidence, bool(rp.ja and rp.en))


def _write_line(console: Console, tag: str, a: str, b: str, evidence: Evidence, paired: bool) -> None:
    t = Text(f"  {tag} ")
    t.append(f"{a}  ↔  {b}")
    t.append(f"   {evidence.score:.2f} ({', '.join(evidence.reasons)})", style="dim" if paired else "yellow")
    console.print(t)
