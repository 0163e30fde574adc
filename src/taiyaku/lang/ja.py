"""Japanese number-display facts, as data. No logic lives here; numbers.py reads these."""

from __future__ import annotations

# Scale words -> power of ten. "16億円" is 16 x 10**8 yen.
SCALE_WORDS: dict[str, int] = {
    "千": 3,
    "万": 4,
    "百万": 6,
    "千万": 7,
    "億": 8,
    "十億": 9,
    "兆": 12,
}

# Currency markers written after the figure (and after any scale word): "446百万円".
CURRENCY_SUFFIXES: dict[str, str] = {
    "円": "JPY",
    "米ドル": "USD",
    "ドル": "USD",
    "人民元": "CNY",
    "元": "CNY",
    "ユーロ": "EUR",
    "ウォン": "KRW",
    "英ポンド": "GBP",
    "ポンド": "GBP",
    "香港ドル": "HKD",
    "台湾ドル": "TWD",
    "シンガポールドル": "SGD",
    "豪ドル": "AUD",
    "バーツ": "THB",
}

# Counters written after a figure ("2,417人", "281千台", "152店舗") and what they count. A
# counted figure is compared with the English figure it pairs with, whatever noun the English
# puts around it ("2,471 employees", "a workforce of 2,471").
COUNTERS: dict[str, str] = {
    "人": "people",
    "名": "people",
    "社": "companies",
    "件": "cases",
    "店舗": "stores",
    "店": "stores",
    "台": "units",
    "株": "shares",
    "拠点": "sites",
    "カ国": "countries",
    "か国": "countries",
    "ヵ国": "countries",
    "ヶ国": "countries",
    "カ所": "places",
    "か所": "places",
    "ヵ所": "places",
    "ヶ所": "places",
    "棟": "buildings",
    "口座": "accounts",
    "契約": "contracts",
    "回線": "lines",
}
# A counter followed by one of these is part of a phrase, not a count: "1株当たり" (per share).
COUNTER_NOT_BEFORE: tuple[str, ...] = ("当たり", "当り", "あたり")

# Currency markers written before the figure: "￥1,234" (NFKC turns ￥ into ¥).
CURRENCY_PREFIXES: dict[str, str] = {
    "¥": "JPY",
    "￥": "JPY",
}

# Marks put before a figure to show it is negative, and the style each one denotes.
NEGATIVE_MARKS: dict[str, str] = {
    "▲": "triangle",
    "△": "triangle",
    "−": "minus",  # U+2212 MINUS SIGN
    "－": "minus",  # U+FF0D FULLWIDTH HYPHEN-MINUS
}

# A cell holding only one of these means nil (none / zero).
NIL_MARKS: frozenset[str] = frozenset({"-", "－", "—", "―", "‐"})

# A cell holding only one of these means "not applicable".
NA_WORDS: frozenset[str] = frozenset({"N/A", "n/a", "n.a.", "NA", "該当なし"})

PERCENT_MARKS: tuple[str, ...] = ("%", "％")

# What joins the two ends of a range: "125～130億円", "100 億円 - 105 億円", "100から105".
RANGE_SEPARATORS: tuple[str, ...] = ("～", "〜", "~", "-", "－", "から")

# --------------------------------------------------------------------------------------------
# Prose (taiyaku.prose): sentences and the figures written in them
# --------------------------------------------------------------------------------------------

# Marks that open a bullet line ("- ・売上高は…"). A hyphen counts only when a digit does not
# follow it (then it is a minus sign).
BULLET_MARKS: tuple[str, ...] = ("・", "●", "■", "○", "◆", "◇", "□", "▪", "•", "-", "－", "‐")

# What ends a sentence, and the closing brackets that stay with the sentence they close.
SENTENCE_END_MARKS: tuple[str, ...] = ("。", "！", "？", "!", "?")
SENTENCE_CLOSERS: tuple[str, ...] = ("」", "』", "）", ")", "】", "〕", "”", "’")
# An end mark inside these brackets belongs to a quotation: 「好調です。」と述べた。
OPENING_BRACKETS: tuple[str, ...] = ("「", "『", "（", "(", "【", "〔", "“", "‘")

