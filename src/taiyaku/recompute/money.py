"""The money cells and row labels of one document, indexed once for the prose tie-out.

A money cell is a cell of a table that declares a unit, in a column that is neither USD,
share of total nor change %, in a data row that is not a share count; its interval is kept
as a magnitude in yen (the table's unit applied). Row labels are kept as keys (footnote
marks and parenthesised parts dropped, NFKC, lower case) with the forms a sentence may use
for them: the label itself (strong), and weak forms ("revenues" for "Total revenues",
営業収益 for 営業収益合計, and the aliases in taiyaku.lang).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from ..lang import en, ja
from ..lang.script import continues_word, has_japanese
from ..model import (
    Cell,
    Column,
    Convention,
    Document,
    Lang,
    Mention,
    Period,
    ProseUnit,
    QKind,
    Quantity,
    Row,
    RowKind,
    Table,
)
from ..parse import periods
from ..parse.numbers import effective_scale, strip_label_footnotes

# Columns whose cells are not amounts in yen.
_EXCLUDED_COLUMN_KINDS = frozenset({"usd", "share", "yoy", "qoq"})
# Rows whose figures are plain yen whatever unit the table declares.
PER_UNIT_RE = re.compile(r"\bper\b|あたり|当たり", re.IGNORECASE)
# Rows that count shares, not money.
_COUNT_ROW_RE = re.compile(r"\bnumber of\b|株式総数|証券総数|株式数", re.IGNORECASE)

# Label forms too generic to name a row, and the words a sentence uses for a line whose
# label says it differently (they only help choose among rows, never make a row "named").
_GENERIC_FORMS = ja.GENERIC_LABELS | en.GENERIC_LABELS
ALIASES: dict[Lang, dict[str, str]] = {Lang.JA: ja.LABEL_ALIASES, Lang.EN: en.LABEL_ALIASES}

# Parenthesised parts of a label: "(loss)", "(benefit)", "(capitalized leases を含む)".
_PAREN_RE = re.compile(r"\s*[(（][^()（）]*[)）]")
_WS_RE = re.compile(r"\s+")

def mention_magnitude(q: Quantity) -> tuple[Decimal, Decimal]:
    """[lo, hi) of the size a prose amount may stand for, rounded or truncated, in yen."""
    v = abs(q.value)  # type: ignore[arg-type]
    step = Decimal(1).scaleb(-q.decimals)
    factor = Decimal(1).scaleb(q.scale)
    return max(Decimal(0), v - step / 2) * factor, (v + step) * factor


# --------------------------------------------------------------------------------------------
# The document's money cells and row labels, built once per document
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One money cell: where it is, its row's label key, its size interval in yen."""

    table: Table
    row: Row
    cell: Cell
    column: Column
    key: str
    scale: int  # the extra power of ten applied to the cell's display
    lo: Decimal
    hi: Decimal
    end: tuple[int, int] | None  # the column's period end (resolved from its code)
    span: str | None
    order: int  # position in the document, for a stable choice


@dataclass(frozen=True)
class Occurrence:
    start: int  # offsets in the original sentence text
    end: int
    keys: frozenset[str]
    strong: bool


