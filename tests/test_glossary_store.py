"""Glossary files: parsing, atomic/locked appends, lint, TBX and CSV interchange."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.errors import InputError
from taiyaku.glossary.lint import LintIssue, lint
from taiyaku.glossary.lookup import Glossary, base_glossary_paths, default_glossary_path
from taiyaku.glossary.paths import user_glossary_path
from taiyaku.glossary.store import Entry, GlossaryConflict, GlossaryFile, Problem, add, conflicts, load, parse
from taiyaku.glossary.tbx import from_csv, from_tbx, to_csv, to_tbx
from taiyaku.options import Options

REPO_ROOT = Path(__file__).resolve().parents[1]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# ---------------------------------------------------------------------------- parse

SAMPLE = (
    "# house glossary\n"
    "\n"
    "ja\ten\ten_variants\tnote\n"
    "売上高\tNet sales\n"
    "借入金\tBorrowings\tLoans payable | Debt\tjppfs_cor:LoansPayable\n"
    "# section: services\n"
    "専用線接続サービス\tDedicated access services\t\tfrom 2024 report\n"
    "営業利益\n"  # 1 field
    "a\tb\tc\td\te\n"  # 5 fields
    "経常利益\t\n"  # empty en
    "\n"
)


def test_parse_entries_comments_header_and_fields():
    gf = parse(SAMPLE, "g.tsv")
    assert [(e.ja, e.en, e.variants, e.note, e.line) for e in gf.entries] == [
        ("売上高", "Net sales", (), "", 4),
        ("借入金", "Borrowings", ("Loans payable", "Debt"), "jppfs_cor:LoansPayable", 5),
        ("専用線接続サービス", "Dedicated access services", (), "from 2024 report", 7),
    ]
    assert all(e.path == "g.tsv" for e in gf.entries)


def test_parse_malformed_lines_become_problems_with_line_numbers():
    gf = parse(SAMPLE, "g.tsv")
    assert [(p.line, p.kind) for p in gf.problems] == [(8, "malformed"), (9, "malformed"), (10, "empty-field")]
    assert "found 1" in gf.problems[0].message
    assert "found 5" in gf.problems[1].message
    assert "empty en" in gf.problems[2].message
    assert all(isinstance(p, Problem) and p.path == "g.tsv" for p in gf.problems)


def test_parse_keeps_raw_lines_exactly():
    text = "# c\r\n売上高 \tNet sales\r\n\n  \n"
    gf = parse(text)
    assert gf.lines == ("# c", "売上高 \tNet sales", "", "  ")
    assert gf.entries[0].ja == "売上高"  # fields are read stripped; lint reports the space
    assert parse(SAMPLE).lines == tuple(SAMPLE.split("\n")[:-1])


def test_parse_header_only_allowed_first():
    gf = parse("売上高\tNet sales\nja\ten\ten_variants\tnote\n")
    assert [e.ja for e in gf.entries] == ["売上高"]
    assert [(p.line, p.kind) for p in gf.problems] == [(2, "malformed")]


def test_entry_to_line_omits_trailing_empty_fields():
    assert Entry("売上高", "Net sales").to_line() == "売上高\tNet sales"
    assert Entry("a", "b", ("c", "d")).to_line() == "a\tb\tc | d"
    assert Entry("a", "b", (), "n").to_line() == "a\tb\t\tn"
    e = Entry("借入金", "Borrowings", ("Loans payable",), "x")
    assert parse(e.to_line() + "\n").entries == (e,)


def test_load_reads_file_and_reports_errors(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_text(SAMPLE, encoding="utf-8")
    gf = load(p)
    assert isinstance(gf, GlossaryFile) and gf.path == str(p)
    assert len(gf.entries) == 3 and len(gf.problems) == 3
    with pytest.raises(InputError, match="No such file"):
        load(tmp_path / "missing.tsv")
    (tmp_path / "bin.tsv").write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(InputError, match="binary"):
        load(tmp_path / "bin.tsv")
    with pytest.raises(InputError, match="directory"):
        load(tmp_path)
    (tmp_path / "empty.tsv").write_bytes(b"")
    assert load(tmp_path / "empty.tsv").entries == ()


def test_inputerror_messages_are_one_line(tmp_path):
    with pytest.raises(InputError) as info:
        load(tmp_path / "missing.tsv")
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------------------- add

EXISTING = (
    "# Acme house glossary\r\n"  # CRLF kept as is
    "# reviewed 2025-06\n"
    "\n"
    "売上高\tNet sales\n"
    "借入金\tBorrowings\t\tjppfs\n"
    "#   trailing comment with spaces   \n"
    "ＩＰサービス\tIP services\n"
)


def test_add_to_new_file(tmp_path):
    p = tmp_path / "new.tsv"
    msg = add(p, Entry("専用線接続サービス", "Dedicated access services"))
    assert msg == f"added 専用線接続サービス → Dedicated access services to {p} (line 3)"
    text = p.read_text(encoding="utf-8")
    assert text.startswith("#")
    assert text.endswith("専用線接続サービス\tDedicated access services\n")
    gf = load(p)
    assert gf.entries == (Entry("専用線接続サービス", "Dedicated access services"),)
    assert gf.entries[0].line == 3 and gf.problems == ()
    assert (tmp_path / "new.tsv.lock").exists()


def test_add_keeps_existing_bytes_and_appends(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode("utf-8"))
    msg = add(p, Entry("営業利益", "Operating profit", ("Operating income",), "TDnet label"))
    assert "line 8" in msg and "営業利益 → Operating profit" in msg
    data = p.read_bytes()
    assert data.startswith(EXISTING.encode("utf-8"))
    assert data[len(EXISTING.encode("utf-8")):] == "営業利益\tOperating profit\tOperating income\tTDnet label\n".encode()
    e = load(p).entries[-1]
    assert (e.ja, e.en, e.variants, e.note, e.line) == (
        "営業利益", "Operating profit", ("Operating income",), "TDnet label", 8)


def test_add_to_file_without_final_newline(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes("# c\n売上高\tNet sales".encode())
    add(p, Entry("営業利益", "Operating profit"))
    assert p.read_bytes() == "# c\n売上高\tNet sales\n営業利益\tOperating profit\n".encode()


def test_add_keeps_crlf_files_crlf_and_bom(tmp_path):
    p = tmp_path / "g.tsv"
    original = "\ufeff# c\r\n売上高\tNet sales\r\n".encode()
    p.write_bytes(original)
    add(p, Entry("営業利益", "Operating profit"))
    assert p.read_bytes() == original + "営業利益\tOperating profit\r\n".encode()


def test_add_duplicate_is_refused(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode())
    with pytest.raises(GlossaryConflict, match=r"already exists .*line 4") as info:
        add(p, Entry("売上高", "net  sales"))  # same English once normalised
    assert info.value.kind == "duplicate" and info.value.existing.line == 4
    with pytest.raises(GlossaryConflict, match="already exists"):
        add(p, Entry("売上高", "Net sales"), force=True)
    assert p.read_bytes() == EXISTING.encode()
    assert isinstance(info.value, InputError)


def test_add_conflicting_english_names_the_line(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode())
    with pytest.raises(GlossaryConflict) as info:
        add(p, Entry("売上高", "Revenue"))
    message = str(info.value)
    assert "line 4" in message and "Net sales" in message and "Revenue" in message
    assert "\n" not in message
    assert info.value.kind == "conflict"
    assert p.read_bytes() == EXISTING.encode()


def test_add_force_replaces_in_place(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode())
    msg = add(p, Entry("借入金", "Loans payable", ("Borrowings",)), force=True)
    assert "replaced 借入金 → Borrowings" in msg and "Loans payable" in msg and "line 5" in msg
    expected = EXISTING.replace("借入金\tBorrowings\t\tjppfs\n", "借入金\tLoans payable\tBorrowings\n")
    assert p.read_bytes() == expected.encode("utf-8")
    assert [e.ja for e in load(p).entries] == ["売上高", "借入金", "ＩＰサービス"]


def test_add_same_english_with_new_variant_needs_force(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode())
    with pytest.raises(GlossaryConflict, match="line 4"):
        add(p, Entry("売上高", "Net sales", ("Sales",)))
    add(p, Entry("売上高", "Net sales", ("Sales",)), force=True)
    assert load(p).entries[0] == Entry("売上高", "Net sales", ("Sales",))


def test_add_detects_normalised_key_conflicts(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode())
    # full-width ＩＰサービス vs half-width with a space: same surface key
    with pytest.raises(GlossaryConflict, match="already exists .*line 7"):
        add(p, Entry("IP サービス", "IP services"))
    with pytest.raises(GlossaryConflict, match="line 7"):
        add(p, Entry("IP サービス", "Internet protocol services"))
    # 借り入れ金 vs 借入金: same lemma key
    with pytest.raises(GlossaryConflict, match="line 5.*Borrowings"):
        add(p, Entry("借り入れ金", "Loans"))
    assert p.read_bytes() == EXISTING.encode()


def test_add_force_with_several_matching_lines_reports_each(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_text("借入金\tBorrowings\n売上高\tNet sales\n借り入れ金\tDebt\n", encoding="utf-8")
    msg = add(p, Entry("借入金", "Loans payable"), force=True)
    assert "line 1" in msg and "line 3: 借り入れ金 → Debt" in msg
    assert p.read_text(encoding="utf-8") == "借入金\tLoans payable\n売上高\tNet sales\n"


@pytest.mark.parametrize(
    "entry",
    [
        Entry("", "Net sales"),
        Entry("売上高", "  "),
        Entry("売上\t高", "Net sales"),
        Entry("売上高", "Net\nsales"),
        Entry("売上高", "Net sales", ("a | b",)),
        Entry("売上高", "Net sales", ("",)),
        Entry("売上高", "Net sales", (), "note\twith tab"),
        Entry("#売上高", "Net sales"),
    ],
)
def test_add_refuses_entries_that_cannot_be_one_line(tmp_path, entry):
    p = tmp_path / "g.tsv"
    p.write_bytes(EXISTING.encode())
    with pytest.raises(InputError):
        add(p, entry)
    assert p.read_bytes() == EXISTING.encode()


def test_add_refuses_non_utf8_and_missing_folder(tmp_path):
    p = tmp_path / "sjis.tsv"
    p.write_bytes("# 用語集\n売上高\tNet sales\n".encode("cp932"))
    with pytest.raises(InputError, match="UTF-8"):
        add(p, Entry("営業利益", "Operating profit"))
    with pytest.raises(InputError, match="does not exist"):
        add(tmp_path / "nope" / "g.tsv", Entry("営業利益", "Operating profit"))


def test_add_then_lint_is_clean(tmp_path):
    p = tmp_path / "g.tsv"
    add(p, Entry("売上高", "Net sales"))
    add(p, Entry("営業利益", "Operating profit"))
    add(p, Entry("借入金", "Borrowings", ("Loans payable",), "note"))
    assert lint([load(p)]) == []


# ---------------------------------------------------------------------------- concurrency

WORKER = textwrap.dedent(
    """
    import os, sys, time
    from taiyaku.glossary.keys import lemma_key
    from taiyaku.glossary.store import Entry, add
    path, tag, go = sys.argv[1], sys.argv[2], sys.argv[3]
    lemma_key("準備")  # load the tagger before the start signal
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(50):
        add(path, Entry(f"勘定科目{tag}{i:02d}", f"Account {tag} {i}", (f"Variant {tag} {i}",), "n"))
    """
)


def test_concurrent_adds_lose_nothing(tmp_path):
    p = tmp_path / "g.tsv"
    go = tmp_path / "go"
    original = "# shared glossary\n# do not edit by hand\n売上高\tNet sales\n"
    p.write_text(original, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(REPO_ROOT / "src"), env.get("PYTHONPATH")) if x)
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(p), tag, str(go)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for tag in ("A", "B")
    ]
    try:
        for proc in procs:  # both imported and waiting: start them at the same moment
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        go.touch()
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    text = p.read_text(encoding="utf-8")
    assert text.startswith(original)
    gf = load(p)
    assert gf.problems == ()
    jas = [e.ja for e in gf.entries]
    assert len(jas) == 101 and len(set(jas)) == 101
    expected = {f"勘定科目{t}{i:02d}" for t in "AB" for i in range(50)} | {"売上高"}
    assert set(jas) == expected
    for e in gf.entries[1:]:
        tag, i = e.ja[4], int(e.ja[5:])
        assert e == Entry(e.ja, f"Account {tag} {i}", (f"Variant {tag} {i}",), "n")
    # each writer's own entries stay in the order it wrote them
    for t in "AB":
        mine = [j for j in jas if j.startswith(f"勘定科目{t}")]
        assert mine == sorted(mine)
    assert lint([gf]) == []


# ---------------------------------------------------------------------------- lint


def _lint(text: str, path: str = "g.tsv") -> list[tuple[str, int, str]]:
    return [(i.code, i.line, i.path) for i in lint([parse(text, path)])]


def test_lint_clean_glossary_has_no_issues():
    text = "# ok\nja\ten\ten_variants\tnote\n売上高\tNet sales\n営業利益\tOperating profit\tOperating income\tx\n"
    assert lint([parse(text)]) == []


def test_lint_malformed():
    assert _lint("売上高\tNet sales\n営業利益\na\tb\tc\td\te\n") == [
        ("malformed", 2, "g.tsv"), ("malformed", 3, "g.tsv")]


def test_lint_empty_field():
    assert _lint("売上高\tNet sales\n\tOperating profit\n経常利益\t \n") == [
        ("empty-field", 2, "g.tsv"), ("empty-field", 3, "g.tsv")]


def test_lint_duplicate():
    issues = lint([parse("売上高\tNet sales\n営業利益\tOperating profit\n売上高\tNet sales\n", "g.tsv")])
    assert [(i.code, i.line) for i in issues] == [("duplicate", 3)]
    assert "line 1" in issues[0].message and "line 3" in issues[0].message


def test_lint_same_key():
    text = "ＩＰサービス\tIP services\n借入金\tBorrowings\nIP サービス\tIP services\n借り入れ金\tBorrowings\n"
    issues = lint([parse(text, "g.tsv")])
    assert [(i.code, i.line) for i in issues] == [("same-key", 3), ("same-key", 4)]
    assert "line 1" in issues[0].message and "line 3" in issues[0].message
    assert "借入金" in issues[1].message and "line 2" in issues[1].message


def test_lint_conflict_in_one_file():
    text = "売上高\tNet sales\n借入金\tBorrowings\n借り入れ金\tLoans payable\n"
    issues = lint([parse(text, "g.tsv")])
    assert [(i.code, i.line) for i in issues] == [("same-key", 3), ("conflict", 3)]
    conflict = issues[1]
    for part in ("line 2", "line 3", "Borrowings", "Loans payable"):
        assert part in conflict.message


def test_lint_conflict_across_files_only_when_both_listed():
    house = parse("売上高\tRevenue\n", "house.tsv")
    default = parse("営業利益\tOperating profit\n売上高\tNet sales\n", "default.tsv")
    assert lint([house]) == [] and lint([default]) == []
    issues = lint([default, house])
    assert [(i.code, i.path, i.line) for i in issues] == [("conflict", "house.tsv", 1)]
    for part in ("default.tsv line 2", "line 1", "Net sales", "Revenue"):
        assert part in issues[0].message


def test_lint_shared_english():
    text = "売上高\tNet sales\n営業利益\tOperating profit\n純売上高\tnet sales\n"
    issues = lint([parse(text, "g.tsv")])
    assert [(i.code, i.line) for i in issues] == [("shared-english", 3)]
    assert "売上高" in issues[0].message and "純売上高" in issues[0].message and "line 1" in issues[0].message


def test_lint_whitespace():
    text = "売上高 \tNet sales\n営業利益\t Operating profit\n経常利益\tOrdinary profit\tOrdinary income \n純利益\tProfit\n"
    issues = lint([parse(text, "g.tsv")])
    assert [(i.code, i.line) for i in issues] == [("whitespace", 1), ("whitespace", 2), ("whitespace", 3)]
    assert "ja" in issues[0].message and "en" in issues[1].message and "en_variants" in issues[2].message


def test_lint_full_width_space_is_whitespace():
    assert _lint("売上高\u3000\tNet sales\n") == [("whitespace", 1, "g.tsv")]


def test_lint_order_is_by_path_then_line():
    b = parse("売上高\tNet sales\n売上高\tNet sales\n営業利益\n", "b.tsv")
    a = parse("経常利益\t\n", "a.tsv")
    issues = lint([b, a])
    assert [(i.path, i.line, i.code) for i in issues] == [
        ("a.tsv", 1, "empty-field"), ("b.tsv", 2, "duplicate"), ("b.tsv", 3, "malformed")]
    assert all(isinstance(i, LintIssue) for i in issues)


# ---------------------------------------------------------------------------- TBX

TRICKY = [
    Entry("売上高", "Net sales"),
    Entry("借入金", "Borrowings", ("Loans payable", "Debt"), "jppfs_cor:LoansPayable"),
    Entry("研究開発費", "R&D expenses", ("Research & development costs",), "A & B"),
    Entry("＜注記＞", "<Notes>", (), "less < than > greater"),
    Entry("“引用”", '"Quoted" label', ("'single'",), 'note with "quotes" and \'apostrophes\''),
    Entry("営業利益（△損失）", "Operating profit (loss)", ("Operating income (loss)",)),
    Entry("1株当たり当期純利益", "Basic earnings per share (Yen)", (), "円"),
    Entry("のれん", "Goodwill", ("Goodwill ", " spaced"), ""),
    Entry("]]>", "CDATA end ]]> here", (), "&amp; literally"),
    Entry("専用線接続サービス ⁽²⁾", "Dedicated access services", ("Leased-line access services", "DAS")),
]


def test_tbx_round_trip():
    assert from_tbx(to_tbx(TRICKY)) == TRICKY
    back = from_tbx(to_tbx(TRICKY))
    assert [e.variants for e in back] == [e.variants for e in TRICKY]
    assert [e.note for e in back] == [e.note for e in TRICKY]
    assert from_tbx(to_tbx([])) == []


def test_tbx_structure():
    root = ET.fromstring(to_tbx(TRICKY))
    assert root.tag == "martif" and root.get("type") == "TBX"
    assert root.find("martifHeader/fileDesc/sourceDesc/p").text == "taiyaku glossary"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(TRICKY)
    assert [e.get("id") for e in entries] == [f"e{i}" for i in range(1, 11)]
    second = entries[1]
    langs = second.findall("langSet")
    assert [ls.get(XML_LANG) for ls in langs] == ["ja", "en"]
    assert langs[0].find("tig/term").text == "借入金"
    en_tigs = langs[1].findall("tig")
    assert [t.find("term").text for t in en_tigs] == ["Borrowings", "Loans payable", "Debt"]
    assert [t.find("termNote").text for t in en_tigs] == [
        "preferredTerm-admn-sts", "admittedTerm-admn-sts", "admittedTerm-admn-sts"]
    assert all(t.find("termNote").get("type") == "administrativeStatus" for t in en_tigs)
    assert second.find("descrip").get("type") == "note"
    assert second.find("descrip").text == "jppfs_cor:LoansPayable"
    assert entries[0].find("descrip") is None  # no note, no descrip
    assert entries[0].find("langSet/tig/term").text == "売上高"


def test_from_tbx_other_tools_shapes():
    text = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
 <tbxHeader/>
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="ja-JP"><termSec><term>借入金</term></termSec>
                             <termSec><term>借り入れ金</term></termSec></langSec>
   <langSec xml:lang="en-US">
     <termSec><term>Loans payable</term>
       <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
     <termSec><term>Debt</term></termSec>
     <termSec><term>Borrowings</term>
       <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
  <conceptEntry id="c2"><langSec xml:lang="de"><termSec><term>Umsatz</term></termSec></langSec></conceptEntry>
 </body></text>
</tbx>"""
    assert from_tbx(text) == [
        Entry("借入金", "Borrowings", ("Debt",)),
        Entry("借り入れ金", "Borrowings", ("Debt",)),
    ]


