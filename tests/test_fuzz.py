"""Fuzz tests: the bundled corpora, mutated, never make an exception other than InputError escape.

Each example starts from a corpus file (corpora/*.txt) and applies a short recipe of mutations:
lines deleted, duplicated or swapped, blocks of lines moved; odd text inserted (full-width digits,
△ ▲ （） ％ 億 万 兆 千, tabs, CR, NUL, digit strings of 30+ digits, 1e308-like text); a figure cell
replaced by an odd figure ("((5))", "1,2,3,4", "〇", "－", "12.345.6", "(", "9" * 40); cells
dropped, added, split or joined in table rows; a digit of a figure, year or day replaced; a column
title replaced by an odd period ("2003年13月期", "Feb 30, 2003", "5Q02"); a unit line replaced;
then the line endings changed (CR only, CRLF, mixed), the text encoded (UTF-8, with a BOM, CP932, EUC-JP)
and the bytes cut at a random offset (possibly inside a UTF-8 sequence).
The recipe, not the bytes, is what Hypothesis draws and shrinks, so a failure prints a short,
readable recipe (`Recipe(corpus=..., ops=(...), endings=..., encoding=..., cut=...)`).

The public API (`api.check(path)` on one bilingual or one-language file, `api.check(ja, en)`
on two) must return a report (which the text and JSON reporters can write) or raise
`taiyaku.errors.InputError` with a one-line, non-empty message. The command line
(`python -m taiyaku check`) must exit 0, 1 or 2 with no traceback and no "internal error".

The number of examples is bounded for CI (25 per test by default, the file runs in well under a
minute; the command line test runs a fifth as many, each one is a process). More on demand:

    TAIYAKU_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py

Examples are derandomized (the same ones every run, no example database): a failure found on
demand is reproduced by the same command, and its recipe can be kept as a regression case below.
"""

from __future__ import annotations

import json
import os
import random
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taiyaku import api
from taiyaku.errors import InputError

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPORA = {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted((REPO_ROOT / "corpora").glob("*.txt"))}
# The bilingual corpora and the last line of their Japanese part (as `cat -n` numbers them).
JA_LAST = {"iij-2001-11-fy2001q2.ja-en.txt": 236, "iij-2003-05-fy2002q4.ja-en.txt": 328}
# The smallest files first: they keep an example fast (about 0.1-0.3 s a check).
SMALLEST = sorted(CORPORA, key=lambda name: len("\n".join(CORPORA[name])))

EXAMPLES = int(os.environ.get("TAIYAKU_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    # A check takes a tenth of a second or more; the tmp_path / user data fixtures are the
    # same folder for every example, and each example writes its files afresh.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- what the mutations put in ----------------------------------------------------------------

ODD_TEXT = (
    "０", "１２３", "９，９９９", "△", "▲", "△▲", "（", "）", "（１）", "％", "%", "億", "万", "兆", "千",
    "百万円", "億円", "千円", "\t", "\t\t", "\r", "\x00", "－", "-", "—", "〇", ",", ".", "(", ")",
    "1e308", "1E+308", "-1e-308", "1.7976931348623157e308", "inf", "NaN", "1" * 30, "9" * 40,
    "0." + "0" * 30 + "1", "1234567890" * 4 + ".5", "\u3000", "\ufeff", "\u200b", "⁽¹⁾", "^{(*)3}",
    "<u>", "</u>", "2003年3月期", "Mar 31, 2003", "4Q02", "FY2026", "%の増加", "billion", "million",
)  # fmt: skip
ODD_FIGURES = (
    "((5))", "1,2,3,4", "〇", "－", "12.345.6", "(", ")", "9" * 40, "0", "0.0", "△0", "1" * 27, "1" * 21, "0." + "1" * 27,
    "1" * 26 + ".5", "▲△5", "(5", "5)", "(-)", "△0", "-0", "(0)", "5%%", "5億万", "1e308", "-1e308",
    "１２，３４５", "▲１,２３４", "12,34", "1,2345", ".5", "5.", "1..2", "+-5", "% 5", "百万円", "－ －",
    "12兆3456億7890万円", "9" * 20 + "億円", "0.000000000000000000000000000001%", "\x00", " ", "",
)  # fmt: skip

ODD_PERIODS = (
    "2003年13月期", "2003年0月期", "0年3月期", "99999年3月期", "2003年3月期第5四半期", "2003年2月30日", "第0期",
    "第" + "9" * 30 + "期", "Mar 32, 2003", "Feb 30, 2003", "Dec 31, 99999", "Jun 31, 0", "0Q02", "5Q02", "4Q",
    "FY0", "FY" + "9" * 25, "fiscal 99999", "Year", "通期", "前年同期比", "YOY Chg %", "QOQ Chg %",
    "2003年3月期 2002年3月期", "Mar 31, 2003 Mar 31, 2002", "2Q01 1Q01",
)  # fmt: skip
ODD_UNITS = (
    "(単位:兆円)", "(単位:十億円)", "(単位:円)", "(単位:%)", "(単位:千株)", "(単位:百万円未満切捨て)", "(JPY in trillions)",
    "(JPY in billions)", "(USD in thousands)", "(in millions of yen, rounded down)", "(単位:百万円、千米ドル)",
    "JPY/千円単位、USD/千米ドル単位", "(単位:億円)(単位:百万円)",
)  # fmt: skip

INSERTION = st.lists(st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=3)), min_size=1, max_size=4).map("".join)
INDEX = st.integers(0, 10**6)  # taken modulo the number of lines (or cells) when applied

