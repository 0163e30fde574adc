"""Subprocess tests of the real command line (`python -m taiyaku ...`) on the real corpora.

Line numbers are those of the corpus files as `cat -n` shows them; the files are read here with
split("\n"), independently of taiyaku's own reader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import taiyaku

FY2002Q4 = "corpora/iij-2003-05-fy2002q4.ja-en.txt"  # bilingual: JA lines 1-328, EN 329-818
FY2001Q2 = "corpora/iij-2001-11-fy2001q2.ja-en.txt"  # bilingual: JA lines 1-236, EN 237-637
EN_ONLY = "corpora/iij-2002-08-fy2002q1.en.txt"
JA_LAST = 328  # last line of the Japanese part of FY2002Q4

SEVERITIES = {"error", "warning", "info"}
FINDING_KEYS = {"code", "rule", "severity", "message", "ja", "en", "expected", "fingerprint", "problem"}
REPORT_KEYS = {"version", "inputs", "findings", "summary", "coverage",
               "problems", "problem_summary", "waived", "stale_waivers", "baseline"}  # fmt: skip
LOCATION_KEYS = {"path", "line", "page", "locator", "text", "context"}


# --- helpers ------------------------------------------------------------------------------


def lines_of(path: Path) -> list[str]:
    """The lines of a UTF-8 file, line N at index N-1 (the files may lack a final newline)."""
    return path.read_text(encoding="utf-8").split("\n")


def write_lines(path: Path, lines: list[str], final_newline: bool = True) -> Path:
    path.write_text("\n".join(lines) + ("\n" if final_newline else ""), encoding="utf-8")
    return path


def check_json(run_cli, *args):
    proc = run_cli("check", *args, "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc, json.loads(proc.stdout)


def loc(finding: dict, side: str, field: str):
    where = finding[side]
    return None if where is None else where[field]


def keys_with_lines(report: dict, en_offset: int = 0) -> list[tuple]:
    """(code, ja line, en line, ja text, en text) of each finding, sorted; en lines shifted."""
    out = []
    for f in report["findings"]:
        en_line = loc(f, "en", "line")
        out.append(
            (
                f["code"],
                loc(f, "ja", "line"),
                None if en_line is None else en_line + en_offset,
                loc(f, "ja", "text"),
                loc(f, "en", "text"),
            )
        )
    return sorted(out, key=repr)


def keys_without_lines(report: dict) -> list[tuple]:
    return sorted(((f["code"], loc(f, "ja", "text"), loc(f, "en", "text")) for f in report["findings"]), key=repr)


def find(report: dict, **where) -> list[dict]:
    """Findings whose ja/en fields match, e.g. find(r, ja_line=124, ja_text="5.9")."""
    out = []
    for f in report["findings"]:
        ok = True
        for key, want in where.items():
            side, field = key.split("_")
            if loc(f, side, field) != want:
                ok = False
        if ok:
            out.append(f)
    return out


def assert_input_error(proc, *must_mention: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr starting 'taiyaku: error:', no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[:500], proc.stderr)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    err_lines = proc.stderr.splitlines()
    assert len(err_lines) == 1, proc.stderr
    message = err_lines[0]
    assert message.startswith("taiyaku: error:"), message
    for word in must_mention:
        assert word in message, (word, message)
    return message


def normalised(text: str) -> str:
    """Help text with box drawing removed and whitespace collapsed (rich wraps it)."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.fixture(scope="module")
def fy2002q4(run_cli):
    """The JSON report of the 2003 corpus (one run, shared)."""
    proc, report = check_json(run_cli, FY2002Q4)
    return proc, report


@pytest.fixture(scope="module")
def fy2001q2(run_cli):
    """The JSON report of the 2001 corpus (one run, shared)."""
    return check_json(run_cli, FY2001Q2)


@pytest.fixture(scope="module")
def fy2002q4_lines(corpora) -> list[str]:
    lines = lines_of(corpora / "iij-2003-05-fy2002q4.ja-en.txt")
    assert len(lines) == 818
    return lines


# --- the JSON contract --------------------------------------------------------------------