@pytest.mark.parametrize(
    "garbage",
    ["", "not xml at all", "<martif><text><body>", "<html><body/></html>", "<martif type='TBX'/>",
     "\x00\x01"],
)
def test_from_tbx_garbage_is_inputerror(garbage):
    with pytest.raises(InputError) as info:
        from_tbx(garbage, "bad.tbx")
    assert "bad.tbx" in str(info.value) and "\n" not in str(info.value)


# ---------------------------------------------------------------------------- CSV


def test_csv_round_trip():
    assert from_csv(to_csv(TRICKY)) == TRICKY
    text = to_csv(TRICKY)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["ja", "en", "en_variants", "note"]
    assert rows[2] == ["借入金", "Borrowings", "Loans payable | Debt", "jppfs_cor:LoansPayable"]
    assert len(rows) == len(TRICKY) + 1


def test_from_csv_own_format_line_numbers_and_errors():
    text = "\ufeffja,en,en_variants,note\n売上高,Net sales,,\n\"複数\n行\",Multi,,\n営業利益,Operating profit\n"
    entries = from_csv(text, "x.csv")
    assert [(e.ja, e.line) for e in entries] == [("売上高", 2), ("複数\n行", 3), ("営業利益", 5)]
    with pytest.raises(InputError, match="line 2 has an empty en"):
        from_csv("ja,en\n売上高,\n", "x.csv")
    with pytest.raises(InputError, match="no Japanese and English label columns"):
        from_csv("a,b,c\n1,2,3\n", "x.csv")
    with pytest.raises(InputError, match="empty"):
        from_csv("", "x.csv")