OPS = st.one_of(
    st.tuples(st.just("delete"), INDEX, st.integers(1, 5)),
    st.tuples(st.just("duplicate"), INDEX, st.integers(1, 3)),
    st.tuples(st.just("swap"), INDEX, INDEX),
    st.tuples(st.just("move-block"), INDEX, st.integers(1, 200), INDEX),
    st.tuples(st.just("insert"), INDEX, INDEX, INSERTION),
    st.tuples(st.just("new-line"), INDEX, INSERTION),
    st.tuples(st.just("figure"), INDEX, INDEX, st.sampled_from(ODD_FIGURES)),
    st.tuples(st.just("drop-cell"), INDEX, INDEX),
    st.tuples(st.just("add-cell"), INDEX, INDEX, st.sampled_from(("", "0", "1,234", "(5)", "▲1", "－", "x"))),
    st.tuples(st.just("split-cell"), INDEX, INDEX),
    st.tuples(st.just("digits"), INDEX, INDEX, st.sampled_from(("0", "1", "9", "00", "13", "99999", "", "1" * 30))),
    st.tuples(st.just("period"), INDEX, INDEX, st.sampled_from(ODD_PERIODS)),
    st.tuples(st.just("unit"), INDEX, st.sampled_from(ODD_UNITS)),
    st.tuples(st.just("join-cells"), INDEX, INDEX),
)


class Recipe(NamedTuple):
    """How one example is made from a corpus file: the line mutations in order, then the line
    endings, the encoding and where the bytes are cut (None: not cut)."""

    corpus: str
    ops: tuple[tuple, ...]
    endings: str  # "lf", "cr", "crlf" or "mixed:SEED"
    encoding: str  # "utf-8", "utf-8-sig", "cp932" or "euc_jp"
    cut: int | None  # a byte offset, taken modulo the length + 1


def recipes(corpora: list[str], max_ops: int = 6) -> st.SearchStrategy[Recipe]:
    endings = st.one_of(st.sampled_from(("lf", "cr", "crlf")), st.integers(0, 2**16).map(lambda s: f"mixed:{s}"))
    return st.builds(
        Recipe,
        st.sampled_from(corpora),
        st.lists(OPS, min_size=1, max_size=max_ops).map(tuple),
        st.one_of(st.just("lf"), endings),
        st.sampled_from(("utf-8", "utf-8", "utf-8-sig", "cp932", "euc_jp")),
        st.one_of(st.none(), st.none(), INDEX),
    )


# --- applying a recipe -------------------------------------------------------------------------


def _table_rows(lines: list[str]) -> list[int]:
    """The lines that are table rows (a tab and a digit), else every line."""
    rows = [i for i, line in enumerate(lines) if "\t" in line and any(ch.isdigit() for ch in line)]
    return rows or list(range(len(lines)))


