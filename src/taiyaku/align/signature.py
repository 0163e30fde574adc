"""Content signatures: the informative figures a table or column holds, as a multiset.

Two tables (or columns) that translate each other hold the same figures, whatever their
captions say; the Dice coefficient of their signatures measures that.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..model import QKind, Quantity, Table


def _informative(value: Decimal, decimals: int) -> bool:
    """Figures that say something about identity: not 0, not 100.0, not a lone small count."""
    if value == 0 or abs(value) == 100:
        return False
    return decimals > 0 or abs(value) >= 10


def table_signature(table: Table) -> Counter:
    """The table's informative figures, and the dates its cells hold (a table of facts such
    as a report's cover has a filing date and no figure)."""
    sig: dict[object, int] = {}
    for row in table.rows:
        for cell in row.cells:
            if cell.date is not None:
                d = cell.date
                key: object = ("date", d.year, d.month, d.day)
                sig[key] = sig.get(key, 0) + 1
                continue
            q = cell.quantity
            if q is None or q.kind is not QKind.NUMBER or q.value is None:
                continue
            if _informative(q.value, q.decimals):
                key = q.value.normalize()
                sig[key] = sig.get(key, 0) + 1
            if q.upper is not None and _informative(q.upper, q.decimals):
                key = q.upper.normalize()
                sig[key] = sig.get(key, 0) + 1
    return Counter(sig)


def column_signatures(table: Table) -> list[dict[Decimal, int]]:
    """Each value column's informative figures (a multiset: figure -> count), by column
    index, in one pass over the table's cells."""
    sigs: list[dict[Decimal, int]] = [{} for _ in table.columns]
    n = len(sigs)
    for row in table.rows:
        for cell in row.cells:
            q = cell.quantity
            if q is None or q.kind is not QKind.NUMBER or cell.column >= n:
                continue
            if q.value is not None and _informative(q.value, q.decimals):
                sig = sigs[cell.column]
                key = q.value.normalize()
                sig[key] = sig.get(key, 0) + 1
    return sigs


def dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    common = sum((a & b).values())
    return 2 * common / total


def weight(q: Quantity) -> float:
    """How much an agreeing figure says about two rows being the same row (0.2 .. 1.0).

    "3,341,255" agreeing is strong evidence; "0", "-" or "100.0" agreeing is weak.
    """
    if q.kind is not QKind.NUMBER or q.value is None:
        return 0.2
    v = q.value
    digits = len(str(abs(v)).replace(".", "").lstrip("0"))
    return _WEIGHTS[min(digits, 1 if v == 0 or v == 100 else 6)]


_WEIGHTS = [0.2 + 0.8 * digits / 6 for digits in range(7)]  # weight() by significant digits (at most 6)
