"""An annual securities report (有価証券報告書) excerpt in text, Word and HTML: its cover (a table
of facts naming 第73期), its five-year summary (a unit column, the 回次 row over 決算年月) and its
company profile (a date, a head count, a unit count), made by tests/fixtures/yuho/make_yuho.py.

The English with seven planted errors gives exactly those seven errors in every form and in a
mixed pair (Japanese HTML from EDINET against the translator's Word file); the correct English
gives no error and no warning in any form.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from taiyaku import api

HERE = Path(__file__).resolve().parent / "fixtures" / "yuho"
sys.path.insert(0, str(HERE))

from make_yuho import PLANTED  # noqa: E402

FORMATS = ("txt", "docx", "html")
PAIRS = [(f, f) for f in FORMATS] + [("html", "docx"), ("txt", "html")]


def _problems(ja_format: str, en: Path) -> list:
    report = api.check(HERE / f"yuho.ja.{ja_format}", en)
    return [f for f in report.findings if f.severity.value in ("error", "warning")]


@pytest.mark.parametrize("ja_format, en_format", PAIRS)
def test_every_planted_error_is_found_and_nothing_else(ja_format: str, en_format: str):
    found = _problems(ja_format, HERE / "errors" / f"yuho.en.{en_format}")
    left = list(found)
    missing = []
    for what, (code, ja_text, en_text) in PLANTED.items():
        match = next(
            (f for f in left if f.code == code and ja_text in f.message + (f.ja.text if f.ja else "")
             and en_text in f.message + (f.en.text if f.en else "")),
            None,
        )  # fmt: skip
        if match is None:
            missing.append(what)
        else:
            left.remove(match)
            assert match.severity.value == "error", f"{what}: {match.severity.value}"
    assert not missing, f"not found: {missing}; found: {[f.message for f in found]}"
    assert not left, f"findings beyond the planted errors: {[f.code + ' ' + f.message for f in left]}"


@pytest.mark.parametrize("ja_format, en_format", PAIRS)
def test_the_correct_translation_passes(ja_format: str, en_format: str):
    found = _problems(ja_format, HERE / "correct" / f"yuho.en.{en_format}")
    assert not found, [f.code + " " + f.message for f in found]


def test_the_fixtures_are_what_the_script_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import make_yuho

    monkeypatch.setattr(make_yuho, "HERE", tmp_path)
    make_yuho.main()
    for made in sorted(tmp_path.rglob("*.*")):
        committed = HERE / made.relative_to(tmp_path)
        assert committed.read_bytes() == made.read_bytes(), f"{committed.name} differs from what make_yuho.py makes"
