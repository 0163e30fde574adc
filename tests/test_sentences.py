"""Tests for taiyaku.prose.sentences: paragraphs -> sentences with line and offset."""

from __future__ import annotations

import pytest

from taiyaku import api
from taiyaku.model import Document, Lang, Paragraph
from taiyaku.parse.sentences import Sentence, document_sentences, split_paragraph

JA, EN = Lang.JA, Lang.EN


def texts(text: str, lang: Lang) -> list[str]:
    return [s.text for s in split_paragraph(Paragraph(text, 7), lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decimals and money never split
        (
            "Revenue rose 18.2% to JPY 5 billion. Costs fell.",
            ["Revenue rose 18.2% to JPY 5 billion.", "Costs fell."],
        ),
        ("It was \\$3.9 million. Next.", ["It was \\$3.9 million.", "Next."]),
        # company abbreviations
        (
            "Internet Initiative Japan Inc. (IIJ) reported results. Net loss narrowed.",
            [
                "Internet Initiative Japan Inc. (IIJ) reported results.",
                "Net loss narrowed.",
            ],
        ),
        (
            "Japan Leisure Channel Co. Ltd. (JLC) chose IIJ. It is Corp. Headquarters.",
            [
                "Japan Leisure Channel Co. Ltd. (JLC) chose IIJ.",
                "It is Corp. Headquarters.",
            ],
        ),
        # dotted initialisms, titles, Latin abbreviations
        (
            "Sales in the U.S. rose. Costs in the U.S.A. Fell.",
            ["Sales in the U.S. rose.", "Costs in the U.S.A. Fell."],
        ),
        (
            "See e.g. Form 20-F, i.e. the annual report. Approx. 40% of revenue. Mr. Suzuki "
            "and Dr. J. Hagino agreed. No. 5 vs. No. 6 remains.",
            [
                "See e.g. Form 20-F, i.e. the annual report.",
                "Approx. 40% of revenue.",
                "Mr. Suzuki and Dr. J. Hagino agreed.",
                "No. 5 vs. No. 6 remains.",
            ],
        ),
        # ellipses do not end a sentence; ? and ! do
        ("Revenue grew... Then it fell.", ["Revenue grew... Then it fell."]),
        ("Is it? Yes! It is.", ["Is it?", "Yes!", "It is."]),
        # a digit may open the next sentence
        (
            "It closed in fiscal 2002. 2003 looks better.",
            ["It closed in fiscal 2002.", "2003 looks better."],
        ),
        # closing quotes stay with their sentence; an opening quote starts the next
        (
            "“We expect growth,” said Nishi. “It is strong.” He left.",
            ["“We expect growth,” said Nishi.", "“It is strong.”", "He left."],
        ),
        # a numbered caption is one heading
        ("Table 1. Number of Contracts", ["Table 1. Number of Contracts"]),
        # bullets are dropped
        (
            "- Revenues totaled JPY 13 billion. Costs rose.",
            ["Revenues totaled JPY 13 billion.", "Costs rose."],
        ),
        ("• Revenues rose", ["Revenues rose"]),
    ],
)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert texts(text, EN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- ・売上高は130億円。営業損失は446百万円。",
            ["売上高は130億円。", "営業損失は446百万円。"],
        ),
        ("・売上高は増加した", ["売上高は増加した"]),
        ("●売上高は増加！利益は減少？", ["売上高は増加！", "利益は減少？"]),
        ("■ 概況", ["概況"]),
        ("- 売上高は 95 億円を達成。", ["売上高は 95 億円を達成。"]),
        # an end mark inside a quotation does not end the sentence around it
        (
            "彼は「好調です。」と述べた。次の文。",
            ["彼は「好調です。」と述べた。", "次の文。"],
        ),
        # a hyphen before a digit is a minus sign, not a bullet
        ("-5%の減少となった。", ["-5%の減少となった。"]),
        # a full stop inside a Japanese sentence is not an end mark
        (
            "競艇サイト「KYOTEI B.B.」の構築。Inc. の話。",
            ["競艇サイト「KYOTEI B.B.」の構築。", "Inc. の話。"],
        ),
    ],
)
def test_japanese_sentences(text: str, expected: list[str]) -> None:
    assert texts(text, JA) == expected


