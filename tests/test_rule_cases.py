"""Per-rule cases kept as data: tests/rules/<CODE>.toml, one file per rule code.

Each file names its rule (`code = "TQ100"`) and holds cases: small Japanese and / or
English snippets and the findings of that rule they must give, no more and no fewer:

    [[case]]
    name = "a share copied wrong"       # unique within the file; the test id is CODE-name
    ja = '''...'''                      # the Japanese file (omit for an English-only case)
    en = '''...'''                      # the English file (omit for a Japanese-only case)
    options = { convention = "truncate" }   # optional: "declared" (default), "round", "truncate"
    [[case.expect]]                     # one table per expected finding of this rule;
    severity = "error"                  # none at all means: no finding of this rule
    side = "both"                       # optional: which locations the finding has:
                                        #   "ja", "en" or "both"
    ja_text = "5.9"                     # optional: the finding's Japanese / English text,
    en_text = "6.1"                     #   line (in the snippet, 1-based) and context
    ja_line = 4
    en_line = 4
    ja_context = "販売費 | 2026年3月期 | 対営業収益 %"
    en_context = "..."
    expected = "6.05"                   # optional: the recomputed value the finding gives
    message_contains = ["5.9", "6.1"]   # optional: a string or a list of strings

A case is run on the rule alone: the snippets are written to ja.txt / en.txt (UTF-8) and
checked with only that rule selected; with one snippet the file is checked on its own.
The findings must match the expectations one to one: as many findings as expectations, and
each expectation met by a different finding on every field it gives.

Every call into taiyaku is in the adapter block right below, so that a change of the API
(an options record, say) is adapted there and nowhere else.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

# --------------------------------------------------------------------------------------------
# Adapter: the only code here that knows taiyaku's API
# --------------------------------------------------------------------------------------------


def run_case(ja_path: Path | None, en_path: Path | None, code: str, options: dict) -> list[dict]:
    """Check the file(s) with only rule `code` and return its findings as JSON-contract dicts:
    code, rule, severity, message, ja {path, line, text, context} | None, en {...} | None,
    expected. With two files the first is the Japanese and the second the English; with one,
    that file is checked on its own."""
    from taiyaku import api
    from taiyaku.model import Convention
    from taiyaku.options import Options
    from taiyaku.report.json import finding_dict

    convention = options.get("convention", "declared")  # "declared", "round" or "truncate"
    paths = [p for p in (ja_path, en_path) if p is not None]
    chosen = Options(select=frozenset({code}), convention=None if convention == "declared" else Convention(convention))
    report = api.check(*paths, options=chosen)
    return [finding_dict(f) for f in report.findings]


def registered_codes() -> list[str]:
    """The codes of every rule the registry holds."""
    from taiyaku.checks.run import all_rules

    return [rule.code for rule in all_rules()]


# --------------------------------------------------------------------------------------------
# Loading the case files
# --------------------------------------------------------------------------------------------

RULES_DIR = Path(__file__).resolve().parent / "rules"

FILE_KEYS = {"code", "case"}
CASE_KEYS = {"name", "ja", "en", "options", "expect"}
OPTIONS = {"convention": {"declared", "round", "truncate"}}
EXPECT_KEYS = {
    "severity", "side", "ja_text", "en_text", "ja_line", "en_line", "ja_context",
    "en_context", "expected", "message_contains",
}  # fmt: skip
SEVERITIES = {"error", "warning", "info"}
SIDES = {"ja", "en", "both"}


def _load(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def _case_files() -> list[Path]:
    return sorted(RULES_DIR.glob("*.toml"))


def _cases() -> list:
    params = []
    for path in _case_files():
        data = _load(path)
        code = data.get("code", path.stem)
        for case in data.get("case", []):
            params.append(pytest.param(path, code, case, id=f"{code}-{case.get('name', '?')}"))
    return params


def _validate(path: Path, data: dict) -> list[str]:
    """What is wrong with a case file's shape (unknown keys catch misspelt fields)."""
    problems = []
    if data.get("code") != path.stem:
        problems.append(f"code {data.get('code')!r} does not match the file name {path.name}")
    problems += [f"unknown key {k!r}" for k in sorted(data.keys() - FILE_KEYS)]
    names = [c.get("name") for c in data.get("case", [])]
    twice = sorted({n for n in names if names.count(n) > 1})
    problems += [f"duplicate case name {n!r}" for n in twice]
    for case in data.get("case", []):
        problems += [f"case {case.get('name')!r}: {p}" for p in _case_problems(case)]
    return problems


