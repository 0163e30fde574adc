"""Fingerprints: what identifies a finding across runs, so that a waiver stays valid when the
documents are edited elsewhere.

A fingerprint is made of what the finding is about, never of where it stands: the rule code,
the sides it names (Japanese, English or both), and for each side the text there (the figure,
the row label, the caption) and its context (row | column with the column's period for a
cell, the table for a row, the normalised sentence for a prose figure). Line numbers, pages,
sheet cells, file paths, the table pair's name and the message (which quotes positions) are
left out: inserting a line above a table, renaming a file, correcting a caption or rewording a
message keeps every fingerprint. Editing the figure, the label, the column's period or the
sentence makes a new finding, which is what a reviewer wants.

    TQ100-5b0d7f6e2c1a9384

Two findings of one run with the same fingerprint (the same rule on two cells that read
alike in every respect but their place) are told apart by a suffix in document order: the
second is TQ100-5b0d7f6e2c1a9384-2.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from .model import Finding, Location

try:  # the built-in SHA-256: hashlib's loads OpenSSL first (a few ms of every run)
    from _sha256 import sha256
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import sha256

SCHEME = "v1"  # changes only with a migration of existing baselines

# Positions a context or group may quote ("表 5. その他 line 91", "lines 393-395", "p.4 l.12",
# "Sheet1!C12", "table 2 row 5 cell 3", "table at line 91"): replaced by a word without digits.
_PLACES = (
    (re.compile(r"\bp\.\s?\d+(?:\s?l\.\s?\d+)?"), "p."),
    (re.compile(r"\bl\.\s?\d+"), "l."),
    (re.compile(r"\blines?\s+\d+(?:\s*(?:,|-|–|and|to)\s*\d+)*"), "line"),
    (re.compile(r"\btable\s+\d+\s+row\s+\d+(?:\s+cell\s+\d+)?"), "cell"),
    (re.compile(r"\brows?\s+\d+(?:\s*(?:,|-|–)\s*\d+)*"), "row"),
    (re.compile(r"!\$?[A-Z]{1,3}\$?\d+\b"), "!cell"),
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, spacing collapsed: "ＩＰ  サービス" and "IP サービス" fingerprint alike."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def unplaced(text: str) -> str:
    """`text` normalised, with the positions it quotes replaced by words without digits."""
    s = normalise(text)
    for pattern, word in _PLACES:
        s = pattern.sub(word, s)
    return s


def _side(tag: str, loc: Location | None) -> list[str]:
    if loc is None:
        return [tag, "-"]
    return [tag, normalise(loc.text), unplaced(loc.context)]


def fingerprint(f: Finding) -> str:
    """The fingerprint of one finding (without the suffix that tells repeats apart)."""
    parts = [SCHEME, f.code, *_side("ja", f.ja), *_side("en", f.en)]
    digest = sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{f.code}-{digest}"


def fingerprinted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings with their fingerprints set, repeats suffixed -2, -3, ... in order."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = fingerprint(f)
        n = seen[base] = seen.get(base, 0) + 1
        out.append(dataclasses.replace(f, fingerprint=base if n == 1 else f"{base}-{n}"))
    return tuple(out)
