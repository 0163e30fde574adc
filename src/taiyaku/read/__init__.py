"""The read stage: bytes -> `Source` records, and a bilingual source split by language.

`read(path)` reads a file (refusing what is too large or not a regular file), finds its
format from its content (magic bytes, markup; the extension only breaks ties), and hands the
bytes to that format's reader; `split_languages` finds the Japanese and English parts of one
source. Readers are registered by format name and imported only when a file of their
format is read, so checking text never loads a PDF or Office library.

A reader is a function `(path: str, data: bytes) -> Source` that raises InputError with a
one-line reason for input it cannot read (encrypted, corrupt, no text layer, ...).
"""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Source
from .split import split_languages

__all__ = ["MAX_BYTES", "MAX_CHARS", "READERS", "read", "sniff", "split_languages"]

Reader = Callable[[str, bytes], Source]

# format -> (module under taiyaku.read, function)
READERS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text_bytes"),
    "pdf": ("pdf", "read_pdf"),
    "html": ("html", "read_html"),
    "docx": ("docx", "read_docx"),
    "xlsx": ("xlsx", "read_xlsx"),
}

# Inputs larger than this are refused before they are read (TAIYAKU_MAX_BYTES overrides).
MAX_BYTES = 200 * 1024 * 1024
# Documents holding more text than this (characters) are refused once read, before they are
# parsed (TAIYAKU_MAX_CHARS overrides): a check needs about 45 bytes of memory per character
# (7.3 million characters peak at 386 MB), so the default keeps a run under 500 MB. A 有価証券報告書
# holds about half a million characters. A text file of more than three bytes a character
# allowed (UTF-8 Japanese) is refused from its size alone, before it is decoded.
MAX_CHARS = 8_000_000
TEXT_BYTES_PER_CHAR = 3

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .doc/.xls, or an encrypted OOXML file
_MARKUP_START = (b"<!doctype html", b"<html", b"<?xml", b"<!--", b"<head", b"<body", b"<table", b"<meta", b"<div")


def _env_limit(var: str, default: int, unit: str) -> int:
    """A limit set by environment variable `var` (at least 1), else `default`."""
    value = os.environ.get(var)
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            raise InputError(f"{var}={value!r} is not a number of {unit}") from None
    return default


def max_bytes() -> int:
    return _env_limit("TAIYAKU_MAX_BYTES", MAX_BYTES, "bytes")


def max_chars() -> int:
    return _env_limit("TAIYAKU_MAX_CHARS", MAX_CHARS, "characters")


def read(path: str | os.PathLike[str]) -> Source:
    """The lines of one input file; raise InputError with a one-line reason when it cannot be read."""
    name = os.fspath(path)
    data = read_bytes(name)
    fmt = sniff(data, name)
    limit = max_chars()
    if fmt == "text" and len(data) > TEXT_BYTES_PER_CHAR * limit:
        raise InputError(_too_much(name, f"{len(data):,} bytes of text", limit))
    src = reader(fmt)(name, data)
    chars = sum(len(line.text) for line in src.lines)
    if chars > limit:
        raise InputError(_too_much(name, f"{chars:,} characters of text", limit))
    return src


def _too_much(name: str, what: str, limit: int) -> str:
    return (f"cannot check {name}: it holds {what}, over the limit of {limit:,} characters (about 500 MB "
            "of memory); split the document, or set TAIYAKU_MAX_CHARS to raise the limit")  # fmt: skip


def read_bytes(name: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, refused above `limit` (default: max_bytes())."""
    limit = max_bytes() if limit is None else limit
    p = Path(name)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"cannot read {name}: No such file") from None
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied") from None
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror or e.__class__.__name__}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"cannot read {name}: is a directory (expected a document file)")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"cannot read {name}: not a regular file (a device, pipe or socket)")
    if st.st_size > limit:
        raise InputError(f"cannot read {name}: {st.st_size:,} bytes is over the {limit:,}-byte limit "
                         "(set TAIYAKU_MAX_BYTES to raise it)")  # fmt: skip
    try:
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied") from None
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror or e.__class__.__name__}") from None
    if len(data) > limit:
        raise InputError(f"cannot read {name}: over the {limit:,}-byte limit (set TAIYAKU_MAX_BYTES to raise it)")
    return data


def sniff(data: bytes, name: str = "") -> str:
    """The format of `data`: "pdf", "docx", "xlsx", "html" or "text"; InputError for a file
    that is none of them (a ZIP of something else, a legacy or encrypted Office file)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_ZIP):
        return _zip_format(data, name)
    if data.startswith(_OLE):
        raise InputError(f"cannot read {name}: an encrypted (password-protected) Office file, or a legacy "
                         ".doc/.xls; remove the password or save it as .docx/.xlsx")  # fmt: skip
    if _looks_like_markup(data[:4096]):
        return "html"
    return "text"


def _zip_format(data: bytes, name: str) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(f"cannot read {name}: a damaged ZIP archive (a truncated or corrupt DOCX/XLSX?)") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise InputError(f"cannot read {name}: a ZIP archive that is neither a Word (.docx) nor an Excel (.xlsx) file")


def _looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(_MARKUP_START) and (b"<html" in text or b"<body" in text or b"<table" in text
                                          or b"xhtml" in text):  # fmt: skip
        return True
    return text.startswith((b"<!doctype html", b"<html"))


def reader(fmt: str) -> Reader:
    module, function = READERS[fmt]
    found: Reader = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    return found
