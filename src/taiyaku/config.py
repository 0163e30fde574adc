"""Settings: a config file found upward from the working directory, the command line over it,
resolved into one Options record with where each setting came from.

The config is the first of these found in the working directory or above it (the search
stops at the filesystem root and does not go above a folder holding `.git`, the repository's
root):

- `taiyaku.toml` (or `.taiyaku.toml`), its keys at the top level;
- `pyproject.toml` with a `[tool.taiyaku]` table (one without it is passed over).

    [tool.taiyaku]
    select = ["TQ1", ...]            # rule codes or names; default: every rule
    ignore = ["rounding-adjustment"]
    fail-on = "warning"              # error (default), warning, info
    glossaries = ["glossaries/house.ja-en.tsv"]
    default-glossary = true
    strict-glossary = false          # true: a malformed or conflicting glossary line is an error
    convention = "declared"          # declared (default), round, truncate
    fy-end-month = 3                 # default: read from the table titles, else March
    baseline = "taiyaku-baseline.toml"
    format = ["text", "html", "sarif"]
    output = ["-", "build/taiyaku.html", "build/taiyaku.sarif"]

    [tool.taiyaku.severity]          # per-rule severity, by code or name
    TQ404 = "warning"

Paths (glossaries, baseline, output) are relative to the config file's folder. An unknown key
or a value of the wrong kind is an error naming the key and the file (exit 2). Command-line
flags override: a flag given replaces the setting (`--select`, `--ignore` and `--glossary`
replace the whole list; `--format` / `--output` replace the config's reports), but
`--severity CODE=LEVEL` is merged over the config's table rule by rule.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Convention, ReportTarget, Severity
from .options import Options

CONFIG_NAMES = ("taiyaku.toml", ".taiyaku.toml")
SEVERITIES = ("error", "warning", "info")
CONVENTIONS = ("declared", "round", "truncate")
KEYS = ("select", "ignore", "fail-on", "severity", "glossaries", "default-glossary", "strict-glossary",
        "convention", "fy-end-month", "baseline", "format", "output")  # fmt: skip
COMMAND_LINE = "command line"
DEFAULT = "default"


class ConfigError(InputError):
    """A config file or setting that cannot be used (one line, naming the key and the file)."""


@dataclass(frozen=True)
class Setting:
    key: str
    shown: str  # the value in words: "TQ404", "every rule", "text → standard output"
    source: str  # "default", "pyproject.toml:14" (file:line, or the file), or "command line"
    value: Any = None  # the value as JSON would hold it


@dataclass(frozen=True)
class Resolved:
    options: Options
    settings: tuple[Setting, ...]
    config: Path | None  # the config file in force, None when none
    start: Path  # where the search began
    warnings: tuple[str, ...] = ()


# --- finding and reading the file ------------------------------------------------------------


def find(start: Path) -> Path | None:
    """The config file for `start`: taiyaku.toml, .taiyaku.toml or a pyproject.toml with
    [tool.taiyaku], in `start` or the nearest folder above it, not above a repository root."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


# [tool.taiyaku], [tool.taiyaku.severity], tool.taiyaku.x = ...; or taiyaku = ... under a [tool] table
_TOOL_TABLE = re.compile(r"""^\s*\[?\s*tool\s*\.\s*["']?taiyaku\b""", re.M)
_TOOL_ONLY = re.compile(r"""^\s*\[\s*tool\s*\]""", re.M)
_TAIYAKU_KEY = re.compile(r"""^\s*["']?taiyaku["']?\s*[.=]""", re.M)


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not (_TOOL_TABLE.search(text) or (_TOOL_ONLY.search(text) and _TAIYAKU_KEY.search(text))):
        return False  # most pyproject.toml files, taiyaku's own too: not parsed
    return "taiyaku" in _parse(path, text).get("tool", {})


def _parse(path: Path, text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None


def _table(path: Path) -> tuple[dict[str, Any], str, list[str]]:
    """The settings table of a config file, its name ("[tool.taiyaku]" or "top level") and
    the file's lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config file {path}: {getattr(e, 'strerror', None) or e}") from None
    data = _parse(path, text)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("taiyaku")
        if table is None:
            raise ConfigError(f"{path}: no [tool.taiyaku] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.taiyaku must be a table")
        return table, "[tool.taiyaku]", text.splitlines()
    return data, "top level", text.splitlines()


_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*=""")


