"""The PDF reader (read/pdf.py) on the fixtures of tests/fixtures/pdf (made by make_pdfs.py),
and `taiyaku check` end to end on PDFs and layout text."""

from __future__ import annotations

import collections
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mask_places
from taiyaku import api
from taiyaku.errors import InputError
from taiyaku.parse.numbers import parse_quantity
from taiyaku.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
REPO = Path(__file__).resolve().parents[1]

_SPEC = importlib.util.spec_from_file_location("make_pdfs", FIXTURES / "make_pdfs.py")
assert _SPEC is not None and _SPEC.loader is not None
make_pdfs = importlib.util.module_from_spec(_SPEC)
sys.modules["make_pdfs"] = make_pdfs  # its dataclasses look their module up
_SPEC.loader.exec_module(make_pdfs)


@pytest.fixture(scope="module")
def ja():
    return read(FIXTURES / "tanshin_ja.pdf")


@pytest.fixture(scope="module")
def en():
    return read(FIXTURES / "tanshin_en.pdf")


def row(src, label: str):
    return next(sl for sl in src.lines if sl.cells and sl.cells[0] == label)


def table_rows(src, table: str):
    return [sl.cells for sl in src.lines if sl.table == table]


# --------------------------------------------------------------------------------------------
# What the Source holds
# --------------------------------------------------------------------------------------------


def test_japanese_summary_table_from_a_ruled_grid_with_cid_fonts(ja):
    data = (FIXTURES / "tanshin_ja.pdf").read_bytes()
    assert b"/HeiseiMin-W3" in data and b"UniJIS-UCS2-H" in data and b"/FontFile" not in data  # not embedded
    first = row(ja, "2026年３月期")
    assert first.cells == ("2026年３月期", "1,234,567", "5.2", "123,456", "△3.1", "120,000", "△2.0", "80,000", "10.3")
    rows = table_rows(ja, first.table)
    assert rows[:4] == [
        ("", "売上高", "", "営業利益", "", "経常利益", "", "親会社株主に帰属する当期純利益", ""),
        ("", "百万円", "％", "百万円", "％", "百万円", "％", "百万円", "％"),
        first.cells,
        ("2025年３月期", "1,173,540", "8.1", "127,400", "12.0", "122,449", "9.5", "72,530", "△0.4"),
    ]
    assert first.table.startswith("pdf:p1:")


def test_per_share_and_financial_position_tables(ja):
    per_share = [r for r in table_rows(ja, "pdf:p1:2")]
    assert per_share[0][1:] == ("1株当たり当期純利益", "潜在株式調整後1株当たり当期純利益", "自己資本当期純利益率",
                                "総資産経常利益率", "売上高営業利益率")  # fmt: skip
    assert per_share[2] == ("2026年３月期", "40.00", "－", "8.2", "6.2", "10.0")
    position = table_rows(ja, "pdf:p1:3")  # unruled: columns from the figures alone
    assert position == [
        ("", "総資産", "純資産", "自己資本比率", "1株当たり純資産"),
        ("", "百万円", "百万円", "％", "円銭"),
        ("2026年３月期", "2,000,000", "1,000,000", "50.0", "500.00"),
        ("2025年３月期", "1,900,000", "960,000", "50.5", "480.00"),
    ]


def test_english_summary_with_labels_wrapped_in_their_cells(en):
    first = row(en, "Fiscal year ended March 31, 2026")
    assert first.cells[1:] == ("1,234,567", "5.2", "123,456", "(3.1)", "120,000", "(2.0)", "80,000", "10.3")
    header = table_rows(en, first.table)[0]
    assert header[7] == "Profit attributable to owners of parent"
    assert row(en, "As of March 31, 2026").cells[1:] == ("2,000,000", "1,000,000", "50.0", "500.00")


def test_every_line_is_located_and_numbered(ja):
    assert [sl.line for sl in ja.lines] == list(range(1, len(ja.lines) + 1))
    assert ja.pages == 4
    for sl in ja.lines:
        assert sl.page and sl.page_line and sl.locator == f"p.{sl.page} l.{sl.page_line}"
    assert row(ja, "2026年３月期").locator == "p.1 l.13"


def test_page_furniture_is_dropped(ja, en):
    for src, title in ((ja, "サンプル工業株式会社(9999) 2026年３月期 決算短信"), (en, "Sample Industries Co., Ltd. (9999)")):
        texts = [sl.text for sl in src.lines]
        assert not any(title in t for t in texts)
        assert not any(re.fullmatch(r"[-－]\s*\d+\s*[-－]", t.strip()) for t in texts)


