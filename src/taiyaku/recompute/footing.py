"""Find which rows of a table are totals of which others, from the arithmetic itself.

Statements nest: "Total costs" sums three cost rows; "Total costs and expenses" sums Total
costs and three expense rows; "Operating income (loss)" is Total revenues minus Total
costs and expenses; "Cash, End of Period" is the net change plus the beginning balance.
Labels are unreliable (合計, 計, "Net loss", "Operating income" are all totals), so the
structure is read from the figures: rows are taken top to bottom, keeping a list of the
rows not yet summed into a total; a row is a total when the last few rows of that list,
each with a sign, add up to it in most of the table's additive columns. Its terms then
leave the list and the total takes their place, so the next level up sums subtotals.

A relation that holds in most columns but fails in one is exactly a footing error, so
relations are accepted on a majority and their failing columns are kept.

Sums are checked on the intervals the displays denote (in integer units, doubled so half
units stay whole): the sum of n rounded figures may differ from their rounded total by up
to (n + 1) / 2 in the last digit without anything being wrong.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..model import Convention, QKind, Relation, RowKind, Table
from .roles import ADDITIVE_KINDS

MAX_TERMS = 20  # all-plus windows up to this many rows
MAX_SIGNED_TERMS = 5  # windows with minus signs up to this many rows (2**4 sign patterns)
SIGNIFICANT = 10  # a total is significant when it exceeds the tolerance this many times

_TOTAL_LABEL = re.compile(
    r"^\s*(total|net|subtotal)\b|\btotal\b|end of (the )?(period|year)|合計|小計|計\s*$|期末残高|純",
    re.I,
)


@dataclass(frozen=True)
class Grid:
    """A table's additive cells as integers: (value in units of 10**-decimals[col], unit)."""

    table: Table
    columns: tuple[int, ...]
    decimals: dict[int, int]
    cells: dict[tuple[int, int], tuple[int, int]]  # (row, col) -> (value, step); step 0 = exact nil
    bounds: dict[tuple[Convention, int, int], tuple[int, int]] = field(default_factory=dict)

    def get(self, row: int, col: int) -> tuple[int, int] | None:
        return self.cells.get((row, col))

    def interval(self, row: int, col: int, convention: Convention) -> tuple[int, int] | None:
        """interval2 of a cell, computed once."""
        key = (convention, row, col)
        got = self.bounds.get(key)
        if got is None:
            c = self.cells.get((row, col))
            if c is None:
                return None
            got = self.bounds[key] = interval2(c[0], c[1], convention)
        return got


def build_grid(table: Table) -> Grid:
    columns = tuple(c.index for c in table.columns if c.kind in ADDITIVE_KINDS)
    decimals: dict[int, int] = dict.fromkeys(columns, 0)  # the most decimals a column shows
    for row in table.rows:
        for cell in row.cells:
            q = cell.quantity
            if cell.column in decimals and q is not None and q.kind is QKind.NUMBER:
                decimals[cell.column] = max(decimals[cell.column], q.decimals)
    cells: dict[tuple[int, int], tuple[int, int]] = {}
    for row in table.rows:
        if row.kind is not RowKind.DATA:
            continue
        for cell in row.cells:
            q = cell.quantity
            if cell.column not in decimals or q is None:
                continue
            if q.kind is QKind.NIL:
                cells[(row.index, cell.column)] = (0, 0)
            elif q.kind is QKind.NUMBER and q.upper is None and q.value is not None:
                d = decimals[cell.column]
                cells[(row.index, cell.column)] = (int(q.value.scaleb(d)), 10 ** (d - q.decimals))
    return Grid(table, columns, decimals, cells)


def interval2(value: int, step: int, convention: Convention) -> tuple[int, int]:
    """The closed interval (doubled) a display denotes; step 0 means an exact nil."""
    if step == 0:
        return 0, 0
    if convention is Convention.ROUND:
        return 2 * value - step, 2 * value + step
    if value > 0:
        return 2 * value, 2 * value + 2 * step
    if value < 0:
        return 2 * value - 2 * step, 2 * value
    return -2 * step, 2 * step


def exact_sum(grid: Grid, relation: Relation, col: int, override: dict[int, int] | None = None) -> bool:
    """Whether the displayed figures add up exactly in `col` (with some rows replaced)."""
    override = override or {}

    def v(r: int) -> int | None:
        if r in override:
            return override[r]
        c = grid.get(r, col)
        return None if c is None else c[0]

    t = v(relation.total)
    parts = [v(r) for r, _ in relation.terms]
    if t is None or any(p is None for p in parts):
        return False
    return sum(s * p for (_, s), p in zip(relation.terms, parts) if p is not None) == t


def find_relations(grid: Grid, convention: Convention = Convention.ROUND) -> tuple[Relation, ...]:
    """The totals of a table and their terms, read top to bottom (see the module docstring)."""
    table = grid.table
    if not grid.columns:
        return ()
    relations: list[Relation] = []
    items: list[int] = []  # rows not yet summed into a total, top to bottom
    damaged = table.ghosts
    for row in table.rows:
        if row.kind is not RowKind.DATA or row.index in damaged or not _has_nonzero(grid, row.index):
            continue
        found = _best_relation(grid, row.index, items, convention, bool(_TOTAL_LABEL.search(row.label)))
        if found is not None:
            relations.append(found)
            del items[len(items) - len(found.terms):]
        items.append(row.index)
    return tuple(relations)


def _has_nonzero(grid: Grid, row: int) -> bool:
    for c in grid.columns:
        v = grid.get(row, c)
        if v is not None and v[0] != 0:
            return True
    return False


