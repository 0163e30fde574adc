"""Opening OOXML ZIPs safely: refused from the archive's directory before anything is inflated."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.read import read, sniff
from taiyaku.read.archive import Limits, footnote_mark, join_broken, open_archive
from taiyaku.read.docx import read_docx
from taiyaku.read.xlsx import read_xlsx

OFFICE = Path(__file__).parent / "fixtures" / "office"
MB = 1024 * 1024


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _zeros_member(z: zipfile.ZipFile, name: str, size: int) -> None:
    chunk = b"\0" * MB
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        for _ in range(size // MB):
            f.write(chunk)


def _bomb(kind: str, size: int) -> bytes:
    """A DOCX/XLSX-looking archive with one member of `size` zero bytes (deflated ~1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
        _zeros_member(z, main, size)
    return buf.getvalue()


def _one_line(e: pytest.ExceptionInfo[InputError]) -> str:
    text = str(e.value)
    assert "\n" not in text and text.startswith("cannot read ")
    return text


def test_a_good_archive_opens_and_reads_its_members():
    arc = open_archive("x.docx", _zip({"a.xml": b"<a/>", "dir/b.xml": b"<b>1</b>"}), "DOCX")
    assert arc.names == ("a.xml", "dir/b.xml")
    assert arc.read_part("dir/b.xml") == b"<b>1</b>"
    assert arc.xml("dir/b.xml").text == "1"


@pytest.mark.parametrize("reader, kind", [(read_docx, "docx"), (read_xlsx, "xlsx")])
def test_a_zip_bomb_is_refused_before_it_is_inflated(reader, kind):
    data = _bomb(kind, 300 * MB)  # 300 MB of zeros in well under 1 MB
    assert len(data) < 2 * MB
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as e:
            reader(f"bomb.{kind}", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "would inflate to 300 MB" in _one_line(e)
    assert peak < 5 * MB  # nothing was inflated


def test_a_member_that_inflates_too_many_times_its_size_is_refused():
    data = _bomb("docx", 20 * MB)  # under the part limit, but ~1000:1
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as e:
            read_docx("ratio.docx", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "ZIP bomb" in _one_line(e) and "times its compressed size" in str(e.value)
    assert peak < 5 * MB


def test_the_total_uncompressed_size_is_limited():
    data = _zip({f"part{i}.bin": bytes(range(256)) * 40 for i in range(5)})  # 5 x 10 KB
    limits = Limits(max_total=40_000, max_part=20_000)
    with pytest.raises(InputError) as e:
        open_archive("big.xlsx", data, "XLSX", limits)
    assert "would inflate to more than" in _one_line(e)


def test_an_oversized_part_is_refused():
    with pytest.raises(InputError) as e:
        open_archive("big.xlsx", _zip({"xl/worksheets/sheet1.xml": b"x" * 5000}), "XLSX", Limits(max_part=4096))
    assert "xl/worksheets/sheet1.xml would inflate" in _one_line(e)


def test_too_many_members_are_refused():
    data = _zip({f"m{i}": b"" for i in range(10_001)}, zipfile.ZIP_STORED)
    with pytest.raises(InputError) as e:
        open_archive("many.docx", data, "DOCX")
    assert "10,001 members" in _one_line(e)


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/x.xml"])
def test_unsafe_member_names_are_refused(name):
    with pytest.raises(InputError) as e:
        open_archive("x.docx", _zip({"word/document.xml": b"<a/>", name: b"x"}), "DOCX")
    assert "unsafe name" in _one_line(e)


def test_a_truncated_archive_is_refused():
    good = (OFFICE / "tanshin.ja.docx").read_bytes()
    for cut in (len(good) // 2, len(good) - 30, 100):
        with pytest.raises(InputError) as e:
            read_docx("cut.docx", good[:cut])
        assert "damaged ZIP archive" in _one_line(e)


def _corrupt_member(data: bytes, name: str) -> bytes:
    """`data` with the compressed bytes of member `name` damaged in the middle."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    header = data[info.header_offset : info.header_offset + 30]
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_len + extra_len
    mid = start + info.compress_size // 2
    out = bytearray(data)
    for k in range(mid, min(mid + 64, start + info.compress_size)):
        out[k] ^= 0x5A
    return bytes(out)


def test_a_damaged_member_gives_one_line():
    good = (OFFICE / "tanshin.ja.docx").read_bytes()
    with pytest.raises(InputError) as e:
        read_docx("bad.docx", _corrupt_member(good, "word/document.xml"))
    assert "word/document.xml" in _one_line(e)


def test_a_member_larger_than_its_entry_says_is_not_read_past_it():
    data = bytearray(_zip({"word/document.xml": b"<w:document>" + b"a" * 10_000 + b"</w:document>"}))
    # shrink the declared uncompressed size in the central directory and the local header
    for sig, off in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        pos = data.find(sig)
        data[pos + off : pos + off + 4] = struct.pack("<I", 100)
    arc = open_archive("lie.docx", bytes(data), "DOCX")
    with pytest.raises(InputError) as e:
        arc.read_part("word/document.xml")
    assert "damaged DOCX archive" in _one_line(e)


def test_xml_that_is_not_well_formed_gives_one_line():
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(InputError) as e:
        read_docx("broken.docx", data)
    assert "word/document.xml is not well-formed XML" in _one_line(e)


def test_entities_are_not_expanded():
    doc = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           b"<w:t>&b;x</w:t></w:r></w:p></w:body></w:document>")  # fmt: skip
    src = read_docx("ent.docx", _zip({"word/document.xml": doc}))
    assert "aaaaaaaaaa" not in "".join(src.texts)


def test_a_password_protected_workbook_is_an_ole_file_refused_with_a_reason(tmp_path):
    data = (OFFICE / "encrypted.xlsx").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # a CFB container, not a ZIP
    assert b"EncryptionInfo" in data.replace(b"\0", b"")
    with pytest.raises(InputError) as e:
        sniff(data, "encrypted.xlsx")
    assert "password-protected" in _one_line(e)
    with pytest.raises(InputError) as e:
        read(OFFICE / "encrypted.xlsx")
    assert "remove the password" in _one_line(e)


def test_join_broken_joins_lines_with_a_space_except_between_japanese():
    assert join_broken(["親会社株主に帰属", "する当期純利益"]) == "親会社株主に帰属する当期純利益"
    assert join_broken(["Profit attributable", "to owners of parent"]) == "Profit attributable to owners of parent"
    assert join_broken(["売上高", "(百万円)"]) == "売上高 (百万円)"
    assert join_broken(["  a ", "", "b  c"]) == "a b c"


@pytest.mark.parametrize("text, expected", [
    ("1", "^{1}"), ("*2", "^{*2}"), ("(*)3", "^{(*)3}"), ("※1", "^{※1}"), ("(注)2", "^{(注)2}"),
    ("26", "^{26}"), ("st", "st"), ("th", "th"), ("TM", "TM"), ("", ""),
])  # fmt: skip
def test_footnote_marks(text, expected):
    assert footnote_mark(text) == expected