def mutate(lines: list[str], ops: tuple[tuple, ...]) -> list[str]:
    lines = list(lines)
    for op in ops:
        if not lines:
            lines = [""]
        kind, n = op[0], len(lines)
        if kind == "delete":
            i = op[1] % n
            del lines[i : i + op[2]]
        elif kind == "duplicate":
            i = op[1] % n
            lines[i:i] = [lines[i]] * op[2]
        elif kind == "swap":
            i, j = op[1] % n, op[2] % n
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "move-block":  # up to 200 lines moved elsewhere (a part of the other language, say)
            i = op[1] % n
            block = lines[i : i + op[2]]
            del lines[i : i + op[2]]
            j = op[3] % (len(lines) + 1)
            lines[j:j] = block
        elif kind == "insert":
            i = op[1] % n
            k = op[2] % (len(lines[i]) + 1)
            lines[i] = lines[i][:k] + op[3] + lines[i][k:]
        elif kind == "new-line":
            lines.insert(op[1] % (n + 1), op[2])
        elif kind == "digits":  # a digit of a line with digits (a figure, a year, a day) replaced
            with_digits = [i for i, line in enumerate(lines) if any(ch.isdigit() for ch in line)] or [0]
            i = with_digits[op[1] % len(with_digits)]
            where = [k for k, ch in enumerate(lines[i]) if ch.isdigit()] or [0]
            k = where[op[2] % len(where)]
            lines[i] = lines[i][:k] + op[3] + lines[i][k + 1 :]
        elif kind == "unit":  # a unit line replaced, or one put before a table
            units = [i for i, line in enumerate(lines) if "単位" in line or " in millions" in line or " in thousands" in line]
            i = (units or list(range(n)))[op[1] % len(units or range(n))]
            if units:
                lines[i] = op[2]
            else:
                lines.insert(i, op[2])
        elif kind == "period":  # a column title of a header row (a tab line without a label)
            headers = [i for i, line in enumerate(lines) if line.startswith("\t") and line.strip()] or _table_rows(lines)
            i = headers[op[1] % len(headers)]
            cells = lines[i].split("\t")
            cells[1 + op[2] % max(1, len(cells) - 1) if len(cells) > 1 else 0] = op[3]
            lines[i] = "\t".join(cells)
        else:  # a table row's cells
            rows = _table_rows(lines)
            i = rows[op[1] % len(rows)]
            cells = lines[i].split("\t")
            if kind == "figure":
                figures = [c for c in range(len(cells)) if any(ch.isdigit() for ch in cells[c])] or list(range(len(cells)))
                cells[figures[op[2] % len(figures)]] = op[3]
            elif kind == "drop-cell":
                del cells[op[2] % len(cells)]
            elif kind == "add-cell":
                cells.insert(op[2] % (len(cells) + 1), op[3])
            elif kind == "split-cell":
                c = op[2] % len(cells)
                k = op[2] % (len(cells[c]) + 1)
                cells[c : c + 1] = [cells[c][:k], cells[c][k:]]
            elif kind == "join-cells" and len(cells) > 1:
                c = op[2] % (len(cells) - 1)
                cells[c : c + 2] = [cells[c] + " " + cells[c + 1]]
            lines[i] = "\t".join(cells)
    return lines


def render(lines: list[str], recipe: Recipe) -> bytes:
    if recipe.endings.startswith("mixed:"):
        rng = random.Random(int(recipe.endings.split(":")[1]))
        text = "".join(line + rng.choice(("\n", "\r\n", "\r")) for line in lines)
    else:
        text = {"lf": "\n", "cr": "\r", "crlf": "\r\n"}[recipe.endings].join(lines)
    data = text.encode(recipe.encoding, errors="replace")
    if recipe.cut is not None:
        data = data[: recipe.cut % (len(data) + 1)]
    return data


def make(recipe: Recipe, lines: list[str] | None = None) -> bytes:
    return render(mutate(CORPORA[recipe.corpus] if lines is None else lines, recipe.ops), recipe)


# --- what must hold ----------------------------------------------------------------------------


def assert_input_error(e: InputError) -> None:
    message = str(e)
    assert message.strip(), f"an InputError without a message: {e!r}"
    assert "\n" not in message and "\r" not in message, f"an InputError of more than one line: {message!r}"


def checked(*paths: Path) -> None:
    """api.check on the paths returns a report the text and JSON reporters write, or raises
    a one-line InputError; any other exception fails the test."""
    from taiyaku.report.registry import get_reporter

    try:
        report = api.check(*paths)
    except InputError as e:
        assert_input_error(e)
        return
    assert set(report.summary) == {"error", "warning", "info"}
    get_reporter("text").write(report, StringIO())
    out = StringIO()
    get_reporter("json").write(report, out)
    assert json.loads(out.getvalue())["summary"] == report.summary


# --- the fuzz tests ----------------------------------------------------------------------------