def test_letter_spaced_labels_and_the_header_block(ja):
    texts = [sl.text for sl in ja.lines]
    assert "上場会社名 サンプル工業株式会社 上場取引所 東" in texts
    assert any(t.startswith("コード番号 9999") for t in texts)


def test_wrapped_prose_is_one_line_and_an_amount_keeps_its_unit(ja, en):
    overview = next(sl for sl in ja.lines if "当連結会計年度における" in sl.text)
    assert "売上高は1兆2,345億円（前期比5.2％増）" in overview.text  # wrapped as 1兆2,345 / 億円
    assert "経常利益は1,200億円" in overview.text  # wrapped inside the figure
    assert overview.locator == "p.2 l.4"
    prose = next(sl for sl in en.lines if sl.text.startswith("During the fiscal year"))
    assert prose.text.endswith("ordinary profit was ¥120.0 billion (down 2.0% year on year).")


def test_a_superscript_footnote_mark_stays_a_mark(ja):
    assert row(ja, "有形固定資産⁽*¹⁾").cells[1:] == ("900,000", "950,000")
    small = read(FIXTURES / "figures.pdf")
    overseas = next(sl for sl in small.lines if sl.cells and sl.cells[0] == "海外")
    assert overseas.cells[1] == "1,234⁽*²⁾"
    assert parse_quantity(overseas.cells[1]).value == 1234  # never 1,2342


def test_a_table_goes_on_across_a_page_break_under_its_repeated_header(ja, en):
    for src, first, last in ((ja, "資産合計", "負債純資産合計"), (en, "Total assets", "Total liabilities and net assets")):
        a, b = row(src, first), row(src, last)
        assert (a.page, b.page) == (2, 3) and a.table == b.table
        rows = [sl for sl in src.lines if sl.table == a.table]
        assert [sl.line for sl in rows] == list(range(rows[0].line, rows[-1].line + 1))
        assert sum(1 for sl in rows if sl.cells == rows[0].cells) == 1  # the header is not repeated


def test_close_header_words_and_character_spacing():
    small = read(FIXTURES / "figures.pdf")
    texts = [sl.text for sl in small.lines]
    assert texts[0] == "コード番号 9999"  # drawn with character spacing
    header = next(sl for sl in small.lines if sl.cells)
    assert header.cells == ("", "当期", "前期", "増減率")


def test_pdf_reading_prints_nothing(capfd):
    read(FIXTURES / "tanshin_ja.pdf")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_no_font_note_on_pdfs_whose_fonts_this_machine_has(capfd):
    """Fonts not embedded (HeiseiKakuGo-W5, Helvetica) with a Japanese system font installed (as
    the README asks): no note, though the corpus PDFs hold empty Helvetica text objects (zero
    width, like the text PDFium could not place). Without a Japanese font the note is right and
    this test fails, naming the fix."""
    pdfs = sorted(p for p in (REPO / "tests" / "fixtures").rglob("*.pdf") if "bad" not in p.parts)
    assert len(pdfs) >= 10
    for pdf in pdfs:
        try:
            read(pdf)
        except InputError:
            pass  # the encrypted and image-only fixtures
    out, err = capfd.readouterr()
    assert "could not place" not in err, err


def test_text_reading_loads_no_pdf_library():
    code = ("import sys; from taiyaku.read import read; read('corpora/iij-2002-08-fy2002q1.en.txt'); "
            "print(sorted(m for m in ('pypdfium2', 'pdfplumber', 'pdfminer') if m in sys.modules))")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------
# Small typeset cases (reportlab platypus, as a typesetter sets tables)
# --------------------------------------------------------------------------------------------


def typeset(path: Path, flow: list, title: str = "", page: tuple[float, float] = (595.0, 842.0)) -> Path:
    """A PDF of platypus flowables, with a running title at the top and `- N -` at the
    bottom of every page when `title` is given."""
    from reportlab import rl_config
    from reportlab.platypus import SimpleDocTemplate

    rl_config.invariant = 1

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        if title:
            canvas.setFont("Helvetica", 8)
            canvas.drawRightString(page[0] - 50, page[1] - 34, title)
            canvas.drawCentredString(page[0] / 2, 28, f"- {doc.page} -")

    doc = SimpleDocTemplate(str(path), pagesize=page, leftMargin=50, rightMargin=50, topMargin=62, bottomMargin=56)
    doc.build(flow, onFirstPage=furniture, onLaterPages=furniture)
    return path


