"""Inputs taiyaku refuses before it spends the memory: over the byte limit, over the text
limit (characters, counted once a document is read, from the size alone for text files),
non-regular files; each with one line naming the file, the limit and how to raise it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.read import MAX_CHARS, read

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "iij-2003-05-fy2002q4.ja-en.txt"
DOCX = REPO / "tests" / "fixtures" / "office" / "tanshin.en.docx"


def test_the_default_text_limit_keeps_real_documents_and_stays_under_500_mb():
    # 8 million characters: 16 times a 有価証券報告書; at ~45 bytes a character, under 500 MB.
    assert 1_000_000 < MAX_CHARS <= 10_000_000
    assert len(CORPUS.read_text(encoding="utf-8")) < MAX_CHARS


def test_a_text_file_over_the_text_limit_is_refused_from_its_size(monkeypatch):
    """More than three bytes a character allowed: refused before it is decoded."""
    size = CORPUS.stat().st_size
    limit = size // 3 - 1
    monkeypatch.setenv("TAIYAKU_MAX_CHARS", str(limit))
    with pytest.raises(InputError) as e:
        read(CORPUS)
    msg = str(e.value)
    assert f"{size:,} bytes of text" in msg and f"{limit:,} characters" in msg and "TAIYAKU_MAX_CHARS" in msg


def test_a_text_file_is_measured_by_its_characters_once_decoded(monkeypatch):
    """Japanese text has fewer characters than bytes: counted once read."""
    chars = sum(len(line.text) for line in read(CORPUS).lines)
    assert chars < CORPUS.stat().st_size <= 3 * chars
    monkeypatch.setenv("TAIYAKU_MAX_CHARS", str(chars - 1))
    with pytest.raises(InputError, match=rf"{chars:,} characters of text, over the limit of {chars - 1:,}"):
        read(CORPUS)
    monkeypatch.setenv("TAIYAKU_MAX_CHARS", str(chars))
    assert read(CORPUS).lines  # at the limit it is read


def test_a_binary_document_is_measured_by_the_text_it_holds(monkeypatch):
    src = read(DOCX)
    chars = sum(len(line.text) for line in src.lines)
    assert chars < DOCX.stat().st_size  # a DOCX holds less text than bytes: its size alone says nothing
    monkeypatch.setenv("TAIYAKU_MAX_CHARS", str(chars - 1))
    with pytest.raises(InputError, match=rf"{chars:,} characters of text, over the limit of {chars - 1:,}"):
        read(DOCX)


def test_the_byte_limit(monkeypatch):
    monkeypatch.setenv("TAIYAKU_MAX_BYTES", "1000")
    with pytest.raises(InputError, match=r"bytes is over the 1,000-byte limit \(set TAIYAKU_MAX_BYTES"):
        read(CORPUS)


@pytest.mark.parametrize("var", ["TAIYAKU_MAX_BYTES", "TAIYAKU_MAX_CHARS"])
def test_a_bad_limit_is_named(monkeypatch, var):
    monkeypatch.setenv(var, "lots")
    with pytest.raises(InputError, match=rf"{var}='lots' is not a number"):
        read(CORPUS)


def test_devices_and_pipes_are_refused_without_waiting(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        read("/dev/zero")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait forever
    with pytest.raises(InputError, match="not a regular file"):
        read(fifo)


def test_the_command_line_says_it_in_one_line_and_exits_2(tmp_path):
    big = tmp_path / "big.ja-en.txt"
    big.write_bytes(CORPUS.read_bytes() * 3)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TAIYAKU_MAX_CHARS": str(CORPUS.stat().st_size // 2)}
    proc = subprocess.run([sys.executable, "-m", "taiyaku", "check", str(big)], env=env, capture_output=True,
                          text=True, encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120)  # fmt: skip
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "over the limit of" in proc.stderr and "Traceback" not in proc.stderr
