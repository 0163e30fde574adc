"""The records made once per cell (model.fast.fast_init) behave as the dataclasses they are."""

from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal

import pytest

from taiyaku.model import Cell, CellComparison, Column, ColumnPair, Comparison, Evidence, QKind, Quantity, Row
from taiyaku.model.document import NamedPeriod, Period, RowKind
from taiyaku.model.fast import fast_init

FAST = [Quantity, Cell, Row, Column, NamedPeriod, Evidence, ColumnPair, Comparison, CellComparison]


@pytest.mark.parametrize("cls", FAST, ids=lambda c: c.__name__)
def test_a_fast_record_keeps_the_dataclass_signature(cls: type) -> None:
    import inspect

    params = inspect.signature(cls.__init__).parameters
    fields = dataclasses.fields(cls)
    assert [p for p in params if p != "self"] == [f.name for f in fields]
    for f in fields:
        expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert params[f.name].default == expected


def test_a_fast_record_is_filled_frozen_hashed_replaced_and_pickled() -> None:
    q = Quantity("(1,234.5)", QKind.NUMBER, Decimal("-1234.5"), 1, negative_style="paren", grouped=True)
    assert (q.text, q.kind, q.value, q.decimals, q.percent, q.negative_style, q.grouped, q.scale, q.unit, q.upper) == (
        "(1,234.5)", QKind.NUMBER, Decimal("-1234.5"), 1, False, "paren", True, 0, None, None)  # fmt: skip
    same = Quantity("(1,234.5)", QKind.NUMBER, Decimal("-1234.5"), 1, False, "paren", True)
    assert q == same and hash(q) == hash(same)
    assert q != dataclasses.replace(q, decimals=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.decimals = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Quantity("1")  # type: ignore[call-arg]  # kind is required
    cell = Cell("1", "1", 3, 0, q)
    row = Row("売上高", "売上高", 3, 0, RowKind.DATA, (cell,))
    assert pickle.loads(pickle.dumps(row)) == row
    assert row.cell(0) is cell and row.unit_scale is None
    col = Column(0, ("2026年3月期",), Period((2026, 3), None, "year"))
    assert dataclasses.replace(col, kind="jpy").kind == "jpy" and col.title == ""
    assert "Column(index=0" in repr(col)


def test_fast_init_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    for cls in (NoSlots, NotFrozen, Factory):
        with pytest.raises(TypeError, match="fast_init"):
            fast_init(cls)
