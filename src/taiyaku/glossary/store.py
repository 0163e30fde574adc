"""Glossary files: read, parse and append to them without losing anything.

Format (see DESIGN.md, "Glossaries"): UTF-8 TSV, one concept a line::

    ja<TAB>en<TAB>en_variants<TAB>note

- ``en_variants`` holds alternative English renderings separated by `` | ``.
- Trailing empty fields may be omitted; ``ja`` and ``en`` are required.
- Lines starting with ``#`` are comments; blank lines are allowed.
- An optional header line, exactly ``ja<TAB>en<TAB>en_variants<TAB>note``, may be the
  first line that is neither blank nor a comment.

Fields are read with surrounding whitespace removed (``lint`` reports such whitespace).
Malformed lines never raise: they become :class:`Problem` records, so that a glossary with one
bad line can still be used and fixed.

:func:`add` appends (or, with ``force``, replaces in place) one entry.  It holds an exclusive
lock on ``<file>.lock`` while it re-reads the file, checks for conflicts and writes the new
text atomically, so concurrent writers never lose each other's entries.  Every other line,
comment, byte-order mark and line ending is kept byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_text_atomic
from ..errors import InputError
from ..read.decode import decode_bytes, read_source
from .keys import en_key, lemma_key, surface_key

__all__ = [
    "HEADER",
    "VARIANT_SEPARATOR",
    "Entry",
    "GlossaryConflict",
    "GlossaryFile",
    "Problem",
    "add",
    "conflicts",
    "load",
    "parse",
]

HEADER = "ja\ten\ten_variants\tnote"
VARIANT_SEPARATOR = " | "
_FIELDS = 4
_BOM = "\ufeff"
_NEW_FILE_HEADER = (
    "# taiyaku glossary: Japanese→English account labels, one concept a line.\n"
    "# ja<TAB>en<TAB>en_variants<TAB>note (UTF-8; variants separated by \" | \")\n"
)


@dataclass(frozen=True)
class Entry:
    """One concept: a Japanese label, its English, accepted English variants and a note.

    ``path`` and ``line`` say where the entry was read from; they are not part of the
    entry's identity (two entries with the same text compare equal wherever they came from).
    """

    ja: str
    en: str
    variants: tuple[str, ...] = ()
    note: str = ""
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    def to_line(self) -> str:
        """The TSV line for this entry (no line terminator); trailing empty fields omitted."""
        fields = [self.ja, self.en, VARIANT_SEPARATOR.join(self.variants), self.note]
        while len(fields) > 2 and fields[-1] == "":
            fields.pop()
        return "\t".join(fields)


@dataclass(frozen=True)
class Problem:
    """A line that could not be read as an entry.

    ``kind`` is ``"empty-field"`` for a line whose ja or en is empty, ``"conflict"`` for an
    entry whose Japanese key an earlier line of the same file gives other English (see
    :func:`conflicts`; :func:`parse` never makes these) and ``"malformed"`` for everything
    else (wrong number of fields, empty variant, misplaced header...).
    """

    path: str
    line: int
    message: str
    kind: str = "malformed"

    def __str__(self) -> str:
        """``path:line: message``, as the commands report it."""
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class GlossaryFile:
    path: str
    lines: tuple[str, ...]  # the raw lines (without line terminators), exactly as in the file
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]


class GlossaryConflict(InputError):
    """An entry cannot be added: the glossary already has it, or has it with other English.

    ``kind`` is ``"duplicate"`` or ``"conflict"``; ``existing`` is the entry already in the
    file (with its line number) and ``new`` the entry that was refused.
    """

    def __init__(self, message: str, kind: str, existing: Entry, new: Entry) -> None:
        super().__init__(message)
        self.kind = kind
        self.existing = existing
        self.new = new


# ---------------------------------------------------------------------------- reading


def _split_lines(text: str) -> list[str]:
    """Split as taiyaku.io.decode numbers lines: on \\n only, one trailing \\r dropped per line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def parse(text: str, path: str = "<text>") -> GlossaryFile:
    """Parse glossary text; malformed lines become :class:`Problem` records, never exceptions."""
    return _parse_lines(_split_lines(text), path)


