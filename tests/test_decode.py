"""Tests for taiyaku.io.decode: encoding detection, refusals, line numbering."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.read.decode import SourceText, decode_bytes, read_source

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
FY2002Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"

ENCODINGS = ["utf-8", "utf-8-sig", "cp932", "euc_jp"]


def corpus_lines(path: Path, first: int, last: int) -> list[str]:
    """Lines first..last (1-based, inclusive) of a UTF-8 corpus file."""
    return path.read_text(encoding="utf-8").split("\n")[first - 1 : last]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- round trips --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_corpus_excerpt_round_trips(tmp_path: Path, encoding: str) -> None:
    lines = corpus_lines(FY2002Q4, 19, 25)
    assert any("売上高" in line for line in lines)  # really Japanese text
    text = "\n".join(lines) + "\n"
    p = write(tmp_path, f"excerpt.{encoding}.txt", text.encode(encoding))
    src = read_source(p)
    assert src.encoding == encoding
    assert src.lines == tuple(lines)
    assert src.path == str(p)


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_whole_japanese_part_round_trips(tmp_path: Path, encoding: str) -> None:
    # Lines 1-330 are the Japanese half; drop characters the legacy codecs lack
    # (e.g. superscripts), keeping line structure.
    lines = [
        "".join(c for c in line if c.encode(encoding, "ignore"))
        for line in corpus_lines(FY2002Q4, 1, 330)
    ]
    data = ("\n".join(lines) + "\n").encode(encoding)
    src = decode_bytes(data, "ja.txt")
    assert src.encoding == encoding
    assert src.lines == tuple(lines)


# Short and katakana/full-width-digit sentences are the hard cases for telling
# cp932 from euc_jp, because EUC-JP bytes often also decode as cp932.
SENTENCES = [
    "円",
    "あ",
    "日本",
    "売上高",
    "株式会社",
    "テスト",
    "アイ",
    "ＩＩＪ",
    "１２３",
    "インターネット",
    "セキュリティ",
    "ネットワーク・サービス",
    "連結貸借対照表",
    "（単位：百万円）",
    "第４四半期",
    "２００３年３月期",
    "前年同期比７．７％増",
    "売上高は130億円でした。",
    "ｻｰﾋﾞｽ売上",
    "①　インターネット接続サービス",
    "営業損失は446百万円と前四半期対比改善を示した。",
    "システムインテグレーション売上は５，３２１百万円。",
]


def _representable(sentence: str, encoding: str) -> bool:
    try:
        sentence.encode(encoding)
    except UnicodeEncodeError:
        return False  # ① has no EUC-JP code
    return True


@pytest.mark.parametrize(
    ("sentence", "encoding"),
    [(s, e) for s in SENTENCES for e in ("cp932", "euc_jp") if _representable(s, e)],
)
def test_short_sentences_detected(sentence: str, encoding: str) -> None:
    data = sentence.encode(encoding)
    src = decode_bytes(data)
    assert (src.encoding, src.lines) == (encoding, (sentence,))


def test_every_japanese_corpus_line_detected_alone() -> None:
    """Each corpus line with Japanese in it, encoded alone, is detected correctly."""
    wrong = []
    checked = 0
    for path in sorted(CORPORA.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            for encoding in ("cp932", "euc_jp"):
                try:
                    data = line.encode(encoding)
                except UnicodeEncodeError:
                    continue
                if data.isascii():
                    continue
                checked += 1
                src = decode_bytes(data)
                if src.encoding != encoding or src.lines != (line,):
                    wrong.append((path.name, number, encoding, src.encoding))
    assert checked > 500
    assert wrong == []


def test_ascii_is_utf8() -> None:
    assert decode_bytes(b"Total revenues\t1,234\n").encoding == "utf-8"


# --- line numbering -----------------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_crlf_keeps_numbering(encoding: str) -> None:
    lines = corpus_lines(FY2002Q4, 19, 25)
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    src = decode_bytes(data)
    assert src.encoding == encoding
    assert src.lines == tuple(lines)
    assert all("\r" not in line for line in src.lines)


def test_line_splitting_rules() -> None:
    assert decode_bytes(b"a\nb\n").lines == ("a", "b")  # final newline: no extra line
    assert decode_bytes(b"a\nb").lines == ("a", "b")  # unterminated last line counts
    assert decode_bytes(b"a\n\nb\n\n").lines == ("a", "", "b", "")
    assert decode_bytes(b"\n").lines == ("",)
    assert decode_bytes(b"a\r\nb\nc\r\n").lines == ("a", "b", "c")  # mixed endings
    assert decode_bytes(b"a\r\r\n").lines == ("a\r",)  # only one trailing CR is removed
    assert decode_bytes(b"a\rb\n").lines == ("a\rb",)  # a lone CR does not end a line


def test_only_newline_splits_lines() -> None:
    # str.splitlines() would also split on all of these and shift line numbers.
    separators = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
    text = "".join(f"line{i}{sep}tail\n" for i, sep in enumerate(separators))
    src = decode_bytes(text.encode("utf-8"))
    assert len(src.lines) == len(separators)
    assert src.lines[7] == "line7\u2029tail"


def corpus_files() -> list[Path]:
    return sorted(CORPORA.glob("*.txt"))


def test_corpora_are_present() -> None:
    assert [p.name for p in corpus_files()] == [
        "iij-2001-11-fy2001q2.ja-en.txt",
        "iij-2002-05-6k-fy2001q4.en.txt",
        "iij-2002-08-fy2002q1.en.txt",
        "iij-2003-05-fy2002q4.ja-en.txt",
    ]


# `wc -l` counts newline characters: 636, 464, 359, 817.  Three of the four
# files lack a final newline, so `cat -n` numbers one more line than `wc -l`.
CAT_N_LINE_COUNTS = {
    "iij-2001-11-fy2001q2.ja-en.txt": (636, 637),
    "iij-2002-05-6k-fy2001q4.en.txt": (464, 465),
    "iij-2002-08-fy2002q1.en.txt": (359, 359),
    "iij-2003-05-fy2002q4.ja-en.txt": (817, 818),
}


@pytest.mark.parametrize("name", sorted(CAT_N_LINE_COUNTS))
def test_corpora_read_as_utf8_with_cat_n_numbering(name: str) -> None:
    path = CORPORA / name
    data = path.read_bytes()
    newlines, numbered = CAT_N_LINE_COUNTS[name]
    assert data.count(b"\n") == newlines  # what `wc -l` reports
    src = read_source(path)
    assert isinstance(src, SourceText)
    assert src.encoding == "utf-8"
    assert len(src.lines) == numbered == newlines + (not data.endswith(b"\n"))
    # Rejoining the lines restores the file byte for byte.
    rejoined = "\n".join(src.lines) + ("\n" if data.endswith(b"\n") else "")
    assert rejoined.encode("utf-8") == data


@pytest.mark.skipif(not (shutil.which("cat") and shutil.which("wc")), reason="needs coreutils")
@pytest.mark.parametrize("name", sorted(CAT_N_LINE_COUNTS))
def test_corpora_lines_match_cat_n(name: str) -> None:
    path = CORPORA / name
    src = read_source(path)
    wc = int(subprocess.run(["wc", "-l", str(path)], capture_output=True, check=True).stdout.split()[0])
    assert wc == CAT_N_LINE_COUNTS[name][0]
    out = subprocess.run(["cat", "-n", str(path)], capture_output=True, check=True).stdout.decode("utf-8")
    numbered = {}
    for row in out.split("\n"):
        if row:
            number, _, content = row.partition("\t")
            numbered[int(number)] = content
    assert len(numbered) == len(src.lines)
    for number, content in numbered.items():
        assert src.lines[number - 1] == content, f"line {number}"


# --- refusals -----------------------------------------------------------------


def refusal(tmp_path: Path, name: str, data: bytes) -> str:
    p = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_source(p)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"cannot read {p}: ")
    return message


def test_png_refused_as_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    msg = refusal(tmp_path, "x.png", png)
    assert msg.endswith(": binary data (not a text file)")


def test_random_bytes_with_nuls_refused_as_binary(tmp_path: Path) -> None:
    rng = random.Random(1234)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00"
    assert b"\x00" in data
    msg = refusal(tmp_path, "x.bin", data)
    assert msg.endswith(": binary data (not a text file)")


def test_random_bytes_without_nuls_refused(tmp_path: Path) -> None:
    rng = random.Random(99)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))
    msg = refusal(tmp_path, "x.dat", data)
    assert "binary data" in msg


def test_many_control_characters_refused_as_binary(tmp_path: Path) -> None:
    data = b"abc\x01\x02\x03def\x04\x05\x06ghi\x07\x08\x0e\n" * 10
    assert b"\x00" not in data
    msg = refusal(tmp_path, "x.ctl", data)
    assert msg.endswith(": binary data (not a text file)")


def test_few_control_characters_allowed() -> None:
    text = "売上高\t130億円\f\n" * 50 + "\x1a"  # tab, form feed and a DOS EOF byte
    src = decode_bytes(text.encode("utf-8"))
    assert src.encoding == "utf-8"
    assert len(src.lines) == 51


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_refused(tmp_path: Path, codec: str) -> None:
    text = "\n".join(corpus_lines(FY2002Q4, 19, 25)) + "\nTotal revenues\n"
    data = text.encode(codec)
    if codec == "utf-16-le":
        data = b"\xff\xfe" + data
    msg = refusal(tmp_path, "x.txt", data)
    assert "UTF-16 is not supported; save the file as UTF-8" in msg


def test_utf16_without_bom_refused(tmp_path: Path) -> None:
    data = "Internet Initiative Japan\nTotal revenues\n売上高\n".encode("utf-16-le")
    msg = refusal(tmp_path, "x.txt", data)
    assert "UTF-16 is not supported; save the file as UTF-8" in msg


def test_utf32_refused(tmp_path: Path) -> None:
    msg = refusal(tmp_path, "x.txt", "売上高\n".encode("utf-32"))
    assert "UTF-32 is not supported" in msg


def test_iso2022jp_refused(tmp_path: Path) -> None:
    data = "売上高は130億円\n".encode("iso2022_jp")
    assert data.isascii()  # would otherwise pass as UTF-8 gibberish
    msg = refusal(tmp_path, "x.txt", data)
    assert "ISO-2022-JP" in msg


@pytest.mark.parametrize(
    "data",
    [
        b"\x80\xff\xfe",
        b"Soci\xe9t\xe9 G\xe9n\xe9rale\n",  # Latin-1 "Société Générale"
        b"Gr\xfc\xdfe aus M\xfcnchen\n",  # Latin-1 "Grüße aus München"
        b"Total: 100 \xa3 / 120 \xa5\n",  # Latin-1 pound and yen signs
    ],
)
def test_latin1_refused(tmp_path: Path, data: bytes) -> None:
    for encoding in ("utf-8", "euc_jp"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    msg = refusal(tmp_path, "latin1.txt", data)
    assert "not UTF-8, Shift_JIS (CP932) or EUC-JP text" in msg
    assert "line 1" in msg


def test_invalid_utf8_reports_line() -> None:
    data = b"line one\nline two\nbad \xff\xfe byte\n"
    with pytest.raises(InputError, match=r"invalid UTF-8 at line 3"):
        decode_bytes(data, "f.txt")


def test_bad_utf8_after_bom_refused(tmp_path: Path) -> None:
    msg = refusal(tmp_path, "x.txt", b"\xef\xbb\xbfok\n\xff\n")
    assert "byte-order mark but is not valid UTF-8 (line 2)" in msg


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf"])
def test_empty_file_refused(tmp_path: Path, data: bytes) -> None:
    msg = refusal(tmp_path, "empty.txt", data)
    assert msg.endswith(": is empty")


def test_missing_file_refused(tmp_path: Path) -> None:
    p = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_source(p)
    assert str(info.value) == f"cannot read {p}: No such file"


def test_directory_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_source(tmp_path)
    assert str(info.value) == f"cannot read {tmp_path}: is a directory (expected a text file)"


def test_path_is_reported_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpora").mkdir()
    (tmp_path / "corpora" / "x.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\x02stream")
    with pytest.raises(InputError) as info:
        read_source("corpora/x.pdf")
    assert str(info.value) == "cannot read corpora/x.pdf: binary data (not a text file)"


def test_input_error_is_exception() -> None:
    assert issubclass(InputError, Exception)
    with pytest.raises(InputError, match="<bytes>: is empty"):
        decode_bytes(b"")


def test_source_text_is_frozen() -> None:
    src = decode_bytes(b"a\n")
    with pytest.raises(AttributeError):
        src.encoding = "cp932"  # type: ignore[misc]


def test_read_errors_become_input_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "x.txt", b"ok\n")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError) as info:
        read_source(p)
    assert str(info.value) == f"cannot read {p}: permission denied"

    def io_error(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", io_error)
    with pytest.raises(InputError) as info:
        read_source(p)
    assert str(info.value) == f"cannot read {p}: Input/output error"


def test_binary_with_utf8_bom_refused(tmp_path: Path) -> None:
    msg = refusal(tmp_path, "x.txt", b"\xef\xbb\xbf" + bytes(range(1, 32)) * 4)
    assert msg.endswith(": binary data (not a text file)")


def test_carriage_returns_alone_end_lines():
    # Classic Mac line ends: no line feed anywhere, so each CR ends a line.
    assert decode_bytes(b"a\rb\rc\r").lines == ("a", "b", "c")
    assert decode_bytes("売上高\t1,234\r営業利益\t567".encode()).lines == ("売上高\t1,234", "営業利益\t567")
    # With line feeds present, a lone CR stays inside its line (as cat -n counts).
    assert decode_bytes(b"a\rb\nc\n").lines == ("a\rb", "c")
