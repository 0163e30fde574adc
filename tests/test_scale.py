"""Work that stays linear in the size of a document: banded pairing of large inputs, and the
index that finds agreeing prose figures without comparing every pair."""

from __future__ import annotations

import random

from taiyaku.align.assign import BAND, DENSE_LIMIT, assign, scored_pairs
from taiyaku.align.sentences import FigureIndex, agree, bounds, same_kind
from taiyaku.model import Lang
from taiyaku.parse.mentions import extract


def test_small_inputs_get_the_optimal_assignment():
    rng = random.Random(7)
    matrix = [[rng.random() for _ in range(9)] for _ in range(7)]
    pairs, scored = scored_pairs(7, 9, lambda i, j: matrix[i][j], 0.3, float)
    assert pairs == assign(matrix, 0.3)
    assert len(scored) == 63  # every pair was scored


def test_large_inputs_are_paired_within_a_band_best_first():
    n = m = DENSE_LIMIT * 4
    # Item i belongs with item i; a decoy far away scores higher but lies outside the band.
    def score(i: int, j: int) -> float:
        if j == i:
            return 0.9
        if abs(i - j) > BAND:
            return 1.0
        return 0.1

    pairs, scored = scored_pairs(n, m, score, 0.3, float)
    assert pairs == [(i, i) for i in range(n)]
    assert len(scored) <= n * (2 * BAND + 1)  # linear in the items, not n * m
    assert all(abs(i - j) <= BAND for i, j in scored)


def test_large_inputs_keep_the_threshold_and_one_partner_each():
    n, m = 200, 150
    pairs, _ = scored_pairs(n, m, lambda i, j: 0.5 if (i + j) % 7 == 0 else 0.2, 0.3, float)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all((i + j) % 7 == 0 for i, j in pairs)


def test_the_figure_index_finds_what_comparing_every_pair_finds():
    rng = random.Random(11)
    english_text = " ".join(
        rng.choice(["JPY {a} billion", "{p}%", "{a}億円", "JPY {b} million", "{p}% increase"]).format(
            a=rng.randint(1, 999) / 10, b=f"{rng.randint(1, 99999):,}", p=rng.randint(0, 999) / 10)
        for _ in range(400)
    )  # fmt: skip
    english = [(m, bounds(m.quantity)) for m in extract(english_text, Lang.EN)]
    index = FigureIndex(english)
    japanese = extract("、".join(f"{rng.randint(1, 999) / 10}億円、{rng.randint(0, 999) / 10}%" for _ in range(200)), Lang.JA)
    assert len(english) > 300 and len(japanese) == 400
    found = 0
    for m in japanese:
        b = bounds(m.quantity)
        brute = any(same_kind(m, o) and agree(b, ob) for o, ob in english)
        assert index.agrees_with(m, b) is brute, m.text
        found += brute
    assert 0 < found < len(japanese)  # both outcomes were exercised


def test_a_row_finds_its_cells_by_column():
    from taiyaku.model import Cell, Row, RowKind

    cells = tuple(Cell(str(c), str(c), 1, c) for c in (0, 2, 3, 7, 8, 100))  # empty cells left out
    row = Row("売上高", "売上高", 1, 0, RowKind.DATA, cells)
    assert [row.cell(c).column if row.cell(c) else None for c in (0, 1, 2, 7, 9, 100, 101)] == [
        0, None, 2, 7, None, 100, None,
    ]  # fmt: skip


def test_a_figure_of_too_many_digits_is_unreadable_not_an_internal_error(tmp_path, run_cli):
    from taiyaku.parse.numbers import MAX_DIGITS, parse_quantity

    assert parse_quantity("1" * MAX_DIGITS) is not None
    assert parse_quantity("1" * (MAX_DIGITS + 1)) is None
    big = "12345678901234567890123456789012"
    path = tmp_path / "en.txt"
    path.write_text(
        "Example Corporation announces results for the year ended today.\n" * 5
        + "\nTable 1. Results (JPY in millions)\n\tMar 31, 2026\t% of Total\tMar 31, 2025\tYOY Chg %\n"
        + f"Sales\t{big}\t60.0\t{big[:28]}\t99.9\nTotal\t{big}\t100.0\t{big[:28]}\t10.0\n",
        encoding="utf-8",
    )
    r = run_cli("check", path)
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert "TQ405" in r.stdout  # the rows are reported as unreadable


def test_a_wide_table_paired_column_for_column_is_what_the_banded_search_finds(tmp_path, monkeypatch):
    """A row of 1,500 columns, the same figures and periods on both sides: taken column for
    column without scoring the neighbours, the pairs (and their scores) are the banded
    search's; one figure copied wrong falls back to the search and still pairs every column."""
    from taiyaku import api
    from taiyaku.align import columns

    n = columns.WIDE_COLUMNS + 500
    head_ja = "\t".join(f"{2000 + i % 20}年3月期" for i in range(n))
    head_en = "\t".join(f"Year ended March 31, {2000 + i % 20}" for i in range(n))
    values = [f"{100 + i * 7:,}" for i in range(n)]
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text(f"業績の推移\n(単位：百万円)\n\t{head_ja}\n売上高\t" + "\t".join(values) + "\n", encoding="utf-8")

    def pairs(en_values: list[str], fast: bool):
        en.write_text(f"Summary of Results\n(Millions of yen)\n\t{head_en}\nRevenue\t" + "\t".join(en_values) + "\n",
                      encoding="utf-8")  # fmt: skip
        loaded = api.load(ja, en)
        with monkeypatch.context() as m:
            if not fast:
                m.setattr(columns, "_diagonal", lambda *_: None)
            out = columns.align_columns(loaded.ja.tables[0], loaded.en.tables[0])
        return [(p.ja.index if p.ja else None, p.en.index if p.en else None, p.evidence.score) for p in out]

    fast = pairs(values, fast=True)
    assert fast == pairs(values, fast=False)
    assert [(a, b) for a, b, _ in fast] == [(i, i) for i in range(n)]
    wrong = [*values[:700], "9,999,999", *values[701:]]
    searched = pairs(wrong, fast=True)
    assert searched == pairs(wrong, fast=False)
    assert [(a, b) for a, b, _ in searched] == [(i, i) for i in range(n)]
    assert searched[700][2] < fast[700][2]  # the wrong column scored lower: it was searched
