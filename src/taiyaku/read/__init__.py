"""The read stage: bytes -> `Source` records, and a bilingual source split by language.

`read(path)` picks the reader for a file and returns its lines; `split_languages` finds the
Japanese and English parts of one source (decode.py, split.py, text.py).
"""

from __future__ import annotations

import os

from ..model import Source
from .split import split_languages
from .text import read_text

__all__ = ["read", "split_languages"]


def read(path: str | os.PathLike[str]) -> Source:
    """The lines of one input file; raise InputError with a one-line reason when it cannot be read."""
    return read_text(path)