def grid_table(rows: list[list[str]], spans: list[tuple[int, int, int]] = (), ruled: bool = True,
               repeat: int = 0, size: float = 8.0, widths: list[float] | None = None, japanese: bool = False):  # fmt: skip
    """A platypus table of strings (`<super>` marks allowed) in Helvetica, or in the
    non-embedded CID font HeiseiKakuGo-W5: labels flush left, other cells flush right (a
    label too long for its column wraps in its cell); `spans` (row, first, last) are cells
    spanning columns."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, Table, TableStyle

    font = "HeiseiKakuGo-W5" if japanese else "Helvetica"
    if japanese and font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    left = ParagraphStyle("l", fontName=font, fontSize=size, leading=size * 1.2, alignment=TA_LEFT,
                          wordWrap="CJK" if japanese else None)  # fmt: skip
    right = ParagraphStyle("r", parent=left, alignment=TA_RIGHT)
    data = [[Paragraph(t, left if c == 0 else right) if t else "" for c, t in enumerate(r)] for r in rows]
    style = [("SPAN", (a, r), (b, r)) for r, a, b in spans]
    style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []
    style += [("LINEBELOW", (a, r), (b, r), 0.4, colors.black) for r, a, b in spans] if not ruled else []
    return Table(data, colWidths=widths, repeatRows=repeat, style=TableStyle(style), hAlign="LEFT")


def cells_of(path: Path) -> list[tuple[str, ...]]:
    return [sl.cells for sl in read(path).lines if sl.cells is not None]


def test_a_group_heading_spanning_ruled_columns_heads_the_first_of_them(tmp_path):
    rows = [["", "Mar 31, 2003", "", "", "Mar 31, 2002", ""],
            ["", "USD", "JPY", "%", "JPY", "%"],
            ["Cash", "30,392", "3,588,352", "9.2%", "11,045,919", "24.4%"],
            ["Total assets", "332,171", "39,219,388", "100.0%", "45,262,783", "100.0%"]]  # fmt: skip
    pdf = typeset(tmp_path / "spans.pdf", [grid_table(rows, spans=[(0, 1, 3), (0, 4, 5)],
                                                      widths=[120, 50, 70, 50, 70, 50])])  # fmt: skip
    assert cells_of(pdf) == [tuple(r) for r in rows]


def test_rules_of_two_tables_at_almost_one_x_stay_apart(tmp_path):
    """The vertical rules of a table under another, each less than a point right of one of
    the other's, are the column boundaries of each (not one rule each)."""
    from reportlab.platypus import Spacer

    upper = [["", "A", "B"], ["Sales", "1,000", "2,000"], ["Costs", "300", "400"]]
    lower = [["", "Group", "", ""], ["", "C", "D", "E"], ["Sales", "10", "1,000", "2,000"], ["Costs", "30", "300", "400"]]
    pdf = typeset(tmp_path / "two.pdf", [grid_table(upper, widths=[100, 80, 80]), Spacer(1, 40),
                                         grid_table(lower, spans=[(0, 1, 3)], widths=[100.8, 80, 80, 80])])  # fmt: skip
    assert cells_of(pdf) == [tuple(r) for r in upper + lower]


def test_a_mark_set_in_super_at_four_fifths_of_the_size_is_a_footnote_mark(tmp_path):
    rows = [["", "Current", "Prior"], ["Revenues<super>(2)</super>", "1,234", "1,100"],
            ["Other", "56<super>*3</super>", "40"]]  # fmt: skip
    pdf = typeset(tmp_path / "marks.pdf", [grid_table(rows)])
    assert cells_of(pdf)[1:] == [("Revenues⁽²⁾", "1,234", "1,100"), ("Other", "56⁽*³⁾", "40")]


