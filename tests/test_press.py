"""A 適時開示 press release (株式の取得（子会社化）に関するお知らせ) and its English, laid out as
such notices are: a cover of paragraphs, overview tables of numbered label | value items
("(6) 設立年月日 | 1978年6月12日"), a three-year table, a schedule of dates, prose with 万台 and
百万円. Written after the rules, not for them: the correct English must give no error or
warning, and each error planted into it (an English translation) or into the Japanese (a
translation from the English) must be found, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.model import Severity

PRESS = Path(__file__).resolve().parent / "fixtures" / "press"

# (what the translator changed, into what) -> (code, Japanese text, English text) found.
EN_PLANTED = {
    ("established in June 1978", "established in June 1987"): ("TQ601", "1978年6月", "June 1987"),
    ("Yuki Tanaka, Representative Director\n", "Yuuki Tanaka, Representative Director\n"):
        ("TQ304", None, "Yuuki Tanaka"),
    ("(7) Number of employees\t312", "(7) Number of employees\t321"): ("TQ100", "312人", "321"),
    ("from 420 thousand units", "from 240 thousand units"): ("TQ500", "42万台", "240 thousand"),
    ("Operating income\t512\t604\t688", "Operating income\t512\t640\t688"): ("TQ100", "604", "640"),
    ("advisory and other fees for ¥160 million", "advisory and other fees for ¥106 million"):
        ("TQ500", "160百万円", "¥106 million"),
    ("(2) Date of conclusion of the agreement\tNovember 14, 2026\n", ""): ("TQ202", "契約締結日", None),
    ("January 5, 2027 (scheduled)", "January 5, 2026 (scheduled)"): ("TQ601", "2027年1月5日（予定）", "January 5, 2026 (scheduled)"),
    ("and the Company's equity was", "and the Company's net assets were"): ("TQ305", "自己資本", "net assets"),
}  # fmt: skip

JA_PLANTED = {
    ("1978年6月に設立", "1987年6月に設立"): ("TQ601", "1987年6月", "June 1978"),
    ("(7) 従業員数\t312人", "(7) 従業員数\t321人"): ("TQ100", "321人", "312"),
    ("年間42万台から61万台", "年間42万台から16万台"): ("TQ500", "16万台", "610 thousand"),
    ("当社の自己資本は", "当社の純資産は"): ("TQ305", "純資産", "equity"),
    ("2027年1月5日（予定）", "2027年5月1日（予定）"): ("TQ601", "2027年5月1日（予定）", "January 5, 2027 (scheduled)"),
    # the table's figure, and the prose that states it: both sides of the tie-out are named
    ("営業利益\t512\t604\t688", "営業利益\t512\t604\t668"): ("TQ100", "668", "688"),
}  # fmt: skip
JA_ALSO = [("TQ510", "688百万円", None)]  # the prose 688 against the changed table's 668


def _found(ja: Path, en: Path) -> list[tuple[str, str | None, str | None]]:
    report = api.check(ja, en)
    return sorted(
        ((f.code, f.ja.text if f.ja else None, f.en.text if f.en else None)
         for f in report.findings if f.severity is not Severity.INFO),  # fmt: skip
        key=repr,
    )


def _plant(path: Path, planted: dict, out: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    for before, after in planted:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    out.write_text(text, encoding="utf-8")
    return out


def test_the_correct_translation_gives_no_error_or_warning():
    assert _found(PRESS / "ja.txt", PRESS / "en.correct.txt") == []


@pytest.mark.parametrize("direction", ["english translation", "japanese translation"])
def test_every_planted_error_is_found_and_nothing_else(tmp_path, direction):
    if direction == "english translation":
        ja, en = PRESS / "ja.txt", _plant(PRESS / "en.correct.txt", EN_PLANTED, tmp_path / "en.txt")
        expected = list(EN_PLANTED.values())
    else:
        ja, en = _plant(PRESS / "ja.txt", JA_PLANTED, tmp_path / "ja.txt"), PRESS / "en.correct.txt"
        expected = [*JA_PLANTED.values(), *JA_ALSO]
    found = _found(ja, en)
    assert found == sorted(expected, key=repr)
