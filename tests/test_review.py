"""Problems, fingerprints and waivers, on the real corpora and the acceptance fixtures.

- Problems: the findings with one root cause are one problem (a Japanese cell wrong against
  the English, TQ100, and against its own arithmetic, TQ401 / TQ403; a prose figure wrong
  against the English, TQ500, and against its table, TQ510), in the JSON and the text report.
- Fingerprints: stable when the documents change elsewhere (a line inserted above, the file
  renamed, the two languages given as two files), different when the figure changes.
- Waivers: a baseline accepts findings on purpose; the gate passes; waived findings are kept
  apart, stale waivers named; `taiyaku baseline create / update` keep reasons, drop the stale.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from taiyaku import api, waivers
from taiyaku.errors import InputError
from taiyaku.fingerprint import fingerprint, unplaced
from taiyaku.model import Severity, Waiver
from taiyaku.options import Options

REPO = Path(__file__).resolve().parents[1]
FY2002Q4 = REPO / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt"  # JA lines 1-328, EN 329-818
FY2001Q2 = REPO / "corpora" / "iij-2001-11-fy2001q2.ja-en.txt"
TANSHIN = REPO / "tests" / "fixtures" / "tanshin"


@pytest.fixture(scope="module")
def report_2003():
    return api.check(FY2002Q4)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def copy_with(tmp: Path, name: str, edit=None) -> Path:
    """The 2003 corpus copied into `tmp` as `name`, its lines passed through `edit`."""
    lines = lines_of(FY2002Q4)
    if edit is not None:
        lines = edit(list(lines))
    out = tmp / name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def fix_sales_share(lines: list[str]) -> list[str]:
    """Line 124 (販売費): the Japanese share 5.9 corrected to the English 6.0 (789,234 / 13,036,439
    = 6.05%, shown 6.0 to keep the column footing)."""
    assert lines[123].split("\t")[3] == "5.9"
    cells = lines[123].split("\t")
    cells[3] = "6.0"
    lines[123] = "\t".join(cells)
    return lines


# --- problems -----------------------------------------------------------------------------------


def test_the_2003_corpus_has_22_errors_in_12_problems(report_2003):
    assert report_2003.summary == {"error": 22, "warning": 6, "info": 67}
    assert report_2003.problem_summary == {"error": 12, "warning": 5, "info": 59}
    assert sum(len(p.findings) for p in report_2003.problems) == len(report_2003.findings) == 95
    assert [p.id for p in report_2003.problems] == list(range(1, 77))


def test_a_cell_wrong_against_the_english_and_its_own_total_is_one_problem(report_2003):
    (p,) = [p for p in report_2003.problems if p.primary.ja and p.primary.ja.line == 124 and p.primary.code == "TQ100"]
    # the TQ100 says which side is wrong, so it comes first; the TQ401 of the same Japanese
    # cell and the TQ404 of the English cell (a rounding adjustment) are related
    assert [f.code for f in p.findings] == ["TQ100", "TQ401", "TQ404"]
    assert {f.ja.text for f in p.findings if f.ja} == {"5.9"}
    assert p.findings[2].en is not None and p.findings[2].en.line == 615 and p.findings[2].en.text == "6.0"
    assert p.severity is Severity.ERROR and not p.is_waived


def test_a_prose_figure_wrong_against_the_english_and_its_table_is_one_problem(report_2003):
    prose = [p for p in report_2003.problems if p.primary.code == "TQ500"]
    assert [(p.primary.ja.text, [f.code for f in p.findings]) for p in prose] == [
        ("53.0%", ["TQ500", "TQ510"]), ("32.0%", ["TQ500", "TQ510"])]  # fmt: skip
    # the English-only TQ510 (5.5% where the table gives 18.6%) shares nothing: a problem alone
    alone = [p for p in report_2003.problems if p.primary.code == "TQ510"]
    assert len(alone) == 1 and alone[0].primary.en.text == "5.5%" and len(alone[0].findings) == 1


def test_one_label_seen_by_two_rules_is_one_problem(report_2003):
    (p,) = [p for p in report_2003.problems if "TQ300" in p.codes]
    assert p.codes == ("TQ300", "TQ301") and p.primary.en.text == "Cost of other equipment sales"


def test_different_cells_on_one_line_are_different_problems(report_2003):
    # line 113 holds two wrong Japanese figures (USD 7,887 and share 7.3): two problems
    line113 = [p for p in report_2003.problems if p.primary.ja and p.primary.ja.line == 113 and p.severity.rank == 2]
    assert sorted(p.primary.ja.text for p in line113) == ["7,887", "7.3"]


def test_the_json_links_findings_and_problems(run_cli):
    proc = run_cli("check", FY2002Q4, "--format", "json")
    report = json.loads(proc.stdout)
    by_fp = {f["fingerprint"]: f for f in report["findings"]}
    assert len(by_fp) == len(report["findings"])  # fingerprints are unique in a run
    for p in report["problems"]:
        assert p["status"] == "open" and p["waived"] == []
        members = [by_fp[fp] for fp in p["findings"]]
        assert {m["problem"] for m in members} == {p["id"]}
        assert members[0]["code"] == p["code"] and members[0]["message"] == p["message"]
        assert p["severity"] == max((m["severity"] for m in members), key=["info", "warning", "error"].index)
    assert sum(len(p["findings"]) for p in report["problems"]) == len(report["findings"])
    assert report["problem_summary"] == {"error": 12, "warning": 5, "info": 59}
    assert report["summary"] == {"error": 22, "warning": 6, "info": 67}  # unchanged: counts of findings
    assert report["waived"] == [] and report["stale_waivers"] == [] and report["baseline"] is None


def test_the_text_report_shows_related_findings_under_their_problem(run_cli):
    out = run_cli("check", FY2002Q4, "--no-color").stdout.splitlines()
    head = next(i for i, x in enumerate(out) if "TQ100 numeric-mismatch  Japanese 5.9 vs English 6.0" in x)
    block = out[head:head + 6]
    assert block[1].strip().startswith("ja line 124") and block[2].strip().startswith("en line 615")
    assert block[4].startswith("    + ERROR   TQ401 share-of-total  5.9 (販売費")
    assert block[5].startswith("    + INFO    TQ404 rounding-adjustment  rounding adjustment: 6.0")


# --- fingerprints -------------------------------------------------------------------------------


def test_fingerprints_leave_out_positions():
    assert unplaced("Adjusted EBITDA | 表 5. その他 line 91") == "Adjusted EBITDA | 表 5. その他 line"
    assert unplaced("lines 393-395") == "line"
    assert unplaced("p.4 l.12 to p.5 l.3") == "p. to p."
    assert unplaced("Sheet1!C12 table 2 row 5 cell 3") == "Sheet1!cell cell"
    assert unplaced("ＩＰ　サービス") == "IP サービス"


def fingerprints(report) -> list[str]:
    return sorted(f.fingerprint for f in report.findings)


def test_fingerprints_survive_an_edit_elsewhere_and_a_new_file_name(tmp_path, report_2003):
    # three lines inserted at the top of the Japanese part: every line number moves
    moved = copy_with(tmp_path, "renamed-release.txt", lambda ls: ["", "（参考訳）", "", *ls])
    report = api.check(moved)
    assert [f.ja.line for f in report.findings if f.ja][:3] != [f.ja.line for f in report_2003.findings if f.ja][:3]
    assert fingerprints(report) == fingerprints(report_2003)


def test_fingerprints_are_the_same_when_the_languages_come_as_two_files(tmp_path, report_2003):
    lines = lines_of(FY2002Q4)
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text("\n".join(lines[:328]), encoding="utf-8")
    en.write_text("\n".join(lines[328:]), encoding="utf-8")
    assert fingerprints(api.check(ja, en)) == fingerprints(report_2003)


def test_a_changed_figure_changes_the_fingerprint(tmp_path, report_2003):
    fixed = api.check(copy_with(tmp_path, "fixed.txt", fix_sales_share))
    gone = set(fingerprints(report_2003)) - set(fingerprints(fixed))
    assert sorted(g.split("-")[0] for g in gone) == ["TQ100", "TQ401"]


def test_a_fingerprint_is_made_of_the_rule_the_sides_and_what_they_point_at(report_2003):
    f = next(f for f in report_2003.findings if f.code == "TQ100" and f.ja.line == 124)
    assert f.fingerprint == fingerprint(f) and f.fingerprint.startswith("TQ100-") and len(f.fingerprint) == 22
    import dataclasses

    assert fingerprint(dataclasses.replace(f, message="reworded", group="moved")) == f.fingerprint
    moved = dataclasses.replace(f, ja=dataclasses.replace(f.ja, line=999, locator="p.3 l.2", page=3, path="x.pdf"))
    assert fingerprint(moved) == f.fingerprint
    assert fingerprint(dataclasses.replace(f, ja=dataclasses.replace(f.ja, text="5.8"))) != f.fingerprint
    assert fingerprint(dataclasses.replace(f, code="TQ401")) != f.fingerprint


# --- waivers: the library ------------------------------------------------------------------------


def waiver(fp: str, reason: str = "ok", code: str | None = None) -> Waiver:
    return Waiver(fp, reason, "kaori", "2026-03-01T09:30:00Z", code or fp.split("-")[0])


def test_apply_splits_open_waived_and_stale(report_2003):
    findings = report_2003.findings
    errors = [f for f in findings if f.severity is Severity.ERROR]
    ws = [waiver(f.fingerprint) for f in errors[:3]] + [waiver("TQ100-0000000000000000")]
    open_, waived, stale = waivers.apply(findings, ws)
    assert len(open_) == len(findings) - 3 and [w.finding for w in waived] == errors[:3]
    assert [w.fingerprint for w in stale] == ["TQ100-0000000000000000"]
    # a waiver of a rule that did not run is neither used nor stale
    _, waived, stale = waivers.apply(findings, ws, ran=["TQ401"])
    assert waived == () and stale == ()


def test_a_waiver_of_one_of_two_alike_findings_follows_the_one_left(report_2003):
    f = report_2003.findings[0]
    import dataclasses

    first, second = dataclasses.replace(f, fingerprint=f.fingerprint), dataclasses.replace(f, fingerprint=f.fingerprint + "-2")
    # the baseline accepted the second one; the first was fixed, so the second is now the only one
    open_, waived, stale = waivers.apply([first], [waiver(second.fingerprint)])
    assert open_ == () and len(waived) == 1 and stale == ()


def test_baselines_round_trip_in_toml_and_json(tmp_path):
    tricky = Waiver("TQ100-0123456789abcdef", 'a "quoted"\\ reason\nover two lines\x7f and 百万円', "佐藤",
                    "2026-03-01T09:30:00Z", "TQ100", "numeric-mismatch", "Japanese 5.9 vs English 6.0",
                    "line 124: 5.9 (販売費 | 2003年3月期 | 対営業収益 %)", "")  # fmt: skip
    for name in ("b.toml", "b.json"):
        waivers.save(tmp_path / name, [tricky])
        assert waivers.load(tmp_path / name).waivers == (tricky,)
    text = (tmp_path / "b.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["waiver"][0]["reason"] == tricky.reason
    assert "\x7f" not in text and "佐藤" in text  # DEL escaped, Japanese as is
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize(("text", "says"), [
    ("version = 2\n", "expected version = 1"),
    ("version = 1\n[[waiver]]\nfingerprint = \"TQ100-x\"\n", "waiver 1 has no reason"),
    ("version = 1\n[[waiver]]\nfingerprint = \"TQ100-x\"\nreason = \"r\"\nreasons = \"typo\"\n", "unknown key 'reasons'"),
    ("version = 1\nwaivers = 3\n", "unknown key 'waivers'"),
    ("version = [\n", "not valid TOML"),
])  # fmt: skip
def test_a_bad_baseline_is_one_line_naming_the_file(tmp_path, text, says):
    path = tmp_path / "base.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=says) as e:
        waivers.load(path)
    assert str(path) in str(e.value) and "\n" not in str(e.value)


# --- waivers: the command line, on the corpus ----------------------------------------------------


def test_create_then_check_passes_on_purpose(run_cli, tmp_path):
    base = tmp_path / "taiyaku-baseline.toml"
    made = run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "the appendix is typeset from the "
                   "old draft; corrected in the printed version", "--who", "kaori")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"accepted 22 finding(s) in 12 problem(s) at or above error into {base}"
    data = tomllib.loads(base.read_text(encoding="utf-8"))
    assert len(data["waiver"]) == 22 and {w["who"] for w in data["waiver"]} == {"kaori"}
    assert all(w["when"].endswith("Z") and w["reason"].startswith("the appendix") for w in data["waiver"])
    plain = run_cli("check", FY2002Q4, "--format", "json")
    gated = run_cli("check", FY2002Q4, "--format", "json", "--baseline", base)
    assert plain.returncode == 1 and gated.returncode == 0, gated.stderr
    before, after = json.loads(plain.stdout), json.loads(gated.stdout)
    assert after["summary"] == {"error": 0, "warning": 6, "info": 67}
    assert len(after["waived"]) == 22 and after["stale_waivers"] == [] and after["baseline"] == str(base)
    # waived findings are kept apart, whole, with their waiver; nothing is dropped
    kept = {f["fingerprint"] for f in after["findings"]} | {w["fingerprint"] for w in after["waived"]}
    assert kept == {f["fingerprint"] for f in before["findings"]}
    w = after["waived"][0]
    assert w["severity"] == "error" and w["waiver"]["who"] == "kaori" and w["waiver"]["fingerprint"] == w["fingerprint"]
    waived_problems = [p for p in after["problems"] if p["status"] == "waived"]
    assert len(waived_problems) == 4  # the 8 with an open TQ404 stay open (as info)
    # --fail-on info still fails on the open information
    assert run_cli("check", FY2002Q4, "--baseline", base, "--fail-on", "info").returncode == 1
    text = run_cli("check", FY2002Q4, "--baseline", base, "--no-color").stdout.splitlines()
    assert text[-2] == f"waived: 22 finding(s) by {base}"
    assert text[-1] == "passes: nothing open at or above error; 22 waived finding(s) at or above it (exit 0)"


def test_create_refuses_to_overwrite_and_wants_a_reason(run_cli, tmp_path):
    base = tmp_path / "b.toml"
    base.write_text("version = 1\n", encoding="utf-8")
    again = run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "x")
    assert again.returncode == 2 and "exists" in again.stderr and base.read_text(encoding="utf-8") == "version = 1\n"
    no_reason = run_cli("baseline", "create", FY2002Q4, "-o", tmp_path / "c.toml")
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    forced = run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "x", "--force", "--fail-on", "warning")
    assert forced.returncode == 0 and "accepted 28 finding(s)" in forced.stdout


def test_an_edit_elsewhere_keeps_the_gate_passing(run_cli, tmp_path):
    base = tmp_path / "base.json"  # a JSON baseline works the same
    assert run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "accepted").returncode == 0
    moved = copy_with(tmp_path, "v2.txt", lambda ls: ["", "（参考訳）", "", *ls])
    proc = run_cli("check", moved, "--baseline", base, "--format", "json")
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert len(report["waived"]) == 22 and report["stale_waivers"] == []


def test_a_fixed_finding_leaves_a_stale_waiver_and_update_drops_it(run_cli, tmp_path):
    base = tmp_path / "base.toml"
    assert run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "accepted", "--who", "kaori").returncode == 0
    fixed = copy_with(tmp_path, "fixed.txt", fix_sales_share)
    proc = run_cli("check", fixed, "--baseline", base, "--format", "json")
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert sorted(w["code"] for w in report["stale_waivers"]) == ["TQ100", "TQ401"]
    assert all(w["ja"].startswith("line 124: 5.9") for w in report["stale_waivers"])
    text = run_cli("check", fixed, "--baseline", base, "--no-color").stdout
    assert "stale waivers: no finding matches them any more" in text and "2 stale waiver(s)" in text
    # a stale waiver is reported, not a failure
    assert run_cli("check", fixed, "--baseline", base).returncode == 0

    # the reasons of the waivers still matching are kept; the two stale ones dropped
    before = waivers.load(base).waivers
    upd = run_cli("baseline", "update", fixed, "-o", base)
    assert upd.returncode == 0, upd.stderr
    assert upd.stdout.count("dropped stale waiver") == 2
    assert upd.stdout.splitlines()[-1] == f"{base}: kept 20, dropped 2 stale, added 0; 0 open finding(s) at or above error not accepted"
    after = waivers.load(base).waivers
    assert [w.reason for w in after] == ["accepted"] * 20 and {w.who for w in after} == {"kaori"}
    assert {w.when for w in after} == {w.when for w in before}
    assert set(after) < set(before)
    again = json.loads(run_cli("check", fixed, "--baseline", base, "--format", "json").stdout)
    assert again["stale_waivers"] == [] and len(again["waived"]) == 20


def test_update_adds_new_findings_only_when_told(run_cli, tmp_path):
    base = tmp_path / "base.toml"
    assert run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "first", "--select", "TQ100").returncode == 0
    assert len(waivers.load(base).waivers) == 8
    # without --add, the new TQ401 errors stay open (and the gate fails on them)
    upd = run_cli("baseline", "update", FY2002Q4, "-o", base)
    assert upd.returncode == 0 and "kept 8, dropped 0 stale, added 0; 14 open finding(s)" in upd.stdout
    assert run_cli("check", FY2002Q4, "--baseline", base).returncode == 1
    assert run_cli("baseline", "update", FY2002Q4, "-o", base, "--add").returncode == 2  # --add needs --reason
    add = run_cli("baseline", "update", FY2002Q4, "-o", base, "--add", "--reason", "second", "--who", "ken")
    assert add.returncode == 0 and "kept 8, dropped 0 stale, added 14" in add.stdout
    ws = waivers.load(base).waivers
    assert [w.reason for w in ws] == ["first"] * 8 + ["second"] * 14
    assert run_cli("check", FY2002Q4, "--baseline", base).returncode == 0


def test_waivers_of_rules_not_run_are_not_stale(run_cli, tmp_path):
    base = tmp_path / "base.toml"
    assert run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "r").returncode == 0
    proc = run_cli("check", FY2002Q4, "--baseline", base, "--select", "TQ100", "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["stale_waivers"] == [] and len(report["waived"]) == 8


def test_a_missing_or_broken_baseline_exits_2(run_cli, tmp_path):
    missing = run_cli("check", FY2002Q4, "--baseline", tmp_path / "none.toml")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.strip() == (f"taiyaku: error: baseline {tmp_path / 'none.toml'} not found (create it with: "
                                      f"taiyaku baseline create FILE -o {tmp_path / 'none.toml'})")  # fmt: skip
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[[waiver]]\nfingerprint = "TQ100-1"\nreason = ""\n', encoding="utf-8")
    proc = run_cli("check", FY2002Q4, "--baseline", bad)
    assert proc.returncode == 2 and "waiver 1 has no reason" in proc.stderr and "Traceback" not in proc.stderr


def test_a_baseline_accepts_the_planted_error_of_the_tanshin_fixture(run_cli, tmp_path):
    ja, en = TANSHIN / "errors" / "ja.txt", TANSHIN / "errors" / "en.txt"
    base = tmp_path / "b.toml"
    assert run_cli("check", ja, en).returncode == 1
    assert run_cli("baseline", "create", ja, en, "-o", base, "--reason", "planted").returncode == 0
    assert run_cli("check", ja, en, "--baseline", base).returncode == 0
    # the correct pair has none of those findings: every waiver is stale there
    report = json.loads(run_cli("check", TANSHIN / "correct" / "ja.txt", TANSHIN / "correct" / "en.txt",
                                "--baseline", base, "--format", "json").stdout)  # fmt: skip
    assert len(report["stale_waivers"]) == len(waivers.load(base).waivers) and report["waived"] == []


def test_the_api_applies_a_baseline_given_in_options(tmp_path, report_2003):
    base = tmp_path / "b.toml"
    errors = [f for f in report_2003.findings if f.severity is Severity.ERROR]
    waivers.save(base, [waivers.waiver_for(f, "r", "w", "t") for f in errors])
    report = api.check(FY2002Q4, options=Options(baseline=str(base)))
    assert not report.fails() and len(report.waived) == 22 and report.baseline == str(base)
    assert report.fails(Severity.INFO)
