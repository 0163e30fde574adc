"""Acceptance of the readers: every rendering of a document must give the findings of its text.

Three sets of fixtures (each committed with the script that makes it):

- tests/fixtures/tanshin: a modern 決算短信 pair (correct, and with planted errors) as
  tab-separated text (the truth), PDF, `pdftotext -layout` text and `pdftotext -raw` text.
  The text truth is held to tests/fixtures/tanshin/expected.toml (findings judged by hand,
  known gaps of today's rules listed with their reasons); every other form to the findings
  of its text truth.
- tests/fixtures/corpus-pdf: the two bilingual corpora typeset as PDFs (ruled and unruled),
  held to the golden report of the corpus text (tests/golden/*.json).
- tests/fixtures/bad: inputs that cannot be checked; each must end with exit status 2 and a
  one-line reason (tests/fixtures/bad/README.md).

Findings are compared as multisets of (code, severity, ja text, en text, ja row label, en row
label), never on line numbers, messages or paths (a PDF's lines are not the text file's).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from taiyaku import api

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
TANSHIN = FIXTURES / "tanshin"
CORPUS_PDF = FIXTURES / "corpus-pdf"
BAD = FIXTURES / "bad"
EXPECTED = tomllib.loads((TANSHIN / "expected.toml").read_text(encoding="utf-8"))

Key = tuple[str, str, str, str, str, str]

# form -> (Japanese file, English file) inside a pair's folder
FORMS = {
    "tsv": ("ja.txt", "en.txt"),
    "pdf": ("ja.pdf", "en.pdf"),
    "layout": ("ja.layout.txt", "en.layout.txt"),
    "raw": ("ja.raw.txt", "en.raw.txt"),
    "mixed": ("ja.pdf", "en.layout.txt"),
}
PAIRS = sorted(EXPECTED["documents"])
CORPORA = ["iij-2003-05-fy2002q4", "iij-2001-11-fy2001q2"]
VARIANTS = ["ruled", "unruled"]

# --- comparison helpers ---------------------------------------------------------------------

_SAME = str.maketrans({"〜": "~", "～": "~", "−": "-", "－": "-", "‐": "-", "\u3000": " "})


def norm(text: str | None) -> str:
    """A text as compared: NFKC, wave dashes and minus signs unified, white space collapsed."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text.translate(_SAME)).split())


def row_label(context: str | None) -> str:
    """The row label of a cell's context ("資産合計 | (2026年３月31日) | 当連結会計年度"); "" for
    prose and table-level contexts (a sentence, a table's name)."""
    if not context or " | " not in context:
        return ""
    return context.split(" | ")[0]


def _side(loc: Any) -> tuple[str, str]:
    if loc is None:
        return "", ""
    if isinstance(loc, dict):
        return norm(loc["text"]), norm(row_label(loc["context"]))
    return norm(loc.text), norm(row_label(loc.context))


def finding_key(f: Any) -> Key:
    """(code, severity, ja text, en text, ja row, en row) of a Finding or of its JSON object."""
    if isinstance(f, dict):
        code, severity, ja, en = f["code"], f["severity"], f["ja"], f["en"]
    else:
        code, severity, ja, en = f.code, f.severity.value, f.ja, f.en
    (ja_text, ja_row), (en_text, en_row) = _side(ja), _side(en)
    return code, severity, ja_text, en_text, ja_row, en_row


def entry_key(e: dict[str, str]) -> Key:
    """The key of a finding as expected.toml writes it."""
    return (e["code"], e["severity"], norm(e["ja"]), norm(e["en"]), norm(e["ja_row"]), norm(e["en_row"]))


def keys(findings: Any) -> Counter[Key]:
    return Counter(finding_key(f) for f in findings)


def differences(got: Counter[Key], want: Counter[Key], gaps: dict[Key, str] | None = None) -> list[str]:
    """What is missing and what is extra, one line each; a known gap that is gone says so."""
    gaps = gaps or {}
    out = []
    for k, n in sorted((want - got).items()):
        note = f" -- known gap ({gaps[k]}): fixed? then delete it from expected.toml" if k in gaps else ""
        out.append(f"missing x{n}: {k}{note}")
    for k, n in sorted((got - want).items()):
        out.append(f"unexpected x{n}: {k}")
    return out