EXTERNAL = [
    ("edinet_taxonomy_labels_2026/jpcrp_2025-11-01_labels_ja_en.csv",
     ["prefix", "element", "role", "label_ja", "label_en"],
     Entry("自己資本比率", "Equity-to-asset ratio", (), "jpcrp_cor:EquityToAssetRatioSummaryOfBusinessResults")),
    ("edinet_taxonomy_labels_2026/jpigp_2025-11-01_labels_ja_en.csv",
     ["prefix", "element", "role", "label_ja", "label_en"],
     Entry("売上収益", "Revenue", (), "jpigp_cor:RevenueIFRS")),
    ("tdnet_tse_ed_t_2014_labels/tse-ed-t_2014-01-12_labels_ja_en.csv",
     ["prefix", "element", "role", "label_ja", "label_en"],
     Entry("経常利益", "Ordinary profit", (), "tse-ed-t:OrdinaryIncome")),
    ("edinet_dict_jppfs_2021/edinet_dict_jppfs_jpigp_ja_en.csv",
     ["prefix", "element", "label_ja", "label_en", "source_commits"],
     Entry("賞与引当金", "Provision for bonuses", (), "jppfs_cor:ProvisionForBonuses")),
]


@pytest.mark.parametrize("name, header, known", EXTERNAL, ids=[e[0].split("/")[0] for e in EXTERNAL])
def test_from_csv_external_label_tables(external, name, header, known):
    path = external / name
    assert path.is_file(), f"{path} is missing"
    text = path.read_text(encoding="utf-8")
    assert next(csv.reader(io.StringIO(text))) == header
    entries = from_csv(text, str(path))
    assert len(entries) > 150
    assert all(e.ja.strip() and e.en.strip() for e in entries)
    assert all(e.note for e in entries)
    assert known in entries
    assert all(e.path == str(path) and e.line >= 2 for e in entries)
    # documentation rows (explanations, no English) are not labels
    assert not any(e.ja.endswith("用いる。") for e in entries)


