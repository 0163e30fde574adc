"""Glossary keys, lookup, label checks, coverage/suggest and the glossary CLI.

Complements test_glossary_store.py (file format, add, lint, TBX/CSV): here the glossary is
*used*: keys that make spelling variants meet, stacked lookup, the real TDnet label table as
lookup data, the TQ300-TQ302 findings on the bundled corpora, and the `glossary` commands.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.glossary.keys import en_key, lemma_key, surface_key, tokens
from taiyaku.glossary.lookup import (
    FUZZY_THRESHOLD,
    Glossary,
    Match,
    default_glossary_path,
    same_english,
    term_key,
)
from taiyaku.glossary.mine import Suggestion, coverage, suggest
from taiyaku.glossary.store import Entry, GlossaryFile, load, parse
from taiyaku.glossary.tbx import from_csv

REPO_ROOT = Path(__file__).resolve().parents[1]
FY2001 = REPO_ROOT / "corpora" / "iij-2001-11-fy2001q2.ja-en.txt"
FY2002 = REPO_ROOT / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt"
BILINGUAL = (FY2001, FY2002)
TDNET_REL = Path("tdnet_tse_ed_t_2014_labels/tse-ed-t_2014-01-12_labels_ja_en.csv")
SUGGEST_HEADER = "ja\ten\tcount\tconfidence\tstatus\tglossary_en\tsources"


# ---------------------------------------------------------------------------- helpers


def default_without(tmp_path: Path, *labels: str, name: str = "minus.tsv") -> Path:
    """A copy of the default glossary without the lines of these Japanese labels."""
    text = default_glossary_path().read_text(encoding="utf-8")
    kept, dropped = [], []
    for line in text.splitlines(keepends=True):
        (dropped if line.split("\t", 1)[0] in labels else kept).append(line)
    assert sorted(line.split("\t", 1)[0] for line in dropped) == sorted(labels), "label not in the default"
    out = tmp_path / name
    out.write_text("".join(kept), encoding="utf-8")
    return out


def house_file(tmp_path: Path, text: str = "販売費\tSelling expenses\n", name: str = "house.tsv") -> Path:
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


def label_findings(report, *codes: str) -> list:
    codes = codes or ("TQ300", "TQ301", "TQ302")
    return [f for f in report.findings if f.code in codes]


def lines_named(message: str, before: str) -> set[int]:
    """Line numbers of the first '(line N)' / '(lines N, M)' group after `before` in a message."""
    at = message.index(before) + len(before)
    m = re.search(r"\(lines? ([\d, ]+)\)", message[at:])
    assert m, message
    return {int(n) for n in m.group(1).split(",")}


def entry_set(entries) -> set[tuple]:
    return {(e.ja, e.en, e.variants, e.note) for e in entries}


@pytest.fixture(scope="module")
def default() -> Glossary:
    return Glossary.from_paths([])


@pytest.fixture(scope="module")
def tdnet_csv(external: Path) -> Path:
    """An excerpt of the real TDnet label table (tests/data/external, see make_excerpts.py)."""
    return external / TDNET_REL


@pytest.fixture(scope="module")
def tdnet_entries(tdnet_csv: Path) -> list[Entry]:
    return from_csv(tdnet_csv.read_text(encoding="utf-8"), str(tdnet_csv))


@pytest.fixture(scope="module")
def tdnet(tdnet_csv: Path, tdnet_entries: list[Entry]) -> Glossary:
    return Glossary([GlossaryFile(str(tdnet_csv), (), tuple(tdnet_entries), ())])


# ============================================================================ 1. keys

MEET = [
    # (a, b, surface keys equal?) -- lemma keys must be equal in every case
    ("借り入れ金", "借入金", False),
    ("借入れ金", "借入金", False),
    ("短期借り入れ金", "短期借入金", False),
    ("及び", "および", False),
    ("現金及び現金同等物", "現金および現金同等物", False),
    ("関連会社への投資及び貸付", "関連会社への投資および貸付", False),
    ("1年以内に期限到来の長期借入金", "１年以内に期限到来の長期借り入れ金", False),
    ("ＩＰサービス", "IP サービス", True),
    ("ＩＰサービス", "IPサービス", True),
    ("１年以内", "1年以内", True),
    ("専用線接続サービス ⁽²⁾", "専用線接続サービス(2)", True),
    ("専用線接続サービス(2)", "専用線接続サービス", True),
    ("専用線接続サービス ⁽²⁾", "専用線接続サービス", True),
    ("<i>IP</i> サービス", "IP サービス", True),
    ("営業収益:", "営業収益", True),
]


@pytest.mark.parametrize("a, b, same_surface", MEET)
def test_spelling_variants_meet(a, b, same_surface):
    assert lemma_key(a) == lemma_key(b)
    assert (surface_key(a) == surface_key(b)) is same_surface


APART = [
    ("減価償却費", "減価償却費等"),
    ("売掛金", "買掛金"),
    ("短期借入金", "長期借入金"),
    ("売掛金の増加額", "売掛金の減少(増加)額"),
    ("流動資産", "流動資産合計"),
]


@pytest.mark.parametrize("a, b", APART)
def test_different_concepts_stay_apart(a, b):
    assert surface_key(a) != surface_key(b)
    assert lemma_key(a) != lemma_key(b)


def test_surface_key_values():
    assert surface_key("ＩＰサービス") == surface_key("IP サービス") == "ipサービス"
    assert surface_key("１年以内") == "1年以内"
    assert surface_key("専用線接続サービス ⁽²⁾") == "専用線接続サービス"
    assert surface_key("現金及び現金同等物") == "現金及び現金同等物"  # no lemmatisation at this level


@pytest.mark.parametrize("label", ["営業収益:", "営業収益：", "営業収益 :", "営業収益::", "営業収益: "])
def test_surface_key_strips_trailing_colons(label):
    assert surface_key(label) == surface_key("営業収益") == "営業収益"
    assert lemma_key(label) == lemma_key("営業収益")


def test_surface_key_keeps_inner_parentheses_that_are_not_footnotes():
    assert surface_key("営業利益(損失)") == "営業利益(損失)" != surface_key("営業利益")
    assert surface_key("為替差損(差益)") != surface_key("為替差損")


@pytest.mark.parametrize(
    "a, b",
    [
        ("  SALES   and\tMarketing ", "sales and marketing"),
        ("Total revenues:", "total revenues"),
        ("Total\u3000revenues", "total revenues"),
        ("Long-term borrowings–current portion", "long-term borrowings-current portion"),
        ("Long-term borrowings—current portion", "long-term borrowings-current portion"),
        ("Long−term borrowings", "long-term borrowings"),
        ("Long‐term borrowings", "long-term borrowings"),
        ("Ｃａｓｈ", "cash"),
        ("Dedicated access services (2)", "dedicated access services"),
        ("Dedicated access services⁽²⁾", "dedicated access services"),
    ],
)
def test_en_key_normalises_case_spacing_dashes(a, b):
    assert en_key(a) == b


def test_en_key_keeps_words_and_meaningful_parentheses():
    assert en_key("Operating income (loss)") == "operating income (loss)"
    assert en_key("Net sales") != en_key("Net loss")


def test_tokens_are_surface_lemma_pos_with_unidic_lemmas():
    assert tokens("借入金") == (("借入", "借り入れ", "名詞"), ("金", "金", "接尾辞"))
    assert tokens("借り入れ金") == (("借り入れ", "借り入れ", "名詞"), ("金", "金", "接尾辞"))
    surfaces = [t[0] for t in tokens("現金および現金同等物")]
    assert "".join(surfaces) == "現金および現金同等物"
    lemmas = {t[0]: t[1] for t in tokens("現金および現金同等物")}
    assert lemmas["および"] == "及び"
    # Full width is normalised before tagging; loanword lemmas keep the kana.
    assert tokens("ＩＰサービス") == (("IP", "IP", "名詞"), ("サービス", "サービス", "名詞"))
    # Every token is a 3-tuple of strings.
    assert all(len(t) == 3 and all(isinstance(x, str) for x in t) for t in tokens("売掛金の減少(増加)額"))


def test_lemma_key_ignores_punctuation_tokens():
    assert lemma_key("法人税等、住民税及び事業税") == lemma_key("法人税等住民税及び事業税")


# ============================================================================ 2. lookup

INLINE = (
    "# inline test glossary\n"
    "ja\ten\ten_variants\tnote\n"
    "借入金\tBorrowings\tLoans payable | Debt\n"
    "有形固定資産等の取得による支出\tPurchase of property and equipment\n"
    "販売費\tSales and marketing\tSales and marketing expenses\n"
    "現金及び現金同等物\tCash and cash equivalents\n"
    "資本金\tCommon stock\n"
)


@pytest.fixture(scope="module")
def inline() -> Glossary:
    gf = parse(INLINE, "inline.tsv")
    assert not gf.problems
    return Glossary([gf])


def test_lookup_exact(inline):
    m = inline.lookup("借入金")
    assert isinstance(m, Match)
    assert (m.entry.ja, m.entry.en, m.how, m.score) == ("借入金", "Borrowings", "exact", 1.0)
    assert (m.entry.path, m.entry.line) == ("inline.tsv", 3)


@pytest.mark.parametrize("label", ["借入金 (2)", "借入金⁽²⁾", "借入金:", " 借入金 "])
def test_lookup_exact_through_surface_normalisation(inline, label):
    m = inline.lookup(label)
    assert m is not None and m.how == "exact" and m.entry.ja == "借入金"


@pytest.mark.parametrize("label", ["借り入れ金", "借入れ金"])
def test_lookup_lemma(inline, label):
    m = inline.lookup(label)
    assert m is not None
    assert (m.entry.ja, m.how, m.score) == ("借入金", "lemma", 1.0)
    assert inline.lookup(label, fuzzy=False).how == "lemma"


def test_lookup_lemma_inside_a_longer_label(inline):
    m = inline.lookup("現金および現金同等物")
    assert (m.entry.ja, m.how) == ("現金及び現金同等物", "lemma")


def test_lookup_fuzzy_one_character_changed(inline):
    label = "有形固定資産等の取得による支払"  # 出 -> 払
    assert surface_key(label) != surface_key("有形固定資産等の取得による支出")
    assert lemma_key(label) != lemma_key("有形固定資産等の取得による支出")
    m = inline.lookup(label)
    assert m is not None
    assert m.how == "fuzzy"
    assert m.entry.ja == "有形固定資産等の取得による支出"
    assert FUZZY_THRESHOLD / 100 <= m.score < 1.0
    assert m.score >= 0.85
    assert inline.lookup(label, fuzzy=False) is None


def test_lookup_below_threshold_is_no_match(inline):
    label = "資本全"  # one character of a three-character label: ratio 0.67
    assert inline.lookup(label) is None
    near = inline.nearest(label, 1)
    assert near and near[0].entry.ja == "資本金" and near[0].score < 0.85
    assert inline.lookup("繰延税金資産") is None
    assert inline.lookup("") is None
    assert inline.lookup("   ") is None


def test_nearest_is_sorted_and_limited(default):
    near = default.nearest("販売費用", 3)
    assert len(near) == 3
    assert near[0].entry.ja == "販売費" and near[0].how == "fuzzy"
    assert [m.score for m in near] == sorted((m.score for m in near), reverse=True)
    assert Glossary([]).nearest("販売費") == []
    assert Glossary([]).lookup("販売費") is None


def test_default_glossary_lookups(default):
    assert len(default) >= 150
    assert default.lookup("販売費").entry.en == "Sales and marketing"
    m = default.lookup("短期借り入れ金")
    assert (m.entry.ja, m.entry.en, m.how) == ("短期借入金", "Short-term borrowings", "lemma")
    m = default.lookup("ＩＰサービス")
    assert (m.entry.ja, m.how) == ("IP サービス", "exact")
    m = default.lookup("専用線接続サービス ⁽²⁾")
    assert (m.entry.en, m.how) == ("Dedicated access services", "exact")
    m = default.lookup("営業収益:")
    assert (m.entry.ja, m.how) == ("営業収益", "exact")
    assert default.lookup("減価償却費等").entry.ja == "減価償却費等"
    assert default.lookup("減価償却費").entry.ja == "減価償却費"
    assert default.lookup("買掛金", fuzzy=False).entry.path.endswith("edinet.ja-en.tsv")  # base layer
    assert Path(default.lookup("販売費").entry.path) == default_glossary_path()


def test_later_file_overrides_earlier_for_the_same_key(tmp_path):
    g = Glossary.from_paths([house_file(tmp_path)])
    m = g.lookup("販売費")
    assert (m.entry.en, m.how) == ("Selling expenses", "exact")
    assert m.entry.path == str(tmp_path / "house.tsv")
    assert not m.accepts("Sales and marketing")
    assert len(g) == len(Glossary.from_paths([]))  # overridden, not added
    # The default alone is unchanged.
    assert Glossary.from_paths([]).lookup("販売費").entry.en == "Sales and marketing"
    # Order matters: the default stacked over the house file wins again.
    g2 = Glossary([load(house_file(tmp_path)), load(default_glossary_path())])
    assert g2.lookup("販売費").entry.en == "Sales and marketing"


def test_override_by_a_differently_written_same_surface_key():
    base = parse("IP サービス\tIP Service\n", "base.tsv")
    house = parse("ＩＰサービス\tIP services (house)\n", "house.tsv")
    g = Glossary([base, house])
    assert len(g) == 1
    assert g.lookup("IP サービス").entry.en == "IP services (house)"
    assert g.lookup("IPサービス").entry.path == "house.tsv"


def test_later_file_wins_for_the_same_lemma_key():
    base = parse("短期借入金\tShort-term borrowings\n", "default.tsv")
    house = parse("短期借り入れ金\tShort-term loans\n", "house.tsv")
    g = Glossary([base, house])
    # 短期借入れ金 meets both entries only through the lemma key 短期借り入れ金.
    assert lemma_key("短期借入れ金") == lemma_key("短期借入金") == lemma_key("短期借り入れ金")
    m = g.lookup("短期借入れ金")
    assert m.how == "lemma"
    assert m.entry.en == "Short-term loans"


def test_match_accepts_en_and_variants_loosely(default):
    m = default.lookup("販売費")
    for ok in (
        "Sales and marketing",
        "sales and marketing",
        "SALES  AND   MARKETING",
        "Sales and marketing expenses",
        "Sales and marketing expense",
        "Sales and marketing:",
    ):
        assert m.accepts(ok), ok
    assert m.accepts("Selling expenses")  # the EDINET base layer's label for 販売費
    for bad in ("Sales", "Marketing", "General and administrative"):
        assert not m.accepts(bad), bad
    m = default.lookup("短期借入金")
    assert m.accepts("Short-term borrowing")
    assert m.accepts("Short term borrowings")
    assert not m.accepts("Long-term borrowings")
    m = default.lookup("持分法による投資損失")
    assert m.accepts("Equity in net loss of affiliated companies")  # a variant
    assert m.accepts("equity in net loss of equity method investee")


def test_by_english_reverse_index(default):
    assert [e.ja for e in default.by_english("Sales and marketing")] == ["販売費"]
    assert [e.ja for e in default.by_english("sales and marketing expenses")] == ["販売費"]  # a variant
    assert {e.ja for e in default.by_english("Depreciation and amortization")} == {"減価償却費", "減価償却費等"}
    assert {e.ja for e in default.by_english("  REVENUES: ")} == {"営業収益", "売上高", "売上収益"}
    assert {e.ja for e in default.by_english("Total revenues")} == {"営業収益", "売上高", "営業収益合計"}
    assert default.by_english("Selling expenses") == []


def test_by_english_lists_each_entry_once(default):
    assert [e.ja for e in default.by_english("Operating income")] == ["営業利益"]


def test_same_english():
    assert same_english("Sales and marketing", "sales  AND marketing")
    assert same_english("Total revenue", "Total Revenues")
    assert same_english("Accounts receivable, net", "Accounts receivable net")
    assert same_english("Long-term borrowings–current portion", "Long term borrowings current portion")
    assert not same_english("Cost of equipment sales", "Cost of other equipment sales")
    assert not same_english("Net sales", "Net loss")


def test_term_key_ignores_sign_dependent_wording():
    a = "Net cash provided by (used in) financing activities"
    assert term_key(a) == term_key("Net cash used in financing activities")
    assert term_key(a) == term_key("Net cash provided by financing activities")
    assert term_key("Income tax expense (benefit)") == term_key("Income tax expense")
    assert term_key("Operating income (loss)") == term_key("Operating loss")


def test_term_key_keeps_real_wording_differences():
    assert term_key("Equity in net loss of equity method investees") != term_key(
        "Equity in net loss of affiliated companies"
    )
    assert term_key("Cost of equipment sales") != term_key("Cost of other equipment sales")
    assert term_key("Net cash used in financing activities") != term_key("Net cash used in investing activities")


# ============================================================================ 3. TDnet labels as data


def test_tdnet_csv_reads_as_entries(tdnet_entries, tdnet):
    assert len(tdnet_entries) > 400
    assert all(e.ja and e.en for e in tdnet_entries)
    assert all(e.note.startswith("tse-ed-t:") for e in tdnet_entries)
    assert 300 < len(tdnet) < len(tdnet_entries)  # repeated labels collapse onto one key


def test_tdnet_exact(tdnet):
    m = tdnet.lookup("経常利益")
    assert m is not None and m.how == "exact"
    assert "Ordinary profit" in m.entry.en
    m = tdnet.lookup("売上高及び営業収入")
    assert (m.how, m.entry.en) == ("exact", "Net sales and operating revenues")


@pytest.mark.parametrize(
    "query, real",
    [
        ("１株当たり資本合計(純資産)", "1株当たり資本合計（純資産）"),
        ("1株当たり資本合計 (純資産)", "1株当たり資本合計（純資産）"),
        ("福岡証券取引所既存市場", "福岡証券取引所 既存市場"),
        ("福岡証券取引所\u3000既存市場", "福岡証券取引所 既存市場"),
        ("１株当たり当期純利益", "1株当たり当期純利益"),
    ],
)
def test_tdnet_width_and_spacing_variants_found_by_key(tdnet, tdnet_entries, query, real):
    assert real in {e.ja for e in tdnet_entries}
    assert query != real
    m = tdnet.lookup(query, fuzzy=False)
    assert m is not None and m.how == "exact"
    assert m.entry.ja == real


@pytest.mark.parametrize(
    "query, real",
    [
        ("売上高および営業収入", "売上高及び営業収入"),
        ("現金および現金同等物期末残高", "現金及び現金同等物期末残高"),
        ("簡便な会計処理および特有の会計処理の適用", "簡便な会計処理及び特有の会計処理の適用"),
    ],
)
def test_tdnet_lemma_variant_found(tdnet, tdnet_entries, query, real):
    assert real in {e.ja for e in tdnet_entries}
    m = tdnet.lookup(query, fuzzy=False)
    assert m is not None
    assert (m.how, m.entry.ja) == ("lemma", real)
    assert m.entry.en == next(e.en for e in tdnet_entries if e.ja == real and e.line == m.entry.line)


# ============================================================================ 4. label checks on the corpora


@pytest.fixture(scope="module")
def report_2002():
    return api.check(FY2002)


def test_tq301_equity_method_loss_names_every_line(report_2002):
    found = [f for f in label_findings(report_2002, "TQ301") if "'持分法による投資損失'" in f.message]
    assert len(found) == 1
    msg = found[0].message
    assert lines_named(msg, "'持分法による投資損失'") == {133, 179, 253, 297}
    assert lines_named(msg, "'Equity in net loss of equity method investees'") == {624, 745, 787}
    assert lines_named(msg, "'Equity in net loss of affiliated companies'") == {673}
    assert "rendered 2 ways" in msg
    assert (found[0].ja.line, found[0].en.line) == (179, 673)  # points at the odd rendering


def test_tq301_equipment_cost_names_every_line(report_2002):
    found = [f for f in label_findings(report_2002, "TQ301") if "'機器販売原価'" in f.message]
    assert len(found) == 1
    msg = found[0].message
    assert lines_named(msg, "'機器販売原価'") == {122, 168}
    assert lines_named(msg, "'Cost of equipment sales'") == {613}
    assert lines_named(msg, "'Cost of other equipment sales'") == {662}
    assert (found[0].ja.line, found[0].en.line) == (168, 662)


def test_tq300_other_equipment_sales(report_2002):
    found = label_findings(report_2002, "TQ300")
    assert len(found) == 1
    f = found[0]
    assert (f.ja.line, f.en.line) == (168, 662)
    assert f.severity.value == "warning"
    assert "'Cost of other equipment sales'" in f.message
    assert "the glossary has 'Cost of equipment sales'" in f.message


def test_tq301_sign_dependent_wording_is_not_reported(report_2002):
    for f in label_findings(report_2002, "TQ301"):
        assert "キャッシュフロー" not in f.message
        assert "法人税等" not in f.message


def test_2001_corpus_has_no_label_findings():
    assert label_findings(api.check(FY2001)) == []


def test_house_glossary_gives_one_tq300_per_row(tmp_path):
    report = api.check(FY2001, glossary=api.load_glossary([house_file(tmp_path)]))
    found = label_findings(report)
    assert [(f.code, f.ja.line, f.en.line) for f in found] == [("TQ300", 125, 523)]
    assert "'Sales and marketing' for '販売費'" in found[0].message
    assert "the glossary has 'Selling expenses'" in found[0].message


def test_empty_glossary_gives_no_label_findings():
    # With no entries there is nothing to check labels against: the glossary rules stay
    # silent rather than calling all 115 labels unknown.
    empty = Glossary.from_paths([], default=False)
    assert len(empty) == 0
    report = api.check(FY2001, glossary=empty)
    assert label_findings(report, "TQ300", "TQ301", "TQ302") == []
    assert coverage(api.japanese_part(FY2001), empty).total == 115
    # Figures are still compared without any glossary.
    assert report.summary["error"] == 0


def test_glossary_lacking_one_entry_reports_it_unknown_with_nearest(tmp_path):
    g = Glossary.from_paths([default_without(tmp_path, "販売費")], default=False)
    assert len(g) == len(Glossary.from_paths([])) - 1
    report = api.check(FY2001, glossary=g)
    found = label_findings(report)
    assert [(f.code, f.ja.line) for f in found] == [("TQ302", 125)]
    msg = found[0].message
    assert msg.startswith("'販売費' (line 125) is not in the glossary")
    assert "nearest: " in msg
    assert re.search(r"→ .+ \(0\.\d\d\)", msg)
    assert found[0].severity.value == "info"


# ============================================================================ 5. coverage / suggest


@pytest.mark.parametrize("doc", BILINGUAL, ids=lambda p: p.name)
def test_coverage_of_the_corpora_is_complete(default, doc):
    cov = coverage(api.japanese_part(doc), default)
    assert cov.total > 100
    assert cov.known == cov.total
    assert cov.unknown == ()
    assert cov.percent == 100.0


@pytest.mark.parametrize(
    "doc, lines", [(FY2001, (125, 126)), (FY2002, (124, 125))], ids=lambda x: getattr(x, "name", "")
)
def test_coverage_lists_exactly_the_missing_labels(tmp_path, doc, lines):
    g = Glossary.from_paths([default_without(tmp_path, "販売費", "一般管理費")], default=False)
    full = coverage(api.japanese_part(doc), Glossary.from_paths([]))
    cov = coverage(api.japanese_part(doc), g)
    assert cov.unknown == (("販売費", lines[0]), ("一般管理費", lines[1]))
    assert (cov.known, cov.total) == (full.total - 2, full.total)
    assert cov.percent < 100.0


@pytest.fixture(scope="module")
def suggestions(default) -> list[Suggestion]:
    return suggest([api.align(p, glossary=default).alignment for p in BILINGUAL], default)


def test_suggest_known_except_the_term_inconsistency(suggestions):
    assert len(suggestions) > 100
    odd = [s for s in suggestions if s.status != "known"]
    assert [(s.ja, s.en, s.status, s.glossary_en, s.count, s.sources) for s in odd] == [
        ("機器販売原価", "Cost of other equipment sales", "conflict", "Cost of equipment sales", 1,
         (f"{FY2002}:168/662",)),
    ]  # fmt: skip
    assert suggestions[0] is odd[0]  # conflicts come first
    for s in suggestions:
        if s.status == "known":
            assert s.glossary_en, s


def test_suggest_known_includes_accepted_variants(suggestions):
    by = {(s.ja, s.en): s for s in suggestions}
    s = by[("持分法による投資損失", "Equity in net loss of affiliated companies")]
    assert s.status == "known" and s.glossary_en == "Equity in net loss of equity method investees"
    assert f"{FY2002}:179/673" in s.sources


def test_suggest_sources_name_real_lines(suggestions):
    texts = {p: p.read_text(encoding="utf-8").split("\n") for p in BILINGUAL}
    by_name = {str(p): p for p in BILINGUAL}
    checked = 0
    for s in suggestions:
        assert s.count >= 1 and s.count == len(s.sources)
        assert 0.0 < s.confidence <= 1.0
        for src in s.sources:
            m = re.fullmatch(r"(.+):(\d+)/(\d+)", src)
            assert m, src
            lines = texts[by_name[m.group(1)]]
            ja_cell = lines[int(m.group(2)) - 1].split("\t")[0]
            en_cell = lines[int(m.group(3)) - 1].split("\t")[0]
            assert surface_key(ja_cell) == surface_key(s.ja), (src, ja_cell, s.ja)
            assert en_key(en_cell) == en_key(s.en), (src, en_cell, s.en)
            checked += 1
    assert checked >= 200
    assert max(s.count for s in suggestions) > 1


def test_suggest_with_an_empty_glossary_is_all_new(suggestions):
    none = Glossary.from_paths([], default=False)
    empty = suggest([api.align(p, glossary=none).alignment for p in BILINGUAL], none)
    assert empty and {s.status for s in empty} == {"new"}
    assert all(s.glossary_en == "" for s in empty)
    assert {(s.ja, s.en) for s in empty} == {(s.ja, s.en) for s in suggestions}


# ============================================================================ 6. CLI


def test_cli_lint_default_is_clean(run_cli, tmp_path):
    empty = {"XDG_DATA_HOME": str(tmp_path), "APPDATA": str(tmp_path)}  # no user glossary
    r = run_cli("glossary", "lint", cwd=tmp_path, env_extra=empty)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1].startswith("0 problem(s) in 1 file(s), ")


def test_cli_lint_without_files_lints_every_glossary_a_check_loads(run_cli, tmp_path):
    """The user's glossary and the config's are linted too, each on its own: a house entry
    overriding the default (売上高 -> Net sales) is stacking, not a conflict."""
    data = tmp_path / "data"
    user = data / "taiyaku" / "house.ja-en.tsv"
    user.parent.mkdir(parents=True)
    user.write_text("受注高\tOrders received\n受注高\tOrders received\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    (project / "house.tsv").write_text("売上高\tNet sales\n営業利益\tOperating profit\n営業利益\tOperating income\n",
                                       encoding="utf-8")  # fmt: skip
    (project / "taiyaku.toml").write_text('glossaries = ["house.tsv"]\n', encoding="utf-8")
    env = {"XDG_DATA_HOME": str(data), "APPDATA": str(data)}
    r = run_cli("glossary", "lint", cwd=project, env_extra=env)
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout.splitlines()
    assert out[-1].startswith("3 problem(s) in 3 file(s), ")
    assert any(line.startswith(f"{user}:2: duplicate: 受注高") for line in out)
    assert any(line.endswith("house.tsv:3: duplicate: 営業利益 on line 3 is already on line 2") for line in out)
    assert any("house.tsv:3: conflict: 営業利益" in line for line in out)
    assert not any("売上高" in line for line in out)  # overriding the default is no conflict
    r = run_cli("glossary", "lint", "--no-config", cwd=project, env_extra=env)
    assert r.stdout.splitlines()[-1].startswith("1 problem(s) in 2 file(s), ")


def test_cli_lint_bad_glossary(run_cli, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "売上高\tNet sales\n"
        "売上高\tNet sales\n"
        "営業利益\tOperating income\n"
        "営業利益 \tOperating profit\n"
        "malformed line without a tab\n",
        encoding="utf-8",
    )
    r = run_cli("glossary", "lint", bad)
    assert r.returncode == 1
    out = r.stdout.splitlines()
    assert f"{bad}:2: duplicate: 売上高 on line 2 is already on line 1" in out
    assert any(line.startswith(f"{bad}:4: conflict: ") and "Operating income" in line for line in out)
    assert any(line.startswith(f"{bad}:5: malformed: ") for line in out)
    issues = out[:-1]
    assert issues and all(re.match(rf"{re.escape(str(bad))}:\d+: [a-z-]+: ", line) for line in issues)
    assert out[-1].startswith(f"{len(issues)} problem(s) in 1 file(s)")


def test_cli_add_then_lint(run_cli, tmp_path):
    g = tmp_path / "house.tsv"
    r = run_cli("glossary", "add", "借入金", "Borrowings", "--variant", "Loans payable", "--note", "n", "--glossary", g)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("added 借入金 → Borrowings to ")
    r = run_cli("glossary", "add", "売掛金", "Accounts receivable", "--glossary", g)
    assert r.returncode == 0, r.stderr
    assert entry_set(load(g).entries) == {
        ("借入金", "Borrowings", ("Loans payable",), "n"),
        ("売掛金", "Accounts receivable", (), ""),
    }
    r = run_cli("glossary", "lint", g)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[-1] == "0 problem(s) in 1 file(s), 2 entries"


def test_cli_add_conflict_and_force(run_cli, tmp_path):
    g = tmp_path / "house.tsv"
    assert run_cli("glossary", "add", "借入金", "Borrowings", "--glossary", g).returncode == 0
    before = g.read_bytes()
    r = run_cli("glossary", "add", "借り入れ金", "Debt", "--glossary", g)  # same lemma key
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1
    assert "--force" in r.stderr and "Borrowings" in r.stderr
    assert "Traceback" not in r.stderr
    assert g.read_bytes() == before
    r = run_cli("glossary", "add", "借り入れ金", "Debt", "--glossary", g, "--force")
    assert r.returncode == 0, r.stderr
    assert "replaced 借入金 → Borrowings with 借り入れ金 → Debt" in r.stdout
    assert entry_set(load(g).entries) == {("借り入れ金", "Debt", (), "")}


def test_cli_export_tbx(run_cli):
    r = run_cli("glossary", "export", "--format", "tbx")
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "martif"
    entries = root.findall("./text/body/termEntry")
    assert len(entries) >= 150
    assert len(entries) == len(Glossary.from_paths([]))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    ja_terms = {te.find(f"./langSet[@{xml_lang}='ja']/tig/term").text for te in entries}
    assert {"販売費", "持分法による投資損失", "IP サービス"} <= ja_terms


def test_cli_export_csv_import_round_trip(run_cli, tmp_path):
    csv_file = tmp_path / "out.csv"
    r = run_cli("glossary", "export", "--format", "csv", "-o", csv_file)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert csv_file.read_text(encoding="utf-8").startswith("ja,en,en_variants,note\n")
    new = tmp_path / "NEW.tsv"
    r = run_cli("glossary", "import", csv_file, "--glossary", new)
    assert r.returncode == 0, r.stdout + r.stderr
    n = len(load(default_glossary_path()).entries)
    assert r.stdout.strip() == f"imported {n} of {n} entries into {new}; 0 already present; 0 refused"
    assert entry_set(load(new).entries) == entry_set(load(default_glossary_path()).entries)
    assert run_cli("glossary", "lint", new).returncode == 0


def test_cli_export_tbx_import_round_trip(run_cli, tmp_path):
    tbx_file = tmp_path / "out.tbx"
    assert run_cli("glossary", "export", "--format", "tbx", "-o", tbx_file).returncode == 0
    new = tmp_path / "NEW.tsv"
    r = run_cli("glossary", "import", tbx_file, "--glossary", new)
    assert r.returncode == 0, r.stdout + r.stderr
    assert entry_set(load(new).entries) == entry_set(load(default_glossary_path()).entries)


def test_cli_import_tdnet_labels(run_cli, tmp_path, tdnet_csv, tdnet_entries):
    target = tmp_path / "tdnet.tsv"
    r = run_cli("glossary", "import", tdnet_csv, "--glossary", target)
    m = re.fullmatch(
        r"imported (\d+) of (\d+) entries into (.+); (\d+) already present; (\d+) refused", r.stdout.strip()
    )
    assert m, r.stdout
    imported, total, present, refused = (int(m.group(i)) for i in (1, 2, 4, 5))
    assert imported > 300
    assert total == len(tdnet_entries) == imported + present + refused
    assert present > 0  # the same label and English under several element ids
    assert r.returncode == (1 if refused else 0)
    assert len([line for line in r.stderr.splitlines() if line.startswith("refused: ")]) == refused
    assert len(load(target).entries) == imported
    lint = run_cli("glossary", "lint", target)
    assert f"{target}:" in lint.stdout or lint.returncode == 0
    assert not re.search(r": (malformed|empty-field|whitespace|duplicate|conflict): ", lint.stdout), lint.stdout
    assert "Traceback" not in lint.stderr


def test_cli_coverage_total(run_cli, corpora, default):
    docs = sorted(corpora.glob("*.ja-en.txt"))
    assert [d.name for d in docs] == sorted(p.name for p in BILINGUAL)
    expected_known = expected_total = 0
    for d in docs:
        cov = coverage(api.japanese_part(d), default)
        expected_known += cov.known
        expected_total += cov.total
    assert (expected_known, expected_total) == (227, 227)
    r = run_cli("glossary", "coverage", *docs)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1] == "total: 227/227 = 100.0%"
    assert f"{docs[0]}: 115/115 Japanese row labels known (100.0%)" in lines
    assert f"{docs[1]}: 112/112 Japanese row labels known (100.0%)" in lines
    assert not any("unknown:" in line for line in lines)


def test_cli_coverage_names_unknown_labels(run_cli, tmp_path):
    minus = default_without(tmp_path, "販売費")
    r = run_cli("glossary", "coverage", "--no-default-glossary", "--glossary", minus, FY2001)
    assert r.returncode == 0, r.stderr
    assert "  unknown: 販売費 (line 125)" in r.stdout.splitlines()
    assert r.stdout.splitlines()[-1] == "total: 114/115 = 99.1%"


def test_cli_suggest_tsv(run_cli):
    r = run_cli("glossary", "suggest", "corpora/iij-2001-11-fy2001q2.ja-en.txt")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == SUGGEST_HEADER
    assert len(lines) > 100
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 7 for row in rows)
    assert {row[4] for row in rows} == {"known"}
    assert all(int(row[2]) >= 1 and 0 < float(row[3]) <= 1 for row in rows)
    sales = [row for row in rows if row[0] == "販売費"]
    assert sales == [["販売費", "Sales and marketing", "1", "1.00", "known", "Sales and marketing",
                      "corpora/iij-2001-11-fy2001q2.ja-en.txt:125/523"]]  # fmt: skip


def test_cli_tokenize(run_cli):
    r = run_cli("tokenize", "借り入れ金")
    assert r.returncode == 0, r.stderr
    assert "借り入れ\t借り入れ\t名詞" in r.stdout.splitlines()
    assert "lemma key:   借り入れ金" in r.stdout.splitlines()
    r = run_cli("tokenize", "借入金")
    assert "借入\t借り入れ\t名詞" in r.stdout.splitlines()
    assert "lemma key:   借り入れ金" in r.stdout.splitlines()
    r = run_cli("tokenize", "販売費")
    assert r.returncode == 0, r.stderr
    last = r.stdout.splitlines()[-1]
    assert last.startswith("glossary:    販売費 → Sales and marketing (exact match, 1.00; ")
    r = run_cli("tokenize", "短期借り入れ金")
    assert "短期借入金 → Short-term borrowings (lemma match, 1.00;" in r.stdout


def test_cli_check_with_house_glossary(run_cli, tmp_path):
    plain = run_cli("check", FY2001, "--format", "json")
    assert plain.returncode == 0, plain.stderr
    assert [f for f in json.loads(plain.stdout)["findings"] if f["code"].startswith("TQ3")] == []
    house = house_file(tmp_path)
    r = run_cli("check", FY2001, "--format", "json", "--glossary", house)
    assert r.returncode == 0, r.stderr  # a warning does not fail the default gate
    found = [f for f in json.loads(r.stdout)["findings"] if f["code"].startswith("TQ3")]
    assert [(f["code"], f["ja"]["line"], f["en"]["line"]) for f in found] == [("TQ300", 125, 523)]
    assert "Selling expenses" in found[0]["message"]
    r = run_cli("check", FY2001, "--glossary", house, "--fail-on", "warning")
    assert r.returncode == 1
    assert "TQ300 label-mismatch" in r.stdout


def test_cli_check_with_glossary_lacking_an_entry(run_cli, tmp_path):
    minus = default_without(tmp_path, "販売費")
    r = run_cli("check", FY2001, "--format", "json", "--no-default-glossary", "--glossary", minus)
    assert r.returncode == 0, r.stderr
    found = [f for f in json.loads(r.stdout)["findings"] if f["code"].startswith("TQ3")]
    assert [(f["code"], f["rule"], f["ja"]["line"]) for f in found] == [("TQ302", "unknown-label", 125)]
    assert "nearest" in found[0]["message"]


def test_cli_check_with_missing_glossary_exits_2(run_cli, tmp_path):
    missing = tmp_path / "missing.tsv"
    r = run_cli("check", FY2001, "--glossary", missing)
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.splitlines()) == 1
    assert str(missing) in r.stderr
    assert "Traceback" not in r.stderr


# ---------------------------------------------------------------------------- 7. targets and skips


def test_cli_add_and_import_default_to_the_user_glossary_which_check_loads(run_cli, tmp_path, repo_root):
    """Without --glossary or a config, `glossary add` writes to $XDG_DATA_HOME/taiyaku/house.ja-en.tsv
    (never the package's data, whatever the working folder), says so, and the commands that load
    the default glossary stack it over the default."""
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data)}
    user = data / "taiyaku" / "house.ja-en.tsv"
    bundled = default_glossary_path().read_bytes()
    work = tmp_path / "work"
    work.mkdir()
    r = run_cli("glossary", "add", "測定不能な勘定", "Unmeasurable account", cwd=work, env_extra=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"added 測定不能な勘定 → Unmeasurable account to {user} (line 3)")
    assert "your user glossary" in r.stdout
    assert entry_set(load(user).entries) == {("測定不能な勘定", "Unmeasurable account", (), "")}
    assert not (work / "glossaries").exists()
    assert default_glossary_path().read_bytes() == bundled
    r = run_cli("tokenize", "測定不能な勘定", cwd=work, env_extra=env)
    assert f"測定不能な勘定 → Unmeasurable account (exact match, 1.00; {user}:3)" in r.stdout
    r = run_cli("tokenize", "測定不能な勘定", "--no-default-glossary", cwd=work, env_extra=env)
    assert "Unmeasurable account" not in r.stdout
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("ja,en,en_variants,note\n未知の費用,Unknown expense,,\n", encoding="utf-8")
    r = run_cli("glossary", "import", csv_file, cwd=work, env_extra=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"imported 1 of 1 entries into {user}; 0 already present; 0 refused")
    assert len(load(user).entries) == 2
    r = run_cli("config", "--json", cwd=work, env_extra=env)
    assert json.loads(r.stdout)["settings"]["user-glossary"] == {"value": str(user), "source": "user data folder"}


def test_cli_add_defaults_to_the_configs_last_glossary(run_cli, tmp_path):
    work = tmp_path / "work"
    (work / "g").mkdir(parents=True)
    (work / ".git").mkdir()  # the config search stops here
    (work / "taiyaku.toml").write_text('glossaries = ["g/a.tsv", "g/b.tsv"]\n', encoding="utf-8")
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    r = run_cli("glossary", "add", "測定不能な勘定", "Unmeasurable account", cwd=work, env_extra=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("added 測定不能な勘定 → Unmeasurable account to g/b.tsv (line 3)")
    assert "taiyaku.toml" in r.stdout
    assert len(load(work / "g" / "b.tsv").entries) == 1
    assert not (work / "g" / "a.tsv").exists() and not (tmp_path / "data").exists()
    r = run_cli("glossary", "add", "別の勘定", "Another account", "--no-config", cwd=work, env_extra=env)
    assert r.returncode == 0, r.stderr
    assert str(tmp_path / "data" / "taiyaku" / "house.ja-en.tsv") in r.stdout


def test_cli_commands_name_glossary_problems_on_stderr(run_cli, tmp_path):
    bad = tmp_path / "house.tsv"
    bad.write_text("売上高\tNet sales\nno tab here\n売上高\tRevenue\n", encoding="utf-8")
    expected = [
        f"taiyaku: warning: {bad}:2: expected at least 2 tab-separated fields (ja, en), found 1",
        f"taiyaku: warning: {bad}:3: 売上高 → Revenue conflicts with line 1: 売上高 → Net sales "
        "(same Japanese, other English; line 3 wins)",
    ]
    for args in (("glossary", "export"), ("glossary", "coverage", FY2001), ("align", FY2001)):
        r = run_cli(*args, "--glossary", bad)
        assert r.returncode == 0, r.stderr
        assert r.stderr.splitlines() == expected, args
        r = run_cli(*args, "--glossary", bad, "--strict-glossary")
        assert r.returncode == 2 and len(r.stderr.splitlines()) == 1, args
        assert r.stderr.startswith(f"taiyaku: error: {bad}:2: "), args
    clean = tmp_path / "clean.tsv"
    clean.write_text("売上高\tNet sales\n", encoding="utf-8")
    r = run_cli("glossary", "export", "--glossary", clean, "--strict-glossary")
    assert r.returncode == 0 and r.stderr == ""


def test_cli_coverage_skips_english_only_files_with_a_note(run_cli, corpora):
    en_only = sorted(corpora.glob("*.en.txt"))
    assert en_only
    docs = [en_only[0], FY2001, *en_only[1:]]
    r = run_cli("glossary", "coverage", *docs)
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines() == [
        f"taiyaku: note: {d}: no Japanese text (a one-language English file?); skipped" for d in en_only]  # fmt: skip
    assert r.stdout.splitlines()[0] == f"{FY2001}: 115/115 Japanese row labels known (100.0%)"
    assert r.stdout.splitlines()[-1] == "total: 115/115 = 100.0%"
    r = run_cli("glossary", "coverage", *en_only)
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == (
        f"taiyaku: error: no Japanese text in any of the {len(en_only)} documents: no row labels to look up")
    r = run_cli("glossary", "coverage", FY2001, corpora / "missing.txt")
    assert r.returncode == 2 and "missing.txt" in r.stderr  # other input errors still stop the run
