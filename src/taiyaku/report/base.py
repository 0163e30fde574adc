"""Reporters: one interface, picked by name. The exit code is decided apart from the format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from ..api import Report


class Reporter(Protocol):
    name: str

    def write(self, report: Report, out: TextIO, color: bool = False) -> None: ...


def get_reporter(name: str) -> Reporter:
    if name == "json":
        from .json import JsonReporter

        return JsonReporter()
    if name == "text":
        from .text import TextReporter

        return TextReporter()
    raise KeyError(name)


FORMATS = ("text", "json")