def test_from_csv_edinet_code_list(external):
    path = external / "edinet_code_list_2026-10-05" / "EdinetcodeDlInfo_20261005.utf8.csv"
    entries = from_csv(path.read_text(encoding="utf-8"), str(path))
    assert len(entries) > 150
    assert Entry("カネコ種苗株式会社", "KANEKO SEEDS CO., LTD.", (), "E00004") in entries
    assert entries[0].line == 3  # line 1 is the FSA's title line, line 2 the header


def test_from_csv_translation_tool_glossary(external):
    """YakuLingo's house glossary as it is: '#' comments, the columns declared in a comment
    ('# Format: source_term,translated_term'), no header row, a quoted cell broken over two lines."""
    path = external / "yakulingo_glossary_2026" / "glossary.ja-en.csv"
    entries = from_csv(path.read_text(encoding="utf-8"), str(path))
    assert len(entries) > 250
    assert entries[0] == Entry("(中国KD除く)", "(excl. China KD)", (), "")
    assert entries[0].line == 3  # after the two comment lines
    assert Entry("(億円)", "(oku)", (), "") in entries
    # the wrapped cell is one label; no English keeps a line break
    assert Entry("限利/ﾐｯｸｽ他", "Mar. Profit/ Mix etc.", (), "") in entries
    assert not any("\n" in e.en or e.en.startswith("#") or e.ja.startswith("#") for e in entries)
    # every row is kept, the second rendering of a label included (the store decides conflicts)
    assert [e.en for e in entries if e.ja == "為替"] == ["FX", "FX Rate", "FX Rate", "FX"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("source_term,translated_term\n売上高,Net sales\n", Entry("売上高", "Net sales", (), "")),
        # an English-to-Japanese tool glossary: the Japanese side is found from the script
        ("source,target\nNet sales,売上高\nOperating profit,営業利益\n", Entry("売上高", "Net sales", (), "")),
        ("# exported\n# Format: source_term,translated_term\n売上高,Net sales\n", Entry("売上高", "Net sales", (), "")),
    ],
)
def test_from_csv_source_target_columns(text, expected):
    assert from_csv(text, "x.csv")[0] == expected


