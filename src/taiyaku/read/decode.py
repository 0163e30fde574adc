"""Read a disclosure file and decode it to lines, detecting its encoding.

Accepted encodings: UTF-8 (with or without BOM), Shift_JIS/CP932 and EUC-JP.

Detection order:

1. Empty data, UTF-16/UTF-32 (BOM, or NULs at every other byte), other NUL
   bytes, a high share of control bytes and ISO-2022-JP escape sequences are
   refused.  A UTF-8 BOM then means ``utf-8-sig``.
2. Otherwise the data is ``utf-8`` if it decodes strictly as UTF-8.
3. Otherwise it is decoded strictly as ``cp932`` and as ``euc_jp``.  When both
   succeed, each candidate text is scored by how plausible its non-ASCII
   characters are as Japanese (see :func:`_plausibility`) and the higher score
   wins (ties go to cp932).  A winner whose score is too low to be Japanese
   text (e.g. Latin-1 bytes that happen to be valid CP932) is refused.

Line numbering matches ``cat -n``: the text is split on ``\\n`` only, one
trailing ``\\r`` is removed from each line, and a final newline does not start
an extra line.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from taiyaku.errors import InputError

__all__ = ["InputError", "SourceText", "decode_bytes", "read_source"]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

# Control bytes other than \t \n \f \r (and NUL, checked separately).  All
# accepted encodings use only bytes >= 0x40 inside multi-byte characters, so
# counting these on the raw bytes is encoding independent.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_CONTROL_SHARE_BINARY = 0.05  # share of control bytes above which data is binary

# ISO-2022-JP designations: ESC $ @, ESC $ B, ESC $ ( D, ESC ( J, ESC ( I.
_ISO2022_RE = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\([JI])")

# Characters Python's cp932 codec produces for bytes that are not Shift_JIS
# at all (0x80 -> U+0080, 0xA0 -> U+F8F0, 0xFD..0xFF -> U+F8F1..U+F8F3).
_CP932_NON_SJIS_RE = re.compile("[\x80\uf8f0-\uf8f3]")

_ENCODING_NAMES = "UTF-8, Shift_JIS (CP932) or EUC-JP"

# Plausibility weights of non-ASCII characters (see _char_weight).
_W_GOOD = 1.0     # kana, CJK punctuation, full-width ASCII, JIS level-1 kanji
_W_OK = 0.5       # JIS level-2 kanji, JIS X 0208 symbols, NEC special characters
_W_HALFWIDTH = 0.5  # half-width katakana letters (ｦ..ﾝ, ﾞ, ﾟ)
_W_HALFWIDTH_PUNCT = 0.0  # half-width ｡｢｣､･ (what EUC-JP kana turn into when read as cp932)
_W_RARE = 0.0     # any other character (IBM extension kanji, JIS X 0212, ...)
_W_BAD = -2.0     # C1 controls, private use, U+FFFD, noncharacters
# Minimum plausibility of a text decoded as cp932/euc_jp.  Real Japanese text
# scores around 0.9-1.0; mis-decoded text scores far lower.
_MIN_PLAUSIBILITY = 0.3


@dataclass(frozen=True)
class SourceText:
    path: str
    encoding: str  # "utf-8", "utf-8-sig", "cp932", "euc_jp"
    lines: tuple[str, ...]  # the file's lines without line terminators; lines[0] is line 1


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read and decode a text file; raise InputError with a one-line reason on failure."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if p.is_dir():
            raise InputError(f"cannot read {name}: is a directory (expected a text file)")
        data = p.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"cannot read {name}: No such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {name}: is a directory (expected a text file)") from None
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied") from None
    except OSError as e:
        reason = e.strerror or e.__class__.__name__
        raise InputError(f"cannot read {name}: {reason}") from None
    return decode_bytes(data, name)


def decode_bytes(data: bytes, path: str = "<bytes>") -> SourceText:
    """Detect the encoding of ``data`` and split it into lines."""

    def fail(reason: str) -> InputError:
        return InputError(f"cannot read {path}: {reason}")

    if not data:
        raise fail("is empty")
    if data.startswith(_UTF32_BOMS):
        raise fail("UTF-32 is not supported; save the file as UTF-8")
    if data.startswith(_UTF16_BOMS):
        raise fail("UTF-16 is not supported; save the file as UTF-8")

    if data == _UTF8_BOM:
        raise fail("is empty")

    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise fail("looks like UTF-16 (no byte-order mark); UTF-16 is not supported; save the file as UTF-8")
        raise fail("binary data (not a text file)")
    n_control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if _ISO2022_RE.search(data):
        raise fail("ISO-2022-JP (JIS) encoding is not supported; save the file as UTF-8")
    if n_control >= 2 and n_control > _CONTROL_SHARE_BINARY * len(data):
        raise fail("binary data (not a text file)")

    if data.startswith(_UTF8_BOM):
        try:
            text = data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError as e:
            line = _line_of(data, len(_UTF8_BOM) + e.start)
            raise fail(f"starts with a UTF-8 byte-order mark but is not valid UTF-8 (line {line})") from None
        return SourceText(path, "utf-8-sig", _split_lines(text))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error_line = _line_of(data, e.start)
    else:
        return SourceText(path, "utf-8", _split_lines(text))

    candidates: list[tuple[str, str]] = []
    try:
        sjis = data.decode("cp932")
    except UnicodeDecodeError:
        pass
    else:
        if not _CP932_NON_SJIS_RE.search(sjis):
            candidates.append(("cp932", sjis))
    try:
        candidates.append(("euc_jp", data.decode("euc_jp")))
    except UnicodeDecodeError:
        pass

    if not candidates:
        if n_control * 100 > len(data):
            raise fail("binary data (not a text file)")
        raise fail(f"not {_ENCODING_NAMES} text (invalid UTF-8 at line {utf8_error_line})")

    scored = [(_plausibility(text), -i, enc, text) for i, (enc, text) in enumerate(candidates)]
    score, _, encoding, text = max(scored)
    if score < _MIN_PLAUSIBILITY:
        raise fail(
            f"not {_ENCODING_NAMES} text (invalid UTF-8 at line {utf8_error_line}, "
            "and not plausible Japanese in Shift_JIS or EUC-JP)"
        )
    return SourceText(path, encoding, _split_lines(text))


def _split_lines(text: str) -> tuple[str, ...]:
    """Split like ``cat -n`` numbers lines: on \\n only, dropping one trailing \\r per line;
    a file with carriage returns and no line feed at all (classic Mac line ends) on \\r."""
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline does not start another line
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return tuple(lines)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """NUL bytes concentrated at every other position, as in UTF-16 without a BOM."""
    half = len(data) // 2
    if half < 2:
        return False
    even = data[0 : 2 * half : 2].count(0)
    odd = data[1 : 2 * half : 2].count(0)
    hi, lo = max(even, odd), min(even, odd)
    return hi >= 0.2 * half and lo <= 0.1 * hi


def _plausibility(text: str) -> float:
    """Mean weight of the non-ASCII characters of ``text`` as Japanese (-2.0 .. 1.0).

    Linear time: characters are counted once, then each distinct character is
    weighed.  Text with no non-ASCII characters scores 1.0.
    """
    counts = Counter(text)
    total = 0
    weighted = 0.0
    for ch, n in counts.items():
        if ch < "\x80":
            continue
        total += n
        weighted += n * _char_weight(ch)
    return weighted / total if total else 1.0


def _char_weight(ch: str) -> float:
    cp = ord(ch)
    if 0x3040 <= cp <= 0x30FF or 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E:
        return _W_GOOD  # hiragana, katakana, CJK punctuation, full-width ASCII/digits
    if 0xFF66 <= cp <= 0xFF9F:
        return _W_HALFWIDTH
    if 0xFF61 <= cp <= 0xFF65:
        return _W_HALFWIDTH_PUNCT
    if (
        cp <= 0x9F  # C1 controls
        or 0xE000 <= cp <= 0xF8FF  # private use (cp932 user-defined area, etc.)
        or cp == 0xFFFD
        or 0xFDD0 <= cp <= 0xFDEF
        or (cp & 0xFFFE) == 0xFFFE
    ):
        return _W_BAD
    level1, ok = _jis_tables()
    if ch in level1:
        return _W_GOOD
    if ch in ok:
        return _W_OK
    return _W_RARE


@lru_cache(maxsize=1)
def _jis_tables() -> tuple[frozenset[str], frozenset[str]]:
    """(JIS X 0208 level-1 kanji, level-2 kanji + JIS X 0208 symbols + NEC special chars)."""

    def row(lead: int, encoding: str, trails: range) -> list[str]:
        chars = []
        for trail in trails:
            try:
                chars.append(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                pass
        return chars

    euc_cells = range(0xA1, 0xFF)
    level1 = {c for r in range(16, 48) for c in row(0xA0 + r, "euc_jp", euc_cells)}
    ok = {c for r in range(48, 85) for c in row(0xA0 + r, "euc_jp", euc_cells)}
    ok.update(c for r in range(1, 9) for c in row(0xA0 + r, "euc_jp", euc_cells))
    ok.update(row(0x87, "cp932", range(0x40, 0x9D)))  # NEC row 13: ①, Ⅰ, ㈱, ...
    return frozenset(level1), frozenset(ok - level1)
