"""Safe opening of the ZIP archives that DOCX and XLSX files are (Office Open XML packages).

`open_archive` looks at the archive's directory only (zipfile's infolist: each member's name,
declared size and compressed size) and refuses, before anything is inflated: a damaged or
truncated archive, too many members, a member name that is absolute or climbs out with
"..", one part larger than `max_part` (a sheet's XML, the document's XML), a total
uncompressed size over `max_total`, and a large member that inflates more than `max_ratio`
times its compressed size (a ZIP bomb). `read_part` then inflates one member, never more
than its declared size (zipfile stops there and checks the CRC), and turns the errors of a
damaged member into the same one-line InputError.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = ["Archive", "Limits", "footnote_mark", "join_broken", "open_archive"]


@dataclass(frozen=True)
class Limits:
    max_members: int = 10_000
    max_total: int = 200 * 1024 * 1024  # uncompressed bytes, all members together
    max_part: int = 100 * 1024 * 1024  # uncompressed bytes of one member
    max_ratio: int = 100  # uncompressed / compressed, for members of ratio_floor bytes or more
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


class Archive:
    """An OOXML package whose directory passed the checks; `read_part` inflates one member."""

    def __init__(self, path: str, data: bytes, zf: zipfile.ZipFile, kind: str) -> None:
        self.path = path
        self.data = data
        self.kind = kind
        self._zf = zf
        self._infos = {info.filename: info for info in zf.infolist()}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read_part(self, name: str) -> bytes:
        """The inflated bytes of member `name`; InputError when it is missing or damaged."""
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"cannot read {self.path}: not a complete {self.kind} file ({name} is missing)")
        try:
            with self._zf.open(info) as f:
                out = f.read(info.file_size + 1)
        except RuntimeError as e:  # an encrypted member
            raise InputError(f"cannot read {self.path}: {name} is encrypted ({e})") from None
        except NotImplementedError:
            raise InputError(f"cannot read {self.path}: {name} uses an unsupported compression method") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
            reason = str(e).splitlines()[0] if str(e) else e.__class__.__name__
            raise InputError(f"cannot read {self.path}: a damaged {self.kind} archive ({name}: {reason})") from None
        if len(out) > info.file_size:  # zipfile stops at the declared size; be sure
            raise InputError(f"cannot read {self.path}: {name} is larger than its archive entry says")
        return out

    def xml(self, name: str) -> Any:
        """Member `name` parsed as XML (lxml; no DTDs, entities or network); InputError if it is not."""
        from lxml import etree

        raw = self.read_part(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                                 remove_comments=True, remove_pis=True)  # fmt: skip
        try:
            return etree.fromstring(raw, parser)
        except etree.XMLSyntaxError as e:
            reason = str(e).splitlines()[0] if str(e) else "not well-formed"
            raise InputError(f"cannot read {self.path}: {name} is not well-formed XML ({reason})") from None

    def stream(self) -> io.BytesIO:
        """The archive's bytes as a file, for a library that opens the ZIP itself."""
        return io.BytesIO(self.data)


def open_archive(path: str, data: bytes, kind: str, limits: Limits = DEFAULT_LIMITS) -> Archive:
    """The checked archive of `data` (a DOCX or an XLSX: `kind` names it in messages)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise InputError(f"cannot read {path}: a damaged ZIP archive (a truncated or corrupt {kind} file?)") from None
    if len(infos) > limits.max_members:
        raise InputError(f"cannot read {path}: the {kind} archive has {len(infos):,} members "
                         f"(more than {limits.max_members:,}: not a document)")  # fmt: skip
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise InputError(f"cannot read {path}: the {kind} archive has a member with an unsafe name ({name!r})")
        if name in seen:
            raise InputError(f"cannot read {path}: the {kind} archive holds {name!r} twice (a tampered file)")
        seen.add(name)
        size = info.file_size
        if size > limits.max_part:
            raise InputError(f"cannot read {path}: {name} would inflate to {_mb(size)} "
                             f"(over the {_mb(limits.max_part)} limit for one part)")  # fmt: skip
        if size >= limits.ratio_floor and size > limits.max_ratio * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise InputError(f"cannot read {path}: {name} inflates {ratio:,.0f} times its compressed size "
                             f"(a ZIP bomb? the limit is {limits.max_ratio}:1)")  # fmt: skip
        total += size
        if total > limits.max_total:
            raise InputError(f"cannot read {path}: the {kind} archive would inflate to more than "
                             f"{_mb(limits.max_total)} (a ZIP bomb?)")  # fmt: skip
    return Archive(path, data, zf, kind)


# --------------------------------------------------------------------------------------------
# Text shared by the DOCX and XLSX readers
# --------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WS = re.compile(r"[ \t\u00a0]+")


def join_broken(parts: list[str]) -> str:
    """The visual lines of one cell or paragraph joined into one line: with a space, except
    between two Japanese characters ("親会社株主に帰属" + "する当期純利益")."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) and _CJK.match(part[0])):
            out += " "
        out += part
    return _WS.sub(" ", out)


# A superscript that is a footnote mark: 1, *, (2), (*)3, ※1, 注2.
_MARK = re.compile(r"\s*[(（]?\s*(?:注|※|[*＊]{1,3})?\s*[0-9０-９]{0,3}\s*[)）]?\s*[0-9０-９*＊]{0,3}\s*")


def footnote_mark(text: str) -> str:
    """A superscript run's text as the sources' footnote-mark notation `^{...}` when it is a
    footnote mark (which parse strips from labels and figures), else as it is ("st" of 1st)."""
    t = text.strip()
    if t and _MARK.fullmatch(t) and any(c.isdigit() or c in "*＊※" for c in t):
        return "^{" + t + "}"
    return text
