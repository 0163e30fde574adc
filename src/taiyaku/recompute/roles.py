"""The role of each value column of a table: which amount column a share column divides,
which JPY column a USD column converts, which two amount columns a change column compares;
and the rows a share column is taken of (the row showing 100.0)."""

from __future__ import annotations

from ..model import Column, ColumnRoles, QKind, Table

# Column kinds holding amounts (figures that add up); shares add up too, changes do not.
AMOUNT_KINDS = (None, "jpy", "usd")
ADDITIVE_KINDS = (None, "jpy", "usd", "share")
CHANGE_KINDS = ("yoy", "qoq")


def column_roles(table: Table) -> ColumnRoles:
    cols = table.columns
    with_figures = _columns_with_figures(table)
    amount = [c.index for c in cols if c.kind in AMOUNT_KINDS and c.kind != "usd" and c.index in with_figures]
    share_base: dict[int, int] = {}
    usd_source: dict[int, int] = {}
    change_inputs: dict[int, tuple[int, int]] = {}
    for c in cols:
        if c.kind == "share":
            left = [i for i in amount if i < c.index]
            if left:
                share_base[c.index] = left[-1]
        elif c.kind == "usd":
            right = [d.index for d in cols if d.index > c.index and d.kind == "jpy"]
            same = [i for i in right if _same_period(cols[i], c)]
            if same or right:
                usd_source[c.index] = (same or right)[0]
        elif c.kind in CHANGE_KINDS:
            # the prior period is the amount column just left of the change; the current
            # one is the table's first amount column
            left = [i for i in amount if i < c.index]
            if left and amount[0] != left[-1]:
                change_inputs[c.index] = (amount[0], left[-1])
    return ColumnRoles(share_base, usd_source, change_inputs)


def hundred_rows(table: Table, column: int) -> list[int]:
    """Indexes of the body rows whose cell in a share column reads 100 (the bases)."""
    out = []
    for row in table.rows:
        cell = row.cell(column)
        q = cell.quantity if cell else None
        if q is not None and q.kind is QKind.NUMBER and q.upper is None and q.value == 100:
            out.append(row.index)
    return out


def _same_period(a: Column, b: Column) -> bool:
    return a.period is not None and b.period is not None and a.period.key() == b.period.key()


def _columns_with_figures(table: Table) -> set[int]:
    """The value columns (by index) holding a figure in some row."""
    return {
        cell.column
        for row in table.rows
        for cell in row.cells
        if cell.quantity is not None and cell.quantity.kind is QKind.NUMBER
    }