# Direction words written right after a change figure: "7.7%増", "53.0%減少したが". 改善 and
# 悪化 say better or worse, not up or down: an improving loss gets smaller.
DIRECTION_WORDS: dict[str, str] = {
    "増加": "up",
    "増収": "up",
    "増益": "up",
    "増": "up",
    "上昇": "up",
    "成長": "up",
    "伸長": "up",
    "改善": "better",
    "拡大": "up",
    "減少": "down",
    "減収": "down",
    "減益": "down",
    "減": "down",
    "低下": "down",
    "下落": "down",
    "削減": "down",
    "縮小": "down",
    "悪化": "worse",
}

# What may stand between a figure and its direction word: "40%の成長率", "10%以上の成長".
DIRECTION_JOINERS: tuple[str, ...] = ("の", "と")

# Comparison bases, written just before the figure ("前年同期比7.7%増") or just after it.
BASE_PHRASES: dict[str, str] = {
    "前年同期比": "year-ago quarter",
    "前年同四半期比": "year-ago quarter",
    "対前年同期比": "year-ago quarter",
    "対前年同四半期比": "year-ago quarter",
    # 前期 is the prior period of the same kind: the prior quarter in a quarterly release, the
    # prior fiscal year in a full-year one (parse.facts tells which the document is).
    "前期比": "prior period",
    "対前期比": "prior period",
    "前四半期比": "prior quarter",
    "対前四半期比": "prior quarter",
    "前四半期対比": "prior quarter",
    "対前年度比": "prior year",
    "前年度比": "prior year",
    "前年比": "prior year",
    "対前年比": "prior year",
}

# Particles that may separate a base phrase from its figure: "対前年度比では53.0%減少".
BASE_PARTICLES: tuple[str, ...] = ("では", "で", "は", "、", ",", ":", "：")

# Approximation and bound words, before ("約 40%") or after ("10%以上") the figure.
APPROX_BEFORE: tuple[str, ...] = ("約", "およそ", "概ね", "ほぼ")
APPROX_AFTER: tuple[str, ...] = ("程度", "前後", "強", "弱", "近く", "余り")
BOUND_BEFORE: dict[str, str] = {"最大": "max", "最低": "min"}
BOUND_AFTER: dict[str, str] = {"以上": "min", "超": "min", "以下": "max", "未満": "max"}

# A bare number followed by one of these is a date, a time, a page or an ordinal, not a figure.
NON_FIGURE_SUFFIXES: tuple[str, ...] = (
    "年", "月", "日", "期", "四半期", "半期", "時", "分", "秒", "ページ", "頁", "号", "条",
    "項", "位", "番", "回目", "歳", "周年",
)  # fmt: skip
# ... and a bare number preceded by one of these is an ordinal or a reference: "第4四半期", "表 1".
NON_FIGURE_PREFIXES: tuple[str, ...] = (
    "第", "表", "図", "注記", "注", "※", "別表", "添付資料", "平成", "令和", "昭和",
)  # fmt: skip

# Units that are neither money nor percent, written after the figure.
OTHER_UNITS: dict[str, str] = {"倍": "x", "ポイント": "pt", "ミリ秒": "ms"}
# Of those, the units whose figures are compared across languages (12.5倍 / 12.5 times,
# 1.2ポイント / 1.2 percentage points).
COMPARED_UNITS: tuple[str, ...] = ("x", "pt")

# Verbs that say an amount was booked: "減損損失850百万円を計上", "…を認識しました".
RECORD_VERBS: tuple[str, ...] = ("計上", "認識", "発生", "計上済")
# Particles between an account and its amount: "減損損失として850百万円", "減損損失は850百万円".
ACCOUNT_PARTICLES: tuple[str, ...] = ("として", "は", "が", "の", "を", "、")

# A word before a figure that makes it negative: "マイナス5.0%".
NEGATIVE_WORDS: tuple[str, ...] = ("マイナス",)

# --------------------------------------------------------------------------------------------
# Script: what counts as Japanese text (taiyaku.lang.script applies these)
# --------------------------------------------------------------------------------------------

# Code point ranges of Japanese script: kana, CJK ideographs (extension A, unified,
# compatibility) and half-width katakana.
SCRIPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width katakana
)
# Characters that continue a compound word (kanji, katakana): a label found inside a longer
# run of these is part of another word (営業利益 inside 営業利益率).
WORD_SCRIPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x30A0, 0x30FF),  # katakana
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
)