def _parse_lines(lines: list[str] | tuple[str, ...], path: str) -> GlossaryFile:
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen_content = False
    for number, raw in enumerate(lines, start=1):
        line = raw[1:] if number == 1 and raw.startswith(_BOM) else raw
        if not line.strip() or line.startswith("#"):
            continue
        first_content = not seen_content
        seen_content = True
        if line == HEADER:
            if not first_content:
                problems.append(
                    Problem(path, number, "header line 'ja<TAB>en<TAB>en_variants<TAB>note' is only "
                            "allowed as the first non-comment line")
                )
            continue
        result = _parse_line(line, path, number)
        if isinstance(result, Entry):
            entries.append(result)
        else:
            problems.append(result)
    return GlossaryFile(path, tuple(lines), tuple(entries), tuple(problems))


def _parse_line(line: str, path: str, number: int) -> Entry | Problem:
    fields = line.split("\t")
    if len(fields) < 2:
        return Problem(path, number, "expected at least 2 tab-separated fields (ja, en), found 1")
    if len(fields) > _FIELDS:
        return Problem(
            path, number,
            f"expected at most {_FIELDS} tab-separated fields (ja, en, en_variants, note), "
            f"found {len(fields)} (a tab inside a field?)",
        )
    fields += [""] * (_FIELDS - len(fields))
    ja, en, variants_field, note = (f.strip() for f in fields)
    if not ja or not en:
        missing = " and ".join(name for name, value in (("ja", ja), ("en", en)) if not value)
        return Problem(path, number, f"empty {missing} field", kind="empty-field")
    variants: tuple[str, ...] = ()
    if variants_field:
        variants = tuple(v.strip() for v in variants_field.split(VARIANT_SEPARATOR))
        if any(not v for v in variants):
            return Problem(path, number, 'empty English variant (variants are separated by " | ")')
    return Entry(ja, en, variants, note, path, number)


def _read_bytes(name: str) -> bytes | None:
    """The file's bytes, or None if it does not exist; InputError if it cannot be read."""
    p = Path(name)
    try:
        if p.is_dir():
            raise InputError(f"cannot read {name}: is a directory (expected a glossary file)")
        return p.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        return None
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied") from None
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror or e.__class__.__name__}") from None


def _is_empty(data: bytes) -> bool:
    return data in (b"", _BOM.encode("utf-8"))


def load(path: str | os.PathLike[str]) -> GlossaryFile:
    """Read and parse a glossary file.

    A missing, unreadable or binary file raises :class:`InputError` (one line).  An empty file
    is an empty glossary.  Malformed lines are reported as ``problems``.
    """
    name = os.fspath(path)
    if Path(name).is_file():
        try:
            if _is_empty(Path(name).read_bytes()):
                return GlossaryFile(name, (), (), ())
        except OSError:
            pass  # read_source gives the one-line reason
    source = read_source(name)
    return _parse_lines(source.lines, name)


def conflicts(gf: GlossaryFile, keys: Sequence[str] | None = None) -> tuple[Problem, ...]:
    """Entries whose Japanese surface key an earlier line of the same file gives other English
    (en_key): the later line wins the lookup, so the earlier one is silently unused. Each is a
    ``"conflict"`` :class:`Problem` at the later line, naming the earlier one. ``keys`` are the
    entries' surface keys when the caller has them already."""
    seen: dict[str, Entry] = {}
    found: list[Problem] = []
    for e, key in zip(gf.entries, keys if keys is not None else [surface_key(e.ja) for e in gf.entries], strict=True):
        old = seen.get(key)
        if old is not None and en_key(old.en) != en_key(e.en):
            found.append(Problem(
                gf.path, e.line,
                f"{_show(e)} conflicts with line {old.line}: {_show(old)} (same Japanese, other English; "
                f"line {e.line} wins)",
                kind="conflict",
            ))  # fmt: skip
        seen[key] = e
    return tuple(found)


