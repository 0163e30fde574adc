"""Settings in the repository: taiyaku.toml or pyproject.toml [tool.taiyaku], found upward from
the working directory; every key mapped onto Options; flags over the file; `taiyaku config`
saying where each setting came from; unknown keys and bad values refused naming key and file;
repeated --format / --output paired as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taiyaku.config import ConfigError, find, key_lines, pair_reports, resolve
from taiyaku.model import Convention, ReportTarget, Severity

REPO = Path(__file__).resolve().parents[1]
FY2002Q4 = REPO / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt"
HOUSE = "売上高\tNet sales\t\thouse style\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository root (.git) with a sub-folder to run from."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs" / "q4").mkdir(parents=True)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- finding the file ------------------------------------------------------------------------------


def test_the_config_is_found_upward_and_not_above_the_repository(project, tmp_path_factory):
    below = project / "docs" / "q4"
    assert find(below) is None
    write(project / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.taiyaku]: passed over
    assert find(below) is None
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.taiyaku]\nfail-on = "warning"\n')
    assert find(below) == (project / "pyproject.toml").resolve()
    write(project / "docs" / "taiyaku.toml", 'fail-on = "info"\n')  # nearer wins
    assert find(below) == (project / "docs" / "taiyaku.toml").resolve()
    write(below / ".taiyaku.toml", "")
    assert find(below) == (below / ".taiyaku.toml").resolve()
    # a config above the repository's root is not this repository's
    outer = tmp_path_factory.mktemp("outer")
    write(outer / "taiyaku.toml", 'fail-on = "info"\n')
    (outer / "repo" / ".git").mkdir(parents=True)
    assert find(outer / "repo") is None


def test_key_lines_name_where_each_setting_is_written():
    lines = ['[project]', 'name = "x"', '', '[tool.taiyaku]', 'select = ["TQ100"]', '"fail-on" = "warning"',
             '', '[tool.taiyaku.severity]', 'TQ404 = "warning"', '[tool.ruff]', 'select = ["E"]']  # fmt: skip
    assert key_lines(lines, pyproject=True) == {"select": 5, "fail-on": 6, "severity": 8, "severity.TQ404": 9}
    assert key_lines(['ignore = ["TQ404"]', "", "[severity]", "TQ300 = 'error'"], pyproject=False) == {
        "ignore": 1, "severity": 3, "severity.TQ300": 4}  # fmt: skip


# --- keys onto Options -------------------------------------------------------------------------------


FULL = """\
[project]
name = "ir-releases"

[tool.taiyaku]
select = ["TQ100", "share-of-total", "TQ404", "TQ500"]
ignore = ["TQ404"]
fail-on = "warning"
glossaries = ["glossaries/house.tsv"]
default-glossary = false
convention = "truncate"
fy-end-month = 12
baseline = "review/taiyaku-baseline.toml"
format = ["text", "json"]
output = ["-", "out/taiyaku.json"]

