"""Periods: a table or column that names one period in Japanese and another in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ...lang import en as en_lang
from ...lang import ja as ja_lang
from ...model import Finding, Lang, Location, NamedPeriod, Period, Severity, Table, TablePair
from ...parse.facts import header_of
from ...parse.periods import Ordinal, describe, find_periods, ordinals, same_period
from ..context import CheckContext, at, where
from ..registry import Rule, register


def _describe(named: NamedPeriod) -> str:
    return describe(named.period, named.day, named.kind)


@register
class PeriodMismatch(Rule):
    """A table or a column names one period in Japanese and another in English.

    For every aligned table pair this compares (a) the periods its title lines name on each
    side ("2003年3月期通期、2002年3月期通期" against "For the Years Ended Mar 31, 2003 and
    2002") and (b) the period of each aligned column pair (2003年3月期 against Mar 31, 2003).
    A side whose title names no period is compared through its column headers instead; a
    table neither side dates is not checked. Periods agree when they end in the same month
    and do not state different spans: "2003年3月期" under a 四半期 caption (a quarter) agrees
    with "Three Months Ended Mar 31, 2003", 2003年3月期通期 with "Year Ended March 31, 2003",
    4Q02 with 2002年度第4四半期. Only contradictions count: a period that one side names and
    the other leaves out is not reported.

    When one side's title disagrees with its own column headers and the other side's does
    not, the message says which side to fix.
    """

    code = "TQ600"
    name = "period-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        fy = ctx.fy_end_month
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            reported: set[tuple[Lang, int, str]] = set()
            yield from self._columns(ctx, tp, fy, reported)
            yield from self._titles(ctx, tp, fy, reported)
        yield from self._prose(ctx, fy)

    def _prose(self, ctx: CheckContext, fy: int) -> Iterator[Finding]:
        """Paired sentences that name contradicting periods: 中間期 against "the third quarter",
        2026年3月期 against "the fiscal year ended March 31, 2025". Compared by the month a period
        ends in, or its sub-period number when it names no year; a span only one side states
        ("第2四半期" / "the six months ended September 30") is not held against it. Only when
        each sentence is left with exactly one period the other does not name."""
        if ctx.alignment.ja is None or ctx.alignment.en is None:
            return
        ja_doc, en_doc = ctx.document(Lang.JA), ctx.document(Lang.EN)
        for sp in ctx.alignment.sentences:
            ja = [m for m in find_periods(sp.ja.text, Lang.JA, fy) if m.kind == "period"
                  and not sp.ja.text[m.end :].lstrip().startswith(ja_lang.PERIOD_BASE_AFTER)]
            en = [m for m in find_periods(sp.en.text, Lang.EN, fy) if m.kind == "period"
                  and not _EN_BASE.search(sp.en.text[: m.start])]  # fmt: skip
            ja_left = [a for a in ja if not any(_prose_same(a.period, b.period, fy) for b in en)]
            en_left = [b for b in en if not any(_prose_same(a.period, b.period, fy) for a in ja)]
            if len(ja_left) != 1 or len(en_left) != 1:
                continue
            (a,), (b,) = ja_left, en_left
            if _prose_same(a.period, b.period, fy) is not False:
                continue
            yield self.finding(
                f"Japanese {a.text} ({describe(a.period)}) vs English {b.text} ({describe(b.period)})",
                at(ja_doc, sp.ja.line, a.text, sp.ja.text[:60]),
                at(en_doc, sp.en.line, b.text, sp.en.text[:60]),
                group=f"prose: ja {where(ja_doc, sp.ja.line)} ↔ en {where(en_doc, sp.en.line)}",
            )

    def _titles(
        self, ctx: CheckContext, tp: TablePair, fy: int, reported: set[tuple[Lang, int, str]]
    ) -> Iterator[Finding]:
        assert tp.ja is not None and tp.en is not None
        ja_t, en_t = list(tp.ja.title_periods), list(tp.en.title_periods)
        if not ja_t and not en_t:
            return  # neither title dates the table: the columns are compared on their own
        ja_c, en_c = list(tp.ja.column_periods), list(tp.en.column_periods)
        ja_ev, en_ev = ja_t or ja_c, en_t or en_c
        ja_miss = [j for j in ja_ev if _contradicted(j, en_ev, fy)]
        en_miss = [e for e in en_ev if _contradicted(e, ja_ev, fy)]
        if not ja_miss or not en_miss:
            return  # one side names more periods than the other, or nothing comparable
        for side, title, miss in ((Lang.JA, ja_t, ja_miss), (Lang.EN, en_t, en_miss)):
            if not title and all((side, n.line, n.text) in reported for n in miss):
                return  # a title against headers already reported as a column mismatch
        # Which side is at odds with its own table?
        en_self = bool(en_t and en_c) and all(_contradicted(e, en_c, fy) for e in en_miss)
        ja_self = bool(ja_t and ja_c) and all(_contradicted(j, ja_c, fy) for j in ja_miss)
        ja_what = "title" if ja_t else "column headers"
        en_what = "title" if en_t else "column headers"
        msg = (
            f"English {en_what} {_names(en_t)} {_list(_describe(e) for e in en_miss)}; "
            f"the Japanese {ja_what} {_names(ja_t)} "
            f"{_list(f'{j.text} ({_bare(_describe(j))})' for j in ja_miss)}"
        )
        expected = None
        if en_self and not ja_self:
            msg += (
                f". The English column headers say {_list(_unique(e.text for e in en_c))}, "
                "as the Japanese does: the English title is the one to fix"
            )
            expected = _list(_bare(_describe(j)) for j in ja_miss)
        elif ja_self and not en_self:
            msg += (
                f". The Japanese column headers say {_list(_unique(j.text for j in ja_c))}, "
                "as the English does: the Japanese title is the one to fix"
            )
            expected = _list(_bare(_describe(e)) for e in en_miss)
        ja_loc = _location(ctx, tp.ja, ja_miss[0])
        en_loc = _location(ctx, tp.en, en_miss[0])
        yield self.finding(msg, ja_loc, en_loc, tp, expected=expected)

    def _columns(
        self, ctx: CheckContext, tp: TablePair, fy: int, reported: set[tuple[Lang, int, str]]
    ) -> Iterator[Finding]:
        assert tp.ja is not None and tp.en is not None
        seen: set[tuple] = set()
        # Whether two periods agree, once per pair of them (a wide table repeats a few headers,
        # and a column's period is one object per header text, alive while the table is).
        agree: dict[tuple[int, int], bool | None] = {}
        for cp in tp.columns:
            if cp.ja is None or cp.en is None or cp.ja.period is None or cp.en.period is None:
                continue
            pair = (id(cp.ja.period), id(cp.en.period))
            same = agree.get(pair, ...)
            if same is ...:
                same = agree[pair] = same_period(cp.ja.period, cp.en.period, fy)
            if same is not False:
                continue
            ja, en = header_of(tp.ja, cp.ja), header_of(tp.en, cp.en)
            key = (ja.line, ja.text, en.line, en.text)
            if key in seen:
                continue  # several columns under one spanning header: reported once
            seen.add(key)
            reported.update({(Lang.JA, ja.line, ja.text), (Lang.EN, en.line, en.text)})
            msg = (
                f"English column header '{en.text}' names {_describe(en)}; "
                f"the Japanese header '{ja.text}' names {_bare(_describe(ja))}"
            )
            ja_t, en_t = list(tp.ja.title_periods), list(tp.en.title_periods)
            en_odd = bool(en_t) and _contradicted(en, en_t, fy)
            ja_odd = bool(ja_t) and _contradicted(ja, ja_t, fy)
            if en_odd and not ja_odd:
                msg += " (the English title disagrees with it too: the English header is the one to fix)"
            elif ja_odd and not en_odd:
                msg += " (the Japanese title disagrees with it too: the Japanese header is the one to fix)"
            yield self.finding(msg, _location(ctx, tp.ja, ja), _location(ctx, tp.en, en), tp)


_EN_BASE = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in en_lang.PERIOD_BASE_BEFORE) + r")\s+$", re.I
)


def _prose_same(a: Period, b: Period, fy: int) -> bool | None:
    """`same_period` without the spans: prose says 第2四半期 for the six months to September."""
    return same_period(replace(a, span=None), replace(b, span=None), fy)


def _contradicted(named: NamedPeriod, others: list[NamedPeriod], fy: int) -> bool:
    """True when every period in `others` contradicts `named` (and there is at least one)."""
    return bool(others) and all(same_period(named.period, o.period, fy) is False for o in others)


def _location(ctx: CheckContext, table: Table, named: NamedPeriod) -> Location:
    """Where a period is named: the title line or header cell, with the table as context."""
    doc = ctx.document(table.lang)
    where = "title" if named.source == "title" else "column header"
    return at(doc, named.line, named.line_text, f"{table.name} | {where}")


def _names(title: list[NamedPeriod]) -> str:
    return "names" if title else "say"


def _list(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _bare(description: str) -> str:
    """ "the year ended Mar 31, 2003" -> "year ended Mar 31, 2003" (inside parentheses)."""
    return description[4:] if description.startswith("the ") else description


def _ordinal_clash(ja: tuple[Ordinal, ...], en: tuple[Ordinal, ...]) -> list[tuple[Ordinal, Ordinal]]:
    """Ordinals of one kind that contradict each other: after the numbers both sides name are
    set aside, one left on each side (more is ambiguous, and none means one side only adds)."""
    out = []
    for kind in {o.kind for o in ja}:
        numbers_en = {o.number for o in en if o.kind == kind}
        numbers_ja = {o.number for o in ja if o.kind == kind}
        left_ja = [o for o in ja if o.kind == kind and o.number not in numbers_en]
        left_en = [o for o in en if o.kind == kind and o.number not in numbers_ja]
        if len({o.number for o in left_ja}) == 1 and len({o.number for o in left_en}) == 1:
            out.append((left_ja[0], left_en[0]))
    return out


@register
class TermNumberMismatch(Rule):
    """A numbered fiscal term or series differs between the languages: 第73期 against "72nd
    fiscal term", 第74回定時株主総会 against "the 73rd Annual General Meeting".

    Compared where the two languages are paired: aligned column headers (第69期 … 第73期
    against 69th … 73rd in a five-year summary), aligned cells (事業年度 | 第73期（自 …）) and
    paired sentences. Only contradictions count: a term one side names and the other leaves
    out is not reported, and neither are quarters (第3四半期 is a period, see TQ600).
    """

    code = "TQ602"
    name = "term-number-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.alignment.ja is None or ctx.alignment.en is None:
            return
        ja_doc, en_doc = ctx.document(Lang.JA), ctx.document(Lang.EN)
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            for cp in tp.columns:
                if cp.ja is None or cp.en is None:
                    continue
                named_ja = _ordinals(cp.ja.header, Lang.JA)
                if not named_ja:
                    continue  # (most columns name no term)
                for a, b in _ordinal_clash(named_ja, _ordinals(cp.en.header, Lang.EN)):
                    yield self.finding(
                        f"Japanese {a.text} vs English {b.text} (column {cp.ja.title or cp.ja.index + 1}"
                        f" ↔ {cp.en.title or cp.en.index + 1})",
                        at(ja_doc, tp.ja.first_line, a.text, tp.ja.name, cp.ja.index),
                        at(en_doc, tp.en.first_line, b.text, tp.en.name, cp.en.index),
                        tp,
                    )
        for c in ctx.alignment.cell_pairs():
            ca, cb = c.ja, c.en
            if ca is None or cb is None or (ca.quantity is not None and cb.quantity is not None):
                continue  # a figure names no term
            for a, b in _ordinal_clash(ordinals(ca.text, Lang.JA), ordinals(cb.text, Lang.EN)):
                yield self.finding(
                    f"Japanese {a.text} vs English {b.text} ({c.ja_row.label} ↔ {c.en_row.label})",
                    ctx.location(c.ja_table, c.ja_row, ca, c.ja_column),
                    ctx.location(c.en_table, c.en_row, cb, c.en_column),
                    c.pair,
                )
        for sp in ctx.alignment.sentences:
            for a, b in _ordinal_clash(ordinals(sp.ja.text, Lang.JA), ordinals(sp.en.text, Lang.EN)):
                yield self.finding(
                    f"Japanese {a.text} vs English {b.text}",
                    at(ja_doc, sp.ja.line, a.text, sp.ja.text[:60]),
                    at(en_doc, sp.en.line, b.text, sp.en.text[:60]),
                    group=f"prose: ja {where(ja_doc, sp.ja.line)} ↔ en {where(en_doc, sp.en.line)}",
                )


@lru_cache(maxsize=4096)  # column headers repeat across the columns of a wide table
def _ordinals(texts: tuple[str, ...], lang: Lang) -> tuple[Ordinal, ...]:
    return tuple(o for t in texts for o in ordinals(t, lang))
