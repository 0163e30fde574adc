"""Structure: tables, columns and rows that have no counterpart in the other language, and
numbered headings that skip a number in one language only."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...model import Document, Finding, Lang, RowKind, Severity
from ...parse.headers import item_number, reads_as_heading, show_item
from ..context import CheckContext, at, span, where
from ..registry import Rule, register


@register
class TableUnpaired(Rule):
    """A table has no counterpart in the other language.

    A Japanese table without an English one is a warning: the English release is the full
    document, so something was left untranslated. An English table without a Japanese one
    is information only: the Japanese part is often a summary (抄訳) of the English.
    """

    code = "TQ200"
    name = "table-unpaired"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for tp in ctx.alignment.tables:
            if tp.ja is not None and tp.en is None:
                loc = ctx.location(tp.ja, None, None, None)
                where = span(ctx.document(Lang.JA), tp.ja.first_line, tp.ja.last_line)
                msg = f"Japanese table '{tp.ja.name}' ({where}) has no English counterpart"
                yield self.finding(msg, loc, None, tp)
            elif tp.en is not None and tp.ja is None:
                loc = ctx.location(tp.en, None, None, None)
                where = span(ctx.document(Lang.EN), tp.en.first_line, tp.en.last_line)
                msg = f"English table '{tp.en.name}' ({where}) has no Japanese counterpart"
                yield self.finding(msg, None, loc, tp, severity=Severity.INFO)


@register
class ColumnUnpaired(Rule):
    """A value column of an aligned table has no counterpart in the other language's table."""

    code = "TQ201"
    name = "column-unpaired"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            for cp in tp.columns:
                if cp.ja is not None and cp.en is None:
                    title = cp.ja.title or f"column {cp.ja.index + 1}"
                    loc = ctx.location(tp.ja, None, None, None)
                    yield self.finding(f"Japanese column '{title}' has no English counterpart", loc, None, tp)
                elif cp.en is not None and cp.ja is None:
                    title = cp.en.title or f"column {cp.en.index + 1}"
                    loc = ctx.location(tp.en, None, None, None)
                    yield self.finding(f"English column '{title}' has no Japanese counterpart", None, loc, tp)


@register
class RowUnpaired(Rule):
    """A row of an aligned table has no counterpart in the other language's table.

    A data row is a warning (its figures are missing on the other side); a heading row
    (a label without figures, such as "IP サービス") is information only.
    """

    code = "TQ202"
    name = "row-unpaired"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            for rp in tp.rows:
                row, table, side = (rp.ja, tp.ja, "Japanese") if rp.en is None else (rp.en, tp.en, "English")
                if rp.ja is not None and rp.en is not None or row is None:
                    continue
                other = "English" if side == "Japanese" else "Japanese"
                heading = row.kind is RowKind.HEADING
                what = "heading" if heading else "row"
                loc = ctx.location(table, row, None, None)
                msg = f"{side} {what} '{row.label}' has no {other} counterpart in '{tp.name}'"
                severity = Severity.INFO if heading else Severity.WARNING
                ja, en = (loc, None) if side == "Japanese" else (None, loc)
                yield self.finding(msg, ja, en, tp, severity=severity)


# Full-width digits and marks as their ASCII forms (NFKC would also turn ① into 1).
_HALF_WIDTH = str.maketrans("０１２３４５６７８９（）．", "0123456789().")


_Heading = tuple[str, int, int, str]  # style, number, line, text


def numbered_headings(doc: Document) -> list[_Heading]:
    """(style, number, line, text) of the document's numbered headings ("(3) 連結キャッシュ・
    フローの状況", "２．配当の状況", "③ 今後の見通し") and numbered items, in order. A numbered
    paragraph that is a sentence or runs long ("(1) Excludes ….", "2. 当社は…を決議しました。") is
    an item of a list: its style gets ITEM, so that lists and headings are numbered apart."""
    out = []
    for p in doc.paragraphs:
        item = item_number(p.text)
        if item is None:
            continue
        style, n = item
        out.append((style if reads_as_heading(p.text) else style + ITEM, n, p.line, p.text.strip()))
    return out


ITEM = "-item"


def heading_gaps(doc: Document) -> list[tuple[tuple[str, int, int], _Heading, _Heading]]:
    """Where a run of numbered headings of one style skips numbers: ((style, from, to), the
    heading before the gap, the heading after it). A number not above the last one starts a
    new run (the numbering restarts under the next section)."""
    last: dict[str, _Heading] = {}
    gaps = []
    for h in numbered_headings(doc):
        prev = last.get(h[0])
        if prev is not None and h[1] > prev[1] + 1:
            gaps.append(((h[0], prev[1], h[1]), prev, h))
        last[h[0]] = h
    return gaps


def _show_number(style: str, n: int) -> str:
    return show_item(style.removesuffix(ITEM), n)


