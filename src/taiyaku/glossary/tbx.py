"""Glossary interchange: TBX (ISO 30042) and CSV.

TBX written here is the ISO 30042 core structure (``martif`` / ``termEntry`` / ``langSet`` /
``tig``), one ``termEntry`` per glossary entry::

    <termEntry id="e1">
      <descrip type="note">...</descrip>                        (only if the entry has a note)
      <langSet xml:lang="ja"><tig><term>借入金</term></tig></langSet>
      <langSet xml:lang="en">
        <tig><term>Borrowings</term>
             <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>Loans payable</term>
             <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>

:func:`from_tbx` also reads TBX v3 (``tbx`` / ``conceptEntry`` / ``langSec`` / ``termSec``) and
``ntig``/``termGrp`` terms, with or without namespaces.  Per term entry: every Japanese term
becomes one :class:`Entry`; the English term marked ``preferredTerm-admn-sts`` (else the first
English term) is ``en``, the other English terms are variants in document order, except those
marked deprecated or superseded.  Term entries without both a Japanese and an English term
(other language pairs) are skipped.

CSV: :func:`to_csv` writes ``ja,en,en_variants,note``.  :func:`from_csv` reads that, and also
label tables such as the EDINET/TDnet taxonomy label CSVs (``prefix,element,role,label_ja,
label_en``), the edinet_dict CSV (``prefix,element,label_ja,label_en,source_commits``) and the
EDINET code list (a title line, then ``ＥＤＩＮＥＴコード,...,提出者名,提出者名（英字）,...``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from xml.parsers import expat

from ..errors import InputError
from .store import VARIANT_SEPARATOR, Entry

__all__ = ["CSV_HEADER", "from_csv", "from_tbx", "to_csv", "to_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_REJECTED = {"deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}
# Characters XML 1.0 cannot carry.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

CSV_HEADER = ("ja", "en", "en_variants", "note")


# ---------------------------------------------------------------------------- TBX


def to_tbx(entries: Iterable[Entry]) -> str:
    """The entries as a TBX (ISO 30042 core structure) document, UTF-8, with XML declaration."""
    root = ET.Element("martif", {"type": "TBX", _XML_LANG: "en"})
    header = ET.SubElement(root, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    source_desc = ET.SubElement(file_desc, "sourceDesc")
    ET.SubElement(source_desc, "p").text = "taiyaku glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for n, e in enumerate(entries, start=1):
        for value in (e.ja, e.en, e.note, *e.variants):
            bad = _NOT_XML.search(value)
            if bad:
                raise InputError(
                    f"cannot write TBX: {e.ja} contains character U+{ord(bad.group()):04X}, "
                    "which XML cannot carry"
                )
        term_entry = ET.SubElement(body, "termEntry", {"id": f"e{n}"})
        if e.note:
            ET.SubElement(term_entry, "descrip", {"type": "note"}).text = e.note
        ja = ET.SubElement(term_entry, "langSet", {_XML_LANG: "ja"})
        ET.SubElement(ET.SubElement(ja, "tig"), "term").text = e.ja
        en = ET.SubElement(term_entry, "langSet", {_XML_LANG: "en"})
        for term, status in [(e.en, _PREFERRED), *((v, _ADMITTED) for v in e.variants)]:
            tig = ET.SubElement(en, "tig")
            ET.SubElement(tig, "term").text = term
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True).decode("utf-8") + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def _descendants(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el.iter() if c is not el and _local(c.tag) in names]


def _lang(el: ET.Element) -> str:
    for name, value in el.attrib.items():
        if _local(name) == "lang":
            return value.strip().lower()
    return ""


def _entry_lines(text: str) -> list[int]:
    """Line numbers of the term entries' start tags, in document order."""
    lines: list[int] = []
    parser = expat.ParserCreate()

    def start(name: str, attrs: dict) -> None:
        if _local(name) in ("termEntry", "conceptEntry"):
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    try:
        parser.Parse(text, True)
    except expat.ExpatError:
        pass
    return lines


def _terms(lang_set: ET.Element) -> list[tuple[str, str]]:
    """(term text, administrative status) for each term of a language section."""
    found: list[tuple[str, str]] = []
    for holder in _children(lang_set, "tig", "ntig", "termSec"):
        term = next(iter(_descendants(holder, "term")), None)
        if term is None:
            continue
        text = "".join(term.itertext())
        status = ""
        for note in _descendants(holder, "termNote"):
            if note.get("type") == "administrativeStatus":
                status = (note.text or "").strip()
        found.append((text, status))
    return found


