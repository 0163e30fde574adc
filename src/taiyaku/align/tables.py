"""Pair the tables of the Japanese part with those of the English part, then their columns
and rows.

Tables are paired as one assignment over all tables, scored mostly by the figures they
share (so a missing or reworded caption does not matter), helped by their captions
(表 1 ↔ Table 1, Appendix 2 ↔ Appendix 2, 貸借対照表 ↔ BALANCE SHEETS) and their order.
"""

from __future__ import annotations

from ..model import Alignment, Document, Evidence, Table, TablePair
from ..parse import headers
from .assign import scored_pairs
from .columns import align_columns
from .labels import LabelScorer, default_label_scorer
from .rows import align_rows
from .signature import Signatures, dice, signatures

THRESHOLD = 0.3


def _caption_facts(t: Table) -> tuple[tuple[str, int] | None, str | None, tuple[tuple[str, int], ...]]:
    """The table's caption number (表 1), statement kind, and the numbers of the outline its
    title lines stand under ("４．取得株式数…" then "(1) …": (("dot", 4), ("paren", 1)))."""
    number = None
    statement = None
    outline = []
    for _, text in t.title_lines:
        number = headers.caption_number(text) or number
        statement = headers.statement_kind(text) or statement
        if (item := headers.item_number(text)) is not None:
            outline.append(item)
    return number, statement, tuple(outline)


def table_score(a: Table, b: Table, pos_a: float, pos_b: float, sig_a: Signatures, sig_b: Signatures,
                facts_a, facts_b):  # fmt: skip
    reasons = []
    figures = dice(sig_a.table, sig_b.table, sig_a.total, sig_b.total)
    reasons.append(f"figures {figures:.0%}")
    caption = 0.0
    (num_a, st_a, outline_a), (num_b, st_b, outline_b) = facts_a, facts_b
    if num_a and num_b:
        if num_a == num_b:
            caption += 0.25
            reasons.append(f"caption {num_a[0]} {num_a[1]}")
        else:
            caption -= 0.15
    elif outline_a and outline_a == outline_b:  # numbered alike: a help, never a penalty
        caption += 0.25
        reasons.append("numbered " + " ".join(headers.show_item(*i) for i in outline_a))
    if st_a and st_b:
        if st_a == st_b:
            caption += 0.1
            reasons.append(f"statement {st_a}")
        else:
            caption -= 0.1
    position = 1.0 - abs(pos_a - pos_b)
    score = 0.75 * figures + caption + 0.1 * position
    return score, tuple(reasons)


def align_documents(ja: Document, en: Document, labels: LabelScorer | None = None) -> Alignment:
    labels = labels or default_label_scorer
    tj, te = ja.tables, en.tables
    sig_j = [signatures(t) for t in tj]
    sig_e = [signatures(t) for t in te]
    facts_j = [_caption_facts(t) for t in tj]
    facts_e = [_caption_facts(t) for t in te]
    nj, ne = max(len(tj) - 1, 1), max(len(te) - 1, 1)

    def score(i: int, j: int) -> tuple[float, tuple[str, ...]]:
        return table_score(tj[i], te[j], i / nj, j / ne, sig_j[i], sig_e[j], facts_j[i], facts_e[j])

    pairs, scored = scored_pairs(len(tj), len(te), score, THRESHOLD, lambda s: s[0])

    out: list[TablePair] = []
    for i, j in pairs:
        a, b = tj[i], te[j]
        s, reasons = scored[(i, j)]
        columns = align_columns(a, b, sig_j[i].columns, sig_e[j].columns)
        rows = align_rows(a, b, columns, labels)
        out.append(TablePair(a, b, Evidence(round(s, 3), reasons), columns, rows))
    paired_j = {i for i, _ in pairs}
    paired_e = {j for _, j in pairs}
    for i, t in enumerate(tj):
        if i not in paired_j:
            out.append(TablePair(t, None, Evidence(0.0, ("no English table shares its figures",))))
    for j, t in enumerate(te):
        if j not in paired_e:
            out.append(TablePair(None, t, Evidence(0.0, ("no Japanese table shares its figures",))))
    out.sort(key=lambda p: (p.ja.first_line if p.ja else float("inf"), p.en.first_line if p.en else 0))
    return Alignment(ja, en, tuple(out))
