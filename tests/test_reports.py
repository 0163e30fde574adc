"""The reports people and CI read, on the corpora and the fixtures: html (in headless
Chromium), xlsx (and its answers read back), sarif (against the official 2.1.0 schema), junit.

The HTML page is loaded in Debian's `chromium` over the DevTools protocol (tests/chromium.py):
it renders, its screenshot is not blank, the problem count it shows is the JSON's, the filters
hide and show problems, and a <script> planted in a row label, a caption, a prose line and the
file name does not run and shows as text.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from chromium import Browser
from taiyaku.checks.run import all_rules

REPO = Path(__file__).resolve().parents[1]
FY2002Q4 = REPO / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt"
FY2001Q2 = REPO / "corpora" / "iij-2001-11-fy2001q2.ja-en.txt"
EN_ONLY = REPO / "corpora" / "iij-2002-08-fy2002q1.en.txt"
PDF = REPO / "tests" / "fixtures" / "pdf"
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-2.1.0" / "sarif-schema-2.1.0.json"

PWN = "document.body.dataset.pwned"
SCRIPT = f"<scr<script>ipt>{PWN}='label'</scr</script>ipt>"  # the tag stripping of labels leaves a <script>


def check(run_cli, *args, code: int = 1):
    proc = run_cli("check", *args)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture(scope="module")
def out(tmp_path_factory, run_cli):
    """The 2003 corpus's reports, written in one run, and its JSON."""
    d = tmp_path_factory.mktemp("reports")
    check(run_cli, FY2002Q4, "-o", d / "r.json", "-o", d / "r.html", "-o", d / "r.xlsx", "-o", d / "r.sarif",
          "-o", d / "r.junit.xml")  # fmt: skip
    return d


