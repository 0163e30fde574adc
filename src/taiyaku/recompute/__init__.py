"""The recompute stage: what the figures imply, computed once per check under the options in
force, as frozen records the checks read (taiyaku.model.arithmetic).

- derive.py, footing.py, roles.py: footings, shares of total, change rates and USD
  conversions inside each document;
- compare.py: the figures of aligned cells compared across languages;
- money.py, tieout.py: prose figures tied to the tables of their own document;
- prose.py: Japanese prose figures with no English counterpart.
"""

from __future__ import annotations

from ..model import Alignment, Convention, Recomputation
from .compare import compare_cells
from .derive import analyse
from .prose import unmatched_japanese
from .tieout import document_tieouts

__all__ = ["recompute"]


def recompute(alignment: Alignment, convention: Convention | None = None) -> Recomputation:
    """Everything the checks read, for the documents of `alignment` (one or two).

    `convention` (round / truncate) overrides what each document declares.
    """
    documents = tuple(analyse(doc, convention) for doc in alignment.documents)
    tieouts = tuple(t for doc in alignment.documents for t in document_tieouts(doc, convention))
    by_mention: dict = {}
    for t in tieouts:
        key = (t.lang, t.line, t.mention)
        by_mention[key] = by_mention.get(key, ()) + (t,)
    cells = compare_cells(alignment, convention)
    return Recomputation(documents, cells, tieouts, unmatched_japanese(alignment), by_mention)
