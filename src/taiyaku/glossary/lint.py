"""Check glossary files for mistakes a reviewer should fix.

Codes (stable):

- ``malformed``: a line that is not an entry (wrong number of fields, empty variant, ...).
- ``empty-field``: a line whose ja or en field is empty.
- ``duplicate``: the same Japanese text twice in one file.
- ``same-key``: two different Japanese strings in one file whose surface or lemma keys meet
  (ＩＰサービス / IP サービス, 借り入れ金 / 借入金).
- ``conflict``: one Japanese key with different English (en_key), in one file or across the
  files linted together.
- ``shared-english``: one English used for two Japanese entries whose keys differ (perhaps two
  unrelated concepts were given the same translation), in any of the files linted together.
  Two Japanese wordings of one concept say so in a note: ``=営業収益`` on the 売上高 line
  declares it a wording of 営業収益, and the pair is not reported.
- ``whitespace``: leading or trailing whitespace (including full-width spaces) in a field.

Each finding is reported once, at the later of the two lines involved, and names the earlier
one.  Issues are sorted by path, line and code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .keys import en_key, lemma_key, surface_key
from .store import VARIANT_SEPARATOR, Entry, GlossaryFile

__all__ = ["CODES", "LintIssue", "lint"]

CODES = ("malformed", "empty-field", "duplicate", "same-key", "conflict", "shared-english", "whitespace")
_ORDER = {code: i for i, code in enumerate(CODES)}
_FIELD_NAMES = ("ja", "en", "en_variants", "note")


@dataclass(frozen=True)
class LintIssue:
    path: str
    line: int
    code: str
    message: str


def lint(files: list[GlossaryFile]) -> list[LintIssue]:
    issues: list[LintIssue] = []
    for gf in files:
        for p in gf.problems:
            code = p.kind if p.kind in _ORDER else "malformed"
            issues.append(LintIssue(p.path or gf.path, p.line, code, p.message))
        for e in gf.entries:
            issues.extend(_whitespace(gf, e))

    # Every entry, in list order, with the index of its file and its keys.
    items: list[tuple[int, Entry, str, str, str]] = []
    for index, gf in enumerate(files):
        for e in gf.entries:
            items.append((index, _located(e, gf), surface_key(e.ja), lemma_key(e.ja), en_key(e.en)))

    by_surface: dict[str, list[int]] = defaultdict(list)
    by_lemma: dict[str, list[int]] = defaultdict(list)
    by_english: dict[str, list[int]] = defaultdict(list)
    for i, (index, e, skey, lkey, ekey) in enumerate(items):
        earlier = sorted(set(by_surface.get(skey, []) if skey else []) | set(by_lemma.get(lkey, []) if lkey else []))
        same_file = [j for j in earlier if items[j][0] == index]

        twin = next((j for j in same_file if items[j][1].ja == e.ja), None)
        if twin is not None:
            a = items[twin][1]
            issues.append(_issue(e, "duplicate", f"{e.ja} on line {e.line} is already on {_where(a, e)}"))
        elif same_file:
            a = items[same_file[0]][1]
            issues.append(_issue(
                e, "same-key",
                f"{e.ja} (line {e.line}) and {a.ja} ({_where(a, e)}) are the same label once normalised; "
                "keep one spelling",
            ))

        rival = next((j for j in earlier if items[j][4] != ekey), None)
        if rival is not None:
            a = items[rival][1]
            issues.append(_issue(
                e, "conflict",
                f"{e.ja} → {e.en!r} on line {e.line}, but {a.ja} → {a.en!r} on {_where(a, e)}",
            ))

        if ekey:
            earlier_set = set(earlier)
            other = next(
                (j for j in by_english.get(ekey, [])
                 if j not in earlier_set and not _declared_same(e, items[j][1])),
                None,
            )  # fmt: skip
            if other is not None:
                a = items[other][1]
                issues.append(_issue(
                    e, "shared-english",
                    f"{e.en!r} translates both {e.ja} (line {e.line}) and {a.ja} ({_where(a, e)}); "
                "different concepts?",
                ))

        if skey:
            by_surface[skey].append(i)
        if lkey:
            by_lemma[lkey].append(i)
        if ekey:
            by_english[ekey].append(i)

    issues.sort(key=lambda x: (x.path, x.line, _ORDER.get(x.code, len(_ORDER)), x.message))
    return issues


def _located(e: Entry, gf: GlossaryFile) -> Entry:
    return e if e.path else Entry(e.ja, e.en, e.variants, e.note, gf.path, e.line)


def _issue(e: Entry, code: str, message: str) -> LintIssue:
    return LintIssue(e.path, e.line, code, message)


def _declared_same(a: Entry, b: Entry) -> bool:
    """One entry's note is "=<the other's Japanese>" (optionally followed by a space and more
    text): the two are wordings of one concept."""
    return any(x.note == f"={y.ja}" or x.note.startswith(f"={y.ja} ") for x, y in ((a, b), (b, a)))


def _where(a: Entry, b: Entry) -> str:
    """'line N' for a line of b's file, 'path line N' otherwise."""
    return f"line {a.line}" if a.path == b.path else f"{a.path} line {a.line}"


def _whitespace(gf: GlossaryFile, e: Entry) -> list[LintIssue]:
    """Fields of the entry's raw line with leading or trailing whitespace."""
    path = e.path or gf.path
    raw = gf.lines[e.line - 1] if 0 < e.line <= len(gf.lines) else None
    if raw is not None:
        raw = raw.lstrip("\ufeff") if e.line == 1 else raw
        fields = raw.split("\t")
    else:
        fields = [e.ja, e.en, VARIANT_SEPARATOR.join(e.variants), e.note]
    found: list[str] = []
    for name, value in zip(_FIELD_NAMES, fields):
        if value != value.strip():
            found.append(name)
        elif name == "en_variants" and value:
            parts = value.split(VARIANT_SEPARATOR)
            if any(p != p.strip() for p in parts):
                found.append("en_variants (around ' | ')")
    if not found:
        return []
    return [LintIssue(path, e.line, "whitespace", f"leading or trailing whitespace in {', '.join(found)}")]
