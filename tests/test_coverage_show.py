"""What a run read and compared (the coverage block), a run that compared nothing exiting 2,
`taiyaku show`, and locations that say where a finding stands in a paged source."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from taiyaku import api
from taiyaku.align import align
from taiyaku.checks.context import CheckContext
from taiyaku.checks.run import run_rules
from taiyaku.model import Lang, Report, Source
from taiyaku.options import Options
from taiyaku.parse import parse_documents
from taiyaku.read import read, split_languages
from taiyaku.recompute import recompute
from taiyaku.report.json import report_dict

Q4 = "corpora/iij-2003-05-fy2002q4.ja-en.txt"

PROSE_ONLY = """Example Corporation will hold its annual general meeting next month.
The board thanks its shareholders for their continued support of the company.
Details of the meeting will be sent to every shareholder by post.
Questions may be sent to the investor relations office at any time.
The company looks forward to welcoming shareholders at the meeting.
"""

# Japanese and English tables that share no figure: nothing pairs, nothing recomputes.
JA_APART = """株式会社サンプルは本日、決算の概要を発表いたしました。
当社グループの業績についてお知らせいたします。
詳細は添付資料をご覧ください。
今後ともよろしくお願いいたします。
以上のとおりお知らせいたします。

表 1. 主要な指標
\t2026年3月期
店舗数\t120
従業員数\t3,410
"""
EN_APART = """Example Corporation announces an outline of its results today.
Please see the attached materials for details of the results.
The company thanks its shareholders for their continued support.
The company will continue to invest in its core businesses.
Questions may be sent to the investor relations office.

Table 1. Key figures
\tMar 31, 2026
Stores\t95
Parking lots\t2,880
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- the coverage block ------------------------------------------------------------------------