def test_from_csv_source_target_without_japanese_is_refused():
    with pytest.raises(InputError, match="source_term,translated_term"):
        from_csv("source,target\nsales,ventes\nprofit,bénéfice\n", "fr.csv")


def test_glossary_import_translation_tool_glossary(external, run_cli, tmp_path):
    """`glossary import` reads the YakuLingo file unedited; a label the file renders two ways is
    listed as refused (exit 1), never dropped silently; the glossary then loads and checks."""
    house = tmp_path / "house.ja-en.tsv"
    src = external / "yakulingo_glossary_2026" / "glossary.ja-en.csv"
    r = run_cli("glossary", "import", str(src), "--glossary", str(house))
    assert r.returncode == 1, r.stderr
    assert "refused: 為替 → FX Rate conflicts" in r.stderr
    assert "refused: 営業利益 → Fixed Cost conflicts" in r.stderr
    imported = int(r.stdout.split("imported ")[1].split(" ")[0])
    assert imported > 200
    text = house.read_text(encoding="utf-8")
    assert "(億円)\t(oku)" in text and "限利/ﾐｯｸｽ他\tMar. Profit/ Mix etc." in text
    lint = run_cli("glossary", "lint", str(house))
    assert "cannot read" not in lint.stderr


# ---------------------------------------------------------------------------- conflicts, problems of the layers