def key_lines(lines: Sequence[str], pyproject: bool) -> dict[str, int]:
    """Where each setting is written (1-based lines): "fail-on", "severity" (the table or
    the key), "severity.TQ404". Dotted keys and inline tables are found as written."""
    prefix = "tool.taiyaku" if pyproject else ""
    out: dict[str, int] = {}
    section: str | None = "" if not pyproject else None
    for n, line in enumerate(lines, 1):
        head = _HEADER.match(line)
        if head:
            name = head.group(1).replace(" ", "").replace('"', "")
            if name == prefix or name.startswith(prefix + ".") or not prefix:
                section = name[len(prefix):].lstrip(".") if prefix else name
                if section:
                    out.setdefault(section.split(".")[0], n)
            else:
                section = None
            continue
        m = _KEY.match(line)
        if m is None or section is None:
            continue
        key = m.group(1) or m.group(2) or m.group(3)
        full = f"{section}.{key}" if section else key
        if pyproject and not section and key.startswith("tool.taiyaku."):
            full = key[len("tool.taiyaku."):]
        out.setdefault(full, n)
        out.setdefault(full.split(".")[0], n)
    return out


# --- values ------------------------------------------------------------------------------------


def _rules_known() -> set[str]:
    from .checks.run import all_rules

    return {name for r in all_rules() for name in (r.code, r.name)}


class _Where:
    """Names a setting in error messages and in `taiyaku config`."""

    def __init__(self, path: Path | None, lines: dict[str, int], table: str, cwd: Path) -> None:
        self.path, self.lines, self.table, self.cwd = path, lines, table, cwd

    def source(self, key: str) -> str:
        assert self.path is not None
        name = _shown_path(self.path, self.cwd)
        line = self.lines.get(key)
        return f"{name}:{line}" if line else name

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source(key)}: {key} {message}")


def _strings(where: _Where, key: str, value: Any, one_allowed: bool = False) -> list[str]:
    if one_allowed and isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _raise(where.error(key, "must be a list of strings" + (" (or one string)" if one_allowed else "")))
    return list(value)


def _raise(e: Exception) -> Any:
    raise e


