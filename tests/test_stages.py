"""The pipeline's stages and the records between them: options reach every stage, recompute
is one explicit stage, registries have no import cycles, the CLI's hot path stays light."""

from __future__ import annotations

import dataclasses
import inspect
import io
import subprocess
import sys
from pathlib import Path

import pytest

from taiyaku import api, model
from taiyaku.checks.registry import UnknownRule, selected
from taiyaku.checks.run import all_rules
from taiyaku.model import Convention, Lang, Recomputation, Severity
from taiyaku.options import Options
from taiyaku.report.registry import BINARY_FORMATS, REPORTERS, get_reporter, render

REPO = Path(__file__).resolve().parents[1]

# A Japanese quarterly table in 百万円 whose small figures make the rounding convention matter:
# 10 / 8 - 1 is 11.8% .. 40.0% when both were rounded, 11.1% .. 37.5% when both were truncated.
JA_SMALL = """株式会社サンプルは本日、2026年3月期第4四半期の決算を発表いたしました。
当社グループの業績についてお知らせいたします。

表 1. 業績の推移

(百万円)

\t4Q25\t3Q25\t4Q24
売上高\t10\t9\t8
営業利益\t5\t4\t3

・当四半期の売上高は10百万円（前年同期比39.0%増）となりました。
以上のとおりお知らせいたします。
今後ともよろしくお願いいたします。
"""