def test_2003_corpus_exits_1_with_a_report_that_matches_the_contract(fy2002q4, fy2002q4_lines):
    proc, report = fy2002q4
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert set(report) == REPORT_KEYS
    assert report["version"] == 1
    assert report["inputs"] == [{"path": FY2002Q4, "lang": "ja+en", "format": "text"}]
    assert report["findings"], "the 2003 corpus has known errors"
    for f in report["findings"]:
        assert set(f) == FINDING_KEYS, f
        assert re.fullmatch(r"TQ\d{3}", f["code"]), f
        assert isinstance(f["rule"], str) and f["rule"], f
        assert isinstance(f["message"], str) and f["message"], f
        assert f["severity"] in SEVERITIES, f
        assert f["expected"] is None or isinstance(f["expected"], str), f
        assert f["ja"] is not None or f["en"] is not None, f
        for side in ("ja", "en"):
            where = f[side]
            if where is None:
                continue
            assert isinstance(where, dict) and set(where) == LOCATION_KEYS, f
            line = where["line"]
            assert type(line) is int and 1 <= line <= len(fy2002q4_lines), f
            assert where["path"] == FY2002Q4, f
            assert isinstance(where["text"], str) and isinstance(where["context"], str), f
            # each side points into its own language part of the file
            if side == "ja":
                assert line <= JA_LAST, f
            else:
                assert line > JA_LAST, f
    assert set(report["summary"]) == SEVERITIES
    counted = {s: sum(1 for f in report["findings"] if f["severity"] == s) for s in SEVERITIES}
    assert report["summary"] == counted
    assert report["summary"]["error"] >= 1


def test_sales_and_marketing_5_9_vs_6_0_is_an_error_at_the_right_lines(fy2002q4, fy2002q4_lines):
    _, report = fy2002q4
    hits = [f for f in find(report, ja_line=124, ja_text="5.9") if f["code"] == "TQ100"]
    assert len(hits) == 1, report["findings"]
    f = hits[0]
    assert f["severity"] == "error"
    assert f["en"]["text"] == "6.0"
    assert f["en"]["line"] == 615
    # The recomputed share says which side is wrong: 789,234 / 13,036,439 = 6.054%.
    assert f["expected"] == "6.05"
    assert "6.05% (789,234 / 13,036,439)" in f["message"]
    assert "the Japanese is not within rounding" in f["message"]
    assert "the English is within rounding" in f["message"]
    assert "so the English is right" in f["message"]
    # The Japanese figure is also wrong on its own terms (share of total), the English not.
    own = [g for g in report["findings"] if g["code"] == "TQ401"]
    assert any(g["ja"] and g["ja"]["line"] == 124 and g["expected"] == "6.05" for g in own)
    assert not any(g["en"] and g["en"]["line"] == 615 for g in own)
    ja_line = fy2002q4_lines[f["ja"]["line"] - 1]
    en_line = fy2002q4_lines[f["en"]["line"] - 1]
    assert ja_line.startswith("販売費\t") and "5.9" in ja_line.split("\t")
    assert en_line.startswith("Sales and marketing\t") and "6.0" in en_line.split("\t")


def test_every_figure_finding_points_at_a_line_holding_its_figure(fy2002q4, fy2002q4_lines):
    _, report = fy2002q4
    figure_findings = [f for f in report["findings"] if f["code"].startswith("TQ1")]
    assert figure_findings
    for f in figure_findings:
        for side in ("ja", "en"):
            if f[side] and f[side]["text"]:
                assert f[side]["text"] in fy2002q4_lines[f[side]["line"] - 1], f