def _choice(where: _Where, key: str, value: Any, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise where.error(key, f"must be one of {', '.join(choices)}, not {value!r}")
    return value


def _unknown_rules(names: Sequence[str]) -> list[str]:
    known = _rules_known()
    return [n for n in names if n not in known]


def _shown_path(path: Path, cwd: Path) -> str:
    """A path as a person would type it from `cwd` (relative: the config is never above the
    repository's root)."""
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive
        return str(path)


def _from_file(path: Path, cwd: Path) -> tuple[dict[str, Any], _Where]:
    """The settings of a config file as option values (paths resolved), with their places."""
    table, name, lines = _table(path)
    pyproject = path.name == "pyproject.toml"
    where = _Where(path, key_lines(lines, pyproject), name, cwd)
    folder = path.resolve().parent
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(f"{where.source(key)}: unknown key {key!r} in {name} of {path.name}{hint}")
        if key in ("select", "ignore"):
            names = _strings(where, key, value)
            bad = _unknown_rules(names)
            if bad:
                raise where.error(key, f"names an unknown rule: {', '.join(bad)} (see 'taiyaku rules')")
            out[key] = names
        elif key == "fail-on":
            out[key] = _choice(where, key, value, SEVERITIES)
        elif key == "severity":
            if not isinstance(value, dict):
                raise where.error(key, "must be a table of rule = severity")
            bad = _unknown_rules(list(value))
            if bad:
                raise where.error(key, f"names an unknown rule: {', '.join(bad)} (see 'taiyaku rules')")
            out[key] = [(rule, _choice(where, f"severity.{rule}", sev, SEVERITIES), where.source(f"severity.{rule}"))
                        for rule, sev in value.items()]  # fmt: skip
        elif key == "glossaries":
            out[key] = [_shown_path(folder / p, cwd) for p in _strings(where, key, value, one_allowed=True)]
        elif key in ("default-glossary", "strict-glossary"):
            if not isinstance(value, bool):
                raise where.error(key, f"must be true or false, not {value!r}")
            out[key] = value
        elif key == "convention":
            out[key] = _choice(where, key, value, CONVENTIONS)
        elif key == "fy-end-month":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
                raise where.error(key, f"must be a month number 1-12, not {value!r}")
            out[key] = value
        elif key == "baseline":
            if not isinstance(value, str) or not value:
                raise where.error(key, "must be a path (a string)")
            out[key] = _shown_path(folder / value, cwd)
        elif key == "format":
            out[key] = _strings(where, key, value, one_allowed=True)
        elif key == "output":
            out[key] = [o if o == "-" else _shown_path(folder / o, cwd)
                        for o in _strings(where, key, value, one_allowed=True)]  # fmt: skip
    return out, where


# --- pairing reports ----------------------------------------------------------------------------


def pair_reports(formats: Sequence[str], outputs: Sequence[str], stdout_tty: bool = False
                 ) -> tuple[tuple[ReportTarget, ...], list[str]]:  # fmt: skip
    """Reports from repeated --format / --output (or the config's lists), and warnings.

    The i-th output gets the i-th format. An output beyond the formats takes the format its
    extension names (.txt text, .json json, .html/.htm html, .xlsx xlsx, .sarif sarif, .xml
    junit; text for any other); a format beyond the outputs goes to standard output, which
    takes one report at most (xlsx only when it is not a terminal). "-" is standard output.
    Nothing given: text on standard output.
    """
    from .report.registry import CHECK_FORMATS, format_of

    for f in formats:
        if f not in CHECK_FORMATS:
            raise ConfigError(f"unknown report format {f!r} (known: {', '.join(CHECK_FORMATS)})")
    warnings: list[str] = []
    targets: list[ReportTarget] = []
    for i, out in enumerate(outputs):
        path = None if out == "-" else out
        if i < len(formats):
            fmt = formats[i]
            implied = format_of(out) if path is not None else None
            if implied is not None and implied != fmt:
                warnings.append(f"writing the {fmt} report to {out} (its extension is {implied}'s)")
        else:
            fmt = (format_of(out) if path is not None else None) or "text"
        targets.append(ReportTarget(fmt, path))
    targets += [ReportTarget(f) for f in formats[len(outputs):]]
    if not targets:
        targets = [ReportTarget("text")]
    to_stdout = [t for t in targets if t.path is None]
    if len(to_stdout) > 1:
        raise ConfigError("only one report can go to standard output; give an --output for the others "
                          f"({', '.join(t.format for t in to_stdout)})")  # fmt: skip
    if to_stdout and to_stdout[0].format == "xlsx" and stdout_tty:
        raise ConfigError("the xlsx report is a workbook: give --output FILE.xlsx (or redirect standard output)")
    return tuple(targets), warnings


# --- resolving ------------------------------------------------------------------------------------


def resolve(cli: Mapping[str, Any], cwd: Path | None = None, config: Path | None = None,
            isolated: bool = False, stdout_tty: bool = False) -> Resolved:  # fmt: skip
    """The Options in force, and where each setting came from.

    `cli` holds the command line's values by config key (None or absent: not given);
    "severity" is a list of "RULE=LEVEL" strings. `config` names the config file (else it is
    searched for from `cwd`); `isolated` reads none.
    """
    cwd = (cwd or Path.cwd()).resolve()
    path = None if isolated else (config or find(cwd))
    values: dict[str, Any] = {}
    file_where: _Where | None = None
    if path is not None:
        values, file_where = _from_file(Path(path), cwd)
    sources = {k: file_where.source(k) for k in values} if file_where is not None else {}

    given = {k: v for k, v in cli.items() if v is not None}
    for key in ("select", "ignore"):  # "--select TQ100,TQ101" is two rules
        if key in given:
            given[key] = [r.strip() for item in given[key] for r in item.split(",") if r.strip()]
    unknown = _unknown_rules([*given.get("select", []), *given.get("ignore", [])])
    if unknown:
        raise ConfigError(f"unknown rule {', '.join(sorted(set(unknown)))} (see 'taiyaku rules')")
    severity = list(values.get("severity", []))
    for item in given.pop("severity", []) or []:
        rule, sep, level = item.partition("=")
        rule, level = rule.strip(), level.strip().lower()
        if not sep or level not in SEVERITIES:
            raise ConfigError(f"--severity {item!r}: expected RULE=LEVEL, LEVEL one of {', '.join(SEVERITIES)}")
        if _unknown_rules([rule]):
            raise ConfigError(f"unknown rule {rule} in --severity (see 'taiyaku rules')")
        severity.append((rule, level, COMMAND_LINE))
    if "format" in given or "output" in given:  # the command line's reports replace the file's
        for k in ("format", "output"):
            values.pop(k, None)
            sources.pop(k, None)
    for k, v in given.items():
        values[k] = v
        sources[k] = COMMAND_LINE
    if "fy-end-month" in values and not 1 <= values["fy-end-month"] <= 12:
        raise ConfigError(f"fy-end-month must be 1-12, not {values['fy-end-month']}")

    reports, warnings = pair_reports(values.get("format", []), values.get("output", []), stdout_tty)
    convention = values.get("convention", "declared")
    options = Options(
        select=frozenset(values["select"]) if "select" in values else None,
        ignore=frozenset(values.get("ignore", ())),
        fail_on=Severity(values.get("fail-on", "error")),
        convention=None if convention == "declared" else Convention(convention),
        fy_end_month=values.get("fy-end-month"),
        glossaries=tuple(str(g) for g in values.get("glossaries", ())),
        default_glossary=values.get("default-glossary", True),
        strict_glossary=values.get("strict-glossary", False),
        severity=tuple((rule, Severity(level)) for rule, level, _ in severity),
        baseline=values.get("baseline") or None,
        reports=reports,
    )
    return Resolved(options, _settings(options, sources, severity), Path(path) if path else None, cwd,
                    tuple(warnings))  # fmt: skip


def _user_glossary(o: Options) -> Setting:
    """The user's own glossary: in force (stacked over the default) when it exists and the
    default glossary is loaded; where `glossary add` writes when nothing else is named."""
    from .glossary.paths import user_glossary_path

    path = user_glossary_path()
    if o.default_glossary and path.is_file():
        return Setting("user-glossary", str(path), "user data folder", str(path))
    why = "default-glossary is off" if o.default_glossary is False and path.is_file() else "not created yet"
    return Setting("user-glossary", f"none ({why}: {path})", DEFAULT, None)


def _settings(o: Options, sources: dict[str, str], severity: list[tuple[str, str, str]]) -> tuple[Setting, ...]:
    def src(key: str) -> str:
        return sources.get(key, DEFAULT)

    reports_src = src("output") if "output" in sources else src("format")
    out = [
        Setting("select", ", ".join(sorted(o.select)) if o.select is not None else "every rule", src("select"),
                sorted(o.select) if o.select is not None else None),
        Setting("ignore", ", ".join(sorted(o.ignore)) or "nothing", src("ignore"), sorted(o.ignore)),
        Setting("fail-on", o.fail_on.value, src("fail-on"), o.fail_on.value),
    ]  # fmt: skip
    if severity:
        out += [Setting(f"severity.{rule}", level, where, level) for rule, level, where in severity]
    else:
        out.append(Setting("severity", "each rule's own", DEFAULT, {}))
    out += [
        Setting("glossaries", ", ".join(o.glossaries) or "none", src("glossaries"), list(o.glossaries)),
        Setting("default-glossary", "true" if o.default_glossary else "false", src("default-glossary"),
                o.default_glossary),
        _user_glossary(o),
        Setting("strict-glossary", "true" if o.strict_glossary else "false", src("strict-glossary"),
                o.strict_glossary),
        Setting("convention", o.convention.value if o.convention else "declared (as each document declares)",
                src("convention"), o.convention.value if o.convention else "declared"),
        Setting("fy-end-month", str(o.fy_end_month) if o.fy_end_month else "from the table titles (else 3)",
                src("fy-end-month"), o.fy_end_month),
        Setting("baseline", o.baseline or "none", src("baseline"), o.baseline),
        Setting("reports", "; ".join(f"{t.format} → {t.path or 'standard output'}" for t in o.reports),
                reports_src, [{"format": t.format, "output": t.path} for t in o.reports]),
    ]  # fmt: skip
    return tuple(out)
