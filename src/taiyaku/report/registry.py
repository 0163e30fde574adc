"""Reporters: one interface, picked by name. The exit code is decided apart from the format.

A reporter writes one `Report` (inputs, findings, alignment) to a text stream. They are
registered by name and imported only when used, so a run pays only for the format it writes.
"""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from ..model import Report


class Reporter(Protocol):
    name: str

    def write(self, report: Report, out: TextIO, color: bool = False) -> None: ...


# name -> (module under taiyaku.report, class)
REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "alignment-text": ("alignment", "AlignmentTextReporter"),
    "alignment-json": ("json", "AlignmentJsonReporter"),
    "documents-text": ("documents", "DocumentsTextReporter"),
    "documents-json": ("json", "DocumentsJsonReporter"),
}

CHECK_FORMATS = ("text", "json")  # what `taiyaku check --format` offers
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