def test_offsets_point_into_the_paragraph() -> None:
    p = Paragraph("- ・売上高は130億円。 営業損失は446百万円。", 19)
    out = split_paragraph(p, JA)
    assert [(s.start, s.line, s.index, s.lang) for s in out] == [
        (3, 19, 0, JA),
        (14, 19, 1, JA),
    ]
    for s in out:
        assert p.text[s.start : s.start + len(s.text)] == s.text


def test_english_bullet_offset() -> None:
    (s, t) = split_paragraph(Paragraph("- Revenue rose. Costs fell.", 3), EN)
    assert (s.start, s.text) == (2, "Revenue rose.")
    assert (t.start, t.text, t.index) == (16, "Costs fell.", 1)


def test_document_sentences_skip_what_is_not_prose() -> None:
    header = "ACME Corp."
    paras = (
        Paragraph("Page 5", 1),
        Paragraph("12,345 67,890", 2),
        Paragraph("- 3 -", 3),
        Paragraph(header, 4),
        Paragraph("Revenue rose. Costs fell.", 5),
        Paragraph(header, 6),
        Paragraph(
            " ".join(["(1,234) 5.6% 789"] * 10) + " Revenues Total", 7
        ),  # flattened table
        Paragraph(header, 8),
        Paragraph("Net loss narrowed.", 9),
    )
    doc = Document("x.txt", EN, 1, 9, (), paras)
    out = document_sentences(doc)
    assert out == (
        Sentence("Revenue rose.", 5, 0, EN, 0),
        Sentence("Costs fell.", 5, 14, EN, 1),
        Sentence("Net loss narrowed.", 9, 0, EN, 2),
    )


def test_a_short_line_seen_twice_is_still_prose() -> None:
    paras = (Paragraph("Revenues", 1), Paragraph("Revenues", 5))
    doc = Document("x.txt", EN, 1, 5, (), paras)
    assert [s.line for s in document_sentences(doc)] == [1, 5]


# --------------------------------------------------------------------------------------------
# The real documents
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fy2002q4(corpora):
    ja, en, _ = api.load(corpora / "iij-2003-05-fy2002q4.ja-en.txt")
    return document_sentences(ja), document_sentences(en), ja, en


def test_corpus_japanese_summary_bullets(fy2002q4) -> None:
    ja_sents = fy2002q4[0]
    line21 = [s for s in ja_sents if s.line == 21]
    assert len(line21) == 1
    assert line21[0].start == 3  # after "- ・"
    assert line21[0].text.startswith("償却前営業利益(Adjusted EBITDA)は459百万円")
    line19 = [s.text for s in ja_sents if s.line == 19]
    assert len(line19) == 2  # two 。-terminated sentences on the bullet line
    assert line19[0].endswith("若干上回った。")
    assert line19[1].startswith("依然として")


def test_corpus_english_sentences(fy2002q4) -> None:
    en_sents = fy2002q4[1]
    (s,) = [s for s in en_sents if "52.6%" in s.text]
    assert s.line == 352 and s.start == 2
    assert s.text.startswith("Adjusted EBITDA⁽¹⁾ was JPY 459 million")
    assert s.text.endswith("from 3Q02.")
    # "Inc." and "Co. Ltd." do not end sentences
    assert any(
        t.text.startswith("In March, the Japan Leisure Channel Co. Ltd. (JLC) chose")
        for t in en_sents
    )
    # page furniture and running headers are gone
    assert not any(t.text.startswith("Page ") for t in en_sents)
    assert not any(t.text == "Internet Initiative Japan Inc." for t in en_sents)


def test_corpus_sentences_are_numbered_and_located(fy2002q4) -> None:
    ja_sents, en_sents, ja, en = fy2002q4
    for doc, sents in ((ja, ja_sents), (en, en_sents)):
        assert [s.index for s in sents] == list(range(len(sents)))
        by_line = {p.line: p.text for p in doc.paragraphs}
        for s in sents:
            assert s.lang is doc.lang
            assert by_line[s.line][s.start : s.start + len(s.text)] == s.text