def test_capex_1_519_vs_1519_is_not_an_error(fy2002q4, run_cli):
    _, report = fy2002q4
    capex = find(report, ja_line=92) + find(report, en_line=557)
    assert all(f["severity"] != "error" for f in capex), capex
    assert all(f["severity"] == "info" for f in capex), capex
    # ...and not because the row went unchecked: the two rows are aligned with each other.
    proc = run_cli("align", FY2002Q4, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = [r for t in json.loads(proc.stdout)["tables"] for r in t["rows"]]
    paired = [r for r in rows if r["ja"] and r["ja"]["line"] == 92]
    assert len(paired) == 1 and paired[0]["en"] is not None and paired[0]["en"]["line"] == 557


def test_2001_corpus_exits_0_without_numeric_mismatches(fy2001q2):
    proc, report = fy2001q2
    assert proc.returncode == 0
    assert report["summary"]["error"] == 0
    assert not [f for f in report["findings"] if f["code"] == "TQ100"]
    assert not [f for f in report["findings"] if f["severity"] == "error"]


# --- --fail-on ----------------------------------------------------------------------------


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_fail_on_with_errors_present_exits_1(run_cli, fail_on):
    proc = run_cli("check", FY2002Q4, "--format", "json", "--fail-on", fail_on)
    assert proc.returncode == 1


@pytest.fixture(scope="module")
def no_heading_file(tmp_path_factory, corpora) -> Path:
    """The 2001 corpus without the Japanese heading row 営業収益: (line 107 of Appendix 1): its
    English counterpart "Revenues:" is left unpaired, an info finding."""
    lines = lines_of(corpora / "iij-2001-11-fy2001q2.ja-en.txt")
    assert lines[106].split("\t")[0] == "営業収益:" and not "".join(lines[106].split("\t")[1:]).strip()
    assert lines[504].startswith("Revenues:\t")  # its English counterpart, line 505
    del lines[106]
    return write_lines(tmp_path_factory.mktemp("failon") / "no-heading.txt", lines, final_newline=False)


def test_a_missing_heading_row_adds_one_info_finding(run_cli, no_heading_file, fy2001q2):
    _, original = fy2001q2
    proc, report = check_json(run_cli, no_heading_file)
    assert proc.returncode == 0
    expected = dict(original["summary"], info=original["summary"]["info"] + 1)
    assert report["summary"] == expected
    # the English heading (line 505 of the corpus, now 504) is reported without a Japanese side
    hits = find(report, en_text="Revenues:")
    assert len(hits) == 1 and hits[0]["ja"] is None and hits[0]["severity"] == "info"
    assert hits[0]["en"]["line"] == 504
    assert lines_of(no_heading_file)[503].startswith("Revenues:\t")


@pytest.mark.parametrize(("fail_on", "code"), [(None, 0), ("error", 0), ("warning", 0), ("info", 1)])
def test_fail_on_threshold_with_only_info_findings(run_cli, no_heading_file, fail_on, code):
    # --select keeps the report to the unpaired-row rule, whose finding here is info only
    args = ["check", no_heading_file, "--select", "row-unpaired", "--format", "json"]
    proc = run_cli(*args, *(["--fail-on", fail_on] if fail_on else []))
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["findings"] and {f["severity"] for f in report["findings"]} == {"info"}
    assert proc.returncode == code


RANK = {"info": 0, "warning": 1, "error": 2}


@pytest.mark.parametrize("which", ["2003", "2001", "2001-without-heading"])
def test_exit_code_follows_the_worst_finding_and_the_threshold(run_cli, no_heading_file, which):
    path = {"2003": FY2002Q4, "2001": FY2001Q2, "2001-without-heading": no_heading_file}[which]
    proc, report = check_json(run_cli, path)
    worst = max((RANK[f["severity"]] for f in report["findings"]), default=-1)
    assert proc.returncode == (1 if worst >= RANK["error"] else 0)  # default: --fail-on error
    for fail_on, rank in RANK.items():
        gated = run_cli("check", path, "--fail-on", fail_on)
        assert gated.returncode == (1 if worst >= rank else 0), (fail_on, report["summary"])


# --- two files ----------------------------------------------------------------------------


@pytest.fixture()
def two_files(tmp_path, fy2002q4_lines) -> tuple[Path, Path]:
    ja = write_lines(tmp_path / "ja.txt", fy2002q4_lines[:JA_LAST])
    en = write_lines(tmp_path / "en.txt", fy2002q4_lines[JA_LAST:], final_newline=False)
    return ja, en


def test_two_file_mode_gives_the_same_findings_with_per_file_lines(run_cli, fy2002q4, two_files):
    _, one = fy2002q4
    ja, en = two_files
    proc, two = check_json(run_cli, ja, en)
    assert proc.returncode == 1
    assert two["inputs"] == [{"path": str(ja), "lang": "ja", "format": "text"}, {"path": str(en), "lang": "en", "format": "text"}]
    assert keys_without_lines(two) == keys_without_lines(one)
    # Japanese lines are unchanged; English lines are now counted from the English file's start
    assert keys_with_lines(two, en_offset=JA_LAST) == keys_with_lines(one)
    for f in two["findings"]:
        if f["ja"]:
            assert f["ja"]["path"] == str(ja)
        if f["en"]:
            assert f["en"]["path"] == str(en)
    hit = find(two, ja_text="5.9", en_text="6.0")
    assert len(hit) == 1
    assert hit[0]["ja"]["line"] == 124
    assert hit[0]["en"]["line"] == 615 - JA_LAST == 287
    assert "6.0" in lines_of(en)[287 - 1].split("\t")
    assert "5.9" in lines_of(ja)[124 - 1].split("\t")


def test_one_file_with_english_first_gives_the_same_findings(run_cli, tmp_path, fy2002q4, fy2002q4_lines):
    _, one = fy2002q4
    swapped = write_lines(tmp_path / "en-ja.txt", fy2002q4_lines[JA_LAST:] + fy2002q4_lines[:JA_LAST])
    proc, report = check_json(run_cli, swapped)
    assert proc.returncode == 1
    assert report["inputs"] == [{"path": str(swapped), "lang": "ja+en", "format": "text"}]
    en_len = len(fy2002q4_lines) - JA_LAST  # 490: the English part is now lines 1-490
    moved = sorted(
        (
            (c, None if j is None else j + en_len, None if e is None else e - JA_LAST, jt, et)
            for c, j, e, jt, et in keys_with_lines(one)
        ),
        key=repr,
    )
    assert keys_with_lines(report) == moved


# --- inputs that cannot be checked ---------------------------------------------------------


def _missing(tmp_path, lines):
    return [tmp_path / "no-such-file.txt"], [str(tmp_path / "no-such-file.txt")]


def _directory(tmp_path, lines):
    d = tmp_path / "a-directory"
    d.mkdir()
    return [d], ["directory"]


def _png(tmp_path, lines):
    p = tmp_path / "picture.txt"
    p.write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
        b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    return [p], [str(p)]


def _empty(tmp_path, lines):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    return [p], [str(p), "empty"]


def _utf16(tmp_path, lines):
    p = tmp_path / "utf16.txt"
    p.write_bytes("\n".join(lines).encode("utf-16"))
    return [p], [str(p), "UTF-16"]


def _swapped(tmp_path, lines):
    ja = write_lines(tmp_path / "ja.txt", lines[:JA_LAST])
    en = write_lines(tmp_path / "en.txt", lines[JA_LAST:])
    return [en, ja], [str(en), "Japanese"]  # the first file should be the Japanese one


@pytest.mark.parametrize(
    "make",
    [_missing, _directory, _png, _empty, _utf16, _swapped],
    ids=lambda f: f.__name__.strip("_"),
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_input_that_cannot_be_checked_exits_2_with_one_line(run_cli, tmp_path, fy2002q4_lines, make, fmt):
    args, mentions = make(tmp_path, fy2002q4_lines)
    proc = run_cli("check", *args, "--format", fmt)
    assert_input_error(proc, *mentions)


def test_align_on_input_that_cannot_be_checked_exits_2_with_one_line(run_cli):
    assert_input_error(run_cli("align", EN_ONLY), "Japanese")


# --- encodings ----------------------------------------------------------------------------

# Characters of the 2003 corpus that neither CP932 nor EUC-JP can encode, and what stands in for
# each: the superscript footnote marks ⁽²⁾ and the en dash in "64kbps – 128kbps". None of them
# occurs in a figure, so the replacement cannot change which figures are compared.
NOT_IN_JIS = {"⁽": "(", "⁾": ")", "¹": "1", "²": "2", "³": "3", "⁴": "4", "–": "-"}


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-8-sig", "utf-8 crlf"])
def test_other_encodings_give_the_same_findings(run_cli, tmp_path, corpora, fy2002q4, encoding):
    _, utf8_report = fy2002q4
    text = (corpora / "iij-2003-05-fy2002q4.ja-en.txt").read_text(encoding="utf-8")
    if encoding in ("cp932", "euc_jp"):
        unencodable = set()
        for ch in set(text):
            try:
                ch.encode(encoding)
            except UnicodeEncodeError:
                unencodable.add(ch)
        assert unencodable and unencodable <= set(NOT_IN_JIS), unencodable
        for f in utf8_report["findings"]:
            for side in ("ja", "en"):
                if f[side]:
                    assert not set(f[side]["text"]) & unencodable, f
        text = "".join(NOT_IN_JIS.get(ch, ch) for ch in text)
        data = text.encode(encoding)  # strict: everything else encodes
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # so the reader really has to detect the encoding
    elif encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
    else:
        data = text.replace("\n", "\r\n").encode("utf-8")
    assert data.count(b"\n") == text.count("\n")  # same line numbers
    p = tmp_path / "corpus.txt"
    p.write_bytes(data)
    proc, report = check_json(run_cli, p)
    assert proc.returncode == 1
    assert keys_with_lines(report) == keys_with_lines(utf8_report)


# --- text report and colour ---------------------------------------------------------------


def test_text_report_shows_the_mismatch_lines_and_a_summary(run_cli, fy2002q4):
    _, report = fy2002q4
    proc = run_cli("check", FY2002Q4, "--format", "text", "--no-color")
    assert proc.returncode == 1
    out = proc.stdout
    for s in ("5.9", "6.0", "124", "615"):
        assert s in out
    lines = out.splitlines()
    assert any("124" in x and "5.9" in x for x in lines)
    assert any("615" in x and "6.0" in x for x in lines)
    summary = [x for x in lines if re.search(r"\d+ error.*\d+ warning.*\d+ info", x)]
    assert len(summary) == 1, out[-500:]
    counts = [int(n) for n in re.findall(r"\d+", summary[0])]
    s, ps = report["summary"], report["problem_summary"]
    # findings by severity, then the problems they make, by severity
    assert counts == [s["error"], s["warning"], s["info"], sum(ps.values()), ps["error"], ps["warning"], ps["info"]]
    assert ps["error"] < s["error"]  # a TQ100 and the TQ401 of its Japanese cell are one problem
    assert lines[-1] == f"fails: {ps['error']} problem(s) ({s['error']} finding(s)) at or above error (exit 1)"


def test_no_color_has_no_escape_sequences(run_cli):
    plain = run_cli("check", FY2002Q4, "--no-color")
    assert plain.returncode == 1
    assert "\x1b" not in plain.stdout
    assert "5.9" in plain.stdout
    # ...while --color does colour, so the flag is what made the difference
    coloured = run_cli("check", FY2002Q4, "--color")
    assert coloured.returncode == 1
    assert "\x1b[" in coloured.stdout


def test_text_report_to_a_pipe_is_not_coloured_by_default(run_cli):
    proc = run_cli("check", FY2002Q4)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout and "6.0" in proc.stdout


# --- --output -----------------------------------------------------------------------------


def test_output_writes_the_json_report_to_the_file_only(run_cli, tmp_path, fy2002q4):
    _, report = fy2002q4
    target = tmp_path / "report.json"
    proc = run_cli("check", FY2002Q4, "--format", "json", "--output", target)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left


def test_output_into_a_missing_directory_exits_2(run_cli, tmp_path):
    target = tmp_path / "no" / "such" / "report.json"
    proc = run_cli("check", FY2002Q4, "--format", "json", "-o", target)
    assert_input_error(proc)
    assert not target.exists()


# --- align --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def align_2001(run_cli) -> dict:
    proc = run_cli("align", FY2001Q2, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_align_json_shape(align_2001):
    assert align_2001["tables"]
    for tp in align_2001["tables"]:
        assert {"ja", "en", "score", "evidence", "columns", "rows"} <= set(tp), tp.keys()
        assert tp["ja"] is not None or tp["en"] is not None
        assert isinstance(tp["score"], (int, float))
        assert isinstance(tp["evidence"], list) and all(isinstance(e, str) for e in tp["evidence"])
        for pair in tp["columns"] + tp["rows"]:
            assert {"ja", "en", "score", "evidence"} <= set(pair), pair
            assert pair["ja"] is not None or pair["en"] is not None


def test_align_pairs_every_japanese_data_row_of_2001(align_2001, corpora):
    pairs = [r for tp in align_2001["tables"] for r in tp["rows"]]
    unpaired = [r for r in pairs if r["ja"] is not None and r["ja"]["kind"] == "data" and r["en"] is None]
    assert unpaired == []
    assert all(tp["ja"] is None or tp["en"] is not None for tp in align_2001["tables"])
    # ...and every Japanese table line with a label and a figure is among the paired data rows
    lines = lines_of(corpora / "iij-2001-11-fy2001q2.ja-en.txt")
    expected = {
        no
        for no, text in enumerate(lines[:236], 1)
        if "\t" in text
        and text.split("\t")[0].strip()
        and any(re.search(r"\d", c) for c in text.split("\t")[1:])
    }
    paired = {r["ja"]["line"] for r in pairs if r["ja"] and r["ja"]["kind"] == "data" and r["en"]}
    assert len(expected) > 100
    assert paired == expected


def test_align_text_prints_each_table_pair_and_its_row_pairs(run_cli):
    proc = run_cli("align", FY2002Q4, "--format", "json")
    assert proc.returncode == 0
    alignment = json.loads(proc.stdout)
    text = run_cli("align", FY2002Q4, "--no-color")
    assert text.returncode == 0
    out = text.stdout.splitlines()
    assert "\x1b" not in text.stdout
    for tp in alignment["tables"]:
        sides = [tp[s]["caption"] or f"table at line {tp[s]['first_line']}" for s in ("ja", "en") if tp[s]]
        assert any(all(s in x for s in sides) for x in out), sides
        for r in tp["rows"]:
            if r["ja"] and r["en"]:
                a = f"{r['ja']['line']} {r['ja']['label']}"
                b = f"{r['en']['line']} {r['en']['label']}"
                assert any(a in x and b in x for x in out), (a, b)
    assert any("124 販売費" in x and "615 Sales and marketing" in x for x in out)


# --- rules, help, version, options ---------------------------------------------------------


def test_rules_lists_the_codes(run_cli):
    proc = run_cli("rules")
    assert proc.returncode == 0
    codes = {line.split()[0] for line in proc.stdout.splitlines() if line.strip()}
    wanted = {f"TQ10{i}" for i in range(5)} | {f"TQ20{i}" for i in range(3)}
    assert wanted <= codes, codes


def _mentions_exit_codes(help_text: str) -> bool:
    t = normalised(help_text)
    return bool(re.search(r"exit (status|code)", t, re.I)) and bool(
        re.search(r"\b2\b[^.]*could not be checked", t)
    ) and bool(re.search(r"\b1\b", t)) and bool(re.search(r"\b0\b", t))


def test_check_help_mentions_the_exit_codes(run_cli):
    proc = run_cli("check", "--help")
    assert proc.returncode == 0
    assert "--fail-on" in proc.stdout
    assert _mentions_exit_codes(proc.stdout), proc.stdout


def test_top_level_help_mentions_the_exit_codes(run_cli):
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "check" in proc.stdout and "align" in proc.stdout and "rules" in proc.stdout
    assert _mentions_exit_codes(proc.stdout), proc.stdout


def test_top_level_help_exits_0_and_lists_the_commands(run_cli):
    for flag in ("--help", "-h"):
        proc = run_cli(flag)
        assert proc.returncode == 0
        for command in ("check", "align", "rules"):
            assert command in proc.stdout


def test_version(run_cli):
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"taiyaku {taiyaku.__version__}"
    assert re.fullmatch(r"taiyaku \d+\.\d+(\.\d+)?\S*", proc.stdout.strip())


def test_rules_shows_named_rules_in_full(run_cli):
    listing = run_cli("rules")
    assert listing.returncode == 0 and "TQ305  prose-shared-rendering" in listing.stdout
    proc = run_cli("rules", "TQ305", "prose-term-variation")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("TQ303 prose-term-variation (default severity: info)\n")
    assert "TQ305 prose-shared-rendering (default severity: warning)" in out
    assert "Names every line." in out and "TQ100" not in out
    bad = run_cli("rules", "TQ999")
    assert_input_error(bad, "TQ999")


@pytest.mark.parametrize("text", ["\n\n   \n", "1234\n\t5\n"])
def test_a_file_of_blank_lines_or_figures_only_is_named_so(run_cli, tmp_path, text):
    path = tmp_path / "blank.txt"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("check", path)
    assert_input_error(proc, "no Japanese or English text found")
    assert "English only" not in proc.stderr


def test_unknown_rule_in_select_exits_2(run_cli):
    proc = run_cli("check", FY2002Q4, "--select", "XYZ")
    assert_input_error(proc, "XYZ")


@pytest.mark.parametrize("rule", ["TQ100", "numeric-mismatch"])
def test_select_limits_findings_to_that_rule(run_cli, fy2002q4, rule):
    _, full = fy2002q4
    proc, report = check_json(run_cli, FY2002Q4, "--select", rule)
    assert proc.returncode == 1
    assert report["findings"]
    assert {f["code"] for f in report["findings"]} == {"TQ100"}
    assert keys_with_lines(report) == sorted(
        (k for k in keys_with_lines(full) if k[0] == "TQ100"), key=repr
    )


def test_select_takes_a_comma_separated_list(run_cli, fy2002q4):
    _, full = fy2002q4
    proc, report = check_json(run_cli, FY2002Q4, "--select", "TQ100, TQ103")
    assert proc.returncode == 1
    assert {f["code"] for f in report["findings"]} == {"TQ100", "TQ103"}
    assert keys_with_lines(report) == sorted(
        (k for k in keys_with_lines(full) if k[0] in ("TQ100", "TQ103")), key=repr
    )
    proc = run_cli("check", FY2002Q4, "--select", "TQ100,XYZ")
    assert_input_error(proc, "XYZ")


def test_select_of_an_info_rule_passes_the_default_gate(run_cli):
    proc, report = check_json(run_cli, FY2002Q4, "--select", "TQ103")
    assert proc.returncode == 0
    assert report["findings"] and {f["severity"] for f in report["findings"]} == {"info"}


def test_unknown_format_is_a_usage_error_without_traceback(run_cli):
    proc = run_cli("check", FY2002Q4, "--format", "xml")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert "xml" in proc.stderr


# --- glossary problems --------------------------------------------------------------------


def test_check_names_glossary_problems_and_strict_glossary_fails(run_cli, tmp_path):
    """A malformed or conflicting house-glossary line is named on stderr (file:line) and the run
    goes on as without it; --strict-glossary (or strict-glossary = true) makes it an error."""
    bad = write_lines(tmp_path / "house.tsv", ["売上高\tNet sales", "", "broken line", "売上高\tRevenue"])
    plain = run_cli("check", FY2001Q2, "--format", "json")
    r = run_cli("check", FY2001Q2, "--format", "json", "--glossary", bad)
    assert r.returncode == plain.returncode, r.stderr
    assert r.stderr.splitlines() == [
        f"taiyaku: warning: {bad}:3: expected at least 2 tab-separated fields (ja, en), found 1",
        f"taiyaku: warning: {bad}:4: 売上高 → Revenue conflicts with line 1: 売上高 → Net sales "
        "(same Japanese, other English; line 4 wins)",
    ]
    assert plain.stderr == ""  # the bundled glossaries are not reported
    r = run_cli("check", FY2001Q2, "--glossary", bad, "--strict-glossary")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [
        f"taiyaku: error: {bad}:3: expected at least 2 tab-separated fields (ja, en), found 1 (and 1 more "
        f"glossary problem(s): taiyaku glossary lint {bad}); strict-glossary is on"
    ]
    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()
    (work / "taiyaku.toml").write_text('glossaries = ["../house.tsv"]\nstrict-glossary = true\n', encoding="utf-8")
    corpus = Path(taiyaku.__file__).resolve().parents[2] / FY2001Q2
    r = run_cli("check", corpus, cwd=work)
    assert r.returncode == 2 and r.stderr.startswith("taiyaku: error: ../house.tsv:3: ")
    r = run_cli("check", corpus, "--no-strict-glossary", "--format", "json", cwd=work)
    assert r.returncode == plain.returncode and r.stderr.startswith("taiyaku: warning: ../house.tsv:3: ")
    r = run_cli("config", cwd=work)
    assert re.search(r"^strict-glossary +true +taiyaku\.toml:2$", r.stdout, re.M), r.stdout
