"""Content signatures: the informative figures a table or column holds, as a multiset.

Figures are keyed by their Decimal value: equal values (1.0 and 1) are one key, as Decimal
hashes and compares by value.

Two tables (or columns) that translate each other hold the same figures, whatever their
captions say; the Dice coefficient of their signatures measures that.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from ..model import QKind, Quantity, Table


def _informative(value: Decimal, decimals: int) -> bool:
    """Figures that say something about identity: not 0, not 100.0, not a lone small count."""
    if value == 0 or abs(value) == 100:
        return False
    return decimals > 0 or abs(value) >= 10


class Signatures(NamedTuple):
    """A table's informative figures and dates (`table`, with their count `total`), and each
    value column's figures (`columns`, by column index), read in one pass over its cells."""

    table: dict[object, int]
    total: int
    columns: list[dict[Decimal, int]]


def signatures(table: Table) -> Signatures:
    """The table's signature (its informative figures, range ends included, and the dates its
    cells hold: a table of facts such as a report's cover has a filing date and no figure)
    and its columns' (their cells' informative figures)."""
    columns: list[dict[Decimal, int]] = [{} for _ in table.columns]
    n = len(columns)
    rest: dict[object, int] = {}  # what only the table's signature holds
    for row in table.rows:
        for cell in row.cells:
            if cell.date is not None:
                d = cell.date
                key: object = ("date", d.year, d.month, d.day)
                rest[key] = rest.get(key, 0) + 1
                continue
            q = cell.quantity
            if q is None or q.kind is not QKind.NUMBER or q.value is None:
                continue
            if _informative(q.value, q.decimals):
                sig = columns[cell.column] if cell.column < n else rest
                sig[q.value] = sig.get(q.value, 0) + 1
            if q.upper is not None and _informative(q.upper, q.decimals):
                rest[q.upper] = rest.get(q.upper, 0) + 1
    whole = rest
    for sig in columns:
        for key, count in sig.items():
            whole[key] = whole.get(key, 0) + count
    return Signatures(whole, sum(whole.values()), columns)


def dice(a: Mapping[object, int], b: Mapping[object, int], ta: int | None = None, tb: int | None = None) -> float:
    """The Dice coefficient of two multisets (key -> count), `ta` and `tb` their totals when
    known: the smaller walked against the larger, no intersection built."""
    ta = sum(a.values()) if ta is None else ta
    tb = sum(b.values()) if tb is None else tb
    if not ta or not tb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[k]) for k, n in a.items() if k in b)
    return 2 * common / (ta + tb)


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