def test_coverage_of_the_2003_corpus_counts_what_was_compared(repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    report = api.check(Q4)
    cov = report.coverage
    assert cov is not None and cov.ja is not None and cov.en is not None
    ja, en = report.alignment.ja, report.alignment.en
    assert (cov.ja.tables, cov.en.tables) == (len(ja.tables), len(en.tables)) == (10, 13)
    assert cov.paired_tables == sum(1 for tp in report.alignment.tables if tp.ja and tp.en) == 10
    # every aligned cell with a figure on both sides was compared: the 8 TQ100 are among them
    assert cov.compared_cells == sum(1 for c in recompute(report.alignment).cells if c.comparison is not None)
    assert cov.compared_cells > 800
    assert cov.compared_prose_figures == sum(
        1 for sp in report.alignment.sentences for mp in sp.mentions if mp.ja and mp.en
    )
    assert cov.recomputed > 0
    data = report_dict(report)["coverage"]
    assert data["ja"]["tables"] == 10 and data["en"]["figures"] == cov.en.figures
    assert api.unchecked(report) is None


def test_a_one_language_file_is_checked_when_it_recomputes(repo_root):
    report = api.check(repo_root / "corpora" / "iij-2002-08-fy2002q1.en.txt")
    cov = report.coverage
    assert cov is not None and cov.ja is None and cov.compared_cells == 0
    assert cov.recomputed > 0  # footings, shares, changes: something was checked
    assert api.unchecked(report) is None


def test_a_document_with_no_table_and_no_figure_exits_2(run_cli, tmp_path):
    path = _write(tmp_path, "notice.txt", PROSE_ONLY)
    reason = api.unchecked(api.check(path))
    assert reason is not None and reason.startswith(f"en: 0 tables, 0 figures in {path}")
    r = run_cli("check", path, "--format", "json")
    assert r.returncode == 2
    assert r.stderr.strip() == f"taiyaku: error: {reason}"
    # the report is still written, and says what was read
    assert json.loads(r.stdout)["coverage"]["en"] == {"tables": 0, "figures": 0, "table_figures": 0,
                                                        "prose_figures": 0, "paragraphs": 5}  # fmt: skip


def test_a_pair_that_shares_nothing_exits_2(run_cli, tmp_path):
    ja, en = _write(tmp_path, "ja.txt", JA_APART), _write(tmp_path, "en.txt", EN_APART)
    report = api.check(ja, en)
    assert report.coverage is not None and report.coverage.compared_cells == 0  # captions pair, no row does
    reason = api.unchecked(report)
    assert reason is not None and reason.startswith("nothing was compared (ja: 1 tables, 2 figures; en: 1 tables")
    r = run_cli("check", ja, en)
    assert r.returncode == 2 and "nothing was compared" in r.stderr
    assert "Traceback" not in r.stderr
    # the text report ends with what was read and compared, and why the run is not a pass
    last = r.stdout.rstrip().splitlines()[-2:]
    assert last[0].startswith("read: ja 1 tables, 2 figures; en 1 tables, 2 figures.")
    assert last[1] == f"not checked: {reason} (exit 2)"


# --- taiyaku show ---------------------------------------------------------------------------


def test_show_lists_each_table_with_its_rows(run_cli):
    r = run_cli("show", Q4)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Japanese part (line 1 to line 328): 10 tables" in out
    assert "English part (line 329 to line 818): 13 tables" in out
    assert "表 1. 契約数   line 43, 11 rows, 3 columns" in out
    assert "header | 4Q02 | 3Q02 | 4Q01" in out
    assert "line 124   販売費 |" in out


def test_show_json_is_the_documented_shape(run_cli):
    r = run_cli("show", Q4, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["inputs"] == [{"path": Q4, "lang": "ja+en", "format": "text"}]
    ja, en = data["documents"]
    assert (ja["lang"], en["lang"], len(ja["tables"]), len(en["tables"])) == ("ja", "en", 10, 13)
    assert ja["paragraphs"] > 0 and ja["figures"] == ja["table_figures"] + ja["prose_figures"]
    table = next(t for t in ja["tables"] if t["caption"] and "Appendix 1" in t["caption"])
    assert table["locator"].startswith("line ")
    row = next(r for r in table["rows"] if r["label"] == "販売費")
    assert row["locator"] == "line 124"
    assert {c["text"] for c in row["cells"]} >= {"5.9"}
    assert all(set(c) == {"column", "text", "locator", "figure"} for c in row["cells"])


def test_show_of_a_missing_file_exits_2(run_cli, tmp_path):
    r = run_cli("show", tmp_path / "nope.pdf")
    assert r.returncode == 2 and "No such file" in r.stderr and r.stdout == ""


# --- locations in a paged source -------------------------------------------------------------


def _paged(source: Source, per_page: int = 40) -> Source:
    """`source` as if its lines were laid out on pages of `per_page` lines (a PDF would be)."""
    lines = tuple(
        dataclasses.replace(sl, page=(sl.line - 1) // per_page + 1, page_line=(sl.line - 1) % per_page + 1,
                            locator=f"p.{(sl.line - 1) // per_page + 1} l.{(sl.line - 1) % per_page + 1}")
        for sl in source.lines
    )  # fmt: skip
    return dataclasses.replace(source, format="pdf", lines=lines)


def test_findings_in_a_paged_source_say_page_and_line(repo_root):
    source = _paged(read(repo_root / Q4))
    spans = {s.lang: s for s in split_languages(source.texts)}
    ja, en = parse_documents([(source, spans[Lang.JA]), (source, spans[Lang.EN])])
    alignment = align(ja, en)
    findings = list(run_rules(CheckContext(alignment, recompute(alignment), None, Options(select=frozenset({"TQ100"})))))
    sales = next(f for f in findings if f.ja and f.ja.text == "5.9")
    # line 124 of the file is line 4 of page 4 (40 lines a page); line 615 is page 16 line 15
    assert (sales.ja.page, sales.ja.line, sales.ja.locator) == (4, 4, "p.4 l.4")
    assert (sales.en.page, sales.en.line, sales.en.locator) == (16, 15, "p.16 l.15")
    assert report_dict(Report((), tuple(findings), alignment))["findings"][0]["ja"]["locator"].startswith("p.")
