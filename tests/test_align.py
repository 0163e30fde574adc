"""Alignment on the two bilingual corpora: tables, columns and rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.model import RowKind

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
Q2 = CORPORA / "iij-2001-11-fy2001q2.ja-en.txt"


def _norm(cell: str) -> str:
    return re.sub(r"</?u>", "", cell).replace(",", "").replace("%", "").strip()


@pytest.fixture(scope="module")
def q4():
    return api.align(Q4).alignment


@pytest.fixture(scope="module")
def q2():
    return api.align(Q2).alignment


def test_q4_table_pairs(q4):
    pairs = {(tp.ja.first_line, tp.en.first_line) for tp in q4.tables if tp.ja and tp.en}
    # 表 1-5 with Table 1-5; Appendix 1-5 with the English statements (two of which have
    # no "Appendix" caption at all: they are paired by the figures they hold).
    assert pairs == {(43, 467), (65, 486), (73, 492), (82, 515), (90, 555),
                     (106, 597), (153, 646), (197, 691), (248, 740), (292, 782)}  # fmt: skip
    english_only = sorted(tp.en.first_line for tp in q4.tables if tp.ja is None)
    assert english_only == [393, 566, 577]  # cross-selling rates and the two reconciliations
    assert not [tp for tp in q4.tables if tp.en is None]


def test_q4_appendix1_columns_pair_by_period_and_kind(q4):
    tp = next(tp for tp in q4.tables if tp.ja and tp.ja.first_line == 106)
    pairs = [(c.ja.index, c.en.index) for c in tp.columns]
    assert pairs == [(i, i) for i in range(9)]
    kinds = [(c.ja.kind, c.en.kind) for c in tp.columns]
    assert all(a == b for a, b in kinds)
    assert [c.en.period.end for c in tp.columns][:3] == [(2003, 3)] * 3


def _lines_agree(lines: list[str], a: int, b: int) -> bool:
    ja = [_norm(c) for c in lines[a - 1].split("\t")[1:]]
    en = [_norm(c) for c in lines[b - 1].split("\t")[1:]]
    return ja == en


def test_q2_every_japanese_row_paired_with_its_english_row(q2):
    lines = Q2.read_text(encoding="utf-8").split("\n")
    pairs = {}
    for tp in q2.tables:
        assert tp.ja is not None and tp.en is not None, "every table of the 2001 file has a partner"
        for rp in tp.rows:
            assert rp.ja is not None and rp.en is not None, f"unpaired row {rp}"
            pairs[rp.ja.line] = rp.en.line
    ja_rows = [r.line for tp in q2.tables for r in tp.ja.rows]
    # 見込み 3, 表1 14, 表2 2, 表3 1, 表4 2, 表5 3, Appendix 1 33, Appendix 2 38, Appendix 3 31
    assert len(ja_rows) == len(pairs) == 127
    # The row whose Japanese label is cut short in the source is paired all the same.
    assert lines[116 - 1].startswith("インターネット接続及び付加価値サービス収入合\t")
    assert pairs[116] == 514
    # Headings are paired through the rows below them; data rows carry the same figures.
    assert pairs[107] == 505 and pairs[152] == 552 and pairs[153] == 553
    for a, b in pairs.items():
        if a <= 36:
            continue  # the forecast ranges are worded differently: test_q2_forecast_ranges_pair
        if any(x.strip() for x in lines[a - 1].split("\t")[1:]):
            assert _lines_agree(lines, a, b), (a, b)
    # The documents list their rows in the same order: the pairing keeps it.
    ordered = [pairs[a] for a in sorted(pairs)]
    assert ordered == sorted(ordered)


def test_q2_forecast_ranges_pair(q2):
    tp = next(tp for tp in q2.tables if tp.ja.first_line == 34)
    assert [(rp.ja.line, rp.en.line) for rp in tp.rows] == [(34, 296), (35, 297), (36, 298)]


def test_q4_every_japanese_data_row_paired(q4):
    unpaired = [
        (rp.ja.line, rp.ja.label)
        for tp in q4.tables
        for rp in tp.rows
        if rp.ja is not None and rp.en is None
    ]
    # The only unpaired row is a heading the English folds into the next label
    # ("IP サービス" / "<i>IP Service</i> 64kbps – 128kbps").
    assert unpaired == [(44, "IP サービス")]
    kinds = {rp.ja.kind for tp in q4.tables for rp in tp.rows if rp.ja and rp.en is None}
    assert kinds == {RowKind.HEADING}


def test_row_pairs_carry_evidence(q4):
    tp = next(tp for tp in q4.tables if tp.ja and tp.ja.first_line == 106)
    rp = next(rp for rp in tp.rows if rp.ja and rp.ja.line == 124)
    assert rp.en.line == 615
    assert "figures 8/9" in rp.evidence.reasons  # 5.9 vs 6.0 is the one that disagrees
    assert 0.5 < rp.evidence.score <= 1.0


def test_a_wide_table_pairs_its_columns_in_order_around_a_missing_one(tmp_path):
    """1,500 yearly columns in one row (over WIDE_COLUMNS: each column is scored against its
    neighbours only); the English leaves out one column in the middle, and every other
    column still pairs with its own year."""
    from taiyaku.align.columns import WIDE_COLUMNS

    n = 1500
    assert n > WIDE_COLUMNS
    years = list(range(1000, 1000 + n))
    values = [f"{(i * 37) % 9000 + 100:,}" for i in range(n)]
    keep = [i for i in range(n) if i != 700]
    ja = ("株式会社サンプル\n業績の推移\n\n売上高の推移\n(単位：百万円)\n\t" + "\t".join(f"{y}年3月期" for y in years)
          + "\n売上高\t" + "\t".join(values) + "\n")  # fmt: skip
    en = ("Sample Corporation\nResults\n\nRevenue\n(Millions of yen)\n\t"
          + "\t".join(f"Year ended March 31, {years[i]}" for i in keep)
          + "\nRevenue\t" + "\t".join(values[i] for i in keep) + "\n")  # fmt: skip
    (tmp_path / "ja.txt").write_text(ja, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    (tp,) = api.align(tmp_path / "ja.txt", tmp_path / "en.txt").alignment.tables
    paired = [(cp.ja.index, cp.en.index) for cp in tp.columns if cp.ja and cp.en]
    assert len(paired) == n - 1
    assert all(keep[j] == i for i, j in paired)
    assert [cp.ja.index for cp in tp.columns if cp.en is None] == [700]


@pytest.mark.parametrize("text", ["0", "7", "-7", "1,234", "(1,234)", "▲98", "4503599627370495", "99,999,999",
                                  "12.5", "0.05", "-0.5", "1.2億円", "3,341,255千円", "100"])  # fmt: skip
@pytest.mark.parametrize("scale", [None, 0, 3, 6, 8, 22, 23])
def test_a_whole_number_row_key_equals_the_exact_interval_as_floats(text: str, scale: int | None) -> None:
    """Row scoring reads whole numbers in floats without Decimal: the same floats as the exact
    interval gives (and below 2**52 only)."""
    from taiyaku.align import rows
    from taiyaku.model import Convention
    from taiyaku.parse.numbers import effective_scale, parse_quantity

    q = parse_quantity(text)
    assert q is not None
    lo, hi = q.interval(Convention.ROUND, effective_scale(q, scale))
    key = rows._cell_key(q, scale, None)
    assert key is not None and key[1:5] == (float(lo), float(hi), 0.0, 0.0)