def test_conflicts_name_both_lines_and_the_winner():
    gf = parse("売上高\tNet sales\n# comment\n営業利益\tOperating income\n売上高\tRevenue\n", "house.tsv")
    assert conflicts(gf) == (
        Problem("house.tsv", 4, "売上高 → Revenue conflicts with line 1: 売上高 → Net sales "
                "(same Japanese, other English; line 4 wins)", kind="conflict"),
    )  # fmt: skip
    assert str(conflicts(gf)[0]).startswith("house.tsv:4: 売上高 → Revenue conflicts with line 1: ")


def test_conflicts_by_surface_key_and_not_for_the_same_english():
    # full-width digits and spacing meet on the surface key; the same English (any case) is no conflict
    gf = parse("１年内返済予定の長期借入金\tCurrent portion\n1年内 返済予定の長期借入金\tCurrent Portion\n"
               "減価償却費\tDepreciation\n減価償却費\tDepreciation and amortization\n", "g.tsv")  # fmt: skip
    assert [(p.line, p.kind) for p in conflicts(gf)] == [(4, "conflict")]
    assert "line 3: 減価償却費 → Depreciation" in conflicts(gf)[0].message


def test_bundled_glossaries_ship_clean():
    """The bundled files are not scanned by `check` (see glossary.lookup): they must ship clean.
    The default glossary has no malformed line and no conflicting duplicate; the generated base
    layer has no malformed line (its few same-key pairs with other English are kept on purpose:
    the base index accepts every rendering of a key, so none is silently lost)."""
    default = load(default_glossary_path())
    assert default.problems == () and conflicts(default) == ()
    for path in base_glossary_paths():
        assert load(path).problems == ()