@register
class HeadingNumberSkipped(Rule):
    """Numbered headings, or the numbered items of a list (notes, resolutions, risks), skip a
    number in one language where the other does not: the English goes from (2) to (4) where
    the Japanese has (2), (3), (4) (a section or an item left untranslated, or numbered
    wrong)."""

    code = "TQ203"
    name = "heading-number-skipped"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.alignment.ja is None or ctx.alignment.en is None:
            return
        docs = {Lang.JA: ctx.alignment.ja, Lang.EN: ctx.alignment.en}
        gaps = {lang: heading_gaps(d) for lang, d in docs.items()}
        for lang, other in ((Lang.JA, Lang.EN), (Lang.EN, Lang.JA)):
            others = Counter(key for key, _, _ in gaps[other])
            for key, before, after in gaps[lang]:
                if others[key]:
                    others[key] -= 1
                    continue  # both languages skip: the numbering is the document's own
                style, a, b = key
                missing = ", ".join(_show_number(style, n) for n in range(a + 1, b))
                who, whom = ("Japanese", "English") if lang is Lang.JA else ("English", "Japanese")
                doc = docs[lang]
                loc = at(doc, after[2], after[3], f"after {before[3]} ({where(doc, before[2])})")
                what = "items" if style.endswith(ITEM) else "headings"
                msg = (f"{who} numbered {what} go from {_show_number(style, a)} to {_show_number(style, b)} "
                       f"({where(doc, before[2])} to {where(doc, after[2])}): {missing} is missing; "
                       f"the {whom} numbering has no such gap")  # fmt: skip
                ja, en = (loc, None) if lang is Lang.JA else (None, loc)
                yield self.finding(msg, ja, en, group=f"{what}: {who}")


# Footnote marks on a row label: superscripts (⁽²⁾, ⁽*¹⁾, ²), ^{(*)3}, a trailing "(2)" or
# "(*)", and ※2 / *2 / ＊2 written before or after the label.
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARKS = re.compile(
    r"⁽[*＊∗]?(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾"
    r"|\^\{?\(?\*?\)?(?P<caret>[0-9]{1,2})\}?"
    r"|[(（](?P<paren>[0-9０-９]{1,2})[)）]\s*$"
    r"|(?:※|(?<![0-9A-Za-z])[*＊])\s?(?P<star>[0-9０-９]{1,2})"
)


def label_marks(raw_label: str) -> frozenset[str]:
    """The numbers of the footnote marks on a row label: "現金及び預金※1" -> {"1"}."""
    out = set()
    for m in _MARKS.finditer(raw_label):
        n = next(g for g in m.groups() if g)
        out.add(str(int(n.translate(_SUP).translate(_HALF_WIDTH))))
    return frozenset(out)


# A note: a paragraph that opens with a mark ("⁽²⁾ The figures ...", "^{(*)3} …", "※2 …",
# "*3 …", "(注3) …", "注3．…", "注記(1): …", "Note 3: …", "Note (1): …").
_NOTE = re.compile(
    r"^\s*(?:⁽[*＊∗]?(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾|\^\{?\(?\*?\)?(?P<caret>[0-9]{1,2})\}?"
    r"|(?:※|[*＊])\s?(?P<star>[0-9０-９]{1,2})|[(（]\*?(?P<paren>[0-9０-９]{1,2})[)）]"
    r"|[(（]?注記?\s?[(（]?(?P<ja>[0-9０-９]{1,2})[)）.．:：]?|Notes?\s?\(?(?P<en>[0-9]{1,2})[.:)])"
)


def note_numbers(doc: Document) -> frozenset[str]:
    """The numbers of the notes a document's paragraphs open with (and of the further marks
    in such a paragraph: notes set on one line)."""
    out = set()
    for p in doc.paragraphs:
        m = _NOTE.match(p.text)
        if m is not None:
            n = next(g for g in m.groups() if g)
            out.add(str(int(n.translate(_SUP).translate(_HALF_WIDTH))))
            out |= label_marks(p.text[m.end() :])  # notes run together: "⁽¹⁾ … ⁽²⁾ …"
    return frozenset(out)


@register
class FootnoteMarkWithoutNote(Rule):
    """A row label carries a footnote mark (*3, ※2, ⁽³⁾) that no note of its document
    explains, while the notes of that document were read (a mark copied from the other
    language's numbering, or a note left out). The paired row's mark is named."""

    code = "TQ204"
    name = "footnote-without-note"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        docs = {lang: d for lang, d in ((Lang.JA, ctx.alignment.ja), (Lang.EN, ctx.alignment.en)) if d is not None}
        notes = {lang: note_numbers(d) for lang, d in docs.items()}
        for tp in ctx.alignment.tables:
            for rp in tp.rows:
                for lang, row, other, table in ((Lang.JA, rp.ja, rp.en, tp.ja), (Lang.EN, rp.en, rp.ja, tp.en)):
                    if row is None or table is None or not notes.get(lang):
                        continue  # no note at all was read: the notes stand outside this text
                    missing = sorted(label_marks(row.raw_label) - notes[lang], key=int)
                    if not missing:
                        continue
                    who = "Japanese" if lang is Lang.JA else "English"
                    have = ", ".join(sorted(notes[lang], key=int))
                    msg = (f"{who} row '{row.label}' points to note {', '.join(missing)}, which the {who} notes "
                           f"do not have (they are {have})")  # fmt: skip
                    if other is not None and (theirs := label_marks(other.raw_label)):
                        msg += f"; the paired row '{other.label}' points to note {', '.join(sorted(theirs, key=int))}"
                    loc = at(docs[lang], row.line, row.raw_label, table.name)
                    ja, en = (loc, None) if lang is Lang.JA else (None, loc)
                    yield self.finding(msg, ja, en, tp)