def assert_same(got: Counter[Key], want: Counter[Key], what: str, gaps: dict[Key, str] | None = None) -> None:
    diff = differences(got, want, gaps)
    if diff:
        shown = "\n  ".join(diff[:25]) + (f"\n  ... and {len(diff) - 25} more" if len(diff) > 25 else "")
        pytest.fail(f"{what}: {sum(got.values())} findings, {sum(want.values())} expected\n  {shown}")


# --- the comparison helpers themselves --------------------------------------------------------


def test_norm_unifies_what_pdf_text_extraction_changes():
    assert norm("12,000～13,000") == norm("12,000〜13,000") == "12,000~13,000"
    assert norm("2026年３月期") == "2026年3月期"
    assert norm("  Fiscal year ended\nMarch 31, 2026 ") == "Fiscal year ended March 31, 2026"
    assert norm("－") == norm("−")
    assert norm("△446") != norm("446")


def test_row_label_is_the_first_part_of_a_cell_context_only():
    assert row_label("資産合計 | (2026年３月31日) | 当連結会計年度") == "資産合計"
    assert row_label("この結果、当連結会計年度の売上高は152,380百万円") == ""
    assert row_label("table at line 152") == ""
    assert row_label(None) == ""


def test_differences_name_missing_extra_and_fixed_gaps():
    a: Key = ("TQ100", "error", "1", "2", "r", "r")
    b: Key = ("TQ300", "warning", "x", "y", "", "")
    diff = differences(Counter([a, a]), Counter([a, b]), {b: "glossary variant"})
    assert diff == [f"missing x1: {b} -- known gap (glossary variant): fixed? then delete it from expected.toml",
                    f"unexpected x1: {a}"]  # fmt: skip
    assert differences(Counter([a]), Counter([a])) == []


def test_expected_toml_lists_every_planted_error():
    """Each planted error of make_tanshin.py has a judged finding (or a 'missed' gap)."""
    maker = _tanshin_maker()
    planted = len(maker.CELL_OVERRIDES["errors"]) - len(maker.CELL_OVERRIDES["correct"])
    planted += len(maker.PROSE_OVERRIDES["errors"])
    doc = EXPECTED["documents"]["errors"]
    judged = [f for f in doc["findings"] if f["why"].startswith("Planted")]
    missed = [g for g in doc.get("known_gaps", []) if g["kind"] == "missed"]
    assert len(judged) + len(missed) == planted == 7


# --- the fixtures themselves -----------------------------------------------------------------

TANSHIN_MAKER = None  # loaded on first use (below)


def _tanshin_maker() -> Any:
    global TANSHIN_MAKER
    if TANSHIN_MAKER is None:
        TANSHIN_MAKER = _load("taiyaku_fixture_make_tanshin", TANSHIN / "make_tanshin.py")
    return TANSHIN_MAKER


@pytest.mark.parametrize("pair", PAIRS)
def test_tanshin_text_truth_is_what_the_generator_makes(pair):
    """The committed text truth is the generator's data description, written out today (the
    PDFs and extractions are made from the same blocks)."""
    maker = _tanshin_maker()
    blocks = maker.document()
    for lang, bl in (("ja", blocks), ("en", maker.english(blocks, pair))):
        committed = (TANSHIN / pair / f"{lang}.txt").read_text(encoding="utf-8")
        assert committed == maker.to_tsv(bl, lang), f"{pair}/{lang}.txt is stale: run make_tanshin.py"


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize("mode", ["layout", "raw"])
def test_tanshin_extractions_hold_every_figure_of_the_truth(pair, mode):
    """Every figure cell of the text truth is in the committed extraction of the PDF made from
    the same data, and the page furniture is there for a reader to drop."""
    for lang in ("ja", "en"):
        extracted = norm((TANSHIN / pair / f"{lang}.{mode}.txt").read_text(encoding="utf-8"))
        truth = (TANSHIN / pair / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in truth if "\t" in line]
        # body rows only (a label first): header cells wrap in the PDF by design
        cells = [c for row in rows if row[0].strip() for c in row[1:] if re.search(r"\d", c)]
        assert len(cells) > 200
        missing = [c for c in cells if norm(c) not in extracted]
        assert not missing, f"{pair}/{lang}.{mode}.txt lacks {missing[:10]}"
        assert re.search(r"- ?3 ?-", extracted), "the page number of page 3 (－ 3 －, - 3 -)"


