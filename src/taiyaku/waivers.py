"""Waivers: findings accepted on purpose, kept in a baseline file beside the documents.

A baseline is TOML (`*.toml`, the default, reviewable in a diff) or JSON (`*.json`):

    version = 1

    [[waiver]]
    fingerprint = "TQ100-5b0d7f6e2c1a9384"
    reason = "the English rounds the share the way the auditors do"
    who = "kaori"
    when = "2026-03-01T09:30:00Z"
    code = "TQ100"
    rule = "numeric-mismatch"
    message = "Japanese 5.9 vs English 6.0 (...)"
    ja = "line 124: 5.9 (販売費 | 2003年3月期 | 対営業収益 %)"
    en = "line 615: 6.0 (Sales and marketing | Mar 31, 2003 | % of Total Revenues)"

A waiver matches the finding with its fingerprint (taiyaku.fingerprint: the rule, the sides,
the figures or label, the row and column or sentence; never a line number). A matched finding
is waived: kept apart from the open findings (reported, counted, never failing the run). A
waiver of a rule that ran and matched nothing is stale: the finding was fixed or changed, and
`taiyaku baseline update` drops it. `fingerprint` and `reason` are required; code, rule,
message, ja and en say what was accepted for the people who read the file.

Files are written atomically (taiyaku.atomic).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .model import Finding, Location, Report, Severity, Waived, Waiver

VERSION = 1
FIELDS = ("fingerprint", "reason", "who", "when", "code", "rule", "message", "ja", "en")
REQUIRED = ("fingerprint", "reason")
DEFAULT_NAME = "taiyaku-baseline.toml"

HEADER = """\
# taiyaku baseline: findings accepted on purpose.
# `taiyaku check --baseline FILE` (or `baseline = "FILE"` in the config) reports these findings
# as waived: kept apart, counted, never failing the run. A waiver matches by its fingerprint
# (rule, sides, figures or label, row and column or sentence; never a line number); the other
# fields say what was accepted, by whom and why. `taiyaku baseline update` drops the waivers
# whose finding is gone (stale).
"""


@dataclass(frozen=True)
class Baseline:
    path: str
    waivers: tuple[Waiver, ...]


def now() -> str:
    """The current time as a baseline writes it: ISO 8601, UTC, to the second."""
    import datetime as _dt

    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_who() -> str:
    """Who accepts: the user name of the session (LOGNAME, USER, ... or the account)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment and no account entry
        return "unknown"


def code_of(fingerprint: str) -> str:
    return fingerprint.split("-", 1)[0]


def base_of(fingerprint: str) -> str:
    """The fingerprint without the suffix that tells repeats apart (-2, -3, ...)."""
    head, _, tail = fingerprint.rpartition("-")
    return head if head.count("-") >= 1 and tail.isdigit() else fingerprint


def describe(loc: Location | None) -> str:
    """One side of a finding in words, for the people reading a baseline."""
    if loc is None:
        return ""
    context = f" ({loc.context})" if loc.context else ""
    return f"{loc.where}: {loc.text}{context}"


def waiver_for(f: Finding, reason: str, who: str, when: str) -> Waiver:
    return Waiver(f.fingerprint, reason, who, when, f.code, f.rule, f.message, describe(f.ja), describe(f.en))


# --- reading and writing ----------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> Baseline:
    """The waivers of a baseline file; InputError (one line, naming the file) otherwise."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"baseline {p} not found (create it with: taiyaku baseline create FILE -o {p})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read baseline {p}: {getattr(e, 'strerror', None) or e}") from None
    if p.suffix.lower() == ".json":
        import json

        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(f"baseline {p}: not valid JSON ({e.msg}, line {e.lineno})") from None
        entries = data.get("waivers") if isinstance(data, dict) else None
    else:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise InputError(f"baseline {p}: not valid TOML ({e})") from None
        entries = data.get("waiver", [])
    if isinstance(data, dict):
        for key in data:
            if key not in ("version", "waivers" if p.suffix.lower() == ".json" else "waiver"):
                raise InputError(f"baseline {p}: unknown key {key!r}")
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(entries, list):
        raise InputError(f"baseline {p}: expected version = {VERSION} and a list of waivers")
    return Baseline(str(p), tuple(_waiver(p, i, e) for i, e in enumerate(entries, 1)))


def _waiver(path: Path, n: int, entry: object) -> Waiver:
    if not isinstance(entry, dict):
        raise InputError(f"baseline {path}: waiver {n} is not a table")
    for key in entry:
        if key not in FIELDS:
            raise InputError(f"baseline {path}: waiver {n}: unknown key {key!r} (known: {', '.join(FIELDS)})")
    for key, value in entry.items():
        if not isinstance(value, str):
            raise InputError(f"baseline {path}: waiver {n}: {key} must be a string")
    for key in REQUIRED:
        if not entry.get(key, "").strip():
            raise InputError(f"baseline {path}: waiver {n} has no {key}")
    fp = entry["fingerprint"].strip()
    return Waiver(
        fp, entry["reason"], entry.get("who", ""), entry.get("when", ""), entry.get("code") or code_of(fp),
        entry.get("rule", ""), entry.get("message", ""), entry.get("ja", ""), entry.get("en", ""),
    )  # fmt: skip


def dumps(waivers: Sequence[Waiver], json_format: bool = False) -> str:
    """The text of a baseline file holding `waivers` (in that order)."""
    import json

    rows = [{k: getattr(w, k) for k in FIELDS if getattr(w, k) or k in REQUIRED} for w in waivers]
    if json_format:
        return json.dumps({"version": VERSION, "waivers": rows}, ensure_ascii=False, indent=2) + "\n"
    out = [HEADER, f"version = {VERSION}\n"]
    for row in rows:
        out.append("\n[[waiver]]\n")
        out.extend(f"{k} = {_toml_string(v)}\n" for k, v in row.items())
    return "".join(out)


def _toml_string(s: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, DEL aside (TOML wants it escaped)."""
    import json

    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def save(path: str | os.PathLike[str], waivers: Sequence[Waiver]) -> None:
    """Write a baseline atomically (JSON for a .json path, TOML otherwise)."""
    from .atomic import write_text_atomic

    p = Path(path)
    try:
        write_text_atomic(p, dumps(waivers, p.suffix.lower() == ".json"))
    except OSError as e:
        raise InputError(f"cannot write baseline {p}: {e.strerror or e}") from None


