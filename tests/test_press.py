"""A 適時開示 press release (株式の取得（子会社化）に関するお知らせ) and its English, laid out as
such notices are: a cover of paragraphs, overview tables of numbered label | value items
("(6) 設立年月日 | 1978年6月12日"), a three-year table, a schedule of dates, prose with 万台 and
百万円. Written after the rules, not for them (tests/fixtures/press/make_press.py plants the errors and
writes each text as Word and HTML): the correct English gives no error or warning in any form,
and each error planted into it (an English translation) or into the Japanese (a translation
from the English) is found, and nothing else, in every form and in mixed pairs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.model import Severity

PRESS = Path(__file__).resolve().parent / "fixtures" / "press"

sys.path.insert(0, str(PRESS))

from make_press import EN_PLANTED, JA_ALSO, JA_PLANTED  # noqa: E402

FORMATS = ("txt", "docx", "html")
PAIRS = [(f, f) for f in FORMATS] + [("html", "docx"), ("txt", "html"), ("docx", "txt")]


def _found(ja: Path, en: Path) -> list[tuple[str, str | None, str | None]]:
    report = api.check(ja, en)
    return sorted(
        ((f.code, f.ja.text if f.ja else None, f.en.text if f.en else None)
         for f in report.findings if f.severity is not Severity.INFO),  # fmt: skip
        key=repr,
    )


@pytest.mark.parametrize("ja_format, en_format", PAIRS)
def test_the_correct_translation_gives_no_error_or_warning(ja_format, en_format):
    assert _found(PRESS / f"ja.{ja_format}", PRESS / f"en.correct.{en_format}") == []


@pytest.mark.parametrize("ja_format, en_format", PAIRS)
def test_every_error_planted_in_the_english_is_found_and_nothing_else(ja_format, en_format):
    found = _found(PRESS / f"ja.{ja_format}", PRESS / "errors" / f"en.{en_format}")
    assert found == sorted(EN_PLANTED.values(), key=repr)


@pytest.mark.parametrize("ja_format, en_format", PAIRS)
def test_every_error_planted_in_the_japanese_is_found_and_nothing_else(ja_format, en_format):
    """The other direction: the English is the original, the Japanese its translation."""
    found = _found(PRESS / "errors" / f"ja.{ja_format}", PRESS / f"en.correct.{en_format}")
    assert found == sorted([*JA_PLANTED.values(), *JA_ALSO], key=repr)


# In PDF the two small ruled tables (4. the shares acquired, 5. the schedule) are read as lines
# of prose, not tables: the PDF reader finds tables from aligned figures, and these hold
# dates and figures with remarks ("2026年11月14日", "180,000株（議決権の数：180,000個）"). Known
# gap: a schedule date planted wrong is then a prose line with a single date, paired with
# nothing, and is missed; the schedule row left out is still found, by its item numbers (TQ203).
PDF_SCHEDULE_DATE = {"en": ("TQ601", "2027年1月5日（予定）", "January 5, 2026 (scheduled)"),
                     "ja": ("TQ601", "2027年5月1日（予定）", "January 5, 2027 (scheduled)")}  # fmt: skip
PDF_DROPPED_ROW = (("TQ202", "契約締結日", None), ("TQ203", None, "(3) Date of share transfer January 5, 2026 (scheduled)"))


def test_the_pdf_pair_gives_no_error_or_warning_on_the_correct_translation():
    assert _found(PRESS / "ja.pdf", PRESS / "en.correct.pdf") == []
    # The Japanese PDF's lines against the English text's tables: the figures of those lines
    # ("180,000株", "8,560百万円") are found in the English table cells, not "nowhere" (TQ505).
    # (The other way round, the Japanese text's two tables have no English table: TQ200.)
    assert _found(PRESS / "ja.pdf", PRESS / "en.correct.txt") == []


def test_the_pdf_pair_finds_the_planted_errors_but_the_schedule_date():
    en = _found(PRESS / "ja.pdf", PRESS / "errors" / "en.pdf")
    expected = [v for v in EN_PLANTED.values() if v not in (PDF_SCHEDULE_DATE["en"], PDF_DROPPED_ROW[0])]
    assert en == sorted([*expected, PDF_DROPPED_ROW[1]], key=repr)
    ja = _found(PRESS / "errors" / "ja.pdf", PRESS / "en.correct.pdf")
    expected = [v for v in (*JA_PLANTED.values(), *JA_ALSO) if v != PDF_SCHEDULE_DATE["ja"]]
    assert ja == sorted(expected, key=repr)