def test_unruled_group_headings_stand_over_the_columns_their_rule_spans(tmp_path):
    """Without cell borders, a group heading is centred over its columns with a rule under
    it: it heads the first of them, even wrapped in its cell ("Value-added" / "Service")
    or spanning every column, however far the rule sets it above the next header line."""
    rows = [["", "Year-over-year Comparison", "", "", ""],
            ["", "Value-added Service", "", "System Integration", ""],
            ["", "2001", "2002", "2001", "2002"],
            ["Revenues", "1,234", "2,345", "3,456", "4,567"],
            ["Costs", "(123)", "(234)", "(345)", "(456)"]]  # fmt: skip
    pdf = typeset(tmp_path / "groups.pdf", [grid_table(rows, spans=[(0, 1, 4), (1, 1, 2), (1, 3, 4)], ruled=False,
                                                       widths=[150, 40, 40, 40, 40])])  # fmt: skip
    assert cells_of(pdf) == [tuple(r) for r in rows]
    assert {sl.table for sl in read(pdf).lines if sl.cells} == {"pdf:p1:1"}


def test_unruled_label_wrapped_in_its_cell_is_one_label(tmp_path):
    """A label too long for its column wraps inside its cell, the figures on its last line:
    the lines of one cell stand closer together than the rows, so they are one label
    (Japanese joined without a space, English with one)."""
    from reportlab.platypus import Spacer

    ja = [["", "2003", "2002"], ["流動資産", "", ""], ["現金及び預金", "1,200", "1,100"],
          ["インターネット接続及び付加価値サービス収入合計", "45,895", "43,000"], ["その他", "15", "12"]]  # fmt: skip
    en = [["", "2003", "2002"], ["Current assets", "", ""], ["Cash", "1,200", "1,100"],
          ["Total revenues from dedicated access services", "5,308", "4,719"], ["Other", "15", "12"]]  # fmt: skip
    pdf = typeset(tmp_path / "wrapped.pdf", [grid_table(ja, ruled=False, widths=[110, 60, 60], japanese=True),
                                             Spacer(1, 30), grid_table(en, ruled=False, widths=[110, 60, 60])])  # fmt: skip
    src = read(pdf)
    assert sum(1 for sl in src.lines if sl.cells is None and sl.text.strip()) == 0
    assert cells_of(pdf) == [tuple(r) for r in ja + en]


@pytest.mark.parametrize("ruled", [True, False])
def test_a_table_header_repeated_at_the_top_of_each_page_is_no_running_title(tmp_path, ruled):
    """Under a running title, the header of a table that goes on over pages recurs at the
    top of each page: it stays the table's header (the table is one table, its header
    once), and the running title and page numbers go."""
    head = [["", "Mar 31, 2003", "Mar 31, 2002"], ["", "JPY", "JPY"]]
    body = [["Assets:", "", ""]] + [[f"Item {k}", f"{k},{k:03d}", f"{k + 1},000"] for k in range(1, 150)]
    pdf = typeset(tmp_path / "long.pdf", [grid_table(head + body, ruled=ruled, repeat=2)], title="Sample Inc. Results")
    src = read(pdf)
    assert src.pages >= 3
    rows = [sl for sl in src.lines if sl.cells is not None]
    assert [r.cells for r in rows] == [tuple(r) for r in head + body]
    assert len({r.table for r in rows}) == 1
    assert not any("Sample Inc." in sl.text or re.fullmatch(r"- \d+ -", sl.text) for sl in src.lines)


# --------------------------------------------------------------------------------------------
# Input that cannot be read
# --------------------------------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as e:
        read(path)
    message = str(e.value)
    assert "\n" not in message and str(path) in message
    return message


def test_encrypted_pdf():
    assert "encrypted (password-protected)" in refusal(FIXTURES / "encrypted.pdf")


def test_pdf_without_a_text_layer():
    assert "no text layer" in refusal(FIXTURES / "scanned.pdf") and "OCR" in refusal(FIXTURES / "scanned.pdf")


