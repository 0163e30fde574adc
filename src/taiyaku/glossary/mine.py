"""Grow and measure glossaries from aligned documents: `suggest` and `coverage`."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.script import has_japanese
from ..model import Alignment, Document
from .keys import en_key, surface_key
from .lookup import Glossary


@dataclass(frozen=True)
class Suggestion:
    ja: str
    en: str
    count: int
    confidence: float  # mean score of the row pairs it was mined from
    status: str  # "new", "known" (the glossary accepts it) or "conflict" (the glossary says otherwise)
    glossary_en: str  # what the glossary has, for known and conflicting entries
    sources: tuple[str, ...]  # "path:ja_line/en_line"


def suggest(alignments: list[Alignment], glossary: Glossary) -> list[Suggestion]:
    """Candidate ja/en pairs from the aligned rows of bilingual documents."""
    found: dict[tuple[str, str], dict] = {}
    for alignment in alignments:
        assert alignment.ja is not None
        for tp in alignment.tables:
            for rp in tp.rows:
                if rp.ja is None or rp.en is None or not has_japanese(rp.ja.label) or not rp.en.label:
                    continue
                key = (surface_key(rp.ja.label), en_key(rp.en.label))
                slot = found.setdefault(key, {"ja": rp.ja.label, "en": rp.en.label, "scores": [], "sources": []})
                slot["scores"].append(rp.evidence.score)
                slot["sources"].append(f"{alignment.ja.path}:{rp.ja.line}/{rp.en.line}")
    out = []
    for slot in found.values():
        match = glossary.lookup(slot["ja"], fuzzy=False)
        if match is None:
            status, existing = "new", ""
        elif match.accepts(slot["en"]):
            status, existing = "known", match.entry.en
        else:
            status, existing = "conflict", match.entry.en
        scores = slot["scores"]
        out.append(Suggestion(slot["ja"], slot["en"], len(scores), round(sum(scores) / len(scores), 3),
                              status, existing, tuple(slot["sources"])))  # fmt: skip
    order = {"conflict": 0, "new": 1, "known": 2}
    out.sort(key=lambda s: (order[s.status], -s.count, s.ja))
    return out


def suggestions_tsv(suggestions: list[Suggestion]) -> str:
    lines = ["ja\ten\tcount\tconfidence\tstatus\tglossary_en\tsources"]
    for s in suggestions:
        lines.append("\t".join([s.ja, s.en, str(s.count), f"{s.confidence:.2f}", s.status,
                                s.glossary_en, " ".join(s.sources)]))  # fmt: skip
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Coverage:
    path: str
    known: int
    total: int
    unknown: tuple[tuple[str, int], ...]  # (label, first line)

    @property
    def percent(self) -> float:
        return 100.0 * self.known / self.total if self.total else 100.0


def coverage(doc: Document, glossary: Glossary) -> Coverage:
    """Share of the distinct Japanese row labels (labels with Japanese script) the glossary knows."""
    labels: dict[str, int] = {}
    for table in doc.tables:
        for row in table.rows:
            if has_japanese(row.label):
                labels.setdefault(row.label, row.line)
    unknown = tuple((label, line) for label, line in labels.items() if glossary.lookup(label, fuzzy=False) is None)
    return Coverage(doc.path, len(labels) - len(unknown), len(labels), unknown)