# An English release of a company whose fiscal year ends in December: its title says so, and
# "4Q24" is then the quarter ended December 31, 2024, the year-ago column.
EN_DECEMBER = """Example Corporation announces its consolidated results for fiscal 2025.

Consolidated Statements of Income
For the Years Ended December 31, 2025 and 2024 (JPY in millions)

\tDec 31, 2025\tDec 31, 2024
Revenues\t1,500\t1,300
Operating income\t400\t350

Revenues were JPY 1,500 million in 4Q25, an increase of 12.0% compared to 4Q24.
The company will continue to invest in its core businesses next year.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _tieout_findings(path: Path, **options) -> list:
    report = api.check(path, options=Options(select=frozenset({"TQ510"}), **options))
    return [(f.code, (f.ja or f.en).line, (f.ja or f.en).text, f.expected) for f in report.findings]


# --- options reach the recompute stage -------------------------------------------------------


def test_the_convention_option_reaches_the_prose_tieout(tmp_path):
    path = _write(tmp_path, "ja.txt", JA_SMALL)
    # Rounded, 39.0% is within 10 / 8 - 1 = 11.8% .. 40.0%: it agrees.
    assert _tieout_findings(path) == []
    assert _tieout_findings(path, convention=Convention.ROUND) == []
    # Truncated, the cells allow 11.1% .. 37.5% only (before the recompute stage took the
    # option, --convention truncate never reached the tie-out and this passed).
    assert _tieout_findings(path, convention=Convention.TRUNCATE) == [("TQ510", 12, "39.0%", "25.00")]


def test_the_fiscal_year_end_the_titles_state_reaches_the_prose_tieout(tmp_path):
    path = _write(tmp_path, "en.txt", EN_DECEMBER)
    (doc,) = [d for d in api.load(path, single=True)[:2] if d is not None]
    assert doc.fy_end_month == 12
    # 4Q24 is the year-ago quarter of Dec 31, 2025: 1,500 / 1,300 - 1 = 15.38%, not 12.0%.
    assert _tieout_findings(path) == [("TQ510", 10, "12.0%", "15.38")]
    # With a March year end (what the tie-out always assumed), 4Q24 ends in March 2025, a
    # column the table does not have: nothing is tied.
    assert _tieout_findings(path, fy_end_month=3) == []


def test_the_fiscal_year_end_is_one_for_both_languages(repo_root):
    ja, en, _ = api.load(repo_root / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt")
    assert ja is not None and en is not None
    assert ja.fy_end_month == en.fy_end_month == 3
    ja, en, _ = api.load(repo_root / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt", options=Options(fy_end_month=12))
    assert ja.fy_end_month == en.fy_end_month == 12


@pytest.mark.parametrize("month", [0, 13, -3])
def test_options_refuse_a_month_that_is_not_one(month):
    with pytest.raises(ValueError, match="1-12"):
        Options(fy_end_month=month)


def test_cli_refuses_a_fiscal_year_end_that_is_not_a_month(run_cli, repo_root):
    r = run_cli("check", repo_root / "corpora" / "iij-2002-08-fy2002q1.en.txt", "--fy-end-month", "13")
    assert r.returncode == 2
    assert "--fy-end-month" in r.stderr and "Traceback" not in r.stderr


# --- recompute is a stage: frozen results the checks read -----------------------------------


def test_recompute_is_one_frozen_record_per_check(repo_root):
    from taiyaku.align import align
    from taiyaku.recompute import recompute

    ja, en, _ = api.load(repo_root / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt")
    alignment = align(ja, en)
    r = recompute(alignment)
    assert isinstance(r, Recomputation)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.tieouts = ()  # type: ignore[misc]
    assert [d.document.lang for d in r.documents] == [Lang.JA, Lang.EN]
    assert r.of(Lang.JA) is r.documents[0]
    # The 8 Japanese figures that differ from the English are among the compared cells...
    differing = [c for c in r.cells if c.comparison is not None and not c.comparison.agrees]
    assert len(differing) == 8
    # ... and the tie-outs of the summary bullets are there, two of them disagreeing.
    assert sorted(t.mention.text for t in r.tieouts if t.lang is Lang.JA and not t.agrees) == ["32.0%", "53.0%"]
    truncated = recompute(alignment, Convention.TRUNCATE)
    assert {d.convention for d in truncated.documents} == {Convention.TRUNCATE}


def test_every_model_record_is_frozen():
    records = [obj for _, obj in inspect.getmembers(model, inspect.isclass) if dataclasses.is_dataclass(obj)]
    assert len(records) > 30
    for cls in records:
        assert cls.__dataclass_params__.frozen, f"{cls.__name__} is not frozen"  # type: ignore[attr-defined]


# --- registries ------------------------------------------------------------------------------


def test_selection_by_code_and_name_with_ignore():
    rules = all_rules()
    assert [r.code for r in selected(rules, None)] == [r.code for r in rules]
    assert [r.code for r in selected(rules, {"TQ100", "footing"})] == ["TQ100", "TQ400"]
    assert [r.code for r in selected(rules, None, {"rounding-adjustment"})] == [r.code for r in rules if r.code != "TQ404"]
    assert selected(rules, {"TQ100"}, {"numeric-mismatch"}) == []  # an empty selection runs nothing
    with pytest.raises(UnknownRule, match="TQ999"):
        selected(rules, {"TQ999"})
    with pytest.raises(UnknownRule, match="no-such-rule"):
        selected(rules, None, {"no-such-rule"})


def test_api_honours_ignore(repo_root):
    path = repo_root / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt"
    everything = api.check(path)
    without = api.check(path, options=Options(ignore=frozenset({"TQ404", "numeric-mismatch"})))
    assert {f.code for f in everything.findings} >= {"TQ100", "TQ404"}
    assert not {f.code for f in without.findings} & {"TQ100", "TQ404"}
    assert len(without.findings) == len([f for f in everything.findings if f.code not in ("TQ100", "TQ404")])


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                         env={"PYTHONPATH": str(REPO / "src")}, check=True)  # fmt: skip
    return set(out.stdout.split())


def test_the_rule_registry_imports_no_rule():
    modules = _imported_after("import taiyaku.checks.registry")
    assert "taiyaku.checks.registry" in modules
    assert not any(m.startswith("taiyaku.checks.rules") for m in modules)


def test_the_report_registry_imports_reporters_only_when_used():
    modules = _imported_after("import taiyaku.report.registry")
    assert not {"taiyaku.report.text", "taiyaku.report.json", "taiyaku.report.alignment", "rich"} & modules


def test_the_cli_hot_path_does_not_import_pydantic(repo_root):
    corpus = repo_root / "corpora" / "iij-2002-08-fy2002q1.en.txt"
    argv = ["taiyaku", "check", str(corpus), "--format", "json", "-o", "/dev/null"]
    statement = f"from taiyaku.cli import main; sys.argv = {argv!r}\ntry:\n    main()\nexcept SystemExit:\n    pass"
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                         env={"PYTHONPATH": str(REPO / "src")}, check=True)  # fmt: skip
    modules = set(out.stdout.split())
    assert "taiyaku.checks.rules.numeric" in modules  # it did check
    assert not any(m == "pydantic" or m.startswith("pydantic.") for m in modules)
    # the review runs (fingerprints, problems, the verdict), the other reporters and their
    # libraries are not loaded, nor the TOML parser (this repository has no [tool.taiyaku]) nor, without
    # a baseline, the waivers
    assert {"taiyaku.fingerprint", "taiyaku.problems", "taiyaku.gate", "taiyaku.config"} <= modules
    heavy = {"openpyxl", "jsonschema", "tomllib", "rich.progress", "taiyaku.report.html", "taiyaku.report.xlsx",
             "taiyaku.report.sarif", "taiyaku.report.junit", "taiyaku.progress", "hashlib", "taiyaku.waivers"}  # fmt: skip
    assert not heavy & modules


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_registered_reporter_writes(name, repo_root):
    report = api.check(repo_root / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt")
    assert get_reporter(name).name == name
    if name in BINARY_FORMATS:  # a workbook: its cells
        import openpyxl

        data = render(name, report)
        assert isinstance(data, bytes)
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        text = "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    else:
        out = io.StringIO()
        get_reporter(name).write(report, out, False)
        text = out.getvalue()
        assert render(name, report) == text
    assert "Sales and marketing" in text


def test_an_unknown_reporter_names_the_known_ones():
    with pytest.raises(KeyError, match="text, json"):
        get_reporter("yaml")


def test_report_fails_from_the_threshold(repo_root):
    report = api.check(repo_root / "corpora" / "iij-2001-11-fy2001q2.ja-en.txt")
    assert report.worst() is Severity.WARNING  # 95 億円 against "9.5 billion" (TQ504)
    assert not report.fails(Severity.ERROR)
    assert report.fails(Severity.WARNING) and report.fails(Severity.INFO)


def test_a_release_says_whether_it_reports_a_quarter_or_a_year(repo_root, tmp_path):
    ja, en, _ = api.load(repo_root / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt")
    assert ja.quarterly is True and en.quarterly is True  # 2002年度第4四半期 / Fourth Quarter
    annual = _write(tmp_path, "ja.txt", "株式会社サンプル\n2026年3月期 決算短信〔日本基準〕(連結)\n"
                    + "当社は本日、決算を発表いたしました。\n" * 5)  # fmt: skip
    (doc,) = [d for d in api.load(annual, single=True)[:2] if d is not None]
    assert doc.quarterly is False
