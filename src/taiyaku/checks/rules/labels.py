"""Labels: is each English row label the glossary's English, and is each term rendered one
way throughout the document?"""

from __future__ import annotations

from collections.abc import Iterator

from ...glossary.keys import lemma_key
from ...glossary.lookup import term_key
from ...lang.script import has_japanese
from ...model import Finding, Lang, Row, RowKind, Severity, TablePair
from ...parse.periods import find_periods
from ..context import CheckContext, positions
from ..registry import Rule, register


def _paired_rows(ctx: CheckContext) -> Iterator[tuple[TablePair, Row, Row]]:
    for tp in ctx.alignment.tables:
        if tp.ja is None or tp.en is None:
            continue
        for rp in tp.rows:
            if rp.ja is not None and rp.en is not None and rp.ja.label and rp.en.label:
                yield tp, rp.ja, rp.en


def _lines(ctx: CheckContext, lang: Lang, rows: list[Row]) -> str:
    return positions(ctx.document(lang), [r.line for r in rows])


@register
class LabelMismatch(Rule):
    """An aligned English row label is neither the glossary's English for the Japanese label
    nor one of its accepted variants. The finding names the expected term."""

    code = "TQ300"
    name = "label-mismatch"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.glossary is None:
            return
        for tp, ja, en in _paired_rows(ctx):
            match = ctx.glossary.lookup(ja.label, fuzzy=False)
            if match is None or match.accepts(en.label):
                continue
            accepted = " | ".join(match.entry.variants)
            also = f" (or {accepted})" if accepted else ""
            msg = (
                f"English label '{en.label}' for '{ja.label}': the glossary has "
                f"'{match.entry.en}'{also}"
            )
            yield self.finding(
                msg, ctx.location(tp.ja, ja, None, None), ctx.location(tp.en, en, None, None), tp  # type: ignore[arg-type]
            )


@register
class TermInconsistency(Rule):
    """One Japanese label is rendered with different English labels in one document, or one
    English label renders two Japanese labels the glossary keeps apart. Every place is named.

    Wording that only follows the sign of the figure ("provided by (used in)", "(benefit)")
    and plural or punctuation differences do not count.
    """

    code = "TQ301"
    name = "term-inconsistency"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        # A heading and a total often share their Japanese label ("営業活動によるキャッシュ
        # フロー:" / "営業活動によるキャッシュフロー"): they are different rows, keyed apart.
        by_ja: dict[tuple[RowKind, str], list[tuple[TablePair, Row, Row]]] = {}
        for item in _paired_rows(ctx):
            if _period_label(item[1].label):
                continue  # 2026年３月期: "Fiscal year ended …" in one table, "As of …" in another
            by_ja.setdefault((item[1].kind, lemma_key(item[1].label)), []).append(item)
        for items in by_ja.values():
            renderings: dict[str, list[tuple[TablePair, Row, Row]]] = {}
            for item in items:
                renderings.setdefault(term_key(item[2].label), []).append(item)
            if len(renderings) < 2:
                continue
            groups = sorted(renderings.values(), key=lambda g: (-len(g), g[0][2].line))
            places = "; ".join(f"'{g[0][2].label}' ({_lines(ctx, Lang.EN, [i[2] for i in g])})" for g in groups)
            ja_label = items[0][1].label
            odd = groups[-1][0]
            msg = (
                f"'{ja_label}' ({_lines(ctx, Lang.JA, [i[1] for i in items])}) is rendered {len(groups)} ways "
                f"in English: {places}"
            )
            yield self.finding(
                msg, ctx.location(odd[0].ja, odd[1], None, None),  # type: ignore[arg-type]
                ctx.location(odd[0].en, odd[2], None, None), odd[0],  # type: ignore[arg-type]
            )  # fmt: skip
        yield from self._shared_english(ctx)

    def _shared_english(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.glossary is None:
            return
        by_en: dict[str, list[tuple[TablePair, Row, Row]]] = {}
        for item in _paired_rows(ctx):
            by_en.setdefault(term_key(item[2].label), []).append(item)
        for items in by_en.values():
            concepts: dict[str, tuple] = {}  # term key of the glossary English -> (match, rows)
            for item in items:
                match = ctx.glossary.lookup(item[1].label, fuzzy=False)
                if match is not None:
                    concepts.setdefault(term_key(match.entry.en), (match, []))[1].append(item)
            if len(concepts) < 2:
                continue
            if all(m.accepts(i[2].label) for m, rows in concepts.values() for i in rows):
                continue  # the glossary accepts this English for every one of these terms
            parts = "; ".join(
                f"'{rows[0][1].label}' ({_lines(ctx, Lang.JA, [i[1] for i in rows])}, glossary: '{m.entry.en}')"
                for m, rows in concepts.values()
            )
            first = items[0]
            msg = (f"English '{first[2].label}' ({_lines(ctx, Lang.EN, [i[2] for i in items])}) renders different "
                   f"Japanese terms: {parts}")  # fmt: skip
            yield self.finding(
                msg, ctx.location(first[0].ja, first[1], None, None),  # type: ignore[arg-type]
                ctx.location(first[0].en, first[2], None, None), first[0],  # type: ignore[arg-type]
            )  # fmt: skip


def _period_label(label: str) -> bool:
    """A row label naming a period (the summary page's 2026年３月期 rows) or a sub-period."""
    named = sum(len(m.text) for m in find_periods(label, Lang.JA))
    return named * 2 >= len(label.strip()) > 0


@register
class UnknownLabel(Rule):
    """A Japanese row label the glossaries do not know, with the nearest entries and their
    scores, so that the glossary can be completed. Information only."""

    code = "TQ302"
    name = "unknown-label"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.glossary is None:
            return
        seen: dict[str, list[tuple[TablePair, Row]]] = {}
        for tp in ctx.alignment.tables:
            if tp.ja is None:
                continue
            for row in tp.ja.rows:
                if _period_label(row.label):
                    continue  # 2026年３月期, 第２四半期(累計): a period, not an account
                if has_japanese(row.label) and ctx.glossary.lookup(row.label, fuzzy=False) is None:
                    seen.setdefault(row.label, []).append((tp, row))
        for label, places in seen.items():
            near = ctx.glossary.nearest(label, 3)
            hint = ", ".join(f"{m.entry.ja} → {m.entry.en} ({m.score:.2f})" for m in near)
            msg = f"'{label}' ({_lines(ctx, Lang.JA, [r for _, r in places])}) is not in the glossary"
            if hint:
                msg += f"; nearest: {hint}"
            tp, row = places[0]
            yield self.finding(msg, ctx.location(tp.ja, row, None, None), None, tp)  # type: ignore[arg-type]
