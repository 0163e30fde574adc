"""The align stage: Japanese tables, columns, rows and prose lines paired with English ones.

Each level is one optimal assignment (assign.py) scored by the figures the two sides share,
helped by captions, periods, glossary labels and position (tables.py, columns.py, rows.py,
labels.py, signature.py); prose lines are paired on shared figures (sentences.py).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Alignment, Document
from .labels import LabelScorer
from .sentences import align_sentences
from .tables import align_documents

__all__ = ["align"]


def align(ja: Document, en: Document, labels: LabelScorer | None = None) -> Alignment:
    """Tables, columns and rows, then prose lines."""
    return replace(align_documents(ja, en, labels), sentences=align_sentences(ja, en))