def test_from_paths_reports_problems_of_the_user_files_only(tmp_path):
    bad = tmp_path / "house.tsv"
    bad.write_text("売上高\tNet sales\nno tab here\n売上高\tRevenue\n営業利益\t\n", encoding="utf-8")
    g = Glossary.from_paths([bad])
    assert [(p.path, p.line, p.kind) for p in g.problems] == [
        (str(bad), 2, "malformed"), (str(bad), 3, "conflict"), (str(bad), 4, "empty-field")]  # fmt: skip
    assert g.lookup("売上高").entry.en == "Revenue"  # the later line wins, as the warning says
    assert Glossary.from_paths([]).problems == ()
    assert Glossary.from_paths([bad], default=False).problems == g.problems


def test_strict_glossary_is_a_one_line_input_error(tmp_path):
    bad = tmp_path / "house.tsv"
    bad.write_text("売上高\tNet sales\nno tab here\n売上高\tRevenue\n", encoding="utf-8")
    api.load_glossary([bad])  # lenient: loads
    with pytest.raises(InputError) as e:
        api.load_glossary([bad], strict=True)
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(f"{bad}:2: expected at least 2 tab-separated fields")
    assert "and 1 more glossary problem(s)" in message and "strict-glossary" in message
    corpus = Path(__file__).resolve().parents[1] / "corpora" / "iij-2001-11-fy2001q2.ja-en.txt"
    with pytest.raises(InputError, match=r"house\.tsv:2: "):
        api.check(corpus, options=Options(glossaries=(str(bad),), strict_glossary=True))
    clean = tmp_path / "clean.tsv"
    clean.write_text("売上高\tNet sales\n", encoding="utf-8")
    assert api.load_glossary([clean], strict=True).problems == ()