def _pdf_text(path: Path) -> str:
    """The text layer of a PDF, white space removed (pypdfium2, a dependency of the readers)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return "".join(norm(pdf[i].get_textpage().get_text_range()).replace(" ", "") for i in range(len(pdf)))
    finally:
        pdf.close()


def _figures(lines: Any) -> list[str]:
    """The figure cells of the body rows (a label first) of (text, cells) lines, markup removed."""
    from taiyaku.parse.numbers import strip_markup

    return [strip_markup(c) for _, cells in lines if cells and cells[0].strip() for c in cells[1:] if re.search(r"\d", c)]


PDF_CASES = [(f"{n}.{lang}.{v}.pdf", n, lang) for n in CORPORA for lang in ("ja", "en") for v in VARIANTS]


@pytest.mark.parametrize("pdf, name, lang", PDF_CASES, ids=[c[0] for c in PDF_CASES])
def test_corpus_pdfs_hold_every_figure_of_the_corpus_text(pdf, name, lang):
    from taiyaku.read import read, split_languages

    src = read(REPO / "corpora" / f"{name}.ja-en.txt")
    (span,) = [s for s in split_languages(src.texts) if s.lang.value == lang]
    figures = _figures((sl.text, sl.cells) for sl in src.lines[span.first - 1 : span.last])
    assert len(figures) > 500
    text = _pdf_text(CORPUS_PDF / pdf)
    missing = [f for f in figures if norm(f).replace(" ", "") not in text]
    assert not missing, f"{pdf} lacks {missing[:10]}"
    assert not re.search(r"<u>|<i>|\^\{|\^\(", text), "markup of the text format reached the PDF"


@pytest.mark.parametrize("pair", PAIRS)
def test_tanshin_pdfs_hold_every_figure_of_the_truth(pair):
    for lang in ("ja", "en"):
        truth = (TANSHIN / pair / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        figures = _figures((t, t.split("\t") if "\t" in t else None) for t in truth)
        text = _pdf_text(TANSHIN / pair / f"{lang}.pdf")
        missing = [f for f in figures if norm(f).replace(" ", "") not in text]
        assert len(figures) > 200 and not missing, f"{pair}/{lang}.pdf lacks {missing[:10]}"


JA_PDFS = sorted(CORPUS_PDF.glob("*.ja.*.pdf")) + sorted(TANSHIN.glob("*/ja.pdf")) + [BAD / "truncated.pdf"]


@pytest.mark.parametrize("path", JA_PDFS, ids=[p.relative_to(FIXTURES).as_posix() for p in JA_PDFS])
def test_japanese_pdfs_use_the_non_embedded_cid_font(path):
    """What the PDF reader is built for: HeiseiKakuGo-W5, UniJIS-UCS2-H, no font program."""
    data = path.read_bytes()
    assert b"/BaseFont /HeiseiKakuGo-W5" in data and b"/Encoding /UniJIS-UCS2-H" in data
    assert b"/FontFile" not in data


# --- the 決算短信 pairs ----------------------------------------------------------------------


def _expected(pair: str) -> tuple[Counter[Key], dict[Key, str]]:
    """What today's taiyaku must report on a pair's text truth: the judged findings, plus the
    false ones of known_gaps (still reported), less the planted errors it misses."""
    doc = EXPECTED["documents"][pair]
    want = Counter(entry_key(f) for f in doc["findings"])
    gaps: dict[Key, str] = {}
    for g in doc.get("known_gaps", []):
        if g["kind"] == "false":
            want[entry_key(g)] += 1
            gaps[entry_key(g)] = g["reason"].split(".")[0]
        elif g["kind"] == "missed":
            want[entry_key(g)] -= 1
    return +want, gaps


@functools.cache
def _check(ja: Path, en: Path) -> tuple[Any, ...]:
    return api.check(ja, en).findings


def _truth(pair: str) -> tuple[Any, ...]:
    ja, en = FORMS["tsv"]
    return _check(TANSHIN / pair / ja, TANSHIN / pair / en)


@pytest.mark.parametrize("pair", PAIRS)
def test_tanshin_text_truth(pair):
    findings = _truth(pair)
    allowed = set(EXPECTED["allowed_info"])
    for f in findings:
        if f.code in allowed:
            assert f.severity.value == "info", f"{f.code} is listed as information only but is {f.severity.value}"
    got = keys(f for f in findings if f.code not in allowed)
    want, gaps = _expected(pair)
    assert_same(got, want, f"{pair}: the text truth against expected.toml", gaps)


def test_correct_pair_has_no_error_or_warning_but_its_known_gaps():
    _, gaps = _expected("correct")
    bad = [finding_key(f) for f in _truth("correct") if f.severity.value != "info"]
    assert all(k in gaps for k in bad), [k for k in bad if k not in gaps]


CASES = [(pair, form) for pair in PAIRS for form in FORMS if form != "tsv"]


@pytest.mark.parametrize("pair, form", CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_tanshin_rendering_matches_text_truth(pair, form):
    ja, en = FORMS[form]
    got = keys(_check(TANSHIN / pair / ja, TANSHIN / pair / en))
    assert_same(got, keys(_truth(pair)), f"{pair} {form} ({ja}, {en}) against the text truth")


# --- the corpora as PDF ---------------------------------------------------------------------

CORPUS_CASES = [(name, variant) for name in CORPORA for variant in VARIANTS]


@pytest.mark.parametrize("name, variant", CORPUS_CASES, ids=[f"{n}-{v}" for n, v in CORPUS_CASES])
def test_corpus_pdf_matches_corpus_text(name, variant):
    golden = json.loads((REPO / "tests" / "golden" / f"{name}.ja-en.json").read_text(encoding="utf-8"))
    want = keys(golden["findings"])
    assert want, "the golden report has findings to compare"
    got = keys(_check(CORPUS_PDF / f"{name}.ja.{variant}.pdf", CORPUS_PDF / f"{name}.en.{variant}.pdf"))
    assert_same(got, want, f"{name} ({variant} PDFs) against tests/golden/{name}.ja-en.json")


def test_corpus_text_parts_give_the_golden_findings(tmp_path):
    """The reference holds for two files: the corpus's parts checked as JA_FILE EN_FILE give
    the findings of the bilingual file (what the PDFs, one per language, are held to)."""
    from taiyaku.read import read, split_languages

    for name in CORPORA:
        path = REPO / "corpora" / f"{name}.ja-en.txt"
        lines = path.read_text(encoding="utf-8").split("\n")
        parts = []
        for span in split_languages(read(path).texts):
            part = tmp_path / f"{name}.{span.lang.value}.txt"
            part.write_text("\n".join(lines[span.first - 1 : span.last]) + "\n", encoding="utf-8")
            parts.append(part)
        golden = json.loads((REPO / "tests" / "golden" / f"{name}.ja-en.json").read_text(encoding="utf-8"))
        assert_same(keys(api.check(parts[0], parts[1]).findings), keys(golden["findings"]), f"{name} in two parts")


# --- bad inputs -----------------------------------------------------------------------------


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


BAD_MAKER = _load("taiyaku_fixture_make_bad", BAD / "make_bad.py")


def test_bad_index_is_up_to_date():
    assert (BAD / "README.md").read_text(encoding="utf-8") == BAD_MAKER.readme()
    for case in BAD_MAKER.CASES:
        assert (BAD / case["file"]).is_file() or case["file"] == "bomb.docx", case["file"]


@pytest.mark.parametrize("case", BAD_MAKER.CASES, ids=[c["file"] for c in BAD_MAKER.CASES])
def test_bad_input_is_refused_in_one_line(case, run_cli, tmp_path):
    if case["file"] == "bomb.docx":
        path = tmp_path / "bomb.docx"
        assert BAD_MAKER.write_docx_bomb(path) < 2_000_000
    else:
        path = BAD / case["file"]
    args = case["args"].format(file=path).split()
    proc = run_cli(*args)
    err = proc.stderr.strip()
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 2, f"exit {proc.returncode}; stderr: {err[:500]!r}; stdout: {proc.stdout[:200]!r}"
    assert "\n" not in err, f"more than one line: {err[:500]!r}"
    assert err.startswith("taiyaku: error: "), err
    assert re.search(case["gist"], err, re.IGNORECASE), f"{err!r} does not say {case['gist']!r}"
