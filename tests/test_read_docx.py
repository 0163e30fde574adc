"""The DOCX reader: body order, merged cells, layout tables, text boxes, tracked changes, and
the same findings on a Word rendering of a corpus as on its text."""

from __future__ import annotations

import logging
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import rendering_keys
from taiyaku import api
from taiyaku.errors import InputError
from taiyaku.model import Source
from taiyaku.parse.numbers import strip_markup
from taiyaku.read import read, split_languages

REPO = Path(__file__).resolve().parents[1]
OFFICE = REPO / "tests" / "fixtures" / "office"
CORPUS = "iij-2003-05-fy2002q4"


def _rows(src: Source) -> list[tuple[str, tuple[str, ...] | None, str, str | None]]:
    return [(line.text, line.cells, line.locator, line.table) for line in src.lines]


def test_body_order_merges_layout_tables_text_boxes_and_hidden_text():
    src = read(OFFICE / "features.docx")
    assert src.format == "docx" and src.encoding is None
    assert [line.line for line in src.lines] == list(range(1, len(src.lines) + 1))
    assert _rows(src) == [
        ("Before the first table", None, "paragraph 1", None),
        # gridSpan: the text in the first column of the span, the next one empty
        ("\tFY2026\t\tFY2025", ("", "FY2026", "", "FY2025"), "table 1 row 1", "docx:1"),
        ("Net sales\t1,234\t5.0\t1,175", ("Net sales", "1,234", "5.0", "1,175"), "table 1 row 2", "docx:1"),
        # vMerge: the continued cell is empty
        ("\t(12)\t—\t8", ("", "(12)", "—", "8"), "table 1 row 3", "docx:1"),
        # a line break inside a cell joins with a space
        ("Profit attributable to owners of parent\t300\t\t250",
         ("Profit attributable to owners of parent", "300", "", "250"), "table 1 row 4", "docx:1"),
        ("Between the tables", None, "paragraph 2", None),
        # a layout table holding a nested table: its cell text, then the nested table
        ("Layout cell text", None, "paragraph 3", None),
        ("Inner label\tInner value", ("Inner label", "Inner value"), "table 2 row 1", "docx:2"),
        ("Assets\t9,999", ("Assets", "9,999"), "table 2 row 2", "docx:2"),
        # hidden text left out; a superscript footnote mark marked, an ordinal's "st" kept
        ("Visible text with a footnote mark^{*1} and the 1st quarter", None, "paragraph 4", None),
        # tracked changes accepted
        ("Sales rose INSERTED by 8.2%.", None, "paragraph 5", None),
        # a text box after its anchor paragraph, read once (not again from its VML fallback)
        ("Anchor of a text box", None, "paragraph 6", None),
        ("Box line one", None, "paragraph 7", None),
        ("Box line two", None, "paragraph 8", None),
        ("After everything", None, "paragraph 9", None),
    ]  # fmt: skip
    cells = src.lines[2].cell_locators
    assert cells == ("table 1 row 2 cell 1", "table 1 row 2 cell 2", "table 1 row 2 cell 3", "table 1 row 2 cell 4")


def test_headers_and_footers_are_page_furniture_and_not_read():
    with zipfile.ZipFile(OFFICE / "tanshin.ja.docx") as z:
        assert any("サンプル工業㈱(9999)" in z.read(n).decode() for n in z.namelist() if "header" in n)
    texts = "\n".join(read(OFFICE / "tanshin.ja.docx").texts)
    assert "サンプル工業㈱(9999)" not in texts and "－ 1 －" not in texts
    assert "RUNNING TITLE" not in "\n".join(read(OFFICE / "features.docx").texts)


def test_tracked_changes_are_reported_once(caplog):
    with caplog.at_level(logging.WARNING, logger="taiyaku.read"):
        read(OFFICE / "features.docx")
    notes = [r.getMessage() for r in caplog.records if r.name == "taiyaku.read"]
    assert len(notes) == 1 and "tracked changes" in notes[0] and "accepted" in notes[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="taiyaku.read"):
        read(OFFICE / "tanshin.ja.docx")
    assert not caplog.records


