"""Reporters: one interface, picked by name. The exit code is decided apart from the format
(taiyaku.gate), and so are problems and waivers (the Report carries them).

A reporter writes one `Report` (inputs, findings, problems, waived findings, alignment) to a
text stream; a binary one (`binary = True`: xlsx) returns bytes from `render`. They are
registered by name and imported only when used, so a run pays only for the formats it writes.
"""

from __future__ import annotations

import importlib
import io
from pathlib import PurePath
from typing import Protocol, TextIO

from ..model import Report


class Reporter(Protocol):
    name: str

    def write(self, report: Report, out: TextIO, color: bool = False) -> None: ...


# name -> (module under taiyaku.report, class)
REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "html": ("html", "HtmlReporter"),
    "xlsx": ("xlsx", "XlsxReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "alignment-text": ("alignment", "AlignmentTextReporter"),
    "alignment-json": ("json", "AlignmentJsonReporter"),
    "documents-text": ("documents", "DocumentsTextReporter"),
    "documents-json": ("json", "DocumentsJsonReporter"),
}

CHECK_FORMATS = ("text", "json", "html", "xlsx", "sarif", "junit")  # what `taiyaku check --format` offers
BINARY_FORMATS = frozenset({"xlsx"})

# A report file's format from its name, when --format does not say (longest suffix first).
SUFFIXES = ((".sarif.json", "sarif"), (".junit.xml", "junit"), (".txt", "text"), (".json", "json"),
            (".html", "html"), (".htm", "html"), (".xlsx", "xlsx"), (".sarif", "sarif"), (".xml", "junit"))  # fmt: skip


def format_of(path: str) -> str | None:
    """The report format a file name's extension names, or None."""
    name = PurePath(path).name.lower()
    return next((fmt for suffix, fmt in SUFFIXES if name.endswith(suffix)), None)
ALIGN_FORMATS = {"text": "alignment-text", "json": "alignment-json"}  # `taiyaku align --format`
SHOW_FORMATS = {"text": "documents-text", "json": "documents-json"}  # `taiyaku show --format`


def get_reporter(name: str) -> Reporter:
    """The reporter registered as `name`; KeyError names the known ones."""
    try:
        module, cls = REPORTERS[name]
    except KeyError:
        raise KeyError(f"unknown report format {name!r} (known: {', '.join(REPORTERS)})") from None
    reporter: Reporter = getattr(importlib.import_module(f"{__package__}.{module}"), cls)()
    return reporter


def render(name: str, report: Report, color: bool = False) -> str | bytes:
    """The report `report` in format `name`: text, or bytes for a binary format."""
    reporter = get_reporter(name)
    if name in BINARY_FORMATS:
        data: bytes = reporter.render(report)  # type: ignore[attr-defined]
        return data
    buf = io.StringIO()
    reporter.write(report, buf, color)
    return buf.getvalue()