[tool.taiyaku.severity]
TQ401 = "warning"
"""


def test_every_key_maps_onto_options(project):
    write(project / "pyproject.toml", FULL)
    r = resolve({}, cwd=project / "docs")
    o = r.options
    assert o.select == frozenset({"TQ100", "share-of-total", "TQ404", "TQ500"}) and o.ignore == frozenset({"TQ404"})
    assert o.fail_on is Severity.WARNING and o.convention is Convention.TRUNCATE and o.fy_end_month == 12
    # paths are relative to the config file's folder, written as seen from the working directory
    assert o.glossaries == ("../glossaries/house.tsv",) and o.default_glossary is False
    assert o.baseline == "../review/taiyaku-baseline.toml"
    assert o.reports == (ReportTarget("text"), ReportTarget("json", "../out/taiyaku.json"))
    assert o.severity == (("TQ401", Severity.WARNING),)
    src = {s.key: s.source for s in r.settings}
    assert src["select"] == "../pyproject.toml:5" and src["fy-end-month"] == "../pyproject.toml:11"
    assert src["severity.TQ401"] == "../pyproject.toml:17" and src["reports"] == "../pyproject.toml:14"


def test_strict_glossary_key_and_flag(project):
    write(project / "taiyaku.toml", "strict-glossary = true\n")
    r = resolve({}, cwd=project)
    assert r.options.strict_glossary is True
    assert {s.key: s.source for s in r.settings}["strict-glossary"] == "taiyaku.toml:1"
    assert resolve({"strict-glossary": False}, cwd=project).options.strict_glossary is False
    assert resolve({}, cwd=project, isolated=True).options.strict_glossary is False


def test_flags_override_the_file(project):
    write(project / "pyproject.toml", FULL)
    r = resolve({"fail-on": "error", "select": ["TQ100"], "severity": ["TQ100=info"], "format": ["sarif"],
                 "output": ["x.sarif"]}, cwd=project)  # fmt: skip
    o = r.options
    assert o.fail_on is Severity.ERROR and o.select == frozenset({"TQ100"}) and o.ignore == frozenset({"TQ404"})
    assert o.severity == (("TQ401", Severity.WARNING), ("TQ100", Severity.INFO))  # merged, rule by rule
    assert o.reports == (ReportTarget("sarif", "x.sarif"),)  # the command line's reports replace the file's
    src = {s.key: s.source for s in r.settings}
    assert src["fail-on"] == src["select"] == src["reports"] == src["severity.TQ100"] == "command line"
    assert src["ignore"] == "pyproject.toml:6" and src["convention"] == "pyproject.toml:10"
    assert resolve({}, cwd=project, isolated=True).options.fail_on is Severity.ERROR  # --no-config


@pytest.mark.parametrize(("text", "says"), [
    ('fail_on = "warning"\n', "taiyaku.toml:1: unknown key 'fail_on' in top level of taiyaku.toml (did you mean 'fail-on'?)"),
    ('colour = true\n', "taiyaku.toml:1: unknown key 'colour' in top level of taiyaku.toml (known keys: select, "),
    ('fail-on = "fatal"\n', "taiyaku.toml:1: fail-on must be one of error, warning, info, not 'fatal'"),
    ('select = "TQ100"\n', "taiyaku.toml:1: select must be a list of strings"),
    ('select = ["TQ999"]\n', "taiyaku.toml:1: select names an unknown rule: TQ999"),
    ('fy-end-month = 13\n', "taiyaku.toml:1: fy-end-month must be a month number 1-12, not 13"),
    ('default-glossary = "no"\n', "taiyaku.toml:1: default-glossary must be true or false"),
    ('strict-glossary = 1\n', "taiyaku.toml:1: strict-glossary must be true or false, not 1"),
    ('[severity]\nTQ404 = "loud"\n', "taiyaku.toml:2: severity.TQ404 must be one of error, warning, info"),
    ('[severity]\nTQ999 = "info"\n', "taiyaku.toml:1: severity names an unknown rule: TQ999"),
    ('select = [\n', "taiyaku.toml: not valid TOML"),
    ('format = ["pdf"]\n', "unknown report format 'pdf'"),
])  # fmt: skip
def test_bad_settings_are_refused_naming_the_key_and_the_file(project, text, says):
    write(project / "taiyaku.toml", text)
    with pytest.raises(ConfigError) as e:
        resolve({}, cwd=project)
    assert says in str(e.value)


def test_an_unknown_key_exits_2_with_one_line(run_cli, project):
    write(project / "pyproject.toml", '[tool.taiyaku]\nfail-on = "error"\nglossary = ["house.tsv"]\n')
    proc = run_cli("check", FY2002Q4, cwd=project)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == ("taiyaku: error: pyproject.toml:3: unknown key 'glossary' in [tool.taiyaku] of "
                           "pyproject.toml (did you mean 'glossaries'?)\n")  # fmt: skip


# --- the config in force on the command line ------------------------------------------------------------


def test_taiyaku_config_shows_each_setting_and_where_it_came_from(run_cli, project):
    write(project / "pyproject.toml", '[tool.taiyaku]\nignore = ["rounding-adjustment"]\nbaseline = "b.toml"\n\n'
                                      '[tool.taiyaku.severity]\nTQ300 = "error"\n')  # fmt: skip
    proc = run_cli("config", "--fail-on", "warning", "-o", "out/review.html", cwd=project / "docs" / "q4")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert proc.stdout.splitlines()[0] == f"config: {(project / 'pyproject.toml').resolve()} ([tool.taiyaku])"
    assert rows["ignore"].split() == ["ignore", "rounding-adjustment", "../../pyproject.toml:2"]
    assert rows["baseline"].split() == ["baseline", "../../b.toml", "../../pyproject.toml:3"]
    assert rows["severity.TQ300"].split() == ["severity.TQ300", "error", "../../pyproject.toml:6"]
    assert rows["fail-on"].split() == ["fail-on", "warning", "command", "line"]
    assert rows["reports"].split() == ["reports", "html", "→", "out/review.html", "command", "line"]
    assert rows["convention"].endswith("default") and rows["select"].split()[1:] == ["every", "rule", "default"]
    data = json.loads(run_cli("config", "--json", cwd=project).stdout)
    assert data["config"] == str((project / "pyproject.toml").resolve())
    assert data["settings"]["ignore"] == {"value": ["rounding-adjustment"], "source": "pyproject.toml:2"}
    assert data["settings"]["fail-on"] == {"value": "error", "source": "default"}
    none = run_cli("config", "--no-config", cwd=project)
    assert none.stdout.startswith("config: none")


def test_the_config_drives_a_check(run_cli, project):
    """ignore, fail-on, severity, glossaries and reports from the file; paths relative to it."""
    write(project / "glossaries.tsv", HOUSE)
    (project / "out").mkdir()
    write(project / "taiyaku.toml", 'ignore = ["TQ404"]\nfail-on = "warning"\nglossaries = ["glossaries.tsv"]\n'
                                    'format = ["json"]\noutput = ["out/report.json"]\n\n[severity]\nTQ301 = "info"\n')  # fmt: skip
    docs = project / "docs"
    proc = run_cli("check", FY2002Q4, cwd=docs)
    assert proc.returncode == 1 and proc.stdout == ""
    report = json.loads((project / "out" / "report.json").read_text(encoding="utf-8"))
    codes = {f["code"] for f in report["findings"]}
    assert "TQ404" not in codes and {f["severity"] for f in report["findings"] if f["code"] == "TQ301"} == {"info"}
    assert report["summary"]["warning"] == 3  # 6 less the three TQ301 made information
    # flags override the file: only TQ103 (information) passes the file's fail-on warning, not --fail-on info
    assert run_cli("check", FY2002Q4, "--select", "TQ103", cwd=docs).returncode == 0
    info = run_cli("check", FY2002Q4, "--select", "TQ103", "--fail-on", "info", "-f", "json", cwd=docs)
    assert info.returncode == 1 and json.loads(info.stdout)["summary"] == {"error": 0, "warning": 0, "info": 1}
    # a glossary the config names that does not exist is a one-line error
    write(project / "taiyaku.toml", 'glossaries = ["nowhere.tsv"]\n')
    bad = run_cli("check", FY2002Q4, cwd=docs)
    assert bad.returncode == 2 and "nowhere.tsv" in bad.stderr and "Traceback" not in bad.stderr


def test_severity_overrides_decide_the_exit_code(run_cli):
    assert run_cli("check", FY2002Q4, "--select", "TQ100").returncode == 1
    proc = run_cli("check", FY2002Q4, "--select", "TQ100", "--severity", "numeric-mismatch=warning", "--format", "json")
    assert proc.returncode == 0
    assert {f["severity"] for f in json.loads(proc.stdout)["findings"]} == {"warning"}
    bad = run_cli("check", FY2002Q4, "--severity", "TQ100")
    assert bad.returncode == 2 and "expected RULE=LEVEL" in bad.stderr
    unknown = run_cli("check", FY2002Q4, "--severity", "TQ999=info")
    assert unknown.returncode == 2 and "unknown rule TQ999" in unknown.stderr


def test_the_config_baseline_gates_and_no_baseline_ignores_it(run_cli, project):
    base = project / "review" / "base.toml"
    base.parent.mkdir()
    write(project / "taiyaku.toml", 'baseline = "review/base.toml"\n')
    docs = project / "docs"
    made = run_cli("baseline", "create", FY2002Q4, "--reason", "accepted by the CFO", cwd=docs)  # -o from the config
    assert made.returncode == 0 and base.exists(), made.stderr
    assert run_cli("check", FY2002Q4, cwd=docs).returncode == 0
    assert run_cli("check", FY2002Q4, "--no-baseline", cwd=docs).returncode == 1


# --- pairing --format and --output ----------------------------------------------------------------


def test_reports_are_paired_in_order_then_by_extension():
    assert pair_reports([], []) == ((ReportTarget("text"),), [])
    assert pair_reports([], ["r.json"])[0] == (ReportTarget("json", "r.json"),)
    assert pair_reports(["json"], ["r.out"])[0] == (ReportTarget("json", "r.out"),)
    assert pair_reports(["text"], ["review.html", "ci.sarif", "ci.junit.xml", "sheet.xlsx", "-"])[0] == (
        ReportTarget("text", "review.html"), ReportTarget("sarif", "ci.sarif"), ReportTarget("junit", "ci.junit.xml"),
        ReportTarget("xlsx", "sheet.xlsx"), ReportTarget("text"))  # fmt: skip
    targets, warnings = pair_reports(["json"], ["review.html"])
    assert targets == (ReportTarget("json", "review.html"),) and warnings == [
        "writing the json report to review.html (its extension is html's)"]  # fmt: skip
    assert pair_reports(["text", "sarif"], ["a.sarif.json"])[0] == (
        ReportTarget("text", "a.sarif.json"), ReportTarget("sarif"))  # fmt: skip
    with pytest.raises(ConfigError, match="only one report can go to standard output"):
        pair_reports(["text", "json"], [])
    with pytest.raises(ConfigError, match="workbook"):
        pair_reports(["xlsx"], [], stdout_tty=True)
    assert pair_reports(["xlsx"], [])[0] == (ReportTarget("xlsx"),)  # redirected: fine


def test_several_reports_in_one_run(run_cli, tmp_path):
    out = {name: tmp_path / name for name in ("r.json", "r.html", "r.sarif", "r.xml", "r.xlsx")}
    proc = run_cli("check", FY2002Q4, *[a for p in out.values() for a in ("-o", p)], "-f", "json", "-f", "html",
                   "-o", "-", "--no-color")  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    # -f json -> r.json, -f html -> r.html, the rest by extension, "-" (no format left) text
    assert json.loads(out["r.json"].read_text(encoding="utf-8"))["summary"]["error"] == 22
    assert out["r.html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(out["r.sarif"].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert out["r.xml"].read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    assert out["r.xlsx"].read_bytes()[:2] == b"PK"
    last = proc.stdout.splitlines()[-1]
    assert last == "reports: " + "; ".join(f"{fmt} → {out[n]}" for fmt, n in (
        ("json", "r.json"), ("html", "r.html"), ("sarif", "r.sarif"), ("junit", "r.xml"), ("xlsx", "r.xlsx")))  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(out)  # no temporary left


def test_two_reports_on_standard_output_are_refused(run_cli):
    proc = run_cli("check", FY2002Q4, "-f", "text", "-f", "json")
    assert proc.returncode == 2 and "only one report can go to standard output" in proc.stderr


def test_an_output_without_format_takes_its_extension(run_cli, tmp_path):
    target = tmp_path / "report.json"
    assert run_cli("check", FY2002Q4, "-o", target).returncode == 1
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1