def from_tbx(text: str, path: str = "<tbx>") -> list[Entry]:
    """Entries of a TBX document; InputError if it is not XML or not TBX-shaped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise InputError(f"cannot read {path}: not well-formed XML ({e})") from None
    if _local(root.tag) not in ("martif", "tbx"):
        root_name = _local(root.tag)
        raise InputError(f"cannot read {path}: not TBX (root element is <{root_name}>, expected <martif> or <tbx>)")
    bodies = [b for t in _children(root, "text") for b in _children(t, "body")]
    if not bodies:
        raise InputError(f"cannot read {path}: not TBX (no <text><body>)")
    entry_elements = [e for b in bodies for e in _children(b, "termEntry", "conceptEntry")]
    lines = _entry_lines(text)
    if len(lines) != len(entry_elements):
        lines = [0] * len(entry_elements)

    entries: list[Entry] = []
    for element, line in zip(entry_elements, lines):
        notes = [
            "".join(d.itertext())
            for d in _children(element, "descrip", "note")
            if _local(d.tag) == "note" or d.get("type") == "note"
        ]
        note = "; ".join(n for n in notes if n)
        ja_terms: list[str] = []
        en_terms: list[tuple[str, str]] = []
        for lang_set in _children(element, "langSet", "langSec"):
            lang = _lang(lang_set)
            if lang == "ja" or lang.startswith("ja-"):
                ja_terms.extend(t for t, _ in _terms(lang_set) if t)
            elif lang == "en" or lang.startswith("en-"):
                en_terms.extend((t, s) for t, s in _terms(lang_set) if t and s not in _REJECTED)
        if not ja_terms or not en_terms:
            continue
        preferred = next((i for i, (_, s) in enumerate(en_terms) if s == _PREFERRED), 0)
        en = en_terms[preferred][0]
        variants = tuple(t for i, (t, _) in enumerate(en_terms) if i != preferred)
        entries.extend(Entry(ja, en, variants, note, path, line) for ja in ja_terms)
    return entries


# ---------------------------------------------------------------------------- CSV


def to_csv(entries: Iterable[Entry]) -> str:
    """The entries as CSV with header ``ja,en,en_variants,note`` (variants joined by " | ")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow([e.ja, e.en, VARIANT_SEPARATOR.join(e.variants), e.note])
    return out.getvalue()


def _column_name(name: str) -> str:
    return re.sub(r"[\s_\-]+", "_", unicodedata.normalize("NFKC", name).strip().lower())


# Column names (after _column_name) recognised in external label tables, best first.
_JA_COLUMNS = (
    "ja", "label_ja", "ja_label", "japanese", "japanese_label", "label_jp", "日本語", "日本語ラベル", "提出者名",
)  # fmt: skip
_EN_COLUMNS = ("en", "label_en", "en_label", "english", "english_label", "英語", "英語ラベル", "提出者名(英字)")
_ID_COLUMNS = ("element", "concept", "element_id", "concept_id", "id", "edinetコード", "name")
_NOT_LABEL_ROLES = {"documentation"}


# Translation-tool glossaries name their columns by direction, not by language.
_SOURCE_COLUMNS = ("source_term", "source", "src", "term", "原文", "訳語元")
_TARGET_COLUMNS = ("translated_term", "target_term", "target", "translation", "tgt", "訳語", "訳文")
_FORMAT_COMMENT = re.compile(r"^\s*#\s*(?:format|columns)\s*:\s*(.+)$", re.I)


def _source_target(columns: list[str], body: list[tuple[int, list[str]]]) -> tuple[int | None, int | None]:
    """The (ja, en) columns of a source/target glossary: the source is Japanese when most of
    its cells are written in Japanese script, else the target is (an English-to-Japanese file)."""
    src, tgt = _find(columns, _SOURCE_COLUMNS), _find(columns, _TARGET_COLUMNS)
    if src is None or tgt is None:
        return None, None
    from ..lang.script import has_japanese

    sample = [r for _, r in body[:200] if len(r) > max(src, tgt)]
    ja_src = sum(has_japanese(r[src]) for r in sample)
    ja_tgt = sum(has_japanese(r[tgt]) for r in sample)
    if ja_src >= ja_tgt and ja_src * 2 > len(sample):
        return src, tgt
    if ja_tgt > ja_src and ja_tgt * 2 > len(sample):
        return tgt, src
    return None, None


