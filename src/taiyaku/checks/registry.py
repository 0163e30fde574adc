"""Rules: small classes with a stable code, a name, a default severity and a docstring.

A rule reads one CheckContext and yields Findings. Rules register themselves by being
decorated with @register (the modules of checks.rules); this module imports none of them,
so the registry has no import cycle. checks.run imports the rules and runs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Finding, Location, Severity, TablePair

if TYPE_CHECKING:
    from .context import CheckContext


class Rule:
    """Base class. Subclasses set code, name, severity and implement check()."""

    code: str = ""
    name: str = ""
    severity: Severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, message: str, ja: Location | None, en: Location | None,
                pair: TablePair | None = None, expected: str | None = None,
                severity: Severity | None = None, group: str | None = None) -> Finding:  # fmt: skip
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            message=message,
            ja=ja,
            en=en,
            expected=expected,
            group=group if group is not None else (pair.name if pair is not None else ""),
        )

    @classmethod
    def describe(cls) -> str:
        return (cls.__doc__ or "").strip()


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if not cls.code or not cls.name:
        raise TypeError(f"{cls.__name__} needs a code and a name")
    if cls.code in REGISTRY:
        raise TypeError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


def registered() -> list[type[Rule]]:
    """The registered rules in code order (import taiyaku.checks.rules first: see checks.run)."""
    return [REGISTRY[c] for c in sorted(REGISTRY)]


class UnknownRule(ValueError):
    """A code or name in a selection that no rule has."""


def selected(rules: list[type[Rule]], select: Iterable[str] | None, ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """The rules a selection keeps: those `select` names (all when None), minus `ignore`.

    Codes and names both work; an unknown one raises UnknownRule naming it.
    """
    wanted = None if select is None else set(select)
    unwanted = set(ignore)
    known = {name for r in rules for name in (r.code, r.name)}
    unknown = sorted((wanted or set()) - known) + sorted(unwanted - known)
    if unknown:
        raise UnknownRule(f"unknown rule {', '.join(unknown)} (see 'taiyaku rules')")
    return [
        r for r in rules
        if (wanted is None or r.code in wanted or r.name in wanted)
        and r.code not in unwanted and r.name not in unwanted
    ]  # fmt: skip