# --------------------------------------------------------------------------------------------
# Periods and dates (taiyaku.parse.periods)
# --------------------------------------------------------------------------------------------

# Japanese eras: era name -> the Gregorian year before its first year (平成元年 = 1989).
ERAS: dict[str, int] = {"昭和": 1925, "平成": 1988, "令和": 2018}
KANJI_DIGITS: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "元": 1}

# Sub-periods written after 年度 / 月期, or alone with the fiscal year taken from context.
# Each maps to (span, number): quarter k, half k, or the full year.
SUBPERIODS: dict[str, tuple[str, int]] = {
    "通期": ("year", 0),
    "上半期": ("half", 1), "上期": ("half", 1), "中間期": ("half", 1),
    "下半期": ("half", 2), "下期": ("half", 2),
}  # fmt: skip
# A heading naming a quarterly statement: its bare "2003年3月期" headers are quarters.
QUARTERLY_WORD = "四半期"
# What the corner cell of a table's header row says (the row is a header, not a body row).
CORNER_LABELS: tuple[str, ...] = ("科目", "勘定科目", "区分", "項目", "摘要", "内訳", "回次")
# Words that open the end of a period written as a span: "(自 2024年4月1日 至 2025年3月31日)".
PERIOD_TO: tuple[str, ...] = ("至",)

# Words of a document's title that say it reports a full year (when it names no quarter).
ANNUAL_WORDS: tuple[str, ...] = ("通期", "決算短信", "年度決算", "有価証券報告書", "期末")

# --------------------------------------------------------------------------------------------
# Row labels in prose (taiyaku.recompute.tieout)
# --------------------------------------------------------------------------------------------

# Words a sentence uses for a line whose label says it differently: sentence word -> label
# form. They only help choose among rows, they never make a row "named".
LABEL_ALIASES: dict[str, str] = {
    "売上高": "営業収益",
    "売上": "営業収益",
    "営業損失": "営業利益",
    "営業損益": "営業利益",
    "当期純損失": "当期損失",
    "純損失": "当期損失",
}
# Label forms too generic to name a row.
GENERIC_LABELS: frozenset[str] = frozenset({"その他", "合計", "小計", "計"})
TOTAL_SUFFIX = "合計"  # "営業収益合計" is also named by "営業収益"

# --------------------------------------------------------------------------------------------
# Terms in prose (taiyaku.checks.rules.terms): Japanese terms and the English renderings a
# document should not mix. Each rendering is matched as whole words, plurals alike.
# --------------------------------------------------------------------------------------------

PROSE_TERMS: dict[str, tuple[str, ...]] = {
    "当社グループ": ("the Group", "our group", "our company group", "the Company group",
                "the Company and its subsidiaries"),
    "売上高": ("net sales", "revenue"),
    "営業利益": ("operating profit", "operating income"),
    "経常利益": ("ordinary profit", "ordinary income", "recurring profit"),
    "親会社株主に帰属する当期純利益": ("profit attributable to owners of parent",
                         "net income attributable to owners of the parent",
                         "net income attributable to shareholders of the parent"),
    "自己資本比率": ("equity ratio", "equity-to-asset ratio", "capital adequacy ratio", "shareholders' equity ratio"),
    "純資産": ("net assets", "total equity"),
    "自己資本": ("equity", "shareholders' equity", "owners' equity", "equity capital"),
}  # fmt: skip


# Numbered fiscal terms and series: "第73期" (the 73rd fiscal term), "第74回定時株主総会" (the
# 74th annual general meeting), "第5回新株予約権" (series 5 of stock acquisition rights). The
# counter after the number -> what is numbered.
ORDINAL_COUNTERS: dict[str, str] = {"期": "term", "回": "series"}

# After a period, what makes it the base of a comparison, not the period a sentence is about:
# "2025年3月期比", "前年同期と比べ", "第1四半期に比べ".
PERIOD_BASE_AFTER: tuple[str, ...] = ("比", "と比", "に比", "対比", "との比較")

# Words that may stand beside the date of a cell holding only a date ("2026年3月31日現在",
# "2027年1月5日（予定）").
DATE_CELL_WORDS: tuple[str, ...] = ("現在", "時点", "予定", "見込み", "予定日")