def _best_relation(grid: Grid, total: int, items: list[int], convention: Convention,
                   labelled: bool) -> Relation | None:  # fmt: skip
    """The best-scoring relation making `total` the sum of the last rows of `items`.

    Windows of the last n open rows are tried for n = 2, 3, ...: all plus signs first, then,
    for short windows, every pattern with minus signs. Ties keep the earlier candidate. The
    cells of the window are fetched once per column, and the all-plus sums grow by one row
    at each step, so trying every window costs about one pass over them.
    """
    cols = grid.columns
    m = min(len(items), MAX_TERMS)
    if m < 2:
        return None  # a total has two terms at least
    recent = items[::-1][:m]  # newest first: recent[j] is items[-1 - j]
    totals = [grid.interval(total, c, convention) for c in cols]
    # cells[k][j]: the interval of recent[j] in column k (None when missing); tol[k][n]: the
    # tolerance, in units, of the total and the n newest terms in column k.
    cells = [[grid.interval(r, c, convention) for r in recent] for c in cols]
    tol: list[list[int]] = []
    for c in cols:
        t = grid.cells.get((total, c))
        running = [t[1] if t is not None else 0]
        for r in recent:
            got = grid.cells.get((r, c))
            running.append(running[-1] + (got[1] if got is not None else 0))
        tol.append(running)
    sums: list[list[int] | None] = [None if t is None else [0, 0] for t in totals]
    # |2 x total| per column, for whether the total is large against its tolerance.
    sizes = [abs(2 * grid.cells[(total, c)][0]) if t is not None else 0 for t, c in zip(totals, cols)]
    ncols = len(cols)
    best: tuple | None = None
    for n in range(1, m + 1):
        for k in range(ncols):
            acc = sums[k]
            if acc is None:
                continue
            iv = cells[k][n - 1]
            if iv is None:
                sums[k] = None
                continue
            acc[0] += iv[0]
            acc[1] += iv[1]
        if n < 2:
            continue
        for signs in (None, *_SIGNS.get(n, ())):
            # Judge the columns in order; stop once the relation cannot hold in most of them.
            holds: list[int] = []
            fails: list[int] = []
            significant = 0
            for k in range(ncols):
                t = totals[k]
                if signs is None:
                    sum_k = sums[k]
                    if sum_k is None or t is None:
                        continue
                    ok = sum_k[0] <= t[1] and t[0] <= sum_k[1]
                else:
                    v = _signed(cells, totals, signs, k)
                    if v is None:
                        continue
                    ok = v
                if ok:
                    holds.append(cols[k])
                    if sizes[k] >= SIGNIFICANT * max(tol[k][n], 1):
                        significant += 1
                else:
                    fails.append(cols[k])
                    remaining = ncols - k - 1
                    if 2 * len(fails) > len(holds) + remaining or len(fails) > len(holds) + 1:
                        break  # cannot (or is most unlikely to) hold in twice as many columns
            else:
                terms = tuple(zip(items[-n:], signs or (1,) * n))
                if not _credible(grid, terms, holds, fails, significant, labelled, signs is None):
                    continue
                key = (len(holds) - 2 * len(fails), signs is None, -n)
                if best is None or key > best[0]:
                    best = (key, terms, tuple(holds), tuple(fails))
    if best is None:
        return None
    _, terms, holds_t, fails_t = best
    return Relation(total, terms, holds_t, fails_t, labelled)


def _sign_patterns(n: int) -> tuple[tuple[int, ...], ...]:
    """The sign patterns of n terms (oldest first) with at least one minus; the first is +."""
    return tuple((1, *rest) for rest in itertools.product((1, -1), repeat=n - 1) if -1 in rest)


# Sign patterns with minus signs, for the windows short enough to try them all.
_SIGNS: dict[int, tuple[tuple[int, ...], ...]] = {n: _sign_patterns(n) for n in range(2, MAX_SIGNED_TERMS + 1)}


def _signed(cells: list[list[tuple[int, int] | None]], totals: list[tuple[int, int] | None],
            signs: tuple[int, ...], k: int) -> bool | None:  # fmt: skip
    """Whether, in column k, the total = signed sum of the len(signs) newest terms (None when
    a cell is missing)."""
    t = totals[k]
    if t is None:
        return None
    n = len(signs)
    lo = hi = 0
    column = cells[k]
    for j in range(n):
        iv = column[j]
        if iv is None:
            return None
        if signs[n - 1 - j] > 0:
            lo += iv[0]
            hi += iv[1]
        else:
            lo -= iv[1]
            hi -= iv[0]
    return lo <= t[1] and t[0] <= hi


def _credible(grid: Grid, terms: tuple[tuple[int, int], ...], holds: list[int], fails: list[int],
              significant: int, labelled: bool, all_plus: bool) -> bool:  # fmt: skip
    """Whether a relation that survived the column judging is credible: its + and - terms do
    not cancel, it holds in enough columns, and its total is large against its tolerance in
    enough of them."""
    if not all_plus and _cancels(grid, terms, holds):
        return False
    if not fails:
        needed = 1 if len(grid.columns) == 1 and (labelled or all_plus) else 2
        return len(holds) >= needed and significant >= needed
    return len(holds) >= max(3, 2 * len(fails)) and significant >= 2


def _cancels(grid: Grid, terms, columns: list[int]) -> bool:
    """A + term and a - term equal in every column: they cancel, and the relation says
    nothing (two identical rows would make any total "add up")."""
    plus = [r for r, s in terms if s > 0]
    minus = [r for r, s in terms if s < 0]
    for a in plus:
        for b in minus:
            if all(grid.get(a, c) == grid.get(b, c) for c in columns):
                return True
    return False
