"""Problems: the findings of one run grouped by root cause, once, for every report.

Two findings belong to one problem when they point at the same thing on one side: the same
table cell (a Japanese share of total wrong against the English, TQ100, and against its own
total, TQ401; the English cell of that pair shown to be a rounding adjustment, TQ404), the
same prose figure (TQ500 against the English and TQ510 against its table), the same row label
(TQ300 and TQ301 on one English label), the same caption. "The same" is the same side, file,
page, line, value column and text; grouping is transitive. A finding that shares nothing is a
problem of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from .fingerprint import normalise
from .model import Finding, Location, Problem

Anchor = tuple[str, str, int | None, int, int | None, str]


def order(f: Finding) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where a finding stands, for sorting: its Japanese place first (the document under
    review), its English place for an English-only finding."""
    en = (f.en.page or 0, f.en.line) if f.en else (0, 0)
    return ((f.ja.page or 0, f.ja.line) if f.ja else en, en)


def anchors(f: Finding) -> list[Anchor]:
    """What a finding points at, one anchor per side with a text."""
    out = []
    for side, loc in (("ja", f.ja), ("en", f.en)):
        if loc is not None and loc.text.strip():
            out.append(_anchor(side, loc))
    return out


def _anchor(side: str, loc: Location) -> Anchor:
    return (side, loc.path, loc.page, loc.line, loc.column, normalise(loc.text))


def _rank(f: Finding, waived: frozenset[str]) -> tuple[int, int, int]:
    """Which finding of a problem comes first: open before waived, the most severe, the one
    naming both languages (it says which side is wrong)."""
    return (f.fingerprint not in waived, f.severity.rank, f.ja is not None and f.en is not None)


def group(findings: Iterable[Finding], waived: Iterable[str] = ()) -> tuple[Problem, ...]:
    """The problems the findings make (fingerprints set; `waived` the fingerprints a waiver
    matched), numbered 1, 2, ... in document order."""
    items = list(findings)
    waived_set = frozenset(waived)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[Anchor, int] = {}
    for i, f in enumerate(items):
        for a in anchors(f):
            j = first.setdefault(a, i)
            if j != i:
                ri, rj = root(i), root(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(root(i), []).append(i)
    groups = []
    for idx in members.values():
        # stable: among equals the earlier finding (rules run in code order) comes first
        ranked = sorted(idx, key=lambda i: _rank(items[i], waived_set), reverse=True)
        groups.append(tuple(items[i] for i in ranked))
    groups.sort(key=lambda g: (order(g[0]), g[0].code))
    return tuple(
        Problem(n, g, frozenset(f.fingerprint for f in g if f.fingerprint in waived_set))
        for n, g in enumerate(groups, 1)
    )
