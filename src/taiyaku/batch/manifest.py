"""The pairs of a batch, from a TSV manifest or a folder.

Manifest: one pair a line, `ja_path<TAB>en_path`, the second field empty (or absent) for a
bilingual or one-language file; `#` comments and blank lines are skipped; paths are relative to
the manifest's folder. A malformed line is a ManifestError naming its line; a missing input file
is not: it is that pair's error, recorded in the summary.

Folder (not recursive; hidden files left out; only .txt .tsv .pdf .htm .html .xhtml .docx
.xlsx): `X.ja.R` is paired with `X.en.R` (the same rest R), else with the one unpaired
`X.en.*` if there is exactly one; `X.ja-en.*` and every other file is checked alone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

INPUT_SUFFIXES = frozenset({".txt", ".tsv", ".pdf", ".htm", ".html", ".xhtml", ".docx", ".xlsx"})
_LANG = re.compile(r"^(?:(?P<stem>.*)\.)?(?P<lang>ja|en)\.(?P<rest>[^/]+)$")


class ManifestError(InputError):
    """A manifest that cannot be read (one line, naming the line)."""


@dataclass(frozen=True)
class Pair:
    ja: str  # the path as checked (the Japanese file, or the one file)
    en: str | None
    name: str  # the report's file name in OUTDIR: stable and unique
    line: int | None = None  # the manifest line


def report_name(ja: str, en: str | None) -> str:
    """A stable, unique file name for the report of a pair (readable part and a hash)."""

    def slug(s: str) -> str:
        return re.sub(r"[^A-Za-z0-9._-]+", "_", s).strip("_")[:60]

    readable = slug(ja) + (f"+{slug(Path(en).name)}" if en else "")
    digest = hashlib.sha1(f"{ja}\0{en or ''}".encode()).hexdigest()[:8]
    return f"{readable}.{digest}.json"


def read_manifest(path: Path) -> list[Pair]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(f"cannot read manifest {path}: No such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ManifestError(f"cannot read manifest {path}: {getattr(e, 'strerror', None) or e}") from None
    base = path.parent
    pairs: list[Pair] = []
    seen: dict[tuple[str, str | None], int] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > 2:
            raise ManifestError(f"{path}:{n}: expected ja_path<TAB>en_path, found {len(fields)} tab-separated fields")
        ja_field = fields[0].strip()
        en_field = fields[1].strip() if len(fields) == 2 else ""
        if not ja_field:
            raise ManifestError(f"{path}:{n}: the first field (the Japanese or bilingual file) is empty")
        rel = (ja_field, en_field or None)
        if rel in seen:
            raise ManifestError(f"{path}:{n}: the same pair as line {seen[rel]}")
        seen[rel] = n
        ja = str(base / ja_field)
        en = str(base / en_field) if en_field else None
        pairs.append(Pair(ja, en, report_name(*rel), n))
    if not pairs:
        raise ManifestError(f"{path}: no pairs (every line is blank or a comment)")
    return pairs


def pair_folder(folder: Path) -> list[Pair]:
    files = sorted(p.name for p in folder.iterdir()
                   if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in INPUT_SUFFIXES)  # fmt: skip
    by_stem: dict[str, dict[str, dict[str, str]]] = {}
    alone: list[str] = []
    for name in files:
        m = _LANG.match(name)
        if m is None:
            alone.append(name)
        else:
            by_stem.setdefault(m["stem"] or "", {"ja": {}, "en": {}})[m["lang"]][m["rest"]] = name
    found: list[tuple[str, str | None]] = [(a, None) for a in alone]
    for sides in by_stem.values():
        ja, en = dict(sides["ja"]), dict(sides["en"])
        for rest in sorted(set(ja) & set(en)):
            found.append((ja.pop(rest), en.pop(rest)))
        if len(ja) == 1 and len(en) == 1:
            found.append((ja.popitem()[1], en.popitem()[1]))
        found.extend((name, None) for name in [*ja.values(), *en.values()])
    if not found:
        raise ManifestError(f"{folder}: no input files (.txt .tsv .pdf .htm .html .xhtml .docx .xlsx)")
    return [Pair(str(folder / ja), str(folder / en) if en else None, report_name(ja, en))
            for ja, en in sorted(found)]  # fmt: skip


def pairs_of(source: Path) -> list[Pair]:
    """The pairs of a manifest file or a folder; ManifestError (one line) when it is bad."""
    if source.is_dir():
        return pair_folder(source)
    return read_manifest(source)
