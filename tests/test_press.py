"""A 適時開示 press release (株式の取得（子会社化）に関するお知らせ) and its English, laid out as
such notices are: a cover of paragraphs, overview tables of numbered label | value items
("(6) 設立年月日 | 1978年6月12日"), a three-year table, a schedule of dates, prose with 万台 and
百万円. Written after the rules, not for them (tests/fixtures/press/make_press.py plants the errors and
writes each text as Word, HTML and PDF): the correct English gives no error or warning in any form,
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

FORMATS = ("txt", "docx", "html", "pdf")
PAIRS = [(f, f) for f in FORMATS] + [("html", "docx"), ("txt", "html"), ("docx", "txt"), ("pdf", "txt"), ("txt", "pdf"),
                                     ("pdf", "docx")]


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