class MoneyIndex:
    """The money cells of a document sorted by magnitude, and its row labels with their forms.

    Built once per document by the recompute stage, under the rounding convention in force
    and the document's fiscal-year end (for quarter codes).
    """

    def __init__(self, doc: Document, convention: Convention, fy_end_month: int) -> None:
        self.document = doc
        self.lang = doc.lang
        self.fy_end_month = fy_end_month
        self.convention = convention
        self.latest: dict[str, tuple[int, int]] = {}
        self.periods: dict[tuple[str, int], Period] = {}
        self.rows_by_key: dict[str, list[tuple[Table, Row]]] = {}
        self.strong: dict[str, set[str]] = {}  # form -> keys
        self.weak: dict[str, set[str]] = {}
        slots: list[Slot] = []
        order = 0
        for table in doc.tables:
            if table.unit_scale is None:
                continue
            columns = {c.index: c for c in table.columns}
            for c in table.columns:
                if c.kind in _EXCLUDED_COLUMN_KINDS or c.period is None:
                    continue
                p = periods.resolve(c.period, fy_end_month)
                self.periods[(table.id, c.index)] = p
                if p.end is not None and p.end > self.latest.get(table.id, (0, 0)):
                    self.latest[table.id] = p.end
            for row in table.rows:
                if row.kind is not RowKind.DATA or _COUNT_ROW_RE.search(row.label):
                    continue
                key = _label_key(row.label)
                if not key:
                    continue
                self.rows_by_key.setdefault(key, []).append((table, row))
                self._add_forms(key)
                per_unit = PER_UNIT_RE.search(row.label) is not None
                for cell in row.cells:
                    col = columns.get(cell.column)
                    q = cell.quantity
                    if col is None or col.kind in _EXCLUDED_COLUMN_KINDS or not is_money(q):
                        continue
                    if q.value == 0:  # type: ignore[union-attr]
                        continue  # a nil in thousands "agrees" with any small amount
                    scale = 0 if per_unit else effective_scale(q, table.unit_scale)  # type: ignore[arg-type]
                    lo, hi = magnitude(q.interval(self.convention, scale))  # type: ignore[union-attr]
                    cp = self.periods.get((table.id, col.index))
                    slots.append(Slot(table, row, cell, col, key, scale, lo, hi,
                                      cp.end if cp else None, cp.span if cp else None, order))  # fmt: skip
                    order += 1
        for word, target in ALIASES.get(self.lang, {}).items():
            keys = self.strong.get(target, set()) | self.weak.get(target, set())
            if keys and word not in self.strong:
                self.weak.setdefault(word, set()).update(keys)
        slots.sort(key=lambda s: s.lo)
        self.slots = slots
        self.los = [s.lo for s in slots]
        self.width = max((s.hi - s.lo for s in slots), default=Decimal(0))
        forms = [(f, True) for f in self.strong] + [(f, False) for f in self.weak if f not in self.strong]
        self.forms = sorted(forms, key=lambda fs: (-len(fs[0]), fs[0]))
        self.units: dict[int, ProseUnit] = {u.line: u for u in doc.prose}

    def _add_forms(self, key: str) -> None:
        if _usable_form(key):
            self.strong.setdefault(key, set()).add(key)
        weak = None
        if key.startswith(en.TOTAL_PREFIX):
            weak = key[len(en.TOTAL_PREFIX):]
        elif key.endswith(ja.TOTAL_SUFFIX):
            weak = key[: -len(ja.TOTAL_SUFFIX)].strip()
        if weak and _usable_form(weak):
            self.weak.setdefault(weak, set()).add(key)

    # -- amounts ------------------------------------------------------------------------------

    def hits(self, m: Mention) -> list[Slot]:
        """The money cells an amount mention agrees with (magnitudes)."""
        lo, hi = mention_magnitude(m.quantity)
        first = bisect_left(self.los, lo - self.width)
        last = bisect_left(self.los, hi)
        return [s for s in self.slots[first:last] if s.hi > lo]

    def choose(
        self, hits: list[Slot], names: dict[str, bool], hint: Period | None = None
    ) -> list[Slot]:
        """The rows an amount is about (one cell each), or [] when that is not clear.

        `hint` is the period written right after the amount ("JPY865 million in 1Q02").
        """
        if not hits:
            return []
        dated = [s for s in hits if s.end is not None]
        if dated:
            hits = dated
        if hint is not None and hint.end is not None:
            hinted = [s for s in hits if s.end == hint.end and (not s.span or s.span == hint.span)]
            if hinted:
                hits = hinted
        best: dict[tuple[str, int], Slot] = {}
        for s in hits:
            k = (s.table.id, s.row.index)
            b = best.get(k)
            if b is None or (s.end or (0, 0), -s.column.index) > (b.end or (0, 0), -b.column.index):
                best[k] = s
        rows = sorted(best.values(), key=lambda s: s.order)
        if len(rows) == 1:
            return rows
        strong = [s for s in rows if names.get(s.key) is True]
        weak = [s for s in rows if s.key in names]
        pool = strong or weak or rows
        return pool if len({s.key for s in pool}) == 1 else []

    # -- labels ---------------------------------------------------------------------------------

    def occurrences(self, text: str) -> list[Occurrence]:
        """Where row labels (and their weak forms) stand in `text`, longest first."""
        norm, source = _normalise(text)
        taken: list[tuple[int, int]] = []
        out: list[Occurrence] = []
        for form, strong in self.forms:
            if form not in norm:
                continue
            pos = norm.find(form)
            while pos >= 0:
                end = pos + len(form)
                if _bounded(norm, pos, end) and not any(a < end and pos < b for a, b in taken):
                    taken.append((pos, end))
                    keys = (self.strong if strong else self.weak)[form]
                    out.append(Occurrence(source[pos], source[end - 1] + 1, frozenset(keys), strong))
                pos = norm.find(form, pos + 1)
        out.sort(key=lambda o: o.start)
        return out


def names_in(found: list[Occurrence]) -> dict[str, bool]:
    """key -> True when a row is named by its label, False when only by a weak form."""
    named: dict[str, bool] = {}
    for o in found:
        for k in o.keys:
            named[k] = named.get(k, False) or o.strong
    return named


def is_money(q: Quantity | None) -> bool:
    return (
        q is not None
        and q.kind is QKind.NUMBER
        and q.value is not None
        and q.upper is None
        and not q.percent
        and q.unit in (None, "JPY")
    )


def magnitude(iv: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    lo, hi = iv
    if hi <= 0:
        return -hi, -lo
    if lo < 0:
        return Decimal(0), max(-lo, hi)
    return lo, hi


def _label_key(label: str) -> str:
    s = unicodedata.normalize("NFKC", strip_label_footnotes(label)).lower()
    s = _PAREN_RE.sub("", s)
    return _WS_RE.sub(" ", s).strip(" :")


def _usable_form(form: str) -> bool:
    if form in _GENERIC_FORMS:
        return False
    if has_japanese(form):
        return len(form) >= 2
    return len(form) >= 3


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a word: not glued to letters of a longer one."""
    for inner, outer in ((text[start], text[start - 1] if start else ""),
                         (text[end - 1], text[end] if end < len(text) else "")):  # fmt: skip
        if not outer:
            continue
        if inner.isascii() and inner.isalnum():
            if outer.isascii() and outer.isalnum():
                return False
        elif continues_word(inner) and continues_word(outer):
            return False
    return True


def _normalise(text: str) -> tuple[str, list[int] | range]:
    """NFKC and lower case, with where each character came from in `text`."""
    norm = unicodedata.normalize("NFKC", text).lower()
    if len(norm) == len(text):
        return norm, range(len(text))
    out: list[str] = []
    source: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch).lower()
        out.append(n)
        source.extend([i] * len(n))
    return "".join(out), source
