"""Names: one company or person spelled two ways in the English.

A translation that writes a subsidiary "Sample Engineering Co., Ltd." in one place and
"Sample Engineer Co., Ltd." in another, or an officer "Yuuki Tanaka" and "Yuki Tanaka", has
one of them wrong. Company names are the capitalised words before a company suffix (Co.,
Ltd., Corporation, Inc. …); two that differ by a few letters (not by a whole word added or
left out) are one name spelled two ways. Personal names are two capitalised words; two that
are the same once long vowels are written one way (uu/u, ou/o, oo/o, oh/o) are one name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from rapidfuzz import fuzz

from ...lang import en as en_lang
from ...model import Document, Finding, Severity
from ..context import CheckContext, at, positions
from ..registry import Rule, register

SIMILAR = 90.0  # rapidfuzz ratio above which two different company names are one misspelt

_SUFFIX = "|".join(re.escape(s) for s in sorted(en_lang.COMPANY_SUFFIXES, key=len, reverse=True))
_COMPANY = re.compile(rf"\b((?:[A-Z][A-Za-z&\-]*\s){{1,5}})({_SUFFIX})(?![A-Za-z])")
_PERSON = re.compile(r"\b([A-Z][a-z]{2,})\s([A-Z][a-z]{2,})\b")
# Words that open a sentence or a title and make two capitalised words no personal name.
_NOT_NAMES = frozenset({"The", "This", "These", "That", "Our", "Net", "Total", "For", "In", "As", "On", "At"})


def _long_vowels(word: str) -> str:
    w = word.lower()
    for a, b in en_lang.LONG_VOWELS:
        w = w.replace(a, b)
    return w


def _texts(doc: Document) -> Iterator[tuple[int, str]]:
    """(line, text) of the prose and of the words in tables: row labels and cells that hold
    no figure ("(3) Name and title of representative | Yuki Tanaka, Representative Director")."""
    for p in doc.paragraphs:
        yield p.line, p.text
    for t in doc.tables:
        for r in t.rows:
            yield r.line, r.label
            for c in r.cells:
                if c.quantity is None and c.date is None:
                    yield r.line, c.text


def _occurrences(doc: Document) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    companies: dict[str, list[int]] = defaultdict(list)
    people: dict[str, list[int]] = defaultdict(list)
    for line, text in _texts(doc):
        for m in _COMPANY.finditer(text):
            companies[" ".join(m.group(0).split())].append(line)
        for m in _PERSON.finditer(text):
            if m.group(1) not in _NOT_NAMES:
                people[m.group(0)].append(line)
    return companies, people


def _pairs(names: dict[str, list[int]], same: Callable[[str, str], bool]) -> Iterator[tuple[str, str]]:
    ordered = sorted(names)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if same(a, b):
                yield a, b


def _same_company(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[-1] != wb[-1]:
        return False  # a word added or left out, or another suffix: another company
    return fuzz.ratio(a, b) >= SIMILAR


def _same_person(a: str, b: str) -> bool:
    return a.split() != b.split() and [_long_vowels(w) for w in a.split()] == [_long_vowels(w) for w in b.split()]


@register
class NameSpelledTwoWays(Rule):
    """One company or person spelled two ways in the English, in its prose or its tables
    ("Sample Engineering Co., Ltd." and "Sample Engineer Co., Ltd."; "Yuuki Tanaka" and "Yuki
    Tanaka")."""

    code = "TQ304"
    name = "name-spelled-two-ways"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        en = ctx.alignment.en
        if en is None:
            return
        companies, people = _occurrences(en)
        # Only names that can be compared: a few dozen per document, so pairs are cheap; a
        # document with thousands of names is looked at in its first thousand.
        for kind, names, same in (("company", companies, _same_company), ("name", people, _same_person)):
            if len(names) > 1000:
                names = dict(list(names.items())[:1000])
            for a, b in _pairs(names, same):
                rare, common = sorted((a, b), key=lambda x: (len(names[x]), x))
                msg = (f"the {kind} '{rare}' ({positions(en, names[rare])}) is also written '{common}' "
                       f"({positions(en, names[common])}): one of them is misspelt")  # fmt: skip
                yield self.finding(msg, None, at(en, names[rare][0], rare, common), group=f"names: {common}")