@pytest.fixture(scope="module")
def report(out):
    return json.loads((out / "r.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def planted(tmp_path_factory, run_cli):
    """The 2003 corpus with markup planted where document strings reach the page: a row label
    (line 124, the row of a problem), an English caption, a prose line with a problem (21), and
    the file's name. Returns (html path, json report)."""
    d = tmp_path_factory.mktemp("planted")
    lines = (FY2002Q4).read_text(encoding="utf-8").split("\n")
    assert lines[123].startswith("販売費\t")
    lines[123] = lines[123].replace("販売費", "販売費" + SCRIPT, 1)
    lines[20] += f'<img src=x onerror="{PWN}=\'img\'">'
    caption = next(i for i, x in enumerate(lines) if x.startswith("CONSOLIDATED BALANCE SHEETS"))
    lines[caption] += f"<scr<script>ipt>{PWN}='caption'</scr</script>ipt>"
    src = d / f"release <img src=x onerror={PWN}='path'>.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    check(run_cli, src, "-o", d / "planted.html", "-o", d / "planted.json")
    return d / "planted.html", json.loads((d / "planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


# --- html: the page itself -----------------------------------------------------------------------------


def test_the_html_page_is_self_contained(out):
    page = (out / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # no external asset, no network: no src / href / url() but page anchors, one style, one script
    assert not re.findall(r'\b(?:src|href)="(?!#)', page)
    assert "url(" not in page and "@import" not in page and "<link" not in page and "<iframe" not in page
    assert page.count("<script>") == 1 and page.count("<style>") == 1
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp


def test_the_html_page_shows_every_problem_linked_to_its_cells(out, report):
    page = (out / "r.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<li class="problem ', page)) == len(report["problems"]) == 76
    assert f'<span id="problem-count">{sum(report["problem_summary"].values())}</span>' in page
    # problem #10 (TQ100 5.9 / 6.0 on lines 124 / 615) links to both cells, which link back to it
    p = next(p for p in report["problems"] if p["code"] == "TQ100" and "5.9 vs English 6.0" in p["message"])
    item = re.search(rf'<li class="problem error" id="p{p["id"]}".*?</li>', page, re.S).group(0)
    assert '<a href="#ja-124-2">ja line 124</a>' in item and '<a href="#en-615-2">en line 615</a>' in item
    assert re.search(rf'<td id="ja-124-2" class="num hit error" data-problems="p{p["id"]}"[^>]*>5\.9</td>', page)
    assert re.search(r'<td id="en-615-2" class="num hit error" data-problems="p\d+"[^>]*>6\.0</td>', page)
    # prose figures marked, those of a problem highlighted
    assert re.search(r'<mark id="ja-21-s\d+-m\d+" class="fig hit error" data-problems="p1"[^>]*>53\.0%</mark>', page)
    assert '<mark class="fig">459百万円</mark>' in page
    # the coverage block
    assert '<section id="coverage">' in page and '<span id="paired-tables">10</span>' in page


def test_html_escapes_every_document_string(planted):
    path, report = planted
    page = path.read_text(encoding="utf-8")
    # our script and nothing else; the planted markup is text
    assert page.count("<script") == 1 and "<img" not in page
    assert "販売費&lt;script&gt;document.body.dataset.pwned=&#x27;label&#x27;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    assert any("<script>" in (f["ja"] or {}).get("context", "") for f in report["findings"])  # it reached the report


# --- html: in Chromium ------------------------------------------------------------------------------------


def test_the_page_renders_in_chromium_and_counts_the_jsons_problems(browser, out, report):
    page = browser.open(out / "r.html")
    assert page.eval("document.title") == f"taiyaku check: {FY2002Q4}"
    assert page.eval("document.getElementById('problem-count').textContent") == str(sum(report["problem_summary"].values()))
    assert page.eval("document.querySelectorAll('li.problem').length") == len(report["problems"])
    assert page.eval("document.querySelectorAll('li.problem:not([hidden])').length") == 76
    assert page.eval("document.getElementById('shown-count').textContent") == "76"
    # every problem links to where it stands, and every link leads to an element of the page
    assert page.eval("[...document.querySelectorAll('li.problem')].every(li => li.querySelector('.where a'))")
    assert page.eval("[...document.querySelectorAll('#problems a')].every(a => document.getElementById("
                     "a.getAttribute('href').slice(1)))")  # fmt: skip
    # a period named wrong in a title: both title lines highlighted; an English-only table: its heading
    assert page.eval("document.getElementById('ja-149-title').className") == "title hit error"
    assert page.eval("document.getElementById('en-642-title').className") == "title hit error"
    assert page.eval("document.querySelectorAll('section.pair > h3.hit.info').length") == 3
    # the cells of the problems are highlighted, as many as the page marks
    assert page.eval("document.querySelectorAll('.hit.error').length") >= 12
    assert page.eval("getComputedStyle(document.getElementById('ja-124-2')).backgroundColor") == "rgb(253, 231, 231)"


def test_the_screenshot_is_not_blank(browser, out):
    from PIL import Image

    png = browser.open(out / "r.html").screenshot(1280, 900)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1280, 900)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, badges, borders: not one flat colour
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert white < 0.97 * 1280 * 900
    # the red of the error badges and borders is on screen
    assert any(n > 50 and c[0] > 150 and c[1] < 90 and c[2] < 90 for n, c in colours)


def test_the_filters_hide_problems_by_severity_and_rule(browser, out, report):
    page = browser.open(out / "r.html")
    by_sev = {s: sum(1 for p in report["problems"] if p["severity"] == s) for s in ("error", "warning", "info")}

    def shown() -> int:
        n = page.eval("document.querySelectorAll('li.problem:not([hidden])').length")
        assert page.eval("document.getElementById('shown-count').textContent") == str(n)
        return n

    (plug,) = [f["problem"] for f in report["findings"] if f["code"] == "TQ404" and (f["ja"] or {}).get("line") == 112]
    cell = f"document.querySelector('td[data-problems~=\"p{plug}\"]')"
    assert page.eval(f"{cell}.classList.contains('info')") is True
    page.eval("document.querySelector('input[data-filter=\"sev:info\"]').click()")
    assert shown() == by_sev["error"] + by_sev["warning"]
    # a hidden problem's cells lose their highlight (here a rounding adjustment, information)
    assert page.eval(f"{cell}.classList.contains('info')") is False
    page.eval("document.querySelector('input[data-filter=\"sev:warning\"]').click()")
    assert shown() == by_sev["error"] == 12
    page.eval("document.querySelector('input[data-filter=\"rule:TQ100\"]').click()")
    # problems with a TQ100 still show through their other rules (TQ401 / TQ403); only the
    # prose and period ones and those are left
    with_other = sum(1 for p in report["problems"] if p["severity"] == "error"
                     and any(not fp.startswith("TQ100") for fp in p["findings"]))  # fmt: skip
    assert shown() == with_other
    for code in ("TQ401", "TQ403", "TQ404"):
        page.eval(f"document.querySelector('input[data-filter=\"rule:{code}\"]').click()")
    assert shown() == 4  # two TQ500 (with TQ510), the English-only TQ510, the TQ600
    page.eval("document.querySelectorAll('#filters input').forEach(b => { if (!b.checked && "
              "b.dataset.filter !== 'only-problems') b.click(); })")  # fmt: skip
    assert shown() == 76


def test_a_planted_script_does_not_run(browser, planted):
    path, report = planted
    page = browser.open(path)
    assert page.eval(f"{PWN} === undefined")
    assert page.eval("document.scripts.length") == 1 and page.eval("document.images.length") == 0
    # the markup shows as what the document says
    assert "<script>" in page.eval("document.getElementById('ja-124-label').textContent")
    assert "<img src=x onerror=" in page.eval("document.title")
    assert page.eval("document.getElementById('problem-count').textContent") == str(sum(report["problem_summary"].values()))
    assert page.eval("document.querySelectorAll('li.problem').length") == len(report["problems"])


def test_a_one_language_document_renders_its_tables_alone(browser, run_cli, tmp_path):
    html = tmp_path / "q1.html"
    check(run_cli, EN_ONLY, "-o", html, "-o", tmp_path / "q1.json", code=0)
    report = json.loads((tmp_path / "q1.json").read_text(encoding="utf-8"))
    page = browser.open(html)
    assert page.eval("document.querySelectorAll('section.pair').length") == report["coverage"]["en"]["tables"]
    assert page.eval("document.querySelectorAll('li.problem').length") == len(report["problems"]) == 19
    assert page.eval("document.querySelectorAll('.hit').length") >= 19


# --- xlsx ---------------------------------------------------------------------------------------------------


def test_the_review_sheet_has_one_row_per_problem(out, report):
    wb = openpyxl.load_workbook(out / "r.xlsx")
    ws = wb["Problems"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Problem", "Severity", "Code", "Rule", "Message"]
    assert {"Japanese", "Japanese text", "English", "English text", "Expected", "Status", "Reviewer note",
            "Fingerprints"} <= set(header)  # fmt: skip
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:Q{len(report['problems']) + 1}"
    assert ws.column_dimensions["E"].width == 70 and ws["E2"].alignment.wrap_text
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report["problems"])
    col = {h: i for i, h in enumerate(header)}
    for row, p in zip(rows, report["problems"]):
        assert row[col["Problem"]] == p["id"] and row[col["Severity"]] == p["severity"] and row[col["Code"]] == p["code"]
        assert row[col["Fingerprints"]].split("\n") == p["findings"] and row[col["Status"]] == "open"
    ten = next(r for r in rows if r[col["Code"]] == "TQ100" and r[col["Japanese text"]] == "5.9")
    assert (ten[col["Japanese"]], ten[col["English"]], ten[col["English text"]], ten[col["Expected"]]) == (
        "line 124", "line 615", "6.0", "6.05")  # fmt: skip
    assert "TQ401 share-of-total" in ten[col["Related findings"]]
    dv = ws.data_validations.dataValidation[0]
    assert str(dv.sqref) == f"N2:N{len(rows) + 1}" and "accepted" in dv.formula1
    assert "taiyaku baseline import" in "\n".join(str(c.value) for c in wb["About"]["B"] if c.value)


def test_review_answers_become_waivers_and_the_gate_passes(run_cli, out, tmp_path):
    """A reviewer accepts every error problem in the sheet; `baseline import` turns the rows
    into waivers (every finding of an accepted problem: its 22 errors and the 8 rounding
    adjustments related to them); the check then passes, the note the waivers' reason."""
    wb = openpyxl.load_workbook(out / "r.xlsx")
    ws = wb["Problems"]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    accepted = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["Severity"]).value == "error":
            ws.cell(r, col["Status"]).value = "accepted"
            ws.cell(r, col["Reviewer note"]).value = "checked against the audited statements"
            ws.cell(r, col["Reviewer"]).value = "田中 (CFO office)"
            accepted += 1
    # a row marked accepted without a note is refused, not imported
    info_row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Severity"]).value == "info")
    ws.cell(info_row, col["Status"]).value = "accepted"
    answered = tmp_path / "answered.xlsx"
    wb.save(answered)
    base = tmp_path / "base.toml"
    proc = run_cli("baseline", "import", answered, "-o", base)
    assert proc.returncode == 1 and f"row {info_row}" in proc.stderr and "without a reviewer note" in proc.stderr
    assert proc.stdout.strip() == (f"imported 30 waiver(s) from {accepted + 1} accepted row(s) of {answered} into "
                                   f"{base}; 0 already there; 1 row(s) refused")  # fmt: skip
    gated = json.loads(check(run_cli, FY2002Q4, "--baseline", base, "-f", "json", code=0).stdout)
    assert len(gated["waived"]) == 30 and gated["summary"] == {"error": 0, "warning": 6, "info": 59}
    assert {w["waiver"]["who"] for w in gated["waived"]} == {"田中 (CFO office)"}
    assert {w["waiver"]["reason"] for w in gated["waived"]} == {"checked against the audited statements"}
    # the sheet of the gated run lists those problems as accepted, with their reason
    sheet = tmp_path / "again.xlsx"
    check(run_cli, FY2002Q4, "--baseline", base, "-o", sheet, code=0)
    rows = list(openpyxl.load_workbook(sheet)["Problems"].iter_rows(min_row=2, values_only=True))
    done = [r for r in rows if r[col["Status"] - 1] == "accepted"]
    assert len(done) == 12 and {r[col["Reviewer note"] - 1] for r in done} == {"checked against the audited statements"}
    # importing it again adds nothing; --reason answers the refused row
    again = run_cli("baseline", "import", answered, "-o", base, "--reason", "plug accepted")
    assert again.returncode == 0 and "imported 1 waiver(s)" in again.stdout and "30 already there" in again.stdout


def test_a_file_that_is_not_a_review_sheet_exits_2(run_cli, tmp_path):
    proc = run_cli("baseline", "import", FY2002Q4, "-o", tmp_path / "b.toml")
    assert proc.returncode == 2 and "not an XLSX review sheet" in proc.stderr and "Traceback" not in proc.stderr
    other = REPO / "tests" / "fixtures" / "office" / "tanshin.ja.xlsx"
    proc = run_cli("baseline", "import", other, "-o", tmp_path / "b.toml")
    assert proc.returncode == 2 and "not a taiyaku review sheet" in proc.stderr
    assert not (tmp_path / "b.toml").exists()


# --- sarif --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator():
    text = SARIF_SCHEMA.read_bytes()
    provenance = (SARIF_SCHEMA.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(text).hexdigest() in provenance  # the vendored copy is the one its provenance names
    schema = json.loads(text)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def valid(validator, data) -> dict:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return data


def test_sarif_is_valid_and_carries_every_finding(validator, out, report):
    data = valid(validator, json.loads((out / "r.sarif").read_text(encoding="utf-8")))
    (run,) = data["runs"]
    assert data["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "taiyaku"
    rules = run["tool"]["driver"]["rules"]
    codes = sorted({rule.code for rule in all_rules()})
    assert [r["id"] for r in rules] == codes and len(codes) >= 27
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules}["TQ404"] == "note"
    results = run["results"]
    assert len(results) == len(report["findings"])
    level = {"error": "error", "warning": "warning", "info": "note"}
    for res, f in zip(results, report["findings"]):
        assert res["ruleId"] == f["code"] and rules[res["ruleIndex"]]["id"] == f["code"]
        assert res["level"] == level[f["severity"]]
        assert res["partialFingerprints"]["taiyakuFingerprint/v1"] == f["fingerprint"]
        assert res["properties"]["problem"] == f["problem"]
        primary = f["ja"] or f["en"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "corpora/iij-2003-05-fy2002q4.ja-en.txt", "uriBaseId": "SRCROOT"}
        assert loc["region"]["startLine"] == primary["line"]
        if f["ja"] and f["en"]:
            assert res["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == f["en"]["line"]
    assert run["invocations"][0]["exitCode"] == 1 and run["invocations"][0]["executionSuccessful"] is True
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == REPO.as_uri() + "/"


def test_sarif_marks_waived_findings_suppressed_and_names_stale_waivers(validator, run_cli, tmp_path):
    base = tmp_path / "b.toml"
    assert run_cli("baseline", "create", FY2002Q4, "-o", base, "--reason", "accepted", "--who", "kaori").returncode == 0
    lines = FY2002Q4.read_text(encoding="utf-8").split("\n")
    lines[123] = lines[123].replace("\t5.9\t", "\t6.0\t", 1)  # the Japanese share corrected: two waivers go stale
    fixed = tmp_path / "fixed.txt"
    fixed.write_text("\n".join(lines), encoding="utf-8")
    check(run_cli, fixed, "--baseline", base, "-o", tmp_path / "r.sarif", code=0)
    (run,) = valid(validator, json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8")))["runs"]
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert len(suppressed) == 20
    assert suppressed[0]["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "accepted",
                                              "properties": suppressed[0]["suppressions"][0]["properties"]}]  # fmt: skip
    assert suppressed[0]["suppressions"][0]["properties"]["who"] == "kaori"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 2 and all(n["level"] == "warning" and "stale waiver" in n["message"]["text"] for n in notes)
    assert run["invocations"][0]["exitCode"] == 0
    # the artifact is outside the working directory: an absolute file URI
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == fixed.as_uri()


def test_sarif_of_pdfs_names_pages(validator, run_cli, tmp_path):
    check(run_cli, PDF / "tanshin_ja.pdf", PDF / "tanshin_en_error.pdf", "-o", tmp_path / "r.sarif", "-o",
          tmp_path / "r.json")  # fmt: skip
    (run,) = valid(validator, json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8")))["runs"]
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    (err,) = [r for r in run["results"] if r["level"] == "error"]
    (want,) = [f for f in report["findings"] if f["severity"] == "error"]
    loc = err["locations"][0]["physicalLocation"]
    assert "region" not in loc and loc["artifactLocation"]["uri"] == "tests/fixtures/pdf/tanshin_ja.pdf"
    assert loc["properties"] == {"page": want["ja"]["page"], "lineOnPage": want["ja"]["line"],
                                 "locator": want["ja"]["locator"]}  # fmt: skip
    assert want["ja"]["locator"] in err["message"]["text"]


def test_sarif_of_a_run_that_checked_nothing_is_valid(validator, run_cli, tmp_path):
    empty = tmp_path / "ja.txt"
    empty.write_text("決算短信\n\n本文のみ。\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("Summary\n\nText only.\n", encoding="utf-8")
    proc = run_cli("check", empty, en, "-o", tmp_path / "r.sarif", "-o", tmp_path / "r.xml")
    assert proc.returncode == 2
    (run,) = valid(validator, json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8")))["runs"]
    assert run["invocations"][0]["executionSuccessful"] is False and run["invocations"][0]["exitCode"] == 2
    suites = ET.parse(tmp_path / "r.xml").getroot()
    assert suites.get("errors") == "1" and suites.find(".//testcase[@name='document']/error") is not None


# --- junit ----------------------------------------------------------------------------------------------


def test_junit_has_a_case_per_table_pair_and_prose_pair(out, report):
    root = ET.parse(out / "r.junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root}
    assert set(suites) == {"tables", "prose", "document"}
    tables = suites["tables"].findall("testcase")
    assert len(tables) == 13  # 10 pairs and 3 English-only tables
    assert {t.get("name") for t in tables} >= {"表 1. 契約数 ↔ Table 1. Number of Contracts"}
    prose = [c.get("name") for c in suites["prose"].findall("testcase")]
    assert "ja line 21 ↔ en line 352" in prose and "en line 525 (not paired)" in prose
    cases = root.findall(".//testcase")
    assert int(root.get("tests")) == len(cases)
    failing = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("failures")) == len(failing) == 4
    # every error is a failure of its case, every other finding in its output
    text = "\n".join((c.find("failure").text or "") for c in failing)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert all(f["fingerprint"] in text for f in errors)
    assert sum((c.find("failure").text or "").count("ERROR TQ") for c in failing) == len(errors) == 22
    out_text = "\n".join((c.findtext("system-out") or "") for c in cases)
    assert all(f["fingerprint"] in out_text for f in report["findings"] if f["severity"] != "error")
    appendix = next(c for c in tables if c.get("name").startswith("四半期連結損益計算書(米国会計基準未監査) — Appendix 1 ↔"))
    failure = appendix.find("failure")
    assert failure.get("type") == "TQ100 TQ401 TQ403" and appendix.get("line") == "98"
    assert failure.get("message").startswith("10 finding(s) in 5 problem(s): TQ100 Japanese 7,887 vs English 7,888")
    # the findings of a problem together: the TQ100 of line 124, then the TQ401 of its cell
    p10 = [x for x in failure.text.split("\n") if "[problem 10," in x]
    assert [x.split()[1] for x in p10] == ["TQ100", "TQ401"]
    props = {p.get("name"): int(p.get("value")) for p in suites["document"].find("properties")}
    assert props == {**{f"findings.{k}": v for k, v in report["summary"].items()},
                     **{f"problems.{k}": v for k, v in report["problem_summary"].items()},
                     "waived": 0, "stale_waivers": 0, "exit": 1}  # fmt: skip


def test_junit_with_a_baseline_has_no_failure(run_cli, tmp_path):
    base = tmp_path / "b.toml"
    assert run_cli("baseline", "create", FY2001Q2, "-o", base, "--reason", "r", "--fail-on", "warning").returncode == 0
    proc = check(run_cli, FY2001Q2, "--baseline", base, "-f", "junit", "--fail-on", "warning", code=0)
    root = ET.fromstring(proc.stdout)
    assert root.get("failures") == "0"
    assert "WAIVED WARNING TQ504" in "\n".join(c.findtext("system-out") or "" for c in root.iter("testcase"))


# --- the terminal ----------------------------------------------------------------------------------------


def test_a_terminal_sees_the_stages_and_where_the_reports_went(repo_root, tmp_path):
    """With standard error a terminal (a pseudo-terminal here) and every report in a file, the
    stages show while the check runs and the text report's last lines follow."""
    import os
    import pty
    import select
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TAIYAKU_DEBUG")}
    env.update(PYTHONPATH=str(repo_root / "src"), PYTHONIOENCODING="utf-8")
    target = tmp_path / "r.json"
    proc = subprocess.Popen([sys.executable, "-m", "taiyaku", "check", FY2002Q4, "-o", target], cwd=repo_root,
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)  # fmt: skip
    os.close(slave)
    seen = b""
    while select.select([master], [], [], 60)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 1 and proc.stdout.read() == b""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8"))
    assert "taiyaku: starting" in text or "taiyaku: reading" in text  # the stage display
    lines = [x.strip() for x in text.replace("\r", "\n").split("\n") if x.strip()]
    # the golden text report's last three lines (its counts, what was read, the verdict)
    golden = (REPO / "tests" / "golden" / "iij-2003-05-fy2002q4.ja-en.txt").read_text(encoding="utf-8")
    tail = [x.strip() for x in golden.splitlines() if x.strip()][-3:]
    assert tail[0].startswith("22 error(s), ") and tail[2].startswith("fails: ")
    assert lines[-4:] == [*tail, f"reports: json → {target}"]
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["error"] == 22


def test_problems_on_words_are_marked_and_linked_in_the_html(tmp_path, run_cli):
    """A date (TQ601), a term (TQ303) and a name (TQ304) are no figures: the page marks the
    words where each stands, in the prose, and the problem links to them."""
    ja = tmp_path / "ja.txt"
    en = tmp_path / "en.txt"
    ja.write_text("株式会社サンプル\n沿革\n当社グループは1961年4月に設立され、資本金は50億円です。\n"
                  "当社グループは引き続き事業の拡大に努めてまいります。\n", encoding="utf-8")  # fmt: skip
    en.write_text("Sample Industries Co., Ltd.\nHistory\nThe Group was established in April 1916 with share capital of "
                  "JPY 5 billion.\nOur company group will continue to expand. Yuuki Tanaka and Yuki Tanaka agree.\n",
                  encoding="utf-8")  # fmt: skip
    proc = run_cli("check", ja, en, "--no-config", "-o", tmp_path / "r.html", "-o", tmp_path / "r.json")
    assert proc.returncode == 1, proc.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {"TQ601", "TQ303", "TQ304"} <= {f["code"] for f in report["findings"]}
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for item in re.findall(r'<li class="problem .*?</li>', page, re.S):
        assert re.search(r'<div class="where">.*?<a href="#', item, re.S), item[:200]
    for words in ("April 1916", "Our company group", "Yuki Tanaka"):
        assert re.search(rf'<mark id="[^"]+" class="fig hit[^"]*" data-problems="p\d+[^"]*"[^>]*>{words}</mark>', page), words