@FUZZ
@given(recipe=recipes(SMALLEST))
def test_a_mutated_corpus_file_is_checked_or_refused_in_one_line(recipe: Recipe, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(make(recipe))
    checked(path)


@FUZZ
@given(ja=recipes(sorted(JA_LAST), max_ops=3), en=recipes(SMALLEST, max_ops=3))
def test_a_mutated_pair_of_files_is_checked_or_refused_in_one_line(ja: Recipe, en: Recipe, tmp_path: Path) -> None:
    # The Japanese part of a bilingual corpus against the English part of one or an English file.
    ja_path, en_path = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja_path.write_bytes(make(ja, CORPORA[ja.corpus][: JA_LAST[ja.corpus]]))
    en_path.write_bytes(make(en, CORPORA[en.corpus][JA_LAST.get(en.corpus, 0) :]))
    checked(ja_path, en_path)


@settings(FUZZ, max_examples=max(2, EXAMPLES // 5))
@given(recipe=recipes(SMALLEST[:3]), fmt=st.sampled_from(("text", "json")))
def test_the_command_line_exits_0_1_or_2_without_a_traceback(recipe: Recipe, fmt: str, tmp_path: Path, run_cli) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(make(recipe))
    proc = run_cli("check", path, "--format", fmt, "--no-progress")
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    if proc.returncode == 2:
        assert proc.stderr.strip(), "exit 2 without a reason on stderr"
    elif fmt == "json":
        assert set(json.loads(proc.stdout)["summary"]) == {"error", "warning", "info"}


def test_the_mutations_change_what_is_read(tmp_path: Path) -> None:
    # The fuzzer is only as good as its mutations: each kind must change the file it is given.
    lines = CORPORA[SMALLEST[0]]
    for op in (("delete", 5, 1), ("duplicate", 5, 1), ("swap", 4, 100), ("move-block", 4, 10, 300), ("insert", 5, 0, "▲"),
               ("new-line", 5, "△1"), ("figure", 3, 1, "((5))"), ("drop-cell", 3, 1),
               ("add-cell", 3, 1, "0"), ("split-cell", 3, 2), ("join-cells", 3, 1), ("digits", 3, 0, "99999"),
               ("period", 3, 1, "5Q02"), ("unit", 0, "(単位:兆円)")):  # fmt: skip
        assert mutate(lines, (op,)) != lines, op
    base = Recipe(SMALLEST[0], (), "lf", "utf-8", None)
    original = make(base)
    assert original == "\n".join(lines).encode()
    assert b"\r" in make(base._replace(endings="cr")) and b"\n" not in make(base._replace(endings="cr"))
    assert make(base._replace(endings="crlf")).count(b"\r\n") == len(lines) - 1
    assert len(make(base._replace(cut=1000))) == 1000
    with pytest.raises(UnicodeDecodeError):  # a cut may fall inside a UTF-8 sequence
        make(base._replace(cut=next(i for i, b in enumerate(original) if b >= 0xC0) + 1)).decode("utf-8")


# --- regression cases: the minimal inputs of the crashes fuzzing found (issue 13) ---------------
# Already covered elsewhere: CR-only bytes decoded as lines (test_decode.py), a 32-digit figure
# on the command line (test_scale.py), "((5))" in a Japanese cell named by TQ104 (rules/TQ104.toml).


def _pair(tmp_path: Path, ja_cell: str, en_cell: str, ja_prose: str = "", en_prose: str = "") -> tuple[Path, Path]:
    ja = (
        "株式会社サンプル\n2026年3月期 決算短信〔日本基準〕(連結)\n"
        f"当期の連結業績は以下のとおりです。{ja_prose}\n売上高は前期から増加しました。\n営業利益も前期から増加しました。\n\n"
        "表 1. 連結損益計算書\n(単位:百万円)\n\t2026年3月期\t2025年3月期\n"
        f"営業収益\t13,036\t12,110\n営業費用\t12,000\t11,000\n営業利益\t1,036\t1,110\nその他の費用\t{ja_cell}\t7\n"
    )  # fmt: skip
    en = (
        "Sample Corporation\nConsolidated Financial Results for the Fiscal Year Ended March 31, 2026\n"
        f"The consolidated results for the fiscal year are as follows.{en_prose}\n"
        "Revenues increased from the previous fiscal year.\nOperating income also increased from the previous fiscal year.\n\n"
        "Table 1. Consolidated Statements of Operations\n(JPY in millions)\n\tMar 31, 2026\tMar 31, 2025\n"
        f"Total revenues\t13,036\t12,110\nOperating expenses\t12,000\t11,000\nOperating income\t1,036\t1,110\n"
        f"Other expenses\t{en_cell}\t7\n"
    )  # fmt: skip
    (tmp_path / "ja.txt").write_text(ja, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    return tmp_path / "ja.txt", tmp_path / "en.txt"


def _findings(report) -> list[tuple[str, int | None, int | None, str]]:
    return sorted((f.code, f.ja.line if f.ja else 0, f.en.line if f.en else 0, f.message) for f in report.findings)


def test_a_corpus_with_cr_only_line_ends_is_checked_as_its_lines(tmp_path: Path) -> None:
    name = "iij-2003-05-fy2002q4.ja-en.txt"
    path = tmp_path / "cr.txt"
    path.write_bytes("\r".join(CORPORA[name]).encode("utf-8"))
    lf, cr = api.check(REPO_ROOT / "corpora" / name), api.check(path)
    assert cr.coverage == lf.coverage and cr.coverage.paired_tables == 10
    assert _findings(cr) == _findings(lf)  # the same lines: not one line of 800 tab-separated cells


@pytest.mark.parametrize(
    "figure",
    ["1234567890123456789012345678", "0.1234567890123456789012345678", "12345678901234567890123456.78",
     "1." + "0" * 27 + "1", "9" * 40],
)  # fmt: skip
def test_a_figure_of_27_or_more_digits_is_unreadable_never_an_internal_error(tmp_path: Path, figure: str) -> None:
    # In a table cell on both sides and in the prose (a change rate against the table's 7).
    prose_ja, prose_en = f"売上高は{figure}百万円となりました。", f" Revenues were JPY {figure} million, up {figure}%."
    report = api.check(*_pair(tmp_path, figure, figure, prose_ja, prose_en))
    unreadable = sorted((f.ja is not None, f.en is not None) for f in report.findings if f.code == "TQ405"
                        and "1 row(s) could not be read (line 13)" in f.message)  # fmt: skip
    assert unreadable == [(False, True), (True, False)], _findings(report)  # the row, on each side


@pytest.mark.parametrize(("side", "odd"), [("ja", "1,2,3,4"), ("ja", "〇"), ("ja", "12.345.6"), ("en", "((5))"),
                                           ("en", "1,2,3,4"), ("en", "〇")])  # fmt: skip
def test_an_unreadable_cell_is_named_as_such_not_called_empty(tmp_path: Path, side: str, odd: str) -> None:
    ja_cell, en_cell = (odd, "(5)") if side == "ja" else ("△5", odd)
    report = api.check(*_pair(tmp_path, ja_cell, en_cell))
    (missing,) = [f for f in report.findings if f.code == "TQ104"]
    other = "English" if side == "ja" else "Japanese"
    lang = "Japanese" if side == "ja" else "English"
    assert f"{lang} cell holds '{odd}', which cannot be read as a figure" in missing.message
    assert missing.message.startswith(f"{other} shows {en_cell if side == 'ja' else ja_cell} where")
    assert "is empty" not in missing.message
    assert getattr(missing, side).line == 13 and getattr(missing, side).text == odd


@pytest.mark.parametrize("zero", ["0", "△0"])
def test_an_amount_in_prose_against_a_zero_in_its_row_is_no_division_by_zero(tmp_path: Path, zero: str) -> None:
    # Found by the pair fuzz test (the 2003 corpus with Adjusted EBITDA 459 made △0): the prose
    # amount was divided by the row's current figure to see whether it could be a mistyped copy.
    path = tmp_path / "ja.txt"
    path.write_text(
        "株式会社サンプル\n2026年3月期 決算短信〔日本基準〕(連結)\n当期の営業利益は900百万円となりました。\n\n"
        f"表 1. 連結損益計算書\n(単位:百万円)\n\t2026年3月期\t2025年3月期\n営業収益\t13,036\t12,110\n営業利益\t{zero}\t1,110\n",
        encoding="utf-8",
    )  # fmt: skip
    report = api.check(path)  # 900 is no copy of 0 gone wrong: about something else, not a TQ510
    assert [f.code for f in report.findings if f.code == "TQ510"] == []
    path.write_text(path.read_text(encoding="utf-8").replace(f"営業利益\t{zero}\t", "営業利益\t1,036\t"), encoding="utf-8")
    assert [f.code for f in api.check(path).findings] == ["TQ510"]  # the same prose against 1,036 is one


def test_an_english_amount_against_a_zero_in_its_row_is_no_division_by_zero(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(
        "Sample Corporation\nConsolidated Financial Results for the Fiscal Year Ended March 31, 2026\n"
        "Operating income was JPY 900 million.\n\nTable 1. Consolidated Statements of Operations\n(JPY in millions)\n"
        "\tMar 31, 2026\tMar 31, 2025\nTotal revenues\t13,036\t12,110\nOperating income\t0\t1,110\n",
        encoding="utf-8",
    )  # fmt: skip
    assert [f.code for f in api.check(path).findings if f.code == "TQ510"] == []
