"""Copy a corpus, change one thing, and assert exactly the findings that follow.

Each test compares the findings of the changed copy with those of the unchanged corpus:
what is added must be exactly what the change should cause, and nothing else may move
(a missing row must not cascade into mismatches in the rows after it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku import api

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
Q2 = CORPORA / "iij-2001-11-fy2001q2.ja-en.txt"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _findings(path: Path) -> set[tuple]:
    """Every finding about tables but the rounding adjustments (TQ404, information on
    figures the mutations here do not touch). Prose findings (TQ5xx) are left out: these
    mutations change table cells; tests/test_prose_checks.py covers prose."""
    report = api.check(path)
    return {
        (f.code, f.ja.line if f.ja else None, f.en.line if f.en else None,
         f.ja.text if f.ja else None, f.en.text if f.en else None)  # fmt: skip
        for f in report.findings
        if f.code != "TQ404" and not f.code.startswith("TQ5")
    }


def _write(tmp_path: Path, lines: list[str], name: str = "changed.ja-en.txt") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def _shift(findings: set[tuple], after: int, by: int) -> set[tuple]:
    """The baseline with English (or Japanese) lines after `after` moved by `by`."""
    out = set()
    for code, ja, en, tj, te in findings:
        ja = ja + by if ja is not None and ja > after else ja
        en = en + by if en is not None and en > after else en
        out.add((code, ja, en, tj, te))
    return out


@pytest.fixture(scope="module")
def q4_base():
    return _findings(Q4)


@pytest.fixture(scope="module")
def q2_base():
    return _findings(Q2)


def _replace_cell(line: str, old: str, new: str) -> str:
    cells = line.split("\t")
    assert cells.count(old) == 1, (line, old)
    cells[cells.index(old)] = new
    return "\t".join(cells)


def test_baseline_q2_has_no_findings(q2_base):
    assert q2_base == set()  # rounding adjustments (TQ404) aside


def test_baseline_q4_has_the_known_mismatches(q4_base):
    errors = {(ja, en, tj, te) for code, ja, en, tj, te in q4_base if code == "TQ100"}
    assert errors == {
        (113, 604, "7,887", "7,888"),
        (113, 604, "7.3", "7.2"),
        (122, 613, "22,344", "22,345"),
        (124, 615, "5.9", "6.0"),
        (131, 622, "0.9", "0.8"),
        (172, 666, "1.1", "1.0"),
        (175, 669, "(10,750)", "(10,751)"),
        (178, 672, "0.5", "0.4"),
    }
    assert ("TQ103", 92, 557, "1,519", "1519") in q4_base  # format only, not an error


def test_changed_english_cell_gives_one_mismatch(tmp_path, q2_base):
    lines = _lines(Q2)
    # Appendix 1, Cost of systems integration revenues, JPY for Sept 30, 2001.
    lines[520 - 1] = _replace_cell(lines[520 - 1], "2,799,940", "2,799,490")
    got = _findings(_write(tmp_path, lines))
    # The English side's own arithmetic now fails where that figure is used: its USD
    # conversion, its year-over-year change and the Total costs footing.
    assert got - q2_base == {
        ("TQ100", 122, 520, "2,799,940", "2,799,490"),
        ("TQ403", None, 520, None, "23,484"),
        ("TQ402", None, 520, None, "46.3"),
        ("TQ400", None, 522, None, "8,181,982"),
    }
    assert q2_base - got == set()


def test_changed_japanese_cell_in_summary_table(tmp_path, q2_base):
    lines = _lines(Q2)
    lines[83 - 1] = _replace_cell(lines[83 - 1], "867", "876")  # 国際バックボーンコスト 1Q01
    got = _findings(_write(tmp_path, lines))
    assert got == {("TQ100", 83, 445, "876", "867")}


def test_dropped_sign_is_a_sign_mismatch(tmp_path, q2_base):
    lines = _lines(Q2)
    lines[527 - 1] = _replace_cell(lines[527 - 1], "(632,302)", "632,302")  # Operating loss 2Q00
    got = _findings(_write(tmp_path, lines))
    # ...and in the English alone the loss turned profit breaks its share, its change, its
    # own footing (Total revenues - Total costs and expenses) and the footing of Loss
    # before income tax (Operating loss + Other income).
    assert got == {
        ("TQ101", 129, 527, "(632,302)", "632,302"),
        ("TQ400", None, 527, None, "632,302"),
        ("TQ401", None, 527, None, "(7.8)"),
        ("TQ402", None, 527, None, "(102.5)"),
        ("TQ400", None, 529, None, "(191,914)"),
    }


def test_triangle_negative_agrees_with_parentheses(tmp_path, q2_base):
    lines = _lines(Q2)
    lines[129 - 1] = _replace_cell(lines[129 - 1], "(632,302)", "▲632,302")
    assert _findings(_write(tmp_path, lines)) == set()


def test_reordered_english_rows_change_nothing(tmp_path, q4_base):
    lines = _lines(Q4)
    # Swap "Sales and marketing" (615) and "General and administrative" (616).
    lines[615 - 1], lines[616 - 1] = lines[616 - 1], lines[615 - 1]
    got = _findings(_write(tmp_path, lines))
    expected = {
        (c, ja, {615: 616, 616: 615}.get(en, en), tj, te) for c, ja, en, tj, te in q4_base
    }
    assert got == expected
    assert ("TQ100", 124, 616, "5.9", "6.0") in got


def test_reordered_japanese_rows_change_nothing(tmp_path, q2_base):
    lines = _lines(Q2)
    # Swap 現金及び現金同等物 (154) and 短期投資 (155) in the Japanese balance sheet.
    lines[154 - 1], lines[155 - 1] = lines[155 - 1], lines[154 - 1]
    assert _findings(_write(tmp_path, lines)) == set()


def test_deleted_english_row_gives_one_finding(tmp_path, q4_base):
    lines = _lines(Q4)
    assert lines[616 - 1].startswith("General and administrative\t")
    del lines[616 - 1]
    got = _findings(_write(tmp_path, lines))
    expected = _shift(q4_base, 616, -1) | {("TQ202", 125, None, "一般管理費", None)}
    # Without the row, Total costs and expenses no longer foots in the English, so the
    # 6.0 that was a rounding adjustment keeping that footing is now one unit off unexplained.
    expected |= {("TQ401", None, 615, None, "6.0")}
    assert got == expected


def test_deleted_japanese_row_gives_one_finding(tmp_path, q2_base):
    lines = _lines(Q2)
    assert lines[125 - 1].startswith("販売費\t")
    del lines[125 - 1]
    got = _findings(_write(tmp_path, lines))
    # The English row is now the one without a partner; no row after it is disturbed. In
    # the Japanese alone, 営業費用合計 no longer foots, so two figures that were rounding
    # adjustments keeping that footing are now one unit off with nothing to explain them.
    assert got == {
        ("TQ202", None, 523 - 1, None, "Sales and marketing"),
        ("TQ401", 126, None, "0.8", None),
        ("TQ403", 125, None, "3,579", None),
    }


def test_reworded_english_label_still_pairs_by_its_figures(tmp_path, q2_base):
    lines = _lines(Q2)
    # Another valid account name, figures unchanged: the row is paired by its numbers and
    # the glossary reports the label at that line.
    lines[523 - 1] = lines[523 - 1].replace("Sales and marketing", "General and administrative")
    report = api.check(_write(tmp_path, lines))
    tp = next(tp for tp in report.alignment.tables if tp.ja.first_line == 104)
    rp = next(rp for rp in tp.rows if rp.ja and rp.ja.line == 125)
    assert rp.en.line == 523 and rp.en.label == "General and administrative"
    found = [(f.code, f.ja.line, f.en.line) for f in report.findings if f.code in ("TQ300", "TQ301")]
    assert ("TQ300", 125, 523) in found
    mismatch = next(f for f in report.findings if f.code == "TQ300")
    assert "'Sales and marketing'" in mismatch.message  # the expected term is named
    # ...and "General and administrative" now renders two Japanese terms (lines 523, 524).
    assert {c for c, _, _ in found} == {"TQ300", "TQ301"}


def test_missing_caption_still_pairs_the_table(tmp_path, q4_base):
    lines = _lines(Q4)
    assert lines[484 - 1].startswith("Table 2. Revenue Breakdown")
    lines[484 - 1] = ""
    report = api.check(_write(tmp_path, lines))
    tp = next(tp for tp in report.alignment.tables if tp.ja and tp.ja.first_line == 65)
    assert tp.en is not None and tp.en.first_line == 486


def test_value_replaced_by_na(tmp_path, q2_base):
    lines = _lines(Q2)
    lines[403 - 1] = _replace_cell(lines[403 - 1], "45", "N/A")  # IIJ DSL/F 1Q01
    got = _findings(_write(tmp_path, lines))
    assert got == {("TQ102", 51, 403, "45", "N/A")}


def test_value_dropped_from_english_cell(tmp_path, q2_base):
    lines = _lines(Q2)
    lines[432 - 1] = _replace_cell(lines[432 - 1], "4.6", "")  # Contracted bandwidth 1Q01
    got = _findings(_write(tmp_path, lines))
    assert got == {("TQ104", 76, 432, "4.6", "Dedicated Access Services")}