def _find(columns: list[str], wanted: tuple[str, ...]) -> int | None:
    for name in wanted:
        if name in columns:
            return columns.index(name)
    return None


def from_csv(text: str, path: str = "<csv>") -> list[Entry]:
    """Entries of a CSV glossary or of an external Japanese/English label table.

    Our own format (header ``ja,en,en_variants,note``; ``ja,en`` alone also accepted) is read
    strictly and cells are kept as written: a row with an empty ja or en, or with more cells
    than the header, raises InputError.  Other tables are searched
    for a Japanese and an English label column (``label_ja``/``label_en``, ``提出者名``/
    ``提出者名（英字）``...) in the first two rows; rows lacking either label, and
    ``documentation`` role rows, are skipped; ``note`` is the element id (``prefix:element``)
    or the EDINET code when the table has one.  A translation tool's glossary (``source_term,
    translated_term``, the header row or a ``# Format: ...`` comment naming the columns, such as
    YakuLingo's) is read with its Japanese side found from the script of its cells; ``#``
    comment lines are skipped.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            rows.append((start, row))  # the line the record starts on
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(f"cannot read {path}: not valid CSV (line {reader.line_num}: {e})") from None
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    # Comment lines ("# YakuLingo - Glossary File"); one of them may declare the columns of a
    # headerless file: "# Format: source_term,translated_term".
    declared: list[str] | None = None
    body_rows: list[tuple[int, list[str]]] = []
    for n, r in rows:
        if r[0].lstrip().startswith("#"):
            m = _FORMAT_COMMENT.match(",".join(r))
            if m and declared is None and not body_rows:
                declared = [c.strip() for c in m.group(1).split(",")]
            continue
        body_rows.append((n, r))
    rows = body_rows
    if not rows:
        raise InputError(f"cannot read {path}: the CSV is empty")

    if declared is not None:
        rows = [(0, declared), *rows]  # the declared columns act as the header row
    for h, (_, header) in enumerate(rows[:2]):  # noqa: B007  (h is the header row found)
        columns = [_column_name(c) for c in header]
        ja_col, en_col = _find(columns, _JA_COLUMNS), _find(columns, _EN_COLUMNS)
        if ja_col is None or en_col is None:
            ja_col, en_col = _source_target(columns, rows[h + 1:])
        if ja_col is not None and en_col is not None:
            break
    else:
        shown = ", ".join(rows[0][1])[:200]
        raise InputError(
            f"cannot read {path}: no Japanese and English label columns in the CSV header "
            f"(expected ja,en,en_variants,note, label_ja,label_en or source_term,translated_term; found: {shown})"
        )

    body = rows[h + 1:]
    own = columns == list(CSV_HEADER[: len(columns)])  # ja,en[,en_variants[,note]]
    if own:
        return _read_own(body, len(columns), path)

    id_col = _find(columns, _ID_COLUMNS)
    prefix_col = _find(columns, ("prefix",))
    role_col = _find(columns, ("role",))
    entries: list[Entry] = []
    for line, row in body:
        def cell(i: int | None, row: list[str] = row) -> str:
            # A line break inside a quoted cell ("Mar. Profit/\nMix etc.") is a wrapped label.
            return " ".join(row[i].split()) if i is not None and i < len(row) else ""

        ja, en = cell(ja_col), cell(en_col)
        if not ja or not en or cell(role_col) in _NOT_LABEL_ROLES:
            continue
        note = cell(id_col)
        if note and cell(prefix_col):
            note = f"{cell(prefix_col)}:{note}"
        entries.append(Entry(ja, en, (), note, path, line))
    return entries


def _read_own(body: list[tuple[int, list[str]]], width: int, path: str) -> list[Entry]:
    entries: list[Entry] = []
    for line, row in body:
        if len(row) > width:
            raise InputError(f"cannot read {path}: line {line} has {len(row)} cells, the header has {width}")
        row = row + [""] * (len(CSV_HEADER) - len(row))
        ja, en, variants_cell, note = row[: len(CSV_HEADER)]  # kept as written (lint reports spacing)
        if not ja.strip() or not en.strip():
            missing = " and ".join(n for n, v in (("ja", ja), ("en", en)) if not v.strip())
            raise InputError(f"cannot read {path}: line {line} has an empty {missing}")
        variants = tuple(variants_cell.split(VARIANT_SEPARATOR)) if variants_cell else ()
        if any(not v.strip() for v in variants):
            raise InputError(f"cannot read {path}: line {line} has an empty English variant")
        entries.append(Entry(ja, en, variants, note, path, line))
    return entries
