"""A quicker constructor for the records made once per cell or per column.

The `__init__` dataclasses writes for a frozen class sets each field through
`object.__setattr__`, looked up and called once per field; for a record of ten fields that
is most of what making one costs, and a table row of 64,000 cells makes several records per
cell in each stage. `fast_init` gives a frozen dataclass with slots an `__init__` of the same
signature and defaults that stores each field through its slot directly. Nothing else
changes: the class stays frozen (assigning a field raises), and is compared, hashed, printed,
pickled and `replace`d by the dataclass machinery as before.

Only for frozen, slotted dataclasses without `__post_init__`, default factories or
keyword-only fields (checked when the class is made).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """`cls` (a frozen dataclass made with slots=True) with a quicker `__init__`."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    params: Any = getattr(cls, "__dataclass_params__", None)
    if (
        params is None
        or not params.frozen
        or "__slots__" not in cls.__dict__
        or hasattr(cls, "__post_init__")
        or any(not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields)
    ):
        raise TypeError(f"fast_init: {cls.__name__} is not a frozen dataclass with slots and plain fields")
    scope: dict[str, object] = {}
    signature, body = [], []
    for f in fields:
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's own setter: no __setattr__
        if f.default is dataclasses.MISSING:
            signature.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _set_{f.name}(self, {f.name})\n")
    source = f"def __init__(self, {', '.join(signature)}):\n{''.join(body) or '    pass'}\n"
    namespace: dict[str, Any] = {}
    exec(source, scope, namespace)  # as dataclasses itself writes __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
