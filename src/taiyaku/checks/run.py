"""Run the selected rules on one context (importing checks.rules registers every rule)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from . import rules as _rules  # noqa: F401  (importing registers the rules)
from .context import CheckContext
from .registry import Rule, registered, selected


def all_rules() -> list[type[Rule]]:
    """Every rule, in code order."""
    return registered()


def run_rules(ctx: CheckContext) -> Iterator[Finding]:
    """The findings of the rules `ctx.options` selects, rule by rule in code order."""
    for rule_cls in selected(registered(), ctx.options.select, ctx.options.ignore):
        yield from rule_cls().check(ctx)