def test_truncated_pdf(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((FIXTURES / "tanshin_ja.pdf").read_bytes()[:6000])
    assert "truncated or damaged" in refusal(cut)


def test_corrupt_pdf(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage\n%%EOF\n")
    assert "damaged" in refusal(bad)


def test_refusal_on_the_command_line(run_cli):
    done = run_cli("check", FIXTURES / "encrypted.pdf", FIXTURES / "tanshin_en.pdf")
    assert done.returncode != 0
    assert "encrypted" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------------------------
# End to end
# --------------------------------------------------------------------------------------------


def _norm(report, s: str | None) -> str:
    s = mask_places(report, s or "")
    s = re.sub(r"(lines?|table at line) [0-9][0-9, -]*", r"\1 N", s)
    return re.sub(r"\s+", " ", s.replace("\u3000", " ")).strip()


def findings(*paths) -> collections.Counter:
    """The findings of a check as (code, severity, message, texts, contexts), places aside."""
    report = api.check(*paths)
    return collections.Counter(
        (f.code, str(f.severity), _norm(report, f.message), f.ja.text if f.ja else None,
         f.en.text if f.en else None, _norm(report, f.ja.context) if f.ja else None,
         _norm(report, f.en.context) if f.en else None)  # fmt: skip
        for f in report.findings
    )


def errors(found: collections.Counter) -> list:
    return sorted(k for k in found.elements() if "error" in k[1].lower())


@pytest.mark.parametrize("english", ["tanshin_en.pdf", "tanshin_en.layout.txt"])
def test_a_correct_pair_gives_no_error(english):
    assert errors(findings(FIXTURES / "tanshin_ja.pdf", FIXTURES / english)) == []


@pytest.mark.parametrize("english", ["tanshin_en_error.pdf", "tanshin_en_error.layout.txt"])
def test_a_planted_figure_error_gives_exactly_that_tq100(english):
    correct = findings(FIXTURES / "tanshin_ja.pdf", FIXTURES / english.replace("_error", ""))
    planted = findings(FIXTURES / "tanshin_ja.pdf", FIXTURES / english)
    extra = planted - correct
    assert list(extra) == [k for k in extra if k[0] == "TQ100"] and sum(extra.values()) == 1
    (code, _, message, ja_text, en_text, ja_context, _), = extra
    assert (ja_text, en_text) == ("123,456", "123,465")
    assert ja_context.startswith("2026年３月期 | 営業利益")
    assert not correct - planted  # and nothing else changed


def test_pdfs_and_layout_text_give_the_findings_of_the_text_they_render(tmp_path):
    ja_text = tmp_path / "ja.txt"
    en_text = tmp_path / "en.txt"
    ja_text.write_text(make_pdfs.to_text(make_pdfs.tanshin("ja")), encoding="utf-8")
    en_text.write_text(make_pdfs.to_text(make_pdfs.tanshin("en")), encoding="utf-8")
    expected = findings(ja_text, en_text)
    assert expected  # the made-up pair has warnings of its own (glossary, period labels)

    def comparable(found):  # text and PDF write the same cell with or without a full-width space
        return collections.Counter({k[:5]: n for k, n in found.items()})

    assert comparable(findings(FIXTURES / "tanshin_ja.pdf", FIXTURES / "tanshin_en.pdf")) == comparable(expected)
    layout_pair = findings(FIXTURES / "tanshin_ja.layout.txt", FIXTURES / "tanshin_en.layout.txt")
    assert comparable(layout_pair) == comparable(expected)


CORPORA = sorted(p.name for p in (REPO / "corpora").glob("*.txt"))


@pytest.mark.parametrize("name", CORPORA)
def test_a_corpus_rendered_as_pdf_gives_the_findings_of_its_text(name, tmp_path):
    text = (REPO / "corpora" / name).read_text(encoding="utf-8")
    pdf = make_pdfs.render_tab_text(text, tmp_path / "corpus.pdf", title="Internet Initiative Japan Inc.")
    want, got = findings(REPO / "corpora" / name), findings(pdf)
    serious = ("error", "warning")
    assert sorted(k[:3] for k in got.elements() if any(s in k[1].lower() for s in serious)) == sorted(
        k[:3] for k in want.elements() if any(s in k[1].lower() for s in serious))  # fmt: skip
    if name != "iij-2002-05-6k-fy2001q4.en.txt":  # the OCR-damaged 6-K: its damaged rows read otherwise
        assert collections.Counter(k[:3] for k in got.elements()) == collections.Counter(k[:3] for k in want.elements())


def test_a_300_page_pair_is_read_in_bounded_memory(tmp_path):
    for lang in ("ja", "en"):
        make_pdfs.write_pdf(make_pdfs.long_tanshin(lang, 300), tmp_path / f"{lang}.pdf")
    code = (
        "import resource, sys; from taiyaku import api; from taiyaku.read import read; "
        f"print(read({str(tmp_path / 'ja.pdf')!r}).pages); "
        f"r = api.check({str(tmp_path / 'ja.pdf')!r}, {str(tmp_path / 'en.pdf')!r}); "
        "print(len(r.findings)); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    pages, _, peak_kb = done.stdout.split()
    assert int(pages) == 300
    assert int(peak_kb) < 500 * 1024, f"peak RSS {int(peak_kb) // 1024} MB"
