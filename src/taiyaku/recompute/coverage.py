"""What a check read and compared, counted from the documents, the alignment and the
recomputation; and the reason a run that compared nothing cannot pass."""

from __future__ import annotations

from ..model import Alignment, Coverage, Document, DocumentCoverage, Input, Lang, Recomputation


def document_coverage(doc: Document) -> DocumentCoverage:
    cells = sum(1 for t in doc.tables for r in t.rows for c in r.cells if c.quantity is not None)
    prose = sum(len(u.mentions) for u in doc.prose)
    return DocumentCoverage(len(doc.tables), cells, prose, len(doc.paragraphs))


def coverage(alignment: Alignment, recomputed: Recomputation) -> Coverage:
    ja = document_coverage(alignment.ja) if alignment.ja is not None else None
    en = document_coverage(alignment.en) if alignment.en is not None else None
    paired = sum(1 for tp in alignment.tables if tp.ja is not None and tp.en is not None)
    cells = sum(1 for c in recomputed.cells if c.comparison is not None)
    prose = sum(1 for sp in alignment.sentences for mp in sp.mentions if mp.ja is not None and mp.en is not None)
    derived = sum(len(ta.derivations) + len(ta.relations) for da in recomputed.documents for ta in da.tables)
    return Coverage(ja, en, paired, cells, prose, derived + len(recomputed.tieouts))


# What an empty reading of each format most likely means.
_LIKELY_CAUSE = {
    "pdf": "a scanned PDF without a text layer? run OCR first",
    "html": "an HTML page without the disclosure's text or tables (a frame, or content loaded by scripts)?",
    "docx": "a document whose content is in images or text boxes?",
    "xlsx": "a workbook whose sheets are empty or hidden?",
    "text": "is this the disclosure? tables need tab- or space-aligned columns",
}


def unchecked(cov: Coverage, inputs: tuple[Input, ...]) -> str | None:
    """Why the run checked nothing, in one line, or None when it checked something.

    A language part with no table and no figure was not read; a run with no figure compared
    across languages and none recomputed inside one compared nothing.
    """
    for lang, doc in ((Lang.JA, cov.ja), (Lang.EN, cov.en)):
        if doc is not None and doc.tables == 0 and doc.figures == 0:
            source = _input_of(inputs, lang)
            cause = _LIKELY_CAUSE.get(source.format if source else "text", _LIKELY_CAUSE["text"])
            name = source.path if source else "the input"
            return f"{lang.value}: 0 tables, 0 figures in {name} — {cause}"
    if cov.compared_cells == 0 and cov.compared_prose_figures == 0 and cov.recomputed == 0:
        parts = [f"{lang}: {d.tables} tables, {d.figures} figures" for lang, d in (("ja", cov.ja), ("en", cov.en)) if d]
        return (f"nothing was compared ({'; '.join(parts)}): no figure of one language was paired with the other, "
                "and none could be recomputed")  # fmt: skip
    return None


def _input_of(inputs: tuple[Input, ...], lang: Lang) -> Input | None:
    for i in inputs:
        if i.lang == lang.value or i.lang == "ja+en":
            return i
    return None
