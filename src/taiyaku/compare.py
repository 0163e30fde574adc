"""Compare two displayed figures by the values they denote, never by their strings.

A display denotes a half-open interval ("6.0" -> [5.95, 6.05) when rounded). Two displays
agree when their intervals intersect after scale (千円, 百万円, "in millions") is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .model import Convention, QKind, Quantity


class Verdict(str, Enum):
    SAME = "same"  # same value, same display
    FORMAT = "format"  # same value, displayed differently (1,519 vs 1519; 6 vs 6.0)
    NIL_ZERO = "nil-zero"  # "-" against "0": the same nothing, written two ways
    SIGN = "sign"  # same magnitude, opposite signs
    DIFFERENT = "different"  # the intervals do not meet
    KIND = "kind"  # a figure against n/a or "-", or n/a against "-", or a range against one figure


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    detail: str = ""

    @property
    def agrees(self) -> bool:
        return self.verdict in (Verdict.SAME, Verdict.FORMAT, Verdict.NIL_ZERO)


def effective_scale(q: Quantity, table_scale: int | None) -> int:
    """The power of ten a cell's figure is in: inline units win, percentages have none."""
    if q.percent or q.unit not in (None, "JPY", "USD"):
        return 0
    if q.scale:
        return 0  # the display carries its own scale (applied by Quantity.interval)
    return table_scale or 0


def _meets(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def compare(
    a: Quantity,
    b: Quantity,
    scale_a: int | None = None,
    scale_b: int | None = None,
    convention: Convention = Convention.ROUND,
) -> Comparison:
    """Compare figure `a` (one language) with figure `b` (the other)."""
    if a.kind is not QKind.NUMBER or b.kind is not QKind.NUMBER:
        if a.kind is b.kind:
            return Comparison(Verdict.SAME)
        for x, y in ((a, b), (b, a)):
            if x.kind is QKind.NIL and y.kind is QKind.NUMBER and y.value == 0:
                return Comparison(Verdict.NIL_ZERO, f"{x.text!r} and {y.text!r} both mean nil")
        return Comparison(Verdict.KIND, f"{_kind_name(a)} vs {_kind_name(b)}")

    if (a.upper is None) != (b.upper is None):
        return Comparison(Verdict.KIND, "a range against a single figure")

    # When only one table declares its unit, assume the other is in the same unit.
    if scale_a is None:
        scale_a = scale_b
    if scale_b is None:
        scale_b = scale_a
    ea, eb = effective_scale(a, scale_a), effective_scale(b, scale_b)

    ends = ("low", "high") if a.upper is not None else ("low",)
    if all(
        _meets(a.interval(convention, ea, end), b.interval(convention, eb, end)) for end in ends
    ):
        return _same_or_format(a, b)
    if a.value != 0 and b.value != 0:
        flipped = Quantity(a.text, a.kind, -a.value, a.decimals, a.percent, None, a.grouped,  # type: ignore[operator]
                           a.scale, a.unit, -a.upper if a.upper is not None else None)  # fmt: skip
        if _meets(flipped.interval(convention, ea), b.interval(convention, eb)):
            return Comparison(Verdict.SIGN, f"{a.text} and {b.text} differ in sign")
    return Comparison(Verdict.DIFFERENT)


def _same_or_format(a: Quantity, b: Quantity) -> Comparison:
    notes = []
    if a.grouped != b.grouped and max(abs(a.value), abs(b.value)) >= 1000:  # type: ignore[arg-type]
        notes.append("thousands separators differ")
    if a.decimals != b.decimals:
        notes.append(f"precision differs ({a.decimals} vs {b.decimals} decimals)")
    if notes:
        return Comparison(Verdict.FORMAT, "; ".join(notes))
    return Comparison(Verdict.SAME)


def _kind_name(q: Quantity) -> str:
    if q.kind is QKind.NUMBER:
        return f"figure {q.text}"
    return f"{'n/a' if q.kind is QKind.NA else 'nil'} ({q.text})"


def weight(q: Quantity) -> float:
    """How much an agreeing figure says about two rows being the same row (0.2 .. 1.0).

    "3,341,255" agreeing is strong evidence; "0", "-" or "100.0" agreeing is weak.
    """
    if q.kind is not QKind.NUMBER or q.value is None:
        return 0.2
    digits = len(str(abs(q.value)).replace(".", "").lstrip("0"))
    if q.value in (0, 100):
        digits = min(digits, 1)
    return 0.2 + 0.8 * min(digits, 6) / 6