# --- applying ----------------------------------------------------------------------------------


def apply(
    findings: Iterable[Finding], waivers: Iterable[Waiver], ran: Iterable[str] | None = None
) -> tuple[tuple[Finding, ...], tuple[Waived, ...], tuple[Waiver, ...]]:
    """Split fingerprinted findings into (open, waived) and name the stale waivers.

    A waiver matches the finding with its exact fingerprint; waivers left over then match
    findings left over by the fingerprint without its repeat suffix (one finding of two alike
    fixed: the remaining one keeps its waiver whichever suffix it now has). A waiver of a rule
    outside `ran` (the codes of the rules that ran; None: all) is neither used nor stale.
    """
    items = list(findings)
    ran_codes = None if ran is None else set(ran)
    left = [w for w in waivers if ran_codes is None or w.code in ran_codes]
    by_fp: dict[str, list[Waiver]] = {}
    for w in left:
        by_fp.setdefault(w.fingerprint, []).append(w)
    matched: dict[int, Waiver] = {}
    for i, f in enumerate(items):
        if by_fp.get(f.fingerprint):
            matched[i] = by_fp[f.fingerprint].pop(0)
    by_base: dict[str, list[Waiver]] = {}
    for ws in by_fp.values():
        for w in ws:
            by_base.setdefault(base_of(w.fingerprint), []).append(w)
    for i, f in enumerate(items):
        if i not in matched and by_base.get(base_of(f.fingerprint)):
            matched[i] = by_base[base_of(f.fingerprint)].pop(0)
    used = {id(w) for w in matched.values()}
    stale = tuple(w for w in left if id(w) not in used)
    open_ = tuple(f for i, f in enumerate(items) if i not in matched)
    waived = tuple(Waived(f, matched[i]) for i, f in enumerate(items) if i in matched)
    return open_, waived, stale


def accept(findings: Iterable[Finding], at_least: Severity, reason: str, who: str, when: str) -> list[Waiver]:
    """Waivers for the findings at or above `at_least`."""
    return [waiver_for(f, reason, who, when) for f in findings if f.severity.rank >= at_least.rank]


def merge(existing: Sequence[Waiver], new: Iterable[Waiver]) -> tuple[list[Waiver], int]:
    """`existing` with the waivers of `new` whose fingerprint it lacks appended (the existing
    reason, who and when are kept); and how many were added."""
    have = {w.fingerprint for w in existing}
    out = list(existing)
    added = 0
    for w in new:
        if w.fingerprint not in have:
            out.append(w)
            have.add(w.fingerprint)
            added += 1
    return out, added


def refresh(existing: Sequence[Waiver], report: Report) -> tuple[list[Waiver], list[Waiver]]:
    """The waivers of `existing` after a check with them (`report`): those that matched a
    finding, with its current fingerprint and description (reason, who and when kept); those
    of rules the run did not select, unchanged; and, apart, the stale ones."""
    matched: dict[Waiver, list[Finding]] = {}
    for done in report.waived:
        matched.setdefault(done.waiver, []).append(done.finding)
    stale = list(report.stale_waivers)
    kept: list[Waiver] = []
    dropped: list[Waiver] = []
    for w in existing:
        if matched.get(w):
            f = matched[w].pop(0)
            kept.append(Waiver(f.fingerprint, w.reason, w.who, w.when, f.code, f.rule, f.message,
                               describe(f.ja), describe(f.en)))  # fmt: skip
        elif w in stale:
            stale.remove(w)
            dropped.append(w)
        else:
            kept.append(w)
    return kept, dropped


@dataclass(frozen=True)
class ReviewRow:
    """One problem row of a review sheet as a reviewer left it (report/xlsx.py reads it)."""

    row: int  # the sheet's row number
    problem: str
    status: str
    note: str
    reviewer: str
    fingerprints: tuple[str, ...]
    message: str = ""
    ja: str = ""
    en: str = ""

    @property
    def accepted(self) -> bool:
        return self.status.strip().lower() in ACCEPTED


ACCEPTED = frozenset({"accepted", "accept", "waived", "承認", "了承"})


def from_review(rows: Iterable[ReviewRow], reason: str | None, who: str, when: str
                ) -> tuple[list[Waiver], list[ReviewRow]]:  # fmt: skip
    """Waivers for the findings of the accepted rows (the note is the reason, the reviewer
    who; `reason` and `who` when they are empty), and the accepted rows refused for want of
    a reason."""
    out: list[Waiver] = []
    refused: list[ReviewRow] = []
    for r in rows:
        if not r.accepted:
            continue
        why = r.note.strip() or (reason or "").strip()
        if not why:
            refused.append(r)
            continue
        for fp in r.fingerprints:
            out.append(Waiver(fp, why, r.reviewer.strip() or who, when, code_of(fp), "", r.message, r.ja, r.en))
    return out, refused