# ---------------------------------------------------------------------------- writing


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the sidecar ``<target>.lock`` (created if needed, kept)."""
    lock_path = target.with_name(target.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise InputError(f"cannot lock {target}: {e.strerror or e.__class__.__name__} ({lock_path})") from None
    try:
        _lock_fd(fd)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _lock_fd(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt
        import time

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:
                time.sleep(0.05)
    fcntl.flock(fd, fcntl.LOCK_EX)


def _check_new_entry(entry: Entry) -> Entry:
    """The entry with its fields stripped; InputError if it cannot be written as one TSV line."""
    clean = Entry(
        entry.ja.strip(),
        entry.en.strip(),
        tuple(v.strip() for v in entry.variants),
        entry.note.strip(),
    )
    fields = [("ja", clean.ja), ("en", clean.en), ("note", clean.note)]
    fields += [("English variant", v) for v in clean.variants]
    for name, value in fields:
        if any(ch in value for ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
            raise InputError(f"cannot add {clean.ja or '(empty)'}: the {name} contains a tab or line break")
    if not clean.ja:
        raise InputError("cannot add an entry with an empty Japanese label")
    if not clean.en:
        raise InputError(f"cannot add {clean.ja}: the English is empty")
    if clean.ja.startswith("#"):
        raise InputError(f"cannot add {clean.ja}: a Japanese label starting with '#' would be read as a comment")
    for v in clean.variants:
        if not v:
            raise InputError(f"cannot add {clean.ja}: an English variant is empty")
        if VARIANT_SEPARATOR in v or v.startswith("|") or v.endswith("|"):
            raise InputError(f"cannot add {clean.ja}: the English variant {v!r} contains ' | ', the variant separator")
    if clean.to_line() == HEADER:
        raise InputError("cannot add an entry that reads as the header line")
    return clean


def _same_concept(a: Entry, b: Entry) -> bool:
    sa, sb = surface_key(a.ja), surface_key(b.ja)
    if sa and sa == sb:
        return True
    la, lb = lemma_key(a.ja), lemma_key(b.ja)
    return bool(la) and la == lb


def _brings_nothing_new(existing: Entry, new: Entry) -> bool:
    have = {en_key(existing.en), *(en_key(v) for v in existing.variants)}
    return all(en_key(v) in have for v in new.variants) and new.note in ("", existing.note)


def _show(entry: Entry) -> str:
    return f"{entry.ja} → {entry.en}"


def add(path: str | os.PathLike[str], entry: Entry, force: bool = False) -> str:
    """Append ``entry`` to the glossary at ``path``; return a one-line message saying what was done.

    The file is created (with a short comment header) if missing.  Under an exclusive lock the
    file is re-read and the entry compared with every existing entry whose surface key or lemma
    key equals the new one's:

    - same English (en_key) and no new variants or note: :class:`GlossaryConflict` ("already
      exists"), whatever ``force`` says;
    - otherwise: :class:`GlossaryConflict` naming the existing line and its English, unless
      ``force`` is true, in which case the first such line is replaced in place by the new
      entry and any further lines with the same key are removed -- the message names each.
    """
    name = os.fspath(path)
    target = Path(name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {name}: folder {folder} does not exist")
    new = _check_new_entry(entry)

    with _locked(target):
        data = _read_bytes(name)
        if data is None:
            text = _NEW_FILE_HEADER
        elif _is_empty(data):
            text = data.decode("utf-8")  # "" or a lone byte-order mark, kept
        else:
            source = decode_bytes(data, name)  # clear errors for binary/undecodable files
            if source.encoding not in ("utf-8", "utf-8-sig"):
                raise InputError(
                    f"cannot add to {name}: it is {source.encoding} text; glossaries are UTF-8 "
                    "(convert the file first)"
                )
            text = data.decode("utf-8")
        current = parse(text, name)

        matches = [e for e in current.entries if _same_concept(e, new)]
        for old in matches:
            if en_key(old.en) == en_key(new.en) and _brings_nothing_new(old, new):
                raise GlossaryConflict(
                    f"{new.ja} → {new.en} already exists in {name} (line {old.line}: {_show(old)})",
                    "duplicate", old, new,
                )
        if matches and not force:
            old = matches[0]
            if en_key(old.en) == en_key(new.en):
                why = "with other variants or note"
            else:
                why = f"with different English: {old.en!r}, not {new.en!r}"
            raise GlossaryConflict(
                f"{name} line {old.line} already has {_show(old)} ({why}); use --force to replace it",
                "conflict", old, new,
            )

        last = text.rfind("\n")  # new lines end like the file's last line
        newline = "\r\n" if last > 0 and text[last - 1] == "\r" else "\n"
        if matches:
            text, message = _replace(text, matches, new, name)
        else:
            if text and not text.endswith("\n"):
                text += newline
            text += new.to_line() + newline
            number = len(_split_lines(text))
            message = f"added {_show(new)} to {name} (line {number})"
        write_text_atomic(target, text)
    return message


def _replace(text: str, matches: list[Entry], new: Entry, name: str) -> tuple[str, str]:
    """Replace the first matching line by ``new`` and remove the others; keep every other byte.

    ``matches`` are in file order, so the removed lines all come after the replaced one.
    """
    parts = text.split("\n")  # parts[i] is line i+1 (with its \r, if any)
    first, others = matches[0], matches[1:]
    old = parts[first.line - 1]
    prefix = _BOM if first.line == 1 and old.startswith(_BOM) else ""
    suffix = "\r" if old.endswith("\r") else ""
    parts[first.line - 1] = prefix + new.to_line() + suffix
    for other in reversed(others):
        del parts[other.line - 1]
    message = f"replaced {_show(first)} with {_show(new)} in {name} (line {first.line})"
    if others:
        gone = ", ".join(f"line {o.line}: {_show(o)}" for o in others)
        message += f"; removed the other lines with the same key ({gone})"
    return "\n".join(parts), message


def add_many(
    path: str | os.PathLike[str], entries: list[Entry], force: bool = False
) -> tuple[list[str], list[Entry], list[GlossaryConflict]]:
    """Add many entries under one lock and one atomic write (for `glossary import`).

    Same rules as :func:`add`, entry by entry, except that an entry whose English (and
    variants) the glossary already has is "already present" whatever its note says. A
    conflict is collected instead of raised (nothing is dropped silently: every refused
    entry comes back with its reason). Returns (messages for what was added or replaced,
    entries already present, conflicts).
    """
    name = os.fspath(path)
    target = Path(name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {name}: folder {folder} does not exist")
    news = [_check_new_entry(e) for e in entries]
    done: list[str] = []
    present: list[Entry] = []
    refused: list[GlossaryConflict] = []
    with _locked(target):
        data = _read_bytes(name)
        if data is None:
            text = _NEW_FILE_HEADER
        else:
            source = decode_bytes(data, name) if not _is_empty(data) else None
            if source is not None and source.encoding not in ("utf-8", "utf-8-sig"):
                raise InputError(f"cannot add to {name}: it is {source.encoding} text; glossaries are UTF-8")
            text = data.decode("utf-8")
        index = _key_index(parse(text, name).entries)
        last = text.rfind("\n")
        newline = "\r\n" if last > 0 and text[last - 1] == "\r" else "\n"
        appended: list[str] = []
        number = len(_split_lines(text)) if text else 0
        for new in news:
            keys = _keys(new)
            matches = list({id(e): e for k in keys for e in index.get(k, [])}.values())
            if any(en_key(o.en) == en_key(new.en) and _no_new_english(o, new) for o in matches):
                present.append(new)
                continue
            if matches and not force:
                old = matches[0]
                where = f"line {old.line}" if old.line else "an entry imported just before"
                refused.append(GlossaryConflict(
                    f"{_show(new)} conflicts with {where}: {_show(old)}", "conflict", old, new))  # fmt: skip
                continue
            if matches:  # force: replace in place, then re-index from the rewritten text
                if appended:
                    text = _append(text, appended, newline)
                    appended = []
                on_file = [m for m in matches if m.line]
                if on_file:
                    text, message = _replace(text, sorted(on_file, key=lambda e: e.line), new, name)
                    done.append(message)
                    index = _key_index(parse(text, name).entries)
                    number = len(_split_lines(text))
                    continue
            appended.append(new.to_line())
            number += 1
            placed = Entry(new.ja, new.en, new.variants, new.note, name, 0)
            for k in keys:
                index.setdefault(k, []).append(placed)
            done.append(f"added {_show(new)}")
        if appended:
            text = _append(text, appended, newline)
        if done:
            write_text_atomic(target, text)
    return done, present, refused


def _keys(entry: Entry) -> tuple[str, str]:
    """The two keys an entry is found by: its surface key and (marked) its lemma key."""
    return surface_key(entry.ja), "\0" + lemma_key(entry.ja)


def _key_index(entries) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for e in entries:
        for k in _keys(e):
            index.setdefault(k, []).append(e)
    return index


def _no_new_english(existing: Entry, new: Entry) -> bool:
    known = {en_key(v) for v in existing.variants} | {en_key(existing.en)}
    return all(en_key(v) in known for v in new.variants)


def _append(text: str, lines: list[str], newline: str) -> str:
    if text and not text.endswith("\n"):
        text += newline
    return text + newline.join(lines) + newline
