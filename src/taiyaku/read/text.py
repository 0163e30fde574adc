"""The text reader: a decoded text file as source lines.

A line holding a tab is one row of a table, its cells split on tabs (the corpora's format,
and what spreadsheet copy-paste gives); any other line is prose. Line numbers are the
file's own (`cat -n`).
"""

from __future__ import annotations

import os

from ..model import Source, SourceLine
from .decode import SourceText, decode_bytes, read_source


def read_text(path: str | os.PathLike[str]) -> Source:
    """Read and decode a text file; raise InputError with a one-line reason on failure."""
    return from_text(read_source(path))


def read_text_bytes(path: str, data: bytes) -> Source:
    """The text reader of taiyaku.read: decoded `data` of the file at `path`."""
    return from_text(decode_bytes(data, path))


def from_text(text: SourceText) -> Source:
    lines = tuple(
        SourceLine(t, no, tuple(t.split("\t")) if "\t" in t else None)
        for no, t in enumerate(text.lines, 1)
    )
    return Source(text.path, "text", text.encoding, lines)