def test_summary_table_of_a_tanshin():
    src = read(OFFICE / "tanshin.ja.docx")
    rows = [line.cells for line in src.lines if line.table == "docx:1"]
    assert rows == [
        ("", "売上高", "", "営業利益", "", "経常利益", "", "親会社株主に帰属する当期純利益", ""),
        ("", "百万円", "％", "百万円", "％", "百万円", "％", "百万円", "％"),
        ("2026年３月期", "152,340", "8.2", "12,450", "△3.1", "13,020", "2.4", "8,910", "15.0"),
        ("2025年３月期", "140,795", "7.3", "12,848", "11.4", "12,714", "6.8", "7,748", "9.0"),
    ]
    titles = [line.text for line in src.lines[: src.lines.index(next(x for x in src.lines if x.table))]]
    assert titles[-1] == "(1) 連結経営成績　(％表示は対前期増減率)"
    en = read(OFFICE / "tanshin.en.docx")
    current = next(line.cells for line in en.lines if line.cells and line.cells[0].startswith("Fiscal year ended March 31, 2026"))
    assert current == ("Fiscal year ended March 31, 2026", "152,340", "8.2", "12,540", "(3.1)", "13,020", "2.4",
                       "8,910", "15.0")  # fmt: skip


def test_the_planted_error_is_found_and_nothing_else_about_figures():
    report = api.check(OFFICE / "tanshin.ja.docx", OFFICE / "tanshin.en.docx")
    figures = [f for f in report.findings if f.code.startswith(("TQ1", "TQ4", "TQ5"))]
    assert figures and all(f.code == "TQ100" for f in figures)
    assert {(f.ja.text, f.en.text) for f in figures if f.ja and f.en} == {("12,450", "12,540")}
    assert len(figures) == 2  # the summary and the statement of income


_key = rendering_keys


def test_a_word_rendering_of_the_corpus_reads_as_its_text():
    text = read(REPO / "corpora" / f"{CORPUS}.ja-en.txt")
    spans = {s.lang.value: s for s in split_languages(text.texts)}
    for lang in ("ja", "en"):
        span = spans[lang]
        want = [line for line in text.lines[span.first - 1 : span.last] if line.text.strip()]
        got = read(OFFICE / "corpus" / f"{CORPUS}.{lang}.docx").lines

        def shape(line):
            if line.cells is None:
                return strip_markup(line.text)
            cells = [strip_markup(c) for c in line.cells]
            while cells and not cells[-1]:
                cells.pop()
            return tuple(cells)

        assert [shape(x) for x in got] == [shape(x) for x in want]
        part = text.lines[span.first - 1 : span.last]
        runs = sum(1 for k, x in enumerate(part) if x.cells and (k == 0 or part[k - 1].cells is None))
        assert len({x.table for x in got if x.table}) == runs  # one Word table per run of rows


def test_check_on_the_word_rendering_gives_the_findings_of_the_text():
    on_text = api.check(REPO / "corpora" / f"{CORPUS}.ja-en.txt")
    on_docx = api.check(OFFICE / "corpus" / f"{CORPUS}.ja.docx", OFFICE / "corpus" / f"{CORPUS}.en.docx")
    assert len(on_text.findings) == 95  # TQ303: 営業利益 as "operating income" and "operating profit"
    assert _key(on_docx) == _key(on_text)
    assert [i.format for i in on_docx.inputs] == ["docx", "docx"]


def test_a_zip_without_the_main_document_part():
    import io

    from taiyaku.read.docx import read_docx

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/styles.xml", "<a/>")
    with pytest.raises(InputError) as e:
        read_docx("nodoc.docx", buf.getvalue())
    assert str(e.value) == "cannot read nodoc.docx: not a complete DOCX file (word/document.xml is missing)"


def test_office_libraries_are_imported_only_for_office_files():
    code = (
        "import sys; from taiyaku import api; api.check('corpora/iij-2003-05-fy2002q4.ja-en.txt');"
        "print(sorted(m for m in ('docx', 'openpyxl', 'lxml', 'taiyaku.read.docx', 'taiyaku.read.xlsx') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO / "src"), "PATH": ""})  # fmt: skip
    assert out.stdout.strip() == "[]"
    code = "import sys; from taiyaku.read import read; read('tests/fixtures/office/features.docx'); print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO / "src"), "PATH": ""})  # fmt: skip
    assert out.stdout.strip() == "False"  # the DOCX reader reads the XML itself, without python-docx