def test_user_glossary_is_a_house_layer_when_it_exists(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    user = user_glossary_path()
    assert user == tmp_path / "data" / "taiyaku" / "house.ja-en.tsv"
    assert Glossary.from_paths([]).lookup("測定不能な勘定", fuzzy=False) is None  # absent: nothing loaded
    user.parent.mkdir(parents=True)
    user.write_text("測定不能な勘定\tUnmeasurable account\n売上高\tTurnover\nbroken\n", encoding="utf-8")
    g = Glossary.from_paths([])
    assert g.lookup("測定不能な勘定").entry.en == "Unmeasurable account"
    assert g.lookup("売上高").entry.en == "Turnover"  # over the default
    assert [(p.path, p.line) for p in g.problems] == [(str(user), 3)]
    house = tmp_path / "house.tsv"
    house.write_text("売上高\tNet revenue\n", encoding="utf-8")
    assert Glossary.from_paths([house]).lookup("売上高").entry.en == "Net revenue"  # --glossary over the user's
    assert len(Glossary.from_paths([user]).files) == 2  # named explicitly: loaded once
    assert Glossary.from_paths([], default=False).lookup("測定不能な勘定", fuzzy=False) is None


def test_user_glossary_relative_xdg_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_glossary_path() == tmp_path / ".local" / "share" / "taiyaku" / "house.ja-en.tsv"