def _case_problems(case: dict) -> list[str]:
    problems = []
    if not case.get("name"):
        problems.append("no name")
    if "ja" not in case and "en" not in case:
        problems.append("neither ja nor en text")
    problems += [f"unknown key {k!r}" for k in sorted(case.keys() - CASE_KEYS)]
    for key, value in case.get("options", {}).items():
        if key not in OPTIONS:
            problems.append(f"unknown option {key!r}")
        elif value not in OPTIONS[key]:
            problems.append(f"option {key} = {value!r}: not one of {sorted(OPTIONS[key])}")
    for i, exp in enumerate(case.get("expect", [])):
        problems += [f"expect {i + 1}: unknown key {k!r}" for k in sorted(exp.keys() - EXPECT_KEYS)]
        if "severity" in exp and exp["severity"] not in SEVERITIES:
            problems.append(f"expect {i + 1}: severity {exp['severity']!r}")
        if "side" in exp and exp["side"] not in SIDES:
            problems.append(f"expect {i + 1}: side {exp['side']!r}")
    return problems


# --------------------------------------------------------------------------------------------
# Matching findings against expectations
# --------------------------------------------------------------------------------------------


def _mismatches(exp: dict, finding: dict) -> list[str]:
    """The fields of expectation `exp` that `finding` does not meet (empty: it matches)."""
    out = []
    ja, en = finding.get("ja"), finding.get("en")
    if "severity" in exp and finding["severity"] != exp["severity"]:
        out.append("severity")
    if "side" in exp:
        side = "both" if ja and en else "ja" if ja else "en" if en else None
        if side != exp["side"]:
            out.append("side")
    for lang, loc in (("ja", ja), ("en", en)):
        for field in ("text", "line", "context"):
            key = f"{lang}_{field}"
            if key in exp and (loc is None or loc[field] != exp[key]):
                out.append(key)
    if "expected" in exp and finding.get("expected") != exp["expected"]:
        out.append("expected")
    wanted = exp.get("message_contains", [])
    for part in [wanted] if isinstance(wanted, str) else wanted:
        if part not in finding["message"]:
            out.append(f"message_contains {part!r}")
    return out


def _match(expects: list[dict], findings: list[dict]) -> dict[int, int] | None:
    """A one-to-one assignment expectation -> finding meeting it, or None (augmenting paths)."""
    fits = [[j for j, f in enumerate(findings) if not _mismatches(e, f)] for e in expects]
    owner: dict[int, int] = {}  # finding index -> expectation index

    def place(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expects)):
        if not place(i, set()):
            return None
    return {i: j for j, i in owner.items()}


def _show(finding: dict) -> str:
    def loc(x):
        return "-" if x is None else f"line {x['line']} {x['text']!r} [{x['context']}]"

    return (
        f"  {finding['code']} {finding['severity']}: {finding['message']}\n"
        f"      ja: {loc(finding['ja'])}\n      en: {loc(finding['en'])}\n"
        f"      expected: {finding['expected']!r}"
    )


def _explain(expects: list[dict], findings: list[dict]) -> str:
    lines = [f"{len(findings)} finding(s), {len(expects)} expected"]
    lines += [_show(f) for f in findings] or ["  (no findings)"]
    for i, e in enumerate(expects):
        closest = min((_mismatches(e, f) for f in findings), key=len, default=None)
        why = "no finding at all" if closest is None else f"closest finding misses {closest}"
        lines.append(f"expect {i + 1} {e}: {why}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.stem)
def test_case_file_is_well_formed(path: Path):
    assert _validate(path, _load(path)) == []


@pytest.mark.parametrize(("path", "code", "case"), _cases())
def test_rule_case(path: Path, code: str, case: dict, tmp_path: Path):
    ja_path = en_path = None
    if "ja" in case:
        ja_path = tmp_path / "ja.txt"
        ja_path.write_text(case["ja"], encoding="utf-8")
    if "en" in case:
        en_path = tmp_path / "en.txt"
        en_path.write_text(case["en"], encoding="utf-8")
    assert _case_problems(case) == []
    found = run_case(ja_path, en_path, code, case.get("options", {}))
    findings = [f for f in found if f["code"] == code]
    expects = case.get("expect", [])
    if len(findings) != len(expects) or _match(expects, findings) is None:
        pytest.fail(_explain(expects, findings), pytrace=False)


def test_every_rule_has_cases_both_ways():
    """Each registered rule has a case file with a case that expects a finding and one that
    expects none, and every case file belongs to a registered rule."""
    codes = registered_codes()
    files = {p.stem: _load(p) for p in _case_files()}
    problems = []
    for code in codes:
        if code not in files:
            problems.append(f"{code}: no tests/rules/{code}.toml")
            continue
        cases = files[code].get("case", [])
        if not any(c.get("expect") for c in cases):
            problems.append(f"{code}: no case expecting a finding")
        if not any(not c.get("expect") for c in cases):
            problems.append(f"{code}: no case expecting no finding")
    problems += [f"{stem}.toml: no such rule" for stem in sorted(files.keys() - set(codes))]
    assert problems == []
